//! The server's limits: the largest request body, and how many requests are worked on
//! at once. A request over either gets a JSON error that names the limit and its flag
//! (413 and 503), never a hang or a bare status.

use super::api::ApiError;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use std::sync::Arc;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Bytes in a MiB, the unit of `--max-body-mb`.
pub const MIB: usize = 1 << 20;

/// What the server accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest request body, in MiB (`--max-body-mb`).
    pub max_body_mb: usize,
    /// Requests worked on at once, extract, compare and export together
    /// (`--max-concurrent`); one more gets 503 at once instead of waiting.
    pub max_concurrent: usize,
}

impl Limits {
    /// The largest request body, in bytes.
    pub fn max_body_bytes(&self) -> usize {
        self.max_body_mb * MIB
    }
}

/// The limits in force, with the permits of the requests being worked on.
#[derive(Debug)]
pub struct Gate {
    limits: Limits,
    permits: Arc<Semaphore>,
}

impl Gate {
    /// A gate with every permit free.
    pub fn new(limits: Limits) -> Self {
        Gate { limits, permits: Arc::new(Semaphore::new(limits.max_concurrent)) }
    }

    /// The limits in force.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// A permit to work on one request, held until the work ends; a 503 when
    /// `max_concurrent` requests are already being worked on.
    pub fn admit(&self) -> Result<OwnedSemaphorePermit, ApiError> {
        self.permits.clone().try_acquire_owned().map_err(|_| {
            let max = self.limits.max_concurrent;
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("the server is busy: {max} requests are already being worked on (--max-concurrent {max}); retry shortly"),
            )
        })
    }

    /// The request body, or the error of a body that could not be read: a 413 naming
    /// the limit and its flag when it is over `max_body_mb`.
    pub fn body(&self, body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
        body.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                let mb = self.limits.max_body_mb;
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!("the request body is over the limit of {mb} MiB; send fewer documents per request or start the server with a larger --max-body-mb"),
                )
            } else {
                ApiError::bad_request(format!("cannot read the request body: {}", rejection.body_text()))
            }
        })
    }
}
