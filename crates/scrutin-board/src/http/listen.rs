//! Accepting and serving connections with hyper's HTTP/1.1 server: each connection is
//! admitted under the connection caps, with TLS completes its handshake within the header
//! timeout (`tls.rs`), its request headers must arrive within the header timeout (hyper's
//! `header_read_timeout`, on Tokio's timer), and once it has served a request it is closed
//! after the idle timeout without one. On shutdown every connection finishes its request in
//! flight and closes (docs/board-api.md, "Limits").

use super::connections::{ConnectionCaps, ConnectionSlot};
use super::tls::Tls;
use super::Limits;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::ServiceExt;

/// How long to pause after a failed accept (e.g. out of file descriptors) before the next.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

/// Serves `app` on `listener`, over TLS if `tls` is given, until `shutdown` completes, then
/// waits for the open connections to finish.
pub async fn serve_connections(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    tls: Option<Arc<Tls>>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let caps = Arc::new(ConnectionCaps::new(
        limits.connections_per_client,
        limits.connections,
    ));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let (stopping, stop_signal) = watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(_) => {
                    tokio::time::sleep(ACCEPT_PAUSE).await;
                    continue;
                }
            },
        };
        // Over a cap, the stream is dropped here: the connection is closed at once.
        let Some(slot) = caps.admit(peer.ip()) else {
            continue;
        };
        let connection = Connection {
            peer,
            app: app.clone(),
            idle_timeout: limits.idle_timeout,
            _slot: slot,
        };
        let (http, stop) = (http.clone(), stop_signal.clone());
        let (tls, handshake_timeout) = (tls.clone(), limits.header_timeout);
        // The handshake runs in the connection's task, holding its slot: the accept loop
        // never waits on a client.
        tokio::spawn(async move {
            match tls {
                None => connection.serve(stream, http, stop).await,
                Some(tls) => {
                    if let Some(stream) = tls.handshake(stream, handshake_timeout).await {
                        connection.serve(stream, http, stop).await;
                    }
                }
            }
        });
    }
    drop(stop_signal);
    let _ = stopping.send(true);
    // Every connection holds a receiver; all are gone once the last connection closed.
    stopping.closed().await;
    Ok(())
}

/// One accepted connection and what serving it needs.
struct Connection {
    peer: SocketAddr,
    app: Router,
    idle_timeout: Duration,
    _slot: ConnectionSlot,
}

impl Connection {
    /// Serves the connection's requests until the client closes it, a timeout closes it, or
    /// the board stops (then it closes after the request in flight).
    async fn serve(
        self,
        stream: impl AsyncRead + AsyncWrite + Unpin + Send + 'static,
        http: hyper::server::conn::http1::Builder,
        mut stop: watch::Receiver<bool>,
    ) {
        let (in_flight, mut activity) = watch::channel(0usize);
        let in_flight = Arc::new(in_flight);
        let (app, peer) = (self.app, self.peer);
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            let guard = InFlight::start(Arc::clone(&in_flight));
            let app = app.clone();
            async move {
                let response = app.oneshot(request).await;
                drop(guard);
                response
            }
        });
        let connection = http.serve_connection(TokioIo::new(stream), service);
        tokio::pin!(connection);
        let closing = async {
            tokio::select! {
                () = idle_after_first_request(&mut activity, self.idle_timeout) => {}
                _ = stop.wait_for(|stopping| *stopping) => {}
            }
        };
        tokio::select! {
            _ = connection.as_mut() => return,
            () = closing => {}
        }
        connection.as_mut().graceful_shutdown();
        let _ = connection.await;
    }
}

/// A request in flight on a connection: counted from the call of the service until its
/// answer is ready.
struct InFlight(Arc<watch::Sender<usize>>);

impl InFlight {
    fn start(count: Arc<watch::Sender<usize>>) -> InFlight {
        count.send_modify(|n| *n += 1);
        InFlight(count)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.send_modify(|n| *n = n.saturating_sub(1));
    }
}

/// Completes once the connection has had a request and then none in flight for `idle`:
/// the time to a connection's first request is bounded by the header timeout instead.
async fn idle_after_first_request(activity: &mut watch::Receiver<usize>, idle: Duration) {
    if activity.changed().await.is_err() {
        return std::future::pending().await;
    }
    loop {
        if activity.wait_for(|n| *n == 0).await.is_err() {
            return std::future::pending().await;
        }
        // Any change while waiting (a new request) starts the wait over.
        tokio::select! {
            () = tokio::time::sleep(idle) => return,
            changed = activity.changed() => {
                if changed.is_err() {
                    return std::future::pending().await;
                }
            }
        }
    }
}
