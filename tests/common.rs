//! Shared helpers for the integration tests: small hubs written into
//! temporary folders, a copy of the example site, and output walkers.
#![allow(dead_code, unreachable_pub)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use haven::hub::date::Date;
use haven::BuildPlan;

/// The `haven` binary built for these tests.
pub fn haven() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_haven"))
}

/// The date the example site's freshness is measured against in tests, so
/// results do not change as the calendar moves.
pub const TODAY: &str = "2026-11-23";

pub fn today() -> Date {
    Date::parse(TODAY).expect("valid test date")
}

pub fn example_site() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site")
}

/// Copies the example site (without any built output) into a temp folder.
pub fn copy_of_example_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&example_site(), dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_entry(|e| e.file_name() != "public")
    {
        let entry = entry.expect("readable example site");
        let relative = entry.path().strip_prefix(from).expect("inside");
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

pub fn plan(root: &Path, output: &Path) -> BuildPlan {
    let mut plan = BuildPlan::new(root);
    plan.output = output.to_path_buf();
    plan.today = today();
    plan
}

/// All files under `dir`, relative path → bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            (relative, fs::read(e.path()).expect("readable"))
        })
        .collect()
}

pub const MINIMAL_HUB: &str = "title: Test Hub\nbase_url: https://hub.example.org/\ncrisis_lines:\n  - { label: Test Hotline, number: \"1-800-799-7233\", hours: 24/7 }\n";

pub fn minimal_partner(id: &str) -> String {
    format!(
        "schema_version: 1\nid: {id}\nstatus: active\nlast_verified: 2026-10-01\nname: {id} org\ndescription: Emergency groceries for anyone in the county.\npartner_types: [other]\nwebsite: https://food.example.org\ncoverage: {{ scope: local, areas: [ {{ kind: county, name: Example County, state: NM }} ] }}\nservices:\n  - id: groceries\n    name: Emergency groceries\n    description: A week of groceries, no questions asked.\n    categories: [basic_needs]\n    access: {{ law_enforcement_involvement: not_required, confidentiality: standard }}\n    cost: free\n"
    )
}

/// Writes a hub from (path, contents) pairs.
pub fn hub(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, contents) in files {
        let target = dir.path().join(path);
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        fs::write(target, contents).expect("write");
    }
    dir
}

/// Values of `href`, `src` and `action` attributes in minified or plain HTML.
pub fn links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href=", "src=", "action="] {
        let mut rest = html;
        while let Some(index) = rest.find(attribute) {
            let preceded_by_space = index > 0 && rest.as_bytes()[index - 1].is_ascii_whitespace();
            rest = &rest[index + attribute.len()..];
            if !preceded_by_space {
                continue;
            }
            let value = match rest.as_bytes().first() {
                Some(b'"') => rest[1..].split('"').next().unwrap_or(""),
                Some(b'\'') => rest[1..].split('\'').next().unwrap_or(""),
                _ => rest
                    .split(|c: char| c.is_ascii_whitespace() || c == '>')
                    .next()
                    .unwrap_or(""),
            };
            found.push(value.replace("&amp;", "&"));
        }
    }
    found
}

/// Runs git in `root` as a test user; fails the test when git fails.
pub fn git(root: &Path, args: &[&str]) {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Makes the hub's data repository private, where partner files may keep
/// internal notes.
pub fn make_data_repository_private(root: &Path) {
    let settings = root.join("hub.yaml");
    let text = fs::read_to_string(&settings).expect("hub.yaml");
    fs::write(
        &settings,
        text.replace("data_repository: public", "data_repository: private"),
    )
    .expect("write hub.yaml");
}

/// Fails when a build left its temporary folders next to the output.
pub fn assert_no_temporary_folders(dir: &Path) {
    let leftovers: Vec<_> = fs::read_dir(dir)
        .expect("folder")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("haven-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary folders left behind");
}

/// The content errors of `haven check` and of `haven build` on one hub.
pub fn check_and_build_errors(root: &Path) -> (Vec<String>, Vec<String>) {
    let errors = |diagnostics: &[haven::diagnostics::Diagnostic]| -> Vec<String> {
        diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(ToString::to_string)
            .collect()
    };
    let checked =
        errors(&haven::pipeline::build::check(root, today(), None, u64::MAX).expect("check runs"));
    let output = tempfile::tempdir().expect("temp");
    let built = match haven::build(&plan(root, &output.path().join("public"))) {
        Ok(_) => Vec::new(),
        Err(error) => errors(error.diagnostics()),
    };
    (checked, built)
}

/// A hub with the example's settings and no partners.
pub fn empty_hub() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    for file in ["hub.yaml", "taxonomies.yaml"] {
        let from = example_site().join(file);
        if from.is_file() {
            fs::copy(&from, dir.path().join(file)).expect("copy");
        }
    }
    fs::create_dir_all(dir.path().join("partners")).expect("mkdir");
    copy_dir(&example_site().join("static"), &dir.path().join("static"));
    dir
}

/// Runs `haven import KIND SOURCE --into HUB` on the test date.
pub fn import_into(kind: &str, source: &Path, hub: &Path, extra: &[&str]) -> std::process::Output {
    haven()
        .args(["import", kind])
        .arg(source)
        .arg("--into")
        .arg(hub)
        .args(["--today", TODAY])
        .args(extra)
        .output()
        .expect("haven runs")
}

/// What a command printed, standard output then errors.
pub fn output_text(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
