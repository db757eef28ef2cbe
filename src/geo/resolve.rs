//! Place resolution: which GeoNames place each claim's place names, and the document's
//! main place.
//!
//! A place name is a run of capitalised words in a claim's place phrase ("in the village
//! of Zolote" -> `Zolote`), or after a locative preposition anywhere in the text, or a
//! LOC entity. A name followed by a division word ("Donetsk region", "Kharkiv Oblast")
//! asks for a first-level division. Every place the gazetteer gives the name is scored
//! on five kinds of evidence:
//! - the countries the document speaks of: names that can only mean one country's
//!   places, country names and demonyms ("Ukrainian troops") vote for their country, and
//!   a place in a country without a vote, where others have votes, loses;
//! - the divisions the document places towns in ("YORK, Pa. (AP) —", "Crossville,
//!   Tennessee"): a dateline's division holds every town of the story;
//! - population (a name means the city more often than the village);
//! - the place's own name over an alternate one, and the level the words ask for;
//! - the other places of the document: a reading within reach of the places the other
//!   names were resolved to gains ("Serhiivka" near Odesa, not the one in Donetsk).
//!
//! A claim takes the most exact place its phrase names in a country the document speaks
//! of (a city over a division over a country), read within a division its sentence names
//! ("in Oak Hill woods in Florida"), narrowed to a place of its sentence that lies inside
//! it ("in Chasiv Yar, near the front line in Donetsk oblast") unless a preposition of
//! origin names it ("a train from Aberdeen"). The document's main place is the one its
//! names resolve to most often, a country only when nothing narrower is named.

use super::gazetteer::{fold, Gazetteer, Place, PlaceId, Reading};
use crate::doc::{Doc, Span};
use crate::schema::GeoLevel;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Words after a name that make it a first-level division ("region", "oblast").
static DIVISION_WORDS: LazyLock<Vec<&str>> = crate::words!("en/geo/division_words.txt");

/// Capitalised words that follow a preposition but are not places (months, media).
static NOT_PLACE_NAMES: LazyLock<Vec<&str>> = crate::words!("en/claims/not_places.txt");

/// Words before a name that say which part of it ("South Dallas"): dropped.
static DIRECTIONS: LazyLock<Vec<&str>> = crate::words!("en/geo/directions.txt");

/// Words that end the name of a street, building or part of a town ("Vine Street"): the
/// run they end names no place of the gazetteer; in lower case after a place name they
/// are where in it ("a Chicago restaurant"), except the parts of a town below.
static NOT_PLACE_HEADS: LazyLock<Vec<&str>> = crate::words!("en/geo/not_place_heads.txt");

/// Parts of a town or of a division that carry a name of their own ("the Austin
/// neighborhood", "Adams county"): the run they follow is that part's name.
static TOWN_PARTS: LazyLock<Vec<&str>> = crate::words!("en/geo/town_parts.txt");

/// Prepositions of origin: the name after them is where someone came from.
static ORIGINS: LazyLock<Vec<&str>> = crate::words!("en/geo/origins.txt");

/// Prepositions after which a capitalised run names a place.
static LOCATIVES: LazyLock<Vec<&str>> = crate::words!("en/geo/locatives.txt");

/// What each power of ten of a place's population adds to its score.
const POPULATION_WEIGHT: f64 = 0.6;

/// What a place's own name, against an alternate one, adds to its score.
const OWN_NAME_BONUS: f64 = 0.4;

/// How far another place's pull on a reading reaches, in kilometres.
const NEAR_KM: f64 = 150.0;

/// A demonym's vote for its country ([`country_votes`]).
const DEMONYM_VOTE: f64 = 0.25;

/// The most a place name that could mean places of several countries gives the
/// likeliest of them ([`likely_country`]).
const SOFT_VOTE: f64 = 0.5;

/// The vote of a country's name outside a place phrase ([`country_votes`]).
const COUNTRY_NAME_VOTE: f64 = 0.5;

/// What lying in the division a document places a town in ("York, Pa.") adds to that
/// town's readings, or to every town's under a dateline.
const STATED_DIVISION_BONUS: f64 = 1.5;

/// What lying in a division the document places some other town in adds to a reading.
const STATED_DIVISION_HINT: f64 = 0.5;

/// The vote of a division's name outside a place phrase ([`country_votes`]).
const DIVISION_NAME_VOTE: f64 = 0.5;

/// A division votes from the text only from this many people up ("Texas", not "Black
/// River").
const VOTING_DIVISION_POPULATION: u64 = 1_000_000;

/// Added to the votes' total before a country's share is taken, so that one weak vote
/// (a "Jordan" who may be a person) does not carry a whole country.
const VOTE_SMOOTHING: f64 = 1.0;

/// A town in a country the document gives no vote is taken only from this many people
/// up ("in Lugano" stays; "on God" is not a Hungarian village).
const FOREIGN_TOWN_POPULATION: u64 = 15_000;

/// A reading in a country without a vote must beat the next one by this much, else it
/// is a guess ("Chester": England or Pennsylvania).
const UNVOTED_MARGIN: f64 = 0.7;

/// A place name votes for its country only when it means a division, a country or a
/// city this large: a small town's only reading would otherwise vote for itself.
const VOTING_TOWN_POPULATION: u64 = 100_000;

/// A city this large that shares a division's name is what the bare name means.
const NAMESAKE_POPULATION: u64 = 100_000;

/// The most capitalised words a place name holds.
const MAX_NAME_WORDS: usize = 4;

/// A place name and what the gazetteer says it may mean.
#[derive(Debug, Clone)]
struct Mention {
    span: Span,
    name: String,
    wants_division: bool,
    readings: Vec<Reading>,
    /// Whether it may narrow a claim's place (not after "from").
    narrows: bool,
}

/// A mention's chosen reading, the words that named it, and how sure.
#[derive(Debug, Clone, PartialEq)]
struct Resolved {
    place: PlaceId,
    matched: String,
    confidence: f64,
}

/// A place the text names: the gazetteer's place, the words that named it, how sure.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// The place.
    pub place: Place,
    /// The words that named it ("Artemivsk").
    pub matched: String,
    /// The chosen reading's share of the evidence over every place of that name, 0 to 1.
    pub confidence: f64,
}

/// The places layer: one entry per claim (in the claims' order) and the main place.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Places {
    /// Each claim's place, or none.
    pub claims: Vec<Option<Located>>,
    /// The document's main place.
    pub main: Option<Located>,
}

/// The places of a document's claims and its main place (see the module documentation).
pub fn places(doc: &Doc, gazetteer: &Gazetteer) -> Places {
    let mut context = context_mentions(doc, gazetteer);
    let claim_mentions: Vec<Vec<Mention>> = doc
        .claims
        .iter()
        .map(|claim| claim.place.map(|p| mentions_in(with_next_word(doc, p), p.start, gazetteer)).unwrap_or_default())
        .collect();
    context.extend(claim_mentions.iter().flatten().cloned());
    context.sort_by_key(|m| (m.span.start, m.span.end));
    context.dedup_by_key(|m| m.span);
    let scorer = Scorer::new(doc, gazetteer, &context);
    let claims = doc
        .claims
        .iter()
        .zip(&claim_mentions)
        .map(|(claim, mentions)| {
            let sentence = doc.sentences.get(claim.sentence).copied().unwrap_or_default();
            let own = |m: &Mention| mentions.iter().any(|c| c.span.overlaps(m.span));
            let in_sentence: Vec<&Mention> =
                context.iter().filter(|m| m.narrows && sentence.contains(m.span) && !own(m)).collect();
            claim_place(&scorer, mentions, &in_sentence).map(|r| located(gazetteer, r))
        })
        .collect();
    Places { claims, main: main_place(&scorer, &context).map(|r| located(gazetteer, r)) }
}

fn located(gazetteer: &Gazetteer, resolved: Resolved) -> Located {
    Located {
        place: gazetteer.place(resolved.place).clone(),
        matched: resolved.matched,
        confidence: resolved.confidence,
    }
}

/// A place phrase and the word after it, which may say what its name is ("in the Austin"
/// and "neighborhood", "in the Donetsk" and "region"); the phrase alone when text is glued
/// to it (a headline run into the story: "in PittsburghPITTSBURGH").
fn with_next_word(doc: &Doc, phrase: Span) -> &str {
    let rest = &doc.text[phrase.end..];
    let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if gap == 0 {
        return doc.slice(phrase);
    }
    let word = rest[gap..].find(char::is_whitespace).unwrap_or(rest.len() - gap);
    &doc.text[phrase.start..phrase.end + gap + word]
}

/// The most exact place a claim's phrase names, read within the divisions its sentence
/// names ("in Oak Hill woods in Florida"), narrowed to a place of its sentence inside it.
fn claim_place(scorer: &Scorer, mentions: &[Mention], sentence: &[&Mention]) -> Option<Resolved> {
    let resolved: Vec<Resolved> = sentence.iter().filter_map(|m| scorer.resolve(m)).collect();
    let divisions: Vec<PlaceId> =
        (resolved.iter().map(|r| r.place)).filter(|&p| scorer.gazetteer.place(p).level == GeoLevel::Admin1).collect();
    let best =
        mentions.iter().filter_map(|m| scorer.resolve_within(m, &divisions)).max_by_key(|r| exactness(scorer, r))?;
    let inside = (resolved.into_iter())
        .filter(|r| r.place != best.place && scorer.lies_in(r.place, best.place))
        .max_by_key(|r| exactness(scorer, r));
    Some(inside.unwrap_or(best))
}

/// How good a claim's place is: in a country the document speaks of (or the document
/// speaks of none), then its level, then its confidence in thousandths.
fn exactness(scorer: &Scorer, resolved: &Resolved) -> (bool, GeoLevel, u32) {
    let place = scorer.gazetteer.place(resolved.place);
    (scorer.supports(&place.country), place.level, (resolved.confidence * 1000.0) as u32)
}

/// The place the document's names resolve to most often; a country only when nothing
/// narrower is named; ties go to the first named.
fn main_place(scorer: &Scorer, mentions: &[Mention]) -> Option<Resolved> {
    let resolved: Vec<Resolved> = mentions.iter().filter_map(|m| scorer.resolve(m)).collect();
    let mut counts: HashMap<PlaceId, (usize, usize)> = HashMap::new();
    for (order, r) in resolved.iter().enumerate() {
        counts.entry(r.place).or_insert((0, order)).0 += 1;
    }
    let is_country = |id: PlaceId| scorer.gazetteer.place(id).level == GeoLevel::Country;
    let (&place, _) =
        counts.iter().max_by_key(|(id, (count, order))| (!is_country(**id), *count, std::cmp::Reverse(*order)))?;
    resolved.into_iter().find(|r| r.place == place)
}

/// The place names of the text around claims: capitalised runs after a locative
/// preposition, and LOC entities. A name after a preposition of origin ("from Aberdeen to
/// Glasgow") says where someone came from, so it never narrows a claim's place.
fn context_mentions(doc: &Doc, gazetteer: &Gazetteer) -> Vec<Mention> {
    static LOCATED: LazyLock<Regex> = LazyLock::new(|| {
        let prepositions = LOCATIVES.join("|");
        let name = r"\p{Lu}\S*(?:[ \t]+\p{Lu}\S*){0,3}(?:[ \t]+\p{Ll}+)?";
        Regex::new(&format!(r"\b((?i:{prepositions}))\s+(?:the\s+)?({name})")).expect("locative regex")
    });
    let mut mentions: Vec<Mention> = LOCATED
        .captures_iter(&doc.text)
        .filter_map(|c| Some((c.get(1)?, c.get(2)?)))
        .filter_map(|(preposition, name)| {
            let mut first = mentions_in(name.as_str(), name.start(), gazetteer).into_iter().next()?;
            first.narrows = !ORIGINS.contains(&preposition.as_str().to_lowercase().as_str());
            (first.span.start == name.start()).then_some(first)
        })
        .collect();
    mentions.extend(
        doc.entities
            .iter()
            .filter(|e| e.label == "LOC")
            .filter_map(|e| mentions_in(doc.slice(e.span), e.span.start, gazetteer).into_iter().next()),
    );
    mentions
}

/// The best-scored place, its score, and its share of the evidence (softmax over the
/// scores).
fn best_of(scores: &[(PlaceId, f64)]) -> Option<(PlaceId, f64, f64)> {
    let &(place, best) = scores.iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
    let total: f64 = scores.iter().map(|(_, s)| (s - best).exp()).sum();
    Some((place, best, 1.0 / total))
}

/// What a place's own name (not an alternate one) adds to a reading's score.
fn own_name(reading: &Reading) -> f64 {
    if reading.primary {
        OWN_NAME_BONUS
    } else {
        0.0
    }
}

/// The country most of a name's weight lies in, by population and own name, and its
/// share, when it holds the majority: "Harrisburg", "Philadelphia" and "Stockton" lean
/// American together even where none alone is sure.
fn likely_country(gazetteer: &Gazetteer, mention: &Mention) -> Option<(String, f64)> {
    let mut weights: HashMap<&str, f64> = HashMap::new();
    for reading in &mention.readings {
        let place = gazetteer.place(reading.place);
        let prior = POPULATION_WEIGHT * ((place.population as f64) + 1.0).log10() + own_name(reading);
        *weights.entry(place.country.as_str()).or_default() += prior.exp();
    }
    let total: f64 = weights.values().sum();
    let (country, weight) = weights.into_iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
    let share = weight / total;
    (share > 0.5).then(|| (country.to_string(), share))
}

/// The vote a capitalised run anywhere in the text casts: a demonym ("Ukrainian"), a
/// country's name, or a division's name that only one country has ("Texas").
fn text_vote(gazetteer: &Gazetteer, name: &str) -> Option<(String, f64)> {
    if let Some(country) = gazetteer.country_of_demonym(name) {
        return Some((gazetteer.place(country).country.clone(), DEMONYM_VOTE));
    }
    let readings = gazetteer.readings(name);
    let of_level =
        |level: GeoLevel| readings.iter().map(|r| gazetteer.place(r.place)).filter(move |p| p.level == level);
    if let Some(country) = of_level(GeoLevel::Country).next() {
        return Some((country.country.clone(), COUNTRY_NAME_VOTE));
    }
    let mut divisions =
        of_level(GeoLevel::Admin1).filter(|p| p.population >= VOTING_DIVISION_POPULATION).map(|p| p.country.clone());
    let first = divisions.next()?;
    divisions.all(|c| c == first).then_some((first, DIVISION_NAME_VOTE))
}

/// The place names in a phrase starting at byte `offset` of the document: runs of
/// capitalised words the gazetteer knows whole ("South Carolina"), else without their
/// leading direction words ("South Dallas" -> "Dallas"), else without their last word
/// ("Pennsylvania Walmart" -> "Pennsylvania").
fn mentions_in(phrase: &str, offset: usize, gazetteer: &Gazetteer) -> Vec<Mention> {
    name_runs(phrase)
        .into_iter()
        .filter_map(|run| {
            let words = &run.words;
            let is_direction =
                |(from, to): &&(usize, usize)| DIRECTIONS.contains(&phrase[*from..*to].to_lowercase().as_str());
            let directions = words.iter().take_while(is_direction).count();
            (directions < words.len()).then_some(())?;
            let shortened = (directions + 1 < words.len()).then(|| (directions, words.len() - 1));
            [(0, words.len()), (directions, words.len())].into_iter().chain(shortened).find_map(|(skip, take)| {
                let ((start, _), (_, end)) = (*words.get(skip)?, *words.get(take - 1)?);
                let name = &phrase[start..end];
                let readings = gazetteer.readings(name);
                let span = Span { start: offset + start, end: offset + end };
                let wants_division = run.wants_division;
                (!readings.is_empty()).then(|| Mention {
                    span,
                    name: name.to_string(),
                    wants_division,
                    readings,
                    narrows: true,
                })
            })
        })
        .collect()
}

/// A run of capitalised words: their byte ranges, and whether a division word follows
/// or ends it ("Donetsk region", "Kharkiv Oblast").
struct NameRun {
    words: Vec<(usize, usize)>,
    wants_division: bool,
}

/// The runs of capitalised words of a phrase that may name a place. Punctuation or a
/// possessive after a word ends its run; a run that a street, building or town-part word
/// ends ("Vine Street", "Austin neighborhood") is dropped; a run after "region of" asks
/// for a division ("the central region of Kirovohrad").
fn name_runs(phrase: &str) -> Vec<NameRun> {
    let mut runs: Vec<NameRun> = Vec::new();
    let mut open = false;
    let mut before = (String::new(), String::new());
    for (start, word) in word_offsets(phrase) {
        let (from, to) = name_core(word);
        let core = &word[from..to];
        let lower = core.to_lowercase();
        let after_division_of = DIVISION_WORDS.contains(&before.0.as_str()) && before.1 == "of";
        before = (std::mem::take(&mut before.1), lower.clone());
        let (is_division, is_part) = (DIVISION_WORDS.contains(&lower.as_str()), TOWN_PARTS.contains(&lower.as_str()));
        let is_head = NOT_PLACE_HEADS.contains(&lower.as_str());
        if open && (is_division || is_part || is_head) {
            if is_part || (is_head && core.starts_with(char::is_uppercase)) {
                runs.pop();
            } else if let Some(run) = runs.last_mut().filter(|_| is_division) {
                run.wants_division = true;
            }
            open = false;
            continue;
        }
        let is_name = core.starts_with(char::is_uppercase)
            && !NOT_PLACE_NAMES.contains(&core)
            && !LOCATIVES.contains(&lower.as_str())
            && !is_head
            && !is_part
            && lower != "the";
        let range = (start + from, start + to);
        match runs.last_mut() {
            Some(run) if is_name && open && run.words.len() < MAX_NAME_WORDS => run.words.push(range),
            _ if is_name => runs.push(NameRun { words: vec![range], wants_division: after_division_of }),
            _ => {}
        }
        open = is_name && to == word.len();
    }
    runs
}

/// The name inside a word, as a byte range: without opening brackets and quotes, closing
/// punctuation, a possessive, or a lower-case prefix ("eastern-Ukraine" -> "Ukraine").
fn name_core(word: &str) -> (usize, usize) {
    let inner = word.trim_start_matches(['(', '"', '“', '‘', '\'']);
    let from = word.len() - inner.len();
    let inner = inner.trim_end_matches([',', '.', ';', ':', ')', '"', '”', '’', '\'', '?', '!']);
    let inner = inner.strip_suffix("’s").or_else(|| inner.strip_suffix("'s")).unwrap_or(inner);
    let prefix = inner
        .rsplit_once('-')
        .filter(|(head, _)| head.starts_with(char::is_lowercase))
        .map_or(0, |(head, _)| head.len() + 1);
    (from + prefix, from + inner.len())
}

/// The words of a phrase with their byte offsets.
fn word_offsets(phrase: &str) -> impl Iterator<Item = (usize, &str)> {
    phrase.split_whitespace().map(move |word| (word.as_ptr() as usize - phrase.as_ptr() as usize, word))
}

/// The countries a document speaks of, by the names that vote for them.
#[derive(Default)]
struct Votes {
    totals: HashMap<String, f64>,
    by_name: HashMap<String, Vec<(String, f64)>>,
}

impl Votes {
    fn add(&mut self, name: &str, country: &str, weight: f64) {
        *self.totals.entry(country.to_string()).or_default() += weight;
        self.by_name.entry(fold(name)).or_default().push((country.to_string(), weight));
    }

    /// The votes of every name but `name`: a name never votes for its own reading.
    fn without(&self, name: &str) -> HashMap<String, f64> {
        let mut votes = self.totals.clone();
        for (country, weight) in self.by_name.get(&fold(name)).into_iter().flatten() {
            if let Some(total) = votes.get_mut(country) {
                *total -= weight;
            }
        }
        votes.retain(|_, total| *total > 1e-9);
        votes
    }
}

/// Scores the readings of a document's names (see the module documentation).
struct Scorer<'g> {
    gazetteer: &'g Gazetteer,
    votes: Votes,
    /// The divisions the document places its towns in ("York, Pa.").
    divisions: Vec<StatedDivision>,
    /// The places the document's names mean when read without the pull of other places,
    /// with the folded name that named each.
    anchors: Vec<(PlaceId, String)>,
}

impl<'g> Scorer<'g> {
    /// The evidence of a document: its country votes, then the places its names mean
    /// when read without the pull of other places.
    fn new(doc: &Doc, gazetteer: &'g Gazetteer, mentions: &[Mention]) -> Self {
        let divisions = stated_divisions(doc, gazetteer);
        let mut votes = country_votes(doc, gazetteer, mentions);
        for stated in &divisions {
            let place = gazetteer.place(stated.division);
            votes.add(&place.name, &place.country, COUNTRY_NAME_VOTE);
        }
        let mut scorer = Scorer { gazetteer, votes, divisions, anchors: Vec::new() };
        let anchors: Vec<(PlaceId, String)> = mentions
            .iter()
            .filter_map(|m| scorer.resolve(m))
            .filter(|r| gazetteer.place(r.place).level != GeoLevel::Country)
            .map(|r| (r.place, fold(&r.matched)))
            .collect();
        scorer.anchors = anchors;
        scorer
    }

    /// The best reading of a mention and its share of the evidence; none for a small
    /// town in a country the document gives no vote ("on God": a Hungarian town), nor for
    /// a guess among namesakes with no vote to lean on ("in Chester": England or one of
    /// a dozen American Chesters). A place its own name names needs no margin over places
    /// the name is only an alternate of ("Philadelphia" is also an old name of Amman).
    fn resolve(&self, mention: &Mention) -> Option<Resolved> {
        let votes = self.votes.without(&mention.name);
        let scores = self.scores(mention, &votes, |_| true);
        let (place, best, confidence) = best_of(&scores)?;
        let chosen = self.gazetteer.place(place);
        let voted = votes.contains_key(&chosen.country);
        if chosen.level == GeoLevel::City && !voted && chosen.population < FOREIGN_TOWN_POPULATION {
            return None;
        }
        let by_own_name = mention.readings.iter().any(|r| r.place == place && r.primary);
        let runner_up = scores
            .iter()
            .zip(&mention.readings)
            .filter(|((p, _), reading)| *p != place && (reading.primary || !by_own_name))
            .map(|((_, s), _)| *s)
            .fold(f64::MIN, f64::max);
        let clear = best - runner_up >= UNVOTED_MARGIN;
        (voted || clear).then(|| Resolved { place, matched: mention.name.clone(), confidence })
    }

    /// Each reading's place and score under `votes`, in the mention's order, for the
    /// readings whose place `keep` accepts.
    fn scores(
        &self,
        mention: &Mention,
        votes: &HashMap<String, f64>,
        keep: impl Fn(PlaceId) -> bool,
    ) -> Vec<(PlaceId, f64)> {
        (mention.readings.iter()).filter(|r| keep(r.place)).map(|r| (r.place, self.score(mention, r, votes))).collect()
    }

    /// The best reading of a mention that lies in one of `divisions` (those its sentence
    /// names), when its best reading overall does not; else [`Scorer::resolve`]'s.
    fn resolve_within(&self, mention: &Mention, divisions: &[PlaceId]) -> Option<Resolved> {
        let inside = |place: PlaceId| divisions.iter().any(|&d| self.lies_in(place, d));
        let general = self.resolve(mention);
        if general.as_ref().is_some_and(|r| inside(r.place) || divisions.contains(&r.place)) {
            return general;
        }
        let scores = self.scores(mention, &self.votes.without(&mention.name), inside);
        let Some((place, _, confidence)) = best_of(&scores) else { return general };
        Some(Resolved { place, matched: mention.name.clone(), confidence })
    }

    /// A reading's score under the votes of the document's other names.
    fn score(&self, mention: &Mention, reading: &Reading, votes: &HashMap<String, f64>) -> f64 {
        let place = self.gazetteer.place(reading.place);
        let total_votes: f64 = votes.values().sum();
        let country = votes.get(&place.country).map_or(0.0, |v| v / (total_votes + VOTE_SMOOTHING));
        let population = POPULATION_WEIGHT * ((place.population as f64) + 1.0).log10();
        let primary = own_name(reading);
        let level = match (place.level, mention.wants_division) {
            (GeoLevel::Admin1, true) => 3.0,
            (_, true) => -1.0,
            (GeoLevel::Admin1, false) if self.has_namesake_city(mention, place) => -2.5,
            (GeoLevel::Country, false) => 1.0,
            (GeoLevel::Admin1 | GeoLevel::City, false) => 0.0,
        };
        let foreign = if votes.is_empty() || votes.contains_key(&place.country) { 0.0 } else { -2.0 };
        let division = self.stated_division_bonus(mention, reading.place);
        3.0 * country + foreign + population + primary + level + division + self.pull(reading.place, &mention.name)
    }

    /// What the divisions the document places towns in add to a reading that lies in
    /// one: [`STATED_DIVISION_BONUS`] for the town that was placed or under the dateline,
    /// [`STATED_DIVISION_HINT`] for other towns of the story.
    fn stated_division_bonus(&self, mention: &Mention, place: PlaceId) -> f64 {
        let name = fold(&mention.name);
        (self.divisions.iter())
            .filter(|d| d.division == place || self.lies_in(place, d.division))
            .map(|d| if d.dateline || d.town == name { STATED_DIVISION_BONUS } else { STATED_DIVISION_HINT })
            .fold(0.0, f64::max)
    }

    /// Whether a division's name also means a city of its country of
    /// [`NAMESAKE_POPULATION`] or more ("Kharkiv"): the bare name then means the city.
    fn has_namesake_city(&self, mention: &Mention, division: &Place) -> bool {
        mention
            .readings
            .iter()
            .map(|r| self.gazetteer.place(r.place))
            .any(|p| p.level == GeoLevel::City && p.country == division.country && p.population >= NAMESAKE_POPULATION)
    }

    /// Whether the document speaks of a country, or of none.
    fn supports(&self, country: &str) -> bool {
        self.votes.totals.is_empty() || self.votes.totals.contains_key(country)
    }

    /// How near a place lies to the places the document's other names mean: 1 at the
    /// same spot, none beyond [`NEAR_KM`]. A name does not pull its own namesakes.
    fn pull(&self, id: PlaceId, name: &str) -> f64 {
        let place = self.gazetteer.place(id);
        let name = fold(name);
        self.anchors
            .iter()
            .filter(|(other, by)| *other != id && *by != name)
            .map(|(other, _)| place.distance_km(self.gazetteer.place(*other)))
            .map(|km| (1.0 - km / NEAR_KM).max(0.0))
            .fold(0.0, f64::max)
    }

    /// Whether place `inner` lies in place `outer` (a city in its division or country, a
    /// division in its country).
    fn lies_in(&self, inner: PlaceId, outer: PlaceId) -> bool {
        let (a, b) = (self.gazetteer.place(inner), self.gazetteer.place(outer));
        a.country == b.country
            && match b.level {
                GeoLevel::Country => a.level != GeoLevel::Country,
                GeoLevel::Admin1 => a.level == GeoLevel::City && a.admin1 == b.admin1,
                GeoLevel::City => false,
            }
    }
}

/// A division the document places a town in ("York, Pa."): the division, the town's
/// folded name, and whether it is a dateline (a dash follows, after an optional
/// "(AP)": "YORK, Pa. (AP) —"), which places every town of the story.
struct StatedDivision {
    division: PlaceId,
    town: String,
    dateline: bool,
}

/// The divisions a document places its towns in: a capitalised word, a comma and a
/// division's abbreviation matched with its case ("YORK, Pa.", "Wilmington, NC") or a
/// division's own name ("Crossville, Tennessee") — datelines and addresses. Before a
/// division's name, a word that is itself a division or a country starts a list ("New
/// Mexico, Texas and Colorado"); before an abbreviation it is a town ("PORTLAND, Ore.",
/// though Jamaica has a Portland parish).
fn stated_divisions(doc: &Doc, gazetteer: &Gazetteer) -> Vec<StatedDivision> {
    static TOWN_COMMA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(\p{Lu}[\p{L}'’-]*),[ \t]+(\p{Lu}[\p{L}.]*)(?:[ \t]+(\p{Lu}[\p{L}]*))?").expect("town regex")
    });
    static DASH_AFTER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[ \t]*(?:\([^)\n]{1,20}\)[ \t]*)?[—–-]").expect("dateline regex"));
    let own_division = |name: &str, levels: &[GeoLevel]| {
        let name = name.trim_end_matches('.');
        (gazetteer.readings(name).into_iter())
            .find(|r| r.primary && levels.contains(&gazetteer.place(r.place).level))
            .map(|r| r.place)
    };
    let mut stated = Vec::new();
    for captures in TOWN_COMMA.captures_iter(&doc.text) {
        let (Some(town), Some(first)) = (captures.get(1), captures.get(2)) else { continue };
        let two_words = captures.get(3).map(|second| &doc.text[first.start()..second.end()]);
        let in_list = || own_division(town.as_str(), &[GeoLevel::Admin1, GeoLevel::Country]).is_some();
        let division = gazetteer.division_of_abbreviation(first.as_str()).or_else(|| {
            let named = two_words.and_then(|name| own_division(name, &[GeoLevel::Admin1]));
            named.or_else(|| own_division(first.as_str(), &[GeoLevel::Admin1])).filter(|_| !in_list())
        });
        if let Some(division) = division {
            let after = captures.get(0).map_or(doc.text.len(), |m| m.end());
            let dateline = DASH_AFTER.is_match(&doc.text[after..]);
            stated.push(StatedDivision { division, town: fold(town.as_str()), dateline });
        }
    }
    stated
}

/// Votes for the countries a document speaks of: each place name that can only mean
/// places of one country, all of them divisions, countries or cities of
/// [`VOTING_TOWN_POPULATION`] or more, a country name there counting twice; any other
/// place name half its likeliest country's share ([`likely_country`]); anywhere in
/// the text outside a person's or organisation's name, a country's name or a large
/// division's name only one country has half, and a demonym a quarter: "Russian forces"
/// are often where the article's places are not.
fn country_votes(doc: &Doc, gazetteer: &Gazetteer, mentions: &[Mention]) -> Votes {
    let mut votes = Votes::default();
    let votes_for = |r: &Reading| {
        let place = gazetteer.place(r.place);
        place.level != GeoLevel::City || place.population >= VOTING_TOWN_POPULATION
    };
    for mention in mentions {
        let mut countries = mention.readings.iter().map(|r| &gazetteer.place(r.place).country);
        let first = countries.next();
        let one_country = first.filter(|c| countries.all(|other| other == *c));
        match one_country {
            Some(country) if mention.readings.iter().all(votes_for) => {
                let names_country =
                    mention.readings.iter().any(|r| gazetteer.place(r.place).level == GeoLevel::Country);
                votes.add(&mention.name, country, if names_country { 2.0 } else { 1.0 });
            }
            _ => {
                if let Some((country, share)) = likely_country(gazetteer, mention) {
                    votes.add(&mention.name, &country, SOFT_VOTE * share);
                }
            }
        }
    }
    let in_name =
        |span: Span| doc.entities.iter().any(|e| e.label != "LOC" && e.label != "MISC" && e.span.overlaps(span));
    for run in name_runs(&doc.text) {
        let ((start, _), (_, end)) = (run.words[0], run.words[run.words.len() - 1]);
        let name = &doc.text[start..end];
        if in_name(Span { start, end }) {
            continue;
        }
        if let Some((country, weight)) = text_vote(gazetteer, name) {
            votes.add(name, &country, weight);
        }
    }
    votes
}

#[cfg(test)]
mod tests {
    use crate::doc::{Doc, Meta};
    use crate::pipeline::stages::rule_stages;
    use crate::schema::GeoLevel;

    /// A resolved place as (name, country, admin1 name, level).
    type Found = (String, String, String, GeoLevel);

    /// Each claim's place after the rule stages, and the document's main place's name.
    fn places(text: &str) -> (Vec<Option<Found>>, Option<String>) {
        let mut doc = Doc::new(text.to_string(), Meta::default());
        rule_stages().annotate(&mut doc).expect("the rule stages run");
        let claims = doc
            .places
            .claims
            .iter()
            .map(|l| {
                l.as_ref().map(|l| {
                    (l.place.name.clone(), l.place.country.clone(), l.place.admin1_name.clone(), l.place.level)
                })
            })
            .collect();
        (claims, doc.places.main.map(|m| m.place.name))
    }

    fn first(text: &str) -> Option<Found> {
        places(text).0.into_iter().next().flatten()
    }

    #[test]
    fn a_namesake_village_is_the_one_near_the_other_places_named() {
        let near_odesa = "A missile hit an apartment block in Serhiivka, 50km south of Odesa, killing 21 people.";
        let (_, country, division, level) = first(near_odesa).expect("Serhiivka resolves");
        assert_eq!((country.as_str(), division.as_str(), level), ("UA", "Odessa", GeoLevel::City));
        let near_bakhmut = "Shelling killed three people in Serhiivka, a village north of Bakhmut in Ukraine.";
        let (_, _, division, _) = first(near_bakhmut).expect("Serhiivka resolves");
        assert_eq!(division, "Donetsk");
    }

    #[test]
    fn a_division_word_asks_for_the_region_and_a_bare_name_means_the_city() {
        let region = first("Two civilians were killed in the Kharkiv region, Ukrainian officials said.").unwrap();
        assert_eq!((region.0.as_str(), region.3), ("Kharkiv", GeoLevel::Admin1));
        let city = first("Two civilians were killed in Kharkiv, Ukrainian officials said.").unwrap();
        assert_eq!((city.0.as_str(), city.3), ("Kharkiv", GeoLevel::City));
        let oblast = first("Five soldiers were wounded in Zhytomyr Oblast on Monday in Ukraine.").unwrap();
        assert_eq!(oblast.3, GeoLevel::Admin1);
        let region_of =
            first("Three people were killed in Ukraine’s central region of Kirovohrad, officials said.").unwrap();
        assert_eq!((region_of.1.as_str(), region_of.3), ("UA", GeoLevel::Admin1));
    }

    #[test]
    fn alternate_names_and_direction_words_reach_the_place() {
        let old_name = first("Four people were killed in Artemivsk in eastern Ukraine.").unwrap();
        assert_eq!(old_name.0, "Bakhmut");
        let part = first("Police said two men were shot dead in South Dallas, Texas, on Sunday.").unwrap();
        assert_eq!((part.0.as_str(), part.1.as_str(), part.2.as_str()), ("Dallas", "US", "Texas"));
        let whole = first("Three people were killed in South Carolina on Friday, police said.").unwrap();
        assert_eq!((whole.0.as_str(), whole.3), ("South Carolina", GeoLevel::Admin1));
    }

    #[test]
    fn streets_buildings_and_unsupported_small_towns_name_no_place() {
        assert_eq!(first("A man was shot and killed on Vine Street late Friday."), None);
        assert_eq!(first("Two people were wounded at the Oak Tree Apartments, police said."), None);
        assert_eq!(first("A man was killed in the Austin neighborhood on the West Side of Chicago."), None);
        assert_eq!(first("One person was killed in God's name, the pastor said."), None);
        let building = first("Two men were shot dead outside a Chicago restaurant, Illinois police said.").unwrap();
        assert_eq!((building.0.as_str(), building.1.as_str()), ("Chicago", "US"));
        let store = first("A gunman was shot and killed at a Pennsylvania Walmart on Sunday.").unwrap();
        assert_eq!((store.0.as_str(), store.3), ("Pennsylvania", GeoLevel::Admin1));
    }

    #[test]
    fn the_country_the_story_speaks_of_decides_between_namesakes() {
        let ukraine =
            "Russian shelling killed five people in Donetsk, Ukrainian officials said. Kyiv condemned the attack.";
        assert_eq!(first(ukraine).map(|p| p.1).as_deref(), Some("UA"));
        let (claims, main) = places(
            "Police in Philadelphia said a man was shot dead in Philadelphia on Sunday. Pennsylvania officials said.",
        );
        assert_eq!(claims[0].as_ref().map(|p| (p.0.as_str(), p.1.as_str())), Some(("Philadelphia", "US")));
        assert_eq!(main.as_deref(), Some("Philadelphia"));
    }

    #[test]
    fn a_place_named_by_its_own_name_beats_places_it_is_an_old_name_of() {
        // "Philadelphia" is also an old name of Amman, a larger city, but nothing here votes.
        let own = first("A man was shot dead in Philadelphia on Sunday night, police said.").unwrap();
        assert_eq!((own.0.as_str(), own.1.as_str()), ("Philadelphia", "US"));
        let part = first("Two teenagers were wounded in West Philadelphia late Friday.").unwrap();
        assert_eq!((part.0.as_str(), part.1.as_str()), ("Philadelphia", "US"));
    }

    #[test]
    fn a_headline_glued_to_the_story_adds_no_word_to_its_place() {
        let doc =
            Doc::new("wounds two in PittsburghPITTSBURGH — Police say two men were shot.".into(), Meta::default());
        let phrase = crate::doc::Span::new(11, 24);
        assert_eq!(doc.slice(phrase), "in Pittsburgh");
        assert_eq!(super::with_next_word(&doc, phrase), "in Pittsburgh");
        let doc = Doc::new("in the Donetsk region, officials said".into(), Meta::default());
        assert_eq!(super::with_next_word(&doc, crate::doc::Span::new(0, 14)), "in the Donetsk region,");
    }

    #[test]
    fn where_someone_came_from_does_not_narrow_where_it_happened() {
        let route = "Three people died in Ukraine when a passenger train from Kharkiv to Lviv derailed.";
        let (name, _, _, level) = first(route).unwrap();
        assert_eq!((name.as_str(), level), ("Ukraine", GeoLevel::Country));
        let inside = "Three people died in Ukraine when a passenger train derailed near Kharkiv.";
        assert_eq!(first(inside).unwrap().0, "Kharkiv");
    }

    #[test]
    fn a_dateline_or_address_places_its_town_in_a_division() {
        let postal = first("WILMINGTON, DE - A man was wounded in a shooting in Wilmington late Saturday.").unwrap();
        assert_eq!((postal.1.as_str(), postal.2.as_str()), ("US", "Delaware"));
        let ap = first("YORK, Pa. (AP) — Police say one person was shot in York early Sunday.").unwrap();
        assert_eq!((ap.1.as_str(), ap.2.as_str()), ("US", "Pennsylvania"));
        let small = first("PORTLAND, Ore. (KOIN) — One man was killed in a shooting in North Portland on Saturday.");
        assert_eq!(small.map(|p| (p.0, p.2)), Some(("North Portland".into(), "Oregon".into())), "a town of 7,000");
        let full = first("Officers in Norwalk, Connecticut, said a man was shot in Norwalk on Friday.").unwrap();
        assert_eq!(full.2, "Connecticut");
        let california = first("Officers in Norwalk, California, said a man was shot in Norwalk on Friday.").unwrap();
        assert_eq!(california.2, "California");
        let elsewhere = "A gunman killed 10 people at a supermarket in Buffalo in May. Weeks later a gunman \
            in Uvalde, Texas, killed 21, and wildfires burned across New Mexico, Texas and Colorado.";
        let buffalo = first(elsewhere).unwrap();
        assert_eq!(buffalo.2, "New York", "another town's state is a hint, not the big city's state");
        let lower = first("Wilmington, pa said a man was wounded in a shooting in Wilmington late Saturday.");
        assert_ne!(lower.map(|p| p.2).as_deref(), Some("Pennsylvania"), "an abbreviation keeps its case");
    }

    #[test]
    fn a_division_the_sentence_names_holds_its_town() {
        let florida = first("A hunter was shot and killed in Oak Hill woods in Florida on Saturday.").unwrap();
        assert_eq!((florida.0.as_str(), florida.2.as_str()), ("Oak Hill", "Florida"));
        let bare = first("A hunter was shot and killed in Oak Hill woods on Saturday, deputies said in a statement.");
        assert_ne!(bare.map(|p| p.2).as_deref(), Some("Florida"));
    }
}
