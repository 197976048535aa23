//! The input format: what a hub's files hold and what each value means,
//! independent of any stage that reads them.

pub mod branding;
pub mod config;
pub mod date;
pub mod dial;
pub mod hours;
pub mod hours_text;
pub mod i18n;
pub mod language;
pub mod markdown;
pub mod names;
pub mod paths;
pub mod postal;
pub mod record;
pub mod taxonomy;
pub mod words;
pub mod yaml;
