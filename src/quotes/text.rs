//! Text helpers of quote attribution: paragraphs, quotation-mark pairs, sentence units
//! (the segmenter's sentences) and word tokens.
//!
//! Everything here works on byte offsets into [`Doc::normalized`], where every
//! quotation mark is one ASCII byte; the original text is only read to tell an opening
//! curly mark from a closing one.

use crate::doc::Doc;
use crate::segment;

/// A half-open byte range into the normalised text.
pub type Range = (usize, usize);

/// A pair of quotation marks with nothing but nested marks between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// Offset of the opening mark.
    pub open: usize,
    /// Offset of the closing mark.
    pub close: usize,
    /// Bytes per mark: 1, or 2 for a doubled apostrophe (`''quoted''`).
    pub width: usize,
}

impl Pair {
    /// The quoted words, without the marks.
    pub fn inner(&self) -> Range {
        (self.open + self.width, self.close)
    }

    /// Just after the closing mark.
    pub fn end(&self) -> usize {
        self.close + self.width
    }

    /// Whether it is a double quotation (`"` or `''`), not a single one.
    pub fn is_double(&self, text: &str) -> bool {
        self.width == 2 || text.as_bytes().get(self.open) == Some(&b'"')
    }
}

/// A sentence of the content, never cut inside a quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index of its paragraph.
    pub para: usize,
}

/// A word or a single punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Whether it is a word (letters, digits, inner `.'-&`).
    pub word: bool,
}

/// Which way a quotation mark faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Facing {
    Open,
    Close,
    Either,
}

/// The content paragraphs as normalised ranges.
pub fn paragraphs(doc: &Doc) -> Vec<Range> {
    let n = &doc.normalized;
    let spans = doc.cleaning.content.iter().map(|s| (n.from_original(s.start), n.from_original(s.end)));
    spans.map(|r| trim(&n.text, r)).filter(|r| r.0 < r.1).collect()
}

/// A range without its leading and trailing white space.
pub fn trim(text: &str, (start, end): Range) -> Range {
    let Some(slice) = text.get(start..end) else { return (start, start) };
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead == slice.len() {
        (start, start)
    } else {
        (start + lead, end - trail)
    }
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|s| s.chars().next_back())
}

fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|s| s.chars().next())
}

/// Which way the mark at `at` faces, from its neighbours and, for curly marks, its glyph.
fn facing(doc: &Doc, at: usize, width: usize) -> Facing {
    let text = &doc.normalized.text;
    let before = char_before(text, at);
    let after = char_at(text, at + width);
    let opens =
        before.is_none_or(|c| c.is_whitespace() || "([{-/".contains(c)) && after.is_some_and(|c| !c.is_whitespace());
    let closes = before.is_some_and(|c| !c.is_whitespace())
        && after.is_none_or(|c| c.is_whitespace() || c.is_ascii_punctuation());
    match (opens, closes) {
        (true, false) => Facing::Open,
        (false, true) => Facing::Close,
        _ => match char_at(&doc.text, doc.normalized.to_original(at)) {
            Some('\u{201C}' | '\u{201E}' | '\u{2018}' | '\u{00AB}') => Facing::Open,
            Some('\u{201D}' | '\u{2019}' | '\u{00BB}') => Facing::Close,
            _ => Facing::Either,
        },
    }
}

/// Top-level quotation pairs: double marks (nesting allowed, a quotation may run over
/// paragraphs that each reopen it), then single marks outside them (never apostrophes).
pub fn pairs(doc: &Doc, paras: &[Range]) -> Vec<Pair> {
    let doubles = double_pairs(doc, paras);
    let mut out = doubles.clone();
    for &para in paras {
        out.extend(single_pairs(doc, para, &doubles));
    }
    out.sort_by_key(|p| p.open);
    out
}

/// Double marks of a range: offset, width and facing.
fn double_marks(doc: &Doc, (start, end): Range) -> Vec<(usize, usize, Facing)> {
    let text = &doc.normalized.text;
    let Some(slice) = text.get(start..end) else { return Vec::new() };
    let bytes = slice.as_bytes();
    let mut marks = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let width = match (bytes[i], bytes.get(i + 1)) {
            (b'"', _) => 1,
            (b'\'', Some(b'\'')) => 2,
            _ => 0,
        };
        if width > 0 {
            marks.push((start + i, width, facing(doc, start + i, width)));
        }
        i += width.max(1);
    }
    marks
}

fn double_pairs(doc: &Doc, paras: &[Range]) -> Vec<Pair> {
    let mut out = Vec::new();
    let mut carried: Option<(usize, usize)> = None;
    for (k, &para) in paras.iter().enumerate() {
        let marks = double_marks(doc, para);
        let mut stack: Vec<(usize, usize)> = Vec::new();
        let mut rest = marks.as_slice();
        if let (Some(open), Some(&(first, _, facing))) = (carried.take(), marks.first()) {
            if first == para.0 && facing != Facing::Close {
                stack.push(open);
                rest = &marks[1..];
            }
        }
        for &(at, width, facing) in rest {
            let opens = match facing {
                Facing::Open => true,
                Facing::Close => false,
                Facing::Either => stack.is_empty(),
            };
            if opens {
                stack.push((at, width));
            } else if let Some((open, open_width)) = stack.pop() {
                if stack.is_empty() && open_width == width {
                    out.push(Pair { open, close: at, width });
                }
            }
        }
        let next_reopens = paras.get(k + 1).is_some_and(|&next| {
            double_marks(doc, next).first().is_some_and(|&(at, _, facing)| at == next.0 && facing != Facing::Close)
        });
        if next_reopens {
            carried = stack.first().copied();
        }
    }
    out
}

/// Single-quoted stretches of one paragraph outside double pairs: an opening mark at a
/// word start, a closing mark at a word end, at most 150 bytes apart.
fn single_pairs(doc: &Doc, (start, end): Range, doubles: &[Pair]) -> Vec<Pair> {
    let text = &doc.normalized.text;
    let Some(slice) = text.get(start..end) else { return Vec::new() };
    let bytes = text.as_bytes();
    let doubled = |at: usize| bytes.get(at + 1) == Some(&b'\'') || (at > 0 && bytes[at - 1] == b'\'');
    let marks: Vec<usize> =
        slice.match_indices('\'').map(|(i, _)| start + i).filter(|&at| !inside(doubles, at) && !doubled(at)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < marks.len() {
        let open = marks[i];
        i += 1;
        if !opens_single(doc, open) {
            continue;
        }
        if let Some(j) =
            (i..marks.len()).take_while(|&j| marks[j] - open <= 150).find(|&j| closes_single(doc, marks[j]))
        {
            out.push(Pair { open, close: marks[j], width: 1 });
            i = j + 1;
        }
    }
    out
}

fn opens_single(doc: &Doc, at: usize) -> bool {
    let text = &doc.normalized.text;
    let glyph = char_at(&doc.text, doc.normalized.to_original(at));
    char_before(text, at).is_none_or(|c| c.is_whitespace() || c == '(')
        && char_at(text, at + 1).is_some_and(char::is_alphabetic)
        && glyph != Some('\u{2019}')
}

fn closes_single(doc: &Doc, at: usize) -> bool {
    let text = &doc.normalized.text;
    let glyph = char_at(&doc.text, doc.normalized.to_original(at));
    char_before(text, at).is_some_and(|c| c.is_alphanumeric() || ".,!?".contains(c))
        && char_at(text, at + 1).is_none_or(|c| !c.is_alphanumeric())
        && glyph != Some('\u{2018}')
}

/// Whether `at` lies inside a pair (after its opening mark's first byte, up to its
/// closing mark's first byte).
pub fn inside(pairs: &[Pair], at: usize) -> bool {
    enclosing(pairs, at).is_some()
}

/// The pair whose marks enclose `at` (the closing mark counts as inside).
pub fn enclosing(pairs: &[Pair], at: usize) -> Option<Pair> {
    let before = pairs.partition_point(|p| p.open < at);
    before.checked_sub(1).map(|i| pairs[i]).filter(|p| at <= p.close)
}

/// Sentence units: the segmenter's sentences as they are, joined where a quotation runs
/// across them; never cut again.
pub fn units(doc: &Doc, paras: &[Range], pairs: &[Pair]) -> Vec<Unit> {
    let n = &doc.normalized;
    let mut base: Vec<Range> =
        doc.sentences.iter().map(|s| (n.from_original(s.start), n.from_original(s.end))).collect();
    base.sort();
    let mut joined: Vec<Range> = Vec::new();
    for range in base {
        match joined.last_mut() {
            Some(last) if enclosing(pairs, last.1).is_some_and(|p| p.open < last.1 && p.close >= range.0) => {
                last.1 = last.1.max(range.1)
            }
            _ => joined.push(range),
        }
    }
    joined
        .into_iter()
        .map(|range| trim(&n.text, range))
        .filter(|(start, end)| start < end)
        .map(|(start, end)| Unit { start, end, para: paras.partition_point(|p| p.0 <= start).saturating_sub(1) })
        .collect()
}

/// The words and punctuation of a document's content, cut once per document and read by
/// every step of quote attribution.
pub struct Tokens<'t> {
    text: &'t str,
    toks: Vec<Tok>,
}

impl<'t> Tokens<'t> {
    /// Cuts the content paragraphs into tokens: words (letters and digits, with inner
    /// `.'-&`) and single punctuation characters; a word keeps a period that belongs to it
    /// ("J.", "Mr.", "U.S.", as [`segment::is_abbreviation`] says). This is the one place
    /// the stage tokenises; it is where the document token layer will be read instead.
    pub fn new(text: &'t str, paras: &[Range]) -> Self {
        let mut toks = Vec::new();
        for &para in paras {
            tokenize(text, para, &mut toks);
        }
        Tokens { text, toks }
    }

    /// The tokens inside `range`; a token it cuts is clipped to it, and is a word only if
    /// the piece left starts with a letter or digit (the "." of "Mr." is punctuation).
    pub fn within(&self, (start, end): Range) -> Vec<Tok> {
        let first = self.toks.partition_point(|t| t.end <= start);
        self.toks[first..]
            .iter()
            .take_while(|t| t.start < end)
            .map(|t| (t.start.max(start), t.end.min(end), t.word))
            .filter(|&(start, end, _)| {
                start < end && self.text.is_char_boundary(start) && self.text.is_char_boundary(end)
            })
            .map(|(start, end, word)| Tok {
                start,
                end,
                word: word && self.text[start..].starts_with(char::is_alphanumeric),
            })
            .collect()
    }
}

/// Appends the tokens of a range to `toks`.
fn tokenize(text: &str, (start, end): Range, toks: &mut Vec<Tok>) {
    let Some(slice) = text.get(start..end) else { return };
    let mut i = 0;
    while let Some(c) = slice[i..].chars().next() {
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if !c.is_alphanumeric() {
            toks.push(Tok { start: start + i, end: start + i + c.len_utf8(), word: false });
            i += c.len_utf8();
            continue;
        }
        let j = word_end(slice, i);
        let last_part = slice[i..j].rsplit(|c: char| !c.is_alphanumeric() && c != '.').next().unwrap_or_default();
        let j = if slice[j..].starts_with('.') && segment::is_abbreviation(last_part) { j + 1 } else { j };
        toks.push(Tok { start: start + i, end: start + j, word: true });
        i = j;
    }
}

fn word_end(s: &str, from: usize) -> usize {
    let mut j = from;
    loop {
        let mut rest = s[j..].chars();
        match rest.next() {
            Some(d) if d.is_alphanumeric() => j += d.len_utf8(),
            Some(d @ ('.' | '\'' | '-' | '&')) if rest.next().is_some_and(char::is_alphanumeric) => j += d.len_utf8(),
            _ => return j,
        }
    }
}
