//! A guardian's secrets for the key ceremony: the coefficients of its two polynomials and its
//! communication key (§3.2.2, equations 7–9).

use super::coefficient_proof::CoefficientProof;
use super::secret_file::{SecretFileError, SecretReader, SecretWriter};
use super::{CeremonyError, GuardianPublicKey, KeyKind};
use crate::group::{ParameterSet, Scalar, SecretScalar};
use crate::hash::HValue;
use crate::parameters::GuardianCounts;
use rand_core::{CryptoRng, RngCore};
use zeroize::Zeroizing;

/// The kind tag of a ceremony-secrets file (see [`super::secret_file`]).
const TAG: [u8; 4] = *b"SGCS";

/// Guardian G_i's secrets: the k coefficients a_{i,j} of P_i (equation 7), the k coefficients
/// â_{i,j} of P̂_i, and the communication secret ζ_i (equation 9).
///
/// Secret: no `Debug`, `Clone` or comparison; every value is zeroized when dropped. After the
/// key shares are computed (equation 24) these secrets are no longer needed (§3.2.2, end of
/// "Share verification").
pub struct GuardianSecrets<P: ParameterSet> {
    index: u32,
    counts: GuardianCounts,
    vote: Vec<SecretScalar<P>>,
    data: Vec<SecretScalar<P>>,
    communication: SecretScalar<P>,
}

/// Checks 1 ≤ index ≤ n.
pub(super) fn check_index(index: u32, counts: GuardianCounts) -> Result<(), CeremonyError> {
    if (1..=counts.n).contains(&index) {
        Ok(())
    } else {
        Err(CeremonyError::InvalidIndex { index, n: counts.n })
    }
}

impl<P: ParameterSet> GuardianSecrets<P> {
    /// Samples the coefficients a_{i,j} and â_{i,j} (0 ≤ j < k) and ζ_i uniformly from Z_q
    /// for guardian `index` (1-based) of `counts.n` (§3.2.2, equations 7 and 9).
    pub fn generate<R: RngCore + CryptoRng>(
        rng: &mut R,
        index: u32,
        counts: GuardianCounts,
    ) -> Result<Self, CeremonyError> {
        check_index(index, counts)?;
        let k = counts.k;
        let vote = (0..k).map(|_| SecretScalar::random(rng)).collect();
        let data = (0..k).map(|_| SecretScalar::random(rng)).collect();
        let communication = SecretScalar::random(rng);
        Ok(GuardianSecrets {
            index,
            counts,
            vote,
            data,
            communication,
        })
    }

    /// The guardian index i (1-based).
    pub fn index(&self) -> u32 {
        self.index
    }

    /// The counts n and k this guardian was generated for.
    pub fn counts(&self) -> GuardianCounts {
        self.counts
    }

    /// The coefficients of P_i or P̂_i, lowest degree first.
    pub(super) fn coefficients(&self, kind: KeyKind) -> &[SecretScalar<P>] {
        match kind {
            KeyKind::Vote => &self.vote,
            KeyKind::Data => &self.data,
        }
    }

    /// ζ_i.
    pub(super) fn communication_secret(&self) -> &SecretScalar<P> {
        &self.communication
    }

    /// P_i(x) or P̂_i(x) mod q (equation 7), by Horner's rule: the share for guardian x.
    pub(super) fn evaluate(&self, kind: KeyKind, x: u32) -> SecretScalar<P> {
        let x = Scalar::from_u64(u64::from(x));
        self.coefficients(kind)
            .iter()
            .rev()
            .fold(SecretScalar::zero(), |acc, a| acc.mul_public(&x).add(a))
    }

    /// The public record of this guardian (§3.2.2): the commitments K_{i,j} = g^{a_{i,j}}
    /// (equation 8) and K̂_{i,j}, κ_i = g^{ζ_i} (equation 9), and the two compact proofs of
    /// knowledge (equations 10–13) bound to the parameter base hash H_P.
    pub fn public_key<R: RngCore + CryptoRng>(
        &self,
        rng: &mut R,
        parameter_hash: &HValue,
    ) -> GuardianPublicKey<P> {
        let vote_commitments: Vec<_> = self.vote.iter().map(SecretScalar::g_pow).collect();
        let data_commitments: Vec<_> = self.data.iter().map(SecretScalar::g_pow).collect();
        let communication_key = self.communication.g_pow();
        let vote_proof = CoefficientProof::prove(
            rng,
            KeyKind::Vote,
            parameter_hash,
            self.index,
            &self.vote,
            &self.communication,
            &vote_commitments,
            &communication_key,
        );
        let data_proof = CoefficientProof::prove(
            rng,
            KeyKind::Data,
            parameter_hash,
            self.index,
            &self.data,
            &self.communication,
            &data_commitments,
            &communication_key,
        );
        GuardianPublicKey {
            index: self.index,
            vote_commitments,
            data_commitments,
            communication_key,
            vote_proof,
            data_proof,
        }
    }

    /// The guardian's own secret file (layout in [`super::secret_file`]): i, n, k, then
    /// a_{i,0..k−1}, â_{i,0..k−1} and ζ_i, each as b(x, l_q). For its owner's storage only.
    pub fn to_secret_bytes(&self) -> Zeroizing<Vec<u8>> {
        let writer = SecretWriter::new::<P>(&TAG)
            .u32(self.index)
            .u32(self.counts.n)
            .u32(self.counts.k);
        let writer = self
            .vote
            .iter()
            .chain(&self.data)
            .fold(writer, |w, a| w.scalar(a));
        writer.scalar(&self.communication).finish()
    }

    /// Reads a file written by [`GuardianSecrets::to_secret_bytes`], checking its header, the
    /// counts (1 ≤ k ≤ n), the index (1 ≤ i ≤ n), every coefficient's range and its length.
    pub fn from_secret_bytes(bytes: &[u8]) -> Result<Self, CeremonyError> {
        let mut reader = SecretReader::open::<P>(bytes, &TAG)?;
        let index = reader.u32()?;
        let n = reader.u32()?;
        let k = reader.u32()?;
        let counts =
            GuardianCounts::new(n, k).ok_or(SecretFileError::InvalidValue("guardian counts"))?;
        if !(1..=n).contains(&index) {
            return Err(SecretFileError::InvalidValue("guardian index").into());
        }
        let vote = (0..k)
            .map(|_| reader.scalar("coefficient a_i,j"))
            .collect::<Result<_, _>>()?;
        let data = (0..k)
            .map(|_| reader.scalar("coefficient â_i,j"))
            .collect::<Result<_, _>>()?;
        let communication = reader.scalar("communication secret ζ_i")?;
        reader.finish()?;
        Ok(GuardianSecrets {
            index,
            counts,
            vote,
            data,
            communication,
        })
    }
}
