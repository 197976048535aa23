//! What export tools leave in cells that no reader should see: escaped
//! line breaks (`\n` as two characters), marker text (`###MON###`), HTML
//! entities (`&rsquo;`), curly quotes garbled by a wrong encoding
//! (`GÇÖ`, `â€™`) and placeholder words (`None`, `NULL`). Each cell is
//! cleaned as it is read, and each kind of cleaning is counted for the
//! report.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// What was cleaned, by kind: how many cells, and the first one's place.
#[derive(Debug, Default, Clone)]
pub struct Cleaned {
    pub kinds: BTreeMap<&'static str, (usize, String)>,
}

impl Cleaned {
    fn note(&mut self, kind: &'static str, place: impl FnOnce() -> String) {
        self.kinds
            .entry(kind)
            .and_modify(|(count, _)| *count += 1)
            .or_insert_with(|| (1, place()));
    }

    /// One line per kind: `42 cells: escaped line breaks (\n) made real
    /// (first: services.csv:12)`.
    pub fn lines(&self) -> Vec<String> {
        self.kinds
            .iter()
            .map(|(kind, (count, first))| format!("{count} cell(s): {kind} (first: {first})"))
            .collect()
    }
}

const ESCAPED_BREAKS: &str = "escaped line breaks (\\n) made real";
const MARKERS: &str = "marker text such as ###MON### removed";
const ENTITIES: &str = "HTML entities such as &rsquo; decoded";
const GARBLED: &str = "characters garbled by a wrong encoding (GÇÖ, â€™) repaired";
const PLACEHOLDERS: &str = "placeholder values (None, NULL, N/A) left empty";

/// A cell as a person meant it; `None` when nothing is left.
pub fn clean<'a>(
    value: &'a str,
    cleaned: &mut Cleaned,
    place: &dyn Fn() -> String,
) -> Option<Cow<'a, str>> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return None;
    }
    if matches!(
        trimmed,
        "None" | "NONE" | "none" | "NULL" | "null" | "Null" | "N/A" | "n/a" | "#N/A"
    ) {
        cleaned.note(PLACEHOLDERS, place);
        return None;
    }
    let mut text: Cow<'a, str> = Cow::Borrowed(trimmed);
    if text.contains("\\n") || text.contains("\\r") || text.contains("\\t") {
        cleaned.note(ESCAPED_BREAKS, place);
        text = Cow::Owned(
            text.replace("\\r\\n", "\n")
                .replace("\\n", "\n")
                .replace("\\r", "\n")
                .replace("\\t", " "),
        );
    }
    if let Some(unmarked) = without_markers(&text) {
        cleaned.note(MARKERS, place);
        text = Cow::Owned(unmarked);
    }
    if let Some(repaired) = repaired_encoding(&text) {
        cleaned.note(GARBLED, place);
        text = Cow::Owned(repaired);
    }
    if let Some(decoded) = decoded_entities(&text) {
        cleaned.note(ENTITIES, place);
        text = Cow::Owned(decoded);
    }
    let tidy = tidy_lines(&text);
    if tidy.is_empty() {
        return None;
    }
    Some(if tidy == text.as_ref() {
        text
    } else {
        Cow::Owned(tidy)
    })
}

/// `###MON###`, `###COL###`: three `#`, capital letters, three `#`.
fn without_markers(text: &str) -> Option<String> {
    if !text.contains("###") {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut found = false;
    while let Some(start) = rest.find("###") {
        let after = &rest[start + 3..];
        let letters = after
            .bytes()
            .take_while(|b| b.is_ascii_uppercase() || *b == b'_')
            .count();
        if letters > 0 && after[letters..].starts_with("###") {
            out.push_str(&rest[..start]);
            rest = &after[letters + 3..];
            found = true;
        } else {
            out.push_str(&rest[..start + 3]);
            rest = after;
        }
    }
    out.push_str(rest);
    found.then_some(out)
}

/// UTF-8 punctuation read as code page 437 (`ΓÇÖ`, often with `G` for
/// `Γ`) or as Windows-1252 (`â€™`), and Latin letters read as Latin-1
/// (`Ã©`).
const GARBLINGS: [(&str, &str); 30] = [
    ("ΓÇÖ", "’"),
    ("ΓÇÿ", "‘"),
    ("ΓÇ£", "“"),
    ("ΓÇ¥", "”"),
    ("ΓÇô", "–"),
    ("ΓÇö", "—"),
    ("ΓÇª", "…"),
    ("GÇÖ", "’"),
    ("GÇÿ", "‘"),
    ("GÇ£", "“"),
    ("GÇ¥", "”"),
    ("GÇô", "–"),
    ("GÇö", "—"),
    ("GÇª", "…"),
    ("â€™", "’"),
    ("â€˜", "‘"),
    ("â€œ", "“"),
    ("â€\u{9d}", "”"),
    ("â€“", "–"),
    ("â€”", "—"),
    ("â€¦", "…"),
    ("Ã©", "é"),
    ("Ã¡", "á"),
    ("Ã\u{ad}", "í"),
    ("Ã³", "ó"),
    ("Ãº", "ú"),
    ("Ã±", "ñ"),
    ("Ã¼", "ü"),
    ("Ã‰", "É"),
    ("Ã‘", "Ñ"),
];

fn repaired_encoding(text: &str) -> Option<String> {
    if !(text.contains('Ç') || text.contains('â') || text.contains('Ã')) {
        return None;
    }
    let mut out = text.to_string();
    for (garbled, meant) in GARBLINGS {
        if out.contains(garbled) {
            out = out.replace(garbled, meant);
        }
    }
    (out != text).then_some(out)
}

const ENTITY_NAMES: [(&str, char); 24] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", ' '),
    ("rsquo", '’'),
    ("lsquo", '‘'),
    ("rdquo", '”'),
    ("ldquo", '“'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("bull", '•'),
    ("aacute", 'á'),
    ("eacute", 'é'),
    ("iacute", 'í'),
    ("oacute", 'ó'),
    ("uacute", 'ú'),
    ("ntilde", 'ñ'),
    ("uuml", 'ü'),
    ("Eacute", 'É'),
    ("Ntilde", 'Ñ'),
    ("copy", '©'),
];

/// `&rsquo;`, `&#39;`, `&#x2019;` as the characters they stand for;
/// anything else with `&` is left as written.
fn decoded_entities(text: &str) -> Option<String> {
    if !text.contains('&') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut found = false;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let entity = after
            .find(';')
            .filter(|end| *end <= 8)
            .and_then(|end| Some((end, character(&after[..end])?)));
        match entity {
            Some((end, c)) => {
                out.push(c);
                rest = &after[end + 1..];
                found = true;
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    found.then_some(out)
}

fn character(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || *c == '\n');
    }
    ENTITY_NAMES
        .iter()
        .find(|(entity, _)| *entity == name)
        .map(|(_, c)| *c)
}

/// Lines trimmed, at most one blank line in a row, none at the ends.
fn tidy_lines(text: &str) -> String {
    if !text.contains('\n') {
        return text.trim().to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(line);
        blank = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(value: &str) -> (Option<String>, Vec<&'static str>) {
        let mut cleaned = Cleaned::default();
        let text = clean(value, &mut cleaned, &|| "x.csv:2".to_string()).map(Cow::into_owned);
        (text, cleaned.kinds.keys().copied().collect())
    }

    #[test]
    fn escaped_line_breaks_and_markers_of_a_211_export_are_cleaned() {
        let (text, kinds) = cleaned(r"Legal help for victims.\n\n\n###MON###\n###COL###");
        assert_eq!(text.as_deref(), Some("Legal help for victims."));
        assert_eq!(kinds, vec![ESCAPED_BREAKS, MARKERS]);
    }

    #[test]
    fn garbled_quotes_and_entities_become_the_characters_meant() {
        assert_eq!(
            cleaned("the Attorney GeneralGÇÖs Office").0.as_deref(),
            Some("the Attorney General’s Office")
        );
        assert_eq!(
            cleaned("Women&rsquo;s shelter &amp; hotline &#8211; 24/7")
                .0
                .as_deref(),
            Some("Women’s shelter & hotline – 24/7")
        );
        assert_eq!(cleaned("caf\u{e9} Ã© ok").0.as_deref(), Some("café é ok"));
    }

    #[test]
    fn placeholders_and_blank_cells_are_empty() {
        assert_eq!(cleaned("None"), (None, vec![PLACEHOLDERS]));
        assert_eq!(cleaned("   ").0, None);
        assert_eq!(cleaned("FL ").0.as_deref(), Some("FL"));
    }

    #[test]
    fn ordinary_text_is_left_as_written() {
        for text in ["A & B, 5 < 7", "Call #211 (###)", "AT&T; ok", "Nonetheless"] {
            assert_eq!(cleaned(text), (Some(text.to_string()), vec![]), "{text}");
        }
    }
}
