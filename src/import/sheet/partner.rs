//! The rows of one organization as a partner record: organization fields
//! from the first row that has them, a service per service name, phones,
//! places, and what only coalition staff may see in a private overlay.
//! Everything changed, left out or guessed is reported with its row.

use std::collections::BTreeSet;

use super::cells;
use super::columns::{Column, Field};
use super::phones::Phones;
use super::places::Places;
use super::read::Cell;
use super::services::services;
use crate::hub::date::DateRead;
use crate::hub::names::slugify_name;
use crate::hub::record::{CoverageScope, Status};
use crate::hub::taxonomy::Kind;
use crate::import::mapper::{https, push_new, record_code, unique, valid_id, Mapper};
use crate::import::partner::set;
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

    pub(super) fn cell(&self, field: Field) -> Option<&Cell> {
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
        ("phones", Some(Node::List(phones.kept.nodes))),
        ("locations", Some(Node::List(places.kept.nodes))),
        ("coverage", Some(coverage)),
        ("services", Some(Node::List(services))),
        ("tags", Some(Node::texts(tags))),
        (
            "source",
            Some(map([
                ("system", Some(Node::text(format!("spreadsheet {file}")))),
                (
                    "record_id",
                    Some(Node::text(
                        rows.iter()
                            .find_map(|r| r.first(Field::SourceId))
                            .unwrap_or_else(|| rows_named(rows)),
                    )),
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
pub(super) fn codes_in(m: &Mapper<'_>, kind: Kind, text: &str) -> (Vec<String>, Vec<String>) {
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
pub(super) struct Private {
    contacts: Vec<Node>,
    names: BTreeSet<String>,
    pub(super) notes: Vec<String>,
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
