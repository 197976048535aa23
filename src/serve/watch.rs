//! Watching the hub for edits. Editors save in bursts (write a temporary
//! file, rename it over the original, touch a backup), so events are
//! gathered until the hub has been quiet for a moment, and files no build
//! reads (editor temporaries, hidden files, git's folder, build output)
//! are ignored.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

/// Quiet time that ends a burst of events while a changed file may still
/// be being written.
const QUIET: Duration = Duration::from_millis(30);
/// Quiet time that ends a burst once every changed file is complete
/// (closed after writing, renamed into place or removed): the save is
/// over, and waiting longer only delays the preview. Where the system
/// does not say when a file is closed (macOS, polling), it is [`QUIET`].
const SETTLED: Duration = Duration::from_millis(5);
/// [`SETTLED`] when the last change was a file closed after writing: it
/// is whole where it belongs. A file renamed or removed last may be the
/// first half of a save that puts a new file in its place (vim renames
/// the original to its backup, then writes a new one), so that waits
/// [`SETTLED`].
const CLOSED: Duration = Duration::from_millis(1);
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
    pub fn next_change(&self) -> Option<Change> {
        let mut burst = Burst::default();
        while burst.changed.is_empty() && !burst.missed {
            burst.take_event(&self.root, self.events.recv().ok()?);
        }
        let started = Instant::now();
        while started.elapsed() < LONGEST_BURST {
            match self.events.recv_timeout(burst.quiet()) {
                Ok(event) => burst.take_event(&self.root, event),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        Some(Change {
            paths: burst.changed.into_iter().collect(),
            missed: burst.missed,
        })
    }
}

/// What changed in the hub since the last change was taken.
#[derive(Debug)]
pub struct Change {
    /// The changed files, relative to the hub.
    pub paths: Vec<PathBuf>,
    /// Some changes went unreported: any file may have changed.
    pub missed: bool,
}

/// The hub files an edit changed, and those of them that may still be
/// being written.
#[derive(Default)]
struct Burst {
    changed: BTreeSet<PathBuf>,
    missed: bool,
    writing: BTreeSet<PathBuf>,
    /// The last change closed a file after writing it.
    last_closed: bool,
}

impl Burst {
    /// Takes the hub files of one of the system's events (paths under `root`).
    fn take_event(&mut self, root: &Path, event: notify::Result<notify::Event>) {
        let event = match event {
            Ok(event) if !event.need_rescan() => event,
            // The system dropped events (its queue overflowed during a
            // large checkout) or could not deliver one.
            _ => {
                self.missed = true;
                return;
            }
        };
        let paths = event
            .paths
            .iter()
            .filter_map(|path| path.strip_prefix(root).ok())
            .filter(|relative| is_hub_file(relative));
        for path in paths {
            self.take(&event.kind, path);
        }
    }

    fn take(&mut self, kind: &EventKind, path: &Path) {
        match kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
                self.writing.remove(path);
                self.last_closed = true;
            }
            // Reading a file changes nothing.
            EventKind::Access(_) => {}
            EventKind::Remove(_)
            | EventKind::Modify(ModifyKind::Name(_) | ModifyKind::Metadata(_)) => {
                self.changed.insert(path.to_path_buf());
                self.writing.remove(path);
                self.last_closed = false;
            }
            _ => {
                self.changed.insert(path.to_path_buf());
                self.writing.insert(path.to_path_buf());
                self.last_closed = false;
            }
        }
    }

    fn quiet(&self) -> Duration {
        match (self.writing.is_empty(), self.last_closed) {
            (false, _) => QUIET,
            (true, true) => CLOSED,
            (true, false) => SETTLED,
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

    fn burst(events: &[(EventKind, &str)]) -> Burst {
        let mut burst = Burst::default();
        for (kind, path) in events {
            burst.take(kind, Path::new(path));
        }
        burst
    }

    const WRITTEN: EventKind = EventKind::Modify(ModifyKind::Data(notify::event::DataChange::Any));
    const CLOSED_AFTER_WRITING: EventKind = EventKind::Access(AccessKind::Close(AccessMode::Write));

    #[test]
    fn a_file_closed_after_writing_ends_the_burst_soonest() {
        let saved = burst(&[
            (WRITTEN, "partners/a.yaml"),
            (CLOSED_AFTER_WRITING, "partners/a.yaml"),
        ]);
        assert_eq!(saved.quiet(), CLOSED);
        assert_eq!(
            saved.changed,
            BTreeSet::from([PathBuf::from("partners/a.yaml")])
        );
    }

    #[test]
    fn a_file_still_open_waits_the_full_quiet_time() {
        let saving = burst(&[
            (WRITTEN, "partners/a.yaml"),
            (CLOSED_AFTER_WRITING, "partners/a.yaml"),
            (WRITTEN, "partners/b.yaml"),
        ]);
        assert_eq!(saving.quiet(), QUIET);
    }

    #[test]
    fn a_file_renamed_into_place_is_complete() {
        // An editor's safe save: written to a temporary file (not a hub
        // file), then renamed over the original.
        let renamed = EventKind::Modify(ModifyKind::Name(notify::event::RenameMode::To));
        let saved = burst(&[(renamed, "guides/plan.md")]);
        assert_eq!(saved.quiet(), SETTLED);
        assert_eq!(saved.changed.len(), 1);
    }

    #[test]
    fn a_file_moved_away_waits_for_one_put_in_its_place() {
        // vim's save: the original renamed to its backup (not a hub file
        // by its new name), then a new file written in its place.
        let moved = EventKind::Modify(ModifyKind::Name(notify::event::RenameMode::From));
        let half_saved = burst(&[
            (WRITTEN, "partners/b.yaml"),
            (CLOSED_AFTER_WRITING, "partners/b.yaml"),
            (moved, "partners/a.yaml"),
        ]);
        assert_eq!(half_saved.quiet(), SETTLED);
    }

    #[test]
    fn events_the_system_dropped_or_could_not_deliver_are_a_missed_change() {
        let overflowed = notify::Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        let undelivered = notify::Error::generic("inotify read failed");
        for event in [Ok(overflowed), Err(undelivered)] {
            let mut burst = Burst::default();
            burst.take_event(Path::new("/hub"), event);
            assert!(burst.missed);
        }
    }

    #[test]
    fn an_edit_reported_in_full_is_not_a_missed_change() {
        let written = notify::Event::new(WRITTEN).add_path(PathBuf::from("/hub/partners/a.yaml"));
        let mut burst = Burst::default();
        burst.take_event(Path::new("/hub"), Ok(written));
        assert!(!burst.missed);
        assert_eq!(
            burst.changed,
            BTreeSet::from([PathBuf::from("partners/a.yaml")])
        );
    }

    #[test]
    fn reading_a_file_is_no_change() {
        let read = EventKind::Access(AccessKind::Read);
        assert!(burst(&[(read, "hub.yaml")]).changed.is_empty());
        assert!(burst(&[(CLOSED_AFTER_WRITING, "hub.yaml")])
            .changed
            .is_empty());
    }

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
