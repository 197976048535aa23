//! Web addresses of the hub's settings (rule E084). They end up in every
//! page, in the Content-Security-Policy and in the `_headers` file, so
//! beyond being well formed they must hold nothing that could end a
//! header or a policy directive early.

/// How a setting's address may start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schemes {
    HttpsOnly,
    /// `base_url`, which may be `http://` for a site on a local network.
    HttpOrHttps,
}

/// Why `url` cannot be a setting's address, if it cannot.
pub fn setting_problem(url: &str, schemes: Schemes) -> Option<&'static str> {
    if url
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\u{feff}')
    {
        return Some("it contains a space, a line break or another invisible character");
    }
    let lower = url.to_ascii_lowercase();
    let rest = match schemes {
        Schemes::HttpsOnly => lower.strip_prefix("https://"),
        Schemes::HttpOrHttps => lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://")),
    };
    let Some(rest) = rest else {
        return Some(match schemes {
            Schemes::HttpsOnly => "it is not an https:// address",
            Schemes::HttpOrHttps => "it is not an https:// or http:// address",
        });
    };
    if url.contains(['"', '\'', '<', '>', '\\', '`', ';', ',']) {
        return Some("it contains a character that is not allowed here: \" ' < > \\ ` ; or ,");
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_is_valid = !host.is_empty()
        && !host.starts_with(['.', '-', ':'])
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    if !host_is_valid {
        return Some("its host name is not valid");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_https_addresses_are_fine() {
        for url in [
            "https://forms.example.org/corrections?hub=1",
            "https://github.com/coalition/hub/edit/main/{path}",
            "https://hub.example.org:8443/",
        ] {
            assert_eq!(setting_problem(url, Schemes::HttpsOnly), None, "{url}");
        }
    }

    #[test]
    fn addresses_that_could_break_a_header_or_run_code_are_refused() {
        for url in [
            "javascript:alert(1)",
            "https://forms.example.org; script-src *",
            "https://forms.example.org\nX-Injected: 1",
            "https://forms.example.org,https://evil.example",
            "http://forms.example.org/",
            "https://\"onmouseover=x/",
            "https:///path",
        ] {
            assert!(setting_problem(url, Schemes::HttpsOnly).is_some(), "{url}");
        }
        assert_eq!(
            setting_problem("http://hub.local/", Schemes::HttpOrHttps),
            None
        );
    }
}
