//! Loading the egk 2.0 conformance records (third-party data, read in place from
//! `$SCRUTIN_CONFORMANCE_DIR/egk-2.0/`, default `../../../shared/conformance` from this crate).
//! Damaged copies are made in temporary directories only.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use scrutin_record::egk::hex::{ElementModPHex, ElementModQHex, UInt256Hex};
use scrutin_record::egk::{private, BallotState, EgkRecord, EncryptedBallotJson, RecordFile};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The `egk-2.0` conformance directory, or `None` after a loud SKIPPED message.
fn egk_dir() -> Option<PathBuf> {
    let base = std::env::var_os("SCRUTIN_CONFORMANCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance")
        });
    let dir = base.join("egk-2.0");
    if dir.join("allAvailableJson").is_dir() && dir.join("someAvailableJson").is_dir() {
        Some(dir)
    } else {
        // Written to the stderr handle directly so that the test harness does not capture it.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: conformance data not found at {}",
            dir.display()
        );
        None
    }
}

fn load(name: &str) -> Option<(PathBuf, EgkRecord)> {
    let dir = egk_dir()?.join(name);
    let record = EgkRecord::load(&dir).unwrap_or_else(|e| panic!("loading {name}: {e}"));
    Some((dir, record))
}

/// Decodes every hex field of a ballot with its egk width; panics naming the first bad one.
fn decode_all_hex(ballot: &RecordFile<EncryptedBallotJson>) {
    let f = ballot.path.as_path();
    let p = |h: &ElementModPHex, what: &str| assert_eq!(h.decode(f, what).unwrap().len(), 512);
    let q = |h: &ElementModQHex, what: &str| assert_eq!(h.decode(f, what).unwrap().len(), 32);
    let hash = |h: &UInt256Hex, what: &str| assert_eq!(h.decode(f, what).unwrap().len(), 32);
    let b = &ballot.value;
    hash(&b.confirmation_code, "confirmation_code");
    hash(&b.election_id, "election_id");
    b.code_baux.decode(f, "code_baux").unwrap();
    if let Some(sn) = &b.encrypted_sn {
        p(&sn.pad, "encrypted_sn.pad");
        p(&sn.data, "encrypted_sn.data");
    }
    for contest in &b.contests {
        hash(&contest.contest_hash, "contest_hash");
        for pair in &contest.proof.proofs {
            q(&pair.challenge, "proof.challenge");
            q(&pair.response, "proof.response");
        }
        assert_eq!(
            contest.proof.proofs.len(),
            contest.votes_allowed as usize + 1,
            "L + 1 pairs"
        );
        let data = &contest.encrypted_contest_data;
        p(&data.c0, "c0");
        hash(&data.c2, "c2");
        let c1 = data.c1.decode(f, "c1").unwrap();
        assert_eq!(c1.len(), data.num_bytes as usize);
        assert_eq!(c1.len() % 32, 0, "C1 is whole 32-byte blocks");
        for selection in &contest.selections {
            p(&selection.encrypted_vote.pad, "pad");
            p(&selection.encrypted_vote.data, "data");
            assert_eq!(selection.proof.proofs.len(), 2, "R = 1: two pairs");
            for pair in &selection.proof.proofs {
                q(&pair.challenge, "challenge");
                q(&pair.response, "response");
            }
        }
    }
}

/// Facts common to both sample records.
fn check_common(dir: &Path, record: &EgkRecord, guardians: usize) {
    let config = &record.config.value;
    assert_eq!(config.config_version, "v2.0.0");
    assert_eq!(config.number_of_guardians as usize, guardians);
    assert_eq!(config.quorum, 3);
    assert!(!config.chain_confirmation_codes);
    assert_eq!(config.baux0, b"device information");

    let init = &record.initialized.value;
    assert_eq!(init.guardians.len(), guardians);
    for (index, guardian) in init.guardians.iter().enumerate() {
        assert_eq!(guardian.x_coordinate as usize, index + 1);
        assert_eq!(guardian.guardian_id, format!("guardian{}", index + 1));
        assert_eq!(
            guardian.coefficient_proofs.len(),
            3,
            "one Schnorr proof per coefficient, k = 3"
        );
    }
    let he = init.extended_base_hash.as_str();

    assert_eq!(record.constants.value.large_prime.len(), 1024);
    assert_eq!(
        record.constants.value.small_prime,
        format!("{}43", "F".repeat(62))
    );
    assert_eq!(record.manifest.value.contests.len(), 20);
    assert_eq!(record.manifest.value.spec_version, "v2.0.0");
    assert!(record
        .manifest
        .value
        .contests
        .iter()
        .all(|c| c.votes_allowed == 1 && c.ballot_selections.len() == 5));
    assert_eq!(
        record.manifest_bytes,
        std::fs::read(dir.join("manifest.json")).unwrap()
    );

    assert_eq!(record.devices.len(), 1);
    let device = &record.devices[0];
    assert!(device.chain.is_none() && device.chain_order().is_none());
    assert_eq!(device.ballots.len(), 11);
    let files: Vec<_> = device
        .ballots
        .iter()
        .map(|b| b.path.file_name().unwrap().to_str().unwrap())
        .collect();
    assert_eq!(
        &files[..4],
        [
            "eballot-id-1.json",
            "eballot-id-10.json",
            "eballot-id-11.json",
            "eballot-id-2.json"
        ]
    );
    for ballot in record.encrypted_ballots() {
        let b = &ballot.value;
        assert_eq!(b.state, BallotState::Cast);
        assert_eq!(b.encrypting_device, device.name);
        assert_eq!(b.election_id.as_str(), he);
        assert!(!b.is_preencrypt && b.primary_nonce.is_none() && b.encrypted_sn.is_some());
        assert_eq!(b.contests.len(), 20);
        // Without chaining, B_aux is the config's B_aux,0 on every ballot.
        assert_eq!(
            b.code_baux.decode(&ballot.path, "code_baux").unwrap(),
            config.baux0
        );
        decode_all_hex(ballot);
    }

    assert!(record.challenged_ballots.is_empty());
    let tally = &record.encrypted_tally.value;
    assert_eq!(tally.cast_ballot_ids.len(), 11);
    assert_eq!(tally.election_id.as_str(), he);
    assert_eq!(record.tally.value.contests.len(), 20);
    assert_eq!(record.tally.value.election_id.as_str(), he);
    let total: u32 = record
        .tally
        .value
        .contests
        .iter()
        .flat_map(|c| &c.selections)
        .map(|s| s.tally)
        .sum();
    assert!(total <= 11 * 20, "at most one vote per contest per ballot");
    for contest in &record.tally.value.contests {
        assert!(
            contest.decrypted_contest_data.is_none(),
            "a tally has no contest data"
        );
        for s in &contest.selections {
            assert_eq!(
                s.b_over_m
                    .decode(&record.tally.path, "b_over_m")
                    .unwrap()
                    .len(),
                512
            );
        }
    }
}

#[test]
fn all_available_record_loads() {
    let Some((dir, record)) = load("allAvailableJson") else {
        return;
    };
    check_common(&dir, &record, 3);
    assert_eq!(record.devices[0].name, "runWorkflowAllAvailableJson");
    assert_eq!(
        record
            .config
            .value
            .metadata
            .get("Created by")
            .map(String::as_str),
        Some("runFakeKeyCeremony")
    );
}

#[test]
fn some_available_record_loads() {
    let Some((dir, record)) = load("someAvailableJson") else {
        return;
    };
    check_common(&dir, &record, 5);
    assert_eq!(record.devices[0].name, "runWorkflowSomeAvailableJson");
}

#[test]
fn private_data_loads_separately() {
    let Some(egk) = egk_dir() else { return };
    for (name, guardians) in [("allAvailableJson", 3), ("someAvailableJson", 5)] {
        let dir = egk.join(name);
        let record = EgkRecord::load(&dir).unwrap();
        let ballots = private::load_plaintext_ballots(&dir).unwrap();
        assert_eq!(ballots.len(), 11);
        let mut plain: Vec<_> = ballots.iter().map(|b| b.value.ballot_id.clone()).collect();
        let mut encrypted: Vec<_> = record
            .encrypted_ballots()
            .map(|b| b.value.ballot_id.clone())
            .collect();
        plain.sort();
        encrypted.sort();
        assert_eq!(plain, encrypted);
        assert!(ballots
            .iter()
            .all(|b| b.value.sn.is_some() && b.value.contests.len() == 20));

        let trustees = private::load_trustees(&dir).unwrap();
        assert_eq!(trustees.len(), guardians);
        for (trustee, guardian) in trustees.iter().zip(&record.initialized.value.guardians) {
            assert_eq!(trustee.value.id, guardian.guardian_id);
            assert_eq!(trustee.value.x_coordinate, guardian.x_coordinate);
            assert_eq!(trustee.value.polynomial_coefficients.len(), 3);
            trustee
                .value
                .key_share
                .decode(&trustee.path, "key_share")
                .unwrap();
        }
    }
}

/// A copy of the public part of a sample record in a temporary directory.
fn scratch_copy(name: &str) -> Option<(tempfile::TempDir, PathBuf)> {
    let source = egk_dir()?.join(name);
    let temp = tempfile::tempdir().unwrap();
    let target = temp.path().join(name);
    copy_tree(&source, &target);
    std::fs::remove_dir_all(target.join("private_data")).unwrap();
    Some((temp, target))
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
            // The conformance files are read-only; the copies must be writable.
            let mut permissions = std::fs::metadata(&target).unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            permissions.set_readonly(false);
            std::fs::set_permissions(&target, permissions).unwrap();
        }
    }
}

fn load_err(dir: &Path) -> String {
    EgkRecord::load(dir).unwrap_err().to_string()
}

#[test]
fn truncated_json_names_file_and_position() {
    let Some((_temp, dir)) = scratch_copy("allAvailableJson") else {
        return;
    };
    let file = dir.join("election_initialized.json");
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    let err = load_err(&dir);
    assert!(err.contains("election_initialized.json"), "{err}");
    assert!(
        err.contains("EOF while parsing") && err.contains("line "),
        "{err}"
    );
}

#[test]
fn renamed_field_names_file_and_field() {
    let Some((_temp, dir)) = scratch_copy("someAvailableJson") else {
        return;
    };
    let file = dir.join("encrypted_ballots/runWorkflowSomeAvailableJson/eballot-id-7.json");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen("\"ballot_style_id\"", "\"ballot_style\"", 1),
    )
    .unwrap();
    let err = load_err(&dir);
    assert!(err.contains("eballot-id-7.json"), "{err}");
    assert!(
        err.contains("unknown field `ballot_style`") && err.contains("ballot_style_id"),
        "{err}"
    );
}

#[test]
fn renamed_nested_field_gives_its_path() {
    let Some((_temp, dir)) = scratch_copy("allAvailableJson") else {
        return;
    };
    let file = dir.join("tally.json");
    let text = std::fs::read_to_string(&file).unwrap();
    // The notes' draft name for T.
    std::fs::write(&file, text.replacen("\"b_over_m\"", "\"k_exp_tally\"", 1)).unwrap();
    let err = load_err(&dir);
    assert!(
        err.contains("tally.json") && err.contains("contests[0].selections[0]"),
        "{err}"
    );
    assert!(err.contains("unknown field `k_exp_tally`"), "{err}");
}

#[test]
fn missing_field_and_missing_file_are_named() {
    let Some((_temp, dir)) = scratch_copy("allAvailableJson") else {
        return;
    };
    let config = dir.join("election_config.json");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, text.replacen("\"quorum\": 3,", "", 1)).unwrap();
    let err = load_err(&dir);
    assert!(
        err.contains("election_config.json") && err.contains("missing field `quorum`"),
        "{err}"
    );

    std::fs::write(&config, text).unwrap();
    std::fs::remove_file(dir.join("tally.json")).unwrap();
    let err = load_err(&dir);
    assert!(
        err.contains("tally.json") && err.contains("cannot read"),
        "{err}"
    );
}

#[test]
fn stray_file_among_ballots_is_an_error() {
    let Some((_temp, dir)) = scratch_copy("allAvailableJson") else {
        return;
    };
    let device = dir.join("encrypted_ballots/runWorkflowAllAvailableJson");
    std::fs::rename(
        device.join("eballot-id-3.json"),
        device.join("ballot-id-3.json"),
    )
    .unwrap();
    let err = load_err(&dir);
    assert!(
        err.contains("ballot-id-3.json") && err.contains("eballot-<id>.json"),
        "{err}"
    );
}

/// A `ballot_chain.json` (none in the samples), written in egk's shape with made-up hashes.
#[test]
fn ballot_chain_gives_chain_order() {
    let Some((_temp, dir)) = scratch_copy("allAvailableJson") else {
        return;
    };
    let device = dir.join("encrypted_ballots/runWorkflowAllAvailableJson");
    let ids: Vec<String> = (1..=11).map(|i| format!("id-{i}")).collect();
    let chain = serde_json::json!({
        "encrypting_device": "runWorkflowAllAvailableJson",
        "baux0": "AB".repeat(32),
        "ballot_ids": ids,
        "last_confirmation_code": "CD".repeat(32),
        "chaining": true,
        "closing_hash": "EF".repeat(32),
    });
    std::fs::write(
        device.join("ballot_chain.json"),
        serde_json::to_vec_pretty(&chain).unwrap(),
    )
    .unwrap();
    let record = EgkRecord::load(&dir).unwrap();
    let loaded = record.devices[0].chain.as_ref().unwrap();
    assert!(
        loaded.value.chaining
            && loaded.value.closing_hash.is_some()
            && loaded.value.metadata.is_empty()
    );
    let ordered: Vec<_> = record.devices[0]
        .chain_order()
        .unwrap()
        .unwrap()
        .iter()
        .map(|b| b.value.ballot_id.clone())
        .collect();
    assert_eq!(
        ordered, ids,
        "chain order is encryption order, not file-name order"
    );

    let mut bad = chain.clone();
    bad["ballot_ids"][4] = serde_json::json!("id-99");
    std::fs::write(
        device.join("ballot_chain.json"),
        serde_json::to_vec(&bad).unwrap(),
    )
    .unwrap();
    let record = EgkRecord::load(&dir).unwrap();
    let err = record.devices[0]
        .chain_order()
        .unwrap()
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("ballot_chain.json") && err.contains("ballot_ids[4]") && err.contains("id-99"),
        "{err}"
    );
}

/// A 2.0 decrypted challenged ballot (none in the samples), built from a sample ballot in
/// egk's `DecryptedTallyOrBallotJson` shape with made-up proof values.
#[test]
fn challenged_ballot_shape_loads() {
    let Some((_temp, dir)) = scratch_copy("allAvailableJson") else {
        return;
    };
    let ballot_file = dir.join("encrypted_ballots/runWorkflowAllAvailableJson/eballot-id-5.json");
    let ballot: serde_json::Value =
        serde_json::from_slice(&std::fs::read(ballot_file).unwrap()).unwrap();
    let filler = |byte: &str, n: usize| serde_json::json!(byte.repeat(n));
    let contests: Vec<_> = ballot["contests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|contest| {
            let selections: Vec<_> = contest["selections"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "selection_id": s["selection_id"],
                        "tally": 0,
                        "b_over_m": filler("00", 511).as_str().unwrap().to_string() + "01",
                        "encrypted_vote": s["encrypted_vote"],
                        "proof": { "challenge": filler("11", 32), "response": filler("22", 32) },
                    })
                })
                .collect();
            serde_json::json!({
                "contest_id": contest["contest_id"],
                "selections": selections,
                "decrypted_contest_data": {
                    "contest_data": { "over_votes": [], "write_ins": [], "status": "null_vote" },
                    "encrypted_contest_data": contest["encrypted_contest_data"],
                    "proof": { "challenge": filler("33", 32), "response": filler("44", 32) },
                    "beta": filler("55", 512),
                },
            })
        })
        .collect();
    let dballot = serde_json::json!({ "id": "id-5", "contests": contests, "election_id": ballot["election_id"] });
    std::fs::create_dir(dir.join("challenged_ballots")).unwrap();
    std::fs::write(
        dir.join("challenged_ballots/dballot-id-5.json"),
        serde_json::to_vec(&dballot).unwrap(),
    )
    .unwrap();

    let record = EgkRecord::load(&dir).unwrap();
    assert_eq!(record.challenged_ballots.len(), 1);
    let loaded = &record.challenged_ballots[0].value;
    assert_eq!(loaded.id, "id-5");
    assert_eq!(loaded.contests.len(), 20);
    assert!(loaded
        .contests
        .iter()
        .all(|c| c.decrypted_contest_data.is_some()));
}
