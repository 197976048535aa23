//! Untrusted pull requests and hostile input: nothing private leaves the
//! hub, nothing outside it is read, nothing of the user's is deleted.
//! Each test is one way a contributor could try it.

mod common;

use std::fs;
use std::path::Path;

use common::{hub, minimal_partner, plan, MINIMAL_HUB};
use haven::BuildError;

/// The private overlay of partner `food`: a contact and a longer note.
const OVERLAY: &str = "internal:\n  point_of_contact:\n    name: Aisha Potirberg\n    phone: \"+1 505-555-0177\"\n  notes: >-\n    Staff park behind the church. The back gate code is 4417, and the\n    shelter manager lives at 1190 Cottonwood Lane.\n";

fn hub_with_private_note() -> tempfile::TempDir {
    hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &minimal_partner("food")),
        ("private/food.yaml", OVERLAY),
    ])
}

/// The errors of a failed build, or an empty list when it succeeded.
/// `haven check` must find the same content errors first.
fn build_errors(root: &Path) -> Vec<String> {
    let output = root.join("public");
    let errors = |diagnostics: &[haven::diagnostics::Diagnostic]| -> Vec<String> {
        diagnostics
            .iter()
            .filter(|d| d.severity == haven::diagnostics::Severity::Error)
            .map(|d| format!("{}: {}: {}", d.code, d.path.display(), d.message))
            .collect()
    };
    let checked = errors(
        &haven::pipeline::build::check(root, common::today(), None, u64::MAX).expect("check runs"),
    );
    let built = match haven::build(&plan(root, &output)) {
        Ok(_) => Vec::new(),
        Err(BuildError::Content(diagnostics)) | Err(BuildError::Template(diagnostics)) => {
            errors(&diagnostics)
        }
        Err(BuildError::Write(error)) => return vec![format!("write: {error}")],
    };
    assert_eq!(checked, built, "haven check and haven build disagree");
    built
}

/// Fails unless building the hub at `root` stops with an error whose
/// code and path start with `start` and whose text holds `holding`.
fn assert_build_error(root: &Path, start: &str, holding: &str) {
    let errors = build_errors(root);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with(start) && e.contains(holding)),
        "{errors:?}"
    );
}

/// Writes a second partner, `pantry`, with this description: another
/// record than the one the private values belong to.
fn with_description(root: &Path, description: &str) {
    fs::write(
        root.join("partners/pantry.yaml"),
        partner_described("pantry", description),
    )
    .unwrap();
}

fn partner_described(id: &str, description: &str) -> String {
    minimal_partner(id).replace(
        "description: Emergency groceries for anyone in the county.",
        &format!("description: \"{description}\""),
    )
}

/// The build's warnings with this code, as printed.
fn build_warnings(root: &Path, code: &str) -> Vec<String> {
    let output = root.join("public");
    let report = haven::build(&plan(root, &output)).expect("the hub builds");
    report
        .warnings
        .iter()
        .filter(|d| d.code == code)
        .map(ToString::to_string)
        .collect()
}

fn assert_refused_as_leak(description: &str) {
    let dir = hub_with_private_note();
    with_description(dir.path(), description);
    let errors = build_errors(dir.path());
    assert!(
        errors.iter().any(|e| e.starts_with("P030")),
        "{description:?} was published: {errors:?}"
    );
    assert!(!dir.path().join("public").exists(), "nothing is written");
}

#[test]
fn the_unchanged_hub_builds() {
    let dir = hub_with_private_note();
    assert_eq!(build_errors(dir.path()), Vec::<String>::new());
}

#[test]
fn part_of_a_note_is_a_leak() {
    assert_refused_as_leak("Groceries. FYI the back gate code is 4417.");
}

#[test]
fn an_address_from_a_note_is_a_leak() {
    assert_refused_as_leak("Groceries, ask at 1190 Cottonwood Lane.");
}

#[test]
fn a_private_phone_written_another_way_is_a_leak() {
    assert_refused_as_leak("Groceries. Call (505) 555-0177 after hours.");
    assert_refused_as_leak("Groceries. Call 505.555.0177 after hours.");
}

#[test]
fn a_private_name_in_other_letter_case_is_a_leak() {
    assert_refused_as_leak("Groceries. Ask for AISHA POTIRBERG.");
}

#[test]
fn a_private_name_split_by_emphasis_is_a_leak() {
    assert_refused_as_leak("Groceries. Ask for Ai**sha** Potir*berg*.");
}

#[test]
fn a_private_name_split_by_a_zero_width_space_is_a_leak() {
    assert_refused_as_leak("Groceries. Ask for Aisha Pot\u{200b}irberg.");
}

#[test]
fn a_private_value_quoted_in_identifiers_is_a_leak() {
    let dir = hub_with_private_note();
    let partner = minimal_partner("pantry").replace(
        "website:",
        "identifiers:\n  - { scheme: note, value: \"back gate code is 4417\" }\nwebsite:",
    );
    fs::write(dir.path().join("partners/pantry.yaml"), partner).unwrap();
    assert_build_error(dir.path(), "P030", "data/");
}

#[test]
fn ordinary_words_of_a_note_are_no_leak() {
    assert!(build_errors(
        {
            let dir = hub_with_private_note();
            with_description(dir.path(), "Staff park behind the church.");
            dir
        }
        .path()
    )
    .is_empty());
}

#[test]
fn a_value_its_own_record_publishes_is_no_secret_and_is_warned_about() {
    let dir = hub_with_private_note();
    fs::write(
        dir.path().join("partners/food.yaml"),
        partner_described(
            "food",
            "Groceries. Ask for Aisha Potirberg or call 505-555-0177.",
        ),
    )
    .unwrap();
    let warnings = build_warnings(dir.path(), "W030");
    assert_eq!(warnings.len(), 2, "the name and the phone: {warnings:?}");
    assert!(
        warnings.iter().all(|w| w.contains("partners/food.yaml")),
        "{warnings:?}"
    );
    assert!(
        !warnings.iter().any(|w| w.contains("Potirberg")),
        "{warnings:?}"
    );
}

#[test]
fn what_its_own_record_does_not_publish_stays_secret_everywhere() {
    // food publishes the name, so the name is public; the gate code in
    // food's note is still a secret wherever it appears.
    let dir = hub_with_private_note();
    fs::write(
        dir.path().join("partners/food.yaml"),
        partner_described("food", "Groceries. Ask for Aisha Potirberg."),
    )
    .unwrap();
    with_description(dir.path(), "Groceries. The back gate code is 4417.");
    assert_build_error(dir.path(), "P030", "internal.notes");
}

#[test]
fn a_value_in_a_comment_or_an_unpublished_record_is_not_published_by_it() {
    let dir = hub_with_private_note();
    let commented = format!("# Ask for Aisha Potirberg\n{}", minimal_partner("food"));
    fs::write(dir.path().join("partners/food.yaml"), commented).unwrap();
    with_description(dir.path(), "Groceries. Ask for Aisha Potirberg.");
    assert_build_error(dir.path(), "P030", "point_of_contact");

    let draft = partner_described("food", "Ask for Aisha Potirberg.")
        .replace("status: active", "status: active\npublished: false");
    fs::write(dir.path().join("partners/food.yaml"), draft).unwrap();
    assert_build_error(dir.path(), "P030", "point_of_contact");
}

#[test]
fn a_static_file_holding_a_private_value_is_a_leak() {
    let dir = hub_with_private_note();
    fs::create_dir_all(dir.path().join("static")).unwrap();
    fs::write(
        dir.path().join("static/notes.txt"),
        "contact: aisha potirberg",
    )
    .unwrap();
    assert_build_error(dir.path(), "P030", "notes.txt");
}

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    fn assert_link_refused(dir: &Path, link: &str) {
        assert_build_error(dir, &format!("E008: {link}"), "");
        assert!(!dir.join("public").exists(), "nothing is written");
    }

    #[test]
    fn static_linked_to_private_is_refused() {
        let dir = hub_with_private_note();
        symlink("private", dir.path().join("static")).unwrap();
        assert_link_refused(dir.path(), "static");
    }

    #[test]
    fn static_linked_to_git_is_refused() {
        let dir = hub_with_private_note();
        fs::create_dir_all(dir.path().join(".git")).unwrap();
        fs::write(
            dir.path().join(".git/config"),
            "[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n",
        )
        .unwrap();
        symlink(".git", dir.path().join("static")).unwrap();
        assert_link_refused(dir.path(), "static");
    }

    #[test]
    fn static_linked_outside_the_hub_is_refused() {
        let dir = hub_with_private_note();
        let elsewhere = tempfile::tempdir().unwrap();
        fs::write(elsewhere.path().join("id_rsa"), "-----BEGIN KEY-----").unwrap();
        symlink(elsewhere.path(), dir.path().join("static")).unwrap();
        assert_link_refused(dir.path(), "static");
    }

    #[test]
    fn a_linked_file_inside_static_is_refused() {
        let dir = hub_with_private_note();
        fs::create_dir_all(dir.path().join("static")).unwrap();
        symlink("../private/food.yaml", dir.path().join("static/food.txt")).unwrap();
        assert_link_refused(dir.path(), "static/food.txt");
    }

    #[test]
    fn a_link_to_a_public_file_of_the_hub_is_followed() {
        let dir = hub_with_private_note();
        fs::create_dir_all(dir.path().join("assets")).unwrap();
        fs::write(dir.path().join("assets/logo.svg"), "<svg/>").unwrap();
        symlink("assets", dir.path().join("static")).unwrap();
        assert_eq!(build_errors(dir.path()), Vec::<String>::new());
        assert!(dir.path().join("public/logo.svg").is_file());
    }

    #[test]
    fn settings_linked_to_a_hidden_file_of_the_hub_are_never_read() {
        let dir = hub_with_private_note();
        fs::write(dir.path().join(".env"), "DEPLOY_TOKEN=SECRET-TOKEN-5678\n").unwrap();
        fs::remove_file(dir.path().join("hub.yaml")).unwrap();
        symlink(".env", dir.path().join("hub.yaml")).unwrap();
        let output = common::haven()
            .args(["check", "--format", "github", "--root"])
            .arg(dir.path())
            .output()
            .unwrap();
        let printed = String::from_utf8_lossy(&output.stdout).to_string()
            + &String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success());
        assert!(printed.contains("E008"), "{printed}");
        assert!(!printed.contains("SECRET-TOKEN"), "{printed}");
    }

    #[test]
    fn a_settings_file_linked_outside_is_never_echoed() {
        let dir = hub_with_private_note();
        let elsewhere = tempfile::tempdir().unwrap();
        let secret = elsewhere.path().join("passwd");
        fs::write(&secret, "root:x:0:0:SECRET-TOKEN-1234:/root:/bin/bash\n").unwrap();
        symlink(&secret, dir.path().join("taxonomies.yaml")).unwrap();
        let output = common::haven()
            .args(["check", "--format", "github", "--root"])
            .arg(dir.path())
            .output()
            .unwrap();
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!output.status.success());
        assert!(printed.contains("E008"), "{printed}");
        assert!(!printed.contains("SECRET-TOKEN"), "{printed}");
    }
}

mod output {
    use super::*;

    fn build_into(root: &Path, output: &Path) -> Result<haven::BuildReport, BuildError> {
        haven::build(&plan(root, output))
    }

    fn assert_output_refused(root: &Path, output: &Path, kept: &Path) {
        let result = build_into(root, output);
        assert!(
            matches!(result, Err(BuildError::Write(_))),
            "{:?}",
            result.err().map(|e| e.to_string())
        );
        assert!(kept.exists(), "{} was deleted", kept.display());
    }

    #[test]
    fn a_folder_of_the_hub_is_never_an_output() {
        let dir = hub_with_private_note();
        for folder in ["private", "partners"] {
            let output = dir.path().join(folder);
            assert_output_refused(dir.path(), &output, &output.join("food.yaml"));
        }
    }

    #[test]
    fn a_git_repository_is_never_an_output() {
        let dir = hub_with_private_note();
        let elsewhere = tempfile::tempdir().unwrap();
        fs::create_dir_all(elsewhere.path().join(".git")).unwrap();
        fs::write(elsewhere.path().join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
        assert_output_refused(
            dir.path(),
            elsewhere.path(),
            &elsewhere.path().join(".git/HEAD"),
        );
    }

    #[test]
    fn a_folder_haven_did_not_write_is_never_replaced() {
        let dir = hub_with_private_note();
        let elsewhere = tempfile::tempdir().unwrap();
        let thesis = elsewhere.path().join("thesis.docx");
        fs::write(&thesis, "years of work").unwrap();
        assert_output_refused(dir.path(), elsewhere.path(), &thesis);
    }

    #[test]
    fn an_empty_folder_or_a_site_haven_wrote_is_replaced() {
        let dir = hub_with_private_note();
        let empty = tempfile::tempdir().unwrap();
        build_into(dir.path(), empty.path()).expect("an empty folder is fine");
        assert!(empty.path().join(haven::pipeline::write::MARKER).is_file());
        fs::write(empty.path().join("stale.html"), "old").unwrap();
        build_into(dir.path(), empty.path()).expect("haven's own site is replaced");
        assert!(!empty.path().join("stale.html").exists());
    }

    #[test]
    fn folders_left_by_a_killed_build_are_removed_by_the_next() {
        let dir = hub_with_private_note();
        // No process has this id (above the kernel's pid limit).
        let stale = dir.path().join(".public.haven-new-4999999");
        fs::create_dir_all(stale.join("partners")).unwrap();
        build_into(dir.path(), &dir.path().join("public")).unwrap();
        assert!(!stale.exists());
        common::assert_no_temporary_folders(dir.path());
    }
}

mod settings {
    use super::*;

    fn hub_with_setting(line: &str) -> tempfile::TempDir {
        let settings = format!("{MINIMAL_HUB}{line}\n");
        hub(&[
            ("hub.yaml", &settings),
            ("partners/food.yaml", &minimal_partner("food")),
        ])
    }

    #[test]
    fn a_contact_form_address_that_would_inject_into_the_policy_is_refused() {
        for value in [
            "\"https://forms.example.org; script-src *\"",
            "\"https://forms.example.org\\nX-Injected: yes\"",
            "\"javascript:alert(1)\"",
        ] {
            let dir = hub_with_setting(&format!("contact_form_url: {value}"));
            let errors = build_errors(dir.path());
            assert!(
                errors.iter().any(|e| e.starts_with("E084: hub.yaml")),
                "{value}: {errors:?}"
            );
        }
    }

    #[test]
    fn a_javascript_edit_link_is_refused() {
        let dir =
            hub_with_setting("edit_url_template: \"javascript:alert(document.cookie)//{path}\"");
        let errors = build_errors(dir.path());
        assert!(errors.iter().any(|e| e.starts_with("E084")), "{errors:?}");
    }

    #[test]
    fn a_plain_contact_form_address_reaches_the_policy_and_headers() {
        let dir = hub_with_setting("contact_form_url: https://forms.example.org/fix");
        assert_eq!(build_errors(dir.path()), Vec::<String>::new());
        let headers = fs::read_to_string(dir.path().join("public/_headers")).unwrap();
        assert!(
            headers.contains("form-action https://forms.example.org; frame-ancestors 'none'"),
            "{headers}"
        );
    }
}

#[test]
fn hsds_csv_cells_that_a_spreadsheet_would_run_are_defused() {
    let dir = hub_with_private_note();
    let partner = minimal_partner("food").replace(
        "name: food org",
        "name: \"=HYPERLINK(\\\"https://evil.example\\\",\\\"click\\\")\"",
    );
    fs::write(dir.path().join("partners/food.yaml"), partner).unwrap();
    assert_eq!(build_errors(dir.path()), Vec::<String>::new());
    let organizations = fs::read_to_string(dir.path().join("public/data/hsds/organizations.csv"))
        .or_else(|_| fs::read_to_string(dir.path().join("public/data/hsds/organization.csv")))
        .expect("the organizations table");
    assert!(organizations.contains("\"'=HYPERLINK("), "{organizations}");
    assert!(!organizations.contains(",\"=HYPERLINK("), "{organizations}");
}

mod serve {
    use std::io::{Read, Write};
    use std::net::{SocketAddr, TcpStream};
    use std::sync::Arc;

    use haven::serve::{Live, Server};

    fn serving(extra_hosts: &[String]) -> (tempfile::TempDir, SocketAddr) {
        let site = tempfile::tempdir().unwrap();
        std::fs::write(site.path().join("index.html"), "<p>the preview</p>").unwrap();
        let address: SocketAddr = "127.0.0.1:0".parse().unwrap();
        let server =
            Server::bind_for(site.path(), address, Arc::new(Live::default()), extra_hosts).unwrap();
        let bound = server.address().unwrap();
        std::thread::spawn(move || server.run());
        (site, bound)
    }

    fn status(address: SocketAddr, request: &[u8]) -> u16 {
        let mut stream = TcpStream::connect(address).unwrap();
        // The server may answer before the whole request is sent.
        let _ = stream.write_all(request);
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        response
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or(0)
    }

    fn get(address: SocketAddr, host: &str) -> u16 {
        status(
            address,
            format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes(),
        )
    }

    #[test]
    fn requests_to_this_computer_are_answered() {
        let (_site, address) = serving(&[]);
        assert_eq!(get(address, &address.to_string()), 200);
        assert_eq!(get(address, &format!("localhost:{}", address.port())), 200);
    }

    #[test]
    fn a_request_through_another_host_name_is_refused() {
        let (_site, address) = serving(&[]);
        let rebinding = format!("attacker.example:{}", address.port());
        assert_eq!(get(address, &rebinding), 421);
        assert_eq!(
            status(
                address,
                b"GET /__haven/events HTTP/1.1\r\nHost: attacker.example\r\n\r\n"
            ),
            421
        );
        assert_eq!(status(address, b"GET / HTTP/1.0\r\n\r\n"), 421, "no Host");
    }

    #[test]
    fn a_name_given_with_allow_remote_is_answered() {
        let (_site, address) = serving(&["laptop.local".to_string()]);
        assert_eq!(get(address, "laptop.local:1111"), 200);
    }

    #[test]
    fn an_oversized_request_line_or_header_is_refused() {
        let (_site, address) = serving(&[]);
        let long_target = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(20_000));
        assert_eq!(status(address, long_target.as_bytes()), 414);
        let long_header = format!(
            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {}\r\n\r\n",
            "b".repeat(20_000)
        );
        assert_eq!(status(address, long_header.as_bytes()), 431);
        let many_headers = format!(
            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n{}\r\n",
            "X-A: b\r\n".repeat(500)
        );
        assert_eq!(status(address, many_headers.as_bytes()), 431);
    }
}

mod import {
    use super::*;

    fn fixtures() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hsds/3.0/examples/csv")
    }

    fn import(hub: &Path, extra: &[&str]) -> std::process::Output {
        common::haven()
            .args(["import", "hsds"])
            .arg(fixtures())
            .arg("--into")
            .arg(hub)
            .args(["--today", common::TODAY])
            .args(extra)
            .output()
            .unwrap()
    }

    fn empty_hub() -> tempfile::TempDir {
        hub(&[("hub.yaml", MINIMAL_HUB), ("partners/.keep", "")])
    }

    const PARTNER: &str = "partners/example-organization-inc.yaml";
    const OVERLAY: &str = "private/example-organization-inc.yaml";

    #[test]
    fn an_existing_private_overlay_is_not_replaced_without_force() {
        let dir = empty_hub();
        fs::create_dir_all(dir.path().join("private")).unwrap();
        fs::write(
            dir.path().join(OVERLAY),
            "internal:\n  notes: kept by hand\n",
        )
        .unwrap();
        import(dir.path(), &[]);
        let overlay = fs::read_to_string(dir.path().join(OVERLAY)).unwrap();
        assert!(overlay.contains("kept by hand"), "{overlay}");
    }

    #[cfg(unix)]
    #[test]
    fn import_never_writes_through_a_link() {
        let dir = empty_hub();
        let elsewhere = tempfile::tempdir().unwrap();
        let victim = elsewhere.path().join("victim.txt");
        std::os::unix::fs::symlink(&victim, dir.path().join(PARTNER)).unwrap();
        import(dir.path(), &[]);
        assert!(!victim.exists(), "skipped: the link is an existing file");
        let forced = import(dir.path(), &["--force"]);
        assert!(!victim.exists(), "not even with --force");
        assert!(!forced.status.success());
        assert!(
            String::from_utf8_lossy(&forced.stderr).contains("symbolic link"),
            "{}",
            String::from_utf8_lossy(&forced.stderr)
        );
    }
}

/// The codes of `haven check` on a hub, with what it printed.
fn check(root: &Path) -> (bool, String) {
    let output = common::haven()
        .args(["check", "--today", common::TODAY, "--root"])
        .arg(root)
        .output()
        .unwrap();
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), printed)
}

const GUIDE_HEAD: &str = "---\ntitle: Staying safe\n---\n";

mod limits {
    use super::*;

    fn assert_refused(files: &[(&str, &str)], code: &str) -> String {
        let mut all = vec![
            ("hub.yaml", MINIMAL_HUB.to_string()),
            ("partners/food.yaml", minimal_partner("food")),
        ];
        all.extend(files.iter().map(|(p, t)| (*p, t.to_string())));
        let borrowed: Vec<(&str, &str)> = all.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let dir = hub(&borrowed);
        let (passed, printed) = check(dir.path());
        assert!(!passed, "{printed}");
        assert!(printed.contains(&format!("error[{code}]")), "{printed}");
        assert!(build_errors(dir.path()).iter().any(|e| e.starts_with(code)));
        printed
    }

    #[test]
    fn yaml_nested_a_hundred_thousand_levels_is_refused() {
        let deep = format!("id: food\nname: {}\n", "[".repeat(100_000));
        let printed = assert_refused(&[("partners/food.yaml", &deep)], "E009");
        assert!(
            printed.len() < 2_000,
            "the excerpt is cut: {} bytes",
            printed.len()
        );
    }

    #[test]
    fn a_mapping_of_two_hundred_thousand_keys_is_refused() {
        let keys: String = (0..200_000).map(|n| format!("k{n}: 1\n")).collect();
        let partner = format!("{}{keys}", minimal_partner("food"));
        assert_refused(&[("partners/food.yaml", &partner)], "E009");
    }

    #[test]
    fn problems_printed_per_file_are_capped() {
        let keys: String = (0..1_500).map(|n| format!("unknown{n}: 1\n")).collect();
        let dir = hub(&[
            ("hub.yaml", MINIMAL_HUB),
            (
                "partners/food.yaml",
                &format!("{}{keys}", minimal_partner("food")),
            ),
        ]);
        let (_, printed) = check(dir.path());
        assert_eq!(printed.matches("error[E010]").count(), 50, "{printed}");
        assert!(printed.contains("and 1450 more problem(s) in partners/food.yaml"));
    }

    #[test]
    fn ten_thousand_headings_are_refused() {
        let guide = format!("{GUIDE_HEAD}{}", "## Same\n\ntext\n\n".repeat(10_000));
        assert_refused(&[("guides/safety.md", &guide)], "E176");
    }

    #[test]
    fn a_thousand_nested_quotes_are_refused_by_check_and_build() {
        let guide = format!("{GUIDE_HEAD}{} deep\n", ">".repeat(1_000));
        assert_refused(&[("guides/safety.md", &guide)], "E175");
    }
}

mod content {
    use super::*;

    /// Runs `haven check` on a hub of `files` and expects it to fail
    /// printing `expected`.
    fn assert_check_reports(files: &[(&str, &str)], expected: &str) {
        let dir = hub(files);
        let (passed, printed) = check(dir.path());
        assert!(!passed, "{printed}");
        assert!(printed.contains(expected), "{printed}");
    }

    #[test]
    fn a_guide_in_a_subfolder_with_a_taken_name_is_refused() {
        assert_check_reports(
            &[
                ("hub.yaml", MINIMAL_HUB),
                ("partners/food.yaml", &minimal_partner("food")),
                (
                    "guides/safety.md",
                    &format!("{GUIDE_HEAD}The real guide.\n"),
                ),
                (
                    "guides/extra/safety.md",
                    &format!("{GUIDE_HEAD}A replacement.\n"),
                ),
            ],
            "error[E025]: guides/extra/safety.md",
        );
    }

    #[test]
    fn placeholder_characters_typed_into_content_are_refused() {
        let partner = minimal_partner("food").replace(
            "Emergency groceries for anyone",
            "Emergency \u{E000}en:0:other\u{E001} groceries for anyone",
        );
        assert_check_reports(
            &[
                ("hub.yaml", MINIMAL_HUB),
                ("partners/food.yaml", &partner),
                ("partners/other.yaml", &minimal_partner("other")),
            ],
            "error[E013]: partners/food.yaml:6:",
        );
    }

    #[test]
    fn raw_html_in_a_translated_description_is_flagged_like_the_original() {
        let settings = format!("{MINIMAL_HUB}languages: [es]\n");
        let partner = format!(
            "{}translations:\n  es:\n    description: \"Comida <img src=x onerror=alert(1)>\"\n",
            minimal_partner("food")
        );
        assert_check_reports(
            &[("hub.yaml", &settings), ("partners/food.yaml", &partner)],
            "translations.es.description: raw HTML is not allowed",
        );
    }
}
