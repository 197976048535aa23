//! Which files of a hub haven may read. A pull request can add symbolic
//! links as easily as files, so a link is followed only when it leads to
//! another file of the hub that could be published anyway: never outside
//! the hub, never from a public folder into `private/`, never into a
//! hidden file or folder (`.git`, `.env`). Everything that reads a hub
//! file goes through [`link_problem`] or [`read_hub_file`].

use crate::diagnostics::rules;
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// The link on the way from `root` to `path` (relative to `root`) that
/// must not be followed, with the reason, reported as E008 at the link.
pub fn link_problem(root: &Path, path: &Path) -> Option<Diagnostic> {
    let mut walked = PathBuf::new();
    for component in path.components() {
        walked.push(component);
        let metadata = fs::symlink_metadata(root.join(&walked)).ok()?;
        if metadata.file_type().is_symlink() {
            if let Some(reason) = refused_link(root, &walked) {
                return Some(
                    Diagnostic::new(
                        rules::LINK_OUT_OF_HUB,
                        &walked,
                        format!("symbolic link is not followed: {reason}"),
                    )
                    .help("replace the link with the file itself (a copy), or delete it; haven never reads files outside the hub, in private/ or in hidden folders through a link"),
                );
            }
        }
    }
    None
}

/// Why the link at `link` (relative to `root`) may not be followed.
fn refused_link(root: &Path, link: &Path) -> Option<&'static str> {
    let Ok(target) = fs::canonicalize(root.join(link)) else {
        return Some("it points to nothing");
    };
    let Ok(hub) = fs::canonicalize(root) else {
        return Some("the hub folder cannot be resolved");
    };
    let Ok(inside) = target.strip_prefix(&hub) else {
        return Some("it leads outside the hub");
    };
    let hidden = inside.components().any(|component| match component {
        Component::Normal(name) => name.to_string_lossy().starts_with('.'),
        _ => false,
    });
    if hidden {
        return Some("it leads to a hidden file or folder (such as .git or .env)");
    }
    let into_private = inside.starts_with("private") && !link.starts_with("private");
    if into_private {
        return Some("it leads into private/, whose files are never published");
    }
    None
}

/// The text of a hub file, unless it cannot be read or a link on the way
/// to it must not be followed: for excerpts in reports.
pub fn read_hub_file(root: &Path, path: &Path) -> Option<String> {
    if path.is_absolute() || link_problem(root, path).is_some() {
        return None;
    }
    fs::read_to_string(root.join(path)).ok()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn code_for(root: &Path, path: &str) -> Option<String> {
        link_problem(root, Path::new(path)).map(|d| d.message)
    }

    #[test]
    fn plain_files_have_no_link_problem() {
        let hub = tempfile::tempdir().unwrap();
        fs::create_dir(hub.path().join("partners")).unwrap();
        fs::write(hub.path().join("partners/a.yaml"), "id: a").unwrap();
        assert_eq!(code_for(hub.path(), "partners/a.yaml"), None);
        assert_eq!(code_for(hub.path(), "partners/missing.yaml"), None);
    }

    #[test]
    fn a_link_to_another_public_file_of_the_hub_is_followed() {
        let hub = tempfile::tempdir().unwrap();
        fs::create_dir(hub.path().join("guides")).unwrap();
        fs::write(hub.path().join("guides/a.md"), "x").unwrap();
        symlink("a.md", hub.path().join("guides/b.md")).unwrap();
        assert_eq!(code_for(hub.path(), "guides/b.md"), None);
    }

    #[test]
    fn links_out_of_the_hub_into_private_or_hidden_folders_are_refused() {
        let hub = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::create_dir(hub.path().join("private")).unwrap();
        fs::create_dir(hub.path().join(".git")).unwrap();
        symlink(outside.path(), hub.path().join("static")).unwrap();
        symlink("private", hub.path().join("templates")).unwrap();
        symlink(".git", hub.path().join("i18n")).unwrap();
        symlink("nowhere", hub.path().join("guides")).unwrap();
        for (link, reason) in [
            ("static/x.txt", "outside the hub"),
            ("templates/x.html", "into private/"),
            ("i18n/es.yaml", "hidden"),
            ("guides/a.md", "points to nothing"),
        ] {
            let message = code_for(hub.path(), link).unwrap_or_default();
            assert!(message.contains(reason), "{link}: {message}");
        }
    }
}
