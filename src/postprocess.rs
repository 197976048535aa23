//! Stage 5: finishing the rendered files. Site paths in links become
//! relative (so the site works under any base path and from file://), HTML
//! is minified, and the output is scanned for every internal value (rule
//! P030): a hit aborts the build before anything is written.

use std::path::PathBuf;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::markdown::escape;
use crate::model::PrivateValues;
use crate::render::OutputFile;

#[derive(Debug, Clone, Copy)]
pub struct LinkStyle<'a> {
    /// Directory links end in `index.html` (for file:// browsing).
    pub portable: bool,
    /// Path part of `base_url` ("/" or "/hub/"), for pages that hosts serve
    /// at arbitrary depths (404.html) where relative links cannot work.
    pub base_path: &'a str,
    /// Languages other than the default: their pages live under `/<lang>/`,
    /// and their links to pages stay in that language.
    pub other_languages: &'a [String],
}

/// Makes every page's links relative and minifies it when asked, pages
/// side by side.
pub fn finish(files: &mut [OutputFile], style: LinkStyle<'_>, minify: bool) {
    files
        .par_iter_mut()
        .filter(|file| file.path.ends_with(".html"))
        .for_each(|file| {
            let html = String::from_utf8_lossy(&file.contents);
            let linked = relativize(&html, &file.path, style);
            file.contents = if minify {
                minify_html(linked.as_bytes())
            } else {
                linked.into_bytes()
            };
        });
}

fn minify_html(html: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    // Keep the document valid HTML for the Nu checker and old browsers.
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_doctype = false;
    cfg.minify_css = true;
    let mut minified = minify_html::minify(html, &cfg);
    minified.shrink_to_fit();
    minified
}

/// Rewrites `href="/…"`, `src="/…"` and `action="/…"` from site paths to
/// paths relative to `page` (an output path such as `partners/x/index.html`).
pub fn relativize(html: &str, page: &str, style: LinkStyle<'_>) -> String {
    let depth = page.matches('/').count();
    let prefix = if page == "404.html" && !style.portable {
        style.base_path.to_string()
    } else {
        "../".repeat(depth)
    };
    let page_language = style.other_languages.iter().find(|language| {
        page.strip_prefix(language.as_str())
            .is_some_and(|rest| rest.starts_with('/'))
    });
    let mut output = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(found) = next_site_link(rest) {
        let (before, after_attribute) = rest.split_at(found);
        output.push_str(before);
        let quote_at = after_attribute.find('"').map_or(0, |i| i + 1);
        output.push_str(&after_attribute[..quote_at]);
        let value_and_rest = &after_attribute[quote_at..];
        let end = value_and_rest.find('"').unwrap_or(value_and_rest.len());
        let site_path = &value_and_rest[1..end];
        // A page of another language links to that language's pages,
        // except where the link names its language (the switcher).
        let tag_start = &before[before.rfind('<').unwrap_or(0)..];
        let tag_end = &value_and_rest[..value_and_rest.find('>').unwrap_or(value_and_rest.len())];
        let names_language = tag_start.contains("hreflang=") || tag_end.contains("hreflang=");
        let localized = match page_language {
            Some(language)
                if is_page_link(site_path)
                    && !names_language
                    && !style.other_languages.iter().any(|l| {
                        site_path
                            .strip_prefix(l.as_str())
                            .is_some_and(|r| r.is_empty() || r.starts_with('/'))
                    }) =>
            {
                format!("{language}/{site_path}")
            }
            _ => site_path.to_string(),
        };
        output.push_str(&rewrite(&localized, &prefix, style.portable));
        rest = &value_and_rest[end..];
    }
    output.push_str(rest);
    output
}

/// Byte index of the next `href`, `src` or `action` attribute whose value
/// is a site path. One forward scan: the search resumes where the last
/// match ended, so long pages stay linear.
fn next_site_link(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(index) = html[from..].find("=\"/") {
        let at = from + index;
        from = at + 3;
        // Protocol-relative `//host` URLs are not site paths.
        if html[from..].starts_with('/') {
            continue;
        }
        let name = &html[..at];
        if let Some(attribute) = ["href", "src", "action"]
            .iter()
            .find(|attribute| name.ends_with(*attribute))
        {
            let start = at - attribute.len();
            if html[..start].ends_with(|c: char| c.is_ascii_whitespace()) {
                return Some(start);
            }
        }
    }
    None
}

/// A link to a page (a folder or an HTML file), not to an asset or a data
/// file. `site_path` has no leading slash.
fn is_page_link(site_path: &str) -> bool {
    let path = site_path.split(['#', '?']).next().unwrap_or_default();
    path.is_empty() || path.ends_with('/') || path.ends_with(".html")
}

fn rewrite(site_path: &str, prefix: &str, portable: bool) -> String {
    let (path, suffix) = match site_path.find(['#', '?']) {
        Some(index) => site_path.split_at(index),
        None => (site_path, ""),
    };
    let mut target = format!("{prefix}{path}");
    if portable && (target.is_empty() || target.ends_with('/')) {
        target.push_str("index.html");
    } else if target.is_empty() {
        target.push_str("./");
    }
    format!("{target}{suffix}")
}

/// Finds internal values in the output (rule P030), prepared once for a
/// set of values (`haven serve` keeps it while they stay the same). Each
/// hit names the private source and the output file; the build must stop.
pub struct PrivateScanner {
    matcher: Option<AhoCorasick>,
    needles: Vec<String>,
    owners: Vec<PathBuf>,
}

impl PrivateScanner {
    pub fn new(private: &PrivateValues) -> Self {
        // Templates escape text, so look for both the raw and the escaped form.
        let mut needles: Vec<String> = Vec::new();
        let mut owners = Vec::new();
        for (value, path) in &private.values {
            needles.push(value.clone());
            owners.push(path.clone());
            let escaped = escape(value);
            if escaped != *value {
                needles.push(escaped);
                owners.push(path.clone());
            }
        }
        let matcher = if needles.is_empty() {
            None
        } else {
            AhoCorasick::new(&needles).ok()
        };
        PrivateScanner {
            matcher,
            needles,
            owners,
        }
    }

    pub fn scan(&self, files: &[&OutputFile]) -> Vec<Diagnostic> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        files
            .par_iter()
            .filter_map(|file| {
                let index = matcher.find(&file.contents)?.pattern().as_usize();
                Some(
                    Diagnostic::error(
                        "P030",
                        &self.owners[index],
                        format!("build aborted: an internal value from this file appears in {} (\"{}\")", file.path, self.needles[index]),
                    )
                    .help("internal data must never be published; remove the value from public fields and templates"),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVED: LinkStyle<'static> = LinkStyle {
        portable: false,
        base_path: "/hub/",
        other_languages: &[],
    };
    const PORTABLE: LinkStyle<'static> = LinkStyle {
        portable: true,
        base_path: "/",
        other_languages: &[],
    };

    #[test]
    fn site_paths_become_relative_to_the_page() {
        let html = r#"<a href="/partners/x/">x</a><img src="/assets/a.css"><a href="/">home</a>"#;
        assert_eq!(
            relativize(html, "guides/y/index.html", SERVED),
            r#"<a href="../../partners/x/">x</a><img src="../../assets/a.css"><a href="../../">home</a>"#
        );
        assert_eq!(
            relativize(r#"<a href="/">h</a>"#, "index.html", SERVED),
            r#"<a href="./">h</a>"#
        );
    }

    #[test]
    fn portable_links_end_in_index_html() {
        let html = r#"<a href="/guides/x/#top">x</a><a href="/">h</a>"#;
        assert_eq!(
            relativize(html, "partners/index.html", PORTABLE),
            r#"<a href="../guides/x/index.html#top">x</a><a href="../index.html">h</a>"#
        );
    }

    #[test]
    fn external_and_protocol_relative_links_are_untouched() {
        let html = r#"<a href="https://a.org/">a</a><a href="//cdn.org/x">b</a>"#;
        assert_eq!(relativize(html, "a/index.html", SERVED), html);
    }

    #[test]
    fn not_found_page_uses_the_base_path() {
        assert_eq!(
            relativize(r#"<a href="/guides/">g</a>"#, "404.html", SERVED),
            r#"<a href="/hub/guides/">g</a>"#
        );
    }

    #[test]
    fn private_values_in_output_are_found() {
        let file = OutputFile {
            path: "a/index.html".into(),
            contents: b"call Jordan O&#39;Example".to_vec(),
        };
        let private = PrivateValues {
            values: vec![("Jordan O'Example".into(), "private/a.yaml".into())],
        };
        let found = PrivateScanner::new(&private).scan(&[&file]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "P030");
    }
}
