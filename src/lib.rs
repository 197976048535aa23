//! haven: a static-site generator for survivor resource hubs.
//!
//! The pipeline (`build::build`) runs load → validate → model → render →
//! post-process → write; each stage is the module of that name.
pub mod branding;
pub mod build;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod dial;
pub mod export;
pub mod history;
pub mod hours;
pub mod hours_text;
pub mod hub_paths;
pub mod i18n;
pub mod import;
pub mod leaks;
pub mod load;
pub mod markdown;
pub mod model;
pub mod names;
pub mod needles;
pub mod output;
pub mod postprocess;
pub mod rebuild;
pub mod record;
pub mod render;
pub mod report;
pub mod review;
pub mod rules;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod structure;
pub mod suggest;
pub mod taxonomy;
pub mod validate;
pub mod write;
pub mod yaml;

pub use build::{build, BuildError, BuildPlan, BuildReport};
