//! Which column holds what: headers recognised by name in English and
//! Spanish (the names `/data/partners.csv` uses among them), a mapping
//! file for any other header, and the row the headers are on.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::read::{Cell, Sheet};
use crate::diagnostics::Diagnostic;
use crate::hub::names::slugify_name;

/// What a column holds. The names are the ones the mapping file and the
/// template use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Id,
    /// The id the sheet's own system gives the organization
    /// (`organization_id` 372): kept as the record's source, and rows
    /// sharing it are one organization.
    SourceId,
    Name,
    AlternateNames,
    Summary,
    Description,
    Status,
    LastVerified,
    PartnerTypes,
    FocusIssues,
    Website,
    Email,
    Services,
    ServiceDescription,
    ServiceAreas,
    Populations,
    Languages,
    Phones,
    Phone,
    Hotline,
    TextLine,
    Tty,
    Fax,
    Extension,
    Locations,
    Address,
    Address2,
    City,
    County,
    State,
    Zip,
    ConfidentialAddress,
    Counties,
    Coverage,
    Hours,
    Eligibility,
    MinAge,
    MaxAge,
    Cost,
    Fees,
    Documents,
    WalkIn,
    IdRequired,
    ReferralRequired,
    ImmigrationStatusAsked,
    AnonymousOk,
    PoliceReportRequired,
    Confidential,
    /// Internal: `private/<id>.yaml`, never published.
    Notes,
    Contact,
    ContactTitle,
    ContactEmail,
    ContactPhone,
    /// Any other column the mapping file marks private: kept in the
    /// private notes as "Header: value".
    Private,
    /// Read and left out on purpose (`page`, `hsds_id`: the build makes
    /// them).
    Ignore,
}

/// Each field's name and the headers it is recognised by, written as
/// [`header_key`] makes them (lower case, no accents, `_` for spaces).
#[rustfmt::skip]
const NAMES: &[(Field, &str, &[&str])] = &[
    (Field::Id, "id", &["partner_id", "slug", "identificador"]),
    (Field::SourceId, "source_id", &["organization_id", "organisation_id", "org_id", "agency_id",
        "provider_id", "record_id", "id_de_la_organizacion"]),
    (Field::Name, "name", &["organization", "organization_name", "organisation",
        "organisation_name", "org", "org_name", "agency", "agency_name", "partner",
        "partner_name", "provider", "provider_name", "nombre", "organizacion",
        "nombre_de_la_organizacion", "agencia", "nombre_de_la_agencia", "proveedor", "entidad"]),
    (Field::AlternateNames, "alternate_names", &["alternate_name", "aka", "also_known_as",
        "acronym", "otros_nombres", "siglas"]),
    (Field::Summary, "summary", &["short_description", "resumen"]),
    (Field::Description, "description", &["about", "org_description", "agency_description", "mission", "organization_description",
        "descripcion", "acerca_de", "mision"]),
    (Field::Status, "status", &["estado_de_la_organizacion", "estatus"]),
    (Field::LastVerified, "last_verified", &["verified", "date_verified", "verified_on",
        "last_verified_date", "last_updated", "updated", "date_updated", "fecha_de_verificacion",
        "verificado", "actualizado", "ultima_actualizacion", "fecha"]),
    (Field::PartnerTypes, "partner_types", &["partner_type", "organization_type",
        "type_of_organization", "agency_type", "tipo_de_organizacion"]),
    (Field::FocusIssues, "focus_issues", &["focus", "focus_issue", "issues", "enfoque"]),
    (Field::Website, "website", &["web", "web_site", "url", "homepage", "sitio_web",
        "pagina_web", "sitio", "web_page"]),
    (Field::Email, "email", &["e_mail", "email_address", "correo", "correo_electronico", "mail"]),
    (Field::Services, "services", &["service", "service_name", "program_name", "program",
        "programs", "services_offered", "servicios", "servicio", "programa", "programas",
        "nombre_del_servicio"]),
    (Field::ServiceDescription, "service_description", &["program_description",
        "descripcion_del_servicio", "descripcion_del_programa"]),
    (Field::ServiceAreas, "service_areas", &["service_area", "category", "categories",
        "service_category", "service_type", "type_of_service", "types_of_service",
        "area_de_servicio", "areas_de_servicio", "categoria", "categorias", "tipo_de_servicio"]),
    (Field::Populations, "populations", &["population", "population_served",
        "populations_served", "who_we_serve", "serves", "poblacion", "poblaciones",
        "poblacion_atendida"]),
    (Field::Languages, "languages", &["language", "languages_spoken", "languages_offered",
        "idiomas", "idioma", "lenguas", "lenguajes"]),
    (Field::Phones, "phones", &["phone_numbers", "telefonos"]),
    (Field::Phone, "phone", &["phone_number", "telephone", "tel", "main_phone", "office_phone",
        "main_line", "telefono", "numero_de_telefono", "telefono_principal", "phone_1", "phone1",
        "phone_2", "phone2", "other_phone"]),
    (Field::Hotline, "hotline", &["crisis_line", "crisis_hotline", "24_hour_hotline",
        "24_7_hotline", "24_hour_line", "linea_de_crisis", "linea_directa", "linea_24_horas"]),
    (Field::TextLine, "text", &["text_line", "sms", "text_number", "texto", "mensaje_de_texto"]),
    (Field::Tty, "tty", &["tdd", "tty_tdd", "textphone"]),
    (Field::Fax, "fax", &["fax_number", "numero_de_fax"]),
    (Field::Extension, "extension", &["ext", "phone_extension", "extension_telefonica"]),
    (Field::Locations, "locations", &["ubicaciones"]),
    (Field::Address, "address", &["street", "org_address", "organization_address", "agency_address",
        "full_address", "location_address", "street_address", "address_1", "address1",
        "address_line_1", "direccion", "calle", "domicilio"]),
    (Field::Address2, "address_2", &["address2", "address_line_2", "suite", "unit", "apt",
        "direccion_2"]),
    (Field::City, "city", &["town", "ciudad", "pueblo", "localidad"]),
    (Field::County, "county", &["condado"]),
    (Field::State, "state", &["st", "province", "estado"]),
    (Field::Zip, "zip", &["zip_code", "zipcode", "postal_code", "postcode", "codigo_postal",
        "cp", "zona_postal"]),
    (Field::ConfidentialAddress, "confidential_address", &["confidential_location",
        "address_confidential", "hidden_address", "direccion_confidencial"]),
    (Field::Counties, "counties", &["counties_served", "area_served", "areas_served",
        "coverage_area", "condados", "condados_atendidos"]),
    (Field::Coverage, "coverage", &["coverage_scope", "scope", "alcance", "cobertura"]),
    (Field::Hours, "hours", &["hours_of_operation", "open_hours", "opening_hours",
        "office_hours", "schedule", "horario", "horarios", "horas"]),
    (Field::Eligibility, "eligibility", &["who_is_eligible", "eligibility_requirements",
        "elegibilidad", "requisitos"]),
    (Field::MinAge, "min_age", &["minimum_age", "edad_minima"]),
    (Field::MaxAge, "max_age", &["maximum_age", "edad_maxima"]),
    (Field::Cost, "cost", &["price", "costo", "precio"]),
    (Field::Fees, "fees", &["fee", "fees_description", "cuota", "cuotas", "tarifas"]),
    (Field::Documents, "documents", &["required_documents", "documents_required",
        "what_to_bring", "documentos", "documentos_requeridos"]),
    (Field::WalkIn, "walk_in", &["walk_ins", "walk_in_ok", "walk_ins_accepted", "sin_cita"]),
    (Field::IdRequired, "id_required", &["requires_id", "id_needed", "photo_id_required",
        "se_requiere_identificacion", "requiere_identificacion"]),
    (Field::ReferralRequired, "referral_required", &["referral_needed", "requires_referral",
        "by_referral", "se_requiere_referencia", "requiere_referencia"]),
    (Field::ImmigrationStatusAsked, "immigration_status_asked", &["asks_immigration_status",
        "immigration_status_required", "pregunta_estatus_migratorio"]),
    (Field::AnonymousOk, "anonymous_ok", &["anonymous", "anonymous_contact_ok", "anonimo"]),
    (Field::PoliceReportRequired, "police_report_required", &["law_enforcement_required",
        "police_report_needed", "requires_police_report", "se_requiere_reporte_policial"]),
    (Field::Confidential, "confidential", &["confidential_services", "confidencial"]),
    (Field::Notes, "notes", &["note", "internal_notes", "staff_notes", "comments", "comment",
        "notas", "nota", "comentarios", "observaciones"]),
    (Field::Contact, "contact", &["contact_person", "contact_name", "point_of_contact",
        "primary_contact", "persona_de_contacto", "contacto", "nombre_de_contacto"]),
    (Field::ContactTitle, "contact_title", &["contact_role", "cargo", "cargo_del_contacto"]),
    (Field::ContactEmail, "contact_email", &["correo_del_contacto"]),
    (Field::ContactPhone, "contact_phone", &["telefono_del_contacto"]),
    (Field::Private, "private", &[]),
    (Field::Ignore, "ignore", &["page", "hsds_id", "timestamp", "marca_temporal"]),
];

impl Field {
    pub fn name(self) -> &'static str {
        NAMES
            .iter()
            .find(|(field, _, _)| *field == self)
            .map_or("ignore", |(_, name, _)| name)
    }

    /// The field a mapping file names (`phone`, `notes`, `ignore`).
    pub fn named(name: &str) -> Option<Field> {
        let key = header_key(name);
        NAMES
            .iter()
            .find(|(_, own, _)| *own == key)
            .map(|(field, _, _)| *field)
    }

    /// Whether values of this field stay in `private/`.
    pub fn is_private(self) -> bool {
        matches!(
            self,
            Field::Notes
                | Field::Contact
                | Field::ContactTitle
                | Field::ContactEmail
                | Field::ContactPhone
                | Field::Private
        )
    }
}

/// A header as compared: lower case, accents and punctuation folded,
/// words joined by `_` ("Teléfono principal" → `telefono_principal`).
pub fn header_key(header: &str) -> String {
    slugify_name(header.trim().trim_end_matches(['?', ':', '*'])).replace('-', "_")
}

/// The field a header names, by its own name or an alias.
pub fn recognise(header: &str) -> Option<Field> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    NAMES
        .iter()
        .find(|(_, name, aliases)| *name == key || aliases.contains(&key.as_str()))
        .map(|(field, _, _)| *field)
}

/// `--map MAP.yaml`: headers the built-in names do not cover.
///
/// ```yaml
/// header_row: 3            # optional: where the headers are
/// columns:
///   Agency: name
///   Main #: phone
///   Staff notes: notes      # private: never published
///   Board rating: ignore
/// ```
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    #[serde(default)]
    pub header_row: Option<u64>,
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
}

impl Mapping {
    pub fn read(path: &Path) -> Result<Mapping, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mapping: Mapping = crate::hub::yaml::parse(&text, path, 0)
            .map_err(|d: Diagnostic| {
                let at = d
                    .position
                    .map(|p| format!(":{}:{}", p.line, p.column))
                    .unwrap_or_default();
                format!(
                    "{}{at}: {}; write it as `columns:` with one `\"Header\": field` per line (quote headers with # or :)",
                    path.display(),
                    d.message
                )
            })?;
        for (header, target) in &mapping.columns {
            if Field::named(target).is_none() {
                let known: Vec<&str> = NAMES.iter().map(|(_, name, _)| *name).collect();
                return Err(format!(
                    "{}: column \"{header}\" is mapped to \"{target}\", which is not a field; use one of {}",
                    path.display(),
                    known.join(", ")
                ));
            }
        }
        Ok(mapping)
    }

    fn field_for(&self, header: &str) -> Option<Field> {
        let key = header_key(header);
        self.columns
            .iter()
            .find(|(name, _)| header_key(name) == key)
            .and_then(|(_, target)| Field::named(target))
    }
}

/// One column: its header as written and what it holds.
#[derive(Debug, Clone)]
pub struct Column {
    pub index: usize,
    pub header: String,
    pub field: Field,
}

/// Where the headers are and what each column holds.
#[derive(Debug)]
pub struct Layout {
    /// Position in [`Sheet::rows`] of the header row.
    pub header_at: usize,
    pub header_row: u64,
    pub columns: Vec<Column>,
    /// Headers neither recognised nor mapped: their cells are not read.
    pub unknown: Vec<String>,
}

/// How many rows from the top may come before the headers (a title, a
/// date, a note to volunteers, a merged group heading).
const HEADER_SEARCH: usize = 12;

/// Finds the header row: the one among the first rows with the most
/// headers recognised, or the one the mapping names. An empty header
/// cell takes the heading above it (a heading merged down two rows).
pub fn layout(sheet: &Sheet, mapping: &Mapping) -> Result<Layout, String> {
    let text_of = |cell: &Cell| match cell {
        Cell::Text(text) => text.trim().to_string(),
        Cell::Number(n) => n.to_string(),
        _ => String::new(),
    };
    let field_of = |header: &str| mapping.field_for(header).or_else(|| recognise(header));
    let header_at = match mapping.header_row {
        Some(wanted) => sheet
            .rows
            .iter()
            .position(|(number, _)| *number == wanted)
            .ok_or_else(|| format!("the mapping's header_row {wanted} is not in the sheet"))?,
        None => {
            let score = |cells: &Vec<Cell>| {
                cells
                    .iter()
                    .filter(|c| field_of(&text_of(c)).is_some())
                    .count()
            };
            let best = sheet
                .rows
                .iter()
                .take(HEADER_SEARCH)
                .enumerate()
                .map(|(at, (_, cells))| (score(cells), at))
                .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            match best {
                Some((score, at)) if score >= 2 => at,
                _ => return Err(
                    "no header row found: none of the first rows names a column haven knows (name, phone, address, …); add a header row, or name the columns in a mapping file (--map)".to_string(),
                ),
            }
        }
    };
    let (header_row, cells) = &sheet.rows[header_at];
    let mut columns = Vec::new();
    let mut unknown = Vec::new();
    for (index, cell) in cells.iter().enumerate() {
        let mut header = text_of(cell);
        if header.is_empty() {
            // A heading merged over two rows sits in the upper one.
            header = (header_at.saturating_sub(2)..header_at)
                .rev()
                .filter_map(|above| sheet.rows[above].1.get(index).map(text_of))
                .find(|text| !text.is_empty() && field_of(text).is_some())
                .unwrap_or_default();
        }
        if header.is_empty() {
            continue;
        }
        match field_of(&header) {
            Some(field) => columns.push(Column {
                index,
                header,
                field,
            }),
            None => unknown.push(header),
        }
    }
    if !columns.iter().any(|c| c.field == Field::Name) {
        return Err(format!(
            "row {header_row}: no column holds the organization's name; name it \"name\" (or \"organization\", \"nombre\"), or map it: columns: {{\"YOUR HEADER\": name}}"
        ));
    }
    Ok(Layout {
        header_at,
        header_row: *header_row,
        columns,
        unknown,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            rows: rows
                .iter()
                .enumerate()
                .map(|(n, cells)| {
                    let cells = cells
                        .iter()
                        .map(|c| {
                            if c.is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text(c.to_string())
                            }
                        })
                        .collect();
                    (n as u64 + 1, cells)
                })
                .collect(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn english_and_spanish_headers_are_recognised() {
        for (header, field) in [
            ("Organization Name", Field::Name),
            ("Nombre de la organización", Field::Name),
            ("Teléfono", Field::Phone),
            ("ZIP Code", Field::Zip),
            ("Código postal", Field::Zip),
            ("Idiomas", Field::Languages),
            ("Hours of Operation", Field::Hours),
            ("Walk-ins?", Field::WalkIn),
            ("service_areas", Field::ServiceAreas),
            ("hsds_id", Field::Ignore),
        ] {
            assert_eq!(recognise(header), Some(field), "{header}");
        }
        assert_eq!(recognise("Board rating"), None);
    }

    #[test]
    fn the_header_row_is_found_below_a_title_and_a_merged_heading() {
        let sheet = sheet(&[
            &[
                "Juniper County partner list (updated by volunteers)",
                "",
                "",
                "",
            ],
            &["", "", "Contact", ""],
            &["Agency", "City", "Phone", "Board rating"],
            &["Casa Esperanza", "Taos", "505-555-0100", "5"],
        ]);
        let layout = layout(&sheet, &Mapping::default()).unwrap();
        assert_eq!(layout.header_row, 3);
        let fields: Vec<Field> = layout.columns.iter().map(|c| c.field).collect();
        assert_eq!(fields, [Field::Name, Field::City, Field::Phone]);
        assert_eq!(layout.unknown, ["Board rating"]);
    }

    #[test]
    fn a_mapping_names_headers_the_built_in_names_miss() {
        let sheet = sheet(&[&["Who", "Main #", "Staff only"], &["Casa", "505", "x"]]);
        let mapping = Mapping {
            header_row: None,
            columns: [
                ("who".to_string(), "name".to_string()),
                ("Main #".to_string(), "phone".to_string()),
                ("Staff only".to_string(), "notes".to_string()),
            ]
            .into(),
        };
        let layout = layout(&sheet, &mapping).unwrap();
        let fields: Vec<Field> = layout.columns.iter().map(|c| c.field).collect();
        assert_eq!(fields, [Field::Name, Field::Phone, Field::Notes]);
        assert!(Field::Notes.is_private());
    }

    #[test]
    fn a_sheet_without_a_name_column_is_refused_with_the_fix() {
        let sheet = sheet(&[&["City", "Phone"], &["Taos", "505"]]);
        let error = layout(&sheet, &Mapping::default()).unwrap_err();
        assert!(
            error.contains("no column holds the organization's name"),
            "{error}"
        );
    }
}
