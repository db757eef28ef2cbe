//! Transformer attribution tagging: source, cue and content spans, from the joint model.
//!
//! The model in `models/attribution` is the NER model's encoder with a second head (see
//! its model card): one pass over a sentence gives both the NER tags and the attribution
//! tags, so with `--attribution` the pipeline runs it in place of the NER model. The
//! [`crate::quotes`] stage merges its spans with the rule-based attributions.

use crate::doc::{AttributionPart, AttributionTag, Span};
use crate::ner;
use crate::tagger::{self, Error, Tag, Tagger};
use ort::environment::Environment;
use std::path::{Path, PathBuf};

/// Environment variable naming the attribution model directory.
pub const MODEL_ENV: &str = "CLAIMEX_ATTRIBUTION_MODEL";
/// The attribution model directory, relative to the repository.
pub const MODEL_DEFAULT: &str = "models/attribution";
/// The attribution head: the ONNX output holding its logits and the file listing its labels.
pub const HEAD: (&str, &str) = ("attribution_logits", "attribution_labels.json");

/// The attribution model directory: `explicit`, else `$CLAIMEX_ATTRIBUTION_MODEL`, else
/// `models/attribution`.
pub fn model_dir(explicit: Option<&Path>) -> PathBuf {
    tagger::model_dir(explicit, MODEL_ENV, MODEL_DEFAULT)
}

/// A loaded joint model: heads [`ner::HEAD`] and [`HEAD`], in that order.
pub struct Model {
    tagger: Tagger,
}

impl Model {
    /// Loads the model in `dir` with `threads` intra-op threads.
    pub fn load(runtime: &Environment, dir: &Path, threads: usize) -> Result<Self, Error> {
        Ok(Model { tagger: Tagger::load(runtime, dir, threads, &[ner::HEAD, HEAD])? })
    }

    /// The underlying tagger, for batching across documents.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }
}

/// Turns tagger output (labels SOURCE, CUE, CONTENT, byte offsets into `text`) into
/// attribution tags. The model reads one sentence at a time, so a content running over
/// several sentences comes out in pieces: pieces with only spaces between them are
/// joined again.
pub fn tags(text: &str, tagged: Vec<Tag>) -> Vec<AttributionTag> {
    let mut out: Vec<AttributionTag> = Vec::new();
    for t in tagged {
        let part = match t.label.as_str() {
            "SOURCE" => AttributionPart::Source,
            "CUE" => AttributionPart::Cue,
            "CONTENT" => AttributionPart::Content,
            _ => continue,
        };
        let previous = out.iter_mut().rev().find(|p| p.part == AttributionPart::Content);
        match previous {
            Some(p) if part == AttributionPart::Content && only_spaces_between(text, p.span, t.span) => {
                p.span = Span::new(p.span.start, t.span.end);
                p.score = p.score.min(t.score);
            }
            _ => out.push(AttributionTag { span: t.span, part, score: t.score }),
        }
    }
    out
}

/// Whether `later` follows `earlier` with nothing but spaces or tabs between them.
fn only_spaces_between(text: &str, earlier: Span, later: Span) -> bool {
    earlier.end <= later.start
        && text.get(earlier.end..later.start).is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '\t'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(text: &str, piece: &str, label: &str) -> Tag {
        let start = text.find(piece).unwrap();
        Tag { span: Span::new(start, start + piece.len()), label: label.into(), score: 0.9 }
    }

    #[test]
    fn content_cut_at_a_sentence_end_is_joined_again() {
        let text = "He said the talks failed. They will resume.\nShe denied it.";
        let tagged = vec![
            tag(text, "He", "SOURCE"),
            tag(text, "said", "CUE"),
            tag(text, "the talks failed.", "CONTENT"),
            tag(text, "They will resume.", "CONTENT"),
            tag(text, "it.", "CONTENT"),
        ];
        let contents: Vec<&str> = tags(text, tagged)
            .iter()
            .filter(|t| t.part == AttributionPart::Content)
            .map(|t| &text[t.span.start..t.span.end])
            .collect();
        assert_eq!(contents, ["the talks failed. They will resume.", "it."]);
    }
}
