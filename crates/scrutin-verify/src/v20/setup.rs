//! Verifications 1–4 of spec 2.0 (§6.2.1–6.2.3): parameters and base hashes, guardian keys,
//! the joint key, the extended base hash. They establish the values every later step is
//! checked against, all recomputed, never read.

use super::decode::{self, At};
use super::hashing;
use super::steps::{
    V1_A, V1_B, V1_C, V1_D, V1_E, V1_F, V1_G, V1_H, V2_A, V2_B, V2_C, V3_A, V3_B, V4_A,
};
use super::{Group, ELECTION_ID};
use crate::problem::Problem;
use crate::report::StepRecorder;
use scrutin_core::parameters::GuardianCounts;
use scrutin_core::proofs::{Check, SchnorrProof};
use scrutin_core::{Element, HValue, Location, ParameterSet, Reason, Step, VerifyError};
use scrutin_record::egk::EgkRecord;
use scrutin_record::{hexfield, RecordError};
use std::collections::BTreeSet;
use std::path::Path;

/// A guardian's index i and public key K_i = K_{i,0}, `None` if it is not in Z_p^r.
pub type GuardianKey = (u32, Option<Element<Group>>);

/// The spec versions accepted by 1.A: egk writes "v2.0.0"; its serialization notes say "v2.0".
pub const ACCEPTED_VERSIONS: [&str; 2] = ["v2.0.0", "v2.0"];

fn mismatch(step: Step, what: &'static str) -> VerifyError {
    VerifyError::new(step, Location::Election, Reason::Mismatch(what))
}

fn compare(step: Step, what: &'static str, ok: bool) -> Result<(), VerifyError> {
    if ok {
        Ok(())
    } else {
        Err(mismatch(step, what))
    }
}

/// Whether hex `text` (any width) is the integer `value`; non-hex text is unreadable input.
fn same_integer(file: &Path, field: &str, text: &str, value: &[u8]) -> Result<bool, RecordError> {
    let padded;
    let text = if text.len() % 2 == 1 {
        padded = format!("0{text}");
        padded.as_str()
    } else {
        text
    };
    let bytes = hexfield::decode_any(file, field, text)?;
    let strip = |b: &[u8]| -> Vec<u8> { b.iter().copied().skip_while(|x| *x == 0).collect() };
    Ok(strip(&bytes) == strip(value))
}

/// Verification 1: version (1.A), the standard p, q, r, g (1.B–1.E) and H_P, H_M, H_B
/// (1.F–1.H, eq. 4, 6, 7). Returns H_B, or `None` when the group is not the standard one, in
/// which case no later step can be checked.
pub fn verify_parameters(
    record: &EgkRecord,
    step: &mut StepRecorder,
) -> Result<Option<HValue>, RecordError> {
    let config = &record.config.value;
    for (version, what) in [
        (
            &config.config_version,
            "election_config.json config_version",
        ),
        (
            &record.manifest.value.spec_version,
            "manifest.json spec_version",
        ),
    ] {
        step.record(if ACCEPTED_VERSIONS.contains(&version.as_str()) {
            Ok(())
        } else {
            Err(VerifyError::new(
                V1_A,
                Location::Election,
                Reason::Malformed(format!(
                    "{what} is {version:?}; this verifier checks {}",
                    hashing::SPEC_VERSION
                )),
            ))
        });
    }

    let group = Group::group();
    let file = &record.constants.path;
    let constants = &record.constants.value;
    let mut standard = true;
    for (label, field, text, value, used) in [
        (V1_B, "large_prime", &constants.large_prime, group.p(), true),
        (V1_C, "small_prime", &constants.small_prime, group.q(), true),
        (V1_D, "cofactor", &constants.cofactor, group.r(), false),
        (V1_E, "generator", &constants.generator, group.g(), true),
    ] {
        let ok = same_integer(file, field, text, &value.to_be_bytes())?;
        standard &= ok || !used;
        step.record(if ok {
            Ok(())
        } else {
            Err(VerifyError::new(
                label,
                Location::Election,
                Reason::Malformed(format!(
                    "constants.json {field} is not the standard value of §3.1.1"
                )),
            ))
        });
    }
    if !standard {
        return Ok(None);
    }

    let file = &record.config.path;
    let counts =
        GuardianCounts::new(config.number_of_guardians, config.quorum).ok_or_else(|| {
            RecordError::field(
                file,
                "quorum",
                "need 1 ≤ quorum ≤ number_of_guardians < 2^31",
            )
        })?;
    let hp = hashing::parameter_base_hash::<Group>();
    let stored = decode::hash(
        file,
        "parameter_base_hash",
        config.parameter_base_hash.as_str(),
    )?;
    step.record(compare(V1_F, "the parameter base hash H_P", hp == stored));
    let hm = hashing::manifest_hash(&hp, &record.manifest_bytes);
    let stored = decode::hash(file, "manifest_hash", config.manifest_hash.as_str())?;
    step.record(compare(V1_G, "the manifest hash H_M", hm == stored));
    let hb = hashing::election_base_hash(&hp, &hm, counts.n, counts.k);
    let stored = decode::hash(
        file,
        "election_base_hash",
        config.election_base_hash.as_str(),
    )?;
    step.record(compare(V1_H, "the election base hash H_B", hb == stored));
    Ok(Some(hb))
}

/// Verification 2 for one coefficient j of guardian i: K_{i,j} ∈ Z_p^r (2.A), v_{i,j} ∈ Z_q
/// (2.B), c_{i,j} = H(H_P; 0x10, i, j, K_{i,j}, h_{i,j}) with h_{i,j} = g^v·K^c (2.1, 2.C).
/// Returns K_{i,j}.
fn verify_coefficient(
    record: &EgkRecord,
    hp: &HValue,
    position: usize,
    guardian: u32,
    j: usize,
    step: &mut StepRecorder,
) -> Result<Option<Element<Group>>, RecordError> {
    let file = &record.initialized.path;
    let location = Location::Guardian(guardian);
    let at = At {
        file,
        location: &location,
    };
    let Some(json) = record
        .initialized
        .value
        .guardians
        .get(position)
        .and_then(|g| g.coefficient_proofs.get(j))
    else {
        return Ok(None);
    };
    let field = format!("guardians[{position}].coefficient_proofs[{j}]");
    let decoded = (|| -> Result<(Element<Group>, SchnorrProof<Group>), Problem> {
        let commitment = at.check(V2_A).element(
            &format!("{field}.public_key"),
            json.public_key.as_str(),
            "the coefficient commitment K_i,j",
        )?;
        let proof = SchnorrProof {
            challenge: decode::challenge(
                file,
                &format!("{field}.challenge"),
                json.challenge.as_str(),
            )?,
            response: at.check(V2_B).scalar(
                &format!("{field}.response"),
                json.response.as_str(),
                "the response v_i,j",
            )?,
        };
        Ok((commitment, proof))
    })();
    match decoded {
        Ok((commitment, proof)) => {
            let index = u32::try_from(j).unwrap_or(u32::MAX);
            step.record(proof.verify(
                &commitment,
                |h| hashing::guardian_challenge(hp, guardian, index, &commitment, h),
                &Check::new(V2_C, location.clone()),
            ));
            Ok(Some(commitment))
        }
        Err(Problem::Invalid(e)) => {
            step.record(Err(e));
            Ok(None)
        }
        Err(Problem::Unreadable(e)) => Err(e),
    }
}

/// Verification 2 over all guardians and coefficients. Returns each guardian's public key
/// K_i = K_{i,0}, or `None` where one could not be decoded.
pub fn verify_guardians(
    record: &EgkRecord,
    hp: &HValue,
    step: &mut StepRecorder,
) -> Result<Vec<GuardianKey>, RecordError> {
    let config = &record.config.value;
    let guardians = &record.initialized.value.guardians;
    let malformed = |location: Location, what: String| {
        VerifyError::new(V2_A, location, Reason::Malformed(what))
    };
    if guardians.len() != config.number_of_guardians as usize {
        step.record(Err(malformed(
            Location::Election,
            format!(
                "{} guardians in the record, n = {}",
                guardians.len(),
                config.number_of_guardians
            ),
        )));
    }
    let mut seen = BTreeSet::new();
    let mut keys = Vec::with_capacity(guardians.len());
    for (position, guardian) in guardians.iter().enumerate() {
        let i = guardian.x_coordinate;
        if !seen.insert(i) || i == 0 || i > config.number_of_guardians {
            step.record(Err(malformed(
                Location::Guardian(i),
                format!(
                    "guardian index {i} is repeated or outside 1..={}",
                    config.number_of_guardians
                ),
            )));
        }
        if guardian.coefficient_proofs.len() != config.quorum as usize {
            step.record(Err(malformed(
                Location::Guardian(i),
                format!(
                    "{} coefficient proofs, quorum k = {}",
                    guardian.coefficient_proofs.len(),
                    config.quorum
                ),
            )));
        }
        let mut key = None;
        for j in 0..guardian.coefficient_proofs.len() {
            let commitment = verify_coefficient(record, hp, position, i, j, step)?;
            if j == 0 {
                key = commitment;
            }
        }
        keys.push((i, key));
    }
    Ok(keys)
}

/// Verification 3: every K_i ∈ Z_p^r with K_i ≠ 1 (3.A); K = ∏ K_i = `joint_public_key` and
/// K ≠ 1 (3.B). Returns the recomputed K, or `None` if a K_i is missing.
pub fn verify_joint_key(
    record: &EgkRecord,
    keys: &[GuardianKey],
    step: &mut StepRecorder,
) -> Result<Option<Element<Group>>, RecordError> {
    let mut complete = !keys.is_empty();
    for (i, key) in keys {
        step.record(match key {
            Some(k) if !k.is_one() => Ok(()),
            Some(_) => Err(VerifyError::new(
                V3_A,
                Location::Guardian(*i),
                Reason::Malformed("the guardian public key K_i is 1".into()),
            )),
            None => {
                complete = false;
                Err(VerifyError::new(
                    V3_A,
                    Location::Guardian(*i),
                    Reason::NotInGroup("the guardian public key K_i"),
                ))
            }
        });
    }
    if !complete {
        return Ok(None);
    }
    let joint = Element::product(keys.iter().filter_map(|(_, k)| k.as_ref()));
    let stored = decode::element_bytes(
        &record.initialized.path,
        "joint_public_key",
        record.initialized.value.joint_public_key.as_str(),
    )?;
    step.record(if joint.is_one() {
        Err(VerifyError::new(
            V3_B,
            Location::Election,
            Reason::Malformed("the joint key K is 1".into()),
        ))
    } else {
        compare(V3_B, "the joint public key K", joint.to_bytes() == stored)
    });
    Ok(Some(joint))
}

/// Verification 4: H_E = H(H_B; 0x12, K) (4.A, eq. 23), and [`ELECTION_ID`]: every ballot,
/// tally and decrypted ballot carries this H_E as its `election_id`.
pub fn verify_extended_hash(
    record: &EgkRecord,
    hb: &HValue,
    joint_key: &Element<Group>,
    step: &mut StepRecorder,
) -> Result<HValue, RecordError> {
    let he = hashing::extended_base_hash(hb, joint_key);
    let stored = decode::hash(
        &record.initialized.path,
        "extended_base_hash",
        record.initialized.value.extended_base_hash.as_str(),
    )?;
    step.record(compare(V4_A, "the extended base hash H_E", he == stored));
    let mut files: Vec<(&Path, &str, Location)> = record
        .encrypted_ballots()
        .map(|b| {
            (
                b.path.as_path(),
                b.value.election_id.as_str(),
                Location::Ballot(b.value.ballot_id.clone()),
            )
        })
        .collect();
    files.push((
        &record.encrypted_tally.path,
        record.encrypted_tally.value.election_id.as_str(),
        Location::Election,
    ));
    files.push((
        &record.tally.path,
        record.tally.value.election_id.as_str(),
        Location::Election,
    ));
    files.extend(record.challenged_ballots.iter().map(|d| {
        (
            d.path.as_path(),
            d.value.election_id.as_str(),
            Location::Ballot(d.value.id.clone()),
        )
    }));
    for (file, text, location) in files {
        let stored = decode::hash(file, "election_id", text)?;
        step.record(if stored == he {
            Ok(())
        } else {
            Err(VerifyError::new(
                ELECTION_ID,
                location,
                Reason::Malformed(format!(
                    "{}: election_id is not the extended base hash H_E",
                    file.display()
                )),
            ))
        });
    }
    Ok(he)
}
