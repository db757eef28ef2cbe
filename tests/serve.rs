//! `claimex serve` end to end: the real binary on a free loopback port, driven over HTTP.
//! Records and groups must be the ones the CLI writes for the same stories; the limits
//! must answer with JSON errors naming their flags; and a bounded load test (500
//! requests, 8 at a time) checks every answer (`make loadtest` prints its figures).

use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The seed story with the most figures and named speakers.
const STORY: &str = "fixtures/corpus/002_60d842d3bd8bacec.txt";

/// A short text with one figure and one quote, for the load test.
const SHORT: &str = "Two soldiers were killed on Monday, Dmytro Kuleba told reporters in Kyiv.";

/// A running `claimex serve`, stopped when dropped.
struct Server {
    child: Child,
    url: String,
    agent: ureq::Agent,
}

impl Server {
    /// Starts the server on a free port with `extra` flags and reads the URL it prints.
    fn start(extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimex"))
            .args(["serve", "--port", "0", "--threads", "2"])
            .args(extra)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("claimex starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout is piped")).read_line(&mut line).expect("stdout reads");
        let url = line.trim().strip_prefix("claimex serve: listening on ").unwrap_or_else(|| {
            let status = child.wait().expect("claimex ends");
            panic!("claimex serve did not print its URL (got {line:?}, exit {status})")
        });
        let agent = ureq::Agent::config_builder().http_status_as_error(false).build().new_agent();
        Server { url: url.to_string(), child, agent }
    }

    /// POSTs `body` with `content_type` to `path`: the status and the body.
    fn post(&self, path: &str, content_type: &str, body: &[u8]) -> (u16, Vec<u8>) {
        let mut response = self
            .agent
            .post(format!("{}{path}", self.url))
            .header("Content-Type", content_type)
            .send(body)
            .unwrap_or_else(|error| panic!("POST {path}: {error}"));
        let body = response.body_mut().with_config().limit(64 << 20).read_to_vec().expect("the body reads");
        (response.status().as_u16(), body)
    }

    /// POSTs JSON to `path`: the status and the JSON answer.
    fn post_json(&self, path: &str, body: &Value) -> (u16, Value) {
        let (status, answer) = self.post(path, "application/json", body.to_string().as_bytes());
        (status, serde_json::from_slice(&answer).unwrap_or_else(|e| panic!("{path} answered no JSON ({e})")))
    }

    /// GETs `path`: the status and the body as text.
    fn get(&self, path: &str) -> (u16, String) {
        let mut response = self.agent.get(format!("{}{path}", self.url)).call().expect("GET");
        (response.status().as_u16(), response.body_mut().read_to_string().expect("the body reads"))
    }

    /// The records of `documents`, checked to be a 200.
    fn extract(&self, documents: Vec<Value>) -> Vec<Value> {
        let (status, answer) = self.post_json("/extract", &json!({ "documents": documents }));
        assert_eq!(status, 200, "{answer}");
        answer["records"].as_array().expect("records").clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        _ = self.child.kill();
        _ = self.child.wait();
    }
}

/// A seed story as a request document, with the id and source `claimex extract` gives it.
fn seed(path: &str) -> Value {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(&full).expect("the seed story reads");
    let id = full.file_stem().unwrap().to_str().unwrap();
    json!({ "id": id, "text": text, "source": path })
}

/// Every seed story of fixtures/corpus, in name order.
fn seeds() -> Vec<Value> {
    let mut paths: Vec<String> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/corpus"))
        .expect("fixtures/corpus")
        .map(|entry| format!("fixtures/corpus/{}", entry.unwrap().file_name().to_str().unwrap()))
        .collect();
    paths.sort();
    paths.iter().map(|path| seed(path)).collect()
}

/// What `claimex ARGS` prints on stdout, run from the repository root.
fn claimex_stdout(args: &[&str]) -> String {
    let run = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("claimex runs");
    assert!(run.status.success(), "claimex {args:?}: {}", String::from_utf8_lossy(&run.stderr));
    String::from_utf8(run.stdout).expect("UTF-8 output")
}

#[test]
fn a_seed_story_gives_the_record_claimex_extract_writes() {
    let server = Server::start(&[]);
    let records = server.extract(vec![seed(STORY)]);
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_eq!(record["status"], "ok", "{}", record["error"]);
    let claims = record["claims"].as_array().unwrap();
    assert!(
        claims.iter().any(|c| c["kind"] == "killed" && c["text"] == "14,000" && c["low"] == 14000),
        "the 14,000 killed are missing: {claims:?}"
    );
    assert!(claims.iter().any(|c| c["kind"] == "troops" && c["text"] == "almost 100,000" && c["high"] == 100000));
    let speakers: Vec<&Value> = record["quotes"].as_array().unwrap().iter().map(|q| &q["speaker"]["name"]).collect();
    assert!(speakers.contains(&&json!("Volodymyr Zelenskiy")), "{speakers:?}");
    assert!(speakers.contains(&&json!("Ned Price")), "{speakers:?}");
    let cli: Value = serde_json::from_str(&claimex_stdout(&["extract", STORY, "--threads", "2"])).unwrap();
    assert_eq!(record, &cli, "the server's record differs from `claimex extract`'s");
}

#[test]
fn a_jsonl_body_gives_a_record_per_line_and_error_records_name_their_document() {
    let server = Server::start(&["--no-ner"]);
    let body = format!("{}\n{{\"id\": \"broken\"}}\nnot json\n", json!({ "id": "short", "text": SHORT }));
    let (status, answer) = server.post("/extract", "application/x-ndjson", body.as_bytes());
    assert_eq!(status, 200);
    let records: Value = serde_json::from_slice(&answer).unwrap();
    let records = records["records"].as_array().unwrap();
    let summary: Vec<(&str, &str)> =
        records.iter().map(|r| (r["id"].as_str().unwrap(), r["status"].as_str().unwrap())).collect();
    assert_eq!(summary, [("short", "ok"), ("broken", "error"), ("request:3", "error")]);
    assert_eq!(records[1]["error"], "request:2: missing \"text\" (or \"html\") field");
    assert_eq!(records[0]["claims"][0]["low"], 2);
}

#[test]
fn compare_groups_the_seed_figures_as_claimex_compare_does() {
    let server = Server::start(&[]);
    let records = server.extract(seeds());
    assert_eq!(records.len(), 5);
    let (status, answer) = server.post_json("/compare", &json!({ "records": records, "per_document": true }));
    assert_eq!(status, 200, "{answer}");
    let groups = answer["groups"].as_array().unwrap();
    let toll = groups
        .iter()
        .find(|g| g["heading"] == "Killed, people, Ukraine, since 2014")
        .expect("the 2014 toll group, placed in Ukraine by GeoNames");
    let documents: std::collections::BTreeSet<&str> =
        toll["entries"].as_array().unwrap().iter().map(|e| e["doc_id"].as_str().unwrap()).collect();
    assert!(documents.len() >= 2, "{documents:?}");
    let jsonl: String = records.iter().map(|r| format!("{r}\n")).collect();
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims.jsonl");
    std::fs::write(&claims, jsonl).unwrap();
    let cli: Value =
        serde_json::from_str(&claimex_stdout(&["compare", claims.to_str().unwrap(), "--per-document", "--json"]))
            .unwrap();
    assert_eq!(answer, cli, "the server's groups differ from `claimex compare --json`'s");
}

#[test]
fn export_downloads_jsonl_csv_and_parquet() {
    let server = Server::start(&["--no-ner"]);
    let records = server.extract(seeds());
    let body = json!({ "records": records, "per_document": true }).to_string();
    let (status, jsonl) = server.post("/export?format=jsonl", "application/json", body.as_bytes());
    assert_eq!(status, 200);
    let lines: Vec<Value> =
        String::from_utf8(jsonl).unwrap().lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(lines, records);
    let (status, csv) = server.post("/export?format=csv", "application/json", body.as_bytes());
    assert_eq!(status, 200);
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("group,"), "{csv}");
    assert!(csv.contains("More than 14,000"), "{csv}");
    let (status, parquet) = server.post("/export?format=parquet", "application/json", body.as_bytes());
    assert_eq!(status, 200);
    assert!(parquet.starts_with(b"PAR1") && parquet.ends_with(b"PAR1"));
    let (status, answer) = server.post("/export?format=xml", "application/json", body.as_bytes());
    assert_eq!(status, 400);
    assert!(String::from_utf8(answer).unwrap().contains("unknown variant `xml`"));
}

#[test]
fn an_oversized_body_is_413_naming_the_limit_and_its_flag() {
    let server = Server::start(&["--no-ner", "--max-body-mb", "1"]);
    let text = "Two soldiers were killed. ".repeat(50_000);
    let (status, answer) = server.post_json("/extract", &json!({ "documents": [{ "text": text }] }));
    assert_eq!(status, 413);
    let error = answer["error"].as_str().unwrap();
    assert!(error.contains("1 MiB") && error.contains("--max-body-mb"), "{error}");
}

#[test]
fn bad_json_is_400_naming_the_problem() {
    let server = Server::start(&["--no-ner"]);
    let (status, answer) = server.post("/extract", "application/json", b"{\"documents\": [");
    assert_eq!(status, 400);
    let answer: Value = serde_json::from_slice(&answer).unwrap();
    assert!(answer["error"].as_str().unwrap().contains("EOF while parsing a list at line 1 column 15"), "{answer}");
    let (status, answer) = server.post_json("/extract", &json!({ "docs": [] }));
    assert_eq!(status, 400);
    assert!(answer["error"].as_str().unwrap().contains("unknown field `docs`, expected `documents`"), "{answer}");
    let (status, answer) = server.post_json("/compare", &json!({ "records": [{ "id": "a1", "claims": 3 }] }));
    assert_eq!(status, 400);
    assert_eq!(answer["document"], "a1");
    assert!(answer["error"].as_str().unwrap().starts_with("records[0] is not a claimex record"), "{answer}");
}

#[test]
fn the_api_description_lists_every_route_the_server_answers() {
    let server = Server::start(&["--no-ner"]);
    let (status, description) = server.get("/openapi.json");
    assert_eq!(status, 200);
    let description: Value = serde_json::from_str(&description).expect("openapi.json is JSON");
    assert_eq!(description["openapi"], "3.1.0");
    let paths = description["paths"].as_object().unwrap();
    let routes: Vec<&str> = paths.keys().map(String::as_str).collect();
    assert_eq!(routes, ["/", "/compare", "/export", "/extract", "/openapi.json"]);
    for path in ["/extract", "/compare", "/export"] {
        for error in ["400", "413", "503"] {
            assert!(paths[path]["post"]["responses"].get(error).is_some(), "{path} lacks {error}");
        }
    }
    let (status, page) = server.get("/");
    assert_eq!(status, 200);
    assert!(page.contains("data-testid=\"extract-button\""));
    let (status, answer) = server.get("/nowhere");
    assert_eq!(status, 404);
    assert!(answer.contains("no route GET /nowhere"), "{answer}");
}

#[test]
fn requests_over_max_concurrent_get_503_at_once() {
    let server = Server::start(&["--no-ner", "--max-concurrent", "1"]);
    let long = json!({ "documents": (0..40).flat_map(|_| seeds()).collect::<Vec<Value>>() });
    let short = json!({ "documents": [{ "text": SHORT }] });
    // While the long extraction runs, short ones are sent; whichever came second of two
    // in flight together gets the 503 (usually a short one).
    let answers: Vec<(u16, Value)> = std::thread::scope(|scope| {
        let running = scope.spawn(|| server.post_json("/extract", &long));
        let mut answers = Vec::new();
        while !running.is_finished() {
            answers.push(server.post_json("/extract", &short));
            std::thread::sleep(Duration::from_millis(5));
        }
        answers.push(running.join().expect("the long request ends"));
        answers
    });
    let busy = answers.iter().find(|(status, _)| *status == 503).expect("no 503 while the only permit was held");
    assert!(busy.1["error"].as_str().unwrap().contains("(--max-concurrent 1)"), "{}", busy.1);
    assert!(answers.iter().all(|(status, _)| [200, 503].contains(status)));
}

/// Requests of the load test, and how many are in flight at once.
const LOAD_REQUESTS: usize = 500;
const LOAD_CONCURRENCY: usize = 8;

#[test]
fn loopback_load_test_answers_every_request() {
    let server = Server::start(&["--max-concurrent", &LOAD_CONCURRENCY.to_string()]);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let started = Instant::now();
    let mut latencies: Vec<Duration> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..LOAD_CONCURRENCY)
            .map(|_| {
                scope.spawn(|| {
                    let mut latencies = Vec::new();
                    while next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < LOAD_REQUESTS {
                        let sent = Instant::now();
                        let records = server.extract(vec![json!({ "id": "load", "text": SHORT })]);
                        latencies.push(sent.elapsed());
                        check_short_record(&records);
                    }
                    latencies
                })
            })
            .collect();
        workers.into_iter().flat_map(|worker| worker.join().expect("no failed request")).collect()
    });
    let elapsed = started.elapsed();
    latencies.sort();
    assert_eq!(latencies.len(), LOAD_REQUESTS);
    let percentile = |p: usize| latencies[(latencies.len() * p / 100).min(latencies.len() - 1)];
    println!(
        "load test: {LOAD_REQUESTS} requests, {LOAD_CONCURRENCY} concurrent, 0 failed; p50 {:.1} ms, p95 {:.1} ms, {:.0} requests/s",
        percentile(50).as_secs_f64() * 1e3,
        percentile(95).as_secs_f64() * 1e3,
        LOAD_REQUESTS as f64 / elapsed.as_secs_f64()
    );
}

/// The record of [`SHORT`]: its figure and its speaker.
fn check_short_record(records: &[Value]) {
    let [record] = records else { panic!("one record expected, got {records:?}") };
    assert_eq!(record["status"], "ok", "{record}");
    assert_eq!((&record["claims"][0]["kind"], &record["claims"][0]["low"]), (&json!("killed"), &json!(2)));
    assert_eq!(record["quotes"][0]["speaker"]["name"], "Dmytro Kuleba", "{record}");
}
