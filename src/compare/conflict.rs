//! What compare knows of a conflict: a [`Profile`] made ready for keying claims. Its
//! gazetteer's regions are indexed with their level and every region that contains them
//! (Olenivka is in Donetsk oblast, in Donbas, in eastern and in southeastern Ukraine),
//! its region terms compiled into patterns, and its side words mapped to side keys (the
//! profile's side names in lower case: "Russian" -> `russian`).
//!
//! A place the gazetteer does not hold is compared by name, as a town; under the
//! `default` profile, which holds no gazetteer, every place is.

use crate::profile::{Level, Profile, Region};
use regex::Regex;
use serde::{Serialize, Serializer};
use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, LazyLock};

/// Prepositions that make a following region term the claim's place.
static LOCATIVES: LazyLock<Vec<&str>> = crate::words!("en/compare/locatives.txt");

/// A region as a key holds it: its name and what the gazetteer knows of it. Two places
/// are equal when their names are.
#[derive(Debug, Clone)]
pub struct Place {
    /// The name keys print ("chasiv yar").
    pub name: String,
    /// How exactly it places a claim; a town when the gazetteer does not hold it.
    pub level: Level,
    /// The regions that contain it, directly or not.
    containers: Arc<BTreeSet<String>>,
}

impl Place {
    /// Whether this place is `outer` or lies in it.
    pub fn within(&self, outer: &Place) -> bool {
        self.name == outer.name || self.containers.contains(&outer.name)
    }

    /// Whether this place lies in `outer` and `outer` is an oblast or finer.
    pub fn closely_within(&self, outer: &Place) -> bool {
        self.within(outer) && outer.level >= Level::Oblast
    }
}

impl PartialEq for Place {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Place {}

impl Hash for Place {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

impl PartialOrd for Place {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Place {
    fn cmp(&self, other: &Self) -> Ordering {
        self.name.cmp(&other.name)
    }
}

impl Serialize for Place {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.name)
    }
}

/// Region term patterns: anywhere, and after a locative preposition.
struct TermPatterns {
    /// A region term anywhere.
    anywhere: Regex,
    /// A region term after a locative preposition and at most two more words.
    located: Regex,
}

/// A profile made ready for keying claims (see the module documentation).
pub struct Conflict {
    regions: Vec<Region>,
    places: HashMap<String, Place>,
    patterns: Option<TermPatterns>,
    sides: HashMap<String, String>,
    subjects: BTreeMap<String, String>,
}

impl Conflict {
    /// Indexes a profile.
    pub fn new(profile: &Profile) -> Self {
        Conflict {
            places: index_places(&profile.regions),
            patterns: term_patterns(&profile.regions),
            regions: profile.regions.clone(),
            sides: profile.sides.iter().map(|(word, side)| (word.clone(), side.to_lowercase())).collect(),
            subjects: profile.subjects.clone(),
        }
    }

    /// The place of a region name: the gazetteer's entry, else a town of that name.
    pub fn place(&self, name: &str) -> Place {
        self.places.get(name).cloned().unwrap_or_else(|| Place {
            name: name.to_string(),
            level: Level::Town,
            containers: Arc::default(),
        })
    }

    /// The side key a lower-case word signals.
    pub fn side_of_word(&self, lower: &str) -> Option<&str> {
        self.sides.get(lower).map(String::as_str)
    }

    /// The subject class the profile gives a lower-case word ("ukrainians" -> people).
    pub fn subject_class_of(&self, lower: &str) -> Option<&str> {
        self.subjects.get(lower).map(String::as_str)
    }

    /// The most exact region a stated place names: a gazetteer term, else the last
    /// proper name in it ("the town of Nova Kakhovka" -> `nova kakhovka`), else none
    /// ("the southern Ukrainian city").
    pub fn place_region(&self, place: &str) -> Option<Place> {
        let named = self.patterns.as_ref().and_then(|p| self.best_region(&p.anywhere, place));
        named.or_else(|| self.last_name(place).map(|name| self.place(&name)))
    }

    /// The most exact region a sentence introduces with a locative preposition ("in",
    /// "near", "along"...).
    pub fn sentence_region(&self, sentence: &str) -> Option<Place> {
        self.patterns.as_ref().and_then(|p| self.best_region(&p.located, sentence))
    }

    /// The most exact region among the terms a pattern finds: the highest level, then
    /// the most containers, then the earlier in the gazetteer.
    fn best_region(&self, pattern: &Regex, text: &str) -> Option<Place> {
        let found: BTreeSet<String> =
            pattern.captures_iter(text).filter_map(|c| c.get(1)).map(|m| m.as_str().to_lowercase()).collect();
        self.regions
            .iter()
            .enumerate()
            .filter(|(_, r)| r.terms.iter().any(|t| found.contains(t)))
            .map(|(index, r)| (index, self.place(&r.name)))
            .max_by_key(|(index, place)| (place.level, place.containers.len(), Reverse(*index)))
            .map(|(_, place)| place)
    }

    /// The last run of capitalised words in a place that are not sides, "the" or a
    /// locative, in lower case.
    fn last_name(&self, place: &str) -> Option<String> {
        let mut runs: Vec<Vec<String>> = Vec::new();
        let mut in_run = false;
        for word in place.split_whitespace() {
            let lower = word.to_lowercase();
            let is_name = word.starts_with(char::is_uppercase)
                && self.side_of(word).is_none()
                && lower != "the"
                && !LOCATIVES.contains(&lower.as_str());
            match (is_name, in_run) {
                (true, true) => runs.last_mut().into_iter().for_each(|run| run.extend(words(word))),
                (true, false) => runs.push(words(word)),
                (false, _) => {}
            }
            in_run = is_name;
        }
        runs.pop().filter(|run| !run.is_empty()).map(|run| run.join(" "))
    }

    /// The side key of the first side word in a phrase.
    pub fn side_of(&self, text: &str) -> Option<String> {
        words(text).iter().find_map(|w| self.side_of_word(w)).map(str::to_string)
    }
}

/// Lowercase words of a phrase, trimmed of punctuation (hyphens and apostrophes kept).
pub fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’')
                .replace('’', "'")
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Every region by name, with its level and the regions that contain it.
fn index_places(regions: &[Region]) -> HashMap<String, Place> {
    let direct = |name: &str| -> Vec<&str> {
        regions.iter().filter(|r| r.name == name).flat_map(|r| r.within.iter().map(String::as_str)).collect()
    };
    regions
        .iter()
        .map(|region| {
            let mut containers = BTreeSet::new();
            let mut pending = direct(&region.name);
            while let Some(next) = pending.pop() {
                if containers.insert(next.to_string()) {
                    pending.extend(direct(next));
                }
            }
            let place = Place { name: region.name.clone(), level: region.level, containers: Arc::new(containers) };
            (region.name.clone(), place)
        })
        .collect()
}

/// The region term patterns; none for a profile without a gazetteer.
fn term_patterns(regions: &[Region]) -> Option<TermPatterns> {
    let mut terms: Vec<&str> = regions.iter().flat_map(|r| r.terms.iter().map(String::as_str)).collect();
    if terms.is_empty() {
        return None;
    }
    terms.sort_by_key(|t| Reverse(t.len()));
    let alternation = terms.iter().map(|t| regex::escape(t)).collect::<Vec<_>>().join("|");
    let locatives = LOCATIVES.join("|");
    Some(TermPatterns {
        anywhere: Regex::new(&format!(r"(?i)\b({alternation})\b")).expect("region terms form a regex"),
        located: Regex::new(&format!(r"(?i)\b(?:{locatives})\s+(?:[\w’'-]+\s+){{0,2}}?({alternation})\b"))
            .expect("locative pattern forms a regex"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ukraine() -> Conflict {
        Conflict::new(&Profile::load("ukraine").unwrap())
    }

    fn name(place: Option<Place>) -> Option<String> {
        place.map(|p| p.name)
    }

    #[test]
    fn regions_need_a_locative_in_the_sentence_but_not_in_the_place() {
        let conflict = ukraine();
        assert_eq!(
            name(conflict.sentence_region("according to Kiev, it has caused the death of 14,000 people.")),
            None
        );
        assert_eq!(
            name(conflict.sentence_region("almost 100,000 Russian soldiers near the Ukrainian border")).as_deref(),
            Some("border")
        );
        assert_eq!(name(conflict.place_region("in eastern-Ukraine")).as_deref(), Some("eastern ukraine"));
        assert_eq!(name(conflict.place_region("in the village of Zolote")).as_deref(), Some("zolote"));
        assert_eq!(name(conflict.place_region("In the town of Nova Kakhovka")).as_deref(), Some("nova kakhovka"));
        assert_eq!(name(conflict.place_region("in the southern Ukrainian city")), None);
    }

    #[test]
    fn gazetteer_regions_nest_and_the_most_exact_wins() {
        let conflict = ukraine();
        let place = |name: &str| conflict.place(name);
        assert_eq!(
            name(conflict.place_region("in the city of Vinnytsia, in central Ukraine")).as_deref(),
            Some("vinnytsia")
        );
        assert_eq!(name(conflict.place_region("on the borders of Ukraine")).as_deref(), Some("border"));
        assert!(
            place("olenivka").within(&place("southeastern ukraine")) && place("olenivka").within(&place("ukraine"))
        );
        assert!(!place("olenivka").within(&place("central ukraine")));
        assert!(place("nova kakhovka").closely_within(&place("kherson")));
        assert!(!place("vinnytsia").closely_within(&place("central ukraine")));
    }

    #[test]
    fn the_default_profile_compares_places_by_name_alone() {
        let conflict = Conflict::new(&Profile::load("default").unwrap());
        assert_eq!(name(conflict.place_region("in eastern Ukraine")).as_deref(), Some("ukraine"));
        assert_eq!(name(conflict.sentence_region("fighting in Donetsk killed 5")), None);
        assert!(!conflict.place("bucha").within(&conflict.place("kyiv")));
    }

    #[test]
    fn side_keys_are_the_profiles_side_names_in_lower_case() {
        let conflict = ukraine();
        assert_eq!(conflict.side_of("Russian soldiers").as_deref(), Some("russian"));
        assert_eq!(conflict.side_of("Kremlin").as_deref(), Some("russian"));
        assert_eq!(conflict.side_of("pro-Russian rebels").as_deref(), Some("separatist"));
        assert_eq!(Conflict::new(&Profile::load("default").unwrap()).side_of("rebels"), None);
    }
}
