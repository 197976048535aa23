//! Phones and places of one organization, each kept once by what
//! identifies it (a number, an address), with the rows that named it: a
//! service links the phones and places of its own row.

use crate::import::yaml_out::Node;

#[derive(Default)]
pub(super) struct Kept {
    pub(super) nodes: Vec<Node>,
    /// (key, id), in the order first seen.
    keys: Vec<(String, String)>,
    /// (row number, id)
    of_rows: Vec<(u64, String)>,
}

impl Kept {
    /// The id already given to `key`, noted for `row` too.
    pub(super) fn seen(&mut self, row: u64, key: &str) -> Option<String> {
        let id = self.keys.iter().find(|(k, _)| k == key)?.1.clone();
        self.of_rows.push((row, id.clone()));
        Some(id)
    }

    pub(super) fn keep(&mut self, row: u64, key: String, id: String, node: Node) {
        self.nodes.push(node);
        self.keys.push((key, id.clone()));
        self.of_rows.push((row, id));
    }

    /// The ids `row` named; all of them when it named none.
    pub(super) fn of_row(&self, row: u64) -> Vec<String> {
        let own: Vec<String> = self
            .of_rows
            .iter()
            .filter(|(r, _)| *r == row)
            .map(|(_, id)| id.clone())
            .collect();
        if own.is_empty() {
            self.keys.iter().map(|(_, id)| id.clone()).collect()
        } else {
            own
        }
    }

    pub(super) fn len(&self) -> usize {
        self.nodes.len()
    }
}
