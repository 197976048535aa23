//! Hostile shapes: the fuzzer's bytes say how often a short piece is
//! repeated (up to 65,535 times), making deep nesting, long runs of keys
//! and repeated headings, read as a partner record and as a guide. Must
//! never panic nor overflow the stack.
#![no_main]

use std::path::Path;

use haven::hub::markdown::{render, Context, LinkTargets};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [high, low, piece @ ..] = data else { return };
    let Ok(piece) = std::str::from_utf8(piece) else { return };
    let repeats = usize::from(u16::from_be_bytes([*high, *low]));
    let text = piece.repeat(repeats);
    let path = Path::new("partners/fuzz.yaml");
    if haven::hub::yaml::parse::<haven::hub::record::PartnerRecord>(&text, path, 0).is_err() {
        let _ = haven::pipeline::load::structure::partner_errors(&text, path);
    }
    let context = Context { base_dir: "guides", top_heading_level: 2 };
    let _ = render(&text, context, &LinkTargets::default());
});
