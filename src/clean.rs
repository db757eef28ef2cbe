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
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Whole lines that are site navigation, lower-cased.
const NAVIGATION_LINES: &[&str] = &[
    "read more",
    "editor's picks",
    "newsletters",
    "more from the national",
    "story video icon",
    "advertisement",
    "related",
    "related articles",
    "related stories",
    "most popular",
    "most read",
    "trending",
    "share this article",
    "share",
    "skip to content",
];

/// Line prefixes of navigation and teaser lines, lower-cased.
const NAVIGATION_PREFIXES: &[&str] = &[
    "an image that illustrates this article",
    "read more:",
    "read more about",
    "click here",
    "watch:",
    "photos:",
    "video:",
    "related:",
    "see also:",
    "sign up to",
    "sign up for",
    "follow us",
    "follow @",
];

/// Line prefixes of editorial notices, lower-cased.
const NOTICE_PREFIXES: &[&str] = &[
    "updated:",
    "updated at",
    "last updated",
    "this is a developing story",
    "this story is developing",
    "this story has been updated",
    "this article has been updated",
    "breaking news:",
    "editor's note:",
    "the opinions expressed in this commentary",
    "the views expressed",
    "entire contents of this article copyright",
    "copyright",
    "(c)",
    "©",
];

/// Line fragments that credit reporters ("CNN's X contributed to this report."), lower-cased.
const CREDIT_MARKERS: &[&str] = &[
    "contributed to this report",
    "contributed reporting",
    "contributed to this story",
    "with reuters reports",
    "with afp reports",
    "with ap reports",
    "additional reporting by",
    "reporting by",
    "editing by",
    "writing by",
];

/// Month names and abbreviations as one regex alternation.
const MONTHS: &str = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

/// A leading ` date YYYY-MM(-DD)` marker.
static DATE_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*date (\d{4}-\d{2}(?:-\d{2})?)(?:\s+|$)").unwrap());

/// One item of an icon caption run ("Camera An icon of a digital camera.").
static ICON_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bAn? icon (?:of|representing|that|used|displaying)\b|\bicon that is used\b|\bAn explanation mark\b").unwrap()
});

/// A dateline opening the first paragraph: "LONDON, England (CNN) -- ", "(CNN)", "KYIV, Ukraine - ".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:[A-Z][\w.'-]*(?:,? [A-Z][\w.'-]*){0,4} )?(?:\(CNN[^()]{0,30}\) ?(?:--? ?)?|\([A-Z][\w.&' ]{1,30}\) ?-- ?)|[A-Z][A-Z.'-]{2,}(?: [A-Z][A-Z.'-]+){0,2}(?:, [A-Z][a-zA-Z.]+(?: [A-Z][a-zA-Z.]+){0,2})? --? )",
    )
    .unwrap()
});

/// A tabloid byline block: "By . Name . PUBLISHED: . 12:01 EST, 3 May 2013 . | . UPDATED: . ... . ".
static TABLOID_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^By \. (?P<author>[^.|]{2,80}?) \. (?:PUBLISHED: \. (?P<published>[^.|]{4,40}?) \. ?(?:\| \. UPDATED: \. [^.|]{4,40}? \. ?)?)?")
        .unwrap()
});

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
static ENDS_WITH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:{MONTHS} \d{{1,2}},? \d{{4}}|\d{{1,2}} {MONTHS},? \d{{4}})$")).unwrap()
});

/// Photo credits ending a line: "(Stefan Rousseau/PA)", "(Image: AP)", "2021. REUTERS / Kevin Lamarque", "month. AP".
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:\((?:Image|Photo|Picture|Photograph|Credit)s?: [^()]{1,60}\)|\([A-Z][^()]{1,40}/ ?[A-Z][^()]{1,30}\)|(?:^|[.\d] )(?:AP|AFP|REUTERS|Reuters|EPA|PA|Getty Images|Bloomberg|Shutterstock)(?: ?/ ?[A-Z][A-Za-z.' -]{1,40})?|(?:Photograph|Photo|Image|Picture|Credit): [^.]{2,60})$",
    )
    .unwrap()
});

/// A line of run-together tags ("RussiaUSUkraineDiplomacy").
static TAG_RUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[A-Z][a-z]+|[A-Z]{2,}){3,}[a-z]$").unwrap());

/// Most words a headline, masthead or trailing caption fragment may have.
const HEADLINE_MAX_WORDS: usize = 30;
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
}

/// Splits the text into content and boilerplate spans and finds its metadata.
pub fn clean(doc: &Doc) -> Cleaning {
    let text = doc.normalized.text.as_str();
    let mut found = Found::default();
    let mut pieces = split_pieces(text, &mut found);
    classify_lines(text, &mut pieces, &mut found);
    mark_context(text, &mut pieces);
    assemble(doc, &pieces, &found)
}

/// Cuts the text into trimmed non-empty lines and peels boilerplate parts off them.
fn split_pieces(text: &str, found: &mut Found) -> Vec<Piece> {
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

/// Classifies each unclassified piece on its own text, splitting off datelines and tabloid bylines.
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
        if let Some(kind) = line_kind(line) {
            record_meta(line, piece.start, kind, found);
            out.push(Piece { kind: Some(kind), ..piece });
            continue;
        }
        content_lines += 1;
        if let Some(rest) = split_prefix(text, piece, content_lines <= DATELINE_LINES, found, &mut out) {
            out.push(rest);
        }
    }
    *pieces = out;
}

/// Peels a tabloid byline or (near the top, when `dateline` allows) a dateline off a content line.
fn split_prefix(text: &str, piece: Piece, dateline: bool, found: &mut Found, out: &mut Vec<Piece>) -> Option<Piece> {
    let line = &text[piece.start..piece.end];
    let (end, kind) = if let Some(caps) = TABLOID_BYLINE.captures(line) {
        let author = caps.name("author").unwrap();
        found.author.get_or_insert((piece.start + author.start(), piece.start + author.end()));
        if let Some(p) = caps.name("published") {
            found.published.get_or_insert((piece.start + p.start(), piece.start + p.end()));
        }
        (caps.get(0).unwrap().end(), BoilerplateKind::Byline)
    } else if let Some(m) = DATELINE.find(line).filter(|_| dateline) {
        (m.end(), BoilerplateKind::Timestamp)
    } else {
        return Some(piece);
    };
    push_trimmed(text, piece.start, piece.start + end, Some(kind), out);
    let rest_start = piece.start + end;
    let mut rest = Vec::new();
    push_trimmed(text, rest_start, piece.end, None, &mut rest);
    let rest = rest.pop()?;
    let rest_line = &text[rest.start..rest.end];
    match line_kind(rest_line) {
        Some(kind) => {
            record_meta(rest_line, rest.start, kind, found);
            Some(Piece { kind: Some(kind), ..rest })
        }
        None => Some(rest),
    }
}

/// Remembers the author of a byline and the first timestamp.
fn record_meta(line: &str, start: usize, kind: BoilerplateKind, found: &mut Found) {
    match kind {
        BoilerplateKind::Byline => {
            if let Some(m) = BYLINE.captures(line).and_then(|c| c.name("author")) {
                found.author.get_or_insert((start + m.start(), start + m.end()));
            }
        }
        BoilerplateKind::Timestamp => {
            found.published.get_or_insert((start, start + line.len()));
        }
        _ => {}
    }
}

/// The boilerplate kind of a line judged on its own text, if any.
fn line_kind(line: &str) -> Option<BoilerplateKind> {
    let lower = line.to_lowercase();
    let lower = lower.trim_end_matches(['.', ':', ' ']);
    if NAVIGATION_LINES.contains(&lower) || starts_with_any(lower, NAVIGATION_PREFIXES) || TAG_RUN.is_match(line) {
        Some(BoilerplateKind::Navigation)
    } else if starts_with_any(lower, NOTICE_PREFIXES) || lower.ends_with("all rights reserved") {
        Some(BoilerplateKind::Notice)
    } else if BYLINE.is_match(line) || is_credit(lower) {
        Some(BoilerplateKind::Byline)
    } else if TIMESTAMP.is_match(line) {
        Some(BoilerplateKind::Timestamp)
    } else if PHOTO_CREDIT.is_match(line) || is_dated_caption(line) {
        Some(BoilerplateKind::PhotoCaption)
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
    word_count(lower) <= 40 && CREDIT_MARKERS.iter().any(|m| lower.contains(m))
}

/// A caption line: several words, no final stop, ending in a full date.
fn is_dated_caption(line: &str) -> bool {
    !ends_with_stop(line) && word_count(line) >= 4 && ENDS_WITH_DATE.is_match(line)
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
        if next_is_time && pieces[i].kind.is_none() && !ends_with_stop(l) && word_count(l) <= MASTHEAD_MAX_WORDS {
            pieces[i].kind = Some(BoilerplateKind::Masthead);
        }
    }
    mark_headline(text, pieces);
    mark_trailing_fragments(text, pieces);
}

/// The first content line is the headline when it has no final stop and body follows.
fn mark_headline(text: &str, pieces: &mut [Piece]) {
    let Some(first) = pieces.iter().position(|p| p.kind.is_none()) else { return };
    let l = &text[pieces[first].start..pieces[first].end];
    let body_follows = pieces[first + 1..].iter().any(|p| p.kind.is_none() && ends_with_stop(&text[p.start..p.end]));
    if body_follows && !ends_with_stop(l) && word_count(l) <= HEADLINE_MAX_WORDS && !l.ends_with(':') {
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
