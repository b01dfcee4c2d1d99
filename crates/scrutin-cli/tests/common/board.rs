//! The board's parties for the CLI tests: `scrutin serve` as a child process and each
//! party a `scrutin` process with its own folder.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The administrator's token in the board tests.
pub const TOKEN: &str = "e2e-administrator-token";

/// The passphrase of every party's secret files (guardians' secrets, key shares, decryption
/// state, witness keys) in the board tests.
pub const PASSPHRASE: &str = "board test passphrase";

/// `scrutin serve` on a free loopback port, killed when dropped.
pub struct Board {
    pub child: Child,
    pub url: String,
}

impl Board {
    /// Starts `scrutin serve` on the data directory `data`.
    pub fn start(data: &Path) -> Board {
        Board::start_with(data, &[])
    }

    /// Starts `scrutin serve` on the data directory `data` with more options `extra`.
    pub fn start_with(data: &Path, extra: &[&str]) -> Board {
        let mut child = Command::new(env!("CARGO_BIN_EXE_scrutin"))
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--host",
                "board.test",
                "--allow-test-groups",
                "--data-dir",
            ])
            .arg(data)
            .args(extra)
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
            .find(|w| w.starts_with("http://") || w.starts_with("https://"))
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

/// The `--database` of `scrutin serve` for PostgreSQL, in a fresh schema named after
/// `test`, or `None` with a printed note when `SCRUTIN_TEST_POSTGRES_URL` is not set (e.g. by
/// `scripts/with-postgres.sh`). When it is set, a server that cannot be used fails the test.
pub fn postgres_database(test: &str) -> Option<String> {
    const POSTGRES_URL: &str = "SCRUTIN_TEST_POSTGRES_URL";
    let Ok(url) = std::env::var(POSTGRES_URL) else {
        eprintln!("SKIPPED: set {POSTGRES_URL} to run {test} against PostgreSQL");
        return None;
    };
    let schema = format!("scrutin_{test}_{}", std::process::id());
    let mut store = scrutin_board::store::PostgresStore::connect_in(&url, Some(&schema))
        .unwrap_or_else(|e| panic!("{POSTGRES_URL} is set but the server cannot be used: {e}"));
    store.drop_schema(&schema).unwrap();
    scrutin_board::store::PostgresStore::connect_in(&url, Some(&schema)).unwrap();
    // The schema as the board's search path (libpq's `options`, read by tokio-postgres).
    let separator = if url.contains('?') { '&' } else { '?' };
    Some(format!(
        "{url}{separator}options=-c%20search_path%3D{schema}"
    ))
}

/// The parties of an election, each with a folder in `dir`, talking to `board` (trusting
/// the CA certificate `ca_file`, if given, through `SCRUTIN_BOARD_CA_FILE`).
pub struct Parties {
    pub dir: tempfile::TempDir,
    pub board: String,
    pub election: String,
    pub ca_file: Option<PathBuf>,
}

impl Parties {
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `scrutin` with `args` (`@x` is the path `x` in the test directory), the
    /// board's address and [`PASSPHRASE`]; returns the exit code and standard output then standard error.
    pub fn run(&self, args: &[&str]) -> (i32, String) {
        let args: Vec<String> = args
            .iter()
            .map(|a| match a.strip_prefix('@') {
                Some(rest) => self.path(rest).display().to_string(),
                None => a.to_string(),
            })
            .collect();
        let mut command = Command::new(env!("CARGO_BIN_EXE_scrutin"));
        command
            .args(&args)
            .env("SCRUTIN_BOARD", &self.board)
            .env("SCRUTIN_PASSPHRASE", PASSPHRASE)
            .env_remove("SCRUTIN_BOARD_CA_FILE")
            .stdin(Stdio::null());
        if let Some(ca) = &self.ca_file {
            command.env("SCRUTIN_BOARD_CA_FILE", ca);
        }
        let out = command.output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code().unwrap_or(-1), text)
    }

    /// Runs `scrutin` like [`Self::run`], expecting success; returns the output.
    pub fn ok(&self, args: &[&str]) -> String {
        let (code, text) = self.run(args);
        assert_eq!(code, 0, "scrutin {}: {text}", args.join(" "));
        text
    }

    /// `scrutin board pull` into `<who>/record`, the party witnessing the board with its
    /// folder `<who>/witness` (it cosigns each checkpoint only if it extends the last one).
    pub fn pull(&self, who: &str) {
        let (record, witness) = (format!("@{who}/record"), format!("@{who}/witness"));
        self.ok(&[
            "board",
            "pull",
            "--election",
            &self.election,
            "--record",
            &record,
            "--witness",
            &witness,
        ]);
    }

    /// `scrutin board push` of files of `<who>/record`.
    pub fn push(&self, who: &str, files: &[&str]) {
        let record = format!("@{who}/record");
        let mut args = vec![
            "board",
            "push",
            "--election",
            &self.election,
            "--record",
            &record,
        ];
        args.extend_from_slice(files);
        self.ok(&args);
    }
}

/// `count` plaintext ballots named `<prefix>-<i>` in the format of `scrutin encrypt`; those
/// in `challenged` are challenged.
pub fn ballots_file(path: &Path, prefix: &str, count: usize, challenged: &[usize]) {
    let mayors = ["Ann", "Bob", "Carol"];
    let ballots: Vec<serde_json::Value> = (0..count)
        .map(|i| {
            serde_json::json!({
                "ballot_id": format!("{prefix}-{i:03}"),
                "style": "all",
                "choices": {
                    "Mayor": [mayors[i % 3]],
                    "Library levy": [if i % 2 == 0 { "Yes" } else { "No" }],
                },
                "challenge": challenged.contains(&i),
            })
        })
        .collect();
    std::fs::write(path, serde_json::to_vec_pretty(&ballots).unwrap()).unwrap();
}

/// Runs the key ceremony of `n` guardians through the board, each guardian `g<i>` in its own
/// folder; returns the guardians' folder names.
pub fn ceremony(parties: &Parties, n: u32) -> Vec<String> {
    let guardians: Vec<String> = (1..=n).map(|i| format!("g{i}")).collect();
    for (i, g) in (1..=n).zip(&guardians) {
        parties.pull(g);
        let (record, secret) = (format!("@{g}/record"), format!("@{g}/secret"));
        let index = i.to_string();
        parties.ok(&[
            "guardian", "keygen", "--record", &record, "--index", &index, "--secret", &secret,
        ]);
        parties.push(g, &[&format!("ceremony/guardian-{i}.json")]);
    }
    for (i, g) in (1..=n).zip(&guardians) {
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
        let shares: Vec<String> = (1..=n)
            .filter(|l| *l != i)
            .map(|l| format!("ceremony/shares/share-{i}-to-{l}.json"))
            .collect();
        let shares: Vec<&str> = shares.iter().map(String::as_str).collect();
        parties.push(g, &shares);
    }
    for (i, g) in (1..=n).zip(&guardians) {
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
            &parties.election,
            "--record",
            &record,
            "--index",
            &index,
        ]);
    }

    guardians
}

/// The example manifest of docs/examples/springfield.
pub fn springfield_manifest() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/examples/springfield/manifest.json")
        .display()
        .to_string()
}

/// Starts a board on `<dir>/board-data` and creates `election` on it (springfield manifest,
/// n guardians, quorum k, group `group`); returns the board and the parties.
pub fn board_with_election(election: &str, n: u32, k: u32, group: &str) -> (Board, Parties) {
    board_with_election_served(election, n, k, group, &[])
}

/// The same, with more options `serve` for `scrutin serve`.
pub fn board_with_election_served(
    election: &str,
    n: u32,
    k: u32,
    group: &str,
    serve: &[&str],
) -> (Board, Parties) {
    let dir = tempfile::tempdir().unwrap();
    let server = Board::start_with(&dir.path().join("board-data"), serve);
    let parties = Parties {
        dir,
        board: server.url.clone(),
        election: election.into(),
        ca_file: None,
    };
    create_election(&parties, n, k, group);
    (server, parties)
}

/// The same over HTTPS: a board started with a fresh self-signed certificate for 127.0.0.1
/// and localhost, which the parties trust as their only CA.
pub fn board_with_election_over_tls(
    election: &str,
    n: u32,
    k: u32,
    group: &str,
) -> (Board, Parties) {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = self_signed_certificate(&dir.path().join("tls"));
    let (cert_arg, key_arg) = (cert.display().to_string(), key.display().to_string());
    let server = Board::start_with(
        &dir.path().join("board-data"),
        &["--tls-cert", &cert_arg, "--tls-key", &key_arg],
    );
    assert!(server.url.starts_with("https://"), "{}", server.url);
    let parties = Parties {
        dir,
        board: server.url.clone(),
        election: election.into(),
        ca_file: Some(cert),
    };
    create_election(&parties, n, k, group);
    (server, parties)
}

/// A throw-away self-signed certificate for 127.0.0.1 and localhost, and its key, as PEM
/// files `cert.pem` and `key.pem` in `dir`.
pub fn self_signed_certificate(dir: &Path) -> (PathBuf, PathBuf) {
    let certified =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string(), "localhost".to_string()])
            .unwrap();
    std::fs::create_dir_all(dir).unwrap();
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    std::fs::write(&cert, certified.cert.pem()).unwrap();
    std::fs::write(&key, certified.signing_key.serialize_pem()).unwrap();
    (cert, key)
}

/// Creates the parties' election on their board (springfield manifest, n guardians, quorum
/// k, group `group`).
fn create_election(parties: &Parties, n: u32, k: u32, group: &str) {
    let (n, k, manifest) = (n.to_string(), k.to_string(), springfield_manifest());
    parties.ok(&[
        "board",
        "create",
        "--election",
        &parties.election,
        "--token",
        TOKEN,
        "--manifest",
        &manifest,
        "--guardians",
        &n,
        "--quorum",
        &k,
        "--group",
        group,
    ]);
}

impl Parties {
    /// Voting device `booth-<d>` in folder `dev<d>`: pulls, registers, and encrypts `count`
    /// ballots named `d<d>-<i>` (none challenged) into its folder.
    pub fn device(&self, d: usize, count: usize) {
        let who = format!("dev{d}");
        self.pull(&who);
        let device = format!("booth-{d}");
        self.ok(&[
            "board",
            "register-device",
            "--election",
            &self.election,
            "--device",
            &device,
        ]);
        let file = format!("ballots-{d}.json");
        ballots_file(&self.path(&file), &format!("d{d}"), count, &[]);
        let (record, plain) = (format!("@{who}/record"), format!("@{file}"));
        self.ok(&[
            "encrypt",
            "--record",
            &record,
            "--device",
            &device,
            "--ballots",
            &plain,
        ]);
    }
}
