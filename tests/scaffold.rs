//! `haven init`, `haven new` and `haven schema` as a new coalition uses them.

mod common;

use std::fs;

use common::*;

#[test]
fn an_initialised_hub_checks_and_builds_cleanly() {
    let dir = tempfile::tempdir().expect("temp");
    let hub = dir.path().join("hub");
    let output = haven().arg("init").arg(&hub).output().expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let check = haven()
        .args(["check", "--root"])
        .arg(&hub)
        .output()
        .expect("runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(String::from_utf8_lossy(&check.stderr).contains("0 error(s), 0 warning(s)"));

    let build = haven()
        .args(["build", "--root"])
        .arg(&hub)
        .output()
        .expect("runs");
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(
        !hub.join("public/partners/example-partner/index.html")
            .exists(),
        "the example partner, with its placeholder phone, is a draft"
    );
    assert!(String::from_utf8_lossy(&build.stdout).contains("1 draft(s) not built"));
    assert!(hub.join("public/guides/welcome/index.html").is_file());

    let partner = fs::read_to_string(hub.join("partners/example-partner.yaml")).expect("partner");
    assert!(partner.starts_with("# yaml-language-server: $schema=../schema/partner.schema.json"));
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(hub.join("schema/partner.schema.json")).expect("schema"),
    )
    .expect("json");
    assert!(schema["properties"]["services"].is_object());
}

#[test]
fn new_partner_and_guide_skeletons_pass_check() {
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &minimal_partner("food")),
    ]);
    for (kind, name) in [("partner", "riverbend-legal"), ("guide", "how-to-refer")] {
        let output = haven()
            .args(["new", kind, name, "--root"])
            .arg(hub.path())
            .output()
            .expect("runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert!(hub.path().join("partners/riverbend-legal.yaml").is_file());
    assert!(hub.path().join("guides/how-to-refer.md").is_file());
    let check = haven()
        .args(["check", "--root"])
        .arg(hub.path())
        .output()
        .expect("runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    let again = haven()
        .args(["new", "partner", "riverbend-legal", "--root"])
        .arg(hub.path())
        .output()
        .expect("runs");
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn partners_added_to_a_new_hub_are_not_taken_for_duplicates() {
    let dir = tempfile::tempdir().expect("temp");
    let hub = dir.path();
    haven::scaffold::init(hub, haven::scaffold::Ci::None, today()).expect("init");
    for id in ["riverbend-legal", "casa-segura"] {
        haven::scaffold::new_partner(hub, id, today()).expect("new partner");
    }
    let check = haven()
        .args(["check", "--root"])
        .arg(hub)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(stderr.contains("0 error(s), 0 warning(s)"), "{stderr}");
}

#[test]
fn init_works_in_a_freshly_cloned_repository_and_keeps_its_gitignore() {
    let dir = tempfile::tempdir().expect("temp");
    let repo = dir.path();
    fs::write(repo.join("README.md"), "# Our hub\n").expect("readme");
    fs::write(repo.join(".gitignore"), ".DS_Store\npublic\n").expect("gitignore");
    haven::scaffold::init(repo, haven::scaffold::Ci::Github, today()).expect("init");
    assert_eq!(
        fs::read_to_string(repo.join("README.md")).expect("readme"),
        "# Our hub\n"
    );
    let ignored = fs::read_to_string(repo.join(".gitignore")).expect("gitignore");
    assert!(ignored.starts_with(".DS_Store\npublic\n"), "{ignored}");
    assert!(ignored.lines().any(|line| line == "/private/"), "{ignored}");
    assert!(
        !ignored.contains("/public/"),
        "public is already ignored: {ignored}"
    );
    assert!(repo.join("hub.yaml").is_file());
}

#[test]
fn init_writes_nothing_when_a_file_is_in_the_way() {
    let dir = tempfile::tempdir().expect("temp");
    let repo = dir.path();
    fs::create_dir_all(repo.join("guides")).expect("mkdir");
    fs::write(repo.join("guides/welcome.md"), "ours\n").expect("guide");
    let error = haven::scaffold::init(repo, haven::scaffold::Ci::Github, today())
        .expect_err("refuses")
        .to_string();
    assert!(
        error.contains("welcome.md") && error.contains("does not overwrite"),
        "{error}"
    );
    assert!(!repo.join("hub.yaml").exists());
    assert!(!repo.join(".gitignore").exists());
    assert_eq!(
        fs::read_to_string(repo.join("guides/welcome.md")).expect("guide"),
        "ours\n"
    );
}

#[test]
fn schema_prints_a_json_schema_of_the_record() {
    let output = haven().arg("schema").output().expect("runs");
    assert!(output.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(schema["title"], "PartnerRecord");
    let required = schema["required"].as_array().expect("required");
    for field in ["schema_version", "id", "name", "services", "last_verified"] {
        assert!(required.iter().any(|r| r == field), "{field} not required");
    }
}

#[test]
fn a_renamed_partner_id_needs_previous_ids() {
    let dir = tempfile::tempdir().expect("temp");
    let root = dir.path();
    std::fs::write(root.join("hub.yaml"), MINIMAL_HUB).expect("hub");
    std::fs::create_dir_all(root.join("partners")).expect("mkdir");
    std::fs::write(root.join("partners/food.yaml"), minimal_partner("food")).expect("partner");
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "first"]);

    std::fs::remove_file(root.join("partners/food.yaml")).expect("rm");
    std::fs::write(
        root.join("partners/food-bank.yaml"),
        minimal_partner("food-bank"),
    )
    .expect("renamed");
    let output = haven()
        .args(["check", "--since", "HEAD", "--root"])
        .arg(root)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("error[E023]: partners/food.yaml"),
        "{stderr}"
    );
    assert!(stderr.contains("previous_ids: [food]"), "{stderr}");

    std::fs::write(
        root.join("partners/food-bank.yaml"),
        minimal_partner("food-bank") + "previous_ids: [food]\n",
    )
    .expect("fixed");
    let output = haven()
        .args(["check", "--since", "HEAD", "--root"])
        .arg(root)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let output = haven()
        .args(["check", "--since", "no-such-branch", "--root"])
        .arg(root)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
}
