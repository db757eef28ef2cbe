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
//! Wounded is the larger of the wounded figure and the figure of the wounded and the shot
//! together less the killed: people shot with no outcome stated count as wounded where
//! they outnumber the killed ("three people were shot, one fatally": 1 killed, 2
//! wounded; "a man was shot; he died": 1 killed, none wounded).

use crate::doc::{Claim, ClaimKind, Doc, Event, Tally, TallyFigure, Unit};
use crate::words;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// Determiners of a victim phrase that introduce a new person ("a man", "another woman").
static NEW_PERSON_DETERMINERS: LazyLock<Vec<&str>> = words!("en/tally/new_person_determiners.txt");

/// Determiners and pronouns of a victim phrase that refer back to someone ("the victim", "he").
static REFERRING_WORDS: LazyLock<Vec<&str>> = words!("en/tally/referring_words.txt");

/// Ordinals after "a" that name a further person ("a second was injured").
static FURTHER_ORDINALS: LazyLock<Vec<&str>> = words!("en/claims/elided_ordinals.txt");

/// Heads of referring phrases that may name anyone already counted ("the victim").
static GENERIC_HEADS: LazyLock<Vec<&str>> = words!("en/tally/generic_heads.txt");

/// The tally of a document's claims.
pub fn tally(doc: &Doc) -> Tally {
    let killed = figure(doc, &[ClaimKind::Killed]);
    let killed_count = killed.as_ref().map_or(0, |f| f.count);
    let hurt = [ClaimKind::Wounded, ClaimKind::Shot];
    let candidates = [
        numbered_figure(doc, &[ClaimKind::Wounded]),
        numbered_figure(doc, &hurt).map(|f| less(f, killed_count)),
        people_figure(doc, &hurt).map(|f| {
            let others = further_people(doc, &f);
            let count = f.count.saturating_sub(killed_count).max(others);
            TallyFigure { count, claims: f.claims }
        }),
    ];
    let wounded = candidates.into_iter().flatten().filter(|f| f.count > 0).max_by_key(|f| f.count);
    Tally { killed, wounded, displaced: figure(doc, &[ClaimKind::Displaced]) }
}

/// How many of a figure's victim phrases name a further person ("another teen", "a
/// second"), who cannot be one of the killed counted before.
fn further_people(doc: &Doc, figure: &TallyFigure) -> u64 {
    let further = |i: &&usize| {
        let mention = doc.slice(doc.claims[**i].quantity.span).to_lowercase();
        let mut words = mention.split_whitespace();
        let first = words.next().unwrap_or("");
        first == "another" || (first == "a" && words.next().is_some_and(|w| FURTHER_ORDINALS.contains(&w)))
    };
    figure.claims.iter().filter(further).count() as u64
}

/// A figure of people shot less those killed: the shot who did not die.
fn less(figure: TallyFigure, killed: u64) -> TallyFigure {
    TallyFigure { count: figure.count.saturating_sub(killed), claims: figure.claims }
}

/// The figure of some kinds together, from the incident's claims of people: the larger
/// of the best number and the distinct people of the victim phrases.
fn figure(doc: &Doc, kinds: &[ClaimKind]) -> Option<TallyFigure> {
    match (numbered_figure(doc, kinds), people_figure(doc, kinds)) {
        (Some(n), Some(p)) => Some(if n.count >= p.count { n } else { p }),
        (n, p) => n.or(p),
    }
}

/// Claims with their indexes in `Doc::claims`.
type IndexedClaims<'a> = Vec<(usize, &'a Claim)>;

/// The incident's claims of people of some kinds, with their indexes, split into those
/// with a number mention and victim phrases.
fn incident_claims<'a>(doc: &'a Doc, kinds: &[ClaimKind]) -> (IndexedClaims<'a>, IndexedClaims<'a>) {
    let counted = |c: &&Claim| kinds.contains(&c.kind) && c.event == Event::Incident && c.unit == Unit::People;
    doc.claims.iter().enumerate().filter(|(_, c)| counted(c)).partition(|(_, c)| has_number(doc, c))
}

/// The largest figure with a number mention (its lower bound, else its upper bound).
fn numbered_figure(doc: &Doc, kinds: &[ClaimKind]) -> Option<TallyFigure> {
    let (numbered, _) = incident_claims(doc, kinds);
    let (count, i) = numbered
        .iter()
        .filter_map(|&(i, c)| Some((c.quantity.low.or(c.quantity.high)?, i)))
        .max_by_key(|&(count, i)| (count, std::cmp::Reverse(i)))?;
    Some(TallyFigure { count, claims: vec![i] })
}

/// The distinct people of the victim phrases.
fn people_figure(doc: &Doc, kinds: &[ClaimKind]) -> Option<TallyFigure> {
    let (_, single) = incident_claims(doc, kinds);
    let count = distinct_people(doc, single.iter().map(|(_, c)| *c));
    (count > 0).then(|| TallyFigure { count, claims: single.iter().map(|(i, _)| *i).collect() })
}

/// Whether a claim's mention is a number mention of the numbers stage or a conjoined
/// total (not a victim phrase of one person).
fn has_number(doc: &Doc, claim: &Claim) -> bool {
    !claim.parts.is_empty() || doc.quantities.iter().any(|q| q.span == claim.quantity.span)
}

/// How many distinct people victim phrases name: the most of distinct names (by
/// surname), distinct new-person phrases ("a 26-year-old man", "a 23-year-old man") and
/// distinct heads of referring phrases ("the woman", "the man"; not "the victim"); at
/// least one when there is any phrase.
fn distinct_people<'a>(doc: &Doc, claims: impl Iterator<Item = &'a Claim>) -> u64 {
    let mut names = BTreeSet::new();
    let mut new_people = BTreeSet::new();
    let mut referred = BTreeSet::new();
    let mut any = false;
    for claim in claims {
        any = true;
        let mention = doc.slice(claim.quantity.span).to_lowercase();
        let first = mention.split_whitespace().next().unwrap_or("");
        let last = mention.split_whitespace().last().unwrap_or("").to_string();
        if NEW_PERSON_DETERMINERS.contains(&first) {
            new_people.insert(mention.clone());
        } else if REFERRING_WORDS.contains(&first) {
            if !GENERIC_HEADS.contains(&last.as_str()) && mention.contains(' ') {
                referred.insert(last);
            }
        } else if doc.slice(claim.quantity.span).starts_with(char::is_uppercase) {
            names.insert(last.trim_end_matches("'s").trim_end_matches("’s").to_string());
        }
    }
    let counted = names.len().max(new_people.len()).max(referred.len()) as u64;
    if any {
        counted.max(1)
    } else {
        0
    }
}
