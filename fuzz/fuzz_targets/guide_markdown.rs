//! Any text as a guide body: render Markdown with link checking. Must never
//! panic.
#![no_main]

use haven::hub::markdown::{render, Context, LinkTargets};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let context = Context { base_dir: "guides", top_heading_level: 2 };
    let _ = render(text, context, &LinkTargets::default());
});
