//! The `haven` command line: parses flags into a plan, runs the library,
//! prints diagnostics once, and turns the outcome into an exit code
//! (0 success, 1 content errors, 2 usage or I/O errors).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

use haven::build::{self, BuildError, BuildPlan};
use haven::date::Date;
use haven::diagnostic::{self, Diagnostic};

#[derive(Parser)]
#[command(
    name = "haven",
    version,
    about = "Build accessible, survivor-safe resource hub websites from YAML and Markdown."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print the time of each pipeline stage.
    #[arg(long, short, global = true)]
    verbose: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: public/ in the hub).
    Build(BuildArgs),
    /// Check the hub for errors without writing anything.
    Check(CheckArgs),
}

#[derive(Args)]
struct BuildArgs {
    /// The hub folder (the one with hub.yaml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site [default: <root>/public].
    #[arg(long)]
    output: Option<PathBuf>,
    /// The address the site is published at; overrides base_url in hub.yaml.
    #[arg(long)]
    base_url: Option<String>,
    /// Links end in index.html so the site works opened from a folder (file://).
    #[arg(long)]
    portable: bool,
    /// Also build records with published: false and guides with draft: true.
    #[arg(long)]
    drafts: bool,
    /// Measure staleness against this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_parser = parse_date)]
    today: Option<Date>,
}

#[derive(Args)]
struct CheckArgs {
    /// The hub folder (the one with hub.yaml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Measure staleness against this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_parser = parse_date)]
    today: Option<Date>,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("\"{text}\" is not a date in YYYY-MM-DD form"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Command::Build(args) => run_build(&cli, args),
        Command::Check(args) => run_check(&cli, args),
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic], quiet: bool) {
    for diagnostic in diagnostics.iter().filter(|d| !quiet || d.is_error()) {
        eprintln!("{diagnostic}");
    }
}

fn run_build(cli: &Cli, args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let mut plan = BuildPlan::new(&args.root);
    if let Some(output) = &args.output {
        plan.output = output.clone();
    }
    plan.base_url = args.base_url.clone();
    plan.portable = args.portable.then_some(true);
    plan.include_drafts = args.drafts;
    if let Some(today) = args.today {
        plan.today = today;
    }
    match build::build(&plan) {
        Ok(report) => {
            print_diagnostics(&report.warnings, cli.quiet);
            if cli.verbose {
                for (stage, time) in &report.timings {
                    eprintln!("  {stage:<26} {:>8.1} ms", time.as_secs_f64() * 1000.0);
                }
            }
            if !cli.quiet {
                let (_, warnings) = diagnostic::counts(&report.warnings);
                let mut line = format!(
                    "Built {} pages ({} partners, {} guides) into {} in {:.2} s; {} warning(s)",
                    report.pages,
                    report.partners,
                    report.guides,
                    plan.output.display(),
                    started.elapsed().as_secs_f64(),
                    warnings
                );
                if !report.hidden_stale.is_empty() {
                    line.push_str(&format!(
                        "; {} record(s) hidden as not verified recently ({})",
                        report.hidden_stale.len(),
                        report.hidden_stale.join(", ")
                    ));
                }
                if !report.drafts.is_empty() {
                    line.push_str(&format!("; {} draft(s) not built", report.drafts.len()));
                }
                println!("{line}.");
            }
            ExitCode::SUCCESS
        }
        Err(error @ (BuildError::Content(_) | BuildError::Template(_))) => {
            print_diagnostics(error.diagnostics(), cli.quiet);
            eprintln!(
                "error: {error}; the previous site in {} is unchanged.",
                plan.output.display()
            );
            ExitCode::from(1)
        }
        Err(BuildError::Write(error)) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

fn run_check(cli: &Cli, args: &CheckArgs) -> ExitCode {
    let today = args.today.unwrap_or_else(Date::today);
    let (_, diagnostics) = build::prepare(&args.root, today, false);
    print_diagnostics(&diagnostics, cli.quiet);
    let (errors, warnings) = diagnostic::counts(&diagnostics);
    if !cli.quiet {
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
