//! A board that forks its log is caught by its witnesses. Two copies of one board (same data,
//! same signing key) accept different items after a common prefix and so sign two histories:
//! a witness that cosigned one refuses the other, and comparing two witnesses' cosigned
//! checkpoints proves the fork (`scrutin witness compare`, exit 1), while checkpoints of one
//! history compare as consistent.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::board::*;
use std::path::Path;

const ELECTION: &str = "fork";

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// `scrutin witness watch` of `board` with the witness state in `state`.
fn watch(parties: &Parties, board: &Board, state: &str) -> (i32, String) {
    parties.run(&[
        "witness",
        "watch",
        "--board",
        &board.url,
        "--election",
        ELECTION,
        "--state",
        state,
    ])
}

/// `scrutin witness compare` of two checkpoint files, asking `board` for the proof.
fn compare(parties: &Parties, board: &Board, first: &str, second: &str) -> (i32, String) {
    parties.run(&[
        "witness",
        "compare",
        "--board",
        &board.url,
        "--election",
        ELECTION,
        first,
        second,
    ])
}

#[test]
fn witnesses_catch_a_forked_board() {
    let parties = Parties {
        dir: tempfile::tempdir().unwrap(),
        board: String::new(),
        election: ELECTION.into(),
        ca_file: None,
    };
    let (data_a, data_b) = (parties.path("board-a"), parties.path("board-b"));
    let path = |name: &str| parties.path(name).display().to_string();
    let (w1, w2) = (path("witness-1"), path("witness-2"));
    common_prefix_cosigned_by_witness_1(&parties, &data_a, &w1);

    // The fork: two boards with the same data and key, then a different guardian 1 key on
    // each.
    copy_dir(&data_a, &data_b);
    let board_a = Board::start(&data_a);
    let board_b = Board::start(&data_b);
    for (board, who) in [(&board_a, "ga"), (&board_b, "gb")] {
        another_guardian_1_key(&parties, board, who);
    }
    each_witness_follows_one_history(&parties, [&board_a, &board_b], &w1, &w2);
    witness_1_refuses_the_other_history(&parties, &board_b, &w1);
    compare_proves_the_fork(&parties, &board_a, &w1, &w2);
}

/// The common prefix: the election is created on a board in `data` and the witness with
/// state `w1` cosigns it; then that board stops.
fn common_prefix_cosigned_by_witness_1(parties: &Parties, data: &Path, w1: &str) {
    let first = Board::start(data);
    let manifest = springfield_manifest();
    let (code, out) = parties.run(&[
        "board",
        "create",
        "--board",
        &first.url,
        "--election",
        ELECTION,
        "--token",
        TOKEN,
        "--manifest",
        &manifest,
        "--guardians",
        "3",
        "--quorum",
        "2",
        "--group",
        "toy",
    ]);
    assert_eq!(code, 0, "{out}");
    let (code, out) = watch(parties, &first, w1);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("the cosignature is posted to the board: 1 witness(es)"),
        "{out}"
    );
    drop(first);
}

/// Guardian 1 in the folder `who` pulls `board`, makes a key of its own and pushes it.
fn another_guardian_1_key(parties: &Parties, board: &Board, who: &str) {
    let record = parties.path(&format!("{who}/record")).display().to_string();
    let secret = parties.path(&format!("{who}/secret")).display().to_string();
    let steps: [Vec<&str>; 3] = [
        vec![
            "board",
            "pull",
            "--board",
            &board.url,
            "--election",
            ELECTION,
            "--record",
            &record,
        ],
        vec![
            "guardian", "keygen", "--record", &record, "--index", "1", "--secret", &secret,
        ],
        vec![
            "board",
            "push",
            "--board",
            &board.url,
            "--election",
            ELECTION,
            "--record",
            &record,
            "ceremony/guardian-1.json",
        ],
    ];
    for step in steps {
        let (code, out) = parties.run(&step);
        assert_eq!(code, 0, "{out}");
    }
}

/// Witness 1 follows board A; witness 2 first sees board B. Each board collected the
/// cosignature of the witness that follows it, and serves it.
fn each_witness_follows_one_history(parties: &Parties, boards: [&Board; 2], w1: &str, w2: &str) {
    let [board_a, board_b] = boards;
    let (code, out) = watch(parties, board_a, w1);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("consistent with the checkpoint of 3 entries"),
        "{out}"
    );
    let (code, out) = watch(parties, board_b, w2);
    assert_eq!(code, 0, "{out}");

    for (board, witnesses) in [(board_a, 1), (board_b, 1)] {
        let served = ureq::get(format!(
            "{}/api/elections/{ELECTION}/checkpoint/4",
            board.url
        ))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
        assert_eq!(served.matches('—').count(), 1 + witnesses, "{served}");
    }
}

/// Witness 1, shown board B's history, refuses to cosign it.
fn witness_1_refuses_the_other_history(parties: &Parties, board_b: &Board, w1: &str) {
    let (code, out) = watch(parties, board_b, w1);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("refuses to cosign"), "{out}");
}

/// The two witnesses' checkpoints of 4 entries prove the fork; checkpoints of one history
/// are consistent.
fn compare_proves_the_fork(parties: &Parties, board_a: &Board, w1: &str, w2: &str) {
    let a4 = format!("{w1}/{ELECTION}/checkpoint-4.txt");
    let b4 = format!("{w2}/{ELECTION}/checkpoint-4.txt");
    let (code, out) = compare(parties, board_a, &a4, &b4);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("forked"), "{out}");

    let a3 = format!("{w1}/{ELECTION}/checkpoint-3.txt");
    let (code, out) = compare(parties, board_a, &a3, &a4);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("consistent"), "{out}");
}
