//! The HSDS 3.0 tabular data package: one CSV per table, with the columns
//! of Open Referral's own `datapackage.json` (vendored unchanged as
//! `hsds-3.0-datapackage.json`, CC BY-SA 4.0), which is shipped with the
//! hub's name and license in place of the specification's and without its
//! sample values.

use std::sync::OnceLock;

use serde_json::{Map, Value};

use super::objects::{
    Accessibility, Address, Attribute, CostOption, Language, Location, OrganizationIdentifier,
    Phone, RequiredDocument, Schedule, Service, ServiceArea, ServiceAtLocation,
};

/// Open Referral's descriptor of HSDS 3.0 (tag `v3.0`, commit `c457a0e`).
const DATAPACKAGE: &str = include_str!("hsds-3.0-datapackage.json");

/// One table of the package: its resource name, CSV file and columns.
pub struct Table {
    pub name: String,
    pub path: String,
    pub columns: Vec<String>,
    /// Whether each column is of type `time`, which a validator reads as
    /// `HH:MM:SS`.
    pub times: Vec<bool>,
}

/// The tables of HSDS 3.0, in the descriptor's order.
pub fn tables() -> &'static [Table] {
    static TABLES: OnceLock<Vec<Table>> = OnceLock::new();
    TABLES.get_or_init(|| {
        descriptor()["resources"]
            .as_array()
            .map(|resources| {
                resources
                    .iter()
                    .map(|resource| Table {
                        name: resource["name"].as_str().unwrap_or_default().to_string(),
                        path: resource["path"].as_str().unwrap_or_default().to_string(),
                        columns: resource["schema"]["fields"]
                            .as_array()
                            .map(|fields| {
                                fields
                                    .iter()
                                    .filter_map(|f| f["name"].as_str().map(str::to_string))
                                    .collect()
                            })
                            .unwrap_or_default(),
                        times: resource["schema"]["fields"]
                            .as_array()
                            .map(|fields| fields.iter().map(|f| f["type"] == "time").collect())
                            .unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    })
}

fn descriptor() -> Value {
    // Compiled in and covered by tests: it always parses.
    serde_json::from_str(DATAPACKAGE).unwrap_or(Value::Null)
}

/// The descriptor as the hub ships it: its own name, title and license,
/// the specification's tables.
pub fn datapackage(
    name: &str,
    title: &str,
    description: &str,
    license: Option<&crate::hub::config::DataLicense>,
) -> String {
    let mut package = descriptor();
    // The specification's sample values describe no one of this hub.
    without_examples(&mut package);
    if let Value::Object(fields) = &mut package {
        fields.insert("name".into(), Value::String(name.to_string()));
        fields.insert("title".into(), Value::String(title.to_string()));
        fields.insert("description".into(), Value::String(description.to_string()));
        match license {
            Some(license) => {
                let mut entry = Map::new();
                entry.insert("name".into(), Value::String(license.name.clone()));
                if let Some(url) = &license.url {
                    entry.insert("url".into(), Value::String(url.clone()));
                }
                if let Some(id) = &license.id {
                    entry.insert("type".into(), Value::String(id.clone()));
                }
                fields.insert("license".into(), Value::Object(entry));
            }
            None => {
                fields.remove("license");
            }
        }
    }
    serde_json::to_string_pretty(&package).unwrap_or_default()
}

fn without_examples(value: &mut Value) {
    match value {
        Value::Object(fields) => {
            fields.remove("example");
            fields.values_mut().for_each(without_examples);
        }
        Value::Array(items) => items.iter_mut().for_each(without_examples),
        _ => {}
    }
}

/// The table a nested list of objects belongs to, by its key.
fn table_of(key: &str) -> Option<&'static str> {
    Some(match key {
        "services" => Service::TABLE,
        "phones" => Phone::TABLE,
        "locations" => Location::TABLE,
        "addresses" => Address::TABLE,
        "accessibility" => Accessibility::TABLE,
        "schedules" => Schedule::TABLE,
        "organization_identifiers" => OrganizationIdentifier::TABLE,
        "attributes" => Attribute::TABLE,
        "service_areas" => ServiceArea::TABLE,
        "service_at_locations" => ServiceAtLocation::TABLE,
        "languages" => Language::TABLE,
        "cost_options" => CostOption::TABLE,
        "required_documents" => RequiredDocument::TABLE,
        _ => return None,
    })
}

/// Rows by table name, from an organization object with everything nested
/// in it: each object's plain fields are its row, each nested list goes to
/// its own table. A nested object's key to the object it is nested in is
/// implied by nesting, and its row spells it out: `<parent table>_id` (a
/// phone's `service_id`), or for an attribute `link_id` and `link_entity`.
/// `parent` is the enclosing (table, id).
pub fn flatten<'a>(
    table: &'static str,
    parent: Option<(&'static str, &'a str)>,
    object: &'a Map<String, Value>,
    rows: &mut Vec<(&'static str, Map<String, Value>)>,
) {
    let mut row = Map::new();
    let id = object.get("id").and_then(Value::as_str).unwrap_or_default();
    for (key, value) in object {
        match value {
            Value::Array(items) => {
                if let Some(child) = table_of(key) {
                    for item in items {
                        if let Value::Object(item) = item {
                            flatten(child, Some((table, id)), item, rows);
                        }
                    }
                }
            }
            Value::Object(_) => {}
            other => {
                row.insert(key.clone(), other.clone());
            }
        }
    }
    if let Some((parent_table, parent_id)) = parent {
        let parent_id = Value::String(parent_id.to_string());
        if table == Attribute::TABLE {
            row.insert("link_id".into(), parent_id);
            row.insert(
                "link_entity".into(),
                Value::String(parent_table.to_string()),
            );
        } else {
            row.insert(format!("{parent_table}_id"), parent_id);
        }
    }
    rows.push((table, row));
}

/// The CSV header line of a table.
pub fn header(table: &Table) -> Vec<u8> {
    record(table.columns.iter().map(String::as_str))
}

/// One row as a CSV line in the table's column order.
pub fn line(table: &Table, row: &Map<String, Value>) -> Vec<u8> {
    let mut line = Vec::new();
    for (index, column) in table.columns.iter().enumerate() {
        if index > 0 {
            line.push(b',');
        }
        match row.get(column) {
            None | Some(Value::Null) => {}
            Some(Value::String(text)) if table.times.get(index) == Some(&true) => {
                cell(&with_seconds(text), &mut line)
            }
            Some(Value::String(text)) => cell(&defused(text), &mut line),
            Some(other) => cell(&other.to_string(), &mut line),
        }
    }
    line.push(b'\n');
    line
}

/// `09:00` as `09:00:00`, the form a Data Package `time` column takes.
fn with_seconds(time: &str) -> std::borrow::Cow<'_, str> {
    let bytes = time.as_bytes();
    let hours_minutes = bytes.len() == 5
        && bytes[2] == b':'
        && [0, 1, 3, 4].iter().all(|&i| bytes[i].is_ascii_digit());
    if hours_minutes {
        format!("{time}:00").into()
    } else {
        time.into()
    }
}

/// Text a spreadsheet would run as a formula, with a leading `'` (the
/// usual guard against formula injection). A phone number or a signed
/// number ("+1 505-555-0100", "-106.65") starts with `+` or `-` but can
/// run nothing, and is left as it is for the programs that read HSDS.
pub fn defused(text: &str) -> std::borrow::Cow<'_, str> {
    let arithmetic_only = |text: &str| {
        text.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '(' | ')' | '+' | '-' | '/'))
    };
    let runs = match text.chars().next() {
        Some('=' | '@' | '\t' | '\r' | '|') => true,
        Some('+' | '-') => !arithmetic_only(text),
        _ => false,
    };
    if runs {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// A CSV record (RFC 4180 quoting, `\n` line ends).
pub fn record<'a>(cells: impl IntoIterator<Item = &'a str>) -> Vec<u8> {
    let mut line = Vec::new();
    for (index, text) in cells.into_iter().enumerate() {
        if index > 0 {
            line.push(b',');
        }
        cell(text, &mut line);
    }
    line.push(b'\n');
    line
}

/// One cell, quoted when it holds a comma, quote or line break.
fn cell(text: &str, out: &mut Vec<u8>) {
    if text.contains([',', '"', '\n', '\r']) {
        out.push(b'"');
        out.extend(text.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend(text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vendored_descriptor_lists_every_hsds_3_table_with_columns() {
        let names: Vec<&str> = tables().iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names.len(), 21);
        for name in [
            "organization",
            "service",
            "location",
            "attribute",
            "taxonomy_term",
        ] {
            assert!(names.contains(&name), "{name} missing");
        }
        assert!(tables()
            .iter()
            .all(|t| t.columns.first().map(String::as_str) == Some("id")));
    }

    #[test]
    fn nested_lists_become_rows_of_their_own_tables() {
        let organization: Map<String, Value> = serde_json::from_str(
            r#"{"id":"o","name":"N","services":[{"id":"s","organization_id":"o","phones":[{"id":"p"}]}]}"#,
        )
        .unwrap();
        let mut rows = Vec::new();
        flatten("organization", None, &organization, &mut rows);
        let tables: Vec<&str> = rows.iter().map(|(t, _)| *t).collect();
        assert_eq!(tables, ["phone", "service", "organization"]);
        assert!(!rows[2].1.contains_key("services"));
    }

    #[test]
    fn a_nested_row_names_the_object_it_is_nested_in() {
        let organization: Map<String, Value> = serde_json::from_str(
            r#"{"id":"o","phones":[{"id":"op","languages":[{"id":"l"}]}],"services":[{"id":"s","organization_id":"o","phones":[{"id":"sp"}]}]}"#,
        )
        .unwrap();
        let mut rows = Vec::new();
        flatten("organization", None, &organization, &mut rows);
        let row = |id: &str| &rows.iter().find(|(_, row)| row["id"] == id).unwrap().1;
        assert_eq!(row("op")["organization_id"], "o");
        assert_eq!(row("l")["phone_id"], "op");
        assert_eq!(row("sp")["service_id"], "s");
        assert!(!row("sp").contains_key("organization_id"));
        assert_eq!(row("s")["organization_id"], "o");
    }

    #[test]
    fn attribute_rows_name_what_they_are_attached_to() {
        let service: Map<String, Value> =
            serde_json::from_str(r#"{"id":"s","attributes":[{"id":"a","taxonomy_term_id":"t"}]}"#)
                .unwrap();
        let mut rows = Vec::new();
        flatten("service", None, &service, &mut rows);
        assert_eq!(rows[0].0, "attribute");
        assert_eq!(rows[0].1["link_id"], "s");
        assert_eq!(rows[0].1["link_entity"], "service");
    }

    #[test]
    fn a_formula_is_defused_and_a_phone_number_kept() {
        assert_eq!(
            defused("=HYPERLINK(\"https://x.example\")"),
            "'=HYPERLINK(\"https://x.example\")"
        );
        assert_eq!(defused("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
        assert_eq!(defused("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defused("+1 505-555-0100"), "+1 505-555-0100");
        assert_eq!(defused("Food bank"), "Food bank");
    }

    #[test]
    fn cells_with_commas_quotes_and_newlines_are_quoted() {
        assert_eq!(
            record(["a,b", "say \"hi\"", "x\ny"]),
            b"\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"\n"
        );
    }
}
