//! Conflict profiles: what claimex knows of one conflict, as data (`profiles/*.json`).
//!
//! A profile names the words that signal a side ("russian-backed" -> separatist), the
//! countries whose bare name says less about where a figure belongs than a town in reach
//! ("in Ukraine"), and a gazetteer of places (a town within its region within a part of
//! the country). The built-in `default` profile knows no particular conflict: nationality
//! and group words as sides, no whole countries, no gazetteer. A profile may `extend`
//! another (the `ukraine` profile extends `default`); its entries are added to the
//! parent's. No conflict knowledge lives in code.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, LazyLock};

/// The profiles compiled into the binary, by name.
const BUILT_IN: &[(&str, &str)] = &[
    ("default", include_str!("../profiles/default.json")),
    ("ukraine", include_str!("../profiles/ukraine.json")),
];

/// How exactly a region places a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// A country or a continent: says nothing about which incident.
    Country,
    /// A part of a country ("eastern Ukraine", "Donbas", "the border").
    Part,
    /// A first-level region, or a city that shares its region's name ("Kharkiv").
    Oblast,
    /// A town or village; also any place name the gazetteer does not hold.
    Town,
}

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Region {
    /// The name keys print.
    pub name: String,
    /// How exactly it places a claim.
    pub level: Level,
    /// Lower-case terms that name it.
    pub terms: Vec<String>,
    /// The regions it lies in directly.
    #[serde(default)]
    pub within: Vec<String>,
}

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
    whole_countries: Vec<String>,
    #[serde(default)]
    regions: Vec<Region>,
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
    /// Lower-case names of countries too wide to place a figure when a narrower place is
    /// in reach.
    pub whole_countries: Vec<String>,
    /// The gazetteer, parents' entries first.
    pub regions: Vec<Region>,
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
                whole_countries: Vec::new(),
                regions: Vec::new(),
            },
        };
        profile.name = file.name;
        profile.description = file.description;
        profile.sides.extend(file.sides);
        profile.whole_countries.extend(file.whole_countries);
        profile.regions.extend(file.regions);
        Ok(profile)
    }

    /// The side a lower-case word signals.
    pub fn side_of(&self, lower: &str) -> Option<&str> {
        self.sides.get(lower).map(String::as_str)
    }

    /// Whether a lower-case place name is one of the profile's whole countries.
    pub fn is_whole_country(&self, lower: &str) -> bool {
        self.whole_countries.iter().any(|c| c == lower)
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
    fn default_knows_no_war_and_ukraine_extends_it() {
        let default = Profile::load("default").unwrap();
        assert!(default.regions.is_empty() && default.whole_countries.is_empty());
        assert_eq!(default.side_of("israeli"), Some("Israeli"));
        assert_eq!(default.side_of("separatists"), None);
        let ukraine = Profile::load("ukraine").unwrap();
        assert_eq!(ukraine.side_of("israeli"), Some("Israeli"));
        assert_eq!(ukraine.side_of("pro-russian"), Some("separatist"));
        assert!(ukraine.is_whole_country("ukraine"));
        assert!(ukraine.regions.iter().any(|r| r.name == "bucha" && r.within == ["kyiv"]));
    }

    #[test]
    fn unknown_profile_names_the_built_ins() {
        let message = Profile::load("sudan-nowhere").unwrap_err().to_string();
        assert!(message.contains("default, ukraine"), "{message}");
    }
}
