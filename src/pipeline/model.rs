//! Stage 3: the immutable `Site` every renderer reads. Built from the
//! validated hub: drafts and stale records left out, Markdown rendered,
//! phone links computed, and internal data dropped — `PublicPartner` has
//! no field that could hold it, so a template cannot leak it.

use crate::diagnostics::rules;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Position};
use crate::hub::config::HubConfig;
use crate::hub::config::{freshness, Freshness};
use crate::hub::date::Date;
use crate::hub::markdown::{self, Heading, LinkTargets};
use crate::hub::names::slugify_name;
use crate::hub::record::{
    AreaKind, Coverage, Identifier, LegalStatus, Link, Location, LocationTranslation, PartnerKind,
    PartnerRecord, Phone, PhoneKind, PhoneTranslation, Service, Status, Translation, Visibility,
};
use crate::hub::taxonomy::Taxonomies;
use crate::pipeline::load::{Hub, LoadedGuide, LoadedPartner, StaticFile};
use crate::pipeline::memo::{Memo, Text};

/// The whole site, ready to render.
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub config: HubConfig,
    #[serde(skip)]
    pub taxonomies: Taxonomies,
    /// Shared between the editions of every language, and between
    /// rebuilds of `haven serve`.
    pub partners: Vec<Arc<PublicPartner>>,
    pub guides: Vec<Guide>,
    pub counties: Vec<County>,
    #[serde(skip)]
    pub static_files: Vec<StaticFile>,
    #[serde(skip)]
    pub templates: BTreeMap<String, crate::pipeline::load::SourceFile>,
    /// The hub's `i18n/<lang>.yaml` files.
    #[serde(skip)]
    pub strings: BTreeMap<String, crate::pipeline::load::SourceFile>,
    #[serde(skip)]
    pub root: PathBuf,
    pub summary: ContentSummary,
}

/// What the build left out, for the summary line.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ContentSummary {
    pub hidden_stale: Vec<String>,
    pub drafts: Vec<String>,
    pub draft_guides: Vec<String>,
    pub aging: Vec<String>,
}

/// Every internal string of the hub: what the output must never contain.
/// Kept out of `Site` on purpose.
#[derive(Debug, Clone, Default)]
pub struct PrivateValues {
    pub values: Vec<PrivateValue>,
    /// The names the hub publishes (its title; partners, their places and
    /// the areas they serve): a part of a private note found in one of
    /// them ("refer to Legal Aid Society", "Arroyo Seco County") is
    /// public knowledge.
    pub public_names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PrivateValue {
    pub value: String,
    /// The file it is in, relative to the hub.
    pub path: PathBuf,
    /// The field it is in: `internal.notes`.
    pub field: String,
    /// What the record it belongs to publishes, as written (its file
    /// without comments and without its `internal:` block; empty for a
    /// record that is not published). A part of the value found there is
    /// public already, so it is no secret (W030).
    pub published_by_record: Arc<str>,
    /// That record's file, relative to the hub.
    pub record_path: PathBuf,
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicPartner {
    pub id: String,
    pub kind: PartnerKind,
    pub status: Status,
    pub name: String,
    pub alternate_names: Vec<String>,
    pub summary: Option<String>,
    pub description_html: String,
    /// The description as written (Markdown), for the open data.
    #[serde(skip)]
    pub description: String,
    pub partner_types: Vec<String>,
    pub focus_issues: Vec<String>,
    pub website: Option<String>,
    /// The logo's path in the site, when it is a file of `static/`.
    pub logo_path: Option<String>,
    /// The logo's address for the open data (absolute).
    #[serde(skip)]
    pub logo_url: Option<String>,
    pub email: Option<String>,
    pub legal_status: Option<LegalStatus>,
    pub year_incorporated: Option<u16>,
    pub identifiers: Vec<Identifier>,
    /// Phones and locations are shared with the services that refer to
    /// them (and with every localized copy), not copied.
    pub phones: Vec<Arc<PublicPhone>>,
    pub locations: Vec<Arc<PublicLocation>>,
    pub coverage: Coverage,
    pub services: Vec<PublicService>,
    pub links: Vec<PublicLink>,
    pub guides: Vec<GuideRef>,
    pub tags: Vec<String>,
    pub translations: BTreeMap<String, Translation>,
    pub last_verified: String,
    /// Verified longer ago than `warn_after_days`.
    pub aging: bool,
    pub counties: Vec<County>,
    /// Union over services, in taxonomy order.
    pub categories: Vec<String>,
    pub populations: Vec<String>,
    /// Languages served directly, by any phone or service.
    pub languages: Vec<String>,
    pub hotlines: Vec<Arc<PublicPhone>>,
    /// The number to show on cards: the first hotline, else the first phone.
    pub primary_phone: Option<Arc<PublicPhone>>,
    /// What its services offer that survivors choose by (badges, filter).
    pub access: AccessFacts,
    pub edit_url: Option<String>,
    pub source_path: String,
    /// Language of the summary and description shown: the page's, or the
    /// hub's default when they are not translated (templates mark it with
    /// `lang` so screen readers switch voice).
    pub text_lang: String,
    /// Translated texts by language, rendered; see [`PublicPartner::localized`].
    #[serde(skip)]
    pub localized: BTreeMap<String, LocalizedPartner>,
}

/// The texts of a partner a page in one language shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartnerTexts<'a> {
    pub name: &'a str,
    pub summary: Option<&'a str>,
    pub description_html: &'a str,
    /// Language of the summary and description.
    pub text_lang: &'a str,
}

/// A partner's texts in one other language (its `translations` block).
#[derive(Debug, Clone, Default)]
pub struct LocalizedPartner {
    pub name: Option<String>,
    pub summary: Option<String>,
    pub description_html: Option<String>,
    /// By service id.
    pub services: BTreeMap<String, LocalizedService>,
    /// By phone id.
    pub phones: BTreeMap<String, PhoneTranslation>,
    /// By location id.
    pub locations: BTreeMap<String, LocationTranslation>,
    /// Link labels by url.
    pub links: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default)]
pub struct LocalizedService {
    pub name: Option<String>,
    pub description_html: Option<String>,
    pub fees_description: Option<String>,
    pub application_process: Option<String>,
    pub alert: Option<String>,
    pub eligibility: Option<String>,
    pub confidentiality_note: Option<String>,
    pub interpretation_note: Option<String>,
    pub required_documents: Option<Vec<String>>,
    pub hours_notes: Option<String>,
}

/// What a partner's services offer that survivors choose by: shown as
/// badges on cards and result lines, and the search's access filter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AccessFacts {
    /// A service is free.
    pub free: bool,
    /// A service needs no police report or involvement.
    pub no_police: bool,
    /// A service, or a hotline, is open 24/7.
    pub always_open: bool,
    /// A service welcomes walk-ins.
    pub walk_in: bool,
    /// A service keeps what a survivor says confidential.
    pub confidential: bool,
    /// Every service requires police involvement: said as plainly as the
    /// good news.
    pub police_required: bool,
}

impl AccessFacts {
    /// Badge codes in the order they show (`badge_<code>` in the theme's
    /// strings).
    pub const BADGES: [&'static str; 6] = [
        "free",
        "no_police",
        "always_open",
        "walk_in",
        "confidential",
        "police_required",
    ];

    fn of(services: &[PublicService], phones: &[Arc<PublicPhone>]) -> AccessFacts {
        use crate::hub::record::{Confidentiality, Cost, Hours, LawEnforcement};
        let always_open =
            |hours: &Option<Hours>| matches!(hours, Some(Hours::Keyword(k)) if k == "24/7");
        let services = || services.iter().map(|s| &s.service);
        let police = || services().map(|s| s.access.law_enforcement_involvement);
        AccessFacts {
            free: services().any(|s| matches!(s.cost, Cost::Free)),
            no_police: police().any(|p| p == LawEnforcement::NotRequired),
            always_open: services().any(|s| always_open(&s.hours))
                || phones
                    .iter()
                    .any(|p| p.phone.hotline && always_open(&p.phone.hours)),
            walk_in: services().any(|s| s.access.walk_in == Some(true)),
            confidential: services()
                .any(|s| s.access.confidentiality == Confidentiality::Confidential),
            police_required: services().next().is_some()
                && police().all(|p| p == LawEnforcement::Required),
        }
    }

    /// The codes of the facts that hold, in [`AccessFacts::BADGES`] order.
    pub fn badges(&self) -> Vec<&'static str> {
        let holds = [
            self.free,
            self.no_police,
            self.always_open,
            self.walk_in,
            self.confidential,
            self.police_required,
        ];
        Self::BADGES
            .iter()
            .zip(holds)
            .filter(|(_, holds)| *holds)
            .map(|(code, _)| *code)
            .collect()
    }
}

impl PublicPartner {
    /// This partner as a page in `language` shows it: translated texts
    /// where there are some, the default language's elsewhere (and
    /// `text_lang` saying which).
    /// [`PublicPartner::localized`], sharing `partner` itself when it has
    /// no texts in `language` (the usual case), so an edition of the site
    /// does not copy every partner.
    pub fn localized_shared(partner: &Arc<PublicPartner>, language: &str) -> Arc<PublicPartner> {
        if partner.localized.contains_key(language) {
            Arc::new(partner.localized(language))
        } else {
            partner.clone()
        }
    }

    /// The name, summary and description a page in `language` shows,
    /// without copying the partner: what [`PublicPartner::localized`]
    /// puts in place.
    pub fn texts_in<'a>(&'a self, language: &'a str) -> PartnerTexts<'a> {
        let own = PartnerTexts {
            name: &self.name,
            summary: self.summary.as_deref(),
            description_html: &self.description_html,
            text_lang: &self.text_lang,
        };
        let Some(texts) = self.localized.get(language) else {
            return own;
        };
        let name = texts.name.as_deref().unwrap_or(own.name);
        match &texts.description_html {
            Some(description) => PartnerTexts {
                name,
                summary: texts.summary.as_deref().or(own.summary),
                description_html: description,
                text_lang: language,
            },
            None => PartnerTexts { name, ..own },
        }
    }

    pub fn localized(&self, language: &str) -> PublicPartner {
        let mut partner = self.clone();
        partner.localized = BTreeMap::new();
        let Some(texts) = self.localized.get(language) else {
            return partner;
        };
        let shown = self.texts_in(language);
        partner.name = shown.name.to_string();
        partner.summary = shown.summary.map(str::to_string);
        partner.description_html = shown.description_html.to_string();
        partner.text_lang = shown.text_lang.to_string();
        for service in &mut partner.services {
            if let Some(texts) = texts.services.get(&service.service.id) {
                service.localize(texts, language);
            }
        }
        let phones: BTreeMap<String, Arc<PublicPhone>> = partner
            .phones
            .iter()
            .map(|phone| {
                let localized = match texts.phones.get(&phone.phone.id) {
                    Some(translation) => Arc::new(phone.localized(translation, language)),
                    None => phone.clone(),
                };
                (phone.phone.id.clone(), localized)
            })
            .collect();
        let locations: BTreeMap<String, Arc<PublicLocation>> = partner
            .locations
            .iter()
            .map(|location| {
                let localized = match texts.locations.get(&location.id) {
                    Some(translation) => Arc::new(location.localized(translation, language)),
                    None => location.clone(),
                };
                (location.id.clone(), localized)
            })
            .collect();
        let phone = |phone: &Arc<PublicPhone>| phones.get(phone.phone.id.as_str()).cloned();
        let location = |place: &Arc<PublicLocation>| locations.get(place.id.as_str()).cloned();
        let mut services = std::mem::take(&mut partner.services);
        for service in &mut services {
            service.phone_refs = service.phone_refs.iter().filter_map(phone).collect();
            service.location_refs = service.location_refs.iter().filter_map(location).collect();
        }
        let mut links = std::mem::take(&mut partner.links);
        for link in &mut links {
            if let Some(label) = texts.links.get(&link.link.url) {
                link.link.label = label.clone();
                link.text_lang = language.to_string();
            }
        }
        partner.phones = partner.phones.iter().filter_map(phone).collect();
        partner.hotlines = partner.hotlines.iter().filter_map(phone).collect();
        partner.primary_phone = partner.primary_phone.as_ref().and_then(phone);
        partner.locations = partner.locations.iter().filter_map(location).collect();
        partner.services = services;
        partner.links = links;
        partner
    }
}

/// Puts a translation in place of the text it translates; false when the
/// text is left in the default language for want of one.
fn put_translation(text: &mut Option<String>, translation: &Option<String>) -> bool {
    match (translation, text.is_some()) {
        (Some(translated), _) => {
            *text = Some(translated.clone());
            true
        }
        (None, has_text) => !has_text,
    }
}

/// The `notes` of weekly hours, which keyword hours do not have.
fn hours_notes(hours: &mut Option<crate::hub::record::Hours>) -> Option<&mut Option<String>> {
    match hours {
        Some(crate::hub::record::Hours::Weekly(weekly)) => Some(&mut weekly.notes),
        _ => None,
    }
}

/// Puts a translation of hours notes in place; false as [`put_translation`].
fn put_hours_notes(
    hours: &mut Option<crate::hub::record::Hours>,
    translation: &Option<String>,
) -> bool {
    hours_notes(hours).is_none_or(|notes| put_translation(notes, translation))
}

impl PublicService {
    /// Puts the texts of `language` in place. The extras (fees, how to
    /// start, alert, eligibility, notes, documents) say they are in
    /// `language` only when every one the service has is translated.
    fn localize(&mut self, texts: &LocalizedService, language: &str) {
        let service = &mut self.service;
        if let Some(name) = &texts.name {
            service.name = name.clone();
        }
        let Some(description) = &texts.description_html else {
            return;
        };
        self.description_html = description.clone();
        self.text_lang = language.to_string();
        let mut eligibility = service
            .eligibility
            .as_ref()
            .and_then(|e| e.description.clone());
        let mut interpretation_note = service.interpretation.as_ref().and_then(|i| i.note.clone());
        let mut documents =
            (!service.required_documents.is_empty()).then(|| service.required_documents.clone());
        let complete = [
            put_translation(&mut service.fees_description, &texts.fees_description),
            put_translation(&mut service.application_process, &texts.application_process),
            put_translation(&mut service.alert, &texts.alert),
            put_translation(&mut eligibility, &texts.eligibility),
            put_translation(
                &mut service.access.confidentiality_note,
                &texts.confidentiality_note,
            ),
            put_translation(&mut interpretation_note, &texts.interpretation_note),
            put_hours_notes(&mut service.hours, &texts.hours_notes),
            match &texts.required_documents {
                Some(translated) => {
                    documents = Some(translated.clone());
                    true
                }
                None => documents.is_none(),
            },
        ]
        .into_iter()
        .all(|translated| translated);
        if let Some(description) = service.eligibility.as_mut() {
            description.description = eligibility;
        }
        if let Some(interpretation) = service.interpretation.as_mut() {
            interpretation.note = interpretation_note;
        }
        service.required_documents = documents.unwrap_or_default();
        if complete {
            self.extras_lang = language.to_string();
        }
    }
}

impl PublicPhone {
    /// This phone with its label and hours notes in `language`.
    fn localized(&self, texts: &PhoneTranslation, language: &str) -> PublicPhone {
        let mut phone = self.clone();
        let mut label = Some(phone.phone.label.clone());
        let complete = put_translation(&mut label, &texts.label)
            & put_hours_notes(&mut phone.phone.hours, &texts.hours_notes);
        phone.phone.label = label.unwrap_or_default();
        if complete {
            phone.text_lang = language.to_string();
        }
        phone
    }
}

impl PublicLocation {
    /// This location with its name, directions and notes in `language`.
    fn localized(&self, texts: &LocationTranslation, language: &str) -> PublicLocation {
        let mut place = self.clone();
        let location = &mut place.location;
        let complete = [
            put_translation(&mut location.name, &texts.name),
            put_translation(&mut location.transit, &texts.transit),
            put_translation(
                &mut location.accessibility_notes,
                &texts.accessibility_notes,
            ),
            put_translation(&mut location.notes, &texts.notes),
            put_hours_notes(&mut location.hours, &texts.hours_notes),
        ]
        .into_iter()
        .all(|translated| translated);
        if complete {
            place.text_lang = language.to_string();
        }
        place
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicPhone {
    #[serde(flatten)]
    pub phone: Phone,
    /// `tel:` or `sms:` link, none for fax.
    pub href: Option<String>,
    /// Language of the label and hours notes shown.
    pub text_lang: String,
}

/// A location as pages show it: a confidential one without its address.
#[derive(Debug, Clone, Serialize)]
pub struct PublicLocation {
    #[serde(flatten)]
    pub location: Location,
    /// Language of the name, directions and notes shown.
    pub text_lang: String,
}

impl std::ops::Deref for PublicLocation {
    type Target = Location;

    fn deref(&self) -> &Location {
        &self.location
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicLink {
    #[serde(flatten)]
    pub link: Link,
    /// Language of the label shown.
    pub text_lang: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicService {
    #[serde(flatten)]
    pub service: Service,
    pub description_html: String,
    pub phone_refs: Vec<Arc<PublicPhone>>,
    pub location_refs: Vec<Arc<PublicLocation>>,
    /// Interpretation languages plus direct languages, for filters.
    pub all_languages: Vec<String>,
    /// Language of the name and description shown.
    pub text_lang: String,
    /// Language of the fees, application process and alert shown: the
    /// page's when every one of them is translated.
    pub extras_lang: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct County {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GuideRef {
    pub slug: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Guide {
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    pub order: i64,
    pub updated: Option<String>,
    pub html: String,
    pub headings: Vec<Heading>,
    pub related_partners: Vec<GuideRef>,
    pub related_categories: Vec<String>,
    pub edit_url: Option<String>,
    pub source_path: String,
    /// Language of the text: the hub's default, or the translation's.
    pub lang: String,
    /// `<slug>.<lang>.md` files, by language.
    #[serde(skip)]
    pub translations: BTreeMap<String, Guide>,
}

impl Guide {
    /// The guide in `language` when translated, else as written.
    pub fn localized(&self, language: &str) -> Guide {
        let mut guide = self.translations.get(language).unwrap_or(self).clone();
        guide.translations = BTreeMap::new();
        guide
    }
}

pub struct Modelled {
    pub site: Site,
    pub private: PrivateValues,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn build(hub: Hub, today: Date, include_drafts: bool) -> Modelled {
    build_cached(hub, today, include_drafts, &mut ModelCache::one_shot())
}

/// Partners modelled by an earlier build, by file, with the text they were
/// modelled from: `haven serve` keeps one, so an edit re-models only the
/// records that changed. Valid while what a record's model reads from the
/// rest of the hub (link targets, guide titles, settings, the date) is the
/// same; when that changes, every record is modelled again.
#[derive(Default)]
pub struct ModelCache {
    partners: Memo<PathBuf, Text, ModelledPartner>,
    /// By file, with a hash of the text and the names of the partners the
    /// guide relates to.
    guides: Memo<PathBuf, u64, ModelledGuide>,
    /// By file, with the text and whether a private overlay adds to it.
    private: Memo<PathBuf, (Text, bool), Arc<PartnerPrivate>>,
    /// A guide's heading anchors, by file, with its text.
    headings: Memo<PathBuf, Text, Arc<BTreeSet<String>>>,
}

impl ModelCache {
    /// Remembers nothing: for a build that runs once.
    pub fn one_shot() -> Self {
        ModelCache {
            partners: Memo::one_shot(),
            guides: Memo::one_shot(),
            private: Memo::one_shot(),
            headings: Memo::one_shot(),
        }
    }
}

type ModelledGuide = (Guide, Vec<Diagnostic>);

/// Records modelled side by side at a time.
const MODEL_CHUNK: usize = 256;

#[derive(Clone)]
struct ModelledPartner {
    public: Arc<PublicPartner>,
    diagnostics: Vec<Diagnostic>,
}

/// Whether each partner is published, and the ids of those that are not
/// (drafts unless `include_drafts`, stale records), noted in `summary`.
fn publication(
    hub: &Hub,
    today: Date,
    include_drafts: bool,
    summary: &mut ContentSummary,
) -> (Vec<bool>, BTreeSet<String>) {
    let mut is_published: Vec<bool> = Vec::with_capacity(hub.partners.len());
    let mut unpublished = BTreeSet::new();
    for partner in &hub.partners {
        let record = &partner.record;
        let stale = freshness(&record.last_verified, today, &hub.config) == Freshness::Stale;
        let published = if !record.published && !include_drafts {
            summary.drafts.push(record.id.clone());
            false
        } else if stale {
            summary.hidden_stale.push(record.id.clone());
            false
        } else {
            true
        };
        if !published {
            unpublished.insert(record.id.clone());
        }
        is_published.push(published);
    }
    (is_published, unpublished)
}

/// Everything a link in a record or guide may point at.
fn link_targets(
    hub: &Hub,
    visible_guides: &[&LoadedGuide],
    is_published: &[bool],
    unpublished: BTreeSet<String>,
    headings: &mut Memo<PathBuf, Text, Arc<BTreeSet<String>>>,
) -> LinkTargets {
    LinkTargets {
        // A guide's anchors in every language it is written in, so a
        // translation can link to the translated headings of another.
        guides: {
            let guides = with_translations(hub, visible_guides);
            headings.start(0);
            let anchors = headings.map(
                &guides,
                |guide| guide.file.path.clone(),
                |guide| Text(guide.file.text.clone()),
                |guide| Arc::new(markdown::heading_ids(&guide.body)),
            );
            let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for (guide, anchors) in guides.iter().zip(anchors) {
                let anchors = anchors.iter().cloned();
                if guide.language.is_none() {
                    ids.insert(guide.slug.clone(), anchors.collect());
                } else if let Some(known) = ids.get_mut(&guide.slug) {
                    known.extend(anchors);
                }
            }
            ids
        },
        partners: hub
            .partners
            .iter()
            .zip(is_published)
            .filter(|(_, published)| **published)
            .map(|(p, _)| p.record.id.clone())
            .collect(),
        unpublished_partners: unpublished,
        static_files: hub
            .static_files
            .iter()
            .map(|s| s.output_path.clone())
            .collect(),
        unreadable: hub
            .unreadable_guides
            .iter()
            .map(|slug| format!("guides/{slug}.md"))
            .chain(
                hub.unreadable_partners
                    .iter()
                    .map(|id| format!("partners/{id}.yaml")),
            )
            .collect(),
        translations: hub
            .guides
            .iter()
            .filter(|g| visible_guides.iter().any(|v| v.slug == g.slug))
            .filter_map(|g| Some((g.slug.clone(), g.language.clone()?)))
            .collect(),
        default_language: hub.config.default_language.clone(),
    }
}

/// The published guides, then the translations of them: `<slug>.<lang>.md`
/// translates a published guide; one without its original is not built.
fn with_translations<'h>(hub: &'h Hub, visible_guides: &[&'h LoadedGuide]) -> Vec<&'h LoadedGuide> {
    let translations = hub.guides.iter().filter(|translation| {
        translation.language.is_some() && visible_guides.iter().any(|g| g.slug == translation.slug)
    });
    visible_guides
        .iter()
        .copied()
        .chain(translations.map(|translation| &**translation))
        .collect()
}

/// The published guides with their translations, each re-used from
/// `memo` while its text and its related partners' names are the same.
fn model_guides(
    hub: &Hub,
    visible_guides: &[&LoadedGuide],
    partners: &[Arc<PublicPartner>],
    targets: &LinkTargets,
    memo: &mut Memo<PathBuf, u64, ModelledGuide>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Guide> {
    let partner_names: BTreeMap<&str, &str> = partners
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    // Guides and their translations, in parallel, each re-used from the
    // cache while its text and its related partners' names are the same.
    let to_model = with_translations(hub, visible_guides);
    let built = memo.map(
        &to_model,
        |guide| guide.file.path.clone(),
        |guide| {
            let mut hasher = std::hash::DefaultHasher::new();
            guide.file.text.hash(&mut hasher);
            for id in &guide.front_matter.related_partners {
                partner_names.get(id.as_str()).hash(&mut hasher);
            }
            hasher.finish()
        },
        |guide| {
            let mut found = Vec::new();
            let built = build_guide(guide, &hub.config, targets, &partner_names, &mut found);
            (built, found)
        },
    );
    let mut guides: Vec<Guide> = Vec::with_capacity(visible_guides.len());
    for (guide, (built, found)) in to_model.iter().zip(built) {
        diagnostics.extend(found);
        if guide.language.is_none() {
            guides.push(built);
        } else if let Some(original) = guides.iter_mut().find(|g| g.slug == guide.slug) {
            original.translations.insert(built.lang.clone(), built);
        }
    }
    guides
}

pub fn build_cached(
    mut hub: Hub,
    today: Date,
    include_drafts: bool,
    cache: &mut ModelCache,
) -> Modelled {
    let mut diagnostics = Vec::new();
    let mut summary = ContentSummary::default();
    let config = &hub.config;

    // Internal values first: the records are then modelled, and a one-shot
    // build drops each as soon as it is.
    let private = private_values(&hub, &mut cache.private);
    let (is_published, unpublished) = publication(&hub, today, include_drafts, &mut summary);

    let visible_guides: Vec<&LoadedGuide> = hub
        .guides
        .iter()
        .map(|g| &**g)
        .filter(|g| g.language.is_none())
        .filter(|g| {
            if g.front_matter.draft && !include_drafts {
                summary.draft_guides.push(g.slug.clone());
                false
            } else {
                true
            }
        })
        .collect();

    let targets = link_targets(
        &hub,
        &visible_guides,
        &is_published,
        unpublished,
        &mut cache.headings,
    );
    let guide_titles: BTreeMap<&str, &str> = visible_guides
        .iter()
        .map(|g| (g.slug.as_str(), g.front_matter.title.as_str()))
        .collect();

    let context = {
        let mut hasher = std::hash::DefaultHasher::new();
        (&targets, &guide_titles, today, &hub.config_file.text).hash(&mut hasher);
        hasher.finish()
    };
    cache.partners.start(context);
    cache.guides.start(context);
    let mut partners: Vec<Arc<PublicPartner>> = Vec::with_capacity(hub.partners.len());
    let mut records = std::mem::take(&mut hub.partners)
        .into_iter()
        .zip(is_published)
        .filter_map(|(partner, published)| published.then_some(partner));
    // A chunk at a time, so a one-shot build (whose records nothing else
    // holds) frees each chunk's records before modelling the next.
    loop {
        let chunk: Vec<Arc<LoadedPartner>> = records.by_ref().take(MODEL_CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        // Markdown and sanitizing per record, in parallel.
        let modelled = cache.partners.map(
            &chunk,
            |partner| partner.file.path.clone(),
            |partner| Text(partner.file.text.clone()),
            |partner| {
                let mut found = Vec::new();
                let public = public_partner(
                    partner,
                    config,
                    &hub.taxonomies,
                    &targets,
                    &guide_titles,
                    today,
                    &mut found,
                );
                ModelledPartner {
                    public: Arc::new(public),
                    diagnostics: found,
                }
            },
        );
        for done in modelled {
            partners.push(done.public);
            diagnostics.extend(done.diagnostics);
        }
    }
    partners.sort_by(|a, b| {
        sort_key(&a.name)
            .cmp(&sort_key(&b.name))
            .then(a.id.cmp(&b.id))
    });
    summary.aging = partners
        .iter()
        .filter(|p| p.aging)
        .map(|p| p.id.clone())
        .collect();

    let mut guides = model_guides(
        &hub,
        &visible_guides,
        &partners,
        &targets,
        &mut cache.guides,
        &mut diagnostics,
    );
    guides.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.title.cmp(&b.title)));

    let counties: BTreeSet<County> = partners
        .iter()
        .flat_map(|p| p.counties.iter().cloned())
        .collect();

    Modelled {
        site: Site {
            config: hub.config.clone(),
            taxonomies: hub.taxonomies,
            partners,
            guides,
            counties: counties.into_iter().collect(),
            static_files: hub.static_files,
            templates: hub.templates,
            strings: hub.strings,
            root: hub.root,
            summary,
        },
        private,
        diagnostics,
    }
}

/// What one partner file adds to the private values: the names it makes
/// public, what it publishes (if it has private data, its own or an
/// overlay's) and its own internal values.
struct PartnerPrivate {
    public_names: Vec<String>,
    published: Option<Arc<str>>,
    values: Vec<PrivateValue>,
}

fn partner_private(partner: &LoadedPartner, has_overlay: bool) -> PartnerPrivate {
    let record = &partner.record;
    let published: Option<Arc<str>> = (record.internal.is_some() || has_overlay).then(|| {
        if record.published {
            published_text(&partner.file.text).into()
        } else {
            "".into()
        }
    });
    let mut private = PrivateValues::default();
    if let Some(internal) = &record.internal {
        let owner = Owner {
            name: &record.name,
            text: published.clone().unwrap_or_else(|| "".into()),
            path: &partner.file.path,
        };
        collect_private(internal, &partner.file.path, &owner, &mut private);
    }
    PartnerPrivate {
        public_names: public_names_of(record),
        published,
        values: private.values,
    }
}

/// Every internal value of the hub's records and private overlays, each
/// partner's share kept in `memo` while its file is the same.
fn private_values(
    hub: &Hub,
    memo: &mut Memo<PathBuf, (Text, bool), Arc<PartnerPrivate>>,
) -> PrivateValues {
    let mut private = PrivateValues::default();
    let public_names: BTreeMap<&str, &str> = hub
        .partners
        .iter()
        .map(|p| (p.record.id.as_str(), p.record.name.as_str()))
        .collect();
    private.public_names.push(hub.config.title.clone());
    let with_overlay: BTreeSet<&str> = hub.overlays.iter().map(|o| o.id.as_str()).collect();
    let has_overlay = |partner: &LoadedPartner| with_overlay.contains(partner.record.id.as_str());
    memo.start(0);
    let per_partner = memo.map(
        &hub.partners,
        |partner| partner.file.path.clone(),
        |partner| (Text(partner.file.text.clone()), has_overlay(partner)),
        |partner| Arc::new(partner_private(partner, has_overlay(partner))),
    );
    let mut published: BTreeMap<&str, (Arc<str>, &Path)> = BTreeMap::new();
    for (partner, found) in hub.partners.iter().zip(&per_partner) {
        private
            .public_names
            .extend(found.public_names.iter().cloned());
        if let Some(text) = &found.published {
            published.insert(&partner.record.id, (text.clone(), &partner.file.path));
        }
        private.values.extend(found.values.iter().cloned());
    }
    for overlay in &hub.overlays {
        let (text, path) = published
            .get(overlay.id.as_str())
            .cloned()
            .unwrap_or_else(|| ("".into(), overlay.path.as_path()));
        let owner = Owner {
            name: public_names
                .get(overlay.id.as_str())
                .copied()
                .unwrap_or_default(),
            text,
            path,
        };
        collect_private(&overlay.internal, &overlay.path, &owner, &mut private);
    }
    private
}

/// The record that private values belong to.
struct Owner<'a> {
    name: &'a str,
    text: Arc<str>,
    path: &'a Path,
}

/// A partner file as far as it is published: without comment lines and
/// without its top-level `internal:` block.
fn published_text(file: &str) -> String {
    let mut text = String::with_capacity(file.len());
    let mut in_internal = false;
    for line in file.lines() {
        let top_level = !line.starts_with([' ', '\t']) && !line.trim().is_empty();
        if top_level && !line.starts_with('#') {
            in_internal = line.starts_with("internal:");
        }
        if in_internal || line.trim_start().starts_with('#') {
            continue;
        }
        text.push_str(line);
        text.push('\n');
    }
    text
}

/// The names a record makes public: of the partner, its places and the
/// areas it serves.
fn public_names_of(record: &crate::hub::record::PartnerRecord) -> Vec<String> {
    let mut names = vec![record.name.clone()];
    names.extend(record.alternate_names.iter().cloned());
    names.extend(record.coverage.areas.iter().map(|area| area.name.clone()));
    for location in &record.locations {
        names.extend(location.name.iter().cloned());
        if let Some(address) = &location.address {
            names.extend([address.street.clone(), address.city.clone()]);
        }
        if let Some(area) = &location.general_area {
            names.extend(area.city.iter().chain(&area.county).cloned());
        }
    }
    names
}

fn collect_private(
    internal: &crate::hub::record::Internal,
    path: &std::path::Path,
    owner: &Owner<'_>,
    private: &mut PrivateValues,
) {
    for (field, value) in internal.string_values() {
        let value = value.trim();
        // A survivor leader's consented name is both internal and public.
        if !value.is_empty() && value != owner.name {
            private.values.push(PrivateValue {
                value: value.to_string(),
                path: path.to_path_buf(),
                field,
                published_by_record: owner.text.clone(),
                record_path: owner.path.to_path_buf(),
            });
        }
    }
}

/// Names sort without regard to case or a leading "The".
fn sort_key(name: &str) -> String {
    let lower = name.to_lowercase();
    lower
        .strip_prefix("the ")
        .map(str::to_string)
        .unwrap_or(lower)
}

/// Renders a Markdown field of a record to HTML: (text, field path).
type RenderField<'f> = dyn FnMut(&str, &str) -> String + 'f;

/// Each translation's texts, with its Markdown rendered.
fn localized_texts(
    record: &PartnerRecord,
    render_field: &mut RenderField<'_>,
) -> BTreeMap<String, LocalizedPartner> {
    let mut localized = BTreeMap::new();
    for (language, translation) in &record.translations {
        let field = |name: &str| format!("translations.{language}.{name}");
        let services = translation
            .services
            .iter()
            .map(|(id, service)| {
                let description = service
                    .description
                    .as_ref()
                    .map(|text| render_field(text, &field(&format!("services.{id}.description"))));
                (
                    id.clone(),
                    LocalizedService {
                        name: service.name.clone(),
                        description_html: description,
                        fees_description: service.fees_description.clone(),
                        application_process: service.application_process.clone(),
                        alert: service.alert.clone(),
                        eligibility: service.eligibility.clone(),
                        confidentiality_note: service.confidentiality_note.clone(),
                        interpretation_note: service.interpretation_note.clone(),
                        required_documents: service.required_documents.clone(),
                        hours_notes: service.hours_notes.clone(),
                    },
                )
            })
            .collect();
        localized.insert(
            language.clone(),
            LocalizedPartner {
                name: translation.name.clone(),
                summary: translation.summary.clone(),
                description_html: translation
                    .description
                    .as_ref()
                    .map(|text| render_field(text, &field("description"))),
                services,
                phones: translation.phones.clone(),
                locations: translation.locations.clone(),
                links: translation.links.clone(),
            },
        );
    }
    localized
}

/// The record's services, pointing at the partner's phones and locations
/// they mention.
fn public_services(
    record: &PartnerRecord,
    phones: &[Arc<PublicPhone>],
    locations: &[Arc<PublicLocation>],
    config: &HubConfig,
    render_field: &mut RenderField<'_>,
) -> Vec<PublicService> {
    record
        .services
        .iter()
        .enumerate()
        .map(|(index, service)| {
            let description_html = render_field(
                &service.description,
                &format!("services[{index}].description"),
            );
            let mut all_languages = service.languages.clone();
            if let Some(interpretation) = &service.interpretation {
                all_languages.extend(interpretation.languages.iter().cloned());
            }
            dedupe(&mut all_languages);
            PublicService {
                description_html,
                phone_refs: first_mentions(&service.phones)
                    .filter_map(|id| phones.iter().find(|p| &p.phone.id == id).cloned())
                    .collect(),
                location_refs: first_mentions(&service.locations)
                    .filter_map(|id| locations.iter().find(|l| &l.id == id).cloned())
                    .collect(),
                all_languages,
                text_lang: config.default_language.clone(),
                extras_lang: config.default_language.clone(),
                service: service.clone(),
            }
        })
        .collect()
}

/// Where a partner is filed: the service areas and populations of its
/// services (in taxonomy order), the languages it works in, its counties.
struct Classified {
    categories: Vec<String>,
    populations: Vec<String>,
    languages: Vec<String>,
    counties: Vec<County>,
}

impl Classified {
    fn of(record: &PartnerRecord, taxonomies: &Taxonomies) -> Self {
        let in_taxonomy_order = |kind, codes: Vec<&String>| -> Vec<String> {
            let wanted: BTreeSet<&str> = codes.into_iter().map(String::as_str).collect();
            taxonomies
                .codes(kind)
                .into_iter()
                .filter(|code| wanted.contains(code))
                .map(str::to_string)
                .collect()
        };
        let categories = in_taxonomy_order(
            crate::hub::taxonomy::Kind::ServiceAreas,
            record.services.iter().flat_map(|s| &s.categories).collect(),
        );
        let populations = in_taxonomy_order(
            crate::hub::taxonomy::Kind::Populations,
            record
                .services
                .iter()
                .flat_map(|s| &s.populations)
                .collect(),
        );
        let mut languages: Vec<String> = record
            .services
            .iter()
            .flat_map(|s| s.languages.iter())
            .chain(record.phones.iter().flat_map(|p| p.languages.iter()))
            .cloned()
            .collect();
        dedupe(&mut languages);
        let mut counties: Vec<County> = record
            .coverage
            .areas
            .iter()
            .filter(|area| area.kind == AreaKind::County)
            .map(|area| County {
                slug: slugify_name(&area.name),
                name: area.name.clone(),
            })
            .collect();
        counties.sort();
        counties.dedup();
        Classified {
            categories,
            populations,
            languages,
            counties,
        }
    }
}

fn public_partner(
    partner: &LoadedPartner,
    config: &HubConfig,
    taxonomies: &Taxonomies,
    targets: &LinkTargets,
    guide_titles: &BTreeMap<&str, &str>,
    today: Date,
    diagnostics: &mut Vec<Diagnostic>,
) -> PublicPartner {
    let record = &partner.record;
    let mut render_field = |text: &str, field: &str| {
        let rendered = markdown::render(
            text,
            markdown::Context {
                base_dir: "partners",
                top_heading_level: 3,
                translation_of: None,
            },
            targets,
        );
        // Raw HTML in record fields is rule E152 of validation, for drafts too.
        for problem in rendered
            .problems
            .into_iter()
            .filter(|p| p.code != rules::RAW_HTML)
        {
            diagnostics.push(
                problem
                    .into_diagnostic(&partner.file.path, partner.locator.find(field))
                    .field(field),
            );
        }
        rendered.html
    };
    let description_html = render_field(&record.description, "description");
    let localized = localized_texts(record, &mut render_field);
    let phones: Vec<Arc<PublicPhone>> = record
        .phones
        .iter()
        .map(|phone| Arc::new(public_phone(phone, config)))
        .collect();
    let public_locations: Vec<Arc<PublicLocation>> = record
        .locations
        .iter()
        .map(|location| {
            Arc::new(PublicLocation {
                location: public_location(location),
                text_lang: config.default_language.clone(),
            })
        })
        .collect();
    let services = public_services(
        record,
        &phones,
        &public_locations,
        config,
        &mut render_field,
    );
    let Classified {
        categories,
        populations,
        languages,
        counties,
    } = Classified::of(record, taxonomies);

    let source_path = path_string(&partner.file.path);
    let logo = record
        .logo
        .as_deref()
        .and_then(crate::hub::record::logo_place);
    PublicPartner {
        id: record.id.clone(),
        kind: record.kind,
        status: record.status,
        name: record.name.clone(),
        alternate_names: record.alternate_names.clone(),
        summary: record.summary.clone(),
        description_html,
        description: record.description.clone(),
        partner_types: record.partner_types.clone(),
        focus_issues: record.focus_issues.clone(),
        website: record.website.clone(),
        logo_path: match &logo {
            Some(crate::hub::record::LogoPlace::Static(path)) => Some(format!("/{path}")),
            _ => None,
        },
        logo_url: match logo {
            Some(crate::hub::record::LogoPlace::Static(path)) => {
                Some(format!("{}/{path}", config.base_url.trim_end_matches('/')))
            }
            Some(crate::hub::record::LogoPlace::External(url)) => Some(url),
            None => None,
        },
        email: record.email.clone(),
        legal_status: record.legal_status,
        year_incorporated: record.year_incorporated,
        identifiers: record.identifiers.clone(),
        access: AccessFacts::of(&services, &phones),
        hotlines: phones.iter().filter(|p| p.phone.hotline).cloned().collect(),
        primary_phone: phones
            .iter()
            .find(|p| p.phone.hotline)
            .or(phones.first())
            .cloned(),
        phones,
        locations: public_locations,
        coverage: record.coverage.clone(),
        services,
        links: record
            .links
            .iter()
            .map(|link| PublicLink {
                link: link.clone(),
                text_lang: config.default_language.clone(),
            })
            .collect(),
        guides: record
            .guides
            .iter()
            .filter_map(|slug| {
                guide_titles.get(slug.as_str()).map(|title| GuideRef {
                    slug: slug.clone(),
                    title: title.to_string(),
                })
            })
            .collect(),
        tags: record.tags.clone(),
        translations: record.translations.clone(),
        last_verified: record.last_verified.clone(),
        aging: freshness(&record.last_verified, today, config) == Freshness::Aging,
        counties,
        categories,
        populations,
        languages,
        edit_url: edit_url(config, &source_path),
        source_path,
        text_lang: config.default_language.clone(),
        localized,
    }
}

/// A confidential location loses anything that could place it, even if
/// validation was bypassed (`--drafts` previews, future rule changes).
fn public_location(location: &Location) -> Location {
    let mut location = location.clone();
    if location.visibility == Some(Visibility::Confidential) {
        location.address = None;
        location.geo = None;
    }
    location
}

pub fn public_phone(phone: &Phone, config: &HubConfig) -> PublicPhone {
    PublicPhone {
        href: phone_href(
            &phone.number,
            phone.extension.as_deref(),
            phone.kind,
            phone.text_keyword.is_some(),
            &config.default_country,
        ),
        phone: phone.clone(),
        text_lang: config.default_language.clone(),
    }
}

/// `tel:`/`sms:` link for a number as people write it ("+1 505-555-0142",
/// "1-800-4-A-CHILD", "(505) 555-0170 ext. 12", "988"), built from the
/// parsed number; none for a fax, or for a number validation refuses
/// (E050–E053), which is then never a link that dials something else.
pub fn phone_href(
    number: &str,
    extension: Option<&str>,
    kind: PhoneKind,
    has_keyword: bool,
    country: &str,
) -> Option<String> {
    let dial = crate::hub::dial::parse(number, extension, kind, country).ok()?;
    crate::hub::dial::href(&dial, kind, has_keyword)
}

fn build_guide(
    guide: &LoadedGuide,
    config: &HubConfig,
    targets: &LinkTargets,
    partner_names: &BTreeMap<&str, &str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Guide {
    let rendered = markdown::render(
        &guide.body,
        markdown::Context {
            base_dir: "guides",
            top_heading_level: 2,
            translation_of: guide
                .language
                .as_deref()
                .map(|language| (guide.slug.as_str(), language)),
        },
        targets,
    );
    for problem in rendered.problems {
        let position = position_in(&guide.body, problem.offset, guide.body_line_offset);
        diagnostics.push(problem.into_diagnostic(&guide.file.path, Some(position)));
    }
    let front = &guide.front_matter;
    let source_path = path_string(&guide.file.path);
    Guide {
        slug: guide.slug.clone(),
        title: front.title.clone(),
        summary: front.summary.clone(),
        order: front.order.unwrap_or(i64::MAX),
        updated: front.updated.clone(),
        html: rendered.html,
        headings: rendered
            .headings
            .into_iter()
            .filter(|h| h.level <= 3)
            .collect(),
        related_partners: front
            .related_partners
            .iter()
            .filter_map(|id| {
                partner_names.get(id.as_str()).map(|name| GuideRef {
                    slug: id.clone(),
                    title: name.to_string(),
                })
            })
            .collect(),
        related_categories: front.related_categories.clone(),
        edit_url: edit_url(config, &source_path),
        source_path,
        lang: guide
            .language
            .clone()
            .unwrap_or_else(|| config.default_language.clone()),
        translations: BTreeMap::new(),
    }
}

/// Line and column (1-based) of byte `offset` in `text`, shifted by the
/// lines that precede `text` in its file.
fn position_in(text: &str, offset: usize, line_offset: usize) -> Position {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1 + line_offset;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Position { line, column }
}

fn edit_url(config: &HubConfig, source_path: &str) -> Option<String> {
    config
        .edit_url_template
        .as_ref()
        .map(|template| template.replace("{path}", source_path))
}

fn path_string(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Each reference once, in the order first written (W102 reports repeats).
fn first_mentions(references: &[String]) -> impl Iterator<Item = &String> {
    references
        .iter()
        .enumerate()
        .filter(|(index, id)| !references[..*index].contains(id))
        .map(|(_, id)| id)
}

fn dedupe(values: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    values.retain(|v| seen.insert(v.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_names_become_ascii_slugs() {
        assert_eq!(slugify_name("Piñon Valley County"), "pinon-valley-county");
    }

    #[test]
    fn positions_count_lines_from_the_file_start() {
        assert_eq!(position_in("a\nbc", 3, 4), Position { line: 6, column: 2 });
    }
}
