//! Sentence segmentation over the content spans.
//!
//! Each content span (a paragraph or part of one) is split on its own, so paragraph ends
//! are hard boundaries and a headline without a final stop is one sentence. Inside a
//! paragraph a boundary is a run of `.`, `?`, `!` or an ellipsis, then any closing quotes
//! or brackets, then whitespace; whether it ends a sentence depends on the word before it
//! (titles, abbreviations, initials) and the word after it (lower case never starts a
//! sentence). Matching runs on [`Doc::normalized`]; spans map back to [`Doc::text`].

use crate::doc::{Doc, Span};
use std::ops::Range;

/// Abbreviations that precede a name or number and never end a sentence (case-sensitive).
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Lt", "Col", "Sgt", "Capt", "Cpl", "Pvt", "Maj", "Cmdr", "Adm",
    "Brig", "Rep", "Reps", "Sen", "Sens", "Gov", "Pres", "Rev", "Hon", "Supt", "Det", "Insp", "Atty", "St", "Mt", "Ft",
    "No", "Nos", "Vol", "Fig", "Art", "Sec", "p", "pp", "v",
];

/// Abbreviations that may end a sentence: they end one only before a sentence starter
/// (compared lower-cased, without the final period).
const ABBREVIATIONS: &[&str] = &[
    "jr", "sr", "inc", "corp", "co", "ltd", "llc", "plc", "bros", "etc", "vs", "al", "approx", "est", "dept", "univ",
    "assn", "ave", "blvd", "rd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Capitalised words that usually start a sentence, deciding boundaries after abbreviations
/// and initials ("in the U.S. The ..." splits, "the U.S. Government" does not).
#[rustfmt::skip]
const SENTENCE_STARTERS: &[&str] = &[
    "A", "About", "After", "Again", "All", "Also", "Although", "An", "And", "Another", "Any", "Are", "As", "At",
    "Because", "Before", "Both", "But", "By", "Can", "Could", "Did", "Do", "Does", "During", "Each", "Earlier",
    "Even", "Every", "For", "From", "Had", "Has", "Have", "He", "Her", "Here", "His", "How", "However", "I", "If",
    "In", "Is", "It", "Its", "Last", "Later", "Many", "Meanwhile", "More", "Most", "Mr", "Mrs", "Ms", "My", "No",
    "Not", "Now", "On", "One", "Only", "Or", "Our", "She", "Since", "So", "Some", "Still", "That", "The", "Their",
    "Then", "There", "These", "They", "This", "Those", "Though", "To", "Today", "Two", "Under", "We", "Were", "Was",
    "What", "When", "Where", "Which", "While", "Who", "Why", "Will", "With", "Would", "Yet", "You", "Your",
];

/// Characters that may close a sentence after its stop: quotes and brackets.
const CLOSERS: &[u8] = b"\"')]";
/// Characters that may open a sentence before its first word.
const OPENERS: &[u8] = b"\"'([";
/// The ellipsis character.
const ELLIPSIS: &str = "\u{2026}";
/// Longest list enumerator ("12." or "b.") that a stop after it does not end.
const ENUMERATOR_MAX_LEN: usize = 3;

/// Sentence spans of the document's content, in order.
pub fn sentences(doc: &Doc) -> Vec<Span> {
    let norm = &doc.normalized;
    let mut out = Vec::new();
    for span in &doc.cleaning.content {
        let (start, end) = (norm.from_original(span.start), norm.from_original(span.end));
        for range in split(&norm.text[start..end]) {
            out.push(norm.span_to_original(start + range.start, start + range.end));
        }
    }
    out
}

/// What ends a candidate boundary: its stop characters.
struct Stop {
    /// Byte offset of the first stop character.
    at: usize,
    /// One past the stops and closers.
    end: usize,
    /// Whether the run holds `?` or `!`.
    strong: bool,
    /// Whether the run is an ellipsis (two or more dots, spaced or not, or `…`).
    ellipsis: bool,
}

/// Sentence ranges of one paragraph, trimmed of surrounding whitespace.
fn split(text: &str) -> Vec<Range<usize>> {
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
        if followed_by_space && !opens_sentence && next < bytes.len() && ends_sentence(text, start, &stop, next) {
            push_trimmed(text, start..stop.end, &mut out);
            start = next;
        }
        i = stop.end.max(i + 1);
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
            b' ' if dots > 0 && bytes.get(j + 1) == Some(&b'.') => {}
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
    Some(Stop { at: i, end: j, strong, ellipsis: ellipsis || dots >= 2 })
}

/// Whether the stop ends the sentence that began at `start`, given the next word at `next`.
fn ends_sentence(text: &str, start: usize, stop: &Stop, next: usize) -> bool {
    let next_word = word_after(text, next);
    let next_first = next_word.chars().next();
    if next_first.is_some_and(char::is_lowercase) && !next_word.contains(char::is_uppercase) {
        return false;
    }
    if stop.ellipsis {
        let elision = text[..stop.at].ends_with(['[', '(']);
        return !elision && next_first.is_some_and(char::is_uppercase) && next_word != "I";
    }
    if stop.strong {
        return true;
    }
    let before = &text[..stop.at];
    let token_start =
        before.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8()).max(start);
    let token = text[token_start..stop.at].trim_start_matches(is_opener);
    single_period_ends(token, token_start == start, next_word)
}

/// Whether a single period after `token` ends a sentence before `next_word`.
///
/// Only the last part of a hyphenated token counts ("Then-Sen.", "Then-U.S.").
fn single_period_ends(token: &str, first_in_sentence: bool, next_word: &str) -> bool {
    let token = token.rsplit('-').next().unwrap_or(token);
    if TITLES.contains(&token) || (first_in_sentence && is_enumerator(token)) {
        return false;
    }
    let lower = token.to_lowercase();
    if is_initial(token) || is_dotted(token) || ABBREVIATIONS.contains(&lower.as_str()) {
        return SENTENCE_STARTERS.contains(&next_word);
    }
    true
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
mod tests {
    use super::*;
    use crate::clean;
    use crate::doc::Meta;

    /// Sentences of `text` taken as one paragraph.
    fn split_text(text: &str) -> Vec<String> {
        let mut doc = Doc::new(text.to_string(), Meta::default());
        doc.cleaning.content = vec![Span::new(0, text.len())];
        sentences(&doc).iter().map(|s| doc.slice(*s).to_string()).collect()
    }

    /// Sentences of a whole story after cleaning.
    fn story(text: &str) -> Vec<String> {
        let mut doc = Doc::new(text.to_string(), Meta::default());
        doc.cleaning = clean::clean(&doc);
        sentences(&doc).iter().map(|s| doc.slice(*s).to_string()).collect()
    }

    /// The English Golden Rules (pySBD) this splitter passes: 38 of the 47 listed in the README.
    const GOLDEN_RULES: &[(&str, &[&str])] = &[
        ("Hello World. My name is Jonas.", &["Hello World.", "My name is Jonas."]),
        ("What is your name? My name is Jonas.", &["What is your name?", "My name is Jonas."]),
        ("There it is! I found it.", &["There it is!", "I found it."]),
        ("My name is Jonas E. Smith.", &["My name is Jonas E. Smith."]),
        ("Please turn to p. 55.", &["Please turn to p. 55."]),
        ("Were Jane and co. at the party?", &["Were Jane and co. at the party?"]),
        ("They closed the deal with Pitt, Briggs & Co. at noon.", &["They closed the deal with Pitt, Briggs & Co. at noon."]),
        ("Let's ask Jane and co. They should know.", &["Let's ask Jane and co.", "They should know."]),
        ("They closed the deal with Pitt, Briggs & Co. It closed yesterday.", &["They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."]),
        ("I can see Mt. Fuji from here.", &["I can see Mt. Fuji from here."]),
        ("St. Michael's Church is on 5th st. near the light.", &["St. Michael's Church is on 5th st. near the light."]),
        ("That is JFK Jr.'s book.", &["That is JFK Jr.'s book."]),
        ("I visited the U.S.A. last year.", &["I visited the U.S.A. last year."]),
        ("I live in the E.U. How about you?", &["I live in the E.U.", "How about you?"]),
        ("I live in the U.S. How about you?", &["I live in the U.S.", "How about you?"]),
        ("I work for the U.S. Government in Virginia.", &["I work for the U.S. Government in Virginia."]),
        ("I have lived in the U.S. for 20 years.", &["I have lived in the U.S. for 20 years."]),
        ("She has $100.00 in her bag.", &["She has $100.00 in her bag."]),
        ("She has $100.00. It is in her bag.", &["She has $100.00.", "It is in her bag."]),
        ("He teaches science (He previously worked for 5 years as an engineer.) at the local University.", &["He teaches science (He previously worked for 5 years as an engineer.) at the local University."]),
        ("Her email is Jane.Doe@example.com. I sent her an email.", &["Her email is Jane.Doe@example.com.", "I sent her an email."]),
        ("The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.", &["The site is: https://www.example.50.com/new-site/awesome_content.html.", "Please check it out."]),
        ("She turned to him, 'This is great.' she said.", &["She turned to him, 'This is great.' she said."]),
        ("She turned to him, \"This is great.\" she said.", &["She turned to him, \"This is great.\" she said."]),
        ("She turned to him, \"This is great.\" She held the book out to show him.", &["She turned to him, \"This is great.\"", "She held the book out to show him."]),
        ("Hello!! Long time no see.", &["Hello!!", "Long time no see."]),
        ("Hello?? Who is there?", &["Hello??", "Who is there?"]),
        ("Hello!? Is that you?", &["Hello!?", "Is that you?"]),
        ("Hello?! Is that you?", &["Hello?!", "Is that you?"]),
        ("1.) The first item. 2.) The second item.", &["1.) The first item.", "2.) The second item."]),
        ("1) The first item. 2) The second item.", &["1) The first item.", "2) The second item."]),
        ("1. The first item. 2. The second item.", &["1. The first item.", "2. The second item."]),
        ("She works at Yahoo! in the evening.", &["She works at Yahoo! in the evening."]),
        ("We make a good team, you and I. Did you see Albert I. Jones yesterday?", &["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"]),
        ("\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55).", &["\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55)."]),
        ("If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . . Next sentence.", &["If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . .", "Next sentence."]),
        ("I never meant that.... She left the store.", &["I never meant that....", "She left the store."]),
        ("I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.", &["I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it."]),
    ];

    #[test]
    fn golden_rules() {
        for (text, want) in GOLDEN_RULES {
            assert_eq!(split_text(text), *want, "{text}");
        }
    }

    #[test]
    fn quotes_end_sentences_only_before_a_new_one() {
        let text = "“The best way to avert a crisis is through diplomacy,” he said. “If Russia decides to pursue confrontation, there will be serious consequences,” he said.";
        assert_eq!(
            split_text(text),
            [
                "“The best way to avert a crisis is through diplomacy,” he said.",
                "“If Russia decides to pursue confrontation, there will be serious consequences,” he said."
            ]
        );
        let text = "“The probability of hostilities in Ukraine still remains high,” he said.";
        assert_eq!(split_text(text), [text]);
    }

    #[test]
    fn titles_initials_and_numbers_do_not_split() {
        let text = "In the official statement about Blinken-Truss phone call, US State Department spokesperson Ned Price said, “Secretary of State Antony J. Blinken spoke today with UK Foreign Secretary Elizabeth Truss. Secretary Blinken condemned the decision.”";
        assert_eq!(split_text(text).len(), 2);
        for text in [
            "Lt. Col. Alexander Vindman testified before Rep. Adam Schiff and Sen. Mitch McConnell on Sept. 5.",
            "J.K. Rowling met Gen. Mark Milley at 10 a.m. in St. Louis, Mo., where Jr. officials earned 1.2 million dollars.",
            "The U.S. State Department ranked it No. 5 among Russia's 12 most powerful weapons.",
            "The cases are Daman v. Brooks and Agarano v. Mattos.",
            "Then-U.S. Secretary of State Colin Powell landed in Albuquerque at 9:49 a.m. local time (11:49 a.m. Eastern Time).",
        ] {
            assert_eq!(split_text(text), [text]);
        }
    }

    #[test]
    fn ellipses_split_only_before_capitals() {
        assert_eq!(split_text("This is a developing story..."), ["This is a developing story..."]);
        assert_eq!(
            split_text("It went on and on... and so on. Then it stopped."),
            ["It went on and on... and so on.", "Then it stopped."]
        );
        assert_eq!(
            split_text("“I’m so proud and I’m so happy today. … We will win,” he said."),
            ["“I’m so proud and I’m so happy today.", "… We will win,” he said."]
        );
    }

    #[test]
    fn seed_stories_split_on_paragraphs_and_stops() {
        let sentences = story(include_str!("../fixtures/corpus/004_1a86e49c1743badb.txt"));
        assert_eq!(sentences.len(), 8);
        assert_eq!(sentences[0], "In call with Russian foreign minister, US secretary of state said he wants to continue 'substantive exchange' with Russia");
        assert_eq!(sentences[2], "The call came as the West tries to prevent what it sees as a possible Russian invasion of Ukraine in the next few weeks.");
        let sentences = story(include_str!("../fixtures/corpus/003_6bbe357bb2cbdd54.txt"));
        assert_eq!(sentences.len(), 13);
        assert_eq!(sentences[7], "Blinken also spoke with EU's Joseph Borrell");
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for text in
            ["", " ", ".", "...", "…", "a.", ". . .", "“”", "Mr.", "foo.’ bar", "x.\u{2028}Y", "Ünïcödé. Ölçü… Ça?"]
        {
            let got = split_text(text);
            assert!(got.iter().all(|s| !s.is_empty() && s.trim() == s), "{text:?}: {got:?}");
        }
    }
}
