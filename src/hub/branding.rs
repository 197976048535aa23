//! A hub's own look (`branding` in hub.yaml): a logo and favicon from
//! `static/`, and an accent colour that must read as text on the default
//! theme's backgrounds in light and dark mode (WCAG 2.2 AA, 4.5:1).

use crate::hub::config::Branding;

/// The backgrounds brand-coloured text sits on in the default theme
/// (`--bg` and `--surface` of style.css; a test keeps them in step).
pub const LIGHT_BACKGROUNDS: [&str; 2] = ["#fdfcfa", "#f3f1ec"];
pub const DARK_BACKGROUNDS: [&str; 2] = ["#15171a", "#1f2226"];

/// WCAG 2.2 AA contrast for normal text.
pub const MINIMUM_CONTRAST: f64 = 4.5;

/// Image types a logo may be, by extension, with their MIME types.
pub const IMAGE_TYPES: [(&str, &str); 6] = [
    ("svg", "image/svg+xml"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("webp", "image/webp"),
    ("gif", "image/gif"),
];

/// A favicon may also be an `.ico`.
pub const ICON_TYPES: [(&str, &str); 3] = [
    ("svg", "image/svg+xml"),
    ("png", "image/png"),
    ("ico", "image/x-icon"),
];

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour {
    pub red: u8,
    pub green: u8,
    pub blue: u8,
}

impl Colour {
    /// `#1d5e8c` or `#18c`, as CSS writes them.
    pub fn parse(text: &str) -> Option<Colour> {
        let hex = text.trim().strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |digits: &str| u8::from_str_radix(digits, 16).ok();
        match hex.len() {
            3 => {
                let double = |index: usize| channel(&hex[index..=index].repeat(2));
                Some(Colour {
                    red: double(0)?,
                    green: double(1)?,
                    blue: double(2)?,
                })
            }
            6 => Some(Colour {
                red: channel(&hex[0..2])?,
                green: channel(&hex[2..4])?,
                blue: channel(&hex[4..6])?,
            }),
            _ => None,
        }
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.red, self.green, self.blue)
    }

    /// Relative luminance (WCAG 2.2).
    fn luminance(self) -> f64 {
        let linear = |channel: u8| {
            let value = f64::from(channel) / 255.0;
            if value <= 0.04045 {
                value / 12.92
            } else {
                ((value + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.red) + 0.7152 * linear(self.green) + 0.0722 * linear(self.blue)
    }

    /// Contrast ratio with another colour, 1 to 21.
    pub fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (light, dark) = if a > b { (a, b) } else { (b, a) };
        (light + 0.05) / (dark + 0.05)
    }

    /// Mixed with `other`, `share` (0 to 1) of the way towards it.
    fn mix(self, other: Colour, share: f64) -> Colour {
        let blend = |from: u8, to: u8| {
            let value = f64::from(from) + (f64::from(to) - f64::from(from)) * share;
            value.round().clamp(0.0, 255.0) as u8
        };
        Colour {
            red: blend(self.red, other.red),
            green: blend(self.green, other.green),
            blue: blend(self.blue, other.blue),
        }
    }
}

const WHITE: Colour = Colour {
    red: 255,
    green: 255,
    blue: 255,
};
const BLACK: Colour = Colour {
    red: 0,
    green: 0,
    blue: 0,
};

/// The lowest contrast of `colour` on any of `backgrounds`.
pub fn lowest_contrast(colour: Colour, backgrounds: &[&str]) -> f64 {
    backgrounds
        .iter()
        .filter_map(|background| Colour::parse(background))
        .map(|background| colour.contrast(background))
        .fold(f64::INFINITY, f64::min)
}

/// The nearest shade of `colour` (towards black on light backgrounds,
/// towards white on dark ones) that reads on all of `backgrounds`.
pub fn readable_shade(colour: Colour, backgrounds: &[&str], dark: bool) -> Colour {
    let towards = if dark { WHITE } else { BLACK };
    (0..=100)
        .map(|step| colour.mix(towards, f64::from(step) / 100.0))
        .find(|shade| lowest_contrast(*shade, backgrounds) >= MINIMUM_CONTRAST)
        .unwrap_or(towards)
}

/// The accent colours of a hub, light and dark, when both are valid.
pub fn accents(branding: &Branding) -> Option<(Colour, Colour)> {
    let light = Colour::parse(branding.accent.as_deref()?)?;
    let dark = match &branding.accent_dark {
        Some(dark) => Colour::parse(dark)?,
        None => light,
    };
    Some((light, dark))
}

/// CSS appended to the theme's stylesheet for a hub's accent colour: the
/// site title, the header's lower edge and the theme's accents.
pub fn stylesheet(branding: &Branding) -> String {
    let Some((light, dark)) = accents(branding) else {
        return String::new();
    };
    format!(
        "\n:root{{--brand:{light};--accent:{light}}}\n@media (prefers-color-scheme: dark){{:root{{--brand:{dark};--accent:{dark}}}}}\n.site-header{{border-bottom:3px solid var(--brand)}}\n",
        light = light.hex(),
        dark = dark.hex(),
    )
}

/// The MIME type of an image file by its extension, among `types`.
pub fn image_type(path: &str, types: &[(&str, &'static str)]) -> Option<&'static str> {
    let extension = path.rsplit_once('.')?.1.to_ascii_lowercase();
    types
        .iter()
        .find(|(known, _)| *known == extension)
        .map(|(_, mime)| *mime)
}

/// A file of `static/` as hub.yaml may write it: `logo.svg`,
/// `static/logo.svg` or `/logo.svg`; its path in the site.
pub fn static_path(written: &str) -> String {
    let path = written.trim().trim_start_matches('/');
    path.strip_prefix("static/").unwrap_or(path).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_of_black_on_white_is_21() {
        let ratio = BLACK.contrast(WHITE);
        assert!((ratio - 21.0).abs() < 1e-9, "{ratio}");
    }

    #[test]
    fn short_and_long_hex_colours_parse_alike() {
        assert_eq!(Colour::parse("#18c"), Colour::parse("#1188CC"));
        assert_eq!(Colour::parse("blue"), None);
        assert_eq!(Colour::parse("#12345"), None);
    }

    #[test]
    fn a_readable_shade_reaches_the_minimum_on_every_background() {
        let pale = Colour::parse("#7fb3d5").expect("colour");
        for (backgrounds, dark) in [(&LIGHT_BACKGROUNDS, false), (&DARK_BACKGROUNDS, true)] {
            let shade = readable_shade(pale, backgrounds, dark);
            assert!(lowest_contrast(shade, backgrounds) >= MINIMUM_CONTRAST);
        }
    }
}
