//! Side by side, but only when there is enough to share: after an edit,
//! `haven serve` has one or two records to redo, and handing those to the
//! thread pool (busy with the search index) costs more than doing them on
//! the calling thread.

use rayon::prelude::*;

/// Up to this many items are mapped on the calling thread.
const HERE_UP_TO: usize = 8;

/// `f` of each item, in order: on the calling thread for a few items, on
/// the thread pool for more.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if items.len() <= HERE_UP_TO {
        items.iter().map(f).collect()
    } else {
        items.par_iter().map(&f).collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn few_and_many_items_are_mapped_in_order() {
        for count in [0, 3, 100] {
            let items: Vec<usize> = (0..count).collect();
            let doubled: Vec<usize> = items.iter().map(|i| i * 2).collect();
            assert_eq!(super::map(&items, |i| i * 2), doubled);
        }
    }
}
