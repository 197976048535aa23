//! Phones of an imported organization: numbers checked as `haven check`
//! would, kinds from HSDS types, and haven's own phone descriptions
//! (label, text keyword, hours) read back.

use std::collections::BTreeMap;

use super::hours::hours_from_words;
use super::package::Row;
use super::partner::Mapper;
use super::yaml_out::{map, Node};
use crate::export::hsds::HOTLINE;
use crate::record::PhoneKind;
use crate::taxonomy::{Kind, Taxonomies};

/// Phones by HSDS id → (record id, number), and their nodes.
pub(super) struct Phones {
    pub(super) nodes: Vec<Node>,
    pub(super) ids: BTreeMap<String, String>,
}

pub(super) fn phone_node(m: &mut Mapper<'_>, row: &Row, id: &str) -> Option<Node> {
    let number = row.get("number")?;
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let kind = match row
        .get("type")
        .unwrap_or("voice")
        .to_ascii_lowercase()
        .as_str()
    {
        _ if (3..=6).contains(&digits.len()) => PhoneKind::ShortCode,
        "text" | "sms" => PhoneKind::Sms,
        "textphone" | "tty" => PhoneKind::Tty,
        "video" => PhoneKind::Video,
        "fax" => PhoneKind::Fax,
        _ => PhoneKind::Voice,
    };
    if let Err((code, message, _)) = crate::dial::parse(number, None, kind, m.hub.default_country) {
        m.lose(
            format!("phones ({})", row.place()),
            format!("left out: {message} ({code})"),
        );
        return None;
    }
    let description = row.get("description").unwrap_or_default();
    let (description, hotline) = match description.strip_suffix(HOTLINE) {
        Some(rest) => (rest, true),
        None => (description, false),
    };
    // haven's export writes "label. Text KEYWORD. Hours: …": the hours
    // run to the end, and may hold ". " themselves.
    let (head, hours_text) = match description.split_once(". Hours: ") {
        Some((head, hours)) => (head, Some(hours)),
        None => (description, None),
    };
    let (label, keyword) = match head.split_once(". Text ") {
        Some((label, keyword)) => (label, Some(keyword.trim_end_matches('.').to_string())),
        None => (head, None),
    };
    let label = match label.trim_end_matches('.') {
        "" => "Phone".to_string(),
        label => label.to_string(),
    };
    let hours = hours_text.and_then(|text| {
        let hours = hours_from_words(text);
        if hours.is_none() {
            m.lose(
                format!("phones[{id}].hours"),
                format!("\"{text}\" could not be read as hours"),
            );
        }
        hours
    });
    let extension = row
        .get("extension")
        .map(|e| e.trim_end_matches(".0").to_string());
    let languages: Vec<String> = m
        .rows("languages", "phone_id", row.get("id").unwrap_or("-"))
        .iter()
        .filter_map(|l| language_tag(m, l))
        .chain(row.get("language").into_iter().flat_map(|list| {
            list.split(',')
                .filter_map(|name| language_from_name(m.hub.taxonomies, name.trim()))
                .collect::<Vec<_>>()
        }))
        .collect();
    let kind_code = crate::export::hsds::code_of(&kind);
    Some(map([
        ("id", Some(Node::text(id))),
        ("number", Some(Node::text(number))),
        ("extension", extension.map(Node::text)),
        ("kind", Some(Node::text(kind_code))),
        ("text_keyword", keyword.map(Node::text)),
        ("label", Some(Node::text(label))),
        ("hotline", hotline.then_some(Node::Bool(true))),
        ("hours", hours),
        ("languages", Some(Node::texts(languages))),
    ]))
}

pub(super) fn phones(m: &mut Mapper<'_>, org_id: &str) -> Phones {
    let rows: Vec<Row> = m
        .rows("phones", "organization_id", org_id)
        .into_iter()
        .filter(|row| row.get("service_id").is_none())
        .cloned()
        .collect();
    let mut phones = Phones {
        nodes: Vec::new(),
        ids: BTreeMap::new(),
    };
    for row in rows {
        add_phone(m, &row, &mut phones);
    }
    phones
}

/// Adds a phone unless one with the same number is there; returns its id.
pub(super) fn add_phone(m: &mut Mapper<'_>, row: &Row, phones: &mut Phones) -> Option<String> {
    let number = row.get("number")?;
    if let Some(id) = phones.ids.get(number) {
        return Some(id.clone());
    }
    let id = format!("phone-{}", phones.nodes.len() + 1);
    let node = phone_node(m, row, &id)?;
    phones.nodes.push(node);
    phones.ids.insert(number.to_string(), id.clone());
    Some(id)
}

/// A language row as a BCP 47 tag the hub accepts.
pub(super) fn language_tag(m: &Mapper<'_>, row: &Row) -> Option<String> {
    if let Some(note) = row
        .get("note")
        .filter(|n| crate::validate::language::check(n).is_ok())
    {
        return Some(note.to_string());
    }
    if let Some(code) = row.get("code").map(str::to_ascii_lowercase) {
        if crate::validate::language::check(&code).is_ok_and(|w| w.is_none()) {
            return Some(code);
        }
    }
    row.get("name")
        .and_then(|name| language_from_name(m.hub.taxonomies, name))
}

/// `Spanish` → `es`, through the hub's language names.
pub(super) fn language_from_name(taxonomies: &Taxonomies, name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    taxonomies
        .terms(Kind::Languages)
        .iter()
        .find(|t| t.code == lower || t.labels.values().any(|l| l.to_lowercase() == lower))
        .map(|t| t.code.clone())
}
