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
