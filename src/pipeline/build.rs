//! The pipeline in one place: load → validate → model → render →
//! post-process → write, each stage timed (`--verbose` prints the times).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::diagnostics::{self, Diagnostic};
use crate::hub::date::Date;
use crate::pipeline::model::{self, Site};
use crate::pipeline::output::OutputFile;
use crate::pipeline::render::pages::Shows;
use crate::pipeline::render::values::Fragments;
use crate::pipeline::{export, load, postprocess, render, search, size, validate, write};
use rayon::prelude::*;

/// Everything a build needs, decided before it starts.
#[derive(Debug, Clone)]
pub struct BuildPlan {
    pub root: PathBuf,
    pub output: PathBuf,
    /// Overrides `base_url` of hub.yaml.
    pub base_url: Option<String>,
    /// Overrides `portable` of hub.yaml when set.
    pub portable: Option<bool>,
    pub include_drafts: bool,
    /// Overrides `minify` of hub.yaml when set (`haven serve` skips it).
    pub minify: Option<bool>,
    /// The date staleness is measured against (tests pin it).
    pub today: Date,
    /// The most a host publishes: a build warns near it (W088).
    pub publish_limit: u64,
}

impl BuildPlan {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        BuildPlan {
            output: root.join("public"),
            root,
            base_url: None,
            portable: None,
            include_drafts: false,
            minify: None,
            today: Date::today(),
            publish_limit: size::PAGES_BYTES,
        }
    }
}

#[derive(Debug, Default)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    /// The bytes of the files written, as a host counts them.
    pub bytes: u64,
    pub partners: usize,
    pub guides: usize,
    pub hidden_stale: Vec<String>,
    pub drafts: Vec<String>,
    pub warnings: Vec<Diagnostic>,
    pub timings: Vec<Lap>,
}

#[derive(Debug)]
pub enum BuildError {
    /// The hub has content errors (all of them, with any warnings).
    Content(Vec<Diagnostic>),
    /// A template failed to parse or render.
    Template(Vec<Diagnostic>),
    /// The output could not be written; the previous site is untouched.
    Write(write::WriteError),
}

impl BuildError {
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            BuildError::Content(d) | BuildError::Template(d) => d,
            BuildError::Write(_) => &[],
        }
    }
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Content(diagnostics) | BuildError::Template(diagnostics) => {
                let (errors, _) = diagnostics::counts(diagnostics);
                write!(f, "{errors} error(s); nothing was written")
            }
            BuildError::Write(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for BuildError {}

/// One stage of a build: how long it took, and the process's peak memory
/// when it ended (where the system says: Linux).
#[derive(Debug, Clone, Copy)]
pub struct Lap {
    pub stage: &'static str,
    pub time: Duration,
    pub peak_memory: Option<u64>,
}

pub(crate) struct Stopwatch {
    started: Instant,
    pub timings: Vec<Lap>,
}

impl Stopwatch {
    pub(crate) fn new() -> Self {
        Stopwatch {
            started: Instant::now(),
            timings: Vec::new(),
        }
    }

    pub(crate) fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.timings.push(Lap {
            stage,
            time: now - self.started,
            peak_memory: peak_memory(),
        });
        self.started = now;
    }

    /// Adds a part of the last stage, timed by its own clock (`time` may
    /// be summed over threads).
    pub(crate) fn part(&mut self, stage: &'static str, time: Duration) {
        self.timings.push(Lap {
            stage,
            time,
            peak_memory: None,
        });
    }
}

/// The most memory the process has held so far, in bytes (`VmHWM`).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}

/// What the stages keep from one run to the next: nothing for a build or
/// a check, which run once ([`Memory::one_shot`]); everything for `haven
/// serve` ([`Memory::kept`]), which tells it what an edit changed.
pub struct Memory {
    parsed: load::ParseCache,
    checked: validate::CheckCache,
    modelled: model::ModelCache,
    search: search::Cache,
    values: render::values::ValueCache,
    data: export::Cache,
    clues: postprocess::leaks::SplitCache,
}

impl Memory {
    pub fn one_shot() -> Self {
        Memory {
            parsed: load::ParseCache::one_shot(),
            checked: validate::CheckCache::one_shot(),
            modelled: model::ModelCache::one_shot(),
            search: search::Cache::one_shot(),
            values: render::values::ValueCache::one_shot(),
            data: export::Cache::one_shot(),
            // Worked out for the warning, then used again by the scanner.
            clues: postprocess::leaks::SplitCache::default(),
        }
    }

    pub fn kept() -> Self {
        Memory {
            parsed: load::ParseCache::default(),
            checked: validate::CheckCache::default(),
            modelled: model::ModelCache::default(),
            search: search::Cache::default(),
            values: render::values::ValueCache::default(),
            data: export::Cache::default(),
            clues: postprocess::leaks::SplitCache::default(),
        }
    }

    /// The private values' clues, for a scanner.
    pub(crate) fn clue_cache(&mut self) -> &mut postprocess::leaks::SplitCache {
        &mut self.clues
    }

    /// These files (paths relative to the hub at `root`) changed on disk:
    /// a watcher's report of every change since the last run.
    pub fn files_changed(&mut self, root: &Path, paths: &[PathBuf]) {
        self.parsed.changed(root, paths);
    }

    /// Forgets how records were checked and modelled, keeping the parsed
    /// files: for changes to what records are checked and modelled with
    /// (taxonomies, private overlays, settings).
    pub fn forget_checks(&mut self) {
        self.checked.clear();
        self.modelled = model::ModelCache::default();
    }

    /// Forgets how every partner looks: templates, UI strings or settings
    /// may have changed it.
    pub fn forget_looks(&mut self) {
        self.values = render::values::ValueCache::default();
        self.search.forget_texts();
        self.data.clear();
    }

    /// Forgets the search index files of the last run: it failed, so the
    /// output may not hold them.
    pub fn forget_index_files(&mut self) {
        self.search.forget_files();
    }

    /// Forgets how these partners (ids) look: their records changed.
    pub fn forget_partners(&mut self, ids: &BTreeSet<String>) {
        self.values.forget(ids);
        self.search.forget(ids);
        self.data.forget(|id| ids.contains(id));
    }
}

/// The modelled site (when there is no error) and every diagnostic.
pub type Prepared = (Option<(Site, model::PrivateValues)>, Vec<Diagnostic>);

/// Loads, validates and models the hub once: the first half of a build,
/// for code that needs only the site (tests, benchmarks).
pub fn prepare(root: &Path, today: Date, include_drafts: bool) -> Prepared {
    let source = Source {
        root,
        today,
        include_drafts,
        since: None,
    };
    // Without a revision to compare with, git is never asked, so this
    // cannot fail.
    model_hub(&source, &mut Memory::one_shot(), &mut Stopwatch::new()).unwrap_or_default()
}

/// What the first half of a run reads.
pub(crate) struct Source<'a> {
    pub root: &'a Path,
    pub today: Date,
    pub include_drafts: bool,
    /// The git revision rule E023 compares partner ids with.
    pub since: Option<&'a str>,
}

impl<'a> Source<'a> {
    pub(crate) fn of(plan: &'a BuildPlan) -> Self {
        Source {
            root: &plan.root,
            today: plan.today,
            include_drafts: plan.include_drafts,
            since: None,
        }
    }
}

/// The first half of every run: load, validate, model, a lap on `clock`
/// each. The site only when there is no error. Fails only when git cannot
/// answer for `since` (not a repository, unknown revision).
pub(crate) fn model_hub(
    source: &Source<'_>,
    memory: &mut Memory,
    clock: &mut Stopwatch,
) -> Result<Prepared, String> {
    let loaded = load::load_cached(source.root, &mut memory.parsed);
    clock.lap("load");
    let mut diagnostics = loaded.diagnostics;
    let Some(hub) = loaded.hub else {
        diagnostics::sort(&mut diagnostics);
        return Ok((None, diagnostics));
    };
    let unpublished = if source.include_drafts {
        BTreeSet::new()
    } else {
        unpublished_files(&hub)
    };
    if let Some(since) = source.since {
        diagnostics.extend(validate::history::vanished_ids(&hub, since)?);
    }
    let (today, drafts) = (source.today, source.include_drafts);
    let (checked, modelled) = (&mut memory.checked, &mut memory.modelled);
    let side_by_side = checked.keeps();
    let modelled = if side_by_side {
        // `haven serve`: after an edit, both stages mostly look up what
        // they kept for every record, each on one thread: side by side.
        let records = hub.clone();
        let (findings, modelled) = rayon::join(
            || validate::validate_cached(&records, today, checked),
            || model::build_cached(hub, today, drafts, modelled),
        );
        diagnostics.extend(findings);
        modelled
    } else {
        // A build models each record once and lets go of it: first every
        // check, then the model.
        diagnostics.extend(validate::validate_cached(&hub, today, checked));
        clock.lap("validate");
        model::build_cached(hub, today, drafts, modelled)
    };
    diagnostics.extend(modelled.diagnostics);
    diagnostics.extend(postprocess::leaks::published_by_their_record(
        &modelled.private,
        &mut memory.clues,
    ));
    clock.lap(if side_by_side {
        "validate and model"
    } else {
        "model"
    });
    if !unpublished.is_empty() {
        diagnostics = diagnostics
            .into_iter()
            .map(|d| {
                if unpublished.contains(&d.path) {
                    d.in_unpublished_record()
                } else {
                    d
                }
            })
            .collect();
    }
    diagnostics::sort(&mut diagnostics);
    diagnostics.dedup();
    if diagnostics.iter().any(Diagnostic::is_error) {
        Ok((None, diagnostics))
    } else {
        Ok((Some((modelled.site, modelled.private)), diagnostics))
    }
}

/// The files of records that are not published, and of their private
/// overlays: their problems never stop the site.
fn unpublished_files(hub: &load::Hub) -> BTreeSet<PathBuf> {
    let mut files = BTreeSet::new();
    for partner in hub.partners.iter().filter(|p| !p.record.published) {
        files.insert(partner.file.path.clone());
        for overlay in hub.overlays.iter().filter(|o| o.id == partner.record.id) {
            files.insert(overlay.path.clone());
        }
    }
    files
}

pub fn build(plan: &BuildPlan) -> Result<BuildReport, BuildError> {
    let mut clock = Stopwatch::new();
    let output = write::check_output(&plan.output, &plan.root).map_err(BuildError::Write)?;
    let mut memory = Memory::one_shot();
    let (prepared, mut diagnostics) = model_hub(&Source::of(plan), &mut memory, &mut clock)
        // Without a git revision to compare with, git is never asked.
        .unwrap_or_default();
    let Some((mut site, private)) = prepared else {
        return Err(BuildError::Content(diagnostics));
    };
    apply_overrides(plan, &mut site);
    let scanner = postprocess::PrivateScanner::of(postprocess::leaks::Clues::of_cached(
        &private,
        &mut memory.clues,
    ));
    refuse_private_static(&site, &scanner)?;
    let staging = write::Staging::new(&output, &site.static_files).map_err(BuildError::Write)?;
    let produced = produce(
        &site,
        &mut memory,
        &scanner,
        &|_, _| true,
        Unchanged::Handed,
        &staging,
        &mut clock,
    )?;
    write_open_data(&site, &mut memory, &scanner, &staging, &mut clock)?;
    let weights = staging.weights();
    let (files, bytes) = (weights.files(), weights.bytes());
    diagnostics.extend(size::near_limit(weights, plan.publish_limit, || {
        size::zipped(staging.folder(), weights).ok()
    }));
    clock.lap("weigh");
    staging.commit().map_err(BuildError::Write)?;
    clock.lap("swap into place");

    Ok(BuildReport {
        pages: produced.pages,
        files,
        bytes,
        partners: site.partners.len(),
        guides: site.guides.len(),
        hidden_stale: site.summary.hidden_stale.clone(),
        drafts: site.summary.drafts.clone(),
        warnings: diagnostics,
        timings: clock.timings,
    })
}

/// What `haven check` finds: every diagnostic a build of the same files
/// would stop on, found the same way. The pages and data files are made
/// and scanned for private values (P030) as a build does, then dropped,
/// their size weighed against `publish_limit` (W088). Fails only when git
/// cannot answer for `since`.
pub fn check(
    root: &Path,
    today: Date,
    since: Option<&str>,
    publish_limit: u64,
) -> Result<Vec<Diagnostic>, String> {
    let source = Source {
        root,
        today,
        include_drafts: false,
        since,
    };
    let (mut memory, clock) = (Memory::one_shot(), &mut Stopwatch::new());
    let (prepared, mut diagnostics) = model_hub(&source, &mut memory, clock)?;
    let Some((site, private)) = prepared else {
        return Ok(diagnostics);
    };
    let scanner = postprocess::PrivateScanner::of(postprocess::leaks::Clues::of_cached(
        &private,
        &mut memory.clues,
    ));
    // Weighed, not kept: a pull request that would take the site past
    // what its host publishes is told so before it is merged.
    let weights = write::Weights::default();
    let found = refuse_private_static(&site, &scanner)
        .and_then(|()| {
            produce(
                &site,
                &mut memory,
                &scanner,
                &|_, _| true,
                Unchanged::Handed,
                &weights,
                clock,
            )
        })
        .and_then(|_| write_open_data(&site, &mut memory, &scanner, &weights, clock));
    match found {
        Ok(()) => {
            weights.weigh_static(&site.static_files);
            // Nothing is written to zip: the build says that figure.
            diagnostics.extend(size::near_limit(&weights, publish_limit, || None));
        }
        Err(error) => diagnostics.extend(error.diagnostics().iter().cloned()),
    }
    diagnostics::sort(&mut diagnostics);
    diagnostics.dedup();
    Ok(diagnostics)
}

/// The command line's word over hub.yaml's.
pub(crate) fn apply_overrides(plan: &BuildPlan, site: &mut Site) {
    if let Some(base_url) = &plan.base_url {
        site.config.base_url = base_url.clone();
    }
    if let Some(portable) = plan.portable {
        site.config.portable = portable;
    }
    if let Some(minify) = plan.minify {
        site.config.minify = minify;
    }
}

/// What the second half of a run made.
pub(crate) struct Produced {
    /// HTML pages rendered.
    pub pages: usize,
    /// What every page of the site shows.
    pub shows: BTreeMap<String, Shows>,
    /// Files not handed to the sink because the output holds them as
    /// they are ([`Unchanged::Kept`]).
    pub kept: Vec<String>,
}

/// What a run does with the search index files that are the last run's
/// made again from the same ([`search::SearchIndex::unchanged`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unchanged {
    /// Hands them to the sink like any other file.
    Handed,
    /// Leaves them out: the output holds them from the last run, whose
    /// scanner looked for the same private values (`haven serve` after an
    /// edit).
    Kept,
}

/// The indexes of the languages the site searches in.
fn search_indexes(site: &Site, cache: &mut search::Cache) -> Vec<search::SearchIndex> {
    if site.config.search.enabled {
        let languages = site.config.site_languages();
        search::build_languages(site, site.config.portable, &languages, cache)
    } else {
        Vec::new()
    }
}

fn finisher<'a>(
    site: &Site,
    style: &'a LinkSettings,
    scanner: &'a postprocess::PrivateScanner,
) -> postprocess::Finisher<'a> {
    postprocess::Finisher::new(
        postprocess::LinkStyle {
            portable: site.config.portable,
            base_path: &style.base_path,
            other_languages: &style.other_languages,
        },
        site.config.minify,
        Some(scanner),
    )
}

/// The value of a finished thread, or its panic passed on.
fn join_or_panic<T>(thread: std::thread::ScopedJoinHandle<'_, T>) -> T {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// What links are made relative with.
struct LinkSettings {
    base_path: String,
    other_languages: Vec<String>,
}

impl LinkSettings {
    fn of(site: &Site) -> Self {
        LinkSettings {
            base_path: base_path(&site.config.base_url),
            other_languages: site.config.site_languages().split_off(1),
        }
    }
}

/// The second half of every run, one page at a time: search, render and
/// post-processing with the private-value scan. The pages `wanted` picks
/// (by output path and what they show) and every other file of the site
/// are each handed to `sink` as soon as they are ready, so a build never
/// holds the site in memory. Any internal value found fails the run (the
/// file that shows it never reaches `sink`); the caller then keeps what
/// `sink` took from being published.
pub(crate) fn produce(
    site: &Site,
    memory: &mut Memory,
    scanner: &postprocess::PrivateScanner,
    wanted: &(dyn Fn(&str, &Shows) -> bool + Sync),
    unchanged: Unchanged,
    sink: &dyn write::Sink,
    clock: &mut Stopwatch,
) -> Result<Produced, BuildError> {
    let links = LinkSettings::of(site);
    let finisher = finisher(site, &links, scanner);
    let problems: Mutex<Problems> = Mutex::default();
    let (finishing, writing) = (ThreadTime::default(), ThreadTime::default());
    let finish_and_write = |file: OutputFile, fragments: &Fragments| {
        let finished = finishing.add(|| finisher.finish(file, fragments));
        let written = if finished.leaks.is_empty() {
            writing.add(|| sink.put(finished.file)).err()
        } else {
            None
        };
        problems
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .add(finished.leaks, written);
    };
    // The search index is made on a thread of its own while the pages
    // render: only the pages with the search panel wait for it. The
    // thread finishes and writes the index files itself.
    let Memory { search, values, .. } = memory;
    let (rendered, kept, search_took) = std::thread::scope(|scope| {
        let finish_and_write = &finish_and_write;
        let making = scope.spawn(move || {
            let started = Instant::now();
            let mut indexes = search_indexes(site, search);
            let mut kept = Vec::new();
            let mut files = Vec::new();
            for index in &mut indexes {
                for file in std::mem::take(&mut index.files) {
                    if unchanged == Unchanged::Kept && index.unchanged.contains(&file.path) {
                        kept.push(file.path);
                    } else {
                        files.push(file);
                    }
                }
            }
            files
                .into_par_iter()
                .for_each(|file| finish_and_write(file, &Fragments::default()));
            (indexes, kept, started.elapsed())
        });
        let pending = std::cell::Cell::new(Some(making));
        let made = std::cell::OnceCell::new();
        let indexes = || -> &[search::SearchIndex] {
            &made
                .get_or_init(|| pending.take().map(join_or_panic).unwrap_or_default())
                .0
        };
        let rendered =
            render::pages::render_selected(site, &indexes, wanted, values, &|page, fragments| {
                finish_and_write(page, fragments);
                None
            });
        // Waited for already, unless no page showed the search panel.
        indexes();
        let (_, kept, took) = made.into_inner().unwrap_or_default();
        (rendered, kept, took)
    });
    let rendered = rendered.map_err(|e| BuildError::Template(e.diagnostics))?;
    clock.lap("pages and search index");
    clock.part("· search index (alongside)", search_took);
    // The rest of the pages' time is rendering.
    clock.part("· finish and scan (threads)", finishing.total());
    clock.part("· write (threads)", writing.total());
    rendered
        .files
        .into_par_iter()
        .for_each(|file| finish_and_write(file, &rendered.fragments));
    clock.lap("other files");
    problems
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
        .result()?;
    Ok(Produced {
        pages: rendered.pages,
        shows: rendered.shows,
        kept,
    })
}

/// The open data files (`/data/`), each piece scanned for internal values
/// and handed to `sink`. Returns how many files there are.
pub(crate) fn write_open_data(
    site: &Site,
    memory: &mut Memory,
    scanner: &postprocess::PrivateScanner,
    sink: &dyn write::Sink,
    clock: &mut Stopwatch,
) -> Result<(), BuildError> {
    let leaks: Mutex<Vec<Diagnostic>> = Mutex::default();
    export::write_cached(site, &mut memory.data, &mut |pieces| {
        pieces.par_iter().try_for_each(|piece| {
            if let Some(leak) = scanner.find(&piece.contents, &piece.path) {
                leaks
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(leak);
                return Ok(());
            }
            sink.append(piece)
        })
    })
    .map_err(BuildError::Write)?;
    clock.lap("open data");
    let leaks = leaks.into_inner().unwrap_or_else(PoisonError::into_inner);
    Problems { leaks, write: None }.result()
}

/// Time spent in one step of work done side by side, summed over threads.
#[derive(Default)]
struct ThreadTime(AtomicU64);

impl ThreadTime {
    fn add<T>(&self, step: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = step();
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.0.fetch_add(nanos, Ordering::Relaxed);
        result
    }

    fn total(&self) -> Duration {
        Duration::from_nanos(self.0.load(Ordering::Relaxed))
    }
}

/// What went wrong while files were handed to a sink.
#[derive(Default)]
struct Problems {
    leaks: Vec<Diagnostic>,
    write: Option<write::WriteError>,
}

impl Problems {
    /// Keeps every leak (a leak must never be lost) and the first write
    /// error.
    fn add(&mut self, leaks: Vec<Diagnostic>, written: Option<write::WriteError>) {
        self.leaks.extend(leaks);
        self.write = self.write.take().or(written);
    }

    fn result(self) -> Result<(), BuildError> {
        if !self.leaks.is_empty() {
            let mut leaks = self.leaks;
            diagnostics::sort(&mut leaks);
            // A card is scanned once per page depth it is shown at.
            leaks.dedup();
            return Err(BuildError::Content(leaks));
        }
        match self.write {
            Some(error) => Err(BuildError::Write(error)),
            None => Ok(()),
        }
    }
}

/// Stops a build whose copied static files show an internal value.
pub(crate) fn refuse_private_static(
    site: &Site,
    scanner: &postprocess::PrivateScanner,
) -> Result<(), BuildError> {
    let mut leaks = scanner.scan_static(&site.static_files);
    if leaks.is_empty() {
        return Ok(());
    }
    diagnostics::sort(&mut leaks);
    Err(BuildError::Content(leaks))
}

/// The path part of a base URL: `https://a.org/hub` → `/hub/`.
fn base_path(base_url: &str) -> String {
    let without_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let path = without_scheme
        .find('/')
        .map_or("/", |index| &without_scheme[index..]);
    if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_is_the_url_path_with_a_trailing_slash() {
        assert_eq!(base_path("https://a.org"), "/");
        assert_eq!(base_path("https://a.org/hub"), "/hub/");
        assert_eq!(base_path("https://a.org/hub/"), "/hub/");
    }
}
