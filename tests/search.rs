//! The search index a build writes (docs/search.md): its files and layouts,
//! its agreement with the browse pages, and the tokenizer vectors it shares
//! with the query script. Queries themselves run in Chromium:
//! tests/browser/search.test.js.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use haven::pipeline::search::{self, a32, text};
use serde_json::Value;

/// The data a `HAVEN_SEARCH("key", data);` file carries.
fn script_data(contents: &[u8]) -> (String, Value) {
    let source = String::from_utf8(contents.to_vec()).expect("utf-8");
    let inner = source
        .trim_end()
        .strip_prefix("HAVEN_SEARCH(")
        .and_then(|s| s.strip_suffix(");"))
        .unwrap_or_else(|| panic!("not an index script: {}", &source[..60.min(source.len())]));
    let (key, data) = inner.split_once(',').expect("key, data");
    (
        serde_json::from_str(key).expect("key"),
        serde_json::from_str(data).expect("data"),
    )
}

/// The English index's files (the example site has a Spanish one too),
/// without the query stemmers it ships beside them.
fn index_files(output: &Path) -> Vec<(String, Vec<u8>)> {
    language_index_files(output, "en")
}

fn language_index_files(output: &Path, language: &str) -> Vec<(String, Vec<u8>)> {
    read_tree(output)
        .into_iter()
        .filter(|(path, _)| {
            path.starts_with(&format!("search/{language}."))
                && path.ends_with(".js")
                && !path.contains(".stem-")
        })
        .collect()
}

fn head(output: &Path) -> Value {
    language_head(output, "en")
}

fn language_head(output: &Path, language: &str) -> Value {
    language_index_files(output, language)
        .iter()
        .map(|(_, contents)| script_data(contents))
        .find(|(key, _)| key == "head")
        .expect("a head file")
        .1
}

/// The example site's model.
fn example_model() -> haven::pipeline::model::Site {
    let (site, _) = haven::pipeline::build::prepare(&example_site(), today(), false);
    site.expect("example site is valid").0
}

fn build_with_hub_yaml(extra: &str, portable: bool) -> (tempfile::TempDir, tempfile::TempDir) {
    let hub = copy_of_example_site();
    let yaml = fs::read_to_string(hub.path().join("hub.yaml")).expect("hub.yaml");
    let yaml = yaml.replace("search:\n  enabled: true\n", extra);
    fs::write(hub.path().join("hub.yaml"), yaml).expect("write");
    let output = tempfile::tempdir().expect("temp");
    let mut plan = plan(hub.path(), &output.path().join("public"));
    plan.portable = Some(portable);
    haven::build(&plan).expect("build");
    (hub, output)
}

#[test]
fn tokenizer_matches_the_vectors_shared_with_the_query_script() {
    let vectors: Value = serde_json::from_str(
        &fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search/vectors.json"),
        )
        .expect("vectors"),
    )
    .expect("json");
    for vector in vectors["vectors"].as_array().expect("list") {
        let input = vector["text"].as_str().expect("text");
        let expected: Vec<&str> = vector["words"]
            .as_array()
            .expect("words")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let words: Vec<String> = text::words(input).collect();
        assert_eq!(words, expected, "words of {input:?}");
    }
}

#[test]
fn a_small_hub_gets_one_index_file_with_every_partner_and_guide_section() {
    let output = tempfile::tempdir().expect("temp");
    haven::build(&plan(&example_site(), output.path())).expect("build");
    let files = index_files(output.path());
    assert_eq!(
        files.len(),
        1,
        "{:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert!(
        files[0].0.starts_with("search/en.") && files[0].0.len() == "search/en.0123456789.js".len()
    );

    let head = head(output.path());
    let partners = fs::read_dir(output.path().join("partners"))
        .expect("partners")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().is_dir() && e.file_name() != "page")
        })
        .count();
    assert_eq!(head["np"].as_u64(), Some(partners as u64));
    let docs = head["docs"].as_array().expect("documents inline");
    assert_eq!(docs.len() as u64, head["n"].as_u64().expect("n"));
    // Every guide section is a document whose anchor exists on the page.
    for doc in &docs[partners..] {
        let (slug, anchor) = (
            doc[1].as_str().expect("slug"),
            doc[2].as_str().expect("anchor"),
        );
        let page = fs::read_to_string(output.path().join(format!("guides/{slug}/index.html")))
            .expect("guide page");
        assert!(
            anchor.is_empty() || page.contains(&format!("id={anchor}>")),
            "{slug}#{anchor}"
        );
    }
    // Partner documents link to pages that exist.
    for doc in &docs[..partners] {
        let id = doc[1].as_str().expect("id");
        assert!(
            output
                .path()
                .join(format!("partners/{id}/index.html"))
                .exists(),
            "{id}"
        );
    }
}

#[test]
fn the_home_and_search_pages_load_the_index_by_its_hashed_name() {
    let output = tempfile::tempdir().expect("temp");
    haven::build(&plan(&example_site(), output.path())).expect("build");
    let (head_path, _) = index_files(output.path()).remove(0);
    for page in ["index.html", "search/index.html"] {
        let html = fs::read_to_string(output.path().join(page)).expect("page");
        assert!(html.contains(&format!("data-index={head_path}")), "{page}");
        assert!(
            html.contains("assets/search."),
            "{page} loads the query script"
        );
    }
    let partner = fs::read_to_string(
        output
            .path()
            .join("partners/casa-de-refugio-riverbend/index.html"),
    )
    .expect("page");
    assert!(
        !partner.contains("assets/search."),
        "other pages stay light"
    );
}

#[test]
fn the_sharded_layout_holds_the_same_postings_as_the_single_file() {
    let (_hub, single) = build_with_hub_yaml("search:\n  layout: single\n", false);
    let (_hub2, sharded) = build_with_hub_yaml("search:\n  layout: sharded\n", false);
    let one = head(&single.path().join("public"));
    let split = head(&sharded.path().join("public"));
    assert_eq!(one["words"], split["words"]);
    assert_eq!(one["df"], split["df"]);

    let shards: std::collections::BTreeMap<String, Value> =
        index_files(&sharded.path().join("public"))
            .iter()
            .map(|(_, contents)| script_data(contents))
            .collect();
    let postings = split["p"].as_array().expect("postings shards");
    assert!(
        postings.len() > 1,
        "the example site splits into several shards"
    );
    let mut gaps = String::new();
    let mut masks = String::new();
    for (i, _) in postings.iter().enumerate() {
        let shard = &shards[&format!("p{i}")];
        gaps.push_str(shard["g"].as_str().expect("g"));
        masks.push_str(shard["m"].as_str().expect("m"));
    }
    assert_eq!(gaps, one["post"]["g"].as_str().expect("g"));
    assert_eq!(masks, one["post"]["m"].as_str().expect("m"));
    for (i, facet) in one["fac"].as_array().expect("facets").iter().enumerate() {
        assert_eq!(&shards[&format!("f{i}")], facet, "facet {i}");
    }
    let documents: Vec<Value> = (0..)
        .map_while(|i| shards.get(&format!("d{i}")))
        .flat_map(|d| d.as_array().expect("list").clone())
        .collect();
    assert_eq!(Value::Array(documents), one["docs"]);
}

#[test]
fn portable_builds_name_index_files_plainly() {
    let (_hub, output) = build_with_hub_yaml("search:\n  layout: sharded\n", true);
    let names: Vec<String> = index_files(&output.path().join("public"))
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert!(names.contains(&"search/en.js".to_string()), "{names:?}");
    assert!(names.contains(&"search/en.p0.js".to_string()), "{names:?}");
    assert!(names.contains(&"search/en.f0.js".to_string()), "{names:?}");
    assert_eq!(
        head(&output.path().join("public"))["portable"],
        Value::Bool(true)
    );
}

#[test]
fn a_hub_can_turn_search_off() {
    let (_hub, output) = build_with_hub_yaml("search:\n  enabled: false\n", false);
    let public = output.path().join("public");
    assert!(index_files(&public).is_empty());
    assert!(language_index_files(&public, "es").is_empty());
    assert!(!public.join("search/index.html").exists());
    let home = fs::read_to_string(public.join("index.html")).expect("home");
    assert!(!home.contains("data-search"));
}

#[test]
fn facet_counts_match_the_browse_pages() {
    let site = example_model();
    let index = search::build(&site, false, "en");
    let output = tempfile::tempdir().expect("temp");
    haven::build(&plan(&example_site(), output.path())).expect("build");
    let mut checked = 0;
    for facet in &index.facets {
        let section = match facet.key {
            "area" => "services",
            "population" => "populations",
            "language" => "languages",
            "county" => "counties",
            _ => continue,
        };
        for ((code, label), count) in facet.values.iter().zip(&facet.counts) {
            // A long list goes on over numbered pages: count them all.
            let cards: usize = (1..)
                .map(|n| match n {
                    1 => output.path().join(format!("{section}/{code}/index.html")),
                    n => output
                        .path()
                        .join(format!("{section}/{code}/page/{n}/index.html")),
                })
                .map_while(|page| fs::read_to_string(page).ok())
                .map(|html| html.matches("class=card>").count())
                .sum();
            assert_eq!(*count as usize, cards, "{} {code} ({label})", facet.key);
            checked += 1;
        }
    }
    assert!(checked > 30, "{checked} values checked");
}

/// The words of an index head, front coding undone.
fn dictionary(head: &Value) -> Vec<String> {
    let mut previous = String::new();
    head["words"]
        .as_str()
        .expect("words")
        .split(',')
        .map(|entry| {
            let shared = (entry.as_bytes()[0] - b'0') as usize;
            previous = previous
                .chars()
                .take(shared)
                .chain(entry.chars().skip(1))
                .collect();
            previous.clone()
        })
        .collect()
}

#[test]
fn stop_words_are_left_out_and_stems_join_languages() {
    let site = example_model();
    let index = search::build(&site, false, "en");
    let head = head_of(&index);
    let words = dictionary(&head);
    assert!(!words.contains(&"the".to_string()) && !words.contains(&"para".to_string()));
    let class_of = |word: &str| class_of(&head, word);
    assert_eq!(class_of("shelter"), class_of("shelters"), "English plural");
    assert_eq!(class_of("refugio"), class_of("refugios"), "Spanish plural");
    assert_ne!(class_of("shelter"), class_of("legal"));
}

#[test]
fn the_query_script_is_at_most_10_kb_minified() {
    let output = tempfile::tempdir().expect("temp");
    haven::build(&plan(&example_site(), output.path())).expect("build");
    let (path, script) = read_tree(output.path())
        .into_iter()
        .find(|(p, _)| p.starts_with("assets/search.") && p.ends_with(".js"))
        .expect("search script in the output");
    assert!(
        script.len() <= 10 * 1024,
        "{path} is {} bytes",
        script.len()
    );
    // A classic script with no way to reach the network but the site's own
    // index files.
    let source = String::from_utf8_lossy(&script);
    for forbidden in [
        "fetch(",
        "XMLHttpRequest",
        "import(",
        "Worker(",
        "WebAssembly",
        "localStorage",
        "sessionStorage",
        "document.cookie",
        "pushState",
        "replaceState",
    ] {
        assert!(!source.contains(forbidden), "{path} uses {forbidden}");
    }
}

#[test]
fn each_language_gets_its_own_index_with_names_and_links_in_that_language() {
    let output = tempfile::tempdir().expect("temp");
    haven::build(&plan(&example_site(), output.path())).expect("build");
    let english = head(output.path());
    let spanish = language_head(output.path(), "es");
    assert_eq!(spanish["lang"], "es");
    for head in [&english, &spanish] {
        let words = dictionary(head);
        for word in ["shelter", "albergue", "abogado", "lawyer"] {
            assert!(
                words.iter().any(|w| w == word),
                "{} index has {word}",
                head["lang"]
            );
        }
    }
    let names = |head: &Value| -> Vec<String> {
        head["docs"].as_array().expect("docs")[..head["np"].as_u64().expect("np") as usize]
            .iter()
            .map(|d| d[0].as_str().expect("name").to_string())
            .collect()
    };
    assert!(names(&english).contains(&"Juniper County Legal Aid".to_string()));
    assert!(names(&spanish).contains(&"Ayuda Legal del Condado de Juniper".to_string()));
    // Results in the page's language first: at equal scores the partners
    // with no Spanish text come last.
    let np = spanish["np"].as_u64().expect("np") as usize;
    let order: Vec<&str> = spanish["docs"].as_array().expect("docs")[..np]
        .iter()
        .map(|d| d[1].as_str().expect("id"))
        .collect();
    let mut untranslated: Vec<&str> = order[np - 4..].to_vec();
    untranslated.sort_unstable();
    assert_eq!(
        untranslated,
        [
            "juniper-region-mmip-family-circle",
            "new-mexico-survivor-services-directory",
            "turquoise-mesa-pueblo-family-wellness",
            "volunteer-lawyers-of-juniper-county"
        ]
    );
    let page = fs::read_to_string(output.path().join("es/search/index.html"))
        .expect("Spanish search page");
    let spanish_head = language_index_files(output.path(), "es").remove(0).0;
    assert!(page.contains(&format!("data-index={spanish_head}")));
    assert!(page.contains("Buscar en el directorio"));
}

#[test]
fn an_index_built_from_cached_texts_and_analyses_is_the_index_built_afresh() {
    let mut site = example_model();
    let mut cache = search::Cache::default();
    search::build_cached(&site, false, "en", &mut cache);
    // An edit: one partner's name changes, the rest come from the cache.
    std::sync::Arc::make_mut(&mut site.partners[0]).name = "Renamed Refuge Xylophone".into();
    cache.forget(&[site.partners[0].id.clone()].into());
    let cached = search::build_cached(&site, false, "en", &mut cache);
    let fresh = search::build(&site, false, "en");
    assert_eq!(cached.files, fresh.files);
    assert!(dictionary(&head_of(&fresh)).contains(&"xylophone".to_string()));
}

#[test]
fn a_rebuilt_index_names_as_unchanged_only_files_made_exactly_as_before() {
    let mut site = example_model();
    site.config.search.layout = haven::hub::config::SearchLayout::Sharded;
    let mut cache = search::Cache::default();
    let before = search::build_cached(&site, false, "en", &mut cache);
    assert!(before.unchanged.is_empty());
    std::sync::Arc::make_mut(&mut site.partners[0]).name = "Renamed Refuge Xylophone".into();
    cache.forget(&[site.partners[0].id.clone()].into());
    let after = search::build_cached(&site, false, "en", &mut cache);
    let made_before: std::collections::BTreeMap<&str, &[u8]> = before
        .files
        .iter()
        .map(|file| (file.path.as_str(), file.contents.as_slice()))
        .collect();
    for file in after
        .files
        .iter()
        .filter(|f| after.unchanged.contains(&f.path))
    {
        assert_eq!(
            made_before.get(file.path.as_str()),
            Some(&file.contents.as_slice()),
            "{}",
            file.path
        );
    }
    // The display shards the rename does not reorder and the stemmers
    // are as they were; the head, with its new word, is not.
    assert!(after.unchanged.len() >= 3, "{:?}", after.unchanged);
    assert!(!after.unchanged.contains(&after.head));
    assert_eq!(after.files, search::build(&site, false, "en").files);
}

#[test]
fn after_its_files_are_forgotten_an_index_names_none_unchanged() {
    // What haven serve does after a failed rebuild, whose files may not
    // have reached the preview.
    let mut site = example_model();
    site.config.search.layout = haven::hub::config::SearchLayout::Sharded;
    let mut cache = search::Cache::default();
    search::build_cached(&site, false, "en", &mut cache);
    assert!(!search::build_cached(&site, false, "en", &mut cache)
        .unchanged
        .is_empty());
    cache.forget_files();
    let after = search::build_cached(&site, false, "en", &mut cache);
    assert!(after.unchanged.is_empty(), "{:?}", after.unchanged);
    assert_eq!(after.files, search::build(&site, false, "en").files);
}

#[test]
fn indexes_built_together_share_analyses_yet_equal_indexes_built_alone() {
    let site = example_model();
    let languages = ["en".to_string(), "es".to_string()];
    let together = search::build_languages(&site, false, &languages, &mut search::Cache::default());
    for (index, language) in together.iter().zip(&languages) {
        let alone = search::build(&site, false, language);
        assert_eq!(index.files, alone.files, "{language}");
    }
    assert_ne!(together[0].files, together[1].files);
}

#[test]
fn a_builds_cache_that_keeps_no_text_gives_the_same_indexes() {
    let site = example_model();
    let languages = ["en".to_string(), "es".to_string()];
    let kept = search::build_languages(&site, false, &languages, &mut search::Cache::default());
    let one_shot =
        search::build_languages(&site, false, &languages, &mut search::Cache::one_shot());
    for (kept, one_shot) in kept.iter().zip(&one_shot) {
        assert_eq!(kept.files, one_shot.files, "{}", kept.language);
    }
}

fn head_of(index: &search::SearchIndex) -> Value {
    let head = index
        .files
        .iter()
        .find(|file| file.path == index.head)
        .expect("head file");
    script_data(&head.contents).1
}

/// The word class of `word` in an index head (a new class is written 0,
/// a class seen before as its number plus one).
fn class_of(head: &Value, word: &str) -> u32 {
    let position = dictionary(head)
        .iter()
        .position(|w| w == word)
        .unwrap_or_else(|| panic!("{word} indexed"));
    let stream = a32::decode(head["wc"].as_str().expect("wc")).expect("a32");
    let mut next = 0;
    let classes: Vec<u32> = stream
        .iter()
        .map(|v| {
            if *v == 0 {
                next += 1;
                next - 1
            } else {
                v - 1
            }
        })
        .collect();
    classes[position]
}

/// The (document, field mask) postings of the class of `word` in a
/// single-file index head.
fn postings_of(head: &Value, word: &str) -> Vec<(u32, u32)> {
    let class = class_of(head, word) as usize;
    let df = a32::decode(head["df"].as_str().expect("df")).expect("a32");
    let start: usize = df[..class].iter().map(|n| *n as usize).sum();
    let gaps = a32::decode(head["post"]["g"].as_str().expect("g")).expect("a32");
    let masks = a32::decode(head["post"]["m"].as_str().expect("m")).expect("a32");
    let mut doc = 0;
    (start..start + df[class] as usize)
        .map(|k| {
            doc += gaps[k];
            (doc, masks[k])
        })
        .collect()
}

#[test]
fn a_word_a_service_area_implies_is_marked_apart_from_what_a_record_says() {
    use haven::pipeline::search::documents::Field;
    let site = example_model();
    let index = search::build(&site, false, "en");
    let head = head_of(&index);
    let name_of = |doc: u32| {
        head["docs"][doc as usize][0]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let shelter = postings_of(&head, "shelter");
    let said: Vec<String> = shelter
        .iter()
        .filter(|(_, mask)| mask & !u32::from(Field::Implied.bit()) != 0)
        .map(|(doc, _)| name_of(*doc))
        .collect();
    let implied_only: Vec<String> = shelter
        .iter()
        .filter(|(_, mask)| *mask == u32::from(Field::Implied.bit()))
        .map(|(doc, _)| name_of(*doc))
        .collect();
    assert!(said.contains(&"Sunrise House".to_string()), "{said:?}");
    assert!(
        implied_only.contains(&"Juniper Regional Food Bank".to_string()),
        "a food bank is found by \"shelter\" only through its service area: {implied_only:?}"
    );
    assert!(
        Field::Implied.weight()
            < Field::ALL
                .iter()
                .filter(|f| **f != Field::Implied)
                .map(|f| f.weight())
                .min()
                .unwrap_or(0)
    );
}

#[test]
fn the_stem_vectors_the_query_stemmers_are_checked_against_are_the_builds() {
    let vectors: Value = serde_json::from_str(
        &fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search/stems.json"))
            .expect("stems.json"),
    )
    .expect("JSON");
    for language in ["en", "es"] {
        let stemmer = text::stemmer(language).expect("a stemmer");
        let pairs = vectors[language].as_object().expect("word: stem");
        assert!(pairs.len() > 2000, "{language}: {} words", pairs.len());
        for (word, stem) in pairs {
            assert_eq!(
                Some(stemmer.stem(word).as_ref()),
                stem.as_str(),
                "{language} {word}"
            );
        }
    }
}

#[test]
fn the_index_ships_a_query_stemmer_for_each_language_its_texts_are_in() {
    let index = search::build(&example_model(), false, "en");
    let head = head_of(&index);
    let stemmers = head["stem"].as_array().expect("stem list");
    let codes: Vec<&str> = stemmers
        .iter()
        .filter_map(|pair| pair[0].as_str())
        .collect();
    assert_eq!(codes, ["en", "es"]);
    for pair in stemmers {
        let path = pair[1].as_str().expect("path");
        let file = index
            .files
            .iter()
            .find(|f| f.path == path)
            .expect("stemmer file");
        let source = String::from_utf8_lossy(&file.contents);
        assert!(
            source.starts_with("HAVEN_SEARCH(`stem-") || source.starts_with("HAVEN_SEARCH(\"stem-"),
            "{source:.40}"
        );
    }
}

#[test]
fn words_that_mean_the_same_share_one_class_across_languages() {
    let head = head_of(&search::build(&example_model(), false, "en"));
    assert_eq!(class_of(&head, "groceries"), class_of(&head, "alimentos"));
    assert_eq!(class_of(&head, "lawyer"), class_of(&head, "abogado"));
    assert_ne!(class_of(&head, "groceries"), class_of(&head, "lawyer"));
}

#[test]
fn a_need_in_everyday_words_points_at_the_words_records_use() {
    let head = head_of(&search::build(&example_model(), false, "en"));
    let sleep: Vec<u64> = head["rel"]["sleep"]
        .as_array()
        .expect("sleep is a need")
        .iter()
        .filter_map(Value::as_u64)
        .collect();
    assert!(
        sleep.contains(&u64::from(class_of(&head, "shelter"))),
        "{sleep:?}"
    );
    assert!(!sleep.contains(&u64::from(class_of(&head, "legal"))));
}

#[test]
fn access_facts_say_police_involvement_only_when_every_service_needs_it() {
    let site = example_model();
    let partner = |id: &str| {
        site.partners
            .iter()
            .find(|p| p.id == id)
            .unwrap_or_else(|| panic!("{id} in the example"))
    };
    let prosecutor = partner("juniper-county-da-victim-witness").access;
    assert!(prosecutor.police_required && !prosecutor.no_police);
    let legal_aid = partner("juniper-county-legal-aid").access;
    assert!(legal_aid.no_police && !legal_aid.police_required);
    assert_eq!(
        haven::pipeline::model::AccessFacts::default().badges(),
        Vec::<&str>::new()
    );
}
