//! The word lists of quote attribution, loaded from `lexicon/en/quotes/`.
//!
//! Every list is lower-case; lookups lower-case the text first. Each file's header says
//! what its words do.

use crate::{table, words};
use std::sync::LazyLock;

/// A word list loaded at compile time.
type Words = LazyLock<Vec<&'static str>>;

/// Speech verbs that introduce or close an attribution, in every inflection used.
pub static CUE_VERBS: Words = words!("en/quotes/cue_verbs.txt");
/// Cue verbs that only attribute when their complement is a clause or a quote.
pub static WEAK_CUES: Words = words!("en/quotes/weak_cues.txt");
/// Participles that take the subject of their clause as speaker (", adding that ...").
pub static PARTICIPLE_CUES: Words = words!("en/quotes/participle_cues.txt");
/// Words that may stand between a speaker and the cue verb ("has also said").
pub static AUXILIARIES: Words = words!("en/quotes/auxiliaries.txt");
/// Words after a cue that continue an attribution frame rather than start its content.
pub static CUE_ADJUNCT_STARTS: Words = words!("en/quotes/cue_adjunct_starts.txt");
/// Leading words of a unit that open an adverbial before its subject ("However, ...").
pub static OPENERS: Words = words!("en/quotes/openers.txt");
/// Lower-case words that never end or fill a common-noun speaker mention.
pub static NOT_NOUNS: Words = words!("en/quotes/not_nouns.txt");
/// Cue verbs that also perform an act ("declared victory").
pub static ACT_VERBS: Words = words!("en/quotes/act_verbs.txt");
/// Objects that make an act verb an act reporting nothing ("declared war").
pub static ACT_OBJECTS: Words = words!("en/quotes/act_objects.txt");
/// Cues followed by whom the speaker addressed ("told reporters that").
pub static OBJECT_CUES: Words = words!("en/quotes/object_cues.txt");
/// Words after a cue that name whom the speaker addressed ("told reporters").
pub static AUDIENCES: Words = words!("en/quotes/audiences.txt");
/// Determiners that may open a speaker mention ("the bank", "several cast members").
pub static DETERMINERS: Words = words!("en/quotes/determiners.txt");
/// Last words of organisation names ("State Department", "Foreign Office").
pub static ORG_HEADS: Words = words!("en/quotes/org_heads.txt");
/// Words that end a clause reported by an indirect quote when they follow a comma.
pub static CLAUSE_BREAKS: Words = words!("en/quotes/clause_breaks.txt");
/// Words trimmed off the end of reported content ("... with Ukraine as").
pub static TRAILING_CONNECTIVES: Words = words!("en/quotes/trailing_connectives.txt");
/// Lower-case particles inside personal names ("de la", "van", "bin").
pub static NAME_PARTICLES: Words = words!("en/quotes/name_particles.txt");
/// Prepositions: a name right after one is an object, not a speaker.
pub static PREPOSITIONS: Words = words!("en/quotes/prepositions.txt");
/// Words written with a capital that are not names (sentence openers, days, months).
pub static NOT_NAMES: Words = words!("en/quotes/not_names.txt");
/// Words that never end a source ("federal prosecutors in").
pub static NOT_SOURCE_ENDS: Words = words!("en/quotes/not_source_ends.txt");
/// Phrases that never end a source ("on Friday", "in particular").
pub static NOT_SOURCE_TAILS: Words = words!("en/quotes/not_source_tails.txt");

static HONORIFICS: Words = words!("en/quotes/honorifics.txt");
static PRONOUNS: LazyLock<Vec<(&str, &str)>> = table!("en/quotes/pronouns.tsv");
static TITLES: Words = words!("en/quotes/titles.txt");
static ROLES: Words = words!("en/quotes/roles.txt");
static CUE_CHANNELS: Words = words!("en/quotes/cue_channels.txt");

/// Offices (titles such as "foreign secretary" and roles such as "spokesman") split into
/// words, for matching token by token.
pub static OFFICES: LazyLock<Vec<Vec<&'static str>>> =
    LazyLock::new(|| split_phrases(TITLES.iter().chain(ROLES.iter())));

/// Adjuncts that belong to the cue ("said on Twitter"), split into words.
pub static CUE_CHANNEL_WORDS: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| split_phrases(CUE_CHANNELS.iter()));

fn split_phrases<'a>(phrases: impl Iterator<Item = &'a &'static str>) -> Vec<Vec<&'static str>> {
    phrases.map(|phrase| phrase.split(' ').collect()).collect()
}

/// Whether a lower-case word is an honorific ("mr", "mr.", "lady").
pub fn is_honorific(lower: &str) -> bool {
    HONORIFICS.contains(&lower.strip_suffix('.').unwrap_or(lower))
}

/// The grammatical number of a pronoun that can name a speaker (`Some(true)` for plural),
/// compared ASCII case-insensitively.
pub fn pronoun_number(word: &str) -> Option<bool> {
    PRONOUNS.iter().find(|(pronoun, _)| word.eq_ignore_ascii_case(pronoun)).map(|&(_, number)| number == "plural")
}
