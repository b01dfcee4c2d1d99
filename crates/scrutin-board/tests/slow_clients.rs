//! Clients that hold connections without finishing a request do not stall the board: slow
//! bodies hold no concurrency slot and are cut off at the body timeout, silent and idle
//! connections are closed at the header and idle timeouts, and a client's connections are
//! capped. Every timed assertion leaves seconds of slack.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// How long a test waits for the board to close a socket before it gives up.
const PATIENCE: Duration = Duration::from_secs(30);

/// A connection to the test server that gives up reading after [`PATIENCE`].
fn connect(server: &Server) -> TcpStream {
    let stream = TcpStream::connect(server.address).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream
}

/// Reads until the board closes the connection; what it sent, and when it closed.
fn read_until_closed(stream: &mut TcpStream) -> (String, Instant) {
    let mut answer = Vec::new();
    // A reset counts as closed too: the board may close with the client's bytes unread.
    if let Err(e) = stream.read_to_end(&mut answer) {
        assert!(
            e.kind() != std::io::ErrorKind::WouldBlock && e.kind() != std::io::ErrorKind::TimedOut,
            "the board did not close the connection within {PATIENCE:?}"
        );
    }
    (
        String::from_utf8_lossy(&answer).into_owned(),
        Instant::now(),
    )
}

/// Starts a ballot of `announced` bytes to `election` and sends its first byte only.
fn start_slow_ballot(server: &Server, election: &str, announced: usize) -> TcpStream {
    let mut stream = connect(server);
    let head = format!(
        "POST /api/elections/{election}/ballots HTTP/1.1\r\nHost: board.test\r\n\
         Content-Type: application/json\r\nContent-Length: {announced}\r\n\r\n{{"
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream
}

/// Posts a small ballot to `election` and says how long the answer took; the board answers
/// it (it is not a valid ballot) rather than timing it out.
fn timed_post(server: &Server, election: &str) -> Duration {
    let started = Instant::now();
    let answer = post(
        &server.url(&format!("/api/elections/{election}/ballots")),
        b"{}",
        false,
    );
    assert!(
        answer.status < 500 && answer.status != 408,
        "{} {}",
        answer.status,
        answer.text()
    );
    started.elapsed()
}

#[test]
fn slow_bodies_hold_no_slot_and_are_cut_off_at_the_body_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let body_timeout = Duration::from_secs(8);
    let server = Server::start_with_limits(
        dir.path(),
        scrutin_board::http::Limits {
            body_timeout,
            connections_per_client: 200,
            ..test_limits()
        },
    );
    for id in ["slow-a", "slow-b"] {
        let created = post_json(&server.url("/api/elections"), &create_request(id), true);
        assert_eq!(created.status, 201, "{}", created.text());
    }
    let started = Instant::now();
    let mut slow: Vec<TcpStream> = (0..80)
        .map(|_| start_slow_ballot(&server, "slow-a", 200_000))
        .collect();
    // Let the board read every slow request's headers before the others post.
    std::thread::sleep(Duration::from_millis(500));

    let allowed = Duration::from_secs(4);
    for election in ["slow-b", "slow-a"] {
        let took = timed_post(&server, election);
        assert!(took < allowed, "a post to {election} waited {took:?}");
    }

    let deadline = body_timeout + Duration::from_secs(10);
    for stream in &mut slow {
        let (answer, closed) = read_until_closed(stream);
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
        assert!(answer.contains("\"timeout\""), "{answer:?}");
        let open_for = closed.duration_since(started);
        assert!(open_for < deadline, "a slow body was open for {open_for:?}");
    }
}

#[test]
fn silent_and_idle_connections_are_closed() {
    let dir = tempfile::tempdir().unwrap();
    let header_timeout = Duration::from_secs(5);
    let idle_timeout = Duration::from_secs(1);
    let server = Server::start_with_limits(
        dir.path(),
        scrutin_board::http::Limits {
            header_timeout,
            idle_timeout,
            ..test_limits()
        },
    );
    let started = Instant::now();
    let mut silent = connect(&server);
    let mut kept_alive = connect(&server);
    kept_alive
        .write_all(b"GET /api/elections HTTP/1.1\r\nHost: board.test\r\n\r\n")
        .unwrap();

    // Closed after the idle timeout, well before the header timeout would close it.
    let (answer, closed) = read_until_closed(&mut kept_alive);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
    let open_for = closed.duration_since(started);
    assert!(
        open_for < header_timeout - Duration::from_secs(1),
        "a kept-alive connection was open for {open_for:?}"
    );

    let (answer, closed) = read_until_closed(&mut silent);
    assert!(!answer.starts_with("HTTP/1.1 2"), "{answer:?}");
    let open_for = closed.duration_since(started);
    assert!(
        open_for >= header_timeout - Duration::from_secs(1)
            && open_for < header_timeout + Duration::from_secs(10),
        "a silent connection was open for {open_for:?}"
    );
}

/// Whether a new connection is served: a `GET` on it is answered 200.
fn is_served(server: &Server) -> bool {
    let mut stream = connect(server);
    let request = b"GET /api/elections HTTP/1.1\r\nHost: board.test\r\nConnection: close\r\n\r\n";
    if stream.write_all(request).is_err() {
        return false;
    }
    read_until_closed(&mut stream).0.starts_with("HTTP/1.1 200")
}

#[test]
fn connections_over_the_per_client_cap_are_closed_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_with_limits(
        dir.path(),
        scrutin_board::http::Limits {
            header_timeout: Duration::from_secs(20),
            connections_per_client: 4,
            ..test_limits()
        },
    );
    let mut held: Vec<TcpStream> = (0..4).map(|_| connect(&server)).collect();

    // The fifth is closed without an answer, long before any timeout.
    let started = Instant::now();
    let mut extra = connect(&server);
    let (answer, closed) = read_until_closed(&mut extra);
    assert!(answer.is_empty(), "{answer:?}");
    let took = closed.duration_since(started);
    assert!(took < Duration::from_secs(5), "closed after {took:?}");
    assert!(!is_served(&server));

    // Closing two of the held connections frees their slots.
    held.truncate(2);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !is_served(&server) {
        assert!(
            Instant::now() < deadline,
            "the freed slots were not given back"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(held);
}
