//! One HSDS organization as a partner record (design/partner-record.md
//! §5.5): what maps is mapped, what cannot be known is marked `unknown`
//! or guessed and reported, and everything dropped is reported.

use std::collections::{BTreeMap, BTreeSet};

use super::package::{Package, Row};
use super::yaml_out::{map, Node};
use crate::date::Date;
use crate::export::hsds::{CONFIDENTIAL, HOTLINE};
use crate::model::slugify_name;
use crate::record::PhoneKind;
use crate::taxonomy::{Kind, Taxonomies};

/// What the mapping needs from the hub it imports into.
pub struct Hub<'a> {
    pub taxonomies: &'a Taxonomies,
    pub default_country: &'a str,
    pub today: Date,
}

/// One step that lost or guessed something: the record's field and what
/// happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    pub field: String,
    pub what: String,
}

/// A partner file to write.
pub struct Draft {
    pub id: String,
    pub record: Node,
    /// Named staff (HSDS contacts): internal, for `private/<id>.yaml`.
    pub contacts: Vec<Node>,
    pub losses: Vec<Loss>,
    /// Whether the record was written `published: false` for review.
    pub unpublished: bool,
}

struct Mapper<'a> {
    package: &'a Package,
    hub: &'a Hub<'a>,
    losses: Vec<Loss>,
    review: bool,
}

impl Mapper<'_> {
    fn lose(&mut self, field: impl Into<String>, what: impl Into<String>) {
        self.losses.push(Loss {
            field: field.into(),
            what: what.into(),
        });
    }

    /// Like `lose`, and the record needs a volunteer before it is published.
    fn guess(&mut self, field: impl Into<String>, what: impl Into<String>) {
        self.review = true;
        self.lose(field, what);
    }

    fn rows<'r>(&'r self, table: &str, column: &str, id: &str) -> Vec<&'r Row> {
        self.package
            .rows(table)
            .iter()
            .filter(|row| row.get(column) == Some(id))
            .collect()
    }

    /// The terms (taxonomy, code, name) linked to `id` by attributes.
    fn terms_of(&self, id: &str) -> Vec<(String, Term)> {
        let terms: BTreeMap<&str, &Row> = self
            .package
            .rows("taxonomy_terms")
            .iter()
            .filter_map(|row| Some((row.get("id")?, row)))
            .collect();
        self.rows("attributes", "link_id", id)
            .into_iter()
            .filter_map(|attribute| {
                let term = attribute.get("taxonomy_term_id").and_then(|t| terms.get(t));
                let link_type = attribute.get("link_type").unwrap_or_default().to_string();
                let term = Term {
                    taxonomy: term
                        .and_then(|t| t.get("taxonomy"))
                        .unwrap_or_default()
                        .to_string(),
                    code: term
                        .and_then(|t| t.get("code"))
                        .unwrap_or_default()
                        .to_string(),
                    name: term
                        .and_then(|t| t.get("name"))
                        .or(attribute.get("taxonomy_detail"))
                        .unwrap_or_default()
                        .to_string(),
                    value: attribute.get("value").map(str::to_string),
                };
                (!term.code.is_empty() || !term.name.is_empty()).then_some((link_type, term))
            })
            .collect()
    }

    /// A hub code of `kind` a term stands for: by code, or by label.
    fn code_in(&self, kind: Kind, term: &Term) -> Option<String> {
        let taxonomies = self.hub.taxonomies;
        if taxonomies.contains(kind, &term.code) {
            return Some(term.code.clone());
        }
        let name = term.name.to_lowercase();
        taxonomies
            .terms(kind)
            .iter()
            .find(|t| {
                t.code == slugify_name(&term.name).replace('-', "_")
                    || t.labels.values().any(|l| l.to_lowercase() == name)
            })
            .map(|t| t.code.clone())
    }
}

#[derive(Debug, Clone)]
struct Term {
    taxonomy: String,
    code: String,
    name: String,
    value: Option<String>,
}

/// Maps organization `org`; `taken` holds the partner ids already used.
pub fn draft(org: &Row, package: &Package, hub: &Hub<'_>, taken: &BTreeSet<String>) -> Draft {
    let mut m = Mapper {
        package,
        hub,
        losses: Vec::new(),
        review: false,
    };
    let org_id = org.get("id").unwrap_or_default().to_string();
    let name = org
        .get("name")
        .unwrap_or("Unnamed organization")
        .to_string();
    if org.get("name").is_none() {
        m.guess(
            "name",
            format!("{}: the organization has no name", org.place()),
        );
    }
    let id = unique(partner_id(org, &name), taken);

    let mut description = org.get("description").unwrap_or_default().to_string();
    if let Some(markdown) = html_to_markdown(&description) {
        m.lose(
            "description",
            "HTML turned into Markdown; check the formatting",
        );
        description = markdown;
    }
    if description.is_empty() {
        description = format!("{name}.");
        m.guess(
            "description",
            "the organization has no description; its name stands in",
        );
    }

    let org_terms = m.terms_of(&org_id);
    let mut partner_types = Vec::new();
    let mut focus_issues = Vec::new();
    let mut tags = BTreeSet::new();
    for (link_type, term) in &org_terms {
        let (kind, into) = match link_type.as_str() {
            "focus_issue" => (Kind::FocusIssues, &mut focus_issues),
            _ => (Kind::PartnerTypes, &mut partner_types),
        };
        match m.code_in(kind, term) {
            Some(code) => push_new(into, code),
            None => {
                tags.insert(tag(term));
                m.lose(
                    "tags",
                    format!(
                        "organization term \"{}\" has no hub code; kept as a tag",
                        term.name
                    ),
                );
            }
        }
    }
    if partner_types.is_empty() {
        partner_types.push("other".to_string());
        m.lose("partner_types", "no partner type in the data; set to other");
    }

    let website = org.get("website").map(|url| https(&mut m, "website", url));
    let phones = phones(&mut m, &org_id);
    let (locations, location_ids) = locations(&mut m, &org_id);
    let services = services(&mut m, &org_id, &id, phones, &location_ids, &mut tags);
    let coverage = coverage(&mut m, &services.areas);

    let last_verified = services.assured.clone().unwrap_or_else(|| {
        m.guess(
            "last_verified",
            "no service has an assured_date; set to today, and published: false until someone verifies the record",
        );
        m.hub.today.to_string()
    });
    let identifiers: Vec<Node> = m
        .rows("organization_identifiers", "organization_id", &org_id)
        .iter()
        .filter_map(|row| {
            let value = row.get("identifier")?;
            let scheme = row
                .get("identifier_scheme")
                .or(row.get("identifier_type"))?;
            Some(map([
                ("scheme", Some(Node::text(scheme))),
                ("value", Some(Node::text(value))),
            ]))
        })
        .collect();
    let year = org
        .get("year_incorporated")
        .and_then(|y| y.parse::<f64>().ok())
        .filter(|y| (1600.0..=2100.0).contains(y));
    if org.get("legal_status") == Some("individual") {
        m.guess(
            "kind",
            "an individual (a survivor leader): imported as an organization; set kind: individual once their consent is recorded (rule E140)",
        );
    }
    let legal_status = org
        .get("legal_status")
        .filter(|l| *l != "individual")
        .and_then(|text| {
            let code = legal_status(text);
            if code.is_none() {
                m.lose(
                    "legal_status",
                    format!("\"{text}\" is not a known legal status; left out"),
                );
            }
            code
        });
    let contacts = contacts(&mut m, &org_id, org.get("email"));
    for (table, what) in [("programs", "programs"), ("funding", "funding sources")] {
        let count = m.rows(table, "organization_id", &org_id).len();
        if count > 0 {
            m.lose(
                "-",
                format!("{count} {what} not imported: partner records have no such field"),
            );
        }
    }

    let record = map([
        ("schema_version", Some(Node::Number(1.0))),
        ("id", Some(Node::text(&id))),
        ("status", Some(Node::text(services.partner_status))),
        ("last_verified", Some(Node::text(last_verified))),
        ("published", m.review.then_some(Node::Bool(false))),
        ("name", Some(Node::text(&name))),
        (
            "alternate_names",
            org.get("alternate_name").map(|names| {
                Node::texts(names.split("; ").map(str::trim).filter(|n| !n.is_empty()))
            }),
        ),
        ("description", Some(Node::text(description))),
        ("partner_types", Some(Node::texts(partner_types))),
        ("focus_issues", Some(Node::texts(focus_issues))),
        ("website", website.map(Node::text)),
        ("email", org.get("email").map(Node::text)),
        ("legal_status", legal_status.map(Node::text)),
        ("year_incorporated", year.map(Node::Number)),
        ("identifiers", Some(Node::List(identifiers))),
        ("phones", Some(Node::List(services.phones))),
        ("locations", Some(Node::List(locations))),
        ("coverage", Some(coverage)),
        ("services", Some(Node::List(services.nodes))),
        ("tags", Some(Node::texts(tags))),
        (
            "source",
            Some(map([
                (
                    "system",
                    Some(Node::text(format!("HSDS {}", package.version))),
                ),
                ("record_id", Some(Node::text(&org_id))),
                ("imported_on", Some(Node::text(hub.today.to_string()))),
                ("hsds_version", Some(Node::text(&package.version))),
            ])),
        ),
    ]);
    // `published` is decided once everything is mapped.
    let record = if m.review {
        set(record, "published", Node::Bool(false))
    } else {
        record
    };
    Draft {
        id,
        record,
        contacts,
        losses: m.losses,
        unpublished: m.review,
    }
}

/// `node` (a map) with `key` set, placed after `last_verified`.
fn set(node: Node, key: &str, value: Node) -> Node {
    let Node::Map(mut entries) = node else {
        return node;
    };
    entries.retain(|(k, _)| k != key);
    let at = entries
        .iter()
        .position(|(k, _)| k == "last_verified")
        .map_or(entries.len(), |i| i + 1);
    entries.insert(at, (key.to_string(), value));
    Node::Map(entries)
}

fn push_new(list: &mut Vec<String>, code: String) {
    if !list.contains(&code) {
        list.push(code);
    }
}

fn tag(term: &Term) -> String {
    let text = if term.name.is_empty() {
        &term.code
    } else {
        &term.name
    };
    slugify_name(text)
}

/// The partner id haven's own export put in `uri`, else one made from
/// the name.
fn partner_id(org: &Row, name: &str) -> String {
    let from_uri = org.get("uri").and_then(|uri| {
        let rest = uri.trim_end_matches('/').rsplit_once("/partners/")?.1;
        valid_id(rest).then(|| rest.to_string())
    });
    from_uri.unwrap_or_else(|| {
        let slug = slugify_name(name);
        let mut id: String = slug.chars().take(60).collect();
        id = id.trim_end_matches('-').to_string();
        if id.is_empty() {
            "imported-partner".to_string()
        } else {
            id
        }
    })
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// `wanted`, or `wanted-2`, `wanted-3`, … if taken.
fn unique(wanted: String, taken: &BTreeSet<String>) -> String {
    if !taken.contains(&wanted) {
        return wanted;
    }
    (2..)
        .map(|n| format!("{wanted}-{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or(wanted)
}

fn https(m: &mut Mapper<'_>, field: &str, url: &str) -> String {
    match url.strip_prefix("http://") {
        Some(rest) => {
            m.lose(
                field,
                format!("{url} changed to https://; check that the address works"),
            );
            format!("https://{rest}")
        }
        None if url.starts_with("https://") => url.to_string(),
        None => {
            m.lose(field, format!("\"{url}\" has no https://; added"));
            format!("https://{url}")
        }
    }
}

fn legal_status(text: &str) -> Option<&'static str> {
    let lower = text.to_ascii_lowercase().replace(['-', ' '], "_");
    [
        "nonprofit",
        "government",
        "tribal_government",
        "university",
        "faith_based",
        "for_profit",
        "fiscally_sponsored",
        "other",
    ]
    .into_iter()
    .find(|code| {
        lower == *code
            || (lower.contains("non_profit") && *code == "nonprofit")
            || (lower.contains("charit") && *code == "nonprofit")
    })
}

/// Phones by HSDS id → (record id, number), and their nodes.
struct Phones {
    nodes: Vec<Node>,
    ids: BTreeMap<String, String>,
}

fn phone_node(m: &mut Mapper<'_>, row: &Row, id: &str) -> Option<Node> {
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
        crate::validate::phone::check(number, kind, m.hub.default_country)
    {
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

fn phones(m: &mut Mapper<'_>, org_id: &str) -> Phones {
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
fn add_phone(m: &mut Mapper<'_>, row: &Row, phones: &mut Phones) -> Option<String> {
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

/// Locations, and HSDS location id → record id.
fn locations(m: &mut Mapper<'_>, org_id: &str) -> (Vec<Node>, BTreeMap<String, String>) {
    // Locations reached only through service_at_location count too.
    let services: BTreeSet<&str> = m
        .rows("services", "organization_id", org_id)
        .iter()
        .filter_map(|s| s.get("id"))
        .collect();
    let offered_at: BTreeSet<&str> = m
        .package
        .rows("service_at_location")
        .iter()
        .filter(|sal| sal.get("service_id").is_some_and(|s| services.contains(s)))
        .filter_map(|sal| sal.get("location_id"))
        .collect();
    let rows: Vec<Row> = m
        .package
        .rows("locations")
        .iter()
        .filter(|l| {
            l.get("organization_id") == Some(org_id)
                || l.get("id").is_some_and(|id| offered_at.contains(id))
        })
        .cloned()
        .collect();
    let mut nodes = Vec::new();
    let mut ids = BTreeMap::new();
    let mut used = BTreeSet::new();
    for row in rows {
        let hsds_id = row.get("id").unwrap_or_default().to_string();
        let base = row
            .get("name")
            .map(slugify_name)
            .filter(|s| valid_id(s))
            .unwrap_or_else(|| "location".to_string());
        let id = unique(
            base.chars()
                .take(40)
                .collect::<String>()
                .trim_end_matches('-')
                .to_string(),
            &used,
        );
        if let Some(node) = location_node(m, &row, &id) {
            used.insert(id.clone());
            ids.insert(hsds_id, id);
            nodes.push(node);
        }
    }
    (nodes, ids)
}

fn location_node(m: &mut Mapper<'_>, row: &Row, id: &str) -> Option<Node> {
    let hsds_id = row.get("id").unwrap_or("-");
    let field = format!("locations[{id}]");
    let description = row.get("description").unwrap_or_default();
    let confidential = description.starts_with(CONFIDENTIAL);
    let kind = match row.get("location_type").unwrap_or("physical") {
        "virtual" => "virtual",
        "postal" => "mailing",
        _ => "physical",
    };
    let geo = match (
        row.get("latitude").and_then(|v| v.parse::<f64>().ok()),
        row.get("longitude").and_then(|v| v.parse::<f64>().ok()),
    ) {
        (Some(lat), Some(lon)) if confidential => {
            let _ = (lat, lon);
            m.lose(&field, "coordinates of a confidential location left out");
            None
        }
        (Some(lat), Some(lon))
            if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) =>
        {
            Some(map([
                ("lat", Some(Node::Number(lat))),
                ("lon", Some(Node::Number(lon))),
            ]))
        }
        (Some(lat), Some(lon)) => {
            m.lose(
                format!("{field}.geo"),
                format!("latitude {lat}, longitude {lon} is out of range; left out"),
            );
            None
        }
        _ => None,
    };
    let address = m
        .rows("addresses", "location_id", hsds_id)
        .into_iter()
        .min_by_key(|a| (a.get("address_type") == Some("postal")) != (kind == "mailing"))
        .cloned();
    if let Some(a) = address
        .as_ref()
        .filter(|a| a.get("address_type") == Some("postal") && kind != "mailing")
    {
        m.lose(
            &field,
            format!(
                "{}: only a postal address; used as the street address",
                a.place()
            ),
        );
    }
    let address = match (address, confidential) {
        (Some(a), false) => {
            let (street, city, state, zip) = (
                a.get("address_1"),
                a.get("city"),
                a.get("state_province"),
                a.get("postal_code"),
            );
            let country = a.get("country").unwrap_or(m.hub.default_country);
            let problem = match (state, zip) {
                (Some(state), Some(zip)) => crate::validate::address_problem(state, zip, country),
                _ => None,
            };
            if let Some(problem) = &problem {
                m.lose(
                    &field,
                    format!("{}: {problem}; the address is left out", a.place()),
                );
            }
            match (street, city, state, zip) {
                _ if problem.is_some() => None,
                (Some(street), Some(city), Some(state), Some(zip)) => Some(map([
                    ("street", Some(Node::text(street))),
                    ("street2", a.get("address_2").map(Node::text)),
                    ("city", Some(Node::text(city))),
                    ("state", Some(Node::text(state))),
                    ("postal_code", Some(Node::text(zip))),
                    (
                        "country",
                        Some(Node::text(
                            a.get("country").unwrap_or(m.hub.default_country),
                        )),
                    ),
                ])),
                _ => {
                    m.lose(
                        &field,
                        format!(
                            "{}: the address lacks a street, city, state or postal code",
                            a.place()
                        ),
                    );
                    None
                }
            }
        }
        _ => None,
    };
    let url = row.get("url").map(|u| https(m, &format!("{field}.url"), u));
    if kind == "virtual" && url.is_none() {
        m.lose(
            &field,
            format!(
                "{}: a virtual location without a url; left out",
                row.place()
            ),
        );
        return None;
    }
    if kind != "virtual" && address.is_none() && !confidential {
        m.lose(
            &field,
            format!(
                "{}: no complete address; left out (a public place needs one)",
                row.place()
            ),
        );
        return None;
    }
    let notes = if confidential {
        let rest = description.trim_start_matches(CONFIDENTIAL).trim();
        let (area, rest) = match rest.strip_prefix("General area: ") {
            Some(text) => match text.split_once(". ") {
                Some((area, rest)) => (Some(area.trim_end_matches('.')), rest),
                None => (Some(text.trim_end_matches('.')), ""),
            },
            None => (None, rest),
        };
        if let Some(area) = area {
            m.lose(
                format!("{field}.general_area"),
                format!("\"{area}\" kept as the city; check its parts"),
            );
        }
        let notes = (!rest.is_empty()).then(|| rest.to_string());
        return Some(map([
            ("id", Some(Node::text(id))),
            ("name", row.get("name").map(Node::text)),
            ("type", Some(Node::text(kind))),
            ("visibility", Some(Node::text("confidential"))),
            (
                "general_area",
                area.map(|a| map([("city", Some(Node::text(a.split(", ").next().unwrap_or(a))))])),
            ),
            ("notes", notes.map(Node::text)),
        ]));
    } else {
        (!description.is_empty()).then(|| description.to_string())
    };
    let accessibility_rows = m.rows("accessibility", "location_id", hsds_id);
    let mut features = Vec::new();
    let mut accessibility_notes = Vec::new();
    for access in accessibility_rows {
        if let Some(text) = access.get("description") {
            let term = Term {
                taxonomy: String::new(),
                code: slugify_name(text).replace('-', "_"),
                name: text.to_string(),
                value: None,
            };
            match m.code_in(Kind::Accessibility, &term) {
                Some(code) => features.push(code),
                None => accessibility_notes.push(text.to_string()),
            }
        }
        accessibility_notes.extend(access.get("details").map(str::to_string));
    }
    let hours = schedules(m, "location_id", hsds_id, &format!("{field}.hours"));
    Some(map([
        ("id", Some(Node::text(id))),
        ("name", row.get("name").map(Node::text)),
        ("type", Some(Node::text(kind))),
        (
            "visibility",
            (kind == "physical").then(|| Node::text("public")),
        ),
        ("address", address),
        ("geo", geo),
        ("url", url.map(Node::text)),
        ("transit", row.get("transportation").map(Node::text)),
        ("accessibility", Some(Node::texts(features))),
        (
            "accessibility_notes",
            (!accessibility_notes.is_empty()).then(|| Node::text(accessibility_notes.join(" "))),
        ),
        ("hours", hours),
        ("notes", notes.map(Node::text)),
    ]))
}

const DAYS: [(&str, &str); 7] = [
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
fn schedules(m: &mut Mapper<'_>, column: &str, id: &str, field: &str) -> Option<Node> {
    let rows: Vec<Row> = m
        .rows("schedules", column, id)
        .into_iter()
        .cloned()
        .collect();
    let holidays = m.rows("holiday_schedules", column, id).len();
    if rows.is_empty() {
        return None;
    }
    let mut days: BTreeMap<&str, Vec<(String, String)>> = BTreeMap::new();
    let mut notes = Vec::new();
    let mut around_the_clock = false;
    let mut by_appointment = false;
    for row in &rows {
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
                    around_the_clock = true;
                    continue;
                }
                for day in byday.split(',') {
                    if let Some((_, key)) = DAYS
                        .iter()
                        .find(|(code, _)| code.eq_ignore_ascii_case(day.trim()))
                    {
                        days.entry(key)
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
                let text = row.get("description").unwrap_or_default();
                if text.to_lowercase().contains("appointment") {
                    by_appointment = true;
                    continue;
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
                .collect::<Vec<_>>()
                .join(" ");
                if !summary.is_empty() {
                    notes.push(summary.clone());
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
        if let Some(note) = row.get("notes") {
            if !notes.iter().any(|n| n == note) {
                notes.push(note.to_string());
            }
        }
    }
    if holidays > 0 {
        m.lose(
            field,
            format!("{holidays} holiday schedule(s) not imported: record hours have no holidays"),
        );
    }
    if around_the_clock && days.is_empty() {
        return Some(Node::text("24/7"));
    }
    if by_appointment && days.is_empty() {
        return Some(Node::text("by_appointment"));
    }
    // Rows split at midnight by the exporter join again.
    let mut entries: Vec<(&'static str, Option<Node>)> = Vec::new();
    for (_, key) in DAYS {
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

/// `HH:MM` from HSDS times (`09:00`, `9:00:00`, `09:00Z`, `09:00+01:00`).
fn clock(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('Z');
    let text = text.split(['+']).next().unwrap_or(text);
    let mut parts = text.split(':');
    let hours: u32 = parts.next()?.trim().parse().ok()?;
    let minutes: u32 = parts.next().unwrap_or("0").trim().parse().ok()?;
    (hours <= 24 && minutes < 60).then(|| format!("{hours:02}:{minutes:02}"))
}

/// Hours the exporter wrote as words into a phone's description.
fn hours_from_words(text: &str) -> Option<Node> {
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

/// A language row as a BCP 47 tag the hub accepts.
fn language_tag(m: &Mapper<'_>, row: &Row) -> Option<String> {
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
fn language_from_name(taxonomies: &Taxonomies, name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    taxonomies
        .terms(Kind::Languages)
        .iter()
        .find(|t| t.code == lower || t.labels.values().any(|l| l.to_lowercase() == lower))
        .map(|t| t.code.clone())
}

struct Services {
    nodes: Vec<Node>,
    /// Coverage: (name, description) of every service area.
    areas: Vec<(String, String)>,
    /// The partner's phones, with those first met on a service.
    phones: Vec<Node>,
    /// The latest assured_date.
    assured: Option<String>,
    partner_status: &'static str,
}

const STATUSES: [(&str, &str); 4] = [
    ("active", "active"),
    ("temporarily closed", "temporarily_closed"),
    ("inactive", "inactive"),
    ("defunct", "defunct"),
];

fn services(
    m: &mut Mapper<'_>,
    org_id: &str,
    partner_id: &str,
    mut phones: Phones,
    locations: &BTreeMap<String, String>,
    tags: &mut BTreeSet<String>,
) -> Services {
    let rows: Vec<Row> = m
        .rows("services", "organization_id", org_id)
        .into_iter()
        .cloned()
        .collect();
    let mut out = Services {
        nodes: Vec::new(),
        phones: Vec::new(),
        areas: Vec::new(),
        assured: None,
        partner_status: "active",
    };
    let mut used = BTreeSet::new();
    let mut statuses = Vec::new();
    for row in &rows {
        let hsds_id = row.get("id").unwrap_or("-").to_string();
        let name = row.get("name").unwrap_or("Service").to_string();
        let id = unique(service_id(row, partner_id, &name), &used);
        used.insert(id.clone());
        let field = format!("services[{id}]");
        let mut description = row
            .get("description")
            .map(str::to_string)
            .unwrap_or_else(|| {
                m.lose(
                    format!("{field}.description"),
                    "no description; the name stands in",
                );
                format!("{name}.")
            });
        if let Some(markdown) = html_to_markdown(&description) {
            m.lose(
                format!("{field}.description"),
                "HTML turned into Markdown; check the formatting",
            );
            description = markdown;
        }
        let status = row.get("status").map(|s| s.to_ascii_lowercase());
        let status = status.as_deref().and_then(|s| {
            STATUSES
                .iter()
                .find(|(hsds, code)| *hsds == s || *code == s)
                .map(|(_, code)| *code)
        });
        statuses.push(status.unwrap_or("active"));
        if let Some(date) = row.get("assured_date").and_then(|d| d.get(..10)) {
            if Date::parse(date).is_some() && out.assured.as_deref().is_none_or(|a| a < date) {
                out.assured = Some(date.to_string());
            }
        }

        let mut categories = Vec::new();
        let mut populations = Vec::new();
        let mut communication = Vec::new();
        let mut access: BTreeMap<String, (String, Option<String>)> = BTreeMap::new();
        let mut cost = None;
        for (link_type, term) in m.terms_of(&hsds_id) {
            match link_type.as_str() {
                "access_condition" => {
                    if let Some((fact, value)) = term.code.split_once(':') {
                        access.insert(fact.to_string(), (value.to_string(), term.value.clone()));
                    }
                }
                "communication_access" => communication.push(term.code.clone()),
                "cost" => cost = Some(term.code.clone()),
                "target_population" => match m.code_in(Kind::Populations, &term) {
                    Some(code) => push_new(&mut populations, code),
                    None => {
                        tags.insert(tag(&term));
                        m.lose(
                            format!("{field}.populations"),
                            format!("\"{}\" has no hub code; kept as a tag", term.name),
                        );
                    }
                },
                _ => match m.code_in(Kind::ServiceAreas, &term).or_else(|| {
                    m.code_in(Kind::Populations, &term).map(|p| {
                        push_new(&mut populations, p);
                        String::new()
                    })
                }) {
                    Some(code) if code.is_empty() => {}
                    Some(code) => push_new(&mut categories, code),
                    None => {
                        tags.insert(tag(&term));
                        m.lose(
                            format!("{field}.categories"),
                            format!(
                                "term \"{}\" ({}) has no hub code; kept as a tag",
                                term.name,
                                if term.taxonomy.is_empty() {
                                    "no taxonomy"
                                } else {
                                    &term.taxonomy
                                }
                            ),
                        );
                    }
                },
            }
        }
        if categories.is_empty() {
            let guessed = guess_category(&format!("{name} {description}"));
            m.guess(
                format!("{field}.categories"),
                format!(
                    "no service area in the data; guessed {guessed} from the name and description"
                ),
            );
            categories.push(guessed.to_string());
        }
        let law = access
            .get("law_enforcement_involvement")
            .map(|(v, _)| v.clone());
        let confidentiality = access.get("confidentiality").cloned();
        if law.is_none() || confidentiality.is_none() {
            m.lose(
                format!("{field}.access"),
                "HSDS has no access conditions: marked unknown (warning W150); ask the partner",
            );
        }
        let fact =
            |name: &str| -> Option<Node> { access.get(name).map(|(v, _)| Node::Bool(v == "yes")) };
        let access_node = map([
            (
                "law_enforcement_involvement",
                Some(Node::text(law.unwrap_or_else(|| "unknown".into()))),
            ),
            (
                "confidentiality",
                Some(Node::text(
                    confidentiality
                        .as_ref()
                        .map_or("unknown", |(v, _)| v.as_str()),
                )),
            ),
            (
                "confidentiality_note",
                confidentiality.and_then(|(_, note)| note).map(Node::text),
            ),
            ("immigration_status_asked", fact("immigration_status_asked")),
            ("id_required", fact("id_required")),
            ("referral_required", fact("referral_required")),
            ("walk_in", fact("walk_in")),
            ("anonymous_contact_ok", fact("anonymous_contact_ok")),
        ]);

        let fees = row.get("fees_description").map(str::to_string);
        let free_option = m
            .rows("cost_options", "service_id", &hsds_id)
            .iter()
            .any(|o| o.get("amount").and_then(|a| a.parse::<f64>().ok()) == Some(0.0));
        let cost = cost.unwrap_or_else(|| {
            if free_option
                || fees
                    .as_deref()
                    .is_some_and(|f| f.to_lowercase().starts_with("free"))
            {
                "free".to_string()
            } else {
                m.guess(
                    format!("{field}.cost"),
                    "the cost is not clear from the data; set to fee (check with the partner)",
                );
                "fee".to_string()
            }
        });
        let fees = fees
            .filter(|f| !(cost == "free" && f == "Free of charge."))
            .or_else(|| (cost != "free").then(|| "Ask the partner about costs.".to_string()));

        let eligibility = map([
            (
                "description",
                row.get("eligibility_description")
                    .map(Node::text)
                    .or_else(|| {
                        let texts: Vec<String> = m
                            .rows("eligibility", "service_id", &hsds_id)
                            .iter()
                            .filter_map(|e| e.get("eligibility").map(str::to_string))
                            .collect();
                        (!texts.is_empty()).then(|| Node::text(texts.join("; ")))
                    }),
            ),
            (
                "min_age",
                row.get("minimum_age")
                    .and_then(|a| a.parse::<f64>().ok())
                    .filter(|a| (0.0..=120.0).contains(a))
                    .map(Node::Number),
            ),
            (
                "max_age",
                row.get("maximum_age")
                    .and_then(|a| a.parse::<f64>().ok())
                    .filter(|a| (0.0..=120.0).contains(a))
                    .map(Node::Number),
            ),
        ]);
        let languages: Vec<String> = m
            .rows("languages", "service_id", &hsds_id)
            .iter()
            .filter(|l| l.get("phone_id").is_none())
            .filter_map(|l| language_tag(m, l))
            .fold(Vec::new(), |mut list, tag| {
                push_new(&mut list, tag);
                list
            });
        let interpretation = row.get("interpretation_services").map(interpretation);
        let service_locations: Vec<String> = m
            .rows("service_at_location", "service_id", &hsds_id)
            .iter()
            .filter_map(|sal| locations.get(sal.get("location_id")?).cloned())
            .collect();
        let phone_rows: Vec<Row> = m
            .rows("phones", "service_id", &hsds_id)
            .into_iter()
            .cloned()
            .collect();
        let service_phones: Vec<String> = phone_rows
            .iter()
            .filter_map(|row| add_phone(m, row, &mut phones))
            .collect();
        for area in m.rows("service_areas", "service_id", &hsds_id) {
            if let Some(name) = area.get("name") {
                let entry = (
                    name.to_string(),
                    area.get("description").unwrap_or_default().to_string(),
                );
                if !out.areas.contains(&entry) {
                    out.areas.push(entry);
                }
            }
        }
        let documents: Vec<String> = m
            .rows("required_documents", "service_id", &hsds_id)
            .iter()
            .filter_map(|d| d.get("document").map(str::to_string))
            .collect();
        let hours = schedules(m, "service_id", &hsds_id, &format!("{field}.hours"));
        for (column, what) in [
            ("program_id", "program"),
            ("wait_time", "wait time"),
            ("accreditations", "accreditations"),
            ("licenses", "licenses"),
        ] {
            if row.get(column).is_some() {
                m.lose(
                    field.clone(),
                    format!("{what} not imported: partner records have no such field"),
                );
            }
        }
        out.nodes.push(map([
            ("id", Some(Node::text(&id))),
            ("name", Some(Node::text(&name))),
            ("description", Some(Node::text(description))),
            ("status", status.filter(|s| *s != "active").map(Node::text)),
            ("categories", Some(Node::texts(categories))),
            ("populations", Some(Node::texts(populations))),
            ("eligibility", Some(eligibility)),
            ("access", Some(access_node)),
            ("cost", Some(Node::text(cost))),
            ("fees_description", fees.map(Node::text)),
            (
                "application_process",
                row.get("application_process").map(Node::text),
            ),
            ("languages", Some(Node::texts(languages))),
            ("interpretation", interpretation),
            ("communication_access", Some(Node::texts(communication))),
            ("required_documents", Some(Node::texts(documents))),
            ("locations", Some(Node::texts(service_locations))),
            ("phones", Some(Node::texts(service_phones))),
            ("hours", hours),
            ("alert", row.get("alert").map(Node::text)),
        ]));
    }
    out.partner_status = if !statuses.is_empty()
        && statuses
            .iter()
            .all(|s| *s != "active" && *s != "temporarily_closed")
    {
        statuses[0]
    } else if !statuses.is_empty() && statuses.iter().all(|s| *s == "temporarily_closed") {
        "temporarily_closed"
    } else {
        "active"
    };
    if rows.is_empty() {
        m.guess(
            "services",
            "the organization has no services; a record needs one",
        );
    }
    out.phones = phones.nodes;
    out
}

/// The service id haven's own export put in `url`, else one from the name.
fn service_id(row: &Row, partner_id: &str, name: &str) -> String {
    let from_url = row.get("url").and_then(|url| {
        let (page, anchor) = url.split_once("#service-")?;
        (page.trim_end_matches('/').ends_with(partner_id) && valid_id(anchor))
            .then(|| anchor.to_string())
    });
    from_url.unwrap_or_else(|| {
        let slug: String = slugify_name(name).chars().take(40).collect();
        let slug = slug.trim_end_matches('-').to_string();
        if slug.is_empty() {
            "service".to_string()
        } else {
            slug
        }
    })
}

/// A service area from words in the service's text; basic needs when
/// nothing matches (reported either way).
fn guess_category(text: &str) -> &'static str {
    let lower = text.to_lowercase();
    const WORDS: [(&str, &[&str]); 8] = [
        (
            "legal_services",
            &["legal", "lawyer", "attorney", "immigration", "court"],
        ),
        (
            "health_care",
            &[
                "health", "counsel", "medical", "mental", "clinic", "therapy",
            ],
        ),
        ("interpretation_services", &["interpret", "translat"]),
        ("career_services", &["job", "employ", "career", "work"]),
        (
            "education",
            &["class", "school", "education", "literacy", "english"],
        ),
        ("transportation", &["transport", "bus ", "ride"]),
        (
            "healing_cultural_services",
            &["healing", "support group", "peer", "cultural"],
        ),
        ("basic_needs", &["food", "shelter", "housing", "clothing"]),
    ];
    WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| lower.contains(w)))
        .map_or("basic_needs", |(code, _)| code)
}

/// Coverage from the services' areas: haven's own export says the kind
/// and scope in the description; other data gets regions.
fn coverage(m: &mut Mapper<'_>, areas: &[(String, String)]) -> Node {
    let mut scope = None;
    let mut nodes = Vec::new();
    for (name, description) in areas {
        let (kind, own_scope) = match description.split_once("; scope: ") {
            Some((kind, scope)) => (Some(kind), Some(scope)),
            None => (None, description.strip_prefix("scope: ")),
        };
        if let Some(own) = own_scope {
            scope = Some(own.to_string());
        }
        if kind.is_none() && own_scope.is_some() {
            continue; // the scope alone, no area
        }
        let (area, state) = match name.rsplit_once(", ") {
            Some((area, state))
                if state.len() == 2 && state.chars().all(|c| c.is_ascii_uppercase()) =>
            {
                (area, Some(state))
            }
            _ => (name.as_str(), None),
        };
        let kind = kind
            .filter(|k| ["city", "county", "state", "tribal_nation", "zip", "region"].contains(k));
        if kind.is_none() {
            m.lose(
                "coverage.areas",
                format!("\"{name}\": kind unknown; written as a region"),
            );
        }
        nodes.push(map([
            ("kind", Some(Node::text(kind.unwrap_or("region")))),
            ("name", Some(Node::text(area))),
            ("state", state.map(Node::text)),
        ]));
    }
    if scope.is_none() {
        m.lose("coverage.scope", "HSDS has no coverage scope: set to local");
    }
    map([
        (
            "scope",
            Some(Node::text(scope.unwrap_or_else(|| "local".into()))),
        ),
        ("areas", Some(Node::List(nodes))),
    ])
}

/// Named staff, for the private overlay: never public. A contact's
/// address that is also the organization's public one is a role address,
/// not the person's, and stays public only.
fn contacts(m: &mut Mapper<'_>, org_id: &str, public_email: Option<&str>) -> Vec<Node> {
    let service_ids: BTreeSet<String> = m
        .rows("services", "organization_id", org_id)
        .iter()
        .filter_map(|s| s.get("id").map(str::to_string))
        .collect();
    let contacts: Vec<Node> = m
        .package
        .rows("contacts")
        .iter()
        .filter(|c| {
            c.get("organization_id") == Some(org_id)
                || c.get("service_id").is_some_and(|s| service_ids.contains(s))
        })
        .map(|c| {
            map([
                ("name", c.get("name").map(Node::text)),
                ("title", c.get("title").map(Node::text)),
                (
                    "email",
                    c.get("email")
                        .filter(|e| Some(*e) != public_email)
                        .map(Node::text),
                ),
            ])
        })
        .collect();
    if !contacts.is_empty() {
        m.lose(
            "internal.other_contacts",
            format!(
                "{} named contact(s) written to the private overlay, never published",
                contacts.len()
            ),
        );
    }
    contacts
}

/// HSDS descriptions may be HTML; partner records are Markdown. List
/// items become `- ` lines, paragraphs and breaks become line breaks,
/// other tags go, and the usual entities are decoded.
pub fn html_to_markdown(text: &str) -> Option<String> {
    let has_tag = text
        .match_indices('<')
        .any(|(i, _)| text[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/'));
    if !has_tag {
        return None;
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + end].trim().to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        match (tag.starts_with('/'), name.as_str()) {
            (false, "li") => {
                out.truncate(out.trim_end().len());
                out.push_str("\n- ");
            }
            (_, "br") => out.push('\n'),
            (_, "p" | "ul" | "ol" | "div" | "h1" | "h2" | "h3" | "h4") => out.push_str("\n\n"),
            _ => {}
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let lines: Vec<&str> = decoded.lines().map(str::trim).collect();
    let mut text = lines.join("\n");
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    // A list right after a sentence needs a blank line to be a list.
    text = text.replace(":\n- ", ":\n\n- ");
    Some(text.trim().to_string())
}

/// `interpretation_services` text: haven's export writes
/// "Interpretation available (phone, in person) in ar, so. Note.", read
/// back into modes, languages and note; other text is the note.
fn interpretation(text: &str) -> Node {
    let mut modes = Vec::new();
    let mut languages = Vec::new();
    let mut note = text.to_string();
    if let Some(rest) = text.strip_prefix("Interpretation available") {
        let mut rest = rest;
        if let Some(inner) = rest.strip_prefix(" (") {
            if let Some((list, after)) = inner.split_once(')') {
                modes = list.split(", ").map(|m| m.replace(' ', "_")).collect();
                rest = after;
            }
        }
        if let Some(inner) = rest.strip_prefix(" in ") {
            let (list, after) = inner.split_once('.').unwrap_or((inner, ""));
            languages = list.split(", ").map(str::to_string).collect();
            rest = after;
        } else {
            rest = rest.strip_prefix('.').unwrap_or(rest);
        }
        note = rest.trim().to_string();
    }
    map([
        ("available", Some(Node::Bool(true))),
        ("modes", Some(Node::texts(modes))),
        ("languages", Some(Node::texts(languages))),
        ("note", (!note.is_empty()).then(|| Node::text(note))),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_lists_become_markdown_lists() {
        let html = "Services include: <ul>\n <li>Personal Care</li>\n <li>Cleaning &amp; shopping</li>\n</ul>";
        assert_eq!(
            html_to_markdown(html).as_deref(),
            Some("Services include:\n\n- Personal Care\n- Cleaning & shopping")
        );
    }

    #[test]
    fn the_exports_interpretation_text_reads_back_into_its_parts() {
        let node =
            interpretation("Interpretation available (phone, in person) in ar, so. Call first.");
        let text = super::super::yaml_out::document(&[], &node);
        assert_eq!(
            text,
            "available: true\nmodes: [phone, in_person]\nlanguages: [ar, so]\nnote: Call first.\n"
        );
    }

    #[test]
    fn text_without_tags_is_left_alone() {
        assert_eq!(html_to_markdown("a < b and c > d"), None);
    }

    #[test]
    fn weekday_codes_make_day_ranges_and_24_hours_is_24_7() {
        assert_eq!(clock("9:00:00").as_deref(), Some("09:00"));
        assert_eq!(clock("17:30Z").as_deref(), Some("17:30"));
        assert_eq!(clock("25:00"), None);
    }

    #[test]
    fn a_category_is_guessed_from_words_and_defaults_to_basic_needs() {
        assert_eq!(guess_category("Immigration legal clinic"), "legal_services");
        assert_eq!(guess_category("Something else"), "basic_needs");
    }
}
