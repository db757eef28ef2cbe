//! Transformer attribution tagging: source, cue and content spans in paragraphs.
//!
//! The model in `models/attribution` is a token classifier trained on PolNeAR (see its
//! model card). It tags whole paragraphs, batched across documents like NER; the
//! [`crate::quotes`] stage merges its spans with the rule-based attributions.

use crate::doc::{AttributionPart, AttributionTag};
use crate::tagger::{self, Error, Tag, Tagger};
use ort::environment::Environment;
use std::path::{Path, PathBuf};

/// Environment variable naming the attribution model directory.
pub const MODEL_ENV: &str = "CLAIMEX_ATTRIBUTION_MODEL";
/// The attribution model directory, relative to the repository.
pub const MODEL_DEFAULT: &str = "models/attribution";

/// The attribution model directory: `explicit`, else `$CLAIMEX_ATTRIBUTION_MODEL`, else
/// `models/attribution`.
pub fn model_dir(explicit: Option<&Path>) -> PathBuf {
    tagger::model_dir(explicit, MODEL_ENV, MODEL_DEFAULT)
}

/// A loaded attribution tagger.
pub struct Model {
    tagger: Tagger,
}

impl Model {
    /// Loads the model in `dir` with `threads` intra-op threads.
    pub fn load(runtime: &Environment, dir: &Path, threads: usize) -> Result<Self, Error> {
        Ok(Model { tagger: Tagger::load(runtime, dir, threads)? })
    }

    /// The underlying tagger, for batching across documents.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }
}

/// Turns tagger output (labels SOURCE, CUE, CONTENT) into attribution tags.
pub fn tags(tagged: Vec<Tag>) -> Vec<AttributionTag> {
    tagged
        .into_iter()
        .filter_map(|t| {
            let part = match t.label.as_str() {
                "SOURCE" => AttributionPart::Source,
                "CUE" => AttributionPart::Cue,
                "CONTENT" => AttributionPart::Content,
                _ => return None,
            };
            Some(AttributionTag { span: t.span, part, score: t.score })
        })
        .collect()
}
