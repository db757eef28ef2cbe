//! Sentence segmentation over the content spans.

use crate::doc::{Doc, Span};

/// Sentence spans of the document's content, in order.
pub fn sentences(doc: &Doc) -> Vec<Span> {
    doc.cleaning.content.clone()
}
