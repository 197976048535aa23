//! What a phone dials for a number as people write it: "(505) 555-0170
//! ext. 12", "1-800-4-A-CHILD", "+52 55 1234 5678", "988". The visible
//! text stays as written; the `tel:` link is built from the parsed
//! number, never from its digits alone, so a link dials exactly the
//! number shown or the number is refused (rules E050–E053).

use crate::diagnostics::rules::{self, Rule};
use phonenumber::country::Id;
use phonenumber::Mode;

use crate::hub::record::PhoneKind;

/// A number a phone can dial: E.164 (`+15055550170`) or the digits of a
/// short code (`988`), with the extension to dial after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dial {
    pub number: String,
    pub extension: Option<String>,
}

/// Why a written number cannot be dialled: rule code, message, help.
pub type Problem = (Rule, String, String);

/// Parses `written` (and the record's `extension` field, if any) in the
/// hub's default `country`.
pub fn parse(
    written: &str,
    extension_field: Option<&str>,
    kind: PhoneKind,
    country: &str,
) -> Result<Dial, Problem> {
    if kind == PhoneKind::ShortCode {
        return short_code(written).map(|number| Dial {
            number,
            extension: None,
        });
    }
    let (main, written_extension) = split_extension(written);
    let extension = match (written_extension, extension_field) {
        (Some(_), Some(_)) => {
            return Err((
                rules::BAD_EXTENSION,
                format!("\"{written}\" has an extension and so has the extension field"),
                "write the extension once, in extension: \"12\"".to_string(),
            ))
        }
        (Some(extension), None) => Some(extension),
        (None, Some(field)) => Some(check_extension(field)?),
        (None, None) => None,
    };
    let invalid = |why: &str| {
        (
            rules::UNDIALLABLE_NUMBER,
            format!("\"{written}\" is not a phone number that can be dialled in {country}: {why}"),
            "write it as \"+1 505-555-0142\" (letters such as 1-800-4-A-CHILD are fine), an extension as \"ext. 12\"; for 3-6 digit numbers such as 988 or a text short code use kind: short_code".to_string(),
        )
    };
    let numbers = numbers_apart(main);
    if numbers.len() > 1 {
        return Err((
            rules::UNDIALLABLE_NUMBER,
            format!("\"{written}\" is not a phone number that can be dialled in {country}: it holds {} numbers", numbers.len()),
            format!("give each number its own entry under phones:, with its own id, kind and label: number: \"{}\", then number: \"{}\"", numbers[0], numbers[1]),
        ));
    }
    if let Some((label, number)) = label_before(main) {
        return Err((
            rules::UNDIALLABLE_NUMBER,
            format!("\"{written}\" is not a phone number that can be dialled in {country}: \"{label}:\" is a label, not part of the number"),
            format!("write number: \"{number}\" and {}", label_field(label)),
        ));
    }
    if let Some((keyword, number)) = text_instruction(main) {
        let kind = if number.chars().filter(char::is_ascii_digit).count() <= 6 {
            "short_code"
        } else {
            "sms"
        };
        return Err((
            rules::UNDIALLABLE_NUMBER,
            format!("\"{written}\" is not a phone number that can be dialled in {country}: it tells people what to text"),
            format!("write number: \"{number}\", kind: {kind} and text_keyword: {keyword}; the page shows \"(Text {keyword})\" and the link opens a text message"),
        ));
    }
    let main = match spelled_out(main) {
        Spelling::Agrees(number) => number,
        Spelling::None => main,
        Spelling::Disagrees { letters, digits } => {
            return Err((
                rules::UNDIALLABLE_NUMBER,
                format!("\"{written}\" is not a phone number that can be dialled in {country}: the letters dial {letters}, the digits in brackets say {digits}"),
                "check the number the partner publishes, and write the letters and the digits so they agree (\"1-800-799-SAFE (7233)\"), or only one of them".to_string(),
            ))
        }
    };
    let allowed =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '+' | '/');
    if let Some(stray) = main.chars().find(|c| !allowed(*c)) {
        return Err(invalid(&format!("\"{stray}\" has no place in a number")));
    }
    if !main.chars().any(|c| c.is_ascii_digit()) {
        return Err(invalid("it has no digits"));
    }
    let digits: String = main.chars().filter_map(keypad_digit).collect();
    let plus = if main.trim_start().starts_with('+') {
        "+"
    } else {
        ""
    };
    let region: Option<Id> = country.parse().ok();
    let parsed = phonenumber::parse(region, format!("{plus}{digits}")).ok();
    let Some(parsed) = parsed.filter(|parsed| parsed.is_valid()) else {
        if short_code(main).is_ok() {
            return Err((
                rules::UNDIALLABLE_NUMBER,
                format!("\"{written}\" is not a phone number that can be dialled in {country}: a number of 3 to 6 digits, such as 988 or 211, is a short code"),
                "add kind: short_code (with text_keyword: if people text a word to it)".to_string(),
            ));
        }
        return Err(invalid(
            "it has too many or too few digits, or no such numbers exist",
        ));
    };
    Ok(Dial {
        number: parsed.format().mode(Mode::E164).to_string(),
        extension,
    })
}

/// A parsed number as people read it across borders: "+52 55 1234 5678".
pub fn international(dial: &Dial) -> String {
    phonenumber::parse(None, &dial.number)
        .map(|parsed| parsed.format().mode(Mode::International).to_string())
        .unwrap_or_else(|_| dial.number.clone())
}

/// The number written without a country code (`"55 1234 5678"`) also
/// dials in `other`, a country the partner has an address in, and there
/// it reaches someone else: the two numbers, as people read them.
pub fn other_country_reading(
    written: &str,
    kind: PhoneKind,
    country: &str,
    other: &str,
) -> Option<(String, String)> {
    if written.trim_start().starts_with('+') || kind == PhoneKind::ShortCode || other == country {
        return None;
    }
    let here = parse(written, None, kind, country).ok()?;
    let there = parse(written, None, kind, other).ok()?;
    (here.number != there.number).then(|| (international(&here), international(&there)))
}

/// The link for a parsed number: `tel:+15055550170,12` (the comma makes
/// the phone wait, then dial the extension), `sms:` for text lines and
/// short codes with a keyword, none for a fax.
pub fn href(dial: &Dial, kind: PhoneKind, has_keyword: bool) -> Option<String> {
    let scheme = match kind {
        PhoneKind::Fax => return None,
        PhoneKind::Sms => "sms",
        PhoneKind::ShortCode if has_keyword => "sms",
        _ => "tel",
    };
    let extension = match (&dial.extension, scheme) {
        (Some(extension), "tel") => format!(",{extension}"),
        _ => String::new(),
    };
    Some(format!("{scheme}:{}{extension}", dial.number))
}

fn short_code(written: &str) -> Result<String, Problem> {
    let digits: String = written.chars().filter(char::is_ascii_digit).collect();
    let only_digits = written
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
    if only_digits && (3..=6).contains(&digits.len()) {
        Ok(digits)
    } else {
        Err((
            rules::BAD_SHORT_CODE,
            format!("\"{written}\" is not a short code"),
            "a short code is 3 to 6 digits, such as 988 or 233733; use kind: voice for full numbers".to_string(),
        ))
    }
}

/// E053: an extension is digits only.
pub fn check_extension(extension: &str) -> Result<String, Problem> {
    let extension = extension.trim();
    if !extension.is_empty() && extension.chars().all(|c| c.is_ascii_digit()) {
        return Ok(extension.to_string());
    }
    let digits: String = extension.chars().filter(char::is_ascii_digit).collect();
    Err((
        rules::BAD_EXTENSION,
        format!("extension \"{extension}\" must be digits only"),
        format!("write extension: \"{digits}\""),
    ))
}

/// The number without an extension written after it ("ext. 12", "ext 12",
/// "extension 12", "x12", "#12"), and that extension.
pub fn split_extension(written: &str) -> (&str, Option<String>) {
    let trimmed = written.trim_end();
    let digits_start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map(|(at, _)| at);
    let Some(digits_start) = digits_start else {
        return (written, None);
    };
    let before = trimmed[..digits_start].trim_end_matches([' ', '.', ':']);
    let lower = before.to_ascii_lowercase();
    for marker in ["extension", "ext", "x", "#"] {
        if let Some(number) = lower.strip_suffix(marker) {
            // "x" must stand apart from vanity letters: "555-0170 x12" or
            // "555-0170x12", not "1-800-FIX12".
            let stands_apart = number
                .chars()
                .last()
                .is_some_and(|c| !c.is_ascii_alphabetic());
            if stands_apart && number.chars().any(|c| c.is_ascii_digit()) {
                let main = written[..number.len()].trim_end_matches([' ', ',', ';']);
                return (main, Some(trimmed[digits_start..].to_string()));
            }
        }
    }
    (written, None)
}

/// What a number written with letters says in brackets after them.
enum Spelling<'a> {
    /// No letters with digits in brackets (or digits with letters).
    None,
    /// The brackets spell out the letters ("1-800-799-SAFE (7233)",
    /// "1-800-4-A-CHILD (1-800-422-4453)", "1-800-799-7233 (SAFE)"): the
    /// number without them.
    Agrees(&'a str),
    /// They do not: one of the two is wrong, and no one can tell which.
    Disagrees { letters: String, digits: String },
}

/// Hotlines publish their letters with the digits they dial in brackets,
/// and volunteers copy both; dialling both would run the digits twice.
fn spelled_out(main: &str) -> Spelling<'_> {
    let trimmed = main.trim_end();
    let Some(inside) = trimmed.strip_suffix(')') else {
        return Spelling::None;
    };
    let Some(open) = inside.rfind('(') else {
        return Spelling::None;
    };
    let (before, inside) = (trimmed[..open].trim_end(), &inside[open + 1..]);
    // Vanity letters are capitals; "(505) 555-0142 (Main)" is a label.
    let has_letters = |text: &str| text.chars().any(|c| c.is_ascii_alphabetic());
    let capitals = |text: &str| !text.chars().any(|c| c.is_ascii_lowercase());
    if !capitals(before) || !capitals(inside) {
        return Spelling::None;
    }
    let only = |text: &str, keep: fn(&char) -> bool| {
        text.chars()
            .all(|c| keep(&c) || matches!(c, ' ' | '-' | '.' | '+'))
    };
    let keypad = |text: &str| -> String { text.chars().filter_map(keypad_digit).collect() };
    if has_letters(before) && only(inside, char::is_ascii_digit) {
        // From the first letter on, every digit must be spelled out.
        let first_letter = before
            .find(|c: char| c.is_ascii_alphabetic())
            .unwrap_or_default();
        let letters = keypad(&before[first_letter..]);
        let digits = keypad(inside);
        if digits.len() >= letters.len() && keypad(before).ends_with(&digits) {
            return Spelling::Agrees(before);
        }
        return Spelling::Disagrees { letters, digits };
    }
    // Letters that do not spell the end of the number are more likely a
    // label, "(TTY)", than a mistake: no claim is made about them.
    let letters_spell_digits = !has_letters(before)
        && !inside.is_empty()
        && only(inside, char::is_ascii_alphabetic)
        && keypad(before).ends_with(&keypad(inside));
    if letters_spell_digits {
        Spelling::Agrees(before)
    } else {
        Spelling::None
    }
}

/// The numbers of one text, apart: "505-555-0100 / 505-555-0101", "(800)
/// 799-7233 or TTY (800) 787-3224", "… o …", "505-555-0100, 505-555-0101":
/// the parts, split where each holds seven digits or more; the whole text
/// otherwise ("Text or WhatsApp: …", "24/7 line: …").
pub fn numbers_apart(text: &str) -> Vec<&str> {
    let digit_count = |part: &str| part.chars().filter(char::is_ascii_digit).count();
    for separator in ["/", " or ", " o ", ";", ","] {
        let parts: Vec<&str> = text.split(separator).map(str::trim).collect();
        if parts.len() > 1 && parts.iter().all(|part| digit_count(part) >= 7) {
            return parts;
        }
    }
    vec![text]
}

/// "TTY: 1-800-787-3224", "Hotline: 505-555-0142": a label of words
/// before a colon, and the number after it.
fn label_before(main: &str) -> Option<(&str, &str)> {
    let (label, number) = main.split_once(':')?;
    let label = label.trim();
    let is_words = !label.is_empty()
        && label.len() <= 24
        && label
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '/');
    let number = number.trim();
    (is_words && number.chars().any(|c| c.is_ascii_digit())).then_some((label, number))
}

/// Where the word of a label belongs in the record.
fn label_field(label: &str) -> String {
    // "TTY/TDD" names its kind by its first word; a voice line's label stays.
    let kind = label
        .split('/')
        .next()
        .and_then(PhoneKind::named_by)
        .filter(|kind| !matches!(kind, PhoneKind::Voice | PhoneKind::ShortCode));
    match kind {
        Some(kind) => format!("kind: {}", kind.code()),
        None => format!("label: {label}"),
    }
}

/// "Text START to 88788", "text HOME to 741741", "Envía AYUDA al 233733":
/// the keyword and the number to send it to.
pub fn text_instruction(main: &str) -> Option<(&str, &str)> {
    // ASCII lowercasing keeps every byte where it was: offsets carry over.
    let lower = main.to_ascii_lowercase();
    let after_verb = ["text ", "txt ", "envía ", "envia ", "textea "]
        .iter()
        .find_map(|verb| lower.trim_start().strip_prefix(verb))?;
    let offset = main.len() - after_verb.len();
    let (to, joiner) = [" to ", " al "]
        .iter()
        .find_map(|joiner| after_verb.rfind(joiner).map(|at| (at, joiner.len())))?;
    let keyword = main[offset..offset + to]
        .trim()
        .trim_matches(|c: char| matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’'));
    let number = main[offset + to + joiner..].trim();
    let is_keyword = !keyword.is_empty() && !keyword.contains(' ');
    let is_number = number.chars().any(|c| c.is_ascii_digit())
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.' | '+'));
    (is_keyword && is_number).then_some((keyword, number))
}

/// The keypad digit of a character: itself for a digit, 2 for A, B, C …
/// 9 for W, X, Y, Z; none for punctuation.
fn keypad_digit(c: char) -> Option<char> {
    let digit = match c.to_ascii_uppercase() {
        '0'..='9' => return Some(c),
        'A'..='C' => '2',
        'D'..='F' => '3',
        'G'..='I' => '4',
        'J'..='L' => '5',
        'M'..='O' => '6',
        'P'..='S' => '7',
        'T'..='V' => '8',
        'W'..='Z' => '9',
        _ => return None,
    };
    Some(digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(written: &str) -> Result<String, Rule> {
        parse(written, None, PhoneKind::Voice, "US")
            .map(|dial| href(&dial, PhoneKind::Voice, false).unwrap_or_default())
            .map_err(|problem| problem.0)
    }

    #[test]
    fn national_and_international_forms_dial_the_same_number() {
        for written in [
            "+1 505-555-0142",
            "(505) 555-0142",
            "505.555.0142",
            "1-505-555-0142",
        ] {
            assert_eq!(link(written), Ok("tel:+15055550142".into()), "{written}");
        }
        assert_eq!(link("1-800-799-7233"), Ok("tel:+18007997233".into()));
    }

    #[test]
    fn letters_dial_their_keypad_digits() {
        // Childhelp, as it is published.
        assert_eq!(link("1-800-4-A-CHILD"), Ok("tel:+18004224453".into()));
        assert_eq!(link("1-800-HELP-NOW"), Ok("tel:+18004357669".into()));
    }

    #[test]
    fn digits_in_brackets_that_spell_out_the_letters_are_dialled_once() {
        // As the hotlines publish them.
        assert_eq!(link("1-800-799-SAFE (7233)"), Ok("tel:+18007997233".into()));
        assert_eq!(link("1-800-656-HOPE (4673)"), Ok("tel:+18006564673".into()));
        assert_eq!(
            link("1-800-4-A-CHILD (1-800-422-4453)"),
            Ok("tel:+18004224453".into())
        );
        assert_eq!(
            link("1-800-THE-LOST (1-800-843-5678)"),
            Ok("tel:+18008435678".into())
        );
        assert_eq!(link("1-800-799-7233 (SAFE)"), Ok("tel:+18007997233".into()));
        // StrongHearts Native Helpline and NAMI, as their sites print them.
        assert_eq!(
            link("1-844-7NATIVE (762-8483)"),
            Ok("tel:+18447628483".into())
        );
        assert_eq!(link("1-800-950-NAMI (6264)"), Ok("tel:+18009506264".into()));
        assert_eq!(link("(505) 555-0142"), Ok("tel:+15055550142".into()));
        for label in ["(505) 555-0142 (Main)", "(505) 555-0142 (TTY)"] {
            let (message, _) = refused(label, PhoneKind::Voice);
            assert!(!message.contains("the letters dial"), "{message}");
        }
    }

    /// The message and help of a number refused as E050.
    fn refused(written: &str, kind: PhoneKind) -> (String, String) {
        let (rule, message, help) = parse(written, None, kind, "US").unwrap_err();
        assert_eq!(rule, rules::UNDIALLABLE_NUMBER, "{written}");
        (message, help)
    }

    #[test]
    fn letters_and_bracketed_digits_that_disagree_are_refused() {
        for written in ["1-800-799-SAFE (7234)", "1-800-799-SAFE (33)"] {
            let (message, _) = refused(written, PhoneKind::Voice);
            assert!(message.contains("the letters dial"), "{message}");
        }
    }

    #[test]
    fn two_numbers_in_one_entry_are_named_as_two() {
        for written in [
            "505-555-0100 / 505-555-0101",
            "(800) 799-7233 or TTY (800) 787-3224",
            "505-555-0100; 505-555-0101",
        ] {
            let (message, help) = refused(written, PhoneKind::Voice);
            assert!(message.ends_with("it holds 2 numbers"), "{message}");
            assert!(help.starts_with("give each number its own entry"), "{help}");
        }
        assert_eq!(link("1-800-799-7233"), Ok("tel:+18007997233".into()));
    }

    #[test]
    fn a_short_code_written_as_a_voice_number_is_told_its_kind() {
        for written in ["988", "211", "233733"] {
            let (message, help) = refused(written, PhoneKind::Voice);
            assert!(message.ends_with("is a short code"), "{message}");
            assert!(help.starts_with("add kind: short_code"), "{help}");
        }
    }

    #[test]
    fn a_label_before_the_number_is_named_with_where_it_belongs() {
        let (message, help) = refused("TTY: 1-800-787-3224", PhoneKind::Voice);
        assert!(
            message.ends_with("\"TTY:\" is a label, not part of the number"),
            "{message}"
        );
        assert_eq!(help, "write number: \"1-800-787-3224\" and kind: tty");
        let (_, help) = refused("Hotline: 505-555-0142", PhoneKind::Voice);
        assert_eq!(help, "write number: \"505-555-0142\" and label: Hotline");
    }

    #[test]
    fn text_instructions_become_a_keyword_and_a_number() {
        let (_, help) = refused("Text START to 88788", PhoneKind::Voice);
        let short_code = "write number: \"88788\", kind: short_code and text_keyword: START";
        assert!(help.starts_with(short_code), "{help}");
        let (_, help) = refused("text 'HOME' to 505-555-0143", PhoneKind::Sms);
        let line = "write number: \"505-555-0143\", kind: sms and text_keyword: HOME";
        assert!(help.starts_with(line), "{help}");
    }

    #[test]
    fn a_number_without_country_code_can_mean_two_places_across_a_border() {
        // Written as a Mexico City office publishes it at home.
        assert_eq!(
            other_country_reading("55 1234 5678", PhoneKind::Voice, "US", "MX"),
            Some((
                "+1 551-234-5678".to_string(),
                "+52 55 1234 5678".to_string()
            ))
        );
        for (written, other) in [
            ("+52 55 1234 5678", "MX"),
            ("(505) 555-0142", "US"),
            ("988", "MX"),
        ] {
            assert_eq!(
                other_country_reading(written, PhoneKind::Voice, "US", other),
                None,
                "{written}"
            );
        }
    }

    #[test]
    fn an_extension_is_dialled_after_a_pause() {
        for written in [
            "(505) 555-0170 ext. 12",
            "(505) 555-0170 ext 12",
            "505-555-0170 x12",
            "505-555-0170x12",
            "505-555-0170 extension 12",
            "505-555-0170 #12",
            "(505) 555-0170, ext. 12",
        ] {
            assert_eq!(link(written), Ok("tel:+15055550170,12".into()), "{written}");
        }
        let field = parse("505-555-0170", Some("12"), PhoneKind::Voice, "US").unwrap();
        assert_eq!(field.extension.as_deref(), Some("12"));
    }

    #[test]
    fn what_cannot_be_dialled_is_refused() {
        for written in [
            "1-800-HELP",
            "555-0170 or 555-0171",
            "call us",
            "505-555-01700",
            "(505) 555-0170; ask for Ana",
        ] {
            assert_eq!(link(written), Err(rules::UNDIALLABLE_NUMBER), "{written}");
        }
        assert_eq!(
            parse("505-555-0170 ext. 12", Some("12"), PhoneKind::Voice, "US")
                .unwrap_err()
                .0,
            rules::BAD_EXTENSION
        );
    }

    #[test]
    fn short_codes_text_lines_and_faxes() {
        let code = parse("741741", None, PhoneKind::ShortCode, "US").unwrap();
        assert_eq!(
            href(&code, PhoneKind::ShortCode, true).as_deref(),
            Some("sms:741741")
        );
        assert_eq!(
            href(&code, PhoneKind::ShortCode, false).as_deref(),
            Some("tel:741741")
        );
        let line = parse("505-555-0143", None, PhoneKind::Sms, "US").unwrap();
        assert_eq!(
            href(&line, PhoneKind::Sms, false).as_deref(),
            Some("sms:+15055550143")
        );
        assert_eq!(href(&line, PhoneKind::Fax, false), None);
        assert_eq!(
            parse("1-800-ABC", None, PhoneKind::ShortCode, "US")
                .unwrap_err()
                .0,
            rules::BAD_SHORT_CODE
        );
    }
}
