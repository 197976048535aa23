//! The rule registry (src/diagnostics/rules.rs) against the documentation and the
//! tests: every rule has one code, a severity its letter says, a row in
//! docs/rules.md under the section it names, and a test that makes it
//! fire; docs/rules.md lists no rule haven does not have.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use haven::diagnostics::rules::{self, Rule};
use haven::diagnostics::Severity;

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `(section anchor, codes)` of every row of docs/rules.md's tables.
fn documented() -> Vec<(String, Vec<String>)> {
    let text = fs::read_to_string(repository().join("docs/rules.md")).expect("docs/rules.md");
    let mut section = String::new();
    let mut rows = Vec::new();
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            section = heading
                .to_lowercase()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')
                .collect::<String>()
                .replace(' ', "-");
        } else if let Some(cells) = line.strip_prefix("| ") {
            let first = cells.split(" |").next().unwrap_or_default();
            let codes: Vec<String> = first.split(", ").map(str::to_string).collect();
            if codes
                .iter()
                .all(|code| rules::by_code(code).is_some() || looks_like_code(code))
                && looks_like_code(&codes[0])
            {
                rows.push((section.clone(), codes));
            }
        }
    }
    rows
}

fn looks_like_code(text: &str) -> bool {
    text.len() == 4
        && text.starts_with(['E', 'W', 'P', 'T'])
        && text[1..].chars().all(|c| c.is_ascii_digit())
}

/// Every file under `dir` whose name ends in one of `endings`.
fn files(dir: &Path, endings: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && !path.ends_with("node_modules") {
            found.extend(files(&path, endings));
        } else if endings
            .iter()
            .any(|ending| path.to_string_lossy().ends_with(ending))
        {
            found.push(path);
        }
    }
    found
}

/// The text of every test: tests/*.rs, the invalid-record corpus, and the
/// test modules of src/.
fn test_texts() -> String {
    let mut text = String::new();
    for path in files(&repository().join("tests"), &[".rs", ".yaml"]) {
        text.push_str(&fs::read_to_string(&path).unwrap_or_default());
    }
    for path in files(&repository().join("src"), &[".rs"]) {
        let source = fs::read_to_string(&path).unwrap_or_default();
        if let Some(start) = source.find("#[cfg(test)]") {
            text.push_str(&source[start..]);
        }
    }
    text
}

fn constant_name(rule: &Rule) -> String {
    let source = fs::read_to_string(repository().join("src/diagnostics/rules.rs"))
        .expect("src/diagnostics/rules.rs");
    source
        .lines()
        .find(|line| line.contains(&format!("= \"{}\"", rule.code)))
        .and_then(|line| line.split_whitespace().next())
        .unwrap_or_default()
        .to_string()
}

#[test]
fn each_code_is_registered_once_with_the_severity_its_letter_says() {
    let mut seen = BTreeSet::new();
    for rule in rules::ALL {
        assert!(seen.insert(rule.code), "{} registered twice", rule.code);
        assert!(looks_like_code(rule.code), "{}", rule.code);
        let expected = if rule.code.starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        };
        assert_eq!(rule.severity, expected, "{}", rule.code);
        assert!(
            rule.title.ends_with('.') && rule.title.len() > 10,
            "{}: {}",
            rule.code,
            rule.title
        );
    }
}

#[test]
fn every_rule_has_a_row_in_the_section_its_docs_link_names() {
    let rows = documented();
    for rule in rules::ALL {
        let anchor = rule
            .docs
            .strip_prefix("docs/rules.md#")
            .expect("a docs/rules.md anchor");
        let row = rows
            .iter()
            .find(|(_, codes)| codes.iter().any(|code| code == rule.code))
            .unwrap_or_else(|| panic!("{} has no row in docs/rules.md", rule.code));
        assert_eq!(
            row.0, anchor,
            "{} is documented under another section",
            rule.code
        );
    }
}

#[test]
fn docs_list_no_rule_haven_does_not_have() {
    for (_, codes) in documented() {
        for code in codes {
            assert!(
                rules::by_code(&code).is_some(),
                "docs/rules.md lists {code}, which is not in src/diagnostics/rules.rs"
            );
        }
    }
}

#[test]
fn every_rule_has_a_test_that_makes_it_fire() {
    let tests = test_texts();
    let untested: Vec<&str> = rules::ALL
        .iter()
        .filter(|rule| {
            let name = constant_name(rule);
            let named = tests.contains(&format!("expect {}", rule.code))
                || tests.contains(&format!("\"{}\"", rule.code))
                || tests.contains(&format!("[{}]", rule.code))
                || (name.len() > 1 && tests.contains(&format!("rules::{name}")));
            !named
        })
        .map(|rule| rule.code)
        .collect();
    assert!(
        untested.is_empty(),
        "no test names these rules: {untested:?}"
    );
}

#[test]
fn no_source_file_writes_a_rule_code_as_a_string() {
    for path in files(&repository().join("src"), &[".rs"]) {
        if path.ends_with("rules.rs") {
            continue;
        }
        let source = fs::read_to_string(&path).expect("source");
        for (number, line) in source.lines().enumerate() {
            let bytes = line.as_bytes();
            let quoted_code = (0..bytes.len().saturating_sub(5)).any(|at| {
                bytes[at] == b'"'
                    && bytes[at + 5] == b'"'
                    && matches!(bytes[at + 1], b'E' | b'W' | b'P' | b'T')
                    && bytes[at + 2..at + 5].iter().all(u8::is_ascii_digit)
            });
            assert!(
                !quoted_code,
                "{}:{}: a rule code as a string; use its rules:: constant",
                path.display(),
                number + 1
            );
        }
    }
}
