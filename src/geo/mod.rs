//! Places: the GeoNames gazetteer ([`gazetteer`]), the resolution of the places claims
//! name against it ([`resolve`]) and country outlines for maps ([`outlines`]), so that figures compare by geography for any
//! country (a town within its first-level division within its country), not by a
//! conflict's hand-made list of places.

pub mod gazetteer;
pub mod outlines;
pub mod resolve;

pub use gazetteer::{distance_km, fold, gazetteer, Gazetteer, GeoError, Place, PlaceId};
pub use outlines::{outlines, Outline};
pub use resolve::{places, Located, Places};

/// Places of this many people or more are known well enough for a bare name to be read
/// as a place where it could also be a side word ("Kyiv" in "in Kyiv").
const WELL_KNOWN_POPULATION: u64 = 100_000;

/// Whether a name means a country ("Russia", "Sudan"); false without a gazetteer.
pub fn names_country(name: &str) -> bool {
    gazetteer().is_ok_and(|g| g.names_country(name))
}

/// Whether a name is a country's, a first-level division's or a place's of
/// [`WELL_KNOWN_POPULATION`] or more people, by its own name; false without a gazetteer.
pub fn names_well_known_place(name: &str) -> bool {
    gazetteer().is_ok_and(|g| {
        g.readings(name).iter().any(|r| {
            let place = g.place(r.place);
            r.primary && (place.level != crate::schema::GeoLevel::City || place.population >= WELL_KNOWN_POPULATION)
        })
    })
}
