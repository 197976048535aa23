//! Text from other systems in the record's Markdown.

/// HSDS descriptions may be HTML; partner records are Markdown. List
/// items become `- ` lines, paragraphs and breaks become line breaks,
/// other tags go, and the usual entities are decoded.
pub(super) fn html_to_markdown(text: &str) -> Option<String> {
    let has_tag = text
        .match_indices('<')
        .any(|(i, _)| text[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/'));
    if !has_tag {
        return None;
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + end].trim().to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        match (tag.starts_with('/'), name.as_str()) {
            (false, "li") => {
                out.truncate(out.trim_end().len());
                out.push_str("\n- ");
            }
            (_, "br") => out.push('\n'),
            (_, "p" | "ul" | "ol" | "div" | "h1" | "h2" | "h3" | "h4") => out.push_str("\n\n"),
            _ => {}
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let lines: Vec<&str> = decoded.lines().map(str::trim).collect();
    let mut text = lines.join("\n");
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    // A list right after a sentence needs a blank line to be a list.
    text = text.replace(":\n- ", ":\n\n- ");
    Some(text.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_lists_become_markdown_lists() {
        let html = "Services include: <ul>\n <li>Personal Care</li>\n <li>Cleaning &amp; shopping</li>\n</ul>";
        assert_eq!(
            html_to_markdown(html).as_deref(),
            Some("Services include:\n\n- Personal Care\n- Cleaning & shopping")
        );
    }

    #[test]
    fn text_without_tags_is_left_alone() {
        assert_eq!(html_to_markdown("a < b and c > d"), None);
    }
}
