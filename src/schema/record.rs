//! The output record: one per input document, offsets in code points, end exclusive.
//!
//! Field names are a contract with later tools: extend, never rename. The same types
//! serialise the JSONL lines (`io::write`) and read them back (compare, report, eval).
//! Fields that older records may lack read as empty.

use crate::doc::PartialDate;
use crate::schema::enums::{
    BoilerplateKind, ClaimKind, CueKind, EntityLabel, Event, GeoLevel, Qualifier, QuoteKind, Rate, Status, Unit,
};
use serde::{Deserialize, Serialize};

/// A text span in output units: code point offsets, end exclusive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextSpan {
    /// The text under the span.
    pub text: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

/// One output line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    /// The JSONL `id`, else the file stem.
    pub id: String,
    /// The JSONL `source`, else the input path.
    pub source: Option<String>,
    /// The document date (`YYYY-MM-DD` or `YYYY-MM`).
    pub date: Option<PartialDate>,
    /// Whether `date` was inferred from dates in the text.
    #[serde(default)]
    pub date_inferred: bool,
    /// The title: JSONL `title`, else the headline found by cleaning.
    pub title: Option<String>,
    /// The JSONL `url`.
    pub url: Option<String>,
    /// The text the offsets refer to, when claimex extracted it from HTML (absent for
    /// plain-text input, whose text is the input itself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The byline's author.
    pub author: Option<String>,
    /// The publication timestamp as written.
    pub published: Option<String>,
    /// Whether the document was annotated.
    pub status: Status,
    /// Why the document failed, naming it.
    pub error: Option<String>,
    /// Boilerplate spans as `[start, end, kind]`.
    #[serde(default)]
    pub boilerplate: Vec<(usize, usize, BoilerplateKind)>,
    /// Sentence spans as `[start, end]`.
    #[serde(default)]
    pub sentences: Vec<[usize; 2]>,
    /// Named entities.
    #[serde(default)]
    pub entities: Vec<EntityRecord>,
    /// Attributions.
    #[serde(default)]
    pub quotes: Vec<QuoteRecord>,
    /// Numeric claims.
    #[serde(default)]
    pub claims: Vec<ClaimRecord>,
    /// The victims of the article's own incident: the best figure per kind.
    #[serde(default)]
    pub tally: TallyRecord,
    /// The document's main place: the GeoNames place its text names most often.
    #[serde(default)]
    pub geo: Option<GeoRecord>,
}

/// The victims of the article's own incident, per kind; null where no claim counts it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TallyRecord {
    /// People killed.
    pub killed: Option<TallyFigureRecord>,
    /// People wounded.
    pub wounded: Option<TallyFigureRecord>,
    /// People displaced.
    pub displaced: Option<TallyFigureRecord>,
}

/// One figure of the tally and the claims it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TallyFigureRecord {
    /// How many.
    pub count: u64,
    /// Indexes into `claims` of the claims the figure rests on.
    pub claims: Vec<usize>,
}

impl Record {
    /// The record of a document with only its id and source: annotated, every layer empty.
    pub fn bare(id: String, source: Option<String>) -> Record {
        Record {
            id,
            source,
            date: None,
            date_inferred: false,
            title: None,
            url: None,
            text: None,
            author: None,
            published: None,
            status: Status::Ok,
            error: None,
            boilerplate: Vec::new(),
            sentences: Vec::new(),
            entities: Vec::new(),
            quotes: Vec::new(),
            claims: Vec::new(),
            tally: TallyRecord::default(),
            geo: None,
        }
    }

    /// The record of a document that failed: its id, where it came from and why.
    pub fn failed(id: String, source: Option<String>, error: String) -> Record {
        Record { status: Status::Error, error: Some(error), ..Record::bare(id, source) }
    }
}

/// An entity in the output.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EntityRecord {
    /// PER, ORG, LOC or MISC.
    pub label: EntityLabel,
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
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SpeakerRecord {
    /// The mention.
    #[serde(flatten)]
    pub mention: TextSpan,
    /// Canonical name in the document.
    pub name: String,
    /// PER, ORG or null.
    pub entity: Option<EntityLabel>,
    /// Stated role.
    pub role: Option<String>,
    /// Stated affiliation.
    pub affiliation: Option<String>,
}

/// A quote in the output.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The words attributed.
    pub content: TextSpan,
    /// The cue.
    pub cue: Option<TextSpan>,
    /// speech, writing or other (a poll that shows, a study that found, a belief).
    #[serde(default)]
    pub cue_kind: CueKind,
    /// The speaker.
    pub speaker: Option<SpeakerRecord>,
}

/// The time scope of a claim in the output.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TimeRecord {
    /// The time expression.
    pub text: String,
    /// Start of the period.
    pub from: Option<PartialDate>,
    /// End of the period.
    pub to: Option<PartialDate>,
}

/// A numeric claim in the output.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClaimRecord {
    /// killed, wounded, displaced, troops, captured, missing.
    pub kind: ClaimKind,
    /// Smallest count allowed; null when unbounded.
    pub low: Option<u64>,
    /// Largest count allowed; null when unbounded.
    pub high: Option<u64>,
    /// Whether the figure is hedged or vague.
    #[serde(default)]
    pub approx: bool,
    /// The qualifier keyword.
    pub qualifier: Option<Qualifier>,
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
    /// Where, as written.
    pub place: Option<String>,
    /// When.
    pub time: Option<TimeRecord>,
    /// The unit of time a rate counts per ("day" for "100 soldiers a day"); null for a
    /// count.
    pub rate: Option<Rate>,
    /// Who asserts the figure.
    pub attributed_to: Option<TextSpan>,
    /// The text of the claim's sentence, so that readers of the records need no corpus.
    pub sentence_text: Option<String>,
    /// The paragraph around the claim's sentence (its text and code point range), to read
    /// the claim in context; null when the sentence lies in no content paragraph.
    #[serde(default)]
    pub paragraph: Option<TextSpan>,
    /// What is counted: people, households or homes.
    #[serde(default)]
    pub unit: Unit,
    /// Which event the figure reports: the article's own incident, another, or a total.
    #[serde(default)]
    pub event: Event,
    /// Where, resolved against GeoNames; null when no place is stated or none matched.
    #[serde(default)]
    pub geo: Option<GeoRecord>,
    /// The counts a conjoined group adds up ("three men and one woman": 3 and 1);
    /// written only for such a total.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PartRecord>,
}

/// A place resolved against GeoNames (CC BY 4.0, geonames.org).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GeoRecord {
    /// The place's GeoNames name ("Bakhmut"; a region takes its namesake city's name).
    pub name: String,
    /// The GeoNames id; null for a first-level division GeoNames data gives no id for.
    pub geonameid: Option<u64>,
    /// country, admin1 or city.
    pub level: GeoLevel,
    /// ISO 3166-1 alpha-2 code of the country ("UA").
    pub country: String,
    /// The first-level division's name ("Donetsk"); null for a country.
    pub admin1: Option<String>,
    /// Latitude in degrees (a region's or country's population-weighted centre).
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// How sure the choice is, 0 to 1: the chosen reading's share of the evidence over
    /// every place of that name (1 when the name is unambiguous).
    pub confidence: f64,
    /// The words that named it ("Artemivsk").
    pub matched: String,
    /// Inhabitants, as GeoNames counts them (a region's or country's total); null in
    /// records written before the field existed.
    #[serde(default)]
    pub population: Option<u64>,
}

/// One count of a conjoined group.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PartRecord {
    /// Smallest count allowed; null when unbounded.
    pub low: Option<u64>,
    /// Largest count allowed; null when unbounded.
    pub high: Option<u64>,
    /// The part's mention ("three", "a woman").
    pub text: String,
    /// First code point of the mention.
    pub start: usize,
    /// One past the last code point of the mention.
    pub end: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_written() {
        let line = r#"{"id":"a","source":null,"date":"2022-03","date_inferred":false,"title":null,"url":null,"author":null,"published":null,"status":"ok","error":null,"boilerplate":[[0,5,"byline"]],"sentences":[[0,9]],"entities":[{"label":"LOC","text":"Kyiv","start":0,"end":4,"score":0.5}],"quotes":[{"kind":"direct","content":{"text":"x","start":1,"end":2},"cue":null,"cue_kind":"writing","speaker":{"text":"he","start":3,"end":5,"name":"Ann","entity":"PER","role":null,"affiliation":null}}],"claims":[{"kind":"killed","low":3,"high":null,"approx":false,"qualifier":"more_than","text":"more than 3","start":0,"end":11,"sentence":0,"subject":null,"side":null,"place":null,"time":{"text":"in 2014","from":"2014","to":"2014"},"rate":"day","attributed_to":null,"sentence_text":null,"paragraph":null,"unit":"people","event":"incident","geo":null}],"tally":{"killed":{"count":3,"claims":[0]},"wounded":null,"displaced":null},"geo":null}"#;
        let record: Record = serde_json::from_str(line).unwrap();
        assert_eq!(record.claims[0].qualifier, Some(Qualifier::MoreThan));
        assert_eq!(record.quotes[0].cue_kind, CueKind::Writing);
        assert_eq!(serde_json::to_string(&record).unwrap(), line);
    }

    #[test]
    fn a_quote_written_before_cue_kinds_reads_as_speech() {
        let quote = r#"{"kind":"indirect","content":{"text":"x","start":1,"end":2},"cue":null,"speaker":null}"#;
        let quote: QuoteRecord = serde_json::from_str(quote).unwrap();
        assert_eq!(quote.cue_kind, CueKind::Speech);
    }

    #[test]
    fn an_unknown_enum_value_is_not_a_record() {
        let line = r#"{"id":"a","source":null,"date":null,"title":null,"url":null,"author":null,"published":null,"status":"fine","error":null}"#;
        let error = serde_json::from_str::<Record>(line).unwrap_err().to_string();
        assert!(error.contains("unknown status \"fine\""), "{error}");
    }
}
