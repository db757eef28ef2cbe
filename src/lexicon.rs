//! Word lists as data: every lexicon lives in a file under `lexicon/<language>/<stage>/`,
//! is compiled into the binary with `include_str!`, and is parsed once on first use.
//!
//! File format (UTF-8, one entry a line):
//! - a line starting with `#` is a comment; blank lines are ignored;
//! - a **word list** (`*.txt`) holds one entry a line (an entry may hold spaces:
//!   "according to");
//! - a **table** (`*.tsv`) holds a key, a tab, and a value ("shot dead\tkilled").
//!
//! Keys are written in the form the stage matches them (lower case unless the stage
//! matches case). `lexicon/en/DISJOINT` (a table without extension) names pairs of files that must share no entry (a
//! word cannot be both a cue of speech and a casualty verb); the tests in this module
//! fail on a duplicate entry, a key with two values, or a shared entry in a disjoint pair.
//!
//! Use [`words!`](crate::words) and [`table!`](crate::table) to declare a lexicon:
//!
//! ```ignore
//! static AUXILIARIES: LazyLock<Vec<&str>> = words!("en/claims/auxiliaries.txt");
//! ```

/// The entries of a word list file: trimmed lines, comments and blanks left out.
pub fn parse_words(text: &'static str) -> Vec<&'static str> {
    entries(text).collect()
}

/// The rows of a table file: key and value split at the first tab, both trimmed.
///
/// # Panics
/// On a row without a tab: a lexicon file is part of the source code, and a malformed
/// one is a build defect the tests catch.
pub fn parse_table(text: &'static str) -> Vec<(&'static str, &'static str)> {
    entries(text)
        .map(|line| {
            let (key, value) = line.split_once('\t').unwrap_or_else(|| panic!("lexicon row without a tab: {line:?}"));
            (key.trim(), value.trim())
        })
        .collect()
}

fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// A word list from `lexicon/<path>`, parsed on first use: `LazyLock<Vec<&'static str>>`.
#[macro_export]
macro_rules! words {
    ($path:literal) => {
        std::sync::LazyLock::new(|| {
            $crate::lexicon::parse_words(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/lexicon/", $path)))
        })
    };
}

/// A phrase list from `lexicon/<path>`, each phrase split into its words at single
/// spaces, parsed on first use: `LazyLock<Vec<Vec<&'static str>>>`.
#[macro_export]
macro_rules! phrases {
    ($path:literal) => {
        std::sync::LazyLock::new(|| {
            let text = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/lexicon/", $path));
            $crate::lexicon::parse_words(text).into_iter().map(|p| p.split(' ').collect()).collect()
        })
    };
}

/// A key/value table from `lexicon/<path>`, parsed on first use:
/// `LazyLock<Vec<(&'static str, &'static str)>>`.
#[macro_export]
macro_rules! table {
    ($path:literal) => {
        std::sync::LazyLock::new(|| {
            $crate::lexicon::parse_table(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/lexicon/", $path)))
        })
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::{Path, PathBuf};

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicon")
    }

    /// Every lexicon file, relative to `lexicon/`.
    fn files() -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut pending = vec![root()];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).expect("lexicon directory readable") {
                let path = entry.expect("lexicon entry").path();
                if path.is_dir() {
                    pending.push(path);
                } else if matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "tsv")) {
                    out.push(path.strip_prefix(root()).expect("under root").to_path_buf());
                }
            }
        }
        out.sort();
        out
    }

    fn read(relative: &Path) -> &'static str {
        Box::leak(std::fs::read_to_string(root().join(relative)).expect("lexicon file readable").into_boxed_str())
    }

    /// The entries of a file: the words of a list, the keys of a table.
    fn keys(relative: &Path) -> Vec<&'static str> {
        let text = read(relative);
        if relative.extension().is_some_and(|e| e == "tsv") {
            parse_table(text).into_iter().map(|(key, _)| key).collect()
        } else {
            parse_words(text)
        }
    }

    #[test]
    fn lexicons_exist() {
        assert!(files().len() >= 10, "expected the stages' lexicons under lexicon/, found {:?}", files());
    }

    #[test]
    fn no_list_repeats_an_entry() {
        for file in files() {
            let mut seen = BTreeSet::new();
            let repeated: Vec<_> = keys(&file).into_iter().filter(|k| !seen.insert(*k)).collect();
            assert!(repeated.is_empty(), "{} repeats {repeated:?}", file.display());
        }
    }

    #[test]
    fn no_table_gives_a_key_two_values() {
        for file in files().into_iter().filter(|f| f.extension().is_some_and(|e| e == "tsv")) {
            let mut values: BTreeMap<&str, &str> = BTreeMap::new();
            for (key, value) in parse_table(read(&file)) {
                let earlier = values.insert(key, value);
                assert!(
                    earlier.is_none_or(|v| v == value),
                    "{}: {key:?} is both {:?} and {value:?}",
                    file.display(),
                    earlier.unwrap_or_default()
                );
            }
        }
    }

    #[test]
    fn disjoint_lists_share_no_entry() {
        let rules = parse_table(read(Path::new("en/DISJOINT")));
        assert!(!rules.is_empty(), "lexicon/en/DISJOINT names no pair");
        for (a, b) in rules {
            let (a, b) = (Path::new("en").join(a), Path::new("en").join(b));
            let left: BTreeSet<_> = keys(&a).into_iter().collect();
            let shared: Vec<_> = keys(&b).into_iter().filter(|k| left.contains(k)).collect();
            assert!(shared.is_empty(), "{} and {} both list {shared:?}", a.display(), b.display());
        }
    }

    #[test]
    fn parsing_skips_comments_and_splits_rows() {
        assert_eq!(parse_words("# note\nsaid\n\n according to \n"), vec!["said", "according to"]);
        assert_eq!(
            parse_table("shot dead\tkilled\n# x\nhurt\twounded"),
            vec![("shot dead", "killed"), ("hurt", "wounded")]
        );
    }
}
