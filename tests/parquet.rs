//! `claimex extract --format parquet` writes the claims layer that the JSONL holds, one
//! row group per chunk, and reads back the same.

use claimex::io::parquet::{read_claim_rows, ClaimRow};
use parquet::file::reader::{FileReader, SerializedFileReader};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn extract(format: &str, out: &Path) {
    let run = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args([
            "extract",
            "fixtures/corpus",
            "--no-ner",
            "--threads",
            "2",
            "--no-progress",
            "--chunk-size",
            "2",
            "--format",
            format,
            "-o",
        ])
        .arg(out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("claimex runs");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
}

fn text(value: &Value) -> Option<String> {
    value.as_str().map(str::to_string)
}

/// The rows the JSONL records say the Parquet file must hold.
fn rows_of_jsonl(path: &Path) -> Vec<ClaimRow> {
    let mut rows = Vec::new();
    for line in std::fs::read_to_string(path).unwrap().lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        for claim in record["claims"].as_array().unwrap() {
            let time = &claim["time"];
            let by = &claim["attributed_to"];
            let paragraph = &claim["paragraph"];
            rows.push(ClaimRow {
                doc_id: text(&record["id"]).unwrap(),
                source: text(&record["source"]),
                date: text(&record["date"]),
                date_inferred: record["date_inferred"].as_bool().unwrap(),
                kind: claim["kind"].as_str().unwrap().parse().unwrap(),
                low: claim["low"].as_u64(),
                high: claim["high"].as_u64(),
                approx: claim["approx"].as_bool().unwrap(),
                qualifier: text(&claim["qualifier"]).map(|q| q.parse().unwrap()),
                text: text(&claim["text"]).unwrap(),
                start: claim["start"].as_u64().unwrap(),
                end: claim["end"].as_u64().unwrap(),
                sentence: claim["sentence"].as_u64().unwrap(),
                subject: text(&claim["subject"]),
                side: text(&claim["side"]),
                place: text(&claim["place"]),
                time_text: text(&time["text"]),
                time_from: text(&time["from"]),
                time_to: text(&time["to"]),
                rate: text(&claim["rate"]).map(|r| r.parse().unwrap()),
                attributed_to: text(&by["text"]),
                attributed_to_start: by["start"].as_u64(),
                attributed_to_end: by["end"].as_u64(),
                sentence_text: text(&claim["sentence_text"]),
                paragraph_text: text(&paragraph["text"]),
                paragraph_start: paragraph["start"].as_u64(),
                paragraph_end: paragraph["end"].as_u64(),
                unit: claim["unit"].as_str().unwrap().parse().unwrap(),
                event: claim["event"].as_str().unwrap().parse().unwrap(),
                geo: serde_json::from_value(claim["geo"].clone()).unwrap(),
            });
        }
    }
    rows
}

#[test]
fn parquet_round_trips_the_claims_of_the_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let (jsonl, parquet) = (dir.path().join("claims.jsonl"), dir.path().join("claims.parquet"));
    extract("jsonl", &jsonl);
    extract("parquet", &parquet);
    let expected = rows_of_jsonl(&jsonl);
    assert!(expected.len() >= 5, "the fixtures hold the seed claims, got {}", expected.len());
    assert!(expected.iter().any(|r| r.text == "more than 13,000" && r.low == Some(13000) && r.high.is_none()));
    assert_eq!(read_claim_rows(&parquet).unwrap(), expected);
}

#[test]
fn parquet_is_written_one_row_group_per_chunk() {
    let dir = tempfile::tempdir().unwrap();
    let parquet = dir.path().join("claims.parquet");
    extract("parquet", &parquet);
    let reader = SerializedFileReader::new(std::fs::File::open(&parquet).unwrap()).unwrap();
    assert!(reader.metadata().num_row_groups() >= 2, "five stories in chunks of two make several row groups");
}

#[test]
fn parquet_needs_an_output_file() {
    let run = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(["extract", "fixtures/corpus", "--no-ner", "--format", "parquet"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("claimex runs");
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("Parquet output needs a file"));
}
