#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Tamper tests for the 2.1 verifier: a demo record on the toy group, altered in the way each
//! verification step guards against, must fail exactly that step; and a change of any single
//! hex digit of any hex field must make the record invalid (exit 1), never unreadable.

mod common;

use common::*;
use scrutin_core::step::own::{BALLOT_NONCE_PROOF_CHECK, GUARDIAN_RECORD_HASH};
use scrutin_core::step::v2_1::{
    V10_C, V11_B, V11_C, V13_B, V14_E, V1_B, V1_D, V1_E, V1_F, V2_A, V2_B, V3_A, V3_B, V4_A, V5_A,
    V5_B, V6_A, V6_D, V8_A, V8_B, V8_G, V9_A,
};
use scrutin_core::{Step, VerifyError};
use scrutin_verify::{verify_directory, Options, Report};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One demo record shared by every test of this file; each test works on a copy.
fn fixture() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("record");
        toy_demo(
            &out,
            &[
                "--ballots",
                "6",
                "--challenged",
                "1",
                "--guardians",
                "3",
                "--quorum",
                "2",
                "--missing",
                "1",
            ],
        );
        (dir, out)
    });
    path
}

fn verify(dir: &Path) -> Result<Report, String> {
    verify_directory(
        dir,
        &Options {
            allow_test_parameters: true,
            require_authorship: false,
        },
    )
    .map_err(|e| e.to_string())
}

/// A fresh copy of the fixture.
fn copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("record");
    copy_dir(fixture(), &path);
    (dir, path)
}

/// Applies `tamper` to a copy and returns the failures.
fn failures_after(tamper: impl FnOnce(&Path)) -> Vec<VerifyError> {
    let (_guard, path) = copy();
    tamper(&path);
    let report = verify(&path)
        .unwrap_or_else(|e| panic!("the tampered record should be readable, got: {e}"));
    assert!(!report.is_valid(), "the tampered record verified");
    report.failures().cloned().collect()
}

/// Asserts that some failure's step, read from the structure, is `step`.
fn assert_step(failures: &[VerifyError], step: Step) {
    assert!(
        failures.iter().any(|f| f.step == step),
        "expected a failure of {step}, got {failures:#?}"
    );
}

/// Asserts that some failure is reported under Verification box `verification`.
fn assert_box(failures: &[VerifyError], verification: u8) {
    assert!(
        failures
            .iter()
            .any(|f| f.step.verification() == verification),
        "expected a failure in box {verification}, got {failures:#?}"
    );
}

fn ballot_files(root: &Path) -> Vec<PathBuf> {
    json_files(root)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("eballot-")
        })
        .map(|p| root.join(p))
        .collect()
}

fn cast_ballot(root: &Path) -> PathBuf {
    ballot_files(root)
        .into_iter()
        .find(|p| read(p)["state"] == "CAST")
        .unwrap()
}

fn set_hex(value: &mut serde_json::Value, pointer: &str, position: usize) {
    let target = value
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no field {pointer}"));
    let flipped = flip_digit(target.as_str().unwrap(), position);
    *target = serde_json::Value::String(flipped);
}

#[test]
fn the_untouched_record_verifies() {
    let report = verify(fixture()).unwrap();
    assert!(
        report.is_valid(),
        "{:#?}",
        report.failures().collect::<Vec<_>>()
    );
    // Boxes 1–14 of the specification and box 15, scrutin's authorship extension.
    assert_eq!(report.steps.len(), 15);
    assert!(matches!(
        report.steps[14].outcome,
        scrutin_verify::Outcome::Passed { .. }
    ));
}

#[test]
fn v1_base_hashes() {
    let f = failures_after(|r| {
        edit(&r.join("election_config.json"), |v| {
            set_hex(v, "/parameter_base_hash", 5)
        })
    });
    assert_step(&f, V1_E);
    let f = failures_after(|r| {
        edit(&r.join("election_config.json"), |v| {
            set_hex(v, "/election_base_hash", 5)
        })
    });
    assert_step(&f, V1_F);
    // Any change of the manifest file changes H_B.
    let f = failures_after(|r| {
        edit(&r.join("manifest.json"), |v| {
            v["label"] = "another election".into()
        })
    });
    assert_step(&f, V1_F);
}

#[test]
fn v1_parameters() {
    let f = failures_after(|r| edit(&r.join("constants.json"), |v| set_hex(v, "/generator", 40)));
    assert_step(&f, V1_D);
    let f = failures_after(|r| edit(&r.join("constants.json"), |v| set_hex(v, "/cofactor", 3)));
    assert_step(&f, V1_B);
}

#[test]
fn v2_guardian_keys() {
    let f = failures_after(|r| {
        edit(&r.join("election_initialized.json"), |v| {
            set_hex(v, "/guardians/1/vote_proof/challenge", 10)
        })
    });
    assert_box(&f, 2);
    let f = failures_after(|r| {
        edit(&r.join("election_initialized.json"), |v| {
            set_hex(v, "/guardians/0/data_commitments/1", 7)
        })
    });
    assert_step(&f, V2_A);
    let f = failures_after(|r| {
        edit(&r.join("election_initialized.json"), |v| {
            v["guardians"][2]["vote_proof"]["responses"]
                .as_array_mut()
                .unwrap()
                .pop();
        })
    });
    assert_step(&f, V2_B);
}

#[test]
fn v3_v4_joint_keys_and_extended_hash() {
    let f = failures_after(|r| {
        edit(&r.join("election_initialized.json"), |v| {
            set_hex(v, "/joint_public_key", 9)
        })
    });
    assert_step(&f, V3_A);
    let f = failures_after(|r| {
        edit(&r.join("election_initialized.json"), |v| {
            set_hex(v, "/joint_data_key", 9)
        })
    });
    assert_step(&f, V3_B);
    let f = failures_after(|r| {
        edit(&r.join("election_initialized.json"), |v| {
            set_hex(v, "/guardian_record_hash", 0)
        })
    });
    assert_step(&f, GUARDIAN_RECORD_HASH);
    let f = failures_after(|r| {
        edit(&r.join("election_initialized.json"), |v| {
            set_hex(v, "/extended_base_hash", 63)
        })
    });
    assert_step(&f, V4_A);
}

#[test]
fn v5_identifiers() {
    let f = failures_after(|r| edit(&cast_ballot(r), |v| set_hex(v, "/identifier_hash", 1)));
    assert_step(&f, V5_B);
    // A ballot file duplicated under another id: same selection encryption identifier.
    let f = failures_after(|r| {
        let original = cast_ballot(r);
        let mut value = read(&original);
        value["ballot_id"] = "ballot-copy".into();
        write(&original.with_file_name("eballot-ballot-copy.json"), &value);
    });
    assert_step(&f, V5_A);
}

#[test]
fn v6_selection_proofs() {
    let f = failures_after(|r| {
        edit(&cast_ballot(r), |v| {
            set_hex(v, "/contests/3/selections/2/proof/proofs/1/response", 20)
        })
    });
    assert_box(&f, 6);
    let f = failures_after(|r| {
        edit(&cast_ballot(r), |v| {
            set_hex(v, "/contests/0/selections/0/encrypted_vote/pad", 20)
        })
    });
    assert_step(&f, V6_A);
    let f = failures_after(|r| edit(&cast_ballot(r), |v| set_hex(v, "/encrypted_nonce/c1", 2)));
    assert_step(&f, BALLOT_NONCE_PROOF_CHECK);
    // A valid ciphertext from another option, swapped in: the proof no longer matches.
    let f = failures_after(|r| {
        edit(&cast_ballot(r), |v| {
            let other = v["contests"][1]["selections"][1]["encrypted_vote"].clone();
            v["contests"][1]["selections"][0]["encrypted_vote"] = other;
        })
    });
    assert_step(&f, V6_D);
}

#[test]
fn v7_contest_limits() {
    let f = failures_after(|r| {
        edit(&cast_ballot(r), |v| {
            set_hex(v, "/contests/4/proof/proofs/0/challenge", 30)
        })
    });
    assert_box(&f, 7);
}

#[test]
fn v8_confirmation_codes_and_chains() {
    let f = failures_after(|r| {
        edit(&cast_ballot(r), |v| {
            set_hex(v, "/contests/2/contest_hash", 3)
        })
    });
    assert_step(&f, V8_A);
    let f = failures_after(|r| edit(&cast_ballot(r), |v| set_hex(v, "/confirmation_code", 3)));
    assert_step(&f, V8_B);
    // A ballot removed: its device's chain no longer closes.
    let f = failures_after(|r| std::fs::remove_file(cast_ballot(r)).unwrap());
    assert_box(&f, 8);
    // Two ballots swapped in the device's order.
    let f = failures_after(|r| {
        let chain = json_files(r)
            .into_iter()
            .find(|p| p.ends_with("ballot_chain.json"))
            .unwrap();
        edit(&r.join(chain), |v| {
            v["ballot_ids"].as_array_mut().unwrap().swap(0, 1)
        });
    });
    assert_box(&f, 8);
    let f = failures_after(|r| {
        let chain = json_files(r)
            .into_iter()
            .find(|p| p.ends_with("ballot_chain.json"))
            .unwrap();
        edit(&r.join(chain), |v| set_hex(v, "/closing_hash", 0));
    });
    assert_step(&f, V8_G);
}

#[test]
fn v9_aggregation() {
    let f = failures_after(|r| {
        edit(&r.join("encrypted_tally.json"), |v| {
            set_hex(v, "/contests/1/selections/1/encrypted_vote/data", 11)
        })
    });
    assert_box(&f, 9);
    let f = failures_after(|r| {
        edit(&r.join("encrypted_tally.json"), |v| {
            v["cast_ballot_ids"].as_array_mut().unwrap().pop();
        })
    });
    assert_step(&f, V9_A);
}

#[test]
fn v10_v11_tally() {
    let f = failures_after(|r| {
        edit(&r.join("tally.json"), |v| {
            let t = v["contests"][0]["selections"][0]["tally"].as_u64().unwrap();
            v["contests"][0]["selections"][0]["tally"] = (t + 1).into();
        })
    });
    assert_step(&f, V10_C);
    let f = failures_after(|r| {
        edit(&r.join("tally.json"), |v| {
            set_hex(v, "/contests/2/selections/4/proof/response", 12)
        })
    });
    assert_box(&f, 10);
    let f = failures_after(|r| {
        edit(&r.join("tally.json"), |v| {
            set_hex(v, "/contests/2/selections/4/decryption", 12)
        })
    });
    assert_box(&f, 10);
    let f = failures_after(|r| {
        edit(&r.join("tally.json"), |v| {
            v["contests"][5]["selections"][1]["selection_id"] = "someone else".into()
        })
    });
    assert_step(&f, V11_B);
    let f = failures_after(|r| {
        edit(&r.join("tally.json"), |v| {
            v["contests"][5]["selections"].as_array_mut().unwrap().pop();
        })
    });
    assert_step(&f, V11_C);
}

fn challenged_file(root: &Path) -> PathBuf {
    root.join(
        json_files(root)
            .into_iter()
            .find(|p| p.starts_with("challenged_ballots"))
            .unwrap(),
    )
}

#[test]
fn v13_v14_challenged_ballots() {
    let f = failures_after(|r| {
        edit(&challenged_file(r), |v| {
            set_hex(v, "/contests/0/selections/0/nonce", 8)
        })
    });
    assert_step(&f, V13_B);
    // A selected option reported as not selected: still a well-formed ballot, but it no
    // longer re-encrypts to the confirmation code.
    let f = failures_after(|r| {
        edit(&challenged_file(r), |v| {
            let selected = v["contests"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .flat_map(|c| c["selections"].as_array_mut().unwrap().iter_mut())
                .find(|s| s["vote"] == 1)
                .expect("the challenged ballot selects some option");
            selected["vote"] = 0.into();
        })
    });
    assert_step(&f, V13_B);
    let f = failures_after(|r| {
        edit(&challenged_file(r), |v| {
            v["contests"][1]["selections"][0]["vote"] = 2.into()
        })
    });
    assert_step(&f, V14_E);
    let f = failures_after(|r| std::fs::remove_file(challenged_file(r)).unwrap());
    assert_step(&f, V13_B);
}

/// Every kind of hex field in every file (one instance per field shape, digit position chosen
/// from the field's path), changed by one digit, makes the record invalid — never unreadable.
#[test]
fn any_single_hex_digit_change_is_caught() {
    let root = fixture();
    let mut shapes: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
    for file in json_files(root) {
        let value = read(&root.join(&file));
        let mut pointers = Vec::new();
        hex_pointers(&value, String::new(), &mut pointers);
        let kind = file
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .split('-')
            .next()
            .unwrap()
            .to_string();
        for pointer in pointers {
            let shape: String = pointer
                .split('/')
                .map(|p| {
                    if p.chars().all(|c| c.is_ascii_digit()) {
                        "#"
                    } else {
                        p
                    }
                })
                .collect::<Vec<_>>()
                .join("/");
            shapes
                .entry(format!("{kind}:{shape}"))
                .or_insert((file.clone(), pointer));
        }
    }
    assert!(
        shapes.len() > 40,
        "expected many hex field shapes, found {}",
        shapes.len()
    );
    for (shape, (file, pointer)) in &shapes {
        for position in [0usize, 7] {
            let (_guard, path) = copy();
            edit(&path.join(file), |v| {
                set_hex(v, pointer, position + pointer.len())
            });
            match verify(&path) {
                Ok(report) => assert!(!report.is_valid(), "changing {shape} ({pointer} in {}) was not detected", file.display()),
                Err(e) => panic!("changing a digit of {shape} made the record unreadable instead of invalid: {e}"),
            }
        }
    }
}

#[test]
fn wrong_width_is_unreadable_and_named() {
    let (_guard, path) = copy();
    let ballot = cast_ballot(&path);
    edit(&ballot, |v| {
        let s = v["contests"][0]["selections"][0]["encrypted_vote"]["pad"]
            .as_str()
            .unwrap()
            .to_string();
        v["contests"][0]["selections"][0]["encrypted_vote"]["pad"] = s[1..].into();
    });
    let error = verify(&path).unwrap_err();
    assert!(
        error.contains(ballot.file_name().unwrap().to_str().unwrap()),
        "{error}"
    );
    assert!(
        error.contains("contests[0].selections[0].encrypted_vote.pad"),
        "{error}"
    );
}

#[test]
fn the_cli_exit_codes() {
    let ok = scrutin()
        .args(["verify", "--allow-test-parameters"])
        .arg(fixture())
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0));
    let strict = scrutin().arg("verify").arg(fixture()).output().unwrap();
    assert_eq!(
        strict.status.code(),
        Some(1),
        "toy parameters must fail V1.B without the flag"
    );
    let missing = scrutin()
        .args(["verify", "/nonexistent/record"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("election_config.json"));
    let (_guard, path) = copy();
    std::fs::write(path.join("tally.json"), b"{\"id\": ").unwrap();
    let truncated = scrutin()
        .args(["verify", "--allow-test-parameters"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(truncated.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&truncated.stderr).contains("tally.json"));
}

/// Every file under `dir`, by its name in the record ('/'-separated, from the root).
fn in_memory(dir: &Path) -> scrutin_record::v21::source::MemoryRecord {
    fn walk(root: &Path, dir: &Path, record: &mut scrutin_record::v21::source::MemoryRecord) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, record);
            } else {
                let name = path.strip_prefix(root).unwrap().to_str().unwrap();
                record.insert(name.replace('\\', "/"), std::fs::read(&path).unwrap());
            }
        }
    }
    let mut record = scrutin_record::v21::source::MemoryRecord::new();
    walk(dir, dir, &mut record);
    record
}

#[test]
fn a_record_in_memory_gets_the_report_of_its_directory() {
    let options = Options {
        allow_test_parameters: true,
        require_authorship: false,
    };
    let (_guard, path) = copy();
    let from_dir = verify(&path).unwrap();
    assert!(from_dir.is_valid());
    let from_memory = scrutin_verify::verify_source(&in_memory(&path), &options).unwrap();
    assert_eq!(from_memory, from_dir);

    // An opened challenged ballot missing fails Verification 13 either way.
    let opened = path.join("challenged_ballots");
    for entry in std::fs::read_dir(&opened).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let from_dir = verify(&path).unwrap();
    assert!(!from_dir.is_valid());
    let from_memory = scrutin_verify::verify_source(&in_memory(&path), &options).unwrap();
    assert_eq!(from_memory, from_dir);
}
