//! The `haven` binary as a volunteer or CI runs it: exit codes and messages.

mod common;

use common::*;

#[test]
fn build_prints_a_summary_and_exits_zero() {
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &minimal_partner("food")),
    ]);
    let output = haven()
        .args(["build", "--today", TODAY, "--root"])
        .arg(hub.path())
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("Built ") && stdout.contains("(1 partner, 0 guides)"),
        "{stdout}"
    );
    // What a host counts: every file written, and their size.
    let files = read_tree(&hub.path().join("public"));
    let bytes: usize = files.values().map(Vec::len).sum();
    let counted = format!(
        ": {} files, {}, in ",
        files.len(),
        haven::pipeline::size::readable(bytes as u64)
    );
    assert!(stdout.contains(&counted), "{stdout} lacks {counted}");
    assert!(hub.path().join("public/partners/food/index.html").is_file());
}

#[test]
fn a_malformed_record_exits_one_with_file_line_column() {
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        (
            "partners/food.yaml",
            "schema_version: 1\nid: food\nname: [unclosed\n",
        ),
    ]);
    let output = haven()
        .args(["build", "--root"])
        .arg(hub.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("partners/food.yaml:3:"), "{stderr}");
    assert!(stderr.contains("= help:"), "{stderr}");
    assert!(!hub.path().join("public").exists());
}

#[test]
fn usage_errors_exit_two() {
    let output = haven()
        .args(["build", "--no-such-flag"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_missing_hub_exits_one_and_says_how_to_start() {
    let empty = tempfile::tempdir().expect("temp");
    let output = haven()
        .args(["build", "--root"])
        .arg(empty.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no hub.yaml"));
}

fn broken_hub() -> tempfile::TempDir {
    hub(&[
        ("hub.yaml", MINIMAL_HUB),
        (
            "partners/food.yaml",
            &minimal_partner("food")
                .replace("categories: [basic_needs]", "categories: [basic_need]"),
        ),
    ])
}

#[test]
fn check_human_output_quotes_the_line_with_a_caret() {
    let hub = broken_hub();
    let output = haven()
        .args(["check", "--root"])
        .arg(hub.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error[E030]: partners/food.yaml:14:18: services[0].categories[0]: \"basic_need\" is not a known service area"), "{stderr}");
    assert!(
        stderr.contains("14 |     categories: [basic_need]\n   |                  ^^^^^^^^^^"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean \"basic_needs\"?"), "{stderr}");
    assert!(
        !stderr.contains('\x1b'),
        "no colours when not on a terminal"
    );
}

#[test]
fn check_github_format_prints_workflow_annotations() {
    let hub = broken_hub();
    let output = haven()
        .args(["check", "--format", "github", "--root"])
        .arg(hub.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().next().expect("one annotation");
    assert!(line.starts_with("::error file="), "{line}");
    assert!(
        line.contains("partners/food.yaml,line=14,col=18,title=E030"),
        "{line}"
    );
}

#[test]
fn check_json_format_is_machine_readable() {
    let hub = broken_hub();
    let output = haven()
        .args(["check", "--format", "json", "--root"])
        .arg(hub.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(report["errors"], 1);
    assert_eq!(report["diagnostics"][0]["code"], "E030");
    assert_eq!(report["diagnostics"][0]["file"], "partners/food.yaml");
    assert_eq!(report["diagnostics"][0]["line"], 14);
}

#[test]
fn check_of_a_clean_hub_exits_zero() {
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &minimal_partner("food")),
    ]);
    let output = haven()
        .args(["check", "--root"])
        .arg(hub.path())
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("0 error(s), 0 warning(s)"));
}

#[test]
fn strict_check_fails_on_warnings() {
    let stale =
        minimal_partner("food").replace("last_verified: 2026-10-01", "last_verified: 2024-01-01");
    let hub = hub(&[("hub.yaml", MINIMAL_HUB), ("partners/food.yaml", &stale)]);
    let lenient = haven()
        .args(["check", "--today", TODAY, "--root"])
        .arg(hub.path())
        .output()
        .expect("runs");
    assert!(lenient.status.success());
    let strict = haven()
        .args(["check", "--strict", "--today", TODAY, "--root"])
        .arg(hub.path())
        .output()
        .expect("runs");
    assert_eq!(strict.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&strict.stderr).contains("warning[W072]"));
}
