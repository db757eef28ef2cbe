//! Fuzzes the JSONL reader on arbitrary bytes, then runs the whole stage chain (and the
//! output record) on every document it yields, with the metadata it read. Lines with an
//! `html` field go through the HTML extractor.
#![no_main]

#[path = "../common/check.rs"]
mod check;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    check::tolerate_caught_extractor_panics();
    check::run_jsonl(data);
});
