//! `haven import hsds` (docs/data.md): HSDS tabular data packages in
//! 3.0, 2.0 and 1.1 layouts become partner records that pass `haven
//! check`, with a report of every lossy step; a round trip through
//! haven's own export keeps every mapped field.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use serde_json::Value;

fn fixtures(folder: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hsds")
        .join(folder)
}

fn import(source: &Path, hub: &Path, extra: &[&str]) -> std::process::Output {
    import_into("hsds", source, hub, extra)
}

fn check(hub: &Path) -> std::process::Output {
    haven()
        .args(["check", "--today", TODAY, "--root"])
        .arg(hub)
        .output()
        .expect("haven runs")
}

fn text(output: &std::process::Output) -> String {
    output_text(output)
}

/// The full report the last import wrote into the hub.
fn full_report(hub: &Path) -> String {
    fs::read_to_string(hub.join("import-report.txt")).expect("the full report is written")
}

/// Imports `folder`, publishes every record (as a volunteer would once
/// each is reviewed) and checks the hub: no imported record may have an
/// error. Returns the printed summary and the full report.
fn assert_imports_and_passes_check(folder: &str) -> (String, String) {
    let hub = empty_hub();
    let imported = import(&fixtures(folder), hub.path(), &[]);
    let summary = text(&imported);
    assert!(imported.status.success(), "{summary}");
    let published = publish(hub.path(), &["--all"]);
    assert!(published.status.success(), "{}", text(&published));
    assert!(
        !text(&published).contains("not published"),
        "{}",
        text(&published)
    );
    let checked = check(hub.path());
    assert!(
        checked.status.success(),
        "imported records fail haven check:\n{}",
        text(&checked)
    );
    (summary, full_report(hub.path()))
}

fn publish(hub: &Path, args: &[&str]) -> std::process::Output {
    haven()
        .args(["publish", "--today", TODAY, "--root"])
        .arg(hub)
        .args(args)
        .output()
        .expect("haven runs")
}

fn drafts(hub: &Path) -> String {
    let output = haven()
        .args(["drafts", "--today", TODAY, "--root"])
        .arg(hub)
        .output()
        .expect("haven runs");
    assert!(output.status.success(), "{}", text(&output));
    text(&output)
}

#[test]
fn the_hsds_3_example_imports_and_passes_check() {
    let (_, report) = assert_imports_and_passes_check("3.0/examples/csv");
    assert!(report.contains("HSDS 3.0"), "{report}");
    assert!(
        report.contains("latitude 100"),
        "the out-of-range latitude is reported: {report}"
    );
    assert!(
        report.contains("marked unknown"),
        "access facts are reported unknown: {report}"
    );
}

#[test]
fn the_hsds_1_1_samples_import_and_pass_check() {
    for folder in ["1.1/simple", "1.1/all_resources"] {
        let (report, _) = assert_imports_and_passes_check(folder);
        assert!(report.contains("HSDS 1.1"), "{report}");
        assert!(report.contains("10 partner file(s) written"), "{report}");
    }
}

#[test]
fn an_hsds_2_0_package_maps_terms_schedules_addresses_and_phone_languages() {
    let (_, report) = assert_imports_and_passes_check("2.0-synthetic");
    assert!(report.contains("HSDS 2.0"), "{report}");
    assert!(
        report
            .contains("\"Court accompaniment\" (open_eligibility) has no hub code; kept as a tag"),
        "{report}"
    );
    assert!(
        report.contains("is not a weekly opening; kept in the notes"),
        "{report}"
    );
    let hub = empty_hub();
    assert!(import(&fixtures("2.0-synthetic"), hub.path(), &[])
        .status
        .success());
    let record =
        fs::read_to_string(hub.path().join("partners/mesa-legal-aid.yaml")).expect("written");
    for expected in [
        "categories: [legal_services]",
        "tags: [court-accompaniment]",
        "mon: \"09:00-17:00\"",
        "street: \"200 Central Ave SW\"",
        "languages: [en, es]",
        "cost: free",
        "legal_status: nonprofit",
        "lat: 35.08",
    ] {
        assert!(
            record.contains(expected),
            "missing {expected:?} in:\n{record}"
        );
    }
}

#[test]
fn the_report_names_what_was_dropped_or_guessed() {
    let (_, report) = assert_imports_and_passes_check("1.1/all_resources");
    for expected in [
        "holiday schedule(s) not imported",
        "no complete address; left out",
        "guessed",
        "published: false until reviewed",
        "Not read (partner records have no place for them): ",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in:\n{report}"
        );
    }
}

#[test]
fn named_contacts_go_to_the_private_overlay_never_the_public_record() {
    let hub = empty_hub();
    assert!(import(&fixtures("3.0/examples/csv"), hub.path(), &[])
        .status
        .success());
    let public = fs::read_to_string(hub.path().join("partners/example-organization-inc.yaml"))
        .expect("partner written");
    let private = fs::read_to_string(hub.path().join("private/example-organization-inc.yaml"))
        .expect("overlay written");
    assert!(private.contains("other_contacts"));
    let contacts = fs::read_to_string(fixtures("3.0/examples/csv/contacts.csv")).expect("contacts");
    let name = contacts
        .lines()
        .nth(1)
        .and_then(|l| l.split(',').nth(5))
        .expect("a contact name");
    assert!(private.contains(name), "{name} in the overlay");
    assert!(!public.contains(name), "{name} must not be public");
}

#[test]
fn an_existing_partner_file_is_not_overwritten_without_force() {
    let hub = empty_hub();
    let target = hub.path().join("partners/example-organization-inc.yaml");
    fs::write(&target, "# a volunteer's work\n").expect("write");
    let refused = import(&fixtures("3.0/examples/csv"), hub.path(), &[]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(text(&refused).contains("--force"));
    assert_eq!(
        fs::read_to_string(&target).expect("read"),
        "# a volunteer's work\n"
    );
    let forced = import(&fixtures("3.0/examples/csv"), hub.path(), &["--force"]);
    assert!(forced.status.success(), "{}", text(&forced));
    assert!(fs::read_to_string(&target)
        .expect("read")
        .contains("schema_version: 1"));
}

#[test]
fn a_folder_without_organizations_is_refused_with_a_clear_error() {
    let hub = empty_hub();
    let empty = tempfile::tempdir().expect("temp");
    let output = import(empty.path(), hub.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output).contains("not an HSDS tabular data package"),
        "{}",
        text(&output)
    );
}

#[test]
fn importing_into_a_folder_without_hub_yaml_is_refused() {
    let nowhere = tempfile::tempdir().expect("temp");
    let output = import(&fixtures("1.1/simple"), nowhere.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output).contains("no hub.yaml"), "{}", text(&output));
    assert!(!nowhere.path().join("partners").exists());
}

#[test]
fn a_malformed_csv_names_the_file() {
    let hub = empty_hub();
    let package = tempfile::tempdir().expect("temp");
    fs::write(
        package.path().join("organizations.csv"),
        "id,name\n1,\"unterminated\n",
    )
    .expect("write");
    fs::write(package.path().join("services.csv"), [0xff, 0xfe, b'\n']).expect("write");
    let output = import(package.path(), hub.path(), &[]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(text(&output).contains(".csv"), "{}", text(&output));
}

/// Every object of an export with its uuids removed: what must survive.
fn without_ids(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(key, _)| {
                    !(key.as_str() == "id"
                        || (key.ends_with("_id") && key.as_str() != "taxonomy_term_id"))
                })
                .map(|(key, value)| (key.clone(), without_ids(value)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_ids).collect()),
        other => other.clone(),
    }
}

fn exported(root: &Path, file: &str) -> Vec<Value> {
    let out = tempfile::tempdir().expect("temp");
    let output = out.path().join("public");
    haven::build(&plan(root, &output)).expect("hub builds");
    let page: Value =
        serde_json::from_slice(&fs::read(output.join("data/hsds").join(file)).expect("export"))
            .expect("JSON");
    page["contents"].as_array().cloned().unwrap_or_default()
}

#[test]
fn export_import_export_keeps_every_mapped_field() {
    let first = tempfile::tempdir().expect("temp");
    let output = first.path().join("public");
    haven::build(&plan(&example_site(), &output)).expect("example builds");
    let hub = empty_hub();
    let imported = import(&output.join("data/hsds"), hub.path(), &[]);
    assert!(imported.status.success(), "{}", text(&imported));
    let checked = check(hub.path());
    assert!(checked.status.success(), "{}", text(&checked));
    // A survivor leader comes back unpublished, as an organization, until
    // their consent is recorded again (rule E140).
    let organizations = exported(&example_site(), "organizations.json");
    let individuals: Vec<&Value> = organizations
        .iter()
        .filter(|o| o["legal_status"] == "individual")
        .map(|o| &o["id"])
        .collect();
    assert!(!individuals.is_empty(), "the example has a survivor leader");
    for (file, owner) in [
        ("organizations.json", "id"),
        ("services.json", "organization_id"),
    ] {
        let before: Vec<Value> = exported(&example_site(), file)
            .into_iter()
            .filter(|o| !individuals.contains(&&o[owner]))
            .collect();
        let after = exported(hub.path(), file);
        assert_eq!(before.len(), after.len(), "{file}: as many objects");
        for (a, b) in before.iter().zip(&after) {
            let (a, b) = (without_ids(a), without_ids(b));
            assert!(
                a == b,
                "{file}: {} changed: {:#?}",
                a["name"],
                differences(&a, &b, String::new())
            );
        }
    }
}

/// Where two JSON values differ, by path.
fn differences(a: &Value, b: &Value, path: String) -> Vec<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter()
                .flat_map(|k| {
                    differences(
                        x.get(k).unwrap_or(&Value::Null),
                        y.get(k).unwrap_or(&Value::Null),
                        format!("{path}.{k}"),
                    )
                })
                .collect()
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .flat_map(|(i, (x, y))| differences(x, y, format!("{path}[{i}]")))
            .collect(),
        _ if a == b => Vec::new(),
        _ => vec![format!("{path}: {a} → {b}")],
    }
}

#[test]
fn hours_as_exporters_write_them_are_read_and_no_day_is_guessed_closed() {
    let package = tempfile::tempdir().expect("temp");
    copy_dir(&fixtures("2.0-synthetic"), package.path());
    fs::write(
        package.path().join("schedules.csv"),
        "id,service_id,location_id,service_at_location_id,valid_from,valid_to,dtstart,timezone,until,wkst,freq,interval,byday,byweekno,bymonthday,byyearday,description,opens_at,closes_at\n\
         sch-1,svc-1,,,,,,,,MO,WEEKLY,,\"MO,TU,WE\",,,,,8:00AM,5:00PM\n\
         sch-2,svc-1,,,,,,,,,,,,,,,Thursday - Friday 9am-12pm,,\n\
         sch-3,svc-1,,,,,,,,MO,MONTHLY,,1SA,,,,First Saturday walk-in,10:00,13:00\n",
    )
    .expect("write");
    let hub = empty_hub();
    let output = import(package.path(), hub.path(), &[]);
    assert!(output.status.success(), "{}", text(&output));
    let record =
        fs::read_to_string(hub.path().join("partners/mesa-legal-aid.yaml")).expect("written");
    for expected in [
        "mon: \"08:00-17:00\"",
        "wed: \"08:00-17:00\"",
        "thu: \"09:00-12:00\"",
        "fri: \"09:00-12:00\"",
        "First Saturday walk-in",
    ] {
        assert!(
            record.contains(expected),
            "missing {expected:?} in:\n{record}"
        );
    }
    assert!(!record.contains("sat: closed"), "{record}");
    assert!(
        check(hub.path()).status.success(),
        "{}",
        text(&check(hub.path()))
    );
}

#[test]
fn a_package_whose_descriptor_lists_files_in_a_folder_and_an_old_version_imports() {
    let package = tempfile::tempdir().expect("temp");
    let data = package.path().join("data");
    fs::create_dir_all(&data).expect("mkdir");
    copy_dir(&fixtures("2.0-synthetic"), &data);
    let resources: Vec<String> = fs::read_dir(&data)
        .expect("files")
        .filter_map(Result::ok)
        .map(|e| {
            format!(
                "{{\"name\": \"t\", \"path\": \"data/{}\"}}",
                e.file_name().to_string_lossy()
            )
        })
        .collect();
    // A descriptor copied from a 1.1 package: the files say 2.0.
    fs::write(
        package.path().join("datapackage.json"),
        format!(
            "{{\"version\": \"1.1\", \"resources\": [{}]}}",
            resources.join(", ")
        ),
    )
    .expect("descriptor");
    let hub = empty_hub();
    let output = import(package.path(), hub.path(), &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("HSDS 2.0"), "{}", text(&output));
    let record =
        fs::read_to_string(hub.path().join("partners/mesa-legal-aid.yaml")).expect("written");
    assert!(record.contains("mon: \"09:00-17:00\""), "{record}");
}

#[test]
fn rows_whose_organization_or_service_is_missing_are_named_in_the_report() {
    let package = tempfile::tempdir().expect("temp");
    copy_dir(&fixtures("2.0-synthetic"), package.path());
    let services = package.path().join("services.csv");
    let mut rows = fs::read_to_string(&services).expect("services");
    rows.push_str("svc-9,org-9,,Orphan shelter,,Beds for the night.,,,active,,,,,,\n");
    fs::write(&services, rows).expect("write");
    let schedules = package.path().join("schedules.csv");
    let mut rows = fs::read_to_string(&schedules).expect("schedules");
    rows.push_str("sch-9,svc-404,,,,,,,,MO,WEEKLY,,MO,,,,,09:00,17:00\n");
    fs::write(&schedules, rows).expect("write");
    let hub = empty_hub();
    let output = import(package.path(), hub.path(), &[]);
    assert!(
        text(&output).contains("2 row(s) not imported"),
        "{}",
        text(&output)
    );
    let report = full_report(hub.path());
    assert!(
        report.contains("services.csv:3: organization \"org-9\" is not in organizations.csv"),
        "{report}"
    );
    assert!(
        report.contains("schedules.csv:4: service \"svc-404\" is not in services.csv"),
        "{report}"
    );
}

/// A hub with `folder` imported into it.
fn imported(folder: &str) -> tempfile::TempDir {
    let hub = empty_hub();
    let output = import(&fixtures(folder), hub.path(), &[]);
    assert!(output.status.success(), "{}", text(&output));
    hub
}

fn record(hub: &Path, id: &str) -> String {
    fs::read_to_string(hub.join("partners").join(format!("{id}.yaml")))
        .unwrap_or_else(|_| panic!("{id} is imported"))
}

/// Every partner file an import wrote, as text.
fn partner_files(hub: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = fs::read_dir(hub.join("partners"))
        .expect("partners")
        .filter_map(Result::ok)
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read_to_string(e.path()).expect("text"),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn real_211_exports_import_and_every_record_can_be_published() {
    for folder in ["real-miami211", "real-ilao"] {
        let (summary, report) = assert_imports_and_passes_check(folder);
        assert!(
            summary
                .lines()
                .next()
                .is_some_and(|l| l.starts_with("Read an HSDS")),
            "{summary}"
        );
        assert!(
            summary.contains("row(s) not imported"),
            "{folder}: orphans counted: {summary}"
        );
        assert!(
            report.len() > summary.len(),
            "{folder}: the full report has the details"
        );
    }
}

/// Publishes every record of `hub` and builds it into `public/` of the
/// returned folder.
fn published_site(hub: &Path) -> tempfile::TempDir {
    assert!(publish(hub, &["--all"]).status.success());
    let output = tempfile::tempdir().expect("temp");
    let built = haven()
        .args(["build", "--quiet", "--today", TODAY, "--root"])
        .arg(hub)
        .arg("--output")
        .arg(output.path().join("public"))
        .output()
        .expect("haven runs");
    assert!(built.status.success(), "{}", text(&built));
    output
}

#[test]
fn a_hub_imported_from_a_real_211_export_builds_once_published() {
    let hub = imported("real-miami211");
    let output = published_site(hub.path());
    assert!(output
        .path()
        .join("public/partners/the-shelter-for-abused-women-children-inc/index.html")
        .is_file());
}

#[test]
fn a_post_office_box_of_a_211_export_becomes_a_mailing_address_not_a_place_to_visit() {
    let hub = imported("real-miami211");
    for (name, record) in partner_files(hub.path()) {
        let places: Vec<&str> = record.split("\n  - id: ").skip(1).collect();
        for place in places.iter().filter(|p| p.contains("Box ")) {
            assert!(
                place.contains("type: mailing") && !place.contains("visibility: public"),
                "{name}: a post office box kept as a place to visit:\n{place}"
            );
        }
    }
    let output = published_site(hub.path());
    let page = fs::read_to_string(
        output
            .path()
            .join("public/partners/the-trevor-project/index.html"),
    )
    .expect("page");
    assert!(
        page.contains("Mailing address only, not a place to visit."),
        "{page}"
    );
}

#[test]
fn a_211_package_with_its_tables_in_data_imports_from_its_own_folder() {
    let hub = empty_hub();
    let output = import(&fixtures("real-miami211"), hub.path(), &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("HSDS 1.1"), "{}", text(&output));
    assert!(partner_files(hub.path()).len() >= 20);
}

#[test]
fn junk_in_211_text_is_cleaned_and_counted() {
    let hub = empty_hub();
    let output = import(&fixtures("real-miami211"), hub.path(), &[]);
    let summary = text(&output);
    for kind in ["escaped line breaks", "###MON###", "garbled"] {
        assert!(summary.contains(kind), "{kind} not counted: {summary}");
    }
    for (name, record) in partner_files(hub.path()) {
        for junk in ["\\n", "###", "GÇ", "&rsquo;"] {
            assert!(!record.contains(junk), "{name} holds {junk:?}:\n{record}");
        }
    }
}

#[test]
fn airs_codes_of_a_211_export_become_service_areas_and_populations() {
    let hub = imported("real-miami211");
    let record = fs::read_to_string(
        hub.path()
            .join("partners/the-shelter-for-abused-women-children-inc.yaml"),
    )
    .expect("the shelter is imported");
    // Its emergency shelter is BH-1800.1500-100 (Domestic Violence Shelters)
    // for YX-0300.0190 (Abused Women) and YX-0300.0150 (Abused Men).
    assert!(record.contains("categories: [basic_needs]"), "{record}");
    assert!(record.contains("populations: [men, women]"), "{record}");
    let report = full_report(hub.path());
    assert!(
        !report.contains("\"Domestic Violence Shelters\" (Open211 Miami - AIRS) has no hub code"),
        "{report}"
    );
}

#[test]
fn an_organization_without_services_is_named_in_the_report_not_written() {
    let hub = empty_hub();
    let output = import(&fixtures("real-ilao"), hub.path(), &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(!hub.path().join("partners/smart-policy-works.yaml").exists());
    let report = full_report(hub.path());
    assert!(
        report.contains("Smart Policy Works has no service in the package; not imported"),
        "{report}"
    );
}

#[test]
fn an_empty_table_of_a_newer_version_does_not_decide_the_version() {
    let package = tempfile::tempdir().expect("temp");
    copy_dir(&fixtures("1.1/simple"), package.path());
    fs::write(
        package.path().join("addresses.csv"),
        "id,location_id,address_1\n",
    )
    .expect("write");
    let hub = empty_hub();
    let output = import(package.path(), hub.path(), &[]);
    assert!(text(&output).contains("HSDS 1.1"), "{}", text(&output));
}

#[test]
fn drafts_lists_what_each_record_needs_and_publish_clears_it() {
    let hub = imported("2.0-synthetic");
    let listed = drafts(hub.path());
    assert!(
        listed.contains("partners/mesa-legal-aid.yaml (mesa-legal-aid)"),
        "{listed}"
    );
    assert!(
        listed.contains("point(s) to review, can be published"),
        "{listed}"
    );
    let record = || record(hub.path(), "mesa-legal-aid");
    let review_points = record().matches("\n  - ").count();
    assert!(record().contains("published: false") && review_points > 0);

    let published = publish(hub.path(), &["mesa-legal-aid"]);
    assert!(published.status.success(), "{}", text(&published));
    let after = record();
    assert!(
        !after.contains("published: false") && !after.contains("review:"),
        "{after}"
    );
    assert!(
        after.starts_with("# Imported from HSDS"),
        "comments stay: {after}"
    );
    assert!(!drafts(hub.path()).contains("mesa-legal-aid"));
    assert!(
        check(hub.path()).status.success(),
        "{}",
        text(&check(hub.path()))
    );
}

#[test]
fn publish_refuses_a_record_with_errors_and_an_unknown_id() {
    let hub = imported("2.0-synthetic");
    let file = hub.path().join("partners/mesa-legal-aid.yaml");
    let broken = fs::read_to_string(&file)
        .expect("record")
        .replace("categories: [legal_services]", "categories: [lawyers]");
    fs::write(&file, &broken).expect("write");

    // Unpublished, its mistake is reported but does not stop the site.
    let checked = check(hub.path());
    assert!(checked.status.success(), "{}", text(&checked));
    assert!(
        text(&checked).contains("the record is not published"),
        "{}",
        text(&checked)
    );

    let refused = publish(hub.path(), &["mesa-legal-aid", "no-such-partner"]);
    assert!(!refused.status.success());
    let said = text(&refused);
    assert!(
        said.contains("not published: partners/mesa-legal-aid.yaml has 1 error"),
        "{said}"
    );
    assert!(
        said.contains("no unpublished record has the id \"no-such-partner\""),
        "{said}"
    );
    assert_eq!(
        fs::read_to_string(&file).expect("record"),
        broken,
        "unchanged"
    );
}

#[test]
fn a_shelter_address_in_a_211_export_is_never_published() {
    let hub = imported("real-miami211");
    let record = fs::read_to_string(
        hub.path()
            .join("partners/the-shelter-for-abused-women-children-inc.yaml"),
    )
    .expect("the shelter is imported");
    assert!(record.contains("visibility: confidential"), "{record}");
    for published in ["street:", "postal_code:", "lat:", "visibility: public"] {
        assert!(!record.contains(published), "{published} in:\n{record}");
    }
    assert!(
        full_report(hub.path()).contains("looks like a shelter for survivors"),
        "the guess is reported"
    );
}

#[test]
fn a_phone_tied_only_to_a_place_is_kept_even_when_the_place_is_not() {
    let hub = imported("real-ilao");
    let record = fs::read_to_string(
        hub.path()
            .join("partners/illinois-armed-forces-legal-aid-network.yaml"),
    )
    .expect("imported");
    assert!(record.contains("(855) 452-3526"), "{record}");
}

#[test]
fn language_names_of_211_exports_are_read_and_the_rest_reported() {
    let hub = imported("real-miami211");
    let record = fs::read_to_string(
        hub.path()
            .join("partners/girl-scouts-council-of-tropical-florida-inc.yaml"),
    )
    .expect("imported");
    assert!(
        record
            .lines()
            .any(|line| line.trim_start().starts_with("languages:")
                && line.split(['[', ',', ']']).any(|tag| tag.trim() == "ht")),
        "Creole is Haitian Creole: {record}"
    );
    let report = full_report(hub.path());
    assert!(
        report.contains("is not a language haven can read"),
        "{report}"
    );
}

#[test]
fn hours_rows_that_disagree_with_the_hours_as_written_never_close_a_day() {
    let hub = imported("real-miami211");
    let record = record(hub.path(), "miami-rescue-mission-inc");
    // The export made Mon, Wed, Fri and Sat rows out of "Administration:
    // 7:30am-4:00pm, Mon-Fri … Walk-In Hours: 3:00pm-5:30pm, Mon, Wed, Fri, Sat".
    let men = &record[record.find("- id: center-for-men").expect("the service")..];
    let hours = &men[men.find("hours:").expect("hours")..];
    let hours: String = hours
        .lines()
        .take_while(|l| !l.contains("- id:"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!hours.contains("closed"), "{hours}");
    assert!(hours.contains("Intake Hours"), "the text is kept: {hours}");
}

#[test]
fn a_211_term_name_is_kept_as_a_tag_beside_the_hub_code_it_maps_to() {
    let hub = imported("real-miami211");
    let record = record(hub.path(), "miami-rescue-mission-inc");
    // AIRS BH-1800.8500 "Homeless Shelter" maps to basic needs, and what
    // people search a 211 for stays searchable.
    assert!(record.contains("categories: [basic_needs"), "{record}");
    let tags = record.split("\ntags:").nth(1).unwrap_or_default();
    assert!(tags.contains("homeless-shelter"), "{record}");
}

#[test]
fn an_address_whose_state_and_country_are_written_by_name_is_kept_with_their_codes() {
    let package = tempfile::tempdir().expect("temp");
    for entry in fs::read_dir(fixtures("2.0-synthetic")).expect("fixture") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name");
        fs::copy(&path, package.path().join(name)).expect("copy");
    }
    let addresses = package.path().join("physical_addresses.csv");
    let written = fs::read_to_string(&addresses)
        .expect("addresses")
        .replace(",NM,87102,US", ",New Mexico,87102,United States");
    fs::write(&addresses, written).expect("write");

    let hub = empty_hub();
    let output = import(package.path(), hub.path(), &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        !text(&output).contains("the address is left out"),
        "{}",
        text(&output)
    );
    let record =
        fs::read_to_string(hub.path().join("partners/mesa-legal-aid.yaml")).expect("written");
    for expected in ["street: \"200 Central Ave SW\"", "state: NM", "country: US"] {
        assert!(
            record.contains(expected),
            "missing {expected:?} in:\n{record}"
        );
    }
}

#[test]
fn a_phone_a_211_export_gives_no_label_is_named_for_its_service() {
    let hub = imported("real-miami211");
    let record =
        fs::read_to_string(hub.path().join("partners/camillus-house-inc.yaml")).expect("record");
    for label in [
        "label: SHELTER AND DIRECT SERVICES",
        "label: HOMELESS PREVENTION PROGRAM",
    ] {
        assert!(record.contains(label), "missing {label:?} in:\n{record}");
    }
    assert_eq!(record.matches("label: Phone").count(), 1, "{record}");
}
