//! UI strings per language: the theme's `i18n/<lang>.yaml` tables, with a
//! hub's `i18n/<lang>.yaml` adding or overriding keys.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::hub::yaml;

/// Language → key → text.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    tables: BTreeMap<String, BTreeMap<String, String>>,
}

impl Strings {
    /// Merges one YAML table (`key: text` lines) over what is there.
    pub fn add(&mut self, language: &str, source: &str, path: &Path) -> Result<(), Diagnostic> {
        let table: BTreeMap<String, String> = yaml::parse(source, path, 0)?;
        self.tables
            .entry(language.to_string())
            .or_default()
            .extend(table);
        Ok(())
    }

    pub fn get(&self, language: &str, key: &str) -> Option<&str> {
        self.tables.get(language)?.get(key).map(String::as_str)
    }

    /// Every key of `language`'s table.
    pub fn keys(&self, language: &str) -> Vec<String> {
        self.tables
            .get(language)
            .map(|table| table.keys().cloned().collect())
            .unwrap_or_default()
    }

    pub fn has_language(&self, language: &str) -> bool {
        self.tables.contains_key(language)
    }
}
