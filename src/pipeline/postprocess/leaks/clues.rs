//! What a private value looks like in published text: the whole value,
//! and for a longer one (a note, a referral pathway) the parts a person
//! would recognise on their own: its sentences that hold a number, a name
//! or an address, the names, street addresses and e-mail addresses in
//! it, and every phone number by its digits.
//!
//! Ordinary words are no clue: a one-word value without digits (a job
//! title, "Intake") and sentences of common words only are left out, so a
//! public page that says "Please call ahead" is not taken for a leak.

use super::reading::read_value;

/// How a clue is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Form {
    /// Whole words, in the words of a [`super::reading::Stream`].
    Words,
    /// A phone number's digits, in the digit runs.
    Digits,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Clue {
    pub form: Form,
    /// What is looked for: " words like this " or "5055550177 " (the end
    /// of a digit run).
    pub needle: Vec<u8>,
    /// Whether it is the whole value rather than a part of it.
    pub whole: bool,
}

impl Clue {
    /// How a message names what was found: "a part of" a field's value,
    /// "the value of" it, or `phone` ("a phone number from").
    pub fn what(&self, phone: &'static str) -> &'static str {
        match (self.form, self.whole) {
            (Form::Digits, _) => phone,
            (Form::Words, true) => "the value of",
            (Form::Words, false) => "a part of",
        }
    }
}

/// Words in a value beyond which its parts are looked for as well.
const FRAGMENT_FROM_WORDS: usize = 4;
/// Clues shorter than this (without their spaces) would match ordinary
/// text.
const MIN_NEEDLE: usize = 6;
/// Digits that make a phone number, and the national part kept of a longer
/// one (so "+1 505…" and "505…" are one number).
const MIN_PHONE_DIGITS: usize = 7;
const NATIONAL_DIGITS: usize = 10;

/// Capitalised words that start sentences or name days and months, never
/// a name on their own.
const NOT_NAMES: &[&str] = &[
    "a",
    "an",
    "and",
    "the",
    "of",
    "or",
    "for",
    "to",
    "at",
    "in",
    "on",
    "by",
    "ask",
    "call",
    "contact",
    "see",
    "use",
    "if",
    "please",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// Every clue to `value`, without repeats.
pub fn clues(value: &str) -> Vec<Clue> {
    let mut found: Vec<Clue> = Vec::new();
    let mut add = |form: Form, needle: Vec<u8>, whole: bool| {
        let long_enough = needle.iter().filter(|b| **b != b' ').count() >= MIN_NEEDLE;
        if long_enough && !found.iter().any(|clue| clue.needle == needle) {
            found.push(Clue {
                form,
                needle,
                whole,
            });
        }
    };
    let read = read_value(value);
    let word_count = read
        .words
        .split(|b| *b == b' ')
        .filter(|w| !w.is_empty())
        .count();
    let single_plain_word = word_count <= 1 && !value.bytes().any(|b| b.is_ascii_digit());
    if !single_plain_word {
        add(Form::Words, read.words.clone(), true);
    }
    for phone in phone_numbers(value) {
        add(Form::Digits, phone, false);
    }
    if word_count >= FRAGMENT_FROM_WORDS {
        for sentence in sentences(value) {
            let sentence_words = read_value(sentence).words;
            let words_in_sentence = sentence_words
                .split(|b| *b == b' ')
                .filter(|w| !w.is_empty())
                .count();
            if words_in_sentence >= 3 && distinctive(sentence) {
                add(Form::Words, sentence_words, false);
            }
        }
        for part in names_and_addresses(value)
            .into_iter()
            .chain(numbers_in_context(value))
        {
            add(Form::Words, read_value(&part).words, false);
        }
    }
    found
}

/// The sentences and clauses of a text: split at sentence ends, commas,
/// `;` and line breaks (not inside "505.555.0177" or "1,200").
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (index, byte) in bytes.iter().enumerate() {
        let ends = match byte {
            b'!' | b'?' | b';' | b'\n' | b'\r' => true,
            b'.' | b',' => bytes
                .get(index + 1)
                .is_none_or(|next| next.is_ascii_whitespace()),
            _ => false,
        };
        if ends {
            pieces.push(&text[start..index]);
            start = index + 1;
        }
    }
    pieces.push(&text[start..]);
    pieces
        .into_iter()
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
}

/// Whether a sentence says something particular: a number, an e-mail
/// address, or a capitalised word after its first (a name).
fn distinctive(sentence: &str) -> bool {
    sentence.bytes().any(|b| b.is_ascii_digit() || b == b'@')
        || sentence
            .split_whitespace()
            .skip(1)
            .any(|word| is_name_word(trim_punctuation(word)))
}

fn trim_punctuation(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '@')
}

fn is_name_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && !NOT_NAMES.contains(&word.to_lowercase().as_str())
}

/// Runs of two or more capitalised words ("Maria Lopez"), a number with
/// the capitalised words after it ("1234 Elm St"), and e-mail addresses.
fn names_and_addresses(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut index = 0;
    while index < words.len() {
        let word = trim_punctuation(words[index]);
        if word.contains('@') && word.contains('.') {
            parts.push(word.to_string());
        }
        if !is_name_word(word) {
            index += 1;
            continue;
        }
        let start = index;
        while index < words.len() && is_name_word(trim_punctuation(words[index])) {
            let ends_sentence = words[index].ends_with(['.', ',', ';', ':']);
            index += 1;
            if ends_sentence {
                break;
            }
        }
        let run: Vec<&str> = words[start..index]
            .iter()
            .map(|w| trim_punctuation(w))
            .collect();
        let number_before = start
            .checked_sub(1)
            .map(|before| trim_punctuation(words[before]))
            .filter(|before| !before.is_empty() && before.bytes().all(|b| b.is_ascii_digit()));
        // A street name on its own ("Main Street") is public knowledge.
        match number_before {
            Some(number) => parts.push(format!("{number} {}", run.join(" "))),
            None if run.len() >= 2 => parts.push(run.join(" ")),
            None => {}
        }
    }
    parts
}

/// Each number of three or more digits that is not a year, with the two
/// words before it: "code is 4417".
fn numbers_in_context(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().map(trim_punctuation).collect();
    let mut parts = Vec::new();
    for (index, word) in words.iter().enumerate().skip(2) {
        let is_number = word.len() >= 3 && word.bytes().all(|b| b.is_ascii_digit());
        let is_year = word.len() == 4 && (word.starts_with("19") || word.starts_with("20"));
        if is_number && !is_year {
            parts.push(words[index - 2..=index].join(" "));
        }
    }
    parts
}

/// The digits of each phone number in `text` (the last ten of a longer
/// one): runs of digits and phone marks holding at least seven digits
/// that are not a date.
fn phone_numbers(text: &str) -> Vec<Vec<u8>> {
    let is_mark = |c: char| matches!(c, ' ' | '-' | '.' | '(' | ')' | '+' | '/' | '\u{a0}');
    let mut numbers = Vec::new();
    for run in text.split(|c: char| !(c.is_ascii_digit() || is_mark(c))) {
        let groups: Vec<&str> = run
            .split(is_mark)
            .filter(|group| !group.is_empty())
            .collect();
        let digits: Vec<u8> = groups.iter().flat_map(|g| g.bytes()).collect();
        if digits.len() < MIN_PHONE_DIGITS || is_date(&groups) {
            continue;
        }
        let national = digits.len().saturating_sub(NATIONAL_DIGITS);
        // The run must end where the number ends: "5055550177" is not in
        // "50555501771". (It may start earlier, with a country code.)
        let mut needle = digits[national..].to_vec();
        needle.push(b' ');
        numbers.push(needle);
    }
    numbers
}

/// 2026-11-23, 11/23/2026, 23.11.2026: three groups, one a year.
fn is_date(groups: &[&str]) -> bool {
    let year = |g: &str| g.len() == 4 && (g.starts_with("19") || g.starts_with("20"));
    let day_or_month = |g: &str| (1..=2).contains(&g.len());
    match groups {
        [a, b, c] => {
            (year(a) && day_or_month(b) && day_or_month(c))
                || (day_or_month(a) && day_or_month(b) && year(c))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needles(value: &str) -> Vec<String> {
        clues(value)
            .into_iter()
            .map(|clue| String::from_utf8(clue.needle).unwrap())
            .collect()
    }

    #[test]
    fn a_short_value_is_looked_for_whole() {
        assert_eq!(needles("Aisha Potirberg"), [" aisha potirberg "]);
    }

    #[test]
    fn a_phone_number_is_looked_for_by_its_digits_too() {
        let found = needles("+1 505-555-0177");
        assert!(found.contains(&"5055550177 ".to_string()), "{found:?}");
    }

    #[test]
    fn one_ordinary_word_is_no_clue() {
        assert!(needles("Director").is_empty());
        assert!(needles("Information").is_empty());
    }

    #[test]
    fn a_note_gives_its_particular_sentences_names_and_addresses() {
        let found = needles(
            "Staff park behind the church. The back gate code is 4417; ask for Maria Lopez at 1234 Elm St after 6pm.",
        );
        for expected in [
            " the back gate code is 4417 ",
            " maria lopez ",
            " 1234 elm st ",
            " code is 4417 ",
        ] {
            assert!(
                found.contains(&expected.to_string()),
                "{expected}: {found:?}"
            );
        }
        assert!(
            !found.contains(&" staff park behind the church ".to_string()),
            "{found:?}"
        );
    }

    #[test]
    fn dates_are_not_phone_numbers() {
        assert!(phone_numbers("verified 2026-11-23 and 11/23/2026").is_empty());
        assert_eq!(
            phone_numbers("cell (505) 555-0177 ext 12"),
            [b"5055550177 ".to_vec()]
        );
    }
}
