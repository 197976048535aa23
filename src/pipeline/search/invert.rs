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

/// Words, their classes and the postings of every class, as the index
/// writes them.
pub(super) struct Inverted<'v> {
    /// Sorted, distinct.
    pub(super) words: Vec<&'v str>,
    /// Class of each word.
    pub(super) word_class: &'v [u32],
    /// Per class: (document, field mask), by document.
    pub(super) postings: &'v [Vec<(u32, u8)>],
    /// Per query word of [`NEEDS`]: the classes of the record words it
    /// also finds, where documents use them.
    pub(super) related: &'v BTreeMap<String, Vec<u32>>,
}

/// [`Inverted`] with words as vocabulary ids.
#[derive(Default)]
pub(super) struct Classes {
    /// The ids of the words documents use, in word order.
    sorted: Vec<u32>,
    word_class: Vec<u32>,
    postings: Vec<Vec<(u32, u8)>>,
    related: BTreeMap<String, Vec<u32>>,
}

impl Classes {
    pub(super) fn view<'v>(&'v self, analyses: &'v Analyses) -> Inverted<'v> {
        let words = &analyses.vocabulary.words;
        Inverted {
            words: self
                .sorted
                .iter()
                .map(|id| words[*id as usize].as_str())
                .collect(),
            word_class: &self.word_class,
            postings: &self.postings,
            related: &self.related,
        }
    }
}

/// Analyses by text hash, and the vocabulary their ids point into:
/// shared by the indexes of every language (a partner's texts are the
/// same in each) and, in `haven serve`, by one build and the next.
#[derive(Default)]
pub(super) struct Analyses {
    by_key: HashMap<u64, Arc<Analysed>>,
    vocabulary: Vocabulary,
    /// Counts the vocabularies begun: ids of one mean nothing in another.
    generation: u64,
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
            *self = Analyses {
                generation: self.generation + 1,
                ..Analyses::default()
            };
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
pub(super) fn invert(documents: &[Document], cache: &Analyses) -> Classes {
    let analysed: Vec<&Analysed> = documents
        .iter()
        .filter_map(|document| cache.by_key.get(&document.texts.key).map(|a| &**a))
        .collect();
    classify(&analysed, &cache.vocabulary).0
}

/// The classes of the words `analysed` documents use, with the class of
/// each word by id (`u32::MAX` for words none uses).
fn classify(analysed: &[&Analysed], vocabulary: &Vocabulary) -> (Classes, Vec<u32>) {
    // A word joins the class of every stem it has in a language it is
    // written in; stems are nodes after the words.
    let word_count = vocabulary.words.len();
    let mut classes = UnionFind::new(word_count + vocabulary.stem_ids.len());
    let mut present = vec![false; word_count];
    // Most entries repeat a word's pairing with its stem: each pair is
    // joined once (a word written in two languages has a second stem).
    let mut joined_stem = vec![u32::MAX; word_count];
    for document in analysed {
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
    let mut word_class_by_id = vec![u32::MAX; word_count];
    let mut sorted = Vec::new();
    let mut word_class = Vec::new();
    for &id in vocabulary.sorted.iter().filter(|id| present[**id as usize]) {
        let root = classes.find(id as usize);
        let next = class_of_root.len() as u32;
        let class = *class_of_root.entry(root).or_insert(next);
        word_class_by_id[id as usize] = class;
        word_class.push(class);
        sorted.push(id);
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
    let classes = Classes {
        sorted,
        word_class,
        postings,
        related,
    };
    (classes, word_class_by_id)
}

/// One language's [`Classes`] as `haven serve` keeps them between
/// rebuilds, with the counts that tell what an edit changed: an edit that
/// adds or drops words without joining or splitting classes patches the
/// classes and the edited documents' postings in place; any other edit
/// (and a first build) classifies every document again.
#[derive(Default)]
pub(super) struct Kept {
    classes: Classes,
    /// The vocabulary the ids below are of.
    generation: Option<u64>,
    /// Per document: the key of its texts and their analysis.
    keys: Vec<u64>,
    analysed: Vec<Arc<Analysed>>,
    /// By word id: its class (`u32::MAX`: no document uses it), and how
    /// many documents use it.
    class_of: Vec<u32>,
    word_documents: Vec<u32>,
    /// How many documents use each (word, stem) pair.
    pairs: FastMap<(u32, u32), u32>,
    /// By stem id: how many words documents use have it, and their class.
    stem_words: Vec<u32>,
    stem_class: Vec<u32>,
    /// Per class: the id of its first word in word order, which numbers it.
    class_first: Vec<u32>,
    /// How many stems the synonym lists name: one more can join classes.
    special_stems: usize,
}

/// More changed documents than this are classified again from the start.
const MOST_PATCHED: usize = 8;

impl Kept {
    /// The classes of `documents` (analysed by `analyses`).
    pub(super) fn update(&mut self, documents: &[Document], analyses: &Analyses) -> &Classes {
        if !self.patch(documents, analyses) {
            self.renew(documents, analyses);
        }
        &self.classes
    }

    fn renew(&mut self, documents: &[Document], analyses: &Analyses) {
        let vocabulary = &analyses.vocabulary;
        let analysed: Vec<Arc<Analysed>> = documents
            .iter()
            .filter_map(|document| analyses.by_key.get(&document.texts.key).cloned())
            .collect();
        let borrowed: Vec<&Analysed> = analysed.iter().map(|a| &**a).collect();
        let (classes, class_of) = classify(&borrowed, vocabulary);
        let mut word_documents = vec![0u32; vocabulary.words.len()];
        let mut last_document = vec![u32::MAX; vocabulary.words.len()];
        let mut pairs: FastMap<(u32, u32), u32> = FastMap::default();
        for (document, entries) in analysed.iter().enumerate() {
            for &(word, stem, _) in entries.iter() {
                if last_document[word as usize] != document as u32 {
                    last_document[word as usize] = document as u32;
                    word_documents[word as usize] += 1;
                }
                *pairs.entry((word, stem)).or_insert(0) += 1;
            }
        }
        let mut stem_words = vec![0u32; vocabulary.stem_ids.len()];
        let mut stem_class = vec![u32::MAX; vocabulary.stem_ids.len()];
        for &(word, stem) in pairs.keys() {
            stem_words[stem as usize] += 1;
            stem_class[stem as usize] = class_of[word as usize];
        }
        let mut class_first = Vec::new();
        for (&word, &class) in classes.sorted.iter().zip(&classes.word_class) {
            if class as usize == class_first.len() {
                class_first.push(word);
            }
        }
        *self = Kept {
            classes,
            generation: Some(analyses.generation),
            keys: documents
                .iter()
                .map(|document| document.texts.key)
                .collect(),
            analysed,
            class_of,
            word_documents,
            pairs,
            stem_words,
            stem_class,
            class_first,
            special_stems: special_stems(vocabulary).len(),
        };
    }

    /// Patches the classes for the documents whose texts changed; false
    /// when the edit is not one a patch can follow (then what was patched
    /// is to be made again).
    fn patch(&mut self, documents: &[Document], analyses: &Analyses) -> bool {
        let vocabulary = &analyses.vocabulary;
        if self.generation != Some(analyses.generation)
            || documents.len() != self.keys.len()
            || self.analysed.len() != self.keys.len()
        {
            return false;
        }
        let changed: Vec<usize> = (0..documents.len())
            .filter(|&i| documents[i].texts.key != self.keys[i])
            .collect();
        if changed.is_empty() {
            return true;
        }
        let special = special_stems(vocabulary);
        if changed.len() > MOST_PATCHED || special.len() != self.special_stems {
            return false;
        }
        let mut fresh = Vec::with_capacity(changed.len());
        for &i in &changed {
            match analyses.by_key.get(&documents[i].texts.key) {
                Some(analysed) => fresh.push(analysed.clone()),
                None => return false,
            }
        }
        self.class_of.resize(vocabulary.words.len(), u32::MAX);
        self.word_documents.resize(vocabulary.words.len(), 0);
        self.stem_words.resize(vocabulary.stem_ids.len(), 0);
        self.stem_class.resize(vocabulary.stem_ids.len(), u32::MAX);

        for &i in &changed {
            self.remove_postings(i as u32);
        }
        let old: Vec<Arc<Analysed>> = changed.iter().map(|&i| self.analysed[i].clone()).collect();
        let mut words_before: FastMap<u32, bool> = FastMap::default();
        let mut pairs_before: FastMap<(u32, u32), bool> = FastMap::default();
        for &(word, stem, _) in old.iter().chain(&fresh).flat_map(|a| a.iter()) {
            words_before.insert(word, self.word_documents[word as usize] > 0);
            pairs_before.insert((word, stem), self.pairs.contains_key(&(word, stem)));
        }
        for analysed in &old {
            self.count(analysed, false);
        }
        for analysed in &fresh {
            self.count(analysed, true);
        }
        // Words documents begin or stop using, each with its one stem.
        let mut dropped: Vec<(u32, u32)> = Vec::new();
        let mut added: Vec<(u32, u32)> = Vec::new();
        for (&(word, stem), &was) in &pairs_before {
            let is = self.pairs.contains_key(&(word, stem));
            if was == is {
                continue;
            }
            let word_was = words_before[&word];
            let word_is = self.word_documents[word as usize] > 0;
            // A word that gains or loses a language joins or splits
            // classes; so may a stem the synonym lists name.
            if word_was == word_is || special.contains(&stem) {
                return false;
            }
            if is {
                added.push((word, stem));
            } else {
                dropped.push((word, stem));
            }
        }
        let one_stem_each = |pairs: &mut Vec<(u32, u32)>| {
            pairs.sort_unstable();
            pairs.windows(2).all(|pair| pair[0].0 != pair[1].0)
        };
        if !one_stem_each(&mut dropped) || !one_stem_each(&mut added) {
            return false;
        }
        let words = &vocabulary.words;
        for (word, stem) in dropped {
            if !self.drop_word(word, stem, words) {
                return false;
            }
        }
        for (word, stem) in added {
            if !self.add_word(word, stem, words) {
                return false;
            }
        }
        for (&word, &class) in self.classes.sorted.iter().zip(&self.classes.word_class) {
            self.class_of[word as usize] = class;
        }
        for (&i, analysed) in changed.iter().zip(fresh) {
            self.add_postings(i as u32, &analysed);
            self.keys[i] = documents[i].texts.key;
            self.analysed[i] = analysed;
        }
        true
    }

    /// Counts `analysed` in (`add`) or out of the documents' words and pairs.
    fn count(&mut self, analysed: &Analysed, add: bool) {
        let mut seen: Vec<u32> = analysed.iter().map(|(word, _, _)| *word).collect();
        seen.sort_unstable();
        seen.dedup();
        for word in seen {
            let documents = &mut self.word_documents[word as usize];
            *documents = if add {
                *documents + 1
            } else {
                documents.saturating_sub(1)
            };
        }
        for &(word, stem, _) in analysed.iter() {
            let documents = self.pairs.entry((word, stem)).or_insert(0);
            *documents = if add {
                *documents + 1
            } else {
                documents.saturating_sub(1)
            };
            if *documents == 0 {
                self.pairs.remove(&(word, stem));
            }
        }
    }

    /// The position `word` has or would have among the sorted words.
    fn position(&self, word: u32, words: &[String]) -> usize {
        let text = words[word as usize].as_str();
        self.classes
            .sorted
            .partition_point(|other| words[*other as usize].as_str() < text)
    }

    /// Takes out a word no document uses any more: with its class when it
    /// was the class's only word, else (a word with one stem holds nothing
    /// else together) from its class, unless it named the class.
    fn drop_word(&mut self, word: u32, stem: u32, words: &[String]) -> bool {
        let at = self.position(word, words);
        if self.classes.sorted.get(at) != Some(&word) {
            return false;
        }
        // Not `class_of`: an earlier word of this edit may have renumbered.
        let class = self.classes.word_class[at];
        self.stem_words[stem as usize] -= 1;
        if self.stem_words[stem as usize] == 0 {
            if !self.classes.postings[class as usize].is_empty() {
                return false;
            }
            self.classes.postings.remove(class as usize);
            self.class_first.remove(class as usize);
            self.stem_class[stem as usize] = u32::MAX;
            self.renumber(|c| if c > class { c - 1 } else { c });
        } else if self.class_first[class as usize] == word {
            return false;
        }
        self.classes.sorted.remove(at);
        self.classes.word_class.remove(at);
        self.class_of[word as usize] = u32::MAX;
        true
    }

    /// Puts in a word documents begin to use: in a class of its own when
    /// no other word has its stem, else in the class of its stem, unless it
    /// would name that class.
    fn add_word(&mut self, word: u32, stem: u32, words: &[String]) -> bool {
        let at = self.position(word, words);
        let class = if self.stem_words[stem as usize] == 0 {
            // Classes are numbered in the order their first words sort.
            let class = self.classes.word_class[..at]
                .iter()
                .max()
                .map_or(0, |last| last + 1);
            self.renumber(|c| if c >= class { c + 1 } else { c });
            self.classes.postings.insert(class as usize, Vec::new());
            self.class_first.insert(class as usize, word);
            self.stem_class[stem as usize] = class;
            class
        } else {
            let class = self.stem_class[stem as usize];
            let first = self.class_first[class as usize];
            if words[word as usize] < words[first as usize] {
                return false;
            }
            class
        };
        self.stem_words[stem as usize] += 1;
        self.classes.sorted.insert(at, word);
        self.classes.word_class.insert(at, class);
        self.class_of[word as usize] = class;
        true
    }

    /// Numbers every class anew by `renumbered`.
    fn renumber(&mut self, renumbered: impl Fn(u32) -> u32) {
        for class in self.classes.word_class.iter_mut() {
            *class = renumbered(*class);
        }
        for class in self.stem_class.iter_mut().filter(|c| **c != u32::MAX) {
            *class = renumbered(*class);
        }
        for classes in self.classes.related.values_mut() {
            for class in classes.iter_mut() {
                *class = renumbered(*class);
            }
        }
    }

    /// Takes document `document` out of the postings of its words' classes.
    fn remove_postings(&mut self, document: u32) {
        let analysed = self.analysed[document as usize].clone();
        for &(word, _, _) in analysed.iter() {
            let class = self.class_of[word as usize] as usize;
            if let Some(postings) = self.classes.postings.get_mut(class) {
                if let Ok(at) = postings.binary_search_by_key(&document, |(d, _)| *d) {
                    postings.remove(at);
                }
            }
        }
    }

    /// Puts document `document` in the postings of its words' classes.
    fn add_postings(&mut self, document: u32, analysed: &Analysed) {
        let mut masks: Vec<(u32, u8)> = analysed
            .iter()
            .map(|&(word, _, mask)| (self.class_of[word as usize], mask))
            .collect();
        masks.sort_unstable_by_key(|(class, _)| *class);
        for group in masks.chunk_by(|a, b| a.0 == b.0) {
            let mask = group.iter().fold(0, |all, (_, mask)| all | mask);
            let postings = &mut self.classes.postings[group[0].0 as usize];
            let at = postings.partition_point(|(d, _)| *d < document);
            postings.insert(at, (document, mask));
        }
    }
}

/// The stem ids of the words the synonym lists name ([`SAME_MEANING`],
/// [`NEEDS`]), in every text language.
fn special_stems(vocabulary: &Vocabulary) -> HashSet<u32> {
    let word_count = vocabulary.words.len();
    let mut nodes = Vec::new();
    for (english, spanish) in SAME_MEANING {
        nodes.extend(stem_nodes(vocabulary, word_count, "en", english));
        nodes.extend(stem_nodes(vocabulary, word_count, "es", spanish));
    }
    for (primary, _, record_words) in NEEDS {
        nodes.extend(stem_nodes(vocabulary, word_count, primary, record_words));
    }
    nodes
        .into_iter()
        .map(|node| (node - word_count) as u32)
        .collect()
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

    fn written(classes: &Classes, analyses: &Analyses) -> String {
        let inverted = classes.view(analyses);
        format!(
            "{:?} {:?} {:?} {:?}",
            inverted.words, inverted.word_class, inverted.postings, inverted.related
        )
    }

    /// Documents in English and Spanish whose words share stems, name
    /// synonyms, and come and go.
    fn bilingual(text: &str, spanish: &str) -> Document {
        let piece = |field, language: &str, text: &str| Text {
            field,
            language: language.into(),
            text: text.into(),
        };
        Document {
            texts: Arc::new(Texts::new(vec![
                piece(Field::Name, "en", text),
                piece(Field::Body, "es", spanish),
            ])),
            display: "null".to_string(),
            facet_values: Vec::new(),
        }
    }

    #[test]
    fn patched_classes_are_the_classes_made_from_the_start() {
        // Words that share stems, synonyms, words in both languages, and
        // numbers that come and go as an edit rewrites a sentence.
        let english = [
            "shelter",
            "shelters",
            "sheltered",
            "housing",
            "lawyer",
            "lawyers",
            "attorney",
            "court",
            "zebra",
            "apple",
            "oakland",
            "bed",
            "sleep",
            "help",
            "helping",
            "7",
        ];
        let spanish = [
            "refugio", "albergue", "abogado", "abogados", "niño", "joven", "ayuda", "oakland",
            "corte", "7",
        ];
        for first in 0..5 {
            let mut seed = 7u64 + first;
            let mut pick = move |n: usize| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (seed >> 33) as usize % n
            };
            let mut texts: Vec<(Vec<String>, Vec<String>)> = (0..16)
                .map(|_| {
                    let en: Vec<String> = (0..6)
                        .map(|_| english[pick(english.len())].to_string())
                        .collect();
                    let es: Vec<String> = (0..6)
                        .map(|_| spanish[pick(spanish.len())].to_string())
                        .collect();
                    (en, es)
                })
                .collect();
            let document =
                |(en, es): &(Vec<String>, Vec<String>)| bilingual(&en.join(" "), &es.join(" "));
            let mut analyses = Analyses::default();
            let mut kept = Kept::default();
            let mut patched = 0;
            for edit in 0..400 {
                for _ in 0..1 + pick(2) {
                    let (en, es) = &mut texts[pick(16)];
                    let word = match pick(4) {
                        0 => format!("{}", 2000 + edit),
                        1 => english[pick(english.len())].to_string(),
                        2 => spanish[pick(spanish.len())].to_string(),
                        _ => format!("{}", 2000 + pick(8)),
                    };
                    let text = if pick(2) == 0 { en } else { es };
                    let at = pick(text.len());
                    text[at] = word;
                }
                let documents: Vec<Document> = texts.iter().map(document).collect();
                analyses.update(&documents);
                if kept.patch(&documents, &analyses) {
                    patched += 1;
                } else {
                    kept.renew(&documents, &analyses);
                }
                let fresh = invert(&documents, &analyses);
                assert_eq!(
                    written(&kept.classes, &analyses),
                    written(&fresh, &analyses),
                    "seed {first}, edit {edit}"
                );
            }
            assert!(patched > 200, "{patched} of 400 edits patched");
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
            let classes = invert(&edited, &analyses);
            let inverted = classes.view(&analyses);
            assert_eq!(inverted.words, ["shelter"]);
            assert_eq!(inverted.postings, [vec![(0, Field::Body.bit())]]);
        }
        assert!(analyses.vocabulary.words.len() < 10);
    }
}
