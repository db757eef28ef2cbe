//! The model recipes (`models/recipes`) and the runtime share one definition of the NER
//! case feature: the library's `CaseClass::of` and the recipe package, which asks the
//! binary (`claimex case-classes`), both give every row of one table of words with
//! brackets, hyphens and quotes (`models/recipes/tests/case_classes.tsv`). The recipe
//! package's tests run here too, among them its document-context packing on the layout
//! table `src/tagger.rs` is checked on (`models/recipes/tests/context_layouts.tsv`).

use std::path::Path;
use std::process::Command;

const TABLE: &str = "models/recipes/tests/case_classes.tsv";

/// The (word, class) rows of the table.
fn table() -> Vec<(String, i64)> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(TABLE)).expect("the table");
    let rows: Vec<(String, i64)> = text
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| {
            let (word, class) = line.split_once('\t').unwrap_or_else(|| panic!("{TABLE}: no tab in {line:?}"));
            (word.to_string(), class.parse().unwrap_or_else(|_| panic!("{TABLE}: bad class in {line:?}")))
        })
        .collect();
    assert!(rows.len() > 20, "{TABLE} holds {} rows", rows.len());
    rows
}

#[test]
fn the_library_gives_every_class_of_the_table() {
    let wrong: Vec<(String, i64, i64)> = table()
        .into_iter()
        .map(|(word, class)| {
            let got = claimex::tokens::CaseClass::of(&word).id();
            (word, class, got)
        })
        .filter(|(_, class, got)| class != got)
        .collect();
    assert!(wrong.is_empty(), "(word, table, library): {wrong:?}");
}

#[test]
fn the_recipe_package_gives_every_class_of_the_table_through_the_binary() {
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let output = Command::new(&python)
        .args(["-m", "unittest", "discover", "-s", "models/recipes/tests", "-v"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PYTHONPATH", "models/recipes")
        .env("CLAIMEX_BIN", env!("CARGO_BIN_EXE_claimex"))
        .output()
        .unwrap_or_else(|e| panic!("{python} (the recipe check needs Python 3): {e}"));
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{log}");
    assert!(log.contains("Ran 5 tests"), "{log}");
}
