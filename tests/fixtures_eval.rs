//! The fixture stories scored against their hand-checked gold with the same scorer as
//! `claimex eval fixtures`, using the real NER model.

use claimex::eval::{self, FixtureReport};
use claimex::ner;
use claimex::pipeline::{Options, Pipeline, Transformer};
use std::path::Path;
use std::sync::OnceLock;

fn report() -> &'static FixtureReport {
    static REPORT: OnceLock<FixtureReport> = OnceLock::new();
    REPORT.get_or_init(|| {
        let runtime =
            claimex::tagger::init_runtime(None).expect("ONNX Runtime: run `make runtime` or set ORT_DYLIB_PATH");
        let model = ner::Model::load(runtime, &ner::model_dir(None), 2).expect("models/ner loads");
        let pipeline =
            Pipeline::new(Transformer::Ner(model), Options { threads: 2, chunk_size: 16, progress: false, ..Default::default() }).unwrap();
        eval::fixtures(&pipeline, &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")).expect("fixtures score")
    })
}

#[test]
fn every_seed_figure_is_found_with_its_kind_and_interval_and_nothing_else() {
    let r = report();
    assert_eq!(r.documents, 5);
    assert_eq!((r.claims.tp, r.claims.fp, r.claims.fn_), (8, 0, 0), "{r}");
    assert_eq!(r.claim_intervals.tp, 8, "{r}");
    assert_eq!(r.claim_side.correct, r.claim_side.total, "{r}");
}

#[test]
fn claim_context_is_mostly_right() {
    let r = report();
    assert!(r.claim_source.value() >= 0.85, "{r}");
    assert!(r.claim_time.value() >= 0.7, "{r}");
}

#[test]
fn seed_quotes_are_found_with_their_canonical_speakers() {
    let r = report();
    assert!(r.quotes.f1() >= 0.9, "{r}");
    assert!(r.quote_speaker.value() >= 0.9, "{r}");
}
