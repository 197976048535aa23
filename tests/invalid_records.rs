//! The corpus in tests/invalid/: one mistake per record, each reported with
//! its rule code on the line that holds the mistake.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// Each record of the corpus in tests/invalid/: its file name and text.
fn corpus_records() -> Vec<(String, String)> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid");
    let mut records = Vec::new();
    for entry in fs::read_dir(&corpus).expect("corpus") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            records.push((name, fs::read_to_string(&path).expect("text")));
        }
    }
    records
}

#[test]
fn every_invalid_record_is_reported_with_its_code_on_its_line() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (name, text) in corpus_records() {
        let (line, code) = text
            .lines()
            .enumerate()
            .find_map(|(index, line)| {
                line.split_once("# expect ")
                    .map(|(_, code)| (index + 1, code.trim().to_string()))
            })
            .unwrap_or_else(|| panic!("{name} has no # expect marker"));
        let hub = hub(&[
            ("hub.yaml", MINIMAL_HUB),
            (&format!("partners/{name}"), &text),
        ]);
        let (_, diagnostics) = haven::pipeline::build::prepare(hub.path(), today(), false);
        let found = diagnostics.iter().find(|d| {
            d.code == code
                && d.position.map(|p| p.line) == Some(line)
                && d.path == Path::new("partners").join(&name)
        });
        match found {
            None => failures.push(format!(
                "{name}: expected {code} on line {line}, got: {:#?}",
                diagnostics
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
            )),
            Some(diagnostic) => {
                assert!(diagnostic.help.is_some(), "{name}: {code} has no help line");
                let other_errors: Vec<String> = diagnostics
                    .iter()
                    .filter(|d| d.is_error() && d.code != code)
                    .map(ToString::to_string)
                    .collect();
                if !other_errors.is_empty() {
                    failures.push(format!("{name}: unexpected extra errors {other_errors:#?}"));
                }
            }
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(checked >= 40, "only {checked} corpus files");
}

/// The full text of every corpus diagnostic, compared with the reviewed
/// copy in tests/invalid/expected.txt so a changed message shows as a diff.
/// Regenerate with `HAVEN_BLESS=1 cargo test --test invalid_records`.
#[test]
fn corpus_messages_match_the_reviewed_text() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid");
    let mut names: Vec<String> = fs::read_dir(&corpus)
        .expect("corpus")
        .filter_map(|e| e.ok()?.file_name().to_str().map(str::to_string))
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    let mut actual = String::new();
    for name in names {
        let text = fs::read_to_string(corpus.join(&name)).expect("text");
        let hub = hub(&[
            ("hub.yaml", MINIMAL_HUB),
            (&format!("partners/{name}"), &text),
        ]);
        let (_, diagnostics) = haven::pipeline::build::prepare(hub.path(), today(), false);
        actual.push_str(&format!("== {name}\n"));
        for diagnostic in diagnostics {
            actual.push_str(&format!("{diagnostic}\n"));
        }
    }
    let expected_path = corpus.join("expected.txt");
    if std::env::var_os("HAVEN_BLESS").is_some() {
        fs::write(&expected_path, &actual).expect("write expected");
    }
    let expected = fs::read_to_string(&expected_path).unwrap_or_default();
    assert!(
        expected == actual,
        "messages changed; review and bless:\n{actual}"
    );
}

#[test]
fn two_files_with_the_same_website_are_flagged_as_possible_duplicates() {
    let copy = minimal_partner("food-copy").replace(
        "website: https://food.example.org",
        "website: https://food.example.org\nphones:\n  - { id: main, number: \"+1 505-555-0142\", kind: voice, label: Main }",
    );
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &minimal_partner("food")),
        ("partners/food-copy.yaml", &copy),
    ]);
    let (_, diagnostics) = haven::pipeline::build::prepare(hub.path(), today(), false);
    let duplicate = diagnostics.iter().find(|d| d.code == "W160").expect("W160");
    assert_eq!(duplicate.path, Path::new("partners/food.yaml"));
    assert!(
        duplicate
            .message
            .contains("website food.example.org also appears in partners/food-copy.yaml:8"),
        "{duplicate}"
    );
}

#[test]
fn two_files_with_the_same_phone_number_written_differently_are_possible_duplicates() {
    let with_phone = |id: &str, number: &str| {
        minimal_partner(id).replace(
            "website: https://food.example.org",
            &format!(
                "website: https://{id}.example.org\nphones:\n  - {{ id: main, number: \"{number}\", kind: voice, label: Main }}"
            ),
        )
    };
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &with_phone("food", "+1 505-555-0142")),
        (
            "partners/pantry.yaml",
            &with_phone("pantry", "(505) 555-0142"),
        ),
    ]);
    let (_, diagnostics) = haven::pipeline::build::prepare(hub.path(), today(), false);
    let duplicates: Vec<_> = diagnostics.iter().filter(|d| d.code == "W160").collect();
    assert_eq!(duplicates.len(), 1, "{duplicates:?}");
    let duplicate = duplicates[0];
    assert_eq!(duplicate.path, Path::new("partners/pantry.yaml"));
    assert_eq!(duplicate.field, "phones[0].number");
    assert!(
        duplicate
            .message
            .contains("phone 5055550142 also appears in partners/food.yaml:"),
        "{duplicate}"
    );
}

#[test]
fn the_street_of_a_confidential_location_in_public_text_is_p011() {
    let shelter = minimal_partner("shelter").replace(
        "coverage:",
        "locations:\n  - id: house\n    type: physical\n    visibility: confidential\n    address: { street: 12 Hidden Lane, city: Riverbend, state: NM, postal_code: \"87001\", country: US }\ncoverage:",
    );
    let other = minimal_partner("food").replace(
        "description: Emergency groceries for anyone in the county.",
        "description: Groceries are delivered to the shelter at 12 hidden lane every week.",
    );
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/shelter.yaml", &shelter),
        ("partners/food.yaml", &other),
    ]);
    let (_, diagnostics) = haven::pipeline::build::prepare(hub.path(), today(), false);
    let leak = diagnostics.iter().find(|d| d.code == "P011").expect("P011");
    assert_eq!(leak.path, Path::new("partners/food.yaml"));
    assert_eq!(leak.field, "description");
    assert_eq!(leak.position.map(|p| p.line), Some(6));
    assert!(diagnostics.iter().any(|d| d.code == "P010"));
}

#[test]
fn the_street_of_a_confidential_location_in_a_translation_is_p011() {
    let shelter = minimal_partner("shelter").replace(
        "coverage:",
        "locations:\n  - id: house\n    type: physical\n    visibility: confidential\n    address: { street: 12 Hidden Lane, city: Riverbend, state: NM, postal_code: \"87001\", country: US }\ncoverage:",
    ) + "translations:\n  es:\n    locations:\n      house:\n        notes: La casa está en 12 Hidden Lane.\n";
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/shelter.yaml", &shelter),
    ]);
    let (_, diagnostics) = haven::pipeline::build::prepare(hub.path(), today(), false);
    let leak = diagnostics.iter().find(|d| d.code == "P011").expect("P011");
    assert_eq!(leak.field, "translations.es.locations.house.notes");
    assert!(leak.position.is_some(), "{leak}");
}

#[test]
fn check_finds_every_error_the_build_stops_on_for_each_corpus_record() {
    let mut compared = 0;
    for (name, text) in corpus_records() {
        let hub = hub(&[
            ("hub.yaml", MINIMAL_HUB),
            (&format!("partners/{name}"), &text),
        ]);
        let (checked, built) = check_and_build_errors(hub.path());
        assert_eq!(checked, built, "{name}");
        compared += 1;
    }
    assert!(compared >= 40, "only {compared} corpus files");
}
