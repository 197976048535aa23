//! Reading an HSDS tabular data package (a folder of CSV files, with or
//! without `datapackage.json`) into rows under HSDS 3.0's table and
//! column names, whatever the version it was written in: 1.1 and 2.0
//! names are translated here so the mapping sees one layout.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::junk::{clean, Cleaned};

/// One CSV row: column → value (empty cells left out), and where it came
/// from for the report.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub fields: BTreeMap<String, String>,
    pub file: String,
    /// The spreadsheet row (the header is row 1).
    pub line: u64,
}

impl Row {
    pub fn get(&self, column: &str) -> Option<&str> {
        self.fields.get(column).map(String::as_str)
    }

    /// `file:line`, for the report.
    pub fn place(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

#[derive(Debug, Default)]
pub struct Package {
    /// `3.0`, `2.0` or `1.1`.
    pub version: String,
    pub tables: BTreeMap<String, Vec<Row>>,
    /// Files that are not HSDS tables.
    pub ignored: Vec<String>,
    /// Junk taken out of cells as they were read.
    pub cleaned: Cleaned,
    /// Row positions by (table, column) and value, made the first time a
    /// table is looked up by that column: an import reads each table once
    /// however many organizations it has.
    index: Mutex<HashMap<(String, String), Positions>>,
}

/// Row positions of one table by the value of one column.
type Positions = HashMap<String, Vec<usize>>;

impl Package {
    pub fn rows(&self, table: &str) -> &[Row] {
        self.tables.get(table).map_or(&[], Vec::as_slice)
    }

    /// The rows of `table` whose `column` is `value`, in file order.
    pub fn rows_where(&self, table: &str, column: &str, value: &str) -> Vec<&Row> {
        let rows = self.rows(table);
        self.positions_where(table, column, value)
            .into_iter()
            .map(|at| &rows[at])
            .collect()
    }

    /// Where in `table` the rows whose `column` is `value` are.
    pub fn positions_where(&self, table: &str, column: &str, value: &str) -> Vec<usize> {
        let rows = self.rows(table);
        let mut index = self.index.lock().unwrap_or_else(PoisonError::into_inner);
        let by_value = index
            .entry((table.to_string(), column.to_string()))
            .or_insert_with(|| {
                let mut by_value = Positions::new();
                for (position, row) in rows.iter().enumerate() {
                    if let Some(found) = row.get(column) {
                        by_value
                            .entry(found.to_string())
                            .or_default()
                            .push(position);
                    }
                }
                by_value
            });
        by_value.get(value).cloned().unwrap_or_default()
    }
}

#[derive(Debug)]
pub enum ReadError {
    NotAFolder(PathBuf),
    NoTables(PathBuf),
    Io(PathBuf, std::io::Error),
    Csv(PathBuf, String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotAFolder(path) => write!(
                f,
                "{}: not a folder; give the folder of the data package's CSV files",
                path.display()
            ),
            ReadError::NoTables(path) => write!(
                f,
                "{}: no organizations.csv; this is not an HSDS tabular data package",
                path.display()
            ),
            ReadError::Io(path, error) => write!(f, "{}: {error}", path.display()),
            ReadError::Csv(path, error) => write!(
                f,
                "{}: {error}; save it as UTF-8 CSV with a header row",
                path.display()
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads the CSV files of the package in `dir`: those its
/// `datapackage.json` lists (`data/organizations.csv`), or else every CSV
/// of the folder.
pub fn read(dir: &Path) -> Result<Package, ReadError> {
    if !dir.is_dir() {
        return Err(ReadError::NotAFolder(dir.to_path_buf()));
    }
    let descriptor = fs::read_to_string(dir.join("datapackage.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok());
    let listed = descriptor
        .as_ref()
        .map(|d| listed_files(dir, d))
        .unwrap_or_default();
    let mut files: Vec<PathBuf> = if listed.is_empty() {
        let mut found = csv_files(dir)?;
        // Packages often keep their tables in data/ beside the descriptor.
        if !found.iter().any(|path| stem(path) == "organizations") && dir.join("data").is_dir() {
            found = csv_files(&dir.join("data"))?;
        }
        found
    } else {
        listed
    };
    files.sort();
    let mut raw: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    let mut cleaned = Cleaned::default();
    for path in &files {
        raw.insert(stem(path), read_csv(path, &mut cleaned)?);
    }
    if !raw.contains_key("organizations") {
        return Err(ReadError::NoTables(dir.to_path_buf()));
    }
    let declared = descriptor
        .as_ref()
        .and_then(|package| package["version"].as_str().map(str::to_string));
    let version = version(declared.as_deref(), &raw);
    let mut package = normalize(version, raw);
    package.cleaned = cleaned;
    Ok(package)
}

/// The table a CSV file holds, by its name: `organizations`.
fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn csv_files(dir: &Path) -> Result<Vec<PathBuf>, ReadError> {
    Ok(fs::read_dir(dir)
        .map_err(|e| ReadError::Io(dir.to_path_buf(), e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        })
        .collect())
}

/// The CSV files a data package descriptor lists (`resources[].path`, a
/// path or a list of paths relative to the package), that exist and stay
/// inside the package folder.
fn listed_files(dir: &Path, descriptor: &serde_json::Value) -> Vec<PathBuf> {
    let paths = descriptor["resources"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|resource| match &resource["path"] {
            serde_json::Value::String(path) => vec![path.clone()],
            serde_json::Value::Array(paths) => paths
                .iter()
                .filter_map(|p| p.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        });
    paths
        .filter(|path| {
            let inside = Path::new(path).components().all(|c| {
                matches!(
                    c,
                    std::path::Component::Normal(_) | std::path::Component::CurDir
                )
            });
            inside && path.to_ascii_lowercase().ends_with(".csv")
        })
        .filter_map(|path| {
            // A descriptor written for the tables' own folder (`data/`).
            [dir.join(&path), dir.join("data").join(&path)]
                .into_iter()
                .find(|candidate| candidate.is_file())
        })
        .collect()
}

fn read_csv(path: &Path, cleaned: &mut Cleaned) -> Result<Vec<Row>, ReadError> {
    let bytes = fs::read(path).map_err(|e| ReadError::Io(path.to_path_buf(), e))?;
    // A spreadsheet's byte-order mark is not part of the first column's name.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ReadError::Csv(path.to_path_buf(), e.to_string()))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ReadError::Csv(path.to_path_buf(), e.to_string()))?;
        // The row a spreadsheet shows: the header is row 1.
        let line = index as u64 + 2;
        let mut fields = BTreeMap::new();
        for (header, value) in headers.iter().zip(record.iter()) {
            let place = || format!("{file}:{line} {header}");
            if let Some(value) = clean(value, cleaned, &place) {
                fields.insert(header.clone(), value.into_owned());
            }
        }
        rows.push(Row {
            fields,
            file: file.clone(),
            line,
        });
    }
    Ok(rows)
}

/// The version the file names show where they are particular to one
/// (a descriptor copied from an older package may be stale), else the one
/// declared, else 1.1.
fn version(declared: Option<&str>, raw: &BTreeMap<String, Vec<Row>>) -> &'static str {
    let declared = match declared.map(|v| v.trim_start_matches('v')) {
        Some(v) if v.starts_with('3') => Some("3.0"),
        Some(v) if v.starts_with('2') => Some("2.0"),
        Some(v) if v.starts_with('1') => Some("1.1"),
        _ => None,
    };
    // A table with no rows (a header an exporter writes for every table
    // of its own version, whatever it holds) shows nothing.
    let has = |table: &str| raw.get(table).is_some_and(|rows| !rows.is_empty());
    if has("attributes") || has("addresses") {
        return "3.0";
    }
    if has("service_attributes") {
        return "2.0";
    }
    if has("regular_schedules") {
        return "1.1";
    }
    // schedules.csv is in 2.0 and 3.0 alike.
    if has("schedules") {
        return if declared == Some("3.0") {
            "3.0"
        } else {
            "2.0"
        };
    }
    declared.unwrap_or("1.1")
}

const WEEKDAYS: [(&str, &str); 7] = [
    ("monday", "MO"),
    ("tuesday", "TU"),
    ("wednesday", "WE"),
    ("thursday", "TH"),
    ("friday", "FR"),
    ("saturday", "SA"),
    ("sunday", "SU"),
];

/// A 1.1 `weekday` (ISO number, 1 = Monday, or a day name) as an iCal day.
fn weekday(value: &str) -> Option<&'static str> {
    if let Ok(number) = value.parse::<usize>() {
        return WEEKDAYS.get(number.checked_sub(1)?).map(|(_, code)| *code);
    }
    let lower = value.to_ascii_lowercase();
    WEEKDAYS
        .iter()
        .find(|(name, code)| {
            name.starts_with(&lower[..lower.len().min(3)]) || code.eq_ignore_ascii_case(&lower)
        })
        .map(|(_, code)| *code)
}

/// Renames a column in every row.
fn rename(rows: &mut [Row], from: &str, to: &str) {
    for row in rows {
        if let Some(value) = row.fields.remove(from) {
            row.fields.entry(to.to_string()).or_insert(value);
        }
    }
}

fn normalize(version: &'static str, mut raw: BTreeMap<String, Vec<Row>>) -> Package {
    let mut tables: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    let mut take = |raw: &mut BTreeMap<String, Vec<Row>>, from: &str, to: &str| {
        if let Some(rows) = raw.remove(from) {
            tables.entry(to.to_string()).or_default().extend(rows);
        }
    };
    for same in [
        "organizations",
        "services",
        "locations",
        "phones",
        "languages",
        "service_areas",
        "required_documents",
        "contacts",
        "funding",
        "programs",
        "metadata",
        "cost_options",
        "organization_identifiers",
        "taxonomies",
        "eligibility",
        "payments_accepted",
        "holiday_schedules",
        "meta_table_descriptions",
        "accessibility",
        "attributes",
        "addresses",
        "schedules",
        "taxonomy_terms",
        "service_at_location",
    ] {
        take(&mut raw, same, same);
    }
    take(&mut raw, "services_at_location", "service_at_location");
    take(&mut raw, "eligibilities", "eligibility");
    take(&mut raw, "accessibility_for_disabilities", "accessibility");
    take(&mut raw, "regular_schedules", "schedules");
    take(&mut raw, "taxonomy", "taxonomy_terms");
    take(&mut raw, "services_taxonomy", "service_taxonomy");
    take(&mut raw, "service_attributes", "service_taxonomy");
    take(&mut raw, "other_attributes", "other_attributes");
    for (kind, name) in [
        ("physical", "physical_addresses"),
        ("postal", "postal_addresses"),
    ] {
        if let Some(mut rows) = raw.remove(name) {
            for row in &mut rows {
                row.fields
                    .entry("address_type".into())
                    .or_insert_with(|| kind.to_string());
            }
            tables.entry("addresses".into()).or_default().extend(rows);
        }
    }
    let ignored = raw.into_keys().map(|name| format!("{name}.csv")).collect();

    // Column names of 1.1 and 2.0, as 3.0 calls them.
    for (table, from, to) in [
        ("organizations", "url", "website"),
        ("services", "fees", "fees_description"),
        ("accessibility", "accessibility", "description"),
        ("service_areas", "service_area", "name"),
        ("languages", "language", "name"),
        ("taxonomy_terms", "term", "name"),
        ("taxonomy_terms", "vocabulary", "taxonomy"),
    ] {
        if let Some(rows) = tables.get_mut(table) {
            rename(rows, from, to);
        }
    }
    if let Some(rows) = tables.get_mut("schedules") {
        for row in rows {
            if let Some(day) = row.fields.remove("weekday") {
                if let Some(code) = weekday(&day) {
                    row.fields.insert("byday".into(), code.to_string());
                    row.fields.insert("freq".into(), "WEEKLY".to_string());
                }
            }
        }
    }
    // 1.1 `services_taxonomy` and 2.0 `service_attributes` link services to
    // terms; in 3.0 they are attributes.
    let links: Vec<Row> = tables
        .remove("service_taxonomy")
        .unwrap_or_default()
        .into_iter()
        .map(|mut row| {
            if let Some(service) = row.fields.remove("service_id") {
                row.fields.insert("link_id".into(), service);
                row.fields.insert("link_entity".into(), "service".into());
            }
            if let Some(term) = row.fields.remove("taxonomy_id") {
                row.fields.entry("taxonomy_term_id".into()).or_insert(term);
            }
            row
        })
        .chain(
            tables
                .remove("other_attributes")
                .unwrap_or_default()
                .into_iter()
                .map(|mut row| {
                    // 2.0 puts the linked table in link_type.
                    if let Some(entity) = row.fields.remove("link_type") {
                        row.fields.insert("link_entity".into(), entity);
                    }
                    if let Some(term) = row.fields.remove("taxonomy_term_id") {
                        row.fields.insert("taxonomy_term_id".into(), term);
                    }
                    row
                }),
        )
        .collect();
    tables.entry("attributes".into()).or_default().extend(links);
    Package {
        version: version.to_string(),
        tables,
        ignored,
        cleaned: Cleaned::default(),
        index: Mutex::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_numbers_and_names_become_ical_days() {
        assert_eq!(weekday("1"), Some("MO"));
        assert_eq!(weekday("7"), Some("SU"));
        assert_eq!(weekday("Tuesday"), Some("TU"));
        assert_eq!(weekday("0"), None);
        assert_eq!(weekday("8"), None);
    }
}
