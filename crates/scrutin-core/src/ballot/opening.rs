//! Opening a challenged ballot with its nonces (§3.6.7): deriving the selection and contest
//! data nonces from the decrypted ballot nonce and decrypting with them (equations 109–111),
//! and the verifier's re-encryption check (Verification 13, and 14.A–14.F on the opened
//! values).

use super::codes::{confirmation_code, contest_hash};
use super::data_encryption::{decrypt_contest_data, reencrypt_contest_data};
use super::encrypted::{EncryptedBallot, EncryptedContest};
use super::error::BallotError;
use super::ids::identifier_hash;
use super::nonce::BallotNonce;
use crate::election::{ContestSpec, ElectionContext};
use crate::elgamal::Ciphertext;
use crate::group::{Element, ParameterSet, Scalar};
use crate::hash::HValue;
use crate::step::v2_1::{V13_A, V13_B, V14_A, V14_B, V14_C, V14_D, V14_E, V14_F};
use crate::verify_error::{Location, Reason, Step, VerifyError};

/// An opened option: the encrypted value σ and its published nonce ξ_{i,j} (equation 33).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenedSelection<P: ParameterSet> {
    /// The option index.
    pub index: u32,
    /// σ, the value the ciphertext encrypts (0 for every option of an overvoted contest).
    pub vote: u64,
    /// ξ_{i,j}.
    pub nonce: Scalar<P>,
}

/// Opened contest data: D and its published nonce ξ (equation 64).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenedData<P: ParameterSet> {
    /// D, 32·b_Λ bytes (parse with [`super::ContestData::decode`]).
    pub data: Vec<u8>,
    /// ξ.
    pub nonce: Scalar<P>,
}

/// An opened contest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenedContest<P: ParameterSet> {
    /// The contest index.
    pub index: u32,
    /// The options, in option order.
    pub selections: Vec<OpenedSelection<P>>,
    /// The contest data, when the contest has a data field.
    pub contest_data: Option<OpenedData<P>>,
}

/// A challenged ballot opened with its nonces: what §3.6.7 publishes instead of ξ_B.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenedBallot<P: ParameterSet> {
    /// The contests, in index order.
    pub contests: Vec<OpenedContest<P>>,
}

/// Enc(σ, ξ) = (g^ξ, K^(σ+ξ)) for a published nonce (Verification 13.1–13.2).
fn reencrypt<P: ParameterSet>(key: &Element<P>, vote: u64, nonce: &Scalar<P>) -> Ciphertext<P> {
    Ciphertext {
        alpha: Element::g_pow(nonce),
        beta: key.pow(nonce).mul(&key.pow_u64(vote)),
    }
}

impl<P: ParameterSet> EncryptedBallot<P> {
    /// Opens this ballot with its ballot nonce ξ_B, e.g. as the guardians decrypted it
    /// ([`super::decrypt_ballot_nonce`]) (§3.6.7): derives every ξ_{i,j} (equation 33) and the
    /// contest-data nonces (equation 64), decrypts each selection as K^σ = β · K^(−ξ_{i,j})
    /// (equation 109) with σ searched in 0 … R (time linear in R, which the election's
    /// manifest bounds), and the contest data with β = K̂^ξ
    /// (equations 110–111). The result is what a challenged ballot publishes; ξ_B is not.
    ///
    /// Fails with `NonceMismatch` when a derived nonce does not reproduce α (or C0), i.e. ξ_B
    /// is not this ballot's nonce; `Undecryptable` when σ is not in 0 … R; `UnknownContest`
    /// when the ballot has a contest not in `contests`.
    pub fn open_with_nonce(
        &self,
        ctx: &ElectionContext<P>,
        contests: &[ContestSpec],
        nonce: &BallotNonce,
    ) -> Result<OpenedBallot<P>, BallotError> {
        let hi = identifier_hash(&ctx.extended_hash, &self.id);
        let opened = self
            .contests
            .iter()
            .map(|contest| {
                let spec = contests
                    .iter()
                    .find(|s| s.index == contest.index)
                    .ok_or(BallotError::UnknownContest(contest.index))?;
                open_contest(ctx, &hi, spec, contest, nonce)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(OpenedBallot { contests: opened })
    }

    /// Verification 13 and 14.A–14.F for this ballot opened as `opened` (§3.6.7), against the
    /// contests of its style. Returns the first failure, checking per contest of `opened`:
    ///
    /// - 14.A (`Malformed`): the contest is on the ballot style and on this ballot;
    /// - 14.C / 14.D (`Malformed`): the opened options are exactly 1 … m in order (14.C for
    ///   an option the contest does not have, 14.D for a missing or misordered one);
    /// - 14.E: each σ ≤ R; 14.F: Σσ ≤ L;
    /// - 13.A: C1 = D ⊕ k with the keys from α = g^ξ, β = K̂^ξ (13.4–13.7); the data must be
    ///   opened exactly when the contest has encrypted data;
    /// - 13.B at the contest: χ_i recomputed from α = g^ξ_{i,j}, β = K^(σ+ξ_{i,j}) (13.1–13.3)
    ///   equals the ballot's contest hash;
    ///
    /// then 14.B (`Malformed`): every contest of the style is opened exactly once, and 13.B at
    /// the ballot: H_C = H(H_I; 0x29, χ_1, …, χ_{m_B}, B_C). The ballot's own proofs are
    /// checked separately by [`EncryptedBallot::verify`] (the confirmation code does not
    /// cover them, §3.6.7).
    pub fn verify_opening(
        &self,
        ctx: &ElectionContext<P>,
        contests: &[ContestSpec],
        opened: &OpenedBallot<P>,
    ) -> Result<(), VerifyError> {
        let hi = identifier_hash(&ctx.extended_hash, &self.id);
        let mut hashes: Vec<HValue> = self.contests.iter().map(|c| c.contest_hash).collect();
        for opened_contest in &opened.contests {
            let index = opened_contest.index;
            let at = self.contest_location(index);
            let spec = contests.iter().find(|s| s.index == index);
            let position = self.contests.iter().position(|c| c.index == index);
            let (Some(spec), Some(position)) = (spec, position) else {
                return Err(VerifyError::new(
                    V14_A,
                    at,
                    Reason::Malformed(format!(
                        "contest {index} is not on this ballot or its ballot style"
                    )),
                ));
            };
            let Some(contest) = self.contests.get(position) else {
                continue;
            };
            let recomputed = self.check_opened_contest(ctx, &hi, spec, contest, opened_contest)?;
            if recomputed != contest.contest_hash {
                return Err(VerifyError::new(
                    V13_B,
                    at,
                    Reason::Mismatch("contest hash recomputed from the opened selections"),
                ));
            }
            if let Some(slot) = hashes.get_mut(position) {
                *slot = recomputed;
            }
        }
        for spec in contests {
            let count = opened
                .contests
                .iter()
                .filter(|c| c.index == spec.index)
                .count();
            if count != 1 {
                return Err(VerifyError::new(
                    V14_B,
                    self.contest_location(spec.index),
                    Reason::Malformed(format!(
                        "contest {} is opened {count} times, expected once",
                        spec.index
                    )),
                ));
            }
        }
        if confirmation_code(&hi, &hashes, &self.chaining_field) != self.confirmation_code {
            return Err(VerifyError::new(
                V13_B,
                self.location(),
                Reason::Mismatch("confirmation code H_C recomputed from the opened ballot"),
            ));
        }
        Ok(())
    }

    /// 14.C–14.F and 13.A for one opened contest; returns χ_i recomputed as in 13.3.
    fn check_opened_contest(
        &self,
        ctx: &ElectionContext<P>,
        hi: &HValue,
        spec: &ContestSpec,
        contest: &EncryptedContest<P>,
        opened: &OpenedContest<P>,
    ) -> Result<HValue, VerifyError> {
        let index = contest.index;
        let at = || self.contest_location(index);
        let malformed =
            |step: Step, what: String| VerifyError::new(step, at(), Reason::Malformed(what));
        if let Some(extra) = opened
            .selections
            .iter()
            .find(|s| s.index == 0 || s.index > spec.options)
        {
            return Err(malformed(
                V14_C,
                format!("option {} is not an option of contest {index}", extra.index),
            ));
        }
        let in_order = (1u32..).zip(&opened.selections).all(|(j, s)| s.index == j);
        if opened.selections.len() != spec.options as usize || !in_order {
            return Err(malformed(
                V14_D,
                format!("the opened options are not exactly 1 to {}", spec.options),
            ));
        }
        for selection in &opened.selections {
            if selection.vote > spec.option_limit {
                return Err(VerifyError::new(
                    V14_E,
                    Location::Selection {
                        ballot: Some(self.name.clone()),
                        contest: index,
                        option: selection.index,
                    },
                    Reason::Malformed(format!(
                        "the selection {} exceeds the option limit {}",
                        selection.vote, spec.option_limit
                    )),
                ));
            }
        }
        let total = opened
            .selections
            .iter()
            .fold(0u64, |acc, s| acc.saturating_add(s.vote));
        if total > spec.contest_limit {
            return Err(VerifyError::new(
                V14_F,
                at(),
                Reason::Malformed(format!(
                    "the selections add up to {total}, above the contest limit {}",
                    spec.contest_limit
                )),
            ));
        }
        let data_error = |reason| VerifyError::new(V13_A, at(), reason);
        match (&contest.contest_data, &opened.contest_data) {
            (None, None) => {}
            (Some(_), None) => {
                return Err(data_error(Reason::Malformed(
                    "the contest data is not opened".into(),
                )))
            }
            (None, Some(_)) => {
                return Err(data_error(Reason::Malformed(
                    "contest data is opened for a contest without encrypted data".into(),
                )))
            }
            (Some(encrypted), Some(data)) => {
                let c1 = reencrypt_contest_data(hi, &ctx.data_key, index, &data.nonce, &data.data);
                if c1.as_deref() != Some(encrypted.c1.as_slice()) {
                    return Err(data_error(Reason::Mismatch("C1 recomputed from D")));
                }
            }
        }
        let ciphertexts: Vec<Ciphertext<P>> = opened
            .selections
            .iter()
            .map(|s| reencrypt(&ctx.vote_key, s.vote, &s.nonce))
            .collect();
        Ok(contest_hash(
            hi,
            index,
            &ciphertexts,
            contest.contest_data.as_ref(),
        ))
    }
}

/// Opens one contest (see [`EncryptedBallot::open_with_nonce`]).
fn open_contest<P: ParameterSet>(
    ctx: &ElectionContext<P>,
    hi: &HValue,
    spec: &ContestSpec,
    contest: &EncryptedContest<P>,
    nonce: &BallotNonce,
) -> Result<OpenedContest<P>, BallotError> {
    let index = contest.index;
    let key = &ctx.vote_key;
    let selections = contest
        .selections
        .iter()
        .map(|selection| {
            let xi = nonce.selection_nonce::<P>(hi, index, selection.index);
            let ciphertext = &selection.ciphertext;
            if xi.g_pow() != ciphertext.alpha {
                return Err(BallotError::NonceMismatch {
                    contest: index,
                    option: Some(selection.index),
                });
            }
            // Equation 109: K^σ = β · K^(−ξ); σ is small, at most R if the proofs hold.
            let target = ciphertext.beta.div(&xi.pow_of(key));
            let vote =
                small_log(key, &target, spec.option_limit).ok_or(BallotError::Undecryptable {
                    contest: index,
                    option: selection.index,
                })?;
            Ok(OpenedSelection {
                index: selection.index,
                vote,
                // §3.6.7: the selection nonces of a challenged ballot are published.
                nonce: xi.reveal(),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let contest_data = match &contest.contest_data {
        None => None,
        Some(encrypted) => {
            let xi = nonce.contest_data_nonce::<P>(hi, index);
            if xi.g_pow() != encrypted.c0 {
                return Err(BallotError::NonceMismatch {
                    contest: index,
                    option: None,
                });
            }
            // Equation 110: β = K̂^ξ.
            let beta = xi.pow_of(&ctx.data_key);
            let data = decrypt_contest_data(hi, index, encrypted, &beta).ok_or(
                BallotError::Internal("the contest data has an invalid length"),
            )?;
            Some(OpenedData {
                data: data.to_vec(),
                nonce: xi.reveal(),
            })
        }
    };
    Ok(OpenedContest {
        index,
        selections,
        contest_data,
    })
}

/// The t in 0 … `limit` with base^t = target, by a linear search.
fn small_log<P: ParameterSet>(base: &Element<P>, target: &Element<P>, limit: u64) -> Option<u64> {
    let mut power = Element::one();
    for t in 0..=limit {
        if &power == target {
            return Some(t);
        }
        power = power.mul(base);
    }
    None
}
