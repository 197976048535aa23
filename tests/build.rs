//! The build pipeline end to end, on the example site and on small hubs.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use haven::BuildError;

fn yaml_files(dir: &Path) -> Vec<serde_yaml::Value> {
    let mut values = Vec::new();
    for entry in fs::read_dir(dir).expect("folder") {
        let path = entry.expect("entry").path();
        let text = fs::read_to_string(&path).expect("text");
        values.push(serde_yaml::from_str(&text).expect("yaml"));
    }
    values
}

fn build_example() -> (
    tempfile::TempDir,
    std::collections::BTreeMap<String, Vec<u8>>,
) {
    let out = tempfile::tempdir().expect("temp");
    let output = out.path().join("public");
    haven::build(&plan(&example_site(), &output)).expect("example site builds");
    let tree = read_tree(&output);
    (out, tree)
}

#[test]
fn every_published_partner_has_a_page_and_drafts_and_stale_records_do_not() {
    let (_out, tree) = build_example();
    let today = today();
    let mut published = 0;
    for record in yaml_files(&example_site().join("partners")) {
        let id = record["id"].as_str().expect("id");
        let draft = record["published"].as_bool() == Some(false);
        let verified =
            haven::hub::date::Date::parse(record["last_verified"].as_str().expect("date"))
                .expect("date");
        let stale = verified.days_until(today) > 365;
        let page = format!("partners/{id}/index.html");
        if draft || stale {
            assert!(
                !tree.contains_key(&page),
                "{id} is a draft or stale but has a page"
            );
        } else {
            published += 1;
            assert!(tree.contains_key(&page), "{id} has no page");
        }
    }
    assert!(
        published >= 40,
        "the example site should publish 40+ partners, got {published}"
    );
}

#[test]
fn the_page_set_of_the_product_spec_is_written() {
    let (_out, tree) = build_example();
    for area in [
        "basic_needs",
        "career_services",
        "education",
        "health_care",
        "interpretation_services",
        "legal_services",
        "empowerment_tools",
        "transportation",
        "healing_cultural_services",
    ] {
        assert!(
            tree.contains_key(&format!("services/{area}/index.html")),
            "no page for {area}"
        );
    }
    for page in [
        "index.html",
        "partners/index.html",
        "services/index.html",
        "populations/index.html",
        "languages/index.html",
        "counties/index.html",
        "guides/index.html",
        "safety/index.html",
        "print/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(tree.contains_key(page), "missing {page}");
    }
    for entry in fs::read_dir(example_site().join("guides")).expect("guides") {
        let path = entry.expect("entry").path();
        let text = fs::read_to_string(&path).expect("guide");
        let stem = path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        // `<slug>.es.md` is the Spanish page of `<slug>`, under /es/.
        let slug = match stem.split_once('.') {
            Some((slug, language)) => format!("{language}/guides/{slug}"),
            None => format!("guides/{stem}"),
        };
        let draft = text
            .lines()
            .take_while(|l| !l.is_empty())
            .any(|l| l.trim() == "draft: true");
        assert_eq!(
            tree.contains_key(&format!("{slug}/index.html")),
            !draft,
            "guide {slug}"
        );
    }
}

#[test]
fn every_internal_link_in_the_output_resolves_to_a_file() {
    let (out, tree) = build_example();
    assert_links_resolve(&out.path().join("public"), &tree, false);
}

#[test]
fn portable_builds_link_to_index_html_files_that_exist() {
    let out = tempfile::tempdir().expect("temp");
    let output = out.path().join("public");
    let mut plan = plan(&example_site(), &output);
    plan.portable = Some(true);
    haven::build(&plan).expect("portable build");
    let tree = read_tree(&output);
    assert_links_resolve(&output, &tree, true);
}

fn assert_links_resolve(
    root: &Path,
    tree: &std::collections::BTreeMap<String, Vec<u8>>,
    portable: bool,
) {
    let mut checked = 0;
    for (path, bytes) in tree
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && p.as_str() != "404.html")
    {
        let html = String::from_utf8_lossy(bytes);
        let dir = root.join(path).parent().expect("parent").to_path_buf();
        for link in links(&html) {
            if link.starts_with("http")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
                || link.starts_with("sms:")
                || link.starts_with('#')
            {
                continue;
            }
            assert!(
                !link.starts_with('/'),
                "{path}: site-absolute link {link} breaks under a base path"
            );
            let target = link.split(['#', '?']).next().unwrap_or("");
            if portable {
                assert!(
                    !target.ends_with('/'),
                    "{path}: portable link {link} does not end in index.html"
                );
            }
            let mut file = dir.join(target);
            if file.is_dir() {
                file = file.join("index.html");
            }
            assert!(file.is_file(), "{path}: link {link} does not resolve");
            checked += 1;
        }
    }
    assert!(checked > 1000, "expected many links, checked {checked}");
}

/// Every string under `internal:` in private/ overlays.
fn private_strings() -> Vec<String> {
    fn collect(value: &serde_yaml::Value, out: &mut Vec<String>) {
        match value {
            serde_yaml::Value::String(s) if s.len() >= 6 => out.push(s.clone()),
            serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| collect(v, out)),
            serde_yaml::Value::Mapping(map) => map.values().for_each(|v| collect(v, out)),
            _ => {}
        }
    }
    let mut strings = Vec::new();
    for overlay in yaml_files(&example_site().join("private")) {
        collect(&overlay["internal"], &mut strings);
    }
    strings
}

#[test]
fn no_internal_or_private_value_appears_anywhere_in_the_output() {
    let (_out, tree) = build_example();
    let secrets = private_strings();
    assert!(
        secrets.len() >= 20,
        "the example site should exercise private overlays"
    );
    for (path, bytes) in &tree {
        let text = String::from_utf8_lossy(bytes);
        for secret in &secrets {
            // Dates and enum words ("signed", "phone_call") are not secrets.
            if secret.chars().all(|c| c.is_ascii_digit() || c == '-')
                || !secret.contains([' ', '@', '.', '+'])
            {
                continue;
            }
            assert!(
                !text.contains(secret.as_str()),
                "{path} contains internal value {secret:?}"
            );
        }
    }
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let (_a, first) = build_example();
    let (_b, second) = build_example();
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between builds");
    }
}

/// A copy of the example site built into its `public/`, with what that
/// build wrote: the previous site a later build must leave untouched.
fn published_copy_of_example_site() -> (tempfile::TempDir, PathBuf, BTreeMap<String, Vec<u8>>) {
    let hub = copy_of_example_site();
    let output = hub.path().join("public");
    haven::build(&plan(hub.path(), &output)).expect("first build");
    let before = read_tree(&output);
    (hub, output, before)
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let (hub, output, before) = published_copy_of_example_site();

    let partner = fs::read_dir(hub.path().join("partners"))
        .expect("partners")
        .next()
        .expect("one")
        .expect("entry")
        .path();
    fs::write(&partner, "schema_version: 1\nid: [broken\n").expect("break a record");
    let error =
        haven::build(&plan(hub.path(), &output)).expect_err("broken record must fail the build");
    assert!(matches!(error, BuildError::Content(_)));

    assert_eq!(read_tree(&output), before, "the previous site changed");
    assert_no_temporary_folders(hub.path());
}

#[test]
fn an_internal_value_found_while_pages_are_written_leaves_the_previous_site_untouched() {
    let (hub, output, before) = published_copy_of_example_site();

    // A private data repository may keep internal notes in partner files;
    // this note is another partner's public name, shown on many pages
    // (and not in the noting record's own public text, which would make
    // it public knowledge: W030).
    make_data_repository_private(hub.path());
    let arroyo = hub
        .path()
        .join("partners/arroyo-seco-community-action.yaml");
    let record = fs::read_to_string(&arroyo).expect("record");
    fs::write(
        &arroyo,
        record.replacen(
            "name: Arroyo Seco Community Action Agency",
            "internal: { notes: Juniper County Legal Aid }\nname: Arroyo Seco Community Action Agency",
            1,
        ),
    )
    .expect("write");

    let error = haven::build(&plan(hub.path(), &output)).expect_err("the leak must stop the build");
    let leaks: Vec<_> = error
        .diagnostics()
        .iter()
        .filter(|d| d.code == "P030")
        .collect();
    assert!(
        leaks.iter().any(|d| d
            .message
            .contains("the card of partner juniper-county-legal-aid (en) on list pages")),
        "{error}"
    );
    assert_eq!(read_tree(&output), before, "the previous site changed");
    assert_no_temporary_folders(hub.path());
}

#[test]
fn every_page_carries_quick_exit_skip_link_landmarks_and_crisis_lines() {
    let (_out, tree) = build_example();
    for (path, bytes) in tree.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        assert!(
            html.contains("class=quick-exit__link"),
            "{path}: no quick-exit link"
        );
        assert!(
            html.contains("rel=\"nofollow noreferrer\""),
            "{path}: exit link must not send a referrer"
        );
        let label = if path.starts_with("es/") {
            ">Emergencia </span>Salir de esta página"
        } else {
            ">Emergency </span>Exit this page"
        };
        assert!(html.contains(label), "{path}: exit label");
        assert!(html.contains("href=#main"), "{path}: no skip link");
        assert!(html.contains("<main"), "{path}: no main landmark");
        assert!(html.contains("tel:+18883737888"), "{path}: no crisis lines");
        assert!(html.contains("name=referrer"), "{path}: no referrer policy");
        assert_eq!(html.matches("<h1").count(), 1, "{path}: exactly one h1");
        assert!(
            html.contains("safety/"),
            "{path}: no link to the safety page"
        );
    }
}

#[test]
fn empty_service_areas_still_get_a_page_that_points_to_the_crisis_lines() {
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &minimal_partner("food")),
    ]);
    let output = hub.path().join("public");
    haven::build(&plan(hub.path(), &output)).expect("build");
    let legal =
        fs::read_to_string(output.join("services/legal_services/index.html")).expect("page");
    assert!(legal.contains("No partner in this directory offers this yet."));
    assert!(legal.contains("tel:+18007997233"));
    let basic = fs::read_to_string(output.join("services/basic_needs/index.html")).expect("page");
    assert!(basic.contains("partners/food/"));
}

#[test]
fn malformed_records_are_all_reported_with_file_line_and_column() {
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/good.yaml", &minimal_partner("good")),
        (
            "partners/tabs.yaml",
            "schema_version: 1\nid: tabs\n\tname: x\n",
        ),
        (
            "partners/typo.yaml",
            &minimal_partner("typo").replace("website:", "websit:"),
        ),
    ]);
    let error = haven::build(&plan(hub.path(), &hub.path().join("public"))).expect_err("must fail");
    let rendered: Vec<String> = error
        .diagnostics()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        rendered
            .iter()
            .any(|d| d.starts_with("error[E001]: partners/tabs.yaml:3:")),
        "{rendered:#?}"
    );
    assert!(
        rendered
            .iter()
            .any(|d| d.starts_with("error[E010]: partners/typo.yaml:8:1:")),
        "{rendered:#?}"
    );
    assert!(
        !hub.path().join("public").exists(),
        "nothing is written on error"
    );
}

#[test]
fn hub_templates_override_theme_templates_of_the_same_name() {
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &minimal_partner("food")),
        ("templates/404.html", "{% extends \"base.html\" %}{% block main %}<h1>Lost? We can help.</h1>{% endblock main %}"),
    ]);
    let output = hub.path().join("public");
    haven::build(&plan(hub.path(), &output)).expect("build");
    let page = fs::read_to_string(output.join("404.html")).expect("404");
    assert!(page.contains("Lost? We can help."));
    assert!(
        page.contains("quick-exit__link"),
        "the override still extends the theme's base"
    );
}

fn theme_components() -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/components.html"),
    )
    .expect("theme components")
}

#[test]
fn an_overridden_partner_card_shows_on_every_list_of_partners() {
    let components = theme_components().replace(
        "<article class=\"card\">",
        "<article class=\"card card--custom\">",
    );
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &minimal_partner("food")),
        ("templates/components.html", &components),
    ]);
    let output = hub.path().join("public");
    haven::build(&plan(hub.path(), &output)).expect("build");
    for list in ["partners/index.html", "services/basic_needs/index.html"] {
        let page = fs::read_to_string(output.join(list)).expect(list);
        assert!(page.contains("card card--custom"), "{list}");
    }
}

#[test]
fn list_templates_see_each_partners_summary_fields() {
    let partners = "{% extends \"base.html\" %}{% block main %}{% for partner in partners %}\
<p class=\"listed\">{{ partner.name }} ({{ partner.id }}): {{ partner.categories | join(sep=\",\") }}</p>\
{% endfor %}{% endblock main %}";
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &minimal_partner("food")),
        ("templates/partners.html", partners),
    ]);
    let output = hub.path().join("public");
    haven::build(&plan(hub.path(), &output)).expect("build");
    let page = fs::read_to_string(output.join("partners/index.html")).expect("page");
    assert!(page.contains("food org (food): basic_needs"), "{page}");
}

#[test]
fn list_templates_see_each_partners_primary_phone_without_its_hours() {
    let hub = copy_of_example_site();
    let partners = "{% extends \"base.html\" %}{% block main %}{% for partner in partners %}\
{% if partner.primary_phone %}<p class=\"listed\">{{ partner.id }}: {{ partner.primary_phone.label }} \
{{ partner.primary_phone.number }} {{ partner.primary_phone.href }}\
{% if partner.primary_phone.hours %} with hours{% endif %}</p>{% endif %}\
{% endfor %}{% endblock main %}";
    fs::create_dir_all(hub.path().join("templates")).expect("templates folder");
    fs::write(hub.path().join("templates/partners.html"), partners).expect("template");
    let output = hub.path().join("public");
    haven::build(&plan(hub.path(), &output)).expect("build");
    let page = fs::read_to_string(output.join("partners/index.html")).expect("page");
    assert!(
        page.contains("casa-de-refugio-riverbend: 24/7 domestic violence hotline +1 505-555-0106 tel:+15055550106"),
        "{page}"
    );
    assert!(!page.contains("with hours"), "{page}");
    let spanish = fs::read_to_string(output.join("es/partners/index.html")).expect("es page");
    assert!(
        spanish.contains("bridges-home-transitional-housing: Línea de admisión para vivienda"),
        "the Spanish list has the Spanish phone label: {spanish}"
    );
}

#[test]
fn cards_are_filled_in_and_no_placeholder_is_left_in_any_file() {
    let (_out, tree) = build_example();
    let placeholder = '\u{E000}'.to_string();
    for (path, bytes) in &tree {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(&placeholder),
            "{path} has a placeholder left"
        );
    }
    let partners = String::from_utf8_lossy(&tree["partners/index.html"]);
    assert!(partners.contains("<article class=card>"), "no card");
    assert!(
        partners.contains("href=../partners/casa-de-refugio-riverbend/"),
        "cards link relative to the list page"
    );
}

#[test]
fn overridden_components_without_a_list_fragment_name_the_missing_component() {
    let start = theme_components()
        .find("{#- One partner in the printable directory")
        .expect("print_entry");
    let end = theme_components()
        .find("endcomponent print_entry %}")
        .expect("end");
    let mut components = theme_components();
    components.replace_range(start..end + "endcomponent print_entry %}".len(), "");
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &minimal_partner("food")),
        ("templates/components.html", &components),
    ]);
    let error = haven::build(&plan(hub.path(), &hub.path().join("public"))).expect_err("must fail");
    let diagnostic = &error.diagnostics()[0];
    assert_eq!(diagnostic.code, "T001");
    assert_eq!(diagnostic.path, Path::new("templates/components.html"));
    assert!(diagnostic.message.contains("`print_entry`"), "{diagnostic}");
}

#[test]
fn template_errors_name_the_template_file_and_line() {
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &minimal_partner("food")),
        ("templates/404.html", "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ no_such_variable }}</p>\n{% endblock main %}"),
    ]);
    let error = haven::build(&plan(hub.path(), &hub.path().join("public"))).expect_err("must fail");
    let diagnostic = &error.diagnostics()[0];
    assert_eq!(diagnostic.path, Path::new("templates/404.html"));
    assert_eq!(diagnostic.position.map(|p| p.line), Some(3), "{diagnostic}");
}

#[test]
fn base_url_flag_sets_canonical_links_and_the_sitemap() {
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &minimal_partner("food")),
    ]);
    let output = hub.path().join("public");
    let mut plan = plan(hub.path(), &output);
    plan.base_url = Some("https://coalition.example.net/hub/".into());
    haven::build(&plan).expect("build");
    let sitemap = fs::read_to_string(output.join("sitemap.xml")).expect("sitemap");
    assert!(
        sitemap.contains("<loc>https://coalition.example.net/hub/partners/food/</loc>"),
        "{sitemap}"
    );
    let not_found = fs::read_to_string(output.join("404.html")).expect("404");
    assert!(
        not_found.contains("href=/hub/guides/"),
        "404 links use the base path"
    );
}

#[test]
fn confidential_locations_never_publish_an_address() {
    let partner = minimal_partner("shelter").replace(
        "coverage:",
        "locations:\n  - id: house\n    type: physical\n    visibility: confidential\n    address: { street: 12 Hidden Lane, city: Riverbend, state: NM, postal_code: \"87001\", country: US }\ncoverage:",
    );
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/shelter.yaml", &partner),
    ]);
    let error = haven::build(&plan(hub.path(), &hub.path().join("public"))).expect_err("must fail");
    assert!(error.diagnostics().iter().any(|d| d.code == "P010"));
}

#[test]
fn an_output_folder_containing_the_hub_is_refused() {
    let hub = hub(&[
        ("hub.yaml", MINIMAL_HUB),
        ("partners/food.yaml", &minimal_partner("food")),
    ]);
    let error = haven::build(&plan(hub.path(), hub.path())).expect_err("must refuse");
    assert!(matches!(error, BuildError::Write(_)));
    assert!(hub.path().join("hub.yaml").exists());
}

#[test]
fn the_quick_exit_script_is_at_most_2_kb_minified() {
    let (_out, tree) = build_example();
    let (path, script) = tree
        .iter()
        .find(|(p, _)| p.starts_with("assets/quick-exit.") && p.ends_with(".js"))
        .expect("quick-exit script in the output");
    assert!(script.len() <= 2048, "{path} is {} bytes", script.len());
}

#[test]
fn the_headers_file_adds_what_a_meta_tag_cannot() {
    let (_out, tree) = build_example();
    let headers = String::from_utf8_lossy(&tree["_headers"]);
    assert!(headers.contains("frame-ancestors 'none'"));
    assert!(headers.contains("Referrer-Policy: no-referrer"));
    assert!(headers.contains("Cache-Control: no-store"));
}

#[test]
fn outbound_links_never_send_a_referrer() {
    let (_out, tree) = build_example();
    for (path, bytes) in tree.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for tag in html.split("<a ").skip(1) {
            let tag = tag.split('>').next().unwrap_or("");
            let outbound = tag.contains("href=http") || tag.contains("href=\"http");
            if outbound {
                assert!(
                    tag.contains("noreferrer"),
                    "{path}: outbound link without rel=noreferrer: <a {tag}>"
                );
            }
        }
    }
}

#[test]
fn every_ui_string_has_a_spanish_translation() {
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let read = |language: &str| -> std::collections::BTreeMap<String, String> {
        let text =
            fs::read_to_string(theme.join(format!("i18n/{language}.yaml"))).expect("strings");
        serde_yaml::from_str(&text).expect("a flat table of strings")
    };
    let (english, spanish) = (read("en"), read("es"));
    assert_eq!(
        english.keys().collect::<Vec<_>>(),
        spanish.keys().collect::<Vec<_>>()
    );
    for key in [
        "exit_label",
        "exit_press_two",
        "exit_press_one",
        "exit_expired",
        "exit_activated",
        "exit_neutral_title",
    ] {
        assert_ne!(english[key], spanish[key], "{key} is not translated");
    }
    let safety =
        fs::read_to_string(theme.join("content/safety.es.md")).expect("Spanish safety page");
    assert!(
        safety.contains("su historial no se borra")
            && safety.contains("use un dispositivo más seguro")
    );
    assert!(safety.contains("[[exit_destination]]"));
}

#[test]
fn a_long_list_links_to_its_ends_and_the_pages_around_the_current_one() {
    let mut files = vec![("hub.yaml".to_string(), MINIMAL_HUB.to_string())];
    // 240 partners: ten pages of 24.
    for n in 100..340 {
        let id = format!("food-bank-{n}");
        files.push((format!("partners/{id}.yaml"), minimal_partner(&id)));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let hub = hub(&files);
    let output = tempfile::tempdir().expect("temp dir");
    haven::build(&plan(hub.path(), output.path())).expect("the hub builds");
    let page =
        fs::read_to_string(output.path().join("partners/page/5/index.html")).expect("page 5");
    let nav = &page[page.find("class=pagination").expect("page links")..];
    let nav = &nav[..nav.find("</nav>").expect("end of the page links")];
    let numbers: Vec<&str> = nav
        .split("<li")
        .skip(1)
        .map(|item| {
            let text = item.rsplit_once("</a>").map_or(item, |(link, _)| link);
            text.rsplit('>').next().unwrap_or_default()
        })
        .collect();
    assert_eq!(
        numbers,
        [
            "Previous page",
            "1",
            "…",
            "4",
            "5",
            "6",
            "…",
            "10",
            "Next page"
        ],
        "{nav}"
    );
    assert!(nav.contains("aria-current=page>5<"), "{nav}");
}

#[test]
fn the_partner_list_goes_on_over_numbered_pages_and_shows_each_partner_once() {
    let (_output, files) = build_example();
    let page = |path: &str| String::from_utf8_lossy(&files[path]).to_string();
    let first = page("partners/index.html");
    let second = page("partners/page/2/index.html");
    assert!(!files.contains_key("partners/page/3/index.html"));
    let cards = |html: &str| html.matches("class=card>").count();
    assert_eq!(cards(&first), 24, "24 a page");
    assert_eq!(cards(&second), 44 - 24, "the rest on page 2");
    assert!(first.contains("rel=next") && !first.contains("rel=prev"));
    assert!(second.contains("rel=prev") && !second.contains("rel=next"));
    assert!(second.contains("page 2 of 2"));
    assert!(files.contains_key("es/partners/page/2/index.html"));
}
