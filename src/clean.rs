//! Cleaning: marks web boilerplate as non-content and lifts title, byline and date.
//!
//! The text is never changed. It is cut into lines (a paragraph per line); a few
//! patterns peel boilerplate off the front or middle of a line (the ` date` marker, icon
//! caption runs, datelines, tabloid bylines); each remaining line is then classified on
//! its own (navigation, notices, bylines, timestamps, photo captions, repeats) and in
//! context (headline, masthead, teaser after "Read More", trailing caption fragments).
//! Matching runs on [`Doc::normalized`]; every span is mapped back to [`Doc::text`].

use crate::dates;
use crate::doc::{Boilerplate, BoilerplateKind, Cleaning, DateOrigin, Doc, PartialDate};
use crate::words;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Whole lines that are site navigation, lower-cased.
static NAVIGATION_LINES: LazyLock<Vec<&str>> = words!("en/clean/navigation_lines.txt");

/// Line prefixes of navigation and teaser lines, lower-cased.
static NAVIGATION_PREFIXES: LazyLock<Vec<&str>> = words!("en/clean/navigation_prefixes.txt");

/// Line prefixes of editorial notices, lower-cased.
static NOTICE_PREFIXES: LazyLock<Vec<&str>> = words!("en/clean/notice_prefixes.txt");

/// Phrases that end a line crediting reporters ("CNN's X contributed to this report."), lower-cased.
static CREDIT_ENDINGS: LazyLock<Vec<&str>> = words!("en/clean/credit_endings.txt");

/// Phrases that open a line crediting reporters, lower-cased.
static CREDIT_OPENINGS: LazyLock<Vec<&str>> = words!("en/clean/credit_openings.txt");

/// Month names and abbreviations as one regex alternation.
const MONTHS: &str = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

/// A leading ` date YYYY-MM(-DD)` marker.
static DATE_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*date (\d{4}-\d{2}(?:-\d{2})?)(?:\s+|$)").unwrap());

/// One item of an icon caption run ("Camera An icon of a digital camera.").
static ICON_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bAn? icon (?:of|representing|that|used|displaying)\b|\bicon that is used\b|\bAn explanation mark\b")
        .unwrap()
});

/// A dateline opening the first paragraph: "LONDON, England (CNN) -- ", "(CNN)", "KYIV, Ukraine - ".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:[A-Z][\w.'-]*(?:,? [A-Z][\w.'-]*){0,4} )?(?:\(CNN[^()]{0,30}\) ?(?:--? ?)?|\([A-Z][\w.&' ]{1,30}\) ?-- ?)|[A-Z][A-Z.'-]{2,}(?: [A-Z][A-Z.'-]+){0,2}(?:, [A-Z][a-zA-Z.]+(?: [A-Z][a-zA-Z.]+){0,2})? --? )",
    )
    .unwrap()
});

/// A live-blog entry stamp: "27 Jul 2022 16.03 ".
static ENTRY_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\d{{1,2}} {MONTHS} \d{{4}} \d{{1,2}}[.:]\d{{2}}(?: [A-Z]{{2,4}})? ")).unwrap()
});

/// A tabloid byline block: "By . Name . PUBLISHED: . 12:01 EST, 3 May 2013 . | . UPDATED: . 12:11 EST, 3 May 2013 . ".
static TABLOID_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    let time = r"\d{1,2}:\d{2}(?: [A-Z]{2,4})?, \d{1,2} [A-Z][a-z]+ \d{4}";
    Regex::new(&format!(
        r"^By \. (?P<author>[^.|]{{2,80}}?) \. (?:PUBLISHED: \. (?P<published>{time}) ?\.? ?\|? ?(?:\.? ?UPDATED: \. {time} ?\.? ?)?)?"
    ))
    .unwrap()
});

/// A copyright line: "Copyright Health Magazine 2009", "Copyright © 2010 ...", "© The Financial Times".
static COPYRIGHT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:(?i:copyright)\b.{0,60}?(?:©|\(c\)|\b(?:19|20)\d{2}\b)|©)").unwrap());

/// A byline line: "By Press Association", "By Jane Doe and John Roe".
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^By:? (?P<author>[A-Z][\w.'-]*(?:,? (?:[A-Z][\w.'-]*|and|de|van|von|al|bin|la|le)){0,7})$").unwrap()
});

/// A whole line that is a date or timestamp ("December 2, 2021, 4:17 pm", "Feb 1, 2022").
static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    let day = r"\d{1,2}(?:st|nd|rd|th)?";
    let time = r"\d{1,2}[:.]\d{2}(?: ?(?:[ap]\.?m\.?|[AP]\.?M\.?))?(?: [A-Z]{2,4})?";
    Regex::new(&format!(
        r"^(?:(?:Published|Posted|Updated|Last updated)(?: on)?:? )?(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?,? )?(?:{MONTHS} {day},? \d{{4}}|{day} {MONTHS},? \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|{time},? {day} {MONTHS},? \d{{4}})(?:,? (?:at )?{time})?$"
    ))
    .unwrap()
});

/// A line ending in a full date ("... in the Volyn region, Ukraine November 11, 2021").
static ENDS_WITH_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?:{MONTHS} \d{{1,2}},? \d{{4}}|\d{{1,2}} {MONTHS},? \d{{4}})$")).unwrap());

/// Photo credits ending a line: "(Stefan Rousseau/PA)", "(Image: AP)", "2021. REUTERS / Kevin Lamarque", "month. AP".
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:\((?:Image|Photo|Picture|Photograph|Credit)s?: [^()]{1,60}\)|\([A-Z][^()]{1,40}/ ?[A-Z][^()]{1,30}\)|(?:^|[.\d] )(?:AP|AFP|REUTERS|Reuters|EPA|PA|Getty Images|Bloomberg|Shutterstock)(?: ?/ ?[A-Z][A-Za-z.' -]{1,40})?|(?:Photograph|Photo|Image|Picture|Credit): [^.]{2,60})$",
    )
    .unwrap()
});

/// A line of run-together tags ("RussiaUSUkraineDiplomacy").
static TAG_RUN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:[A-Z][a-z]+|[A-Z]{2,}){3,}[a-z]$").unwrap());

/// Most words a headline may have.
const HEADLINE_MAX_WORDS: usize = 25;
/// Fewest words a caption that ends in a date must have.
const DATED_CAPTION_MIN_WORDS: usize = 4;
/// Most words a whole-line caption may have; a longer line loses only its last sentence.
const CAPTION_MAX_WORDS: usize = 40;
/// How far from the end of a line a credit ending may start, in bytes.
const CREDIT_TAIL_BYTES: usize = 100;
/// Most words a masthead line may have.
const MASTHEAD_MAX_WORDS: usize = 4;
/// Most words a trailing caption fragment may have.
const FRAGMENT_MAX_WORDS: usize = 14;
/// How many trailing caption fragments are peeled off the end at most.
const MAX_TRAILING_FRAGMENTS: usize = 3;
/// How many leading content lines may open with a dateline.
const DATELINE_LINES: usize = 3;

/// A piece of a line in normalised byte offsets, with its classification so far.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    kind: Option<BoilerplateKind>,
}

/// What the line-level passes find besides the pieces.
#[derive(Debug, Default)]
struct Found {
    stated: Option<PartialDate>,
    author: Option<(usize, usize)>,
    published: Option<(usize, usize)>,
    body_seen: bool,
}

/// Splits the text into content and boilerplate spans and finds its metadata.
pub fn clean(doc: &Doc) -> Cleaning {
    let text = doc.normalized.text.as_str();
    let mut found = Found::default();
    let title = doc.meta.title.as_deref().map(|t| crate::normalize::Normalized::new(t.trim()).text);
    let mut pieces = split_pieces(text, title.as_deref(), &mut found);
    classify_lines(text, &mut pieces, &mut found);
    mark_context(text, &mut pieces);
    assemble(doc, &pieces, &found)
}

/// Cuts the text into trimmed non-empty lines and peels boilerplate parts off them. A
/// first line that starts with the reader's `title` and runs on past it without a break
/// ("...Los Angeles TimesJassely Lupoe, a 5-year-old, was...") is cut after the title.
fn split_pieces(text: &str, title: Option<&str>, found: &mut Found) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut offset = 0;
    for (index, raw) in text.split('\n').enumerate() {
        let mut start = offset;
        offset += raw.len() + 1;
        if index == 0 {
            if let Some(caps) = DATE_MARKER.captures(raw) {
                let (whole, date) = (caps.get(0).unwrap(), caps.get(1).unwrap());
                found.stated = PartialDate::parse(date.as_str());
                let marker_start = raw.len() - raw.trim_start().len();
                let marker_end = date.end();
                pieces.push(Piece { start: marker_start, end: marker_end, kind: Some(BoilerplateKind::DateMarker) });
                start = whole.end();
            }
            start = split_glued_title(text, start, offset - 1, title, &mut pieces);
        }
        push_trimmed(text, start, offset - 1, None, &mut pieces);
    }
    let mut out = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match piece.kind {
            None => split_icon_run(text, piece, &mut out),
            Some(_) => out.push(piece),
        }
    }
    out
}

/// Pushes `text[start..end]` trimmed of whitespace, when anything is left.
/// Pushes the reader's title as its own piece where the line `start..end` starts with it
/// and goes on; returns where the rest of the line starts.
fn split_glued_title(text: &str, start: usize, end: usize, title: Option<&str>, pieces: &mut Vec<Piece>) -> usize {
    let line = &text[start..end];
    let lead = line.len() - line.trim_start().len();
    match title.filter(|t| !t.is_empty() && line[lead..].len() > t.len() && line[lead..].starts_with(t)) {
        Some(title) => {
            push_trimmed(text, start + lead, start + lead + title.len(), None, pieces);
            start + lead + title.len()
        }
        None => start,
    }
}

fn push_trimmed(text: &str, start: usize, end: usize, kind: Option<BoilerplateKind>, out: &mut Vec<Piece>) {
    let slice = &text[start..end];
    let trimmed = slice.trim();
    if trimmed.is_empty() {
        return;
    }
    let s = start + (slice.len() - slice.trim_start().len());
    out.push(Piece { start: s, end: s + trimmed.len(), kind });
}

/// Splits an icon caption run out of a line, keeping what is before and after it.
fn split_icon_run(text: &str, piece: Piece, out: &mut Vec<Piece>) {
    let line = &text[piece.start..piece.end];
    let items: Vec<_> = ICON_ITEM.find_iter(line).collect();
    if items.len() < 3 {
        out.push(piece);
        return;
    }
    let first = items[0].start();
    let run_start = line[..first].rfind(". ").map_or(0, |i| i + 2);
    let last = items[items.len() - 1].end();
    let run_end = line[last..].find('.').map_or(line.len(), |i| last + i + 1);
    let base = piece.start;
    push_trimmed(text, base, base + run_start, None, out);
    push_trimmed(text, base + run_start, base + run_end, Some(BoilerplateKind::IconCaptions), out);
    push_trimmed(text, base + run_end, piece.end, None, out);
}

/// Classifies each unclassified piece on its own text, splitting off prefixes and captions.
fn classify_lines(text: &str, pieces: &mut Vec<Piece>, found: &mut Found) {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(pieces.len());
    let mut content_lines = 0;
    for piece in pieces.drain(..) {
        if piece.kind.is_some() {
            out.push(piece);
            continue;
        }
        let line = &text[piece.start..piece.end];
        if !seen.insert(line) {
            out.push(Piece { kind: Some(BoilerplateKind::Repeated), ..piece });
            continue;
        }
        content_lines += 1;
        let Some(rest) = split_prefix(text, piece, content_lines <= DATELINE_LINES, found, &mut out) else { continue };
        let line = &text[rest.start..rest.end];
        match line_kind(line) {
            Some(kind) => {
                record_meta(line, rest.start, kind, found);
                out.push(Piece { kind: Some(kind), ..rest });
            }
            None => {
                found.body_seen |= ends_with_stop(line);
                split_caption_tail(text, rest, &mut out);
            }
        }
    }
    *pieces = out;
}

/// Peels a tabloid byline, a live-blog stamp or (when `dateline` allows) a dateline off a line.
///
/// Returns the rest of the line, if any, still unclassified.
fn split_prefix(text: &str, piece: Piece, dateline: bool, found: &mut Found, out: &mut Vec<Piece>) -> Option<Piece> {
    let line = &text[piece.start..piece.end];
    let (end, kind) = if let Some(caps) = TABLOID_BYLINE.captures(line) {
        let author = caps.name("author").unwrap();
        found.author.get_or_insert((piece.start + author.start(), piece.start + author.end()));
        if let Some(p) = caps.name("published") {
            found.published.get_or_insert((piece.start + p.start(), piece.start + p.end()));
        }
        (caps.get(0).unwrap().end(), BoilerplateKind::Byline)
    } else if let Some(m) = ENTRY_STAMP.find(line) {
        (m.end(), BoilerplateKind::Timestamp)
    } else if let Some(m) = DATELINE.find(line).filter(|_| dateline) {
        (m.end(), BoilerplateKind::Timestamp)
    } else {
        return Some(piece);
    };
    push_trimmed(text, piece.start, piece.start + end, Some(kind), out);
    let mut rest = Vec::new();
    push_trimmed(text, piece.start + end, piece.end, None, &mut rest);
    rest.pop()
}

/// Pushes a content line, splitting off the caption that ends it: one with a photo credit or,
/// lacking a final stop, a full date. A caption-sized line is all caption; a longer one (a
/// live-blog entry) loses only its last sentence.
fn split_caption_tail(text: &str, piece: Piece, out: &mut Vec<Piece>) {
    let line = &text[piece.start..piece.end];
    let Some(tail) = PHOTO_CREDIT.find(line).or_else(|| dated_tail(line)) else {
        out.push(piece);
        return;
    };
    let before = line[..tail.start()].trim_end().trim_end_matches('.');
    let whole = word_count(line) <= CAPTION_MAX_WORDS;
    let caption_start = before.rfind(". ").filter(|_| !whole).map_or(0, |i| i + 2);
    let dated = !PHOTO_CREDIT.is_match(line);
    if dated && word_count(&line[caption_start..]) < DATED_CAPTION_MIN_WORDS {
        out.push(piece);
        return;
    }
    push_trimmed(text, piece.start, piece.start + caption_start, None, out);
    push_trimmed(text, piece.start + caption_start, piece.end, Some(BoilerplateKind::PhotoCaption), out);
}

/// The full date ending a line that has no final stop.
fn dated_tail(line: &str) -> Option<regex::Match<'_>> {
    Some(line).filter(|l| !ends_with_stop(l)).and_then(|l| ENDS_WITH_DATE.find(l))
}

/// Remembers the author of a byline and the first timestamp.
fn record_meta(line: &str, start: usize, kind: BoilerplateKind, found: &mut Found) {
    match kind {
        BoilerplateKind::Byline => {
            if let Some(m) = BYLINE.captures(line).and_then(|c| c.name("author")) {
                found.author.get_or_insert((start + m.start(), start + m.end()));
            }
        }
        BoilerplateKind::Timestamp if !found.body_seen => {
            found.published.get_or_insert((start, start + line.len()));
        }
        _ => {}
    }
}

/// Lines longer than this (in bytes) are content whatever they start or end with: a
/// paragraph that ends "All rights reserved." is an article whose notice lost its line
/// break.
const MAX_BOILERPLATE_LINE: usize = 300;

/// The boilerplate kind of a line judged on its own text, if any.
fn line_kind(line: &str) -> Option<BoilerplateKind> {
    if line.len() > MAX_BOILERPLATE_LINE {
        return None;
    }
    let lower = line.to_lowercase();
    let lower = lower.trim_end_matches(['.', ':', ' ']);
    if NAVIGATION_LINES.contains(&lower) || starts_with_any(lower, &NAVIGATION_PREFIXES) || TAG_RUN.is_match(line) {
        Some(BoilerplateKind::Navigation)
    } else if starts_with_any(lower, &NOTICE_PREFIXES)
        || COPYRIGHT.is_match(line)
        || lower.ends_with("all rights reserved")
    {
        Some(BoilerplateKind::Notice)
    } else if BYLINE.is_match(line) || is_credit(lower) {
        Some(BoilerplateKind::Byline)
    } else if TIMESTAMP.is_match(line) {
        Some(BoilerplateKind::Timestamp)
    } else {
        None
    }
}

/// Whether `s` starts with one of `prefixes`.
fn starts_with_any(s: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| s.starts_with(p))
}

/// Whether a (lower-cased) line credits reporters rather than reporting.
fn is_credit(lower: &str) -> bool {
    let tail_start = lower.floor_char_boundary(lower.len().saturating_sub(CREDIT_TAIL_BYTES));
    starts_with_any(lower, &CREDIT_OPENINGS) || CREDIT_ENDINGS.iter().any(|m| lower[tail_start..].contains(m))
}

/// Whether a line ends with a sentence stop, possibly inside closing quotes or brackets.
fn ends_with_stop(line: &str) -> bool {
    let core = line.trim_end().trim_end_matches(['"', '\'', ')', ']']);
    core.ends_with(['.', '!', '?', '\u{2026}'])
}

/// Number of whitespace-separated words.
fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Marks what needs neighbours: teasers, mastheads, the headline and trailing fragments.
fn mark_context(text: &str, pieces: &mut [Piece]) {
    let line = |p: &Piece| &text[p.start..p.end];
    for i in 1..pieces.len() {
        let prev = pieces[i - 1];
        let teaser = prev.kind == Some(BoilerplateKind::Navigation) && line(&prev).eq_ignore_ascii_case("read more");
        if teaser && pieces[i].kind.is_none() && !ends_with_stop(line(&pieces[i])) {
            pieces[i].kind = Some(BoilerplateKind::Navigation);
        }
    }
    for i in 0..pieces.len().saturating_sub(1) {
        let next_is_time = pieces[i + 1].kind == Some(BoilerplateKind::Timestamp);
        let l = line(&pieces[i]);
        if next_is_time && pieces[i].kind.is_none() && is_masthead(l) {
            pieces[i].kind = Some(BoilerplateKind::Masthead);
        }
    }
    mark_headline(text, pieces);
    mark_trailing_fragments(text, pieces);
}

/// A short title-case name without a final stop ("The National").
fn is_masthead(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() <= MASTHEAD_MAX_WORDS
        && !ends_with_stop(line)
        && words.iter().all(|w| w.starts_with(|c: char| c.is_uppercase()))
}

/// The first content line is the headline when it is short, has no final stop and body follows.
///
/// A line that opened with a dateline is body, never a headline.
fn mark_headline(text: &str, pieces: &mut [Piece]) {
    let line = |p: &Piece| &text[p.start..p.end];
    let Some(first) = pieces.iter().position(|p| p.kind.is_none()) else { return };
    let l = line(&pieces[first]);
    let after_dateline = first > 0
        && pieces[first - 1].kind == Some(BoilerplateKind::Timestamp)
        && !text[pieces[first - 1].end..pieces[first].start].contains('\n');
    let body_follows = pieces[first + 1..].iter().any(|p| p.kind.is_none() && ends_with_stop(line(p)));
    let headline_like =
        !ends_with_stop(l) && !l.ends_with([':', '-']) && !l.contains(". ") && word_count(l) <= HEADLINE_MAX_WORDS;
    if body_follows && headline_like && !after_dateline {
        pieces[first].kind = Some(BoilerplateKind::Headline);
    }
}

/// Short lines without a final stop after the last body paragraph are caption fragments.
fn mark_trailing_fragments(text: &str, pieces: &mut [Piece]) {
    let line = |p: &Piece| &text[p.start..p.end];
    let Some(last_body) = pieces.iter().rposition(|p| p.kind.is_none() && ends_with_stop(line(p))) else { return };
    let tail: Vec<usize> = (last_body + 1..pieces.len()).filter(|&i| pieces[i].kind.is_none()).collect();
    let fragment = |p: &Piece| {
        let l = line(p);
        !l.ends_with(['"', ':']) && word_count(l) <= FRAGMENT_MAX_WORDS
    };
    if tail.len() <= MAX_TRAILING_FRAGMENTS && tail.iter().all(|&i| fragment(&pieces[i])) {
        for i in tail {
            pieces[i].kind = Some(BoilerplateKind::PhotoCaption);
        }
    }
}

/// Maps the pieces back to the original text and fills the cleaning layer.
fn assemble(doc: &Doc, pieces: &[Piece], found: &Found) -> Cleaning {
    let norm = &doc.normalized;
    let original = |s: usize, e: usize| norm.span_to_original(s, e);
    let mut cleaning = Cleaning::default();
    for piece in pieces {
        let span = original(piece.start, piece.end);
        match piece.kind {
            None => cleaning.content.push(span),
            Some(kind) => {
                if kind == BoilerplateKind::Headline {
                    cleaning.title.get_or_insert(span);
                }
                cleaning.boilerplate.push(Boilerplate { span, kind });
            }
        }
    }
    let text_of = |(s, e): (usize, usize)| doc.slice(original(s, e)).to_string();
    cleaning.author = found.author.map(text_of);
    cleaning.published = found.published.map(text_of);
    cleaning.date = document_date(doc, found.stated);
    cleaning
}

/// The stated date (marker, then reader), else the latest day-precision date in the text.
fn document_date(doc: &Doc, stated: Option<PartialDate>) -> Option<(PartialDate, DateOrigin)> {
    if let Some(date) = stated.or(doc.meta.date) {
        return Some((date, DateOrigin::Stated));
    }
    dates::find_dates(&doc.normalized.text)
        .into_iter()
        .map(|(_, date)| date)
        .filter(|date| date.day.is_some())
        .max()
        .map(|date| (date, DateOrigin::Inferred))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Meta;
    use BoilerplateKind::*;

    fn cleaned(text: &str) -> (Doc, Cleaning) {
        let doc = Doc::new(text.to_string(), Meta::default());
        let cleaning = clean(&doc);
        (doc, cleaning)
    }

    fn boilerplate(text: &str) -> Vec<(BoilerplateKind, String)> {
        let (doc, c) = cleaned(text);
        c.boilerplate.iter().map(|b| (b.kind, doc.slice(b.span).to_string())).collect()
    }

    fn content(text: &str) -> Vec<String> {
        let (doc, c) = cleaned(text);
        c.content.iter().map(|s| doc.slice(*s).to_string()).collect()
    }

    fn starts(items: &[(BoilerplateKind, String)]) -> Vec<(BoilerplateKind, &str)> {
        items.iter().map(|(k, t)| (*k, t.get(..t.floor_char_boundary(25)).unwrap_or(t))).collect()
    }

    const SEED_000: &str = include_str!("../fixtures/corpus/000_bab11693308bb618.txt");
    const SEED_001: &str = include_str!("../fixtures/corpus/001_16bd10a4b03d5468.txt");
    const SEED_002: &str = include_str!("../fixtures/corpus/002_60d842d3bd8bacec.txt");
    const SEED_003: &str = include_str!("../fixtures/corpus/003_6bbe357bb2cbdd54.txt");
    const SEED_004: &str = include_str!("../fixtures/corpus/004_1a86e49c1743badb.txt");

    #[test]
    fn seed_000_body_only_with_marker_and_credit() {
        let (doc, c) = cleaned(SEED_000);
        assert_eq!(
            boilerplate(SEED_000),
            [(DateMarker, "date 2021-04-11".into()), (Byline, "With Reuters reports".into())]
        );
        assert_eq!(c.content.len(), 14);
        assert!(doc.slice(c.content[0]).starts_with("Britain and the United States “strongly oppose"));
        assert_eq!(c.title, None);
        assert_eq!(c.date, Some((PartialDate::day(2021, 4, 11), DateOrigin::Stated)));
    }

    #[test]
    fn seed_001_icons_headline_byline_timestamp_captions() {
        let (doc, c) = cleaned(SEED_001);
        let items = boilerplate(SEED_001);
        assert_eq!(
            starts(&items),
            [
                (DateMarker, "date 2021-12-02"),
                (IconCaptions, "Calendar An icon of a des"),
                (Headline, "UK and US urge Russia to "),
                (Byline, "By Press Association"),
                (Timestamp, "December 2, 2021, 4:17 pm"),
                (PhotoCaption, "Foreign Secretary Liz Tru"),
                (Repeated, "Foreign Secretary Liz Tru"),
            ]
        );
        assert!(items[1].1.ends_with("WhatsApp An icon of the WhatsApp logo."));
        assert_eq!(items[5].1, "Foreign Secretary Liz Truss (Stefan Rousseau/PA)");
        assert_eq!(c.title.map(|t| doc.slice(t)), Some("UK and US urge Russia to draw back from conflict in Ukraine"));
        assert_eq!(c.author.as_deref(), Some("Press Association"));
        assert_eq!(c.published.as_deref(), Some("December 2, 2021, 4:17 pm"));
        assert_eq!(c.content.len(), 14);
        assert!(doc.slice(c.content[0]).starts_with("Britain has joined the US"));
    }

    #[test]
    fn seed_002_captions_and_inferred_date() {
        let items = boilerplate(SEED_002);
        assert_eq!(
            starts(&items),
            [
                (PhotoCaption, "US President Joe Biden me"),
                (PhotoCaption, "Members of the State Bord"),
                (PhotoCaption, "A Russian military deploy")
            ]
        );
        assert!(items[0].1.ends_with("October 29, 2021. REUTERS / Kevin Lamarque"));
        assert_eq!(content(SEED_002).len(), 8);
        assert_eq!(cleaned(SEED_002).1.date, Some((PartialDate::day(2021, 11, 11), DateOrigin::Inferred)));
    }

    #[test]
    fn seed_003_keeps_subheading_and_drops_image_credit() {
        assert_eq!(
            boilerplate(SEED_003),
            [(DateMarker, "date 2022-02-24".into()), (PhotoCaption, "(Image: AP)".into())]
        );
        let body = content(SEED_003);
        assert_eq!(body.len(), 6);
        assert_eq!(body[3], "Blinken also spoke with EU's Joseph Borrell");
    }

    #[test]
    fn seed_004_headline_standfirst_masthead_teaser_and_footer() {
        let (doc, c) = cleaned(SEED_004);
        assert_eq!(
            starts(&boilerplate(SEED_004)),
            [
                (DateMarker, "date 2022-02-01"),
                (Headline, "Blinken urges Russia to d"),
                (PhotoCaption, "US Secretary of State Ant"),
                (Masthead, "The National"),
                (Timestamp, "Feb 1, 2022"),
                (Navigation, "Read More"),
                (Navigation, "US asks families of gover"),
                (Notice, "This is a developing stor"),
                (Notice, "Updated: February 1st 202"),
                (Navigation, "RussiaUSUkraineDiplomacy"),
                (Navigation, "EDITOR'S PICKS"),
                (Navigation, "NEWSLETTERS"),
                (Navigation, "MORE FROM THE NATIONAL"),
                (Navigation, "An image that illustrates"),
                (Navigation, "An image that illustrates"),
                (Navigation, "An image that illustrates"),
                (Navigation, "An image that illustrates"),
            ]
        );
        let body: Vec<&str> = c.content.iter().map(|s| doc.slice(*s)).collect();
        assert!(body[0].starts_with("In call with Russian foreign minister"));
        assert_eq!(body.len(), 7);
        assert_eq!(body[6], "Mr Blinken and Mr Lavrov met for talks in Geneva last month.");
        assert_eq!(c.published.as_deref(), Some("Feb 1, 2022"));
    }

    #[test]
    fn cnn_dateline_is_split_off_and_never_a_headline() {
        let text = "(CNN) -- A 9-year-old girl was laid to rest Wednesday as a 15-year-old girl, described as an acquaintance, was in court on charges she carried out the younger girl's murder\n\nElizabeth Olten was coming home from a friend's house last week in St. Martins, Missouri, when she disappeared.";
        assert_eq!(boilerplate(text), [(Timestamp, "(CNN) --".into())]);
        assert_eq!(content(text)[0], "A 9-year-old girl was laid to rest Wednesday as a 15-year-old girl, described as an acquaintance, was in court on charges she carried out the younger girl's murder");
        let text = "LONDON, England (CNN) -- Britain's royal family is celebrating.";
        assert_eq!(content(text), ["Britain's royal family is celebrating."]);
        let text = "WIMBLEDON, England — After all the debate over whether to bar Russian and Belarusian players from Wimbledon, the title may be won on Saturday.";
        assert_eq!(boilerplate(text), [(Timestamp, "WIMBLEDON, England —".into())]);
    }

    #[test]
    fn credits_teasers_and_notices_at_the_end() {
        let text = "Cyclone Nargis devastated Myanmar's southern delta region, killing 130,000 people.\n\nCNN's Barbara Starr contributed to this report.\n\nRead more: Five things Obama must do\n\nThe opinions expressed in this commentary are solely those of Uri Dadush.\n\nLarge sugary drinks flow in NYC as officials appeal ruling";
        assert_eq!(
            starts(&boilerplate(text)),
            [
                (Byline, "CNN's Barbara Starr contr"),
                (Navigation, "Read more: Five things Ob"),
                (Notice, "The opinions expressed in"),
                (PhotoCaption, "Large sugary drinks flow ")
            ]
        );
        assert_eq!(content(text).len(), 1);
    }

    #[test]
    fn captions_end_live_blog_entries_and_fill_short_lines() {
        let text = "12 Jul 2022 00.50 The Virgin Mary seen hanging on the wall of a destroyed church due to Russian shelling in the south of Ukraine. Photograph: Mykhaylo Palinchak/SOPA Images/REX/Shutterstock An Ukrainian serviceman of Khartia battalion rests after patrolling at the frontline near Kharkiv, Ukraine, on Tuesday, July 12. Photograph: Evgeniy Maloletka/AP";
        assert_eq!(boilerplate(text).iter().map(|b| b.0).collect::<Vec<_>>(), [Timestamp, PhotoCaption]);
        assert_eq!(content(text), ["The Virgin Mary seen hanging on the wall of a destroyed church due to Russian shelling in the south of Ukraine."]);
        let text = "Krill are transferred from a fishing vessel to a reefer. The crustaceans are a key part of the marine ecosystem. Photograph: Andrew McConnell/Greenpeace";
        assert_eq!(boilerplate(text), [(PhotoCaption, text.to_string())]);
        let text = "Russia shelling east Ukrainian town of Bakhmut - reports Russia has reportedly responded to an earlier Ukrainian strike on the Russian-held town of Nova Kakhovka by shelling the eastern town of Bakhmut in the Donetsk region overnight. According to multiple reports, Bakhmut, Donetsk Oblast, is currently under heavy shelling. pic.twitter.com/dTi0aU2FGi — Oleksiy Sorokin (@mrsorokaa) July 12, 2022";
        assert_eq!(
            boilerplate(text),
            [(PhotoCaption, "pic.twitter.com/dTi0aU2FGi — Oleksiy Sorokin (@mrsorokaa) July 12, 2022".into())]
        );
    }

    #[test]
    fn copyright_lines_are_notices_but_copyright_news_is_body() {
        let text = "Copyright lawyers could clamp down on this sort of thing, says Mike McGuire, an analyst with research firm Gartner. Technically, at least.\n\nCopyright Health Magazine 2009\n\n© 2011 Entertainment Weekly and Time Inc. All rights reserved.";
        assert_eq!(
            boilerplate(text),
            [
                (Notice, "Copyright Health Magazine 2009".into()),
                (Notice, "© 2011 Entertainment Weekly and Time Inc. All rights reserved.".into())
            ]
        );
        assert_eq!(content(text).len(), 1);
    }

    #[test]
    fn tabloid_byline_gives_author_and_time() {
        for text in [
            "By . Sam Webb . PUBLISHED: . 12:01 EST, 3 May 2013 . | . UPDATED: . 12:11 EST, 3 May 2013 . A man was arrested on Friday.",
            "By . Sam Webb . PUBLISHED: . 12:01 EST, 3 May 2013 | A man was arrested on Friday.",
        ] {
            let (_, c) = cleaned(text);
            assert_eq!(c.author.as_deref(), Some("Sam Webb"));
            assert_eq!(c.published.as_deref(), Some("12:01 EST, 3 May 2013"));
            assert_eq!(content(text), ["A man was arrested on Friday."]);
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for text in [
            "",
            "\n\n",
            " date 2021-13-45 x",
            " date 2021-04",
            "’’’ — … “",
            "By ",
            "(CNN)",
            "Read More",
            "An icon of An icon of An icon of",
        ] {
            let (doc, c) = cleaned(text);
            for span in c.content.iter().chain(c.boilerplate.iter().map(|b| &b.span)) {
                assert!(doc.text.get(span.start..span.end).is_some());
            }
        }
        let (_, c) = cleaned(" date 2021-04 Kyiv was quiet.");
        assert_eq!(c.date, Some((PartialDate::month(2021, 4), DateOrigin::Stated)));
    }
}
