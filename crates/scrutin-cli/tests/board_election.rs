//! A whole election through a running board on loopback (real HTTPS with a self-signed
//! certificate and a real SQLite file; plain HTTP and PostgreSQL when
//! `SCRUTIN_TEST_POSTGRES_URL` is set): the
//! `scrutin serve` binary, and every party a `scrutin` process with its own directory that
//! talks to the board only. 5 guardians with quorum 3, 50 ballots of which 2 are challenged,
//! guardian 5 absent at decryption; the record pulled from the board must pass `scrutin
//! verify`, and so must the tar the board serves.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::board::*;
use std::path::Path;

const ELECTION: &str = "e2e";

#[test]
fn a_whole_election_through_the_board_verifies() {
    // Over HTTPS: the board serves a self-signed certificate that every party trusts as its
    // CA (`--ca-file`, here through SCRUTIN_BOARD_CA_FILE).
    let (server, parties) = board_with_election_over_tls(ELECTION, 5, 3, "toy");
    a_whole_election(server, &parties);
}

#[test]
fn a_whole_election_through_the_board_on_postgres_verifies() {
    if let Some(url) = postgres_database("e2e") {
        let (server, parties) =
            board_with_election_served(ELECTION, 5, 3, "toy", &["--database", &url]);
        a_whole_election(server, &parties);
    }
}

fn a_whole_election(server: Board, parties: &Parties) {
    // The key ceremony: each guardian in its own folder.
    let guardians = ceremony(parties, 5);
    voting_in_two_sessions(parties);
    decryption_without_guardian_5(parties, &guardians);
    another_set_of_guardians_refused(parties);
    results_checked_before_they_are_accepted(parties);
    record_and_tar_verify(parties, &server);
    keep_the_board_data_if_asked(server, parties);
}

/// Voting: one device encrypts 50 ballots in two sessions, each in a freshly pulled folder,
/// and posts them in its chain's order; the second session continues the chain as it stands
/// on the board. Then the administrator closes the election.
fn voting_in_two_sessions(parties: &Parties) {
    parties.enrol_device("booth-1");
    parties.pull("device");
    parties.register_device("booth-1");
    ballots_file(&parties.path("ballots.json"), "b", 50, &[10, 30]);
    let all: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(parties.path("ballots.json")).unwrap()).unwrap();
    for (session, part) in all.chunks(25).enumerate() {
        let who = format!("device-{session}");
        let file = format!("ballots-{session}.json");
        std::fs::write(parties.path(&file), serde_json::to_vec(part).unwrap()).unwrap();
        parties.pull(&who);
        let (record, plain) = (format!("@{who}/record"), format!("@{file}"));
        parties.ok(&[
            "encrypt",
            "--record",
            &record,
            "--device",
            "booth-1",
            "--ballots",
            &plain,
        ]);
        parties.push(&who, "booth-1", &["encrypted_ballots/booth-1"]);
    }
    parties.close();
}

/// Decryption by guardians 1–4 (guardian 5 is absent), round by round.
fn decryption_without_guardian_5(parties: &Parties, guardians: &[String]) {
    for round in ["commit", "reveal", "respond"] {
        for (i, g) in (1..=4).zip(guardians) {
            parties.decryption_round(g, i, round, "1,2,3,4");
        }
    }
}

/// A message for another set of guardians (here guardian 1's commitment re-addressed as
/// guardian 5's, for U = {1, 2, 5}) is refused by the board: U is fixed.
fn another_set_of_guardians_refused(parties: &Parties) {
    parties.pull("g5");
    let commit = parties.path("g5/record/decryption/commit-1.json");
    let mut other: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&commit).unwrap()).unwrap();
    other["guardian"] = serde_json::json!(5);
    other["available_guardians"] = serde_json::json!([1, 2, 5]);
    std::fs::write(
        parties.path("g5/record/decryption/commit-5.json"),
        serde_json::to_vec_pretty(&other).unwrap(),
    )
    .unwrap();
    let g5 = parties.identity("g5");
    let (code, out) = parties.run(&[
        "board",
        "push",
        "--election",
        ELECTION,
        "--identity",
        &g5,
        "--record",
        "@g5/record",
        "decryption/commit-5.json",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the decryption on the board is by guardians [1, 2, 3, 4]"),
        "{out}"
    );
}

/// The administrator combines and posts the results; the board verifies before it accepts
/// them, and refuses results with a wrong count, naming the failing step.
fn results_checked_before_they_are_accepted(parties: &Parties) {
    parties.pull("admin");
    parties.combine("admin");
    parties.pull("forger");
    parties.combine("forger");
    let tally = parties.path("forger/record/tally.json");
    let mut forged: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&tally).unwrap()).unwrap();
    let count = forged["contests"][0]["selections"][0]["tally"]
        .as_u64()
        .unwrap();
    forged["contests"][0]["selections"][0]["tally"] = serde_json::json!(count + 1);
    std::fs::write(&tally, serde_json::to_vec_pretty(&forged).unwrap()).unwrap();
    let (code, out) = parties.results("forger");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("V11") || out.contains("V10"), "{out}");
    let (code, out) = parties.results("admin");
    assert_eq!(code, 0, "{out}");
}

/// Anyone: the record pulled from the board verifies, and so does the tar it serves, and
/// the results page shows a row per option.
fn record_and_tar_verify(parties: &Parties, server: &Board) {
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
    let options = scrutin_client::ClientOptions {
        ca_file: parties.ca_file.clone(),
        allow_http: false,
    };
    let client = scrutin_client::Client::connect(&server.url, ELECTION, &options).unwrap();
    let tar = client.get(&client.url("/record.tar")).unwrap().body;
    let unpacked = parties.path("unpacked");
    tar::Archive::new(tar.as_slice()).unpack(&unpacked).unwrap();
    let from_tar = unpacked.join(ELECTION).display().to_string();
    parties.ok(&[
        "verify",
        "--allow-test-parameters",
        "--require-authorship",
        &from_tar,
    ]);
    let page = client
        .get(&client.root_url(&format!("/elections/{ELECTION}/results")))
        .unwrap()
        .body;
    let results = String::from_utf8(page).unwrap();
    assert!(results.contains("The record is valid"), "{results}");
    let cast = results.matches("<tr><th scope=\"row\">").count();
    assert!(cast >= 5, "a row per option: {results}");
}

/// For looking at the pages by hand: SCRUTIN_E2E_KEEP=DIR keeps the board's data there.
fn keep_the_board_data_if_asked(server: Board, parties: &Parties) {
    if let Some(keep) = std::env::var_os("SCRUTIN_E2E_KEEP") {
        drop(server);
        let data = parties.path("board-data");
        std::fs::create_dir_all(&keep).unwrap();
        for entry in std::fs::read_dir(&data).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), Path::new(&keep).join(entry.file_name())).unwrap();
        }
    }
}
