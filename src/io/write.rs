//! The output contract: one JSON record per input document, offsets in code points.
//!
//! Field names are a contract with later tools: extend, never rename.

use crate::doc::{
    BoilerplateKind, CharIndex, Claim, ClaimKind, DateOrigin, Doc, Entity, PartialDate, Quote, QuoteKind, Span,
};
use crate::io::DocError;
use serde::Serialize;
use std::io::Write;

/// A text span in output units: code point offsets, end exclusive.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TextSpan {
    /// The text under the span.
    pub text: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

/// One output line.
#[derive(Debug, Serialize)]
pub struct Record {
    /// The JSONL `id`, else the file stem.
    pub id: String,
    /// The JSONL `source`, else the input path.
    pub source: Option<String>,
    /// The document date (`YYYY-MM-DD` or `YYYY-MM`).
    pub date: Option<PartialDate>,
    /// Whether `date` was inferred from dates in the text.
    pub date_inferred: bool,
    /// The title: JSONL `title`, else the headline found by cleaning.
    pub title: Option<String>,
    /// The JSONL `url`.
    pub url: Option<String>,
    /// The text the offsets refer to, when claimex extracted it from HTML (absent for
    /// plain-text input, whose text is the input itself).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The byline's author.
    pub author: Option<String>,
    /// The publication timestamp as written.
    pub published: Option<String>,
    /// `ok` or `error`.
    pub status: &'static str,
    /// Why the document failed, naming it.
    pub error: Option<String>,
    /// Boilerplate spans as `[start, end, kind]`.
    pub boilerplate: Vec<(usize, usize, BoilerplateKind)>,
    /// Sentence spans as `[start, end]`.
    pub sentences: Vec<[usize; 2]>,
    /// Named entities.
    pub entities: Vec<EntityRecord>,
    /// Attributions.
    pub quotes: Vec<QuoteRecord>,
    /// Numeric claims.
    pub claims: Vec<ClaimRecord>,
}

/// An entity in the output.
#[derive(Debug, Serialize)]
pub struct EntityRecord {
    /// PER, ORG, LOC or MISC.
    pub label: String,
    /// The entity text.
    pub text: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Model confidence, 0-1.
    pub score: f32,
}

/// A speaker in the output.
#[derive(Debug, Serialize)]
pub struct SpeakerRecord {
    /// The mention.
    #[serde(flatten)]
    pub mention: TextSpan,
    /// Canonical name in the document.
    pub name: String,
    /// PER, ORG or null.
    pub entity: Option<String>,
    /// Stated role.
    pub role: Option<String>,
    /// Stated affiliation.
    pub affiliation: Option<String>,
}

/// A quote in the output.
#[derive(Debug, Serialize)]
pub struct QuoteRecord {
    /// direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The words attributed.
    pub content: TextSpan,
    /// The cue.
    pub cue: Option<TextSpan>,
    /// The speaker.
    pub speaker: Option<SpeakerRecord>,
}

/// The time scope of a claim in the output.
#[derive(Debug, Serialize)]
pub struct TimeRecord {
    /// The time expression.
    pub text: String,
    /// Start of the period.
    pub from: Option<PartialDate>,
    /// End of the period.
    pub to: Option<PartialDate>,
}

/// A numeric claim in the output.
#[derive(Debug, Serialize)]
pub struct ClaimRecord {
    /// killed, wounded, displaced, troops, captured, missing.
    pub kind: ClaimKind,
    /// Smallest count allowed; null when unbounded.
    pub low: Option<u64>,
    /// Largest count allowed; null when unbounded.
    pub high: Option<u64>,
    /// Whether the figure is hedged or vague.
    pub approx: bool,
    /// The qualifier keyword.
    pub qualifier: Option<String>,
    /// The number mention.
    pub text: String,
    /// First code point of the mention.
    pub start: usize,
    /// One past the last code point of the mention.
    pub end: usize,
    /// Index of the sentence in `sentences`.
    pub sentence: usize,
    /// What is counted.
    pub subject: Option<String>,
    /// Whose side is counted.
    pub side: Option<String>,
    /// Where.
    pub place: Option<String>,
    /// When.
    pub time: Option<TimeRecord>,
    /// The unit of time a rate counts per ("day" for "100 soldiers a day"); null for a
    /// count.
    pub rate: Option<String>,
    /// Who asserts the figure.
    pub attributed_to: Option<TextSpan>,
    /// The text of the claim's sentence, so that readers of the records need no corpus.
    pub sentence_text: Option<String>,
}

/// Builds the output record of an annotated document.
pub fn doc_record(doc: &Doc) -> Record {
    let index = doc.char_index();
    let to_span = |span: Span| TextSpan {
        text: doc.slice(span).to_string(),
        start: index.char_offset(span.start),
        end: index.char_offset(span.end),
    };
    let cleaning = &doc.cleaning;
    Record {
        id: doc.meta.id.clone(),
        source: doc.meta.source.clone(),
        date: doc.date(),
        date_inferred: doc.meta.date.is_none() && matches!(cleaning.date, Some((_, DateOrigin::Inferred))),
        title: doc.meta.title.clone().or_else(|| cleaning.title.map(|t| doc.slice(t).trim().to_string())),
        url: doc.meta.url.clone(),
        text: doc.meta.html.then(|| doc.text.clone()),
        author: cleaning.author.clone(),
        published: cleaning.published.clone(),
        status: "ok",
        error: None,
        boilerplate: cleaning
            .boilerplate
            .iter()
            .map(|b| (index.char_offset(b.span.start), index.char_offset(b.span.end), b.kind))
            .collect(),
        sentences: doc.sentences.iter().map(|s| [index.char_offset(s.start), index.char_offset(s.end)]).collect(),
        entities: doc.entities.iter().map(|e| entity_record(e, &to_span)).collect(),
        quotes: doc.quotes.iter().map(|q| quote_record(q, &to_span)).collect(),
        claims: doc.claims.iter().map(|c| claim_record(doc, c, &index, &to_span)).collect(),
    }
}

/// Builds the error record of a document that could not be read or processed.
pub fn error_record(error: &DocError) -> Record {
    Record {
        id: error.id.clone(),
        source: Some(error.location.clone()),
        date: None,
        date_inferred: false,
        title: None,
        url: None,
        text: None,
        author: None,
        published: None,
        status: "error",
        error: Some(error.to_string()),
        boilerplate: Vec::new(),
        sentences: Vec::new(),
        entities: Vec::new(),
        quotes: Vec::new(),
        claims: Vec::new(),
    }
}

fn entity_record(entity: &Entity, to_span: &impl Fn(Span) -> TextSpan) -> EntityRecord {
    let span = to_span(entity.span);
    EntityRecord { label: entity.label.clone(), text: span.text, start: span.start, end: span.end, score: entity.score }
}

fn quote_record(quote: &Quote, to_span: &impl Fn(Span) -> TextSpan) -> QuoteRecord {
    QuoteRecord {
        kind: quote.kind,
        content: to_span(quote.content),
        cue: quote.cue.map(to_span),
        speaker: quote.speaker.as_ref().map(|s| SpeakerRecord {
            mention: to_span(s.span),
            name: s.name.clone(),
            entity: s.entity.clone(),
            role: s.role.clone(),
            affiliation: s.affiliation.clone(),
        }),
    }
}

fn claim_record(doc: &Doc, claim: &Claim, index: &CharIndex, to_span: &impl Fn(Span) -> TextSpan) -> ClaimRecord {
    let q = &claim.quantity;
    ClaimRecord {
        kind: claim.kind,
        low: q.low,
        high: q.high,
        approx: q.approx,
        qualifier: q.qualifier.clone(),
        text: doc.slice(q.span).to_string(),
        start: index.char_offset(q.span.start),
        end: index.char_offset(q.span.end),
        sentence: claim.sentence,
        subject: claim.subject.map(|s| doc.slice(s).to_string()),
        side: claim.side.clone(),
        place: claim.place.map(|s| doc.slice(s).to_string()),
        time: claim.time.as_ref().map(|t| TimeRecord { text: doc.slice(t.span).to_string(), from: t.from, to: t.to }),
        rate: claim.rate.map(str::to_string),
        attributed_to: claim.attributed_to.map(to_span),
        sentence_text: doc.sentences.get(claim.sentence).map(|&s| doc.slice(s).to_string()),
    }
}

/// The file format of the extracted records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON record per document (the full output contract).
    Jsonl,
    /// One row per claim (the claims layer), for DuckDB, pandas or Spark.
    Parquet,
}

/// Where the pipeline puts its records: one call per record, one per finished chunk.
pub trait RecordSink {
    /// Takes one record, in input order.
    fn write(&mut self, record: &Record) -> std::io::Result<()>;
    /// Marks the end of a chunk: whatever is buffered is written out.
    fn end_chunk(&mut self) -> std::io::Result<()>;
    /// Completes the output (footers, final flush); called once after the last chunk.
    fn finish(&mut self) -> std::io::Result<()>;
}

/// Writes records as JSON Lines: one whole line per record, each chunk's lines in one
/// write, so that an interrupted run leaves whole chunks (see `io::resume`).
pub struct JsonlSink<W: Write> {
    out: W,
    chunk: Vec<u8>,
}

impl<W: Write> JsonlSink<W> {
    /// Wraps a writer.
    pub fn new(out: W) -> Self {
        JsonlSink { out, chunk: Vec::new() }
    }
}

impl<W: Write> RecordSink for JsonlSink<W> {
    fn write(&mut self, record: &Record) -> std::io::Result<()> {
        serde_json::to_writer(&mut self.chunk, record).map_err(std::io::Error::other)?;
        self.chunk.push(b'\n');
        Ok(())
    }

    fn end_chunk(&mut self) -> std::io::Result<()> {
        self.out.write_all(&self.chunk)?;
        self.chunk.clear();
        self.out.flush()
    }

    fn finish(&mut self) -> std::io::Result<()> {
        self.end_chunk()
    }
}
