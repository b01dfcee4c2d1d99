#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Tamper tests for box 15, authorship (scrutin extension): the demo's record is signed by
//! its administrator, guardians and devices; each way of forging or breaking who posted an
//! item fails box 15 by its check's name, and a record without authorship verifies as before
//! with the box skipped.

mod common;

use common::*;
use rand_core::SeedableRng;
use scrutin_core::step::own::{
    AUTHORSHIP_BOX, AUTHORSHIP_ENROLMENT, AUTHORSHIP_ITEM_SIGNATURE, AUTHORSHIP_ROSTER,
    AUTHORSHIP_SIGNATURE_FILE,
};
use scrutin_core::{Location, Step, VerifyError};
use scrutin_record::authorship::wire::RosterJson;
use scrutin_record::authorship::{paths, Author, Identity, Kind, Place, SignatureFile};
use scrutin_verify::{verify_directory, Options, Outcome, Report};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

/// One signed demo record shared by every test of this file; each test works on a copy.
fn fixture() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("record");
        let args = ["--ballots", "4", "--challenged", "1", "--guardians", "3"];
        toy_demo(&out, &[&args[..], &["--quorum", "2"]].concat());
        (dir, out)
    });
    path
}

fn verify(dir: &Path) -> Report {
    let options = Options {
        allow_test_parameters: true,
        require_authorship: false,
    };
    verify_directory(dir, &options).unwrap_or_else(|e| panic!("unreadable record: {e}"))
}

/// A fresh copy of the fixture.
fn copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("record");
    copy_dir(fixture(), &path);
    (dir, path)
}

/// Applies `tamper` to a copy and returns the failures, which must all be of box 15: the
/// election's cryptography is untouched by these changes.
fn authorship_failures_after(tamper: impl FnOnce(&Path)) -> Vec<VerifyError> {
    let (_guard, path) = copy();
    tamper(&path);
    let report = verify(&path);
    assert!(!report.is_valid(), "the tampered record verified");
    let failures: Vec<VerifyError> = report.failures().cloned().collect();
    assert!(
        failures
            .iter()
            .all(|f| f.step.verification() == AUTHORSHIP_BOX),
        "only box 15 should fail: {failures:#?}"
    );
    failures
}

/// Asserts that some failure is of `step` at the record file `file`.
fn assert_failure(failures: &[VerifyError], step: Step, file: &str) {
    assert!(
        failures
            .iter()
            .any(|f| f.step == step && f.location == Location::File(file.into())),
        "expected a failure of {step} at {file}, got {failures:#?}"
    );
}

fn signature_path(root: &Path, key: &str) -> PathBuf {
    root.join(paths::signature_of(key))
}

fn roster(root: &Path) -> RosterJson {
    serde_json::from_value(read(&root.join(paths::roster()))).unwrap()
}

fn stranger() -> Identity {
    Identity::generate(&mut rand_chacha::ChaCha20Rng::seed_from_u64(99))
}

/// The shortest of three verifications of `dir`, which must be valid.
fn fastest_verification(dir: &Path) -> std::time::Duration {
    (0..3)
        .map(|_| {
            let started = Instant::now();
            assert!(verify(dir).is_valid());
            started.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
fn the_signed_record_passes_box_15_and_its_cost_is_printed() {
    let report = verify(fixture());
    let step = &report.steps[14];
    assert_eq!(step.verification, AUTHORSHIP_BOX);
    assert_eq!(step.title, "Authorship (scrutin extension)");
    assert!(
        matches!(step.outcome, Outcome::Passed { .. }),
        "{:#?}",
        step.outcome
    );
    // The cost of the box, printed and never asserted: the same record verified with and
    // without its authorship.
    let signed = fastest_verification(fixture());
    let (_guard, path) = copy();
    std::fs::remove_dir_all(path.join(paths::FOLDER)).unwrap();
    let unsigned = fastest_verification(&path);
    let signatures = json_files(fixture())
        .iter()
        .filter(|p| p.starts_with(paths::SIGNATURES))
        .count();
    println!(
        "box 15: {signatures} signatures; verification {signed:?} signed, {unsigned:?} without \
         authorship"
    );
}

#[test]
fn a_record_without_authorship_verifies_as_before_with_box_15_skipped() {
    let (_guard, path) = copy();
    std::fs::remove_dir_all(path.join(paths::FOLDER)).unwrap();
    let report = verify(&path);
    assert!(report.is_valid());
    match &report.steps[14].outcome {
        Outcome::Skipped { reason } => assert_eq!(
            reason,
            "the record carries no authorship (no authorship/roster.json): who posted each \
             item is not checked"
        ),
        other => panic!("expected box 15 skipped, got {other:?}"),
    }
    let json = scrutin()
        .args(["verify", "--json", "--allow-test-parameters"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(json.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["steps"][14]["verification"], 15);
    assert_eq!(value["steps"][14]["status"], "skipped");
}

#[test]
fn a_record_stripped_of_its_authorship_fails_box_15_where_it_is_required() {
    let (_guard, path) = copy();
    std::fs::remove_dir_all(path.join(paths::FOLDER)).unwrap();
    let out = scrutin()
        .args([
            "verify",
            "--json",
            "--allow-test-parameters",
            "--require-authorship",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let step = &value["steps"][14];
    assert_eq!(step["label"], "S15");
    assert_eq!(step["status"], "failed");
    let failure = &step["failures"][0];
    assert_eq!(failure["check"], "roster", "{failure}");
    assert_eq!(failure["namespace"], "scrutin");
    // Every other box still passes: only the missing authorship fails.
    for (i, other) in value["steps"].as_array().unwrap().iter().enumerate() {
        if i != 14 {
            assert_ne!(other["status"], "failed", "{other}");
        }
    }
}

#[test]
fn authorship_without_its_roster_fails() {
    let f = authorship_failures_after(|r| std::fs::remove_file(r.join(paths::roster())).unwrap());
    assert!(f.iter().any(|f| f.step == AUTHORSHIP_ROSTER), "{f:#?}");
}

#[test]
fn a_signature_moved_to_another_guardians_item_fails() {
    let f = authorship_failures_after(|r| {
        std::fs::copy(
            signature_path(r, "ceremony/guardian-1.json"),
            signature_path(r, "ceremony/guardian-2.json"),
        )
        .unwrap();
    });
    assert_failure(&f, AUTHORSHIP_ITEM_SIGNATURE, "ceremony/guardian-2.json");
}

#[test]
fn an_item_signed_by_a_key_not_on_the_roster_fails() {
    let f = authorship_failures_after(|r| {
        let roster = roster(r);
        let place = Place {
            origin: &roster.origin,
            election: &roster.election_id,
        };
        let bytes = std::fs::read(r.join("tally.json")).unwrap();
        let forged = SignatureFile::sign(
            &stranger(),
            &Author::Administrator,
            place,
            Kind::Tally,
            "tally.json",
            &bytes,
        );
        let json = serde_json::to_value(forged.to_json()).unwrap();
        write(&signature_path(r, "tally.json"), &json);
    });
    assert_failure(&f, AUTHORSHIP_ITEM_SIGNATURE, "tally.json");
    let text = f[0].to_string();
    assert!(
        text.contains("not the key enrolled for administrator"),
        "{text}"
    );
}

#[test]
fn a_guardian_key_replaced_in_the_roster_after_the_ceremony_fails() {
    let f = authorship_failures_after(|r| {
        edit(&r.join(paths::roster()), |v| {
            v["guardians"][1]["public_key"] = stranger().public_key().to_hex().into();
        });
    });
    // The administrator signed another roster, and guardian 2's item is not signed by the
    // key the roster now names.
    assert_failure(&f, AUTHORSHIP_ROSTER, &paths::roster());
    assert_failure(&f, AUTHORSHIP_ITEM_SIGNATURE, "ceremony/guardian-2.json");
}

#[test]
fn a_ballot_from_an_unenrolled_device_fails() {
    let ballot = json_files(fixture())
        .into_iter()
        .find(|p| p.starts_with("encrypted_ballots/device-1") && !p.ends_with("ballot_chain.json"))
        .unwrap();
    let f = authorship_failures_after(|r| {
        let enrolment = paths::device_enrolment("device-1");
        std::fs::remove_file(r.join(&enrolment)).unwrap();
        std::fs::remove_file(signature_path(r, &enrolment)).unwrap();
    });
    assert_failure(&f, AUTHORSHIP_ENROLMENT, ballot.to_str().unwrap());
}

#[test]
fn an_enrolment_not_signed_by_the_administrator_fails() {
    let f = authorship_failures_after(|r| {
        let enrolment = paths::device_enrolment("device-1");
        edit(&r.join(&enrolment), |v| {
            v["public_key"] = stranger().public_key().to_hex().into();
        });
    });
    assert_failure(
        &f,
        AUTHORSHIP_ENROLMENT,
        &paths::device_enrolment("device-1"),
    );
}

#[test]
fn an_item_without_its_signature_fails() {
    let f = authorship_failures_after(|r| {
        std::fs::remove_file(signature_path(r, "manifest.json")).unwrap();
    });
    assert_failure(&f, AUTHORSHIP_ITEM_SIGNATURE, "manifest.json");
}

#[test]
fn an_item_changed_after_signing_fails() {
    // The tally rewritten without its indentation: the same values, which boxes 10 and 11
    // accept, but not the bytes its author signed.
    let f = authorship_failures_after(|r| {
        let value = read(&r.join("tally.json"));
        std::fs::write(r.join("tally.json"), serde_json::to_vec(&value).unwrap()).unwrap();
    });
    assert_failure(&f, AUTHORSHIP_ITEM_SIGNATURE, "tally.json");
    assert!(
        f[0].to_string().contains("not those its author signed"),
        "{f:#?}"
    );
}

#[test]
fn a_signature_of_no_signed_item_fails() {
    let f = authorship_failures_after(|r| {
        let source = signature_path(r, "ceremony/guardian-1.json");
        std::fs::copy(&source, signature_path(r, "ceremony/guardian-9.json")).unwrap();
        std::fs::copy(&source, signature_path(r, "encrypted_tally.json")).unwrap();
    });
    assert_failure(
        &f,
        AUTHORSHIP_SIGNATURE_FILE,
        &paths::signature_of("ceremony/guardian-9.json"),
    );
    assert_failure(
        &f,
        AUTHORSHIP_SIGNATURE_FILE,
        &paths::signature_of("encrypted_tally.json"),
    );
}

#[test]
fn a_failure_of_box_15_is_named_in_the_json_report() {
    let (_guard, path) = copy();
    std::fs::remove_file(signature_path(&path, "tally.json")).unwrap();
    let output = scrutin()
        .args(["verify", "--json", "--allow-test-parameters"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let step = &value["steps"][14];
    assert_eq!(step["status"], "failed");
    assert_eq!(step["title"], "Authorship (scrutin extension)");
    let failure = &step["failures"][0];
    assert_eq!(failure["step"], "S15.item-signature");
    assert_eq!(failure["namespace"], "scrutin");
    assert_eq!(failure["verification"], 15);
    assert_eq!(failure["check"], "item-signature");
    assert_eq!(failure["location"]["kind"], "file");
    assert_eq!(failure["location"]["file"], "tally.json");
    assert_eq!(failure["reason"]["kind"], "authorship");
}
