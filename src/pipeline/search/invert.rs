//! From documents to the index's dictionary and postings: each document's
//! words (folded, without stop words) with the fields they occur in; words
//! sharing a stem in any language joined into one class; per class, the
//! documents and field masks.
//!
//! Analyses are kept by a hash of the document's texts, with words and
//! stems as ids into a vocabulary that outlives a build: `haven serve`
//! analyses and stems only the documents an edit changed, and a rebuild
//! walks ids, not strings. What is written depends only on the documents:
//! words and stems no document uses any more take no part.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::pipeline::fast_map::FastMap;
use crate::pipeline::search::documents::{Document, Texts};
use crate::pipeline::search::synonyms::{NEEDS, SAME_MEANING};
use crate::pipeline::search::text;

/// Words, their classes and the postings of every class.
pub(super) struct Inverted<'v> {
    /// Sorted, distinct.
    pub(super) words: Vec<&'v str>,
    /// Class of each word.
    pub(super) word_class: Vec<u32>,
    /// Per class: (document, field mask), by document.
    pub(super) postings: Vec<Vec<(u32, u8)>>,
    /// Per query word of [`NEEDS`]: the classes of the record words it
    /// also finds, where documents use them.
    pub(super) related: BTreeMap<String, Vec<u32>>,
}

/// Analyses by text hash, and the vocabulary their ids point into:
/// shared by the indexes of every language (a partner's texts are the
/// same in each) and, in `haven serve`, by one build and the next.
#[derive(Default)]
pub(super) struct Analyses {
    by_key: HashMap<u64, Arc<Analysed>>,
    vocabulary: Vocabulary,
}

/// The distinct words of a document: `(word, stem, field mask)`, ids into
/// the [`Vocabulary`]; a word written in two languages appears with both
/// stems.
type Analysed = Vec<(u32, u32, u8)>;

/// A document's words as analysis finds them: `(word, language, field
/// mask)`, each pair once.
type Found<'a> = Vec<(String, &'a str, u8)>;

/// Documents analysed side by side at a time, then interned: bounds the
/// memory their words take before they become ids.
pub(super) const ANALYSIS_CHUNK: usize = 512;

#[derive(Default)]
struct Vocabulary {
    word_ids: FastMap<String, u32>,
    words: Vec<String>,
    /// Word ids in word order; words from `sorted.len()` on are not yet in it.
    sorted: Vec<u32>,
    /// Stem id per (language, stem).
    stem_ids: FastMap<(String, String), u32>,
    /// Stem id per (word id, language index in `languages`).
    stem_of: FastMap<(u32, u32), u32>,
    /// The languages texts are written in, with their stemmers.
    languages: Vec<(String, Option<rust_stemmers::Stemmer>)>,
}

impl Vocabulary {
    fn word(&mut self, word: String) -> u32 {
        if let Some(id) = self.word_ids.get(&word) {
            return *id;
        }
        let id = self.words.len() as u32;
        self.words.push(word.clone());
        self.word_ids.insert(word, id);
        id
    }

    fn stem(&mut self, word: u32, language: &str) -> u32 {
        let index = match self
            .languages
            .iter()
            .position(|(known, _)| known == language)
        {
            Some(index) => index,
            None => {
                self.languages
                    .push((language.to_string(), text::stemmer(language)));
                self.languages.len() - 1
            }
        };
        if let Some(stem) = self.stem_of.get(&(word, index as u32)) {
            return *stem;
        }
        let text = &self.words[word as usize];
        let stem = self.languages[index]
            .1
            .as_ref()
            .map_or_else(|| text.clone(), |s| s.stem(text).into_owned());
        let next = self.stem_ids.len() as u32;
        let id = *self
            .stem_ids
            .entry((language.to_string(), stem))
            .or_insert(next);
        self.stem_of.insert((word, index as u32), id);
        id
    }

    /// Brings `sorted` up to date with the words added since.
    fn sort(&mut self) {
        let added = self.words.len() - self.sorted.len();
        let words = &self.words;
        if added > 64 {
            self.sorted = (0..words.len() as u32).collect();
            self.sorted
                .sort_unstable_by(|a, b| words[*a as usize].cmp(&words[*b as usize]));
            return;
        }
        for id in self.sorted.len() as u32..words.len() as u32 {
            let at = self
                .sorted
                .partition_point(|other| words[*other as usize] < words[id as usize]);
            self.sorted.insert(at, id);
        }
    }

    fn intern(&mut self, found: Found<'_>) -> Analysed {
        found
            .into_iter()
            .map(|(word, language, mask)| {
                let id = self.word(word);
                (id, self.stem(id, language), mask)
            })
            .collect()
    }
}

impl Analyses {
    /// The languages of the texts analysed so far.
    pub(super) fn languages(&self) -> impl Iterator<Item = &str> {
        self.vocabulary
            .languages
            .iter()
            .map(|(language, _)| language.as_str())
    }

    /// Analyses (side by side) the documents not seen before, and forgets
    /// the analyses of texts no document has any more.
    pub(super) fn update<'a>(&mut self, documents: impl IntoIterator<Item = &'a Document>) {
        self.renew_if_mostly_unused();
        let mut wanted: HashMap<u64, Arc<Analysed>> = HashMap::new();
        let mut fresh: Vec<&Texts> = Vec::new();
        let mut fresh_keys: HashSet<u64> = HashSet::new();
        for document in documents {
            let key = document.texts.key;
            if wanted.contains_key(&key) || fresh_keys.contains(&key) {
                continue;
            }
            match self.by_key.get(&key) {
                Some(analysed) => {
                    wanted.insert(key, analysed.clone());
                }
                None => {
                    fresh.push(&document.texts);
                    fresh_keys.insert(key);
                }
            }
            if fresh.len() == ANALYSIS_CHUNK {
                self.analyse_into(&mut wanted, &fresh);
                fresh.clear();
            }
        }
        self.analyse_into(&mut wanted, &fresh);
        self.by_key = wanted;
        self.vocabulary.sort();
    }

    /// Edits leave words no document uses; when they outnumber the words
    /// the last build used, this build starts a new vocabulary (and
    /// analyses every document again).
    fn renew_if_mostly_unused(&mut self) {
        let mut used = vec![false; self.vocabulary.words.len()];
        for analysed in self.by_key.values() {
            for &(word, _, _) in analysed.iter() {
                used[word as usize] = true;
            }
        }
        let in_use = used.iter().filter(|u| **u).count();
        if self.vocabulary.words.len() > 2 * in_use + 10_000 {
            *self = Analyses::default();
        }
    }

    /// Analyses texts ahead of [`Analyses::update`], which keeps what its
    /// documents use of them.
    pub(super) fn add(&mut self, texts: &[Arc<Texts>]) {
        let fresh: Vec<&Texts> = texts
            .iter()
            .filter(|texts| !self.by_key.contains_key(&texts.key))
            .map(|texts| &**texts)
            .collect();
        let mut analysed = std::mem::take(&mut self.by_key);
        for chunk in fresh.chunks(ANALYSIS_CHUNK) {
            self.analyse_into(&mut analysed, chunk);
        }
        self.by_key = analysed;
    }

    fn analyse_into(&mut self, into: &mut HashMap<u64, Arc<Analysed>>, fresh: &[&Texts]) {
        let found: Vec<Found<'_>> = fresh.par_iter().map(|texts| analyse(texts)).collect();
        for (texts, found) in fresh.iter().zip(found) {
            let analysed = self.vocabulary.intern(found);
            into.insert(texts.key, Arc::new(analysed));
        }
    }
}

/// The word classes and postings of `documents`, from their analyses
/// (see [`Analyses::update`]).
pub(super) fn invert<'v>(documents: &[Document], cache: &'v Analyses) -> Inverted<'v> {
    let analysed: Vec<&Analysed> = documents
        .iter()
        .filter_map(|document| cache.by_key.get(&document.texts.key).map(|a| &**a))
        .collect();
    let vocabulary = &cache.vocabulary;

    // A word joins the class of every stem it has in a language it is
    // written in; stems are nodes after the words.
    let word_count = vocabulary.words.len();
    let mut classes = UnionFind::new(word_count + vocabulary.stem_ids.len());
    let mut present = vec![false; word_count];
    // Most entries repeat a word's pairing with its stem: each pair is
    // joined once (a word written in two languages has a second stem).
    let mut joined_stem = vec![u32::MAX; word_count];
    for document in &analysed {
        for &(word, stem, _) in document.iter() {
            let word = word as usize;
            present[word] = true;
            if joined_stem[word] != stem {
                joined_stem[word] = stem;
                classes.union(word, word_count + stem as usize);
            }
        }
    }

    join_same_meaning(&mut classes, vocabulary, word_count);

    // Words sorted; classes numbered by their first word in that order, so
    // a prefix's words mostly fall into neighbouring classes (and shards).
    let mut class_of_root: FastMap<usize, u32> = FastMap::default();
    let mut word_class_by_id = vec![0u32; word_count];
    let mut words = Vec::new();
    let mut word_class = Vec::new();
    for &id in vocabulary.sorted.iter().filter(|id| present[**id as usize]) {
        let root = classes.find(id as usize);
        let next = class_of_root.len() as u32;
        let class = *class_of_root.entry(root).or_insert(next);
        word_class_by_id[id as usize] = class;
        word_class.push(class);
        words.push(vocabulary.words[id as usize].as_str());
    }
    // Each class's postings are counted first, so each list is allocated
    // once at its size.
    let mut counts = vec![0u32; class_of_root.len()];
    let mut last_document = vec![u32::MAX; class_of_root.len()];
    for (document, entries) in analysed.iter().enumerate() {
        for (word, _, _) in entries.iter() {
            let class = word_class_by_id[*word as usize] as usize;
            if last_document[class] != document as u32 {
                last_document[class] = document as u32;
                counts[class] += 1;
            }
        }
    }
    // Documents in order: a class's last posting is the document's own if
    // another of its words is in the class already.
    let mut postings: Vec<Vec<(u32, u8)>> = counts
        .iter()
        .map(|count| Vec::with_capacity(*count as usize))
        .collect();
    for (document, entries) in analysed.iter().enumerate() {
        let document = document as u32;
        for (word, _, mask) in entries.iter() {
            let class = &mut postings[word_class_by_id[*word as usize] as usize];
            match class.last_mut() {
                Some((last, masks)) if *last == document => *masks |= *mask,
                _ => class.push((document, *mask)),
            }
        }
    }
    let related = related_classes(&mut classes, vocabulary, word_count, &class_of_root);
    Inverted {
        words,
        word_class,
        postings,
        related,
    }
}

/// The stem nodes of `words` (of the set's `primary` language) in every
/// text language of that primary subtag.
fn stem_nodes(
    vocabulary: &Vocabulary,
    word_count: usize,
    primary: &str,
    words: &str,
) -> Vec<usize> {
    let Some(stemmer) = text::stemmer(primary) else {
        return Vec::new();
    };
    let mut nodes = Vec::new();
    let languages = vocabulary
        .languages
        .iter()
        .map(|(language, _)| language)
        .filter(|language| language.split('-').next() == Some(primary));
    for language in languages {
        for word in text::words(words) {
            let stem = stemmer.stem(&word).into_owned();
            if let Some(id) = vocabulary.stem_ids.get(&(language.clone(), stem)) {
                nodes.push(word_count + *id as usize);
            }
        }
    }
    nodes
}

/// For each query word of [`NEEDS`], the classes its record words are in.
fn related_classes(
    classes: &mut UnionFind,
    vocabulary: &Vocabulary,
    word_count: usize,
    class_of_root: &FastMap<usize, u32>,
) -> BTreeMap<String, Vec<u32>> {
    let mut related: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (primary, query_words, record_words) in NEEDS {
        let mut found: Vec<u32> = stem_nodes(vocabulary, word_count, primary, record_words)
            .into_iter()
            .filter_map(|node| class_of_root.get(&classes.find(node)).copied())
            .collect();
        found.sort_unstable();
        found.dedup();
        if found.is_empty() {
            continue;
        }
        for word in text::words(query_words) {
            let entry = related.entry(word).or_default();
            entry.extend(&found);
            entry.sort_unstable();
            entry.dedup();
        }
    }
    related
}

/// Joins the stems of each set of [`SAME_MEANING`] words, in every text
/// language of the set's language (stems are nodes after the words).
fn join_same_meaning(classes: &mut UnionFind, vocabulary: &Vocabulary, word_count: usize) {
    for (english, spanish) in SAME_MEANING {
        let mut nodes = stem_nodes(vocabulary, word_count, "en", english);
        nodes.extend(stem_nodes(vocabulary, word_count, "es", spanish));
        for pair in nodes.windows(2) {
            classes.union(pair[0], pair[1]);
        }
    }
}

/// The words of a document's texts, without stop words and overlong
/// words, with the fields each occurs in.
fn analyse(texts: &Texts) -> Found<'_> {
    let mut by_language: Vec<(&str, FastMap<String, u8>)> = Vec::new();
    for piece in texts.pieces.iter() {
        let language = piece.language.as_str();
        let index = match by_language.iter().position(|(known, _)| *known == language) {
            Some(index) => index,
            None => {
                by_language.push((language, FastMap::default()));
                by_language.len() - 1
            }
        };
        let words = &mut by_language[index].1;
        let bit = piece.field.bit();
        let folded = text::fold(&piece.text);
        for word in text::split_words(&folded) {
            if word.chars().count() > text::MAX_WORD_CHARS || text::is_stop_word_in(word, language)
            {
                continue;
            }
            match words.get_mut(word) {
                Some(mask) => *mask |= bit,
                None => {
                    words.insert(word.to_string(), bit);
                }
            }
        }
    }
    by_language
        .into_iter()
        .flat_map(|(language, words)| {
            words
                .into_iter()
                .map(move |(word, mask)| (word, language, mask))
        })
        .collect()
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(nodes: usize) -> UnionFind {
        UnionFind {
            parent: (0..nodes).collect(),
        }
    }

    fn find(&mut self, mut node: usize) -> usize {
        while self.parent[node] != node {
            self.parent[node] = self.parent[self.parent[node]];
            node = self.parent[node];
        }
        node
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[b.max(a)] = a.min(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::search::documents::{Field, Text, Texts};

    fn document(text: String) -> Document {
        Document {
            texts: Arc::new(Texts::new(vec![Text {
                field: Field::Body,
                language: "en".into(),
                text,
            }])),
            display: "null".to_string(),
            facet_values: Vec::new(),
        }
    }

    #[test]
    fn a_renewed_vocabulary_still_indexes_every_document() {
        let mut analyses = Analyses::default();
        let many: Vec<String> = (0..12_000).map(|n| format!("w{n}x")).collect();
        analyses.update(&[document(many.join(" "))]);
        // The edit drops twelve thousand words: the next build renews.
        let edited = [document("shelter".into())];
        for _ in 0..2 {
            analyses.update(&edited);
            let inverted = invert(&edited, &analyses);
            assert_eq!(inverted.words, ["shelter"]);
            assert_eq!(inverted.postings, [vec![(0, Field::Body.bit())]]);
        }
        assert!(analyses.vocabulary.words.len() < 10);
    }
}
