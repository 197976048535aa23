//! `haven import sheet` (docs/data.md, "From a spreadsheet"): a
//! coalition's partner list in CSV, .xlsx or .ods becomes partner records
//! that pass `haven check`, with every row imported or reported; the
//! site's own `/data/partners.csv` reads back into the same fields.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sheets")
        .join(name)
}

fn import(sheet: &Path, hub: &Path, extra: &[&str]) -> std::process::Output {
    import_into("sheet", sheet, hub, extra)
}

fn text(output: &std::process::Output) -> String {
    output_text(output)
}

/// `haven check` passes: no errors (warnings such as unknown access
/// facts are what a volunteer then asks the partner about).
fn assert_checks(hub: &Path) {
    let output = haven()
        .args(["check", "--today", TODAY, "--root"])
        .arg(hub)
        .output()
        .expect("haven runs");
    let report = text(&output);
    assert!(output.status.success(), "{report}");
    assert!(report.contains("0 error(s)"), "{report}");
}

fn build(hub: &Path, output: &Path, drafts: bool) {
    let mut command = haven();
    command
        .args(["build", "--today", TODAY, "--root"])
        .arg(hub)
        .arg("--output")
        .arg(output);
    if drafts {
        command.arg("--drafts");
    }
    let result = command.output().expect("haven runs");
    assert!(result.status.success(), "{}", text(&result));
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The rows of a partners.csv by id, column by column.
fn partners_csv(path: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).expect("csv");
    let headers = reader.headers().expect("headers").clone();
    reader
        .records()
        .map(|record| {
            let record = record.expect("row");
            let row: BTreeMap<String, String> = headers
                .iter()
                .map(|h| h.trim_start_matches('\u{feff}').to_string())
                .zip(record.iter().map(str::to_string))
                .collect();
            (row["id"].clone(), row)
        })
        .collect()
}

#[test]
fn the_sites_own_partners_csv_reads_back_into_the_same_published_fields() {
    let work = tempfile::tempdir().expect("temp");
    let original = work.path().join("original");
    build(&example_site(), &original, false);
    let exported = original.join("data/partners.csv");

    let hub = empty_hub();
    let output = import(&exported, hub.path(), &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert_checks(hub.path());

    // The CSV has no costs or access facts, so every record is a draft
    // for a volunteer to complete; built with its drafts, the hub
    // publishes what the original did.
    let again = work.path().join("again");
    build(hub.path(), &again, true);
    let before = partners_csv(&exported);
    let after = partners_csv(&again.join("data/partners.csv"));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    assert!(before.len() > 40, "{} partners", before.len());
    for (id, row) in &before {
        for (column, value) in row {
            // A description's final line break is YAML layout, not text.
            let (value, other) = (value.trim_end(), after[id][column].trim_end());
            assert_eq!(value, other, "{id}: {column}");
        }
    }
}

#[test]
fn a_messy_workbook_imports_with_a_report_of_every_row() {
    let hub = empty_hub();
    let output = import(&fixture("messy-partners.xlsx"), hub.path(), &[]);
    let summary = text(&output);
    assert!(output.status.success(), "{summary}");
    assert!(summary.contains("5 organization(s) imported"), "{summary}");
    assert!(summary.contains("headers on row 4"), "{summary}");
    assert!(summary.contains("blank row(s) skipped"), "{summary}");
    assert_checks(hub.path());

    let report = read(&hub.path().join("import-report.txt"));
    for expected in [
        // the footer under the table
        "row 16: only a name",
        // a column haven does not know
        "import them): \"Board rating\"",
        // a formula showing an error
        "row 14: \"Cost\" shows #N/A",
        // a date typed with day and month either way round
        "read month first as 2025-03-04",
        // a language nobody can look up
        "\"Klingon\" is not a language",
        // the ZIP code a spreadsheet stored as a number
        "ZIP code 7102 read as 07102",
        // hours kept when they cannot be read
        "\"call first\" could not be read as opening hours",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in\n{report}"
        );
    }

    let legal_aid = read(&hub.path().join("partners/juniper-valley-legal-aid.yaml"));
    // Rows 5 and 6 (the name merged down) and row 12 (same name, further
    // down) are one organization with three services.
    for service in [
        "id: protection-orders",
        "id: immigration-consultations",
        "id: tenant-rights-clinic",
    ] {
        assert!(legal_aid.contains(service), "{service}\n{legal_aid}");
    }
    // A phone number stored as a number, and one with an extension.
    assert!(
        legal_aid.contains("number: \"+1 505-555-0142\""),
        "{legal_aid}"
    );
    assert!(legal_aid.contains("extension: \"204\""), "{legal_aid}");
    // A date stored as a day count.
    assert!(
        legal_aid.contains("last_verified: \"2024-11-16\""),
        "{legal_aid}"
    );
    assert!(legal_aid.contains("fri: \"08:30-12:00\""), "{legal_aid}");

    let network = read(
        &hub.path()
            .join("partners/garden-state-survivor-network-national-office.yaml"),
    );
    // The value a formula shows.
    assert!(network.contains("973-555-0150"), "{network}");
    assert!(network.contains("postal_code: \"07102\""), "{network}");
    // "Healing & Cultural Services" is the hub's label.
    assert!(network.contains("[healing_cultural_services]"), "{network}");
}

#[test]
fn a_shelters_address_contacts_and_notes_stay_out_of_the_site() {
    let hub = empty_hub();
    let output = import(&fixture("messy-partners.xlsx"), hub.path(), &[]);
    assert!(output.status.success(), "{}", text(&output));
    let shelter = read(&hub.path().join("partners/sunrise-safe-house.yaml"));
    assert!(shelter.contains("visibility: confidential"), "{shelter}");
    assert!(shelter.contains("published: false"), "{shelter}");
    let private = read(&hub.path().join("private/sunrise-safe-house.yaml"));
    for secret in ["77 Cottonwood Lane", "Gate code 4411", "Marisol Quintero"] {
        assert!(!shelter.contains(secret), "{secret} in the public record");
        assert!(private.contains(secret), "{secret} not kept privately");
    }

    let site = tempfile::tempdir().expect("temp");
    build(hub.path(), site.path(), true);
    for (path, bytes) in read_tree(site.path()) {
        let page = String::from_utf8_lossy(&bytes);
        for secret in [
            "Cottonwood",
            "Gate code",
            "Marisol Quintero",
            "Dolores Fairweather",
            "Board chair",
        ] {
            assert!(!page.contains(secret), "{secret} published in {path}");
        }
    }
}

#[test]
fn a_spanish_sheet_saved_with_semicolons_in_windows_1252_is_read() {
    let sheet = "Nombre;Teléfono;Dirección;Ciudad;Estado;Código postal;Idiomas;Horario;Sin cita;Costo;Servicios;Categoría;Población;Fecha de verificación\r\n\
                 Casa de la Mujer;(505) 555-0160 ext. 3;12 Calle Real;Española;NM;87532;inglés y español;Lunes a viernes 9-5;Sí;Gratis;Asesoría legal;Servicios legales;Sobrevivientes de violencia doméstica;15/10/2026\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(sheet);
    assert!(!unmappable);
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("socios.csv");
    fs::write(&path, &bytes).expect("write");

    let hub = empty_hub();
    let output = import(&path, hub.path(), &[]);
    let summary = text(&output);
    assert!(output.status.success(), "{summary}");
    assert!(summary.contains("Windows-1252"), "{summary}");
    assert!(summary.contains("separated by \";\""), "{summary}");
    assert_checks(hub.path());
    let record = read(&hub.path().join("partners/casa-de-la-mujer.yaml"));
    for expected in [
        "city: Española",
        "number: \"(505) 555-0160\"",
        "extension: \"3\"",
        "languages: [en, es]",
        "mon: \"09:00-17:00\"",
        "walk_in: true",
        "cost: free",
        "categories: [legal_services]",
        "populations: [ipv_survivors]",
        "last_verified: \"2026-10-15\"",
    ] {
        assert!(
            record.contains(expected),
            "missing {expected:?} in\n{record}"
        );
    }
}

#[test]
fn an_existing_partner_file_is_replaced_only_with_force() {
    let hub = empty_hub();
    let sheet = hub.path().join("list.csv");
    fs::write(
        &sheet,
        "name,phone,services\nCasa Luz,505-555-0170,Counseling\n",
    )
    .expect("write");
    let target = hub.path().join("partners/casa-luz.yaml");
    fs::write(&target, "hand-edited\n").expect("write");

    let output = import(&sheet, hub.path(), &[]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("use --force to replace it"));
    assert_eq!(read(&target), "hand-edited\n");

    let output = import(&sheet, hub.path(), &["--force"]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(read(&target).contains("name: Casa Luz"));
}

#[test]
fn the_template_names_every_column_and_its_example_row_is_never_imported() {
    let hub = empty_hub();
    let template = hub.path().join("partners-template.csv");
    let output = haven()
        .args(["import", "sheet", "--template", "--into"])
        .arg(hub.path())
        .arg(&template)
        .output()
        .expect("haven runs");
    assert!(output.status.success(), "{}", text(&output));
    let written = read(&template);
    let header = written
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches('\u{feff}');
    assert_eq!(header, haven::import::sheet::TEMPLATE_COLUMNS.join(","));
    // Every column of /data/partners.csv a volunteer edits is there.
    for column in haven::pipeline::export::spreadsheet::COLUMNS {
        if !["page", "hsds_id", "locations"].contains(&column) {
            assert!(header.split(',').any(|c| c == column), "{column}");
        }
    }

    // As written, the example row is reported and not imported.
    let output = import(&template, hub.path(), &[]);
    assert!(
        text(&output).contains("the template's example row"),
        "{}",
        text(&output)
    );
    assert_eq!(
        fs::read_dir(hub.path().join("partners"))
            .expect("dir")
            .count(),
        0
    );

    // Filled in (the example renamed), it imports as a complete record.
    fs::write(
        &template,
        written.replace(
            "Example Family Resource Center (delete this row)",
            "Casa Sol",
        ),
    )
    .expect("write");
    let output = import(&template, hub.path(), &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert_checks(hub.path());
    let record = read(
        &hub.path()
            .join("partners/example-family-resource-center.yaml"),
    );
    assert!(record.contains("name: Casa Sol"), "{record}");
    // Nothing in the example is a guess, so nothing waits for review but
    // the access facts the template leaves out.
    assert!(!record.contains("guessed"), "{record}");
    let private = read(
        &hub.path()
            .join("private/example-family-resource-center.yaml"),
    );
    assert!(private.contains("Pat Example"), "{private}");

    // Written again, the template is not replaced without --force.
    let output = haven()
        .args(["import", "sheet", "--template"])
        .arg(&template)
        .output()
        .expect("haven runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output).contains("pass --force to replace it"));
}

#[test]
fn a_mapping_file_names_other_headers_and_private_columns() {
    let hub = empty_hub();
    let sheet = hub.path().join("list.csv");
    fs::write(
        &sheet,
        "Who,Main #,What we do,Whisper line,Rating\n\
         Casa Luz,505-555-0170,Counseling,Ask for Ana after 6,5\n",
    )
    .expect("write");
    let map = hub.path().join("map.yaml");
    fs::write(
        &map,
        "columns:\n  Who: name\n  \"Main #\": phone\n  What we do: services\n  Whisper line: private\n  Rating: ignore\n",
    )
    .expect("write");
    let output = import(&sheet, hub.path(), &["--map", map.to_str().expect("utf-8")]);
    assert!(output.status.success(), "{}", text(&output));
    let record = read(&hub.path().join("partners/casa-luz.yaml"));
    assert!(record.contains("number: \"505-555-0170\""), "{record}");
    assert!(!record.contains("Ana"), "{record}");
    let private = read(&hub.path().join("private/casa-luz.yaml"));
    assert!(
        private.contains("Whisper line (row 2): Ask for Ana after 6"),
        "{private}"
    );

    fs::write(&map, "columns:\n  Who: nombre_completo\n").expect("write");
    let output = import(
        &sheet,
        hub.path(),
        &["--map", map.to_str().expect("utf-8"), "--force"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output).contains("\"nombre_completo\", which is not a field"),
        "{}",
        text(&output)
    );
}

#[test]
fn a_sheet_without_a_name_column_is_refused_with_the_fix() {
    let hub = empty_hub();
    let sheet = hub.path().join("list.csv");
    fs::write(&sheet, "City,Phone\nTaos,505-555-0170\n").expect("write");
    let output = import(&sheet, hub.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let message = text(&output);
    assert!(message.contains("list.csv"), "{message}");
    assert!(
        message.contains("no column holds the organization's name"),
        "{message}"
    );
    assert_eq!(
        fs::read_dir(hub.path().join("partners"))
            .expect("dir")
            .count(),
        0
    );
}

#[test]
fn another_sheet_of_a_workbook_is_read_by_name() {
    let hub = empty_hub();
    let output = import(
        &fixture("messy-partners.xlsx"),
        hub.path(),
        &["--sheet", "Old list"],
    );
    assert!(output.status.success(), "{}", text(&output));
    assert!(hub.path().join("partners/closed-agency.yaml").is_file());

    let output = import(
        &fixture("messy-partners.xlsx"),
        hub.path(),
        &["--sheet", "Nope"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output).contains("its sheets are \"Partners 2025\", \"Old list\""),
        "{}",
        text(&output)
    );
}

#[test]
fn an_opendocument_sheet_from_libreoffice_is_read() {
    let hub = empty_hub();
    let output = import(&fixture("socios.ods"), hub.path(), &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert_checks(hub.path());
    let centro = read(
        &hub.path()
            .join("partners/centro-comunitario-la-esperanza.yaml"),
    );
    // A date cell, a number cell holding a phone number and a ZIP code.
    assert!(centro.contains("last_verified: \"2026-09-30\""), "{centro}");
    assert!(centro.contains("number: \"+1 505-555-0181\""), "{centro}");
    assert!(centro.contains("postal_code: \"87532\""), "{centro}");
    assert!(centro.contains("languages: [es, en]"), "{centro}");
    assert!(!centro.contains("directora"), "{centro}");
    // A formula's value.
    let red = read(&hub.path().join("partners/red-de-apoyo-familiar.yaml"));
    assert!(red.contains("number: \"505-555-0182\""), "{red}");
    assert!(red.contains("hours: \"24/7\""), "{red}");
}

/// A real directory export (Seattle's Emerald City Resource Guide; see
/// tests/fixtures/sheets/SOURCES.md): one address cell, labelled phones
/// with extensions, "Confidential Location", schedules in prose.
#[test]
fn a_real_directory_export_imports_without_publishing_a_hidden_place() {
    let hub = empty_hub();
    let output = import(&fixture("real-resources.csv"), hub.path(), &[]);
    let summary = text(&output);
    assert!(output.status.success(), "{summary}");
    assert!(summary.contains("25 organization(s) imported"), "{summary}");
    assert!(summary.contains("\"gender\", \"kids\""), "{summary}");
    assert_checks(hub.path());

    let mission = read(
        &hub.path()
            .join("partners/seattle-s-union-gospel-mission-second-ave.yaml"),
    );
    assert!(mission.contains("label: Spanish"), "{mission}");
    assert!(mission.contains("extension: \"473\""), "{mission}");
    assert!(mission.contains("record_id: \"43\""), "{mission}");

    let lifewire = read(&hub.path().join("partners/lifewire.yaml"));
    assert!(lifewire.contains("visibility: confidential"), "{lifewire}");
    assert!(lifewire.contains("hours: \"24/7\""), "{lifewire}");

    let ywca = read(
        &hub.path()
            .join("partners/ywca-domestic-violence-support.yaml"),
    );
    assert!(ywca.contains("name: Meetings"), "{ywca}");
    assert!(!ywca.contains("visibility: public"), "{ywca}");

    let report = read(&hub.path().join("import-report.txt"));
    assert!(
        report.contains("\"Visit in person\" in \"phone_number\" is not a number"),
        "{report}"
    );
    assert!(
        report.contains("has no city, state or ZIP code"),
        "{report}"
    );
}

#[test]
fn a_phone_extension_survives_the_sites_spreadsheet() {
    let first = empty_hub();
    let sheet = first.path().join("list.csv");
    fs::write(
        &sheet,
        "name,phone,services,last verified\nCasa Luz,(505) 555-0143 x204,Counseling,2026-11-01\n",
    )
    .expect("write");
    let output = import(&sheet, first.path(), &[]);
    assert!(output.status.success(), "{}", text(&output));
    let site = tempfile::tempdir().expect("temp");
    build(first.path(), site.path(), true);
    let exported = site.path().join("data/partners.csv");
    assert!(
        read(&exported).contains("Phone: (505) 555-0143 ext. 204"),
        "{}",
        read(&exported)
    );

    let second = empty_hub();
    let output = import(&exported, second.path(), &[]);
    assert!(output.status.success(), "{}", text(&output));
    let record = read(&second.path().join("partners/casa-luz.yaml"));
    assert!(record.contains("number: \"(505) 555-0143\""), "{record}");
    assert!(record.contains("extension: \"204\""), "{record}");
}

#[test]
fn a_service_offered_at_two_offices_is_one_service_at_both() {
    let hub = empty_hub();
    let sheet = hub.path().join("list.csv");
    fs::write(
        &sheet,
        "Agency,Program,Address,City,State,Zip,Phone\n\
         Casa Luz,Counseling,1 Main St,Taos,NM,87571,505-555-0170\n\
         Casa Luz,Counseling,2 Plaza Rd,Española,NM,87532,505-555-0171\n",
    )
    .expect("write");
    let output = import(&sheet, hub.path(), &[]);
    assert!(output.status.success(), "{}", text(&output));
    let record = read(&hub.path().join("partners/casa-luz.yaml"));
    assert_eq!(record.matches("  - id: counseling").count(), 1, "{record}");
    assert!(
        record.contains("locations: [location-1, location-2]"),
        "{record}"
    );
    assert!(record.contains("phones: [phone-1, phone-2]"), "{record}");
    assert_checks(hub.path());
}

#[test]
fn a_state_written_by_name_in_its_column_or_the_address_becomes_its_code() {
    let sheet = "Name,Phone,Address,City,State,ZIP,Services,Category\n\
                 Casa Uno,(505) 555-0161,12 Calle Real,Española,Nuevo México,87532,Legal advice,Legal Services\n\
                 Casa Dos,(505) 555-0162,\"400 Gold Ave SW, Albuquerque, New Mexico 87102\",,,,Legal advice,Legal Services\n";
    let hub = imported_csv(sheet);
    for (id, city) in [("casa-uno", "Española"), ("casa-dos", "Albuquerque")] {
        let record = read(&hub.path().join(format!("partners/{id}.yaml")));
        for expected in [format!("city: {city}"), "state: NM".to_string()] {
            assert!(
                record.contains(&expected),
                "missing {expected:?} in\n{record}"
            );
        }
    }
}

#[test]
fn a_post_office_box_in_a_sheet_becomes_a_mailing_address() {
    let sheet = "Name,Phone,Address,Services,Category\n\
                 Casa Tres,(505) 555-0163,\"P.O. Box 12, Albuquerque, NM 87102\",Legal advice,Legal Services\n";
    let hub = imported_csv(sheet);
    let record = read(&hub.path().join("partners/casa-tres.yaml"));
    assert!(record.contains("type: mailing"), "{record}");
    assert!(record.contains("is a post office box"), "{record}");
    assert!(!record.contains("visibility: public"), "{record}");
}

/// A hub with `sheet`, a CSV text, imported into it; its records pass
/// `haven check`.
fn imported_csv(sheet: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("partners.csv");
    fs::write(&path, sheet).expect("write");
    let hub = empty_hub();
    let output = import(&path, hub.path(), &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert_checks(hub.path());
    hub
}
