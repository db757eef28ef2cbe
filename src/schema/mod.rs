//! The output schema: the record types (serialise and deserialise) and the closed
//! vocabularies their fields use. The JSONL writer, Parquet, compare, report and eval
//! all read and write these types; no other module defines a record or matches an
//! enum value as a string.

pub mod enums;
pub mod record;

pub use enums::{
    AttributionPart, BoilerplateKind, ClaimKind, CueKind, EntityLabel, Event, GeoLevel, Qualifier, QuoteKind, Rate,
    Status, Unit, UnknownName,
};
pub use record::{
    ClaimRecord, EntityRecord, GeoRecord, PartRecord, QuoteRecord, Record, SpeakerRecord, TallyFigureRecord,
    TallyRecord, TextSpan, TimeRecord,
};
