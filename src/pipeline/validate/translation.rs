//! Translation coverage (README.md): a hub that declares more than one
//! language hears how many partners and guides are not translated yet. One
//! summary per language (W090); the records themselves (W091) are listed
//! with `--verbose`, so a hub halfway through translating is not flooded.

use crate::diagnostics::rules;
use crate::diagnostics::Diagnostic;
use crate::hub::record::{service_short_texts, Hours, PartnerRecord, Translation};
use crate::hub::taxonomy::Kind;
use crate::hub::yaml::Locator;
use std::path::PathBuf;
use std::sync::Arc;

use crate::pipeline::load::{Hub, LoadedPartner};
use crate::pipeline::memo::{Memo, Text};

/// Rule W091 is shown only with `--verbose`.
pub const DETAIL_CODE: &str = rules::UNTRANSLATED_DETAIL.code;

/// A partner's own findings per language after the first: the short
/// texts its translation leaves out, or that it has no translation.
#[derive(Clone, Default)]
pub struct PartnerFindings {
    short_texts: Option<Diagnostic>,
    untranslated: Option<Diagnostic>,
}

/// Each partner's findings per language, by file and text: `haven serve`
/// keeps them, so an edit looks into the edited record alone. Valid while
/// the settings and the taxonomies are the same (see [`super::CheckCache`]).
pub type FindingsCache = Memo<PathBuf, Text, Arc<Vec<PartnerFindings>>>;

pub fn check(hub: &Hub, context: u64, cache: &mut FindingsCache) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let languages = hub.config.site_languages();
    let published: Vec<&LoadedPartner> = hub
        .partners
        .iter()
        .filter(|p| p.record.published)
        .map(|p| &**p)
        .collect();
    let originals = || hub.guides.iter().filter(|g| g.language.is_none());
    let locator = Locator::new(hub.config_file.text.clone(), 0);
    cache.start(context);
    let findings = cache.map(
        &published,
        |partner| partner.file.path.clone(),
        |partner| Text(partner.file.text.clone()),
        |partner| {
            Arc::new(
                languages
                    .iter()
                    .skip(1)
                    .map(|language| partner_findings(hub, partner, language))
                    .collect(),
            )
        },
    );
    for (index, language) in languages.iter().enumerate().skip(1) {
        // A tag that is itself wrong ("Spanish") has its error; advice on
        // a translations.Spanish block would only mislead.
        if crate::hub::language::check(language).is_err() {
            continue;
        }
        let name = hub.taxonomies.label(Kind::Languages, language, "en");
        let of_language = || findings.iter().filter_map(|found| found.get(index - 1));
        let untranslated = of_language()
            .filter(|found| found.untranslated.is_some())
            .count();
        let untranslated_guides: Vec<_> = originals()
            .filter(|g| {
                !hub.guides
                    .iter()
                    .any(|t| t.slug == g.slug && t.language.as_ref() == Some(language))
            })
            .collect();
        diagnostics.extend(of_language().filter_map(|found| found.short_texts.clone()));
        if untranslated == 0 && untranslated_guides.is_empty() {
            continue;
        }
        let field = match hub.config.languages.iter().position(|l| l == language) {
            Some(position) => format!("languages[{position}]"),
            None => format!("languages[{}]", index - 1),
        };
        diagnostics.push(
            Diagnostic::new(
                rules::UNTRANSLATED,
                &hub.config_file.path,
                format!(
                    "{} of {} partners and {} of {} guides have no {name} ({language}) translation; their pages show the {} text",
                    untranslated,
                    published.len(),
                    untranslated_guides.len(),
                    originals().count(),
                    hub.config.default_language,
                ),
            )
            .at(locator.find(&field))
            .field(field)
            .help(format!(
                "add a translations.{language} block (name, summary, description) to partner files and a guides/<slug>.{language}.md per guide; `haven check --verbose` lists each one"
            )),
        );
        diagnostics.extend(of_language().filter_map(|found| found.untranslated.clone()));
        for guide in untranslated_guides {
            diagnostics.push(
                Diagnostic::new(
                    rules::UNTRANSLATED_DETAIL,
                    &guide.file.path,
                    format!("no {name} ({language}) translation of this guide"),
                )
                .help(format!("add guides/{}.{language}.md", guide.slug)),
            );
        }
    }
    diagnostics
}

fn partner_findings(hub: &Hub, partner: &LoadedPartner, language: &str) -> PartnerFindings {
    let name = hub.taxonomies.label(Kind::Languages, language, "en");
    let translation = partner
        .record
        .translations
        .get(language)
        .filter(|translation| translation.description.is_some());
    let Some(translation) = translation else {
        return PartnerFindings {
            short_texts: None,
            untranslated: Some(
                Diagnostic::new(
                    rules::UNTRANSLATED_DETAIL,
                    &partner.file.path,
                    format!("no {name} ({language}) description in translations.{language}"),
                )
                .at(partner
                    .locator
                    .find_top_level("translations")
                    .or(partner.locator.find_top_level("description")))
                .help(format!(
                    "add translations:\n      {language}:\n        summary: …\n        description: …"
                )),
            ),
        };
    };
    let missing = untranslated_texts(&partner.record, translation);
    let short_texts = (!missing.is_empty()).then(|| {
        Diagnostic::new(
            rules::UNTRANSLATED_DETAIL,
            &partner.file.path,
            format!(
                "{} short texts have no {name} ({language}) translation and show in {}: {}",
                missing.len(),
                hub.config.default_language,
                missing.join(", ")
            ),
        )
        .at(partner.locator.find(&format!("translations.{language}")))
        .field(format!("translations.{language}"))
        .help(format!(
            "add them under translations.{language}, for example:\n    phones:\n      <phone id>:\n        label: …\n    locations:\n      <location id>:\n        name: …\n    links:\n      <url>: …"
        ))
    });
    PartnerFindings {
        short_texts,
        untranslated: None,
    }
}

/// The short texts of a record a translation leaves in the default
/// language, named as they would be written under `translations.<lang>`.
fn untranslated_texts(record: &PartnerRecord, translation: &Translation) -> Vec<String> {
    let mut missing = Vec::new();
    for phone in &record.phones {
        let translated = translation.phones.get(&phone.id);
        if translated.is_none_or(|t| t.label.is_none()) {
            missing.push(format!("phones.{}.label", phone.id));
        }
        if phone.hours.as_ref().and_then(Hours::notes).is_some()
            && translated.is_none_or(|t| t.hours_notes.is_none())
        {
            missing.push(format!("phones.{}.hours_notes", phone.id));
        }
    }
    for location in &record.locations {
        let translated = translation.locations.get(&location.id);
        for (name, has) in [
            ("name", location.name.is_some()),
            ("transit", location.transit.is_some()),
            (
                "accessibility_notes",
                location.accessibility_notes.is_some(),
            ),
            ("notes", location.notes.is_some()),
            (
                "hours_notes",
                location.hours.as_ref().and_then(Hours::notes).is_some(),
            ),
        ] {
            let done = translated.is_some_and(|t| match name {
                "name" => t.name.is_some(),
                "transit" => t.transit.is_some(),
                "accessibility_notes" => t.accessibility_notes.is_some(),
                "notes" => t.notes.is_some(),
                _ => t.hours_notes.is_some(),
            });
            if has && !done {
                missing.push(format!("locations.{}.{name}", location.id));
            }
        }
    }
    for service in &record.services {
        let translated = translation.services.get(&service.id);
        for (name, original, done) in service_short_texts(service, translated) {
            if original && !done {
                missing.push(format!("services.{}.{name}", service.id));
            }
        }
        if !service.required_documents.is_empty()
            && translated.is_none_or(|t| t.required_documents.is_none())
        {
            missing.push(format!("services.{}.required_documents", service.id));
        }
    }
    for link in &record.links {
        if !translation.links.contains_key(&link.url) {
            missing.push(format!("links \"{}\"", link.label));
        }
    }
    missing
}
