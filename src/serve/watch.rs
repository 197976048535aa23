//! Watching the hub for edits. Editors save in bursts (write a temporary
//! file, rename it over the original, touch a backup), so events are
//! gathered until the hub has been quiet for a moment, and files no build
//! reads (editor temporaries, hidden files, git's folder, build output)
//! are ignored.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::EventKind;
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

/// Quiet time that ends a burst of events.
const QUIET: Duration = Duration::from_millis(30);
/// A burst longer than this (a checkout, a copy) is rebuilt anyway.
const LONGEST_BURST: Duration = Duration::from_secs(2);

pub struct Watcher {
    root: PathBuf,
    events: Receiver<notify::Result<notify::Event>>,
    // Dropping it stops the events.
    _watcher: RecommendedWatcher,
}

impl Watcher {
    pub fn new(root: &Path) -> notify::Result<Watcher> {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let (sender, events) = channel();
        let mut watcher = notify::recommended_watcher(sender)?;
        watcher.watch(&root, RecursiveMode::Recursive)?;
        Ok(Watcher {
            root,
            events,
            _watcher: watcher,
        })
    }

    /// Blocks until files of the hub changed and the burst is over; the
    /// changed paths, relative to the hub. `None` when watching stopped.
    pub fn next_change(&self) -> Option<Vec<PathBuf>> {
        let mut changed = BTreeSet::new();
        while changed.is_empty() {
            self.take(self.events.recv().ok()?, &mut changed);
        }
        let started = Instant::now();
        while started.elapsed() < LONGEST_BURST {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => self.take(event, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        Some(changed.into_iter().collect())
    }

    fn take(&self, event: notify::Result<notify::Event>, changed: &mut BTreeSet<PathBuf>) {
        let Ok(event) = event else {
            return;
        };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            if let Ok(relative) = path.strip_prefix(&self.root) {
                if is_hub_file(relative) {
                    changed.insert(relative.to_path_buf());
                }
            }
        }
    }
}

/// Whether a build could read this path: not an editor's temporary or
/// backup file, nothing hidden, not git's folder or a build's output.
pub fn is_hub_file(relative: &Path) -> bool {
    let mut components = relative.components().peekable();
    if let Some(Component::Normal(first)) = components.peek() {
        if *first == "public" || *first == "node_modules" {
            return false;
        }
    }
    let hidden = relative.components().any(|component| {
        matches!(component, Component::Normal(name) if name.to_string_lossy().starts_with('.'))
    });
    if hidden || relative.as_os_str().is_empty() {
        return false;
    }
    let name = relative
        .file_name()
        .map(|name| name.to_string_lossy())
        .unwrap_or_default();
    let temporary = name.ends_with('~')
        || name.starts_with('#')
        || name == "4913"
        || [
            ".swp",
            ".swx",
            ".swo",
            ".tmp",
            ".bak",
            ".orig",
            "___jb_tmp___",
            "___jb_old___",
        ]
        .iter()
        .any(|suffix| name.ends_with(suffix));
    !temporary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hub_files_are_watched() {
        for path in [
            "hub.yaml",
            "partners/a.yaml",
            "guides/safety-plan.es.md",
            "templates/base.html",
            "static/logo.png",
        ] {
            assert!(is_hub_file(Path::new(path)), "{path}");
        }
    }

    #[test]
    fn editor_temporaries_and_outputs_are_not() {
        for path in [
            "partners/.a.yaml.swp",
            "partners/a.yaml~",
            "partners/#a.yaml#",
            "partners/4913",
            "partners/a.yaml.tmp",
            "partners/a.yaml___jb_tmp___",
            ".git/index",
            "partners/.goutputstream-X1",
            "public/index.html",
            "",
        ] {
            assert!(!is_hub_file(Path::new(path)), "{path}");
        }
    }
}
