//! Language tags (rules E040–E044): well-formed BCP 47, every subtag in the
//! IANA Language Subtag Registry, and the mistakes volunteers actually make
//! (ISO 639-2/B codes, English names, `en_US`).

use crate::diagnostics::rules;
use language_tags::LanguageTag;

/// What a field check found: (rule, message, help). W-codes warn.
pub type Finding = (rules::Rule, String, String);

/// ISO 639-2/B codes and English names people type instead of tags.
const REPLACEMENTS: &[(&str, &str)] = &[
    ("spa", "es"),
    // Abbreviations of "Spanish" and "español" on forms.
    ("sp", "es"),
    ("esp", "es"),
    ("eng", "en"),
    ("fre", "fr"),
    ("fra", "fr"),
    ("ger", "de"),
    ("deu", "de"),
    ("chi", "zh-Hans or zh-Hant (written) / cmn or yue (spoken)"),
    ("zho", "zh-Hans or zh-Hant (written) / cmn or yue (spoken)"),
    ("ara", "ar"),
    ("por", "pt"),
    ("rus", "ru"),
    ("vie", "vi"),
    ("kor", "ko"),
    ("per", "fa"),
    ("fas", "fa"),
    ("som", "so"),
    ("swa", "sw"),
    ("amh", "am"),
    ("tir", "ti"),
    ("hat", "ht"),
    ("tgl", "tl"),
    ("nav", "nv"),
    ("english", "en"),
    ("spanish", "es"),
    ("español", "es"),
    ("french", "fr"),
    ("arabic", "ar"),
    ("vietnamese", "vi"),
    ("somali", "so"),
    ("dari", "prs"),
    ("farsi", "fa"),
    ("pashto", "ps"),
    ("haitian creole", "ht"),
    ("creole", "ht"),
    ("mandarin", "cmn"),
    ("cantonese", "yue"),
    (
        "chinese",
        "zh-Hans or zh-Hant (written) / cmn or yue (spoken)",
    ),
    ("korean", "ko"),
    ("russian", "ru"),
    ("ukrainian", "uk"),
    ("portuguese", "pt"),
    ("tagalog", "tl"),
    ("navajo", "nv"),
    ("asl", "ase"),
    ("american sign language", "ase"),
    // Names in Spanish, as Spanish-speaking volunteers write them.
    ("inglés", "en"),
    ("ingles", "en"),
    ("espanol", "es"),
    ("francés", "fr"),
    ("frances", "fr"),
    ("árabe", "ar"),
    ("arabe", "ar"),
    ("vietnamita", "vi"),
    ("coreano", "ko"),
    ("ruso", "ru"),
    ("portugués", "pt"),
    ("portugues", "pt"),
    ("navajo (diné)", "nv"),
    ("diné", "nv"),
    ("lengua de señas americana", "ase"),
    ("lenguaje de señas americano", "ase"),
    ("lenguaje de señas", "ase"),
    ("lengua de señas", "ase"),
    ("criollo haitiano", "ht"),
    ("mandarín", "cmn"),
    ("cantonés", "yue"),
    ("swahili", "sw"),
    ("amharic", "am"),
    ("tigrinya", "ti"),
    ("burmese", "my"),
    ("nepali", "ne"),
    ("hindi", "hi"),
    ("urdu", "ur"),
    ("punjabi", "pa"),
    ("bengali", "bn"),
    ("khmer", "km"),
    ("lao", "lo"),
    ("hmong", "hmn"),
    ("thai", "th"),
    ("german", "de"),
];

/// The tag for a language name or ISO 639-2 code people write instead
/// (`Creole` → `ht`, `spa` → `es`), when there is exactly one.
pub fn tag_for_name(name: &str) -> Option<&'static str> {
    let lower = name.trim().to_lowercase();
    REPLACEMENTS
        .iter()
        .find(|(wrong, _)| *wrong == lower)
        .map(|(_, tag)| *tag)
        .filter(|tag| !tag.contains(' '))
}

/// `Ok(None)` for a good tag, `Ok(Some(warning))` for a usable but vague
/// one, `Err(error)` otherwise.
pub fn check(tag: &str) -> Result<Option<Finding>, Finding> {
    let lower = tag.trim().to_lowercase();
    if let Some((_, replacement)) = REPLACEMENTS.iter().find(|(wrong, _)| *wrong == lower) {
        let what = match lower.as_str() {
            "sp" | "esp" => "an abbreviation",
            _ if lower.len() == 3 => "an ISO 639-2 code",
            _ => "a language name",
        };
        return Err((
            rules::LANGUAGE_NAME_NOT_TAG,
            format!("\"{tag}\" is {what}, not a BCP 47 tag"),
            format!("use \"{replacement}\" instead"),
        ));
    }
    if tag.contains('_') {
        return Err((
            rules::MALFORMED_LANGUAGE_TAG,
            format!("\"{tag}\" is not a well-formed BCP 47 language tag"),
            format!(
                "use \"{}\" (hyphen), or just \"{}\"",
                tag.replace('_', "-"),
                tag.split('_').next().unwrap_or(tag)
            ),
        ));
    }
    let parsed = LanguageTag::parse(tag).map_err(|_| {
        (
            rules::MALFORMED_LANGUAGE_TAG,
            format!("\"{tag}\" is not a well-formed BCP 47 language tag"),
            "write a code such as \"es\", \"pt-BR\" or \"zh-Hant\"".to_string(),
        )
    })?;
    if parsed.validate().is_err() {
        return Err((
            rules::UNREGISTERED_SUBTAG,
            format!("\"{tag}\": a subtag is not in the IANA Language Subtag Registry"),
            "check the spelling; e.g. Spanish is \"es\", Dari is \"prs\", Somali is \"so\""
                .to_string(),
        ));
    }
    let primary = parsed.primary_language().to_ascii_lowercase();
    if matches!(primary.as_str(), "sgn" | "und" | "mis" | "mul" | "zxx")
        || parsed.private_use().is_some()
        || primary.starts_with('x') && tag.starts_with("x-")
    {
        return Ok(Some((
            rules::VAGUE_LANGUAGE_TAG,
            format!("\"{tag}\" does not name one language, so it cannot be filtered on"),
            "use the specific language, e.g. \"ase\" for American Sign Language".to_string(),
        )));
    }
    if tag == "zh" {
        return Ok(Some((
            rules::BARE_ZH,
            "\"zh\" does not say which spoken variety or script".to_string(),
            "for spoken service use \"yue\" (Cantonese) or \"cmn\" (Mandarin); for written material \"zh-Hans\"/\"zh-Hant\"".to_string(),
        )));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_tags_pass() {
        for tag in ["en", "es", "pt-BR", "zh-Hant", "prs", "ase", "yue", "nv"] {
            assert_eq!(check(tag), Ok(None), "{tag}");
        }
    }

    #[test]
    fn common_mistakes_have_precise_codes() {
        assert_eq!(check("spa").unwrap_err().0, rules::LANGUAGE_NAME_NOT_TAG);
        assert_eq!(check("Spanish").unwrap_err().2, "use \"es\" instead");
        assert_eq!(check("en_US").unwrap_err().0, rules::MALFORMED_LANGUAGE_TAG);
        assert_eq!(check("sp").unwrap_err().0, rules::LANGUAGE_NAME_NOT_TAG);
        assert_eq!(check("sp").unwrap_err().2, "use \"es\" instead");
        assert_eq!(check("xq").unwrap_err().0, rules::UNREGISTERED_SUBTAG);
        assert_eq!(
            check("sgn").unwrap().map(|f| f.0),
            Some(rules::VAGUE_LANGUAGE_TAG)
        );
        assert_eq!(check("zh").unwrap().map(|f| f.0), Some(rules::BARE_ZH));
    }
}
