//! Opening hours as people write them in exports and spreadsheets:
//! "Monday - Friday 9am-5pm", "Mon-Fri 8:00AM - 5:00PM; Sat 10-2",
//! "lunes a viernes 9:00-17:00", "9:00 a.m.". Read into the record's
//! weekly form (`HH:MM-HH:MM` per day) only when every part of the text
//! is understood; anything else is left to the caller to keep as a note,
//! so a day is never marked closed by a guess.

use std::collections::BTreeMap;

/// The record's day keys, Monday first.
pub const DAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// An opening range, `HH:MM` to `HH:MM` (24-hour).
pub type Range = (String, String);

/// Opening ranges by day key.
pub type Weekly = BTreeMap<&'static str, Vec<Range>>;

/// A time of day as written: "9", "9am", "9:30 pm", "9.30PM", "09:00",
/// "17:00", "9 a.m.", "noon", "midnight", "mediodía". `24:00` is allowed
/// (the end of a day).
pub fn clock(text: &str) -> Option<String> {
    let text = text.trim().to_lowercase();
    match text.as_str() {
        "noon" | "mediodía" | "mediodia" | "12 noon" => return Some("12:00".into()),
        "midnight" | "medianoche" => return Some("24:00".into()),
        _ => {}
    }
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect();
    let (number, meridiem) = if let Some(rest) = compact.strip_suffix("am") {
        (rest, Some(false))
    } else if let Some(rest) = compact.strip_suffix("pm") {
        (rest, Some(true))
    } else if let Some(rest) = compact.strip_suffix('a') {
        (rest, Some(false))
    } else if let Some(rest) = compact.strip_suffix('p') {
        (rest, Some(true))
    } else {
        (compact.as_str(), None)
    };
    // "9:30", "9.30" (the dot was dropped: "930"), "0930", "9h30".
    let number = number.replace('h', ":");
    let (hours, minutes) = match number.split_once(':') {
        Some((hours, minutes)) => (hours.to_string(), minutes.to_string()),
        None if number.len() >= 3 => {
            let split = number.len() - 2;
            (number[..split].to_string(), number[split..].to_string())
        }
        None => (number.to_string(), "0".to_string()),
    };
    let minutes = minutes.split(':').next().unwrap_or_default();
    if hours.is_empty() || !hours.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if minutes.is_empty() || !minutes.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut hours: u32 = hours.parse().ok()?;
    let minutes: u32 = minutes.parse().ok()?;
    if minutes >= 60 {
        return None;
    }
    match meridiem {
        Some(pm) => {
            if !(1..=12).contains(&hours) {
                return None;
            }
            hours = match (hours, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (hours, true) => hours + 12,
                (hours, false) => hours,
            };
        }
        None if hours > 24 || (hours == 24 && minutes > 0) => return None,
        None => {}
    }
    Some(format!("{hours:02}:{minutes:02}"))
}

/// A range "9am-5pm", "9:00 AM - 5:00 PM", "09:00–17:00", "9 a 17",
/// "from 9 to 5", "de 9 a 5" (a bare closing hour before the opening one
/// is afternoon).
pub fn range(text: &str) -> Option<(String, String)> {
    let text = text.trim().to_lowercase();
    // "from 9 to 5", "de 9 a 5".
    let text = ["from ", "de "]
        .iter()
        .find_map(|word| text.strip_prefix(word))
        .map_or(text.clone(), str::to_string);
    let separators = [" to ", " a ", " hasta ", "–", "—", "-"];
    let (open, close) = separators
        .iter()
        .find_map(|separator| text.split_once(separator))?;
    let open_text = open.trim();
    let close_text = close.trim();
    // "9-5pm": the opening hour shares the closing one's half of the day
    // unless that would put it after the close ("10-2pm" opens at 10am).
    let close = clock(close_text)?;
    let bare = |t: &str| {
        t.bytes()
            .all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
    };
    let mut open = clock(open_text)?;
    if bare(open_text) && !bare(close_text) && close_text.ends_with("pm") {
        if let Some(afternoon) = clock(&format!("{open_text}pm")) {
            if afternoon < close {
                open = afternoon;
            }
        }
    }
    let mut close = close;
    let morning = |t: &str| t < "12:00";
    if bare(open_text) && bare(close_text) && close < open && morning(&open) && morning(&close) {
        // "9-5", "8:30-4:30": office hours, closing in the afternoon
        // ("22:00-06:00" is a night, left alone).
        close = clock(&format!("{close_text}pm"))?;
    }
    if close <= open && close != "00:00" {
        return None;
    }
    let close = if close == "00:00" {
        "24:00".to_string()
    } else {
        close
    };
    Some((open, close))
}

/// Day names and ranges: "Monday - Friday", "Mon-Fri", "M-F", "Mon, Wed &
/// Fri", "weekdays", "daily", "lunes a viernes", "sáb". `None` for text
/// that is not only days.
pub fn days(text: &str) -> Option<Vec<&'static str>> {
    let text = text.trim().trim_end_matches(':').to_lowercase();
    match text.as_str() {
        "weekdays" | "weekday" | "entre semana" => return Some(DAY_KEYS[..5].to_vec()),
        "weekends" | "weekend" | "fin de semana" | "fines de semana" => {
            return Some(DAY_KEYS[5..].to_vec())
        }
        "daily" | "every day" | "everyday" | "7 days" | "7 days a week" | "todos los días"
        | "todos los dias" | "diario" => return Some(DAY_KEYS.to_vec()),
        _ => {}
    }
    let mut found = Vec::new();
    for part in text
        .split([',', '&', '/'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" y "))
    {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let through = [" through ", " thru ", " to ", " a ", " al ", "–", "—", "-"]
            .iter()
            .find_map(|separator| part.split_once(separator));
        match through {
            Some((first, last)) => {
                let (first, last) = (day(first)?, day(last)?);
                let start = DAY_KEYS.iter().position(|k| *k == first)?;
                let end = DAY_KEYS.iter().position(|k| *k == last)?;
                let mut index = start;
                loop {
                    found.push(DAY_KEYS[index]);
                    if index == end {
                        break;
                    }
                    index = (index + 1) % 7;
                }
            }
            None => found.push(day(part)?),
        }
    }
    (!found.is_empty()).then_some(found)
}

/// One day name in English or Spanish, full or short: "Monday", "mon",
/// "M", "Tues", "Thurs", "miércoles", "sáb".
fn day(text: &str) -> Option<&'static str> {
    let folded = crate::hub::words::fold(text.trim().trim_end_matches('.'));
    let names: [(&str, &[&str]); 7] = [
        ("mon", &["monday", "mon", "mo", "m", "lunes", "lun", "lu"]),
        (
            "tue",
            &["tuesday", "tues", "tue", "tu", "t", "martes", "mar", "ma"],
        ),
        (
            "wed",
            &["wednesday", "wed", "we", "w", "miercoles", "mie", "mi"],
        ),
        (
            "thu",
            &[
                "thursday", "thurs", "thur", "thu", "th", "r", "jueves", "jue", "ju",
            ],
        ),
        ("fri", &["friday", "fri", "fr", "f", "viernes", "vie", "vi"]),
        ("sat", &["saturday", "sat", "sa", "s", "sabado", "sab"]),
        ("sun", &["sunday", "sun", "su", "u", "domingo", "dom", "do"]),
    ];
    names
        .iter()
        .find(|(_, spellings)| spellings.contains(&folded.as_str()))
        .map(|(key, _)| *key)
}

/// A whole text of weekly hours: day groups, each followed by one or more
/// ranges, separated by `;`, line breaks or commas between groups
/// ("Mon-Fri 9am-5pm; Sat 10am-2pm", "Monday - Friday, 8:00 AM - 5:00
/// PM"). `None` unless every part is understood.
pub fn weekly(text: &str) -> Option<Weekly> {
    let mut weekly = Weekly::new();
    let text = text.replace(['\n', '|'], ";");
    for group in text.split(';').map(str::trim).filter(|g| !g.is_empty()) {
        let (days, ranges) = split_days_and_ranges(group)?;
        for day in days {
            weekly
                .entry(day)
                .or_default()
                .extend(ranges.iter().cloned());
        }
    }
    (!weekly.is_empty()).then_some(weekly)
}

/// "Mon-Fri 9am-12pm, 1pm-5pm" → the days and the ranges: the longest
/// start of the group that reads as days, the rest as ranges.
fn split_days_and_ranges(group: &str) -> Option<(Vec<&'static str>, Vec<Range>)> {
    let cuts: Vec<usize> = group
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit() || *c == ':' || *c == ',')
        .map(|(at, _)| at)
        .collect();
    // Try cutting before each digit (the times start there), last first.
    for &cut in cuts
        .iter()
        .filter(|at| group[**at..].starts_with(|c: char| c.is_ascii_digit()))
    {
        let (day_text, time_text) = group.split_at(cut);
        let day_text = day_text.trim().trim_end_matches([',', ':']).trim();
        let Some(days) = days(day_text) else {
            continue;
        };
        if let Some(ranges) = ranges(time_text) {
            return Some((days, ranges));
        }
    }
    times_then_days(group)
}

/// "9am-12pm, 1pm-5pm" → the ranges, if every part is one.
fn ranges(text: &str) -> Option<Vec<Range>> {
    let ranges: Option<Vec<Range>> = text
        .split([',', '&'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(range)
        .collect();
    ranges.filter(|r| !r.is_empty())
}

/// "9:00am-5:00pm, Mon-Fri", as 211 exports write it: the ranges, a
/// comma, then the days.
fn times_then_days(group: &str) -> Option<(Vec<&'static str>, Vec<Range>)> {
    for (at, _) in group.match_indices(',') {
        let (time_text, day_text) = (&group[..at], group[at + 1..].trim());
        let Some(days) = days(day_text) else {
            continue;
        };
        if let Some(ranges) = ranges(time_text) {
            return Some((days, ranges));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_in_every_usual_spelling() {
        for (written, read) in [
            ("9", "09:00"),
            ("9am", "09:00"),
            ("9:00am", "09:00"),
            ("8:00AM", "08:00"),
            ("9:30 pm", "21:30"),
            ("9.30PM", "21:30"),
            ("9 a.m.", "09:00"),
            ("12pm", "12:00"),
            ("12am", "00:00"),
            ("17:00", "17:00"),
            ("9:00:00", "09:00"),
            ("noon", "12:00"),
        ] {
            assert_eq!(clock(written).as_deref(), Some(read), "{written}");
        }
        for nonsense in ["25:00", "13pm", "9:75", "soon", ""] {
            assert_eq!(clock(nonsense), None, "{nonsense}");
        }
    }

    #[test]
    fn ranges_read_with_or_without_am_and_pm() {
        let range_of = |text| range(text).map(|(a, b)| format!("{a}-{b}"));
        assert_eq!(range_of("9am-5pm").as_deref(), Some("09:00-17:00"));
        assert_eq!(
            range_of("9:00 AM - 5:00 PM").as_deref(),
            Some("09:00-17:00")
        );
        assert_eq!(range_of("10-2pm").as_deref(), Some("10:00-14:00"));
        assert_eq!(range_of("1-5pm").as_deref(), Some("13:00-17:00"));
        assert_eq!(range_of("9-5").as_deref(), Some("09:00-17:00"));
        assert_eq!(range_of("09:00–17:00").as_deref(), Some("09:00-17:00"));
        assert_eq!(range_of("8pm-midnight").as_deref(), Some("20:00-24:00"));
        assert_eq!(range_of("9 a 17").as_deref(), Some("09:00-17:00"));
        assert_eq!(range_of("from 9 to 5").as_deref(), Some("09:00-17:00"));
        assert_eq!(range_of("de 9 a 5").as_deref(), Some("09:00-17:00"));
        assert_eq!(
            range_of("9:00 a. m. - 5:00 p. m.").as_deref(),
            Some("09:00-17:00")
        );
        assert_eq!(range_of("5pm-9am"), None);
    }

    #[test]
    fn day_names_ranges_and_lists_in_english_and_spanish() {
        assert_eq!(days("Monday - Friday"), Some(DAY_KEYS[..5].to_vec()));
        assert_eq!(days("Mon-Fri"), Some(DAY_KEYS[..5].to_vec()));
        assert_eq!(days("M-F"), Some(DAY_KEYS[..5].to_vec()));
        assert_eq!(days("lunes a viernes"), Some(DAY_KEYS[..5].to_vec()));
        assert_eq!(days("Mon, Wed & Fri"), Some(vec!["mon", "wed", "fri"]));
        assert_eq!(days("sáb"), Some(vec!["sat"]));
        assert_eq!(days("Fri-Mon"), Some(vec!["fri", "sat", "sun", "mon"]));
        assert_eq!(days("weekdays"), Some(DAY_KEYS[..5].to_vec()));
        assert_eq!(days("call first"), None);
    }

    #[test]
    fn a_weekly_text_is_read_only_when_every_part_is_understood() {
        let read = weekly("Monday - Friday 9am-5pm; Sat 10am-2pm").unwrap();
        assert_eq!(read["mon"], [("09:00".to_string(), "17:00".to_string())]);
        assert_eq!(read["sat"], [("10:00".to_string(), "14:00".to_string())]);
        assert!(!read.contains_key("sun"));
        let split = weekly("Mon-Fri 9am-12pm, 1pm-5pm").unwrap();
        assert_eq!(split["wed"].len(), 2);
        assert!(weekly("lunes a viernes 9:00-17:00").is_some());
        assert_eq!(weekly("Mon-Fri 9am-5pm; closed on holidays"), None);
        let times_first = weekly("7:30am-4:00pm, Mon, Wed, Fri").unwrap();
        assert_eq!(times_first.len(), 3);
        assert!(weekly("9:00am-12:00pm, 1pm-5pm, Mon-Fri").is_some_and(|w| w["fri"].len() == 2));
        assert_eq!(weekly("by appointment"), None);
    }
}
