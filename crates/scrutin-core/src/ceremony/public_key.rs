//! The public record of one guardian (§3.2.2) and its validation (Verification 2).

use super::{CoefficientProof, KeyKind};
use crate::group::{Element, ParameterSet};
use crate::hash::HValue;
use crate::parameters::GuardianCounts;
use crate::step::v2_1::V2_A;
use crate::verify_error::{Location, Reason, VerifyError};

/// What guardian G_i publishes (§3.2.2): the commitments K_{i,j} = g^{a_{i,j}} (equation 8)
/// and K̂_{i,j} = g^{â_{i,j}} for 0 ≤ j < k, the communication key κ_i = g^{ζ_i} (equation 9),
/// and the two compact proofs of knowledge (equations 10–13).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuardianPublicKey<P: ParameterSet> {
    /// The guardian index i (1-based).
    pub index: u32,
    /// K_{i,0}, …, K_{i,k−1}; K_{i,0} = K_i is the guardian's vote encryption key.
    pub vote_commitments: Vec<Element<P>>,
    /// K̂_{i,0}, …, K̂_{i,k−1}; K̂_{i,0} = K̂_i is the guardian's ballot data encryption key.
    pub data_commitments: Vec<Element<P>>,
    /// κ_i, the public communication key.
    pub communication_key: Element<P>,
    /// (c_i, v_{i,0}, …, v_{i,k}), equation 11.
    pub vote_proof: CoefficientProof<P>,
    /// (ĉ_i, v̂_{i,0}, …, v̂_{i,k}), equation 13.
    pub data_proof: CoefficientProof<P>,
}

impl<P: ParameterSet> GuardianPublicKey<P> {
    /// The commitments K_{i,j} or K̂_{i,j}.
    pub fn commitments(&self, kind: KeyKind) -> &[Element<P>] {
        match kind {
            KeyKind::Vote => &self.vote_commitments,
            KeyKind::Data => &self.data_commitments,
        }
    }

    /// The proof of equation 11 or 13.
    pub fn proof(&self, kind: KeyKind) -> &CoefficientProof<P> {
        match kind {
            KeyKind::Vote => &self.vote_proof,
            KeyKind::Data => &self.data_proof,
        }
    }

    /// The guardian's key K_i = K_{i,0} or K̂_i = K̂_{i,0} (§3.2.2), or `None` if there are no
    /// commitments (a record that fails Verification 2.A).
    pub fn key(&self, kind: KeyKind) -> Option<&Element<P>> {
        self.commitments(kind).first()
    }

    /// Verification 2 (§3.2.2) for this guardian: the index lies in 1..=n and both proofs are
    /// valid for the parameter base hash H_P.
    ///
    /// Errors carry `Location::Guardian(i)` and the step: 2.A for an index out of range or a
    /// count of commitments other than k (membership in Z_p^r holds by construction of
    /// [`Element`]), 2.B for a count of responses other than k + 1, 2.C for a challenge that
    /// does not match (the vote proof is checked first).
    pub fn verify(
        &self,
        parameter_hash: &HValue,
        counts: GuardianCounts,
    ) -> Result<(), VerifyError> {
        if !(1..=counts.n).contains(&self.index) {
            return Err(VerifyError::new(
                V2_A,
                Location::Guardian(self.index),
                Reason::Malformed(format!(
                    "guardian index {} is outside 1..={}",
                    self.index, counts.n
                )),
            ));
        }
        // The shapes of both proofs first, so that a structural fault is reported as such
        // rather than as a challenge mismatch.
        for kind in [KeyKind::Vote, KeyKind::Data] {
            self.proof(kind)
                .check_shape(kind, self.index, self.commitments(kind), counts.k)?;
        }
        for kind in [KeyKind::Vote, KeyKind::Data] {
            self.proof(kind).verify(
                kind,
                parameter_hash,
                self.index,
                self.commitments(kind),
                &self.communication_key,
                counts.k,
            )?;
        }
        Ok(())
    }
}
