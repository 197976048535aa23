//! Partners as template values: localized once per language, serialized
//! once, with the pieces of markup that list pages print for every partner
//! (its card, its entry in the printable directory) rendered once. A hub
//! of 10,000 partners lists each partner on a dozen pages; rendering its
//! card once instead of on every page is what keeps those pages cheap, in
//! a build and in `haven serve`'s rebuilds.
//!
//! A list page does not even copy the card: the template prints a short
//! placeholder, and post-processing replaces it with the card, linked and
//! minified once per page depth ([`Fragments`]).

use crate::diagnostics::rules;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, RwLock};

use serde::Serialize;
use tera::{Context, Map, Tera, Value};

use crate::diagnostics::Diagnostic;
use crate::hub::i18n::Strings;
use crate::hub::record::PhoneKind;
use crate::pipeline::model::{County, PublicPartner, PublicPhone};
use crate::pipeline::parallel;
use crate::pipeline::render::templates::{self, template_diagnostic, Engine, TemplateSources};

/// `(field of the partner value, component that renders it)`: list
/// templates print `{{ partner.card | safe }}` instead of calling the
/// component themselves.
pub const FRAGMENTS: [(&str, &str); 2] = [("card", "partner_card"), ("print_entry", "print_entry")];

/// Partners localized and as template values, per language and id. A
/// build uses a one-shot cache, emptied as soon as a language's list pages
/// are rendered; `haven serve` keeps one, forgets the partners an edit
/// touched, and starts a new one when templates, UI strings or taxonomies
/// may have changed (a full rebuild).
#[derive(Default)]
pub struct ValueCache {
    by_language: HashMap<String, HashMap<String, Localized>>,
    /// The strings and engine of the last render, with the hash of what
    /// they were made from.
    looks: Option<(u64, Arc<Looks>)>,
    /// A build's cache: nothing is kept once the list pages are rendered.
    one_shot: bool,
    /// Fragments finished clean in earlier rebuilds, for as long as their
    /// partner's entry in `by_language` stays: `haven serve` does not
    /// finish and scan a thousand print entries again after each edit.
    finished: Arc<RwLock<KeptFragments>>,
}

/// Fragments finished with no internal value found, by the fingerprint
/// of the scanner that found none: a scanner looking for other values
/// starts afresh.
#[derive(Default)]
struct KeptFragments {
    scanned_with: Option<u64>,
    by_finishing: HashMap<String, FinishedFragments>,
    /// The languages of the placeholders kept.
    languages: BTreeSet<String>,
}

#[derive(Clone)]
struct Localized {
    /// The partner as list pages see it ([`Listed`]).
    value: Value,
    /// The fragments' markup, in [`FRAGMENTS`] order.
    fragments: Arc<[String]>,
    /// A hash of the two ([`Listing::looks`]).
    looks: u64,
}

/// The partners of one language edition as list pages see them, in the
/// site's order.
pub struct Listing {
    /// Each partner's template value.
    pub values: Vec<Value>,
    /// Per partner, a hash of its id, its value and its fragments: all a
    /// list page shows of it. `haven serve` re-renders a list after an
    /// edit only if one of these changed, not whenever a partner it lists
    /// was edited (most edits change the partner's page, not its card).
    pub looks: Vec<u64>,
}

/// Every partner's fragments (card, print entry) in every language, for
/// replacing the placeholders list pages carry, and each fragment as
/// post-processing finished it for pages of one depth and language.
#[derive(Default)]
pub struct Fragments {
    by_language: HashMap<String, HashMap<String, Arc<[String]>>>,
    /// Finishing (see [`Fragments::finished`]) → placeholder text →
    /// finished fragment. Looked up by borrowed keys: a list page finds
    /// each of its thousands of cards without allocating.
    finished: RwLock<HashMap<String, FinishedFragments>>,
    /// Those finished clean by earlier rebuilds (`haven serve`).
    kept: Option<Arc<RwLock<KeptFragments>>>,
}

/// Finished fragments by the text of their placeholder.
type FinishedFragments = HashMap<String, Arc<[u8]>>;

impl Fragments {
    /// Fragments of one partner in one language, in [`FRAGMENTS`] order.
    #[cfg(test)]
    pub(crate) fn of(language: &str, id: &str, fragments: Vec<String>) -> Self {
        let partners = HashMap::from([(id.to_string(), fragments.into())]);
        Fragments {
            by_language: HashMap::from([(language.to_string(), partners)]),
            finished: RwLock::default(),
            kept: None,
        }
    }

    /// The text of the placeholder for one fragment of a partner.
    pub fn placeholder(language: &str, fragment: usize, id: &str) -> String {
        Placeholder {
            language,
            fragment,
            id,
        }
        .text()
    }

    /// The markup a placeholder stands for.
    pub fn html(&self, placeholder: &Placeholder<'_>) -> Option<&str> {
        let fragments = self
            .by_language
            .get(placeholder.language)?
            .get(placeholder.id)?;
        fragments.get(placeholder.fragment).map(String::as_str)
    }

    /// The fragment of `placeholder` (its text on the page) as finished
    /// for pages that `finishing` names (their link prefix and language),
    /// finishing it with `finish` the first time it is asked for. `finish`
    /// also says whether the scanner (of fingerprint `scanned_with`) found
    /// the fragment clean; only a clean one is kept for later rebuilds.
    pub fn finished(
        &self,
        finishing: &str,
        scanned_with: Option<u64>,
        placeholder: &str,
        finish: impl FnOnce() -> Option<(Arc<[u8]>, bool)>,
    ) -> Option<Arc<[u8]>> {
        let kept = self.kept.as_deref().and_then(|kept| {
            let kept = kept.read().ok()?;
            if kept.scanned_with != scanned_with {
                return None;
            }
            kept.by_finishing.get(finishing)?.get(placeholder).cloned()
        });
        if kept.is_some() {
            return kept;
        }
        let cached = self.finished.read().ok().and_then(|finished| {
            finished
                .get(finishing)
                .and_then(|fragments| fragments.get(placeholder))
                .cloned()
        });
        if cached.is_some() {
            return cached;
        }
        let (fragment, clean) = finish()?;
        // A clean fragment goes where the next rebuild finds it too; one
        // with an internal value only into this run's (reported once).
        let kept = self.kept.as_deref().filter(|_| clean).map(RwLock::write);
        if let Some(Ok(mut kept)) = kept {
            if kept.scanned_with != scanned_with {
                *kept = KeptFragments {
                    scanned_with,
                    ..KeptFragments::default()
                };
            }
            if let Some((parsed, _)) = Placeholder::parse(placeholder) {
                if !kept.languages.contains(parsed.language) {
                    kept.languages.insert(parsed.language.to_string());
                }
            }
            kept.by_finishing
                .entry(finishing.to_string())
                .or_default()
                .insert(placeholder.to_string(), fragment.clone());
        } else if let Ok(mut finished) = self.finished.write() {
            finished
                .entry(finishing.to_string())
                .or_default()
                .insert(placeholder.to_string(), fragment.clone());
        }
        Some(fragment)
    }
}

/// Opens a placeholder: a character from Unicode's private use area, which
/// no hub text uses and which minification leaves alone.
pub const PLACEHOLDER_START: char = '\u{E000}';
const PLACEHOLDER_END: char = '\u{E001}';

/// What a list page prints for one partner's fragment until
/// post-processing puts the fragment in: language, fragment and partner
/// id (ids are slugs, so they never contain the separators).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Placeholder<'a> {
    pub language: &'a str,
    /// Index in [`FRAGMENTS`].
    pub fragment: usize,
    pub id: &'a str,
}

impl<'a> Placeholder<'a> {
    fn text(&self) -> String {
        format!(
            "{PLACEHOLDER_START}{}:{}:{}{PLACEHOLDER_END}",
            self.language, self.fragment, self.id
        )
    }

    /// The placeholder at the start of `text` and its length in bytes.
    pub fn parse(text: &'a str) -> Option<(Placeholder<'a>, usize)> {
        let inner = text.strip_prefix(PLACEHOLDER_START)?;
        let end = inner.find(PLACEHOLDER_END)?;
        let mut parts = inner[..end].splitn(3, ':');
        let language = parts.next()?;
        let fragment = parts.next()?.parse().ok()?;
        let id = parts.next()?;
        let length = PLACEHOLDER_START.len_utf8() + end + PLACEHOLDER_END.len_utf8();
        Some((
            Placeholder {
                language,
                fragment,
                id,
            },
            length,
        ))
    }
}

/// The UI strings and the template engine: made once for as long as the
/// templates, strings, asset paths and settings they are made from stay
/// the same. The taxonomies they also read change only with a rebuild of
/// everything, which starts a new cache.
pub struct Looks {
    pub strings: Arc<Strings>,
    pub engine: Engine,
}

impl ValueCache {
    /// The looks made from what `key` hashes: the last ones if it is the
    /// same, else new ones from `make`.
    pub fn looks<E>(
        &mut self,
        key: u64,
        make: impl FnOnce() -> Result<Looks, E>,
    ) -> Result<Arc<Looks>, E> {
        if let Some((kept, looks)) = &self.looks {
            if *kept == key {
                return Ok(looks.clone());
            }
        }
        let looks = Arc::new(make()?);
        self.looks = Some((key, looks.clone()));
        Ok(looks)
    }

    /// A cache for one build, which lets go of every value as soon as the
    /// list pages no longer need them ([`ValueCache::lists_rendered`]).
    pub fn one_shot() -> Self {
        ValueCache {
            one_shot: true,
            ..ValueCache::default()
        }
    }

    /// Whether the cache lets go of its values once their list pages are
    /// rendered.
    pub fn is_one_shot(&self) -> bool {
        self.one_shot
    }

    /// The pages that list the partners of the last editions are
    /// rendered: a one-shot cache forgets their values and fragments.
    pub fn lists_rendered(&mut self) {
        if self.one_shot {
            self.by_language = HashMap::new();
        }
    }

    /// Every partner's value in `language`, localizing, serializing and
    /// rendering fragments only for those not cached; the cache then holds
    /// only these partners. The localized partners are not kept: a
    /// partner's page localizes it again as it renders.
    pub fn edition(
        &mut self,
        language: &str,
        partners: &[Arc<PublicPartner>],
        tera: &Tera,
        sources: &TemplateSources,
    ) -> Result<Listing, Diagnostic> {
        missing_component(tera, sources).map_or(Ok(()), Err)?;
        let mut cached = self.by_language.remove(language).unwrap_or_default();
        let other_languages = &self.by_language;
        let unseen: Vec<&Arc<PublicPartner>> = partners
            .iter()
            .filter(|partner| !cached.contains_key(&partner.id))
            .collect();
        if !self.one_shot && !unseen.is_empty() {
            // Finished from markup these partners may no longer have.
            let ids: Vec<&str> = unseen.iter().map(|partner| partner.id.as_str()).collect();
            self.forget_finished(Some(language), &ids);
        }
        let localize = |partner: &Arc<PublicPartner>| {
            let partner = PublicPartner::localized_shared(partner, language);
            let fragments = render_fragments(tera, language, &partner).map_err(|error| {
                let page = format!("the card of partner {}", partner.id);
                template_diagnostic(&error, sources, Some(&page))
            })?;
            let in_other_language = other_languages
                .values()
                .find_map(|values| values.get(&partner.id))
                .and_then(|entry| entry.value.as_map());
            let value = Listed::value(&partner, language, in_other_language);
            let looks = looks_of(&partner.id, &value, &fragments);
            Ok((
                partner.id.clone(),
                Localized {
                    value,
                    fragments,
                    looks,
                },
            ))
        };
        let fresh: Result<Vec<(String, Localized)>, Diagnostic> =
            parallel::map(&unseen, |partner| localize(partner))
                .into_iter()
                .collect();
        let fresh = match fresh {
            Ok(fresh) => fresh,
            Err(diagnostic) => {
                self.by_language.insert(language.to_string(), cached);
                return Err(diagnostic);
            }
        };
        cached.extend(fresh);
        if cached.len() > partners.len() {
            let ids: BTreeSet<&str> = partners.iter().map(|p| p.id.as_str()).collect();
            cached.retain(|id, _| ids.contains(id.as_str()));
        }
        let (values, looks) = partners
            .iter()
            .filter_map(|partner| cached.get(&partner.id))
            .map(|entry| (entry.value.clone(), entry.looks))
            .unzip();
        self.by_language.insert(language.to_string(), cached);
        Ok(Listing { values, looks })
    }

    /// The fragments of the partners of the last editions.
    pub fn fragments(&self) -> Fragments {
        Fragments {
            finished: RwLock::default(),
            kept: (!self.one_shot).then(|| self.finished.clone()),
            by_language: self
                .by_language
                .iter()
                .map(|(language, partners)| {
                    let fragments = partners
                        .iter()
                        .map(|(id, entry)| (id.clone(), entry.fragments.clone()))
                        .collect();
                    (language.clone(), fragments)
                })
                .collect(),
        }
    }

    /// Drops the values of these partners (their records changed).
    pub fn forget(&mut self, ids: &BTreeSet<String>) {
        for values in self.by_language.values_mut() {
            values.retain(|id, _| !ids.contains(id));
        }
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        self.forget_finished(None, &ids);
    }

    /// Drops the finished fragments of these partners (by id) in
    /// `language` or in every language: those of their placeholders,
    /// wherever finished.
    fn forget_finished(&self, language: Option<&str>, ids: &[&str]) {
        let Ok(mut kept) = self.finished.write() else {
            return;
        };
        let languages: Vec<&str> = match language {
            Some(language) => vec![language],
            None => kept.languages.iter().map(String::as_str).collect(),
        };
        let placeholders: Vec<String> = ids
            .iter()
            .flat_map(|id| {
                languages.iter().flat_map(move |language| {
                    (0..FRAGMENTS.len())
                        .map(move |fragment| Fragments::placeholder(language, fragment, id))
                })
            })
            .collect();
        for fragments in kept.by_finishing.values_mut() {
            for placeholder in &placeholders {
                fragments.remove(placeholder);
            }
        }
    }
}

/// A run of a page's text: plain text, or a placeholder (with its text).
pub enum Piece<'a> {
    Text(&'a str),
    Placeholder(Placeholder<'a>, &'a str),
}

/// The text between placeholders, and the placeholders, in order.
pub fn pieces(text: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let piece = match rest.find(PLACEHOLDER_START) {
            Some(0) => match Placeholder::parse(rest) {
                Some((placeholder, length)) => Piece::Placeholder(placeholder, &rest[..length]),
                // A stray start character is text.
                None => Piece::Text(&rest[..PLACEHOLDER_START.len_utf8()]),
            },
            Some(at) => Piece::Text(&rest[..at]),
            None => Piece::Text(rest),
        };
        let length = match &piece {
            Piece::Text(text) | Piece::Placeholder(_, text) => text.len(),
        };
        rest = &rest[length..];
        Some(piece)
    })
}

/// [`Listing::looks`] of one partner.
fn looks_of(id: &str, value: &Value, fragments: &[String]) -> u64 {
    use std::hash::{Hash, Hasher};
    use std::io::Write;
    let mut hasher = std::hash::DefaultHasher::new();
    id.hash(&mut hasher);
    // A value prints its maps' keys sorted: the same text each time.
    let _ = write!(HashWriter(&mut hasher), "{value}");
    fragments.hash(&mut hasher);
    hasher.finish()
}

/// Hashes what is written to it.
struct HashWriter<'h, H>(&'h mut H);

impl<H: std::hash::Hasher> std::io::Write for HashWriter<'_, H> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The fragments of a partner, in [`FRAGMENTS`] order. The partner's
/// full value lives only while they render.
fn render_fragments(
    tera: &Tera,
    language: &str,
    partner: &PublicPartner,
) -> Result<Arc<[String]>, tera::Error> {
    let mut arguments = Context::new();
    arguments.insert("partner", partner);
    let mut implicits = Context::new();
    implicits.insert("lang", language);
    FRAGMENTS
        .iter()
        .map(|(_, component)| {
            templates::in_language(language, || {
                tera.render_component_with_implicits(component, &arguments, &implicits, None, true)
            })
        })
        .collect()
}

/// A partner as the list pages see it: what a list shows of a partner,
/// and a placeholder for each fragment. Kept for every partner in every
/// language, so it stays small; the partner's own page gets every field.
#[derive(Serialize)]
struct Listed<'a> {
    id: &'a str,
    #[serde(flatten)]
    in_language: InLanguage<'a>,
    website: Option<&'a str>,
    categories: &'a [String],
    populations: &'a [String],
    languages: &'a [String],
    counties: &'a [County],
    last_verified: &'a str,
    aging: bool,
}

/// What of a listed partner depends on the language it is shown in.
#[derive(Serialize)]
struct InLanguage<'a> {
    name: &'a str,
    summary: Option<&'a str>,
    text_lang: &'a str,
    /// Its label is translatable.
    primary_phone: Option<ListedPhone<'a>>,
}

impl<'a> InLanguage<'a> {
    fn of(partner: &'a PublicPartner) -> Self {
        InLanguage {
            name: &partner.name,
            summary: partner.summary.as_deref(),
            text_lang: &partner.text_lang,
            primary_phone: partner.primary_phone.as_deref().map(ListedPhone::of),
        }
    }
}

/// The number a list shows for a partner: what a card prints of it. Its
/// hours (a good part of a partner's value) are on the partner's page.
#[derive(Serialize)]
struct ListedPhone<'a> {
    number: &'a str,
    extension: Option<&'a str>,
    kind: PhoneKind,
    text_keyword: Option<&'a str>,
    label: &'a str,
    hotline: bool,
    languages: &'a [String],
    href: Option<&'a str>,
    text_lang: &'a str,
}

impl<'a> ListedPhone<'a> {
    fn of(phone: &'a PublicPhone) -> Self {
        let PublicPhone {
            phone,
            href,
            text_lang,
        } = phone;
        ListedPhone {
            number: &phone.number,
            extension: phone.extension.as_deref(),
            kind: phone.kind,
            text_keyword: phone.text_keyword.as_deref(),
            label: &phone.label,
            hotline: phone.hotline,
            languages: &phone.languages,
            href: href.as_deref(),
            text_lang,
        }
    }
}

impl Listed<'_> {
    /// The partner's list value in `language`. The fields that do not
    /// depend on the language are taken from its value in another
    /// language when there is one, so the languages share them (template
    /// values share their maps and lists) instead of each holding a copy.
    fn value(partner: &PublicPartner, language: &str, in_other_language: Option<&Map>) -> Value {
        if let Some(other) = in_other_language {
            let mut map = other.clone();
            let in_language = Value::from_serializable(&InLanguage::of(partner));
            map.extend(in_language.into_map().unwrap_or_default());
            return with_placeholders(map, partner, language);
        }
        let listed = Listed {
            id: &partner.id,
            in_language: InLanguage::of(partner),
            website: partner.website.as_deref(),
            categories: &partner.categories,
            populations: &partner.populations,
            languages: &partner.languages,
            counties: &partner.counties,
            last_verified: &partner.last_verified,
            aging: partner.aging,
        };
        let map = Value::from_serializable(&listed)
            .into_map()
            .unwrap_or_default();
        with_placeholders(map, partner, language)
    }
}

/// `map` with the placeholders of the partner's fragments in `language`.
fn with_placeholders(mut map: Map, partner: &PublicPartner, language: &str) -> Value {
    // Fragments are markup: printed with `| safe`, never escaped.
    for (fragment, (field, _)) in FRAGMENTS.into_iter().enumerate() {
        let placeholder = Fragments::placeholder(language, fragment, &partner.id);
        map.insert(field.into(), Value::safe_string(&placeholder));
    }
    Value::from(map)
}

/// A hub's own `components.html` replaces the theme's; the theme's list
/// pages still need the components that render the fragments.
fn missing_component(tera: &Tera, sources: &TemplateSources) -> Option<Diagnostic> {
    let (field, component) = FRAGMENTS
        .into_iter()
        .find(|(_, component)| !tera.contains_component(component))?;
    Some(
        Diagnostic::new(
            rules::TEMPLATE_ERROR,
            sources.path_of("components.html"),
            format!(
                "there is no component `{component}`: the theme's list pages print each partner's `{field}`, which it renders"
            ),
        )
        .help(format!(
            "copy the `{component}` component from themes/default/templates/components.html into this file"
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_placeholder_reads_back_as_written() {
        let text = Fragments::placeholder("es", 1, "casa-de-refugio");
        let (placeholder, length) = Placeholder::parse(&text).expect("parses");
        assert_eq!(length, text.len());
        assert_eq!(
            placeholder,
            Placeholder {
                language: "es",
                fragment: 1,
                id: "casa-de-refugio"
            }
        );
    }

    /// Asks `fragments` for partner `id`'s card as finished for one page
    /// depth, counting in `calls` each time it has to be finished.
    fn finish_card(
        fragments: &Fragments,
        id: &str,
        scanned_with: Option<u64>,
        clean: bool,
        calls: &std::cell::Cell<u32>,
    ) {
        let placeholder = Fragments::placeholder("en", 0, id);
        let finished = fragments.finished("../../:en", scanned_with, &placeholder, || {
            calls.set(calls.get() + 1);
            Some((Arc::from(&b"<article>Food</article>"[..]), clean))
        });
        assert!(finished.is_some());
    }

    #[test]
    fn a_fragment_finished_clean_is_not_finished_again_by_the_next_rebuild() {
        let cache = ValueCache::default();
        let calls = std::cell::Cell::new(0);
        finish_card(&cache.fragments(), "food", Some(1), true, &calls);
        finish_card(&cache.fragments(), "food", Some(1), true, &calls);
        assert_eq!(calls.get(), 1);
    }

    #[test]
    fn a_fragment_with_an_internal_value_is_finished_and_scanned_by_every_rebuild() {
        let cache = ValueCache::default();
        let calls = std::cell::Cell::new(0);
        let fragments = cache.fragments();
        finish_card(&fragments, "food", Some(1), false, &calls);
        finish_card(&fragments, "food", Some(1), false, &calls);
        assert_eq!(calls.get(), 1, "once per rebuild");
        finish_card(&cache.fragments(), "food", Some(1), false, &calls);
        assert_eq!(calls.get(), 2);
    }

    #[test]
    fn a_scanner_looking_for_other_values_finishes_every_fragment_again() {
        let cache = ValueCache::default();
        let calls = std::cell::Cell::new(0);
        finish_card(&cache.fragments(), "food", Some(1), true, &calls);
        finish_card(&cache.fragments(), "food", Some(2), true, &calls);
        assert_eq!(calls.get(), 2);
    }

    #[test]
    fn an_edited_partner_is_finished_again_and_the_others_are_not() {
        let mut cache = ValueCache::default();
        let calls = std::cell::Cell::new(0);
        let fragments = cache.fragments();
        finish_card(&fragments, "food", Some(1), true, &calls);
        finish_card(&fragments, "shelter", Some(1), true, &calls);
        cache.forget(&BTreeSet::from(["food".to_string()]));
        let fragments = cache.fragments();
        finish_card(&fragments, "food", Some(1), true, &calls);
        finish_card(&fragments, "shelter", Some(1), true, &calls);
        assert_eq!(calls.get(), 3);
    }

    #[test]
    fn a_build_keeps_no_finished_fragment_for_later() {
        let cache = ValueCache::one_shot();
        let calls = std::cell::Cell::new(0);
        finish_card(&cache.fragments(), "food", Some(1), true, &calls);
        finish_card(&cache.fragments(), "food", Some(1), true, &calls);
        assert_eq!(calls.get(), 2);
    }

    /// `html` with each placeholder replaced by its fragment, as rendered.
    fn fill_placeholders(html: &[u8], fragments: &Fragments) -> Vec<u8> {
        let text = String::from_utf8_lossy(html);
        let mut filled = String::with_capacity(text.len());
        for piece in pieces(&text) {
            filled.push_str(match piece {
                Piece::Text(text) => text,
                Piece::Placeholder(placeholder, text) => {
                    fragments.html(&placeholder).unwrap_or(text)
                }
            });
        }
        filled.into_bytes()
    }

    #[test]
    fn placeholders_are_replaced_and_other_text_kept() {
        let fragments = Fragments::of("en", "food", vec!["<article>Food</article>".into()]);
        let page = format!(
            "<li>{}</li><li>{}</li>\u{E000}stray",
            Fragments::placeholder("en", 0, "food"),
            Fragments::placeholder("en", 0, "unknown")
        );
        let filled = String::from_utf8(fill_placeholders(page.as_bytes(), &fragments)).unwrap();
        assert_eq!(
            filled,
            format!(
                "<li><article>Food</article></li><li>{}</li>\u{E000}stray",
                Fragments::placeholder("en", 0, "unknown")
            )
        );
    }
}
