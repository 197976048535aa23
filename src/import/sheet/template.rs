//! `haven import sheet FILE --template`: an empty sheet with every
//! recognised column and one example row, as CSV (any spreadsheet opens
//! it; save it as .xlsx or .ods if you prefer).

use std::path::Path;

use crate::hub::taxonomy::{Kind, Taxonomies};

/// The example row's name: a row with it is never imported.
pub(super) const EXAMPLE_NAME: &str = "Example Family Resource Center (delete this row)";

/// The template's columns: those of `/data/partners.csv` a volunteer
/// edits, then the address and service details, then private columns.
pub const TEMPLATE_COLUMNS: [&str; 33] = [
    "id",
    "name",
    "status",
    "summary",
    "description",
    "partner_types",
    "focus_issues",
    "services",
    "service_description",
    "service_areas",
    "populations",
    "languages",
    "phones",
    "website",
    "email",
    "address",
    "address_2",
    "city",
    "county",
    "state",
    "zip",
    "confidential_address",
    "counties",
    "coverage",
    "hours",
    "eligibility",
    "cost",
    "walk_in",
    "id_required",
    "police_report_required",
    "last_verified",
    "notes",
    "contact",
];

/// The example row, cell by cell, with the hub's own labels.
fn example(taxonomies: &Taxonomies) -> [String; 33] {
    let label = |kind: Kind, code: &str| taxonomies.label(kind, code, "en").to_string();
    [
        "example-family-resource-center".into(),
        EXAMPLE_NAME.into(),
        "active".into(),
        "Counseling and legal advocacy for survivors and their families.".into(),
        "A community center offering free counseling and help with protection orders, in English and Spanish.".into(),
        label(Kind::PartnerTypes, "parallel_advocacy"),
        label(Kind::FocusIssues, "intimate_partner_violence"),
        "Counseling".into(),
        "Free, confidential counseling for adults and teens.".into(),
        label(Kind::ServiceAreas, "health_care"),
        label(Kind::Populations, "ipv_survivors"),
        "English, Spanish".into(),
        "Main office: (505) 555-0100 ext. 12; Hotline: +1 505-555-0199".into(),
        "https://example.org".into(),
        "help@example.org".into(),
        "100 Main Street".into(),
        "Suite 2".into(),
        "Springfield".into(),
        "Juniper County".into(),
        "NM".into(),
        "87042".into(),
        "no".into(),
        "Juniper County".into(),
        "local".into(),
        "Mon-Fri 9am-5pm; Sat 10am-2pm".into(),
        "Adults and teens 13 and older".into(),
        "Free".into(),
        "yes".into(),
        "no".into(),
        "no".into(),
        "2026-01-15".into(),
        "Private: never published. Director prefers email.".into(),
        "Pat Example".into(),
    ]
}

pub fn write_template(path: &Path, taxonomies: &Taxonomies) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(TEMPLATE_COLUMNS)?;
    writer.write_record(example(taxonomies))?;
    let bytes = writer
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    // A byte order mark, so Excel reads the accents as UTF-8.
    let mut out = "\u{feff}".as_bytes().to_vec();
    out.extend(bytes);
    std::fs::write(path, out)
}
