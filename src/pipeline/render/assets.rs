//! Theme assets (CSS, JS, images): minified and given content-hashed names
//! so a host can cache them forever and a changed file is never stale.

use std::collections::BTreeMap;

use crate::pipeline::minify::{minify_css, minify_js};
use crate::pipeline::output::{fnv1a, OutputFile};

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
