//! Stage 4: turn the `Site` into files. Every page is a tera template from
//! the theme (or the hub's override) rendered with a small context; pages
//! render in parallel and come back sorted by path, so output is
//! deterministic.

pub mod assets;
pub mod pages;
pub mod templates;
pub mod theme;
pub mod values;

use std::fmt;

use crate::diagnostics::Diagnostic;

/// A problem in a template or the UI strings, reported like content errors.
#[derive(Debug, Clone)]
pub struct RenderError {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.diagnostics {
            writeln!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RenderError {}
