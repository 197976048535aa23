//! The words people write for a record's coded values, in English and
//! Spanish: "gratis" for `free`, "obligatorio" for `required`, "en línea"
//! for a `virtual` place. Validation's help names the code a word stands
//! for, so a volunteer who writes in their own words learns haven's.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lowercase, decompose, drop accents: "Información" → "informacion".
/// Lowercasing comes first because some capitals lowercase to a letter plus
/// a combining mark (İ → i̇), which the next step then drops.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect()
}

/// A written value as a lookup key: folded, dots, brackets and
/// apostrophes dropped, every other run of signs and spaces one `_` ("Sin
/// costo" → `sin_costo`, "EE. UU." → `ee_uu`, "LGBTQ+ people" →
/// `lgbtq_people`).
pub fn key(text: &str) -> String {
    let folded = fold(text.trim());
    let mut key = String::with_capacity(folded.len());
    for c in folded.chars() {
        match c {
            '.' | '(' | ')' | '\'' | '’' => {}
            c if c.is_alphanumeric() => key.push(c),
            _ => {
                if !key.is_empty() && !key.ends_with('_') {
                    key.push('_');
                }
            }
        }
    }
    key.trim_end_matches('_').to_string()
}

/// The codes `written` may stand for, most likely first. The caller keeps
/// the first its field allows: "telefono" is a `phone` interpreter for
/// `interpretation.modes` and a `voice` line nowhere, since a phone's kind
/// is read by [`crate::hub::record::PhoneKind::named_by`].
pub fn codes_named_by(written: &str) -> impl Iterator<Item = &'static str> {
    named_in(CODE_WORDS, written)
}

/// The codes of `table` (each code with the [`key`]s of the words that
/// stand for it) that `written` names, in the table's order.
pub fn named_in(
    table: &'static [(&'static str, &'static [&'static str])],
    written: &str,
) -> impl Iterator<Item = &'static str> {
    let key = key(written);
    table
        .iter()
        .filter(move |(_, words)| words.contains(&key.as_str()))
        .map(|(code, _)| *code)
}

/// Each code with the words, as [`key`]s, that stand for it. A word that
/// could mean two codes of one field ("closed": closed for now or for
/// good?) is left out.
const CODE_WORDS: &[(&str, &[&str])] = &[
    // services[].cost
    (
        "free",
        &[
            "gratis",
            "gratuito",
            "gratuita",
            "sin_costo",
            "sin_cargo",
            "no_cost",
            "free_of_charge",
            "no_charge",
            "no_fee",
            "none",
        ],
    ),
    (
        "sliding_scale",
        &[
            "sliding",
            "sliding_fee",
            "sliding_scale_fee",
            "escala_movil",
            "escala_variable",
            "segun_ingresos",
            "income_based",
            "based_on_income",
        ],
    ),
    (
        "fee",
        &[
            "paid", "pago", "costo", "tarifa", "cuota", "charge", "fees", "cost", "de_pago",
        ],
    ),
    (
        "insurance",
        &[
            "seguro",
            "seguro_medico",
            "medicaid",
            "medicare",
            "medi_cal",
            "insurance_accepted",
        ],
    ),
    // services[].access.confidentiality
    (
        "confidential",
        &[
            "confidencial",
            "private",
            "privado",
            "privada",
            "anonymous",
            "anonimo",
            "anonima",
        ],
    ),
    ("limited", &["limitado", "limitada", "partial", "parcial"]),
    ("standard", &["estandar", "normal", "regular", "usual"]),
    (
        "unknown",
        &[
            "desconocido",
            "desconocida",
            "no_se",
            "not_sure",
            "unsure",
            "dont_know",
            "n_a",
            "na",
        ],
    ),
    // services[].access.law_enforcement_involvement
    (
        "not_required",
        &[
            "no_requerido",
            "no_necesario",
            "no_obligatorio",
            "not_needed",
            "optional",
            "opcional",
            "voluntary",
            "voluntario",
            "never",
            "nunca",
        ],
    ),
    (
        "required",
        &[
            "requerido",
            "obligatorio",
            "necesario",
            "mandatory",
            "must_report",
            "always",
            "siempre",
        ],
    ),
    (
        "case_by_case",
        &[
            "depende",
            "depends",
            "varies",
            "varia",
            "sometimes",
            "a_veces",
            "caso_por_caso",
        ],
    ),
    // status
    (
        "active",
        &[
            "activo",
            "activa",
            "open",
            "abierto",
            "abierta",
            "operating",
        ],
    ),
    (
        "temporarily_closed",
        &[
            "cerrado_temporalmente",
            "temporalmente_cerrado",
            "closed_temporarily",
            "paused",
            "on_hold",
            "en_pausa",
        ],
    ),
    ("inactive", &["inactivo", "inactiva", "not_active"]),
    (
        "defunct",
        &[
            "permanently_closed",
            "closed_permanently",
            "cerrado_permanentemente",
            "out_of_business",
        ],
    ),
    // legal_status
    (
        "nonprofit",
        &[
            "non_profit",
            "not_for_profit",
            "501c3",
            "501_c_3",
            "npo",
            "sin_fines_de_lucro",
            "organizacion_sin_fines_de_lucro",
            "ong",
        ],
    ),
    (
        "government",
        &[
            "gobierno",
            "governmental",
            "public_agency",
            "agencia_publica",
        ],
    ),
    ("tribal_government", &["tribal", "tribe", "gobierno_tribal"]),
    (
        "university",
        &["universidad", "college", "colegio_universitario"],
    ),
    (
        "faith_based",
        &[
            "faith",
            "religious",
            "church",
            "iglesia",
            "religioso",
            "religiosa",
            "ministry",
        ],
    ),
    (
        "for_profit",
        &[
            "business",
            "company",
            "empresa",
            "con_fines_de_lucro",
            "private_practice",
        ],
    ),
    // locations[].type
    (
        "physical",
        &[
            "fisica",
            "fisico",
            "in_person",
            "presencial",
            "office",
            "oficina",
            "building",
        ],
    ),
    (
        "virtual",
        &[
            "online",
            "en_linea",
            "remote",
            "remoto",
            "internet",
            "web",
            "phone_only",
            "chat",
        ],
    ),
    (
        "mailing",
        &[
            "postal",
            "correo",
            "mailing_address",
            "po_box",
            "direccion_postal",
            "mail",
        ],
    ),
    // locations[].visibility (a hidden place is `confidential`)
    ("public", &["publico", "publica", "visible"]),
    (
        "confidential",
        &["secret", "secreto", "secreta", "hidden", "oculto", "oculta"],
    ),
    // coverage.scope and coverage.areas[].kind
    ("local", &["ciudad_local", "municipal"]),
    (
        "statewide",
        &["estatal", "state_wide", "whole_state", "todo_el_estado"],
    ),
    ("national", &["nacional", "nationwide", "todo_el_pais"]),
    ("international", &["internacional", "worldwide"]),
    (
        "multistate",
        &[
            "multi_state",
            "several_states",
            "multiestatal",
            "varios_estados",
        ],
    ),
    ("city", &["ciudad", "town", "pueblo", "municipio"]),
    ("county", &["condado", "parish", "parroquia", "borough"]),
    ("state", &["estado"]),
    (
        "zip",
        &["zip_code", "zipcode", "postal_code", "codigo_postal"],
    ),
    (
        "tribal_nation",
        &["nacion_tribal", "reservation", "reserva", "tribe", "tribal"],
    ),
    // services[].interpretation.modes
    (
        "phone",
        &[
            "telefono",
            "por_telefono",
            "by_phone",
            "telephone",
            "phone_interpreter",
        ],
    ),
    ("video", &["videollamada", "por_video", "by_video", "vri"]),
    (
        "in_person",
        &[
            "en_persona",
            "presencial",
            "face_to_face",
            "onsite",
            "on_site",
        ],
    ),
    (
        "asl",
        &[
            "sign_language",
            "lengua_de_senas",
            "lenguaje_de_senas",
            "lsm",
        ],
    ),
    (
        "document_translation",
        &[
            "translation",
            "traduccion",
            "documents",
            "documentos",
            "written_translation",
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_accents_dots_and_spaces() {
        assert_eq!(key("Sin costo"), "sin_costo");
        assert_eq!(key("EE. UU."), "ee_uu");
        assert_eq!(key("  Lengua de señas "), "lengua_de_senas");
        assert_eq!(key("501(c)(3)"), "501c3");
        assert_eq!(key("pay-what-you-can"), "pay_what_you_can");
        assert_eq!(key("LGBTQ+ people"), "lgbtq_people");
        assert_eq!(key("Food, shelter,\nclothing"), "food_shelter_clothing");
    }

    #[test]
    fn spanish_and_everyday_words_name_their_codes() {
        let first = |word| codes_named_by(word).next();
        assert_eq!(first("gratis"), Some("free"));
        assert_eq!(first("Escala móvil"), Some("sliding_scale"));
        assert_eq!(first("Confidencial"), Some("confidential"));
        assert_eq!(first("obligatorio"), Some("required"));
        assert_eq!(first("En línea"), Some("virtual"));
        assert_eq!(first("sin fines de lucro"), Some("nonprofit"));
        assert_eq!(first("closed"), None);
    }

    #[test]
    fn a_word_may_stand_for_codes_of_several_fields() {
        let codes: Vec<&str> = codes_named_by("presencial").collect();
        assert_eq!(codes, ["physical", "in_person"]);
    }

    #[test]
    fn no_word_stands_for_two_codes_of_one_list() {
        // The fields' code lists, as the record's enums spell them.
        let fields: [&[&str]; 10] = [
            &["free", "sliding_scale", "fee", "insurance"],
            &["confidential", "limited", "standard", "unknown"],
            &["not_required", "required", "case_by_case", "unknown"],
            &["active", "temporarily_closed", "inactive", "defunct"],
            &[
                "nonprofit",
                "government",
                "tribal_government",
                "university",
                "faith_based",
                "for_profit",
                "fiscally_sponsored",
                "individual",
                "other",
            ],
            &["physical", "virtual", "mailing"],
            &["public", "confidential"],
            &[
                "local",
                "regional",
                "statewide",
                "tribal",
                "multistate",
                "national",
                "international",
            ],
            &["city", "county", "state", "tribal_nation", "zip", "region"],
            &["phone", "video", "in_person", "asl", "document_translation"],
        ];
        for (_, words) in CODE_WORDS {
            for word in *words {
                for codes in fields {
                    let meant: Vec<&str> = codes_named_by(word)
                        .filter(|code| codes.contains(code))
                        .collect();
                    assert!(meant.len() <= 1, "{word} stands for {meant:?}");
                }
            }
        }
    }
}
