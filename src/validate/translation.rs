//! Translation coverage (README.md): a hub that declares more than one
//! language hears how many partners and guides are not translated yet. One
//! summary per language (W090); the records themselves (W091) are listed
//! with `--verbose`, so a hub halfway through translating is not flooded.

use crate::diagnostic::Diagnostic;
use crate::load::Hub;
use crate::taxonomy::Kind;
use crate::yaml::Locator;

/// Rule W091 is shown only with `--verbose`.
pub const DETAIL_CODE: &str = "W091";

pub fn check(hub: &Hub) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let languages = hub.config.site_languages();
    let published = || hub.partners.iter().filter(|p| p.record.published);
    let originals = || hub.guides.iter().filter(|g| g.language.is_none());
    let locator = Locator::new(hub.config_file.text.clone(), 0);
    for (index, language) in languages.iter().enumerate().skip(1) {
        let name = hub.taxonomies.label(Kind::Languages, language, "en");
        let untranslated: Vec<_> = published()
            .filter(|p| {
                p.record
                    .translations
                    .get(language)
                    .is_none_or(|t| t.description.is_none())
            })
            .collect();
        let untranslated_guides: Vec<_> = originals()
            .filter(|g| {
                !hub.guides
                    .iter()
                    .any(|t| t.slug == g.slug && t.language.as_ref() == Some(language))
            })
            .collect();
        if untranslated.is_empty() && untranslated_guides.is_empty() {
            continue;
        }
        let field = match hub.config.languages.iter().position(|l| l == language) {
            Some(position) => format!("languages[{position}]"),
            None => format!("languages[{}]", index - 1),
        };
        diagnostics.push(
            Diagnostic::warning(
                "W090",
                &hub.config_file.path,
                format!(
                    "{} of {} partners and {} of {} guides have no {name} ({language}) translation; their pages show the {} text",
                    untranslated.len(),
                    published().count(),
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
        for partner in untranslated {
            diagnostics.push(
                Diagnostic::warning(
                    DETAIL_CODE,
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
            );
        }
        for guide in untranslated_guides {
            diagnostics.push(
                Diagnostic::warning(
                    DETAIL_CODE,
                    &guide.file.path,
                    format!("no {name} ({language}) translation of this guide"),
                )
                .help(format!("add guides/{}.{language}.md", guide.slug)),
            );
        }
    }
    diagnostics
}
