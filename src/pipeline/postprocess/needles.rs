//! Finds any of many fixed strings (tens of thousands: every internal
//! value of a large hub) in text, fast enough to run over every page of
//! the site.
//!
//! Each needle is anchored on [`STEP`] adjacent windows of [`WINDOW`]
//! bytes inside it, the run fewest other needles share. Wherever a needle
//! occurs, one of its anchors starts at a multiple of [`STEP`] in the text,
//! so only those positions are looked at. A bit table of window
//! hashes rejects almost every one of those with one load; the rare
//! position that passes is checked against the needles anchored there. A
//! needle shorter than its anchors' span is looked for on its own.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use memchr::memmem;

/// Bytes in an anchor window, and how far the scan moves between two
/// looks. Every internal value is at least six characters long, room for
/// two adjacent 5-byte windows; this looks at half the positions (three
/// 4-byte windows match ordinary text too often).
const WINDOW: usize = 5;
const STEP: usize = 2;
/// Bits in the table of anchor hashes (2^21: 256 KiB, cache-sized); tens
/// of thousands of needles' anchors leave it a few percent full.
const TABLE_BITS: u32 = 21;

pub struct Needles {
    needles: Vec<Vec<u8>>,
    /// One bit per anchor hash.
    table: Vec<u64>,
    /// Anchor window → (needle, offset of the window in it), in needle
    /// order.
    anchored: HashMap<u64, Vec<(usize, usize)>, BuildHasherDefault<WindowHasher>>,
    /// Needles too short for their anchors, with their finders.
    short: Vec<(usize, memmem::Finder<'static>)>,
}

impl Needles {
    pub fn new<S: AsRef<[u8]>>(needles: &[S]) -> Needles {
        let needles: Vec<Vec<u8>> = needles.iter().map(|n| n.as_ref().to_vec()).collect();
        let mut sharing: HashMap<u64, usize> = HashMap::new();
        for needle in &needles {
            let mut windows: Vec<u64> = needle.windows(WINDOW).map(window_value).collect();
            windows.sort_unstable();
            windows.dedup();
            for window in windows {
                *sharing.entry(window).or_default() += 1;
            }
        }
        let shared = |window: &[u8]| sharing.get(&window_value(window)).copied();
        let mut table = vec![0u64; 1 << (TABLE_BITS - 6)];
        let mut anchored: HashMap<u64, Vec<(usize, usize)>, _> = HashMap::default();
        let mut short = Vec::new();
        for (index, needle) in needles.iter().enumerate() {
            let rarest =
                needle
                    .windows(WINDOW + STEP - 1)
                    .enumerate()
                    .min_by_key(|(offset, run)| {
                        let spaces = run.iter().filter(|b| **b == b' ').count();
                        let shared: usize = run
                            .windows(WINDOW)
                            .map(|w| shared(w).unwrap_or_default())
                            .sum();
                        (shared, spaces, *offset)
                    });
            match rarest {
                Some((offset, run)) => {
                    for (nth, window) in run.windows(WINDOW).enumerate() {
                        let offset = offset + nth;
                        let value = window_value(window);
                        let bit = slot(value);
                        table[bit / 64] |= 1 << (bit % 64);
                        anchored.entry(value).or_default().push((index, offset));
                    }
                }
                None if !needle.is_empty() => {
                    short.push((index, memmem::Finder::new(needle).into_owned()));
                }
                None => {}
            }
        }
        Needles {
            needles,
            table,
            anchored,
            short,
        }
    }

    /// Index of a needle that occurs in `haystack`, if any: of the one
    /// whose anchor comes first, the first in needle order.
    pub fn find(&self, haystack: &[u8]) -> Option<usize> {
        if let Some(found) = self.find_anchored(haystack) {
            return Some(found);
        }
        self.short
            .iter()
            .find(|(_, finder)| finder.find(haystack).is_some())
            .map(|(index, _)| *index)
    }

    fn find_anchored(&self, haystack: &[u8]) -> Option<usize> {
        if haystack.len() < WINDOW || self.anchored.is_empty() {
            return None;
        }
        // A `while` loop: stepping a range with `step_by` compiled to a
        // loop a third slower.
        let last = haystack.len() - WINDOW;
        let mut next = 0;
        while next <= last {
            let position = next;
            next += STEP;
            let value = window_at(haystack, position);
            let bit = slot(value);
            if self.table[bit / 64] & (1 << (bit % 64)) == 0 {
                continue;
            }
            let Some(candidates) = self.anchored.get(&value) else {
                continue;
            };
            for &(index, offset) in candidates {
                let needle = &self.needles[index];
                let matches = position
                    .checked_sub(offset)
                    .and_then(|start| haystack.get(start..start + needle.len()))
                    .is_some_and(|found| found == needle.as_slice());
                if matches {
                    return Some(index);
                }
            }
        }
        None
    }
}

/// Hashes an anchor window's value (already a number) with one multiply,
/// where the default hasher's work would cost more than the lookup.
#[derive(Default)]
struct WindowHasher(u64);

impl Hasher for WindowHasher {
    fn finish(&self) -> u64 {
        self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 << 8) | u64::from(*byte);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// The window's bytes as a number (little-endian).
fn window_value(window: &[u8]) -> u64 {
    window
        .iter()
        .take(WINDOW)
        .rev()
        .fold(0, |value, byte| (value << 8) | u64::from(*byte))
}

/// [`window_value`] of the window at `position`, with one load where
/// eight bytes are left.
fn window_at(haystack: &[u8], position: usize) -> u64 {
    match haystack.get(position..position + 8) {
        Some(eight) => {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(eight);
            u64::from_le_bytes(bytes) & ((1 << (8 * WINDOW)) - 1)
        }
        None => window_value(&haystack[position..]),
    }
}

fn slot(value: u64) -> usize {
    (value.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - TABLE_BITS)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(needles: &[&str], haystack: &str) -> Option<usize> {
        Needles::new(needles).find(haystack.as_bytes())
    }

    #[test]
    fn a_needle_is_found_anywhere_in_the_text() {
        let needles = ["Aisha Potirberg", "+1 213-555-1266"];
        assert_eq!(found(&needles, "Aisha Potirberg"), Some(0));
        assert_eq!(found(&needles, "call +1 213-555-1266 now"), Some(1));
        assert_eq!(found(&needles, "ends with Aisha Potirberg"), Some(0));
    }

    #[test]
    fn a_needle_is_found_at_odd_and_even_positions_and_at_the_very_end() {
        let needles = ["Aisha Potirberg", "Room 12"];
        for padding in 0..4 {
            let before = "x".repeat(padding);
            assert_eq!(
                found(&needles, &format!("{before}Aisha Potirberg")),
                Some(0)
            );
            assert_eq!(found(&needles, &format!("{before}Room 12")), Some(1));
            assert_eq!(found(&needles, &format!("{before}Room 12.")), Some(1));
        }
    }

    #[test]
    fn text_sharing_only_an_anchor_with_a_needle_is_no_match() {
        let needles = ["+1 213-555-1266"];
        assert_eq!(found(&needles, "call +1 213-555-1306 or 555-1266"), None);
        assert_eq!(found(&needles, "+1 213-555-126"), None);
    }

    #[test]
    fn needles_sharing_windows_are_each_found() {
        let needles = ["+1 213-555-1266", "+1 213-555-1267", "+1 213-555-9999"];
        for (index, needle) in needles.iter().enumerate() {
            assert_eq!(found(&needles, &format!("<p>{needle}</p>")), Some(index));
        }
    }

    #[test]
    fn needles_shorter_than_a_window_are_found_too() {
        assert_eq!(found(&["abc", "Room 12B"], "see abc"), Some(0));
        assert_eq!(found(&["abc"], "ab"), None);
        assert_eq!(found(&[""], "anything"), None);
    }

    #[test]
    fn multibyte_text_is_matched_bytewise() {
        let needles = ["Niñas Seguras Ñandú"];
        assert_eq!(found(&needles, "<li>Niñas Seguras Ñandú</li>"), Some(0));
        assert_eq!(found(&needles, "<li>Niñas Seguras Nandu</li>"), None);
    }
}
