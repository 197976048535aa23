//! Any bytes as a partner record: parse, collect every shape error, locate
//! fields. Must never panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("partners/fuzz.yaml");
    if haven::hub::yaml::parse::<haven::hub::record::PartnerRecord>(text, path, 0).is_err() {
        let _ = haven::pipeline::load::structure::partner_errors(text, path);
    }
    let locator = haven::hub::yaml::Locator::new(text, 0);
    let _ = locator.find("services[0].phones[0]");
});
