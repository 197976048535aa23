//! Theme assets (CSS, JS, images): minified and given content-hashed names
//! so a host can cache them forever and a changed file is never stale.

use std::collections::BTreeMap;

use crate::output::{fnv1a, OutputFile};

/// Logical name (`style.css`) → output path (`/assets/style.1a2b3c4d.css`).
#[derive(Debug, Clone, Default)]
pub struct Assets {
    pub paths: BTreeMap<String, String>,
    pub files: Vec<OutputFile>,
}

pub fn prepare(sources: &BTreeMap<String, Vec<u8>>, minify: bool) -> Assets {
    let mut assets = Assets::default();
    for (name, bytes) in sources {
        let contents = match name.rsplit_once('.').map(|(_, ext)| ext) {
            Some("css") if minify => minify_css(bytes),
            Some("js") if minify => minify_js(bytes),
            _ => bytes.clone(),
        };
        let hash = format!("{:016x}", fnv1a(&contents));
        let output = match name.rsplit_once('.') {
            Some((stem, extension)) => format!("assets/{stem}.{}.{extension}", &hash[..10]),
            None => format!("assets/{name}.{}", &hash[..10]),
        };
        assets.paths.insert(name.clone(), format!("/{output}"));
        assets.files.push(OutputFile {
            path: output,
            contents,
        });
    }
    assets
}

/// minify-html minifies CSS inside `<style>`; wrapping a stylesheet in one
/// reuses that minifier instead of adding a second CSS dependency.
fn minify_css(css: &[u8]) -> Vec<u8> {
    minify_wrapped(css, b"<style>", b"</style>")
}

/// Minified with oxc, local names mangled. A script oxc cannot parse is
/// shipped as written rather than half-minified.
pub fn minify_js(js: &[u8]) -> Vec<u8> {
    let Ok(source) = std::str::from_utf8(js) else {
        return js.to_vec();
    };
    let allocator = oxc_allocator::Allocator::default();
    let parsed =
        oxc_parser::Parser::new(&allocator, source, oxc_span::SourceType::default()).parse();
    if !parsed.errors.is_empty() {
        return js.to_vec();
    }
    let mut program = parsed.program;
    let minified = oxc_minifier::Minifier::new(oxc_minifier::MinifierOptions {
        mangle: Some(oxc_minifier::MangleOptions::default()),
        compress: Some(oxc_minifier::CompressOptions::safest()),
    })
    .minify(&allocator, &mut program);
    let code = oxc_codegen::Codegen::new()
        .with_options(oxc_codegen::CodegenOptions::minify())
        .with_scoping(minified.scoping)
        .build(&program)
        .code;
    code.into_bytes()
}

fn minify_wrapped(code: &[u8], open: &[u8], close: &[u8]) -> Vec<u8> {
    let mut wrapped = open.to_vec();
    wrapped.extend_from_slice(code);
    wrapped.extend_from_slice(close);
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    cfg.minify_js = true;
    cfg.keep_closing_tags = true;
    let minified = minify_html::minify(&wrapped, &cfg);
    match (minified.strip_prefix(open), minified.ends_with(close)) {
        (Some(rest), true) => rest[..rest.len() - close.len()].to_vec(),
        // Never ship something the minifier mangled: fall back to the source.
        _ => code.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_loses_its_comment_lines() {
        let sources = BTreeMap::from([("a.js".to_string(), b"// why\nlet a = 1;\n".to_vec())]);
        let assets = prepare(&sources, true);
        assert!(!String::from_utf8_lossy(&assets.files[0].contents).contains("why"));
    }

    #[test]
    fn css_is_minified_and_fingerprinted() {
        let sources = BTreeMap::from([(
            "style.css".to_string(),
            b"body {\n  color: red;\n}\n".to_vec(),
        )]);
        let assets = prepare(&sources, true);
        let path = &assets.paths["style.css"];
        assert!(
            path.starts_with("/assets/style.") && path.ends_with(".css"),
            "{path}"
        );
        assert_eq!(
            String::from_utf8_lossy(&assets.files[0].contents),
            "body{color:red}"
        );
    }
}
