//! Published text as a person reads it, so that a private value is found
//! however it was written: letter case, accents, spacing, punctuation,
//! HTML tags and entities, JSON and URL escapes, Markdown emphasis and
//! invisible characters make no difference.
//!
//! A file becomes two [`Stream`]s, its text and the insides of its tags
//! (attribute values such as `href="tel:…"` and `alt="…"`). Each stream
//! holds its words, lower-case and folded, separated by single spaces,
//! and its digit runs: digits joined across the marks people put in phone
//! numbers (spaces, `-`, `.`, `(`, `)`, `+`, `/`), so "(505) 555-0177" and
//! "+1 505.555.0177" both hold the run of its ten digits.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Tags that sit inside a word without separating it ("Ma<em>ria</em>").
const INLINE_TAGS: &[&[u8]] = &[
    b"a", b"abbr", b"b", b"bdi", b"bdo", b"cite", b"code", b"data", b"del", b"dfn", b"em", b"i",
    b"ins", b"kbd", b"mark", b"q", b"s", b"samp", b"small", b"span", b"strong", b"sub", b"sup",
    b"time", b"u", b"var", b"wbr",
];

/// Words and digit runs of one kind of text, each list starting and
/// ending with a space so that a needle written " word " matches whole
/// words only.
#[derive(Debug, Default)]
pub struct Stream {
    pub words: Vec<u8>,
    pub digits: Vec<u8>,
}

impl Stream {
    fn clear(&mut self) {
        self.words.clear();
        self.digits.clear();
        self.words.push(b' ');
        self.digits.push(b' ');
    }

    fn separate_words(&mut self) {
        if self.words.last() != Some(&b' ') {
            self.words.push(b' ');
        }
    }

    fn end_digits(&mut self) {
        if self.digits.last() != Some(&b' ') {
            self.digits.push(b' ');
        }
    }

    fn finish(&mut self) {
        self.separate_words();
        self.end_digits();
    }

    /// Reads the run of lower-case ASCII letters at the start of `bytes`
    /// (most of any text) in one step; returns its length.
    #[inline]
    fn push_lowercase_run(&mut self, bytes: &[u8]) -> usize {
        let run = bytes
            .iter()
            .position(|b| !b.is_ascii_lowercase())
            .unwrap_or(bytes.len());
        if run > 0 {
            self.end_digits();
            self.words.extend_from_slice(&bytes[..run]);
        }
        run
    }

    /// Reads a plain ASCII byte, the common case, without decoding it;
    /// false for one that needs decoding (`<`, `&`, `\\`, `%`, non-ASCII).
    #[inline]
    fn push_plain(&mut self, byte: u8) -> bool {
        let Some(class) = ASCII.get(usize::from(byte)) else {
            return false;
        };
        match class {
            Ascii::Lower => {
                self.end_digits();
                self.words.push(byte);
            }
            Ascii::Upper => {
                self.end_digits();
                self.words.push(byte.to_ascii_lowercase());
            }
            Ascii::Digit => {
                self.words.push(byte);
                self.digits.push(byte);
            }
            Ascii::Mark => self.separate_words(),
            Ascii::Separator => {
                self.separate_words();
                self.end_digits();
            }
            Ascii::Invisible => {}
            Ascii::Special => return false,
        }
        true
    }

    /// One character of text.
    fn push(&mut self, c: char) {
        match Kind::of(c) {
            Kind::Invisible => {}
            Kind::Digit => {
                self.words.push(c as u8);
                self.digits.push(c as u8);
            }
            Kind::PhoneMark => {
                self.separate_words();
            }
            Kind::Separator => {
                self.separate_words();
                self.end_digits();
            }
            Kind::Letter => {
                self.end_digits();
                fold(c, &mut self.words);
            }
        }
    }
}

/// How each ASCII byte reads: the same as [`Kind::of`] says, with the
/// bytes that may start an escape or a tag set apart.
#[derive(Clone, Copy)]
enum Ascii {
    Lower,
    Upper,
    Digit,
    Mark,
    Separator,
    Invisible,
    Special,
}

const ASCII: [Ascii; 128] = ascii_classes();

const fn ascii_classes() -> [Ascii; 128] {
    let mut table = [Ascii::Separator; 128];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = match byte as u8 {
            b'a'..=b'z' => Ascii::Lower,
            b'A'..=b'Z' => Ascii::Upper,
            b'0'..=b'9' => Ascii::Digit,
            b' ' | b'-' | b'.' | b'(' | b')' | b'+' | b'/' => Ascii::Mark,
            b'*' | b'_' | b'~' | b'`' => Ascii::Invisible,
            b'<' | b'&' | b'\\' | b'%' => Ascii::Special,
            _ => Ascii::Separator,
        };
        byte += 1;
    }
    table
}

enum Kind {
    /// Ignored altogether: zero-width and formatting characters, and the
    /// Markdown emphasis marks a value may be split with.
    Invisible,
    Digit,
    /// Separates words but not the digits of a phone number.
    PhoneMark,
    Separator,
    Letter,
}

impl Kind {
    fn of(c: char) -> Kind {
        match c {
            '0'..='9' => Kind::Digit,
            'a'..='z' | 'A'..='Z' => Kind::Letter,
            ' ' | '-' | '.' | '(' | ')' | '+' | '/' | '\u{a0}' => Kind::PhoneMark,
            '*' | '_' | '~' | '`' => Kind::Invisible,
            '\u{ad}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}' => Kind::Invisible,
            c if c.is_ascii() => Kind::Separator,
            c if c.is_alphanumeric() => Kind::Letter,
            c if is_combining_mark(c) => Kind::Invisible,
            _ => Kind::Separator,
        }
    }
}

/// Appends `c` lower-case, without accents ("Ñ" → "n").
fn fold(c: char, out: &mut Vec<u8>) {
    if c.is_ascii() {
        out.push((c as u8).to_ascii_lowercase());
        return;
    }
    let mut buffer = [0u8; 4];
    decompose_canonical(c, |part| {
        if !is_combining_mark(part) {
            for lower in part.to_lowercase() {
                out.extend_from_slice(lower.encode_utf8(&mut buffer).as_bytes());
            }
        }
    });
}

/// A file as read: its text, and the insides of its tags.
#[derive(Debug, Default)]
pub struct Reading {
    pub text: Stream,
    pub markup: Stream,
}

impl Reading {
    /// Reads `bytes` (any file: HTML, JSON, CSV, plain text, or binary,
    /// whose stray bytes only separate words).
    pub fn read(&mut self, bytes: &[u8]) {
        self.text.clear();
        self.markup.clear();
        let mut at = 0;
        while at < bytes.len() {
            let run = self.text.push_lowercase_run(&bytes[at..]);
            if run > 0 {
                at += run;
                continue;
            }
            if self.text.push_plain(bytes[at]) {
                at += 1;
                continue;
            }
            if bytes[at] == b'<' {
                if let Some(end) = tag_end(bytes, at) {
                    let inside = &bytes[at + 1..end];
                    if !is_inline_tag(inside) {
                        self.text.push(' ');
                        self.text.end_digits();
                    }
                    decode(inside, &mut self.markup);
                    self.markup.push(' ');
                    self.markup.end_digits();
                    at = end + 1;
                    continue;
                }
            }
            at = decode_one(bytes, at, &mut self.text);
        }
        self.text.finish();
        self.markup.finish();
    }
}

/// Buffer capacity kept between files; a larger one (from a page that
/// lists every partner) is given back, so each thread does not hold the
/// largest file's size for the rest of the build.
const KEPT_CAPACITY: usize = 1 << 20;

impl Reading {
    /// Gives back buffers grown beyond [`KEPT_CAPACITY`].
    pub fn release_large(&mut self) {
        for buffer in [
            &mut self.text.words,
            &mut self.text.digits,
            &mut self.markup.words,
            &mut self.markup.digits,
        ] {
            if buffer.capacity() > KEPT_CAPACITY {
                *buffer = Vec::new();
            }
        }
    }
}

/// Reads a short text (a private value) the way [`Reading::read`] reads
/// a file's text.
pub fn read_value(value: &str) -> Stream {
    let mut stream = Stream::default();
    stream.clear();
    decode(value.as_bytes(), &mut stream);
    stream.finish();
    stream
}

/// Where the tag starting at `at` ends (its `>`), if `<` starts a tag.
fn tag_end(bytes: &[u8], at: usize) -> Option<usize> {
    let next = *bytes.get(at + 1)?;
    if !(next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')) {
        return None;
    }
    memchr::memchr(b'>', &bytes[at + 1..]).map(|offset| at + 1 + offset)
}

fn is_inline_tag(inside: &[u8]) -> bool {
    let name = inside.strip_prefix(b"/").unwrap_or(inside);
    let length = name
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    let name = &name[..length];
    INLINE_TAGS
        .iter()
        .any(|inline| inline.eq_ignore_ascii_case(name))
}

fn decode(bytes: &[u8], stream: &mut Stream) {
    let mut at = 0;
    while at < bytes.len() {
        if stream.push_plain(bytes[at]) {
            at += 1;
        } else {
            at = decode_one(bytes, at, stream);
        }
    }
}

/// Decodes the character (or escape) at `at` into `stream`; returns
/// where the next one starts.
fn decode_one(bytes: &[u8], at: usize, stream: &mut Stream) -> usize {
    let byte = bytes[at];
    match byte {
        b'&' => {
            if let Some((c, next)) = entity(bytes, at) {
                stream.push(c);
                return next;
            }
        }
        b'\\' => {
            if let Some((c, next)) = escape(bytes, at) {
                stream.push(c);
                return next;
            }
        }
        b'%' => {
            if let Some(next) = percent_encoded(bytes, at, stream) {
                return next;
            }
        }
        _ => {}
    }
    if byte.is_ascii() {
        stream.push(byte as char);
        return at + 1;
    }
    let width = match byte {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    };
    match bytes
        .get(at..at + width)
        .and_then(|encoded| std::str::from_utf8(encoded).ok())
        .and_then(|text| text.chars().next())
    {
        Some(c) => {
            stream.push(c);
            at + width
        }
        None => {
            stream.push(' ');
            at + 1
        }
    }
}

/// An HTML character reference at `at`: the character and where the
/// text goes on. Named references other than the common few read as a
/// space.
fn entity(bytes: &[u8], at: usize) -> Option<(char, usize)> {
    let window = bytes.get(at + 1..(at + 12).min(bytes.len()))?;
    let length = window.iter().position(|b| *b == b';')?;
    let name = &window[..length];
    let next = at + 1 + length + 1;
    let c = match name {
        [b'#', b'x' | b'X', hex @ ..] => number(hex, 16)?,
        [b'#', decimal @ ..] => number(decimal, 10)?,
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        [letter, accent @ ..] if letter.is_ascii_alphabetic() && ACCENTS.contains(&accent) => {
            char::from(*letter)
        }
        _ if name.iter().all(u8::is_ascii_alphanumeric) && !name.is_empty() => ' ',
        _ => return None,
    };
    Some((c, next))
}

/// Named references of accented letters ("&iacute;") read as the letter.
const ACCENTS: &[&[u8]] = &[
    b"acute", b"grave", b"tilde", b"uml", b"circ", b"cedil", b"ring",
];

fn number(digits: &[u8], radix: u32) -> Option<char> {
    let text = std::str::from_utf8(digits).ok()?;
    char::from_u32(u32::from_str_radix(text, radix).ok()?)
}

/// A JSON or JavaScript escape at `at`: `\u00f1`, `\n`, `\"`.
fn escape(bytes: &[u8], at: usize) -> Option<(char, usize)> {
    match bytes.get(at + 1)? {
        b'u' => {
            let high =
                u32::from_str_radix(std::str::from_utf8(bytes.get(at + 2..at + 6)?).ok()?, 16)
                    .ok()?;
            if (0xD800..0xDC00).contains(&high) {
                let low = bytes
                    .get(at + 6..at + 12)
                    .filter(|next| next.starts_with(b"\\u"))
                    .and_then(|next| std::str::from_utf8(&next[2..]).ok())
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .filter(|low| (0xDC00..0xE000).contains(low));
                return match low {
                    Some(low) => {
                        let c = char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?;
                        Some((c, at + 12))
                    }
                    None => Some((' ', at + 6)),
                };
            }
            Some((char::from_u32(high).unwrap_or(' '), at + 6))
        }
        _ => Some((' ', at + 2)),
    }
}

/// A run of `%XX` escapes at `at`, decoded into `stream`: where the text
/// goes on, or `None` if `%` starts no escape.
fn percent_encoded(bytes: &[u8], at: usize, stream: &mut Stream) -> Option<usize> {
    let mut decoded = Vec::new();
    let mut next = at;
    while bytes.get(next) == Some(&b'%') {
        let hex = bytes.get(next + 1..next + 3)?;
        let Some(byte) = std::str::from_utf8(hex)
            .ok()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        else {
            break;
        };
        decoded.push(byte);
        next += 3;
    }
    if decoded.is_empty() {
        return None;
    }
    for c in String::from_utf8_lossy(&decoded).chars() {
        stream.push(c);
    }
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(bytes: &str) -> String {
        let mut reading = Reading::default();
        reading.read(bytes.as_bytes());
        String::from_utf8(reading.text.words).unwrap()
    }

    fn digits(bytes: &str) -> String {
        let mut reading = Reading::default();
        reading.read(bytes.as_bytes());
        String::from_utf8(reading.text.digits).unwrap()
    }

    #[test]
    fn words_are_lower_case_without_accents_and_single_spaced() {
        assert_eq!(
            words("  Niña   LÓPEZ,\n gate-code!"),
            " nina lopez gate code "
        );
    }

    #[test]
    fn inline_tags_join_and_block_tags_separate() {
        assert_eq!(
            words("Ma<em>ria</em> Lo<strong>pez</strong>"),
            " maria lopez "
        );
        assert_eq!(words("<li>Maria</li><li>Lopez</li>"), " maria lopez ");
        assert_eq!(words("<p>one</p><p>two</p>"), " one two ");
    }

    #[test]
    fn entities_escapes_and_invisible_characters_are_read_through() {
        assert_eq!(
            words("Mar&iacute;a &amp; L&#243;pez&nbsp;Ruiz"),
            " maria lopez ruiz "
        );
        assert_eq!(words("Mar\\u00eda\\nL\\u00f3pez"), " maria lopez ");
        assert_eq!(words("Ma\u{200b}ria Lo\u{ad}pez"), " maria lopez ");
        assert_eq!(words("Ma**ria** _Lopez_"), " maria lopez ");
        assert_eq!(words("q=Maria%20L%C3%B3pez"), " q maria lopez ");
    }

    #[test]
    fn attribute_values_are_read_as_markup() {
        let mut reading = Reading::default();
        reading.read(br#"<a href="tel:+15055550177" title="Maria">call</a>"#);
        assert_eq!(reading.text.words, b" call ");
        let markup = String::from_utf8(reading.markup.words).unwrap();
        assert!(markup.contains(" title maria "), "{markup}");
        assert!(reading
            .markup
            .digits
            .windows(10)
            .any(|w| w == b"5055550177"));
    }

    #[test]
    fn every_ascii_byte_reads_as_its_character() {
        for byte in 0u8..128 {
            let (mut plain, mut decoded) = (Stream::default(), Stream::default());
            plain.clear();
            decoded.clear();
            if plain.push_plain(byte) {
                decoded.push(byte as char);
                assert_eq!(plain.words, decoded.words, "{byte}");
                assert_eq!(plain.digits, decoded.digits, "{byte}");
            }
        }
    }

    #[test]
    fn digits_join_across_phone_marks_only() {
        assert_eq!(digits("(505) 555-0177 ext. 12"), " 5055550177 12 ");
        assert_eq!(digits("+1 505.555.0177"), " 15055550177 ");
        assert_eq!(digits("9:00-17:00"), " 9 0017 00 ");
    }
}
