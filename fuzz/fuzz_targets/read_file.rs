//! Fuzzes the file readers on arbitrary bytes: the first byte picks `.txt` (even) or
//! `.html` (odd, through the HTML extractor), the rest is the file. Every document read
//! then goes through the whole stage chain and the output record.
#![no_main]

#[path = "../common/check.rs"]
mod check;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    check::tolerate_caught_extractor_panics();
    check::run_file(data);
});
