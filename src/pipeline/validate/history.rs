//! Rule E023: a partner id that existed in an earlier commit must not
//! silently disappear. Ids are permanent (page URLs, HSDS UUIDs); a rename
//! keeps the old id in the new record's `previous_ids`. Read with
//! `git ls-tree`, so it works on any CI runner that has the base branch.

use crate::diagnostics::rules;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::diagnostics::Diagnostic;
use crate::pipeline::load::Hub;

/// The partner ids in `partners/` at git revision `since`, relative to the
/// hub at `root`.
fn ids_at(root: &Path, since: &str) -> Result<BTreeSet<String>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["ls-tree", "--name-only", since, "--", "partners/"])
        .output()
        .map_err(|error| format!("could not run git: {error}"))?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr);
        return Err(format!("git could not read {since}: {}", message.trim()));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            line.strip_prefix("partners/")?
                .strip_suffix(".yaml")
                .map(str::to_string)
        })
        .collect())
}

/// E023 for every id of `since` that no record has now, neither as its id
/// nor among its `previous_ids`.
pub fn vanished_ids(hub: &Hub, since: &str) -> Result<Vec<Diagnostic>, String> {
    let before = ids_at(&hub.root, since)?;
    let now: BTreeSet<&str> = hub
        .partners
        .iter()
        .flat_map(|p| std::iter::once(&p.record.id).chain(&p.record.previous_ids))
        .map(String::as_str)
        .chain(hub.unreadable_partners.iter().map(String::as_str))
        .collect();
    Ok(before
        .iter()
        .filter(|id| !now.contains(id.as_str()))
        .map(|id| {
            Diagnostic::new(rules::ID_DISAPPEARED, PathBuf::from(format!("partners/{id}.yaml")), format!(
                "partner \"{id}\" existed in {since} but no record has that id now; its page address and HSDS ids would change"
            ))
            .help(format!(
                "if you renamed it, add previous_ids: [{id}] to the renamed record; if the partner left, keep the file with status: inactive or published: false"
            ))
        })
        .collect())
}
