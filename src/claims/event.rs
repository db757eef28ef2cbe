//! Which event a claim reports: the article's own incident, a different or earlier
//! event, or an aggregate over many.
//!
//! - **aggregate**: the sentence has an aggregate cue ("this year", "nationwide", "since
//!   the start of"; `lexicon/en/claims/aggregate_cues.txt`), or the claim's time scope is
//!   a stated period longer than [`INCIDENT_DAYS`] ("since April 2014");
//! - **other**: the sentence opens on a cue of another event ("In a separate shooting";
//!   `other_event_openers.txt`), or the claim's time scope ended more than
//!   [`INCIDENT_DAYS`] before the document's date ("On Oct. 17" in a January story);
//! - **incident** otherwise.

use crate::doc::{Claim, Doc, Event, TimeScope};
use crate::words;
use std::sync::LazyLock;

/// Phrases that make a figure a total over many events ("so far this year").
static AGGREGATE_CUES: LazyLock<Vec<&str>> = words!("en/claims/aggregate_cues.txt");

/// Sentence openings that move to another event ("in a separate").
static OTHER_EVENT_OPENERS: LazyLock<Vec<&str>> = words!("en/claims/other_event_openers.txt");

/// How many days one incident's reports span: a period longer than this is an
/// aggregate, a date further back another event.
pub const INCIDENT_DAYS: i64 = 14;

/// The event the claim reports, read from its sentence and time scope.
pub(super) fn event_of(doc: &Doc, claim: &Claim) -> Event {
    let sentence = doc.sentences.get(claim.sentence).map_or("", |s| doc.slice(*s)).to_lowercase();
    let opening = sentence.trim_start_matches(|c: char| !c.is_alphanumeric());
    if AGGREGATE_CUES.iter().any(|cue| contains_phrase(&sentence, cue)) || is_period(claim.time.as_ref()) {
        Event::Aggregate
    } else if OTHER_EVENT_OPENERS.iter().any(|cue| opening.starts_with(cue)) || is_earlier(doc, claim.time.as_ref()) {
        Event::Other
    } else {
        Event::Incident
    }
}

/// Whether `phrase` occurs in `text` as whole words.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = text[at + phrase.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

/// Whether a time scope is a stated period longer than one incident's: open-ended
/// ("since April 2014") or from one date to another, not one date ("in 2014").
fn is_period(time: Option<&TimeScope>) -> bool {
    let Some((Some(from), to)) = time.map(|t| (t.from, t.to)) else { return false };
    let Some(to) = to else { return true };
    let (Some(first), Some(last)) = (from.first_day(), to.last_day()) else { return false };
    from != to && (last - first).num_days() > INCIDENT_DAYS
}

/// Whether a time scope ended well before the document's date.
fn is_earlier(doc: &Doc, time: Option<&TimeScope>) -> bool {
    let (Some(date), Some(to)) = (doc.date(), time.and_then(|t| t.to)) else { return false };
    let (Some(published), Some(last)) = (date.first_day(), to.last_day()) else { return false };
    (published - last).num_days() > INCIDENT_DAYS
}
