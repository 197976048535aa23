//! One partner as Open Referral HSDS 3.0 objects (docs/record-format.md
//! has the mapping): an `organization` with its phones, locations,
//! identifiers and attributes, and its `service`s with theirs. Every id is a UUIDv5 from
//! the hub's namespace and the partner's own ids, so it never changes
//! between builds. Only `PublicPartner` is read: internal data cannot
//! reach the export.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::hsds::{CONFIDENTIAL, HOTLINE};
use crate::hub::config::{ConfidentialExport, HubConfig};
use crate::hub::hours;
use crate::hub::record::code_of;
use crate::hub::record::{
    Access, Cost, Hours, Location, LocationKind, PartnerKind, PhoneKind, Status, Visibility,
};
use crate::hub::taxonomy::{Kind, Taxonomies};
use crate::pipeline::model::{PublicPartner, PublicPhone, PublicService};

/// The HSDS version written.
pub const VERSION: &str = "3.0";

/// What every partner's objects are made with.
pub struct Context<'a> {
    pub namespace: Uuid,
    pub base_url: String,
    pub steward_email: Option<&'a str>,
    pub confidential: ConfidentialExport,
    pub timezone: Option<&'a str>,
    pub taxonomies: &'a Taxonomies,
}

impl<'a> Context<'a> {
    pub fn new(config: &'a HubConfig, taxonomies: &'a Taxonomies) -> Self {
        let hsds = config.hsds.as_ref();
        Context {
            namespace: namespace(config),
            base_url: format!("{}/", config.base_url.trim_end_matches('/')),
            steward_email: hsds.and_then(|h| h.data_steward_email.as_deref()),
            confidential: hsds.map(|h| h.confidential_locations).unwrap_or_default(),
            timezone: config.default_timezone.as_deref(),
            taxonomies,
        }
    }

    /// The stable id of the thing `name` names (`organization/<id>`, …).
    pub fn id(&self, name: &str) -> String {
        Uuid::new_v5(&self.namespace, name.as_bytes()).to_string()
    }

    pub fn partner_url(&self, id: &str) -> String {
        format!("{}partners/{id}/", self.base_url)
    }
}

/// The hub's namespace, or one derived from its address when hub.yaml
/// names none (validation refuses a malformed one, E083).
fn namespace(config: &HubConfig) -> Uuid {
    config
        .hsds
        .as_ref()
        .and_then(|h| h.uuid_namespace.as_deref())
        .and_then(|text| Uuid::parse_str(text).ok())
        .unwrap_or_else(|| Uuid::new_v5(&Uuid::NAMESPACE_URL, config.base_url.as_bytes()))
}

/// A JSON object from `(key, value)` pairs, leaving out nulls and empty
/// strings and lists: HSDS fields are optional, and absent reads better
/// than empty.
fn object(fields: impl IntoIterator<Item = (&'static str, Value)>) -> Map<String, Value> {
    fields
        .into_iter()
        .filter(|(_, value)| match value {
            Value::Null => false,
            Value::String(text) => !text.is_empty(),
            Value::Array(items) => !items.is_empty(),
            _ => true,
        })
        .map(|(key, value)| (key.to_string(), value))
        .collect()
}

fn text(value: Option<&str>) -> Value {
    value.map_or(Value::Null, |v| Value::String(v.to_string()))
}

fn objects(items: Vec<Map<String, Value>>) -> Value {
    Value::Array(items.into_iter().map(Value::Object).collect())
}

/// The HSDS id of the partner with record id `id`.
pub fn organization_id(id: &str, cx: &Context<'_>) -> String {
    cx.id(&format!("organization/{id}"))
}

/// The organization with its services nested under `services` (the API's
/// `full_service` view), from which every other view is cut.
pub fn organization(partner: &PublicPartner, cx: &Context<'_>) -> Map<String, Value> {
    let org_id = organization_id(&partner.id, cx);
    let description = match &partner.summary {
        Some(summary) => format!("{summary}\n\n{}", partner.description.trim_end()),
        None => partner.description.trim_end().to_string(),
    };
    let legal_status = match partner.kind {
        PartnerKind::Individual => Some("individual".to_string()),
        PartnerKind::Organization => partner.legal_status.as_ref().map(code_of),
    };
    let mut attributes = Vec::new();
    for (kind, link_type, codes) in [
        (Kind::PartnerTypes, "partner_type", &partner.partner_types),
        (Kind::FocusIssues, "focus_issue", &partner.focus_issues),
    ] {
        for code in codes {
            let term = Term::of_taxonomy(cx.taxonomies, kind, code);
            attributes.push(attribute(cx, &org_id, link_type, &term, None));
        }
    }
    let locations: Vec<_> = partner
        .locations
        .iter()
        .filter_map(|location| self::location(partner, location, &org_id, cx))
        .collect();
    object([
        ("id", Value::String(org_id.clone())),
        ("name", Value::String(partner.name.clone())),
        (
            "alternate_name",
            Value::String(partner.alternate_names.join("; ")),
        ),
        ("description", Value::String(description)),
        ("email", text(partner.email.as_deref())),
        ("website", text(partner.website.as_deref())),
        ("logo", text(partner.logo_url.as_deref())),
        ("year_incorporated", json!(partner.year_incorporated)),
        ("legal_status", json!(legal_status)),
        ("uri", Value::String(cx.partner_url(&partner.id))),
        (
            "phones",
            objects(
                partner
                    .phones
                    .iter()
                    .map(|phone| {
                        let id = cx.id(&format!("phone/{}/{}", partner.id, phone.phone.id));
                        self::phone(phone, id, ("organization_id", &org_id), cx)
                    })
                    .collect(),
            ),
        ),
        ("locations", objects(locations)),
        (
            "organization_identifiers",
            objects(
                partner
                    .identifiers
                    .iter()
                    .map(|identifier| {
                        object([
                            (
                                "id",
                                Value::String(cx.id(&format!(
                                    "organization_identifier/{}/{}/{}",
                                    partner.id, identifier.scheme, identifier.value
                                ))),
                            ),
                            ("organization_id", Value::String(org_id.clone())),
                            (
                                "identifier_scheme",
                                Value::String(identifier.scheme.clone()),
                            ),
                            ("identifier_type", Value::String(identifier.scheme.clone())),
                            ("identifier", Value::String(identifier.value.clone())),
                        ])
                    })
                    .collect(),
            ),
        ),
        ("attributes", objects(attributes)),
        (
            "services",
            objects(
                partner
                    .services
                    .iter()
                    .map(|service| self::service(partner, service, &org_id, cx))
                    .collect(),
            ),
        ),
    ])
}

/// Whether a location is exported, per hub.yaml.
pub fn exported(location: &Location, cx: &Context<'_>) -> bool {
    location.visibility != Some(Visibility::Confidential)
        || cx.confidential == ConfidentialExport::WithoutAddress
}

fn location(
    partner: &PublicPartner,
    location: &Location,
    org_id: &str,
    cx: &Context<'_>,
) -> Option<Map<String, Value>> {
    if !exported(location, cx) {
        return None;
    }
    let id = cx.id(&format!("location/{}/{}", partner.id, location.id));
    let confidential = location.visibility == Some(Visibility::Confidential);
    let location_type = match location.kind {
        LocationKind::Physical => "physical",
        LocationKind::Virtual => "virtual",
        LocationKind::Mailing => "postal",
    };
    let description = if confidential {
        let area = location.general_area.as_ref().map(|area| {
            [&area.city, &area.county, &area.state, &area.country]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        });
        let mut parts = vec![CONFIDENTIAL.to_string()];
        parts.extend(
            area.filter(|a| !a.is_empty())
                .map(|a| format!("General area: {a}.")),
        );
        parts.extend(location.notes.clone());
        Some(parts.join(" "))
    } else {
        location.notes.clone()
    };
    let addresses = match (&location.address, confidential) {
        (Some(address), false) => vec![object([
            (
                "id",
                Value::String(cx.id(&format!("address/{}/{}", partner.id, location.id))),
            ),
            ("location_id", Value::String(id.clone())),
            ("address_1", Value::String(address.street.clone())),
            ("address_2", text(address.street2.as_deref())),
            ("city", Value::String(address.city.clone())),
            ("state_province", Value::String(address.state.clone())),
            ("postal_code", Value::String(address.postal_code.clone())),
            ("country", Value::String(address.country.clone())),
            ("address_type", Value::String(location_type.to_string())),
        ])],
        _ => Vec::new(),
    };
    let geo = location.geo.filter(|_| !confidential);
    let mut accessibility: Vec<_> = location
        .accessibility
        .iter()
        .map(|code| {
            (
                code.clone(),
                cx.taxonomies
                    .label(Kind::Accessibility, code, "en")
                    .to_string(),
            )
        })
        .collect();
    if accessibility.is_empty() && location.accessibility_notes.is_some() {
        accessibility.push((String::new(), String::new()));
    }
    let accessibility = accessibility
        .into_iter()
        .enumerate()
        .map(|(index, (code, label))| {
            object([
                (
                    "id",
                    Value::String(cx.id(&format!(
                        "accessibility/{}/{}/{code}",
                        partner.id, location.id
                    ))),
                ),
                ("location_id", Value::String(id.clone())),
                ("description", Value::String(label)),
                (
                    "details",
                    text(
                        location
                            .accessibility_notes
                            .as_deref()
                            .filter(|_| index == 0),
                    ),
                ),
            ])
        })
        .collect();
    let schedules = location
        .hours
        .as_ref()
        .map(|hours| {
            schedules(
                hours,
                &format!("schedule/{}/location/{}", partner.id, location.id),
                ("location_id", &id),
                cx,
            )
        })
        .unwrap_or_default();
    Some(object([
        ("id", Value::String(id.clone())),
        ("organization_id", Value::String(org_id.to_string())),
        ("location_type", Value::String(location_type.to_string())),
        ("url", text(location.url.as_deref())),
        ("name", text(location.name.as_deref())),
        ("description", json!(description)),
        ("transportation", text(location.transit.as_deref())),
        ("latitude", json!(geo.map(|g| g.lat))),
        ("longitude", json!(geo.map(|g| g.lon))),
        ("addresses", objects(addresses)),
        ("accessibility", objects(accessibility)),
        ("schedules", objects(schedules)),
    ]))
}

/// A phone row; `owner` is its foreign key (organization or service).
fn phone(
    phone: &PublicPhone,
    id: String,
    owner: (&'static str, &str),
    cx: &Context<'_>,
) -> Map<String, Value> {
    let phone = &phone.phone;
    let kind = match phone.kind {
        PhoneKind::Voice | PhoneKind::ShortCode => "voice",
        PhoneKind::Sms => "text",
        PhoneKind::Tty => "textphone",
        PhoneKind::Video => "video",
        PhoneKind::Fax => "fax",
    };
    let mut description = phone.label.clone();
    if let Some(keyword) = &phone.text_keyword {
        description.push_str(&format!(". Text {keyword}"));
    }
    if let Some(hours) = &phone.hours {
        description.push_str(&format!(". Hours: {}", hours_in_words(hours)));
    }
    if phone.hotline {
        description.push_str(HOTLINE);
    }
    let extension: Option<u64> = phone.extension.as_deref().and_then(|e| e.parse().ok());
    let languages = phone
        .languages
        .iter()
        .map(|tag| {
            language(
                tag,
                cx.id(&format!("language/{id}/{tag}")),
                ("phone_id", &id),
                cx,
            )
        })
        .collect();
    object([
        ("id", Value::String(id.clone())),
        (owner.0, Value::String(owner.1.to_string())),
        ("number", Value::String(phone.number.clone())),
        ("extension", json!(extension)),
        ("type", Value::String(kind.to_string())),
        ("description", Value::String(description)),
        ("languages", objects(languages)),
    ])
}

/// Hours as one line of text, for where HSDS has no schedule (phones).
pub fn hours_in_words(hours: &Hours) -> String {
    match hours {
        Hours::Keyword(keyword) => keyword.replace('_', " "),
        Hours::Weekly(week) => {
            let mut days: Vec<String> = week
                .days()
                .iter()
                .filter_map(|(day, value)| value.map(|v| format!("{day} {v}")))
                .collect();
            days.extend(week.notes.clone());
            days.join("; ")
        }
    }
}

fn language(
    tag: &str,
    id: String,
    owner: (&'static str, &str),
    cx: &Context<'_>,
) -> Map<String, Value> {
    let primary = tag.split('-').next().unwrap_or(tag);
    let name = cx.taxonomies.label(Kind::Languages, tag, "en");
    object([
        ("id", Value::String(id)),
        (owner.0, Value::String(owner.1.to_string())),
        ("name", Value::String(name.to_string())),
        ("code", Value::String(primary.to_string())),
        // Script and region subtags have no field of their own.
        ("note", text(Some(tag).filter(|t| t.contains('-')))),
    ])
}

const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// Opening hours as HSDS schedules: one weekly row per distinct opening
/// range, with the days it applies on. A range past midnight becomes two
/// rows. HSDS's numeric UTC offset breaks at daylight saving, so times are
/// local and the description names the IANA zone.
fn schedules(
    hours: &Hours,
    key: &str,
    owner: (&'static str, &str),
    cx: &Context<'_>,
) -> Vec<Map<String, Value>> {
    let zone = |timezone: Option<&str>| {
        timezone
            .or(cx.timezone)
            .map(|zone| format!("Local time ({zone})."))
    };
    let row = |index: usize, fields: Vec<(&'static str, Value)>| {
        let mut row = object([
            ("id", Value::String(cx.id(&format!("{key}/{index}")))),
            (owner.0, Value::String(owner.1.to_string())),
        ]);
        row.extend(object(fields));
        row
    };
    match hours {
        Hours::Keyword(keyword) if keyword == "24/7" => vec![row(
            0,
            vec![
                ("freq", json!("WEEKLY")),
                ("wkst", json!("MO")),
                ("byday", json!(DAYS.join(","))),
                ("opens_at", json!("00:00")),
                ("closes_at", json!("23:59")),
                ("description", json!("Open 24 hours a day, 7 days a week.")),
            ],
        )],
        Hours::Keyword(keyword) => vec![row(
            0,
            vec![(
                "description",
                json!(format!("{}.", capitalized(&keyword.replace('_', " ")))),
            )],
        )],
        Hours::Weekly(week) => {
            // (opens, closes) → days, in the order ranges first appear.
            let mut ranges: Vec<((u16, u16), Vec<&str>)> = Vec::new();
            for (index, (_, value)) in week.days().iter().enumerate() {
                let Some(value) = value else { continue };
                for range in hours::parse_day(value).unwrap_or_default() {
                    let pieces = if range.end < range.start {
                        vec![
                            ((range.start, 24 * 60 - 1), index),
                            ((0, range.end), (index + 1) % 7),
                        ]
                    } else {
                        vec![((range.start, range.end.min(24 * 60 - 1)), index)]
                    };
                    for (times, day) in pieces {
                        match ranges.iter_mut().find(|(t, _)| *t == times) {
                            Some((_, days)) => days.push(DAYS[day]),
                            None => ranges.push((times, vec![DAYS[day]])),
                        }
                    }
                }
            }
            let mut rows: Vec<_> = ranges
                .into_iter()
                .enumerate()
                .map(|(index, ((opens, closes), mut days))| {
                    days.sort_by_key(|d| DAYS.iter().position(|x| x == d));
                    days.dedup();
                    row(
                        index,
                        vec![
                            ("freq", json!("WEEKLY")),
                            ("wkst", json!("MO")),
                            ("byday", json!(days.join(","))),
                            ("opens_at", json!(clock(opens))),
                            ("closes_at", json!(clock(closes))),
                            ("description", json!(zone(week.timezone.as_deref()))),
                            ("notes", text(week.notes.as_deref())),
                        ],
                    )
                })
                .collect();
            if rows.is_empty() {
                if let Some(notes) = &week.notes {
                    rows.push(row(0, vec![("notes", json!(notes))]));
                }
            }
            rows
        }
    }
}

fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn status(status: Status) -> &'static str {
    match status {
        Status::Active => "active",
        Status::TemporarilyClosed => "temporarily closed",
        Status::Inactive => "inactive",
        Status::Defunct => "defunct",
    }
}

fn service(
    partner: &PublicPartner,
    public: &PublicService,
    org_id: &str,
    cx: &Context<'_>,
) -> Map<String, Value> {
    let service = &public.service;
    let key = format!("{}/{}", partner.id, service.id);
    let id = cx.id(&format!("service/{key}"));
    let mut attributes = Vec::new();
    let mut push = |link_type: &'static str, term: Term, value: Option<String>| {
        attributes.push(attribute(cx, &id, link_type, &term, value));
    };
    for code in &service.categories {
        push(
            "category",
            Term::of_taxonomy(cx.taxonomies, Kind::ServiceAreas, code),
            None,
        );
    }
    for code in &service.populations {
        push(
            "target_population",
            Term::of_taxonomy(cx.taxonomies, Kind::Populations, code),
            None,
        );
    }
    for (fact, value, note) in access_facts(&service.access) {
        push("access_condition", Term::access(fact, &value), note);
    }
    for mode in &service.communication_access {
        push(
            "communication_access",
            Term::plain("communication_access", &code_of(mode)),
            None,
        );
    }
    push("cost", Term::plain("cost", &code_of(&service.cost)), None);
    let free = service.cost == Cost::Free;
    let fees = service
        .fees_description
        .clone()
        .or_else(|| free.then(|| "Free of charge.".to_string()));
    let phones = public
        .phone_refs
        .iter()
        .map(|phone| {
            let phone_id = cx.id(&format!("phone/{key}/{}", phone.phone.id));
            self::phone(phone, phone_id, ("service_id", &id), cx)
        })
        .collect();
    let service_at_locations = public
        .location_refs
        .iter()
        .filter(|location| exported(location, cx))
        .map(|location| {
            object([
                (
                    "id",
                    Value::String(cx.id(&format!("sal/{key}/{}", location.id))),
                ),
                ("service_id", Value::String(id.clone())),
                (
                    "location_id",
                    Value::String(cx.id(&format!("location/{}/{}", partner.id, location.id))),
                ),
            ])
        })
        .collect();
    let service_areas = service_areas(partner, &key, &id, cx);
    let languages = service
        .languages
        .iter()
        .map(|tag| {
            language(
                tag,
                cx.id(&format!("language/{key}/{tag}")),
                ("service_id", &id),
                cx,
            )
        })
        .collect();
    let interpretation = service
        .interpretation
        .as_ref()
        .filter(|i| i.available)
        .map(|i| {
            let mut words = vec!["Interpretation available".to_string()];
            if !i.modes.is_empty() {
                let modes: Vec<String> = i
                    .modes
                    .iter()
                    .map(|m| code_of(m).replace('_', " "))
                    .collect();
                words.push(format!("({})", modes.join(", ")));
            }
            if !i.languages.is_empty() {
                words.push(format!("in {}", i.languages.join(", ")));
            }
            let mut text = words.join(" ") + ".";
            if let Some(note) = &i.note {
                text.push(' ');
                text.push_str(note);
            }
            text
        });
    let cost_options = if free {
        vec![object([
            ("id", Value::String(cx.id(&format!("cost_option/{key}")))),
            ("service_id", Value::String(id.clone())),
            ("option", json!("Free")),
            ("amount", json!(0)),
            ("currency", json!("USD")),
        ])]
    } else {
        Vec::new()
    };
    let required_documents = service
        .required_documents
        .iter()
        .map(|document| {
            object([
                (
                    "id",
                    Value::String(cx.id(&format!("required_document/{key}/{document}"))),
                ),
                ("service_id", Value::String(id.clone())),
                ("document", Value::String(document.clone())),
            ])
        })
        .collect();
    let schedules = service
        .hours
        .as_ref()
        .map(|hours| schedules(hours, &format!("schedule/{key}"), ("service_id", &id), cx))
        .unwrap_or_default();
    let eligibility = service.eligibility.as_ref();
    object([
        ("id", Value::String(id.clone())),
        ("organization_id", Value::String(org_id.to_string())),
        ("name", Value::String(service.name.clone())),
        (
            "description",
            Value::String(service.description.trim_end().to_string()),
        ),
        (
            "url",
            Value::String(format!(
                "{}#service-{}",
                cx.partner_url(&partner.id),
                service.id
            )),
        ),
        ("email", text(partner.email.as_deref())),
        (
            "status",
            json!(status(service.status.unwrap_or(partner.status))),
        ),
        ("interpretation_services", json!(interpretation)),
        (
            "application_process",
            text(service.application_process.as_deref()),
        ),
        ("fees_description", json!(fees)),
        (
            "eligibility_description",
            text(eligibility.and_then(|e| e.description.as_deref())),
        ),
        ("minimum_age", json!(eligibility.and_then(|e| e.min_age))),
        ("maximum_age", json!(eligibility.and_then(|e| e.max_age))),
        ("assured_date", Value::String(partner.last_verified.clone())),
        ("assurer_email", text(cx.steward_email)),
        ("alert", text(service.alert.as_deref())),
        ("phones", objects(phones)),
        ("schedules", objects(schedules)),
        ("service_areas", objects(service_areas)),
        ("service_at_locations", objects(service_at_locations)),
        ("languages", objects(languages)),
        ("cost_options", objects(cost_options)),
        ("required_documents", objects(required_documents)),
        ("attributes", objects(attributes)),
    ])
}

/// The partner's coverage, on each of its services (HSDS has no
/// organization-level service area).
fn service_areas(
    partner: &PublicPartner,
    key: &str,
    service_id: &str,
    cx: &Context<'_>,
) -> Vec<Map<String, Value>> {
    let scope = code_of(&partner.coverage.scope);
    let row = |index: usize, name: String, description: String| {
        object([
            (
                "id",
                Value::String(cx.id(&format!("service_area/{key}/{index}"))),
            ),
            ("service_id", Value::String(service_id.to_string())),
            ("name", Value::String(name)),
            ("description", Value::String(description)),
        ])
    };
    if partner.coverage.areas.is_empty() {
        return vec![row(0, capitalized(&scope), format!("scope: {scope}"))];
    }
    partner
        .coverage
        .areas
        .iter()
        .enumerate()
        .map(|(index, area)| {
            let name = match &area.state {
                Some(state) => format!("{}, {state}", area.name),
                None => area.name.clone(),
            };
            row(
                index,
                name,
                format!("{}; scope: {scope}", code_of(&area.kind)),
            )
        })
        .collect()
}

/// The access facts a service states: (fact, value, note).
fn access_facts(access: &Access) -> Vec<(&'static str, String, Option<String>)> {
    let mut facts = vec![
        (
            "law_enforcement_involvement",
            code_of(&access.law_enforcement_involvement),
            None,
        ),
        (
            "confidentiality",
            code_of(&access.confidentiality),
            access.confidentiality_note.clone(),
        ),
    ];
    for (fact, value) in [
        ("immigration_status_asked", access.immigration_status_asked),
        ("id_required", access.id_required),
        ("referral_required", access.referral_required),
        ("walk_in", access.walk_in),
        ("anonymous_contact_ok", access.anonymous_contact_ok),
    ] {
        if let Some(value) = value {
            facts.push((fact, if value { "yes" } else { "no" }.to_string(), None));
        }
    }
    facts
}

/// The `code` column of each term. The data package declares codes unique
/// across taxonomies, so a code two taxonomies share (`other`) is written
/// with its taxonomy: `partner_types:other`.
pub fn unique_codes(terms: &[Term]) -> Vec<String> {
    let mut taxonomies_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for term in terms {
        taxonomies_of
            .entry(&term.code)
            .or_default()
            .insert(&term.taxonomy);
    }
    terms
        .iter()
        .map(|term| match taxonomies_of.get(term.code.as_str()) {
            Some(shared) if shared.len() > 1 => format!("{}:{}", term.taxonomy, term.code),
            _ => term.code.clone(),
        })
        .collect()
}

/// A taxonomy term an attribute points at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Term {
    /// The taxonomy's key: `service_areas`, `access_condition`, …
    pub taxonomy: String,
    pub code: String,
    pub name: String,
}

impl Term {
    fn of_taxonomy(taxonomies: &Taxonomies, kind: Kind, code: &str) -> Term {
        Term {
            taxonomy: kind.key().to_string(),
            code: code.to_string(),
            name: taxonomies.label(kind, code, "en").to_string(),
        }
    }

    /// A term of one of haven's own fixed vocabularies.
    pub fn plain(taxonomy: &str, code: &str) -> Term {
        Term {
            taxonomy: taxonomy.to_string(),
            code: code.to_string(),
            name: capitalized(&code.replace('_', " ")),
        }
    }

    /// An access fact and its value: `law_enforcement_involvement:not_required`.
    pub fn access(fact: &str, value: &str) -> Term {
        Term {
            taxonomy: "access_condition".to_string(),
            code: format!("{fact}:{value}"),
            name: format!(
                "{}: {}",
                capitalized(&fact.replace('_', " ")),
                value.replace('_', " ")
            ),
        }
    }

    pub fn id(&self, cx: &Context<'_>) -> String {
        cx.id(&format!("term/{}/{}", self.taxonomy, self.code))
    }
}

/// An attribute of the object with id `link_id`. Nesting says what it is
/// attached to; the tables add `link_id` and `link_entity`.
fn attribute(
    cx: &Context<'_>,
    link_id: &str,
    link_type: &str,
    term: &Term,
    value: Option<String>,
) -> Map<String, Value> {
    let term_id = term.id(cx);
    object([
        (
            "id",
            Value::String(cx.id(&format!("attribute/{link_id}/{term_id}"))),
        ),
        ("link_type", Value::String(link_type.to_string())),
        ("taxonomy_term_id", Value::String(term_id)),
        ("value", json!(value)),
    ])
}

/// Every term the export's attributes can point at, in a stable order:
/// the hub's taxonomies and haven's own vocabularies.
pub fn all_terms(taxonomies: &Taxonomies) -> Vec<Term> {
    let mut terms = Vec::new();
    for kind in [
        Kind::ServiceAreas,
        Kind::Populations,
        Kind::PartnerTypes,
        Kind::FocusIssues,
    ] {
        for term in taxonomies.terms(kind) {
            terms.push(Term::of_taxonomy(taxonomies, kind, &term.code));
        }
    }
    for value in ["not_required", "required", "case_by_case", "unknown"] {
        terms.push(Term::access("law_enforcement_involvement", value));
    }
    for value in ["confidential", "limited", "standard", "unknown"] {
        terms.push(Term::access("confidentiality", value));
    }
    for fact in [
        "immigration_status_asked",
        "id_required",
        "referral_required",
        "walk_in",
        "anonymous_contact_ok",
    ] {
        for value in ["yes", "no"] {
            terms.push(Term::access(fact, value));
        }
    }
    for code in [
        "asl_interpreter",
        "video_relay",
        "tty",
        "captioning",
        "braille",
        "large_print",
        "plain_language",
    ] {
        terms.push(Term::plain("communication_access", code));
    }
    for code in ["free", "sliding_scale", "fee", "insurance"] {
        terms.push(Term::plain("cost", code));
    }
    terms
}

/// What each taxonomy of the export is, for `taxonomies.json`.
pub fn taxonomy_description(key: &str) -> &'static str {
    match key {
        "service_areas" => "The hub's nine service areas (and any it added): what kind of help a service gives.",
        "populations" => "Who a service is for.",
        "partner_types" => "What kind of organization a partner is.",
        "focus_issues" => "The forms of violence and exploitation a partner works on.",
        "access_condition" => "Conditions survivors ask about before they call: police involvement, confidentiality, documents, walk-ins. A fact with no value is not stated by the partner.",
        "communication_access" => "Ways the service communicates with Deaf, hard of hearing, blind and low-vision people.",
        "cost" => "What the service costs.",
        _ => "",
    }
}
