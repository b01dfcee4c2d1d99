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

#[test]
fn witnesses_catch_a_forked_board() {
    let parties = Parties {
        dir: tempfile::tempdir().unwrap(),
        board: String::new(),
        election: ELECTION.into(),
    };
    let (data_a, data_b) = (parties.path("board-a"), parties.path("board-b"));
    let path = |name: &str| parties.path(name).display().to_string();
    let scrutin = |args: &[&str]| parties.run(args);
    let manifest = springfield_manifest();

    // The common prefix: the election is created and witness 1 cosigns it.
    let first = Board::start(&data_a);
    let (code, out) = scrutin(&[
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
    let (w1, w2) = (path("witness-1"), path("witness-2"));
    let (code, out) = scrutin(&[
        "witness",
        "watch",
        "--board",
        &first.url,
        "--election",
        ELECTION,
        "--state",
        &w1,
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("the cosignature is posted to the board: 1 witness(es)"),
        "{out}"
    );
    drop(first);

    // The fork: two boards with the same data and key, then a different guardian 1 key on
    // each.
    copy_dir(&data_a, &data_b);
    let board_a = Board::start(&data_a);
    let board_b = Board::start(&data_b);
    for (board, who) in [(&board_a, "ga"), (&board_b, "gb")] {
        let record = path(&format!("{who}/record"));
        let secret = path(&format!("{who}/secret"));
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
            let (code, out) = scrutin(&step);
            assert_eq!(code, 0, "{out}");
        }
    }

    // Witness 1 follows board A; witness 2 first sees board B.
    let (code, out) = scrutin(&[
        "witness",
        "watch",
        "--board",
        &board_a.url,
        "--election",
        ELECTION,
        "--state",
        &w1,
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("consistent with the checkpoint of 3 entries"),
        "{out}"
    );
    let (code, out) = scrutin(&[
        "witness",
        "watch",
        "--board",
        &board_b.url,
        "--election",
        ELECTION,
        "--state",
        &w2,
    ]);
    assert_eq!(code, 0, "{out}");

    // Each board collected the cosignature of the witness that follows it, and serves it.
    for (board, witnesses) in [(&board_a, 1), (&board_b, 1)] {
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

    // Witness 1, shown board B's history, refuses to cosign it.
    let (code, out) = scrutin(&[
        "witness",
        "watch",
        "--board",
        &board_b.url,
        "--election",
        ELECTION,
        "--state",
        &w1,
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("refuses to cosign"), "{out}");

    // The two witnesses' checkpoints of 4 entries prove the fork.
    let a4 = format!("{w1}/{ELECTION}/checkpoint-4.txt");
    let b4 = format!("{w2}/{ELECTION}/checkpoint-4.txt");
    let (code, out) = scrutin(&[
        "witness",
        "compare",
        "--board",
        &board_a.url,
        "--election",
        ELECTION,
        &a4,
        &b4,
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("forked"), "{out}");

    // Checkpoints of one history are consistent.
    let a3 = format!("{w1}/{ELECTION}/checkpoint-3.txt");
    let (code, out) = scrutin(&[
        "witness",
        "compare",
        "--board",
        &board_a.url,
        "--election",
        ELECTION,
        &a3,
        &a4,
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("consistent"), "{out}");
}
