//! Speakers: what a mention says (name, office, affiliation) and whom it means.
//!
//! A mention is cut into `[determiner] [affiliation] [office] [name]` around its
//! rightmost office ("Kremlin spokesman Dmitri Peskov": affiliation "Kremlin", role
//! "spokesman", name "Dmitri Peskov"). Rule for `role` and `affiliation`: the role is the
//! office as written ("Foreign Minister", "spokesperson"); the affiliation is every word
//! before it, with a possessive `'s` dropped ("Ukraine's President" → "Ukraine";
//! "Ukrainian Foreign Minister" → "Ukrainian"). Names resolve to one canonical name per
//! person: the fullest name the story introduces, preferring an introduction with an
//! office ("US Secretary of State Antony Blinken") and then the earliest. Offices alone
//! ("the Foreign Secretary") resolve to the person introduced with that office (else,
//! for "the spokesman", to a person named just after); an unnamed office keeps its
//! organisation ("a Foreign Office spokesman" → "Foreign Office", ORG) or its place ("a
//! US official" → "US official"). Pronouns resolve to the most recent compatible subject
//! or speaker before them and carry that speaker's role and affiliation; "X and Y" gives
//! "Antony Blinken and Josep Borrell". NER entities, when present, type names (PER, ORG)
//! and add people; without them capitalisation and the lexicons decide.

use super::lexicon::{is_honorific, pronoun_number, DETERMINERS, NOT_NAMES, OFFICES, ORG_HEADS, RELATIVE_PRONOUNS};
use super::text::{Range, Tok, Tokens, Unit};
use crate::doc::{Doc, Speaker};
use std::collections::{HashMap, HashSet};

/// A person the story names, with the office it gives them.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    surname: String,
    titled: bool,
    office: Option<String>,
    at: usize,
}

/// A resolved mention, remembered for the pronouns after it.
#[derive(Debug, Clone)]
struct Event {
    at: usize,
    speaker: Speaker,
    plural: bool,
}

/// The parts of a mention.
#[derive(Debug, Clone, Default, PartialEq)]
struct Parts {
    determiner: Option<String>,
    affiliation: Option<String>,
    office: Option<String>,
    /// Name words and their range.
    name: Option<(String, Range)>,
}

/// Resolves speaker mentions of one document to canonical names. Every lookup goes
/// through an index, so a document's mentions resolve in time linear in its length.
pub struct Resolver<'a> {
    doc: &'a Doc,
    tokens: &'a Tokens<'a>,
    /// The people named, in text order.
    people: Vec<Person>,
    /// The person whose name stands for each surname: the first introduced with an
    /// office, else the first named.
    canonical_by_surname: HashMap<String, usize>,
    /// The same for each first name and surname.
    canonical_by_name: HashMap<(String, String), usize>,
    /// Indices into `people` by office key ("spokes", "foreign minister"), in text order.
    by_office_key: HashMap<String, Vec<usize>>,
    /// Indices into `people` by each word of their office key, in text order.
    by_office_word: HashMap<String, Vec<usize>>,
    history: Vec<Event>,
    /// Indices into `history` by the [`Pronoun`] classes an event can be the antecedent of.
    history_by_fit: [Vec<usize>; 3],
}

/// The words of a range outside parentheses ("Gwen Moore (D-Wis.)" → Gwen, Moore), up
/// to a relative clause after a comma ("Zelenskiy, who visited the front," → Zelenskiy).
fn words<'t>(tokens: &Tokens, text: &'t str, range: Range) -> Vec<(Range, &'t str)> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    let toks = tokens.within(range);
    for (k, t) in toks.iter().enumerate() {
        let relative = |n: &Tok| RELATIVE_PRONOUNS.contains(&text[n.start..n.end].to_lowercase().as_str());
        if depth == 0 && &text[t.start..t.end] == "," && toks.get(k + 1).is_some_and(relative) {
            break;
        }
        match &text[t.start..t.end] {
            "(" => depth += 1,
            ")" => depth = depth.saturating_sub(1),
            word if t.word && depth == 0 => out.push(((t.start, t.end), word)),
            _ => {}
        }
    }
    out
}

fn without_possessive(word: &str) -> &str {
    word.strip_suffix("'s").or_else(|| word.strip_suffix('\'')).unwrap_or(word)
}

fn join(ws: &[(Range, &str)]) -> String {
    let names: Vec<&str> = ws.iter().map(|(_, w)| without_possessive(w)).collect();
    names.join(" ")
}

fn span_of(ws: &[(Range, &str)]) -> Option<Range> {
    Some((ws.first()?.0 .0, ws.last()?.0 .1))
}

/// Length of the longest office phrase at word `i`.
fn office_at(ws: &[(Range, &str)], i: usize) -> usize {
    OFFICES
        .iter()
        .filter(|p| p.iter().enumerate().all(|(k, w)| ws.get(i + k).is_some_and(|(_, x)| x.eq_ignore_ascii_case(w))))
        .map(|p| p.len())
        .max()
        .unwrap_or(0)
}

fn is_org_word(word: &str) -> bool {
    ORG_HEADS.contains(&without_possessive(word).to_lowercase().as_str())
}

/// Cuts a mention's words into determiner, affiliation, office and name.
fn parts(ws: &[(Range, &str)]) -> Parts {
    let mut parts = Parts::default();
    let mut ws = ws;
    if let Some(((_, first), rest)) = ws.split_first() {
        if DETERMINERS.contains(&first.to_lowercase().as_str()) || is_honorific(&first.to_lowercase()) {
            parts.determiner = Some(first.to_lowercase());
            ws = rest;
        }
    }
    let office = (0..ws.len())
        .map(|i| (i, office_at(ws, i)))
        .filter(|&(_, len)| len > 0)
        .max_by_key(|&(i, len)| (i + len, std::cmp::Reverse(i)));
    if office.is_some_and(|(i, len)| common_nouns_follow(&ws[i + len..])) {
        parts.name = span_of(ws).map(|range| (ws.iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" "), range));
        return parts;
    }
    let (before, name) = match office {
        Some((i, len)) => {
            parts.office = Some(join(&ws[i..i + len]));
            (&ws[..i], &ws[i + len..])
        }
        None => match ws.iter().rposition(|(_, w)| is_org_word(w)).filter(|&k| k + 1 < ws.len()) {
            Some(k) => (&ws[..=k], &ws[k + 1..]),
            None => (&ws[..0], ws),
        },
    };
    if !before.is_empty() {
        parts.affiliation = Some(join(before));
    }
    let name = match name.iter().position(|(_, w)| *w == "of") {
        Some(k) if k > 0 && parts.office.is_some() => {
            parts.affiliation.get_or_insert_with(|| join(&name[k + 1..]));
            &name[..k]
        }
        _ => name,
    };
    if let Some(range) = span_of(name) {
        parts.name = Some((join(name), range));
    }
    parts
}

/// Whether the words after an office word are lower-case nouns ("Ukraine's general
/// staff"): the office word is then a modifier and the mention names a body, not a
/// person. "of" opens an affiliation instead ("the mayor of the city").
fn common_nouns_follow(rest: &[(Range, &str)]) -> bool {
    !rest.is_empty() && rest[0].1 != "of" && rest.iter().all(|(_, w)| w.starts_with(char::is_lowercase))
}

fn is_person_name(name: &[(Range, &str)]) -> bool {
    name.len() >= 2
        && name.len() <= 4
        && name.iter().all(|(_, w)| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !is_org_word(w)
                && !NOT_NAMES.contains(&w.to_lowercase().as_str())
                && !w.chars().all(|c| c.is_uppercase() || c == '.')
                && !w.chars().any(|c| c.is_ascii_digit())
        })
}

fn surname(name: &str) -> String {
    name.rsplit(' ').next().unwrap_or(name).to_lowercase()
}

fn first_name(name: &str) -> String {
    name.split(' ').next().unwrap_or(name).to_lowercase()
}

/// Stems an office so that "spokesman", "spokeswoman" and "spokesperson" match.
fn office_key(office: &str) -> String {
    let lower = office.to_lowercase();
    if lower.contains("spokes") {
        "spokes".into()
    } else {
        lower
    }
}

impl<'a> Resolver<'a> {
    /// Indexes the people the document names (capitalised runs and PER entities).
    pub fn new(doc: &'a Doc, units: &[Unit], tokens: &'a Tokens<'a>) -> Self {
        let text = &doc.normalized.text;
        let lowercase_words = LowercaseWords::new(text, tokens);
        let mut people = Vec::new();
        for unit in units {
            for run in capitalised_runs(tokens, text, (unit.start, unit.end)) {
                let ws = words(tokens, text, run);
                let after_break = text[..run.0].trim_end().chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let opener = after_break && ws.first().is_some_and(|(_, w)| lowercase_words.contains(w));
                people.extend(person(if opener { &ws[1..] } else { &ws }));
            }
        }
        for entity in doc.entities.iter().filter(|e| e.label == "PER") {
            let range =
                (doc.normalized.from_original(entity.span.start), doc.normalized.from_original(entity.span.end));
            let ws = words(tokens, text, range);
            if ws.len() >= 2 {
                let name = join(&ws);
                people.push(Person { surname: surname(&name), name, titled: false, office: None, at: range.0 });
            }
        }
        people.sort_by_key(|p| p.at);
        let mut canonical_by_surname: HashMap<String, usize> = HashMap::new();
        let mut canonical_by_name: HashMap<(String, String), usize> = HashMap::new();
        let mut by_office_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_office_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (k, person) in people.iter().enumerate() {
            let better = |best: &mut usize| {
                if person.titled && !people[*best].titled {
                    *best = k;
                }
            };
            canonical_by_surname.entry(person.surname.clone()).and_modify(better).or_insert(k);
            let name = (first_name(&person.name), person.surname.clone());
            canonical_by_name.entry(name).and_modify(better).or_insert(k);
            if let Some(key) = person.office.as_deref().map(office_key) {
                let mut words: Vec<&str> = key.split(' ').collect();
                words.dedup();
                for word in words {
                    by_office_word.entry(word.to_string()).or_default().push(k);
                }
                by_office_key.entry(key).or_default().push(k);
            }
        }
        Resolver {
            doc,
            tokens,
            people,
            canonical_by_surname,
            canonical_by_name,
            by_office_key,
            by_office_word,
            history: Vec::new(),
            history_by_fit: Default::default(),
        }
    }

    /// The canonical full name for a name as written: the name of the person with that
    /// surname (and first name, when one is written) introduced with an office, else
    /// first.
    fn canonical(&self, name: &str) -> String {
        let best = if name.contains(' ') {
            self.canonical_by_name.get(&(first_name(name), surname(name)))
        } else {
            self.canonical_by_surname.get(&surname(name))
        };
        best.map_or_else(|| name.to_string(), |&k| self.people[k].name.clone())
    }

    /// The person introduced with an office: the latest before `at`, else the first after.
    fn by_office(&self, office: &str, at: usize) -> Option<&Person> {
        let key = office_key(office);
        let head = key.rsplit(' ').next().unwrap_or(&key);
        let pick = |index: Option<&Vec<usize>>| {
            let index = index?;
            let after = index.partition_point(|&k| self.people[k].at < at);
            let before = after.checked_sub(1).map(|k| index[k]);
            let later = index[after..].iter().copied().find(|&k| self.people[k].at > at);
            before.or(later).map(|k| &self.people[k])
        };
        pick(self.by_office_key.get(&key)).or_else(|| pick(self.by_office_word.get(head)))
    }

    /// The first person named shortly after `at` ("the spokesman said. State Department
    /// Ned Price in a statement.").
    fn named_after(&self, at: usize) -> Option<&Person> {
        let first = self.people.partition_point(|p| p.at <= at);
        self.people.get(first).filter(|p| p.at <= at + 200)
    }

    /// Resolves a mention; mentions must come in text order so that pronouns find the
    /// speakers and subjects before them. The speaker's span is the whole mention, "the"
    /// included ("the State Department", as PolNeAR marks sources); its `name` is the
    /// canonical one ("State Department").
    pub fn resolve(&mut self, mention: Range) -> Option<Speaker> {
        let text = &self.doc.normalized.text;
        let ws = words(self.tokens, text, mention);
        let span = self.doc.normalized.span_to_original(mention.0, mention.1);
        let (speaker, plural) = if let [(_, only)] = ws.as_slice() {
            match pronoun_number(only) {
                Some(plural) => {
                    let antecedent = self.antecedent(mention.0, &only.to_ascii_lowercase())?;
                    let named = antecedent.antecedent.unwrap_or(antecedent.span);
                    (Speaker { antecedent: Some(named), ..antecedent }, plural)
                }
                None => (self.single(&ws, span), false),
            }
        } else {
            self.group_or_single(&ws, span, mention.0)
        };
        let speaker = Speaker { span, ..speaker };
        let event = Event { at: mention.0, speaker: speaker.clone(), plural };
        for class in Pronoun::ALL.into_iter().filter(|c| c.fits(&event)) {
            self.history_by_fit[class as usize].push(self.history.len());
        }
        self.history.push(event);
        Some(speaker)
    }

    fn group_or_single(&self, ws: &[(Range, &str)], span: crate::doc::Span, at: usize) -> (Speaker, bool) {
        let groups: Vec<&[(Range, &str)]> =
            ws.split(|(_, w)| w.eq_ignore_ascii_case("and")).filter(|g| !g.is_empty()).collect();
        let is_group = groups.len() >= 2
            && groups.iter().all(|g| g.iter().any(|(_, w)| w.chars().next().is_some_and(char::is_uppercase)));
        if !is_group {
            return (self.single_at(ws, span, at), false);
        }
        let members: Vec<Speaker> = groups.iter().map(|g| self.single_at(g, span, at)).collect();
        let names: Vec<String> = members.iter().map(|m| m.name.clone()).collect();
        let entity = members.iter().all(|m| m.entity.as_deref() == Some("PER")).then(|| "PER".to_string());
        (Speaker { span, name: names.join(" and "), antecedent: None, entity, role: None, affiliation: None }, true)
    }

    fn single(&self, ws: &[(Range, &str)], span: crate::doc::Span) -> Speaker {
        self.single_at(ws, span, ws.first().map_or(0, |w| w.0 .0))
    }

    /// Resolves a mention of one person or organisation.
    fn single_at(&self, ws: &[(Range, &str)], span: crate::doc::Span, at: usize) -> Speaker {
        let parts = parts(ws);
        let role = parts.office.clone();
        let affiliation = parts.affiliation.clone();
        let speaker = |name: String, entity: Option<&str>| Speaker {
            span,
            name,
            antecedent: None,
            entity: entity.map(str::to_string),
            role: role.clone(),
            affiliation: affiliation.clone(),
        };
        if let Some((name, range)) = &parts.name {
            let known = self.canonical_by_surname.contains_key(&surname(name));
            let entity = self.entity_label(*range).or_else(|| guess_entity(name, &parts, known));
            let name = if entity.as_deref() == Some("PER") { self.canonical(name) } else { name.clone() };
            return speaker(name, entity.as_deref());
        }
        let office = parts.office.clone().unwrap_or_default();
        let indefinite = matches!(parts.determiner.as_deref(), Some("a" | "an"));
        if !indefinite {
            let found = self
                .by_office(&office, at)
                .or_else(|| (parts.determiner.as_deref() == Some("the")).then(|| self.named_after(at)).flatten());
            if let Some(person) = found {
                return speaker(self.canonical(&person.name), Some("PER"));
            }
        }
        match &parts.affiliation {
            Some(org) if org.split(' ').any(is_org_word) => speaker(org.clone(), Some("ORG")),
            Some(place) => speaker(format!("{place} {office}"), None),
            None => speaker(office, None),
        }
    }

    /// The most recent compatible subject or speaker before `at`: a person for "he" and
    /// "she", anything else for "it", a group or an organisation for "they" and "we".
    fn antecedent(&self, at: usize, pronoun: &str) -> Option<Speaker> {
        let events = &self.history_by_fit[Pronoun::of(pronoun) as usize];
        let before = events.partition_point(|&k| self.history[k].at < at);
        let last = events[..before].last()?;
        Some(self.history[*last].speaker.clone())
    }

    /// PER or ORG from the NER layer, when an entity overlaps the range (entities are
    /// sorted and disjoint, so the overlapping ones are found by binary search).
    fn entity_label(&self, range: Range) -> Option<String> {
        let span = self.doc.normalized.span_to_original(range.0, range.1);
        let entities = &self.doc.entities;
        let first = entities.partition_point(|e| e.span.end <= span.start);
        let end = entities.partition_point(|e| e.span.start < span.end).max(first);
        entities[first..end]
            .iter()
            .find(|e| e.span.overlaps(span) && (e.label == "PER" || e.label == "ORG"))
            .map(|e| e.label.clone())
    }
}

/// The pronoun classes an antecedent is looked up for.
#[derive(Debug, Clone, Copy)]
enum Pronoun {
    /// "he", "she", "I": a single person.
    Person = 0,
    /// "it": a single non-person.
    Thing = 1,
    /// "they", "we": a group or an organisation.
    Group = 2,
}

impl Pronoun {
    /// Every class.
    const ALL: [Pronoun; 3] = [Pronoun::Person, Pronoun::Thing, Pronoun::Group];

    /// The class of a lower-case pronoun.
    fn of(pronoun: &str) -> Self {
        match pronoun {
            "he" | "she" | "i" => Pronoun::Person,
            "it" => Pronoun::Thing,
            _ => Pronoun::Group,
        }
    }

    /// Whether `event` can be the antecedent of this class.
    fn fits(self, event: &Event) -> bool {
        let person = event.speaker.entity.as_deref() == Some("PER");
        match self {
            Pronoun::Person => !event.plural && person,
            Pronoun::Thing => !event.plural && !person,
            Pronoun::Group => event.plural || event.speaker.entity.as_deref() == Some("ORG"),
        }
    }
}

/// PER for a person's name (or the surname of a person the story names), ORG for an
/// organisation's, none for places and the like, from capitalisation and the lexicons.
fn guess_entity(name: &str, parts: &Parts, known_person: bool) -> Option<String> {
    if name.split(' ').any(is_org_word) {
        Some("ORG".into())
    } else if known_person
        || name.contains(' ')
        || parts.office.is_some()
        || parts.determiner.as_deref().is_some_and(is_honorific)
    {
        Some("PER".into())
    } else {
        None
    }
}

/// The person a run of capitalised words introduces, if it names one.
fn person(ws: &[(Range, &str)]) -> Option<Person> {
    let parts = parts(ws);
    let (_, range) = parts.name?;
    let name_words: Vec<(Range, &str)> = ws.iter().copied().filter(|(r, _)| r.0 >= range.0 && r.1 <= range.1).collect();
    if !is_person_name(&name_words) {
        return None;
    }
    let name = name_words
        .iter()
        .filter(|(_, w)| !(w.len() == 2 && w.ends_with('.')))
        .map(|(_, w)| without_possessive(w))
        .collect::<Vec<_>>()
        .join(" ");
    let titled = parts.office.is_some();
    Some(Person { surname: surname(&name), name, titled, office: parts.office.map(|o| o.to_lowercase()), at: range.0 })
}

/// Runs of capitalised words (with offices and `of` inside) in a range.
fn capitalised_runs(tokens: &Tokens, text: &str, range: Range) -> Vec<Range> {
    let ws = words(tokens, text, range);
    let mut runs = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let starts = |k: usize| ws.get(k).is_some_and(|(_, w)| w.chars().next().is_some_and(char::is_uppercase));
        if !starts(i) && office_at(&ws, i) == 0 {
            i += 1;
            continue;
        }
        let first = i;
        loop {
            let office = office_at(&ws, i);
            if office > 0 {
                i += office;
            } else if starts(i) || (i > first && ws.get(i).is_some_and(|(_, w)| *w == "of") && starts(i + 1)) {
                i += 1;
            } else {
                break;
            }
            if i >= ws.len() || !adjacent(text, &ws, i) {
                break;
            }
        }
        i = i.max(first + 1);
        runs.push((ws[first].0 .0, ws[i - 1].0 .1));
    }
    runs
}

/// The words a text writes in lower case, to tell sentence openers ("Where", "Unlike")
/// from names: one pass over the text, so that looking a word up stays cheap in long
/// documents. ASCII words are cut at every other character; words with other characters
/// ("o'clock", "état") are looked up among the quote tokens.
struct LowercaseWords<'t> {
    ascii_words: HashSet<&'t str>,
    token_words: HashSet<&'t str>,
}

impl<'t> LowercaseWords<'t> {
    fn new(text: &'t str, tokens: &Tokens) -> Self {
        let ascii_words = text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty() && !w.bytes().any(|b| b.is_ascii_uppercase()))
            .collect();
        let token_words = tokens
            .within((0, text.len()))
            .into_iter()
            .filter(|t| t.word)
            .map(|t| &text[t.start..t.end])
            .filter(|w| !w.chars().any(char::is_uppercase))
            .collect();
        LowercaseWords { ascii_words, token_words }
    }

    /// Whether `word` also occurs in the text written in lower case, as a whole word.
    fn contains(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        if lower.bytes().all(|b| b.is_ascii_alphanumeric()) {
            self.ascii_words.contains(lower.as_str())
        } else {
            self.token_words.contains(lower.as_str())
        }
    }
}

/// Whether word `i` follows the word before it across white space only.
fn adjacent(text: &str, ws: &[(Range, &str)], i: usize) -> bool {
    match (i.checked_sub(1).and_then(|k| ws.get(k)), ws.get(i)) {
        (Some((prev, _)), Some((this, _))) => text.get(prev.1..this.0).is_some_and(|gap| gap.chars().all(|c| c == ' ')),
        _ => true,
    }
}
