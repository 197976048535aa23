//! The partner record format (docs/record-format.md) as typed
//! structs, exactly as volunteers write it. Every struct denies unknown
//! fields so a misspelt key is an error, not silently ignored.
//!
//! Codes that a hub may extend through `taxonomies.yaml` (service areas,
//! partner types, populations, focus issues, accessibility features) are
//! strings checked by validation; closed sets are Rust enums.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerRecord {
    pub schema_version: u32,
    pub id: String,
    #[serde(default)]
    pub kind: PartnerKind,
    #[serde(default = "yes")]
    pub published: bool,
    /// What someone must still check before the record is published
    /// (written by `haven import`, listed by `haven drafts`, cleared by
    /// `haven publish`). Never shown on the site.
    #[serde(default)]
    pub review: Vec<String>,
    pub status: Status,
    pub last_verified: String,
    pub name: String,
    #[serde(default)]
    pub alternate_names: Vec<String>,
    pub summary: Option<String>,
    pub description: String,
    pub partner_types: Vec<String>,
    #[serde(default)]
    pub focus_issues: Vec<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub legal_status: Option<LegalStatus>,
    pub year_incorporated: Option<u16>,
    #[serde(default)]
    pub identifiers: Vec<Identifier>,
    pub logo: Option<String>,
    #[serde(default)]
    pub phones: Vec<Phone>,
    #[serde(default)]
    pub locations: Vec<Location>,
    pub coverage: Coverage,
    pub services: Vec<Service>,
    #[serde(default)]
    pub links: Vec<Link>,
    #[serde(default)]
    pub guides: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub translations: BTreeMap<String, Translation>,
    pub source: Option<Provenance>,
    #[serde(default)]
    pub previous_ids: Vec<String>,
    pub internal: Option<Internal>,
}

/// `private/<id>.yaml`: the internal overlay of one partner.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrivateOverlay {
    pub internal: Internal,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartnerKind {
    #[default]
    Organization,
    Individual,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Active,
    TemporarilyClosed,
    Inactive,
    Defunct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LegalStatus {
    Nonprofit,
    Government,
    TribalGovernment,
    University,
    FaithBased,
    ForProfit,
    FiscallySponsored,
    Individual,
    Other,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Identifier {
    pub scheme: String,
    pub value: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phone {
    pub id: String,
    pub number: String,
    pub extension: Option<String>,
    pub kind: PhoneKind,
    pub text_keyword: Option<String>,
    pub label: String,
    #[serde(default)]
    pub hotline: bool,
    pub hours: Option<Hours>,
    #[serde(default)]
    pub languages: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PhoneKind {
    Voice,
    Sms,
    Tty,
    Video,
    Fax,
    ShortCode,
}

impl PhoneKind {
    /// The kind a word people use for a line names: "text", "texto",
    /// "TDD", "videophone", "landline", "shortcode", "voz".
    pub fn named_by(word: &str) -> Option<PhoneKind> {
        let word = crate::hub::words::key(word);
        Some(match word.as_str() {
            "sms" | "text" | "texting" | "txt" | "text_message" | "texto" | "textos"
            | "mensaje" | "mensajes" | "mensaje_de_texto" | "mensajes_de_texto" => PhoneKind::Sms,
            "tty" | "tdd" | "teletype" => PhoneKind::Tty,
            "fax" => PhoneKind::Fax,
            "video" | "videophone" | "vp" | "videollamada" | "videotelefono" => PhoneKind::Video,
            "voice" | "phone" | "call" | "telephone" | "landline" | "cell" | "mobile" | "voz"
            | "llamada" | "llamadas" | "telefono" | "celular" | "movil" => PhoneKind::Voice,
            "short_code" | "shortcode" | "short" | "codigo_corto" => PhoneKind::ShortCode,
            _ => return None,
        })
    }

    /// The kind as a record writes it: `short_code`.
    pub fn code(self) -> &'static str {
        match self {
            PhoneKind::Voice => "voice",
            PhoneKind::Sms => "sms",
            PhoneKind::Tty => "tty",
            PhoneKind::Video => "video",
            PhoneKind::Fax => "fax",
            PhoneKind::ShortCode => "short_code",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub id: String,
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub kind: LocationKind,
    pub visibility: Option<Visibility>,
    pub general_area: Option<GeneralArea>,
    pub address: Option<Address>,
    pub geo: Option<Geo>,
    pub url: Option<String>,
    pub transit: Option<String>,
    #[serde(default)]
    pub accessibility: Vec<String>,
    pub accessibility_notes: Option<String>,
    pub hours: Option<Hours>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LocationKind {
    Physical,
    Virtual,
    Mailing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    Public,
    Confidential,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GeneralArea {
    pub city: Option<String>,
    pub county: Option<String>,
    pub state: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Address {
    pub street: String,
    pub street2: Option<String>,
    pub city: String,
    pub state: String,
    pub postal_code: String,
    pub country: String,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Geo {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    pub scope: CoverageScope,
    #[serde(default)]
    pub areas: Vec<Area>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CoverageScope {
    Local,
    Regional,
    Statewide,
    Tribal,
    Multistate,
    National,
    International,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub kind: AreaKind,
    pub name: String,
    pub state: Option<String>,
    pub code: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AreaKind {
    City,
    County,
    State,
    TribalNation,
    Zip,
    Region,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub description: String,
    pub status: Option<Status>,
    pub categories: Vec<String>,
    #[serde(default)]
    pub populations: Vec<String>,
    pub eligibility: Option<Eligibility>,
    pub access: Access,
    pub cost: Cost,
    pub fees_description: Option<String>,
    pub application_process: Option<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    pub interpretation: Option<Interpretation>,
    #[serde(default)]
    pub communication_access: Vec<CommunicationAccess>,
    #[serde(default)]
    pub required_documents: Vec<String>,
    #[serde(default)]
    pub locations: Vec<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    pub hours: Option<Hours>,
    pub alert: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    pub description: Option<String>,
    pub min_age: Option<u8>,
    pub max_age: Option<u8>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Access {
    pub law_enforcement_involvement: LawEnforcement,
    pub confidentiality: Confidentiality,
    pub confidentiality_note: Option<String>,
    pub immigration_status_asked: Option<bool>,
    pub id_required: Option<bool>,
    pub referral_required: Option<bool>,
    pub walk_in: Option<bool>,
    pub anonymous_contact_ok: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LawEnforcement {
    NotRequired,
    Required,
    CaseByCase,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Confidentiality {
    Confidential,
    Limited,
    Standard,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Cost {
    Free,
    SlidingScale,
    Fee,
    Insurance,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Interpretation {
    #[serde(default)]
    pub available: bool,
    #[serde(default)]
    pub modes: Vec<InterpretationMode>,
    #[serde(default)]
    pub languages: Vec<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InterpretationMode {
    Phone,
    Video,
    InPerson,
    Asl,
    DocumentTranslation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CommunicationAccess {
    AslInterpreter,
    VideoRelay,
    Tty,
    Captioning,
    Braille,
    LargePrint,
    PlainLanguage,
}

/// Opening hours: `24/7`, `by_appointment`, or a weekly table.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Hours {
    Keyword(String),
    Weekly(WeeklyHours),
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WeeklyHours {
    pub timezone: Option<String>,
    pub mon: Option<String>,
    pub tue: Option<String>,
    pub wed: Option<String>,
    pub thu: Option<String>,
    pub fri: Option<String>,
    pub sat: Option<String>,
    pub sun: Option<String>,
    pub notes: Option<String>,
}

impl Hours {
    /// The notes of weekly hours (keyword hours have none).
    pub fn notes(&self) -> Option<&str> {
        match self {
            Hours::Weekly(weekly) => weekly.notes.as_deref(),
            Hours::Keyword(_) => None,
        }
    }
}

impl WeeklyHours {
    /// The seven days in order, with their codes.
    pub fn days(&self) -> [(&'static str, Option<&str>); 7] {
        [
            ("mon", self.mon.as_deref()),
            ("tue", self.tue.as_deref()),
            ("wed", self.wed.as_deref()),
            ("thu", self.thu.as_deref()),
            ("fri", self.fri.as_deref()),
            ("sat", self.sat.as_deref()),
            ("sun", self.sun.as_deref()),
        ]
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub label: String,
    pub url: String,
    pub kind: Option<LinkKind>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Website,
    Chat,
    IntakeForm,
    Document,
    Social,
    Donate,
}

/// Site localisation of a record, per language.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    pub name: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub services: BTreeMap<String, ServiceTranslation>,
    /// By phone id.
    #[serde(default)]
    pub phones: BTreeMap<String, PhoneTranslation>,
    /// By location id.
    #[serde(default)]
    pub locations: BTreeMap<String, LocationTranslation>,
    /// A link's label, by the link's `url`.
    #[serde(default)]
    pub links: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PhoneTranslation {
    pub label: Option<String>,
    /// The phone's `hours.notes`.
    pub hours_notes: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocationTranslation {
    pub name: Option<String>,
    pub transit: Option<String>,
    pub accessibility_notes: Option<String>,
    pub notes: Option<String>,
    /// The location's `hours.notes`.
    pub hours_notes: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceTranslation {
    pub name: Option<String>,
    pub description: Option<String>,
    pub fees_description: Option<String>,
    pub application_process: Option<String>,
    pub alert: Option<String>,
    /// The service's `eligibility.description`.
    pub eligibility: Option<String>,
    /// The service's `access.confidentiality_note`.
    pub confidentiality_note: Option<String>,
    /// The service's `interpretation.note`.
    pub interpretation_note: Option<String>,
    /// The service's `required_documents`, all of them, in order.
    pub required_documents: Option<Vec<String>>,
    /// The service's `hours.notes`.
    pub hours_notes: Option<String>,
}

/// The short texts of a service a translation may translate
/// (`services.<id>.<name>`): each name, whether the service has the text,
/// and whether `translated` translates it. One list for both checks: a
/// translation of a text the service lacks (W105) and a text a translated
/// partner leaves in the original language (W091).
pub fn service_short_texts(
    service: &Service,
    translated: Option<&ServiceTranslation>,
) -> [(&'static str, bool, bool); 7] {
    let translates = |text: fn(&ServiceTranslation) -> bool| translated.is_some_and(text);
    [
        (
            "fees_description",
            service.fees_description.is_some(),
            translates(|t| t.fees_description.is_some()),
        ),
        (
            "application_process",
            service.application_process.is_some(),
            translates(|t| t.application_process.is_some()),
        ),
        (
            "alert",
            service.alert.is_some(),
            translates(|t| t.alert.is_some()),
        ),
        (
            "eligibility",
            service
                .eligibility
                .as_ref()
                .is_some_and(|e| e.description.is_some()),
            translates(|t| t.eligibility.is_some()),
        ),
        (
            "confidentiality_note",
            service.access.confidentiality_note.is_some(),
            translates(|t| t.confidentiality_note.is_some()),
        ),
        (
            "interpretation_note",
            service
                .interpretation
                .as_ref()
                .is_some_and(|i| i.note.is_some()),
            translates(|t| t.interpretation_note.is_some()),
        ),
        (
            "hours_notes",
            service.hours.as_ref().and_then(Hours::notes).is_some(),
            translates(|t| t.hours_notes.is_some()),
        ),
    ]
}

/// Where a record's `logo` is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogoPlace {
    /// A file copied from `static/`: its path in the site (`logos/a.png`).
    Static(String),
    /// An image on another website (`https://…`): in the open data only,
    /// never loaded by a page (a request to another host).
    External(String),
}

/// Reads a `logo` as written: an `https://` address, or a file of
/// `static/` written `logos/a.png`, `static/logos/a.png` or
/// `../static/logos/a.png`. `None` for anything else (`javascript:`,
/// `http://`, a path out of `static/`); whether a static file exists is
/// the caller's to check.
pub fn logo_place(logo: &str) -> Option<LogoPlace> {
    let logo = logo.trim();
    if logo.to_ascii_lowercase().starts_with("https://") {
        let plain = !logo
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'));
        return plain.then(|| LogoPlace::External(logo.to_string()));
    }
    if logo.contains(':') || logo.starts_with("//") || logo.contains('\\') {
        return None;
    }
    let path = logo
        .trim_start_matches("../")
        .trim_start_matches('/')
        .trim_start_matches("static/");
    let plain = !path.is_empty()
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != ".." && part != ".");
    plain.then(|| LogoPlace::Static(path.to_string()))
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    pub system: Option<String>,
    pub record_id: Option<String>,
    pub imported_on: Option<String>,
    pub hsds_version: Option<String>,
}

/// Coordination data: never rendered, indexed or exported. No type in the
/// render stage holds one; see `model::PublicPartner`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Internal {
    pub point_of_contact: Option<Contact>,
    #[serde(default)]
    pub other_contacts: Vec<Contact>,
    pub agreement: Option<Agreement>,
    pub referral_pathway: Option<String>,
    pub verification: Option<Verification>,
    pub consent: Option<Consent>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: Option<String>,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    #[serde(rename = "type")]
    pub kind: Option<AgreementKind>,
    pub status: Option<AgreementStatus>,
    pub signed_on: Option<String>,
    pub expires_on: Option<String>,
    pub document: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgreementKind {
    Mou,
    Moa,
    DataSharing,
    ReferralAgreement,
    None,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    None,
    Draft,
    InReview,
    Signed,
    Expired,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Verification {
    pub verified_by: Option<String>,
    pub method: Option<VerificationMethod>,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VerificationMethod {
    PhoneCall,
    Email,
    SiteVisit,
    PartnerSelfUpdate,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    pub publish_name: Option<bool>,
    pub publish_photo: Option<bool>,
    pub confirmed_on: Option<String>,
}

impl Internal {
    /// The identifying values of the block (names, contact details,
    /// pathways, notes, document references) with the field each is in,
    /// for the output leak scan. Job titles and enum words are left out:
    /// they occur in public text.
    pub fn string_values(&self) -> Vec<(String, &str)> {
        let mut values: Vec<(String, &str)> = Vec::new();
        let contacts = self
            .point_of_contact
            .iter()
            .map(|contact| ("internal.point_of_contact".to_string(), contact))
            .chain(
                self.other_contacts
                    .iter()
                    .enumerate()
                    .map(|(index, contact)| (format!("internal.other_contacts[{index}]"), contact)),
            );
        for (field, contact) in contacts {
            for (name, value) in [
                ("name", &contact.name),
                ("email", &contact.email),
                ("phone", &contact.phone),
            ] {
                if let Some(value) = value {
                    values.push((format!("{field}.{name}"), value.as_str()));
                }
            }
        }
        let single = [
            (
                "internal.agreement.document",
                self.agreement.as_ref().and_then(|a| a.document.as_deref()),
            ),
            (
                "internal.verification.verified_by",
                self.verification
                    .as_ref()
                    .and_then(|v| v.verified_by.as_deref()),
            ),
            (
                "internal.referral_pathway",
                self.referral_pathway.as_deref(),
            ),
            ("internal.notes", self.notes.as_deref()),
        ];
        for (field, value) in single {
            if let Some(value) = value {
                values.push((field.to_string(), value));
            }
        }
        values
    }
}

/// The snake_case code a record's enum value is written as in YAML
/// (`LegalStatus::ForProfit` → `for_profit`).
pub fn code_of<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
