//! The tera engine: theme templates with hub overrides, and the functions
//! templates call (`t` for UI strings, `label` for taxonomy codes, `asset`
//! for fingerprinted files, the `clock` filter for opening times).

use crate::diagnostics::rules;
use std::path::PathBuf;
use std::sync::Arc;

use tera::{Kwargs, State, Tera};

use crate::diagnostics::{Diagnostic, Position};
use crate::hub::i18n::Strings;
use crate::hub::taxonomy::{Kind, Taxonomies};
use crate::pipeline::load::SourceFile;
use crate::pipeline::render::theme;
use std::collections::BTreeMap;

/// Where a template's text came from, for error messages.
#[derive(Debug, Clone, Default)]
pub struct TemplateSources {
    paths: BTreeMap<String, PathBuf>,
}

impl TemplateSources {
    pub fn path_of(&self, name: &str) -> PathBuf {
        self.paths
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(format!("themes/{}/templates/{name}", theme::NAME)))
    }
}

pub struct Engine {
    pub tera: Tera,
    pub sources: TemplateSources,
}

pub fn engine(
    overrides: &BTreeMap<String, SourceFile>,
    strings: Arc<Strings>,
    taxonomies: Arc<Taxonomies>,
    assets: Arc<BTreeMap<String, String>>,
    default_language: &str,
    default_timezone: Option<&str>,
) -> Result<Engine, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    register(&mut tera, strings, taxonomies, assets);
    // The `lang` of record text (written in the default language, or in
    // the language `of` names when it was translated) when it differs from
    // the page's; empty when it is the page's language. A function,
    // because components do not see the page's variables.
    let timezone = default_timezone.unwrap_or_default().to_string();
    tera.register_function(
        "hub_timezone",
        move |_: Kwargs, _: &State<'_>| -> tera::TeraResult<String> { Ok(timezone.clone()) },
    );
    let record_language = default_language.to_string();
    tera.register_function(
        "record_lang",
        move |kwargs: Kwargs, state: &State<'_>| -> tera::TeraResult<String> {
            let text_language = kwargs
                .get::<&str>("of")?
                .filter(|of| !of.is_empty())
                .unwrap_or(&record_language);
            Ok(if page_language(state) == text_language {
                String::new()
            } else {
                text_language.to_string()
            })
        },
    );

    let mut sources = TemplateSources::default();
    let mut templates: BTreeMap<String, String> = theme::TEMPLATES
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    for (name, file) in overrides {
        templates.insert(name.clone(), file.text.to_string());
        sources.paths.insert(name.clone(), file.path.clone());
    }
    match tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
        Ok(()) => Ok(Engine { tera, sources }),
        Err(error) => Err(vec![template_diagnostic(&error, &sources, None)]),
    }
}

/// A tera error as a diagnostic naming the template file and line.
pub fn template_diagnostic(
    error: &tera::Error,
    sources: &TemplateSources,
    page: Option<&str>,
) -> Diagnostic {
    let (name, position, message) = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            (
                report.filename().to_string(),
                Some(Position {
                    line: span.start_line,
                    column: span.start_col + 1,
                }),
                report.message().to_string(),
            )
        }
        other => (String::new(), None, other.to_string()),
    };
    let mut message = message;
    let mut source = error as &dyn std::error::Error;
    while let Some(next) = source.source() {
        message.push_str(&format!(": {next}"));
        source = next;
    }
    if let Some(page) = page {
        message.push_str(&format!(" (while rendering {page})"));
    }
    let path = if name.is_empty() {
        PathBuf::from("templates")
    } else {
        sources.path_of(&name)
    };
    Diagnostic::new(rules::TEMPLATE_ERROR, path, message)
        .at(position)
        .help("fix the template; the README lists the variables each template receives")
}

fn register(
    tera: &mut Tera,
    strings: Arc<Strings>,
    taxonomies: Arc<Taxonomies>,
    assets: Arc<BTreeMap<String, String>>,
) {
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State<'_>| -> tera::TeraResult<String> {
            let key: &str = kwargs.must_get("key")?;
            let language = page_language(state);
            strings
                .get(&language, key)
                .or_else(|| strings.get("en", key))
                .map(str::to_string)
                .ok_or_else(|| {
                    tera::Error::message(format!(
                        "no UI string \"{key}\" for language \"{language}\""
                    ))
                })
        },
    );
    tera.register_function(
        "label",
        move |kwargs: Kwargs, state: &State<'_>| -> tera::TeraResult<String> {
            let kind = match kwargs.must_get::<&str>("kind")? {
                "service_areas" => Kind::ServiceAreas,
                "partner_types" => Kind::PartnerTypes,
                "focus_issues" => Kind::FocusIssues,
                "populations" => Kind::Populations,
                "accessibility" => Kind::Accessibility,
                "languages" => Kind::Languages,
                other => {
                    return Err(tera::Error::message(format!(
                        "unknown taxonomy kind \"{other}\""
                    )))
                }
            };
            let code: &str = kwargs.must_get("code")?;
            Ok(taxonomies
                .label(kind, code, &page_language(state))
                .to_string())
        },
    );
    tera.register_function(
        "asset",
        move |kwargs: Kwargs, _: &State<'_>| -> tera::TeraResult<String> {
            let name: &str = kwargs.must_get("name")?;
            assets
                .get(name)
                .cloned()
                .ok_or_else(|| tera::Error::message(format!("no theme asset \"{name}\"")))
        },
    );
    tera.register_filter(
        "long_date",
        |date: &str, _: Kwargs, state: &State<'_>| -> String {
            long_date(date, &page_language(state))
        },
    );
    tera.register_filter(
        "clock",
        |minutes: i64, _: Kwargs, state: &State<'_>| -> String {
            crate::hub::hours::clock(minutes.clamp(0, 24 * 60) as u16, &page_language(state))
        },
    );
}

/// `2026-11-01` as people read it: "November 1, 2026", "1 de noviembre de
/// 2026"; as written in other languages or when it is not a date.
pub fn long_date(date: &str, language: &str) -> String {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const ES: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    let mut parts = date.splitn(3, '-').map(str::parse::<u32>);
    let (Some(Ok(year)), Some(Ok(month @ 1..=12)), Some(Ok(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return date.to_string();
    };
    let month_index = month as usize - 1;
    match language.split('-').next().unwrap_or(language) {
        "en" => format!("{} {day}, {year}", EN[month_index]),
        "es" => format!("{day} de {} de {year}", ES[month_index]),
        _ => date.to_string(),
    }
}

thread_local! {
    /// The language of the page this thread is rendering. Components see
    /// only their arguments, not the page's `lang`, so `t` and `label`
    /// fall back to this.
    static PAGE_LANGUAGE: std::cell::RefCell<String> = std::cell::RefCell::new("en".to_string());
}

/// Runs `render` with `language` as the page language of this thread.
pub fn in_language<T>(language: &str, render: impl FnOnce() -> T) -> T {
    PAGE_LANGUAGE.with(|current| current.replace(language.to_string()));
    render()
}

fn page_language(state: &State<'_>) -> String {
    state
        .get::<String>("lang")
        .ok()
        .flatten()
        .unwrap_or_else(|| PAGE_LANGUAGE.with(|current| current.borrow().clone()))
}

#[cfg(test)]
mod tests {
    use super::long_date;

    #[test]
    fn dates_read_as_each_language_writes_them() {
        assert_eq!(long_date("2026-11-01", "en"), "November 1, 2026");
        assert_eq!(long_date("2026-11-01", "es-MX"), "1 de noviembre de 2026");
        assert_eq!(long_date("2026-11-01", "vi"), "2026-11-01");
        assert_eq!(long_date("soon", "en"), "soon");
    }
}
