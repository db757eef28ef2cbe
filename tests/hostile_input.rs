//! Hostile input and careless use (issue 17): each test is a case that lost, duplicated
//! or corrupted data, or hung, before; it must now end in the output or in a clear
//! error, with nothing overwritten.

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `claimex` (rules only) in `dir` with `args`.
fn claimex_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(args)
        .current_dir(dir)
        .env("ORT_DYLIB_PATH", "/nonexistent")
        .stdin(Stdio::null())
        .output()
        .expect("claimex runs")
}

/// The JSON records of a JSONL text.
fn records(text: &str) -> Vec<Value> {
    text.lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect()
}

/// `(id, status)` of each record.
fn ids_and_status(text: &str) -> Vec<(String, String)> {
    records(text)
        .iter()
        .map(|r| (r["id"].as_str().unwrap().to_string(), r["status"].as_str().unwrap().to_string()))
        .collect()
}

const LINE_A: &str = "{\"id\":\"a\",\"text\":\"A man was shot and killed on Monday.\"}\n";
const LINE_B: &str = "{\"id\":\"b\",\"text\":\"Two people were wounded in the attack.\"}\n";

#[test]
fn an_output_naming_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.jsonl"), LINE_A).unwrap();
    std::fs::create_dir(dir.path().join("corpus")).unwrap();
    std::fs::write(dir.path().join("corpus/b.jsonl"), LINE_B).unwrap();
    for (input, output) in [("a.jsonl", "a.jsonl"), ("a.jsonl", "./a.jsonl"), ("corpus", "corpus/out.jsonl")] {
        let run = claimex_in(dir.path(), &["extract", input, "--no-ner", "-o", output]);
        assert_eq!(run.status.code(), Some(2), "{input} -> {output}");
        assert!(String::from_utf8_lossy(&run.stderr).contains("choose another -o"), "{input} -> {output}");
    }
    assert_eq!(std::fs::read_to_string(dir.path().join("a.jsonl")).unwrap(), LINE_A);
    assert!(!dir.path().join("corpus/out.jsonl").exists());
}

#[test]
fn absurd_flags_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.jsonl"), LINE_A).unwrap();
    for flags in [["--threads", "100000"], ["--threads", "0"], ["--chunk-size", "0"], ["--format", "jsonl"]] {
        let mut args = vec!["extract", "a.jsonl", "--no-ner", "-o", "out.parquet"];
        args.extend(flags);
        let run = claimex_in(dir.path(), &args);
        assert_eq!(run.status.code(), Some(2), "{flags:?}: {}", String::from_utf8_lossy(&run.stderr));
    }
}

#[test]
fn the_output_format_follows_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.jsonl"), LINE_A).unwrap();
    let run = claimex_in(dir.path(), &["extract", "a.jsonl", "--no-ner", "-o", "claims.parquet"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let bytes = std::fs::read(dir.path().join("claims.parquet")).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"), "a Parquet file");
}

#[test]
fn byte_order_marks_and_utf16_are_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bom.jsonl"), format!("\u{feff}{LINE_A}{LINE_B}")).unwrap();
    let utf16: Vec<u8> = "A woman was shot in the leg.".encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>();
    std::fs::write(dir.path().join("marked.txt"), [&[0xFF, 0xFE][..], &utf16].concat()).unwrap();
    std::fs::write(dir.path().join("unmarked.txt"), &utf16).unwrap();
    let utf16_jsonl: Vec<u8> = LINE_A.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(dir.path().join("wide.jsonl"), [&[0xFF, 0xFE][..], &utf16_jsonl].concat()).unwrap();
    let run = claimex_in(dir.path(), &["extract", "bom.jsonl", "marked.txt", "unmarked.txt", "wide.jsonl", "--no-ner"]);
    let out = String::from_utf8_lossy(&run.stdout);
    let found = ids_and_status(&out);
    assert_eq!(
        found,
        [("a", "ok"), ("b", "ok"), ("marked", "ok"), ("unmarked", "ok"), ("wide.jsonl:1", "error")]
            .map(|(id, status)| (id.to_string(), status.to_string()))
    );
    let all = records(&out);
    assert_eq!(all[2]["sentences"], serde_json::json!([[0, 28]]), "the UTF-16 text decoded");
    assert!(all[4]["error"].as_str().unwrap().contains("UTF-16"), "{}", all[4]["error"]);

    let mut child = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(["extract", "-", "--no-ner"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(format!("\u{feff}{LINE_A}{LINE_B}").as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let ids: Vec<String> =
        ids_and_status(&String::from_utf8_lossy(&out.stdout)).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["a", "b"], "stdin with a byte-order mark is still JSONL");
}

#[test]
fn a_directory_walk_reads_each_file_once_and_goes_on_past_errors() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::create_dir_all(root.join("locked")).unwrap();
    std::fs::write(root.join("a.jsonl"), LINE_A).unwrap();
    std::fs::write(root.join("sub/b.jsonl"), LINE_B).unwrap();
    std::fs::write(root.join("locked/c.txt"), "A boy was hurt.").unwrap();
    std::os::unix::fs::symlink(&root, root.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(root.join("a.jsonl"), root.join("sub/again.jsonl")).unwrap();
    std::os::unix::fs::symlink(root.join("missing.txt"), root.join("sub/broken.txt")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(root.join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let run = claimex_in(dir.path(), &["extract", "corpus", "--no-ner"]);
    std::fs::set_permissions(root.join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let found = ids_and_status(&String::from_utf8_lossy(&run.stdout));
    let ids: Vec<&str> = found.iter().map(|(id, _)| id.as_str()).collect();
    // Root reads a directory whatever its mode; anyone else gets an error record for it.
    let locked = if ids.contains(&"c") { "c" } else { "locked" };
    assert_eq!(ids, ["a", locked, "b", "broken"], "{found:?}");
    assert_eq!(found.iter().filter(|(_, status)| status == "error").count(), if locked == "c" { 1 } else { 2 });
}

#[test]
fn a_fifo_is_read_as_the_stream_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("feed");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, format!("{LINE_A}{LINE_B}")).unwrap())
    };
    let run = claimex_in(dir.path(), &["extract", "feed", "--no-ner"]);
    writer.join().unwrap();
    let ids: Vec<String> =
        ids_and_status(&String::from_utf8_lossy(&run.stdout)).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["a", "b"], "{}", String::from_utf8_lossy(&run.stderr));
}

#[test]
fn a_second_writer_of_the_same_output_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.jsonl"), LINE_A).unwrap();
    let output = dir.path().join("out.jsonl");
    std::fs::write(&output, "").unwrap();
    let held = std::fs::File::open(&output).unwrap();
    held.try_lock().expect("the test holds the lock");
    for resume in [true, false] {
        let mut args = vec!["extract", "a.jsonl", "--no-ner", "-o", "out.jsonl"];
        if resume {
            args.push("--resume");
        }
        let run = claimex_in(dir.path(), &args);
        assert_eq!(run.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&run.stderr).contains("another claimex run is writing"));
    }
    drop(held);
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "", "nothing written while locked");
}

#[test]
fn resume_knows_documents_without_ids_however_the_path_is_spelled() {
    let dir = tempfile::tempdir().unwrap();
    let text = "{\"text\":\"A man was shot.\"}\n{\"text\":\"A woman was hurt.\"}\n";
    std::fs::write(dir.path().join("c.jsonl"), text).unwrap();
    let first = claimex_in(dir.path(), &["extract", "c.jsonl", "--no-ner", "-o", "out.jsonl"]);
    assert!(first.status.success());
    let absolute = dir.path().join("c.jsonl").display().to_string();
    for spelling in ["./c.jsonl", absolute.as_str()] {
        let again = claimex_in(dir.path(), &["extract", spelling, "--no-ner", "-o", "out.jsonl", "--resume"]);
        assert!(String::from_utf8_lossy(&again.stderr).contains("0 documents ok, 0 failed (2 done before, skipped)"));
    }
    let ids: Vec<String> = ids_and_status(&std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap())
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(ids, ["c.jsonl:1", "c.jsonl:2"]);
}

#[test]
fn a_closed_stdout_ends_compare_and_extract_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let lines: String =
        (0..3000).map(|i| format!("{{\"id\":\"d{i}\",\"text\":\"Two soldiers were killed.\"}}\n")).collect();
    std::fs::write(dir.path().join("many.jsonl"), lines).unwrap();
    let bin = env!("CARGO_BIN_EXE_claimex");
    let script = format!(
        "'{bin}' extract many.jsonl --no-ner --no-progress | head -c 10 >/dev/null; echo extract=${{PIPESTATUS[0]}}; \
         '{bin}' extract many.jsonl --no-ner --no-progress -o all.jsonl 2>/dev/null; \
         '{bin}' compare all.jsonl --per-document --min-sources 1 | head -n 1 >/dev/null; echo compare=${{PIPESTATUS[0]}}"
    );
    let run = Command::new("bash").arg("-c").arg(&script).current_dir(dir.path()).output().unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert_eq!(stdout, "extract=141\ncompare=141\n", "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{stderr}");
}

#[test]
fn documents_of_one_repeated_unit_are_annotated_in_full() {
    // Each stage once compared every mention with every other (quotation pairs with
    // candidates, speakers with people): such documents took minutes. Their time is
    // measured in `make bench` (scaling rows); here they must come out whole and right.
    let dir = tempfile::tempdir().unwrap();
    let units = [
        ("marks", "\" ", 20_000),
        ("names", "John Smith met Anna Lee. Smith said Lee agreed. ", 2_000),
        ("numbers", "12 people were killed and 3,000 wounded. ", 2_000),
    ];
    let lines: Vec<String> =
        units.iter().map(|(id, unit, n)| serde_json::json!({"id": id, "text": unit.repeat(*n)}).to_string()).collect();
    std::fs::write(dir.path().join("repeated.jsonl"), lines.join("\n")).unwrap();
    let run = claimex_in(dir.path(), &["extract", "repeated.jsonl", "--no-ner"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let out = records(&String::from_utf8_lossy(&run.stdout));
    assert!(out.iter().all(|r| r["status"] == "ok"));
    let (marks, names, numbers) = (&out[0], &out[1], &out[2]);
    assert_eq!(marks["quotes"].as_array().unwrap().len(), 0, "bare marks quote nothing");
    let quotes = names["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 2_000);
    assert!(quotes.iter().all(|q| q["speaker"]["name"] == "John Smith"), "every 'Smith said' resolves");
    let claims = numbers["claims"].as_array().unwrap();
    let killed = claims.iter().filter(|c| c["kind"] == "killed" && c["low"] == 12).count();
    let wounded = claims.iter().filter(|c| c["kind"] == "wounded" && c["low"] == 3000).count();
    assert_eq!((killed, wounded, claims.len()), (2_000, 2_000, 4_000));
}
