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

/// The size of the log of `board`.
fn tree_size(board: &Board) -> u64 {
    log_size(&board.url, ELECTION)
}

#[test]
fn witnesses_catch_a_forked_board() {
    let mut parties = Parties::new("", ELECTION);
    let (data_a, data_b) = (parties.path("board-a"), parties.path("board-b"));
    let path = |name: &str| parties.path(name).display().to_string();
    let (w1, w2) = (path("witness-1"), path("witness-2"));
    let prefix = common_prefix_cosigned_by_witness_1(&mut parties, &data_a, &w1, &w2);

    // The fork: two boards with the same data and key, then a different guardian 1 key on
    // each.
    copy_dir(&data_a, &data_b);
    let board_a = Board::start(&data_a);
    let board_b = Board::start(&data_b);
    for (board, who) in [(&board_a, "ga"), (&board_b, "gb")] {
        another_guardian_1_key(&parties, board, who);
    }
    let forked = tree_size(&board_a);
    assert_eq!(forked, tree_size(&board_b));
    let sizes = Sizes { prefix, forked };
    each_witness_follows_one_history(&parties, [&board_a, &board_b], (&w1, &w2), sizes);
    witness_1_refuses_the_other_history(&parties, &board_b, &w1);
    compare_proves_the_fork(&parties, &board_a, (&w1, &w2), sizes);
}

/// The log's size after the common prefix and after each board's own guardian 1 key.
#[derive(Clone, Copy)]
struct Sizes {
    prefix: u64,
    forked: u64,
}

/// The common prefix: the election is created on a board in `data`, the administrator
/// enrols the witnesses with states `w1` and `w2`, and witness 1 cosigns it; then that board
/// stops. Returns the prefix's size.
fn common_prefix_cosigned_by_witness_1(
    parties: &mut Parties,
    data: &Path,
    w1: &str,
    w2: &str,
) -> u64 {
    list_administrator(parties.dir.path(), data);
    let first = Board::start(data);
    parties.board = first.url.clone();
    parties.create(3, 2, "toy", &[]);
    parties.enrol_witness(w1);
    parties.enrol_witness(w2);
    let (code, out) = watch(parties, &first, w1);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("the cosignature is posted to the board: 1 witness(es)"),
        "{out}"
    );
    let prefix = tree_size(&first);
    drop(first);
    prefix
}

/// Guardian 1 in the folder `who` pulls `board`, makes a key of its own and pushes it,
/// signed with guardian 1's identity.
fn another_guardian_1_key(parties: &Parties, board: &Board, who: &str) {
    let record = parties.path(&format!("{who}/record")).display().to_string();
    let secret = parties.path(&format!("{who}/secret")).display().to_string();
    let identity = parties.identity("g1");
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
            "--identity",
            &identity,
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
fn each_witness_follows_one_history(
    parties: &Parties,
    boards: [&Board; 2],
    (w1, w2): (&str, &str),
    sizes: Sizes,
) {
    let [board_a, board_b] = boards;
    let (code, out) = watch(parties, board_a, w1);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!(
            "consistent with the checkpoint of {} entries",
            sizes.prefix
        )),
        "{out}"
    );
    let (code, out) = watch(parties, board_b, w2);
    assert_eq!(code, 0, "{out}");

    for (board, witnesses) in [(board_a, 1), (board_b, 1)] {
        let served = ureq::get(format!(
            "{}/api/elections/{ELECTION}/checkpoint/{}",
            board.url, sizes.forked
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

/// The two witnesses' checkpoints of the forked size prove the fork; checkpoints of one
/// history are consistent.
fn compare_proves_the_fork(
    parties: &Parties,
    board_a: &Board,
    (w1, w2): (&str, &str),
    sizes: Sizes,
) {
    let a_forked = format!("{w1}/{ELECTION}/checkpoint-{}.txt", sizes.forked);
    let b_forked = format!("{w2}/{ELECTION}/checkpoint-{}.txt", sizes.forked);
    let (code, out) = compare(parties, board_a, &a_forked, &b_forked);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("forked"), "{out}");

    let a_prefix = format!("{w1}/{ELECTION}/checkpoint-{}.txt", sizes.prefix);
    let (code, out) = compare(parties, board_a, &a_prefix, &a_forked);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("consistent"), "{out}");
}
