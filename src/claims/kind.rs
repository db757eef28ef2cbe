//! What a number counts: the kind of a claim, from the predicates around the number and
//! the counted noun ("14,000 people died", "has killed more than 13,000", "50 deaths",
//! "the death toll rose to 50", "37,000 dead Russian soldiers").
//!
//! Every casualty word lives here, in `lexicon/en/claims/`; the numbers stage only
//! hears of the verbs after which a bare word number counts ([`counting_verbs`]).

use super::sentence::Sentence;
use super::subject::Subject;
use super::victims::{CHAIN_BREAKS, PASSIVE_AUXILIARIES};
use crate::doc::{Claim, ClaimKind, Quantity};
use crate::tokens::TokenKind;
use crate::{phrases, table, words};
use std::sync::LazyLock;

/// Predicates right after the counted noun (after auxiliaries), as word sequences.
static PREDICATES_AFTER: LazyLock<Vec<(Vec<&str>, ClaimKind)>> =
    LazyLock::new(|| phrase_kinds(&table!("en/claims/predicates_after.tsv")));

/// Verbs whose object names an injury ("suffered", "sustained", "with").
static INJURY_VERBS: LazyLock<Vec<&str>> = words!("en/claims/injury_verbs.txt");

/// Injury nouns after an injury verb, and their kind ("injuries": wounded).
pub(super) static INJURY_NOUNS: LazyLock<Vec<(&str, ClaimKind)>> =
    LazyLock::new(|| word_kinds(&table!("en/claims/injury_nouns.tsv")));

/// Words before an injury noun that change its kind ("gunshot": shot, "fatal": killed).
static INJURY_MODIFIERS: LazyLock<Vec<(&str, ClaimKind)>> =
    LazyLock::new(|| word_kinds(&table!("en/claims/injury_modifiers.tsv")));

/// Verbs that put a victim somewhere (carried to, found at, treated at), after which the
/// place is skipped to the casualty phrase ("taken to the hospital with gunshot wounds").
static SCENE_VERBS: LazyLock<Vec<&str>> = words!("en/claims/scene_verbs.txt");

/// Tokens read at most after a scene verb for its casualty phrase.
const SCENE_REACH: usize = 12;

/// Prepositions that open a modifier between a subject and its predicate ("a man in a
/// red car was shot", "an employee of the store was hurt"), with where the modifier may
/// end ("predicate" or "auxiliary").
static SUBJECT_PREPOSITIONS: LazyLock<Vec<(&str, &str)>> = table!("en/claims/subject_prepositions.tsv");

/// Predicates that count only after a passive auxiliary ("was struck in the head").
static PASSIVE_PREDICATES: LazyLock<Vec<(Vec<&str>, ClaimKind)>> =
    LazyLock::new(|| phrase_kinds(&table!("en/claims/passive_predicates.tsv")));

/// Words that deny an injury phrase ("with no major injuries").
static INJURY_NEGATIONS: LazyLock<Vec<&str>> = words!("en/claims/injury_negations.txt");

/// Words an injury phrase may hold between its verb and its noun ("suffered [two
/// non-life-threatening gunshot] wounds").
const INJURY_REACH: usize = 4;

/// The longest word of each predicate phrase and every injury noun: one of them occurs in
/// any sentence where one of those phrases matches.
pub(super) fn casualty_key_words() -> Vec<&'static str> {
    let phrases = PREDICATES_AFTER.iter().chain(PREDICATES_BEFORE.iter()).chain(PASSIVE_PREDICATES.iter());
    let longest = phrases.filter_map(|(words, _)| words.iter().copied().max_by_key(|w| w.len()));
    longest.chain(INJURY_NOUNS.iter().map(|(noun, _)| *noun)).collect()
}

/// Predicates before the number, as word sequences ending right before it.
static PREDICATES_BEFORE: LazyLock<Vec<(Vec<&str>, ClaimKind)>> =
    LazyLock::new(|| phrase_kinds(&table!("en/claims/predicates_before.tsv")));

/// Counted nouns that imply a kind on their own ("50 deaths", "300 prisoners").
static NOUN_KINDS: LazyLock<Vec<(&str, ClaimKind)>> = LazyLock::new(|| word_kinds(&table!("en/claims/noun_kinds.tsv")));

/// Casualty words after a count noun, and the kind they count.
static COUNTED_CASUALTIES: LazyLock<Vec<(&str, ClaimKind)>> =
    LazyLock::new(|| word_kinds(&table!("en/claims/counted_casualties.tsv")));

/// Words skipped between the counted noun and its predicate ("were reportedly killed",
/// "may have been killed"): auxiliaries and modals.
pub(super) static AUXILIARIES: LazyLock<Vec<&str>> =
    LazyLock::new(|| AUXILIARY_VERBS.iter().copied().chain(MODALS.iter().map(|(modal, _)| *modal)).collect());

/// Auxiliaries and adverbs that stand between a subject and its predicate ("were",
/// "reportedly").
static AUXILIARY_VERBS: LazyLock<Vec<&str>> = words!("en/claims/auxiliaries.txt");

/// Modal verbs ("may", "could", "would") and what they make of a casualty after "have":
/// a hedged `report` or an `unreal` one.
pub(super) static MODALS: LazyLock<Vec<(&str, &str)>> = table!("en/claims/modals.tsv");

/// Words skipped between a predicate and the number after it ("killed a total of 50").
static BEFORE_SKIPS: LazyLock<Vec<&str>> = words!("en/claims/before_skips.txt");

/// Words that make a count of bodies a count of the unidentified, not a toll.
static UNIDENTIFIED_WORDS: LazyLock<Vec<&str>> = words!("en/claims/unidentified_words.txt");

/// Words that, a few words before the number, make it a death toll ("toll rose to 50").
static TOLL_WORDS: LazyLock<Vec<&str>> = words!("en/claims/toll_words.txt");

/// Casualty words that can stand before the counted noun ("37,000 dead Russian soldiers").
pub(super) static ATTRIBUTIVE_CASUALTIES: LazyLock<Vec<&str>> = words!("en/claims/attributive_casualties.txt");

/// Nouns that, with a casualty word after them, make a later number a toll ("the number
/// of dead at 25,000").
static COUNT_NOUNS: LazyLock<Vec<&str>> = words!("en/claims/count_nouns.txt");

/// "lives" counts the dead only after one of these ("claimed 50 lives").
static LIVES_VERBS: LazyLock<Vec<&str>> = words!("en/claims/lives_verbs.txt");

/// Words anywhere in the sentence that make a small troop count a deployment.
static DEPLOYMENT_WORDS: LazyLock<Vec<&str>> = words!("en/claims/deployment_words.txt");

/// Verbs right before a bare word number that make it count people ("killing four").
static COUNTING_VERBS: LazyLock<Vec<&str>> = words!("en/claims/counting_verbs.txt");

/// Words inside an age range besides the ages ("and", "late", "teens").
static AGE_RANGE_WORDS: LazyLock<Vec<&str>> = words!("en/claims/age_range_words.txt");

/// Openings of an age range after a counted noun ("between the ages of"), as words.
static AGE_ASIDES: LazyLock<Vec<Vec<&str>>> = phrases!("en/claims/age_asides.txt");

/// The verbs after which a bare word number counts people on its own ("killing four,
/// officials said"): what the numbers stage needs to hear from this one.
pub fn counting_verbs() -> &'static [&'static str] {
    &COUNTING_VERBS
}

/// The kind a lexicon names ("killed", "troops"); `None` for any other word.
fn kind_named(name: &str) -> Option<ClaimKind> {
    match name {
        "killed" => Some(ClaimKind::Killed),
        "wounded" => Some(ClaimKind::Wounded),
        "displaced" => Some(ClaimKind::Displaced),
        "troops" => Some(ClaimKind::Troops),
        "captured" => Some(ClaimKind::Captured),
        "missing" => Some(ClaimKind::Missing),
        "shot" => Some(ClaimKind::Shot),
        _ => None,
    }
}

/// A table's keys with the kinds its values name.
///
/// # Panics
/// On a value that names no kind: a lexicon file is source code (a test loads them all).
pub(super) fn word_kinds(rows: &[(&'static str, &'static str)]) -> Vec<(&'static str, ClaimKind)> {
    rows.iter()
        .map(|(word, kind)| (*word, kind_named(kind).unwrap_or_else(|| panic!("{word:?}: no claim kind {kind:?}"))))
        .collect()
}

/// [`word_kinds`] with the keys split into words.
fn phrase_kinds(rows: &[(&'static str, &'static str)]) -> Vec<(Vec<&'static str>, ClaimKind)> {
    word_kinds(rows).into_iter().map(|(phrase, kind)| (phrase.split(' ').collect(), kind)).collect()
}

/// The kind a counted noun implies on its own ("deaths" -> killed).
pub(super) fn noun_kind(lower: &str) -> Option<ClaimKind> {
    NOUN_KINDS.iter().find(|(n, _)| *n == lower).map(|(_, k)| *k)
}

impl Sentence<'_> {
    /// The kind of claim, from the predicates around the number and the counted noun, and
    /// whether it came from a predicate before the number.
    pub(super) fn kind(
        &self,
        quantity: &Quantity,
        (first, end): (usize, usize),
        subject: Subject,
        previous: Option<&Claim>,
    ) -> Option<(ClaimKind, bool)> {
        let after = subject.end_or(end);
        let head = match subject {
            Subject::People(_, to) => self.lower(to - 1),
            _ => None,
        };
        if let Some(kind) = self.predicate_after(end).filter(|_| self.is_in(end, &ATTRIBUTIVE_CASUALTIES)) {
            return Some((kind, false));
        }
        let prisoners_of_war = self.are(after, &["of", "war"]);
        let predicate_from = self.after_conjuncts(if prisoners_of_war { after + 2 } else { after });
        if let Some(kind) = self.predicate_after(predicate_from).filter(|_| !self.acts_on_object(predicate_from)) {
            return Some((kind, false));
        }
        let conjuncts_from = if matches!(subject, Subject::People(..)) { self.before_conjuncts(first) } else { first };
        if let Some(kind) = self.predicate_before(conjuncts_from) {
            return Some((kind, true));
        }
        if let Some(kind) = self.predicate_after_apposition(subject, (first, end), after) {
            return Some((kind, false));
        }
        if head.as_deref() == Some("lives") {
            return self.is_in(first.checked_sub(1)?, &LIVES_VERBS).then_some((ClaimKind::Killed, false));
        }
        if head.as_deref() == Some("prisoners") && !prisoners_of_war {
            return None;
        }
        if let Some(kind) = head.as_deref().and_then(noun_kind) {
            let counted = match kind {
                ClaimKind::Troops => self.is_deployment(quantity),
                ClaimKind::Killed => !self.unidentified_after(after),
                _ => true,
            };
            return counted.then_some((kind, false));
        }
        if let Some(kind) = self.result_state(first, after) {
            return Some((kind, false));
        }
        let including = first.checked_sub(1).is_some_and(|p| self.is(p, "including"));
        previous.filter(|_| including).map(|p| (p.kind, false))
    }

    /// The predicate in or after an apposition of a counted group of people ("Two men,
    /// shot in the back, were taken", "One person, a 22-year-old man, suffered cuts"),
    /// when the count (tokens `first..end`) opens the clause (the sentence, "in which",
    /// "and": not "the eldest of the four children, died"), names the group, and an
    /// apposition opens right after it (at `after`).
    fn predicate_after_apposition(
        &self,
        subject: Subject,
        (first, end): (usize, usize),
        after: usize,
    ) -> Option<ClaimKind> {
        let group_right_after = matches!(subject, Subject::People(from, _) if from == end);
        let opens_clause = first.checked_sub(1).is_none_or(|p| self.is_in(p, &["which", "whom", "and"]));
        if !group_right_after || !opens_clause || !self.is_comma(after) {
            return None;
        }
        if let Some(kind) = self.predicate_after(after + 1).filter(|_| !self.acts_on_object(after + 1)) {
            return Some(kind);
        }
        let from = self.after_apposition(after);
        let from = self.after_conjuncts(from);
        (from != after).then(|| self.predicate_after(from).filter(|_| !self.acts_on_object(from))).flatten()
    }

    /// Whether the clause after a count of bodies says they are unidentified or unclaimed
    /// ("Eleven bodies, including two children, remain unidentified"): not a death toll.
    fn unidentified_after(&self, from: usize) -> bool {
        (from..(from + 8).min(self.tokens.len()))
            .take_while(|k| !self.ends_clause(*k))
            .any(|k| self.is_in(k, &UNIDENTIFIED_WORDS))
    }

    /// A predicate after the counted noun, over auxiliaries, an "including ..." aside and
    /// a modifier of the subject ("a man in critical condition"), but not a relative
    /// clause acting on an object inside that modifier ("a suspect in the bombing that
    /// killed 12").
    pub(super) fn predicate_after(&self, from: usize) -> Option<ClaimKind> {
        let mut k = from + self.rate_at(from);
        k = self.after_age_aside(k);
        if self.is_comma(k) && self.is(k + 1, "including") {
            k += 1;
        }
        if self.is(k, "including") {
            k = (k + 1..k + 8).find(|n| self.is_in(*n, &AUXILIARIES))?;
        }
        if let Some(kind) = self.predicate_after_at(k) {
            return Some(kind);
        }
        if let Some(ends_at_predicate) = self.subject_preposition(k) {
            let relative_of_modifier = |n: usize| !ends_at_predicate || self.acts_on_object(n + 1);
            let clause_starts = |n: usize| self.is_in(n, &CHAIN_BREAKS) && relative_of_modifier(n);
            let aside = (k + 1..k + 9).take_while(|n| self.word(*n).is_some() && !clause_starts(*n));
            let resumes = |n: &usize| {
                self.is_in(*n, &AUXILIARIES) || (ends_at_predicate && self.predicate_after_at(*n).is_some())
            };
            k = aside.into_iter().find(resumes)?;
        }
        if self.starts_participle_aside(k) {
            let aside = (k + 1..k + 9).take_while(|n| self.word(*n).is_some());
            k = aside.into_iter().find(|n| self.is_in(*n, &PASSIVE_AUXILIARIES))?;
        }
        let from = k;
        while self.is_in(k, &AUXILIARIES) && k < from + 5 {
            let kind = self.predicate_after_at(k).or_else(|| self.coordinated_predicate(k + 1));
            if let Some(kind) = kind.or_else(|| self.after_scene(k)) {
                return Some(kind);
            }
            k += 1;
        }
        self.predicate_after_at(k).or_else(|| self.after_scene(k))
    }

    /// The casualty predicate after a scene verb and its place ("was taken to a local
    /// hospital with gunshot wounds", "transported to Mercy Hospital in critical
    /// condition", "found four blocks away with a gunshot wound", "taken to a hospital,
    /// where they died": the predicate after the place's one-word subject), within [`SCENE_REACH`]
    /// tokens, before a comma or the clause's end, before another subject's clause starts
    /// or another victim appears. A scene verb alone ("was taken to the hospital") is no casualty, nor an
    /// active one ("the Coast Guard has flown injured people out").
    fn after_scene(&self, k: usize) -> Option<ClaimKind> {
        if !self.is_in(k, &SCENE_VERBS) || !self.after_passive_auxiliary(k) {
            return None;
        }
        for j in k + 1..(k + 1 + SCENE_REACH).min(self.tokens.len()) {
            if self.is_comma(j) && self.is(j + 1, "where") && self.word(j + 2).is_some() {
                return self.predicate_after(j + 3);
            }
            if self.ends_clause(j) || self.is_comma(j) || self.is_in(j, &CHAIN_BREAKS) || self.starts_victim_phrase(j) {
                return None;
            }
            if let Some(kind) = self.predicate_after_at(j) {
                return Some(kind);
            }
        }
        None
    }

    /// Whether token `k` is a preposition opening a modifier of the subject, and if so
    /// whether the modifier may end at a predicate (else only at an auxiliary).
    pub(super) fn subject_preposition(&self, k: usize) -> Option<bool> {
        let word = self.lower(k)?;
        SUBJECT_PREPOSITIONS.iter().find(|(p, _)| *p == word).map(|(_, end)| *end == "predicate")
    }

    /// Whether a participle phrase that is no predicate starts at token `k`, between a
    /// subject and its passive predicate ("a waitress trying to stop a robbery was shot",
    /// "two men walking home were wounded"). Only a passive auxiliary ends it: "a man
    /// carrying a gun shot two" makes the man no victim.
    fn starts_participle_aside(&self, k: usize) -> bool {
        let participle = self.lower(k).is_some_and(|w| w.len() > 4 && w.ends_with("ing"));
        participle
            && self.predicate_after_at(k).is_none()
            && !self.is_in(k, &AUXILIARIES)
            && !self.is_in(k, &PASSIVE_AUXILIARIES)
            && !self.is_in(k, &["including"])
    }

    /// The token after an age range that follows a counted noun ("between the ages of 16
    /// and 19", ", aged 18 to 25,", "in his 20s"), or `k` when none starts there.
    fn after_age_aside(&self, k: usize) -> usize {
        let comma = self.is_comma(k);
        let from = k + usize::from(comma);
        let Some(opening) = AGE_ASIDES.iter().find(|words| self.are(from, words)) else { return k };
        let ages = (from + opening.len()..).take_while(|&j| {
            self.tokens.get(j).is_some_and(|t| t.kind == TokenKind::Number)
                || self.is_in(j, &AGE_RANGE_WORDS)
                || self.is_punct(j, &AGE_RANGE_WORDS)
        });
        let end = ages.last().map_or(k, |j| j + 1);
        if end == k {
            return k;
        }
        end + usize::from(comma && self.is_comma(end))
    }

    /// A predicate after another participle and "and"/"or" ("were tortured and killed"),
    /// over adverbs ("were captured and summarily executed", "abducted and later
    /// killed") and a quoted compound ('captured and "field executed"'); not over a
    /// noun ("were wounded and others killed").
    fn coordinated_predicate(&self, k: usize) -> Option<ClaimKind> {
        let participle = self.lower(k).is_some_and(|w| w.ends_with("ed"));
        let conjunction = self.is(k + 1, "and") || self.is(k + 1, "or");
        if !(participle && conjunction) {
            return None;
        }
        let mut j = k + 2;
        let quoted = self.is_punct(j, &["\""]);
        j += usize::from(quoted);
        let adverb = |j: usize| self.is_in(j, &AUXILIARIES) || self.lower(j).is_some_and(|w| w.ends_with("ly"));
        while adverb(j) && j < k + 5 {
            j += 1;
        }
        let compound = quoted && self.word(j).is_some_and(|w| w.starts_with(char::is_lowercase));
        self.predicate_after_at(j).or_else(|| compound.then(|| self.predicate_after_at(j + 1)).flatten())
    }

    /// A predicate of the kind that follows its subject, starting at token `k`: a phrase of
    /// the table, an injury phrase, or a passive predicate after its auxiliary.
    pub(super) fn predicate_after_at(&self, k: usize) -> Option<ClaimKind> {
        self.predicate_at(k, &PREDICATES_AFTER)
            .or_else(|| self.injury_at(k))
            .or_else(|| self.predicate_at(k, &PASSIVE_PREDICATES).filter(|_| self.after_passive_auxiliary(k)))
    }

    /// Whether a passive auxiliary stands right before token `k`, or before one adverb or
    /// auxiliary there ("was struck", "had been struck", "was also struck").
    fn after_passive_auxiliary(&self, k: usize) -> bool {
        (k.saturating_sub(2)..k).any(|p| self.is_in(p, &PASSIVE_AUXILIARIES))
    }

    /// An injury phrase at token `k` ("suffered minor injuries", "sustained a gunshot
    /// wound", "with fatal injuries"): an injury verb, up to [`INJURY_REACH`] words that
    /// are no punctuation (quote marks, normalised to straight ones, are passed over:
    /// 'with "unknown injuries"'), none a negation ("with no injuries"), and an injury noun
    /// not followed by "free" ("injury-free"); a modifier among the words changes the
    /// noun's kind. After "had"/"has"/"have" a verb form ends the search ("has remained
    /// injury free", "had suffered" is read at "suffered").
    fn injury_at(&self, k: usize) -> Option<ClaimKind> {
        if !self.is_in(k, &INJURY_VERBS) {
            return None;
        }
        let possessing = self.is_in(k, &["had", "has", "have"]);
        let kind_of = |table: &[(&str, ClaimKind)], j: usize| {
            let word = self.lower(j)?;
            table.iter().find(|(w, _)| *w == word).map(|(_, kind)| *kind)
        };
        let mut modified = None;
        for j in k + 1..=k + 1 + INJURY_REACH {
            if self.is_punct(j, &["\"", "'"]) {
                continue;
            }
            if self.tokens.get(j).is_none_or(|t| t.kind == TokenKind::Punct) {
                return None;
            }
            if self.is_in(j, &INJURY_NEGATIONS) {
                return None;
            }
            if possessing && self.lower(j).is_some_and(|w| w.ends_with("ed")) {
                return None;
            }
            if let Some(kind) = kind_of(&INJURY_NOUNS, j) {
                let free = self.is(j + 1, "free") || self.is_punct(j + 1, &["-"]) && self.is(j + 2, "free");
                return (!free).then(|| modified.unwrap_or(kind));
            }
            modified = modified.or_else(|| kind_of(&INJURY_MODIFIERS, j));
        }
        None
    }

    /// A predicate from `table` starting at token `k`.
    fn predicate_at(&self, k: usize, table: &[(Vec<&str>, ClaimKind)]) -> Option<ClaimKind> {
        table.iter().find(|(words, _)| self.are(k, words)).map(|(_, kind)| *kind)
    }

    /// A predicate ending right before token `first`, over a few skippable words, or a
    /// toll a few words back.
    pub(super) fn predicate_before(&self, first: usize) -> Option<ClaimKind> {
        let mut p = first;
        for _ in 0..4 {
            p = p.checked_sub(1)?;
            let ending_here = PREDICATES_BEFORE
                .iter()
                .find(|(words, _)| (p + 1).checked_sub(words.len()).is_some_and(|s| self.are(s, words)));
            if let Some((_, kind)) = ending_here {
                return Some(*kind);
            }
            if let Some(kind) = self.toll_before(p) {
                return Some(kind);
            }
            if !self.is_in(p, &BEFORE_SKIPS) {
                return None;
            }
        }
        None
    }

    /// "death toll rose to N", "toll of N", "toll stood at N" (killed), "estimated the
    /// number of dead Russians at N", "the number of wounded rose to N": a toll word, or a
    /// count noun and its casualty word ([`COUNTED_CASUALTIES`]), a few words back with
    /// only words between.
    fn toll_before(&self, p: usize) -> Option<ClaimKind> {
        let from = p.saturating_sub(6);
        (from..=p).rev().take_while(|k| self.word(*k).is_some()).find_map(|k| {
            let word = self.lower(k)?;
            if TOLL_WORDS.contains(&word.as_str()) {
                return Some(ClaimKind::Killed);
            }
            let counted = (k + 1..=p).take(2).filter(|&j| !self.is(j, "of")).find_map(|j| {
                let next = self.lower(j)?;
                COUNTED_CASUALTIES.iter().find(|(w, _)| *w == next).map(|(_, kind)| *kind)
            });
            counted.filter(|_| COUNT_NOUNS.contains(&word.as_str()))
        })
    }

    /// Whether a troop count is a deployment: at least 100, or a deployment word in the
    /// sentence.
    fn is_deployment(&self, quantity: &Quantity) -> bool {
        let size = quantity.high.or(quantity.low).unwrap_or(0);
        size >= 100 || (0..self.tokens.len()).any(|k| self.is_in(k, &DEPLOYMENT_WORDS))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{claims_of, doc_of};
    use super::*;

    #[test]
    fn lexicons_parse_into_kinds() {
        assert!(PREDICATES_AFTER.iter().any(|(w, k)| w == &["lost", "their", "lives"] && *k == ClaimKind::Killed));
        assert!(PREDICATES_BEFORE.iter().any(|(w, k)| w == &["capture", "of"] && *k == ClaimKind::Captured));
        assert_eq!(noun_kind("pows"), Some(ClaimKind::Captured));
        assert!(COUNTED_CASUALTIES.iter().any(|(w, k)| *w == "fatalities" && *k == ClaimKind::Killed));
        assert_eq!(kind_named("kiled"), None, "a misspelt kind is no kind");
        assert!(counting_verbs().contains(&"killing"));
        assert!(MODALS.iter().all(|(_, after_have)| ["report", "unreal"].contains(after_have)), "{:?}", *MODALS);
    }

    #[test]
    fn a_word_in_two_kind_tables_names_one_kind() {
        let single_words = PREDICATES_AFTER.iter().chain(PREDICATES_BEFORE.iter()).filter(|(w, _)| w.len() == 1);
        let rows: Vec<(&str, ClaimKind)> =
            single_words.map(|(w, k)| (w[0], *k)).chain(NOUN_KINDS.iter().copied()).collect();
        for (word, kind) in rows.iter().chain(COUNTED_CASUALTIES.iter()) {
            let other = rows.iter().find(|(w, k)| w == word && k != kind);
            assert!(other.is_none(), "{word:?} is both {kind:?} and {other:?}");
        }
    }

    #[test]
    #[should_panic(expected = "no claim kind")]
    fn a_table_row_naming_no_kind_fails() {
        word_kinds(&[("slain", "killd")]);
    }

    #[test]
    fn corpus_kinds_after_prisoners_of_war_coordination_and_bare_word_numbers() {
        let text = "She wept for the 50 Ukrainian prisoners of war murdered in the shelling of Olenivka prison.";
        assert_eq!(claims_of(&doc_of(text, None))[0].kind, ClaimKind::Killed);
        let text = "Places like Bucha, where hundreds of civilians were tortured and killed.";
        assert_eq!(claims_of(&doc_of(text, None))[0].kind, ClaimKind::Killed);
        let text = "It said three children were among those killed in the strike on Vinnytsia.";
        assert_eq!(claims_of(&doc_of(text, None))[0].kind, ClaimKind::Killed);
        let text = "Explosions hit the center of a Russian city, killing four, officials said.";
        let found = claims_of(&doc_of(text, None));
        assert_eq!((found[0].kind, found[0].quantity.low), (ClaimKind::Killed, Some(4)));
        let text = "At least 23 people, including three children, were killed.";
        let found = claims_of(&doc_of(text, None));
        assert_eq!(found.iter().map(|c| c.kind).collect::<Vec<_>>(), [ClaimKind::Killed, ClaimKind::Killed]);
        let text = "Eleven bodies, including two children, remain unidentified.";
        assert_eq!(claims_of(&doc_of(text, None)), vec![]);
    }

    #[test]
    fn corpus_the_number_of_dead_is_a_toll() {
        let text = "The British military recently estimated the number of dead Russians at 25,000, with tens of thousands more wounded.";
        let doc = doc_of(text, None);
        let found = claims_of(&doc);
        assert_eq!((found[0].kind, found[0].quantity.low), (ClaimKind::Killed, Some(25_000)));
        assert_eq!(found[0].side.as_deref(), Some("Russian"));
        let text = "The number of wounded rose to 140 on Friday.";
        assert_eq!(claims_of(&doc_of(text, None))[0].kind, ClaimKind::Wounded);
        let text = "The number of refugees rose to 140 on Friday.";
        assert!(claims_of(&doc_of(text, None)).iter().all(|c| c.kind != ClaimKind::Killed));
        let doc = doc_of("The death toll has risen to 53, the Health Ministry said.", None);
        let found = claims_of(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].kind, found[0].quantity.low), (ClaimKind::Killed, Some(53)));
    }

    #[test]
    fn corpus_troops_that_died_are_killed() {
        let text = "Nearly 2,800 troops from the United States and its partners have died during the 10 years of war, according to a CNN count.";
        let doc = doc_of(text, None);
        let found = claims_of(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].kind, found[0].quantity.high), (ClaimKind::Killed, Some(2_800)));
        let text = "Up to 30,000 people in Chad fled the country for Cameroon during the rebel-government fighting.";
        let doc = doc_of(text, None);
        let found = claims_of(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].kind, found[0].quantity.high), (ClaimKind::Displaced, Some(30_000)));
        let text = "The decision to lift the moratorium on all cases affects more than 8,000 prisoners currently on death row, the largest number in the world.";
        assert_eq!(claims_of(&doc_of(text, None)), vec![]);
    }

    #[test]
    fn a_small_troop_count_needs_a_deployment_word() {
        let text = "Two soldiers said the town was quiet.";
        assert_eq!(claims_of(&doc_of(text, None)), vec![]);
        let text = "The army deployed two soldiers to the town.";
        assert_eq!(claims_of(&doc_of(text, None))[0].kind, ClaimKind::Troops);
    }
}
