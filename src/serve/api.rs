//! The JSON API's request bodies and its error body.
//!
//! A document sent to `/extract` has the fields of a JSONL input line (`id`, `text` or
//! `html`, `title`, `date`, `source`, `url`) and is read by the same reader; records
//! sent to `/compare` and `/export` are claimex output records ([`Record`]).

use crate::compare::Selection;
use crate::schema::Record;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

/// The JSON body of `POST /extract`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtractRequest {
    /// The documents, each an object with the fields of a JSONL input line.
    pub documents: Vec<serde_json::Value>,
}

/// The answer of `POST /extract`: one record per document, in request order.
#[derive(Debug, Serialize)]
pub struct ExtractResponse {
    /// The records, as `claimex extract` writes them.
    pub records: Vec<Record>,
}

/// The body of `POST /compare` and `POST /export`: records and which groups to show.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordsRequest {
    /// claimex output records (checked one by one, so an error names the bad one).
    pub records: Vec<serde_json::Value>,
    /// Count distinct documents instead of sources (`--per-document`).
    #[serde(default)]
    pub per_document: bool,
    /// Least independent sources (or documents) a group needs (`--min-sources`, default 2).
    #[serde(default = "default_min_sources")]
    pub min_sources: usize,
}

fn default_min_sources() -> usize {
    Selection::default().min_sources
}

impl RecordsRequest {
    /// The groups to show, as `compare` selects them.
    pub fn selection(&self) -> Selection {
        Selection { min_sources: self.min_sources, per_document: self.per_document }
    }

    /// The records, each read as a claimex record; the first that is not one is a 400
    /// naming its position and, when it has one, its id.
    pub fn records(&self) -> Result<Vec<Record>, ApiError> {
        self.records
            .iter()
            .enumerate()
            .map(|(position, value)| {
                Record::deserialize(value).map_err(|error| {
                    let id = value.get("id").and_then(serde_json::Value::as_str).map(str::to_string);
                    ApiError::bad_request(format!("records[{position}] is not a claimex record: {error}"))
                        .for_document(id)
                })
            })
            .collect()
    }
}

/// The file formats of `POST /export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// The records as JSON Lines, as `claimex extract` writes them.
    Jsonl,
    /// The groups as CSV, one row per claim, as `claimex compare --csv` writes them.
    Csv,
    /// The claims layer as Parquet, as `claimex extract --format parquet` writes it.
    Parquet,
}

impl ExportFormat {
    /// The media type and the download's file name.
    pub fn content_type_and_name(self) -> (&'static str, &'static str) {
        match self {
            ExportFormat::Jsonl => ("application/x-ndjson", "claims.jsonl"),
            ExportFormat::Csv => ("text/csv; charset=utf-8", "groups.csv"),
            ExportFormat::Parquet => ("application/vnd.apache.parquet", "claims.parquet"),
        }
    }
}

/// The query of `POST /export`.
#[derive(Debug, Deserialize)]
pub struct ExportQuery {
    /// The file format.
    pub format: ExportFormat,
}

/// An error answer: its status and the JSON body `{"error": ..., "document": ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    /// The HTTP status.
    #[serde(skip)]
    pub status: StatusCode,
    /// What went wrong, in words, naming the limit or the field at fault.
    pub error: String,
    /// The id of the document or record at fault, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
}

impl ApiError {
    /// An error with `status`.
    pub fn new(status: StatusCode, error: impl Into<String>) -> Self {
        ApiError { status, error: error.into(), document: None }
    }

    /// A 400: the request is malformed.
    pub fn bad_request(error: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, error)
    }

    /// A 500: the server failed (a bug to report).
    pub fn internal(error: impl std::fmt::Display) -> Self {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("internal error, please report: {error}"))
    }

    /// The same error, naming the document at fault.
    pub fn for_document(self, document: Option<String>) -> Self {
        ApiError { document, ..self }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(&self)).into_response();
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
        }
        response
    }
}
