//! Everyday words for the nine service areas, in English and Spanish, so
//! "shelter", "lawyer" or "albergue" find the partners an advocate means
//! even when a record never uses the word. Indexed as tags.

/// `(service area, English words, Spanish words)`.
pub const SERVICE_AREA_WORDS: &[(&str, &str, &str)] = &[
    (
        "basic_needs",
        "shelter housing food clothing emergency safe house",
        "albergue refugio vivienda comida ropa alojamiento",
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
