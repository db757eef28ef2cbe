//! Text helpers of quote attribution: paragraphs, quotation-mark pairs, sentence units
//! (the segmenter's sentences) and word tokens.
//!
//! Everything here works on byte offsets into [`Doc::normalized`], where every
//! quotation mark is one ASCII byte; the original text is only read to tell an opening
//! curly mark from a closing one.

use crate::doc::Doc;
use crate::segment;
use crate::tokens::{Token, TokenKind};

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
    /// The content paragraphs' words and punctuation, read from the document's token
    /// layer: a word here is a run of attached tokens of letters and digits with inner
    /// `.'-&` ("6abc", "COVID-19", "AT&T", "2.5"); a comma inside a number and every other
    /// character stand alone ("3", ",", "000"); a word keeps a period that belongs to it
    /// ("J.", "Mr.", "U.S.", as [`segment::is_abbreviation`] says).
    pub fn new(doc: &'t Doc, paras: &[Range]) -> Self {
        let text = doc.normalized.text.as_str();
        let mut toks = Vec::new();
        for &para in paras {
            join_words(text, &pieces(text, doc.tokens.all(), para), &mut toks);
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

/// The document tokens inside paragraph `(start, end)` of `text` (normalised spans,
/// clipped to it), cut where a quote word may end: at a comma inside a number and
/// before the closing period of an initialism ("U.S" + ".").
fn pieces(text: &str, tokens: &[Token], (start, end): Range) -> Vec<Range> {
    let first = tokens.partition_point(|t| t.norm.end <= start);
    let mut out = Vec::new();
    for token in tokens[first..].iter().take_while(|t| t.norm.start < end) {
        let (from, to) = (token.norm.start.max(start), token.norm.end.min(end));
        let Some(piece) = text.get(from..to).filter(|p| !p.is_empty()) else { continue };
        let mut at = from;
        for (i, c) in piece.char_indices() {
            let cut = (token.kind == TokenKind::Number && c == ',')
                || (token.kind == TokenKind::Word && c == '.' && from + i + 1 == to && to > at + 1);
            if cut {
                if from + i > at {
                    out.push((at, from + i));
                }
                out.push((from + i, from + i + 1));
                at = from + i + 1;
            }
        }
        if to > at {
            out.push((at, to));
        }
    }
    out
}

/// Appends the quote tokens built from `pieces` to `toks`: attached pieces join into one
/// word while letters or digits meet, or one of `.'-&` stands between them.
fn join_words(text: &str, pieces: &[Range], toks: &mut Vec<Tok>) {
    let starts_alnum = |p: Range| text[p.0..].starts_with(char::is_alphanumeric);
    let ends_alnum = |p: Range| text[..p.1].ends_with(char::is_alphanumeric);
    let attached = |a: Range, b: Range| a.1 == b.0;
    let mut i = 0;
    while i < pieces.len() {
        let first = pieces[i];
        if !starts_alnum(first) {
            toks.push(Tok { start: first.0, end: first.1, word: false });
            i += 1;
            continue;
        }
        let mut last = i;
        loop {
            let current = pieces[last];
            let next = pieces.get(last + 1).copied().filter(|&n| attached(current, n) && ends_alnum(current));
            let Some(next) = next else { break };
            if starts_alnum(next) {
                last += 1;
            } else if matches!(&text[next.0..next.1], "." | "'" | "-" | "&")
                && pieces.get(last + 2).is_some_and(|&after| attached(next, after) && starts_alnum(after))
            {
                last += 2;
            } else {
                break;
            }
        }
        let mut end = pieces[last].1;
        let word = &text[first.0..end];
        let last_part = word.rsplit(|c: char| !c.is_alphanumeric() && c != '.').next().unwrap_or_default();
        if pieces.get(last + 1).is_some_and(|&n| n.0 == end && &text[n.0..n.1] == ".")
            && segment::is_abbreviation(last_part)
        {
            end += 1;
            last += 1;
        }
        toks.push(Tok { start: first.0, end, word: true });
        i = last + 1;
    }
}
