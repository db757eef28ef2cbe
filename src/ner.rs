//! Transformer named-entity recognition (PER, ORG, LOC, MISC) on ONNX Runtime.
//!
//! A thin layer over [`crate::tagger`]: the model in `models/ner` is a CoNLL-2003
//! token classifier; see `models/ner/MODEL_CARD.md` for how it was trained.

use crate::doc::{containing, Entity, Span, SpanIndex};
use crate::tagger::{self, Error, Tag, Tagger};
use aho_corasick::AhoCorasick;
use ort::environment::Environment;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// Environment variable naming the NER model directory.
pub const MODEL_ENV: &str = "CLAIMEX_NER_MODEL";
/// The NER model directory, relative to the repository.
pub const MODEL_DEFAULT: &str = "models/ner";

/// The NER model directory: `explicit`, else `$CLAIMEX_NER_MODEL`, else `models/ner`.
pub fn model_dir(explicit: Option<&Path>) -> PathBuf {
    tagger::model_dir(explicit, MODEL_ENV, MODEL_DEFAULT)
}

/// The NER head: the ONNX output holding its logits and the file listing its labels.
pub const HEAD: (&str, &str) = ("logits", "labels.json");

/// A loaded NER model.
pub struct Model {
    tagger: Tagger,
}

impl Model {
    /// Loads the model in `dir` with `threads` intra-op threads.
    pub fn load(runtime: &Environment, dir: &Path, threads: usize) -> Result<Self, Error> {
        Ok(Model { tagger: Tagger::load(runtime, dir, threads, &[HEAD])? })
    }

    /// The entities of each sentence, with byte offsets into that sentence.
    pub fn predict(&self, sentences: &[&str]) -> Result<Vec<Vec<Entity>>, Error> {
        let heads = self.tagger.predict_texts(sentences)?;
        Ok(heads.into_iter().next().unwrap_or_default().into_iter().map(entities).collect())
    }

    /// The underlying tagger, for batching across documents.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }
}

/// Turns tagger output (labels PER, ORG, LOC, MISC) into entities.
pub fn entities(tags: Vec<Tag>) -> Vec<Entity> {
    tags.into_iter().map(|t| Entity { span: t.span, label: t.label, score: t.score }).collect()
}

/// Lowercase prefixes cut from a hyphenated entity ("pro-Moscow" -> "Moscow").
static HYPHEN_PREFIXES: LazyLock<Vec<&str>> = crate::words!("en/ner/hyphen_prefixes.txt");
/// Lowercase suffixes cut from a hyphenated entity ("Russian-backed" -> "Russian").
static HYPHEN_SUFFIXES: LazyLock<Vec<&str>> = crate::words!("en/ner/hyphen_suffixes.txt");
/// Buildings whose name stands for the government inside ("the Kremlin warned"): CoNLL-2003
/// tags them LOC (Kremlin 13 of 13, White House 16 of 17), claimex counts them as the
/// organisations that speak and act, as OntoNotes does.
static SEATS_OF_POWER: LazyLock<Vec<&str>> = crate::words!("en/ner/seats_of_power.txt");
/// Words before a seat of power that make it the place itself ("talks at the Kremlin").
static LOCATIVE_WORDS: LazyLock<Vec<&str>> = crate::words!("en/ner/locative_words.txt");
/// Function words that start or end no entity on their own ("Barrow and", "the Kremlin").
static EDGE_FUNCTION_WORDS: LazyLock<Vec<&str>> = crate::words!("en/ner/edge_function_words.txt");
/// Words that join the two parts of one name ("Dominion of" + "Canada").
static NAME_CONNECTORS: LazyLock<Vec<&str>> = crate::words!("en/ner/name_connectors.txt");
/// Capitalised articles that open a name ("The Associated Press", "The Hague").
static NAME_ARTICLES: LazyLock<Vec<&str>> = crate::words!("en/ner/name_articles.txt");
/// Articles between a connector and the rest of a name ("Council of the EU").
static ARTICLES: LazyLock<Vec<&str>> = crate::words!("en/ner/articles.txt");
/// Characters that never start or end an entity.
const EDGE_PUNCTUATION: &[char] =
    &['@', '#', '"', '\'', '‘', '’', '“', '”', '(', ')', '[', ']', ',', ';', ':', '-', '–', '—'];

/// Document-level clean-up of the model's entities, one document at a time:
/// 1. trims punctuation and hyphenated affixes off the edges ("@OSCE" -> "OSCE",
///    "Russian-backed" -> "Russian", "Ukrainians’" -> "Ukrainians"), and makes names
///    whole at function words (see [`whole_names`]);
///    and joins a person's name the model cut in two ("Recep" + "Tayyip Erdogan"; see
///    [`join_cut_person_names`]);
/// 2. splits hyphenated pairs of places into their parts ("the Moscow-Kyiv conflict" ->
///    "Moscow", "Kyiv") when one part is a place elsewhere in the document;
/// 3. makes a mention PER when most mentions of its text are PER or it is the surname
///    of a person named in full ("Blinken" after "Antony Blinken");
/// 4. makes seats of power ORG when they act ("the Kremlin warned"), not when they are
///    the place ("talks at the Kremlin");
/// 5. tags untagged whole-word mentions, inside sentences, of the people found.
///
/// Only person names are propagated: on CoNLL-2003 dev, voting ORG/LOC/MISC labels
/// across a document lowered F1 (a country is LOC in one line and its team ORG in the
/// next), while person names gained (see README).
pub fn consolidate(text: &str, sentences: &[Span], entities: Vec<Entity>) -> Vec<Entity> {
    let trimmed: Vec<Entity> = entities.into_iter().filter_map(|e| trim_entity(text, e)).collect();
    let mut entities = split_place_pairs(text, join_cut_person_names(text, whole_names(text, trimmed)));
    let labels = document_labels(text, &entities);
    for entity in &mut entities {
        if let Some((label, _)) = labels.get(&text[entity.span.start..entity.span.end]).filter(|(l, _)| l == "PER") {
            entity.label.clone_from(label);
        } else if is_acting_seat_of_power(text, entity) {
            entity.label = "ORG".into();
        }
    }
    let mut added = untagged_mentions(text, sentences, &entities, &labels);
    entities.append(&mut added);
    entities.sort_by_key(|e| (e.span.start, e.span.end));
    entities
}

/// Cuts edge punctuation and known hyphenated affixes; `None` when nothing is left.
fn trim_entity(text: &str, mut entity: Entity) -> Option<Entity> {
    loop {
        let surface = &text[entity.span.start..entity.span.end];
        let trimmed = surface.trim_start_matches(EDGE_PUNCTUATION);
        let start = entity.span.start + (surface.len() - trimmed.len());
        let trimmed = trimmed.trim_end_matches(EDGE_PUNCTUATION);
        let mut span = Span::new(start, start + trimmed.len());
        if let Some((prefix, _)) =
            trimmed.split_once('-').filter(|(p, _)| HYPHEN_PREFIXES.contains(&p.to_lowercase().as_str()))
        {
            span.start += prefix.len() + 1;
        }
        let surface = &text[span.start..span.end];
        if let Some((rest, _)) = surface.rsplit_once('-').filter(|(_, s)| HYPHEN_SUFFIXES.contains(s)) {
            span.end = span.start + rest.len();
        }
        if span == entity.span {
            break;
        }
        entity.span = span;
    }
    let has_capital = text[entity.span.start..entity.span.end].chars().any(|c| c.is_uppercase() || c.is_numeric());
    has_capital.then_some(entity)
}

/// Makes entities whole names at their function words, in text order:
/// - two names joined by "and" before an article are split (see
///   [`split_at_conjoined_name`]);
/// - an entity ending on a connector joins the entity right after it, keeping its own
///   label, over articles too ("Dominion of" + "Canada" -> "Dominion of Canada",
///   "Council of" + "the EU" -> "Council of the EU"), or else the capitalised
///   words after it ("Movement for" -> "Movement for a Democratic Slovakia");
/// - a lone capitalised article joins the entity right after it when both have the same
///   label ("The" ORG + "Associated Press" ORG -> "The Associated Press"), and is dropped
///   otherwise;
/// - any other lower-case function word on an edge is cut ("Barrow and" -> "Barrow",
///   "the Kremlin" -> "Kremlin").
fn whole_names(text: &str, entities: Vec<Entity>) -> Vec<Entity> {
    let mut entities: Vec<Entity> = entities.into_iter().flat_map(|e| split_at_conjoined_name(text, e)).collect();
    entities.sort_by_key(|e| (e.span.start, e.span.end));
    let mut whole: Vec<Entity> = Vec::with_capacity(entities.len());
    for entity in entities {
        match whole.last_mut() {
            Some(last) if joins_next(text, last, &entity) => {
                if is_lone_article(text, last) {
                    last.label.clone_from(&entity.label);
                }
                last.score = last.score.min(entity.score);
                last.span.end = entity.span.end;
            }
            _ => whole.push(entity),
        }
    }
    let limits: Vec<usize> = whole.iter().skip(1).map(|e| e.span.start).chain([text.len()]).collect();
    for (entity, limit) in whole.iter_mut().zip(limits) {
        if ends_on_connector(text, entity) {
            entity.span.end = capitalised_run(text, entity.span.end, limit).unwrap_or(entity.span.end);
        }
    }
    whole.into_iter().filter_map(|e| trim_function_words(text, e)).collect()
}

/// Joins two person entities with one space between them into one ("Recep" PER +
/// "Tayyip Erdogan" PER): two people's names never touch in running text (CoNLL-2003
/// train and dev hold no such pair), while a model that starts a name anew inside a
/// long one makes exactly this.
fn join_cut_person_names(text: &str, entities: Vec<Entity>) -> Vec<Entity> {
    let mut joined: Vec<Entity> = Vec::with_capacity(entities.len());
    for entity in entities {
        match joined.last_mut() {
            Some(last)
                if last.label == "PER" && entity.label == "PER" && &text[last.span.end..entity.span.start] == " " =>
            {
                last.span.end = entity.span.end;
                last.score = last.score.min(entity.score);
            }
            _ => joined.push(entity),
        }
    }
    joined
}

/// Splits an entity holding two names joined by "and" before an article ("Associated
/// Press and The New York Times" -> two entities of its label); "Bosnia and Herzegovina"
/// stays one.
fn split_at_conjoined_name(text: &str, entity: Entity) -> Vec<Entity> {
    let surface = &text[entity.span.start..entity.span.end];
    let joint = NAME_ARTICLES.iter().find_map(|article| {
        let lower = article.to_lowercase();
        surface.find(&format!(" and {article} ")).or_else(|| surface.find(&format!(" and {lower} ")))
    });
    let Some(at) = joint else { return vec![entity] };
    let first = Entity { span: Span::new(entity.span.start, entity.span.start + at), ..entity.clone() };
    let second = Entity { span: Span::new(entity.span.start + at + " and ".len(), entity.span.end), ..entity };
    vec![first, second]
}

/// Whether `entity` ends on a connector after a word, an article after it allowed
/// ("Dominion of", "al Qaeda in the").
fn ends_on_connector(text: &str, entity: &Entity) -> bool {
    let mut words: Vec<&str> = text[entity.span.start..entity.span.end].split(' ').collect();
    while words.len() > 2 && words.last().is_some_and(|w| ARTICLES.contains(&w.to_lowercase().as_str())) {
        words.pop();
    }
    words.len() > 1 && words.last().is_some_and(|last| NAME_CONNECTORS.contains(&last.to_lowercase().as_str()))
}

/// The end of the capitalised words that go on with a name after `end`, single spaces
/// apart, with function words only between capitalised ones ("for" + " a Democratic
/// Slovakia", "on" + " Tariffs and Trade"), not past `limit` nor past punctuation;
/// `None` when no capitalised word follows.
fn capitalised_run(text: &str, end: usize, limit: usize) -> Option<usize> {
    let (mut at, mut run_end) = (end, None);
    while let Some(rest) = text.get(at..limit.max(at)).and_then(|rest| rest.strip_prefix(' ')) {
        let word = &rest[..rest.find(' ').unwrap_or(rest.len())];
        let bare = word.trim_end_matches(|c: char| EDGE_PUNCTUATION.contains(&c) || ".!?".contains(c));
        if bare.chars().next().is_some_and(char::is_uppercase) {
            run_end = Some(at + 1 + bare.len());
        } else if !EDGE_FUNCTION_WORDS.contains(&bare) {
            break;
        }
        if bare.len() < word.len() {
            break;
        }
        at += 1 + word.len();
    }
    run_end
}

/// Whether `next` continues the name `entity` opens: `entity` is a lone article of the
/// same label one space before it, or ends on a connector with at most lower-case
/// articles between them ("Council of" + "the" + "EU"; not "Bank of" + "and" + "Y").
fn joins_next(text: &str, entity: &Entity, next: &Entity) -> bool {
    let Some(between) = text.get(entity.span.end..next.span.start) else { return false };
    let article = between == " " && is_lone_article(text, entity) && entity.label == next.label;
    let spaced = between.starts_with(' ') && between.ends_with(' ') && !between.contains("  ");
    let articles_only = spaced && between.split_whitespace().all(|word| ARTICLES.contains(&word));
    article || (articles_only && ends_on_connector(text, entity))
}

/// Whether `entity` is only a capitalised article ("The").
fn is_lone_article(text: &str, entity: &Entity) -> bool {
    NAME_ARTICLES.contains(&&text[entity.span.start..entity.span.end])
}

/// Cuts lower-case function words off both edges of `entity` and drops a lone
/// capitalised article; `None` when nothing is left. Capitalised words stay: they are
/// part of a title or a name ("The Hague", "On the Waterfront", "Made Of", "Group A",
/// "AS Roma").
fn trim_function_words(text: &str, mut entity: Entity) -> Option<Entity> {
    let is_edge_word = |word: &str| EDGE_FUNCTION_WORDS.contains(&word);
    loop {
        let surface = &text[entity.span.start..entity.span.end];
        let Some((head, last)) = surface.rsplit_once(' ') else {
            return (!is_edge_word(surface) && !NAME_ARTICLES.contains(&surface)).then_some(entity);
        };
        let (first, rest) = surface.split_once(' ')?;
        if is_edge_word(last) {
            entity.span.end = entity.span.start + head.trim_end().len();
        } else if is_edge_word(first) {
            entity.span.start = entity.span.end - rest.trim_start().len();
        } else {
            return Some(entity);
        }
    }
}

/// Nouns after "A-B" that make it a pair of parties ("the Moscow-Kyiv conflict").
static PAIR_NOUNS: LazyLock<Vec<&str>> = crate::words!("en/ner/pair_nouns.txt");
/// Combining forms that make "A-B" one adjective ("Sino-Japanese"), never two places.
static COMBINING_FORMS: LazyLock<Vec<&str>> = crate::words!("en/ner/combining_forms.txt");

/// Splits "A-B" entities whose parts are all capitalised names into one LOC per part
/// when some part is tagged LOC on its own elsewhere in the document, or the pair is
/// a place or adjective pair followed by a noun that relates two parties ("the
/// Moscow-Kyiv conflict"; not "the Rolls-Royce deal").
fn split_place_pairs(text: &str, entities: Vec<Entity>) -> Vec<Entity> {
    let places: HashSet<&str> =
        entities.iter().filter(|e| e.label == "LOC").map(|e| &text[e.span.start..e.span.end]).collect();
    let mut split = Vec::with_capacity(entities.len());
    for entity in entities {
        let surface = &text[entity.span.start..entity.span.end];
        let parts: Vec<&str> = surface.split('-').collect();
        let all_names = parts.iter().all(|p| p.chars().next().is_some_and(char::is_uppercase) && p.chars().count() > 1);
        let is_pair = parts.iter().any(|p| places.contains(p))
            || (entity.label != "ORG" && is_followed_by_pair_noun(text, entity.span));
        let is_adjective = parts.iter().any(|p| COMBINING_FORMS.contains(p));
        if entity.label == "PER" || parts.len() < 2 || !all_names || !is_pair || is_adjective {
            split.push(entity);
            continue;
        }
        let mut start = entity.span.start;
        for part in parts {
            split.push(Entity { span: Span::new(start, start + part.len()), label: "LOC".into(), score: entity.score });
            start += part.len() + 1;
        }
    }
    split
}

/// Whether the word after `span` relates two parties ("conflict", "talks").
fn is_followed_by_pair_noun(text: &str, span: Span) -> bool {
    let next = text[span.end..].split_whitespace().next().unwrap_or("");
    PAIR_NOUNS.contains(&next.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

/// Whether `entity` names a seat of power that acts rather than a place one is at.
fn is_acting_seat_of_power(text: &str, entity: &Entity) -> bool {
    let surface = &text[entity.span.start..entity.span.end];
    let before = text[..entity.span.start].trim_end();
    let before = before.strip_suffix("the").or_else(|| before.strip_suffix("The")).unwrap_or(before);
    let previous = before.trim_end().rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    SEATS_OF_POWER.contains(&surface) && !LOCATIVE_WORDS.contains(&previous.to_lowercase().as_str())
}

/// For each entity text: the label its mentions vote for (sum of scores) and the mean
/// score; surnames of multi-word PER entities vote PER with the full name's weight.
fn document_labels<'t>(text: &'t str, entities: &[Entity]) -> HashMap<&'t str, (String, f32)> {
    let mut votes: HashMap<&str, HashMap<&str, (f32, usize)>> = HashMap::new();
    for entity in entities {
        let surface = &text[entity.span.start..entity.span.end];
        let mut vote = |key: &'t str, weight: f32| {
            let slot = votes.entry(key).or_default().entry(entity.label.as_str()).or_default();
            slot.0 += weight;
            slot.1 += 1;
        };
        vote(surface, entity.score);
        if entity.label == "PER" {
            if let Some((_, surname)) = surface.rsplit_once(' ') {
                vote(surname, 2.0 * entity.score);
            }
        }
    }
    votes
        .into_iter()
        .filter_map(|(surface, by_label)| {
            let (label, (weight, count)) = by_label.into_iter().max_by(|a, b| a.1 .0.total_cmp(&b.1 .0))?;
            Some((surface, (label.to_string(), (weight / count as f32).min(1.0))))
        })
        .collect()
}

/// Whole-word, capitalised mentions of people's names that the model left untagged,
/// inside sentences and overlapping no entity. One Aho-Corasick pass over the text finds
/// every occurrence of every name; at each position the longest name wins, so the time is
/// linear in the text and the matches.
fn untagged_mentions(
    text: &str,
    sentences: &[Span],
    entities: &[Entity],
    labels: &HashMap<&str, (String, f32)>,
) -> Vec<Entity> {
    let names: Vec<(&str, &(String, f32))> = labels
        .iter()
        .filter(|(s, (l, _))| l == "PER" && s.chars().next().is_some_and(char::is_uppercase))
        .map(|(s, v)| (*s, v))
        .collect();
    let Ok(automaton) = AhoCorasick::new(names.iter().map(|(s, _)| s)) else { return Vec::new() };
    let mut found: Vec<(Span, usize)> = automaton
        .find_overlapping_iter(text)
        .map(|m| (Span::new(m.start(), m.end()), m.pattern().as_usize()))
        .filter(|(span, _)| is_whole_word(text, *span) && containing(sentences, *span).is_some())
        .collect();
    found.sort_by_key(|(span, _)| (span.start, std::cmp::Reverse(span.end)));
    let taken = SpanIndex::new(entities.iter().map(|e| e.span));
    let mut added: Vec<Entity> = Vec::new();
    for (span, name) in found {
        let free = added.last().is_none_or(|last| last.span.end <= span.start) && !taken.overlaps(span);
        if free {
            let (label, score) = names[name].1;
            added.push(Entity { span, label: label.clone(), score: *score });
        }
    }
    added
}

/// Whether `span` is not preceded or followed by a letter or digit.
fn is_whole_word(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(text: &str, surface: &str, nth: usize, label: &str, score: f32) -> Entity {
        let start = text.match_indices(surface).nth(nth).expect("surface in text").0;
        Entity { span: Span::new(start, start + surface.len()), label: label.into(), score }
    }

    fn found(text: &str, entities: &[Entity]) -> Vec<(String, String)> {
        entities.iter().map(|e| (text[e.span.start..e.span.end].to_string(), e.label.clone())).collect()
    }

    #[test]
    fn edges_and_hyphenated_affixes_are_trimmed() {
        let text =
            "at @OSCE, Russian-backed forces and pro-Moscow rebels met the Ukrainians’ envoy from Moscow-Kyiv talks";
        let tagged = vec![
            entity(text, "@OSCE,", 0, "ORG", 0.9),
            entity(text, "Russian-backed", 0, "MISC", 0.9),
            entity(text, "pro-Moscow", 0, "MISC", 0.8),
            entity(text, "Ukrainians’", 0, "MISC", 0.9),
            entity(text, "Moscow-Kyiv", 0, "LOC", 0.9),
        ];
        let entities = consolidate(text, &[Span::new(0, text.len())], tagged);
        let texts: Vec<String> = found(text, &entities).into_iter().map(|(t, _)| t).collect();
        assert_eq!(texts, ["OSCE", "Russian", "Moscow", "Ukrainians", "Moscow", "Kyiv"]);
    }

    #[test]
    fn names_are_whole_at_articles_connectors_and_conjunctions() {
        let text = "The Associated Press and The New York Times said the Kremlin met the Dominion of Canada, \
                    Bank for International Settlements and Barrow and Leeds officials. The Ukrainian army of The";
        let tagged = vec![
            entity(text, "The", 0, "ORG", 0.9),
            entity(text, "Associated Press", 0, "ORG", 0.9),
            entity(text, "The New York Times", 0, "ORG", 0.9),
            entity(text, "the Kremlin", 0, "ORG", 0.8),
            entity(text, "Dominion of", 0, "LOC", 0.7),
            entity(text, "Canada", 0, "LOC", 0.9),
            entity(text, "Bank for", 0, "ORG", 0.7),
            entity(text, "International Settlements", 0, "ORG", 0.6),
            entity(text, "Barrow and", 0, "LOC", 0.8),
            entity(text, "Leeds", 0, "LOC", 0.9),
            entity(text, "The", 2, "ORG", 0.5),
            entity(text, "Ukrainian", 0, "MISC", 0.9),
            entity(text, "The", 3, "ORG", 0.5),
        ];
        let entities = consolidate(text, &[Span::new(0, text.len())], tagged);
        let expected = [
            ("The Associated Press", "ORG"),
            ("The New York Times", "ORG"),
            ("Kremlin", "ORG"),
            ("Dominion of Canada", "LOC"),
            ("Bank for International Settlements", "ORG"),
            ("Barrow", "LOC"),
            ("Leeds", "LOC"),
            ("Ukrainian", "MISC"),
        ];
        assert_eq!(found(text, &entities), expected.map(|(t, l)| (t.to_string(), l.to_string())));
    }

    #[test]
    fn a_person_name_cut_in_two_is_joined_and_neighbouring_names_are_not() {
        let text = "Recep Tayyip Erdogan met Jean Claude Van Damme, Smith and Jones in Ankara Turkey.";
        let tagged = vec![
            entity(text, "Recep", 0, "PER", 0.9),
            entity(text, "Tayyip Erdogan", 0, "PER", 0.8),
            entity(text, "Jean", 0, "PER", 0.9),
            entity(text, "Claude", 0, "PER", 0.7),
            entity(text, "Van Damme", 0, "PER", 0.9),
            entity(text, "Smith", 0, "PER", 0.9),
            entity(text, "Jones", 0, "PER", 0.9),
            entity(text, "Ankara", 0, "LOC", 0.9),
            entity(text, "Turkey", 0, "LOC", 0.9),
        ];
        let entities = consolidate(text, &[Span::new(0, text.len())], tagged);
        let expected = [
            ("Recep Tayyip Erdogan", "PER"),
            ("Jean Claude Van Damme", "PER"),
            ("Smith", "PER"),
            ("Jones", "PER"),
            ("Ankara", "LOC"),
            ("Turkey", "LOC"),
        ];
        assert_eq!(found(text, &entities), expected.map(|(t, l)| (t.to_string(), l.to_string())));
        assert_eq!(entities[0].score, 0.8, "the joined name keeps the lower score");
    }

    #[test]
    fn a_name_cut_after_a_connector_takes_the_capitalised_words_after_it() {
        let text = "The Movement for a Democratic Slovakia backed the General Agreement on Tariffs and Trade. \
                    The Bank of England, the Council of the EU and the Office of the president agreed with \
                    al Qaeda in the Arabian Peninsula. Friends of and Canada met.";
        let tagged = vec![
            entity(text, "Movement for", 0, "ORG", 0.8),
            entity(text, "General Agreement on", 0, "MISC", 0.8),
            entity(text, "Bank of", 0, "ORG", 0.8),
            entity(text, "Council of", 0, "ORG", 0.8),
            entity(text, "EU", 0, "ORG", 0.9),
            entity(text, "Office of", 0, "ORG", 0.8),
            entity(text, "al Qaeda in the", 0, "ORG", 0.8),
            entity(text, "Friends of", 0, "ORG", 0.8),
            entity(text, "Canada", 0, "LOC", 0.9),
        ];
        let entities = consolidate(text, &[Span::new(0, text.len())], tagged);
        let texts: Vec<String> = found(text, &entities).into_iter().map(|(t, _)| t).collect();
        let expected = [
            "Movement for a Democratic Slovakia",
            "General Agreement on Tariffs and Trade",
            "Bank of England",
            "Council of the EU",
            "Office",
            "al Qaeda in the Arabian Peninsula",
            "Friends",
            "Canada",
        ];
        assert_eq!(texts, expected);
    }

    #[test]
    fn capitalised_words_stay_in_names_and_two_names_joined_before_an_article_split() {
        let text = "The Hague and The Guardian met The Beatles fan and and Canada in Group A, AS Roma and AN, \
                    On the Waterfront and What You Are Made Of, Bosnia and Herzegovina, Reuters and The Times.";
        let tagged = vec![
            entity(text, "The Hague", 0, "LOC", 0.9),
            entity(text, "The Guardian", 0, "ORG", 0.9),
            entity(text, "The Beatles", 0, "MISC", 0.9),
            entity(text, "and Canada", 0, "LOC", 0.9),
            entity(text, "Group A", 0, "MISC", 0.9),
            entity(text, "AS Roma", 0, "ORG", 0.9),
            entity(text, "AN", 0, "ORG", 0.9),
            entity(text, "On the Waterfront", 0, "MISC", 0.9),
            entity(text, "What You Are Made Of", 0, "MISC", 0.9),
            entity(text, "Bosnia and Herzegovina", 0, "LOC", 0.9),
            entity(text, "Reuters and The Times", 0, "ORG", 0.9),
        ];
        let entities = consolidate(text, &[Span::new(0, text.len())], tagged);
        let texts: Vec<String> = found(text, &entities).into_iter().map(|(t, _)| t).collect();
        let expected = [
            "The Hague",
            "The Guardian",
            "The Beatles",
            "Canada",
            "Group A",
            "AS Roma",
            "AN",
            "On the Waterfront",
            "What You Are Made Of",
            "Bosnia and Herzegovina",
            "Reuters",
            "The Times",
        ];
        assert_eq!(texts, expected);
    }

    #[test]
    fn place_pairs_split_when_a_part_is_a_place_or_a_pair_noun_follows() {
        let text = "Moscow denied it. The Moscow-Kyiv row, a Sino-Japanese war, the Rolls-Royce deal, Jean-Claude Juncker and US-China talks.";
        let tagged = vec![
            entity(text, "Moscow", 0, "LOC", 0.9),
            entity(text, "Moscow-Kyiv", 0, "MISC", 0.6),
            entity(text, "Sino-Japanese", 0, "MISC", 0.9),
            entity(text, "Rolls-Royce", 0, "ORG", 0.9),
            entity(text, "Jean-Claude Juncker", 0, "PER", 0.9),
            entity(text, "US-China", 0, "MISC", 0.9),
        ];
        let entities = consolidate(text, &[Span::new(0, text.len())], tagged);
        let expected = [
            ("Moscow", "LOC"),
            ("Moscow", "LOC"),
            ("Kyiv", "LOC"),
            ("Sino-Japanese", "MISC"),
            ("Rolls-Royce", "ORG"),
            ("Jean-Claude Juncker", "PER"),
            ("US", "LOC"),
            ("China", "LOC"),
        ];
        assert_eq!(found(text, &entities), expected.map(|(t, l)| (t.to_string(), l.to_string())));
    }

    #[test]
    fn seats_of_power_are_org_when_they_act_and_loc_when_they_are_the_place() {
        let text = "The Kremlin warned Kyiv. Kremlin-backed rebels met at the Kremlin and the White House said no.";
        let tagged = vec![
            entity(text, "Kremlin", 0, "LOC", 0.9),
            entity(text, "Kremlin-backed", 0, "MISC", 0.9),
            entity(text, "Kremlin", 2, "LOC", 0.9),
            entity(text, "White House", 0, "LOC", 0.9),
        ];
        let entities = consolidate(text, &[Span::new(0, text.len())], tagged);
        let labels: Vec<String> = entities.iter().map(|e| e.label.clone()).collect();
        assert_eq!(labels, ["ORG", "ORG", "LOC", "ORG"]);
    }

    #[test]
    fn surnames_follow_the_full_name_and_untagged_mentions_are_added() {
        let text =
            "Antony Blinken spoke with Josep Borrell. Blinken and Borrell agreed. Price added that Blinken spoke.";
        let sentences = [Span::new(0, 40), Span::new(41, 68), Span::new(69, text.len())];
        let tagged = vec![
            entity(text, "Antony Blinken", 0, "PER", 0.99),
            entity(text, "Josep Borrell", 0, "PER", 0.99),
            entity(text, "Blinken", 1, "ORG", 0.6),
            entity(text, "Borrell", 1, "ORG", 0.5),
        ];
        let entities = consolidate(text, &sentences, tagged);
        assert_eq!(
            found(text, &entities),
            [
                ("Antony Blinken".to_string(), "PER".to_string()),
                ("Josep Borrell".into(), "PER".into()),
                ("Blinken".into(), "PER".into()),
                ("Borrell".into(), "PER".into()),
                ("Blinken".into(), "PER".into()),
            ]
        );
    }
}
