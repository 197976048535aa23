//! Diagnostics for people and tools: the human format (rustc-like, with the
//! source line and a caret), GitHub workflow annotations, and JSON. The
//! library collects diagnostics; the binary prints them once, here.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::diagnostics::{self, Diagnostic, Position, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Github,
}

/// ANSI colours, used only when writing to a terminal without `NO_COLOR`.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Source files of the hub, read once per report for excerpts, with where
/// each line starts (a file with thousands of problems is not read from
/// its start for each).
#[derive(Default)]
struct Sources {
    files: BTreeMap<std::path::PathBuf, Option<(String, Vec<usize>)>>,
}

impl Sources {
    fn line(&mut self, root: &Path, path: &Path, line: usize) -> Option<String> {
        let (text, starts) = self
            .files
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                crate::hub::paths::read_hub_file(root, path).map(|text| {
                    let starts = std::iter::once(0)
                        .chain(text.match_indices('\n').map(|(at, _)| at + 1))
                        .collect();
                    (text, starts)
                })
            })
            .as_ref()?;
        let start = *starts.get(line.checked_sub(1)?)?;
        let rest = text.get(start..)?;
        // Positions are counted after the byte-order mark the loader drops.
        let rest = rest.strip_prefix('\u{feff}').unwrap_or(rest);
        let end = rest.find('\n').unwrap_or(rest.len());
        Some(rest[..end].trim_end_matches('\r').to_string())
    }
}

/// Problems printed per file; the rest are counted ("and 12 more"), so a
/// runaway file cannot flood a terminal or a CI log.
pub const MAX_PER_FILE: usize = 50;

/// Characters of a source line shown in an excerpt.
const EXCERPT_CHARS: usize = 120;

/// The diagnostics to print, at most [`MAX_PER_FILE`] of each file, and
/// for each file with more, how many were left out.
fn capped(diagnostics: &[Diagnostic]) -> (Vec<&Diagnostic>, BTreeMap<&Path, usize>) {
    let mut shown: BTreeMap<&Path, usize> = BTreeMap::new();
    let mut left_out: BTreeMap<&Path, usize> = BTreeMap::new();
    let mut kept = Vec::new();
    for d in diagnostics {
        let count = shown.entry(d.path.as_path()).or_default();
        if *count < MAX_PER_FILE {
            *count += 1;
            kept.push(d);
        } else {
            *left_out.entry(d.path.as_path()).or_default() += 1;
        }
    }
    (kept, left_out)
}

/// At most [`EXCERPT_CHARS`] of a line, around `column`: the excerpt and
/// the column within it.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= EXCERPT_CHARS {
        return (line.to_string(), column);
    }
    let start = column.saturating_sub(EXCERPT_CHARS / 2).min(chars.len());
    let end = (start + EXCERPT_CHARS).min(chars.len());
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    let column = column.saturating_sub(start) + usize::from(start > 0);
    (shown, column)
}

/// Renders all diagnostics in `format`, followed (for human output) by a
/// summary line.
pub fn render(diagnostics: &[Diagnostic], root: &Path, format: Format, style: Style) -> String {
    match format {
        Format::Human => human(diagnostics, root, style),
        Format::Github => github(diagnostics, root),
        Format::Json => json(diagnostics),
    }
}

fn human(diagnostics: &[Diagnostic], root: &Path, style: Style) -> String {
    let mut out = human_messages(diagnostics, root, style);
    let (errors, warnings) = diagnostics::counts(diagnostics);
    let _ = writeln!(out, "{errors} error(s), {warnings} warning(s)");
    out
}

/// The human report without its count line, for callers that say how many
/// problems there are in their own words (a build's summary, the browser
/// panel of `haven serve`). Each message ends with a blank line.
pub fn human_messages(diagnostics: &[Diagnostic], root: &Path, style: Style) -> String {
    let mut sources = Sources::default();
    let mut out = String::new();
    let (diagnostics, left_out) = capped(diagnostics);
    for d in diagnostics {
        let (label, color) = match d.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
        };
        let _ = write!(
            out,
            "{}: ",
            style.paint(color, &format!("{label}[{}]", d.code))
        );
        let _ = write!(out, "{}", d.path.display());
        if let Some(p) = d.position {
            let _ = write!(out, ":{}:{}", p.line, p.column);
        }
        out.push_str(": ");
        if !d.field.is_empty() {
            let _ = write!(out, "{}: ", d.field);
        }
        let _ = writeln!(out, "{}", style.paint("1", &d.message));
        if let Some(p) = d.position {
            if let Some(source) = sources.line(root, &d.path, p.line) {
                let (source, column) = excerpt(&source, p.column);
                let p = Position {
                    line: p.line,
                    column,
                };
                let number = p.line.to_string();
                let gutter = " ".repeat(number.len());
                let bar = style.paint("1;34", "|");
                let caret_at: usize = source.chars().take(p.column.saturating_sub(1)).count();
                let width = token_width(&source, p.column);
                let _ = writeln!(out, "{gutter} {bar}");
                let _ = writeln!(
                    out,
                    "{} {bar} {}",
                    style.paint("1;34", &number),
                    source.replace('\t', " ")
                );
                let _ = writeln!(
                    out,
                    "{gutter} {bar} {}{}",
                    " ".repeat(caret_at),
                    style.paint(color, &"^".repeat(width))
                );
            }
        }
        if let Some(help) = &d.help {
            let _ = writeln!(out, "  = {}: {help}", style.paint("1", "help"));
        }
        out.push('\n');
    }
    for (path, count) in left_out {
        let _ = writeln!(
            out,
            "… and {count} more problem(s) in {}: fix the ones above and run again\n",
            path.display()
        );
    }
    out
}

/// Width of the value that starts at `column`: up to the next space, comma
/// or bracket, at least 1.
fn token_width(line: &str, column: usize) -> usize {
    let rest: String = line.chars().skip(column.saturating_sub(1)).collect();
    let quoted = rest.starts_with('"') || rest.starts_with('\'');
    let width = if quoted {
        let quote = rest.chars().next().unwrap_or('"');
        rest.chars()
            .skip(1)
            .position(|c| c == quote)
            .map_or(rest.chars().count(), |end| end + 2)
    } else {
        let token: String = rest
            .chars()
            .take_while(|c| !matches!(c, ' ' | ',' | ']' | '}' | '#'))
            .collect();
        token.trim_end_matches(':').chars().count()
    };
    width.max(1)
}

/// `::error file=…,line=…,col=…,title=…::message` lines, which GitHub
/// Actions turns into inline comments on a pull request. Paths are relative
/// to the working directory, as the workflow sees them.
fn github(diagnostics: &[Diagnostic], root: &Path) -> String {
    let mut out = String::new();
    let (diagnostics, left_out) = capped(diagnostics);
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let file = root.join(&d.path);
        let file = file
            .strip_prefix("./")
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        let mut properties = format!("file={}", escape_property(&file));
        if let Some(p) = d.position {
            let _ = write!(properties, ",line={},col={}", p.line, p.column);
        }
        let _ = write!(
            properties,
            ",title={}",
            escape_property(&format!("{} {}", d.code, d.field))
        );
        let mut message = if d.field.is_empty() {
            d.message.clone()
        } else {
            format!("{}: {}", d.field, d.message)
        };
        if let Some(help) = &d.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        let _ = writeln!(out, "::{level} {properties}::{}", escape_data(&message));
    }
    for (path, count) in left_out {
        let file = root.join(path).to_string_lossy().replace('\\', "/");
        let _ = writeln!(
            out,
            "::error file={}::{}",
            escape_property(&file),
            escape_data(&format!("… and {count} more problem(s) in this file")),
        );
    }
    out
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'static str,
    code: &'static str,
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    field: &'a str,
    message: &'a str,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

fn json(diagnostics: &[Diagnostic]) -> String {
    let (errors, warnings) = diagnostics::counts(diagnostics);
    let report = JsonReport {
        errors,
        warnings,
        diagnostics: diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                severity: match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                code: d.code,
                file: d.path.to_string_lossy().replace('\\', "/"),
                line: d.position.map(|p| p.line),
                column: d.position.map(|p| p.column),
                field: &d.field,
                message: &d.message,
                help: d.help.as_deref(),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::rules;
    use crate::diagnostics::Position;

    fn sample() -> Diagnostic {
        Diagnostic::new(
            rules::UNKNOWN_CODE,
            "partners/a.yaml",
            "\"legal_service\" is not a known service area",
        )
        .at(Some(Position {
            line: 2,
            column: 16,
        }))
        .field("services[0].categories[0]")
        .help("did you mean \"legal_services\"?")
    }

    #[test]
    fn human_output_shows_the_line_and_a_caret_under_the_value() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("partners")).unwrap();
        std::fs::write(
            dir.path().join("partners/a.yaml"),
            "services:\n  categories: [legal_service]\n",
        )
        .unwrap();
        let text = render(
            &[sample()],
            dir.path(),
            Format::Human,
            Style { color: false },
        );
        let expected = "error[E030]: partners/a.yaml:2:16: services[0].categories[0]: \"legal_service\" is not a known service area\n  |\n2 |   categories: [legal_service]\n  |                ^^^^^^^^^^^^^\n  = help: did you mean \"legal_services\"?\n";
        assert!(text.starts_with(expected), "{text}");
        assert!(text.ends_with("1 error(s), 0 warning(s)\n"));
        assert!(!text.contains('\x1b'));
    }

    #[test]
    fn a_byte_order_mark_is_not_shown_and_the_caret_stays_under_the_value() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("partners")).unwrap();
        std::fs::write(dir.path().join("partners/a.yaml"), "\u{feff}id: [x]\n").unwrap();
        let at_value = Diagnostic::new(rules::UNKNOWN_CODE, "partners/a.yaml", "wrong")
            .at(Some(Position { line: 1, column: 5 }));
        let text = render(
            &[at_value],
            dir.path(),
            Format::Human,
            Style { color: false },
        );
        assert!(text.contains("1 | id: [x]\n  |     ^"), "{text}");
        assert!(!text.contains('\u{feff}'), "{text}");
    }

    #[test]
    fn colors_only_when_asked() {
        let text = render(
            &[sample()],
            Path::new("/nonexistent"),
            Format::Human,
            Style { color: true },
        );
        assert!(text.contains("\x1b[1;31merror[E030]"));
    }

    #[test]
    fn github_annotations_escape_their_separators() {
        let text = render(
            &[sample()],
            Path::new("hub"),
            Format::Github,
            Style { color: false },
        );
        assert_eq!(
            text,
            "::error file=hub/partners/a.yaml,line=2,col=16,title=E030 services[0].categories[0]::services[0].categories[0]: \"legal_service\" is not a known service area%0Ahelp: did you mean \"legal_services\"?\n"
        );
    }

    #[test]
    fn json_lists_every_field() {
        let text = render(
            &[sample()],
            Path::new("."),
            Format::Json,
            Style { color: false },
        );
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["errors"], 1);
        assert_eq!(value["diagnostics"][0]["code"], rules::UNKNOWN_CODE.code);
        assert_eq!(value["diagnostics"][0]["line"], 2);
        assert_eq!(value["diagnostics"][0]["column"], 16);
        assert_eq!(value["diagnostics"][0]["file"], "partners/a.yaml");
    }
}
