//! Phone numbers (rules E050–E053): parsed with libphonenumber's metadata in
//! the hub's default country and normalised to E.164; short codes (988,
//! 211, text codes) are their own kind because they are not E.164 numbers.

use phonenumber::country::Id;
use phonenumber::Mode;

use crate::record::PhoneKind;

use super::Finding;

/// The E.164 form of a valid number (or the digits of a short code).
pub fn check(number: &str, kind: PhoneKind, country: &str) -> Result<String, Finding> {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    if kind == PhoneKind::ShortCode {
        let only_digits = number
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
        return if only_digits && (3..=6).contains(&digits.len()) {
            Ok(digits)
        } else {
            Err((
                "E052",
                format!("\"{number}\" is not a short code"),
                "a short code is 3 to 6 digits, such as 988 or 233733; use kind: voice for full numbers".to_string(),
            ))
        };
    }
    let region: Option<Id> = country.parse().ok();
    let invalid = || {
        (
            "E050",
            format!("\"{number}\" is not a valid phone number for {country}"),
            "write it as \"+1 505-555-0142\"; for 3-6 digit numbers such as 988 or a text short code use kind: short_code".to_string(),
        )
    };
    let parsed = phonenumber::parse(region, number).map_err(|_| invalid())?;
    if !parsed.is_valid() {
        return Err(invalid());
    }
    Ok(parsed.format().mode(Mode::E164).to_string())
}

/// E053: an extension is digits only.
pub(super) fn check_extension(extension: &str) -> Result<(), Finding> {
    if !extension.is_empty() && extension.chars().all(|c| c.is_ascii_digit()) {
        return Ok(());
    }
    let digits: String = extension.chars().filter(char::is_ascii_digit).collect();
    Err((
        "E053",
        format!("extension \"{extension}\" must be digits only"),
        format!("write extension: \"{digits}\""),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fiction_range_and_national_lines_are_valid_and_normalised() {
        assert_eq!(
            check("+1 505-555-0142", PhoneKind::Voice, "US"),
            Ok("+15055550142".to_string())
        );
        assert_eq!(
            check("(505) 555-0142", PhoneKind::Voice, "US"),
            Ok("+15055550142".to_string())
        );
        assert_eq!(
            check("1-800-799-7233", PhoneKind::Voice, "US"),
            Ok("+18007997233".to_string())
        );
    }

    #[test]
    fn three_digit_numbers_need_the_short_code_kind() {
        assert_eq!(check("988", PhoneKind::Voice, "US").unwrap_err().0, "E050");
        assert_eq!(
            check("988", PhoneKind::ShortCode, "US"),
            Ok("988".to_string())
        );
        assert_eq!(
            check("1-800-ABC", PhoneKind::ShortCode, "US")
                .unwrap_err()
                .0,
            "E052"
        );
    }

    #[test]
    fn extensions_are_digits() {
        assert!(check_extension("12").is_ok());
        assert_eq!(
            check_extension("ext. 12").unwrap_err().2,
            "write extension: \"12\""
        );
    }
}
