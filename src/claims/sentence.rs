//! A sentence as the claims stage reads it: its tokens and its time expressions, each
//! computed once and shared by every claim and every neighbour that looks into it.

use crate::dates::{self, TimeExpr};
use crate::doc::{Doc, Quantity, Quote, Span};
use crate::numbers;
use crate::profile::Profile;
use crate::tokens::{Token, TokenKind};
use std::cell::OnceCell;

/// One sentence, tokenised in normalised text, with the document around it.
pub(super) struct Sentence<'a> {
    /// The document.
    pub(super) doc: &'a Doc,
    /// What the stage knows of the conflict.
    pub(super) profile: &'a Profile,
    /// Index into [`Doc::sentences`].
    pub(super) index: usize,
    /// Normalised byte offset where the sentence starts.
    base: usize,
    /// The sentence's normalised text.
    text: &'a str,
    /// Its tokens, in byte offsets of `text`.
    pub(super) tokens: Vec<Token>,
    /// Its time expressions, found on first use.
    times: OnceCell<Vec<TimeExpr>>,
    /// The document's quotes, indexed.
    pub(super) quotes: &'a QuoteIndex,
}

/// The document's quotes with, for each, the furthest content end so far (the first
/// quote whose content holds a span is found without scanning the quotes before it),
/// and where their cues start.
pub(super) struct QuoteIndex {
    reach: Vec<usize>,
    /// Where the quotes' cues start in the original text.
    cue_starts: std::collections::HashSet<usize>,
}

impl QuoteIndex {
    /// Indexes the quotes of `doc` (in order of their content).
    pub(super) fn new(doc: &Doc) -> Self {
        let mut far = 0;
        let reach = doc.quotes.iter().map(|q| {
            far = far.max(q.content.end);
            far
        });
        let cue_starts = doc.quotes.iter().filter_map(|q| q.cue).map(|cue| cue.start).collect();
        QuoteIndex { reach: reach.collect(), cue_starts }
    }

    /// Whether a quote's cue starts at original byte `start` ("said" of "X said").
    pub(super) fn is_cue_at(&self, start: usize) -> bool {
        self.cue_starts.contains(&start)
    }

    /// The first quote of `doc` whose content holds `span`.
    pub(super) fn containing<'d>(&self, doc: &'d Doc, span: Span) -> Option<&'d Quote> {
        let first = self.reach.partition_point(|&far| far < span.end);
        let starting_before = doc.quotes[first..].iter().take_while(|q| q.content.start <= span.start);
        starting_before.into_iter().find(|q| q.content.contains(span))
    }
}

/// The sentences of a document, each built once, on first use.
pub(super) struct Sentences<'a> {
    doc: &'a Doc,
    profile: &'a Profile,
    built: Vec<OnceCell<Sentence<'a>>>,
    quotes: &'a QuoteIndex,
}

impl<'a> Sentences<'a> {
    /// No sentence built yet.
    pub(super) fn new(doc: &'a Doc, profile: &'a Profile, quotes: &'a QuoteIndex) -> Self {
        Sentences { doc, profile, built: doc.sentences.iter().map(|_| OnceCell::new()).collect(), quotes }
    }

    /// The document.
    pub(super) fn doc(&self) -> &'a Doc {
        self.doc
    }

    /// Sentence `index`, built on first use.
    pub(super) fn get(&self, index: usize) -> &Sentence<'a> {
        self.built[index].get_or_init(|| Sentence::new(self.doc, self.profile, index, self.quotes))
    }
}

/// The normalised start, text and tokens of sentence `index`: the one place the stage
/// tokenises.
fn sentence_tokens(doc: &Doc, index: usize) -> (usize, &str, Vec<Token>) {
    let span = doc.sentences[index];
    let base = doc.normalized.from_original(span.start);
    let end = doc.normalized.from_original(span.end);
    let text = doc.normalized.text.get(base..end).unwrap_or("");
    (base, text, doc.tokens.in_sentence(&doc.normalized, span))
}

impl<'a> Sentence<'a> {
    fn new(doc: &'a Doc, profile: &'a Profile, index: usize, quotes: &'a QuoteIndex) -> Self {
        let (base, text, tokens) = sentence_tokens(doc, index);
        Sentence { doc, profile, index, base, text, tokens, times: OnceCell::new(), quotes }
    }

    /// The quantities of this sentence.
    pub(super) fn quantities(&self) -> &'a [Quantity] {
        self.doc.quantities_starting_in(self.doc.sentences[self.index])
    }

    /// The word at token `i`; `None` for numbers, punctuation and past the end.
    pub(super) fn word(&self, i: usize) -> Option<&'a str> {
        let token = self.tokens.get(i)?;
        (token.kind == TokenKind::Word).then(|| &self.text[token.norm.start..token.norm.end])
    }

    /// The word at token `i` in lower case.
    pub(super) fn lower(&self, i: usize) -> Option<String> {
        self.word(i).map(str::to_lowercase)
    }

    /// Whether token `i` is the word `word`, in any case.
    pub(super) fn is(&self, i: usize, word: &str) -> bool {
        self.word(i).is_some_and(|w| w.eq_ignore_ascii_case(word))
    }

    /// Whether the word at token `i`, in lower case, is in `list`.
    pub(super) fn is_in(&self, i: usize, list: &[&str]) -> bool {
        self.lower(i).is_some_and(|w| list.contains(&w.as_str()))
    }

    /// Whether the tokens from `i` on are the words `words`.
    pub(super) fn are(&self, i: usize, words: &[&str]) -> bool {
        words.iter().enumerate().all(|(n, w)| self.is(i + n, w))
    }

    /// Whether token `i` is the punctuation mark `mark`.
    pub(super) fn is_punct(&self, i: usize, marks: &[&str]) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Punct && marks.contains(&&self.text[t.norm.start..t.norm.end]))
    }

    /// Whether token `k` is a comma.
    pub(super) fn is_comma(&self, k: usize) -> bool {
        self.is_punct(k, &[","])
    }

    /// Whether token `k` is punctuation that ends a clause (not a comma).
    pub(super) fn ends_clause(&self, k: usize) -> bool {
        self.is_punct(k, &[".", ";", ":", "?", "!"])
    }

    /// The token after an age written between a number and its noun ("15-year-old"),
    /// when one starts at token `k`.
    pub(super) fn after_age(&self, k: usize) -> Option<usize> {
        numbers::after_age(self.text, &self.tokens, k)
    }

    /// The original span of tokens `from..to`.
    pub(super) fn span(&self, from: usize, to: usize) -> Span {
        let start = self.base + self.tokens[from].norm.start;
        let end = self.base + self.tokens[to - 1].norm.end;
        self.doc.normalized.span_to_original(start, end)
    }

    /// The original span of a byte range of the sentence's text.
    pub(super) fn span_of_range(&self, range: &std::ops::Range<usize>) -> Span {
        self.doc.normalized.span_to_original(self.base + range.start, self.base + range.end)
    }

    /// The original offset where token `i` starts.
    pub(super) fn original_start(&self, i: usize) -> usize {
        self.doc.normalized.to_original(self.base + self.tokens[i].norm.start)
    }

    /// The byte offset in the sentence's text of an original offset; `None` before it.
    pub(super) fn local(&self, original: usize) -> Option<usize> {
        self.doc.normalized.from_original(original).checked_sub(self.base)
    }

    /// Token range `[first, end)` covering an original span.
    pub(super) fn token_range(&self, span: Span) -> Option<(usize, usize)> {
        let start = self.local(span.start)?;
        let end = self.local(span.end)?;
        let first = self.tokens.iter().position(|t| t.norm.start >= start)?;
        let last = self.tokens.iter().rposition(|t| t.norm.end <= end)?;
        (first <= last).then_some((first, last + 1))
    }

    /// The sentence's time expressions, anchored on the document date; found once.
    pub(super) fn time_expressions(&self) -> &[TimeExpr] {
        self.times.get_or_init(|| dates::find_time_expressions(self.text, self.doc.date()))
    }
}
