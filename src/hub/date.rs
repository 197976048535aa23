//! Calendar dates without a time zone: enough for `last_verified`,
//! staleness and `--today`, with no date-time dependency.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`, rejecting impossible dates such as 2025-02-30.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = text.get(0..4)?.parse().ok()?;
        let month = text.get(5..7)?.parse().ok()?;
        let day = text.get(8..10)?.parse().ok()?;
        let date = Date { year, month, day };
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(date)
    }

    /// Today in UTC.
    pub fn today() -> Date {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days((seconds / 86_400) as i64)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn days_until(self, later: Date) -> i64 {
        later.days() - self.days()
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// How a date written another way than `YYYY-MM-DD` was read.
#[derive(Debug, PartialEq, Eq)]
pub enum DateRead {
    Exact(Date),
    /// Day and month could each be the other ("03/04/2025"): read as the
    /// United States write it, month first.
    Guessed(Date),
}

impl DateRead {
    /// Dates as people type them: `3/4/2025`, `3/4/25`, `4.3.2025` (day
    /// first), `2025/03/04` (year first), and with the month named in
    /// English or Spanish (`October 2, 2026`, `2-Oct-2026`, `2 de octubre
    /// de 2026`).
    pub fn of(text: &str) -> Option<DateRead> {
        if let Some(date) = with_month_named(text) {
            return Some(DateRead::Exact(date));
        }
        let day_first = text.contains('.');
        let parts: Vec<u32> = text
            .trim()
            .split(['/', '-', '.'])
            .map(|p| p.trim().parse().ok())
            .collect::<Option<_>>()?;
        let make = |year: u32, month: u32, day: u32| {
            Date::parse(&format!("{year:04}-{month:02}-{day:02}"))
        };
        if let [year, month, day] = parts[..] {
            if year >= 1000 {
                return make(year, month, day).map(DateRead::Exact);
            }
        }
        let [a, b, year] = parts[..] else {
            return None;
        };
        let year = match year {
            0..=49 => 2000 + year,
            50..=99 => 1900 + year,
            _ => year,
        };
        let (month, day) = if day_first { (b, a) } else { (a, b) };
        match (make(year, month, day), make(year, day, month)) {
            (Some(date), Some(_)) if month != day && !day_first => Some(DateRead::Guessed(date)),
            (Some(date), _) => Some(DateRead::Exact(date)),
            (None, Some(date)) => Some(DateRead::Exact(date)),
            (None, None) => None,
        }
    }
}

/// A date with its month named: a month name or its usual abbreviation,
/// a day and a four-digit year, in any order, with "de" and ordinal
/// endings ("2nd") left aside.
fn with_month_named(text: &str) -> Option<Date> {
    let key = crate::hub::words::key(text);
    let words: Vec<&str> = key
        .split('_')
        .filter(|word| !["de", "del", "the", "of"].contains(word))
        .collect();
    let [_, _, _] = words[..] else {
        return None;
    };
    let month = words.iter().find_map(|word| month_named(word))?;
    let mut day = None;
    let mut year = None;
    for word in &words {
        let digits = ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|ending| word.strip_suffix(ending))
            .unwrap_or(word);
        let Ok(number) = digits.parse::<u32>() else {
            continue;
        };
        if digits.len() == 4 {
            year = Some(number);
        } else if digits.len() <= 2 {
            day = Some(number);
        }
    }
    Date::parse(&format!("{:04}-{month:02}-{:02}", year?, day?))
}

fn month_named(word: &str) -> Option<u32> {
    const MONTHS: [&[&str]; 12] = [
        &["january", "jan", "enero", "ene"],
        &["february", "feb", "febrero"],
        &["march", "mar", "marzo"],
        &["april", "apr", "abril", "abr"],
        &["may", "mayo"],
        &["june", "jun", "junio"],
        &["july", "jul", "julio"],
        &["august", "aug", "agosto", "ago"],
        &["september", "sep", "sept", "septiembre", "setiembre", "set"],
        &["october", "oct", "octubre"],
        &["november", "nov", "noviembre"],
        &["december", "dec", "diciembre", "dic"],
    ];
    MONTHS
        .iter()
        .position(|names| names.contains(&word))
        .and_then(|index| u32::try_from(index + 1).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_impossible_dates() {
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2025-02-29").is_none());
        assert!(Date::parse("15/01/2025").is_none());
        assert!(Date::parse("2025-1-5").is_none());
    }

    #[test]
    fn dates_as_people_type_them_are_read() {
        let date = |text: &str| Date::parse(text).unwrap();
        assert_eq!(
            DateRead::of("1/10/2026"),
            Some(DateRead::Guessed(date("2026-01-10")))
        );
        assert_eq!(
            DateRead::of("1/20/26"),
            Some(DateRead::Exact(date("2026-01-20")))
        );
        assert_eq!(
            DateRead::of("20.1.2026"),
            Some(DateRead::Exact(date("2026-01-20")))
        );
        assert_eq!(
            DateRead::of("2026/01/20"),
            Some(DateRead::Exact(date("2026-01-20")))
        );
        assert_eq!(DateRead::of("2/30/2026"), None);
        assert_eq!(DateRead::of("soon"), None);
    }

    #[test]
    fn dates_with_the_month_named_in_english_or_spanish_are_read() {
        let exact = |text: &str| Some(DateRead::Exact(Date::parse(text).unwrap()));
        for written in [
            "October 2, 2026",
            "Oct. 2, 2026",
            "2 Oct 2026",
            "2-Oct-2026",
            "October 2nd, 2026",
            "2 de octubre de 2026",
            "2 octubre 2026",
            "octubre 2, 2026",
        ] {
            assert_eq!(DateRead::of(written), exact("2026-10-02"), "{written}");
        }
        assert_eq!(DateRead::of("Feb 30, 2026"), None);
        assert_eq!(DateRead::of("October 2026"), None);
    }

    #[test]
    fn day_arithmetic_round_trips() {
        let date = Date::parse("2026-11-23").unwrap();
        assert_eq!(Date::from_days(date.days()), date);
        assert_eq!(Date::parse("1970-01-01").unwrap().days(), 0);
        assert_eq!(Date::parse("2025-06-02").unwrap().days_until(date), 539);
    }
}
