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
    let parsed = phonenumber::parse(region, format!("{plus}{digits}"))
        .map_err(|_| invalid("it does not read as a number"))?;
    if !parsed.is_valid() {
        return Err(invalid(
            "it has too many or too few digits, or no such numbers exist",
        ));
    }
    Ok(Dial {
        number: parsed.format().mode(Mode::E164).to_string(),
        extension,
    })
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
                let main = &written[..number.len()];
                return (main, Some(trimmed[digits_start..].to_string()));
            }
        }
    }
    (written, None)
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
    fn an_extension_is_dialled_after_a_pause() {
        for written in [
            "(505) 555-0170 ext. 12",
            "(505) 555-0170 ext 12",
            "505-555-0170 x12",
            "505-555-0170x12",
            "505-555-0170 extension 12",
            "505-555-0170 #12",
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
