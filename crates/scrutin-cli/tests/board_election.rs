//! A whole election through a running board on loopback (real HTTP, real SQLite file): the
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

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const ELECTION: &str = "e2e";
const TOKEN: &str = "e2e-administrator-token";

/// `scrutin serve` on a free loopback port, killed when dropped.
struct Board {
    child: Child,
    url: String,
}

impl Board {
    fn start(data: &Path) -> Board {
        let mut child = Command::new(env!("CARGO_BIN_EXE_scrutin"))
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--host",
                "board.test",
                "--data-dir",
            ])
            .arg(data)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .trim_end_matches('/')
            .to_string();
        Board { child, url }
    }
}

impl Drop for Board {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Parties {
    dir: tempfile::TempDir,
    board: String,
}

impl Parties {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `scrutin` with `args` (`@x` is the path `x` in the test directory) and the
    /// board's address, expecting success; returns standard output.
    fn ok(&self, args: &[&str]) -> String {
        let args: Vec<String> = args
            .iter()
            .map(|a| match a.strip_prefix('@') {
                Some(rest) => self.path(rest).display().to_string(),
                None => a.to_string(),
            })
            .collect();
        let out = Command::new(env!("CARGO_BIN_EXE_scrutin"))
            .args(&args)
            .env("SCRUTIN_BOARD", &self.board)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "scrutin {}: {}\n{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// `scrutin board pull` into `<who>/record`.
    fn pull(&self, who: &str) {
        let record = format!("@{who}/record");
        self.ok(&["board", "pull", "--election", ELECTION, "--record", &record]);
    }

    /// `scrutin board push` of files of `<who>/record`.
    fn push(&self, who: &str, files: &[&str]) {
        let record = format!("@{who}/record");
        let mut args = vec!["board", "push", "--election", ELECTION, "--record", &record];
        args.extend_from_slice(files);
        self.ok(&args);
    }
}

/// 50 plaintext ballots in the format of `scrutin encrypt`, the 10th and 30th challenged.
fn ballots_file(path: &Path) {
    let mayors = ["Ann", "Bob", "Carol"];
    let ballots: Vec<serde_json::Value> = (0..50)
        .map(|i| {
            serde_json::json!({
                "ballot_id": format!("b-{i:03}"),
                "style": "all",
                "choices": {
                    "Mayor": [mayors[i % 3]],
                    "Library levy": [if i % 2 == 0 { "Yes" } else { "No" }],
                },
                "challenge": i == 10 || i == 30,
            })
        })
        .collect();
    std::fs::write(path, serde_json::to_vec_pretty(&ballots).unwrap()).unwrap();
}

#[test]
fn a_whole_election_through_the_board_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let server = Board::start(&dir.path().join("board-data"));
    let parties = Parties {
        dir,
        board: server.url.clone(),
    };
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/examples/springfield/manifest.json")
        .display()
        .to_string();
    parties.ok(&[
        "board",
        "create",
        "--election",
        ELECTION,
        "--token",
        TOKEN,
        "--manifest",
        &manifest,
        "--guardians",
        "5",
        "--quorum",
        "3",
        "--group",
        "toy",
    ]);

    // The key ceremony: each guardian in its own directory.
    let guardians: Vec<String> = (1..=5).map(|i| format!("g{i}")).collect();
    for (i, g) in (1..=5).zip(&guardians) {
        parties.pull(g);
        let (record, secret) = (format!("@{g}/record"), format!("@{g}/secret"));
        let index = i.to_string();
        parties.ok(&[
            "guardian", "keygen", "--record", &record, "--index", &index, "--secret", &secret,
        ]);
        parties.push(g, &[&format!("ceremony/guardian-{i}.json")]);
    }
    for (i, g) in (1..=5).zip(&guardians) {
        parties.pull(g);
        let (record, secret) = (format!("@{g}/record"), format!("@{g}/secret"));
        parties.ok(&[
            "guardian",
            "send-shares",
            "--record",
            &record,
            "--secret",
            &secret,
        ]);
        let shares: Vec<String> = (1..=5)
            .filter(|l| *l != i)
            .map(|l| format!("ceremony/shares/share-{i}-to-{l}.json"))
            .collect();
        let shares: Vec<&str> = shares.iter().map(String::as_str).collect();
        parties.push(g, &shares);
    }
    for (i, g) in (1..=5).zip(&guardians) {
        parties.pull(g);
        let (record, secret, share) = (
            format!("@{g}/record"),
            format!("@{g}/secret"),
            format!("@{g}/key-share"),
        );
        parties.ok(&[
            "guardian",
            "receive-shares",
            "--record",
            &record,
            "--secret",
            &secret,
            "--key-share",
            &share,
        ]);
        let index = i.to_string();
        parties.ok(&[
            "board",
            "accept",
            "--election",
            ELECTION,
            "--record",
            &record,
            "--index",
            &index,
        ]);
    }

    // Voting: one device encrypts 50 ballots and posts them in its chain's order.
    parties.pull("device");
    parties.ok(&[
        "board",
        "register-device",
        "--election",
        ELECTION,
        "--device",
        "booth-1",
    ]);
    ballots_file(&parties.path("ballots.json"));
    parties.ok(&[
        "encrypt",
        "--record",
        "@device/record",
        "--device",
        "booth-1",
        "--ballots",
        "@ballots.json",
    ]);
    parties.push("device", &["encrypted_ballots/booth-1"]);
    parties.ok(&["board", "close", "--election", ELECTION, "--token", TOKEN]);

    // Decryption by guardians 1–4 (guardian 5 is absent), round by round.
    let available = "1,2,3,4";
    for (round, prefix) in [
        ("commit", "commit"),
        ("reveal", "reveal"),
        ("respond", "response"),
    ] {
        for (i, g) in (1..=4).zip(&guardians) {
            parties.pull(g);
            let (record, share, state) = (
                format!("@{g}/record"),
                format!("@{g}/key-share"),
                format!("@{g}/state"),
            );
            parties.ok(&[
                "decrypt",
                round,
                "--record",
                &record,
                "--key-share",
                &share,
                "--state",
                &state,
                "--guardians",
                available,
            ]);
            parties.push(g, &[&format!("decryption/{prefix}-{i}.json")]);
        }
    }

    // The administrator combines and posts the results; the board verifies before it
    // accepts them.
    parties.pull("admin");
    parties.ok(&["decrypt", "combine", "--record", "@admin/record"]);
    parties.ok(&[
        "board",
        "results",
        "--election",
        ELECTION,
        "--token",
        TOKEN,
        "--record",
        "@admin/record",
    ]);

    // Anyone: the record pulled from the board verifies, and so does the tar it serves.
    parties.pull("observer");
    let report = parties.ok(&["verify", "--allow-test-parameters", "@observer/record"]);
    assert!(
        report.contains("every verification step passed"),
        "{report}"
    );
    let tar = ureq::get(format!(
        "{}/api/elections/{ELECTION}/record.tar",
        server.url
    ))
    .call()
    .unwrap()
    .body_mut()
    .with_config()
    .limit(64 << 20)
    .read_to_vec()
    .unwrap();
    let unpacked = parties.path("unpacked");
    tar::Archive::new(tar.as_slice()).unpack(&unpacked).unwrap();
    let from_tar = unpacked.join(ELECTION).display().to_string();
    parties.ok(&["verify", "--allow-test-parameters", &from_tar]);
    let results = ureq::get(format!("{}/elections/{ELECTION}/results", server.url))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    assert!(results.contains("The record is valid"), "{results}");
    let cast = results.matches("<tr><th scope=\"row\">").count();
    assert!(cast >= 5, "a row per option: {results}");
}
