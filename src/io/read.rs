//! Streaming readers: `.txt` and `.html` / `.htm` files, `.jsonl` / `.jsonl.gz` files,
//! directories and stdin.
//!
//! [`read_inputs`] yields one item per document, lazily: a corpus is never held in
//! memory, and no document over [`MAX_DOCUMENT_BYTES`] is ever buffered whole. A document
//! that cannot be read becomes a [`DocError`] item naming the document and the reason,
//! so that every input ends up in the output.
//!
//! HTML pages (files, a JSONL `html` field, or stdin starting with `<`) go through
//! `rs-trafilatura`: its main text becomes the document text, and the page's title and
//! date fill what the container does not give.

use crate::doc::{Meta, PartialDate};
use chrono::Datelike;
use flate2::read::MultiGzDecoder;
use serde::Deserialize;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// A document that could not be read, with enough context to find it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {reason}")]
pub struct DocError {
    /// The document id when known, else its path and line.
    pub id: String,
    /// Where it came from: the path, with `:line` for JSONL.
    pub location: String,
    /// What is wrong with it.
    pub reason: String,
}

/// A document as read: the text and what the container said about it.
pub type Input = Result<(String, Meta), DocError>;

/// The largest document read (16 MiB): a longer JSONL line or file becomes an error
/// record after being skipped in bounded memory. News articles are a thousand times
/// smaller; a document this long is almost always a broken export.
pub const MAX_DOCUMENT_BYTES: usize = 16 << 20;

/// One line of a JSONL corpus.
#[derive(Deserialize)]
struct JsonRecord {
    text: Option<serde_json::Value>,
    html: Option<String>,
    id: Option<serde_json::Value>,
    source: Option<String>,
    date: Option<String>,
    title: Option<String>,
    url: Option<String>,
}

/// File name endings the directory walk picks up.
const CORPUS_EXTENSIONS: [&str; 5] = [".txt", ".jsonl", ".jsonl.gz", ".html", ".htm"];

/// Reads every input path in order (`-` is stdin), yielding documents one at a time.
///
/// A path that cannot be opened at all yields one error item for that path.
pub fn read_inputs(paths: &[PathBuf]) -> impl Iterator<Item = Input> + Send + '_ {
    paths.iter().flat_map(|path| read_path(path))
}

fn read_path(path: &Path) -> Box<dyn Iterator<Item = Input> + Send> {
    if path.as_os_str() == "-" {
        return Box::new(read_stream(io::stdin(), "<stdin>", "stdin"));
    }
    if path.is_dir() {
        let mut walk = Walk::default();
        walk.visit(path);
        return Box::new(walk.found.into_iter().flat_map(|found| match found {
            Ok(file) => read_path(&file),
            Err(error) => Box::new(std::iter::once(Err(error))),
        }));
    }
    if is_stream(path) {
        eprintln!("claimex: reading {} as a stream (it waits for a writer, if none yet)", path.display());
        return match File::open(path) {
            Ok(file) => Box::new(read_stream(file, &path.display().to_string(), &file_id(path))),
            Err(err) => Box::new(std::iter::once(Err(path_error(path, &err)))),
        };
    }
    let name = path.to_string_lossy();
    if name.ends_with(".jsonl.gz") || name.ends_with(".json.gz") {
        open_lines(path, |file| Box::new(BufReader::new(MultiGzDecoder::new(file))))
    } else if name.ends_with(".jsonl") || name.ends_with(".json") {
        open_lines(path, |file| Box::new(BufReader::new(file)))
    } else {
        Box::new(std::iter::once(read_file(path)))
    }
}

/// How many documents [`read_inputs`] yields for `paths`, counted without parsing:
/// one per plain-text or HTML file (or path that cannot be opened), one per non-blank
/// line of a JSONL file. `None` when a count would mean consuming or decompressing the
/// input: stdin, a pipe or other stream, a `.jsonl.gz` file. A JSONL line that is only a
/// byte-order mark counts as a document, so the count can be one too high.
pub fn count_documents(paths: &[PathBuf]) -> Option<u64> {
    paths.iter().map(|path| count_path(path)).sum()
}

fn count_path(path: &Path) -> Option<u64> {
    if path.as_os_str() == "-" || is_stream(path) {
        return None;
    }
    if path.is_dir() {
        let mut walk = Walk::default();
        walk.visit(path);
        return walk.found.iter().map(|found| found.as_ref().map_or(Some(1), |file| count_path(file))).sum();
    }
    let name = path.to_string_lossy();
    if name.ends_with(".jsonl.gz") || name.ends_with(".json.gz") {
        None
    } else if name.ends_with(".jsonl") || name.ends_with(".json") {
        Some(File::open(path).and_then(count_lines).unwrap_or(1))
    } else {
        Some(1)
    }
}

/// The lines of `reader` that hold a byte other than ASCII whitespace.
fn count_lines(reader: impl Read) -> io::Result<u64> {
    let mut reader = BufReader::with_capacity(1 << 20, reader);
    let (mut lines, mut open) = (0, false);
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(lines + u64::from(open));
        }
        for &byte in buffer {
            if byte == b'\n' {
                lines += u64::from(open);
                open = false;
            } else if !byte.is_ascii_whitespace() {
                open = true;
            }
        }
        let used = buffer.len();
        reader.consume(used);
    }
}

/// Reads the documents of a JSONL stream named `name` (used in error locations).
pub fn read_jsonl(reader: Box<dyn BufRead + Send>, name: String) -> impl Iterator<Item = Input> + Send {
    JsonLines::new(reader, name)
}

fn open_lines(
    path: &Path,
    wrap: impl FnOnce(File) -> Box<dyn BufRead + Send>,
) -> Box<dyn Iterator<Item = Input> + Send> {
    match File::open(path) {
        Ok(file) => Box::new(JsonLines::new(wrap(file), stable_name(path))),
        Err(err) => Box::new(std::iter::once(Err(path_error(path, &err)))),
    }
}

/// Whether `path` is a FIFO, a character device or a socket (`<(cat x.jsonl)`, a named
/// pipe): read as a stream whose format is sniffed, whatever its name.
fn is_stream(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::metadata(path).is_ok_and(|m| {
        let kind = m.file_type();
        kind.is_fifo() || kind.is_char_device() || kind.is_socket()
    })
}

/// A stream (stdin, a pipe) holds JSONL when its first non-blank byte is `{`, an HTML
/// page when it is `<`, else one plain-text document; a UTF-8 byte-order mark before
/// them is dropped. A blank stream holds no document (an empty pipe, as an empty Spark
/// partition gives).
fn read_stream(reader: impl Read + Send + 'static, location: &str, id: &str) -> Box<dyn Iterator<Item = Input> + Send> {
    let mut stream = BufReader::new(reader);
    let first = match stream.fill_buf() {
        Ok(buf) if buf.starts_with(&UTF8_BOM) => {
            stream.consume(UTF8_BOM.len());
            stream.fill_buf().ok().and_then(|buf| buf.iter().find(|b| !b.is_ascii_whitespace()).copied())
        }
        Ok(buf) => buf.iter().find(|b| !b.is_ascii_whitespace()).copied(),
        Err(_) => None,
    };
    match first {
        None => return Box::new(std::iter::empty()),
        Some(b'{') => return Box::new(JsonLines::new(Box::new(stream), location.to_string())),
        _ => {}
    }
    let item = read_bounded(stream, id, location).and_then(|bytes| match first {
        Some(b'<') => from_html(&bytes, id, location),
        _ => decode_text(bytes, id, location),
    });
    Box::new(std::iter::once(item))
}

/// The UTF-8 byte-order mark some editors and Windows tools put first in a file.
const UTF8_BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// Reads a whole stream, refusing (after reading no more than the limit) one over
/// [`MAX_DOCUMENT_BYTES`].
fn read_bounded(reader: impl Read, id: &str, location: &str) -> Result<Vec<u8>, DocError> {
    let fail = |reason: String| DocError { id: id.to_string(), location: location.to_string(), reason };
    let mut bytes = Vec::new();
    reader
        .take(MAX_DOCUMENT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| fail(format!("cannot read: {err}")))?;
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(fail(too_long(None)));
    }
    Ok(bytes)
}

/// The reason given for a document over the size limit.
fn too_long(bytes: Option<usize>) -> String {
    let size = bytes.map_or_else(|| "more than 16 MiB".to_string(), |b| format!("{b} bytes"));
    format!("document too long: {size}, over the limit of {MAX_DOCUMENT_BYTES} bytes (16 MiB); split it into articles")
}

/// A walk of a directory tree for corpus files.
#[derive(Default)]
struct Walk {
    /// Corpus files in a stable (sorted, depth-first) order, and an error for each
    /// directory or entry that could not be read (the rest of the walk goes on).
    found: Vec<Result<PathBuf, DocError>>,
    /// (device, inode) of every directory and file met, so that a symbolic link loop or
    /// a second link to the same file is followed once.
    seen: std::collections::HashSet<(u64, u64)>,
}

impl Walk {
    /// Walks `dir`, recursively.
    fn visit(&mut self, dir: &Path) {
        if !self.first_visit(dir) {
            return;
        }
        let entries = std::fs::read_dir(dir).and_then(|entries| entries.map(|e| e.map(|e| e.path())).collect());
        let mut entries: Vec<PathBuf> = match entries {
            Ok(entries) => entries,
            Err(err) => return self.found.push(Err(path_error(dir, &err))),
        };
        entries.sort();
        for entry in entries {
            if entry.is_dir() {
                self.visit(&entry);
            } else if is_corpus_file(&entry) && self.first_visit(&entry) {
                self.found.push(Ok(entry));
            }
        }
    }

    /// Whether `path` (followed through links) was not met before; marks it met.
    fn first_visit(&mut self, path: &Path) -> bool {
        use std::os::unix::fs::MetadataExt;
        match std::fs::metadata(path) {
            Ok(meta) => self.seen.insert((meta.dev(), meta.ino())),
            Err(_) => true,
        }
    }
}

/// The name a JSONL file's documents without an id are known by (`name:line`): the same
/// however the path is spelled ("x.jsonl", "./x.jsonl", "/abs/dir/x.jsonl" from
/// /abs/dir), so that `--resume` recognises them: relative to the working directory
/// when inside it, else absolute.
fn stable_name(path: &Path) -> String {
    let Some(absolute) = canonical(path) else { return path.display().to_string() };
    let cwd = std::env::current_dir().ok().and_then(|d| d.canonicalize().ok());
    let relative = cwd.as_deref().and_then(|cwd| absolute.strip_prefix(cwd).ok());
    relative.unwrap_or(&absolute).display().to_string()
}

/// Whether the directory walk reads `path`: a name with a corpus extension.
pub fn is_corpus_file(path: &Path) -> bool {
    CORPUS_EXTENSIONS.iter().any(|ext| path.to_string_lossy().ends_with(ext))
}

/// `path` made absolute with links resolved, or for a file not yet there, its
/// directory's canonical path joined with its name; `None` when neither resolves.
pub fn canonical(path: &Path) -> Option<PathBuf> {
    if let Ok(path) = path.canonicalize() {
        return Some(path);
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    Some(parent.canonicalize().ok()?.join(path.file_name()?))
}

fn path_error(path: &Path, err: &io::Error) -> DocError {
    DocError { id: file_id(path), location: path.display().to_string(), reason: format!("cannot read: {err}") }
}

/// The id of a plain-text document: its file stem.
fn file_id(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// Reads a plain-text or HTML file (by its extension), refusing one over the size limit.
fn read_file(path: &Path) -> Input {
    let (id, location) = (file_id(path), path.display().to_string());
    let file = File::open(path).map_err(|err| path_error(path, &err))?;
    let bytes = read_bounded(file, &id, &location)?;
    let name = location.to_lowercase();
    let (text, mut meta) = if name.ends_with(".html") || name.ends_with(".htm") {
        from_html(&bytes, &id, &location)?
    } else {
        decode_text(bytes, &id, &location)?
    };
    meta.source = Some(location);
    Ok((text, meta))
}

/// Extracts the main text, title and date of an HTML page.
fn from_html(html: &[u8], id: &str, location: &str) -> Input {
    let fail = |reason: String| DocError { id: id.to_string(), location: location.to_string(), reason };
    let extracted = std::panic::catch_unwind(|| rs_trafilatura::extract_bytes(html))
        .map_err(|_| fail("HTML extraction failed: the extractor crashed on this page".into()))?
        .map_err(|err| fail(format!("HTML extraction failed: {err}")))?;
    if extracted.content_text.trim().is_empty() {
        return Err(fail("no main text found in the HTML page".into()));
    }
    let page = extracted.metadata;
    let date = page.date.map(|d| PartialDate::day(d.year(), d.month(), d.day()));
    let meta = Meta { id: id.to_string(), date, title: page.title, url: page.url, html: true, ..Meta::default() };
    Ok((extracted.content_text, meta))
}

/// Checks and decodes the bytes of a plain-text document: UTF-8 (a byte-order mark
/// dropped), or UTF-16 with a byte-order mark or recognisable by its zero bytes.
fn decode_text(mut bytes: Vec<u8>, id: &str, location: &str) -> Input {
    let fail = |reason: String| DocError { id: id.to_string(), location: location.to_string(), reason };
    if bytes.starts_with(&UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    if let Some(little_endian) = utf16_order(&bytes) {
        let text = decode_utf16(&bytes, little_endian).ok_or_else(|| fail("invalid UTF-16 text".into()))?;
        return Ok((text, Meta { id: id.to_string(), ..Meta::default() }));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(fail("empty document".into()));
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(fail(format!("binary content: NUL byte at offset {pos}")));
    }
    let text = String::from_utf8(bytes)
        .map_err(|err| fail(format!("invalid UTF-8 at byte {}", err.utf8_error().valid_up_to())))?;
    Ok((text, Meta { id: id.to_string(), ..Meta::default() }))
}

/// The byte order of UTF-16 text (`true`: little-endian), from its byte-order mark, or
/// from zero bytes in every other position of its first bytes (English text in UTF-16
/// without a mark); `None` for anything else.
fn utf16_order(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some(true),
        [0xFE, 0xFF, ..] => return Some(false),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 4 {
        return None;
    }
    let zeros = |offset: usize| head.iter().skip(offset).step_by(2).filter(|&&b| b == 0).count();
    let pairs = head.len() / 2;
    match (zeros(0), zeros(1)) {
        (0, odd) if odd * 10 >= pairs * 9 => Some(true),
        (even, 0) if even * 10 >= pairs * 9 => Some(false),
        _ => None,
    }
}

/// Decodes UTF-16 bytes (a byte-order mark dropped); `None` when they are not UTF-16.
fn decode_utf16(bytes: &[u8], little_endian: bool) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if little_endian {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let text = String::from_utf16(&units.collect::<Vec<u16>>()).ok()?;
    Some(text.strip_prefix('\u{FEFF}').unwrap_or(&text).to_string())
}

/// Iterator over the documents of a JSONL stream, one per non-blank line.
struct JsonLines {
    reader: Box<dyn BufRead + Send>,
    name: String,
    line_number: usize,
    buffer: Vec<u8>,
    failed: bool,
}

impl JsonLines {
    fn new(reader: Box<dyn BufRead + Send>, name: String) -> Self {
        JsonLines { reader, name, line_number: 0, buffer: Vec::new(), failed: false }
    }

    fn location(&self) -> String {
        format!("{}:{}", self.name, self.line_number)
    }
}

impl Iterator for JsonLines {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            if self.failed {
                return None;
            }
            self.buffer.clear();
            self.line_number += 1;
            let read = read_bounded_line(&mut self.reader, &mut self.buffer);
            if self.line_number == 1 {
                if self.buffer.starts_with(&UTF8_BOM) {
                    self.buffer.drain(..UTF8_BOM.len());
                } else if utf16_order(&self.buffer).is_some() {
                    self.failed = true;
                    let location = self.location();
                    let reason =
                        "the file is UTF-16 encoded; JSONL must be UTF-8 (convert it: iconv -f UTF-16 -t UTF-8)";
                    return Some(Err(DocError { id: location.clone(), location, reason: reason.into() }));
                }
            }
            match read {
                Ok(Line::End) => return None,
                Ok(Line::Read) if self.buffer.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Line::Read) => return Some(parse_json_line(&self.buffer, &self.location())),
                Ok(Line::TooLong(bytes)) => {
                    let location = self.location();
                    return Some(Err(DocError { id: location.clone(), location, reason: too_long(Some(bytes)) }));
                }
                Err(err) => {
                    self.failed = true;
                    let location = self.location();
                    return Some(Err(DocError {
                        id: location.clone(),
                        location,
                        reason: format!("read error: {err}"),
                    }));
                }
            }
        }
    }
}

/// What [`read_bounded_line`] found.
enum Line {
    /// The stream is over.
    End,
    /// A line (with its newline, if any) is in the buffer.
    Read,
    /// The line had this many bytes, over [`MAX_DOCUMENT_BYTES`]; it was skipped.
    TooLong(usize),
}

/// Reads one line into `buffer`, but stops storing (and goes on skipping to the line's
/// end) once it is longer than [`MAX_DOCUMENT_BYTES`], so memory stays bounded.
fn read_bounded_line(reader: &mut dyn BufRead, buffer: &mut Vec<u8>) -> io::Result<Line> {
    let mut total = 0usize;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if available.is_empty() {
            break;
        }
        let newline = available.iter().position(|&b| b == b'\n');
        let used = newline.map_or(available.len(), |at| at + 1);
        if total + used <= MAX_DOCUMENT_BYTES + 1 {
            buffer.extend_from_slice(&available[..used]);
        } else {
            buffer.clear();
        }
        total += used;
        reader.consume(used);
        if newline.is_some() {
            break;
        }
    }
    Ok(match total {
        0 => Line::End,
        n if n > MAX_DOCUMENT_BYTES + 1 => Line::TooLong(n),
        _ => Line::Read,
    })
}

/// Parses one JSONL line into a document, or says precisely why it cannot; `location`
/// (`file:line`) names the document in errors, and is its id when the line has none.
/// The Python package reads each record a caller passes through it, as the CLI does a line.
pub fn parse_json_line(line: &[u8], location: &str) -> Input {
    let fail = |id: &str, reason: String| DocError { id: id.to_string(), location: location.to_string(), reason };
    let line = std::str::from_utf8(line)
        .map_err(|err| fail(location, format!("invalid UTF-8 at byte {}", err.valid_up_to())))?;
    let record: JsonRecord =
        serde_json::from_str(line).map_err(|err| fail(location, format!("not a JSON object: {err}")))?;
    let id = match &record.id {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => location.to_string(),
    };
    let (text, page) = match (record.text, record.html) {
        (Some(serde_json::Value::String(text)), _) if !text.trim().is_empty() => (text, None),
        (Some(serde_json::Value::String(_)), _) => return Err(fail(&id, "empty \"text\" field".into())),
        (Some(_), _) => return Err(fail(&id, "\"text\" field is not a string".into())),
        (None, Some(html)) => {
            let (text, page) = from_html(html.as_bytes(), &id, location)?;
            (text, Some(page))
        }
        (None, None) => return Err(fail(&id, "missing \"text\" (or \"html\") field".into())),
    };
    // `YYYY/MM/DD` (as in NYT dumps) reads like `YYYY-MM-DD`.
    let date = record.date.as_deref().and_then(|d| PartialDate::parse(&d.get(..10).unwrap_or(d).replace('/', "-")));
    let page = page.unwrap_or_default();
    let meta = Meta {
        id,
        source: record.source,
        date: date.or(page.date),
        title: record.title.or(page.title),
        url: record.url.or(page.url),
        html: page.html,
    };
    Ok((text, meta))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_lines_become_documents_or_specific_errors() {
        let data = b"{\"id\":\"a\",\"text\":\"Kiev said two soldiers died.\",\"date\":\"2021-11-13\"}\n\nnot json\n{\"id\":7}\n{\"text\":\"\"}\n";
        let items: Vec<Input> = JsonLines::new(Box::new(&data[..]), "c.jsonl".into()).collect();
        assert_eq!(items.len(), 4);
        let (text, meta) = items[0].as_ref().unwrap();
        assert_eq!(text, "Kiev said two soldiers died.");
        assert_eq!(meta.date, PartialDate::parse("2021-11-13"));
        let err = items[1].as_ref().unwrap_err();
        assert_eq!(err.location, "c.jsonl:3");
        assert!(err.reason.starts_with("not a JSON object"), "{}", err.reason);
        let err = items[2].as_ref().unwrap_err();
        assert_eq!((err.id.as_str(), err.reason.as_str()), ("7", "missing \"text\" (or \"html\") field"));
        assert_eq!(items[3].as_ref().unwrap_err().reason, "empty \"text\" field");
    }

    #[test]
    fn text_bytes_are_checked() {
        assert_eq!(decode_text(b"  \n".to_vec(), "x", "x.txt").unwrap_err().reason, "empty document");
        assert_eq!(
            decode_text(b"ab\0c".to_vec(), "x", "x.txt").unwrap_err().reason,
            "binary content: NUL byte at offset 2"
        );
        assert_eq!(decode_text(b"ok \xff".to_vec(), "x", "x.txt").unwrap_err().reason, "invalid UTF-8 at byte 3");
        assert_eq!(decode_text("Kyiv’s".as_bytes().to_vec(), "x", "x.txt").unwrap().0, "Kyiv’s");
    }

    #[test]
    fn documents_are_counted_without_reading_them() {
        let dir = std::env::temp_dir().join(format!("claimex-count-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("a.jsonl"), "{\"text\":\"a\"}\n\n  \t\n{\"text\":\"b\"}\r\n{\"text\":\"c\"}").unwrap();
        std::fs::write(dir.join("sub/b.txt"), "One story.").unwrap();
        std::fs::write(dir.join("sub/c.html"), "<p>Another.</p>").unwrap();
        std::fs::write(dir.join("notes.md"), "not a corpus file").unwrap();
        assert_eq!(count_documents(&[dir.join("a.jsonl")]), Some(3));
        assert_eq!(count_documents(&[dir.join("a.jsonl")]), Some(read_inputs(&[dir.join("a.jsonl")]).count() as u64));
        assert_eq!(count_documents(&[dir.join("sub")]), Some(2));
        assert_eq!(count_documents(std::slice::from_ref(&dir)), Some(5));
        assert_eq!(count_documents(&[dir.join("missing.txt")]), Some(1));
        std::fs::write(dir.join("d.jsonl.gz"), b"").unwrap();
        assert_eq!(count_documents(std::slice::from_ref(&dir)), None);
        assert_eq!(count_documents(&[dir.join("a.jsonl"), PathBuf::from("-")]), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
