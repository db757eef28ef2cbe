//! Victims without a number: one person a casualty predicate applies to is a count of 1.
//!
//! Three kinds of noun phrase count one victim:
//! - a singular person noun with "a", "an", "another" or "the", over modifiers and an age
//!   ("a man was shot and killed", "the 15-year-old victim died", "killing a woman"), or
//!   bare at the start of a headline ("Man killed in shooting");
//! - a named person, from the entity layer or a capitalised name with an age apposition
//!   ("John Smith, 33, was shot and killed", "the shooting death of John Smith");
//! - "he" or "she" as the subject of a casualty predicate ("He died at a hospital").
//!
//! The phrase is the claim's number mention; its predicate comes after it (over an
//! apposition and auxiliaries: "A man, 45, was later pronounced dead"), or before it
//! ("fatally shot a 17-year-old boy"), or around it ("left a man dead"). Two phrases
//! joined by "and" share the predicate after the second ("a man and a woman were
//! killed"). A phrase that holds a number mention is left to the numbers stage ("one
//! man"), and "no one" or "not injured" count nothing.
//!
//! Word lists are data under `lexicon/en/claims/`.

use super::sentence::Sentence;
use crate::doc::{Claim, ClaimKind, Event, Quantity, Unit};
use crate::words;
use std::sync::LazyLock;

/// Singular nouns for a person who can be a victim ("man", "officer", "toddler").
static VICTIM_NOUNS: LazyLock<Vec<&str>> = words!("en/claims/victim_nouns.txt");

/// Determiners that make a singular person noun one victim ("a", "the", "another").
static SINGULAR_DETERMINERS: LazyLock<Vec<&str>> = words!("en/claims/singular_determiners.txt");

/// Pronouns that stand for one victim as a subject ("he", "she").
static VICTIM_PRONOUNS: LazyLock<Vec<&str>> = words!("en/claims/victim_pronouns.txt");

/// Casualty words after "left N" ("left a man dead", "leaving one injured"), and their kind.
static LEFT_STATES: LazyLock<Vec<(&str, ClaimKind)>> =
    LazyLock::new(|| super::kind::word_kinds(&crate::table!("en/claims/left_states.tsv")));

/// Stems of which a sentence must hold one to be read for victims: a quick filter that
/// keeps most sentences from being tokenised.
static CASUALTY_STEMS: LazyLock<Vec<&str>> = words!("en/claims/casualty_stems.txt");

/// Words that make a predicate before a victim phrase a possibility, not an event
/// ("possibly killing", "tried to shoot", "threatened to kill").
static HEDGES: LazyLock<Vec<&str>> = words!("en/claims/hedges.txt");

/// Tokens before a victim phrase read for a hedge.
const HEDGE_REACH: usize = 4;

/// Modifiers read at most between a determiner and its noun ("a 26-year-old black man").
const MODIFIER_REACH: usize = 6;

/// Tokens read at most in an apposition after a name ("John Smith, 33, of Dayton,").
const APPOSITION_REACH: usize = 10;

/// Whether the sentence text may hold a casualty predicate at all.
pub(super) fn may_hold_victims(text: &str) -> bool {
    let lower = text.to_lowercase();
    CASUALTY_STEMS.iter().any(|stem| lower.contains(stem))
}

/// A noun phrase that counts one victim: tokens `first..end` and its head noun's range.
#[derive(Debug, Clone, Copy)]
struct Victim {
    first: usize,
    end: usize,
    head: (usize, usize),
}

impl Sentence<'_> {
    /// The one-victim claims of the sentence, in order.
    pub(super) fn victim_claims(&self) -> Vec<Claim> {
        let mut out: Vec<Claim> = Vec::new();
        let mut k = 0;
        while k < self.tokens.len() {
            let Some(victim) = self.victim_at(k) else {
                k += 1;
                continue;
            };
            match self.victim_kind(victim) {
                Some(kind) => {
                    out.push(self.victim_claim(victim, kind));
                    k = victim.end;
                }
                None => k += 1,
            }
        }
        out
    }

    /// The kind a predicate gives the victim phrase: after it, after a phrase joined to it
    /// by "and", before it, or around it ("left a man dead").
    fn victim_kind(&self, victim: Victim) -> Option<ClaimKind> {
        let after = self.after_apposition(victim.end);
        let joined = self.is(after, "and").then(|| self.victim_at(after + 1)).flatten();
        let predicate_from = joined.map_or(after, |other| self.after_apposition(other.end));
        self.predicate_after(predicate_from)
            .or_else(|| self.predicate_before(victim.first).filter(|_| !self.hedged_before(victim.first)))
            .or_else(|| self.left_state(victim))
    }

    /// Whether a hedge stands a few words before the phrase, so that the predicate before
    /// it did not happen ("possibly killing the trooper", "tried to shoot a man").
    fn hedged_before(&self, first: usize) -> bool {
        (first.saturating_sub(HEDGE_REACH)..first).any(|k| self.is_in(k, &HEDGES))
    }

    /// The victim phrase starting at token `k`, if any.
    fn victim_at(&self, k: usize) -> Option<Victim> {
        if self.is_in(k, &VICTIM_PRONOUNS) {
            return Some(Victim { first: k, end: k + 1, head: (k, k + 1) });
        }
        if let Some(end) = self.name_end(k) {
            return Some(Victim { first: k, end, head: (k, end) });
        }
        let determined = self.is_in(k, &SINGULAR_DETERMINERS);
        let headline = !determined && self.starts_headline(k);
        if !determined && !headline {
            return None;
        }
        let from = if determined { k + 1 } else { k };
        let noun = (from..from + MODIFIER_REACH)
            .take_while(|&j| self.is_modifier(j) || self.is_in(j, &VICTIM_NOUNS))
            .find(|&j| self.is_in(j, &VICTIM_NOUNS) && !self.is_in(j + 1, &VICTIM_NOUNS))?;
        if self.is_punct(noun + 1, &["'", "’"]) || self.is(noun + 1, "s") {
            return None;
        }
        let victim = Victim { first: k, end: noun + 1, head: (noun, noun + 1) };
        (!self.holds_quantity(victim)).then_some(victim)
    }

    /// Whether token `j` can stand between a determiner and its noun: a word that is not
    /// a verb-like casualty word, an age ("15-year-old"), or a hyphen.
    fn is_modifier(&self, j: usize) -> bool {
        match self.word(j) {
            Some(word) => {
                let lower = word.to_lowercase();
                !matches!(lower.as_str(), "and" | "or" | "of" | "who" | "was" | "is" | "were")
                    && !lower.ends_with("ed")
                    && self.predicate_after(j).is_none()
            }
            None => self.is_punct(j, &["-"]) || self.tokens.get(j).is_some_and(|t| t.kind == crate::numbers::TokenKind::Number),
        }
    }

    /// Whether a bare singular noun at `k` opens a headline ("Man killed in shooting"):
    /// the sentence's first word, or after a headline separator, capitalised.
    fn starts_headline(&self, k: usize) -> bool {
        let capitalised = self.word(k).is_some_and(|w| w.starts_with(char::is_uppercase));
        let opens = k == 0 || self.is_punct(k - 1, &["|", "-", ":", "–", "—"]);
        capitalised && opens && self.is_in(k, &VICTIM_NOUNS)
    }

    /// The end of a person's name starting at token `k`: an entity of the entity layer,
    /// or two to four capitalised words followed by an age (", 33,").
    fn name_end(&self, k: usize) -> Option<usize> {
        let start = self.original_start(k);
        if let Some(entity) = self.doc.entities.iter().find(|e| e.span.start == start && e.label == "PER") {
            let end = (k..self.tokens.len()).take_while(|&j| self.original_start(j) < entity.span.end).last()?;
            return Some(end + 1);
        }
        if !self.doc.entities.is_empty() {
            return None;
        }
        let capitalised = |j: usize| self.word(j).is_some_and(|w| w.starts_with(char::is_uppercase) && w.len() > 1);
        let end = (k..k + 4).take_while(|&j| capitalised(j)).last()? + 1;
        let aged = self.is_comma(end) && self.tokens.get(end + 1).is_some_and(|t| t.kind == crate::numbers::TokenKind::Number);
        (end - k >= 2 && aged).then_some(end)
    }

    /// The token after an apposition that follows a victim phrase (", 33,", ", a father of
    /// two,"), or `end` when none follows.
    fn after_apposition(&self, end: usize) -> usize {
        let mut at = end;
        while self.is_comma(at) {
            if self.is(at + 1, "who") {
                return at + 1;
            }
            let closing = (at + 1..at + APPOSITION_REACH)
                .take_while(|&j| j < self.tokens.len() && !self.ends_clause(j))
                .find(|&j| self.is_comma(j));
            match closing {
                Some(j) => at = j + 1,
                None => break,
            }
        }
        at
    }

    /// "left a man dead", "leaving a woman injured": the kind of the casualty word after
    /// the phrase, after "left" or "leaving" before it.
    fn left_state(&self, victim: Victim) -> Option<ClaimKind> {
        let left = victim.first.checked_sub(1).is_some_and(|p| self.is_in(p, &["left", "leaving", "leaves"]));
        let word = self.lower(victim.end)?;
        left.then(|| LEFT_STATES.iter().find(|(w, _)| *w == word).map(|(_, k)| *k)).flatten()
    }

    /// Whether the phrase holds a number mention, which the numbers stage counts.
    fn holds_quantity(&self, victim: Victim) -> bool {
        let span = self.span(victim.first, victim.end);
        self.doc.quantities.iter().any(|q| q.span.overlaps(span))
    }

    /// The claim of one victim.
    fn victim_claim(&self, victim: Victim, kind: ClaimKind) -> Claim {
        let span = self.span(victim.first, victim.end);
        let quantity = Quantity { span, low: Some(1), high: Some(1), approx: false, qualifier: None };
        Claim {
            kind,
            quantity,
            sentence: self.index,
            subject: Some(self.span(victim.head.0, victim.head.1)),
            side: self.side(victim.head.0, victim.head.1, victim.first),
            place: self.place(victim.first, victim.end),
            time: self.time(victim.first, victim.end),
            rate: None,
            attributed_to: self.asserted_by(span),
            unit: Unit::People,
            event: Event::Incident,
        }
    }
}
