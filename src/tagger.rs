//! Transformer token tagging on ONNX Runtime, shared by the NER and attribution models.
//!
//! [`Tagger::load`] reads a model directory (`model.onnx`, `tokenizer.json`,
//! `labels.json` with BIO labels); [`Tagger::predict`] tags many texts at once. Texts are
//! tokenised, cut into overlapping windows when longer than the model's context, sorted
//! by length and batched; each word takes the label of its first sub-word; BIO tags are
//! repaired into labelled spans with byte offsets into each text and a mean score. A
//! model whose `config.json` sets `context_tokens` (the recipe's `--context`) was trained
//! on a document's sentences packed together, and reads them so (`layout`).
//!
//! The encoder is uncased, so every sub-word also gets the case class of the token (of
//! the document's token layer, [`crate::tokens`]) it lies in, fed as `token_type_ids`:
//! the same classes the training recipe gives each CoNLL token ([`CaseClass::of`]).

use crate::doc::Span;
use crate::normalize::Normalized;
use crate::tokens::{CaseClass, Token, Tokens};
use ndarray::{Array2, ArrayViewD, Axis};
use ort::environment::Environment;
use ort::session::builder::GraphOptimizationLevel;
use ort::session::Session;
use ort::value::TensorRef;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use tokenizers::Tokenizer;

/// Environment variable naming the ONNX Runtime shared library.
pub const RUNTIME_ENV: &str = "ORT_DYLIB_PATH";
/// Where `make` puts the ONNX Runtime shared library, relative to the repository.
pub const RUNTIME_DEFAULT: &str = ".cache/onnxruntime/libonnxruntime.so";

/// Tokens per window, special tokens included.
const WINDOW_TOKENS: usize = 256;
/// Tokens shared by neighbouring windows of a long sentence.
const WINDOW_OVERLAP: usize = 64;
/// Padded tokens per model call (batch size times padded length).
const BATCH_TOKENS: usize = 2048;
/// Most padding tokens a window of a batch gets.
const PADDING_SLACK: usize = 8;
/// Text bytes tagged together: their sub-words, windows and probabilities are held in
/// memory at once.
const GROUP_BYTES: usize = 32 << 10;

/// Why a model (NER or the joint model) cannot run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The ONNX Runtime shared library is missing or unusable.
    #[error("cannot load ONNX Runtime from {path}: {reason}\n  run `make runtime` (fetches it from the PyPI onnxruntime wheel), or point --ort-lib / ${RUNTIME_ENV} at libonnxruntime.so")]
    Runtime {
        /// Where it was looked for.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// A model file is missing or invalid.
    #[error("cannot load the model in {path}: {reason}\n  the models ship in models/ner and models/attribution; point --ner-model / --attribution-model at such a directory, or rebuild them with `make ner-model` / `make attribution-model`")]
    Model {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// Tokenising or running the model failed.
    #[error("model inference failed: {0}")]
    Inference(String),
}

/// The ONNX Runtime environment, loaded once per process.
static RUNTIME: OnceLock<Environment> = OnceLock::new();

/// Loads the ONNX Runtime library once per process: `explicit`, else `$ORT_DYLIB_PATH`,
/// else the first of [`RUNTIME_DEFAULT`] under the working directory or the executable's
/// repository that exists. Later calls return the library already loaded.
pub fn init_runtime(explicit: Option<&Path>) -> Result<&'static Environment, Error> {
    if let Some(environment) = RUNTIME.get() {
        return Ok(environment);
    }
    let path = explicit
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os(RUNTIME_ENV).map(PathBuf::from))
        .unwrap_or_else(|| default_location(RUNTIME_DEFAULT));
    if !path.is_file() {
        return Err(Error::Runtime { path, reason: "no such file".into() });
    }
    let fail = |reason: String| Error::Runtime { path: path.clone(), reason };
    let environment = ort::init_from(&path)
        .map_err(|e| fail(e.to_string()))?
        .with_name("claimex")
        .with_telemetry(false)
        .build()
        .map_err(|e| fail(e.to_string()))?;
    Ok(RUNTIME.get_or_init(|| environment))
}

/// A model directory: `explicit`, else the directory named by `env`, else `default`
/// (relative to the working directory or the executable's repository).
pub fn model_dir(explicit: Option<&Path>, env: &str, default: &str) -> PathBuf {
    explicit
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os(env).map(PathBuf::from))
        .unwrap_or_else(|| default_location(default))
}

/// `relative` under the working directory if it exists there, else under the repository
/// the executable was built in (`target/<profile>/claimex` -> repository root).
fn default_location(relative: &str) -> PathBuf {
    let here = PathBuf::from(relative);
    if here.exists() {
        return here;
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.ancestors().nth(3).map(|root| root.join(relative)))
        .filter(|p| p.exists())
        .unwrap_or(here)
}

/// The `context_tokens` of a model directory's `config.json`: how many sub-words of
/// consecutive sentences the model was trained to read together (0 when the file or the
/// key is absent: one sentence at a time).
pub fn context_tokens(dir: &Path) -> Result<usize, String> {
    let Ok(json) = std::fs::read_to_string(dir.join("config.json")) else {
        return Ok(0);
    };
    let config: serde_json::Value = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    match config.get("context_tokens") {
        None => Ok(0),
        Some(value) => match value.as_u64().and_then(|n| usize::try_from(n).ok()) {
            Some(n) if n <= WINDOW_TOKENS - 2 => Ok(n),
            _ => Err(format!("context_tokens must be a whole number up to {}, not {value}", WINDOW_TOKENS - 2)),
        },
    }
}

/// A run of one text's sub-words inside a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Part {
    /// Index of the text.
    text: usize,
    /// Index of the run's first sub-word in the text's sub-words.
    first: usize,
    /// Where the run starts among the window's sub-words (`[CLS]` not counted).
    at: usize,
    /// Sub-words in the run.
    len: usize,
}

/// One model input: `[CLS]`, the runs of its parts, `[SEP]`.
struct Window {
    parts: Vec<Part>,
    ids: Vec<i64>,
    types: Vec<i64>,
}

/// A text to tag, with the tokens whose case classes its sub-words take.
#[derive(Debug, Clone, Copy)]
pub struct TagInput<'a> {
    /// The text (a sentence).
    pub text: &'a str,
    /// Where the text starts in the document the tokens' spans refer to.
    pub offset: usize,
    /// The tokens covering the text, in order, with document spans.
    pub tokens: &'a [Token],
}

impl TagInput<'_> {
    /// The case class of the token holding byte `at` of the text (none: no letters).
    fn case_at(&self, at: usize) -> CaseClass {
        let at = self.offset + at;
        let next = self.tokens.partition_point(|t| t.span.end <= at);
        self.tokens.get(next).filter(|t| t.span.start <= at).map_or(CaseClass::NoLetters, |t| t.case)
    }
}

/// A text as the model's tokenizer encodes it.
struct Encoded {
    ids: Vec<i64>,
    types: Vec<i64>,
    offsets: Vec<(usize, usize)>,
    words: Vec<Option<u32>>,
}

/// A labelled span found by a tagger.
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    /// Byte offsets into the tagged text.
    pub span: Span,
    /// The label without its BIO prefix ("PER", "CUE").
    pub label: String,
    /// Mean probability of the predicted tags over the span's words.
    pub score: f32,
}

/// One classification head of a model: the ONNX output it writes and its BIO labels.
struct Head {
    output: String,
    labels: Vec<String>,
}

/// A loaded token-classification model: ONNX session, tokenizer and one or more heads
/// (one encoder pass, several label sets).
pub struct Tagger {
    session: Mutex<Session>,
    tokenizer: Tokenizer,
    heads: Vec<Head>,
    /// Sub-words of document context per window (`context_tokens` of the model's
    /// `config.json`; 0: the model reads one sentence at a time).
    context: usize,
    cls: i64,
    sep: i64,
}

impl Tagger {
    /// Loads `model.onnx` and `tokenizer.json` from `dir` into `runtime` (see
    /// [`init_runtime`]), with `threads` intra-op threads, and one head per
    /// `(ONNX output, labels file)` pair of `heads` (the labels file a JSON list of BIO
    /// labels in `dir`).
    pub fn load(runtime: &Environment, dir: &Path, threads: usize, heads: &[(&str, &str)]) -> Result<Self, Error> {
        let fail = |file: &str, reason: String| Error::Model { path: dir.join(file), reason };
        let mut tokenizer =
            Tokenizer::from_file(dir.join("tokenizer.json")).map_err(|e| fail("tokenizer.json", e.to_string()))?;
        tokenizer.with_padding(None);
        tokenizer.with_truncation(None).map_err(|e| fail("tokenizer.json", e.to_string()))?;
        let heads = heads
            .iter()
            .map(|&(output, file)| {
                let json = std::fs::read_to_string(dir.join(file)).map_err(|e| fail(file, e.to_string()))?;
                let labels = serde_json::from_str(&json).map_err(|e| fail(file, e.to_string()))?;
                Ok(Head { output: output.to_string(), labels })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        let special = |token: &str| {
            tokenizer
                .token_to_id(token)
                .map(i64::from)
                .ok_or_else(|| fail("tokenizer.json", format!("no {token} token")))
        };
        let (cls, sep) = (special("[CLS]")?, special("[SEP]")?);
        let builder_error = |e: ort::Error<ort::session::builder::SessionBuilder>| fail("model.onnx", e.to_string());
        let session = Session::builder(runtime)
            .map_err(|e| fail("model.onnx", e.to_string()))?
            .with_optimization_level(GraphOptimizationLevel::Level3)
            .map_err(builder_error)?
            .with_intra_threads(threads.max(1))
            .map_err(builder_error)?
            .with_inter_threads(1)
            .map_err(builder_error)?
            .commit_from_file(dir.join("model.onnx"))
            .map_err(|e| fail("model.onnx", e.to_string()))?;
        let outputs: Vec<&str> = session.outputs().iter().map(|o| o.name()).collect();
        if let Some(head) = heads.iter().find(|h| !outputs.contains(&h.output.as_str())) {
            return Err(fail("model.onnx", format!("no output {:?} (outputs: {outputs:?})", head.output)));
        }
        let context = context_tokens(dir).map_err(|reason| fail("config.json", reason))?;
        Ok(Tagger { session: Mutex::new(session), tokenizer, heads, context, cls, sep })
    }

    /// The tagged spans of each text per head (`[head][text]`, in the order the heads
    /// were loaded), with byte offsets into that text.
    ///
    /// The texts are tagged in groups of at most [`GROUP_BYTES`] bytes, so memory stays
    /// bounded however long a document is. The int8 model quantises its activations
    /// with one scale per model call, so a text's tags depend on the texts batched with
    /// it: callers pass one document's sentences at a time, which makes a document's
    /// entities the same whatever else is in its chunk, shard or resume point.
    pub fn predict(&self, inputs: &[TagInput]) -> Result<Vec<Vec<Vec<Tag>>>, Error> {
        let mut out: Vec<Vec<Vec<Tag>>> = vec![Vec::with_capacity(inputs.len()); self.heads.len()];
        let mut first = 0;
        for size in group_sizes(inputs.iter().map(|input| input.text.len())) {
            for (all, tags) in out.iter_mut().zip(self.predict_group(&inputs[first..first + size])?) {
                all.extend(tags);
            }
            first += size;
        }
        Ok(out)
    }

    /// [`Tagger::predict`] on one group of texts.
    fn predict_group(&self, inputs: &[TagInput]) -> Result<Vec<Vec<Vec<Tag>>>, Error> {
        let sentences: Vec<&str> = inputs.iter().map(|input| input.text).collect();
        let sentences = &sentences[..];
        let tokens = self.tokenize(inputs)?;
        let windows = windows(&tokens, self.context, self.cls, self.sep);
        let empty: Vec<Vec<Option<TokenProbs>>> = tokens.iter().map(|t| vec![None; t.ids.len()]).collect();
        let mut probs = vec![empty; self.heads.len()];
        let widths: Vec<usize> = windows.iter().map(|w| w.ids.len()).collect();
        for batch in batches(&widths) {
            self.run_batch(&batch, &windows, &mut probs)?;
        }
        Ok(self
            .heads
            .iter()
            .zip(&probs)
            .map(|(head, probs)| {
                tokens.iter().zip(probs).zip(sentences).map(|((t, p), s)| decode(&head.labels, s, t, p)).collect()
            })
            .collect())
    }

    /// The tags of texts tokenised each on its own for the case classes; a model that
    /// reads document context reads them as consecutive sentences of one document.
    pub fn predict_texts(&self, texts: &[&str]) -> Result<Vec<Vec<Vec<Tag>>>, Error> {
        let tokens: Vec<Tokens> = texts.iter().map(|text| Tokens::new(&Normalized::new(text))).collect();
        let inputs: Vec<TagInput> = texts
            .iter()
            .zip(&tokens)
            .map(|(text, tokens)| TagInput { text, offset: 0, tokens: tokens.all() })
            .collect();
        self.predict(&inputs)
    }

    fn tokenize(&self, inputs: &[TagInput]) -> Result<Vec<Encoded>, Error> {
        let texts: Vec<&str> = inputs.iter().map(|input| input.text).collect();
        let encodings = self.tokenizer.encode_batch(texts, false).map_err(|e| Error::Inference(e.to_string()))?;
        Ok(encodings
            .iter()
            .zip(inputs)
            .map(|(enc, input)| {
                let offsets = enc.get_offsets().to_vec();
                Encoded {
                    ids: enc.get_ids().iter().map(|&id| i64::from(id)).collect(),
                    types: offsets.iter().map(|&(start, _)| input.case_at(start).id()).collect(),
                    words: enc.get_word_ids().to_vec(),
                    offsets,
                }
            })
            .collect())
    }

    /// Runs one padded batch and stores, per head and token, its label probabilities and
    /// its distance from its window's edge (the most central window wins).
    fn run_batch(
        &self,
        batch: &[usize],
        windows: &[Window],
        probs: &mut [Vec<Vec<Option<TokenProbs>>>],
    ) -> Result<(), Error> {
        let width = batch.iter().map(|&i| windows[i].ids.len()).max().unwrap_or(0);
        let mut ids = Array2::<i64>::zeros((batch.len(), width));
        let mut mask = Array2::<i64>::zeros((batch.len(), width));
        let mut types = Array2::<i64>::zeros((batch.len(), width));
        for (row, &w) in batch.iter().enumerate() {
            for (col, (&id, &ty)) in windows[w].ids.iter().zip(&windows[w].types).enumerate() {
                ids[[row, col]] = id;
                mask[[row, col]] = 1;
                types[[row, col]] = ty;
            }
        }
        let inference = |e: ort::Error| Error::Inference(e.to_string());
        let mut session = self.session.lock().map_err(|e| Error::Inference(e.to_string()))?;
        let outputs = session
            .run(ort::inputs![
                "input_ids" => TensorRef::from_array_view(&ids).map_err(inference)?,
                "attention_mask" => TensorRef::from_array_view(&mask).map_err(inference)?,
                "token_type_ids" => TensorRef::from_array_view(&types).map_err(inference)?,
            ])
            .map_err(inference)?;
        for (head, probs) in self.heads.iter().zip(probs.iter_mut()) {
            let logits: ArrayViewD<f32> =
                outputs[head.output.as_str()].try_extract_array::<f32>().map_err(inference)?;
            store_probs(&logits, batch, windows, probs);
        }
        Ok(())
    }
}

/// Stores, per token of the batch's windows, the softmax of its logits when its window
/// is more central for it than any window seen before.
fn store_probs(logits: &ArrayViewD<f32>, batch: &[usize], windows: &[Window], probs: &mut [Vec<Option<TokenProbs>>]) {
    for (row, &w) in batch.iter().enumerate() {
        let window = &windows[w];
        let inner = window.ids.len() - 2;
        let row_logits = logits.index_axis(Axis(0), row);
        for part in &window.parts {
            for k in 0..part.len {
                let position = part.at + k;
                let centrality = position.min(inner - 1 - position);
                let slot = &mut probs[part.text][part.first + k];
                if slot.as_ref().is_none_or(|p| centrality > p.centrality) {
                    let probs = softmax(row_logits.index_axis(Axis(0), position + 1).iter().copied());
                    *slot = Some(TokenProbs { probs, centrality });
                }
            }
        }
    }
}

/// Word-level BIO decoding: each word is scored by its first sub-word, and the most
/// probable tag sequence over `labels` that is valid BIO (Viterbi) is chosen.
fn decode(labels: &[String], sentence: &str, tokens: &Encoded, probs: &[Option<TokenProbs>]) -> Vec<Tag> {
    let mut words: Vec<(Span, &[f32])> = Vec::new();
    for (i, word) in tokens.words.iter().enumerate() {
        let (start, end) = tokens.offsets[i];
        let continues = i > 0 && word.is_some() && tokens.words[i - 1] == *word;
        match (continues, words.last_mut(), &probs[i]) {
            (true, Some(last), _) => last.0.end = end,
            (_, _, Some(p)) => words.push((Span::new(start, end), &p.probs)),
            _ => {}
        }
    }
    let path = viterbi(labels, &words.iter().map(|(_, p)| *p).collect::<Vec<_>>());
    let tagged: Vec<(Span, &str, f32)> =
        words.iter().zip(path).map(|((span, p), label)| (*span, labels[label].as_str(), p[label])).collect();
    spans_from_tags(sentence, &tagged)
}

/// Label probabilities of one token and how central it was in its window.
#[derive(Debug, Clone)]
struct TokenProbs {
    probs: Vec<f32>,
    centrality: usize,
}

/// Whether BIO label `next` may follow `previous` (`None` = sentence start).
fn may_follow(previous: Option<&str>, next: &str) -> bool {
    match next.strip_prefix("I-") {
        None => true,
        Some(kind) => previous.is_some_and(|p| p.strip_prefix("B-").or_else(|| p.strip_prefix("I-")) == Some(kind)),
    }
}

/// The most probable label sequence (sum of log probabilities) that is valid BIO.
fn viterbi(labels: &[String], words: &[&[f32]]) -> Vec<usize> {
    let n = labels.len();
    let log = |p: f32| p.max(1e-12).ln();
    let mut score: Vec<f32> = (0..n)
        .map(
            |l| if may_follow(None, &labels[l]) { words.first().map_or(0.0, |w| log(w[l])) } else { f32::NEG_INFINITY },
        )
        .collect();
    let mut back: Vec<Vec<usize>> = Vec::with_capacity(words.len());
    for word in words.iter().skip(1) {
        let mut next = vec![f32::NEG_INFINITY; n];
        let mut from = vec![0; n];
        for l in 0..n {
            for (p, &s) in score.iter().enumerate() {
                if s > f32::NEG_INFINITY && may_follow(Some(&labels[p]), &labels[l]) && s > next[l] {
                    next[l] = s;
                    from[l] = p;
                }
            }
            next[l] += log(word[l]);
        }
        back.push(from);
        score = next;
    }
    if words.is_empty() {
        return Vec::new();
    }
    let mut best = (0..n).max_by(|&a, &b| score[a].total_cmp(&score[b])).unwrap_or(0);
    let mut path = vec![best];
    for from in back.iter().rev() {
        best = from[best];
        path.push(best);
    }
    path.reverse();
    path
}

/// The windows of every text's sub-words, laid out by [`layout`], each framed by `[CLS]`
/// and `[SEP]`.
fn windows(tokens: &[Encoded], context: usize, cls: i64, sep: i64) -> Vec<Window> {
    let lens: Vec<usize> = tokens.iter().map(|t| t.ids.len()).collect();
    layout(&lens, context)
        .into_iter()
        .map(|parts| {
            let mut ids = vec![cls];
            let mut types = vec![0];
            for part in &parts {
                let run = part.first..part.first + part.len;
                ids.extend_from_slice(&tokens[part.text].ids[run.clone()]);
                types.extend_from_slice(&tokens[part.text].types[run]);
            }
            ids.push(sep);
            types.push(0);
            Window { parts, ids, types }
        })
        .collect()
}

/// The parts of each window for texts of `lens` sub-words: a text longer than a window
/// is cut into windows of at most [`WINDOW_TOKENS`] with [`WINDOW_OVERLAP`] tokens of
/// overlap; with `context` (a model trained with document context), consecutive texts
/// that fit one window each share a window while together they hold at most `context`
/// sub-words, so each sentence is read beside its neighbours.
fn layout(lens: &[usize], context: usize) -> Vec<Vec<Part>> {
    let mut out: Vec<Vec<Part>> = Vec::new();
    let mut open = false;
    for (text, &len) in lens.iter().enumerate().filter(|(_, &len)| len > 0) {
        let bounds: Vec<(usize, usize)> = window_bounds(len).collect();
        let alone = bounds.len() > 1 || context == 0;
        let used = out.last().and_then(|parts| parts.last()).map_or(0, |p| p.at + p.len);
        if open && !alone && used + len <= context {
            if let Some(parts) = out.last_mut() {
                parts.push(Part { text, first: 0, at: used, len });
            }
            continue;
        }
        for (first, last) in bounds {
            out.push(vec![Part { text, first, at: 0, len: last - first }]);
        }
        open = !alone;
    }
    out
}

/// The sub-word ranges of the windows of a text of `len` sub-words.
fn window_bounds(len: usize) -> impl Iterator<Item = (usize, usize)> {
    let inner = WINDOW_TOKENS - 2;
    let firsts = (0..len).step_by(inner - WINDOW_OVERLAP);
    let mut done = false;
    firsts.map_while(move |first| {
        let last = (first + inner).min(len);
        (!std::mem::replace(&mut done, last == len)).then_some((first, last))
    })
}

/// How many texts of each group [`Tagger::predict`] tags together: consecutive texts
/// up to [`GROUP_BYTES`] bytes, at least one.
fn group_sizes(bytes: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut sizes: Vec<usize> = Vec::new();
    let mut total = 0;
    for text in bytes {
        match sizes.last_mut() {
            Some(size) if total + text <= GROUP_BYTES => *size += 1,
            _ => {
                sizes.push(1);
                total = 0;
            }
        }
        total += text;
    }
    sizes
}

/// What tagging one document costs in model calls, as [`Tagger::predict`] groups,
/// windows and batches its sentences.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchPlan {
    /// Model calls.
    pub calls: usize,
    /// Tokens fed, `[CLS]` and `[SEP]` included.
    pub tokens: usize,
    /// Tokens fed with padding.
    pub padded: usize,
}

/// The [`BatchPlan`] of one document whose sentences have these byte lengths and
/// sub-word counts (for benchmarks), for a model reading `context` sub-words of
/// document context (0: one sentence at a time).
pub fn batch_plan(sentences: &[(usize, usize)], context: usize) -> BatchPlan {
    let mut plan = BatchPlan::default();
    let mut first = 0;
    for size in group_sizes(sentences.iter().map(|&(bytes, _)| bytes)) {
        let lens: Vec<usize> = sentences[first..first + size].iter().map(|&(_, len)| len).collect();
        let widths: Vec<usize> =
            layout(&lens, context).iter().map(|parts| parts.iter().map(|p| p.len).sum::<usize>() + 2).collect();
        for batch in batches(&widths) {
            let widest = batch.iter().map(|&i| widths[i]).max().unwrap_or(0);
            plan.calls += 1;
            plan.tokens += batch.iter().map(|&i| widths[i]).sum::<usize>();
            plan.padded += widest * batch.len();
        }
        first += size;
    }
    plan
}

/// Groups windows (by their widths, shortest first) into batches of at most
/// [`BATCH_TOKENS`] padded tokens whose lengths differ by at most [`PADDING_SLACK`], so
/// little of a model call is spent on padding.
fn batches(widths: &[usize]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..widths.len()).collect();
    order.sort_by_key(|&i| widths[i]);
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for w in order {
        let width = widths[w];
        let shortest = current.first().map_or(width, |&first| widths[first]);
        let full = (current.len() + 1) * width > BATCH_TOKENS || width > shortest + PADDING_SLACK;
        if !current.is_empty() && full {
            out.push(std::mem::take(&mut current));
        }
        current.push(w);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Softmax of one token's logits.
fn softmax(logits: impl Iterator<Item = f32> + Clone) -> Vec<f32> {
    let max = logits.clone().fold(f32::NEG_INFINITY, f32::max);
    let exps: Vec<f32> = logits.map(|l| (l - max).exp()).collect();
    let total: f32 = exps.iter().sum();
    exps.into_iter().map(|e| e / total).collect()
}

/// Turns word tags into spans, repairing BIO: an `I-X` that does not continue an `X`
/// span starts one. The score is the mean tag probability.
fn spans_from_tags(sentence: &str, words: &[(Span, &str, f32)]) -> Vec<Tag> {
    let mut entities: Vec<(Tag, usize)> = Vec::new();
    let mut open = false;
    for &(span, tag, prob) in words {
        let (prefix, label) = tag.split_once('-').unwrap_or(("O", ""));
        let continues = prefix == "I" && open && entities.last().is_some_and(|(e, _)| e.label == label);
        if prefix == "O" {
            open = false;
        } else if continues {
            let (last, count) = entities.last_mut().expect("open entity");
            last.span.end = span.end;
            last.score += prob;
            *count += 1;
        } else {
            entities.push((Tag { span, label: label.to_string(), score: prob }, 1));
            open = true;
        }
    }
    entities
        .into_iter()
        .filter(|(e, _)| e.span.end <= sentence.len())
        .map(|(mut e, count)| {
            e.score /= count as f32;
            e
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_into_overlapping_windows() {
        assert_eq!(window_bounds(0).count(), 0);
        assert_eq!(window_bounds(10).collect::<Vec<_>>(), [(0, 10)]);
        assert_eq!(window_bounds(300).collect::<Vec<_>>(), [(0, 254), (190, 300)]);
        assert_eq!(window_bounds(254).collect::<Vec<_>>(), [(0, 254)]);
    }

    #[test]
    fn groups_hold_at_most_the_group_bytes_and_at_least_one_text() {
        let half = GROUP_BYTES / 2;
        assert_eq!(group_sizes([half, half, 1, GROUP_BYTES * 3, 5].into_iter()), [2, 1, 1, 1]);
        assert!(group_sizes(std::iter::empty()).is_empty());
    }

    #[test]
    fn batches_keep_similar_widths_and_bounded_tokens() {
        let widths = [10, 200, 12, 11, 10 + PADDING_SLACK + 1, 200];
        let batches = batches(&widths);
        assert_eq!(batches, [vec![0, 3, 2], vec![4], vec![1, 5]]);
        let many = vec![100; 200];
        assert!(super::batches(&many).iter().all(|b| b.len() * 100 <= BATCH_TOKENS));
        let plan = batch_plan(&[(40, 10), (40, 12), (40, 300)], 0);
        assert_eq!(plan, BatchPlan { calls: 3, tokens: 12 + 14 + 256 + 112, padded: 14 * 2 + 256 + 112 });
    }

    #[test]
    fn sub_words_take_the_class_of_their_token_not_of_the_whitespace_word() {
        let text = "(Reuters) said \u{201c}NATO\u{2019}s";
        let tokens = Tokens::new(&Normalized::new(text));
        let input = TagInput { text: &text[1..], offset: 1, tokens: tokens.all() };
        assert_eq!(input.case_at(0), CaseClass::Capitalised, "Reuters");
        assert_eq!(input.case_at(7), CaseClass::NoLetters, "the ) after Reuters");
        assert_eq!(input.case_at(9), CaseClass::Lower, "said");
        let quote = text.find('\u{201c}').unwrap() - 1;
        assert_eq!(input.case_at(quote), CaseClass::NoLetters, "the opening quote");
        assert_eq!(input.case_at(quote + 3), CaseClass::Upper, "NATO's takes the class of NATO");
    }

    #[test]
    fn bio_tags_are_repaired_into_spans() {
        let sentence = "Antony J. Blinken met Lavrov in Stockholm";
        let words = [
            (Span::new(0, 6), "B-PER", 0.9),
            (Span::new(7, 9), "I-PER", 0.8),
            (Span::new(10, 17), "I-PER", 0.7),
            (Span::new(18, 21), "O", 0.9),
            (Span::new(22, 28), "I-PER", 0.6),
            (Span::new(29, 31), "O", 0.9),
            (Span::new(32, 41), "B-LOC", 0.95),
        ];
        let entities = spans_from_tags(sentence, &words);
        let found: Vec<(&str, &str)> =
            entities.iter().map(|e| (&sentence[e.span.start..e.span.end], e.label.as_str())).collect();
        assert_eq!(found, [("Antony J. Blinken", "PER"), ("Lavrov", "PER"), ("Stockholm", "LOC")]);
        assert!((entities[0].score - 0.8).abs() < 1e-6);
    }

    #[test]
    fn viterbi_prefers_valid_bio_over_argmax() {
        let labels: Vec<String> = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG"].iter().map(|s| s.to_string()).collect();
        // word 2 argmax is I-ORG after B-PER: invalid; the best valid path is B-PER I-PER.
        let w1 = [0.05, 0.9, 0.0, 0.05, 0.0];
        let w2 = [0.1, 0.0, 0.4, 0.0, 0.5];
        assert_eq!(viterbi(&labels, &[&w1, &w2]), [1, 2]);
        // an I- label cannot open a sentence.
        let w0 = [0.3, 0.0, 0.7, 0.0, 0.0];
        assert_eq!(viterbi(&labels, &[&w0]), [0]);
    }

    #[test]
    fn the_context_a_model_reads_comes_from_its_config() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        assert_eq!(context_tokens(dir.path()), Ok(0), "no config.json: one sentence at a time");
        let write = |json: &str| std::fs::write(dir.path().join("config.json"), json).expect("written");
        write(r#"{"unit": "one sentence"}"#);
        assert_eq!(context_tokens(dir.path()), Ok(0));
        write(r#"{"context_tokens": 254}"#);
        assert_eq!(context_tokens(dir.path()), Ok(254));
        for bad in [r#"{"context_tokens": 300}"#, r#"{"context_tokens": -1}"#, r#"{"context_tokens": "all"}"#, "{"] {
            write(bad);
            assert!(context_tokens(dir.path()).is_err(), "{bad}");
        }
    }

    /// The layouts both the runtime and the recipe (`context.pack`) must give.
    const CONTEXT_LAYOUTS: &str = include_str!("../models/recipes/tests/context_layouts.tsv");

    #[test]
    fn with_context_neighbouring_sentences_share_a_window_up_to_the_budget() {
        let number = |s: &str| s.parse::<usize>().expect("a number");
        let rows = CONTEXT_LAYOUTS.lines().filter(|line| !line.starts_with('#'));
        let mut checked = 0;
        for row in rows {
            let [context, lens, expected] = row.split('\t').collect::<Vec<_>>()[..] else { panic!("bad row {row:?}") };
            let lens: Vec<usize> = lens.split(',').map(number).collect();
            let expected: Vec<Vec<Part>> = expected
                .split(" | ")
                .map(|window| {
                    let parts = window.split(' ').map(|part| part.split(':').map(number).collect::<Vec<_>>());
                    parts.map(|p| Part { text: p[0], first: p[1], at: p[2], len: p[3] }).collect()
                })
                .collect();
            assert_eq!(layout(&lens, number(context)), expected, "{row}");
            checked += 1;
        }
        assert!(checked >= 4);
        let plan = batch_plan(&[(40, 10), (40, 12), (40, 300)], 254);
        assert_eq!(plan, BatchPlan { calls: 3, tokens: 24 + 256 + 112, padded: 24 + 256 + 112 });
    }

    #[test]
    fn long_sentences_are_windowed_with_overlap() {
        let tokens = Encoded {
            ids: (0..600).collect(),
            types: vec![1; 600],
            offsets: vec![(0, 1); 600],
            words: vec![None; 600],
        };
        let windows = windows(&[tokens], 0, 101, 102);
        let starts: Vec<usize> = windows.iter().map(|w| w.parts[0].first).collect();
        assert_eq!(starts, [0, 190, 380]);
        assert!(windows
            .iter()
            .all(|w| w.ids.len() <= WINDOW_TOKENS && w.ids[0] == 101 && *w.ids.last().unwrap() == 102));
        assert_eq!(windows[2].ids.len(), 600 - 380 + 2);
    }
}
