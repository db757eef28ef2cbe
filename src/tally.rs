//! The tally: how many people the article's own incident killed, wounded and displaced,
//! read from its claims.
//!
//! Only claims of the incident itself count (`event` incident, `unit` people). Per kind:
//! - a figure with a number is read as its lower bound (or its upper bound when it has
//!   none); the largest wins, so a total beats its parts and a toll that rose beats the
//!   first report;
//! - victims without a number ("a man", "John Smith", "he") add up as distinct people:
//!   names count once each (by surname), phrases with "a", "an" or "another" once per
//!   head noun ("a man and a woman"), and "the victim" or "he" add nobody new; at least
//!   one;
//! - the figure is the larger of the two, resting on the claims that gave it.
//!
//! People shot with no outcome stated count as wounded where they outnumber the killed
//! ("three people were shot, one fatally": 1 killed, 2 wounded).

use crate::doc::{Claim, ClaimKind, Doc, Event, Tally, TallyFigure, Unit};
use crate::words;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// Determiners of a victim phrase that introduce a new person ("a man", "another woman").
static NEW_PERSON_DETERMINERS: LazyLock<Vec<&str>> = words!("en/tally/new_person_determiners.txt");

/// Determiners and pronouns of a victim phrase that refer back to someone ("the victim", "he").
static REFERRING_WORDS: LazyLock<Vec<&str>> = words!("en/tally/referring_words.txt");

/// The tally of a document's claims.
pub fn tally(doc: &Doc) -> Tally {
    let killed = figure(doc, ClaimKind::Killed);
    let wounded = figure(doc, ClaimKind::Wounded);
    let shot = figure(doc, ClaimKind::Shot);
    let killed_count = killed.as_ref().map_or(0, |f| f.count);
    let shot_not_killed = shot
        .filter(|s| s.count > killed_count)
        .map(|s| TallyFigure { count: s.count - killed_count, claims: s.claims });
    let wounded = match (wounded, shot_not_killed) {
        (Some(w), Some(s)) => Some(if s.count > w.count { s } else { w }),
        (w, s) => w.or(s),
    };
    Tally { killed, wounded, displaced: figure(doc, ClaimKind::Displaced) }
}

/// The figure of one kind, from the incident's claims of people.
fn figure(doc: &Doc, kind: ClaimKind) -> Option<TallyFigure> {
    let counted = |c: &&Claim| c.kind == kind && c.event == Event::Incident && c.unit == Unit::People;
    let claims: Vec<(usize, &Claim)> = doc.claims.iter().enumerate().filter(|(_, c)| counted(c)).collect();
    let (numbered, single): (Vec<_>, Vec<_>) = claims.into_iter().partition(|(_, c)| has_number(doc, c));
    let best_number = numbered
        .iter()
        .filter_map(|&(i, c)| Some((c.quantity.low.or(c.quantity.high)?, i)))
        .max_by_key(|&(count, i)| (count, std::cmp::Reverse(i)));
    let people = distinct_people(doc, single.iter().map(|(_, c)| *c));
    match best_number {
        Some((count, i)) if count >= people => Some(TallyFigure { count, claims: vec![i] }),
        _ if people > 0 => Some(TallyFigure { count: people, claims: single.iter().map(|(i, _)| *i).collect() }),
        _ => None,
    }
}

/// Whether a claim's mention is a number mention of the numbers stage (not a victim
/// phrase of one person).
fn has_number(doc: &Doc, claim: &Claim) -> bool {
    doc.quantities.iter().any(|q| q.span == claim.quantity.span)
}

/// How many distinct people victim phrases name: names once each, new-person phrases
/// once per head noun, at least one when there is any phrase.
fn distinct_people<'a>(doc: &Doc, claims: impl Iterator<Item = &'a Claim>) -> u64 {
    let mut names = BTreeSet::new();
    let mut heads = BTreeSet::new();
    let mut any = false;
    for claim in claims {
        any = true;
        let mention = doc.slice(claim.quantity.span);
        let first = mention.split_whitespace().next().unwrap_or("").to_lowercase();
        let last = mention.split_whitespace().last().unwrap_or("").to_lowercase();
        if NEW_PERSON_DETERMINERS.contains(&first.as_str()) {
            heads.insert(last);
        } else if !REFERRING_WORDS.contains(&first.as_str()) && mention.starts_with(char::is_uppercase) {
            names.insert(last);
        }
    }
    let counted = names.len().max(heads.len()) as u64;
    if any {
        counted.max(1)
    } else {
        0
    }
}
