//! The open data every build writes under /data/ (docs/data.md): HSDS
//! 3.0 JSON valid against Open Referral's schemas, the tabular data
//! package, the spreadsheet files, stable ids, and nothing internal.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

type Tree = BTreeMap<String, Vec<u8>>;

fn build(root: &Path) -> (tempfile::TempDir, Tree) {
    let out = tempfile::tempdir().expect("temp");
    let output = out.path().join("public");
    haven::build(&plan(root, &output)).expect("hub builds");
    let tree = read_tree(&output);
    (out, tree)
}

fn json(tree: &Tree, path: &str) -> Value {
    serde_json::from_slice(tree.get(path).unwrap_or_else(|| panic!("{path} written")))
        .unwrap_or_else(|e| panic!("{path} is JSON: {e}"))
}

fn contents(tree: &Tree, path: &str) -> Vec<Value> {
    json(tree, path)["contents"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hsds/3.0/schema")
}

/// Open Referral's schemas refer to each other by bare file name.
struct SchemaFiles;

impl jsonschema::Retrieve for SchemaFiles {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri.as_str().rsplit('/').next().unwrap_or_default();
        Ok(serde_json::from_str(&fs::read_to_string(
            schema_dir().join(name),
        )?)?)
    }
}

fn validator(object: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(schema_dir().join(format!("{object}.json"))).expect("schema"),
    )
    .expect("schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .with_retriever(SchemaFiles)
        .build(&schema)
        .expect("HSDS schema compiles")
}

fn assert_valid(object: &str, items: &[Value]) {
    assert!(!items.is_empty(), "no {object} exported");
    let validator = validator(object);
    for item in items {
        let errors: Vec<String> = validator
            .iter_errors(item)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{object} {} is invalid: {errors:#?}",
            item["id"]
        );
    }
}

#[test]
fn organizations_are_valid_hsds_3_organizations() {
    let (_out, tree) = build(&example_site());
    assert_valid(
        "organization",
        &contents(&tree, "data/hsds/organizations.json"),
    );
}

#[test]
fn the_schema_check_rejects_what_hsds_forbids() {
    let (_out, tree) = build(&example_site());
    let services = contents(&tree, "data/hsds/services.json");
    let validator = validator("service");
    let mut service = services[0].clone();
    service["status"] = "temporarily_closed".into();
    assert!(!validator.is_valid(&service), "a status outside the enum");
    let mut service = services[0].clone();
    service["id"] = "groceries".into();
    assert!(!validator.is_valid(&service), "an id that is not a UUID");
    let mut service = services[0].clone();
    service["url"] = "not a url".into();
    assert!(
        !validator.is_valid(&service),
        "a malformed uri (formats are checked)"
    );
}

#[test]
fn services_are_valid_hsds_3_services_that_name_their_locations_by_id() {
    let (_out, tree) = build(&example_site());
    let services = contents(&tree, "data/hsds/services.json");
    assert_valid("service", &services);
    let organizations = contents(&tree, "data/hsds/organizations.json");
    let location_ids: Vec<&Value> = organizations
        .iter()
        .flat_map(|o| o["locations"].as_array().into_iter().flatten())
        .map(|location| &location["id"])
        .collect();
    let at_locations: Vec<Value> = services
        .iter()
        .flat_map(|s| {
            s["service_at_locations"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    assert!(!at_locations.is_empty());
    for at in &at_locations {
        assert!(at.get("location").is_none(), "a location repeated: {at}");
        assert!(
            location_ids.contains(&&at["location_id"]),
            "{} is no organization's location",
            at["location_id"]
        );
    }
}

#[test]
fn nested_objects_do_not_repeat_the_id_of_the_object_they_are_in() {
    let (_out, tree) = build(&example_site());
    let nested = |object: &Value, key: &str| -> Vec<Value> {
        object[key].as_array().cloned().unwrap_or_default()
    };
    let mut checked = 0;
    for service in contents(&tree, "data/hsds/services.json") {
        assert!(
            service.get("organization_id").is_some(),
            "a service names its organization"
        );
        for key in [
            "phones",
            "languages",
            "service_areas",
            "cost_options",
            "service_at_locations",
        ] {
            for child in nested(&service, key) {
                assert!(child.get("service_id").is_none(), "{key}: {child}");
                checked += 1;
            }
        }
        for phone in nested(&service, "phones") {
            for language in nested(&phone, "languages") {
                assert!(language.get("phone_id").is_none(), "{language}");
            }
        }
    }
    for organization in contents(&tree, "data/hsds/organizations.json") {
        for location in nested(&organization, "locations") {
            assert!(location.get("organization_id").is_none(), "{location}");
            for key in ["addresses", "accessibility", "schedules"] {
                for child in nested(&location, key) {
                    assert!(child.get("location_id").is_none(), "{key}: {child}");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} nested objects");
    let phones: Vec<csv::StringRecord> =
        csv::Reader::from_reader(tree["data/hsds/phones.csv"].as_slice())
            .records()
            .collect::<Result<_, _>>()
            .expect("phones.csv");
    let (service_id, organization_id) = (2, 3);
    assert!(!phones.is_empty());
    for phone in &phones {
        assert!(
            !phone[service_id].is_empty() || !phone[organization_id].is_empty(),
            "a phone row names its owner: {phone:?}"
        );
    }
}

#[test]
fn taxonomies_and_terms_are_valid_and_every_attribute_points_at_a_term() {
    let (_out, tree) = build(&example_site());
    let terms = contents(&tree, "data/hsds/taxonomy_terms.json");
    assert_valid("taxonomy_term", &terms);
    assert_valid("taxonomy", &contents(&tree, "data/hsds/taxonomies.json"));
    let term_ids: Vec<&Value> = terms.iter().map(|t| &t["id"]).collect();
    let services = contents(&tree, "data/hsds/services.json");
    for attribute in services
        .iter()
        .flat_map(|s| s["attributes"].as_array().cloned().unwrap_or_default())
    {
        assert!(
            term_ids.contains(&&attribute["taxonomy_term_id"]),
            "attribute {} points at no term",
            attribute["id"]
        );
    }
}

#[test]
fn pages_count_what_they_contain() {
    let (_out, tree) = build(&example_site());
    for file in ["organizations.json", "services.json", "taxonomy_terms.json"] {
        let page = json(&tree, &format!("data/hsds/{file}"));
        let items = page["contents"].as_array().map_or(0, Vec::len);
        assert_eq!(page["total_items"], items, "{file}");
        assert_eq!(page["total_pages"], 1, "{file}");
    }
}

#[test]
fn every_table_of_the_data_package_is_written_with_its_columns() {
    let (_out, tree) = build(&example_site());
    let package = json(&tree, "data/hsds/datapackage.json");
    let resources = package["resources"].as_array().expect("resources");
    assert_eq!(resources.len(), 21);
    for resource in resources {
        let path = format!("data/hsds/{}", resource["path"].as_str().expect("path"));
        let csv = tree.get(&path).unwrap_or_else(|| panic!("{path} written"));
        let mut reader = csv::Reader::from_reader(csv.as_slice());
        let header: Vec<String> = reader
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect();
        let columns: Vec<String> = resource["schema"]["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .map(|f| f["name"].as_str().unwrap_or_default().to_string())
            .collect();
        assert_eq!(header, columns, "{path}");
        for record in reader.records() {
            assert_eq!(
                record.expect("a well-formed row").len(),
                columns.len(),
                "{path}"
            );
        }
    }
    let organizations = csv::Reader::from_reader(tree["data/hsds/organizations.csv"].as_slice())
        .records()
        .count();
    assert_eq!(
        organizations,
        contents(&tree, "data/hsds/organizations.json").len()
    );
}

/// What a Data Package validator (Frictionless) checks beyond columns:
/// primary keys and `unique` columns hold no value twice, `time` cells
/// are `HH:MM:SS`. tests/data/validate-package.sh runs Frictionless itself.
fn constraint_violations(tree: &Tree) -> Vec<String> {
    let package = json(tree, "data/hsds/datapackage.json");
    let mut violations = Vec::new();
    for resource in package["resources"].as_array().expect("resources") {
        let path = format!("data/hsds/{}", resource["path"].as_str().expect("path"));
        let fields = resource["schema"]["fields"].as_array().expect("fields");
        let mut reader = csv::Reader::from_reader(tree[&path].as_slice());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        for (index, field) in fields.iter().enumerate() {
            let name = field["name"].as_str().unwrap_or_default();
            let unique =
                field["constraints"]["unique"] == true || resource["schema"]["primaryKey"] == name;
            let mut seen = std::collections::BTreeSet::new();
            for row in &rows {
                let cell = row.get(index).unwrap_or_default();
                if unique && !cell.is_empty() && !seen.insert(cell.to_string()) {
                    violations.push(format!("{path} {name}: \"{cell}\" twice"));
                }
                let time = cell.len() == 8
                    && cell.bytes().enumerate().all(|(i, b)| {
                        if i == 2 || i == 5 {
                            b == b':'
                        } else {
                            b.is_ascii_digit()
                        }
                    });
                if field["type"] == "time" && !cell.is_empty() && !time {
                    violations.push(format!("{path} {name}: \"{cell}\" is not HH:MM:SS"));
                }
            }
        }
    }
    violations
}

#[test]
fn the_data_package_keeps_its_own_unique_keys_and_time_format() {
    let (_out, tree) = build(&example_site());
    assert_eq!(constraint_violations(&tree), Vec::<String>::new());
}

#[test]
fn a_phone_a_service_names_twice_is_exported_once() {
    let root = copy_of_example_site();
    let file = root
        .path()
        .join("partners/arroyo-seco-community-action.yaml");
    let text = fs::read_to_string(&file).expect("partner");
    fs::write(
        &file,
        text.replacen(
            "phones: [office-line]",
            "phones: [office-line, office-line]",
            1,
        ),
    )
    .expect("write");
    let (_out, tree) = build(root.path());
    assert_eq!(constraint_violations(&tree), Vec::<String>::new());
}

#[test]
fn the_data_package_carries_the_hubs_name_and_license() {
    let (_out, tree) = build(&example_site());
    let package = json(&tree, "data/hsds/datapackage.json");
    assert_eq!(package["title"], "Juniper County Survivor Resource Hub");
    assert_eq!(package["license"]["type"], "CC-BY-4.0");
    assert_eq!(package["profile"], "tabular-data-package");
}

/// The id HSDS data gets for `name` from the example hub's namespace.
fn example_id(name: &str) -> String {
    let namespace = uuid::Uuid::parse_str("3d0f2c1a-7b5e-4c1d-9f3a-2b6e8d4c1a90").expect("uuid");
    uuid::Uuid::new_v5(&namespace, name.as_bytes()).to_string()
}

#[test]
fn ids_are_uuid_v5_from_the_hub_namespace_and_the_partner_ids() {
    let (_out, tree) = build(&example_site());
    let organizations = contents(&tree, "data/hsds/organizations.json");
    let legal_aid = organizations
        .iter()
        .find(|o| {
            o["uri"]
                .as_str()
                .is_some_and(|u| u.ends_with("/partners/juniper-county-legal-aid/"))
        })
        .expect("legal aid exported");
    assert_eq!(
        legal_aid["id"],
        example_id("organization/juniper-county-legal-aid")
    );
}

#[test]
fn the_same_hub_gives_byte_identical_data_files() {
    let (_a, first) = build(&example_site());
    let (_b, second) = build(&example_site());
    for (path, bytes) in first.iter().filter(|(p, _)| p.starts_with("data/")) {
        assert!(
            second.get(path) == Some(bytes),
            "{path} differs between builds"
        );
    }
}

/// Every string of every `internal` block and private overlay.
fn internal_values(root: &Path) -> Vec<String> {
    fn strings(value: &serde_yaml::Value, out: &mut Vec<String>) {
        match value {
            serde_yaml::Value::String(text) => out.push(text.clone()),
            serde_yaml::Value::Sequence(items) => items.iter().for_each(|i| strings(i, out)),
            serde_yaml::Value::Mapping(map) => map.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    let mut values = Vec::new();
    for folder in ["partners", "private"] {
        let Ok(entries) = fs::read_dir(root.join(folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let text = fs::read_to_string(entry.path()).unwrap_or_default();
            let Ok(yaml) = serde_yaml::from_str::<serde_yaml::Value>(&text) else {
                continue;
            };
            if let Some(internal) = yaml.get("internal") {
                strings(internal, &mut values);
            }
        }
    }
    values.retain(|v| v.len() >= 8);
    values
}

#[test]
fn no_internal_value_appears_in_any_data_file() {
    let hub = copy_of_example_site();
    let internal = internal_values(hub.path());
    assert!(
        internal.len() >= 5,
        "the example hub has internal values to look for"
    );
    let (_out, tree) = build(hub.path());
    let data: Vec<_> = tree
        .iter()
        .filter(|(p, _)| p.starts_with("data/"))
        .collect();
    assert!(data.len() > 25);
    for (path, bytes) in data {
        let text = String::from_utf8_lossy(bytes);
        for value in &internal {
            assert!(
                !text.contains(value.as_str()),
                "{path} contains internal value {value:?}"
            );
        }
    }
}

/// A hub with one partner whose only location is a confidential shelter.
fn hub_with_shelter(hsds: &str) -> tempfile::TempDir {
    let partner = minimal_partner("harbor-house").replace(
        "services:",
        "locations:\n  - id: shelter\n    name: Harbor House shelter\n    type: physical\n    visibility: confidential\n    general_area: { city: Santa Fe, state: NM }\nservices:",
    );
    let config = format!(
        "title: Test hub\nbase_url: https://hub.example.org/\ndefault_timezone: America/Denver\n{hsds}"
    );
    hub(&[
        ("hub.yaml", &config),
        ("partners/harbor-house.yaml", &partner),
    ])
}

#[test]
fn confidential_locations_are_left_out_by_default() {
    let hub = hub_with_shelter("");
    let (_out, tree) = build(hub.path());
    let organizations = contents(&tree, "data/hsds/organizations.json");
    assert_eq!(organizations.len(), 1);
    assert!(organizations[0].get("locations").is_none());
    let csv = String::from_utf8_lossy(&tree["data/hsds/locations.csv"]);
    assert_eq!(csv.lines().count(), 1, "only the header: {csv}");
}

#[test]
fn confidential_locations_can_be_exported_by_general_area_only() {
    let hub = hub_with_shelter("hsds:\n  confidential_locations: without_address\n");
    let (_out, tree) = build(hub.path());
    let organizations = contents(&tree, "data/hsds/organizations.json");
    let location = &organizations[0]["locations"][0];
    assert_eq!(location["location_type"], "physical");
    assert!(location.get("addresses").is_none());
    assert!(location.get("latitude").is_none());
    let description = location["description"].as_str().expect("description");
    assert!(
        description.starts_with("Confidential location."),
        "{description}"
    );
    assert!(description.contains("Santa Fe"), "{description}");
    assert_valid("organization", &organizations);
}

#[test]
fn without_hsds_export_only_the_spreadsheet_files_are_written() {
    let hub = hub_with_shelter("hsds:\n  export: false\n");
    let (_out, tree) = build(hub.path());
    assert!(tree.contains_key("data/partners.csv"));
    assert!(!tree.keys().any(|p| p.starts_with("data/hsds/")));
    let page = String::from_utf8_lossy(&tree["data/index.html"]);
    assert!(!page.contains("organizations.json"));
}

#[test]
fn a_hub_larger_than_one_chunk_writes_every_partner_once_in_order() {
    // The files are made 256 partners at a time and each chunk appended
    // while the next is made: 600 partners make three chunks.
    let ids: Vec<String> = (0..600).map(|n| format!("partner-{n:03}")).collect();
    let partners: Vec<(String, String)> = ids
        .iter()
        .map(|id| (format!("partners/{id}.yaml"), minimal_partner(id)))
        .collect();
    let mut files: Vec<(&str, &str)> = vec![("hub.yaml", MINIMAL_HUB)];
    files.extend(
        partners
            .iter()
            .map(|(path, text)| (path.as_str(), text.as_str())),
    );
    let hub = hub(&files);
    let (_out, tree) = build(hub.path());

    let organizations = contents(&tree, "data/hsds/organizations.json");
    let expected: Vec<String> = ids
        .iter()
        .map(|id| format!("https://hub.example.org/partners/{id}/"))
        .collect();
    let written: Vec<&str> = organizations
        .iter()
        .filter_map(|organization| organization["uri"].as_str())
        .collect();
    assert_eq!(written, expected);
    let services = contents(&tree, "data/hsds/services.json");
    assert_eq!(
        services.len(),
        json(&tree, "data/hsds/services.json")["total_items"]
    );
    let rows = csv::Reader::from_reader(tree["data/partners.csv"].as_slice())
        .records()
        .count();
    assert_eq!(rows, 600);
    let table = csv::Reader::from_reader(tree["data/hsds/organizations.csv"].as_slice())
        .records()
        .count();
    assert_eq!(table, 600);
}

#[test]
fn partners_csv_has_one_row_per_published_partner_in_spreadsheet_columns() {
    let (_out, tree) = build(&example_site());
    let published = tree
        .keys()
        .filter(|p| {
            p.starts_with("partners/") && p.ends_with("/index.html") && p.matches('/').count() == 2
        })
        .count();
    let mut reader = csv::Reader::from_reader(tree["data/partners.csv"].as_slice());
    assert_eq!(reader.headers().expect("header").get(1), Some("name"));
    assert_eq!(reader.records().count(), published);
    let rows = json(&tree, "data/partners.json");
    assert_eq!(rows.as_array().map(Vec::len), Some(published));
    assert!(rows[0]["service_areas"].is_array());
}

#[test]
fn the_data_page_links_every_data_file_and_names_the_license() {
    let (_out, tree) = build(&example_site());
    for page in ["data/index.html", "es/data/index.html"] {
        let html = String::from_utf8_lossy(&tree[page]);
        assert!(html.contains("CC BY 4.0"), "{page} names the license");
        let depth = page.matches('/').count();
        let mut linked = 0;
        for link in links(&html) {
            let Some(target) = link.strip_prefix(&"../".repeat(depth)) else {
                continue;
            };
            if target.starts_with("data/") && !target.ends_with('/') {
                assert!(
                    tree.contains_key(target),
                    "{page} links to missing {target}"
                );
                linked += 1;
            }
        }
        let data_files = tree
            .keys()
            .filter(|p| p.starts_with("data/") && !p.ends_with(".html"))
            .count();
        assert_eq!(linked, data_files, "{page} links every data file");
    }
}

#[test]
fn every_page_footer_links_the_data_page() {
    let (_out, tree) = build(&example_site());
    let html = String::from_utf8_lossy(&tree["partners/index.html"]);
    assert!(links(&html).iter().any(|l| l == "../data/"));
}
