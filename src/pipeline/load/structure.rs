//! Every shape error of a record or guide front matter at once. serde stops at the first unknown
//! field or wrong type; when a record fails to deserialize, its YAML is
//! checked against the record's JSON Schema (generated from the same Rust
//! types) so the volunteer sees all such mistakes of the file in one run.

use crate::diagnostics::rules::{self, Rule};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use jsonschema::Validator;
use schemars::JsonSchema;
use serde_json::Value;

use crate::diagnostics::suggest::did_you_mean;
use crate::diagnostics::{Diagnostic, Position};
use crate::hub::config::GuideFrontMatter;
use crate::hub::record::PartnerRecord;
use crate::hub::yaml::{self, Locator};

struct Schema {
    validator: Validator,
    /// The schema itself, to read the codes an optional field allows.
    root: Value,
    property_names: Vec<String>,
    /// Names other tools use for a field, and what to do instead.
    aliases: &'static [(&'static str, &'static str)],
}

impl Schema {
    fn of<T: JsonSchema>(aliases: &'static [(&'static str, &'static str)]) -> Option<Schema> {
        let value = serde_json::to_value(schemars::schema_for!(T)).ok()?;
        let mut names = BTreeSet::new();
        collect_property_names(&value, &mut names);
        Some(Schema {
            validator: jsonschema::validator_for(&value).ok()?,
            property_names: names.into_iter().collect(),
            aliases,
            root: value,
        })
    }
}

fn partner_schema() -> Option<&'static Schema> {
    static SCHEMA: OnceLock<Option<Schema>> = OnceLock::new();
    SCHEMA
        .get_or_init(|| Schema::of::<PartnerRecord>(PARTNER_ALIASES))
        .as_ref()
}

/// Field names as a volunteer who writes in Spanish names them, and as
/// other directories' exports do, as [`words::key`]s: haven's field names
/// are English words, whatever the language of the values.
///
/// [`words::key`]: crate::hub::words::key
const PARTNER_ALIASES: &[(&str, &str)] = &[
    (
        "nombre",
        "write name: (the field names are English; the value can be in any language)",
    ),
    (
        "descripcion",
        "write description: (the field names are English)",
    ),
    ("resumen", "write summary: (the field names are English)"),
    ("telefonos", "write phones: (the field names are English)"),
    (
        "telefono",
        "write phones: for the list, or number: for one number (the field names are English)",
    ),
    ("numero", "write number: (the field names are English)"),
    ("etiqueta", "write label: (the field names are English)"),
    ("horario", "write hours: (the field names are English)"),
    ("horarios", "write hours: (the field names are English)"),
    ("idiomas", "write languages: (the field names are English)"),
    (
        "ubicaciones",
        "write locations: (the field names are English)",
    ),
    ("direccion", "write address: (the field names are English)"),
    ("calle", "write street: (the field names are English)"),
    ("ciudad", "write city: (the field names are English)"),
    (
        "codigo_postal",
        "write postal_code: (the field names are English)",
    ),
    ("pais", "write country: (the field names are English)"),
    ("servicios", "write services: (the field names are English)"),
    (
        "categorias",
        "write categories: (the field names are English)",
    ),
    (
        "poblaciones",
        "write populations: (the field names are English)",
    ),
    ("costo", "write cost: (the field names are English)"),
    ("correo", "write email: (the field names are English)"),
    (
        "correo_electronico",
        "write email: (the field names are English)",
    ),
    ("sitio_web", "write website: (the field names are English)"),
    ("pagina_web", "write website: (the field names are English)"),
    ("notas", "write notes: (the field names are English)"),
    (
        "traducciones",
        "write translations: (the field names are English)",
    ),
    (
        "ultima_verificacion",
        "write last_verified: (the field names are English)",
    ),
    ("zip", "write postal_code:, in a location's address:"),
    ("zip_code", "write postal_code:, in a location's address:"),
    ("zipcode", "write postal_code:, in a location's address:"),
    ("address_1", "write street:, in a location's address:"),
    ("address1", "write street:, in a location's address:"),
    ("address_2", "write street2:, in a location's address:"),
    ("address2", "write street2:, in a location's address:"),
    ("state_province", "write state:, in a location's address:"),
    ("phone", "write phones: (a list)"),
    ("url", "write website: for the partner's own website"),
    ("web", "write website:"),
    ("e_mail", "write email:"),
];

/// Front matter as Hugo, Jekyll and Zola write it, for guides copied from
/// another site, and as a volunteer who writes in Spanish names it.
const GUIDE_ALIASES: &[(&str, &str)] = &[
    ("titulo", "write title: (the field names are English)"),
    ("resumen", "write summary: (the field names are English)"),
    (
        "descripcion",
        "write summary: (the field names are English)",
    ),
    (
        "fecha",
        "write updated: (YYYY-MM-DD; the field names are English)",
    ),
    ("orden", "write order: (the field names are English)"),
    (
        "categorias",
        "write related_categories: (the field names are English)",
    ),
    (
        "date",
        "write updated: instead (YYYY-MM-DD), the date the guide was last checked",
    ),
    ("lastmod", "write updated: instead (YYYY-MM-DD)"),
    ("last_modified", "write updated: instead (YYYY-MM-DD)"),
    (
        "description",
        "write summary: instead, a sentence shown under the title in lists",
    ),
    (
        "excerpt",
        "write summary: instead, a sentence shown under the title in lists",
    ),
    (
        "weight",
        "write order: instead; guides with a lower order come first",
    ),
    (
        "categories",
        "write related_categories: instead, a list of service areas such as [legal_services]",
    ),
    (
        "tags",
        "write related_categories: instead, a list of service areas such as [legal_services]",
    ),
    (
        "layout",
        "remove it: every guide has the same layout, chosen by the theme",
    ),
    (
        "template",
        "remove it: every guide has the same layout, chosen by the theme",
    ),
    (
        "slug",
        "remove it: the file name is the guide's address (guides/<file name>/)",
    ),
    (
        "permalink",
        "remove it: the file name is the guide's address (guides/<file name>/)",
    ),
    (
        "author",
        "remove it: guides are published by the hub, without a byline",
    ),
];

fn guide_schema() -> Option<&'static Schema> {
    static SCHEMA: OnceLock<Option<Schema>> = OnceLock::new();
    SCHEMA
        .get_or_init(|| Schema::of::<GuideFrontMatter>(GUIDE_ALIASES))
        .as_ref()
}

fn collect_property_names(value: &Value, names: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get("properties") {
                names.extend(properties.keys().cloned());
            }
            map.values().for_each(|v| collect_property_names(v, names));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_property_names(v, names)),
        _ => {}
    }
}

/// All shape errors of a partner record, or an empty list when the schema
/// finds none (the caller then reports serde's own error).
pub fn partner_errors(source: &str, path: &Path) -> Vec<Diagnostic> {
    partner_schema().map_or_else(Vec::new, |schema| errors(schema, source, path, 0))
}

/// All shape errors of a guide's front matter, which starts after
/// `line_offset` lines of the file.
pub fn guide_errors(front_matter: &str, path: &Path, line_offset: usize) -> Vec<Diagnostic> {
    guide_schema().map_or_else(Vec::new, |schema| {
        errors(schema, front_matter, path, line_offset)
    })
}

fn errors(schema: &Schema, source: &str, path: &Path, line_offset: usize) -> Vec<Diagnostic> {
    let Ok(document) = yaml::parse::<Value>(source, path, line_offset) else {
        return Vec::new();
    };
    let locator = Locator::new(source, line_offset);
    let mut diagnostics = Vec::new();
    for error in schema.validator.iter_errors(&document) {
        let parent = field_path(error.instance_path().as_str());
        let instance = error.instance();
        let report = |code: Rule, field: String, message: String, help: String| {
            // A missing top-level field has no place of its own: the
            // document's first line stands for it.
            let at = locator.find(&field).or(Some(Position {
                line: line_offset + 1,
                column: 1,
            }));
            Diagnostic::new(code, path, message)
                .at(at)
                .field(field)
                .help(help)
        };
        // The codes of an optional field of codes, for text that is none.
        let optional_codes = match error.kind() {
            ValidationErrorKind::AnyOf { .. } if instance.is_string() => {
                schema.codes_at(error.schema_path().as_str())
            }
            _ => Vec::new(),
        };
        let diagnostic = match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                for name in unexpected {
                    let field = join(&parent, name);
                    let help = unknown_field_help(schema, &parent, name);
                    diagnostics.push(report(
                        rules::UNKNOWN_FIELD,
                        field,
                        format!("unknown field \"{name}\""),
                        help,
                    ));
                }
                continue;
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                report(
                    rules::MISSING_FIELD,
                    parent.clone(),
                    format!("missing field \"{name}\""),
                    format!("add {name}: …; the README shows a minimal record"),
                )
            }
            ValidationErrorKind::Enum { options } => {
                // A value of the wrong type already has its E012.
                let Some(found) = instance.as_str() else {
                    continue;
                };
                let allowed: Vec<&str> = options
                    .as_array()
                    .map(|o| o.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                unknown_code(found, &allowed, &parent, &report)
            }
            // An optional field of codes (`visibility`, `legal_status`):
            // one of its codes or nothing.
            ValidationErrorKind::AnyOf { .. } if !optional_codes.is_empty() => {
                let allowed: Vec<&str> = optional_codes.iter().map(String::as_str).collect();
                unknown_code(
                    instance.as_str().unwrap_or_default(),
                    &allowed,
                    &parent,
                    &report,
                )
            }
            ValidationErrorKind::Type { .. } => {
                // serde reads plain numbers and booleans into text fields.
                if (instance.is_number() || instance.is_boolean())
                    && error.to_string().contains("\"string\"")
                {
                    continue;
                }
                let expected = expected(&error.to_string());
                let help = if is_service_translations(&parent) {
                    format!("a service's translation goes under its id, not in a list:\n      services:\n        {}:\n          name: …\n          description: …", first_service_id(instance))
                } else if let Some(word) = instance
                    .as_str()
                    .filter(|word| expected.contains("true or false") && reads_as_yes_or_no(word))
                {
                    let name = parent.rsplit('.').next().unwrap_or(&parent);
                    let meant = if reads_as_yes(word) { "true" } else { "false" };
                    format!("write {name}: {meant}, without quotes: haven reads \"{word}\" as text, not as yes or no")
                } else {
                    "check the value's shape: a list is written [a, b] or with one \"- item\" per line".into()
                };
                report(
                    rules::WRONG_SHAPE,
                    parent.clone(),
                    format!("{} has the wrong shape: {expected}", describe(instance)),
                    help,
                )
            }
            ValidationErrorKind::AnyOf { .. } if parent.ends_with("hours") => report(
                rules::BAD_HOURS,
                parent.clone(),
                "hours are not in a form haven reads".into(),
                hours_mapping_help(instance),
            ),
            _ => report(
                rules::WRONG_SHAPE,
                parent.clone(),
                error.to_string(),
                "check this value against the README's record format".into(),
            ),
        };
        diagnostics.push(diagnostic);
    }
    diagnostics
}

/// E030 for a value that is not one of the codes `allowed`, with the
/// code it most likely stands for.
fn unknown_code(
    found: &str,
    allowed: &[&str],
    field: &str,
    report: &dyn Fn(Rule, String, String, String) -> Diagnostic,
) -> Diagnostic {
    let listing = format!("use one of: {}", allowed.join(", "));
    let help = if reads_as_yes_or_no(found) {
        yes_or_no_help(field, found, &listing)
    } else if let Some(word) = synonym(found, allowed) {
        format!("{listing} — \"{found}\" is written \"{word}\" here")
    } else {
        did_you_mean(found, allowed.iter().copied(), &listing)
    };
    report(
        rules::UNKNOWN_CODE,
        field.to_string(),
        format!("unknown value \"{found}\""),
        help,
    )
}

impl Schema {
    /// The string codes the `anyOf` at `schema_path` allows (a JSON
    /// pointer into the schema that follows `$ref`s, as the validator
    /// reports it); empty when its choices are not codes.
    fn codes_at(&self, schema_path: &str) -> Vec<String> {
        let mut node = &self.root;
        for segment in schema_path.split('/').skip(1) {
            let segment = segment.replace("~1", "/").replace("~0", "~");
            let next = if segment == "$ref" {
                node.get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|target| self.root.pointer(target.trim_start_matches('#')))
            } else if let Ok(index) = segment.parse::<usize>() {
                node.get(index)
            } else {
                node.get(segment.as_str())
            };
            let Some(next) = next else {
                return Vec::new();
            };
            node = next;
        }
        let mut codes = Vec::new();
        for choice in node.as_array().into_iter().flatten() {
            self.collect_codes(choice, &mut codes);
        }
        codes
    }

    fn collect_codes(&self, node: &Value, codes: &mut Vec<String>) {
        if let Some(target) = node.get("$ref").and_then(Value::as_str) {
            if let Some(target) = self.root.pointer(target.trim_start_matches('#')) {
                self.collect_codes(target, codes);
            }
        }
        for list in ["enum", "oneOf", "anyOf"] {
            for item in node
                .get(list)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                match item {
                    Value::String(code) => codes.push(code.clone()),
                    other => self.collect_codes(other, codes),
                }
            }
        }
        if let Some(code) = node.get("const").and_then(Value::as_str) {
            codes.push(code.to_string());
        }
    }
}

/// What to say about a field that is not allowed where it is written:
/// where it belongs when it is a field of another part of the record
/// (never "did you mean" the same word), how to write a translation when
/// it is a language code, or the closest allowed name.
fn unknown_field_help(schema: &Schema, parent: &str, name: &str) -> String {
    let example_translation = |language: &str| {
        format!("a translation goes under translations: at the top level of the record, for example:\n    translations:\n      {language}:\n        name: …\n        description: …")
    };
    if name == "translations" {
        return if parent.is_empty() {
            "translations may appear only once; merge the two blocks".to_string()
        } else {
            format!("translations belong at the top level of the record, not under {parent}; a service's translation goes under translations: <language>: services: <service id>:, for example:\n    translations:\n      es:\n        services:\n          <service id>:\n            name: …\n            description: …")
        };
    }
    let key = crate::hub::words::key(name);
    if let Some((_, instead)) = schema.aliases.iter().find(|(alias, _)| *alias == key) {
        return format!("haven has no {name}: field; {instead}");
    }
    if parent.is_empty() && looks_like_language(name) {
        return example_translation(name);
    }
    if schema.property_names.iter().any(|known| known == name) {
        let place = if parent.is_empty() {
            "the top level".to_string()
        } else {
            parent.to_string()
        };
        return format!("\"{name}\" is a field of another part of the record, not of {place}: check its indentation (two spaces per level)");
    }
    did_you_mean(
        name,
        schema
            .property_names
            .iter()
            .map(String::as_str)
            .filter(|known| *known != name),
        "remove the field or fix its spelling",
    )
}

/// A language code such as `es`, `vi` or `zh-Hant`.
fn looks_like_language(name: &str) -> bool {
    let primary = name.split('-').next().unwrap_or_default();
    (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase())
}

/// `translations.es.services`: the services of one translation.
fn is_service_translations(field: &str) -> bool {
    field.starts_with("translations.") && field.ends_with(".services")
}

/// The `id` of the first item of a list written where service
/// translations go, for the example in the help.
fn first_service_id(value: &Value) -> String {
    value
        .as_array()
        .and_then(|items| items.first())
        .and_then(|item| item.get("id"))
        .and_then(Value::as_str)
        .unwrap_or("<service id>")
        .to_string()
}

/// `/services/0/access` → `services[0].access`.
fn field_path(pointer: &str) -> String {
    let mut field = String::new();
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        if segment.chars().all(|c| c.is_ascii_digit()) && !segment.is_empty() {
            field.push_str(&format!("[{segment}]"));
        } else {
            if !field.is_empty() {
                field.push('.');
            }
            field.push_str(&segment);
        }
    }
    field
}

fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}.{name}")
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "an empty value",
        Value::Bool(_) => "yes/no",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// The "is not of type(s) …" tail of a jsonschema message, in plain
/// words. An empty value is left unsaid beside another type: every
/// optional field takes one, so naming it only lengthens the message.
fn expected(message: &str) -> String {
    let Some((_, types)) = message
        .split_once("is not of types ")
        .or_else(|| message.split_once("is not of type "))
    else {
        return message.to_string();
    };
    let words: Vec<&str> = types
        .split(", ")
        .map(|name| match name.trim().trim_matches('"') {
            "object" => "a mapping",
            "array" => "a list",
            "string" => "text",
            "integer" => "a whole number",
            "number" => "a number",
            "boolean" => "true or false",
            "null" => "an empty value",
            other => other,
        })
        .collect();
    let said: Vec<&str> = match words.as_slice() {
        [only] => vec![*only],
        _ => words
            .into_iter()
            .filter(|word| *word != "an empty value")
            .collect(),
    };
    format!("expected {}", said.join(" or "))
}

/// Help for yes or no written where a word is expected: the word it most
/// likely means, for the access facts a volunteer answers that way.
fn yes_or_no_help(field: &str, found: &str, listing: &str) -> String {
    let meant = match (
        field.rsplit('.').next().unwrap_or(field),
        reads_as_yes(found),
    ) {
        ("law_enforcement_involvement", false) => Some("not_required"),
        ("law_enforcement_involvement", true) => Some("required"),
        ("confidentiality", true) => Some("confidential"),
        _ => None,
    };
    match meant {
        Some(word) => format!(
            "this field takes a word, not yes or no: {listing}; \"{found}\" is probably \"{word}\""
        ),
        None => format!("this field takes a word, not yes or no: {listing}"),
    }
}

/// E061's help for a mapping of hours: the block rewritten when its
/// keys are days named another way (`lunes:`, `Monday:`, `mon-fri:`).
fn hours_mapping_help(instance: &Value) -> String {
    use crate::hub::hours::{hours_help, Written, HOURS_FORM};
    let entries: Option<Vec<(&str, &str)>> = instance.as_object().and_then(|mapping| {
        mapping
            .iter()
            .map(|(key, value)| value.as_str().map(|value| (key.as_str(), value)))
            .collect()
    });
    match entries {
        Some(entries) => hours_help(&Written::Mapping(entries)),
        None => HOURS_FORM.to_string(),
    }
}

/// The value of `allowed` a word volunteers write stands for: "text" for
/// `sms`, "gratis" for `free`, "en línea" for `virtual`.
fn synonym(found: &str, allowed: &[&str]) -> Option<&'static str> {
    use crate::hub::record::PhoneKind;
    PhoneKind::named_by(found)
        .map(PhoneKind::code)
        .into_iter()
        .chain(crate::hub::words::codes_named_by(found))
        .find(|code| allowed.contains(code))
}

/// Yes, no, y, n, on, off, sí in any case: booleans in older YAML, text
/// in the YAML haven reads, and what a volunteer writes for true or false.
fn reads_as_yes_or_no(text: &str) -> bool {
    reads_as_yes(text) || ["no", "n", "off"].contains(&crate::hub::words::key(text).as_str())
}

fn reads_as_yes(text: &str) -> bool {
    ["yes", "y", "on", "si"].contains(&crate::hub::words::key(text).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_expected_types_read_as_words_without_the_empty_value() {
        assert_eq!(
            expected(r#""No" is not of types "boolean", "null""#),
            "expected true or false"
        );
        assert_eq!(expected(r#"3 is not of type "array""#), "expected a list");
        assert_eq!(
            expected(r#"3 is not of type "null""#),
            "expected an empty value"
        );
    }

    /// The message and help of the error a partner record gets at `field`.
    fn error_at(record: &str, field: &str) -> (String, String) {
        let source = format!("schema_version: 1\nid: x\n{record}");
        partner_errors(&source, Path::new("partners/x.yaml"))
            .into_iter()
            .find(|d| d.field == field)
            .map(|d| (d.message, d.help.unwrap_or_default()))
            .unwrap_or_else(|| panic!("no error at {field}"))
    }

    #[test]
    fn yes_and_no_written_for_a_boolean_get_their_own_help() {
        let (message, help) = error_at(
            "services:\n  - id: s\n    access:\n      id_required: No\n",
            "services[0].access.id_required",
        );
        assert!(message.ends_with("expected true or false"), "{message}");
        assert!(help.contains("without quotes"), "{help}");
    }

    #[test]
    fn yes_or_no_written_for_an_access_fact_suggests_the_word_it_means() {
        let access = "services:\n  - id: s\n    access:\n      law_enforcement_involvement: no\n      confidentiality: Yes\n";
        let (_, help) = error_at(access, "services[0].access.law_enforcement_involvement");
        assert!(
            help.ends_with("\"no\" is probably \"not_required\""),
            "{help}"
        );
        let (_, help) = error_at(access, "services[0].access.confidentiality");
        assert!(
            help.ends_with("\"Yes\" is probably \"confidential\""),
            "{help}"
        );
    }

    #[test]
    fn a_word_volunteers_use_for_a_value_is_named_with_haven_s_word() {
        let (_, help) = error_at(
            "phones:\n  - id: p\n    number: \"88788\"\n    kind: text\n",
            "phones[0].kind",
        );
        assert!(help.ends_with("\"text\" is written \"sms\" here"), "{help}");
    }

    #[test]
    fn front_matter_from_another_site_generator_says_what_haven_calls_it() {
        let diagnostics = guide_errors(
            "layout: post\ntitle: Shelter checklist\ndate: 2023-05-02\ndescription: A checklist.\n",
            Path::new("guides/checklist.md"),
            1,
        );
        let help = |field: &str| {
            diagnostics
                .iter()
                .find(|d| d.field == field)
                .and_then(|d| d.help.clone())
                .unwrap_or_default()
        };
        assert!(
            help("date").contains("write updated: instead"),
            "{diagnostics:?}"
        );
        assert!(
            help("description").contains("write summary: instead"),
            "{diagnostics:?}"
        );
        assert!(help("layout").contains("remove it"), "{diagnostics:?}");
    }

    #[test]
    fn field_names_written_in_spanish_get_the_english_name() {
        let (_, help) = error_at("nombre: Casa Sol\n", "nombre");
        assert!(help.contains("write name:"), "{help}");
        let (_, help) = error_at("Descripción: Refugio\n", "Descripción");
        assert!(help.contains("write description:"), "{help}");
        let diagnostics = guide_errors(
            "titulo: Plan de seguridad\nfecha: 2026-10-02\n",
            Path::new("guides/plan.es.md"),
            1,
        );
        for (field, english) in [("titulo", "write title:"), ("fecha", "write updated:")] {
            assert!(
                diagnostics
                    .iter()
                    .any(|d| d.field == field
                        && d.help.as_deref().is_some_and(|h| h.contains(english))),
                "{diagnostics:?}"
            );
        }
    }

    #[test]
    fn pointers_become_field_paths() {
        assert_eq!(field_path("/services/0/access"), "services[0].access");
        assert_eq!(field_path(""), "");
    }
}
