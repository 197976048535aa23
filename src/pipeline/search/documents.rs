//! What search knows about the site: every partner is one document, every
//! guide one document per `##` section. Text goes into weighted fields; the
//! facts a result shows and the facet values come along.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use serde_json::json;

use crate::hub::record::{Cost, Visibility};
use crate::hub::taxonomy::Kind;
use crate::pipeline::fast_map::FastMap;
use crate::pipeline::model::{AccessFacts, Guide, PublicPartner, Site};
use crate::pipeline::output::fnv1a;
use crate::pipeline::search::a32;
use crate::pipeline::search::synonyms::{FREE_WORDS, POPULATION_WORDS, SERVICE_AREA_WORDS};
use crate::pipeline::search::text::{html_text, markdown_text};

/// A field's bit in a posting's mask and its weight in ranking
/// (docs/search.md): what a record says directly (its names, then its
/// summary and descriptions, then its own tags, categories and places)
/// over what its categories imply (everyday words of a service area),
/// which never outranks a direct match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Partner and alternate names; guide titles.
    Name,
    /// Service names.
    Service,
    /// Categories, populations, languages, tags; guide headings.
    Tags,
    /// Summary and descriptions of the partner and its services.
    Summary,
    /// Counties and cities.
    Place,
    /// Guide text.
    Body,
    /// Words a service area implies (`synonyms.rs`).
    Implied,
}

impl Field {
    pub const ALL: [Field; 7] = [
        Field::Name,
        Field::Service,
        Field::Tags,
        Field::Summary,
        Field::Place,
        Field::Body,
        Field::Implied,
    ];

    pub fn bit(self) -> u8 {
        1 << Field::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }

    pub fn weight(self) -> u32 {
        match self {
            Field::Name => 16,
            Field::Service => 12,
            Field::Summary => 8,
            Field::Tags | Field::Place => 4,
            Field::Body => 2,
            Field::Implied => 1,
        }
    }
}

/// One piece of text of a document, in one language (for stemming).
#[derive(Debug, Clone)]
pub struct Text {
    pub field: Field,
    pub language: String,
    pub text: String,
}

/// A document's texts, with a hash of them: all its analysis depends on.
#[derive(Debug)]
pub struct Texts {
    pub pieces: Vec<Text>,
    pub key: u64,
}

impl Texts {
    pub fn new(pieces: Vec<Text>) -> Texts {
        let mut bytes = Vec::new();
        for piece in &pieces {
            bytes.push(piece.field.bit());
            bytes.extend_from_slice(piece.language.as_bytes());
            bytes.push(0);
            bytes.extend_from_slice(piece.text.as_bytes());
            bytes.push(0);
        }
        Texts {
            key: fnv1a(&bytes),
            pieces,
        }
    }

    /// The key alone, which finds the texts' analysis once they are
    /// analysed.
    pub fn key_only(&self) -> Texts {
        Texts {
            pieces: Vec::new(),
            key: self.key,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Document {
    /// Shared between the indexes of every language, and between builds
    /// of `haven serve`.
    pub texts: Arc<Texts>,
    /// What a result shows (see `search.js`, `row`), as JSON text.
    pub display: String,
    /// Value indices per facet, in [`Facets::specs`] order; empty for guides.
    pub facet_values: Vec<Vec<u32>>,
}

/// A facet: partners are filtered by its values. `all` facets (access
/// facts) require every checked value; the others any of them.
#[derive(Debug, Clone)]
pub struct FacetSpec {
    pub key: &'static str,
    pub all: bool,
    /// `(code, label)` in display order.
    pub values: Vec<(String, String)>,
    pub counts: Vec<u32>,
}

pub const ACCESS_FLAGS: [&str; 4] = ["free", "no_police", "always_open", "walk_in"];

/// Partners first (by name, so ties rank alphabetically), then guide
/// sections; plus the facets over the partners.
/// Labels and names are those of `page_language`; texts are indexed in
/// every language they are written in.
/// Partners' searchable texts by id: the same for every language's index.
pub type TextCache = HashMap<String, Arc<Texts>>;

/// Prepares (in parallel) the texts of the partners `cache` does not hold,
/// `chunk` partners at a time; `keep` decides what the cache keeps of
/// each chunk's texts (a build analyses them and keeps their keys).
pub fn prepare_texts(
    site: &Site,
    cache: &mut TextCache,
    chunk: usize,
    mut keep: impl FnMut(Vec<Arc<Texts>>) -> Vec<Arc<Texts>>,
) {
    let language = site.config.default_language.as_str();
    let missing: Vec<&PublicPartner> = site
        .partners
        .iter()
        .filter(|partner| !cache.contains_key(&partner.id))
        .map(|partner| &**partner)
        .collect();
    for partners in missing.chunks(chunk.max(1)) {
        let texts: Vec<Arc<Texts>> = partners
            .par_iter()
            .map(|partner| {
                let languages = &facet_codes(partner)[2];
                Arc::new(Texts::new(partner_texts(
                    site, partner, languages, language,
                )))
            })
            .collect();
        let ids = partners.iter().map(|partner| partner.id.clone());
        cache.extend(ids.zip(keep(texts)));
    }
}

/// What one language's index takes from a partner, apart from facet
/// positions (which depend on every partner): kept by `haven serve`
/// between rebuilds and forgotten when the partner's record changes.
#[derive(Debug)]
pub struct PartnerEntry {
    /// Equal scores rank by document order: partners with text in the
    /// page's language first (docs/search.md), then by name.
    untranslated: bool,
    folded_name: String,
    /// Service areas, populations, languages, counties.
    codes: [Vec<String>; 4],
    /// Languages staff speak, apart from those only an interpreter covers.
    staff: Vec<String>,
    flags: Vec<u32>,
    /// The display's JSON before and after its facet positions.
    lead: String,
    tail: String,
}

/// What one language's index keeps between rebuilds of `haven serve`.
#[derive(Default)]
pub struct LanguageCache {
    /// Partners' entries by id.
    pub partners: HashMap<String, Arc<PartnerEntry>>,
    /// Guides' documents by a hash of what they are made from.
    guides: HashMap<u64, Vec<Document>>,
    /// What [`collect`] made last.
    collected: Collected,
}

/// The documents and facets of one language's index, with what an edit
/// of a few partners needs to patch them in place.
#[derive(Default)]
struct Collected {
    documents: Vec<Document>,
    facets: Vec<FacetSpec>,
    /// The partners' ids and entries in document order.
    ids: Vec<String>,
    entries: Vec<Arc<PartnerEntry>>,
    /// The guides' keys in the site's order.
    guide_keys: Vec<u64>,
}

impl LanguageCache {
    /// The documents [`collect`] made: partners, then guide sections.
    pub fn documents(&self) -> &[Document] {
        &self.collected.documents
    }

    /// The facets over the partners of [`LanguageCache::documents`].
    pub fn facets(&self) -> &[FacetSpec] {
        &self.collected.facets
    }
}

impl PartnerEntry {
    /// Whether a document made from `other` sorts, filters and counts as
    /// one made from this entry does: then only its own document changes.
    fn same_place(&self, other: &PartnerEntry) -> bool {
        (
            self.untranslated,
            &self.folded_name,
            &self.codes,
            &self.staff,
            &self.flags,
        ) == (
            other.untranslated,
            &other.folded_name,
            &other.codes,
            &other.staff,
            &other.flags,
        )
    }
}

/// The documents of the index for pages in `page_language`, with the
/// partners' texts from `texts` (see [`prepare_texts`]), left in `kept`
/// ([`LanguageCache::documents`]); what `kept` holds is used again, and it
/// then holds what this index used.
pub fn collect(site: &Site, page_language: &str, texts: &TextCache, kept: &mut LanguageCache) {
    let guide_keys: Vec<u64> = site
        .guides
        .iter()
        .map(|guide| guide_key(guide.translations.get(page_language).unwrap_or(guide)))
        .collect();
    if !patch(site, page_language, texts, kept, &guide_keys) {
        collect_all(site, page_language, texts, kept, guide_keys);
    }
}

/// Makes again the documents of the partners `kept` has no entry for (an
/// edit changed them), in place, when every partner is where it was and
/// filters as it did: the other documents and the facets stay as they are.
/// False when that is not so (a partner added, removed, renamed, or
/// classified otherwise; a guide changed): then nothing changed.
fn patch(
    site: &Site,
    page_language: &str,
    texts: &TextCache,
    kept: &mut LanguageCache,
    guide_keys: &[u64],
) -> bool {
    let language = site.config.default_language.as_str();
    let LanguageCache {
        partners: kept_entries,
        collected: last,
        ..
    } = kept;
    if last.ids.len() != site.partners.len() || last.guide_keys != guide_keys {
        return false;
    }
    let mut changed = Vec::new();
    for partner in &site.partners {
        if kept_entries.contains_key(&partner.id) {
            continue;
        }
        let Some(at) = last.ids.iter().position(|id| *id == partner.id) else {
            return false;
        };
        let entry = partner_entry(partner, page_language, language);
        if !entry.same_place(&last.entries[at]) {
            return false;
        }
        changed.push((at, &**partner, Arc::new(entry)));
    }
    // Every partner kept is one of the last (forgotten ones are not kept),
    // the others were found among them, and there are as many: the same.
    if kept_entries.len() + changed.len() != site.partners.len() {
        return false;
    }
    let positions = facet_positions(&last.facets);
    for (at, partner, entry) in changed {
        last.documents[at] = partner_document_in(site, partner, &entry, texts, &positions);
        last.entries[at] = entry.clone();
        kept_entries.insert(partner.id.clone(), entry);
    }
    true
}

/// Each facet's values by code, with their positions.
fn facet_positions(facets: &[FacetSpec]) -> Vec<FastMap<&str, u32>> {
    facets
        .iter()
        .map(|facet| {
            facet
                .values
                .iter()
                .enumerate()
                .map(|(i, (code, _))| (code.as_str(), i as u32))
                .collect()
        })
        .collect()
}

/// A partner's document, its facet values at `positions`.
fn partner_document_in(
    site: &Site,
    partner: &PublicPartner,
    entry: &PartnerEntry,
    texts: &TextCache,
    positions: &[FastMap<&str, u32>],
) -> Document {
    let mut facet_values: Vec<Vec<u32>> = entry
        .codes
        .iter()
        .zip(positions)
        .map(|(codes, positions)| sorted_positions(codes, positions))
        .collect();
    facet_values.push(entry.flags.clone());
    let texts = texts.get(&partner.id).cloned().unwrap_or_else(|| {
        Arc::new(Texts::new(partner_texts(
            site,
            partner,
            &entry.codes[2],
            site.config.default_language.as_str(),
        )))
    });
    let staff = sorted_positions(&entry.staff, &positions[2]);
    partner_document(entry, texts, facet_values, &staff)
}

/// [`collect`] from the start.
fn collect_all(
    site: &Site,
    page_language: &str,
    texts: &TextCache,
    kept: &mut LanguageCache,
    guide_keys: Vec<u64>,
) {
    let language = site.config.default_language.as_str();
    let mut entries_used = HashMap::with_capacity(site.partners.len());
    let mut partners: Vec<(&PublicPartner, Arc<PartnerEntry>)> = site
        .partners
        .iter()
        .map(|partner| {
            let entry = kept
                .partners
                .remove(&partner.id)
                .unwrap_or_else(|| Arc::new(partner_entry(partner, page_language, language)));
            entries_used.insert(partner.id.clone(), entry.clone());
            (&**partner, entry)
        })
        .collect();
    kept.partners = entries_used;
    partners.sort_by(|(a, a_entry), (b, b_entry)| {
        (a_entry.untranslated, &a_entry.folded_name, &a.id).cmp(&(
            b_entry.untranslated,
            &b_entry.folded_name,
            &b.id,
        ))
    });

    let codes: Vec<&[Vec<String>; 4]> = partners.iter().map(|(_, entry)| &entry.codes).collect();
    let mut facets = facet_specs(site, &codes, page_language);
    let mut counts: Vec<Vec<u32>> = facets.iter().map(|f| vec![0; f.values.len()]).collect();
    let positions = facet_positions(&facets);
    let mut documents = Vec::with_capacity(partners.len() + site.guides.len() * 4);
    for (partner, entry) in &partners {
        let document = partner_document_in(site, partner, entry, texts, &positions);
        for (counts, values) in counts.iter_mut().zip(&document.facet_values) {
            for value in values {
                counts[*value as usize] += 1;
            }
        }
        documents.push(document);
    }
    for (facet, counts) in facets.iter_mut().zip(counts) {
        facet.counts = counts;
    }
    let mut guides_used = HashMap::with_capacity(site.guides.len());
    for (guide, key) in site.guides.iter().zip(&guide_keys) {
        let shown = guide.translations.get(page_language).unwrap_or(guide);
        let made = kept
            .guides
            .remove(key)
            .unwrap_or_else(|| guide_documents(shown, &shown.lang));
        documents.extend(made.iter().cloned());
        guides_used.insert(*key, made);
    }
    kept.guides = guides_used;
    let (ids, entries) = partners
        .into_iter()
        .map(|(partner, entry)| (partner.id.clone(), entry))
        .unzip();
    kept.collected = Collected {
        documents,
        facets,
        ids,
        entries,
        guide_keys,
    };
}

/// The positions of `codes` among a facet's values, in order; codes the
/// facet does not list are left out.
fn sorted_positions(codes: &[String], positions: &FastMap<&str, u32>) -> Vec<u32> {
    let mut found: Vec<u32> = codes
        .iter()
        .filter_map(|code| positions.get(code.as_str()).copied())
        .collect();
    found.sort_unstable();
    found
}

fn partner_entry(partner: &PublicPartner, page_language: &str, language: &str) -> PartnerEntry {
    let untranslated = page_language != language
        && partner
            .localized
            .get(page_language)
            .is_none_or(|texts| texts.description_html.is_none());
    let codes = facet_codes(partner).map(|codes| {
        codes
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<String>>()
    });
    let staff = codes[2]
        .iter()
        .filter(|code| partner.languages.contains(*code))
        .cloned()
        .collect();
    let phone = partner.primary_phone.as_ref();
    let lead = json!([
        display_name(partner, page_language),
        partner.id,
        phone.map_or("", |p| p.phone.number.as_str()),
        phone.and_then(|p| p.href.as_deref()).unwrap_or(""),
    ])
    .to_string();
    let tail = json!([
        shortened(partner.texts_in(page_language).summary.unwrap_or("")),
        service_names(partner, page_language),
        a32::encode(badges(partner)),
    ])
    .to_string();
    PartnerEntry {
        untranslated,
        folded_name: crate::pipeline::search::text::fold(display_name(partner, page_language)),
        codes,
        staff,
        flags: access_flags(partner),
        lead: lead[1..lead.len() - 1].to_string(),
        tail: tail[1..tail.len() - 1].to_string(),
    }
}

/// The name a page in `language` shows.
fn display_name<'a>(partner: &'a PublicPartner, language: &str) -> &'a str {
    partner
        .localized
        .get(language)
        .and_then(|texts| texts.name.as_deref())
        .unwrap_or(&partner.name)
}

/// Characters of a summary a result line shows: about one line on a phone,
/// which keeps the display data a first query loads small.
const RESULT_SUMMARY_CHARS: usize = 110;
/// Service names a result line can show (the ones a query matched).
const RESULT_SERVICES: usize = 6;

/// `text` cut after a word near [`RESULT_SUMMARY_CHARS`], with "…".
fn shortened(text: &str) -> String {
    if text.chars().count() <= RESULT_SUMMARY_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(RESULT_SUMMARY_CHARS).collect();
    let at_word = cut.rfind(char::is_whitespace).unwrap_or(cut.len());
    format!(
        "{}…",
        cut[..at_word].trim_end_matches(|c: char| !c.is_alphanumeric())
    )
}

/// The names of a partner's services a page in `language` shows: a result
/// line names the ones a query matched.
fn service_names<'a>(partner: &'a PublicPartner, language: &str) -> Vec<&'a str> {
    let localized = partner.localized.get(language);
    partner
        .services
        .iter()
        .take(RESULT_SERVICES)
        .map(|service| {
            localized
                .and_then(|texts| texts.services.get(&service.service.id))
                .and_then(|texts| texts.name.as_deref())
                .unwrap_or(&service.service.name)
        })
        .collect()
}

/// Codes per facet: service areas, populations, languages, counties, and
/// the access flags; the order of [`facet_specs`].
fn facet_codes(partner: &PublicPartner) -> [Vec<&str>; 4] {
    let mut languages: Vec<&str> = partner.languages.iter().map(String::as_str).collect();
    for service in &partner.services {
        languages.extend(service.all_languages.iter().map(String::as_str));
    }
    languages.sort_unstable();
    languages.dedup();
    [
        partner.categories.iter().map(String::as_str).collect(),
        partner.populations.iter().map(String::as_str).collect(),
        languages,
        partner.counties.iter().map(|c| c.slug.as_str()).collect(),
    ]
}

fn access_flags(partner: &PublicPartner) -> Vec<u32> {
    let access = &partner.access;
    let flags = [
        access.free,
        access.no_police,
        access.always_open,
        access.walk_in,
    ];
    (0..flags.len() as u32)
        .filter(|i| flags[*i as usize])
        .collect()
}

fn facet_specs(site: &Site, raw: &[&[Vec<String>; 4]], language: &str) -> Vec<FacetSpec> {
    let taxonomy = |kind: Kind, codes: Vec<String>| -> Vec<(String, String)> {
        codes
            .into_iter()
            .map(|code| {
                let label = site.taxonomies.label(kind, &code, language).to_string();
                (code, label)
            })
            .collect()
    };
    let used = |slot: usize| -> BTreeMap<&str, u32> {
        let mut counts = BTreeMap::new();
        for codes in raw {
            for code in &codes[slot] {
                *counts.entry(code.as_str()).or_insert(0) += 1;
            }
        }
        counts
    };
    let areas: Vec<String> = site
        .taxonomies
        .codes(Kind::ServiceAreas)
        .into_iter()
        .map(str::to_string)
        .collect();
    let used_populations = used(1);
    let populations: Vec<String> = site
        .taxonomies
        .codes(Kind::Populations)
        .into_iter()
        .filter(|code| used_populations.contains_key(*code))
        .map(str::to_string)
        .collect();
    // Languages most partners speak first: what an advocate looks for.
    let language_counts = used(2);
    let mut languages: Vec<String> = language_counts.keys().map(|c| c.to_string()).collect();
    languages.sort_by_key(|code| std::cmp::Reverse(language_counts[code.as_str()]));
    let counties: Vec<(String, String)> = site
        .counties
        .iter()
        .map(|c| (c.slug.clone(), c.name.clone()))
        .collect();
    let flags = ACCESS_FLAGS
        .iter()
        .map(|flag| (flag.to_string(), String::new()))
        .collect();
    [
        ("area", false, taxonomy(Kind::ServiceAreas, areas)),
        (
            "population",
            false,
            taxonomy(Kind::Populations, populations),
        ),
        ("language", false, taxonomy(Kind::Languages, languages)),
        ("county", false, counties),
        ("access", true, flags),
    ]
    .into_iter()
    .map(|(key, all, values)| FacetSpec {
        key,
        all,
        counts: vec![0; values.len()],
        values,
    })
    .collect()
}

fn partner_document(
    entry: &PartnerEntry,
    texts: Arc<Texts>,
    facet_values: Vec<Vec<u32>>,
    staff: &[u32],
) -> Document {
    let interpreted = facet_values[2]
        .iter()
        .copied()
        .filter(|i| !staff.contains(i));
    let display = format!(
        "[{},\"{}\",\"{}\",\"{}\",{},\"{}\"]",
        entry.lead,
        a32::encode(facet_values[0].iter().copied()),
        a32::encode(staff.iter().copied()),
        a32::encode(facet_values[3].iter().copied()),
        entry.tail,
        a32::encode(interpreted),
    );
    Document {
        texts,
        display,
        facet_values,
    }
}

/// Badge numbers of a result line: [`AccessFacts::BADGES`] by position,
/// then "possibly out of date" as the next number.
fn badges(partner: &PublicPartner) -> Vec<u32> {
    let mut numbers: Vec<u32> = partner
        .access
        .badges()
        .iter()
        .filter_map(|code| AccessFacts::BADGES.iter().position(|c| c == code))
        .map(|i| i as u32)
        .collect();
    if partner.aging {
        numbers.push(AccessFacts::BADGES.len() as u32);
    }
    numbers
}

/// What search finds a partner by, in `language` (the hub's) and the
/// languages of its translations and taxonomy labels.
fn partner_texts(
    site: &Site,
    partner: &PublicPartner,
    languages: &[impl AsRef<str>],
    language: &str,
) -> Vec<Text> {
    let mut texts = Vec::new();
    let mut add = |field: Field, language: &str, text: String| {
        if !text.trim().is_empty() {
            texts.push(Text {
                field,
                language: language.to_string(),
                text,
            });
        }
    };
    add(Field::Name, language, partner.name.clone());
    for alternate in &partner.alternate_names {
        add(Field::Name, language, alternate.clone());
    }
    add(
        Field::Summary,
        language,
        partner.summary.clone().unwrap_or_default(),
    );
    add(
        Field::Summary,
        language,
        html_text(&partner.description_html),
    );
    add(Field::Tags, language, partner.tags.join(" "));
    for service in &partner.services {
        add(Field::Service, language, service.service.name.clone());
        add(
            Field::Summary,
            language,
            html_text(&service.description_html),
        );
    }
    add(
        Field::Place,
        language,
        partner
            .counties
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    for location in &partner.locations {
        if !matches!(location.visibility, Some(Visibility::Confidential)) {
            if let Some(address) = &location.address {
                add(Field::Place, language, address.city.clone());
            }
        }
    }
    // Labels in every language the taxonomy knows, so "abogado" finds legal
    // help on an English page.
    for (kind, codes) in [
        (Kind::ServiceAreas, &partner.categories),
        (Kind::Populations, &partner.populations),
    ] {
        for code in codes {
            if let Some(term) = site.taxonomies.find(kind, code) {
                for (label_language, label) in &term.labels {
                    add(Field::Tags, label_language, label.clone());
                }
            }
        }
    }
    for (codes, words) in [
        (&partner.categories, SERVICE_AREA_WORDS),
        (&partner.populations, POPULATION_WORDS),
    ] {
        for code in codes {
            if let Some((_, english, spanish)) = words.iter().find(|(c, _, _)| c == code) {
                add(Field::Implied, "en", english.to_string());
                add(Field::Implied, "es", spanish.to_string());
            }
        }
    }
    if partner
        .services
        .iter()
        .any(|s| matches!(s.service.cost, Cost::Free))
    {
        add(Field::Implied, "en", FREE_WORDS.0.to_string());
        add(Field::Implied, "es", FREE_WORDS.1.to_string());
    }
    for code in languages {
        if let Some(term) = site.taxonomies.find(Kind::Languages, code.as_ref()) {
            for (label_language, label) in &term.labels {
                add(Field::Tags, label_language, label.clone());
            }
        }
    }
    for (translation_language, translation) in &partner.translations {
        let lang = translation_language.as_str();
        if let Some(name) = &translation.name {
            add(Field::Name, lang, name.clone());
        }
        if let Some(summary) = &translation.summary {
            add(Field::Summary, lang, summary.clone());
        }
        if let Some(description) = &translation.description {
            add(Field::Summary, lang, markdown_text(description));
        }
        for service in translation.services.values() {
            if let Some(name) = &service.name {
                add(Field::Service, lang, name.clone());
            }
            if let Some(description) = &service.description {
                add(Field::Summary, lang, markdown_text(description));
            }
        }
    }

    texts
}

/// A hash of what a guide's documents are made from.
fn guide_key(guide: &Guide) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    (&guide.slug, &guide.title, &guide.summary, &guide.lang).hash(&mut hasher);
    guide.html.hash(&mut hasher);
    hasher.finish()
}

/// One document per `##` section; text before the first section belongs
/// to the guide's title.
fn guide_documents(guide: &Guide, language: &str) -> Vec<Document> {
    let mut documents = Vec::new();
    let mut sections = guide.html.split("<h2 id=\"");
    let intro = sections.next().unwrap_or_default();
    let mut push = |anchor: &str, heading: &str, body: &str| {
        let mut texts = vec![Text {
            field: Field::Name,
            language: language.to_string(),
            text: guide.title.clone(),
        }];
        if !heading.is_empty() {
            texts.push(Text {
                field: Field::Tags,
                language: language.to_string(),
                text: heading.to_string(),
            });
        } else if let Some(summary) = &guide.summary {
            texts.push(Text {
                field: Field::Summary,
                language: language.to_string(),
                text: summary.clone(),
            });
        }
        texts.push(Text {
            field: Field::Body,
            language: language.to_string(),
            text: html_text(body),
        });
        documents.push(Document {
            texts: Arc::new(Texts::new(texts)),
            display: json!([guide.title, guide.slug, anchor, heading]).to_string(),
            facet_values: Vec::new(),
        });
    };
    push("", "", intro);
    for section in sections {
        let Some((anchor, rest)) = section.split_once('"') else {
            continue;
        };
        let (heading_html, body) = rest.split_once("</h2>").unwrap_or((rest, ""));
        let heading = html_text(heading_html.trim_start_matches('>'));
        push(anchor, heading.trim(), body);
    }
    documents
}
