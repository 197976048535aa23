//! A hub's own look (`branding` in hub.yaml, docs/branding.md): a logo
//! beside the title on every page, an accent colour that reads in light
//! and dark mode, a favicon only when the hub chooses one, and every
//! mistake named by `haven check`.

mod common;

use std::fs;

use common::*;
use haven::hub::branding::{self, Colour, DARK_BACKGROUNDS, LIGHT_BACKGROUNDS, MINIMUM_CONTRAST};

const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="4" fill="#6b2f5e"/></svg>"##;

fn branded_hub(branding: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let config = format!("{MINIMAL_HUB}branding:\n{branding}");
    let partner = minimal_partner("food");
    let mut all = vec![
        ("hub.yaml", config.as_str()),
        ("partners/food.yaml", partner.as_str()),
    ];
    all.extend_from_slice(files);
    hub(&all)
}

/// Error and warning lines of `haven check` on a hub.
fn check(hub: &tempfile::TempDir) -> String {
    let output = haven()
        .args(["check", "--root"])
        .arg(hub.path())
        .output()
        .expect("run haven");
    String::from_utf8_lossy(&output.stderr).to_string()
}

#[test]
fn every_page_shows_the_logo_with_its_alt_text_beside_the_title() {
    let hub = branded_hub(
        "  logo: brand/logo.svg\n  logo_alt: Test Coalition\n",
        &[("static/brand/logo.svg", LOGO)],
    );
    let out = tempfile::tempdir().expect("temp");
    haven::build(&plan(hub.path(), out.path())).expect("build");
    assert!(
        out.path().join("brand/logo.svg").is_file(),
        "the logo is published"
    );
    let pages: Vec<_> = read_tree(out.path())
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .collect();
    assert!(pages.len() > 5);
    for (path, bytes) in pages {
        let html = String::from_utf8(bytes).expect("utf-8");
        let start = html
            .find("class=site-title")
            .unwrap_or_else(|| panic!("{path} has a site title"));
        let title = &html[start..];
        let link = &title[..title
            .find("</a>")
            .unwrap_or_else(|| panic!("{path}: {title}"))];
        assert!(
            link.contains("logo.svg") && link.contains("alt=\"Test Coalition\""),
            "{path}: {link}"
        );
        assert!(
            link.ends_with("Test Hub"),
            "{path}: the title stays beside the logo: {link}"
        );
    }
}

/// The fingerprinted stylesheet (`assets/style.<hash>.css`) of a built site.
fn built_stylesheet(site: &std::path::Path) -> String {
    read_tree(&site.join("assets"))
        .into_iter()
        .find(|(path, _)| path.starts_with("style."))
        .map(|(_, bytes)| String::from_utf8(bytes).expect("utf-8"))
        .expect("style.css")
}

#[test]
fn the_accent_colours_reach_the_stylesheet_for_light_and_dark_mode() {
    let hub = branded_hub("  accent: \"#6b2f5e\"\n  accent_dark: \"#dcb4d3\"\n", &[]);
    let out = tempfile::tempdir().expect("temp");
    haven::build(&plan(hub.path(), out.path())).expect("build");
    let css = built_stylesheet(out.path());
    let dark = css
        .rfind("prefers-color-scheme:dark")
        .expect("a dark-mode block");
    let light = css.rfind("--brand:#6b2f5e").expect("the light accent");
    let dark_accent = css.rfind("--brand:#dcb4d3").expect("the dark accent");
    assert!(
        light < dark && dark < dark_accent,
        "the dark accent is inside a dark-mode block"
    );
}

#[test]
fn without_branding_the_site_keeps_the_neutral_look_and_favicon() {
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &minimal_partner("food")),
    ]);
    let out = tempfile::tempdir().expect("temp");
    haven::build(&plan(hub.path(), out.path())).expect("build");
    let home = fs::read_to_string(out.path().join("index.html")).expect("home");
    assert!(!home.contains("site-title__logo"));
    assert!(home.contains("favicon."), "the theme's neutral favicon");
    let css = built_stylesheet(out.path());
    assert!(!css.contains("--brand:"), "no brand colour is set");
}

#[test]
fn a_favicon_the_hub_chooses_replaces_the_neutral_one() {
    let hub = branded_hub("  favicon: icon.png\n", &[("static/icon.png", "\u{89}PNG")]);
    let out = tempfile::tempdir().expect("temp");
    haven::build(&plan(hub.path(), out.path())).expect("build");
    let home = fs::read_to_string(out.path().join("index.html")).expect("home");
    assert!(
        home.contains("rel=icon href=icon.png type=image/png"),
        "{}",
        &home[..home.find("</head>").unwrap_or(0)]
    );
    assert!(!home.contains("favicon."));
}

#[test]
fn a_logo_missing_from_static_is_e085_naming_the_file() {
    let hub = branded_hub("  logo: logo.svg\n  logo_alt: Test Coalition\n", &[]);
    let report = check(&hub);
    assert!(
        report.contains("error[E085]: hub.yaml:")
            && report.contains("no file \"logo.svg\" in static/"),
        "{report}"
    );
    assert!(report.contains("branding.logo"), "{report}");
}

#[test]
fn a_logo_without_alt_text_is_e085() {
    let hub = branded_hub("  logo: logo.svg\n", &[("static/logo.svg", LOGO)]);
    let report = check(&hub);
    assert!(
        report.contains("error[E085]") && report.contains("no logo_alt"),
        "{report}"
    );
}

#[test]
fn a_logo_that_is_not_an_image_is_e085() {
    let hub = branded_hub(
        "  logo: logo.pdf\n  logo_alt: Test Coalition\n",
        &[("static/logo.pdf", "%PDF")],
    );
    let report = check(&hub);
    assert!(
        report.contains("error[E085]") && report.contains("is not an SVG, PNG"),
        "{report}"
    );
}

#[test]
fn a_large_logo_is_w087_with_its_size() {
    let large = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- {} --></svg>",
        "x".repeat(40 * 1024)
    );
    let hub = branded_hub(
        "  logo: logo.svg\n  logo_alt: Test Coalition\n",
        &[("static/logo.svg", &large)],
    );
    let report = check(&hub);
    assert!(
        report.contains("warning[W087]") && report.contains("logo.svg is 41 KB"),
        "{report}"
    );
}

#[test]
fn an_accent_too_faint_to_read_is_e086_and_the_suggested_shade_reads() {
    let hub = branded_hub("  accent: \"#f5c518\"\n  accent_dark: \"#f5c518\"\n", &[]);
    let report = check(&hub);
    let line = report
        .lines()
        .find(|line| line.contains("error[E086]"))
        .unwrap_or_else(|| panic!("no E086 in {report}"));
    assert!(
        line.contains("branding.accent") && line.contains("in light mode"),
        "{line}"
    );
    let help = report
        .lines()
        .find(|line| line.contains("help: use \"#"))
        .unwrap_or_else(|| panic!("no suggested shade in {report}"));
    let suggested = help.split('"').nth(1).expect("a quoted colour");
    let shade = Colour::parse(suggested).expect("a colour");
    assert!(branding::lowest_contrast(shade, &LIGHT_BACKGROUNDS) >= MINIMUM_CONTRAST);
}

#[test]
fn a_dark_accent_without_accent_dark_asks_for_one_that_reads_in_dark_mode() {
    let hub = branded_hub("  accent: \"#6b2f5e\"\n", &[]);
    let report = check(&hub);
    assert!(
        report.contains("error[E086]") && report.contains("in dark mode"),
        "{report}"
    );
    let suggested = report
        .split("add accent_dark: \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no accent_dark suggestion in {report}"));
    let shade = Colour::parse(suggested).expect("a colour");
    assert!(branding::lowest_contrast(shade, &DARK_BACKGROUNDS) >= MINIMUM_CONTRAST);
}

#[test]
fn an_accent_that_is_not_a_colour_is_e086() {
    let hub = branded_hub("  accent: purple\n", &[]);
    let report = check(&hub);
    assert!(
        report.contains("error[E086]") && report.contains("\"purple\" is not a colour"),
        "{report}"
    );
}

#[test]
fn the_backgrounds_checked_are_those_of_the_theme() {
    let css = fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/style.css"),
    )
    .expect("style.css");
    let dark_start = css.find("prefers-color-scheme: dark").expect("dark block");
    let value = |name: &str, from: usize| {
        let at = css[from..].find(&format!("{name}: ")).expect(name) + from + name.len() + 2;
        css[at..at + 7].to_string()
    };
    assert_eq!([value("--bg", 0), value("--surface", 0)], LIGHT_BACKGROUNDS);
    assert_eq!(
        [value("--bg", dark_start), value("--surface", dark_start)],
        DARK_BACKGROUNDS
    );
}
