//! Every rule haven checks, once: its code, severity, a one-line title and
//! where docs/rules.md explains it. Diagnostics name a rule by its
//! constant (`rules::RAW_HTML`), never by a string, so a code cannot be
//! misspelt or reused; `tests/rules.rs` checks that each rule has a row in
//! docs/rules.md and a test that makes it fire.

use std::fmt;

/// How bad a diagnostic is. Errors stop the build; warnings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One rule: what `error[E104]` means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    /// The section of docs/rules.md with the rule's row.
    pub docs: &'static str,
}

/// A diagnostic's `code` is its rule's: `diagnostic.code == rules::RAW_HTML`.
impl PartialEq<Rule> for &str {
    fn eq(&self, rule: &Rule) -> bool {
        *self == rule.code
    }
}

impl PartialEq<&str> for Rule {
    fn eq(&self, code: &&str) -> bool {
        self.code == *code
    }
}

macro_rules! rules {
    ($($name:ident = $code:literal, $severity:ident, $section:literal, $title:literal;)*) => {
        $(
            #[doc = $title]
            pub const $name: Rule = Rule {
                code: $code,
                severity: Severity::$severity,
                title: $title,
                docs: concat!("docs/rules.md#", $section),
            };
        )*
        /// Every rule, in code order.
        pub const ALL: &[Rule] = &[$($name),*];
    };
}

rules! {
    INVALID_YAML = "E001", Error, "files", "The file is not valid YAML.";
    SCHEMA_VERSION = "E002", Error, "shape-of-a-record", "schema_version is not 1.";
    NO_HUB_YAML = "E003", Error, "files", "The hub folder has no hub.yaml.";
    GUIDE_WITHOUT_FRONT_MATTER = "E004", Error, "files", "A guide has no front matter.";
    FILE_TOO_LARGE = "E005", Error, "files", "A file is larger than 2 MiB.";
    UNREADABLE = "E006", Error, "files", "A file or folder cannot be read.";
    LINK_OUT_OF_HUB = "E008", Error, "files", "A symbolic link leads outside the hub or into a private or hidden place.";
    YAML_TOO_DEEP = "E009", Error, "files", "A YAML file nests too deep or has too many keys.";
    UNKNOWN_FIELD = "E010", Error, "shape-of-a-record", "The field name is unknown.";
    MISSING_FIELD = "E011", Error, "shape-of-a-record", "A required field is missing.";
    WRONG_SHAPE = "E012", Error, "shape-of-a-record", "The value has the wrong shape.";
    RESERVED_CHARACTER = "E013", Error, "files", "A file holds a character haven reserves.";
    INVALID_ID = "E020", Error, "ids-and-references", "The id is not lowercase words joined by hyphens.";
    ID_NOT_FILE_NAME = "E021", Error, "ids-and-references", "The id is not the same as the file name.";
    DUPLICATE_ID = "E022", Error, "ids-and-references", "Two partners, or two phones, locations or services of one file, share an id.";
    ID_DISAPPEARED = "E023", Error, "ids-and-references", "An id that existed at a git revision has no record now.";
    PRIVATE_WITHOUT_PARTNER = "E024", Error, "ids-and-references", "A private overlay has no partner with its id.";
    DUPLICATE_GUIDE = "E025", Error, "ids-and-references", "Two guide files have the same name.";
    UNKNOWN_CODE = "E030", Error, "shape-of-a-record", "The value is not one of the known codes.";
    FOCUS_ISSUES_MISSING = "E031", Error, "shape-of-a-record", "focus_issues is missing on an advocacy program or coalition.";
    MALFORMED_LANGUAGE_TAG = "E040", Error, "languages", "The language tag is not well-formed BCP 47.";
    LANGUAGE_NAME_NOT_TAG = "E041", Error, "languages", "The language is an ISO 639-2 code or a language name.";
    UNREGISTERED_SUBTAG = "E042", Error, "languages", "A language subtag is not in the IANA registry.";
    UNDIALLABLE_NUMBER = "E050", Error, "contact-details", "The phone number cannot be dialled.";
    BAD_SHORT_CODE = "E052", Error, "contact-details", "A short code is not 3 to 6 digits.";
    BAD_EXTENSION = "E053", Error, "contact-details", "The extension is not digits only, or is written twice.";
    MALFORMED_ADDRESS = "E054", Error, "contact-details", "The email or web address is malformed.";
    LOGO_NOT_FOUND = "E056", Error, "contact-details", "A partner's logo is neither a file of static/ nor an https address.";
    AMBIGUOUS_COUNTRY = "E057", Error, "contact-details", "A number without a country code dials one place in the hub's country and another where the partner is.";
    BAD_DAY_HOURS = "E060", Error, "hours-places-and-dates", "A day's hours are not HH:MM-HH:MM ranges.";
    BAD_HOURS = "E061", Error, "hours-places-and-dates", "The hours are neither 24/7, by_appointment nor a day table.";
    OVERLAPPING_HOURS = "E063", Error, "hours-places-and-dates", "Two ranges on the same day overlap.";
    BAD_POSTAL_CODE = "E065", Error, "hours-places-and-dates", "The postal code is malformed or not quoted.";
    UNKNOWN_TIME_ZONE = "E066", Error, "hours-places-and-dates", "The time zone is not an IANA name.";
    BAD_COUNTRY_OR_STATE = "E067", Error, "hours-places-and-dates", "The country or US state code is unknown.";
    COORDINATES_OUT_OF_RANGE = "E068", Error, "hours-places-and-dates", "The coordinates are out of range.";
    LOCATION_WITHOUT_ADDRESS = "E069", Error, "hours-places-and-dates", "A public place has no address, or a virtual one no url.";
    BAD_DATE = "E070", Error, "hours-places-and-dates", "The date is not YYYY-MM-DD.";
    VERIFIED_IN_FUTURE = "E071", Error, "hours-places-and-dates", "last_verified is in the future.";
    BAD_EXIT_URL = "E080", Error, "hub-and-templates", "quick_exit.url is not an absolute https address.";
    BAD_BASE_URL = "E081", Error, "hub-and-templates", "base_url is not an absolute address.";
    STALENESS_ORDER = "E082", Error, "hub-and-templates", "hide_after_days is less than warn_after_days.";
    BAD_UUID_NAMESPACE = "E083", Error, "hub-and-templates", "hsds.uuid_namespace is not a UUID.";
    BAD_SETTING_ADDRESS = "E084", Error, "hub-and-templates", "A hub.yaml address is not a plain https address.";
    BAD_BRANDING_IMAGE = "E085", Error, "hub-and-templates", "The logo or favicon is not an image of static/, or the logo has no alt text.";
    UNREADABLE_ACCENT = "E086", Error, "hub-and-templates", "The accent is not a colour or is too faint to read.";
    BAD_TERM_CODE = "E087", Error, "hub-and-templates", "A code taxonomies.yaml adds is not lowercase letters, digits and _.";
    UNKNOWN_LOCATION_REFERENCE = "E100", Error, "ids-and-references", "A service lists a location id not in the file.";
    UNKNOWN_PHONE_REFERENCE = "E101", Error, "ids-and-references", "A service lists a phone id not in the file.";
    UNKNOWN_GUIDE_OR_PARTNER = "E102", Error, "ids-and-references", "A guide or partner named does not exist.";
    BROKEN_LINK = "E103", Error, "ids-and-references", "A Markdown link is broken or uses an unsafe scheme.";
    UNKNOWN_TRANSLATION_TARGET = "E104", Error, "ids-and-references", "A translation names a service, phone, location or link the record lacks.";
    NO_PUBLIC_CONTACT = "E120", Error, "contact-details", "The record has no public contact.";
    FEES_MISSING = "E121", Error, "services-and-text", "fees_description is missing on a service that is not free.";
    CONFIDENTIALITY_NOTE_MISSING = "E122", Error, "services-and-text", "confidentiality_note is missing when confidentiality is limited.";
    AGES_REVERSED = "E131", Error, "services-and-text", "min_age is above max_age.";
    INDIVIDUAL_WITHOUT_CONSENT = "E140", Error, "services-and-text", "An individual has no recorded consent, or has an address.";
    RAW_HTML = "E152", Error, "services-and-text", "A Markdown text contains raw HTML.";
    SKIPPED_HEADING_LEVEL = "E171", Error, "services-and-text", "A heading level is skipped.";
    NESTING_TOO_DEEP = "E175", Error, "services-and-text", "Quotes or lists nest too deep.";
    TOO_MANY_HEADINGS = "E176", Error, "services-and-text", "A text has more than 500 headings.";
    INTERNAL_IN_PUBLIC_REPOSITORY = "P001", Error, "privacy", "internal: is in partners/ of a public data repository.";
    CONFIDENTIAL_ADDRESS = "P010", Error, "privacy", "A confidential location has an address or coordinates.";
    CONFIDENTIAL_STREET_IN_TEXT = "P011", Error, "privacy", "The street of a confidential location is in a public text.";
    INTERNAL_VALUE_PUBLISHED = "P030", Error, "privacy", "An internal value was found in a file of the site.";
    TEMPLATE_ERROR = "T001", Error, "hub-and-templates", "A template failed to parse or render.";
    UI_STRINGS_MISSING = "T002", Error, "hub-and-templates", "A language has no UI string for some keys.";
    IGNORED_FILE = "W007", Warning, "files", "The file is ignored.";
    CONTACT_IN_TEXT = "W020", Warning, "privacy", "Free text contains an email address or phone number.";
    INTERNAL_CONTACT_PUBLIC = "W021", Warning, "privacy", "A public phone or email is also an internal contact's.";
    REVIEW_LEFT = "W022", Warning, "hours-places-and-dates", "A published record still has points under review:.";
    INTERNAL_VALUE_IN_RECORD = "W030", Warning, "privacy", "An internal value is also in the public fields of its record.";
    VAGUE_LANGUAGE_TAG = "W043", Warning, "languages", "The tag does not name one language.";
    BARE_ZH = "W044", Warning, "languages", "Bare zh does not say which variety or script.";
    HOTLINE_WITHOUT_HOURS = "W051", Warning, "contact-details", "A hotline has no hours.";
    HTTP_WEBSITE = "W055", Warning, "contact-details", "The website uses http://.";
    RANGE_PAST_MIDNIGHT = "W064", Warning, "hours-places-and-dates", "A range ends before it starts.";
    PO_BOX_AS_PLACE = "W069", Warning, "hours-places-and-dates", "A place to visit (type: physical) is at a post office box.";
    COORDINATES_ABROAD = "W068", Warning, "hours-places-and-dates", "The coordinates of a US address are in the eastern or southern half of the world.";
    HIDDEN_AS_STALE = "W072", Warning, "hours-places-and-dates", "The record is too old to be shown.";
    AGING = "W073", Warning, "hours-places-and-dates", "The record may be out of date.";
    LARGE_LOGO = "W087", Warning, "hub-and-templates", "The logo is larger than 30 KB.";
    LARGE_SITE = "W088", Warning, "hub-and-templates", "The site is near or over the 1 GB GitLab.com Pages publishes (GitHub Pages weighs it zipped).";
    UNTRANSLATED = "W090", Warning, "languages", "A hub language lacks translations.";
    UNTRANSLATED_DETAIL = "W091", Warning, "languages", "One untranslated partner or guide, or short texts left untranslated.";
    UNLABELLED_TERM = "W092", Warning, "languages", "A term taxonomies.yaml adds has no label in a language of the hub.";
    IGNORED_TERM_ENTRY = "W093", Warning, "hub-and-templates", "An entry of taxonomies.yaml repeats a code, or labels a language the hub does not publish.";
    REPEATED_REFERENCE = "W102", Warning, "ids-and-references", "A service lists the same phone or location twice.";
    NOTHING_TO_TRANSLATE = "W105", Warning, "ids-and-references", "A translation of a text the record does not have.";
    UNKNOWN_ACCESS = "W150", Warning, "services-and-text", "Law-enforcement involvement or confidentiality is unknown.";
    TEXT_LENGTH = "W151", Warning, "services-and-text", "A text is too long or too short.";
    IN_CAPITALS = "W152", Warning, "services-and-text", "A name or text is written in capital letters.";
    WRAPPED_IN_QUOTES = "W153", Warning, "services-and-text", "A name or text is wrapped in quotation marks, which are published with it.";
    EXTERNAL_IMAGE = "W155", Warning, "services-and-text", "An image is on another website.";
    POSSIBLE_DUPLICATE = "W160", Warning, "ids-and-references", "Another file has the same phone number or website.";
    IMAGE_WITHOUT_ALT = "W170", Warning, "services-and-text", "An image has no alt text.";
    VAGUE_LINK_TEXT = "W172", Warning, "services-and-text", "A link text does not say where it goes.";
    EMPTY_TABLE_HEADER = "W173", Warning, "services-and-text", "A table's header row is empty.";
    LONG_PARAGRAPH = "W174", Warning, "services-and-text", "A paragraph is longer than 150 words.";
}

/// The rule of a code, for a code read back from text (`--explain`,
/// tests).
pub fn by_code(code: &str) -> Option<Rule> {
    ALL.iter().find(|rule| rule.code == code).copied()
}
