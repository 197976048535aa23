//! Full build of `example-site/` through the library, repeated, printing
//! the median and fastest times per stage. Budget (docs/benchmarks.md): well
//! under 1 s on a 2-core machine in release mode.
//!
//! Run: `cargo bench --bench example_site`

use std::path::Path;
use std::time::{Duration, Instant};

use haven::hub::date::Date;
use haven::BuildPlan;

const RUNS: usize = 15;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
    let out = std::env::temp_dir().join(format!("haven-bench-{}", std::process::id()));
    let mut plan = BuildPlan::new(&root);
    plan.output = out.join("public");
    plan.today = Date::parse("2026-11-23").unwrap_or_else(Date::today);

    let mut totals = Vec::with_capacity(RUNS);
    let mut stages: Vec<(&'static str, Vec<Duration>)> = Vec::new();
    let mut pages = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        let report = match haven::build(&plan) {
            Ok(report) => report,
            Err(error) => {
                eprintln!("example site failed to build: {error}");
                std::process::exit(1);
            }
        };
        totals.push(started.elapsed());
        pages = report.pages;
        for (index, lap) in report.timings.into_iter().enumerate() {
            if stages.len() <= index {
                stages.push((lap.stage, Vec::new()));
            }
            stages[index].1.push(lap.time);
        }
    }
    let _ = std::fs::remove_dir_all(&out);

    println!("example-site full build, {pages} pages, {RUNS} runs");
    for (stage, mut times) in stages {
        times.sort();
        println!(
            "  {stage:<26} median {:>7.1} ms",
            ms(times[times.len() / 2])
        );
    }
    totals.sort();
    println!(
        "  {:<26} median {:>7.1} ms   fastest {:>7.1} ms   (budget: well under 1000 ms)",
        "total",
        ms(totals[totals.len() / 2]),
        ms(totals[0])
    );
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
