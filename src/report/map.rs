//! The map of claims by place: every claim's GeoNames place as a dot (area by its claim
//! count) over the country outlines around them ([`crate::geo::outlines`], drawn offline),
//! each dot linked to the first group that holds one of its claims. An SVG in degrees
//! (x = longitude, y = -latitude), cut to the box around the dots.

use super::escape;
use crate::compare::Group;
use crate::geo::Outline;
use crate::schema::Record;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// The share of claims on each side of each axis the map may leave out.
const OUTLIER_SHARE: f64 = 0.05;

/// Degrees of margin around the dots.
const MARGIN: f64 = 2.0;

/// The smallest box side, in degrees, so that one town still shows its country.
const MIN_SPAN: f64 = 8.0;

/// One dot: a place, its claims, and the first group one of them is in.
struct Dot {
    name: String,
    lat: f64,
    lon: f64,
    claims: usize,
    group: Option<usize>,
}

/// The map section, or a line saying why there is none (no claim has a place, or the
/// outlines are missing).
pub(super) fn map_section(records: &[Record], groups: &[Group]) -> String {
    let dots = dots(records, groups);
    let mut section = String::from("<h2 id=\"map\">Map</h2>");
    if dots.is_empty() {
        section.push_str("<p class=\"meta\">No claim names a place GeoNames knows.</p>");
        return section;
    }
    match crate::geo::outlines() {
        Ok(outlines) => {
            section.push_str(&svg(&dots, outlines));
            let left_out = outside(&dots, bounds(&dots));
            if !left_out.is_empty() {
                let _ = write!(section, "<p class=\"meta\">Outside the map: {}.</p>", escape(&left_out.join(", ")));
            }
        }
        Err(error) => {
            let _ = write!(section, "<p class=\"meta\">No map: {}</p>", escape(&error.to_string()));
        }
    }
    section.push_str("<p class=\"meta\">Dots: the places claims name (area by claim count; linked dots open their first group). Places: GeoNames (CC BY 4.0); outlines: Natural Earth.</p>");
    section
}

/// The dots of every claim with a resolved place, by place.
fn dots(records: &[Record], groups: &[Group]) -> Vec<Dot> {
    let mut group_of: HashMap<(&str, usize), usize> = HashMap::new();
    for (number, group) in groups.iter().enumerate() {
        for entry in &group.entries {
            group_of.entry((entry.claim.doc_id.as_str(), entry.claim.start)).or_insert(number + 1);
        }
    }
    let mut by_place: BTreeMap<(String, String), Dot> = BTreeMap::new();
    for record in records {
        for claim in &record.claims {
            let Some(geo) = &claim.geo else { continue };
            let key = (geo.name.clone(), format!("{:.3},{:.3}", geo.lat, geo.lon));
            let dot = by_place.entry(key).or_insert_with(|| Dot {
                name: geo.name.clone(),
                lat: geo.lat,
                lon: geo.lon,
                claims: 0,
                group: None,
            });
            dot.claims += 1;
            let group = group_of.get(&(record.id.as_str(), claim.start)).copied();
            dot.group = match (dot.group, group) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
    }
    by_place.into_values().collect()
}

/// The box (west, south, east, north) around most claims: on each axis from the
/// [`OUTLIER_SHARE`] quantile of the claims' coordinates to the opposite one, so that a
/// story's one mention of a far city does not shrink the rest to a speck; with a margin,
/// at least [`MIN_SPAN`] on each side.
fn bounds(dots: &[Dot]) -> [f64; 4] {
    let (west, east) = claim_quantiles(dots, |d| d.lon);
    let (south, north) = claim_quantiles(dots, |d| d.lat);
    let widen = |low: f64, high: f64| {
        let pad = ((MIN_SPAN - (high - low)) / 2.0).max(0.0) + MARGIN;
        (low - pad, high + pad)
    };
    let ((west, east), (south, north)) = (widen(west, east), widen(south, north));
    [west, south.max(-90.0), east, north.min(90.0)]
}

/// The coordinates below which and above which [`OUTLIER_SHARE`] of the claims lie.
fn claim_quantiles(dots: &[Dot], coordinate: fn(&Dot) -> f64) -> (f64, f64) {
    let mut sorted: Vec<(f64, usize)> = dots.iter().map(|d| (coordinate(d), d.claims)).collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: usize = sorted.iter().map(|(_, claims)| claims).sum();
    let quantile = |share: f64| {
        let mut seen = 0;
        sorted.iter().find(|(_, claims)| {
            seen += claims;
            seen as f64 > share * total as f64
        })
    };
    let low = quantile(OUTLIER_SHARE).map_or(0.0, |(c, _)| *c);
    let high = quantile(1.0 - OUTLIER_SHARE - f64::EPSILON).map_or(low, |(c, _)| *c);
    (low, high)
}

/// The places whose dots fall outside a box, with their claim counts ("Bordeaux (1)").
fn outside(dots: &[Dot], [west, south, east, north]: [f64; 4]) -> Vec<String> {
    dots.iter()
        .filter(|d| d.lon < west || d.lon > east || d.lat < south || d.lat > north)
        .map(|d| format!("{} ({})", d.name, d.claims))
        .collect()
}

/// The map's SVG.
fn svg(dots: &[Dot], outlines: &[Outline]) -> String {
    let box_ = bounds(dots);
    let [west, south, east, north] = box_;
    let (width, height) = (east - west, north - south);
    let mut svg = format!(
        "<svg class=\"map\" viewBox=\"{west:.2} {:.2} {width:.2} {height:.2}\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"map of claims by place\">",
        -north
    );
    for outline in outlines.iter().filter(|o| o.meets(box_)) {
        let _ =
            write!(svg, "<path class=\"land\" d=\"{}\"><title>{}</title></path>", outline.path, escape(&outline.name));
    }
    let unit = width.max(height) / 120.0;
    for dot in dots {
        let radius = unit * (1.0 + (dot.claims as f64).sqrt());
        let title = format!("{}: {} claim{}", dot.name, dot.claims, if dot.claims == 1 { "" } else { "s" });
        let circle = format!(
            "<circle class=\"place\" cx=\"{:.3}\" cy=\"{:.3}\" r=\"{radius:.3}\"><title>{}</title></circle>",
            dot.lon,
            -dot.lat,
            escape(&title)
        );
        match dot.group {
            Some(number) => {
                let _ = write!(svg, "<a href=\"#group-{number}\">{circle}</a>");
            }
            None => svg.push_str(&circle),
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dot(lat: f64, lon: f64) -> Dot {
        Dot { name: "x".into(), lat, lon, claims: 1, group: None }
    }

    #[test]
    fn the_box_holds_most_claims_with_a_margin_and_a_least_span() {
        assert_eq!(bounds(&[dot(48.0, 37.0)]), [31.0, 42.0, 43.0, 54.0]);
        let [west, south, east, north] = bounds(&[dot(46.5, 30.7), dot(50.0, 40.0)]);
        assert!(west < 30.7 && east > 40.0 && south < 46.5 && north > 50.0 && east - west >= MIN_SPAN);
        let mut ukraine: Vec<Dot> =
            (0..30).map(|i| dot(46.0 + f64::from(i) * 0.2, 30.0 + f64::from(i) * 0.3)).collect();
        ukraine.push(dot(35.0, -106.0));
        let box_ = bounds(&ukraine);
        assert!(box_[0] > 0.0, "one far claim does not stretch the map: {box_:?}");
        assert_eq!(outside(&ukraine, box_), ["x (1)"]);
    }
}
