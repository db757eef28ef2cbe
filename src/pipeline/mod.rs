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
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use stage::{Stage, StageError, Stages};
pub use stages::Transformer;
use std::collections::HashMap;
use std::io::IsTerminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
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
                self.words += doc.text.split_whitespace().count();
                self.sentences += doc.sentences.len();
                self.entities += doc.entities.len();
                self.quotes += doc.quotes.len();
                self.claims += doc.claims.len();
            }
            Err(_) => self.failed += 1,
        }
    }
}

/// The stages, ready to run.
pub struct Pipeline {
    stages: Stages,
    pool: rayon::ThreadPool,
    options: Options,
}

impl Pipeline {
    /// Builds a pipeline of every stage around `transformer`, with the options' profile.
    pub fn new(transformer: Transformer, options: Options) -> Result<Self, rayon::ThreadPoolBuildError> {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(options.threads.max(1)).build()?;
        Ok(Pipeline { stages: stages::stages(transformer, options.profile.clone()), pool, options })
    }

    /// The stages, in order.
    pub fn stages(&self) -> &Stages {
        &self.stages
    }

    /// Annotates a chunk of read documents; failures stay in place as errors.
    pub fn annotate(&self, inputs: Vec<Input>) -> Vec<Result<Doc, DocError>> {
        let mut docs: Vec<Result<Doc, DocError>> = self
            .pool
            .install(|| inputs.into_par_iter().map(|input| input.map(|(text, meta)| Doc::new(text, meta))).collect());
        for stage in self.stages.iter() {
            docs = if stage.batched() {
                run_batched(stage, docs)
            } else {
                self.pool.install(|| docs.into_par_iter().map(|doc| doc.and_then(|doc| guarded(doc, stage))).collect())
            };
        }
        docs
    }

    /// Runs the whole job: a reader thread reads `inputs` into chunks ahead of the
    /// annotator; each annotated chunk goes to `sink`, one record per document in input
    /// order, so no more than [`READ_AHEAD_CHUNKS`] + 1 chunks are ever held.
    pub fn run(
        &self,
        inputs: impl Iterator<Item = Input> + Send,
        sink: &mut impl RecordSink,
    ) -> std::io::Result<Summary> {
        let started = Instant::now();
        let progress = progress_bar(self.options.progress);
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
            for chunk in chunks {
                for outcome in self.annotate(chunk) {
                    summary.add(&outcome);
                    sink.write(&record(&outcome))?;
                }
                sink.end_chunk()?;
                progress.set_position((summary.ok + summary.failed) as u64);
                progress.set_message(format!("{} claims, {} failed", summary.claims, summary.failed));
            }
            sink.finish()
        })?;
        progress.finish_and_clear();
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

fn progress_bar(wanted: bool) -> ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{spinner} {pos} documents {per_sec} [{elapsed_precise}] {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
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
    let documents = crate::io::read_inputs(inputs)
        .enumerate()
        .filter(move |(position, _)| shard.is_none_or(|s| position % s.count == s.index - 1))
        .map(|(_, input)| input)
        .filter(move |input| !take_done(&mut done, input));
    let mut summary = if to_stdout {
        let stdout = std::io::stdout();
        pipeline.run(documents, &mut JsonlSink::new(std::io::BufWriter::new(stdout.lock())))?
    } else {
        let file = std::io::BufWriter::new(file.expect("a file output is open"));
        match output.format {
            Format::Jsonl => pipeline.run(documents, &mut JsonlSink::new(file))?,
            Format::Parquet => pipeline.run(documents, &mut ParquetSink::new(file).map_err(std::io::Error::other)?)?,
        }
    };
    summary.resumed = resumed;
    Ok(summary)
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
