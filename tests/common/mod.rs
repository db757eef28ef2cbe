//! Helpers shared by the integration tests (`mod common;` in each test file).

use std::path::{Path, PathBuf};

/// The path of `relative` inside the shared data directory `../shared` beside this
/// repository. Panics, naming the path, when it is absent: CI always has the shared data,
/// and a test that needs it must fail without it, never pass or skip.
pub fn shared(relative: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared").join(relative);
    assert!(path.exists(), "{} is missing: the shared data (../shared) must sit beside the repository", path.display());
    path
}
