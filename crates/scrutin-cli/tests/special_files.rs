#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! A record whose files are not plain files: `scrutin verify` refuses a ballot replaced by a
//! symbolic link (here to `/dev/zero`, which would otherwise be read forever) or by a FIFO
//! (which would otherwise block), exiting 2 and naming the file.
#![cfg(unix)]

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Output;

/// A small toy-group demo record in a fresh directory.
fn record() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("record");
    toy_demo(&out, &["--ballots", "2"]);
    (dir, out)
}

/// One encrypted ballot file of the record (not its signature, under `authorship/`).
fn a_ballot(root: &Path) -> PathBuf {
    json_files(root)
        .into_iter()
        .filter(|p| p.starts_with("encrypted_ballots"))
        .map(|p| root.join(p))
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("eballot-")
        })
        .unwrap()
}

fn verify(root: &Path) -> Output {
    scrutin()
        .args(["verify", "--allow-test-parameters"])
        .arg(root)
        .output()
        .unwrap()
}

#[test]
fn a_ballot_linked_to_dev_zero_is_refused_naming_the_file() {
    let (_guard, root) = record();
    assert_eq!(verify(&root).status.code(), Some(0));
    let ballot = a_ballot(&root);
    std::fs::remove_file(&ballot).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &ballot).unwrap();
    let output = verify(&root);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let name = ballot.file_name().unwrap().to_str().unwrap();
    assert!(stderr.contains(name), "{stderr}");
    assert!(stderr.contains("symbolic link"), "{stderr}");
}

#[test]
fn a_fifo_in_place_of_a_ballot_is_refused_without_blocking() {
    let (_guard, root) = record();
    let ballot = a_ballot(&root);
    std::fs::remove_file(&ballot).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&ballot)
        .status()
        .unwrap();
    assert!(made.success());
    let output = verify(&root);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(ballot.file_name().unwrap().to_str().unwrap()),
        "{stderr}"
    );
    assert!(stderr.contains("FIFO"), "{stderr}");
}
