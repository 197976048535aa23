//! AIRS / 211 LA taxonomy codes as the hub's service areas and
//! populations, from the reviewed table in `airs.tsv`.

use std::sync::OnceLock;

use crate::hub::taxonomy::Kind;

const TABLE: &str = include_str!("airs.tsv");

/// What an AIRS code stands for in the hub.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    ServiceArea(&'static str),
    Population(&'static str),
    /// Listed on purpose as saying nothing about the service.
    Nothing,
}

struct Row {
    prefix: &'static str,
    meaning: Meaning,
}

fn rows() -> &'static [Row] {
    static ROWS: OnceLock<Vec<Row>> = OnceLock::new();
    ROWS.get_or_init(|| {
        TABLE
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| {
                let mut cells = line.split('\t');
                let prefix = cells.next()?;
                let meaning = match (cells.next()?, cells.next().unwrap_or_default()) {
                    ("service_area", code) => Meaning::ServiceArea(code),
                    ("population", code) => Meaning::Population(code),
                    _ => Meaning::Nothing,
                };
                Some(Row { prefix, meaning })
            })
            .collect()
    })
}

/// Whether `text` is written like an AIRS code: `B`, `BH`, `BH-1800`,
/// `BH-1800.1500-100`, `RP-1400.8000-020.15`.
pub fn is_code(text: &str) -> bool {
    let bytes = text.as_bytes();
    let letters = bytes.iter().take_while(|b| b.is_ascii_uppercase()).count();
    if !(1..=2).contains(&letters) {
        return false;
    }
    let rest = &text[letters..];
    rest.is_empty()
        || (rest.starts_with('-')
            && rest.len() > 1
            && rest[1..]
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-')))
}

/// The meaning of the longest listed prefix of `code`.
pub fn meaning(code: &str) -> Option<Meaning> {
    if !is_code(code) {
        return None;
    }
    rows()
        .iter()
        .filter(|row| code.starts_with(row.prefix))
        .max_by_key(|row| row.prefix.len())
        .map(|row| row.meaning)
}

/// The kind of hub code a meaning fills.
pub fn kind_of(meaning: Meaning) -> Option<Kind> {
    match meaning {
        Meaning::ServiceArea(_) => Some(Kind::ServiceAreas),
        Meaning::Population(_) => Some(Kind::Populations),
        Meaning::Nothing => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hub::taxonomy::Taxonomies;

    #[test]
    fn every_code_of_the_table_is_a_hub_code() {
        let taxonomies = Taxonomies::builtin();
        for row in rows() {
            let (kind, code) = match row.meaning {
                Meaning::ServiceArea(code) => (Kind::ServiceAreas, code),
                Meaning::Population(code) => (Kind::Populations, code),
                Meaning::Nothing => continue,
            };
            assert!(taxonomies.contains(kind, code), "{}: {code}", row.prefix);
            assert!(is_code(row.prefix), "{}", row.prefix);
        }
        assert!(rows().len() >= 30);
    }

    #[test]
    fn codes_seen_in_a_211_export_take_their_longest_prefix() {
        use Meaning::*;
        for (code, expected) in [
            ("BH-1800.1500-100", ServiceArea("basic_needs")),
            ("BT-4500.6500-170", ServiceArea("transportation")),
            ("FT-3600", ServiceArea("legal_services")),
            ("RP-1500.1400-200", ServiceArea("health_care")),
            ("ND-6500", ServiceArea("career_services")),
            ("NL-6000", ServiceArea("basic_needs")),
            ("YX-1500.9000", Population("trafficking_survivors")),
            ("YB-9500.0500", Population("youth")),
            ("YB-9500.3300", Population("children")),
            ("TJ-3000.8000", Nothing),
        ] {
            assert_eq!(meaning(code), Some(expected), "{code}");
        }
        assert_eq!(meaning("T"), None);
        assert_eq!(meaning("other"), None);
        assert_eq!(meaning("12345"), None);
    }
}
