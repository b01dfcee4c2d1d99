//! From egk's wire types to the typed values of scrutin-core, with the spec 2.0 check each
//! membership belongs to.
//!
//! A wrong width or a non-hex digit is unreadable input ([`RecordError`], naming file and
//! field); a value of the right width outside Z_p^r or Z_q fails the check passed in (a
//! [`Problem::Invalid`]).

use crate::egk::{ChaumPedersenJson, ElGamalCiphertextJson, RangeProofJson};
use crate::problem::{FieldCheck, Problem};
use crate::{hexfield, RecordError};
use scrutin_core::elgamal::Ciphertext;
use scrutin_core::group::Standard as Group;
use scrutin_core::proofs::{ChaumPedersenProof, RangeProof};
use scrutin_core::{HValue, Location, Scalar, Step};
use std::path::Path;

/// Where the values being decoded are: the file, and the place in the election for errors.
#[derive(Clone, Copy, Debug)]
pub struct At<'a> {
    /// The file.
    pub file: &'a Path,
    /// The ballot, contest, option or guardian.
    pub location: &'a Location,
}

impl<'a> At<'a> {
    /// The membership check `step` at this place.
    pub fn check(&self, step: Step) -> FieldCheck<'a> {
        FieldCheck {
            file: self.file,
            step,
            location: self.location,
        }
    }
}

/// A stored challenge: 64 hex digits, reduced mod q.
///
/// Spec 2.0 bounds challenges only by 2^256 (5.B, 6.B, 15.B, 16.A), which the width
/// guarantees, and uses them as exponents, where only their value mod q matters; egk stores
/// them already reduced (notes §1). Comparing the reduced value with H(…) mod q accepts the
/// spec's unreduced reading and egk's reduced one alike.
pub fn challenge(file: &Path, field: &str, text: &str) -> Result<Scalar<Group>, RecordError> {
    let bytes = hexfield::decode_exact(file, field, text, 32)?;
    Ok(Scalar::from_bytes_reduced(&bytes))
}

/// A stored hash value (64 hex digits).
pub fn hash(file: &Path, field: &str, text: &str) -> Result<HValue, RecordError> {
    hexfield::hash(file, field, text)
}

/// The bytes of a stored element of Z_p at the standard width, without the membership test:
/// for values only compared with a recomputed member (K, aggregates, copies of ciphertexts).
pub fn element_bytes(file: &Path, field: &str, text: &str) -> Result<Vec<u8>, RecordError> {
    hexfield::decode_exact(
        file,
        field,
        text,
        <Group as scrutin_core::ParameterSet>::group().p_bytes(),
    )
}

/// (α, β) = (`pad`, `data`), both of which must be in Z_p^r (`step`: 5.A, 12.A, …).
pub fn ciphertext(
    at: At<'_>,
    field: &str,
    json: &ElGamalCiphertextJson,
    step: Step,
) -> Result<Ciphertext<Group>, Problem> {
    let check = at.check(step);
    Ok(Ciphertext {
        alpha: check.element(&format!("{field}.pad"), json.pad.as_str(), "α (pad)")?,
        beta: check.element(&format!("{field}.data"), json.data.as_str(), "β (data)")?,
    })
}

/// A range proof's pairs (c_j, v_j); every v_j must be in Z_q (`response_step`: 5.C, 6.C, …).
pub fn range_proof(
    at: At<'_>,
    field: &str,
    json: &RangeProofJson,
    response_step: Step,
) -> Result<RangeProof<Group>, Problem> {
    let check = at.check(response_step);
    let mut challenges = Vec::with_capacity(json.proofs.len());
    let mut responses = Vec::with_capacity(json.proofs.len());
    for (j, pair) in json.proofs.iter().enumerate() {
        challenges.push(challenge(
            at.file,
            &format!("{field}.proofs[{j}].challenge"),
            pair.challenge.as_str(),
        )?);
        responses.push(check.scalar(
            &format!("{field}.proofs[{j}].response"),
            pair.response.as_str(),
            "a response v_j",
        )?);
    }
    Ok(RangeProof {
        challenges,
        responses,
    })
}

/// A Chaum–Pedersen proof (c, v); v must be in Z_q (`response_step`: 9.A, 12.A, 14.A).
pub fn chaum_pedersen(
    at: At<'_>,
    field: &str,
    json: &ChaumPedersenJson,
    response_step: Step,
) -> Result<ChaumPedersenProof<Group>, Problem> {
    Ok(ChaumPedersenProof {
        challenge: challenge(
            at.file,
            &format!("{field}.challenge"),
            json.challenge.as_str(),
        )?,
        response: at.check(response_step).scalar(
            &format!("{field}.response"),
            json.response.as_str(),
            "the response v",
        )?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use scrutin_core::step::v2_0::V5_A;

    #[test]
    fn challenges_are_reduced_and_width_checked() {
        let file = Path::new("ballot.json");
        // 2^256 − 1 = q + 188: a valid 2.0 challenge (< 2^256), equal to 188 mod q.
        let c = challenge(file, "c", &"F".repeat(64)).unwrap();
        assert_eq!(c, Scalar::from_u64(188));
        let err = challenge(
            file,
            "contests[0].proof.proofs[1].challenge",
            &"F".repeat(63),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("ballot.json") && err.contains("contests[0].proof.proofs[1].challenge"),
            "{err}"
        );
    }

    #[test]
    fn values_outside_the_group_fail_the_given_step() {
        let file = Path::new("ballot.json");
        let location = Location::Ballot("b".into());
        let at = At {
            file,
            location: &location,
        };
        let json = ElGamalCiphertextJson {
            pad: crate::egk::FixedHex("0".repeat(1024)),
            data: crate::egk::FixedHex("0".repeat(1024)),
        };
        match ciphertext(at, "encrypted_vote", &json, V5_A) {
            Err(Problem::Invalid(e)) => assert_eq!(e.step, V5_A),
            other => panic!("{other:?}"),
        }
        let short = ElGamalCiphertextJson {
            pad: crate::egk::FixedHex("0".repeat(1022)),
            data: json.data.clone(),
        };
        match ciphertext(at, "encrypted_vote", &short, V5_A) {
            Err(Problem::Unreadable(e)) => {
                assert!(e.to_string().contains("encrypted_vote.pad"), "{e}")
            }
            other => panic!("{other:?}"),
        }
    }
}
