//! The word lists of quote attribution, in one place.
//!
//! Every list is lower-case; lookups lower-case the text first.

use std::sync::LazyLock;

/// Speech verbs that introduce or close an attribution, in every inflection used.
///
/// "called" is here for "X called Y “Z”" (a mixed quote); "denies" and "denying" for
/// reported denials.
pub const CUE_VERBS: &[&str] = &[
    "said", "says", "say", "saying", "told", "tells", "telling", "added", "adds", "adding",
    "warned", "warns", "warning", "urged", "urges", "urging", "stressed", "stresses", "stressing",
    "emphasised", "emphasized", "emphasises", "emphasizes", "insisted", "insists", "insisting",
    "claimed", "claims", "claiming", "denied", "denies", "denying", "reported", "reports",
    "announced", "announces", "declared", "declares", "noted", "noting",
    "explained", "explains", "argued", "argues", "arguing", "acknowledged", "acknowledges",
    "admitted", "admits", "asserted", "asserts", "suggested", "suggests", "wrote", "writes",
    "tweeted", "tweets", "posted", "stated", "confirmed", "confirms", "alleged",
    "alleges", "accused", "accuses", "accusing", "called", "predicted", "predicts",
    "underscored", "underscores", "underlined", "underlines", "reiterated", "reiterates",
    "vowed", "vows", "pledged", "pledges", "promised", "promises", "threatened", "threatens",
    "asked", "asks", "replied", "replies", "responded", "responds", "agreed", "agrees",
    "cautioned", "cautions", "demanded", "believes", "believed", "estimated",
    "concluded", "concludes", "recalled", "recalls", "complained", "complains",
    "countered", "counters", "contended", "contends", "maintained",
    "maintains", "revealed", "reveals", "disclosed", "indicated", "indicates", "conceded",
];

/// Cue verbs that only attribute when their complement is a clause or a quote: "X
/// called the move “Y”" is a quote, "X called Y" is not.
pub const WEAK_CUES: &[&str] = &["called", "asked", "asks", "posted", "reported", "reports", "promises", "vows", "pledges"];

/// Participles that take the subject of their clause as speaker (", adding that ...").
pub const PARTICIPLE_CUES: &[&str] = &[
    "saying", "adding", "warning", "urging", "stressing", "insisting", "claiming", "denying",
    "noting", "arguing", "accusing", "telling",
];

/// Words that may stand between a speaker and the cue verb ("has also said").
pub const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "also", "further", "again", "later", "earlier", "previously",
    "repeatedly", "would", "will", "did", "does", "do", "then", "once", "already", "separately",
    "reportedly", "publicly", "privately", "recently", "both",
];

/// Words after a cue that continue an attribution frame rather than start its content
/// ("said on Twitter", "said in a statement", "told reporters").
pub const CUE_ADJUNCT_STARTS: &[&str] = &[
    "in", "on", "at", "late", "early", "earlier", "later", "during", "after", "before", "via",
    "through", "to", "from", "while", "when", "as", "last", "this", "yesterday", "today",
    "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "reporters", "journalists", "also", "afterwards", "recently", "again",
];

/// Pronouns that can name a speaker, with their number: `true` for plural.
pub const PRONOUNS: &[(&str, bool)] = &[("he", false), ("she", false), ("it", false), ("they", true), ("we", true), ("i", false)];

/// Determiners that may open a speaker mention.
pub const DETERMINERS_OF_MENTIONS: &[&str] = &["the", "a", "an", "both"];

/// Honorifics that precede a surname ("Mr Blinken").
pub const HONORIFICS: &[&str] = &["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady"];

/// Offices that precede or replace a name ("Foreign Secretary", "President"), longest first
/// within a shared head word so that the longest match wins.
pub const TITLES: &[&str] = &[
    "secretary of state", "foreign secretary", "home secretary", "defence secretary",
    "defense secretary", "press secretary", "secretary-general", "secretary general",
    "foreign minister", "defence minister", "defense minister", "prime minister",
    "deputy prime minister", "interior minister", "finance minister", "minister",
    "high representative", "president", "vice president", "chancellor", "secretary",
    "ambassador", "envoy", "senator", "sen.", "rep.", "representative", "governor", "gov.",
    "mayor", "general", "gen.", "commander", "chief", "king", "queen", "pope", "premier",
    "leader", "director", "chairman", "chairwoman", "chair", "adviser", "advisor",
    "national security adviser", "attorney general", "lawmaker", "congressman",
    "congresswoman", "prosecutor", "judge", "mp", "foreign policy chief",
];

/// Role nouns that describe a speaker by function ("spokesman", "official").
pub const ROLES: &[&str] = &[
    "spokesman", "spokeswoman", "spokesperson", "official", "officials", "source", "sources",
    "analyst", "expert", "diplomat", "diplomats", "aide", "representative", "negotiator",
    "minister", "secretary", "ministry", "officer", "witness",
    "witnesses", "residents", "resident", "spokespeople",
];

/// [`TITLES`] and [`ROLES`] split into words, for matching token by token.
pub static OFFICES: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| TITLES.iter().chain(ROLES).map(|phrase| phrase.split(' ').collect()).collect());

/// Last words of organisation names ("State Department", "Foreign Office").
pub const ORG_HEADS: &[&str] = &[
    "department", "office", "ministry", "kremlin", "government", "agency", "council",
    "commission", "committee", "service", "services", "army", "forces", "police", "union",
    "organization", "organisation", "nato", "un", "eu", "house", "parliament", "congress",
    "senate", "party", "court", "bank", "pentagon", "administration", "embassy", "staff",
    "command", "military", "guard", "fund", "institute", "group", "alliance", "cabinet",
];

/// Words that end a clause reported by an indirect quote when they follow a comma.
pub const CLAUSE_BREAKS: &[&str] = &["while", "but", "although", "though", "whereas", "despite", "amid", "as", "which", "adding", "saying"];

/// Words trimmed off the end of reported content ("... with Ukraine as").
pub const TRAILING_CONNECTIVES: &[&str] = &["and", "as", "while", "but", "or", "because", "when", "after", "before", "amid"];

/// Prepositions: a name right after one is an object, not a speaker.
pub const PREPOSITIONS: &[&str] = &[
    "with", "to", "of", "in", "on", "for", "from", "by", "at", "against", "about", "into",
    "over", "under", "between", "among", "toward", "towards", "than",
];

/// Abbreviations after which a period does not end a sentence.
pub const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "maj", "rep", "sen", "gov",
    "prof", "jr", "sr", "inc", "corp", "ltd", "co", "no", "vs", "etc", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
];

/// Words written with a capital that are not names (sentence openers, days, months).
pub const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i",
    "his", "her", "their", "our", "but", "and", "or", "if", "when", "while", "after", "before",
    "in", "on", "at", "for", "with", "from", "by", "to", "of", "as", "however", "meanwhile",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "both", "apart", "following", "during", "since", "there", "what",
    "who", "some", "many", "one", "two", "all", "last", "next", "read", "more", "updated", "former",
];
