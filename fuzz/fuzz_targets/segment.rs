//! Fuzzes the stage chain up to `segment` on arbitrary UTF-8 text and checks every
//! layer's offsets (in bounds, on character boundaries).
#![no_main]

#[path = "../common/check.rs"]
mod check;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        check::run_text(text, claimex::doc::Meta::default(), check::Stage::Segment);
    }
});
