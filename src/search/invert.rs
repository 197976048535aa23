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

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use crate::search::documents::Document;
use crate::search::text;

/// Words, their classes and the postings of every class.
pub(super) struct Inverted {
    /// Sorted, distinct.
    pub(super) words: Vec<String>,
    /// Class of each word.
    pub(super) word_class: Vec<u32>,
    /// Per class: (document, field mask), by document.
    pub(super) postings: Vec<Vec<(u32, u8)>>,
}

/// What one index's builds hand each other: analyses by text hash, and
/// the vocabulary their ids point into.
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
type Found = Vec<(String, String, u8)>;

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
    fn word(&mut self, word: &str) -> u32 {
        if let Some(id) = self.word_ids.get(word) {
            return *id;
        }
        let id = self.words.len() as u32;
        self.words.push(word.to_string());
        self.word_ids.insert(word.to_string(), id);
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

    fn intern(&mut self, found: Found) -> Analysed {
        found
            .into_iter()
            .map(|(word, language, mask)| {
                let id = self.word(&word);
                (id, self.stem(id, &language), mask)
            })
            .collect()
    }
}

/// The word classes and postings of `documents`, analysing (in parallel)
/// only those `cache` has not seen.
pub(super) fn invert(documents: &[Document], cache: &mut Analyses) -> Inverted {
    let fresh: Vec<(u64, Found)> = documents
        .par_iter()
        .filter(|document| !cache.by_key.contains_key(&document.texts.key))
        .map(|document| (document.texts.key, analyse(document)))
        .collect();
    for (key, found) in fresh {
        let analysed = cache.vocabulary.intern(found);
        cache.by_key.insert(key, Arc::new(analysed));
    }
    let analysed: Vec<Arc<Analysed>> = documents
        .iter()
        .filter_map(|document| cache.by_key.get(&document.texts.key).cloned())
        .collect();
    cache.by_key = documents
        .iter()
        .map(|document| document.texts.key)
        .zip(analysed.iter().cloned())
        .collect();
    let vocabulary = &mut cache.vocabulary;
    vocabulary.sort();

    // A word joins the class of every stem it has in a language it is
    // written in; stems are nodes after the words.
    let word_count = vocabulary.words.len();
    let mut classes = UnionFind::new(word_count + vocabulary.stem_ids.len());
    let mut present = vec![false; word_count];
    for document in &analysed {
        for &(word, stem, _) in document.iter() {
            present[word as usize] = true;
            classes.union(word as usize, word_count + stem as usize);
        }
    }

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
        words.push(vocabulary.words[id as usize].clone());
    }
    let mut postings: Vec<Vec<(u32, u8)>> = vec![Vec::new(); class_of_root.len()];
    let mut masks: Vec<(u32, u8)> = Vec::new();
    for (document, entries) in analysed.iter().enumerate() {
        masks.clear();
        masks.extend(
            entries
                .iter()
                .map(|(word, _, mask)| (word_class_by_id[*word as usize], *mask)),
        );
        masks.sort_unstable_by_key(|(class, _)| *class);
        let mut index = 0;
        while index < masks.len() {
            let (class, mut mask) = masks[index];
            index += 1;
            while index < masks.len() && masks[index].0 == class {
                mask |= masks[index].1;
                index += 1;
            }
            postings[class as usize].push((document as u32, mask));
        }
    }

    // Edits leave words no document uses; when they outnumber the words in
    // use, the next build starts a new vocabulary.
    if word_count > 2 * words.len() + 10_000 {
        *cache = Analyses::default();
    }
    Inverted {
        words,
        word_class,
        postings,
    }
}

/// The words of a document's texts, without stop words and overlong
/// words, with the fields each occurs in.
fn analyse(document: &Document) -> Found {
    let mut found: HashMap<(String, &str), u8> = HashMap::new();
    for piece in document.texts.pieces.iter() {
        for word in text::words(&piece.text) {
            if word.chars().count() > text::MAX_WORD_CHARS || text::is_stop_word(&word) {
                continue;
            }
            *found.entry((word, piece.language.as_str())).or_insert(0) |= piece.field.bit();
        }
    }
    found
        .into_iter()
        .map(|((word, language), mask)| (word, language.to_string(), mask))
        .collect()
}

/// Hash maps keyed by short words and small ids: FNV-1a, much faster than
/// the default SipHash there, and no untrusted input can choose the keys
/// to slow a build down beyond what the hub's own authors could.
pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

#[derive(Default)]
pub(super) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for byte in bytes {
            hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
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
