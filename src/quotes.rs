//! Quote attribution: direct, indirect and mixed quotes with resolved speakers.

use crate::doc::{Doc, Quote};

/// Attributions in the document, in order of their content.
pub fn quotes(doc: &Doc) -> Vec<Quote> {
    let _ = doc;
    Vec::new()
}
