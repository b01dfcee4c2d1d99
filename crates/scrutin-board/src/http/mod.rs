//! The HTTP service: the JSON API under `/api` and the web pages, with a body-size limit, a
//! concurrency limit and per-client rate limits (docs/board-api.md). Handlers never panic on
//! bad input: bodies are taken as bytes and parsed by the board, and every error — a
//! handler's, an extractor's rejection, a layer's refusal — leaves as the board's JSON error.

mod api;
mod errors;
mod html;
mod pages;
mod position;
mod proofs;
pub mod rate;
mod record;
mod reject;
mod throttle;

use crate::board::Board;
use axum::extract::DefaultBodyLimit;
use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;
use tower_http::limit::RequestBodyLimitLayer;

pub use errors::ApiError;
pub use rate::RateLimit;

/// The limits of the service.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The largest request body, in bytes.
    pub body_bytes: usize,
    /// How many requests are served at once; more wait.
    pub concurrency: usize,
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
    let router = Router::new()
        .merge(api::routes())
        .merge(proofs::routes())
        .merge(record::routes())
        .merge(pages::routes())
        .fallback(errors::not_found)
        .method_not_allowed_fallback(reject::method_not_allowed)
        .layer(DefaultBodyLimit::max(limits.body_bytes))
        .layer(RequestBodyLimitLayer::new(limits.body_bytes))
        .layer(tower::limit::ConcurrencyLimitLayer::new(limits.concurrency))
        .layer(axum::middleware::from_fn_with_state(
            limits.body_bytes,
            reject::check_body,
        ));
    // Outermost, so that a client over its limit is refused before it waits for a slot or
    // sends its body.
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

/// Serves the board on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    board: Arc<Board>,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(board, limits).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
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
