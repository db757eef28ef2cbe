//! claimex turns news text into a checkable file of claims.
//!
//! Data flows one way. A reader ([`io::read`]) yields raw documents; each becomes a
//! [`doc::Doc`]; the stages add layers to it, in this order:
//!
//! 1. [`clean`]: content and boilerplate spans, title, byline, date;
//! 2. [`segment`]: sentence spans;
//! 3. [`ner`]: named entities, batched across documents;
//! 4. [`quotes`]: who said what, with resolved speakers;
//! 5. [`numbers`]: count-like number mentions as intervals;
//! 6. [`claims`]: numeric claims with kind, subject, side, place, time and source;
//! 7. [`tally`]: the victims of the article's own incident;
//! 8. [`geo`]: the GeoNames place of each claim and of the document;
//!
//! and a writer ([`io::write`]) emits one record per document, in input order; the
//! record's types are [`schema`]'s, which compare, report and eval read back.
//! [`pipeline`] owns threads, batching, progress and error records; [`eval`] scores the
//! layers against gold data; [`compare`] and [`report`] read the records back to group
//! figures across sources, under a conflict [`profile`]; [`serve`] is the local web app and
//! JSON API over the same functions. Every stage is a function of
//! the `Doc` that returns its layer; no stage changes the text or another stage's layer.

pub mod attribution;
pub mod claims;
pub mod clean;
pub mod compare;
pub mod dates;
pub mod doc;
pub mod eval;
pub mod geo;
pub mod io;
pub mod lexicon;
pub mod names;
pub mod ner;
pub mod normalize;
pub mod numbers;
pub mod pipeline;
pub mod profile;
pub mod quotes;
pub mod report;
pub mod schema;
pub mod segment;
pub mod serve;
pub mod tagger;
pub mod tally;
pub mod tokens;
