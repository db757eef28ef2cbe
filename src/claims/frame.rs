//! Frames that make a figure no casualty of an event, read around the claim in its
//! clause: a staged scene, a threat or deaths a measure is to prevent before it ("make it
//! look like he was slain", "will avoid 2,700 premature deaths"); an illness or harm of
//! another kind after a wounded predicate ("hospitalized with pneumonia", "hurt
//! emotionally"); a sports report around an injury ("a hamstring injury in the final").
//! A product's model number ("a Nexus 7") and the children of a parent ("a mother of
//! four") count nobody; a troop count that names police counts police, no troops; a
//! condition before a casualty ("If Chris dies") is no event; perpetrators who fled are
//! no displaced people; "succumbed to" a thing that is no injury or illness ("succumbed
//! to pressure") is no death; a modal before the predicate ("could be displaced",
//! "would be kidnapped", "could have died") makes a projection, a threat or a
//! counterfactual, no event.
//!
//! Word lists are data: `unreal_frames.txt`, `not_bodily_harm.txt`, `sports_words.txt`,
//! `parent_nouns.txt`, `police_words.txt`, `conditionals.txt`, `agent_nouns.txt`, `modals.tsv` under
//! `lexicon/en/claims/`.

use super::kind::{INJURY_NOUNS, MODALS};
use super::sentence::Sentence;
use super::victims::AGENT_NOUNS;
use crate::doc::{Claim, ClaimKind};
use crate::{phrases, words};
use std::sync::LazyLock;

/// Phrases before a figure that make it no event ("look like", "avoid", "threatened to").
static UNREAL_FRAMES: LazyLock<Vec<Vec<&str>>> = phrases!("en/claims/unreal_frames.txt");

/// Phrases after a wounded predicate that make the harm no bodily injury ("pneumonia").
static NOT_BODILY_HARM: LazyLock<Vec<Vec<&str>>> = phrases!("en/claims/not_bodily_harm.txt");

/// Words of a sports report ("tournament", "hamstring").
static SPORTS_WORDS: LazyLock<Vec<&str>> = words!("en/claims/sports_words.txt");

/// Nouns before "of" and a number that count children ("mother of four").
static PARENT_NOUNS: LazyLock<Vec<&str>> = words!("en/claims/parent_nouns.txt");

/// Words that open a condition ("if", "unless").
static CONDITIONALS: LazyLock<Vec<&str>> = words!("en/claims/conditionals.txt");

/// Tokens read at most before a figure for a condition ("If the two guards die").
const CONDITION_REACH: usize = 3;

/// Words of police ("policemen"): a troop count that names them counts police.
static POLICE_WORDS: LazyLock<Vec<&str>> = words!("en/claims/police_words.txt");

/// Tokens read at most after a troop count's number for a police word ("160 personnel
/// from nearby police stations").
const POLICE_REACH: usize = 6;

/// Tokens read at most before a figure for a frame, within its clause.
const FRAME_REACH: usize = 8;

/// Tokens read at most after a wounded figure for the harm it names, within its clause.
const HARM_REACH: usize = 12;

impl Sentence<'_> {
    /// Whether a claim of this sentence is framed as no casualty of an event.
    /// Frames read the casualty predicate, so a kind given by the counted noun alone
    /// ("threatening to kill two hostages": captured) stays; the sports frame reads only
    /// a victim without a number who suffers an injury noun ("the midfielder suffered a
    /// knee injury"), since a crowd hurt at a match ("11 people were injured in clashes
    /// before a soccer match") or a player who "heard a friend had been injured in the
    /// violence" reports a casualty.
    pub(super) fn frames_no_casualty(&self, claim: &Claim) -> bool {
        let Some((first, end)) = self.token_range(claim.quantity.span) else { return false };
        let numbered = self.quantities().iter().any(|q| q.span == claim.quantity.span);
        let casualty = matches!(claim.kind, ClaimKind::Killed | ClaimKind::Wounded | ClaimKind::Shot);
        let wounded = claim.kind == ClaimKind::Wounded;
        let event = claim.kind != ClaimKind::Troops;
        (casualty && self.unreal_frame_before(first))
            || (event && self.conditional_before(first))
            || (claim.kind == ClaimKind::Displaced && self.counts_perpetrators(claim))
            || (wounded && self.other_harm_after(end))
            || (wounded && !numbered && self.is_sports_report() && self.injury_noun_after(end))
            || (claim.kind == ClaimKind::Killed && self.succumbed_to_no_harm(end))
            || (numbered && self.counts_nobody(first))
            || (claim.kind == ClaimKind::Troops && self.names_police(end))
            || (event && self.projected_after(end))
    }

    /// Whether the claim's predicate after token `end` follows a modal that makes it a
    /// projection, a threat or a counterfactual ("5,000 people could be displaced", "he
    /// would be kidnapped if", "the girl might die", "he could have died"), not a hedged
    /// report ("300 people may have been killed") nor a month ("two hostages it seized
    /// in May").
    fn projected_after(&self, end: usize) -> bool {
        for k in self.tokens_after(end) {
            if self.ends_phrase(k) || self.predicate_after_at(k).is_some() {
                return false;
            }
            let Some(word) = self.word(k).filter(|w| !crate::dates::is_calendar_name(w)) else { continue };
            let lower = word.to_lowercase();
            if let Some((_, after_have)) = MODALS.iter().find(|(modal, _)| *modal == lower) {
                let have = (k + 1..k + 3).any(|j| self.is(j, "have"));
                return !have || *after_have == "unreal";
            }
        }
        false
    }

    /// Whether a police word follows the number ending at token `end` in its phrase
    /// ("2,000 local police forces", "160 personnel from nearby police stations"; not
    /// "5,000 troops and 400 police trainers", where "and" starts another phrase).
    fn names_police(&self, end: usize) -> bool {
        let to = (end + POLICE_REACH).min(self.tokens.len());
        (end..to).take_while(|&k| !self.ends_phrase(k) && !self.is(k, "and")).any(|k| self.is_in(k, &POLICE_WORDS))
    }

    /// Whether an unreal frame stands before token `first` in its clause.
    fn unreal_frame_before(&self, first: usize) -> bool {
        let from = first.saturating_sub(FRAME_REACH);
        let clause = (from..first).rev().take_while(|&k| !self.ends_clause(k)).last().unwrap_or(first);
        (clause..first).any(|k| self.starts_any(k, &UNREAL_FRAMES))
    }

    /// Whether the claim's own predicate after token `end` (the first before a comma) is
    /// "succumbed to" a thing that is no injury or illness
    /// ("succumbed to pressure", "succumbed to a younger rival": no death; "succumbed to
    /// his wounds", "succumbed to cancer" and a bare "succumbed" are deaths).
    fn succumbed_to_no_harm(&self, end: usize) -> bool {
        let mut phrase = self.tokens_after(end).take_while(|&k| !self.ends_phrase(k));
        let predicate = phrase.find(|&k| self.is(k, "succumbed") || self.predicate_after_at(k).is_some());
        let Some(verb) = predicate.filter(|&k| self.is(k, "succumbed")) else { return false };
        let harm = |k: usize| self.injury_noun_at(k) || self.starts_any(k, &NOT_BODILY_HARM);
        self.is(verb + 1, "to") && !(verb + 2..verb + 6).take_while(|&k| !self.ends_phrase(k)).any(harm)
    }

    /// Whether a condition or a possibility opens a few tokens before token `first` in
    /// its clause ("If Chris dies", "unless the two guards are killed", "the possibility
    /// that she had been killed").
    fn conditional_before(&self, first: usize) -> bool {
        let from = first.saturating_sub(CONDITION_REACH);
        (from..first).rev().take_while(|&k| !self.ends_phrase(k)).any(|k| self.is_in(k, &CONDITIONALS))
    }

    /// Whether a displacement figure counts perpetrators who fled ("four of the five
    /// suspects fled"): no displaced people.
    fn counts_perpetrators(&self, claim: &Claim) -> bool {
        let head = claim.subject.map(|s| self.doc.slice(s)).and_then(|s| s.split_whitespace().last());
        head.is_some_and(|head| AGENT_NOUNS.contains(&head.to_lowercase().as_str()))
    }

    /// Whether a phrase of harm other than bodily injury follows token `end` in its clause.
    fn other_harm_after(&self, end: usize) -> bool {
        self.tokens_after(end).take_while(|&k| !self.ends_clause(k)).any(|k| self.starts_any(k, &NOT_BODILY_HARM))
    }

    /// Whether an injury noun ("injury", "wounds") follows token `end` in its clause.
    fn injury_noun_after(&self, end: usize) -> bool {
        self.tokens_after(end).take_while(|&k| !self.ends_clause(k)).any(|k| self.injury_noun_at(k))
    }

    /// The tokens from `end` on that a figure's predicate and its harm are read in, at
    /// most [`HARM_REACH`].
    fn tokens_after(&self, end: usize) -> std::ops::Range<usize> {
        end..(end + HARM_REACH).min(self.tokens.len())
    }

    /// Whether token `k` ends a phrase: a comma or a stop.
    fn ends_phrase(&self, k: usize) -> bool {
        self.is_comma(k) || self.ends_clause(k)
    }

    /// Whether token `k` is an injury noun ("injuries", "wounds").
    fn injury_noun_at(&self, k: usize) -> bool {
        INJURY_NOUNS.iter().any(|(noun, _)| self.is(k, noun))
    }

    /// Whether the sentence holds a word of a sports report.
    fn is_sports_report(&self) -> bool {
        (0..self.tokens.len()).any(|k| self.is_in(k, &SPORTS_WORDS))
    }

    /// Whether the number at token `first` counts nobody: a model number after a
    /// determined capitalised name ("a Nexus 7", "the Galaxy 5") or a parent's children
    /// ("a mother of four").
    fn counts_nobody(&self, first: usize) -> bool {
        let Some(before) = first.checked_sub(1) else { return false };
        let capitalised = self.word(before).is_some_and(|w| w.starts_with(char::is_uppercase));
        let determined = before.checked_sub(1).is_some_and(|d| self.is_in(d, &["a", "an", "the"]));
        let parent = self.is(before, "of") && before.checked_sub(1).is_some_and(|p| self.is_in(p, &PARENT_NOUNS));
        (capitalised && determined) || parent
    }

    /// Whether one of `phrases` starts at token `k`.
    fn starts_any(&self, k: usize, phrases: &[Vec<&str>]) -> bool {
        phrases.iter().any(|words| self.are(k, words))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::kinds_of as kinds;
    use crate::doc::ClaimKind;

    #[test]
    fn a_staged_scene_a_threat_or_prevented_deaths_are_no_casualties() {
        for text in [
            "He planned to make it look like the man was murdered by a burglar.",
            "The gang threatened to tell him that his son was dead.",
            "The new filters will avoid 1,200 premature deaths a year, the ministry said.",
            "Officials say the warning system could prevent 4,000 deaths each decade.",
            "The campaign has averted more than 50,000 deaths since 2001.",
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
        assert_eq!(kinds("The rebels are threatening to kill three hostages."), []);
        let text = "The group is threatening to behead two German hostages it seized in May.";
        assert_eq!(kinds(text), [(ClaimKind::Captured, Some(2))]);
        assert_eq!(kinds("The storm killed 12 people, officials said."), [(ClaimKind::Killed, Some(12))]);
    }

    #[test]
    fn a_modal_before_the_predicate_is_a_projection_not_a_hedged_report() {
        for text in [
            "Officials warned that 5,000 people could be displaced by the rising river.",
            "He said he would be kidnapped if he testified against the governor.",
            "Doctors said the girl might die without a transplant.",
            "As many as 20 villagers will be evacuated before the storm.",
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
        let text = "Up to 300 people may have been killed in the fighting.";
        assert_eq!(kinds(text), [(ClaimKind::Killed, None)]);
        let text = "At least 40 soldiers might have died in the ambush.";
        assert_eq!(kinds(text), [(ClaimKind::Killed, Some(40))]);
        for text in ["The goalkeeper could have died, the doctor said.", "Two more miners would have been killed."] {
            assert_eq!(kinds(text), [], "{text}");
        }
    }

    #[test]
    fn an_illness_or_harm_of_another_kind_is_no_wound() {
        for text in [
            "A man was hospitalized with pneumonia on Friday.",
            "Three people were hospitalized for dehydration and exhaustion.",
            "Her uncle was hospitalized after a heart attack.",
            "The boy was hurt emotionally by the long custody fight.",
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
        assert_eq!(kinds("Two guards were hospitalized with stab wounds."), [(ClaimKind::Wounded, Some(2))]);
    }

    #[test]
    fn a_players_injury_is_no_casualty_but_a_crowd_hurt_at_a_match_is() {
        assert_eq!(kinds("He suffered a knee injury in the league opener."), []);
        let text = "At least 14 people were injured when a barrier collapsed before the match.";
        assert_eq!(kinds(text), [(ClaimKind::Wounded, Some(14))]);
        let text = "The goalkeeper left the season early when he heard a cousin had been injured in the bombing.";
        assert_eq!(kinds(text), [(ClaimKind::Wounded, Some(1))]);
    }

    #[test]
    fn a_model_number_or_a_parents_children_count_nobody() {
        assert_eq!(kinds("The shop offers $80 for a Pixel 6 in good condition."), []);
        assert_eq!(kinds("A father of three was killed in the crash."), [(ClaimKind::Killed, Some(1))]);
        let found = kinds("A mother of four killed in the crash was buried on Monday.");
        assert!(found.iter().all(|(_, low)| *low != Some(4)), "{found:?}");
        assert_eq!(kinds("The mother of a boy killed in the crash spoke on Monday."), [(ClaimKind::Killed, Some(1))]);
    }

    #[test]
    fn succumbing_to_no_harm_is_no_death() {
        assert_eq!(kinds("He succumbed to a younger rival in four sets."), []);
        assert_eq!(kinds("A woman on the board finally succumbed to pressure and resigned."), []);
        assert_eq!(kinds("A soldier later succumbed to his wounds."), [(ClaimKind::Killed, Some(1))]);
        assert_eq!(kinds("Two of the miners succumbed to carbon monoxide poisoning."), [(ClaimKind::Killed, Some(2))]);
        assert_eq!(kinds("A second victim succumbed at the hospital."), [(ClaimKind::Killed, Some(1))]);
        let text = "After 40 protesters were killed, the minister succumbed to the pressure.";
        assert_eq!(kinds(text), [(ClaimKind::Killed, Some(40))]);
    }

    #[test]
    fn a_condition_or_a_possibility_before_a_casualty_is_no_event() {
        assert_eq!(kinds("If the boy dies, the family will lose the house."), []);
        assert_eq!(kinds("Unless the two guards are killed, the plan fails."), []);
        let text = "A woman died on Sunday, and if the trial goes ahead her brother will testify.";
        assert_eq!(kinds(text), [(ClaimKind::Killed, Some(1))]);
        assert_eq!(kinds("Police raised the possibility that she had been killed."), []);
        assert_eq!(kinds("It is possible that two soldiers were captured."), []);
    }

    #[test]
    fn perpetrators_who_fled_are_no_displaced_people() {
        assert_eq!(kinds("Three of the four gunmen fled in a stolen van."), []);
        assert_eq!(kinds("About 3,000 villagers fled the fighting."), [(ClaimKind::Displaced, Some(3000))]);
    }

    #[test]
    fn police_are_no_troops() {
        assert_eq!(kinds("The plan would merge more than 3,000 municipal police forces."), []);
        assert_eq!(kinds("Some 240 personnel from nearby police stations joined the search."), []);
        let text = "The council voted to deploy 6,000 troops and 900 police officers to the region.";
        assert_eq!(kinds(text), [(ClaimKind::Troops, Some(6000))]);
    }

    #[test]
    fn shooting_things_is_no_shooting_of_people() {
        assert_eq!(kinds("After school she shot baskets with her brother."), []);
        assert_eq!(kinds("He shot video of the crowd from a balcony."), []);
        assert_eq!(kinds("A man shot a neighbor after an argument."), [(ClaimKind::Shot, Some(1))]);
    }
}
