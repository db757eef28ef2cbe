//! The claims layer as Parquet: one row per numeric claim, with the document's id, source
//! and date beside every claim field, so that DuckDB, pandas or Spark can open it as is.
//!
//! Columns (all nullable unless marked): `doc_id` (not null), `source`, `date`
//! (`YYYY-MM-DD` or `YYYY-MM`), `date_inferred` (not null), `kind` (not null), `low`,
//! `high`, `approx` (not null), `qualifier`, `text` (not null), `start`, `end`,
//! `sentence` (not null), `subject`, `side`, `place`, `time_text`, `time_from`,
//! `time_to`, `rate`, `attributed_to`, `attributed_to_start`, `attributed_to_end`,
//! `sentence_text`, `unit` (not null), `event` (not null), `paragraph_text`,
//! `paragraph_start`, `paragraph_end`, and the claim's GeoNames place `geo_name`,
//! `geo_level`, `geo_country`, `geo_admin1`, `geo_matched`, `geo_geonameid`, `geo_lat`,
//! `geo_lon`, `geo_confidence`, `geo_population` (null when the place did not resolve). Offsets are code
//! points, as in the JSONL records. A file written before `unit` and `event` existed reads
//! back with their defaults (people, incident); one written before the paragraph or geo
//! columns, without paragraphs or places.
//!
//! [`ParquetSink`] writes one row group per pipeline chunk, so the corpus is never held;
//! [`read_claim_rows`] reads a file back.

use crate::doc::PartialDate;
use crate::io::write::RecordSink;
use crate::schema::{
    ClaimKind, ClaimRecord, Event, GeoLevel, GeoRecord, Qualifier, Rate, Record, TextSpan, TimeRecord, Unit,
    UnknownName,
};
use arrow_array::{Array, ArrayRef, BooleanArray, Float64Array, RecordBatch, StringArray, UInt64Array};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// One claim with its document's identity: a Parquet row.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRow {
    /// The document's id.
    pub doc_id: String,
    /// The document's source.
    pub source: Option<String>,
    /// The document's date.
    pub date: Option<String>,
    /// Whether the date was inferred from the text.
    pub date_inferred: bool,
    /// killed, wounded, displaced, troops, captured, missing.
    pub kind: ClaimKind,
    /// Smallest count allowed.
    pub low: Option<u64>,
    /// Largest count allowed.
    pub high: Option<u64>,
    /// Whether the figure is hedged.
    pub approx: bool,
    /// The qualifier keyword.
    pub qualifier: Option<Qualifier>,
    /// The number mention.
    pub text: String,
    /// First code point of the mention.
    pub start: u64,
    /// One past the last code point of the mention.
    pub end: u64,
    /// Index of the claim's sentence.
    pub sentence: u64,
    /// What is counted.
    pub subject: Option<String>,
    /// Whose side is counted.
    pub side: Option<String>,
    /// Where.
    pub place: Option<String>,
    /// The time expression.
    pub time_text: Option<String>,
    /// Start of the period.
    pub time_from: Option<String>,
    /// End of the period.
    pub time_to: Option<String>,
    /// The unit of time of a rate.
    pub rate: Option<Rate>,
    /// Who asserts the figure.
    pub attributed_to: Option<String>,
    /// First code point of the attribution.
    pub attributed_to_start: Option<u64>,
    /// One past the last code point of the attribution.
    pub attributed_to_end: Option<u64>,
    /// The claim's sentence.
    pub sentence_text: Option<String>,
    /// The paragraph around the claim's sentence.
    pub paragraph_text: Option<String>,
    /// First code point of the paragraph.
    pub paragraph_start: Option<u64>,
    /// One past the last code point of the paragraph.
    pub paragraph_end: Option<u64>,
    /// What is counted: people, households or homes.
    pub unit: Unit,
    /// Which event the figure reports: incident, other or aggregate.
    pub event: Event,
    /// The claim's GeoNames place.
    pub geo: Option<GeoRecord>,
}

/// Why a Parquet claims file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ParquetReadError {
    /// The file could not be opened.
    #[error("cannot open {path}")]
    Open {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not valid Parquet.
    #[error("{path}: not valid Parquet")]
    Parquet {
        /// The file.
        path: String,
        /// The cause.
        source: ParquetError,
    },
    /// A column is missing or has another type.
    #[error("{path}: column `{column}` is missing or is not {expected}")]
    Column {
        /// The file.
        path: String,
        /// The column.
        column: &'static str,
        /// The expected Arrow type.
        expected: &'static str,
    },
    /// A column holds a value outside its vocabulary.
    #[error("{path}: column `{column}`")]
    Value {
        /// The file.
        path: String,
        /// The column.
        column: &'static str,
        /// The value.
        source: UnknownName,
    },
}

/// What is wrong with a batch: a column missing or mistyped (name, type wanted), or a
/// value outside its vocabulary.
enum BatchError {
    Column(&'static str, &'static str),
    Value(&'static str, UnknownName),
}

/// The rows of one output record, one per claim.
pub fn claim_rows(record: &Record) -> Vec<ClaimRow> {
    record.claims.iter().map(|claim| claim_row(record, claim)).collect()
}

fn claim_row(record: &Record, claim: &ClaimRecord) -> ClaimRow {
    let attributed = claim.attributed_to.as_ref();
    let time = claim.time.as_ref();
    ClaimRow {
        doc_id: record.id.clone(),
        source: record.source.clone(),
        date: record.date.map(|d| d.to_string()),
        date_inferred: record.date_inferred,
        kind: claim.kind,
        low: claim.low,
        high: claim.high,
        approx: claim.approx,
        qualifier: claim.qualifier,
        text: claim.text.clone(),
        start: claim.start as u64,
        end: claim.end as u64,
        sentence: claim.sentence as u64,
        subject: claim.subject.clone(),
        side: claim.side.clone(),
        place: claim.place.clone(),
        time_text: time.map(|t| t.text.clone()),
        time_from: time.and_then(|t| t.from).map(|d| d.to_string()),
        time_to: time.and_then(|t| t.to).map(|d| d.to_string()),
        rate: claim.rate,
        attributed_to: attributed.map(|a| a.text.clone()),
        attributed_to_start: attributed.map(|a| a.start as u64),
        attributed_to_end: attributed.map(|a| a.end as u64),
        sentence_text: claim.sentence_text.clone(),
        paragraph_text: claim.paragraph.as_ref().map(|p| p.text.clone()),
        paragraph_start: claim.paragraph.as_ref().map(|p| p.start as u64),
        paragraph_end: claim.paragraph.as_ref().map(|p| p.end as u64),
        unit: claim.unit,
        event: claim.event,
        geo: claim.geo.clone(),
    }
}

/// A text column: its name, whether it may be null, and how to read it from a row.
type TextColumn = (&'static str, bool, fn(&ClaimRow) -> Option<&str>);
/// A count column: its name, whether it may be null, and how to read it from a row.
type CountColumn = (&'static str, bool, fn(&ClaimRow) -> Option<u64>);
/// A flag column (never null): its name and how to read it from a row.
type FlagColumn = (&'static str, fn(&ClaimRow) -> bool);
/// A number column (nullable): its name and how to read it from a row.
type FloatColumn = (&'static str, fn(&ClaimRow) -> Option<f64>);

/// Text columns: name, nullable, and the row field.
const TEXT_COLUMNS: &[TextColumn] = &[
    ("doc_id", false, |r| Some(&r.doc_id)),
    ("source", true, |r| r.source.as_deref()),
    ("date", true, |r| r.date.as_deref()),
    ("kind", false, |r| Some(r.kind.as_str())),
    ("qualifier", true, |r| r.qualifier.map(Qualifier::as_str)),
    ("text", false, |r| Some(&r.text)),
    ("subject", true, |r| r.subject.as_deref()),
    ("side", true, |r| r.side.as_deref()),
    ("place", true, |r| r.place.as_deref()),
    ("time_text", true, |r| r.time_text.as_deref()),
    ("time_from", true, |r| r.time_from.as_deref()),
    ("time_to", true, |r| r.time_to.as_deref()),
    ("rate", true, |r| r.rate.map(Rate::as_str)),
    ("attributed_to", true, |r| r.attributed_to.as_deref()),
    ("sentence_text", true, |r| r.sentence_text.as_deref()),
    ("unit", false, |r| Some(r.unit.as_str())),
    ("event", false, |r| Some(r.event.as_str())),
    ("paragraph_text", true, |r| r.paragraph_text.as_deref()),
    ("geo_name", true, |r| r.geo.as_ref().map(|g| g.name.as_str())),
    ("geo_level", true, |r| r.geo.as_ref().map(|g| g.level.as_str())),
    ("geo_country", true, |r| r.geo.as_ref().map(|g| g.country.as_str())),
    ("geo_admin1", true, |r| r.geo.as_ref().and_then(|g| g.admin1.as_deref())),
    ("geo_matched", true, |r| r.geo.as_ref().map(|g| g.matched.as_str())),
];

/// Count columns: name, nullable, and the row field.
const COUNT_COLUMNS: &[CountColumn] = &[
    ("low", true, |r| r.low),
    ("high", true, |r| r.high),
    ("start", false, |r| Some(r.start)),
    ("end", false, |r| Some(r.end)),
    ("sentence", false, |r| Some(r.sentence)),
    ("attributed_to_start", true, |r| r.attributed_to_start),
    ("attributed_to_end", true, |r| r.attributed_to_end),
    ("paragraph_start", true, |r| r.paragraph_start),
    ("paragraph_end", true, |r| r.paragraph_end),
    ("geo_geonameid", true, |r| r.geo.as_ref().and_then(|g| g.geonameid)),
    ("geo_population", true, |r| r.geo.as_ref().and_then(|g| g.population)),
];

/// Number columns: name and the row field.
const FLOAT_COLUMNS: &[FloatColumn] = &[
    ("geo_lat", |r| r.geo.as_ref().map(|g| g.lat)),
    ("geo_lon", |r| r.geo.as_ref().map(|g| g.lon)),
    ("geo_confidence", |r| r.geo.as_ref().map(|g| g.confidence)),
];

/// Flag columns: name and the row field (never null).
const FLAG_COLUMNS: &[FlagColumn] = &[("date_inferred", |r| r.date_inferred), ("approx", |r| r.approx)];

/// The Arrow schema of the claims layer.
pub fn schema() -> SchemaRef {
    let text = TEXT_COLUMNS.iter().map(|&(name, nullable, _)| Field::new(name, DataType::Utf8, nullable));
    let count = COUNT_COLUMNS.iter().map(|&(name, nullable, _)| Field::new(name, DataType::UInt64, nullable));
    let flag = FLAG_COLUMNS.iter().map(|&(name, _)| Field::new(name, DataType::Boolean, false));
    let float = FLOAT_COLUMNS.iter().map(|&(name, _)| Field::new(name, DataType::Float64, true));
    Arc::new(Schema::new(text.chain(count).chain(flag).chain(float).collect::<Vec<_>>()))
}

/// Turns rows into one Arrow batch with the [`schema`].
pub fn to_batch(rows: &[ClaimRow]) -> Result<RecordBatch, arrow_schema::ArrowError> {
    let text =
        TEXT_COLUMNS.iter().map(|(_, _, get)| Arc::new(rows.iter().map(get).collect::<StringArray>()) as ArrayRef);
    let count =
        COUNT_COLUMNS.iter().map(|(_, _, get)| Arc::new(rows.iter().map(get).collect::<UInt64Array>()) as ArrayRef);
    let flag = FLAG_COLUMNS
        .iter()
        .map(|(_, get)| Arc::new(rows.iter().map(|r| Some(get(r))).collect::<BooleanArray>()) as ArrayRef);
    let float =
        FLOAT_COLUMNS.iter().map(|(_, get)| Arc::new(rows.iter().map(get).collect::<Float64Array>()) as ArrayRef);
    RecordBatch::try_new(schema(), text.chain(count).chain(flag).chain(float).collect())
}

/// Writes the claims of the records it is given as Parquet, one row group per chunk.
pub struct ParquetSink<W: Write + Send> {
    writer: ArrowWriter<W>,
    pending: Vec<ClaimRow>,
}

impl<W: Write + Send> ParquetSink<W> {
    /// Starts a Parquet file (Snappy-compressed) on `out`.
    pub fn new(out: W) -> Result<Self, ParquetError> {
        let properties = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
        Ok(ParquetSink { writer: ArrowWriter::try_new(out, schema(), Some(properties))?, pending: Vec::new() })
    }
}

impl<W: Write + Send> RecordSink for ParquetSink<W> {
    fn write(&mut self, record: &Record) -> std::io::Result<()> {
        self.pending.extend(claim_rows(record));
        Ok(())
    }

    fn end_chunk(&mut self) -> std::io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let batch = to_batch(&self.pending).map_err(std::io::Error::other)?;
        self.pending.clear();
        self.writer.write(&batch).map_err(std::io::Error::other)?;
        self.writer.flush().map_err(std::io::Error::other)
    }

    fn finish(&mut self) -> std::io::Result<()> {
        self.end_chunk()?;
        self.writer.finish().map_err(std::io::Error::other)?;
        self.writer.inner_mut().flush()
    }
}

/// Reads every claim row of a Parquet claims file.
pub fn read_claim_rows(path: &Path) -> Result<Vec<ClaimRow>, ParquetReadError> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|source| ParquetReadError::Open { path: name.clone(), source })?;
    let parquet = |source| ParquetReadError::Parquet { path: name.clone(), source };
    let reader = ParquetRecordBatchReaderBuilder::try_new(file).map_err(parquet)?.build().map_err(parquet)?;
    let mut rows = Vec::new();
    for batch in reader {
        let batch = batch.map_err(|e| parquet(ParquetError::from(e)))?;
        rows.extend(batch_rows(&batch).map_err(|error| match error {
            BatchError::Column(column, expected) => ParquetReadError::Column { path: name.clone(), column, expected },
            BatchError::Value(column, source) => ParquetReadError::Value { path: name.clone(), column, source },
        })?);
    }
    Ok(rows)
}

/// The records of a Parquet claims file: one per document that has claims, in file
/// order, with the document's id, source and date and its claims. A document without
/// claims has no row, so it has no record; the text layers (sentences, entities,
/// quotes) and the title and URL are not in the file.
pub fn read_records(path: &Path) -> Result<Vec<Record>, ParquetReadError> {
    let mut records: Vec<Record> = Vec::new();
    for row in read_claim_rows(path)? {
        if records.last().is_none_or(|record| record.id != row.doc_id) {
            records.push(document_of(&row));
        }
        records.last_mut().expect("a record for the row").claims.push(claim_of(row));
    }
    Ok(records)
}

/// The document a row belongs to, without its claims.
fn document_of(row: &ClaimRow) -> Record {
    Record {
        date: row.date.as_deref().and_then(PartialDate::parse),
        date_inferred: row.date_inferred,
        ..Record::bare(row.doc_id.clone(), row.source.clone())
    }
}

/// The claim of a row (the inverse of `claim_row`; conjoined parts are not in the file).
fn claim_of(row: ClaimRow) -> ClaimRecord {
    let date = |text: Option<String>| text.as_deref().and_then(PartialDate::parse);
    let time = row.time_text.map(|text| TimeRecord { text, from: date(row.time_from), to: date(row.time_to) });
    let attributed_to = match (row.attributed_to, row.attributed_to_start, row.attributed_to_end) {
        (Some(text), Some(start), Some(end)) => Some(TextSpan { text, start: start as usize, end: end as usize }),
        _ => None,
    };
    let paragraph = match (row.paragraph_text, row.paragraph_start, row.paragraph_end) {
        (Some(text), Some(start), Some(end)) => Some(TextSpan { text, start: start as usize, end: end as usize }),
        _ => None,
    };
    ClaimRecord {
        kind: row.kind,
        low: row.low,
        high: row.high,
        approx: row.approx,
        qualifier: row.qualifier,
        text: row.text,
        start: row.start as usize,
        end: row.end as usize,
        sentence: row.sentence as usize,
        subject: row.subject,
        side: row.side,
        place: row.place,
        time,
        rate: row.rate,
        attributed_to,
        sentence_text: row.sentence_text,
        paragraph,
        unit: row.unit,
        event: row.event,
        geo: row.geo,
        parts: Vec::new(),
    }
}

/// A column of a batch, typed; the error names the column and the type wanted.
fn column<'a, T: Array + 'static>(
    batch: &'a RecordBatch,
    name: &'static str,
    expected: &'static str,
) -> Result<&'a T, BatchError> {
    batch.column_by_name(name).and_then(|c| c.as_any().downcast_ref::<T>()).ok_or(BatchError::Column(name, expected))
}

/// The value of a vocabulary column at row `i`, parsed; the error names the column.
fn named<T: std::str::FromStr<Err = UnknownName>>(
    array: &StringArray,
    column: &'static str,
    i: usize,
) -> Result<Option<T>, BatchError> {
    array.is_valid(i).then(|| array.value(i).parse()).transpose().map_err(|e| BatchError::Value(column, e))
}

fn batch_rows(batch: &RecordBatch) -> Result<Vec<ClaimRow>, BatchError> {
    let text = |name| column::<StringArray>(batch, name, "Utf8");
    let count = |name| column::<UInt64Array>(batch, name, "UInt64");
    let flag = |name| column::<BooleanArray>(batch, name, "Boolean");
    let (doc_id, source, date, kind, qualifier, claim_text) =
        (text("doc_id")?, text("source")?, text("date")?, text("kind")?, text("qualifier")?, text("text")?);
    let (subject, side, place, time_text, time_from, time_to) =
        (text("subject")?, text("side")?, text("place")?, text("time_text")?, text("time_from")?, text("time_to")?);
    let (rate, attributed_to, sentence_text) = (text("rate")?, text("attributed_to")?, text("sentence_text")?);
    let (low, high, start, end, sentence) =
        (count("low")?, count("high")?, count("start")?, count("end")?, count("sentence")?);
    let (attributed_start, attributed_end) = (count("attributed_to_start")?, count("attributed_to_end")?);
    let (date_inferred, approx) = (flag("date_inferred")?, flag("approx")?);
    let optional = |name| batch.column_by_name(name).is_some().then(|| text(name)).transpose();
    let (unit, event, paragraph_text) = (optional("unit")?, optional("event")?, optional("paragraph_text")?);
    let optional_count = |name| batch.column_by_name(name).is_some().then(|| count(name)).transpose();
    let (paragraph_start, paragraph_end) = (optional_count("paragraph_start")?, optional_count("paragraph_end")?);
    let string = |array: &StringArray, i: usize| array.is_valid(i).then(|| array.value(i).to_string());
    let number = |array: &UInt64Array, i: usize| array.is_valid(i).then(|| array.value(i));
    let geo = GeoColumns::of(batch)?;
    (0..batch.num_rows())
        .map(|i| {
            Ok(ClaimRow {
                doc_id: doc_id.value(i).to_string(),
                source: string(source, i),
                date: string(date, i),
                date_inferred: date_inferred.value(i),
                kind: named(kind, "kind", i)?.ok_or(BatchError::Column("kind", "non-null Utf8"))?,
                low: number(low, i),
                high: number(high, i),
                approx: approx.value(i),
                qualifier: named(qualifier, "qualifier", i)?,
                text: claim_text.value(i).to_string(),
                start: start.value(i),
                end: end.value(i),
                sentence: sentence.value(i),
                subject: string(subject, i),
                side: string(side, i),
                place: string(place, i),
                time_text: string(time_text, i),
                time_from: string(time_from, i),
                time_to: string(time_to, i),
                rate: named(rate, "rate", i)?,
                attributed_to: string(attributed_to, i),
                attributed_to_start: number(attributed_start, i),
                attributed_to_end: number(attributed_end, i),
                sentence_text: string(sentence_text, i),
                paragraph_text: paragraph_text.and_then(|p| string(p, i)),
                paragraph_start: paragraph_start.and_then(|p| number(p, i)),
                paragraph_end: paragraph_end.and_then(|p| number(p, i)),
                unit: unit.map(|u| named(u, "unit", i)).transpose()?.flatten().unwrap_or_default(),
                event: event.map(|e| named(e, "event", i)).transpose()?.flatten().unwrap_or_default(),
                geo: geo.as_ref().map(|g| g.at(i)).transpose()?.flatten(),
            })
        })
        .collect()
}

/// The geo columns of a batch, when it has them.
struct GeoColumns<'a> {
    name: &'a StringArray,
    level: &'a StringArray,
    country: &'a StringArray,
    admin1: &'a StringArray,
    matched: &'a StringArray,
    geonameid: &'a UInt64Array,
    lat: &'a Float64Array,
    lon: &'a Float64Array,
    confidence: &'a Float64Array,
    population: Option<&'a UInt64Array>,
}

impl<'a> GeoColumns<'a> {
    /// The geo columns; none in a file written before they existed.
    fn of(batch: &'a RecordBatch) -> Result<Option<Self>, BatchError> {
        if batch.column_by_name("geo_name").is_none() {
            return Ok(None);
        }
        let text = |name| column::<StringArray>(batch, name, "Utf8");
        let float = |name| column::<Float64Array>(batch, name, "Float64");
        Ok(Some(GeoColumns {
            name: text("geo_name")?,
            level: text("geo_level")?,
            country: text("geo_country")?,
            admin1: text("geo_admin1")?,
            matched: text("geo_matched")?,
            geonameid: column::<UInt64Array>(batch, "geo_geonameid", "UInt64")?,
            lat: float("geo_lat")?,
            lon: float("geo_lon")?,
            confidence: float("geo_confidence")?,
            population: batch
                .column_by_name("geo_population")
                .map(|_| column::<UInt64Array>(batch, "geo_population", "UInt64"))
                .transpose()?,
        }))
    }

    /// The place of row `i`; none where `geo_name` is null.
    fn at(&self, i: usize) -> Result<Option<GeoRecord>, BatchError> {
        if !self.name.is_valid(i) {
            return Ok(None);
        }
        let level: GeoLevel = named(self.level, "geo_level", i)?.ok_or(BatchError::Column("geo_level", "Utf8"))?;
        Ok(Some(GeoRecord {
            name: self.name.value(i).to_string(),
            geonameid: self.geonameid.is_valid(i).then(|| self.geonameid.value(i)),
            level,
            country: self.country.value(i).to_string(),
            admin1: self.admin1.is_valid(i).then(|| self.admin1.value(i).to_string()),
            lat: self.lat.value(i),
            lon: self.lon.value(i),
            confidence: self.confidence.value(i),
            matched: self.matched.value(i).to_string(),
            population: self.population.filter(|column| column.is_valid(i)).map(|column| column.value(i)),
        }))
    }
}
