//! Attribution frames: from each cue word, the speaker mention and the words attributed.
//!
//! Shapes, per sentence unit (cue words inside quotation marks are the quoted person's
//! and never start a frame):
//! - leading: `SPEAKER [aux] CUE [that|:|,] CONTENT` ("Zelenskiy said that ...");
//! - coordinated and participial: `SUBJECT ... and CUE CONTENT`, `..., denying CONTENT`,
//!   `in urging CONTENT`: the speaker is the unit's subject;
//! - trailing: `CONTENT, SPEAKER CUE [adjunct].` or `CONTENT, CUE SPEAKER [adjunct].`;
//! - `according to SPEAKER, CONTENT` and `CONTENT, according to SPEAKER.`;
//! - orphan: a unit that is only `SPEAKER CUE [adjunct].`, whose content is a quotation
//!   before it ("... at @OSCE,” the OSCE. Raab said on Twitter.").

use super::lexicon::{
    pronoun_number, ACT_OBJECTS, ACT_VERBS, AUDIENCES, AUXILIARIES, CLAUSE_BREAKS, CUE_ADJUNCT_STARTS,
    CUE_CHANNEL_WORDS, CUE_VERBS, DETERMINERS, NAME_PARTICLES, NOT_NAMES, NOT_NOUNS, OBJECT_CUES, OFFICES, OPENERS,
    PARTICIPLE_CUES, PREPOSITIONS, TRAILING_CONNECTIVES, WEAK_CUES,
};
use super::text::{Pair, Range, Tok, Tokens, Unit};
use super::{Candidate, Source};
use crate::doc::QuoteKind;

/// How many tokens from a preposition [`Sentence::opens_number`] reads: enough for the
/// longest qualified number ("as many as one and a half million").
const NUMBER_LOOKAHEAD: usize = 10;

/// A unit that only names a speaker and a cue; its content is a quotation before it, or
/// after it when the unit ends with a colon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Orphan {
    /// The speaker mention.
    pub source: Range,
    /// The cue.
    pub cue: Range,
    /// Whether the quotation comes after the unit (`X said:` closing a paragraph).
    pub forward: bool,
}

/// What the frames of one unit found.
#[derive(Debug, Default)]
pub struct Found {
    /// Attributions with content.
    pub candidates: Vec<Candidate>,
    /// A cue-only unit.
    pub orphan: Option<Orphan>,
    /// The unit's subject mention, when it opens with one.
    pub subject: Option<Range>,
}

/// A unit's tokens with the questions the frame rules ask of them.
struct Sentence<'a> {
    text: &'a str,
    unit: Unit,
    toks: Vec<Tok>,
    /// Each token lower-cased.
    lower: Vec<String>,
    pairs: &'a [Pair],
}

/// A frame before its content end is known.
struct Shape {
    /// Where the frame's own words start (its speaker, or "and" before its cue).
    anchor: usize,
    source: Option<Source>,
    cue: Range,
    /// Content to the right, starting here; `None` for content to the left.
    right: Option<usize>,
    /// For content to the left: where it ends.
    left_end: usize,
    /// Whether the frame interrupts its content ("In Kharkiv, he said, Russia ..."): the
    /// content then runs from the unit start over the frame to the clause end.
    interjected: bool,
}

/// The frames of one unit.
pub fn find(text: &str, unit: Unit, pairs: &[Pair], tokens: &Tokens) -> Found {
    let toks = tokens.within((unit.start, unit.end));
    let lower = toks.iter().map(|t| text[t.start..t.end].to_lowercase()).collect();
    let s = Sentence { text, unit, toks, lower, pairs };
    let subject = s.subject();
    let (shapes, orphan) = s.shapes(subject);
    let anchors: Vec<usize> = shapes.iter().map(|sh| sh.anchor).collect();
    let candidates = without_nested(shapes.iter().filter_map(|sh| s.candidate(sh, &anchors)).collect());
    Found { candidates, orphan, subject: subject.map(|(a, b)| s.range(a, b)) }
}

/// Drops candidates whose cue lies inside another's content ("X said, the ministry
/// added": the ministry reports what X said).
fn without_nested(candidates: Vec<Candidate>) -> Vec<Candidate> {
    let nested = |k: usize, c: &Candidate| {
        let inside = |o: &Candidate, cue: Range| o.content.0 <= cue.0 && cue.1 <= o.content.1;
        c.cue.is_some_and(|cue| candidates.iter().enumerate().any(|(j, o)| j != k && inside(o, cue)))
    };
    let keep: Vec<bool> = candidates.iter().enumerate().map(|(k, c)| !nested(k, c)).collect();
    candidates.into_iter().zip(keep).filter_map(|(c, keep)| keep.then_some(c)).collect()
}

impl Sentence<'_> {
    /// The text of token `i` (empty past the end).
    fn word(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    /// Token `i` lower-cased (empty past the end).
    fn lower(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }

    /// Whether token `i` is a word from the list.
    fn is(&self, i: usize, words: &[&str]) -> bool {
        self.toks.get(i).is_some_and(|t| t.word) && words.contains(&self.lower(i))
    }

    /// The byte range of tokens `[a, b)`.
    fn range(&self, a: usize, b: usize) -> Range {
        match (self.toks.get(a), b.checked_sub(1).and_then(|l| self.toks.get(l))) {
            (Some(first), Some(last)) if a < b => (first.start, last.end),
            _ => (self.unit.start, self.unit.start),
        }
    }

    /// Whether token `i` lies inside a quotation.
    fn quoted(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| super::text::inside(self.pairs, t.start) && !self.is_mark(i))
    }

    /// Whether token `i` is one of the quotation marks of a pair.
    fn is_mark(&self, i: usize) -> bool {
        self.opens_pair(i) || self.closes_pair(i)
    }

    /// Whether token `i` is (part of) an opening quotation mark.
    fn opens_pair(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else { return false };
        let k = self.pairs.partition_point(|p| p.open <= t.start);
        k.checked_sub(1).is_some_and(|k| t.start < self.pairs[k].open + self.pairs[k].width)
    }

    /// Whether token `i` is (part of) a closing quotation mark.
    fn closes_pair(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else { return false };
        let k = self.pairs.partition_point(|p| p.close <= t.start);
        k.checked_sub(1).is_some_and(|k| t.start < self.pairs[k].end())
    }

    /// Whether token `i` is a cue word outside quotation marks, and not a verb of a
    /// speech act that reports nothing ("declared victory", "declared martial law").
    fn is_cue(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.word)
            && !self.quoted(i)
            && (self.is(i, &CUE_VERBS) || (self.is(i, &["according"]) && self.is(i + 1, &["to"])))
            && !self.is_act(i)
    }

    /// Whether token `i` is an act verb with an act object ("declared victory").
    fn is_act(&self, i: usize) -> bool {
        self.is(i, &ACT_VERBS)
            && (self.is(i + 1, &ACT_OBJECTS) || (self.is(i + 1, &DETERMINERS) && self.is(i + 2, &ACT_OBJECTS)))
    }

    /// Whether token `i` is a capitalised word that can be part of a name.
    fn capitalised(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.word)
            && self.word(i).chars().next().is_some_and(char::is_uppercase)
            && !self.is(i, &NOT_NAMES)
    }

    /// Whether token `i` is a third-person pronoun that can name a speaker.
    fn pronoun(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.word)
            && !matches!(self.lower(i), "i" | "we")
            && pronoun_number(self.lower(i)).is_some()
    }

    /// Length of a title or role phrase starting at token `i`, longest first.
    fn office_at(&self, i: usize) -> usize {
        OFFICES
            .iter()
            .filter(|words| {
                words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| self.lower(i + k) == *w && self.toks.get(i + k).is_some_and(|t| t.word))
            })
            .map(|words| words.len())
            .max()
            .unwrap_or(0)
    }

    /// Length of a title or role phrase ending just before token `end`.
    fn office_before(&self, end: usize) -> usize {
        (1..=4.min(end)).rev().find(|&len| self.office_at(end - len) == len).unwrap_or(0)
    }

    /// Whether tokens `i` and `i+1` may be joined by a connector at `i`.
    fn connector_between(&self, left: usize, i: usize) -> bool {
        let right = i + 1;
        if self.is(i, &NAME_PARTICLES) {
            let named_left = self.capitalised(left) || self.is(left, &NAME_PARTICLES);
            let named_right =
                self.capitalised(right) || (self.is(right, &NAME_PARTICLES) && self.capitalised(right + 1));
            return named_left && named_right;
        }
        self.is(i, &["of", "for", "on", "and", "&"])
            && (self.capitalised(left) || self.office_before(left + 1) > 0)
            && (self.capitalised(right)
                || (self.is(i, &["and"]) && (self.is(right, &["the"]) || self.office_at(right) > 0)))
    }

    /// A speaker mention starting at token `from`: token range `[from, end)`.
    fn mention_after(&self, from: usize) -> Option<(usize, usize)> {
        if self.pronoun(from) {
            return Some((from, from + 1));
        }
        let mut j = from;
        if self.is(j, &DETERMINERS) {
            j += 1;
        }
        let body = j;
        loop {
            let office = self.office_at(j);
            if office > 0 {
                j += office;
            } else if self.capitalised(j) && !(j == body && is_number_word(self.word(j))) {
                j += 1;
            } else if j > body && self.connector_between(j - 1, j) {
                j += 1;
                if self.is(j, &["the"]) {
                    j += 1;
                }
            } else {
                break;
            }
        }
        (j > body).then_some((from, j))
    }

    /// A speaker mention ending just before token `end` (a parenthesis after it included):
    /// token range `[start, end)`.
    fn mention_before(&self, end: usize) -> Option<(usize, usize)> {
        let full = end;
        let end = self.before_parenthesis(end);
        if end > 0 && self.pronoun(end - 1) {
            return Some((end - 1, end));
        }
        let mut j = end;
        loop {
            let office = self.office_before(j);
            if office > 0 {
                j -= office;
            } else if self.extends_back(j, end) {
                j -= 1;
            } else {
                break;
            }
        }
        if j == end {
            return self.common_noun_before(end).map(|(a, _)| (a, full));
        }
        if j > 0 && self.is(j - 1, &DETERMINERS) {
            j -= 1;
        }
        Some((j, full))
    }

    /// Whether a mention reaching back to token `j` (and ending at `end`) takes token
    /// `j - 1` too: a name word, a connector between names ("Commission on Presidential
    /// Debates", "Blinken and the EU's Borrell") or a modifier of an office.
    fn extends_back(&self, j: usize, end: usize) -> bool {
        if j == 0 {
            return false;
        }
        let inner = j < end;
        self.capitalised(j - 1)
            || (inner
                && j > 1
                && (self.connector_between(j - 2, j - 1) || (self.is(j - 1, &["the"]) && self.is(j - 2, &["and"]))))
            || (inner && self.office_at(j) > 0 && self.modifier_before_office(j - 1))
    }

    /// Whether token `k`, just before an office, is a lower-case modifier of it ("Clinton
    /// campaign spokesman", "panel Chairman"): a plain word after a name or a boundary.
    fn modifier_before_office(&self, k: usize) -> bool {
        let plain = self.toks[k].word
            && self.word(k).chars().all(char::is_lowercase)
            && !self.is(k, &NOT_NOUNS)
            && !self.is(k, &PREPOSITIONS)
            && !self.is(k, &DETERMINERS);
        plain
            && (k == 0
                || self.capitalised(k - 1)
                || self.is(k - 1, &DETERMINERS)
                || self.word(k - 1) == ","
                || self.closes_pair(k - 1))
    }

    /// For a mention followed by a parenthesis ("Rep. Gwen Moore (D-Wis.) said"): the
    /// token where the parenthesis opens (the mention keeps it; names skip it).
    fn before_parenthesis(&self, end: usize) -> usize {
        if end == 0 || self.word(end - 1) != ")" {
            return end;
        }
        (end.saturating_sub(8)..end - 1).rev().find(|&k| self.word(k) == "(").unwrap_or(end)
    }

    /// `the bank`, `a source`, `the ad's narrator`, `Connecticut's tax commissioner`: up
    /// to four lower-case words after a determiner or a possessive, the possessor's own
    /// phrase included ("the state attorney general's office").
    fn common_noun_before(&self, end: usize) -> Option<(usize, usize)> {
        let lowercase =
            |k: usize| self.toks[k].word && self.word(k).chars().all(|c| c.is_lowercase() || c == '\'' || c == '-');
        let noun = |k: usize| {
            (lowercase(k) && !self.is(k, &DETERMINERS) && !self.is(k, &NOT_NOUNS))
                || (k + 1 < end && self.capitalised(k))
        };
        if end == 0 || !lowercase(end - 1) {
            return None;
        }
        // The start of the run of nouns ending at `from`, at most `longest` tokens before `end`.
        let run_start = |from: usize, longest: usize| {
            let mut k = from;
            while k > 0 && end - k < longest && noun(k - 1) && !self.word(k - 1).ends_with("'s") {
                k -= 1;
            }
            k
        };
        let j = run_start(end, 5);
        if j == end || j == 0 {
            return None;
        }
        if self.is(j - 1, &DETERMINERS) {
            return Some((j - 1, end));
        }
        if !self.word(j - 1).ends_with("'s") {
            return None;
        }
        // The possessor's own phrase: "the state attorney general's office".
        let a = run_start(j - 1, 8);
        let determined = a > 0 && self.is(a - 1, &DETERMINERS);
        Some((if determined { a - 1 } else { a }, end))
    }

    /// The unit's subject: the mention that opens it, after a leading adverbial.
    fn subject(&self) -> Option<(usize, usize)> {
        let mut from = 0;
        if self.is(0, &OPENERS) {
            from = (0..self.toks.len().min(12)).find(|&k| self.word(k) == ",").map_or(0, |k| k + 1);
        }
        if self.is_mark(from) {
            return None;
        }
        self.mention_after(from)
    }

    /// The frame of every cue word, in order, and a cue-only unit's orphan frame.
    fn shapes(&self, subject: Option<(usize, usize)>) -> (Vec<Shape>, Option<Orphan>) {
        let mut shapes: Vec<Shape> = Vec::new();
        let mut orphan = None;
        // A participle clause's speaker: the unit's subject, or the speaker of a trailing
        // frame before it ("“...,” X told reporters, adding that ...").
        let mut clause_subject = subject;
        for i in (0..self.toks.len()).filter(|&i| self.is_cue(i)) {
            if let Some(shape) = self.according(i) {
                shapes.push(shape);
            } else if let Some((shape, after, speaker)) = self.trailing(i) {
                let resumed = self.resumed_quote(after, &shape);
                shapes.push(shape);
                shapes.extend(resumed);
                clause_subject = clause_subject.or(Some(speaker));
            } else if let Some(found) = self.orphan(i) {
                orphan = Some(found);
            } else if let Some(shape) = self.participle(i, clause_subject).or_else(|| self.leading(i, subject)) {
                shapes.push(shape);
            }
        }
        (shapes, orphan)
    }

    /// Skips auxiliaries and adverbs backwards from just before token `i`.
    fn skip_auxiliaries(&self, i: usize) -> usize {
        let mut j = i;
        while j > 0
            && self.toks[j - 1].word
            && (self.is(j - 1, &AUXILIARIES) || (self.lower(j - 1).ends_with("ly") && !self.capitalised(j - 1)))
        {
            j -= 1;
        }
        j
    }

    /// Whether the words from token `j` to the end only add where or when the cue was.
    fn tail_is_adjunct(&self, j: usize) -> bool {
        let n = self.toks.len();
        if j >= n || matches!(self.word(j), "." | "!" | "?") {
            return (j..n).all(|k| !self.toks[k].word);
        }
        if self.word(j) == "," {
            return self.lower(j + 1).ends_with("ing") || !(j..n).any(|k| self.opens_pair(k));
        }
        self.is(j, &CUE_ADJUNCT_STARTS)
            && !self.opens_number(j)
            && (j..self.participle_clause_start(j))
                .all(|k| !self.is_mark(k) && !self.is(k, &["that"]) && self.word(k) != ":")
    }

    /// Where the clause from token `j` ends: at a participle clause (", adding that ..."),
    /// which frames content of its own, else at the unit's end.
    fn participle_clause_start(&self, j: usize) -> usize {
        (j..self.toks.len())
            .find(|&k| self.word(k) == "," && self.lower(k + 1).ends_with("ing"))
            .unwrap_or(self.toks.len())
    }

    /// The cue span, taking a channel adjunct along ("said on Twitter").
    fn cue_range(&self, i: usize, after: usize) -> Range {
        let channel =
            CUE_CHANNEL_WORDS.iter().find(|words| words.iter().enumerate().all(|(k, w)| self.lower(after + k) == *w));
        match channel {
            Some(words) if after == i + 1 => self.range(i, after + words.len()),
            _ => self.range(i, i + 1),
        }
    }

    /// Whether token `i` ends a stretch of content before a trailing frame (a comma or a
    /// closing quotation mark).
    fn ends_left_content(&self, i: usize) -> bool {
        self.word(i) == "," || self.closes_pair(i)
    }

    /// `CONTENT, SPEAKER CUE [adjunct]` or `CONTENT, CUE SPEAKER [adjunct]`.
    /// Returns the shape, the token after the frame and the speaker's tokens.
    fn trailing(&self, i: usize) -> Option<(Shape, usize, (usize, usize))> {
        let before = self.skip_auxiliaries(i);
        let after = self.after_object(i);
        let end = self.appositive_start(before).unwrap_or(before);
        if let Some((a, b)) = self.mention_before(end).filter(|&(a, _)| a > 0 && self.ends_left_content(a - 1)) {
            let plain_tail =
                !(after..self.participle_clause_start(after)).any(|k| self.opens_pair(k) || self.is(k, &["that"]));
            let after_quote = self.closes_pair(a - 1) && (plain_tail || self.resumes_quote(after));
            let interjected = !self.closes_pair(a - 1) && self.interrupts(after);
            if after_quote || interjected || self.tail_is_adjunct(after) {
                let left_end = self.toks[a - 1].end;
                let shape = Shape {
                    anchor: self.toks[a].start,
                    source: Some(Source::Mention(self.range(a, b))),
                    cue: self.cue_range(i, i + 1),
                    right: interjected.then(|| self.toks[after + 1].start),
                    left_end,
                    interjected,
                };
                return Some((shape, after, (a, b)));
            }
        }
        if i > 0 && self.ends_left_content(i - 1) && !self.is(i, &PARTICIPLE_CUES) {
            let (a, b) = self.mention_after(i + 1)?;
            if self.tail_is_adjunct(b) {
                let left_end = self.toks[i - 1].end;
                let shape = Shape {
                    anchor: self.toks[i].start,
                    source: Some(Source::Mention(self.range(a, b))),
                    cue: self.range(i, i + 1),
                    right: None,
                    left_end,
                    interjected: false,
                };
                return Some((shape, b, (a, b)));
            }
        }
        None
    }

    /// `“X,” he said, “Y.”`: the quotation resumed after a trailing frame ending at `after`.
    fn resumed_quote(&self, after: usize, shape: &Shape) -> Option<Shape> {
        if !self.resumes_quote(after) {
            return None;
        }
        let start = self.toks[after + 1].start;
        Some(Shape {
            anchor: start,
            source: shape.source,
            cue: shape.cue,
            right: Some(start),
            left_end: 0,
            interjected: false,
        })
    }

    /// Whether a clause resumes at token `after` (`, Russia was ...`), not a participle, an
    /// apposition or a quotation.
    fn interrupts(&self, after: usize) -> bool {
        self.word(after) == ","
            && self.toks.get(after + 1).is_some_and(|t| t.word)
            && !self.lower(after + 1).ends_with("ing")
            && !self.is(after + 1, &DETERMINERS)
            && !self.is(after + 1, &CUE_ADJUNCT_STARTS)
            && !self.is(after + 1, &["who", "which", "whose", "and", "but"])
            && (after + 2..self.toks.len()).any(|k| self.word(k) == "." || k + 1 == self.toks.len())
    }

    /// Whether a quotation resumes at token `after` (`, “`).
    fn resumes_quote(&self, after: usize) -> bool {
        self.word(after) == "," && self.opens_pair(after + 1)
    }

    /// The token after a cue and the audience it names ("told USA Today", "told me",
    /// "told the club website").
    fn after_object(&self, i: usize) -> usize {
        if !self.is(i, &OBJECT_CUES) {
            return i + 1;
        }
        if let Some((_, b)) = self.mention_after(i + 1) {
            return b;
        }
        let mut j = i + 1;
        while self.is(j, &AUDIENCES) {
            j += 1;
        }
        if j > i + 1 && self.is(j - 1, &DETERMINERS) {
            while j < i + 5 && self.toks.get(j).is_some_and(|t| t.word) && !self.is(j, &["that"]) {
                j += 1;
            }
        }
        j
    }

    /// A unit that is only `SPEAKER CUE [adjunct].`, or that ends `SPEAKER CUE:`.
    fn orphan(&self, i: usize) -> Option<Orphan> {
        let before = self.skip_auxiliaries(i);
        let (a, b) = self.mention_before(before)?;
        let source = self.range(a, b);
        if self.word(i + 1) == ":" && i + 2 == self.toks.len() {
            return Some(Orphan { source, cue: self.range(i, i + 1), forward: true });
        }
        (a == 0 && self.tail_is_adjunct(self.after_object(i)) && self.toks.len() <= i + 8).then(|| Orphan {
            source,
            cue: self.cue_range(i, i + 1),
            forward: false,
        })
    }

    /// `according to SPEAKER, CONTENT` or `CONTENT, according to SPEAKER`.
    fn according(&self, i: usize) -> Option<Shape> {
        if !self.is(i, &["according"]) {
            return None;
        }
        let (a, b) = self.mention_after(i + 2).or_else(|| self.phrase_after(i + 2))?;
        let source = Some(Source::Mention(self.range(a, b)));
        let cue = self.range(i, i + 2);
        if self.word(b) == "," {
            let start = self.toks.get(b + 1)?.start;
            Some(Shape { anchor: self.toks[i].start, source, cue, right: Some(start), left_end: 0, interjected: false })
        } else {
            let left_end = i.checked_sub(1).map_or(self.unit.start, |k| self.toks[k].end);
            Some(Shape { anchor: self.toks[i].start, source, cue, right: None, left_end, interjected: false })
        }
    }

    /// Any short phrase from token `from` to a comma or the unit end ("according to
    /// exit polls,").
    fn phrase_after(&self, from: usize) -> Option<(usize, usize)> {
        let end =
            (from..self.toks.len().min(from + 12)).find(|&k| !self.toks[k].word && !self.word(k).starts_with('-'))?;
        (end > from && matches!(self.word(end), "," | "." | ";")).then_some((from, end))
    }

    /// `..., denying CONTENT`, `while adding that CONTENT`, `in urging CONTENT`.
    fn participle(&self, i: usize, subject: Option<(usize, usize)>) -> Option<Shape> {
        if !self.is(i, &PARTICIPLE_CUES)
            || i == 0
            || !(self.word(i - 1) == "," || self.is(i - 1, &["while", "in", "by", "and"]))
        {
            return None;
        }
        let (a, b) = subject?;
        let start = self.content_start(i)?;
        let anchor = self.toks[i - 1].start;
        Some(Shape {
            anchor,
            source: Some(Source::Mention(self.range(a, b))),
            cue: self.range(i, i + 1),
            right: Some(start),
            left_end: 0,
            interjected: false,
        })
    }

    /// `SPEAKER [aux] CUE CONTENT` and `SUBJECT ... and CUE CONTENT`.
    fn leading(&self, i: usize, subject: Option<(usize, usize)>) -> Option<Shape> {
        if self.lower(i).ends_with("ing") {
            return None;
        }
        let before = self.skip_auxiliaries(i);
        let start = self.content_start(i)?;
        let clause =
            (i + 1..self.toks.len()).take_while(|&k| self.toks[k].start < start).any(|k| self.is(k, &["that"]));
        let quoted = self.pairs.iter().any(|p| p.open >= start && p.close < self.unit.end);
        if self.is(i, &WEAK_CUES) && !clause && !quoted {
            return None;
        }
        let coordinated = before > 0 && self.is(before - 1, &["and"]) && !self.capitalised(before.saturating_sub(2));
        let (a, b, anchor) = if coordinated {
            let (a, b) = subject?;
            (a, b, before - 1)
        } else {
            let end = self.appositive_start(before).unwrap_or(before);
            let (a, b) = self.mention_before(end)?;
            if a > 0 && self.is(a - 1, &PREPOSITIONS) || self.word(b - 1).ends_with("'s") {
                return None;
            }
            (a, b, a)
        };
        Some(Shape {
            anchor: self.toks[anchor].start,
            source: Some(Source::Mention(self.range(a, b))),
            cue: self.range(i, i + 1),
            right: Some(start),
            left_end: 0,
            interjected: false,
        })
    }

    /// For `SPEAKER, who ..., CUE` or `SPEAKER, speaking to ..., CUE`: the comma after the
    /// speaker (the nearest comma before, within 20 tokens, that follows a name); for
    /// `the chairman, Phil Lovas, CUE`: the comma after the name.
    fn appositive_start(&self, before: usize) -> Option<usize> {
        if before < 2 || self.word(before - 1) != "," {
            return None;
        }
        let comma = (before.saturating_sub(20).max(1)..before - 1)
            .rev()
            .take_while(|&k| !self.is_mark(k))
            .find(|&k| self.word(k) == "," && !self.is(k + 1, &["which"]));
        match comma {
            Some(k) if self.capitalised(k - 1) || self.pronoun(k - 1) || self.word(k - 1) == ")" => Some(k),
            _ if self.capitalised(before - 2) => Some(self.outer_apposition(before - 1).unwrap_or(before - 1)),
            _ => None,
        }
    }

    /// For `SUBJECT, an adviser to the president, NAME, CUE`, where the name is the
    /// president's ("Mikhail Podolyak, a key adviser to the Ukrainian president, Volodymyr
    /// Zelenskiy, tweeted"): the comma after the subject. `name_comma` follows the name.
    fn outer_apposition(&self, name_comma: usize) -> Option<usize> {
        let mut name = name_comma;
        while name > 0 && self.capitalised(name - 1) {
            name -= 1;
        }
        let role_comma = name.checked_sub(1).filter(|&k| k < name_comma && self.word(k) == ",")?;
        let (_, subject_end) = self.subject()?;
        let role = subject_end + 1..role_comma;
        let relates = role.clone().any(|k| self.is(k, &["to", "of", "for"]));
        let plain = role.clone().all(|k| self.toks[k].word && !self.is_mark(k));
        (self.word(subject_end) == "," && self.is(role.start, &["a", "an", "the"]) && relates && plain)
            .then_some(subject_end)
    }

    /// Where the content of a cue at `i` starts: after an audience ("told reporters"), a
    /// channel ("in a statement that"), "that", a colon or a comma.
    fn content_start(&self, i: usize) -> Option<usize> {
        let mut j = self.after_object(i);
        if self.is(i, &OBJECT_CUES) {
            if let Some(that) = (i + 1..(i + 11).min(self.toks.len())).find(|&k| self.is(k, &["that"])) {
                j = that;
            }
        }
        if self.is(j, &CUE_ADJUNCT_STARTS) && !self.opens_number(j) {
            j = (j..(j + 12).min(self.toks.len()))
                .find(|&k| self.is(k, &["that"]) || self.word(k) == ":" || self.opens_pair(k))?;
        }
        if self.is(j, &["of"]) {
            let (_, b) = self.mention_after(j + 1)?;
            j = if self.word(b) == "," { b + 1 } else { b };
        }
        if self.is(j, &["that"]) || matches!(self.word(j), ":" | ",") {
            j += 1;
        }
        if self.word(j) == "," {
            j += 1;
        }
        let tok = self.toks.get(j)?;
        if self.is(j, &PREPOSITIONS) && !self.opens_number(j) || !(tok.word || self.is_mark(j)) {
            return None;
        }
        Some(tok.start)
    }

    /// Whether a number mention starts at token `k`: a preposition that qualifies a
    /// number ("said at least 50 people died", "said about 300 were hurt") opens reported
    /// speech, where one that opens an adjunct ("said in Kyiv") does not. Only the next
    /// [`NUMBER_LOOKAHEAD`] tokens are read, so that the check costs the same anywhere.
    fn opens_number(&self, k: usize) -> bool {
        let last = (k + NUMBER_LOOKAHEAD).min(self.toks.len()) - 1;
        let rest = &self.text[self.toks[k].start..self.toks[last].end.min(self.unit.end)];
        crate::numbers::find(rest).first().is_some_and(|(range, _)| range.start == 0)
    }

    /// The end of content starting at `start`: the next frame, a clause break or the unit end.
    fn clause_end(&self, start: usize, anchors: &[usize]) -> usize {
        let next_frame = anchors.iter().copied().filter(|&a| a > start).min().unwrap_or(self.unit.end);
        let break_at = self
            .toks
            .iter()
            .enumerate()
            .filter(|(k, t)| t.start > start && !self.quoted(*k))
            .find(|(k, _)| self.word(*k) == ";" || (self.word(*k) == "," && self.is(k + 1, &CLAUSE_BREAKS)))
            .map_or(self.unit.end, |(_, t)| t.start);
        next_frame.min(break_at)
    }

    /// Turns a shape into a candidate: content bounds, trimming and kind.
    fn candidate(&self, shape: &Shape, anchors: &[usize]) -> Option<Candidate> {
        let (start, end) = match shape.right {
            Some(start) if self.text[shape.cue.0..shape.cue.1].eq_ignore_ascii_case("called") => {
                (start, self.first_close(start))
            }
            Some(start) if shape.interjected => (self.unit.start, self.clause_end(start, anchors)),
            Some(start) => (start, self.clause_end(start, anchors)),
            None => (self.unit.start, shape.left_end),
        };
        let (start, end) = self.trim_content(start, end);
        if start >= end {
            return None;
        }
        let (kind, content) = self.classify(start, end);
        Some(Candidate { kind, content, cue: Some(shape.cue), source: shape.source })
    }

    /// Just after the first quotation closing after `start` ("called it “X”").
    fn first_close(&self, start: usize) -> usize {
        self.pairs.iter().find(|p| p.open >= start).map_or(self.unit.end, |p| p.end().min(self.unit.end))
    }

    /// Content without trailing punctuation (closing marks stay) and connectives.
    fn trim_content(&self, start: usize, end: usize) -> Range {
        let mut end = end;
        loop {
            let slice = &self.text[start..end];
            let trimmed = slice.trim_end_matches(|c: char| c.is_whitespace() || ",.;:-".contains(c));
            let last = trimmed.rsplit(' ').next().unwrap_or("");
            end = start + trimmed.len();
            if TRAILING_CONNECTIVES.contains(&last.to_lowercase().as_str()) && last.len() < trimmed.len() {
                end -= last.len();
            } else {
                return (start, end);
            }
        }
    }

    /// Direct when the content is one quotation, mixed when it holds one, else indirect.
    fn classify(&self, start: usize, end: usize) -> (QuoteKind, Range) {
        let inner: Vec<&Pair> = self.pairs.iter().filter(|p| p.open >= start && p.close < end).collect();
        match inner.as_slice() {
            [] => (QuoteKind::Indirect, (start, end)),
            [only] if only.open == start && only.end() == end => (QuoteKind::Direct, only.inner()),
            _ => (QuoteKind::Mixed, (start, end)),
        }
    }
}

/// Whether a capitalised word is a number ("Seventy-one people were hospitalized"): a
/// name never starts with one.
fn is_number_word(word: &str) -> bool {
    crate::numbers::find(&format!("{word} people")).first().is_some_and(|(range, _)| range.start == 0)
}
