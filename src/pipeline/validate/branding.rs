//! `branding` in hub.yaml: the logo and favicon are images of `static/`
//! (E085), the logo says what it shows (E085), and the accent colours
//! read as text in light and dark mode (E086). A large logo slows every
//! page (W087).

use crate::diagnostics::rules::{self, Rule};
use crate::diagnostics::Diagnostic;
use crate::hub::branding::{
    self, Colour, DARK_BACKGROUNDS, ICON_TYPES, IMAGE_TYPES, LIGHT_BACKGROUNDS, MINIMUM_CONTRAST,
};
use crate::pipeline::load::Hub;

/// A logo larger than this is downloaded on every first visit.
pub const LOGO_BUDGET_BYTES: u64 = 30 * 1024;

pub fn check(hub: &Hub, out: &mut Vec<Diagnostic>) {
    let branding = &hub.config.branding;
    let locator = crate::hub::yaml::Locator::new(hub.config_file.text.clone(), 0);
    let at = |code: Rule, field: &str, message: String| {
        Diagnostic::new(code, &hub.config_file.path, message)
            .at(locator.find(field))
            .field(field.to_string())
    };
    let static_file = |written: &str| {
        let path = branding::static_path(written);
        hub.static_files
            .iter()
            .find(|file| file.output_path == path)
            .map(|file| (path, file.source.clone()))
    };
    for (field, written, types, kinds) in [
        (
            "branding.logo",
            &branding.logo,
            &IMAGE_TYPES[..],
            "an SVG, PNG, JPEG, WebP or GIF image",
        ),
        (
            "branding.favicon",
            &branding.favicon,
            &ICON_TYPES[..],
            "an SVG, PNG or ICO image",
        ),
    ] {
        let Some(written) = written else { continue };
        if branding::image_type(written, types).is_none() {
            out.push(
                at(
                    rules::BAD_BRANDING_IMAGE,
                    field,
                    format!("\"{written}\" is not {kinds}"),
                )
                .help("save the image in one of those formats in static/ and write its file name"),
            );
            continue;
        }
        let Some((path, source)) = static_file(written) else {
            out.push(
                at(rules::BAD_BRANDING_IMAGE, field, format!("no file \"{}\" in static/", branding::static_path(written)))
                    .help("put the image in the hub's static/ folder and write its path there, e.g. logo.svg for static/logo.svg"),
            );
            continue;
        };
        let size = std::fs::metadata(&source).map_or(0, |m| m.len());
        if field == "branding.logo" && size > LOGO_BUDGET_BYTES {
            out.push(
                at(rules::LARGE_LOGO, field, format!("{path} is {} KB; every page loads it, on slow and metered phones too", size.div_ceil(1024)))
                    .help(format!("use an SVG, or a PNG at most {} KB (about 200 pixels wide is enough for the header)", LOGO_BUDGET_BYTES / 1024))
            );
        }
    }
    if branding.logo.is_some()
        && branding
            .logo_alt
            .as_deref()
            .is_none_or(|alt| alt.trim().is_empty())
    {
        out.push(
            at(
                rules::BAD_BRANDING_IMAGE,
                "branding.logo",
                "the logo has no logo_alt: screen readers would announce only its file name".into(),
            )
            .help(
                "add logo_alt: with what the logo shows, e.g. logo_alt: Juniper County Coalition",
            ),
        );
    }
    accent(
        branding.accent.as_deref(),
        "branding.accent",
        &LIGHT_BACKGROUNDS,
        false,
        &at,
        out,
    );
    let dark = branding
        .accent_dark
        .as_deref()
        .or(branding.accent.as_deref());
    let dark_field = if branding.accent_dark.is_some() {
        "branding.accent_dark"
    } else {
        "branding.accent"
    };
    if branding.accent_dark.is_some() && branding.accent.is_none() {
        out.push(
            at(
                rules::UNREADABLE_ACCENT,
                "branding.accent_dark",
                "accent_dark is set without accent".into(),
            )
            .help("set accent: for light mode too"),
        );
    } else {
        accent(dark, dark_field, &DARK_BACKGROUNDS, true, &at, out);
    }
}

/// E086: an accent that is not a colour, or too faint on `backgrounds`.
fn accent(
    written: Option<&str>,
    field: &str,
    backgrounds: &[&str],
    dark: bool,
    at: &dyn Fn(Rule, &str, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    let Some(written) = written else { return };
    let Some(colour) = Colour::parse(written) else {
        out.push(
            at(
                rules::UNREADABLE_ACCENT,
                field,
                format!("\"{written}\" is not a colour"),
            )
            .help("write it as a hex colour in quotes, e.g. accent: \"#1d5e8c\""),
        );
        return;
    };
    let contrast = branding::lowest_contrast(colour, backgrounds);
    if contrast >= MINIMUM_CONTRAST {
        return;
    }
    let mode = if dark { "dark" } else { "light" };
    let shade = branding::readable_shade(colour, backgrounds, dark).hex();
    let help = if dark && field == "branding.accent" {
        format!("add accent_dark: \"{shade}\" (the nearest lighter shade that reads in dark mode)")
    } else {
        format!("use \"{shade}\" instead, the nearest shade that reads in {mode} mode")
    };
    out.push(
        at(
            rules::UNREADABLE_ACCENT,
            field,
            format!(
                "{written} has a contrast of {contrast:.1}:1 with the page in {mode} mode; text in it needs {MINIMUM_CONTRAST}:1 to be read"
            ),
        )
        .help(help),
    );
}
