//! A row's phone cells as record phones: labels, kinds, extensions and
//! text keywords read from how volunteers write numbers.

use super::columns::{header_key, Column, Field};
use super::kept::Kept;
use super::partner::SheetRow;
use crate::hub::record::PhoneKind;
use crate::import::mapper::Mapper;
use crate::import::yaml_out::{map, Node};

/// Phones, each once by its digits; which rows gave which.
pub(super) struct Phones {
    pub(super) kept: Kept,
}

impl Phones {
    pub(super) fn read(m: &mut Mapper<'_>, rows: &[SheetRow<'_>]) -> Phones {
        let mut phones = Phones {
            kept: Kept::default(),
        };
        for row in rows {
            let extension = row.first(Field::Extension);
            let mut extension_used = false;
            for field in [
                Field::Phones,
                Field::Phone,
                Field::Hotline,
                Field::TextLine,
                Field::Tty,
                Field::Fax,
            ] {
                for (column, text) in row.all(field) {
                    for unread in text
                        .split([';', '\n'])
                        .map(str::trim)
                        .filter(|p| !p.is_empty() && !p.chars().any(|c| c.is_ascii_digit()))
                    {
                        m.lose(
                            "phones",
                            format!(
                                "row {}: \"{unread}\" in \"{}\" is not a number; left out",
                                row.number, column.header
                            ),
                        );
                    }
                    for entry in phone_entries(&text) {
                        let mut entry = entry;
                        if field == Field::Phone && !extension_used && entry.extension.is_none() {
                            entry.extension = extension.clone();
                            extension_used = extension.is_some();
                        }
                        phones.add(m, row.number, field, column, entry);
                    }
                }
            }
        }
        phones
    }

    fn add(
        &mut self,
        m: &mut Mapper<'_>,
        row: u64,
        field: Field,
        column: &Column,
        entry: PhoneEntry,
    ) {
        let digits: String = entry.number.chars().filter(char::is_ascii_digit).collect();
        let key = format!("{digits}/{}", entry.extension.as_deref().unwrap_or(""));
        if self.kept.seen(row, &key).is_some() {
            return;
        }
        let label = entry
            .label
            .clone()
            .unwrap_or_else(|| label_from_header(field, &column.header));
        let kind = phone_kind(field, &label, &digits, entry.keyword.is_some());
        let extension = entry
            .extension
            .as_deref()
            .map(|e| e.trim_end_matches(".0").to_string());
        if let Err((_, message, _)) = crate::hub::dial::parse(
            &entry.number,
            extension.as_deref(),
            kind,
            m.hub.default_country,
        ) {
            m.lose(
                "phones",
                format!("row {row}: \"{}\" left out: {message}", entry.written),
            );
            return;
        }
        let id = format!("phone-{}", self.kept.len() + 1);
        let number = readable_number(&entry.number, m.hub.default_country);
        let lower = label.to_lowercase();
        let hotline = field == Field::Hotline
            || [
                "hotline",
                "crisis",
                "24/7",
                "24-hour",
                "24 hour",
                "línea de crisis",
                "linea de crisis",
            ]
            .iter()
            .any(|w| lower.contains(w));
        let node = map([
            ("id", Some(Node::text(&id))),
            ("number", Some(Node::text(number))),
            ("extension", extension.map(Node::text)),
            ("kind", Some(Node::text(crate::hub::record::code_of(&kind)))),
            ("text_keyword", entry.keyword.map(Node::text)),
            ("label", Some(Node::text(label))),
            ("hotline", hotline.then_some(Node::Bool(true))),
        ]);
        self.kept.keep(row, key, id, node);
    }
}

#[derive(Debug, PartialEq)]
struct PhoneEntry {
    written: String,
    label: Option<String>,
    number: String,
    extension: Option<String>,
    keyword: Option<String>,
}

/// The numbers in one phone cell: "505-555-0100 ext. 12", "Hotline:
/// 1-800-799-7233; Office: (505) 555-0100", "505.555.0100 / 555.0101",
/// "Text START to 88788".
fn phone_entries(text: &str) -> Vec<PhoneEntry> {
    let mut entries = Vec::new();
    for part in text
        .split([';', '\n'])
        .flat_map(crate::hub::dial::numbers_apart)
    {
        let part = part.trim();
        if !part.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        // "Label: number"; the label may hold digits ("24/7 line: …").
        let (label, rest) = match part.rsplit_once(':') {
            Some((label, rest))
                if label.chars().any(char::is_alphabetic)
                    && rest.chars().any(|c| c.is_ascii_digit()) =>
            {
                (Some(label.trim().to_string()), rest.trim())
            }
            _ => (None, part),
        };
        let (label, rest) = match rest.split_once(" - ") {
            Some((label_part, number))
                if label.is_none() && !label_part.chars().any(|c| c.is_ascii_digit()) =>
            {
                (Some(label_part.trim().to_string()), number.trim())
            }
            _ if label.is_none() => match number_after_words(rest) {
                Some((words, number)) => (Some(words.to_string()), number),
                None => (None, rest),
            },
            _ => (label, rest),
        };
        if let Some((keyword, number)) = crate::hub::dial::text_instruction(rest) {
            entries.push(PhoneEntry {
                written: part.to_string(),
                label: label.or(Some("Text line".to_string())),
                number: number.to_string(),
                extension: None,
                keyword: Some(keyword.to_string()),
            });
            continue;
        }
        let (number, extension) = crate::hub::dial::split_extension(rest);
        entries.push(PhoneEntry {
            written: part.to_string(),
            label,
            number: number
                .trim()
                .trim_end_matches([',', '.'])
                .trim()
                .to_string(),
            extension,
            keyword: None,
        });
    }
    entries
}

/// "24 Hour Intake (206) 245-1026" → the words and the number: the
/// number is the longest end of the text made of digits and the marks
/// numbers are written with, holding at least seven digits.
fn number_after_words(text: &str) -> Option<(&str, &str)> {
    let (main, _) = crate::hub::dial::split_extension(text);
    let is_number_mark = |c: char| c.is_ascii_digit() || " ()+-.".contains(c);
    let start = main
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_number_mark(*c))
        .last()
        .map(|(at, _)| at)?;
    let (words, number) = text.split_at(start);
    let digits = number.chars().filter(char::is_ascii_digit).count();
    let words = words.trim().trim_end_matches([',', '-', ':']).trim();
    (digits >= 7 && words.chars().any(char::is_alphabetic)).then(|| (words, number.trim()))
}

/// A number a spreadsheet stored as digits only, as people read it:
/// 5055550142 → "+1 505-555-0142" in the United States and Canada.
fn readable_number(number: &str, country: &str) -> String {
    let digits = number.trim();
    let north_american = matches!(country, "US" | "CA");
    if !north_american || !digits.chars().all(|c| c.is_ascii_digit()) {
        return number.to_string();
    }
    let local = match digits.len() {
        10 => digits,
        11 if digits.starts_with('1') => &digits[1..],
        _ => return number.to_string(),
    };
    format!("+1 {}-{}-{}", &local[..3], &local[3..6], &local[6..])
}

/// The header as the phone's label, unless it only says "phone".
fn label_from_header(field: Field, header: &str) -> String {
    let generic = matches!(
        header_key(header).as_str(),
        "phone"
            | "phones"
            | "phone_number"
            | "telephone"
            | "tel"
            | "telefono"
            | "telefonos"
            | "numero_de_telefono"
            | "phone_1"
            | "phone1"
    );
    match field {
        _ if !generic => header.trim().trim_end_matches(':').to_string(),
        Field::Hotline => "Hotline".to_string(),
        Field::TextLine => "Text line".to_string(),
        Field::Tty => "TTY".to_string(),
        Field::Fax => "Fax".to_string(),
        _ => "Phone".to_string(),
    }
}

fn phone_kind(field: Field, label: &str, digits: &str, keyword: bool) -> PhoneKind {
    let named: Vec<PhoneKind> = label
        .split(|c: char| !c.is_alphanumeric())
        .filter_map(PhoneKind::named_by)
        .collect();
    let has = |kind: PhoneKind| named.contains(&kind);
    if (3..=6).contains(&digits.len()) {
        return PhoneKind::ShortCode;
    }
    match field {
        Field::TextLine => PhoneKind::Sms,
        Field::Tty => PhoneKind::Tty,
        Field::Fax => PhoneKind::Fax,
        _ if keyword || has(PhoneKind::Sms) => PhoneKind::Sms,
        _ if has(PhoneKind::Tty) => PhoneKind::Tty,
        _ if has(PhoneKind::Fax) => PhoneKind::Fax,
        _ if has(PhoneKind::Video) => PhoneKind::Video,
        _ => PhoneKind::Voice,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_cells_are_read_as_volunteers_write_them() {
        let entries = phone_entries("Hotline: 1-800-799-7233; Office: (505) 555-0100 x12");
        assert_eq!(entries[0].label.as_deref(), Some("Hotline"));
        assert_eq!(entries[0].number, "1-800-799-7233");
        assert_eq!(entries[1].number, "(505) 555-0100");
        assert_eq!(entries[1].extension.as_deref(), Some("12"));

        let entries = phone_entries("24/7 crisis line: +1 505-555-0109");
        assert_eq!(entries[0].label.as_deref(), Some("24/7 crisis line"));
        assert_eq!(entries[0].number, "+1 505-555-0109");

        let entries = phone_entries("505.555.0100 / 505.555.0101");
        assert_eq!(entries.len(), 2);

        let entries = phone_entries("Text START to 88788");
        assert_eq!(entries[0].number, "88788");
        assert_eq!(entries[0].keyword.as_deref(), Some("START"));
        let entries = phone_entries("Envía AYUDA al 233733");
        assert_eq!(entries[0].number, "233733");
        assert_eq!(entries[0].keyword.as_deref(), Some("AYUDA"));

        let entries = phone_entries("24 Hour Intake (206) 245-1026");
        assert_eq!(entries[0].label.as_deref(), Some("24 Hour Intake"));
        assert_eq!(entries[0].number, "(206) 245-1026");
        let entries = phone_entries("1-800-4-A-CHILD");
        assert_eq!(entries[0].label, None);

        let entries = phone_entries("National DV Hotline: 1-800-799-SAFE (7233)");
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].label.as_deref(), Some("National DV Hotline"));
        assert_eq!(entries[0].number, "1-800-799-SAFE (7233)");
        let dialled = crate::hub::dial::parse(&entries[0].number, None, PhoneKind::Voice, "US");
        assert_eq!(dialled.map(|d| d.number), Ok("+18007997233".to_string()));

        let entries = phone_entries("Text or WhatsApp: +1 575-555-0107");
        assert_eq!(entries[0].label.as_deref(), Some("Text or WhatsApp"));

        assert!(phone_entries("call the front desk").is_empty());
    }

    #[test]
    fn a_number_stored_as_digits_is_written_as_people_read_it() {
        assert_eq!(readable_number("5055550142", "US"), "+1 505-555-0142");
        assert_eq!(readable_number("18007997233", "US"), "+1 800-799-7233");
        assert_eq!(readable_number("(505) 555-0142", "US"), "(505) 555-0142");
        assert_eq!(readable_number("0612345678", "FR"), "0612345678");
    }

    #[test]
    fn a_phones_kind_comes_from_its_column_or_label() {
        assert_eq!(
            phone_kind(Field::Phone, "Text line", "15055550100", false),
            PhoneKind::Sms
        );
        assert_eq!(
            phone_kind(Field::Fax, "Office", "15055550100", false),
            PhoneKind::Fax
        );
        assert_eq!(
            phone_kind(Field::Phone, "TTY", "15055550100", false),
            PhoneKind::Tty
        );
        assert_eq!(
            phone_kind(Field::Phone, "Hotline", "988", false),
            PhoneKind::ShortCode
        );
        assert_eq!(
            phone_kind(Field::Phone, "Context office", "15055550100", false),
            PhoneKind::Voice
        );
    }
}
