//! The board over HTTPS (`scrutin serve --tls-cert --tls-key`) with a throw-away self-signed
//! certificate: parties that trust it with `--ca-file` take part; a client that does not is
//! refused by certificate verification; plain `http://` off this machine is refused without
//! `--allow-http`; a client that opens a connection and never completes the handshake is
//! closed after the header timeout; bad certificate files are named.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::board::*;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `scrutin` with `args` and no board settings from the environment; returns the exit
/// code and the output.
fn scrutin(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_scrutin"))
        .args(args)
        .env_remove("SCRUTIN_BOARD")
        .env_remove("SCRUTIN_BOARD_CA_FILE")
        .env("SCRUTIN_PASSPHRASE", PASSPHRASE)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn parties_that_trust_the_certificate_take_part_and_others_are_refused() {
    let (server, parties) = board_with_election_over_tls("tls", 3, 2, "toy");
    let ca = parties.ca_file.clone().unwrap().display().to_string();
    let record = parties.path("g1/record").display().to_string();
    let secret = parties.path("g1/secret").display().to_string();
    let at = ["--board", &server.url, "--election", "tls"];
    let pull = [&["board", "pull"][..], &at, &["--record", &record]].concat();

    // Without the board's CA, certificate verification refuses the board.
    let (code, out) = scrutin(&pull);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("TLS connection"), "{out}");
    assert!(out.contains("--ca-file"), "{out}");
    assert!(!parties.path("g1/record").exists());

    // With it: pull, make a guardian key, post it, pull again.
    let (code, out) = scrutin(&[&pull[..], &["--ca-file", &ca]].concat());
    assert_eq!(code, 0, "{out}");
    let (code, out) = scrutin(&[
        "guardian", "keygen", "--record", &record, "--index", "1", "--secret", &secret,
    ]);
    assert_eq!(code, 0, "{out}");
    parties.identity("g1");
    let identity = parties.path(&format!("{IDS}/g1.identity"));
    let identity = identity.display().to_string();
    let push = [
        &["board", "push"][..],
        &at,
        &[
            "--ca-file",
            &ca,
            "--identity",
            &identity,
            "--record",
            &record,
            "ceremony/guardian-1.json",
        ],
    ]
    .concat();
    let (code, out) = scrutin(&push);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("ceremony/guardian-1.json appended"), "{out}");
    // The election's first 6 entries, then the key and its signature.
    let (code, out) = scrutin(&[&pull[..], &["--ca-file", &ca]].concat());
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("checkpoint of 8 entries"), "{out}");
}

#[test]
fn plain_http_off_this_machine_needs_allow_http() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("record").display().to_string();
    // A documentation address (RFC 5737): refused before any connection is tried.
    let (code, out) = scrutin(&[
        "board",
        "pull",
        "--board",
        "http://192.0.2.1:8080",
        "--election",
        "e",
        "--record",
        &record,
    ]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("refusing plain http://"), "{out}");
    assert!(out.contains("--allow-http"), "{out}");
}

#[test]
fn a_stalled_handshake_is_closed_after_the_header_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = self_signed_certificate(&dir.path().join("tls"));
    let (cert, key) = (cert.display().to_string(), key.display().to_string());
    let server = Board::start_with(
        &dir.path().join("data"),
        &[
            "--tls-cert",
            &cert,
            "--tls-key",
            &key,
            "--header-timeout",
            "1",
        ],
    );
    let address = server.url.trim_start_matches("https://");
    // The clock starts before the connection exists, so the board's timer (which starts when
    // it accepts the connection) cannot start before ours, however the machine schedules us.
    let started = Instant::now();
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut buffer = [0u8; 16];
    // The board closes the connection without a byte: end of stream (or a reset).
    let read = stream.read(&mut buffer);
    assert!(matches!(read, Ok(0) | Err(_)), "{read:?}");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(500) && waited < Duration::from_secs(10),
        "{waited:?}"
    );
}

#[test]
fn serve_names_a_bad_certificate_file_and_needs_both_flags() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = self_signed_certificate(&dir.path().join("tls"));
    let data = dir.path().join("data").display().to_string();
    let (cert, key) = (cert.display().to_string(), key.display().to_string());
    let serve = ["serve", "--listen", "127.0.0.1:0", "--data-dir", &data];

    let (code, out) = scrutin(&[&serve[..], &["--tls-cert", &cert]].concat());
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("--tls-key"), "{out}");

    let missing = dir.path().join("missing.pem").display().to_string();
    let (code, out) = scrutin(&[&serve[..], &["--tls-cert", &missing, "--tls-key", &key]].concat());
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("missing.pem"), "{out}");

    // The key file given as the certificate: no certificate in it.
    let (code, out) = scrutin(&[&serve[..], &["--tls-cert", &key, "--tls-key", &key]].concat());
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("key.pem") && out.contains("no PEM certificate"),
        "{out}"
    );

    // The certificate given as the key: no key in it.
    let (code, out) = scrutin(&[&serve[..], &["--tls-cert", &cert, "--tls-key", &cert]].concat());
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("cert.pem") && out.contains("no PEM private key"),
        "{out}"
    );
}
