//! The page set of README.md: which pages exist, at which paths, with
//! which template and context. Links in templates are site paths ("/x/");
//! post-processing makes them relative.

use crate::diagnostics::rules;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::diagnostics::Diagnostic;
use crate::hub::i18n::Strings;
use crate::hub::markdown;
use crate::hub::taxonomy::{Kind, Term};
use crate::pipeline::fast_map::FastMap;
use crate::pipeline::model::{PublicPartner, Site};
use crate::pipeline::output::{fnv1a, OutputFile};
use crate::pipeline::render::templates::{self, template_diagnostic};
use crate::pipeline::render::values::{Fragments, Listing, Looks, ValueCache};
use crate::pipeline::render::{assets, theme, RenderError};
use crate::pipeline::search::SearchIndex;

/// Fills a page's template context. Contexts are built only when the page
/// renders, so a large hub never holds every page's context at once.
type Fill<'a> = Box<dyn Fn(&mut Context) + Send + Sync + 'a>;

/// One HTML page to render.
struct Page<'a> {
    /// Output file, e.g. `partners/x/index.html`.
    output: String,
    template: &'static str,
    info: PageInfo,
    fill: Fill<'a>,
    /// Which language edition of the site it belongs to.
    edition: usize,
    shows: Shows,
}

/// Which records a page shows beyond the site-wide values, so a rebuild
/// after an edit re-renders only the pages that show what changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shows {
    /// Partner ids: the page shows more of these partners than a list
    /// does, or what it shows depends on them (counts).
    pub partners: Subset,
    /// The partners a list shows as lists do (their cards), each as the
    /// hash of what it shows of them ([`Listing::looks`]), in the page's
    /// order: the page changes when this does.
    pub cards: Subset,
    /// Guide slugs.
    pub guides: Subset,
    /// The search panel: the index's file name and facet counts.
    pub search: bool,
    /// For a page of a paginated list, how many records the whole list
    /// has: the page changes when the list grows or shrinks (its count,
    /// its neighbours' boundaries) even if it shows no edited record.
    pub listed: usize,
    /// For a page that counts partners per term (`/services/`): a hash of
    /// each term it shows and its count, in the page's order. An edit that
    /// moves no partner in or out of a term leaves the page as it was.
    pub counts: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Subset {
    #[default]
    None,
    /// A hash of each id (slug), in the page's order: one small
    /// allocation for a page of a list, where a site records thousands of
    /// pages at every rebuild, and a rebuild asks every page whether it
    /// shows an edited record. Two ids hashing alike (64 bits: about one
    /// chance in 10^11 among 10,000 partners) would make a page look as if
    /// it showed the other too.
    Some(Box<[u64]>),
    All,
}

impl Subset {
    fn of<'s>(ids: impl IntoIterator<Item = &'s String>) -> Subset {
        Subset::of_hashes(ids.into_iter().map(|id| id_hash(id)))
    }

    /// [`Subset::of`] the ids of these hashes ([`id_hash`]).
    fn of_hashes(hashes: impl IntoIterator<Item = u64>) -> Subset {
        let hashes: Box<[u64]> = hashes.into_iter().collect();
        if hashes.is_empty() {
            Subset::None
        } else {
            Subset::Some(hashes)
        }
    }

    pub fn shows_any(&self, ids: &BTreeSet<String>) -> bool {
        match self {
            Subset::None => false,
            Subset::All => !ids.is_empty(),
            Subset::Some(shown) => ids
                .iter()
                .filter(|id| !id.is_empty())
                .any(|id| shown.contains(&id_hash(id))),
        }
    }
}

/// What [`Subset`] keeps of an id.
fn id_hash(id: &str) -> u64 {
    fnv1a(id.as_bytes())
}

/// The pages rendered, and what every page of the site shows (rendered
/// or not).
pub struct Rendered {
    pub files: Vec<OutputFile>,
    /// HTML pages rendered.
    pub pages: usize,
    /// Output path → what the page shows, for every page of the site.
    pub shows: BTreeMap<String, Shows>,
    /// What the placeholders in the pages stand for.
    pub fragments: Fragments,
}

impl Page<'_> {
    fn context(&self, site: &Site, language: &str, switcher: &[Alternate]) -> Context {
        let mut context = Context::new();
        context.insert("page", &self.info.in_edition(site, language, switcher));
        (self.fill)(&mut context);
        context
    }
}

/// A list page for one code of a taxonomy: a service area, a population, a
/// language or a county.
#[derive(Serialize, Clone)]
struct TermInfo {
    /// `services`, `populations`, `languages`, `counties`: the URL segment.
    section: &'static str,
    code: String,
    label: String,
    description: Option<String>,
    count: usize,
}

/// What becomes of each page once it is rendered, side by side: a build
/// finishes and writes it at once and keeps nothing (`None`); `haven
/// serve` keeps it. List pages carry placeholders for their partners'
/// fragments, which `Fragments` holds.
pub type PageSink<'s> = dyn Fn(OutputFile, &Fragments) -> Option<OutputFile> + Sync + 's;

/// Renders the pages `wanted` picks by output path and what they show, in
/// every language of the hub (with search indexes, one per language, the
/// search page and panel too), each handed to `sink`; the site's other
/// files (assets, sitemap, robots.txt, `_headers`) are always included in
/// what it returns. The index files are the caller's to write.
///
/// The search indexes may still be in the making: `search` waits for
/// them, and only the pages that show the search panel need them, so
/// they are rendered after the others of their batch.
pub fn render_selected<'s>(
    site: &Site,
    search: &dyn Fn() -> &'s [SearchIndex],
    wanted: &(dyn Fn(&str, &Shows) -> bool + Sync),
    values: &mut ValueCache,
    sink: &PageSink<'_>,
) -> Result<Rendered, RenderError> {
    let languages = site.config.site_languages();
    let prepared = theme_assets(site);
    let looks = values.looks(looks_key(site, &prepared.paths), || {
        let strings = Arc::new(ui_strings(site, &languages)?);
        let engine = templates::engine(
            &site.templates,
            strings.clone(),
            Arc::new(site.taxonomies.clone()),
            Arc::new(prepared.paths.clone()),
            &site.config.default_language,
            site.config.default_timezone.as_deref(),
        )
        .map_err(|diagnostics| RenderError { diagnostics })?;
        Ok(Looks { strings, engine })
    })?;
    let (strings, engine) = (&looks.strings, &looks.engine);
    let tera = &engine.tera;

    let Editions {
        sites: editions,
        site_values,
        switcher,
    } = Editions::of(site, &languages);
    // Every language has an index when search is on.
    let searched = site.config.search.enabled;
    let mut search_values: Option<Vec<Option<Value>>> = None;
    // Which partners each term lists: the same in every language.
    let members = Members::of(site);
    // The pages that show the search panel with `with_search` (the panel's
    // values per edition), the others without.
    let render_all =
        |pages: &[Page<'_>], with_search: Option<&[Option<Value>]>, fragments: &Fragments| {
            pages
                .par_iter()
                .filter(|page| page.shows.search == with_search.is_some())
                .filter(|page| wanted(&page.output, &page.shows))
                .map(|page| {
                    let language = &languages[page.edition];
                    let mut context = page.context(site, language, &switcher);
                    context.insert("lang", language);
                    context.insert_value("site", site_values[page.edition].clone());
                    match with_search.map(|values| &values[page.edition]) {
                        Some(Some(panel)) => context.insert_value("search", panel.clone()),
                        // Elsewhere `search` only says there is a search page.
                        None if searched => context.insert("search", &true),
                        _ => {}
                    }
                    templates::in_language(language, || tera.render(page.template, &context))
                        .map(|html| {
                            let page = OutputFile {
                                path: page.output.clone(),
                                contents: html.into_bytes(),
                            };
                            sink(page, fragments)
                        })
                        .map_err(|error| {
                            template_diagnostic(&error, &engine.sources, Some(&page.output))
                        })
                })
                .collect::<Vec<Result<Option<OutputFile>, Diagnostic>>>()
        };

    let mut rendered = Vec::new();
    let mut shown: Vec<(String, Shows)> = Vec::new();
    // Thousands of partner pages, of which an edit wants a few: each is
    // listed by its path and what it shows, and made only if wanted.
    // First, as they need neither the lists' values nor the search index.
    let partner_pages: Vec<_> = (0..editions.len())
        .into_par_iter()
        .map(|edition_index| {
            let (edition, language) = (&editions[edition_index], &languages[edition_index]);
            let prefix = language_prefix(site, language);
            let listed: Vec<(String, Shows)> = edition
                .partners
                .iter()
                .map(|partner| (partner_output(&prefix, partner), partner_shows(partner)))
                .collect();
            let made = edition
                .partners
                .iter()
                .zip(&listed)
                .filter(|(_, (output, shows))| wanted(output, shows))
                .map(|(partner, _)| partner_page(partner, language))
                .collect();
            let made = in_edition(made, site, language, edition_index);
            (listed, made)
        })
        .collect();
    // Partner pages print no placeholders.
    let fragments = Fragments::default();
    for (listed, made) in partner_pages {
        rendered.extend(render_all(&made, None, &fragments));
        shown.extend(listed);
    }

    // Then every other page. Each partner becomes a
    // template value once per language, which the pages that list it
    // share instead of serializing the partner again. A build renders
    // them a language at a time and lets go of each language's values
    // before the next; `haven serve` keeps every language's values for
    // the next rebuild and renders all languages side by side.
    let batches: Vec<Vec<usize>> = if values.is_one_shot() {
        (0..languages.len()).map(|edition| vec![edition]).collect()
    } else {
        vec![(0..languages.len()).collect()]
    };
    for batch in batches {
        let partner_values: Vec<(usize, Listing)> = batch
            .into_iter()
            .map(|edition_index| {
                let language = &languages[edition_index];
                let values = values.edition(language, &site.partners, tera, &engine.sources)?;
                Ok((edition_index, values))
            })
            .collect::<Result<_, Diagnostic>>()
            .map_err(|diagnostic| RenderError {
                diagnostics: vec![diagnostic],
            })?;
        // With thousands of partners, listing the pages is a good part of
        // a rebuild: each edition's are listed side by side.
        let pages: Vec<Page<'_>> = partner_values
            .par_iter()
            .flat_map(|(edition_index, partners)| {
                let (edition, language) = (&editions[*edition_index], &languages[*edition_index]);
                let mut list = page_list(edition, &members, partners, strings, language);
                if searched {
                    list.push(search_page(strings, language));
                }
                in_edition(list, site, language, *edition_index)
            })
            .collect();
        let fragments = values.fragments();
        rendered.extend(render_all(&pages, None, &fragments));
        let search_values =
            search_values.get_or_insert_with(|| search_panels(search(), &languages));
        rendered.extend(render_all(&pages, Some(search_values), &fragments));
        shown.extend(pages.into_iter().map(|page| (page.output, page.shows)));
        drop(partner_values);
        values.lists_rendered();
    }

    let mut files = prepared.files;
    let (page_count, kept) = pages_or_errors(rendered)?;
    files.extend(kept);
    files.extend(sitemaps(
        site,
        shown.iter().map(|(output, _)| output.as_str()),
    ));
    files.push(robots(site));
    files.push(headers_file(site));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Rendered {
        files,
        pages: page_count,
        shows: shown.into_iter().collect(),
        fragments,
    })
}

/// A hash of what the UI strings and the template engine are made from,
/// apart from the taxonomies (see [`Looks`]).
fn looks_key(site: &Site, asset_paths: &BTreeMap<String, String>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    for (name, file) in site.templates.iter().chain(&site.strings) {
        (name, &file.path, &*file.text).hash(&mut hasher);
    }
    (
        asset_paths,
        site.config.site_languages(),
        &site.config.default_language,
        &site.config.default_timezone,
    )
        .hash(&mut hasher);
    hasher.finish()
}

/// One edition of the site per language: the same pages, with texts in
/// that language where the hub has them, and what every page of an
/// edition shows as template values, made once per edition rather than
/// once per page.
struct Editions {
    sites: Vec<Site>,
    site_values: Vec<Value>,
    /// The language switcher's entries, paths filled in per page.
    switcher: Vec<Alternate>,
}

/// The search panel's values per edition, for editions with a search index.
fn search_panels(search: &[SearchIndex], languages: &[String]) -> Vec<Option<Value>> {
    languages
        .iter()
        .map(|language| {
            search
                .iter()
                .find(|index| &index.language == language)
                .map(|index| Value::from_serializable(&index.context()))
        })
        .collect()
}

impl Editions {
    fn of(site: &Site, languages: &[String]) -> Self {
        let sites: Vec<Site> = languages
            .iter()
            .map(|language| localized_site(site, language))
            .collect();
        let site_values = sites
            .iter()
            .zip(languages)
            .map(|(edition, language)| Value::from_serializable(&SiteInfo::new(edition, language)))
            .collect();
        let switcher = languages
            .iter()
            .map(|language| Alternate {
                lang: language.clone(),
                name: site
                    .taxonomies
                    .label(Kind::Languages, language, language)
                    .to_string(),
                path: String::new(),
            })
            .collect();
        Editions {
            sites,
            site_values,
            switcher,
        }
    }
}

/// The theme's stylesheets, scripts and images, with the hub's accent
/// colours added to the stylesheet, minified and fingerprinted.
fn theme_assets(site: &Site) -> assets::Assets {
    let brand_css = crate::hub::branding::stylesheet(&site.config.branding);
    let sources: BTreeMap<String, Vec<u8>> = theme::ASSETS
        .iter()
        .map(|(name, text)| {
            let mut bytes = text.as_bytes().to_vec();
            if *name == "style.css" {
                bytes.extend_from_slice(brand_css.as_bytes());
            }
            (name.to_string(), bytes)
        })
        .collect();
    assets::prepare(&sources, site.config.minify)
}

/// How many pages rendered and those kept, or every template error once
/// (a broken partial fails many pages the same way).
fn pages_or_errors(
    rendered: Vec<Result<Option<OutputFile>, Diagnostic>>,
) -> Result<(usize, Vec<OutputFile>), RenderError> {
    let mut count = 0;
    let mut kept = Vec::new();
    let mut diagnostics = Vec::new();
    for result in rendered {
        match result {
            Ok(page) => {
                count += 1;
                kept.extend(page);
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if diagnostics.is_empty() {
        return Ok((count, kept));
    }
    diagnostics.dedup_by(|a, b| {
        a.path == b.path
            && a.position == b.position
            && a.message.split(" (while").next() == b.message.split(" (while").next()
    });
    Err(RenderError { diagnostics })
}

/// The search page, for editions with a search index.
fn search_page<'a>(strings: &Strings, language: &str) -> Page<'a> {
    let s = |key: &str| string(strings, language, key).to_string();
    Page {
        output: "search/index.html".into(),
        template: "search.html",
        info: PageInfo::new(
            "/search/",
            &s("search_title"),
            &s("search_description"),
            "search",
        ),
        fill: Box::new(|_| {}),
        edition: 0,
        shows: Shows {
            search: true,
            ..Shows::default()
        },
    }
}

/// `pages` as pages of the edition in `language`, under its prefix (their
/// own paths and alternates are made when they render:
/// [`PageInfo::in_edition`]).
fn in_edition<'a>(
    pages: Vec<Page<'a>>,
    site: &Site,
    language: &str,
    edition_index: usize,
) -> Vec<Page<'a>> {
    let prefix = language_prefix(site, language);
    pages
        .into_iter()
        // Hosts serve one 404 page, from the root.
        .filter(|page| prefix.is_empty() || page.output != "404.html")
        .map(|mut page| {
            page.output.insert_str(0, &prefix);
            page.edition = edition_index;
            page
        })
        .collect()
}

/// A fingerprint of what every page shows of the site (crisis lines,
/// service areas with their counts, the number of partners): when it
/// changes, every page must be rendered again.
pub fn site_wide_fingerprint(site: &Site) -> u64 {
    let languages = site.config.site_languages();
    let infos: Vec<SiteInfo<'_>> = languages
        .iter()
        .map(|language| SiteInfo::new(site, language))
        .collect();
    fnv1a(&serde_json::to_vec(&infos).unwrap_or_default())
}

/// `""` for the default language, `"es/"` for Spanish.
pub fn language_prefix(site: &Site, language: &str) -> String {
    if language == site.config.default_language {
        String::new()
    } else {
        format!("{language}/")
    }
}

/// The site as a page in `language` shows it: guide texts translated where
/// the hub has translations, hub title and description from `translations`
/// in hub.yaml. Partners stay as they are: each page localizes the
/// partners it shows ([`PublicPartner::localized_shared`]).
fn localized_site(site: &Site, language: &str) -> Site {
    let mut edition = Site {
        config: site.config.clone(),
        taxonomies: site.taxonomies.clone(),
        partners: site.partners.clone(),
        guides: Vec::new(),
        counties: site.counties.clone(),
        static_files: Vec::new(),
        templates: BTreeMap::new(),
        strings: BTreeMap::new(),
        root: site.root.clone(),
        summary: Default::default(),
    };
    let (title, description) = site.config.title_in(language);
    edition.config.title = title.to_string();
    edition.config.description = description.to_string();
    edition.guides = site.guides.iter().map(|g| g.localized(language)).collect();
    edition
}

/// The theme's UI strings with the hub's `i18n/<lang>.yaml` over them.
/// Every language the site is built in needs every key: a missing one is
/// an error naming the language and the key.
fn ui_strings(site: &Site, languages: &[String]) -> Result<Strings, RenderError> {
    let mut strings = Strings::default();
    let mut diagnostics = Vec::new();
    for (language, source) in theme::STRINGS {
        let path = format!("themes/{}/i18n/{language}.yaml", theme::NAME);
        if let Err(diagnostic) = strings.add(language, source, Path::new(&path)) {
            diagnostics.push(diagnostic);
        }
    }
    for (language, file) in &site.strings {
        if let Err(diagnostic) = strings.add(language, &file.text, &file.path) {
            diagnostics.push(diagnostic);
        }
    }
    let reference = strings.keys("en");
    for language in languages {
        let missing: Vec<&str> = reference
            .iter()
            .filter(|key| strings.get(language, key).is_none())
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            let path = site.strings.get(language).map_or_else(
                || Path::new("i18n").join(format!("{language}.yaml")),
                |f| f.path.clone(),
            );
            diagnostics.push(
                Diagnostic::new(
                    rules::UI_STRINGS_MISSING,
                    path,
                    format!(
                        "language \"{language}\" has no UI string for {} key(s): {}",
                        missing.len(),
                        missing.join(", ")
                    ),
                )
                .help(format!(
                    "add every key of themes/{}/i18n/en.yaml, translated, to i18n/{language}.yaml in the hub",
                    theme::NAME
                )),
            );
        }
    }
    if diagnostics.is_empty() {
        Ok(strings)
    } else {
        Err(RenderError { diagnostics })
    }
}

/// Site-wide values in every template as `site`.
#[derive(Serialize)]
struct SiteInfo<'a> {
    /// The language record texts are written in (hub.yaml
    /// `default_language`); templates mark such text on other languages'
    /// pages with `lang`.
    default_lang: &'a str,
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    exit_url: &'a str,
    exit_label: Option<&'a str>,
    replace_history: bool,
    crisis_lines: Vec<CrisisLineInfo<'a>>,
    service_areas: Vec<TermInfo>,
    contact_form_url: Option<&'a str>,
    partner_count: usize,
    /// The Content-Security-Policy of every page (meta) and of `_headers`.
    csp: String,
    /// `branding.logo`, shown beside the title.
    logo: Option<SiteImage<'a>>,
    /// `branding.favicon`; the theme's neutral icon when none.
    favicon: Option<SiteImage<'a>>,
}

/// An image of `static/` the layout shows on every page.
#[derive(Serialize)]
struct SiteImage<'a> {
    src: String,
    mime: &'static str,
    alt: &'a str,
}

impl<'a> SiteImage<'a> {
    fn of(
        written: Option<&str>,
        types: &[(&str, &'static str)],
        alt: &'a str,
    ) -> Option<SiteImage<'a>> {
        let written = written?;
        Some(SiteImage {
            src: format!("/{}", crate::hub::branding::static_path(written)),
            mime: crate::hub::branding::image_type(written, types)?,
            alt,
        })
    }
}

#[derive(Serialize)]
struct CrisisLineInfo<'a> {
    label: &'a str,
    /// The language of `label` (the default one when not translated).
    label_lang: &'a str,
    number: &'a str,
    href: Option<String>,
    text_keyword: Option<&'a str>,
    always_open: bool,
}

impl<'a> SiteInfo<'a> {
    fn new(site: &'a Site, language: &'a str) -> Self {
        let config = &site.config;
        SiteInfo {
            default_lang: &config.default_language,
            title: &config.title,
            description: &config.description,
            base_url: &config.base_url,
            exit_url: &config.quick_exit.url,
            exit_label: config.quick_exit.label.as_deref(),
            replace_history: config.quick_exit.replace_history,
            crisis_lines: config
                .crisis_lines
                .iter()
                .map(|line| CrisisLineInfo {
                    label: line
                        .translations
                        .get(language)
                        .map_or(&line.label, |t| &t.label),
                    label_lang: if line.translations.contains_key(language) {
                        language
                    } else {
                        &config.default_language
                    },
                    number: &line.number,
                    href: crate::pipeline::model::phone_href(
                        &line.number,
                        None,
                        line.kind,
                        line.text_keyword.is_some(),
                        &config.default_country,
                    ),
                    text_keyword: line.text_keyword.as_deref(),
                    always_open: matches!(&line.hours, Some(crate::hub::record::Hours::Keyword(k)) if k == "24/7"),
                })
                .collect(),
            service_areas: service_area_terms(site, language),
            contact_form_url: config.contact_form_url.as_deref(),
            partner_count: site.partners.len(),
            csp: content_security_policy(config.contact_form_url.as_deref()),
            logo: SiteImage::of(
                config.branding.logo.as_deref(),
                &crate::hub::branding::IMAGE_TYPES,
                config.branding.logo_alt.as_deref().unwrap_or_default(),
            ),
            favicon: SiteImage::of(
                config.branding.favicon.as_deref(),
                &crate::hub::branding::ICON_TYPES,
                "",
            ),
        }
    }
}

fn service_area_terms(site: &Site, language: &str) -> Vec<TermInfo> {
    site.taxonomies
        .terms(Kind::ServiceAreas)
        .iter()
        .map(|term| TermInfo {
            section: "services",
            code: term.code.clone(),
            label: term.label(language).to_string(),
            description: term.description(language).map(str::to_string),
            count: site
                .partners
                .iter()
                .filter(|p| p.categories.contains(&term.code))
                .count(),
        })
        .collect()
}

fn string<'a>(strings: &'a Strings, language: &str, key: &'a str) -> &'a str {
    strings
        .get(language, key)
        .or_else(|| strings.get("en", key))
        .unwrap_or(key)
}

/// Partners a list page shows at most: a longer list goes on over numbered
/// pages, so no page grows with the hub (the print directory stays whole).
const PARTNERS_PER_PAGE: usize = 24;

/// One page of a list cut in pages: its items `first..end` of `count`.
/// Its links are made only when the page renders (see its `Serialize`):
/// a rebuild lists thousands of list pages and renders a few.
#[derive(Debug, Clone)]
struct Pagination {
    number: usize,
    total: usize,
    count: usize,
    first: usize,
    end: usize,
    /// The list's first page, e.g. `/services/legal/`.
    base: Arc<str>,
    url: String,
}

/// What the templates see as `pagination`.
#[derive(Serialize)]
struct PaginationValues<'p> {
    number: usize,
    total: usize,
    count: usize,
    first: usize,
    end: usize,
    url: &'p str,
    previous: Option<String>,
    next: Option<String>,
    /// The page links: the first and last pages and the current one with
    /// its neighbours, as `[number, path]`; `[0, ""]` stands for a gap of
    /// pages between them, so the links do not grow with the list.
    pages: Vec<(usize, String)>,
    /// "showing 25 to 44": the numbers as text, for the theme's string.
    shown_from: String,
    shown_to: String,
}

impl Serialize for Pagination {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (number, total) = (self.number, self.total);
        let url = |n: usize| page_url(&self.base, n);
        PaginationValues {
            number,
            total,
            count: self.count,
            first: self.first,
            end: self.end,
            url: &self.url,
            previous: (number > 1).then(|| url(number - 1)),
            next: (number < total).then(|| url(number + 1)),
            pages: page_links(number, total)
                .into_iter()
                .map(|n| (n, if n == 0 { String::new() } else { url(n) }))
                .collect(),
            shown_from: (self.first + 1).to_string(),
            shown_to: self.end.to_string(),
        }
        .serialize(serializer)
    }
}

/// The address of page `number` of the list whose first page is `base`.
fn page_url(base: &str, number: usize) -> String {
    if number == 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

impl Pagination {
    /// The list's title, with "page 2 of 3" (the theme's `pagination_page`
    /// string, `page_of`) after the first page.
    fn title(&self, list: &Arc<str>, page_of: &Arc<str>) -> Title {
        if self.number == 1 {
            return Title::Plain(list.clone());
        }
        Title::OfList {
            list: list.clone(),
            page_of: page_of.clone(),
            number: self.number,
            total: self.total,
        }
    }
}

/// A page's title. A rebuild lists thousands of pages of lists and
/// renders a few: "page 2 of 3" is worked out only for those.
#[derive(Clone)]
enum Title {
    Plain(Arc<str>),
    OfList {
        list: Arc<str>,
        page_of: Arc<str>,
        number: usize,
        total: usize,
    },
}

impl Serialize for Title {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Title::Plain(title) => serializer.serialize_str(title),
            Title::OfList {
                list,
                page_of,
                number,
                total,
            } => {
                let page = page_of
                    .replace("{n}", &number.to_string())
                    .replace("{total}", &total.to_string());
                serializer.serialize_str(&format!("{list}, {page}"))
            }
        }
    }
}

/// The page numbers a page of a list links to, as GOV.UK's pagination
/// does: the first and last, the current page and those on either side of
/// it, with 0 for a gap of two or more pages (a gap of one shows the page).
fn page_links(current: usize, total: usize) -> Vec<usize> {
    let mut shown: Vec<usize> = [1, current.saturating_sub(1), current, current + 1, total]
        .into_iter()
        .filter(|n| (1..=total).contains(n))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    let mut links = Vec::with_capacity(shown.len() + 2);
    for n in shown {
        match links.last() {
            Some(&last) if n == last + 2 => links.push(last + 1),
            Some(&last) if n > last + 2 => links.push(0),
            _ => {}
        }
        links.push(n);
    }
    links
}

/// The pages of a list of `count` items, `per_page` each (always at least
/// one page): the first at `base`, the others at `<base>page/<n>/`.
fn paginate(count: usize, per_page: usize, base: &str) -> Vec<Pagination> {
    let total = count.div_ceil(per_page).max(1);
    let base: Arc<str> = base.into();
    (1..=total)
        .map(|number| Pagination {
            number,
            total,
            count,
            first: ((number - 1) * per_page).min(count),
            end: (number * per_page).min(count),
            url: page_url(&base, number),
            base: base.clone(),
        })
        .collect()
}

/// The pages of one language edition; `partners` are the edition's
/// partners as list pages see them, in the same order.
fn page_list<'a>(
    site: &'a Site,
    members: &'a Members<'_>,
    partners: &'a Listing,
    strings: &Strings,
    language: &'a str,
) -> Vec<Page<'a>> {
    let mut pages = Pages {
        site,
        strings,
        language,
        pages: Vec::new(),
    };
    let sections = Arc::new(filter_sections(site, members, language, strings));
    pages.home();
    pages.partner_lists(partners, &sections);
    for section in sections.iter() {
        pages.term_pages(members, partners, section.clone());
    }
    pages.guides();
    pages.fixed(members, partners);
    pages.pages
}

/// The pages of one edition, as routes add them.
struct Pages<'a, 's> {
    site: &'a Site,
    strings: &'s Strings,
    language: &'a str,
    pages: Vec<Page<'a>>,
}

impl<'a> Pages<'a, '_> {
    fn push(
        &mut self,
        output: String,
        template: &'static str,
        info: PageInfo,
        shows: Shows,
        fill: Fill<'a>,
    ) {
        self.pages.push(Page {
            output,
            template,
            info,
            fill,
            edition: 0,
            shows,
        });
    }

    /// A UI string of the edition's language.
    fn s(&self, key: &str) -> String {
        string(self.strings, self.language, key).to_string()
    }

    /// [`Pages::s`], for many pages to share.
    fn shared(&self, key: &str) -> Arc<str> {
        string(self.strings, self.language, key).into()
    }

    /// `/`: the search box, the service areas and three guides.
    fn home(&mut self) {
        let site = self.site;
        let featured: Vec<_> = site.guides.iter().take(3).collect();
        self.push(
            "index.html".into(),
            "index.html",
            PageInfo::new("/", &site.config.title, &site.config.description, "home"),
            Shows {
                guides: Subset::All,
                search: true,
                ..Shows::default()
            },
            Box::new(move |c| {
                c.insert("featured_guides", &featured);
            }),
        );
    }

    /// `/partners/` and its further pages.
    fn partner_lists(&mut self, partners: &'a Listing, sections: &Arc<Vec<FilterSection>>) {
        let count = partners.values.len();
        let (list_title, page_of) = (
            self.shared("partners_title"),
            self.shared("pagination_page"),
        );
        let description = self.shared("partners_description");
        for pagination in paginate(count, PARTNERS_PER_PAGE, "/partners/") {
            let title = pagination.title(&list_title, &page_of);
            // Values are copied into the context only if the page renders.
            let shown = &partners.values[pagination.first..pagination.end];
            let filters = sections.clone();
            let on_page = &partners.looks[pagination.first..pagination.end];
            self.push(
                format!("{}index.html", &pagination.url[1..]),
                "partners.html",
                PageInfo::of_list(&pagination.url, title, description.clone(), "partners"),
                Shows {
                    cards: Subset::of_hashes(on_page.iter().copied()),
                    listed: count,
                    ..Shows::default()
                },
                Box::new(move |c| {
                    c.insert_value("partners", Value::from(shown.to_vec()));
                    c.insert("filters", &*filters);
                    c.insert("pagination", &pagination);
                }),
            );
        }
    }

    /// A section's list of terms (`/services/`) and each term's partners
    /// (`/services/<code>/`, paginated).
    fn term_pages(
        &mut self,
        members: &'a Members<'_>,
        partners: &'a Listing,
        section: FilterSection,
    ) {
        let page_of = self.shared("pagination_page");
        let section_title: Arc<str> = section.title.as_str().into();
        for term in &section.terms {
            let term_info = Arc::new(term.clone());
            let indices = members.of_term(section.section, &term.code);
            let url = format!("/{}/{}/", section.section, term.code);
            let description: Arc<str> =
                term.description.as_deref().unwrap_or(&section.intro).into();
            let list_title: Arc<str> = term.label.as_str().into();
            for pagination in paginate(indices.len(), PARTNERS_PER_PAGE, &url) {
                let title = pagination.title(&list_title, &page_of);
                let (key, section_title, term) =
                    (section.section, section_title.clone(), term_info.clone());
                let page_indices = &indices[pagination.first..pagination.end];
                let on_page = page_indices.iter().map(|&index| partners.looks[index]);
                self.push(
                    format!("{}index.html", &pagination.url[1..]),
                    "term.html",
                    PageInfo::of_list(&pagination.url, title, description.clone(), "term"),
                    Shows {
                        cards: Subset::of_hashes(on_page),
                        listed: indices.len(),
                        ..Shows::default()
                    },
                    Box::new(move |c| {
                        c.insert(
                            "section",
                            &SectionRef {
                                section: key,
                                title: &section_title,
                            },
                        );
                        c.insert("term", &*term);
                        let page_members: Vec<Value> = page_indices
                            .iter()
                            .map(|&index| partners.values[index].clone())
                            .collect();
                        c.insert_value("partners", Value::from(page_members));
                        c.insert("pagination", &pagination);
                    }),
                );
            }
        }
        let list_url = format!("/{}/", section.section);
        let counts = Shows {
            counts: terms_counted(&section.terms),
            ..Shows::default()
        };
        self.push(
            format!("{}/index.html", section.section),
            "terms.html",
            PageInfo::new(&list_url, &section.title, &section.intro, "terms"),
            counts,
            Box::new(move |c| {
                c.insert("section", &section);
            }),
        );
    }

    /// `/guides/` and each guide's page.
    fn guides(&mut self) {
        let site = self.site;
        self.push(
            "guides/index.html".into(),
            "guides.html",
            PageInfo::new(
                "/guides/",
                &self.s("guides_title"),
                &self.s("guides_description"),
                "guides",
            ),
            Shows {
                guides: Subset::All,
                ..Shows::default()
            },
            Box::new(move |c| {
                c.insert("guides", &site.guides);
            }),
        );
        for guide in &site.guides {
            let url = format!("/guides/{}/", guide.slug);
            self.push(
                format!("guides/{}/index.html", guide.slug),
                "guide.html",
                PageInfo::new(
                    &url,
                    &guide.title,
                    guide.summary.as_deref().unwrap_or(""),
                    "guide",
                ),
                // The page names its related partners.
                Shows {
                    guides: Subset::of([&guide.slug]),
                    partners: Subset::of(guide.related_partners.iter().map(|p| &p.slug)),
                    ..Shows::default()
                },
                Box::new(move |c| {
                    c.insert("guide", guide);
                }),
            );
        }
    }

    /// The pages every hub has once: safety, open data, print, 404.
    fn fixed(&mut self, members: &'a Members<'_>, partners: &'a Listing) {
        let (site, language) = (self.site, self.language);
        let safety = safety_page(site, language);
        self.push(
            "safety/index.html".into(),
            "safety.html",
            PageInfo::new("/safety/", &safety.title, &safety.summary, "safety"),
            Shows::default(),
            Box::new(move |c| {
                c.insert("content", &safety);
            }),
        );

        let data = DataPage::of(site);
        self.push(
            "data/index.html".into(),
            "data.html",
            PageInfo::new(
                "/data/",
                &self.s("data_title"),
                &self.s("data_summary"),
                "data",
            ),
            Shows::default(),
            Box::new(move |c| {
                c.insert("data", &data);
            }),
        );

        let areas: Vec<(&Term, &[usize])> = site
            .taxonomies
            .terms(Kind::ServiceAreas)
            .iter()
            .map(|term| (term, members.of_term("services", &term.code)))
            .collect();
        // Each area's code, then its partners' cards.
        let cards = areas.iter().flat_map(|(term, members)| {
            std::iter::once(id_hash(&term.code))
                .chain(members.iter().map(|&index| partners.looks[index]))
        });
        let shows = Shows {
            cards: Subset::of_hashes(cards),
            ..Shows::default()
        };
        self.push(
            "print/index.html".into(),
            "print.html",
            PageInfo::new(
                "/print/",
                &self.s("print_title"),
                &self.s("print_description"),
                "print",
            ),
            shows,
            Box::new(move |c| {
                let by_area: Vec<AreaGroup> = areas
                    .iter()
                    .map(|(term, members)| AreaGroup {
                        code: term.code.clone(),
                        label: term.label(language).to_string(),
                        partners: members
                            .iter()
                            .map(|&index| partners.values[index].clone())
                            .collect(),
                    })
                    .collect();
                c.insert("areas", &by_area);
            }),
        );

        self.push(
            "404.html".into(),
            "404.html",
            PageInfo::new(
                "/404.html",
                &self.s("not_found_title"),
                &self.s("not_found_description"),
                "not_found",
            ),
            Shows::default(),
            Box::new(|_| {}),
        );
    }
}

/// [`Shows::counts`] of a page listing these terms.
fn terms_counted(terms: &[TermInfo]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    for term in terms {
        (&term.code, &term.label, &term.description, term.count).hash(&mut hasher);
    }
    hasher.finish()
}

/// The output path of a partner's page in the edition of `prefix`
/// ([`language_prefix`]): a rebuild lists thousands.
fn partner_output(prefix: &str, partner: &PublicPartner) -> String {
    let mut output = String::with_capacity(prefix.len() + partner.id.len() + 20);
    for part in [prefix, "partners/", &partner.id, "/index.html"] {
        output.push_str(part);
    }
    output
}

/// A partner's page lists the guides that point to the partner.
fn partner_shows(partner: &PublicPartner) -> Shows {
    Shows {
        partners: Subset::of([&partner.id]),
        guides: Subset::of(partner.guides.iter().map(|g| &g.slug)),
        ..Shows::default()
    }
}

/// A partner's own page in `language`. It holds no list value: it
/// localizes and serializes its partner as it renders.
fn partner_page<'a>(partner: &'a Arc<PublicPartner>, language: &'a str) -> Page<'a> {
    let url = format!("/partners/{}/", partner.id);
    let texts = partner.texts_in(language);
    let description = texts
        .summary
        .map_or_else(|| plain_excerpt(texts.description_html), str::to_string);
    Page {
        // `in_edition` adds the prefix.
        output: partner_output("", partner),
        template: "partner.html",
        info: PageInfo::new(&url, texts.name, &description, "partner"),
        shows: partner_shows(partner),
        fill: Box::new(move |c| {
            c.insert(
                "partner",
                &*PublicPartner::localized_shared(partner, language),
            );
        }),
        edition: 0,
    }
}

#[derive(Serialize, Clone)]
struct PageInfo {
    /// The page's path in every language: `/partners/`.
    url: String,
    /// The page's own path: `/es/partners/` on the Spanish edition.
    path: String,
    lang: String,
    /// This page in each language of the site (the switcher, `hreflang`).
    alternates: Vec<Alternate>,
    title: Title,
    description: Arc<str>,
    kind: &'static str,
}

#[derive(Serialize, Clone)]
struct Alternate {
    lang: String,
    /// The language's name in itself: "Español".
    name: String,
    path: String,
}

impl PageInfo {
    /// The page in the edition in `language`: its own path and its
    /// alternates in every language. Made only for the pages that render,
    /// not for the thousands a rebuild lists.
    fn in_edition(&self, site: &Site, language: &str, switcher: &[Alternate]) -> PageInfo {
        let url = self.url.trim_start_matches('/');
        PageInfo {
            path: format!("/{}{url}", language_prefix(site, language)),
            lang: language.to_string(),
            alternates: switcher
                .iter()
                .map(|alternate| Alternate {
                    path: format!("/{}{url}", language_prefix(site, &alternate.lang)),
                    ..alternate.clone()
                })
                .collect(),
            ..self.clone()
        }
    }

    fn new(url: &str, title: &str, description: &str, kind: &'static str) -> Self {
        PageInfo::of_list(url, Title::Plain(title.into()), description.into(), kind)
    }

    /// A page of a list, which shares its title and description with the
    /// list's other pages.
    fn of_list(url: &str, title: Title, description: Arc<str>, kind: &'static str) -> Self {
        PageInfo {
            url: url.into(),
            // Set by `in_edition`, for the pages that render.
            path: String::new(),
            lang: String::new(),
            alternates: Vec::new(),
            title,
            description,
            kind,
        }
    }
}

#[derive(Serialize)]
struct SectionRef<'a> {
    section: &'static str,
    title: &'a str,
}

#[derive(Serialize)]
struct AreaGroup {
    code: String,
    label: String,
    partners: Vec<Value>,
}

/// One way to browse partners without JavaScript: a list page and a page
/// per term.
#[derive(Serialize, Clone)]
struct FilterSection {
    section: &'static str,
    title: String,
    intro: String,
    terms: Vec<TermInfo>,
}

/// Which partners (indices into `site.partners`) each code of each
/// browsing section lists, built in one pass over the partners.
struct Members<'a> {
    /// Per section of [`MEMBER_SECTIONS`]: code → partners.
    by_term: [FastMap<&'a str, Vec<usize>>; 4],
}

/// The browsing sections whose terms list partners.
const MEMBER_SECTIONS: [&str; 4] = ["services", "populations", "languages", "counties"];

impl<'a> Members<'a> {
    fn of(site: &'a Site) -> Self {
        let [services, populations, languages, counties] = [0, 1, 2, 3];
        let mut by_term: [FastMap<&'a str, Vec<usize>>; 4] = Default::default();
        let mut codes: Vec<(usize, &'a str)> = Vec::new();
        for (index, partner) in site.partners.iter().enumerate() {
            codes.clear();
            codes.extend(partner.categories.iter().map(|c| (services, c.as_str())));
            codes.extend(
                partner
                    .populations
                    .iter()
                    .map(|c| (populations, c.as_str())),
            );
            codes.extend(partner.languages.iter().map(|c| (languages, c.as_str())));
            for service in &partner.services {
                codes.extend(
                    service
                        .all_languages
                        .iter()
                        .map(|c| (languages, c.as_str())),
                );
            }
            codes.extend(partner.counties.iter().map(|c| (counties, c.slug.as_str())));
            codes.sort_unstable();
            codes.dedup();
            for &(section, code) in &codes {
                by_term[section].entry(code).or_default().push(index);
            }
        }
        Members { by_term }
    }

    fn section(&self, section: &str) -> Option<&FastMap<&'a str, Vec<usize>>> {
        let index = MEMBER_SECTIONS.iter().position(|known| *known == section)?;
        self.by_term.get(index)
    }

    fn of_term(&self, section: &'static str, code: &str) -> &[usize] {
        self.section(section)
            .and_then(|codes| codes.get(code))
            .map_or(&[], Vec::as_slice)
    }

    /// The codes of `section` that list at least one partner.
    fn codes(&self, section: &'static str) -> Vec<String> {
        let mut codes: Vec<String> = self
            .section(section)
            .map(|codes| codes.keys().map(|code| code.to_string()).collect())
            .unwrap_or_default();
        codes.sort();
        codes
    }
}

fn filter_sections(
    site: &Site,
    members: &Members<'_>,
    language: &str,
    strings: &Strings,
) -> Vec<FilterSection> {
    let mut sections = Vec::new();
    // All nine service areas get a page even when empty (it points to the
    // crisis lines); the other facets list only codes in use.
    sections.push(FilterSection {
        section: "services",
        title: "service_areas".into(),
        intro: String::new(),
        terms: service_area_terms(site, language),
    });
    let used = |section: &'static str, kind: Kind| -> Vec<TermInfo> {
        let mut codes = members.codes(section);
        let order = site.taxonomies.codes(kind);
        codes.sort_by_key(|code| order.iter().position(|c| c == code).unwrap_or(usize::MAX));
        codes
            .into_iter()
            .map(|code| TermInfo {
                section,
                count: members.of_term(section, &code).len(),
                label: site.taxonomies.label(kind, &code, language).to_string(),
                description: None,
                code,
            })
            .collect()
    };
    sections.push(FilterSection {
        section: "populations",
        title: "populations".into(),
        intro: String::new(),
        terms: used("populations", Kind::Populations),
    });
    sections.push(FilterSection {
        section: "languages",
        title: "languages".into(),
        intro: String::new(),
        terms: used("languages", Kind::Languages),
    });
    sections.push(FilterSection {
        section: "counties",
        title: "counties".into(),
        intro: String::new(),
        terms: site
            .counties
            .iter()
            .map(|county| TermInfo {
                section: "counties",
                code: county.slug.clone(),
                label: county.name.clone(),
                description: None,
                count: members.of_term("counties", &county.slug).len(),
            })
            .collect(),
    });
    for section in &mut sections {
        let key = section.title.clone();
        section.title = string(strings, language, &format!("{key}_title")).to_string();
        section.intro = string(strings, language, &format!("{key}_intro")).to_string();
    }
    sections
}

#[derive(Serialize)]
struct SafetyContent {
    /// The language of the text (English when the theme has none in the
    /// page's language).
    lang: String,
    title: String,
    summary: String,
    html: String,
    headings: Vec<markdown::Heading>,
}

/// What the Data page says about the open data (written by the export stage).
#[derive(Serialize)]
struct DataPage {
    license: Option<crate::hub::config::DataLicense>,
    steward_email: Option<String>,
    /// Whether the HSDS files are published (`hsds.export`).
    hsds: bool,
    /// The CSV files of the HSDS data package.
    tables: Vec<String>,
}

impl DataPage {
    fn of(site: &Site) -> Self {
        let hsds = site.config.hsds.clone().unwrap_or_default();
        DataPage {
            license: site.config.data_license.clone(),
            steward_email: hsds.data_steward_email,
            hsds: hsds.export,
            tables: crate::hsds::tables::tables()
                .iter()
                .map(|t| t.path.clone())
                .collect(),
        }
    }
}

/// The theme's safety page, with the hub's exit destination filled in.
fn safety_page(site: &Site, language: &str) -> SafetyContent {
    let (text_language, source) = theme::SAFETY_PAGES
        .iter()
        .find(|(l, _)| *l == language)
        .or_else(|| theme::SAFETY_PAGES.first())
        .map_or(("en", ""), |(l, text)| (*l, *text));
    let (front, body) = source
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .unwrap_or(("", source));
    let field = |key: &str| {
        front
            .lines()
            .find_map(|line| line.strip_prefix(key).and_then(|v| v.strip_prefix(':')))
            .map(|v| v.trim().trim_matches('"').to_string())
            .unwrap_or_default()
    };
    let destination = site
        .config
        .quick_exit
        .url
        .trim_start_matches("https://")
        .trim_end_matches('/')
        .to_string();
    let body = body.replace("[[exit_destination]]", &destination);
    let rendered = markdown::render(
        &body,
        markdown::Context {
            base_dir: "guides",
            top_heading_level: 2,
            translation_of: None,
        },
        &markdown::LinkTargets::default(),
    );
    SafetyContent {
        lang: text_language.to_string(),
        title: field("title"),
        summary: field("summary"),
        html: rendered.html,
        headings: rendered
            .headings
            .into_iter()
            .filter(|h| h.level == 2)
            .collect(),
    }
}

/// The first sentence-ish of rendered HTML, as a meta description.
fn plain_excerpt(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut excerpt = words.iter().take(30).copied().collect::<Vec<_>>().join(" ");
    if words.len() > 30 {
        excerpt.push('…');
    }
    excerpt
}

/// The most URLs, and bytes, one sitemap file may hold (sitemaps.org):
/// search engines refuse a larger one.
const SITEMAP_URLS: usize = 50_000;
const SITEMAP_BYTES: usize = 50 * 1024 * 1024;

const SITEMAP_NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// The sitemap of the pages written to these output paths.
fn sitemaps<'a>(site: &Site, outputs: impl Iterator<Item = &'a str>) -> Vec<OutputFile> {
    let mut pages: Vec<&str> = outputs
        .filter(|output| *output != "404.html")
        .map(|output| output.strip_suffix("index.html").unwrap_or(output))
        .collect();
    pages.sort_unstable();
    sitemap_files(&site.config.base_url, &pages, SITEMAP_URLS, SITEMAP_BYTES)
}

/// `sitemap.xml` listing `pages` (site paths) under `base_url`; or, when
/// they are more than one sitemap may hold (`most_urls`, `most_bytes`),
/// `sitemap-1.xml`, `sitemap-2.xml`, … and `sitemap.xml` as their index,
/// the address robots.txt gives either way.
fn sitemap_files(
    base_url: &str,
    pages: &[&str],
    most_urls: usize,
    most_bytes: usize,
) -> Vec<OutputFile> {
    let base = markdown::escape(base_url.trim_end_matches('/'));
    let head = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"{SITEMAP_NAMESPACE}\">\n"
    );
    let tail = "</urlset>\n";
    let mut parts: Vec<String> = Vec::new();
    let mut part = String::with_capacity(pages.len().min(most_urls) * (base.len() + 40));
    part.push_str(&head);
    let (mut urls, mut entry) = (0, String::new());
    for page in pages {
        entry.clear();
        entry.push_str("  <url><loc>");
        entry.push_str(&base);
        entry.push('/');
        // Output paths are slugs: escaping is for a hub's odd file name.
        if page.contains(['&', '<', '>', '"', '\'']) {
            entry.push_str(&markdown::escape(page));
        } else {
            entry.push_str(page);
        }
        entry.push_str("</loc></url>\n");
        let full = urls == most_urls || part.len() + entry.len() + tail.len() > most_bytes;
        if urls > 0 && full {
            part.push_str(tail);
            parts.push(std::mem::replace(&mut part, head.clone()));
            urls = 0;
        }
        part.push_str(&entry);
        urls += 1;
    }
    part.push_str(tail);
    parts.push(part);
    let xml = |path: String, contents: String| OutputFile {
        path,
        contents: contents.into_bytes(),
    };
    if parts.len() == 1 {
        return vec![xml("sitemap.xml".into(), parts.swap_remove(0))];
    }
    let mut index = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"{SITEMAP_NAMESPACE}\">\n"
    );
    let mut files = Vec::with_capacity(parts.len() + 1);
    for (number, part) in (1..).zip(parts) {
        let name = format!("sitemap-{number}.xml");
        index.push_str(&format!("  <sitemap><loc>{base}/{name}</loc></sitemap>\n"));
        files.push(xml(name, part));
    }
    index.push_str("</sitemapindex>\n");
    files.push(xml("sitemap.xml".into(), index));
    files
}

/// docs/deploy.md: only the site itself, no inline code, and forms may post
/// only to the coalition's own corrections form.
fn content_security_policy(contact_form_url: Option<&str>) -> String {
    let form_action = contact_form_url
        .and_then(|url| {
            let (scheme, rest) = url.split_once("://")?;
            let host = rest.split(['/', '?', '#']).next()?;
            // Validation refuses anything else (E084); a policy must never
            // carry a separator or a line break from a setting.
            let plain = |text: &str| {
                !text.is_empty()
                    && text
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
            };
            (plain(scheme) && plain(host)).then(|| format!("{scheme}://{host}"))
        })
        .unwrap_or_else(|| "'none'".to_string());
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action {form_action}"
    )
}

/// Headers for hosts that read a `_headers` file (Netlify, Cloudflare
/// Pages): what a meta tag cannot say (frame-ancestors), and no caching of
/// pages on a device someone else may check.
fn headers_file(site: &Site) -> OutputFile {
    let csp = content_security_policy(site.config.contact_form_url.as_deref());
    let text = format!(
        "/*\n  Content-Security-Policy: {csp}; frame-ancestors 'none'\n  Referrer-Policy: no-referrer\n  X-Content-Type-Options: nosniff\n  X-Frame-Options: DENY\n  Permissions-Policy: geolocation=(), camera=(), microphone=(), browsing-topics=()\n  Cache-Control: no-store\n"
    );
    OutputFile {
        path: "_headers".into(),
        contents: text.into_bytes(),
    }
}

fn robots(site: &Site) -> OutputFile {
    let base = site.config.base_url.trim_end_matches('/');
    let text = format!("User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n");
    OutputFile {
        path: "robots.txt".into(),
        contents: text.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each file's path and text.
    fn texts(files: &[OutputFile]) -> Vec<(String, String)> {
        files
            .iter()
            .map(|file| {
                let text = String::from_utf8(file.contents.clone()).expect("UTF-8");
                (file.path.clone(), text)
            })
            .collect()
    }

    /// The addresses a sitemap file lists, in order.
    fn locs(xml: &str) -> Vec<&str> {
        xml.split("<loc>")
            .skip(1)
            .filter_map(|rest| rest.split_once("</loc>"))
            .map(|(loc, _)| loc)
            .collect()
    }

    #[test]
    fn a_hub_within_one_sitemap_gets_one_sitemap_file() {
        let files = texts(&sitemap_files(
            "https://hub.example.org/",
            &["", "partners/a/"],
            3,
            1 << 20,
        ));
        assert_eq!(files.len(), 1);
        let (path, xml) = &files[0];
        assert_eq!(path, "sitemap.xml");
        assert!(xml.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
        assert_eq!(
            locs(xml),
            [
                "https://hub.example.org/",
                "https://hub.example.org/partners/a/"
            ]
        );
    }

    #[test]
    fn a_hub_with_more_pages_than_a_sitemap_may_list_gets_a_sitemap_index() {
        let pages = ["", "a/", "b/", "c/", "d/", "e/", "f/"];
        let files = texts(&sitemap_files(
            "https://hub.example.org/x",
            &pages,
            3,
            1 << 20,
        ));
        let names: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let (_, index) = &files[3];
        assert!(
            index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">")
        );
        assert_eq!(
            locs(index),
            [
                "https://hub.example.org/x/sitemap-1.xml",
                "https://hub.example.org/x/sitemap-2.xml",
                "https://hub.example.org/x/sitemap-3.xml"
            ]
        );
        let listed: Vec<&str> = files[..3].iter().flat_map(|(_, xml)| locs(xml)).collect();
        let expected: Vec<String> = pages
            .iter()
            .map(|page| format!("https://hub.example.org/x/{page}"))
            .collect();
        assert_eq!(listed, expected);
        assert!(files[..3].iter().all(|(_, xml)| locs(xml).len() <= 3
            && xml.starts_with("<?xml")
            && xml.ends_with("</urlset>\n")));
    }

    #[test]
    fn no_sitemap_file_passes_the_bytes_a_sitemap_may_have() {
        let pages: Vec<String> = (0..40).map(|n| format!("partners/partner-{n}/")).collect();
        let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
        let files = texts(&sitemap_files(
            "https://hub.example.org/",
            &pages,
            50_000,
            600,
        ));
        assert!(files.len() > 2, "{} files", files.len());
        for (path, xml) in &files {
            assert!(xml.len() <= 600, "{path} is {} bytes", xml.len());
        }
    }

    #[test]
    fn page_links_are_the_ends_and_the_current_page_with_its_neighbours() {
        assert_eq!(page_links(1, 1), [1]);
        assert_eq!(page_links(2, 2), [1, 2]);
        assert_eq!(page_links(1, 417), [1, 2, 0, 417]);
        assert_eq!(page_links(200, 417), [1, 0, 199, 200, 201, 0, 417]);
        assert_eq!(page_links(417, 417), [1, 0, 416, 417]);
    }

    #[test]
    fn a_page_shows_the_records_it_names_and_no_others() {
        let ids = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<BTreeSet<_>>();
        let on_page = ["casa-esperanza", "safe-harbor", "safe-harbor-north"].map(String::from);
        let shown = Subset::of(&on_page);
        assert!(shown.shows_any(&ids(&["safe-harbor"])));
        assert!(shown.shows_any(&ids(&["other", "safe-harbor-north"])));
        assert!(!shown.shows_any(&ids(&["safe", "harbor", "casa"])));
        assert!(!shown.shows_any(&ids(&[])));
        assert!(!Subset::of(&[]).shows_any(&ids(&[""])));
        assert!(Subset::All.shows_any(&ids(&["anyone"])));
        assert!(!Subset::None.shows_any(&ids(&["anyone"])));
    }

    #[test]
    fn a_gap_of_one_page_shows_that_page() {
        assert_eq!(page_links(4, 9), [1, 2, 3, 4, 5, 0, 9]);
        assert_eq!(page_links(6, 9), [1, 0, 5, 6, 7, 8, 9]);
    }
}
