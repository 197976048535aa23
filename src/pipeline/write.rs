//! Stage 6: put the site on disk atomically. Everything is written to a
//! temporary directory next to the output, which replaces the output only
//! when every file is in place: a failed build leaves the previous site
//! untouched.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use crate::pipeline::load::StaticFile;
use crate::pipeline::output::OutputFile;

#[derive(Debug)]
pub enum WriteError {
    /// The output directory is one haven must never replace.
    UnsafeOutput {
        output: PathBuf,
        reason: &'static str,
    },
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::UnsafeOutput { output, reason } => {
                write!(f, "refusing to write to {}: {reason}", output.display())
            }
            WriteError::Io { path, error } => write!(f, "{}: {error}", path.display()),
        }
    }
}

impl std::error::Error for WriteError {}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// The file that marks a folder as a site haven wrote, which a later
/// build may replace.
pub const MARKER: &str = ".haven-site";
const MARKER_TEXT: &str = "This folder was written by haven, which replaces it on every build.\nDo not keep anything else here.\n";

/// The folders of a hub that hold its sources: never an output.
const HUB_FOLDERS: &[&str] = &[
    "partners",
    "private",
    "guides",
    "static",
    "templates",
    "i18n",
    "schema",
    ".git",
];

/// Refuses outputs whose replacement would delete anything but a site
/// haven wrote: the hub or a folder of it, a git repository, or any folder
/// that is neither empty nor marked as haven's (see [`MARKER`]).
pub fn check_output(output: &Path, hub_root: &Path) -> Result<PathBuf, WriteError> {
    let absolute = absolute(output)?;
    let root = absolute_existing(hub_root)?;
    let unsafe_output = |reason| WriteError::UnsafeOutput {
        output: output.to_path_buf(),
        reason,
    };
    if absolute.parent().is_none() {
        return Err(unsafe_output("it is the file system root"));
    }
    if root.starts_with(&absolute) {
        return Err(unsafe_output(
            "it contains the hub itself; choose a folder such as public/",
        ));
    }
    if HUB_FOLDERS
        .iter()
        .any(|folder| absolute.starts_with(root.join(folder)))
    {
        return Err(unsafe_output(
            "it is one of the hub's own folders; choose a folder such as public/",
        ));
    }
    if !absolute.exists() {
        return Ok(absolute);
    }
    if !absolute.is_dir() {
        return Err(unsafe_output("it exists and is not a folder"));
    }
    if absolute.join(".git").exists() {
        return Err(unsafe_output(
            "it is a git repository, which a build would delete; build into another folder and copy the site into the repository",
        ));
    }
    if !is_empty(&absolute)? && !is_haven_site(&absolute) {
        return Err(unsafe_output(
            "it holds files haven did not write, which a build would delete; choose a new or empty folder, or empty this one first",
        ));
    }
    Ok(absolute)
}

fn is_empty(folder: &Path) -> Result<bool, WriteError> {
    Ok(fs::read_dir(folder)
        .map_err(io_error(folder))?
        .next()
        .is_none())
}

/// A folder haven wrote: it holds the marker, or (from versions before the
/// marker) the home page and haven's quick-exit script.
fn is_haven_site(folder: &Path) -> bool {
    if folder.join(MARKER).is_file() {
        return true;
    }
    let has_quick_exit = fs::read_dir(folder.join("assets")).is_ok_and(|entries| {
        entries.filter_map(Result::ok).any(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.starts_with("quick-exit.") && name.ends_with(".js")
        })
    });
    has_quick_exit && folder.join("index.html").is_file()
}

/// Writes the whole site at once: [`Staging`] for files already in memory.
pub fn write(
    output: &Path,
    files: &[OutputFile],
    static_files: &[StaticFile],
) -> Result<(), WriteError> {
    let staging = Staging::new(output, static_files)?;
    files.par_iter().try_for_each(|file| staging.put(file))?;
    staging.commit()
}

/// A site being written: a hidden folder next to the output that takes
/// files as they come (from several threads) and replaces the output only
/// when committed. Dropped without a commit, it removes itself, and the
/// previous site stays as it was.
pub struct Staging {
    folder: PathBuf,
    output: PathBuf,
    retired: PathBuf,
    committed: bool,
    weights: Weights,
}

/// Where the files of a build go: the staging folder, or nowhere for
/// `haven check`, which renders every page only to scan it.
pub trait Sink: Sync {
    /// Writes one whole file.
    fn put(&self, file: OutputFile) -> Result<(), WriteError>;
    /// Adds to the end of a file written a piece at a time.
    fn append(&self, file: &OutputFile) -> Result<(), WriteError>;
}

/// What a site weighs, file by file, as a host counts it: kept by
/// [`Staging`] as it writes, and a sink of its own for `haven check`,
/// which keeps no file but weighs the site a build would write.
#[derive(Default)]
pub struct Weights {
    sizes: Mutex<HashMap<String, u64>>,
}

impl Weights {
    /// The files of the site.
    pub fn files(&self) -> usize {
        self.sizes().len()
    }

    /// The bytes of all its files.
    pub fn bytes(&self) -> u64 {
        self.sizes().values().sum()
    }

    /// The bytes of the files in `folder` (a site path such as
    /// `data/hsds`) and below.
    pub fn bytes_under(&self, folder: &str) -> u64 {
        let prefix = format!("{}/", folder.trim_end_matches('/'));
        self.sizes()
            .iter()
            .filter(|(path, _)| path.starts_with(&prefix))
            .map(|(_, bytes)| bytes)
            .sum()
    }

    /// Each file's site path and bytes, in path order.
    pub fn listing(&self) -> Vec<(String, u64)> {
        let mut files: Vec<(String, u64)> = self
            .sizes()
            .iter()
            .map(|(path, bytes)| (path.clone(), *bytes))
            .collect();
        files.sort_unstable();
        files
    }

    /// Adds what a staging folder holds before any generated file:
    /// haven's marker and the hub's static files (a generated file of the
    /// same name, weighed already, wins).
    pub fn weigh_static(&self, static_files: &[StaticFile]) {
        let mut sizes = self.sizes();
        sizes.insert(MARKER.to_string(), MARKER_TEXT.len() as u64);
        for file in static_files {
            let bytes = fs::metadata(&file.source).map_or(0, |m| m.len());
            sizes.entry(file.output_path.clone()).or_insert(bytes);
        }
    }

    fn set(&self, path: &str, bytes: u64) {
        self.sizes().insert(path.to_string(), bytes);
    }

    fn add(&self, path: &str, bytes: u64) {
        *self.sizes().entry(path.to_string()).or_default() += bytes;
    }

    fn sizes(&self) -> std::sync::MutexGuard<'_, HashMap<String, u64>> {
        self.sizes.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Sink for Weights {
    fn put(&self, file: OutputFile) -> Result<(), WriteError> {
        self.set(&file.path, file.contents.len() as u64);
        Ok(())
    }

    fn append(&self, file: &OutputFile) -> Result<(), WriteError> {
        self.add(&file.path, file.contents.len() as u64);
        Ok(())
    }
}

/// A sink that keeps every file in memory: `haven serve` compares them
/// with the preview folder and writes only those that changed.
#[derive(Default)]
pub struct Collect {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl Collect {
    /// The files taken, by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        self.files
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
            .into_iter()
            .map(|(path, contents)| OutputFile { path, contents })
            .collect()
    }

    fn files(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Vec<u8>>> {
        self.files.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Sink for Collect {
    fn put(&self, file: OutputFile) -> Result<(), WriteError> {
        self.files().insert(file.path, file.contents);
        Ok(())
    }

    fn append(&self, file: &OutputFile) -> Result<(), WriteError> {
        self.files()
            .entry(file.path.clone())
            .or_default()
            .extend_from_slice(&file.contents);
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> Result<(), WriteError> {
        Staging::put(self, &file)
    }

    fn append(&self, file: &OutputFile) -> Result<(), WriteError> {
        Staging::append(self, file)
    }
}

impl Staging {
    /// An empty staging folder for `output`, holding the static files.
    pub fn new(output: &Path, static_files: &[StaticFile]) -> Result<Self, WriteError> {
        let parent = output.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(io_error(parent))?;
        let name = output
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let staging = Staging {
            folder: parent.join(format!(".{name}.haven-new-{}", std::process::id())),
            output: output.to_path_buf(),
            retired: parent.join(format!(".{name}.haven-old-{}", std::process::id())),
            committed: false,
            weights: Weights::default(),
        };
        remove_stale_staging(parent, &name);
        if staging.folder.exists() {
            fs::remove_dir_all(&staging.folder).map_err(io_error(&staging.folder))?;
        }
        fs::create_dir_all(&staging.folder).map_err(io_error(&staging.folder))?;
        let marker = staging.folder.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(io_error(&marker))?;
        // Static files first, so a generated file of the same name wins.
        for file in static_files {
            let target = staging.folder.join(&file.output_path);
            if let Some(dir) = target.parent() {
                fs::create_dir_all(dir).map_err(io_error(dir))?;
            }
            fs::copy(&file.source, &target).map_err(io_error(&file.source))?;
        }
        staging.weights.weigh_static(static_files);
        Ok(staging)
    }

    /// Writes one file, creating its folder the first time it is needed.
    pub fn put(&self, file: &OutputFile) -> Result<(), WriteError> {
        self.weights.set(&file.path, file.contents.len() as u64);
        let target = self.folder.join(&file.path);
        match fs::write(&target, &file.contents) {
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                if let Some(dir) = target.parent() {
                    fs::create_dir_all(dir).map_err(io_error(dir))?;
                }
                fs::write(&target, &file.contents).map_err(io_error(&target))
            }
            result => result.map_err(io_error(&target)),
        }
    }

    /// Adds `file`'s contents to the end of the staged file at its path,
    /// creating it (and its folder) if need be: for files written a piece
    /// at a time (the open data).
    pub fn append(&self, file: &OutputFile) -> Result<(), WriteError> {
        use std::io::Write;
        self.weights.add(&file.path, file.contents.len() as u64);
        let target = self.folder.join(&file.path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(io_error(dir))?;
        }
        fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&target)
            .and_then(|mut opened| opened.write_all(&file.contents))
            .map_err(io_error(&target))
    }

    /// Where the files are written until [`Staging::commit`].
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// What the files written so far weigh.
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// Puts the written site in the output's place.
    pub fn commit(mut self) -> Result<(), WriteError> {
        swap(&self.folder, &self.output, &self.retired)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: the staging folder is ours and only ours.
            let _ = fs::remove_dir_all(&self.folder);
        }
    }
}

/// The files whose contents differ from what `output` holds (or that it
/// does not hold).
pub fn differing<'a>(output: &Path, files: &'a [OutputFile]) -> Vec<&'a OutputFile> {
    files
        .par_iter()
        .filter(|file| fs::read(output.join(&file.path)).map_or(true, |old| old != file.contents))
        .collect()
}

/// Brings an existing site up to date in place (`haven serve`): each file
/// is replaced atomically, so a page is never served half-written, and the
/// `removed` paths are deleted with any folders they leave empty.
pub fn update(
    output: &Path,
    files: &[&OutputFile],
    removed: &[String],
) -> Result<usize, WriteError> {
    let mut written = 0;
    for file in files {
        let target = output.join(&file.path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(io_error(dir))?;
        }
        let name = target
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let temporary = target.with_file_name(format!(".{name}.haven-new-{}", std::process::id()));
        fs::write(&temporary, &file.contents).map_err(io_error(&temporary))?;
        fs::rename(&temporary, &target).map_err(io_error(&target))?;
        written += 1;
    }
    for path in removed {
        let target = output.join(path);
        match fs::remove_file(&target) {
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(io_error(&target)(error)),
        }
        // Empty folders left behind go too (remove_dir fails on others).
        let mut dir = target.parent();
        while let Some(folder) = dir.filter(|d| *d != output) {
            if fs::remove_dir(folder).is_err() {
                break;
            }
            dir = folder.parent();
        }
    }
    Ok(written)
}

/// Removes the staging and retired folders of builds of `name` that were
/// killed before they could clean up (their process is gone).
fn remove_stale_staging(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let pid = [".haven-new-", ".haven-old-"].iter().find_map(|kind| {
            file_name
                .strip_prefix(&format!(".{name}{kind}"))
                .and_then(|pid| pid.parse::<u32>().ok())
        });
        if pid.is_some_and(|pid| !process_is_running(pid)) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether a process with this id runs now. Where that cannot be told
/// (no /proc), only this process counts as running, so a stale folder is
/// removed rather than left to pile up.
pub fn process_is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    proc.is_dir() && proc.join(pid.to_string()).exists()
}

fn swap(staging: &Path, output: &Path, retired: &Path) -> Result<(), WriteError> {
    if output.exists() {
        fs::rename(output, retired).map_err(io_error(output))?;
        if let Err(error) = fs::rename(staging, output) {
            // Put the previous site back before reporting.
            let _ = fs::rename(retired, output);
            return Err(WriteError::Io {
                path: output.to_path_buf(),
                error,
            });
        }
        fs::remove_dir_all(retired).map_err(io_error(retired))?;
    } else {
        fs::rename(staging, output).map_err(io_error(output))?;
    }
    Ok(())
}

fn absolute(path: &Path) -> Result<PathBuf, WriteError> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_err(io_error(path))?.join(path)
    };
    // Resolve `..` without requiring the path to exist.
    let mut clean = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::ParentDir => {
                clean.pop();
            }
            std::path::Component::CurDir => {}
            other => clean.push(other),
        }
    }
    // Resolve symlinks in the part that exists, so comparisons are real.
    match clean.canonicalize() {
        Ok(real) => Ok(real),
        Err(_) => match (clean.parent(), clean.file_name()) {
            (Some(parent), Some(name)) if parent.exists() => {
                Ok(parent.canonicalize().map_err(io_error(parent))?.join(name))
            }
            _ => Ok(clean),
        },
    }
}

fn absolute_existing(path: &Path) -> Result<PathBuf, WriteError> {
    path.canonicalize().map_err(io_error(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_the_hub_root_and_its_ancestors() {
        let hub = tempfile::tempdir().unwrap();
        assert!(check_output(hub.path(), hub.path()).is_err());
        assert!(check_output(hub.path().parent().unwrap(), hub.path()).is_err());
        assert!(check_output(Path::new("/"), hub.path()).is_err());
        assert!(check_output(&hub.path().join("public"), hub.path()).is_ok());
    }

    #[test]
    fn replaces_the_previous_output_only_when_complete() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        fs::create_dir_all(&output).unwrap();
        fs::write(output.join("old.html"), "old").unwrap();
        let files = vec![OutputFile {
            path: "a/index.html".into(),
            contents: b"new".to_vec(),
        }];
        write(&output, &files, &[]).unwrap();
        assert!(!output.join("old.html").exists());
        assert_eq!(
            fs::read_to_string(output.join("a/index.html")).unwrap(),
            "new"
        );
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "staging folders must be cleaned up");
    }
}
