//! Scoring layers against gold data: precision, recall and F1.
//!
//! [`fixtures`] scores the claims, quotes and entities of the pipeline's output records
//! against `gold/<id>.json` files; [`conll`] scores NER on a CoNLL-2003 file with exact
//! span matching, as conlleval does; [`victims`] scores the per-article tally against
//! GVDB-style victim counts.

use crate::doc::{Entity, PartialDate, Span};
use crate::ner;
use crate::pipeline::{self, Pipeline};
use crate::schema::{
    AttributionPart, ClaimKind, ClaimRecord, CueKind, EntityLabel, QuoteKind, QuoteRecord, Record, TextSpan,
};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

mod victims;
pub use victims::{victims, CountScore, Miss, VictimsReport};

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read {path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A gold file is not valid.
    #[error("{path}: invalid gold file: {reason}")]
    Gold {
        /// The file.
        path: PathBuf,
        /// The cause.
        reason: String,
    },
    /// The model failed.
    #[error(transparent)]
    Model(#[from] crate::tagger::Error),
}

/// True positives, false positives and false negatives of one measure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted and in the gold.
    pub tp: usize,
    /// Predicted, not in the gold.
    pub fp: usize,
    /// In the gold, not predicted.
    pub fn_: usize,
}

impl Counts {
    /// tp / (tp + fp), 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn), 0 when the gold is empty.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Correct answers out of the cases scored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Accuracy {
    /// Correct.
    pub correct: usize,
    /// Scored.
    pub total: usize,
}

impl Accuracy {
    fn record(&mut self, correct: bool) {
        self.total += 1;
        self.correct += usize::from(correct);
    }

    /// correct / total.
    pub fn value(&self) -> f64 {
        ratio(self.correct, self.total)
    }
}

/// A gold numeric claim.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldClaim {
    /// killed, wounded, ...
    pub kind: ClaimKind,
    /// The number mention.
    #[serde(flatten)]
    pub span: TextSpan,
    /// Interval low.
    pub low: Option<u64>,
    /// Interval high.
    pub high: Option<u64>,
    /// Hedged or vague.
    pub approx: bool,
    /// Side counted.
    pub side: Option<String>,
    /// Start of the time scope.
    pub time_from: Option<PartialDate>,
    /// Who asserts it.
    pub attributed_to: Option<String>,
}

/// A gold quote.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldQuote {
    /// direct, indirect or mixed.
    pub kind: QuoteKind,
    /// Canonical speaker name.
    pub speaker: String,
    /// The cue.
    pub cue: Option<TextSpan>,
    /// The words attributed.
    pub content: TextSpan,
}

/// A gold entity.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEntity {
    /// PER, ORG, LOC, MISC.
    pub label: EntityLabel,
    /// Where.
    #[serde(flatten)]
    pub span: TextSpan,
}

/// The gold file of one fixture document.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    /// Document id (file stem).
    pub id: String,
    /// Numeric claims.
    pub claims: Vec<GoldClaim>,
    /// Quotes.
    pub quotes: Vec<GoldQuote>,
    /// Entities.
    pub entities: Vec<GoldEntity>,
}

/// Scores of the fixtures, per layer.
#[derive(Debug, Clone, Default)]
pub struct FixtureReport {
    /// Documents scored.
    pub documents: usize,
    /// Claims matched on kind and overlapping number span.
    pub claims: Counts,
    /// Claims that also have the gold interval (low, high, approx).
    pub claim_intervals: Counts,
    /// Side of matched claims.
    pub claim_side: Accuracy,
    /// Start of the time scope of matched claims.
    pub claim_time: Accuracy,
    /// Attribution of matched claims.
    pub claim_source: Accuracy,
    /// Quotes matched on overlapping content.
    pub quotes: Counts,
    /// Canonical speaker of matched quotes.
    pub quote_speaker: Accuracy,
    /// Quotes whose cue is speech (`cue_kind`), matched on overlapping content: the seed
    /// gold marks who said what, so this is the precision a who-said-what user gets.
    pub speech_quotes: Counts,
    /// Canonical speaker of matched speech quotes.
    pub speech_quote_speaker: Accuracy,
    /// Entities matched on exact span and label, per label and overall ("all").
    pub entities: BTreeMap<String, Counts>,
}

/// Runs the pipeline on `dir/corpus` and scores it against `dir/gold`.
pub fn fixtures(pipeline: &Pipeline, dir: &Path) -> Result<FixtureReport, Error> {
    let corpus = dir.join("corpus");
    std::fs::read_dir(&corpus).map_err(|source| Error::Io { path: corpus.clone(), source })?;
    let inputs: Vec<_> = crate::io::read_inputs(std::slice::from_ref(&corpus)).collect();
    let mut report = FixtureReport::default();
    for outcome in pipeline.annotate(inputs) {
        let record = pipeline::record(&outcome);
        let gold = load_gold(&dir.join("gold").join(format!("{}.json", record.id)))?;
        report.add(&record, &gold);
    }
    Ok(report)
}

/// Reads one gold file.
pub fn load_gold(path: &Path) -> Result<Gold, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    serde_json::from_str(&text).map_err(|e| Error::Gold { path: path.to_path_buf(), reason: e.to_string() })
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Pairs each gold item with at most one prediction, greedily in order.
fn pair<'a, G, P>(
    gold: &'a [G],
    predicted: &'a [P],
    matches: impl Fn(&G, &P) -> bool,
) -> (Vec<(&'a G, &'a P)>, Counts) {
    let mut used = vec![false; predicted.len()];
    let mut pairs = Vec::new();
    for g in gold {
        if let Some(i) = (0..predicted.len()).find(|&i| !used[i] && matches(g, &predicted[i])) {
            used[i] = true;
            pairs.push((g, &predicted[i]));
        }
    }
    let tp = pairs.len();
    (pairs, Counts { tp, fp: predicted.len() - tp, fn_: gold.len() - tp })
}

impl FixtureReport {
    fn add(&mut self, record: &Record, gold: &Gold) {
        self.documents += 1;
        let same_claim =
            |g: &GoldClaim, p: &ClaimRecord| g.kind == p.kind && overlaps((g.span.start, g.span.end), (p.start, p.end));
        let (pairs, counts) = pair(&gold.claims, &record.claims, same_claim);
        self.claims.add(counts);
        let exact =
            |g: &GoldClaim, p: &ClaimRecord| same_claim(g, p) && (g.low, g.high, g.approx) == (p.low, p.high, p.approx);
        self.claim_intervals.add(pair(&gold.claims, &record.claims, exact).1);
        for (g, p) in pairs {
            self.claim_side.record(g.side == p.side);
            self.claim_time.record(g.time_from == p.time.as_ref().and_then(|t| t.from));
            let said_by = p.attributed_to.as_ref().map(|a| a.text.as_str());
            self.claim_source.record(match (&g.attributed_to, said_by) {
                (Some(want), Some(got)) => got.contains(want.as_str()) || want.contains(got),
                (None, None) => true,
                _ => false,
            });
        }
        let speech: Vec<QuoteRecord> =
            record.quotes.iter().filter(|q| q.cue_kind == CueKind::Speech).cloned().collect();
        score_quotes(&gold.quotes, &record.quotes, &mut self.quotes, &mut self.quote_speaker);
        score_quotes(&gold.quotes, &speech, &mut self.speech_quotes, &mut self.speech_quote_speaker);
        self.add_entities(record, gold);
    }

    fn add_entities(&mut self, record: &Record, gold: &Gold) {
        let gold_set: HashSet<(String, usize, usize)> =
            gold.entities.iter().map(|e| (e.label.to_string(), e.span.start, e.span.end)).collect();
        let predicted: HashSet<(String, usize, usize)> =
            record.entities.iter().map(|e| (e.label.to_string(), e.start, e.end)).collect();
        self.entities.remove("all");
        score_sets(&mut self.entities, &gold_set, &predicted);
    }
}

/// Adds the quotes matched on overlapping content to `counts` and whether each matched
/// quote names the gold canonical speaker to `speaker`.
fn score_quotes(gold: &[GoldQuote], predicted: &[QuoteRecord], counts: &mut Counts, speaker: &mut Accuracy) {
    let same_quote =
        |g: &GoldQuote, p: &QuoteRecord| overlaps((g.content.start, g.content.end), (p.content.start, p.content.end));
    let (pairs, matched) = pair(gold, predicted, same_quote);
    counts.add(matched);
    for (g, p) in pairs {
        speaker.record(p.speaker.as_ref().is_some_and(|s| s.name.eq_ignore_ascii_case(&g.speaker)));
    }
}

/// Adds exact-match counts per label of two sets of `(label, start, end)` items, and
/// recomputes the micro total under "all".
fn score_sets<T: Eq + std::hash::Hash>(
    by_label: &mut BTreeMap<String, Counts>,
    gold: &HashSet<(String, T, T)>,
    predicted: &HashSet<(String, T, T)>,
) {
    for item in predicted {
        let counts = by_label.entry(item.0.clone()).or_default();
        if gold.contains(item) {
            counts.tp += 1;
        } else {
            counts.fp += 1;
        }
    }
    for item in gold.difference(predicted) {
        by_label.entry(item.0.clone()).or_default().fn_ += 1;
    }
    let all = by_label.iter().filter(|(k, _)| k.as_str() != "all").fold(Counts::default(), |mut acc, (_, c)| {
        acc.add(*c);
        acc
    });
    by_label.insert("all".into(), all);
}

fn prf_line(name: &str, c: &Counts) -> String {
    format!(
        "{name:<22} P {:>5.1}  R {:>5.1}  F1 {:>5.1}   (tp {}, fp {}, fn {})\n",
        100.0 * c.precision(),
        100.0 * c.recall(),
        100.0 * c.f1(),
        c.tp,
        c.fp,
        c.fn_
    )
}

fn accuracy_line(name: &str, a: &Accuracy) -> String {
    format!("{name:<22} accuracy {:>5.1}  ({}/{})\n", 100.0 * a.value(), a.correct, a.total)
}

impl FixtureReport {
    /// The quote lines: content overlap P/R/F1, canonical speaker accuracy, and P/R/F1 of
    /// the quotes whose cue is speech.
    fn write_quotes(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&prf_line("quotes (overlap)", &self.quotes))?;
        f.write_str(&accuracy_line("  quote speaker", &self.quote_speaker))?;
        f.write_str(&prf_line("speech quotes", &self.speech_quotes))?;
        f.write_str(&accuracy_line("  speech speaker", &self.speech_quote_speaker))
    }
}

impl fmt::Display for FixtureReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "fixtures: {} documents", self.documents)?;
        f.write_str(&prf_line("claims", &self.claims))?;
        f.write_str(&prf_line("claims + interval", &self.claim_intervals))?;
        f.write_str(&accuracy_line("  claim side", &self.claim_side))?;
        f.write_str(&accuracy_line("  claim time from", &self.claim_time))?;
        f.write_str(&accuracy_line("  claim attributed_to", &self.claim_source))?;
        self.write_quotes(f)?;
        for (label, counts) in &self.entities {
            f.write_str(&prf_line(&format!("entities {label}"), counts))?;
        }
        Ok(())
    }
}

/// One CoNLL sentence: tokens, their gold IOB2 tags, and its document's number.
#[derive(Default)]
struct ConllSentence {
    tokens: Vec<String>,
    tags: Vec<String>,
    document: usize,
}

fn read_conll(path: &Path) -> Result<Vec<ConllSentence>, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    let mut sentences = Vec::new();
    let mut current = ConllSentence::default();
    for (number, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() || fields[0] == "-DOCSTART-" {
            let document = current.document + usize::from(fields.first() == Some(&"-DOCSTART-"));
            let next = ConllSentence { document, ..ConllSentence::default() };
            let finished = std::mem::replace(&mut current, next);
            if !finished.tokens.is_empty() {
                sentences.push(finished);
            }
            continue;
        }
        let tag = fields.last().filter(|_| fields.len() >= 2).ok_or_else(|| Error::Gold {
            path: path.to_path_buf(),
            reason: format!("line {}: expected `token ... tag`", number + 1),
        })?;
        current.tokens.push(fields[0].to_string());
        current.tags.push(tag.to_string());
    }
    if !current.tokens.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

/// Chunks `(type, first token, last token)` of an IOB2/IOB1 tag sequence, as conlleval.
fn chunks(tags: &[String]) -> Vec<(String, usize, usize)> {
    let mut out: Vec<(String, usize, usize)> = Vec::new();
    let mut open: Option<(String, usize)> = None;
    for (i, tag) in tags.iter().chain(std::iter::once(&"O".to_string())).enumerate() {
        let (prefix, label) = tag.split_once('-').unwrap_or(("O", ""));
        let continues = prefix == "I" && open.as_ref().is_some_and(|(l, _)| l == label);
        if !continues {
            if let Some((l, start)) = open.take() {
                out.push((l, start, i - 1));
            }
            if prefix != "O" {
                open = Some((label.to_string(), i));
            }
        }
    }
    out
}

/// NER scores on a CoNLL file.
#[derive(Debug, Clone, Default)]
pub struct ConllReport {
    /// Sentences scored.
    pub sentences: usize,
    /// Tokens scored.
    pub tokens: usize,
    /// Seconds spent in the model.
    pub seconds: f64,
    /// Exact-span counts per type and "all" (micro), the model alone on each sentence.
    pub counts: BTreeMap<String, Counts>,
    /// The same after document-level consolidation ([`ner::consolidate`]), as the
    /// pipeline runs it, with each CoNLL document as one text.
    pub document_counts: BTreeMap<String, Counts>,
}

/// Tags the tokens of `path` (joined by spaces) with `model`, one CoNLL document per
/// call as the pipeline tags one article per call, and scores exact spans, per sentence
/// and after document-level consolidation.
pub fn conll(model: &ner::Model, path: &Path) -> Result<ConllReport, Error> {
    let sentences = read_conll(path)?;
    let texts: Vec<(String, Vec<(usize, usize)>)> = sentences.iter().map(|s| join_tokens(&s.tokens)).collect();
    let refs: Vec<&str> = texts.iter().map(|(t, _)| t.as_str()).collect();
    let started = Instant::now();
    let mut predicted: Vec<Vec<Entity>> = Vec::with_capacity(refs.len());
    for document in sentences.chunk_by(|a, b| a.document == b.document) {
        let first = predicted.len();
        predicted.extend(model.predict(&refs[first..first + document.len()])?);
    }
    let mut report =
        ConllReport { sentences: sentences.len(), seconds: started.elapsed().as_secs_f64(), ..Default::default() };
    report.tokens = sentences.iter().map(|s| s.tokens.len()).sum();
    let consolidated = consolidate_documents(&sentences, &refs, &predicted);
    for (i, sentence) in sentences.iter().enumerate() {
        let offsets = &texts[i].1;
        score_sentence(&mut report.counts, sentence, offsets, &predicted[i]);
        score_sentence(&mut report.document_counts, sentence, offsets, &consolidated[i]);
    }
    Ok(report)
}

/// Runs [`ner::consolidate`] on each CoNLL document (its sentences joined by newlines)
/// and returns the entities per sentence again.
fn consolidate_documents(sentences: &[ConllSentence], texts: &[&str], predicted: &[Vec<Entity>]) -> Vec<Vec<Entity>> {
    let mut out: Vec<Vec<Entity>> = vec![Vec::new(); sentences.len()];
    let mut first = 0;
    while first < sentences.len() {
        let last = (first..sentences.len())
            .take_while(|&i| sentences[i].document == sentences[first].document)
            .last()
            .unwrap_or(first);
        let mut text = String::new();
        let mut spans = Vec::new();
        let mut entities = Vec::new();
        for i in first..=last {
            let start = text.len();
            text.push_str(texts[i]);
            spans.push(Span::new(start, text.len()));
            text.push('\n');
            entities.extend(
                predicted[i]
                    .iter()
                    .map(|e| Entity { span: Span::new(e.span.start + start, e.span.end + start), ..e.clone() }),
            );
        }
        for entity in ner::consolidate(&text, &spans, entities) {
            if let Some(k) = spans.iter().position(|s| s.contains(entity.span)) {
                let start = spans[k].start;
                out[first + k]
                    .push(Entity { span: Span::new(entity.span.start - start, entity.span.end - start), ..entity });
            }
        }
        first = last + 1;
    }
    out
}

/// Adds the exact-span counts of one sentence's predicted entities.
fn score_sentence(
    counts: &mut BTreeMap<String, Counts>,
    sentence: &ConllSentence,
    offsets: &[(usize, usize)],
    entities: &[Entity],
) {
    let mut tags = vec!["O".to_string(); offsets.len()];
    for entity in entities {
        let inside: Vec<usize> =
            (0..offsets.len()).filter(|&i| overlaps(offsets[i], (entity.span.start, entity.span.end))).collect();
        for (n, &i) in inside.iter().enumerate() {
            tags[i] = format!("{}-{}", if n == 0 { "B" } else { "I" }, entity.label);
        }
    }
    let gold: HashSet<_> = chunks(&sentence.tags).into_iter().collect();
    let found: HashSet<_> = chunks(&tags).into_iter().collect();
    counts.remove("all");
    score_sets(counts, &gold, &found);
}

/// Joins tokens with single spaces and returns each token's byte range.
fn join_tokens(tokens: &[String]) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut offsets = Vec::with_capacity(tokens.len());
    for token in tokens {
        if !text.is_empty() {
            text.push(' ');
        }
        offsets.push((text.len(), text.len() + token.len()));
        text.push_str(token);
    }
    (text, offsets)
}

impl fmt::Display for ConllReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "conll: {} sentences, {} tokens, {:.1}s in the model ({:.0} tokens/s)",
            self.sentences,
            self.tokens,
            self.seconds,
            self.tokens as f64 / self.seconds.max(1e-9)
        )?;
        for (heading, table) in
            [("model alone, per sentence", &self.counts), ("with document consolidation", &self.document_counts)]
        {
            writeln!(f, "{heading}:")?;
            for (label, counts) in table {
                f.write_str(&prf_line(if label == "all" { "micro" } else { label }, counts))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conlleval_chunks_handle_iob1_and_type_changes() {
        let tags: Vec<String> =
            ["B-PER", "I-PER", "O", "I-LOC", "I-ORG", "B-ORG", "I-ORG"].iter().map(|s| s.to_string()).collect();
        assert_eq!(
            chunks(&tags),
            [("PER".into(), 0, 1), ("LOC".into(), 3, 3), ("ORG".into(), 4, 4), ("ORG".into(), 5, 6)]
        );
    }

    #[test]
    fn counts_give_precision_recall_f1() {
        let c = Counts { tp: 8, fp: 2, fn_: 8 };
        assert!((c.precision() - 0.8).abs() < 1e-9);
        assert!((c.recall() - 0.5).abs() < 1e-9);
        assert!((c.f1() - 2.0 * 0.4 / 1.3).abs() < 1e-9);
        assert_eq!(Counts::default().f1(), 0.0);
    }

    #[test]
    fn attributions_score_per_part_and_whole() {
        let attribution = |cue, source, content| Attribution { cue: Some(cue), source, content: Some(content) };
        let gold = [attribution((10, 14), Some((0, 9)), (15, 40)), attribution((45, 49), None, (50, 60))];
        let predicted =
            [attribution((10, 14), Some((0, 9)), (15, 39)), attribution((45, 49), Some((41, 44)), (50, 60))];
        let mut report = AttributionReport::default();
        report.add(&gold, &predicted);
        let counts = |key: &str| report.counts[key];
        assert_eq!(counts("content exact"), Counts { tp: 1, fp: 1, fn_: 1 });
        assert_eq!(counts("content overlap"), Counts { tp: 2, fp: 0, fn_: 0 });
        // A source the gold attribution lacks is a false positive for sources only.
        assert_eq!(counts("source exact"), Counts { tp: 1, fp: 1, fn_: 0 });
        assert_eq!(counts("attribution exact"), Counts { tp: 1, fp: 1, fn_: 1 });
        assert_eq!(counts("attribution overlap"), Counts { tp: 2, fp: 0, fn_: 0 });
    }
}

/// One attribution in code point offsets: `(start, end)` per part, when present.
#[derive(Debug, Clone, Default, PartialEq)]
struct Attribution {
    cue: Option<(usize, usize)>,
    source: Option<(usize, usize)>,
    content: Option<(usize, usize)>,
}

impl Attribution {
    fn part(&self, part: AttributionPart) -> Option<(usize, usize)> {
        match part {
            AttributionPart::Cue => self.cue,
            AttributionPart::Source => self.source,
            AttributionPart::Content => self.content,
        }
    }
}

/// Attribution scores on PolNeAR: per part, exact and overlap matching.
#[derive(Debug, Clone, Default)]
pub struct AttributionReport {
    /// Articles scored.
    pub articles: usize,
    /// Counts keyed by "part exact" / "part overlap" over the distinct spans of each part
    /// (cue, source, content), and "attribution exact" / "attribution overlap": content,
    /// cue and source all equal to / overlapping those of the same gold attribution.
    pub counts: BTreeMap<String, Counts>,
}

/// Reads the brat standoff attributions of one PolNeAR `.ann` file.
fn read_brat(path: &Path) -> Result<Vec<Attribution>, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    let mut spans: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut relations = Vec::new();
    for line in text.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(body)) = (fields.next(), fields.next()) else { continue };
        if id.starts_with('T') {
            spans.insert(
                id,
                brat_extent(body).ok_or_else(|| Error::Gold {
                    path: path.to_path_buf(),
                    reason: format!("bad span line: {line}"),
                })?,
            );
        } else if id.starts_with('E') {
            relations.push(body);
        }
    }
    Ok(relations
        .into_iter()
        .map(|body| {
            let mut attribution = Attribution::default();
            for arg in body.split_whitespace() {
                let Some((role, target)) = arg.split_once(':') else { continue };
                let span = spans.get(target).copied();
                match role {
                    "Cue" => attribution.cue = span,
                    "Source" => attribution.source = span,
                    "Content" => attribution.content = span,
                    _ => {}
                }
            }
            attribution
        })
        .collect())
}

/// The extent (first start, last end) of a brat span body `Type s e[;s e...]`.
fn brat_extent(body: &str) -> Option<(usize, usize)> {
    let (_, ranges) = body.split_once(' ')?;
    let numbers: Vec<usize> = ranges.split([' ', ';']).map(str::parse).collect::<Result<_, _>>().ok()?;
    Some((*numbers.first()?, *numbers.last()?))
}

/// The quotes stage scored two ways: attributions on PolNeAR, and quotes with their
/// canonical speakers on the fixtures' gold.
#[derive(Debug, Clone)]
pub struct QuotesReport {
    /// Cue, source, content and whole attributions on a PolNeAR split.
    pub polnear: AttributionReport,
    /// The fixtures' scores, of which the report shows the quotes and speakers.
    pub fixtures: FixtureReport,
}

/// Scores the quotes stage on a PolNeAR split (`polnear`) and a fixtures directory.
pub fn quotes(pipeline: &Pipeline, polnear_dir: &Path, fixtures_dir: &Path) -> Result<QuotesReport, Error> {
    let fixtures = fixtures(pipeline, fixtures_dir)?;
    Ok(QuotesReport { polnear: polnear(pipeline, polnear_dir)?, fixtures })
}

impl fmt::Display for QuotesReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.polnear)?;
        writeln!(f, "fixtures: {} documents", self.fixtures.documents)?;
        self.fixtures.write_quotes(f)
    }
}

/// Runs the pipeline on PolNeAR articles (`dir/text/*.txt`, first `.ann` per article in
/// `dir/attributions`) and scores the quotes layer against the attributions.
fn polnear(pipeline: &Pipeline, dir: &Path) -> Result<AttributionReport, Error> {
    let texts = dir.join("text");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&texts)
        .map_err(|source| Error::Io { path: texts.clone(), source })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let annotations = first_annotation_per_article(&dir.join("attributions"))?;
    let inputs: Vec<_> = crate::io::read_inputs(&paths).collect();
    let mut report = AttributionReport::default();
    for outcome in pipeline.annotate(inputs) {
        let record = pipeline::record(&outcome);
        let Some(ann) = annotations.get(&record.id) else { continue };
        report.articles += 1;
        report.add(&read_brat(ann)?, &predicted_attributions(&record));
    }
    Ok(report)
}

/// Maps each article stem to its first annotation file in sorted order.
fn first_annotation_per_article(dir: &Path) -> Result<BTreeMap<String, PathBuf>, Error> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|source| Error::Io { path: dir.to_path_buf(), source })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
        .collect();
    files.sort();
    let mut first = BTreeMap::new();
    for file in files {
        let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let article = stem.rsplit_once('_').map_or(stem.as_str(), |(a, _)| a).to_string();
        first.entry(article).or_insert(file);
    }
    Ok(first)
}

fn predicted_attributions(record: &Record) -> Vec<Attribution> {
    record
        .quotes
        .iter()
        .map(|q| Attribution {
            cue: q.cue.as_ref().map(|c| (c.start, c.end)),
            source: q.speaker.as_ref().map(|s| (s.mention.start, s.mention.end)),
            content: Some((q.content.start, q.content.end)),
        })
        .collect()
}

/// Whether every part the gold attribution has matches the predicted one's (`same`).
fn whole(gold: &Attribution, predicted: &Attribution, same: fn((usize, usize), (usize, usize)) -> bool) -> bool {
    AttributionPart::ALL.iter().all(|&part| match (gold.part(part), predicted.part(part)) {
        (Some(a), Some(b)) => same(a, b),
        (None, _) => true,
        (Some(_), None) => false,
    })
}

/// The distinct spans of one part (a source shared by several attributions counts once).
fn distinct_spans(attributions: &[Attribution], part: AttributionPart) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = attributions.iter().filter_map(|a| a.part(part)).collect();
    spans.sort_unstable();
    spans.dedup();
    spans
}

impl AttributionReport {
    fn add(&mut self, gold: &[Attribution], predicted: &[Attribution]) {
        for &part in AttributionPart::ALL {
            let gold_spans = distinct_spans(gold, part);
            let found = distinct_spans(predicted, part);
            self.tally(&format!("{part} exact"), pair(&gold_spans, &found, |g, p| g == p).1);
            self.tally(&format!("{part} overlap"), pair(&gold_spans, &found, |g, p| overlaps(*g, *p)).1);
        }
        let exact = |g: &Attribution, p: &Attribution| whole(g, p, |a, b| a == b);
        self.tally("attribution exact", pair(gold, predicted, exact).1);
        let overlap = |g: &Attribution, p: &Attribution| whole(g, p, overlaps);
        self.tally("attribution overlap", pair(gold, predicted, overlap).1);
    }

    fn tally(&mut self, key: &str, counts: Counts) {
        self.counts.entry(key.to_string()).or_default().add(counts);
    }
}

impl fmt::Display for AttributionReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "polnear: {} articles", self.articles)?;
        for (key, counts) in &self.counts {
            f.write_str(&prf_line(key, counts))?;
        }
        Ok(())
    }
}
