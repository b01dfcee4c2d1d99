//! `scrutin board pull` remembers its board in `<record>/.scrutin/board.json`: a board with
//! another key, a log smaller than the one pulled before, the same size with another root,
//! or a longer log that does not extend it, is board misbehaviour (exit 1), and the record
//! folder is left exactly as it was. The witness likewise exits 1 when shown a rolled-back
//! log. Different histories come from copies of one board's data (same signing key) that
//! accept different items, as in `board_fork.rs`; every item is signed by its author, as
//! the board requires.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::board::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const ELECTION: &str = "pulled";

/// Every file under `dir` (the dot-folder included) with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The files of a board's data directory, copied (the board stopped).
fn copy_data(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

struct Setup {
    parties: Parties,
}

impl Setup {
    fn at<'a>(&self, board: &'a Board) -> [&'a str; 4] {
        ["--board", &board.url, "--election", ELECTION]
    }

    /// `scrutin board pull` of `board` into `<who>/record`.
    fn pull(&self, board: &Board, who: &str) -> (i32, String) {
        let record = format!("@{who}/record");
        self.parties.run(
            &[
                &["board", "pull"][..],
                &self.at(board),
                &["--record", &record],
            ]
            .concat(),
        )
    }

    /// Guardian `index` in the folder `who` pulls `board`, makes a key and pushes it.
    fn post_guardian_key(&self, board: &Board, who: &str, index: &str) {
        let (code, out) = self.pull(board, who);
        assert_eq!(code, 0, "{out}");
        let (record, secret) = (format!("@{who}/record"), format!("@{who}/secret"));
        self.parties.ok(&[
            "guardian", "keygen", "--record", &record, "--index", index, "--secret", &secret,
        ]);
        let file = format!("ceremony/guardian-{index}.json");
        let identity = self.parties.identity(&format!("g{index}"));
        let push = [
            &["board", "push"][..],
            &self.at(board),
            &["--identity", &identity, "--record", &record, &file],
        ];
        self.parties.ok(&push.concat());
    }

    /// Starts a board on the data directory `data`, whose operator lists the
    /// administrator.
    fn start(&self, data: &str) -> Board {
        list_administrator(self.parties.dir.path(), &self.parties.path(data));
        Board::start(&self.parties.path(data))
    }

    /// Creates the election on `board` (3 guardians, quorum 2, toy group).
    fn create(&self, board: &Board) {
        self.parties
            .create(3, 2, "toy", &["--board", board.url.as_str()]);
    }

    /// A pull of `board` into `who`'s folder that must fail as board misbehaviour saying
    /// `why`, and leave the folder unchanged.
    fn refused(&self, board: &Board, who: &str, why: &str) {
        let record = self.parties.path(&format!("{who}/record"));
        let before = snapshot(&record);
        let (code, out) = self.pull(board, who);
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("board misbehaviour"), "{out}");
        assert!(out.contains(why), "{why}: {out}");
        assert_eq!(
            snapshot(&record),
            before,
            "the record folder changed: {out}"
        );
    }
}

#[test]
fn pull_pins_the_key_and_refuses_a_history_that_does_not_extend_the_last() {
    let mut setup = Setup {
        parties: Parties::new("", ELECTION),
    };
    let root = setup.parties.dir.path().to_path_buf();
    let path = |name: &str| root.join(name);
    let witness = path("witness").display().to_string();

    // Board A: the election, and the witness the administrator enrolled; pulled. Its data
    // copied as board B.
    let board_a = setup.start("board-a");
    setup.parties.board = board_a.url.clone();
    setup.create(&board_a);
    setup.parties.enrol_witness(&witness);
    let (code, out) = setup.pull(&board_a, "p");
    assert_eq!(code, 0, "{out}");
    let state = path("p/record/.scrutin/board.json");
    assert!(state.is_file());
    drop(board_a);
    copy_data(&path("board-a"), &path("board-b"));
    let board_a = Board::start(&path("board-a"));

    // A grows by a guardian key and its signature; the next pull checks the consistency
    // proof from the size pulled before.
    setup.post_guardian_key(&board_a, "ga", "1");
    let grown = log_size(&board_a.url, ELECTION);
    let (code, out) = setup.pull(&board_a, "p");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!("checkpoint of {grown} entries")),
        "{out}"
    );
    let watch = |board: &Board| {
        setup.parties.run(
            &[
                &["witness", "watch"][..],
                &setup.at(board),
                &["--state", &witness],
            ]
            .concat(),
        )
    };
    let (code, out) = watch(&board_a);
    assert_eq!(code, 0, "{out}");

    // B, with A's key, still shows the smaller log: a rollback, for the pull and the
    // witness.
    let board_b = Board::start(&path("board-b"));
    setup.refused(
        &board_b,
        "p",
        &format!("fewer than the {grown} seen before"),
    );
    let (code, out) = watch(&board_b);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("fewer than the {grown}")), "{out}");

    // B takes another guardian 1 key: as many entries as A with another root, then more
    // that do not extend A's.
    setup.post_guardian_key(&board_b, "gb", "1");
    setup.refused(
        &board_b,
        "p",
        &format!("same {grown} entries with another root"),
    );
    setup.post_guardian_key(&board_b, "gb2", "2");
    let longer = log_size(&board_b.url, ELECTION);
    setup.refused(
        &board_b,
        "p",
        &format!("consistency proof from {grown} to {longer} entries fails"),
    );

    // Another election is not pulled into this folder.
    let other = [
        "board",
        "pull",
        "--board",
        &board_a.url,
        "--election",
        "other",
        "--record",
        "@p/record",
    ];
    let (code, out) = setup.parties.run(&other);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("holds election pulled, not other"), "{out}");

    // Board C has a key of its own.
    let board_c = setup.start("board-c");
    setup.create(&board_c);
    setup.refused(&board_c, "p", "checkpoint key changed");

    // A remembered checkpoint that A never signed: A has no proof from it.
    let mut seen: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
    seen["size"] = serde_json::json!(2);
    std::fs::write(&state, serde_json::to_vec_pretty(&seen).unwrap()).unwrap();
    setup.refused(&board_a, "p", "no consistency proof from the 2 entries");

    // The folder with the true state still pulls from A, and verifies up to the ceremony.
    seen["size"] = serde_json::json!(grown);
    std::fs::write(&state, serde_json::to_vec_pretty(&seen).unwrap()).unwrap();
    let (code, out) = setup.pull(&board_a, "p");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("(0 new or changed)"), "{out}");
}
