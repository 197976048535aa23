//! The `haven` command line: parses flags into a plan, runs the library,
//! prints diagnostics once, and turns the outcome into an exit code
//! (0 success, 1 content errors, 2 usage or I/O errors).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{Args, Parser, Subcommand, ValueEnum};

use haven::diagnostics::{self, Diagnostic};
use haven::hub::date::Date;
use haven::pipeline::build::{self, BuildError, BuildPlan};
use haven::report::{self, Format, Style};
use haven::serve::rebuild::{Preview, Rebuilt};
use haven::serve::watch::Watcher;
use haven::serve::{Live, Server};

/// mimalloc rather than the C library's malloc: a build or a preview's
/// rebuild allocates and frees millions of small values (strings, template
/// values, index entries) across threads, and a fifth of a rebuild's
/// instructions went to glibc's malloc and free. With mimalloc a
/// 10,000-partner build took 19.6 s against 25.8 s, at 741 MB of peak
/// memory against 685 MB, and an edit in `haven serve` on 1,000 partners
/// 39-40 ms against 54-55 ms (medians). The release binaries link musl,
/// whose own malloc is slower still.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Start a new hub in DIR (default: the current folder).
    Init {
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Also write the CI file that checks changes and publishes the
        /// site: GitHub Actions with GitHub Pages, GitLab CI with GitLab
        /// Pages, or none.
        #[arg(long, value_enum, default_value = "github")]
        ci: CiChoice,
    },
    /// Write a skeleton partner record or guide.
    New {
        #[arg(value_enum)]
        kind: NewKind,
        /// The partner id or guide slug, e.g. riverbend-legal-aid.
        name: String,
        /// The hub folder (the one with hub.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Print the JSON Schema of a partner record (for editor autocomplete).
    Schema,
    /// Create partner records from data in another format.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Preview the site in a browser: rebuild what an edit changes and
    /// reload open pages, with any mistakes shown on the page.
    Serve(ServeArgs),
    /// List the partner records that are not published yet, with what
    /// each one still needs (the points under review: and any mistakes).
    Drafts {
        /// The hub folder (the one with hub.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Measure staleness against this date (YYYY-MM-DD) instead of today.
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
    },
    /// Publish reviewed records by id: takes `published: false` and the
    /// review: list out of each file. A record with errors is not published.
    Publish {
        /// The ids of the records, e.g. riverbend-legal-aid.
        #[arg(required_unless_present = "all")]
        ids: Vec<String>,
        /// Every unpublished record without errors (once you have
        /// reviewed them all).
        #[arg(long, conflicts_with = "ids")]
        all: bool,
        /// The hub folder (the one with hub.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Measure staleness against this date (YYYY-MM-DD) instead of today.
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
    },
}

#[derive(Args)]
struct ServeArgs {
    /// The hub folder (the one with hub.yaml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The address to listen on; only this computer can connect by default.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// The port (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Allow an address other devices can reach (with --bind), and answer
    /// requests addressed to these host names as well (a name other
    /// devices use for this computer, such as laptop.local).
    #[arg(long, num_args = 0.., value_name = "HOST")]
    allow_remote: Option<Vec<String>>,
    /// Also build records with published: false and guides with draft: true.
    #[arg(long)]
    drafts: bool,
    /// Measure staleness against this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_parser = parse_date)]
    today: Option<Date>,
    /// Open the site in the default browser once it is served.
    #[arg(long)]
    open: bool,
    /// Build the preview here instead of a folder in the system's temporary
    /// folder (its contents are replaced).
    #[arg(long)]
    output: Option<PathBuf>,
}

#[derive(Subcommand)]
enum ImportCommand {
    /// From an Open Referral HSDS tabular data package (a folder of CSV
    /// files: HSDS 3.0, 2.0 or 1.1): one partner file per organization,
    /// with a report of everything that could not be mapped.
    Hsds {
        /// The folder with organizations.csv, services.csv, …
        dir: PathBuf,
        /// The hub to write partners/<id>.yaml into.
        #[arg(long, default_value = ".")]
        into: PathBuf,
        /// Replace partner files that already exist.
        #[arg(long)]
        force: bool,
        /// The date recorded as the import date (YYYY-MM-DD) instead of today.
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
    },
    /// From a spreadsheet (CSV, .xlsx or .ods) with a header row: one
    /// partner file per organization (rows with the same id or name are
    /// one organization), with a report of every row.
    Sheet {
        /// The spreadsheet; with --template, the CSV file to write.
        file: PathBuf,
        /// The hub to write partners/<id>.yaml into.
        #[arg(long, default_value = ".")]
        into: PathBuf,
        /// A YAML file naming what other columns hold (see docs/data.md).
        #[arg(long, value_name = "MAP.yaml")]
        map: Option<PathBuf>,
        /// The workbook's sheet to read instead of the first.
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Replace partner files that already exist.
        #[arg(long)]
        force: bool,
        /// Write an empty template (every column haven reads, one example
        /// row) to FILE instead of importing.
        #[arg(long)]
        template: bool,
        /// The date recorded as the import date (YYYY-MM-DD) instead of today.
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum CiChoice {
    Github,
    Gitlab,
    None,
}

#[derive(Clone, Copy, ValueEnum)]
enum NewKind {
    Partner,
    Guide,
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
    /// human: for people; github: annotations on pull requests; json: for tools.
    #[arg(long, value_enum, default_value = "human")]
    format: OutputFormat,
    /// Also report partner ids that existed at this git revision (e.g.
    /// origin/main) and have disappeared without previous_ids (rule E023).
    #[arg(long, value_name = "REV")]
    since: Option<String>,
    /// Fail (exit 1) on warnings too, e.g. records hidden as not verified.
    #[arg(long)]
    strict: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
    Github,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("\"{text}\" is not a date in YYYY-MM-DD form"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Command::Build(args) => run_build(&cli, args),
        Command::Check(args) => run_check(&cli, args),
        Command::Init { dir, ci } => run_init(&cli, dir, *ci),
        Command::New { kind, name, root } => {
            if !root.join("hub.yaml").is_file() {
                eprintln!(
                    "error: no hub.yaml in {}; run this in the hub's folder or pass --root DIR",
                    root.display()
                );
                return ExitCode::from(2);
            }
            let (written, next) = match kind {
                NewKind::Partner => (
                    haven::scaffold::new_partner(root, name, Date::today()),
                    "Fill it in, run haven check, and set published: true when it is complete.",
                ),
                NewKind::Guide => (
                    haven::scaffold::new_guide(root, name, Date::today()),
                    "Write it, run haven check, and set draft: false when it is ready.",
                ),
            };
            let code = report_written(written.map(|path| vec![path]), &cli);
            if code == ExitCode::SUCCESS && !cli.quiet {
                println!("{next}");
            }
            code
        }
        Command::Schema => {
            print!("{}", haven::scaffold::partner_schema());
            ExitCode::SUCCESS
        }
        Command::Serve(args) => run_serve(&cli, args),
        Command::Drafts { root, today } => {
            run_drafts(&cli, root, today.unwrap_or_else(Date::today))
        }
        Command::Publish {
            ids,
            all,
            root,
            today,
        } => run_publish(&cli, root, ids, *all, today.unwrap_or_else(Date::today)),
        Command::Import(ImportCommand::Hsds {
            dir,
            into,
            force,
            today,
        }) => {
            let plan = haven::import::ImportPlan {
                source: dir.clone(),
                hub: into.clone(),
                force: *force,
                today: today.unwrap_or_else(Date::today),
            };
            report_import(&cli, into, haven::import::import_hsds(&plan))
        }
        Command::Import(ImportCommand::Sheet {
            file,
            into,
            map,
            sheet,
            force,
            template: true,
            ..
        }) => {
            if map.is_some() || sheet.is_some() {
                eprintln!(
                    "error: --template writes a new file; --map and --sheet are for importing"
                );
                return ExitCode::from(2);
            }
            match haven::import::sheet::template_file(file, into, *force) {
                Ok(()) => {
                    if !cli.quiet {
                        println!(
                            "Wrote {}: one column per field haven reads and an example row. Fill in a row per partner (or per service), then run `haven import sheet {}`.",
                            file.display(),
                            file.display()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Import(ImportCommand::Sheet {
            file,
            into,
            map,
            sheet,
            force,
            today,
            ..
        }) => {
            let plan = haven::import::sheet::SheetPlan {
                source: file.clone(),
                hub: into.clone(),
                mapping: map.clone(),
                sheet: sheet.clone(),
                force: *force,
                today: today.unwrap_or_else(Date::today),
            };
            report_import(&cli, into, haven::import::sheet::import_sheet(&plan))
        }
    }
}

/// Prints an import's summary and writes its full report; exit 1 when a
/// file was not written.
fn report_import(
    cli: &Cli,
    hub: &Path,
    result: Result<haven::import::ImportReport, haven::import::ImportError>,
) -> ExitCode {
    match result {
        Ok(report) => {
            let full = match haven::import::write_report(hub, &report) {
                Ok(path) => Some(path),
                Err(error) => {
                    eprintln!("warning: the full report was not written: {error}");
                    None
                }
            };
            if !cli.quiet {
                print!("{}", report.summary(full.as_deref()));
            }
            if report.partners.iter().any(|p| p.skipped) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

/// Builds into a private temporary folder, serves it, and rebuilds on every
/// edit until Ctrl+C.
fn run_serve(cli: &Cli, args: &ServeArgs) -> ExitCode {
    if !haven::serve::is_loopback(args.bind) && args.allow_remote.is_none() {
        eprintln!(
            "error: {} can be reached by other devices on the network; add --allow-remote if that is what you want",
            args.bind
        );
        return ExitCode::from(2);
    }
    let output = match &args.output {
        Some(output) => output.clone(),
        None => match preview_folder() {
            Ok(folder) => folder,
            Err(error) => {
                eprintln!("error: cannot create a private preview folder: {error}");
                return ExitCode::from(2);
            }
        },
    };
    let mut plan = BuildPlan::new(&args.root);
    plan.output = output.clone();
    plan.include_drafts = args.drafts;
    // Readable pages, and rebuilds without the slowest step.
    plan.minify = Some(false);
    if let Some(today) = args.today {
        plan.today = today;
    }
    // Watching starts first, so an edit during the first build is seen.
    let watcher = Watcher::new(&args.root);
    let live = Arc::new(Live::default());
    let mut preview = Preview::new(plan);
    // A first build that fails still serves: the errors show in the
    // browser, and the site appears as soon as they are fixed.
    let first = preview.build_all();
    report_rebuild(cli, &preview, &live, &[], first);
    write_open_data(cli, &mut preview);
    if let Err(error) = std::fs::create_dir_all(&output) {
        eprintln!("error: cannot create {}: {error}", output.display());
        return ExitCode::from(2);
    }
    let address = std::net::SocketAddr::new(args.bind, args.port);
    let hosts = args.allow_remote.clone().unwrap_or_default();
    let server = match Server::bind_for(&output, address, live.clone(), &hosts) {
        Ok(server) => server,
        Err(error) => {
            eprintln!(
                "error: cannot listen on {}:{}: {error}",
                args.bind, args.port
            );
            return ExitCode::from(2);
        }
    };
    let url = match server.address() {
        Ok(address) => format!("http://{address}/"),
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    if !haven::serve::is_loopback(args.bind) {
        eprintln!(
            "warning: serving to the network at {url}; anyone who can reach it can read the site"
        );
    }
    println!("Serving {} at {url} (Ctrl+C to stop)", args.root.display());
    // Flush so a script reading stdout sees the address at once.
    let _ = std::io::Write::flush(&mut std::io::stdout());
    std::thread::spawn(move || server.run());
    if args.open {
        open_in_browser(&url);
    }
    match watcher {
        Ok(watcher) => {
            while let Some(change) = watcher.next_change() {
                let result = if change.missed {
                    Some(preview.start_over())
                } else {
                    preview.rebuild(&change.paths)
                };
                if let Some(result) = result {
                    report_rebuild(cli, &preview, &live, &change.paths, result);
                    write_open_data(cli, &mut preview);
                }
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!(
                "warning: cannot watch {} for changes ({error}); serving without live reload",
                args.root.display()
            );
            loop {
                std::thread::park();
            }
        }
    }
}

/// A new folder in the system's temporary folder that only this user can
/// open (another user could otherwise read the preview, or put a link
/// where it will be written), with the site in it. Folders of earlier
/// runs that have ended are removed, so previews do not pile up.
fn preview_folder() -> std::io::Result<PathBuf> {
    let temporary = std::env::temp_dir();
    haven::serve::preview::remove_ended(&temporary);
    let folder = haven::serve::preview::create(&temporary)?;
    Ok(folder.join("site"))
}

/// The open data files of the preview, once its pages are reloading.
fn write_open_data(cli: &Cli, preview: &mut Preview) {
    let started = std::time::Instant::now();
    match preview.write_data() {
        Ok(changed) if cli.verbose => eprintln!(
            "  open data (after the reload)   {:.1} ms   {changed} file(s) changed",
            started.elapsed().as_secs_f64() * 1000.0
        ),
        Ok(_) => {}
        Err(error) => eprintln!("error: the open data files (data/) were not updated: {error}"),
    }
}

fn report_rebuild(
    cli: &Cli,
    preview: &Preview,
    live: &Live,
    changed: &[PathBuf],
    result: Result<Rebuilt, BuildError>,
) {
    let root = &preview.plan().root;
    let what = match changed {
        [] => String::new(),
        [one] => format!("{} changed: ", one.display()),
        [first, rest @ ..] => format!("{} and {} more changed: ", first.display(), rest.len()),
    };
    match result {
        Ok(rebuilt) => {
            // Warnings once, at the first build; errors every time.
            let first = changed.is_empty();
            print_diagnostics(&rebuilt.warnings, root, cli.quiet || !first, cli.verbose);
            if !cli.quiet {
                println!("{what}{rebuilt}");
            }
            if cli.verbose {
                print_timings(&rebuilt.timings);
            }
            live.built();
        }
        Err(error) => {
            print_diagnostics(error.diagnostics(), root, cli.quiet, cli.verbose);
            eprintln!("{what}error: {error}; still serving the last good build");
            live.failed(error.diagnostics(), root);
        }
    }
    let _ = std::io::Write::flush(&mut std::io::stdout());
}

fn print_timings(timings: &[haven::pipeline::build::Lap]) {
    for lap in timings {
        let peak = lap
            .peak_memory
            .map(|bytes| format!("   peak memory {:>6} MB", bytes / 1_048_576))
            .unwrap_or_default();
        eprintln!(
            "  {:<28} {:>8.1} ms{peak}",
            lap.stage,
            lap.time.as_secs_f64() * 1000.0
        );
    }
}

/// Opens `url` in the default browser; a failure is only a warning.
fn open_in_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut command = std::process::Command::new("cmd");
        command.args(["/C", "start", ""]);
        command
    } else {
        std::process::Command::new("xdg-open")
    };
    let opened = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(error) = opened {
        eprintln!("warning: could not open a browser ({error}); open {url} yourself");
    }
}

fn run_drafts(cli: &Cli, root: &Path, today: Date) -> ExitCode {
    let drafts = match haven::review::drafts(root, today) {
        Ok(drafts) => drafts,
        Err(diagnostics) => {
            eprint!(
                "{}",
                report::render(&diagnostics, root, Format::Human, stderr_style())
            );
            return ExitCode::from(1);
        }
    };
    if drafts.is_empty() {
        println!("Every partner record is published.");
        return ExitCode::SUCCESS;
    }
    let ready = drafts.iter().filter(|d| d.is_ready()).count();
    println!(
        "{} record(s) not published yet: {ready} without errors, {} with errors to fix first.",
        drafts.len(),
        drafts.len() - ready
    );
    for draft in &drafts {
        let errors = draft.problems.iter().filter(|d| d.is_error()).count();
        let state = if errors > 0 {
            format!("{errors} error(s) to fix before publishing")
        } else {
            "can be published".to_string()
        };
        println!(
            "\n{} ({}): {} point(s) to review, {state}",
            draft.path.display(),
            draft.id,
            draft.review.len()
        );
        for point in &draft.review {
            println!("  - {point}");
        }
        let shown: Vec<Diagnostic> = draft
            .problems
            .iter()
            .filter(|d| cli.verbose || d.is_error())
            .cloned()
            .collect();
        for problem in &shown {
            println!("  {problem}");
        }
        let hidden = draft.problems.len() - shown.len();
        if hidden > 0 {
            println!("  ({hidden} warning(s) more with --verbose)");
        }
    }
    println!("\nCheck each with the partner (`haven serve --drafts` shows them on the site), then run `haven publish ID…`.");
    ExitCode::SUCCESS
}

fn run_publish(cli: &Cli, root: &Path, ids: &[String], all: bool, today: Date) -> ExitCode {
    use haven::review::Published;
    let results = match haven::review::publish(root, ids, all, today) {
        Ok(results) => results,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(1);
        }
    };
    let mut failed = false;
    for result in &results {
        match result {
            Published::Done(path) => {
                if !cli.quiet {
                    println!("published {}", path.display());
                }
            }
            Published::HasErrors(path, errors) => {
                failed = true;
                eprintln!(
                    "not published: {} has {} error(s):",
                    path.display(),
                    errors.len()
                );
                for error in errors {
                    eprintln!("  {error}");
                }
            }
            Published::NotADraft(id) => {
                failed = true;
                eprintln!("not published: no unpublished record has the id \"{id}\" (`haven drafts` lists them)");
            }
        }
    }
    if results.is_empty() && !cli.quiet {
        println!("Every partner record is published already.");
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_init(cli: &Cli, dir: &Path, ci: CiChoice) -> ExitCode {
    let ci = match ci {
        CiChoice::Github => haven::scaffold::Ci::Github,
        CiChoice::Gitlab => haven::scaffold::Ci::Gitlab,
        CiChoice::None => haven::scaffold::Ci::None,
    };
    let code = report_written(haven::scaffold::init(dir, ci, Date::today()), cli);
    if code == ExitCode::SUCCESS && !cli.quiet {
        let enter = if dir == Path::new(".") {
            String::new()
        } else {
            format!("  cd {}\n", dir.display())
        };
        let publish = match ci {
            haven::scaffold::Ci::Github => "\nPublishing: push the folder to a GitHub repository; .github/workflows/haven.yml\nchecks every pull request and publishes main to GitHub Pages (haven's docs/deploy.md).\n",
            haven::scaffold::Ci::Gitlab => "\nPublishing: push the folder to a GitLab repository; .gitlab-ci.yml checks every\nmerge request and publishes the default branch to GitLab Pages (haven's docs/deploy.md).\n",
            haven::scaffold::Ci::None => "",
        };
        println!(
            "\nNext:\n{enter}  haven serve --open     preview the site; it reloads as you edit\n  haven new partner ID   add a partner (then fill in partners/ID.yaml)\n  haven check            find mistakes in every file\n{publish}"
        );
    }
    code
}

fn report_written(
    result: Result<Vec<PathBuf>, haven::scaffold::ScaffoldError>,
    cli: &Cli,
) -> ExitCode {
    match result {
        Ok(paths) => {
            if !cli.quiet {
                for path in paths {
                    println!("wrote {}", path.display());
                }
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// Colours only on a terminal, and never with NO_COLOR set (no-color.org).
fn stderr_style() -> Style {
    Style {
        color: std::io::stderr().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// Per-record details of a summary warning (untranslated records) are
/// shown only with `--verbose`.
fn without_details(diagnostics: Vec<Diagnostic>, verbose: bool) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .filter(|d| verbose || !is_detail(d))
        .collect()
}

/// A line only `--verbose` prints: a translation summary's details.
fn is_detail(diagnostic: &Diagnostic) -> bool {
    diagnostic.code == haven::pipeline::validate::translation::DETAIL_CODE
}

/// Prints problems in the human format; the summary line only when asked.
fn print_diagnostics(diagnostics: &[Diagnostic], root: &Path, quiet: bool, verbose: bool) {
    // Chosen before they are copied: a serve rebuild of a large hub
    // carries thousands of warnings and prints none of them.
    let shown: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| (verbose || !is_detail(d)) && (!quiet || d.is_error()))
        .cloned()
        .collect();
    if shown.is_empty() {
        return;
    }
    // Builds print their own count line.
    eprint!("{}", report::human_messages(&shown, root, stderr_style()));
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
            print_diagnostics(&report.warnings, &plan.root, cli.quiet, cli.verbose);
            if cli.verbose {
                print_timings(&report.timings);
            }
            if !cli.quiet {
                // The count says what was printed, and how many more
                // `--verbose` would print.
                let (_, all) = diagnostics::counts(&report.warnings);
                let (_, warnings) =
                    diagnostics::counts(&without_details(report.warnings.clone(), cli.verbose));
                let mut line = format!(
                    "Built {} ({}, {}) into {}: {}, {}, in {:.2} s; {} warning(s)",
                    counted(report.pages, "page", "pages"),
                    counted(report.partners, "partner", "partners"),
                    counted(report.guides, "guide", "guides"),
                    plan.output.display(),
                    counted(report.files, "file", "files"),
                    haven::pipeline::size::readable(report.bytes),
                    started.elapsed().as_secs_f64(),
                    warnings
                );
                if all > warnings {
                    line.push_str(&format!(" ({} more with --verbose)", all - warnings));
                }
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
            print_diagnostics(error.diagnostics(), &plan.root, cli.quiet, cli.verbose);
            if plan.output.exists() {
                eprintln!(
                    "error: {error}; the previous site in {} is unchanged.",
                    plan.output.display()
                );
            } else {
                eprintln!("error: {error}.");
            }
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
    let diagnostics = match build::check(
        &args.root,
        today,
        args.since.as_deref(),
        haven::pipeline::size::PAGES_BYTES,
    ) {
        Ok(diagnostics) => diagnostics,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let diagnostics = without_details(diagnostics, cli.verbose);
    let (errors, warnings) = diagnostics::counts(&diagnostics);
    let failed = errors > 0 || (args.strict && warnings > 0);
    let shown: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| !cli.quiet || d.is_error())
        .collect();
    match args.format {
        OutputFormat::Human => eprint!(
            "{}",
            report::render(&shown, &args.root, Format::Human, stderr_style())
        ),
        OutputFormat::Github => print!(
            "{}",
            report::render(&shown, &args.root, Format::Github, Style { color: false })
        ),
        OutputFormat::Json => print!(
            "{}",
            report::render(&shown, &args.root, Format::Json, Style { color: false })
        ),
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
