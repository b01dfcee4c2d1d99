//! `scrutin identity new | show`: a party's sealed secret key and public file, the
//! fingerprint printed for comparison out of band, and the ways a file is refused.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use scrutin_record::authorship::identity_file::{self, IdentityJson};
use scrutin_record::sealed::{Header, KdfCost};
use std::path::Path;
use std::process::Stdio;

const PASSPHRASE: &str = "identity test passphrase";

/// Runs `scrutin` in `dir` with the passphrase in the environment; returns the exit code and
/// standard output then standard error.
fn scrutin(dir: &Path, passphrase: &str, args: &[&str]) -> (i32, String) {
    let out = common::scrutin()
        .args(args)
        .current_dir(dir)
        .env("SCRUTIN_PASSPHRASE", passphrase)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    common::code_and_text(&out)
}

#[test]
fn a_new_identity_shows_the_same_key_from_either_file() {
    let dir = tempfile::tempdir().unwrap();
    let (code, made) = scrutin(
        dir.path(),
        PASSPHRASE,
        &["identity", "new", "--name", "alice", "--out", "ids"],
    );
    assert_eq!(code, 0, "{made}");
    let public: IdentityJson =
        serde_json::from_slice(&std::fs::read(dir.path().join("ids/alice.identity.json")).unwrap())
            .unwrap();
    assert_eq!(public.name, "alice");
    assert!(made.contains(&public.fingerprint), "{made}");

    let sealed = std::fs::read(dir.path().join("ids/alice.identity")).unwrap();
    let (header, _, _) = Header::parse(&sealed).unwrap();
    assert_eq!(header.cost, KdfCost::DEFAULT);
    let opened = identity_file::open(PASSPHRASE.as_bytes(), &sealed).unwrap();
    assert_eq!(opened.public_key().to_hex(), public.public_key);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("ids/alice.identity"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    for file in ["ids/alice.identity.json", "ids/alice.identity"] {
        let (code, shown) = scrutin(dir.path(), PASSPHRASE, &["identity", "show", file]);
        assert_eq!(code, 0, "{shown}");
        assert!(shown.contains("name: alice"), "{shown}");
        assert!(shown.contains(&public.public_key), "{shown}");
        assert!(shown.contains(&public.fingerprint), "{shown}");
    }
}

#[test]
fn bad_names_existing_files_wrong_passphrases_and_false_fingerprints_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let new = ["identity", "new", "--name", "bob"];
    assert_eq!(scrutin(dir.path(), PASSPHRASE, &new).0, 0);
    let (code, out) = scrutin(dir.path(), PASSPHRASE, &new);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("exists already"), "{out}");
    let (code, out) = scrutin(
        dir.path(),
        PASSPHRASE,
        &["identity", "new", "--name", "../x"],
    );
    assert_eq!(code, 2, "{out}");

    let (code, out) = scrutin(dir.path(), "wrong", &["identity", "show", "bob.identity"]);
    assert_eq!(code, 2, "{out}");

    let public = dir.path().join("bob.identity.json");
    let mut json: IdentityJson = serde_json::from_slice(&std::fs::read(&public).unwrap()).unwrap();
    json.fingerprint = json.fingerprint.replace(|c: char| c.is_ascii_digit(), "0");
    std::fs::write(&public, serde_json::to_vec(&json).unwrap()).unwrap();
    let (code, out) = scrutin(
        dir.path(),
        PASSPHRASE,
        &["identity", "show", "bob.identity.json"],
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("is not that of the key"), "{out}");
}
