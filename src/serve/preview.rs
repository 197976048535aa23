//! The folder `haven serve` builds its preview into when no `--output` is
//! given: new for every run, in the system's temporary folder, open to
//! this user only, and never reached through a link another user planted
//! (creating a folder fails where any file or link already is).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

const PREFIX: &str = "haven-serve-";

/// Creates `haven-serve-<pid>-<n>` in `temporary`, readable by this user
/// only.
pub fn create(temporary: &Path) -> io::Result<PathBuf> {
    let pid = std::process::id();
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.subsec_nanos());
    for attempt in 0..100u32 {
        let folder = temporary.join(format!("{PREFIX}{pid}-{:x}", nanos.wrapping_add(attempt)));
        match private_folder(&folder) {
            Ok(()) => return Ok(folder),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "every preview folder name tried is taken",
    ))
}

#[cfg(unix)]
fn private_folder(folder: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new().mode(0o700).create(folder)
}

#[cfg(not(unix))]
fn private_folder(folder: &Path) -> io::Result<()> {
    fs::create_dir(folder)
}

/// Removes the preview folders of runs whose process has ended: real
/// folders (never links) owned by this user.
pub fn remove_ended(temporary: &Path) {
    let Ok(entries) = fs::read_dir(temporary) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(pid) = name
            .to_string_lossy()
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let ours = fs::symlink_metadata(entry.path())
            .is_ok_and(|metadata| metadata.is_dir() && owned_by_this_user(&metadata));
        if ours && !crate::pipeline::write::process_is_running(pid) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(unix)]
fn owned_by_this_user(metadata: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    metadata.uid() == current_uid()
}

#[cfg(unix)]
fn current_uid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    // /proc/self belongs to the process's user; without /proc nothing
    // counts as this user's, and nothing is removed.
    fs::metadata("/proc/self")
        .map(|m| m.uid())
        .unwrap_or(u32::MAX)
}

#[cfg(not(unix))]
fn owned_by_this_user(_: &fs::Metadata) -> bool {
    true
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{symlink, PermissionsExt};

    #[test]
    fn a_preview_folder_is_new_and_private() {
        let temporary = tempfile::tempdir().unwrap();
        let folder = create(temporary.path()).unwrap();
        let mode = fs::metadata(&folder).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        assert_ne!(create(temporary.path()).unwrap(), folder);
    }

    #[test]
    fn folders_of_ended_runs_are_removed_and_links_left_alone() {
        let temporary = tempfile::tempdir().unwrap();
        let ended = temporary.path().join(format!("{PREFIX}4999999-1"));
        fs::create_dir(&ended).unwrap();
        let target = tempfile::tempdir().unwrap();
        fs::write(target.path().join("keep"), "x").unwrap();
        let link = temporary.path().join(format!("{PREFIX}4999998-1"));
        symlink(target.path(), &link).unwrap();
        let running = create(temporary.path()).unwrap();
        remove_ended(temporary.path());
        assert!(!ended.exists());
        assert!(target.path().join("keep").exists());
        assert!(running.exists());
    }
}
