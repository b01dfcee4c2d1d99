//! The encrypted ballot as published in the election record (§3.7).

use super::chain::ChainingField;
use super::ids::BallotId;
use super::nonce::BallotNonce;
use crate::elgamal::Ciphertext;
use crate::group::ParameterSet;
use crate::hash::HValue;
use crate::hashed_elgamal::HashedCiphertext;
use crate::proofs::RangeProof;

/// One option of an encrypted contest: (α, β) = Enc(σ, ξ_{i,j}) and its range proof 0 … R
/// (§3.3.1, §3.3.7).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncryptedSelection<P: ParameterSet> {
    /// The option index ind_o(λ), 1-based.
    pub index: u32,
    /// (α, β).
    pub ciphertext: Ciphertext<P>,
    /// The proof that σ ∈ {0, …, R} (challenge of equation 59).
    pub proof: RangeProof<P>,
}

/// One contest of an encrypted ballot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncryptedContest<P: ParameterSet> {
    /// The contest index ind_c(Λ).
    pub index: u32,
    /// The options, in option order.
    pub selections: Vec<EncryptedSelection<P>>,
    /// The proof that the aggregate (ᾱ, β̄) encrypts at most L (§3.3.8, equation 62).
    pub proof: RangeProof<P>,
    /// The encrypted contest data (§3.3.10), present exactly when b_Λ > 0.
    pub contest_data: Option<HashedCiphertext<P>>,
    /// χ_l (equation 70).
    pub contest_hash: HValue,
}

impl<P: ParameterSet> EncryptedContest<P> {
    /// (ᾱ, β̄) = (∏ α_j, ∏ β_j), the aggregate contest encryption (§3.3.8, 7.1–7.2).
    pub fn aggregate(&self) -> Ciphertext<P> {
        Ciphertext::sum(self.selections.iter().map(|s| &s.ciphertext))
    }
}

/// An encrypted ballot (§3.3, §3.4, §3.7).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncryptedBallot<P: ParameterSet> {
    /// The ballot's name in the record (file name, error locations).
    pub name: String,
    /// The label of the ballot style.
    pub style: String,
    /// id_B (§3.3.2).
    pub id: BallotId,
    /// H_I (equation 32).
    pub identifier_hash: HValue,
    /// The contests of the style, in contest-index (manifest) order.
    pub contests: Vec<EncryptedContest<P>>,
    /// The ballot nonce ξ_B encrypted under K̂ (§3.3.4, equations 34–38).
    pub encrypted_nonce: HashedCiphertext<P>,
    /// B_C (§3.4.2).
    pub chaining_field: ChainingField,
    /// H_C (equation 71).
    pub confirmation_code: HValue,
    /// The ballot weight W (§3.5); 1 unless the election weights ballots.
    pub weight: u64,
}

/// What the device may keep from encrypting a ballot: the ballot nonce ξ_B (§3.3.3), which
/// re-derives or decrypts the whole ballot. Discard it unless it is needed (e.g. to open a
/// challenged ballot without the guardians).
pub struct BallotSecrets {
    nonce: BallotNonce,
}

impl BallotSecrets {
    pub(super) fn new(nonce: BallotNonce) -> Self {
        BallotSecrets { nonce }
    }

    /// ξ_B.
    pub fn nonce(&self) -> &BallotNonce {
        &self.nonce
    }

    /// ξ_B, consuming the secrets.
    pub fn into_nonce(self) -> BallotNonce {
        self.nonce
    }
}
