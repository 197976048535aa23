//! A row's address cells (or the places `/data/partners.csv` lists) as
//! record locations; a shelter's street stays in the private overlay.

use super::cells;
use super::columns::Field;
use super::kept::Kept;
use super::partner::{Private, SheetRow};
use super::read::Cell;
use crate::import::mapper::Mapper;
use crate::import::places::SHELTER_WORDS;
use crate::import::yaml_out::{map, Node};

/// Words that make a place with a street address a shelter to hide, on
/// top of the ones the HSDS import uses: volunteers' sheets say it
/// plainly. Hiding one address too many is safe; publishing one is not.
const SHEET_SHELTER_WORDS: [&str; 4] = ["shelter", "refugio", "albergue", "casa segura"];

/// Places, each once by address; which rows gave which.
pub(super) struct Places {
    pub(super) kept: Kept,
}

impl Places {
    pub(super) fn read(
        m: &mut Mapper<'_>,
        rows: &[SheetRow<'_>],
        org_name: &str,
        private: &mut Private,
    ) -> Places {
        let mut places = Places {
            kept: Kept::default(),
        };
        for row in rows {
            for (_, text) in row.all(Field::Locations) {
                for item in cells::items(&text, false) {
                    match exported_place(&item, m.hub.default_country) {
                        Some(node) => places.add(row.number, item, node),
                        None => m.lose(
                            "locations",
                            format!("row {}: \"{item}\" is not \"street, city, ST ZIP\", a confidential location or a web address; left out", row.number),
                        ),
                    }
                }
            }
            let shelter = shelter_word(rows, org_name);
            for address in written_addresses(m, row) {
                if let Some((key, node)) = address_place(m, row, address, shelter, private) {
                    places.add(row.number, key, node);
                }
            }
        }
        places
    }

    fn add(&mut self, row: u64, key: String, node: Node) {
        if self.kept.seen(row, &key).is_some() {
            return;
        }
        let id = format!("location-{}", self.kept.len() + 1);
        let Node::Map(mut entries) = node else { return };
        entries.insert(0, ("id".to_string(), Node::text(&id)));
        self.kept.keep(row, key, id, Node::Map(entries));
    }
}

/// A place as `/data/partners.csv` writes it: "Name: street, city, ST
/// ZIP", "Name: confidential location (city, county, ST)", or an address
/// on the web.
fn exported_place(item: &str, country: &str) -> Option<Node> {
    let (name, at) = match item.split_once(": ") {
        Some((name, at)) if !name.contains("://") => (Some(name.trim().to_string()), at.trim()),
        _ => (None, item.trim()),
    };
    if let Some(area) = at.strip_prefix("confidential location") {
        let area = area.trim().trim_start_matches('(').trim_end_matches(')');
        let (mut city, mut county, mut state) = (None, None, None);
        for part in area.split(", ").map(str::trim).filter(|p| !p.is_empty()) {
            let part = Some(part.to_string());
            if part.as_deref().is_some_and(is_state_code) {
                state = part;
            } else if part.as_deref().is_some_and(|p| {
                [" County", " Parish", " Borough"]
                    .iter()
                    .any(|w| p.ends_with(w))
            }) {
                county = part;
            } else {
                city = part;
            }
        }
        return Some(hidden_place(name, city, county, state));
    }
    if at.starts_with("https://") || at.starts_with("http://") {
        return Some(map([
            ("name", name.map(Node::text)),
            ("type", Some(Node::text("virtual"))),
            ("url", Some(Node::text(at))),
        ]));
    }
    let WrittenAddress {
        street,
        street2,
        city,
        state,
        zip,
        ..
    } = one_line_address(at);
    let complete = street.is_some() && city.is_some() && state.is_some() && zip.is_some();
    let address = [street, street2, city, state, zip].map(|part| part.map(Node::text));
    complete.then(|| public_place(name, address, country))
}

fn is_state_code(text: &str) -> bool {
    text.len() == 2 && text.chars().all(|c| c.is_ascii_uppercase())
}

/// One address as a row gives it: from the address columns, or one item
/// of an address cell ("Office: 2820 E. Cherry St., Seattle, WA 98122";
/// "Meetings: confidential location").
#[derive(Debug, Default, PartialEq)]
struct WrittenAddress {
    name: Option<String>,
    street: Option<String>,
    street2: Option<String>,
    city: Option<String>,
    county: Option<String>,
    state: Option<String>,
    zip: Option<String>,
    /// The cell itself says the place is confidential.
    says_confidential: bool,
}

/// The addresses of a row: each item of its address cell, completed by
/// the city, state and ZIP columns.
fn written_addresses(m: &mut Mapper<'_>, row: &SheetRow<'_>) -> Vec<WrittenAddress> {
    let columns = WrittenAddress {
        street2: row.first(Field::Address2),
        city: row.first(Field::City),
        county: row.first(Field::County),
        // "New Mexico" → NM.
        state: row
            .first(Field::State)
            .map(|state| crate::hub::postal::state_code(&state).map_or(state, str::to_string)),
        zip: row
            .cell(Field::Zip)
            .and_then(|cell| zip_code(m, row.number, cell)),
        ..WrittenAddress::default()
    };
    let cell = row.first(Field::Address);
    let Some(cell) = cell else {
        let any = columns.city.is_some() || columns.zip.is_some();
        return if any { vec![columns] } else { Vec::new() };
    };
    let items = cells::items(&cell, false);
    let one = items.len() == 1;
    items
        .into_iter()
        .map(|item| {
            let mut address = one_line_address(&item);
            // The columns complete a single address; several addresses in
            // one cell each say their own city.
            if one || address.city.is_none() {
                address.street2 = address.street2.or(columns.street2.clone());
                address.city = address.city.or(columns.city.clone());
                address.state = address.state.or(columns.state.clone());
                address.zip = address.zip.or(columns.zip.clone());
            }
            address.county = columns.county.clone();
            address
        })
        .collect()
}

/// "Office: 221 W. Gowe St., Kent, WA 98032" → its parts; "Confidential
/// Location" → a place that says so.
fn one_line_address(item: &str) -> WrittenAddress {
    let (name, rest) = match item.split_once(": ") {
        Some((name, rest)) if !name.chars().any(|c| c.is_ascii_digit()) => {
            (Some(name.trim().to_string()), rest.trim())
        }
        _ => (None, item.trim()),
    };
    if rest.to_lowercase().contains("confidential") {
        return WrittenAddress {
            name,
            says_confidential: true,
            ..WrittenAddress::default()
        };
    }
    let parts: Vec<&str> = rest.split(", ").map(str::trim).collect();
    // "NM 87102", "New Mexico 87102".
    let state_zip = parts.last().and_then(|last| {
        let (state, zip) = last.rsplit_once(' ')?;
        let is_zip = zip.len() >= 5 && zip.chars().all(|c| c.is_ascii_digit() || c == '-');
        let state = crate::hub::postal::state_code(state)
            .map(str::to_string)
            .or_else(|| is_state_code(state).then(|| state.to_string()))?;
        is_zip.then(|| (state, zip.to_string()))
    });
    let (state, zip, parts) = match state_zip {
        Some((state, zip)) => (Some(state), Some(zip), &parts[..parts.len() - 1]),
        None => (None, None, &parts[..]),
    };
    let (street, street2, city) = match parts {
        [] => (None, None, None),
        [street] => (Some(street.to_string()), None, None),
        [street, city] => (Some(street.to_string()), None, Some(city.to_string())),
        [street, middle @ .., city] => (
            Some(street.to_string()),
            Some(middle.join(", ")),
            Some(city.to_string()),
        ),
    };
    WrittenAddress {
        name,
        street,
        street2,
        city,
        state,
        zip,
        ..WrittenAddress::default()
    }
}

/// Words in a row that make its place a shelter to hide.
fn shelter_word(rows: &[SheetRow<'_>], org_name: &str) -> Option<&'static str> {
    let texts: Vec<String> = [
        Field::Name,
        Field::Services,
        Field::Description,
        Field::ServiceDescription,
        Field::ServiceAreas,
    ]
    .iter()
    .flat_map(|f| rows.iter().flat_map(move |r| r.all(*f)))
    .map(|(_, t)| t.to_lowercase())
    .chain([org_name.to_lowercase()])
    .collect();
    SHELTER_WORDS
        .iter()
        .chain(SHEET_SHELTER_WORDS.iter())
        .find(|w| texts.iter().any(|t| t.contains(*w)))
        .copied()
}

/// The place an address gives: public, or confidential (the sheet says
/// so, or it looks like a shelter) with its street kept in the private
/// overlay only.
fn address_place(
    m: &mut Mapper<'_>,
    row: &SheetRow<'_>,
    address: WrittenAddress,
    shelter: Option<&str>,
    private: &mut Private,
) -> Option<(String, Node)> {
    let said = row
        .first(Field::ConfidentialAddress)
        .map(|text| cells::yes_no(&text));
    let confidential = address.says_confidential
        || match (said, shelter) {
            (Some(Ok(value)), _) => value,
            (_, Some(word)) if address.street.is_some() => {
                m.guess(
                    "locations",
                    format!("row {}: the sheet says \"{word}\": the street address is kept private and only the city is published; if the address is public, set visibility: public and copy it back from private/", row.number),
                );
                true
            }
            _ => false,
        };
    let WrittenAddress {
        name,
        street,
        street2,
        city,
        county,
        state,
        zip,
        ..
    } = address;
    let key = format!("{name:?}/{street:?}/{city:?}/{zip:?}/{confidential}");
    if confidential {
        if let Some(street) = &street {
            let full = [
                Some(street.clone()),
                street2.clone(),
                city.clone(),
                state.clone(),
                zip.clone(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            private
                .notes
                .push(format!("Confidential address (row {}): {full}", row.number));
        }
        return Some((key, hidden_place(name, city, county, state)));
    }
    let missing: Vec<&str> = [
        ("street", street.is_none()),
        ("city", city.is_none()),
        ("state", state.is_none()),
        ("ZIP code", zip.is_none()),
    ]
    .into_iter()
    .filter(|(_, missing)| *missing)
    .map(|(name, _)| name)
    .collect();
    if !missing.is_empty() {
        m.lose(
            "locations",
            format!(
                "row {}: the address {} has no {}; left out (add the place to the record by hand)",
                row.number,
                street.map_or_else(String::new, |s| format!("\"{s}\"")),
                crate::import::sheet::cells::either(&missing)
            ),
        );
        return None;
    }
    if let Some(po_box) = street
        .as_deref()
        .filter(|s| crate::hub::postal::is_po_box(s))
    {
        m.lose(
            "locations",
            format!("row {}: \"{po_box}\" is a post office box, not a place to visit; imported as a mailing address (type: mailing)", row.number),
        );
    }
    let address = [street, street2, city, state, zip].map(|part| part.map(Node::text));
    Some((key, public_place(name, address, m.hub.default_country)))
}

/// A confidential place: where it is only by city, county and state.
fn hidden_place(
    name: Option<String>,
    city: Option<String>,
    county: Option<String>,
    state: Option<String>,
) -> Node {
    map([
        ("name", name.map(Node::text)),
        ("type", Some(Node::text("physical"))),
        ("visibility", Some(Node::text("confidential"))),
        (
            "general_area",
            Some(map([
                ("city", city.map(Node::text)),
                ("county", county.map(Node::text)),
                ("state", state.map(Node::text)),
            ])),
        ),
    ])
}

/// A public place at a street address: street, street2, city, state and
/// postal code, in that order.
/// A place at a street address; at a post office box, a mailing address
/// (nobody can go there).
fn public_place(name: Option<String>, address: [Option<Node>; 5], country: &str) -> Node {
    let [street, street2, city, state, postal_code] = address;
    let po_box =
        matches!(&street, Some(Node::Text(street)) if crate::hub::postal::is_po_box(street));
    map([
        ("name", name.map(Node::text)),
        (
            "type",
            Some(Node::text(if po_box { "mailing" } else { "physical" })),
        ),
        ("visibility", (!po_box).then(|| Node::text("public"))),
        (
            "address",
            Some(map([
                ("street", street),
                ("street2", street2),
                ("city", city),
                ("state", state),
                ("postal_code", postal_code),
                ("country", Some(Node::text(country))),
            ])),
        ),
    ])
}

/// A ZIP code; one a spreadsheet stored as a number lost its leading
/// zero (07102 → 7102), which is put back for United States hubs.
fn zip_code(m: &mut Mapper<'_>, row: u64, cell: &Cell) -> Option<String> {
    let text = cells::text(cell)?;
    let us = m.hub.default_country == "US";
    if us && text.len() == 4 && text.chars().all(|c| c.is_ascii_digit()) {
        m.lose("locations", format!("row {row}: ZIP code {text} read as 0{text} (the spreadsheet dropped its leading zero)"));
        return Some(format!("0{text}"));
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_in_one_cell_is_split_into_its_parts() {
        let full = one_line_address("Office: 2820 E. Cherry St., Suite 4, Seattle, WA 98122");
        assert_eq!(full.name.as_deref(), Some("Office"));
        assert_eq!(full.street.as_deref(), Some("2820 E. Cherry St."));
        assert_eq!(full.street2.as_deref(), Some("Suite 4"));
        assert_eq!(full.city.as_deref(), Some("Seattle"));
        assert_eq!(full.state.as_deref(), Some("WA"));
        assert_eq!(full.zip.as_deref(), Some("98122"));
        let short = one_line_address("221 W. Gowe St., Kent");
        assert_eq!(short.city.as_deref(), Some("Kent"));
        assert_eq!(short.zip, None);
        let hidden = one_line_address("Meetings: confidential location");
        assert!(hidden.says_confidential);
        assert_eq!(hidden.street, None);
        assert!(one_line_address("Confidential Location").says_confidential);
    }

    #[test]
    fn places_as_the_export_writes_them_read_back() {
        let node = exported_place(
            "Main office: 19 Arroyo Road, Suite 2, Piñon Springs, NM 87042",
            "US",
        )
        .expect("a place");
        let text = crate::import::yaml_out::document(&[], &node);
        assert!(text.contains("street: \"19 Arroyo Road\""), "{text}");
        assert!(text.contains("street2: Suite 2"), "{text}");
        assert!(text.contains("postal_code: \"87042\""), "{text}");
        let node = exported_place(
            "Shelter: confidential location (Riverbend, Juniper County, NM)",
            "US",
        )
        .expect("a place");
        assert_eq!(exported_place("Somewhere downtown", "US"), None);
        let text = crate::import::yaml_out::document(&[], &node);
        assert!(
            text.contains("visibility: confidential") && text.contains("county: Juniper County"),
            "{text}"
        );
        assert!(!text.contains("street"), "{text}");
    }
}
