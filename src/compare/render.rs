//! Rendering groups: a terminal table, CSV (one row per claim) and JSON.

use super::group::{ComparedClaim, Group, GroupEntry};
use std::fmt::Write as _;

/// Sentence characters shown at most in the terminal table, around the figure.
const TABLE_SENTENCE_CHARS: usize = 270;

/// Columns of the terminal tables (`compare`, `names`); every line fits in 100.
pub const TABLE_WIDTH: usize = 100;

/// Indent of a claim's sentence lines in the terminal table.
const SENTENCE_INDENT: &str = "      ";

/// The groups as a readable terminal table, no line wider than [`TABLE_WIDTH`] columns
/// (the group key and the sentences wrap at spaces): per group its key, its counts, and per
/// claim the date, source (a path by its file name), figure as written, who asserts it and the verdict against
/// the previous figure, then the sentence wrapped at spaces; a last line explains the `~`
/// of an inferred date when one is shown.
pub fn table(groups: &[Group]) -> String {
    let mut out = String::new();
    for (number, group) in groups.iter().enumerate() {
        let heading = format!("GROUP {}  ", number + 1);
        for (i, line) in wrap(&group.heading, TABLE_WIDTH - heading.len()).iter().enumerate() {
            let lead = if i == 0 { heading.clone() } else { " ".repeat(heading.len()) };
            let _ = writeln!(out, "{lead}{line}");
        }
        let _ = writeln!(
            out,
            "  {}, {}{}, {}{}",
            super::counted(group.entries.len(), "claim", "claims"),
            super::counted(group.sources, "source", "sources"),
            independence_note(group),
            super::counted(group.documents, "document", "documents"),
            contradiction_note(group)
        );
        let _ = writeln!(out, "  {:<12} {:<20} {:<22} {:<20} vs previous", "date", "source", "figure", "asserted by");
        for entry in &group.entries {
            table_row(&mut out, entry);
        }
        out.push('\n');
    }
    if groups.iter().flat_map(|g| &g.entries).any(|e| e.claim.date_inferred) {
        out.push_str("~ after a date: the document gave no date; the latest full date in its text stands in.\n");
    }
    out
}

/// " (2 independent)" when some sources only copy another's report, else nothing.
pub fn independence_note(group: &Group) -> String {
    if group.independent_sources == group.sources {
        return String::new();
    }
    format!(" ({} independent)", group.independent_sources)
}

fn contradiction_note(group: &Group) -> String {
    match (group.contradictions(), group.same_date_contradictions()) {
        (0, _) => String::new(),
        (all, 0) => format!(", {all} contradictory"),
        (all, same) => format!(", {all} contradictory, {same} on the same date"),
    }
}

fn table_row(out: &mut String, entry: &GroupEntry) {
    let claim = &entry.claim;
    let verdict = entry.versus_previous.map_or_else(|| "-".to_string(), |v| v.to_string());
    let _ = writeln!(
        out,
        "  {:<12} {:<20} {:<22} {:<20} {}",
        claim.date_label(),
        clip(claim.source.rsplit('/').next().unwrap_or(&claim.source), 20),
        clip(&claim.figure, 22),
        clip(claim.asserted_by.as_deref().unwrap_or("-"), 20),
        verdict
    );
    for line in wrap(&format!("\"{}\"", sentence_window(claim)), TABLE_WIDTH - SENTENCE_INDENT.len()) {
        let _ = writeln!(out, "{SENTENCE_INDENT}{line}");
    }
    if let Some(original) = &entry.copy_of {
        let _ = writeln!(out, "{SENTENCE_INDENT}(copies {})", clip(original, TABLE_WIDTH - SENTENCE_INDENT.len() - 9));
    }
}

/// The claim's sentence with its whitespace folded, cut at spaces to about
/// [`TABLE_SENTENCE_CHARS`] around the figure, a cut marked with an ellipsis.
fn sentence_window(claim: &ComparedClaim) -> String {
    let chars: Vec<char> = claim.sentence.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
    if chars.len() <= TABLE_SENTENCE_CHARS {
        return chars.into_iter().collect();
    }
    let figure_at = claim.highlight.map_or(0, |(start, _)| start);
    let start = figure_at.saturating_sub(TABLE_SENTENCE_CHARS / 3).min(chars.len() - TABLE_SENTENCE_CHARS);
    let end = start + TABLE_SENTENCE_CHARS;
    let start = if start == 0 { 0 } else { (start..end).find(|&i| chars[i - 1] == ' ').unwrap_or(start) };
    let end = if end == chars.len() { end } else { (start..end).rev().find(|&i| chars[i] == ' ').unwrap_or(end) };
    let before = if start > 0 { "…" } else { "" };
    let after = if end < chars.len() { "…" } else { "" };
    format!("{before}{}{after}", chars[start..end].iter().collect::<String>())
}

/// Lines of at most `width` characters, broken at spaces (a word longer than `width`
/// stands on its own line).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let line = lines.last_mut().expect("one line at least");
        let length = line.chars().count();
        if length > 0 && length + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if length > 0 {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

/// The text cut to `width` characters, its start kept and the cut marked with an ellipsis.
pub(crate) fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    text.chars().take(width - 1).chain(std::iter::once('…')).collect()
}

/// Columns of the CSV output, one row per claim.
const CSV_HEADER: &[&str] = &[
    "group",
    "key",
    "sources",
    "documents",
    "position",
    "doc_id",
    "source",
    "date",
    "date_inferred",
    "kind",
    "figure",
    "low",
    "high",
    "interval",
    "asserted_by",
    "versus_previous",
    "sentence",
    "asserted_by_kind",
    "title",
    "url",
    "independent_sources",
    "copy_of",
];

/// The groups as CSV, one row per claim (RFC 4180 quoting).
pub fn csv(groups: &[Group]) -> String {
    let mut out = csv_line(CSV_HEADER.iter().map(|s| s.to_string()));
    for (number, group) in groups.iter().enumerate() {
        for (position, entry) in group.entries.iter().enumerate() {
            let claim = &entry.claim;
            let optional = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
            out.push_str(&csv_line(
                [
                    (number + 1).to_string(),
                    group.label.clone(),
                    group.sources.to_string(),
                    group.documents.to_string(),
                    (position + 1).to_string(),
                    claim.doc_id.clone(),
                    claim.source.clone(),
                    claim.date.map(|d| d.to_string()).unwrap_or_default(),
                    claim.date_inferred.to_string(),
                    claim.kind.to_string(),
                    claim.figure.clone(),
                    optional(claim.low),
                    optional(claim.high),
                    claim.interval.to_string(),
                    claim.asserted_by.clone().unwrap_or_default(),
                    entry.versus_previous.map(|v| v.to_string()).unwrap_or_default(),
                    claim.sentence.clone(),
                    claim.asserted_by_kind.map(|k| k.as_str().to_string()).unwrap_or_default(),
                    claim.title.clone().unwrap_or_default(),
                    claim.url.clone().unwrap_or_default(),
                    group.independent_sources.to_string(),
                    entry.copy_of.clone().unwrap_or_default(),
                ]
                .into_iter(),
            ));
        }
    }
    out
}

fn csv_line(fields: impl Iterator<Item = String>) -> String {
    let quoted: Vec<String> = fields
        .map(|f| if f.contains([',', '"', '\n', '\r']) { format!("\"{}\"", f.replace('"', "\"\"")) } else { f })
        .collect();
    quoted.join(",") + "\n"
}

/// The groups as pretty JSON.
pub fn json(groups: &[Group]) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(&serde_json::json!({ "groups": groups }))
}
