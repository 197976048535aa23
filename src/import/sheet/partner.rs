//! The rows of one organization as a partner record: organization fields
//! from the first row that has them, a service per service name, phones,
//! places, and what only coalition staff may see in a private overlay.
//! Everything changed, left out or guessed is reported with its row.

use std::collections::BTreeSet;

use super::cells::{self, DateRead};
use super::columns::{Column, Field};
use super::read::Cell;
use crate::hub::names::slugify_name;
use crate::hub::record::{CoverageScope, PhoneKind, Status};
use crate::hub::taxonomy::Kind;
use crate::import::hours::hours_from_cell;
use crate::import::mapper::{https, push_new, record_code, unique, valid_id, Mapper};
use crate::import::partner::set;
use crate::import::phones::language_from_name;
use crate::import::places::SHELTER_WORDS;
use crate::import::services::guess_category;
use crate::import::yaml_out::{map, Node};

/// One spreadsheet row: its number and its cells by column.
pub(super) struct SheetRow<'a> {
    pub(super) number: u64,
    pub(super) cells: Vec<(&'a Column, &'a Cell)>,
}

impl SheetRow<'_> {
    /// The first non-empty value of `field` in this row.
    pub(super) fn first(&self, field: Field) -> Option<String> {
        self.all(field).into_iter().next().map(|(_, text)| text)
    }

    /// Every non-empty value of `field`, with its column.
    pub(super) fn all(&self, field: Field) -> Vec<(&Column, String)> {
        self.cells
            .iter()
            .filter(|(column, _)| column.field == field)
            .filter_map(|(column, cell)| cells::text(cell).map(|text| (*column, text)))
            .collect()
    }

    fn cell(&self, field: Field) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|(column, cell)| column.field == field && !cell.is_empty())
            .map(|(_, cell)| *cell)
    }
}

/// A partner file to write, and its private overlay.
pub(super) struct SheetDraft {
    pub(super) id: String,
    pub(super) record: Node,
    /// The `internal:` block of `private/<id>.yaml`, when a row had
    /// contacts, notes or a hidden address.
    pub(super) internal: Option<Node>,
    pub(super) unpublished: bool,
}

/// Words that make a place with a street address a shelter to hide, on
/// top of the ones the HSDS import uses: volunteers' sheets say it
/// plainly. Hiding one address too many is safe; publishing one is not.
const SHEET_SHELTER_WORDS: [&str; 4] = ["shelter", "refugio", "albergue", "casa segura"];

pub(super) fn draft(
    m: &mut Mapper<'_>,
    rows: &[SheetRow<'_>],
    file: &str,
    taken: &BTreeSet<String>,
) -> SheetDraft {
    let name = single(m, rows, Field::Name).unwrap_or_default();
    let id = unique(partner_id(m, rows, &name), taken);
    let mut tags = BTreeSet::new();
    let summary = single(m, rows, Field::Summary);
    let description = single(m, rows, Field::Description).unwrap_or_else(|| {
        m.guess(
            "description",
            "no description in the sheet; the name stands in",
        );
        format!("{name}.")
    });
    let status = single(m, rows, Field::Status).map_or("active".to_string(), |text| {
        status_code(&text).unwrap_or_else(|| {
            m.lose(
                "status",
                format!("\"{text}\" is not a status; set to active"),
            );
            "active".to_string()
        })
    });
    let last_verified = last_verified(m, rows);
    let partner_types = {
        let mut codes = terms(m, rows, Field::PartnerTypes, Kind::PartnerTypes, &mut tags);
        if codes.is_empty() {
            codes.push("other".to_string());
            m.lose(
                "partner_types",
                "no partner type in the sheet; set to other",
            );
        }
        codes
    };
    let focus_issues = terms(m, rows, Field::FocusIssues, Kind::FocusIssues, &mut tags);
    let website = single(m, rows, Field::Website).map(|url| https(m, "website", &url));
    let email = single(m, rows, Field::Email);
    let alternate_names: Vec<String> = rows
        .iter()
        .flat_map(|row| row.all(Field::AlternateNames))
        .flat_map(|(_, text)| cells::items(&text, false))
        .collect();

    let mut private = Private::default();
    let phones = Phones::read(m, rows);
    let places = Places::read(m, rows, &name, &mut private);
    let services = services(m, rows, &phones, &places, &name, &mut tags);
    let coverage = coverage(m, rows);
    for row in rows {
        private.read(row);
    }

    let record = map([
        ("schema_version", Some(Node::Number(1.0))),
        ("id", Some(Node::text(&id))),
        ("status", Some(Node::text(status))),
        ("last_verified", Some(Node::text(last_verified))),
        ("name", Some(Node::text(&name))),
        ("alternate_names", Some(Node::texts(alternate_names))),
        ("summary", summary.map(Node::text)),
        ("description", Some(Node::text(description))),
        ("partner_types", Some(Node::texts(partner_types))),
        ("focus_issues", Some(Node::texts(focus_issues))),
        ("website", website.map(Node::text)),
        ("email", email.map(Node::text)),
        ("phones", Some(Node::List(phones.nodes))),
        ("locations", Some(Node::List(places.nodes))),
        ("coverage", Some(coverage)),
        ("services", Some(Node::List(services))),
        ("tags", Some(Node::texts(tags))),
        (
            "source",
            Some(map([
                ("system", Some(Node::text("spreadsheet"))),
                (
                    "record_id",
                    Some(Node::text(format!("{file} {}", rows_named(rows)))),
                ),
                ("imported_on", Some(Node::text(m.hub.today.to_string()))),
            ])),
        ),
    ]);
    let record = if m.review {
        let points = m.losses.iter().map(|l| format!("{}: {}", l.field, l.what));
        let record = set(record, "review", Node::texts(points));
        set(record, "published", Node::Bool(false))
    } else {
        record
    };
    SheetDraft {
        id,
        record,
        internal: private.into_node(m),
        unpublished: m.review,
    }
}

/// "row 4" or "rows 4, 5, 9".
pub(super) fn rows_named(rows: &[SheetRow<'_>]) -> String {
    let numbers: Vec<String> = rows.iter().map(|r| r.number.to_string()).collect();
    match numbers.len() {
        1 => format!("row {}", numbers[0]),
        _ => format!("rows {}", numbers.join(", ")),
    }
}

/// The first row's value of a field the organization has once; a later
/// row that says otherwise is reported.
fn single(m: &mut Mapper<'_>, rows: &[SheetRow<'_>], field: Field) -> Option<String> {
    let mut kept: Option<(u64, String)> = None;
    for row in rows {
        let Some(value) = row.first(field) else {
            continue;
        };
        match &kept {
            None => kept = Some((row.number, value)),
            Some((first, text)) if *text != value => m.lose(
                field.name(),
                format!(
                    "row {} says \"{value}\", row {first} \"{text}\"; the first is kept",
                    row.number
                ),
            ),
            Some(_) => {}
        }
    }
    kept.map(|(_, text)| text)
}

fn partner_id(m: &mut Mapper<'_>, rows: &[SheetRow<'_>], name: &str) -> String {
    if let Some(id) = rows.iter().find_map(|r| r.first(Field::Id)) {
        if valid_id(&id) {
            return id;
        }
        m.lose(
            "id",
            format!("\"{id}\" is not an id (lower-case words joined by -); made from the name"),
        );
    }
    let slug: String = slugify_name(name).chars().take(60).collect();
    match slug.trim_end_matches('-') {
        "" => "imported-partner".to_string(),
        id => id.to_string(),
    }
}

fn status_code(text: &str) -> Option<String> {
    let lower = text.trim().to_lowercase();
    match lower.as_str() {
        "open" | "abierto" | "activo" | "activa" | "yes" => return Some("active".into()),
        "closed" | "cerrado" | "cerrada" | "inactivo" | "inactiva" => {
            return Some("inactive".into())
        }
        _ => {}
    }
    record_code::<Status>(text).map(|s| crate::hub::record::code_of(&s))
}

fn last_verified(m: &mut Mapper<'_>, rows: &[SheetRow<'_>]) -> String {
    let found = rows
        .iter()
        .find_map(|row| Some((row.number, row.cell(Field::LastVerified)?)));
    let read = found.map(|(number, cell)| (number, cell, cells::date(cell)));
    match read {
        Some((_, _, Some(DateRead::Exact(date)))) => date.to_string(),
        Some((number, _, Some(DateRead::Guessed(date)))) => {
            m.guess(
                "last_verified",
                format!("row {number}: day and month could be either way round; read month first as {date}"),
            );
            date.to_string()
        }
        Some((number, cell, None)) => {
            m.guess(
                "last_verified",
                format!(
                    "row {number}: \"{}\" is not a date; set to today, and published: false until someone verifies the record",
                    cells::text(cell).unwrap_or_default()
                ),
            );
            m.hub.today.to_string()
        }
        None => {
            m.guess(
                "last_verified",
                "no verification date in the sheet; set to today, and published: false until someone verifies the record",
            );
            m.hub.today.to_string()
        }
    }
}

/// Codes of `kind` the cells of `field` name, by code or by label in any
/// language; a value that names none is kept as a tag, reported.
fn terms(
    m: &mut Mapper<'_>,
    rows: &[SheetRow<'_>],
    field: Field,
    kind: Kind,
    tags: &mut BTreeSet<String>,
) -> Vec<String> {
    let mut codes = Vec::new();
    for row in rows {
        for (_, text) in row.all(field) {
            let (found, unknown) = codes_in(m, kind, &text);
            for code in found {
                push_new(&mut codes, code);
            }
            for value in unknown {
                tags.insert(slugify_name(&value));
                m.lose(
                    field.name(),
                    format!(
                        "row {}: \"{value}\" is not a {} of this hub; kept as a tag",
                        row.number,
                        kind.key()
                    ),
                );
            }
        }
    }
    codes
}

/// The codes a list cell names, and the items that name none. An item is
/// split at commas and "and" only when it is not a label whole.
fn codes_in(m: &Mapper<'_>, kind: Kind, text: &str) -> (Vec<String>, Vec<String>) {
    let lookup = |value: &str| code_for(m, kind, value);
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    for item in cells::items(text, false) {
        if let Some(code) = lookup(&item) {
            found.push(code);
            continue;
        }
        for part in cells::items(&item, true) {
            match lookup(&part) {
                Some(code) => found.push(code),
                None => unknown.push(part),
            }
        }
    }
    (found, unknown)
}

fn code_for(m: &Mapper<'_>, kind: Kind, value: &str) -> Option<String> {
    // "Healing & Cultural Services" is "Healing and cultural services".
    let plain = |text: &str| {
        text.trim()
            .to_lowercase()
            .replace(" & ", " and ")
            .replace(" y ", " and ")
    };
    let wanted = plain(value);
    let as_code = wanted.replace([' ', '-'], "_");
    m.hub
        .taxonomies
        .terms(kind)
        .iter()
        .find(|t| t.code == as_code || t.labels.values().any(|l| plain(l) == wanted))
        .map(|t| t.code.clone())
}

/// Phones, each once by its digits; which rows gave which.
struct Phones {
    nodes: Vec<Node>,
    /// (row number, phone id)
    of_rows: Vec<(u64, String)>,
    digits: Vec<(String, String)>,
}

impl Phones {
    fn read(m: &mut Mapper<'_>, rows: &[SheetRow<'_>]) -> Phones {
        let mut phones = Phones {
            nodes: Vec::new(),
            of_rows: Vec::new(),
            digits: Vec::new(),
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
        if let Some((_, id)) = self.digits.iter().find(|(d, _)| *d == key) {
            self.of_rows.push((row, id.clone()));
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
        let id = format!("phone-{}", self.nodes.len() + 1);
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
        self.nodes.push(map([
            ("id", Some(Node::text(&id))),
            ("number", Some(Node::text(number))),
            ("extension", extension.map(Node::text)),
            ("kind", Some(Node::text(crate::hub::record::code_of(&kind)))),
            ("text_keyword", entry.keyword.map(Node::text)),
            ("label", Some(Node::text(label))),
            ("hotline", hotline.then_some(Node::Bool(true))),
        ]));
        self.digits.push((key, id.clone()));
        self.of_rows.push((row, id));
    }

    fn of_row(&self, row: u64) -> Vec<String> {
        let own: Vec<String> = self
            .of_rows
            .iter()
            .filter(|(r, _)| *r == row)
            .map(|(_, id)| id.clone())
            .collect();
        if own.is_empty() {
            self.digits.iter().map(|(_, id)| id.clone()).collect()
        } else {
            own
        }
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
    for part in text.split([';', '\n']).flat_map(numbers_apart) {
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
            _ => (label, rest),
        };
        let lower = rest.to_lowercase();
        if let Some(after) = lower
            .strip_prefix("text ")
            .or_else(|| lower.strip_prefix("envía "))
        {
            if let Some((keyword, number)) = after
                .split_once(" to ")
                .or_else(|| after.split_once(" al "))
            {
                let keyword_written = &rest[rest.len() - after.len()..][..keyword.len()];
                entries.push(PhoneEntry {
                    written: part.to_string(),
                    label: label.or(Some("Text line".to_string())),
                    number: number.trim().to_string(),
                    extension: None,
                    keyword: Some(keyword_written.trim().to_string()),
                });
                continue;
            }
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

/// "505-555-0100 / 505-555-0101" and "… or …" as two numbers, but not
/// "Text or WhatsApp: …".
fn numbers_apart(part: &str) -> Vec<&str> {
    for separator in [" / ", " or ", " o "] {
        let pieces: Vec<&str> = part.split(separator).collect();
        if pieces.len() > 1
            && pieces
                .iter()
                .all(|p| p.chars().filter(char::is_ascii_digit).count() >= 7)
        {
            return pieces;
        }
    }
    vec![part]
}

/// The header as the phone's label, unless it only says "phone".
fn label_from_header(field: Field, header: &str) -> String {
    let generic = matches!(
        super::columns::header_key(header).as_str(),
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
    let lower = label.to_lowercase();
    let has = |words: &[&str]| {
        words
            .iter()
            .any(|w| lower.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w))
    };
    if (3..=6).contains(&digits.len()) {
        return PhoneKind::ShortCode;
    }
    match field {
        Field::TextLine => PhoneKind::Sms,
        Field::Tty => PhoneKind::Tty,
        Field::Fax => PhoneKind::Fax,
        _ if keyword || has(&["text", "sms", "texto", "textos"]) => PhoneKind::Sms,
        _ if has(&["tty", "tdd"]) => PhoneKind::Tty,
        _ if has(&["fax"]) => PhoneKind::Fax,
        _ if has(&["video", "vp", "videophone"]) => PhoneKind::Video,
        _ => PhoneKind::Voice,
    }
}

/// Places, each once by address; which rows gave which.
struct Places {
    nodes: Vec<Node>,
    of_rows: Vec<(u64, String)>,
    keys: Vec<(String, String)>,
}

impl Places {
    fn read(
        m: &mut Mapper<'_>,
        rows: &[SheetRow<'_>],
        org_name: &str,
        private: &mut Private,
    ) -> Places {
        let mut places = Places {
            nodes: Vec::new(),
            of_rows: Vec::new(),
            keys: Vec::new(),
        };
        for row in rows {
            for (_, text) in row.all(Field::Locations) {
                for item in cells::items(&text, false) {
                    let node = exported_place(&item, m.hub.default_country);
                    places.add(row.number, item, node);
                }
            }
            if let Some((key, node)) = address_place(m, row, rows, org_name, private) {
                places.add(row.number, key, node);
            }
        }
        places
    }

    fn add(&mut self, row: u64, key: String, node: Node) {
        if let Some((_, id)) = self.keys.iter().find(|(k, _)| *k == key) {
            self.of_rows.push((row, id.clone()));
            return;
        }
        let id = format!("location-{}", self.nodes.len() + 1);
        let Node::Map(mut entries) = node else { return };
        entries.insert(0, ("id".to_string(), Node::text(&id)));
        self.nodes.push(Node::Map(entries));
        self.keys.push((key, id.clone()));
        self.of_rows.push((row, id));
    }

    fn of_row(&self, row: u64) -> Vec<String> {
        let own: Vec<String> = self
            .of_rows
            .iter()
            .filter(|(r, _)| *r == row)
            .map(|(_, id)| id.clone())
            .collect();
        if own.is_empty() {
            self.keys.iter().map(|(_, id)| id.clone()).collect()
        } else {
            own
        }
    }
}

/// A place as `/data/partners.csv` writes it: "Name: street, city, ST
/// ZIP", "Name: confidential location (city, county, ST)", or an address
/// on the web.
fn exported_place(item: &str, country: &str) -> Node {
    let (name, at) = match item.split_once(": ") {
        Some((name, at)) if !name.contains("://") => (Some(name.trim()), at.trim()),
        _ => (None, item.trim()),
    };
    if let Some(area) = at.strip_prefix("confidential location") {
        let area = area.trim().trim_start_matches('(').trim_end_matches(')');
        let (mut city, mut county, mut state) = (None, None, None);
        for part in area.split(", ").map(str::trim).filter(|p| !p.is_empty()) {
            if part.len() == 2 && part.chars().all(|c| c.is_ascii_uppercase()) {
                state = Some(part);
            } else if part.ends_with(" County")
                || part.ends_with(" Parish")
                || part.ends_with(" Borough")
            {
                county = Some(part);
            } else {
                city = Some(part);
            }
        }
        return map([
            ("name", name.map(Node::text)),
            ("type", Some(Node::text("physical"))),
            ("visibility", Some(Node::text("confidential"))),
            (
                "general_area",
                Some(map([
                    ("city", city.map(Node::text)),
                    ("county", county.map(Node::text)),
                    ("state", state.map(Node::text)),
                ])),
            ),
        ]);
    }
    if at.starts_with("https://") || at.starts_with("http://") {
        return map([
            ("name", name.map(Node::text)),
            ("type", Some(Node::text("virtual"))),
            ("url", Some(Node::text(at))),
        ]);
    }
    // street[, street2], city, ST ZIP
    let parts: Vec<&str> = at.split(", ").collect();
    if let [street @ .., city, state_zip] = &parts[..] {
        if let Some((state, zip)) = state_zip.split_once(' ') {
            if !street.is_empty() {
                return map([
                    ("name", name.map(Node::text)),
                    ("type", Some(Node::text("physical"))),
                    ("visibility", Some(Node::text("public"))),
                    (
                        "address",
                        Some(map([
                            ("street", Some(Node::text(street[0]))),
                            (
                                "street2",
                                (street.len() > 1).then(|| Node::text(street[1..].join(", "))),
                            ),
                            ("city", Some(Node::text(*city))),
                            ("state", Some(Node::text(state))),
                            ("postal_code", Some(Node::text(zip))),
                            ("country", Some(Node::text(country))),
                        ])),
                    ),
                ]);
            }
        }
    }
    // Only a name: a place nobody can find; kept as a mailing place is
    // wrong too, so it stays a named virtual place without an address.
    map([
        ("name", Some(Node::text(item))),
        ("type", Some(Node::text("mailing"))),
    ])
}

/// The place the address columns of a row give: public, or confidential
/// (the sheet says so, or it looks like a shelter) with its street kept
/// in the private overlay only.
fn address_place(
    m: &mut Mapper<'_>,
    row: &SheetRow<'_>,
    rows: &[SheetRow<'_>],
    org_name: &str,
    private: &mut Private,
) -> Option<(String, Node)> {
    let street = row.first(Field::Address);
    let street2 = row.first(Field::Address2);
    let city = row.first(Field::City);
    let county = row.first(Field::County);
    let state = row.first(Field::State);
    let zip = row
        .cell(Field::Zip)
        .and_then(|cell| zip_code(m, row.number, cell));
    if street.is_none() && city.is_none() && zip.is_none() {
        return None;
    }
    let said = row
        .first(Field::ConfidentialAddress)
        .map(|text| cells::yes_no(&text));
    let shelter_words = || {
        let texts: Vec<String> = [
            Field::Name,
            Field::Services,
            Field::Description,
            Field::ServiceDescription,
            Field::ServiceAreas,
        ]
        .iter()
        .flat_map(|f| rows.iter().flat_map(move |r| r.all(*f)))
        .map(|(_, t)| t.to_lowercase())
        .chain([org_name.to_lowercase()])
        .collect();
        SHELTER_WORDS
            .iter()
            .chain(SHEET_SHELTER_WORDS.iter())
            .find(|w| texts.iter().any(|t| t.contains(*w)))
            .copied()
    };
    let confidential = match said {
        Some(Ok(value)) => value,
        Some(Err(())) | None => match shelter_words() {
            Some(word) if street.is_some() => {
                m.guess(
                    "locations",
                    format!("row {}: the sheet says \"{word}\": the street address is kept private and only the city is published; if the address is public, set visibility: public and copy it back from private/", row.number),
                );
                true
            }
            _ => false,
        },
    };
    let key = format!("{street:?}/{city:?}/{zip:?}");
    if confidential {
        if let Some(street) = &street {
            let full = [
                Some(street.clone()),
                street2.clone(),
                city.clone(),
                state.clone(),
                zip.clone(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            private
                .notes
                .push(format!("Confidential address (row {}): {full}", row.number));
        }
        return Some((
            key,
            map([
                ("type", Some(Node::text("physical"))),
                ("visibility", Some(Node::text("confidential"))),
                (
                    "general_area",
                    Some(map([
                        ("city", city.map(Node::text)),
                        ("county", county.map(Node::text)),
                        ("state", state.map(Node::text)),
                    ])),
                ),
            ]),
        ));
    }
    let missing: Vec<&str> = [
        ("street", street.is_none()),
        ("city", city.is_none()),
        ("state", state.is_none()),
        ("ZIP code", zip.is_none()),
    ]
    .into_iter()
    .filter(|(_, missing)| *missing)
    .map(|(name, _)| name)
    .collect();
    if !missing.is_empty() {
        m.lose(
            "locations",
            format!("row {}: the address has no {}; left out (add it and the place to the record by hand)", row.number, missing.join(" or ")),
        );
        return None;
    }
    Some((
        key,
        map([
            ("type", Some(Node::text("physical"))),
            ("visibility", Some(Node::text("public"))),
            (
                "address",
                Some(map([
                    ("street", street.map(Node::text)),
                    ("street2", street2.map(Node::text)),
                    ("city", city.map(Node::text)),
                    ("state", state.map(Node::text)),
                    ("postal_code", zip.map(Node::text)),
                    ("country", Some(Node::text(m.hub.default_country))),
                ])),
            ),
        ]),
    ))
}

/// A ZIP code; one a spreadsheet stored as a number lost its leading
/// zero (07102 → 7102), which is put back for United States hubs.
fn zip_code(m: &mut Mapper<'_>, row: u64, cell: &Cell) -> Option<String> {
    let text = cells::text(cell)?;
    let us = m.hub.default_country == "US";
    if us && text.len() == 4 && text.chars().all(|c| c.is_ascii_digit()) {
        m.lose("locations", format!("row {row}: ZIP code {text} read as 0{text} (the spreadsheet dropped its leading zero)"));
        return Some(format!("0{text}"));
    }
    Some(text)
}

/// Every service the rows name, each with what its row says about it.
fn services(
    m: &mut Mapper<'_>,
    rows: &[SheetRow<'_>],
    phones: &Phones,
    places: &Places,
    org_name: &str,
    tags: &mut BTreeSet<String>,
) -> Vec<Node> {
    let mut nodes = Vec::new();
    let mut ids = BTreeSet::new();
    let named: Vec<(usize, Vec<String>)> = rows
        .iter()
        .enumerate()
        .map(|(at, row)| {
            let names = row
                .all(Field::Services)
                .into_iter()
                .flat_map(|(_, t)| cells::items(&t, false))
                .collect();
            (at, names)
        })
        .collect();
    let any_named = named.iter().any(|(_, names)| !names.is_empty());
    for (at, names) in named {
        let row = &rows[at];
        let names = if names.is_empty() {
            if any_named {
                continue;
            }
            let name = format!("Services of {org_name}");
            m.guess("services", format!("row {}: no service named; one service, \"{name}\", describes what the row says", row.number));
            vec![name]
        } else {
            names
        };
        let (categories, populations, languages) = classification(m, row, &names, tags);
        let several = names.len() > 1;
        if several && categories.len() > 1 {
            m.lose(
                "services",
                format!("row {}: {} services share the row's {} service areas; take out the ones that do not apply to each", row.number, names.len(), categories.len()),
            );
        }
        for name in names {
            let wanted = slugify_name(&name);
            let wanted = if wanted.is_empty() {
                "service".to_string()
            } else {
                wanted
                    .chars()
                    .take(60)
                    .collect::<String>()
                    .trim_end_matches('-')
                    .to_string()
            };
            if ids.contains(&wanted) {
                m.lose(
                    "services",
                    format!(
                        "row {}: \"{name}\" is named twice; the first is kept",
                        row.number
                    ),
                );
                continue;
            }
            let id = unique(wanted, &ids);
            ids.insert(id.clone());
            let description = match row.first(Field::ServiceDescription).filter(|_| !several) {
                Some(text) => text,
                None => {
                    m.lose(
                        format!("services[{id}].description"),
                        "no description; the name stands in",
                    );
                    format!("{name}.")
                }
            };
            nodes.push(service_node(
                m,
                row,
                &id,
                &name,
                description,
                (&categories, &populations, &languages),
                phones,
                places,
            ));
        }
    }
    nodes
}

/// The row's service areas (by label, or guessed from words), populations
/// and languages.
fn classification(
    m: &mut Mapper<'_>,
    row: &SheetRow<'_>,
    names: &[String],
    tags: &mut BTreeSet<String>,
) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut categories = Vec::new();
    for (_, text) in row.all(Field::ServiceAreas) {
        let (found, unknown) = codes_in(m, Kind::ServiceAreas, &text);
        for code in found {
            push_new(&mut categories, code);
        }
        for value in unknown {
            let code = guess_category(&value).to_string();
            m.guess(
                "services[].categories",
                format!(
                    "row {}: \"{value}\" is not a service area of this hub; guessed {code}",
                    row.number
                ),
            );
            push_new(&mut categories, code);
        }
    }
    if categories.is_empty() {
        let words = [
            names.join(" "),
            row.first(Field::ServiceDescription).unwrap_or_default(),
            row.first(Field::Description).unwrap_or_default(),
        ]
        .join(" ");
        let code = guess_category(&words).to_string();
        m.guess(
            "services[].categories",
            format!(
                "row {}: no service area in the sheet; guessed {code} from the words",
                row.number
            ),
        );
        categories.push(code);
    }
    let mut populations = Vec::new();
    for (_, text) in row.all(Field::Populations) {
        let (found, unknown) = codes_in(m, Kind::Populations, &text);
        for code in found {
            push_new(&mut populations, code);
        }
        for value in unknown {
            tags.insert(slugify_name(&value));
            m.lose(
                "services[].populations",
                format!(
                    "row {}: \"{value}\" is not a population of this hub; kept as a tag",
                    row.number
                ),
            );
        }
    }
    let mut languages = Vec::new();
    for (_, text) in row.all(Field::Languages) {
        for name in cells::items(&text, true) {
            match language(m, &name) {
                Some(tag) => push_new(&mut languages, tag),
                None => m.lose("services[].languages", format!("row {}: \"{name}\" is not a language haven knows; left out (write its tag, such as es or ase)", row.number)),
            }
        }
    }
    (categories, populations, languages)
}

fn language(m: &Mapper<'_>, name: &str) -> Option<String> {
    if let Some(tag) = language_from_name(m.hub.taxonomies, name.trim()) {
        return Some(tag);
    }
    let lower = name.trim().to_lowercase();
    let looks_like_tag =
        lower.len() <= 8 && lower.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    (looks_like_tag && crate::hub::language::check(name.trim()).is_ok_and(|w| w.is_none()))
        .then(|| name.trim().to_string())
}

#[allow(clippy::too_many_arguments)]
fn service_node(
    m: &mut Mapper<'_>,
    row: &SheetRow<'_>,
    id: &str,
    name: &str,
    description: String,
    (categories, populations, languages): (&[String], &[String], &[String]),
    phones: &Phones,
    places: &Places,
) -> Node {
    let field = format!("services[{id}]");
    let fact = |m: &mut Mapper<'_>, f: Field| -> Option<bool> {
        let text = row.first(f)?;
        match cells::yes_no(&text) {
            Ok(value) => Some(value),
            Err(()) => {
                m.lose(
                    format!("{field}.access.{}", f.name()),
                    format!(
                        "row {}: \"{text}\" is neither yes nor no; left out",
                        row.number
                    ),
                );
                None
            }
        }
    };
    let police = fact(m, Field::PoliceReportRequired);
    let confidential = fact(m, Field::Confidential);
    if police.is_none() || confidential.is_none() {
        m.lose(format!("{field}.access"), "the sheet does not say whether police are involved or how private it is: marked unknown (warning W150); ask the partner");
    }
    let access = map([
        (
            "law_enforcement_involvement",
            Some(Node::text(match police {
                Some(true) => "required",
                Some(false) => "not_required",
                None => "unknown",
            })),
        ),
        (
            "confidentiality",
            Some(Node::text(match confidential {
                Some(true) => "confidential",
                Some(false) => "standard",
                None => "unknown",
            })),
        ),
        (
            "immigration_status_asked",
            fact(m, Field::ImmigrationStatusAsked).map(Node::Bool),
        ),
        ("id_required", fact(m, Field::IdRequired).map(Node::Bool)),
        (
            "referral_required",
            fact(m, Field::ReferralRequired).map(Node::Bool),
        ),
        ("walk_in", fact(m, Field::WalkIn).map(Node::Bool)),
        (
            "anonymous_contact_ok",
            fact(m, Field::AnonymousOk).map(Node::Bool),
        ),
    ]);
    let (cost, fees) = cost(m, row, &field);
    let age = |f: Field| {
        row.first(f)
            .and_then(|t| t.trim().parse::<f64>().ok())
            .filter(|a| (0.0..=120.0).contains(a))
            .map(|a| Node::Number(a.floor()))
    };
    let eligibility = map([
        ("description", row.first(Field::Eligibility).map(Node::text)),
        ("min_age", age(Field::MinAge)),
        ("max_age", age(Field::MaxAge)),
    ]);
    let hours = row.first(Field::Hours).and_then(|text| {
        let hours = hours_from_cell(&text);
        if hours.is_none() {
            m.lose(
                format!("{field}.hours"),
                format!(
                    "row {}: \"{text}\" could not be read as opening hours; kept as a note",
                    row.number
                ),
            );
            return Some(map([("notes", Some(Node::text(text)))]));
        }
        hours
    });
    let documents: Vec<String> = row
        .all(Field::Documents)
        .into_iter()
        .flat_map(|(_, t)| cells::items(&t, false))
        .collect();
    map([
        ("id", Some(Node::text(id))),
        ("name", Some(Node::text(name))),
        ("description", Some(Node::text(description))),
        ("categories", Some(Node::texts(categories.iter().cloned()))),
        (
            "populations",
            Some(Node::texts(populations.iter().cloned())),
        ),
        ("eligibility", Some(eligibility)),
        ("access", Some(access)),
        ("cost", Some(Node::text(cost))),
        ("fees_description", fees.map(Node::text)),
        ("languages", Some(Node::texts(languages.iter().cloned()))),
        ("required_documents", Some(Node::texts(documents))),
        ("locations", Some(Node::texts(places.of_row(row.number)))),
        ("phones", Some(Node::texts(phones.of_row(row.number)))),
        ("hours", hours),
    ])
}

/// The cost code and fees text: "Free", "gratis", "$0", "sliding scale",
/// "Medicaid", "$25 per visit"; a fees column adds its text.
fn cost(m: &mut Mapper<'_>, row: &SheetRow<'_>, field: &str) -> (String, Option<String>) {
    let fees = row.first(Field::Fees);
    let written = row.first(Field::Cost);
    let read = written.as_deref().or(fees.as_deref()).and_then(cost_code);
    match (read, written) {
        (Some(code), written) => {
            let fees = fees.or(written.filter(|_| code != "free"));
            (code.to_string(), fees)
        }
        (None, written) => {
            m.guess(
                format!("{field}.cost"),
                match &written {
                    Some(text) => format!("row {}: \"{text}\" does not say free, sliding scale, insurance or fee; set to fee (check with the partner)", row.number),
                    None => format!("row {}: the sheet does not say what it costs; set to fee (check with the partner)", row.number),
                },
            );
            (
                "fee".to_string(),
                Some(
                    written
                        .or(fees)
                        .unwrap_or_else(|| "Ask the partner about costs.".to_string()),
                ),
            )
        }
    }
}

fn cost_code(text: &str) -> Option<&'static str> {
    let lower = text.trim().to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&[
        "free",
        "gratis",
        "gratuito",
        "no cost",
        "sin costo",
        "no charge",
        "$0",
    ]) || lower == "0"
        || lower == "none"
        || lower == "no"
    {
        Some("free")
    } else if has(&["sliding", "escala", "income-based", "based on income"]) {
        Some("sliding_scale")
    } else if has(&["insurance", "medicaid", "medicare", "seguro"]) {
        Some("insurance")
    } else if has(&["$", "fee", "cuota", "costo", "per ", "por "])
        || lower.chars().any(|c| c.is_ascii_digit())
        || lower == "yes"
        || lower == "sí"
    {
        Some("fee")
    } else {
        None
    }
}

/// Coverage: the scope the sheet names (local otherwise) and its
/// counties, from a counties column or else the address's county.
fn coverage(m: &mut Mapper<'_>, rows: &[SheetRow<'_>]) -> Node {
    let scope = single(m, rows, Field::Coverage).and_then(|text| {
        let lower = text.trim().to_lowercase();
        let code = match lower.as_str() {
            "estatal" | "state" | "state-wide" => Some("statewide".to_string()),
            "nacional" => Some("national".to_string()),
            "internacional" => Some("international".to_string()),
            "tribal nation" => Some("tribal".to_string()),
            _ => record_code::<CoverageScope>(&text).map(|s| crate::hub::record::code_of(&s)),
        };
        if code.is_none() {
            m.lose(
                "coverage.scope",
                format!("\"{text}\" is not a coverage scope; set to local"),
            );
        }
        code
    });
    let scope = scope.unwrap_or_else(|| {
        if !rows.iter().any(|r| r.first(Field::Coverage).is_some()) {
            m.lose(
                "coverage.scope",
                "the sheet has no coverage scope: set to local",
            );
        }
        "local".to_string()
    });
    let state = rows.iter().find_map(|r| r.first(Field::State));
    let mut counties: Vec<String> = Vec::new();
    for row in rows {
        for (_, text) in row.all(Field::Counties) {
            for county in cells::items(&text, true) {
                push_new(&mut counties, county);
            }
        }
    }
    if counties.is_empty() {
        for row in rows {
            if let Some(county) = row.first(Field::County) {
                push_new(&mut counties, county);
            }
        }
    }
    let areas = counties
        .into_iter()
        .map(|name| {
            map([
                ("kind", Some(Node::text("county"))),
                ("name", Some(Node::text(name))),
                (
                    "state",
                    state.clone().filter(|s| s.len() == 2).map(Node::text),
                ),
            ])
        })
        .collect();
    map([
        ("scope", Some(Node::text(scope))),
        ("areas", Some(Node::List(areas))),
    ])
}

/// What stays in `private/<id>.yaml`: named contacts and notes.
#[derive(Default)]
struct Private {
    contacts: Vec<Node>,
    names: BTreeSet<String>,
    notes: Vec<String>,
}

impl Private {
    fn read(&mut self, row: &SheetRow<'_>) {
        let contact = map([
            ("name", row.first(Field::Contact).map(Node::text)),
            ("title", row.first(Field::ContactTitle).map(Node::text)),
            ("email", row.first(Field::ContactEmail).map(Node::text)),
            ("phone", row.first(Field::ContactPhone).map(Node::text)),
        ]);
        let key = format!("{contact:?}");
        if matches!(&contact, Node::Map(entries) if !entries.is_empty()) && self.names.insert(key) {
            self.contacts.push(contact);
        }
        for field in [Field::Notes, Field::Private] {
            for (column, text) in row.all(field) {
                self.notes
                    .push(format!("{} (row {}): {text}", column.header, row.number));
            }
        }
    }

    fn into_node(self, m: &mut Mapper<'_>) -> Option<Node> {
        if self.contacts.is_empty() && self.notes.is_empty() {
            return None;
        }
        m.lose(
            "internal",
            format!(
                "{} contact(s) and {} note(s) written to the private overlay, never published",
                self.contacts.len(),
                self.notes.len()
            ),
        );
        let mut contacts = self.contacts.into_iter();
        Some(map([
            ("point_of_contact", contacts.next()),
            ("other_contacts", Some(Node::List(contacts.collect()))),
            (
                "notes",
                (!self.notes.is_empty()).then(|| Node::text(self.notes.join("\n"))),
            ),
        ]))
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

    #[test]
    fn costs_read_in_english_and_spanish() {
        assert_eq!(cost_code("Free"), Some("free"));
        assert_eq!(cost_code("Gratis"), Some("free"));
        assert_eq!(cost_code("Sliding scale"), Some("sliding_scale"));
        assert_eq!(cost_code("Medicaid accepted"), Some("insurance"));
        assert_eq!(cost_code("$25 per visit"), Some("fee"));
        assert_eq!(cost_code("ask"), None);
    }

    #[test]
    fn places_as_the_export_writes_them_read_back() {
        let node = exported_place(
            "Main office: 19 Arroyo Road, Suite 2, Piñon Springs, NM 87042",
            "US",
        );
        let text = crate::import::yaml_out::document(&[], &node);
        assert!(text.contains("street: \"19 Arroyo Road\""), "{text}");
        assert!(text.contains("street2: Suite 2"), "{text}");
        assert!(text.contains("postal_code: \"87042\""), "{text}");
        let node = exported_place(
            "Shelter: confidential location (Riverbend, Juniper County, NM)",
            "US",
        );
        let text = crate::import::yaml_out::document(&[], &node);
        assert!(
            text.contains("visibility: confidential") && text.contains("county: Juniper County"),
            "{text}"
        );
        assert!(!text.contains("street"), "{text}");
    }
}
