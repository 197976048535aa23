//! How long `haven import hsds` takes on a 211 export of a city's size:
//! the real 211 Miami extract (tests/fixtures/hsds/real-miami211/: 24
//! organizations, 99 services, AIRS terms, schedules written as text)
//! copied 42 times with fresh ids, about 1,000 organizations and 4,200
//! services, imported into an empty hub. Budget: under 10 s on a 2-core
//! machine, and time in proportion to rows (the three sizes show it).
//!
//! Run: `cargo bench --bench import`

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use haven::hub::date::Date;
use haven::import::{import_hsds, ImportPlan};

const RUNS: usize = 3;
const SOURCE: &str = "tests/fixtures/hsds/real-miami211";

fn main() {
    println!("haven import hsds: the 211 Miami extract copied N times, median of {RUNS} runs (budget: 4,000 services under 10 s)");
    println!(
        "{:>6} {:>14} {:>10} {:>12}",
        "copies", "organizations", "services", "median"
    );
    for copies in [21, 42, 84] {
        let work = std::env::temp_dir().join(format!("haven-import-bench-{}", std::process::id()));
        let _ = fs::remove_dir_all(&work);
        let package = work.join("package");
        let (organizations, services) = replicate(Path::new(SOURCE), &package, copies);
        let mut times: Vec<Duration> = Vec::new();
        for run in 0..RUNS {
            let hub = work.join(format!("hub-{run}"));
            fs::create_dir_all(&hub).expect("hub folder");
            fs::write(
                hub.join("hub.yaml"),
                "title: Import bench\nbase_url: https://hub.example.org/\n",
            )
            .expect("hub.yaml");
            let plan = ImportPlan {
                source: package.clone(),
                hub: hub.clone(),
                force: false,
                today: Date::parse("2026-11-23").unwrap_or_else(Date::today),
            };
            let started = Instant::now();
            let report = import_hsds(&plan).expect("the package imports");
            times.push(started.elapsed());
            assert_eq!(report.partners.len(), organizations);
        }
        times.sort();
        println!(
            "{copies:>6} {organizations:>14} {services:>10} {:>10.2} s",
            times[RUNS / 2].as_secs_f64()
        );
        let _ = fs::remove_dir_all(&work);
    }
}

/// Writes `copies` copies of the package at `from` into `to`, each with
/// its own ids (`-k` appended to every id column but the AIRS terms'),
/// and returns how many organizations and services it holds.
fn replicate(from: &Path, to: &Path, copies: usize) -> (usize, usize) {
    let data = to.join("data");
    fs::create_dir_all(&data).expect("package folder");
    fs::copy(from.join("datapackage.json"), to.join("datapackage.json")).expect("descriptor");
    let mut counts = (0, 0);
    for file in csv_files(&from.join("data")) {
        let name = file
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let mut reader = csv::Reader::from_path(&file).expect("csv");
        let header = reader.headers().expect("header").clone();
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        let mut writer = csv::Writer::from_path(data.join(&name)).expect("write");
        writer.write_record(&header).expect("header");
        // The taxonomy is shared by every copy, as in a real export.
        let times = if name == "taxonomy.csv" { 1 } else { copies };
        for copy in 0..times {
            for row in &rows {
                let cells: Vec<String> = header
                    .iter()
                    .zip(row.iter())
                    .map(|(column, cell)| {
                        let id = column == "id" || column.ends_with("_id");
                        if id
                            && !cell.is_empty()
                            && column != "taxonomy_id"
                            && name != "taxonomy.csv"
                        {
                            format!("{cell}-{copy}")
                        } else if column == "name" && name == "organizations.csv" {
                            format!("{cell} {copy}")
                        } else {
                            cell.to_string()
                        }
                    })
                    .collect();
                writer.write_record(&cells).expect("row");
            }
        }
        writer.flush().expect("flush");
        match name.as_str() {
            "organizations.csv" => counts.0 = rows.len() * copies,
            "services.csv" => counts.1 = rows.len() * copies,
            _ => {}
        }
    }
    counts
}

fn csv_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    files
}
