//! Stage 2: semantic rules over the loaded hub (docs/rules.md lists
//! them). Every rule adds diagnostics; none stops the others, so one run
//! lists every problem in every file.

pub mod address;
pub mod branding;
pub mod history;
mod text;
mod translated;
pub mod translation;

use crate::diagnostics::rules::{self, Rule};
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::suggest::did_you_mean;
use crate::diagnostics::Diagnostic;
use crate::hub::config::{freshness, DataRepository, Freshness, HubConfig};
use crate::hub::date::Date;
use crate::hub::language;
use crate::hub::names::is_slug;
use crate::hub::postal::{is_zip, US_STATES};
use crate::hub::record::{Hours, LocationKind, Visibility};
use crate::hub::taxonomy::{Kind, Taxonomies};
use crate::pipeline::fast_map::FastMap;
use crate::pipeline::load::{Hub, LoadedPartner};
use crate::pipeline::memo::{Memo, Text};

pub fn validate(hub: &Hub, today: Date) -> Vec<Diagnostic> {
    validate_cached(hub, today, &mut CheckCache::one_shot())
}

/// Each record's own findings from an earlier run, by file, with the text
/// they were found in: `haven serve` keeps one, so an edit re-checks only
/// the records that changed. Valid while what the checks read from the
/// rest of the hub (settings, guide slugs, the date) is the same; the
/// caller forgets it when taxonomies or private overlays change.
#[derive(Default)]
pub struct CheckCache {
    records: Memo<PathBuf, Text, Arc<Vec<Diagnostic>>>,
    translations: translation::FindingsCache,
}

impl CheckCache {
    /// Remembers nothing: for a check that runs once.
    pub fn one_shot() -> Self {
        CheckCache {
            records: Memo::one_shot(),
            translations: Memo::one_shot(),
        }
    }

    /// Whether it remembers findings for the next run (`haven serve`).
    pub fn keeps(&self) -> bool {
        self.records.keeps()
    }

    /// Forgets every finding.
    pub fn clear(&mut self) {
        self.records.clear();
        self.translations.clear();
    }
}

pub fn validate_cached(hub: &Hub, today: Date, cache: &mut CheckCache) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    check_config(&hub.config, &hub.config_file, &mut diagnostics);
    branding::check(hub, &mut diagnostics);
    let guide_slugs: BTreeSet<&str> = hub
        .guides
        .iter()
        .map(|g| g.slug.as_str())
        .chain(hub.unreadable_guides.iter().map(String::as_str))
        .collect();
    let mut seen_ids: BTreeMap<&str, &Path> = BTreeMap::new();
    for partner in &hub.partners {
        let id = partner.record.id.as_str();
        if let Some(first) = seen_ids.insert(id, &partner.file.path) {
            diagnostics.push(
                PartnerCheck::new(partner)
                    .diagnostic(
                        rules::DUPLICATE_ID,
                        "id",
                        format!("id \"{id}\" is already used by {}", first.display()),
                    )
                    .help("give each partner its own id"),
            );
        }
    }
    let context = {
        let mut hasher = std::hash::DefaultHasher::new();
        // Static files: a record's logo must be one of them.
        let static_files: Vec<&str> = hub
            .static_files
            .iter()
            .map(|file| file.output_path.as_str())
            .collect();
        (&hub.config_file.text, &guide_slugs, today, static_files).hash(&mut hasher);
        hasher.finish()
    };
    cache.records.start(context);
    // Each record's own checks are independent of the others': in parallel.
    let per_partner = cache.records.map(
        &hub.partners,
        |partner| partner.file.path.clone(),
        |partner| Text(partner.file.text.clone()),
        |partner| {
            let mut found = Vec::new();
            PartnerCheck::new(partner).run(hub, &guide_slugs, today, &mut found);
            Arc::new(found)
        },
    );
    diagnostics.extend(per_partner.iter().flat_map(|found| found.iter().cloned()));
    duplicate_partners(hub, &mut diagnostics);
    diagnostics.extend(translation::check(hub, context, &mut cache.translations));
    confidential_streets_in_text(hub, &mut diagnostics);
    let partner_ids: BTreeSet<&str> = hub
        .partners
        .iter()
        .map(|p| p.record.id.as_str())
        .chain(hub.unreadable_partners.iter().map(String::as_str))
        .collect();
    orphan_overlays(hub, &partner_ids, &mut diagnostics);
    guide_front_matter(hub, &partner_ids, &mut diagnostics);
    diagnostics
}

/// Rule E024: a private overlay names a partner that does not exist.
fn orphan_overlays(hub: &Hub, partner_ids: &BTreeSet<&str>, diagnostics: &mut Vec<Diagnostic>) {
    for overlay in &hub.overlays {
        if !partner_ids.contains(overlay.id.as_str()) {
            diagnostics.push(
                Diagnostic::new(
                    rules::PRIVATE_WITHOUT_PARTNER,
                    &overlay.path,
                    format!(
                        "no partner with id \"{}\" for this private overlay",
                        overlay.id
                    ),
                )
                .help("name the file after an existing partner: private/<id>.yaml"),
            );
        }
    }
}

/// The front matter of each guide: a title, partners and service areas
/// that exist, a real date.
fn guide_front_matter(hub: &Hub, partner_ids: &BTreeSet<&str>, diagnostics: &mut Vec<Diagnostic>) {
    for guide in &hub.guides {
        let front = &guide.front_matter;
        if front.title.trim().is_empty() {
            diagnostics.push(
                Diagnostic::new(
                    rules::MISSING_FIELD,
                    &guide.file.path,
                    "guide title is empty",
                )
                .at(Some(crate::diagnostics::Position { line: 2, column: 1 }))
                .field("title")
                .help("give the guide a title: title: How to make a referral"),
            );
        }
        for (index, partner) in front.related_partners.iter().enumerate() {
            if !partner_ids.contains(partner.as_str()) {
                diagnostics.push(
                    Diagnostic::new(
                        rules::UNKNOWN_GUIDE_OR_PARTNER,
                        &guide.file.path,
                        format!("no partner with id \"{partner}\""),
                    )
                    .field(format!("related_partners[{index}]"))
                    .help(did_you_mean(
                        partner,
                        partner_ids.iter().copied(),
                        "use an id from partners/",
                    )),
                );
            }
        }
        for (index, category) in front.related_categories.iter().enumerate() {
            check_code(
                &hub.taxonomies,
                Kind::ServiceAreas,
                category,
                &mut |message, help| {
                    diagnostics.push(
                        Diagnostic::new(rules::UNKNOWN_CODE, &guide.file.path, message)
                            .field(format!("related_categories[{index}]"))
                            .help(help),
                    );
                },
            );
        }
        if let Some(updated) = &front.updated {
            if Date::parse(updated).is_none() {
                diagnostics.push(
                    Diagnostic::new(
                        rules::BAD_DATE,
                        &guide.file.path,
                        format!("\"{updated}\" is not a date"),
                    )
                    .field("updated")
                    .help(date_help("updated", updated)),
                );
            }
        }
    }
}

/// W160: two files that look like the same partner (same phone number or
/// website host), which usually means a copy that should be merged.
fn duplicate_partners(hub: &Hub, out: &mut Vec<Diagnostic>) {
    // Key → the first partner with it and the field: positions and field
    // names are worked out only for duplicates.
    let mut seen: FastMap<DuplicateKey, (&LoadedPartner, KeyField)> = FastMap::default();
    let mut keys: Vec<(DuplicateKey, KeyField)> = Vec::new();
    for partner in &hub.partners {
        let record = &partner.record;
        keys.clear();
        for (index, entry) in record.phones.iter().enumerate() {
            if let Some(digits) = comparable_digits(&entry.number) {
                keys.push((DuplicateKey::Phone(digits), KeyField::Phone(index)));
            }
        }
        if let Some(website) = &record.website {
            let host = website
                .split("://")
                .nth(1)
                .unwrap_or(website)
                .split('/')
                .next()
                .unwrap_or("");
            let host = host.trim_start_matches("www.").to_ascii_lowercase();
            if !host.is_empty() {
                keys.push((DuplicateKey::Website(host), KeyField::Website));
            }
        }
        keys.dedup_by(|a, b| a.0 == b.0);
        for (key, field) in keys.drain(..) {
            match seen.get(&key) {
                Some((first, first_field)) if first.file.path != partner.file.path => {
                    let line = first
                        .locator
                        .find(&first_field.to_string())
                        .map_or(0, |p| p.line);
                    let field = field.to_string();
                    out.push(
                        Diagnostic::new(
                            rules::POSSIBLE_DUPLICATE,
                            &partner.file.path,
                            format!(
                                "possible duplicate partner: {key} also appears in {}:{line}",
                                first.file.path.display()
                            ),
                        )
                        .at(partner.locator.find(&field))
                        .field(field)
                        .help("if both files describe the same organisation, merge them into one"),
                    )
                }
                Some(_) => {}
                None => {
                    seen.insert(key, (partner, field));
                }
            }
        }
    }
}

/// The digits two records' numbers are compared by, for numbers of ten
/// digits or more: "+1 505-555-0142" and "(505) 555-0142" are one number,
/// the North American country code left out.
fn comparable_digits(number: &str) -> Option<String> {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let national = match digits.strip_prefix('1') {
        Some(rest) if digits.len() == 11 => rest.to_string(),
        _ => digits,
    };
    (national.len() >= 10).then_some(national)
}

/// What two records describing one organisation share: a phone number's
/// digits, or a website's host.
#[derive(PartialEq, Eq, Hash)]
enum DuplicateKey {
    Phone(String),
    Website(String),
}

impl std::fmt::Display for DuplicateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DuplicateKey::Phone(digits) => write!(f, "phone {digits}"),
            DuplicateKey::Website(host) => write!(f, "website {host}"),
        }
    }
}

/// The field a [`DuplicateKey`] was found in.
#[derive(Clone, Copy)]
enum KeyField {
    Phone(usize),
    Website,
}

impl std::fmt::Display for KeyField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyField::Phone(index) => write!(f, "phones[{index}].number"),
            KeyField::Website => f.write_str("website"),
        }
    }
}

/// E070's help: the date to write, when `written` reads as one.
fn date_help(field: &str, written: &str) -> String {
    use crate::hub::date::DateRead;
    match DateRead::of(written) {
        Some(DateRead::Exact(date)) => format!("write it as year-month-day: {field}: {date}"),
        Some(DateRead::Guessed(date)) => {
            let day_first = Date {
                month: date.day,
                day: date.month,
                ..date
            };
            format!("write it as year-month-day: {field}: {date} if the month came first, as in the United States, or {field}: {day_first} if the day did")
        }
        None => "use YYYY-MM-DD, e.g. 2025-01-15".to_string(),
    }
}

/// A US address in a state or district, all of them north of the equator
/// and west of Greenwich (the Pacific territories are not: Guam lies east).
fn in_western_north(address: &crate::hub::record::Address) -> bool {
    address.country.eq_ignore_ascii_case("US")
        && !["GU", "MP", "AS", "UM"].contains(&address.state.to_uppercase().as_str())
}

/// The prose fields of a record that are published, with their paths.
fn public_texts(record: &crate::hub::record::PartnerRecord) -> Vec<(String, &str)> {
    let mut texts: Vec<(String, &str)> = vec![("description".into(), record.description.as_str())];
    texts.extend(
        record
            .summary
            .as_deref()
            .map(|t| ("summary".to_string(), t)),
    );
    for (index, service) in record.services.iter().enumerate() {
        texts.push((
            format!("services[{index}].description"),
            &service.description,
        ));
        texts.extend(
            service
                .application_process
                .as_deref()
                .map(|t| (format!("services[{index}].application_process"), t)),
        );
        texts.extend(
            service
                .alert
                .as_deref()
                .map(|t| (format!("services[{index}].alert"), t)),
        );
        texts.extend(
            service
                .eligibility
                .as_ref()
                .and_then(|e| e.description.as_deref())
                .map(|t| (format!("services[{index}].eligibility.description"), t)),
        );
    }
    for (index, location) in record.locations.iter().enumerate() {
        texts.extend(
            location
                .notes
                .as_deref()
                .map(|t| (format!("locations[{index}].notes"), t)),
        );
        texts.extend(
            location
                .transit
                .as_deref()
                .map(|t| (format!("locations[{index}].transit"), t)),
        );
        texts.extend(
            location
                .name
                .as_deref()
                .map(|t| (format!("locations[{index}].name"), t)),
        );
    }
    for (language, translation) in &record.translations {
        let mut translated: Vec<(String, &Option<String>)> = vec![
            ("summary".into(), &translation.summary),
            ("description".into(), &translation.description),
        ];
        for (id, service) in &translation.services {
            translated.extend([
                (format!("services.{id}.description"), &service.description),
                (
                    format!("services.{id}.application_process"),
                    &service.application_process,
                ),
                (format!("services.{id}.alert"), &service.alert),
                (format!("services.{id}.eligibility"), &service.eligibility),
            ]);
        }
        for (id, location) in &translation.locations {
            translated.extend([
                (format!("locations.{id}.notes"), &location.notes),
                (format!("locations.{id}.transit"), &location.transit),
                (format!("locations.{id}.name"), &location.name),
            ]);
        }
        texts.extend(translated.into_iter().filter_map(|(field, text)| {
            text.as_deref()
                .map(|text| (format!("translations.{language}.{field}"), text))
        }));
    }
    texts
}

/// P011: the street of a confidential location named in any public text of
/// any record (the address itself is already P010).
fn confidential_streets_in_text(hub: &Hub, out: &mut Vec<Diagnostic>) {
    let streets: Vec<(String, &str)> = hub
        .partners
        .iter()
        .flat_map(|p| &p.record.locations)
        .filter(|l| l.visibility == Some(Visibility::Confidential))
        .filter_map(|l| l.address.as_ref())
        .map(|a| a.street.trim())
        .filter(|street| street.len() >= 6)
        .map(|street| (street.to_lowercase(), street))
        .collect();
    if streets.is_empty() {
        return;
    }
    let finder = Substrings::of(streets.iter().map(|(needle, _)| needle.as_str()));
    for partner in &hub.partners {
        for (field, text) in public_texts(&partner.record) {
            for index in finder.found_in(&text.to_lowercase()) {
                let street = streets[index].1;
                out.push(
                    Diagnostic::new(rules::CONFIDENTIAL_STREET_IN_TEXT, &partner.file.path, format!("mentions \"{street}\", which belongs to a confidential location"))
                        .at(partner.locator.find(&field))
                        .field(field.clone())
                        .help("remove the street from this text; confidential places are described by city or area only"),
                );
            }
        }
    }
}

/// Finds which of many needles occur in a text, in one pass over the
/// text: each needle is looked up by its first four bytes, so a hub's
/// thousands of confidential streets cost one hash look-up per byte of
/// text, not one search each.
struct Substrings<'n> {
    needles: Vec<&'n str>,
    by_prefix: FastMap<[u8; 4], Vec<usize>>,
    /// Needles shorter than four bytes, searched for one by one.
    short: Vec<usize>,
}

impl<'n> Substrings<'n> {
    fn of(needles: impl Iterator<Item = &'n str>) -> Self {
        let needles: Vec<&str> = needles.collect();
        let mut by_prefix: FastMap<[u8; 4], Vec<usize>> = FastMap::default();
        let mut short = Vec::new();
        for (index, needle) in needles.iter().enumerate() {
            match needle.as_bytes().first_chunk::<4>() {
                Some(prefix) => by_prefix.entry(*prefix).or_default().push(index),
                None => short.push(index),
            }
        }
        Substrings {
            needles,
            by_prefix,
            short,
        }
    }

    /// The indices of the needles `text` contains, in order.
    fn found_in(&self, text: &str) -> Vec<usize> {
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        for (start, window) in bytes.windows(4).enumerate() {
            let prefix: [u8; 4] = [window[0], window[1], window[2], window[3]];
            for &index in self.by_prefix.get(&prefix).into_iter().flatten() {
                if bytes[start..].starts_with(self.needles[index].as_bytes()) {
                    found.push(index);
                }
            }
        }
        found.extend(
            self.short
                .iter()
                .filter(|index| text.contains(self.needles[**index])),
        );
        found.sort_unstable();
        found.dedup();
        found
    }
}

fn check_config(
    config: &HubConfig,
    file: &crate::pipeline::load::SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let locator = crate::hub::yaml::Locator::new(file.text.clone(), 0);
    let path = file.path.as_path();
    let error = |code: Rule, field: String, message: String| {
        Diagnostic::new(code, path, message)
            .at(locator.find(&field))
            .field(field)
    };
    let addresses = [
        (
            "base_url",
            Some(&config.base_url),
            address::Schemes::HttpOrHttps,
        ),
        (
            "quick_exit.url",
            Some(&config.quick_exit.url),
            address::Schemes::HttpsOnly,
        ),
        (
            "contact_form_url",
            config.contact_form_url.as_ref(),
            address::Schemes::HttpsOnly,
        ),
        (
            "edit_url_template",
            config.edit_url_template.as_ref(),
            address::Schemes::HttpsOnly,
        ),
        (
            "data_license.url",
            config.data_license.as_ref().and_then(|l| l.url.as_ref()),
            address::Schemes::HttpsOnly,
        ),
    ];
    for (field, url, schemes) in addresses {
        let Some(url) = url else { continue };
        let Some(problem) = address::setting_problem(url, schemes) else {
            continue;
        };
        let code = match field {
            "quick_exit.url" => rules::BAD_EXIT_URL,
            "base_url" => rules::BAD_BASE_URL,
            _ => rules::BAD_SETTING_ADDRESS,
        };
        let general = match field {
            "quick_exit.url" => "use a neutral, fast page such as https://www.bbc.co.uk/weather",
            "base_url" => {
                "write the address the site will be published at, e.g. https://hub.example.org/"
            }
            _ => "write a plain https:// address, e.g. https://forms.example.org/corrections",
        };
        // "tri-county-dv.org": the address as a browser's bar shows it.
        let with_scheme = format!("https://{}", url.trim());
        let with_scheme = match field {
            "base_url" if !with_scheme.ends_with('/') => format!("{with_scheme}/"),
            _ => with_scheme,
        };
        let help = if !url.contains("://")
            && address::setting_problem(&with_scheme, schemes).is_none()
        {
            format!("write {field}: {with_scheme} (the address starts with https://); or {general}")
        } else {
            general.to_string()
        };
        diagnostics.push(
            error(
                code,
                field.into(),
                format!("{field} cannot be used: {problem}"),
            )
            .help(help),
        );
    }
    if config.staleness.hide_after_days < config.staleness.warn_after_days {
        diagnostics.push(
            error(rules::STALENESS_ORDER, "staleness".into(), "hide_after_days is lower than warn_after_days".into())
                .help("records are first warned about, then hidden: e.g. warn_after_days: 180, hide_after_days: 365"),
        );
    }
    if let Some(namespace) = config
        .hsds
        .as_ref()
        .and_then(|h| h.uuid_namespace.as_deref())
    {
        if uuid::Uuid::parse_str(namespace).is_err() {
            diagnostics.push(
                error(rules::BAD_UUID_NAMESPACE, "hsds.uuid_namespace".into(), format!("\"{namespace}\" is not a UUID"))
                    .help("write a UUID such as 3d0f2c1a-7b5e-4c1d-9f3a-2b6e8d4c1a90, made once with `uuidgen` and never changed: the ids of the open data are derived from it"),
            );
        }
    }
    for (index, line) in config.crisis_lines.iter().enumerate() {
        if let Err((code, message, help)) =
            crate::hub::dial::parse(&line.number, None, line.kind, &config.default_country)
        {
            diagnostics
                .push(error(code, format!("crisis_lines[{index}].number"), message).help(help));
        }
    }
    for (index, tag) in std::iter::once(&config.default_language)
        .chain(&config.languages)
        .enumerate()
    {
        if let Err((code, message, help)) = language::check(tag) {
            let field = if index == 0 {
                "default_language".to_string()
            } else {
                format!("languages[{}]", index - 1)
            };
            diagnostics.push(error(code, field, message).help(help));
        }
    }
}

/// The rules of one partner file, with its locator for positions.
struct PartnerCheck<'a> {
    partner: &'a LoadedPartner,
}

impl<'a> PartnerCheck<'a> {
    fn new(partner: &'a LoadedPartner) -> Self {
        PartnerCheck { partner }
    }

    /// A diagnostic of `rule` at `field` of this partner's file.
    fn diagnostic(
        &self,
        rule: Rule,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let field = field.into();
        Diagnostic::new(rule, &self.partner.file.path, message)
            .at(self.partner.locator.find(&field))
            .field(field)
    }

    fn run(&self, hub: &Hub, guide_slugs: &BTreeSet<&str>, today: Date, out: &mut Vec<Diagnostic>) {
        let record = &self.partner.record;
        self.identity(out);
        self.verification(hub, today, out);
        self.classification(&hub.taxonomies, out);
        self.reachability(hub, out);
        self.urls(out);
        self.logo(hub, out);
        self.contacts(hub, out);
        self.languages(out);
        self.free_text(out);
        self.places(out);
        self.access_facts(out);
        self.consent_and_private_contacts(hub, out);
        self.ids_are_unique(out);
        self.phones_and_locations(&hub.taxonomies, out);
        self.services(&hub.taxonomies, out);
        self.markdown(&record.description, "description", out);
        self.translations(out);
        self.guides(guide_slugs, out);
    }

    /// E002, E020, E021 and W022: the record's version, its id, and
    /// points left to review.
    fn identity(&self, out: &mut Vec<Diagnostic>) {
        let record = &self.partner.record;
        if record.schema_version != 1 {
            out.push(
                self.diagnostic(
                    rules::SCHEMA_VERSION,
                    "schema_version",
                    format!(
                        "schema_version {} is not supported (this haven reads 1)",
                        record.schema_version
                    ),
                )
                .help("set schema_version: 1, or update haven"),
            );
        }
        if !is_slug(&record.id) {
            let suggestion = if is_slug(&self.partner.stem) {
                self.partner.stem.clone()
            } else {
                crate::hub::names::slugify_name(&record.id)
            };
            out.push(
                self.diagnostic(rules::INVALID_ID, "id", format!("\"{}\" is not a valid id", record.id)).help(format!(
                    "use lowercase letters, digits and single hyphens, at most 64 characters, e.g. \"{suggestion}\""
                )),
            );
        } else if record.id != self.partner.stem {
            out.push(
                self.diagnostic(rules::ID_NOT_FILE_NAME, "id", format!("id \"{}\" does not match the file name \"{}.yaml\"", record.id, self.partner.stem))
                    .help(format!("rename the file to \"{}.yaml\" or change the id (ids are permanent: changing one breaks links)", record.id)),
            );
        }

        if record.published && !record.review.is_empty() {
            out.push(
                self.diagnostic(
                    rules::REVIEW_LEFT,
                    "review",
                    format!("the record is published with {} point(s) still to review", record.review.len()),
                )
                .help("check each point with the partner and delete it, or publish with `haven publish`, which clears the list"),
            );
        }
    }

    /// E070, E071, W072 and W073: when the record was last verified.
    fn verification(&self, hub: &Hub, today: Date, out: &mut Vec<Diagnostic>) {
        let record = &self.partner.record;
        match Date::parse(&record.last_verified) {
            None => out.push(
                self.diagnostic(
                    rules::BAD_DATE,
                    "last_verified",
                    format!("\"{}\" is not a date", record.last_verified),
                )
                .help(date_help("last_verified", &record.last_verified)),
            ),
            Some(verified) if verified > today => out.push(
                self.diagnostic(
                    rules::VERIFIED_IN_FUTURE,
                    "last_verified",
                    format!("{verified} is in the future"),
                )
                .help("set the date the record was actually confirmed with the partner"),
            ),
            Some(verified) => {
                let age = verified.days_until(today);
                let staleness = hub.config.staleness;
                let help = "call or email the partner, confirm every field, then set last_verified to today's date";
                match freshness(&record.last_verified, today, &hub.config) {
                    Freshness::Stale if record.published => out.push(
                        self.diagnostic(rules::HIDDEN_AS_STALE, "last_verified", format!("record was last verified {age} days ago (limit {}); it is hidden from the site", staleness.hide_after_days))
                            .help(help),
                    ),
                    Freshness::Aging if record.published => out.push(
                        self.diagnostic(rules::AGING, "last_verified", format!("record was last verified {age} days ago (more than {}); the site shows it as possibly out of date", staleness.warn_after_days))
                            .help(help),
                    ),
                    _ => {}
                }
            }
        }
    }

    /// What kind of partner this is: its types, name and focus issues.
    fn classification(&self, taxonomies: &Taxonomies, out: &mut Vec<Diagnostic>) {
        let record = &self.partner.record;
        for (index, code) in record.partner_types.iter().enumerate() {
            self.code(
                taxonomies,
                Kind::PartnerTypes,
                code,
                format!("partner_types[{index}]"),
                out,
            );
        }
        if record.name.trim().is_empty() {
            out.push(self.diagnostic(rules::MISSING_FIELD, "name", "name is empty").help(
                "write the organization's name as people know it, e.g. name: Riverbend Legal Aid",
            ));
        }
        if record.partner_types.is_empty() {
            out.push(
                self.diagnostic(
                    rules::MISSING_FIELD,
                    "partner_types",
                    "at least one partner type is required",
                )
                .help("e.g. partner_types: [legal_provider]"),
            );
        }
        for (index, code) in record.focus_issues.iter().enumerate() {
            self.code(
                taxonomies,
                Kind::FocusIssues,
                code,
                format!("focus_issues[{index}]"),
                out,
            );
        }
        let needs_focus = record
            .partner_types
            .iter()
            .any(|t| t == "parallel_advocacy" || t == "coalition_task_force");
        if needs_focus && record.focus_issues.is_empty() {
            out.push(
                self.diagnostic(
                    rules::FOCUS_ISSUES_MISSING,
                    "partner_types",
                    "focus_issues is required for an advocacy program or a coalition",
                )
                .help("add e.g. focus_issues: [intimate_partner_violence]"),
            );
        }
    }

    /// P001 and E120: no internal data in a public repository, and one
    /// public way to reach the partner.
    fn reachability(&self, hub: &Hub, out: &mut Vec<Diagnostic>) {
        let record = &self.partner.record;
        if record.internal.is_some() && hub.config.data_repository == DataRepository::Public {
            out.push(
                self.diagnostic(rules::INTERNAL_IN_PUBLIC_REPOSITORY, "internal", "this data repository is public, so internal: would be published through git")
                    .help(format!("move this block to private/{}.yaml in the private data repository and ask a maintainer to purge it from history", record.id)),
            );
        }

        if record.phones.is_empty() && record.website.is_none() && record.email.is_none() {
            out.push(
                self.diagnostic(
                    rules::NO_PUBLIC_CONTACT,
                    "name",
                    "record has no phone, website or email",
                )
                .help("survivors need a way to reach the partner; add one public contact"),
            );
        }
    }

    /// E022: ids of phones, locations and services are unique in the file.
    fn ids_are_unique(&self, out: &mut Vec<Diagnostic>) {
        let record = &self.partner.record;
        self.unique_ids("phones", record.phones.iter().map(|p| p.id.as_str()), out);
        self.unique_ids(
            "locations",
            record.locations.iter().map(|l| l.id.as_str()),
            out,
        );
        self.unique_ids(
            "services",
            record.services.iter().map(|s| s.id.as_str()),
            out,
        );
    }

    /// Hours of phones; what each location may publish, its codes and
    /// hours.
    fn phones_and_locations(&self, taxonomies: &Taxonomies, out: &mut Vec<Diagnostic>) {
        let record = &self.partner.record;
        for (index, phone) in record.phones.iter().enumerate() {
            if let Some(hours) = &phone.hours {
                self.hours(hours, &format!("phones[{index}].hours"), out);
            }
        }
        for (index, location) in record.locations.iter().enumerate() {
            let field = format!("locations[{index}]");
            let confidential = location.visibility == Some(Visibility::Confidential);
            if confidential && location.address.is_some() {
                out.push(
                    self.diagnostic(rules::CONFIDENTIAL_ADDRESS, format!("{field}.address"), "location is marked visibility: confidential but has an address")
                        .help("delete the address from this file (git history keeps it: ask a maintainer to purge it); keep only general_area: {city, state}"),
                );
            }
            if confidential && location.geo.is_some() {
                out.push(
                    self.diagnostic(
                        rules::CONFIDENTIAL_ADDRESS,
                        format!("{field}.geo"),
                        "location is marked visibility: confidential but has coordinates",
                    )
                    .help("delete geo from this file; keep only general_area: {city, state}"),
                );
            }
            if location.kind == LocationKind::Physical && location.visibility.is_none() {
                out.push(
                    self.diagnostic(rules::MISSING_FIELD, format!("{field}.visibility"), "a physical location must say whether its address may be published")
                        .help("add visibility: public, or visibility: confidential for a shelter or safe house"),
                );
            }
            if location.kind == LocationKind::Physical
                && location.visibility == Some(Visibility::Public)
                && location.address.is_none()
            {
                out.push(
                    self.diagnostic(rules::LOCATION_WITHOUT_ADDRESS, field.clone(), "a public physical location needs an address")
                        .help("add address: {street, city, state, postal_code, country}, or set visibility: confidential"),
                );
            }
            if let Some(street) = location
                .address
                .as_ref()
                .map(|address| address.street.as_str())
                .filter(|street| {
                    location.kind == LocationKind::Physical && crate::hub::postal::is_po_box(street)
                })
            {
                out.push(
                    self.diagnostic(
                        rules::PO_BOX_AS_PLACE,
                        format!("{field}.address.street"),
                        format!("\"{street}\" is a post office box, but the location is a place people can visit (type: physical)"),
                    )
                    .help("set type: mailing if this is where mail goes (the page then says it is not a place to visit), or write the street address of the place people go to"),
                );
            }
            if location.kind == LocationKind::Virtual && location.url.is_none() {
                out.push(
                    self.diagnostic(
                        rules::LOCATION_WITHOUT_ADDRESS,
                        field.clone(),
                        "a virtual location needs a url",
                    )
                    .help("add url: https://…"),
                );
            }
            for (a, code) in location.accessibility.iter().enumerate() {
                self.code(
                    taxonomies,
                    Kind::Accessibility,
                    code,
                    format!("{field}.accessibility[{a}]"),
                    out,
                );
            }
            if let Some(hours) = &location.hours {
                self.hours(hours, &format!("{field}.hours"), out);
            }
        }
    }

    /// At least one service, and each one's checks.
    fn services(&self, taxonomies: &Taxonomies, out: &mut Vec<Diagnostic>) {
        let record = &self.partner.record;
        if record.services.is_empty() {
            out.push(
                self.diagnostic(
                    rules::MISSING_FIELD,
                    "services",
                    "at least one service is required",
                )
                .help("describe what the partner offers under services:"),
            );
        }
        for (index, service) in record.services.iter().enumerate() {
            self.service(taxonomies, &format!("services[{index}]"), service, out);
        }
    }

    /// One service at `field` (`services[2]`): its names, codes,
    /// references, costs, ages, hours and Markdown.
    fn service(
        &self,
        taxonomies: &Taxonomies,
        field: &str,
        service: &crate::hub::record::Service,
        out: &mut Vec<Diagnostic>,
    ) {
        if service.name.trim().is_empty() {
            out.push(
                self.diagnostic(
                    rules::MISSING_FIELD,
                    format!("{field}.name"),
                    "service name is empty",
                )
                .help("name what the partner offers, e.g. name: Protective order help"),
            );
        }
        if service.categories.is_empty() {
            out.push(
                self.diagnostic(
                    rules::MISSING_FIELD,
                    format!("{field}.categories"),
                    "at least one service area is required",
                )
                .help(format!(
                    "e.g. categories: [legal_services]; the service areas are: {}",
                    taxonomies.codes(Kind::ServiceAreas).join(", ")
                )),
            );
        }
        for (c, code) in service.categories.iter().enumerate() {
            self.code(
                taxonomies,
                Kind::ServiceAreas,
                code,
                format!("{field}.categories[{c}]"),
                out,
            );
        }
        for (p, code) in service.populations.iter().enumerate() {
            self.code(
                taxonomies,
                Kind::Populations,
                code,
                format!("{field}.populations[{p}]"),
                out,
            );
        }
        self.service_references(field, service, out);
        if service.cost != crate::hub::record::Cost::Free && service.fees_description.is_none() {
            out.push(
                self.diagnostic(
                    rules::FEES_MISSING,
                    format!("{field}.fees_description"),
                    "required when the service is not free",
                )
                .help("say what it costs and whether fees can be waived"),
            );
        }
        if service.access.confidentiality == crate::hub::record::Confidentiality::Limited
            && service.access.confidentiality_note.is_none()
        {
            out.push(
                self.diagnostic(
                    rules::CONFIDENTIALITY_NOTE_MISSING,
                    format!("{field}.access.confidentiality_note"),
                    "required when confidentiality is limited",
                )
                .help("explain the limits, e.g. \"staff are mandated reporters of child abuse\""),
            );
        }
        if let Some(eligibility) = &service.eligibility {
            if let (Some(min), Some(max)) = (eligibility.min_age, eligibility.max_age) {
                if min > max {
                    out.push(
                        self.diagnostic(
                            rules::AGES_REVERSED,
                            format!("{field}.eligibility.max_age"),
                            "max_age is lower than min_age",
                        )
                        .help("swap the values or remove one"),
                    );
                }
            }
        }
        if let Some(hours) = &service.hours {
            self.hours(hours, &format!("{field}.hours"), out);
        }
        self.markdown(&service.description, &format!("{field}.description"), out);
    }

    /// E100, E101 and W102: what a service refers to is in the file, once.
    fn service_references(
        &self,
        field: &str,
        service: &crate::hub::record::Service,
        out: &mut Vec<Diagnostic>,
    ) {
        let record = &self.partner.record;
        let phone_ids: Vec<&str> = record.phones.iter().map(|p| p.id.as_str()).collect();
        let location_ids: Vec<&str> = record.locations.iter().map(|l| l.id.as_str()).collect();
        for (r, reference) in service.phones.iter().enumerate() {
            if !phone_ids.contains(&reference.as_str()) {
                out.push(
                    self.diagnostic(
                        rules::UNKNOWN_PHONE_REFERENCE,
                        format!("{field}.phones[{r}]"),
                        format!("no phone with id \"{reference}\" in this file"),
                    )
                    .help(did_you_mean(
                        reference,
                        phone_ids.iter().copied(),
                        "use the id of one of the phones: above",
                    )),
                );
            }
        }
        self.repeated_references(field, "phones", &service.phones, out);
        self.repeated_references(field, "locations", &service.locations, out);
        for (r, reference) in service.locations.iter().enumerate() {
            if !location_ids.contains(&reference.as_str()) {
                out.push(
                    self.diagnostic(
                        rules::UNKNOWN_LOCATION_REFERENCE,
                        format!("{field}.locations[{r}]"),
                        format!("no location with id \"{reference}\" in this file"),
                    )
                    .help(did_you_mean(
                        reference,
                        location_ids.iter().copied(),
                        "use the id of one of the locations: above",
                    )),
                );
            }
        }
    }

    /// E102: the guides a record names exist.
    fn guides(&self, guide_slugs: &BTreeSet<&str>, out: &mut Vec<Diagnostic>) {
        let record = &self.partner.record;
        for (index, slug) in record.guides.iter().enumerate() {
            if !guide_slugs.contains(slug.as_str()) {
                out.push(
                    self.diagnostic(
                        rules::UNKNOWN_GUIDE_OR_PARTNER,
                        format!("guides[{index}]"),
                        format!("no guide \"{slug}\" in guides/"),
                    )
                    .help(did_you_mean(
                        slug,
                        guide_slugs.iter().copied(),
                        "use the file name of a guide, without .md",
                    )),
                );
            }
        }
    }

    fn code(
        &self,
        taxonomies: &Taxonomies,
        kind: Kind,
        code: &str,
        field: String,
        out: &mut Vec<Diagnostic>,
    ) {
        check_code(taxonomies, kind, code, &mut |message, help| {
            out.push(
                self.diagnostic(rules::UNKNOWN_CODE, field.clone(), message)
                    .help(help),
            );
        });
    }

    /// W102: a service that names the same phone or location twice shows
    /// and exports it once.
    fn repeated_references(
        &self,
        service_field: &str,
        list: &str,
        references: &[String],
        out: &mut Vec<Diagnostic>,
    ) {
        for (index, reference) in references.iter().enumerate() {
            if references[..index].contains(reference) {
                out.push(
                    self.diagnostic(
                        rules::REPEATED_REFERENCE,
                        format!("{service_field}.{list}[{index}]"),
                        format!("\"{reference}\" is listed twice"),
                    )
                    .help("remove the second mention; it is shown once"),
                );
            }
        }
    }

    fn unique_ids<'b>(
        &self,
        list: &str,
        ids: impl Iterator<Item = &'b str>,
        out: &mut Vec<Diagnostic>,
    ) {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (index, id) in ids.enumerate() {
            if !is_slug(id) {
                out.push(
                    self.diagnostic(
                        rules::INVALID_ID,
                        format!("{list}[{index}].id"),
                        format!("\"{id}\" is not a valid id"),
                    )
                    .help("use lowercase letters, digits and single hyphens"),
                );
            }
            if let Some(first) = seen.insert(id, index) {
                out.push(
                    self.diagnostic(
                        rules::DUPLICATE_ID,
                        format!("{list}[{index}].id"),
                        format!("\"{id}\" is already used by {list}[{first}]"),
                    )
                    .help(format!("give each entry of {list} its own id")),
                );
            }
        }
    }

    fn hours(&self, hours: &Hours, field: &str, out: &mut Vec<Diagnostic>) {
        match hours {
            Hours::Keyword(keyword) => {
                if keyword != "24/7" && keyword != "by_appointment" {
                    out.push(
                        self.diagnostic(
                            rules::BAD_HOURS,
                            field,
                            format!("\"{keyword}\" is not a valid hours value"),
                        )
                        .help(crate::hub::hours::hours_help(
                            &crate::hub::hours::Written::Text(keyword),
                        )),
                    );
                }
            }
            Hours::Weekly(weekly) => {
                if let Some(zone) = &weekly.timezone {
                    if !looks_like_iana_zone(zone) {
                        out.push(
                            self.diagnostic(
                                rules::UNKNOWN_TIME_ZONE,
                                format!("{field}.timezone"),
                                format!("\"{zone}\" is not an IANA time zone"),
                            )
                            .help("use a name such as \"America/Denver\" or \"America/Phoenix\""),
                        );
                    }
                }
                for (day, value) in weekly.days() {
                    let Some(value) = value else { continue };
                    let field = format!("{field}.{day}");
                    match crate::hub::hours::parse_day(value) {
                        Err(bad) => out.push(
                            self.diagnostic(rules::BAD_DAY_HOURS, field, format!("\"{bad}\" is not a time range in 24-hour HH:MM-HH:MM form"))
                                .help(match crate::hub::hours::rewrite_day(value) {
                                    Some(rewrite) => format!("write {day}: \"{rewrite}\""),
                                    None => "write e.g. \"09:00-17:00\", several ranges separated by commas, or closed".to_string(),
                                }),
                        ),
                        Ok(ranges) => self.day_ranges(&ranges, &field, out),
                    }
                }
            }
        }
    }

    fn finding(&self, field: String, (code, message, help): (Rule, String, String)) -> Diagnostic {
        let diagnostic = self.diagnostic(code, field, message);
        diagnostic.help(help)
    }

    /// E050–E054, E057, W051, W055: phones, e-mail and web addresses.
    fn contacts(&self, hub: &Hub, out: &mut Vec<Diagnostic>) {
        let record = &self.partner.record;
        // Countries of the partner's addresses other than the hub's (E057).
        let mut abroad: Vec<&str> = record
            .locations
            .iter()
            .filter_map(|location| location.address.as_ref())
            .map(|address| address.country.trim())
            .filter(|country| !country.eq_ignore_ascii_case(&hub.config.default_country))
            .collect();
        abroad.sort_unstable();
        abroad.dedup();
        for (index, entry) in record.phones.iter().enumerate() {
            let field = format!("phones[{index}]");
            let dialled = crate::hub::dial::parse(
                &entry.number,
                entry.extension.as_deref(),
                entry.kind,
                &hub.config.default_country,
            );
            let country = &hub.config.default_country;
            if let Err(mut finding) = dialled {
                let part = if finding.0 == rules::BAD_EXTENSION && entry.extension.is_some() {
                    "extension"
                } else {
                    "number"
                };
                // Written as it is at home, in the country of the partner's address.
                let at_home = abroad.iter().find_map(|other| {
                    crate::hub::dial::parse(&entry.number, None, entry.kind, other)
                        .ok()
                        .map(|dial| (other, crate::hub::dial::international(&dial)))
                });
                if let (Some((other, there)), "number") = (at_home, part) {
                    finding.2 = format!("the partner has an address in {other}, where this is {there}: write it with its country code, number: \"{there}\"");
                }
                out.push(self.finding(format!("{field}.{part}"), finding));
            }
            let across_border = abroad.iter().find_map(|other| {
                crate::hub::dial::other_country_reading(&entry.number, entry.kind, country, other)
                    .map(|readings| (other, readings))
            });
            if let Some((other, (here, there))) = across_border {
                out.push(
                    self.diagnostic(
                        rules::AMBIGUOUS_COUNTRY,
                        format!("{field}.number"),
                        format!("\"{}\" has no country code: it dials {here} ({country}), but the partner has an address in {other}, where it is {there}", entry.number),
                    )
                    .help(format!("write it with its country code: number: \"{there}\" if it is the number in {other}, number: \"{here}\" if it is in {country}")),
                );
            }
            if entry.hotline && entry.hours.is_none() {
                out.push(
                    self.diagnostic(rules::HOTLINE_WITHOUT_HOURS, field.clone(), "hotline has no hours")
                        .help("add hours: 24/7 (or the real hours) so the site can show when someone will answer"),
                );
            }
        }
        if let Some(email) = &record.email {
            if !text::is_email(email) {
                out.push(
                    self.diagnostic(
                        rules::MALFORMED_ADDRESS,
                        "email",
                        format!("\"{email}\" is not an e-mail address"),
                    )
                    .help(match text::unmasked_email(email) {
                        Some(address) => format!("write it as it is sent to: email: {address}"),
                        None => "write it as name@example.org".to_string(),
                    }),
                );
            }
        }
        if let Some(website) = &record.website {
            if website.trim().to_ascii_lowercase().starts_with("http://") {
                out.push(
                    self.diagnostic(rules::HTTP_WEBSITE, "website", format!("\"{website}\" is not a secure (https) address"))
                        .help("use the https:// address if the site has one; visitors' connections to it can otherwise be read"),
                );
            }
        }
    }

    /// E040–E044 on every language list of the record.
    fn languages(&self, out: &mut Vec<Diagnostic>) {
        let record = &self.partner.record;
        let mut lists: Vec<(String, &Vec<String>)> = Vec::new();
        for (index, entry) in record.phones.iter().enumerate() {
            lists.push((format!("phones[{index}].languages"), &entry.languages));
        }
        for (index, service) in record.services.iter().enumerate() {
            lists.push((format!("services[{index}].languages"), &service.languages));
            if let Some(interpretation) = &service.interpretation {
                lists.push((
                    format!("services[{index}].interpretation.languages"),
                    &interpretation.languages,
                ));
            }
        }
        for (field, tags) in lists {
            for (index, tag) in tags.iter().enumerate() {
                match language::check(tag) {
                    Ok(None) => {}
                    Ok(Some(finding)) | Err(finding) => {
                        out.push(self.finding(format!("{field}[{index}]"), finding))
                    }
                }
            }
        }
        for language in record.translations.keys() {
            if let Err(finding) = language::check(language) {
                out.push(self.finding(format!("translations.{language}"), finding));
            }
        }
    }

    /// W020, W151, W152 and W153: contact details hidden in prose, text
    /// lengths, and text in capitals or in quotation marks.
    fn free_text(&self, out: &mut Vec<Diagnostic>) {
        let record = &self.partner.record;
        let texts = public_texts(record);
        for (field, value) in &texts {
            if text::has_contact_details(value) {
                out.push(
                    self.diagnostic(rules::CONTACT_IN_TEXT, field.clone(), "free text contains an e-mail address or phone number")
                        .help("put public contact details under phones:/email:, and staff-only ones in the private overlay"),
                );
            }
        }
        let names =
            std::iter::once(("name".to_string(), record.name.as_str())).chain(
                record.services.iter().enumerate().map(|(index, service)| {
                    (format!("services[{index}].name"), service.name.as_str())
                }),
            );
        for (field, value) in names.chain(texts.iter().map(|(f, v)| (f.clone(), *v))) {
            let key = field.rsplit('.').next().unwrap_or(&field).to_string();
            if let Some(inner) = text::unwrapped(value) {
                out.push(
                    self.diagnostic(
                        rules::WRAPPED_IN_QUOTES,
                        field.clone(),
                        "is wrapped in quotation marks, which the site would show as part of it",
                    )
                    .help(format!("remove them: {key}: {inner}")),
                );
            }
            if !text::is_in_capitals(value) {
                continue;
            }
            let legal_name = if field == "name" {
                "; the legal name in capitals can go in alternate_names"
            } else {
                ""
            };
            let help = if key == "name" {
                format!("write it as people read it, for example {key}: {} (check the acronyms){legal_name}", text::readable_name(value))
            } else {
                "write it in sentences, with capitals only where they belong".to_string()
            };
            out.push(
                self.diagnostic(
                    rules::IN_CAPITALS,
                    field,
                    "is written in capital letters, which are slow to read and which some screen readers spell out letter by letter",
                )
                .help(help),
            );
        }
        let limits = [
            ("name", record.name.chars().count(), 200),
            (
                "summary",
                record.summary.as_deref().map_or(0, |s| s.chars().count()),
                200,
            ),
            ("description", record.description.chars().count(), 5000),
        ];
        for (field, length, limit) in limits {
            if length > limit {
                out.push(
                    self.diagnostic(
                        rules::TEXT_LENGTH,
                        field,
                        format!("{field} is {length} characters (max {limit})"),
                    )
                    .help("shorten it; long text is hard to read on a phone in a hurry"),
                );
            }
        }
        if record.description.trim().chars().count() < 40 {
            out.push(
                self.diagnostic(
                    rules::TEXT_LENGTH,
                    "description",
                    "description is very short",
                )
                .help("say in a sentence or two what the partner does and for whom"),
            );
        }
    }

    /// E065, E067, E068 and W068: addresses and coordinates.
    fn places(&self, out: &mut Vec<Diagnostic>) {
        let record = &self.partner.record;
        for (index, location) in record.locations.iter().enumerate() {
            let field = format!("locations[{index}]");
            if let Some(address) = &location.address {
                let postal_code = format!("{field}.address.postal_code");
                if self.partner.locator.is_bare_number(&postal_code) {
                    out.push(
                        self.diagnostic(
                            rules::BAD_POSTAL_CODE,
                            postal_code.clone(),
                            format!("postal code {} is not in quotes", address.postal_code),
                        )
                        .help(format!("write it in quotes, postal_code: \"{}\": other programs read an unquoted code as a number and drop its leading zeros", address.postal_code)),
                    );
                }
                // "USA" is an error of its own, and the address is still
                // checked as a US one, so every error shows at once.
                let us = crate::hub::postal::country_code(&address.country) == Some("US");
                if us && !is_zip(&address.postal_code) {
                    out.push(
                        self.diagnostic(
                            rules::BAD_POSTAL_CODE,
                            format!("{field}.address.postal_code"),
                            format!("\"{}\" is not a US ZIP code", address.postal_code),
                        )
                        .help("write five digits in quotes, e.g. postal_code: \"87001\""),
                    );
                }
                if address.country.len() != 2
                    || !address.country.chars().all(|c| c.is_ascii_uppercase())
                {
                    out.push(
                        self.diagnostic(
                            rules::BAD_COUNTRY_OR_STATE,
                            format!("{field}.address.country"),
                            format!("\"{}\" is not a two-letter country code", address.country),
                        )
                        .help(
                            match crate::hub::postal::country_code(&address.country) {
                                Some(code) => format!("write country: {code}, the ISO 3166-1 code"),
                                None => "use the ISO 3166-1 code, e.g. US".to_string(),
                            },
                        ),
                    );
                }
                if us && !US_STATES.contains(&address.state.as_str()) {
                    out.push(
                        self.diagnostic(
                            rules::BAD_COUNTRY_OR_STATE,
                            format!("{field}.address.state"),
                            format!("\"{}\" is not a US state code", address.state),
                        )
                        .help(
                            match crate::hub::postal::state_code(&address.state) {
                                Some(code) => {
                                    format!("write state: {code}, the two-letter USPS code")
                                }
                                None => crate::diagnostics::suggest::did_you_mean(
                                    &address.state.to_uppercase(),
                                    US_STATES.iter().copied(),
                                    "use the two-letter USPS code, e.g. NM",
                                ),
                            },
                        ),
                    );
                }
            }
            if let Some(geo) = &location.geo {
                if !(-90.0..=90.0).contains(&geo.lat) || !(-180.0..=180.0).contains(&geo.lon) {
                    out.push(
                        self.diagnostic(rules::COORDINATES_OUT_OF_RANGE, format!("{field}.geo"), format!("coordinates {}, {} are out of range", geo.lat, geo.lon))
                            .help("latitude is between -90 and 90, longitude between -180 and 180; check they are not swapped"),
                    );
                } else if location.address.as_ref().is_some_and(in_western_north)
                    && (geo.lon > 0.0 || geo.lat < 0.0)
                {
                    out.push(
                        self.diagnostic(rules::COORDINATES_ABROAD, format!("{field}.geo"), format!("coordinates {}, {} are on the other side of the world from the address", geo.lat, geo.lon))
                            .help(format!("in the United States latitude is above 0 and longitude below 0: probably lat: {}, lon: {} (a minus sign lost in copying)", geo.lat.abs(), -geo.lon.abs())),
                    );
                }
            }
        }
    }

    /// W150: access facts survivors filter on, left unknown.
    fn access_facts(&self, out: &mut Vec<Diagnostic>) {
        use crate::hub::record::{Confidentiality, LawEnforcement};
        for (index, service) in self.partner.record.services.iter().enumerate() {
            let field = format!("services[{index}].access");
            if service.access.law_enforcement_involvement == LawEnforcement::Unknown {
                out.push(
                    self.diagnostic(
                        rules::UNKNOWN_ACCESS,
                        format!("{field}.law_enforcement_involvement"),
                        "is \"unknown\"",
                    )
                    .help("ask the partner; survivors filter on this"),
                );
            }
            if service.access.confidentiality == Confidentiality::Unknown {
                out.push(
                    self.diagnostic(
                        rules::UNKNOWN_ACCESS,
                        format!("{field}.confidentiality"),
                        "is \"unknown\"",
                    )
                    .help("ask the partner; survivors filter on this"),
                );
            }
        }
    }

    /// E140 (individuals need recorded consent) and W021 (an internal phone
    /// or e-mail must not be published as a public one).
    fn consent_and_private_contacts(&self, hub: &Hub, out: &mut Vec<Diagnostic>) {
        let record = &self.partner.record;
        let overlay = hub
            .overlays
            .iter()
            .find(|o| o.id == record.id)
            .map(|o| &o.internal);
        let internal = record.internal.as_ref().or(overlay);
        if record.kind == crate::hub::record::PartnerKind::Individual {
            let consented = internal
                .and_then(|i| i.consent.as_ref())
                .is_some_and(|c| c.publish_name == Some(true) && c.confirmed_on.is_some());
            if !consented {
                out.push(
                    self.diagnostic(rules::INDIVIDUAL_WITHOUT_CONSENT, "kind", "individual partner has no recorded consent to publish")
                        .help(format!("record consent in private/{}.yaml: internal: {{ consent: {{ publish_name: true, confirmed_on: YYYY-MM-DD }} }}", record.id)),
                );
            }
            for (index, location) in record.locations.iter().enumerate() {
                if location.address.is_some() || location.geo.is_some() {
                    out.push(
                        self.diagnostic(
                            rules::INDIVIDUAL_WITHOUT_CONSENT,
                            format!("locations[{index}]"),
                            "an individual's record must not carry an address or coordinates",
                        )
                        .help("remove them; offer a virtual location or a contact phone instead"),
                    );
                }
            }
        }
        let Some(internal) = internal else { return };
        let private_numbers: Vec<String> = internal
            .point_of_contact
            .iter()
            .chain(&internal.other_contacts)
            .filter_map(|c| c.phone.as_deref())
            .map(|n| n.chars().filter(char::is_ascii_digit).collect())
            .collect();
        let private_emails: Vec<String> = internal
            .point_of_contact
            .iter()
            .chain(&internal.other_contacts)
            .filter_map(|c| c.email.as_deref())
            .map(str::to_lowercase)
            .collect();
        for (index, entry) in record.phones.iter().enumerate() {
            let digits: String = entry.number.chars().filter(char::is_ascii_digit).collect();
            if private_numbers
                .iter()
                .any(|n| n.ends_with(&digits) || digits.ends_with(n.as_str()))
                && digits.len() >= 7
            {
                out.push(
                    self.diagnostic(
                        rules::INTERNAL_CONTACT_PUBLIC,
                        format!("phones[{index}].number"),
                        "this number is also an internal contact's number, so it is published",
                    )
                    .help("if the contact's direct line must stay private, publish the organisation's main line here instead"),
                );
            }
        }
        if let Some(email) = &record.email {
            if private_emails.contains(&email.to_lowercase()) {
                out.push(
                    self.diagnostic(
                        rules::INTERNAL_CONTACT_PUBLIC,
                        "email",
                        "this address is also an internal contact's address, so it is published",
                    )
                    .help("if the contact's own address must stay private, publish the organisation's role address (intake@…) here instead"),
                );
            }
        }
    }

    /// E063 (overlapping ranges) and W064 (a range past midnight).
    fn day_ranges(
        &self,
        ranges: &[crate::hub::hours::Range],
        field: &str,
        out: &mut Vec<Diagnostic>,
    ) {
        let clock = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
        for range in ranges.iter().filter(|r| r.end < r.start) {
            out.push(
                self.diagnostic(rules::RANGE_PAST_MIDNIGHT, field, format!("{}-{} ends before it starts; it will be read as running past midnight", clock(range.start), clock(range.end)))
                    .help("if that is right, nothing to do; otherwise check the times are in 24-hour form (5 pm is 17:00)"),
            );
        }
        let mut daytime: Vec<&crate::hub::hours::Range> =
            ranges.iter().filter(|r| r.end >= r.start).collect();
        daytime.sort_by_key(|r| r.start);
        for pair in daytime.windows(2) {
            if pair[1].start < pair[0].end {
                out.push(
                    self.diagnostic(
                        rules::OVERLAPPING_HOURS,
                        field,
                        format!(
                            "time ranges {}-{} and {}-{} overlap",
                            clock(pair[0].start),
                            clock(pair[0].end),
                            clock(pair[1].start),
                            clock(pair[1].end)
                        ),
                    )
                    .help("merge them into one range"),
                );
            }
        }
    }

    /// E056 and W155: a logo is a file of static/ (shown on the page) or an
    /// https address (only in the open data).
    fn logo(&self, hub: &Hub, out: &mut Vec<Diagnostic>) {
        let Some(logo) = &self.partner.record.logo else {
            return;
        };
        match crate::hub::record::logo_place(logo) {
            Some(crate::hub::record::LogoPlace::Static(path)) => {
                if !hub.static_files.iter().any(|file| file.output_path == path) {
                    out.push(
                        self.diagnostic(rules::LOGO_NOT_FOUND, "logo", format!("no file \"{path}\" in static/"))
                            .help("put the image in the hub's static/ folder (e.g. static/logos/partner.png) and write logo: logos/partner.png"),
                    );
                }
            }
            Some(crate::hub::record::LogoPlace::External(_)) => out.push(
                self.diagnostic(rules::EXTERNAL_IMAGE, "logo", "the logo is on another website; it is not shown on the page, only listed in the open data")
                    .help("copy the image into static/ (e.g. static/logos/partner.png) and write logo: logos/partner.png: a page never loads images from other websites"),
            ),
            None => out.push(
                self.diagnostic(rules::LOGO_NOT_FOUND, "logo", format!("\"{logo}\" is neither an https:// address nor a file in static/"))
                    .help("write logo: logos/partner.png for a file in static/logos/, or the https:// address of the image"),
            ),
        }
    }

    fn urls(&self, out: &mut Vec<Diagnostic>) {
        let record = &self.partner.record;
        let mut urls: Vec<(String, &str)> = Vec::new();
        if let Some(website) = &record.website {
            urls.push(("website".into(), website));
        }
        for (index, link) in record.links.iter().enumerate() {
            urls.push((format!("links[{index}].url"), &link.url));
        }
        for (index, location) in record.locations.iter().enumerate() {
            if let Some(url) = &location.url {
                urls.push((format!("locations[{index}].url"), url));
            }
        }
        for (field, url) in urls {
            let lower = url.trim().to_ascii_lowercase();
            if !(lower.starts_with("https://") || lower.starts_with("http://")) {
                out.push(
                    self.diagnostic(
                        rules::MALFORMED_ADDRESS,
                        field,
                        format!("\"{url}\" is not a full web address"),
                    )
                    // The host as written: some sites answer only with "www.".
                    .help(format!(
                        "write it with https://: \"https://{}\"",
                        url.trim()
                    )),
                );
            }
        }
    }

    fn markdown(&self, text: &str, field: &str, out: &mut Vec<Diagnostic>) {
        if crate::hub::markdown::contains_raw_html(text) {
            out.push(
                self.diagnostic(rules::RAW_HTML, field, "raw HTML is not allowed")
                    .help("use Markdown: **bold**, *italic*, [a link](https://…), lists with - at the line start"),
            );
        }
    }
}

fn check_code(
    taxonomies: &Taxonomies,
    kind: Kind,
    code: &str,
    report: &mut dyn FnMut(String, String),
) {
    if taxonomies.contains(kind, code) {
        return;
    }
    let what = match kind {
        Kind::ServiceAreas => "service area",
        Kind::PartnerTypes => "partner type",
        Kind::FocusIssues => "focus issue",
        Kind::Populations => "population",
        Kind::Accessibility => "accessibility feature",
        Kind::Languages => "language",
    };
    let codes = taxonomies.codes(kind);
    let listing = format!("use one of: {}", codes.join(", "));
    let spelling = did_you_mean(code, codes.iter().copied(), &listing);
    let help = match taxonomies.meant(kind, code).as_slice() {
        // A slip of spelling ("basic_need") is said as one.
        _ if spelling != listing => spelling,
        [] => spelling,
        [term] => format!("\"{code}\" is {}: write {}", term_said(term), term.code),
        several => format!(
            "\"{code}\" could be {}: write the one that fits",
            several
                .iter()
                .map(|term| format!("{} ({})", term.code, term.label("en")))
                .collect::<Vec<_>>()
                .join(", or ")
        ),
    };
    report(format!("\"{code}\" is not a known {what}"), help);
}

/// A term as the help names it: its code with its label, and its
/// description when it has one ("basic_needs (Basic Needs: Food, shelter,
/// clothing and safe housing.)").
fn term_said(term: &crate::hub::taxonomy::Term) -> String {
    match term.description("en") {
        Some(description) => format!(
            "part of {} ({}: {description})",
            term.code,
            term.label("en")
        ),
        None => format!("{} ({})", term.code, term.label("en")),
    }
}

/// "Area/City" names (and UTC); the full tz database is not embedded.
fn looks_like_iana_zone(zone: &str) -> bool {
    zone == "UTC"
        || zone.split_once('/').is_some_and(|(area, rest)| {
            [
                "Africa",
                "America",
                "Antarctica",
                "Asia",
                "Atlantic",
                "Australia",
                "Europe",
                "Indian",
                "Pacific",
                "Etc",
            ]
            .contains(&area)
                && !rest.is_empty()
                && rest
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_-+/".contains(c))
        })
}

#[cfg(test)]
mod street_tests {
    use super::*;

    #[test]
    fn substrings_are_found_wherever_they_start() {
        let needles = ["12 oak st", "2 oak st", "ak s", "xy"];
        let finder = Substrings::of(needles.into_iter());
        assert_eq!(finder.found_in("at 12 oak st."), [0, 1, 2]);
        assert_eq!(finder.found_in("ends with 2 oak st"), [1, 2]);
        assert_eq!(finder.found_in("xy"), [3]);
        assert!(finder.found_in("12 oak").is_empty());
    }
}
