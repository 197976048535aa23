//! The default theme, compiled into the binary so `haven build` works with
//! no theme folder; a hub's `templates/` overrides any file by name.

pub const NAME: &str = "default";

macro_rules! theme_files {
    ($kind:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../themes/default/", $kind, "/", $name)))),*]
    };
}

pub const TEMPLATES: &[(&str, &str)] = theme_files!("templates":
    "base.html",
    "components.html",
    "index.html",
    "partners.html",
    "partner.html",
    "terms.html",
    "term.html",
    "guides.html",
    "guide.html",
    "safety.html",
    "data.html",
    "print.html",
    "404.html",
    "search.html",
);

pub const ASSETS: &[(&str, &str)] =
    theme_files!("static": "favicon.svg", "hours.js", "quick-exit.js", "search.js", "style.css");

pub const STRINGS: &[(&str, &str)] = &[
    ("en", include_str!("../../../themes/default/i18n/en.yaml")),
    ("es", include_str!("../../../themes/default/i18n/es.yaml")),
];

/// The safety page by language; English is the fallback.
pub const SAFETY_PAGES: &[(&str, &str)] = &[
    (
        "en",
        include_str!("../../../themes/default/content/safety.md"),
    ),
    (
        "es",
        include_str!("../../../themes/default/content/safety.es.md"),
    ),
];
