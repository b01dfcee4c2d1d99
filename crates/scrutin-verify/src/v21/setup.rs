//! Verifications 1–4 of spec 2.1: parameters, guardian keys, joint keys, extended base hash.
//! They establish the context every later step is checked against.

use super::decode;
use crate::problem::{FieldCheck, Problem};
use crate::report::StepRecorder;
use scrutin_core::ceremony::{
    guardian_record_hash, joint_keys, verify_joint_keys, GuardianPublicKey,
};
use scrutin_core::election::ElectionContext;
use scrutin_core::parameters::{
    election_base_hash, extended_base_hash, parameter_base_hash, GuardianCounts, SPEC_VERSION,
};
use scrutin_core::step::v2_1::{V1_A, V1_B, V1_E, V1_F, V2_A, V3_A, V3_B, V4_A};
use scrutin_core::{Element, Location, ParameterSet, Reason, Step, VerifyError};
use scrutin_record::v21::layout::{ELECTION_CONFIG, ELECTION_INITIALIZED};
use scrutin_record::v21::manifest::Manifest;
use scrutin_record::v21::source::RecordSource;
use scrutin_record::v21::wire::{ElectionConfigJson, ElectionInitializedJson};
use scrutin_record::RecordError;

/// What Verifications 1–4 establish, recomputed from the record. Only the verifier builds
/// one ([`super::verify_until`]), so holding a `Setup` means these boxes were run on a record.
pub struct Setup<P: ParameterSet> {
    pub(crate) manifest: Manifest,
    pub(crate) context: ElectionContext<P>,
    pub(crate) guardians: Vec<GuardianPublicKey<P>>,
}

impl<P: ParameterSet> Setup<P> {
    /// The validated manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// n, k, H_P, H_B, H_E, K, K̂ — all recomputed, not read.
    pub fn context(&self) -> &ElectionContext<P> {
        &self.context
    }

    /// The guardians' public keys as decoded (valid when Verification 2 passed).
    pub fn guardians(&self) -> &[GuardianPublicKey<P>] {
        &self.guardians
    }
}

fn mismatch(step: Step, what: &'static str) -> VerifyError {
    VerifyError::new(step, Location::Election, Reason::Mismatch(what))
}

/// Verification 1 (§3.1.4): version, parameters, H_P and H_B. Returns the counts and the
/// recomputed H_P and H_B.
pub fn verify_parameters<P: ParameterSet>(
    record: &dyn RecordSource,
    manifest: &Manifest,
    config: &ElectionConfigJson,
    standard: bool,
    allow_test_parameters: bool,
    step: &mut StepRecorder,
) -> Result<(GuardianCounts, scrutin_core::HValue, scrutin_core::HValue), Problem> {
    let file = record.path(ELECTION_CONFIG);
    step.record(if config.config_version == SPEC_VERSION {
        Ok(())
    } else {
        Err(VerifyError::new(
            V1_A,
            Location::Election,
            Reason::Malformed(format!(
                "the record's version is {:?}, this verifier checks {SPEC_VERSION}",
                config.config_version
            )),
        ))
    });
    if !standard && !allow_test_parameters {
        step.record(Err(VerifyError::new(
            V1_B,
            Location::Election,
            Reason::Malformed(format!("the record uses the test parameter set {} instead of the standard parameters of §3.1.1", P::NAME)),
        )));
    } else {
        // 1.B–1.D: constants.json was matched against this parameter set before dispatch.
        step.record(Ok(()));
    }
    let counts =
        GuardianCounts::new(config.number_of_guardians, config.quorum).ok_or_else(|| {
            RecordError::field(
                &file,
                "quorum",
                "need 1 ≤ quorum ≤ number_of_guardians < 2^31",
            )
        })?;
    let hp = parameter_base_hash::<P>(counts);
    let stored_hp =
        crate::problem::hash(&file, "parameter_base_hash", &config.parameter_base_hash)?;
    step.record(if hp == stored_hp {
        Ok(())
    } else {
        Err(mismatch(V1_E, "the parameter base hash H_P"))
    });
    let hb = election_base_hash(&hp, &manifest.bytes);
    let stored_hb = crate::problem::hash(&file, "election_base_hash", &config.election_base_hash)?;
    step.record(if hb == stored_hb {
        Ok(())
    } else {
        Err(mismatch(V1_F, "the election base hash H_B"))
    });
    Ok((counts, hp, hb))
}

/// Verification 2 (guardian public keys) over all guardians; returns the decoded keys, or
/// `None` if some key could not be decoded at all.
pub fn verify_guardians<P: ParameterSet>(
    record: &dyn RecordSource,
    initialized: &ElectionInitializedJson,
    counts: GuardianCounts,
    hp: &scrutin_core::HValue,
    step: &mut StepRecorder,
) -> Result<Option<Vec<GuardianPublicKey<P>>>, RecordError> {
    let mut keys = Vec::new();
    let mut complete = true;
    if initialized.guardians.len() != counts.n as usize {
        step.record(Err(VerifyError::new(
            V2_A,
            Location::Election,
            Reason::Malformed(format!(
                "{} guardians in the record, n = {}",
                initialized.guardians.len(),
                counts.n
            )),
        )));
    }
    let mut seen = std::collections::BTreeSet::new();
    for (position, json) in initialized.guardians.iter().enumerate() {
        if !seen.insert(json.x_coordinate) {
            step.record(Err(VerifyError::new(
                V2_A,
                Location::Guardian(json.x_coordinate),
                Reason::Malformed("duplicate guardian index".into()),
            )));
        }
        let file = record.path(ELECTION_INITIALIZED);
        match decode::guardian::<P>(&file, &format!("guardians[{position}]."), json) {
            Ok(key) => {
                step.record(key.verify(hp, counts));
                keys.push(key);
            }
            Err(Problem::Invalid(e)) => {
                step.record(Err(e));
                complete = false;
            }
            Err(Problem::Unreadable(e)) => return Err(e),
        }
    }
    Ok(complete.then_some(keys))
}

/// The joint keys (K, K̂).
pub type JointKeys<P> = (Element<P>, Element<P>);

/// Verification 3 (joint keys) and the guardian record hash; returns K and K̂ as recomputed
/// from the guardians' keys.
pub fn verify_joint<P: ParameterSet>(
    record: &dyn RecordSource,
    initialized: &ElectionInitializedJson,
    guardians: &[GuardianPublicKey<P>],
    hb: &scrutin_core::HValue,
    step: &mut StepRecorder,
) -> Result<Option<JointKeys<P>>, RecordError> {
    let file = record.path(ELECTION_INITIALIZED);
    let location = Location::Election;
    let keys = (|| -> Result<(Element<P>, Element<P>), Problem> {
        let at = FieldCheck {
            file: &file,
            step: V3_A,
            location: &location,
        };
        let vote = at.element::<P>(
            "joint_public_key",
            &initialized.joint_public_key,
            "the joint key K",
        )?;
        let at = FieldCheck { step: V3_B, ..at };
        let data = at.element::<P>(
            "joint_data_key",
            &initialized.joint_data_key,
            "the joint key K̂",
        )?;
        Ok((vote, data))
    })();
    let computed = match joint_keys(guardians) {
        Ok(keys) => keys,
        Err(e) => {
            step.record(Err(e));
            return Ok(None);
        }
    };
    match keys {
        Ok((vote, data)) => step.record(verify_joint_keys(guardians, &vote, &data)),
        Err(Problem::Invalid(e)) => step.record(Err(e)),
        Err(Problem::Unreadable(e)) => return Err(e),
    }
    let hg = guardian_record_hash(hb, &computed.0, &computed.1, guardians);
    match crate::problem::hash(
        &file,
        "guardian_record_hash",
        &initialized.guardian_record_hash,
    ) {
        Ok(stored) => step.record(if stored == hg {
            Ok(())
        } else {
            Err(mismatch(
                GUARDIAN_RECORD_HASH,
                "the guardian record hash H_G",
            ))
        }),
        Err(Problem::Unreadable(e)) => return Err(e),
        Err(Problem::Invalid(e)) => step.record(Err(e)),
    }
    Ok(Some(computed))
}

pub use scrutin_core::step::own::GUARDIAN_RECORD_HASH;

/// Verification 4: H_E = H(H_B; 0x14, K, K̂).
pub fn verify_extended_hash<P: ParameterSet>(
    record: &dyn RecordSource,
    initialized: &ElectionInitializedJson,
    context: &ElectionContext<P>,
    step: &mut StepRecorder,
) -> Result<(), RecordError> {
    let file = record.path(ELECTION_INITIALIZED);
    let recomputed = extended_base_hash(&context.base_hash, &context.vote_key, &context.data_key);
    match crate::problem::hash(&file, "extended_base_hash", &initialized.extended_base_hash) {
        Ok(stored) => step.record(if stored == recomputed {
            Ok(())
        } else {
            Err(mismatch(V4_A, "the extended base hash H_E"))
        }),
        Err(Problem::Unreadable(e)) => return Err(e),
        Err(Problem::Invalid(e)) => step.record(Err(e)),
    }
    Ok(())
}
