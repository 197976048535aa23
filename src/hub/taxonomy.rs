//! Enumerations with stable codes and human labels (docs/record-format.md
//! lists them): built in, extendable by a hub's `taxonomies.yaml`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::hub::{words, yaml};

/// One code of an enumeration with its labels per language.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub code: String,
    pub labels: BTreeMap<String, String>,
    pub descriptions: BTreeMap<String, String>,
}

impl Term {
    /// The label in `language`, else English, else the code itself.
    pub fn label(&self, language: &str) -> &str {
        self.labels
            .get(language)
            .or_else(|| self.labels.get("en"))
            .map_or(self.code.as_str(), String::as_str)
    }

    pub fn description(&self, language: &str) -> Option<&str> {
        self.descriptions
            .get(language)
            .or_else(|| self.descriptions.get("en"))
            .map(String::as_str)
    }
}

/// The kinds of enumeration a hub can extend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    ServiceAreas,
    PartnerTypes,
    FocusIssues,
    Populations,
    Accessibility,
    Languages,
}

impl Kind {
    pub fn key(self) -> &'static str {
        match self {
            Kind::ServiceAreas => "service_areas",
            Kind::PartnerTypes => "partner_types",
            Kind::FocusIssues => "focus_issues",
            Kind::Populations => "populations",
            Kind::Accessibility => "accessibility",
            Kind::Languages => "languages",
        }
    }
}

/// All enumerations of one hub, in their declared order.
#[derive(Debug, Clone, Serialize)]
pub struct Taxonomies {
    pub service_areas: Vec<Term>,
    pub partner_types: Vec<Term>,
    pub focus_issues: Vec<Term>,
    pub populations: Vec<Term>,
    pub accessibility: Vec<Term>,
    pub languages: Vec<Term>,
}

impl Taxonomies {
    pub fn terms(&self, kind: Kind) -> &[Term] {
        match kind {
            Kind::ServiceAreas => &self.service_areas,
            Kind::PartnerTypes => &self.partner_types,
            Kind::FocusIssues => &self.focus_issues,
            Kind::Populations => &self.populations,
            Kind::Accessibility => &self.accessibility,
            Kind::Languages => &self.languages,
        }
    }

    fn terms_mut(&mut self, kind: Kind) -> &mut Vec<Term> {
        match kind {
            Kind::ServiceAreas => &mut self.service_areas,
            Kind::PartnerTypes => &mut self.partner_types,
            Kind::FocusIssues => &mut self.focus_issues,
            Kind::Populations => &mut self.populations,
            Kind::Accessibility => &mut self.accessibility,
            Kind::Languages => &mut self.languages,
        }
    }

    pub fn find(&self, kind: Kind, code: &str) -> Option<&Term> {
        self.terms(kind).iter().find(|term| term.code == code)
    }

    pub fn contains(&self, kind: Kind, code: &str) -> bool {
        self.find(kind, code).is_some()
    }

    /// The label of `code`, or the code itself when it is not a known term
    /// (language tags outside the built-in table, for instance).
    pub fn label<'a>(&'a self, kind: Kind, code: &'a str, language: &str) -> &'a str {
        self.find(kind, code)
            .map_or(code, |term| term.label(language))
    }

    pub fn codes(&self, kind: Kind) -> Vec<&str> {
        self.terms(kind).iter().map(|t| t.code.as_str()).collect()
    }

    /// The terms of `kind` a value written in other words may stand for:
    /// the one it is a label of, in any language ("Mujeres", "Legal
    /// Services"), else those sharing most of its words with their labels,
    /// descriptions and the words people use for them ("housing" is in
    /// basic needs' "Food, shelter, clothing and safe housing"; "trafficking
    /// victims" could be any of three populations). At most three.
    pub fn meant(&self, kind: Kind, written: &str) -> Vec<&Term> {
        let key = words::key(written);
        let terms = self.terms(kind);
        if let Some(term) = terms
            .iter()
            .find(|term| term.labels.values().any(|label| words::key(label) == key))
        {
            return vec![term];
        }
        let wanted: Vec<&str> = key
            .split('_')
            .filter(|word| word.len() >= 3 && !GENERIC_WORDS.contains(word))
            .collect();
        let score = |term: &Term| {
            let text = term
                .labels
                .values()
                .chain(term.descriptions.values())
                .map(|text| words::key(text))
                .collect::<Vec<_>>()
                .join("_");
            let known: Vec<&str> = text.split('_').collect();
            let extra = words_for(kind, &term.code);
            let words = wanted
                .iter()
                .filter(|word| {
                    known.iter().any(|k| same_word(word, k))
                        || extra.iter().any(|start| starts_word(word, start))
                })
                .count();
            let phrases = extra
                .iter()
                .filter(|extra| extra.trim().contains(' ') && key.contains(&words::key(extra)))
                .count();
            words + phrases
        };
        let scored: Vec<(usize, &Term)> = terms.iter().map(|term| (score(term), term)).collect();
        let best = scored.iter().map(|(score, _)| *score).max().unwrap_or(0);
        let meant: Vec<&Term> = scored
            .into_iter()
            .filter(|(score, _)| best > 0 && *score == best)
            .map(|(_, term)| term)
            .collect();
        if meant.len() <= 3 {
            meant
        } else {
            Vec::new()
        }
    }

    /// The built-in enumerations.
    pub fn builtin() -> Self {
        let mut service_areas = terms(SERVICE_AREAS);
        for term in &mut service_areas {
            if let Some((_, text)) = SERVICE_AREA_DESCRIPTIONS_ES
                .iter()
                .find(|(c, _)| *c == term.code)
            {
                term.descriptions.insert("es".to_string(), text.to_string());
            }
        }
        Taxonomies {
            service_areas,
            partner_types: terms(PARTNER_TYPES),
            focus_issues: terms(FOCUS_ISSUES),
            populations: terms(POPULATIONS),
            accessibility: terms(ACCESSIBILITY),
            languages: terms(LANGUAGES),
        }
    }

    /// Built-ins plus the additions and relabellings of `taxonomies.yaml`.
    pub fn with_hub_file(source: &str, path: &Path) -> Result<Self, Diagnostic> {
        Ok(Self::with(yaml::parse(source, path, 0)?))
    }

    /// [`Taxonomies::with_hub_file`], and the mistakes reading the file
    /// lets through ([`check`]) for a hub publishing `languages`.
    pub fn with_checked_hub_file(
        source: &str,
        path: &Path,
        languages: &[String],
    ) -> Result<(Self, Vec<Diagnostic>), Diagnostic> {
        let file: TaxonomyFile = yaml::parse(source, path, 0)?;
        let found = check(&file, source, path, languages);
        Ok((Self::with(file), found))
    }

    fn with(file: TaxonomyFile) -> Self {
        let mut taxonomies = Taxonomies::builtin();
        for (kind, entries) in file.into_lists() {
            let list = taxonomies.terms_mut(kind);
            for entry in entries {
                match list.iter_mut().find(|term| term.code == entry.code) {
                    Some(existing) => {
                        existing.labels.extend(entry.labels);
                        existing.descriptions.extend(entry.descriptions);
                    }
                    None => list.push(Term {
                        code: entry.code,
                        labels: entry.labels,
                        descriptions: entry.descriptions,
                    }),
                }
            }
        }
        taxonomies
    }
}

/// The mistakes of a hub's `taxonomies.yaml` that reading it lets
/// through: a code that cannot be a page's address (E087), an entry
/// that repeats a code or labels a language the hub does not publish
/// (W093), a new term without a label in one of the hub's `languages`
/// (W092).
fn check(file: &TaxonomyFile, source: &str, path: &Path, languages: &[String]) -> Vec<Diagnostic> {
    use crate::diagnostics::rules;
    let locator = yaml::Locator::new(source, 0);
    let builtin = Taxonomies::builtin();
    let language_name =
        |tag: &str| format!("{} ({tag})", builtin.label(Kind::Languages, tag, "en"));
    let mut out = Vec::new();
    let mut report = |rule, field: String, message: String, help: String| {
        out.push(
            Diagnostic::new(rule, path, message)
                .at(locator.find(&field))
                .field(field)
                .help(help),
        );
    };
    for (kind, entries) in file.lists() {
        let section = kind.key();
        let mut seen = std::collections::BTreeSet::new();
        for (index, entry) in entries.iter().enumerate() {
            let field = format!("{section}[{index}]");
            let code = entry.code.as_str();
            // Language codes are BCP 47 tags (zh-Hant), checked as such.
            if kind != Kind::Languages && !is_term_code(code) {
                let written = words::key(code);
                report(
                    rules::BAD_TERM_CODE,
                    format!("{field}.code"),
                    format!("\"{code}\" is not a code: a code is lowercase letters, digits and _"),
                    format!("write code: {written} (and the same in the records that use it): the code is part of the page's address, /{section}/{written}/, and the labels are what people read"),
                );
            }
            if !seen.insert(code) {
                report(
                    rules::IGNORED_TERM_ENTRY,
                    format!("{field}.code"),
                    format!("\"{code}\" is listed twice in {section}: this entry's labels replace the earlier one's"),
                    "merge the two entries into one".to_string(),
                );
            }
            let texts = [
                ("labels", &entry.labels),
                ("descriptions", &entry.descriptions),
            ];
            for (part, tag) in texts
                .iter()
                .flat_map(|(part, texts)| texts.keys().map(move |tag| (part, tag)))
            {
                if !languages.iter().any(|language| language == tag) {
                    report(
                        rules::IGNORED_TERM_ENTRY,
                        format!("{field}.{part}.{tag}"),
                        format!("\"{tag}\" is not a language of this hub (languages: {}): this text is never shown", languages.join(", ")),
                        match crate::hub::language::tag_for_name(tag)
                            .filter(|meant| languages.iter().any(|language| language == meant))
                        {
                            Some(meant) => format!("write {meant}: (\"{tag}\" is not a language tag)"),
                            None => crate::diagnostics::suggest::did_you_mean(
                                tag,
                                languages.iter().map(String::as_str),
                                "label the hub's languages, or add this one to languages: in hub.yaml",
                            ),
                        },
                    );
                }
            }
        }
        // A term new to the hub needs a label in each language, said once
        // per code (of its entries together), at its last entry.
        let mut labels: BTreeMap<&str, (usize, BTreeMap<&str, &str>)> = BTreeMap::new();
        for (index, entry) in entries.iter().enumerate() {
            let (last, merged) = labels.entry(entry.code.as_str()).or_default();
            *last = index;
            merged.extend(entry.labels.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        }
        for (code, (index, merged)) in labels {
            if builtin.contains(kind, code) {
                continue;
            }
            let fallback = merged
                .get("en")
                .or_else(|| merged.values().next())
                .copied()
                .unwrap_or(code);
            for language in languages {
                if !merged.contains_key(language.as_str()) {
                    report(
                        rules::UNLABELLED_TERM,
                        format!("{section}[{index}].labels"),
                        format!("{code} has no {} label: pages in that language show \"{fallback}\"", language_name(language)),
                        format!("add {language}: … to its labels, for example labels: {{ {language}: … }}"),
                    );
                }
            }
        }
    }
    out
}

/// Lowercase letters, digits and `_` (or `-`): safe in a page's address
/// and written the same way in every record.
fn is_term_code(code: &str) -> bool {
    !code.is_empty()
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TaxonomyFile {
    #[serde(default)]
    service_areas: Vec<TermEntry>,
    #[serde(default)]
    partner_types: Vec<TermEntry>,
    #[serde(default)]
    focus_issues: Vec<TermEntry>,
    #[serde(default)]
    populations: Vec<TermEntry>,
    #[serde(default)]
    accessibility: Vec<TermEntry>,
    #[serde(default)]
    languages: Vec<TermEntry>,
}

impl TaxonomyFile {
    fn into_lists(self) -> [(Kind, Vec<TermEntry>); 6] {
        [
            (Kind::ServiceAreas, self.service_areas),
            (Kind::PartnerTypes, self.partner_types),
            (Kind::FocusIssues, self.focus_issues),
            (Kind::Populations, self.populations),
            (Kind::Accessibility, self.accessibility),
            (Kind::Languages, self.languages),
        ]
    }

    fn lists(&self) -> [(Kind, &[TermEntry]); 6] {
        [
            (Kind::ServiceAreas, &self.service_areas),
            (Kind::PartnerTypes, &self.partner_types),
            (Kind::FocusIssues, &self.focus_issues),
            (Kind::Populations, &self.populations),
            (Kind::Accessibility, &self.accessibility),
            (Kind::Languages, &self.languages),
        ]
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermEntry {
    code: String,
    #[serde(default)]
    labels: BTreeMap<String, String>,
    #[serde(default)]
    descriptions: BTreeMap<String, String>,
}

/// Words of labels that say nothing of which term is meant.
const GENERIC_WORDS: &[&str] = &[
    "and",
    "the",
    "for",
    "with",
    "who",
    "people",
    "personas",
    "survivors",
    "sobrevivientes",
    "services",
    "servicios",
    "service",
    "servicio",
    "para",
    "con",
    "los",
    "las",
    "del",
    "help",
    "ayuda",
];

/// A word and a word of a label are the same word, give or take a plural
/// ("interpreter", "Interpreters") or a Spanish ending ("inmigrante",
/// "inmigrantes").
fn same_word(written: &str, known: &str) -> bool {
    let stem = |word: &str| -> String {
        let word = word
            .strip_suffix("es")
            .filter(|w| w.len() >= 4)
            .unwrap_or(word);
        let word = word
            .strip_suffix('s')
            .filter(|w| w.len() >= 4)
            .unwrap_or(word);
        word.to_string()
    };
    written == known || (written.len() >= 4 && stem(written) == stem(known))
}

/// Words people use for a term that its labels and descriptions lack, as
/// the starts of words ("counsel" for counseling and counselor), in
/// English and Spanish (folded, no accents).
fn words_for(kind: Kind, code: &str) -> &'static [&'static str] {
    let table: &[(&str, &[&str])] = match kind {
        Kind::ServiceAreas => SERVICE_AREA_WORDS,
        Kind::Populations => POPULATION_WORDS,
        _ => &[],
    };
    table
        .iter()
        .find(|(known, _)| *known == code)
        .map_or(&[], |(_, words)| *words)
}

/// Whether `word` is `start` or starts with it; a `start` that ends in a
/// space is a whole word ("bus " is not the start of "business").
fn starts_word(word: &str, start: &str) -> bool {
    match start.strip_suffix(' ') {
        Some(whole) => word == whole,
        None => !start.contains(' ') && word.starts_with(start),
    }
}

/// The service area a service is most likely in, from the words people
/// use for each ([`SERVICE_AREA_WORDS`]): each time one starts a word of
/// the description counts once, of the name three times, and the area
/// counted most wins (the first listed, of equals). How the importers file
/// a service whose export names no category: a shelter whose description
/// also mentions counseling and legal advocacy is in basic needs.
pub fn service_area_in(name: &str, description: &str) -> Option<&'static str> {
    let name = format!("_{}_", words::key(name));
    let description = format!("_{}_", words::key(description));
    let mut best = (0, None);
    for (code, starts) in SERVICE_AREA_WORDS {
        let count: usize = starts
            .iter()
            .map(|start| {
                // "_support_group" starts a word; "_bus_" is a whole word.
                let start = format!("_{}", start.replace(' ', "_"));
                3 * name.matches(&start).count() + description.matches(&start).count()
            })
            .sum();
        if count > best.0 {
            best = (count, Some(*code));
        }
    }
    best.1
}

/// Words that name each service area, as the starts of words (or whole
/// words, ending in a space). Of two areas a text names equally, the
/// importers file it in the one listed first.
pub const SERVICE_AREA_WORDS: &[(&str, &[&str])] = &[
    (
        "legal_services",
        &[
            "legal",
            "lawyer",
            "attorney",
            "immigration",
            "court",
            "abogad",
            "inmigracion",
            "asilo",
            "asylum",
            "visa",
            "representation",
            "bankruptcy",
            "foreclosure",
            "pro bono",
            "expunge",
            "custody",
            "divorce",
            "protection order",
            "order of protection",
            "restraining order",
            "paralegal",
            "divorcio",
            "custodia",
            "bancarrota",
        ],
    ),
    (
        "health_care",
        &[
            "health",
            "counsel",
            "medical",
            "mental",
            "clinic",
            "therapy",
            "therapist",
            "psychiatr",
            "salud",
            "medic",
            "terapia",
            "psicolog",
            "consejeria",
            "dental",
            "doctor",
        ],
    ),
    (
        "interpretation_services",
        &["interpret", "translat", "traduc"],
    ),
    (
        "career_services",
        &[
            "job", "employ", "career", "work", "empleo", "trabajo", "laboral",
        ],
    ),
    (
        "education",
        &[
            "class",
            "school",
            "education",
            "literacy",
            "english",
            "clase",
            "escuela",
            "educacion",
            "ingles",
            "ged ",
            "esl ",
        ],
    ),
    (
        "transportation",
        &["transport", "bus ", "buses ", "ride", "pasaje"],
    ),
    (
        "healing_cultural_services",
        &[
            "healing",
            "support group",
            "peer",
            "cultural",
            "sanacion",
            "espiritual",
            "ceremon",
        ],
    ),
    (
        "basic_needs",
        &[
            "food", "shelter", "homeless", "meal", "housing", "clothing", "comida", "alimento",
            "refugio", "albergue", "vivienda", "ropa", "despensa", "pantry",
        ],
    ),
    (
        "empowerment_tools",
        &[
            "advoca",
            "safety plan",
            "case manage",
            "financial",
            "life skill",
            "defensor",
            "plan de seguridad",
            "finanz",
        ],
    ),
];

/// Words that name each population, as the starts of words.
const POPULATION_WORDS: &[(&str, &[&str])] = &[
    ("trafficking_survivors", &["trafficking", "trata "]),
    (
        "ipv_survivors",
        &["domestic", "dv ", "ipv ", "intimate", "domestica"],
    ),
    ("sexual_assault_survivors", &["rape", "violacion"]),
    (
        "child_maltreatment_survivors",
        &["maltrato", "abuso infantil"],
    ),
    ("children", &["kid", "child ", "nino", "nina", "infant"]),
    ("youth", &["teen", "adolescent", "minor", "menor"]),
    (
        "older_adults",
        &["senior", "elder", "anciano", "mayores ", "tercera edad"],
    ),
    ("women", &["woman", "female", "mujer"]),
    ("men", &["male ", "males ", "hombre"]),
    ("lgbtq", &["lgbt", "gay ", "lesbian", "queer", "bisexual"]),
    (
        "transgender_nonbinary",
        &["trans ", "nonbinary", "non binary", "no binari"],
    ),
    (
        "immigrants_refugees",
        &[
            "immigra",
            "refugee",
            "undocumented",
            "inmigra",
            "migrant",
            "indocumentad",
            "refugiad",
        ],
    ),
    ("asylum_seekers", &["asylum", "asilo"]),
    (
        "limited_english_proficiency",
        &["lep ", "non english", "no habla ingles"],
    ),
    ("deaf_hard_of_hearing", &["deaf", "sordo", "sorda"]),
    ("people_with_disabilities", &["disab", "discapacidad"]),
    ("families_with_children", &["famil", "parent"]),
];

/// (code, English label, Spanish label, English description)
type Row = (&'static str, &'static str, &'static str, &'static str);

fn terms(rows: &[Row]) -> Vec<Term> {
    rows.iter()
        .map(|(code, en, es, description)| {
            let labels = BTreeMap::from([
                ("en".to_string(), en.to_string()),
                ("es".to_string(), es.to_string()),
            ]);
            let mut descriptions = BTreeMap::new();
            if !description.is_empty() {
                descriptions.insert("en".to_string(), description.to_string());
            }
            Term {
                code: code.to_string(),
                labels,
                descriptions,
            }
        })
        .collect()
}

/// The service areas' descriptions in Spanish (home page tiles).
const SERVICE_AREA_DESCRIPTIONS_ES: &[(&str, &str)] = &[
    ("basic_needs", "Comida, albergue, ropa y vivienda segura."),
    ("career_services", "Capacitación laboral, búsqueda de empleo y derechos laborales."),
    ("education", "GED, clases de inglés (ESL) y apoyo escolar."),
    ("health_care", "Atención médica, dental y de salud mental."),
    ("interpretation_services", "Intérpretes y documentos traducidos, incluida la lengua de señas."),
    ("legal_services", "Ayuda legal en inmigración, derecho penal, civil y familiar, a menudo gratuita."),
    ("empowerment_tools", "Educación financiera, habilidades para la vida y grupos de apoyo."),
    ("transportation", "Traslados, pases de autobús y ayuda para llegar a las citas."),
    ("healing_cultural_services", "Sanación cultural, acompañamiento espiritual y apoyo entre pares dirigido por sobrevivientes."),
];

const SERVICE_AREAS: &[Row] = &[
    (
        "basic_needs",
        "Basic Needs",
        "Necesidades básicas",
        "Food, shelter, clothing and safe housing.",
    ),
    (
        "career_services",
        "Career Services",
        "Servicios de empleo",
        "Job training, job search and workers' rights.",
    ),
    (
        "education",
        "Education",
        "Educación",
        "GED, English classes (ESL) and school support.",
    ),
    (
        "health_care",
        "Health Care",
        "Atención médica",
        "Medical, dental and mental health care.",
    ),
    (
        "interpretation_services",
        "Interpretation Services",
        "Servicios de interpretación",
        "Interpreters and translated documents, including sign language.",
    ),
    (
        "legal_services",
        "Legal Services",
        "Servicios legales",
        "Immigration, criminal, civil and family law help, often free.",
    ),
    (
        "empowerment_tools",
        "Empowerment Tools",
        "Herramientas de empoderamiento",
        "Financial literacy, life skills and support groups.",
    ),
    (
        "transportation",
        "Transportation",
        "Transporte",
        "Rides, bus passes and help getting to appointments.",
    ),
    (
        "healing_cultural_services",
        "Healing and Cultural Services",
        "Sanación y servicios culturales",
        "Cultural healing, spiritual care and survivor-led peer support.",
    ),
];

const PARTNER_TYPES: &[Row] = &[
    (
        "government_victim_services",
        "Government-funded victim services",
        "Servicios a víctimas con fondos públicos",
        "",
    ),
    (
        "victim_service_directory",
        "Victim service directory",
        "Directorio de servicios a víctimas",
        "",
    ),
    (
        "coalition_task_force",
        "Coalition or task force",
        "Coalición o grupo de trabajo",
        "",
    ),
    (
        "survivor_leader",
        "Survivor leader or survivor-led organization",
        "Líder sobreviviente u organización dirigida por sobrevivientes",
        "",
    ),
    (
        "legal_provider",
        "Legal provider",
        "Proveedor de servicios legales",
        "",
    ),
    (
        "university_college",
        "University or college",
        "Universidad o colegio",
        "",
    ),
    (
        "parallel_advocacy",
        "Advocacy program",
        "Programa de defensa",
        "",
    ),
    (
        "cultural_healing_center",
        "Cultural healing center",
        "Centro de sanación cultural",
        "",
    ),
    (
        "faith_based_center",
        "Faith-based center",
        "Centro religioso",
        "",
    ),
    ("other", "Other", "Otro", ""),
];

const FOCUS_ISSUES: &[Row] = &[
    (
        "human_trafficking",
        "Human trafficking",
        "Trata de personas",
        "",
    ),
    (
        "sex_trafficking",
        "Sex trafficking",
        "Trata con fines sexuales",
        "",
    ),
    (
        "labor_trafficking",
        "Labor trafficking",
        "Trata laboral",
        "",
    ),
    (
        "intimate_partner_violence",
        "Domestic violence",
        "Violencia doméstica",
        "",
    ),
    ("sexual_assault", "Sexual assault", "Agresión sexual", ""),
    ("child_maltreatment", "Child abuse", "Maltrato infantil", ""),
    ("child_welfare", "Child welfare", "Bienestar infantil", ""),
    (
        "mmip",
        "Missing and murdered Indigenous people",
        "Personas indígenas desaparecidas y asesinadas",
        "",
    ),
    ("lgbtq_rights", "LGBTQ+ rights", "Derechos LGBTQ+", ""),
    (
        "refugee_asylum_rights",
        "Refugee and asylum rights",
        "Derechos de refugiados y asilo",
        "",
    ),
    ("stalking", "Stalking", "Acecho", ""),
    ("other", "Other", "Otro", ""),
];

const POPULATIONS: &[Row] = &[
    (
        "trafficking_survivors",
        "Survivors of human trafficking",
        "Sobrevivientes de trata de personas",
        "",
    ),
    (
        "sex_trafficking_survivors",
        "Survivors of sex trafficking",
        "Sobrevivientes de trata sexual",
        "",
    ),
    (
        "labor_trafficking_survivors",
        "Survivors of labor trafficking",
        "Sobrevivientes de trata laboral",
        "",
    ),
    (
        "ipv_survivors",
        "Survivors of domestic violence",
        "Sobrevivientes de violencia doméstica",
        "",
    ),
    (
        "sexual_assault_survivors",
        "Survivors of sexual assault",
        "Sobrevivientes de agresión sexual",
        "",
    ),
    (
        "child_maltreatment_survivors",
        "Survivors of child abuse",
        "Sobrevivientes de maltrato infantil",
        "",
    ),
    (
        "mmip_families",
        "Families of missing and murdered Indigenous people",
        "Familias de personas indígenas desaparecidas y asesinadas",
        "",
    ),
    (
        "non_offending_caregivers",
        "Non-offending parents and caregivers",
        "Padres y cuidadores no agresores",
        "",
    ),
    ("children", "Children (0–12)", "Niños y niñas (0–12)", ""),
    ("youth", "Youth (13–17)", "Jóvenes (13–17)", ""),
    (
        "transition_age_youth",
        "Young adults (18–24)",
        "Adultos jóvenes (18–24)",
        "",
    ),
    ("adults", "Adults", "Adultos", ""),
    (
        "older_adults",
        "Older adults (60+)",
        "Personas mayores (60+)",
        "",
    ),
    ("women", "Women", "Mujeres", ""),
    ("men", "Men", "Hombres", ""),
    ("lgbtq", "LGBTQ+ people", "Personas LGBTQ+", ""),
    (
        "transgender_nonbinary",
        "Transgender and nonbinary people",
        "Personas transgénero y no binarias",
        "",
    ),
    (
        "native_american_alaska_native",
        "Native American and Alaska Native people",
        "Personas nativas americanas y de Alaska",
        "",
    ),
    (
        "immigrants_refugees",
        "Immigrants and refugees",
        "Inmigrantes y refugiados",
        "",
    ),
    (
        "asylum_seekers",
        "People seeking asylum",
        "Solicitantes de asilo",
        "",
    ),
    (
        "limited_english_proficiency",
        "People who speak limited English",
        "Personas con inglés limitado",
        "",
    ),
    (
        "deaf_hard_of_hearing",
        "Deaf and hard of hearing people",
        "Personas sordas o con pérdida auditiva",
        "",
    ),
    (
        "people_with_disabilities",
        "People with disabilities",
        "Personas con discapacidad",
        "",
    ),
    (
        "families_with_children",
        "Families with children",
        "Familias con hijos",
        "",
    ),
    (
        "survivors_with_criminal_records",
        "Survivors with criminal records",
        "Sobrevivientes con antecedentes penales",
        "",
    ),
];

const ACCESSIBILITY: &[Row] = &[
    (
        "wheelchair_accessible",
        "Wheelchair accessible",
        "Accesible en silla de ruedas",
        "",
    ),
    ("ramp", "Ramp", "Rampa", ""),
    ("elevator", "Elevator", "Ascensor", ""),
    (
        "accessible_restroom",
        "Accessible restroom",
        "Baño accesible",
        "",
    ),
    (
        "accessible_parking",
        "Accessible parking",
        "Estacionamiento accesible",
        "",
    ),
    ("hearing_loop", "Hearing loop", "Bucle auditivo", ""),
    (
        "braille_signage",
        "Braille signs",
        "Señalización en braille",
        "",
    ),
    (
        "service_animals_welcome",
        "Service animals welcome",
        "Se admiten animales de servicio",
        "",
    ),
    (
        "gender_neutral_restroom",
        "Gender-neutral restroom",
        "Baño de género neutro",
        "",
    ),
    (
        "private_meeting_room",
        "Private meeting room",
        "Sala privada para reuniones",
        "",
    ),
    (
        "childcare_on_site",
        "Childcare on site",
        "Cuidado de niños en el lugar",
        "",
    ),
    ("lactation_room", "Lactation room", "Sala de lactancia", ""),
];

/// Display names of the language tags survivor services commonly need
/// (docs/record-format.md). The Spanish column holds Spanish names of each language.
const LANGUAGES: &[Row] = &[
    ("en", "English", "Inglés", "English"),
    ("es", "Spanish", "Español", "Español"),
    (
        "pt-BR",
        "Brazilian Portuguese",
        "Portugués de Brasil",
        "Português",
    ),
    ("pt", "Portuguese", "Portugués", "Português"),
    ("ht", "Haitian Creole", "Criollo haitiano", "Kreyòl ayisyen"),
    ("fr", "French", "Francés", "Français"),
    ("ar", "Arabic", "Árabe", "العربية"),
    ("fa", "Persian", "Persa", "فارسی"),
    ("prs", "Dari", "Darí", "دری"),
    ("ps", "Pashto", "Pastún", "پښتو"),
    ("ur", "Urdu", "Urdu", "اردو"),
    ("hi", "Hindi", "Hindi", "हिन्दी"),
    ("pa", "Punjabi", "Panyabí", "ਪੰਜਾਬੀ"),
    ("bn", "Bengali", "Bengalí", "বাংলা"),
    ("ne", "Nepali", "Nepalí", "नेपाली"),
    ("my", "Burmese", "Birmano", "မြန်မာ"),
    ("so", "Somali", "Somalí", "Soomaali"),
    ("sw", "Swahili", "Suajili", "Kiswahili"),
    ("am", "Amharic", "Amárico", "አማርኛ"),
    ("ti", "Tigrinya", "Tigriña", "ትግርኛ"),
    ("om", "Oromo", "Oromo", "Afaan Oromoo"),
    ("vi", "Vietnamese", "Vietnamita", "Tiếng Việt"),
    ("km", "Khmer", "Jemer", "ខ្មែរ"),
    ("lo", "Lao", "Lao", "ລາວ"),
    ("hmn", "Hmong", "Hmong", "Hmoob"),
    ("tl", "Tagalog", "Tagalo", "Tagalog"),
    ("fil", "Filipino", "Filipino", "Filipino"),
    ("ko", "Korean", "Coreano", "한국어"),
    ("th", "Thai", "Tailandés", "ไทย"),
    ("ru", "Russian", "Ruso", "Русский"),
    ("uk", "Ukrainian", "Ucraniano", "Українська"),
    ("cmn", "Mandarin", "Mandarín", "普通话"),
    ("yue", "Cantonese", "Cantonés", "粵語"),
    (
        "zh-Hans",
        "Chinese (Simplified)",
        "Chino (simplificado)",
        "简体中文",
    ),
    (
        "zh-Hant",
        "Chinese (Traditional)",
        "Chino (tradicional)",
        "繁體中文",
    ),
    ("nv", "Navajo", "Navajo", "Diné bizaad"),
    ("lkt", "Lakota", "Lakota", "Lakȟótiyapi"),
    ("chr", "Cherokee", "Cheroqui", "ᏣᎳᎩ"),
    ("oj", "Ojibwe", "Ojibwe", "Anishinaabemowin"),
    ("yua", "Yucatec Maya", "Maya yucateco", "Maaya t'aan"),
    ("mam", "Mam", "Mam", "Mam"),
    ("quc", "K'iche'", "K'iche'", "K'iche'"),
    (
        "ase",
        "American Sign Language",
        "Lengua de señas americana",
        "ASL",
    ),
    ("de", "German", "Alemán", "Deutsch"),
    ("it", "Italian", "Italiano", "Italiano"),
    ("ja", "Japanese", "Japonés", "日本語"),
    ("pl", "Polish", "Polaco", "Polski"),
    ("ro", "Romanian", "Rumano", "Română"),
    ("tr", "Turkish", "Turco", "Türkçe"),
    ("zh", "Chinese", "Chino", "中文"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The codes of the terms `written` may mean, among the built-ins.
    fn codes(kind: Kind, written: &str) -> Vec<String> {
        Taxonomies::builtin()
            .meant(kind, written)
            .iter()
            .map(|term| term.code.clone())
            .collect()
    }

    #[test]
    fn a_label_in_any_language_means_its_term() {
        assert_eq!(codes(Kind::Populations, "Mujeres"), ["women"]);
        assert_eq!(
            codes(Kind::ServiceAreas, "Servicios legales"),
            ["legal_services"]
        );
        assert_eq!(
            codes(Kind::ServiceAreas, "Legal Services"),
            ["legal_services"]
        );
    }

    #[test]
    fn everyday_words_mean_the_term_that_shares_them() {
        assert_eq!(codes(Kind::ServiceAreas, "housing"), ["basic_needs"]);
        assert_eq!(codes(Kind::ServiceAreas, "food pantry"), ["basic_needs"]);
        assert_eq!(codes(Kind::ServiceAreas, "vivienda"), ["basic_needs"]);
        assert_eq!(codes(Kind::ServiceAreas, "counseling"), ["health_care"]);
        assert_eq!(codes(Kind::ServiceAreas, "abogado"), ["legal_services"]);
        assert_eq!(
            codes(Kind::ServiceAreas, "interpreters"),
            ["interpretation_services"]
        );
        assert_eq!(codes(Kind::Populations, "kids"), ["children"]);
        assert_eq!(codes(Kind::Populations, "teens"), ["youth"]);
        assert_eq!(
            codes(Kind::Populations, "inmigrantes"),
            ["immigrants_refugees"]
        );
        assert_eq!(
            codes(Kind::Populations, "trafficking victims"),
            [
                "trafficking_survivors",
                "sex_trafficking_survivors",
                "labor_trafficking_survivors"
            ]
        );
        assert!(codes(Kind::ServiceAreas, "business").is_empty());
        assert!(codes(Kind::Populations, "survivors").is_empty());
    }

    use crate::diagnostics::rules;

    /// The codes and fields of what [`check`] says of a
    /// taxonomies.yaml in a hub of English and Spanish.
    fn checked(source: &str) -> Vec<(&'static str, String, String)> {
        let languages = ["en".to_string(), "es".to_string()];
        Taxonomies::with_checked_hub_file(source, Path::new("taxonomies.yaml"), &languages)
            .map(|(_, found)| found)
            .unwrap_or_default()
            .into_iter()
            .map(|d| (d.code, d.field, d.help.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn a_code_that_cannot_be_an_address_gets_the_code_to_write() {
        let found = checked("populations:\n  - code: Farm Workers\n    labels: { en: Farmworkers, es: Trabajadores agrícolas }\n");
        assert_eq!(found.len(), 1, "{found:?}");
        let (code, field, help) = &found[0];
        assert_eq!(
            (*code, field.as_str()),
            (rules::BAD_TERM_CODE.code, "populations[0].code")
        );
        assert!(help.starts_with("write code: farm_workers"), "{help}");
    }

    #[test]
    fn a_new_term_without_a_label_in_a_hub_language_is_said_once_per_code() {
        let found = checked("populations:\n  - code: veterans\n    labels: { en: Veterans }\n  - code: veterans\n    labels: { en: Veterans (all branches) }\n");
        let codes: Vec<(&str, &str)> = found
            .iter()
            .map(|(code, field, _)| (*code, field.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                (rules::IGNORED_TERM_ENTRY.code, "populations[1].code"),
                (rules::UNLABELLED_TERM.code, "populations[1].labels")
            ]
        );
    }

    #[test]
    fn a_label_for_a_language_the_hub_does_not_publish_names_the_one_meant() {
        let found = checked("service_areas:\n  - code: housing\n    labels: { en: Housing, es: Vivienda, sp: Vivienda }\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, "service_areas[0].labels.sp");
        assert!(found[0].2.starts_with("write es:"), "{}", found[0].2);
    }

    #[test]
    fn relabelling_a_built_in_term_needs_no_label_in_every_language() {
        assert!(
            checked("populations:\n  - code: women\n    labels: { en: Women and girls }\n")
                .is_empty()
        );
    }

    #[test]
    fn there_are_nine_service_areas() {
        assert_eq!(Taxonomies::builtin().service_areas.len(), 9);
    }

    #[test]
    fn hub_file_adds_a_population_and_relabels_another() {
        let source = "populations:\n  - code: farmworkers\n    labels: { en: Farmworkers }\n  - code: adults\n    labels: { en: Grown-ups }\n";
        let taxonomies = Taxonomies::with_hub_file(source, Path::new("taxonomies.yaml")).unwrap();
        assert_eq!(
            taxonomies.label(Kind::Populations, "farmworkers", "en"),
            "Farmworkers"
        );
        assert_eq!(
            taxonomies.label(Kind::Populations, "adults", "en"),
            "Grown-ups"
        );
        assert_eq!(
            taxonomies.label(Kind::Populations, "adults", "es"),
            "Adultos"
        );
    }
}
