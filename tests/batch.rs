//! Batch behaviour of the `claimex` binary at scale: resume after `kill -9`, static
//! shards, pipe filtering, HTML input and oversized documents.

mod common;

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn claimex() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimex"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child =
        claimex().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || input.write_all(&bytes));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    output
}

fn ids(jsonl: &str) -> Vec<String> {
    jsonl.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_str().unwrap().to_string()).collect()
}

/// A JSONL corpus of `copies` x the five fixture stories, each with its own id.
fn corpus(dir: &Path, copies: usize) -> (PathBuf, Vec<String>) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/corpus");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let texts: Vec<String> = paths.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    let (mut lines, mut ids) = (String::new(), Vec::new());
    for copy in 0..copies {
        for (n, text) in texts.iter().enumerate() {
            let id = format!("doc-{copy}-{n}");
            lines += &serde_json::json!({"id": id, "text": text, "source": "fixture"}).to_string();
            lines.push('\n');
            ids.push(id);
        }
    }
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, lines).unwrap();
    (path, ids)
}

#[test]
fn kill_9_then_resume_gives_every_document_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let (corpus, expected) = corpus(dir.path(), 400);
    let corpus = corpus.to_str().unwrap();
    let whole = dir.path().join("whole.jsonl");
    let args = ["extract", corpus, "--no-ner", "--threads", "1", "--chunk-size", "8", "--no-progress", "-o"];
    assert!(claimex().args(args).arg(&whole).status().unwrap().success());
    let killed = dir.path().join("killed.jsonl");
    let mut child = claimex().args(args).arg(&killed).stderr(Stdio::null()).spawn().unwrap();
    let started = Instant::now();
    while std::fs::metadata(&killed).map_or(0, |m| m.len()) < 20_000 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    // SIGKILL can land inside a chunk's write: only whole lines are records.
    let written = std::fs::read_to_string(&killed).unwrap();
    let partial = ids(&written[..written.rfind('\n').map_or(0, |end| end + 1)]);
    assert!(!partial.is_empty() && partial.len() < expected.len(), "killed after {} records", partial.len());
    std::fs::OpenOptions::new().append(true).open(&killed).unwrap().write_all(b"{\"id\":\"torn").unwrap();
    let resumed = claimex().args(args).arg(&killed).arg("--resume").output().unwrap();
    assert!(resumed.status.success(), "{}", String::from_utf8_lossy(&resumed.stderr));
    let stderr = String::from_utf8_lossy(&resumed.stderr);
    assert!(stderr.contains("torn last line"), "{stderr}");
    assert!(stderr.contains(&format!("({} done before, skipped)", partial.len())), "{stderr}");
    let after = std::fs::read_to_string(&killed).unwrap();
    assert_eq!(ids(&after), expected);
    assert_eq!(after, std::fs::read_to_string(&whole).unwrap());
}

#[test]
fn shards_split_the_input_and_together_cover_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let (corpus, expected) = corpus(dir.path(), 3);
    let mut covered = Vec::new();
    for shard in ["1/4", "2/4", "3/4", "4/4"] {
        let output =
            claimex().args(["extract", corpus.to_str().unwrap(), "--no-ner", "--shard", shard]).output().unwrap();
        assert!(output.status.success());
        let shard_ids = ids(&String::from_utf8_lossy(&output.stdout));
        let k: usize = shard[..1].parse().unwrap();
        let wanted: Vec<String> = expected.iter().skip(k - 1).step_by(4).cloned().collect();
        assert_eq!(shard_ids, wanted);
        covered.extend(shard_ids);
    }
    covered.sort();
    let mut all = expected.clone();
    all.sort();
    assert_eq!(covered, all);
    let bad = claimex().args(["extract", corpus.to_str().unwrap(), "--no-ner", "--shard", "5/4"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("shard must be K/N with 1 <= K <= N"));
}

#[test]
fn a_pipe_filter_reads_stdin_and_writes_stdout_and_blank_stdin_has_no_documents() {
    let line =
        serde_json::json!({"id": "p1", "text": "Kiev said two Ukrainian soldiers were killed on Friday."}).to_string();
    let output = run_with_stdin(&["extract", "-", "-o", "-", "--no-ner"], format!("{line}\n").as_bytes());
    assert!(output.status.success());
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!((record["id"].as_str(), record["claims"][0]["low"].as_f64()), (Some("p1"), Some(2.0)));
    let blank = run_with_stdin(&["extract", "-", "--no-ner"], b"\n");
    assert!(blank.status.success());
    assert!(blank.stdout.is_empty());
}

const PAGE: &str = r#"<!DOCTYPE html><html><head><title>Ukraine says two soldiers killed - Example News</title>
<meta property="article:published_time" content="2021-11-13T09:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Ukraine says two soldiers killed</h1>
<p>Ukraine's military said on Saturday that two Ukrainian soldiers were killed in the east, as Kyiv accused Moscow of massing almost 100,000 troops near the border.</p>
<p>"We are ready to defend our land," Defence Minister Oleksii Reznikov told reporters in Kyiv, adding that the situation remained tense.</p>
<p>More than 14,000 people have been killed in the conflict in the Donbas region since 2014, according to Kyiv.</p>
</article><footer>Copyright 2021 Example News. All rights reserved. Privacy policy.</footer></body></html>"#;

#[test]
fn html_pages_are_read_through_their_main_text_with_title_date_and_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), PAGE).unwrap();
    let jsonl = dir.path().join("pages.jsonl");
    std::fs::write(&jsonl, format!("{}\n", serde_json::json!({"id": "h1", "html": PAGE, "source": "example"})))
        .unwrap();
    for input in [dir.path().join("page.html"), jsonl] {
        let output = claimex().args(["extract", "--no-ner"]).arg(&input).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let record: Value = serde_json::from_slice(&output.stdout).unwrap();
        let text = record["text"].as_str().expect("the extracted text is written");
        assert!(text.contains("two Ukrainian soldiers were killed") && !text.contains("Privacy policy"), "{text}");
        assert_eq!(record["date"], "2021-11-13");
        assert!(record["title"].as_str().unwrap().starts_with("Ukraine says two soldiers killed"));
        let kinds: Vec<&str> =
            record["claims"].as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
        assert!(kinds.contains(&"killed") && kinds.contains(&"troops"), "{kinds:?}");
        for claim in record["claims"].as_array().unwrap() {
            let (start, end) = (claim["start"].as_u64().unwrap() as usize, claim["end"].as_u64().unwrap() as usize);
            let slice: String = text.chars().skip(start).take(end - start).collect();
            assert_eq!(slice, claim["text"].as_str().unwrap());
        }
        let quotes = record["quotes"].as_array().unwrap();
        let direct =
            quotes.iter().find(|q| q["content"]["text"].as_str().unwrap().contains("ready to defend")).unwrap();
        assert_eq!(direct["speaker"]["name"], "Oleksii Reznikov");
    }
}

#[test]
fn a_document_over_16_mib_becomes_an_error_record_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    write!(file, "{{\"id\":\"huge\",\"text\":\"").unwrap();
    let block = "Two soldiers were killed. ".repeat(1000);
    for _ in 0..700 {
        file.write_all(block.as_bytes()).unwrap();
    }
    writeln!(file, "\"}}").unwrap();
    writeln!(file, "{}", serde_json::json!({"id": "small", "text": "Three civilians were wounded in Kharkiv."}))
        .unwrap();
    drop(file);
    let output = claimex().args(["extract", "--no-ner"]).arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let records: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 2);
    let error = records[0]["error"].as_str().unwrap();
    assert!(
        error.contains("big.jsonl:1: document too long: 18200") && error.contains("over the limit of 16777216 bytes"),
        "{error}"
    );
    assert_eq!((records[1]["id"].as_str(), records[1]["status"].as_str()), (Some("small"), Some("ok")));
}

/// The first `count` CNN stories, one JSONL line each.
fn cnn_slice(dir: &Path, count: usize) -> PathBuf {
    let cnn = std::fs::read_to_string(common::shared("data/corpora/cnn.jsonl")).unwrap();
    let lines: Vec<&str> = cnn.lines().take(count).collect();
    let path = dir.join("cnn.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

#[test]
fn with_ner_a_document_is_the_same_whatever_its_chunk_shard_or_resume_point() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = cnn_slice(dir.path(), 24);
    let corpus = corpus.to_str().unwrap();
    let run = |extra: &[&str]| {
        let output = claimex().args(["extract", corpus, "--no-progress"]).args(extra).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    let whole = run(&["--chunk-size", "24"]);
    let lines: Vec<&str> = whole.lines().collect();
    assert_eq!(lines.len(), 24);
    assert!(lines.iter().all(|l| l.contains("\"entities\":[{")), "NER ran on every story");
    assert_eq!(run(&["--chunk-size", "1"]), whole);
    assert_eq!(run(&["--chunk-size", "5", "--threads", "1"]), whole);
    let shard = run(&["--shard", "2/3", "--chunk-size", "3"]);
    let wanted: Vec<&str> = lines.iter().skip(1).step_by(3).copied().collect();
    assert_eq!(shard.lines().collect::<Vec<_>>(), wanted);
    let resumed = dir.path().join("resumed.jsonl");
    std::fs::write(&resumed, lines[..7].join("\n") + "\n").unwrap();
    let output = claimex()
        .args(["extract", corpus, "--no-progress", "--chunk-size", "4", "--resume", "-o"])
        .arg(&resumed)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(std::fs::read_to_string(&resumed).unwrap(), whole);
}
