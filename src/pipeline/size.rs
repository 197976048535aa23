//! How big a written site is, against what its host will publish. A site
//! over a host's limit is not published at all, and visitors keep seeing
//! the last version that was: a closed shelter stays listed. So a build
//! says so while there is still room.

use crate::diagnostics::{rules, Diagnostic};
use crate::pipeline::export::HSDS_FOLDER;
use crate::pipeline::write::Weights;

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

/// [`rules::LARGE_SITE`] when a site that weighs `site` comes within a
/// tenth of `limit`, or passes it. The warning says how much of it the
/// Open Referral export is: the one part a hub can leave out without
/// losing a page.
pub fn near_limit(site: &Weights, limit: u64) -> Option<Diagnostic> {
    let (bytes, files) = (site.bytes(), site.files());
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
    let export = site.bytes_under(HSDS_FOLDER);
    let help = if export > 0 {
        format!(
            "`hsds.export: false` in hub.yaml leaves out the Open Referral export ({} of the site, which would then be {}; /data/partners.csv and .json stay), or publish on a host without the limit; see \"How big the site gets\" in haven's docs/deploy.md",
            readable(export),
            readable(bytes.saturating_sub(export))
        )
    } else {
        "publish on a host without the limit, such as a storage bucket; see \"How big the site gets\" in haven's docs/deploy.md".to_string()
    };
    Some(Diagnostic::new(rules::LARGE_SITE, "hub.yaml", message).help(help))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::output::OutputFile;
    use crate::pipeline::write::Sink;

    /// A site of one page of `page` bytes and an HSDS file of `export`.
    fn site(page: usize, export: usize) -> Weights {
        let weights = Weights::default();
        for (path, bytes) in [("index.html", page), ("data/hsds/services.json", export)] {
            let file = OutputFile {
                path: path.to_string(),
                contents: vec![b' '; bytes],
            };
            weights.put(file).expect("weighed");
        }
        weights
    }

    #[test]
    fn a_site_under_nine_tenths_of_the_limit_is_not_warned_about() {
        assert!(near_limit(&site(800, 99), 1000).is_none());
    }

    #[test]
    fn a_site_within_a_tenth_of_the_limit_is_warned_about_with_its_export() {
        let warning = near_limit(&site(800, 100), 1000).expect("a warning");
        assert_eq!(warning.code, rules::LARGE_SITE.code);
        assert!(
            warning.message.contains("0.9 KB in 2 files, near the"),
            "{}",
            warning.message
        );
        let help = warning.help.expect("help");
        assert!(
            help.contains("export (0.1 KB of the site, which would then be 0.8 KB"),
            "{help}"
        );
    }

    #[test]
    fn a_site_over_the_limit_is_told_its_deployment_fails() {
        let warning = near_limit(&site(1000, 1), 1000).expect("a warning");
        assert!(
            warning.message.contains("more than the"),
            "{}",
            warning.message
        );
        assert!(warning.message.contains("deployment there fails"));
    }

    #[test]
    fn a_site_without_the_export_is_pointed_to_another_host() {
        let warning = near_limit(&site(1000, 0), 1000).expect("a warning");
        let help = warning.help.expect("help");
        assert!(!help.contains("hsds.export"), "{help}");
    }

    #[test]
    fn sizes_read_in_decimal_units() {
        assert_eq!(readable(983_045_123), "983.0 MB");
        assert_eq!(readable(1_000_000_000), "1 GB");
        assert_eq!(readable(12_512), "12.5 KB");
    }
}
