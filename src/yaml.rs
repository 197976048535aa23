//! The only module that knows which YAML library haven uses.
//!
//! Typed deserialization goes through `serde_yaml`; positions of fields for
//! semantic diagnostics come from a marked event stream (`yaml-rust2`), so a
//! later rule can say "services[0].phones[1] at line 40, column 9" without
//! the record types carrying spans. Swapping the YAML library means changing
//! this file only.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::diagnostic::{Diagnostic, Position};

/// Deserializes `source` into `T`, turning any syntax or type error into an
/// E001 (syntax) or E012 (shape) diagnostic with its position and field path.
///
/// `line_offset` is added to reported lines, for YAML embedded in another file
/// (front matter), so positions are relative to the file, not the block.
pub fn parse<T: DeserializeOwned>(
    source: &str,
    path: &Path,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    serde_yaml::from_str(source).map_err(|error| to_diagnostic(&error, source, path, line_offset))
}

fn to_diagnostic(
    error: &serde_yaml::Error,
    source: &str,
    path: &Path,
    line_offset: usize,
) -> Diagnostic {
    let (field, message) = split_message(&error.to_string());
    let position = error.location().map(|location| {
        let reported = Position {
            line: location.line(),
            column: location.column(),
        };
        // serde_yaml puts a duplicate key at the start of its mapping.
        let at = quoted_word(&message)
            .filter(|_| message.starts_with("duplicate"))
            .and_then(|key| second_key(source, reported, key))
            .unwrap_or(reported);
        Position {
            line: at.line + line_offset,
            column: at.column,
        }
    });
    let (code, help) = classify(&message);
    Diagnostic::error(code, path, humanize(&message))
        .at(position)
        .field(field)
        .help(help)
}

/// The rule code of a serde_yaml message and the help line for it.
fn classify(message: &str) -> (&'static str, String) {
    let with_suggestion = |fallback: &str| match offending_and_expected(message) {
        Some((found, expected)) => {
            crate::suggest::did_you_mean(found, expected.iter().map(String::as_str), fallback)
        }
        None => fallback.to_string(),
    };
    if message.starts_with("unknown field") {
        (
            "E010",
            with_suggestion("remove the field or fix its spelling"),
        )
    } else if message.starts_with("unknown variant") {
        ("E030", with_suggestion("use one of the values listed"))
    } else if message.starts_with("missing field") {
        (
            "E011",
            "add the field; the README shows a minimal record".into(),
        )
    } else if message.starts_with("invalid type")
        || message.starts_with("invalid value")
        || message.starts_with("invalid length")
        || message.starts_with("data did not match")
    {
        let help = "check the value's shape: a list is written [a, b] or with one \"- item\" per line; quote text that looks like a number";
        ("E012", help.into())
    } else if message.starts_with("duplicate") {
        let help = "each key may appear only once in a mapping; delete or merge the duplicate";
        ("E001", help.into())
    } else if message.contains("cannot start any token") {
        let help = "indent with spaces, not tabs, and quote values that start with a special character such as @, ` or %";
        ("E001", help.into())
    } else {
        let help =
            "check indentation and quoting near this line; values containing \": \" must be quoted";
        ("E001", help.into())
    }
}

/// The word quoted in a message: "duplicate field `x`" or
/// "duplicate entry with key \"x\"" → `x`.
fn quoted_word(message: &str) -> Option<&str> {
    message
        .split('`')
        .nth(1)
        .or_else(|| message.split('"').nth(1))
        .filter(|word| !word.is_empty())
}

/// Where `key` appears the second time in the block mapping whose first
/// key is at `start` (1-based line and column): the lines after it at the
/// same indentation, until the mapping ends.
fn second_key(source: &str, start: Position, key: &str) -> Option<Position> {
    let indent = start.column.checked_sub(1)?;
    let is_key = |text: &str| {
        [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
            .iter()
            .any(|written| {
                text.strip_prefix(written.as_str())
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
    };
    let mut seen = 0;
    for (index, line) in source.lines().enumerate().skip(start.line.checked_sub(1)?) {
        let first = index + 1 == start.line;
        let text = if first {
            line.get(indent..)?
        } else {
            let trimmed = line.trim_start_matches(' ');
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let spaces = line.len() - trimmed.len();
            if spaces < indent {
                return None;
            }
            if spaces > indent {
                continue;
            }
            trimmed
        };
        if is_key(text) {
            seen += 1;
            if seen == 2 {
                return Some(Position {
                    line: index + 1,
                    column: start.column,
                });
            }
        }
    }
    None
}

/// From "unknown field `x`, expected one of `a`, `b`": the offending word
/// and the allowed ones.
fn offending_and_expected(message: &str) -> Option<(&str, Vec<String>)> {
    let found = message.split('`').nth(1)?;
    let (_, expected) = message.split_once("expected ")?;
    let allowed = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((found, allowed))
}

/// serde_yaml renders errors as `path: message at line L column C`; keep the
/// path and the message, drop the position (reported separately).
fn split_message(raw: &str) -> (String, String) {
    let without_position = match raw.find(" at line ") {
        Some(index) => &raw[..index],
        None => raw,
    };
    match without_position.split_once(": ") {
        Some((field, message))
            if !field.contains(' ') && !field.is_empty() && field != "invalid type" =>
        {
            (field.to_string(), message.to_string())
        }
        _ => (String::new(), without_position.to_string()),
    }
}

/// Replaces serde's Rust-flavoured words with ones a volunteer knows.
fn humanize(message: &str) -> String {
    message
        // serde_yaml's wording for an enum written as a list or mapping.
        .replace(
            "expected a YAML tag starting with '!'",
            "expected a single word",
        )
        .replace("a sequence", "a list")
        .replace("sequence", "list")
        .replace("struct ", "")
        .replace("a map", "a mapping (key: value lines)")
        .replace("unknown variant", "unknown value")
        .replace("untagged enum ", "")
        .replace('`', "\"")
}

/// Field paths (`services[0].phones[1]`) mapped to where they start in a
/// YAML document, queried by validation rules. The document is indexed the
/// first time a rule asks: most files of a large hub have nothing to
/// report, and their index would only take time and memory.
#[derive(Debug, Default, Clone)]
pub struct Locator {
    /// Shared with the file it locates in.
    source: Arc<str>,
    line_offset: usize,
    positions: OnceLock<HashMap<String, Position>>,
}

impl Locator {
    pub fn new(source: impl Into<Arc<str>>, line_offset: usize) -> Self {
        Locator {
            source: source.into(),
            line_offset,
            positions: OnceLock::new(),
        }
    }

    /// Whether this locator reads `text` itself rather than a copy.
    #[cfg(test)]
    pub(crate) fn shares_source(&self, text: &Arc<str>) -> bool {
        Arc::ptr_eq(&self.source, text)
    }

    /// Every key and list item of the document; none for a document that
    /// does not parse (the parse error is reported elsewhere).
    fn index(&self) -> HashMap<String, Position> {
        let mut builder = LocatorBuilder {
            line_offset: self.line_offset,
            ..LocatorBuilder::default()
        };
        let mut parser = Parser::new_from_str(&self.source);
        match parser.load(&mut builder, false) {
            Ok(()) => builder.positions,
            Err(_) => HashMap::new(),
        }
    }

    /// Position of a top-level key, found by reading lines rather than
    /// indexing the document: for notes on every file of a large hub.
    /// Falls back to [`Locator::find`] for a key written another way
    /// (quoted, say); a key whose text the file does not hold is absent,
    /// without indexing.
    pub fn find_top_level(&self, key: &str) -> Option<Position> {
        let index = self.source.lines().position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        });
        match index {
            Some(index) => Some(Position {
                line: self.line_offset + index + 1,
                column: 1,
            }),
            None if self.source.contains(key) => self.find(key),
            None => None,
        }
    }

    /// Position of `field`, or of its nearest located ancestor.
    pub fn find(&self, field: &str) -> Option<Position> {
        let positions = self.positions.get_or_init(|| self.index());
        let mut candidate = field;
        loop {
            if let Some(position) = positions.get(candidate) {
                return Some(*position);
            }
            let cut = candidate.rfind(['.', '['])?;
            candidate = &candidate[..cut];
        }
    }
}

enum Frame {
    Mapping { expecting_key: bool, key: String },
    Sequence { index: usize },
}

#[derive(Default)]
struct LocatorBuilder {
    line_offset: usize,
    stack: Vec<(String, Frame)>,
    positions: HashMap<String, Position>,
}

impl LocatorBuilder {
    fn position(&self, mark: Marker) -> Position {
        Position {
            line: mark.line() + self.line_offset,
            column: mark.col() + 1,
        }
    }

    /// The path of the node that starts now, if it is a value (not a key).
    fn value_path(&mut self, mark: Marker) -> Option<String> {
        let position = self.position(mark);
        let (parent, frame) = match self.stack.last_mut() {
            None => return Some(String::new()),
            Some(top) => top,
        };
        match frame {
            Frame::Mapping { expecting_key, key } => {
                if *expecting_key {
                    return None;
                }
                *expecting_key = true;
                Some(join(parent, key))
            }
            Frame::Sequence { index } => {
                let path = format!("{parent}[{index}]");
                *index += 1;
                self.positions.entry(path.clone()).or_insert(position);
                Some(path)
            }
        }
    }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

impl MarkedEventReceiver for LocatorBuilder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(text, ..) => {
                let position = self.position(mark);
                if let Some((parent, Frame::Mapping { expecting_key, key })) = self.stack.last_mut()
                {
                    if *expecting_key {
                        *expecting_key = false;
                        *key = text;
                        let path = join(parent, key);
                        self.positions.entry(path).or_insert(position);
                        return;
                    }
                }
                self.value_path(mark);
            }
            Event::Alias(_) => {
                self.value_path(mark);
            }
            Event::MappingStart(..) => {
                let path = self.value_path(mark).unwrap_or_default();
                self.stack.push((
                    path,
                    Frame::Mapping {
                        expecting_key: true,
                        key: String::new(),
                    },
                ));
            }
            Event::SequenceStart(..) => {
                let path = self.value_path(mark).unwrap_or_default();
                self.stack.push((path, Frame::Sequence { index: 0 }));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_absent_top_level_key_is_absent_without_indexing() {
        let locator = Locator::new("id: a\nname: A\n", 0);
        assert_eq!(locator.find_top_level("translations"), None);
        assert!(locator.positions.get().is_none(), "not indexed");
    }

    #[test]
    fn top_level_keys_are_found_without_indexing_where_the_index_puts_them() {
        let source = "id: a\nname: A\ndescription: |\n  text\n\"summary\": s\n";
        let locator = Locator::new(source, 2);
        for key in ["id", "description", "summary"] {
            assert_eq!(
                locator.find_top_level(key),
                Locator::new(source, 2).find(key),
                "{key}"
            );
        }
        assert_eq!(
            locator.find_top_level("description").map(|p| p.line),
            Some(5)
        );
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        name: String,
        tags: Vec<String>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Listing {
        title: String,
        items: Vec<Item>,
    }

    fn error_position(source: &str) -> (String, Option<Position>) {
        let error = parse::<Listing>(source, Path::new("x.yaml"), 0).expect_err("invalid");
        (error.message.clone(), error.position)
    }

    #[test]
    fn a_duplicate_key_is_reported_where_it_is_repeated() {
        let source = "# a comment\ntitle: A\nitems: []\n\n# later\ntitle: B\n";
        let (message, position) = error_position(source);
        assert!(message.contains("duplicate"), "{message}");
        assert_eq!(position, Some(Position { line: 6, column: 1 }));
    }

    #[test]
    fn a_duplicate_key_in_a_list_item_is_reported_where_it_is_repeated() {
        let source = "title: A\nitems:\n  - name: a\n    tags: []\n  - name: b\n    tags:\n      - name\n    name: c\n";
        let (message, position) = error_position(source);
        assert!(message.contains("duplicate"), "{message}");
        assert_eq!(position, Some(Position { line: 8, column: 5 }));
    }

    #[test]
    fn locator_finds_keys_and_list_items() {
        let source = "name: x\nservices:\n  - id: a\n    phones: [one, two]\n  - id: b\n";
        let locator = Locator::new(source, 0);
        assert_eq!(locator.find("name"), Some(Position { line: 1, column: 1 }));
        assert_eq!(
            locator.find("services[1].id"),
            Some(Position { line: 5, column: 5 })
        );
        assert_eq!(
            locator.find("services[0].phones[1]"),
            Some(Position {
                line: 4,
                column: 19
            })
        );
        assert_eq!(locator.find("services[0].missing").map(|p| p.line), Some(3));
    }

    #[test]
    fn type_error_names_field_line_and_column() {
        let error = parse::<Item>("name: x\ntags: solo\n", Path::new("f.yaml"), 0).unwrap_err();
        assert_eq!(error.code, "E012");
        assert_eq!(error.field, "tags");
        assert_eq!(error.position, Some(Position { line: 2, column: 7 }));
    }

    #[test]
    fn unknown_field_is_e010() {
        let error =
            parse::<Item>("name: x\ntags: []\ntgas: []\n", Path::new("f.yaml"), 0).unwrap_err();
        assert_eq!(error.code, "E010");
        assert_eq!(error.position.map(|p| p.line), Some(3));
    }

    #[test]
    fn unknown_field_help_suggests_the_closest_field() {
        let error = parse::<Item>("name: x\ntgas: []\n", Path::new("f.yaml"), 0).unwrap_err();
        let help = error.help.clone().unwrap_or_default();
        assert!(help.ends_with("did you mean \"tags\"?"), "{error}");
    }

    #[test]
    fn line_offset_shifts_positions() {
        let error = parse::<Item>("name: x\n\tb: 1\n", Path::new("f.md"), 1).unwrap_err();
        assert_eq!(error.code, "E001");
        assert!(error.position.is_some_and(|p| p.line >= 2));
    }
}
