//! Text analysis shared with the browser: the query script must cut a query
//! into exactly the words this module cuts the index into, so the rules are
//! few and checked against the same vectors on both sides
//! (`tests/search-vectors.json`).

use rust_stemmers::{Algorithm, Stemmer};

/// Words longer than this are not indexed (pasted URLs, identifiers).
pub const MAX_WORD_CHARS: usize = 40;

pub use crate::hub::words::fold;

/// The words of `text`: folded, split on anything that is not a letter or a
/// number. The browser splits on `[^\p{Alphabetic}\p{N}]`, the same classes
/// as `char::is_alphanumeric`.
pub fn words(text: &str) -> impl Iterator<Item = String> {
    let folded = fold(text);
    split_words(&folded)
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The words of text already folded (see [`fold`]).
pub fn split_words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
}

/// Function words dropped from the index and, by the script, from queries:
/// the words people wrap a need in ("where can I get help for my son", "necesito
/// un lugar donde dormir") but no record is found by. Short on purpose: a
/// word a survivor might search for stays searchable.
pub const STOP_WORDS: &[&str] = &[
    // English
    "a",
    "am",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "can",
    "do",
    "for",
    "from",
    "get",
    "has",
    "have",
    "how",
    "i",
    "in",
    "is",
    "it",
    "its",
    "me",
    "my",
    "near",
    "need",
    "of",
    "on",
    "or",
    "our",
    "please",
    "somewhere",
    "that",
    "the",
    "their",
    "this",
    "to",
    "want",
    "was",
    "we",
    "were",
    "what",
    "where",
    "will",
    "with",
    "you",
    "your", // Spanish
    "al",
    "con",
    "de",
    "del",
    "donde",
    "el",
    "en",
    "es",
    "hay",
    "la",
    "las",
    "lo",
    "los",
    "mi",
    "mis",
    "necesito",
    "o",
    "para",
    "por",
    "puedo",
    "que",
    "quiero",
    "se",
    "su",
    "sus",
    "un",
    "una",
    "unos",
    "y",
    "yo",
];

pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// Function words of one language that are words of another: Spanish
/// "son" ("they are") is English "son". Left out of that language's text
/// only, and kept in queries, so "help for my son" still means a son.
const STOP_WORDS_OF: &[(&str, &[&str])] =
    &[("es", &["son", "como", "este", "esta", "estos", "estas"])];

/// Whether `word` is left out of text written in `language`.
pub fn is_stop_word_in(word: &str, language: &str) -> bool {
    let primary = language.split('-').next().unwrap_or(language);
    is_stop_word(word)
        || STOP_WORDS_OF
            .iter()
            .any(|(code, words)| *code == primary && words.contains(&word))
}

/// Snowball stemmer for a language tag's primary subtag, when there is one.
pub fn stemmer(language: &str) -> Option<Stemmer> {
    let primary = language.split('-').next().unwrap_or(language);
    let algorithm = match primary {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "en" => Algorithm::English,
        "es" => Algorithm::Spanish,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "nl" => Algorithm::Dutch,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// Snowball stemmers the query script can load, by primary language
/// subtag: the build's stemmers (rust-stemmers) written in JavaScript, run
/// only on query words the index does not hold. Each file calls
/// `HAVEN_SEARCH("stem-<language>", stem)`.
const QUERY_STEMMERS: &[(&str, &str)] = &[
    ("en", include_str!("stem/english.js")),
    ("es", include_str!("stem/spanish.js")),
];

/// The minified query stemmers for texts written in `languages`, by
/// primary subtag, each once.
pub fn query_stemmers<'a>(
    languages: impl IntoIterator<Item = &'a str>,
) -> Vec<(&'static str, &'static [u8])> {
    static MINIFIED: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    let minified = MINIFIED.get_or_init(|| {
        QUERY_STEMMERS
            .iter()
            .map(|(_, source)| crate::pipeline::minify::minify_js(source.as_bytes()))
            .collect()
    });
    let primaries: std::collections::BTreeSet<&str> = languages
        .into_iter()
        .map(|language| language.split('-').next().unwrap_or(language))
        .collect();
    QUERY_STEMMERS
        .iter()
        .zip(minified)
        .filter(|((code, _), _)| primaries.contains(code))
        .map(|((code, _), code_bytes)| (*code, code_bytes.as_slice()))
        .collect()
}

/// Plain text of rendered HTML: tags dropped, the entities our renderers
/// emit decoded, block boundaries kept as spaces.
pub fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        rest = rest[open..]
            .find('>')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    text.push_str(rest);
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
}

/// Plain text of Markdown source (translations are kept as Markdown).
pub fn markdown_text(source: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut text = String::with_capacity(source.len());
    for event in Parser::new(source) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            _ => text.push(' '),
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_function_word_of_one_language_stays_a_word_of_another() {
        assert!(is_stop_word_in("son", "es") && is_stop_word_in("son", "es-MX"));
        assert!(!is_stop_word_in("son", "en"));
        assert!(is_stop_word_in("the", "es") && is_stop_word_in("para", "en"));
    }

    #[test]
    fn accents_and_case_fold_away() {
        assert_eq!(fold("Información Ñandú"), "informacion nandu");
    }

    #[test]
    fn words_split_on_punctuation_and_keep_numbers() {
        let split: Vec<String> = words("24/7 Crisis-Line (Niños)").collect();
        assert_eq!(split, ["24", "7", "crisis", "line", "ninos"]);
    }

    #[test]
    fn dotted_capital_i_folds_to_plain_i() {
        assert_eq!(fold("İstanbul"), "istanbul");
    }

    #[test]
    fn spanish_and_english_stems_join_inflections() {
        let es = stemmer("es").map(|s| s.stem("albergues").to_string());
        assert_eq!(es.as_deref(), Some("alberg"));
        let en = stemmer("en-US").map(|s| s.stem("shelters").to_string());
        assert_eq!(en.as_deref(), Some("shelter"));
        assert!(stemmer("vi").is_none());
    }

    #[test]
    fn html_text_drops_tags_and_decodes_entities() {
        assert_eq!(
            html_text("<p>Legal &amp; <em>safe</em></p>")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["Legal", "&", "safe"]
        );
    }
}
