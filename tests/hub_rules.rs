//! Mistakes in a hub's layout and hub.yaml (docs/rules.md, "Files" and
//! "Hub and templates"), each reported by `haven check` with its rule,
//! naming the file, and with a non-zero exit.

mod common;

use std::fs;

use common::*;

/// What `haven check` prints for a hub, and whether it failed.
fn check(root: &std::path::Path) -> (String, bool) {
    let output = haven()
        .args(["check", "--root"])
        .arg(root)
        .output()
        .expect("run haven");
    (
        String::from_utf8_lossy(&output.stderr).to_string(),
        output.status.success(),
    )
}

fn hub_with(config: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let partner = minimal_partner("food");
    let mut all = vec![
        ("hub.yaml", config),
        ("partners/food.yaml", partner.as_str()),
    ];
    all.extend_from_slice(files);
    hub(&all)
}

#[test]
fn a_folder_without_hub_yaml_is_e003() {
    let empty = tempfile::tempdir().expect("temp");
    let (report, ok) = check(empty.path());
    assert!(!ok && report.contains("error[E003]"), "{report}");
}

#[test]
fn a_guide_without_front_matter_is_e004() {
    let hub = hub_with(
        MINIMAL_HUB,
        &[("guides/plan.md", "# Plan\n\nNo front matter.\n")],
    );
    let (report, ok) = check(hub.path());
    assert!(
        !ok && report.contains("error[E004]: guides/plan.md"),
        "{report}"
    );
}

#[cfg(unix)]
#[test]
fn a_partner_file_that_cannot_be_read_is_e006() {
    let hub = hub_with(MINIMAL_HUB, &[]);
    std::os::unix::fs::symlink("loop.yaml", hub.path().join("partners/loop.yaml"))
        .expect("symlink");
    let (report, ok) = check(hub.path());
    assert!(
        !ok && report.contains("error[E006]: partners/loop.yaml"),
        "{report}"
    );
}

#[test]
fn a_file_haven_does_not_read_is_w007() {
    let hub = hub_with(MINIMAL_HUB, &[("partners/notes.txt", "call them back")]);
    let (report, ok) = check(hub.path());
    assert!(
        ok && report.contains("warning[W007]: partners/notes.txt"),
        "{report}"
    );
}

#[test]
fn each_unusable_hub_setting_is_its_own_rule() {
    for (setting, code) in [
        ("quick_exit:\n  url: http://weather.example/\n", "E080"),
        ("base_url: hub.example.org\n", "E081"),
        (
            "staleness:\n  warn_after_days: 200\n  hide_after_days: 100\n",
            "E082",
        ),
        ("hsds:\n  uuid_namespace: not-a-uuid\n", "E083"),
    ] {
        let config = if setting.starts_with("base_url") {
            MINIMAL_HUB.replace("base_url: https://hub.example.org/\n", setting)
        } else {
            format!("{MINIMAL_HUB}{setting}")
        };
        let hub = hub_with(&config, &[]);
        let (report, ok) = check(hub.path());
        assert!(
            !ok && report.contains(&format!("error[{code}]: hub.yaml:")),
            "{setting}: {report}"
        );
    }
}

#[test]
fn a_site_address_without_https_gets_the_line_to_write() {
    let config = MINIMAL_HUB.replace(
        "base_url: https://hub.example.org/\n",
        "base_url: tri-county-dv.org\nquick_exit:\n  url: www.google.com\n",
    );
    let (report, ok) = check(hub_with(&config, &[]).path());
    assert!(!ok);
    assert!(
        report.contains(
            "help: write base_url: https://tri-county-dv.org/ (the address starts with https://)"
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "help: write quick_exit.url: https://www.google.com (the address starts with https://)"
        ),
        "{report}"
    );
}

#[test]
fn languages_written_as_names_get_their_tag_and_no_translation_advice() {
    let config = format!("{MINIMAL_HUB}default_language: English\nlanguages: [English, Spanish]\n");
    let (report, ok) =
        check(hub_with(&config, &[("partners/food.yaml", &minimal_partner("food"))]).path());
    assert!(!ok);
    assert!(
        report.contains("\"Spanish\" is a language name, not a BCP 47 tag"),
        "{report}"
    );
    assert!(report.contains("use \"es\" instead"), "{report}");
    assert!(!report.contains("W090"), "{report}");
}

#[test]
fn a_public_phone_that_is_also_an_internal_contacts_is_w021() {
    let partner = minimal_partner("food").replace(
        "coverage:",
        "phones:\n  - { id: main, number: \"+1 505-555-0142\", kind: voice, label: Main line }\ncoverage:",
    );
    let overlay = "internal:\n  point_of_contact:\n    name: Ana\n    phone: \"+1 505-555-0142\"\n";
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &partner),
        ("private/food.yaml", overlay),
    ]);
    let (report, _) = check(hub.path());
    assert!(
        report.contains("warning[W021]: partners/food.yaml"),
        "{report}"
    );
    fs::remove_file(hub.path().join("private/food.yaml")).expect("remove");
    let (report, _) = check(hub.path());
    assert!(!report.contains("W021"), "{report}");
}
