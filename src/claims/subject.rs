//! What is counted: the counted noun phrase after the number ("Russian soldiers"), a
//! number without one that shares the subject before it, and the side the phrase names.
//!
//! The counted noun must name people: "100 countries" or "3 horizontal dots" are not
//! claims. A number with no noun of its own takes the subject of the claim before it in
//! the sentence ("killed 13,000 people and displaced more than one million"). Sides come
//! from the profile ([`Profile::side_of`](crate::profile::Profile::side_of)).

use super::kind::{noun_kind, ATTRIBUTIVE_CASUALTIES};
use super::sentence::Sentence;
use crate::doc::{Claim, ClaimKind, Unit};
use crate::numbers;
use crate::{table, words};
use std::sync::LazyLock;

/// Words that end a counted noun phrase after the number.
static PHRASE_BREAKS: LazyLock<Vec<&str>> = words!("en/claims/phrase_breaks.txt");

/// Nouns that make a counted noun before them a modifier ("armoured personnel carriers").
static COMPOUND_HEADS: LazyLock<Vec<&str>> = words!("en/claims/compound_heads.txt");

/// Words after "N of" that still lead to the counted noun ("two of the soldiers").
static OF_DETERMINERS: LazyLock<Vec<&str>> = words!("en/claims/of_determiners.txt");

/// What follows a number: a counted noun phrase, nothing, or a noun that is not people.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Subject {
    /// Token range of the phrase and the index of its head noun.
    People(usize, usize),
    /// No noun of its own ("displaced more than one million since").
    Elided(usize),
    /// A noun that does not count people ("100 countries").
    Other,
}

impl Subject {
    /// The token after the phrase, where the noun would have been, or `end` (the token
    /// after the number) for a noun that is not people.
    pub(super) fn end_or(self, end: usize) -> usize {
        match self {
            Subject::People(_, to) => to,
            Subject::Elided(at) => at,
            Subject::Other => end,
        }
    }
}

/// Counted nouns that are not people, and the unit they count ("families", "homes").
static UNIT_NOUNS: LazyLock<Vec<(&str, &str)>> = table!("en/claims/unit_nouns.tsv");

/// Whether a word can head a counted noun phrase: people, a kind, a household or home,
/// or "lives".
fn is_subject_noun(word: &str) -> bool {
    numbers::is_counted_noun(word)
        || noun_kind(&word.to_lowercase()).is_some()
        || word.eq_ignore_ascii_case("lives")
        || unit_of_noun(&word.to_lowercase()).is_some()
}

/// The unit a counted noun names other than people ("families" -> households).
fn unit_of_noun(lower: &str) -> Option<Unit> {
    let (_, unit) = UNIT_NOUNS.iter().find(|(noun, _)| *noun == lower)?;
    Some(unit.parse().unwrap_or_else(|_| panic!("{lower:?}: no unit {unit:?}")))
}

impl Sentence<'_> {
    /// The counted noun phrase after token `end`; none when a bare casualty predicate
    /// follows the number ("Three shot, one dead").
    pub(super) fn subject_after(&self, end: usize) -> Subject {
        let mut start = self.after_age(end).unwrap_or(end);
        let noun_within = |from: usize| (from..from + 3).any(|k| self.word(k).is_some_and(is_subject_noun));
        if self.is(start, "of") {
            let determiner = self.is_in(start + 1, &OF_DETERMINERS);
            if determiner || noun_within(start + 1) {
                start += if determiner { 2 } else { 1 };
            }
        }
        if self.is_in(start, &ATTRIBUTIVE_CASUALTIES) && noun_within(start + 1) {
            start += 1;
        }
        if self.word(start).is_none() {
            return Subject::Elided(end);
        }
        if self.is_in(start, &PHRASE_BREAKS) || self.bare_predicate_at(start) {
            return Subject::Elided(start);
        }
        for k in start..start + 4 {
            let Some(word) = self.word(k) else { break };
            if k > start && self.participle_after_plural(k) {
                break;
            }
            let next_noun = self.word(k + 1).is_some_and(is_subject_noun) && !self.is_in(k + 1, &PHRASE_BREAKS);
            if is_subject_noun(word) && !next_noun {
                if self.is_in(k + 1, &COMPOUND_HEADS) {
                    return Subject::Other;
                }
                return Subject::People(start, k + 1);
            }
            if self.is_in(k, &PHRASE_BREAKS) {
                break;
            }
        }
        Subject::Other
    }

    /// Whether token `k` is an "-ing" participle after a plural noun, which ends the
    /// counted phrase at that noun ("40 photos showing bodies" counts photos, not bodies;
    /// "two grieving mothers" stays one phrase).
    fn participle_after_plural(&self, k: usize) -> bool {
        let participle = self.lower(k).is_some_and(|w| w.len() > 4 && w.ends_with("ing"));
        participle && self.lower(k - 1).is_some_and(|w| w.len() > 3 && w.ends_with('s'))
    }

    /// Whether a casualty predicate stands at token `k` right after a number, with no noun
    /// of its own: words of a predicate that end the phrase ("215 remain missing.",
    /// "Three shot, one dead", "13 hurt", "30 seriously wounded.", "shot and
    /// killed"), not ones that modify a noun ("three abducted Israeli teenagers", "30
    /// seriously wounded Libyan fighters", "his three shot lead"), nor an "-ing" form ("a
    /// day or two recovering"), nor a noun before "of" ("a 1 in 88,000 shot of").
    fn bare_predicate_at(&self, k: usize) -> bool {
        let Some(word) = self.lower(k) else { return false };
        if self.predicate_after_at(k).is_none() || word.ends_with("ing") {
            return false;
        }
        let after = (k + 1..k + 4).find(|&j| self.predicate_after_at(j).is_none()).unwrap_or(k + 4);
        self.word(after).is_none() || (self.is_in(after, &PHRASE_BREAKS) && !self.is(after, "of"))
    }

    /// What the counted noun phrase counts: people unless its head names households or
    /// homes.
    pub(super) fn unit(&self, subject: Subject) -> Unit {
        match subject {
            Subject::People(_, to) => self.lower(to - 1).and_then(|head| unit_of_noun(&head)).unwrap_or(Unit::People),
            _ => Unit::People,
        }
    }

    /// Whether a number without a noun can share the previous claim's counted noun: only
    /// a plain one ("people", "soldiers"), not one that is itself a kind ("deaths").
    pub(super) fn shares_subject(&self, previous: &Claim) -> bool {
        let Some(subject) = previous.subject else { return false };
        let head = self.doc.slice(subject).rsplit(' ').next().unwrap_or("").to_lowercase();
        noun_kind(&head).is_none_or(|k| k == ClaimKind::Troops)
    }

    /// The side named in the subject (tokens `from..to`), or by a side word right before
    /// the number at `first` ("Russia’s 40", "the number of dead Russians at 25,000").
    pub(super) fn side(&self, from: usize, to: usize, first: usize) -> Option<String> {
        let before = first.saturating_sub(2)..first;
        (from..to).chain(before).find_map(|k| self.profile.side_of(&self.lower(k)?)).map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::super::claims;
    use super::super::testing::{claims_of, doc_of, kinds_of, text_of};
    use crate::doc::ClaimKind;
    use crate::profile::Profile;

    #[test]
    fn corpus_apposition_sources_and_shared_subjects() {
        let text = "Russian forces now control more than two-thirds of the key eastern Ukrainian city of Sievierodonetsk, as Ukraine\u{2019}s president, Volodymyr Zelenskiy, conceded that Kyiv\u{2019}s forces were suffering up to 100 deaths and 500 wounded every day.";
        let doc = doc_of(text, None);
        let found: Vec<_> = claims_of(&doc)
            .into_iter()
            .map(|c| (c.kind, c.quantity.low, c.quantity.high, text_of(&doc, c.subject).map(str::to_string)))
            .collect();
        assert_eq!(
            found,
            vec![
                (ClaimKind::Killed, None, Some(100), Some("deaths".to_string())),
                (ClaimKind::Wounded, Some(500), Some(500), None)
            ]
        );
        let text = "Last month, U.S. officials discouraged all nonessential travel to Mexico after the flu strain killed dozens of people there.";
        let doc = doc_of(text, None);
        let found = claims_of(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].kind, found[0].quantity.low, found[0].quantity.high),
            (ClaimKind::Killed, Some(24), Some(99))
        );
        assert_eq!(text_of(&doc, found[0].subject), Some("people"));
    }

    #[test]
    fn attributive_casualty_words_and_sides() {
        let text = "Mikhail Podolyak tweeted: \u{201c}37,000 dead Russian soldiers.";
        let doc = doc_of(text, None);
        let found = claims_of(&doc);
        assert_eq!((found[0].kind, text_of(&doc, found[0].subject)), (ClaimKind::Killed, Some("Russian soldiers")));
        assert_eq!(found[0].side.as_deref(), Some("Russian"));
    }

    #[test]
    fn sides_come_from_the_profile() {
        let text = "Three pro-Russian fighters were killed near the airport.";
        let doc = doc_of(text, None);
        assert_eq!(claims_of(&doc)[0].side, None, "the default profile knows no war's aliases");
        let ukraine = Profile::load("ukraine").unwrap();
        assert_eq!(claims(&doc, &ukraine)[0].side.as_deref(), Some("separatist"));
    }

    #[test]
    fn nouns_that_are_not_people_make_no_claim() {
        for text in [
            "Albanese committed $99.5m in military assistance, including 14 armoured personnel carriers, 20 Bushmaster protected mobility vehicles and other military equipment.",
            "There have been over 570 confirmed cases of MERS, according to the World Health Organization.",
            "Ellipsis An icon of 3 horizontal dots.",
        ] {
            assert_eq!(claims_of(&doc_of(text, None)), vec![], "{text}");
        }
    }

    #[test]
    fn a_bare_casualty_predicate_after_a_number_is_its_kind() {
        assert_eq!(
            kinds_of("Five shot, two dead after party in Oakdale"),
            [(ClaimKind::Shot, Some(5)), (ClaimKind::Killed, Some(2))]
        );
        assert_eq!(
            kinds_of("The flood left 310 dead, 41 missing and 27 hurt."),
            [(ClaimKind::Killed, Some(310)), (ClaimKind::Missing, Some(41)), (ClaimKind::Wounded, Some(27))]
        );
        assert_eq!(kinds_of("Of the hikers, 12 remain missing."), [(ClaimKind::Missing, Some(12))]);
        assert_eq!(kinds_of("Medics flew out 25 badly wounded."), [(ClaimKind::Wounded, Some(25))]);
        for text in [
            "Rebels freed two abducted Canadian nurses on Sunday.",
            "She kept her two shot lead after the third round.",
            "You have a 1 in 50,000 shot of winning the raffle.",
            "Patients spend a day or two recovering at home.",
        ] {
            assert_eq!(kinds_of(text), [], "{text}");
        }
        let text = "Officials plan to transport 30 seriously wounded Libyan fighters to hospitals.";
        assert_eq!(kinds_of(text), [(ClaimKind::Wounded, Some(30))]);
    }
}
