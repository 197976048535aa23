//! Files haven writes for people starting out: `haven init` (a minimal
//! working hub), `haven new partner|guide` (valid skeletons) and
//! `haven schema` (the JSON Schema editors use for autocomplete).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::hub::date::Date;
use crate::hub::record::PartnerRecord;

/// The first line of every partner file haven writes: VS Code's YAML
/// extension reads it and offers autocomplete and inline errors.
pub const SCHEMA_COMMENT: &str = "# yaml-language-server: $schema=../schema/partner.schema.json";

#[derive(Debug)]
pub enum ScaffoldError {
    /// The file exists; haven never overwrites.
    Exists(PathBuf),
    /// `haven init` would overwrite these files; nothing was written.
    InTheWay(Vec<PathBuf>),
    /// An id or slug that cannot be a file name and URL.
    BadName(String),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScaffoldError::Exists(path) => write!(f, "{} already exists; haven does not overwrite files", path.display()),
            ScaffoldError::InTheWay(paths) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                write!(
                    f,
                    "{} already exist(s) and haven does not overwrite files; start the hub in an empty folder, or move them away first",
                    names.join(", ")
                )
            }
            ScaffoldError::BadName(name) => write!(
                f,
                "\"{name}\" cannot be used as a name: use lowercase letters, digits and single hyphens, e.g. riverbend-legal-aid"
            ),
            ScaffoldError::Io(path, error) => write!(f, "{}: {error}", path.display()),
        }
    }
}

impl std::error::Error for ScaffoldError {}

/// The JSON Schema of a partner record, generated from the Rust types.
pub fn partner_schema() -> String {
    let schema = schemars::schema_for!(PartnerRecord);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

fn write_new(path: &Path, contents: &str) -> Result<PathBuf, ScaffoldError> {
    if path.exists() {
        return Err(ScaffoldError::Exists(path.to_path_buf()));
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| ScaffoldError::Io(parent.to_path_buf(), e))?;
    }
    fs::write(path, contents).map_err(|e| ScaffoldError::Io(path.to_path_buf(), e))?;
    Ok(path.to_path_buf())
}

fn checked_name(name: &str) -> Result<&str, ScaffoldError> {
    if crate::hub::names::is_slug(name) {
        Ok(name)
    } else {
        Err(ScaffoldError::BadName(name.to_string()))
    }
}

pub fn partner_skeleton(id: &str, today: Date) -> String {
    let line = placeholder_line(id);
    format!(
        r#"{SCHEMA_COMMENT}
# A partner record. Every field is explained in the hub's README.
# Quote times and numbers: "09:00-17:00", "+1 505-555-0100", "87001".
schema_version: 1
id: {id}
status: active
last_verified: {today}          # the day you confirmed this record with the partner
published: false                # set to true when the record is complete
name: New Partner
summary: One sentence that says what the partner offers and to whom.
description: |
  Two or three short paragraphs in plain language: what the partner does,
  for whom, and what a first contact is like.
partner_types: [other]
website: https://{id}.example.org
phones:
  - id: main
    number: "+1 505-555-01{line:02}"
    kind: voice
    label: Main line
    hours:
      mon: "09:00-17:00"
      tue: "09:00-17:00"
      wed: "09:00-17:00"
      thu: "09:00-17:00"
      fri: "09:00-17:00"
      sat: closed
      sun: closed
coverage:
  scope: local
  areas:
    - {{ kind: county, name: Example County, state: NM }}
services:
  - id: main-service
    name: What the service is called
    description: What happens, who can get it, and how to start.
    categories: [basic_needs]
    access:
      law_enforcement_involvement: not_required   # not_required | required | case_by_case | unknown
      confidentiality: confidential               # confidential | limited | standard | unknown
    cost: free
    languages: [en]
    phones: [main]
"#
    )
}

/// A number in 555-0100..0199, the range kept for fiction, that differs
/// between skeletons so two new partners are not taken for duplicates
/// (rule W160).
fn placeholder_line(id: &str) -> u32 {
    id.bytes().fold(17u32, |hash, byte| {
        hash.wrapping_mul(31).wrapping_add(u32::from(byte))
    }) % 100
}

pub fn guide_skeleton(slug: &str, today: Date) -> String {
    let title = slug
        .split('-')
        .enumerate()
        .map(|(i, word)| {
            let mut chars = word.chars();
            match (i, chars.next()) {
                (0, Some(first)) => first.to_uppercase().chain(chars).collect(),
                _ => word.to_string(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ");
    format!(
        "---\ntitle: {title}\nsummary: One sentence for lists and search engines.\nupdated: {today}\ndraft: true\n---\n\nWrite the guide in plain language. Use `##` headings: a table of contents\nappears when there are three or more.\n\n## First section\n\nLink to another guide as `[its title](other-guide.md)` and to a partner as\n`[its name](../partners/partner-id.yaml)`: haven checks and rewrites such links.\n"
    )
}

/// Writes `partners/<id>.yaml` in the hub at `root`.
pub fn new_partner(root: &Path, id: &str, today: Date) -> Result<PathBuf, ScaffoldError> {
    let id = checked_name(id)?;
    write_new(
        &root.join("partners").join(format!("{id}.yaml")),
        &partner_skeleton(id, today),
    )
}

/// Writes `guides/<slug>.md` in the hub at `root`.
pub fn new_guide(root: &Path, slug: &str, today: Date) -> Result<PathBuf, ScaffoldError> {
    let slug = checked_name(slug)?;
    write_new(
        &root.join("guides").join(format!("{slug}.md")),
        &guide_skeleton(slug, today),
    )
}

const INIT_HUB: &str = r#"# Site configuration. Every key is explained in haven's README.
title: Our Survivor Resource Hub
description: Free, confidential help for survivors of trafficking and domestic violence in our county.
base_url: https://example.org/     # the site's address; the CI file fills in the Pages address
default_language: en
quick_exit:
  url: https://www.bbc.co.uk/weather   # a neutral page that loads fast
crisis_lines:
  - label: National Human Trafficking Hotline
    number: "1-888-373-7888"
    hours: 24/7
  - label: National Domestic Violence Hotline
    number: "1-800-799-7233"
    hours: 24/7
  - label: 988 Suicide & Crisis Lifeline (call or text)
    number: "988"
    kind: short_code
    hours: 24/7
data_repository: public
staleness: { warn_after_days: 180, hide_after_days: 365 }
default_country: US
"#;

/// Where a new hub is checked and published from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ci {
    /// `.github/workflows/haven.yml`: GitHub Actions and GitHub Pages.
    Github,
    /// `.gitlab-ci.yml`: GitLab CI and GitLab Pages.
    Gitlab,
    None,
}

/// The ready-to-copy CI definitions, kept in docs/ci/ so people can copy
/// them from the repository and `haven init` writes the very same text.
pub const GITHUB_WORKFLOW: &str = include_str!("../docs/ci/github-pages.yml");
pub const GITLAB_PIPELINE: &str = include_str!("../docs/ci/gitlab-pages.yml");

/// The CI file of `ci` and where it goes. The files download the release
/// they pin (`HAVEN_VERSION`, this haven's own) from `HAVEN_RELEASES`, so
/// they need no repository variable.
fn ci_file(ci: Ci) -> Option<(&'static str, &'static str)> {
    match ci {
        Ci::Github => Some((".github/workflows/haven.yml", GITHUB_WORKFLOW)),
        Ci::Gitlab => Some((".gitlab-ci.yml", GITLAB_PIPELINE)),
        Ci::None => None,
    }
}

/// Internal records stay out of a public repository (hub.yaml says
/// `data_repository: public`); the built site is never committed.
const INIT_GITIGNORE: &str = "# The built site: CI builds it, it is not kept in git.\n/public/\n# Internal records (MOU dates, contacts, notes) never go into a public\n# repository: keep private/ in a private one (haven's docs/deploy.md).\n/private/\n# Folders of a build that was stopped half-way (the next build removes them).\n.*.haven-new-*\n.*.haven-old-*\n# The full report of the last `haven import`.\n/import-report.txt\n";

/// Writes a minimal working hub into `dir` (created if needed), for
/// instance a repository just cloned with its README and .gitignore: an
/// existing .gitignore gets the lines it lacks. Any other file in the way
/// stops it before anything is written.
pub fn init(dir: &Path, ci: Ci, today: Date) -> Result<Vec<PathBuf>, ScaffoldError> {
    // A draft: its phone and address are placeholders, which a new hub
    // must never publish.
    let partner = partner_skeleton("example-partner", today);
    let guide = guide_skeleton("welcome", today).replace("draft: true", "draft: false");
    let mut files: Vec<(PathBuf, String)> = vec![
        (dir.join("hub.yaml"), INIT_HUB.to_string()),
        (dir.join("schema/partner.schema.json"), partner_schema()),
    ];
    if let Some((path, text)) = ci_file(ci) {
        files.push((dir.join(path), text.to_string()));
    }
    files.extend([
        (dir.join("partners/example-partner.yaml"), partner),
        (dir.join("guides/welcome.md"), guide),
        (dir.join("static/.gitkeep"), String::new()),
    ]);
    let in_the_way: Vec<PathBuf> = files
        .iter()
        .map(|(path, _)| path.clone())
        .filter(|path| path.exists())
        .collect();
    if !in_the_way.is_empty() {
        return Err(ScaffoldError::InTheWay(in_the_way));
    }
    let mut written = vec![merge_gitignore(&dir.join(".gitignore"))?];
    for (path, text) in &files {
        written.push(write_new(path, text)?);
    }
    Ok(written)
}

/// Writes haven's .gitignore, or adds its lines to one that exists.
fn merge_gitignore(path: &Path) -> Result<PathBuf, ScaffoldError> {
    let existing = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return write_new(path, INIT_GITIGNORE);
        }
        Err(error) => return Err(ScaffoldError::Io(path.to_path_buf(), error)),
    };
    // `public`, `/public` and `public/` all keep the folder out.
    let bare = |line: &str| line.trim().trim_matches('/').to_string();
    let present: Vec<String> = existing.lines().map(bare).collect();
    let missing: Vec<&str> = INIT_GITIGNORE
        .lines()
        .filter(|line| !line.starts_with('#') && !present.contains(&bare(line)))
        .collect();
    if !missing.is_empty() {
        let mut text = existing.clone();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str("# haven: the built site and internal records stay out of git.\n");
        for line in missing {
            text.push_str(line);
            text.push('\n');
        }
        fs::write(path, text).map_err(|e| ScaffoldError::Io(path.to_path_buf(), e))?;
    }
    Ok(path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_names_the_record_fields_and_enums() {
        let schema = partner_schema();
        assert!(schema.contains("\"law_enforcement_involvement\""));
        assert!(schema.contains("\"not_required\""));
        assert!(schema.contains("\"last_verified\""));
    }

    #[test]
    fn new_refuses_to_overwrite_and_bad_names() {
        let dir = tempfile::tempdir().unwrap();
        let today = Date::parse("2026-11-23").unwrap();
        new_partner(dir.path(), "legal-aid", today).unwrap();
        assert!(matches!(
            new_partner(dir.path(), "legal-aid", today),
            Err(ScaffoldError::Exists(_))
        ));
        assert!(matches!(
            new_guide(dir.path(), "Bad Name", today),
            Err(ScaffoldError::BadName(_))
        ));
    }
}
