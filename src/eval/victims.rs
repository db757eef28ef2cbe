//! Per-article victim counts against GVDB-style gold: one JSON object a line with `id`,
//! `killed` and `injured` (and the text, which the pipeline reads from the same file).
//!
//! The tally's killed figure is scored against `killed`, its wounded figure against
//! `injured` (0 where the tally has none), as exact accuracy, with the accuracy of always
//! answering 0 and always answering 1 beside it.

use super::{Accuracy, Error};
use crate::pipeline::{self, Pipeline};
use crate::schema::{Record, TallyFigureRecord};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// One article's gold victim counts.
#[derive(Debug, Clone, Deserialize)]
struct GoldVictims {
    id: String,
    killed: u64,
    injured: u64,
}

/// One article the tally got wrong: its id, gold and predicted (killed, injured).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    /// The article id.
    pub id: String,
    /// Gold killed and injured.
    pub gold: (u64, u64),
    /// Tallied killed and wounded.
    pub predicted: (u64, u64),
}

/// Accuracy of one count and its baselines.
#[derive(Debug, Clone, Copy, Default)]
pub struct CountScore {
    /// The tally's exact accuracy.
    pub tally: Accuracy,
    /// Always answering 0.
    pub always_zero: Accuracy,
    /// Always answering 1.
    pub always_one: Accuracy,
}

impl CountScore {
    fn add(&mut self, gold: u64, predicted: u64) {
        self.tally.record(gold == predicted);
        self.always_zero.record(gold == 0);
        self.always_one.record(gold == 1);
    }
}

/// Scores of the tally against gold victim counts.
#[derive(Debug, Clone, Default)]
pub struct VictimsReport {
    /// Articles scored.
    pub articles: usize,
    /// Killed.
    pub killed: CountScore,
    /// Injured (the tally's wounded).
    pub injured: CountScore,
    /// Both right.
    pub both: Accuracy,
    /// Articles of which a count is wrong, in input order.
    pub misses: Vec<Miss>,
}

/// Runs the pipeline on a GVDB-style JSONL file and scores its tallies.
pub fn victims(pipeline: &Pipeline, path: &Path) -> Result<VictimsReport, Error> {
    let gold = read_gold(path)?;
    let inputs: Vec<_> = crate::io::read_inputs(&[path.to_path_buf()]).collect();
    let mut report = VictimsReport::default();
    for outcome in pipeline.annotate(inputs) {
        let record = pipeline::record(&outcome);
        let Some(expected) = gold.get(&record.id) else {
            return Err(Error::Gold {
                path: path.to_path_buf(),
                reason: format!("no gold counts for {:?}", record.id),
            });
        };
        report.add(&record, expected);
    }
    Ok(report)
}

fn read_gold(path: &Path) -> Result<HashMap<String, GoldVictims>, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    let mut gold = HashMap::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let row: GoldVictims = serde_json::from_str(line)
            .map_err(|e| Error::Gold { path: path.to_path_buf(), reason: format!("line {}: {e}", n + 1) })?;
        gold.insert(row.id.clone(), row);
    }
    Ok(gold)
}

impl VictimsReport {
    fn add(&mut self, record: &Record, gold: &GoldVictims) {
        let count = |f: &Option<TallyFigureRecord>| f.as_ref().map_or(0, |f| f.count);
        let predicted = (count(&record.tally.killed), count(&record.tally.wounded));
        self.articles += 1;
        self.killed.add(gold.killed, predicted.0);
        self.injured.add(gold.injured, predicted.1);
        let gold = (gold.killed, gold.injured);
        self.both.record(gold == predicted);
        if gold != predicted {
            self.misses.push(Miss { id: record.id.clone(), gold, predicted });
        }
    }

    /// The misses, one line each: id, gold and tallied (killed, injured).
    pub fn misses_table(&self) -> String {
        let mut out = String::from("id\tgold_killed\tgold_injured\tkilled\twounded\n");
        for m in &self.misses {
            out.push_str(&format!("{}\t{}\t{}\t{}\t{}\n", m.id, m.gold.0, m.gold.1, m.predicted.0, m.predicted.1));
        }
        out
    }
}

impl fmt::Display for VictimsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "victims: {} articles", self.articles)?;
        writeln!(f, "{:<10} {:>8} {:>9} {:>9}", "count", "tally", "always 0", "always 1")?;
        for (name, score) in [("killed", &self.killed), ("injured", &self.injured)] {
            let (t, z, o) = (score.tally.value(), score.always_zero.value(), score.always_one.value());
            writeln!(f, "{name:<10} {:>8.3} {z:>9.3} {o:>9.3}   ({}/{})", t, score.tally.correct, score.tally.total)?;
        }
        writeln!(f, "{:<10} {:>8.3}   ({}/{})", "both", self.both.value(), self.both.correct, self.both.total)
    }
}
