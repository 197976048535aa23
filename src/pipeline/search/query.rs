//! The ranking `search.js` runs in the browser, in Rust, over the files a
//! build writes: `cargo test` runs the relevance set
//! (`tests/search/relevance.json`) through it, and the browser tests run
//! the same set through the shipped script. A change to one is made to
//! the other; docs/search.md describes both.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use rust_stemmers::Stemmer;
use serde_json::Value;

use crate::pipeline::search::{a32, text, SearchIndex};

/// An index file this module cannot read: only a bug in the writer (or in
/// this reader) makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableIndex(pub String);

impl fmt::Display for UnreadableIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unreadable search index: {}", self.0)
    }
}

impl std::error::Error for UnreadableIndex {}

/// One facet of the index: per partner, its value indices; and the
/// labels of its values.
struct Facet {
    key: String,
    all: bool,
    labels: Vec<String>,
    values: Vec<Vec<u32>>,
}

/// An index as the query script holds it once every file is loaded.
pub struct Reader {
    dict: Vec<String>,
    position: HashMap<String, usize>,
    word_class: Vec<u32>,
    df: Vec<u32>,
    start: Vec<usize>,
    doc: Vec<u32>,
    mask: Vec<u8>,
    /// Weight of each field mask: the sum of its fields' weights.
    weight: Vec<f64>,
    /// Per query word of a need: the classes of the words records use.
    related: HashMap<String, Vec<u32>>,
    documents: usize,
    partners: usize,
    stop: HashSet<String>,
    facets: Vec<Facet>,
    displays: Vec<Value>,
    stemmers: Vec<Stemmer>,
}

/// A result with what it was ranked by, in order: query words matched,
/// score, and the fields matched (a bit each, `Field::bit`).
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub document: usize,
    pub matched: u32,
    pub score: f64,
    pub fields: u8,
}

/// Match quality of a class for a query word, as in `search.js`.
const EXACT: f64 = 1.0;
const SAME_STEM: f64 = 0.9;
const NEEDED: f64 = 0.7;
const PREFIX: f64 = 0.8;
const ONE_EDIT: f64 = 0.5;
const TWO_EDITS: f64 = 0.3;

/// The files of an index, by path, and its head.
struct Files<'a> {
    by_path: BTreeMap<&'a str, Value>,
    head: Value,
}

impl<'a> Files<'a> {
    fn read(index: &'a SearchIndex) -> Result<Files<'a>, UnreadableIndex> {
        let by_path: BTreeMap<&str, Value> = index
            .files
            .iter()
            .filter_map(|file| Some((file.path.as_str(), script_data(&file.contents)?)))
            .collect();
        let head = by_path
            .get(index.head.as_str())
            .cloned()
            .ok_or_else(|| UnreadableIndex(format!("no head {}", index.head)))?;
        Ok(Files { by_path, head })
    }

    fn file(&self, path: &Value) -> Result<&Value, UnreadableIndex> {
        let path = path.as_str().unwrap_or_default();
        self.by_path
            .get(path)
            .ok_or_else(|| UnreadableIndex(format!("no file {path}")))
    }

    fn head(&self, key: &str) -> Result<&Value, UnreadableIndex> {
        field(&self.head, key)
    }

    /// The files a head key lists (each an output path).
    fn listed(&self, paths: &Value) -> Result<Vec<&Value>, UnreadableIndex> {
        paths
            .as_array()
            .into_iter()
            .flatten()
            .map(|path| self.file(path))
            .collect()
    }

    /// `(gaps, masks)` of every class, from the head or its shards.
    fn postings(&self) -> Result<(Vec<u32>, Vec<u32>), UnreadableIndex> {
        let shards: Vec<&Value> = match self.head.get("post") {
            Some(post) => vec![post],
            None => {
                let paths: Vec<Value> = self
                    .head("p")?
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|shard| shard[1].clone())
                    .collect();
                self.listed(&Value::from(paths))?
            }
        };
        let (mut gaps, mut masks) = (Vec::new(), Vec::new());
        for shard in shards {
            gaps.extend(numbers(field(shard, "g")?)?);
            masks.extend(numbers(field(shard, "m")?)?);
        }
        Ok((gaps, masks))
    }

    fn facets(&self, index: &SearchIndex) -> Result<Vec<Facet>, UnreadableIndex> {
        let streams: Vec<&Value> = match self.head.get("fac") {
            Some(fac) => fac.as_array().into_iter().flatten().collect(),
            None => self.listed(self.head("f")?)?,
        };
        index
            .facets
            .iter()
            .zip(streams)
            .map(|(spec, stream)| {
                Ok(Facet {
                    key: spec.key.to_string(),
                    all: spec.all,
                    labels: spec.values.iter().map(|(_, label)| label.clone()).collect(),
                    values: facet_values(&numbers(stream)?),
                })
            })
            .collect()
    }

    fn displays(&self) -> Result<Vec<Value>, UnreadableIndex> {
        let shards = match self.head.get("docs") {
            Some(docs) => vec![docs],
            None => self.listed(&self.head("d")?[1])?,
        };
        Ok(shards
            .into_iter()
            .flat_map(|shard| shard.as_array().cloned().unwrap_or_default())
            .collect())
    }
}

fn field<'v>(value: &'v Value, key: &str) -> Result<&'v Value, UnreadableIndex> {
    value
        .get(key)
        .ok_or_else(|| UnreadableIndex(format!("no `{key}`")))
}

fn numbers(value: &Value) -> Result<Vec<u32>, UnreadableIndex> {
    let text = value.as_str().unwrap_or_default();
    a32::decode(text).ok_or_else(|| UnreadableIndex(format!("bad numbers {text:.20}")))
}

fn count(value: &Value) -> usize {
    value.as_u64().unwrap_or_default() as usize
}

/// Word classes in word order from their stream: 0 opens the next class,
/// n + 1 names class n again.
fn word_classes(stream: Vec<u32>) -> Vec<u32> {
    let mut next = 0;
    stream
        .into_iter()
        .map(|v| {
            if v == 0 {
                next += 1;
                next - 1
            } else {
                v - 1
            }
        })
        .collect()
}

/// Document ids from gaps, which restart at each class.
fn documents_of(gaps: &[u32], start: &[usize]) -> Vec<u32> {
    let mut doc = Vec::with_capacity(gaps.len());
    for range in start.windows(2) {
        let mut document = 0;
        for gap in gaps.get(range[0]..range[1]).unwrap_or_default() {
            document += gap;
            doc.push(document);
        }
    }
    doc
}

/// Weight of each field mask: the sum of its fields' weights.
fn mask_weights(weights: &Value) -> Vec<f64> {
    let weights: Vec<f64> = weights
        .as_array()
        .into_iter()
        .flatten()
        .map(|w| w.as_f64().unwrap_or_default())
        .collect();
    (0..128)
        .map(|mask| {
            (0..weights.len().min(7))
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| weights[i])
                .sum()
        })
        .collect()
}

impl Reader {
    /// Reads every file of `index`.
    pub fn open(index: &SearchIndex) -> Result<Reader, UnreadableIndex> {
        let files = Files::read(index)?;
        let dict = front_decoded(files.head("words")?.as_str().unwrap_or_default());
        let word_class = word_classes(numbers(files.head("wc")?)?);
        let df = numbers(files.head("df")?)?;
        let mut start = vec![0usize];
        for n in &df {
            start.push(start[start.len() - 1] + *n as usize);
        }
        let (gaps, masks) = files.postings()?;
        let doc = documents_of(&gaps, &start);
        let documents = count(files.head("n")?);
        let sound = word_class.len() == dict.len()
            && word_class.iter().all(|c| (*c as usize) < df.len())
            && doc.len() == start[df.len()]
            && masks.len() == doc.len()
            && doc.iter().all(|d| (*d as usize) < documents);
        if !sound {
            return Err(UnreadableIndex("the parts do not add up".into()));
        }
        let related = files
            .head("rel")?
            .as_object()
            .into_iter()
            .flatten()
            .map(|(word, classes)| {
                let classes = classes.as_array().into_iter().flatten();
                let classes = classes.filter_map(|c| Some(c.as_u64()? as u32));
                (
                    word.clone(),
                    classes.filter(|c| (*c as usize) < df.len()).collect(),
                )
            })
            .collect();
        let stemmers = files
            .head("stem")?
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|pair| text::stemmer(pair[0].as_str()?))
            .collect();
        Ok(Reader {
            position: dict
                .iter()
                .enumerate()
                .map(|(i, w)| (w.clone(), i))
                .collect(),
            dict,
            word_class,
            df,
            start,
            doc,
            mask: masks.into_iter().map(|m| m as u8).collect(),
            weight: mask_weights(files.head("weights")?),
            related,
            documents,
            partners: count(files.head("np")?),
            stop: files
                .head("stop")?
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|w| Some(w.as_str()?.to_string()))
                .collect(),
            facets: files.facets(index)?,
            displays: files.displays()?,
            stemmers,
        })
    }

    /// The name (or guide title) a result shows.
    pub fn name(&self, document: usize) -> &str {
        self.displays
            .get(document)
            .and_then(|display| display[0].as_str())
            .unwrap_or_default()
    }

    /// Documents for `query` as typed (no space after the last word), best
    /// first, among partners with every facet label in `filters` checked:
    /// `(facet key, label)`.
    pub fn search(&self, query: &str, filters: &[(&str, &str)]) -> Vec<usize> {
        self.ranked(query, filters)
            .into_iter()
            .map(|r| r.document)
            .collect()
    }

    /// [`Reader::search`] with what each result was ranked by.
    pub fn ranked(&self, query: &str, filters: &[(&str, &str)]) -> Vec<Ranked> {
        let chosen: Vec<HashSet<u32>> = self
            .facets
            .iter()
            .map(|facet| {
                filters
                    .iter()
                    .filter(|(key, _)| *key == facet.key)
                    .filter_map(|(_, label)| facet.labels.iter().position(|l| l == label))
                    .map(|i| i as u32)
                    .collect()
            })
            .collect();
        let filtering = chosen.iter().any(|set| !set.is_empty());
        let terms: Vec<String> = text::words(query)
            .filter(|w| !self.stop.contains(w))
            .collect();
        let typing = !query.ends_with(char::is_whitespace);
        // A word the index has nothing for ("tonight") is left out.
        let candidates: Vec<HashMap<u32, f64>> = terms
            .iter()
            .enumerate()
            .map(|(i, term)| self.candidates(term, typing && i + 1 == terms.len()))
            .filter(|found| !found.is_empty())
            .collect();

        let n = self.documents;
        let mut score = vec![0f64; n];
        let mut matched = vec![0u32; n];
        let mut fields = vec![0u8; n];
        for found in &candidates {
            let mut term_score = vec![0f64; n];
            for (&class, &quality) in found {
                let class = class as usize;
                let idf = (1.0 + n as f64 / f64::from(self.df[class])).ln();
                for k in self.start[class]..self.start[class + 1] {
                    let d = self.doc[k] as usize;
                    let mask = self.mask[k];
                    let s = quality * idf * self.weight[usize::from(mask & 127)];
                    if s > term_score[d] {
                        term_score[d] = s;
                    }
                    fields[d] |= mask;
                }
            }
            for d in 0..n {
                if term_score[d] > 0.0 {
                    score[d] += term_score[d];
                    matched[d] += 1;
                }
            }
        }
        let mut hits: Vec<usize> = if terms.is_empty() {
            if filtering {
                (0..self.partners).collect()
            } else {
                Vec::new()
            }
        } else {
            (0..n)
                .filter(|d| matched[*d] as usize == candidates.len() && matched[*d] > 0)
                .collect()
        };
        if hits.is_empty() && candidates.len() > 1 {
            hits = (0..n).filter(|d| matched[*d] > 0).collect();
        }
        let passes = |d: usize| {
            self.facets.iter().zip(&chosen).all(|(facet, set)| {
                let values = facet.values.get(d).map_or(&[][..], Vec::as_slice);
                set.is_empty()
                    || if facet.all {
                        set.iter().all(|v| values.contains(v))
                    } else {
                        values.iter().any(|v| set.contains(v))
                    }
            })
        };
        let results: Vec<usize> = hits
            .into_iter()
            .filter(|&d| {
                if d >= self.partners {
                    !filtering
                } else {
                    passes(d)
                }
            })
            .collect();
        let mut ranked: Vec<Ranked> = results
            .into_iter()
            .map(|d| Ranked {
                document: d,
                matched: matched[d],
                score: score[d],
                fields: fields[d],
            })
            .collect();
        ranked.sort_by(|a, b| {
            b.matched
                .cmp(&a.matched)
                .then(b.score.total_cmp(&a.score))
                .then(b.fields.count_ones().cmp(&a.fields.count_ones()))
                .then(a.document.cmp(&b.document))
        });
        ranked
    }

    /// Word classes a query word stands for, with a match quality.
    fn candidates(&self, term: &str, prefix: bool) -> HashMap<u32, f64> {
        let mut found: HashMap<u32, f64> = HashMap::new();
        let add_class = |found: &mut HashMap<u32, f64>, class: u32, quality: f64| {
            let best = found.entry(class).or_insert(quality);
            *best = best.max(quality);
        };
        let add = |found: &mut HashMap<u32, f64>, i: usize, quality: f64| {
            add_class(found, self.word_class[i], quality)
        };
        for &class in self.related.get(term).into_iter().flatten() {
            add_class(&mut found, class, NEEDED);
        }
        if let Some(&i) = self.position.get(term) {
            add(&mut found, i, EXACT);
        } else {
            for stemmer in &self.stemmers {
                let stem = stemmer.stem(term);
                let first: String = stem.chars().take(3).collect();
                for (i, word) in self.dict.iter().enumerate() {
                    if word.starts_with(&first) && stemmer.stem(word) == stem {
                        add(&mut found, i, SAME_STEM);
                    }
                }
            }
        }
        let length = term.chars().count();
        if prefix && length > 1 {
            for (i, word) in self.dict.iter().enumerate() {
                if word.chars().count() > length && word.starts_with(term) {
                    add(&mut found, i, PREFIX);
                }
            }
        }
        let max = match length {
            0..=4 => 0,
            5..=8 => 1,
            _ => 2,
        };
        if found.is_empty() && max > 0 {
            for (i, word) in self.dict.iter().enumerate() {
                if let Some(edits) = edits_within(term, word, max) {
                    add(&mut found, i, if edits < 2 { ONE_EDIT } else { TWO_EDITS });
                }
            }
        }
        found
    }
}

/// The data of a `HAVEN_SEARCH("key",data);` file; `None` for a stemmer.
fn script_data(contents: &[u8]) -> Option<Value> {
    let text = std::str::from_utf8(contents).ok()?;
    let rest = text.strip_prefix("HAVEN_SEARCH(\"")?;
    let data = &rest[rest.find("\",")? + 2..];
    let data = data.trim_end().strip_suffix(");")?;
    serde_json::from_str(data).ok()
}

/// Front-coded words (see `front_code` in this module's parent).
fn front_decoded(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut previous = String::new();
    for entry in text.split(',') {
        let mut chars = entry.chars();
        let shared = chars
            .next()
            .map_or(0, |c| (c as usize).saturating_sub('0' as usize));
        let word: String = previous.chars().take(shared).chain(chars).collect();
        words.push(word.clone());
        previous = word;
    }
    words
}

/// Per partner: the count of its values, then the values.
fn facet_values(stream: &[u32]) -> Vec<Vec<u32>> {
    let mut partners = Vec::new();
    let mut rest = stream;
    while let Some((&count, tail)) = rest.split_first() {
        let count = (count as usize).min(tail.len());
        partners.push(tail[..count].to_vec());
        rest = &tail[count..];
    }
    partners
}

/// The optimal string alignment distance of `a` and `b` when it is at
/// most `max` (words over 63 letters are never close).
fn edits_within(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max || b.len() > 63 {
        return None;
    }
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i][0] = i;
        for j in 1..=b.len() {
            let substitution = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + substitution);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = v;
        }
    }
    Some(rows[a.len()][b.len()]).filter(|d| *d <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_coded_words_read_back() {
        assert_eq!(
            front_decoded("0shelter,7s,2ield"),
            ["shelter", "shelters", "shield"]
        );
    }

    #[test]
    fn edits_count_a_swap_as_one() {
        assert_eq!(edits_within("sheltre", "shelter", 1), Some(1));
        assert_eq!(edits_within("shelter", "shatter", 1), None);
    }
}
