//! The HTTP service: the JSON API under `/api` and the web pages, with a body-size limit,
//! timeouts, caps on open connections, one concurrency limit for all routes and per-client
//! rate limits (docs/board-api.md, "Limits"). Handlers never panic on
//! bad input: bodies are taken as bytes and parsed by the board, and every error — a
//! handler's, an extractor's rejection, a layer's refusal — leaves as the board's JSON error.

mod api;
mod authors_page;
mod connections;
mod errors;
mod gate;
mod html;
mod listen;
mod pages;
mod position;
mod proofs;
pub mod rate;
mod record;
mod reject;
mod throttle;
mod tls;

use crate::board::Board;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::Router;
use std::sync::Arc;
use std::time::Duration;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

pub use errors::ApiError;
pub use rate::RateLimit;
pub use tls::{Tls, TlsError};

/// The limits of the service.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The largest request body, in bytes.
    pub body_bytes: usize,
    /// How many requests are served at once, over all routes; more wait. A request takes its
    /// slot only once its whole body has arrived.
    pub concurrency: usize,
    /// How long a client has to send a request's headers: on a new connection from when it
    /// opens (over TLS: from the end of the handshake, which has as long again), on a
    /// kept-alive one from the end of the previous answer.
    pub header_timeout: Duration,
    /// How long a client has to send a request's whole body once its headers are in; later,
    /// the request is answered 408 and the connection closed.
    pub body_timeout: Duration,
    /// How long a connection that has served a request stays open without a new one.
    pub idle_timeout: Duration,
    /// How long a handler may take to answer once the body is in and it has a slot; longer,
    /// the request is answered 503.
    pub request_timeout: Duration,
    /// How many connections one client (an IPv4 address, an IPv6 /64) may hold open.
    pub connections_per_client: usize,
    /// How many connections may be open in all.
    pub connections: usize,
    /// The rate of writes (`POST`) per client; `None`: no limit.
    pub writes: Option<RateLimit>,
    /// The rate of reads (anything else) per client; `None`: no limit.
    pub reads: Option<RateLimit>,
}

/// How much looser the read limit is than the write limit by default: a page or a proof
/// costs the board far less than a write, which is checked, synced to disk and signed.
pub const READ_FACTOR: u32 = 10;

impl Limits {
    /// Per-client limits of `per_second` writes with bursts of `burst`, and reads
    /// [`READ_FACTOR`] times looser; `per_second` = 0 turns both off.
    pub fn with_rate(self, per_second: f64, burst: u32) -> Limits {
        let writes = RateLimit::new(per_second, burst);
        Limits {
            writes,
            reads: writes.map(|w| w.scaled(READ_FACTOR)),
            ..self
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body_bytes: 4 << 20,
            concurrency: 64,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(600),
            connections_per_client: 64,
            connections: 4096,
            writes: None,
            reads: None,
        }
        .with_rate(DEFAULT_WRITES_PER_SECOND, DEFAULT_WRITE_BURST)
    }
}

/// The default sustained writes a second per client.
pub const DEFAULT_WRITES_PER_SECOND: f64 = 50.0;

/// The default burst of writes per client.
pub const DEFAULT_WRITE_BURST: u32 = 200;

/// The board's routes.
pub fn router(board: Arc<Board>, limits: Limits) -> Router {
    let throttle = Arc::new(throttle::Throttle::new(limits.writes, limits.reads));
    // One gate for every route: `Router::layer` wraps each route on its own, so the slots
    // live in the gate's shared state, not in a layer of their own.
    let gate = Arc::new(gate::Gate::new(
        limits.concurrency,
        limits.body_bytes,
        limits.body_timeout,
    ));
    let router = Router::new()
        .merge(api::routes())
        .merge(proofs::routes())
        .merge(record::routes())
        .merge(pages::routes())
        .fallback(errors::not_found)
        .method_not_allowed_fallback(reject::method_not_allowed)
        .layer(DefaultBodyLimit::max(limits.body_bytes))
        .layer(RequestBodyLimitLayer::new(limits.body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            limits.request_timeout,
        ))
        .layer(axum::middleware::from_fn_with_state(gate, gate::admit))
        .layer(axum::middleware::from_fn_with_state(
            limits.body_bytes,
            reject::check_body,
        ));
    // Outermost, so that a client over its rate is refused before it sends its body or waits
    // for a slot.
    let router = if throttle.is_active() {
        router.layer(axum::middleware::from_fn_with_state(
            throttle,
            throttle::limit,
        ))
    } else {
        router
    };
    // Outermost of all: every error answer leaves in the board's JSON format.
    router
        .layer(axum::middleware::from_fn(reject::uniform))
        .with_state(board)
}

/// Serves the board on `listener` until `shutdown` completes, under the connection caps and
/// timeouts of `limits`.
pub async fn serve(
    listener: tokio::net::TcpListener,
    board: Arc<Board>,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    listen::serve_connections(listener, router(board, limits), limits, None, shutdown).await
}

/// Serves the board over TLS with `tls` on `listener`, as [`serve`] does in the clear: each
/// connection's handshake must complete within the header timeout, and counts against the
/// connection caps from its first byte.
pub async fn serve_tls(
    listener: tokio::net::TcpListener,
    board: Arc<Board>,
    limits: Limits,
    tls: Tls,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(board, limits);
    listen::serve_connections(listener, app, limits, Some(Arc::new(tls)), shutdown).await
}

/// Runs a blocking board operation off the async workers.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, crate::BoardError> + Send + 'static,
) -> Result<T, ApiError> {
    match tokio::task::spawn_blocking(f).await {
        Ok(result) => result.map_err(ApiError::from),
        Err(e) => Err(ApiError::from(crate::BoardError::Internal(format!(
            "a board task failed: {e}"
        )))),
    }
}
