//! Stage 2: semantic rules over the loaded hub (design/partner-record.md
//! §6). Every rule adds diagnostics; none stops the others, so one run
//! lists every problem in every file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::config::{DataRepository, HubConfig};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::load::{Hub, LoadedPartner};
use crate::record::{Hours, LocationKind, Visibility};
use crate::suggest::did_you_mean;
use crate::taxonomy::{Kind, Taxonomies};

/// How many days since a record was verified, and what that means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    Fresh,
    /// Past `warn_after_days`: shown with a notice.
    Aging,
    /// Past `hide_after_days`: left out of the site.
    Stale,
}

pub fn freshness(last_verified: &str, today: Date, config: &HubConfig) -> Freshness {
    let Some(verified) = Date::parse(last_verified) else {
        return Freshness::Fresh;
    };
    let age = verified.days_until(today);
    if age > i64::from(config.staleness.hide_after_days) {
        Freshness::Stale
    } else if age > i64::from(config.staleness.warn_after_days) {
        Freshness::Aging
    } else {
        Freshness::Fresh
    }
}

pub fn validate(hub: &Hub, today: Date) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    check_config(&hub.config, &hub.config_file.path, &mut diagnostics);
    let guide_slugs: BTreeSet<&str> = hub.guides.iter().map(|g| g.slug.as_str()).collect();
    let mut seen_ids: BTreeMap<&str, &Path> = BTreeMap::new();
    for partner in &hub.partners {
        let id = partner.record.id.as_str();
        if let Some(first) = seen_ids.insert(id, &partner.file.path) {
            diagnostics.push(
                PartnerCheck::new(partner)
                    .error(
                        "E022",
                        "id",
                        format!("id \"{id}\" is already used by {}", first.display()),
                    )
                    .help("give each partner its own id"),
            );
        }
        PartnerCheck::new(partner).run(hub, &guide_slugs, today, &mut diagnostics);
    }
    let partner_ids: BTreeSet<&str> = hub.partners.iter().map(|p| p.record.id.as_str()).collect();
    for overlay in &hub.overlays {
        if !partner_ids.contains(overlay.id.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    "E024",
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
    for guide in &hub.guides {
        let front = &guide.front_matter;
        if front.title.trim().is_empty() {
            diagnostics.push(
                Diagnostic::error("E011", &guide.file.path, "guide title is empty")
                    .at(Some(crate::diagnostic::Position { line: 2, column: 1 }))
                    .field("title")
                    .help("give the guide a title: title: How to make a referral"),
            );
        }
        for (index, partner) in front.related_partners.iter().enumerate() {
            if !partner_ids.contains(partner.as_str()) {
                diagnostics.push(
                    Diagnostic::error(
                        "E102",
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
                        Diagnostic::error("E030", &guide.file.path, message)
                            .field(format!("related_categories[{index}]"))
                            .help(help),
                    );
                },
            );
        }
        if let Some(updated) = &front.updated {
            if Date::parse(updated).is_none() {
                diagnostics.push(
                    Diagnostic::error(
                        "E070",
                        &guide.file.path,
                        format!("\"{updated}\" is not a date"),
                    )
                    .field("updated")
                    .help("use YYYY-MM-DD, e.g. 2025-01-15"),
                );
            }
        }
    }
    diagnostics
}

fn check_config(config: &HubConfig, path: &Path, diagnostics: &mut Vec<Diagnostic>) {
    if !config.quick_exit.url.starts_with("https://") {
        diagnostics.push(
            Diagnostic::error(
                "E080",
                path,
                format!(
                    "\"{}\" is not an absolute https:// address",
                    config.quick_exit.url
                ),
            )
            .field("quick_exit.url")
            .help("use a neutral, fast page such as https://www.bbc.co.uk/weather"),
        );
    }
    if !(config.base_url.starts_with("https://") || config.base_url.starts_with("http://")) {
        diagnostics.push(
            Diagnostic::error(
                "E081",
                path,
                format!("\"{}\" is not an absolute address", config.base_url),
            )
            .field("base_url")
            .help("write the address the site will be published at, e.g. https://hub.example.org/"),
        );
    }
    if config.staleness.hide_after_days < config.staleness.warn_after_days {
        diagnostics.push(
            Diagnostic::error("E082", path, "hide_after_days is lower than warn_after_days")
                .field("staleness")
                .help("records are first warned about, then hidden: e.g. warn_after_days: 180, hide_after_days: 365"),
        );
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

    fn error(
        &self,
        code: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let field = field.into();
        Diagnostic::error(code, &self.partner.file.path, message)
            .at(self.partner.locator.find(&field))
            .field(field)
    }

    fn warning(
        &self,
        code: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity: crate::diagnostic::Severity::Warning,
            ..self.error(code, field, message)
        }
    }

    fn run(&self, hub: &Hub, guide_slugs: &BTreeSet<&str>, today: Date, out: &mut Vec<Diagnostic>) {
        let record = &self.partner.record;
        let taxonomies = &hub.taxonomies;

        if record.schema_version != 1 {
            out.push(
                self.error(
                    "E002",
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
            out.push(
                self.error("E020", "id", format!("\"{}\" is not a valid id", record.id))
                    .help(
                        "use lowercase letters, digits and single hyphens, at most 64 characters",
                    ),
            );
        }
        if record.id != self.partner.stem {
            out.push(
                self.error("E021", "id", format!("id \"{}\" does not match the file name \"{}.yaml\"", record.id, self.partner.stem))
                    .help(format!("rename the file to \"{}.yaml\" or change the id (ids are permanent: changing one breaks links)", record.id)),
            );
        }

        match Date::parse(&record.last_verified) {
            None => out.push(
                self.error(
                    "E070",
                    "last_verified",
                    format!("\"{}\" is not a date", record.last_verified),
                )
                .help("use YYYY-MM-DD, e.g. 2025-01-15"),
            ),
            Some(verified) if verified > today => out.push(
                self.error(
                    "E071",
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
                        self.warning("E072", "last_verified", format!("record was last verified {age} days ago (limit {}); it is hidden from the site", staleness.hide_after_days))
                            .help(help),
                    ),
                    Freshness::Aging if record.published => out.push(
                        self.warning("W073", "last_verified", format!("record was last verified {age} days ago (more than {}); the site shows it as possibly out of date", staleness.warn_after_days))
                            .help(help),
                    ),
                    _ => {}
                }
            }
        }

        for (index, code) in record.partner_types.iter().enumerate() {
            self.code(
                taxonomies,
                Kind::PartnerTypes,
                code,
                format!("partner_types[{index}]"),
                out,
            );
        }
        if record.partner_types.is_empty() {
            out.push(
                self.error(
                    "E011",
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
                self.error(
                    "E031",
                    "partner_types",
                    "focus_issues is required for an advocacy program or a coalition",
                )
                .help("add e.g. focus_issues: [intimate_partner_violence]"),
            );
        }

        if record.internal.is_some() && hub.config.data_repository == DataRepository::Public {
            out.push(
                self.error("P001", "internal", "this data repository is public, so internal: would be published through git")
                    .help(format!("move this block to private/{}.yaml in the private data repository and ask a maintainer to purge it from history", record.id)),
            );
        }

        if record.phones.is_empty() && record.website.is_none() && record.email.is_none() {
            out.push(
                self.error("E120", "name", "record has no phone, website or email")
                    .help("survivors need a way to reach the partner; add one public contact"),
            );
        }

        self.urls(out);
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
                    self.error("P010", format!("{field}.address"), "location is marked visibility: confidential but has an address")
                        .help("delete the address from this file (git history keeps it: ask a maintainer to purge it); keep only general_area: {city, state}"),
                );
            }
            if confidential && location.geo.is_some() {
                out.push(
                    self.error(
                        "P010",
                        format!("{field}.geo"),
                        "location is marked visibility: confidential but has coordinates",
                    )
                    .help("delete geo from this file; keep only general_area: {city, state}"),
                );
            }
            if location.kind == LocationKind::Physical && location.visibility.is_none() {
                out.push(
                    self.error("E011", format!("{field}.visibility"), "a physical location must say whether its address may be published")
                        .help("add visibility: public, or visibility: confidential for a shelter or safe house"),
                );
            }
            if location.kind == LocationKind::Physical
                && location.visibility == Some(Visibility::Public)
                && location.address.is_none()
            {
                out.push(
                    self.error("E069", field.clone(), "a public physical location needs an address")
                        .help("add address: {street, city, state, postal_code, country}, or set visibility: confidential"),
                );
            }
            if location.kind == LocationKind::Virtual && location.url.is_none() {
                out.push(
                    self.error("E069", field.clone(), "a virtual location needs a url")
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

        let phone_ids: Vec<&str> = record.phones.iter().map(|p| p.id.as_str()).collect();
        let location_ids: Vec<&str> = record.locations.iter().map(|l| l.id.as_str()).collect();
        if record.services.is_empty() {
            out.push(
                self.error("E011", "services", "at least one service is required")
                    .help("describe what the partner offers under services:"),
            );
        }
        for (index, service) in record.services.iter().enumerate() {
            let field = format!("services[{index}]");
            if service.categories.is_empty() {
                out.push(
                    self.error(
                        "E011",
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
            for (r, reference) in service.phones.iter().enumerate() {
                if !phone_ids.contains(&reference.as_str()) {
                    out.push(
                        self.error(
                            "E101",
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
            for (r, reference) in service.locations.iter().enumerate() {
                if !location_ids.contains(&reference.as_str()) {
                    out.push(
                        self.error(
                            "E100",
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
            if service.cost != crate::record::Cost::Free && service.fees_description.is_none() {
                out.push(
                    self.error(
                        "E121",
                        format!("{field}.fees_description"),
                        "required when the service is not free",
                    )
                    .help("say what it costs and whether fees can be waived"),
                );
            }
            if service.access.confidentiality == crate::record::Confidentiality::Limited
                && service.access.confidentiality_note.is_none()
            {
                out.push(
                    self.error(
                        "E122",
                        format!("{field}.access.confidentiality_note"),
                        "required when confidentiality is limited",
                    )
                    .help(
                        "explain the limits, e.g. \"staff are mandated reporters of child abuse\"",
                    ),
                );
            }
            if let Some(eligibility) = &service.eligibility {
                if let (Some(min), Some(max)) = (eligibility.min_age, eligibility.max_age) {
                    if min > max {
                        out.push(
                            self.error(
                                "E131",
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
        self.markdown(&record.description, "description", out);

        for (index, slug) in record.guides.iter().enumerate() {
            if !guide_slugs.contains(slug.as_str()) {
                out.push(
                    self.error(
                        "E102",
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
            out.push(self.error("E030", field.clone(), message).help(help));
        });
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
                    self.error(
                        "E020",
                        format!("{list}[{index}].id"),
                        format!("\"{id}\" is not a valid id"),
                    )
                    .help("use lowercase letters, digits and single hyphens"),
                );
            }
            if let Some(first) = seen.insert(id, index) {
                out.push(
                    self.error(
                        "E022",
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
                        self.error("E061", field, format!("\"{keyword}\" is not a valid hours value"))
                            .help("write 24/7, by_appointment, or one line per day such as mon: \"09:00-17:00\""),
                    );
                }
            }
            Hours::Weekly(weekly) => {
                for (day, value) in weekly.days() {
                    let Some(value) = value else { continue };
                    if let Err(bad) = crate::hours::parse_day(value) {
                        out.push(
                            self.error("E060", format!("{field}.{day}"), format!("\"{bad}\" is not a time range in 24-hour HH:MM-HH:MM form"))
                                .help("write e.g. \"09:00-17:00\", several ranges separated by commas, or closed"),
                        );
                    }
                }
            }
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
                    self.error(
                        "E054",
                        field,
                        format!("\"{url}\" is not a full web address"),
                    )
                    .help(format!(
                        "write it with https://, e.g. \"https://{}\"",
                        url.trim_start_matches("www.")
                    )),
                );
            }
        }
    }

    fn markdown(&self, text: &str, field: &str, out: &mut Vec<Diagnostic>) {
        if crate::markdown::contains_raw_html(text) {
            out.push(
                self.error("E152", field, "raw HTML is not allowed")
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
    report(
        format!("\"{code}\" is not a known {what}"),
        did_you_mean(code, codes.iter().copied(), &listing),
    );
}

pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_single_hyphens() {
        assert!(is_slug("riverbend-legal-2"));
        assert!(!is_slug("Riverbend_Legal"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("-a"));
    }
}
