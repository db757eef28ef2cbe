//! Sentence segmentation over the content spans: the only sentence splitter.
//!
//! Each content span (a paragraph or part of one) is split on its own, so paragraph ends
//! are hard boundaries and a headline without a final stop is one sentence. A paragraph
//! that opens with a list marker ("1)", "a.", "(b)", "• 9.") is first cut before each
//! next marker in sequence, so list items without a stop are sentences of their own
//! ([`items`]). Inside an item a boundary is a run of `.`, `?`, `!` or an ellipsis, then
//! any closing quotes or brackets and citation brackets ("[1]", "[citation needed]"),
//! then whitespace; whether it ends a sentence depends on the word after it (lower case
//! never starts a sentence, except a quotation opening in lower case: `on Twitter.
//! "thank you," she tweeted.`) and, for a single period, on the word before it:
//!
//! - titles and leading abbreviations ("Mr.", "Gen.", "p.") never end a sentence; "No."
//!   and "N°." end one only when no number follows;
//! - a unit after a number ("5 ft. 6 in.") ends one only when no number follows;
//! - a time or era after a number ("9 a.m.", "44 B.C.") ends one before a capitalised
//!   word, unless that word goes on the time (a day, month or zone: "9 a.m. Eastern
//!   time", "9 a.m. Monday") or the time phrase opens the sentence before its subject
//!   ("At 5 a.m. Mr. Smith went ...");
//! - initials and other abbreviations ("J.", "U.S.", "Inc.") end one only before a
//!   common sentence starter ("The", "He"), never before another initial ("U. A. E.");
//!
//! A `?` or `!` ends a sentence unless it lies inside a quotation that goes on and is
//! then attributed in lower case (“How many? I don't know,” said ...). An ellipsis ends
//! one only before a capital, also after `?` or `!` ("Why? ... because"). Matching runs
//! on [`Doc::normalized`]; spans map back to [`Doc::text`].

mod items;

use crate::doc::{Doc, Span};
use crate::words;
use std::ops::Range;
use std::sync::LazyLock;

/// A word list loaded at compile time.
type Words = LazyLock<Vec<&'static str>>;

/// Abbreviations that precede a name or number and never end a sentence (case-sensitive).
static LEADING_ABBREVIATIONS: Words = words!("en/segment/leading_abbreviations.txt");
/// Abbreviations that may end a sentence, lower-case without the final period.
static ABBREVIATIONS: Words = words!("en/segment/abbreviations.txt");
/// "No", "N°": end a sentence only when no number follows (case-sensitive).
static NUMBER_ABBREVIATIONS: Words = words!("en/segment/number_abbreviations.txt");
/// Units after a number ("ft", "lb"), lower-case.
static UNITS: Words = words!("en/segment/units.txt");
/// Times and eras after a number ("a.m", "b.c"), lower-case without the final period.
static NUMBER_SUFFIXES: Words = words!("en/segment/number_suffixes.txt");
/// Days, months and zones that go on a time ("Eastern", "Monday"), lower-case.
static TIME_QUALIFIERS: Words = words!("en/segment/time_qualifiers.txt");
/// Words that open a sentence with a time phrase ("At", "In"), lower-case.
static TIME_OPENERS: Words = words!("en/segment/time_openers.txt");
/// Capitalised words that usually start a sentence.
static SENTENCE_STARTERS: Words = words!("en/segment/sentence_starters.txt");

/// Characters that may close a sentence after its stop: quotes and brackets.
const CLOSERS: &[u8] = b"\"')]";
/// Characters that may open a sentence before its first word.
const OPENERS: &[u8] = b"\"'([";
/// The ellipsis character.
const ELLIPSIS: &str = "\u{2026}";
/// Longest list enumerator ("12." or "b.") that a stop after it does not end.
const ENUMERATOR_MAX_LEN: usize = 3;
/// Longest citation bracket after a stop, brackets included ("[citation needed]").
const CITATION_MAX_LEN: usize = 24;
/// Most words a time phrase that opens a sentence has before its abbreviation ("Shortly
/// after 5 a.m.").
const TIME_OPENER_MAX_WORDS: usize = 3;

/// Separators between a headline and the site name after it ("... in Gary | abc7.com").
const SITE_SEPARATORS: [&str; 4] = [" | ", " - ", " \u{ab} ", " \u{2014} "];

/// Sentence spans of the document, in order: the headline first when the text starts with
/// one (without the site name after it), then the sentences of the content.
pub fn sentences(doc: &Doc) -> Vec<Span> {
    let norm = &doc.normalized;
    let mut out: Vec<Span> = doc.cleaning.title.map(|span| headline(doc, span)).into_iter().collect();
    for span in &doc.cleaning.content {
        let (start, end) = (norm.from_original(span.start), norm.from_original(span.end));
        for range in split(&norm.text[start..end]) {
            out.push(norm.span_to_original(start + range.start, start + range.end));
        }
    }
    out
}

/// The headline span without the site name written after it: "Man shot in Gary |
/// abc7.com" ends before " | ".
fn headline(doc: &Doc, span: Span) -> Span {
    let text = doc.slice(span);
    let end = SITE_SEPARATORS.iter().filter_map(|sep| text.find(sep)).min().unwrap_or(text.len());
    Span::new(span.start, span.start + text[..end].trim_end().len())
}

/// Whether a period written right after `word` belongs to it rather than ending a
/// sentence in running text: an initial ("J"), a dotted abbreviation ("U.S") or a listed
/// abbreviation ("Mr", "Inc", "No"; a title as listed or in lower case, so "mr" but not
/// "FT", which is no "Ft."). Other stages use it to
/// keep the period with the word when they cut words.
pub fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    let as_listed_or_lower = |list: &[&str]| list.iter().any(|&entry| entry == word || entry.to_lowercase() == word);
    is_initial(word)
        || is_dotted(word)
        || as_listed_or_lower(&LEADING_ABBREVIATIONS)
        || as_listed_or_lower(&NUMBER_ABBREVIATIONS)
        || ABBREVIATIONS.contains(&lower.as_str())
}

/// Sentence ranges of one paragraph, trimmed of surrounding whitespace.
fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for item in items::items(text) {
        let base = item.start;
        out.extend(split_item(&text[item]).into_iter().map(|r| base + r.start..base + r.end));
    }
    out
}

/// What ends a candidate boundary: its stop characters.
struct Stop {
    /// Byte offset of the first stop character.
    at: usize,
    /// One past the stops, closers and citation brackets.
    end: usize,
    /// Whether the run holds `?` or `!`.
    strong: bool,
    /// Whether the run is an ellipsis (two or more dots, spaced or not, or `…`).
    ellipsis: bool,
}

/// A candidate boundary in its context: the text of the item, where the current sentence
/// started, the stop and where the next word starts.
struct Boundary<'t> {
    text: &'t str,
    start: usize,
    stop: Stop,
    next: usize,
}

/// Sentence ranges of one list item (or a whole paragraph), trimmed of whitespace.
fn split_item(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = skip_space(bytes, 0);
    let mut i = start;
    while i < bytes.len() {
        let Some(stop) = stop_at(bytes, i) else {
            i += 1;
            continue;
        };
        let next = skip_space(bytes, stop.end);
        let followed_by_space = next > stop.end || stop.end == bytes.len();
        let opens_sentence = stop.at == start;
        let stop_end = stop.end;
        if followed_by_space && !opens_sentence && next < bytes.len() && (Boundary { text, start, stop, next }).ends() {
            push_trimmed(text, start..stop_end, &mut out);
            start = next;
        }
        i = stop_end.max(i + 1);
    }
    push_trimmed(text, start..bytes.len(), &mut out);
    out
}

/// The stop run starting at byte `i`, if one does.
fn stop_at(bytes: &[u8], i: usize) -> Option<Stop> {
    let is_ellipsis_char = |j: usize| bytes[j..].starts_with(ELLIPSIS.as_bytes());
    if !matches!(bytes[i], b'.' | b'?' | b'!') && !is_ellipsis_char(i) {
        return None;
    }
    let (mut j, mut dots, mut strong, mut ellipsis) = (i, 0, false, false);
    while j < bytes.len() {
        match bytes[j] {
            b'.' => dots += 1,
            b'?' | b'!' => strong = true,
            b' ' if (dots > 0 || strong) && bytes.get(j + 1) == Some(&b'.') => {}
            _ if is_ellipsis_char(j) => {
                ellipsis = true;
                j += ELLIPSIS.len();
                continue;
            }
            _ => break,
        }
        j += 1;
    }
    while j < bytes.len() && CLOSERS.contains(&bytes[j]) {
        j += 1;
    }
    while let Some(len) = citation_len(&bytes[j..]) {
        j += len;
    }
    Some(Stop { at: i, end: j, strong, ellipsis: ellipsis || dots >= 2 })
}

/// The length of a citation bracket at the start of `bytes`: "[1]", "[12-14]", "[a]",
/// "[citation needed]" (digits, or lower-case words, with commas, dashes and spaces).
fn citation_len(bytes: &[u8]) -> Option<usize> {
    if bytes.first() != Some(&b'[') {
        return None;
    }
    let close = bytes.iter().take(CITATION_MAX_LEN).position(|&b| b == b']')?;
    let inner = &bytes[1..close];
    let numeric = inner.iter().all(|b| b.is_ascii_digit() || b", -".contains(b));
    let worded = inner.iter().all(|b| b.is_ascii_lowercase() || *b == b' ');
    (!inner.is_empty() && (numeric || worded) && inner.iter().any(u8::is_ascii_alphanumeric)).then_some(close + 1)
}

impl Boundary<'_> {
    /// Whether the stop ends the sentence.
    fn ends(&self) -> bool {
        let next_word = self.next_word();
        let next_first = next_word.chars().next();
        let lower_case = next_first.is_some_and(char::is_lowercase) && !next_word.contains(char::is_uppercase);
        if lower_case && !self.opens_quotation() {
            return false;
        }
        if self.stop.ellipsis {
            let elision = self.text[..self.stop.at].ends_with(['[', '(']);
            return !elision && next_first.is_some_and(char::is_uppercase) && next_word != "I";
        }
        if self.stop.strong {
            return !self.inside_attributed_quotation();
        }
        self.single_period_ends()
    }

    /// Whether a double quotation opens right after the boundary (an even number of marks
    /// before it): a quotation written in lower case after a stop still starts a sentence
    /// (`on Twitter. "thank you," she tweeted.`).
    fn opens_quotation(&self) -> bool {
        let marks_before = self.text.as_bytes()[..self.next].iter().filter(|&&b| b == b'"').count();
        self.text[self.next..].starts_with('"') && marks_before % 2 == 0
    }

    /// The word after the boundary (opening quotes and brackets skipped).
    fn next_word(&self) -> &str {
        word_after(self.text, self.next)
    }

    /// Where the word before the stop starts (within the sentence).
    fn token_start(&self) -> usize {
        let before = &self.text[..self.stop.at];
        let after_space = before.char_indices().rev().find(|(_, c)| c.is_whitespace()).map(|(i, c)| i + c.len_utf8());
        after_space.unwrap_or(0).max(self.start)
    }

    /// Whether a single period ends the sentence, from the word before it (only the last
    /// part of a hyphenated word counts: "Then-Sen.", "Then-U.S.").
    fn single_period_ends(&self) -> bool {
        let token_start = self.token_start();
        let token = self.text[token_start..self.stop.at].trim_start_matches(|c| is_opener(c) || items::is_bullet(c));
        let token = token.rsplit('-').next().unwrap_or(token);
        let first_in_sentence =
            self.text[self.start..token_start].trim_start_matches(items::is_bullet).trim().is_empty();
        let number_follows = self.next_word().starts_with(|c: char| c.is_ascii_digit());
        let after_number = self.number_before(token_start);
        let lower = token.to_lowercase();
        if LEADING_ABBREVIATIONS.contains(&token) || (first_in_sentence && is_enumerator(token)) {
            false
        } else if NUMBER_ABBREVIATIONS.contains(&token) || (after_number && UNITS.contains(&lower.as_str())) {
            !number_follows
        } else if after_number && NUMBER_SUFFIXES.contains(&lower.as_str()) {
            self.time_ends(token_start)
        } else if is_initial(token) && self.initial_follows() {
            false
        } else if is_initial(token) || is_dotted(token) || ABBREVIATIONS.contains(&lower.as_str()) {
            SENTENCE_STARTERS.contains(&self.next_word())
        } else {
            true
        }
    }

    /// Whether the word before `token_start` (in this sentence) is a number ("5", "11:49").
    fn number_before(&self, token_start: usize) -> bool {
        let word = self.text[self.start..token_start].split_whitespace().next_back().unwrap_or("");
        let word = word.trim_start_matches(is_opener);
        word.starts_with(|c: char| c.is_ascii_digit()) && word.chars().all(|c| c.is_ascii_digit() || ",.:".contains(c))
    }

    /// Whether a time or era after a number ("9 a.m.", "44 B.C.") ends the sentence: only
    /// before a capitalised word that neither goes on the time (a day, month or zone:
    /// "Eastern", "Monday", "AST", "Moscow time", "New Delhi time", "Thanksgiving day")
    /// nor follows a time phrase opening the sentence ("At 5 a.m. Mr. Smith").
    fn time_ends(&self, token_start: usize) -> bool {
        let next_word = self.next_word();
        if !next_word.starts_with(char::is_uppercase) {
            return false;
        }
        let opener: Vec<&str> = self.text[self.start..token_start].split_whitespace().collect();
        let opens_sentence = opener.len() <= TIME_OPENER_MAX_WORDS
            && opener
                .first()
                .is_some_and(|w| TIME_OPENERS.contains(&w.trim_start_matches(is_opener).to_lowercase().as_str()));
        !self.qualifies_time(next_word) && !opens_sentence
    }

    /// Whether the words after the boundary go on a time: a listed day, month or zone, a
    /// zone abbreviation ("AST": two to four capitals ending in T), or one or two
    /// capitalised words before "time" or "day".
    fn qualifies_time(&self, next_word: &str) -> bool {
        let zone_abbreviation = (2..=4).contains(&next_word.len())
            && next_word.bytes().all(|b| b.is_ascii_uppercase())
            && next_word.ends_with('T');
        let words: Vec<&str> = self.text[self.next..]
            .split_whitespace()
            .take(3)
            .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
            .collect();
        let is_time_noun = |w: &&str| w.eq_ignore_ascii_case("time") || w.eq_ignore_ascii_case("day");
        let named = match words.as_slice() {
            [_, second, ..] if is_time_noun(second) => true,
            [_, second, third] => second.starts_with(char::is_uppercase) && is_time_noun(third),
            _ => false,
        };
        zone_abbreviation || named || TIME_QUALIFIERS.contains(&next_word.to_lowercase().as_str())
    }

    /// Whether the next word is itself an initial with its period ("U. A. E.").
    fn initial_follows(&self) -> bool {
        let word = self.next_word();
        let at = self.text[self.next..].find(word).map_or(self.next, |i| self.next + i);
        is_initial(word) && self.text[at + word.len()..].starts_with('.')
    }

    /// Whether a `?` or `!` lies inside a double quotation that goes on after it and is
    /// then attributed in lower case (“How many? I don't know,” said the official.).
    fn inside_attributed_quotation(&self) -> bool {
        let bytes = self.text.as_bytes();
        let open_marks = bytes[..self.stop.at].iter().filter(|&&b| b == b'"').count();
        let closed_in_stop = bytes[self.stop.at..self.stop.end].contains(&b'"');
        if open_marks % 2 == 0 || closed_in_stop {
            return false;
        }
        let Some(close) = self.text[self.stop.end..].find('"').map(|i| self.stop.end + i) else { return false };
        let after = self.text[close + 1..].trim_start_matches([',', '.', '?', '!', ' ']);
        after.starts_with(char::is_lowercase)
    }
}

/// A list enumerator: a short number or a single letter ("1", "12", "b").
fn is_enumerator(token: &str) -> bool {
    let digits = !token.is_empty() && token.len() <= ENUMERATOR_MAX_LEN && token.bytes().all(|b| b.is_ascii_digit());
    digits || (token.len() == 1 && token.bytes().all(|b| b.is_ascii_lowercase()))
}

/// A capital initial ("J" in "Antony J. Blinken").
fn is_initial(token: &str) -> bool {
    let mut chars = token.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// A dotted abbreviation of single letters ("U.S", "a.m", "J.K", "U.S.A").
fn is_dotted(token: &str) -> bool {
    token.contains('.')
        && token.split('.').all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

/// The word at `at` with opening quotes and brackets skipped, up to the next non-letter.
fn word_after(text: &str, at: usize) -> &str {
    let rest = text[at..].trim_start_matches(is_opener);
    let end = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
    &rest[..end]
}

/// Whether `c` may open a sentence before its first word.
fn is_opener(c: char) -> bool {
    c.is_ascii() && OPENERS.contains(&(c as u8))
}

/// The first offset at or after `i` that is not ASCII whitespace.
fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// Pushes `range` trimmed of whitespace, when anything is left.
fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        let start = range.start + (slice.len() - slice.trim_start().len());
        out.push(start..start + trimmed.len());
    }
}

#[cfg(test)]
mod tests;
