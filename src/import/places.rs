//! Locations of an imported organization: addresses and coordinates
//! that would fail `haven check` are reported and left out, confidential
//! ones come back by general area only.

use std::collections::{BTreeMap, BTreeSet};

use super::hours::schedules;
use super::mapper::{https, unique, valid_id, Mapper, Term};
use super::package::Row;
use super::yaml_out::{map, Node};
use crate::hsds::objects as hsds;
use crate::hsds::CONFIDENTIAL;
use crate::hub::names::slugify_name;
use crate::hub::taxonomy::Kind;

/// The organization's places as the import reads them.
pub(super) struct Places {
    pub(super) nodes: Vec<Node>,
    /// HSDS location id → record id, for the places kept.
    pub(super) ids: BTreeMap<String, String>,
    /// The HSDS ids of every place of the organization, kept or not.
    pub(super) all: Vec<String>,
}

/// Locations, and HSDS location id → record id.
pub(super) fn locations(m: &mut Mapper<'_>, org_id: &str, org_name: &str) -> Places {
    // Locations reached only through service_at_location count too.
    let services = m.service_ids(org_id);
    let offered_at: BTreeSet<String> = services
        .iter()
        .flat_map(|service| m.rows(hsds::ServiceAtLocation::FILE, "service_id", service))
        .filter_map(|sal| sal.get("location_id").map(str::to_string))
        .collect();
    // In file order, each once: the organization's own, and those its
    // services are offered at.
    let positions = m.positions_of_org(
        "locations",
        ("organization_id", org_id),
        ("id", &offered_at),
    );
    let all = m.package.rows(hsds::Location::FILE);
    let rows: Vec<Row> = positions.into_iter().map(|at| all[at].clone()).collect();
    let mut nodes = Vec::new();
    let mut ids = BTreeMap::new();
    let mut used = BTreeSet::new();
    let all = rows
        .iter()
        .filter_map(|row| row.get("id").map(str::to_string))
        .collect();
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
        let node = match shelter_clue(m, &row, org_name) {
            Some(clue) => Some(hidden_shelter(m, &row, &id, &clue)),
            None => location_node(m, &row, &id),
        };
        if let Some(node) = node {
            used.insert(id.clone());
            ids.insert(hsds_id, id);
            nodes.push(node);
        }
    }
    Places { nodes, ids, all }
}

/// Words that say a place is a shelter whose address must stay hidden.
pub(super) const SHELTER_WORDS: [&str; 10] = [
    "confidential location",
    "confidential address",
    "undisclosed location",
    "location is confidential",
    "address is confidential",
    "safe house",
    "safehouse",
    "domestic violence shelter",
    "shelter for abused",
    "shelter for battered",
];

/// AIRS: Protective Shelters (domestic violence, human trafficking and
/// runaway youth shelters, motel vouchers).
const SHELTER_CODE: &str = "BH-1800.1500";

/// Why a place looks like a shelter for survivors, whose address a hub
/// must never publish: an AIRS shelter code on a service offered there,
/// or words that say so in its own name or description, its services'
/// or the organization's name (a description may mention a shelter it
/// refers people to). Exports list such addresses (a P.O. box, or the real
/// one); hiding one too many is safe, publishing one is not.
fn shelter_clue(m: &Mapper<'_>, row: &Row, org_name: &str) -> Option<String> {
    if row
        .get("description")
        .is_some_and(|d| d.starts_with(CONFIDENTIAL))
    {
        return None;
    }
    let services: Vec<Row> = m
        .rows(
            "service_at_location",
            "location_id",
            row.get("id").unwrap_or("-"),
        )
        .into_iter()
        .filter_map(|sal| sal.get("service_id"))
        .flat_map(|service| m.rows(hsds::Service::FILE, "id", service))
        .cloned()
        .collect();
    for service in &services {
        let service_id = service.get("id").unwrap_or("-");
        if let Some((_, term)) = m
            .terms_of(service_id)
            .into_iter()
            .find(|(_, term)| term.code.starts_with(SHELTER_CODE))
        {
            return Some(format!(
                "its service is listed as \"{}\" ({})",
                term.name, term.code
            ));
        }
    }
    let texts = [row.get("name"), row.get("description"), Some(org_name)]
        .into_iter()
        .flatten()
        .map(str::to_string)
        .chain(services.iter().flat_map(|s| {
            [s.get("name"), s.get("description")]
                .into_iter()
                .flatten()
                .map(str::to_string)
        }));
    for text in texts {
        let lower = text.to_lowercase();
        if let Some(words) = SHELTER_WORDS.iter().find(|w| lower.contains(*w)) {
            return Some(format!("the data says \"{words}\""));
        }
    }
    None
}

/// A place that looks like a shelter, as a confidential location: the
/// city at most, no address, no coordinates.
fn hidden_shelter(m: &mut Mapper<'_>, row: &Row, id: &str, clue: &str) -> Node {
    let field = format!("locations[{id}]");
    let city = m
        .rows(
            hsds::Address::FILE,
            "location_id",
            row.get("id").unwrap_or("-"),
        )
        .into_iter()
        .find_map(|a| {
            Some((
                a.get("city")?.to_string(),
                a.get("state_province").map(str::to_string),
            ))
        });
    m.guess(
        &field,
        format!("{}: looks like a shelter for survivors ({clue}); imported as confidential, its address and coordinates left out: check with the partner before publishing", row.place()),
    );
    let hours = schedules(
        m,
        "location_id",
        row.get("id").unwrap_or("-"),
        &format!("{field}.hours"),
    );
    map([
        ("id", Some(Node::text(id))),
        ("name", row.get("name").map(Node::text)),
        ("type", Some(Node::text("physical"))),
        ("visibility", Some(Node::text("confidential"))),
        (
            "general_area",
            city.map(|(city, state)| {
                map([
                    ("city", Some(Node::text(city))),
                    ("state", state.map(Node::text)),
                ])
            }),
        ),
        ("hours", hours),
    ])
}

pub(super) fn location_node(m: &mut Mapper<'_>, row: &Row, id: &str) -> Option<Node> {
    let hsds_id = row.get("id").unwrap_or("-");
    let field = format!("locations[{id}]");
    let description = row.get("description").unwrap_or_default();
    let confidential = description.starts_with(CONFIDENTIAL);
    let kind = match row.get("location_type").unwrap_or("physical") {
        "virtual" => "virtual",
        "postal" => "mailing",
        _ => "physical",
    };
    let geo = geo(m, row, &field, confidential);
    let address = street_address(m, hsds_id, &field, kind, confidential);
    // A post office box is where mail goes, not a place to visit.
    let street = address.as_ref().and_then(|a| a.text_at("street"));
    let kind = match street {
        Some(street) if kind == "physical" && crate::hub::postal::is_po_box(street) => {
            m.lose(
                &field,
                format!(
                    "{}: \"{street}\" is a post office box, not a place to visit; imported as a mailing address (type: mailing)",
                    row.place()
                ),
            );
            "mailing"
        }
        _ => kind,
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
    if confidential {
        return Some(confidential_location(m, row, id, kind, description, &field));
    }
    let notes = (!description.is_empty()).then(|| description.to_string());
    let (features, accessibility_notes) = accessibility(m, hsds_id);
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

/// A location's coordinates, when they are on Earth and the place is not
/// confidential.
fn geo(m: &mut Mapper<'_>, row: &Row, field: &str, confidential: bool) -> Option<Node> {
    match (
        row.get("latitude").and_then(|v| v.parse::<f64>().ok()),
        row.get("longitude").and_then(|v| v.parse::<f64>().ok()),
    ) {
        (Some(lat), Some(lon)) if confidential => {
            let _ = (lat, lon);
            m.lose(field, "coordinates of a confidential location left out");
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
    }
}

/// The street address of a public place (a postal one when that is all
/// there is), when it is complete and valid.
fn street_address(
    m: &mut Mapper<'_>,
    hsds_id: &str,
    field: &str,
    kind: &str,
    confidential: bool,
) -> Option<Node> {
    let address = m
        .rows(hsds::Address::FILE, "location_id", hsds_id)
        .into_iter()
        .min_by_key(|a| (a.get("address_type") == Some("postal")) != (kind == "mailing"))
        .cloned();
    if let Some(a) = address
        .as_ref()
        .filter(|a| a.get("address_type") == Some("postal") && kind != "mailing")
    {
        m.lose(
            field,
            format!(
                "{}: only a postal address; used as the street address",
                a.place()
            ),
        );
    }
    let address = match (address, confidential) {
        (Some(a), false) => {
            // Exports that write "New Mexico" or "USA" keep the address.
            let (street, city, state, zip) = (
                a.get("address_1"),
                a.get("city"),
                a.get("state_province")
                    .map(|state| crate::hub::postal::state_code(state).unwrap_or(state)),
                a.get("postal_code"),
            );
            let country = a
                .get("country")
                .map(|country| crate::hub::postal::country_code(country).unwrap_or(country))
                .unwrap_or(m.hub.default_country);
            let problem = match (state, zip) {
                (Some(state), Some(zip)) => {
                    crate::hub::postal::address_problem(state, zip, country)
                }
                _ => None,
            };
            if let Some(problem) = &problem {
                m.lose(
                    field,
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
                    ("country", Some(Node::text(country))),
                ])),
                _ => {
                    m.lose(
                        field,
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
    address
}

/// A confidential place: its general area and notes, never its street or
/// coordinates.
fn confidential_location(
    m: &mut Mapper<'_>,
    row: &Row,
    id: &str,
    kind: &str,
    description: &str,
    field: &str,
) -> Node {
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
    map([
        ("id", Some(Node::text(id))),
        ("name", row.get("name").map(Node::text)),
        ("type", Some(Node::text(kind))),
        ("visibility", Some(Node::text("confidential"))),
        (
            "general_area",
            area.map(|a| map([("city", Some(Node::text(a.split(", ").next().unwrap_or(a))))])),
        ),
        ("notes", notes.map(Node::text)),
    ])
}

/// The place's accessibility features with hub codes, and the rest as
/// notes.
fn accessibility(m: &Mapper<'_>, hsds_id: &str) -> (Vec<String>, Vec<String>) {
    let accessibility_rows = m.rows(hsds::Accessibility::FILE, "location_id", hsds_id);
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
    (features, accessibility_notes)
}
