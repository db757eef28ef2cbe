//! What compare knows of a conflict and of places: a [`Profile`]'s side words mapped to
//! side keys (the profile's side names in lower case: "Russian" -> `russian`) and its
//! subject words, and the [`Place`] of each claim from its GeoNames `geo`: a town
//! within its first-level division within its country, for any country, with its
//! coordinates.
//!
//! A claim whose place did not resolve (or an older record without `geo`) is compared
//! by the last proper name of its place phrase, else by a common place noun of it
//! ("border", `lexicon/en/compare/place_nouns.tsv`), as a town that lies in nothing.

use crate::geo::{distance_km, fold};
use crate::profile::Profile;
use crate::schema::{GeoLevel, GeoRecord};
use serde::{Serialize, Serializer};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, LazyLock};

/// Prepositions that open a place phrase; not part of its name.
static LOCATIVES: LazyLock<Vec<&str>> = crate::words!("en/geo/locatives.txt");

/// Words opening a place phrase that name the area around a town ("near Odesa").
static VICINITY_WORDS: LazyLock<Vec<&str>> = crate::words!("en/compare/vicinity_words.txt");

/// Common nouns that place a figure where no proper name does, and their region name.
static PLACE_NOUNS: LazyLock<Vec<(&str, &str)>> = crate::table!("en/compare/place_nouns.tsv");

/// Two towns this close (kilometres) are one neighbourhood for incident evidence.
const NEIGHBOUR_KM: f64 = 15.0;

/// A town of at least this many inhabitants is a city where many incidents happen in a
/// week: naming it alone says less that two reports tell of one incident.
pub const CITY_POPULATION: u64 = 100_000;

/// A region as a key holds it: what it is called, how exact it is, what contains it and
/// where it lies. Two places are equal when their keys are (the GeoNames id of a town,
/// the country and name of a division, the country code of a country, else the name).
#[derive(Debug, Clone)]
pub struct Place {
    /// The name keys print, in lower case ("chasiv yar").
    pub name: String,
    /// How exact it is; a town when GeoNames does not know it.
    pub level: GeoLevel,
    key: String,
    containers: Arc<BTreeSet<String>>,
    coordinates: Option<(f64, f64)>,
    population: Option<u64>,
}

impl Place {
    /// The place of a resolved `geo`.
    pub fn of_geo(geo: &GeoRecord) -> Place {
        let country = format!("country:{}", geo.country);
        let division = geo.admin1.as_ref().map(|name| format!("admin1:{}:{}", geo.country, fold(name)));
        let (key, containers) = match geo.level {
            GeoLevel::Country => (country, BTreeSet::new()),
            GeoLevel::Admin1 => {
                (division.unwrap_or_else(|| format!("admin1:{}:{}", geo.country, fold(&geo.name))), [country].into())
            }
            GeoLevel::City => {
                let key =
                    geo.geonameid.map_or_else(|| format!("name:{}", fold(&geo.name)), |id| format!("geonames:{id}"));
                (key, [Some(country), division].into_iter().flatten().collect())
            }
        };
        Place {
            name: geo.name.to_lowercase(),
            level: geo.level,
            key,
            containers: Arc::new(containers),
            coordinates: Some((geo.lat, geo.lon)),
            population: geo.population,
        }
    }

    /// The area around a resolved town: its first-level division ("near Odesa" may be
    /// any town of Odesa oblast); the place itself when it is no town or its division is
    /// unknown.
    pub fn around_geo(geo: &GeoRecord) -> Place {
        match (&geo.level, &geo.admin1) {
            (GeoLevel::City, Some(division)) => Place::of_geo(&GeoRecord {
                name: division.clone(),
                geonameid: None,
                level: GeoLevel::Admin1,
                population: None,
                ..geo.clone()
            }),
            _ => Place::of_geo(geo),
        }
    }

    /// A place known only by its name, compared as a town that lies in nothing.
    pub fn named(name: &str) -> Place {
        Place {
            name: name.to_string(),
            level: GeoLevel::City,
            key: format!("name:{}", fold(name)),
            containers: Arc::default(),
            coordinates: None,
            population: None,
        }
    }

    /// Whether this place is `outer` or lies in it.
    pub fn within(&self, outer: &Place) -> bool {
        self.key == outer.key || self.containers.contains(&outer.key)
    }

    /// Whether this place lies in `outer` and `outer` is a first-level division or finer.
    pub fn closely_within(&self, outer: &Place) -> bool {
        self.within(outer) && outer.level >= GeoLevel::Admin1
    }

    /// Whether this is a town of at least [`CITY_POPULATION`] inhabitants (unknown
    /// populations are not).
    pub fn is_city(&self) -> bool {
        self.level == GeoLevel::City && self.population.is_some_and(|p| p >= CITY_POPULATION)
    }

    /// Whether both are towns within [`NEIGHBOUR_KM`] of each other.
    pub fn neighbours(&self, other: &Place) -> bool {
        let town = |p: &Place| p.level == GeoLevel::City;
        match (self.coordinates, other.coordinates) {
            (Some(a), Some(b)) if town(self) && town(other) => distance_km(a, b) <= NEIGHBOUR_KM,
            _ => false,
        }
    }
}

impl PartialEq for Place {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for Place {}

impl Hash for Place {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl PartialOrd for Place {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Place {
    fn cmp(&self, other: &Self) -> Ordering {
        (&self.name, &self.key).cmp(&(&other.name, &other.key))
    }
}

impl Serialize for Place {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.name)
    }
}

/// A profile made ready for keying claims (see the module documentation).
pub struct Conflict {
    sides: HashMap<String, String>,
    subjects: BTreeMap<String, String>,
}

impl Conflict {
    /// Indexes a profile.
    pub fn new(profile: &Profile) -> Self {
        Conflict {
            sides: profile.sides.iter().map(|(word, side)| (word.clone(), side.to_lowercase())).collect(),
            subjects: profile.subjects.clone(),
        }
    }

    /// The side key a lower-case word signals.
    pub fn side_of_word(&self, lower: &str) -> Option<&str> {
        self.sides.get(lower).map(String::as_str)
    }

    /// The subject class the profile gives a lower-case word ("ukrainians" -> people).
    pub fn subject_class_of(&self, lower: &str) -> Option<&str> {
        self.subjects.get(lower).map(String::as_str)
    }

    /// The region of a claim: its resolved `geo` (the town's division when the phrase
    /// names the area around it: "near Odesa"), else the last proper name of its place
    /// phrase ("the town of Nova Kakhovka" -> `nova kakhovka`), else a place noun of it
    /// ("near the Ukrainian border" -> `border`), else none ("the southern Ukrainian
    /// city").
    pub fn region(&self, geo: Option<&GeoRecord>, place: Option<&str>) -> Option<Place> {
        let named = || place.and_then(|p| self.last_name(p).or_else(|| place_noun(p)));
        let resolved =
            |geo| if place.is_some_and(names_vicinity) { Place::around_geo(geo) } else { Place::of_geo(geo) };
        geo.map(resolved).or_else(|| named().map(|name| Place::named(&name)))
    }

    /// The last run of capitalised words in a place that are not sides, "the" or a
    /// locative, in lower case; none for a lone initial ("near N. 20th Street" cut at
    /// the initial's period).
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
        let lone_initial = |run: &Vec<String>| run.concat().chars().filter(|c| c.is_alphabetic()).count() < 2;
        runs.pop().filter(|run| !run.is_empty() && !lone_initial(run)).map(|run| run.join(" "))
    }

    /// The side key of the first side word in a phrase.
    pub fn side_of(&self, text: &str) -> Option<String> {
        words(text).iter().find_map(|w| self.side_of_word(w)).map(str::to_string)
    }
}

/// Whether a place phrase opens on a word for the area around a place ("near Odesa",
/// "on the outskirts of Kyiv").
fn names_vicinity(place: &str) -> bool {
    let lower = place.to_lowercase();
    let opening: String = lower.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
    VICINITY_WORDS.iter().any(|word| {
        opening == *word || opening.starts_with(&format!("{word} ")) || opening.contains(&format!(" {word} "))
    })
}

/// The region name of the first place noun of a phrase ("along its border" -> `border`).
fn place_noun(place: &str) -> Option<String> {
    words(place).iter().find_map(|w| PLACE_NOUNS.iter().find(|(noun, _)| noun == w)).map(|(_, name)| name.to_string())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn default() -> Conflict {
        Conflict::new(&Profile::load("default").unwrap())
    }

    fn geo(name: &str, geonameid: Option<u64>, level: GeoLevel, admin1: Option<&str>, at: (f64, f64)) -> GeoRecord {
        GeoRecord {
            name: name.into(),
            geonameid,
            level,
            country: "UA".into(),
            admin1: admin1.map(str::to_string),
            lat: at.0,
            lon: at.1,
            confidence: 1.0,
            matched: name.into(),
            population: None,
        }
    }

    #[test]
    fn resolved_places_nest_town_in_division_in_country() {
        let bakhmut = Place::of_geo(&geo("Bakhmut", Some(712451), GeoLevel::City, Some("Donetsk"), (48.59, 37.99)));
        let donetsk = Place::of_geo(&geo("Donetsk", None, GeoLevel::Admin1, Some("Donetsk"), (47.98, 37.80)));
        let ukraine = Place::of_geo(&geo("Ukraine", Some(690791), GeoLevel::Country, None, (48.9, 32.4)));
        let kyiv = Place::of_geo(&geo("Kyiv", Some(703448), GeoLevel::City, Some("Kyiv City"), (50.45, 30.52)));
        assert!(bakhmut.within(&donetsk) && bakhmut.within(&ukraine) && donetsk.within(&ukraine));
        assert!(bakhmut.closely_within(&donetsk) && !bakhmut.closely_within(&ukraine));
        assert!(!kyiv.within(&donetsk) && !donetsk.within(&bakhmut));
        let soledar = Place::of_geo(&geo("Soledar", Some(696643), GeoLevel::City, Some("Donetsk"), (48.68, 38.09)));
        assert!(bakhmut.neighbours(&soledar) && !bakhmut.neighbours(&kyiv) && !bakhmut.neighbours(&donetsk));
    }

    #[test]
    fn near_a_town_is_its_division_and_meets_the_towns_there() {
        let conflict = default();
        let odesa = geo("Odesa", Some(698740), GeoLevel::City, Some("Odessa"), (46.48, 30.73));
        let near = conflict.region(Some(&odesa), Some("near Odesa")).unwrap();
        let outskirts = conflict.region(Some(&odesa), Some("on the outskirts of Odesa")).unwrap();
        let in_town = conflict.region(Some(&odesa), Some("in Odesa")).unwrap();
        assert_eq!((near.level, near.name.as_str()), (GeoLevel::Admin1, "odessa"));
        assert_eq!(outskirts, near);
        assert_eq!(in_town.level, GeoLevel::City);
        let village = geo("Serhiyivka", Some(696000), GeoLevel::City, Some("Odessa"), (46.02, 30.36));
        let village = conflict.region(Some(&village), Some("in Serhiivka")).unwrap();
        assert!(village.closely_within(&near) && !village.within(&in_town));
    }

    #[test]
    fn a_large_town_is_a_city_and_an_unknown_population_is_not() {
        let mut kharkiv = geo("Kharkiv", Some(706483), GeoLevel::City, Some("Kharkiv"), (50.0, 36.2));
        assert!(!Place::of_geo(&kharkiv).is_city(), "a record without population");
        kharkiv.population = Some(1_430_885);
        assert!(Place::of_geo(&kharkiv).is_city());
        let olenivka =
            GeoRecord { population: Some(9_000), ..geo("Olenivka", Some(1), GeoLevel::City, None, (47.8, 37.6)) };
        assert!(!Place::of_geo(&olenivka).is_city());
    }

    #[test]
    fn an_unresolved_place_compares_by_its_last_name() {
        let conflict = default();
        let name = |place: &str| conflict.region(None, Some(place)).map(|p| p.name);
        assert_eq!(name("in the village of Zolote").as_deref(), Some("zolote"));
        assert_eq!(name("In the town of Nova Kakhovka").as_deref(), Some("nova kakhovka"));
        assert_eq!(name("in the southern Ukrainian city"), None);
        assert_eq!(name("near the Ukrainian border").as_deref(), Some("border"));
        assert_eq!(name("along its frontier").as_deref(), Some("border"));
        assert_eq!(name("near N"), None, "a street's initial names no place");
        assert!(!Place::named("bucha").within(&Place::named("kyiv")));
    }

    #[test]
    fn side_keys_are_the_profiles_side_names_in_lower_case() {
        let conflict = Conflict::new(&Profile::load("ukraine").unwrap());
        assert_eq!(conflict.side_of("Russian soldiers").as_deref(), Some("russian"));
        assert_eq!(conflict.side_of("Kremlin").as_deref(), Some("russian"));
        assert_eq!(conflict.side_of("pro-Russian rebels").as_deref(), Some("separatist"));
        assert_eq!(default().side_of("rebels"), None);
    }
}
