//! `/data/partners.json` and `/data/partners.csv`: one flat row per
//! partner, with what the site shows, for people who work in
//! spreadsheets. Lists are arrays in JSON and `; `-joined in CSV.

use serde_json::{Map, Value};

use crate::hub::config::HubConfig;
use crate::hub::record::{Location, Visibility};
use crate::hub::taxonomy::{Kind, Taxonomies};
use crate::pipeline::model::PublicPartner;

/// The columns, in order.
pub const COLUMNS: [&str; 20] = [
    "id",
    "name",
    "page",
    "status",
    "summary",
    "description",
    "partner_types",
    "focus_issues",
    "service_areas",
    "populations",
    "languages",
    "services",
    "phones",
    "website",
    "email",
    "locations",
    "counties",
    "coverage",
    "last_verified",
    "hsds_id",
];

/// One partner's row. Codes are written as the site's English labels.
pub fn row(
    partner: &PublicPartner,
    config: &HubConfig,
    taxonomies: &Taxonomies,
    hsds_id: String,
) -> Map<String, Value> {
    let labels = |kind: Kind, codes: &[String]| -> Value {
        codes
            .iter()
            .map(|code| Value::String(taxonomies.label(kind, code, "en").to_string()))
            .collect()
    };
    let list = |items: Vec<String>| -> Value { items.into_iter().map(Value::String).collect() };
    let optional = |text: &Option<String>| text.clone().map_or(Value::Null, Value::String);
    let base = config.base_url.trim_end_matches('/');
    [
        ("id", Value::String(partner.id.clone())),
        ("name", Value::String(partner.name.clone())),
        (
            "page",
            Value::String(format!("{base}/partners/{}/", partner.id)),
        ),
        (
            "status",
            Value::String(crate::hub::record::code_of(&partner.status)),
        ),
        ("summary", optional(&partner.summary)),
        ("description", Value::String(partner.description.clone())),
        (
            "partner_types",
            labels(Kind::PartnerTypes, &partner.partner_types),
        ),
        (
            "focus_issues",
            labels(Kind::FocusIssues, &partner.focus_issues),
        ),
        (
            "service_areas",
            labels(Kind::ServiceAreas, &partner.categories),
        ),
        (
            "populations",
            labels(Kind::Populations, &partner.populations),
        ),
        ("languages", list(partner.languages.clone())),
        (
            "services",
            list(
                partner
                    .services
                    .iter()
                    .map(|s| s.service.name.clone())
                    .collect(),
            ),
        ),
        (
            "phones",
            list(
                partner
                    .phones
                    .iter()
                    .map(|p| match &p.phone.extension {
                        Some(extension) => {
                            format!("{}: {} ext. {extension}", p.phone.label, p.phone.number)
                        }
                        None => format!("{}: {}", p.phone.label, p.phone.number),
                    })
                    .collect(),
            ),
        ),
        ("website", optional(&partner.website)),
        ("email", optional(&partner.email)),
        (
            "locations",
            list(partner.locations.iter().map(|l| place(l)).collect()),
        ),
        (
            "counties",
            list(partner.counties.iter().map(|c| c.name.clone()).collect()),
        ),
        (
            "coverage",
            Value::String(crate::hub::record::code_of(&partner.coverage.scope)),
        ),
        (
            "last_verified",
            Value::String(partner.last_verified.clone()),
        ),
        ("hsds_id", Value::String(hsds_id)),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_string(), value))
    .collect()
}

/// A location as the site shows it: confidential ones by general area only.
fn place(location: &Location) -> String {
    let name = location.name.clone();
    let confidential = location.visibility == Some(Visibility::Confidential);
    let at = if confidential {
        let area = location.general_area.as_ref().map(|a| {
            [&a.city, &a.county, &a.state]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        });
        Some(format!(
            "confidential location{}",
            area.filter(|a| !a.is_empty())
                .map(|a| format!(" ({a})"))
                .unwrap_or_default()
        ))
    } else if let Some(address) = &location.address {
        let street = match &address.street2 {
            Some(second) => format!("{}, {second}", address.street),
            None => address.street.clone(),
        };
        Some(format!(
            "{street}, {}, {} {}",
            address.city, address.state, address.postal_code
        ))
    } else {
        location.url.clone()
    };
    match (name, at) {
        (Some(name), Some(at)) => format!("{name}: {at}"),
        (Some(name), None) => name,
        (None, at) => at.unwrap_or_default(),
    }
}

/// A row as CSV cells. A cell a spreadsheet would run as a formula
/// (starting with `=`, `+`, `-` or `@`) gets a leading `'`, the
/// usual guard against formula injection.
pub fn cells(row: &Map<String, Value>) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|column| {
            let text = match row.get(*column) {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(text)) => text.clone(),
                Some(Value::Array(items)) => items
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join("; "),
                Some(other) => other.to_string(),
            };
            if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{text}")
            } else {
                text
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_a_spreadsheet_would_run_as_a_formula_is_defused() {
        let row: Map<String, Value> =
            serde_json::from_str(r#"{"id":"a","name":"=HYPERLINK(\"x\")","phones":["+1 505"]}"#)
                .unwrap();
        let cells = cells(&row);
        assert_eq!(cells[1], "'=HYPERLINK(\"x\")");
        assert_eq!(cells[12], "'+1 505");
        assert_eq!(cells[0], "a");
    }
}
