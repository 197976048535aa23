//! A deterministic mutation fuzzer that runs with the tests: thousands of
//! damaged copies of real records and guides go through load, validate,
//! model and render, and none may panic. (`fuzz/` has coverage-guided
//! targets for longer runs.)

mod common;

use std::fs;

use haven::{BuildError, BuildPlan};

use common::*;

/// xorshift64*: small, seedable, the same sequence on every machine.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SNIPPETS: &[&str] = &[
    ":",
    "- ",
    "  ",
    "\t",
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!binary ",
    "---\n",
    "#",
    "\n",
    "9:00",
    "24/7",
    "null",
    "~",
    "yes",
    "0x1F",
    "1e999",
    "<script>",
    "](javascript:x)",
    "[x](../partners/",
    "é",
    "\u{feff}",
    "\u{0}",
    "%",
    "||",
    "- [ ] ",
    "# H\n",
    "\\",
    "&amp;",
];

fn mutate(text: &str, random: &mut Random) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..1 + random.below(4) {
        let at = random.below(bytes.len() + 1);
        match random.below(4) {
            0 => {
                let snippet = SNIPPETS[random.below(SNIPPETS.len())];
                bytes.splice(at..at, snippet.bytes());
            }
            1 if !bytes.is_empty() => {
                let end = (at + 1 + random.below(40)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            2 if !bytes.is_empty() => {
                let index = at.min(bytes.len() - 1);
                bytes[index] = (random.next() & 0xff) as u8;
            }
            _ => {
                let start = random.below(bytes.len());
                let end = (start + random.below(80)).min(bytes.len());
                let copy = bytes[start..end].to_vec();
                bytes.splice(at..at, copy);
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

const ROUNDS: usize = 120;

const PARTNER: &str = "partners/casa-de-refugio-riverbend.yaml";
const GUIDE: &str = "guides/making-a-referral.md";

/// The example site's record and guide that the rounds damage.
fn originals() -> (String, String) {
    let read = |file: &str| fs::read_to_string(example_site().join(file)).expect("example file");
    (read(PARTNER), read(GUIDE))
}

/// Writes a damaged copy of the record and the guide into `hub`.
fn damage(hub: &std::path::Path, (partner, guide): (&str, &str), random: &mut Random) {
    fs::write(hub.join(PARTNER), mutate(partner, random)).expect("write");
    fs::write(hub.join(GUIDE), mutate(guide, random)).expect("write");
}

#[test]
fn damaged_records_and_guides_never_panic() {
    let (partner, guide) = originals();
    let mut random = Random(0x5eed_1234_abcd_ef01);
    let hub = copy_of_example_site();
    let mut built = 0;
    for round in 0..ROUNDS {
        damage(hub.path(), (&partner, &guide), &mut random);
        let output = tempfile::tempdir().expect("tempdir");
        let plan = BuildPlan {
            output: output.path().join("public"),
            // What is looked at is whether the pages render.
            minify: Some(false),
            today: today(),
            ..BuildPlan::new(hub.path())
        };
        let diagnostics = match haven::build(&plan) {
            Ok(_) => Vec::new(),
            Err(BuildError::Content(diagnostics)) => diagnostics,
            Err(error) => panic!("round {round}: the build failed: {error}"),
        };
        if diagnostics.is_empty() {
            built += 1;
        } else {
            assert!(
                diagnostics.iter().any(|d| d.is_error()),
                "round {round}: no site and no error"
            );
            for diagnostic in &diagnostics {
                assert!(
                    !diagnostic.message.is_empty() && diagnostic.help.is_some(),
                    "round {round}: {diagnostic}"
                );
            }
        }
    }
    // Some damage is harmless (a changed letter in prose): both paths run.
    assert!(built > 0 && built < ROUNDS, "built {built} of {ROUNDS}");
}

/// `haven check` passes exactly when `haven build` would, with the same
/// errors, however a record and a guide are damaged.
#[test]
fn check_and_build_agree_on_damaged_records_and_guides() {
    let (partner, guide) = originals();
    let mut random = Random(0xc4ec_b01d_5eed_0002);
    let hub = copy_of_example_site();
    let (mut failed, mut passed) = (0, 0);
    for round in 0..AGREEMENT_ROUNDS {
        damage(hub.path(), (&partner, &guide), &mut random);
        let (checked, built) = check_and_build_errors(hub.path());
        assert_eq!(checked, built, "round {round}");
        if built.is_empty() {
            passed += 1;
        } else {
            failed += 1;
        }
    }
    assert!(passed > 0 && failed > 0, "{passed} passed, {failed} failed");
}

const AGREEMENT_ROUNDS: usize = 24;
