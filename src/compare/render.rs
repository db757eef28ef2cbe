//! Rendering groups: a terminal table, CSV (one row per claim) and JSON.

use super::group::{ComparedClaim, Group, GroupEntry};
use std::fmt::Write as _;

/// Sentence characters shown in the terminal table.
const TABLE_SENTENCE_CHARS: usize = 180;

/// The groups as a readable terminal table.
pub fn table(groups: &[Group]) -> String {
    let mut out = String::new();
    for (number, group) in groups.iter().enumerate() {
        let _ = writeln!(
            out,
            "GROUP {}  {}  ({} claims, {} sources, {} documents{})",
            number + 1,
            group.label,
            group.entries.len(),
            group.sources,
            group.documents,
            contradiction_note(group)
        );
        let _ = writeln!(
            out,
            "  {:<12} {:<28} {:<22} {:<20} {:<20} vs previous",
            "date", "source", "figure", "interval", "asserted by"
        );
        for entry in &group.entries {
            table_row(&mut out, entry);
        }
        out.push('\n');
    }
    out
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
        "  {:<12} {:<28} {:<22} {:<20} {:<20} {}",
        claim.date_label(),
        clip_start(&claim.source, 28),
        clip(&claim.figure, 22),
        claim.interval.to_string(),
        clip(claim.asserted_by.as_deref().unwrap_or("-"), 20),
        verdict
    );
    let _ = writeln!(out, "      \"{}\"", sentence_window(claim));
}

/// The claim's sentence on one line, cut to [`TABLE_SENTENCE_CHARS`] around the figure.
fn sentence_window(claim: &ComparedClaim) -> String {
    let chars: Vec<char> = claim.sentence.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
    if chars.len() <= TABLE_SENTENCE_CHARS {
        return chars.into_iter().collect();
    }
    let figure_at = claim.highlight.map_or(0, |(start, _)| start);
    let start = figure_at.saturating_sub(TABLE_SENTENCE_CHARS / 3).min(chars.len() - TABLE_SENTENCE_CHARS);
    let end = start + TABLE_SENTENCE_CHARS;
    let before = if start > 0 { "…" } else { "" };
    let after = if end < chars.len() { "…" } else { "" };
    format!("{before}{}{after}", chars[start..end].iter().collect::<String>())
}

/// The text cut to `width` characters, its start kept and the cut marked with an ellipsis.
fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    text.chars().take(width - 1).chain(std::iter::once('…')).collect()
}

/// The text cut to `width` characters, its end kept (file names differ at the end).
fn clip_start(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count <= width {
        return text.to_string();
    }
    std::iter::once('…').chain(text.chars().skip(count + 1 - width)).collect()
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
