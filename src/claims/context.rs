//! The context a sentence states for a claim: where (`place`), when (`time`), how often
//! (`rate`) and who asserts it (`attributed_to`).
//!
//! - `place`: the first locative phrase after the number ("in eastern-Ukraine", "near
//!   the Ukrainian border", "on our border"), else the nearest one before it; a sentence
//!   with none takes a locative phrase of the nearest sentence of its paragraph, at most
//!   [`PLACE_REACH`] sentences away, that has one and no figure of its own (earlier
//!   sentences first, their last phrase; later ones, their first; a bare country name,
//!   "in Ukraine", gives way to a narrower place within reach);
//! - `time`: the nearest time expression of the sentence
//!   ([`dates::find_time_expressions`](crate::dates::find_time_expressions), anchored on
//!   the document date) at most [`MAX_TIME_DISTANCE`] tokens away, skipping the time of
//!   the saying ("he said on Wednesday");
//! - `rate`: the unit of a rate phrase ("a day", "per week", "every day", "daily") in
//!   the number's clause within [`RATE_REACH`] tokens after it: "up to 100 soldiers a
//!   day" is 100 per `day`, not a toll;
//! - `attributed_to`: the speaker of the quote whose content holds the number, as the
//!   quotes stage found it (direct or reported speech, "according to X"), a pronoun
//!   replaced by the named mention it stands for; claims finds no speakers of its own.

use super::sentence::{Sentence, Sentences};
use crate::dates::TimeExpr;
use crate::doc::{Span, TimeScope};
use crate::words;
use std::sync::LazyLock;

/// How many sentences away, in the same paragraph, a claim without a place looks for one.
pub const PLACE_REACH: usize = 2;

/// How many tokens may stand between a number and its time expression.
pub const MAX_TIME_DISTANCE: usize = 20;

/// How many tokens after the number a rate phrase may start.
pub const RATE_REACH: usize = 12;

/// Words that open a rate phrase after the counted noun ("per day", "a week").
static RATE_WORDS: LazyLock<Vec<&str>> = words!("en/claims/rate_words.txt");

/// Units of a rate phrase.
static RATE_UNITS: LazyLock<Vec<&str>> = words!("en/claims/rate_units.txt");

/// Words before a time expression that make it the time of the saying, not the event.
static SAYING_WORDS: LazyLock<Vec<&str>> = words!("en/claims/saying_words.txt");

/// Prepositions that open a place phrase.
static PLACE_PREPOSITIONS: LazyLock<Vec<&str>> = words!("en/claims/place_prepositions.txt");

/// Determiners inside a place phrase.
static PLACE_DETERMINERS: LazyLock<Vec<&str>> = words!("en/claims/place_determiners.txt");

/// Lower-case words that can head or modify a place phrase.
static PLACE_WORDS: LazyLock<Vec<&str>> = words!("en/claims/place_words.txt");

/// Words of a place phrase that cannot be its head ("eastern", "occupied").
static PLACE_MODIFIERS: LazyLock<Vec<&str>> = words!("en/claims/place_modifiers.txt");

/// Capitalised words that follow a preposition but are not places.
static NOT_PLACES: LazyLock<Vec<&str>> = words!("en/claims/not_places.txt");

/// The place of the nearest sentence within [`PLACE_REACH`] of sentence `index`, in its
/// paragraph, that has one and states no figure of its own (its places are that
/// figure's: "... 25,000. That is far more than the 15,000 lost in Afghanistan"): the
/// last locative phrase of an earlier sentence, the first of a later one; at equal
/// distance the earlier sentence wins. A phrase that only names a country (GeoNames)
/// gives way to a narrower one within reach ("killing four. ... in Russia ...
/// the attack in Belgorod" -> Belgorod).
pub(super) fn place_in_paragraph(sentences: &Sentences, index: usize) -> Option<Span> {
    let doc = sentences.doc();
    let paragraph = doc.paragraph_containing(doc.sentences[index])?;
    let in_paragraph = |j: usize| {
        doc.sentences.get(j).is_some_and(|s| {
            paragraph.contains(*s) && !doc.quantities_starting_in(*s).iter().any(|q| s.contains(q.span))
        })
    };
    let mut candidates = (1..=PLACE_REACH)
        .flat_map(|distance| {
            let before = index.checked_sub(distance).filter(|&j| in_paragraph(j));
            let after = Some(index + distance).filter(|&j| in_paragraph(j));
            [(before, true), (after, false)]
        })
        .filter_map(|(sentence, last)| {
            let sentence = sentences.get(sentence?);
            let mut places = sentence.places();
            if last {
                places.next_back()
            } else {
                places.next()
            }
        });
    let nearest = candidates.next()?;
    let whole_country = |place: Span| names_whole_country(doc.slice(place), crate::geo::names_country);
    if !whole_country(nearest) {
        return Some(nearest);
    }
    candidates.find(|&place| !whole_country(place)).or(Some(nearest))
}

/// Whether a place phrase is a preposition and a bare country name ("in Russia’s"),
/// by `is_whole_country` on the name.
fn names_whole_country(phrase: &str, is_whole_country: impl Fn(&str) -> bool) -> bool {
    let mut words = phrase.split_whitespace().skip(1);
    let name = words.next().map(|w| w.trim_end_matches("’s").trim_end_matches("'s").to_lowercase());
    words.next().is_none() && name.is_some_and(|n| is_whole_country(&n))
}

/// A word whose last hyphen-separated part is capitalised ("Kiev", "eastern-Ukraine",
/// "Rome-Italy"; not "Russian-operated").
fn is_capitalized_name(word: &str) -> bool {
    word.rsplit('-').next().is_some_and(|last| last.starts_with(char::is_uppercase))
}

impl Sentence<'_> {
    /// Who asserts the number at `span`: the speaker of the first quote whose content
    /// holds it.
    pub(super) fn asserted_by(&self, span: Span) -> Option<Span> {
        let quote = self.quotes.containing(self.doc, span)?;
        quote.speaker.as_ref().map(|speaker| speaker.antecedent.unwrap_or(speaker.span))
    }

    /// The unit of a rate phrase within [`RATE_REACH`] tokens after the number, in its
    /// clause ("up to 100 deaths and 500 wounded every day", "were dying each day"); "a
    /// day after" and "a day earlier" are times, not rates.
    pub(super) fn rate(&self, end: usize) -> Option<&'static str> {
        let clause = (end..(end + RATE_REACH).min(self.tokens.len())).take_while(|k| !self.ends_clause(*k));
        clause.into_iter().find_map(|k| {
            let unit = match self.rate_at(k) {
                2 => self.lower(k + 1)?,
                1 => "day".to_string(),
                _ => return None,
            };
            let is_time = self.is_in(k + self.rate_at(k), &["after", "before", "earlier", "later", "ago"]);
            RATE_UNITS.iter().find(|u| **u == unit).copied().filter(|_| !is_time)
        })
    }

    /// How many tokens a rate phrase at token `k` takes ("per day", "a week", "daily"):
    /// "60-100 soldiers per day as killed in action" states its predicate after it.
    pub(super) fn rate_at(&self, k: usize) -> usize {
        if self.is_in(k, &RATE_WORDS) && self.is_in(k + 1, &RATE_UNITS) {
            2
        } else {
            usize::from(self.is(k, "daily"))
        }
    }

    /// The place phrase tied to the number: the first after it, else the nearest before.
    pub(super) fn place(&self, first: usize, end: usize) -> Option<Span> {
        let after = (end..self.tokens.len()).take_while(|k| !self.is_clause_break(*k)).find_map(|k| self.place_at(k));
        let found = after.or_else(|| (0..first).rev().find_map(|k| self.place_at(k).filter(|(_, to)| *to <= first)));
        found.map(|(from, to)| self.span(from, to))
    }

    /// The locative phrases of the sentence, by start; either end can be taken first.
    fn places(&self) -> impl DoubleEndedIterator<Item = Span> + '_ {
        (0..self.tokens.len()).filter_map(|k| self.place_at(k)).map(|(from, to)| self.span(from, to))
    }

    /// Whether token `k` ends the stretch a place phrase after the number is looked for in.
    fn is_clause_break(&self, k: usize) -> bool {
        self.is_punct(k, &[";", "\""])
    }

    /// A place phrase starting at token `k` ("near the Ukrainian border"), as a range.
    fn place_at(&self, k: usize) -> Option<(usize, usize)> {
        if !self.is_in(k, &PLACE_PREPOSITIONS) {
            return None;
        }
        let mut j = k + 1;
        if self.is_in(j, &PLACE_DETERMINERS) {
            j += 1;
        }
        if let Some(entity) = self.entity_at(j) {
            return Some((k, entity));
        }
        let mut to = j;
        while let Some(word) = self.word(to) {
            if !(PLACE_WORDS.contains(&word.to_lowercase().as_str()) || is_capitalized_name(word)) {
                break;
            }
            to += 1;
        }
        let has_head = (j..to).any(|n| self.word(n).is_some_and(|w| self.is_place_head(w)));
        if !has_head {
            return None;
        }
        Some((k, self.of_tail(to)))
    }

    /// Whether a word of a place phrase can be its head: not a direction or state
    /// adjective ("eastern"), not a side word of the profile ("Ukrainian") unless it also
    /// names one of its places ("Russia"), not a date or medium ("Friday").
    fn is_place_head(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        let bare = word.strip_suffix("'s").unwrap_or(word);
        !PLACE_MODIFIERS.contains(&lower.as_str())
            && (self.profile.side_of(&lower).is_none() || crate::geo::names_well_known_place(word))
            && !NOT_PLACES.contains(&bare)
            && bare.len() == word.len()
    }

    /// Extends a place phrase over "of the country" / "of Donetsk".
    fn of_tail(&self, to: usize) -> usize {
        if !self.is(to, "of") {
            return to;
        }
        let mut j = to + 1;
        if self.is(j, "the") {
            j += 1;
        }
        if self.word(j).is_some_and(|w| ["country", "region"].contains(&w)) {
            return j + 1;
        }
        let names = (j..).take_while(|k| self.word(*k).is_some_and(is_capitalized_name)).count();
        if names > 0 {
            j + names
        } else {
            to
        }
    }

    /// The token after a LOC entity that starts at token `j`, when NER found one.
    fn entity_at(&self, j: usize) -> Option<usize> {
        if j >= self.tokens.len() {
            return None;
        }
        let start = self.original_start(j);
        let starting = self.doc.entities_starting_in(Span::new(start, start + 1));
        let entity = starting.iter().find(|e| e.label == "LOC")?;
        let end = self.local(entity.span.end)?;
        self.tokens.iter().position(|t| t.norm.start >= end).or(Some(self.tokens.len()))
    }

    /// The time expression nearest the number (tokens `first..end`), skipping the time
    /// of the saying.
    pub(super) fn time(&self, first: usize, end: usize) -> Option<TimeScope> {
        let number = self.tokens[first].norm.start..self.tokens[end - 1].norm.end;
        let token_distance = |t: &TimeExpr| {
            let between =
                if t.range.start >= number.end { number.end..t.range.start } else { t.range.end..number.start };
            self.tokens.iter().filter(|tok| between.start <= tok.norm.start && tok.norm.end <= between.end).count()
        };
        self.time_expressions()
            .iter()
            .filter(|t| t.range.end <= number.start || t.range.start >= number.end)
            .filter(|t| !self.is_saying_time(t.range.start, &number))
            .map(|t| (token_distance(t), t))
            .filter(|(distance, _)| *distance <= MAX_TIME_DISTANCE)
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, t)| TimeScope { span: self.span_of_range(&t.range), from: t.from, to: t.to })
    }

    /// Whether a saying word stands in the six words before `start` with no number between.
    fn is_saying_time(&self, start: usize, number: &std::ops::Range<usize>) -> bool {
        let Some(at) = self.tokens.iter().position(|t| t.norm.start >= start) else { return false };
        (at.saturating_sub(6)..at)
            .any(|k| self.is_in(k, &SAYING_WORDS) && !(self.tokens[k].norm.start < number.start && number.end <= start))
    }
}

#[cfg(test)]
mod tests {
    use super::super::claims;
    use super::super::testing::{claims_of, doc_of, paragraph_of, text_of};
    use super::*;
    use crate::doc::{ClaimKind, PartialDate};
    use crate::profile::Profile;

    #[test]
    fn a_whole_country_is_a_bare_preposition_and_name() {
        let is_ukraine = |name: &str| name == "ukraine";
        assert!(names_whole_country("in Ukraine’s", is_ukraine));
        assert!(!names_whole_country("in eastern Ukraine", is_ukraine));
        assert!(!names_whole_country("in Russia", is_ukraine));
    }

    #[test]
    fn corpus_rates_are_not_tolls() {
        let text = "Kyiv’s forces were suffering up to 100 deaths and 500 wounded every day.";
        let found = claims_of(&doc_of(text, None));
        assert_eq!(
            found.iter().map(|c| (c.kind, c.rate)).collect::<Vec<_>>(),
            [(ClaimKind::Killed, Some("day")), (ClaimKind::Wounded, Some("day"))]
        );
        let text = "“We’re losing 60-100 soldiers per day as killed in action,” he said.";
        let found = claims_of(&doc_of(text, None));
        assert_eq!((found[0].kind, found[0].rate), (ClaimKind::Killed, Some("day")));
        let text = "A day earlier, six people were killed and 20 injured a day after the attack.";
        let found = claims_of(&doc_of(text, None));
        assert!(!found.is_empty() && found.iter().all(|c| c.rate.is_none()));
    }

    #[test]
    fn corpus_a_claim_without_a_place_takes_its_paragraphs() {
        let text = "Officials said the strike, in Nova Kakhovka, hit a warehouse. At least seven people were killed and dozens more wounded, Tass reported.";
        let doc = paragraph_of(text);
        let found = claims_of(&doc);
        assert_eq!(text_of(&doc, found[0].place), Some("in Nova Kakhovka"));
        let text = "Explosions hit a Russian city, killing four, officials said. Moscow blamed Ukraine for the attack in Belgorod.";
        let doc = paragraph_of(text);
        assert_eq!(text_of(&doc, claims_of(&doc)[0].place), Some("in Belgorod"));
    }

    #[test]
    fn a_bare_country_gives_way_to_a_narrower_place_under_any_profile() {
        let ukraine = Profile::load("ukraine").unwrap();
        let text = "Explosions hit a Russian city, killing four, officials said. It is the deadliest episode in Russia since the start of the war. Moscow blamed Ukraine for the attack in Belgorod.";
        let doc = paragraph_of(text);
        assert_eq!(text_of(&doc, claims(&doc, &ukraine)[0].place), Some("in Belgorod"), "a bare country gives way");
        assert_eq!(text_of(&doc, claims_of(&doc)[0].place), Some("in Belgorod"), "countries come from GeoNames");
        let text = "Gunmen killed six people, officials said. It is the worst attack in Sudan this year. Residents fled the market in El Fasher.";
        let doc = paragraph_of(text);
        assert_eq!(text_of(&doc, claims_of(&doc)[0].place), Some("in El Fasher"), "any country's");
        let text = "Explosions hit a Russian city, killing four, officials said. It is the deadliest episode in Russia since the start of the war.";
        let doc = paragraph_of(text);
        assert_eq!(
            text_of(&doc, claims(&doc, &ukraine)[0].place),
            Some("in Russia"),
            "and is kept when nothing narrower is near"
        );
    }

    #[test]
    fn places_after_the_number_come_first() {
        let text = "More than 14,000 people died in fighting in eastern-Ukraine between government forces and Russian-backed separatist rebels.";
        let doc = doc_of(text, Some(PartialDate::day(2021, 12, 2)));
        assert_eq!(text_of(&doc, claims_of(&doc)[0].place), Some("in eastern-Ukraine"));
        let text = "Moscow denies it intends to carry out such an attack, despite amassing more than 100,000 troops along its border with the former Soviet republic.";
        let doc = doc_of(text, Some(PartialDate::day(2022, 2, 1)));
        assert_eq!(text_of(&doc, claims_of(&doc)[0].place), Some("along its border"));
    }

    #[test]
    fn the_time_of_the_saying_is_skipped() {
        let text = "\u{201c}I hope that now the whole world can see clearly who really wants peace and who is concentrating almost 100,000 soldiers on our border,\u{201d} he said in a video of a speech posted on his website on Wednesday.";
        let doc = doc_of(text, Some(PartialDate::day(2021, 11, 14)));
        let found = claims_of(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!(text_of(&doc, found[0].place), Some("on our border"));
        assert_eq!(found[0].time, None);
    }

    #[test]
    fn the_speaker_of_the_quote_holding_the_number_asserts_it() {
        let text =
            "Kiev said two Ukrainian soldiers were killed by an explosive device in the east of the country on Friday.";
        let doc = doc_of(text, Some(PartialDate::day(2021, 11, 14)));
        assert_eq!(text_of(&doc, claims_of(&doc)[0].attributed_to), Some("Kiev"));
        let text = "Explosions hit the center of a Russian city, killing four, officials said.";
        let doc = doc_of(text, None);
        assert_eq!(text_of(&doc, claims_of(&doc)[0].attributed_to), Some("officials"));
        let doc = doc_of("The death toll has risen to 53, the Health Ministry said.", None);
        assert_eq!(text_of(&doc, claims_of(&doc)[0].attributed_to), Some("the Health Ministry"));
        let text = "It said three children were among those killed in the strike on Vinnytsia.";
        let doc = doc_of(text, None);
        assert_eq!(claims_of(&doc)[0].attributed_to, None, "a pronoun with no antecedent names no one");
        let mut doc = doc_of(text, None);
        doc.quotes.clear();
        assert_eq!(claims_of(&doc)[0].attributed_to, None, "without quotes, no one");
    }

    #[test]
    fn a_pronoun_speaker_asserts_through_the_name_it_stands_for() {
        let text = "Mayor Anna Kovalenko spoke on Monday. She said 12 people were killed in the shelling. \
                    Later she said at least 40 were wounded.";
        let doc = doc_of(text, None);
        let speakers: Vec<Option<&str>> = claims_of(&doc).iter().map(|c| text_of(&doc, c.attributed_to)).collect();
        assert_eq!(speakers, [Some("Mayor Anna Kovalenko"), Some("Mayor Anna Kovalenko")]);
    }
}
