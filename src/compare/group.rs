//! Grouping: claims with their document facts ([`ComparedClaim`]) join groups that count
//! the same thing, groups merge, and each group's figures are set against their
//! predecessors (see the parent module's "Grouping rules").

use super::conflict::Conflict;
use super::interval::{plain_figure, verdict, Interval, Verdict, ACCUMULATING_KINDS, INCIDENT_FACTOR};
use super::key::{GroupKey, Scale, Scope};
use crate::doc::PartialDate;
use crate::names::{NameIndex, NameKind};
use crate::schema::{ClaimKind, ClaimRecord, GeoLevel, Record, Status, TextSpan};
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::{BTreeSet, HashSet};
use std::sync::LazyLock;

/// Subject classes too common to tie two reports of an incident together on their own.
static COMMON_SUBJECTS: LazyLock<Vec<&str>> = crate::words!("en/compare/common_subjects.txt");

/// How far a figure matched through an open field may be from the group's first figure.
pub const MAGNITUDE_FACTOR: f64 = 3.0;

/// Tolls of at least this many count a whole conflict ("the conflict has killed more
/// than 13,000"); stories often state them without place or time.
pub const CONFLICT_TOLL: f64 = 10_000.0;

/// How many days a report of an incident may be from another report of it.
pub const INCIDENT_DAYS: i64 = 5;

/// How many points of evidence (see the parent module's documentation) tie a report to
/// an incident.
pub const INCIDENT_EVIDENCE: u8 = 2;

/// Share of word shingles (Jaccard) a claim's paragraph must share with an earlier
/// member's, from another document, to be a copy of it: a wire story an outlet reran
/// with small edits. Independent reports of one figure share far less.
pub const COPY_JACCARD: f64 = 0.5;

/// Words per shingle when comparing paragraphs.
const SHINGLE_WORDS: usize = 3;

/// A claim with the document facts compare needs.
#[derive(Debug, Clone, Serialize)]
pub struct ComparedClaim {
    /// Document id.
    pub doc_id: String,
    /// Document source.
    pub source: String,
    /// Document date.
    pub date: Option<PartialDate>,
    /// Whether the date was inferred.
    pub date_inferred: bool,
    /// Document title.
    pub title: Option<String>,
    /// Document URL.
    pub url: Option<String>,
    /// The claim's kind.
    pub kind: ClaimKind,
    /// The number mention as written.
    pub figure: String,
    /// Record `low`.
    pub low: Option<u64>,
    /// Record `high`.
    pub high: Option<u64>,
    /// The figure's interval.
    pub interval: Interval,
    /// Whether the figure is a vague amount ("thousands", "two or three").
    pub vague: bool,
    /// Who asserts it: the speaker of the quote around it, else the claim's
    /// attribution, under its corpus-wide canonical name ([`crate::names`]).
    pub asserted_by: Option<String>,
    /// What `asserted_by` stands for (person, institution, unknown), when known.
    pub asserted_by_kind: Option<NameKind>,
    /// The sentence.
    pub sentence: String,
    /// The figure's code point range in `sentence`, when known.
    pub highlight: Option<(usize, usize)>,
    /// The paragraph around the sentence, when the record has it (text and code point
    /// range in the document).
    pub paragraph: Option<TextSpan>,
    /// The claim's own key.
    pub key: GroupKey,
    /// Code point offset of the figure in the document.
    pub start: usize,
    /// Index of the claim's sentence in its document.
    pub sentence_index: usize,
    /// The kinds and figures of the other claims in its sentence ("killed 23 and wounded
    /// 140": the wounded figure's sibling is `killed` 23).
    #[serde(skip)]
    pub siblings: Vec<(ClaimKind, Interval)>,
}

impl ComparedClaim {
    fn new(doc: &Record, claim: &ClaimRecord, conflict: &Conflict, names: &NameIndex) -> Self {
        let sentence = claim.sentence_text.clone().unwrap_or_default();
        let sentence_start = doc.sentences.get(claim.sentence).map(|s| s[0]);
        let asserter = quoting_speaker(doc, claim).or_else(|| claim.attributed_to.as_ref().map(|a| a.text.clone()));
        let asserter_name = asserter.as_deref().and_then(|a| names.canonical(a));
        let asserted_by = asserter_name.map(|n| n.name.clone()).or(asserter);
        let highlight = sentence_start
            .and_then(|s| claim.start.checked_sub(s).map(|from| (from, from + claim.end - claim.start)))
            .filter(|&(_, end)| end <= sentence.chars().count());
        ComparedClaim {
            doc_id: doc.id.clone(),
            source: doc.source.clone().unwrap_or_else(|| super::NO_SOURCE.to_string()),
            date: doc.date,
            date_inferred: doc.date_inferred,
            title: doc.title.clone(),
            url: doc.url.clone(),
            kind: claim.kind,
            figure: claim.text.clone(),
            low: claim.low,
            high: claim.high,
            interval: Interval::of(claim),
            vague: claim.approx && claim.low.is_some() && claim.high.is_some() && claim.low != claim.high,
            asserted_by,
            asserted_by_kind: asserter_name.map(|n| n.speaker_kind()),
            sentence,
            highlight,
            paragraph: claim.paragraph.clone(),
            key: GroupKey::of(claim, conflict),
            start: claim.start,
            sentence_index: claim.sentence,
            siblings: doc
                .claims
                .iter()
                .filter(|c| c.sentence == claim.sentence && c.start != claim.start)
                .map(|c| (c.kind, Interval::of(c)))
                .collect(),
        }
    }

    /// The figure as a reader writes it: "at least 23", "more than 13,000", "up to 66",
    /// "fewer than 50", "about 4,000", "23-25", "14,000" (no interval notation).
    pub fn plain_figure(&self) -> String {
        plain_figure(self.low, self.high, &self.interval)
    }

    /// The document date as printed (`~` marks an inferred date).
    pub fn date_label(&self) -> String {
        match self.date {
            Some(date) => format!("{date}{}", if self.date_inferred { "~" } else { "" }),
            None => "undated".into(),
        }
    }
}

/// The speaker of the quote whose content holds the claim.
fn quoting_speaker(doc: &Record, claim: &ClaimRecord) -> Option<String> {
    doc.quotes
        .iter()
        .find(|q| q.content.start <= claim.start && claim.end <= q.content.end)
        .and_then(|q| q.speaker.as_ref().map(|s| s.name.clone()))
}

/// The claims of successful records, with document facts, keyed under a conflict; who
/// asserts each is named as the corpus names them ([`NameIndex`]).
pub fn claims_of(records: &[Record], conflict: &Conflict) -> Vec<ComparedClaim> {
    let names = NameIndex::of(records);
    records
        .iter()
        .filter(|r| r.status == Status::Ok)
        .flat_map(|doc| doc.claims.iter().map(move |c| (doc, c)))
        .map(|(doc, c)| ComparedClaim::new(doc, c, conflict, &names))
        .collect()
}

/// A figure and how it relates to the previous one in its group.
#[derive(Debug, Clone, Serialize)]
pub struct GroupEntry {
    /// The claim.
    #[serde(flatten)]
    pub claim: ComparedClaim,
    /// Against the previous entry; `None` for the first.
    pub versus_previous: Option<Verdict>,
    /// Whether this entry and the previous one have the same document date.
    pub same_date_as_previous: bool,
    /// The id of the document whose text this claim's paragraph copies (an earlier
    /// member from another document, [`COPY_JACCARD`]); `None` for an original report.
    pub copy_of: Option<String>,
}

/// Claims that count the same thing, ordered by date.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// The group's key (the union of its members' stated fields).
    pub key: GroupKey,
    /// The key as a person reads it.
    pub label: String,
    /// The key in plain words, the heading readers see ("Killed, people, eastern
    /// Ukraine, since 2014").
    pub heading: String,
    /// Distinct sources.
    pub sources: usize,
    /// Distinct sources of the entries that copy no earlier entry: a figure five outlets
    /// reran from one wire story counts once.
    pub independent_sources: usize,
    /// Distinct documents.
    pub documents: usize,
    /// The claims, by date.
    pub entries: Vec<GroupEntry>,
}

impl Group {
    /// Contradictions between neighbours on the same date.
    pub fn same_date_contradictions(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| e.versus_previous == Some(Verdict::Contradictory) && e.same_date_as_previous)
            .count()
    }

    /// All contradictions between neighbours.
    pub fn contradictions(&self) -> usize {
        self.entries.iter().filter(|e| e.versus_previous == Some(Verdict::Contradictory)).count()
    }

    /// Distinct independent sources, or distinct documents when `per_document`.
    pub fn breadth(&self, per_document: bool) -> usize {
        if per_document {
            self.documents
        } else {
            self.independent_sources
        }
    }
}

/// A group being built.
struct Forming {
    key: GroupKey,
    anchor: Option<f64>,
    members: Vec<ComparedClaim>,
}

impl Forming {
    fn start(claim: ComparedClaim) -> Self {
        Forming { key: claim.key.clone(), anchor: claim.interval.representative(), members: vec![claim] }
    }

    /// Whether the claim joins this group (see the parent module's documentation).
    fn accepts(&self, claim: &ComparedClaim) -> bool {
        let same_sentence = |m: &ComparedClaim| m.doc_id == claim.doc_id && m.sentence_index == claim.sentence_index;
        if !self.key.compatible(&claim.key) || self.members.iter().any(same_sentence) {
            return false;
        }
        if self.key.rate.is_some() {
            return true;
        }
        if self.key.scale == Scale::Incident || claim.key.scale == Scale::Incident {
            return self.near_in_time(claim) && self.incident_evidence(claim) >= INCIDENT_EVIDENCE;
        }
        let same_context = self.key.same_fields(&claim.key) && self.key.states_context();
        let nested = claim.key.refines(&self.key) || self.key.refines(&claim.key);
        let trusted_figure = !claim.vague
            && self.same_magnitude(claim, MAGNITUDE_FACTOR)
            && nested
            && self.key.shares_context(&claim.key);
        let conflict_toll = [self.anchor, claim.interval.representative()]
            .iter()
            .all(|value| value.is_some_and(|v| v >= CONFLICT_TOLL));
        let same_toll = !claim.vague
            && conflict_toll
            && self.key.side == claim.key.side
            && ACCUMULATING_KINDS.contains(&self.key.kind)
            && self.same_magnitude(claim, INCIDENT_FACTOR);
        same_context || trusted_figure || same_toll
    }

    /// The claim's document at most [`INCIDENT_DAYS`] from one of the group's documents.
    fn near_in_time(&self, claim: &ComparedClaim) -> bool {
        day_number(claim.date).is_some_and(|day| {
            self.members.iter().filter_map(|m| day_number(m.date)).any(|member| (member - day).abs() <= INCIDENT_DAYS)
        })
    }

    /// How strongly the claim reports this group's incident: 2 for the same town (1 for
    /// the same city of [`CITY_POPULATION`](super::conflict::CITY_POPULATION) or more: a
    /// city sees many incidents a week), 1 for
    /// the same first-level division, a town inside it or a town within 15 km; 1 for a figure that agrees with a member's
    /// ([`Interval::agrees_with`]); 1 for the same stated side or the same uncommon subject
    /// ("prisoners", not "people"); 1 when the two reports give another figure of the
    /// same kind that agrees (both say 23 killed beside their wounded figures); 1 when both
    /// state the same day ("on Tuesday" in two reports of that week). A single
    /// victim ("a man was shot", "he died", "at least one"), the claim's or every member's,
    /// gets no point for its figure or its subject: every shooting has one, so only place
    /// and sibling figures tie two such reports.
    fn incident_evidence(&self, claim: &ComparedClaim) -> u8 {
        let place = match (&self.key.region, &claim.key.region) {
            (Some(a), Some(b)) if a == b && a.level == GeoLevel::City => 2 - u8::from(a.is_city()),
            (Some(a), Some(b)) if a.closely_within(b) || b.closely_within(a) || a.neighbours(b) => 1,
            _ => 0,
        };
        let one = |c: &ComparedClaim| c.low == Some(1) && c.high.is_none_or(|high| high == 1);
        let single = one(claim) || self.members.iter().all(one);
        let agrees = self.members.iter().any(|m| m.interval.agrees_with(&claim.interval));
        let figure = u8::from(!claim.vague && !single && agrees);
        let same_side = self.key.side.is_some() && self.key.side == claim.key.side;
        let uncommon_subject = self.key.subject.as_ref().is_some_and(|s| !COMMON_SUBJECTS.contains(&s.as_str()))
            && self.key.subject == claim.key.subject
            && !single;
        let sibling = self.members.iter().any(|member| agree_on_sibling(member, claim));
        let same_day = matches!((&self.key.time, &claim.key.time),
            (Some(Scope::During(a)), Some(Scope::During(b))) if a == b && a.day.is_some());
        place + figure + u8::from(same_side || uncommon_subject) + u8::from(sibling) + u8::from(same_day)
    }

    /// Within `factor` of the group's first figure.
    fn same_magnitude(&self, claim: &ComparedClaim, factor: f64) -> bool {
        match (self.anchor, claim.interval.representative()) {
            (Some(anchor), Some(value)) if anchor > 0.0 && value > 0.0 => {
                anchor.max(value) / anchor.min(value) <= factor
            }
            _ => false,
        }
    }
}

/// Whether two claims' sentences give other figures of the same kind that agree
/// ([`Interval::agrees_with`]).
fn agree_on_sibling(a: &ComparedClaim, b: &ComparedClaim) -> bool {
    a.siblings.iter().any(|(kind, x)| b.siblings.iter().any(|(other, y)| kind == other && x.agrees_with(y)))
}

/// Days since 1970-01-01 of a date's first day.
pub fn day_number(date: Option<PartialDate>) -> Option<i64> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?;
    date?.first_day().map(|d| (d - epoch).num_days())
}

/// Orders claims by date (undated last), document id and position.
fn chronological(claim: &ComparedClaim) -> (bool, Option<PartialDate>, String, usize) {
    (claim.date.is_none(), claim.date, claim.doc_id.clone(), claim.start)
}

/// Groups claims by the rules in the module documentation, most telling groups first.
pub fn group(mut claims: Vec<ComparedClaim>) -> Vec<Group> {
    claims.sort_by_key(|c| (Reverse(c.key.stated()), chronological(c)));
    let mut forming: Vec<Forming> = Vec::new();
    for claim in claims {
        let best = forming
            .iter()
            .enumerate()
            .filter(|(_, g)| g.accepts(&claim))
            .max_by_key(|&(index, g)| (g.key.shared(&claim.key), g.members.len(), Reverse(index)))
            .map(|(index, _)| index);
        match best {
            Some(index) => {
                let group = &mut forming[index];
                group.key = group.key.joined_with(&claim.key);
                group.members.push(claim);
            }
            None => forming.push(Forming::start(claim)),
        }
    }
    let mut groups: Vec<Group> = merge_agreeing(forming).into_iter().map(finish_group).collect();
    groups.sort_by_key(|g| {
        (
            Reverse(g.same_date_contradictions()),
            Reverse(g.contradictions()),
            Reverse(g.independent_sources),
            Reverse(g.sources),
            Reverse(g.documents),
            Reverse(g.entries.len()),
            g.label.clone(),
        )
    });
    groups
}

/// Merges each group into the first earlier group that accepts at least half of its
/// claims: a group started by a claim that had no match yet can still meet one formed
/// later.
fn merge_agreeing(forming: Vec<Forming>) -> Vec<Forming> {
    let mut merged: Vec<Forming> = Vec::with_capacity(forming.len());
    for group in forming {
        let target = merged.iter().position(|earlier| {
            let accepted = group.members.iter().filter(|member| earlier.accepts(member)).count();
            earlier.key.compatible(&group.key) && accepted * 2 >= group.members.len()
        });
        match target {
            Some(index) => {
                let earlier = &mut merged[index];
                earlier.key = earlier.key.joined_with(&group.key);
                earlier.members.extend(group.members);
            }
            None => merged.push(group),
        }
    }
    merged
}

fn finish_group(forming: Forming) -> Group {
    let mut members = forming.members;
    members.sort_by_key(chronological);
    let sources = members.iter().map(|c| c.source.as_str()).collect::<BTreeSet<_>>().len();
    let documents = members.iter().map(|c| c.doc_id.as_str()).collect::<BTreeSet<_>>().len();
    let copies = copied_documents(&members);
    let independent_sources = members
        .iter()
        .zip(&copies)
        .filter(|(_, copy_of)| copy_of.is_none())
        .map(|(c, _)| c.source.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    let mut entries: Vec<GroupEntry> = Vec::with_capacity(members.len());
    for (claim, copy_of) in members.into_iter().zip(copies) {
        let previous = entries.last().map(|e| &e.claim);
        let same_date = previous.is_some_and(|p| p.date.is_some() && p.date == claim.date);
        let versus_previous = previous.map(|p| verdict(forming.key.kind, &p.interval, &claim.interval, same_date));
        entries.push(GroupEntry { claim, versus_previous, same_date_as_previous: same_date, copy_of });
    }
    Group {
        label: forming.key.to_string(),
        heading: forming.key.heading(),
        key: forming.key,
        sources,
        independent_sources,
        documents,
        entries,
    }
}

/// For each claim (in chronological order), the document its document copies: the
/// first earlier document of the group one of whose claims' paragraphs (the sentence
/// when the record has none) shares at least [`COPY_JACCARD`] of its word shingles with
/// one of this document's; `None` for an original report. A copy is a copy in every
/// claim, so a rewritten headline does not make a wire copy independent.
fn copied_documents(members: &[ComparedClaim]) -> Vec<Option<String>> {
    let shingles: Vec<HashSet<String>> =
        members.iter().map(|c| word_shingles(c.paragraph.as_ref().map_or(&c.sentence, |p| &p.text))).collect();
    let mut documents: Vec<&str> = Vec::new();
    let doc_of: Vec<usize> = members
        .iter()
        .map(|c| {
            documents.iter().position(|d| *d == c.doc_id).unwrap_or_else(|| {
                documents.push(&c.doc_id);
                documents.len() - 1
            })
        })
        .collect();
    let doc_of = &doc_of;
    let claims_in = |doc: usize| (0..members.len()).filter(move |&k| doc_of[k] == doc);
    let pairs = |d: usize, e: usize| {
        claims_in(d).any(|i| claims_in(e).any(|j| jaccard(&shingles[i], &shingles[j]) >= COPY_JACCARD))
    };
    let copy_of: Vec<Option<usize>> = (0..documents.len()).map(|d| (0..d).find(|&e| pairs(d, e))).collect();
    doc_of.iter().map(|&d| copy_of[d].map(|e| documents[e].to_string())).collect()
}

/// The lower-cased runs of [`SHINGLE_WORDS`] words of a text (a shorter text is one
/// shingle), punctuation ignored.
fn word_shingles(text: &str) -> HashSet<String> {
    let words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    words.windows(SHINGLE_WORDS.min(words.len()).max(1)).map(|w| w.join(" ")).collect()
}

/// Shared shingles over all shingles of the two sets (0 when both are empty).
fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}
