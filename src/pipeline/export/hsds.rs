//! One partner as Open Referral HSDS 3.0 objects (docs/record-format.md
//! has the mapping; the structs are in `crate::hsds::objects`): an
//! `organization` with its phones, locations, identifiers and attributes,
//! and its `service`s with theirs. Every id is a UUIDv5 from
//! the hub's namespace and the partner's own ids, so it never changes
//! between builds. Only `PublicPartner` is read: internal data cannot
//! reach the export.

use std::collections::{BTreeMap, BTreeSet};

use uuid::Uuid;

use crate::hsds::objects::{
    self, Accessibility, Address, Attribute, CostOption, Language, Organization,
    OrganizationIdentifier, Phone, RequiredDocument, Schedule, ServiceArea, ServiceAtLocation,
};
use crate::hsds::{CONFIDENTIAL, HOTLINE};
use crate::hub::config::{ConfidentialExport, HubConfig};
use crate::hub::hours;
use crate::hub::record::code_of;
use crate::hub::record::{
    Access, Cost, Hours, Location, LocationKind, PartnerKind, PhoneKind, Service, Status,
    Visibility, WeeklyHours,
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

fn text(value: Option<&str>) -> Option<String> {
    value.map(str::to_string)
}

/// The HSDS id of the partner with record id `id`.
pub fn organization_id(id: &str, cx: &Context<'_>) -> String {
    cx.id(&format!("organization/{id}"))
}

/// The organization with its services nested under `services` (the API's
/// `full_service` view), from which every other view is cut.
pub fn organization(partner: &PublicPartner, cx: &Context<'_>) -> Organization {
    let org_id = organization_id(&partner.id, cx);
    let description = match &partner.summary {
        Some(summary) => format!("{summary}\n\n{}", partner.description.trim_end()),
        None => partner.description.trim_end().to_string(),
    };
    let legal_status = match partner.kind {
        PartnerKind::Individual => Some("individual".to_string()),
        PartnerKind::Organization => partner.legal_status.as_ref().map(code_of),
    };
    let phones = partner
        .phones
        .iter()
        .map(|phone| {
            let id = cx.id(&format!("phone/{}/{}", partner.id, phone.phone.id));
            self::phone(phone, id, cx)
        })
        .collect();
    Organization {
        alternate_name: partner.alternate_names.join("; "),
        attributes: organization_attributes(partner, &org_id, cx),
        description,
        email: partner.email.clone(),
        legal_status,
        locations: partner
            .locations
            .iter()
            .filter_map(|location| self::location(partner, location, cx))
            .collect(),
        logo: partner.logo_url.clone(),
        name: partner.name.clone(),
        organization_identifiers: identifiers(partner, cx),
        phones,
        services: partner
            .services
            .iter()
            .map(|service| self::service(partner, service, &org_id, cx))
            .collect(),
        uri: cx.partner_url(&partner.id),
        website: partner.website.clone(),
        year_incorporated: partner.year_incorporated,
        id: org_id,
    }
}

/// The partner's types and focus issues.
fn organization_attributes(
    partner: &PublicPartner,
    org_id: &str,
    cx: &Context<'_>,
) -> Vec<Attribute> {
    let mut attributes = Vec::new();
    for (kind, link_type, codes) in [
        (Kind::PartnerTypes, "partner_type", &partner.partner_types),
        (Kind::FocusIssues, "focus_issue", &partner.focus_issues),
    ] {
        for code in codes {
            let term = Term::of_taxonomy(cx.taxonomies, kind, code);
            attributes.push(attribute(cx, org_id, link_type, &term, None));
        }
    }
    attributes
}

fn identifiers(partner: &PublicPartner, cx: &Context<'_>) -> Vec<OrganizationIdentifier> {
    partner
        .identifiers
        .iter()
        .map(|identifier| OrganizationIdentifier {
            id: cx.id(&format!(
                "organization_identifier/{}/{}/{}",
                partner.id, identifier.scheme, identifier.value
            )),
            identifier: identifier.value.clone(),
            identifier_scheme: identifier.scheme.clone(),
            identifier_type: identifier.scheme.clone(),
        })
        .collect()
}

/// Whether a location is exported, per hub.yaml.
pub fn exported(location: &Location, cx: &Context<'_>) -> bool {
    location.visibility != Some(Visibility::Confidential)
        || cx.confidential == ConfidentialExport::WithoutAddress
}

fn location(
    partner: &PublicPartner,
    location: &Location,
    cx: &Context<'_>,
) -> Option<objects::Location> {
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
    let addresses = match (&location.address, confidential) {
        (Some(address), false) => vec![Address {
            address_1: address.street.clone(),
            address_2: address.street2.clone(),
            address_type: location_type.to_string(),
            city: address.city.clone(),
            country: address.country.clone(),
            id: cx.id(&format!("address/{}/{}", partner.id, location.id)),
            postal_code: address.postal_code.clone(),
            state_province: address.state.clone(),
        }],
        _ => Vec::new(),
    };
    let geo = location.geo.filter(|_| !confidential);
    let schedules = location
        .hours
        .as_ref()
        .map(|hours| {
            let key = format!("schedule/{}/location/{}", partner.id, location.id);
            schedules(hours, &key, cx)
        })
        .unwrap_or_default();
    Some(objects::Location {
        accessibility: accessibility(partner, location, cx),
        addresses,
        description: location_description(location, confidential),
        latitude: geo.map(|g| g.lat),
        location_type: location_type.to_string(),
        longitude: geo.map(|g| g.lon),
        name: location.name.clone(),
        schedules,
        transportation: location.transit.clone(),
        url: location.url.clone(),
        id,
    })
}

/// A location's notes; a confidential one's say so first, with the
/// general area it is in.
fn location_description(location: &Location, confidential: bool) -> Option<String> {
    if !confidential {
        return location.notes.clone();
    }
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
}

/// A location's accessibility features, the first carrying its notes (a
/// location with notes and no features has one blank feature to hold
/// them).
fn accessibility(
    partner: &PublicPartner,
    location: &Location,
    cx: &Context<'_>,
) -> Vec<Accessibility> {
    let mut features: Vec<_> = location
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
    if features.is_empty() && location.accessibility_notes.is_some() {
        features.push((String::new(), String::new()));
    }
    features
        .into_iter()
        .enumerate()
        .map(|(index, (code, label))| Accessibility {
            description: label,
            details: location.accessibility_notes.clone().filter(|_| index == 0),
            id: cx.id(&format!(
                "accessibility/{}/{}/{code}",
                partner.id, location.id
            )),
        })
        .collect()
}

/// A phone with its languages.
fn phone(phone: &PublicPhone, id: String, cx: &Context<'_>) -> Phone {
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
    let languages = phone
        .languages
        .iter()
        .map(|tag| language(tag, cx.id(&format!("language/{id}/{tag}")), cx))
        .collect();
    Phone {
        description,
        extension: phone.extension.as_deref().and_then(|e| e.parse().ok()),
        languages,
        number: phone.number.clone(),
        kind: kind.to_string(),
        id,
    }
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

/// A language of a phone or a service.
fn language(tag: &str, id: String, cx: &Context<'_>) -> Language {
    let primary = tag.split('-').next().unwrap_or(tag);
    let name = cx.taxonomies.label(Kind::Languages, tag, "en");
    Language {
        code: primary.to_string(),
        id,
        name: name.to_string(),
        // Script and region subtags have no field of their own.
        note: Some(tag.to_string()).filter(|t| t.contains('-')),
    }
}

const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// Opening hours as HSDS schedules: one weekly row per distinct opening
/// range, with the days it applies on. A range past midnight becomes two
/// rows. HSDS's numeric UTC offset breaks at daylight saving, so times are
/// local and the description names the IANA zone.
fn schedules(hours: &Hours, key: &str, cx: &Context<'_>) -> Vec<Schedule> {
    let row = |index: usize| Schedule {
        id: cx.id(&format!("{key}/{index}")),
        ..Schedule::default()
    };
    let weekly = |index: usize, days: &str, opens: String, closes: String| Schedule {
        freq: Some("WEEKLY".to_string()),
        wkst: Some("MO".to_string()),
        byday: Some(days.to_string()),
        opens_at: Some(opens),
        closes_at: Some(closes),
        ..row(index)
    };
    match hours {
        Hours::Keyword(keyword) if keyword == "24/7" => vec![Schedule {
            description: Some("Open 24 hours a day, 7 days a week.".to_string()),
            ..weekly(0, &DAYS.join(","), "00:00".into(), "23:59".into())
        }],
        Hours::Keyword(keyword) => vec![Schedule {
            description: Some(format!("{}.", capitalized(&keyword.replace('_', " ")))),
            ..row(0)
        }],
        Hours::Weekly(week) => {
            let zone = week
                .timezone
                .as_deref()
                .or(cx.timezone)
                .map(|zone| format!("Local time ({zone})."));
            let mut rows: Vec<_> = weekly_ranges(week)
                .into_iter()
                .enumerate()
                .map(|(index, ((opens, closes), days))| Schedule {
                    description: zone.clone(),
                    notes: week.notes.clone(),
                    ..weekly(index, &days.join(","), clock(opens), clock(closes))
                })
                .collect();
            if rows.is_empty() {
                if let Some(notes) = &week.notes {
                    rows.push(Schedule {
                        notes: Some(notes.clone()),
                        ..row(0)
                    });
                }
            }
            rows
        }
    }
}

/// A week's opening ranges, (opens, closes) in minutes, each with the
/// days it applies on, in the order ranges first appear. A range past
/// midnight is split at it.
fn weekly_ranges(week: &WeeklyHours) -> Vec<((u16, u16), Vec<&'static str>)> {
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
    for (_, days) in &mut ranges {
        days.sort_by_key(|d| DAYS.iter().position(|x| x == d));
        days.dedup();
    }
    ranges
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
) -> objects::Service {
    let service = &public.service;
    let key = format!("{}/{}", partner.id, service.id);
    let id = cx.id(&format!("service/{key}"));
    let free = service.cost == Cost::Free;
    let phones = public
        .phone_refs
        .iter()
        .map(|phone| self::phone(phone, cx.id(&format!("phone/{key}/{}", phone.phone.id)), cx))
        .collect();
    let languages = service
        .languages
        .iter()
        .map(|tag| language(tag, cx.id(&format!("language/{key}/{tag}")), cx))
        .collect();
    let schedules = service
        .hours
        .as_ref()
        .map(|hours| schedules(hours, &format!("schedule/{key}"), cx))
        .unwrap_or_default();
    let eligibility = service.eligibility.as_ref();
    objects::Service {
        alert: service.alert.clone(),
        application_process: service.application_process.clone(),
        assured_date: partner.last_verified.clone(),
        assurer_email: text(cx.steward_email),
        attributes: service_attributes(service, &id, cx),
        cost_options: cost_options(free, &key, cx),
        description: service.description.trim_end().to_string(),
        eligibility_description: eligibility.and_then(|e| e.description.clone()),
        email: partner.email.clone(),
        fees_description: service
            .fees_description
            .clone()
            .or_else(|| free.then(|| "Free of charge.".to_string())),
        interpretation_services: interpretation(service),
        languages,
        maximum_age: eligibility.and_then(|e| e.max_age),
        minimum_age: eligibility.and_then(|e| e.min_age),
        name: service.name.clone(),
        organization_id: org_id.to_string(),
        phones,
        required_documents: required_documents(service, &key, cx),
        schedules,
        service_areas: service_areas(partner, &key, cx),
        service_at_locations: service_at_locations(partner, public, &key, cx),
        status: status(service.status.unwrap_or(partner.status)).to_string(),
        url: format!("{}#service-{}", cx.partner_url(&partner.id), service.id),
        id,
    }
}

/// A service's categories, populations, access facts, communication
/// access and cost, as attributes.
fn service_attributes(service: &Service, id: &str, cx: &Context<'_>) -> Vec<Attribute> {
    let mut attributes = Vec::new();
    let mut push = |link_type: &'static str, term: Term, value: Option<String>| {
        attributes.push(attribute(cx, id, link_type, &term, value));
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
    attributes
}

/// The service's interpretation, in words, when it offers any.
fn interpretation(service: &Service) -> Option<String> {
    let interpretation = service.interpretation.as_ref().filter(|i| i.available)?;
    let mut words = vec!["Interpretation available".to_string()];
    if !interpretation.modes.is_empty() {
        let modes: Vec<String> = interpretation
            .modes
            .iter()
            .map(|m| code_of(m).replace('_', " "))
            .collect();
        words.push(format!("({})", modes.join(", ")));
    }
    if !interpretation.languages.is_empty() {
        words.push(format!("in {}", interpretation.languages.join(", ")));
    }
    let mut text = words.join(" ") + ".";
    if let Some(note) = &interpretation.note {
        text.push(' ');
        text.push_str(note);
    }
    Some(text)
}

/// The exported locations a service is offered at.
fn service_at_locations(
    partner: &PublicPartner,
    public: &PublicService,
    key: &str,
    cx: &Context<'_>,
) -> Vec<ServiceAtLocation> {
    public
        .location_refs
        .iter()
        .filter(|location| exported(location, cx))
        .map(|location| ServiceAtLocation {
            id: cx.id(&format!("sal/{key}/{}", location.id)),
            location: None,
            location_id: cx.id(&format!("location/{}/{}", partner.id, location.id)),
        })
        .collect()
}

/// A free service's one cost option; haven states no other.
fn cost_options(free: bool, key: &str, cx: &Context<'_>) -> Vec<CostOption> {
    if !free {
        return Vec::new();
    }
    vec![CostOption {
        amount: 0,
        currency: "USD".to_string(),
        id: cx.id(&format!("cost_option/{key}")),
        option: "Free".to_string(),
    }]
}

fn required_documents(service: &Service, key: &str, cx: &Context<'_>) -> Vec<RequiredDocument> {
    service
        .required_documents
        .iter()
        .map(|document| RequiredDocument {
            document: document.clone(),
            id: cx.id(&format!("required_document/{key}/{document}")),
        })
        .collect()
}

/// The partner's coverage, on each of its services (HSDS has no
/// organization-level service area).
fn service_areas(partner: &PublicPartner, key: &str, cx: &Context<'_>) -> Vec<ServiceArea> {
    let scope = code_of(&partner.coverage.scope);
    let row = |index: usize, name: String, description: String| ServiceArea {
        description,
        id: cx.id(&format!("service_area/{key}/{index}")),
        name,
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
) -> Attribute {
    let term_id = term.id(cx);
    Attribute {
        id: cx.id(&format!("attribute/{link_id}/{term_id}")),
        link_type: link_type.to_string(),
        taxonomy_term_id: term_id,
        value,
    }
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
