//! The `haven` binary as a volunteer or CI runs it: exit codes and messages.

mod common;

use std::process::Command;

use common::*;

fn haven() -> Command {
    Command::new(env!("CARGO_BIN_EXE_haven"))
}

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
        stdout.starts_with("Built ") && stdout.contains("1 partners"),
        "{stdout}"
    );
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
