//! Multilingual hubs (README.md) on the example site, which is built
//! in English and Spanish: the same pages in both, the right `lang` and
//! `hreflang`, no English interface text on Spanish pages, a switcher whose
//! links resolve, fallbacks marked, and the string table's own rules.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::*;

fn build_example() -> (tempfile::TempDir, BTreeMap<String, String>) {
    let out = tempfile::tempdir().expect("temp");
    haven::build(&plan(&example_site(), out.path())).expect("example site builds");
    let pages = read_tree(out.path())
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).expect("utf-8")))
        .collect();
    (out, pages)
}

/// The `key: text` table of a theme string file.
fn strings(language: &str) -> BTreeMap<String, String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("themes/default/i18n/{language}.yaml"));
    serde_yaml::from_str(&fs::read_to_string(path).expect("strings")).expect("yaml")
}

/// Text as minified HTML writes it in content and attributes.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[test]
fn every_page_exists_in_both_languages() {
    let (_out, pages) = build_example();
    let english: Vec<&String> = pages.keys().filter(|p| !p.starts_with("es/")).collect();
    let spanish: Vec<&String> = pages.keys().filter(|p| p.starts_with("es/")).collect();
    assert!(english.len() > 100, "{} English pages", english.len());
    for page in &english {
        if page.as_str() != "404.html" {
            assert!(
                pages.contains_key(&format!("es/{page}")),
                "no Spanish {page}"
            );
        }
    }
    for page in &spanish {
        assert!(
            pages.contains_key(&page["es/".len()..]),
            "no English {page}"
        );
    }
    assert_eq!(
        spanish.len() + 1,
        english.len(),
        "one 404 page, at the root"
    );
}

#[test]
fn every_page_declares_its_language_and_its_alternates() {
    let (_out, pages) = build_example();
    let base = "https://hub.juniper-coalition.example.org";
    for (path, html) in &pages {
        if path == "404.html" {
            continue;
        }
        let (language, url) = match path.strip_prefix("es/") {
            Some(rest) => ("es", rest),
            None => ("en", path.as_str()),
        };
        let url = format!("/{}", url.trim_end_matches("index.html"));
        assert!(
            html.contains(&format!("<html lang={language}>")),
            "{path}: html lang"
        );
        let english = format!("<link rel=alternate hreflang=en href={base}{url}>");
        let spanish = format!("<link rel=alternate hreflang=es href={base}/es{url}>");
        let default = format!("<link rel=alternate hreflang=x-default href={base}{url}>");
        for link in [&english, &spanish, &default] {
            assert!(html.contains(link.as_str()), "{path}: missing {link}");
        }
        let own = if language == "es" {
            format!("{base}/es{url}")
        } else {
            format!("{base}{url}")
        };
        assert!(
            html.contains(&format!("<link rel=canonical href={own}>")),
            "{path}: canonical"
        );
    }
}

#[test]
fn no_english_interface_text_on_a_spanish_page() {
    let (_out, pages) = build_example();
    let english = strings("en");
    let spanish = strings("es");
    // Strings that differ between the languages, of two words or more, so
    // that they do not occur by chance in names ("Fax", "Email", "24/7" are
    // the same; "Interpreters" is part of a partner's name).
    let telltales: Vec<(&String, String)> = english
        .iter()
        .filter(|(key, text)| {
            spanish.get(*key) != Some(*text)
                && text.contains(' ')
                && !text.contains('{')
                // "1 result" is inside "1 resultado".
                && !spanish.values().any(|s| s.contains(text.as_str()))
        })
        .map(|(key, text)| (key, escaped(text)))
        .collect();
    assert!(
        telltales.len() > 100,
        "{} strings compared",
        telltales.len()
    );
    let mut leaks = Vec::new();
    for (path, html) in pages.iter().filter(|(p, _)| p.starts_with("es/")) {
        let interface = without_english_blocks(html);
        for (key, text) in &telltales {
            if interface.contains(text.as_str()) {
                leaks.push(format!("{path}: {key} \"{text}\""));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "{} leaks:\n{}",
        leaks.len(),
        leaks.join("\n")
    );
}

/// The page without the elements marked `lang=en`: content shown in
/// English because it is not translated yet (and the switcher's link to
/// English), which may quote interface words.
fn without_english_blocks(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(" lang=en") {
        let Some(open) = rest[..at].rfind('<') else {
            break;
        };
        let name: String = rest[open + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        out.push_str(&rest[..open]);
        let Some(tag_end) = rest[at..].find('>') else {
            break;
        };
        let mut position = at + tag_end + 1;
        let mut depth = 1;
        while depth > 0 {
            let (opening, closing) = (format!("<{name}"), format!("</{name}>"));
            let next_open = rest[position..].find(&opening).map(|i| i + position);
            let Some(next_close) = rest[position..].find(&closing).map(|i| i + position) else {
                position = rest.len();
                break;
            };
            match next_open {
                Some(open_at) if open_at < next_close => {
                    depth += 1;
                    position = open_at + opening.len();
                }
                _ => {
                    depth -= 1;
                    position = next_close + closing.len();
                }
            }
        }
        rest = &rest[position..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_language_switcher_names_each_language_in_itself_and_its_links_resolve() {
    let (out, pages) = build_example();
    let mut checked = 0;
    for (path, html) in &pages {
        if path == "404.html" {
            continue;
        }
        let switcher = html
            .split("class=language-switcher ")
            .nth(1)
            .and_then(|rest| rest.split("</nav>").next())
            .unwrap_or_else(|| panic!("{path}: no language switcher"));
        assert!(
            switcher.contains(">English</a>") && switcher.contains(">Español</a>"),
            "{path}: {switcher}"
        );
        for target in links(switcher) {
            let resolved = Path::new(path)
                .parent()
                .unwrap_or(Path::new(""))
                .join(&target)
                .join("index.html");
            let normalized = normalize(&resolved);
            assert!(
                out.path().join(&normalized).exists(),
                "{path}: switcher link {target} → {normalized}"
            );
            checked += 1;
        }
        let current = if path.starts_with("es/") {
            ">Español</a>"
        } else {
            ">English</a>"
        };
        let marked = switcher
            .split("<li>")
            .find(|item| item.contains("aria-current"))
            .unwrap_or_default();
        assert!(
            marked.contains(current),
            "{path}: the current language is marked"
        );
    }
    assert!(checked > 200, "{checked} links");
}

/// `a/b/../c` → `a/c`.
fn normalize(path: &Path) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.to_str().expect("utf-8").split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

#[test]
fn spanish_pages_link_to_spanish_pages() {
    let (_out, pages) = build_example();
    let page = &pages["es/partners/index.html"];
    assert!(
        page.contains("href=../../es/partners/juniper-county-legal-aid/"),
        "partner cards stay in Spanish"
    );
    assert!(
        page.contains(&format!("<h1>{}", strings("es")["partners_title"])),
        "a Spanish title"
    );
    let home = &pages["es/index.html"];
    assert!(
        home.contains("Directorio de recursos para sobrevivientes del condado de Juniper"),
        "hub title in Spanish"
    );
    assert!(
        home.contains(">Línea Nacional contra la Violencia Doméstica<"),
        "crisis lines in Spanish"
    );
}

#[test]
fn untranslated_text_falls_back_to_english_and_says_so() {
    let hub = copy_of_example_site();
    let partner = hub.path().join("partners/juniper-county-legal-aid.yaml");
    let yaml = fs::read_to_string(&partner).expect("partner");
    let without = yaml
        .split("\ntranslations:")
        .next()
        .expect("record")
        .to_string()
        + "\n";
    fs::write(&partner, without).expect("write");
    let out = tempfile::tempdir().expect("temp");
    haven::build(&plan(hub.path(), out.path())).expect("build");
    let page = fs::read_to_string(
        out.path()
            .join("es/partners/juniper-county-legal-aid/index.html"),
    )
    .expect("page");
    assert!(
        page.contains("Este texto todavía no está traducido al español"),
        "the page says so"
    );
    assert!(
        page.contains("<div class=prose lang=en>"),
        "the English text is marked for screen readers"
    );
    assert!(
        page.contains("<html lang=es>"),
        "the page itself stays Spanish"
    );
}

#[test]
fn card_summaries_are_marked_only_when_their_language_differs_from_the_page() {
    let (_out, pages) = build_example();
    let summaries = |page: &str| -> Vec<String> {
        pages[page]
            .match_indices("</h2><p")
            .map(|(at, _)| {
                pages[page][at + "</h2>".len()..]
                    .split('>')
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect()
    };
    let english = summaries("partners/index.html");
    assert!(!english.is_empty());
    assert!(
        english.iter().all(|tag| !tag.contains(" lang=")),
        "English summaries on English pages need no lang: {english:?}"
    );
    let spanish = summaries("es/partners/index.html");
    assert!(
        spanish.iter().all(|tag| !tag.contains(" lang=es")),
        "{spanish:?}"
    );
    assert!(
        spanish.iter().any(|tag| tag.contains(" lang=en")),
        "untranslated summaries on Spanish pages are marked English: {spanish:?}"
    );
}

#[test]
fn a_language_without_ui_strings_is_an_error_naming_language_and_keys() {
    let hub = hub(&[
        ("hub.yaml", &format!("{MINIMAL_HUB}languages: [en, vi]\n")),
        ("partners/food.yaml", &minimal_partner("food")),
    ]);
    let out = tempfile::tempdir().expect("temp");
    let error = haven::build(&plan(hub.path(), out.path())).expect_err("no Vietnamese strings");
    let messages: Vec<String> = error.diagnostics().iter().map(|d| d.to_string()).collect();
    let message = messages.join("\n");
    assert!(
        message.contains("T002") && message.contains("\"vi\"") && message.contains("search_label"),
        "{message}"
    );
    assert!(message.contains("i18n/vi.yaml"), "{message}");

    // Adding the file (here: every key, untranslated) lets the build go on.
    fs::create_dir_all(hub.path().join("i18n")).expect("mkdir");
    let english = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/en.yaml"),
    )
    .expect("en");
    fs::write(
        hub.path().join("i18n/vi.yaml"),
        english.replace("Exit this page", "Thoát khỏi trang này"),
    )
    .expect("write");
    haven::build(&plan(hub.path(), out.path())).expect("builds with i18n/vi.yaml");
    let page = fs::read_to_string(out.path().join("vi/index.html")).expect("Vietnamese home");
    assert!(page.contains("<html lang=vi>") && page.contains("Thoát khỏi trang này"));
}

#[test]
fn a_hub_overrides_a_theme_string() {
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &minimal_partner("food")),
        ("i18n/en.yaml", "nav_partners: Our partners\n"),
    ]);
    let out = tempfile::tempdir().expect("temp");
    haven::build(&plan(hub.path(), out.path())).expect("build");
    let home = fs::read_to_string(out.path().join("index.html")).expect("home");
    assert!(home.contains(">Our partners</a>"));
    assert!(
        !home.contains("class=language-switcher"),
        "one language, no switcher"
    );
}

#[test]
fn check_summarises_untranslated_records_and_lists_them_with_verbose() {
    let run = |verbose: bool| {
        let mut command = haven();
        command
            .args(["check", "--root"])
            .arg(example_site())
            .args(["--today", TODAY]);
        if verbose {
            command.arg("--verbose");
        }
        let output = command.output().expect("run haven");
        String::from_utf8_lossy(&output.stderr).to_string()
    };
    let quiet = run(false);
    assert_eq!(quiet.matches("warning[W090]").count(), 1, "{quiet}");
    assert!(quiet.contains("have no Spanish (es) translation"));
    assert!(!quiet.contains("W091"));
    let verbose = run(true);
    assert!(verbose.matches("warning[W091]").count() >= 1, "{verbose}");
}

#[test]
fn a_translated_partner_page_is_titled_and_described_in_the_page_language() {
    let (_out, pages) = build_example();
    let page = &pages["es/partners/bridges-home-transitional-housing/index.html"];
    assert!(page.contains("<title>Casa Puentes ·"), "translated name");
    let english = &pages["partners/bridges-home-transitional-housing/index.html"];
    let description = |html: &str| {
        html.split("<meta name=description content=")
            .nth(1)
            .and_then(|rest| rest.split('>').next())
            .map(str::to_string)
            .expect("meta description")
    };
    assert_ne!(description(page), description(english));
}

#[test]
fn the_texts_a_page_shows_are_those_of_the_localized_partner() {
    let (site, _) = haven::pipeline::build::prepare(&example_site(), today(), false);
    let (site, _) = site.expect("example site is valid");
    for partner in &site.partners {
        for language in ["en", "es"] {
            let localized = partner.localized(language);
            let texts = partner.texts_in(language);
            assert_eq!(texts.name, localized.name, "{}", partner.id);
            assert_eq!(texts.summary, localized.summary.as_deref());
            assert_eq!(texts.description_html, localized.description_html);
            assert_eq!(texts.text_lang, localized.text_lang);
        }
    }
}

/// A partner whose phone label, location texts, link label and service
/// details are translated, with hours notes on each.
const TRANSLATED_SHORT_TEXTS: &str = r#"schema_version: 1
id: refuge
status: active
last_verified: 2026-10-01
name: Refuge House
description: Shelter for survivors.
partner_types: [other]
phones:
  - id: intake
    number: "+1 505-555-0142"
    kind: voice
    label: Intake line
    hours: { mon: "09:00-17:00", notes: Closed on holidays. }
  - id: office
    number: "+1 505-555-0143"
    kind: voice
    label: Business office
locations:
  - id: office
    name: Downtown office
    type: physical
    visibility: public
    address: { street: 1 Main St, city: Riverbend, state: NM, postal_code: "87001", country: US }
    transit: Bus 7 stops at Main and 2nd.
    notes: Ring the side bell.
coverage: { scope: local, areas: [ { kind: county, name: Example County, state: NM } ] }
services:
  - id: shelter
    name: Emergency shelter
    description: A safe bed tonight.
    categories: [basic_needs]
    eligibility: { description: Adults fleeing violence. }
    access: { law_enforcement_involvement: not_required, confidentiality: confidential, confidentiality_note: We never share your name. }
    cost: free
    required_documents: [Nothing at all]
    phones: [intake]
    locations: [office]
links:
  - label: Apply online
    url: https://refuge.example.org/apply
translations:
  es:
    description: Refugio para sobrevivientes.
    services:
      shelter:
        name: Refugio de emergencia
        description: Una cama segura esta noche.
        eligibility: Personas adultas que huyen de la violencia.
        confidentiality_note: Nunca compartimos su nombre.
        required_documents: [Nada]
    phones:
      intake:
        label: Línea de admisión
        hours_notes: Cerrado los días feriados.
    locations:
      office:
        name: Oficina del centro
        transit: El autobús 7 para en Main y la calle 2.
        notes: Toque el timbre lateral.
    links:
      https://refuge.example.org/apply: Solicitar en línea
"#;

fn build_translated_short_texts() -> (tempfile::TempDir, String, String) {
    let hub = hub(&[
        ("hub.yaml", &format!("{MINIMAL_HUB}languages: [en, es]\n")),
        ("partners/refuge.yaml", TRANSLATED_SHORT_TEXTS),
    ]);
    let out = tempfile::tempdir().expect("temp");
    haven::build(&plan(hub.path(), out.path())).expect("build");
    let read = |path: &str| fs::read_to_string(out.path().join(path)).expect(path);
    let english = read("partners/refuge/index.html");
    let spanish = read("es/partners/refuge/index.html");
    (out, english, spanish)
}

#[test]
fn a_spanish_page_shows_translated_phone_location_link_and_service_texts() {
    let (_out, english, spanish) = build_translated_short_texts();
    for text in [
        "Línea de admisión",
        "Cerrado los días feriados.",
        "Oficina del centro",
        "El autobús 7 para en Main y la calle 2.",
        "Toque el timbre lateral.",
        "Solicitar en línea",
        "Personas adultas que huyen de la violencia.",
        "Nunca compartimos su nombre.",
        "Nada",
    ] {
        assert!(spanish.contains(text), "Spanish page lacks {text}");
        assert!(!english.contains(text), "English page shows {text}");
    }
    for text in [
        "Intake line",
        "Closed on holidays.",
        "Downtown office",
        "Ring the side bell.",
        "Apply online",
        "Adults fleeing violence.",
    ] {
        assert!(english.contains(text), "English page lacks {text}");
        assert!(!spanish.contains(text), "Spanish page still shows {text}");
    }
}

#[test]
fn translated_short_texts_are_not_marked_english_and_untranslated_ones_are() {
    let (_out, _english, spanish) = build_translated_short_texts();
    let marked_english = |text: &str| {
        let at = spanish
            .find(text)
            .unwrap_or_else(|| panic!("{text} on the page"));
        let tag_start = spanish[..at].rfind('<').expect("in an element");
        spanish[tag_start..at].contains("lang=en")
    };
    assert!(!marked_english("Línea de admisión"));
    assert!(!marked_english("Oficina del centro"));
    assert!(!marked_english("Solicitar en línea"));
    assert!(!marked_english("Cerrado los días feriados."));
    assert!(
        marked_english("Business office"),
        "an untranslated label keeps its language"
    );
}

#[test]
fn check_lists_the_short_texts_a_translated_partner_leaves_in_english() {
    let hub = hub(&[
        ("hub.yaml", &format!("{MINIMAL_HUB}languages: [en, es]\n")),
        ("partners/refuge.yaml", TRANSLATED_SHORT_TEXTS),
    ]);
    let stderr = check_report(hub.path(), &["--verbose"]);
    let line = stderr
        .lines()
        .find(|line| line.contains("W091") && line.contains("short texts"))
        .unwrap_or_else(|| panic!("no W091 for short texts in {stderr}"));
    assert!(
        line.contains("1 short texts") && line.contains("phones.office.label"),
        "{line}"
    );
}

#[test]
fn a_guide_written_only_in_another_language_is_named_with_what_to_add() {
    let guide = "---\ntitle: Cómo hacer un plan de seguridad\n---\n\nGuarde sus documentos en un lugar seguro.\n";
    let hub = hub(&[
        ("hub.yaml", &format!("{MINIMAL_HUB}languages: [en, es]\n")),
        ("partners/food.yaml", &minimal_partner("food")),
        ("guides/plan-de-seguridad.es.md", guide),
    ]);
    let stderr = check_report(hub.path(), &[]);
    let line = stderr
        .lines()
        .find(|line| line.contains("W007") && line.contains("plan-de-seguridad.es.md"))
        .unwrap_or_else(|| panic!("no W007 for the Spanish-only guide in {stderr}"));
    assert!(
        line.contains("guides/plan-de-seguridad.md, which does not exist"),
        "{line}"
    );
    assert!(
        stderr.contains("add the guide in English (en), the hub's default language, as guides/plan-de-seguridad.md"),
        "{stderr}"
    );
}

/// What `haven check` prints of a hub, with `extra` arguments.
fn check_report(root: &Path, extra: &[&str]) -> String {
    let output = haven()
        .arg("check")
        .args(extra)
        .arg("--root")
        .arg(root)
        .output()
        .expect("run haven");
    String::from_utf8_lossy(&output.stderr).into_owned()
}
