//! Content written by others: what a second hub's authors type, and what
//! the site then does with it.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// What a phone dials for the text a visitor sees, worked out here on its
/// own: letters are keypad digits, "ext." / "x" / "#" start an extension,
/// a ten-digit number is North American.
fn dialled_for_shown(shown: &str) -> (String, Option<String>) {
    let lower = shown.to_ascii_lowercase();
    let (number, extension) = ["extension", "ext.", "ext", " x", "#"]
        .iter()
        .find_map(|marker| {
            let at = lower.rfind(marker)?;
            let extension: String = lower[at + marker.len()..]
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            (!extension.is_empty()).then(|| (&shown[..at], Some(extension)))
        })
        .unwrap_or((shown, None));
    let keypad = |c: char| match c.to_ascii_uppercase() {
        '0'..='9' => Some(c),
        'A'..='C' => Some('2'),
        'D'..='F' => Some('3'),
        'G'..='I' => Some('4'),
        'J'..='L' => Some('5'),
        'M'..='O' => Some('6'),
        'P'..='S' => Some('7'),
        'T'..='V' => Some('8'),
        'W'..='Z' => Some('9'),
        _ => None,
    };
    let mut digits: String = number.chars().filter_map(keypad).collect();
    if digits.len() == 10 {
        digits.insert(0, '1');
    }
    (digits, extension)
}

/// What a `tel:` link dials: its digits, and the extension after a pause.
fn dialled_by_link(href: &str) -> (String, Option<String>) {
    let number = href.trim_start_matches("tel:");
    let (number, extension) = match number.split_once(',') {
        Some((number, extension)) => (number, Some(extension.to_string())),
        None => (number, None),
    };
    (
        number.chars().filter(char::is_ascii_digit).collect(),
        extension,
    )
}

/// Every call link of a built site: (file, href, the text shown for it,
/// with an " ext. N" written after the link).
fn call_links(site: &Path) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    for (path, bytes) in read_tree(site) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        for piece in html.split("href=").skip(1) {
            let href: String = piece
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| !matches!(c, '"' | '\'' | ' ' | '>'))
                .collect();
            if !href.starts_with("tel:") {
                continue;
            }
            let Some((_, after)) = piece.split_once('>') else {
                continue;
            };
            let Some((text, rest)) = after.split_once("</a>") else {
                continue;
            };
            let mut shown = text.to_string();
            if let Some(extension) = rest.strip_prefix(" ext. ") {
                let digits: String = extension.chars().take_while(char::is_ascii_digit).collect();
                shown.push_str(&format!(" ext. {digits}"));
            }
            found.push((path.clone(), href, shown));
        }
    }
    found
}

#[test]
fn every_call_link_dials_exactly_the_number_shown() {
    let hub = copy_of_example_site();
    let settings = hub.path().join("hub.yaml");
    let text = fs::read_to_string(&settings).unwrap();
    // The real Childhelp line, as it is published, and an extension both
    // in the text and in the field.
    fs::write(
        &settings,
        text.replace(
            "crisis_lines:\n",
            "crisis_lines:\n  - label: Childhelp National Child Abuse Hotline\n    number: \"1-800-4-A-CHILD\"\n    kind: voice\n    hours: 24/7\n",
        ),
    )
    .unwrap();
    let partner = hub.path().join("partners/juniper-county-legal-aid.yaml");
    let record = fs::read_to_string(&partner).unwrap();
    let phones_at = record.find("phones:\n").expect("the partner has phones");
    let with_extension = format!(
        "{}phones:\n  - id: intake-desk\n    number: \"(505) 555-0170 ext. 12\"\n    kind: voice\n    label: Intake desk\n  - id: records-desk\n    number: \"505-555-0171\"\n    extension: \"7\"\n    kind: voice\n    label: Records\n{}",
        &record[..phones_at],
        &record[phones_at + "phones:\n".len()..]
    );
    fs::write(&partner, with_extension).unwrap();

    let output = tempfile::tempdir().unwrap();
    haven::build(&plan(hub.path(), &output.path().join("site"))).expect("the hub builds");
    let links = call_links(&output.path().join("site"));
    assert!(links.len() > 100, "only {} call links", links.len());
    for (path, href, shown) in &links {
        assert_eq!(
            dialled_by_link(href),
            dialled_for_shown(shown),
            "{path}: {href} for {shown:?}"
        );
    }
    for expected in [
        "tel:+18004224453",
        "tel:+15055550170,12",
        "tel:+15055550171,7",
    ] {
        assert!(
            links.iter().any(|(_, href, _)| href == expected),
            "no link {expected}"
        );
    }
}

#[test]
fn a_number_that_cannot_be_dialled_is_an_error_naming_its_line() {
    let settings = MINIMAL_HUB.replace("1-800-799-7233", "1-800-HELP");
    let dir = hub(&[
        ("hub.yaml", &settings),
        ("partners/food.yaml", &minimal_partner("food")),
    ]);
    let output = haven()
        .args(["check", "--today", TODAY, "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&output.stderr).to_string()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success());
    assert!(printed.contains("error[E050]: hub.yaml:4:"), "{printed}");
}
