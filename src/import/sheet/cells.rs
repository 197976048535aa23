//! Reading a cell the way a volunteer wrote it: numbers a spreadsheet
//! stored as numbers (phone numbers, ZIP codes, dates), lists in one
//! cell, yes and no in English and Spanish.

use super::read::Cell;
use crate::hub::date::{Date, DateRead};

/// A cell as text: trimmed, `None` when empty. Whole numbers lose the
/// `.0` a workbook gives them; a date cell becomes `YYYY-MM-DD`; the `'`
/// that keeps a spreadsheet from running a cell as a formula is dropped.
pub(super) fn text(cell: &Cell) -> Option<String> {
    let text = match cell {
        Cell::Empty | Cell::Error(_) => return None,
        Cell::Text(text) => {
            let text = text.trim();
            match text.strip_prefix('\'') {
                Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
                _ => text.to_string(),
            }
        }
        Cell::Number(number) => number_text(*number),
        Cell::Date(serial) => {
            serial_date(*serial).map_or_else(|| number_text(*serial), |d| d.to_string())
        }
        Cell::Bool(value) => if *value { "yes" } else { "no" }.to_string(),
    };
    (!text.is_empty()).then_some(text)
}

/// `5055550100` rather than `5055550100.0` or `5.0555501e9`.
pub(super) fn number_text(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        number.to_string()
    }
}

/// Excel's day count (1 = 1900-01-01, with its phantom 1900-02-29) as a
/// date; `None` outside 1950–2100, where a number is not meant as one.
pub(super) fn serial_date(serial: f64) -> Option<Date> {
    let days = serial.floor() as i64;
    if !(18_264..=73_415).contains(&days) {
        return None;
    }
    // Days since 1899-12-30, which absorbs the phantom leap day for every
    // date after February 1900: 1900-01-01 plus (days - 2).
    let mut remaining = days - 2;
    let mut year = 1900i32;
    loop {
        let length = if is_leap(year) { 366 } else { 365 };
        if remaining < length {
            break;
        }
        remaining -= length;
        year += 1;
    }
    let mut month = 1u32;
    loop {
        let length = month_length(year, month) as i64;
        if remaining < length {
            break;
        }
        remaining -= length;
        month += 1;
    }
    Date::parse(&format!("{year:04}-{month:02}-{:02}", remaining + 1))
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn month_length(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A date as spreadsheets hold and people type them: a date cell, a day
/// count, `2025-03-04`, `3/4/2025`, `3/4/25`, `4.3.2025` (day first).
pub(super) fn date(cell: &Cell) -> Option<DateRead> {
    match cell {
        Cell::Date(serial) | Cell::Number(serial) => serial_date(*serial).map(DateRead::Exact),
        Cell::Text(text) => {
            let text = text.trim();
            if let Some(date) = Date::parse(text.get(..10).unwrap_or(text)) {
                return Some(DateRead::Exact(date));
            }
            if let Ok(serial) = text.parse::<f64>() {
                return serial_date(serial).map(DateRead::Exact);
            }
            DateRead::of(text)
        }
        _ => None,
    }
}

/// Yes, no, or unreadable (`Err`): "Yes", "Y", "x", "✓", "TRUE", "sí",
/// "1"; "No", "N", "FALSE", "0". A longer text that starts with yes or no
/// ("Yes, after 5pm") is read by that word.
pub(super) fn yes_no(text: &str) -> Result<bool, ()> {
    let lower = text.trim().to_lowercase();
    let first = lower
        .split(|c: char| !c.is_alphanumeric() && c != '✓' && c != '✔')
        .find(|w| !w.is_empty())
        .unwrap_or("");
    match first {
        "yes" | "y" | "x" | "✓" | "✔" | "true" | "si" | "sí" | "1" | "required" | "requerido" => {
            Ok(true)
        }
        "no" | "n" | "false" | "0" | "none" | "not" => Ok(false),
        _ => Err(()),
    }
}

/// The items of a list cell: split at `;` and line breaks, and with
/// `words` also at commas, `/` and the words "and", "y", "&" ("English,
/// Spanish and ASL", "inglés y español").
pub(super) fn items(text: &str, words: bool) -> Vec<String> {
    let mut parts: Vec<String> = text.split([';', '\n', '•']).map(str::to_string).collect();
    if words {
        parts = parts
            .iter()
            .flat_map(|p| {
                p.split([',', '/', '&'])
                    .flat_map(|p| p.split(" and "))
                    .flat_map(|p| p.split(" y "))
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
    }
    parts
        .into_iter()
        .map(|p| p.trim().trim_start_matches(['-', '*']).trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// "city, state or ZIP code".
pub(super) fn either(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_a_workbook_stored_read_as_written() {
        assert_eq!(
            text(&Cell::Number(5055550100.0)).as_deref(),
            Some("5055550100")
        );
        assert_eq!(text(&Cell::Number(87042.0)).as_deref(), Some("87042"));
        assert_eq!(text(&Cell::Number(2.5)).as_deref(), Some("2.5"));
        assert_eq!(
            text(&Cell::Text("'+1 505".into())).as_deref(),
            Some("+1 505")
        );
        assert_eq!(text(&Cell::Text("  ".into())), None);
    }

    #[test]
    fn day_counts_and_typed_dates_become_dates() {
        let exact = |s: &str| Some(DateRead::Exact(Date::parse(s).unwrap()));
        assert_eq!(date(&Cell::Number(45658.0)), exact("2025-01-01"));
        assert_eq!(date(&Cell::Date(45000.0)), exact("2023-03-15"));
        assert_eq!(date(&Cell::Text("45658".into())), exact("2025-01-01"));
        assert_eq!(date(&Cell::Text("2025-06-02".into())), exact("2025-06-02"));
        assert_eq!(date(&Cell::Text("12/31/2024".into())), exact("2024-12-31"));
        assert_eq!(date(&Cell::Text("31/12/24".into())), exact("2024-12-31"));
        assert_eq!(
            date(&Cell::Text("3/4/2025".into())),
            Some(DateRead::Guessed(Date::parse("2025-03-04").unwrap()))
        );
        assert_eq!(date(&Cell::Text("4.3.2025".into())), exact("2025-03-04"));
        assert_eq!(
            date(&Cell::Text("June 2, 2025".into())),
            exact("2025-06-02")
        );
        assert_eq!(
            date(&Cell::Text("2 de junio de 2025".into())),
            exact("2025-06-02")
        );
        assert_eq!(date(&Cell::Text("last spring".into())), None);
        assert_eq!(date(&Cell::Number(12.0)), None);
    }

    #[test]
    fn yes_and_no_in_the_ways_people_write_them() {
        for yes in [
            "Yes",
            "y",
            "X",
            "✓",
            "TRUE",
            "Sí",
            "si",
            "1",
            "Yes, after 5pm",
        ] {
            assert_eq!(yes_no(yes), Ok(true), "{yes}");
        }
        for no in ["No", "n", "FALSE", "0", "no - call first"] {
            assert_eq!(yes_no(no), Ok(false), "{no}");
        }
        assert_eq!(yes_no("sometimes"), Err(()));
    }

    #[test]
    fn list_cells_split_at_separators_people_use() {
        assert_eq!(
            items("English, Spanish and ASL", true),
            ["English", "Spanish", "ASL"]
        );
        assert_eq!(items("inglés y español", true), ["inglés", "español"]);
        assert_eq!(
            items("Shelter; Legal help\n- Counseling", false),
            ["Shelter", "Legal help", "Counseling"]
        );
        assert_eq!(
            items("Food, clothing and shelter", false),
            ["Food, clothing and shelter"]
        );
    }
}
