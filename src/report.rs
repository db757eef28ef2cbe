//! The HTML report: one self-contained page (inline CSS, SVG and a few lines of script;
//! nothing loaded from the network) that shows how figures move and who disagrees.
//!
//! Per group of [`compare`](crate::compare): a timeline chart (document dates on x,
//! each claim's interval on y in its source's colour; a bound the text leaves open is a
//! dashed line ending in an arrow, a strict bound a hollow dot, an inclusive one a filled
//! dot) and the claim sentences with the figure highlighted. For the corpus: claims per
//! kind and source, top speakers by quote count, top entities.
//!
//! When the page has loaded, its script appends `<div id="claimex-ready">` whose
//! `data-charts` counts the charts that rendered with a non-empty box, `data-total` all
//! charts and `data-errors` the script errors seen: a headless browser reads these.

use crate::compare::{self, day_number, CompareError, DocIn, Group, GroupEntry, Interval, Selection};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// Source colours, by order of first appearance in a group.
const PALETTE: &[&str] =
    &["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];

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

/// Rows in the top-speaker and top-entity tables.
const TOP_ROWS: usize = 15;

/// The page's style sheet.
const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:980px;color:#222;padding:0 1em}\
h1{font-size:1.6em}h2{font-size:1.15em;margin-top:2.2em;border-top:1px solid #ddd;padding-top:1em}\
table{border-collapse:collapse;margin:.5em 0}td,th{border-bottom:1px solid #eee;padding:2px 8px;text-align:left}\
th{background:#f5f5f5}td.n{text-align:right}.meta{color:#666}.sentences li{margin:.35em 0}\
mark{background:#ffe08a;padding:0 2px}.verdict{font-weight:600}.contradictory{color:#c00}.rising{color:#2a7}.falling{color:#a60}\
.consistent{color:#357}.legend span{display:inline-block;margin-right:1.2em}.swatch{display:inline-block;width:10px;height:10px;margin-right:4px}\
.columns{display:flex;gap:2em;flex-wrap:wrap}svg.chart{background:#fcfcfc;border:1px solid #eee}";

/// Runs first: records script errors.
const ERROR_TRAP: &str = "window.claimexErrors=[];window.addEventListener('error',function(e){window.claimexErrors.push(String(e.message));});";

/// Runs on load: checks that every chart has a box and sets the ready marker.
const READY_SCRIPT: &str = "window.addEventListener('load',function(){var charts=document.querySelectorAll('svg.chart'),drawn=0;\
for(var i=0;i<charts.length;i++){var b=charts[i].getBBox();if(b.width>0&&b.height>0&&charts[i].querySelectorAll('.claim').length>0)drawn++;}\
var m=document.createElement('div');m.id='claimex-ready';m.setAttribute('data-charts',drawn);m.setAttribute('data-total',charts.length);\
m.setAttribute('data-errors',window.claimexErrors.length);m.textContent='charts: '+drawn+' of '+charts.length+' drawn, errors: '+window.claimexErrors.length;\
document.body.appendChild(m);});";

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The claims files could not be read.
    #[error(transparent)]
    Compare(#[from] CompareError),
    /// The page could not be written.
    #[error("cannot write {path}")]
    Write {
        /// The output file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// What a written report holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportSummary {
    /// Records read.
    pub documents: usize,
    /// Claims read.
    pub claims: usize,
    /// Groups shown (each with a chart).
    pub groups: usize,
}

/// Reads claims files and writes the report page to `output`.
pub fn report_files(
    paths: &[impl AsRef<Path>],
    selection: Selection,
    output: &Path,
) -> Result<ReportSummary, ReportError> {
    let records = compare::read_records(paths)?;
    let claims = compare::claims_of(&records);
    let summary_claims = claims.len();
    let groups = compare::select(compare::group(claims), selection);
    let page = render(&records, &groups, &input_names(paths));
    if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|source| ReportError::Write { path: output.display().to_string(), source })?;
    }
    std::fs::write(output, page).map_err(|source| ReportError::Write { path: output.display().to_string(), source })?;
    Ok(ReportSummary { documents: records.len(), claims: summary_claims, groups: groups.len() })
}

fn input_names(paths: &[impl AsRef<Path>]) -> String {
    paths.iter().map(|p| p.as_ref().display().to_string()).collect::<Vec<_>>().join(", ")
}

/// The whole page.
pub fn render(records: &[DocIn], groups: &[Group], inputs: &str) -> String {
    let mut page = String::new();
    let claims: usize = records.iter().map(|r| r.claims.len()).sum();
    let _ = write!(
        page,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>claimex report</title><style>{STYLE}</style><script>{ERROR_TRAP}</script></head><body>\
         <h1>claimex report</h1><p class=\"meta\">{} · {} documents · {} claims · {} groups shown</p>",
        escape(inputs),
        records.len(),
        claims,
        groups.len()
    );
    corpus_section(&mut page, records);
    page.push_str("<h2 id=\"groups\">Groups</h2><p class=\"meta\">Figures that count the same thing (key: kind | subject | side | region | time; * = not stated), by document date; ~ marks an inferred date.</p>");
    for (number, group) in groups.iter().enumerate() {
        group_section(&mut page, number + 1, group);
    }
    let _ = writeln!(page, "<script>{READY_SCRIPT}</script></body></html>");
    page
}

fn corpus_section(page: &mut String, records: &[DocIn]) {
    page.push_str("<h2 id=\"corpus\">Corpus</h2>");
    kind_source_table(page, records);
    page.push_str("<div class=\"columns\"><div><h3>Top speakers</h3>");
    let speakers =
        count(records.iter().flat_map(|r| r.quotes.iter().filter_map(|q| q.speaker.as_ref().map(|s| s.name.clone()))));
    count_table(page, ("speaker", "speakers"), "quotes", &speakers);
    page.push_str("</div><div><h3>Top entities</h3>");
    let entities = count(records.iter().flat_map(|r| r.entities.iter().map(|e| format!("{} ({})", e.text, e.label))));
    count_table(page, ("entity", "entities"), "mentions", &entities);
    page.push_str("</div></div>");
}

/// Counts of values, largest first, then alphabetical.
fn count(values: impl Iterator<Item = String>) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for value in values {
        *counts.entry(value).or_default() += 1;
    }
    let mut sorted: Vec<(String, usize)> = counts.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    sorted
}

/// A two-column table of the top counts; `what` is (singular, plural).
fn count_table(page: &mut String, what: (&str, &str), unit: &str, counts: &[(String, usize)]) {
    let (what, plural) = what;
    if counts.is_empty() {
        let _ = write!(page, "<p class=\"meta\">no {plural} in these records</p>");
        return;
    }
    let _ = write!(page, "<table><tr><th>{what}</th><th>{unit}</th></tr>");
    for (value, n) in counts.iter().take(TOP_ROWS) {
        let _ = write!(page, "<tr><td>{}</td><td class=\"n\">{n}</td></tr>", escape(value));
    }
    page.push_str("</table>");
}

fn kind_source_table(page: &mut String, records: &[DocIn]) {
    let mut cells: BTreeMap<(String, String), usize> = BTreeMap::new();
    for record in records {
        let source = record.source.clone().unwrap_or_else(|| record.id.clone());
        for claim in &record.claims {
            *cells.entry((source.clone(), claim.kind.clone())).or_default() += 1;
        }
    }
    let sources: BTreeSet<&String> = cells.keys().map(|(s, _)| s).collect();
    let kinds: BTreeSet<&String> = cells.keys().map(|(_, k)| k).collect();
    page.push_str("<h3>Claims per kind and source</h3>");
    if cells.is_empty() {
        page.push_str("<p class=\"meta\">no claims in these records</p>");
        return;
    }
    page.push_str("<table><tr><th>source</th>");
    for kind in &kinds {
        let _ = write!(page, "<th>{}</th>", escape(kind));
    }
    page.push_str("<th>all</th></tr>");
    for source in &sources {
        let _ = write!(page, "<tr><td>{}</td>", escape(source));
        let row: Vec<usize> =
            kinds.iter().map(|kind| cells.get(&((*source).clone(), (*kind).clone())).copied().unwrap_or(0)).collect();
        for n in &row {
            let _ = write!(page, "<td class=\"n\">{n}</td>");
        }
        let _ = write!(page, "<td class=\"n\">{}</td></tr>", row.iter().sum::<usize>());
    }
    page.push_str("</table>");
}

/// Colour of each source of a group, by first appearance.
fn source_colours(group: &Group) -> BTreeMap<&str, &'static str> {
    let mut colours = BTreeMap::new();
    for entry in &group.entries {
        let next = PALETTE[colours.len() % PALETTE.len()];
        colours.entry(entry.claim.source.as_str()).or_insert(next);
    }
    colours
}

fn group_section(page: &mut String, number: usize, group: &Group) {
    let colours = source_colours(group);
    let _ = write!(
        page,
        "<section class=\"group\" id=\"group-{number}\"><h2>{number}. {}</h2><p class=\"meta\">{} claims · {} sources · {} documents · {} contradictory</p>",
        escape(&group.label),
        group.entries.len(),
        group.sources,
        group.documents,
        group.contradictions()
    );
    page.push_str(&chart(group, &colours));
    page.push_str("<p class=\"legend\">");
    for (source, colour) in &colours {
        let _ = write!(page, "<span><i class=\"swatch\" style=\"background:{colour}\"></i>{}</span>", escape(source));
    }
    page.push_str("</p><ol class=\"sentences\">");
    for entry in &group.entries {
        sentence_item(page, entry, &colours);
    }
    page.push_str("</ol></section>");
}

fn sentence_item(page: &mut String, entry: &GroupEntry, colours: &BTreeMap<&str, &str>) {
    let claim = &entry.claim;
    let verdict =
        entry.versus_previous.map_or_else(String::new, |v| format!(" <span class=\"verdict {v}\">{v}</span>"));
    let colour = colours.get(claim.source.as_str()).copied().unwrap_or("#000");
    let _ = write!(
        page,
        "<li><b>{}</b> <i class=\"swatch\" style=\"background:{colour}\"></i>{} · <b>{}</b> {}{}{}<br>{}</li>",
        escape(&claim.date_label()),
        escape(&claim.source),
        escape(&claim.figure),
        escape(&claim.interval.to_string()),
        claim.asserted_by.as_ref().map_or_else(String::new, |a| format!(" · according to {}", escape(a))),
        verdict,
        highlighted(&claim.sentence, claim.highlight, &claim.figure)
    );
}

/// The sentence, escaped, with the figure in `<mark>`: at its offsets, else where its text
/// first occurs.
fn highlighted(sentence: &str, at: Option<(usize, usize)>, figure: &str) -> String {
    let by_offsets = at.map(|(start, end)| {
        let byte = |chars: usize| sentence.char_indices().nth(chars).map_or(sentence.len(), |(b, _)| b);
        (byte(start), byte(end))
    });
    let found = || sentence.find(figure).filter(|_| !figure.is_empty()).map(|start| (start, start + figure.len()));
    match by_offsets.filter(|&(s, e)| sentence[s..e] == *figure).or_else(found) {
        Some((start, end)) => format!(
            "{}<mark>{}</mark>{}",
            escape(&sentence[..start]),
            escape(&sentence[start..end]),
            escape(&sentence[end..])
        ),
        None => escape(sentence),
    }
}

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

fn chart(group: &Group, colours: &BTreeMap<&str, &str>) -> String {
    let scales = Scales::of(group);
    let mut svg = format!(
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{CHART_WIDTH}\" height=\"{CHART_HEIGHT}\" viewBox=\"0 0 {CHART_WIDTH} {CHART_HEIGHT}\" role=\"img\" aria-label=\"{}\">",
        escape(&group.label)
    );
    axes(&mut svg, &scales, group);
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
        "<g class=\"claim\" stroke=\"{colour}\" fill=\"{colour}\"><title>{} · {} · {} {}</title>",
        escape(&claim.date_label()),
        escape(&claim.source),
        escape(&claim.figure),
        escape(&claim.interval.to_string())
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

/// A count with thousands separators ("14,000").
fn thousands(value: f64) -> String {
    let digits = format!("{:.0}", value.max(0.0));
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Escapes text for HTML content and attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(ticks(10_400.0, 17_500.0), [12_000.0, 14_000.0, 16_000.0]);
        assert_eq!(ticks(0.0, 125_000.0), [0.0, 50_000.0, 100_000.0]);
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(14000.0), "14,000");
        assert_eq!(thousands(100.0), "100");
        assert_eq!(thousands(1_250_000.0), "1,250,000");
    }

    #[test]
    fn the_figure_is_marked_and_the_rest_escaped() {
        let sentence = "More than 14,000 people died <here>.";
        assert_eq!(
            highlighted(sentence, Some((0, 16)), "More than 14,000"),
            "<mark>More than 14,000</mark> people died &lt;here&gt;."
        );
        assert_eq!(highlighted(sentence, None, "14,000"), "More than <mark>14,000</mark> people died &lt;here&gt;.");
    }
}
