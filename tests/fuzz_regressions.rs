//! Replays the regression folder `tests/fuzz_inputs/` (the fuzz seeds and every input the
//! fuzzers ever crashed on) through the same stage chains and offset checks as the
//! cargo-fuzz targets (`fuzz/common/check.rs`, shared with them): no panic, and every span
//! of every layer in bounds and on character boundaries. See `fuzz/run.sh`.
//!
//! Each input goes through every target: the JSONL reader and the file reader (first byte
//! even: `.txt`, odd: `.html`), then the whole chain on each document read; and, when it
//! is UTF-8, the whole chain on it as one plain-text document (checking offsets after each
//! stage) and the number finder and parser.

#[path = "../fuzz/common/check.rs"]
mod check;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Runs every target on `data`; the panic message when one fails.
fn replay(data: &[u8]) -> Result<(), String> {
    catch_unwind(AssertUnwindSafe(|| {
        check::run_jsonl(data);
        check::run_file(data);
        if let Ok(text) = std::str::from_utf8(data) {
            check::run_text(text, claimex::doc::Meta::default(), check::Stage::Claims);
            check::run_numbers(text);
        }
    }))
    .map_err(|panic| {
        panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into())
    })
}

/// The regression folder: the fuzz seeds and every crash input, replayed in `make test`.
const REGRESSIONS: &str = "tests/fuzz_inputs";

/// The files of a directory of this crate, sorted; panics when it cannot be read.
fn files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut files: Vec<PathBuf> =
        entries.map(|e| e.expect("a readable entry").path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

#[test]
fn the_regression_folder_replays_cleanly() {
    let files = files(REGRESSIONS);
    assert!(files.len() >= 10, "{REGRESSIONS} holds {} files: the fuzz seeds belong there", files.len());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let data = std::fs::read(path).expect("readable fuzz input");
            replay(&data).err().map(|message| format!("{}: {message}", path.display()))
        })
        .collect();
    assert!(failures.is_empty(), "{} of {} inputs failed:\n{}", failures.len(), files.len(), failures.join("\n"));
}

#[test]
fn edge_inputs_replay_cleanly() {
    let inputs: &[&[u8]] = &[
        b"",
        b" ",
        b"\n\n\n",
        b"{}",
        b"{\"text\":\"\xe2\x80\x9c\"}",
        "\u{201c}".as_bytes(),
        "\u{feff}date 2022-02-24".as_bytes(),
        "1\u{a0}000 people were killed.".as_bytes(),
        "\u{2019}\u{2019}\u{2019}. \u{201d}. \u{2014}".as_bytes(),
    ];
    for data in inputs {
        if let Err(message) = replay(data) {
            panic!("{:?}: {message}", String::from_utf8_lossy(data));
        }
    }
}
