//! Compare numeric claims across documents and sources: which figures count the same
//! thing, and how they move.
//!
//! `compare` reads claimex JSONL records ([`crate::schema::Record`]; it never re-runs a
//! stage) and groups their claims. What it knows of a conflict (sides, the gazetteer)
//! comes from a conflict profile ([`crate::profile`]), made ready in [`conflict`].
//!
//! The parts, in the order a run uses them: [`conflict`] (profile lookups and places),
//! [`key`] (what a claim counts), [`interval`] (what its figure allows, verdicts),
//! [`group`] (grouping and merging), [`render`] (table, CSV, JSON).
//!
//! # Grouping rules
//!
//! Every claim gets a **key** of six fields; a field the text does not state is `*`
//! (open):
//!
//! | field   | from                                                                      | example        |
//! |---------|---------------------------------------------------------------------------|----------------|
//! | kind    | the claim's kind (never open)                                             | `killed`       |
//! | subject | the claim's subject, its first word found in `lexicon/en/compare/subject_classes.tsv` or the profile's `subjects`, else its last word; open for nouns that only name the kind (`kind_nouns.txt`: "deaths") | `people` ("Russian soldiers" → `soldiers`, "captured fighters" → `prisoners`) |
//! | side    | the claim's side, else a side word of the subject (the profile's `sides`, lower-cased) | `russian`      |
//! | region  | the claim's GeoNames place (`geo`: a town, a first-level division or a country, see [`conflict`]); else the last proper name of its place phrase ("the village of Zolote" → `zolote`), else a common place noun of it ("border") | `chasiv yar`, `border` |
//! | time    | from the claim's time scope: `since YEAR` (a start and no end), `during DATE` (one date), `DATE..DATE`, `until DATE` | `since 2014` |
//! | rate    | the claim's `rate` ("100 soldiers a day"): `per day`; a rate never meets a count | `per day` |
//!
//! Who asserts a figure is the speaker of the quote whose content holds it (the quote
//! layer's canonical name, "Volodymyr Zelenskiy" rather than "he"), else the claim's
//! `attributed_to`.
//!
//! The key prints as `killed | people | side=* | region=donetsk | time=since 2014`.
//!
//! Places nest by the GeoNames hierarchy, for any country: a town lies in its first-level
//! division, which lies in its country (Olenivka in Donetsk in Ukraine; Austin in Texas
//! in the United States); two towns within a few kilometres are neighbours.
//!
//! Two keys are **compatible** when their kinds and rates are equal and every other
//! field is open on one side, equal, or nested: a region inside the other (Chasiv Yar
//! meets Donetsk), civilians inside people (`subject_within.tsv`), a date inside a period
//! ("on Friday" inside "last week"; for two tallies the shorter scope must cover at
//! least [`TALLY_SPAN_SHARE`](key::TALLY_SPAN_SHARE) of the longer: a night's toll is
//! not five months'); `since YEAR` also meets `during YEAR` of the same
//! bare year ("the war that broke out in 2014 has killed 14,000" is the running total
//! "since 2014"), and the group keeps `since`.
//!
//! Claims are taken most specific first (most stated fields), then by date; each joins
//! the accepting group (below) that shares the most stated fields with it (ties: the
//! larger group, then the older one), or starts a new group. A group never takes two
//! claims of one sentence ("23 people, including three children" are two counts).
//! A group's key is the union of its members' stated fields, nested ones narrowed to the
//! more exact value, so a claim that states `region=chasiv yar` fixes the region of a
//! group whose first member said `donetsk`. Last, each group merges into the first
//! earlier group that accepts at least half of its claims.
//!
//! A figure below [`INCIDENT_SCALE`](key::INCIDENT_SCALE) counts one **incident** ("two people were killed"),
//! not a tally; the key says `| incident`. Where either figure is an incident, a claim
//! joins a group only from a document at most [`INCIDENT_DAYS`](group::INCIDENT_DAYS) days from one of the
//! group's documents and with at least [`INCIDENT_EVIDENCE`](group::INCIDENT_EVIDENCE) points of evidence that it
//! reports the same incident:
//!
//! - 2 for the same town, 1 for the same city of
//!   [`CITY_POPULATION`](conflict::CITY_POPULATION) inhabitants or more (a city sees
//!   many incidents a week: Mykolaiv's bus stop and high-rise strikes of one night are two);
//!   1 for the same oblast, or a town inside the other's oblast
//!   (parts of a country and countries give none: "eastern Ukraine" holds too many
//!   shellings);
//! - 1 for a figure that agrees with a member's ([`Interval::agrees_with`]: within
//!   [`INCIDENT_FACTOR`](interval::INCIDENT_FACTOR), or equal below
//!   [`SMALL_FIGURE`](interval::SMALL_FIGURE));
//! - 1 for the same stated side, or the same uncommon subject ("prisoners", not
//!   `common_subjects.txt`);
//! - none for the figure or the subject when the claim or every member is a single
//!   victim (low 1, high 1 or open: "a man was shot", "he died", "at least one"): every
//!   shooting has one;
//! - 1 when the two sentences give another figure that agrees ("killed 23 and wounded
//!   140" and "23 killed and up to 66 wounded": the wounded figures are one attack's);
//! - 1 when both state the same day ("on Tuesday" in two reports of that week: 10 and 21
//!   killed in one city that day meet, two strikes on a city reported without a day do not).
//!
//! Tallies (running totals, aggregates) group across any dates, in one of three ways:
//!
//! - **same context**: the keys state the same fields, agree, and state a side, region
//!   or time (kind and subject alone say too little: "tens of thousands killed" is any
//!   war); their regions must be equal or one inside the other's oblast, so Olenivka
//!   does not meet "Ukraine" this way;
//! - **same magnitude**: one key says all the other says and more, both state a side,
//!   region or time they agree on, and the figure is a number (not a vague amount such
//!   as "thousands") within a factor of [`MAGNITUDE_FACTOR`](group::MAGNITUDE_FACTOR) of the group's first;
//! - **same toll**: a death or wound toll of at least [`CONFLICT_TOLL`](group::CONFLICT_TOLL) within
//!   [`INCIDENT_FACTOR`](interval::INCIDENT_FACTOR) of the group's first, for the same side or both without one,
//!   whatever the other open fields: stories state a conflict's running toll without
//!   place or time ("The conflict has killed more than 13,000 people"), but one side's
//!   dead ("37,000 dead Russian soldiers") are not everyone's.
//!
//! Rates (`per day`) are one figure of an ongoing war, not an incident: compatible rates
//! group together, and a rate group's key keeps only the fields all its claims state
//! (one report's "Mariupol, in May" is not the whole group's).
//!
//! Within a group, claims are ordered by document date (undated last), then document id
//! and position. "Sources" are distinct `source` values; `--per-document` counts distinct
//! document ids instead.
//!
//! # Independent sources
//!
//! A document of a group **copies** the first earlier document of the group one of whose
//! claims' paragraphs shares at least [`COPY_JACCARD`](group::COPY_JACCARD) of its word
//! shingles with one of its own claims' paragraphs (a wire story rerun with small edits).
//! Independent sources are the distinct sources of the documents that copy no one;
//! `--min-sources` counts them.
//!
//! # Interval logic
//!
//! A claim's figure is the interval `[low, high]` of its record, an absent bound being
//! open (−∞ or +∞ for drawing, 0 or ∞ for counting). `more_than` makes the low bound
//! strict and `almost` / `less_than` make the high bound strict ("almost 100,000" and
//! "more than 100,000" do not meet). A hedged point figure ("about 14,000") is widened
//! by [`APPROX_TOLERANCE`](interval::APPROX_TOLERANCE) on both sides. Each claim is set against its predecessor:
//!
//! - **consistent**: the intervals overlap;
//! - **rising**: the later interval lies wholly above the earlier;
//! - **falling**: the later interval lies wholly below the earlier;
//! - **contradictory**: the intervals are disjoint and the two documents have the same
//!   date, or the later one is lower for a kind that only accumulates
//!   ([`ACCUMULATING_KINDS`](interval::ACCUMULATING_KINDS): a death toll cannot fall).
//!
//! Groups with same-date contradictions come first, then groups with other
//! contradictions, then by number of independent sources, sources, documents and claims.

pub mod conflict;
pub mod group;
pub mod interval;
pub mod key;
pub mod render;

pub use conflict::{Conflict, Place};
pub use group::{claims_of, day_number, group, ComparedClaim, Group, GroupEntry};
pub use interval::{thousands, verdict, Bound, Interval, Verdict};
pub use key::{GroupKey, Scale, Scope};
pub use render::{csv, independence_note, json, table};

use crate::profile::Profile;
use crate::schema::Record;
use std::io::BufRead;
use std::path::Path;

/// Why claims could not be compared.
#[derive(Debug, thiserror::Error)]
pub enum CompareError {
    /// A claims file could not be read.
    #[error("cannot read {path}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A Parquet claims file could not be read (the error names the file).
    #[error(transparent)]
    Parquet(#[from] crate::io::parquet::ParquetReadError),
    /// A line is not a claimex record.
    #[error("{path}:{line}: not a claimex record")]
    Malformed {
        /// The file.
        path: String,
        /// The line, from 1.
        line: usize,
        /// The cause.
        source: serde_json::Error,
    },
}

/// Reads the records of claimex output files, in order: JSONL (blank lines skipped),
/// gzip-compressed JSONL (`.gz`, or any file that starts with the gzip magic), the
/// claims Parquet of `extract --format parquet` (`.parquet`, or the `PAR1` magic), or
/// `-` for JSONL on standard input.
pub fn read_records(paths: &[impl AsRef<Path>]) -> Result<Vec<Record>, CompareError> {
    let mut records = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let name = path.display().to_string();
        if name == "-" {
            records.extend(read_jsonl(std::io::stdin().lock(), &name)?);
            continue;
        }
        let io_error = |source| CompareError::Io { path: name.clone(), source };
        let mut file = std::io::BufReader::new(std::fs::File::open(path).map_err(io_error)?);
        let magic = file.fill_buf().map_err(io_error)?;
        if magic.starts_with(b"PAR1") {
            records.extend(crate::io::parquet::read_records(path)?);
        } else if magic.starts_with(&[0x1f, 0x8b]) {
            let decoder = flate2::bufread::MultiGzDecoder::new(file);
            records.extend(read_jsonl(std::io::BufReader::new(decoder), &name)?);
        } else {
            records.extend(read_jsonl(file, &name)?);
        }
    }
    Ok(records)
}

/// The records of a JSONL stream named `name` in errors; blank lines are skipped.
fn read_jsonl(reader: impl BufRead, name: &str) -> Result<Vec<Record>, CompareError> {
    let mut records = Vec::new();
    for (index, line) in reader.lines().enumerate() {
        let line = line.map_err(|source| CompareError::Io { path: name.to_string(), source })?;
        if line.trim().is_empty() {
            continue;
        }
        let record = serde_json::from_str(&line).map_err(|source| CompareError::Malformed {
            path: name.to_string(),
            line: index + 1,
            source,
        })?;
        records.push(record);
    }
    Ok(records)
}

/// Which groups to show.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    /// Least number of independent sources (or documents) a group needs.
    pub min_sources: usize,
    /// Count distinct document ids instead of distinct sources.
    pub per_document: bool,
}

impl Default for Selection {
    fn default() -> Self {
        Selection { min_sources: 2, per_document: false }
    }
}

/// The source of a document whose record names none: all such documents count as one
/// source, never as one source each.
pub const NO_SOURCE: &str = "(no source)";

/// The groups of records' claims that meet the selection, keyed under a conflict profile.
pub fn compare_records(records: &[Record], selection: Selection, profile: &Profile) -> Vec<Group> {
    select(group(claims_of(records, &Conflict::new(profile))), selection)
}

/// What the inputs of `compare` and `report` hold, for honest totals.
#[derive(Debug, Clone, PartialEq)]
pub struct InputSummary {
    /// Records read.
    pub documents: usize,
    /// Ids of the records whose documents failed (`status` error).
    pub failed: Vec<String>,
    /// Annotated records with no `source`.
    pub without_source: usize,
    /// Distinct sources of the annotated records (those without one count as one).
    pub sources: usize,
    /// Claims read.
    pub claims: usize,
}

/// Failed document ids named at most in a summary line.
const FAILED_NAMED: usize = 10;

impl InputSummary {
    /// The summary of `records`.
    pub fn of(records: &[Record]) -> Self {
        let failed = records.iter().filter(|r| r.status == crate::schema::Status::Error).map(|r| r.id.clone());
        let annotated = || records.iter().filter(|r| r.status == crate::schema::Status::Ok);
        let sources: std::collections::BTreeSet<&str> =
            annotated().map(|r| r.source.as_deref().unwrap_or(NO_SOURCE)).collect();
        InputSummary {
            documents: records.len(),
            failed: failed.collect(),
            without_source: annotated().filter(|r| r.source.is_none()).count(),
            sources: sources.len(),
            claims: records.iter().map(|r| r.claims.len()).sum(),
        }
    }

    /// One line: documents, failed ones named, sources, claims, and documents without a
    /// source ("14 documents (8 failed: a, b, ...), 2 sources, 40 claims").
    pub fn line(&self) -> String {
        let mut line = counted(self.documents, "document", "documents");
        if !self.failed.is_empty() {
            let named: Vec<&str> = self.failed.iter().take(FAILED_NAMED).map(String::as_str).collect();
            let more = if self.failed.len() > FAILED_NAMED { ", ..." } else { "" };
            line.push_str(&format!(" ({} failed: {}{more})", self.failed.len(), named.join(", ")));
        }
        line.push_str(&format!(
            ", {}, {}",
            counted(self.sources, "source", "sources"),
            counted(self.claims, "claim", "claims")
        ));
        if self.without_source > 0 {
            let documents = counted(self.without_source, "document has", "documents have");
            line.push_str(&format!(
                "; {documents} no `source` and count{} as one source {NO_SOURCE}",
                if self.without_source == 1 { "s" } else { "" }
            ));
        }
        line
    }
}

/// "1 group", "2 groups".
pub fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// Why `compare` found no group under `selection`, and what to try: how many sources the
/// claims come from and how many groups `--per-document` or `--min-sources 1` would show.
pub fn no_groups_hint(records: &[Record], selection: Selection, profile: &Profile, summary: &InputSummary) -> String {
    let unit = if selection.per_document { ("document", "documents") } else { ("source", "sources") };
    let mut hint = format!(
        "no groups: a group needs claims from at least {} that count the same thing; the input has {} and {}",
        counted(selection.min_sources, unit.0, if selection.per_document { unit.1 } else { "independent sources" }),
        counted(summary.sources, "source", "sources"),
        counted(summary.claims, "claim", "claims"),
    );
    let per_document = compare_records(records, Selection { per_document: true, ..selection }, profile).len();
    if !selection.per_document && per_document > 0 {
        hint.push_str(&format!(
            "; --per-document (distinct documents) shows {}",
            counted(per_document, "group", "groups")
        ));
    }
    let single = compare_records(records, Selection { min_sources: 1, ..selection }, profile).len();
    if selection.min_sources > 1 && single > 0 {
        hint.push_str(&format!("; --min-sources 1 shows {}", counted(single, "group", "groups")));
    }
    hint
}

/// The groups that meet the selection.
pub fn select(groups: Vec<Group>, selection: Selection) -> Vec<Group> {
    groups.into_iter().filter(|g| g.breadth(selection.per_document) >= selection.min_sources).collect()
}
