//! Numeric claims: quantities tied to a kind (killed, wounded, ...) and their context.
//!
//! A quantity becomes a claim when its sentence ties it to a predicate, read from the
//! words next to the number:
//!
//! 1. a predicate after the counted noun ("14,000 people died", "two soldiers were
//!    killed", "20 missing");
//! 2. a predicate before the number ("has killed more than 13,000", "the death of
//!    14,000 people", "the death toll rose to 50", "the number of dead Russians at
//!    25,000", "displaced more than one million"), or a casualty word between the number
//!    and its noun ("37,000 dead Russian soldiers");
//! 3. a counted noun that implies the kind ("50 deaths", "2 million refugees",
//!    "300 prisoners of war", "100,000 troops"; plain "prisoners" may be convicts).
//!
//! The counted noun must name people: "100 countries" or "3 horizontal dots" are not
//! claims. A number with no noun of its own takes the subject of the claim before it in
//! the sentence ("killed 13,000 people and displaced more than one million").
//! A troop count needs at least 100 troops or a deployment word in the sentence
//! ("amassing", "deployed", "border"), so "two soldiers said" is no claim.
//!
//! Context, when the sentence states it:
//! - `subject`: the counted noun phrase ("Russian soldiers");
//! - `side`: from the subject or a side word right before the number, by the [`SIDES`]
//!   table. "Russian-backed", "Kremlin-backed", "pro-Russian" and "separatist" name a
//!   side of their own, `separatist`: the forces are local, neither Russian nor
//!   Ukrainian government forces;
//! - `place`: the first locative phrase after the number ("in eastern-Ukraine", "near
//!   the Ukrainian border", "on our border"), else the nearest one before it; a sentence
//!   with none takes a locative phrase of the nearest sentence of its paragraph, at most
//!   [`PLACE_REACH`] sentences away, that has one and no figure of its own (earlier
//!   sentences first, their last phrase; later ones, their first; a bare "in Russia" or
//!   "in Ukraine" gives way to a narrower place within reach): "the strike, in Nova
//!   Kakhovka, hit a warehouse. At least seven people were killed" puts the seven in
//!   Nova Kakhovka;
//! - `time`: the nearest time expression ([`dates::find_time_expressions`], anchored on
//!   the document date) at most 20 tokens away, skipping the time of the saying ("he
//!   said on Wednesday");
//! - `rate`: the unit of a rate phrase ("a day", "per week", "every day", "daily") in
//!   the number's clause within 12 tokens after it: "up to 100 soldiers a day" is 100
//!   per `day`, not a toll;
//! - `attributed_to`: the speaker of a quote containing the number, else the source
//!   of "according to X", else of "X said" or "said X" nearest the number: a named entity
//!   inside the phrase when NER ran, else the name after any title ("Ukraine's
//!   President Volodymyr Zelenskiy" gives "Volodymyr Zelenskiy"); pronouns give none.

use crate::dates;
use crate::doc::{Claim, ClaimKind, Doc, Quantity, Span, TimeScope};
use crate::numbers::{self, Token, TokenKind};

/// Predicates right after the counted noun (after auxiliaries), as word sequences.
const PREDICATES_AFTER: &[(&[&str], ClaimKind)] = &[
    (&["killed"], ClaimKind::Killed),
    (&["died"], ClaimKind::Killed),
    (&["die"], ClaimKind::Killed),
    (&["dies"], ClaimKind::Killed),
    (&["dying"], ClaimKind::Killed),
    (&["dead"], ClaimKind::Killed),
    (&["perished"], ClaimKind::Killed),
    (&["murdered"], ClaimKind::Killed),
    (&["executed"], ClaimKind::Killed),
    (&["slain"], ClaimKind::Killed),
    (&["massacred"], ClaimKind::Killed),
    (&["lost", "their", "lives"], ClaimKind::Killed),
    (&["as", "killed", "in", "action"], ClaimKind::Killed),
    (&["wounded"], ClaimKind::Wounded),
    (&["injured"], ClaimKind::Wounded),
    (&["hurt"], ClaimKind::Wounded),
    (&["as", "wounded", "in", "action"], ClaimKind::Wounded),
    (&["displaced"], ClaimKind::Displaced),
    (&["fled"], ClaimKind::Displaced),
    (&["flee"], ClaimKind::Displaced),
    (&["evacuated"], ClaimKind::Displaced),
    (&["uprooted"], ClaimKind::Displaced),
    (&["homeless"], ClaimKind::Displaced),
    (&["forced", "from", "their", "homes"], ClaimKind::Displaced),
    (&["forced", "to", "flee"], ClaimKind::Displaced),
    (&["captured"], ClaimKind::Captured),
    (&["detained"], ClaimKind::Captured),
    (&["arrested"], ClaimKind::Captured),
    (&["abducted"], ClaimKind::Captured),
    (&["kidnapped"], ClaimKind::Captured),
    (&["taken", "prisoner"], ClaimKind::Captured),
    (&["taken", "captive"], ClaimKind::Captured),
    (&["taken", "hostage"], ClaimKind::Captured),
    (&["held", "hostage"], ClaimKind::Captured),
    (&["missing"], ClaimKind::Missing),
    (&["unaccounted", "for"], ClaimKind::Missing),
];

/// Words skipped between the counted noun and its predicate ("were reportedly killed").
const AUXILIARIES: &[&str] = &[
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "been",
    "being",
    "be",
    "reportedly",
    "also",
    "all",
    "who",
    "allegedly",
    "already",
    "now",
    "believed",
    "thought",
    "feared",
    "said",
    "to",
    "confirmed",
    "still",
    "later",
    "either",
    "each",
    "so",
    "far",
    "either",
    "presumed",
    "likely",
    "apparently",
    "officially",
    "since",
    "among",
    "those",
];

/// Predicates before the number, as word sequences ending right before it.
const PREDICATES_BEFORE: &[(&[&str], ClaimKind)] = &[
    (&["killed"], ClaimKind::Killed),
    (&["killing"], ClaimKind::Killed),
    (&["kill"], ClaimKind::Killed),
    (&["kills"], ClaimKind::Killed),
    (&["massacred"], ClaimKind::Killed),
    (&["executed"], ClaimKind::Killed),
    (&["murdered"], ClaimKind::Killed),
    (&["murdering"], ClaimKind::Killed),
    (&["slaughtered"], ClaimKind::Killed),
    (&["slaughtering"], ClaimKind::Killed),
    (&["massacring"], ClaimKind::Killed),
    (&["death", "of"], ClaimKind::Killed),
    (&["deaths", "of"], ClaimKind::Killed),
    (&["claimed", "the", "lives", "of"], ClaimKind::Killed),
    (&["took", "the", "lives", "of"], ClaimKind::Killed),
    (&["cost", "the", "lives", "of"], ClaimKind::Killed),
    (&["killing", "of"], ClaimKind::Killed),
    (&["killings", "of"], ClaimKind::Killed),
    (&["bodies", "of"], ClaimKind::Killed),
    (&["wounded"], ClaimKind::Wounded),
    (&["wounding"], ClaimKind::Wounded),
    (&["injured"], ClaimKind::Wounded),
    (&["injuring"], ClaimKind::Wounded),
    (&["displaced"], ClaimKind::Displaced),
    (&["displacing"], ClaimKind::Displaced),
    (&["evacuated"], ClaimKind::Displaced),
    (&["evacuating"], ClaimKind::Displaced),
    (&["evacuation", "of"], ClaimKind::Displaced),
    (&["uprooted"], ClaimKind::Displaced),
    (&["captured"], ClaimKind::Captured),
    (&["capturing"], ClaimKind::Captured),
    (&["capture", "of"], ClaimKind::Captured),
    (&["detained"], ClaimKind::Captured),
    (&["detaining"], ClaimKind::Captured),
    (&["arrested"], ClaimKind::Captured),
    (&["arresting"], ClaimKind::Captured),
    (&["abducted"], ClaimKind::Captured),
    (&["kidnapped"], ClaimKind::Captured),
];

/// Words skipped between a predicate and the number after it ("killed a total of 50").
const BEFORE_SKIPS: &[&str] =
    &["a", "an", "the", "total", "of", "another", "additional", "further", "some", "reportedly", "now"];

/// Words that make a count of bodies a count of the unidentified, not a toll.
const UNIDENTIFIED_WORDS: &[&str] = &["unidentified", "unclaimed", "identified"];

/// Words that open a rate phrase after the counted noun ("per day", "a week").
const RATE_WORDS: &[&str] = &["per", "a", "an", "every", "each"];

/// Units of a rate phrase.
const RATE_UNITS: &[&str] = &["day", "week", "month", "hour"];

/// How many tokens after the number a rate phrase may start.
const RATE_REACH: usize = 12;

/// Words that, a few words before the number, make it a death toll ("toll rose to 50").
const TOLL_WORDS: &[&str] = &["toll"];
/// Casualty words that can stand before the counted noun ("37,000 dead Russian soldiers").
const ATTRIBUTIVE_CASUALTIES: &[&str] = &["dead", "wounded", "injured"];
/// Nouns that, with a casualty word after them, make a later number a toll ("the number
/// of dead at 25,000").
const COUNT_NOUNS: &[&str] = &["number", "count", "tally"];
/// Casualty words after a count noun, and the kind they count.
const COUNTED_CASUALTIES: &[(&str, ClaimKind)] = &[
    ("dead", ClaimKind::Killed),
    ("killed", ClaimKind::Killed),
    ("deaths", ClaimKind::Killed),
    ("fatalities", ClaimKind::Killed),
    ("wounded", ClaimKind::Wounded),
    ("injured", ClaimKind::Wounded),
];

/// Counted nouns that imply a kind on their own ("50 deaths", "300 prisoners").
const NOUN_KINDS: &[(&str, ClaimKind)] = &[
    ("deaths", ClaimKind::Killed),
    ("fatalities", ClaimKind::Killed),
    ("dead", ClaimKind::Killed),
    ("bodies", ClaimKind::Killed),
    ("corpses", ClaimKind::Killed),
    ("injured", ClaimKind::Wounded),
    ("wounded", ClaimKind::Wounded),
    ("injuries", ClaimKind::Wounded),
    ("refugees", ClaimKind::Displaced),
    ("evacuees", ClaimKind::Displaced),
    ("displaced", ClaimKind::Displaced),
    ("prisoners", ClaimKind::Captured),
    ("pows", ClaimKind::Captured),
    ("hostages", ClaimKind::Captured),
    ("captives", ClaimKind::Captured),
    ("detainees", ClaimKind::Captured),
    ("troops", ClaimKind::Troops),
    ("soldiers", ClaimKind::Troops),
    ("servicemen", ClaimKind::Troops),
    ("servicemembers", ClaimKind::Troops),
    ("forces", ClaimKind::Troops),
    ("personnel", ClaimKind::Troops),
    ("marines", ClaimKind::Troops),
    ("paratroopers", ClaimKind::Troops),
    ("reservists", ClaimKind::Troops),
    ("conscripts", ClaimKind::Troops),
    ("sailors", ClaimKind::Troops),
    ("guardsmen", ClaimKind::Troops),
];

/// "lives" counts the dead only after one of these ("claimed 50 lives").
const LIVES_VERBS: &[&str] = &["claimed", "claiming", "cost", "costing", "took", "taken", "lost"];

/// Words anywhere in the sentence that make a small troop count a deployment.
const DEPLOYMENT_WORDS: &[&str] = &[
    "deploy",
    "deployed",
    "deploying",
    "deployment",
    "amass",
    "amassed",
    "amassing",
    "massed",
    "massing",
    "stationed",
    "station",
    "concentrating",
    "concentrated",
    "send",
    "sent",
    "sending",
    "dispatch",
    "dispatched",
    "build-up",
    "buildup",
    "mobilized",
    "mobilised",
    "mobilizing",
    "mobilising",
    "withdraw",
    "withdrew",
    "withdrawing",
    "withdrawal",
    "border",
    "reinforcements",
    "surge",
    "troop",
];

/// Words that end a counted noun phrase after the number.
const PHRASE_BREAKS: &[&str] = &[
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "and",
    "or",
    "but",
    "as",
    "that",
    "which",
    "who",
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "been",
    "since",
    "during",
    "after",
    "before",
    "near",
    "along",
    "across",
    "including",
    "than",
    "the",
    "a",
    "an",
    "said",
    "says",
    "this",
    "these",
    "those",
    "it",
    "killed",
    "died",
    "dead",
    "wounded",
    "injured",
    "missing",
    "displaced",
    "fled",
    "more",
    "less",
    "each",
    "per",
    "will",
    "would",
    "could",
    "may",
    "might",
    "can",
    "into",
    "over",
    "under",
    "while",
    "when",
    "there",
];

/// Nouns that make a counted noun before them a modifier ("armoured personnel carriers").
const COMPOUND_HEADS: &[&str] = &[
    "carriers",
    "carrier",
    "vehicles",
    "vehicle",
    "mines",
    "camps",
    "camp",
    "centers",
    "centres",
    "shelters",
    "homes",
    "rights",
    "groups",
    "organizations",
    "organisations",
    "numbers",
    "figures",
    "cases",
    "quarters",
    "buses",
    "trucks",
    "stations",
    "cars",
    "units",
    "jackets",
    "uniforms",
    "boats",
    "ships",
    "flights",
];

/// Words after "N of" that still lead to the counted noun ("two of the soldiers").
const OF_DETERMINERS: &[&str] = &["the", "them", "those", "whom", "its", "their", "our", "his", "her"];

/// Side names by the word that signals them (lower case).
pub const SIDES: &[(&str, &str)] = &[
    ("russian-backed", "separatist"),
    ("kremlin-backed", "separatist"),
    ("moscow-backed", "separatist"),
    ("pro-russian", "separatist"),
    ("pro-moscow", "separatist"),
    ("separatist", "separatist"),
    ("separatists", "separatist"),
    ("russian", "Russian"),
    ("russians", "Russian"),
    ("russia's", "Russian"),
    ("kremlin's", "Russian"),
    ("moscow's", "Russian"),
    ("ukrainian", "Ukrainian"),
    ("ukrainians", "Ukrainian"),
    ("ukraine's", "Ukrainian"),
    ("kyiv's", "Ukrainian"),
    ("kiev's", "Ukrainian"),
    ("pro-ukrainian", "Ukrainian"),
    ("american", "American"),
    ("americans", "American"),
    ("u.s.", "American"),
    ("us", "American"),
    ("british", "British"),
    ("israeli", "Israeli"),
    ("israelis", "Israeli"),
    ("palestinian", "Palestinian"),
    ("palestinians", "Palestinian"),
    ("syrian", "Syrian"),
    ("syrians", "Syrian"),
    ("afghan", "Afghan"),
    ("afghans", "Afghan"),
    ("iraqi", "Iraqi"),
    ("iraqis", "Iraqi"),
    ("iranian", "Iranian"),
    ("turkish", "Turkish"),
    ("kurdish", "Kurdish"),
    ("pakistani", "Pakistani"),
    ("nato", "NATO"),
    ("taliban", "Taliban"),
    ("isis", "ISIS"),
];

/// Prepositions that open a place phrase.
const PLACE_PREPOSITIONS: &[&str] =
    &["in", "near", "along", "on", "at", "across", "inside", "outside", "around", "within", "throughout"];

/// Determiners inside a place phrase.
const PLACE_DETERMINERS: &[&str] = &["the", "our", "its", "their", "his", "her", "this", "that", "a"];

/// Lower-case words that can head or modify a place phrase.
const PLACE_WORDS: &[&str] = &[
    "border",
    "borders",
    "region",
    "regions",
    "city",
    "cities",
    "town",
    "towns",
    "village",
    "villages",
    "country",
    "area",
    "areas",
    "east",
    "west",
    "north",
    "south",
    "capital",
    "province",
    "provinces",
    "oblast",
    "front",
    "frontline",
    "front-line",
    "territory",
    "territories",
    "peninsula",
    "coast",
    "district",
    "zone",
    "eastern",
    "western",
    "northern",
    "southern",
    "central",
    "north-east",
    "south-east",
    "north-west",
    "south-west",
    "northeastern",
    "southeastern",
    "northwestern",
    "southwestern",
    "occupied",
    "besieged",
    "rebel-held",
    "separatist-held",
    "war-torn",
    "port",
    "frontier",
    "countryside",
    "republic",
    "republics",
];

/// Capitalised words that follow a preposition but are not places (nor sources).
const NOT_PLACES: &[&str] = &[
    "Twitter",
    "Facebook",
    "Telegram",
    "Instagram",
    "YouTube",
    "TV",
    "CNN",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "English",
    "Russian",
    "Ukrainian",
    "I",
    "He",
    "She",
    "It",
    "They",
    "We",
    "Christmas",
    "Easter",
];

/// Verbs that attribute a statement to the source before or after them.
const SAY_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "claimed",
    "claims",
    "reported",
    "reports",
    "estimated",
    "estimates",
    "announced",
    "stated",
    "added",
    "confirmed",
    "confirms",
    "insisted",
    "noted",
    "wrote",
    "tweeted",
    "warned",
];

/// How many tokens may stand between a number and its time expression.
const MAX_TIME_DISTANCE: usize = 20;

/// Words before a time expression that make it the time of the saying, not the event.
const SAYING_WORDS: &[&str] = &[
    "said",
    "says",
    "told",
    "posted",
    "statement",
    "announced",
    "speech",
    "video",
    "interview",
    "tweet",
    "tweeted",
    "wrote",
    "briefing",
    "website",
];

/// Lower-case nouns that can be a source ("officials said", "the ministry said").
const SOURCE_NOUNS: &[&str] = &[
    "officials",
    "official",
    "ministry",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "military",
    "army",
    "police",
    "authorities",
    "government",
    "agency",
    "sources",
    "source",
    "witnesses",
    "office",
    "command",
    "staff",
    "department",
    "service",
    "council",
    "mission",
    "governor",
    "mayor",
    "president",
    "minister",
    "secretary",
    "commander",
    "general",
    "monitors",
    "observers",
    "organization",
    "organisation",
    "group",
    "defense",
    "defence",
    "foreign",
    "interior",
    "health",
    "state",
    "emergency",
    "emergencies",
    "media",
    "justice",
    "statistics",
    "figures",
    "data",
    "estimates",
    "report",
    "reports",
    "count",
    "tally",
    "agencies",
    "ministries",
    "rights",
    "watchdog",
    "activists",
    "monitor",
    "groups",
    "prosecutors",
    "investigators",
    "doctors",
    "medics",
    "hospital",
    "coroner",
    "rescuers",
    "workers",
    "intelligence",
    "services",
    "forces",
];

/// Title words stripped before a person's name ("President", "Foreign Minister").
const TITLES: &[&str] = &[
    "president",
    "prime",
    "minister",
    "foreign",
    "defense",
    "defence",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chancellor",
    "general",
    "gen",
    "lt",
    "col",
    "colonel",
    "major",
    "captain",
    "capt",
    "sgt",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "mayor",
    "chief",
    "commander",
    "ambassador",
    "king",
    "queen",
    "prince",
    "pope",
    "deputy",
    "vice",
    "interior",
    "health",
    "state",
    "director",
    "head",
    "chairman",
    "adviser",
    "advisor",
    "lieutenant",
    "admiral",
    "envoy",
    "leader",
    "officer",
    "official",
    "the",
    "of",
];

/// Pronouns: a source that names no one.
const PRONOUNS: &[&str] =
    &["he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this", "what", "where", "when", "how"];

/// Numeric claims in the document, in order.
pub fn claims(doc: &Doc) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    let mut sentence_cache: Option<Sentence> = None;
    for quantity in &doc.quantities {
        let Some(index) = doc.sentences.iter().position(|s| s.contains(quantity.span)) else { continue };
        if sentence_cache.as_ref().is_none_or(|s| s.index != index) {
            sentence_cache = Some(Sentence::new(doc, index));
        }
        let Some(sentence) = sentence_cache.as_ref() else { continue };
        let previous = out.last().filter(|c| c.sentence == index);
        if let Some(mut claim) = sentence.claim(quantity, previous) {
            claim.place = claim.place.or_else(|| place_in_paragraph(doc, index));
            out.push(claim);
        }
    }
    out
}

/// How many sentences away, in the same paragraph, a claim without a place looks for one.
pub const PLACE_REACH: usize = 2;

/// Countries whose bare name ("in Russia", "across Ukraine") says less about where a
/// figure of this war belongs than a town or region a sentence further on.
const WHOLE_COUNTRIES: &[&str] = &["russia", "ukraine"];

/// The place of the nearest sentence within [`PLACE_REACH`] of sentence `index`, in its
/// paragraph, that has one and states no figure of its own (its places are that
/// figure's: "... 25,000. That is far more than the 15,000 lost in Afghanistan"): the
/// last locative phrase of an earlier sentence, the first of a later one; at equal
/// distance the earlier sentence wins. A phrase that only names a whole country gives
/// way to a narrower one within reach ("killing four. ... in Russia ... the attack in
/// Belgorod" -> Belgorod).
fn place_in_paragraph(doc: &Doc, index: usize) -> Option<Span> {
    let paragraph = *doc.cleaning.content.iter().find(|p| p.contains(doc.sentences[index]))?;
    let in_paragraph = |j: usize| {
        doc.sentences
            .get(j)
            .is_some_and(|s| paragraph.contains(*s) && !doc.quantities.iter().any(|q| s.contains(q.span)))
    };
    let mut candidates = (1..=PLACE_REACH)
        .flat_map(|distance| {
            let before = index.checked_sub(distance).filter(|&j| in_paragraph(j));
            let after = Some(index + distance).filter(|&j| in_paragraph(j));
            [(before, true), (after, false)]
        })
        .filter_map(|(sentence, last)| {
            let sentence = Sentence::new(doc, sentence?);
            let mut places = sentence.places();
            if last {
                places.next_back()
            } else {
                places.next()
            }
        });
    let nearest = candidates.next()?;
    if !names_whole_country(doc.slice(nearest)) {
        return Some(nearest);
    }
    candidates.find(|&place| !names_whole_country(doc.slice(place))).or(Some(nearest))
}

/// Whether a place phrase is a preposition and a bare country name ("in Russia’s").
fn names_whole_country(phrase: &str) -> bool {
    let mut words = phrase.split_whitespace().skip(1);
    let name = words.next().map(|w| w.trim_end_matches("’s").trim_end_matches("'s").to_lowercase());
    words.next().is_none() && name.is_some_and(|n| WHOLE_COUNTRIES.contains(&n.as_str()))
}

/// One sentence, tokenised in normalised text, with the document around it.
struct Sentence<'a> {
    doc: &'a Doc,
    index: usize,
    /// Normalised byte offset where the sentence starts.
    base: usize,
    text: &'a str,
    tokens: Vec<Token>,
}

/// What follows a number: a counted noun phrase, nothing, or a noun that is not people.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Subject {
    /// Token range of the phrase and the index of its head noun.
    People(usize, usize),
    /// No noun of its own ("displaced more than one million since").
    Elided(usize),
    /// A noun that does not count people ("100 countries").
    Other,
}

impl<'a> Sentence<'a> {
    fn new(doc: &'a Doc, index: usize) -> Self {
        let span = doc.sentences[index];
        let base = doc.normalized.from_original(span.start);
        let end = doc.normalized.from_original(span.end);
        let text = doc.normalized.text.get(base..end).unwrap_or("");
        Sentence { doc, index, base, text, tokens: numbers::tokenize(text) }
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        let token = self.tokens.get(i)?;
        (token.kind == TokenKind::Word).then(|| &self.text[token.start..token.end])
    }

    fn lower(&self, i: usize) -> Option<String> {
        self.word(i).map(str::to_lowercase)
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.word(i).is_some_and(|w| w.eq_ignore_ascii_case(word))
    }

    /// The original span of tokens `from..to`.
    fn span(&self, from: usize, to: usize) -> Span {
        let start = self.base + self.tokens[from].start;
        let end = self.base + self.tokens[to - 1].end;
        self.doc.normalized.span_to_original(start, end)
    }

    /// Token range `[first, end)` covering an original span.
    fn token_range(&self, span: Span) -> Option<(usize, usize)> {
        let start = self.doc.normalized.from_original(span.start).checked_sub(self.base)?;
        let end = self.doc.normalized.from_original(span.end).checked_sub(self.base)?;
        let first = self.tokens.iter().position(|t| t.start >= start)?;
        let last = self.tokens.iter().rposition(|t| t.end <= end)?;
        (first <= last).then_some((first, last + 1))
    }

    /// The claim a quantity makes in this sentence, if any.
    fn claim(&self, quantity: &Quantity, previous: Option<&Claim>) -> Option<Claim> {
        let (first, end) = self.token_range(quantity.span)?;
        let subject = self.subject_after(end);
        if subject == Subject::Other {
            return None;
        }
        let (kind, from_verb_before) = self.kind(quantity, first, end, subject, previous)?;
        let (subject_span, side) = match subject {
            Subject::People(from, to) => (Some(self.span(from, to)), self.side(from, to, first)),
            _ => match previous.filter(|p| from_verb_before && self.shares_subject(p)) {
                Some(p) => (p.subject, p.side.clone()),
                None => (None, self.side(first, first, first)),
            },
        };
        Some(Claim {
            kind,
            quantity: quantity.clone(),
            sentence: self.index,
            subject: subject_span,
            side,
            place: self.place(first, end),
            time: self.time(first, end),
            rate: self.rate(end),
            attributed_to: self.attribution(quantity.span, first),
        })
    }

    /// The counted noun phrase after token `end`.
    fn subject_after(&self, end: usize) -> Subject {
        let mut start = end;
        if self.is(start, "of") {
            let determiner = self.lower(start + 1).is_some_and(|w| OF_DETERMINERS.contains(&w.as_str()));
            if determiner || (start + 1..start + 4).any(|k| self.word(k).is_some_and(is_subject_noun)) {
                start += if determiner { 2 } else { 1 };
            }
        }
        let attributive = self.lower(start).is_some_and(|w| ATTRIBUTIVE_CASUALTIES.contains(&w.as_str()));
        if attributive && (start + 1..start + 4).any(|k| self.word(k).is_some_and(is_subject_noun)) {
            start += 1;
        }
        let Some(first) = self.lower(start) else { return Subject::Elided(end) };
        if PHRASE_BREAKS.contains(&first.as_str()) {
            return Subject::Elided(start);
        }
        for k in start..start + 4 {
            let Some(word) = self.word(k) else { break };
            let lower = word.to_lowercase();
            let next_noun = self
                .word(k + 1)
                .is_some_and(|w| is_subject_noun(w) && !PHRASE_BREAKS.contains(&w.to_lowercase().as_str()));
            if is_subject_noun(word) && !next_noun {
                if self.lower(k + 1).is_some_and(|w| COMPOUND_HEADS.contains(&w.as_str())) {
                    return Subject::Other;
                }
                return Subject::People(start, k + 1);
            }
            if PHRASE_BREAKS.contains(&lower.as_str()) {
                break;
            }
        }
        Subject::Other
    }

    /// Whether a number without a noun can share the previous claim's counted noun: only
    /// a plain one ("people", "soldiers"), not one that is itself a kind ("deaths").
    fn shares_subject(&self, previous: &Claim) -> bool {
        let Some(subject) = previous.subject else { return false };
        let head = self.doc.slice(subject).rsplit(' ').next().unwrap_or("").to_lowercase();
        noun_kind(&head).is_none_or(|k| k == ClaimKind::Troops)
    }

    /// The kind of claim, from the predicates around the number and the counted noun, and
    /// whether it came from a predicate before the number.
    fn kind(
        &self,
        quantity: &Quantity,
        first: usize,
        end: usize,
        subject: Subject,
        previous: Option<&Claim>,
    ) -> Option<(ClaimKind, bool)> {
        let after = match subject {
            Subject::People(_, to) => to,
            Subject::Elided(at) => at,
            Subject::Other => end,
        };
        let head = match subject {
            Subject::People(_, to) => self.lower(to - 1),
            _ => None,
        };
        let attributive = self.lower(end).is_some_and(|w| ATTRIBUTIVE_CASUALTIES.contains(&w.as_str()));
        if let Some(kind) = self.predicate_after(end).filter(|_| attributive) {
            return Some((kind, false));
        }
        let prisoners_of_war = self.is(after, "of") && self.is(after + 1, "war");
        let predicate_from = if prisoners_of_war { after + 2 } else { after };
        if let Some(kind) = self.predicate_after(predicate_from) {
            return Some((kind, false));
        }
        if let Some(kind) = self.predicate_before(first) {
            return Some((kind, true));
        }
        if head.as_deref() == Some("lives") {
            let verb = self.lower(first.checked_sub(1)?).filter(|w| LIVES_VERBS.contains(&w.as_str()));
            return verb.map(|_| (ClaimKind::Killed, false));
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
        let including = first.checked_sub(1).is_some_and(|p| self.is(p, "including"));
        previous.filter(|_| including).map(|p| (p.kind, false))
    }

    /// Whether the clause after a count of bodies says they are unidentified or unclaimed
    /// ("Eleven bodies, including two children, remain unidentified"): not a death toll.
    fn unidentified_after(&self, from: usize) -> bool {
        (from..(from + 8).min(self.tokens.len()))
            .take_while(|k| !self.ends_clause(*k))
            .any(|k| self.lower(k).is_some_and(|w| UNIDENTIFIED_WORDS.contains(&w.as_str())))
    }

    /// A predicate after the counted noun, over auxiliaries and an "including ..." aside.
    fn predicate_after(&self, from: usize) -> Option<ClaimKind> {
        let mut k = from + self.rate_at(from);
        if self.is_comma(k) && self.is(k + 1, "including") {
            k += 1;
        }
        if self.is(k, "including") {
            k = (k + 1..k + 8).find(|n| self.lower(*n).is_some_and(|w| AUXILIARIES.contains(&w.as_str())))?;
        }
        if self.lower(k).is_some_and(|w| ["in", "near", "at", "on", "from"].contains(&w.as_str())) {
            let aside = (k + 1..k + 9).take_while(|n| self.word(*n).is_some());
            let resumes = |n: &usize| {
                self.lower(*n).is_some_and(|w| AUXILIARIES.contains(&w.as_str()))
                    || self.predicate_at(*n, PREDICATES_AFTER).is_some()
            };
            k = aside.into_iter().find(resumes)?;
        }
        let from = k;
        while self.lower(k).is_some_and(|w| AUXILIARIES.contains(&w.as_str())) && k < from + 5 {
            if let Some(kind) = self.predicate_at(k, PREDICATES_AFTER).or_else(|| self.coordinated_predicate(k + 1)) {
                return Some(kind);
            }
            k += 1;
        }
        self.predicate_at(k, PREDICATES_AFTER)
    }

    /// A predicate after another participle and "and"/"or" ("were tortured and killed").
    fn coordinated_predicate(&self, k: usize) -> Option<ClaimKind> {
        let participle = self.lower(k).is_some_and(|w| w.ends_with("ed"));
        let conjunction = self.is(k + 1, "and") || self.is(k + 1, "or");
        (participle && conjunction).then(|| self.predicate_at(k + 2, PREDICATES_AFTER)).flatten()
    }

    /// The unit of a rate phrase within [`RATE_REACH`] tokens after the number, in its
    /// clause ("up to 100 deaths and 500 wounded every day", "were dying each day"); "a
    /// day after" and "a day earlier" are times, not rates.
    fn rate(&self, end: usize) -> Option<&'static str> {
        let clause = (end..(end + RATE_REACH).min(self.tokens.len())).take_while(|k| !self.ends_clause(*k));
        clause.into_iter().find_map(|k| {
            let unit = match self.rate_at(k) {
                2 => self.lower(k + 1)?,
                1 => "day".to_string(),
                _ => return None,
            };
            let next = self.lower(k + self.rate_at(k)).unwrap_or_default();
            let is_time = ["after", "before", "earlier", "later", "ago"].contains(&next.as_str());
            RATE_UNITS.iter().find(|u| **u == unit).copied().filter(|_| !is_time)
        })
    }

    /// Whether token `k` is a comma.
    fn is_comma(&self, k: usize) -> bool {
        self.tokens.get(k).is_some_and(|t| t.kind == TokenKind::Punct && &self.text[t.start..t.end] == ",")
    }

    /// Whether token `k` is punctuation that ends a clause (not a comma).
    fn ends_clause(&self, k: usize) -> bool {
        let token = &self.tokens[k];
        token.kind == TokenKind::Punct && [".", ";", ":", "?", "!"].contains(&&self.text[token.start..token.end])
    }

    /// How many tokens a rate phrase at token `k` takes ("per day", "a week", "daily"):
    /// "60-100 soldiers per day as killed in action" states its predicate after it.
    fn rate_at(&self, k: usize) -> usize {
        let per = self.lower(k).is_some_and(|w| RATE_WORDS.contains(&w.as_str()));
        let unit = self.lower(k + 1).is_some_and(|w| RATE_UNITS.contains(&w.as_str()));
        match (per && unit, self.is(k, "daily")) {
            (true, _) => 2,
            (false, true) => 1,
            (false, false) => 0,
        }
    }

    /// A predicate from `table` starting at token `k`.
    fn predicate_at(&self, k: usize, table: &[(&[&str], ClaimKind)]) -> Option<ClaimKind> {
        table.iter().find(|(words, _)| words.iter().enumerate().all(|(n, w)| self.is(k + n, w))).map(|(_, kind)| *kind)
    }

    fn predicate_before(&self, first: usize) -> Option<ClaimKind> {
        let mut p = first;
        for _ in 0..4 {
            p = p.checked_sub(1)?;
            for (words, kind) in PREDICATES_BEFORE {
                let start = (p + 1).checked_sub(words.len());
                if start.is_some_and(|s| words.iter().enumerate().all(|(n, w)| self.is(s + n, w))) {
                    return Some(*kind);
                }
            }
            if let Some(kind) = self.toll_before(p) {
                return Some(kind);
            }
            if !self.lower(p).is_some_and(|w| BEFORE_SKIPS.contains(&w.as_str())) {
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

    fn is_deployment(&self, quantity: &Quantity) -> bool {
        let size = quantity.high.or(quantity.low).unwrap_or(0);
        size >= 100
            || (0..self.tokens.len()).any(|k| self.lower(k).is_some_and(|w| DEPLOYMENT_WORDS.contains(&w.as_str())))
    }

    /// The side named in the subject, or by a side word right before the number
    /// ("Russia’s 40", "the number of dead Russians at 25,000").
    fn side(&self, from: usize, to: usize, first: usize) -> Option<String> {
        let before = first.saturating_sub(2)..first;
        (from..to).chain(before).find_map(|k| side_of(self.word(k)?)).map(str::to_string)
    }

    /// The place phrase tied to the number: the first after it, else the nearest before.
    fn place(&self, first: usize, end: usize) -> Option<Span> {
        let after = (end..self.tokens.len()).take_while(|k| !self.is_clause_break(*k)).find_map(|k| self.place_at(k));
        let found = after.or_else(|| (0..first).rev().find_map(|k| self.place_at(k).filter(|(_, to)| *to <= first)));
        found.map(|(from, to)| self.span(from, to))
    }

    /// The locative phrases of the sentence, by start; either end can be taken first.
    fn places(&self) -> impl DoubleEndedIterator<Item = Span> + '_ {
        (0..self.tokens.len()).filter_map(|k| self.place_at(k)).map(|(from, to)| self.span(from, to))
    }

    fn is_clause_break(&self, k: usize) -> bool {
        self.tokens
            .get(k)
            .is_some_and(|t| t.kind == TokenKind::Punct && [";", "\""].contains(&&self.text[t.start..t.end]))
    }

    /// A place phrase starting at token `k` ("near the Ukrainian border"), as a range.
    fn place_at(&self, k: usize) -> Option<(usize, usize)> {
        let preposition = self.lower(k)?;
        if !PLACE_PREPOSITIONS.contains(&preposition.as_str()) {
            return None;
        }
        let mut j = k + 1;
        if self.lower(j).is_some_and(|w| PLACE_DETERMINERS.contains(&w.as_str())) {
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
        let has_head = (j..to).any(|n| self.word(n).is_some_and(is_place_head));
        if !has_head {
            return None;
        }
        Some((k, self.of_tail(to)))
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
        let token = self.tokens.get(j)?;
        let start = self.doc.normalized.to_original(self.base + token.start);
        let entity = self.doc.entities.iter().find(|e| e.span.start == start && e.label == "LOC")?;
        let end = self.doc.normalized.from_original(entity.span.end).checked_sub(self.base)?;
        self.tokens.iter().position(|t| t.start >= end).or(Some(self.tokens.len()))
    }

    /// The time expression nearest the number, skipping the time of the saying.
    fn time(&self, first: usize, end: usize) -> Option<TimeScope> {
        let number = self.tokens[first].start..self.tokens[end - 1].end;
        let token_distance = |t: &dates::TimeExpr| {
            let between =
                if t.range.start >= number.end { number.end..t.range.start } else { t.range.end..number.start };
            self.tokens.iter().filter(|tok| between.start <= tok.start && tok.end <= between.end).count()
        };
        dates::find_time_expressions(self.text, self.doc.date())
            .into_iter()
            .filter(|t| t.range.end <= number.start || t.range.start >= number.end)
            .filter(|t| !self.is_saying_time(t.range.start, &number))
            .map(|t| (token_distance(&t), t))
            .filter(|(distance, _)| *distance <= MAX_TIME_DISTANCE)
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, t)| t)
            .map(|t| TimeScope {
                span: self.doc.normalized.span_to_original(self.base + t.range.start, self.base + t.range.end),
                from: t.from,
                to: t.to,
            })
    }

    /// Whether a saying word stands in the six words before `start` with no number between.
    fn is_saying_time(&self, start: usize, number: &std::ops::Range<usize>) -> bool {
        let Some(at) = self.tokens.iter().position(|t| t.start >= start) else { return false };
        (at.saturating_sub(6)..at).any(|k| {
            self.lower(k).is_some_and(|w| SAYING_WORDS.contains(&w.as_str()))
                && !(self.tokens[k].start < number.start && number.end <= start)
        })
    }

    /// Who asserts the number: a quote's speaker, else the nearest stated source.
    fn attribution(&self, span: Span, first: usize) -> Option<Span> {
        let quoted = self.doc.quotes.iter().find(|q| q.content.contains(span)).and_then(|q| q.speaker.as_ref());
        if let Some(speaker) = quoted {
            return Some(speaker.span);
        }
        let mut candidates: Vec<(usize, (usize, usize))> = Vec::new();
        for k in 0..self.tokens.len() {
            let distance = k.abs_diff(first);
            if self.is(k, "according") && self.is(k + 1, "to") {
                candidates.extend(self.name_after(k + 2).map(|r| (0, r)));
            } else if self.lower(k).is_some_and(|w| SAY_VERBS.contains(&w.as_str())) {
                let source = self.name_before(k).or_else(|| self.name_after(k + 1));
                candidates.extend(source.map(|r| (distance, r)));
            }
        }
        let (_, (from, to)) = candidates.into_iter().min_by_key(|(d, _)| *d)?;
        Some(self.preferred_entity(self.span(from, to)))
    }

    /// The source phrase ending right before token `verb` ("Kiev", "Ukrainian officials");
    /// a lone side adjective is no source ("Russian claims that" is a noun phrase).
    fn name_before(&self, verb: usize) -> Option<(usize, usize)> {
        let mut end = verb;
        while end > 0 && self.lower(end - 1).is_some_and(|w| ["have", "has", "had"].contains(&w.as_str())) {
            end -= 1;
        }
        if end > 0 && self.text_of(end - 1) == Some(",") {
            let comma = (end.saturating_sub(10)..end - 1).rev().find(|k| self.text_of(*k) == Some(","))?;
            let apposition = comma + 1..end - 1;
            if !apposition.is_empty() && apposition.clone().all(|k| self.word(k).is_some_and(is_capitalized_name)) {
                return Some((apposition.start, apposition.end));
            }
            end = comma;
        }
        let mut from = end;
        while from > 0 && end - from < 8 {
            let Some(word) = self.word(from - 1) else { break };
            let lower = word.to_lowercase();
            let connector = ["of", "for", "and"].contains(&lower.as_str())
                && from >= 2
                && self.word(from - 2).is_some_and(is_capitalized_name);
            let possessive = (lower.ends_with("'s") || lower.ends_with("’s")) && from < end;
            let adjective = from < end
                && self.lower(from).is_some_and(|w| SOURCE_NOUNS.contains(&w.as_str()))
                && !PRONOUNS.contains(&lower.as_str())
                && !PHRASE_BREAKS.contains(&lower.as_str());
            if !(is_capitalized_name(word)
                || SOURCE_NOUNS.contains(&lower.as_str())
                || connector
                || is_side_word(&lower)
                || possessive
                || adjective)
            {
                break;
            }
            from -= 1;
        }
        self.trimmed_name(from, end)
    }

    /// The source phrase starting at token `from` ("Kiev", "Ukrainian Foreign Minister
    /// Dmytro Kuleba").
    fn name_after(&self, start: usize) -> Option<(usize, usize)> {
        let mut from = start;
        if self.is(from, "the") {
            from += 1;
        }
        if self.word(from).is_some_and(|w| NOT_PLACES.contains(&w)) {
            return None;
        }
        let mut to = from;
        while to < from + 8 {
            let Some(word) = self.word(to) else { break };
            let lower = word.to_lowercase();
            let connector =
                ["of", "for", "and"].contains(&lower.as_str()) && self.word(to + 1).is_some_and(is_capitalized_name);
            let adjective = self.lower(to + 1).is_some_and(|w| SOURCE_NOUNS.contains(&w.as_str()))
                && !PHRASE_BREAKS.contains(&lower.as_str());
            if !(is_capitalized_name(word)
                || SOURCE_NOUNS.contains(&lower.as_str())
                || connector
                || is_side_word(&lower)
                || adjective)
            {
                break;
            }
            to += 1;
        }
        if self.text_of(to) == Some(",")
            && to > from
            && self.lower(to - 1).is_some_and(|w| is_title(&w) || SOURCE_NOUNS.contains(&w.as_str()))
        {
            let names = (to + 1..).take_while(|k| self.word(*k).is_some_and(is_capitalized_name)).count();
            if names > 0 {
                return Some((to + 1, to + 1 + names));
            }
        }
        self.trimmed_name(from, to)
    }

    /// A source phrase without leading determiners and titles; `None` for pronouns.
    fn trimmed_name(&self, mut from: usize, to: usize) -> Option<(usize, usize)> {
        while from < to && self.lower(from).is_some_and(|w| ["the", "a", "an"].contains(&w.as_str())) {
            from += 1;
        }
        if from >= to || self.lower(from).is_some_and(|w| PRONOUNS.contains(&w.as_str())) {
            return None;
        }
        let lone_adjective = to == from + 1 && self.lower(from).is_some_and(|w| is_side_word(&w) && w.ends_with("ian"));
        if lone_adjective {
            return None;
        }
        let last_title = (from..to).rev().find(|k| self.lower(*k).is_some_and(|w| is_title(&w)));
        let is_person_name = |t: usize| {
            (t + 1..to).all(|k| {
                self.word(k)
                    .is_some_and(|w| is_capitalized_name(w) && !SOURCE_NOUNS.contains(&w.to_lowercase().as_str()))
            })
        };
        match last_title {
            Some(t) if t + 1 < to && is_person_name(t) => Some((t + 1, to)),
            _ => Some((from, to)),
        }
    }

    fn text_of(&self, i: usize) -> Option<&'a str> {
        self.tokens.get(i).map(|t| &self.text[t.start..t.end])
    }

    /// A PER, else ORG or LOC, entity inside `span` when NER ran; else `span` itself.
    fn preferred_entity(&self, span: Span) -> Span {
        let inside: Vec<_> = self.doc.entities.iter().filter(|e| span.contains(e.span)).collect();
        inside
            .iter()
            .rev()
            .find(|e| e.label == "PER")
            .or_else(|| inside.iter().rev().find(|e| e.label != "MISC"))
            .map_or(span, |e| e.span)
    }
}

fn is_subject_noun(word: &str) -> bool {
    numbers::is_counted_noun(word) || noun_kind(&word.to_lowercase()).is_some() || word.eq_ignore_ascii_case("lives")
}

fn noun_kind(lower: &str) -> Option<ClaimKind> {
    NOUN_KINDS.iter().find(|(n, _)| *n == lower).map(|(_, k)| *k)
}

fn side_of(word: &str) -> Option<&'static str> {
    let lower = word.to_lowercase();
    SIDES.iter().find(|(w, _)| *w == lower).map(|(_, side)| *side)
}

fn is_side_word(lower: &str) -> bool {
    SIDES.iter().any(|(w, _)| *w == lower)
}

fn is_title(lower: &str) -> bool {
    TITLES.contains(&lower) || lower.ends_with("'s") || (is_side_word(lower) && !lower.ends_with('s'))
}

/// A word whose last hyphen-separated part is capitalised ("Kiev", "eastern-Ukraine",
/// "Rome-Italy"; not "Russian-operated").
fn is_capitalized_name(word: &str) -> bool {
    word.rsplit('-').next().is_some_and(|last| last.starts_with(char::is_uppercase))
}

/// Whether a word of a place phrase can be its head: not a direction or state adjective
/// ("eastern"), not a side adjective ("Ukrainian"), not a date or medium ("Friday").
fn is_place_head(word: &str) -> bool {
    let lower = word.to_lowercase();
    let modifier = ["eastern", "western", "northern", "southern", "central", "occupied", "besieged", "war-torn"]
        .contains(&lower.as_str());
    let bare = word.strip_suffix("'s").unwrap_or(word);
    !modifier && !is_side_word(&lower) && !NOT_PLACES.contains(&bare) && bare.len() == word.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{DateOrigin, Meta, PartialDate};

    fn doc_of(text: &str, date: Option<PartialDate>) -> Doc {
        let mut doc = Doc::new(text.to_string(), Meta::default());
        doc.sentences = vec![Span::new(0, doc.text.len())];
        doc.cleaning.date = date.map(|d| (d, DateOrigin::Stated));
        doc.quantities = numbers::quantities(&doc);
        doc
    }

    fn text_of(doc: &Doc, span: Option<Span>) -> Option<&str> {
        span.map(|s| doc.slice(s))
    }

    #[test]
    fn seed_000_killed_and_displaced_since_april_2014() {
        let text =
            "The conflict has killed more than 13,000 people and displaced more than one million since April 2014.";
        let doc = doc_of(text, Some(PartialDate::day(2021, 4, 11)));
        let found = claims(&doc);
        assert_eq!(found.len(), 2);
        let (killed, displaced) = (&found[0], &found[1]);
        assert_eq!(killed.kind, ClaimKind::Killed);
        assert_eq!((killed.quantity.low, killed.quantity.high), (Some(13_000), None));
        assert_eq!(killed.quantity.qualifier.as_deref(), Some("more_than"));
        assert_eq!(text_of(&doc, killed.subject), Some("people"));
        let time = killed.time.as_ref().unwrap();
        assert_eq!(
            (doc.slice(time.span), time.from, time.to),
            ("since April 2014", Some(PartialDate::month(2014, 4)), None)
        );
        assert_eq!(displaced.kind, ClaimKind::Displaced);
        assert_eq!((displaced.quantity.low, displaced.quantity.high), (Some(1_000_000), None));
        assert_eq!(text_of(&doc, displaced.subject), Some("people"));
        assert_eq!(displaced.time.as_ref().unwrap().from, Some(PartialDate::month(2014, 4)));
        assert_eq!((killed.place, killed.attributed_to), (None, None));
    }

    #[test]
    fn seed_001_died_in_eastern_ukraine_is_not_troops() {
        let text = "More than 14,000 people died in fighting in eastern-Ukraine between government forces and Russian-backed separatist rebels.";
        let doc = doc_of(text, Some(PartialDate::day(2021, 12, 2)));
        let found = claims(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, ClaimKind::Killed);
        assert_eq!((found[0].quantity.low, found[0].quantity.high), (Some(14_000), None));
        assert_eq!(text_of(&doc, found[0].place), Some("in eastern-Ukraine"));
        assert_eq!(text_of(&doc, found[0].subject), Some("people"));
        assert_eq!(found[0].side, None);
    }

    #[test]
    fn seed_002_death_of_according_to_kiev() {
        let text = "Relations between the West and Moscow have deteriorated to their worst levels after the Cold War following the annexation of Crimea in 2014, which was followed by the outbreak of a war between Ukrainian troops and Russian-backed forces which, according to Kiev, it has caused the death of 14,000 people.";
        let doc = doc_of(text, None);
        let found = claims(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, ClaimKind::Killed);
        assert_eq!(
            (found[0].quantity.low, found[0].quantity.high, found[0].quantity.approx),
            (Some(14_000), Some(14_000), false)
        );
        assert_eq!(text_of(&doc, found[0].attributed_to), Some("Kiev"));
        assert_eq!(found[0].time, None, "\"in 2014\" dates the annexation, far from the number");
    }

    #[test]
    fn seed_002_kiev_said_two_soldiers_killed_on_friday() {
        let text = "Kiev said two Ukrainian soldiers were killed by an explosive device in the east of the country on Friday, while the latest videos on social media show movements of Russian troops, tanks and missiles towards the Ukrainian border.";
        let doc = doc_of(text, Some(PartialDate::day(2021, 11, 14)));
        let found = claims(&doc);
        assert_eq!(found.len(), 1);
        let claim = &found[0];
        assert_eq!(claim.kind, ClaimKind::Killed);
        assert_eq!((claim.quantity.low, claim.quantity.high), (Some(2), Some(2)));
        assert_eq!(claim.side.as_deref(), Some("Ukrainian"));
        assert_eq!(text_of(&doc, claim.subject), Some("Ukrainian soldiers"));
        assert_eq!(text_of(&doc, claim.attributed_to), Some("Kiev"));
        assert_eq!(text_of(&doc, claim.place), Some("in the east of the country"));
        let time = claim.time.as_ref().unwrap();
        let friday = PartialDate::day(2021, 11, 12);
        assert_eq!((doc.slice(time.span), time.from, time.to), ("on Friday", Some(friday), Some(friday)));
    }

    #[test]
    fn seed_002_zelenskiy_almost_100000_russian_soldiers() {
        let text = "Ukraine\u{2019}s President Volodymyr Zelenskiy said that there are almost 100,000 Russian soldiers near the Ukrainian border and western countries have shared information about active Russian troop movements with Kiev.";
        let doc = doc_of(text, None);
        let found = claims(&doc);
        assert_eq!(found.len(), 1);
        let claim = &found[0];
        assert_eq!(claim.kind, ClaimKind::Troops);
        assert_eq!((claim.quantity.low, claim.quantity.high, claim.quantity.approx), (None, Some(100_000), true));
        assert_eq!(claim.side.as_deref(), Some("Russian"));
        assert_eq!(text_of(&doc, claim.place), Some("near the Ukrainian border"));
        assert_eq!(text_of(&doc, claim.attributed_to), Some("Volodymyr Zelenskiy"));
    }

    #[test]
    fn seed_002_quoted_troops_on_our_border() {
        let text = "\u{201c}I hope that now the whole world can see clearly who really wants peace and who is concentrating almost 100,000 soldiers on our border,\u{201d} he said in a video of a speech posted on his website on Wednesday.";
        let doc = doc_of(text, Some(PartialDate::day(2021, 11, 14)));
        let found = claims(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, ClaimKind::Troops);
        assert_eq!((found[0].quantity.low, found[0].quantity.high), (None, Some(100_000)));
        assert_eq!(text_of(&doc, found[0].place), Some("on our border"));
        assert_eq!((found[0].attributed_to, found[0].time.clone()), (None, None));
    }

    #[test]
    fn seed_004_amassing_troops_along_its_border() {
        let text = "Moscow denies it intends to carry out such an attack, despite amassing more than 100,000 troops along its border with the former Soviet republic.";
        let doc = doc_of(text, Some(PartialDate::day(2022, 2, 1)));
        let found = claims(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, ClaimKind::Troops);
        assert_eq!((found[0].quantity.low, found[0].quantity.high), (Some(100_000), None));
        assert_eq!(text_of(&doc, found[0].subject), Some("troops"));
        assert_eq!(text_of(&doc, found[0].place), Some("along its border"));
    }

    #[test]
    fn seed_non_claims() {
        for text in [
            "Russia annexed Crimea in March 2014, sending troops and holding a referendum denounced as illegitimate by at least 100 countries.",
            "Zelenskiy, who visited Ukrainian troops in the Donbass region on April 8, said Kiev and Ankara share the same views.",
            "US President Joe Biden meets with his French counterpart Emmanuel Macron before the G20 summit in Rome-Italy, October 29, 2021.",
            "Members of the State Border Guard Service of Ukraine line up on the border with Belarus in the Volyn region, Ukraine November 11, 2021",
            "December 2, 2021, 4:17 pm",
            "The National\nFeb 1, 2022",
            "Updated: February 1st 2022, 3:55 PM",
            "Ellipsis An icon of 3 horizontal dots.",
            "A 45-year-old soldier was killed, 5% of soldiers died and $5 million was lost.",
        ] {
            let doc = doc_of(text, Some(PartialDate::day(2021, 12, 2)));
            assert_eq!(claims(&doc), vec![], "{text}");
        }
    }

    #[test]
    fn cnn_style_tolls_and_ellipsis() {
        let text = "The blast killed at least 20 people and wounded 45 others, police said.";
        let doc = doc_of(text, None);
        let found = claims(&doc);
        let kinds: Vec<_> = found.iter().map(|c| (c.kind, c.quantity.low, text_of(&doc, c.subject))).collect();
        assert_eq!(
            kinds,
            vec![(ClaimKind::Killed, Some(20), Some("people")), (ClaimKind::Wounded, Some(45), Some("others"))]
        );
        assert_eq!(text_of(&doc, found[0].attributed_to), Some("police"));
        let doc = doc_of("The death toll has risen to 53, the Health Ministry said.", None);
        let found = claims(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].kind, found[0].quantity.low), (ClaimKind::Killed, Some(53)));
        assert_eq!(text_of(&doc, found[0].attributed_to), Some("Health Ministry"));
    }

    #[test]
    fn corpus_apposition_sources_and_shared_subjects() {
        let text = "In the neighbouring region of Luhansk, the governor, Serhiy Haidai, said three people had died after Russian shells hit a residential building in the city of Popasna, which Russian forces have been trying to capture.";
        let doc = doc_of(text, None);
        let found = claims(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].kind, found[0].quantity.low), (ClaimKind::Killed, Some(3)));
        assert_eq!(text_of(&doc, found[0].attributed_to), Some("Serhiy Haidai"));
        assert_eq!(text_of(&doc, found[0].place), Some("in the city of Popasna"));
        let text = "Russian forces now control more than two-thirds of the key eastern Ukrainian city of Sievierodonetsk, as Ukraine\u{2019}s president, Volodymyr Zelenskiy, conceded that Kyiv\u{2019}s forces were suffering up to 100 deaths and 500 wounded every day.";
        let doc = doc_of(text, None);
        let found: Vec<_> = claims(&doc)
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
        let found = claims(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].kind, found[0].quantity.low, found[0].quantity.high),
            (ClaimKind::Killed, Some(24), Some(99))
        );
        assert_eq!(text_of(&doc, found[0].subject), Some("people"));
    }

    #[test]
    fn corpus_non_claims() {
        for text in [
            "Wood was convicted of murder and assault in the 1989 deaths of his estranged girlfriend and her father.",
            "Albanese committed $99.5m in military assistance, including 14 armoured personnel carriers, 20 Bushmaster protected mobility vehicles and other military equipment.",
            "There have been over 570 confirmed cases of MERS, according to the World Health Organization.",
        ] {
            let doc = doc_of(text, None);
            assert_eq!(claims(&doc), vec![], "{text}");
        }
    }

    #[test]
    fn corpus_timeline_entries() {
        let text = "May 5 --  Three people are killed and more than 30 injured in back-to-back explosions near the headquarters of an anti-Taliban political party in Karachi.";
        let doc = doc_of(text, None);
        let found: Vec<_> = claims(&doc)
            .into_iter()
            .map(|c| (c.kind, c.quantity.low, text_of(&doc, c.subject).map(str::to_string)))
            .collect();
        assert_eq!(
            found,
            vec![(ClaimKind::Killed, Some(3), Some("people".to_string())), (ClaimKind::Wounded, Some(30), None)]
        );
        let text = "April 16 -- At least 15 people in Peshawar are killed and 35 people injured in a suicide bombing targeting an anti-Taliban political party, hospital and police officials said.";
        let doc = doc_of(text, None);
        let found: Vec<_> = claims(&doc)
            .into_iter()
            .map(|c| (c.kind, c.quantity.low, text_of(&doc, c.subject).map(str::to_string)))
            .collect();
        assert_eq!(
            found,
            vec![
                (ClaimKind::Killed, Some(15), Some("people".to_string())),
                (ClaimKind::Wounded, Some(35), Some("people".to_string()))
            ]
        );
        let text = "A meningitis outbreak is threatening the lives of tens of thousands of people in Darfur, according to an aid agency expelled from the country last week.";
        assert_eq!(claims(&doc_of(text, None)), vec![]);
    }

    /// A one-paragraph document whose sentences end at ". ".
    fn paragraph_of(text: &str) -> Doc {
        let mut doc = doc_of(text, None);
        let ends: Vec<usize> = text.match_indices(". ").map(|(i, _)| i + 1).chain([text.len()]).collect();
        doc.sentences =
            ends.iter().scan(0, |start, &end| Some(Span::new(std::mem::replace(start, end + 1), end))).collect();
        doc.cleaning.content = vec![Span::new(0, text.len())];
        doc
    }

    #[test]
    fn corpus_rates_are_not_tolls() {
        let text = "Kyiv’s forces were suffering up to 100 deaths and 500 wounded every day.";
        let found = claims(&doc_of(text, None));
        assert_eq!(
            found.iter().map(|c| (c.kind, c.rate)).collect::<Vec<_>>(),
            [(ClaimKind::Killed, Some("day")), (ClaimKind::Wounded, Some("day"))]
        );
        let text = "“We’re losing 60-100 soldiers per day as killed in action,” he said.";
        let found = claims(&doc_of(text, None));
        assert_eq!((found[0].kind, found[0].rate), (ClaimKind::Killed, Some("day")));
        let text = "A day earlier, six people were killed and 20 injured a day after the attack.";
        assert!(claims(&doc_of(text, None)).iter().all(|c| c.rate.is_none()));
    }

    #[test]
    fn corpus_kinds_after_prisoners_of_war_coordination_and_bare_word_numbers() {
        let text = "She wept for the 50 Ukrainian prisoners of war murdered in the shelling of Olenivka prison.";
        assert_eq!(claims(&doc_of(text, None))[0].kind, ClaimKind::Killed);
        let text = "Places like Bucha, where hundreds of civilians were tortured and killed.";
        assert_eq!(claims(&doc_of(text, None))[0].kind, ClaimKind::Killed);
        let text = "It said three children were among those killed in the strike on Vinnytsia.";
        assert_eq!(claims(&doc_of(text, None))[0].kind, ClaimKind::Killed);
        let text = "Explosions hit the center of a Russian city, killing four, officials said.";
        let found = claims(&doc_of(text, None));
        assert_eq!((found[0].kind, found[0].quantity.low), (ClaimKind::Killed, Some(4)));
        let text = "At least 23 people, including three children, were killed.";
        let found = claims(&doc_of(text, None));
        assert_eq!(found.iter().map(|c| c.kind).collect::<Vec<_>>(), [ClaimKind::Killed, ClaimKind::Killed]);
        let text = "Eleven bodies, including two children, remain unidentified.";
        assert_eq!(claims(&doc_of(text, None)), vec![]);
    }

    #[test]
    fn corpus_a_claim_without_a_place_takes_its_paragraphs() {
        let text = "Officials said the strike, in Nova Kakhovka, hit a warehouse. At least seven people were killed and dozens more wounded, Tass reported.";
        let doc = paragraph_of(text);
        let found = claims(&doc);
        assert_eq!(text_of(&doc, found[0].place), Some("in Nova Kakhovka"));
        let text = "Explosions hit a Russian city, killing four, officials said. Moscow blamed Ukraine for the attack in Belgorod.";
        let doc = paragraph_of(text);
        assert_eq!(text_of(&doc, claims(&doc)[0].place), Some("in Belgorod"));
        let text = "Explosions hit a Russian city, killing four, officials said. It is the deadliest episode in Russia since the start of the war. Moscow blamed Ukraine for the attack in Belgorod.";
        let doc = paragraph_of(text);
        assert_eq!(text_of(&doc, claims(&doc)[0].place), Some("in Belgorod"), "a bare country gives way");
        let text = "Explosions hit a Russian city, killing four, officials said. It is the deadliest episode in Russia since the start of the war.";
        let doc = paragraph_of(text);
        assert_eq!(
            text_of(&doc, claims(&doc)[0].place),
            Some("in Russia"),
            "and is kept when nothing narrower is near"
        );
    }

    #[test]
    fn corpus_the_number_of_dead_is_a_toll() {
        let text = "The British military recently estimated the number of dead Russians at 25,000, with tens of thousands more wounded.";
        let doc = doc_of(text, None);
        let found = claims(&doc);
        assert_eq!((found[0].kind, found[0].quantity.low), (ClaimKind::Killed, Some(25_000)));
        assert_eq!(found[0].side.as_deref(), Some("Russian"));
        let text = "Mikhail Podolyak tweeted: “37,000 dead Russian soldiers.";
        let doc = doc_of(text, None);
        let found = claims(&doc);
        assert_eq!((found[0].kind, text_of(&doc, found[0].subject)), (ClaimKind::Killed, Some("Russian soldiers")));
        assert_eq!(found[0].side.as_deref(), Some("Russian"));
        let text = "The number of wounded rose to 140 on Friday.";
        assert_eq!(claims(&doc_of(text, None))[0].kind, ClaimKind::Wounded);
        let text = "The number of refugees rose to 140 on Friday.";
        assert!(claims(&doc_of(text, None)).iter().all(|c| c.kind != ClaimKind::Killed));
    }

    #[test]
    fn corpus_troops_that_died_are_killed() {
        let text = "Nearly 2,800 troops from the United States and its partners have died during the 10 years of war, according to a CNN count.";
        let doc = doc_of(text, None);
        let found = claims(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].kind, found[0].quantity.high), (ClaimKind::Killed, Some(2_800)));
        let text = "Up to 30,000 people in Chad fled the country for Cameroon during the rebel-government fighting.";
        let doc = doc_of(text, None);
        let found = claims(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].kind, found[0].quantity.high), (ClaimKind::Displaced, Some(30_000)));
        let text = "The decision to lift the moratorium on all cases affects more than 8,000 prisoners currently on death row, the largest number in the world.";
        assert_eq!(claims(&doc_of(text, None)), vec![]);
    }
}
