//! `scrutin serve`: the bulletin board (crate `scrutin-board`, docs/board-api.md).

use super::failure::{finish, Failure};
use crate::cli::ServeArgs;
use crate::exit::Exit;
use scrutin_board::http::{serve, serve_tls, Limits, Tls};
use scrutin_board::server::{open_board, BoardConfig};
use std::sync::Arc;
use std::time::Duration;

/// Runs the board until interrupted (Ctrl-C or SIGTERM).
pub fn run(args: &ServeArgs) -> Exit {
    finish(serve_until_stopped(args))
}

fn serve_until_stopped(args: &ServeArgs) -> Result<(), Failure> {
    let config = BoardConfig {
        data_dir: args.data_dir.clone(),
        database: args.database.clone(),
        host: args.host.clone(),
        allow_test_groups: args.allow_test_groups,
        administrators: args.administrators.clone(),
    };
    if args.allow_test_groups {
        eprintln!(
            "warning: this board hosts elections on insecure test groups \
             (--allow-test-groups); never use it for a real election"
        );
    }
    let tls = tls(args)?;
    let board = Arc::new(open_board(&config).map_err(|e| Failure::failed(e.to_string()))?);
    let limits = limits(args);
    let runtime = tokio::runtime::Runtime::new()
        .map_err(|e| Failure::failed(format!("cannot start the runtime: {e}")))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .map_err(|e| Failure::failed(format!("cannot listen on {}: {e}", args.listen)))?;
        let address = listener
            .local_addr()
            .map_err(|e| Failure::failed(e.to_string()))?;
        let store = match &args.database {
            Some(_) => "PostgreSQL".to_string(),
            None => args
                .data_dir
                .join(scrutin_board::server::DATABASE_FILE)
                .display()
                .to_string(),
        };
        let scheme = if tls.is_some() { "https" } else { "http" };
        println!("scrutin board listening on {scheme}://{address}/ (store: {store})");
        let served = match tls {
            Some(tls) => serve_tls(listener, board, limits, tls, stopped()).await,
            None => serve(listener, board, limits, stopped()).await,
        };
        served.map_err(|e| Failure::failed(format!("the server failed: {e}")))
    })
}

/// The TLS configuration of `--tls-cert` and `--tls-key`, or `None` without them, with a
/// warning unless the board listens on a loopback address only.
fn tls(args: &ServeArgs) -> Result<Option<Tls>, Failure> {
    match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => Tls::from_pem_files(cert, key)
            .map(Some)
            .map_err(|e| Failure::bad_input(e.to_string())),
        (None, None) => {
            if !args.listen.ip().is_loopback() {
                eprintln!(
                    "warning: the board serves plain HTTP on {}: tokens and items cross the \
                     network unencrypted; give --tls-cert and --tls-key to serve HTTPS",
                    args.listen
                );
            }
            Ok(None)
        }
        _ => Err(Failure::bad_input(
            "give both --tls-cert and --tls-key, or neither",
        )),
    }
}

/// The service's limits from the flags; a zero timeout or cap is raised to the least that
/// still serves (one second, one connection).
fn limits(args: &ServeArgs) -> Limits {
    let seconds = |s: u64| Duration::from_secs(s.max(1));
    Limits {
        body_bytes: args.body_limit,
        concurrency: args.concurrency.max(1),
        header_timeout: seconds(args.header_timeout),
        body_timeout: seconds(args.body_timeout),
        idle_timeout: seconds(args.idle_timeout),
        request_timeout: seconds(args.request_timeout),
        connections_per_client: args.connections_per_client.max(1),
        connections: args.connections.max(1),
        writes: None,
        reads: None,
    }
    .with_rate(args.rate_limit_per_second, args.rate_burst)
}

/// Completes on Ctrl-C or, on Unix, SIGTERM.
async fn stopped() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    {
        let terminate = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut signal) => {
                    signal.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            () = interrupt => {}
            () = terminate => {}
        }
    }
    #[cfg(not(unix))]
    interrupt.await;
}
