//! The figure of a claim as an interval of counts, and how two figures relate: overlap,
//! rise, fall, contradiction, agreement (see the parent module's "Interval logic").

use crate::schema::{ClaimKind, ClaimRecord};
use serde::Serialize;
use std::fmt;

/// The relative width given to a hedged point figure ("about 14,000").
pub const APPROX_TOLERANCE: f64 = 0.1;

/// How far apart two reports' figures of one incident may be to count as agreeing.
pub const INCIDENT_FACTOR: f64 = 1.5;

/// Below this, two figures agree only when they are equal.
pub const SMALL_FIGURE: f64 = 10.0;

/// Kinds whose running totals only grow: a lower later figure contradicts.
pub const ACCUMULATING_KINDS: &[ClaimKind] = &[ClaimKind::Killed, ClaimKind::Wounded];

/// One end of an interval: a count and whether it is excluded.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bound {
    /// The count.
    pub value: f64,
    /// Whether the count itself is excluded.
    pub strict: bool,
}

/// The counts a figure allows; an absent bound is open.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// Low end; `None` is open below.
    pub low: Option<Bound>,
    /// High end; `None` is open above.
    pub high: Option<Bound>,
}

impl Interval {
    /// The interval of a claim: strict bounds from its qualifier, hedged points widened.
    pub fn of(claim: &ClaimRecord) -> Self {
        let widen = claim.approx && claim.low.is_some() && claim.low == claim.high;
        let tolerance = if widen { APPROX_TOLERANCE } else { 0.0 };
        let strict_low = claim.qualifier.is_some_and(|q| q.strict_low());
        let strict_high = claim.qualifier.is_some_and(|q| q.strict_high());
        Interval {
            low: claim.low.map(|v| Bound { value: v as f64 * (1.0 - tolerance), strict: strict_low }),
            high: claim.high.map(|v| Bound { value: v as f64 * (1.0 + tolerance), strict: strict_high }),
        }
    }

    /// Whether this interval lies wholly below `other`.
    pub fn below(&self, other: &Interval) -> bool {
        match (self.high, other.low) {
            (Some(high), Some(low)) => {
                high.value < low.value || (high.value == low.value && (high.strict || low.strict))
            }
            _ => false,
        }
    }

    /// Whether two figures can report the same count: the numbers standing for them
    /// ([`Interval::representative`]) are within [`INCIDENT_FACTOR`] of each other when
    /// both are at least [`SMALL_FIGURE`] (a toll that grew from 23 to 25, "at least 40"
    /// and 53); below it they must be equal, or one a lower bound that the other meets
    /// within the factor ("at least three" and four), not 2 against 3, nor "at least two"
    /// against 60.
    pub fn agrees_with(&self, other: &Interval) -> bool {
        let within_factor = |a: f64, b: f64| a.max(b) / a.min(b) <= INCIDENT_FACTOR;
        match (self.representative(), other.representative()) {
            (Some(a), Some(b)) if a.min(b) >= SMALL_FIGURE => within_factor(a, b),
            (Some(a), Some(b)) => {
                let bound_met = self.is_lower_bound_below(b) || other.is_lower_bound_below(a);
                a == b || (bound_met && within_factor(a, b))
            }
            _ => false,
        }
    }

    /// Whether the figure is only a lower bound ("at least three") that `value` meets.
    fn is_lower_bound_below(&self, value: f64) -> bool {
        self.high.is_none() && self.low.is_some_and(|low| low.value <= value)
    }

    /// A single number standing for the figure: the midpoint, or the one stated bound.
    pub fn representative(&self) -> Option<f64> {
        match (self.low, self.high) {
            (Some(low), Some(high)) => Some((low.value + high.value) / 2.0),
            (Some(bound), None) | (None, Some(bound)) => Some(bound.value),
            (None, None) => None,
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.low {
            Some(b) => write!(f, "{}{}", if b.strict { "(" } else { "[" }, b.value.round())?,
            None => write!(f, "(-∞")?,
        }
        match self.high {
            Some(b) => write!(f, ", {}{}", b.value.round(), if b.strict { ")" } else { "]" }),
            None => write!(f, ", ∞)"),
        }
    }
}

/// A count with thousands separators ("14,000").
pub fn thousands(value: f64) -> String {
    let digits = format!("{:.0}", value.max(0.0));
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A figure as a reader writes it, from its record bounds and interval: "at least 23",
/// "more than 13,000", "up to 66", "fewer than 50", "about 4,000", "23-25", "14,000".
pub fn plain_figure(low: Option<u64>, high: Option<u64>, interval: &Interval) -> String {
    let strict = |bound: Option<Bound>| bound.is_some_and(|b| b.strict);
    let widened = interval.low.is_some_and(|b| low.is_some_and(|low| b.value < low as f64));
    let count = |n: u64| thousands(n as f64);
    match (low, high) {
        (Some(low), Some(high)) if low == high && widened => format!("about {}", count(low)),
        (Some(low), Some(high)) if low == high => count(low),
        (Some(low), Some(high)) => format!("{}-{}", count(low), count(high)),
        (Some(low), None) => format!("{} {}", if strict(interval.low) { "more than" } else { "at least" }, count(low)),
        (None, Some(high)) => format!("{} {}", if strict(interval.high) { "fewer than" } else { "up to" }, count(high)),
        (None, None) => "a number the text does not give".into(),
    }
}

/// How a figure relates to the one before it in its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The intervals overlap.
    Consistent,
    /// Wholly above the previous figure.
    Rising,
    /// Wholly below the previous figure.
    Falling,
    /// Disjoint on the same date, or falling where totals only grow.
    Contradictory,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Consistent => "consistent",
            Verdict::Rising => "rising",
            Verdict::Falling => "falling",
            Verdict::Contradictory => "contradictory",
        })
    }
}

/// The verdict on `later` against `earlier` (see the parent module's documentation).
pub fn verdict(kind: ClaimKind, earlier: &Interval, later: &Interval, same_date: bool) -> Verdict {
    let direction = if earlier.below(later) {
        Verdict::Rising
    } else if later.below(earlier) {
        Verdict::Falling
    } else {
        return Verdict::Consistent;
    };
    let cannot_fall = direction == Verdict::Falling && ACCUMULATING_KINDS.contains(&kind);
    if same_date || cannot_fall {
        Verdict::Contradictory
    } else {
        direction
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::schema::Qualifier;

    /// A claim of `kind` with a figure and nothing else.
    pub(crate) fn claim(
        kind: ClaimKind,
        low: Option<u64>,
        high: Option<u64>,
        qualifier: Option<Qualifier>,
    ) -> ClaimRecord {
        ClaimRecord {
            kind,
            low,
            high,
            approx: matches!(qualifier, Some(Qualifier::About | Qualifier::Almost)),
            qualifier,
            text: String::new(),
            start: 0,
            end: 0,
            sentence: 0,
            subject: None,
            side: None,
            place: None,
            time: None,
            rate: None,
            attributed_to: None,
            sentence_text: None,
            paragraph: None,
            unit: Default::default(),
            event: Default::default(),
            geo: None,
            parts: Vec::new(),
        }
    }

    use ClaimKind::{Killed, Troops};

    #[test]
    fn almost_and_more_than_the_same_number_do_not_meet() {
        let almost = Interval::of(&claim(Troops, None, Some(100_000), Some(Qualifier::Almost)));
        let more = Interval::of(&claim(Troops, Some(100_000), None, Some(Qualifier::MoreThan)));
        assert_eq!(verdict(Troops, &almost, &more, false), Verdict::Rising);
        assert_eq!(verdict(Troops, &almost, &more, true), Verdict::Contradictory);
    }

    #[test]
    fn open_bounds_overlap_points_inside_them() {
        let more = Interval::of(&claim(Killed, Some(13_000), None, Some(Qualifier::MoreThan)));
        let exact = Interval::of(&claim(Killed, Some(14_000), Some(14_000), None));
        assert_eq!(verdict(Killed, &more, &exact, false), Verdict::Consistent);
        assert_eq!(verdict(Killed, &exact, &more, false), Verdict::Consistent);
    }

    #[test]
    fn a_falling_death_toll_contradicts_and_falling_troops_do_not() {
        let high = Interval::of(&claim(Killed, Some(14_000), Some(14_000), None));
        let low = Interval::of(&claim(Killed, Some(10_000), Some(10_000), None));
        assert_eq!(verdict(Killed, &high, &low, false), Verdict::Contradictory);
        assert_eq!(verdict(Troops, &high, &low, false), Verdict::Falling);
    }

    #[test]
    fn hedged_points_are_widened() {
        let about = Interval::of(&claim(Killed, Some(14_000), Some(14_000), Some(Qualifier::About)));
        let exact = Interval::of(&claim(Killed, Some(15_000), Some(15_000), None));
        assert_eq!(verdict(Killed, &about, &exact, true), Verdict::Consistent);
    }

    #[test]
    fn small_figures_agree_when_equal_or_a_bound_is_just_met_larger_ones_within_a_factor() {
        let of = |low: Option<u64>, high: Option<u64>| Interval::of(&claim(Killed, low, high, None));
        assert!(!of(Some(2), Some(2)).agrees_with(&of(Some(3), Some(3))));
        assert!(of(Some(3), None).agrees_with(&of(Some(4), Some(4))), "at least three, then four");
        assert!(!of(Some(4), Some(4)).agrees_with(&of(Some(2), None)), "four is more than 1.5 times two");
        assert!(!of(None, Some(3)).agrees_with(&of(Some(4), Some(4))), "up to three is not four");
        assert!(!of(Some(2), None).agrees_with(&of(Some(40), Some(99))));
        assert!(of(Some(23), Some(23)).agrees_with(&of(Some(25), Some(25))));
        assert!(of(Some(40), None).agrees_with(&of(Some(53), Some(53))));
        assert!(!of(None, Some(66)).agrees_with(&of(Some(140), Some(140))));
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(14000.0), "14,000");
        assert_eq!(thousands(100.0), "100");
        assert_eq!(thousands(1_250_000.0), "1,250,000");
    }

    #[test]
    fn figures_read_as_a_reader_writes_them() {
        let plain = |low, high, qualifier| {
            let claim = claim(Killed, low, high, qualifier);
            plain_figure(claim.low, claim.high, &Interval::of(&claim))
        };
        assert_eq!(plain(Some(23), None, Some(Qualifier::AtLeast)), "at least 23");
        assert_eq!(plain(Some(13000), None, Some(Qualifier::MoreThan)), "more than 13,000");
        assert_eq!(plain(None, Some(66), Some(Qualifier::UpTo)), "up to 66");
        assert_eq!(plain(Some(4000), Some(4000), Some(Qualifier::About)), "about 4,000");
        assert_eq!(plain(Some(23), Some(25), None), "23-25");
        assert_eq!(plain(Some(14000), Some(14000), None), "14,000");
    }
}
