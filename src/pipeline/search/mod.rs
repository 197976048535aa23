//! The search index (docs/search.md):
//! built from the modelled site, written as classic scripts that call the
//! global `HAVEN_SEARCH(key, data)`, so search works from file:// with no
//! fetch, module or worker. `themes/default/static/search.js` reads it.
//!
//! Words are folded and stemmed here; the browser only looks words up. A
//! dictionary of the words that occur maps each to a word class (words
//! sharing a stem, in any language); postings are per class: document gaps
//! and a field mask each, no positions.

pub mod a32;
pub mod documents;
mod invert;
pub mod query;
pub mod synonyms;
pub mod text;

use std::collections::BTreeSet;
use std::mem::take;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};

use crate::hub::config::SearchLayout;
use crate::pipeline::model::Site;
use crate::pipeline::output::fnv1a;
use crate::pipeline::output::OutputFile;
use documents::{Document, FacetSpec, Field, LanguageCache};
use invert::{invert, Inverted};

/// A single-file index up to this many bytes (about 60–80 KB gzipped);
/// above it the index is split so a first query loads a fraction of it.
const SINGLE_FILE_LIMIT: usize = 200 * 1024;
/// Largest raw size of one postings shard; smaller indexes are cut in about
/// eight shards of at least [`MIN_POSTINGS_SHARD_BYTES`].
const POSTINGS_SHARD_BYTES: usize = 48 * 1024;
const MIN_POSTINGS_SHARD_BYTES: usize = 2 * 1024;
/// Documents per display shard in the split layout: a page of results
/// loads at most one shard per result, so shards stay small.
const DOCUMENTS_PER_SHARD: usize = 8;

/// The built index: its files, the path of the file a page loads first,
/// and the facets for the templates' filter controls.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    /// The language of the pages that load it (names, labels, links).
    pub language: String,
    pub files: Vec<OutputFile>,
    /// The paths of `files` that are the last build's files made again
    /// from the same (`haven serve`): the preview already holds them.
    pub unchanged: BTreeSet<String>,
    /// Output path of the head file, e.g. `search/en.1a2b3c4d5e.js`.
    pub head: String,
    pub facets: Vec<FacetSpec>,
    pub sharded: bool,
    pub documents: usize,
}

/// What the templates get as `search`.
#[derive(Debug, Serialize)]
pub struct SearchContext<'a> {
    pub head: &'a str,
    pub facets: Vec<FacetContext<'a>>,
}

#[derive(Debug, Serialize)]
pub struct FacetContext<'a> {
    pub key: &'a str,
    pub values: Vec<FacetValueContext<'a>>,
}

#[derive(Debug, Serialize)]
pub struct FacetValueContext<'a> {
    pub index: usize,
    pub code: &'a str,
    pub label: &'a str,
    pub count: u32,
}

impl SearchIndex {
    pub fn context(&self) -> SearchContext<'_> {
        SearchContext {
            head: &self.head,
            facets: self
                .facets
                .iter()
                .map(|facet| FacetContext {
                    key: facet.key,
                    values: facet
                        .values
                        .iter()
                        .zip(&facet.counts)
                        .enumerate()
                        .filter(|(_, (_, count))| **count > 0)
                        .map(|(index, ((code, label), count))| FacetValueContext {
                            index,
                            code,
                            label,
                            count: *count,
                        })
                        .collect(),
                })
                .filter(|facet| !facet.values.is_empty())
                .collect(),
        }
    }
}

/// The index the pages in `language` load.
pub fn build(site: &Site, portable: bool, language: &str) -> SearchIndex {
    build_cached(site, portable, language, &mut Cache::default())
}

/// [`build`], analysing only documents `cache` has not seen.
pub fn build_cached(site: &Site, portable: bool, language: &str, cache: &mut Cache) -> SearchIndex {
    let mut indexes = build_languages(site, portable, &[language.to_string()], cache);
    indexes.remove(0)
}

/// The index of every language in `languages`, in that order, built side by
/// side; a partner's texts, the same in every index, are analysed once.
pub fn build_languages(
    site: &Site,
    portable: bool,
    languages: &[String],
    cache: &mut Cache,
) -> Vec<SearchIndex> {
    if cache.one_shot {
        // Each chunk's texts are analysed at once and only their keys
        // kept: a build never holds every partner's texts.
        let analyses = &mut cache.analyses;
        documents::prepare_texts(site, &mut cache.texts, invert::ANALYSIS_CHUNK, |texts| {
            analyses.add(&texts);
            texts
                .iter()
                .map(|texts| Arc::new(texts.key_only()))
                .collect()
        });
    } else {
        documents::prepare_texts(site, &mut cache.texts, usize::MAX, |texts| texts);
    }
    let texts = &cache.texts;
    let mut kept: Vec<Language> = languages
        .iter()
        .map(|language| cache.languages.remove(language).unwrap_or_default())
        .collect();
    languages
        .par_iter()
        .zip(kept.par_iter_mut())
        .for_each(|(language, kept)| {
            documents::collect(site, language, texts, &mut kept.documents);
        });
    cache
        .analyses
        .update(kept.iter().flat_map(|kept| kept.documents.documents()));
    let analyses = &cache.analyses;
    // A build inverts and writes each language's index once; `haven
    // serve` keeps the classes, to patch them, and the files written.
    let keeps = !cache.one_shot;
    let indexes = languages
        .par_iter()
        .zip(kept.par_iter_mut())
        .map(|(language, kept)| {
            let writer = Writer::new(language, portable, keeps.then(|| take(&mut kept.written)));
            let documents = kept.documents.documents();
            let classes;
            let classes = if keeps {
                kept.inverted.update(documents, analyses)
            } else {
                classes = invert(documents, analyses);
                &classes
            };
            let facets = kept.documents.facets().to_vec();
            let inverted = classes.view(analyses);
            let (index, written) = build_from(
                site, language, documents, &inverted, facets, analyses, writer,
            );
            if let Some(written) = written {
                kept.written = written;
            }
            index
        })
        .collect();
    if keeps {
        cache.languages.extend(languages.iter().cloned().zip(kept));
    }
    indexes
}

/// The index of `language` and, when `writer` keeps its files, what it
/// wrote.
fn build_from(
    site: &Site,
    language: &str,
    documents: &[Document],
    inverted: &Inverted<'_>,
    facets: Vec<FacetSpec>,
    analyses: &invert::Analyses,
    mut writer: Writer<'_>,
) -> (SearchIndex, Option<Written>) {
    let portable = writer.portable;
    let partners = documents
        .iter()
        .filter(|d| !d.facet_values.is_empty())
        .count();
    let sharded = match site.config.search.layout {
        SearchLayout::Single => false,
        SearchLayout::Sharded => true,
        SearchLayout::Auto => estimated_size(inverted, documents) > SINGLE_FILE_LIMIT,
    };
    let mut head = json!({
        "v": 1,
        "lang": language,
        "portable": portable,
        "n": documents.len(),
        "np": partners,
        "words": front_code(&inverted.words),
        "wc": word_class_stream(inverted.word_class),
        "df": a32::encode(inverted.postings.iter().map(|p| p.len() as u32)),
        "weights": Field::ALL.iter().map(|f| f.weight()).collect::<Vec<_>>(),
        "rel": inverted.related,
        "stop": text::STOP_WORDS,
        "facets": facets.iter().map(|f| json!({"k": f.key, "all": f.all, "c": f.counts})).collect::<Vec<_>>(),
    });
    // A query word the index does not hold is stemmed in the browser, in
    // each language the index stems.
    let stemmers: Vec<Value> = text::query_stemmers(analyses.languages())
        .into_iter()
        .map(|(code, script)| json!([code, writer.write_script(&format!("stem-{code}"), script)]))
        .collect();
    head["stem"] = Value::Array(stemmers);
    let facet_data = facet_streams(documents, facets.len());
    let displays: Vec<&str> = documents.iter().map(|d| d.display.as_str()).collect();
    if sharded {
        let mut shards = Vec::new();
        for range in postings_ranges(inverted.postings) {
            let key = format!("p{}", shards.len());
            let file = writer.write_postings(&key, &inverted.postings[range.clone()]);
            shards.push(json!([range.start, file]));
        }
        head["p"] = Value::Array(shards);
        // One file per facet: a query loads only the facets it filters on
        // or shows counts for.
        let facet_files: Vec<Value> = facet_data
            .iter()
            .enumerate()
            .map(|(i, stream)| {
                Value::String(writer.write_json(&format!("f{i}"), &json!(stream).to_string()))
            })
            .collect();
        head["f"] = Value::Array(facet_files);
        let doc_files: Vec<Value> = displays
            .chunks(DOCUMENTS_PER_SHARD)
            .enumerate()
            .map(|(i, chunk)| {
                let shard = format!("[{}]", chunk.join(","));
                Value::String(writer.write_json(&format!("d{i}"), &shard))
            })
            .collect();
        head["d"] = json!([DOCUMENTS_PER_SHARD, doc_files]);
    } else {
        head["post"] = postings_data(inverted.postings);
        head["fac"] = json!(facet_data);
        // Display JSON is written by `documents`: it parses.
        head["docs"] = Value::Array(
            displays
                .iter()
                .map(|display| serde_json::from_str(display).unwrap_or_default())
                .collect(),
        );
    }
    let head_path = writer.write("head", &head);
    let index = SearchIndex {
        language: language.to_string(),
        files: writer.files,
        unchanged: writer.unchanged,
        head: head_path,
        facets,
        sharded,
        documents: documents.len(),
    };
    (index, writer.written)
}

struct Writer<'a> {
    language: &'a str,
    portable: bool,
    files: Vec<OutputFile>,
    /// The paths of the files of `last` used again.
    unchanged: BTreeSet<String>,
    /// The last build's files, to use again where made from the same.
    last: Written,
    /// This build's, when kept for the next.
    written: Option<Written>,
}

/// The files of one language's index as a build wrote them, by key, with
/// what each was made from: `haven serve` encodes and fingerprints again
/// only the shards an edit changed.
#[derive(Default)]
pub(crate) struct Written {
    files: std::collections::HashMap<String, WrittenFile>,
}

struct WrittenFile {
    made_from: MadeFrom,
    path: String,
    contents: Vec<u8>,
}

enum MadeFrom {
    Postings(Vec<Vec<(u32, u8)>>),
    Text(Vec<u8>),
}

impl<'a> Writer<'a> {
    /// A writer that keeps what it writes for the next build when given
    /// what the last one wrote (`None`: a build that keeps nothing).
    fn new(language: &'a str, portable: bool, last: Option<Written>) -> Self {
        let written = last.is_some().then(Written::default);
        Writer {
            language,
            portable,
            files: Vec::new(),
            unchanged: BTreeSet::new(),
            last: last.unwrap_or_default(),
            written,
        }
    }

    /// Writes `HAVEN_SEARCH("key",data);` and returns its output path:
    /// content-hashed for the web (cache forever), plain for portable
    /// copies.
    fn write(&mut self, key: &str, data: &Value) -> String {
        let contents = format!("HAVEN_SEARCH({key:?},{data});\n").into_bytes();
        self.write_file(key, contents)
    }

    /// [`Writer::write`] with the data as JSON text.
    fn write_json(&mut self, key: &str, json: &str) -> String {
        let same = |made_from: &MadeFrom| matches!(made_from, MadeFrom::Text(text) if text == json.as_bytes());
        if let Some(path) = self.again(key, same) {
            return path;
        }
        let contents = format!("HAVEN_SEARCH({key:?},{json});\n").into_bytes();
        let path = self.write_file(key, contents);
        self.keep(key, || MadeFrom::Text(json.as_bytes().to_vec()));
        path
    }

    /// A shard of postings ([`postings_data`]).
    fn write_postings(&mut self, key: &str, postings: &[Vec<(u32, u8)>]) -> String {
        let same = |made_from: &MadeFrom| matches!(made_from, MadeFrom::Postings(kept) if kept == postings);
        if let Some(path) = self.again(key, same) {
            return path;
        }
        let path = self.write(key, &postings_data(postings));
        self.keep(key, || MadeFrom::Postings(postings.to_vec()));
        path
    }

    /// Writes a script that calls `HAVEN_SEARCH` itself (a stemmer).
    fn write_script(&mut self, key: &str, script: &[u8]) -> String {
        let same =
            |made_from: &MadeFrom| matches!(made_from, MadeFrom::Text(text) if text == script);
        if let Some(path) = self.again(key, same) {
            return path;
        }
        let path = self.write_file(key, script.to_vec());
        self.keep(key, || MadeFrom::Text(script.to_vec()));
        path
    }

    /// The last build's file of `key` written again, if `same` finds it
    /// made from the same; its path.
    fn again(&mut self, key: &str, same: impl Fn(&MadeFrom) -> bool) -> Option<String> {
        let written = self.written.as_mut()?;
        let file = self
            .last
            .files
            .remove(key)
            .filter(|file| same(&file.made_from))?;
        self.files.push(OutputFile {
            path: file.path.clone(),
            contents: file.contents.clone(),
        });
        let path = file.path.clone();
        self.unchanged.insert(path.clone());
        written.files.insert(key.to_string(), file);
        Some(path)
    }

    /// Keeps the file just written as `key` for the next build.
    fn keep(&mut self, key: &str, made_from: impl FnOnce() -> MadeFrom) {
        let (Some(written), Some(file)) = (self.written.as_mut(), self.files.last()) else {
            return;
        };
        written.files.insert(
            key.to_string(),
            WrittenFile {
                made_from: made_from(),
                path: file.path.clone(),
                contents: file.contents.clone(),
            },
        );
    }

    fn write_file(&mut self, key: &str, contents: Vec<u8>) -> String {
        let stem = if key == "head" {
            self.language.to_string()
        } else {
            format!("{}.{key}", self.language)
        };
        let path = if self.portable {
            format!("search/{stem}.js")
        } else {
            let hash = format!("{:016x}", fnv1a(&contents));
            format!("search/{stem}.{}.js", &hash[..10])
        };
        self.files.push(OutputFile {
            path: path.clone(),
            contents,
        });
        path
    }
}

/// What one build of the indexes can hand the next: partners' texts, and
/// documents analysed, by a hash of their texts. A build starts with an
/// empty one; `haven serve` keeps one and forgets the partners an edit
/// touched, so a rebuild prepares and analyses only what changed.
#[derive(Default)]
pub struct Cache {
    texts: documents::TextCache,
    /// By page language: what the last build made of its index.
    languages: std::collections::HashMap<String, Language>,
    /// By text hash, for the indexes of every language; a build keeps
    /// only what it used.
    analyses: invert::Analyses,
    /// A build's cache: partners' texts are let go of as soon as they are
    /// analysed.
    one_shot: bool,
}

/// What one language's index keeps between rebuilds of `haven serve`.
#[derive(Default)]
struct Language {
    /// What it takes from each partner and guide, and its documents.
    documents: LanguageCache,
    /// Its word classes and postings.
    inverted: invert::Kept,
    /// The files it wrote.
    written: Written,
}

impl Cache {
    /// A cache for one build, which keeps no text once it is analysed.
    pub fn one_shot() -> Self {
        Cache {
            one_shot: true,
            ..Cache::default()
        }
    }

    /// Drops the texts of these partners (their records changed).
    pub fn forget(&mut self, ids: &BTreeSet<String>) {
        self.texts.retain(|id, _| !ids.contains(id));
        for kept in self.languages.values_mut() {
            kept.documents.partners.retain(|id, _| !ids.contains(id));
        }
    }

    /// Drops every partner's texts (taxonomy labels may have changed),
    /// and the files written (settings such as `portable` may have).
    pub fn forget_texts(&mut self) {
        self.texts.clear();
        self.languages.clear();
    }

    /// Drops the files written: a failed rebuild may not have put them in
    /// the preview, so none of them is [`SearchIndex::unchanged`] next
    /// time.
    pub fn forget_files(&mut self) {
        for kept in self.languages.values_mut() {
            kept.written = Written::default();
        }
    }
}

/// Sorted words, each written as one character for the length of the
/// prefix it shares with the previous word (`'0' + n`) and the rest,
/// joined by commas: "0shelter,7s" is shelter, shelters.
fn front_code(words: &[impl AsRef<str>]) -> String {
    let mut out = String::new();
    let mut previous: &str = "";
    for (i, word) in words.iter().enumerate() {
        let word = word.as_ref();
        let shared = previous
            .chars()
            .zip(word.chars())
            .take_while(|(a, b)| a == b)
            .count()
            .min(40);
        if i > 0 {
            out.push(',');
        }
        out.push(char::from(b'0' + shared as u8));
        out.extend(word.chars().skip(shared));
        previous = word;
    }
    out
}

/// Word classes in word order: 0 opens the next new class, n + 1 names
/// class n again. Most words open a class, so the stream is mostly "A".
fn word_class_stream(word_class: &[u32]) -> String {
    let mut next = 0;
    let mut out = String::with_capacity(word_class.len());
    for &class in word_class {
        if class == next {
            a32::push(&mut out, 0);
            next += 1;
        } else {
            a32::push(&mut out, class + 1);
        }
    }
    out
}

/// Postings of consecutive classes: `g` document gaps, `m` field masks.
fn postings_data(postings: &[Vec<(u32, u8)>]) -> Value {
    let mut gaps = String::new();
    let mut masks = String::new();
    for list in postings {
        let mut previous = 0;
        for (i, &(document, mask)) in list.iter().enumerate() {
            a32::push(
                &mut gaps,
                if i == 0 {
                    document
                } else {
                    document - previous
                },
            );
            a32::push(&mut masks, u32::from(mask));
            previous = document;
        }
    }
    json!({"g": gaps, "m": masks})
}

fn postings_size(list: &[(u32, u8)]) -> usize {
    // About two characters per gap and one per mask.
    list.len() * 3
}

fn postings_ranges(postings: &[Vec<(u32, u8)>]) -> Vec<std::ops::Range<usize>> {
    let total: usize = postings.iter().map(|p| postings_size(p)).sum();
    let shard_bytes = (total / 8).clamp(MIN_POSTINGS_SHARD_BYTES, POSTINGS_SHARD_BYTES);
    let mut ranges = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (class, list) in postings.iter().enumerate() {
        size += postings_size(list);
        if size >= shard_bytes {
            ranges.push(start..class + 1);
            start = class + 1;
            size = 0;
        }
    }
    if start < postings.len() {
        ranges.push(start..postings.len());
    }
    ranges
}

/// Per facet, per partner: the number of values, then the value indices.
fn facet_streams(documents: &[Document], facets: usize) -> Vec<String> {
    (0..facets)
        .map(|facet| {
            let mut out = String::new();
            for document in documents.iter().filter(|d| !d.facet_values.is_empty()) {
                let values = &document.facet_values[facet];
                a32::push(&mut out, values.len() as u32);
                for value in values {
                    a32::push(&mut out, *value);
                }
            }
            out
        })
        .collect()
}

fn estimated_size(inverted: &Inverted<'_>, documents: &[Document]) -> usize {
    let words: usize = inverted.words.iter().map(|w| w.len() / 2 + 2).sum();
    let postings: usize = inverted.postings.iter().map(|p| postings_size(p)).sum();
    let displays: usize = documents.iter().map(|d| d.display.len()).sum();
    words + postings + displays + documents.len() * 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_coding_shares_prefixes() {
        let words = ["shelter", "shelters", "shield"].map(String::from);
        assert_eq!(front_code(&words), "0shelter,7s,2ield");
    }

    #[test]
    fn word_class_stream_opens_classes_in_order() {
        assert_eq!(word_class_stream(&[0, 1, 0, 2]), "AABA");
    }
}
