//! Review, then publish: the partner records that are not published yet
//! (`haven import` writes them so), what each one still needs, and
//! publishing reviewed ones by id without opening their files.

use crate::diagnostics::rules;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::{self, Diagnostic};
use crate::hub::date::Date;

/// A record written `published: false`.
pub struct Draft {
    pub id: String,
    /// `partners/<id>.yaml`, relative to the hub.
    pub path: PathBuf,
    /// The points under `review:`: guesses and gaps to check.
    pub review: Vec<String>,
    /// What `haven check` finds in it (and its private overlay), as it
    /// would once the record is published.
    pub problems: Vec<Diagnostic>,
}

impl Draft {
    /// Whether it can be published: no errors.
    pub fn is_ready(&self) -> bool {
        !self.problems.iter().any(Diagnostic::is_error)
    }
}

/// Every unpublished record of the hub at `root`, by id. The hub's own
/// errors (a file that does not parse, a broken hub.yaml) come back as
/// `Err`.
pub fn drafts(root: &Path, today: Date) -> Result<Vec<Draft>, Vec<Diagnostic>> {
    let loaded = crate::pipeline::load::load(root);
    let Some(hub) = loaded.hub else {
        return Err(loaded.diagnostics);
    };
    let diagnostics = crate::pipeline::validate::validate(&hub, today);
    let mut drafts: Vec<Draft> = hub
        .partners
        .iter()
        .filter(|partner| !partner.record.published)
        .map(|partner| {
            let overlays: Vec<&Path> = hub
                .overlays
                .iter()
                .filter(|o| o.id == partner.record.id)
                .map(|o| o.path.as_path())
                .collect();
            let mut problems: Vec<Diagnostic> = diagnostics
                .iter()
                .filter(|d| d.path == partner.file.path || overlays.contains(&d.path.as_path()))
                // Its own unread points are what the list shows already.
                .filter(|d| d.code != rules::REVIEW_LEFT)
                .cloned()
                .collect();
            diagnostics::sort(&mut problems);
            Draft {
                id: partner.record.id.clone(),
                path: partner.file.path.clone(),
                review: partner.record.review.clone(),
                problems,
            }
        })
        .collect();
    drafts.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(drafts)
}

/// What publishing one id came to.
pub enum Published {
    /// The record's file now publishes it.
    Done(PathBuf),
    /// Not published: it has errors to fix first.
    HasErrors(PathBuf, Vec<Diagnostic>),
    /// No unpublished record has this id.
    NotADraft(String),
}

/// Publishes the drafts named by `ids` (every draft without errors when
/// `ids` is empty and `all` is set): `published: false` and the `review:`
/// list are taken out of each file, the rest of it stays as written.
pub fn publish(
    root: &Path,
    ids: &[String],
    all: bool,
    today: Date,
) -> Result<Vec<Published>, PublishError> {
    let drafts = drafts(root, today).map_err(PublishError::Hub)?;
    let chosen: Vec<Result<&Draft, String>> = if all {
        drafts.iter().map(Ok).collect()
    } else {
        ids.iter()
            .map(|id| {
                drafts
                    .iter()
                    .find(|d| &d.id == id)
                    .ok_or_else(|| id.clone())
            })
            .collect()
    };
    let mut results = Vec::new();
    for draft in chosen {
        let draft = match draft {
            Ok(draft) => draft,
            Err(id) => {
                results.push(Published::NotADraft(id));
                continue;
            }
        };
        if !draft.is_ready() {
            let errors = draft
                .problems
                .iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect();
            results.push(Published::HasErrors(draft.path.clone(), errors));
            continue;
        }
        let path = root.join(&draft.path);
        let text = fs::read_to_string(&path).map_err(|e| PublishError::Io(path.clone(), e))?;
        write_replacing(&path, &published_text(&text))?;
        results.push(Published::Done(draft.path.clone()));
    }
    Ok(results)
}

#[derive(Debug)]
pub enum PublishError {
    /// The hub itself has errors that stop it from being read.
    Hub(Vec<Diagnostic>),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for PublishError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PublishError::Hub(diagnostics) => write!(
                f,
                "the hub has {} error(s); run `haven check` and fix them first",
                diagnostics.iter().filter(|d| d.is_error()).count()
            ),
            PublishError::Io(path, error) => write!(f, "{}: {error}", path.display()),
        }
    }
}

impl std::error::Error for PublishError {}

/// A record's text without its top-level `published:` line and `review:`
/// block; comments and everything else as written.
pub fn published_text(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let continues = |line: &str| line.starts_with([' ', '\t', '-']);
    let mut out = String::with_capacity(text.len());
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        index += 1;
        if line.starts_with("published:") {
            continue;
        }
        if line.starts_with("review:") {
            while index < lines.len() {
                let next = lines[index];
                let blank_inside = next.trim().is_empty()
                    && lines[index..]
                        .iter()
                        .find(|l| !l.trim().is_empty())
                        .is_some_and(|l| continues(l));
                if continues(next) || blank_inside {
                    index += 1;
                } else {
                    break;
                }
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Replaces the file at `path` by putting a new one in its place.
fn write_replacing(path: &Path, text: &str) -> Result<(), PublishError> {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let temporary = path.with_file_name(format!(".{name}.haven-publish-{}", std::process::id()));
    fs::write(&temporary, text).map_err(|e| PublishError::Io(temporary.clone(), e))?;
    fs::rename(&temporary, path).map_err(|e| {
        let _ = fs::remove_file(&temporary);
        PublishError::Io(path.to_path_buf(), e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publishing_takes_out_the_flag_and_the_review_list_only() {
        let text = "# Imported from HSDS\nid: a\nlast_verified: 2026-01-01\npublished: false\nreview:\n  - \"services[0].categories: guessed\"\n\n  - hours kept as a note\nname: A\nservices:\n  - name: B\n";
        assert_eq!(
            published_text(text),
            "# Imported from HSDS\nid: a\nlast_verified: 2026-01-01\nname: A\nservices:\n  - name: B\n"
        );
    }

    #[test]
    fn a_review_list_written_flush_or_in_brackets_goes_too() {
        assert_eq!(
            published_text("id: a\nreview:\n- one\n- two\npublished: false\nname: A\n"),
            "id: a\nname: A\n"
        );
        assert_eq!(
            published_text("id: a\nreview: [one, two]\nname: A\n"),
            "id: a\nname: A\n"
        );
    }
}
