//! The tally: how many people the article's own incident killed, wounded and displaced,
//! read from its claims.
//!
//! Only claims of the incident itself count (`event` incident, `unit` people). Per kind:
//! - a figure with a number is read as its lower bound (or its upper bound when it has
//!   none); the largest wins, so a total beats its parts and a toll that rose beats the
//!   first report;
//! - victims without a number ("a man", "John Smith", "he") add up as distinct people:
//!   names count once each (by surname), phrases with "a", "an" or "another" once per
//!   age and head noun ("a man and a woman" two, "a man" and "a 32-year-old man" one),
//!   people introduced in one sentence are distinct ("Harris and a 19-year-old"), and
//!   "the victim" or "he" add nobody new; at least one;
//! - the figure is the larger of the two, resting on the claims that gave it.
//!
//! Wounded is the larger of the wounded figure and the figure of the wounded and the shot
//! together less the killed: people shot with no outcome stated count as wounded where
//! they outnumber the killed ("three people were shot, one fatally": 1 killed, 2
//! wounded; "a man was shot; he died": 1 killed, none wounded). A victim killed who is
//! named by ordinal ("the second victim was pronounced dead") is none of the shot.

use crate::doc::{Claim, ClaimKind, Doc, Event, Tally, TallyFigure, Unit};
use crate::words;
use std::collections::{BTreeMap, BTreeSet};
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
    let killed_count = killed.as_ref().map_or(0, |f| f.count.saturating_sub(further_victims(doc, f)));
    let hurt = [ClaimKind::Wounded, ClaimKind::Shot];
    let candidates = [
        numbered_figure(doc, &[ClaimKind::Wounded]),
        numbered_figure(doc, &hurt).map(|f| less(f, killed_count)),
        people_figure(doc, &hurt).map(|f| {
            let others = further_people(doc, &f);
            let count = f.count.saturating_sub(killed_count).max(others);
            TallyFigure { count, claims: f.claims }
        }),
        ordinal_figure(doc, &hurt).map(|f| less(f, killed_count)),
    ];
    let wounded = candidates.into_iter().flatten().filter(|f| f.count > 0).max_by_key(|f| f.count);
    Tally { killed, wounded, displaced: figure(doc, &[ClaimKind::Displaced]) }
}

/// How many of a figure's victim phrases name a further person ("another teen", "a
/// second", "one more man"), who cannot be one of the killed counted before.
fn further_people(doc: &Doc, figure: &TallyFigure) -> u64 {
    let more = figure.claims.iter().filter(|&&i| after_more(doc, &doc.claims[i])).count() as u64;
    more + count_mentions(doc, figure, names_further_person)
}

/// Whether a victim phrase's lower-case words name a further person ("another man", "a
/// second victim").
fn names_further_person(words: &[&str]) -> bool {
    words.first() == Some(&"another")
        || (words.first() == Some(&"a") && words.get(1).is_some_and(|w| FURTHER_ORDINALS.contains(w)))
}

/// Whether a claim's mention comes right after "more" ("one more man was wounded").
fn after_more(doc: &Doc, claim: &Claim) -> bool {
    let before = &doc.text[..claim.quantity.span.start];
    before.split_whitespace().next_back().is_some_and(|w| w.eq_ignore_ascii_case("more"))
}

/// The figure an ordinal victim phrase implies: "a second victim", "the third man" means
/// at least that many people; the largest ordinal wins.
fn ordinal_figure(doc: &Doc, kinds: &[ClaimKind]) -> Option<TallyFigure> {
    let (_, single) = incident_claims(doc, kinds);
    let ordinal = |claim: &Claim| {
        let mention = doc.slice(claim.quantity.span).to_lowercase();
        let words: Vec<&str> = mention.split_whitespace().collect();
        let determined = words.len() >= 2 && matches!(words[0], "a" | "the");
        determined.then(|| crate::numbers::ordinal_value(words[1])).flatten()
    };
    let (count, i) =
        single.iter().filter_map(|&(i, c)| Some((ordinal(c)?, i))).max_by_key(|&(n, i)| (n, std::cmp::Reverse(i)))?;
    (count > 1).then(|| TallyFigure { count, claims: vec![i] })
}

/// How many of a figure's victim phrases name a further victim by ordinal ("the second
/// victim was pronounced dead", "a second died"): killed, such a victim is none of the
/// people shot before. ("Another man" is not enough: "he killed another man".)
fn further_victims(doc: &Doc, figure: &TallyFigure) -> u64 {
    count_mentions(doc, figure, |words| {
        let ordinal = words.len() >= 2 && matches!(words[0], "a" | "the") && FURTHER_ORDINALS.contains(&words[1]);
        ordinal && words.get(2).is_none_or(|head| is_generic(head))
    })
}

/// How many of a figure's claims have a mention whose lower-case words pass `test`.
fn count_mentions(doc: &Doc, figure: &TallyFigure, test: impl Fn(&[&str]) -> bool) -> u64 {
    let passes = |i: &&usize| {
        let mention = doc.slice(doc.claims[**i].quantity.span).to_lowercase();
        test(&mention.split_whitespace().collect::<Vec<_>>())
    };
    figure.claims.iter().filter(passes).count() as u64
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

/// The distinct people of the victim phrases. The headline retells the story, so its
/// victim phrases ("Man shot in Gary") count only where the body names no victim.
fn people_figure(doc: &Doc, kinds: &[ClaimKind]) -> Option<TallyFigure> {
    let (_, mut single) = incident_claims(doc, kinds);
    if single.iter().any(|(_, c)| !doc.is_headline(c.sentence)) {
        single.retain(|(_, c)| !doc.is_headline(c.sentence));
    }
    let count = distinct_people(doc, single.iter().map(|(_, c)| *c));
    (count > 0).then(|| TallyFigure { count, claims: single.iter().map(|(i, _)| *i).collect() })
}

/// Whether a claim's mention is a number mention of the numbers stage, a conjoined
/// total or a phrase of several people ("both"), not a victim phrase of one person.
fn has_number(doc: &Doc, claim: &Claim) -> bool {
    !claim.parts.is_empty()
        || claim.quantity.low.is_some_and(|low| low > 1)
        || doc.quantities_starting_in(claim.quantity.span).iter().any(|q| q.span == claim.quantity.span)
}

/// How many distinct people victim phrases name: the most of distinct names (by
/// surname), distinct new people ("a 26-year-old man", "a 23-year-old man") and distinct
/// heads of referring phrases ("the woman", "the man"; not "the victim"), and of the
/// names and new people of any one sentence together ("Harris and a 19-year-old male");
/// at least one when there is any phrase.
fn distinct_people<'a>(doc: &Doc, claims: impl Iterator<Item = &'a Claim>) -> u64 {
    let mut names = BTreeSet::new();
    let mut new_people = NewPeople::default();
    let mut referred = BTreeSet::new();
    let mut per_sentence: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    let mut any = false;
    for claim in claims {
        any = true;
        let mention = doc.slice(claim.quantity.span).to_lowercase();
        let first = mention.split_whitespace().next().unwrap_or("");
        let last = mention.split_whitespace().last().unwrap_or("").to_string();
        let introduced = if NEW_PERSON_DETERMINERS.contains(&first) {
            new_people.add(&mention);
            Some(mention.clone())
        } else if REFERRING_WORDS.contains(&first) {
            if !is_generic(&last) && mention.contains(' ') {
                referred.insert(last);
            }
            None
        } else if doc.slice(claim.quantity.span).starts_with(char::is_uppercase) {
            let surname = last.trim_end_matches("'s").trim_end_matches("’s").to_string();
            names.insert(surname.clone());
            Some(surname)
        } else {
            None
        };
        if let Some(person) = introduced {
            per_sentence.entry(claim.sentence).or_default().insert(person);
        }
    }
    let in_one_sentence = per_sentence.values().map(BTreeSet::len).max().unwrap_or(0);
    let counted = names.len().max(new_people.count()).max(referred.len()).max(in_one_sentence) as u64;
    if any {
        counted.max(1)
    } else {
        0
    }
}

/// Whether a head noun names no one in particular: a generic head ("victim", "person")
/// or an age standing for a person ("the 17-year-old").
fn is_generic(head: &str) -> bool {
    GENERIC_HEADS.contains(&head) || is_age(head)
}

/// Whether a word is an age ("17-year-old", "17-years-old").
fn is_age(word: &str) -> bool {
    word.contains("year-old") || word.contains("years-old")
}

/// The new people that phrases with "a"/"an" introduce, told apart by age and head noun:
/// "a man" and "a 32-year-old man" are one, "a 26-year-old man" and "a 23-year-old man"
/// two, "a man and a woman" two; a generic head ("a person") adds nobody of its own;
/// "another man" or "a second victim" is always one more.
#[derive(Default)]
struct NewPeople {
    /// (age, head) of phrases with an age; the head is empty when generic.
    aged: BTreeSet<(String, String)>,
    /// Heads of phrases without an age.
    unaged: BTreeSet<String>,
    /// Phrases that name a further person ("another man", "a second victim").
    further: usize,
}

impl NewPeople {
    /// Adds the phrase `mention` (lowercase).
    fn add(&mut self, mention: &str) {
        let words: Vec<&str> = mention.split_whitespace().collect();
        if names_further_person(&words) {
            self.further += 1;
            return;
        }
        let last = words.last().copied().unwrap_or("");
        let head = if is_generic(last) { String::new() } else { last.to_string() };
        match words.iter().find(|w| is_age(w)) {
            Some(age) => {
                self.aged.insert((age.to_string(), head));
            }
            None if !head.is_empty() => {
                self.unaged.insert(head);
            }
            None => {}
        }
    }

    /// How many distinct people the phrases introduce.
    fn count(&self) -> usize {
        let aged_with_head = |age: &str| self.aged.iter().any(|(a, h)| a == age && !h.is_empty());
        let aged = self.aged.iter().filter(|(age, head)| !head.is_empty() || !aged_with_head(age)).count();
        let unaged = self.unaged.iter().filter(|head| !self.aged.iter().any(|(_, h)| h == *head)).count();
        aged + unaged + self.further
    }
}

#[cfg(test)]
mod tests {
    use crate::doc::{Doc, Meta};
    use crate::pipeline::stages::rule_stages;

    /// The killed and wounded counts of the tally of `text` run through the rule stages.
    fn counts(text: &str) -> (u64, u64) {
        tally_counts(Doc::new(text.to_string(), Meta::default()))
    }

    /// The killed and wounded counts of a story whose text starts with its `title`.
    fn titled_counts(title: &str, body: &str) -> (u64, u64) {
        let meta = Meta { title: Some(title.to_string()), ..Meta::default() };
        tally_counts(Doc::new(format!("{title}\n{body}"), meta))
    }

    /// The killed and wounded counts of `doc`'s tally after the rule stages.
    fn tally_counts(mut doc: Doc) -> (u64, u64) {
        rule_stages().annotate(&mut doc).expect("the rule stages run");
        let count = |figure: Option<crate::doc::TallyFigure>| figure.map_or(0, |f| f.count);
        (count(doc.tally.killed), count(doc.tally.wounded))
    }

    #[test]
    fn a_headline_victim_counts_only_where_the_body_names_none() {
        let body = "Officers heard several shots near the bus depot. Detectives are asking for video.";
        assert_eq!(titled_counts("Teenager shot near downtown bus depot | KXYZ 12", body), (0, 1));
        assert_eq!(titled_counts("Woman hurt when stray bullet enters apartment", body), (0, 1));
        let body = "A 40-year-old man was shot in the arm on Friday night. He is expected to recover.";
        assert_eq!(titled_counts("Man shot outside Pine Street store", body), (0, 1));
        let body = "A woman was shot in the chest on Elm Street. She died at the hospital.";
        assert_eq!(titled_counts("Woman shot, killed on Elm Street - The Daily Ledger", body), (1, 0));
    }

    #[test]
    fn headline_counts_without_a_noun_read_like_any_count() {
        let body = "Gunfire broke out as mourners left the hall on Saturday.";
        assert_eq!(titled_counts("Four shot, one dead after wake in Riverside", body), (1, 3));
        assert_eq!(titled_counts("Shots fired at Elm bar, 2 injured | WXYZ 7", body), (0, 2));
        let body = "The army said at least 40 captured fighters were killed in the strike.";
        assert_eq!(titled_counts("Strike on prison camp", body), (40, 0));
    }

    #[test]
    fn a_person_introduced_again_with_an_age_counts_once() {
        let text =
            "A man was shot on Main Street on Monday. Police found a 32-year-old man with a gunshot wound to the leg.";
        assert_eq!(counts(text), (0, 1));
        let text = "A person was shot near the park. A 19-year-old was later found with gunshot wounds.";
        assert_eq!(counts(text), (0, 1));
    }

    #[test]
    fn people_of_different_ages_are_different_people() {
        let text = "A 26-year-old man was shot in the arm. A 23-year-old man was shot in the leg.";
        assert_eq!(counts(text), (0, 2));
    }

    #[test]
    fn a_person_shot_who_died_is_no_longer_wounded() {
        let text = "A woman was shot in the chest. She was pronounced dead at the hospital.";
        assert_eq!(counts(text), (1, 0));
        let text =
            "A person was shot on Elm Street. Police found a 40-year-old man with a gunshot wound. He later died.";
        assert_eq!(counts(text), (1, 0));
    }

    #[test]
    fn two_people_introduced_in_one_sentence_are_two() {
        let text = "Deputies found Mark Evans, 41, who had been shot in the back, and a 19-year-old man, who \
                    had been shot once in the shoulder. Mark Evans, 41, was pronounced dead at a hospital.";
        assert_eq!(counts(text), (1, 1));
    }

    #[test]
    fn another_person_or_one_more_is_a_further_person() {
        let text = "A 30-year-old man was shot in the leg. Another man was shot in the arm.";
        assert_eq!(counts(text), (0, 2));
        let text = "A woman was killed in the attack. At least one more man was critically wounded.";
        assert_eq!(counts(text), (1, 1));
    }

    #[test]
    fn an_ordinal_victim_means_at_least_that_many() {
        let text = "One man was shot and critically wounded. A second victim was found with a gunshot wound.";
        assert_eq!(counts(text), (0, 2));
        let text = "Two men were killed. A third man was wounded in the shooting.";
        assert_eq!(counts(text), (2, 1));
    }

    #[test]
    fn a_second_victim_who_died_is_none_of_the_wounded() {
        let text = "Officers found one victim with gunshot wounds. The second victim was pronounced dead at the scene.";
        assert_eq!(counts(text), (1, 1));
        let text = "He shot and killed another man on Friday. The man had been shot in the chest.";
        assert_eq!(counts(text), (1, 0));
    }
}
