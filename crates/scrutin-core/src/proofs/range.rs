//! Disjunctive Chaum–Pedersen range proof that (α, β) encrypts some ℓ ∈ {0, …, R} (§3.3.7,
//! equations 57–61; Verification 6 and 7).

use super::Check;
use crate::elgamal::Ciphertext;
use crate::group::{Element, ParameterSet, PublicBase, Scalar, SecretBase, SecretScalar};
use crate::verify_error::{Reason, VerifyError};
use rand_core::{CryptoRng, RngCore};

/// The proof: challenges c_0..c_R and responses v_0..v_R.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RangeProof<P: ParameterSet> {
    /// c_j for 0 ≤ j ≤ R.
    pub challenges: Vec<Scalar<P>>,
    /// v_j for 0 ≤ j ≤ R.
    pub responses: Vec<Scalar<P>>,
}

/// The commitments (a_j, b_j) for 0 ≤ j ≤ R, in order, as they enter the challenge hash.
pub type Commitments<P> = [(Element<P>, Element<P>)];

/// The commitments of one proof as [`RangeProof::commitments`] returns them.
pub type CommitmentList<P> = Vec<(Element<P>, Element<P>)>;

impl<P: ParameterSet> RangeProof<P> {
    /// Proves that `ciphertext` = Enc(`value`, `nonce`) under `key` with `value` ≤ `limit`.
    /// `challenge` maps the commitments to the overall challenge c (equation 59 or 62).
    ///
    /// Returns `None` if `value` > `limit`: no honest proof exists then.
    pub fn prove<R: RngCore + CryptoRng>(
        rng: &mut R,
        key: &impl SecretBase<P>,
        value: u64,
        limit: u64,
        nonce: &SecretScalar<P>,
        challenge: impl FnOnce(&Commitments<P>) -> Scalar<P>,
    ) -> Option<Self> {
        if value > limit {
            return None;
        }
        let mut randomness = Vec::new();
        let mut fake_challenges = Vec::new();
        let mut commitments = Vec::new();
        for j in 0..=limit {
            let u = SecretScalar::random(rng);
            if j == value {
                // Equation 57: the honest commitment (g^u, K^u).
                commitments.push((u.g_pow(), key.pow_secret(&u)));
                fake_challenges.push(Scalar::zero());
            } else {
                // Equation 58: (g^u, K^t) with t = u + (ℓ − j)·c_j, which makes the response
                // u − c_j·ξ verify against the false claim "encrypts j".
                let c_j = SecretScalar::<P>::random(rng).reveal();
                let shift = signed_small::<P>(value, j).mul(&c_j);
                let t = u.add_public(&shift);
                commitments.push((u.g_pow(), key.pow_secret(&t)));
                fake_challenges.push(c_j);
            }
            randomness.push(u);
        }
        let c = challenge(&commitments);
        // Equation 60: the honest challenge is what the others leave of c.
        let honest = c.sub(&Scalar::sum(fake_challenges.iter()));
        let challenges: Vec<Scalar<P>> = fake_challenges
            .into_iter()
            .enumerate()
            .map(|(j, c_j)| {
                if j as u64 == value {
                    honest.clone()
                } else {
                    c_j
                }
            })
            .collect();
        // Equation 61: v_j = u_j − c_j·ξ.
        let responses = randomness
            .iter()
            .zip(&challenges)
            .map(|(u, c_j)| u.response(c_j, nonce))
            .collect();
        Some(RangeProof {
            challenges,
            responses,
        })
    }

    /// The commitments a_j = g^(v_j) α^(c_j), b_j = K^(w_j) β^(c_j) with w_j = v_j − j·c_j
    /// (steps 6.1–6.2 and 7.3–7.4), or `None` if the proof does not have R + 1 parts.
    pub fn commitments(
        &self,
        key: &impl PublicBase<P>,
        ciphertext: &Ciphertext<P>,
        limit: u64,
    ) -> Option<Vec<(Element<P>, Element<P>)>> {
        Self::commitments_batch(key, &[(self, ciphertext, limit)])
            .pop()
            .flatten()
    }

    /// [`RangeProof::commitments`] of several proofs under one key, in order: the α^(c_j) and
    /// β^(c_j) of all of them go through [`Element::pow_sets_vartime`] together, so that the
    /// four-lane path runs two proofs' α and β side by side.
    pub fn commitments_batch(
        key: &impl PublicBase<P>,
        proofs: &[(&Self, &Ciphertext<P>, u64)],
    ) -> Vec<Option<CommitmentList<P>>> {
        let well_formed: Vec<bool> = proofs
            .iter()
            .map(|(proof, _, limit)| proof.has_parts(*limit))
            .collect();
        // Verification only: every exponent (c_j, v_j, w_j) is published in the record, so the
        // variable-time paths leak nothing. α and β are each raised to all the c_j along one
        // shared chain of squarings.
        let challenges: Vec<Vec<&Scalar<P>>> = proofs
            .iter()
            .map(|(proof, _, _)| proof.challenges.iter().collect())
            .collect();
        let sets: Vec<(&Element<P>, &[&Scalar<P>])> = proofs
            .iter()
            .zip(&challenges)
            .zip(&well_formed)
            .filter(|(_, ok)| **ok)
            .flat_map(|(((_, ciphertext, _), c), _)| {
                [
                    (&ciphertext.alpha, c.as_slice()),
                    (&ciphertext.beta, c.as_slice()),
                ]
            })
            .collect();
        let mut powers = Element::pow_sets_vartime(&sets).into_iter();
        // g^(v_j) and K^(w_j) of all the proofs, in one batch per base.
        let formed = || {
            proofs
                .iter()
                .zip(&well_formed)
                .filter(|(_, ok)| **ok)
                .map(|((proof, _, _), _)| *proof)
        };
        let responses: Vec<&Scalar<P>> = formed().flat_map(|p| p.responses.iter()).collect();
        let key_exponents: Vec<Scalar<P>> = formed()
            .flat_map(|p| {
                p.challenges
                    .iter()
                    .zip(&p.responses)
                    .enumerate()
                    .map(|(j, (c_j, v_j))| v_j.sub(&Scalar::from_u64(j as u64).mul(c_j)))
            })
            .collect();
        let key_refs: Vec<&Scalar<P>> = key_exponents.iter().collect();
        let mut g_powers = Element::g_pow_many_vartime(&responses).into_iter();
        let mut key_powers = key.pow_public_many_vartime(&key_refs).into_iter();
        proofs
            .iter()
            .zip(&well_formed)
            .map(|((proof, _, _), ok)| {
                if !ok {
                    return None;
                }
                let (alpha_powers, beta_powers) = (powers.next()?, powers.next()?);
                let parts = proof.challenges.len();
                let g_part: Vec<Element<P>> = g_powers.by_ref().take(parts).collect();
                let key_part: Vec<Element<P>> = key_powers.by_ref().take(parts).collect();
                // a_j = g^(v_j)·α^(c_j), b_j = K^(w_j)·β^(c_j) (equations 6.1–6.2, 7.3–7.4).
                Some(
                    g_part
                        .iter()
                        .zip(&alpha_powers)
                        .zip(key_part.iter().zip(&beta_powers))
                        .map(|((g_v, alpha_c), (k_w, beta_c))| (g_v.mul(alpha_c), k_w.mul(beta_c)))
                        .collect(),
                )
            })
            .collect()
    }

    /// Whether the proof has the R + 1 challenges and responses of a range 0..=`limit`.
    fn has_parts(&self, limit: u64) -> bool {
        let parts = usize::try_from(limit)
            .ok()
            .and_then(|limit| limit.checked_add(1));
        parts == Some(self.challenges.len()) && parts == Some(self.responses.len())
    }

    /// Verifies the proof (conditions 6.D / 7.D; 6.A–6.C and 7.A–7.C hold by construction of
    /// the decoded [`Element`]s and [`Scalar`]s).
    pub fn verify(
        &self,
        key: &impl PublicBase<P>,
        ciphertext: &Ciphertext<P>,
        limit: u64,
        challenge: impl FnOnce(&Commitments<P>) -> Scalar<P>,
        check: &Check,
    ) -> Result<(), VerifyError> {
        let commitments = self.commitments(key, ciphertext, limit);
        self.verify_commitments(commitments, limit, challenge, check)
    }

    /// The end of [`RangeProof::verify`], given the result of [`RangeProof::commitments`] (or
    /// of [`RangeProof::commitments_batch`]) for this proof: `None` means it has the wrong
    /// number of parts.
    pub fn verify_commitments(
        &self,
        commitments: Option<Vec<(Element<P>, Element<P>)>>,
        limit: u64,
        challenge: impl FnOnce(&Commitments<P>) -> Scalar<P>,
        check: &Check,
    ) -> Result<(), VerifyError> {
        let commitments = commitments.ok_or_else(|| {
            check.fail(Reason::Malformed(format!(
                "range proof has {} challenges and {} responses, expected {}",
                self.challenges.len(),
                self.responses.len(),
                limit.saturating_add(1)
            )))
        })?;
        let c = challenge(&commitments);
        if Scalar::sum(self.challenges.iter()) == c {
            Ok(())
        } else {
            Err(check.fail(Reason::ChallengeSumMismatch))
        }
    }
}

/// (ℓ − j) mod q for small non-negative ℓ and j.
fn signed_small<P: ParameterSet>(value: u64, j: u64) -> Scalar<P> {
    if value >= j {
        Scalar::from_u64(value - j)
    } else {
        Scalar::from_u64(j - value).neg()
    }
}
