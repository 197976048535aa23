//! "A32" numbers: variable-length integers written as characters that need
//! no escaping in a JavaScript string. Each character carries 5 bits; the
//! first 32 characters of [`ALPHABET`] end a number, the last 32 continue
//! it. Symbols line up with values, so gzip models the streams well
//! (docs/search.md).

pub const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789ghijklmnopqrstuvwxyz-_";

/// Appends `value`, lowest 5 bits first.
pub fn push(out: &mut String, mut value: u32) {
    while value >= 32 {
        out.push(ALPHABET[32 + (value & 31) as usize] as char);
        value >>= 5;
    }
    out.push(ALPHABET[value as usize] as char);
}

pub fn encode(values: impl IntoIterator<Item = u32>) -> String {
    let mut out = String::new();
    for value in values {
        push(&mut out, value);
    }
    out
}

/// Reads every number of `text` back; for tests (the browser has its own).
pub fn decode(text: &str) -> Option<Vec<u32>> {
    let mut values = Vec::new();
    let (mut value, mut shift) = (0u32, 0u32);
    for byte in text.bytes() {
        let digit = ALPHABET.iter().position(|&a| a == byte)? as u32;
        value |= (digit & 31) << shift;
        if digit < 32 {
            values.push(value);
            value = 0;
            shift = 0;
        } else {
            shift += 5;
        }
    }
    (shift == 0).then_some(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        let numbers = [0, 1, 31, 32, 33, 1023, 1024, 65_535, 4_000_000_000];
        assert_eq!(decode(&encode(numbers)), Some(numbers.to_vec()));
    }

    #[test]
    fn small_numbers_take_one_character() {
        assert_eq!(encode([0, 5, 31]), "AFf");
    }
}
