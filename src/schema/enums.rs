//! The closed vocabularies of the records: each enum's names are written once, in
//! [`named_enum!`], which gives it `as_str`, `Display`, `FromStr` and serde.
//!
//! Reading an unknown name is an error ([`UnknownName`]) naming the vocabulary and the
//! value; nothing falls back to a default.

use std::fmt;
use std::str::FromStr;

/// A name outside an enum's vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {vocabulary} {name:?} (expected one of: {expected})")]
pub struct UnknownName {
    /// Which vocabulary ("claim kind", "qualifier").
    pub vocabulary: &'static str,
    /// The name read.
    pub name: String,
    /// The names allowed, comma separated.
    pub expected: String,
}

/// Defines an enum whose values are written as fixed names in the records.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $vocabulary:literal pub enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident = $text:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$variant_meta])* $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name the records use.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownName;

            fn from_str(name: &str) -> Result<Self, UnknownName> {
                Self::ALL.iter().copied().find(|value| value.as_str() == name).ok_or_else(|| UnknownName {
                    vocabulary: $vocabulary,
                    name: name.to_string(),
                    expected: Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let name = std::borrow::Cow::<str>::deserialize(deserializer)?;
                name.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

named_enum! {
    /// What a numeric claim counts.
    "claim kind" pub enum ClaimKind {
        /// People killed or dead.
        Killed = "killed",
        /// People wounded or injured.
        Wounded = "wounded",
        /// People displaced, fled, refugees, evacuated.
        Displaced = "displaced",
        /// Troops, soldiers, forces massed or deployed.
        Troops = "troops",
        /// People captured, detained or taken prisoner.
        Captured = "captured",
        /// People missing.
        Missing = "missing",
        /// People shot, the outcome not stated ("two men were shot"); the tally reads
        /// those not killed as wounded.
        Shot = "shot",
    }
}

named_enum! {
    /// How exact a GeoNames place is: a whole country, a first-level division of one
    /// (state, oblast, province), or a populated place (city, town, village).
    "geo level" pub enum GeoLevel {
        /// A country.
        Country = "country",
        /// A first-level administrative division (GeoNames admin1).
        Admin1 = "admin1",
        /// A populated place of 1,000 people or more.
        City = "city",
    }
}

named_enum! {
    /// What a claim counts: people, or households and homes, which are never turned into
    /// people ("300 families displaced" is 300 households, not 300 people).
    "unit" pub enum Unit {
        /// People (the default).
        People = "people",
        /// Households or families.
        Households = "households",
        /// Homes, houses or buildings.
        Homes = "homes",
    }
}

#[allow(clippy::derivable_impls)] // the enum is defined by `named_enum!`
impl Default for Unit {
    fn default() -> Self {
        Unit::People
    }
}

named_enum! {
    /// Which event a claim reports, relative to the article's own incident.
    "event" pub enum Event {
        /// The incident the article reports.
        Incident = "incident",
        /// A different or earlier event ("the Paris attacks that killed 130").
        Other = "other",
        /// A total over many events ("one of 19 officers killed nationwide this year").
        Aggregate = "aggregate",
    }
}

#[allow(clippy::derivable_impls)] // the enum is defined by `named_enum!`
impl Default for Event {
    fn default() -> Self {
        Event::Incident
    }
}

named_enum! {
    /// The qualifier of a number mention, normalised ("more than", "over" -> `more_than`).
    "qualifier" pub enum Qualifier {
        /// Strictly more than the number ("more than 13,000").
        MoreThan = "more_than",
        /// The number or more ("at least 40").
        AtLeast = "at_least",
        /// Just under the number ("almost 100,000").
        Almost = "almost",
        /// Near the number ("about 14,000").
        About = "about",
        /// The number or fewer ("up to 300").
        UpTo = "up_to",
        /// Strictly fewer than the number ("fewer than 50").
        LessThan = "less_than",
        /// The number or fewer, as a cap ("no more than 20").
        AtMost = "at_most",
        /// An interval introduced by "between".
        Between = "between",
        /// An interval written "20 to 30", "20-30", "two or three".
        Range = "range",
    }
}

impl Qualifier {
    /// Whether the low bound excludes the number itself.
    pub fn strict_low(self) -> bool {
        self == Qualifier::MoreThan
    }

    /// Whether the high bound excludes the number itself.
    pub fn strict_high(self) -> bool {
        matches!(self, Qualifier::Almost | Qualifier::LessThan)
    }
}

named_enum! {
    /// The label of a named entity (and the kind of a speaker).
    "entity label" pub enum EntityLabel {
        /// A person.
        Per = "PER",
        /// An organisation.
        Org = "ORG",
        /// A location.
        Loc = "LOC",
        /// Another name (nationalities, events, works).
        Misc = "MISC",
    }
}

named_enum! {
    /// Whether a document was annotated.
    "status" pub enum Status {
        /// Annotated; the layers are filled.
        Ok = "ok",
        /// Could not be read or processed; `error` says why.
        Error = "error",
    }
}

named_enum! {
    /// The unit of time a rate counts per ("100 soldiers a day").
    "rate" pub enum Rate {
        /// Per hour.
        Hour = "hour",
        /// Per day.
        Day = "day",
        /// Per week.
        Week = "week",
        /// Per month.
        Month = "month",
    }
}

named_enum! {
    /// How a quote renders the speaker's words.
    "quote kind" pub enum QuoteKind {
        /// Words inside quotation marks.
        Direct = "direct",
        /// Reported speech without quotation marks.
        Indirect = "indirect",
        /// Reported speech that quotes some words verbatim.
        Mixed = "mixed",
    }
}

named_enum! {
    /// What kind of attribution a quote's cue makes: who said what, who wrote it, or what
    /// another source (a poll, a study, a belief) shows.
    "cue kind" pub enum CueKind {
        /// Spoken or stated: "said", "told", "according to".
        Speech = "speech",
        /// Written or posted: "wrote", "tweeted", "the report said".
        Writing = "writing",
        /// Another source than a statement: "polls show", "the study found", "he believes".
        Other = "other",
    }
}

#[allow(clippy::derivable_impls)] // the enum is defined by `named_enum!`
impl Default for CueKind {
    fn default() -> Self {
        CueKind::Speech
    }
}

named_enum! {
    /// Why a stretch of text is not article content.
    "boilerplate kind" pub enum BoilerplateKind {
        /// A leading ` date YYYY-MM-DD` marker.
        DateMarker = "date_marker",
        /// A run of icon captions ("Calendar An icon of a desk calendar. ...").
        IconCaptions = "icon_captions",
        /// Navigation, teaser and section lines ("Read More", "EDITOR'S PICKS").
        Navigation = "navigation",
        /// A photo caption or credit ("(Image: AP)", "... REUTERS / Kevin Lamarque").
        PhotoCaption = "photo_caption",
        /// A line repeating an earlier line.
        Repeated = "repeated",
        /// "Updated: ...", "This is a developing story...".
        Notice = "notice",
        /// A byline ("By Press Association").
        Byline = "byline",
        /// A dateline or timestamp line ("December 2, 2021, 4:17 pm").
        Timestamp = "timestamp",
        /// The headline (kept as the title, not as body content).
        Headline = "headline",
        /// A publication name or tag line ("The National").
        Masthead = "masthead",
    }
}

named_enum! {
    /// A part of an attribution: who speaks, the speech verb, what is attributed.
    "attribution part" pub enum AttributionPart {
        /// Who speaks ("Kremlin spokesman Dmitri Peskov").
        Source = "source",
        /// The speech verb or phrase ("said", "according to").
        Cue = "cue",
        /// What is attributed.
        Content = "content",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_json() {
        for kind in BoilerplateKind::ALL {
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(json, format!("\"{kind}\""));
            assert_eq!(serde_json::from_str::<BoilerplateKind>(&json).unwrap(), *kind);
        }
        assert_eq!(serde_json::to_string(&Qualifier::MoreThan).unwrap(), "\"more_than\"");
        assert_eq!("PER".parse::<EntityLabel>(), Ok(EntityLabel::Per));
    }

    #[test]
    fn an_unknown_name_is_an_error_naming_the_vocabulary() {
        let error = "contnet".parse::<AttributionPart>().unwrap_err();
        assert_eq!(error.to_string(), "unknown attribution part \"contnet\" (expected one of: source, cue, content)");
        assert!(serde_json::from_str::<ClaimKind>("\"kiled\"").is_err());
    }

    #[test]
    fn strict_bounds_follow_the_qualifier() {
        assert!(Qualifier::MoreThan.strict_low() && !Qualifier::AtLeast.strict_low());
        assert!(Qualifier::Almost.strict_high() && Qualifier::LessThan.strict_high() && !Qualifier::UpTo.strict_high());
    }
}
