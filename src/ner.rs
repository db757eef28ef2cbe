//! Transformer named-entity recognition (PER, ORG, LOC, MISC) on ONNX Runtime.
//!
//! A thin layer over [`crate::tagger`]: the model in `models/ner` is a CoNLL-2003
//! token classifier; see `models/ner/MODEL_CARD.md` for how it was trained.

use crate::doc::Entity;
use crate::tagger::{self, Error, Tagger};
use ort::environment::Environment;
use std::path::{Path, PathBuf};

/// Environment variable naming the NER model directory.
pub const MODEL_ENV: &str = "CLAIMEX_NER_MODEL";
/// The NER model directory, relative to the repository.
pub const MODEL_DEFAULT: &str = "models/ner";

/// The NER model directory: `explicit`, else `$CLAIMEX_NER_MODEL`, else `models/ner`.
pub fn model_dir(explicit: Option<&Path>) -> PathBuf {
    tagger::model_dir(explicit, MODEL_ENV, MODEL_DEFAULT)
}

/// A loaded NER model.
pub struct Model {
    tagger: Tagger,
}

impl Model {
    /// Loads the model in `dir` with `threads` intra-op threads.
    pub fn load(runtime: &Environment, dir: &Path, threads: usize) -> Result<Self, Error> {
        Ok(Model { tagger: Tagger::load(runtime, dir, threads)? })
    }

    /// The entities of each sentence, with byte offsets into that sentence.
    pub fn predict(&self, sentences: &[&str]) -> Result<Vec<Vec<Entity>>, Error> {
        let tagged = self.tagger.predict(sentences)?;
        Ok(tagged
            .into_iter()
            .map(|tags| tags.into_iter().map(|t| Entity { span: t.span, label: t.label, score: t.score }).collect())
            .collect())
    }
}
