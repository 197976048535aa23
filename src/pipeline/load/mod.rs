//! Stage 1: read a hub from disk. Walks the hub once, parses every YAML
//! file and front matter into typed values, and collects every problem
//! instead of stopping at the first.

pub mod structure;

use crate::diagnostics::rules;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;
use crate::hub::config::{GuideFrontMatter, HubConfig};
use crate::hub::paths::link_problem;
use crate::hub::record::{Internal, PartnerRecord, PrivateOverlay};
use crate::hub::taxonomy::Taxonomies;
use crate::hub::yaml::{self, Locator};

/// Files larger than this are refused: no partner record or guide comes near
/// it, and a runaway file should not exhaust a CI runner's memory.
const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// Characters haven uses to mark where list pages put partner cards;
/// content holding them could pull a card into the wrong place.
const RESERVED: [char; 2] = ['\u{E000}', '\u{E001}'];

/// One text file of the hub, with its path relative to the hub root.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// Shared by everything that reads or remembers the file: its
    /// locator, the caches of `haven serve`.
    pub text: Arc<str>,
}

#[derive(Debug, Clone)]
pub struct LoadedPartner {
    pub file: SourceFile,
    /// The file name without `.yaml`: what the record's id must equal.
    pub stem: String,
    pub record: PartnerRecord,
    pub locator: Locator,
}

#[derive(Debug, Clone)]
pub struct LoadedOverlay {
    pub path: PathBuf,
    pub id: String,
    pub internal: Internal,
}

#[derive(Debug, Clone)]
pub struct LoadedGuide {
    pub file: SourceFile,
    pub slug: String,
    /// `Some("es")` for `guides/<slug>.es.md`.
    pub language: Option<String>,
    pub front_matter: GuideFrontMatter,
    pub body: String,
    /// Lines before the body in the file, so Markdown positions can be
    /// reported relative to the file.
    pub body_line_offset: usize,
}

/// A file copied verbatim: where it goes in the output and where it is now.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StaticFile {
    pub output_path: String,
    pub source: PathBuf,
}

/// Everything read from a hub, before any semantic check.
#[derive(Debug, Clone)]
pub struct Hub {
    pub root: PathBuf,
    pub config: HubConfig,
    pub config_file: SourceFile,
    pub taxonomies: Taxonomies,
    /// Shared with the parse cache of `haven serve`.
    pub partners: Vec<Arc<LoadedPartner>>,
    /// Shared with the parse cache of `haven serve`, as are guides.
    pub overlays: Vec<Arc<LoadedOverlay>>,
    pub guides: Vec<Arc<LoadedGuide>>,
    pub static_files: Vec<StaticFile>,
    /// Hub template overrides: template name → source.
    pub templates: BTreeMap<String, SourceFile>,
    /// UI strings the hub adds or overrides: language → `i18n/<lang>.yaml`.
    pub strings: BTreeMap<String, SourceFile>,
    /// Ids and slugs of partner and guide files that failed to parse. They
    /// exist, so references to them are not reported a second time.
    pub unreadable_partners: BTreeSet<String>,
    pub unreadable_guides: BTreeSet<String>,
}

/// The hub, if hub.yaml could be read, and every problem found on the way.
pub struct Loaded {
    pub hub: Option<Hub>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn load(root: &Path) -> Loaded {
    load_cached(root, &mut ParseCache::one_shot())
}

/// Parsed partner and private files by path, with the text they were
/// parsed from: `haven serve` keeps one across rebuilds, so an edit reads
/// and parses only the files that changed.
#[derive(Default)]
pub struct ParseCache {
    partners: HashMap<PathBuf, Cached<ParsedPartner>>,
    overlays: HashMap<PathBuf, Cached<ParsedOverlay>>,
    /// Guides, parsed with the hub's languages at the time (a file named
    /// `<slug>.<lang>.md` is a translation only for a language of the hub).
    guides: HashMap<PathBuf, Cached<ParsedGuide>>,
    guide_languages: Vec<String>,
    /// hub.yaml's text and settings.
    config: Option<(Arc<str>, HubConfig)>,
    /// What the last walk of each record folder found.
    walks: HashMap<&'static str, Walk>,
    /// What a watcher reported since the last load.
    reported: Reported,
    /// The load under way takes the watcher's word: see [`Reported::Modified`].
    trusted: bool,
    /// Remembers nothing: for a build that runs once, where the entries
    /// would only keep every record alive until the build ends.
    one_shot: bool,
}

/// The files a walk of one folder found, and what it reported on the way
/// (unexpected files, refused links).
struct Walk {
    files: Vec<PathBuf>,
    diagnostics: Vec<Diagnostic>,
}

/// What a watcher reported about the hub's files since the last load.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Reported {
    /// Nothing: every folder is walked and every file's stamp looked at.
    #[default]
    Nothing,
    /// Only files the last walks found, each still a file: modified, not
    /// added, removed or renamed. The walks stand, and every other file
    /// is as it was parsed, so the next load reads only these. On a
    /// thousand records this saves a walk and a thousand stamps, a good
    /// part of a preview's rebuild.
    Modified,
    /// Anything else: files added, removed or renamed, or a folder.
    Anything,
}

type ParsedPartner = Result<Arc<LoadedPartner>, Vec<Diagnostic>>;
type ParsedOverlay = Result<Arc<LoadedOverlay>, Diagnostic>;
type ParsedGuide = (Option<Arc<LoadedGuide>>, Vec<Diagnostic>);

struct Cached<T> {
    stamp: Option<Stamp>,
    text: Arc<str>,
    parsed: T,
}

/// A file's size and modification time: when both are as they were, the
/// file is not read again.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: SystemTime,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let metadata = fs::metadata(path).ok()?;
        Some(Stamp {
            len: metadata.len(),
            modified: metadata.modified().ok()?,
        })
    }
}

impl ParseCache {
    pub fn one_shot() -> Self {
        ParseCache {
            one_shot: true,
            ..ParseCache::default()
        }
    }

    /// Forgets these files (paths relative to `root`): a watcher saw them
    /// change, whatever their stamps say (a clock with coarse steps, a tool
    /// that restores modification times). A watcher reports every change,
    /// so when these are only modified files, the next load reads only
    /// them ([`Reported::Modified`]).
    pub fn changed(&mut self, root: &Path, paths: &[PathBuf]) {
        let modified = paths.iter().all(|path| {
            self.walks.values().any(|walk| walk.files.contains(path)) && root.join(path).is_file()
        });
        self.reported = match (self.reported, modified) {
            (Reported::Nothing | Reported::Modified, true) => Reported::Modified,
            _ => Reported::Anything,
        };
        for path in paths {
            self.partners.remove(path);
            self.overlays.remove(path);
            self.guides.remove(path);
        }
    }

    /// The files `walk` finds under `dir`, with what it reports; or those
    /// of the last walk, when a watcher said only files it found changed.
    fn walked(
        &mut self,
        dir: &'static str,
        diagnostics: &mut Vec<Diagnostic>,
        walk: impl FnOnce(&mut Vec<Diagnostic>) -> Vec<PathBuf>,
    ) -> Vec<PathBuf> {
        if self.trusted {
            if let Some(last) = self.walks.get(dir) {
                diagnostics.extend(last.diagnostics.iter().cloned());
                return last.files.clone();
            }
        }
        let mut found = Vec::new();
        let files = walk(&mut found);
        if !self.one_shot {
            let walk = Walk {
                files: files.clone(),
                diagnostics: found.clone(),
            };
            self.walks.insert(dir, walk);
        }
        diagnostics.extend(found);
        files
    }
}

/// What became of one file in [`parse_all_cached`].
enum Outcome<T> {
    /// Unchanged (same stamp, or same text): the cached parse.
    Kept(Option<Stamp>, T),
    Parsed(Option<Stamp>, Arc<str>, T),
    Unreadable(Vec<Diagnostic>),
}

/// Each path's parse, in order: the cached one while the file is
/// unchanged, else the file read and parsed again (unless it holds the same
/// text), files side by side. `None` for a file that cannot be read
/// (reported in `diagnostics`). Parses are remembered unless `remember`
/// is false. A `trusted` entry is unchanged without a look at its stamp
/// (a watcher said which files changed, and forgot them).
fn parse_all_cached<T: Clone + Send + Sync>(
    entries: &mut HashMap<PathBuf, Cached<T>>,
    (remember, trusted): (bool, bool),
    root: &Path,
    paths: &[PathBuf],
    diagnostics: &mut Vec<Diagnostic>,
    parse: impl Fn(SourceFile) -> T + Sync,
) -> Vec<Option<T>> {
    let known = &*entries;
    let outcomes: Vec<Outcome<T>> = paths
        .par_iter()
        .map(|path| {
            let entry = known.get(path);
            if let Some(entry) = entry.filter(|_| trusted) {
                return Outcome::Kept(entry.stamp, entry.parsed.clone());
            }
            let stamp = Stamp::of(&root.join(path));
            if let Some(entry) = entry.filter(|e| stamp.is_some() && e.stamp == stamp) {
                return Outcome::Kept(stamp, entry.parsed.clone());
            }
            let mut unreadable = Vec::new();
            let Some(file) = read_text(root, path, &mut unreadable) else {
                return Outcome::Unreadable(unreadable);
            };
            if let Some(entry) = entry.filter(|e| e.text == file.text) {
                return Outcome::Kept(stamp, entry.parsed.clone());
            }
            let text = file.text.clone();
            Outcome::Parsed(stamp, text, parse(file))
        })
        .collect();
    paths
        .iter()
        .zip(outcomes)
        .map(|(path, outcome)| match outcome {
            Outcome::Kept(stamp, parsed) => {
                if let Some(entry) = entries.get_mut(path) {
                    entry.stamp = stamp;
                }
                Some(parsed)
            }
            Outcome::Parsed(stamp, text, parsed) if remember => {
                entries.insert(
                    path.clone(),
                    Cached {
                        stamp,
                        text,
                        parsed: parsed.clone(),
                    },
                );
                Some(parsed)
            }
            Outcome::Parsed(_, _, parsed) => Some(parsed),
            Outcome::Unreadable(errors) => {
                diagnostics.extend(errors);
                None
            }
        })
        .collect()
}

/// [`load`], re-using what `cache` parsed before from the same text.
pub fn load_cached(root: &Path, cache: &mut ParseCache) -> Loaded {
    cache.trusted = std::mem::take(&mut cache.reported) == Reported::Modified;
    let mut diagnostics = Vec::new();
    let hub = load_hub(root, cache, &mut diagnostics);
    Loaded { hub, diagnostics }
}

fn parse_partner(file: SourceFile) -> ParsedPartner {
    let path = file.path.clone();
    match yaml::parse::<PartnerRecord>(&file.text, &path, 0) {
        Ok(record) => Ok(Arc::new(LoadedPartner {
            stem: file_stem(&path),
            locator: Locator::new(file.text.clone(), 0),
            record,
            file,
        })),
        Err(diagnostic) => {
            // serde stops at the first mistake; list all of this file's.
            let all = crate::pipeline::load::structure::partner_errors(&file.text, &path);
            Err(if all.is_empty() {
                vec![diagnostic]
            } else {
                all
            })
        }
    }
}

fn parse_overlay(file: SourceFile) -> ParsedOverlay {
    let overlay = yaml::parse::<PrivateOverlay>(&file.text, &file.path, 0)?;
    Ok(Arc::new(LoadedOverlay {
        id: file_stem(&file.path),
        path: file.path,
        internal: overlay.internal,
    }))
}

fn load_hub(root: &Path, cache: &mut ParseCache, diagnostics: &mut Vec<Diagnostic>) -> Option<Hub> {
    let (config, config_file) = read_config(root, cache, diagnostics)?;
    let taxonomies = read_taxonomies(root, &config.languages, diagnostics);
    let (partners, unreadable_partners) = read_partners(root, cache, diagnostics);
    let overlays = read_overlays(root, cache, diagnostics);
    let (guides, unreadable_guides) = read_guides(root, &config, cache, diagnostics);
    diagnostics.extend(duplicate_guides(&guides));
    diagnostics.extend(translations_without_original(
        &guides,
        &unreadable_guides,
        &config,
        &taxonomies,
    ));
    let static_files = static_files(root, diagnostics);
    let templates = read_templates(root, diagnostics);
    let strings = read_strings(root, diagnostics);
    Some(Hub {
        root: root.to_path_buf(),
        config,
        config_file,
        strings,
        taxonomies,
        partners,
        overlays,
        guides,
        static_files,
        templates,
        unreadable_partners,
        unreadable_guides,
    })
}

/// hub.yaml, which a hub cannot do without.
fn read_config(
    root: &Path,
    cache: &mut ParseCache,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(HubConfig, SourceFile)> {
    let config_path = Path::new("hub.yaml");
    if !root.join(config_path).is_file() {
        diagnostics.push(
            Diagnostic::new(rules::NO_HUB_YAML, config_path, format!("no hub.yaml in {}", root.display()))
                .help("run haven in the hub's folder, pass --root DIR, or create a hub with `haven init DIR`"),
        );
        return None;
    }
    let config_file = read_named(root, config_path, diagnostics)?;
    if let Some((text, config)) = &cache.config {
        if *text == config_file.text {
            return Some((config.clone(), config_file));
        }
    }
    match yaml::parse::<HubConfig>(&config_file.text, config_path, 0) {
        Ok(config) => {
            if !cache.one_shot {
                cache.config = Some((config_file.text.clone(), config.clone()));
            }
            Some((config, config_file))
        }
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            None
        }
    }
}

/// The built-in taxonomies, with taxonomies.yaml's additions if there is one.
fn read_taxonomies(
    root: &Path,
    languages: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Taxonomies {
    let taxonomies_path = Path::new("taxonomies.yaml");
    if !root.join(taxonomies_path).is_file() {
        return Taxonomies::builtin();
    }
    read_named(root, taxonomies_path, diagnostics)
        .and_then(|file| {
            match Taxonomies::with_checked_hub_file(&file.text, taxonomies_path, languages) {
                Ok((taxonomies, found)) => {
                    diagnostics.extend(found);
                    Some(taxonomies)
                }
                Err(diagnostic) => {
                    diagnostics.push(diagnostic);
                    None
                }
            }
        })
        .unwrap_or_else(Taxonomies::builtin)
}

/// The partner records, and the ids of those that cannot be read or parsed
/// (they still exist: links to them are not broken).
fn read_partners(
    root: &Path,
    cache: &mut ParseCache,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Arc<LoadedPartner>>, BTreeSet<String>) {
    let mut unreadable = BTreeSet::new();
    let paths = cache.walked("partners", diagnostics, |found| {
        files_named(
            root,
            "partners",
            &["yaml", "yml"],
            "partner records are YAML files named <id>.yaml",
            found,
        )
    });
    let parsed = parse_all_cached(
        &mut cache.partners,
        (!cache.one_shot, cache.trusted),
        root,
        &paths,
        diagnostics,
        parse_partner,
    );
    let mut partners = Vec::new();
    for (path, parsed) in paths.iter().zip(parsed) {
        match parsed {
            Some(Ok(partner)) => partners.push(partner),
            Some(Err(errors)) => {
                unreadable.insert(file_stem(path));
                diagnostics.extend(errors);
            }
            // Unreadable (reported already): the partner still exists.
            None => {
                unreadable.insert(file_stem(path));
            }
        }
    }
    (partners, unreadable)
}

/// The files under `root/dir` with one of `extensions`; each other file
/// is reported as unexpected, with `expected` saying what belongs there.
fn files_named(
    root: &Path,
    dir: &str,
    extensions: &[&str],
    expected: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for path in files_in(root, dir, diagnostics) {
        if has_extension(&path, extensions) {
            paths.push(path);
        } else {
            diagnostics.push(unexpected_file(&path, expected));
        }
    }
    paths
}

/// The private overlays of private/.
fn read_overlays(
    root: &Path,
    cache: &mut ParseCache,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Arc<LoadedOverlay>> {
    let paths = cache.walked("private", diagnostics, |found| {
        files_in(root, "private", found)
            .into_iter()
            .filter(|path| has_extension(path, &["yaml", "yml"]))
            .collect()
    });
    let mut overlays = Vec::new();
    for parsed in parse_all_cached(
        &mut cache.overlays,
        (!cache.one_shot, cache.trusted),
        root,
        &paths,
        diagnostics,
        parse_overlay,
    ) {
        match parsed {
            Some(Ok(overlay)) => overlays.push(overlay),
            Some(Err(diagnostic)) => diagnostics.push(diagnostic),
            None => {}
        }
    }
    overlays
}

/// The guides and their translations, and the slugs of those that cannot
/// be read or parsed.
fn read_guides(
    root: &Path,
    config: &HubConfig,
    cache: &mut ParseCache,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Arc<LoadedGuide>>, BTreeSet<String>) {
    let mut unreadable = BTreeSet::new();
    let paths = cache.walked("guides", diagnostics, |found| {
        files_named(
            root,
            "guides",
            &["md"],
            "guides are Markdown files named <slug>.md",
            found,
        )
    });
    if cache.guide_languages != config.languages {
        cache.guides.clear();
        cache.guide_languages = config.languages.clone();
    }
    let parsed = parse_all_cached(
        &mut cache.guides,
        (!cache.one_shot, cache.trusted),
        root,
        &paths,
        diagnostics,
        |file| {
            let mut found = Vec::new();
            let guide = parse_guide(file, config, &mut found);
            (guide.map(Arc::new), found)
        },
    );
    let mut guides = Vec::new();
    for (path, parsed) in paths.iter().zip(parsed) {
        match parsed {
            Some((Some(guide), found)) => {
                diagnostics.extend(found);
                guides.push(guide);
            }
            Some((None, found)) => {
                diagnostics.extend(found);
                unreadable.insert(file_stem(path));
            }
            // Unreadable (reported already).
            None => {
                unreadable.insert(file_stem(path));
            }
        }
    }
    (guides, unreadable)
}

/// The files of static/, copied as they are.
fn static_files(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<StaticFile> {
    files_in(root, "static", diagnostics)
        .into_iter()
        .filter_map(|path| {
            let output_path = path
                .strip_prefix("static")
                .ok()?
                .to_str()?
                .replace('\\', "/");
            Some(StaticFile {
                output_path,
                source: root.join(&path),
            })
        })
        .collect()
}

/// The hub's own templates, by name (`partials/card.html`).
fn read_templates(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> BTreeMap<String, SourceFile> {
    let mut templates = BTreeMap::new();
    for path in files_in(root, "templates", diagnostics) {
        let Some(file) = read_text(root, &path, diagnostics) else {
            continue;
        };
        if let Some(name) = path
            .strip_prefix("templates")
            .ok()
            .and_then(Path::to_str)
            .map(|name| name.replace('\\', "/"))
        {
            templates.insert(name, file);
        }
    }
    templates
}

/// The hub's UI strings, by language (`i18n/es.yaml`).
fn read_strings(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> BTreeMap<String, SourceFile> {
    let mut strings = BTreeMap::new();
    for path in files_in(root, "i18n", diagnostics) {
        let language = path
            .file_name()
            .and_then(|name| name.to_str())
            .and_then(|name| {
                name.strip_suffix(".yaml")
                    .or_else(|| name.strip_suffix(".yml"))
            })
            .map(str::to_string);
        if let (Some(language), Some(file)) = (language, read_text(root, &path, diagnostics)) {
            strings.insert(language, file);
        }
    }
    strings
}

/// E025 for each guide file whose slug and language another guide file
/// (in another folder of guides/) already has: one page would silently
/// replace the other.
fn duplicate_guides(guides: &[Arc<LoadedGuide>]) -> Vec<Diagnostic> {
    let mut first: HashMap<(&str, Option<&str>), &Path> = HashMap::new();
    let mut problems = Vec::new();
    // The guide nearest the top of guides/ keeps its name.
    let mut by_depth: Vec<&LoadedGuide> = guides.iter().map(|guide| &**guide).collect();
    by_depth.sort_by_key(|guide| (guide.file.path.components().count(), &guide.file.path));
    for guide in by_depth {
        let key = (guide.slug.as_str(), guide.language.as_deref());
        match first.get(&key) {
            Some(earlier) => problems.push(
                Diagnostic::new(
                    rules::DUPLICATE_GUIDE,
                    &guide.file.path,
                    format!(
                        "this guide has the same name as {}: both would be the page /guides/{}/",
                        earlier.display(),
                        guide.slug
                    ),
                )
                .at(Some(crate::diagnostics::Position { line: 1, column: 1 }))
                .help("rename one of the two files; a guide's page is named after its file, whatever folder of guides/ it is in"),
            ),
            None => {
                first.insert(key, &guide.file.path);
            }
        }
    }
    problems
}

/// Translations (`<slug>.<lang>.md`) of a guide that is not there: no page
/// is made from them, which a volunteer who wrote a guide in Spanish only
/// would otherwise never learn.
fn translations_without_original(
    guides: &[Arc<LoadedGuide>],
    unreadable: &BTreeSet<String>,
    config: &HubConfig,
    taxonomies: &Taxonomies,
) -> Vec<Diagnostic> {
    let originals: BTreeSet<&str> = guides
        .iter()
        .filter(|guide| guide.language.is_none())
        .map(|guide| guide.slug.as_str())
        .collect();
    guides
        .iter()
        .filter_map(|guide| {
            let language = guide.language.as_deref()?;
            let slug = guide.slug.as_str();
            if originals.contains(slug) || unreadable.contains(slug) {
                return None;
            }
            let named = |tag: &str| {
                let name = taxonomies.label(crate::hub::taxonomy::Kind::Languages, tag, "en");
                format!("{name} ({tag})")
            };
            let (language, default) = (named(language), named(&config.default_language));
            Some(
                Diagnostic::new(
                    rules::IGNORED_FILE,
                    &guide.file.path,
                    format!("this is the {language} version of guides/{slug}.md, which does not exist: no page is made from it"),
                )
                .at(Some(crate::diagnostics::Position { line: 1, column: 1 }))
                .help(format!("add the guide in {default}, the hub's default language, as guides/{slug}.md; the {language} pages then show this file's text")),
            )
        })
        .collect()
}

/// Splits `---` front matter from the Markdown body and parses it.
fn parse_guide(
    file: SourceFile,
    config: &HubConfig,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<LoadedGuide> {
    let stem = file_stem(&file.path);
    let (slug, language) = match stem.rsplit_once('.') {
        Some((slug, language)) if config.languages.iter().any(|l| l == language) => {
            (slug.to_string(), Some(language.to_string()))
        }
        _ => (stem, None),
    };
    let Some((front, body, body_line_offset)) = split_front_matter(&file.text) else {
        let (message, help) = missing_front_matter(&file.text);
        diagnostics.push(
            Diagnostic::new(rules::GUIDE_WITHOUT_FRONT_MATTER, &file.path, message)
                .at(Some(crate::diagnostics::Position { line: 1, column: 1 }))
                .help(help),
        );
        return None;
    };
    match yaml::parse::<GuideFrontMatter>(front, &file.path, 1) {
        Ok(front_matter) => Some(LoadedGuide {
            body: body.to_string(),
            file,
            slug,
            language,
            front_matter,
            body_line_offset,
        }),
        Err(diagnostic) => {
            let all = crate::pipeline::load::structure::guide_errors(front, &file.path, 1);
            if all.is_empty() {
                diagnostics.push(diagnostic);
            } else {
                diagnostics.extend(all);
            }
            None
        }
    }
}

/// What is wrong with a guide whose front matter cannot be found, and the
/// lines to write: its TOML front matter (Hugo, Zola) in YAML, a missing
/// closing line, or a title taken from the first heading.
fn missing_front_matter(text: &str) -> (String, String) {
    let indent = |lines: &[String]| {
        lines
            .iter()
            .map(|line| format!("\n      {line}"))
            .collect::<String>()
    };
    let blank_lines = text
        .lines()
        .take_while(|line| line.trim().is_empty())
        .count();
    let mut lines = text.lines().skip(blank_lines);
    match lines.next().map(str::trim_end) {
        Some("---" | "+++") if blank_lines > 0 => (
            "the guide's front matter does not start on the first line".to_string(),
            format!("delete the {blank_lines} empty line(s) above the first ---"),
        ),
        Some("+++") => {
            let yaml: Vec<String> = lines
                .take_while(|line| line.trim_end() != "+++")
                .map(|line| match line.split_once(" = ") {
                    Some((key, value)) if !key.trim().contains(' ') => {
                        format!("{}: {}", key.trim(), value.trim())
                    }
                    _ => line.to_string(),
                })
                .collect();
            let block = [vec!["---".to_string()], yaml, vec!["---".to_string()]].concat();
            (
                "the guide's front matter is TOML (between +++ lines, as Hugo and Zola write it); haven reads YAML".to_string(),
                format!("write it between --- lines, with a colon after each name:{}", indent(&block)),
            )
        }
        Some("---") => (
            "the guide's front matter has no closing --- line".to_string(),
            "end the front matter with a line of three dashes, ---, before the guide's text"
                .to_string(),
        ),
        _ => {
            let title = text
                .lines()
                .find_map(|line| line.strip_prefix("# "))
                .map_or("Your title", str::trim);
            let block = [
                "---".to_string(),
                format!("title: {title}"),
                "---".to_string(),
            ];
            (
                "guide has no front matter".to_string(),
                format!("start the file with these three lines:{}", indent(&block)),
            )
        }
    }
}

/// Returns (front matter, body, number of lines before the body).
fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let lines_before_body = 2 + front.lines().count();
            return Some((front, body, lines_before_body));
        }
        offset += line.len();
    }
    None
}

/// [`read_text`] for a file named by haven rather than found by a walk,
/// which has checked its links already.
fn read_named(root: &Path, path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    if let Some(problem) = link_problem(root, path) {
        diagnostics.push(problem);
        return None;
    }
    read_text(root, path, diagnostics)
}

fn read_text(root: &Path, path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    let full = root.join(path);
    let too_big = fs::metadata(&full)
        .map(|m| m.len() > MAX_FILE_BYTES)
        .unwrap_or(false);
    if too_big {
        diagnostics.push(
            Diagnostic::new(rules::FILE_TOO_LARGE, path, "file is larger than 2 MiB")
                .help("split it up; a partner record or guide is normally a few kilobytes"),
        );
        return None;
    }
    match fs::read(&full) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) if text.contains(RESERVED) => {
                let at = text.find(RESERVED).unwrap_or_default();
                let line = text[..at].matches('\n').count() + 1;
                diagnostics.push(
                    Diagnostic::new(
                        rules::RESERVED_CHARACTER,
                        path,
                        "the file contains a character reserved for haven's own use (U+E000 or U+E001)",
                    )
                    .at(Some(crate::diagnostics::Position { line, column: 1 }))
                    .help("delete the character: it shows as a box or nothing in most editors, and was probably pasted in by mistake"),
                );
                None
            }
            Ok(text) => Some(SourceFile {
                path: path.to_path_buf(),
                // Some Windows editors start UTF-8 files with a byte-order mark.
                text: text
                    .strip_prefix('\u{feff}')
                    .map_or_else(|| Arc::from(text.as_str()), Arc::from),
            }),
            Err(error) => {
                let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
                let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
                diagnostics.push(
                    Diagnostic::new(rules::INVALID_YAML, path, "file is not valid UTF-8 text")
                        .at(Some(crate::diagnostics::Position { line, column: 1 }))
                        .help("save the file as UTF-8 (most editors offer this under \"Save with encoding\")"),
                );
                None
            }
        },
        Err(error) => {
            diagnostics.push(
                Diagnostic::new(
                    rules::UNREADABLE,
                    path,
                    format!("could not read the file: {error}"),
                )
                .help("check that the file exists and is readable"),
            );
            None
        }
    }
}

/// Files under `root/dir`, relative to `root`, sorted, hidden files
/// skipped. Links are followed only where [`link_problem`] allows; each
/// refused link is reported and what is behind it left unread.
fn files_in(root: &Path, dir: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let base = root.join(dir);
    if let Some(problem) = link_problem(root, Path::new(dir)) {
        diagnostics.push(problem);
        return Vec::new();
    }
    if !base.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let mut refused = Vec::new();
    let walker = WalkDir::new(&base)
        .follow_links(true)
        // By file name, as `sort_by_file_name` does, but comparing the
        // paths' bytes: siblings share everything up to their names, and a
        // name found by parsing the path at each comparison costs more
        // than the rest of the walk of a thousand records.
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        .filter_entry(|entry| {
            if entry.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            if !entry.path_is_symlink() {
                return true;
            }
            let problem = entry
                .path()
                .strip_prefix(root)
                .ok()
                .and_then(|relative| link_problem(root, relative));
            match problem {
                Some(problem) => {
                    refused.push(problem);
                    false
                }
                None => true,
            }
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                if let Ok(relative) = entry.path().strip_prefix(root) {
                    files.push(relative.to_path_buf());
                }
            }
            Ok(_) => {}
            Err(error) => {
                let path = error
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .unwrap_or(Path::new(dir))
                    .to_path_buf();
                diagnostics.push(
                    Diagnostic::new(rules::UNREADABLE, path, format!("could not read: {error}"))
                        .help("check the folder's permissions, and that no link leads to a folder that contains it"),
                );
            }
        }
    }
    diagnostics.extend(refused);
    files
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.contains(&e))
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn unexpected_file(path: &Path, help: &str) -> Diagnostic {
    Diagnostic::new(rules::IGNORED_FILE, path, "file is ignored").help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partner_named(name: &str) -> String {
        format!(
            "schema_version: 1\nid: food\nstatus: active\nlast_verified: 2026-10-01\nname: {name}\ndescription: Groceries.\npartner_types: [other]\ncoverage: {{ scope: local, areas: [ {{ kind: county, name: Example County, state: NM }} ] }}\nservices: []\n"
        )
    }

    /// A hub with one partner file; returns the file's path.
    fn hub_with_partner(root: &Path, name: &str) -> PathBuf {
        fs::write(
            root.join("hub.yaml"),
            "title: Test hub\nbase_url: https://hub.example.org/\n",
        )
        .unwrap();
        fs::create_dir_all(root.join("partners")).unwrap();
        let file = root.join("partners/food.yaml");
        fs::write(&file, partner_named(name)).unwrap();
        file
    }

    fn loaded_name(root: &Path, cache: &mut ParseCache) -> String {
        loaded_names(root, cache).remove(0)
    }

    /// Rewrites the file with text of the same length and its old
    /// modification time: a change only a watcher can report.
    fn rewrite_unstamped(file: &Path, text: &str) {
        let modified = fs::metadata(file).unwrap().modified().unwrap();
        fs::write(file, text).unwrap();
        fs::File::options()
            .write(true)
            .open(file)
            .unwrap()
            .set_modified(modified)
            .unwrap();
    }

    #[test]
    fn a_cached_file_is_read_again_when_its_size_changes() {
        let hub = tempfile::tempdir().unwrap();
        let file = hub_with_partner(hub.path(), "Food bank");
        let mut cache = ParseCache::default();
        assert_eq!(loaded_name(hub.path(), &mut cache), "Food bank");
        fs::write(&file, partner_named("Food pantry")).unwrap();
        assert_eq!(loaded_name(hub.path(), &mut cache), "Food pantry");
    }

    #[test]
    fn a_file_reported_changed_is_read_again_whatever_its_stamp() {
        let hub = tempfile::tempdir().unwrap();
        let file = hub_with_partner(hub.path(), "Food bank");
        let mut cache = ParseCache::default();
        assert_eq!(loaded_name(hub.path(), &mut cache), "Food bank");
        rewrite_unstamped(&file, &partner_named("Food shop"));
        assert_eq!(
            loaded_name(hub.path(), &mut cache),
            "Food bank",
            "unchanged stamp: not read"
        );
        cache.changed(hub.path(), &[PathBuf::from("partners/food.yaml")]);
        assert_eq!(loaded_name(hub.path(), &mut cache), "Food shop");
    }

    fn loaded_names(root: &Path, cache: &mut ParseCache) -> Vec<String> {
        let loaded = load_cached(root, cache).hub.unwrap();
        loaded
            .partners
            .iter()
            .map(|p| p.record.name.clone())
            .collect()
    }

    fn add_partner(root: &Path, id: &str) -> PathBuf {
        let relative = PathBuf::from(format!("partners/{id}.yaml"));
        let text = partner_named("Other").replace("id: food", &format!("id: {id}"));
        fs::write(root.join(&relative), text).unwrap();
        relative
    }

    #[test]
    fn a_load_after_only_modified_files_were_reported_reads_only_those() {
        let hub = tempfile::tempdir().unwrap();
        let file = hub_with_partner(hub.path(), "Food bank");
        let mut cache = ParseCache::default();
        loaded_names(hub.path(), &mut cache);
        // Not reported: a watcher would have said.
        add_partner(hub.path(), "other");
        fs::write(&file, partner_named("Food pantry")).unwrap();
        cache.changed(hub.path(), &[PathBuf::from("partners/food.yaml")]);
        assert_eq!(loaded_names(hub.path(), &mut cache), ["Food pantry"]);
    }

    #[test]
    fn a_reported_new_file_makes_the_next_load_walk_the_hub_again() {
        let hub = tempfile::tempdir().unwrap();
        hub_with_partner(hub.path(), "Food bank");
        let mut cache = ParseCache::default();
        loaded_names(hub.path(), &mut cache);
        let added = add_partner(hub.path(), "other");
        cache.changed(hub.path(), &[added]);
        assert_eq!(loaded_names(hub.path(), &mut cache), ["Food bank", "Other"]);
    }

    #[test]
    fn a_reported_removed_file_makes_the_next_load_walk_the_hub_again() {
        let hub = tempfile::tempdir().unwrap();
        let file = hub_with_partner(hub.path(), "Food bank");
        let added = add_partner(hub.path(), "other");
        let mut cache = ParseCache::default();
        loaded_names(hub.path(), &mut cache);
        fs::remove_file(&file).unwrap();
        fs::write(
            hub.path().join(&added),
            partner_named("Renamed").replace("id: food", "id: other"),
        )
        .unwrap();
        cache.changed(hub.path(), &[added, PathBuf::from("partners/food.yaml")]);
        assert_eq!(loaded_names(hub.path(), &mut cache), ["Renamed"]);
    }

    #[test]
    fn without_a_report_every_folder_is_walked_again() {
        let hub = tempfile::tempdir().unwrap();
        hub_with_partner(hub.path(), "Food bank");
        let mut cache = ParseCache::default();
        loaded_names(hub.path(), &mut cache);
        add_partner(hub.path(), "other");
        assert_eq!(loaded_names(hub.path(), &mut cache), ["Food bank", "Other"]);
    }

    #[test]
    fn a_one_shot_cache_keeps_no_record_alive() {
        let hub = tempfile::tempdir().unwrap();
        hub_with_partner(hub.path(), "Food bank");
        let mut cache = ParseCache::one_shot();
        let loaded = load_cached(hub.path(), &mut cache).hub.unwrap();
        assert_eq!(Arc::strong_count(&loaded.partners[0]), 1);
        assert!(cache.partners.is_empty());
    }

    #[test]
    fn the_text_of_a_file_is_shared_with_its_locator() {
        let hub = tempfile::tempdir().unwrap();
        hub_with_partner(hub.path(), "Food bank");
        let loaded = load(hub.path()).hub.unwrap();
        let partner = &loaded.partners[0];
        assert!(partner.locator.shares_source(&partner.file.text));
    }

    #[test]
    fn toml_front_matter_is_shown_as_the_yaml_to_write() {
        let (message, help) = missing_front_matter(
            "+++\ntitle = \"Protective orders\"\ndraft = false\n+++\n\nText.\n",
        );
        assert!(message.contains("TOML"), "{message}");
        assert!(
            help.ends_with(
                "\n      ---\n      title: \"Protective orders\"\n      draft: false\n      ---"
            ),
            "{help}"
        );
    }

    #[test]
    fn a_guide_without_front_matter_is_offered_its_first_heading_as_title() {
        let (_, help) = missing_front_matter("# Safety at work\n\nText.\n");
        assert!(
            help.ends_with("---\n      title: Safety at work\n      ---"),
            "{help}"
        );
        let (message, _) = missing_front_matter("---\ntitle: Open\n\nText.\n");
        assert!(message.contains("no closing --- line"), "{message}");
        let (message, help) = missing_front_matter("\n\n---\ntitle: Late\n---\nText.\n");
        assert!(
            message.contains("does not start on the first line"),
            "{message}"
        );
        assert_eq!(help, "delete the 2 empty line(s) above the first ---");
    }

    #[test]
    fn front_matter_is_split_from_body_with_line_offset() {
        let (front, body, offset) = split_front_matter("---\ntitle: A\n---\n# Body\n").unwrap();
        assert_eq!(front, "title: A\n");
        assert_eq!(body, "# Body\n");
        assert_eq!(offset, 3);
    }

    #[test]
    fn missing_closing_fence_is_no_front_matter() {
        assert!(split_front_matter("---\ntitle: A\n# Body\n").is_none());
    }
}
