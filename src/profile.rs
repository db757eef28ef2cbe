//! Conflict profiles: what claimex knows of one conflict, as data (`profiles/*.json`).
//!
//! A profile names the words that signal a side ("russian-backed" -> separatist) and
//! subject words of its own ("ukrainians" count people). The built-in `default` profile
//! knows no particular conflict: nationality and group words as sides. A profile may
//! `extend` another (the `ukraine` profile extends `default`); its entries are added to
//! the parent's. No conflict knowledge lives in code, and no profile holds places:
//! places come from GeoNames for every country ([`crate::geo`]).

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, LazyLock};

/// The profiles compiled into the binary, by name.
const BUILT_IN: &[(&str, &str)] =
    &[("default", include_str!("../profiles/default.json")), ("ukraine", include_str!("../profiles/ukraine.json"))];

/// A profile as written in its file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    name: String,
    #[serde(default)]
    extends: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    sides: BTreeMap<String, String>,
    #[serde(default)]
    subjects: BTreeMap<String, String>,
}

/// What claimex knows of one conflict, with its parents' entries merged in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// The profile's name ("default", "ukraine").
    pub name: String,
    /// What it covers.
    pub description: String,
    /// Lower-case words that signal a side, and the side's name as output ("Russian").
    pub sides: BTreeMap<String, String>,
    /// Lower-case subject words the conflict counts as a subject class in compare
    /// ("ukrainians" -> people), beside the language's own (`lexicon/en/compare`).
    pub subjects: BTreeMap<String, String>,
}

/// Why a profile could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// Neither a built-in name nor a readable file.
    #[error("no profile {0:?}: give a built-in name ({names}) or a path to a profile JSON file", names = built_in_names())]
    Unknown(String),
    /// The file could not be read.
    #[error("profile {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a valid profile.
    #[error("profile {name}: {source}")]
    Invalid {
        /// The profile's name or path.
        name: String,
        /// The cause.
        source: serde_json::Error,
    },
    /// A profile extends itself, directly or not.
    #[error("profile {0}: extends itself")]
    Cycle(String),
}

/// The names of the built-in profiles, comma separated.
pub fn built_in_names() -> String {
    BUILT_IN.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(", ")
}

/// The built-in default profile, parsed once.
pub fn default_profile() -> Arc<Profile> {
    static DEFAULT: LazyLock<Arc<Profile>> =
        LazyLock::new(|| Arc::new(Profile::load("default").expect("the built-in default profile is valid")));
    DEFAULT.clone()
}

impl Profile {
    /// Loads a built-in profile by name, or a profile file by path.
    pub fn load(name_or_path: &str) -> Result<Profile, ProfileError> {
        Self::load_within(name_or_path, &mut Vec::new())
    }

    fn load_within(name_or_path: &str, seen: &mut Vec<String>) -> Result<Profile, ProfileError> {
        if seen.iter().any(|s| s == name_or_path) {
            return Err(ProfileError::Cycle(name_or_path.to_string()));
        }
        seen.push(name_or_path.to_string());
        let file = parse(name_or_path)?;
        let mut profile = match &file.extends {
            Some(parent) => Self::load_within(parent, seen)?,
            None => Profile {
                name: String::new(),
                description: String::new(),
                sides: BTreeMap::new(),
                subjects: BTreeMap::new(),
            },
        };
        profile.name = file.name;
        profile.description = file.description;
        profile.sides.extend(file.sides);
        profile.subjects.extend(file.subjects);
        Ok(profile)
    }

    /// The side a lower-case word signals.
    pub fn side_of(&self, lower: &str) -> Option<&str> {
        self.sides.get(lower).map(String::as_str)
    }
}

fn parse(name_or_path: &str) -> Result<ProfileFile, ProfileError> {
    let text = match BUILT_IN.iter().find(|(name, _)| *name == name_or_path) {
        Some((_, text)) => text.to_string(),
        None if Path::new(name_or_path).is_file() => std::fs::read_to_string(name_or_path)
            .map_err(|source| ProfileError::Read { path: name_or_path.to_string(), source })?,
        None => return Err(ProfileError::Unknown(name_or_path.to_string())),
    };
    serde_json::from_str(&text).map_err(|source| ProfileError::Invalid { name: name_or_path.to_string(), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_profiles_load() {
        for (name, _) in BUILT_IN {
            let profile = Profile::load(name).unwrap();
            assert_eq!(&profile.name, name);
        }
    }

    #[test]
    fn ukraine_extends_the_default_sides() {
        let default = Profile::load("default").unwrap();
        assert_eq!(default.side_of("israeli"), Some("Israeli"));
        assert_eq!(default.side_of("separatists"), None);
        let ukraine = Profile::load("ukraine").unwrap();
        assert_eq!(ukraine.side_of("israeli"), Some("Israeli"));
        assert_eq!(ukraine.side_of("pro-russian"), Some("separatist"));
    }

    #[test]
    fn unknown_profile_names_the_built_ins() {
        let message = Profile::load("sudan-nowhere").unwrap_err().to_string();
        assert!(message.contains("default, ukraine"), "{message}");
    }
}
