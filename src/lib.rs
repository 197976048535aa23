//! haven: a static-site generator for survivor resource hubs.
//!
//! The tree is the architecture (docs/ARCHITECTURE.md):
//!
//! - [`diagnostics`]: what a problem is, every rule, did-you-mean.
//! - [`hub`]: the input format: records, settings, taxonomies, hours,
//!   dates, phone numbers, language tags, Markdown, YAML, which files may
//!   be read.
//! - [`hsds`]: the Open Referral HSDS 3.0 format, written by the export
//!   and read by the importer.
//! - [`pipeline`]: the build, one module per stage in run order (load,
//!   validate, model, search, render, postprocess, export, write), the
//!   files they make, and the driver that runs them ([`pipeline::build`]).
//! - [`serve`], [`import`], [`scaffold`], [`review`], [`report`]: the
//!   commands around the pipeline, and how diagnostics are shown.
pub mod diagnostics;
pub mod hsds;
pub mod hub;
pub mod import;
pub mod pipeline;
pub mod report;
pub mod review;
pub mod scaffold;
pub mod serve;

pub use pipeline::build::{build, BuildError, BuildPlan, BuildReport};
