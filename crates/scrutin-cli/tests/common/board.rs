//! The board's parties for the CLI tests: `scrutin serve` as a child process and each
//! party a `scrutin` process with its own folder.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use rand_core::OsRng;
use scrutin_record::authorship::identity_file::{self, IdentityJson};
use scrutin_record::authorship::Identity;
use scrutin_record::sealed::KdfCost;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The passphrase of every party's secret files (identities, guardians' secrets, key shares,
/// decryption state, witness keys) in the board tests.
pub const PASSPHRASE: &str = "board test passphrase";

/// The administrator's identity name in the board tests.
pub const ADMIN: &str = "admin";

/// The folder of the test directory that holds every party's identity files.
pub const IDS: &str = "ids";

/// The Argon2id cost of the test identities: the least the format allows, since these
/// tests open identities for every post and test the board, not the key derivation
/// (`scrutin identity new` seals at the default cost; `tests/identity.rs` checks it).
const CHEAP: KdfCost = KdfCost {
    memory_kib: 8,
    iterations: 1,
    lanes: 1,
};

/// Party `name`'s identity in `<dir>/ids/`: made on first use (`<name>.identity` sealed with
/// [`PASSPHRASE`], and the public `<name>.identity.json`), opened after.
pub fn identity(dir: &Path, name: &str) -> Identity {
    let sealed = dir.join(IDS).join(format!("{name}.identity"));
    if let Ok(bytes) = std::fs::read(&sealed) {
        return identity_file::open(PASSPHRASE.as_bytes(), &bytes).unwrap();
    }
    let identity = Identity::generate(&mut OsRng);
    let bytes = identity_file::seal(&mut OsRng, PASSPHRASE.as_bytes(), CHEAP, &identity).unwrap();
    std::fs::create_dir_all(dir.join(IDS)).unwrap();
    std::fs::write(&sealed, bytes).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&sealed, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let public = identity_file::public_file(name, &identity);
    std::fs::write(
        dir.join(IDS).join(format!("{name}.identity.json")),
        serde_json::to_vec_pretty(&public).unwrap(),
    )
    .unwrap();
    identity
}

/// The public identity file of party `name` in `<dir>/ids/`.
pub fn public_identity(dir: &Path, name: &str) -> IdentityJson {
    identity(dir, name);
    let file = dir.join(IDS).join(format!("{name}.identity.json"));
    serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap()
}

/// Lists the administrator of the test directory `dir` in the administrators file of the
/// board's data directory `data`, as the board's operator does before it starts the board.
pub fn list_administrator(dir: &Path, data: &Path) {
    let admin = public_identity(dir, ADMIN);
    std::fs::create_dir_all(data).unwrap();
    #[cfg(unix)]
    {
        // As the board makes its data directory, so that it has nothing to narrow.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(data, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    std::fs::write(
        data.join("administrators"),
        format!(
            "# who may create elections on this test board\n{} test administrator\n",
            admin.public_key
        ),
    )
    .unwrap();
}

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
    /// The parties of election `election` on the board at `board`, in a new test directory.
    pub fn new(board: &str, election: &str) -> Parties {
        Parties {
            dir: tempfile::tempdir().unwrap(),
            board: board.into(),
            election: election.into(),
            ca_file: None,
        }
    }

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
        super::code_and_text(&out)
    }

    /// Runs `scrutin` like [`Self::run`], expecting success; returns the output.
    pub fn ok(&self, args: &[&str]) -> String {
        let (code, text) = self.run(args);
        assert_eq!(code, 0, "scrutin {}: {text}", args.join(" "));
        text
    }

    /// The `--identity` argument of party `name`, whose identity is made on first use.
    pub fn identity(&self, name: &str) -> String {
        identity(self.dir.path(), name);
        format!("@{IDS}/{name}.identity")
    }

    /// The path argument of party `name`'s public identity file.
    pub fn public_identity(&self, name: &str) -> String {
        identity(self.dir.path(), name);
        format!("@{IDS}/{name}.identity.json")
    }

    /// The administrator enrols the witness whose folder is `state` (`@`-relative), once per
    /// election: `scrutin witness key` gives its name and vkey, `board enrol-witness` signs
    /// the enrolment.
    pub fn enrol_witness(&self, state: &str) {
        let folder = self.path(state.trim_start_matches('@'));
        let marker = folder.join(format!("enrolled-in-{}", self.election));
        if marker.exists() {
            return;
        }
        let out = self.ok(&["witness", "key", "--state", state]);
        let field = |label: &str| {
            out.lines()
                .find_map(|l| l.strip_prefix(label))
                .unwrap_or_else(|| panic!("no {label} in {out}"))
                .to_string()
        };
        let (name, vkey) = (field("name: "), field("vkey: "));
        let admin = self.identity(ADMIN);
        self.ok(&[
            "board",
            "enrol-witness",
            "--election",
            &self.election,
            "--identity",
            &admin,
            "--name",
            &name,
            "--vkey",
            &vkey,
        ]);
        std::fs::write(marker, b"").unwrap();
    }

    /// `scrutin board pull` into `<who>/record`, the party witnessing the board with its
    /// folder `<who>/witness` (it cosigns each checkpoint only if it extends the last one),
    /// enrolled by the administrator at the party's first pull.
    pub fn pull(&self, who: &str) {
        let witness = format!("@{who}/witness");
        self.enrol_witness(&witness);
        self.pull_with(who, &["--witness", &witness]);
    }

    /// `scrutin board pull` into `<who>/record`, without witnessing the board.
    pub fn pull_unwitnessed(&self, who: &str) {
        self.pull_with(who, &[]);
    }

    fn pull_with(&self, who: &str, extra: &[&str]) {
        let record = format!("@{who}/record");
        let mut args = vec![
            "board",
            "pull",
            "--election",
            &self.election,
            "--record",
            &record,
        ];
        args.extend_from_slice(extra);
        self.ok(&args);
    }

    /// Guardian `g` (folder and identity) with index `index` runs decryption round `round`
    /// (`commit`, `reveal` or `respond`) with the guardians `available`, and pushes its
    /// message.
    pub fn decryption_round(&self, g: &str, index: u32, round: &str, available: &str) {
        self.decryption_round_of_attempt(g, index, round, available, 1);
    }

    /// [`Parties::decryption_round`] in the decryption's attempt `attempt`: after a restart,
    /// with a fresh state file (`state-<n>`) and its message under `decryption/attempt-<n>/`.
    pub fn decryption_round_of_attempt(
        &self,
        g: &str,
        index: u32,
        round: &str,
        available: &str,
        attempt: u32,
    ) {
        self.pull(g);
        let (folder, state) = match attempt {
            1 => ("decryption".to_string(), format!("@{g}/state")),
            n => (format!("decryption/attempt-{n}"), format!("@{g}/state-{n}")),
        };
        let (record, share) = (format!("@{g}/record"), format!("@{g}/key-share"));
        self.ok(&[
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
        let prefix = if round == "respond" {
            "response"
        } else {
            round
        };
        self.push(g, g, &[&format!("{folder}/{prefix}-{index}.json")]);
    }

    /// `scrutin board push` of files of `<who>/record`, signed by party `signer`.
    pub fn push(&self, who: &str, signer: &str, files: &[&str]) {
        let record = format!("@{who}/record");
        let identity = self.identity(signer);
        let mut args = vec![
            "board",
            "push",
            "--election",
            &self.election,
            "--identity",
            &identity,
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
/// folder with its identity `g<i>`; returns the guardians' folder names.
pub fn ceremony(parties: &Parties, n: u32) -> Vec<String> {
    let guardians: Vec<String> = (1..=n).map(|i| format!("g{i}")).collect();
    for (i, g) in (1..=n).zip(&guardians) {
        parties.pull(g);
        let (record, secret) = (format!("@{g}/record"), format!("@{g}/secret"));
        let index = i.to_string();
        parties.ok(&[
            "guardian", "keygen", "--record", &record, "--index", &index, "--secret", &secret,
        ]);
        parties.push(g, g, &[&format!("ceremony/guardian-{i}.json")]);
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
        parties.push(g, g, &shares);
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
        let (index, identity) = (i.to_string(), parties.identity(g));
        parties.ok(&[
            "board",
            "accept",
            "--election",
            &parties.election,
            "--identity",
            &identity,
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

/// The same, with more options `serve` for `scrutin serve`. The administrator `admin` is on
/// the board's administrators file, and the roster lists the guardians `g1`…`g<n>`.
pub fn board_with_election_served(
    election: &str,
    n: u32,
    k: u32,
    group: &str,
    serve: &[&str],
) -> (Board, Parties) {
    let mut parties = Parties::new("", election);
    let data = parties.path("board-data");
    list_administrator(parties.dir.path(), &data);
    let server = Board::start_with(&data, serve);
    parties.board = server.url.clone();
    parties.create(n, k, group, &[]);
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
    let mut parties = Parties::new("", election);
    let (cert, key) = self_signed_certificate(&parties.path("tls"));
    let (cert_arg, key_arg) = (cert.display().to_string(), key.display().to_string());
    let data = parties.path("board-data");
    list_administrator(parties.dir.path(), &data);
    let server = Board::start_with(&data, &["--tls-cert", &cert_arg, "--tls-key", &key_arg]);
    assert!(server.url.starts_with("https://"), "{}", server.url);
    parties.board = server.url.clone();
    parties.ca_file = Some(cert);
    parties.create(n, k, group, &[]);
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

impl Parties {
    /// `scrutin board create` of the election by the administrator, with the springfield
    /// manifest, guardians `g1`…`g<n>` on the roster, and more arguments `extra`.
    pub fn create(&self, n: u32, k: u32, group: &str, extra: &[&str]) -> String {
        let (admin, manifest) = (self.identity(ADMIN), springfield_manifest());
        let (n_text, k_text) = (n.to_string(), k.to_string());
        let guardians: Vec<String> = (1..=n)
            .map(|i| self.public_identity(&format!("g{i}")))
            .collect();
        let mut args = vec![
            "board",
            "create",
            "--election",
            &self.election,
            "--identity",
            &admin,
            "--manifest",
            &manifest,
            "--guardians",
            &n_text,
            "--quorum",
            &k_text,
            "--group",
            group,
        ];
        for guardian in &guardians {
            args.extend(["--guardian", guardian.as_str()]);
        }
        args.extend_from_slice(extra);
        self.ok(&args)
    }

    /// The administrator enrols voting device `device`, whose identity has its name.
    pub fn enrol_device(&self, device: &str) {
        let (admin, key) = (self.identity(ADMIN), self.public_identity(device));
        self.ok(&[
            "board",
            "enrol-device",
            "--election",
            &self.election,
            "--identity",
            &admin,
            "--device",
            device,
            "--key",
            &key,
        ]);
    }

    /// Voting device `device` registers, signed with its identity.
    pub fn register_device(&self, device: &str) {
        let identity = self.identity(device);
        self.ok(&[
            "board",
            "register-device",
            "--election",
            &self.election,
            "--identity",
            &identity,
            "--device",
            device,
        ]);
    }

    /// The administrator combines the decryption in `<who>/record`, signing the results
    /// with its identity (the record has a roster).
    pub fn combine(&self, who: &str) {
        let (admin, record) = (self.identity(ADMIN), format!("@{who}/record"));
        let out = self.ok(&[
            "decrypt",
            "combine",
            "--record",
            &record,
            "--identity",
            &admin,
        ]);
        assert!(out.contains("the administrator"), "{out}");
    }

    /// The administrator posts the results of the record `<who>/record`; returns the exit
    /// code and the output.
    pub fn results(&self, who: &str) -> (i32, String) {
        let (admin, record) = (self.identity(ADMIN), format!("@{who}/record"));
        self.run(&[
            "board",
            "results",
            "--election",
            &self.election,
            "--identity",
            &admin,
            "--record",
            &record,
        ])
    }

    /// The size of the election's log on its board.
    pub fn log_size(&self) -> u64 {
        log_size(&self.board, &self.election)
    }

    /// The administrator closes the vote.
    pub fn close(&self) {
        let admin = self.identity(ADMIN);
        self.ok(&[
            "board",
            "close",
            "--election",
            &self.election,
            "--identity",
            &admin,
        ]);
    }
}

impl Parties {
    /// Voting device `booth-<d>` in folder `dev<d>`: enrolled by the administrator, pulls,
    /// registers, and encrypts `count` ballots named `d<d>-<i>` (none challenged) into its
    /// folder.
    pub fn device(&self, d: usize, count: usize) {
        let who = format!("dev{d}");
        let device = format!("booth-{d}");
        self.enrol_device(&device);
        self.pull(&who);
        self.register_device(&device);
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

/// The size of the log of election `election` on the board at `board`.
pub fn log_size(board: &str, election: &str) -> u64 {
    let info: serde_json::Value = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent()
        .get(format!("{board}/api/elections/{election}"))
        .call()
        .unwrap()
        .body_mut()
        .read_json()
        .unwrap();
    info["tree_size"].as_u64().unwrap()
}
