//! Hostile HTTP requests, sent raw over TCP: each is refused with the right status and the
//! board's JSON error `{error, message}` naming what is wrong, and the board keeps serving.
//! On SQLite, and on PostgreSQL when `SCRUTIN_TEST_POSTGRES_URL` is set.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[macro_use]
mod common;

use common::*;
use serde_json::Value;
use std::io::{Read, Write};

/// A raw answer: the status, the headers (lower-case names) and the body.
struct Raw {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Raw {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Asserts the status, the error code and words of the message.
    fn refused(&self, status: u16, code: &str, words: &str) {
        assert_eq!(self.status, status, "{}", self.body);
        let body = self.json();
        assert_eq!(body["error"], code, "{}", self.body);
        let message = body["message"].as_str().unwrap();
        assert!(message.contains(words), "{message:?} lacks {words:?}");
    }
}

/// Sends `head` (the request line and headers, without the blank line) and `body`; closes
/// the sending half after the body when `half_close`. Reads the answer until the board
/// closes the connection (`Connection: close`).
fn send(server: &Server, head: &str, body: &[u8], half_close: bool) -> Raw {
    let mut stream = std::net::TcpStream::connect(server.address).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    let request = format!("{head}\r\nHost: board.test\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    // The board may answer (and stop reading) before the whole body is sent.
    let _ = stream.write_all(body);
    if half_close {
        let _ = stream.shutdown(std::net::Shutdown::Write);
    }
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no answer: {text:?}"));
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {text:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Raw {
        status,
        headers,
        body: body.to_string(),
    }
}

fn get_raw(server: &Server, path: &str) -> Raw {
    send(server, &format!("GET {path} HTTP/1.1"), b"", false)
}

fn post_raw(server: &Server, path: &str, content_type: Option<&str>, body: &[u8]) -> Raw {
    let mut head = format!("POST {path} HTTP/1.1\r\nContent-Length: {}", body.len());
    if let Some(t) = content_type {
        head.push_str(&format!("\r\nContent-Type: {t}"));
    }
    send(server, &head, body, false)
}

on_both_stores!(
    hostile_requests_get_uniform_errors_on_sqlite,
    hostile_requests_get_uniform_errors_on_postgres,
    hostile_requests_get_uniform_errors
);

fn hostile_requests_get_uniform_errors(backend: &Backend) {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_on(dir.path(), backend);
    let created = post_json(&server.url("/api/elections"), &create_request("e1"), true);
    assert_eq!(created.status, 201, "{}", created.text());
    let guardians = "/api/elections/e1/guardians";
    bodies_over_the_limit_or_cut_short_refused(&server, guardians);
    bodies_not_json_refused(&server, guardians);
    bad_paths_refused(&server);
    wrong_methods_refused(&server);

    // Through all of this the board kept serving, and appended nothing to the six entries
    // of the election's creation.
    let info = get(&server.url("/api/elections/e1"));
    assert_eq!(info.status, 200);
    assert_eq!(info.json()["tree_size"], 6);
}

/// A body announced over the limit is refused before it is sent, a chunked one that grows
/// over it while it is read, and one cut short by its sender.
fn bodies_over_the_limit_or_cut_short_refused(server: &Server, guardians: &str) {
    let oversized = send(
        server,
        &format!(
            "POST {guardians} HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: {}",
            BODY_LIMIT + 1
        ),
        b"",
        false,
    );
    oversized.refused(
        413,
        "too_large",
        &format!(
            "{} bytes is over the limit of {BODY_LIMIT} bytes",
            BODY_LIMIT + 1
        ),
    );
    // A chunked body that grows over the limit while it is read.
    let mut chunked = format!("{:X}\r\n", BODY_LIMIT + 10).into_bytes();
    chunked.extend(std::iter::repeat_n(b' ', BODY_LIMIT + 10));
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let streamed = send(
        server,
        &format!(
            "POST {guardians} HTTP/1.1\r\nContent-Type: application/json\r\n\
             Transfer-Encoding: chunked"
        ),
        &chunked,
        false,
    );
    streamed.refused(413, "too_large", "length limit exceeded");

    // A body cut short: the sender closes after 10 of 100 announced bytes.
    let truncated = send(
        server,
        &format!(
            "POST {guardians} HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 100"
        ),
        b"{\"guardian",
        true,
    );
    truncated.refused(400, "bad_input", "request body");
}

/// Bodies that are not JSON, or not declared JSON.
fn bodies_not_json_refused(server: &Server, guardians: &str) {
    post_raw(
        server,
        guardians,
        Some("application/json"),
        b"{\"guardian_id\": ",
    )
    .refused(400, "bad_input", "EOF");
    post_raw(
        server,
        guardians,
        Some("application/json"),
        &[0xff, 0xfe, 0x00],
    )
    .refused(400, "bad_input", "");
    post_raw(server, guardians, None, b"{}").refused(
        415,
        "unsupported_media_type",
        "must be Content-Type: application/json, not no Content-Type",
    );
    post_raw(server, guardians, Some("text/plain"), b"{}").refused(
        415,
        "unsupported_media_type",
        "not Content-Type \"text/plain\"",
    );
    post_raw(
        server,
        guardians,
        Some("application/json; charset=utf-8"),
        b"{}",
    )
    .refused(400, "bad_input", "");
}

/// Paths: not UTF-8 once decoded, an invalid election id, a huge segment, an unknown route,
/// a path parameter of the wrong type.
fn bad_paths_refused(server: &Server) {
    get_raw(server, "/api/elections/%FF%FE").refused(400, "bad_input", "");
    get_raw(server, "/api/elections/..%2F..%2Fetc").refused(
        400,
        "bad_input",
        "is not an election id",
    );
    get_raw(server, "/api/elections/a%20b/checkpoint").refused(
        400,
        "bad_input",
        "is not an election id",
    );
    let huge = "x".repeat(20_000);
    let answer = get_raw(server, &format!("/api/elections/{huge}"));
    answer.refused(400, "bad_input", "is not an election id");
    assert!(answer.body.len() < 2000, "the id is not echoed whole");
    get_raw(server, &format!("/api/elections/e1/items/{huge}")).refused(404, "not_found", "");
    get_raw(server, "/api/nothing/here").refused(404, "not_found", "no such page or route");
    get_raw(server, "/api/elections/e1/entries/minus-one").refused(
        400,
        "bad_input",
        "is not a sequence number",
    );
    get_raw(server, "/api/elections/e1/entries?from=%FF").refused(400, "bad_input", "");
    get_raw(server, "/api/elections/e1/entries?unknown=1").refused(400, "bad_input", "unknown");
}

/// A wrong method: 405 naming it, with the methods allowed.
fn wrong_methods_refused(server: &Server) {
    let wrong = send(server, "DELETE /api/elections HTTP/1.1", b"", false);
    wrong.refused(
        405,
        "method_not_allowed",
        "DELETE is not allowed on /api/elections",
    );
    let allow = wrong.header("allow").unwrap();
    assert!(allow.contains("GET") && allow.contains("POST"), "{allow}");
    get_raw(server, "/api/elections/e1/ballots").refused(
        405,
        "method_not_allowed",
        "GET is not allowed",
    );
}
