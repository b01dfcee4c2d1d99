//! The gate before a handler: the whole request body is read into memory within the body
//! timeout, and only then is a slot of the one concurrency limit shared by every route
//! taken. A client that sends its body slowly holds a connection, never a slot, so it cannot
//! keep anyone else's request waiting (docs/board-api.md, "Limits").

use super::errors::ApiError;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// The body limits and the slots of the concurrency limit, shared by all routes.
pub struct Gate {
    slots: Semaphore,
    body_bytes: usize,
    body_timeout: Duration,
}

impl Gate {
    /// A gate of `concurrency` slots (at least one) for bodies of at most `body_bytes` that
    /// arrive within `body_timeout`.
    pub fn new(concurrency: usize, body_bytes: usize, body_timeout: Duration) -> Gate {
        Gate {
            slots: Semaphore::new(concurrency.clamp(1, Semaphore::MAX_PERMITS)),
            body_bytes,
            body_timeout,
        }
    }

    /// The whole body, or the answer that refuses it: 408 when it does not arrive in time,
    /// 413 when it grows over the limit, 400 when it is cut short or malformed.
    async fn read_body(&self, body: Body) -> Result<axum::body::Bytes, ApiError> {
        let reading = Limited::new(body, self.body_bytes).collect();
        match tokio::time::timeout(self.body_timeout, reading).await {
            Ok(Ok(collected)) => Ok(collected.to_bytes()),
            Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => {
                Err(ApiError::rejection(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!(
                        "the request body is over the limit of {} bytes: length limit exceeded",
                        self.body_bytes
                    ),
                ))
            }
            Ok(Err(e)) => Err(ApiError::bad_request(format!(
                "cannot read the request body: {e}"
            ))),
            Err(_) => Err(ApiError::rejection(
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "the request body did not arrive within {} s",
                    self.body_timeout.as_secs_f64()
                ),
            )),
        }
    }
}

/// Reads the request's body, then waits for a slot and runs the rest of the service with it.
pub async fn admit(State(gate): State<Arc<Gate>>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = match gate.read_body(body).await {
        Ok(bytes) => bytes,
        Err(refusal) => return refusal.into_response(),
    };
    // The semaphore is never closed, so a refusal here is an internal error, not a panic.
    let Ok(_slot) = gate.slots.acquire().await else {
        return ApiError::rejection(
            StatusCode::SERVICE_UNAVAILABLE,
            "the board is shutting down".to_string(),
        )
        .into_response();
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}
