//! Free-text checks: contact details hidden in prose (W020), lengths
//! (W151) and e-mail syntax (E054).

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
    fn email_syntax() {
        assert!(is_email("help@rslc.example.org"));
        assert!(!is_email("help at rslc"));
        assert!(!is_email("help@localhost"));
    }
}
