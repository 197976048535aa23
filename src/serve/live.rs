//! What open browsers learn from the preview server, as server-sent events
//! at `/__haven/events`: each event is the whole state (which build is
//! served, and the problems that stop the next one). `live.js` reloads the
//! page when the build changes and shows the problems over it.

use std::io::{self, Write};
use std::path::Path;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Severity};
use crate::report::{self, Style};

/// How often an idle event stream sends a comment, so a closed tab ends
/// its connection's thread.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The client script, served at `/__haven/live.js`.
pub const SCRIPT: &str = include_str!("live.js");

/// The state every open page follows.
pub struct Live {
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct State {
    /// Differs between runs of `haven serve`, so a page from an earlier
    /// run reloads when the server is back.
    pub session: String,
    /// Counts successful builds: a page reloads when it changes.
    pub build: u64,
    /// Why the latest rebuild failed, as `haven check` words it; empty
    /// when the site on screen is current.
    pub problems: Vec<Problem>,
    /// Warnings of the failed rebuild, shown only in the terminal.
    pub warnings: usize,
    /// Changes on every update, errors or builds; events carry only new ones.
    #[serde(skip)]
    version: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Problem {
    /// `path:line:column`, or the path alone.
    pub location: String,
    /// The full message, excerpt and help included.
    pub text: String,
}

impl Default for Live {
    fn default() -> Self {
        let started = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        Live {
            state: Mutex::new(State {
                session: format!("{:x}", started.as_nanos()),
                build: 0,
                problems: Vec::new(),
                warnings: 0,
                version: 0,
            }),
            changed: Condvar::new(),
        }
    }
}

impl Live {
    /// A new build is being served: pages reload, problems clear.
    pub fn built(&self) {
        let mut state = self.lock();
        state.build += 1;
        state.problems.clear();
        state.warnings = 0;
        state.version += 1;
        self.changed.notify_all();
    }

    /// A rebuild failed: the last good build stays, pages show why.
    pub fn failed(&self, diagnostics: &[Diagnostic], root: &Path) {
        let mut state = self.lock();
        state.problems = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| problem(d, root))
            .collect();
        state.warnings = diagnostics.len() - state.problems.len();
        state.version += 1;
        self.changed.notify_all();
    }

    pub fn state(&self) -> State {
        self.lock().clone()
    }

    /// Writes an event stream to `out` until the client goes away.
    pub fn stream(&self, out: &mut impl Write) -> io::Result<()> {
        write!(
            out,
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: keep-alive\r\n\r\nretry: 1000\n\n"
        )?;
        let mut sent = None;
        loop {
            let fresh = {
                let state = self.lock();
                let (state, _) = self
                    .changed
                    .wait_timeout_while(state, KEEP_ALIVE, |state| Some(state.version) == sent)
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                (Some(state.version) != sent).then(|| state.clone())
            };
            match fresh {
                Some(state) => {
                    sent = Some(state.version);
                    let data = serde_json::to_string(&state).unwrap_or_default();
                    write!(out, "event: state\ndata: {data}\n\n")?;
                }
                None => write!(out, ": still here\n\n")?,
            }
            out.flush()?;
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panicking connection thread must not stop the others.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn problem(diagnostic: &Diagnostic, root: &Path) -> Problem {
    let mut location = diagnostic.path.display().to_string();
    if let Some(position) = diagnostic.position {
        location = format!("{location}:{}:{}", position.line, position.column);
    }
    let text = report::human_messages(
        std::slice::from_ref(diagnostic),
        root,
        Style { color: false },
    )
    .trim_end()
    .to_string();
    Problem { location, text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::rules;

    #[test]
    fn a_failure_keeps_the_build_and_lists_errors_as_check_words_them() {
        let live = Live::default();
        live.built();
        let error = Diagnostic::new(
            rules::UNKNOWN_LOCATION_REFERENCE,
            "partners/a.yaml",
            "name is missing",
        )
        .help("add a name");
        let warning = Diagnostic::new(rules::AGING, "partners/b.yaml", "stale");
        live.failed(&[error, warning], Path::new("/nonexistent"));
        let state = live.state();
        assert_eq!(state.build, 1);
        assert_eq!(state.warnings, 1);
        assert_eq!(state.problems.len(), 1);
        assert_eq!(state.problems[0].location, "partners/a.yaml");
        assert!(state.problems[0]
            .text
            .starts_with("error[E100]: partners/a.yaml: name is missing"));
        assert!(state.problems[0].text.contains("help: add a name"));
    }

    #[test]
    fn a_good_build_clears_the_problems() {
        let live = Live::default();
        live.failed(
            &[Diagnostic::new(
                rules::UNKNOWN_LOCATION_REFERENCE,
                "hub.yaml",
                "broken",
            )],
            Path::new("/nonexistent"),
        );
        live.built();
        let state = live.state();
        assert_eq!(state.build, 1);
        assert!(state.problems.is_empty());
    }
}
