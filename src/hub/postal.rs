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

/// Whether a street line is a post office box ("P.O. Box 2186", "PO Box
/// 69232", "POB 12", "Apartado postal 45"): mail goes there, nobody can
/// go there.
pub fn is_po_box(street: &str) -> bool {
    let key = crate::hub::words::key(street);
    let number_after = |prefix: &str| {
        key.strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    };
    [
        "po_box_",
        "p_o_box_",
        "post_office_box_",
        "pob_",
        "box_",
        "apartado_postal_",
        "apartado_",
        "casilla_",
    ]
    .iter()
    .any(|prefix| number_after(prefix))
}

/// The ISO 3166-1 code of a country written by name, as volunteers and
/// exports write the countries a US hub's addresses are in ("USA",
/// "United States", "EE. UU.", "México").
pub fn country_code(name: &str) -> Option<&'static str> {
    crate::hub::words::named_in(COUNTRY_NAMES, name).next()
}

const COUNTRY_NAMES: &[(&str, &[&str])] = &[
    (
        "US",
        &[
            "us",
            "usa",
            "united_states",
            "united_states_of_america",
            "america",
            "estados_unidos",
            "estados_unidos_de_america",
            "ee_uu",
            "eeuu",
            "eua",
        ],
    ),
    ("MX", &["mexico", "mex", "estados_unidos_mexicanos"]),
    ("CA", &["canada", "can"]),
    ("GT", &["guatemala"]),
    ("SV", &["el_salvador", "salvador"]),
    ("HN", &["honduras"]),
];

/// The USPS code of a state, DC or territory written by name, in English
/// or Spanish ("New Mexico", "Nuevo México"; not "N. Carolina").
pub fn state_code(name: &str) -> Option<&'static str> {
    let key = crate::hub::words::key(name);
    US_STATES
        .iter()
        .copied()
        .find(|code| code.eq_ignore_ascii_case(&key))
        .or_else(|| crate::hub::words::named_in(STATE_NAMES, name).next())
}

const STATE_NAMES: &[(&str, &[&str])] = &[
    ("AL", &["alabama"]),
    ("AK", &["alaska"]),
    ("AZ", &["arizona"]),
    ("AR", &["arkansas"]),
    ("CA", &["california"]),
    ("CO", &["colorado"]),
    ("CT", &["connecticut"]),
    ("DE", &["delaware"]),
    (
        "DC",
        &[
            "district_of_columbia",
            "washington_dc",
            "distrito_de_columbia",
        ],
    ),
    ("FL", &["florida"]),
    ("GA", &["georgia"]),
    ("HI", &["hawaii"]),
    ("ID", &["idaho"]),
    ("IL", &["illinois"]),
    ("IN", &["indiana"]),
    ("IA", &["iowa"]),
    ("KS", &["kansas"]),
    ("KY", &["kentucky"]),
    ("LA", &["louisiana", "luisiana"]),
    ("ME", &["maine"]),
    ("MD", &["maryland"]),
    ("MA", &["massachusetts"]),
    ("MI", &["michigan"]),
    ("MN", &["minnesota"]),
    ("MS", &["mississippi", "misisipi"]),
    ("MO", &["missouri", "misuri"]),
    ("MT", &["montana"]),
    ("NE", &["nebraska"]),
    ("NV", &["nevada"]),
    ("NH", &["new_hampshire", "nuevo_hampshire"]),
    ("NJ", &["new_jersey", "nueva_jersey"]),
    ("NM", &["new_mexico", "nuevo_mexico"]),
    ("NY", &["new_york", "nueva_york"]),
    ("NC", &["north_carolina", "carolina_del_norte"]),
    ("ND", &["north_dakota", "dakota_del_norte"]),
    ("OH", &["ohio"]),
    ("OK", &["oklahoma"]),
    ("OR", &["oregon"]),
    ("PA", &["pennsylvania", "pensilvania"]),
    ("RI", &["rhode_island"]),
    ("SC", &["south_carolina", "carolina_del_sur"]),
    ("SD", &["south_dakota", "dakota_del_sur"]),
    ("TN", &["tennessee"]),
    ("TX", &["texas", "tejas"]),
    ("UT", &["utah"]),
    ("VT", &["vermont"]),
    ("VA", &["virginia"]),
    ("WA", &["washington", "washington_state"]),
    ("WV", &["west_virginia", "virginia_occidental"]),
    ("WI", &["wisconsin"]),
    ("WY", &["wyoming"]),
    ("AS", &["american_samoa", "samoa_americana"]),
    ("GU", &["guam"]),
    (
        "MP",
        &["northern_mariana_islands", "islas_marianas_del_norte"],
    ),
    ("PR", &["puerto_rico"]),
    (
        "VI",
        &["us_virgin_islands", "virgin_islands", "islas_virgenes"],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_written_by_name_in_english_or_spanish_have_their_code() {
        assert_eq!(state_code("New Mexico"), Some("NM"));
        assert_eq!(state_code("Nuevo México"), Some("NM"));
        assert_eq!(state_code("nm"), Some("NM"));
        assert_eq!(state_code("Carolina del Norte"), Some("NC"));
        assert_eq!(state_code("Washington, D.C."), Some("DC"));
        assert_eq!(state_code("Mexico"), None);
    }

    #[test]
    fn post_office_boxes_are_told_from_streets() {
        for po_box in [
            "P.O. Box 2186",
            "PO Box 69232",
            "P. O. Box 10102",
            "POB 12",
            "Box 7",
            "Apartado Postal 45",
        ] {
            assert!(is_po_box(po_box), "{po_box}");
        }
        for street in [
            "19 Arroyo Road",
            "Boxwood Lane 4",
            "1 Post Office Square",
            "Pobre Street 2",
        ] {
            assert!(!is_po_box(street), "{street}");
        }
    }

    #[test]
    fn countries_written_by_name_have_their_code() {
        assert_eq!(country_code("EE. UU."), Some("US"));
        assert_eq!(country_code("U.S.A."), Some("US"));
        assert_eq!(country_code("United States"), Some("US"));
        assert_eq!(country_code("México"), Some("MX"));
        assert_eq!(country_code("Narnia"), None);
    }
}
