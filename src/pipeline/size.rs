//! How big a written site is, against what its host will publish. A site
//! over a host's limit is not published at all, and visitors keep seeing
//! the last version that was: a closed shelter stays listed. So a build
//! says so while there is still room.

use std::fs;
use std::path::Path;

use crate::diagnostics::{rules, Diagnostic};

/// GitHub Pages and GitLab.com Pages publish sites of at most 1 GB: the
/// hosts `haven init`'s CI files publish to.
pub const PAGES_BYTES: u64 = 1_000_000_000;

/// A build warns from this share of the limit on (9 tenths): at 10,000
/// partners a bilingual hub grows about 100 KB a partner.
const WARN_FROM_TENTHS: u64 = 9;

/// A size as people read it: `983.0 MB`, `1 GB`, `12.5 KB` (decimal
/// units, as hosts state their limits).
pub fn readable(bytes: u64) -> String {
    if bytes > 0 && bytes % 1_000_000_000 == 0 {
        format!("{} GB", bytes / 1_000_000_000)
    } else if bytes < 1_000_000 {
        format!("{:.1} KB", bytes as f64 / 1e3)
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}

/// [`rules::LARGE_SITE`] when a site of `bytes` in `files` files comes within a tenth of
/// `limit`, or passes it. `output` is the written site: the warning says
/// how much of it the Open Referral export is, the one part a hub can
/// leave out without losing a page.
pub fn near_limit(bytes: u64, files: usize, limit: u64, output: &Path) -> Option<Diagnostic> {
    if bytes.saturating_mul(10) < limit.saturating_mul(WARN_FROM_TENTHS) {
        return None;
    }
    let size = readable(bytes);
    let limit_size = readable(limit);
    let message = if bytes > limit {
        format!(
            "the site is {size} in {files} files, more than the {limit_size} GitHub Pages and GitLab Pages publish: a deployment there fails, and visitors keep seeing the last version that was published"
        )
    } else {
        format!(
            "the site is {size} in {files} files, near the {limit_size} GitHub Pages and GitLab Pages publish: past it, a deployment there fails, and visitors keep seeing the last version that was published"
        )
    };
    let export = folder_bytes(&output.join("data").join("hsds"));
    let help = if export > 0 {
        format!(
            "`hsds.export: false` in hub.yaml leaves out the Open Referral export ({} of the site; /data/partners.csv and .json stay), or publish on a host without the limit; see \"How big the site gets\" in haven's docs/deploy.md",
            readable(export)
        )
    } else {
        "publish on a host without the limit, such as a storage bucket; see \"How big the site gets\" in haven's docs/deploy.md".to_string()
    };
    Some(Diagnostic::new(rules::LARGE_SITE, "hub.yaml", message).help(help))
}

/// The bytes of the files directly in `folder` (none when it is absent).
fn folder_bytes(folder: &Path) -> u64 {
    fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|entry| entry.metadata().ok())
                .filter(fs::Metadata::is_file)
                .map(|metadata| metadata.len())
                .sum()
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_under_nine_tenths_of_the_limit_is_not_warned_about() {
        assert!(near_limit(899, 10, 1000, Path::new("/nonexistent")).is_none());
    }

    #[test]
    fn a_site_within_a_tenth_of_the_limit_is_warned_about() {
        let warning = near_limit(900, 10, 1000, Path::new("/nonexistent")).expect("a warning");
        assert_eq!(warning.code, rules::LARGE_SITE.code);
        assert!(warning.message.contains("near the"), "{}", warning.message);
    }

    #[test]
    fn a_site_over_the_limit_is_told_its_deployment_fails() {
        let warning = near_limit(1001, 10, 1000, Path::new("/nonexistent")).expect("a warning");
        assert!(
            warning.message.contains("more than the"),
            "{}",
            warning.message
        );
        assert!(warning.message.contains("deployment there fails"));
    }

    #[test]
    fn sizes_read_in_decimal_units() {
        assert_eq!(readable(983_045_123), "983.0 MB");
        assert_eq!(readable(1_000_000_000), "1 GB");
        assert_eq!(readable(12_512), "12.5 KB");
    }
}
