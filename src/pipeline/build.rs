//! The pipeline in one place: load → validate → model → render →
//! post-process → write, each stage timed (`--verbose` prints the times).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::diagnostics::{self, Diagnostic};
use crate::hub::date::Date;
use crate::pipeline::model::{self, Site};
use crate::pipeline::output::OutputFile;
use crate::pipeline::render::pages::Shows;
use crate::pipeline::render::values::Fragments;
use crate::pipeline::{load, postprocess, render, search, validate, write};
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
        }
    }
}

#[derive(Debug, Default)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
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

/// Loads, validates and models the hub: what `haven check` and the first
/// half of a build share. Returns the site only when there is no error.
/// The modelled site (when there is no error) and every diagnostic.
pub type Prepared = (Option<(Site, model::PrivateValues)>, Vec<Diagnostic>);

pub fn prepare(root: &Path, today: Date, include_drafts: bool) -> Prepared {
    // Without a revision to compare with, git is never asked, so this
    // cannot fail.
    prepare_since(root, today, include_drafts, None).unwrap_or_default()
}

/// [`prepare`], plus rule E023 against git revision `since` when given.
/// Fails only when git cannot answer (not a repository, unknown revision).
pub fn prepare_since(
    root: &Path,
    today: Date,
    include_drafts: bool,
    since: Option<&str>,
) -> Result<Prepared, String> {
    prepare_cached(
        root,
        today,
        include_drafts,
        since,
        &mut SourceCache::one_shot(),
    )
}

/// What `haven serve` keeps between rebuilds of the first half of a build:
/// parsed files, checked and modelled records, by file and text.
#[derive(Default)]
pub struct SourceCache {
    parsed: load::ParseCache,
    checked: validate::CheckCache,
    modelled: model::ModelCache,
}

impl SourceCache {
    /// Caches that remember nothing, for a build or check that runs once.
    pub fn one_shot() -> Self {
        SourceCache {
            parsed: load::ParseCache::one_shot(),
            checked: validate::CheckCache::one_shot(),
            modelled: model::ModelCache::one_shot(),
        }
    }

    /// Forgets the checked and modelled records, keeping the parsed files:
    /// for changes to what records are checked and modelled with
    /// (taxonomies, private overlays, settings).
    pub fn forget_derived(&mut self) {
        self.checked = validate::CheckCache::default();
        self.modelled = model::ModelCache::default();
    }

    /// Forgets what was read from these files (paths relative to the hub).
    pub fn changed(&mut self, paths: &[PathBuf]) {
        self.parsed.changed(paths);
    }
}

/// [`prepare_since`], parsing and modelling only files that changed since
/// `cache` saw them.
pub fn prepare_cached(
    root: &Path,
    today: Date,
    include_drafts: bool,
    since: Option<&str>,
    cache: &mut SourceCache,
) -> Result<Prepared, String> {
    prepare_timed(
        root,
        today,
        include_drafts,
        since,
        cache,
        &mut Stopwatch::new(),
    )
}

/// [`prepare_cached`], with a lap on `clock` per stage.
pub(crate) fn prepare_timed(
    root: &Path,
    today: Date,
    include_drafts: bool,
    since: Option<&str>,
    cache: &mut SourceCache,
    clock: &mut Stopwatch,
) -> Result<Prepared, String> {
    let loaded = load::load_cached(root, &mut cache.parsed);
    clock.lap("load");
    let mut diagnostics = loaded.diagnostics;
    let Some(hub) = loaded.hub else {
        diagnostics::sort(&mut diagnostics);
        return Ok((None, diagnostics));
    };
    let unpublished = if include_drafts {
        BTreeSet::new()
    } else {
        unpublished_files(&hub)
    };
    diagnostics.extend(validate::validate_cached(&hub, today, &mut cache.checked));
    if let Some(since) = since {
        diagnostics.extend(crate::pipeline::validate::history::vanished_ids(
            &hub, since,
        )?);
    }
    clock.lap("validate");
    let modelled = model::build_cached(hub, today, include_drafts, &mut cache.modelled);
    diagnostics.extend(modelled.diagnostics);
    diagnostics
        .extend(crate::pipeline::postprocess::leaks::published_by_their_record(&modelled.private));
    clock.lap("model");
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

    let (prepared, diagnostics) = prepare_timed(
        &plan.root,
        plan.today,
        plan.include_drafts,
        None,
        &mut SourceCache::one_shot(),
        &mut clock,
    )
    // Without a git revision to compare with, git is never asked.
    .unwrap_or_default();
    let Some((mut site, private)) = prepared else {
        return Err(BuildError::Content(diagnostics));
    };
    apply_overrides(plan, &mut site);
    let scanner = postprocess::PrivateScanner::new(&private);
    refuse_private_static(&site, &scanner)?;
    let staging = write::Staging::new(&output, &site.static_files).map_err(BuildError::Write)?;
    let (pages, files) = stream(&site, &mut clock, &scanner, &staging)?;
    staging.commit().map_err(BuildError::Write)?;
    clock.lap("swap into place");

    Ok(BuildReport {
        pages,
        files: files + site.static_files.len(),
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
/// and scanned for private values (P030) as a build does, then dropped.
/// Fails only when git cannot answer for `since`.
pub fn check(root: &Path, today: Date, since: Option<&str>) -> Result<Vec<Diagnostic>, String> {
    let (prepared, mut diagnostics) = prepare_since(root, today, false, since)?;
    let Some((site, private)) = prepared else {
        return Ok(diagnostics);
    };
    let scanner = postprocess::PrivateScanner::new(&private);
    let found = refuse_private_static(&site, &scanner)
        .and_then(|()| stream(&site, &mut Stopwatch::new(), &scanner, &write::Discard));
    if let Err(error) = found {
        diagnostics.extend(error.diagnostics().iter().cloned());
        diagnostics::sort(&mut diagnostics);
        diagnostics.dedup();
    }
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

/// What a build may re-use from an earlier one (`haven serve`); a build
/// starts with empty ones.
#[derive(Default)]
pub(crate) struct Caches {
    pub search: search::Cache,
    pub values: render::values::ValueCache,
}

/// The middle of a build: the files of the site, ready to write.
pub(crate) struct Produced {
    pub files: Vec<OutputFile>,
    /// HTML pages rendered.
    pub pages: usize,
    /// What every page of the site shows.
    pub shows: BTreeMap<String, Shows>,
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
    scanner: Option<&'a postprocess::PrivateScanner>,
) -> postprocess::Finisher<'a> {
    postprocess::Finisher::new(
        postprocess::LinkStyle {
            portable: site.config.portable,
            base_path: &style.base_path,
            other_languages: &style.other_languages,
        },
        site.config.minify,
        scanner,
    )
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

/// The middle and end of a full build, one page at a time: each page is
/// rendered, finished, scanned for internal values and written to
/// `staging` as soon as it is ready, so the site is never all in memory.
/// Any internal value found fails the build, and `staging` is then never
/// committed. Returns the number of pages and of files written.
fn stream(
    site: &Site,
    clock: &mut Stopwatch,
    scanner: &postprocess::PrivateScanner,
    staging: &dyn write::Sink,
) -> Result<(usize, usize), BuildError> {
    let mut indexes = search_indexes(site, &mut search::Cache::one_shot());
    // Pages need only the indexes' head paths and facets: the index files
    // are written now, not kept while every page renders.
    let index_files: Vec<OutputFile> = indexes
        .iter_mut()
        .flat_map(|index| std::mem::take(&mut index.files))
        .collect();
    clock.lap("search index");
    let links = LinkSettings::of(site);
    let finisher = finisher(site, &links, Some(scanner));
    let problems: Mutex<Problems> = Mutex::default();
    let (finishing, writing) = (ThreadTime::default(), ThreadTime::default());
    let finish_and_write = |file: OutputFile, fragments: &Fragments| {
        let finished = finishing.add(|| finisher.finish(file, fragments));
        let written = if finished.leaks.is_empty() {
            writing.add(|| staging.put(&finished.file)).err()
        } else {
            None
        };
        // A leak must never be lost, even to a poisoned lock.
        let mut problems = problems
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        problems.leaks.extend(finished.leaks);
        problems.write = problems.write.take().or(written);
    };
    let index_file_count = index_files.len();
    index_files
        .into_par_iter()
        .for_each(|file| finish_and_write(file, &Fragments::default()));
    let rendered = render::pages::render_selected(
        site,
        &indexes,
        &|_, _| true,
        &mut render::values::ValueCache::one_shot(),
        &|page, fragments| {
            finish_and_write(page, fragments);
            None
        },
    )
    .map_err(|e| BuildError::Template(e.diagnostics))?;
    clock.lap("pages");
    // The rest of the pages' time is rendering.
    clock.part("· finish and scan (threads)", finishing.total());
    clock.part("· write (threads)", writing.total());
    let files = index_file_count + rendered.files.len() + rendered.pages;
    rendered
        .files
        .into_par_iter()
        .for_each(|file| finish_and_write(file, &rendered.fragments));
    clock.lap("other files");
    crate::pipeline::export::write(site, &mut |pieces| {
        pieces.par_iter().try_for_each(|piece| {
            if let Some(leak) = scanner.find(&piece.contents, &piece.path) {
                problems
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .leaks
                    .push(leak);
                return Ok(());
            }
            staging.append(piece)
        })
    })
    .map_err(BuildError::Write)?;
    clock.lap("open data");
    let files = files + crate::pipeline::export::paths(site).len();
    let problems = problems
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if !problems.leaks.is_empty() {
        let mut leaks = problems.leaks;
        diagnostics::sort(&mut leaks);
        // A card is scanned once per page depth it is shown at.
        leaks.dedup();
        return Err(BuildError::Content(leaks));
    }
    if let Some(error) = problems.write {
        return Err(BuildError::Write(error));
    }
    Ok((rendered.pages, files))
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

/// What went wrong while pages were streamed to disk.
#[derive(Default)]
struct Problems {
    leaks: Vec<Diagnostic>,
    write: Option<write::WriteError>,
}

/// Search indexes, the pages `wanted` picks (with every other file) and
/// post-processing, all kept in memory (`haven serve`). The files still
/// need [`refuse_private_values`].
pub(crate) fn produce(
    site: &Site,
    clock: &mut Stopwatch,
    caches: &mut Caches,
    wanted: &(dyn Fn(&str, &Shows) -> bool + Sync),
) -> Result<Produced, BuildError> {
    let indexes = search_indexes(site, &mut caches.search);
    clock.lap("search index");
    let rendered =
        render::pages::render_selected(site, &indexes, wanted, &mut caches.values, &|page, _| {
            Some(page)
        })
        .map_err(|e| BuildError::Template(e.diagnostics))?;
    clock.lap("render");

    let links = LinkSettings::of(site);
    let finisher = finisher(site, &links, None);
    let files: Vec<OutputFile> = rendered
        .files
        .into_par_iter()
        .map(|file| finisher.finish(file, &rendered.fragments).file)
        .collect();
    clock.lap("post-process");
    Ok(Produced {
        files,
        pages: rendered.pages,
        shows: rendered.shows,
    })
}

/// Stops a build whose files would show a value from an `internal` block
/// or a private overlay.
pub(crate) fn refuse_private_values(
    files: &[&OutputFile],
    scanner: &postprocess::PrivateScanner,
    clock: &mut Stopwatch,
) -> Result<(), BuildError> {
    let leaks = scanner.scan(files);
    clock.lap("private-value scan");
    if leaks.is_empty() {
        Ok(())
    } else {
        Err(BuildError::Content(leaks))
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
