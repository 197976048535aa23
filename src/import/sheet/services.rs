//! The services a row names, each with the row's service areas,
//! populations, languages, access facts, cost and hours.

use std::collections::BTreeSet;

use super::cells;
use super::columns::Field;
use super::partner::{codes_in, SheetRow};
use super::phones::Phones;
use super::places::Places;
use crate::hub::names::slugify_name;
use crate::hub::taxonomy::Kind;
use crate::import::hours::hours_from_cell;
use crate::import::mapper::{push_new, unique, Mapper};
use crate::import::phones::language_from_name;
use crate::import::services::guess_category;
use crate::import::yaml_out::{map, Node};

/// Every service the rows name, each with what its row says about it.
pub(super) fn services(
    m: &mut Mapper<'_>,
    rows: &[SheetRow<'_>],
    phones: &Phones,
    places: &Places,
    org_name: &str,
    tags: &mut BTreeSet<String>,
) -> Vec<Node> {
    let mut nodes = Vec::new();
    let mut ids = BTreeSet::new();
    // Service id → (its first row, its position in `nodes`).
    let mut first_of: std::collections::HashMap<String, (u64, usize)> = Default::default();
    let named: Vec<(usize, Vec<String>)> = rows
        .iter()
        .enumerate()
        .map(|(at, row)| {
            let names = row
                .all(Field::Services)
                .into_iter()
                .flat_map(|(_, t)| cells::items(&t, false))
                .collect();
            (at, names)
        })
        .collect();
    let any_named = named.iter().any(|(_, names)| !names.is_empty());
    for (at, names) in named {
        let row = &rows[at];
        let names = if names.is_empty() {
            if any_named {
                continue;
            }
            let name = format!("Services of {org_name}");
            m.guess("services", format!("row {}: no service named; one service, \"{name}\", describes what the row says", row.number));
            vec![name]
        } else {
            names
        };
        let (categories, populations, languages) = classification(m, row, &names, tags);
        let several = names.len() > 1;
        if several && categories.len() > 1 {
            m.lose(
                "services",
                format!("row {}: {} services share the row's {} service areas; take out the ones that do not apply to each", row.number, names.len(), categories.len()),
            );
        }
        for name in names {
            let wanted = slugify_name(&name);
            let wanted = if wanted.is_empty() {
                "service".to_string()
            } else {
                wanted
                    .chars()
                    .take(60)
                    .collect::<String>()
                    .trim_end_matches('-')
                    .to_string()
            };
            if let Some((first_row, at)) = first_of.get(&wanted) {
                // The same service at another place (a row per office).
                let added = [
                    ("locations", places.kept.of_row(row.number)),
                    ("phones", phones.kept.of_row(row.number)),
                ];
                for (key, ids) in added {
                    extend_list(&mut nodes[*at], key, ids);
                }
                m.lose(
                    format!("services[{wanted}]"),
                    format!(
                        "row {}: \"{name}\" again; its places and phones are added to the service of row {first_row}, the rest of the row is not read",
                        row.number
                    ),
                );
                continue;
            }
            let id = unique(wanted.clone(), &ids);
            ids.insert(id.clone());
            first_of.insert(wanted, (row.number, nodes.len()));
            let description = match row.first(Field::ServiceDescription).filter(|_| !several) {
                Some(text) => text,
                None => {
                    m.lose(
                        format!("services[{id}].description"),
                        "no description; the name stands in",
                    );
                    format!("{name}.")
                }
            };
            nodes.push(service_node(
                m,
                row,
                &id,
                &name,
                description,
                (&categories, &populations, &languages),
                phones,
                places,
            ));
        }
    }
    nodes
}

/// Adds `values` not yet in the list at `key` of a service.
fn extend_list(service: &mut Node, key: &str, values: Vec<String>) {
    let Node::Map(entries) = service else { return };
    let at = match entries.iter().position(|(k, _)| k == key) {
        Some(at) => at,
        None => {
            entries.push((key.to_string(), Node::List(Vec::new())));
            entries.len() - 1
        }
    };
    if let Node::List(items) = &mut entries[at].1 {
        for value in values {
            let value = Node::text(value);
            if !items.contains(&value) {
                items.push(value);
            }
        }
    }
}

/// The row's service areas (by label, or guessed from words), populations
/// and languages.
fn classification(
    m: &mut Mapper<'_>,
    row: &SheetRow<'_>,
    names: &[String],
    tags: &mut BTreeSet<String>,
) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut categories = Vec::new();
    for (_, text) in row.all(Field::ServiceAreas) {
        let (found, unknown) = codes_in(m, Kind::ServiceAreas, &text);
        for code in found {
            push_new(&mut categories, code);
        }
        for value in unknown {
            let code = guess_category(&value, "").to_string();
            m.guess(
                "services[].categories",
                format!(
                    "row {}: \"{value}\" is not a service area of this hub; guessed {code}",
                    row.number
                ),
            );
            push_new(&mut categories, code);
        }
    }
    if categories.is_empty() {
        let description = [
            row.first(Field::ServiceDescription).unwrap_or_default(),
            row.first(Field::Description).unwrap_or_default(),
        ]
        .join(" ");
        let code = guess_category(&names.join(" "), &description).to_string();
        m.guess(
            "services[].categories",
            format!(
                "row {}: no service area in the sheet; guessed {code} from the words",
                row.number
            ),
        );
        categories.push(code);
    }
    let mut populations = Vec::new();
    for (_, text) in row.all(Field::Populations) {
        let (found, unknown) = codes_in(m, Kind::Populations, &text);
        for code in found {
            push_new(&mut populations, code);
        }
        for value in unknown {
            tags.insert(slugify_name(&value));
            m.lose(
                "services[].populations",
                format!(
                    "row {}: \"{value}\" is not a population of this hub; kept as a tag",
                    row.number
                ),
            );
        }
    }
    let mut languages = Vec::new();
    for (_, text) in row.all(Field::Languages) {
        for name in cells::items(&text, true) {
            match language(m, &name) {
                Some(tag) => push_new(&mut languages, tag),
                None => m.lose("services[].languages", format!("row {}: \"{name}\" is not a language haven knows; left out (write its tag, such as es or ase)", row.number)),
            }
        }
    }
    (categories, populations, languages)
}

fn language(m: &Mapper<'_>, name: &str) -> Option<String> {
    if let Some(tag) = language_from_name(m.hub.taxonomies, name.trim()) {
        return Some(tag);
    }
    let lower = name.trim().to_lowercase();
    let looks_like_tag =
        lower.len() <= 8 && lower.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    (looks_like_tag && crate::hub::language::check(name.trim()).is_ok_and(|w| w.is_none()))
        .then(|| name.trim().to_string())
}

#[allow(clippy::too_many_arguments)]
fn service_node(
    m: &mut Mapper<'_>,
    row: &SheetRow<'_>,
    id: &str,
    name: &str,
    description: String,
    (categories, populations, languages): (&[String], &[String], &[String]),
    phones: &Phones,
    places: &Places,
) -> Node {
    let field = format!("services[{id}]");
    let fact = |m: &mut Mapper<'_>, f: Field| -> Option<bool> {
        let text = row.first(f)?;
        match cells::yes_no(&text) {
            Ok(value) => Some(value),
            Err(()) => {
                m.lose(
                    format!("{field}.access.{}", f.name()),
                    format!(
                        "row {}: \"{text}\" is neither yes nor no; left out",
                        row.number
                    ),
                );
                None
            }
        }
    };
    let police = fact(m, Field::PoliceReportRequired);
    let confidential = fact(m, Field::Confidential);
    if police.is_none() || confidential.is_none() {
        m.lose(format!("{field}.access"), "the sheet does not say whether police are involved or how private it is: marked unknown (warning W150); ask the partner");
    }
    let access = map([
        (
            "law_enforcement_involvement",
            Some(Node::text(match police {
                Some(true) => "required",
                Some(false) => "not_required",
                None => "unknown",
            })),
        ),
        (
            "confidentiality",
            Some(Node::text(match confidential {
                Some(true) => "confidential",
                Some(false) => "standard",
                None => "unknown",
            })),
        ),
        (
            "immigration_status_asked",
            fact(m, Field::ImmigrationStatusAsked).map(Node::Bool),
        ),
        ("id_required", fact(m, Field::IdRequired).map(Node::Bool)),
        (
            "referral_required",
            fact(m, Field::ReferralRequired).map(Node::Bool),
        ),
        ("walk_in", fact(m, Field::WalkIn).map(Node::Bool)),
        (
            "anonymous_contact_ok",
            fact(m, Field::AnonymousOk).map(Node::Bool),
        ),
    ]);
    let (cost, fees) = cost(m, row, &field);
    let age = |f: Field| {
        row.first(f)
            .and_then(|t| t.trim().parse::<f64>().ok())
            .filter(|a| (0.0..=120.0).contains(a))
            .map(|a| Node::Number(a.floor()))
    };
    let eligibility = map([
        ("description", row.first(Field::Eligibility).map(Node::text)),
        ("min_age", age(Field::MinAge)),
        ("max_age", age(Field::MaxAge)),
    ]);
    let hours = row.first(Field::Hours).and_then(|text| {
        let hours = hours_from_cell(&text);
        if hours.is_none() {
            m.lose(
                format!("{field}.hours"),
                format!(
                    "row {}: \"{text}\" could not be read as opening hours; kept as a note",
                    row.number
                ),
            );
            return Some(map([("notes", Some(Node::text(text)))]));
        }
        hours
    });
    let documents: Vec<String> = row
        .all(Field::Documents)
        .into_iter()
        .flat_map(|(_, t)| cells::items(&t, false))
        .collect();
    map([
        ("id", Some(Node::text(id))),
        ("name", Some(Node::text(name))),
        ("description", Some(Node::text(description))),
        ("categories", Some(Node::texts(categories.iter().cloned()))),
        (
            "populations",
            Some(Node::texts(populations.iter().cloned())),
        ),
        ("eligibility", Some(eligibility)),
        ("access", Some(access)),
        ("cost", Some(Node::text(cost))),
        ("fees_description", fees.map(Node::text)),
        ("languages", Some(Node::texts(languages.iter().cloned()))),
        ("required_documents", Some(Node::texts(documents))),
        (
            "locations",
            Some(Node::texts(places.kept.of_row(row.number))),
        ),
        ("phones", Some(Node::texts(phones.kept.of_row(row.number)))),
        ("hours", hours),
    ])
}

/// The cost code and fees text: "Free", "gratis", "$0", "sliding scale",
/// "Medicaid", "$25 per visit"; a fees column adds its text.
fn cost(m: &mut Mapper<'_>, row: &SheetRow<'_>, field: &str) -> (String, Option<String>) {
    let fees = row.first(Field::Fees);
    let written = row.first(Field::Cost);
    let read = written.as_deref().or(fees.as_deref()).and_then(cost_code);
    match (read, written) {
        (Some(code), written) => {
            let fees = fees.or(written.filter(|_| code != "free"));
            (code.to_string(), fees)
        }
        (None, written) => {
            m.guess(
                format!("{field}.cost"),
                match &written {
                    Some(text) => format!("row {}: \"{text}\" does not say free, sliding scale, insurance or fee; set to fee (check with the partner)", row.number),
                    None => format!("row {}: the sheet does not say what it costs; set to fee (check with the partner)", row.number),
                },
            );
            (
                "fee".to_string(),
                Some(
                    written
                        .or(fees)
                        .unwrap_or_else(|| "Ask the partner about costs.".to_string()),
                ),
            )
        }
    }
}

fn cost_code(text: &str) -> Option<&'static str> {
    let lower = text.trim().to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&[
        "free",
        "gratis",
        "gratuito",
        "no cost",
        "sin costo",
        "no charge",
        "$0",
    ]) || lower == "0"
        || lower == "none"
        || lower == "no"
    {
        Some("free")
    } else if has(&["sliding", "escala", "income-based", "based on income"]) {
        Some("sliding_scale")
    } else if has(&["insurance", "medicaid", "medicare", "seguro"]) {
        Some("insurance")
    } else if has(&["$", "fee", "cuota", "costo", "per ", "por "])
        || lower.chars().any(|c| c.is_ascii_digit())
        || lower == "yes"
        || lower == "sí"
    {
        Some("fee")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn costs_read_in_english_and_spanish() {
        assert_eq!(cost_code("Free"), Some("free"));
        assert_eq!(cost_code("Gratis"), Some("free"));
        assert_eq!(cost_code("Sliding scale"), Some("sliding_scale"));
        assert_eq!(cost_code("Medicaid accepted"), Some("insurance"));
        assert_eq!(cost_code("$25 per visit"), Some("fee"));
        assert_eq!(cost_code("ask"), None);
    }
}
