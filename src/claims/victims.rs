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
//! man"), and "no one" or "not injured" count nothing. One person who fled or was
//! evacuated ("he fled to a church") is a story, not a displacement figure: displaced
//! needs a number.
//!
//! Word lists are data under `lexicon/en/claims/`.

use super::kind::AUXILIARIES;
use super::sentence::Sentence;
use crate::doc::{Claim, ClaimKind, Event, Quantity, Span, Unit};
use crate::{phrases, table, words};
use regex::Regex;
use std::sync::LazyLock;

/// Singular nouns for a person who can be a victim ("man", "officer", "toddler").
static VICTIM_NOUNS: LazyLock<Vec<&str>> = words!("en/claims/victim_nouns.txt");

/// Prepositions that start what a firing verb aims at ("shot at the house", "fired into
/// the crowd"): with such a verb, the phrase before it is the shooter.
static AIMED_OBJECT_STARTS: LazyLock<Vec<&str>> = words!("en/claims/aimed_object_starts.txt");

/// Verbs of firing a weapon, which take an aimed object ("shot at").
static FIRING_VERBS: LazyLock<Vec<&str>> = words!("en/claims/firing_verbs.txt");

/// Things a firing verb takes as its object that are no person ("shot baskets").
static SHOT_THINGS: LazyLock<Vec<&str>> = words!("en/claims/shot_things.txt");

/// Nouns of a perpetrator, which a gerund before them makes a compound ("shooting suspect").
pub(super) static AGENT_NOUNS: LazyLock<Vec<&str>> = words!("en/claims/agent_nouns.txt");

/// Irregular plurals of victim nouns, with their singular ("men", "man").
static PLURAL_PEOPLE: LazyLock<Vec<(&str, &str)>> = table!("en/claims/plural_people.tsv");

/// Nouns after a possessive victim that mean the victim died ("the man's body").
static BODY_NOUNS: LazyLock<Vec<&str>> = words!("en/claims/body_nouns.txt");

/// Phrases that say a victim already shot or hurt then died ("later died", "pronounced dead").
static LATER_DEATHS: LazyLock<Vec<Vec<&str>>> = phrases!("en/claims/later_deaths.txt");

/// Words that start another subject's clause after a casualty predicate ("who", "while").
pub(super) static CHAIN_BREAKS: LazyLock<Vec<&str>> = words!("en/claims/chain_breaks.txt");

/// Adverbs between an active casualty verb and its object ("shot twice at").
static VERB_ADVERBS: LazyLock<Vec<&str>> = words!("en/claims/verb_adverbs.txt");

/// Whether a word is a possessive ("man's", "Caskey’s").
fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s")
}

/// Determiners that make a singular person noun one victim ("a", "the", "another").
static SINGULAR_DETERMINERS: LazyLock<Vec<&str>> = words!("en/claims/singular_determiners.txt");

/// Pronouns that stand for one victim as a subject ("he", "she").
static VICTIM_PRONOUNS: LazyLock<Vec<&str>> = words!("en/claims/victim_pronouns.txt");

/// Possessive determiners that make a singular person noun one victim ("shot his neighbor").
static POSSESSIVE_DETERMINERS: LazyLock<Vec<&str>> = words!("en/claims/possessive_determiners.txt");

/// Pronouns that stand for one victim as the object of an active casualty verb ("shot him").
static OBJECT_PRONOUNS: LazyLock<Vec<&str>> = words!("en/claims/object_pronouns.txt");

/// Result verbs and the states after their object ("left a man dead", "sent two people
/// to the hospital"): verb, state words, kind.
static RESULT_STATES: LazyLock<Vec<(&str, Vec<&str>, ClaimKind)>> = LazyLock::new(|| {
    let rows = super::kind::word_kinds(&crate::table!("en/claims/result_states.tsv"));
    rows.into_iter()
        .map(|(phrase, kind)| {
            let (verb, state) = phrase.split_once(' ').unwrap_or_else(|| panic!("{phrase:?}: a verb and a state"));
            (verb, state.split(' ').collect(), kind)
        })
        .collect()
});

/// Casualty verbs that take an object when active ("shot", "kills").
static ACTIVE_VERBS: LazyLock<Vec<&str>> = words!("en/claims/active_verbs.txt");

/// Auxiliaries that keep a verb after them active ("has", "allegedly").
static ACTIVE_AUXILIARIES: LazyLock<Vec<&str>> = words!("en/claims/active_auxiliaries.txt");

/// Auxiliaries that make the verb after them passive ("was", "were", "been").
pub(super) static PASSIVE_AUXILIARIES: LazyLock<Vec<&str>> = words!("en/claims/passive_auxiliaries.txt");

/// Words that open the object of an active casualty verb ("a", "his", "two").
static OBJECT_STARTS: LazyLock<Vec<&str>> = words!("en/claims/object_starts.txt");

/// Words after an age that make the age the victim noun ("a 17-year-old was shot").
static AGE_NOUN_FOLLOWERS: LazyLock<Vec<&str>> = words!("en/claims/age_noun_followers.txt");

/// Ordinals that stand for a further victim with "a" ("a second was injured").
static ELIDED_ORDINALS: LazyLock<Vec<&str>> = words!("en/claims/elided_ordinals.txt");

/// Words that end the modifiers of a victim noun ("the scene where the victim").
static MODIFIER_STOPS: LazyLock<Vec<&str>> = words!("en/claims/modifier_stops.txt");

/// Stems of which a sentence must hold one to be read for victims: a quick filter that
/// keeps most sentences from being tokenised.
static CASUALTY_STEMS: LazyLock<Vec<&str>> = words!("en/claims/casualty_stems.txt");

/// Words that make a predicate before a victim phrase a possibility, not an event
/// ("possibly killing", "tried to shoot", "threatened to kill").
static HEDGES: LazyLock<Vec<&str>> = words!("en/claims/hedges.txt");

/// Words right before a victim phrase or a count that deny it ("no officer", "not one").
static DENIALS: LazyLock<Vec<&str>> = words!("en/claims/denials.txt");

/// Quantifiers before "of" that deny the group after it ("none of the five officers").
static DENYING_QUANTIFIERS: LazyLock<Vec<&str>> = words!("en/claims/denying_quantifiers.txt");

/// Determiners between "of" and a group ("none of the five officers").
static GROUP_DETERMINERS: LazyLock<Vec<&str>> = words!("en/claims/group_determiners.txt");

/// Event words before "victim" or in its "of" phrase and the kind they give ("homicide
/// victim": killed).
static VICTIM_COMPOUNDS: LazyLock<Vec<(&str, ClaimKind)>> =
    LazyLock::new(|| super::kind::word_kinds(&crate::table!("en/claims/victim_compounds.tsv")));

/// Words read at most in the "of" phrase after "victim" ("the victim of a deadly Christmas
/// Day shooting").
const VICTIM_OF_REACH: usize = 6;

/// Tokens before a victim phrase read for a hedge.
const HEDGE_REACH: usize = 4;

/// Modifiers read at most between a determiner and its noun ("a 26-year-old black man").
const MODIFIER_REACH: usize = 6;

/// Tokens read at most in an apposition after a name ("John Smith, 33, of Dayton,").
const APPOSITION_REACH: usize = 10;

/// The words of which a sentence must hold one to be read for victims: the casualty
/// stems, and the longest word of each casualty phrase the victim readings match
/// (predicates, injury nouns, result states, victim compounds), so a phrase added to a table is never
/// gated out.
static CASUALTY_GATE: LazyLock<Regex> = LazyLock::new(|| {
    let states = RESULT_STATES.iter().filter_map(|(_, words, _)| words.iter().copied().max_by_key(|w| w.len()));
    let compounds = VICTIM_COMPOUNDS.iter().map(|(word, _)| *word);
    let mut words: Vec<&str> = CASUALTY_STEMS
        .iter()
        .copied()
        .chain(super::kind::casualty_key_words())
        .chain(states)
        .chain(compounds)
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.dedup();
    let alternation: Vec<String> = words.iter().map(|w| regex::escape(&w.to_lowercase())).collect();
    Regex::new(&alternation.join("|")).expect("casualty words form a regex")
});

/// Whether the sentence text may hold a casualty predicate at all.
pub(super) fn may_hold_victims(text: &str) -> bool {
    CASUALTY_GATE.is_match(&text.to_lowercase())
}

/// A noun phrase that counts one victim: tokens `first..end` and its head noun's range.
#[derive(Debug, Clone, Copy)]
struct Victim {
    first: usize,
    end: usize,
    head: (usize, usize),
    /// How many people the phrase names: one, or two for "both".
    people: u64,
}

impl Victim {
    /// A phrase naming one person.
    fn one(first: usize, end: usize, head: (usize, usize)) -> Victim {
        Victim { first, end, head, people: 1 }
    }
}

impl Sentence<'_> {
    /// The one-victim claims of the sentence, in order.
    pub(super) fn victim_claims(&self) -> Vec<Claim> {
        let mut out: Vec<Claim> = Vec::new();
        let mut k = 0;
        while k < self.tokens.len() {
            let found = self.victims_at(k).into_iter().find_map(|v| Some((v, self.victim_kind(v)?)));
            match found {
                Some((victim, kind)) => {
                    out.push(self.victim_claim(victim, kind));
                    k = victim.end;
                }
                None => k += 1,
            }
        }
        out
    }

    /// The kind a predicate gives the victim phrase: after it, after a phrase joined to it
    /// by "and", before it, or around it ("left a man dead", "sent a man to the hospital");
    /// none when a quote's cue follows it (the speaker of "he shot his neighbor, Rosenbaum said").
    /// A phrase inside a subject's modifier ("Caskey of Ashdown was shot") takes no
    /// finite predicate after it, only its own relative clause or participle ("the
    /// daughter of Jon Boring, who was killed", "the mother of a girl killed in the attack").
    fn victim_kind(&self, victim: Victim) -> Option<ClaimKind> {
        if victim.end < self.tokens.len() && self.quotes.is_cue_at(self.original_start(victim.end)) {
            return None;
        }
        let predicate_from = self.after_conjuncts(self.after_apposition(victim.end));
        let before = self.before_conjuncts(self.before_age(victim.first));
        if self.is_in(victim.end, &BODY_NOUNS) && self.lower(victim.end - 1).is_some_and(|w| is_possessive(&w)) {
            return Some(ClaimKind::Killed);
        }
        let in_modifier = victim.first.checked_sub(1).is_some_and(|p| self.subject_preposition(p).is_some())
            && (self.is_in(predicate_from, &PASSIVE_AUXILIARIES) || self.is_in(predicate_from, &ACTIVE_AUXILIARIES))
            && !self.is(predicate_from, "who");
        let pronoun = |list: &[&str]| victim.end == victim.first + 1 && self.is_in(victim.first, list);
        let (subject_case, object_case) = (pronoun(&VICTIM_PRONOUNS), pronoun(&OBJECT_PRONOUNS));
        let kind = self
            .predicate_after(predicate_from)
            .filter(|_| !object_case && !self.acts_on_object(predicate_from) && !in_modifier)
            .or_else(|| {
                let agent = self.hedged_before(before) || self.compound_agent(victim);
                self.predicate_before(before).filter(|_| !subject_case && !agent)
            })
            .or_else(|| self.result_state(victim.first, victim.end))
            .or_else(|| self.victim_compound_kind(victim))?;
        if kind == ClaimKind::Displaced {
            return None;
        }
        let hurt = matches!(kind, ClaimKind::Shot | ClaimKind::Wounded);
        Some(if hurt && self.died_later(predicate_from) { ClaimKind::Killed } else { kind })
    }

    /// The kind an event word gives the head "victim" before it or in its "of" phrase
    /// ("the homicide victim", "the victim of a deadly shooting"); killed beats the rest.
    fn victim_compound_kind(&self, victim: Victim) -> Option<ClaimKind> {
        if !self.is(victim.head.0, "victim") {
            return None;
        }
        let of_phrase = if self.is(victim.end, "of") { victim.end + 1..victim.end + 1 + VICTIM_OF_REACH } else { 0..0 };
        let kinds = (victim.first..victim.head.0).chain(of_phrase).map_while(|j| {
            let word = self.lower(j)?;
            Some(VICTIM_COMPOUNDS.iter().find(|(w, _)| *w == word).map(|(_, kind)| *kind))
        });
        kinds.flatten().min_by_key(|kind| *kind != ClaimKind::Killed)
    }

    /// Whether the victim whose predicate starts at `from` died later in the same chain of
    /// clauses ("was shot and later died", "who was shot in the head has died", "had been
    /// shot and was pronounced dead"): a death phrase before the sentence ends, another
    /// victim or number appears, or another subject's clause starts ("by a man who died").
    fn died_later(&self, from: usize) -> bool {
        let from = from + usize::from(self.is(from, "who"));
        for k in from..self.tokens.len() {
            if self.ends_clause(k) || self.is_in(k, &CHAIN_BREAKS) || (k > from && self.starts_other_victim(k)) {
                return false;
            }
            if LATER_DEATHS.iter().any(|words| self.are(k, words)) {
                return true;
            }
        }
        false
    }

    /// Whether another victim phrase or a number mention starts at token `k`.
    fn starts_other_victim(&self, k: usize) -> bool {
        self.tokens[k].kind == crate::tokens::TokenKind::Number || self.starts_victim_phrase(k)
    }

    /// Whether a victim phrase starts at token `k`.
    pub(super) fn starts_victim_phrase(&self, k: usize) -> bool {
        !self.victims_at(k).is_empty()
    }

    /// Where a victim phrase starts counting an age written before it ("the shooting
    /// death of 38-year-old Goldie Long"): the age's first token, else `first`.
    fn before_age(&self, first: usize) -> usize {
        let aged = first >= 3
            && self.tokens[first - 3].kind == crate::tokens::TokenKind::Number
            && self.is_punct(first - 2, &["-"])
            && self.lower(first - 1).is_some_and(|w| w.starts_with("year"));
        if aged {
            first - 3
        } else {
            first
        }
    }

    /// Whether the predicate after a phrase is an active verb with an object ("He shot a
    /// man", "Gunman kills two", "a woman who shot and killed a man", "two men who robbed
    /// and shot a driver", "he shot and robbed a driver", "a boy opened fire and killed
    /// two", "she shot baskets"): the phrase is then
    /// the agent, not the victim. A passive
    /// auxiliary before the verb ("was shot a day later") keeps it a victim.
    pub(super) fn acts_on_object(&self, from: usize) -> bool {
        let mut k = from;
        while self.is_in(k, &ACTIVE_AUXILIARIES) {
            k += 1;
        }
        if self.is_in(k, &PASSIVE_AUXILIARIES) {
            return false;
        }
        let past_verb_before = self.lower(k).is_some_and(|w| w.ends_with("ed")) && !self.is_in(k, &ACTIVE_VERBS);
        if past_verb_before {
            let and = (k + 1..k + 4).take_while(|&j| self.word(j).is_some()).find(|&j| self.is(j, "and"));
            if let Some(and) = and.filter(|&and| self.is_in(and + 1, &ACTIVE_VERBS)) {
                k = and + 1;
            }
        }
        if !self.is_in(k, &ACTIVE_VERBS) {
            return false;
        }
        let past_verb = |j: usize| self.is_in(j, &ACTIVE_VERBS) || self.lower(j).is_some_and(|w| w.ends_with("ed"));
        let coordinated = self.is(k + 1, "and") && past_verb(k + 2);
        let mut object = if coordinated { k + 3 } else { k + 1 };
        while self.is_in(object, &VERB_ADVERBS) {
            object += 1;
        }
        let firing = self.is_in(k, &FIRING_VERBS);
        let aimed = firing && (self.is_in(object, &AIMED_OBJECT_STARTS) || self.is_in(object, &SHOT_THINGS));
        aimed
            || self.is_in(object, &OBJECT_STARTS)
            || self.tokens.get(object).is_some_and(|t| t.kind == crate::tokens::TokenKind::Number)
            || self
                .word(object)
                .is_some_and(|w| w.starts_with(char::is_uppercase) && !crate::dates::is_calendar_name(w))
    }

    /// Whether the phrase is a bare agent noun right after a gerund, the two a compound
    /// ("shooting suspect Earnest Hardy"), not a verb and its object.
    fn compound_agent(&self, victim: Victim) -> bool {
        let gerund_before = victim.first.checked_sub(1).and_then(|p| self.lower(p)).is_some_and(|w| w.ends_with("ing"));
        victim.end - victim.first == 1 && gerund_before && self.is_in(victim.first, &AGENT_NOUNS)
    }

    /// Whether the victim phrase or count starting at token `first` is denied: a denial
    /// before it and its modifiers and determiner ("no officer was hurt", "not one
    /// person", "not a single child") or a denying quantifier before its group ("none
    /// of the five officers", "not one of the 12 passengers").
    pub(super) fn is_denied(&self, first: usize) -> bool {
        let mut start = first;
        if !self.is_in(first, &SINGULAR_DETERMINERS) {
            while start > first.saturating_sub(MODIFIER_REACH) && start > 0 && self.is_plain_modifier(start - 1) {
                start -= 1;
            }
            if start > 0 && self.is_in(start - 1, &SINGULAR_DETERMINERS) {
                start -= 1;
            }
        }
        let denying = |q: usize| {
            self.is_in(q, &DENYING_QUANTIFIERS)
                || (self.is(q, "one") && q.checked_sub(1).is_some_and(|n| self.is_in(n, &DENIALS)))
        };
        start.checked_sub(1).is_some_and(|before| self.is_in(before, &DENIALS))
            || self.group_quantifier(first).is_some_and(denying)
    }

    /// The quantifier token before "of" and the group starting at token `first` ("one"
    /// of "one of the 12 passengers", "none" of "none of his five sons").
    pub(super) fn group_quantifier(&self, first: usize) -> Option<usize> {
        let before = first.checked_sub(1)?;
        let of = if self.is_in(before, &GROUP_DETERMINERS) { before.checked_sub(1)? } else { before };
        self.is(of, "of").then(|| of.checked_sub(1)).flatten()
    }

    /// Whether a hedge stands a few words before the phrase, so that the predicate before
    /// it did not happen ("possibly killing the trooper", "tried to shoot a man").
    fn hedged_before(&self, first: usize) -> bool {
        (first.saturating_sub(HEDGE_REACH)..first).any(|k| self.is_in(k, &HEDGES))
    }

    /// The victim phrases starting at token `k`, longest reading first: a pronoun, a
    /// name, a determined or headline noun phrase, or an elided one ("a second"); none
    /// after "as", which makes a role ("drowned as a child").
    fn victims_at(&self, k: usize) -> Vec<Victim> {
        if self.is_in(k, &VICTIM_PRONOUNS) {
            return vec![Victim::one(k, k + 1, (k, k + 1))];
        }
        if self.is_in(k, &OBJECT_PRONOUNS) && self.ends_object_pronoun(k + 1) {
            let object = k.checked_sub(1).is_some_and(|p| self.is_in(p, &ACTIVE_VERBS));
            return if object { vec![Victim::one(k, k + 1, (k, k + 1))] } else { Vec::new() };
        }
        if let Some(both) = self.both_victims(k) {
            return vec![both];
        }
        let named = self.name_end(k).map(|end| Victim::one(k, end, (k, end)));
        let elided = self.elided_victim(k);
        let phrase = self.noun_phrase_victim(k);
        let bare = self.is_victim_noun(k).then_some(Victim::one(k, k + 1, (k, k + 1)));
        let counted = k.checked_sub(1).is_some_and(|p| self.ends_quantity(p));
        let determined = k.checked_sub(1).filter(|&p| self.is_in(p, &SINGULAR_DETERMINERS));
        let role = determined.unwrap_or(k).checked_sub(1).is_some_and(|p| self.is(p, "as"));
        if counted || role || self.is_denied(k) {
            return Vec::new();
        }
        [named, phrase, elided, bare].into_iter().flatten().filter(|v| !self.holds_quantity(*v)).collect()
    }

    /// The token after the victim phrase starting at token `k` and its apposition, when
    /// one starts there.
    pub(super) fn victim_end(&self, k: usize) -> Option<usize> {
        self.victims_at(k).first().map(|v| self.after_apposition(v.end))
    }

    /// "Both", "both victims", "both men": two people, "both" alone only right before an
    /// auxiliary or a predicate that is no active verb ("the group both captured and
    /// shaped", "both shot 69") ("Both were
    /// taken to the hospital with gunshot wounds", "both men are in critical condition").
    fn both_victims(&self, k: usize) -> Option<Victim> {
        if !self.is(k, "both") {
            return None;
        }
        let plural_noun = self.lower(k + 1).is_some_and(|w| {
            let singular = PLURAL_PEOPLE.iter().find(|(plural, _)| *plural == w).map(|(_, one)| *one);
            singular.or_else(|| w.strip_suffix('s')).is_some_and(|one| VICTIM_NOUNS.contains(&one))
        });
        let predicate_next = self.is_in(k + 1, &AUXILIARIES)
            || (self.predicate_after(k + 1).is_some() && !self.is_in(k + 1, &ACTIVE_VERBS));
        if !plural_noun && !predicate_next {
            return None;
        }
        let end = k + 1 + usize::from(plural_noun);
        let head = if plural_noun { (k + 1, k + 2) } else { (k, k + 1) };
        Some(Victim { first: k, end, head, people: 2 })
    }

    /// "a second", "a third", "another" with no noun, right before a predicate's auxiliary
    /// ("one person died and a second was injured").
    fn elided_victim(&self, k: usize) -> Option<Victim> {
        let end = if self.is(k, "another") {
            k + 1
        } else if self.is_in(k, &["a", "the"]) && self.is_in(k + 1, &ELIDED_ORDINALS) {
            k + 2
        } else {
            return None;
        };
        let predicate_next =
            self.is_in(end, &["was", "is", "has", "had", "remains", "remained"]) || self.predicate_after(end).is_some();
        predicate_next.then_some(Victim::one(k, end, (end - 1, end)))
    }

    /// A singular person noun after a determiner or a possessive one, or opening a
    /// headline, over modifiers.
    fn noun_phrase_victim(&self, k: usize) -> Option<Victim> {
        let determined = self.is_in(k, &SINGULAR_DETERMINERS) || self.is_in(k, &POSSESSIVE_DETERMINERS);
        if !determined && !self.starts_headline(k) {
            return None;
        }
        let from = if determined { k + 1 } else { k };
        let noun = (from..from + MODIFIER_REACH)
            .take_while(|&j| self.is_modifier(j) || self.is_victim_noun(j))
            .find(|&j| self.is_victim_noun(j) && !self.is_victim_noun(j + 1))?;
        Some(Victim::one(k, noun + 1, (noun, noun + 1)))
    }

    /// Whether token `j` is a victim noun, its possessive before "body" ("a man's body
    /// was found"), or an age standing for a person ("a 17-year-old was shot").
    fn is_victim_noun(&self, j: usize) -> bool {
        let Some(word) = self.lower(j) else { return false };
        if word == "year-old" || word == "years-old" {
            return self.word(j + 1).is_none()
                || self.is_in(j + 1, &AGE_NOUN_FOLLOWERS)
                || self.predicate_after(j + 1).is_some();
        }
        let stem = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s"));
        match stem {
            Some(stem) => self.is_in(j + 1, &BODY_NOUNS) && VICTIM_NOUNS.contains(&stem),
            None => VICTIM_NOUNS.contains(&word.as_str()),
        }
    }

    /// Whether token `j` can stand between a determiner and its noun: a word that is not
    /// a verb-like casualty word, an age ("15-year-old"), or a hyphen.
    fn is_modifier(&self, j: usize) -> bool {
        self.is_plain_modifier(j) && (self.word(j).is_none() || self.predicate_after(j).is_none())
    }

    /// Whether token `j` is a modifier by its form alone: a word that is no modifier stop,
    /// determiner (possessive too), denial or past participle, a number, or a hyphen.
    fn is_plain_modifier(&self, j: usize) -> bool {
        match self.word(j) {
            Some(word) => {
                let lower = word.to_lowercase();
                !MODIFIER_STOPS.contains(&lower.as_str())
                    && !SINGULAR_DETERMINERS.contains(&lower.as_str())
                    && !POSSESSIVE_DETERMINERS.contains(&lower.as_str())
                    && !DENIALS.contains(&lower.as_str())
                    && !lower.ends_with("ed")
            }
            None => {
                self.is_punct(j, &["-"])
                    || self.tokens.get(j).is_some_and(|t| t.kind == crate::tokens::TokenKind::Number)
            }
        }
    }

    /// Whether a bare noun phrase at `k` may open a headline ("Man killed in shooting",
    /// "Young person hurt"): the sentence's first token, or after a headline separator.
    fn starts_headline(&self, k: usize) -> bool {
        let capitalised = self.word(k).is_some_and(|w| w.starts_with(char::is_uppercase))
            || self.tokens.get(k).is_some_and(|t| t.kind == crate::tokens::TokenKind::Number);
        capitalised && (k == 0 || self.is_punct(k - 1, &["|", "-", ":", "–", "—"]))
    }

    /// Whether token `next` can follow an object pronoun, so that "her" before it is no
    /// possessive ("shot her twice", "killed her and fled"; not "shot her husband"): the
    /// end, punctuation, a clause or phrase word, or an adverb of the verb.
    fn ends_object_pronoun(&self, next: usize) -> bool {
        self.tokens.get(next).is_none_or(|t| t.kind == crate::tokens::TokenKind::Punct)
            || self.is_in(next, &MODIFIER_STOPS)
            || self.is_in(next, &VERB_ADVERBS)
    }

    /// The end of a person's name starting at token `k`: an entity of the entity layer,
    /// or two to four capitalised words followed by an age (", 33,").
    fn name_end(&self, k: usize) -> Option<usize> {
        let start = self.original_start(k);
        let starting = self.doc.entities_starting_in(Span::new(start, start + 1));
        if let Some(entity) = starting.iter().find(|e| e.label == "PER") {
            let last = (k..self.tokens.len()).take_while(|&j| self.original_start(j) < entity.span.end).last()?;
            return Some(self.after_suffix_period(last + 1));
        }
        if !self.doc.entities.is_empty() {
            return None;
        }
        let capitalised = |j: usize| self.word(j).is_some_and(|w| w.starts_with(char::is_uppercase) && w.len() > 1);
        let end = (k..k + 4).take_while(|&j| capitalised(j)).last()? + 1;
        let aged =
            self.is_comma(end) && self.tokens.get(end + 1).is_some_and(|t| t.kind == crate::tokens::TokenKind::Number);
        (end - k >= 2 && aged).then_some(end)
    }

    /// The token after the period of a name's abbreviated suffix, when one follows right
    /// after the name and before a comma ("Joshua Hawkins Sr., 42,"); else `end`.
    fn after_suffix_period(&self, end: usize) -> usize {
        let attached =
            end > 0 && end < self.tokens.len() && self.span(end - 1, end).end == self.span(end, end + 1).start;
        if attached && self.is_punct(end, &["."]) && self.is_comma(end + 1) {
            end + 1
        } else {
            end
        }
    }

    /// The token after the appositions that follow a victim phrase (", 33,", ", a father of
    /// two,", ", 18, of the Bronx, who is"), or `end` when none follows.
    pub(super) fn after_apposition(&self, end: usize) -> usize {
        let mut at = end;
        while self.is_comma(at) {
            if self.is(at + 1, "who") {
                match self.relative_aside_end(at + 1) {
                    Some(next) => {
                        at = next;
                        continue;
                    }
                    None => return at + 1,
                }
            }
            let closing = (at + 1..at + APPOSITION_REACH)
                .take_while(|&j| j < self.tokens.len() && !self.ends_clause(j))
                .find(|&j| self.is_comma(j));
            match closing {
                Some(j) if self.is(j + 1, "who") || self.is(j + 1, "of") => at = j,
                Some(j) => at = j + 1,
                None => break,
            }
        }
        at
    }

    /// The token after a relative clause that is an aside, not the victim's predicate
    /// ("The victim, who was driving, was struck"): a clause at `who` with no casualty
    /// predicate, closed by a comma before an auxiliary.
    fn relative_aside_end(&self, who: usize) -> Option<usize> {
        if self.predicate_after(who).is_some() {
            return None;
        }
        let closing = (who + 1..who + APPOSITION_REACH)
            .take_while(|&j| j < self.tokens.len() && !self.ends_clause(j))
            .find(|&j| self.is_comma(j))?;
        self.is_in(closing + 1, &PASSIVE_AUXILIARIES).then_some(closing + 1)
    }

    /// "left a man dead", "sent a woman to the hospital": the state after the phrase
    /// (tokens `first..end`) when a result verb stands right before it.
    pub(super) fn result_state(&self, first: usize, end: usize) -> Option<ClaimKind> {
        let verb = self.lower(first.checked_sub(1)?)?;
        RESULT_STATES.iter().find(|(v, words, _)| *v == verb && self.are(end, words)).map(|(_, _, kind)| *kind)
    }

    /// Whether a number mention ends at token `p` ("one" of "one person"): the noun after
    /// it belongs to that count.
    fn ends_quantity(&self, p: usize) -> bool {
        let end = self.span(p, p + 1).end;
        self.quantities().iter().any(|q| q.span.end == end)
    }

    /// Whether the phrase holds a number mention, which the numbers stage counts.
    fn holds_quantity(&self, victim: Victim) -> bool {
        let span = self.span(victim.first, victim.end);
        self.quantities().iter().any(|q| q.span.overlaps(span))
    }

    /// The claim of one victim.
    fn victim_claim(&self, victim: Victim, kind: ClaimKind) -> Claim {
        let span = self.span(victim.first, victim.end);
        let people = Some(victim.people);
        let quantity = Quantity { span, low: people, high: people, approx: false, qualifier: None };
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
            parts: Vec::new(),
        }
    }
}
