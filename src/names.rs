//! Names across documents: one canonical name for each person, institution or place a
//! corpus mentions, for `compare` and `report` to count and show.
//!
//! Within a story the quote stage already resolves "he" and "Zelenskiy" to the fullest
//! name the story gives; across stories the same person is written many ways ("Biden",
//! "Joe Biden", "President Biden"; "Volodymyr Zelenskiy", "Zelensky", "Zelenskyy").
//! A [`NameIndex`] is built from every speaker name and entity of the records and puts
//! each written form into one cluster:
//!
//! 1. **Spelling key**: the form without a leading office or honorific
//!    (`lexicon/en/quotes/titles.txt`, `honorifics.txt`: "President", "Mr"), a leading
//!    "the", a possessive `'s` and initials ("Joseph R. Biden"), transliterated to ASCII
//!    (`deunicode`: "Зеленський", "Zelenskí"), lower-cased, with the common
//!    romanisation variants of a word folded: a final `-iy`, `-yy`, `-yi`, `-ij`, `-ii`
//!    becomes `-y`, a final `-ski` becomes `-sky`, and `y` inside a word becomes `i`
//!    ("Zelenskiy" = "Zelensky" = "Zelenskyy"; "Arestovych" = "Arestovich";
//!    "Shoygu" = "Shoigu"). Forms with one key are one cluster.
//! 2. **Surnames**: a one-word cluster that names a person (or is unlabelled) joins the
//!    person cluster of several words (none an acronym: "EPA Reuters" is a photo credit)
//!    whose last word has its key ("Biden" joins
//!    "Joe Biden") when that cluster is the only one with that surname, or has at least
//!    [`SURNAME_MAJORITY`] of the uses of all of them (otherwise it stays on its own:
//!    "Johnson" of two Johnsons).
//!
//! A cluster's canonical name is its form of most words (the fullest name people
//! write), then of most capitalised words ("Defence Ministry" over "defence ministry"),
//! then the most used, ties to the longer form. Its [`NameKind`] comes from the entity labels
//! its forms carry anywhere in the corpus (a speaker written "Russia" is labelled LOC
//! where the story's NER saw it): a person (PER), a place (LOC), an institution (ORG),
//! other (MISC: "Russian") or unknown; as a speaker, a place is an institution (a country speaks through its
//! government: [`CanonicalName::speaker_kind`]);
//! without labels a form ending in an organisation head word (`org_heads.txt`:
//! "Kremlin", "Defence Ministry") is an institution.

use crate::compare::render::{clip, TABLE_WIDTH};
use crate::schema::{EntityLabel, Record, Status};
use crate::words;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Share of a surname's uses that one full name needs to take the bare surname when
/// several full names share it.
pub const SURNAME_MAJORITY: f64 = 0.75;

static TITLES: LazyLock<Vec<&str>> = words!("en/quotes/titles.txt");
static HONORIFICS: LazyLock<Vec<&str>> = words!("en/quotes/honorifics.txt");
static ORG_HEADS: LazyLock<Vec<&str>> = words!("en/quotes/org_heads.txt");

/// What a name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NameKind {
    /// A person.
    Person,
    /// An organisation, or a country or city speaking through its government.
    Institution,
    /// A place.
    Place,
    /// A nationality, group, event or work (an entity labelled MISC: "Russian").
    Other,
    /// The records do not say.
    Unknown,
}

impl NameKind {
    /// The kind as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Person => "person",
            NameKind::Institution => "institution",
            NameKind::Place => "place",
            NameKind::Other => "other",
            NameKind::Unknown => "unknown",
        }
    }
}

/// One written form of a name and how often it is used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variant {
    /// The form as written.
    pub form: String,
    /// Quotes and entity mentions with this form.
    pub uses: usize,
}

/// One cluster of written forms: a person, institution or place of the corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CanonicalName {
    /// The name shown for every form of the cluster.
    pub name: String,
    /// What it stands for.
    pub kind: NameKind,
    /// Quotes whose speaker is one of the forms.
    pub quotes: usize,
    /// Entity mentions that are one of the forms.
    pub mentions: usize,
    /// The forms as written and how often each is used (quotes and mentions), most used
    /// first.
    pub variants: Vec<Variant>,
}

impl CanonicalName {
    /// What the name stands for as a speaker: a place that speaks is its government, an
    /// institution.
    pub fn speaker_kind(&self) -> NameKind {
        match self.kind {
            NameKind::Place => NameKind::Institution,
            kind => kind,
        }
    }

    /// The forms other than the canonical name, most used first.
    pub fn other_forms(&self) -> impl Iterator<Item = &str> {
        self.variants.iter().map(|v| v.form.as_str()).filter(move |form| *form != self.name)
    }
}

/// What the corpus says of one written form.
#[derive(Debug, Clone, Default)]
struct Form {
    quotes: usize,
    mentions: usize,
    labels: HashMap<EntityLabel, usize>,
}

impl Form {
    fn uses(&self) -> usize {
        self.quotes + self.mentions
    }
}

/// The canonical names of a corpus and the cluster of each written form.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    names: Vec<CanonicalName>,
    cluster_of: HashMap<String, usize>,
}

impl NameIndex {
    /// The index of every speaker name and entity of the successful records.
    pub fn of(records: &[Record]) -> NameIndex {
        NameIndex::from_forms(forms_of(records), Merging::Merged)
    }

    /// Every written form as its own name, nothing merged: the view before merging.
    pub fn unmerged(records: &[Record]) -> NameIndex {
        NameIndex::from_forms(forms_of(records), Merging::Unmerged)
    }

    fn from_forms(forms: HashMap<String, Form>, merging: Merging) -> NameIndex {
        let clusters = match merging {
            Merging::Merged => join_surnames(clusters_by_key(&forms), &forms),
            Merging::Unmerged => forms.keys().map(|written| vec![written.clone()]).collect(),
        };
        let mut index = NameIndex::default();
        for members in clusters {
            let position = index.names.len();
            for written in &members {
                index.cluster_of.insert(written.clone(), position);
            }
            index.names.push(canonical(&members, &forms));
        }
        index
    }

    /// The canonical name of a written form, if the corpus has it.
    pub fn canonical(&self, written: &str) -> Option<&CanonicalName> {
        self.cluster_of.get(written.trim()).map(|&i| &self.names[i])
    }

    /// The names used at least once in a role, most used first (ties alphabetical).
    pub fn ranked(&self, role: Role) -> Vec<&CanonicalName> {
        let mut names: Vec<&CanonicalName> = self.names.iter().filter(|n| role.count(n) > 0).collect();
        names.sort_by(|a, b| role.count(b).cmp(&role.count(a)).then_with(|| a.name.cmp(&b.name)));
        names
    }

    /// The top names of a role as a terminal table of at most [`TABLE_WIDTH`] columns:
    /// rank, name, what it is, count, and the other forms merged into it.
    pub fn table(&self, role: Role, top: usize) -> String {
        let (heading, unit) = role.headings();
        let mut out = format!("{:>3}  {:<28}  {:<11}  {:>7}  also written\n", "#", heading, "is", unit);
        for (rank, name) in self.ranked(role).into_iter().take(top).enumerate() {
            let line = format!(
                "{:>3}  {:<28}  {:<11}  {:>7}  {}",
                rank + 1,
                clip(&name.name, 28),
                role.kind(name).as_str(),
                role.count(name),
                name.other_forms().collect::<Vec<_>>().join(", ")
            );
            out.push_str(&clip(line.trim_end(), TABLE_WIDTH));
            out.push('\n');
        }
        out
    }
}

/// Where a name is used: what a names table ranks by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// As a quote's speaker, counted in quotes.
    Speaker,
    /// As an entity, counted in mentions.
    Entity,
}

impl Role {
    /// How often the name is used in this role.
    pub fn count(self, name: &CanonicalName) -> usize {
        match self {
            Role::Speaker => name.quotes,
            Role::Entity => name.mentions,
        }
    }

    /// What the name stands for in this role (a place that speaks is an institution).
    pub fn kind(self, name: &CanonicalName) -> NameKind {
        match self {
            Role::Speaker => name.speaker_kind(),
            Role::Entity => name.kind,
        }
    }

    /// The heading of the name column and of the count column.
    pub fn headings(self) -> (&'static str, &'static str) {
        match self {
            Role::Speaker => ("speaker", "quotes"),
            Role::Entity => ("entity", "mentions"),
        }
    }
}

/// Whether written forms are merged into clusters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Merging {
    Merged,
    Unmerged,
}

/// Every speaker name and entity of the successful records with its uses.
fn forms_of(records: &[Record]) -> HashMap<String, Form> {
    let mut forms: HashMap<String, Form> = HashMap::new();
    for record in records.iter().filter(|r| r.status == Status::Ok) {
        for speaker in record.quotes.iter().filter_map(|q| q.speaker.as_ref()) {
            observe(&mut forms, &speaker.name, speaker.entity, Role::Speaker);
        }
        for entity in &record.entities {
            observe(&mut forms, &entity.text, Some(entity.label), Role::Entity);
        }
    }
    forms
}

/// The written forms of each spelling key (forms without a key are left out).
fn clusters_by_key(forms: &HashMap<String, Form>) -> HashMap<Vec<String>, Vec<String>> {
    let mut by_key: HashMap<Vec<String>, Vec<String>> = HashMap::new();
    for written in forms.keys() {
        let key = spelling_key(written);
        if !key.is_empty() {
            by_key.entry(key).or_default().push(written.clone());
        }
    }
    by_key
}

/// Counts one use of a written form.
fn observe(forms: &mut HashMap<String, Form>, written: &str, label: Option<EntityLabel>, used: Role) {
    let form = forms.entry(written.trim().to_string()).or_default();
    match used {
        Role::Speaker => form.quotes += 1,
        Role::Entity => form.mentions += 1,
    }
    if let Some(label) = label {
        *form.labels.entry(label).or_default() += 1;
    }
}

/// The spelling key of a written form: its words without offices, honorifics, "the",
/// possessives and initials, transliterated, lower-cased and folded.
pub fn spelling_key(written: &str) -> Vec<String> {
    let ascii = deunicode::deunicode(written.trim());
    let mut words: Vec<String> = ascii
        .split_whitespace()
        .map(|w| w.trim_end_matches("'s").trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    strip_leading_titles(&mut words);
    if words.len() > 1 {
        words.retain(|w| w.chars().count() > 1);
    }
    words.iter().map(|w| fold_romanisation(w)).collect()
}

/// Drops leading "the", honorifics and offices ("President", "Foreign Minister").
fn strip_leading_titles(words: &mut Vec<String>) {
    loop {
        let before = words.len();
        if words.len() > 1 && (words[0] == "the" || HONORIFICS.contains(&words[0].as_str())) {
            words.remove(0);
        }
        if let Some(n) = leading_title_words(words) {
            words.drain(..n);
        }
        if words.len() == before {
            return;
        }
    }
}

/// How many leading words form an office, leaving at least one word.
fn leading_title_words(words: &[String]) -> Option<usize> {
    TITLES
        .iter()
        .map(|title| title.split_whitespace().collect::<Vec<_>>())
        .filter(|title| title.len() < words.len() && title.iter().zip(words).all(|(t, w)| t == w))
        .map(|title| title.len())
        .max()
}

/// One word with the common romanisation variants folded.
fn fold_romanisation(word: &str) -> String {
    let mut word = word.replace(['-', '\''], "");
    for ending in ["iy", "yy", "yi", "ij", "ii"] {
        if word.len() > ending.len() + 2 && word.ends_with(ending) {
            word.truncate(word.len() - ending.len());
            word.push('y');
            break;
        }
    }
    if word.len() > 5 && word.ends_with("ski") {
        word.pop();
        word.push('y');
    }
    let last = word.len().saturating_sub(1);
    word.char_indices().map(|(i, c)| if c == 'y' && i > 0 && i < last { 'i' } else { c }).collect()
}

/// Clusters of written forms: those of one spelling key, with bare surnames joined to
/// the full name they stand for.
fn join_surnames(by_key: HashMap<Vec<String>, Vec<String>>, forms: &HashMap<String, Form>) -> Vec<Vec<String>> {
    let uses = |members: &[String]| members.iter().map(|m| forms[m].uses()).sum::<usize>();
    let mut full_by_surname: HashMap<&str, Vec<&Vec<String>>> = HashMap::new();
    for (key, members) in &by_key {
        let personal =
            majority_kind(members, forms) == Some(EntityLabel::Per) && members.iter().any(|m| has_no_acronym(m));
        if key.len() > 1 && personal {
            full_by_surname.entry(key[key.len() - 1].as_str()).or_default().push(key);
        }
    }
    let mut target_of: HashMap<&Vec<String>, &Vec<String>> = HashMap::new();
    for (key, members) in &by_key {
        let personal = matches!(majority_kind(members, forms), None | Some(EntityLabel::Per));
        let Some(candidates) = full_by_surname.get(key[0].as_str()).filter(|_| key.len() == 1 && personal) else {
            continue;
        };
        let total: usize = candidates.iter().map(|k| uses(&by_key[*k])).sum();
        let best = candidates.iter().max_by_key(|k| (uses(&by_key[**k]), std::cmp::Reverse((**k).clone())));
        if let Some(best) = best.filter(|k| uses(&by_key[**k]) as f64 >= SURNAME_MAJORITY * total as f64) {
            target_of.insert(key, best);
        }
    }
    let mut clusters: HashMap<&Vec<String>, Vec<String>> = HashMap::new();
    for (key, members) in &by_key {
        let home = target_of.get(key).copied().unwrap_or(key);
        clusters.entry(home).or_default().extend(members.iter().cloned());
    }
    let mut clusters: Vec<Vec<String>> = clusters.into_values().collect();
    for members in &mut clusters {
        members.sort();
    }
    clusters.sort();
    clusters
}

/// Whether no word of a written form is an acronym ("EPA Reuters", a photo credit, is no
/// person's full name even when labelled one).
fn has_no_acronym(written: &str) -> bool {
    written.split_whitespace().all(|word| {
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() < 2 || letters.iter().any(|c| c.is_lowercase())
    })
}

/// The label most of the uses of these forms carry, if any carries one.
fn majority_kind(members: &[String], forms: &HashMap<String, Form>) -> Option<EntityLabel> {
    let mut counts: HashMap<EntityLabel, usize> = HashMap::new();
    for member in members {
        for (label, n) in &forms[member].labels {
            *counts.entry(*label).or_default() += n;
        }
    }
    counts.into_iter().max_by_key(|&(label, n)| (n, std::cmp::Reverse(label.as_str()))).map(|(label, _)| label)
}

/// The canonical name of a cluster.
fn canonical(members: &[String], forms: &HashMap<String, Form>) -> CanonicalName {
    let mut variants: Vec<Variant> =
        members.iter().map(|m| Variant { form: m.clone(), uses: forms[m].uses() }).collect();
    variants.sort_by(|a, b| b.uses.cmp(&a.uses).then_with(|| a.form.cmp(&b.form)));
    let words = |form: &str| spelling_key(form).len();
    let capitalised = |form: &str| {
        form.split_whitespace().filter(|w| w.chars().count() > 2 && w.starts_with(char::is_uppercase)).count()
    };
    let rank = |v: &Variant| (words(&v.form), capitalised(&v.form), v.uses, v.form.len());
    let name = variants
        .iter()
        .max_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| b.form.cmp(&a.form)))
        .map(|v| v.form.clone())
        .unwrap_or_default();
    let quotes = members.iter().map(|m| forms[m].quotes).sum();
    let mentions = members.iter().map(|m| forms[m].mentions).sum();
    let kind = kind_of(majority_kind(members, forms), &name);
    CanonicalName { name, kind, quotes, mentions, variants }
}

/// What a cluster stands for, from its majority label.
fn kind_of(label: Option<EntityLabel>, name: &str) -> NameKind {
    match label {
        Some(EntityLabel::Per) => NameKind::Person,
        Some(EntityLabel::Org) => NameKind::Institution,
        Some(EntityLabel::Loc) => NameKind::Place,
        Some(EntityLabel::Misc) => NameKind::Other,
        None => {
            let last = name.split_whitespace().last().unwrap_or_default().to_lowercase();
            if ORG_HEADS.contains(&last.as_str()) {
                NameKind::Institution
            } else {
                NameKind::Unknown
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(uses: &[(&str, Option<EntityLabel>, Role, usize)]) -> NameIndex {
        let mut forms = HashMap::new();
        for &(written, label, used, times) in uses {
            for _ in 0..times {
                observe(&mut forms, written, label, used);
            }
        }
        NameIndex::from_forms(forms, Merging::Merged)
    }

    const PER: Option<EntityLabel> = Some(EntityLabel::Per);

    #[test]
    fn transliterations_share_a_key() {
        let key = spelling_key("Zelenskiy");
        for variant in ["Zelensky", "Zelenskyy", "Zelenskii", "Zelenskí", "President Zelensky", "Zelensky's"] {
            assert_eq!(spelling_key(variant), key, "{variant}");
        }
        assert_eq!(spelling_key("Arestovych"), spelling_key("Arestovich"));
        assert_eq!(spelling_key("Sergei Shoygu"), spelling_key("Sergei Shoigu"));
        assert_eq!(spelling_key("Joseph R. Biden"), spelling_key("Joseph Biden"));
        assert_ne!(spelling_key("Kyiv"), spelling_key("Kharkiv"));
    }

    #[test]
    fn a_bare_surname_joins_the_only_full_name() {
        let names = index(&[
            ("Joe Biden", PER, Role::Speaker, 16),
            ("Biden", PER, Role::Speaker, 21),
            ("President Biden", None, Role::Speaker, 2),
            ("Volodymyr Zelenskiy", PER, Role::Speaker, 5),
            ("Zelensky", None, Role::Speaker, 7),
            ("Zelenskyy", PER, Role::Entity, 3),
        ]);
        let speakers = names.ranked(Role::Speaker);
        assert_eq!(speakers.len(), 2, "{speakers:?}");
        assert_eq!((speakers[0].name.as_str(), speakers[0].quotes), ("Joe Biden", 39));
        assert_eq!(
            (speakers[1].name.as_str(), speakers[1].quotes, speakers[1].mentions),
            ("Volodymyr Zelenskiy", 12, 3)
        );
        assert_eq!(names.canonical("Zelenskyy").map(|n| n.name.as_str()), Some("Volodymyr Zelenskiy"));
        assert_eq!(speakers[0].kind, NameKind::Person);
    }

    #[test]
    fn a_shared_surname_stays_apart_without_a_clear_majority() {
        let names = index(&[
            ("Boris Johnson", PER, Role::Speaker, 5),
            ("Andrew Johnson", PER, Role::Speaker, 4),
            ("Johnson", PER, Role::Speaker, 3),
        ]);
        assert_eq!(names.canonical("Johnson").map(|n| n.name.as_str()), Some("Johnson"));
        assert_eq!(names.ranked(Role::Speaker).len(), 3);
    }

    #[test]
    fn places_do_not_join_people_and_speaking_places_are_institutions() {
        let names = index(&[
            ("George Washington", PER, Role::Entity, 2),
            ("Washington", Some(EntityLabel::Loc), Role::Entity, 9),
            ("Russia", Some(EntityLabel::Loc), Role::Entity, 30),
            ("Russia", None, Role::Speaker, 4),
            ("Kremlin", None, Role::Speaker, 3),
            ("EPA Reuters", PER, Role::Speaker, 1),
            ("Reuters", None, Role::Speaker, 30),
        ]);
        assert_eq!(names.canonical("Reuters").map(|n| n.name.as_str()), Some("Reuters"), "an acronym is no given name");
        assert_eq!(names.canonical("Washington").map(|n| n.kind), Some(NameKind::Place));
        assert_eq!(
            names.canonical("Russia").map(|n| (n.kind, n.speaker_kind())),
            Some((NameKind::Place, NameKind::Institution))
        );
        assert_eq!(names.canonical("Kremlin").map(|n| n.kind), Some(NameKind::Institution));
        assert_eq!(names.ranked(Role::Entity)[0].name, "Russia");
    }

    #[test]
    fn the_table_ranks_merged_names_and_fits_the_terminal() {
        let names = index(&[
            ("Volodymyr Zelenskiy", PER, Role::Speaker, 5),
            ("Zelensky", None, Role::Speaker, 7),
            ("Kremlin", None, Role::Speaker, 3),
            ("Ministry of Defence of the Russian Federation and its many regional offices", None, Role::Speaker, 1),
        ]);
        let table = names.table(Role::Speaker, 2);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 3, "{table}");
        assert!(lines[1].contains("Volodymyr Zelenskiy") && lines[1].contains("person"), "{table}");
        assert!(lines[1].ends_with("Zelensky") && lines[1].contains("     12  "), "{table}");
        assert!(lines[2].contains("Kremlin") && lines[2].contains("institution"), "{table}");
        let all = names.table(Role::Speaker, 10);
        assert!(all.lines().all(|line| line.chars().count() <= TABLE_WIDTH), "{all}");
        assert!(all.contains("Ministry of Defence of the …"), "a long name is cut, marked: {all}");
    }
}
