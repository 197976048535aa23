//! `haven import sheet FILE`: partner records from a coalition's
//! spreadsheet (CSV, `.xlsx`, `.ods`): columns recognised by their
//! headers, rows grouped by organization, free text read as volunteers
//! write it, and every row imported or reported with its number.

mod cells;
pub mod columns;
mod kept;
mod partner;
mod phones;
mod places;
pub mod read;
mod services;
mod template;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::mapper::{Hub, Mapper};
use super::package::Package;
use super::{put_partner, ImportError, ImportReport, Imported};
use crate::hub::date::Date;
use columns::{Field, Layout, Mapping};
use partner::SheetRow;
use read::Sheet;

pub use template::{write_template, TEMPLATE_COLUMNS};

/// What to import, and where.
pub struct SheetPlan {
    pub source: PathBuf,
    pub hub: PathBuf,
    /// `--map MAP.yaml`.
    pub mapping: Option<PathBuf>,
    /// `--sheet NAME`: a workbook's sheet other than the first.
    pub sheet: Option<String>,
    pub force: bool,
    pub today: Date,
}

pub fn import_sheet(plan: &SheetPlan) -> Result<ImportReport, ImportError> {
    let (config, taxonomies) = super::open_hub(&plan.hub)?;
    let mapping = match &plan.mapping {
        Some(path) => Mapping::read(path).map_err(ImportError::Sheet)?,
        None => Mapping::default(),
    };
    let sheet = read::read(&plan.source, plan.sheet.as_deref())
        .map_err(|e| ImportError::Sheet(e.to_string()))?;
    let file = plan
        .source
        .file_name()
        .map_or_else(|| "sheet".to_string(), |n| n.to_string_lossy().into_owned());
    let layout = columns::layout(&sheet, &mapping)
        .map_err(|error| ImportError::Sheet(format!("{}: {error}", plan.source.display())))?;
    let hub = Hub {
        taxonomies: &taxonomies,
        default_country: &config.default_country,
        today: plan.today,
    };
    let grouped = group(&sheet, &layout);
    let empty = Package::default();
    let mut taken = BTreeSet::new();
    let mut partners = Vec::new();
    for rows in &grouped.organizations {
        let mut m = Mapper {
            package: &empty,
            hub: &hub,
            losses: Vec::new(),
            review: false,
        };
        for row in rows {
            for (column, cell) in &row.cells {
                if let read::Cell::Error(error) = cell {
                    m.lose(
                        column.field.name(),
                        format!(
                            "row {}: \"{}\" shows {error}; left empty (fix the formula, or type the value)",
                            row.number, column.header
                        ),
                    );
                }
            }
        }
        let draft = partner::draft(&mut m, rows, &file, &taken);
        taken.insert(draft.id.clone());
        let header = [
            format!(
                "Imported from {file} ({}) on {}.",
                partner::rows_named(rows),
                plan.today
            ),
            "Check every field with the partner, then run `haven check`.".to_string(),
        ];
        let written = put_partner(
            &plan.hub,
            plan.force,
            &draft.id,
            &super::yaml_out::document(&header, &draft.record),
            draft.internal,
        )?;
        partners.push(Imported {
            path: written.path,
            from: format!("{file} {}", partner::rows_named(rows)),
            losses: m.losses,
            unpublished: draft.unpublished,
            skipped: written.skipped,
            private: written.private,
        });
    }
    let mut notes = sheet.notes.clone();
    let private: Vec<String> = layout
        .columns
        .iter()
        .filter(|c| c.field.is_private())
        .map(|c| format!("\"{}\"", c.header))
        .collect();
    notes.push(format!(
        "headers on row {}: {} column(s) read{}",
        layout.header_row,
        layout.columns.len(),
        if private.is_empty() {
            String::new()
        } else {
            format!("; private, never published: {}", private.join(", "))
        }
    ));
    let columns = layout
        .columns
        .iter()
        .map(|c| format!("\"{}\" → {}", c.header, c.field.name()))
        .collect();
    if grouped.blank > 0 {
        notes.push(format!("{} blank row(s) skipped", grouped.blank));
    }
    Ok(ImportReport {
        read: format!("the spreadsheet {file}"),
        partners,
        ignored: layout
            .unknown
            .iter()
            .map(|header| format!("\"{header}\""))
            .collect(),
        ignored_why: "columns haven does not know; name them in a mapping file (--map MAP.yaml) to import them",
        not_imported: grouped.not_imported,
        cleaned: Vec::new(),
        notes,
        columns,
    })
}

/// The sheet's rows below the headers, grouped by organization.
struct Grouped<'a> {
    organizations: Vec<Vec<SheetRow<'a>>>,
    not_imported: Vec<String>,
    blank: usize,
}

/// Groups rows by id, else by name. A row without a name that names a
/// service continues the organization above it: the name was a cell
/// merged down over its services.
fn group<'a>(sheet: &'a Sheet, layout: &'a Layout) -> Grouped<'a> {
    let mut grouped = Grouped {
        organizations: Vec::new(),
        not_imported: Vec::new(),
        blank: 0,
    };
    let mut keys: std::collections::HashMap<String, usize> = Default::default();
    let mut last: Option<usize> = None;
    for (number, cells) in sheet.rows.iter().skip(layout.header_at + 1) {
        let row = SheetRow {
            number: *number,
            cells: layout
                .columns
                .iter()
                .filter_map(|column| cells.get(column.index).map(|cell| (column, cell)))
                .collect(),
        };
        if row
            .cells
            .iter()
            .all(|(_, cell)| cell.is_empty() || matches!(cell, read::Cell::Error(_)))
        {
            grouped.blank += 1;
            continue;
        }
        let name = row.first(Field::Name);
        if name.as_deref() == Some(template::EXAMPLE_NAME) {
            grouped.not_imported.push(format!(
                "row {number}: the template's example row; not imported (delete it)"
            ));
            continue;
        }
        let filled = row
            .cells
            .iter()
            .filter(|(_, cell)| !cell.is_empty())
            .count();
        if name.is_some() && filled == 1 && layout.columns.len() > 2 {
            grouped.not_imported.push(format!(
                "row {number}: only a name, \"{}\"; not imported (a heading or a note under the table?)",
                name.unwrap_or_default()
            ));
            continue;
        }
        let key = match (row.first(Field::Id), row.first(Field::SourceId), &name) {
            (Some(id), _, _) => Some(format!("id:{id}")),
            (None, Some(id), _) => Some(format!("source:{id}")),
            (None, None, Some(name)) => Some(format!("name:{}", columns::header_key(name))),
            (None, None, None) => None,
        };
        match (key, last) {
            (Some(key), _) => {
                let next = grouped.organizations.len();
                let at = *keys.entry(key).or_insert(next);
                if at == next {
                    grouped.organizations.push(Vec::new());
                }
                grouped.organizations[at].push(row);
                last = Some(at);
            }
            (None, Some(at)) if row.first(Field::Services).is_some() => {
                grouped.organizations[at].push(row);
            }
            (None, _) => grouped.not_imported.push(format!(
                "row {number}: no organization name; not imported (it has {})",
                row.cells
                    .iter()
                    .filter(|(_, cell)| !cell.is_empty())
                    .map(|(column, _)| format!("\"{}\"", column.header))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
    grouped
}

/// `--template FILE`: refuses to replace a file without `force`. With a
/// hub, the example row uses its labels.
pub fn template_file(path: &Path, hub: &Path, force: bool) -> Result<(), ImportError> {
    if path.exists() && !force {
        return Err(ImportError::Sheet(format!(
            "{} exists; pass --force to replace it",
            path.display()
        )));
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    if !extension.eq_ignore_ascii_case("csv") {
        return Err(ImportError::Sheet(format!(
            "{}: the template is written as CSV; name it something.csv (open it in your spreadsheet and save it as .xlsx or .ods if you like)",
            path.display()
        )));
    }
    let taxonomies = match super::open_hub(hub) {
        Ok((_, taxonomies)) => taxonomies,
        Err(_) => crate::hub::taxonomy::Taxonomies::builtin(),
    };
    write_template(path, &taxonomies).map_err(|e| ImportError::Write(path.to_path_buf(), e))
}
