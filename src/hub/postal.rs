//! Postal addresses: the US state codes and ZIP codes rules E065 and E067
//! accept, shared by validation and the importer.

/// Why an address would fail rule E065 or E067, for code that makes
/// records (the importer) and must not write one that fails.
pub fn address_problem(state: &str, postal_code: &str, country: &str) -> Option<String> {
    let us = country.eq_ignore_ascii_case("US");
    if country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
        Some(format!("\"{country}\" is not a two-letter country code"))
    } else if us && !is_zip(postal_code) {
        Some(format!("\"{postal_code}\" is not a US ZIP code"))
    } else if us && !US_STATES.contains(&state) {
        Some(format!("\"{state}\" is not a US state code"))
    } else {
        None
    }
}

pub fn is_zip(code: &str) -> bool {
    let bytes = code.as_bytes();
    let five = |b: &[u8]| b.len() == 5 && b.iter().all(u8::is_ascii_digit);
    match code.split_once('-') {
        Some((zip, plus4)) => {
            five(zip.as_bytes()) && plus4.len() == 4 && plus4.bytes().all(|b| b.is_ascii_digit())
        }
        None => five(bytes),
    }
}

/// USPS codes of the states, DC and the territories.
pub const US_STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY", "AS", "GU", "MP", "PR", "VI",
];
