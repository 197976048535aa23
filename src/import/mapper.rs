//! The state of mapping one HSDS organization to a partner record, shared
//! by the parts that map its phones, places, services and hours: the
//! package it comes from, the hub it goes into, and what was lost or
//! guessed on the way.

use std::collections::BTreeSet;

use super::package::{Package, Row};
use crate::hsds::objects as hsds;
use crate::hub::date::Date;
use crate::hub::names::slugify_name;
use crate::hub::taxonomy::{Kind, Taxonomies};

/// What the mapping needs from the hub it imports into.
pub struct Hub<'a> {
    pub taxonomies: &'a Taxonomies,
    pub default_country: &'a str,
    pub today: Date,
}

/// One step that lost or guessed something: the record's field and what
/// happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    pub field: String,
    pub what: String,
    /// A guess someone must confirm, rather than something left out.
    pub guess: bool,
}

pub(super) struct Mapper<'a> {
    pub(super) package: &'a Package,
    pub(super) hub: &'a Hub<'a>,
    pub(super) losses: Vec<Loss>,
    pub(super) review: bool,
}

impl Mapper<'_> {
    pub(super) fn lose(&mut self, field: impl Into<String>, what: impl Into<String>) {
        self.losses.push(Loss {
            field: field.into(),
            what: what.into(),
            guess: false,
        });
    }

    /// Like `lose`, and the record needs a volunteer before it is published.
    pub(super) fn guess(&mut self, field: impl Into<String>, what: impl Into<String>) {
        self.review = true;
        self.losses.push(Loss {
            field: field.into(),
            what: what.into(),
            guess: true,
        });
    }

    pub(super) fn rows<'r>(&'r self, table: &str, column: &str, id: &str) -> Vec<&'r Row> {
        self.package.rows_where(table, column, id)
    }

    /// The HSDS ids of an organization's services.
    pub(super) fn service_ids(&self, org_id: &str) -> BTreeSet<String> {
        self.rows(hsds::Service::FILE, "organization_id", org_id)
            .iter()
            .filter_map(|s| s.get("id").map(str::to_string))
            .collect()
    }

    /// Positions in `table` of the rows whose `column` is `org_id`, or
    /// whose `service_column` is one of `services`, each once, in file
    /// order.
    pub(super) fn positions_of_org(
        &self,
        table: &str,
        (column, org_id): (&str, &str),
        (service_column, services): (&str, &BTreeSet<String>),
    ) -> BTreeSet<usize> {
        let mut positions: BTreeSet<usize> = self
            .package
            .positions_where(table, column, org_id)
            .into_iter()
            .collect();
        for service in services {
            positions.extend(self.package.positions_where(table, service_column, service));
        }
        positions
    }

    /// The terms (taxonomy, code, name) linked to `id` by attributes.
    pub(super) fn terms_of(&self, id: &str) -> Vec<(String, Term)> {
        self.rows(hsds::Attribute::FILE, "link_id", id)
            .into_iter()
            .filter_map(|attribute| {
                let term = attribute.get("taxonomy_term_id").and_then(|t| {
                    self.package
                        .rows_where(hsds::TaxonomyTerm::FILE, "id", t)
                        .into_iter()
                        .next()
                });
                let link_type = attribute.get("link_type").unwrap_or_default().to_string();
                let term = Term {
                    taxonomy: term
                        .and_then(|t| t.get("taxonomy"))
                        .unwrap_or_default()
                        .to_string(),
                    // 211 exports use the AIRS code as the term's id.
                    code: term
                        .and_then(|t| {
                            t.get("code")
                                .or_else(|| t.get("id").filter(|id| super::airs::is_code(id)))
                        })
                        .unwrap_or_default()
                        .to_string(),
                    name: term
                        .and_then(|t| t.get("name"))
                        .or(attribute.get("taxonomy_detail"))
                        .unwrap_or_default()
                        .to_string(),
                    value: attribute.get("value").map(str::to_string),
                };
                (!term.code.is_empty() || !term.name.is_empty()).then_some((link_type, term))
            })
            .collect()
    }

    /// A hub code of `kind` a term stands for: by code, or by label.
    pub(super) fn code_in(&self, kind: Kind, term: &Term) -> Option<String> {
        let taxonomies = self.hub.taxonomies;
        // haven's export writes a code two taxonomies share as `taxonomy:code`.
        let code = term
            .code
            .strip_prefix(term.taxonomy.as_str())
            .and_then(|rest| rest.strip_prefix(':'))
            .unwrap_or(&term.code);
        if taxonomies.contains(kind, code) {
            return Some(code.to_string());
        }
        let name = term.name.to_lowercase();
        taxonomies
            .terms(kind)
            .iter()
            .find(|t| {
                t.code == slugify_name(&term.name).replace('-', "_")
                    || t.labels.values().any(|l| l.to_lowercase() == name)
            })
            .map(|t| t.code.clone())
    }
}

#[derive(Debug, Clone)]
pub(super) struct Term {
    pub(super) taxonomy: String,
    pub(super) code: String,
    pub(super) name: String,
    pub(super) value: Option<String>,
}

pub(super) fn push_new(list: &mut Vec<String>, code: String) {
    if !list.contains(&code) {
        list.push(code);
    }
}

pub(super) fn tag(term: &Term) -> String {
    let text = if term.name.is_empty() {
        &term.code
    } else {
        &term.name
    };
    slugify_name(text)
}

pub(super) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// `wanted`, or `wanted-2`, `wanted-3`, … if taken.
pub(super) fn unique(wanted: String, taken: &BTreeSet<String>) -> String {
    if !taken.contains(&wanted) {
        return wanted;
    }
    (2..)
        .map(|n| format!("{wanted}-{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or(wanted)
}

pub(super) fn https(m: &mut Mapper<'_>, field: &str, url: &str) -> String {
    match url.strip_prefix("http://") {
        Some(rest) => {
            m.lose(
                field,
                format!("{url} changed to https://; check that the address works"),
            );
            format!("https://{rest}")
        }
        None if url.starts_with("https://") => url.to_string(),
        None => {
            m.lose(field, format!("\"{url}\" has no https://; added"));
            format!("https://{url}")
        }
    }
}

/// `text` as a code of the record's enum `T`, if it names one:
/// "Temporarily closed" → `temporarily_closed`, "for-profit" → `for_profit`.
pub(super) fn record_code<T: serde::de::DeserializeOwned + serde::Serialize>(
    text: &str,
) -> Option<T> {
    let code = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    serde_json::from_value(serde_json::Value::String(code)).ok()
}
