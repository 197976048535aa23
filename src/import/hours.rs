//! HSDS schedules as record hours: weekly rows become day ranges;
//! everything else goes into the notes, reported.

use std::collections::BTreeMap;

use super::mapper::Mapper;
use super::package::Row;
use super::yaml_out::{map, Node};
use crate::hsds::objects as hsds;

pub(super) const DAYS: [(&str, &str); 7] = [
    ("MO", "mon"),
    ("TU", "tue"),
    ("WE", "wed"),
    ("TH", "thu"),
    ("FR", "fri"),
    ("SA", "sat"),
    ("SU", "sun"),
];

/// The schedules of one owner as record hours: weekly rows become day
/// ranges; what hours cannot say goes into `notes`, reported.
pub(super) fn schedules(m: &mut Mapper<'_>, column: &str, id: &str, field: &str) -> Option<Node> {
    let rows: Vec<Row> = m
        .rows(hsds::Schedule::FILE, column, id)
        .into_iter()
        .cloned()
        .collect();
    let holidays = m.rows("holiday_schedules", column, id).len();
    if rows.is_empty() {
        return None;
    }
    let mut week = Week::default();
    // The hours as a person wrote them (1.1 `original_text`), by text:
    // whether they could be read. Exporters copy the text onto every row
    // they derived from it, and derive wrongly from text with several
    // parts ("Administration: … Intake Hours: …"); the text wins.
    let mut written: BTreeMap<String, bool> = BTreeMap::new();
    for row in &rows {
        if week.read_as_written(m, row, field, &mut written) || week.read_row(m, row, field) {
            continue;
        }
        if let Some(note) = row.get("notes") {
            if !week.notes.iter().any(|n| n == note) {
                week.notes.push(note.to_string());
            }
        }
    }
    if holidays > 0 {
        m.lose(
            field,
            format!("{holidays} holiday schedule(s) not imported: record hours have no holidays"),
        );
    }
    week.into_node()
}

/// A service's or location's week, as its schedule rows are read.
#[derive(Default)]
struct Week {
    days: BTreeMap<&'static str, Vec<(String, String)>>,
    notes: Vec<String>,
    around_the_clock: bool,
    by_appointment: bool,
    /// A row that could not be read as weekly opening hours.
    unread_rows: bool,
}

impl Week {
    /// Reads the row's hours as a person wrote them, once per text;
    /// whether they could be read (the row's other columns then add
    /// nothing).
    fn read_as_written(
        &mut self,
        m: &mut Mapper<'_>,
        row: &Row,
        field: &str,
        written: &mut BTreeMap<String, bool>,
    ) -> bool {
        let Some(text) = row.get("original_text") else {
            return false;
        };
        if let Some(read) = written.get(text) {
            return *read;
        }
        let weekly = crate::hub::hours_text::weekly(text);
        let read = weekly.is_some();
        if let Some(weekly) = weekly {
            for (day, ranges) in weekly {
                self.days.entry(day).or_default().extend(ranges);
            }
        } else if row.get("byday").is_some() {
            self.unread_rows = true;
            self.notes.push(text.to_string());
            m.lose(
                field,
                format!(
                    "{}: the hours as written say more than the rows made of them; the text is kept in the notes and no day is marked closed",
                    row.place()
                ),
            );
        }
        written.insert(text.to_string(), read);
        read
    }

    /// Reads one row's days and times, or its text; what cannot be read is
    /// kept as a note. Whether the row said all it says (24/7, by
    /// appointment, hours in words): its own notes are then not added.
    fn read_row(&mut self, m: &mut Mapper<'_>, row: &Row, field: &str) -> bool {
        let weekly = row
            .get("freq")
            .is_none_or(|f| f.eq_ignore_ascii_case("WEEKLY"))
            && row.get("valid_from").is_none()
            && row.get("valid_to").is_none();
        let times = (
            row.get("opens_at").map(clock),
            row.get("closes_at").map(clock),
        );
        match (weekly, row.get("byday"), times) {
            (true, Some(byday), (Some(Some(opens)), Some(Some(closes)))) => {
                let all_days = byday.split(',').count() == 7;
                if all_days && opens == "00:00" && (closes == "23:59" || closes == "24:00") {
                    self.around_the_clock = true;
                    return true;
                }
                for day in byday.split(',') {
                    if let Some((_, key)) = DAYS
                        .iter()
                        .find(|(code, _)| code.eq_ignore_ascii_case(day.trim()))
                    {
                        self.days
                            .entry(key)
                            .or_default()
                            .push((opens.clone(), closes.clone()));
                    } else {
                        m.lose(
                            field,
                            format!(
                                "{}: day \"{day}\" is not a weekday code; left out",
                                row.place()
                            ),
                        );
                    }
                }
            }
            _ => {
                let text = row
                    .get("description")
                    .or(row.get("original_text"))
                    .unwrap_or_default();
                if text.to_lowercase().contains("appointment") {
                    self.by_appointment = true;
                    return true;
                }
                // Free text a person wrote: read when all of it is days
                // and times ("Monday - Friday 9am-5pm").
                if let Some(weekly) = crate::hub::hours_text::weekly(text) {
                    for (day, ranges) in weekly {
                        self.days.entry(day).or_default().extend(ranges);
                    }
                    return true;
                }
                let summary = [
                    row.get("description"),
                    row.get("valid_from"),
                    row.get("byday"),
                    row.get("opens_at"),
                    row.get("closes_at"),
                ]
                .into_iter()
                .flatten()
                .chain(row.get("original_text"))
                .collect::<Vec<_>>()
                .join(" ");
                if !summary.is_empty() {
                    self.unread_rows = true;
                    self.notes.push(summary.clone());
                    m.lose(
                        field,
                        format!(
                            "{}: \"{summary}\" is not a weekly opening; kept in the notes",
                            row.place()
                        ),
                    );
                }
            }
        }
        false
    }

    /// The record's `hours`: `24/7`, `by_appointment`, or the weekdays.
    fn into_node(self) -> Option<Node> {
        let days = &self.days;
        let notes = &self.notes;
        if self.around_the_clock && days.is_empty() {
            return Some(Node::text("24/7"));
        }
        if self.by_appointment && days.is_empty() {
            return Some(Node::text("by_appointment"));
        }
        // Rows split at midnight by the exporter join again. A day no row
        // opens is closed only when every row was read: with a row kept as a
        // note, it is left out (unknown), never a guessed `closed`.
        let every_row_read = !self.unread_rows;
        let mut entries: Vec<(&'static str, Option<Node>)> = Vec::new();
        for (_, key) in DAYS {
            if !days.contains_key(key) && !every_row_read {
                continue;
            }
            let ranges = days.get(key).map(|ranges| {
                let mut ranges = ranges.clone();
                ranges.sort();
                ranges
                    .iter()
                    .map(|(opens, closes)| {
                        format!(
                            "{opens}-{}",
                            if closes == "23:59" { "24:00" } else { closes }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            entries.push((
                key,
                Some(Node::text(ranges.unwrap_or_else(|| "closed".to_string()))),
            ));
        }
        if days.is_empty() {
            entries.retain(|_| false);
        }
        entries.push((
            "notes",
            (!notes.is_empty()).then(|| Node::text(notes.join(" "))),
        ));
        let node = map(entries);
        match &node {
            Node::Map(entries) if entries.is_empty() => None,
            _ => Some(node),
        }
    }
}

/// `HH:MM` from HSDS times (`09:00`, `9:00:00`, `09:00Z`, `09:00+01:00`)
/// and the 12-hour times exporters also write (`9:00am`, `8:00 AM`).
pub(super) fn clock(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('Z');
    let text = text.split(['+']).next().unwrap_or(text);
    crate::hub::hours_text::clock(text)
}

/// Hours a person typed into one cell: "Mon-Fri 9am-5pm; Sat 10-2",
/// "24/7", "By appointment". `None` when they cannot be read.
pub(super) fn hours_from_cell(text: &str) -> Option<Node> {
    // One schedule with a label ("Office: Mon-Fri 9-5", "Helpline: 24
    // hours") is that schedule; several labelled ones stay a note.
    hours_as_written(text).or_else(|| match text.split_once(": ") {
        Some((label, rest))
            if !label.chars().any(|c| c.is_ascii_digit())
                && !rest.contains(": ")
                && !rest.contains(';') =>
        {
            hours_as_written(rest)
        }
        _ => None,
    })
}

fn hours_as_written(text: &str) -> Option<Node> {
    let lower = text
        .trim()
        .trim_end_matches('.')
        .to_lowercase()
        .replace(" a day", "")
        .replace(" al día", "");
    const ALWAYS: [&str; 13] = [
        "24/7",
        "24/7/365",
        "24 hours",
        "24 hrs",
        "24-hour",
        "24 hour",
        "open 24 hours",
        "24 hours, 7 days a week",
        "24 hours, 7 days",
        "24 horas",
        "abierto 24 horas",
        "24 horas, 7 días a la semana",
        "always open",
    ];
    if ALWAYS.contains(&lower.as_str()) {
        return Some(Node::text("24/7"));
    }
    if [
        "by appointment",
        "appointment only",
        "con cita",
        "por cita",
        "solo con cita",
    ]
    .iter()
    .any(|words| lower.starts_with(words))
    {
        return Some(Node::text("by_appointment"));
    }
    let mut week = Week {
        days: BTreeMap::new(),
        notes: Vec::new(),
        around_the_clock: false,
        by_appointment: false,
        unread_rows: false,
    };
    for (day, ranges) in crate::hub::hours_text::weekly(&groups_at_commas(text))? {
        week.days.entry(day).or_default().extend(ranges);
    }
    week.into_node()
}

/// "M-Th 8:30-4:30, F 8:30-12" → "M-Th 8:30-4:30; F 8:30-12": a comma
/// after a time and before a day starts a new group ("Mon, Wed & Fri
/// 9-5" keeps its commas).
fn groups_at_commas(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous_has_time = false;
    for (at, piece) in text.split(',').enumerate() {
        if at > 0 {
            let first_word = piece.split_whitespace().next().unwrap_or("");
            let starts_with_day = crate::hub::hours_text::days(first_word).is_some();
            out.push(if previous_has_time && starts_with_day {
                ';'
            } else {
                ','
            });
        }
        out.push_str(piece);
        previous_has_time = piece.chars().any(|c| c.is_ascii_digit());
    }
    out
}

/// Hours the exporter wrote as words into a phone's description.
pub(super) fn hours_from_words(text: &str) -> Option<Node> {
    match text {
        "24/7" => return Some(Node::text("24/7")),
        "by appointment" => return Some(Node::text("by_appointment")),
        _ => {}
    }
    let mut entries: Vec<(&'static str, Option<Node>)> = Vec::new();
    // Days come first; whatever follows the last day is the notes,
    // which may hold "; " themselves.
    let mut notes: Vec<&str> = Vec::new();
    for part in text.split("; ") {
        let day = part.split_once(' ').and_then(|(day, value)| {
            Some((DAYS.iter().map(|(_, k)| *k).find(|k| *k == day)?, value))
        });
        match day {
            Some((key, value)) if notes.is_empty() => entries.push((key, Some(Node::text(value)))),
            _ => notes.push(part),
        }
    }
    if !notes.is_empty() {
        entries.push(("notes", Some(Node::text(notes.join("; ")))));
    }
    Some(map(entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hsds_times_become_clock_times() {
        assert_eq!(clock("9:00:00").as_deref(), Some("09:00"));
        assert_eq!(clock("17:30Z").as_deref(), Some("17:30"));
        assert_eq!(clock("25:00"), None);
        assert_eq!(clock("9:00am").as_deref(), Some("09:00"));
        assert_eq!(clock("5:00 PM").as_deref(), Some("17:00"));
    }
}

#[cfg(test)]
mod cell_tests {
    use super::*;

    fn days_of(text: &str) -> Vec<(String, String)> {
        match hours_from_cell(text) {
            Some(Node::Map(entries)) => entries
                .into_iter()
                .filter_map(|(day, value)| match value {
                    Node::Text(value) => Some((day, value)),
                    _ => None,
                })
                .collect(),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn hours_typed_into_a_cell_are_read_as_volunteers_write_them() {
        let legal_aid = days_of("M-Th 8:30-4:30, F 8:30-12");
        assert_eq!(legal_aid[0], ("mon".into(), "08:30-16:30".into()));
        assert_eq!(legal_aid[4], ("fri".into(), "08:30-12:00".into()));
        assert_eq!(legal_aid[5], ("sat".into(), "closed".into()));
        assert_eq!(days_of("M-F 8-4:30")[2].1, "08:00-16:30");
        assert_eq!(days_of("Lunes a viernes 9-5")[0].1, "09:00-17:00");
        assert_eq!(days_of("Mon, Wed, Fri 9-5")[2].1, "09:00-17:00");
        assert_eq!(days_of("Mon, Wed, Fri 9-5")[1].1, "closed");
        assert_eq!(
            days_of("Office: Mon. – Fri., 9 a.m. – 5 p.m.")[0].1,
            "09:00-17:00"
        );
    }

    #[test]
    fn around_the_clock_and_appointments_are_keywords() {
        assert_eq!(hours_from_cell("24/7"), Some(Node::text("24/7")));
        assert_eq!(hours_from_cell("Open 24 hours"), Some(Node::text("24/7")));
        assert_eq!(
            hours_from_cell("By appointment only"),
            Some(Node::text("by_appointment"))
        );
        assert_eq!(hours_from_cell("call first"), None);
    }
}
