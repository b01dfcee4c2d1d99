//! Load figure (ignored by default; run with `cargo test -p scrutin-cli --test board_load --
//! --ignored --nocapture`): ballots posted to `scrutin serve` by concurrent devices, every
//! ballot's proofs checked by the board. Prints ballots per second (wall clock) and the
//! server's CPU seconds per ballot. `SCRUTIN_LOAD_GROUP` = `toy` (the board's own overhead:
//! HTTP, JSON, SQLite with a synced commit per ballot) or `standard` (the default: the
//! 4096-bit group, where checking the proofs dominates); `SCRUTIN_LOAD_BALLOTS` per device
//! (default 25), 4 devices.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::board::*;
use std::time::Instant;

const ELECTION: &str = "load";
const DEVICES: usize = 4;

/// The CPU seconds (user + system) of process `pid` so far, from /proc (Linux).
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = [11, 12]
        .iter()
        .filter_map(|i| fields.get(*i)?.parse::<f64>().ok())
        .sum();
    ticks / 100.0
}

#[test]
#[ignore = "a measurement, not a check: run it by hand"]
fn ballots_per_second() {
    let group = std::env::var("SCRUTIN_LOAD_GROUP").unwrap_or_else(|_| "standard".into());
    let per_device: usize = std::env::var("SCRUTIN_LOAD_BALLOTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(25);
    // The rate limits off: all devices post from 127.0.0.1, and this measures the board.
    let (server, parties) =
        board_with_election_served(ELECTION, 3, 2, &group, &["--rate-limit-per-second", "0"]);
    ceremony(&parties, 3);
    let mut devices = Vec::new();
    for d in 1..=DEVICES {
        parties.device(d, per_device);
        devices.push(format!("dev{d}"));
    }
    let cpu_before = cpu_seconds(server.child.id());
    let started = Instant::now();
    let threads: Vec<_> = devices
        .iter()
        .enumerate()
        .map(|(i, who)| {
            let record = parties.path(&format!("{who}/record"));
            let board = parties.board.clone();
            let device = format!("encrypted_ballots/booth-{}", i + 1);
            let identity = parties.path(&format!("{IDS}/booth-{}.identity", i + 1));
            std::thread::spawn(move || {
                let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutin"))
                    .args([
                        "board",
                        "push",
                        "--board",
                        &board,
                        "--election",
                        ELECTION,
                        "--record",
                    ])
                    .arg(&record)
                    .arg("--identity")
                    .arg(&identity)
                    .env("SCRUTIN_PASSPHRASE", PASSPHRASE)
                    .arg(&device)
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let wall = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds(server.child.id()) - cpu_before;
    let total = DEVICES * per_device;
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    eprintln!(
        "group {group}: {total} ballots from {DEVICES} devices in {wall:.2} s = {:.1} ballots/s; \
         server CPU {cpu:.2} s = {:.1} ms per ballot; load average {}",
        total as f64 / wall,
        1000.0 * cpu / total as f64,
        load.trim()
    );
}
