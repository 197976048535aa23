//! Rebuilding for `haven serve`: after an edit, the preview folder is
//! brought up to date and the terminal learns what was rebuilt and how
//! long it took. A failed rebuild leaves the last good site in place.
//!
//! An edit to partner records or guides re-renders only the pages that show
//! them (before or after the edit: a partner that leaves a service area
//! leaves its page too), the search index and the small site-wide files. A
//! list shows a partner's card: it is re-rendered only if a card on it
//! looks different (see `Shows::cards`).
//! Anything else (hub.yaml, taxonomies, templates, UI strings, static
//! files, private overlays), or a change to what every page shows (the
//! number of partners, the service areas' counts), rebuilds everything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostic;
use crate::pipeline::build::{
    self, BuildError, BuildPlan, Memory, Produced, Source, Stopwatch, Unchanged,
};
use crate::pipeline::model::{PrivateValues, Site};
use crate::pipeline::output::OutputFile;
use crate::pipeline::postprocess::leaks::{Clues, SplitCache};
use crate::pipeline::postprocess::PrivateScanner;
use crate::pipeline::render::pages::{site_wide_fingerprint, Shows};
use crate::pipeline::write;
use crate::serve::watch::is_hub_file;

/// One hub previewed in one folder, across edits.
pub struct Preview {
    plan: BuildPlan,
    /// The hub's files at the last build: a vanished path matters only if
    /// it was one of them (an editor's temporary file does not).
    known: BTreeSet<PathBuf>,
    /// Edits since the last good build: after a failed rebuild, the next
    /// one must still cover them.
    pending: BTreeSet<PathBuf>,
    served: Option<Served>,
    /// What the stages keep between rebuilds.
    memory: Memory,
    /// The scanner for the private values of the last build.
    scanner: Option<PrivateScanner>,
    /// The site the open data has yet to be written for: after the pages,
    /// so the browser reloads first ([`Preview::write_data`]).
    /// With the fingerprint of the scanner its pages were scanned with.
    data_pending: Option<(Site, PrivateValues, Option<u64>)>,
}

/// What the site in the preview folder was built from.
struct Served {
    site_wide: u64,
    /// Guide slug → the partners whose pages list it: their template
    /// values change with the guide.
    partners_of_guide: BTreeMap<String, BTreeSet<String>>,
    shows: BTreeMap<String, Shows>,
    /// Every file of the site, generated or copied.
    outputs: BTreeSet<String>,
    /// The fingerprint of the scanner its files were scanned with.
    scanned_with: Option<u64>,
}

/// What a rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    pub scope: Scope,
    /// HTML pages rendered.
    pub pages: usize,
    /// HTML pages of the site.
    pub total_pages: usize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// Time per stage, as `haven build --verbose` prints them.
    pub timings: Vec<crate::pipeline::build::Lap>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Scope {
    Everything,
    /// The pages showing these partners (ids) and guides (slugs).
    Records {
        partners: BTreeSet<String>,
        guides: BTreeSet<String>,
    },
}

impl std::fmt::Display for Rebuilt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let took = self.elapsed.as_millis();
        match &self.scope {
            Scope::Everything => write!(
                f,
                "rebuilt the whole site ({} pages) in {took} ms",
                self.pages
            ),
            Scope::Records { partners, guides } => {
                let mut what: Vec<String> = Vec::new();
                if !partners.is_empty() {
                    what.push(format!("partner {}", list(partners)));
                }
                if !guides.is_empty() {
                    what.push(format!("guide {}", list(guides)));
                }
                write!(
                    f,
                    "rebuilt {} of {} pages (showing {}) and the search index in {took} ms",
                    self.pages,
                    self.total_pages,
                    what.join(", ")
                )
            }
        }
    }
}

fn list(names: &BTreeSet<String>) -> String {
    names
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

impl Preview {
    pub fn new(plan: BuildPlan) -> Self {
        Preview {
            plan,
            known: BTreeSet::new(),
            pending: BTreeSet::new(),
            served: None,
            memory: Memory::kept(),
            scanner: None,
            data_pending: None,
        }
    }

    /// Writes the open data files (`/data/`) of the last good build, if
    /// they are not written yet. `haven serve` calls it once a rebuild's
    /// pages are in place and the browser is reloading: the data files
    /// follow a moment later, each partner's share re-made only if it
    /// was edited. Returns how many files changed.
    pub fn write_data(&mut self) -> Result<usize, BuildError> {
        let Some((site, private, scanned_with)) = self.data_pending.take() else {
            return Ok(0);
        };
        let collected = write::Collect::default();
        let scanner = scanner_for(
            &mut self.scanner,
            &private,
            scanned_with,
            self.memory.clue_cache(),
        );
        build::write_open_data(
            &site,
            &mut self.memory,
            scanner,
            &collected,
            &mut Stopwatch::new(),
        )?;
        let files = collected.into_files();
        let differing = write::differing(&self.plan.output, &files);
        write::update(&self.plan.output, &differing, &[]).map_err(BuildError::Write)
    }

    pub fn plan(&self) -> &BuildPlan {
        &self.plan
    }

    /// Builds everything, as `haven build` does.
    pub fn build_all(&mut self) -> Result<Rebuilt, BuildError> {
        let started = Instant::now();
        self.known = hub_files(&self.plan.root);
        // Taxonomies, overlays or settings may have changed how records
        // check and model.
        self.memory.forget_checks();
        let built = self.prepare().and_then(|(site, private, warnings, clock)| {
            self.everything(site, private, warnings, clock, started)
        });
        self.forget_index_files_unless(built.is_ok());
        built
    }

    /// Builds everything from the hub's files alone, forgetting what
    /// earlier runs read: for when the watcher missed changes, so any file
    /// may differ from what was read before.
    pub fn start_over(&mut self) -> Result<Rebuilt, BuildError> {
        self.memory = Memory::kept();
        self.build_all()
    }

    /// After a failed rebuild, the search index files it made may not be
    /// in the preview: the next rebuild must not leave any out as
    /// unchanged ([`Unchanged::Kept`]).
    fn forget_index_files_unless(&mut self, built: bool) {
        if !built {
            self.memory.forget_index_files();
        }
    }

    /// Brings the preview up to date after `changed` (paths relative to
    /// the hub) were edited; `None` when none of them is a hub file.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Option<Result<Rebuilt, BuildError>> {
        let relevant: Vec<&PathBuf> = changed
            .iter()
            .filter(|path| is_hub_file(path))
            .filter(|path| self.known.contains(*path) || self.plan.root.join(path).is_file())
            .collect();
        if relevant.is_empty() {
            return None;
        }
        let relevant: Vec<PathBuf> = relevant.into_iter().cloned().collect();
        self.memory.files_changed(&self.plan.root, &relevant);
        for path in &relevant {
            if self.plan.root.join(path).is_file() {
                self.known.insert(path.clone());
            } else {
                self.known.remove(path);
            }
        }
        self.pending.extend(relevant);
        let edit = Edit::of(&self.pending);
        let result = match (edit, self.served.is_some()) {
            (Some(Edit { partners, guides }), true) => self.records(partners, guides),
            _ => self.build_all(),
        };
        self.forget_index_files_unless(result.is_ok());
        Some(result)
    }

    fn prepare(&mut self) -> Result<(Site, PrivateValues, Vec<Diagnostic>, Stopwatch), BuildError> {
        let mut clock = Stopwatch::new();
        // Without a git revision to compare with, this cannot fail.
        let (prepared, diagnostics) =
            build::model_hub(&Source::of(&self.plan), &mut self.memory, &mut clock)
                .unwrap_or_default();
        let Some((mut site, private)) = prepared else {
            return Err(BuildError::Content(diagnostics));
        };
        build::apply_overrides(&self.plan, &mut site);
        Ok((site, private, diagnostics, clock))
    }

    /// The pages `wanted` picks and every other file, in memory, each
    /// scanned for private values; but the search index files made again
    /// as they were are left out if the preview holds them from a build
    /// scanned by the same scanner (`served`).
    fn produce(
        &mut self,
        site: &Site,
        private: &PrivateValues,
        wanted: &(dyn Fn(&str, &Shows) -> bool + Sync),
        served: Option<&Served>,
        clock: &mut Stopwatch,
    ) -> Result<(Produced, Vec<OutputFile>), BuildError> {
        let scanner = scanner_for(&mut self.scanner, private, None, self.memory.clue_cache());
        let scanned_alike =
            served.is_some_and(|served| served.scanned_with == Some(scanner.fingerprint()));
        let unchanged = if scanned_alike {
            Unchanged::Kept
        } else {
            Unchanged::Handed
        };
        let collected = write::Collect::default();
        let produced = build::produce(
            site,
            &mut self.memory,
            scanner,
            wanted,
            unchanged,
            &collected,
            clock,
        )?;
        Ok((produced, collected.into_files()))
    }

    fn everything(
        &mut self,
        site: Site,
        private: PrivateValues,
        warnings: Vec<Diagnostic>,
        mut clock: Stopwatch,
        started: Instant,
    ) -> Result<Rebuilt, BuildError> {
        let output =
            write::check_output(&self.plan.output, &self.plan.root).map_err(BuildError::Write)?;
        // Templates, strings or settings may have changed how every
        // partner looks.
        self.memory.forget_looks();
        // Static files change only with a full rebuild: scanned only then.
        build::refuse_private_static(
            &site,
            scanner_for(&mut self.scanner, &private, None, self.memory.clue_cache()),
        )?;
        let (produced, files) = self.produce(&site, &private, &|_, _| true, None, &mut clock)?;
        write::write(&output, &files, &site.static_files).map_err(BuildError::Write)?;
        clock.lap("write");
        let outputs = outputs(&produced, &files, &site);
        let pages = produced.pages;
        let site_wide = site_wide_fingerprint(&site);
        self.now_serving(site_wide, produced.shows, outputs, (site, private));
        Ok(Rebuilt {
            scope: Scope::Everything,
            pages,
            total_pages: pages,
            warnings,
            elapsed: started.elapsed(),
            timings: clock.timings,
        })
    }

    /// Re-renders the pages that show the edited records, before or after
    /// the edit.
    fn records(
        &mut self,
        partners: BTreeSet<String>,
        guides: BTreeSet<String>,
    ) -> Result<Rebuilt, BuildError> {
        let started = Instant::now();
        let (site, private, warnings, mut clock) = self.prepare()?;
        let Some(served) = self
            .served
            .take_if(|served| served.site_wide == site_wide_fingerprint(&site))
        else {
            return self.everything(site, private, warnings, clock, started);
        };
        // A partner lists the guides that point to it (before or after the
        // edit): those partners changed too, wherever they are shown.
        let now_pointing = partners_of_guide(&site);
        let mut touched = partners.clone();
        for slug in &guides {
            let before = served.partners_of_guide.get(slug).into_iter().flatten();
            let after = now_pointing.get(slug).into_iter().flatten();
            touched.extend(before.chain(after).cloned());
        }
        let shows_edit =
            |shows: &Shows| shows.partners.shows_any(&touched) || shows.guides.shows_any(&guides);
        let wanted = |output: &str, shows: &Shows| {
            // The search panel shows the new index's file name and counts;
            // a page of a list whose records moved shows others now.
            shows.search
                || shows_edit(shows)
                || served
                    .shows
                    .get(output)
                    .is_none_or(|before| shows_edit(before) || before != shows)
        };
        self.memory.forget_partners(&touched);
        let (produced, files) =
            self.produce(&site, &private, &wanted, Some(&served), &mut clock)?;
        let outputs = outputs(&produced, &files, &site);
        let removed: Vec<String> = served.outputs.difference(&outputs).cloned().collect();
        let differing = write::differing(&self.plan.output, &files);
        if let Err(error) = write::update(&self.plan.output, &differing, &removed) {
            // The folder is half updated: the next build writes it whole.
            return Err(BuildError::Write(error));
        }
        clock.lap("write");
        let total_pages = produced.shows.len();
        let site_wide = served.site_wide;
        drop(differing);
        drop_later((served, files));
        self.now_serving(site_wide, produced.shows, outputs, (site, private));
        Ok(Rebuilt {
            scope: Scope::Records { partners, guides },
            pages: produced.pages,
            total_pages,
            warnings,
            elapsed: started.elapsed(),
            timings: clock.timings,
        })
    }

    /// Remembers what the preview folder now holds; its open data is
    /// written next ([`Preview::write_data`]).
    fn now_serving(
        &mut self,
        site_wide: u64,
        shows: BTreeMap<String, Shows>,
        outputs: BTreeSet<String>,
        (site, private): (Site, PrivateValues),
    ) {
        let scanned_with = self.scanner.as_ref().map(PrivateScanner::fingerprint);
        self.served = Some(Served {
            site_wide,
            partners_of_guide: partners_of_guide(&site),
            shows,
            outputs,
            scanned_with,
        });
        self.pending.clear();
        self.data_pending = Some((site, private, scanned_with));
    }
}

/// The scanner for `private`, made again only when what it looks for
/// changed; it remembers the files it found clean until then. A caller
/// that knows the fingerprint `private` was scanned with last
/// (`built_with`) saves working out the clues again.
fn scanner_for<'a>(
    slot: &'a mut Option<PrivateScanner>,
    private: &PrivateValues,
    built_with: Option<u64>,
    cache: &mut SplitCache,
) -> &'a PrivateScanner {
    let is_current = slot
        .as_ref()
        .is_some_and(|scanner| Some(scanner.fingerprint()) == built_with);
    if !is_current {
        let clues = Clues::of_cached(private, cache);
        let wanted = clues.fingerprint();
        if slot
            .as_ref()
            .is_none_or(|scanner| scanner.fingerprint() != wanted)
        {
            *slot = Some(PrivateScanner::remembering(clues));
        }
    }
    // Set above when it was not current.
    slot.get_or_insert_with(|| PrivateScanner::remembering(Clues::of_cached(private, cache)))
}

/// Lets go of `value` on another thread: freeing what a site's thousands
/// of pages record takes milliseconds the reload need not wait for.
fn drop_later<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// An edit only to partner records and guides: which ones.
struct Edit {
    partners: BTreeSet<String>,
    guides: BTreeSet<String>,
}

impl Edit {
    /// `None` when anything else changed.
    fn of(changed: &BTreeSet<PathBuf>) -> Option<Edit> {
        let mut edit = Edit {
            partners: BTreeSet::new(),
            guides: BTreeSet::new(),
        };
        for path in changed {
            let mut parts = path.iter().map(|part| part.to_str());
            let (Some(Some(folder)), Some(Some(name)), None) =
                (parts.next(), parts.next(), parts.next())
            else {
                return None;
            };
            // A build only succeeds when a record's id is its file name.
            match (folder, name.rsplit_once('.')) {
                ("partners", Some((id, "yaml" | "yml"))) => edit.partners.insert(id.to_string()),
                // guides/<slug>.md and its translations, guides/<slug>.es.md
                ("guides", Some((stem, "md"))) => edit
                    .guides
                    .insert(stem.split('.').next().unwrap_or(stem).to_string()),
                _ => return None,
            };
        }
        Some(edit)
    }
}

fn partners_of_guide(site: &Site) -> BTreeMap<String, BTreeSet<String>> {
    let mut pointing: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for partner in &site.partners {
        for guide in &partner.guides {
            pointing
                .entry(guide.slug.clone())
                .or_default()
                .insert(partner.id.clone());
        }
    }
    pointing
}

/// Every file of the site: pages, other generated files, copied files.
fn outputs(produced: &Produced, files: &[OutputFile], site: &Site) -> BTreeSet<String> {
    produced
        .shows
        .keys()
        .cloned()
        .chain(files.iter().map(|file| file.path.clone()))
        .chain(produced.kept.iter().cloned())
        .chain(
            site.static_files
                .iter()
                .map(|file| file.output_path.clone()),
        )
        // Written by `Preview::write_data`, after the pages.
        .chain(crate::pipeline::export::paths(site))
        .collect()
}

/// Every file a build may read, relative to the hub.
fn hub_files(root: &Path) -> BTreeSet<PathBuf> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter_map(|entry| entry.path().strip_prefix(root).ok().map(Path::to_path_buf))
        .filter(|path| is_hub_file(path))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(paths: &[&str]) -> Option<(Vec<String>, Vec<String>)> {
        let changed = paths.iter().map(PathBuf::from).collect();
        Edit::of(&changed).map(|edit| {
            (
                edit.partners.into_iter().collect(),
                edit.guides.into_iter().collect(),
            )
        })
    }

    #[test]
    fn partner_and_guide_files_are_edits_of_those_records() {
        assert_eq!(
            edit(&["partners/a.yaml", "guides/plan.es.md", "guides/plan.md"]),
            Some((vec!["a".to_string()], vec!["plan".to_string()]))
        );
    }

    #[test]
    fn anything_else_rebuilds_everything() {
        for path in [
            "hub.yaml",
            "taxonomies.yaml",
            "templates/base.html",
            "i18n/es.yaml",
            "static/logo.png",
            "private/a.yaml",
            "partners/notes.txt",
            "partners/sub/a.yaml",
        ] {
            assert!(edit(&["partners/a.yaml", path]).is_none(), "{path}");
        }
    }
}
