//! Smaller CSS and JavaScript, for the theme's assets (render) and the
//! search scripts (search) alike. HTML pages are minified in postprocess.

/// minify-html minifies CSS inside `<style>`; wrapping a stylesheet in one
/// reuses that minifier instead of adding a second CSS dependency.
pub fn minify_css(css: &[u8]) -> Vec<u8> {
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
