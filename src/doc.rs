//! The document model: one [`Doc`] per article, holding the original text and the layers
//! the stages add to it.
//!
//! Every layer stores [`Span`]s as **byte** offsets into [`Doc::text`], which is what Rust
//! string slicing needs. The output writer converts them to Unicode code point offsets in
//! one place ([`Doc::char_offset`]); nothing else converts offsets.

use crate::normalize::Normalized;
use crate::pipeline::stage::Layers;
pub use crate::schema::{AttributionPart, BoilerplateKind, ClaimKind, CueKind, Event, QuoteKind, Unit};
use crate::tokens::Tokens;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A half-open byte range `[start, end)` into [`Doc::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// Makes a span; `start <= end` is the caller's promise.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// A calendar date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Year, e.g. 2021.
    pub year: i32,
    /// Month 1-12, when known.
    pub month: Option<u32>,
    /// Day of the month, when known (only with a month).
    pub day: Option<u32>,
}

impl PartialDate {
    /// A date known to the day.
    pub fn day(year: i32, month: u32, day: u32) -> Self {
        PartialDate { year, month: Some(month), day: Some(day) }
    }

    /// A date known to the month.
    pub fn month(year: i32, month: u32) -> Self {
        PartialDate { year, month: Some(month), day: None }
    }

    /// A date known to the year.
    pub fn year(year: i32) -> Self {
        PartialDate { year, month: None, day: None }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the date exists.
    pub fn parse(s: &str) -> Option<Self> {
        let mut parts = s.trim().splitn(3, '-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: Option<u32> = parts.next().map(str::parse).transpose().ok()?;
        let day: Option<u32> = parts.next().map(str::parse).transpose().ok()?;
        let date = PartialDate { year, month, day };
        date.is_valid().then_some(date)
    }

    /// The first calendar day this date can mean.
    pub fn first_day(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day the date covers: the day, the month's last day, or 31 December.
    pub fn last_day(&self) -> Option<chrono::NaiveDate> {
        match (self.month, self.day) {
            (Some(month), Some(day)) => chrono::NaiveDate::from_ymd_opt(self.year, month, day),
            (Some(month), None) => {
                let next = if month == 12 { (self.year + 1, 1) } else { (self.year, month + 1) };
                chrono::NaiveDate::from_ymd_opt(next.0, next.1, 1)?.pred_opt()
            }
            (None, _) => chrono::NaiveDate::from_ymd_opt(self.year, 12, 31),
        }
    }

    fn is_valid(&self) -> bool {
        match (self.month, self.day) {
            (None, None) => (1000..=9999).contains(&self.year),
            (Some(m), None) => (1000..=9999).contains(&self.year) && (1..=12).contains(&m),
            (Some(_), Some(_)) => self.first_day().is_some(),
            (None, Some(_)) => false,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        PartialDate::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("not a date: {text:?}")))
    }
}

/// What the reader knows about a document before any stage runs.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// The JSONL `id`, else the file stem.
    pub id: String,
    /// Where the document came from: the JSONL `source`, else the input path.
    pub source: Option<String>,
    /// The JSONL `date`, when given and valid.
    pub date: Option<PartialDate>,
    /// The JSONL `title`.
    pub title: Option<String>,
    /// The JSONL `url`.
    pub url: Option<String>,
    /// Whether the text was extracted from an HTML page (the output then carries it,
    /// since offsets refer to it).
    pub html: bool,
}

/// A stretch of non-content text and why it is not content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Boilerplate {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: BoilerplateKind,
}

/// How the document's date was established.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrigin {
    /// Given by the reader (JSONL `date`) or a ` date YYYY-MM-DD` marker.
    Stated,
    /// The latest full date mentioned in the text.
    Inferred,
}

/// The cleaning layer: which text is content, and the metadata found in the rest.
#[derive(Debug, Clone, Default)]
pub struct Cleaning {
    /// Content spans, in order, not overlapping, each one paragraph or part of one.
    pub content: Vec<Span>,
    /// Boilerplate spans, in order.
    pub boilerplate: Vec<Boilerplate>,
    /// The headline, when the text starts with one.
    pub title: Option<Span>,
    /// The byline's author ("Press Association").
    pub author: Option<String>,
    /// The publication timestamp as written ("December 2, 2021, 4:17 pm").
    pub published: Option<String>,
    /// The document date and how it was found.
    pub date: Option<(PartialDate, DateOrigin)>,
}

/// A named entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Where it is.
    pub span: Span,
    /// PER, ORG, LOC or MISC.
    pub label: String,
    /// Mean probability of the predicted tags over the entity's sub-words.
    pub score: f32,
}

/// A span the joint model's attribution head labelled as source, cue or content.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AttributionTag {
    /// Where it is.
    pub span: Span,
    /// Which part.
    pub part: AttributionPart,
    /// Mean probability of the predicted tags.
    pub score: f32,
}

/// Who is quoted, resolved to one canonical name per person or organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// The mention in this quote ("he", "Mr Blinken").
    pub span: Span,
    /// The canonical name in the document ("Antony Blinken").
    pub name: String,
    /// For a pronoun ("he", "they"), the named mention it stands for (where the
    /// antecedent was itself a pronoun, that one's antecedent); none otherwise.
    pub antecedent: Option<Span>,
    /// PER, ORG or none.
    pub entity: Option<String>,
    /// Role when stated ("spokesman").
    pub role: Option<String>,
    /// Affiliation when stated ("Kremlin").
    pub affiliation: Option<String>,
}

/// An attribution: who said what.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The words attributed.
    pub content: Span,
    /// The cue ("said", "according to").
    pub cue: Option<Span>,
    /// Speech, writing or another source, from the cue and the source's head word.
    pub cue_kind: CueKind,
    /// The speaker.
    pub speaker: Option<Speaker>,
}

/// A number mention normalised to an interval of counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The whole mention including its qualifier ("more than 13,000").
    pub span: Span,
    /// Smallest count the mention allows; `None` when unbounded below.
    pub low: Option<u64>,
    /// Largest count the mention allows; `None` when unbounded above.
    pub high: Option<u64>,
    /// Whether the mention is vague or hedged ("about", "hundreds").
    pub approx: bool,
    /// The qualifier as a normalised keyword ("more_than", "almost", "between").
    pub qualifier: Option<String>,
}

/// The time a claim covers.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeScope {
    /// The time expression ("since April 2014").
    pub span: Span,
    /// Start of the period, when stated or resolvable.
    pub from: Option<PartialDate>,
    /// End of the period, when stated or resolvable.
    pub to: Option<PartialDate>,
}

/// A numeric claim: a quantity of a kind, with its context.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// What is counted.
    pub kind: ClaimKind,
    /// The number and its interval.
    pub quantity: Quantity,
    /// Index into [`Doc::sentences`].
    pub sentence: usize,
    /// The counted noun phrase ("people", "Russian soldiers").
    pub subject: Option<Span>,
    /// The side counted ("Russian", "Ukrainian").
    pub side: Option<String>,
    /// Where ("in eastern Ukraine").
    pub place: Option<Span>,
    /// When.
    pub time: Option<TimeScope>,
    /// The unit of time a rate counts per ("day" for "100 soldiers a day").
    pub rate: Option<&'static str>,
    /// Who asserts the figure ("according to Kiev", "Zelenskiy said").
    pub attributed_to: Option<Span>,
    /// What is counted: people, households or homes.
    pub unit: Unit,
    /// Which event the figure reports: the article's own incident, another, or a total.
    pub event: Event,
    /// The counts a conjoined group adds up ("three men and one woman": 3 and 1); empty
    /// for a single count.
    pub parts: Vec<Quantity>,
}

/// The victims of the article's own incident: per kind, the best figure and the claims
/// it rests on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// People killed.
    pub killed: Option<TallyFigure>,
    /// People wounded.
    pub wounded: Option<TallyFigure>,
    /// People displaced.
    pub displaced: Option<TallyFigure>,
}

/// One figure of a [`Tally`].
#[derive(Debug, Clone, PartialEq)]
pub struct TallyFigure {
    /// How many.
    pub count: u64,
    /// Indexes into `Doc::claims` of the claims the figure rests on.
    pub claims: Vec<usize>,
}

/// One article: the original text and every layer the stages added.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The text exactly as read; never modified.
    pub text: String,
    /// Quote, dash and space normalised copy of `text`, for matching only.
    pub normalized: Normalized,
    /// What the reader knew.
    pub meta: Meta,
    /// Content and boilerplate spans, title, byline, date.
    pub cleaning: Cleaning,
    /// Words, numbers and punctuation, in order.
    pub tokens: Tokens,
    /// Sentence spans, in order.
    pub sentences: Vec<Span>,
    /// Named entities, in order.
    pub entities: Vec<Entity>,
    /// Source, cue and content spans from the joint model's attribution head (`--attribution`), in order.
    pub attribution: Vec<AttributionTag>,
    /// Attributions, in order of their content.
    pub quotes: Vec<Quote>,
    /// Count-like number mentions, in order.
    pub quantities: Vec<Quantity>,
    /// Numeric claims, in order.
    pub claims: Vec<Claim>,
    /// The victims of the article's own incident, from the claims.
    pub tally: Tally,
    /// The GeoNames places of the claims and of the document.
    pub places: crate::geo::Places,
    /// The layers the stages have assigned so far.
    pub layers: Layers,
}

/// Spans sorted by start, with the furthest end reached so far, to ask in logarithmic
/// time whether a span overlaps any of them.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    starts: Vec<usize>,
    reach: Vec<usize>,
}

impl SpanIndex {
    /// Indexes `spans` (in any order).
    pub fn new(spans: impl Iterator<Item = Span>) -> Self {
        let mut spans: Vec<Span> = spans.collect();
        spans.sort_by_key(|s| s.start);
        let mut far = 0;
        let reach = spans.iter().map(|s| {
            far = far.max(s.end);
            far
        });
        SpanIndex { reach: reach.collect(), starts: spans.iter().map(|s| s.start).collect() }
    }

    /// Whether some indexed span starts before `span` ends and ends after it starts.
    pub fn overlaps(&self, span: Span) -> bool {
        let before = self.starts.partition_point(|&start| start < span.end);
        before.checked_sub(1).is_some_and(|k| self.reach[k] > span.start)
    }
}

/// The index of the span of `spans` (sorted and disjoint) that contains `span`, found
/// by binary search.
pub fn containing(spans: &[Span], span: Span) -> Option<usize> {
    let after = spans.partition_point(|s| s.start <= span.start);
    after.checked_sub(1).filter(|&k| spans[k].contains(span))
}

/// The items of a layer in text order whose spans start inside `span`.
fn starting_in<T>(items: &[T], span: Span, start_of: impl Fn(&T) -> usize) -> &[T] {
    let first = items.partition_point(|item| start_of(item) < span.start);
    let end = items.partition_point(|item| start_of(item) < span.end).max(first);
    &items[first..end]
}

impl Doc {
    /// Wraps a text and its reader metadata; no layer is filled yet.
    pub fn new(text: String, meta: Meta) -> Self {
        let normalized = Normalized::new(&text);
        Doc {
            text,
            normalized,
            meta,
            cleaning: Cleaning::default(),
            tokens: Tokens::default(),
            sentences: Vec::new(),
            entities: Vec::new(),
            attribution: Vec::new(),
            quotes: Vec::new(),
            quantities: Vec::new(),
            claims: Vec::new(),
            tally: Tally::default(),
            places: Default::default(),
            layers: Layers::default(),
        }
    }

    /// The text under a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// The entities that start inside `span`, found by binary search (the layer is in
    /// text order), so that per-sentence questions stay cheap in long documents.
    pub fn entities_starting_in(&self, span: Span) -> &[Entity] {
        starting_in(&self.entities, span, |e| e.span.start)
    }

    /// The quantities that start inside `span`, found by binary search.
    pub fn quantities_starting_in(&self, span: Span) -> &[Quantity] {
        starting_in(&self.quantities, span, |q| q.span.start)
    }

    /// The index of the sentence that contains `span`, found by binary search.
    pub fn sentence_containing(&self, span: Span) -> Option<usize> {
        containing(&self.sentences, span)
    }

    /// The content paragraph that contains `span`, found by binary search.
    pub fn paragraph_containing(&self, span: Span) -> Option<Span> {
        containing(&self.cleaning.content, span).map(|k| self.cleaning.content[k])
    }

    /// Whether sentence `index` is the headline (the segmenter puts it first).
    pub fn is_headline(&self, index: usize) -> bool {
        index == 0 && self.cleaning.title.zip(self.sentences.first()).is_some_and(|(t, s)| t.start == s.start)
    }

    /// The document's date, whether stated or inferred.
    pub fn date(&self) -> Option<PartialDate> {
        self.cleaning.date.map(|(date, _)| date).or(self.meta.date)
    }

    /// A converter from byte offsets in `text` to Unicode code point offsets.
    pub fn char_index(&self) -> CharIndex {
        CharIndex::new(&self.text)
    }
}

/// Converts byte offsets of one text into Unicode code point offsets in O(log n).
///
/// The only place in claimex where offsets change units.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// (byte offset, code point offset) just after each multi-byte character.
    after_multibyte: Vec<(usize, usize)>,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut after_multibyte = Vec::new();
        for (chars_before, (byte, ch)) in text.char_indices().enumerate() {
            if ch.len_utf8() > 1 {
                after_multibyte.push((byte + ch.len_utf8(), chars_before + 1));
            }
        }
        CharIndex { after_multibyte }
    }

    /// The code point offset of a byte offset that lies on a character boundary.
    pub fn char_offset(&self, byte: usize) -> usize {
        let before = self.after_multibyte.partition_point(|&(b, _)| b <= byte);
        match before.checked_sub(1).map(|i| self.after_multibyte[i]) {
            Some((b, c)) => c + (byte - b),
            None => byte,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_counts_code_points() {
        let text = "a’b “c” d";
        let index = CharIndex::new(text);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(index.char_offset(byte), chars);
        }
        assert_eq!(index.char_offset(text.len()), text.chars().count());
    }

    #[test]
    fn partial_dates_parse_and_print() {
        assert_eq!(PartialDate::parse("2021-04-11").unwrap().to_string(), "2021-04-11");
        assert_eq!(PartialDate::parse("2014-04").unwrap().to_string(), "2014-04");
        assert!(PartialDate::parse("2021-02-30").is_none());
        assert!(PartialDate::parse("2021-13").is_none());
    }
}
