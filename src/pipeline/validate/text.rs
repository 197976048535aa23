//! Free-text checks: contact details hidden in prose (W020), lengths
//! (W151), text in capitals (W152) or in quotation marks (W153) and
//! e-mail syntax (E054).

/// True when `text` contains something that looks like an e-mail address
/// or a phone number (10+ digits with the usual separators).
pub(super) fn has_contact_details(text: &str) -> bool {
    let has_email = text.split_whitespace().any(|word| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        is_email(word)
    });
    has_email || has_phone_number(text)
}

fn has_phone_number(text: &str) -> bool {
    let mut digits = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            if digits >= 10 {
                return true;
            }
        } else if !matches!(c, ' ' | '-' | '.' | '(' | ')' | '+') {
            digits = 0;
        }
    }
    false
}

/// Text in capital letters, as 211 exports carry legal names ("CAMILLUS
/// HOUSE, INC."): two words or more, no small letter. An acronym alone
/// ("YWCA") is not.
pub(super) fn is_in_capitals(text: &str) -> bool {
    let words = text
        .split_whitespace()
        .filter(|word| word.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    words >= 2 && !text.chars().any(char::is_lowercase)
}

/// The text inside the quotation marks a whole value is wrapped in, as a
/// word processor types them (“Casa Segura”): YAML's own quotes are
/// straight and never reach the text, so these would be published.
pub(super) fn unwrapped(text: &str) -> Option<&str> {
    let text = text.trim();
    [('“', '”'), ('‘', '’'), ('"', '"'), ('«', '»')]
        .iter()
        .find_map(|(open, close)| text.strip_prefix(*open)?.strip_suffix(*close))
        .filter(|inner| !inner.is_empty() && !inner.contains(['“', '”', '"']))
}

/// Words kept in capitals when a name in capitals is offered in the
/// case people read: acronyms with a vowel, which no rule can tell from
/// a word.
const ACRONYMS: &[&str] = &[
    "AIDS", "ACLU", "CASA", "DV", "ESL", "HIV", "LGBT", "LGBTQ", "LGBTQIA", "NAACP", "NAMI", "USA",
    "US", "YMCA", "YWCA", "II", "III", "IV",
];

/// Small words that stay small inside a name.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "at", "by", "de", "del", "for", "in", "la", "las", "los", "of", "on", "or",
    "the", "to", "with", "y",
];

/// A name in capitals as people write it: "CAMILLUS HOUSE, INC." →
/// "Camillus House, Inc.", keeping acronyms ("YWCA OF MIAMI" → "YWCA of
/// Miami") and words without a vowel ("LGBTQ+").
pub(super) fn readable_name(text: &str) -> String {
    let word = |(index, word): (usize, &str)| -> String {
        let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
        let has_vowel = letters.chars().any(|c| "AEIOUÁÉÍÓÚ".contains(c));
        if ACRONYMS.contains(&letters.as_str()) || !has_vowel {
            return word.to_string();
        }
        let lower = word.to_lowercase();
        if index > 0 && SMALL_WORDS.contains(&lower.trim_end_matches(',')) {
            return lower;
        }
        lower
            .split('-')
            .map(|part| {
                let mut chars = part.chars();
                match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect(),
                    None => String::new(),
                }
            })
            .collect::<Vec<String>>()
            .join("-")
    };
    text.split(' ')
        .enumerate()
        .map(word)
        .collect::<Vec<String>>()
        .join(" ")
}

/// An address written to hide it from spammers, "info [at] example [dot]
/// org" or "help at food dot org", as it is sent to: a page of haven shows
/// it as a link anyway.
pub(super) fn unmasked_email(text: &str) -> Option<String> {
    let mut address = format!(" {} ", text.trim().to_lowercase());
    for (masked, plain) in [
        ("[at]", "@"),
        ("(at)", "@"),
        ("{at}", "@"),
        (" at ", "@"),
        ("[dot]", "."),
        ("(dot)", "."),
        ("{dot}", "."),
        (" dot ", "."),
    ] {
        address = address.replace(masked, plain);
    }
    let address: String = address.split_whitespace().collect();
    (address != text.trim() && is_email(&address)).then_some(address)
}

/// A deliberately simple syntax check: one `@`, something before it, and a
/// dotted domain after it with no spaces.
pub(super) fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_emails_and_phone_numbers_in_prose() {
        assert!(has_contact_details(
            "Write to jordan@rslc.example.org for help."
        ));
        assert!(has_contact_details("Call (505) 555-0150 after 5."));
        assert!(!has_contact_details(
            "Open 9 to 5, 7 days a week since 1989."
        ));
    }

    #[test]
    fn names_and_texts_in_capitals_are_found_and_acronyms_are_not() {
        assert!(is_in_capitals("CAMILLUS HOUSE, INC."));
        assert!(is_in_capitals("SHELTER FOR WOMEN AND CHILDREN 24/7"));
        assert!(!is_in_capitals("YWCA"));
        assert!(!is_in_capitals("YWCA of Greater Miami-Dade"));
        assert!(!is_in_capitals("24/7 HOTLINE"));
    }

    #[test]
    fn a_name_in_capitals_is_offered_in_the_case_people_read() {
        for (capitals, readable) in [
            ("CAMILLUS HOUSE, INC.", "Camillus House, Inc."),
            (
                "AMERICANS FOR IMMIGRANT JUSTICE, INC.",
                "Americans for Immigrant Justice, Inc.",
            ),
            (
                "YWCA OF GREATER MIAMI-DADE, INC.",
                "YWCA of Greater Miami-Dade, Inc.",
            ),
            (
                "FLORIDA KEYS CHILDREN'S SHELTER",
                "Florida Keys Children's Shelter",
            ),
            ("THE LODGE", "The Lodge"),
            ("LGBTQ+ YOUTH CENTER", "LGBTQ+ Youth Center"),
        ] {
            assert_eq!(readable_name(capitals), readable);
        }
    }

    #[test]
    fn an_address_masked_from_spammers_is_unmasked() {
        assert_eq!(
            unmasked_email("info [at] example [dot] org").as_deref(),
            Some("info@example.org")
        );
        assert_eq!(
            unmasked_email("help at food dot example dot org").as_deref(),
            Some("help@food.example.org")
        );
        assert_eq!(unmasked_email("help at food"), None);
        assert_eq!(unmasked_email("help@food.example.org"), None);
    }

    #[test]
    fn a_value_wrapped_in_quotation_marks_is_found() {
        assert_eq!(unwrapped("“Casa Segura”"), Some("Casa Segura"));
        assert_eq!(unwrapped("\"Casa Segura\""), Some("Casa Segura"));
        assert_eq!(unwrapped("The “Safe Home” program"), None);
        assert_eq!(unwrapped("“Safe” and “Home”"), None);
    }

    #[test]
    fn email_syntax() {
        assert!(is_email("help@rslc.example.org"));
        assert!(!is_email("help at rslc"));
        assert!(!is_email("help@localhost"));
    }
}
