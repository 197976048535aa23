//! Services of an imported organization: terms to hub codes, access
//! conditions, cost, languages, and what has to be guessed.

use std::collections::{BTreeMap, BTreeSet};

use super::airs;
use super::hours::schedules;
use super::mapper::{push_new, record_code, tag, unique, valid_id, Mapper, Term};
use super::package::Row;
use super::phones::{add_phone, languages_of, Phones};
use super::text::html_to_markdown;
use super::yaml_out::{map, Node};
use crate::hsds::objects as hsds;
use crate::hub::date::Date;
use crate::hub::names::slugify_name;
use crate::hub::record::code_of;
use crate::hub::record::Status;
use crate::hub::taxonomy::Kind;

pub(super) struct Services {
    pub(super) nodes: Vec<Node>,
    /// Coverage: (name, description) of every service area.
    pub(super) areas: Vec<(String, String)>,
    /// The partner's phones, with those first met on a service.
    pub(super) phones: Vec<Node>,
    /// The latest assured_date.
    pub(super) assured: Option<String>,
    pub(super) partner_status: Status,
}

pub(super) fn services(
    m: &mut Mapper<'_>,
    org_id: &str,
    partner_id: &str,
    mut phones: Phones,
    locations: &BTreeMap<String, String>,
    tags: &mut BTreeSet<String>,
) -> Services {
    let rows: Vec<Row> = m
        .rows(hsds::Service::FILE, "organization_id", org_id)
        .into_iter()
        .cloned()
        .collect();
    let mut out = Services {
        nodes: Vec::new(),
        phones: Vec::new(),
        areas: Vec::new(),
        assured: None,
        partner_status: Status::Active,
    };
    let mut used = BTreeSet::new();
    let mut statuses = Vec::new();
    for row in &rows {
        let hsds_id = row.get("id").unwrap_or("-").to_string();
        let name = row.get("name").unwrap_or("Service").to_string();
        let id = unique(service_id(row, partner_id, &name), &used);
        used.insert(id.clone());
        let field = format!("services[{id}]");
        let description = service_description(m, row, &field, &name);
        // HSDS writes "temporarily closed", records temporarily_closed.
        let status = row.get("status").and_then(record_code::<Status>);
        statuses.push(status.unwrap_or(Status::Active));
        if let Some(date) = row.get("assured_date").and_then(|d| d.get(..10)) {
            if Date::parse(date).is_some() && out.assured.as_deref().is_none_or(|a| a < date) {
                out.assured = Some(date.to_string());
            }
        }

        let Filed {
            categories,
            populations,
            communication,
            access,
            cost,
        } = file_terms(m, &hsds_id, &field, &name, &description, tags);
        let access_node = access_node(m, &access, &field);

        let (cost, fees) = cost_and_fees(m, row, &hsds_id, &field, cost);

        let eligibility = eligibility(m, row, &hsds_id);
        let language_rows: Vec<Row> = m
            .rows(hsds::Language::FILE, "service_id", &hsds_id)
            .into_iter()
            .filter(|l| l.get("phone_id").is_none())
            .cloned()
            .collect();
        let languages = languages_of(m, &language_rows, &format!("{field}.languages"));
        let interpretation = row.get("interpretation_services").map(interpretation);
        let service_locations: Vec<String> = m
            .rows(hsds::ServiceAtLocation::FILE, "service_id", &hsds_id)
            .iter()
            .filter_map(|sal| locations.get(sal.get("location_id")?).cloned())
            .collect();
        let service_phones = service_phones(m, &hsds_id, &mut phones);
        for area in m.rows(hsds::ServiceArea::FILE, "service_id", &hsds_id) {
            if let Some(name) = area.get("name") {
                let entry = (
                    name.to_string(),
                    area.get("description").unwrap_or_default().to_string(),
                );
                if !out.areas.contains(&entry) {
                    out.areas.push(entry);
                }
            }
        }
        let documents: Vec<String> = m
            .rows(hsds::RequiredDocument::FILE, "service_id", &hsds_id)
            .iter()
            .filter_map(|d| d.get("document").map(str::to_string))
            .collect();
        let hours = schedules(m, "service_id", &hsds_id, &format!("{field}.hours"));
        for (column, what) in [
            ("program_id", "program"),
            ("wait_time", "wait time"),
            ("accreditations", "accreditations"),
            ("licenses", "licenses"),
        ] {
            if row.get(column).is_some() {
                m.lose(
                    field.clone(),
                    format!("{what} not imported: partner records have no such field"),
                );
            }
        }
        out.nodes.push(map([
            ("id", Some(Node::text(&id))),
            ("name", Some(Node::text(&name))),
            ("description", Some(Node::text(description))),
            (
                "status",
                status
                    .filter(|s| *s != Status::Active)
                    .map(|s| Node::text(code_of(&s))),
            ),
            ("categories", Some(Node::texts(categories))),
            ("populations", Some(Node::texts(populations))),
            ("eligibility", Some(eligibility)),
            ("access", Some(access_node)),
            ("cost", Some(Node::text(cost))),
            ("fees_description", fees.map(Node::text)),
            (
                "application_process",
                row.get("application_process").map(Node::text),
            ),
            ("languages", Some(Node::texts(languages))),
            ("interpretation", interpretation),
            ("communication_access", Some(Node::texts(communication))),
            ("required_documents", Some(Node::texts(documents))),
            ("locations", Some(Node::texts(service_locations))),
            ("phones", Some(Node::texts(service_phones))),
            ("hours", hours),
            ("alert", row.get("alert").map(Node::text)),
        ]));
    }
    // Closed for good when every service is; temporarily closed when
    // every service is; else active.
    let closed_for_good = |s: &Status| !matches!(s, Status::Active | Status::TemporarilyClosed);
    out.partner_status = match statuses.first() {
        Some(first) if statuses.iter().all(closed_for_good) => *first,
        Some(_) if statuses.iter().all(|s| *s == Status::TemporarilyClosed) => {
            Status::TemporarilyClosed
        }
        _ => Status::Active,
    };
    if rows.is_empty() {
        m.guess(
            "services",
            "the organization has no services; a record needs one",
        );
    }
    out.phones = phones.nodes;
    out
}

/// A service's description as Markdown; its name when it has none.
fn service_description(m: &mut Mapper<'_>, row: &Row, field: &str, name: &str) -> String {
    let mut description = row
        .get("description")
        .map(str::to_string)
        .unwrap_or_else(|| {
            m.lose(
                format!("{field}.description"),
                "no description; the name stands in",
            );
            format!("{name}.")
        });
    if let Some(markdown) = html_to_markdown(&description) {
        m.lose(
            format!("{field}.description"),
            "HTML turned into Markdown; check the formatting",
        );
        description = markdown;
    }
    description
}

/// Where a service's terms file it: hub codes, access facts, cost.
struct Filed {
    categories: Vec<String>,
    populations: Vec<String>,
    communication: Vec<String>,
    /// Fact → (value, note).
    access: BTreeMap<String, (String, Option<String>)>,
    cost: Option<String>,
}

/// Files service `hsds_id` by its terms: a term with no hub code becomes
/// a tag; no service area at all is guessed from `name` and `description`.
fn file_terms(
    m: &mut Mapper<'_>,
    hsds_id: &str,
    field: &str,
    name: &str,
    description: &str,
    tags: &mut BTreeSet<String>,
) -> Filed {
    let mut categories = Vec::new();
    let mut populations = Vec::new();
    let mut communication = Vec::new();
    let mut access: BTreeMap<String, (String, Option<String>)> = BTreeMap::new();
    let mut cost = None;
    for (link_type, term) in m.terms_of(hsds_id) {
        match link_type.as_str() {
            "access_condition" => {
                if let Some((fact, value)) = term.code.split_once(':') {
                    access.insert(fact.to_string(), (value.to_string(), term.value.clone()));
                }
            }
            "communication_access" => communication.push(term.code.clone()),
            "cost" => cost = Some(term.code.clone()),
            "target_population" => match m.code_in(Kind::Populations, &term) {
                Some(code) => push_new(&mut populations, code),
                None => {
                    tags.insert(tag(&term));
                    m.lose(
                        format!("{field}.populations"),
                        format!("\"{}\" has no hub code; kept as a tag", term.name),
                    );
                }
            },
            // A 211 term's name ("Homeless Shelter") is what people
            // search a 211 for: kept as a tag beside the hub code.
            _ if airs_code(m, &term).is_some() => {
                tags.insert(tag(&term));
                match airs_code(m, &term) {
                    Some((Kind::ServiceAreas, code)) => push_new(&mut categories, code),
                    Some((_, code)) => push_new(&mut populations, code),
                    None => {}
                }
            }
            _ => match m.code_in(Kind::ServiceAreas, &term).or_else(|| {
                m.code_in(Kind::Populations, &term).map(|p| {
                    push_new(&mut populations, p);
                    String::new()
                })
            }) {
                Some(code) if code.is_empty() => {}
                Some(code) => push_new(&mut categories, code),
                None => {
                    tags.insert(tag(&term));
                    m.lose(
                        format!("{field}.categories"),
                        format!(
                            "term \"{}\" ({}) has no hub code; kept as a tag",
                            term.name,
                            if term.taxonomy.is_empty() {
                                "no taxonomy"
                            } else {
                                &term.taxonomy
                            }
                        ),
                    );
                }
            },
        }
    }
    if categories.is_empty() {
        let guessed = guess_category(name, description);
        m.guess(
            format!("{field}.categories"),
            format!("no service area in the data; guessed {guessed} from the name and description"),
        );
        categories.push(guessed.to_string());
    }
    Filed {
        categories,
        populations,
        communication,
        access,
        cost,
    }
}

/// The record's access block; the two facts HSDS cannot say are unknown.
fn access_node(
    m: &mut Mapper<'_>,
    access: &BTreeMap<String, (String, Option<String>)>,
    field: &str,
) -> Node {
    let law = access
        .get("law_enforcement_involvement")
        .map(|(v, _)| v.clone());
    let confidentiality = access.get("confidentiality").cloned();
    if law.is_none() || confidentiality.is_none() {
        m.lose(
            format!("{field}.access"),
            "HSDS has no access conditions: marked unknown (warning W150); ask the partner",
        );
    }
    let fact =
        |name: &str| -> Option<Node> { access.get(name).map(|(v, _)| Node::Bool(v == "yes")) };
    map([
        (
            "law_enforcement_involvement",
            Some(Node::text(law.unwrap_or_else(|| "unknown".into()))),
        ),
        (
            "confidentiality",
            Some(Node::text(
                confidentiality
                    .as_ref()
                    .map_or("unknown", |(v, _)| v.as_str()),
            )),
        ),
        (
            "confidentiality_note",
            confidentiality.and_then(|(_, note)| note).map(Node::text),
        ),
        ("immigration_status_asked", fact("immigration_status_asked")),
        ("id_required", fact("id_required")),
        ("referral_required", fact("referral_required")),
        ("walk_in", fact("walk_in")),
        ("anonymous_contact_ok", fact("anonymous_contact_ok")),
    ])
}

/// The cost code (free when a cost option is 0 or the fees say so, else a
/// guessed fee) and the fees text.
fn cost_and_fees(
    m: &mut Mapper<'_>,
    row: &Row,
    hsds_id: &str,
    field: &str,
    cost: Option<String>,
) -> (String, Option<String>) {
    let fees = row.get("fees_description").map(str::to_string);
    let free_option = m
        .rows(hsds::CostOption::FILE, "service_id", hsds_id)
        .iter()
        .any(|o| o.get("amount").and_then(|a| a.parse::<f64>().ok()) == Some(0.0));
    let cost = cost.unwrap_or_else(|| {
        if free_option
            || fees
                .as_deref()
                .is_some_and(|f| f.to_lowercase().starts_with("free"))
        {
            "free".to_string()
        } else {
            m.guess(
                format!("{field}.cost"),
                "the cost is not clear from the data; set to fee (check with the partner)",
            );
            "fee".to_string()
        }
    });
    let fees = fees
        .filter(|f| !(cost == "free" && f == "Free of charge."))
        .or_else(|| (cost != "free").then(|| "Ask the partner about costs.".to_string()));
    (cost, fees)
}

/// Who the service is for: its eligibility text and ages.
fn eligibility(m: &Mapper<'_>, row: &Row, hsds_id: &str) -> Node {
    map([
        (
            "description",
            row.get("eligibility_description")
                .map(Node::text)
                .or_else(|| {
                    let texts: Vec<String> = m
                        .rows("eligibility", "service_id", hsds_id)
                        .iter()
                        .filter_map(|e| e.get("eligibility").map(str::to_string))
                        .collect();
                    (!texts.is_empty()).then(|| Node::text(texts.join("; ")))
                }),
        ),
        (
            "min_age",
            row.get("minimum_age")
                .and_then(|a| a.parse::<f64>().ok())
                .filter(|a| (0.0..=120.0).contains(a))
                .map(Node::Number),
        ),
        (
            "max_age",
            row.get("maximum_age")
                .and_then(|a| a.parse::<f64>().ok())
                .filter(|a| (0.0..=120.0).contains(a))
                .map(Node::Number),
        ),
    ])
}

/// The ids of the service's phones, each added to the partner's once.
fn service_phones(m: &mut Mapper<'_>, hsds_id: &str, phones: &mut Phones) -> Vec<String> {
    let phone_rows: Vec<Row> = m
        .rows(hsds::Phone::FILE, "service_id", hsds_id)
        .into_iter()
        .cloned()
        .collect();
    let mut service_phones: Vec<String> = Vec::new();
    for id in phone_rows
        .iter()
        .filter_map(|row| add_phone(m, row, phones))
    {
        if !service_phones.contains(&id) {
            service_phones.push(id);
        }
    }
    service_phones
}

/// The service id haven's own export put in `url`, else one from the name.
pub(super) fn service_id(row: &Row, partner_id: &str, name: &str) -> String {
    let from_url = row.get("url").and_then(|url| {
        let (page, anchor) = url.split_once("#service-")?;
        (page.trim_end_matches('/').ends_with(partner_id) && valid_id(anchor))
            .then(|| anchor.to_string())
    });
    from_url.unwrap_or_else(|| {
        let slug: String = slugify_name(name).chars().take(40).collect();
        let slug = slug.trim_end_matches('-').to_string();
        if slug.is_empty() {
            "service".to_string()
        } else {
            slug
        }
    })
}

/// A service area from words in the service's text; basic needs when
/// nothing matches (reported either way).
/// The hub code an AIRS / 211 code stands for (airs.tsv), if the hub has
/// it.
fn airs_code(m: &Mapper<'_>, term: &Term) -> Option<(Kind, String)> {
    let meaning = airs::meaning(&term.code)?;
    let kind = airs::kind_of(meaning)?;
    let code = match meaning {
        airs::Meaning::ServiceArea(code) | airs::Meaning::Population(code) => code,
        airs::Meaning::Nothing => return None,
    };
    m.hub
        .taxonomies
        .contains(kind, code)
        .then(|| (kind, code.to_string()))
}

pub(super) fn guess_category(name: &str, description: &str) -> &'static str {
    crate::hub::taxonomy::service_area_in(name, description).unwrap_or("basic_needs")
}

/// `interpretation_services` text: haven's export writes
/// "Interpretation available (phone, in person) in ar, so. Note.", read
/// back into modes, languages and note; other text is the note.
pub(super) fn interpretation(text: &str) -> Node {
    let mut modes = Vec::new();
    let mut languages = Vec::new();
    let mut note = text.to_string();
    if let Some(rest) = text.strip_prefix("Interpretation available") {
        let mut rest = rest;
        if let Some(inner) = rest.strip_prefix(" (") {
            if let Some((list, after)) = inner.split_once(')') {
                modes = list.split(", ").map(|m| m.replace(' ', "_")).collect();
                rest = after;
            }
        }
        if let Some(inner) = rest.strip_prefix(" in ") {
            let (list, after) = inner.split_once('.').unwrap_or((inner, ""));
            languages = list.split(", ").map(str::to_string).collect();
            rest = after;
        } else {
            rest = rest.strip_prefix('.').unwrap_or(rest);
        }
        note = rest.trim().to_string();
    }
    map([
        ("available", Some(Node::Bool(true))),
        ("modes", Some(Node::texts(modes))),
        ("languages", Some(Node::texts(languages))),
        ("note", (!note.is_empty()).then(|| Node::text(note))),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exports_interpretation_text_reads_back_into_its_parts() {
        let node =
            interpretation("Interpretation available (phone, in person) in ar, so. Call first.");
        let text = super::super::yaml_out::document(&[], &node);
        assert_eq!(
            text,
            "available: true\nmodes: [phone, in_person]\nlanguages: [ar, so]\nnote: Call first.\n"
        );
    }

    #[test]
    fn a_category_is_guessed_from_words_and_defaults_to_basic_needs() {
        assert_eq!(
            guess_category("Immigration legal clinic", ""),
            "legal_services"
        );
        assert_eq!(guess_category("Bus passes", ""), "transportation");
        assert_eq!(guess_category("Small business classes", ""), "education");
        assert_eq!(
            guess_category("Asesoría de inmigración", ""),
            "legal_services"
        );
        assert_eq!(guess_category("Plan de seguridad", ""), "empowerment_tools");
        assert_eq!(guess_category("Something else", ""), "basic_needs");
    }

    #[test]
    fn the_area_a_service_is_guessed_in_is_the_one_its_words_name_most() {
        // From the Miami 211 extract (tests/fixtures/hsds/real-miami211).
        assert_eq!(
            guess_category(
                "THE SHELTER FOR ABUSED WOMEN & CHILDREN, INC.",
                "The Shelter for Abused Women & Children provides emergency shelter, adult and child counseling, safety planning, outreach advocacy, healing arts, legal services (court advocacy, immigration and victim services), special population services, primary prevention, community education, professional training, and transitional housing."
            ),
            "basic_needs"
        );
        assert_eq!(
            guess_category(
                "MIAMI RESCUE MISSION, INC.",
                "Provides refuge, food, comfort, care and spiritual guidance to homeless men, women, and children. The women shelter also offers overnight accommodations. The residential programs offer counseling, education and job referral services."
            ),
            "basic_needs"
        );
        // From the real Illinois Legal Aid Online extract
        // (tests/fixtures/hsds/real-ilao).
        assert_eq!(
            guess_category("Free bankruptcy filing", "Direct representation"),
            "legal_services"
        );
        assert_eq!(
            guess_category("Foreclosure defense hotline", "Direct representation"),
            "legal_services"
        );
        assert_eq!(
            guess_category(
                "LEGAL SERVICES OF GREATER MIAMI, INC.",
                "Free civil legal assistance to low-income people: housing, family law and immigration."
            ),
            "legal_services"
        );
    }
}
