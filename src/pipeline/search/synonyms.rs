//! Everyday words for the nine service areas, in English and Spanish, so
//! "shelter", "lawyer" or "albergue" find the partners an advocate means
//! even when a record never uses the word. Indexed in the implied field,
//! which ranks below anything a record says itself (docs/search.md).

/// `(service area, English words, Spanish words)`.
pub const SERVICE_AREA_WORDS: &[(&str, &str, &str)] = &[
    (
        "basic_needs",
        "shelter housing food clothing emergency safe house sleep bed night rent bill pay",
        "albergue refugio vivienda comida ropa alojamiento dormir cama noche renta alquiler factura pagar",
    ),
    (
        "career_services",
        "job work employment training",
        "trabajo empleo capacitación",
    ),
    (
        "education",
        "school class classes english esl ged",
        "escuela clases inglés",
    ),
    (
        "health_care",
        "doctor clinic medical dental mental health counseling therapy",
        "médico clínica salud dental consejería terapia",
    ),
    (
        "interpretation_services",
        "interpreter translation translator sign language",
        "intérprete traducción traductor señas",
    ),
    (
        "legal_services",
        "lawyer attorney legal court",
        "abogado abogada legal corte",
    ),
    (
        "empowerment_tools",
        "support group money financial skills",
        "grupo apoyo dinero finanzas",
    ),
    (
        "transportation",
        "ride bus transport car",
        "transporte autobús viaje",
    ),
    (
        "healing_cultural_services",
        "healing spiritual peer support culture",
        "sanación espiritual apoyo cultura",
    ),
];

/// Everyday words for who a service is for: "help for my son" finds
/// youth services. Indexed in the implied field too.
pub const POPULATION_WORDS: &[(&str, &str, &str)] = &[
    (
        "children",
        "child kid kids son daughter baby",
        "niño niña niños hijo hija bebé",
    ),
    (
        "youth",
        "teen teens teenager son daughter kid runaway",
        "adolescente joven hijo hija",
    ),
    ("transition_age_youth", "young adult", "joven jóvenes"),
    ("women", "woman mother mom", "mujer mujeres madre mamá"),
    (
        "older_adults",
        "elderly elder senior",
        "anciano ancianos mayores",
    ),
    (
        "lgbtq",
        "gay lesbian bisexual queer trans",
        "gay lesbiana bisexual trans",
    ),
    (
        "immigrants_refugees",
        "immigrant undocumented refugee",
        "inmigrante indocumentado refugiado",
    ),
    (
        "families_with_children",
        "family kids parent",
        "familia hijos padres",
    ),
];

/// Words that mean the same to someone searching, `(English, Spanish)`:
/// each set becomes one word class, so a record that says "alimentos"
/// matches "food" directly, as if it said "food". Sets are small and
/// disjoint; a word with a second everyday meaning stays out.
pub const SAME_MEANING: &[(&str, &str)] = &[
    ("food groceries", "comida alimentos víveres"),
    ("free", "gratis gratuito"),
    ("lawyer attorney", "abogado abogada"),
    ("shelter", "albergue"),
    ("counseling counselling counselor", "consejería consejero"),
    ("therapy therapist", "terapia terapeuta"),
    ("rent", "renta alquiler"),
    ("job employment", "trabajo empleo"),
    ("doctor", "médico"),
    ("interpreter", "intérprete"),
    ("translation", "traducción"),
    ("immigration", "inmigración"),
    ("immigrant", "inmigrante"),
    ("child children kid", "niño niña"),
    ("teen teenager adolescent youth", "adolescente joven"),
    ("housing", "vivienda"),
    ("clothing clothes", "ropa"),
    ("school", "escuela"),
    ("health", "salud"),
    ("court", "corte tribunal"),
    ("transportation transport", "transporte"),
    ("woman", "mujer"),
    ("family", "familia"),
    ("violence", "violencia"),
    ("abuse", "abuso maltrato"),
    ("trafficking", "trata"),
    ("emergency", "emergencia"),
    ("pantry", "despensa"),
    ("bill", "factura"),
    ("money", "dinero"),
    ("class", "clase"),
];

/// What people type for a need and the words records use for what meets
/// it, `(language, query words, record words)`: a query word on the left
/// also finds the records that say a word on the right, ranked below the
/// records that say the query word itself. One way only: a record that
/// says "shelter" is found by "sleep", not the other way round.
pub const NEEDS: &[(&str, &str, &str)] = &[
    ("en", "sleep bed beds stay live homeless", "shelter housing"),
    ("en", "son daughter sons daughters", "youth child"),
    ("es", "hijo hija hijos hijas", "joven niño"),
    (
        "es",
        "dormir cama camas quedarme vivir",
        "albergue refugio vivienda",
    ),
    ("en", "eat hungry meal meals", "food pantry"),
    ("es", "comer hambre", "comida alimentos despensa"),
    (
        "en",
        "hit hits hitting beat beats beating hurt hurts abuser",
        "violence abuse",
    ),
    ("es", "golpea golpes pega maltrata", "violencia abuso"),
    // "DV", and the partner a survivor names ("my boyfriend hits me"): on
    // a survivors' hub, relationship words are said of abuse.
    ("en", "dv ipv", "domestic violence"),
    (
        "en",
        "boyfriend girlfriend husband wife spouse ex",
        "domestic violence abuse",
    ),
    (
        "es",
        "novio novia esposo esposa marido pareja",
        "violencia doméstica abuso",
    ),
    ("en", "papers deported deportation", "immigration"),
    ("es", "papeles deportado deportacion", "inmigración"),
    ("en", "evicted eviction kicked", "housing"),
    ("es", "desalojo desalojado", "vivienda"),
    (
        "en",
        "sad depressed depression anxiety suicidal",
        "counseling therapy",
    ),
    ("es", "triste depresion ansiedad", "consejería terapia"),
];

/// Words a free service implies.
pub const FREE_WORDS: (&str, &str) = ("free no cost", "gratis gratuito");
