//! haven: a static-site generator for survivor resource hubs.
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod hours;
pub mod load;
pub mod markdown;
pub mod record;
pub mod taxonomy;
pub mod validate;
pub mod yaml;
