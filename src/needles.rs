//! Finds any of many fixed strings (tens of thousands: every internal
//! value of a large hub) in text, fast enough to run over every page of
//! the site.
//!
//! Each needle is anchored on one window of [`WINDOW`] bytes inside it,
//! the window fewest other needles share. A bit table of window hashes
//! rejects almost every position of the text with one load; the rare
//! position that passes is checked against the needles anchored there.
//! A needle shorter than a window is looked for on its own.

use std::collections::HashMap;

use memchr::memmem;

/// Bytes in an anchor window: every internal value is at least six
/// characters long.
const WINDOW: usize = 6;
/// Bits in the table of anchor hashes (2^21: 256 KiB, cache-sized); tens
/// of thousands of anchors leave it about 2% full.
const TABLE_BITS: u32 = 21;

pub struct Needles {
    needles: Vec<Vec<u8>>,
    /// One bit per anchor hash.
    table: Vec<u64>,
    /// Anchor window → (needle, offset of the window in it), in needle
    /// order.
    anchored: HashMap<u64, Vec<(usize, usize)>>,
    /// Needles shorter than a window, with their finders.
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
        let mut table = vec![0u64; 1 << (TABLE_BITS - 6)];
        let mut anchored: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
        let mut short = Vec::new();
        for (index, needle) in needles.iter().enumerate() {
            let rarest = needle
                .windows(WINDOW)
                .enumerate()
                .min_by_key(|(offset, window)| {
                    let spaces = window.iter().filter(|b| **b == b' ').count();
                    let shared = sharing.get(&window_value(window)).copied();
                    (shared.unwrap_or_default(), spaces, *offset)
                });
            match rarest {
                Some((offset, window)) => {
                    let value = window_value(window);
                    let bit = slot(value);
                    table[bit / 64] |= 1 << (bit % 64);
                    anchored.entry(value).or_default().push((index, offset));
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
        for position in 0..=haystack.len() - WINDOW {
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
