//! Stage 5: finishing the rendered files. Site paths in links become
//! relative (so the site works under any base path and from file://), HTML
//! is minified, and the output is scanned for every internal value (rule
//! P030): a hit aborts the build before anything is written.

pub mod leaks;
pub mod needles;

use std::sync::Arc;

use crate::diagnostics::Diagnostic;
use crate::pipeline::output::OutputFile;
use crate::pipeline::render::values::{
    pieces, Fragments, Piece, Placeholder, FRAGMENTS, PLACEHOLDER_START,
};

pub use crate::pipeline::postprocess::leaks::PrivateScanner;

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

/// Finishes rendered files: HTML pages get relative links, are minified
/// when asked and get the partner fragments their placeholders stand for;
/// with a scanner, every file is checked for internal values as well.
/// A fragment is linked, minified and scanned once per page depth and
/// language, however many list pages show it.
pub struct Finisher<'a> {
    style: LinkStyle<'a>,
    minify: bool,
    scanner: Option<&'a PrivateScanner>,
}

impl<'a> Finisher<'a> {
    pub fn new(style: LinkStyle<'a>, minify: bool, scanner: Option<&'a PrivateScanner>) -> Self {
        Finisher {
            style,
            minify,
            scanner,
        }
    }

    /// The finished file, with the internal values found in it (rule
    /// P030) when there is a scanner. `fragments` holds what the
    /// placeholders of list pages stand for.
    pub fn finish(&self, mut file: OutputFile, fragments: &Fragments) -> Finished {
        let mut leaks = Vec::new();
        if !file.path.ends_with(".html") {
            leaks.extend(self.scan(&file.contents, &file.path));
            return Finished { file, leaks };
        }
        let links = Links::of(&file.path, self.style);
        let shell = self.link_and_minify(&String::from_utf8_lossy(&file.contents), &links);
        leaks.extend(self.scan(&shell, &file.path));
        let page = Page {
            links: &links,
            finishing: links.key(),
            fragments,
        };
        file.contents = self.fill_placeholders(shell, &page, &file.path, &mut leaks);
        Finished { file, leaks }
    }

    fn link_and_minify(&self, html: &str, links: &Links<'_>) -> Vec<u8> {
        let linked = relativize_with(html, links, self.style);
        if self.minify {
            minify_html(linked.as_bytes())
        } else {
            linked.into_bytes()
        }
    }

    fn scan(&self, contents: &[u8], path: &str) -> Option<Diagnostic> {
        self.scanner?.find(contents, path)
    }

    /// `shell` with each placeholder replaced by its finished fragment.
    /// Where a tag meets each edge of a fragment, no text runs across it,
    /// so no internal value can straddle it: scanning the shell and each
    /// fragment finds what scanning the whole page would. A page where
    /// text meets text at an edge (a hub's own component) is scanned whole.
    fn fill_placeholders(
        &self,
        shell: Vec<u8>,
        page: &Page<'_>,
        path: &str,
        leaks: &mut Vec<Diagnostic>,
    ) -> Vec<u8> {
        let text = match std::str::from_utf8(&shell) {
            Ok(text) if text.contains(PLACEHOLDER_START) => text,
            _ => return shell,
        };
        // Every piece first, so the page is allocated once, at its size:
        // a directory of thousands of cards runs to megabytes.
        let parts: Vec<Part<'_>> = pieces(text)
            .map(|piece| match piece {
                Piece::Placeholder(placeholder, text) => self
                    .finished_fragment(&placeholder, text, page, leaks)
                    .map_or(Part::Text(text), Part::Fragment),
                // An unknown partner's placeholder stays as it is.
                Piece::Text(text) => Part::Text(text),
            })
            .collect();
        let mut filled = Vec::with_capacity(parts.iter().map(Part::len).sum());
        let mut edges = Vec::new();
        for part in &parts {
            match part {
                Part::Fragment(fragment) => {
                    edges.push(filled.len());
                    filled.extend_from_slice(fragment);
                    edges.push(filled.len());
                }
                Part::Text(text) => filled.extend_from_slice(text.as_bytes()),
            }
        }
        let text_meets_text = edges.iter().any(|&edge| {
            let before = edge.checked_sub(1).and_then(|i| filled.get(i));
            let after = filled.get(edge);
            before.is_some_and(|&b| b != b'>') && after.is_some_and(|&b| b != b'<')
        });
        if text_meets_text {
            leaks.extend(self.scan(&filled, path));
        }
        filled
    }

    /// The fragment `placeholder` (`text` on the page) stands for, as
    /// finished for the page's depth and language: once for all the pages
    /// that share them.
    fn finished_fragment(
        &self,
        placeholder: &Placeholder<'_>,
        text: &str,
        page: &Page<'_>,
        leaks: &mut Vec<Diagnostic>,
    ) -> Option<Arc<[u8]>> {
        let scanned_with = self.scanner.map(PrivateScanner::fingerprint);
        page.fragments
            .finished(&page.finishing, scanned_with, text, || {
                let html = page.fragments.html(placeholder)?;
                let fragment: Arc<[u8]> = self.link_and_minify(html, page.links).into();
                let shown_in = format!(
                    "the {} of partner {} ({}) on list pages",
                    FRAGMENTS
                        .get(placeholder.fragment)
                        .map_or("fragment", |(field, _)| field),
                    placeholder.id,
                    placeholder.language
                );
                let leak = self.scan(&fragment, &shown_in);
                let clean = leak.is_none();
                leaks.extend(leak);
                Some((fragment, clean))
            })
    }
}

/// A run of a finished page: its own text, or a finished fragment.
enum Part<'a> {
    Text(&'a str),
    Fragment(Arc<[u8]>),
}

impl Part<'_> {
    fn len(&self) -> usize {
        match self {
            Part::Text(text) => text.len(),
            Part::Fragment(fragment) => fragment.len(),
        }
    }
}

/// The page being finished.
struct Page<'a> {
    links: &'a Links<'a>,
    /// What finishing a fragment for this page depends on: its links.
    finishing: String,
    fragments: &'a Fragments,
}

/// A finished file and the internal values found in it.
pub struct Finished {
    pub file: OutputFile,
    pub leaks: Vec<Diagnostic>,
}

/// minify-html's one-pass minifier: several times faster than the full
/// one and allocation-free, with the same strategy (optional end tags are
/// left out), but it takes only well-formed HTML. The theme's pages are;
/// a page from a hub template that is not goes to the full minifier.
fn minify_html(html: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html_onepass::Cfg::new();
    cfg.minify_css = true;
    let mut minified = html.to_vec();
    match minify_html_onepass::truncate(&mut minified, &cfg) {
        Ok(()) => space_between_attributes(&minified),
        Err(_) => minify_html_fully(html),
    }
}

/// Puts back the space the one-pass minifier leaves out after a quoted
/// attribute value (`a="x"b`): browsers read it, but it is a parse error
/// that the Nu HTML Checker reports. Raw text (`script`, `style`) is
/// copied as it is.
fn space_between_attributes(html: &[u8]) -> Vec<u8> {
    let mut spaced = Vec::with_capacity(html.len() + html.len() / 64);
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'<', &html[at..]) {
        let tag = at + found;
        spaced.extend_from_slice(&html[at..tag]);
        at = tag + 1;
        spaced.push(b'<');
        if !html.get(at).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = html[at..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
            .map_or(html.len(), |length| at + length);
        let name = html[at..name_end].to_ascii_lowercase();
        spaced.extend_from_slice(&html[at..name_end]);
        at = name_end;
        let mut quote = None;
        while let Some(&byte) = html.get(at) {
            spaced.push(byte);
            at += 1;
            match quote {
                Some(open) if byte == open => {
                    quote = None;
                    let next = html.get(at).copied().unwrap_or(b'>');
                    if !(next.is_ascii_whitespace() || next == b'>' || next == b'/') {
                        spaced.push(b' ');
                    }
                }
                Some(_) => {}
                None if byte == b'"' || byte == b'\'' => quote = Some(byte),
                None if byte == b'>' => break,
                None => {}
            }
        }
        if name == b"script" || name == b"style" {
            let closing = [b"</".as_slice(), &name].concat();
            let raw_end = html[at..]
                .windows(closing.len())
                .position(|window| window.eq_ignore_ascii_case(&closing))
                .map_or(html.len(), |length| at + length);
            spaced.extend_from_slice(&html[at..raw_end]);
            at = raw_end;
        }
    }
    spaced.extend_from_slice(&html[at..]);
    spaced
}

fn minify_html_fully(html: &[u8]) -> Vec<u8> {
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
    relativize_with(html, &Links::of(page, style), style)
}

/// What a page's links depend on: how they start, and the language the
/// page is in (when not the default).
struct Links<'a> {
    prefix: String,
    page_language: Option<&'a String>,
}

impl<'a> Links<'a> {
    fn of(page: &str, style: LinkStyle<'a>) -> Self {
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
        Links {
            prefix,
            page_language,
        }
    }

    /// Equal for pages whose links are written the same way.
    fn key(&self) -> String {
        let language = self.page_language.map_or("", String::as_str);
        format!("{}:{language}", self.prefix)
    }
}

fn relativize_with(html: &str, links: &Links<'_>, style: LinkStyle<'_>) -> String {
    let (prefix, page_language) = (&links.prefix, links.page_language);
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
        output.push_str(&rewrite(&localized, prefix, style.portable));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::rules;

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
    fn a_card_is_linked_and_minified_for_the_page_that_lists_it() {
        let fragments = Fragments::of(
            "en",
            "food",
            vec![
                "<article class=\"card\">\n  <a href=\"/partners/food/\">Food</a>\n</article>"
                    .into(),
            ],
        );
        let page = OutputFile {
            path: "services/basic_needs/index.html".into(),
            contents: format!(
                "<ul>\n<li>{}</li>\n</ul>",
                Fragments::placeholder("en", 0, "food")
            )
            .into_bytes(),
        };
        let finished = Finisher::new(SERVED, true, None).finish(page, &fragments);
        let html = String::from_utf8(finished.file.contents).unwrap();
        assert_eq!(
            html,
            "<ul><li><article class=card><a href=../../partners/food/>Food</a></article></ul>"
        );
    }

    /// `partners/index.html` holding partner food's card as `page` places
    /// it (`{}`), finished with "Jordan Example" as an internal value.
    #[test]
    fn a_card_shown_at_two_depths_is_linked_for_each() {
        let fragments = Fragments::of(
            "en",
            "food",
            vec!["<article><a href=\"/partners/food/\">Food</a></article>".into()],
        );
        let finisher = Finisher::new(SERVED, true, None);
        let finish = |path: &str| {
            let page = OutputFile {
                path: path.into(),
                contents: Fragments::placeholder("en", 0, "food").into_bytes(),
            };
            String::from_utf8(finisher.finish(page, &fragments).file.contents).unwrap()
        };
        for _ in 0..2 {
            assert_eq!(
                finish("partners/index.html"),
                "<article><a href=../partners/food/>Food</a></article>"
            );
            assert_eq!(
                finish("services/basic_needs/index.html"),
                "<article><a href=../../partners/food/>Food</a></article>"
            );
        }
    }

    fn private_values(value: &str, path: &str) -> crate::pipeline::model::PrivateValues {
        crate::pipeline::model::PrivateValues {
            values: vec![crate::pipeline::model::PrivateValue {
                value: value.into(),
                path: path.into(),
                field: "internal.notes".into(),
                published_by_record: "".into(),
                record_path: path.into(),
            }],
            public_names: Vec::new(),
        }
    }

    fn list_page_with_card(card: &str, page: &str, minify: bool) -> Finished {
        let fragments = Fragments::of("en", "food", vec![card.into()]);
        let page = OutputFile {
            path: "partners/index.html".into(),
            contents: page
                .replace("{}", &Fragments::placeholder("en", 0, "food"))
                .into_bytes(),
        };
        let private = private_values("Jordan Example", "private/food.yaml");
        let scanner = PrivateScanner::new(&private);
        Finisher::new(SERVED, minify, Some(&scanner)).finish(page, &fragments)
    }

    #[test]
    fn an_internal_value_only_in_a_card_is_found() {
        let finished = list_page_with_card(
            "<article>Ask for Jordan Example</article>",
            "<ul><li>{}</li></ul>",
            true,
        );
        assert_eq!(finished.leaks.len(), 1);
        assert_eq!(finished.leaks[0].code, rules::INTERNAL_VALUE_PUBLISHED);
        assert!(
            finished.leaks[0]
                .message
                .contains("appears in the card of partner food (en) on list pages"),
            "{}",
            finished.leaks[0]
        );
    }

    #[test]
    fn html_the_one_pass_minifier_rejects_is_still_minified() {
        let stray_end_tag = b"<div>\n  <p>kept   text</p>\n</span>\n</div>";
        let mut cfg = minify_html_onepass::Cfg::new();
        cfg.minify_css = true;
        assert!(minify_html_onepass::copy(stray_end_tag, &cfg).is_err());
        let minified = String::from_utf8(minify_html(stray_end_tag)).unwrap();
        assert!(minified.starts_with("<div><p>kept text"), "{minified}");
    }

    #[test]
    fn quoted_attribute_values_are_followed_by_a_space() {
        let html = br#"<p class=a title="b c"data-x='d'data-y=e>"x"y<br title="z"/><script>if (a<b) f("q"r)</script><i>"k"l</i>"#;
        assert_eq!(
            String::from_utf8(space_between_attributes(html)).unwrap(),
            r#"<p class=a title="b c" data-x='d' data-y=e>"x"y<br title="z"/><script>if (a<b) f("q"r)</script><i>"k"l</i>"#
        );
    }

    #[test]
    fn minified_pages_keep_a_space_between_attributes() {
        let page = br#"<!doctype html><html lang=en><head><title>t</title></head><body><aside aria-label="Leave this site quickly" data-quick-exit-root data-title="New Tab">x</aside></body></html>"#;
        let minified = String::from_utf8(minify_html(page)).unwrap();
        assert!(
            minified.contains(
                r#"aria-label="Leave this site quickly" data-quick-exit-root data-title="New Tab">"#
            ),
            "{minified}"
        );
    }

    #[test]
    fn an_internal_value_across_a_cards_edge_is_found() {
        let finished =
            list_page_with_card("Example, at the door", "<p>Ask for Jordan {}</p>", false);
        assert_eq!(finished.leaks.len(), 1, "{:?}", finished.leaks);
        assert!(finished.leaks[0].message.contains("partners/index.html"));
    }

    #[test]
    fn private_values_in_output_are_found() {
        let file = OutputFile {
            path: "a/index.html".into(),
            contents: b"call Jordan O&#39;Example".to_vec(),
        };
        let private = private_values("Jordan O'Example", "private/a.yaml");
        let found = PrivateScanner::new(&private).scan(&[&file]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, rules::INTERNAL_VALUE_PUBLISHED);
    }
}
