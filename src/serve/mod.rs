//! `claimex serve`: the local web app and its JSON API, a thin layer over the library.
//!
//! One [`Pipeline`] is built at start-up and shared by every request; its CPU work runs
//! on tokio's blocking threads, never on the ones that serve connections. The routes
//! ([`routes`]) call the functions `claimex extract` and `claimex compare` call, so a
//! record or a group from the API is the same JSON the CLI writes:
//!
//! | route                 | does                                                        |
//! |-----------------------|-------------------------------------------------------------|
//! | `GET /`               | the page ([`page`]): paste or drop articles, see the layers |
//! | `POST /extract`       | documents (JSON or JSONL) -> `{"records": [...]}`           |
//! | `POST /compare`       | records -> `{"groups": [...]}` as `compare --json` prints   |
//! | `POST /export`        | records -> a JSONL, CSV (`compare --csv`) or Parquet file   |
//! | `GET /openapi.json`   | the OpenAPI 3.1 description of the above                    |
//!
//! Every error is JSON, `{"error": "...", "document": "id"}` ([`api::ApiError`]); the
//! request limits are [`limits`]'s.

pub mod api;
pub mod limits;
pub mod page;
pub mod routes;

use crate::pipeline::Pipeline;
use crate::profile::Profile;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;

pub use limits::Limits;

/// Where the server listens and what it accepts.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address to bind (port 0: any free port, printed at start-up).
    pub address: SocketAddr,
    /// Request size and concurrency limits.
    pub limits: Limits,
}

/// What every request shares: the pipeline, the conflict profile and the limits.
pub struct AppState {
    /// The pipeline, models loaded, built once.
    pub pipeline: Pipeline,
    /// The profile `compare` and `export` group under (the pipeline's own).
    pub profile: Arc<Profile>,
    /// The limits, with the permits of the requests being worked on.
    pub limits: limits::Gate,
}

/// Binds `config.address`, prints `claimex serve: listening on http://ADDRESS` on stdout,
/// and serves until Ctrl-C (or SIGTERM) ends it gracefully.
pub fn run(pipeline: Pipeline, profile: Arc<Profile>, config: Config) -> std::io::Result<()> {
    let state = Arc::new(AppState { pipeline, profile, limits: limits::Gate::new(config.limits) });
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.address).await.map_err(|error| {
            std::io::Error::new(
                error.kind(),
                format!("cannot listen on {}: {error}; choose another --port or --host", config.address),
            )
        })?;
        announce(listener.local_addr()?)?;
        axum::serve(listener, routes::router(state)).with_graceful_shutdown(shutdown_signal()).await
    })
}

/// Prints the URL (the line tests and scripts read the port from), and a warning when
/// the address is reachable from other machines.
fn announce(address: SocketAddr) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "claimex serve: listening on http://{address}")?;
    stdout.flush()?;
    if !address.ip().is_loopback() {
        eprintln!("claimex serve: {address} is reachable from other machines; the API has no authentication");
    }
    Ok(())
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => _ = signal.recv().await,
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
