//! Country outlines (Natural Earth 1:110m, from the PyPI geopandas package's
//! `naturalearth_lowres`), as SVG paths in degrees (x = longitude, y = -latitude), read
//! from the index `make geo` builds and loaded once per process: the report draws its
//! map from them, offline.

use super::gazetteer::{GeoError, GEO_DEFAULT, GEO_ENV};
use std::path::Path;
use std::sync::OnceLock;

/// The outlines file in the index directory.
const OUTLINES_FILE: &str = "outlines.tsv";

/// One country's outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    /// The country's name.
    pub name: String,
    /// SVG path data in degrees (x = longitude, y = -latitude).
    pub path: String,
    /// The bounding box: west, south, east, north, in degrees.
    pub bounds: [f64; 4],
}

impl Outline {
    /// Whether the outline reaches into a box (west, south, east, north).
    pub fn meets(&self, [west, south, east, north]: [f64; 4]) -> bool {
        self.bounds[0] <= east && self.bounds[2] >= west && self.bounds[1] <= north && self.bounds[3] >= south
    }
}

/// The outlines of this process, from `$CLAIMEX_GEO`, else [`GEO_DEFAULT`].
pub fn outlines() -> Result<&'static [Outline], &'static GeoError> {
    static OUTLINES: OnceLock<Result<Vec<Outline>, GeoError>> = OnceLock::new();
    OUTLINES
        .get_or_init(|| read_outlines(&crate::tagger::model_dir(None, GEO_ENV, GEO_DEFAULT).join(OUTLINES_FILE)))
        .as_ref()
        .map(Vec::as_slice)
}

fn read_outlines(path: &Path) -> Result<Vec<Outline>, GeoError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| GeoError::Missing { path: path.to_path_buf(), reason: e.to_string() })?;
    text.lines()
        .enumerate()
        .map(|(index, line)| {
            let malformed =
                |reason: &str| GeoError::Malformed { path: path.to_path_buf(), line: index + 1, reason: reason.into() };
            let mut fields = line.split('\t');
            let (Some(country), Some(name), Some(svg)) = (fields.next(), fields.next(), fields.next()) else {
                return Err(malformed("3 fields expected"));
            };
            let bounds = path_bounds(svg).ok_or_else(|| malformed("a path without points"))?;
            Ok(Outline { country: country.into(), name: name.into(), path: svg.into(), bounds })
        })
        .collect()
}

/// The bounding box (west, south, east, north) of a path of `M`/`L` points in degrees.
fn path_bounds(svg: &str) -> Option<[f64; 4]> {
    let numbers: Vec<f64> =
        svg.split(|c: char| c.is_ascii_alphabetic() || c == ' ').filter_map(|n| n.parse().ok()).collect();
    let points = numbers.chunks_exact(2).map(|p| (p[0], -p[1]));
    points.fold(None, |bounds: Option<[f64; 4]>, (lon, lat)| {
        Some(match bounds {
            None => [lon, lat, lon, lat],
            Some([w, s, e, n]) => [w.min(lon), s.min(lat), e.max(lon), n.max(lat)],
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_outlines_cover_the_countries_of_our_corpora() {
        let outlines = outlines().expect("the outlines are built (`make geo`)");
        let find = |code: &str| outlines.iter().find(|o| o.country == code).unwrap_or_else(|| panic!("{code}"));
        let ukraine = find("UA");
        assert!(ukraine.meets([30.0, 49.0, 31.0, 50.0]) && !ukraine.meets([-90.0, 30.0, -80.0, 40.0]));
        for code in ["US", "SD", "MM", "RU", "FR"] {
            find(code);
        }
    }

    #[test]
    fn a_path_is_bounded_by_its_points() {
        assert_eq!(path_bounds("M30 -50L40 -45L35 -52Z"), Some([30.0, 45.0, 40.0, 52.0]));
        assert_eq!(path_bounds(""), None);
    }
}
