//! The word lists of quote attribution, loaded from `lexicon/en/quotes/`.
//!
//! Every list is lower-case; lookups lower-case the text first. Each file's header says
//! what its words do.

use crate::schema::CueKind;
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
/// Relative pronouns that open a clause about a speaker after a comma ("X, who ...").
pub static RELATIVE_PRONOUNS: Words = words!("en/quotes/relative_pronouns.txt");
/// Phrases that never end a source ("on Friday", "in particular").
pub static NOT_SOURCE_TAILS: Words = words!("en/quotes/not_source_tails.txt");

/// Cue words that make an attribution writing or another source than speech.
static CUE_KINDS: LazyLock<Vec<(&str, CueKind)>> = LazyLock::new(|| kinds(&table!("en/quotes/cue_kinds.tsv")));
/// Head nouns of sources that are documents or data ("the report", "a poll").
static SOURCE_KINDS: LazyLock<Vec<(&str, CueKind)>> = LazyLock::new(|| kinds(&table!("en/quotes/source_kinds.tsv")));

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

/// Parses a (word, kind) table; a kind that is no cue kind is a bug in the data file.
fn kinds(rows: &[(&'static str, &'static str)]) -> Vec<(&'static str, CueKind)> {
    rows.iter()
        .map(|(word, kind)| (*word, kind.parse().unwrap_or_else(|_| panic!("{word:?}: no cue kind {kind:?}"))))
        .collect()
}

/// The kind of attribution a cue makes: the first of its words listed in
/// `cue_kinds.tsv` ("tweeted": writing, "polls show": other); else other when no word
/// is a speech cue (a cue verb, a participle cue or "according": "has rejected",
/// "expressed concern over" report an act or an attitude, not words); else the
/// source's head, its last word before its first preposition (`source_kinds.tsv`: "the
/// report said" is writing, "a poll by Gallup" other, "a study spokesman" speech); else
/// speech. A quote without a cue is speech. Hyphens inside a word are ignored
/// ("re-iterated"). An unquoted content after a cue that ends on a preposition is a
/// topic, not reported words, so other ("complained of increased activity", "warned of
/// an attack"); `quoted` (the content holds quotation marks) keeps "said of it: “...”"
/// speech, and "according to" stays speech.
pub fn cue_kind(cue: &str, source: Option<&str>, quoted: bool) -> CueKind {
    let bare = |word: &str| word.trim_matches(|c: char| !c.is_alphanumeric()).replace('-', "").to_lowercase();
    let listed = |table: &[(&str, CueKind)], word: &str| table.iter().find(|(w, _)| *w == word).map(|&(_, k)| k);
    let words: Vec<String> = cue.split_whitespace().map(bare).collect();
    let according = words.iter().any(|w| w == "according");
    let speech_word = |w: &String| CUE_VERBS.contains(&w.as_str()) || PARTICIPLE_CUES.contains(&w.as_str());
    let acts = !words.is_empty() && !according && !words.iter().any(speech_word);
    let topic = !quoted && !according && words.last().is_some_and(|w| PREPOSITIONS.contains(&w.as_str()));
    let by_cue = words.iter().find_map(|w| listed(&CUE_KINDS, w));
    let by_cue = by_cue.or_else(|| (acts || topic).then_some(CueKind::Other));
    let head = source
        .unwrap_or("")
        .split_whitespace()
        .take_while(|w| !PREPOSITIONS.contains(&w.to_lowercase().as_str()))
        .last();
    by_cue.or_else(|| head.and_then(|w| listed(&SOURCE_KINDS, &bare(w)))).unwrap_or(CueKind::Speech)
}
