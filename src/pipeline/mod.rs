//! The build, one module per stage in the order they run:
//!
//! load → validate → model → search → render → postprocess → export → write
//!
//! Data flows one way: a stage reads only the stages before it, and the
//! `Site` the model makes is never changed after. [`output`] (a file of
//! the site) and [`minify`] serve every stage from search on, [`memo`] and
//! [`fast_map`] the caches of any stage, [`parallel`] their small batches;
//! [`build`] runs the stages, and [`size`] weighs what they wrote against
//! what hosts publish.

pub mod build;
pub mod export;
pub mod fast_map;
pub mod load;
pub mod memo;
pub mod minify;
pub mod model;
pub mod output;
pub mod parallel;
pub mod postprocess;
pub mod render;
pub mod search;
pub mod size;
pub mod validate;
pub mod write;
