//! Date expressions: absolute dates in text ("November 11, 2021", "April 2014", "2014")
//! and the time expressions claims are scoped by ("since April 2014", "on Friday").
//!
//! [`find_dates`] returns only dates that carry their own year; [`find_time_expressions`]
//! also returns dates that need an anchor (the document date) to be resolved:
//!
//! - "April 8", "8 April": the year that puts the day nearest the anchor;
//! - "in March": the month nearest the anchor;
//! - "Friday", "on Friday": the latest Friday on or before the anchor ("last Friday":
//!   strictly before);
//! - "yesterday", "today", "this week/month/year", "last week/month/year",
//!   "earlier this month", "the past 24 hours", "the last three months".
//!
//! The word before a date sets the period: "since X" is `from X`, open ended; "until X",
//! "by X" are `to X`; "between X and Y" and "from X to Y" are `from X to Y`; any other
//! date ("in 2014", "on April 8") is `from X to X`.
//!
//! A bare number 1900-2099 is a year unless it reads as a count: grouped ("2,014"),
//! after a qualifier ("more than 2000") or before a counted noun ("2000 troops"), but
//! always after a preposition or "the" ("in 2014", "the 1989 deaths"). A number 1000-1899 is a year only after a preposition ("built in 1870").
//!
//! Month and weekday names, openers and small number words are data under
//! `lexicon/en/dates/`.

use crate::doc::PartialDate;
use crate::numbers;
use crate::{table, words};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Month names and abbreviations as news text writes them (capitalised), with numbers.
static MONTHS: LazyLock<Vec<(&str, u32)>> = LazyLock::new(|| {
    let rows: LazyLock<Vec<(&str, &str)>> = table!("en/dates/months.tsv");
    rows.iter().map(|(name, number)| (*name, number.parse().expect("a month number"))).collect()
});

/// Weekday names as news text writes them (capitalised), with their day.
static WEEKDAYS: LazyLock<Vec<(&str, Weekday)>> = LazyLock::new(|| {
    let names: LazyLock<Vec<&str>> = words!("en/dates/weekdays.txt");
    names.iter().map(|name| (*name, name.parse().expect("a weekday name"))).collect()
});

/// Whether a word is a month or weekday name as news text writes it ("Monday", "Jan").
pub fn is_calendar_name(word: &str) -> bool {
    MONTHS.iter().any(|(name, _)| *name == word) || WEEKDAYS.iter().any(|(name, _)| *name == word)
}

/// Words before a date that make it a time expression, and the period they give it.
static OPENERS: LazyLock<Vec<(&str, Opener)>> = LazyLock::new(|| {
    let rows: LazyLock<Vec<(&str, &str)>> = table!("en/dates/openers.tsv");
    rows.iter().map(|(word, opener)| (*word, opener.parse().unwrap_or_else(|e| panic!("{word:?}: {e}")))).collect()
});

/// Words that, just before a bare year, make it a count ("more than 2000").
static COUNT_QUALIFIERS: LazyLock<Vec<&str>> = words!("en/dates/count_qualifiers.txt");

/// Words right before a bare 4-digit number that make it a year ("in 2014", "the 1989 deaths").
static YEAR_PREPOSITIONS: LazyLock<Vec<&str>> = words!("en/dates/year_prepositions.txt");

/// Words right after a bare 4-digit number that make it an address ("the 1900 block").
static NOT_YEAR_FOLLOWERS: LazyLock<Vec<&str>> = words!("en/dates/not_year_followers.txt");

/// Number words for "the past three days".
static SMALL_NUMBERS: LazyLock<Vec<(&str, i64)>> = LazyLock::new(|| {
    let rows: LazyLock<Vec<(&str, &str)>> = table!("en/dates/small_numbers.tsv");
    rows.iter().map(|(word, value)| (*word, value.parse().expect("a small number"))).collect()
});

/// The first and last date of a period, when known.
type Period = (Option<PartialDate>, Option<PartialDate>);

/// How an opener word scopes the date after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    Since,
    Until,
    Between,
    At,
}

impl std::str::FromStr for Opener {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "since" => Ok(Opener::Since),
            "until" => Ok(Opener::Until),
            "between" => Ok(Opener::Between),
            "at" => Ok(Opener::At),
            _ => Err(format!("no opener {name:?} (since, until, between, at)")),
        }
    }
}

/// A time expression with the period it denotes, when resolvable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpr {
    /// Byte range in the searched text, including the opener ("since April 2014").
    pub range: Range<usize>,
    /// Start of the period.
    pub from: Option<PartialDate>,
    /// End of the period.
    pub to: Option<PartialDate>,
}

/// What a date mention says before anchoring.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mention {
    Absolute(PartialDate),
    MonthDay(u32, u32),
    Month(u32),
    Weekday(Weekday),
    Relative(Relative),
}

/// Dates relative to the anchor.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Relative {
    DaysAgo(i64),
    LastWeekday(Weekday),
    ThisWeek,
    LastWeek,
    ThisMonth,
    LastMonth,
    ThisYear,
    LastYear,
    PastDays(i64),
    PastMonths(i64),
    PastYears(i64),
}

fn month_alternation() -> String {
    let mut names: Vec<&str> = MONTHS.iter().map(|(n, _)| *n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.join("|")
}

static ISO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("valid regex"));
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    let m = month_alternation();
    Regex::new(&format!(r"\b({m})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?")).expect("valid regex")
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    let m = month_alternation();
    Regex::new(&format!(r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({m})\b\.?(?:,?\s+(\d{{4}})\b)?"))
        .expect("valid regex")
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let m = month_alternation();
    Regex::new(&format!(r"\b({m})\.?,?\s+(\d{{4}})\b")).expect("valid regex")
});
static MONTH_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    let m = month_alternation();
    Regex::new(&format!(r"\b({m})\b")).expect("valid regex")
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(1\d\d\d|20\d\d)\b").expect("valid regex"));
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<&str> = WEEKDAYS.iter().map(|(n, _)| *n).collect();
    Regex::new(&format!(r"\b(?:(last)\s+)?({})\b", names.join("|"))).expect("valid regex")
});
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    let small_numbers: Vec<&str> = SMALL_NUMBERS.iter().map(|(word, _)| *word).collect();
    Regex::new(&format!(
        r"(?i)\b(?:(yesterday|today|tonight|last night)|(?:earlier\s+)?(this|last)\s+(week|month|year)|(?:in\s+|over\s+|during\s+)?the\s+(?:past|last)\s+(\d{{1,3}}|{})\s+(hours?|days?|weeks?|months?|years?))\b",
        small_numbers.join("|")
    ))
    .expect("valid regex")
});

/// Absolute date expressions in `text` with their byte ranges, in order.
///
/// Full dates ("November 11, 2021", "Nov. 11, 2021", "11 November 2021", "2021-04-11",
/// "February 1st 2022"), months ("April 2014") and bare years ("in 2014").
pub fn find_dates(text: &str) -> Vec<(Range<usize>, PartialDate)> {
    mentions(text)
        .into_iter()
        .filter_map(|(range, mention)| match mention {
            Mention::Absolute(date) => Some((range, date)),
            _ => None,
        })
        .collect()
}

/// Time expressions in `text`, in order, resolved against `anchor` (the document date)
/// where they need it; unresolvable ones come back with `from` and `to` empty.
pub fn find_time_expressions(text: &str, anchor: Option<PartialDate>) -> Vec<TimeExpr> {
    let found = mentions(text);
    let mut out: Vec<TimeExpr> = Vec::new();
    let mut i = 0;
    while i < found.len() {
        let (range, mention) = found[i].clone();
        let (opener, start) = opener_before(text, range.start);
        let period = resolve(mention, anchor);
        if opener == Some(Opener::Between) {
            if let Some((end, to)) = range_partner(text, &range, found.get(i + 1), anchor) {
                out.push(TimeExpr { range: start..end, from: period.0, to: to.1 });
                i += 2;
                continue;
            }
        }
        let (from, to) = scope(opener, period);
        let start = if opener.is_some() { start } else { range.start };
        out.push(TimeExpr { range: start..range.end, from, to });
        i += 1;
    }
    out
}

/// The latest `weekday` on or before `anchor`.
pub fn weekday_on_or_before(anchor: NaiveDate, weekday: Weekday) -> NaiveDate {
    let back = (anchor.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7;
    anchor - Duration::days(i64::from(back))
}

/// The date of `month`/`day` nearest to `anchor` (the previous, same or next year).
pub fn resolve_month_day(month: u32, day: u32, anchor: PartialDate) -> Option<PartialDate> {
    let reference = anchor.first_day()?;
    [anchor.year - 1, anchor.year, anchor.year + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| ((*d - reference).num_days().abs(), *d > reference))
        .map(|d| PartialDate::day(d.year(), d.month(), d.day()))
}

/// Every date mention, overlaps resolved in favour of the earliest, then longest.
fn mentions(text: &str) -> Vec<(Range<usize>, Mention)> {
    let mut found = Vec::new();
    found.extend(iso_dates(text));
    found.extend(month_day_dates(text));
    found.extend(day_month_dates(text));
    found.extend(month_years(text));
    found.extend(years(text));
    found.extend(months_alone(text));
    found.extend(weekdays(text));
    found.extend(relatives(text));
    found.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut kept: Vec<(Range<usize>, Mention)> = Vec::new();
    for (range, mention) in found {
        if kept.last().is_none_or(|(last, _)| last.end <= range.start) {
            kept.push((range, mention));
        }
    }
    kept
}

fn month_number(name: &str) -> Option<u32> {
    MONTHS.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
}

fn day_date(year: &str, month: u32, day: &str) -> Option<PartialDate> {
    let date = PartialDate::day(year.parse().ok()?, month, day.parse().ok()?);
    date.first_day().is_some().then_some(date)
}

fn iso_dates(text: &str) -> Vec<(Range<usize>, Mention)> {
    ISO.captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let month: u32 = c[2].parse().ok()?;
            let date = day_date(&c[1], month, &c[3])?;
            Some((whole.range(), Mention::Absolute(date)))
        })
        .collect()
}

/// Whether a match ending at `end` runs on into a longer number ("May 14,000").
fn runs_into_number(text: &str, end: usize) -> bool {
    let rest = text.as_bytes().get(end..).unwrap_or_default();
    matches!(rest, [b',' | b'.', d, ..] if d.is_ascii_digit())
}

fn month_day_dates(text: &str) -> Vec<(Range<usize>, Mention)> {
    MONTH_DAY
        .captures_iter(text)
        .filter_map(|c| {
            let month = month_number(&c[1])?;
            dated_day(text, &c, month, &c[2], c.get(3).map(|y| y.as_str()))
        })
        .collect()
}

fn day_month_dates(text: &str) -> Vec<(Range<usize>, Mention)> {
    DAY_MONTH
        .captures_iter(text)
        .filter_map(|c| {
            let month = month_number(&c[2])?;
            let whole = c.get(0)?;
            if text[..whole.start()].ends_with([',', '.']) {
                return None;
            }
            dated_day(text, &c, month, &c[1], c.get(3).map(|y| y.as_str()))
        })
        .collect()
}

/// A day-precision mention from a month/day match, with or without its year.
fn dated_day(
    text: &str,
    captures: &regex::Captures,
    month: u32,
    day: &str,
    year: Option<&str>,
) -> Option<(Range<usize>, Mention)> {
    let whole = captures.get(0)?;
    if runs_into_number(text, whole.end()) {
        return None;
    }
    let mention = match year {
        Some(year) => Mention::Absolute(day_date(year, month, day)?),
        None => {
            let day: u32 = day.parse().ok()?;
            if !(1..=31).contains(&day) {
                return None;
            }
            Mention::MonthDay(month, day)
        }
    };
    Some((whole.range(), mention))
}

fn month_years(text: &str) -> Vec<(Range<usize>, Mention)> {
    MONTH_YEAR
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            if runs_into_number(text, whole.end()) {
                return None;
            }
            let date = PartialDate::month(c[2].parse().ok()?, month_number(&c[1])?);
            Some((whole.range(), Mention::Absolute(date)))
        })
        .collect()
}

fn years(text: &str) -> Vec<(Range<usize>, Mention)> {
    YEAR.captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            if !is_year_context(text, whole.range()) {
                return None;
            }
            Some((whole.range(), Mention::Absolute(PartialDate::year(c[1].parse().ok()?))))
        })
        .collect()
}

/// Whether a bare 4-digit number at `range` reads as a year rather than a count.
fn is_year_context(text: &str, range: Range<usize>) -> bool {
    let before = &text[..range.start];
    let after = &text[range.end..];
    let hyphenated = before.ends_with('-') && !before.to_ascii_lowercase().ends_with("mid-");
    if hyphenated
        || before.ends_with(|c: char| c.is_ascii_digit() || "$£€,.#".contains(c))
        || after.starts_with(|c: char| "%-".contains(c))
        || runs_into_number(text, range.end)
    {
        return false;
    }
    let next = after.split_whitespace().next().unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric());
    if NOT_YEAR_FOLLOWERS.contains(&next.to_ascii_lowercase().as_str()) {
        return false;
    }
    let previous = before.split_whitespace().next_back().unwrap_or("").to_ascii_lowercase();
    if YEAR_PREPOSITIONS.contains(&previous.as_str()) {
        return true;
    }
    if text[range.clone()] < *"1900" {
        return false;
    }
    !COUNT_QUALIFIERS.contains(&previous.as_str()) && !numbers::is_counted_noun(next)
}

fn months_alone(text: &str) -> Vec<(Range<usize>, Mention)> {
    MONTH_ALONE
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let month = month_number(&c[1])?;
            let (opener, _) = opener_before(text, whole.start());
            let full_name = c[1].len() > 3 || c[1].eq("May");
            (opener.is_some() && full_name).then(|| (whole.range(), Mention::Month(month)))
        })
        .collect()
}

fn weekdays(text: &str) -> Vec<(Range<usize>, Mention)> {
    WEEKDAY
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let weekday = WEEKDAYS.iter().find(|(n, _)| *n == &c[2])?.1;
            let mention = match c.get(1) {
                Some(_) => Mention::Relative(Relative::LastWeekday(weekday)),
                None => Mention::Weekday(weekday),
            };
            Some((whole.range(), mention))
        })
        .collect()
}

fn relatives(text: &str) -> Vec<(Range<usize>, Mention)> {
    RELATIVE
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let relative = if let Some(word) = c.get(1) {
                match word.as_str().to_ascii_lowercase().as_str() {
                    "yesterday" | "last night" => Relative::DaysAgo(1),
                    _ => Relative::DaysAgo(0),
                }
            } else if let (Some(which), Some(unit)) = (c.get(2), c.get(3)) {
                this_or_last(&which.as_str().to_ascii_lowercase(), &unit.as_str().to_ascii_lowercase())
            } else {
                let count = count_value(&c[4])?;
                past(count, &c[5].to_ascii_lowercase())
            };
            Some((whole.range(), Mention::Relative(relative)))
        })
        .collect()
}

fn this_or_last(which: &str, unit: &str) -> Relative {
    match (which, unit) {
        ("this", "week") => Relative::ThisWeek,
        ("last", "week") => Relative::LastWeek,
        ("this", "month") => Relative::ThisMonth,
        ("last", "month") => Relative::LastMonth,
        ("this", _) => Relative::ThisYear,
        _ => Relative::LastYear,
    }
}

fn count_value(word: &str) -> Option<i64> {
    word.parse().ok().or_else(|| SMALL_NUMBERS.iter().find(|(w, _)| w.eq_ignore_ascii_case(word)).map(|(_, n)| *n))
}

fn past(count: i64, unit: &str) -> Relative {
    match unit.trim_end_matches('s') {
        "hour" => Relative::PastDays((count + 23) / 24),
        "day" => Relative::PastDays(count),
        "week" => Relative::PastDays(count * 7),
        "month" => Relative::PastMonths(count),
        _ => Relative::PastYears(count),
    }
}

/// The opener word right before `start`, if any, and where it starts.
fn opener_before(text: &str, start: usize) -> (Option<Opener>, usize) {
    let before = &text[..start];
    let trimmed = before.trim_end();
    let lower = trimmed.to_ascii_lowercase();
    for (word, opener) in OPENERS.iter() {
        if !lower.ends_with(word) {
            continue;
        }
        let word_start = trimmed.len() - word.len();
        let at_boundary = lower[..word_start].ends_with(|c: char| !c.is_ascii_alphanumeric()) || word_start == 0;
        let separated = word.ends_with('-') || trimmed.len() < before.len();
        if at_boundary && separated {
            return (Some(*opener), word_start);
        }
    }
    (None, start)
}

/// For "between X and Y" / "from X to Y": the end and period of Y when it follows X.
fn range_partner(
    text: &str,
    first: &Range<usize>,
    next: Option<&(Range<usize>, Mention)>,
    anchor: Option<PartialDate>,
) -> Option<(usize, Period)> {
    let (range, mention) = next?;
    let gap = text.get(first.end..range.start)?.trim().to_ascii_lowercase();
    ["and", "to", "until", "through", "-"].contains(&gap.as_str()).then(|| (range.end, resolve(*mention, anchor)))
}

/// The period a time expression covers given its opener.
fn scope(opener: Option<Opener>, (from, to): Period) -> Period {
    match opener {
        Some(Opener::Since) => (from, None),
        Some(Opener::Until) => (None, to),
        _ => (from, to),
    }
}

/// The first and last date a mention covers, given the anchor.
fn resolve(mention: Mention, anchor: Option<PartialDate>) -> Period {
    let same = |d: Option<PartialDate>| (d, d);
    match mention {
        Mention::Absolute(date) => same(Some(date)),
        Mention::MonthDay(month, day) => same(anchor.and_then(|a| resolve_month_day(month, day, a))),
        Mention::Month(month) => same(anchor.and_then(|a| nearest_month(month, a))),
        Mention::Weekday(weekday) => same(anchor_day(anchor).map(|a| as_day(weekday_on_or_before(a, weekday)))),
        Mention::Relative(relative) => anchor.map_or((None, None), |a| resolve_relative(relative, a)),
    }
}

fn anchor_day(anchor: Option<PartialDate>) -> Option<NaiveDate> {
    anchor.filter(|a| a.day.is_some()).and_then(|a| a.first_day())
}

fn as_day(date: NaiveDate) -> PartialDate {
    PartialDate::day(date.year(), date.month(), date.day())
}

fn nearest_month(month: u32, anchor: PartialDate) -> Option<PartialDate> {
    let Some(anchor_month) = anchor.month else { return Some(PartialDate::month(anchor.year, month)) };
    let index = |y: i32, m: u32| i64::from(y) * 12 + i64::from(m);
    let here = index(anchor.year, anchor_month);
    [anchor.year - 1, anchor.year, anchor.year + 1]
        .into_iter()
        .min_by_key(|y| ((index(*y, month) - here).abs(), index(*y, month) > here))
        .map(|y| PartialDate::month(y, month))
}

fn month_before(date: PartialDate, months: i64) -> Option<PartialDate> {
    let index = i64::from(date.year) * 12 + i64::from(date.month?) - 1 - months;
    Some(PartialDate::month(i32::try_from(index.div_euclid(12)).ok()?, (index.rem_euclid(12) + 1) as u32))
}

fn resolve_relative(relative: Relative, anchor: PartialDate) -> Period {
    let day = anchor_day(Some(anchor));
    let days_back = |n: i64| day.map(|d| as_day(d - Duration::days(n)));
    match relative {
        Relative::DaysAgo(n) => (days_back(n), days_back(n)),
        Relative::LastWeekday(weekday) => {
            let date = day.map(|d| as_day(weekday_on_or_before(d - Duration::days(1), weekday)));
            (date, date)
        }
        Relative::ThisWeek => {
            let monday = day.map(|d| as_day(weekday_on_or_before(d, Weekday::Mon)));
            (monday, day.map(as_day))
        }
        Relative::LastWeek => {
            let monday = day.map(|d| weekday_on_or_before(d, Weekday::Mon) - Duration::days(7));
            (monday.map(as_day), monday.map(|m| as_day(m + Duration::days(6))))
        }
        Relative::ThisMonth => {
            let month = month_before(anchor, 0);
            (month, month)
        }
        Relative::LastMonth => {
            let month = month_before(anchor, 1);
            (month, month)
        }
        Relative::ThisYear => (Some(PartialDate::year(anchor.year)), Some(PartialDate::year(anchor.year))),
        Relative::LastYear => (Some(PartialDate::year(anchor.year - 1)), Some(PartialDate::year(anchor.year - 1))),
        Relative::PastDays(n) => (days_back(n), days_back(0)),
        Relative::PastMonths(n) => (month_before(anchor, n), days_back(0).or(Some(anchor))),
        Relative::PastYears(n) => (Some(PartialDate::year(anchor.year - n as i32)), days_back(0).or(Some(anchor))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<(&str, String)> {
        find_dates(text).into_iter().map(|(r, d)| (&text[r], d.to_string())).collect()
    }

    fn times(text: &str, anchor: PartialDate) -> Vec<(&str, Option<String>, Option<String>)> {
        find_time_expressions(text, Some(anchor))
            .into_iter()
            .map(|t| (&text[t.range], t.from.map(|d| d.to_string()), t.to.map(|d| d.to_string())))
            .collect()
    }

    #[test]
    fn finds_full_dates_in_seed_datelines() {
        assert_eq!(dates("December 2, 2021, 4:17 pm"), vec![("December 2, 2021", "2021-12-02".into())]);
        assert_eq!(dates("Updated: February 1st 2022, 3:55 PM"), vec![("February 1st 2022", "2022-02-01".into())]);
        assert_eq!(dates("The National\nFeb 1, 2022\n"), vec![("Feb 1, 2022", "2022-02-01".into())]);
        assert_eq!(
            dates("before the G20 summit in Rome-Italy, October 29, 2021. REUTERS / Kevin Lamarque"),
            vec![("October 29, 2021", "2021-10-29".into())]
        );
        assert_eq!(dates("Nov. 11, 2021"), vec![("Nov. 11, 2021", "2021-11-11".into())]);
        assert_eq!(
            dates("on 11 November 2021 and 2021-04-11"),
            vec![("11 November 2021", "2021-11-11".into()), ("2021-04-11", "2021-04-11".into())]
        );
    }

    #[test]
    fn lexicons_parse_into_their_types() {
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(WEEKDAYS.iter().find(|(name, _)| *name == "Sunday").map(|(_, day)| *day), Some(Weekday::Sun));
        assert!(OPENERS.iter().any(|(word, opener)| *word == "as of" && *opener == Opener::At));
        assert!("sometime".parse::<Opener>().is_err());
        assert_eq!((count_value("twelve"), count_value("Three"), count_value("eleven")), (Some(12), Some(3), None));
        assert!(YEAR_PREPOSITIONS.contains(&"the") && COUNT_QUALIFIERS.contains(&"least"));
    }

    #[test]
    fn finds_months_and_years_but_not_counts() {
        let text = "Russia annexed Crimea in March 2014, sending troops and holding a referendum.";
        assert_eq!(dates(text), vec![("March 2014", "2014-03".into())]);
        let text = "Russia and Ukraine have been at odds since Russia annexed Crimea in 2014 following";
        assert_eq!(dates(text), vec![("2014", "2014".into())]);
        assert!(dates("More than 14,000 people died, and 100,000 troops and 2000 soldiers").is_empty());
        assert!(dates("more than 2000 people were evacuated, 2014-15 season, 1990s").is_empty());
        assert!(dates("May 14,000 people").is_empty());
        assert!(dates("Police were called to the 1900 block of Cross Willow Lane.").is_empty());
    }

    #[test]
    fn scopes_since_and_in() {
        let text =
            "The conflict has killed more than 13,000 people and displaced more than one million since April 2014.";
        assert_eq!(
            times(text, PartialDate::day(2021, 4, 11)),
            vec![("since April 2014", Some("2014-04".into()), None)]
        );
        let text = "the annexation of Crimea in 2014, which was followed by";
        assert_eq!(
            times(text, PartialDate::day(2021, 11, 14)),
            vec![("in 2014", Some("2014".into()), Some("2014".into()))]
        );
    }

    #[test]
    fn resolves_weekdays_and_month_days_against_the_anchor() {
        let text = "killed by an explosive device in the east of the country on Friday, while";
        let friday = Some("2021-11-12".to_string());
        assert_eq!(times(text, PartialDate::day(2021, 11, 14)), vec![("on Friday", friday.clone(), friday)]);
        let text = "Zelenskiy, who visited Ukrainian troops in the Donbass region on April 8, said";
        let day = Some("2021-04-08".to_string());
        assert_eq!(times(text, PartialDate::day(2021, 4, 11)), vec![("on April 8", day.clone(), day)]);
        let day = Some("2021-12-20".to_string());
        assert_eq!(times("on December 20", PartialDate::day(2022, 1, 3)), vec![("on December 20", day.clone(), day)]);
        let last = Some("2022-01".to_string());
        assert_eq!(
            times("met for talks in Geneva last month.", PartialDate::day(2022, 2, 1)),
            vec![("last month", last.clone(), last)]
        );
    }

    #[test]
    fn resolves_relative_periods() {
        let anchor = PartialDate::day(2022, 3, 10);
        assert_eq!(
            times("in the past 24 hours", anchor),
            vec![("in the past 24 hours", Some("2022-03-09".into()), Some("2022-03-10".into()))]
        );
        assert_eq!(
            times("between March 1 and March 5", anchor),
            vec![("between March 1 and March 5", Some("2022-03-01".into()), Some("2022-03-05".into()))]
        );
        assert_eq!(
            times("yesterday", anchor),
            vec![("yesterday", Some("2022-03-09".into()), Some("2022-03-09".into()))]
        );
        assert_eq!(times("this year", anchor), vec![("this year", Some("2022".into()), Some("2022".into()))]);
        assert_eq!(
            times("last Friday", anchor),
            vec![("last Friday", Some("2022-03-04".into()), Some("2022-03-04".into()))]
        );
    }

    #[test]
    fn weekday_is_on_or_before() {
        let thursday = NaiveDate::from_ymd_opt(2021, 11, 11).unwrap();
        assert_eq!(weekday_on_or_before(thursday, Weekday::Thu), thursday);
        assert_eq!(weekday_on_or_before(thursday, Weekday::Fri), NaiveDate::from_ymd_opt(2021, 11, 5).unwrap());
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["", "é 2014", "Ḿay 1 2021 — ", "since", "in 2099-13-45", "between March 1 and"] {
            let _ = find_time_expressions(text, Some(PartialDate::year(2021)));
            let _ = find_dates(text);
        }
    }
}
