//! The HTML report: one self-contained page (inline CSS, SVG and a few lines of script;
//! nothing loaded from the network) that shows how figures move and who disagrees.
//!
//! Per group of [`compare`](crate::compare): a timeline chart ([`chart`]: document dates
//! on x, each claim's interval on y in its source's colour; a bound the text leaves open
//! is a dashed line ending in an arrow, a strict bound a hollow dot, an inclusive one a
//! filled dot) and the claim sentences with the figure highlighted. For the corpus:
//! claims per kind and source, top speakers by quote count, top entities, and a map of
//! claims by place ([`map`]) linked to the groups.
//!
//! The style sheet (`style.css`) and the script (`script.js`) are files beside this
//! module, compiled in. When the page has loaded, the script appends
//! `<div id="claimex-ready">` whose `data-charts` counts the charts that rendered with a
//! non-empty box, `data-total` all charts and `data-errors` the script errors seen: a
//! headless browser reads these.

mod chart;
mod map;

use crate::compare::{self, CompareError, ComparedClaim, Conflict, Group, GroupEntry, Selection};
use crate::names::{NameIndex, Role};
use crate::profile::Profile;
use crate::schema::Record;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// Source colours, by order of first appearance on the page; none of them is close to a
/// verdict colour (red contradictory, green rising, brown falling, slate consistent:
/// `style.css`).
const PALETTE: &[&str] =
    &["#1f77b4", "#9467bd", "#17becf", "#e377c2", "#7f7f7f", "#bcbd22", "#aec7e8", "#c5b0d5", "#9edae5", "#dbdb8d"];

/// Rows in the top-speaker and top-entity tables.
const TOP_ROWS: usize = 15;

/// The page's style sheet.
const STYLE: &str = include_str!("style.css");

/// The page's script: records script errors, and on load checks that every chart has a
/// box and sets the ready marker.
const SCRIPT: &str = include_str!("script.js");

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
#[derive(Debug, Clone, PartialEq)]
pub struct ReportSummary {
    /// What the inputs hold: documents, failed ones, sources, claims.
    pub inputs: compare::InputSummary,
    /// Groups shown (each with a chart).
    pub groups: usize,
}

/// Reads claims files, groups their claims under a conflict profile and writes the
/// report page to `output`.
pub fn report_files(
    paths: &[impl AsRef<Path>],
    selection: Selection,
    profile: &Profile,
    output: &Path,
) -> Result<ReportSummary, ReportError> {
    let records = compare::read_records(paths)?;
    let claims = compare::claims_of(&records, &Conflict::new(profile));
    let groups = compare::select(compare::group(claims), selection);
    let page = render(&records, &groups, &input_names(paths));
    if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|source| ReportError::Write { path: output.display().to_string(), source })?;
    }
    std::fs::write(output, page).map_err(|source| ReportError::Write { path: output.display().to_string(), source })?;
    Ok(ReportSummary { inputs: compare::InputSummary::of(&records), groups: groups.len() })
}

/// The input paths as the page names them.
fn input_names(paths: &[impl AsRef<Path>]) -> String {
    paths.iter().map(|p| p.as_ref().display().to_string()).collect::<Vec<_>>().join(", ")
}

/// The whole page.
pub fn render(records: &[Record], groups: &[Group], inputs: &str) -> String {
    let mut page = String::new();
    let summary = compare::InputSummary::of(records);
    let _ = write!(
        page,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>claimex report</title><style>{STYLE}</style><script>{SCRIPT}</script></head><body>\
         <h1>claimex report</h1><p class=\"meta\">{} · {} · {} shown</p>",
        escape(inputs),
        escape(&summary.line()),
        compare::counted(groups.len(), "group", "groups")
    );
    corpus_section(&mut page, records);
    page.push_str(&map::map_section(records, groups));
    page.push_str("<h2 id=\"groups\">Groups</h2><p class=\"meta\">Figures that count the same thing (heading: what is counted, whose side, where, when, as far as the articles say), by document date; ~ marks an inferred date; each figure names its article (linked when the record has a URL).</p>");
    page.push_str(MARKS_LEGEND);
    let colours = source_colours(groups);
    for (number, group) in groups.iter().enumerate() {
        group_section(&mut page, number + 1, group, &colours);
    }
    page.push_str("</body></html>\n");
    page
}

/// Claims per kind and source, top speakers, top entities (each under its corpus-wide
/// canonical name: [`NameIndex`]).
fn corpus_section(page: &mut String, records: &[Record]) {
    page.push_str("<h2 id=\"corpus\">Corpus</h2>");
    kind_source_table(page, records);
    let names = NameIndex::of(records);
    page.push_str("<div class=\"columns\"><div><h3>Top speakers</h3>");
    name_table(page, &names, Role::Speaker);
    page.push_str("</div><div><h3>Top entities</h3>");
    name_table(page, &names, Role::Entity);
    page.push_str("</div></div><p class=\"meta\">Names are merged across articles: spelling variants and transliterations (Zelenskiy, Zelensky), offices and honorifics (President Biden), and a bare surname used for one person (Biden); \"also written\" lists the forms merged.</p>");
}

/// The top names: name, what it stands for, count, and the other forms written.
fn name_table(page: &mut String, names: &NameIndex, role: Role) {
    let (what, unit) = role.headings();
    let ranked = names.ranked(role);
    if ranked.is_empty() {
        let plural = if role == Role::Speaker { "speakers" } else { "entities" };
        let _ = write!(page, "<p class=\"meta\">no {plural} in these records</p>");
        return;
    }
    let _ = write!(page, "<table><tr><th>{what}</th><th>is</th><th>{unit}</th><th>also written</th></tr>");
    for name in ranked.into_iter().take(TOP_ROWS) {
        let others: Vec<&str> = name.other_forms().take(4).collect();
        let _ = write!(
            page,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"meta\">{}</td></tr>",
            escape(&name.name),
            role.kind(name).as_str(),
            role.count(name),
            escape(&others.join(", "))
        );
    }
    page.push_str("</table>");
}

/// Claims per source (rows) and kind (columns, alphabetical).
fn kind_source_table(page: &mut String, records: &[Record]) {
    let mut cells: BTreeMap<(String, &str), usize> = BTreeMap::new();
    for record in records {
        let source = record.source.clone().unwrap_or_else(|| record.id.clone());
        for claim in &record.claims {
            *cells.entry((source.clone(), claim.kind.as_str())).or_default() += 1;
        }
    }
    let sources: BTreeSet<&String> = cells.keys().map(|(s, _)| s).collect();
    let kinds: BTreeSet<&str> = cells.keys().map(|(_, k)| *k).collect();
    page.push_str("<h3>Claims per kind and source</h3>");
    if cells.is_empty() {
        page.push_str("<p class=\"meta\">no claims in these records</p>");
        return;
    }
    page.push_str("<table><tr><th>source</th>");
    for kind in &kinds {
        let _ = write!(page, "<th>{kind}</th>");
    }
    page.push_str("<th>all</th></tr>");
    for source in &sources {
        let _ = write!(page, "<tr><td>{}</td>", escape(source));
        let row: Vec<usize> =
            kinds.iter().map(|kind| cells.get(&((*source).clone(), *kind)).copied().unwrap_or(0)).collect();
        for n in &row {
            let _ = write!(page, "<td class=\"n\">{n}</td>");
        }
        let _ = write!(page, "<td class=\"n\">{}</td></tr>", row.iter().sum::<usize>());
    }
    page.push_str("</table>");
}

/// What the marks of the charts and the verdict colours mean.
const MARKS_LEGEND: &str = "<p class=\"meta legend-marks\">In the charts each dot is a figure at its article's date, in its source's colour (one colour per source on the whole page); a dashed arrow is a bound the text leaves open (\"at least 23\": up from 23, \"up to 66\": down from 66); a bar spans a range (\"23-25\"). Against the figure before it, a figure is <span class=\"verdict consistent\">consistent</span>, <span class=\"verdict rising\">rising</span>, <span class=\"verdict falling\">falling</span> or <span class=\"verdict contradictory\">contradictory</span>.</p>";

/// Colour of each source on the page, by first appearance over the groups, so a source
/// keeps its colour from group to group.
fn source_colours(groups: &[Group]) -> BTreeMap<&str, &'static str> {
    let mut colours = BTreeMap::new();
    for entry in groups.iter().flat_map(|g| &g.entries) {
        let next = PALETTE[colours.len() % PALETTE.len()];
        colours.entry(entry.claim.source.as_str()).or_insert(next);
    }
    colours
}

fn group_section(page: &mut String, number: usize, group: &Group, page_colours: &BTreeMap<&str, &'static str>) {
    let sources: BTreeSet<&str> = group.entries.iter().map(|e| e.claim.source.as_str()).collect();
    let colours: BTreeMap<&str, &str> =
        page_colours.iter().filter(|(source, _)| sources.contains(*source)).map(|(s, c)| (*s, *c)).collect();
    let _ = write!(
        page,
        "<section class=\"group\" id=\"group-{number}\"><h2>{number}. {}</h2><p class=\"meta\">{} · {}{} · {} · {} contradictory</p>",
        escape(&group.heading),
        compare::counted(group.entries.len(), "claim", "claims"),
        compare::counted(group.sources, "source", "sources"),
        compare::independence_note(group),
        compare::counted(group.documents, "document", "documents"),
        group.contradictions()
    );
    page.push_str(&chart::chart(group, &colours));
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
        "<li><b>{}</b> <i class=\"swatch\" style=\"background:{colour}\"></i>{} · <b>{}</b>{}{}{}<br>{}<br><span class=\"meta\">{}</span>{}</li>",
        escape(&claim.date_label()),
        escape(&claim.source),
        escape(&claim.figure),
        claim.asserted_by.as_ref().map_or_else(String::new, |a| format!(" · according to {}", escape(a))),
        verdict,
        entry.copy_of.as_ref().map_or_else(String::new, |d| format!(" <span class=\"copy\">copies {}</span>", escape(d))),
        highlighted(&claim.sentence, claim.highlight, &claim.figure),
        document_link(claim),
        in_context(claim)
    );
}

/// The claim's paragraph, folded under "in context", with the figure highlighted; empty
/// when the record has no paragraph or the paragraph is the sentence alone.
fn in_context(claim: &ComparedClaim) -> String {
    let Some(paragraph) = claim.paragraph.as_ref().filter(|p| p.text.trim() != claim.sentence.trim()) else {
        return String::new();
    };
    let figure_chars = claim.figure.chars().count();
    let at = claim.start.checked_sub(paragraph.start).map(|from| (from, from + figure_chars));
    format!(
        "<details><summary>in context</summary><p class=\"context\">{}</p></details>",
        highlighted(&paragraph.text, at, &claim.figure)
    )
}

/// The claim's document: its title linked to its URL when there is one, and its id.
fn document_link(claim: &ComparedClaim) -> String {
    let title = escape(claim.title.as_deref().unwrap_or("untitled"));
    let id = escape(&claim.doc_id);
    match &claim.url {
        Some(url) => format!("<a href=\"{}\">{title}</a> · {id}", escape(url)),
        None => format!("{title} · {id}"),
    }
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
    fn the_figure_is_marked_and_the_rest_escaped() {
        let sentence = "More than 14,000 people died <here>.";
        assert_eq!(
            highlighted(sentence, Some((0, 16)), "More than 14,000"),
            "<mark>More than 14,000</mark> people died &lt;here&gt;."
        );
        assert_eq!(highlighted(sentence, None, "14,000"), "More than <mark>14,000</mark> people died &lt;here&gt;.");
    }
}
