//! README's sample outputs are what the commands print: `scripts/readme_samples.sh
//! --check` reruns every command behind a `<!-- sample: NAME -->` block and diffs.

use std::process::Command;

mod common;

#[test]
fn readme_samples_are_what_the_commands_print() {
    let root = env!("CARGO_MANIFEST_DIR");
    common::shared("data/corpora/ukraine-2022.jsonl");
    let run = Command::new("bash")
        .arg("scripts/readme_samples.sh")
        .arg("--check")
        .current_dir(root)
        .env("CLAIMEX", env!("CARGO_BIN_EXE_claimex"))
        .env("SHARED", common::shared(""))
        .output()
        .expect("bash runs");
    assert!(
        run.status.success(),
        "README samples differ from the commands' output (run `make readme`):\n{}\n{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    assert!(readme.matches("<!-- sample: ").count() >= 3, "the samples are marked");
}
