//! The timeline chart of one group: an inline SVG with document dates on x and each
//! claim's interval on y.

use super::escape;
use crate::compare::{day_number, thousands, Group, GroupEntry, Interval};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Chart size and margins, in pixels.
const CHART_WIDTH: f64 = 760.0;
const CHART_HEIGHT: f64 = 260.0;
const MARGIN_LEFT: f64 = 78.0;
const MARGIN_RIGHT: f64 = 24.0;
const MARGIN_TOP: f64 = 18.0;
const MARGIN_BOTTOM: f64 = 42.0;

/// When the smallest bound is above this share of the largest, the count axis starts
/// near the smallest instead of at 0.
const CLOSE_FIGURES: f64 = 0.5;

/// Least gap between two date labels, in pixels.
const LABEL_GAP: f64 = 72.0;

/// Horizontal gap between claims drawn on the same date.
const SAME_DATE_STEP: f64 = 9.0;

/// Maps dates and counts to chart pixels.
struct Scales {
    first_day: i64,
    days: f64,
    bottom: f64,
    top: f64,
}

impl Scales {
    /// Dates padded on both sides; counts from 0 (or from just below the smallest bound
    /// when all figures are close, so that 13,000 and 14,000 stand apart) to well above
    /// the largest bound, leaving room for the arrows of open bounds.
    fn of(group: &Group) -> Self {
        let days: Vec<i64> = group.entries.iter().filter_map(|e| day_number(e.claim.date)).collect();
        let (min, max) = (days.iter().min().copied().unwrap_or(0), days.iter().max().copied().unwrap_or(0));
        let pad = ((max - min) / 20).max(10);
        let bounds: Vec<f64> = group
            .entries
            .iter()
            .flat_map(|e| [e.claim.interval.low, e.claim.interval.high])
            .flatten()
            .map(|b| b.value)
            .collect();
        let largest = bounds.iter().copied().fold(0.0_f64, f64::max).max(1.0);
        let smallest = bounds.iter().copied().fold(largest, f64::min);
        let bottom = if smallest > CLOSE_FIGURES * largest { smallest * 0.8 } else { 0.0 };
        Scales { first_day: min - pad, days: (max - min + 2 * pad) as f64, bottom, top: largest * 1.25 }
    }

    fn x(&self, day: i64) -> f64 {
        MARGIN_LEFT + (day - self.first_day) as f64 / self.days * (CHART_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
    }

    fn y(&self, value: f64) -> f64 {
        CHART_HEIGHT
            - MARGIN_BOTTOM
            - (value - self.bottom) / (self.top - self.bottom) * (CHART_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM)
    }
}

/// The chart of a group, its claims in their sources' colours.
pub(super) fn chart(group: &Group, colours: &BTreeMap<&str, &str>) -> String {
    let scales = Scales::of(group);
    let mut svg = format!(
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{CHART_WIDTH}\" height=\"{CHART_HEIGHT}\" viewBox=\"0 0 {CHART_WIDTH} {CHART_HEIGHT}\" role=\"img\" aria-label=\"{}\">",
        escape(&group.heading)
    );
    axes(&mut svg, &scales, group);
    axis_titles(&mut svg, group);
    let mut drawn_on_day: BTreeMap<i64, usize> = BTreeMap::new();
    let mut undated = 0;
    for entry in &group.entries {
        let Some(day) = day_number(entry.claim.date) else {
            undated += 1;
            continue;
        };
        let nth = drawn_on_day.entry(day).or_default();
        let x = scales.x(day) + *nth as f64 * SAME_DATE_STEP;
        *nth += 1;
        let colour = colours.get(entry.claim.source.as_str()).copied().unwrap_or("#000");
        interval_mark(&mut svg, &scales, x, entry, colour);
    }
    if undated > 0 {
        let _ = write!(svg, "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\" fill=\"#666\">{undated} undated not drawn</text>", CHART_WIDTH - MARGIN_RIGHT, MARGIN_TOP + 10.0);
    }
    svg.push_str("</svg>");
    svg
}

/// The axis titles: what the figures count (the group's kind and unit of time) up the
/// left, the article date along the bottom.
fn axis_titles(svg: &mut String, group: &Group) {
    let per = group.key.rate.map(|unit| format!(" per {unit}")).unwrap_or_default();
    let counted = format!("number {}{per}", group.key.kind.as_str());
    let middle = MARGIN_TOP + (CHART_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM) / 2.0;
    let _ = write!(
        svg,
        "<text x=\"14\" y=\"{middle:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\" transform=\"rotate(-90 14 {middle:.1})\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">article date</text>",
        escape(&counted),
        MARGIN_LEFT + (CHART_WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / 2.0,
        CHART_HEIGHT - 6.0
    );
}

/// The axes, count ticks and date labels (never closer than [`LABEL_GAP`]).
fn axes(svg: &mut String, scales: &Scales, group: &Group) {
    let (left, right, bottom) = (MARGIN_LEFT, CHART_WIDTH - MARGIN_RIGHT, CHART_HEIGHT - MARGIN_BOTTOM);
    let _ = write!(svg, "<g class=\"axes\" stroke=\"#999\"><line x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\"/><line x1=\"{left}\" y1=\"{MARGIN_TOP}\" x2=\"{left}\" y2=\"{bottom}\"/></g>");
    for value in ticks(scales.bottom, scales.top) {
        let y = scales.y(value);
        let _ = write!(
            svg,
            "<line x1=\"{left}\" y1=\"{y:.1}\" x2=\"{right}\" y2=\"{y:.1}\" stroke=\"#eee\"/><text x=\"{}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">{}</text>",
            left - 6.0,
            y + 4.0,
            thousands(value)
        );
    }
    let mut last_label: Option<f64> = None;
    for entry in &group.entries {
        let Some(day) = day_number(entry.claim.date) else { continue };
        let x = scales.x(day);
        if last_label.is_some_and(|last| x - last < LABEL_GAP) {
            continue;
        }
        let label = entry.claim.date.map(|d| d.to_string()).unwrap_or_default();
        let _ = write!(svg, "<line x1=\"{x:.1}\" y1=\"{bottom}\" x2=\"{x:.1}\" y2=\"{}\" stroke=\"#999\"/><text x=\"{x:.1}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">{label}</text>", bottom + 5.0, bottom + 18.0);
        last_label = Some(x);
    }
}

/// Round count ticks between `bottom` and `top`: steps of 1, 2 or 5 times a power of
/// ten, about four of them.
fn ticks(bottom: f64, top: f64) -> Vec<f64> {
    let rough = (top - bottom) / 4.0;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * power).find(|&s| s >= rough).unwrap_or(10.0 * power).max(1.0);
    let first = (bottom / step).ceil() as i64;
    let last = (top / step).floor() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

/// One claim's interval: a solid bar between stated bounds, dashed arrows for open ones,
/// filled dots for inclusive bounds and hollow dots for strict ones.
fn interval_mark(svg: &mut String, scales: &Scales, x: f64, entry: &GroupEntry, colour: &str) {
    let claim = &entry.claim;
    let Interval { low, high } = claim.interval;
    let _ = write!(
        svg,
        "<g class=\"claim\" stroke=\"{colour}\" fill=\"{colour}\"><title>{} · {} · “{}”: {}</title>",
        escape(&claim.date_label()),
        escape(&claim.source),
        escape(&claim.figure),
        escape(&claim.plain_figure())
    );
    let (y_low, y_high) = (low.map(|b| scales.y(b.value)), high.map(|b| scales.y(b.value)));
    match (y_low, y_high) {
        (Some(a), Some(b)) => {
            let _ = write!(svg, "<line x1=\"{x:.1}\" y1=\"{a:.1}\" x2=\"{x:.1}\" y2=\"{b:.1}\" stroke-width=\"4\"/>");
        }
        (Some(a), None) => open_arrow(svg, x, a, MARGIN_TOP),
        (None, Some(b)) => open_arrow(svg, x, b, CHART_HEIGHT - MARGIN_BOTTOM - 2.0),
        (None, None) => {}
    }
    for (bound, y) in [(low, y_low), (high, y_high)] {
        if let (Some(bound), Some(y)) = (bound, y) {
            let fill = if bound.strict { "#fff" } else { colour };
            let _ = write!(svg, "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4.5\" fill=\"{fill}\" stroke-width=\"2\"/>");
        }
    }
    svg.push_str("</g>");
}

/// A dashed line from a stated bound towards the open side, ending in an arrowhead.
fn open_arrow(svg: &mut String, x: f64, from: f64, to: f64) {
    let back = if to < from { to + 9.0 } else { to - 9.0 };
    let _ = write!(
        svg,
        "<line x1=\"{x:.1}\" y1=\"{from:.1}\" x2=\"{x:.1}\" y2=\"{back:.1}\" stroke-width=\"2\" stroke-dasharray=\"5 4\"/><polygon points=\"{x:.1},{to:.1} {:.1},{back:.1} {:.1},{back:.1}\" stroke-width=\"1\"/>",
        x - 5.0,
        x + 5.0
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(ticks(10_400.0, 17_500.0), [12_000.0, 14_000.0, 16_000.0]);
        assert_eq!(ticks(0.0, 125_000.0), [0.0, 50_000.0, 100_000.0]);
    }
}
