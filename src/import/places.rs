//! Locations of an imported organization: addresses and coordinates
//! that would fail `haven check` are reported and left out, confidential
//! ones come back by general area only.

use std::collections::{BTreeMap, BTreeSet};

use super::hours::schedules;
use super::package::Row;
use super::partner::{https, unique, valid_id, Mapper, Term};
use super::yaml_out::{map, Node};
use crate::export::hsds::CONFIDENTIAL;
use crate::model::slugify_name;
use crate::taxonomy::Kind;

/// Locations, and HSDS location id → record id.
pub(super) fn locations(m: &mut Mapper<'_>, org_id: &str) -> (Vec<Node>, BTreeMap<String, String>) {
    // Locations reached only through service_at_location count too.
    let services = m.service_ids(org_id);
    let offered_at: BTreeSet<String> = services
        .iter()
        .flat_map(|service| m.rows("service_at_location", "service_id", service))
        .filter_map(|sal| sal.get("location_id").map(str::to_string))
        .collect();
    // In file order, each once: the organization's own, and those its
    // services are offered at.
    let positions = m.positions_of_org(
        "locations",
        ("organization_id", org_id),
        ("id", &offered_at),
    );
    let all = m.package.rows("locations");
    let rows: Vec<Row> = positions.into_iter().map(|at| all[at].clone()).collect();
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
