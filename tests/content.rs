//! Content written by others: what a second hub's authors type, and what
//! the site then does with it.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// What a phone dials for the text a visitor sees, worked out here on its
/// own: letters are keypad digits, "ext." / "x" / "#" start an extension,
/// digits in brackets after letters only spell them out, a ten-digit
/// number is North American.
fn dialled_for_shown(shown: &str) -> (String, Option<String>) {
    let shown = match shown.rsplit_once(" (") {
        Some((number, _)) if number.chars().any(|c| c.is_ascii_alphabetic()) => number,
        _ => shown,
    };
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
            "crisis_lines:\n  - label: Childhelp National Child Abuse Hotline\n    number: \"1-800-4-A-CHILD\"\n    kind: voice\n    hours: 24/7\n  - label: RAINN National Sexual Assault Hotline\n    number: \"1-800-656-HOPE (4673)\"\n    kind: voice\n    hours: 24/7\n",
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
        "tel:+18006564673",
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

/// `haven check` of a hub: whether it passed, and what it printed.
fn check(root: &Path) -> (bool, String) {
    let output = haven()
        .args(["check", "--today", TODAY, "--root"])
        .arg(root)
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&output.stderr).to_string()
        + &String::from_utf8_lossy(&output.stdout);
    (output.status.success(), printed)
}

/// The `<a …>` tag of the link whose text starts with `text`.
fn link_tag<'a>(page: &'a str, text: &str) -> &'a str {
    let at = page
        .find(&format!(">{text}"))
        .unwrap_or_else(|| panic!("no link {text:?} in {page}"));
    let start = page[..at].rfind("<a ").expect("a link tag");
    &page[start..=at]
}

#[test]
fn a_guide_links_to_its_translation_and_back() {
    let settings = format!("{MINIMAL_HUB}languages: [es]\n");
    let dir = hub(&[
        ("hub.yaml", &settings),
        ("partners/food.yaml", &minimal_partner("food")),
        (
            "guides/welcome.md",
            "---\ntitle: Welcome\n---\n## Start\n\nThis guide [en español](welcome.es.md), or [its first part](welcome.es.md#inicio).\n",
        ),
        (
            "guides/welcome.es.md",
            "---\ntitle: Bienvenida\n---\n## Inicio\n\nEsta guía [in English](welcome.md).\n",
        ),
    ]);
    let output = tempfile::tempdir().unwrap();
    haven::build(&plan(dir.path(), output.path())).expect("links to translations resolve");
    let english = fs::read_to_string(output.path().join("guides/welcome/index.html")).unwrap();
    let spanish = fs::read_to_string(output.path().join("es/guides/welcome/index.html")).unwrap();
    let to_spanish = link_tag(&english, "en español");
    assert!(to_spanish.contains("hreflang=es"), "{to_spanish}");
    assert_eq!(links(to_spanish), ["../../es/guides/welcome/"]);
    assert_eq!(
        links(link_tag(&english, "its first part")),
        ["../../es/guides/welcome/#inicio"]
    );
    let to_english = link_tag(&spanish, "in English");
    assert!(to_english.contains("hreflang=en"), "{to_english}");
    assert_eq!(links(to_english), ["../../../guides/welcome/"]);
}

#[test]
fn a_missing_guide_title_points_at_the_front_matter() {
    let dir = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &minimal_partner("food")),
        (
            "guides/welcome.md",
            "---\nsummary: Start here\n---\nHello.\n",
        ),
    ]);
    let (passed, printed) = check(dir.path());
    assert!(!passed);
    assert!(
        printed.contains("error[E011]: guides/welcome.md:2:1: missing field \"title\""),
        "{printed}"
    );
}

#[test]
fn an_unreadable_partner_file_is_reported_once() {
    let dir = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        (
            "private/food.yaml",
            "internal:\n  notes: Call before visiting on Mondays.\n",
        ),
    ]);
    let mut bytes = minimal_partner("food").into_bytes();
    bytes.extend_from_slice(b"# caf\xe9\n");
    fs::create_dir_all(dir.path().join("partners")).unwrap();
    fs::write(dir.path().join("partners/food.yaml"), bytes).unwrap();
    let (passed, printed) = check(dir.path());
    assert!(!passed);
    assert!(
        printed.contains("error[E001]: partners/food.yaml"),
        "{printed}"
    );
    assert!(!printed.contains("E024"), "{printed}");
}

#[test]
fn a_logo_is_a_static_file_shown_on_the_page_and_in_the_open_data() {
    let partner = minimal_partner("food").replace("website:", "logo: logos/food.png\nwebsite:");
    let dir = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &partner),
        ("static/logos/food.png", "\u{89}PNG"),
    ]);
    let output = tempfile::tempdir().unwrap();
    haven::build(&plan(dir.path(), output.path())).expect("a logo in static/ builds");
    let page = fs::read_to_string(output.path().join("partners/food/index.html")).unwrap();
    assert!(page.contains("logos/food.png"), "{page}");
    let organizations =
        fs::read_to_string(output.path().join("data/hsds/organizations.json")).unwrap();
    assert!(
        organizations.contains("\"logo\":\"https://hub.example.org/logos/food.png\""),
        "{organizations}"
    );
}

#[test]
fn a_logo_that_is_not_an_image_address_or_file_is_refused() {
    for logo in [
        "\"javascript:alert(1)\"",
        "logos/missing.png",
        "\"http://x.example/a.png\"",
    ] {
        let partner =
            minimal_partner("food").replace("website:", &format!("logo: {logo}\nwebsite:"));
        let dir = hub(&[("hub.yaml", MINIMAL_HUB), ("partners/food.yaml", &partner)]);
        let (passed, printed) = check(dir.path());
        assert!(!passed, "{logo}");
        assert!(
            printed.contains("error[E056]: partners/food.yaml:"),
            "{printed}"
        );
    }
}

/// Text files of the repository a reader may open: Markdown, sources,
/// scripts, templates.
fn repository_texts() -> Vec<(std::path::PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            let hidden = name.starts_with('.') && e.depth() > 0;
            let built = ["target", "node_modules", "public"].contains(&name.as_ref());
            !hidden && !built
        })
        .filter_map(Result::ok)
        .filter(|e| {
            e.path().extension().is_some_and(|x| {
                ["md", "rs", "js", "mjs", "sh", "html", "toml", "yml", "yaml"]
                    .contains(&x.to_string_lossy().as_ref())
            })
        })
        .filter_map(|e| Some((e.path().to_path_buf(), fs::read_to_string(e.path()).ok()?)))
        .collect()
}

/// Markdown without its code blocks and code spans, where links are
/// examples rather than links.
fn without_code(markdown: &str) -> String {
    let mut prose = String::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            let spans: Vec<&str> = line.split('`').collect();
            prose.extend(spans.iter().step_by(2).copied());
            prose.push('\n');
        }
    }
    prose
}

#[test]
fn every_markdown_link_and_cited_path_exists_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut missing = Vec::new();
    for (file, text) in repository_texts() {
        let shown = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .display()
            .to_string();
        if file.extension().is_some_and(|x| x == "md") {
            for piece in without_code(&text).split("](").skip(1) {
                let target = piece.split(')').next().unwrap_or_default();
                let target = target.split('#').next().unwrap_or_default().trim();
                let external = target.contains("://") || target.starts_with("mailto:");
                if target.is_empty() || external || target.contains(' ') {
                    continue;
                }
                let base = file.parent().unwrap_or(root);
                if !base.join(target).exists() {
                    missing.push(format!("{shown}: link to {target}"));
                }
            }
        }
        for cited in text.split(|c: char| !(c.is_ascii_alphanumeric() || "/._-".contains(c))) {
            let is_repository_path = ["docs/", "benches/", "tests/browser/"]
                .iter()
                .any(|dir| cited.starts_with(dir))
                && cited.ends_with(".md");
            if is_repository_path && !root.join(cited).exists() {
                missing.push(format!("{shown}: cites {cited}"));
            }
            let this_test = file.ends_with("tests/content.rs");
            let outside = cited == "PRODUCT.md"
                || cited.contains("shared/design")
                || cited.starts_with("design/");
            if outside && !this_test {
                missing.push(format!(
                    "{shown}: cites {cited}, which the repository does not hold"
                ));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// A hub of one partner file with `extra` appended to the minimal record,
/// in English and Spanish: what `haven check` printed.
fn checked_with(extra: &str) -> String {
    let settings = format!("{MINIMAL_HUB}languages: [es]\n");
    let partner = format!("{}{extra}", minimal_partner("food"));
    let dir = hub(&[("hub.yaml", &settings), ("partners/food.yaml", &partner)]);
    let (passed, printed) = check(dir.path());
    assert!(!passed, "{printed}");
    printed
}

#[test]
fn translations_under_a_service_say_where_they_belong() {
    let printed = checked_with("    translations:\n      es:\n        name: Comida\n");
    assert!(
        printed
            .contains("translations belong at the top level of the record, not under services[0]"),
        "{printed}"
    );
    assert!(
        !printed.contains("did you mean \"translations\""),
        "{printed}"
    );
}

#[test]
fn a_language_block_at_the_top_level_says_how_to_write_a_translation() {
    let printed = checked_with("es:\n  description: Comida para todos.\n");
    assert!(
        printed.contains("a translation goes under translations:"),
        "{printed}"
    );
    assert!(!printed.contains("did you mean \"geo\""), "{printed}");
}

#[test]
fn service_translations_written_as_a_list_show_the_mapping_to_write() {
    let printed = checked_with(
        "translations:\n  es:\n    services:\n      - id: groceries\n        name: Comida\n",
    );
    assert!(
        printed.contains("a service's translation goes under its id, not in a list"),
        "{printed}"
    );
    assert!(printed.contains("groceries:"), "{printed}");
}

#[test]
fn a_translation_of_a_service_that_does_not_exist_is_an_error() {
    let printed =
        checked_with("translations:\n  es:\n    services:\n      grocery:\n        name: Comida\n");
    assert!(
        printed.contains("error[E104]: partners/food.yaml:"),
        "{printed}"
    );
    assert!(printed.contains("did you mean \"groceries\""), "{printed}");
}

#[test]
fn the_build_counts_the_warnings_it_prints() {
    let settings = format!("{MINIMAL_HUB}languages: [es]\n");
    let dir = hub(&[
        ("hub.yaml", &settings),
        ("partners/food.yaml", &minimal_partner("food")),
        ("partners/pantry.yaml", &minimal_partner("pantry")),
    ]);
    let output = haven()
        .args(["build", "--today", TODAY, "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    let (printed, summary) = (
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout),
    );
    let shown = printed.matches("warning[").count();
    assert!(
        summary.contains(&format!("; {shown} warning(s) (2 more with --verbose)")),
        "{printed}{summary}"
    );
}

#[test]
fn a_failed_first_build_does_not_mention_a_previous_site() {
    let dir = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", "id: food\n"),
    ]);
    let output = haven()
        .args(["build", "--today", TODAY, "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(printed.contains("nothing was written"), "{printed}");
    assert!(!printed.contains("previous site"), "{printed}");
}

#[test]
fn a_day_open_around_the_clock_reads_open_24_hours_in_each_language() {
    let settings = format!("{MINIMAL_HUB}languages: [en, es]\ndefault_timezone: America/Denver\n");
    let partner = minimal_partner("shelter").replace(
        "website:",
        "phones:\n  - id: line\n    number: \"+1 505-555-0142\"\n    kind: voice\n    label: Shelter line\n    hours: { mon: \"09:00-17:00\", sat: \"00:00-24:00\" }\nwebsite:",
    );
    let dir = hub(&[("hub.yaml", &settings), ("partners/shelter.yaml", &partner)]);
    let output = tempfile::tempdir().unwrap();
    haven::build(&plan(dir.path(), &output.path().join("site"))).expect("the hub builds");
    for (page, saturday, all_day) in [
        ("partners/shelter/index.html", "Saturday", "Open 24 hours"),
        (
            "es/partners/shelter/index.html",
            "Sábado",
            "Abierto las 24 horas",
        ),
    ] {
        let html = fs::read_to_string(output.path().join("site").join(page)).unwrap();
        assert!(html.contains(&format!("{saturday}<td>{all_day}")), "{page}");
        assert!(!html.contains("midnight"), "{page}");
    }
}

#[test]
fn a_name_in_capitals_from_a_211_export_is_w152_with_the_name_people_read() {
    let partner = minimal_partner("camillus")
        .replace("name: camillus org", "name: CAMILLUS HOUSE, INC.")
        .replace("name: Emergency groceries", "name: EMERGENCY GROCERIES");
    let printed = warnings_of("camillus", &partner);
    assert!(
        printed.contains("warning[W152]: partners/camillus.yaml:5:1: name:"),
        "{printed}"
    );
    assert!(
        printed.contains("for example name: Camillus House, Inc. (check the acronyms)"),
        "{printed}"
    );
    assert!(
        printed.contains("services[0].name: is written in capital letters"),
        "{printed}"
    );
}

/// A partner with an office in Mexico and one phone, written `number`.
fn partner_in_mexico(number: &str) -> String {
    minimal_partner("casa-mexico").replace(
        "coverage:",
        &format!("phones:\n  - {{ id: office, number: \"{number}\", kind: voice, label: Oficina }}\nlocations:\n  - id: office\n    type: physical\n    visibility: public\n    address: {{ street: Av. Revolución 1000, city: Tijuana, state: BC, postal_code: \"22000\", country: MX }}\ncoverage:"),
    )
}

#[test]
fn a_number_without_country_code_that_dials_elsewhere_in_the_hub_s_country_is_e057() {
    // A Mexico City number as it is written in Mexico: from a US hub it
    // would dial +1 551, in New Jersey.
    let dir = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        (
            "partners/casa-mexico.yaml",
            &partner_in_mexico("55 1234 5678"),
        ),
    ]);
    let (passed, printed) = check(dir.path());
    assert!(!passed, "{printed}");
    assert!(
        printed.contains("error[E057]: partners/casa-mexico.yaml:"),
        "{printed}"
    );
    assert!(printed.contains("it dials +1 551-234-5678 (US), but the partner has an address in MX, where it is +52 55 1234 5678"), "{printed}");

    fs::write(
        dir.path().join("partners/casa-mexico.yaml"),
        partner_in_mexico("+52 55 1234 5678"),
    )
    .unwrap();
    let (passed, printed) = check(dir.path());
    assert!(passed && !printed.contains("E057"), "{printed}");
}

#[test]
fn a_number_that_only_dials_where_the_partner_is_gets_its_country_code_in_the_help() {
    // Tijuana: 664 is Montserrat's code in the US numbering plan.
    let dir = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        (
            "partners/casa-mexico.yaml",
            &partner_in_mexico("664 123 4567"),
        ),
    ]);
    let (passed, printed) = check(dir.path());
    assert!(!passed, "{printed}");
    assert!(printed.contains("error[E050]"), "{printed}");
    assert!(printed.contains("help: the partner has an address in MX, where this is +52 664 123 4567: write it with its country code, number: \"+52 664 123 4567\""), "{printed}");
}

#[test]
fn coordinates_of_a_us_address_that_lost_their_minus_sign_are_w068() {
    let location = |lon: &str| {
        minimal_partner("food").replace(
            "coverage:",
            &format!("locations:\n  - id: pantry\n    type: physical\n    visibility: public\n    address: {{ street: 1 Main St, city: Albuquerque, state: NM, postal_code: \"87101\", country: US }}\n    geo: {{ lat: 35.08, lon: {lon} }}\ncoverage:"),
        )
    };
    let dir = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &location("106.65")),
    ]);
    let (passed, printed) = check(dir.path());
    assert!(passed, "a warning: {printed}");
    assert!(
        printed.contains("warning[W068]: partners/food.yaml:"),
        "{printed}"
    );
    assert!(
        printed.contains("probably lat: 35.08, lon: -106.65"),
        "{printed}"
    );
    fs::write(dir.path().join("partners/food.yaml"), location("-106.65")).unwrap();
    let (_, printed) = check(dir.path());
    assert!(!printed.contains("W068"), "{printed}");
}

#[test]
fn a_name_in_curly_quotes_from_a_word_processor_is_w153() {
    let partner = minimal_partner("casa").replace("name: casa org", "name: “Casa Segura”");
    let printed = warnings_of("casa", &partner);
    assert!(
        printed.contains("warning[W153]: partners/casa.yaml:5:1: name:"),
        "{printed}"
    );
    assert!(
        printed.contains("help: remove them: name: Casa Segura"),
        "{printed}"
    );
}

/// What `haven check` prints for a hub of one partner, `record`, which
/// passes with warnings.
fn warnings_of(id: &str, record: &str) -> String {
    let dir = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        (&format!("partners/{id}.yaml"), record),
    ]);
    let (passed, printed) = check(dir.path());
    assert!(passed, "a warning does not fail the check: {printed}");
    printed
}
