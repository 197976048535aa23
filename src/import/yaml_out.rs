//! Writing partner records as YAML a volunteer can read: keys in the
//! order of the record format, plain scalars where they are safe, quoted
//! ones where YAML 1.1 would misread them (`no`, `09:00`, `07001`), and
//! block text for descriptions.

/// A YAML value with its keys in the order they are written.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Text(String),
    Number(f64),
    Bool(bool),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    pub fn text(value: impl Into<String>) -> Node {
        Node::Text(value.into())
    }

    pub fn texts<I: IntoIterator<Item = S>, S: Into<String>>(values: I) -> Node {
        Node::List(values.into_iter().map(|v| Node::Text(v.into())).collect())
    }

    /// The text at `key` of a map.
    pub fn text_at(&self, key: &str) -> Option<&str> {
        let Node::Map(entries) = self else {
            return None;
        };
        entries.iter().find_map(|(k, node)| match node {
            Node::Text(text) if k == key => Some(text.as_str()),
            _ => None,
        })
    }

    /// Whether writing it would say nothing (empty list, map or text).
    fn is_empty(&self) -> bool {
        match self {
            Node::Text(text) => text.is_empty(),
            Node::List(items) => items.is_empty(),
            Node::Map(entries) => entries.is_empty(),
            _ => false,
        }
    }
}

/// An ordered map, leaving out empty values.
pub fn map(entries: impl IntoIterator<Item = (&'static str, Option<Node>)>) -> Node {
    Node::Map(
        entries
            .into_iter()
            .filter_map(|(key, node)| Some((key.to_string(), node.filter(|n| !n.is_empty())?)))
            .collect(),
    )
}

/// The document, with `header` as comment lines first.
pub fn document(header: &[String], root: &Node) -> String {
    let mut out = String::new();
    for line in header {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    if let Node::Map(entries) = root {
        write_entries(entries, 0, &mut out);
    }
    out
}

fn write_entries(entries: &[(String, Node)], indent: usize, out: &mut String) {
    for (key, node) in entries {
        out.push_str(&" ".repeat(indent));
        out.push_str(key);
        out.push(':');
        write_value(node, indent, out);
    }
}

/// A value after `key:` (or `- `), ending its line(s).
fn write_value(node: &Node, indent: usize, out: &mut String) {
    match node {
        Node::Map(entries) => {
            out.push('\n');
            write_entries(entries, indent + 2, out);
        }
        // Short lists fit one line; long ones (notes to review) read
        // better one item per line.
        Node::List(items)
            if items.iter().all(is_scalar)
                && items
                    .iter()
                    .map(|i| scalar(i, true).len() + 2)
                    .sum::<usize>()
                    <= 80 =>
        {
            let cells: Vec<String> = items.iter().map(|i| scalar(i, true)).collect();
            out.push_str(&format!(" [{}]\n", cells.join(", ")));
        }
        Node::List(items) => {
            out.push('\n');
            for item in items {
                out.push_str(&" ".repeat(indent + 2));
                out.push('-');
                match item {
                    Node::Map(entries) => {
                        // The first key shares the dash's line.
                        let mut first = true;
                        for (key, value) in entries {
                            if first {
                                out.push(' ');
                                first = false;
                            } else {
                                out.push_str(&" ".repeat(indent + 4));
                            }
                            out.push_str(key);
                            out.push(':');
                            write_value(value, indent + 4, out);
                        }
                        if first {
                            out.push_str(" {}\n");
                        }
                    }
                    other => write_value(other, indent + 2, out),
                }
            }
        }
        Node::Text(text) if text.contains('\n') && block_safe(text) => {
            out.push_str(" |");
            if !text.ends_with('\n') {
                out.push('-');
            }
            out.push('\n');
            for line in text.trim_end_matches('\n').split('\n') {
                if !line.is_empty() {
                    out.push_str(&" ".repeat(indent + 2));
                    out.push_str(line);
                }
                out.push('\n');
            }
        }
        scalar_node => {
            out.push(' ');
            out.push_str(&scalar(scalar_node, false));
            out.push('\n');
        }
    }
}

fn is_scalar(node: &Node) -> bool {
    matches!(node, Node::Text(_) | Node::Number(_) | Node::Bool(_))
}

/// Block text keeps every character except a leading space on the first
/// line and trailing spaces, which need quoting.
fn block_safe(text: &str) -> bool {
    !text.starts_with([' ', '\t'])
        && !text.lines().any(|l| l.ends_with([' ', '\t']))
        && !text.contains('\r')
        && !text.ends_with("\n\n")
}

fn scalar(node: &Node, in_flow: bool) -> String {
    match node {
        Node::Bool(value) => value.to_string(),
        Node::Number(value) if value.fract() == 0.0 && value.abs() < 1e15 => {
            format!("{}", *value as i64)
        }
        Node::Number(value) => value.to_string(),
        Node::Text(text) if plain_safe(text, in_flow) => text.clone(),
        Node::Text(text) => quoted(text),
        _ => String::new(),
    }
}

/// Double-quoted, JSON-style escapes (a subset of YAML's).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// Whether `text` reads back as the same string written plain, in YAML
/// 1.1 and 1.2 alike.
fn plain_safe(text: &str, in_flow: bool) -> bool {
    const WORDS: [&str; 14] = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "", "<<", "=", ".nan",
    ];
    let lower = text.to_ascii_lowercase();
    let first = text.chars().next().unwrap_or(' ');
    !WORDS.contains(&lower.as_str())
        && (first.is_alphabetic() || (first == '/' && !in_flow))
        && !text.ends_with([' ', ':'])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.contains(['\n', '\t', '"', '\\'])
        && !(in_flow && text.contains([',', '[', ']', '{', '}']))
        && !looks_like_number_or_time(text)
}

fn looks_like_number_or_time(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii_digit() || ":.-+_eE".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads_back(node: &Node) -> serde_yaml::Value {
        let text = document(&[], &map([("value", Some(node.clone()))]));
        let parsed: serde_yaml::Value = serde_yaml::from_str(&text).expect(&text);
        parsed["value"].clone()
    }

    #[test]
    fn words_yaml_would_misread_are_quoted() {
        for word in [
            "no", "Yes", "09:00", "07001", "1.5", "true", "a: b", "x #y", "-dash", "[x]",
        ] {
            assert_eq!(
                reads_back(&Node::text(word)),
                serde_yaml::Value::String(word.into()),
                "{word}"
            );
        }
    }

    #[test]
    fn multi_line_text_is_written_as_a_block_and_reads_back_the_same() {
        let text = "First paragraph, with: colons.\n\nSecond # not a comment.";
        assert_eq!(
            reads_back(&Node::text(text)),
            serde_yaml::Value::String(text.into())
        );
    }

    #[test]
    fn lists_of_maps_read_back() {
        let node = Node::List(vec![
            map([
                ("id", Some(Node::text("main"))),
                ("number", Some(Node::text("+1 505-555-0100"))),
            ]),
            map([
                ("id", Some(Node::text("two"))),
                ("tags", Some(Node::texts(["a, b", "c"]))),
            ]),
        ]);
        let value = reads_back(&node);
        assert_eq!(
            value[0]["number"],
            serde_yaml::Value::String("+1 505-555-0100".into())
        );
        assert_eq!(
            value[1]["tags"][0],
            serde_yaml::Value::String("a, b".into())
        );
    }
}
