//! How long haven takes to refuse hostile or runaway input, the shapes a
//! pull request could use to hold a CI runner: YAML nested 100,000 deep,
//! a mapping of 200,000 keys, 1,900 unknown keys (each reported), 10,000
//! repeated headings, 1,000 nested quotes. Each case builds a small hub,
//! runs `haven::pipeline::build` on it and renders the report as `haven check`
//! prints it. Budget: each case under a few seconds on a 2-core machine.
//!
//! Run: `cargo bench --bench hostile_input`

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use haven::hub::date::Date;
use haven::report::{self, Format, Style};
use haven::BuildPlan;

const RUNS: usize = 3;

const HUB: &str = "title: Hostile input\nbase_url: https://hub.example.org/\n";
const PARTNER: &str = "schema_version: 1\nid: food\nstatus: active\nlast_verified: 2026-10-01\nname: Food bank\ndescription: Emergency groceries for anyone in the county.\npartner_types: [other]\nwebsite: https://food.example.org\ncoverage: { scope: local, areas: [ { kind: county, name: Example County, state: NM } ] }\nservices:\n  - id: groceries\n    name: Emergency groceries\n    description: A week of groceries, no questions asked.\n    categories: [basic_needs]\n    access: { law_enforcement_involvement: not_required, confidentiality: standard }\n    cost: free\n";
const GUIDE_HEAD: &str = "---\ntitle: Staying safe\n---\n";

fn main() {
    let cases: Vec<(&str, &str, String)> = vec![
        (
            "YAML nested 100,000 deep",
            "partners/food.yaml",
            format!("id: food\nname: {}\n", "[".repeat(100_000)),
        ),
        (
            "200,000 keys in a record",
            "partners/food.yaml",
            format!(
                "{PARTNER}{}",
                (0..200_000)
                    .map(|n| format!("k{n}: 1\n"))
                    .collect::<String>()
            ),
        ),
        (
            "1,900 unknown keys, each reported",
            "partners/food.yaml",
            format!(
                "{PARTNER}{}",
                (0..1_900).map(|n| format!("k{n}: 1\n")).collect::<String>()
            ),
        ),
        (
            "10,000 repeated headings",
            "guides/safety.md",
            format!("{GUIDE_HEAD}{}", "## Same\n\ntext\n\n".repeat(10_000)),
        ),
        (
            "1,000 nested quotes",
            "guides/safety.md",
            format!("{GUIDE_HEAD}{} deep\n", ">".repeat(1_000)),
        ),
    ];
    println!("hostile input: time to refuse, median of {RUNS} runs (budget: a few seconds each)");
    for (name, path, text) in cases {
        let hub = std::env::temp_dir().join(format!("haven-hostile-{}", std::process::id()));
        let _ = fs::remove_dir_all(&hub);
        write(&hub, "hub.yaml", HUB);
        write(&hub, "partners/food.yaml", PARTNER);
        write(&hub, path, &text);
        let mut plan = BuildPlan::new(&hub);
        plan.output = hub.join("public");
        plan.today = Date::parse("2026-11-23").unwrap_or_else(Date::today);
        let mut times: Vec<Duration> = Vec::new();
        let mut printed = 0;
        let mut refused = false;
        for _ in 0..RUNS {
            let started = Instant::now();
            let result = haven::build(&plan);
            if let Err(error) = &result {
                refused = true;
                printed = report::render(
                    error.diagnostics(),
                    &hub,
                    Format::Human,
                    Style { color: false },
                )
                .len();
            }
            times.push(started.elapsed());
        }
        let _ = fs::remove_dir_all(&hub);
        times.sort();
        println!(
            "  {name:<36} {:>8.1} ms   report {:>7} bytes{}",
            times[times.len() / 2].as_secs_f64() * 1000.0,
            printed,
            if refused { "" } else { "   NOT REFUSED" }
        );
    }
}

fn write(hub: &Path, path: &str, text: &str) {
    let target = hub.join(path);
    if let Some(dir) = target.parent() {
        fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    fs::write(&target, text).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}
