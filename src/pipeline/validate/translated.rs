//! A record's `translations` blocks: each names a service, phone,
//! location or link the record has (E104), translates only texts the
//! record has (W105), and its Markdown follows the Markdown rules.

use crate::diagnostics::rules;
use crate::diagnostics::suggest::did_you_mean;
use crate::diagnostics::Diagnostic;
use crate::hub::record::{service_short_texts, Hours, PartnerRecord, Translation};

use super::PartnerCheck;

impl PartnerCheck<'_> {
    pub(super) fn translations(&self, out: &mut Vec<Diagnostic>) {
        let record = &self.partner.record;
        for (language, translation) in &record.translations {
            let at = |rest: &str| format!("translations.{language}.{rest}");
            if let Some(description) = &translation.description {
                self.markdown(description, &at("description"), out);
            }
            self.translated_services(record, translation, &at, out);
            self.translated_phones(record, translation, &at, out);
            self.translated_locations(record, translation, &at, out);
            for url in translation.links.keys() {
                if !record.links.iter().any(|link| &link.url == url) {
                    out.push(
                        self.diagnostic(
                            rules::UNKNOWN_TRANSLATION_TARGET,
                            at("links"),
                            format!("no link to \"{url}\" in this file: this label would never be shown"),
                        )
                        .help(did_you_mean(
                            url,
                            record.links.iter().map(|l| l.url.as_str()),
                            "write the url exactly as it is under links",
                        )),
                    );
                }
            }
        }
    }

    fn translated_services(
        &self,
        record: &PartnerRecord,
        translation: &Translation,
        at: &dyn Fn(&str) -> String,
        out: &mut Vec<Diagnostic>,
    ) {
        for (id, translated) in &translation.services {
            let field = at(&format!("services.{id}"));
            let Some(service) = record.services.iter().find(|s| &s.id == id) else {
                out.push(self.unknown_id(
                    "service",
                    id,
                    field,
                    record.services.iter().map(|s| s.id.as_str()),
                ));
                continue;
            };
            if let Some(description) = &translated.description {
                self.markdown(description, &format!("{field}.description"), out);
            }
            for (name, original, translated) in service_short_texts(service, Some(translated)) {
                if translated && !original {
                    out.push(self.nothing_to_translate(&field, name, "service"));
                }
            }
            if let Some(documents) = &translated.required_documents {
                let listed = service.required_documents.len();
                if documents.len() != listed {
                    out.push(
                        self.diagnostic(
                            rules::NOTHING_TO_TRANSLATE,
                            format!("{field}.required_documents"),
                            format!(
                                "{} documents translated, but the service lists {listed}",
                                documents.len()
                            ),
                        )
                        .help(
                            "translate each of the service's required_documents, in the same order",
                        ),
                    );
                }
            }
        }
    }

    fn translated_phones(
        &self,
        record: &PartnerRecord,
        translation: &Translation,
        at: &dyn Fn(&str) -> String,
        out: &mut Vec<Diagnostic>,
    ) {
        for (id, translated) in &translation.phones {
            let field = at(&format!("phones.{id}"));
            let Some(phone) = record.phones.iter().find(|p| &p.id == id) else {
                out.push(self.unknown_id(
                    "phone",
                    id,
                    field,
                    record.phones.iter().map(|p| p.id.as_str()),
                ));
                continue;
            };
            if translated.hours_notes.is_some()
                && phone.hours.as_ref().and_then(Hours::notes).is_none()
            {
                out.push(self.nothing_to_translate(&field, "hours_notes", "phone"));
            }
        }
    }

    fn translated_locations(
        &self,
        record: &PartnerRecord,
        translation: &Translation,
        at: &dyn Fn(&str) -> String,
        out: &mut Vec<Diagnostic>,
    ) {
        for (id, translated) in &translation.locations {
            let field = at(&format!("locations.{id}"));
            let Some(location) = record.locations.iter().find(|l| &l.id == id) else {
                out.push(self.unknown_id(
                    "location",
                    id,
                    field,
                    record.locations.iter().map(|l| l.id.as_str()),
                ));
                continue;
            };
            for (name, translated, original) in [
                ("name", translated.name.is_some(), location.name.is_some()),
                (
                    "transit",
                    translated.transit.is_some(),
                    location.transit.is_some(),
                ),
                (
                    "accessibility_notes",
                    translated.accessibility_notes.is_some(),
                    location.accessibility_notes.is_some(),
                ),
                (
                    "notes",
                    translated.notes.is_some(),
                    location.notes.is_some(),
                ),
                (
                    "hours_notes",
                    translated.hours_notes.is_some(),
                    location.hours.as_ref().and_then(Hours::notes).is_some(),
                ),
            ] {
                if translated && !original {
                    out.push(self.nothing_to_translate(&field, name, "location"));
                }
            }
        }
    }

    /// E104: a translation of a service, phone or location the record does
    /// not have.
    fn unknown_id<'a>(
        &self,
        what: &str,
        id: &str,
        field: String,
        ids: impl Iterator<Item = &'a str>,
    ) -> Diagnostic {
        self.diagnostic(
            rules::UNKNOWN_TRANSLATION_TARGET,
            field,
            format!("no {what} with the id \"{id}\" in this file: this translation would never be shown"),
        )
        .help(did_you_mean(id, ids, &format!("use the id of one of the record's {what}s")))
    }

    /// W105: a translation of a text the record does not have.
    fn nothing_to_translate(&self, field: &str, name: &str, owner: &str) -> Diagnostic {
        let original = match name {
            "hours_notes" => "hours.notes".to_string(),
            "eligibility" => "eligibility.description".to_string(),
            "confidentiality_note" => "access.confidentiality_note".to_string(),
            "interpretation_note" => "interpretation.note".to_string(),
            other => other.to_string(),
        };
        self.diagnostic(
            rules::NOTHING_TO_TRANSLATE,
            format!("{field}.{name}"),
            format!("translates the {owner}'s {original}, which it does not have: this text would never be shown"),
        )
        .help(format!("add {original} to the {owner} in the record, or remove this translation"))
    }
}
