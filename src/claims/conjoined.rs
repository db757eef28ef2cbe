//! Conjoined groups: "three men and one woman were killed", "Two men, a woman and a child
//! died". Every conjunct takes the predicate after the last one, and the claims of one
//! group become one total that keeps its parts (4, from 3 + 1).
//!
//! A singular verb after the last conjunct ("He shot a man and a woman was killed") joins
//! clauses, not subjects: the predicate then belongs to the last conjunct alone.

use super::sentence::Sentence;
use super::subject::Subject;
use crate::doc::{Claim, Doc, Quantity, Span};
use crate::words;
use std::sync::LazyLock;

/// Verbs after a subject that take a singular subject: a conjunct before them is no
/// part of it.
static SINGULAR_VERBS: LazyLock<Vec<&str>> = words!("en/claims/singular_verbs.txt");

/// At most this many further conjuncts are read next to a phrase.
const MAX_CONJUNCTS: usize = 6;

/// At most this many tokens make one conjunct, read backwards.
const CONJUNCT_REACH: usize = 6;

impl Sentence<'_> {
    /// The token after the conjuncts that follow a counted phrase ending at `end`
    /// (", a woman and a child"), where their shared predicate starts; `end` when none
    /// follows or the verb there is singular. A comma joins a count (", 12 civilians") or
    /// a phrase of a list that "and" closes (", a woman and a child"), nothing else (",
    /// his father" is an apposition or a new clause).
    pub(super) fn after_conjuncts(&self, end: usize) -> usize {
        let (mut at, mut confirmed) = (end, end);
        for _ in 0..MAX_CONJUNCTS {
            let (next, closes) = if self.is_comma(at) && self.is(at + 1, "and") {
                (at + 2, true)
            } else if self.is(at, "and") {
                (at + 1, true)
            } else if self.is_comma(at) {
                (at + 1, self.starts_quantity(at + 1))
            } else {
                break;
            };
            match self.conjunct_end(next) {
                Some(conjunct_end) => at = conjunct_end,
                None => break,
            }
            if closes {
                confirmed = at;
            }
        }
        let at = confirmed;
        if at == end || self.is_in(at, &SINGULAR_VERBS) {
            end
        } else {
            at
        }
    }

    /// Whether a number mention starts at token `k`.
    fn starts_quantity(&self, k: usize) -> bool {
        k < self.tokens.len() && self.quantities().iter().any(|q| q.span.start == self.original_start(k))
    }

    /// The first token of the conjuncts before a counted phrase starting at `first`
    /// ("killed [5 soldiers and] 12 civilians"), where a predicate before them ends;
    /// `first` when none stands before it. A comma alone joins a count or a phrase that
    /// "and" follows ("killed a man, a woman and a child"), not an apposition ("killed
    /// Rolando Correa, Gary Police spokeswoman ...").
    pub(super) fn before_conjuncts(&self, first: usize) -> usize {
        let mut at = first;
        for _ in 0..MAX_CONJUNCTS {
            let Some(joint) = at.checked_sub(1).filter(|&p| self.is(p, "and") || self.is_comma(p)) else { break };
            let bare_comma = self.is_comma(joint) && at == joint + 1;
            let listed = self.starts_quantity(at) || self.conjunct_end(at).is_some_and(|end| self.is(end, "and"));
            if bare_comma && !listed {
                break;
            }
            let joint = if self.is(joint, "and") && joint > 0 && self.is_comma(joint - 1) { joint - 1 } else { joint };
            let start = (joint.saturating_sub(CONJUNCT_REACH)..joint).find(|&j| self.conjunct_end(j) == Some(joint));
            match start {
                Some(start) => at = start,
                None => break,
            }
        }
        at
    }

    /// The end of a counted phrase starting at token `k`: a count and its people ("two
    /// civilians") or one victim ("a woman", "John Smith", "7-year-old nephew" in a list).
    fn conjunct_end(&self, k: usize) -> Option<usize> {
        if k >= self.tokens.len() {
            return None;
        }
        if let Some(after_age) = self.after_age(k) {
            return self.victim_end(after_age);
        }
        let start = self.original_start(k);
        let counted = self.doc.quantities_starting_in(Span::new(start, start + 1)).first();
        if let Some((_, end)) = counted.and_then(|q| self.token_range(q.span)) {
            return match self.subject_after(end) {
                Subject::People(_, to) => Some(to),
                _ => None,
            };
        }
        self.victim_end(k)
    }
}

/// Merges the claims of each conjoined group into one total that keeps its parts.
/// `claims` are in text order.
/// A group ends on "and" ("A, B and C"): claims joined by commas alone are a list of
/// appositions or headings ("Last August, 72 migrants"), and stay apart.
pub(super) fn merge_groups(doc: &Doc, claims: Vec<Claim>) -> Vec<Claim> {
    let mut groups: Vec<Vec<Claim>> = Vec::new();
    for claim in claims {
        match groups.last_mut() {
            Some(group) if joins(doc, &group[group.len() - 1], &claim) => group.push(claim),
            _ => groups.push(vec![claim]),
        }
    }
    let mut out = Vec::new();
    for group in groups {
        let ends_on_and =
            group.len() > 1 && joint(doc, &group[group.len() - 2], &group[group.len() - 1]).contains("and");
        if !ends_on_and {
            out.extend(group);
            continue;
        }
        let mut parts = group.into_iter();
        let mut total = parts.next().expect("a group has a claim");
        parts.for_each(|part| add_part(&mut total, part));
        out.push(total);
    }
    out
}

/// The text between two claims' phrases, trimmed.
fn joint<'a>(doc: &'a Doc, first: &Claim, next: &Claim) -> &'a str {
    let (from, to) = (phrase_end(first), next.quantity.span.start);
    if from >= to {
        return "";
    }
    doc.slice(Span::new(from, to)).trim()
}

/// Where a claim's phrase ends: after its counted noun, or after its number.
fn phrase_end(claim: &Claim) -> usize {
    claim.subject.map_or(claim.quantity.span.end, |s| s.end.max(claim.quantity.span.end))
}

/// Whether `next` is a conjunct after `previous`: both count a noun, in the same sentence
/// and kind, with only commas and "and" between, and an age that the next phrase's
/// mention leaves out ("brother and 7-year-old nephew").
fn joins(doc: &Doc, previous: &Claim, next: &Claim) -> bool {
    let counted = previous.subject.is_some() && next.subject.is_some();
    let adjacent = phrase_end(previous) < next.quantity.span.start;
    if !counted || !adjacent || previous.sentence != next.sentence || previous.kind != next.kind {
        return false;
    }
    let rest = joint(doc, previous, next).trim_start_matches(',').trim();
    let mut words = rest.split_whitespace();
    let age = |word: &str| word.contains("-year-old");
    match (words.next(), words.next(), words.next()) {
        (None, _, _) | (Some("and"), None, _) => true,
        (Some("and"), Some(word), None) => age(word),
        _ => false,
    }
}

/// Adds `part` to the group `total`: the total's interval is the sum of its parts.
fn add_part(total: &mut Claim, part: Claim) {
    if total.parts.is_empty() {
        total.parts.push(total.quantity.clone());
    }
    let end = phrase_end(&part);
    total.parts.push(part.quantity);
    let sum = |bound: fn(&Quantity) -> Option<u64>| total.parts.iter().map(bound).sum::<Option<u64>>();
    let qualifiers: Vec<_> = total.parts.iter().map(|q| q.qualifier.clone()).collect();
    total.quantity = Quantity {
        span: Span::new(total.quantity.span.start, end),
        low: sum(|q| q.low),
        high: sum(|q| q.high),
        approx: total.parts.iter().any(|q| q.approx),
        qualifier: qualifiers.iter().all(|q| *q == qualifiers[0]).then(|| qualifiers[0].clone()).flatten(),
    };
    total.subject = total.subject.zip(part.subject).map(|(a, b)| Span::new(a.start, b.end));
    total.side = total.side.take().filter(|side| part.side.as_ref() == Some(side));
}
