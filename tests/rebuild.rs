//! Rebuilds of `haven serve` after an edit: whatever a rebuild re-renders
//! or leaves alone, the preview folder must then hold exactly what a fresh
//! build of the edited hub holds.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use haven::serve::rebuild::{Preview, Rebuilt, Scope};
use haven::BuildError;

use common::*;

struct Previewing {
    hub: tempfile::TempDir,
    output: tempfile::TempDir,
    preview: Preview,
}

fn preview() -> Previewing {
    preview_of(copy_of_example_site())
}

fn preview_of(hub: tempfile::TempDir) -> Previewing {
    let output = tempfile::tempdir().expect("temp dir");
    let mut plan = plan(hub.path(), &output.path().join("site"));
    plan.minify = Some(false);
    let mut preview = Preview::new(plan);
    preview.build_all().expect("the example site builds");
    preview.write_data().expect("the open data is written");
    Previewing {
        hub,
        output,
        preview,
    }
}

impl Previewing {
    fn edit(&self, file: &str, from: &str, to: &str) -> PathBuf {
        let path = self.hub.path().join(file);
        let text = fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{file} has no {from:?}");
        fs::write(&path, text.replacen(from, to, 1)).expect("write");
        PathBuf::from(file)
    }

    /// A rebuild as `haven serve` makes it: pages, then the open data.
    fn rebuild(&mut self, changed: &[PathBuf]) -> Rebuilt {
        let rebuilt = self
            .preview
            .rebuild(changed)
            .expect("a hub file changed")
            .expect("the edited hub builds");
        self.preview.write_data().expect("the open data is written");
        rebuilt
    }

    /// The preview folder equals a fresh build of the hub as it is now.
    fn assert_same_as_a_fresh_build(&self) {
        let fresh = tempfile::tempdir().expect("temp dir");
        let mut plan = plan(self.hub.path(), &fresh.path().join("site"));
        plan.minify = Some(false);
        haven::build(&plan).expect("fresh build");
        let expected = read_tree(&fresh.path().join("site"));
        let actual = read_tree(&self.output.path().join("site"));
        let differing: Vec<&String> = expected
            .keys()
            .chain(actual.keys())
            .filter(|path| expected.get(*path) != actual.get(*path))
            .collect();
        assert!(
            differing.is_empty(),
            "differs from a fresh build: {differing:?}"
        );
    }
}

/// The rebuild after `changed` stops on rule P030 (internal data in the
/// output).
fn assert_refused_as_published_private_data(previewing: &mut Previewing, changed: PathBuf) {
    let refused = previewing.preview.rebuild(&[changed]);
    let Some(Err(error)) = refused else {
        panic!("the rebuild went ahead");
    };
    assert!(
        error.diagnostics().iter().any(|d| d.code == "P030"),
        "{error}"
    );
}

fn page(previewing: &Previewing, path: &str) -> String {
    fs::read_to_string(previewing.output.path().join("site").join(path)).unwrap_or_default()
}

const CASA: &str = "partners/casa-de-refugio-riverbend.yaml";

#[test]
fn a_partner_edit_re_renders_only_the_pages_showing_it() {
    let mut previewing = preview();
    let changed = previewing.edit(
        CASA,
        "name: Casa de Refugio Riverbend",
        "name: Casa Refugio Renamed",
    );
    let rebuilt = previewing.rebuild(&[changed]);
    assert!(
        matches!(&rebuilt.scope, Scope::Records { partners, .. } if partners.contains("casa-de-refugio-riverbend"))
    );
    assert!(rebuilt.pages < rebuilt.total_pages / 2, "{rebuilt}");
    assert!(
        page(&previewing, "partners/casa-de-refugio-riverbend/index.html")
            .contains("Casa Refugio Renamed")
    );
    assert!(page(&previewing, "partners/index.html").contains("Casa Refugio Renamed"));
    previewing.assert_same_as_a_fresh_build();
}

#[test]
fn a_partner_that_stops_serving_a_population_leaves_its_page() {
    let mut previewing = preview();
    let before = page(&previewing, "populations/lgbtq/index.html");
    assert!(before.contains("casa-de-refugio-riverbend"));
    let changed = previewing.edit(
        CASA,
        "populations: [ipv_survivors, sexual_assault_survivors, trafficking_survivors, lgbtq, men, women]",
        "populations: [ipv_survivors, sexual_assault_survivors, trafficking_survivors, men, women]",
    );
    previewing.rebuild(&[changed]);
    previewing.assert_same_as_a_fresh_build();
}

#[test]
fn a_deleted_partner_loses_its_page() {
    let mut previewing = preview();
    let file = "partners/cedar-falls-credit-union.yaml";
    fs::remove_file(previewing.hub.path().join(file)).expect("delete");
    let rebuilt = previewing.rebuild(&[PathBuf::from(file)]);
    // Every page counts partners: everything is rebuilt.
    assert_eq!(rebuilt.scope, Scope::Everything);
    assert!(!previewing
        .output
        .path()
        .join("site/partners/cedar-falls-credit-union")
        .exists());
    previewing.assert_same_as_a_fresh_build();
}

#[test]
fn a_guide_edit_reaches_the_partners_that_list_it() {
    let mut previewing = preview();
    let guide = "guides/know-your-rights-immigration.md";
    let changed = previewing.edit(
        guide,
        "title: \"Know your rights: immigration options for survivors\"",
        "title: \"Immigration options, renamed\"",
    );
    let rebuilt = previewing.rebuild(&[changed]);
    assert!(
        matches!(&rebuilt.scope, Scope::Records { guides, .. } if guides.contains("know-your-rights-immigration"))
    );
    assert!(page(
        &previewing,
        "partners/frontera-immigrant-justice-center/index.html"
    )
    .contains("Immigration options, renamed"));
    previewing.assert_same_as_a_fresh_build();
}

#[test]
fn a_translated_guides_section_edit_reaches_the_search_index() {
    let mut previewing = preview();
    let changed = previewing.edit(
        "guides/know-your-rights-immigration.es.md",
        "## Esto no es asesoría legal",
        "## Esto no es asesoría legal ni migratoria",
    );
    previewing.rebuild(&[changed]);
    previewing.assert_same_as_a_fresh_build();
}

#[test]
fn a_partners_spanish_summary_edit_reaches_the_spanish_search_index() {
    let mut previewing = preview();
    let changed = previewing.edit(
        CASA,
        "Línea de ayuda las 24 horas",
        "Línea telefónica las 24 horas",
    );
    previewing.rebuild(&[changed]);
    previewing.assert_same_as_a_fresh_build();
}

#[test]
fn successive_edits_of_one_partners_text_each_match_a_fresh_build() {
    let mut previewing = preview();
    for (from, to) in [
        (
            "Línea de ayuda las 24 horas",
            "Línea telefónica las 24 horas",
        ),
        (
            "Línea telefónica las 24 horas",
            "Línea de crisis 2031 las 24 horas",
        ),
        (
            "Línea de crisis 2031 las 24 horas",
            "Línea de crisis 2032 las 24 horas",
        ),
    ] {
        let changed = previewing.edit(CASA, from, to);
        previewing.rebuild(&[changed]);
        previewing.assert_same_as_a_fresh_build();
    }
}

#[test]
fn a_partner_translated_in_an_edit_is_no_longer_listed_as_untranslated() {
    let mut previewing = preview();
    let file = "partners/volunteer-lawyers-of-juniper-county.yaml";
    let untranslated = |rebuilt: &Rebuilt| -> Vec<String> {
        rebuilt
            .warnings
            .iter()
            .map(|warning| warning.to_string())
            .filter(|warning| warning.contains("no Spanish (es) description"))
            .collect()
    };
    let unchanged = previewing.edit(file, "pro\n", "pro \n");
    let before = untranslated(&previewing.rebuild(&[unchanged]));
    assert!(before.iter().any(|w| w.contains(file)), "{before:?}");
    let translated = previewing.edit(
        file,
        "description: |\n",
        "translations:\n  es:\n    description: Abogados voluntarios.\ndescription: |\n",
    );
    let after = untranslated(&previewing.rebuild(&[translated]));
    assert_eq!(after.len() + 1, before.len(), "{after:?}");
    assert!(!after.iter().any(|w| w.contains(file)), "{after:?}");
}

#[test]
fn an_edited_ui_string_reaches_every_page_that_shows_it() {
    let mut previewing = preview();
    let strings = previewing.hub.path().join("i18n/en.yaml");
    fs::create_dir_all(strings.parent().expect("i18n folder")).expect("mkdir");
    fs::write(&strings, "partners_title: Every partner\n").expect("write");
    previewing.rebuild(&[PathBuf::from("i18n/en.yaml")]);
    assert!(page(&previewing, "partners/index.html").contains("Every partner"));
    let changed = previewing.edit("i18n/en.yaml", "Every partner", "Our partners");
    previewing.rebuild(&[changed]);
    assert!(page(&previewing, "partners/index.html").contains("Our partners"));
    previewing.assert_same_as_a_fresh_build();
}

#[test]
fn hub_yaml_rebuilds_everything() {
    let mut previewing = preview();
    let changed = previewing.edit(
        "hub.yaml",
        "title: Juniper County Survivor Resource Hub",
        "title: Juniper County Resource Hub",
    );
    let rebuilt = previewing.rebuild(&[changed]);
    assert_eq!(rebuilt.scope, Scope::Everything);
    previewing.assert_same_as_a_fresh_build();
}

#[test]
fn guides_are_read_again_when_hub_yaml_drops_their_language() {
    let mut previewing = preview();
    let changed = previewing.edit("hub.yaml", "languages: [en, es]", "languages: [en]");
    let ours = previewing
        .preview
        .rebuild(&[changed])
        .expect("a hub file changed");
    let fresh = tempfile::tempdir().expect("temp dir");
    let theirs = haven::build(&plan(previewing.hub.path(), &fresh.path().join("site")));
    // `guides/<slug>.es.md` is no longer a translation but a guide of its
    // own, whose links to Spanish headings now fail: as in a fresh build.
    let (Err(BuildError::Content(ours)), Err(BuildError::Content(theirs))) = (ours, theirs) else {
        panic!("both should refuse the hub");
    };
    let errors = |found: Vec<haven::diagnostics::Diagnostic>| -> Vec<String> {
        found
            .iter()
            .filter(|d| d.is_error())
            .map(ToString::to_string)
            .collect()
    };
    let ours = errors(ours);
    assert!(ours.iter().any(|e| e.contains("E103")), "{ours:?}");
    assert_eq!(ours, errors(theirs));
}

#[test]
fn a_failed_rebuild_keeps_the_site_and_the_next_one_catches_up() {
    let mut previewing = preview();
    let renamed = previewing.edit(
        CASA,
        "name: Casa de Refugio Riverbend",
        "name: Casa Refugio Renamed",
    );
    let broken = previewing.edit(
        "partners/lantern-survivor-collective.yaml",
        "last_verified: ",
        "last_verified: soon # ",
    );
    let failed = previewing.preview.rebuild(&[renamed, broken.clone()]);
    assert!(matches!(failed, Some(Err(_))));
    assert!(!page(&previewing, "partners/index.html").contains("Casa Refugio Renamed"));
    // Only the broken file is saved again; the rename must still show.
    previewing.edit(
        "partners/lantern-survivor-collective.yaml",
        "last_verified: soon # ",
        "last_verified: ",
    );
    previewing.rebuild(&[broken]);
    assert!(page(&previewing, "partners/index.html").contains("Casa Refugio Renamed"));
    previewing.assert_same_as_a_fresh_build();
}

#[test]
fn after_changes_the_watcher_missed_the_preview_starts_over_and_matches_a_fresh_build() {
    let mut previewing = preview();
    // Same length, same modification time: nothing but a watcher could
    // tell, and this one missed it.
    let file = previewing.hub.path().join(CASA);
    let modified = fs::metadata(&file)
        .and_then(|m| m.modified())
        .expect("stamp");
    previewing.edit(
        CASA,
        "name: Casa de Refugio Riverbend",
        "name: Casa de Refugio Riverside",
    );
    fs::File::options()
        .write(true)
        .open(&file)
        .and_then(|f| f.set_modified(modified))
        .expect("restore the stamp");
    previewing
        .preview
        .start_over()
        .expect("the edited hub builds");
    previewing
        .preview
        .write_data()
        .expect("the open data is written");
    assert!(
        page(&previewing, "partners/casa-de-refugio-riverbend/index.html")
            .contains("Casa de Refugio Riverside")
    );
    previewing.assert_same_as_a_fresh_build();
}

#[test]
fn a_custom_list_template_shows_each_languages_phone_label_as_a_fresh_build_does() {
    let hub = copy_of_example_site();
    let partners = "{% extends \"base.html\" %}{% block main %}{% for partner in partners %}\
{% if partner.primary_phone %}<p>{{ partner.id }}: {{ partner.primary_phone.label }}</p>{% endif %}\
{% endfor %}{% endblock main %}";
    fs::create_dir_all(hub.path().join("templates")).expect("templates folder");
    fs::write(hub.path().join("templates/partners.html"), partners).expect("template");
    let previewing = preview_of(hub);
    assert!(page(&previewing, "es/partners/index.html")
        .contains("bridges-home-transitional-housing: Línea de admisión para vivienda"));
    previewing.assert_same_as_a_fresh_build();
}

#[test]
fn files_no_build_reads_change_nothing() {
    let mut previewing = preview();
    let temporary = Path::new("partners/.casa.yaml.swp");
    fs::write(previewing.hub.path().join(temporary), "x").expect("write");
    assert!(previewing
        .preview
        .rebuild(&[temporary.to_path_buf()])
        .is_none());
    let vanished = PathBuf::from("partners/sed4Xa9b");
    assert!(previewing.preview.rebuild(&[vanished]).is_none());
}

#[test]
fn a_code_added_to_the_taxonomies_reaches_the_records_that_use_it() {
    let mut previewing = preview();
    let populations = "populations: [ipv_survivors, sexual_assault_survivors, trafficking_survivors, lgbtq, men, women]";
    let uses_new_code = previewing.edit(
        CASA,
        populations,
        "populations: [ipv_survivors, sexual_assault_survivors, trafficking_survivors, lgbtq, men, women, farmworkers]",
    );
    let unknown = previewing.preview.rebuild(&[uses_new_code]);
    assert!(
        matches!(unknown, Some(Err(_))),
        "farmworkers is not a code yet"
    );
    let file = "taxonomies.yaml";
    fs::write(
        previewing.hub.path().join(file),
        "populations:\n  - code: farmworkers\n    labels: { en: Farmworkers, es: Trabajadores agrícolas }\n",
    )
    .expect("write");
    let rebuilt = previewing.rebuild(&[PathBuf::from(file)]);
    assert_eq!(rebuilt.scope, Scope::Everything);
    assert!(page(&previewing, "populations/farmworkers/index.html")
        .contains("casa-de-refugio-riverbend"));
    previewing.assert_same_as_a_fresh_build();
}

#[test]
fn an_edit_that_makes_shown_text_private_is_refused() {
    // A private data repository may keep internal notes in partner files.
    let hub = copy_of_example_site();
    make_data_repository_private(hub.path());
    let mut previewing = preview_of(hub);
    // Another partner's name, on pages this edit does not re-render (and
    // not in the edited record's own text, which would make it public).
    let changed = previewing.edit(
        "partners/arroyo-seco-community-action.yaml",
        "name: Arroyo Seco Community Action Agency",
        "internal: { notes: Juniper County Legal Aid }\nname: Arroyo Seco Community Action Agency",
    );
    assert_refused_as_published_private_data(&mut previewing, changed);
}

#[test]
fn an_edit_that_publishes_an_internal_value_is_refused_after_clean_rebuilds() {
    // The preview's scanner remembers the files it found clean; the edited
    // partner's pages, index shard and data rows are new files to it.
    let mut previewing = preview();
    for sentence in ["Call ahead.", "Call ahead. Walk-ins welcome."] {
        let changed = previewing.edit(
            "partners/juniper-county-legal-aid.yaml",
            "description: |\n",
            &format!("description: |\n  {sentence}\n"),
        );
        previewing.rebuild(&[changed]);
    }
    let changed = previewing.edit(
        "partners/juniper-county-legal-aid.yaml",
        "description: |\n",
        "description: |\n  Ask for Marvin Eckleberry.\n",
    );
    assert_refused_as_published_private_data(&mut previewing, changed);
}

/// A hub of 60 food banks: `/services/basic_needs/` and `/partners/` run
/// to three pages of 24.
fn paginated_hub() -> Previewing {
    food_banks(MINIMAL_HUB)
}

/// 60 food banks under this hub.yaml.
fn food_banks(hub_yaml: &str) -> Previewing {
    let mut files = vec![("hub.yaml".to_string(), hub_yaml.to_string())];
    for n in 10..70 {
        let id = format!("food-bank-{n}");
        files.push((format!("partners/{id}.yaml"), minimal_partner(&id)));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(path, text)| (path.as_str(), text.as_str()))
        .collect();
    preview_of(hub(&files))
}

#[test]
fn a_split_search_index_keeps_its_unchanged_files_and_matches_a_fresh_build() {
    let mut previewing = food_banks(&format!("{MINIMAL_HUB}search:\n  layout: sharded\n"));
    for (from, to) in [
        ("A week of groceries", "A week of groceries and bread"),
        ("and bread", "and fresh bread"),
    ] {
        let changed = previewing.edit("partners/food-bank-40.yaml", from, to);
        previewing.rebuild(&[changed]);
        previewing.assert_same_as_a_fresh_build();
    }
}

#[test]
fn an_edit_re_renders_only_the_page_of_a_list_that_shows_the_partner() {
    let mut previewing = paginated_hub();
    assert!(page(&previewing, "services/basic_needs/page/3/index.html").contains("food-bank-69"));
    let changed = previewing.edit(
        "partners/food-bank-11.yaml",
        "description: Emergency groceries",
        "description: Fresh vegetables and emergency groceries",
    );
    let rebuilt = previewing.rebuild(&[changed]);
    // Its own page, the first page of each of its three lists (all
    // partners, basic needs, its county), the pages that count or list
    // every partner (the section indexes, the print page) and the pages
    // with the search panel: 11. Not the six further pages of the lists,
    // which show the same partners as before.
    assert!(rebuilt.pages <= 11, "{rebuilt}");
    previewing.assert_same_as_a_fresh_build();
}

#[test]
fn a_partner_that_moves_to_another_page_of_a_list_moves_its_neighbours_too() {
    let mut previewing = paginated_hub();
    // Renamed to sort last: every partner after it moves up one place,
    // across all three pages.
    let changed = previewing.edit(
        "partners/food-bank-11.yaml",
        "name: food-bank-11 org",
        "name: zzz food bank",
    );
    previewing.rebuild(&[changed]);
    assert!(page(&previewing, "partners/page/3/index.html").contains("zzz food bank"));
    previewing.assert_same_as_a_fresh_build();

    // Out of the list: the pages after its place show others now.
    let changed = previewing.edit(
        "partners/food-bank-12.yaml",
        "categories: [basic_needs]",
        "categories: [legal_services]",
    );
    previewing.rebuild(&[changed]);
    previewing.assert_same_as_a_fresh_build();
}

#[test]
fn an_edit_that_leaves_the_partners_card_as_it_was_re_renders_no_list_of_it() {
    let mut previewing = paginated_hub();
    // A service's description is on the partner's page, not on its card.
    let changed = previewing.edit(
        "partners/food-bank-11.yaml",
        "description: A week of groceries, no questions asked.",
        "description: A week of groceries and fresh bread, no questions asked.",
    );
    let rebuilt = previewing.rebuild(&[changed]);
    assert!(page(&previewing, "partners/food-bank-11/index.html").contains("fresh bread"));
    // Its own page and the two pages with the search panel; not the
    // first pages of its three lists, nor the print page, nor the section
    // indexes (its terms' counts are as they were).
    assert_eq!(rebuilt.pages, 3, "{rebuilt}");
    previewing.assert_same_as_a_fresh_build();
}
