//! Partners as template values: localized once per language, serialized
//! once, with the pieces of markup that list pages print for every partner
//! (its card, its entry in the printable directory) rendered once. A hub
//! of 1,000 partners lists each partner on several pages per language;
//! rendering its card once instead of on every page is what keeps those
//! pages cheap, in a build and in `haven serve`'s rebuilds.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Tera, Value};

use crate::diagnostic::Diagnostic;
use crate::model::PublicPartner;
use crate::render::templates::{self, template_diagnostic, TemplateSources};

/// `(field of the partner value, component that renders it)`: list
/// templates print `{{ partner.card | safe }}` instead of calling the
/// component themselves.
pub const FRAGMENTS: [(&str, &str); 2] = [("card", "partner_card"), ("print_entry", "print_entry")];

/// Partners localized and as template values, per language and id. A
/// build starts with an empty cache; `haven serve` keeps one, forgets the
/// partners an edit touched, and starts a new one when templates, UI
/// strings or taxonomies may have changed (a full rebuild).
#[derive(Default)]
pub struct ValueCache {
    by_language: HashMap<String, HashMap<String, Localized>>,
}

type Localized = (Arc<PublicPartner>, Value);

impl ValueCache {
    /// Every partner in `language` and its value, localizing, serializing
    /// and rendering fragments only for those not cached; the cache then
    /// holds only these partners.
    pub fn edition(
        &mut self,
        language: &str,
        partners: &[Arc<PublicPartner>],
        tera: &Tera,
        sources: &TemplateSources,
    ) -> Result<(Vec<Arc<PublicPartner>>, Vec<Value>), Diagnostic> {
        missing_component(tera, sources).map_or(Ok(()), Err)?;
        let cached = self.by_language.entry(language.to_string()).or_default();
        let fresh: Vec<Localized> = partners
            .par_iter()
            .filter(|partner| !cached.contains_key(&partner.id))
            .map(|partner| {
                let partner = partner.localized(language);
                let value = with_fragments(tera, language, Value::from_serializable(&partner))
                    .map_err(|error| {
                        let page = format!("the card of partner {}", partner.id);
                        template_diagnostic(&error, sources, Some(&page))
                    })?;
                Ok((Arc::new(partner), value))
            })
            .collect::<Result<_, Diagnostic>>()?;
        for entry in fresh {
            cached.insert(entry.0.id.clone(), entry);
        }
        if cached.len() > partners.len() {
            let ids: BTreeSet<&str> = partners.iter().map(|p| p.id.as_str()).collect();
            cached.retain(|id, _| ids.contains(id.as_str()));
        }
        Ok(partners
            .iter()
            .filter_map(|partner| cached.get(&partner.id).cloned())
            .unzip())
    }

    /// Drops the values of these partners (their records changed).
    pub fn forget(&mut self, ids: &BTreeSet<String>) {
        for values in self.by_language.values_mut() {
            values.retain(|id, _| !ids.contains(id));
        }
    }
}

/// The partner's value with each fragment rendered into it.
fn with_fragments(tera: &Tera, language: &str, partner: Value) -> Result<Value, tera::Error> {
    let mut arguments = Context::new();
    arguments.insert("partner", &partner);
    let mut implicits = Context::new();
    implicits.insert("lang", language);
    let mut map = partner.into_map().unwrap_or_default();
    for (field, component) in FRAGMENTS {
        let html = templates::in_language(language, || {
            tera.render_component_with_implicits(component, &arguments, &implicits, None, true)
        })?;
        map.insert(field.into(), Value::safe_string(&html));
    }
    Ok(Value::from(map))
}

/// A hub's own `components.html` replaces the theme's; the theme's list
/// pages still need the components that render the fragments.
fn missing_component(tera: &Tera, sources: &TemplateSources) -> Option<Diagnostic> {
    let (field, component) = FRAGMENTS
        .into_iter()
        .find(|(_, component)| !tera.contains_component(component))?;
    Some(
        Diagnostic::error(
            "T001",
            sources.path_of("components.html"),
            format!(
                "there is no component `{component}`: the theme's list pages print each partner's `{field}`, which it renders"
            ),
        )
        .help(format!(
            "copy the `{component}` component from themes/default/templates/components.html into this file"
        )),
    )
}
