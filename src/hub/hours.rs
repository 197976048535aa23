//! Opening hours: parsing of the per-day `HH:MM-HH:MM` ranges and the
//! shape templates receive (`kind`, per-day ranges in minutes, notes).

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::hub::record::Hours;

/// One opening range in minutes after midnight. `end < start` runs past
/// midnight (W064 in the rule list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Range {
    pub start: u16,
    pub end: u16,
}

/// Parses one day's value: `closed` or comma-separated ranges. The error
/// carries the piece that did not parse.
pub fn parse_day(value: &str) -> Result<Vec<Range>, String> {
    let value = value.trim();
    if value.eq_ignore_ascii_case("closed") {
        return Ok(Vec::new());
    }
    value
        .split(',')
        .map(|piece| {
            let piece = piece.trim();
            let (start, end) = piece.split_once('-').ok_or_else(|| piece.to_string())?;
            let start = parse_time(start.trim()).filter(|m| *m < 24 * 60);
            let end = parse_time(end.trim());
            match (start, end) {
                (Some(start), Some(end)) => Ok(Range { start, end }),
                _ => Err(piece.to_string()),
            }
        })
        .collect()
}

fn parse_time(text: &str) -> Option<u16> {
    let (hours, minutes) = text.split_once(':')?;
    if hours.is_empty() || hours.len() > 2 || minutes.len() != 2 {
        return None;
    }
    let hours: u16 = hours.parse().ok()?;
    let minutes: u16 = minutes.parse().ok()?;
    let total = hours * 60 + minutes;
    (minutes < 60 && total <= 24 * 60).then_some(total)
}

/// The day's value in haven's form, when `value` is written another way
/// people write hours ("9am - 5pm", "9:00 AM to 5:00 PM", "09:00–17:00",
/// "9-5", "noon", "24 hours"), read as the importers read it.
pub fn rewrite_day(value: &str) -> Option<String> {
    let lower = value.trim().to_lowercase();
    if ["cerrado", "cerrada", "close", "closed all day", "not open"].contains(&lower.as_str()) {
        return Some("closed".to_string());
    }
    if [
        "24 hours",
        "24 hrs",
        "24hrs",
        "24h",
        "open 24 hours",
        "all day",
    ]
    .contains(&lower.as_str())
    {
        return Some("00:00-24:00".to_string());
    }
    let ranges: Option<Vec<String>> = lower
        .split([',', ';'])
        .map(|piece| super::hours_text::range(piece).map(|(open, close)| format!("{open}-{close}")))
        .collect();
    let rewritten = ranges?.join(", ");
    (rewritten != value.trim() && parse_day(&rewritten).is_ok()).then_some(rewritten)
}

/// The advice of rule E061 when it has no rewrite to offer.
pub const HOURS_FORM: &str =
    "write 24/7, by_appointment, or one line per day such as mon: \"09:00-17:00\"";

/// Help for an `hours:` value that is not in haven's form: the value
/// rewritten when it reads as hours ("Mon-Fri 9am-5pm", "24 horas", "by
/// appointment", or days named another way as keys: `lunes:`,
/// `monday:`, `mon-fri:`), else [`HOURS_FORM`].
pub fn hours_help(written: &Written<'_>) -> String {
    match rewrite_hours(written) {
        Some(Rewrite::Keyword(keyword)) => format!("write hours: {keyword}"),
        Some(Rewrite::Days(days)) => {
            let lines: String = days
                .iter()
                .map(|(key, value)| format!("\n      {key}: {}", yaml_value(value)))
                .collect();
            format!("write one line per day, with haven's day names (mon, tue, wed, thu, fri, sat, sun):\n    hours:{lines}")
        }
        None => HOURS_FORM.to_string(),
    }
}

/// An `hours:` value as the record holds it before it is read.
pub enum Written<'a> {
    Text(&'a str),
    /// Keys and values of a mapping, in the order written.
    Mapping(Vec<(&'a str, &'a str)>),
}

enum Rewrite {
    Keyword(&'static str),
    /// Day keys Monday first, then `timezone` and `notes` as written.
    Days(Vec<(&'static str, String)>),
}

fn rewrite_hours(written: &Written<'_>) -> Option<Rewrite> {
    match written {
        Written::Text(text) => {
            let lower = text.trim().to_lowercase();
            let keyword = |words: &[&str]| words.iter().any(|word| lower == *word);
            if keyword(&[
                "24 hours",
                "24 hrs",
                "24hrs",
                "24h",
                "open 24 hours",
                "24/7/365",
                "24 horas",
                "abierto 24 horas",
                "always",
                "always open",
                "siempre abierto",
                "24 hours a day",
            ]) {
                return Some(Rewrite::Keyword("24/7"));
            }
            if keyword(&[
                "by appointment",
                "appointment only",
                "by appointment only",
                "call for appointment",
                "con cita",
                "con cita previa",
                "por cita",
                "cita previa",
                "solo con cita",
            ]) {
                return Some(Rewrite::Keyword("by_appointment"));
            }
            let weekly = super::hours_text::weekly(text)?;
            let days = super::hours_text::DAY_KEYS
                .iter()
                .filter_map(|day| {
                    let ranges = weekly.get(day)?;
                    let value: Vec<String> = ranges
                        .iter()
                        .map(|(open, close)| format!("{open}-{close}"))
                        .collect();
                    Some((*day, value.join(", ")))
                })
                .collect();
            Some(Rewrite::Days(days))
        }
        Written::Mapping(entries) => {
            let mut days: std::collections::BTreeMap<usize, String> = Default::default();
            let mut rest = Vec::new();
            for (key, value) in entries {
                if let Some(kept) = ["timezone", "notes"].into_iter().find(|k| k == key) {
                    rest.push((kept, value.to_string()));
                    continue;
                }
                let value = if parse_day(value).is_ok() {
                    value.trim().to_string()
                } else {
                    rewrite_day(value)?
                };
                for day in super::hours_text::days(key)? {
                    let index = super::hours_text::DAY_KEYS.iter().position(|k| *k == day)?;
                    // A day named twice with different hours is not for a guess.
                    if days
                        .insert(index, value.clone())
                        .is_some_and(|before| before != value)
                    {
                        return None;
                    }
                }
            }
            let mut lines: Vec<(&'static str, String)> = days
                .into_iter()
                .map(|(index, value)| (super::hours_text::DAY_KEYS[index], value))
                .collect();
            lines.extend(rest);
            Some(Rewrite::Days(lines))
        }
    }
}

/// A day's value as YAML: ranges in quotes (a bare `09:00-17:00` reads,
/// but other programs take `9:00` for a number), words as they are.
fn yaml_value(value: &str) -> String {
    if value == "closed" {
        value.to_string()
    } else {
        format!("\"{}\"", value.replace('"', "'"))
    }
}

/// Formats minutes after midnight as a clock time for `language`:
/// 12-hour in English (US usage), 24-hour elsewhere.
pub fn clock(minutes: u16, language: &str) -> String {
    let (hours, mins) = ((minutes / 60) % 24, minutes % 60);
    if language.split('-').next() == Some("en") {
        let suffix = if hours < 12 { "AM" } else { "PM" };
        let twelve = match hours % 12 {
            0 => 12,
            h => h,
        };
        if minutes == 24 * 60 {
            return "midnight".to_string();
        }
        format!("{twelve}:{mins:02} {suffix}")
    } else {
        format!("{hours:02}:{mins:02}")
    }
}

/// Consecutive days with the same opening times, shown as one row
/// ("Monday–Friday 9:00 AM–5:00 PM").
struct DayGroup<'a> {
    first: &'static str,
    last: &'static str,
    ranges: Option<Vec<Range>>,
    raw: &'a str,
}

impl Serialize for DayGroup<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("DayGroup", 5)?;
        state.serialize_field("code", self.first)?;
        state.serialize_field("last", &(self.last != self.first).then_some(self.last))?;
        state.serialize_field("closed", &self.ranges.as_ref().is_some_and(Vec::is_empty))?;
        state.serialize_field("ranges", &self.ranges.clone().unwrap_or_default())?;
        state.serialize_field("raw", self.raw)?;
        state.end()
    }
}

fn group_days(weekly: &crate::hub::record::WeeklyHours) -> Vec<DayGroup<'_>> {
    let mut groups: Vec<DayGroup<'_>> = Vec::new();
    let mut previous_listed = false;
    for (code, value) in weekly.days() {
        let Some(raw) = value else {
            previous_listed = false;
            continue;
        };
        let ranges = parse_day(raw).ok();
        match groups.last_mut() {
            Some(group) if previous_listed && group.ranges == ranges && group.ranges.is_some() => {
                group.last = code;
            }
            _ => groups.push(DayGroup {
                first: code,
                last: code,
                ranges,
                raw,
            }),
        }
        previous_listed = true;
    }
    groups
}

/// Templates see `{kind: "always" | "appointment" | "weekly", days, notes,
/// timezone}`; `days` are groups of consecutive days with equal times, and
/// days a record leaves out are not listed.
impl Serialize for Hours {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Hours", 4)?;
        match self {
            Hours::Keyword(keyword) => {
                let kind = if keyword == "24/7" {
                    "always"
                } else {
                    "appointment"
                };
                state.serialize_field("kind", kind)?;
                state.serialize_field("days", &Vec::<DayGroup<'_>>::new())?;
                state.serialize_field("notes", &None::<String>)?;
                state.serialize_field("timezone", &None::<String>)?;
            }
            Hours::Weekly(weekly) => {
                state.serialize_field("kind", "weekly")?;
                state.serialize_field("days", &group_days(weekly))?;
                state.serialize_field("notes", &weekly.notes)?;
                state.serialize_field("timezone", &weekly.timezone)?;
            }
        }
        state.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_split_days_and_closed() {
        assert_eq!(
            parse_day("09:00-12:00, 13:00-19:00"),
            Ok(vec![
                Range {
                    start: 540,
                    end: 720
                },
                Range {
                    start: 780,
                    end: 1140
                }
            ])
        );
        assert_eq!(parse_day("closed"), Ok(vec![]));
        assert_eq!(
            parse_day("18:00-24:00"),
            Ok(vec![Range {
                start: 1080,
                end: 1440
            }])
        );
    }

    #[test]
    fn rejects_twelve_hour_and_garbage() {
        assert_eq!(parse_day("9am-5pm"), Err("9am-5pm".to_string()));
        assert_eq!(parse_day("25:00-26:00"), Err("25:00-26:00".to_string()));
        assert!(parse_day("24:00-06:00").is_err());
    }

    #[test]
    fn hours_written_another_clear_way_get_their_rewrite() {
        for (written, rewrite) in [
            ("9am - 5pm", "09:00-17:00"),
            ("9:00 AM - 5:00 PM", "09:00-17:00"),
            ("9 a.m. to 5:30 p.m.", "09:00-17:30"),
            ("09:00–17:00", "09:00-17:00"),
            ("8am-noon, 1pm-5pm", "08:00-12:00, 13:00-17:00"),
            ("6pm-midnight", "18:00-24:00"),
            ("10pm-12am", "22:00-24:00"),
            ("12am-6am", "00:00-06:00"),
            ("24 hours", "00:00-24:00"),
            ("9-5", "09:00-17:00"),
        ] {
            assert_eq!(rewrite_day(written).as_deref(), Some(rewrite), "{written}");
        }
    }

    #[test]
    fn days_named_in_spanish_or_in_full_get_the_block_rewritten_monday_first() {
        let help = hours_help(&Written::Mapping(vec![
            ("sábado", "de 10 a 2"),
            ("lunes a viernes", "9:00 a. m. - 5:00 p. m."),
            ("domingo", "cerrado"),
            ("notes", "Closed on holidays"),
        ]));
        let block = "    hours:\n      mon: \"09:00-17:00\"\n      tue: \"09:00-17:00\"\n      wed: \"09:00-17:00\"\n      thu: \"09:00-17:00\"\n      fri: \"09:00-17:00\"\n      sat: \"10:00-14:00\"\n      sun: closed\n      notes: \"Closed on holidays\"";
        assert!(help.ends_with(block), "{help}");
        assert!(help.starts_with("write one line per day"), "{help}");
    }

    #[test]
    fn hours_in_one_line_or_as_a_word_get_the_value_to_write() {
        let help = hours_help(&Written::Text("Mon-Fri 9am-5pm; Sat 10am-2pm"));
        assert!(
            help.contains("      fri: \"09:00-17:00\"\n      sat: \"10:00-14:00\""),
            "{help}"
        );
        assert!(
            !help.contains("sun:"),
            "a day not written is not guessed closed: {help}"
        );
        assert_eq!(hours_help(&Written::Text("always")), "write hours: 24/7");
        assert_eq!(hours_help(&Written::Text("24 horas")), "write hours: 24/7");
        assert_eq!(
            hours_help(&Written::Text("Con cita")),
            "write hours: by_appointment"
        );
    }

    #[test]
    fn hours_not_wholly_understood_get_the_general_advice() {
        for written in [
            Written::Text("call us"),
            Written::Mapping(vec![("lunes", "9 to whenever")]),
            Written::Mapping(vec![("someday", "09:00-17:00")]),
            Written::Mapping(vec![("mon-fri", "09:00-17:00"), ("monday", "10:00-12:00")]),
        ] {
            assert_eq!(hours_help(&written), HOURS_FORM);
        }
    }

    #[test]
    fn hours_that_do_not_read_as_hours_get_no_rewrite() {
        for written in [
            "5pm-9am",
            "13pm-2pm",
            "9am",
            "by appointment",
            "09:00-17:00",
        ] {
            assert_eq!(rewrite_day(written), None, "{written}");
        }
    }

    #[test]
    fn weekdays_with_equal_hours_form_one_group() {
        let weekly = crate::hub::record::WeeklyHours {
            mon: Some("09:00-17:00".into()),
            tue: Some("09:00-17:00".into()),
            wed: Some("09:00-12:00".into()),
            sat: Some("closed".into()),
            sun: Some("closed".into()),
            ..Default::default()
        };
        let groups = group_days(&weekly);
        let spans: Vec<(&str, &str)> = groups.iter().map(|g| (g.first, g.last)).collect();
        assert_eq!(spans, vec![("mon", "tue"), ("wed", "wed"), ("sat", "sun")]);
    }

    #[test]
    fn clock_is_twelve_hour_in_english_and_24_hour_otherwise() {
        assert_eq!(clock(540, "en"), "9:00 AM");
        assert_eq!(clock(0, "en"), "12:00 AM");
        assert_eq!(clock(1020, "es"), "17:00");
    }
}
