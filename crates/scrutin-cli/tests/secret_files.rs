//! A guardian's secret files are encrypted with its passphrase: the bytes on disk
//! are the format of docs/record-format.md ("Secret files") and hold no secret in the clear;
//! a wrong passphrase, a missing one, an empty one and a plain file of the old format each
//! fail with an error that names the problem and what to do.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use scrutin_record::sealed::{self, KdfCost, HEADER_LEN, TAG_LEN};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

struct Guardians {
    dir: tempfile::TempDir,
}

impl Guardians {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `scrutin` with `args` (`@x` is the path `x` in the test directory), the passphrase in
    /// the environment if any, and no standard input.
    fn command<S: AsRef<str>>(&self, passphrase: Option<&str>, args: &[S]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_scrutin"));
        command
            .args(args.iter().map(|a| match a.as_ref().strip_prefix('@') {
                Some(rest) => self.path(rest).display().to_string(),
                None => a.as_ref().to_string(),
            }))
            .env_remove("SCRUTIN_PASSPHRASE")
            .stdin(Stdio::null());
        if let Some(passphrase) = passphrase {
            command.env("SCRUTIN_PASSPHRASE", passphrase);
        }
        command
    }

    /// Runs `scrutin` and expects exit code `code`; returns standard output and error.
    fn expect<S: AsRef<str>>(&self, code: i32, passphrase: Option<&str>, args: &[S]) -> String {
        let out: Output = self.command(passphrase, args).output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let args: Vec<&str> = args.iter().map(AsRef::as_ref).collect();
        assert_eq!(out.status.code(), Some(code), "scrutin {args:?}:\n{text}");
        text
    }
}

fn send_shares(secret: &str) -> Vec<&str> {
    vec![
        "guardian",
        "send-shares",
        "--record",
        "@rec",
        "--secret",
        secret,
    ]
}

fn keygen(i: &str) -> Vec<String> {
    let args = [
        "guardian", "keygen", "--record", "@rec", "--index", i, "--secret",
    ];
    let secret = format!("@g{i}.secret");
    args.iter().map(|a| a.to_string()).chain([secret]).collect()
}

#[test]
fn secret_files_are_encrypted_with_the_passphrase() {
    let g = Guardians {
        dir: tempfile::tempdir().unwrap(),
    };
    create_the_election(&g);
    an_empty_passphrase_writes_nothing(&g);
    let out = g.expect(0, Some("right horse"), &keygen("1"));
    assert!(
        !out.contains("right horse"),
        "the passphrase is printed: {out}"
    );
    g.expect(0, Some("passphrase two"), &keygen("2"));
    g.expect(0, Some("passphrase three"), &keygen("3"));
    let plaintext = the_file_is_sealed_with_the_passphrase(&g);
    a_wrong_or_missing_passphrase_is_named(&g);

    // --passphrase-file comes first, and only its first line counts.
    std::fs::write(g.path("g1.pass"), "right horse\nnot this line\n").unwrap();
    let mut args = send_shares("@g1.secret");
    args.extend(["--passphrase-file", "@g1.pass"]);
    g.expect(0, Some("wrong horse"), &args);

    a_plain_file_of_the_old_format_is_named(&g, &plaintext);
}

/// The election of 3 guardians with quorum 2 on the toy group, in the folder `rec`.
fn create_the_election(g: &Guardians) {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/examples/springfield/manifest.json")
        .display()
        .to_string();
    g.expect(
        0,
        None,
        &[
            "election",
            "create",
            "--manifest",
            &manifest,
            "--guardians",
            "3",
            "--quorum",
            "2",
            "--record",
            "@rec",
            "--group",
            "toy",
        ],
    );
}

/// An empty passphrase is refused before anything is written.
fn an_empty_passphrase_writes_nothing(g: &Guardians) {
    let out = g.expect(2, Some(""), &keygen("1"));
    assert!(
        out.contains("the passphrase from SCRUTIN_PASSPHRASE is empty"),
        "{out}"
    );
    assert!(!g.path("g1.secret").exists());
    assert!(!g.path("rec/ceremony/guardian-1.json").exists());
}

/// Guardian 1's file is the format of docs/record-format.md at the default cost; it opens
/// with the passphrase to the guardian's secrets, none of which is in the file's bytes.
/// Returns those secrets, as a plain secret file of the old format holds them.
fn the_file_is_sealed_with_the_passphrase(g: &Guardians) -> zeroize::Zeroizing<Vec<u8>> {
    let bytes = std::fs::read(g.path("g1.secret")).unwrap();
    assert!(bytes.starts_with(b"SCRUTSEC\x01\x01"));
    assert!(serde_json::from_slice::<serde_json::Value>(&bytes).is_err());
    let (header, _, _) = sealed::Header::parse(&bytes).unwrap();
    assert_eq!(header.cost, KdfCost::DEFAULT);
    let plaintext = sealed::open(b"right horse", &bytes).unwrap();
    assert!(plaintext.len() > 32);
    assert_eq!(bytes.len(), HEADER_LEN + plaintext.len() + TAG_LEN);
    assert!(!plaintext
        .windows(16)
        .any(|w| bytes.windows(16).any(|b| b == w)));
    plaintext
}

/// A wrong passphrase, and no passphrase with no terminal to ask on, each fail naming the
/// problem.
fn a_wrong_or_missing_passphrase_is_named(g: &Guardians) {
    let out = g.expect(2, Some("wrong horse"), &send_shares("@g1.secret"));
    assert!(
        out.contains("g1.secret: wrong passphrase, or the file was altered or corrupted"),
        "{out}"
    );

    // No passphrase and no terminal to ask on (a new session has no controlling terminal).
    if Command::new("setsid").arg("--version").output().is_ok() {
        let inner = g.command(None, &send_shares("@g1.secret"));
        let out = Command::new("setsid")
            .arg(inner.get_program())
            .args(inner.get_args())
            .env_remove("SCRUTIN_PASSPHRASE")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{text}");
        assert!(
            text.contains("give --passphrase-file PATH or set SCRUTIN_PASSPHRASE"),
            "{text}"
        );
    }
}

/// A plain secret file of the old format (holding `plaintext`) is named, with the way out;
/// that way out encrypts it, and an encrypted file is not encrypted twice.
fn a_plain_file_of_the_old_format_is_named(g: &Guardians, plaintext: &[u8]) {
    std::fs::write(g.path("g1.plain"), plaintext).unwrap();
    let out = g.expect(2, Some("right horse"), &send_shares("@g1.plain"));
    assert!(
        out.contains("not an encrypted secret file")
            && out.contains("scrutin guardian encrypt-secret --plain"),
        "{out}"
    );
    g.expect(
        0,
        Some("new horse"),
        &[
            "guardian",
            "encrypt-secret",
            "--plain",
            "@g1.plain",
            "--secret",
            "@g1.encrypted",
        ],
    );
    let encrypted = std::fs::read(g.path("g1.encrypted")).unwrap();
    assert_eq!(
        sealed::open(b"new horse", &encrypted).unwrap().as_slice(),
        plaintext
    );
    g.expect(0, Some("new horse"), &send_shares("@g1.encrypted"));
    // An encrypted file is not encrypted twice.
    let out = g.expect(
        2,
        Some("new horse"),
        &[
            "guardian",
            "encrypt-secret",
            "--plain",
            "@g1.encrypted",
            "--secret",
            "@g1.twice",
        ],
    );
    assert!(out.contains("is encrypted already"), "{out}");
}
