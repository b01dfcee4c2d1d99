//! Decryption with the ballot data key: contest data (§3.6.6, equations 96–103) and the
//! ballot nonces of challenged ballots (§3.6.7, equations 107–108), with Verification 12.
//!
//! The guardians produce β = C0^ŝ and a proof; turning β into the plaintext (12.3–12.4, 12.C:
//! the key h and the KDF blocks) is left to the caller, who knows which KDF labels apply.
//!
//! Two choices where the 2.1 specification is silent or inconsistent:
//! - The table of §5.5.4 gives B0 = H_E for the commitment d_i of equation 99, while the
//!   equation itself says H_I. We follow the equation and key d_i with H_I, like the challenge
//!   of equation 101 that the same table keys with H_I.
//! - The specification gives no proof for the decryption of a ballot nonce (equations
//!   107–108). We produce the same proof as for contest data (0x32 and 0x33, keyed with the
//!   ballot's H_I) with ind_c = 0, a value no contest has since contest indices start at 1, so
//!   the two uses cannot be confused; the nonce's ciphertext enters as (C0, C1, C2).

use super::combine::JointDecryption;
use super::hashes::{
    ballot_nonce_proof_input, contest_data_proof_input, data_challenge_input, data_commitment_input,
};
use super::messages::CommitmentPair;
use super::quorum::Quorum;
use super::statement::Statement;
use crate::election::ElectionContext;
use crate::group::{Element, FixedBase, ParameterSet, Scalar};
use crate::hash::{h, hq, HValue};
use crate::hashed_elgamal::HashedCiphertext;
use crate::proofs::{ChaumPedersenProof, Check};
use crate::step::v2_1::V12_B;
use crate::verify_error::{Location, Reason, VerifyError};

/// What a hashed-ElGamal ciphertext under K̂ carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataKind {
    /// The contest data of contest ind_c (§3.3.10, §3.6.6).
    ContestData {
        /// ind_c(Λ).
        contest: u32,
    },
    /// The ballot nonce ξ_B of a challenged ballot (§3.3.4, §3.6.7).
    BallotNonce,
}

impl DataKind {
    /// The ind_c that enters equations 99 and 101: the contest index, or 0 for a ballot nonce
    /// (see the module documentation).
    pub fn contest_index(&self) -> u32 {
        match self {
            DataKind::ContestData { contest } => *contest,
            DataKind::BallotNonce => 0,
        }
    }
}

/// One hashed-ElGamal ciphertext of one ballot as an item of a decryption batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataTarget<P: ParameterSet> {
    /// The ballot, for error locations.
    pub ballot: String,
    /// The ballot's selection encryption identifier hash H_I (equation 32), the key of the
    /// hashes of equations 99 and 101.
    pub identifier_hash: HValue,
    /// Contest data or ballot nonce.
    pub kind: DataKind,
    /// (C0, C1, C2).
    pub ciphertext: HashedCiphertext<P>,
}

impl<P: ParameterSet> Statement<P> for DataTarget<P> {
    fn base(&self) -> &Element<P> {
        &self.ciphertext.c0
    }

    fn joint_key<'c>(&self, ctx: &'c ElectionContext<P>) -> &'c Element<P> {
        &ctx.data_key
    }

    fn joint_table<'c>(&self, ctx: &'c ElectionContext<P>) -> &'c FixedBase<P> {
        &ctx.data_table
    }

    fn location(&self) -> Location {
        match self.kind {
            DataKind::ContestData { contest } => Location::Contest {
                ballot: Some(self.ballot.clone()),
                contest,
            },
            DataKind::BallotNonce => Location::Ballot(self.ballot.clone()),
        }
    }

    /// The Schnorr proof C2 = (c, v): a = g^v·C0^c and c = H_q(H_I; 0x27, ind_c, a, C0, C1)
    /// for contest data (equation 69) or H_q(H_I; 0x23, a, C0, C1) for a ballot nonce
    /// (equation 38).
    fn check_ciphertext(&self) -> Result<(), Reason> {
        let proof = &self.ciphertext.proof;
        // C0, c and v are published with the ciphertext: the variable-time path is safe.
        let g = Element::generator();
        let a = Element::multi_pow_vartime(&[
            (&g, &proof.response),
            (&self.ciphertext.c0, &proof.challenge),
        ]);
        let input = match self.kind {
            DataKind::ContestData { contest } => {
                contest_data_proof_input(contest, &a, &self.ciphertext)
            }
            DataKind::BallotNonce => ballot_nonce_proof_input(&a, &self.ciphertext),
        };
        if hq::<P>(&self.identifier_hash, &input) == proof.challenge {
            Ok(())
        } else {
            Err(Reason::ChallengeMismatch)
        }
    }

    /// d_i = H(H_I; 0x32, ind_c, i, C0, C1, C2, a_i, b_i, m_i, U) (equation 99).
    fn commitment_hash(
        &self,
        _ctx: &ElectionContext<P>,
        guardian: u32,
        pair: &CommitmentPair<P>,
        partial: &Element<P>,
        quorum: &Quorum<P>,
    ) -> HValue {
        let contest = self.kind.contest_index();
        let input =
            data_commitment_input(contest, guardian, &self.ciphertext, pair, partial, quorum);
        h(&self.identifier_hash, &input)
    }

    /// c = H_q(H_I; 0x33, ind_c, C0, C1, C2, a, b, β) (equation 101).
    fn challenge(
        &self,
        _ctx: &ElectionContext<P>,
        pair: &CommitmentPair<P>,
        value: &Element<P>,
    ) -> Scalar<P> {
        let input = data_challenge_input(self.kind.contest_index(), &self.ciphertext, pair, value);
        hq(&self.identifier_hash, &input)
    }
}

/// The verifiable decryption of one hashed-ElGamal ciphertext (§3.6.6, §3.6.7).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataDecryption<P: ParameterSet> {
    /// β = C0^ŝ (equations 97, 108), from which the caller derives the KDF key h.
    pub beta: Element<P>,
    /// The proof (c, v) that β = C0^ŝ for the ŝ of K̂ = g^ŝ (equations 98–103).
    pub proof: ChaumPedersenProof<P>,
}

impl<P: ParameterSet> DataDecryption<P> {
    /// The published form of a joint decryption.
    pub fn from_joint(joint: JointDecryption<P>) -> Self {
        DataDecryption {
            beta: joint.value,
            proof: joint.proof,
        }
    }

    /// Verification 12 for `target`: (12.1) a = g^v·K̂^c, (12.2) b = C0^v·β^c, and
    /// (12.B) c = H_q(H_I; 0x33, ind_c, C0, C1, C2, a, b, β). (12.A), v ∈ Z_q, holds for every
    /// decoded [`Scalar`]. (12.C), decrypting C1 with the key derived from β, is the caller's.
    /// A ballot-nonce decryption has no verification box in 2.1; its proof is the same and
    /// is reported under 12.B at the ballot's location.
    pub fn verify(
        &self,
        ctx: &ElectionContext<P>,
        target: &DataTarget<P>,
    ) -> Result<(), VerifyError> {
        let check = Check::new(V12_B, target.location());
        self.proof.verify(
            &ctx.data_key,
            &target.ciphertext.c0,
            &self.beta,
            |a, b| {
                target.challenge(
                    ctx,
                    &CommitmentPair {
                        a: a.clone(),
                        b: b.clone(),
                    },
                    &self.beta,
                )
            },
            &check,
        )
    }
}
