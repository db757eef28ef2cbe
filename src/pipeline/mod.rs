//! The batch run: reads documents, annotates them in parallel chunks, writes one record
//! per document in input order, and reports progress and a summary.
//!
//! The stages run in the one order [`stages::stages`] gives, under the contract of
//! [`stage::Stage`]. A reader thread parses documents into chunks and hands them over a
//! bounded queue ([`READ_AHEAD_CHUNKS`] deep), so memory holds a few chunks at most
//! whatever the corpus size. Within a chunk, each per-document stage runs on a rayon
//! pool, one document per task; the model stage runs once per chunk over the sentences
//! of all its documents, sorted by length. `--shard K/N` and `--resume` choose which
//! documents a run takes.

pub mod stage;
pub mod stages;

use crate::doc::Doc;
use crate::io::parquet::ParquetSink;
use crate::io::write::{doc_record, error_record, Format, JsonlSink, Record, RecordSink};
use crate::io::{resume, DocError, Input};
use indicatif::{HumanCount, HumanDuration, ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use rayon::prelude::*;
use stage::{Stage, StageError, Stages};
pub use stages::{ModelChoice, Transformer};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How a run is carried out.
#[derive(Debug, Clone)]
pub struct Options {
    /// Worker threads for the rule stages and for ONNX Runtime.
    pub threads: usize,
    /// Documents read ahead and annotated together.
    pub chunk_size: usize,
    /// Whether to draw a progress bar (only drawn when stderr is a terminal).
    pub progress: bool,
    /// What the claims stage knows of the conflict (sides, whole countries).
    pub profile: std::sync::Arc<crate::profile::Profile>,
}

impl Default for Options {
    fn default() -> Self {
        Options { threads: 2, chunk_size: 256, progress: true, profile: crate::profile::default_profile() }
    }
}

/// Chunks read ahead of the annotator.
pub const READ_AHEAD_CHUNKS: usize = 2;

/// Documents per worker thread annotated at a time while a progress bar is drawn over a
/// batched stage ([`Pipeline::annotation_step`]).
pub const PROGRESS_STEP_PER_THREAD: usize = 4;
/// A chunk ends early once its documents hold this many bytes of text (64 MiB).
pub const CHUNK_BYTES: usize = 64 << 20;

/// Totals of a run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Documents annotated.
    pub ok: usize,
    /// Documents that became error records.
    pub failed: usize,
    /// Words in the annotated documents (whitespace separated).
    pub words: usize,
    /// Sentences found.
    pub sentences: usize,
    /// Entities found.
    pub entities: usize,
    /// Quotes found.
    pub quotes: usize,
    /// Numeric claims found.
    pub claims: usize,
    /// Documents skipped because the output already held them (`--resume`).
    pub resumed: usize,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
}

impl Summary {
    /// Words per second over the whole run.
    pub fn words_per_second(&self) -> f64 {
        self.words as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// A one-line summary for humans.
    pub fn line(&self) -> String {
        let resumed =
            if self.resumed > 0 { format!(" ({} done before, skipped)", self.resumed) } else { String::new() };
        format!(
            "{} documents ok, {} failed{resumed}; {} sentences, {} entities, {} quotes, {} claims; {} words in {:.2}s ({:.0} words/s)",
            self.ok,
            self.failed,
            self.sentences,
            self.entities,
            self.quotes,
            self.claims,
            self.words,
            self.elapsed.as_secs_f64(),
            self.words_per_second()
        )
    }

    fn add(&mut self, outcome: &Result<Doc, DocError>) {
        match outcome {
            Ok(doc) => {
                self.ok += 1;
                self.words += word_count(doc);
                self.sentences += doc.sentences.len();
                self.entities += doc.entities.len();
                self.quotes += doc.quotes.len();
                self.claims += doc.claims.len();
            }
            Err(_) => self.failed += 1,
        }
    }
}

/// The words of a document (whitespace separated).
fn word_count(doc: &Doc) -> usize {
    doc.text.split_whitespace().count()
}

/// A document annotated, or why it could not be.
type Outcome = Result<Doc, DocError>;

/// Why a pipeline could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The worker pool could not start.
    #[error("cannot start the worker threads: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
    /// The GeoNames index could not be loaded.
    #[error("{0}")]
    Gazetteer(&'static crate::geo::GeoError),
}

/// Called on each document as it finishes, from the worker threads.
type OnDone<'a> = Option<&'a (dyn Fn(&Outcome) + Sync)>;

/// The stages, ready to run.
pub struct Pipeline {
    stages: Stages,
    pool: rayon::ThreadPool,
    options: Options,
}

impl Pipeline {
    /// Builds a pipeline of every stage around `transformer`, with the options' profile
    /// and the process's GeoNames gazetteer.
    pub fn new(transformer: Transformer, options: Options) -> Result<Self, BuildError> {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(options.threads.max(1)).build()?;
        let gazetteer = crate::geo::gazetteer().map_err(BuildError::Gazetteer)?;
        Ok(Pipeline { stages: stages::stages(transformer, options.profile.clone(), gazetteer), pool, options })
    }

    /// The stages, in order.
    pub fn stages(&self) -> &Stages {
        &self.stages
    }

    /// Whether [`Pipeline::run`] draws a progress bar: wanted, and stderr is a terminal.
    pub fn shows_progress(&self) -> bool {
        self.options.progress && std::io::stderr().is_terminal()
    }

    /// Annotates a chunk of read documents; failures stay in place as errors.
    pub fn annotate(&self, inputs: Vec<Input>) -> Vec<Result<Doc, DocError>> {
        self.annotate_with(inputs, None)
    }

    /// [`Pipeline::annotate`], calling `done` on each document as it finishes. A run of
    /// consecutive per-document stages is one task per document, so that a document
    /// after the last batched stage finishes without waiting for the rest of its chunk.
    fn annotate_with(&self, inputs: Vec<Input>, done: OnDone) -> Vec<Outcome> {
        let mut docs: Vec<Outcome> = self
            .pool
            .install(|| inputs.into_par_iter().map(|input| input.map(|(text, meta)| Doc::new(text, meta))).collect());
        let stages: Vec<&dyn Stage> = self.stages.iter().collect();
        let steps: Vec<&[&dyn Stage]> = stages.chunk_by(|a, b| !a.batched() && !b.batched()).collect();
        for (i, step) in steps.iter().enumerate() {
            let last = i + 1 == steps.len();
            docs = match step {
                [stage] if stage.batched() => run_batched(*stage, docs),
                _ => self.run_each(step, docs, done.filter(|_| last)),
            };
        }
        if let Some(done) = done.filter(|_| steps.last().is_none_or(|step| step[0].batched())) {
            docs.iter().for_each(done);
        }
        docs
    }

    /// How many documents of a chunk are annotated at a time: the whole chunk, but while a
    /// progress bar is drawn and a batched stage (NER) would finish the whole chunk at
    /// once, [`PROGRESS_STEP_PER_THREAD`] documents per thread, so the bar moves within a
    /// chunk. The records are the same: every stage, batched ones too, works per document.
    fn annotation_step(&self, chunk_len: usize) -> usize {
        let batched = self.stages.iter().any(|stage| stage.batched());
        if batched && self.shows_progress() {
            (self.options.threads * PROGRESS_STEP_PER_THREAD).max(1)
        } else {
            chunk_len.max(1)
        }
    }

    /// Runs per-document `stages`, in order, on each document of a chunk in parallel.
    fn run_each(&self, stages: &[&dyn Stage], docs: Vec<Outcome>, done: OnDone) -> Vec<Outcome> {
        let annotate = |doc: Outcome| {
            let doc = doc.and_then(|doc| stages.iter().try_fold(doc, |doc, stage| guarded(doc, *stage)));
            done.inspect(|done| done(&doc));
            doc
        };
        self.pool.install(|| docs.into_par_iter().map(annotate).collect())
    }

    /// Runs the whole job: a reader thread reads `inputs` into chunks ahead of the
    /// annotator; each annotated chunk goes to `sink`, one record per document in input
    /// order, so no more than [`READ_AHEAD_CHUNKS`] + 1 chunks are ever held.
    pub fn run(
        &self,
        inputs: impl Iterator<Item = Input> + Send,
        sink: &mut impl RecordSink,
    ) -> std::io::Result<Summary> {
        self.run_with_total(inputs, None, sink)
    }

    /// [`Pipeline::run`], told how many documents `inputs` holds (when known) for the
    /// length and ETA of the progress bar.
    pub fn run_with_total(
        &self,
        inputs: impl Iterator<Item = Input> + Send,
        total: Option<u64>,
        sink: &mut impl RecordSink,
    ) -> std::io::Result<Summary> {
        let started = Instant::now();
        let progress = Progress::new(self.shows_progress(), total);
        let mut summary = Summary::default();
        let chunk_size = self.options.chunk_size.max(1);
        std::thread::scope(|scope| {
            let (sender, chunks) = std::sync::mpsc::sync_channel::<Vec<Input>>(READ_AHEAD_CHUNKS);
            scope.spawn(move || {
                let mut inputs = inputs.peekable();
                while inputs.peek().is_some() {
                    if sender.send(next_chunk(&mut inputs, chunk_size)).is_err() {
                        break;
                    }
                }
            });
            for mut chunk in chunks {
                let step = self.annotation_step(chunk.len());
                while !chunk.is_empty() {
                    let rest = chunk.split_off(step.min(chunk.len()));
                    for outcome in self.annotate_with(chunk, Some(&|outcome: &Outcome| progress.done(outcome))) {
                        summary.add(&outcome);
                        sink.write(&record(&outcome))?;
                    }
                    chunk = rest;
                }
                sink.end_chunk()?;
            }
            sink.finish()
        })?;
        progress.bar.finish_and_clear();
        summary.elapsed = started.elapsed();
        Ok(summary)
    }
}

/// Takes the next chunk: `size` documents, or fewer once they hold [`CHUNK_BYTES`].
fn next_chunk(inputs: &mut impl Iterator<Item = Input>, size: usize) -> Vec<Input> {
    let (mut chunk, mut bytes) = (Vec::with_capacity(size), 0);
    for input in inputs.by_ref() {
        bytes += input.as_ref().map_or(0, |(text, _)| text.len());
        chunk.push(input);
        if chunk.len() == size || bytes >= CHUNK_BYTES {
            break;
        }
    }
    chunk
}

/// The output record of a document or of its failure.
pub fn record(outcome: &Result<Doc, DocError>) -> Record {
    match outcome {
        Ok(doc) => doc_record(doc),
        Err(error) => error_record(error),
    }
}

/// Runs a stage on a document; a missing layer or a panic becomes an error record for
/// that document.
fn guarded(mut doc: Doc, stage: &dyn Stage) -> Result<Doc, DocError> {
    match catch_unwind(AssertUnwindSafe(|| stage::run_checked(stage, &mut doc))) {
        Ok(Ok(())) => Ok(doc),
        Ok(Err(error)) => Err(doc_error(&doc, error.to_string())),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(doc_error(&doc, format!("internal error, please report: {message}")))
        }
    }
}

/// The error record of a document that failed in a stage.
fn doc_error(doc: &Doc, reason: String) -> DocError {
    let location = doc.meta.source.clone().unwrap_or_else(|| doc.meta.id.clone());
    DocError { id: doc.meta.id.clone(), location, reason }
}

/// Runs a batched stage over the documents of a chunk that hold its required layers;
/// the others become error records, and a failure of the stage fails the whole chunk.
fn run_batched(stage: &dyn Stage, docs: Vec<Result<Doc, DocError>>) -> Vec<Result<Doc, DocError>> {
    let mut docs: Vec<Result<Doc, DocError>> = docs
        .into_iter()
        .map(|doc| {
            doc.and_then(|doc| match stage::check(stage, &doc) {
                Ok(()) => Ok(doc),
                Err(error) => Err(doc_error(&doc, error.to_string())),
            })
        })
        .collect();
    let mut ready: Vec<&mut Doc> = docs.iter_mut().filter_map(|doc| doc.as_mut().ok()).collect();
    let outcome = catch_unwind(AssertUnwindSafe(|| stage.run_batch(&mut ready))).unwrap_or_else(|_| {
        Err(StageError::Failed { stage: stage.name(), reason: "internal error, please report: panic".into() })
    });
    for doc in ready {
        doc.layers.add(stage.assigns());
    }
    match outcome {
        Ok(()) => docs,
        Err(error) => docs.into_iter().map(|doc| doc.and_then(|doc| Err(doc_error(&doc, error.to_string())))).collect(),
    }
}

/// What the progress bar counts as documents finish; read at each redraw.
#[derive(Debug, Default)]
struct Counts {
    words: AtomicU64,
    claims: AtomicU64,
    failed: AtomicU64,
}

/// The progress bar of a run: documents done (out of the total, with an ETA, when
/// known), words per second, claims and failures, redrawn five times a second.
struct Progress {
    bar: ProgressBar,
    counts: Arc<Counts>,
}

impl Progress {
    /// A bar drawn on stderr when `visible`, else a hidden one.
    fn new(visible: bool, total: Option<u64>) -> Self {
        let counts = Arc::new(Counts::default());
        if !visible {
            return Progress { bar: ProgressBar::hidden(), counts };
        }
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
        bar.set_style(progress_style(total.is_some(), counts.clone()));
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress { bar, counts }
    }

    /// Counts a finished document.
    fn done(&self, outcome: &Outcome) {
        match outcome {
            Ok(doc) => {
                self.counts.words.fetch_add(word_count(doc) as u64, Relaxed);
                self.counts.claims.fetch_add(doc.claims.len() as u64, Relaxed);
            }
            Err(_) => _ = self.counts.failed.fetch_add(1, Relaxed),
        }
        self.bar.inc(1);
    }
}

/// A bar with the count out of the total and an ETA (`?` until a document is done), or a
/// spinner with the count alone.
fn progress_style(known_total: bool, counts: Arc<Counts>) -> ProgressStyle {
    let template = if known_total {
        "{bar:30} {human_pos}/{human_len} documents · {counts} · {elapsed_precise} ETA {remaining}"
    } else {
        "{spinner} {human_pos} documents · {counts} · {elapsed_precise}"
    };
    let write_counts = move |state: &ProgressState, out: &mut dyn std::fmt::Write| {
        let words_per_second = counts.words.load(Relaxed) as f64 / state.elapsed().as_secs_f64().max(1e-3);
        let (claims, failed) = (counts.claims.load(Relaxed), counts.failed.load(Relaxed));
        let words_per_second = HumanCount(words_per_second as u64);
        _ = write!(out, "{words_per_second} words/s · {} claims · {} failed", HumanCount(claims), HumanCount(failed));
    };
    let remaining = |state: &ProgressState, out: &mut dyn std::fmt::Write| {
        _ = match state.pos() {
            0 => write!(out, "?"),
            _ => write!(out, "{:#}", HumanDuration(state.eta())),
        };
    };
    ProgressStyle::with_template(template)
        .expect("the progress templates are valid")
        .with_key("counts", write_counts)
        .with_key("remaining", remaining)
}

/// One of `count` static slices of the input (`--shard K/N`): the documents whose
/// position in the input (counting from 0, errors included) is `index - 1` modulo `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which slice, from 1.
    pub index: usize,
    /// How many slices.
    pub count: usize,
}

impl Shard {
    /// How many of `total` documents fall in this slice.
    pub fn share(&self, total: u64) -> u64 {
        (total + self.count as u64 - self.index as u64) / self.count as u64
    }
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("shard must be K/N with 1 <= K <= N, as in 2/8 (got {s:?})");
        let (index, count) = s.split_once('/').ok_or_else(bad)?;
        let shard =
            Shard { index: index.trim().parse().map_err(|_| bad())?, count: count.trim().parse().map_err(|_| bad())? };
        (1..=shard.count).contains(&shard.index).then_some(shard).ok_or_else(bad)
    }
}

/// Where and how `extract` writes.
#[derive(Debug, Clone)]
pub struct Output {
    /// The output file, or `-` for stdout.
    pub path: PathBuf,
    /// The file format.
    pub format: Format,
    /// Keep the records already in `path` and skip their documents.
    pub resume: bool,
}

/// Runs `pipeline` over `inputs` (only `shard` of them, when given) and writes `output`.
pub fn extract(
    pipeline: &Pipeline,
    inputs: &[PathBuf],
    output: &Output,
    shard: Option<Shard>,
) -> std::io::Result<Summary> {
    let to_stdout = output.path.as_os_str() == "-";
    if output.format == Format::Parquet && (to_stdout || output.resume) {
        return Err(std::io::Error::other("Parquet output needs a file of its own: pass -o PATH (and no --resume)"));
    }
    if output.resume && to_stdout {
        return Err(std::io::Error::other("--resume needs the output file: pass -o PATH"));
    }
    if !to_stdout {
        refuse_reading_the_output(inputs, &output.path)?;
    }
    let file = if to_stdout { None } else { Some(open_output(&output.path)?) };
    let mut done = if output.resume { resume::completed_ids(&output.path)? } else { HashMap::new() };
    if let Some(file) = file.as_ref().filter(|_| !output.resume) {
        file.set_len(0)?;
    }
    let resumed = done.values().sum();
    let total = pipeline.shows_progress().then(|| expected_documents(inputs, shard, resumed)).flatten();
    let documents = crate::io::read_inputs(inputs)
        .enumerate()
        .filter(move |(position, _)| shard.is_none_or(|s| position % s.count == s.index - 1))
        .map(|(_, input)| input)
        .filter(move |input| !take_done(&mut done, input));
    let mut summary = if to_stdout {
        let stdout = std::io::stdout();
        pipeline.run_with_total(documents, total, &mut JsonlSink::new(std::io::BufWriter::new(stdout.lock())))?
    } else {
        let file = std::io::BufWriter::new(file.expect("a file output is open"));
        match output.format {
            Format::Jsonl => pipeline.run_with_total(documents, total, &mut JsonlSink::new(file))?,
            Format::Parquet => {
                let mut sink = ParquetSink::new(file).map_err(std::io::Error::other)?;
                pipeline.run_with_total(documents, total, &mut sink)?
            }
        }
    };
    summary.resumed = resumed;
    Ok(summary)
}

/// How many documents a run of `shard` of `inputs` annotates, when cheap to count (see
/// [`crate::io::read::count_documents`]): the shard's share, less the `resumed` records
/// `--resume` skips. Exact when the output holds records of this shard of these inputs
/// only (as after an interrupted run of the same command); otherwise an estimate, and
/// the bar may fill before the run ends.
fn expected_documents(inputs: &[PathBuf], shard: Option<Shard>, resumed: usize) -> Option<u64> {
    let total = crate::io::read::count_documents(inputs)?;
    Some(shard.map_or(total, |shard| shard.share(total)).saturating_sub(resumed as u64))
}

/// Whether the output already holds `input`'s record; if so, counts it as taken.
fn take_done(done: &mut HashMap<String, usize>, input: &Input) -> bool {
    let id = match input {
        Ok((_, meta)) => &meta.id,
        Err(error) => &error.id,
    };
    match done.get_mut(id) {
        Some(count) if *count > 0 => {
            *count -= 1;
            true
        }
        _ => false,
    }
}

/// Opens the output file for appending (creating it and its directory), and takes an
/// exclusive lock on it for the whole run: a second run writing the same file, with
/// `--resume` or without, fails at once instead of interleaving or truncating records.
/// Nothing in the file is touched here.
fn open_output(path: &Path) -> std::io::Result<std::fs::File> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let file = std::fs::OpenOptions::new().append(true).create(true).open(path)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(std::io::Error::other(format!(
            "another claimex run is writing {}: wait for it to finish or choose another -o",
            path.display()
        ))),
        Err(std::fs::TryLockError::Error(err)) => Err(err),
    }
}

/// Refuses an output path that is one of the input files, or a corpus file inside an
/// input directory (the run would read its own output), however either is spelled.
fn refuse_reading_the_output(inputs: &[PathBuf], output: &Path) -> std::io::Result<()> {
    let Some(output_path) = crate::io::read::canonical(output) else { return Ok(()) };
    for input in inputs.iter().filter(|p| p.as_os_str() != "-") {
        let Some(input_path) = crate::io::read::canonical(input) else { continue };
        let inside = input_path.is_dir()
            && output_path.starts_with(&input_path)
            && crate::io::read::is_corpus_file(&output_path);
        if input_path == output_path || inside {
            return Err(std::io::Error::other(format!(
                "the output {} would overwrite or be read as the input {}: choose another -o",
                output.display(),
                input.display()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shard_shares_the_positions_it_takes() {
        for count in 1..=4 {
            for index in 1..=count {
                let shard = Shard { index, count };
                for total in 0..10u64 {
                    let taken = (0..total).filter(|p| *p as usize % count == index - 1).count() as u64;
                    assert_eq!(shard.share(total), taken, "{index}/{count} of {total}");
                }
            }
        }
    }

    #[test]
    fn both_progress_styles_build() {
        progress_style(true, Arc::default());
        progress_style(false, Arc::default());
    }
}
