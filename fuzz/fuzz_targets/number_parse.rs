//! Fuzzes `numbers::find` and `numbers::parse` on arbitrary UTF-8 text and checks that
//! every range found is in bounds and on character boundaries.
#![no_main]

#[path = "../common/check.rs"]
mod check;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        check::run_numbers(text);
    }
});
