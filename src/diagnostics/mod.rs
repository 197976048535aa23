//! One diagnostic type for every problem haven reports about a hub, and the
//! plain-text rendering of it (the format docs/rules.md shows).

use std::fmt;
use std::path::{Path, PathBuf};

pub mod rules;
pub mod suggest;

pub use rules::{Rule, Severity};

/// A position in a source file, both 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A problem found in one file of the hub.
///
/// `path` is relative to the hub root so messages read the same on every
/// machine; `field` is the path inside the record (`services[0].cost`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub path: PathBuf,
    pub position: Option<Position>,
    pub field: String,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic of `rule`, with the rule's severity.
    pub fn new(rule: Rule, path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: rule.severity,
            code: rule.code,
            path: path.as_ref().to_path_buf(),
            position: None,
            field: String::new(),
            message: message.into(),
            help: None,
        }
    }

    pub fn at(mut self, position: Option<Position>) -> Self {
        self.position = position;
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = field.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// An error of a record that is not published: the site does not
    /// show the record, so it is reported as a warning until someone
    /// publishes it. Privacy errors (P…) stay errors: git publishes the
    /// file whether the site shows it or not.
    pub fn in_unpublished_record(mut self) -> Self {
        if self.is_error() && !self.code.starts_with('P') {
            self.severity = Severity::Warning;
            self.message
                .push_str(" (the record is not published; fix this before publishing it)");
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The sort key that makes reports read file by file, top to bottom.
    fn sort_key(&self) -> (&Path, Option<Position>, &'static str, &str) {
        (&self.path, self.position, self.code, &self.message)
    }
}

/// Sorts diagnostics by file, position, code and message, so output is
/// the same on every run however many threads found them.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}]: {}",
            self.severity,
            self.code,
            self.path.display()
        )?;
        if let Some(position) = self.position {
            write!(f, ":{}:{}", position.line, position.column)?;
        }
        f.write_str(": ")?;
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// Counts of errors and warnings, for summary lines.
pub fn counts(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}
