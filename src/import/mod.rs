//! `haven import hsds DIR`: partner records from an Open Referral HSDS
//! tabular data package (3.0, and the 1.1/2.0 layouts), and `haven
//! import sheet FILE` from a coalition's spreadsheet: one file per
//! organization, with a report of every step that lost or guessed
//! something (docs/data.md).

pub mod airs;
mod hours;
pub mod junk;
mod mapper;
pub mod package;
pub mod partner;
mod phones;
mod places;
mod services;
pub mod sheet;
mod text;
pub mod yaml_out;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::hsds::objects as hsds;
use crate::hub::config::HubConfig;
use crate::hub::date::Date;
use crate::hub::taxonomy::Taxonomies;

pub use mapper::Loss;
pub use package::ReadError;

/// What to import, and where.
pub struct ImportPlan {
    pub source: PathBuf,
    /// The hub folder (with hub.yaml).
    pub hub: PathBuf,
    /// Replace partner files that exist.
    pub force: bool,
    pub today: Date,
}

/// What one organization became.
pub struct Imported {
    /// `partners/<id>.yaml`, relative to the hub.
    pub path: PathBuf,
    /// Where the organization came from (`organizations.csv:4`).
    pub from: String,
    pub losses: Vec<Loss>,
    /// Written `published: false`: a volunteer must review it first.
    pub unpublished: bool,
    /// Not written: the file exists and `--force` was not given.
    pub skipped: bool,
    /// `private/<id>.yaml`, when the organization had named contacts.
    pub private: Option<PathBuf>,
}

pub struct ImportReport {
    /// What was read: "an HSDS 3.0 data package", "the spreadsheet
    /// partners.xlsx".
    pub read: String,
    /// How it was read (encoding, header row).
    pub notes: Vec<String>,
    /// A spreadsheet's columns and the field each was read as, for the
    /// full report.
    pub columns: Vec<String>,
    pub partners: Vec<Imported>,
    /// CSV files of the package that were not read (no HSDS table, or a
    /// table partner records have no place for).
    pub ignored: Vec<String>,
    /// Why they were not read, for the summary.
    pub ignored_why: &'static str,
    /// Rows not imported, with the reason: an organization without a
    /// service, or a row whose organization or service is not in the
    /// package ("services.csv:12: organization \"org-9\" is not in
    /// organizations.csv").
    pub not_imported: Vec<String>,
    /// Junk taken out of cells, one line per kind.
    pub cleaned: Vec<String>,
}

#[derive(Debug)]
pub enum ImportError {
    Read(ReadError),
    NoHub(PathBuf),
    Hub(crate::diagnostics::Diagnostic),
    Write(PathBuf, std::io::Error),
    /// A spreadsheet, or its mapping file, that cannot be read.
    Sheet(String),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Read(error) => write!(f, "{error}"),
            ImportError::NoHub(path) => write!(
                f,
                "no hub.yaml in {}; pass --into HUB, or start a hub with `haven init DIR`",
                path.display()
            ),
            ImportError::Hub(diagnostic) => write!(f, "{}", diagnostic.message),
            ImportError::Write(path, error) => write!(f, "{}: {error}", path.display()),
            ImportError::Sheet(message) => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// The tables partner records have no place for, reported when present.
const UNMAPPED_TABLES: [&str; 4] = [
    "metadata",
    "meta_table_descriptions",
    "payments_accepted",
    "programs",
];

/// The hub's settings and taxonomies, which an import maps into.
pub(crate) fn open_hub(hub: &Path) -> Result<(HubConfig, Taxonomies), ImportError> {
    let config_text = fs::read_to_string(hub.join("hub.yaml"))
        .map_err(|_| ImportError::NoHub(hub.to_path_buf()))?;
    let config: HubConfig = crate::hub::yaml::parse(&config_text, Path::new("hub.yaml"), 0)
        .map_err(ImportError::Hub)?;
    let taxonomies = match fs::read_to_string(hub.join("taxonomies.yaml")) {
        Ok(text) => Taxonomies::with_hub_file(&text, Path::new("taxonomies.yaml"))
            .map_err(ImportError::Hub)?,
        Err(_) => Taxonomies::builtin(),
    };
    Ok((config, taxonomies))
}

/// Where one partner went.
pub(crate) struct Written {
    pub path: PathBuf,
    pub skipped: bool,
    pub private: Option<PathBuf>,
}

/// Writes `partners/<id>.yaml` and, with `internal`, `private/<id>.yaml`;
/// neither when one exists and `force` is not given.
pub(crate) fn put_partner(
    hub: &Path,
    force: bool,
    id: &str,
    record: &str,
    internal: Option<yaml_out::Node>,
) -> Result<Written, ImportError> {
    let relative = PathBuf::from("partners").join(format!("{id}.yaml"));
    let private_relative = PathBuf::from("private").join(format!("{id}.yaml"));
    // Something is there, even a link that leads nowhere.
    let present = |path: &Path| fs::symlink_metadata(path).is_ok();
    let existing = present(&hub.join(&relative))
        || (internal.is_some() && present(&hub.join(&private_relative)));
    let skipped = existing && !force;
    let mut private = None;
    if !skipped {
        write(hub, &relative, record)?;
        if let Some(internal) = internal {
            let overlay = yaml_out::map([("internal", Some(internal))]);
            let header = [
                "Internal: never published. Keep this folder out of a public repository."
                    .to_string(),
            ];
            write(
                hub,
                &private_relative,
                &yaml_out::document(&header, &overlay),
            )?;
            private = Some(private_relative);
        }
    }
    Ok(Written {
        path: relative,
        skipped,
        private,
    })
}

pub fn import_hsds(plan: &ImportPlan) -> Result<ImportReport, ImportError> {
    let (config, taxonomies) = open_hub(&plan.hub)?;
    let package = package::read(&plan.source).map_err(ImportError::Read)?;
    let hub = mapper::Hub {
        taxonomies: &taxonomies,
        default_country: &config.default_country,
        today: plan.today,
    };

    // Ids given in this import; an id that names an existing file is that
    // partner again (a re-import), written only with --force.
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut imported = Vec::new();
    let mut without_services = Vec::new();
    for org in package.rows(hsds::Organization::FILE) {
        let draft = partner::draft(org, &package, &hub, &taken);
        if !draft.has_services {
            without_services.push(format!(
                "{}: {} has no service in the package; not imported (a partner record describes at least one service)",
                org.place(),
                org.get("name").unwrap_or("the organization")
            ));
            continue;
        }
        taken.insert(draft.id.clone());
        let header = [
            format!(
                "Imported from HSDS {} ({}) on {}.",
                package.version,
                org.place(),
                plan.today
            ),
            "Check every field with the partner, then run `haven check`.".to_string(),
        ];
        let internal = (!draft.contacts.is_empty()).then(|| {
            yaml_out::map([(
                "other_contacts",
                Some(yaml_out::Node::List(draft.contacts.clone())),
            )])
        });
        let written = put_partner(
            &plan.hub,
            plan.force,
            &draft.id,
            &yaml_out::document(&header, &draft.record),
            internal,
        )?;
        imported.push(Imported {
            path: written.path,
            from: org.place(),
            losses: draft.losses,
            unpublished: draft.unpublished,
            skipped: written.skipped,
            private: written.private,
        });
    }
    let mut ignored = package.ignored.clone();
    for table in UNMAPPED_TABLES {
        if !package.rows(table).is_empty() {
            ignored.push(format!("{table}.csv"));
        }
    }
    ignored.sort();
    let mut not_imported = without_services;
    not_imported.extend(orphans(&package));
    Ok(ImportReport {
        read: format!("an HSDS {} data package", package.version),
        notes: Vec::new(),
        columns: Vec::new(),
        ignored_why: "partner records have no place for them",
        partners: imported,
        ignored,
        not_imported,
        cleaned: package.cleaned.lines(),
    })
}

/// Where the full report goes, in the hub (haven init keeps it out of git).
pub const REPORT_FILE: &str = "import-report.txt";

/// Writes the full report to [`REPORT_FILE`] in the hub; returns its path.
pub fn write_report(hub: &Path, report: &ImportReport) -> Result<PathBuf, ImportError> {
    let relative = Path::new(REPORT_FILE);
    write(hub, relative, &report.full())?;
    Ok(hub.join(relative))
}

/// Writes `relative` in `hub` as a new file: never through a symbolic
/// link (of the file or a folder on the way), and replacing an existing
/// file only by putting a new one in its place.
/// Rows that name an organization or a service the package does not have:
/// nothing reaches them, so they are reported rather than lost silently.
fn orphans(package: &package::Package) -> Vec<String> {
    let ids = |table: &str| -> std::collections::HashSet<&str> {
        package
            .rows(table)
            .iter()
            .filter_map(|row| row.get("id"))
            .collect()
    };
    let organizations = ids(hsds::Organization::FILE);
    let services = ids(hsds::Service::FILE);
    let mut orphans = Vec::new();
    for row in package.rows(hsds::Service::FILE) {
        if let Some(org) = row
            .get("organization_id")
            .filter(|o| !organizations.contains(o))
        {
            orphans.push(format!(
                "{}: organization \"{org}\" is not in organizations.csv; the service is not imported",
                row.place()
            ));
        }
    }
    for (table, rows) in &package.tables {
        if table == hsds::Service::FILE {
            continue;
        }
        for row in rows {
            if let Some(service) = row.get("service_id").filter(|s| !services.contains(s)) {
                orphans.push(format!(
                    "{}: service \"{service}\" is not in services.csv; the row is not imported",
                    row.place()
                ));
            }
        }
    }
    orphans
}

fn write(hub: &Path, relative: &Path, text: &str) -> Result<(), ImportError> {
    let path = hub.join(relative);
    let refuse = |reason: String| ImportError::Write(path.clone(), std::io::Error::other(reason));
    if let Some(problem) = crate::hub::paths::link_problem(hub, relative) {
        return Err(refuse(format!(
            "{}: {}",
            problem.path.display(),
            problem.message
        )));
    }
    if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(refuse(
            "it is a symbolic link; haven never writes through one (delete the link first)".into(),
        ));
    }
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| ImportError::Write(dir.to_path_buf(), e))?;
    }
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let temporary = path.with_file_name(format!(".{name}.haven-import-{}", std::process::id()));
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| std::io::Write::write_all(&mut file, text.as_bytes()))
        .map_err(|e| ImportError::Write(temporary.clone(), e))?;
    fs::rename(&temporary, &path).map_err(|e| {
        let _ = fs::remove_file(&temporary);
        ImportError::Write(path.clone(), e)
    })
}

impl ImportReport {
    /// What the command line prints: counts first, then the kinds of
    /// change, each with how often it happened. Every line is in
    /// [`ImportReport::full`].
    pub fn summary(&self, full_report: Option<&Path>) -> String {
        let mut out = String::new();
        let written: Vec<&Imported> = self.partners.iter().filter(|p| !p.skipped).collect();
        let drafts = written.iter().filter(|p| p.unpublished).count();
        let overlays = written.iter().filter(|p| p.private.is_some()).count();
        let skipped = self.partners.len() - written.len();
        out.push_str(&format!(
            "Read {}: {} organization(s) imported.\n",
            self.read,
            self.partners.len()
        ));
        for note in &self.notes {
            out.push_str(&format!("  ({note})\n"));
        }
        out.push_str(&format!(
            "  {} partner file(s) written, {drafts} of them published: false until reviewed\n",
            written.len()
        ));
        if overlays > 0 {
            out.push_str(&format!(
                "  {overlays} private overlay(s) written with contacts, notes or hidden addresses (never published)\n"
            ));
        }
        if skipped > 0 {
            out.push_str(&format!(
                "  {skipped} not written: the file exists (use --force to replace it)\n"
            ));
        }
        match self.not_imported.len() {
            0 => {}
            // A few are worth reading now.
            1..=10 => {
                out.push_str(&format!(
                    "  {} row(s) not imported:\n",
                    self.not_imported.len()
                ));
                for row in &self.not_imported {
                    out.push_str(&format!("    {row}\n"));
                }
            }
            many => out.push_str(&format!(
                "  {many} row(s) not imported (the full report names each, with the reason)\n"
            )),
        }
        if !self.cleaned.is_empty() {
            out.push_str("\nCleaned:\n");
            for line in &self.cleaned {
                out.push_str(&format!("  {line}\n"));
            }
        }
        let kinds = self.kinds_of_change();
        if !kinds.is_empty() {
            out.push_str("\nChanged, left out or guessed (times):\n");
            for ((field, guess), count) in kinds.iter().take(15) {
                let what = if *guess {
                    "guessed"
                } else {
                    "changed or left out"
                };
                out.push_str(&format!("  {count:>5}  {field}: {what}\n"));
            }
            if kinds.len() > 15 {
                out.push_str(&format!("  … and {} more kinds\n", kinds.len() - 15));
            }
        }
        if !self.ignored.is_empty() {
            out.push_str(&format!(
                "\nNot read ({}): {}\n",
                self.ignored_why,
                self.ignored.join(", ")
            ));
        }
        if let Some(path) = full_report {
            out.push_str(&format!(
                "\nEvery change, file by file: {}\n",
                path.display()
            ));
        }
        out.push_str("\nNext: `haven drafts` lists each record with what it still needs; check them with the partners, then `haven publish ID…`.\n");
        out
    }

    /// Kinds of change by field (`services[].categories`) and whether
    /// they were guesses, most frequent first.
    fn kinds_of_change(&self) -> Vec<((String, bool), usize)> {
        let mut counts: std::collections::BTreeMap<(String, bool), usize> = Default::default();
        for loss in self.partners.iter().flat_map(|p| &p.losses) {
            *counts
                .entry((without_keys(&loss.field), loss.guess))
                .or_default() += 1;
        }
        let mut kinds: Vec<_> = counts.into_iter().collect();
        kinds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        kinds
    }

    /// Every line: each partner file with what changed in it, and every
    /// row not imported.
    pub fn full(&self) -> String {
        let mut out = self.summary(None);
        if !self.columns.is_empty() {
            out.push_str("\nColumns read:\n");
            for column in &self.columns {
                out.push_str(&format!("  {column}\n"));
            }
        }
        for partner in &self.partners {
            let state = if partner.skipped {
                " — not written: the file exists (use --force to replace it)"
            } else if partner.unpublished {
                " — published: false until reviewed"
            } else {
                ""
            };
            out.push_str(&format!(
                "\n{} (from {}){state}\n",
                partner.path.display(),
                partner.from
            ));
            if let Some(private) = &partner.private {
                out.push_str(&format!(
                    "  {} holds its named contacts\n",
                    private.display()
                ));
            }
            for loss in &partner.losses {
                out.push_str(&format!("  {}: {}\n", loss.field, loss.what));
            }
        }
        if !self.not_imported.is_empty() {
            out.push_str(&format!(
                "\n{} row(s) not imported:\n",
                self.not_imported.len()
            ));
            for row in &self.not_imported {
                out.push_str(&format!("  {row}\n"));
            }
        }
        out
    }
}

/// `services[il-aflan].categories` → `services[].categories`.
fn without_keys(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut inside = false;
    for c in field.chars() {
        match c {
            '[' => {
                inside = true;
                out.push('[');
            }
            ']' => {
                inside = false;
                out.push(']');
            }
            _ if inside => {}
            _ => out.push(c),
        }
    }
    out
}
