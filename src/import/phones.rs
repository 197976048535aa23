//! Phones of an imported organization: numbers checked as `haven check`
//! would, kinds from HSDS types, and haven's own phone descriptions
//! (label, text keyword, hours) read back.

use std::collections::BTreeMap;

use super::hours::hours_from_words;
use super::mapper::Mapper;
use super::package::Row;
use super::yaml_out::{map, Node};
use crate::hsds::objects as hsds;
use crate::hsds::HOTLINE;
use crate::hub::record::PhoneKind;
use crate::hub::taxonomy::{Kind, Taxonomies};

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
    if let Err((code, message, _)) =
        crate::hub::dial::parse(number, None, kind, m.hub.default_country)
    {
        m.lose(
            format!("phones ({})", row.place()),
            format!("left out: {message} ({})", code.code),
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
        "" => what_it_is_for(m, row).unwrap_or_else(|| "Phone".to_string()),
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
    let language_rows: Vec<Row> = m
        .rows(
            hsds::Language::FILE,
            "phone_id",
            row.get("id").unwrap_or("-"),
        )
        .into_iter()
        .cloned()
        .collect();
    let field = format!("phones[{id}].languages");
    let mut languages = languages_of(m, &language_rows, &field);
    for name in row
        .get("language")
        .into_iter()
        .flat_map(|list| list.split(','))
    {
        match language_from_name(m.hub.taxonomies, name.trim()) {
            Some(tag) => push_language(&mut languages, tag),
            None => unreadable_language(m, &field, name),
        }
    }
    let kind_code = crate::hub::record::code_of(&kind);
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

/// What a phone the export gives no label is for: the name of its
/// service, or else of its place, unless that is only the organization's
/// own name (211 exports name a program "SHELTER AND DIRECT SERVICES" and
/// its place "CAMILLUS HOUSE - SHELTER AND DIRECT SERVICES"), so seven
/// numbers of one partner are not all called "Phone".
fn what_it_is_for(m: &Mapper<'_>, row: &Row) -> Option<String> {
    let named = |file: &str, column: &str| -> Option<&Row> {
        m.rows(file, "id", row.get(column)?).into_iter().next()
    };
    let service = named(hsds::Service::FILE, "service_id");
    let place = named(hsds::Location::FILE, "location_id");
    let organization = row
        .get("organization_id")
        .or_else(|| service.and_then(|s| s.get("organization_id")))
        .or_else(|| place.and_then(|p| p.get("organization_id")))
        .and_then(|id| {
            m.rows(hsds::Organization::FILE, "id", id)
                .into_iter()
                .next()
        })
        .and_then(|o| o.get("name"));
    [service, place]
        .into_iter()
        .flatten()
        .filter_map(|r| r.get("name"))
        .map(str::trim)
        .find(|name| {
            !name.is_empty()
                && organization.is_none_or(|org| !org.trim().eq_ignore_ascii_case(name))
        })
        .map(str::to_string)
}

/// The organization's own phones: its rows, and the rows of its places
/// that name no service (1.1 exports tie most phones to a place only;
/// a place left out for want of an address keeps its phone this way).
pub(super) fn phones(m: &mut Mapper<'_>, org_id: &str, places: &[String]) -> Phones {
    let mut rows: Vec<Row> = m
        .rows(hsds::Phone::FILE, "organization_id", org_id)
        .into_iter()
        .filter(|row| row.get("service_id").is_none())
        .cloned()
        .collect();
    for place in places {
        for row in m.rows(hsds::Phone::FILE, "location_id", place) {
            let own = row.get("organization_id").is_none_or(|o| o == org_id);
            if own
                && row.get("service_id").is_none()
                && !rows.iter().any(|r| r.place() == row.place())
            {
                rows.push(row.clone());
            }
        }
    }
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

/// The languages of these rows as tags, each once; a name that cannot be
/// read is reported, not dropped silently.
pub(super) fn languages_of(m: &mut Mapper<'_>, rows: &[Row], field: &str) -> Vec<String> {
    let mut tags = Vec::new();
    for row in rows {
        match language_tag(m, row) {
            Some(tag) => push_language(&mut tags, tag),
            None => {
                let name = row.get("name").or(row.get("code")).unwrap_or_default();
                unreadable_language(m, field, name);
            }
        }
    }
    tags
}

fn push_language(tags: &mut Vec<String>, tag: String) {
    if !tags.contains(&tag) {
        tags.push(tag);
    }
}

fn unreadable_language(m: &mut Mapper<'_>, field: &str, name: &str) {
    let name = name.trim();
    if !name.is_empty() {
        m.lose(
            field,
            format!("\"{name}\" is not a language haven can read; left out (write its code, such as ht for Haitian Creole)"),
        );
    }
}

/// A language row as a BCP 47 tag the hub accepts.
pub(super) fn language_tag(m: &Mapper<'_>, row: &Row) -> Option<String> {
    if let Some(note) = row
        .get("note")
        .filter(|n| crate::hub::language::check(n).is_ok())
    {
        return Some(note.to_string());
    }
    if let Some(code) = row.get("code").map(str::to_ascii_lowercase) {
        if crate::hub::language::check(&code).is_ok_and(|w| w.is_none()) {
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
        // Names 211 exports use: "Creole", "Mandarin", "ASL".
        .or_else(|| crate::hub::language::tag_for_name(&lower).map(str::to_string))
}
