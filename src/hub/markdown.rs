//! Markdown to HTML for guides and record fields: CommonMark plus tables,
//! footnotes, strikethrough and task lists; heading anchors and a table of
//! contents; links written as paths to source files rewritten to pages;
//! raw HTML and unsafe URLs refused (docs/record-format.md, docs/deploy.md).

use crate::diagnostics::rules::{self, Rule};
use std::collections::{BTreeMap, BTreeSet, HashMap};

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

/// A heading of a rendered document, for the table of contents.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
}

/// A problem in a Markdown text, at a byte offset of that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub code: Rule,
    pub message: String,
    pub help: String,
}

impl Problem {
    fn error(offset: usize, code: Rule, message: String, help: &str) -> Self {
        Problem {
            offset,
            code,
            message,
            help: help.to_string(),
        }
    }

    /// The problem as a diagnostic of the file the Markdown came from.
    pub fn into_diagnostic(
        self,
        path: &std::path::Path,
        position: Option<crate::diagnostics::Position>,
    ) -> crate::diagnostics::Diagnostic {
        crate::diagnostics::Diagnostic::new(self.code, path, self.message)
            .at(position)
            .help(self.help)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub problems: Vec<Problem>,
}

/// What links in content may point at, by source path.
#[derive(Debug, Clone, Default, Hash)]
pub struct LinkTargets {
    /// Guide slug → heading ids of that guide.
    pub guides: BTreeMap<String, BTreeSet<String>>,
    /// Ids of partners that are published on the site.
    pub partners: BTreeSet<String>,
    /// Ids of partners that exist but are not on the site (drafts, stale).
    pub unpublished_partners: BTreeSet<String>,
    /// Output paths of files under `static/`.
    pub static_files: BTreeSet<String>,
    /// Guide translations that exist: (slug, language) for
    /// `guides/<slug>.<language>.md`.
    pub translations: BTreeSet<(String, String)>,
    /// The hub's default language: that of every guide's original.
    pub default_language: String,
    /// Guides and partners whose files have their own errors: links to
    /// them are not reported again.
    pub unreadable: BTreeSet<String>,
}

/// Where a text comes from: the folder its relative links start in.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// `guides` or `partners`.
    pub base_dir: &'a str,
    /// Headings start at this level (2 in a guide under the page's h1).
    pub top_heading_level: u8,
    /// The guide being rendered, when it is a translation: its slug and
    /// language. A link from it to its own original opens the original.
    pub translation_of: Option<(&'a str, &'a str)>,
}

/// Where a link goes, and the language of the page it opens when that is
/// not the language of the page it is on (a guide's translation).
struct Target {
    href: String,
    hreflang: Option<String>,
}

impl Target {
    fn same_language(href: String) -> Self {
        Target {
            href,
            hreflang: None,
        }
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// True when `text` contains HTML tags that Markdown would pass through.
pub fn contains_raw_html(text: &str) -> bool {
    Parser::new_ext(text, options())
        .any(|event| matches!(event, Event::Html(_) | Event::InlineHtml(_)))
}

pub fn render(text: &str, context: Context<'_>, targets: &LinkTargets) -> Rendered {
    let mut problems = Vec::new();
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> = Parser::new_ext(text, options())
        .into_offset_iter()
        .collect();

    let shallowest = events
        .iter()
        .filter_map(|(event, _)| match event {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(context.top_heading_level);
    let shift = context.top_heading_level.saturating_sub(shallowest);

    let limits = limit_problems(&events);
    if !limits.is_empty() {
        // Rendering it would only feed the page's later steps (the
        // minifier recurses per level) what the build refuses anyway.
        return Rendered {
            problems: limits,
            ..Rendered::default()
        };
    }
    problems.extend(readability_problems(&events));
    let mut headings = Vec::new();
    let mut used_ids = UsedIds::default();
    let mut output: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut index = 0;
    while index < events.len() {
        let (event, range) = &events[index];
        match event {
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                let text: String = events[index + 1..]
                    .iter()
                    .take_while(|(e, _)| !matches!(e, Event::End(TagEnd::Heading(_))))
                    .filter_map(|(e, _)| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let id = unique_id(&slugify(&text), &mut used_ids);
                let level = shifted(*level, shift);
                headings.push(Heading {
                    level: level as u8,
                    text: text.trim().to_string(),
                    id: id.clone(),
                });
                output.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                output.push(Event::End(TagEnd::Heading(shifted(*level, shift))));
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                problems.push(Problem {
                    offset: range.start,
                    code: rules::RAW_HTML,
                    message: format!("raw HTML is not allowed: {}", raw.trim()),
                    help: "use Markdown instead: **bold**, [a link](page.md), a blank line for a new paragraph".into(),
                });
                // Shown as text, never passed through, if a caller renders anyway.
                output.push(Event::Text(raw.clone()));
            }
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => match resolve(dest_url, context, targets) {
                Ok(resolved) => output.push(Event::Html(anchor(&resolved, title).into())),
                Err((message, help)) => {
                    problems.push(Problem {
                        offset: range.start,
                        code: rules::BROKEN_LINK,
                        message,
                        help,
                    });
                    output.push(Event::Html("<a>".into()));
                }
            },
            Event::End(TagEnd::Link) => output.push(Event::Html("</a>".into())),
            // A task list is a printable checklist for the reader: a box
            // drawn as text, not an unlabelled form control.
            Event::TaskListMarker(checked) => {
                let mark = if *checked { "☑" } else { "☐" };
                output.push(Event::Html(
                    format!("<span class=\"task\" aria-hidden=\"true\">{mark}</span> ").into(),
                ));
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let alt: String = events[index + 1..]
                    .iter()
                    .take_while(|(e, _)| !matches!(e, Event::End(TagEnd::Image)))
                    .filter_map(|(e, _)| match e {
                        Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let skip = events[index..]
                    .iter()
                    .position(|(e, _)| matches!(e, Event::End(TagEnd::Image)))
                    .unwrap_or(0);
                match resolve(dest_url, context, targets) {
                    Ok(resolved) if resolved.href.starts_with('/') => {
                        output.push(Event::Html(
                            format!(
                                "<img src=\"{}\" alt=\"{}\"{}>",
                                escape(&resolved.href),
                                escape(&alt),
                                title_attribute(title)
                            )
                            .into(),
                        ));
                    }
                    Ok(external) => {
                        // An external image would be a request to another host,
                        // which a survivor's network may log: link it instead.
                        problems.push(Problem {
                            offset: range.start,
                            code: rules::EXTERNAL_IMAGE,
                            message: format!(
                                "image {} is on another website; it is shown as a link",
                                external.href
                            ),
                            help: "copy the image into static/ and link it from there".into(),
                        });
                        output.push(Event::Html(anchor(&external, title).into()));
                        output.push(Event::Text(CowStr::from(alt)));
                        output.push(Event::Html("</a>".into()));
                    }
                    Err((message, help)) => problems.push(Problem {
                        offset: range.start,
                        code: rules::BROKEN_LINK,
                        message,
                        help,
                    }),
                }
                index += skip + 1;
                continue;
            }
            other => output.push(other.clone()),
        }
        index += 1;
    }

    let mut html_output = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut html_output, output.into_iter());
    Rendered {
        html: html_output,
        headings,
        problems,
    }
}

/// Link texts that say nothing out of context (screen-reader users often
/// navigate by a list of links).
const VAGUE_LINK_TEXTS: &[&str] = &[
    "click here",
    "here",
    "click",
    "read more",
    "more",
    "link",
    "this link",
    "this",
    "learn more",
    "aquí",
    "haga clic aquí",
    "más",
];

/// Paragraphs longer than this are hard to follow under stress.
const LONG_PARAGRAPH_WORDS: usize = 150;

/// Content-level accessibility rules (issue: WCAG in content): alt text
/// (W170), heading levels that skip (E171), vague link text (W172), tables
/// without header text (W173), very long paragraphs (W174).
fn readability_problems(events: &[(Event<'_>, std::ops::Range<usize>)]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut previous_level: Option<usize> = None;
    let mut collecting: Option<(usize, String)> = None;
    let mut header_text = String::new();
    let mut in_table_head = false;
    let mut table_start = 0;
    let mut paragraph: Option<(usize, usize)> = None;
    let problem = |offset, code: Rule, message: String, help: &str| Problem {
        offset,
        code,
        message,
        help: help.to_string(),
    };
    for (event, range) in events {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = *level as usize;
                if let Some(previous) = previous_level {
                    if level > previous + 1 {
                        problems.push(problem(
                            range.start,
                            rules::SKIPPED_HEADING_LEVEL,
                            format!("heading level {level} follows level {previous}: a level is skipped"),
                            "use one more # than the heading above, not two (## then ###)",

                        ));
                    }
                }
                previous_level = Some(level);
            }
            Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => {
                collecting = Some((range.start, String::new()))
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, collected)) = collecting.as_mut() {
                    collected.push_str(text);
                }
                if in_table_head {
                    header_text.push_str(text);
                }
                if let Some((_, words)) = paragraph.as_mut() {
                    *words += text.split_whitespace().count();
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((start, text)) = collecting.take() {
                    let lower = text.trim().trim_end_matches(['.', '!', ':']).to_lowercase();
                    if VAGUE_LINK_TEXTS.contains(&lower.as_str()) {
                        problems.push(problem(
                            start,
                            rules::VAGUE_LINK_TEXT,
                            format!("link text \"{}\" does not say where it goes", text.trim()),
                            "use words that make sense on their own, e.g. [how to make a referral](making-a-referral.md)",

                        ));
                    }
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, alt)) = collecting.take() {
                    if alt.trim().is_empty() {
                        problems.push(problem(
                            start,
                            rules::IMAGE_WITHOUT_ALT,
                            "image has no alt text".into(),
                            "describe what the image shows inside the brackets: ![Map of the bus routes to the clinic](../static/map.png)",

                        ));
                    }
                }
            }
            Event::Start(Tag::Table(_)) => table_start = range.start,
            Event::Start(Tag::TableHead) => {
                in_table_head = true;
                header_text.clear();
            }
            Event::End(TagEnd::TableHead) => {
                in_table_head = false;
                if header_text.trim().is_empty() {
                    problems.push(problem(
                        table_start,
                        rules::EMPTY_TABLE_HEADER,
                        "table has an empty header row".into(),
                        "name each column in the first row, so screen readers can say what a cell means",

                    ));
                }
            }
            Event::Start(Tag::Paragraph) => paragraph = Some((range.start, 0)),
            Event::End(TagEnd::Paragraph) => {
                if let Some((start, words)) = paragraph.take() {
                    if words > LONG_PARAGRAPH_WORDS {
                        problems.push(problem(
                            start,
                            rules::LONG_PARAGRAPH,
                            format!("paragraph of {words} words"),
                            "split it: short paragraphs are easier to read on a phone and under stress",

                        ));
                    }
                }
            }
            _ => {}
        }
    }
    problems
}

fn shifted(level: HeadingLevel, shift: u8) -> HeadingLevel {
    HeadingLevel::try_from((level as usize + shift as usize).min(6)).unwrap_or(HeadingLevel::H6)
}

fn anchor(target: &Target, title: &str) -> String {
    let href = &target.href;
    let external = href.starts_with("http://") || href.starts_with("https://");
    let rel = if external { " rel=\"noreferrer\"" } else { "" };
    let hreflang = target
        .hreflang
        .as_ref()
        .map(|language| format!(" hreflang=\"{}\"", escape(language)))
        .unwrap_or_default();
    format!(
        "<a href=\"{}\"{}{}{}>",
        escape(href),
        hreflang,
        title_attribute(title),
        rel
    )
}

fn title_attribute(title: &str) -> String {
    if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape(title))
    }
}

/// Turns a link as written in content into a site path (`/guides/x/#y`) or
/// an allowed external URL, or says what is wrong with it.
fn resolve(
    dest: &str,
    context: Context<'_>,
    targets: &LinkTargets,
) -> Result<Target, (String, String)> {
    if let Some(target) = translation_link(dest, context, targets)? {
        return Ok(target);
    }
    resolve_href(dest, context, targets).map(Target::same_language)
}

/// A link to a guide's translation (`welcome.es.md`: the Spanish page),
/// or from a translation to its own original (`welcome.md` in
/// `welcome.es.md`: the page in the hub's default language). Other links
/// to guides stay in the language of the page they are on.
fn translation_link(
    dest: &str,
    context: Context<'_>,
    targets: &LinkTargets,
) -> Result<Option<Target>, (String, String)> {
    let dest = dest.trim();
    let (path, fragment) = match dest.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (dest, None),
    };
    let Some(stem) = normalize(&format!("{}/{}", context.base_dir, path))
        .and_then(|p| Some(p.strip_prefix("guides/")?.strip_suffix(".md")?.to_string()))
    else {
        return Ok(None);
    };
    let (slug, language) = match stem.rsplit_once('.') {
        Some((slug, language))
            if targets
                .translations
                .contains(&(slug.to_string(), language.to_string())) =>
        {
            (slug, language.to_string())
        }
        _ => match context.translation_of {
            Some((own, _)) if own == stem && targets.guides.contains_key(&stem) => {
                (stem.as_str(), targets.default_language.clone())
            }
            _ => return Ok(None),
        },
    };
    if let Some(fragment) = fragment {
        let known = targets
            .guides
            .get(slug)
            .is_some_and(|anchors| anchors.contains(fragment));
        if !known {
            return Err((
                format!("guide \"{slug}\" has no heading with the anchor \"#{fragment}\""),
                "anchors are heading texts in lowercase with hyphens".to_string(),
            ));
        }
    }
    let page = if language == targets.default_language {
        format!("/guides/{slug}/")
    } else {
        format!("/{language}/guides/{slug}/")
    };
    let href = match fragment {
        Some(fragment) => format!("{page}#{fragment}"),
        None => page,
    };
    Ok(Some(Target {
        href,
        hreflang: Some(language),
    }))
}

/// [`resolve`] for every link but those of [`translation_link`].
fn resolve_href(
    dest: &str,
    context: Context<'_>,
    targets: &LinkTargets,
) -> Result<String, (String, String)> {
    let dest = dest.trim();
    let lower = dest.to_ascii_lowercase();
    if let Some(scheme_end) = lower.find(':') {
        let scheme = &lower[..scheme_end];
        let looks_like_scheme = scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b));
        if looks_like_scheme && !lower[..scheme_end].contains('/') {
            return match scheme {
                "https" | "http" | "mailto" | "tel" | "sms" => Ok(dest.to_string()),
                _ => Err((
                    format!("links to \"{scheme}:\" addresses are not allowed"),
                    "use https://, mailto:, tel: or sms: links, or a path to a guide or partner"
                        .into(),
                )),
            };
        }
    }
    // "//host/x" (and "/\\host/x", which browsers read the same) is
    // another website, whatever scheme the page was loaded with.
    if dest.starts_with("//") || dest.starts_with("/\\") || dest.starts_with('\\') {
        return Ok(format!("https://{}", dest.trim_start_matches(['/', '\\'])));
    }
    if dest.starts_with('#') || dest.starts_with('/') {
        return Ok(dest.to_string());
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (dest, None),
    };
    let normalized = normalize(&format!("{}/{}", context.base_dir, path)).ok_or_else(|| {
        (
            format!("link \"{dest}\" points outside the hub"),
            "link to a guide (other-guide.md), a partner (../partners/<id>.yaml) or a file in static/".to_string(),
        )
    })?;
    let with_fragment = |page: String| match fragment {
        Some(fragment) => format!("{page}#{fragment}"),
        None => page,
    };
    if targets.unreadable.contains(&normalized) {
        return Ok(dest.to_string());
    }
    if let Some(slug) = normalized
        .strip_prefix("guides/")
        .and_then(|s| s.strip_suffix(".md"))
    {
        let Some(anchors) = targets.guides.get(slug) else {
            return Err((
                format!("link to a guide that does not exist: \"{dest}\""),
                crate::diagnostics::suggest::did_you_mean(
                    slug,
                    targets.guides.keys().map(String::as_str),
                    "check the file name in guides/",
                ),
            ));
        };
        if let Some(fragment) = fragment {
            if !anchors.contains(fragment) {
                return Err((
                    format!("guide \"{slug}\" has no heading with the anchor \"#{fragment}\""),
                    crate::diagnostics::suggest::did_you_mean(
                        fragment,
                        anchors.iter().map(String::as_str),
                        "anchors are heading texts in lowercase with hyphens",
                    ),
                ));
            }
        }
        return Ok(with_fragment(format!("/guides/{slug}/")));
    }
    if let Some(id) = normalized
        .strip_prefix("partners/")
        .and_then(|s| s.strip_suffix(".yaml"))
    {
        if targets.partners.contains(id) {
            return Ok(with_fragment(format!("/partners/{id}/")));
        }
        let message = if targets.unpublished_partners.contains(id) {
            format!("partner \"{id}\" is not published (draft or not verified recently), so this link would be broken")
        } else {
            format!("link to a partner that does not exist: \"{dest}\"")
        };
        return Err((
            message,
            "link to a published partner, or remove the link".into(),
        ));
    }
    if let Some(file) = normalized.strip_prefix("static/") {
        if targets.static_files.contains(file) {
            return Ok(with_fragment(format!("/{file}")));
        }
        return Err((
            format!("no file \"{file}\" in static/"),
            "check the file name and folder".into(),
        ));
    }
    Err((
        format!("link \"{dest}\" does not point to a guide, partner or static file"),
        "write links to other guides as other-guide.md, to partners as ../partners/<id>.yaml, to files as ../static/<file>".into(),
    ))
}

/// Resolves `.` and `..` segments; `None` when the path leaves the hub.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// Heading anchors: lowercase, accents kept, spaces to hyphens, punctuation
/// dropped (GitHub's convention, which volunteers already know).
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            slug.push(c);
        } else if c.is_whitespace() {
            slug.push('-');
        }
    }
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

/// Heading ids given so far, and for each base the next number to try,
/// so ten thousand headings of one text take ten thousand steps, not fifty
/// million.
#[derive(Default)]
struct UsedIds {
    used: BTreeSet<String>,
    next: HashMap<String, usize>,
}

fn unique_id(base: &str, ids: &mut UsedIds) -> String {
    if ids.used.insert(base.to_string()) {
        return base.to_string();
    }
    let counter = ids.next.entry(base.to_string()).or_insert(1);
    loop {
        let candidate = format!("{base}-{counter}");
        *counter += 1;
        if ids.used.insert(candidate.clone()) {
            return candidate;
        }
    }
}

/// Block nesting (quotes in quotes, lists in lists) and headings beyond
/// which a text is refused (rules E175, E176): no guide comes near them,
/// and past them rendering and minifying take time or stack a CI runner
/// does not have.
pub const MAX_NESTING: usize = 32;
pub const MAX_HEADINGS: usize = 500;

fn limit_problems(events: &[(Event<'_>, std::ops::Range<usize>)]) -> Vec<Problem> {
    let mut depth = 0usize;
    let mut headings = 0usize;
    for (event, range) in events {
        match event {
            Event::Start(
                Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::FootnoteDefinition(_),
            ) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return vec![Problem::error(
                        range.start,
                        rules::NESTING_TOO_DEEP,
                        format!("quotes or lists nest more than {MAX_NESTING} levels deep"),
                        "a guide needs a few levels at most: take out the extra > or indentation",
                    )];
                }
            }
            Event::End(
                TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition,
            ) => {
                depth = depth.saturating_sub(1);
            }
            Event::Start(Tag::Heading { .. }) => {
                headings += 1;
                if headings > MAX_HEADINGS {
                    return vec![Problem::error(
                        range.start,
                        rules::TOO_MANY_HEADINGS,
                        format!("the text has more than {MAX_HEADINGS} headings"),
                        "split it into several guides",
                    )];
                }
            }
            _ => {}
        }
    }
    Vec::new()
}

/// The heading anchors a Markdown text will get, for link checking before
/// rendering.
pub fn heading_ids(text: &str) -> BTreeSet<String> {
    render(
        text,
        Context {
            base_dir: "guides",
            top_heading_level: 2,
            translation_of: None,
        },
        &LinkTargets::default(),
    )
    .headings
    .into_iter()
    .map(|h| h.id)
    .collect()
}

pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide_context() -> Context<'static> {
        Context {
            base_dir: "guides",
            top_heading_level: 2,
            translation_of: None,
        }
    }

    fn targets() -> LinkTargets {
        LinkTargets {
            guides: BTreeMap::from([(
                "safety-planning".into(),
                BTreeSet::from(["at-home".to_string()]),
            )]),
            partners: BTreeSet::from(["rslc".to_string()]),
            unpublished_partners: BTreeSet::from(["draft-org".to_string()]),
            static_files: BTreeSet::from(["docs/plan.pdf".to_string()]),
            unreadable: BTreeSet::new(),
            translations: BTreeSet::from([("safety-planning".to_string(), "es".to_string())]),
            default_language: "en".into(),
        }
    }

    #[test]
    fn headings_get_unique_anchors_and_are_demoted_below_the_page_title() {
        let rendered = render(
            "# Safety at home\n\n# Safety at home\n",
            guide_context(),
            &targets(),
        );
        assert!(
            rendered.html.contains("<h2 id=\"safety-at-home\">"),
            "{}",
            rendered.html
        );
        assert!(rendered.html.contains("<h2 id=\"safety-at-home-1\">"));
        assert_eq!(rendered.headings.len(), 2);
    }

    #[test]
    fn source_paths_become_site_paths() {
        let text = "[a](safety-planning.md#at-home) [b](../partners/rslc.yaml) [c](../static/docs/plan.pdf)";
        let rendered = render(text, guide_context(), &targets());
        assert!(rendered.problems.is_empty(), "{:?}", rendered.problems);
        assert!(rendered
            .html
            .contains("href=\"/guides/safety-planning/#at-home\""));
        assert!(rendered.html.contains("href=\"/partners/rslc/\""));
        assert!(rendered.html.contains("href=\"/docs/plan.pdf\""));
    }

    #[test]
    fn broken_links_are_errors_with_offsets() {
        let rendered = render(
            "Intro\n\n[x](safety-plan.md) [y](../partners/draft-org.yaml)",
            guide_context(),
            &targets(),
        );
        assert_eq!(rendered.problems.len(), 2);
        assert_eq!(rendered.problems[0].offset, 7);
        assert!(rendered.problems[0].help.contains("safety-planning"));
        assert!(rendered.problems[1].message.contains("not published"));
    }

    #[test]
    fn javascript_links_are_refused() {
        let rendered = render("[x](javascript:alert(1))", guide_context(), &targets());
        assert_eq!(rendered.problems[0].code, rules::BROKEN_LINK);
        assert!(!rendered.html.contains("javascript"));
    }

    #[test]
    fn raw_html_is_reported_and_never_passed_through() {
        let rendered = render(
            "Hello <script>alert(1)</script>",
            guide_context(),
            &targets(),
        );
        assert_eq!(rendered.problems[0].code, rules::RAW_HTML);
        assert!(!rendered.html.contains("<script>"));
    }

    #[test]
    fn task_lists_render_as_boxes_not_unlabelled_inputs() {
        let rendered = render(
            "- [ ] pack ID\n- [x] call advocate\n",
            guide_context(),
            &targets(),
        );
        assert!(!rendered.html.contains("<input"));
        assert!(rendered.html.contains("☐") && rendered.html.contains("☑"));
    }

    #[test]
    fn content_rules_find_skipped_headings_vague_links_missing_alt_and_empty_headers() {
        let text = "## One\n\n#### Three\n\n[click here](https://example.org)\n\n![](../static/docs/plan.pdf)\n\n| | |\n|---|---|\n| a | b |\n";
        let codes: Vec<Rule> = render(text, guide_context(), &targets())
            .problems
            .iter()
            .map(|p| p.code)
            .collect();
        assert_eq!(
            codes,
            vec![
                rules::SKIPPED_HEADING_LEVEL,
                rules::VAGUE_LINK_TEXT,
                rules::IMAGE_WITHOUT_ALT,
                rules::EMPTY_TABLE_HEADER
            ]
        );
    }

    #[test]
    fn very_long_paragraphs_are_warned() {
        let text = "word ".repeat(200);
        let problems = render(&text, guide_context(), &targets()).problems;
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, rules::LONG_PARAGRAPH);
    }

    #[test]
    fn protocol_relative_images_are_other_websites() {
        for image in [
            "![map](//tracker.example/pixel.png)",
            "![map](/\\tracker.example/pixel.png)",
        ] {
            let rendered = render(image, guide_context(), &targets());
            assert!(!rendered.html.contains("<img"), "{}", rendered.html);
            assert_eq!(rendered.problems[0].code, rules::EXTERNAL_IMAGE);
        }
    }

    #[test]
    fn a_translation_file_links_to_that_languages_page() {
        let rendered = render("[es](safety-planning.es.md)", guide_context(), &targets());
        assert!(
            rendered
                .html
                .contains(r#"href="/es/guides/safety-planning/" hreflang="es""#),
            "{}",
            rendered.html
        );
        let missing = render("[fr](safety-planning.fr.md)", guide_context(), &targets());
        assert_eq!(missing.problems[0].code, rules::BROKEN_LINK);
    }

    #[test]
    fn outbound_links_carry_noreferrer() {
        let rendered = render("[x](https://example.org)", guide_context(), &targets());
        assert!(rendered.html.contains("rel=\"noreferrer\""));
    }
}
