//! The rate limits as a middleware: every request takes a token of its client's bucket, a
//! write (`POST`) of the write limit and anything else of the looser read limit; a request
//! over the limit is answered `429 Too Many Requests` with `Retry-After` and the board's JSON
//! error naming the limit (docs/board-api.md, "Limits"). The client is the TCP peer's
//! address: the board does not trust `X-Forwarded-For`, which any client can write.

use super::errors::ApiError;
use super::rate::{ClientKey, ClientLimiter, RateLimit};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Instant;

/// How many clients each limit remembers (a bucket is a few dozen bytes).
pub const MAX_CLIENTS: usize = 100_000;

/// The limits of writes and reads, each per client.
pub struct Throttle {
    writes: Option<ClientLimiter>,
    reads: Option<ClientLimiter>,
}

impl Throttle {
    /// The limiters of `writes` and `reads`; `None` is no limit.
    pub fn new(writes: Option<RateLimit>, reads: Option<RateLimit>) -> Throttle {
        Throttle {
            writes: writes.map(|l| ClientLimiter::new(l, MAX_CLIENTS)),
            reads: reads.map(|l| ClientLimiter::new(l, MAX_CLIENTS)),
        }
    }

    /// Whether any limit is set.
    pub fn is_active(&self) -> bool {
        self.writes.is_some() || self.reads.is_some()
    }
}

/// Takes a token of the request's client, or answers 429.
pub async fn limit(
    State(throttle): State<Arc<Throttle>>,
    request: Request,
    next: Next,
) -> Response {
    let write = request.method() == Method::POST;
    let (limiter, what) = if write {
        (&throttle.writes, "write")
    } else {
        (&throttle.reads, "read")
    };
    if let Some(limiter) = limiter {
        // Without the peer's address (a router served without connect info) every request
        // shares one bucket: the limit still holds, for everyone together.
        let ip = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
        let client = ClientKey::of(ip);
        if let Err(wait) = limiter.check(client, Instant::now()) {
            let limit = limiter.limit();
            return ApiError::rate_limited(
                format!(
                    "too many {what} requests from {client}: the limit is {} a second with \
                     bursts of {}",
                    limit.per_second, limit.burst
                ),
                wait,
            )
            .into_response();
        }
    }
    next.run(request).await
}
