//! A restarted decryption through `scrutin serve`, party by party: 3 guardians with quorum 2
//! commit for U = {1, 2, 3}; guardian 3 stalls; the administrator restarts the decryption
//! for U = {1, 2} with `scrutin board restart-decryption`; guardians 1 and 2 run the three
//! rounds again in attempt 2 (a fresh state file each, messages under
//! `decryption/attempt-2/`); attempt 1's set is refused after the restart; the results
//! are accepted, and the record pulled from the board verifies with its authorship required.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::board::*;

const ELECTION: &str = "stalled";

#[test]
fn a_stalled_decryption_restarted_with_another_set_completes_and_verifies() {
    let (_server, parties) = board_with_election(ELECTION, 3, 2, "toy");
    let guardians = ceremony(&parties, 3);
    vote_and_close(&parties);
    // Attempt 1: every guardian commits, then guardian 3 stalls after guardian 1 reveals.
    for (i, g) in (1..=3).zip(&guardians) {
        parties.decryption_round(g, i, "commit", "1,2,3");
    }
    parties.decryption_round(&guardians[0], 1, "reveal", "1,2,3");
    let admin = parties.identity(ADMIN);
    let out = parties.ok(&[
        "board",
        "restart-decryption",
        "--election",
        ELECTION,
        "--guardians",
        "1,2",
        "--reason",
        "guardian 3 unreachable after the commit round",
        "--identity",
        &admin,
    ]);
    assert!(out.contains("attempt 2"), "{out}");
    attempt_1_is_closed(&parties, &guardians[1]);
    for round in ["commit", "reveal", "respond"] {
        for (i, g) in (1..=2).zip(&guardians) {
            parties.decryption_round_of_attempt(g, i, round, "1,2", 2);
        }
    }
    parties.pull("admin");
    parties.combine("admin");
    let (code, out) = parties.results("admin");
    assert_eq!(code, 0, "{out}");
    parties.pull("observer");
    let report = parties.ok(&[
        "verify",
        "--allow-test-parameters",
        "--require-authorship",
        "@observer/record",
    ]);
    assert!(
        report.contains("every verification step passed"),
        "{report}"
    );
    // Both attempts are in the record, each message signed by its guardian.
    for kept in [
        "decryption/commit-3.json",
        "decryption/restart-2.json",
        "decryption/attempt-2/response-2.json",
        "authorship/signatures/decryption/commit-3.json",
        "authorship/signatures/decryption/attempt-2/response-2.json",
    ] {
        assert!(
            parties.path("observer/record").join(kept).is_file(),
            "{kept}"
        );
    }
}

/// One enrolled device casts 6 ballots; the administrator closes the vote.
fn vote_and_close(parties: &Parties) {
    parties.enrol_device("booth-1");
    parties.pull("device");
    parties.register_device("booth-1");
    ballots_file(&parties.path("ballots.json"), "b", 6, &[]);
    parties.ok(&[
        "encrypt",
        "--record",
        "@device/record",
        "--device",
        "booth-1",
        "--ballots",
        "@ballots.json",
    ]);
    parties.push("device", "booth-1", &["encrypted_ballots/booth-1"]);
    parties.close();
}

/// After the restart, guardian 2's own command refuses to reveal for attempt 1's set, and
/// pushing its accepted attempt-1 commit again changes nothing (the board's refusal of a new
/// attempt-1 message is tested at the board, `scrutin-board/tests/decryption_restart.rs`).
fn attempt_1_is_closed(parties: &Parties, g2: &str) {
    parties.pull(g2);
    let (record, share, state) = (
        format!("@{g2}/record"),
        format!("@{g2}/key-share"),
        format!("@{g2}/state"),
    );
    // The pulled record now holds the restart, so the command itself refuses attempt 1's set.
    let (code, out) = parties.run(&[
        "decrypt",
        "reveal",
        "--record",
        &record,
        "--key-share",
        &share,
        "--state",
        &state,
        "--guardians",
        "1,2,3",
    ]);
    assert_ne!(code, 0, "{out}");
    let before = parties.log_size();
    let identity = parties.identity(g2);
    let commit = parties.path(&format!("{g2}/record/decryption/commit-2.json"));
    assert!(commit.is_file());
    let (code, out) = parties.run(&[
        "board",
        "push",
        "--election",
        ELECTION,
        "--identity",
        &identity,
        "--record",
        &record,
        "decryption/commit-2.json",
    ]);
    // The same bytes as the accepted commit: the board answers with its original receipt.
    assert_eq!(code, 0, "{out}");
    assert_eq!(parties.log_size(), before);
}
