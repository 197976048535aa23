//! `hub.yaml`: the site configuration (README.md), as typed structs.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::hub::date::Date;
use crate::hub::record::{Hours, PhoneKind};

fn yes() -> bool {
    true
}

/// The default quick-exit destination: neutral, fast, not personalised
/// (GOV.UK's default since 2023; README.md).
pub const DEFAULT_EXIT_URL: &str = "https://www.bbc.co.uk/weather";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HubConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub default_language: String,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub quick_exit: QuickExit,
    #[serde(default)]
    pub crisis_lines: Vec<CrisisLine>,
    #[serde(default)]
    pub data_repository: DataRepository,
    #[serde(default)]
    pub staleness: Staleness,
    #[serde(default = "default_country")]
    pub default_country: String,
    pub default_timezone: Option<String>,
    pub edit_url_template: Option<String>,
    pub contact_form_url: Option<String>,
    #[serde(default)]
    pub search: SearchConfig,
    #[serde(default = "yes")]
    pub minify: bool,
    #[serde(default)]
    pub portable: bool,
    pub hsds: Option<HsdsConfig>,
    /// The license the hub publishes its data under (the Data page and
    /// the data package name it).
    pub data_license: Option<DataLicense>,
    /// The title and description in other languages.
    #[serde(default)]
    pub translations: BTreeMap<String, HubTranslation>,
    /// The hub's own logo, favicon and accent colour.
    #[serde(default)]
    pub branding: Branding,
}

/// `branding`: a coalition's identity on every page. Without it the site
/// keeps the theme's neutral look and favicon.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Branding {
    /// An image of `static/` shown beside the site title.
    pub logo: Option<String>,
    /// What the logo shows, for people who cannot see it (required with
    /// `logo`).
    pub logo_alt: Option<String>,
    /// An image of `static/` browsers show in tabs and bookmarks. The
    /// neutral default is safer for people whose devices are watched.
    pub favicon: Option<String>,
    /// `#rrggbb`: the site title, the header's edge and the theme's
    /// accents in light mode (and dark mode, unless `accent_dark`).
    pub accent: Option<String>,
    /// `#rrggbb` for dark mode.
    pub accent_dark: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HubTranslation {
    pub title: Option<String>,
    pub description: Option<String>,
}

impl HubConfig {
    /// Every language the site is built in: the default first, then the
    /// others of `languages` in their order.
    pub fn site_languages(&self) -> Vec<String> {
        let mut languages = vec![self.default_language.clone()];
        for language in &self.languages {
            if !languages.contains(language) {
                languages.push(language.clone());
            }
        }
        languages
    }

    /// `title` and `description` as a page in `language` shows them.
    pub fn title_in(&self, language: &str) -> (&str, &str) {
        let translation = self.translations.get(language);
        (
            translation
                .and_then(|t| t.title.as_deref())
                .unwrap_or(&self.title),
            translation
                .and_then(|t| t.description.as_deref())
                .unwrap_or(&self.description),
        )
    }
}

fn default_language() -> String {
    "en".to_string()
}

fn default_theme() -> String {
    "default".to_string()
}

fn default_country() -> String {
    "US".to_string()
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuickExit {
    #[serde(default = "default_exit_url")]
    pub url: String,
    pub label: Option<String>,
    #[serde(default = "yes")]
    pub replace_history: bool,
}

fn default_exit_url() -> String {
    DEFAULT_EXIT_URL.to_string()
}

impl Default for QuickExit {
    fn default() -> Self {
        QuickExit {
            url: default_exit_url(),
            label: None,
            replace_history: true,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisLine {
    pub label: String,
    pub number: String,
    #[serde(default = "voice")]
    pub kind: PhoneKind,
    pub text_keyword: Option<String>,
    pub hours: Option<Hours>,
    /// The label in other languages: `es: {label: …}`.
    #[serde(default)]
    pub translations: BTreeMap<String, CrisisLineTranslation>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisLineTranslation {
    pub label: String,
}

fn voice() -> PhoneKind {
    PhoneKind::Voice
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DataRepository {
    #[default]
    Public,
    Private,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Staleness {
    #[serde(default = "warn_after")]
    pub warn_after_days: u32,
    #[serde(default = "hide_after")]
    pub hide_after_days: u32,
}

fn warn_after() -> u32 {
    180
}

fn hide_after() -> u32 {
    365
}

impl Default for Staleness {
    fn default() -> Self {
        Staleness {
            warn_after_days: warn_after(),
            hide_after_days: hide_after(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub layout: SearchLayout,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            enabled: true,
            layout: SearchLayout::Auto,
        }
    }
}

/// How the search index is split into files (docs/search.md).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchLayout {
    /// One file for small hubs, shards above about 200 KB.
    #[default]
    Auto,
    /// Always one file: nothing loads lazily (USB sticks, kiosks).
    Single,
    /// Always shards, whatever the size.
    Sharded,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HsdsConfig {
    pub uuid_namespace: Option<String>,
    #[serde(default = "yes")]
    pub export: bool,
    pub data_steward_email: Option<String>,
    #[serde(default)]
    pub confidential_locations: ConfidentialExport,
}

impl Default for HsdsConfig {
    fn default() -> Self {
        HsdsConfig {
            uuid_namespace: None,
            export: true,
            data_steward_email: None,
            confidential_locations: ConfidentialExport::default(),
        }
    }
}

/// What the open data says about a confidential location
/// (docs/record-format.md).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfidentialExport {
    /// Not exported at all: the safer default for an open feed.
    #[default]
    Omit,
    /// Exported as a place with its general area only: no address, no
    /// coordinates.
    WithoutAddress,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DataLicense {
    /// E.g. "CC BY 4.0".
    pub name: String,
    pub url: Option<String>,
    /// An SPDX identifier such as `CC-BY-4.0`, for the data package.
    pub id: Option<String>,
}

/// A guide's YAML front matter (docs/record-format.md).
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GuideFrontMatter {
    pub title: String,
    pub summary: Option<String>,
    pub order: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    pub updated: Option<String>,
    #[serde(default)]
    pub related_partners: Vec<String>,
    #[serde(default)]
    pub related_categories: Vec<String>,
}

/// How many days since a record was verified, and what that means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    Fresh,
    /// Past `warn_after_days`: shown with a notice.
    Aging,
    /// Past `hide_after_days`: left out of the site.
    Stale,
}

pub fn freshness(last_verified: &str, today: Date, config: &HubConfig) -> Freshness {
    let Some(verified) = Date::parse(last_verified) else {
        return Freshness::Fresh;
    };
    let age = verified.days_until(today);
    if age > i64::from(config.staleness.hide_after_days) {
        Freshness::Stale
    } else if age > i64::from(config.staleness.warn_after_days) {
        Freshness::Aging
    } else {
        Freshness::Fresh
    }
}
