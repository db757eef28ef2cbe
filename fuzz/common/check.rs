//! The stage chains the fuzz targets drive and the offset checks they make.
//!
//! Shared by the fuzz targets (`fuzz/fuzz_targets/*.rs`) and by the regression test
//! (`tests/fuzz_regressions.rs`), which both include this file with `#[path]`, so that a
//! crash input replays exactly what the fuzzer ran. Uses only the library API of claimex
//! and serde_json.
#![allow(dead_code)]

use claimex::doc::{Doc, Meta, Span};

/// How far down the pipeline a target runs (stages in the order of `src/pipeline.rs`;
/// NER and the attribution tagger need models and are left out, their layers stay empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// `clean::clean`.
    Clean,
    /// ... then `segment::sentences`.
    Segment,
    /// ... then `quotes::quotes`.
    Quotes,
    /// ... then `numbers::quantities`.
    Numbers,
    /// ... then `claims::claims`, and the output record is built and serialised.
    Claims,
}

/// Runs the stages up to and including `last` on `text`, then checks every layer's offsets.
pub fn run_text(text: &str, meta: Meta, last: Stage) -> Doc {
    let mut doc = Doc::new(text.to_string(), meta);
    doc.cleaning = claimex::clean::clean(&doc);
    check_doc(&doc);
    if last >= Stage::Segment {
        doc.sentences = claimex::segment::sentences(&doc);
        check_doc(&doc);
    }
    if last >= Stage::Quotes {
        doc.quotes = claimex::quotes::quotes(&doc);
        check_doc(&doc);
    }
    if last >= Stage::Numbers {
        doc.quantities = claimex::numbers::quantities(&doc, claimex::claims::counting_verbs());
        check_doc(&doc);
    }
    if last >= Stage::Claims {
        doc.claims = claimex::claims::claims(&doc, &claimex::profile::default_profile());
        check_doc(&doc);
        serialise(&doc);
    }
    doc
}

/// Builds the output record of the document and serialises it (offset conversion).
pub fn serialise(doc: &Doc) -> String {
    let record = claimex::io::write::doc_record(doc);
    serde_json::to_string(&record).expect("a record serialises")
}

/// Asserts that a span lies inside `text` with both ends on character boundaries.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {}..{} out of bounds (text is {} bytes)",
        span.start,
        span.end,
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {}..{} not on character boundaries",
        span.start,
        span.end
    );
}

/// Asserts that a byte range lies inside `text` with both ends on character boundaries.
pub fn check_range(text: &str, range: &std::ops::Range<usize>, what: &str) {
    check_span(text, Span { start: range.start, end: range.end }, what);
}

/// Checks the offsets of every layer filled so far.
pub fn check_doc(doc: &Doc) {
    let text = doc.text.as_str();
    let cleaning = &doc.cleaning;
    for &span in &cleaning.content {
        check_span(text, span, "cleaning.content");
    }
    for boilerplate in &cleaning.boilerplate {
        check_span(text, boilerplate.span, "cleaning.boilerplate");
    }
    if let Some(title) = cleaning.title {
        check_span(text, title, "cleaning.title");
    }
    for &sentence in &doc.sentences {
        check_span(text, sentence, "sentences");
    }
    for entity in &doc.entities {
        check_span(text, entity.span, "entities");
    }
    for quote in &doc.quotes {
        check_span(text, quote.content, "quote.content");
        if let Some(cue) = quote.cue {
            check_span(text, cue, "quote.cue");
        }
        if let Some(speaker) = &quote.speaker {
            check_span(text, speaker.span, "quote.speaker");
        }
    }
    for quantity in &doc.quantities {
        check_span(text, quantity.span, "quantities");
    }
    for claim in &doc.claims {
        check_span(text, claim.quantity.span, "claim.quantity");
        assert!(
            claim.sentence < doc.sentences.len(),
            "claim.sentence {} out of range ({} sentences)",
            claim.sentence,
            doc.sentences.len()
        );
        for (span, what) in [
            (claim.subject, "claim.subject"),
            (claim.place, "claim.place"),
            (claim.time.as_ref().map(|t| t.span), "claim.time"),
            (claim.attributed_to, "claim.attributed_to"),
        ] {
            if let Some(span) = span {
                check_span(text, span, what);
            }
        }
    }
}

/// Runs the number finder and parser on arbitrary text and checks the ranges found.
pub fn run_numbers(text: &str) {
    for (range, _interval) in claimex::numbers::find(text) {
        check_range(text, &range, "numbers::find");
    }
    let _ = claimex::numbers::parse(text);
}

/// Reads one file through the readers (`.txt`, or `.html` through the HTML extractor,
/// by the first byte's parity; the rest is the file) and runs the whole chain on it.
pub fn run_file(data: &[u8]) {
    let Some((&selector, content)) = data.split_first() else { return };
    let extension = if selector % 2 == 0 { "txt" } else { "html" };
    let dir = if std::path::Path::new("/dev/shm").is_dir() { "/dev/shm".into() } else { std::env::temp_dir() };
    static FILES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = FILES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = std::path::Path::new(&dir).join(format!("claimex-fuzz-{}-{n}.{extension}", std::process::id()));
    std::fs::write(&path, content).expect("the fuzz input file is written");
    let items: Vec<_> = claimex::io::read_inputs(std::slice::from_ref(&path)).collect();
    let _ = std::fs::remove_file(&path);
    for item in items {
        run_input(item);
    }
}

/// Runs the whole chain on a document read, or builds the error record of one not read.
fn run_input(item: claimex::io::Input) {
    match item {
        Ok((text, meta)) => {
            // The readers promise a non-blank text; the date they keep must print.
            assert!(!text.trim().is_empty(), "a reader yielded a blank text");
            if let Some(date) = meta.date {
                let _ = date.to_string();
            }
            run_text(&text, meta, Stage::Claims);
        }
        Err(error) => {
            let _ = serde_json::to_string(&claimex::io::write::error_record(&error)).expect("a record serialises");
        }
    }
}

/// Makes the fuzzer tolerate the panics that the reader catches by design: the HTML
/// extractor (`rs-trafilatura`) runs under `catch_unwind` in `io::read`, which turns a
/// panic into an error record. libfuzzer-sys's panic hook aborts on every panic, caught or
/// not; this hook lets those through (printing one line) and aborts on any other.
pub fn tolerate_caught_extractor_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let abort_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let trace = std::backtrace::Backtrace::force_capture().to_string();
            if trace.contains("rs_trafilatura") && trace.contains("claimex::io::read::from_html") {
                eprintln!("fuzz: panic inside the HTML extractor, caught by io::read: {info}");
            } else {
                abort_hook(info);
            }
        }));
    });
}

/// Reads a JSONL stream and runs the whole chain on every document read.
pub fn run_jsonl(data: &[u8]) {
    let items = claimex::io::read_jsonl(Box::new(std::io::Cursor::new(data.to_vec())), "fuzz".into());
    for item in items {
        run_input(item);
    }
}
