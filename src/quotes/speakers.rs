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

use super::lexicon::{is_honorific, pronoun_number, DETERMINERS, NOT_NAMES, OFFICES, ORG_HEADS};
use super::text::{Range, Tokens, Unit};
use crate::doc::{Doc, Speaker};

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

/// Resolves speaker mentions of one document to canonical names.
pub struct Resolver<'a> {
    doc: &'a Doc,
    tokens: &'a Tokens<'a>,
    people: Vec<Person>,
    history: Vec<Event>,
}

/// The words of a range outside parentheses ("Gwen Moore (D-Wis.)" → Gwen, Moore).
fn words<'t>(tokens: &Tokens, text: &'t str, range: Range) -> Vec<(Range, &'t str)> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    for t in tokens.within(range) {
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
        let lowercase_words = LowercaseWords::new(text);
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
        Resolver { doc, tokens, people, history: Vec::new() }
    }

    /// The canonical full name for a name as written.
    fn canonical(&self, name: &str) -> String {
        let key = surname(name);
        let own_first = first_name(name);
        let several = name.contains(' ');
        let mut same: Vec<&Person> = self.people.iter().filter(|p| p.surname == key).collect();
        if several {
            same.retain(|p| first_name(&p.name) == own_first);
        }
        same.sort_by_key(|p| (!p.titled, p.at));
        same.first().map_or_else(|| name.to_string(), |p| p.name.clone())
    }

    /// The person introduced with an office: the latest before `at`, else the first after.
    fn by_office(&self, office: &str, at: usize) -> Option<&Person> {
        let key = office_key(office);
        let head = key.rsplit(' ').next().unwrap_or(&key).to_string();
        let exact = |p: &&Person| p.office.as_deref().map(office_key).is_some_and(|o| o == key);
        let loose = |p: &&Person| p.office.as_deref().map(office_key).is_some_and(|o| o.split(' ').any(|w| w == head));
        let pick = |matches: &dyn Fn(&&Person) -> bool| {
            self.people
                .iter()
                .filter(|p| p.at < at)
                .filter(matches)
                .last()
                .or_else(|| self.people.iter().filter(|p| p.at > at).find(matches))
        };
        pick(&exact).or_else(|| pick(&loose))
    }

    /// The first person named shortly after `at` ("the spokesman said. State Department
    /// Ned Price in a statement.").
    fn named_after(&self, at: usize) -> Option<&Person> {
        self.people.iter().find(|p| p.at > at && p.at <= at + 200)
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
        self.history.push(Event { at: mention.0, speaker: speaker.clone(), plural });
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
            let known = self.people.iter().any(|p| p.surname == surname(name));
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
        let fits = |e: &Event| {
            let person = e.speaker.entity.as_deref() == Some("PER");
            match pronoun {
                "he" | "she" | "i" => !e.plural && person,
                "it" => !e.plural && !person,
                _ => e.plural || e.speaker.entity.as_deref() == Some("ORG"),
            }
        };
        self.history.iter().rev().filter(|e| e.at < at).find(|e| fits(e)).map(|e| e.speaker.clone())
    }

    /// PER or ORG from the NER layer, when an entity overlaps the range.
    fn entity_label(&self, range: Range) -> Option<String> {
        let span = self.doc.normalized.span_to_original(range.0, range.1);
        self.doc
            .entities
            .iter()
            .find(|e| e.span.overlaps(span) && (e.label == "PER" || e.label == "ORG"))
            .map(|e| e.label.clone())
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
/// documents.
struct LowercaseWords<'t> {
    text: &'t str,
    ascii_words: std::collections::HashSet<&'t str>,
}

impl<'t> LowercaseWords<'t> {
    fn new(text: &'t str) -> Self {
        let ascii_words = text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty() && !w.bytes().any(|b| b.is_ascii_uppercase()))
            .collect();
        LowercaseWords { text, ascii_words }
    }

    /// Whether `word` also occurs in the text written in lower case, as a whole word.
    fn contains(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        if lower.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return self.ascii_words.contains(lower.as_str());
        }
        let bytes = self.text.as_bytes();
        self.text.match_indices(lower.as_str()).any(|(at, _)| {
            let before = at.checked_sub(1).map(|b| bytes[b]);
            let after = bytes.get(at + lower.len()).copied();
            before.is_none_or(|b| !b.is_ascii_alphanumeric()) && after.is_none_or(|b| !b.is_ascii_alphanumeric())
        })
    }
}

/// Whether word `i` follows the word before it across white space only.
fn adjacent(text: &str, ws: &[(Range, &str)], i: usize) -> bool {
    match (i.checked_sub(1).and_then(|k| ws.get(k)), ws.get(i)) {
        (Some((prev, _)), Some((this, _))) => text.get(prev.1..this.0).is_some_and(|gap| gap.chars().all(|c| c == ' ')),
        _ => true,
    }
}
