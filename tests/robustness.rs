//! Hostile and broken input: every case is a clear diagnostic, never a
//! panic, and nothing is built.

mod common;

use std::fs;

use common::*;

/// Runs the checks on a hub with one partner file holding `bytes`; returns
/// the rendered diagnostics.
fn check_partner_bytes(bytes: &[u8]) -> Vec<String> {
    let hub = hub(&[("hub.yaml", MINIMAL_HUB)]);
    fs::create_dir_all(hub.path().join("partners")).expect("mkdir");
    fs::write(hub.path().join("partners/x.yaml"), bytes).expect("write");
    let (site, diagnostics) = haven::pipeline::build::prepare(hub.path(), today(), false);
    assert!(site.is_none(), "a broken record must stop the build");
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect()
}

fn assert_one_error(bytes: &[u8], code: &str, fragment: &str) {
    let errors = check_partner_bytes(bytes);
    assert!(
        errors.iter().any(
            |e| e.starts_with(&format!("error[{code}]: partners/x.yaml")) && e.contains(fragment)
        ),
        "expected {code} mentioning {fragment:?}, got {errors:#?}"
    );
}

#[test]
fn invalid_utf8_names_the_line() {
    assert_one_error(
        b"schema_version: 1\nname: caf\xe9\n",
        "E001",
        "not valid UTF-8",
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(minimal_partner("x").as_bytes());
    let hub = hub(&[("hub.yaml", MINIMAL_HUB)]);
    fs::create_dir_all(hub.path().join("partners")).expect("mkdir");
    fs::write(hub.path().join("partners/x.yaml"), bytes).expect("write");
    let (site, diagnostics) = haven::pipeline::build::prepare(hub.path(), today(), false);
    assert!(site.is_some(), "{diagnostics:#?}");
}

#[test]
fn duplicate_keys_are_reported() {
    assert_one_error(
        minimal_partner("x")
            .replace("status: active", "status: active\nstatus: inactive")
            .as_bytes(),
        "E001",
        "duplicate",
    );
}

#[test]
fn tabs_for_indentation_are_reported() {
    assert_one_error(
        minimal_partner("x")
            .replace("    cost: free", "\tcost: free")
            .as_bytes(),
        "E001",
        "",
    );
}

#[test]
fn alias_bombs_are_refused() {
    let mut bomb = String::from("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    for level in 1..12 {
        let previous = (b'a' + (level - 1) as u8) as char;
        let name = (b'a' + level as u8) as char;
        bomb.push_str(&format!("{name}: &{name} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]\n"));
    }
    let errors = check_partner_bytes(bomb.as_bytes());
    assert!(!errors.is_empty());
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!("name: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let errors = check_partner_bytes(deep.as_bytes());
    assert!(!errors.is_empty());
}

#[test]
fn huge_files_are_refused_before_parsing() {
    let mut huge = minimal_partner("x");
    huge.push_str(&format!("# {}\n", "x".repeat(10 * 1024 * 1024)));
    assert_one_error(huge.as_bytes(), "E005", "larger than 2 MiB");
}

#[test]
fn an_empty_file_is_reported() {
    let errors = check_partner_bytes(b"");
    assert!(
        errors.iter().any(|e| e.contains("partners/x.yaml")),
        "{errors:#?}"
    );
}

#[test]
fn unquoted_numbers_keep_every_digit() {
    // YAML 1.1 tools read 07001 as 7001 and 9:00 as 540; haven reads text
    // fields as written, so a forgotten quote loses nothing.
    let record = minimal_partner("x").replace(
        "website: https://food.example.org",
        "website: https://food.example.org\nphones:\n  - id: main\n    number: 5055550142\n    kind: voice\n    label: Main\n    hours:\n      mon: 9:00-17:00\nlocations:\n  - id: office\n    type: physical\n    visibility: public\n    address: { street: 1 Main St, city: Newark, state: NJ, postal_code: 07001, country: US }",
    );
    let hub = hub(&[("hub.yaml", MINIMAL_HUB), ("partners/x.yaml", &record)]);
    let (site, diagnostics) = haven::pipeline::build::prepare(hub.path(), today(), false);
    let (site, _) = site.unwrap_or_else(|| panic!("{diagnostics:#?}"));
    let partner = &site.partners[0];
    assert_eq!(
        partner.locations[0]
            .address
            .as_ref()
            .map(|a| a.postal_code.as_str()),
        Some("07001")
    );
    assert_eq!(partner.phones[0].href.as_deref(), Some("tel:+15055550142"));
}

#[test]
fn every_shape_error_of_one_file_is_reported_in_one_run() {
    let record = minimal_partner("x")
        .replace("website: https", "websit: https")
        .replace("cost: free", "cost: gratis")
        .replace("partner_types: [other]", "partner_types: other");
    let errors = check_partner_bytes(record.as_bytes());
    let codes: Vec<&str> = errors.iter().map(|e| &e[6..10]).collect();
    assert!(
        codes.contains(&"E010") && codes.contains(&"E030") && codes.contains(&"E012"),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("websit") && e.contains("did you mean \"website\"")),
        "{errors:#?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("services[0].cost")
            && e.contains("did you mean \"free\"")
            || e.contains("services[0].cost") && e.contains("use one of")),
        "{errors:#?}"
    );
}

#[test]
fn a_broken_file_is_reported_once_not_again_by_every_link_to_it() {
    let guide = "---\ntitle: Referrals: how to\n---\n## Warm hand-off\n";
    let other = "---\ntitle: Other\n---\nSee [referrals](referrals.md#warm-hand-off) and [food](../partners/food.yaml).\n";
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        (
            "partners/food.yaml",
            &minimal_partner("food").replace("website:", "websit:"),
        ),
        ("guides/referrals.md", guide),
        ("guides/other.md", other),
    ]);
    let (_, diagnostics) = haven::pipeline::build::prepare(hub.path(), today(), false);
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors.iter().any(|e| e.contains("guides/referrals.md:2:")));
    assert!(errors.iter().any(|e| e.contains("partners/food.yaml")));
}

#[test]
fn every_front_matter_mistake_of_a_guide_is_reported_at_its_line() {
    let guide = "---\ntitel: Referrals\norder: first\ndraft: maybe\n---\nText\n";
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &minimal_partner("food")),
        ("guides/referrals.md", guide),
    ]);
    let (_, diagnostics) = haven::pipeline::build::prepare(hub.path(), today(), false);
    let found: Vec<(String, usize)> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.code.to_string(), d.position.map_or(0, |p| p.line)))
        .collect();
    for expected in [("E010", 2), ("E012", 3), ("E012", 4)] {
        assert!(
            found.contains(&(expected.0.to_string(), expected.1)),
            "{expected:?} not in {found:?}"
        );
    }
    assert!(diagnostics.iter().any(|d| d
        .help
        .as_deref()
        .is_some_and(|h| h.contains("did you mean \"title\""))));
}
