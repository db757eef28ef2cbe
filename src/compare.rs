//! Compare numeric claims across documents and sources: which figures count the same
//! thing, and how they move.
//!
//! `compare` reads claimex JSONL records (it never re-runs a stage) and groups their
//! claims.
//!
//! # Grouping rules
//!
//! Every claim gets a **key** of six fields; a field the text does not state is `*`
//! (open):
//!
//! | field   | from                                                                      | example        |
//! |---------|---------------------------------------------------------------------------|----------------|
//! | kind    | the claim's kind (never open)                                             | `killed`       |
//! | subject | the claim's subject, its first word found in [`SUBJECT_CLASSES`], else its last word; open for nouns that only name the kind ([`KIND_NOUNS`]: "deaths") | `people` ("Russian soldiers" → `soldiers`, "captured fighters" → `prisoners`) |
//! | side    | the claim's side, else a side word of the subject ([`SIDES`])             | `russian`      |
//! | region  | the most exact [`REGIONS`] term in the claim's place, narrowed by a term inside it that the sentence introduces with a locative preposition ("in", "near", "along"...); else such a sentence term; else the last proper name of a stated place ("the village of Zolote" → `zolote`) | `chasiv yar`, `border` |
//! | time    | from the claim's time scope: `since YEAR` (a start and no end), `during DATE` (one date), `DATE..DATE`, `until DATE` | `since 2014` |
//! | rate    | the claim's `rate` ("100 soldiers a day"): `per day`; a rate never meets a count | `per day` |
//!
//! Who asserts a figure is the speaker of the quote whose content holds it (the quote
//! layer's canonical name, "Volodymyr Zelenskiy" rather than "he"), else the claim's
//! `attributed_to`.
//!
//! The key prints as `killed | people | side=* | region=eastern ukraine | time=since 2014`.
//! Capitals are not read from the sentence without a locative preposition, because they
//! stand for governments ("according to Kiev"); document-wide entities are not used for
//! the region either, for the same reason.
//!
//! [`REGIONS`] is a gazetteer of the war's places with four [`Level`]s (country, part of
//! a country, oblast, town) and what lies in what: Olenivka is in Donetsk oblast, in
//! Donbas, in eastern and in southeastern Ukraine. A place it does not hold is compared
//! by name, as a town.
//!
//! Two keys are **compatible** when their kinds and rates are equal and every other
//! field is open on one side, equal, or nested: a region inside the other (Chasiv Yar
//! meets Donetsk), civilians inside people ([`SUBJECT_WITHIN`]), a date inside a period
//! ("on Friday" inside "last week"); `since YEAR` also meets `during YEAR` of the same
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
//! A figure below [`INCIDENT_SCALE`] counts one **incident** ("two people were killed"),
//! not a tally; the key says `| incident`. Where either figure is an incident, a claim
//! joins a group only from a document at most [`INCIDENT_DAYS`] days from one of the
//! group's documents and with at least [`INCIDENT_EVIDENCE`] points of evidence that it
//! reports the same incident:
//!
//! - 2 for the same town; 1 for the same oblast, or a town inside the other's oblast
//!   (parts of a country and countries give none: "eastern Ukraine" holds too many
//!   shellings);
//! - 1 for a figure that agrees with a member's ([`Interval::agrees_with`]: within
//!   [`INCIDENT_FACTOR`], or equal below [`SMALL_FIGURE`]);
//! - 1 for the same stated side, or the same uncommon subject ("prisoners", not
//!   [`COMMON_SUBJECTS`]);
//! - 1 when the two sentences give another figure that agrees ("killed 23 and wounded
//!   140" and "23 killed and up to 66 wounded": the wounded figures are one attack's).
//!
//! Tallies (running totals, aggregates) group across any dates, in one of three ways:
//!
//! - **same context**: the keys state the same fields, agree, and state a side, region
//!   or time (kind and subject alone say too little: "tens of thousands killed" is any
//!   war); their regions must be equal or one inside the other's oblast, so Olenivka
//!   does not meet "Ukraine" this way;
//! - **same magnitude**: one key says all the other says and more, both state a side,
//!   region or time they agree on, and the figure is a number (not a vague amount such
//!   as "thousands") within a factor of [`MAGNITUDE_FACTOR`] of the group's first;
//! - **same toll**: a death or wound toll of at least [`CONFLICT_TOLL`] within
//!   [`INCIDENT_FACTOR`] of the group's first, for the same side or both without one,
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
//! # Interval logic
//!
//! A claim's figure is the interval `[low, high]` of its record, an absent bound being
//! open (−∞ or +∞ for drawing, 0 or ∞ for counting). `more_than` makes the low bound
//! strict and `almost` / `less_than` make the high bound strict ("almost 100,000" and
//! "more than 100,000" do not meet). A hedged point figure ("about 14,000") is widened
//! by [`APPROX_TOLERANCE`] on both sides. Each claim is set against its predecessor:
//!
//! - **consistent**: the intervals overlap;
//! - **rising**: the later interval lies wholly above the earlier;
//! - **falling**: the later interval lies wholly below the earlier;
//! - **contradictory**: the intervals are disjoint and the two documents have the same
//!   date, or the later one is lower for a kind that only accumulates
//!   ([`ACCUMULATING_KINDS`]: a death toll cannot fall).
//!
//! Groups with same-date contradictions come first, then groups with other
//! contradictions, then by number of sources, documents and claims.

use crate::doc::PartialDate;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap};
use std::fmt::{self, Write as _};
use std::io::BufRead;
use std::path::Path;
use std::sync::LazyLock;

/// Subject words and the class they count as; words not listed stand for themselves.
pub const SUBJECT_CLASSES: &[(&str, &str)] = &[
    ("people", "people"),
    ("persons", "people"),
    ("person", "people"),
    ("lives", "people"),
    ("individuals", "people"),
    ("residents", "people"),
    ("inhabitants", "people"),
    ("refugees", "people"),
    ("ukrainians", "people"),
    ("citizens", "people"),
    ("others", "people"),
    ("victims", "people"),
    ("civilians", "civilians"),
    ("civilian", "civilians"),
    ("children", "children"),
    ("child", "children"),
    ("kids", "children"),
    ("minors", "children"),
    ("soldiers", "soldiers"),
    ("soldier", "soldiers"),
    ("troops", "soldiers"),
    ("servicemen", "soldiers"),
    ("servicemembers", "soldiers"),
    ("forces", "soldiers"),
    ("personnel", "soldiers"),
    ("fighters", "soldiers"),
    ("combatants", "soldiers"),
    ("conscripts", "soldiers"),
    ("marines", "soldiers"),
    ("paratroopers", "soldiers"),
    ("military", "soldiers"),
    ("journalists", "journalists"),
    ("journalist", "journalists"),
    ("captured", "prisoners"),
    ("prisoners", "prisoners"),
    ("prisoner", "prisoners"),
    ("pows", "prisoners"),
    ("captives", "prisoners"),
    ("detainees", "prisoners"),
    ("hostages", "prisoners"),
];

/// Counted nouns that name the kind, not who is counted: their subject stays open.
pub const KIND_NOUNS: &[&str] =
    &["deaths", "dead", "bodies", "corpses", "fatalities", "casualties", "injuries", "wounded"];

/// Subject classes that are kinds of a wider class: a count of civilians also counts
/// people. Children are not listed: "23 people, including three children" are two
/// counts.
pub const SUBJECT_WITHIN: &[(&str, &str)] = &[("civilians", "people")];

/// Subject classes too common to tie two reports of an incident together on their own.
pub const COMMON_SUBJECTS: &[&str] = &["people", "civilians", "children", "soldiers"];

/// Side words (in a claim's side or subject) and the side they name.
pub const SIDES: &[(&str, &str)] = &[
    ("russian", "russian"),
    ("russians", "russian"),
    ("russia", "russian"),
    ("russia's", "russian"),
    ("moscow", "russian"),
    ("kremlin", "russian"),
    ("ukrainian", "ukrainian"),
    ("ukrainians", "ukrainian"),
    ("ukraine", "ukrainian"),
    ("ukraine's", "ukrainian"),
    ("kyiv", "ukrainian"),
    ("kiev", "ukrainian"),
    ("separatist", "separatist"),
    ("separatists", "separatist"),
    ("rebel", "separatist"),
    ("rebels", "separatist"),
    ("russian-backed", "separatist"),
    ("pro-russian", "separatist"),
    ("pro-russia", "separatist"),
];

/// How exactly a region places a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// A country or a continent: says nothing about which incident.
    Country,
    /// A part of a country ("eastern Ukraine", "Donbas", "the border").
    Part,
    /// An oblast, or a city that shares its oblast's name ("Kharkiv").
    Oblast,
    /// A town or village; also any place name the gazetteer does not hold.
    Town,
}

/// One gazetteer entry.
#[derive(Debug)]
pub struct Region {
    /// The name keys print.
    pub name: &'static str,
    /// How exactly it places a claim.
    pub level: Level,
    /// Lower-case terms that name it.
    pub terms: &'static [&'static str],
    /// The regions it lies in directly.
    pub within: &'static [&'static str],
}

/// The gazetteer of the war's places: a town lies in its oblast, an oblast in a part of
/// the country, and that in the country; "southeastern Ukraine" holds both Donbas and
/// Zaporizhzhia. Places it does not hold are compared by name alone.
pub const REGIONS: &[Region] = &[
    // Countries and other wholes.
    Region { name: "ukraine", level: Level::Country, terms: &["ukraine"], within: &[] },
    Region { name: "russia", level: Level::Country, terms: &["russia"], within: &[] },
    Region { name: "belarus", level: Level::Country, terms: &["belarus"], within: &[] },
    Region { name: "moldova", level: Level::Country, terms: &["moldova"], within: &[] },
    Region { name: "europe", level: Level::Country, terms: &["europe"], within: &[] },
    Region { name: "border", level: Level::Part, terms: &["border", "borders", "frontier"], within: &[] },
    Region { name: "crimea", level: Level::Oblast, terms: &["crimea"], within: &[] },
    // Parts of Ukraine.
    Region {
        name: "eastern ukraine",
        level: Level::Part,
        terms: &[
            "eastern ukraine",
            "eastern-ukraine",
            "east of ukraine",
            "ukraine's east",
            "east of the country",
            "eastern region",
        ],
        within: &["ukraine"],
    },
    Region {
        name: "southern ukraine",
        level: Level::Part,
        terms: &["southern ukraine", "south of ukraine", "ukraine's south", "south of the country", "southern region"],
        within: &["ukraine"],
    },
    Region {
        name: "southeastern ukraine",
        level: Level::Part,
        terms: &["southeastern ukraine", "south-eastern ukraine", "southeast of ukraine", "south-east of ukraine"],
        within: &["ukraine"],
    },
    Region {
        name: "central ukraine",
        level: Level::Part,
        terms: &[
            "central ukraine",
            "centre of ukraine",
            "center of ukraine",
            "centre of the country",
            "central region",
        ],
        within: &["ukraine"],
    },
    Region {
        name: "northern ukraine",
        level: Level::Part,
        terms: &["northern ukraine", "north of ukraine", "north of the country"],
        within: &["ukraine"],
    },
    Region {
        name: "western ukraine",
        level: Level::Part,
        terms: &["western ukraine", "west of ukraine", "west of the country"],
        within: &["ukraine"],
    },
    Region {
        name: "donbas",
        level: Level::Part,
        terms: &["donbas", "donbass"],
        within: &["eastern ukraine", "southeastern ukraine"],
    },
    // Oblasts (and cities that share their names).
    Region { name: "donetsk", level: Level::Oblast, terms: &["donetsk"], within: &["donbas"] },
    Region { name: "luhansk", level: Level::Oblast, terms: &["luhansk", "lugansk"], within: &["donbas"] },
    Region { name: "kharkiv", level: Level::Oblast, terms: &["kharkiv", "kharkov"], within: &["eastern ukraine"] },
    Region {
        name: "zaporizhzhia",
        level: Level::Oblast,
        terms: &["zaporizhzhia", "zaporizhia", "zaporozhye"],
        within: &["southern ukraine", "southeastern ukraine"],
    },
    Region { name: "kherson", level: Level::Oblast, terms: &["kherson"], within: &["southern ukraine"] },
    Region { name: "mykolaiv", level: Level::Oblast, terms: &["mykolaiv"], within: &["southern ukraine"] },
    Region { name: "odesa", level: Level::Oblast, terms: &["odesa", "odessa"], within: &["southern ukraine"] },
    Region {
        name: "dnipro",
        level: Level::Oblast,
        terms: &["dnipro", "dnipropetrovsk"],
        within: &["central ukraine", "southeastern ukraine"],
    },
    Region { name: "vinnytsia", level: Level::Oblast, terms: &["vinnytsia"], within: &["central ukraine"] },
    Region {
        name: "kirovohrad",
        level: Level::Oblast,
        terms: &["kirovohrad", "kropyvnytskyi"],
        within: &["central ukraine"],
    },
    Region { name: "poltava", level: Level::Oblast, terms: &["poltava"], within: &["central ukraine"] },
    Region { name: "cherkasy", level: Level::Oblast, terms: &["cherkasy"], within: &["central ukraine"] },
    Region { name: "kyiv", level: Level::Oblast, terms: &["kyiv", "kiev"], within: &["northern ukraine"] },
    Region { name: "chernihiv", level: Level::Oblast, terms: &["chernihiv"], within: &["northern ukraine"] },
    Region { name: "sumy", level: Level::Oblast, terms: &["sumy"], within: &["northern ukraine"] },
    Region { name: "zhytomyr", level: Level::Oblast, terms: &["zhytomyr"], within: &["northern ukraine"] },
    Region { name: "lviv", level: Level::Oblast, terms: &["lviv"], within: &["western ukraine"] },
    // Towns.
    Region { name: "mariupol", level: Level::Town, terms: &["mariupol"], within: &["donetsk"] },
    Region { name: "olenivka", level: Level::Town, terms: &["olenivka"], within: &["donetsk"] },
    Region { name: "chasiv yar", level: Level::Town, terms: &["chasiv yar"], within: &["donetsk"] },
    Region { name: "sloviansk", level: Level::Town, terms: &["sloviansk", "slovyansk"], within: &["donetsk"] },
    Region { name: "kramatorsk", level: Level::Town, terms: &["kramatorsk"], within: &["donetsk"] },
    Region { name: "bakhmut", level: Level::Town, terms: &["bakhmut"], within: &["donetsk"] },
    Region { name: "lyman", level: Level::Town, terms: &["lyman"], within: &["donetsk"] },
    Region { name: "avdiivka", level: Level::Town, terms: &["avdiivka"], within: &["donetsk"] },
    Region { name: "volnovakha", level: Level::Town, terms: &["volnovakha"], within: &["donetsk"] },
    Region { name: "horlivka", level: Level::Town, terms: &["horlivka"], within: &["donetsk"] },
    Region {
        name: "severodonetsk",
        level: Level::Town,
        terms: &["severodonetsk", "sievierodonetsk"],
        within: &["luhansk"],
    },
    Region { name: "lysychansk", level: Level::Town, terms: &["lysychansk"], within: &["luhansk"] },
    Region { name: "popasna", level: Level::Town, terms: &["popasna"], within: &["luhansk"] },
    Region { name: "bilohorivka", level: Level::Town, terms: &["bilohorivka"], within: &["luhansk"] },
    Region { name: "rubizhne", level: Level::Town, terms: &["rubizhne"], within: &["luhansk"] },
    Region { name: "izium", level: Level::Town, terms: &["izium", "izyum"], within: &["kharkiv"] },
    Region { name: "chuhuiv", level: Level::Town, terms: &["chuhuiv"], within: &["kharkiv"] },
    Region { name: "nova kakhovka", level: Level::Town, terms: &["nova kakhovka"], within: &["kherson"] },
    Region { name: "melitopol", level: Level::Town, terms: &["melitopol"], within: &["zaporizhzhia"] },
    Region { name: "enerhodar", level: Level::Town, terms: &["enerhodar"], within: &["zaporizhzhia"] },
    Region { name: "berdiansk", level: Level::Town, terms: &["berdiansk", "berdyansk"], within: &["zaporizhzhia"] },
    Region { name: "serhiivka", level: Level::Town, terms: &["serhiivka"], within: &["odesa"] },
    Region { name: "snake island", level: Level::Town, terms: &["snake island"], within: &["odesa"] },
    Region { name: "kryvyi rih", level: Level::Town, terms: &["kryvyi rih"], within: &["dnipro"] },
    Region { name: "kremenchuk", level: Level::Town, terms: &["kremenchuk"], within: &["poltava"] },
    Region { name: "bucha", level: Level::Town, terms: &["bucha"], within: &["kyiv"] },
    Region { name: "irpin", level: Level::Town, terms: &["irpin"], within: &["kyiv"] },
    Region { name: "borodianka", level: Level::Town, terms: &["borodianka"], within: &["kyiv"] },
    Region { name: "hostomel", level: Level::Town, terms: &["hostomel"], within: &["kyiv"] },
    Region { name: "sevastopol", level: Level::Town, terms: &["sevastopol"], within: &["crimea"] },
    Region { name: "belgorod", level: Level::Oblast, terms: &["belgorod"], within: &["russia"] },
    Region { name: "kursk", level: Level::Oblast, terms: &["kursk"], within: &["russia"] },
    Region { name: "bryansk", level: Level::Oblast, terms: &["bryansk"], within: &["russia"] },
    Region { name: "dagestan", level: Level::Oblast, terms: &["dagestan"], within: &["russia"] },
    Region { name: "transnistria", level: Level::Part, terms: &["transnistria"], within: &["moldova"] },
];

/// Prepositions that make a following region term the claim's place.
const LOCATIVES: &[&str] =
    &["in", "near", "along", "across", "around", "at", "on", "throughout", "inside", "outside", "into", "within"];

/// How far a figure matched through an open field may be from the group's first figure.
pub const MAGNITUDE_FACTOR: f64 = 3.0;

/// Figures below this count one incident ("two people were killed"), not a tally.
pub const INCIDENT_SCALE: f64 = 100.0;

/// Tolls of at least this many count a whole conflict ("the conflict has killed more
/// than 13,000"); stories often state them without place or time.
pub const CONFLICT_TOLL: f64 = 10_000.0;

/// How many days a report of an incident may be from another report of it.
pub const INCIDENT_DAYS: i64 = 5;

/// How far apart two reports' figures of one incident may be to count as agreeing.
pub const INCIDENT_FACTOR: f64 = 1.5;

/// Below this, two figures agree only when they are equal.
pub const SMALL_FIGURE: f64 = 10.0;

/// How many points of evidence (see the module documentation) tie a report to an incident.
pub const INCIDENT_EVIDENCE: u8 = 2;

/// The relative width given to a hedged point figure ("about 14,000").
pub const APPROX_TOLERANCE: f64 = 0.1;

/// Kinds whose running totals only grow: a lower later figure contradicts.
pub const ACCUMULATING_KINDS: &[&str] = &["killed", "wounded"];

/// Qualifiers that make the low bound strict.
const STRICT_LOW: &[&str] = &["more_than"];

/// Qualifiers that make the high bound strict.
const STRICT_HIGH: &[&str] = &["almost", "less_than"];

/// Sentence characters shown in the terminal table.
const TABLE_SENTENCE_CHARS: usize = 180;

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

/// A text span as records store it.
#[derive(Debug, Clone, Deserialize)]
pub struct SpanIn {
    /// The text.
    pub text: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

/// A claim's time scope as records store it.
#[derive(Debug, Clone, Deserialize)]
pub struct TimeIn {
    /// The time expression.
    pub text: String,
    /// Start of the period.
    pub from: Option<String>,
    /// End of the period.
    pub to: Option<String>,
}

/// A claim as records store it.
#[derive(Debug, Clone, Deserialize)]
pub struct ClaimIn {
    /// What is counted.
    pub kind: String,
    /// Smallest count allowed.
    pub low: Option<u64>,
    /// Largest count allowed.
    pub high: Option<u64>,
    /// Whether the figure is hedged.
    #[serde(default)]
    pub approx: bool,
    /// The qualifier keyword.
    pub qualifier: Option<String>,
    /// The number mention.
    pub text: String,
    /// First code point of the mention.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Index of the sentence.
    pub sentence: usize,
    /// What is counted.
    pub subject: Option<String>,
    /// Whose side.
    pub side: Option<String>,
    /// Where.
    pub place: Option<String>,
    /// When.
    pub time: Option<TimeIn>,
    /// The unit of time of a rate ("day").
    #[serde(default)]
    pub rate: Option<String>,
    /// Who asserts it.
    pub attributed_to: Option<SpanIn>,
    /// The sentence's text.
    #[serde(default)]
    pub sentence_text: Option<String>,
}

/// An entity as records store it.
#[derive(Debug, Clone, Deserialize)]
pub struct EntityIn {
    /// PER, ORG, LOC or MISC.
    pub label: String,
    /// The entity text.
    pub text: String,
}

/// A quote's speaker as records store it.
#[derive(Debug, Clone, Deserialize)]
pub struct SpeakerIn {
    /// Canonical name in the document.
    pub name: String,
}

/// A quote as records store it.
#[derive(Debug, Clone, Deserialize)]
pub struct QuoteIn {
    /// The words attributed.
    pub content: SpanIn,
    /// The speaker.
    pub speaker: Option<SpeakerIn>,
}

/// The parts of a claimex record that compare and report read.
#[derive(Debug, Clone, Deserialize)]
pub struct DocIn {
    /// Document id.
    pub id: String,
    /// Where it came from.
    pub source: Option<String>,
    /// Its date.
    pub date: Option<String>,
    /// Whether the date was inferred.
    #[serde(default)]
    pub date_inferred: bool,
    /// The title.
    pub title: Option<String>,
    /// `ok` or `error`.
    pub status: String,
    /// Sentence spans.
    #[serde(default)]
    pub sentences: Vec<[usize; 2]>,
    /// Named entities.
    #[serde(default)]
    pub entities: Vec<EntityIn>,
    /// Attributions.
    #[serde(default)]
    pub quotes: Vec<QuoteIn>,
    /// Numeric claims.
    #[serde(default)]
    pub claims: Vec<ClaimIn>,
}

/// Reads the records of claimex JSONL files, in order; blank lines are skipped.
pub fn read_records(paths: &[impl AsRef<Path>]) -> Result<Vec<DocIn>, CompareError> {
    let mut records = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let name = path.display().to_string();
        let io_error = |source| CompareError::Io { path: name.clone(), source };
        let file = std::fs::File::open(path).map_err(io_error)?;
        for (index, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line = line.map_err(io_error)?;
            if line.trim().is_empty() {
                continue;
            }
            let record = serde_json::from_str(&line).map_err(|source| CompareError::Malformed {
                path: name.clone(),
                line: index + 1,
                source,
            })?;
            records.push(record);
        }
    }
    Ok(records)
}

/// One end of an interval: a count and whether it is excluded.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bound {
    /// The count.
    pub value: f64,
    /// Whether the count itself is excluded.
    pub strict: bool,
}

/// The counts a figure allows; an absent bound is open.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// Low end; `None` is open below.
    pub low: Option<Bound>,
    /// High end; `None` is open above.
    pub high: Option<Bound>,
}

impl Interval {
    /// The interval of a claim: strict bounds from its qualifier, hedged points widened.
    pub fn of(claim: &ClaimIn) -> Self {
        let qualifier = claim.qualifier.as_deref().unwrap_or("");
        let widen = claim.approx && claim.low.is_some() && claim.low == claim.high;
        let tolerance = if widen { APPROX_TOLERANCE } else { 0.0 };
        Interval {
            low: claim
                .low
                .map(|v| Bound { value: v as f64 * (1.0 - tolerance), strict: STRICT_LOW.contains(&qualifier) }),
            high: claim
                .high
                .map(|v| Bound { value: v as f64 * (1.0 + tolerance), strict: STRICT_HIGH.contains(&qualifier) }),
        }
    }

    /// Whether this interval lies wholly below `other`.
    pub fn below(&self, other: &Interval) -> bool {
        match (self.high, other.low) {
            (Some(high), Some(low)) => {
                high.value < low.value || (high.value == low.value && (high.strict || low.strict))
            }
            _ => false,
        }
    }

    /// Whether two figures can report the same count: the numbers standing for them
    /// ([`Interval::representative`]) are within [`INCIDENT_FACTOR`] of each other when
    /// both are at least [`SMALL_FIGURE`] (a toll that grew from 23 to 25, "at least 40"
    /// and 53); below it they must be equal, or one a lower bound that the other meets
    /// within the factor ("at least three" and four), not 2 against 3, nor "at least two"
    /// against 60.
    pub fn agrees_with(&self, other: &Interval) -> bool {
        let within_factor = |a: f64, b: f64| a.max(b) / a.min(b) <= INCIDENT_FACTOR;
        match (self.representative(), other.representative()) {
            (Some(a), Some(b)) if a.min(b) >= SMALL_FIGURE => within_factor(a, b),
            (Some(a), Some(b)) => {
                let bound_met = self.is_lower_bound_below(b) || other.is_lower_bound_below(a);
                a == b || (bound_met && within_factor(a, b))
            }
            _ => false,
        }
    }

    /// Whether the figure is only a lower bound ("at least three") that `value` meets.
    fn is_lower_bound_below(&self, value: f64) -> bool {
        self.high.is_none() && self.low.is_some_and(|low| low.value <= value)
    }

    /// A single number standing for the figure: the midpoint, or the one stated bound.
    pub fn representative(&self) -> Option<f64> {
        match (self.low, self.high) {
            (Some(low), Some(high)) => Some((low.value + high.value) / 2.0),
            (Some(bound), None) | (None, Some(bound)) => Some(bound.value),
            (None, None) => None,
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.low {
            Some(b) => write!(f, "{}{}", if b.strict { "(" } else { "[" }, b.value.round())?,
            None => write!(f, "(-∞")?,
        }
        match self.high {
            Some(b) => write!(f, ", {}{}", b.value.round(), if b.strict { ")" } else { "]" }),
            None => write!(f, ", ∞)"),
        }
    }
}

/// The time a key covers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Scope {
    /// A running total from a year on.
    Since(i32),
    /// One date (a day, a month or a year).
    During(String),
    /// A stated period.
    Period(String, String),
    /// Up to a date.
    Until(String),
}

impl Scope {
    /// Whether two stated scopes can cover the same count: equal, one period inside the
    /// other ("on Friday" inside "last week"), or `since YEAR` and
    /// `during YEAR` ("the war that broke out in 2014 has killed" counts the running
    /// total "since 2014").
    pub fn compatible(&self, other: &Scope) -> bool {
        let nested = match (self.days(), other.days()) {
            (Some((a, b)), Some((c, d))) => (a <= c && d <= b) || (c <= a && b <= d),
            _ => false,
        };
        self == other || nested || self.since_year().is_some() && self.since_year() == other.since_year()
    }

    /// The first and last day a dated scope covers (`during`, or a period); `None` for
    /// open-ended scopes.
    fn days(&self) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
        let parse = |date: &str| PartialDate::parse(date);
        match self {
            Scope::During(date) => parse(date).and_then(|d| Some((d.first_day()?, d.last_day()?))),
            Scope::Period(from, to) => Some((parse(from)?.first_day()?, parse(to)?.last_day()?)),
            Scope::Since(_) | Scope::Until(_) => None,
        }
    }

    /// The year a running total would start: `since YEAR`, or a `during` of a bare year.
    fn since_year(&self) -> Option<i32> {
        match self {
            Scope::Since(year) => Some(*year),
            Scope::During(date) => PartialDate::parse(date).filter(|d| d.month.is_none()).map(|d| d.year),
            Scope::Period(..) | Scope::Until(_) => None,
        }
    }

    /// The scope a group keeps when two compatible scopes meet: `since` over `during`.
    fn preferred(self, other: Scope) -> Scope {
        match (&self, &other) {
            (Scope::During(_), Scope::Since(_)) => other,
            _ => self,
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::Since(year) => write!(f, "since {year}"),
            Scope::During(date) => write!(f, "during {date}"),
            Scope::Period(from, to) => write!(f, "{from}..{to}"),
            Scope::Until(date) => write!(f, "until {date}"),
        }
    }
}

/// Whether a figure counts one incident or is a tally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// Below [`INCIDENT_SCALE`]: one attack, one day, one place.
    Incident,
    /// A running total or an aggregate.
    Tally,
}

impl Scale {
    /// A rate ("100 a day") is never one incident.
    fn of(interval: &Interval, rate: Option<&str>) -> Self {
        match interval.representative() {
            Some(value) if value < INCIDENT_SCALE && rate.is_none() => Scale::Incident,
            _ => Scale::Tally,
        }
    }
}

/// What a claim counts; `None` fields are open (`*`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct GroupKey {
    /// The claim kind.
    pub kind: String,
    /// The subject class.
    pub subject: Option<String>,
    /// The side.
    pub side: Option<String>,
    /// The region.
    pub region: Option<String>,
    /// The time scope.
    pub time: Option<Scope>,
    /// The unit of time of a rate ("day"); `None` for counts. Never open: a rate only
    /// meets rates of the same unit.
    pub rate: Option<String>,
    /// Incident or tally (never open).
    pub scale: Scale,
}

impl GroupKey {
    /// The key of a claim (see the module documentation).
    pub fn of(claim: &ClaimIn) -> Self {
        GroupKey {
            kind: claim.kind.clone(),
            subject: claim.subject.as_deref().and_then(subject_class),
            side: claim.side.as_deref().and_then(side_of).or_else(|| claim.subject.as_deref().and_then(side_of)),
            region: claim_region(claim),
            time: claim.time.as_ref().and_then(scope_of),
            rate: claim.rate.clone(),
            scale: Scale::of(&Interval::of(claim), claim.rate.as_deref()),
        }
    }

    fn fields(&self) -> [Option<String>; 3] {
        [self.subject.clone(), self.side.clone(), self.region.clone()]
    }

    /// How many fields are stated (not open).
    pub fn stated(&self) -> usize {
        self.fields().iter().filter(|f| f.is_some()).count() + usize::from(self.time.is_some())
    }

    /// Whether the key states a side, a region or a time: more than what is counted.
    pub fn states_context(&self) -> bool {
        self.side.is_some() || self.region.is_some() || self.time.is_some()
    }

    /// Whether the two keys can count the same thing: same kind and rate, and every other
    /// field open on one side, equal, or (subject and region) one inside the other.
    pub fn compatible(&self, other: &GroupKey) -> bool {
        let sides_agree = self.side.is_none() || other.side.is_none() || self.side == other.side;
        let times_agree = match (&self.time, &other.time) {
            (Some(a), Some(b)) => a.compatible(b),
            _ => true,
        };
        self.kind == other.kind
            && self.rate == other.rate
            && sides_agree
            && times_agree
            && nested_agree(&self.subject, &other.subject, subject_within)
            && nested_agree(&self.region, &other.region, region_within)
    }

    /// Whether both keys state a side, a region or a time, and agree on it.
    fn shares_context(&self, other: &GroupKey) -> bool {
        let both = |a: &Option<String>, b: &Option<String>| a.is_some() && b.is_some();
        (both(&self.side, &other.side) && self.side == other.side)
            || (both(&self.region, &other.region) && nested_agree(&self.region, &other.region, region_within))
            || (self.time.is_some() && other.time.is_some())
    }

    /// Whether the keys state the same fields, with regions equal or one inside an
    /// oblast-level other ("Olenivka" does not meet "Ukraine" here).
    fn same_fields(&self, other: &GroupKey) -> bool {
        let stated = |k: &GroupKey| k.fields().map(|f| f.is_some());
        let regions_close = match (&self.region, &other.region) {
            (Some(a), Some(b)) => a == b || closely_within(a, b) || closely_within(b, a),
            _ => true,
        };
        stated(self) == stated(other) && self.time.is_some() == other.time.is_some() && regions_close
    }

    /// Whether this key says all `coarser` says and maybe more: each field `coarser`
    /// states is stated here, equal or inside it.
    pub fn refines(&self, coarser: &GroupKey) -> bool {
        let time_met = coarser.time.is_none() || self.time.is_some();
        refines_value(&self.subject, &coarser.subject, subject_within)
            && refines_value(&self.side, &coarser.side, |a, b| a == b)
            && refines_value(&self.region, &coarser.region, region_within)
            && time_met
    }

    /// How many fields both keys state with the same value.
    pub fn shared(&self, other: &GroupKey) -> usize {
        let fields = self.fields().iter().zip(other.fields()).filter(|(a, b)| a.is_some() && **a == *b).count();
        fields + usize::from(self.time.is_some() && self.time == other.time)
    }

    /// The key of a group after `other`'s claim or group joins it: a rate group keeps
    /// only what both keys state ([`GroupKey::common_with`]), any other group fills its
    /// open fields ([`GroupKey::filled_from`]).
    pub fn joined_with(&self, other: &GroupKey) -> GroupKey {
        if self.rate.is_some() {
            self.common_with(other)
        } else {
            self.filled_from(other)
        }
    }

    /// The fields both keys state, nested ones widened to the outer value: a daily toll
    /// reported for Mariupol in May and one for the whole front in July are one rate of
    /// the war, whose key names neither.
    pub fn common_with(&self, other: &GroupKey) -> GroupKey {
        GroupKey {
            kind: self.kind.clone(),
            scale: self.scale.max(other.scale),
            rate: self.rate.clone(),
            subject: wider(&self.subject, &other.subject, subject_within),
            side: self.side.clone().filter(|_| self.side == other.side),
            region: wider(&self.region, &other.region, region_within),
            time: self.time.clone().filter(|_| self.time == other.time),
        }
    }

    /// This key with its open fields filled from `other`, nested fields narrowed to the
    /// more exact value; incident once either is.
    pub fn filled_from(&self, other: &GroupKey) -> GroupKey {
        GroupKey {
            kind: self.kind.clone(),
            scale: self.scale.min(other.scale),
            rate: self.rate.clone(),
            subject: narrower(self.subject.clone(), other.subject.clone(), subject_within),
            side: self.side.clone().or_else(|| other.side.clone()),
            region: narrower(self.region.clone(), other.region.clone(), region_within),
            time: match (self.time.clone(), other.time.clone()) {
                (Some(mine), Some(theirs)) => Some(mine.preferred(theirs)),
                (mine, theirs) => mine.or(theirs),
            },
        }
    }
}

impl fmt::Display for GroupKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let open = |v: Option<String>| v.unwrap_or_else(|| "*".into());
        write!(
            f,
            "{} | {} | side={} | region={} | time={}{}{}",
            self.kind,
            open(self.subject.clone()),
            open(self.side.clone()),
            open(self.region.clone()),
            open(self.time.as_ref().map(Scope::to_string)),
            self.rate.as_ref().map(|unit| format!(" | per {unit}")).unwrap_or_default(),
            if self.scale == Scale::Incident { " | incident" } else { "" }
        )
    }
}

/// Lowercase words of a phrase, trimmed of punctuation (hyphens and apostrophes kept).
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’')
                .replace('’', "'")
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The subject class: the first word listed in [`SUBJECT_CLASSES`], else the last word,
/// unless that only repeats the kind ([`KIND_NOUNS`]: "deaths" says nothing of who died).
fn subject_class(subject: &str) -> Option<String> {
    let words = words(subject);
    let listed = words
        .iter()
        .find_map(|w| SUBJECT_CLASSES.iter().find(|(word, _)| word == w).map(|(_, class)| class.to_string()));
    listed.or_else(|| words.last().filter(|w| !KIND_NOUNS.contains(&w.as_str())).cloned())
}

fn side_of(text: &str) -> Option<String> {
    words(text).iter().find_map(|w| SIDES.iter().find(|(word, _)| word == w).map(|(_, side)| side.to_string()))
}

/// Region terms as one alternation, longest first.
static REGION_TERMS: LazyLock<String> = LazyLock::new(|| {
    let mut terms: Vec<&str> = REGIONS.iter().flat_map(|r| r.terms.iter().copied()).collect();
    terms.sort_by_key(|t| Reverse(t.len()));
    terms.iter().map(|t| regex::escape(t)).collect::<Vec<_>>().join("|")
});

/// A region term anywhere.
static ANY_REGION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b({})\b", *REGION_TERMS)).expect("region terms form a regex"));

/// A region term after a locative preposition and at most two more words.
static LOCATED_REGION: LazyLock<Regex> = LazyLock::new(|| {
    let locatives = LOCATIVES.join("|");
    Regex::new(&format!(r"(?i)\b(?:{locatives})\s+(?:[\w’'-]+\s+){{0,2}}?({})\b", *REGION_TERMS))
        .expect("locative pattern forms a regex")
});

/// What the gazetteer knows of one region, looked up by name.
struct Known {
    level: Level,
    /// The regions that contain it, directly or not.
    containers: BTreeSet<&'static str>,
}

/// Every gazetteer region by name, with its level and containers, worked out once.
static KNOWN: LazyLock<HashMap<&'static str, Known>> = LazyLock::new(|| {
    let direct = |name: &'static str| -> Vec<&'static str> {
        REGIONS.iter().filter(|r| r.name == name).flat_map(|r| r.within.iter().copied()).collect()
    };
    REGIONS
        .iter()
        .map(|region| {
            let mut containers = BTreeSet::new();
            let mut pending = direct(region.name);
            while let Some(next) = pending.pop() {
                if containers.insert(next) {
                    pending.extend(direct(next));
                }
            }
            (region.name, Known { level: region.level, containers })
        })
        .collect()
});

/// The regions that contain a region (none for a name the gazetteer does not hold).
fn containers(region: &str) -> Option<&'static BTreeSet<&'static str>> {
    KNOWN.get(region).map(|known| &known.containers)
}

/// Whether `inner` is `outer` or lies in it.
fn region_within(inner: &str, outer: &str) -> bool {
    inner == outer || containers(inner).is_some_and(|c| c.contains(outer))
}

/// Whether `inner` lies in `outer` and `outer` is an oblast or finer.
fn closely_within(inner: &str, outer: &str) -> bool {
    region_within(inner, outer) && level_of(outer) >= Level::Oblast
}

/// How exactly a region places a claim; a name the gazetteer does not hold is a town.
fn level_of(region: &str) -> Level {
    KNOWN.get(region).map_or(Level::Town, |known| known.level)
}

/// The most exact region among the terms a pattern finds: the highest level, then the
/// most containers, then the earlier in [`REGIONS`].
fn best_region(pattern: &Regex, text: &str) -> Option<String> {
    let found: BTreeSet<String> =
        pattern.captures_iter(text).filter_map(|c| c.get(1)).map(|m| m.as_str().to_lowercase()).collect();
    REGIONS
        .iter()
        .enumerate()
        .filter(|(_, r)| r.terms.iter().any(|t| found.contains(*t)))
        .max_by_key(|(index, r)| (r.level, containers(r.name).map_or(0, BTreeSet::len), Reverse(*index)))
        .map(|(_, r)| r.name.to_string())
}

/// The region of a stated place: a [`REGIONS`] term, else the last name in it (a run of
/// capitalised words that are not sides: "the town of Nova Kakhovka" → `nova kakhovka`),
/// else open ("the southern Ukrainian city").
fn place_region(place: &str) -> Option<String> {
    best_region(&ANY_REGION, place).or_else(|| last_name(place))
}

fn last_name(place: &str) -> Option<String> {
    let mut runs: Vec<Vec<String>> = Vec::new();
    let mut in_run = false;
    for word in place.split_whitespace() {
        let lower = word.to_lowercase();
        let is_name = word.starts_with(char::is_uppercase)
            && side_of(word).is_none()
            && lower != "the"
            && !LOCATIVES.contains(&lower.as_str());
        match (is_name, in_run) {
            (true, true) => runs.last_mut().into_iter().for_each(|run| run.extend(words(word))),
            (true, false) => runs.push(words(word)),
            (false, _) => {}
        }
        in_run = is_name;
    }
    runs.pop().filter(|run| !run.is_empty()).map(|run| run.join(" "))
}

fn sentence_region(sentence: &str) -> Option<String> {
    best_region(&LOCATED_REGION, sentence)
}

/// A claim's region: its place's, narrowed by a region of its sentence that lies inside
/// it ("in Chasiv Yar, near the frontline in Donetsk oblast" → `chasiv yar`), else its
/// sentence's.
fn claim_region(claim: &ClaimIn) -> Option<String> {
    let from_sentence = claim.sentence_text.as_deref().and_then(sentence_region);
    match (claim.place.as_deref().and_then(place_region), from_sentence) {
        (Some(place), Some(sentence)) if sentence != place && region_within(&sentence, &place) => Some(sentence),
        (Some(place), _) => Some(place),
        (None, sentence) => sentence,
    }
}

/// Whether subject class `inner` is `outer` or one of its kinds (civilians are people).
fn subject_within(inner: &str, outer: &str) -> bool {
    inner == outer || SUBJECT_WITHIN.iter().any(|(i, o)| *i == inner && *o == outer)
}

/// Two stated values of a nested field agree when one lies in the other; the inner one
/// is the more exact.
fn nested_agree(a: &Option<String>, b: &Option<String>, within: fn(&str, &str) -> bool) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => within(a, b) || within(b, a),
        _ => true,
    }
}

/// The outer of two nested values; nothing when either is open or they do not nest.
fn wider(a: &Option<String>, b: &Option<String>, within: fn(&str, &str) -> bool) -> Option<String> {
    let (a, b) = (a.as_ref()?, b.as_ref()?);
    if within(a, b) {
        Some(b.clone())
    } else if within(b, a) {
        Some(a.clone())
    } else {
        None
    }
}

/// The more exact of two agreeing values (the inner one), or the stated one.
fn narrower(a: Option<String>, b: Option<String>, within: fn(&str, &str) -> bool) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if within(&b, &a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// Whether `fine` states `coarse` or something inside it (an open `coarse` is met by
/// anything).
fn refines_value(fine: &Option<String>, coarse: &Option<String>, within: fn(&str, &str) -> bool) -> bool {
    match (fine, coarse) {
        (_, None) => true,
        (Some(fine), Some(coarse)) => within(fine, coarse),
        (None, Some(_)) => false,
    }
}

fn scope_of(time: &TimeIn) -> Option<Scope> {
    let from = time.from.as_deref().and_then(PartialDate::parse);
    let to = time.to.as_deref().and_then(PartialDate::parse);
    match (from, to) {
        (Some(from), None) => Some(Scope::Since(from.year)),
        (Some(from), Some(to)) if from == to => Some(Scope::During(from.to_string())),
        (Some(from), Some(to)) => Some(Scope::Period(from.to_string(), to.to_string())),
        (None, Some(to)) => Some(Scope::Until(to.to_string())),
        (None, None) => None,
    }
}

/// How a figure relates to the one before it in its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The intervals overlap.
    Consistent,
    /// Wholly above the previous figure.
    Rising,
    /// Wholly below the previous figure.
    Falling,
    /// Disjoint on the same date, or falling where totals only grow.
    Contradictory,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Consistent => "consistent",
            Verdict::Rising => "rising",
            Verdict::Falling => "falling",
            Verdict::Contradictory => "contradictory",
        })
    }
}

/// The verdict on `later` against `earlier` (see the module documentation).
pub fn verdict(kind: &str, earlier: &Interval, later: &Interval, same_date: bool) -> Verdict {
    let direction = if earlier.below(later) {
        Verdict::Rising
    } else if later.below(earlier) {
        Verdict::Falling
    } else {
        return Verdict::Consistent;
    };
    let cannot_fall = direction == Verdict::Falling && ACCUMULATING_KINDS.contains(&kind);
    if same_date || cannot_fall {
        Verdict::Contradictory
    } else {
        direction
    }
}

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
    /// The claim's kind.
    pub kind: String,
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
    /// Who asserts it: the speaker of the quote around it (a canonical name), else the
    /// claim's attribution.
    pub asserted_by: Option<String>,
    /// The sentence.
    pub sentence: String,
    /// The figure's code point range in `sentence`, when known.
    pub highlight: Option<(usize, usize)>,
    /// The claim's own key.
    pub key: GroupKey,
    /// Code point offset of the figure in the document.
    pub start: usize,
    /// Index of the claim's sentence in its document.
    pub sentence_index: usize,
    /// The kinds and figures of the other claims in its sentence ("killed 23 and wounded
    /// 140": the wounded figure's sibling is `killed` 23).
    #[serde(skip)]
    pub siblings: Vec<(String, Interval)>,
}

impl ComparedClaim {
    fn new(doc: &DocIn, claim: &ClaimIn) -> Self {
        let sentence = claim.sentence_text.clone().unwrap_or_default();
        let sentence_start = doc.sentences.get(claim.sentence).map(|s| s[0]);
        let highlight = sentence_start
            .and_then(|s| claim.start.checked_sub(s).map(|from| (from, from + claim.end - claim.start)))
            .filter(|&(_, end)| end <= sentence.chars().count());
        ComparedClaim {
            doc_id: doc.id.clone(),
            source: doc.source.clone().unwrap_or_else(|| doc.id.clone()),
            date: doc.date.as_deref().and_then(PartialDate::parse),
            date_inferred: doc.date_inferred,
            title: doc.title.clone(),
            kind: claim.kind.clone(),
            figure: claim.text.clone(),
            low: claim.low,
            high: claim.high,
            interval: Interval::of(claim),
            vague: claim.approx && claim.low.is_some() && claim.high.is_some() && claim.low != claim.high,
            asserted_by: quoting_speaker(doc, claim).or_else(|| claim.attributed_to.as_ref().map(|a| a.text.clone())),
            sentence,
            highlight,
            key: GroupKey::of(claim),
            start: claim.start,
            sentence_index: claim.sentence,
            siblings: doc
                .claims
                .iter()
                .filter(|c| c.sentence == claim.sentence && c.start != claim.start)
                .map(|c| (c.kind.clone(), Interval::of(c)))
                .collect(),
        }
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
fn quoting_speaker(doc: &DocIn, claim: &ClaimIn) -> Option<String> {
    doc.quotes
        .iter()
        .find(|q| q.content.start <= claim.start && claim.end <= q.content.end)
        .and_then(|q| q.speaker.as_ref().map(|s| s.name.clone()))
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
}

/// Claims that count the same thing, ordered by date.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// The group's key (the union of its members' stated fields).
    pub key: GroupKey,
    /// The key as a person reads it.
    pub label: String,
    /// Distinct sources.
    pub sources: usize,
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

    /// Distinct sources, or distinct documents when `per_document`.
    pub fn breadth(&self, per_document: bool) -> usize {
        if per_document {
            self.documents
        } else {
            self.sources
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

    /// Whether the claim joins this group (see the module documentation).
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
            && ACCUMULATING_KINDS.contains(&self.key.kind.as_str())
            && self.same_magnitude(claim, INCIDENT_FACTOR);
        same_context || trusted_figure || same_toll
    }

    /// The claim's document at most [`INCIDENT_DAYS`] from one of the group's documents.
    fn near_in_time(&self, claim: &ComparedClaim) -> bool {
        day_number(claim.date).is_some_and(|day| {
            self.members.iter().filter_map(|m| day_number(m.date)).any(|member| (member - day).abs() <= INCIDENT_DAYS)
        })
    }

    /// How strongly the claim reports this group's incident: 2 for the same town, 1 for
    /// the same oblast or a town inside it; 1 for a figure that agrees with a member's
    /// ([`Interval::agrees_with`]); 1 for the same stated side or the same uncommon subject
    /// ("prisoners", not "people"); 1 when the two reports give another figure of the
    /// same kind that agrees (both say 23 killed beside their wounded figures).
    fn incident_evidence(&self, claim: &ComparedClaim) -> u8 {
        let place = match (&self.key.region, &claim.key.region) {
            (Some(a), Some(b)) if a == b && level_of(a) == Level::Town => 2,
            (Some(a), Some(b)) if closely_within(a, b) || closely_within(b, a) => 1,
            _ => 0,
        };
        let figure = u8::from(!claim.vague && self.members.iter().any(|m| m.interval.agrees_with(&claim.interval)));
        let same_side = self.key.side.is_some() && self.key.side == claim.key.side;
        let uncommon_subject = self.key.subject.as_ref().is_some_and(|s| !COMMON_SUBJECTS.contains(&s.as_str()))
            && self.key.subject == claim.key.subject;
        let sibling = self.members.iter().any(|member| agree_on_sibling(member, claim));
        place + figure + u8::from(same_side || uncommon_subject) + u8::from(sibling)
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

/// The claims of successful records, with document facts.
pub fn claims_of(records: &[DocIn]) -> Vec<ComparedClaim> {
    records
        .iter()
        .filter(|r| r.status == "ok")
        .flat_map(|doc| doc.claims.iter().map(move |c| ComparedClaim::new(doc, c)))
        .collect()
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
    let mut entries: Vec<GroupEntry> = Vec::with_capacity(members.len());
    for claim in members {
        let previous = entries.last().map(|e| &e.claim);
        let same_date = previous.is_some_and(|p| p.date.is_some() && p.date == claim.date);
        let versus_previous = previous.map(|p| verdict(&forming.key.kind, &p.interval, &claim.interval, same_date));
        entries.push(GroupEntry { claim, versus_previous, same_date_as_previous: same_date });
    }
    Group { label: forming.key.to_string(), key: forming.key, sources, documents, entries }
}

/// Which groups to show.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    /// Least number of sources (or documents) a group needs.
    pub min_sources: usize,
    /// Count distinct document ids instead of distinct sources.
    pub per_document: bool,
}

impl Default for Selection {
    fn default() -> Self {
        Selection { min_sources: 2, per_document: false }
    }
}

/// Reads claims files and returns the selected groups.
pub fn compare_files(paths: &[impl AsRef<Path>], selection: Selection) -> Result<Vec<Group>, CompareError> {
    let records = read_records(paths)?;
    Ok(select(group(claims_of(&records)), selection))
}

/// The groups that meet the selection.
pub fn select(groups: Vec<Group>, selection: Selection) -> Vec<Group> {
    groups.into_iter().filter(|g| g.breadth(selection.per_document) >= selection.min_sources).collect()
}

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
    if groups.is_empty() {
        out.push_str("no groups\n");
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
                    claim.kind.clone(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(kind: &str, low: Option<u64>, high: Option<u64>, qualifier: Option<&str>) -> ClaimIn {
        ClaimIn {
            kind: kind.into(),
            low,
            high,
            approx: qualifier == Some("about") || qualifier == Some("almost"),
            qualifier: qualifier.map(str::to_string),
            text: String::new(),
            start: 0,
            end: 0,
            sentence: 0,
            subject: None,
            side: None,
            place: None,
            time: None,
            rate: None,
            attributed_to: None,
            sentence_text: None,
        }
    }

    #[test]
    fn almost_and_more_than_the_same_number_do_not_meet() {
        let almost = Interval::of(&claim("troops", None, Some(100_000), Some("almost")));
        let more = Interval::of(&claim("troops", Some(100_000), None, Some("more_than")));
        assert_eq!(verdict("troops", &almost, &more, false), Verdict::Rising);
        assert_eq!(verdict("troops", &almost, &more, true), Verdict::Contradictory);
    }

    #[test]
    fn open_bounds_overlap_points_inside_them() {
        let more = Interval::of(&claim("killed", Some(13_000), None, Some("more_than")));
        let exact = Interval::of(&claim("killed", Some(14_000), Some(14_000), None));
        assert_eq!(verdict("killed", &more, &exact, false), Verdict::Consistent);
        assert_eq!(verdict("killed", &exact, &more, false), Verdict::Consistent);
    }

    #[test]
    fn a_falling_death_toll_contradicts_and_falling_troops_do_not() {
        let high = Interval::of(&claim("killed", Some(14_000), Some(14_000), None));
        let low = Interval::of(&claim("killed", Some(10_000), Some(10_000), None));
        assert_eq!(verdict("killed", &high, &low, false), Verdict::Contradictory);
        assert_eq!(verdict("troops", &high, &low, false), Verdict::Falling);
    }

    #[test]
    fn hedged_points_are_widened() {
        let about = Interval::of(&claim("killed", Some(14_000), Some(14_000), Some("about")));
        let exact = Interval::of(&claim("killed", Some(15_000), Some(15_000), None));
        assert_eq!(verdict("killed", &about, &exact, true), Verdict::Consistent);
    }

    #[test]
    fn regions_need_a_locative_in_the_sentence_but_not_in_the_place() {
        assert_eq!(sentence_region("according to Kiev, it has caused the death of 14,000 people."), None);
        assert_eq!(
            sentence_region("almost 100,000 Russian soldiers near the Ukrainian border").as_deref(),
            Some("border")
        );
        assert_eq!(place_region("in eastern-Ukraine").as_deref(), Some("eastern ukraine"));
        assert_eq!(place_region("in the village of Zolote").as_deref(), Some("zolote"));
        assert_eq!(place_region("In the town of Nova Kakhovka").as_deref(), Some("nova kakhovka"));
        assert_eq!(place_region("in the southern Ukrainian city"), None);
    }

    #[test]
    fn gazetteer_regions_nest_and_the_most_exact_wins() {
        assert_eq!(place_region("in the city of Vinnytsia, in central Ukraine").as_deref(), Some("vinnytsia"));
        assert_eq!(place_region("on the borders of Ukraine").as_deref(), Some("border"));
        assert!(region_within("olenivka", "southeastern ukraine") && region_within("olenivka", "ukraine"));
        assert!(!region_within("olenivka", "central ukraine"));
        assert!(closely_within("nova kakhovka", "kherson") && !closely_within("vinnytsia", "central ukraine"));
    }

    #[test]
    fn small_figures_agree_when_equal_or_a_bound_is_just_met_larger_ones_within_a_factor() {
        let of = |low: Option<u64>, high: Option<u64>| Interval::of(&claim("killed", low, high, None));
        assert!(!of(Some(2), Some(2)).agrees_with(&of(Some(3), Some(3))));
        assert!(of(Some(3), None).agrees_with(&of(Some(4), Some(4))), "at least three, then four");
        assert!(!of(Some(4), Some(4)).agrees_with(&of(Some(2), None)), "four is more than 1.5 times two");
        assert!(!of(None, Some(3)).agrees_with(&of(Some(4), Some(4))), "up to three is not four");
        assert!(!of(Some(2), None).agrees_with(&of(Some(40), Some(99))));
        assert!(of(Some(23), Some(23)).agrees_with(&of(Some(25), Some(25))));
        assert!(of(Some(40), None).agrees_with(&of(Some(53), Some(53))));
        assert!(!of(None, Some(66)).agrees_with(&of(Some(140), Some(140))));
    }

    #[test]
    fn subjects_map_to_classes_and_sides() {
        assert_eq!(subject_class("Russian soldiers").as_deref(), Some("soldiers"));
        assert_eq!(side_of("Russian soldiers").as_deref(), Some("russian"));
        assert_eq!(subject_class("people").as_deref(), Some("people"));
        assert_eq!(subject_class("Ukrainian tanks").as_deref(), Some("tanks"));
        assert_eq!(subject_class("captured fighters").as_deref(), Some("prisoners"));
        assert_eq!(subject_class("deaths"), None, "a kind noun says nothing of who died");
    }

    #[test]
    fn open_fields_are_compatible_and_stated_ones_must_agree() {
        let open = GroupKey {
            kind: "killed".into(),
            scale: Scale::Tally,
            subject: Some("people".into()),
            side: None,
            region: None,
            time: Some(Scope::Since(2014)),
            rate: None,
        };
        let donbas = GroupKey { region: Some("donbas".into()), time: None, ..open.clone() };
        let kyiv = GroupKey { region: Some("kyiv".into()), ..donbas.clone() };
        assert!(open.compatible(&donbas));
        assert!(!donbas.compatible(&kyiv));
        assert_eq!(open.filled_from(&donbas).to_string(), "killed | people | side=* | region=donbas | time=since 2014");
        let chasiv_yar = GroupKey { region: Some("chasiv yar".into()), ..donbas.clone() };
        assert!(chasiv_yar.compatible(&donbas) && chasiv_yar.refines(&donbas) && !donbas.refines(&chasiv_yar));
        assert_eq!(donbas.filled_from(&chasiv_yar).region.as_deref(), Some("chasiv yar"));
        let daily = GroupKey { rate: Some("day".into()), ..donbas.clone() };
        assert!(!daily.compatible(&donbas), "a rate never meets a count");
        assert!(daily.to_string().ends_with("| per day"));
        let daily_in_chasiv_yar = GroupKey { rate: Some("day".into()), ..chasiv_yar.clone() };
        assert_eq!(daily_in_chasiv_yar.joined_with(&daily).region.as_deref(), Some("donbas"), "the outer place");
        let daily_anywhere = GroupKey { region: None, ..daily.clone() };
        assert_eq!(daily.joined_with(&daily_anywhere).region, None, "a rate key keeps what all state");
        assert_eq!(donbas.joined_with(&chasiv_yar).region.as_deref(), Some("chasiv yar"), "a count narrows");
    }
}
