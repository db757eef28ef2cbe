//! Test documents for the claims stage: a text run through the stages claims reads.

use super::claims;
use crate::doc::{Claim, DateOrigin, Doc, Meta, PartialDate, Span};
use crate::profile::default_profile;

/// A one-sentence document with the quote and quantity layers, dated `date`.
pub(super) fn doc_of(text: &str, date: Option<PartialDate>) -> Doc {
    let mut doc = Doc::new(text.to_string(), Meta::default());
    doc.sentences = vec![Span::new(0, doc.text.len())];
    doc.cleaning.content = vec![Span::new(0, doc.text.len())];
    doc.cleaning.date = date.map(|d| (d, DateOrigin::Stated));
    fill_layers(&mut doc);
    doc
}

/// A one-paragraph document whose sentences end at ". ".
pub(super) fn paragraph_of(text: &str) -> Doc {
    let mut doc = Doc::new(text.to_string(), Meta::default());
    let ends: Vec<usize> = text.match_indices(". ").map(|(i, _)| i + 1).chain([text.len()]).collect();
    doc.sentences =
        ends.iter().scan(0, |start, &end| Some(Span::new(std::mem::replace(start, end + 1), end))).collect();
    doc.cleaning.content = vec![Span::new(0, text.len())];
    fill_layers(&mut doc);
    doc
}

/// The token, quote and quantity layers claims reads.
fn fill_layers(doc: &mut Doc) {
    doc.tokens = crate::tokens::Tokens::new(&doc.normalized);
    doc.quotes = crate::quotes::quotes(doc);
    doc.quantities = crate::numbers::quantities(doc, super::counting_verbs());
}

/// The claims of a document with the default profile.
pub(super) fn claims_of(doc: &Doc) -> Vec<Claim> {
    claims(doc, &default_profile())
}

/// The text under a span, if any.
pub(super) fn text_of(doc: &Doc, span: Option<Span>) -> Option<&str> {
    span.map(|s| doc.slice(s))
}

/// The mentions of the claims of a one-sentence document of `text`.
pub(super) fn mentions_of(text: &str) -> Vec<String> {
    let doc = doc_of(text, None);
    claims_of(&doc).iter().map(|c| doc.slice(c.quantity.span).to_string()).collect()
}

/// Checks that `text` makes exactly one claim, of `kind`, on `mention`, counting `count`.
pub(super) fn assert_one_claim(text: &str, kind: crate::doc::ClaimKind, mention: &str, count: u64) {
    let doc = doc_of(text, None);
    let found = claims_of(&doc);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    assert_eq!(
        (found[0].kind, doc.slice(found[0].quantity.span), found[0].quantity.low),
        (kind, mention, Some(count)),
        "{text}"
    );
}

/// The kinds and lower bounds of the claims of `text`.
pub(super) fn kinds_of(text: &str) -> Vec<(crate::doc::ClaimKind, Option<u64>)> {
    claims_of(&doc_of(text, None)).iter().map(|c| (c.kind, c.quantity.low)).collect()
}
