//! What a stage worked out for each of its inputs (a record's checks, a
//! modelled partner, a partner's share of the open data), kept from one
//! run of the pipeline to the next. `haven serve` keeps them, so an edit
//! redoes only the inputs that changed; a build runs once and keeps
//! nothing, so each value can be let go of as soon as it is used.

use std::hash::Hash;
use std::sync::Arc;

use crate::pipeline::fast_map::FastMap;
use crate::pipeline::parallel;

/// A file's text as the fingerprint of what was made from it. A file that
/// did not change keeps its shared text from one run to the next, so it
/// is found equal without comparing a byte (an `Arc<str>` compares its
/// bytes even with itself: a thousand records' texts at every rebuild).
#[derive(Clone)]
pub struct Text(pub Arc<str>);

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

/// Values by key (a file, a partner id), each with the fingerprint of the
/// input it was made from (the file's text, a hash): a value is used
/// again only for an equal fingerprint.
pub struct Memo<K, F, V> {
    keeps: bool,
    /// What every value also depends on (settings, the date, the other
    /// records' ids): when it changes, nothing is used again.
    context: u64,
    /// Made or used in this run.
    current: FastMap<K, (F, V)>,
    /// Made in the last run and not used yet in this one: what is still
    /// here at the next run was for an input that is gone.
    previous: FastMap<K, (F, V)>,
}

impl<K, F, V> Default for Memo<K, F, V> {
    /// A memo that keeps what it makes.
    fn default() -> Self {
        Memo {
            keeps: true,
            context: 0,
            current: FastMap::default(),
            previous: FastMap::default(),
        }
    }
}

impl<K: Eq + Hash + Send, F: PartialEq + Send, V: Clone + Send> Memo<K, F, V> {
    /// A memo for a pipeline that runs once: it keeps nothing.
    pub fn one_shot() -> Self {
        Memo {
            keeps: false,
            ..Memo::default()
        }
    }

    pub fn keeps(&self) -> bool {
        self.keeps
    }

    /// Starts a run in which every value also depends on `context`: the
    /// last run's values are used again only if it is the same.
    pub fn start(&mut self, context: u64) {
        if context != self.context {
            self.current.clear();
            self.context = context;
        }
        self.previous = std::mem::take(&mut self.current);
        if self.keeps {
            // Room for as many as last time: growing a map of a thousand
            // records step by step hashes every key again at each step.
            self.current.reserve(self.previous.len());
        }
    }

    /// One value per item, in order: the value made before for the item's
    /// key from an equal fingerprint, else a new one from `make`, made side
    /// by side. Kept for the next run unless the memo is one-shot.
    pub fn map<T: Sync>(
        &mut self,
        items: &[T],
        key: impl Fn(&T) -> K,
        fingerprint: impl Fn(&T) -> F,
        make: impl Fn(&T) -> V + Sync,
    ) -> Vec<V> {
        let (slots, made_before): (Vec<(K, F)>, Vec<Option<V>>) = items
            .iter()
            .map(|item| {
                let (key, fingerprint) = (key(item), fingerprint(item));
                let made = self
                    .previous
                    .remove(&key)
                    .or_else(|| self.current.remove(&key))
                    .filter(|(before, _)| *before == fingerprint)
                    .map(|(_, value)| value);
                ((key, fingerprint), made)
            })
            .unzip();
        let missing: Vec<&T> = items
            .iter()
            .zip(&made_before)
            .filter(|(_, made)| made.is_none())
            .map(|(item, _)| item)
            .collect();
        let mut fresh = parallel::map(&missing, |item| make(item)).into_iter();
        let made: Vec<V> = made_before
            .into_iter()
            .filter_map(|made| made.or_else(|| fresh.next()))
            .collect();
        if self.keeps {
            for ((key, fingerprint), value) in slots.into_iter().zip(&made) {
                self.current.insert(key, (fingerprint, value.clone()));
            }
        }
        made
    }

    /// Forgets the values of the keys `forget` picks.
    pub fn forget(&mut self, forget: impl Fn(&K) -> bool) {
        self.current.retain(|key, _| !forget(key));
        self.previous.retain(|key, _| !forget(key));
    }

    /// Forgets every value.
    pub fn clear(&mut self) {
        self.current.clear();
        self.previous.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Maps words to their lengths, counting how many were measured.
    fn lengths(
        memo: &mut Memo<usize, String, usize>,
        words: &[&str],
        made: &AtomicUsize,
    ) -> Vec<usize> {
        let items: Vec<(usize, &str)> = words.iter().copied().enumerate().collect();
        memo.map(
            &items,
            |(key, _)| *key,
            |(_, word)| word.to_string(),
            |(_, word)| {
                made.fetch_add(1, Ordering::Relaxed);
                word.len()
            },
        )
    }

    #[test]
    fn a_kept_value_is_used_again_only_for_an_equal_fingerprint() {
        let (mut memo, made) = (Memo::default(), AtomicUsize::new(0));
        memo.start(1);
        assert_eq!(lengths(&mut memo, &["ab", "abc"], &made), [2, 3]);
        memo.start(1);
        assert_eq!(lengths(&mut memo, &["ab", "abcd"], &made), [2, 4]);
        assert_eq!(made.load(Ordering::Relaxed), 3);
    }

    #[test]
    fn a_new_context_makes_every_value_again() {
        let (mut memo, made) = (Memo::default(), AtomicUsize::new(0));
        memo.start(1);
        lengths(&mut memo, &["ab"], &made);
        memo.start(2);
        lengths(&mut memo, &["ab"], &made);
        assert_eq!(made.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn a_one_shot_memo_keeps_nothing() {
        let (mut memo, made) = (Memo::one_shot(), AtomicUsize::new(0));
        memo.start(1);
        lengths(&mut memo, &["ab"], &made);
        memo.start(1);
        lengths(&mut memo, &["ab"], &made);
        assert_eq!(made.load(Ordering::Relaxed), 2);
        assert!(memo.current.is_empty() && memo.previous.is_empty());
    }

    #[test]
    fn values_of_a_run_survive_across_its_chunks() {
        let (mut memo, made) = (Memo::default(), AtomicUsize::new(0));
        memo.start(1);
        lengths(&mut memo, &["ab", "abc"], &made);
        memo.start(1);
        // The same run in two calls, as a stage that works in chunks does.
        lengths(&mut memo, &["ab"], &made);
        lengths(&mut memo, &["ab", "abc"], &made);
        assert_eq!(made.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn a_forgotten_key_is_made_again() {
        let (mut memo, made) = (Memo::default(), AtomicUsize::new(0));
        memo.start(1);
        lengths(&mut memo, &["ab", "abc"], &made);
        memo.forget(|key| *key == 1);
        memo.start(1);
        lengths(&mut memo, &["ab", "abc"], &made);
        assert_eq!(made.load(Ordering::Relaxed), 3);
    }
}
