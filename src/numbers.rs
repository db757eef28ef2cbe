//! Number mentions: digits, words, vague amounts and qualifiers become count intervals.
//!
//! Every mention becomes a [`Quantity`]: an interval `low..=high` of the counts it
//! allows (`None` = unbounded on that side), whether it is hedged (`approx`), and the
//! qualifier as a normalised keyword. The span covers qualifier and number
//! ("more than 13,000", "between 20 and 30", "tens of thousands").
//!
//! | mention                                          | low  | high | approx | qualifier   |
//! |--------------------------------------------------|------|------|--------|-------------|
//! | `N` ("13,000", "1.2 million", "two", "a dozen")    | N    | N    | no     | -           |
//! | about, around, approximately, roughly, some, (an) estimated, nearly-synonyms of "about", `N or so` | N | N | yes | `about` |
//! | more than, over, above, upwards of, in excess of `N` | N  | -    | no     | `more_than` |
//! | at least, no fewer/less than `N`, `N or more`      | N    | -    | no     | `at_least`  |
//! | almost, nearly, close to, just under `N`           | -    | N    | yes    | `almost`    |
//! | up to, as many as `N`                              | -    | N    | no     | `up_to`     |
//! | fewer than, less than, under, below `N`            | -    | N    | no     | `less_than` |
//! | no more than, at most `N`                          | -    | N    | no     | `at_most`   |
//! | between `X` and `Y`                                | X    | Y    | no     | `between`   |
//! | `X` to `Y`, `X-Y`, from `X` to `Y`                 | X    | Y    | no     | `range`     |
//! | `X` or `Y` ("two or three")                        | X    | Y    | yes    | `range`     |
//!
//! Strict bounds are stored as the stated number ("more than 13,000" has `low` 13000,
//! not 13001); the qualifier keeps the strictness. Vague amounts are approximate
//! intervals: "a handful" 2-5, "dozens" 24-99, "scores of" 40-99, "hundreds" 200-999,
//! "thousands" 2,000-9,999, "millions" 2,000,000-9,999,999, "tens of thousands"
//! 20,000-99,999, "hundreds of thousands" 200,000-999,999; "a few" (2-5) and "several"
//! (3-9) multiply a following hundred/thousand/million/dozen. A qualifier on an interval
//! keeps the side it bounds ("more than a dozen": low 12; "nearly hundreds": high 999).
//!
//! Not counts: years and dates ("in 2014", "April 8", "Feb 1, 2022"), times ("4:17 pm"),
//! ages ("aged 45", "45-year-old", "a 45 year old", "Smith, 45,"), percentages, money
//! ("$5 million", "£3bn", "5 million dollars"), measures and durations ("5 km", "three
//! days"), ordinals ("1st"), decades ("1990s"), fractions and slashed dates ("1/2",
//! "9/11"), list markers ("10. In what ..."), phone numbers, scores ("2-1"), decimals
//! without a scale ("3.5"), identifiers ("G20", "COVID-19", "F-16", "Flight 17") and
//! numbers in names ("the Group of Seven"). Number words are kept conservative: a word
//! number counts only with a qualifier, before a noun (or "were", "died", "of them") or
//! right after a counting verb the claims stage hands over ("killing four": numbers
//! knows no casualty words); "one" only with a qualifier, a scale ("one million") or
//! before a counted noun ("one soldier"), so "one of", "no one" and "one day" are not
//! counts.
//!
//! Word lists and number tables are data under `lexicon/en/numbers/`.

use crate::dates;
use crate::doc::{Doc, Quantity};
use crate::tokens::{self, Token, TokenKind};
use crate::{table, words};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Number words and their values.
static NUMBER_WORDS: LazyLock<Vec<(&str, u64)>> = LazyLock::new(|| values(&table!("en/numbers/number_words.tsv")));

/// Scale words after a number ("1.2 million", "two thousand", "a dozen").
static SCALE_WORDS: LazyLock<Vec<(&str, u64)>> = LazyLock::new(|| values(&table!("en/numbers/scale_words.tsv")));

/// Scale suffixes written onto digits ("100k", "2.5bn", "5m").
static SCALE_SUFFIXES: LazyLock<Vec<(&str, u64)>> = LazyLock::new(|| values(&table!("en/numbers/scale_suffixes.tsv")));

/// A vague amount ("tens of thousands", "scores of"): its words, a word that must follow
/// them, and its interval.
struct VagueAmount {
    words: Vec<&'static str>,
    follower: Option<&'static str>,
    low: u64,
    high: u64,
}

/// Vague amounts, tried in file order.
static VAGUE_AMOUNTS: LazyLock<Vec<VagueAmount>> = LazyLock::new(|| {
    let rows: LazyLock<Vec<(&str, &str)>> = table!("en/numbers/vague_amounts.tsv");
    rows.iter()
        .map(|(words, value)| {
            let mut fields = value.split_whitespace();
            let mut number = || fields.next().and_then(|f| f.parse().ok()).expect("vague amount: low and high counts");
            let (low, high) = (number(), number());
            VagueAmount { words: words.split(' ').collect(), follower: fields.next(), low, high }
        })
        .collect()
});

/// Vague multipliers before a scale word ("several hundred", "a few thousand"): words,
/// low and high multiple.
static VAGUE_MULTIPLIERS: LazyLock<Vec<(Vec<&str>, u64, u64)>> = LazyLock::new(|| {
    let rows: LazyLock<Vec<(&str, &str)>> = table!("en/numbers/vague_multipliers.tsv");
    rows.iter()
        .map(|(words, value)| {
            let (low, high) = value.split_once(' ').expect("vague multiplier: low and high");
            let multiple = |n: &str| n.parse().expect("vague multiplier: a count");
            (words.split(' ').collect(), multiple(low), multiple(high))
        })
        .collect()
});

/// Qualifiers before a number: words, keyword, and which side of the interval it keeps.
static QUALIFIERS: LazyLock<Vec<(Vec<&str>, &str, Bound)>> = LazyLock::new(|| {
    let rows: LazyLock<Vec<(&str, &str)>> = table!("en/numbers/qualifiers.tsv");
    rows.iter()
        .map(|(phrase, keyword)| {
            let bound =
                Bound::of_keyword(keyword).unwrap_or_else(|| panic!("qualifier {phrase:?}: no keyword {keyword:?}"));
            (phrase.split(' ').collect(), *keyword, bound)
        })
        .collect()
});

/// Words after a number that make it a unit, a rate or money rather than a count.
static NOT_COUNTED: LazyLock<Vec<&str>> = words!("en/numbers/not_counted.txt");

/// Currency signs before a number (the values of a name -> sign table).
static CURRENCY_SIGNS: LazyLock<Vec<(&str, &str)>> = table!("en/numbers/currency_signs.tsv");

/// Currency codes before a number ("UAH 300"), with their case.
static CURRENCY_CODES: LazyLock<Vec<&str>> = words!("en/numbers/currency_codes.txt");

/// Words before a number that make it an age.
static AGE_WORDS: LazyLock<Vec<&str>> = words!("en/numbers/age_words.txt");

/// Capitalised words before a number that make it a name or label ("Flight 17").
static LABELS: LazyLock<Vec<&str>> = words!("en/numbers/labels.txt");

/// Words after "N of" that let a word number count ("two of them").
static OF_COUNT_WORDS: LazyLock<Vec<&str>> = words!("en/numbers/of_count_words.txt");

/// Function words: a word number followed by one of these is not counting a noun.
static FUNCTION_WORDS: LazyLock<Vec<&str>> = words!("en/numbers/function_words.txt");

/// Words before "one" that make it a pronoun ("no one", "the one").
static ONE_DETERMINERS: LazyLock<Vec<&str>> = words!("en/numbers/one_determiners.txt");

/// Verbs before a number that make it a phone number ("called 911").
static PHONE_VERBS: LazyLock<Vec<&str>> = words!("en/numbers/phone_verbs.txt");

/// Fraction denominators: a number before one is a fraction ("two thirds").
static FRACTION_WORDS: LazyLock<Vec<&str>> = words!("en/numbers/fraction_words.txt");

/// Ordinal words that make a compound ordinal after a tens word ("seventy fourth").
static ORDINAL_WORDS: LazyLock<Vec<&str>> = words!("en/numbers/ordinal_words.txt");

/// Plural and singular nouns for people counted in news ("people", "soldiers").
static COUNTED_NOUNS: LazyLock<Vec<&str>> = words!("en/numbers/counted_nouns.txt");

/// The value of an ordinal word ("second" is 2), from its place in the ordered list.
pub fn ordinal_value(word: &str) -> Option<u64> {
    ORDINAL_WORDS.iter().position(|w| *w == word).map(|i| i as u64 + 1)
}

/// A table's values read as counts.
///
/// # Panics
/// On a value that is not a count: a lexicon file is source code (a test loads them all).
fn values(rows: &[(&'static str, &'static str)]) -> Vec<(&'static str, u64)> {
    rows.iter()
        .map(|(word, value)| (*word, value.parse().unwrap_or_else(|_| panic!("{word:?}: {value:?} is not a count"))))
        .collect()
}

/// Whether `word` names people that news counts ("people", "soldiers", "Ukrainians").
pub fn is_counted_noun(word: &str) -> bool {
    let lower = word.to_lowercase();
    let nationality_plural = word.starts_with(char::is_uppercase)
        && ["ians", "ans", "is", "ese", "ers"].iter().any(|s| lower.ends_with(s))
        && lower.len() > 4;
    COUNTED_NOUNS.contains(&lower.as_str()) || nationality_plural
}

/// An interval of counts: what one number mention allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// Smallest count allowed; `None` when unbounded below.
    pub low: Option<u64>,
    /// Largest count allowed; `None` when unbounded above.
    pub high: Option<u64>,
    /// Whether the mention is vague or hedged.
    pub approx: bool,
    /// The qualifier keyword ("more_than", "about", "between", ...).
    pub qualifier: Option<&'static str>,
}

/// Which side of the number's interval a qualifier keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    Lower,
    Upper,
    Almost,
    About,
    Between,
}

impl Bound {
    /// The side a qualifier keyword keeps; `None` for a word that is no keyword.
    fn of_keyword(keyword: &str) -> Option<Bound> {
        match keyword {
            "more_than" | "at_least" => Some(Bound::Lower),
            "up_to" | "less_than" | "at_most" => Some(Bound::Upper),
            "almost" => Some(Bound::Almost),
            "about" => Some(Bound::About),
            "between" | "range" => Some(Bound::Between),
            _ => None,
        }
    }
}

static GROUPED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$").expect("valid regex"));
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\+\d{1,3}(?:[ .-]?\(?\d+\)?)+|(?:\(\d{2,4}\)[ .-]?|\b\d{3}[.-])\d{3}[ .-]\d{4}\b|\b\d{3}-\d{4}\b")
        .expect("valid regex")
});

/// Count-like number mentions in the document's sentences, in order.
///
/// `counting_verbs` come from the stage that decides what is counted: a bare word number
/// right after one of them counts on its own ("killing four, officials said").
pub fn quantities(doc: &Doc, counting_verbs: &[&str]) -> Vec<Quantity> {
    let normalized = &doc.normalized;
    let mut out = Vec::new();
    for &sentence in &doc.sentences {
        let start = normalized.from_original(sentence.start);
        let end = normalized.from_original(sentence.end);
        let Some(text) = normalized.text.get(start..end) else { continue };
        let scan = Scan::new(text, doc.tokens.in_sentence(&doc.normalized, sentence), counting_verbs);
        for (range, interval) in scan.mentions() {
            out.push(Quantity {
                span: normalized.span_to_original(start + range.start, start + range.end),
                low: interval.low,
                high: interval.high,
                approx: interval.approx,
                qualifier: interval.qualifier.map(str::to_string),
            });
        }
    }
    out
}

/// Count-like number mentions in one sentence of normalised text, with byte ranges; a
/// bare word number counts only before a noun (no stage's counting verbs).
pub fn find(text: &str) -> Vec<(Range<usize>, Interval)> {
    Scan::new(text, tokens::tokenize(text), &[]).mentions()
}

/// Parses one whole mention ("more than 13,000", "hundreds"), or `None` if `text` is not
/// exactly one count.
pub fn parse(text: &str) -> Option<Interval> {
    match find(text).as_slice() {
        [(range, interval)] if range.start == 0 && range.end == text.trim_end().len() => Some(*interval),
        _ => None,
    }
}

/// A number core: the number itself, before qualifiers and ranges.
#[derive(Debug, Clone, Copy)]
struct Core {
    /// Token index one past the core.
    end: usize,
    low: u64,
    high: u64,
    /// Vague amount ("hundreds").
    vague: bool,
    /// Written in words.
    words: bool,
    /// Scale applied (1 when none).
    scale: u64,
    /// Decimal digits without a scale ("3.5").
    bare_decimal: bool,
}

/// A tokenised sentence and the places where no count can be.
struct Scan<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    blocked: Vec<Range<usize>>,
    /// Verbs after which a bare word number counts.
    counting_verbs: &'a [&'a str],
}

impl<'a> Scan<'a> {
    /// A scan of one sentence's normalised `text`, with its `tokens` (spans in `text`).
    fn new(text: &'a str, tokens: Vec<Token>, counting_verbs: &'a [&'a str]) -> Self {
        let mut blocked: Vec<Range<usize>> =
            dates::find_time_expressions(text, None).into_iter().map(|t| t.range).collect();
        blocked.extend(PHONE.find_iter(text).map(|m| m.range()));
        Scan { text, tokens, blocked, counting_verbs }
    }

    /// Every count-like mention, in order, with its byte range in the text.
    fn mentions(&self) -> Vec<(Range<usize>, Interval)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.tokens.len() {
            match self.mention_at(i) {
                Some((end, interval)) => {
                    if let Some(interval) = interval {
                        out.push((self.tokens[i].norm.start..self.tokens[end - 1].norm.end, interval));
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        let token = self.tokens.get(i)?;
        (token.kind == TokenKind::Word).then(|| &self.text[token.norm.start..token.norm.end])
    }

    fn lower(&self, i: usize) -> Option<String> {
        self.word(i).map(str::to_lowercase)
    }

    fn text_of(&self, i: usize) -> Option<&'a str> {
        self.tokens.get(i).map(|t| &self.text[t.norm.start..t.norm.end])
    }

    fn is(&self, i: usize, s: &str) -> bool {
        self.text_of(i).is_some_and(|t| t.eq_ignore_ascii_case(s))
    }

    /// Whether the tokens from `i` on are `words`.
    fn are(&self, i: usize, words: &[&str]) -> bool {
        words.iter().enumerate().all(|(k, w)| self.is(i + k, w))
    }

    /// Whether token `i` touches the previous one (no space between).
    fn attached(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| !t.space_before) && i > 0
    }

    /// The mention starting at token `i`: `Some((end, None))` when a number there is not
    /// a count (skip it whole), `Some((end, Some(_)))` for a count, `None` for no number.
    fn mention_at(&self, i: usize) -> Option<(usize, Option<Interval>)> {
        let (qualifier, start) = self.qualifier_at(i).map_or((None, i), |(q, n)| (Some(q), i + n));
        let first = self.core_at(start)?;
        let (mut last, mut low, mut high) = (first, first.low, first.high);
        let mut range_kind: Option<(&'static str, bool)> = None;
        if let Some((second, keyword, approx)) = self.range_after(&first, qualifier) {
            if is_year_like(&first) && is_year_like(&second) {
                return Some((second.end, None));
            }
            let low_first = scaled_like(&first, &second);
            if low_first < second.low {
                range_kind = Some((keyword, approx));
                (last, low, high) = (second, low_first, second.high);
            } else if self.is(first.end, "-") {
                return Some((second.end, None));
            }
        }
        if qualifier.is_some_and(|q| q.1 == Bound::Between) && range_kind.is_none() {
            return None;
        }
        let (end, trailing) = self.trailing_qualifier(last.end);
        if !self.is_count(i, start, &first, &last, qualifier.is_some() || trailing.is_some()) {
            return Some((self.partner_end(i, start, &last), None));
        }
        let approx = first.vague || last.vague || range_kind.is_some_and(|r| r.1);
        let interval = match (range_kind, qualifier, trailing) {
            (Some((keyword, _)), q, _) => {
                Interval { low: Some(low), high: Some(high), approx, qualifier: Some(q.map_or(keyword, |q| q.0)) }
            }
            (None, Some((keyword, bound)), _) | (None, None, Some((keyword, bound))) => {
                bounded(low, high, approx, keyword, bound)
            }
            (None, None, None) => Interval { low: Some(low), high: Some(high), approx, qualifier: None },
        };
        Some((end, Some(interval)))
    }

    /// Where a number that is no count ends, with the second number of a pair that the
    /// same prefix governs ("the ages of 16 and 19", "aged 18 to 25").
    fn partner_end(&self, i: usize, start: usize, last: &Core) -> usize {
        let pair = self
            .not_count_before(i, start)
            .then(|| self.range_after(last, Some(("between", Bound::Between))))
            .flatten();
        pair.map_or(last.end, |(second, _, _)| second.end)
    }

    /// The qualifier phrase starting at token `i`, and its length in tokens.
    fn qualifier_at(&self, i: usize) -> Option<((&'static str, Bound), usize)> {
        QUALIFIERS
            .iter()
            .filter(|(words, _, _)| self.are(i, words))
            .map(|(words, keyword, bound)| ((*keyword, *bound), words.len()))
            .max_by_key(|(_, n)| *n)
    }

    /// "or more" / "or so" after a number.
    fn trailing_qualifier(&self, end: usize) -> (usize, Option<(&'static str, Bound)>) {
        if self.is(end, "or") && self.is(end + 1, "more") {
            return (end + 2, Some(("at_least", Bound::Lower)));
        }
        if self.is(end, "or") && self.is(end + 1, "so") {
            return (end + 2, Some(("about", Bound::About)));
        }
        (end, None)
    }

    /// The second number of a range after `first` ("to 30", "-30", "and 30", "or three").
    fn range_after(
        &self,
        first: &Core,
        qualifier: Option<(&'static str, Bound)>,
    ) -> Option<(Core, &'static str, bool)> {
        let between = qualifier.is_some_and(|q| q.1 == Bound::Between);
        let joiner = self.lower(first.end).or_else(|| self.text_of(first.end).map(str::to_string))?;
        let (keyword, approx) = match joiner.as_str() {
            "and" if between => ("between", false),
            "to" | "-" => ("range", false),
            "or" if !between && !self.is(first.end + 1, "more") && !self.is(first.end + 1, "so") => ("range", true),
            _ => return None,
        };
        let second = self.core_at(first.end + 1)?;
        (second.words == first.words || !second.words).then_some((second, keyword, approx))
    }

    /// The number core at token `i`, if one starts there.
    fn core_at(&self, i: usize) -> Option<Core> {
        self.vague_at(i).or_else(|| self.digits_at(i)).or_else(|| self.words_at(i))
    }

    fn vague_at(&self, i: usize) -> Option<Core> {
        for amount in VAGUE_AMOUNTS.iter() {
            let end = i + amount.words.len();
            if self.are(i, &amount.words) && amount.follower.is_none_or(|f| self.is(end, f)) {
                return Some(Core {
                    end,
                    low: amount.low,
                    high: amount.high,
                    vague: true,
                    words: true,
                    scale: 1,
                    bare_decimal: false,
                });
            }
        }
        for (words, low, high) in VAGUE_MULTIPLIERS.iter() {
            let end = i + words.len();
            let scale = self.lower(end).and_then(|w| lookup(&SCALE_WORDS, &w));
            if let (true, Some(scale)) = (self.are(i, words), scale) {
                let top = if scale == 12 { high * scale } else { (high + 1) * scale - 1 };
                return Some(Core {
                    end: end + 1,
                    low: low * scale,
                    high: top,
                    vague: true,
                    words: true,
                    scale,
                    bare_decimal: false,
                });
            }
        }
        None
    }

    fn digits_at(&self, i: usize) -> Option<Core> {
        let token = self.tokens.get(i)?;
        if token.kind != TokenKind::Number {
            return None;
        }
        let raw = &self.text[token.norm.start..token.norm.end];
        if !GROUPED.is_match(raw) {
            return None;
        }
        if raw.len() > 1 && raw.starts_with('0') && !raw.starts_with("0.") {
            return None;
        }
        let mut digits = raw.replace(',', "");
        let mut end = i + 1;
        if !raw.contains([',', '.']) && raw.len() <= 3 {
            while let Some(group) = self.space_group(end) {
                digits.push_str(group);
                end += 1;
            }
            while let Some(group) = self.stray_space_group(end) {
                digits.push_str(group);
                end += 2;
            }
        }
        let value: f64 = digits.parse().ok()?;
        let (scale, end) = self.scale_after(end);
        let decimal = digits.contains('.');
        let count = value * scale as f64;
        if !(0.0..1e15).contains(&count) {
            return None;
        }
        let count = count.round() as u64;
        Some(Core {
            end,
            low: count,
            high: count,
            vague: false,
            words: false,
            scale,
            bare_decimal: decimal && scale == 1,
        })
    }

    /// A 3-digit group after a single space ("14 000").
    fn space_group(&self, i: usize) -> Option<&'a str> {
        let token = self.tokens.get(i)?;
        let raw = &self.text[token.norm.start..token.norm.end];
        let single_space = i > 0 && self.tokens[i - 1].norm.end + 1 == token.norm.start;
        let next_attached = self.tokens.get(i + 1).is_some_and(|n| !n.space_before && n.kind == TokenKind::Number);
        (token.kind == TokenKind::Number
            && raw.len() == 3
            && raw.bytes().all(|b| b.is_ascii_digit())
            && single_space
            && !next_attached)
            .then_some(raw)
    }

    /// A 3-digit group with a leading zero after a comma and a stray space ("25, 000"):
    /// no count starts with 0, so the group continues the number before the comma
    /// ("25, 100" stays two numbers).
    fn stray_space_group(&self, comma: usize) -> Option<&'a str> {
        let token = self.tokens.get(comma)?;
        let is_comma = token.kind == TokenKind::Punct && &self.text[token.norm.start..token.norm.end] == ",";
        let group = self.space_group(comma + 1)?;
        (is_comma && !token.space_before && group.starts_with('0')).then_some(group)
    }

    /// A scale word or suffix at token `i` ("million", "bn"), and the token after it.
    fn scale_after(&self, i: usize) -> (u64, usize) {
        let Some(word) = self.lower(i) else { return (1, i) };
        if self.attached(i) {
            return lookup(&SCALE_SUFFIXES, &word)
                .or_else(|| lookup(&SCALE_WORDS, &word))
                .map_or((1, i), |s| (s, i + 1));
        }
        lookup(&SCALE_WORDS, &word).map_or((1, i), |s| (s, i + 1))
    }

    fn words_at(&self, i: usize) -> Option<Core> {
        let mut j = i;
        let mut total: u64 = 0;
        let mut current: u64 = 0;
        let mut seen = false;
        let mut scale = 1;
        let mut half = false;
        let mut previous: Option<u64> = None;
        if self.is(j, "half") && self.is(j + 1, "a") && self.scale_word(j + 2).is_some() {
            half = true;
            j += 1;
        }
        if (self.is(j, "a") || self.is(j, "an")) && self.scale_word(j + 1).is_some() {
            current = 1;
            seen = true;
            j += 1;
        }
        while let Some(word) = self.lower(j) {
            if let Some(value) = word_value(&word) {
                if previous.is_some_and(|p| !(p >= 20 && p % 10 == 0 && value < 10)) {
                    break;
                }
                previous = Some(value);
                current += value;
            } else if let Some(s) = self.scale_word(j) {
                previous = None;
                if !seen {
                    break;
                }
                scale = scale.max(s);
                if s >= 1_000 {
                    total += current.max(1) * s;
                    current = 0;
                } else {
                    current = current.max(1) * s;
                }
            } else if let Some(s) = self.and_a_half_scale(j).filter(|_| seen) {
                total += current.max(1) * s + s / 2;
                (current, previous, scale) = (0, None, scale.max(s));
                j += 4;
                continue;
            } else if word == "and" && seen && self.lower(j + 1).as_deref().and_then(word_value).is_some() && scale > 1
            {
                j += 1;
                continue;
            } else {
                break;
            }
            seen = true;
            j += 1;
        }
        if !seen {
            return None;
        }
        let mut value = total + current;
        if half {
            value /= 2;
        }
        Some(Core { end: j, low: value, high: value, vague: false, words: true, scale, bare_decimal: false })
    }

    /// The scale of "and a half million" starting at token `i`.
    fn and_a_half_scale(&self, i: usize) -> Option<u64> {
        self.are(i, &["and", "a", "half"]).then(|| self.scale_word(i + 3)).flatten()
    }

    fn scale_word(&self, i: usize) -> Option<u64> {
        self.lower(i).and_then(|w| lookup(&SCALE_WORDS, &w))
    }

    /// Whether the number from token `start` (qualifier at `i`) to `last` is a count.
    fn is_count(&self, i: usize, start: usize, first: &Core, last: &Core, qualified: bool) -> bool {
        let range = self.tokens[start].norm.start..self.tokens[last.end - 1].norm.end;
        if self.blocked.iter().any(|b| b.start < range.end && range.start < b.end)
            || first.bare_decimal
            || last.bare_decimal
        {
            return false;
        }
        if self.not_count_before(i, start) || self.not_count_after(last.end) || self.is_age(start, last) {
            return false;
        }
        if !first.words {
            return true;
        }
        let capitalized = self.word(start).is_some_and(|w| w.starts_with(char::is_uppercase));
        if capitalized && !self.starts_sentence(start) {
            return false;
        }
        if first.vague || qualified || first.scale > 1 {
            return true;
        }
        if first.low == 1 && first.end == last.end {
            return self.counted_noun_near(last.end) && !self.after_determiner(i);
        }
        self.noun_follows(last.end) || self.after_counting_verb(i)
    }

    /// Whether a counting verb comes right before token `i` ("killing four, officials
    /// said"): a word number there counts people even without a noun.
    fn after_counting_verb(&self, i: usize) -> bool {
        let previous = i.checked_sub(1).and_then(|p| self.lower(p));
        previous.is_some_and(|w| self.counting_verbs.contains(&w.as_str()))
    }

    /// Whether token `i` begins the sentence or a part of it (after punctuation:
    /// quotes, brackets, "--").
    fn starts_sentence(&self, i: usize) -> bool {
        i == 0 || self.tokens[i - 1].kind == TokenKind::Punct
    }

    fn not_count_before(&self, i: usize, start: usize) -> bool {
        let before_qualifier = i.checked_sub(1).and_then(|p| self.lower(p));
        if before_qualifier.is_some_and(|w| AGE_WORDS.contains(&w.as_str())) {
            return true;
        }
        let Some(p) = start.checked_sub(1) else { return false };
        if self.is(p, "of")
            && p > 0
            && (self.word(p - 1) == Some("Group") || self.lower(p - 1).is_some_and(|w| AGE_WORDS.contains(&w.as_str())))
        {
            return true;
        }
        let previous = self.text_of(p).unwrap_or("");
        if CURRENCY_SIGNS.iter().any(|(_, sign)| *sign == previous)
            || ([":", "/"].contains(&previous) && self.attached(start))
        {
            return true;
        }
        if self.tokens[p].kind == TokenKind::Word && self.attached(start) {
            return true;
        }
        if previous == "-"
            && self.attached(start)
            && p > 0
            && self.attached(p)
            && self.tokens[p - 1].kind == TokenKind::Word
        {
            return true;
        }
        if previous == "." && p > 0 && self.word(p - 1).is_some_and(|w| LABELS.contains(&w)) {
            return true;
        }
        let word = self.word(p).unwrap_or("");
        let lower = word.to_lowercase();
        LABELS.contains(&word)
            || AGE_WORDS.contains(&lower.as_str())
            || PHONE_VERBS.contains(&lower.as_str())
            || self.is_currency_code(p)
    }

    fn is_currency_code(&self, p: usize) -> bool {
        self.word(p).is_some_and(|w| CURRENCY_CODES.contains(&w))
    }

    fn not_count_after(&self, end: usize) -> bool {
        let Some(next) = self.tokens.get(end) else { return false };
        let text = &self.text[next.norm.start..next.norm.end];
        let attached = !next.space_before;
        match next.kind {
            TokenKind::Word if attached => true,
            TokenKind::Word => {
                let lower = text.to_lowercase();
                NOT_COUNTED.contains(&lower.as_str())
                    || FRACTION_WORDS.contains(&lower.as_str())
                    || (ORDINAL_WORDS.contains(&lower.as_str()) && self.ends_on_tens_word(end))
                    || lower.ends_with("-old")
                    || lower.starts_with("year")
                    || (lower == "of" && self.lower(end + 1).is_some_and(|w| NOT_COUNTED.contains(&w.as_str())))
                    || (lower == "a" && self.is(end + 1, ".") && self.is(end + 2, "m"))
                    || (lower == "p" && self.is(end + 1, ".") && self.is(end + 2, "m"))
            }
            TokenKind::Punct if text == "%" => true,
            TokenKind::Number => self.text_of(end + 1) == Some("/") && self.attached(end + 1),
            TokenKind::Punct if text == "/" => {
                self.tokens.get(end + 1).is_some_and(|t| t.kind == TokenKind::Number && !t.space_before)
            }
            TokenKind::Punct if text == "." && attached => end == 1,
            TokenKind::Punct if text == ":" => {
                self.tokens.get(end + 1).is_some_and(|t| t.kind == TokenKind::Number && !t.space_before)
            }
            TokenKind::Punct if text == "-" && attached => self
                .word(end + 1)
                .is_some_and(|w| self.attached(end + 1) && !["strong", "plus"].contains(&w.to_lowercase().as_str())),
            _ => false,
        }
    }

    /// Whether the token before `end` is a tens word ("seventy"): an ordinal after it
    /// makes a compound ordinal.
    fn ends_on_tens_word(&self, end: usize) -> bool {
        let tens = end.checked_sub(1).and_then(|k| self.lower(k)).and_then(|w| lookup(&NUMBER_WORDS, &w));
        tens.is_some_and(|t| t >= 20 && t % 10 == 0)
    }

    fn after_age(&self, k: usize) -> Option<usize> {
        after_age(self.text, &self.tokens, k)
    }

    /// "Smith, 45," or "Smith (45)": an age after a name.
    fn is_age(&self, start: usize, last: &Core) -> bool {
        if last.words || last.low > 120 || start < 2 {
            return false;
        }
        let open = self.text_of(start - 1).unwrap_or("");
        let name = self.word(start - 2).is_some_and(|w| w.starts_with(char::is_uppercase));
        let close = self.text_of(last.end).unwrap_or("");
        name && ((open == "," && [",", ".", ";", "-", ")"].contains(&close)) || (open == "(" && close == ")"))
    }

    /// Whether a counted noun ("soldier", "people") follows, after up to two modifiers.
    fn counted_noun_near(&self, end: usize) -> bool {
        let end = self.after_age(end).unwrap_or(end);
        (end..end + 3)
            .map_while(|k| self.word(k))
            .take_while(|w| !FUNCTION_WORDS.contains(&w.to_lowercase().as_str()))
            .any(is_counted_noun)
    }

    /// Whether a noun-like word follows a word number ("two Ukrainian soldiers").
    fn noun_follows(&self, end: usize) -> bool {
        let end = self.after_age(end).unwrap_or(end);
        let Some(next) = self.lower(end) else { return false };
        if next == "of" {
            return self.lower(end + 1).is_some_and(|w| OF_COUNT_WORDS.contains(&w.as_str()));
        }
        !FUNCTION_WORDS.contains(&next.as_str())
    }

    /// "no one", "the one", "any one": "one" after a determiner.
    fn after_determiner(&self, i: usize) -> bool {
        let previous = i.checked_sub(1).and_then(|p| self.lower(p));
        previous.is_some_and(|w| ONE_DETERMINERS.contains(&w.as_str()))
    }
}

/// The token after an age written between a number and its noun ("15-year-old", "16
/// year old"), when one starts at token `k` of `tokens` (of `text`).
pub(crate) fn after_age(text: &str, tokens: &[Token], k: usize) -> Option<usize> {
    let is = |j: usize, s: &str| tokens.get(j).is_some_and(|t| text[t.norm.start..t.norm.end].eq_ignore_ascii_case(s));
    tokens.get(k).filter(|t| t.kind == TokenKind::Number)?;
    let mut j = k + 1;
    if is(j, "-") {
        j += 1;
    }
    let word = tokens.get(j).map(|t| text[t.norm.start..t.norm.end].to_lowercase())?;
    match word.as_str() {
        "year-old" | "years-old" => Some(j + 1),
        "year" | "years" if is(j + 1, "old") => Some(j + 2),
        "year" | "years" if is(j + 1, "-") && is(j + 2, "old") => Some(j + 3),
        _ => None,
    }
}

/// The value of `word` in a table of counts.
fn lookup(table: &[(&str, u64)], word: &str) -> Option<u64> {
    table.iter().find(|(w, _)| *w == word).map(|(_, v)| *v)
}

/// The value of a number word, including hyphenated ones ("twenty-five").
fn word_value(word: &str) -> Option<u64> {
    match word.split_once('-') {
        Some((tens, unit)) => {
            let tens = lookup(&NUMBER_WORDS, tens).filter(|t| *t >= 20 && t % 10 == 0)?;
            Some(tens + lookup(&NUMBER_WORDS, unit).filter(|u| (1..10).contains(u))?)
        }
        None => lookup(&NUMBER_WORDS, word),
    }
}

/// Whether a core could be a year (a plain number 1900-2099).
fn is_year_like(core: &Core) -> bool {
    !core.words && core.scale == 1 && (1900..=2099).contains(&core.low)
}

/// The first number of a range, scaled like the second when it has no scale of its own
/// ("between 2 and 3 million").
fn scaled_like(first: &Core, second: &Core) -> u64 {
    let scaled = first.low.saturating_mul(second.scale);
    if first.scale == 1 && second.scale > 1 && !first.vague && scaled <= second.low {
        scaled
    } else {
        first.low
    }
}

/// The interval a one-sided or hedging qualifier makes of `low..=high`.
fn bounded(low: u64, high: u64, approx: bool, keyword: &'static str, bound: Bound) -> Interval {
    let qualifier = Some(keyword);
    match bound {
        Bound::Lower => Interval { low: Some(low), high: None, approx, qualifier },
        Bound::Upper => Interval { low: None, high: Some(high), approx, qualifier },
        Bound::Almost => Interval { low: None, high: Some(high), approx: true, qualifier },
        Bound::About | Bound::Between => Interval { low: Some(low), high: Some(high), approx: true, qualifier },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Meta, Span};

    type Found<'a> = (&'a str, Option<u64>, Option<u64>, bool, Option<&'static str>);

    fn found(text: &str) -> Vec<Found<'_>> {
        find(text).into_iter().map(|(r, i)| (&text[r], i.low, i.high, i.approx, i.qualifier)).collect()
    }

    #[test]
    fn seed_000_more_than_and_number_words() {
        let text =
            "The conflict has killed more than 13,000 people and displaced more than one million since April 2014.";
        assert_eq!(
            found(text),
            vec![
                ("more than 13,000", Some(13_000), None, false, Some("more_than")),
                ("more than one million", Some(1_000_000), None, false, Some("more_than")),
            ]
        );
    }

    #[test]
    fn seed_002_almost_and_exact_words() {
        let text = "Ukraine's President Volodymyr Zelenskiy said that there are almost 100,000 Russian soldiers near the Ukrainian border";
        assert_eq!(found(text), vec![("almost 100,000", None, Some(100_000), true, Some("almost"))]);
        let text =
            "Kiev said two Ukrainian soldiers were killed by an explosive device in the east of the country on Friday";
        assert_eq!(found(text), vec![("two", Some(2), Some(2), false, None)]);
        let text = "which, according to Kiev, it has caused the death of 14,000 people.";
        assert_eq!(found(text), vec![("14,000", Some(14_000), Some(14_000), false, None)]);
    }

    #[test]
    fn seed_000_at_least_is_a_lower_bound() {
        let text = "Russia annexed Crimea in March 2014, sending troops and holding a referendum denounced as illegitimate by at least 100 countries.";
        assert_eq!(found(text), vec![("at least 100", Some(100), None, false, Some("at_least"))]);
    }

    #[test]
    fn dates_times_and_identifiers_are_not_counts() {
        for text in [
            "US President Joe Biden meets with his French counterpart Emmanuel Macron before the G20 summit in Rome-Italy, October 29, 2021.",
            "Members of the State Border Guard Service of Ukraine line up on the border with Belarus in the Volyn region, Ukraine November 11, 2021",
            "December 2, 2021, 4:17 pm",
            "Updated: February 1st 2022, 3:55 PM",
            "Feb 1, 2022",
            "Zelenskiy, who visited Ukrainian troops in the Donbass region on April 8, said Kiev and Ankara share the same views",
            "Russia and Ukraine have been at odds since Russia annexed Crimea in 2014 following the ousting",
            "COVID-19 and F-16 jets and Flight MH17 and Flight 17 and the Group of Seven and the Group of 20",
            "the 1990s, the 1st battalion, a 3.5 rating, call 555-1234 or (202) 555-0199",
            "Sakali Mansion Luxury Guesthouse, Pinakates, Pelion; +30 6932 429150/+30 24230 86560/+30 210 9657584; winter prices from $125",
            "10. In what European nation would you find Verviers, where officials say a police raid prevented an attack?",
            "The incident occurred on the 11th anniversary of the 9/11 attacks",
            "Built in 1870 on the small bay of Gerolimenas to give the area a commercial boost",
        ] {
            assert_eq!(found(text), vec![], "{text}");
        }
    }

    #[test]
    fn ages_percentages_and_money_are_not_counts() {
        for text in [
            "A 45-year-old man and a 45 year old woman, aged 45, were hurt.",
            "John Smith, 45, said he saw it.",
            "Terrance Aeriel, 18, Dashon Harvey, 20; and Iofemi Hightower, 20 -- were forced to kneel",
            "To this day, I can remember at the age of 8 dropping the needle on the disc",
            "Yanni insisted she would run it within the 6 1/2 hour limit.",
            "Turnout was 5% or 5 percent or 5 per cent.",
            "It costs $5 million, £3bn or 5 million dollars, and millions of dollars.",
            "The convoy stretched 40 km over three days.",
            "Chelsea won 2-1 at home.",
        ] {
            assert_eq!(found(text), vec![], "{text}");
        }
    }

    #[test]
    fn units_fractions_ordinals_and_age_ranges_are_not_counts() {
        for text in [
            "She took 50 mg twice, waited 3 hrs and ran a 12 watts lamp for 45 mins.",
            "Two thirds of them and three quarters of the rest agreed.",
            "It was the seventy fourth day and the twenty first time.",
            "Four teens between the ages of 16 and 19 had gathered.",
            "Residents aged 18 to 25 and ages 30-40 were asked.",
            "The 3D model runs on 4G and 5x zoom.",
            "Her mother called 911 and later dialed 311 after a neighbor's 911 call.",
        ] {
            let counts: Vec<_> = found(text).into_iter().filter(|f| !["Four"].contains(&f.0)).collect();
            assert_eq!(counts, vec![], "{text}");
        }
    }

    #[test]
    fn indian_scales_and_half_scales_are_counts() {
        let count = |n| Some(Interval { low: Some(n), high: Some(n), approx: false, qualifier: None });
        assert_eq!(parse("2.5 lakh"), count(250_000));
        assert_eq!(parse("3 crore"), count(30_000_000));
        assert_eq!(parse("one and a half million"), count(1_500_000));
        assert_eq!(parse("two and a half thousand"), count(2_500));
        assert_eq!(parse("1.5 lakh"), count(150_000));
        assert_eq!(parse("two dozen"), count(24));
        assert_eq!(parse("half a dozen"), count(6));
    }

    #[test]
    fn a_stray_space_in_a_thousands_group_joins_and_leading_zeros_are_no_count() {
        let count = |n| Some(Interval { low: Some(n), high: Some(n), approx: false, qualifier: None });
        assert_eq!(parse("25, 000"), count(25_000));
        assert_eq!(parse("1, 200, 000"), None);
        assert_eq!(parse("3, 050"), count(3_050));
        let texts: Vec<_> = found("Nearly 12, 000 people and 3, 400 families fled.").into_iter().map(|f| f.0).collect();
        assert_eq!(texts, ["Nearly 12, 000", "3", "400"]);
        assert_eq!(
            found("Agent 007 killed 25, 100 people.").into_iter().map(|f| f.0).collect::<Vec<_>>(),
            ["25", "100"]
        );
    }

    #[test]
    fn an_age_between_number_and_noun_keeps_the_count() {
        let text = "Two 15-year-old students and three 16 year old boys were hurt.";
        let counts: Vec<_> = found(text).into_iter().map(|f| (f.0, f.1)).collect();
        assert_eq!(counts, vec![("Two", Some(2)), ("three", Some(3))]);
    }

    #[test]
    fn pronoun_one_is_not_a_count() {
        for text in ["One of the soldiers said no one was hurt.", "One day the one thing changed."] {
            assert_eq!(found(text), vec![], "{text}");
        }
        assert_eq!(found("one soldier was killed"), vec![("one", Some(1), Some(1), false, None)]);
    }

    #[test]
    fn vague_amounts_and_ranges() {
        assert_eq!(
            parse("tens of thousands"),
            Some(Interval { low: Some(20_000), high: Some(99_999), approx: true, qualifier: None })
        );
        assert_eq!(
            parse("hundreds"),
            Some(Interval { low: Some(200), high: Some(999), approx: true, qualifier: None })
        );
        assert_eq!(parse("a dozen"), Some(Interval { low: Some(12), high: Some(12), approx: false, qualifier: None }));
        assert_eq!(
            parse("half a million"),
            Some(Interval { low: Some(500_000), high: Some(500_000), approx: false, qualifier: None })
        );
        assert_eq!(
            parse("between 2 and 3 million"),
            Some(Interval { low: Some(2_000_000), high: Some(3_000_000), approx: false, qualifier: Some("between") })
        );
        assert_eq!(
            parse("20-30"),
            Some(Interval { low: Some(20), high: Some(30), approx: false, qualifier: Some("range") })
        );
        assert_eq!(
            parse("2.5bn"),
            Some(Interval { low: Some(2_500_000_000), high: Some(2_500_000_000), approx: false, qualifier: None })
        );
        assert_eq!(
            parse("100k"),
            Some(Interval { low: Some(100_000), high: Some(100_000), approx: false, qualifier: None })
        );
        assert_eq!(
            parse("14 000"),
            Some(Interval { low: Some(14_000), high: Some(14_000), approx: false, qualifier: None })
        );
        assert_eq!(
            parse("an estimated 1.2 million"),
            Some(Interval { low: Some(1_200_000), high: Some(1_200_000), approx: true, qualifier: Some("about") })
        );
        assert_eq!(
            parse("up to 300"),
            Some(Interval { low: None, high: Some(300), approx: false, qualifier: Some("up_to") })
        );
        assert_eq!(
            parse("several hundred"),
            Some(Interval { low: Some(300), high: Some(999), approx: true, qualifier: None })
        );
        assert_eq!(
            parse("one hundred and fifty"),
            Some(Interval { low: Some(150), high: Some(150), approx: false, qualifier: None })
        );
        assert_eq!(parse("twenty-five"), None, "a word number alone counts nothing");
    }

    #[test]
    fn quantities_map_to_original_offsets() {
        let text = "About 14\u{a0}000 people \u{2013} and 1\u{2009}000 more \u{2013} fled.";
        let mut doc = Doc::new(text.to_string(), Meta::default());
        doc.sentences = vec![Span::new(0, doc.text.len())];
        doc.tokens = tokens::Tokens::new(&doc.normalized);
        let quantities = quantities(&doc, &[]);
        let spans: Vec<&str> = quantities.iter().map(|q| doc.slice(q.span)).collect();
        assert_eq!(spans, vec!["About 14\u{a0}000", "1\u{2009}000"]);
        assert_eq!(quantities[0].qualifier.as_deref(), Some("about"));
    }

    #[test]
    fn lexicons_parse_into_their_types() {
        assert_eq!(lookup(&NUMBER_WORDS, "ninety"), Some(90));
        assert_eq!(lookup(&SCALE_SUFFIXES, "bn"), Some(1_000_000_000));
        assert!(VAGUE_AMOUNTS.iter().any(|a| a.words == ["scores"] && a.follower == Some("of")));
        assert_eq!(VAGUE_MULTIPLIERS.len(), 2);
        assert!(QUALIFIERS.iter().any(|(words, keyword, bound)| words == &["in", "excess", "of"]
            && *keyword == "more_than"
            && *bound == Bound::Lower));
        assert_eq!(Bound::of_keyword("more than"), None, "a keyword is written with an underscore");
        assert!(CURRENCY_SIGNS.iter().any(|(_, sign)| *sign == "#"));
    }

    #[test]
    fn a_bare_word_number_counts_after_a_counting_verb_only_when_given_one() {
        let text = "Explosions hit the city, killing four, officials said.";
        assert_eq!(found(text), vec![]);
        let counted: Vec<_> = Scan::new(text, tokens::tokenize(text), &["killing"])
            .mentions()
            .into_iter()
            .map(|(r, _)| &text[r])
            .collect();
        assert_eq!(counted, ["four"]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in
            ["", "1", "more than", "between 5 and", "é 100 ß", "99999999999999999999 people", "half a", "a", "- 5 -"]
        {
            let _ = find(text);
        }
    }
}
