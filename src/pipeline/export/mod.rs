//! The open data every build publishes under `/data/` (docs/data.md):
//! Open Referral HSDS 3.0 as JSON and as a tabular data package under
//! `/data/hsds/`, and `partners.json` / `partners.csv` for spreadsheets.
//!
//! The files are made a chunk of partners at a time and handed out in
//! pieces to append, so a hub of thousands of partners is never held in
//! memory at once. Only the public model is read; a build also scans
//! every piece for internal values, like every page.

pub mod hsds;
pub mod spreadsheet;

use std::sync::Arc;

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::hsds::objects::{Organization, Service, Taxonomy, TaxonomyTerm};
use crate::hsds::tables;
use crate::pipeline::memo::Memo;
use crate::pipeline::model::{PublicPartner, Site};
use crate::pipeline::output::OutputFile;

/// Where the data files live in the output.
pub const FOLDER: &str = "data";
/// Where the Open Referral HSDS files go, inside [`FOLDER`].
pub const HSDS_FOLDER: &str = "data/hsds";

/// Partners per chunk: enough to keep both cores busy, few enough that a
/// chunk's objects stay small.
const CHUNK: usize = 256;

/// The HSDS API's `openapi_url` for version 3.0.
const OPENAPI_URL: &str =
    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json";

/// Something that takes the data files a batch of pieces at a time.
pub type Out<'a, E> = dyn FnMut(Vec<OutputFile>) -> Result<(), E> + Send + 'a;

/// Writes the data files of `site` as batches of pieces: the first piece
/// of each file creates it, later pieces are appended. Batches come in
/// order, and a batch holds at most one piece of each file, so its pieces
/// can be written side by side. The next batch is made while `out` writes
/// one.
pub fn write<E: Send>(site: &Site, out: &mut Out<'_, E>) -> Result<(), E> {
    write_cached(site, &mut Cache::one_shot(), out)
}

/// [`write`], re-using each partner's share `cache` kept (`haven serve`).
pub fn write_cached<E: Send>(
    site: &Site,
    cache: &mut Cache,
    out: &mut Out<'_, E>,
) -> Result<(), E> {
    let export = Export::new(site);
    cache.start(0);
    let mut lists = Lists::default();
    let mut ready = one_piece_per_file(export.start());
    for chunk in site.partners.chunks(CHUNK) {
        let (made, written) = rayon::join(
            || export.chunk(chunk, cache, &mut lists),
            || out(std::mem::take(&mut ready)),
        );
        written?;
        ready = made;
    }
    out(ready)?;
    out(export.end())
}

/// `pieces` with the pieces of each file joined, in order.
fn one_piece_per_file(pieces: Vec<OutputFile>) -> Vec<OutputFile> {
    let mut joined: Vec<OutputFile> = Vec::new();
    for piece in pieces {
        match joined.iter_mut().find(|file| file.path == piece.path) {
            Some(file) => file.contents.extend(piece.contents),
            None => joined.push(piece),
        }
    }
    joined
}

/// What each partner adds to the data files, by partner id, kept between
/// rebuilds of `haven serve` (a build keeps nothing: [`write`]). The
/// caller forgets the partners an edit changed.
pub type Cache = Memo<String, (), Arc<Made>>;

/// The output paths of the data files, for the Data page.
pub fn paths(site: &Site) -> Vec<String> {
    let mut paths = vec![
        format!("{FOLDER}/partners.json"),
        format!("{FOLDER}/partners.csv"),
    ];
    if hsds_on(site) {
        for name in [
            "index.json",
            "organizations.json",
            "services.json",
            "taxonomies.json",
            "taxonomy_terms.json",
            "datapackage.json",
        ] {
            paths.push(format!("{HSDS_FOLDER}/{name}"));
        }
        paths.extend(
            tables::tables()
                .iter()
                .map(|t| format!("{HSDS_FOLDER}/{}", t.path)),
        );
    }
    paths
}

fn hsds_on(site: &Site) -> bool {
    site.config.hsds.as_ref().is_none_or(|h| h.export)
}

struct Export<'a> {
    site: &'a Site,
    cx: hsds::Context<'a>,
    hsds: bool,
}

fn file(path: String, contents: impl Into<Vec<u8>>) -> OutputFile {
    OutputFile {
        path,
        contents: contents.into(),
    }
}

/// The opening of an HSDS API `Page` holding `total` items, up to its
/// `contents` list.
fn page_start(total: usize) -> String {
    let head = json!({
        "total_items": total,
        "total_pages": 1,
        "page_number": 1,
        "size": total,
        "first_page": true,
        "last_page": true,
        "empty": total == 0,
    })
    .to_string();
    format!("{},\"contents\":[", head.trim_end_matches('}'))
}

/// A whole HSDS API `Page` of `items`.
fn page_file(path: String, items: &[impl Serialize]) -> OutputFile {
    let mut text = page_start(items.len()).into_bytes();
    text.extend(list_items(items, true));
    text.extend(b"]}");
    file(path, text)
}

/// Items of a JSON list, comma-separated, led by a comma unless they are
/// the list's first.
fn list_items(items: &[impl Serialize], first: bool) -> Vec<u8> {
    let mut text = Vec::new();
    for (index, item) in items.iter().enumerate() {
        if index > 0 || !first {
            text.push(b',');
        }
        text.extend(to_json(item));
    }
    text
}

impl<'a> Export<'a> {
    fn new(site: &'a Site) -> Self {
        Export {
            site,
            cx: hsds::Context::new(&site.config, &site.taxonomies),
            hsds: hsds_on(site),
        }
    }

    fn hsds_path(name: &str) -> String {
        format!("{HSDS_FOLDER}/{name}")
    }

    fn start(&self) -> Vec<OutputFile> {
        let mut pieces = vec![
            file(format!("{FOLDER}/partners.json"), "["),
            file(
                format!("{FOLDER}/partners.csv"),
                tables::record(spreadsheet::COLUMNS),
            ),
        ];
        if !self.hsds {
            return pieces;
        }
        let services: usize = self.site.partners.iter().map(|p| p.services.len()).sum();
        pieces.push(file(
            Self::hsds_path("index.json"),
            json!({ "version": hsds::VERSION, "openapi_url": OPENAPI_URL }).to_string(),
        ));
        pieces.push(file(
            Self::hsds_path("organizations.json"),
            page_start(self.site.partners.len()),
        ));
        pieces.push(file(Self::hsds_path("services.json"), page_start(services)));
        let config = &self.site.config;
        pieces.push(file(
            Self::hsds_path("datapackage.json"),
            tables::datapackage(
                &package_name(&config.base_url),
                &config.title,
                &config.description,
                config.data_license.as_ref(),
            ),
        ));
        for table in tables::tables() {
            pieces.push(file(Self::hsds_path(&table.path), tables::header(table)));
        }
        pieces.extend(self.taxonomy_files());
        pieces
    }

    /// `taxonomies.json`, `taxonomy_terms.json` and their tables' rows:
    /// every term an attribute can point at.
    fn taxonomy_files(&self) -> Vec<OutputFile> {
        let cx = &self.cx;
        let terms = hsds::all_terms(&self.site.taxonomies);
        let mut taxonomies: Vec<Taxonomy> = Vec::new();
        for term in &terms {
            let id = cx.id(&format!("taxonomy/{}", term.taxonomy));
            if taxonomies.iter().any(|t| t.id == id) {
                continue;
            }
            taxonomies.push(Taxonomy {
                description: hsds::taxonomy_description(&term.taxonomy).to_string(),
                id,
                name: term.taxonomy.clone(),
                uri: format!("{}{FOLDER}/#hsds", cx.base_url),
            });
        }
        let codes = hsds::unique_codes(&terms);
        let term_objects: Vec<TaxonomyTerm> = terms
            .iter()
            .zip(codes)
            .map(|(term, code)| TaxonomyTerm {
                code,
                description: term.name.clone(),
                id: term.id(cx),
                language: "en".to_string(),
                name: term.name.clone(),
                taxonomy: term.taxonomy.clone(),
                taxonomy_id: cx.id(&format!("taxonomy/{}", term.taxonomy)),
            })
            .collect();
        let mut pieces = vec![
            page_file(Self::hsds_path("taxonomies.json"), &taxonomies),
            page_file(Self::hsds_path("taxonomy_terms.json"), &term_objects),
        ];
        pieces.extend(table_rows(Taxonomy::TABLE, &taxonomies));
        pieces.extend(table_rows(TaxonomyTerm::TABLE, &term_objects));
        pieces
    }

    /// Pieces for a chunk of partners. Each partner's bytes are made side
    /// by side; the chunk only joins them.
    fn chunk(
        &self,
        partners: &[Arc<PublicPartner>],
        cache: &mut Cache,
        lists: &mut Lists,
    ) -> Vec<OutputFile> {
        let made = cache.map(
            partners,
            |partner| partner.id.clone(),
            |_| (),
            |partner| Arc::new(self.partner(partner)),
        );
        let mut joined = [
            (format!("{FOLDER}/partners.json"), Vec::new()),
            (Self::hsds_path("organizations.json"), Vec::new()),
            (Self::hsds_path("services.json"), Vec::new()),
        ];
        let mut spreadsheet_rows = Vec::new();
        let mut rows: Vec<Vec<u8>> = vec![Vec::new(); tables::tables().len()];
        for made in &made {
            for (((_, bytes), started), items) in joined.iter_mut().zip(&mut lists.started).zip([
                &made.spreadsheet_json,
                &made.organization_json,
                &made.services_json,
            ]) {
                for item in items {
                    if *started {
                        bytes.push(b',');
                    }
                    *started = true;
                    bytes.extend(item);
                }
            }
            spreadsheet_rows.extend(&made.spreadsheet_csv);
            for (table, row) in &made.rows {
                rows[*table].extend(row);
            }
        }
        let mut pieces = vec![file(format!("{FOLDER}/partners.csv"), spreadsheet_rows)];
        let hsds_lists = if self.hsds { 3 } else { 1 };
        for (path, bytes) in joined.into_iter().take(hsds_lists) {
            pieces.push(file(path, bytes));
        }
        for (table, bytes) in tables::tables().iter().zip(rows) {
            if !bytes.is_empty() {
                pieces.push(file(Self::hsds_path(&table.path), bytes));
            }
        }
        pieces
    }

    /// Everything one partner adds to the files, as bytes.
    fn partner(&self, partner: &PublicPartner) -> Made {
        let hsds_id = hsds::organization_id(&partner.id, &self.cx);
        let spreadsheet =
            spreadsheet::row(partner, &self.site.config, &self.site.taxonomies, hsds_id);
        let mut made = Made {
            spreadsheet_json: vec![to_json(&spreadsheet)],
            spreadsheet_csv: tables::record(
                spreadsheet::cells(&spreadsheet).iter().map(String::as_str),
            ),
            ..Made::default()
        };
        if !self.hsds {
            return made;
        }
        let organization = hsds::organization(partner, &self.cx);
        let mut rows = Vec::new();
        let flat = as_row(&organization);
        tables::flatten(Organization::TABLE, None, &flat, &mut rows);
        let table_index = |name: &str| tables::tables().iter().position(|t| t.name == name);
        made.rows = rows
            .iter()
            .filter_map(|(name, row)| {
                let index = table_index(name)?;
                Some((index, tables::line(&tables::tables()[index], row)))
            })
            .collect();
        let (services, organization) = split_services(organization);
        made.organization_json = vec![to_json(&organization)];
        made.services_json = services.iter().map(to_json).collect();
        made
    }

    fn end(&self) -> Vec<OutputFile> {
        let mut pieces = vec![file(format!("{FOLDER}/partners.json"), "]\n")];
        if self.hsds {
            for name in ["organizations.json", "services.json"] {
                pieces.push(file(Self::hsds_path(name), "]}\n"));
            }
        }
        pieces
    }
}

/// Whether each JSON list (partners, organizations, services) has an
/// item yet, across chunks: the next item is led by a comma.
#[derive(Default)]
struct Lists {
    started: [bool; 3],
}

/// What one partner adds to the files: JSON list items, CSV lines.
#[derive(Default)]
pub struct Made {
    spreadsheet_json: Vec<Vec<u8>>,
    spreadsheet_csv: Vec<u8>,
    organization_json: Vec<Vec<u8>>,
    services_json: Vec<Vec<u8>>,
    /// (table index, CSV lines)
    rows: Vec<(usize, Vec<u8>)>,
}

fn to_json(object: &impl Serialize) -> Vec<u8> {
    // Plain values with string keys always serialize.
    serde_json::to_vec(object).unwrap_or_default()
}

/// An object's fields by name, as the tables read them.
fn as_row(object: &impl Serialize) -> Map<String, Value> {
    // Plain values with string keys always serialize, as an object.
    match serde_json::to_value(object) {
        Ok(Value::Object(fields)) => fields,
        _ => Map::new(),
    }
}

/// The CSV lines of `objects` in the table named `table`.
fn table_rows(table: &str, objects: &[impl Serialize]) -> Option<OutputFile> {
    let table = tables::tables().iter().find(|t| t.name == table)?;
    let rows: Vec<u8> = objects
        .iter()
        .flat_map(|o| tables::line(table, &as_row(o)))
        .collect();
    Some(file(Export::hsds_path(&table.path), rows))
}

/// The organization without its services, and the services. A service
/// names the places it is offered at by `location_id`; the places are in
/// the organization (repeating each in every service made `services.json`
/// three times its size).
fn split_services(mut organization: Organization) -> (Vec<Service>, Organization) {
    let services = std::mem::take(&mut organization.services);
    (services, organization)
}

/// A data package name: lowercase letters, digits and `-._` from the
/// hub's host (`hub.example.org` → `hub.example.org`).
fn package_name(base_url: &str) -> String {
    let host = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest)
        .trim_end_matches('/');
    host.chars()
        .map(|c| match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9' | '-' | '.' | '_') => c,
            _ => '-',
        })
        .collect()
}
