//! Writes the output contract ([`crate::schema::Record`]): builds one record per
//! annotated document and writes records as JSONL or Parquet.
//!
//! A stage value outside the schema's vocabularies (an entity label the model invented,
//! an unknown qualifier) makes the document an error record naming the value.

use crate::doc::{CharIndex, DateOrigin, Doc, Entity, Quantity, Quote, Span, Tally, TallyFigure};
use crate::geo::Located;
use crate::io::DocError;
pub use crate::schema::Record;
use crate::schema::{
    ClaimRecord, EntityRecord, GeoRecord, PartRecord, QuoteRecord, SpeakerRecord, Status, TallyFigureRecord,
    TallyRecord, TextSpan, TimeRecord, UnknownName,
};
use std::io::Write;

/// Builds the output record of an annotated document.
pub fn doc_record(doc: &Doc) -> Record {
    annotated_record(doc).unwrap_or_else(|unknown| {
        let reason = format!("{}: a stage wrote an {unknown}", doc.meta.id);
        Record::failed(doc.meta.id.clone(), doc.meta.source.clone(), reason)
    })
}

/// Builds the error record of a document that could not be read or processed.
pub fn error_record(error: &DocError) -> Record {
    Record::failed(error.id.clone(), Some(error.location.clone()), error.to_string())
}

fn annotated_record(doc: &Doc) -> Result<Record, UnknownName> {
    let index = doc.char_index();
    let to_span = |span: Span| TextSpan {
        text: doc.slice(span).to_string(),
        start: index.char_offset(span.start),
        end: index.char_offset(span.end),
    };
    let cleaning = &doc.cleaning;
    Ok(Record {
        id: doc.meta.id.clone(),
        source: doc.meta.source.clone(),
        date: doc.date(),
        date_inferred: doc.meta.date.is_none() && matches!(cleaning.date, Some((_, DateOrigin::Inferred))),
        title: doc.meta.title.clone().or_else(|| cleaning.title.map(|t| doc.slice(t).trim().to_string())),
        url: doc.meta.url.clone(),
        text: doc.meta.html.then(|| doc.text.clone()),
        author: cleaning.author.clone(),
        published: cleaning.published.clone(),
        status: Status::Ok,
        error: None,
        boilerplate: cleaning
            .boilerplate
            .iter()
            .map(|b| (index.char_offset(b.span.start), index.char_offset(b.span.end), b.kind))
            .collect(),
        sentences: doc.sentences.iter().map(|s| [index.char_offset(s.start), index.char_offset(s.end)]).collect(),
        entities: doc.entities.iter().map(|e| entity_record(e, &to_span)).collect::<Result<_, _>>()?,
        quotes: doc.quotes.iter().map(|q| quote_record(q, &to_span)).collect::<Result<_, _>>()?,
        claims: (0..doc.claims.len()).map(|i| claim_record(doc, i, &index, &to_span)).collect::<Result<_, _>>()?,
        tally: tally_record(&doc.tally),
        geo: doc.places.main.as_ref().map(geo_record),
    })
}

fn tally_record(tally: &Tally) -> TallyRecord {
    let figure =
        |f: &Option<TallyFigure>| f.as_ref().map(|f| TallyFigureRecord { count: f.count, claims: f.claims.clone() });
    TallyRecord { killed: figure(&tally.killed), wounded: figure(&tally.wounded), displaced: figure(&tally.displaced) }
}

fn entity_record(entity: &Entity, to_span: &impl Fn(Span) -> TextSpan) -> Result<EntityRecord, UnknownName> {
    let span = to_span(entity.span);
    Ok(EntityRecord {
        label: entity.label.parse()?,
        text: span.text,
        start: span.start,
        end: span.end,
        score: entity.score,
    })
}

fn quote_record(quote: &Quote, to_span: &impl Fn(Span) -> TextSpan) -> Result<QuoteRecord, UnknownName> {
    let speaker = match &quote.speaker {
        Some(s) => Some(SpeakerRecord {
            mention: to_span(s.span),
            name: s.name.clone(),
            entity: s.entity.as_deref().map(str::parse).transpose()?,
            role: s.role.clone(),
            affiliation: s.affiliation.clone(),
        }),
        None => None,
    };
    Ok(QuoteRecord {
        kind: quote.kind,
        content: to_span(quote.content),
        cue: quote.cue.map(to_span),
        cue_kind: quote.cue_kind,
        speaker,
    })
}

fn claim_record(
    doc: &Doc,
    number: usize,
    index: &CharIndex,
    to_span: &impl Fn(Span) -> TextSpan,
) -> Result<ClaimRecord, UnknownName> {
    let claim = &doc.claims[number];
    let q = &claim.quantity;
    Ok(ClaimRecord {
        kind: claim.kind,
        low: q.low,
        high: q.high,
        approx: q.approx,
        qualifier: q.qualifier.as_deref().map(str::parse).transpose()?,
        text: doc.slice(q.span).to_string(),
        start: index.char_offset(q.span.start),
        end: index.char_offset(q.span.end),
        sentence: claim.sentence,
        subject: claim.subject.map(|s| doc.slice(s).to_string()),
        side: claim.side.clone(),
        place: claim.place.map(|s| doc.slice(s).to_string()),
        time: claim.time.as_ref().map(|t| TimeRecord { text: doc.slice(t.span).to_string(), from: t.from, to: t.to }),
        rate: claim.rate.map(str::parse).transpose()?,
        attributed_to: claim.attributed_to.map(to_span),
        sentence_text: doc.sentences.get(claim.sentence).map(|&s| doc.slice(s).to_string()),
        paragraph: doc.sentences.get(claim.sentence).and_then(|&s| doc.paragraph_containing(s)).map(to_span),
        unit: claim.unit,
        event: claim.event,
        geo: claim_geo(doc, number),
        parts: claim.parts.iter().map(|part| part_record(doc, index, part)).collect(),
    })
}

/// The place of claim `index`, when the places layer resolved one.
fn claim_geo(doc: &Doc, index: usize) -> Option<GeoRecord> {
    doc.places.claims.get(index)?.as_ref().map(geo_record)
}

/// A resolved place as output.
fn geo_record(located: &Located) -> GeoRecord {
    let place = &located.place;
    GeoRecord {
        name: place.name.clone(),
        geonameid: place.geonameid,
        level: place.level,
        country: place.country.clone(),
        admin1: Some(place.admin1_name.clone()).filter(|name| !name.is_empty()),
        lat: place.lat,
        lon: place.lon,
        confidence: (located.confidence * 1000.0).round() / 1000.0,
        matched: located.matched.clone(),
        population: Some(place.population),
    }
}

/// One count of a conjoined group as written.
fn part_record(doc: &Doc, index: &CharIndex, part: &Quantity) -> PartRecord {
    PartRecord {
        low: part.low,
        high: part.high,
        text: doc.slice(part.span).to_string(),
        start: index.char_offset(part.span.start),
        end: index.char_offset(part.span.end),
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

/// Collects the records in memory, in order (the web server's answer to one request).
impl RecordSink for Vec<Record> {
    fn write(&mut self, record: &Record) -> std::io::Result<()> {
        self.push(record.clone());
        Ok(())
    }

    fn end_chunk(&mut self) -> std::io::Result<()> {
        Ok(())
    }

    fn finish(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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
