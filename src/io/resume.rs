//! `--resume`: what an earlier, interrupted run already wrote.
//!
//! Records are written as whole lines and flushed per chunk, so after a crash or a
//! `kill -9` the output holds complete records, possibly followed by one torn line
//! (a power cut mid-write). [`completed_ids`] cuts that tail off and returns the ids
//! already done; the new run then skips those documents and appends the rest.

use std::collections::HashMap;
use std::fs::OpenOptions;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

/// How many records each document id already has in the JSONL output at `path`
/// (empty when the file does not exist). A torn last line is cut off the file.
pub fn completed_ids(path: &Path) -> io::Result<HashMap<String, usize>> {
    let file = match OpenOptions::new().read(true).write(true).open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(HashMap::new()),
        Err(err) => return Err(err),
    };
    let mut reader = BufReader::new(&file);
    let mut done: HashMap<String, usize> = HashMap::new();
    let (mut complete_bytes, mut line, mut number) = (0u64, Vec::new(), 0usize);
    loop {
        line.clear();
        let read = reader.read_until(b'\n', &mut line)?;
        if read == 0 {
            break;
        }
        number += 1;
        match record_id(&line) {
            Some(id) if line.ends_with(b"\n") => *done.entry(id).or_default() += 1,
            _ if reader.fill_buf()?.is_empty() => {
                eprintln!("claimex: {}: cutting off a torn last line ({read} bytes)", path.display());
                break;
            }
            _ => {
                return Err(io::Error::other(format!(
                    "{}:{number} is not a claimex record: cannot resume",
                    path.display()
                )))
            }
        }
        complete_bytes += read as u64;
    }
    file.set_len(complete_bytes)?;
    Ok(done)
}

/// The `id` of a complete JSON record line.
fn record_id(line: &[u8]) -> Option<String> {
    let record: serde_json::Value = serde_json::from_slice(line).ok()?;
    record.get("id")?.as_str().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_torn_last_line_is_cut_off_and_complete_ids_are_counted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        let whole =
            "{\"id\":\"a\",\"status\":\"ok\"}\n{\"id\":\"b\",\"status\":\"error\"}\n{\"id\":\"a\",\"status\":\"ok\"}\n";
        std::fs::write(&path, format!("{whole}{{\"id\":\"c\",\"sta")).unwrap();
        let done = completed_ids(&path).unwrap();
        assert_eq!(done, HashMap::from([("a".to_string(), 2), ("b".to_string(), 1)]));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), whole);
        assert!(completed_ids(&dir.path().join("missing.jsonl")).unwrap().is_empty());
    }

    #[test]
    fn a_broken_line_in_the_middle_stops_the_resume() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        std::fs::write(&path, "{\"id\":\"a\"}\nnot json\n{\"id\":\"b\"}\n").unwrap();
        let error = completed_ids(&path).unwrap_err().to_string();
        assert!(error.ends_with("out.jsonl:2 is not a claimex record: cannot resume"), "{error}");
    }
}
