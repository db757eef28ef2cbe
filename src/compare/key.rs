//! The key of a claim: what it counts (kind, subject class, side, region, time scope,
//! rate, scale), and how two keys meet: compatible, nested, filled, narrowed (see the
//! parent module's "Grouping rules").

use super::conflict::{words, Conflict, Place};
use super::interval::Interval;
use crate::doc::PartialDate;
use crate::schema::{ClaimKind, ClaimRecord, Rate, TimeRecord};
use serde::Serialize;
use std::fmt;
use std::sync::LazyLock;

/// Subject words and the class they count as; words not listed stand for themselves.
static SUBJECT_CLASSES: LazyLock<Vec<(&str, &str)>> = crate::table!("en/compare/subject_classes.tsv");

/// Counted nouns that name the kind, not who is counted: their subject stays open.
static KIND_NOUNS: LazyLock<Vec<&str>> = crate::words!("en/compare/kind_nouns.txt");

/// Subject classes that are kinds of a wider class: a count of civilians also counts
/// people.
static SUBJECT_WITHIN: LazyLock<Vec<(&str, &str)>> = crate::table!("en/compare/subject_within.tsv");

/// Figures below this count one incident ("two people were killed"), not a tally.
pub const INCIDENT_SCALE: f64 = 100.0;

/// The least share of a longer dated scope a shorter one must cover for two tallies to
/// count the same thing.
pub const TALLY_SPAN_SHARE: f64 = 0.5;

/// The time a key covers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Scope {
    /// A running total from a year on.
    Since(i32),
    /// One date (a day, a month or a year).
    During(PartialDate),
    /// A stated period.
    Period(PartialDate, PartialDate),
    /// Up to a date.
    Until(PartialDate),
}

impl Scope {
    /// The scope of a claim's time: `since YEAR` (a start and no end), `during DATE` (one
    /// date), a period, or `until DATE`.
    fn of(time: &TimeRecord) -> Option<Scope> {
        match (time.from, time.to) {
            (Some(from), None) => Some(Scope::Since(from.year)),
            (Some(from), Some(to)) if from == to => Some(Scope::During(from)),
            (Some(from), Some(to)) => Some(Scope::Period(from, to)),
            (None, Some(to)) => Some(Scope::Until(to)),
            (None, None) => None,
        }
    }

    /// Whether two stated scopes can cover the same count: equal, one period inside the
    /// other ("on Friday" inside "last week"), or `since YEAR` and
    /// `during YEAR` ("the war that broke out in 2014 has killed" counts the running
    /// total "since 2014").
    pub fn compatible(&self, other: &Scope) -> bool {
        let nested = match (self.days(), other.days()) {
            (Some((a, b)), Some((c, d))) => (a <= c && d <= b) || (c <= a && b <= d),
            _ => false,
        };
        self == other || nested || self.since_year().is_some() && self.since_year() == other.since_year()
    }

    /// Whether two dated scopes are near enough in length to hold the same tally: the
    /// shorter covers at least [`TALLY_SPAN_SHARE`] of the longer ("600 killed on
    /// Thursday" is not the five months' toll it lies in); open-ended scopes always are.
    fn alike_length(&self, other: &Scope) -> bool {
        let length = |scope: &Scope| scope.days().map(|(first, last)| (last - first).num_days() + 1);
        match (length(self), length(other)) {
            (Some(a), Some(b)) => a.min(b) as f64 >= TALLY_SPAN_SHARE * a.max(b) as f64,
            _ => true,
        }
    }

    /// The first and last day a dated scope covers (`during`, or a period); `None` for
    /// open-ended scopes.
    fn days(&self) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
        match self {
            Scope::During(date) => Some((date.first_day()?, date.last_day()?)),
            Scope::Period(from, to) => Some((from.first_day()?, to.last_day()?)),
            Scope::Since(_) | Scope::Until(_) => None,
        }
    }

    /// The year a running total would start: `since YEAR`, or a `during` of a bare year.
    fn since_year(&self) -> Option<i32> {
        match self {
            Scope::Since(year) => Some(*year),
            Scope::During(date) => date.month.is_none().then_some(date.year),
            Scope::Period(..) | Scope::Until(_) => None,
        }
    }

    /// The scope a group keeps when two compatible scopes meet: `since` over `during`.
    fn preferred(self, other: Scope) -> Scope {
        match (&self, &other) {
            (Scope::During(_), Scope::Since(_)) => other,
            _ => self,
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::Since(year) => write!(f, "since {year}"),
            Scope::During(date) => write!(f, "during {date}"),
            Scope::Period(from, to) => write!(f, "{from}..{to}"),
            Scope::Until(date) => write!(f, "until {date}"),
        }
    }
}

/// Whether a figure counts one incident or is a tally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// Below [`INCIDENT_SCALE`]: one attack, one day, one place.
    Incident,
    /// A running total or an aggregate.
    Tally,
}

impl Scale {
    /// A rate ("100 a day") is never one incident.
    fn of(interval: &Interval, rate: Option<Rate>) -> Self {
        match interval.representative() {
            Some(value) if value < INCIDENT_SCALE && rate.is_none() => Scale::Incident,
            _ => Scale::Tally,
        }
    }
}

/// What a claim counts; `None` fields are open (`*`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct GroupKey {
    /// The claim kind.
    pub kind: ClaimKind,
    /// The subject class.
    pub subject: Option<String>,
    /// The side.
    pub side: Option<String>,
    /// The region.
    pub region: Option<Place>,
    /// The time scope.
    pub time: Option<Scope>,
    /// The unit of time of a rate ("day"); `None` for counts. Never open: a rate only
    /// meets rates of the same unit.
    pub rate: Option<Rate>,
    /// Incident or tally (never open).
    pub scale: Scale,
}

impl GroupKey {
    /// The key of a claim (see the parent module's documentation).
    pub fn of(claim: &ClaimRecord, conflict: &Conflict) -> Self {
        let subject = claim.subject.as_deref();
        GroupKey {
            kind: claim.kind,
            subject: subject.and_then(|s| subject_class(s, conflict)),
            side: claim
                .side
                .as_deref()
                .and_then(|s| conflict.side_of(s))
                .or_else(|| subject.and_then(|s| conflict.side_of(s))),
            region: conflict.region(claim.geo.as_ref(), claim.place.as_deref()),
            time: claim.time.as_ref().and_then(Scope::of),
            rate: claim.rate,
            scale: Scale::of(&Interval::of(claim), claim.rate),
        }
    }

    /// Whether subject, side and region are stated, in that order.
    fn stated_fields(&self) -> [bool; 3] {
        [self.subject.is_some(), self.side.is_some(), self.region.is_some()]
    }

    /// How many fields are stated (not open).
    pub fn stated(&self) -> usize {
        self.stated_fields().iter().filter(|&&f| f).count() + usize::from(self.time.is_some())
    }

    /// Whether the key states a side, a region or a time: more than what is counted.
    pub fn states_context(&self) -> bool {
        self.side.is_some() || self.region.is_some() || self.time.is_some()
    }

    /// Whether the two keys can count the same thing: same kind and rate, and every other
    /// field open on one side, equal, or (subject and region) one inside the other.
    pub fn compatible(&self, other: &GroupKey) -> bool {
        let sides_agree = self.side.is_none() || other.side.is_none() || self.side == other.side;
        let tallies = self.scale == Scale::Tally && other.scale == Scale::Tally;
        let times_agree = match (&self.time, &other.time) {
            (Some(a), Some(b)) => a.compatible(b) && (!tallies || a.alike_length(b)),
            _ => true,
        };
        self.kind == other.kind
            && self.rate == other.rate
            && sides_agree
            && times_agree
            && nested_agree(&self.subject, &other.subject, subject_within)
            && nested_agree(&self.region, &other.region, Place::within)
    }

    /// Whether both keys state a side, a region or a time, and agree on it.
    pub fn shares_context(&self, other: &GroupKey) -> bool {
        let same_side = self.side.is_some() && other.side.is_some() && self.side == other.side;
        let both_regions = self.region.is_some() && other.region.is_some();
        (same_side)
            || (both_regions && nested_agree(&self.region, &other.region, Place::within))
            || (self.time.is_some() && other.time.is_some())
    }

    /// Whether the keys state the same fields, with regions equal or one inside an
    /// oblast-level other ("Olenivka" does not meet "Ukraine" here).
    pub fn same_fields(&self, other: &GroupKey) -> bool {
        let regions_close = match (&self.region, &other.region) {
            (Some(a), Some(b)) => a == b || a.closely_within(b) || b.closely_within(a),
            _ => true,
        };
        self.stated_fields() == other.stated_fields() && self.time.is_some() == other.time.is_some() && regions_close
    }

    /// Whether this key says all `coarser` says and maybe more: each field `coarser`
    /// states is stated here, equal or inside it.
    pub fn refines(&self, coarser: &GroupKey) -> bool {
        let time_met = coarser.time.is_none() || self.time.is_some();
        refines_value(&self.subject, &coarser.subject, subject_within)
            && refines_value(&self.side, &coarser.side, |a, b| a == b)
            && refines_value(&self.region, &coarser.region, Place::within)
            && time_met
    }

    /// How many fields both keys state with the same value.
    pub fn shared(&self, other: &GroupKey) -> usize {
        let same = |a: bool, b: bool| usize::from(a && b);
        same(self.subject.is_some(), self.subject == other.subject)
            + same(self.side.is_some(), self.side == other.side)
            + same(self.region.is_some(), self.region == other.region)
            + same(self.time.is_some(), self.time == other.time)
    }

    /// The key of a group after `other`'s claim or group joins it: a rate group keeps
    /// only what both keys state ([`GroupKey::common_with`]), any other group fills its
    /// open fields ([`GroupKey::filled_from`]).
    pub fn joined_with(&self, other: &GroupKey) -> GroupKey {
        if self.rate.is_some() {
            self.common_with(other)
        } else {
            self.filled_from(other)
        }
    }

    /// The fields both keys state, nested ones widened to the outer value: a daily toll
    /// reported for Mariupol in May and one for the whole front in July are one rate of
    /// the war, whose key names neither.
    pub fn common_with(&self, other: &GroupKey) -> GroupKey {
        GroupKey {
            kind: self.kind,
            scale: self.scale.max(other.scale),
            rate: self.rate,
            subject: wider(&self.subject, &other.subject, subject_within),
            side: self.side.clone().filter(|_| self.side == other.side),
            region: wider(&self.region, &other.region, Place::within),
            time: self.time.clone().filter(|_| self.time == other.time),
        }
    }

    /// This key with its open fields filled from `other`, nested fields narrowed to the
    /// more exact value; incident once either is.
    pub fn filled_from(&self, other: &GroupKey) -> GroupKey {
        GroupKey {
            kind: self.kind,
            scale: self.scale.min(other.scale),
            rate: self.rate,
            subject: narrower(self.subject.clone(), other.subject.clone(), subject_within),
            side: self.side.clone().or_else(|| other.side.clone()),
            region: narrower(self.region.clone(), other.region.clone(), Place::within),
            time: match (self.time.clone(), other.time.clone()) {
                (Some(mine), Some(theirs)) => Some(mine.preferred(theirs)),
                (mine, theirs) => mine.or(theirs),
            },
        }
    }
}

impl fmt::Display for GroupKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let open = |v: Option<String>| v.unwrap_or_else(|| "*".into());
        write!(
            f,
            "{} | {} | side={} | region={} | time={}{}{}",
            self.kind,
            open(self.subject.clone()),
            open(self.side.clone()),
            open(self.region.as_ref().map(|p| p.name.clone())),
            open(self.time.as_ref().map(Scope::to_string)),
            self.rate.map(|unit| format!(" | per {unit}")).unwrap_or_default(),
            if self.scale == Scale::Incident { " | incident" } else { "" }
        )
    }
}

impl GroupKey {
    /// The key in plain words, as a heading for readers: kind, subject, side, region
    /// (each word capitalised), time, rate and scale, each only when stated ("Killed,
    /// people, Eastern Ukraine, since 2014"; "Wounded, people, Vinnytsia, one incident";
    /// "Troops, soldiers, Russian side, Border").
    pub fn heading(&self) -> String {
        let kind = self.kind.as_str();
        let mut parts = vec![format!("{}{}", kind[..1].to_uppercase(), &kind[1..])];
        parts.extend(self.subject.clone());
        parts.extend(self.side.as_ref().map(|side| format!("{} side", capitalised(side))));
        parts.extend(
            self.region.as_ref().map(|place| place.name.split(' ').map(capitalised).collect::<Vec<_>>().join(" ")),
        );
        parts.extend(self.time.as_ref().map(Scope::plain));
        parts.extend(self.rate.map(|unit| format!("per {unit}")));
        if self.scale == Scale::Incident {
            parts.push("one incident".to_string());
        }
        parts.join(", ")
    }
}

/// A word with its first letter in upper case.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A date as a reader writes it: "14 July 2022", "July 2022", "2022".
fn plain_date(date: PartialDate) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = date.month.and_then(|m| MONTHS.get(m as usize - 1));
    match (date.day, month) {
        (Some(day), Some(month)) => format!("{day} {month} {}", date.year),
        (None, Some(month)) => format!("{month} {}", date.year),
        _ => date.year.to_string(),
    }
}

impl Scope {
    /// The scope in plain words: "since 2014", "14 July 2022", "25 July 2022 to 31 July
    /// 2022", "until May 2022".
    fn plain(&self) -> String {
        match self {
            Scope::Since(year) => format!("since {year}"),
            Scope::During(date) => plain_date(*date),
            Scope::Period(from, to) => format!("{} to {}", plain_date(*from), plain_date(*to)),
            Scope::Until(date) => format!("until {}", plain_date(*date)),
        }
    }
}

/// The subject class: the first word listed in the language's subject classes or the
/// profile's, else the last word, unless that only repeats the kind ("deaths" says
/// nothing of who died).
fn subject_class(subject: &str, conflict: &Conflict) -> Option<String> {
    let words = words(subject);
    let class_of = |word: &str| {
        SUBJECT_CLASSES
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, class)| *class)
            .or_else(|| conflict.subject_class_of(word))
    };
    let listed = words.iter().find_map(|w| class_of(w)).map(str::to_string);
    listed.or_else(|| words.last().filter(|w| !KIND_NOUNS.contains(&w.as_str())).cloned())
}

/// Whether subject class `inner` is `outer` or one of its kinds (civilians are people).
fn subject_within(inner: &String, outer: &String) -> bool {
    inner == outer || SUBJECT_WITHIN.iter().any(|(i, o)| i == inner && o == outer)
}

/// Two stated values of a nested field agree when one lies in the other; the inner one
/// is the more exact.
fn nested_agree<T>(a: &Option<T>, b: &Option<T>, within: fn(&T, &T) -> bool) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => within(a, b) || within(b, a),
        _ => true,
    }
}

/// The outer of two nested values; nothing when either is open or they do not nest.
fn wider<T: Clone>(a: &Option<T>, b: &Option<T>, within: fn(&T, &T) -> bool) -> Option<T> {
    let (a, b) = (a.as_ref()?, b.as_ref()?);
    if within(a, b) {
        Some(b.clone())
    } else if within(b, a) {
        Some(a.clone())
    } else {
        None
    }
}

/// The more exact of two agreeing values (the inner one), or the stated one.
fn narrower<T>(a: Option<T>, b: Option<T>, within: fn(&T, &T) -> bool) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if within(&b, &a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// Whether `fine` states `coarse` or something inside it (an open `coarse` is met by
/// anything).
fn refines_value<T>(fine: &Option<T>, coarse: &Option<T>, within: fn(&T, &T) -> bool) -> bool {
    match (fine, coarse) {
        (_, None) => true,
        (Some(fine), Some(coarse)) => within(fine, coarse),
        (None, Some(_)) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;
    use crate::schema::{GeoLevel, GeoRecord};

    #[test]
    fn subjects_map_to_classes_and_sides() {
        let conflict = Conflict::new(&Profile::load("ukraine").unwrap());
        assert_eq!(subject_class("Russian soldiers", &conflict).as_deref(), Some("soldiers"));
        assert_eq!(conflict.side_of("Russian soldiers").as_deref(), Some("russian"));
        assert_eq!(subject_class("people", &conflict).as_deref(), Some("people"));
        assert_eq!(subject_class("Ukrainian tanks", &conflict).as_deref(), Some("tanks"));
        assert_eq!(subject_class("captured fighters", &conflict).as_deref(), Some("prisoners"));
        assert_eq!(subject_class("Ukrainians", &conflict).as_deref(), Some("people"), "the profile's subject word");
        assert_eq!(subject_class("deaths", &conflict), None, "a kind noun says nothing of who died");
        let default = Conflict::new(&Profile::load("default").unwrap());
        assert_eq!(subject_class("Ukrainians", &default).as_deref(), Some("ukrainians"));
    }

    #[test]
    fn open_fields_are_compatible_and_stated_ones_must_agree() {
        let place = |name: &str| {
            let (level, geonameid) = match name {
                "donetsk" => (GeoLevel::Admin1, None),
                "kyiv" => (GeoLevel::City, Some(703448)),
                _ => (GeoLevel::City, Some(711660)),
            };
            let admin1 = Some(if name == "kyiv" { "Kyiv City" } else { "Donetsk" }.to_string());
            let geo = GeoRecord {
                name: name.into(),
                geonameid,
                level,
                country: "UA".into(),
                admin1,
                lat: 48.6,
                lon: 37.9,
                confidence: 1.0,
                matched: name.into(),
                population: None,
            };
            Some(Place::of_geo(&geo))
        };
        let open = GroupKey {
            kind: ClaimKind::Killed,
            scale: Scale::Tally,
            subject: Some("people".into()),
            side: None,
            region: None,
            time: Some(Scope::Since(2014)),
            rate: None,
        };
        let donetsk = GroupKey { region: place("donetsk"), time: None, ..open.clone() };
        let kyiv = GroupKey { region: place("kyiv"), ..donetsk.clone() };
        assert!(open.compatible(&donetsk));
        assert!(!donetsk.compatible(&kyiv));
        assert_eq!(
            open.filled_from(&donetsk).to_string(),
            "killed | people | side=* | region=donetsk | time=since 2014"
        );
        let chasiv_yar = GroupKey { region: place("chasiv yar"), ..donetsk.clone() };
        assert!(chasiv_yar.compatible(&donetsk) && chasiv_yar.refines(&donetsk) && !donetsk.refines(&chasiv_yar));
        assert_eq!(donetsk.filled_from(&chasiv_yar).region, place("chasiv yar"));
        let daily = GroupKey { rate: Some(Rate::Day), ..donetsk.clone() };
        assert!(!daily.compatible(&donetsk), "a rate never meets a count");
        assert!(daily.to_string().ends_with("| per day"));
        let daily_in_chasiv_yar = GroupKey { rate: Some(Rate::Day), ..chasiv_yar.clone() };
        assert_eq!(daily_in_chasiv_yar.joined_with(&daily).region, place("donetsk"), "the outer place");
        let daily_anywhere = GroupKey { region: None, ..daily.clone() };
        assert_eq!(daily.joined_with(&daily_anywhere).region, None, "a rate key keeps what all state");
        assert_eq!(donetsk.joined_with(&chasiv_yar).region, place("chasiv yar"), "a count narrows");
    }

    #[test]
    fn a_days_tally_is_not_the_months_it_lies_in_but_an_incident_is() {
        let day = Scope::During(PartialDate::day(2022, 5, 5));
        let five_months = Scope::Period(PartialDate::month(2022, 2), PartialDate::day(2022, 7, 21));
        let week = Scope::Period(PartialDate::day(2022, 5, 2), PartialDate::day(2022, 5, 8));
        let tally = |time: &Scope| GroupKey {
            kind: ClaimKind::Killed,
            subject: Some("soldiers".into()),
            side: None,
            region: None,
            time: Some(time.clone()),
            rate: None,
            scale: Scale::Tally,
        };
        assert!(!tally(&day).compatible(&tally(&five_months)), "600 killed overnight is no five-month toll");
        assert!(tally(&five_months).compatible(&tally(&five_months)));
        let shorter = Scope::Period(PartialDate::month(2022, 2), PartialDate::day(2022, 7, 14));
        assert!(tally(&shorter).compatible(&tally(&five_months)), "one week less of five months");
        let incident = |time: &Scope| GroupKey { scale: Scale::Incident, ..tally(time) };
        assert!(incident(&day).compatible(&incident(&week)), "an incident on Thursday happened last week");
    }
}
