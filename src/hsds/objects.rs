//! The HSDS 3.0 objects haven writes, as typed structs: only the fields
//! the export fills, so a misspelt field is a compile error rather than a
//! silently wrong column.
//!
//! Each struct serializes as the JSON object the export publishes. Fields
//! are declared in alphabetical order, the order the tables' flattening
//! (through a sorted `serde_json::Map`) has always used, so the JSON stays
//! byte-identical whichever way it is made. An optional field that is
//! absent, an empty string or an empty list is left out: HSDS fields are
//! optional, and absent reads better than empty. The taxonomy objects keep
//! every field, as they always have.
//!
//! A nested object does not repeat the id of the object it is nested in
//! (a service's phones carry no `service_id`): nesting says it, as in the
//! HSDS examples, and repeating it took a sixth of `services.json`. The
//! tables spell it out ([`crate::hsds::tables::flatten`]). The ids that
//! point elsewhere stay: a service's `organization_id` (services are
//! published on their own) and a `service_at_location`'s `location_id`.

use serde::Serialize;

/// Leaves out text that is absent or empty.
fn absent(text: &Option<String>) -> bool {
    text.as_deref().is_none_or(str::is_empty)
}

/// Leaves out a number that is absent or not finite (JSON has no NaN).
fn no_number(number: &Option<f64>) -> bool {
    number.is_none_or(|n| !n.is_finite())
}

/// An `organization`, with everything of it nested (the API's full view):
/// its services are taken out for `services.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Organization {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub alternate_name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "absent")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "absent")]
    pub legal_status: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<Location>,
    #[serde(skip_serializing_if = "absent")]
    pub logo: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub organization_identifiers: Vec<OrganizationIdentifier>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Phone>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Service>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub uri: String,
    #[serde(skip_serializing_if = "absent")]
    pub website: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year_incorporated: Option<u16>,
}

/// An `organization_identifier`: a registry's id of the organization.
#[derive(Debug, Clone, Serialize)]
pub struct OrganizationIdentifier {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub identifier: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub identifier_scheme: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub identifier_type: String,
}

/// A `service`, with its phones, schedules, areas, locations, languages,
/// costs, documents and attributes nested.
#[derive(Debug, Clone, Serialize)]
pub struct Service {
    #[serde(skip_serializing_if = "absent")]
    pub alert: Option<String>,
    #[serde(skip_serializing_if = "absent")]
    pub application_process: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub assured_date: String,
    #[serde(skip_serializing_if = "absent")]
    pub assurer_email: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cost_options: Vec<CostOption>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "absent")]
    pub eligibility_description: Option<String>,
    #[serde(skip_serializing_if = "absent")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "absent")]
    pub fees_description: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "absent")]
    pub interpretation_services: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Language>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_age: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum_age: Option<u8>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub organization_id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Phone>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub required_documents: Vec<RequiredDocument>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<Schedule>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub service_areas: Vec<ServiceArea>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub service_at_locations: Vec<ServiceAtLocation>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub status: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub url: String,
}

/// A `service_at_location`. In `services.json` it carries the location
/// itself (the API's full service view); the tables have only its id.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceAtLocation {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub location_id: String,
}

/// A `location`, with its addresses, accessibility and schedules nested.
#[derive(Debug, Clone, Serialize)]
pub struct Location {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub accessibility: Vec<Accessibility>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    #[serde(skip_serializing_if = "absent")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "no_number")]
    pub latitude: Option<f64>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub location_type: String,
    #[serde(skip_serializing_if = "no_number")]
    pub longitude: Option<f64>,
    #[serde(skip_serializing_if = "absent")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<Schedule>,
    #[serde(skip_serializing_if = "absent")]
    pub transportation: Option<String>,
    #[serde(skip_serializing_if = "absent")]
    pub url: Option<String>,
}

/// An `address` of a location.
#[derive(Debug, Clone, Serialize)]
pub struct Address {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub address_1: String,
    #[serde(skip_serializing_if = "absent")]
    pub address_2: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub address_type: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub city: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub country: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub postal_code: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub state_province: String,
}

/// An `accessibility` feature of a location.
#[derive(Debug, Clone, Serialize)]
pub struct Accessibility {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "absent")]
    pub details: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
}

/// A `phone` of an organization or a service.
#[derive(Debug, Clone, Serialize)]
pub struct Phone {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension: Option<u64>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Language>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub number: String,
    /// `voice`, `text`, `textphone`, `video` or `fax`.
    #[serde(rename = "type", skip_serializing_if = "String::is_empty")]
    pub kind: String,
}

/// A `language` of a phone or a service.
#[derive(Debug, Clone, Serialize)]
pub struct Language {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub code: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "absent")]
    pub note: Option<String>,
}

/// A `schedule` of a location or a service.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Schedule {
    #[serde(skip_serializing_if = "absent")]
    pub byday: Option<String>,
    #[serde(skip_serializing_if = "absent")]
    pub closes_at: Option<String>,
    #[serde(skip_serializing_if = "absent")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "absent")]
    pub freq: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "absent")]
    pub notes: Option<String>,
    #[serde(skip_serializing_if = "absent")]
    pub opens_at: Option<String>,
    #[serde(skip_serializing_if = "absent")]
    pub wkst: Option<String>,
}

/// A `service_area` of a service.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceArea {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
}

/// A `cost_option` of a service.
#[derive(Debug, Clone, Serialize)]
pub struct CostOption {
    pub amount: u32,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub currency: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub option: String,
}

/// A `required_document` of a service.
#[derive(Debug, Clone, Serialize)]
pub struct RequiredDocument {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub document: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
}

/// An `attribute`: a taxonomy term attached to the object it is nested
/// in. The table adds `link_id` and `link_entity`, which nesting implies.
#[derive(Debug, Clone, Serialize)]
pub struct Attribute {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub link_type: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub taxonomy_term_id: String,
    #[serde(skip_serializing_if = "absent")]
    pub value: Option<String>,
}

/// A `taxonomy` the export's attributes point into (every field kept).
#[derive(Debug, Clone, Serialize)]
pub struct Taxonomy {
    pub description: String,
    pub id: String,
    pub name: String,
    pub uri: String,
}

/// A `taxonomy_term` (every field kept).
#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyTerm {
    pub code: String,
    pub description: String,
    pub id: String,
    pub language: String,
    pub name: String,
    pub taxonomy: String,
    pub taxonomy_id: String,
}

/// Gives each object the name of its table in the data package
/// (`TABLE`) and of the CSV file it is read back from (`FILE`, without
/// `.csv`: the importer keys tables by file name).
macro_rules! tables {
    ($($object:ident => $table:literal, $file:literal;)*) => {
        $(impl $object {
            /// Its table in the data package.
            pub const TABLE: &'static str = $table;
            /// Its CSV file's name without `.csv`.
            pub const FILE: &'static str = $file;
        })*

        /// (table, file) of every object, for the tests.
        #[cfg(test)]
        const TABLES: &[(&str, &str)] = &[$(($table, $file)),*];
    };
}

tables! {
    Organization => "organization", "organizations";
    OrganizationIdentifier => "organization_identifier", "organization_identifiers";
    Service => "service", "services";
    ServiceAtLocation => "service_at_location", "service_at_location";
    Location => "location", "locations";
    Address => "address", "addresses";
    Accessibility => "accessibility", "accessibility";
    Phone => "phone", "phones";
    Language => "language", "languages";
    Schedule => "schedule", "schedules";
    ServiceArea => "service_area", "service_areas";
    CostOption => "cost_option", "cost_options";
    RequiredDocument => "required_document", "required_documents";
    Attribute => "attribute", "attributes";
    Taxonomy => "taxonomy", "taxonomies";
    TaxonomyTerm => "taxonomy_term", "taxonomy_terms";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hsds::tables::tables;

    #[test]
    fn every_object_names_a_table_of_the_package_and_its_file() {
        for (table, file) in TABLES {
            let found = tables().iter().find(|t| t.name == *table);
            assert_eq!(
                found.map(|t| t.path.as_str()),
                Some(format!("{file}.csv").as_str()),
                "{table}"
            );
        }
    }

    fn text(value: &str) -> Option<String> {
        Some(value.to_string())
    }

    /// Every object with every field filled.
    fn full_organization() -> Organization {
        let language = Language {
            code: "es".into(),
            id: "l".into(),
            name: "Spanish".into(),
            note: text("es-MX"),
        };
        let phone = Phone {
            description: "Office".into(),
            extension: Some(12),
            id: "p".into(),
            languages: vec![language.clone()],
            number: "505-555-0100".into(),
            kind: "voice".into(),
        };
        let schedule = Schedule {
            byday: text("MO"),
            closes_at: text("17:00"),
            description: text("d"),
            freq: text("WEEKLY"),
            id: "sc".into(),
            notes: text("n"),
            opens_at: text("09:00"),
            wkst: text("MO"),
        };
        let attribute = Attribute {
            id: "a".into(),
            link_type: "category".into(),
            taxonomy_term_id: "t".into(),
            value: text("v"),
        };
        let location = Location {
            accessibility: vec![Accessibility {
                description: "Ramp".into(),
                details: text("d"),
                id: "ac".into(),
            }],
            addresses: vec![Address {
                address_1: "1 Main St".into(),
                address_2: text("Suite 2"),
                address_type: "physical".into(),
                city: "Albuquerque".into(),
                country: "US".into(),
                id: "ad".into(),
                postal_code: "87102".into(),
                state_province: "NM".into(),
            }],
            description: text("d"),
            id: "lo".into(),
            latitude: Some(35.1),
            location_type: "physical".into(),
            longitude: Some(-106.6),
            name: text("Office"),
            schedules: vec![schedule.clone()],
            transportation: text("Bus 5"),
            url: text("https://x.example/"),
        };
        let service = Service {
            alert: text("a"),
            application_process: text("a"),
            assured_date: "2026-01-01".into(),
            assurer_email: text("a@x.example"),
            attributes: vec![attribute.clone()],
            cost_options: vec![CostOption {
                amount: 0,
                currency: "USD".into(),
                id: "c".into(),
                option: "Free".into(),
            }],
            description: "d".into(),
            eligibility_description: text("e"),
            email: text("e@x.example"),
            fees_description: text("f"),
            id: "s".into(),
            interpretation_services: text("i"),
            languages: vec![language],
            maximum_age: Some(24),
            minimum_age: Some(12),
            name: "Shelter".into(),
            organization_id: "o".into(),
            phones: vec![phone.clone()],
            required_documents: vec![RequiredDocument {
                document: "ID".into(),
                id: "r".into(),
            }],
            schedules: vec![schedule],
            service_areas: vec![ServiceArea {
                description: "d".into(),
                id: "sa".into(),
                name: "n".into(),
            }],
            service_at_locations: vec![ServiceAtLocation {
                id: "sal".into(),
                location: Some(location.clone()),
                location_id: "lo".into(),
            }],
            status: "active".into(),
            url: "https://x.example/#s".into(),
        };
        Organization {
            alternate_name: "A".into(),
            attributes: vec![attribute],
            description: "d".into(),
            email: text("o@x.example"),
            id: "o".into(),
            legal_status: text("nonprofit"),
            locations: vec![location],
            logo: text("https://x.example/logo.png"),
            name: "N".into(),
            organization_identifiers: vec![OrganizationIdentifier {
                id: "oi".into(),
                identifier: "1".into(),
                identifier_scheme: "ein".into(),
                identifier_type: "ein".into(),
            }],
            phones: vec![phone],
            services: vec![service],
            uri: "https://x.example/".into(),
            website: text("https://x.example/"),
            year_incorporated: Some(1999),
        }
    }

    /// A struct writes its fields in declaration order, a `Map` in
    /// alphabetical order: the two must agree, at every depth.
    fn assert_alphabetical(object: &impl Serialize) {
        let direct = serde_json::to_string(object).unwrap();
        let through_map = serde_json::to_value(object).unwrap().to_string();
        assert_eq!(direct, through_map);
    }

    #[test]
    fn fields_are_declared_in_the_order_a_map_writes_them() {
        assert_alphabetical(&full_organization());
        assert_alphabetical(&Taxonomy {
            description: "d".into(),
            id: "t".into(),
            name: "n".into(),
            uri: "u".into(),
        });
        assert_alphabetical(&TaxonomyTerm {
            code: "c".into(),
            description: "d".into(),
            id: "i".into(),
            language: "en".into(),
            name: "n".into(),
            taxonomy: "t".into(),
            taxonomy_id: "ti".into(),
        });
    }

    #[test]
    fn absent_and_empty_fields_are_left_out() {
        let phone = Phone {
            description: String::new(),
            extension: None,
            id: "p".into(),
            languages: Vec::new(),
            number: "1".into(),
            kind: "voice".into(),
        };
        assert_eq!(
            serde_json::to_string(&phone).unwrap(),
            r#"{"id":"p","number":"1","type":"voice"}"#
        );
        let location_at = Location {
            latitude: Some(f64::NAN),
            ..full_organization().locations.remove(0)
        };
        assert!(!serde_json::to_string(&location_at)
            .unwrap()
            .contains("latitude"));
    }
}
