//! The HTTP service: the JSON API under `/api` and the web pages, with a body-size limit and
//! a concurrency limit (docs/board-api.md). Handlers never panic on bad input: bodies are
//! taken as bytes and parsed by the board, and every extractor's rejection becomes a JSON
//! error.

mod api;
mod errors;
mod html;
mod pages;
mod proofs;
mod record;

use crate::board::Board;
use axum::extract::DefaultBodyLimit;
use axum::Router;
use std::sync::Arc;
use tower_http::limit::RequestBodyLimitLayer;

pub use errors::ApiError;

/// The limits of the service.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The largest request body, in bytes.
    pub body_bytes: usize,
    /// How many requests are served at once; more wait.
    pub concurrency: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body_bytes: 4 << 20,
            concurrency: 64,
        }
    }
}

/// The board's routes.
pub fn router(board: Arc<Board>, limits: Limits) -> Router {
    Router::new()
        .merge(api::routes())
        .merge(proofs::routes())
        .merge(record::routes())
        .merge(pages::routes())
        .fallback(errors::not_found)
        .layer(DefaultBodyLimit::max(limits.body_bytes))
        .layer(RequestBodyLimitLayer::new(limits.body_bytes))
        .layer(tower::limit::ConcurrencyLimitLayer::new(limits.concurrency))
        .with_state(board)
}

/// Serves the board on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    board: Arc<Board>,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(board, limits))
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
