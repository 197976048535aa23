//! Rebuilding for `haven serve`: after an edit, the preview folder is
//! brought up to date and the terminal learns what was rebuilt and how
//! long it took. A failed rebuild leaves the last good site in place.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::build::{self, BuildError, BuildPlan};
use crate::diagnostic::Diagnostic;
use crate::serve::watch::is_hub_file;

/// One hub previewed in one folder, across edits.
pub struct Preview {
    plan: BuildPlan,
    /// The hub's files at the last build: a vanished path matters only if
    /// it was one of them (an editor's temporary file does not).
    known: BTreeSet<PathBuf>,
}

/// What a rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    pub scope: Scope,
    /// HTML pages rendered.
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Scope {
    Everything,
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
        }
    }
}

impl Preview {
    pub fn new(plan: BuildPlan) -> Self {
        Preview {
            plan,
            known: BTreeSet::new(),
        }
    }

    pub fn plan(&self) -> &BuildPlan {
        &self.plan
    }

    /// Builds everything, as `haven build` does.
    pub fn build_all(&mut self) -> Result<Rebuilt, BuildError> {
        let started = Instant::now();
        self.known = hub_files(&self.plan.root);
        let report = build::build(&self.plan)?;
        Ok(Rebuilt {
            scope: Scope::Everything,
            pages: report.pages,
            warnings: report.warnings,
            elapsed: started.elapsed(),
        })
    }

    /// Brings the preview up to date after `changed` (paths relative to
    /// the hub) were edited; `None` when none of them is a hub file.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Option<Result<Rebuilt, BuildError>> {
        let relevant: Vec<&PathBuf> = changed
            .iter()
            .filter(|path| self.known.contains(*path) || self.plan.root.join(path).is_file())
            .collect();
        if relevant.is_empty() {
            return None;
        }
        Some(self.build_all())
    }
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
