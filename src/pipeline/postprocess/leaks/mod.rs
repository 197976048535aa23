//! Rule P030: no internal value may appear in anything written to the
//! site (pages, data files, search indexes, copied static files), in any
//! form a person would recognise it by. Each file is read the way a
//! person reads it ([`reading`]), and looked through for every clue to
//! every private value ([`clues`]) at once ([`Needles`]).

mod clues;
mod reading;

use crate::diagnostics::rules;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::pipeline::load::StaticFile;
use crate::pipeline::model::{PrivateValue, PrivateValues};
use crate::pipeline::output::OutputFile;
use crate::pipeline::postprocess::needles::Needles;

pub use clues::{clues, Clue, Form};
pub use reading::{read_value, Reading, Stream};

/// How many clean files a remembering scanner keeps (16 bytes each), well
/// above the pages, fragments, index files and data pieces of a
/// 10,000-partner site (about 40,000 pages).
const REMEMBERED_FILES: usize = 1_000_000;

/// Finds internal values in the output, prepared once for a set of
/// values (`haven serve` keeps it while they stay the same). Each hit
/// names the private file and field and the output file; the build must
/// stop.
pub struct PrivateScanner {
    words: Matcher,
    digits: Matcher,
    sources: Vec<Source>,
    fingerprint: u64,
    /// For `haven serve` ([`PrivateScanner::remembering`]): the files
    /// this scanner found clean, by hashes of their path and contents.
    clean: Option<Mutex<HashSet<(u64, u64)>>>,
}

/// Needles of one form, each with the value it is a clue to.
struct Matcher {
    needles: Needles,
    clues: Vec<(Clue, usize)>,
}

impl Matcher {
    fn new(clues: Vec<(Clue, usize)>) -> Self {
        let needles: Vec<&[u8]> = clues
            .iter()
            .map(|(clue, _)| clue.needle.as_slice())
            .collect();
        Matcher {
            needles: Needles::new(&needles),
            clues,
        }
    }

    fn find(&self, streams: [&[u8]; 2]) -> Option<&(Clue, usize)> {
        streams
            .iter()
            .find_map(|stream| self.needles.find(stream))
            .map(|index| &self.clues[index])
    }
}

/// Where a private value comes from.
struct Source {
    path: PathBuf,
    field: String,
}

thread_local! {
    /// One reading buffer per thread, kept between files.
    static READING: RefCell<Reading> = RefCell::new(Reading::default());
}

/// What a scanner looks for: the clues to every private value that its
/// own record does not publish, and where each value comes from. Two
/// scanners of the same clues find the same things.
pub struct Clues {
    words: Vec<(Clue, usize)>,
    digits: Vec<(Clue, usize)>,
    sources: Vec<Source>,
}

impl Clues {
    pub fn of(private: &PrivateValues) -> Self {
        Self::of_cached(private, &mut SplitCache::default())
    }

    /// [`Clues::of`], with each value's clues from `cache` where its
    /// record did not change.
    pub fn of_cached(private: &PrivateValues, cache: &mut SplitCache) -> Self {
        let splits = cache.splits(private);
        let public_names = cache.public_names(&private.public_names);
        let mut words = Vec::new();
        let mut digits = Vec::new();
        let mut sources = Vec::new();
        for (value, split) in private.values.iter().zip(splits) {
            let source = sources.len();
            sources.push(Source {
                path: value.path.clone(),
                field: value.field.clone(),
            });
            for clue in &split.secret {
                match clue.form {
                    Form::Digits => digits.push((clue.clone(), source)),
                    Form::Words if clue.whole || !public_names.contains(&clue.needle) => {
                        words.push((clue.clone(), source));
                    }
                    Form::Words => {}
                }
            }
        }
        Clues {
            words,
            digits,
            sources,
        }
    }

    /// The clues as a number: an edit that changes a record's private
    /// values or public text, but not what is secret, keeps it.
    pub fn fingerprint(&self) -> u64 {
        let mut hasher = std::hash::DefaultHasher::new();
        self.words.hash(&mut hasher);
        self.digits.hash(&mut hasher);
        for source in &self.sources {
            source.path.hash(&mut hasher);
            source.field.hash(&mut hasher);
        }
        hasher.finish()
    }
}

impl PrivateScanner {
    pub fn new(private: &PrivateValues) -> Self {
        Self::of(Clues::of(private))
    }

    pub fn of(clues: Clues) -> Self {
        PrivateScanner {
            fingerprint: clues.fingerprint(),
            words: Matcher::new(clues.words),
            digits: Matcher::new(clues.digits),
            sources: clues.sources,
            clean: None,
        }
    }

    /// A scanner for `haven serve`, which scans the same files again after
    /// every edit: a file it found clean (the same path and bytes) is not
    /// read again. Only a 128-bit hash collision could make it skip a
    /// changed file; `haven build`, which publishes, scans every file.
    pub fn remembering(clues: Clues) -> Self {
        PrivateScanner {
            clean: Some(Mutex::default()),
            ..Self::of(clues)
        }
    }

    /// The fingerprint of its [`Clues`].
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    pub fn scan(&self, files: &[&OutputFile]) -> Vec<Diagnostic> {
        files
            .par_iter()
            .filter_map(|file| self.find(&file.contents, &file.path))
            .collect()
    }

    /// Scans the files copied from `static/` as they are on disk.
    pub fn scan_static(&self, files: &[StaticFile]) -> Vec<Diagnostic> {
        files
            .par_iter()
            .filter_map(|file| {
                let contents = std::fs::read(&file.source).ok()?;
                self.find(&contents, &file.output_path)
            })
            .collect()
    }

    /// The first internal value in `contents`, the file at `path`.
    pub fn find(&self, contents: &[u8], path: &str) -> Option<Diagnostic> {
        if self.sources.is_empty() {
            return None;
        }
        let Some(clean) = &self.clean else {
            return self.search(contents, path);
        };
        let key = (hash_of(path.as_bytes()), hash_of(contents));
        let known_clean = clean
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(&key);
        if known_clean {
            return None;
        }
        let found = self.search(contents, path);
        if found.is_none() {
            let mut clean = clean.lock().unwrap_or_else(PoisonError::into_inner);
            // A day of edits adds a few thousand; a memory that outgrows
            // any site starts again.
            if clean.len() >= REMEMBERED_FILES {
                clean.clear();
            }
            clean.insert(key);
        }
        found
    }

    fn search(&self, contents: &[u8], path: &str) -> Option<Diagnostic> {
        let (clue, source) = READING.with(|reading| {
            let mut reading = reading.borrow_mut();
            reading.read(contents);
            let text = &reading.text;
            let markup = &reading.markup;
            let found = self
                .words
                .find([&text.words, &markup.words])
                .or_else(|| self.digits.find([&text.digits, &markup.digits]))
                .cloned();
            reading.release_large();
            found
        })?;
        let source = &self.sources[source];
        let what = clue.what("a phone number from");
        Some(
            Diagnostic::new(
                rules::INTERNAL_VALUE_PUBLISHED,
                &source.path,
                format!(
                    "build aborted: {what} {} appears in {path} ({})",
                    source.field,
                    masked(&clue.needle)
                ),
            )
            .field(source.field.clone())
            .help("internal data must never be published: remove it from the public fields, guides, templates and static files that show it (case, spacing, markup and phone formatting make no difference); if it is public knowledge, reword the internal note so it does not repeat it"),
        )
    }
}

/// The clues to `value` that are secret, and those its own record
/// publishes already (in any form a person would recognise).
/// A value's clues: those its own record does not publish (secret) and
/// those it does (public already).
pub struct Split {
    secret: Vec<Clue>,
    public: Vec<Clue>,
}

fn split_by_record(value: &PrivateValue, records: &RecordReadings) -> Split {
    let all = clues(&value.value);
    let Some(record) = records.of_value(value) else {
        return Split {
            secret: all,
            public: Vec::new(),
        };
    };
    let (secret, public) = all.into_iter().partition(|clue| {
        let stream = match clue.form {
            Form::Words => &record.words,
            Form::Digits => &record.digits,
        };
        memchr::memmem::find(stream, &clue.needle).is_none()
    });
    Split { secret, public }
}

/// What each record with private values publishes, read once per record
/// however many values it has: its values share one text, known by its
/// address.
struct RecordReadings(HashMap<usize, Stream>);

impl RecordReadings {
    fn of<'a>(values: impl Iterator<Item = &'a PrivateValue>) -> Self {
        let mut texts: HashMap<usize, &str> = HashMap::new();
        for value in values {
            let text = &value.published_by_record;
            if !text.is_empty() {
                texts.entry(text.as_ptr() as usize).or_insert(text);
            }
        }
        RecordReadings(
            texts
                .into_par_iter()
                .map(|(key, text)| (key, read_value(text)))
                .collect(),
        )
    }

    fn of_value(&self, value: &PrivateValue) -> Option<&Stream> {
        self.0.get(&(value.published_by_record.as_ptr() as usize))
    }
}

/// Each private value's [`Split`], by a hash of the value and its
/// record's public text, and the word runs of the public names. A build
/// works them out once for the warning (W030) and the scanner; `haven
/// serve` keeps them between rebuilds, so an edit reads only the edited
/// records again.
#[derive(Default)]
pub struct SplitCache {
    splits: HashMap<u64, Arc<Split>>,
    public_names: Option<(u64, Arc<HashSet<Vec<u8>>>)>,
    /// Each record text's hash, by the address of the text, which the
    /// entry holds on to so that no other text can take its place.
    record_hashes: HashMap<usize, (Arc<str>, u64)>,
}

impl SplitCache {
    /// Each value's split, in order; the cache keeps only these.
    fn splits(&mut self, private: &PrivateValues) -> Vec<Arc<Split>> {
        let mut records: HashMap<usize, (Arc<str>, u64)> = HashMap::new();
        let known = &mut self.record_hashes;
        let keys: Vec<u64> = private
            .values
            .iter()
            .map(|value| {
                let text = &value.published_by_record;
                let address = text.as_ptr() as usize;
                let (_, record) = records.entry(address).or_insert_with(|| {
                    known
                        .remove(&address)
                        .unwrap_or_else(|| (text.clone(), hash_of(text.as_bytes())))
                });
                let record = *record;
                let mut hasher = std::hash::DefaultHasher::new();
                value.value.hash(&mut hasher);
                record.hash(&mut hasher);
                hasher.finish()
            })
            .collect();
        let missing: Vec<(u64, &PrivateValue)> = keys
            .iter()
            .zip(&private.values)
            .filter(|(key, _)| !self.splits.contains_key(key))
            .map(|(key, value)| (*key, value))
            .collect();
        let readings = RecordReadings::of(missing.iter().map(|(_, value)| *value));
        let made: Vec<(u64, Arc<Split>)> = missing
            .par_iter()
            .map(|(key, value)| (*key, Arc::new(split_by_record(value, &readings))))
            .collect();
        self.splits.extend(made);
        *known = records;
        let used: HashSet<u64> = keys.iter().copied().collect();
        self.splits.retain(|key, _| used.contains(key));
        keys.iter()
            .filter_map(|key| self.splits.get(key).cloned())
            .collect()
    }

    fn public_names(&mut self, names: &[String]) -> Arc<HashSet<Vec<u8>>> {
        let mut hasher = std::hash::DefaultHasher::new();
        names.hash(&mut hasher);
        let key = hasher.finish();
        match &self.public_names {
            Some((known, runs)) if *known == key => runs.clone(),
            _ => {
                let runs = Arc::new(word_runs(names));
                self.public_names = Some((key, runs.clone()));
                runs
            }
        }
    }
}

/// W030: internal values (or parts of them) that their own record
/// publishes. They are public already, so they are not treated as
/// secrets; the warning lets whoever wrote them decide which is right.
pub fn published_by_their_record(
    private: &PrivateValues,
    cache: &mut SplitCache,
) -> Vec<Diagnostic> {
    let splits = cache.splits(private);
    private
        .values
        .par_iter()
        .zip(splits)
        .filter_map(|(value, split)| {
            let clue = split.public.first()?;
            let what = clue.what("a phone number of");
            Some(
                Diagnostic::new(
                    rules::INTERNAL_VALUE_IN_RECORD,
                    &value.path,
                    format!(
                        "{what} {} is also in the public fields of {} ({}), so it is published and not kept secret",
                        value.field,
                        value.record_path.display(),
                        masked(&clue.needle)
                    ),
                )
                .field(value.field.clone())
                .help(format!(
                    "if it must stay private, remove it from the public fields of {}; if it is public knowledge, nothing needs to change (or remove it from the internal data)",
                    value.record_path.display()
                )),
            )
        })
        .collect()
}

/// Every run of whole words of each text, as read: " legal aid ",
/// " aid society ", … (a name has a few words, so a few dozen runs).
fn word_runs(texts: &[String]) -> HashSet<Vec<u8>> {
    let mut runs = HashSet::new();
    for text in texts {
        let words = read_value(text).words;
        let starts: Vec<usize> = words
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b' ')
            .map(|(at, _)| at)
            .collect();
        for (nth, start) in starts.iter().enumerate() {
            for end in &starts[nth + 1..] {
                runs.insert(words[*start..=*end].to_vec());
            }
        }
    }
    runs
}

/// Enough of a found value for its author to recognise it, not enough to
/// read it in a public CI log: "ma…17, 12 characters".
fn hash_of(bytes: &[u8]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

fn masked(needle: &[u8]) -> String {
    let text = String::from_utf8_lossy(needle);
    let text = text.trim();
    let characters: Vec<char> = text.chars().collect();
    let count = characters.len();
    if count < 8 {
        return format!("{count} characters");
    }
    let start: String = characters[..2].iter().collect();
    let end: String = characters[count - 2..].iter().collect();
    format!("\"{start}…{end}\", {count} characters")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scanner(values: &[&str]) -> PrivateScanner {
        PrivateScanner::new(&PrivateValues {
            values: values
                .iter()
                .map(|value| PrivateValue {
                    value: value.to_string(),
                    path: "private/a.yaml".into(),
                    field: "internal.notes".into(),
                    published_by_record: "".into(),
                    record_path: "partners/a.yaml".into(),
                })
                .collect(),
            public_names: vec!["Legal Aid Society of Example County".into()],
        })
    }

    fn leaks(values: &[&str], published: &str) -> bool {
        scanner(values)
            .find(published.as_bytes(), "x.html")
            .is_some()
    }

    fn values(note: &str, record_text: &str) -> PrivateValues {
        PrivateValues {
            values: vec![PrivateValue {
                value: note.to_string(),
                path: "private/a.yaml".into(),
                field: "internal.notes".into(),
                published_by_record: record_text.into(),
                record_path: "partners/a.yaml".into(),
            }],
            public_names: vec!["Legal Aid Society".into()],
        }
    }

    #[test]
    fn kept_clues_follow_an_edit_of_the_record_as_fresh_ones_do() {
        let note = "The back gate code is 4417. Ask Legal Aid Society.";
        let mut cache = SplitCache::default();
        for record_text in [
            "Open Monday to Friday.",
            "Open Monday to Friday. The back gate code is 4417.",
            "Open Monday to Friday.",
        ] {
            let private = values(note, record_text);
            let kept = Clues::of_cached(&private, &mut cache).fingerprint();
            assert_eq!(kept, Clues::of(&private).fingerprint(), "{record_text}");
        }
    }

    fn clues_of(note: &str, record_text: &str) -> u64 {
        Clues::of(&values(note, record_text)).fingerprint()
    }

    #[test]
    fn an_edit_to_a_records_public_text_keeps_its_clues() {
        // `haven serve` keeps its scanner, and what it found clean, while
        // the clues stay the same.
        let note = "The back gate code is 4417.";
        assert_eq!(
            clues_of(note, "Open Monday to Friday."),
            clues_of(note, "Open Monday to Saturday.")
        );
    }

    #[test]
    fn a_value_its_record_starts_publishing_changes_the_clues() {
        let note = "The back gate code is 4417.";
        assert_ne!(
            clues_of(note, "Open Monday to Friday."),
            clues_of(note, "Open Monday to Friday. The back gate code is 4417.")
        );
        assert_ne!(
            clues_of(note, "Open Monday to Friday."),
            clues_of("The back gate code is 4418.", "Open Monday to Friday.")
        );
    }

    #[test]
    fn a_value_is_found_whatever_its_case_spacing_and_markup() {
        let value = ["Aisha Potirberg"];
        assert!(leaks(&value, "<p>aisha   POTIRBERG</p>"));
        assert!(leaks(&value, "<p>Ai<em>sha</em> Po\u{200b}tirberg</p>"));
        assert!(leaks(&value, r#"{"name":"Aisha\u0020Potirberg"}"#));
        assert!(leaks(&value, r#"<img alt="Aisha Potirberg">"#));
        assert!(!leaks(&value, "<p>Aisha Potirbergs</p>"));
    }

    #[test]
    fn a_phone_number_is_found_in_any_format() {
        let value = ["+1 505-555-0177"];
        assert!(leaks(&value, "call (505) 555-0177 today"));
        assert!(leaks(&value, r#"<a href="tel:+15055550177">call</a>"#));
        assert!(leaks(&value, "505.555.0177"));
        assert!(!leaks(&value, "call (505) 555-0178"));
        assert!(!leaks(&value, "order 505-555-01771"));
    }

    #[test]
    fn a_particular_part_of_a_note_is_found() {
        let note = ["Staff park behind the church. The back gate code is 4417."];
        assert!(leaks(&note, "<p>FYI the back gate code is <b>4417</b></p>"));
        assert!(!leaks(&note, "<p>Staff park behind the church</p>"));
    }

    #[test]
    fn a_public_partner_name_in_a_note_is_no_leak() {
        let note = ["Referred most clients to Legal Aid Society last year"];
        assert!(!leaks(
            &note,
            "<h1>Legal Aid Society of Example County</h1>"
        ));
    }

    #[test]
    fn the_message_does_not_spell_out_the_value() {
        let found = scanner(&["Aisha Potirberg"])
            .find(b"Aisha Potirberg", "x.html")
            .unwrap();
        assert!(!found.message.contains("Potirberg"), "{}", found.message);
        assert!(found.message.contains("internal.notes"));
    }
}
