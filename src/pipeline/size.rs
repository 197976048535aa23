//! How big a written site is, against what its host will publish. A site
//! over a host's limit is not published at all, and visitors keep seeing
//! the last version that was: a closed shelter stays listed. So a build
//! says so while there is still room.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;

use flate2::write::DeflateEncoder;
use flate2::Compression;
use rayon::prelude::*;

use crate::diagnostics::{rules, Diagnostic};
use crate::pipeline::export::HSDS_FOLDER;
use crate::pipeline::write::Weights;

/// GitLab.com Pages publishes sites of at most 1 GB, counted as the
/// files' own bytes: the limit `haven build` and `haven check` weigh a
/// site against.
pub const PAGES_BYTES: u64 = 1_000_000_000;

/// GitHub Pages' deployment step weighs the upload instead: the site as
/// one tar archive, zipped, against 1 GiB (past it, it warns that the
/// deployment might fail). A haven site zips to about a seventh.
pub const GITHUB_UPLOAD_BYTES: u64 = 1 << 30;

/// A build warns from this share of the limit on (9 tenths): at 10,000
/// partners a bilingual hub grows about 100 KB a partner.
const WARN_FROM_TENTHS: u64 = 9;

/// The site is zipped a block of this many bytes at a time, each block
/// on its own: so little is lost at a block's start that it does not
/// show in the estimate.
const BLOCK_BYTES: u64 = 1 << 20;

/// At most this many blocks are zipped, evenly spaced through the site
/// (64 MB, about 0.2 seconds on two cores); the rest are taken to zip
/// alike.
const SAMPLED_BLOCKS: u64 = 64;

/// What each file and folder adds as an entry of the tar archive, zipped:
/// 7.7 MB for the 74,133 entries of a 10,000-partner hub, measured with
/// `tar -c | gzip -6` against its files alone.
const ZIPPED_TAR_ENTRY: u64 = 104;

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
/// tenth of `limit`, or passes it. Only then is `zipped` asked what the
/// site weighs as GitHub Pages counts it (`None` when that is not
/// known). The warning says how much of the site the Open Referral
/// export is: the one part a hub can leave out without losing a page.
pub fn near_limit(
    site: &Weights,
    limit: u64,
    zipped: impl FnOnce() -> Option<u64>,
) -> Option<Diagnostic> {
    let (bytes, files) = (site.bytes(), site.files());
    if bytes.saturating_mul(10) < limit.saturating_mul(WARN_FROM_TENTHS) {
        return None;
    }
    let size = readable(bytes);
    let limit_size = readable(limit);
    let gitlab = if bytes > limit {
        format!(
            "the site is {size} in {files} files, more than the {limit_size} GitLab.com Pages publishes: a deployment there fails, and visitors keep seeing the last version that was published"
        )
    } else {
        format!(
            "the site is {size} in {files} files, near the {limit_size} GitLab.com Pages publishes: past it, a deployment there fails, and visitors keep seeing the last version that was published"
        )
    };
    let message = format!("{gitlab}. {}", github_upload(zipped()));
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

/// What a warning says of GitHub Pages, which weighs the upload zipped.
fn github_upload(zipped: Option<u64>) -> String {
    match zipped {
        None => "GitHub Pages weighs the upload zipped instead, against 1 GB: `haven build` gives this site's zipped size".to_string(),
        Some(bytes) if bytes.saturating_mul(10) < GITHUB_UPLOAD_BYTES.saturating_mul(WARN_FROM_TENTHS) => format!(
            "GitHub Pages weighs the upload zipped instead, about {} here, under its 1 GB",
            readable(bytes)
        ),
        Some(bytes) => format!(
            "GitHub Pages weighs the upload zipped, about {} here: past 1 GB its deployment step warns that the deployment might fail",
            readable(bytes)
        ),
    }
}

/// About what the site in `folder` weighs zipped, as GitHub Pages'
/// upload step sends it: a tar archive of the files, deflated at zlib's
/// default level. The files are taken one after another in path order and
/// zipped in [`BLOCK_BYTES`] blocks, every block of a small site and
/// [`SAMPLED_BLOCKS`] evenly spaced ones of a large one, in parallel.
pub fn zipped(folder: &Path, site: &Weights) -> io::Result<u64> {
    let files = site.listing();
    let sample = zip_sample(folder, &files, BLOCK_BYTES, SAMPLED_BLOCKS)?;
    Ok(sample.estimate() + ZIPPED_TAR_ENTRY * tar_entries(&files))
}

/// Some of a site's bytes, zipped.
struct Sample {
    /// The bytes of all the files.
    total: u64,
    /// The bytes zipped.
    read: u64,
    /// What they zipped to.
    zipped: u64,
}

impl Sample {
    /// What all the bytes would zip to, if they zip as the sample did.
    fn estimate(&self) -> u64 {
        if self.read == 0 {
            return 0;
        }
        (self.zipped as f64 * self.total as f64 / self.read as f64).round() as u64
    }
}

/// Zips `files` (paths under `folder`, with their bytes), taken one
/// after another, in blocks of `block_bytes`: every block, or
/// `most_blocks` of them evenly spaced.
fn zip_sample(
    folder: &Path,
    files: &[(String, u64)],
    block_bytes: u64,
    most_blocks: u64,
) -> io::Result<Sample> {
    let mut starts = Vec::with_capacity(files.len() + 1);
    let mut total = 0;
    for (_, bytes) in files {
        starts.push(total);
        total += bytes;
    }
    starts.push(total);
    let blocks = total.div_ceil(block_bytes);
    let every = blocks.div_ceil(most_blocks.max(1)).max(1);
    let zip_block = |block: u64| -> io::Result<(u64, u64)> {
        let (from, to) = (block * block_bytes, ((block + 1) * block_bytes).min(total));
        let mut deflate = DeflateEncoder::new(Counter::default(), Compression::default());
        let mut read = 0;
        let first = starts
            .partition_point(|&start| start <= from)
            .saturating_sub(1);
        for (index, (path, _)) in files.iter().enumerate().skip(first) {
            let (start, end) = (starts[index], starts[index + 1]);
            if start >= to {
                break;
            }
            let wanted = to.min(end).saturating_sub(from.max(start));
            if wanted == 0 {
                continue;
            }
            let mut file = File::open(folder.join(path))?;
            file.seek(SeekFrom::Start(from.saturating_sub(start)))?;
            read += io::copy(&mut file.take(wanted), &mut deflate)?;
        }
        Ok((read, deflate.finish()?.bytes))
    };
    let zipped: Vec<(u64, u64)> = (0..blocks)
        .step_by(usize::try_from(every).unwrap_or(usize::MAX))
        .collect::<Vec<u64>>()
        .into_par_iter()
        .map(zip_block)
        .collect::<io::Result<_>>()?;
    Ok(Sample {
        total,
        read: zipped.iter().map(|(read, _)| read).sum(),
        zipped: zipped.iter().map(|(_, zipped)| zipped).sum(),
    })
}

/// The files and folders a tar archive of the site holds.
fn tar_entries(files: &[(String, u64)]) -> u64 {
    let mut folders = std::collections::HashSet::new();
    for (path, _) in files {
        let mut rest = path.as_str();
        while let Some((parent, _)) = rest.rsplit_once('/') {
            if !folders.insert(parent) {
                break;
            }
            rest = parent;
        }
    }
    (files.len() + folders.len()) as u64
}

/// A writer that keeps only the count of bytes written to it.
#[derive(Default)]
struct Counter {
    bytes: u64,
}

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
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
        assert!(near_limit(&site(800, 99), 1000, || None).is_none());
    }

    #[test]
    fn a_site_within_a_tenth_of_the_limit_is_warned_about_with_its_export() {
        let warning = near_limit(&site(800, 100), 1000, || None).expect("a warning");
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
        let warning = near_limit(&site(1000, 1), 1000, || None).expect("a warning");
        assert!(
            warning.message.contains("more than the"),
            "{}",
            warning.message
        );
        assert!(warning.message.contains("deployment there fails"));
    }

    #[test]
    fn a_site_without_the_export_is_pointed_to_another_host() {
        let warning = near_limit(&site(1000, 0), 1000, || None).expect("a warning");
        let help = warning.help.expect("help");
        assert!(!help.contains("hsds.export"), "{help}");
    }

    #[test]
    fn a_warning_says_what_github_pages_weighs_zipped_when_it_is_known() {
        let warning = near_limit(&site(1000, 0), 1000, || Some(140)).expect("a warning");
        assert!(
            warning.message.contains("GitLab.com Pages publishes")
                && warning
                    .message
                    .contains("GitHub Pages weighs the upload zipped instead, about 0.1 KB here, under its 1 GB"),
            "{}",
            warning.message
        );
    }

    #[test]
    fn a_warning_says_when_the_zipped_upload_nears_github_pages_limit() {
        let warning =
            near_limit(&site(1000, 0), 1000, || Some(GITHUB_UPLOAD_BYTES - 1)).expect("a warning");
        assert!(
            warning.message.contains("about 1073.7 MB here: past 1 GB its deployment step warns that the deployment might fail"),
            "{}",
            warning.message
        );
    }

    #[test]
    fn a_warning_without_the_zipped_size_says_where_to_find_it() {
        let warning = near_limit(&site(1000, 0), 1000, || None).expect("a warning");
        assert!(
            warning
                .message
                .contains("`haven build` gives this site's zipped size"),
            "{}",
            warning.message
        );
    }

    #[test]
    fn the_zipped_size_is_not_asked_for_far_from_the_limit() {
        let asked = std::cell::Cell::new(false);
        let warning = near_limit(&site(100, 0), 1000, || {
            asked.set(true);
            None
        });
        assert!(warning.is_none() && !asked.get());
    }

    /// A folder of files like a site's: pages that share their markup.
    fn written(files: &[(&str, usize)]) -> (tempfile::TempDir, Vec<(String, u64)>) {
        let folder = tempfile::tempdir().expect("tempdir");
        let mut listed = Vec::new();
        for (index, (path, bytes)) in files.iter().enumerate() {
            let text: String = (0..)
                .map(|line| {
                    format!("<li><a href=../p{index}-{line}/>Partner {line} of {index}</a>\n")
                })
                .flat_map(|line| line.into_bytes())
                .take(*bytes)
                .map(char::from)
                .collect();
            let target = folder.path().join(path);
            std::fs::create_dir_all(target.parent().expect("a parent")).expect("folder");
            std::fs::write(&target, text).expect("written");
            listed.push((path.to_string(), *bytes as u64));
        }
        (folder, listed)
    }

    #[test]
    fn every_byte_is_zipped_once_and_in_order_when_every_block_is() {
        // Text that zips to little, and text that does not: a block that
        // read the wrong part of a file would zip to another size.
        let mut seed = 7u32;
        let noise: Vec<u8> = (0..100)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                b'a' + (seed >> 16) as u8 % 26
            })
            .collect();
        let contents: [(&str, Vec<u8>); 4] = [
            ("a/quiet.html", vec![b'q'; 120]),
            ("a/empty.html", Vec::new()),
            ("b.json", [noise.clone(), vec![b'b'; 100]].concat()),
            ("c.csv", noise),
        ];
        let folder = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(folder.path().join("a")).expect("folder");
        for (path, bytes) in &contents {
            std::fs::write(folder.path().join(path), bytes).expect("written");
        }
        let files: Vec<(String, u64)> = contents
            .iter()
            .map(|(path, bytes)| (path.to_string(), bytes.len() as u64))
            .collect();
        let sample = zip_sample(folder.path(), &files, 90, u64::MAX).expect("zipped");
        assert_eq!((sample.total, sample.read), (420, 420));
        let joined: Vec<u8> = contents
            .iter()
            .flat_map(|(_, bytes)| bytes.clone())
            .collect();
        let blocks: u64 = joined
            .chunks(90)
            .map(|block| {
                let mut deflate = DeflateEncoder::new(Counter::default(), Compression::default());
                deflate.write_all(block).expect("deflated");
                deflate.finish().expect("finished").bytes
            })
            .sum();
        assert_eq!(sample.zipped, blocks);
    }

    #[test]
    fn a_sample_of_blocks_zips_about_as_the_whole_does() {
        let pages: Vec<(String, usize)> = (0..40)
            .map(|page| (format!("partners/p{page}/index.html"), 3000 + page * 37))
            .collect();
        let pages: Vec<(&str, usize)> = pages.iter().map(|(p, b)| (p.as_str(), *b)).collect();
        let (folder, files) = written(&pages);
        let whole = zip_sample(folder.path(), &files, 1024, u64::MAX).expect("zipped");
        let sampled = zip_sample(folder.path(), &files, 1024, 12).expect("zipped");
        assert!(
            sampled.read < whole.read / 4,
            "{} of {}",
            sampled.read,
            whole.read
        );
        let (whole, sampled) = (whole.estimate() as f64, sampled.estimate() as f64);
        assert!(
            (whole - sampled).abs() < whole / 10.0,
            "{sampled} against {whole}"
        );
    }

    #[test]
    fn a_tar_archive_holds_each_folder_once() {
        let files: Vec<(String, u64)> = ["a/b/c.html", "a/b/d.html", "a/e.html", "f.html"]
            .iter()
            .map(|path| (path.to_string(), 1))
            .collect();
        assert_eq!(tar_entries(&files), 6);
    }

    #[test]
    fn sizes_read_in_decimal_units() {
        assert_eq!(readable(983_045_123), "983.0 MB");
        assert_eq!(readable(1_000_000_000), "1 GB");
        assert_eq!(readable(12_512), "12.5 KB");
    }
}
