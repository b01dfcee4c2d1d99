//! Disjunctive Chaum–Pedersen range proof that (α, β) encrypts some ℓ ∈ {0, …, R} (§3.3.7,
//! equations 57–61; Verification 6 and 7).

use super::Check;
use crate::elgamal::Ciphertext;
use crate::group::{Element, ParameterSet, PublicBase, Scalar, SecretBase, SecretScalar};
use crate::verify_error::{Reason, VerifyError};
use rand_core::{CryptoRng, RngCore};
use subtle::{Choice, ConstantTimeEq};

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
        let plan = RangeProofPlan::new(rng, value, limit)?;
        let g_powers = SecretScalar::g_pow_many(&plan.g_exponents());
        let key_powers = key.pow_secret_many(&plan.key_exponents());
        let commitments: CommitmentList<P> = g_powers.into_iter().zip(key_powers).collect();
        Some(plan.finish(&commitments, nonce, challenge))
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

/// The secrets of a range proof drawn before its commitments are computed (equations 57 and
/// 58), so that the exponentiations of many proofs (a whole ballot's) can be done together:
/// [`RangeProofPlan::g_exponents`] and [`RangeProofPlan::key_exponents`] give the exponents of
/// g and K in the commitments (a_j, b_j), and [`RangeProofPlan::finish`] takes the
/// commitments back to make the proof.
///
/// Which part is the honest one depends on the secret value ℓ, so nothing here branches on it
/// or indexes by it: every part draws u_j and c_j, the honest part's c_j is masked to zero,
/// and the honest challenge replaces it by a constant-time selection.
pub(crate) struct RangeProofPlan<P: ParameterSet> {
    /// Set in the part j = ℓ only.
    honest: Vec<Choice>,
    /// u_j: a_j = g^(u_j).
    randomness: Vec<SecretScalar<P>>,
    /// t_j = u_j + (ℓ − j)·c_j: b_j = K^(t_j); t_ℓ = u_ℓ, as the factor ℓ − j is zero there.
    key_exponents: Vec<SecretScalar<P>>,
    /// c_j for j ≠ ℓ, and 0 for j = ℓ.
    fake_challenges: Vec<Scalar<P>>,
}

impl<P: ParameterSet> RangeProofPlan<P> {
    /// Draws the secrets of a proof that some ciphertext encrypts `value` ∈ {0, …, `limit`},
    /// or `None` if `value` > `limit`.
    pub(crate) fn new<R: RngCore + CryptoRng>(rng: &mut R, value: u64, limit: u64) -> Option<Self> {
        if value > limit {
            return None;
        }
        let ell = SecretScalar::<P>::from_small(value);
        let zero = Scalar::zero();
        let parts = usize::try_from(limit).ok()?.checked_add(1)?;
        let mut plan = RangeProofPlan {
            honest: Vec::with_capacity(parts),
            randomness: Vec::with_capacity(parts),
            key_exponents: Vec::with_capacity(parts),
            fake_challenges: Vec::with_capacity(parts),
        };
        for j in 0..=limit {
            let honest = value.ct_eq(&j);
            let u = SecretScalar::random(rng);
            let c_j = Scalar::select_ct(&SecretScalar::<P>::random(rng).reveal(), &zero, honest);
            // Equation 58 (and 57 where c_j = 0): t = u + (ℓ − j)·c_j, which makes the
            // response u − c_j·ξ verify against the claim "encrypts j".
            let shift = ell.add_public(&Scalar::from_u64(j).neg()).mul_public(&c_j);
            plan.key_exponents.push(u.add(&shift));
            plan.randomness.push(u);
            plan.fake_challenges.push(c_j);
            plan.honest.push(honest);
        }
        Some(plan)
    }

    /// R + 1: the number of commitments (a_j, b_j).
    pub(crate) fn parts(&self) -> usize {
        self.randomness.len()
    }

    /// u_0, …, u_R: the exponents of g in a_0, …, a_R.
    pub(crate) fn g_exponents(&self) -> Vec<&SecretScalar<P>> {
        self.randomness.iter().collect()
    }

    /// t_0, …, t_R: the exponents of K in b_0, …, b_R.
    pub(crate) fn key_exponents(&self) -> Vec<&SecretScalar<P>> {
        self.key_exponents.iter().collect()
    }

    /// The proof, given the commitments (g^(u_j), K^(t_j)) in order, the encryption nonce ξ
    /// and the map from commitments to the overall challenge c (equation 59 or 62).
    pub(crate) fn finish(
        self,
        commitments: &Commitments<P>,
        nonce: &SecretScalar<P>,
        challenge: impl FnOnce(&Commitments<P>) -> Scalar<P>,
    ) -> RangeProof<P> {
        let c = challenge(commitments);
        // Equation 60: the honest challenge is what the others leave of c.
        let honest_challenge = c.sub(&Scalar::sum(self.fake_challenges.iter()));
        let challenges: Vec<Scalar<P>> = self
            .fake_challenges
            .iter()
            .zip(&self.honest)
            .map(|(c_j, honest)| Scalar::select_ct(c_j, &honest_challenge, *honest))
            .collect();
        // Equation 61: v_j = u_j − c_j·ξ.
        let responses = self
            .randomness
            .iter()
            .zip(&challenges)
            .map(|(u, c_j)| u.response(c_j, nonce))
            .collect();
        RangeProof {
            challenges,
            responses,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::group::{FixedBase, Standard, Toy64};
    use crate::hash::{hq, HValue, HashInput};
    use crate::step::v2_1::V6_D;
    use crate::verify_error::Location;
    use rand_chacha::rand_core::SeedableRng;
    use rand_chacha::ChaCha20Rng;

    /// A challenge map for these tests: H_q of the commitments under a zero key (the real
    /// ones add the context, equations 59 and 62).
    fn challenge<P: ParameterSet>(commitments: &Commitments<P>) -> Scalar<P> {
        let input = commitments
            .iter()
            .fold(HashInput::new(0x21), |input, (a, b)| {
                input.element(a).element(b)
            });
        hq(&HValue::from_slice(&[0; 32]).unwrap(), &input)
    }

    fn check() -> Check {
        Check::new(V6_D, Location::Election)
    }

    /// A key, a nonce and the encryption of `value` under them.
    fn setup<P: ParameterSet>(
        rng: &mut ChaCha20Rng,
        value: u64,
    ) -> (FixedBase<P>, SecretScalar<P>, Ciphertext<P>) {
        let key = FixedBase::new(&SecretScalar::<P>::random(rng).g_pow());
        let nonce = SecretScalar::random(rng);
        let ciphertext = Ciphertext::encrypt(&key, value, &nonce);
        (key, nonce, ciphertext)
    }

    /// The honest part may be any of the R + 1: each value of each range proves and verifies.
    #[test]
    fn every_value_of_every_range_verifies() {
        let mut rng = ChaCha20Rng::seed_from_u64(61);
        for limit in [1u64, 2, 5] {
            for value in 0..=limit {
                let (key, nonce, ciphertext) = setup::<Toy64>(&mut rng, value);
                let proof =
                    RangeProof::prove(&mut rng, &key, value, limit, &nonce, challenge).unwrap();
                assert_eq!(proof.challenges.len() as u64, limit + 1);
                proof
                    .verify(&key, &ciphertext, limit, challenge, &check())
                    .unwrap_or_else(|e| panic!("value {value} of 0..={limit}: {e}"));
            }
        }
    }

    #[test]
    fn a_value_above_the_limit_has_no_proof() {
        let mut rng = ChaCha20Rng::seed_from_u64(62);
        let (key, nonce, _) = setup::<Toy64>(&mut rng, 3);
        assert!(RangeProof::prove(&mut rng, &key, 3, 2, &nonce, challenge).is_none());
    }

    /// A proof made for the value ℓ does not verify against the encryption of another value.
    #[test]
    fn a_proof_for_another_value_fails_at_the_named_step() {
        let mut rng = ChaCha20Rng::seed_from_u64(63);
        let (key, nonce, _) = setup::<Toy64>(&mut rng, 1);
        let other = Ciphertext::encrypt(&key, 2, &nonce);
        let proof = RangeProof::prove(&mut rng, &key, 1, 2, &nonce, challenge).unwrap();
        let error = proof
            .verify(&key, &other, 2, challenge, &check())
            .unwrap_err();
        assert_eq!(error, check().fail(Reason::ChallengeSumMismatch));
    }

    /// On the standard group (the four-lane path where there is one), the batched
    /// exponentiations of [`RangeProof::prove`] give the commitments that one-by-one
    /// exponentiations of the same plan give.
    #[test]
    fn batched_commitments_equal_one_by_one() {
        let mut rng = ChaCha20Rng::seed_from_u64(64);
        let (key, nonce, ciphertext) = setup::<Standard>(&mut rng, 2);
        let mut seen = Vec::new();
        let proof = RangeProof::prove(
            &mut ChaCha20Rng::seed_from_u64(65),
            &key,
            2,
            3,
            &nonce,
            |c| {
                seen = c.to_vec();
                challenge(c)
            },
        )
        .unwrap();
        let plan =
            RangeProofPlan::<Standard>::new(&mut ChaCha20Rng::seed_from_u64(65), 2, 3).unwrap();
        let one_by_one: CommitmentList<Standard> = plan
            .g_exponents()
            .iter()
            .zip(plan.key_exponents())
            .map(|(u, t)| (u.g_pow(), key.pow_secret(t)))
            .collect();
        assert_eq!(seen, one_by_one);
        proof
            .verify(&key, &ciphertext, 3, challenge, &check())
            .unwrap();
    }
}
