//! End-to-end runs of the `claimex` binary: readers, bad input, exit codes, the output
//! contract and offsets on the fixture stories.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn claimex(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("claimex runs");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(bytes) = stdin {
        input.write_all(bytes).expect("stdin written");
    }
    drop(input);
    child.wait_with_output().expect("claimex finishes")
}

fn records(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn fixture_texts() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/corpus");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
        .iter()
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(p).unwrap()))
        .collect()
}

/// The code points `[start, end)` of `text`.
fn cp_slice(text: &str, start: u64, end: u64) -> String {
    text.chars().skip(start as usize).take((end - start) as usize).collect()
}

#[test]
fn fixtures_become_one_record_each_in_order_with_exact_offsets() {
    let output = claimex(&["extract", "fixtures/corpus", "--no-ner", "--threads", "2"], None);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let records = records(&output);
    let texts = fixture_texts();
    assert_eq!(records.len(), texts.len());
    let mut claims_checked = 0;
    for (record, (id, text)) in records.iter().zip(&texts) {
        assert_eq!(record["id"], id.as_str());
        assert_eq!(record["status"], "ok");
        assert!(record["error"].is_null());
        for key in ["sentences", "entities", "quotes", "claims"] {
            assert!(record[key].is_array(), "{key} is an array");
        }
        let sentences = record["sentences"].as_array().unwrap();
        assert!(!sentences.is_empty(), "{id}: no sentences");
        for sentence in sentences {
            let (start, end) = (sentence[0].as_u64().unwrap(), sentence[1].as_u64().unwrap());
            let sentence_text = cp_slice(text, start, end);
            assert_eq!(sentence_text.trim(), sentence_text, "sentence is trimmed");
            assert!(!sentence_text.is_empty());
        }
        for claim in record["claims"].as_array().unwrap() {
            let (start, end) = (claim["start"].as_u64().unwrap(), claim["end"].as_u64().unwrap());
            assert_eq!(cp_slice(text, start, end), claim["text"].as_str().unwrap(), "claim offsets are code points");
            claims_checked += 1;
        }
    }
    assert_eq!(claims_checked, 8, "the fixtures' eight seed claims");
    let summary = String::from_utf8_lossy(&output.stderr);
    assert!(summary.contains("5 documents ok, 0 failed"), "{summary}");
}

#[test]
fn dated_stories_carry_their_date_and_undated_ones_an_inferred_date() {
    let records = records(&claimex(&["extract", "fixtures/corpus", "--no-ner"], None));
    let dates: Vec<(&str, bool)> =
        records.iter().map(|r| (r["date"].as_str().unwrap_or("none"), r["date_inferred"].as_bool().unwrap())).collect();
    assert_eq!(
        dates,
        [
            ("2021-04-11", false),
            ("2021-12-02", false),
            ("2021-11-11", true),
            ("2022-02-24", false),
            ("2022-02-01", false)
        ]
    );
}

#[test]
fn bad_documents_become_error_records_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    write("a_good.txt", "Kiev said two Ukrainian soldiers were killed on Friday.".as_bytes());
    write("b_latin1.txt", b"Kiev said caf\xe9 owners fled.");
    write("c_empty.txt", b"");
    write("d_binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00");
    write(
        "e_corpus.jsonl",
        b"{\"id\":\"j1\",\"text\":\"More than 14,000 people died.\"}\n{\"id\":\"j2\"}\nnot json at all\n{\"id\":\"j4\",\"text\":42}\n",
    );
    let output = claimex(&["extract", dir.path().to_str().unwrap(), "--no-ner"], None);
    assert_eq!(output.status.code(), Some(1), "some documents failed");
    let records = records(&output);
    let got: Vec<(String, String, String)> = records
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["status"].as_str().unwrap().to_string(),
                r["error"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(got.len(), 8, "every input document has a record: {got:?}");
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("a_good", "ok"));
    assert!(got[1].2.ends_with("b_latin1.txt: invalid UTF-8 at byte 13"), "{}", got[1].2);
    assert!(got[2].2.ends_with("c_empty.txt: empty document"), "{}", got[2].2);
    assert!(got[3].2.ends_with("d_binary.txt: binary content: NUL byte at offset 7"), "{}", got[3].2);
    assert_eq!((got[4].0.as_str(), got[4].1.as_str()), ("j1", "ok"));
    assert!(
        got[5].0 == "j2" && got[5].2.ends_with("e_corpus.jsonl:2: missing \"text\" (or \"html\") field"),
        "{:?}",
        got[5]
    );
    assert!(got[6].2.contains("e_corpus.jsonl:3: not a JSON object"), "{}", got[6].2);
    assert!(got[7].0 == "j4" && got[7].2.ends_with("\"text\" field is not a string"), "{:?}", got[7]);
    let summary = String::from_utf8_lossy(&output.stderr);
    assert!(summary.contains("2 documents ok, 6 failed"), "{summary}");
}

#[test]
fn stdin_jsonl_and_gzip_are_read() {
    let jsonl = b"{\"id\":\"s1\",\"source\":\"wire\",\"date\":\"2021-12-02\",\"title\":\"T\",\"text\":\"More than 14,000 people died in fighting in eastern Ukraine.\"}\n";
    let output = claimex(&["extract", "-", "--no-ner"], Some(jsonl));
    assert!(output.status.success());
    let record = &records(&output)[0];
    assert_eq!(
        (record["id"].as_str(), record["source"].as_str(), record["date"].as_str(), record["title"].as_str()),
        (Some("s1"), Some("wire"), Some("2021-12-02"), Some("T"))
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.jsonl.gz");
    let mut gz = flate2::write::GzEncoder::new(std::fs::File::create(&path).unwrap(), flate2::Compression::default());
    gz.write_all(jsonl).unwrap();
    gz.finish().unwrap();
    let output = claimex(&["extract", path.to_str().unwrap(), "--no-ner"], None);
    assert!(output.status.success());
    assert_eq!(records(&output)[0]["id"], "s1");
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(claimex(&["extract"], None).status.code(), Some(2));
    assert_eq!(claimex(&["extract", "fixtures", "--bogus"], None).status.code(), Some(2));
    let missing_runtime = claimex(&["extract", "fixtures/corpus", "--ort-lib", "/nonexistent/libonnxruntime.so"], None);
    assert_eq!(missing_runtime.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing_runtime.stderr).contains("make runtime"));
}

#[test]
fn evaluation_on_a_missing_directory_names_it_once() {
    let output = claimex(
        &["eval", "quotes", "--polnear", "/nonexistent/polnear", "--fixtures", "/nonexistent", "--no-ner"],
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot read /nonexistent/corpus: No such file"), "the fixtures are read first: {stderr}");
    assert_eq!(stderr.matches("No such file").count(), 1, "{stderr}");
}
