//! The routes: each reads its request, runs the library function the CLI runs on a
//! blocking thread (under a permit of [`Gate`](super::limits::Gate)), and answers JSON.

use super::api::{ApiError, ExportFormat, ExportQuery, ExtractRequest, ExtractResponse, RecordsRequest};
use super::{page, AppState};
use crate::compare;
use crate::io::parquet::ParquetSink;
use crate::io::write::{JsonlSink, RecordSink};
use crate::schema::Record;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use std::io::Cursor;
use std::sync::Arc;

/// The name of the request stream in error records: a document without an `id` is
/// known as `request:N`, N its position from 1 (as a JSONL line is `FILE:LINE`).
pub const REQUEST_NAME: &str = "request";

/// The media type that makes `/extract` read its body as JSONL.
pub const NDJSON: &str = "application/x-ndjson";

/// Every route, with the body limit, and a JSON 404 for any other path.
pub fn router(state: Arc<AppState>) -> Router {
    let max_body = state.limits.limits().max_body_bytes();
    Router::new()
        .route("/", get(|| async { Html(page::PAGE) }))
        .route("/openapi.json", get(|| async { ([(header::CONTENT_TYPE, "application/json")], page::OPENAPI) }))
        .route("/extract", post(extract))
        .route("/compare", post(compare))
        .route("/export", post(export))
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(state)
}

/// `POST /extract`: annotates the documents and answers one record per document.
async fn extract(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ExtractResponse>, ApiError> {
    let body = state.limits.body(body)?;
    let jsonl = if is_ndjson(&headers) { body.to_vec() } else { documents_as_jsonl(&body)? };
    let records = work(&state, move |state| extract_records(state, jsonl)).await??;
    Ok(Json(ExtractResponse { records }))
}

/// `POST /compare`: the groups of the records' claims, as `compare --json` prints them.
async fn compare(
    State(state): State<Arc<AppState>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let request = records_request(&state, body)?;
    let json =
        work(&state, move |state| compare::json(&groups(state, &request)?).map_err(ApiError::internal)).await??;
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

/// `POST /export?format=`: the records as a file to download.
async fn export(
    State(state): State<Arc<AppState>>,
    query: Result<Query<ExportQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let Query(ExportQuery { format }) = query.map_err(|rejection| {
        ApiError::bad_request(format!("{}; use ?format=jsonl, csv or parquet", rejection.body_text()))
    })?;
    let request = records_request(&state, body)?;
    let bytes = work(&state, move |state| export_bytes(state, &request, format)).await??;
    let (content_type, name) = format.content_type_and_name();
    let disposition = format!("attachment; filename=\"{name}\"");
    Ok(([(header::CONTENT_TYPE, content_type.to_string()), (header::CONTENT_DISPOSITION, disposition)], bytes)
        .into_response())
}

/// Any other path: a JSON 404 listing the routes.
async fn not_found(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        format!(
            "no route {method} {}; the routes are GET /, GET /openapi.json, POST /extract, POST /compare, POST /export",
            uri.path()
        ),
    )
}

/// A known path with the wrong method: a JSON 405.
async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{} does not take {method}; see GET /openapi.json", uri.path()),
    )
}

/// Runs `job` on a blocking thread under a permit; a 503 when none is free.
async fn work<T: Send + 'static>(
    state: &Arc<AppState>,
    job: impl FnOnce(&AppState) -> T + Send + 'static,
) -> Result<T, ApiError> {
    let permit = state.limits.admit()?;
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        job(&state)
    })
    .await
    .map_err(ApiError::internal)
}

/// Whether the body is JSONL by its `Content-Type`.
fn is_ndjson(headers: &HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with(NDJSON))
}

/// The documents of a JSON `/extract` body as JSONL, one line each, for the reader
/// `claimex extract` uses on JSONL files.
fn documents_as_jsonl(body: &[u8]) -> Result<Vec<u8>, ApiError> {
    let request: ExtractRequest = parse_json(body, "{\"documents\": [{\"id\", \"text\"}, ...]}")?;
    let mut jsonl = Vec::with_capacity(body.len());
    for document in &request.documents {
        serde_json::to_writer(&mut jsonl, document).map_err(ApiError::internal)?;
        jsonl.push(b'\n');
    }
    Ok(jsonl)
}

/// Annotates the documents of a JSONL stream as `claimex extract` does: a document that
/// cannot be read or processed becomes an error record naming it.
fn extract_records(state: &AppState, jsonl: Vec<u8>) -> Result<Vec<Record>, ApiError> {
    let documents = crate::io::read_jsonl(Box::new(Cursor::new(jsonl)), REQUEST_NAME.to_string());
    let mut records = Vec::new();
    state.pipeline.run(documents, &mut records).map_err(ApiError::internal)?;
    Ok(records)
}

/// The body of `/compare` or `/export`, parsed.
fn records_request(state: &AppState, body: Result<Bytes, BytesRejection>) -> Result<RecordsRequest, ApiError> {
    parse_json(&state.limits.body(body)?, "{\"records\": [...], \"per_document\": false, \"min_sources\": 2}")
}

/// The groups of a request's records that meet its selection.
fn groups(state: &AppState, request: &RecordsRequest) -> Result<Vec<compare::Group>, ApiError> {
    Ok(compare::compare_records(&request.records()?, request.selection(), &state.profile))
}

/// The file `/export` answers: the records' JSONL or claims Parquet, or the groups' CSV.
fn export_bytes(state: &AppState, request: &RecordsRequest, format: ExportFormat) -> Result<Vec<u8>, ApiError> {
    let mut bytes = Vec::new();
    match format {
        ExportFormat::Csv => bytes = compare::csv(&groups(state, request)?).into_bytes(),
        ExportFormat::Jsonl => write_records(&mut JsonlSink::new(&mut bytes), &request.records()?)?,
        ExportFormat::Parquet => {
            let mut sink = ParquetSink::new(&mut bytes).map_err(ApiError::internal)?;
            write_records(&mut sink, &request.records()?)?;
        }
    }
    Ok(bytes)
}

/// Writes every record to `sink` and completes it.
fn write_records(sink: &mut impl RecordSink, records: &[Record]) -> Result<(), ApiError> {
    records.iter().try_for_each(|record| sink.write(record)).and_then(|()| sink.finish()).map_err(ApiError::internal)
}

/// Parses a JSON body; a 400 names what is wrong (serde's message, with line and
/// column) and the shape expected.
fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8], expected: &str) -> Result<T, ApiError> {
    serde_json::from_slice(body)
        .map_err(|error| ApiError::bad_request(format!("bad JSON body: {error}; expected {expected}")))
}
