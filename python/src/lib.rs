//! `claimex._native`, the extension module under the `claimex` Python package: a thin
//! PyO3 layer over the Rust core.
//!
//! Documents and records cross the boundary as JSON text, in the CLI's own formats: a
//! document is a JSONL input line ([`parse_json_line`] reads it, as `claimex extract`
//! reads a line), a record is an output line. The Python package turns them to and from
//! dicts. Every call releases the GIL while the core works.

use claimex::compare::{self, Selection};
use claimex::io::parquet::ParquetSink;
use claimex::io::read::parse_json_line;
use claimex::io::write::RecordSink;
use claimex::pipeline::{self, ModelChoice, Options, Transformer};
use claimex::profile::Profile;
use claimex::schema::Record;
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use std::fmt::Display;
use std::path::PathBuf;
use std::sync::Arc;

create_exception!(
    _native,
    ClaimexError,
    PyException,
    "An error of claimex: a model, runtime or profile that cannot be loaded, a record that cannot be read, or a document that failed."
);

/// The most worker threads accepted, as in the CLI's `--threads`.
const MAX_THREADS: usize = 256;

/// What names a document passed from Python in errors (`<python>:N`, the N-th document
/// of a call), and its id when it has none: the CLI names a JSONL line `file:N`.
const PYTHON_LOCATION: &str = "<python>";

/// A [`ClaimexError`] carrying `error`'s message.
fn claimex_error(error: impl Display) -> PyErr {
    ClaimexError::new_err(error.to_string())
}

/// The pipeline's stages with their model, loaded once.
#[pyclass(frozen, module = "claimex._native")]
struct NativePipeline {
    pipeline: pipeline::Pipeline,
}

#[pymethods]
impl NativePipeline {
    /// Loads the models `ner` and `attribution` ask for (from `ner_dir`,
    /// `attribution_dir`, with ONNX Runtime from `ort_lib`) and the conflict `profile`,
    /// on `threads` threads (default: one per core).
    #[new]
    #[pyo3(signature = (*, ner, attribution, threads, profile, ner_dir, attribution_dir, ort_lib))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        ner: bool,
        attribution: bool,
        threads: Option<usize>,
        profile: &str,
        ner_dir: Option<PathBuf>,
        attribution_dir: Option<PathBuf>,
        ort_lib: Option<PathBuf>,
    ) -> PyResult<Self> {
        let threads = threads_in_range(threads)?;
        let choice = ModelChoice { no_ner: !ner, attribution, ner_dir, attribution_dir, ort_lib };
        py.detach(|| {
            let profile = Arc::new(Profile::load(profile).map_err(claimex_error)?);
            let transformer = Transformer::load(&choice, threads).map_err(claimex_error)?;
            let options = Options { threads, progress: false, profile, ..Options::default() };
            let pipeline = pipeline::Pipeline::new(transformer, options).map_err(claimex_error)?;
            Ok(NativePipeline { pipeline })
        })
    }

    /// Annotates documents given as JSONL input lines, together (the model batches across
    /// them), and returns each one's output record as a JSON line, in order. A document
    /// that cannot be read or annotated becomes an error record, as in the CLI; it is
    /// named `<python>:N`, counting from `first_position`.
    fn annotate(&self, py: Python<'_>, lines: Vec<String>, first_position: usize) -> PyResult<Vec<String>> {
        py.detach(|| {
            let inputs = lines
                .iter()
                .enumerate()
                .map(|(i, line)| parse_json_line(line.as_bytes(), &format!("{PYTHON_LOCATION}:{}", first_position + i)))
                .collect();
            let outcomes = self.pipeline.annotate(inputs);
            outcomes
                .iter()
                .map(|outcome| serde_json::to_string(&pipeline::record(outcome)))
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(claimex_error)
    }
}

/// `threads`, or one per core, checked against 1..=[`MAX_THREADS`].
fn threads_in_range(threads: Option<usize>) -> PyResult<usize> {
    let cores = || std::thread::available_parallelism().map_or(2, |n| n.get()).min(MAX_THREADS);
    match threads.unwrap_or_else(cores) {
        threads @ 1..=MAX_THREADS => Ok(threads),
        threads => Err(PyValueError::new_err(format!("{threads} threads is outside 1..={MAX_THREADS}"))),
    }
}

/// Reads records given as JSON lines; an error names the record by position and id.
fn read_records(lines: &[String]) -> PyResult<Vec<Record>> {
    let read = |(i, line): (usize, &String)| {
        serde_json::from_str(line).map_err(|error| {
            let id = serde_json::from_str::<serde_json::Value>(line).ok().and_then(|v| v.get("id").cloned());
            let id = id.map_or_else(|| "without an id".to_string(), |id| format!("id {id}"));
            claimex_error(format!("record {} ({id}) is not a claimex record: {error}", i + 1))
        })
    };
    lines.iter().enumerate().map(read).collect()
}

/// The claims of records (JSON lines) as the bytes of the Parquet file `claimex extract
/// --format parquet` writes for them: one row per claim.
#[pyfunction]
fn claims_parquet<'py>(py: Python<'py>, records: Vec<String>) -> PyResult<Bound<'py, PyBytes>> {
    let bytes = py.detach(|| -> PyResult<Vec<u8>> {
        let records = read_records(&records)?;
        let mut bytes = Vec::new();
        let mut sink = ParquetSink::new(&mut bytes).map_err(claimex_error)?;
        for record in &records {
            sink.write(record).map_err(claimex_error)?;
        }
        sink.finish().map_err(claimex_error)?;
        drop(sink);
        Ok(bytes)
    })?;
    Ok(PyBytes::new(py, &bytes))
}

/// The groups of figures across records (JSON lines), as the JSON `claimex compare
/// --json` prints (`{"groups": [...]}`), under the conflict `profile`.
#[pyfunction]
#[pyo3(signature = (records, *, per_document, min_sources, profile))]
fn compare_groups(
    py: Python<'_>,
    records: Vec<String>,
    per_document: bool,
    min_sources: usize,
    profile: &str,
) -> PyResult<String> {
    py.detach(|| {
        let records = read_records(&records)?;
        let profile = Profile::load(profile).map_err(claimex_error)?;
        let groups = compare::compare_records(&records, Selection { min_sources, per_document }, &profile);
        compare::json(&groups).map_err(claimex_error)
    })
}

/// The module: the pipeline, the record functions and the error type.
#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("ClaimexError", module.py().get_type::<ClaimexError>())?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add_class::<NativePipeline>()?;
    module.add_function(wrap_pyfunction!(claims_parquet, module)?)?;
    module.add_function(wrap_pyfunction!(compare_groups, module)?)?;
    Ok(())
}
