//! One HSDS organization as a partner record (docs/record-format.md):
//! what maps is mapped, what cannot be known is marked `unknown` or
//! guessed and reported, and everything dropped is reported.

use std::collections::BTreeSet;

use super::mapper::{https, push_new, record_code, tag, unique, valid_id, Hub, Loss, Mapper};
use super::package::{Package, Row};
use super::phones::phones;
use super::places::locations;
use super::services::services;
use super::text::html_to_markdown;
use super::yaml_out::{map, Node};
use crate::hsds::objects as hsds;
use crate::hub::names::slugify_name;
use crate::hub::taxonomy::Kind;

/// A partner file to write.
pub struct Draft {
    pub id: String,
    pub record: Node,
    /// Named staff (HSDS contacts): internal, for `private/<id>.yaml`.
    pub contacts: Vec<Node>,
    pub losses: Vec<Loss>,
    /// Whether the record was written `published: false` for review.
    pub unpublished: bool,
    /// Whether the organization has a service: a partner record needs one.
    pub has_services: bool,
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

    let description = organization_description(&mut m, org, &name);

    let mut tags = BTreeSet::new();
    let (partner_types, focus_issues) = organization_terms(&mut m, &org_id, &mut tags);

    let website = org.get("website").map(|url| https(&mut m, "website", url));
    let places = locations(&mut m, &org_id, &name);
    let phones = phones(&mut m, &org_id, &places.all);
    let (locations, location_ids) = (places.nodes, places.ids);
    let services = services(&mut m, &org_id, &id, phones, &location_ids, &mut tags);
    let has_services = !services.nodes.is_empty();
    let coverage = coverage(&mut m, &services.areas);

    let last_verified = services.assured.clone().unwrap_or_else(|| {
        m.guess(
            "last_verified",
            "no service has an assured_date; set to today, and published: false until someone verifies the record",
        );
        m.hub.today.to_string()
    });
    let identifiers = identifiers(&m, &org_id);
    let year = org
        .get("year_incorporated")
        .and_then(|y| y.parse::<f64>().ok())
        .filter(|y| (1600.0..=2100.0).contains(y));
    let legal_status = organization_legal_status(&mut m, org);
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
        (
            "status",
            Some(Node::text(crate::hub::record::code_of(
                &services.partner_status,
            ))),
        ),
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
        let points = m
            .losses
            .iter()
            .map(|loss| format!("{}: {}", loss.field, loss.what));
        let record = set(record, "review", Node::texts(points));
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
        has_services,
    }
}

/// The organization's description as Markdown; its name when it has none.
fn organization_description(m: &mut Mapper<'_>, org: &Row, name: &str) -> String {
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
    description
}

/// The organization's partner types and focus issues; a term with no hub
/// code becomes a tag.
fn organization_terms(
    m: &mut Mapper<'_>,
    org_id: &str,
    tags: &mut BTreeSet<String>,
) -> (Vec<String>, Vec<String>) {
    let org_terms = m.terms_of(org_id);
    let mut partner_types = Vec::new();
    let mut focus_issues = Vec::new();
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
    (partner_types, focus_issues)
}

/// The organization's identifiers (EIN, …) with their schemes.
fn identifiers(m: &Mapper<'_>, org_id: &str) -> Vec<Node> {
    m.rows(
        hsds::OrganizationIdentifier::FILE,
        "organization_id",
        org_id,
    )
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
    .collect()
}

/// The organization's legal status as the record's code; an individual
/// is imported as an organization and flagged.
fn organization_legal_status(m: &mut Mapper<'_>, org: &Row) -> Option<String> {
    if org.get("legal_status") == Some("individual") {
        m.guess(
        "kind",
        "an individual (a survivor leader): imported as an organization; set kind: individual once their consent is recorded (rule E140)",
    );
    }
    org.get("legal_status")
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
        })
}

/// `node` (a map) with `key` set, placed after `last_verified`.
pub(super) fn set(node: Node, key: &str, value: Node) -> Node {
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

/// The partner id haven's own export put in `uri`, else one made from
/// the name.
pub(super) fn partner_id(org: &Row, name: &str) -> String {
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

/// A legal status as the record's code; charities are nonprofits.
fn legal_status(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase().replace(['-', ' '], "_");
    if lower.contains("non_profit") || lower.contains("charit") {
        return Some("nonprofit".to_string());
    }
    record_code::<crate::hub::record::LegalStatus>(text)
        .filter(|status| *status != crate::hub::record::LegalStatus::Individual)
        .map(|status| crate::hub::record::code_of(&status))
}

/// Coverage from the services' areas: haven's own export says the kind
/// and scope in the description; other data gets regions.
pub(super) fn coverage(m: &mut Mapper<'_>, areas: &[(String, String)]) -> Node {
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
pub(super) fn contacts(m: &mut Mapper<'_>, org_id: &str, public_email: Option<&str>) -> Vec<Node> {
    let service_ids = m.service_ids(org_id);
    let positions = m.positions_of_org(
        "contacts",
        ("organization_id", org_id),
        ("service_id", &service_ids),
    );
    let all = m.package.rows("contacts");
    let contacts: Vec<Node> = positions
        .into_iter()
        .map(|at| &all[at])
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
