//! The verifier for ElectionGuard **2.0** records made by egk (ElectionGuard Kotlin): spec
//! 2.0.0 §6.2, Verifications 1–18, as egk forms its hashes (`docs/egk-2.0-notes.md`).
//!
//! The record is read by the format adapter [`scrutin_record::egk::EgkRecord`]; every hash
//! and challenge comes from the 2.0 profile in [`hashing`]; the algebra (group elements,
//! ElGamal, the Schnorr, Chaum–Pedersen and range proofs) is scrutin-core's, shared with the
//! 2.1 verifier. Everything is recomputed: H_P, H_M, H_B, K, H_E, and the aggregate of the
//! cast ballots, which `encrypted_tally.json` and `tally.json` must equal.
//!
//! The conditions of the 2.0 specification are labelled by the constants of [`steps`]
//! (`V5.D`). Checks the specification asks for without a letter, or that egk's format makes
//! necessary, are scrutin's own checks (`scrutin_core::step::own`, re-exported below,
//! labelled `S<box>.<name>`), reported under the box they belong to, as the 2.1 verifier
//! does for H_G.

mod ballots;
mod chain;
mod challenged;
mod contest_data;
use scrutin_record::egk::decode;
mod findings;
pub mod hashing;
mod manifest_index;
mod parallel;
mod preencrypted;
mod setup;
/// The 2.0 labels, defined in scrutin-core beside the 2.1 ones.
pub use scrutin_core::step::v2_0 as steps;
mod tally;

use crate::report::Report;
use crate::Options;
use ballots::{BallotContext, BallotOutcome};
use findings::Boxes;
use manifest_index::ManifestIndex;
use scrutin_core::group::{ParameterSet, Standard};
use scrutin_core::{HValue, Location, Reason, VerifyError};
use scrutin_record::egk::{EgkRecord, EncryptedBallotJson, RecordFile};
use scrutin_record::RecordError;
use std::collections::BTreeMap;
use std::path::Path;
use steps::{V17_D, V7_C};
use tally::DecryptionContext;

pub use preencrypted::SELECTED_PRODUCT;
pub use setup::ACCEPTED_VERSIONS;

/// The group of every egk 2.0 record: the standard parameters (its JSON widths are those of
/// the 4096-bit group).
pub type Group = Standard;

/// The titles of the verification boxes of spec 2.0 (§6.2).
pub const TITLES: [(u8, &str); 18] = [
    (1, "Parameter validation"),
    (2, "Guardian public-key validation"),
    (3, "Election public-key validation"),
    (4, "Extended base hash validation"),
    (5, "Well-formedness of selection encryptions"),
    (6, "Adherence to vote limits"),
    (7, "Validation of confirmation codes"),
    (8, "Correctness of ballot aggregation"),
    (9, "Correctness of tally decryptions"),
    (10, "Validation of correct decryption of tallies"),
    (11, "Correctness of decryptions of contest data"),
    (12, "Correctness of decryptions for challenged ballots"),
    (13, "Validation of correct decryption of challenged ballots"),
    (
        14,
        "Correctness of contest data decryptions for challenged ballots",
    ),
    (
        15,
        "Well-formedness of selection encryptions in pre-encrypted ballots",
    ),
    (16, "Adherence to vote limits in pre-encrypted ballots"),
    (
        17,
        "Validation of confirmation codes in pre-encrypted ballots",
    ),
    (18, "Validation of short codes in pre-encrypted ballots"),
];

pub use scrutin_core::step::own::{
    BALLOT_ID_UNIQUE, BALLOT_STRUCTURE, CAST_BALLOT_IDS, CHALLENGED_MATCH, CONTEST_DATA_MAC,
    CONTEST_DATA_MATCH, ELECTION_ID, TALLY_CIPHERTEXT, TALLY_CONTEST_DATA_MAC,
};

fn report(boxes: Boxes, parameters: &str) -> Report {
    Report {
        spec_version: hashing::SPEC_VERSION.into(),
        parameters: parameters.into(),
        steps: boxes.finish(),
    }
}

/// Verifies the egk 2.0 record in `dir` (spec 2.0 §6.2). `Err` means unreadable input (exit
/// code 2); a `Report` with failures means an invalid record (exit code 1).
///
/// `options.allow_test_parameters` has no effect: egk's format fixes the standard group's
/// widths, so a record in another group fails Verification 1.
pub fn verify(dir: &Path, options: &Options) -> Result<Report, RecordError> {
    let record = EgkRecord::load(dir)?;
    verify_record(&record, options)
}

/// Verifies a loaded record; see [`verify`].
pub fn verify_record(record: &EgkRecord, _options: &Options) -> Result<Report, RecordError> {
    let mut boxes = Boxes::new(&TITLES);
    let manifest = ManifestIndex::new(&record.manifest)?;

    let Some(hb) = setup::verify_parameters(record, boxes.get(1))? else {
        boxes.skip_from(2, "the record's group is not the standard one of §3.1.1");
        return Ok(report(boxes, "unknown"));
    };
    let hp = hashing::parameter_base_hash::<Group>();
    let keys = setup::verify_guardians(record, &hp, boxes.get(2))?;
    let Some(joint_key) = setup::verify_joint_key(record, &keys, boxes.get(3))? else {
        boxes.skip_from(4, "the joint key K could not be computed");
        return Ok(report(boxes, Group::NAME));
    };
    let extended_hash = setup::verify_extended_hash(record, &hb, &joint_key, boxes.get(4))?;

    let config = &record.config.value;
    let context = BallotContext {
        extended_hash,
        joint_key: joint_key.clone(),
        manifest: &manifest,
        baux0: &config.baux0,
        chaining: config.chain_confirmation_codes,
    };
    let files: Vec<&RecordFile<EncryptedBallotJson>> = record.encrypted_ballots().collect();
    let mut outcomes = parallel::map(&files, |file| ballots::check_ballot(&context, file))
        .into_iter()
        .collect::<Result<Vec<BallotOutcome>, RecordError>>()?;
    for outcome in &mut outcomes {
        std::mem::take(&mut outcome.findings).file_into(&mut boxes);
    }
    let pairs: Vec<(&EncryptedBallotJson, &BallotOutcome)> = files
        .iter()
        .map(|file| &file.value)
        .zip(outcomes.iter())
        .collect();
    verify_uniqueness(&pairs, &mut boxes);
    if !config.chain_confirmation_codes {
        for device in &record.devices {
            chain::verify_unchained_device(device, boxes.get(7));
        }
    } else {
        let by_file: BTreeMap<&Path, &BallotOutcome> = files
            .iter()
            .map(|file| file.path.as_path())
            .zip(outcomes.iter())
            .collect();
        for device in &record.devices {
            chain::verify_device(
                device,
                &extended_hash,
                &config.baux0,
                &by_file,
                boxes.get(7),
            )?;
        }
    }
    skip_unused_ballot_boxes(&pairs, &mut boxes);

    let aggregate = tally::verify_aggregation(record, &manifest, &pairs, &mut boxes)?;
    let decryption = DecryptionContext {
        extended_hash,
        joint_key,
        manifest: &manifest,
    };
    tally::verify_tally(record, &decryption, &aggregate, &mut boxes)?;
    contest_data::verify_tally_contest_data(record, &decryption, &mut boxes)?;
    challenged::verify_challenged(record, &decryption, &pairs, &mut boxes)?;
    Ok(report(boxes, Group::NAME))
}

/// 7.C (17.D for pre-encrypted ballots): no two ballots share a confirmation code; and
/// [`BALLOT_ID_UNIQUE`].
fn verify_uniqueness(ballots: &[(&EncryptedBallotJson, &BallotOutcome)], boxes: &mut Boxes) {
    let mut codes: BTreeMap<HValue, usize> = BTreeMap::new();
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for (json, outcome) in ballots {
        *codes.entry(outcome.confirmation_code).or_default() += 1;
        *ids.entry(json.ballot_id.as_str()).or_default() += 1;
    }
    for (json, outcome) in ballots {
        let location = Location::Ballot(json.ballot_id.clone());
        let step = if json.is_preencrypt { V17_D } else { V7_C };
        let shared = codes.get(&outcome.confirmation_code).copied().unwrap_or(0) > 1;
        boxes.get(step.verification()).record(if shared {
            Err(VerifyError::new(
                step,
                location.clone(),
                Reason::Malformed("another ballot has the same confirmation code".into()),
            ))
        } else {
            Ok(())
        });
        let repeated = ids.get(json.ballot_id.as_str()).copied().unwrap_or(0) > 1;
        boxes.get(7).record(if repeated {
            Err(VerifyError::new(
                BALLOT_ID_UNIQUE,
                location,
                Reason::Malformed("another ballot has the same ballot_id".into()),
            ))
        } else {
            Ok(())
        });
    }
}

/// Boxes about kinds of ballots the record does not have are skipped, with the reason.
fn skip_unused_ballot_boxes(ballots: &[(&EncryptedBallotJson, &BallotOutcome)], boxes: &mut Boxes) {
    if ballots.is_empty() {
        for n in [5, 6] {
            boxes.get(n).skip("the record has no encrypted ballots");
        }
    } else if ballots.iter().all(|(json, _)| json.is_preencrypt) {
        for n in [5, 6] {
            boxes
                .get(n)
                .skip("every ballot is pre-encrypted (Verifications 15 and 16)");
        }
    }
    if !ballots.iter().any(|(json, _)| json.is_preencrypt) {
        for n in [15, 16, 17, 18] {
            boxes.get(n).skip("the record has no pre-encrypted ballots");
        }
    }
}
