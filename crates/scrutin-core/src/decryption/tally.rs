//! Decryption of the tally (§3.6.2–3.6.5) and its verification (Verification 10).

use super::combine::JointDecryption;
use super::hashes::{tally_challenge_input, tally_commitment_input};
use super::messages::CommitmentPair;
use super::quorum::Quorum;
use super::statement::Statement;
use super::DecryptionError;
use crate::dlog::DiscreteLog;
use crate::election::ElectionContext;
use crate::elgamal::Ciphertext;
use crate::group::{Element, FixedBase, ParameterSet, Scalar};
use crate::hash::{h, hq, HValue};
use crate::proofs::{ChaumPedersenProof, Check};
use crate::step::v2_1::{V10_B, V10_C, V11_B, V11_C};
use crate::tally::EncryptedTally;
use crate::verify_error::{Location, Reason, VerifyError};
use std::collections::BTreeMap;

/// One option of the encrypted tally as an item of a decryption batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TallyTarget<P: ParameterSet> {
    /// ind_c(Λ).
    pub contest: u32,
    /// ind_o(λ).
    pub option: u32,
    /// The aggregate (A, B) (equations 79–80).
    pub ciphertext: Ciphertext<P>,
}

impl<P: ParameterSet> TallyTarget<P> {
    /// Every option of `tally`, in increasing (contest, option) order: the batch that decrypts
    /// the whole tally with one message per guardian per round.
    pub fn all(tally: &EncryptedTally<P>) -> Vec<Self> {
        tally
            .iter()
            .map(|(contest, option, ciphertext)| TallyTarget {
                contest,
                option,
                ciphertext: ciphertext.clone(),
            })
            .collect()
    }
}

fn selection(contest: u32, option: u32) -> Location {
    Location::Selection {
        ballot: None,
        contest,
        option,
    }
}

impl<P: ParameterSet> Statement<P> for TallyTarget<P> {
    fn base(&self) -> &Element<P> {
        &self.ciphertext.alpha
    }

    fn joint_key<'c>(&self, ctx: &'c ElectionContext<P>) -> &'c Element<P> {
        &ctx.vote_key
    }

    fn joint_table<'c>(&self, ctx: &'c ElectionContext<P>) -> &'c FixedBase<P> {
        &ctx.vote_table
    }

    fn location(&self) -> Location {
        selection(self.contest, self.option)
    }

    fn check_ciphertext(&self) -> Result<(), Reason> {
        Ok(())
    }

    /// d_i = H(H_E; 0x30, ind_c, ind_o, i, A, B, a_i, b_i, M_i, U) (equation 88).
    fn commitment_hash(
        &self,
        ctx: &ElectionContext<P>,
        guardian: u32,
        pair: &CommitmentPair<P>,
        partial: &Element<P>,
        quorum: &Quorum<P>,
    ) -> HValue {
        let input = tally_commitment_input(
            self.contest,
            self.option,
            guardian,
            &self.ciphertext,
            pair,
            partial,
            quorum,
        );
        h(&ctx.extended_hash, &input)
    }

    /// c = H_q(H_E; 0x31, ind_c, ind_o, A, B, a, b, M) (equation 90).
    fn challenge(
        &self,
        ctx: &ElectionContext<P>,
        pair: &CommitmentPair<P>,
        value: &Element<P>,
    ) -> Scalar<P> {
        tally_challenge(
            ctx,
            self.contest,
            self.option,
            &self.ciphertext,
            pair,
            value,
        )
    }
}

fn tally_challenge<P: ParameterSet>(
    ctx: &ElectionContext<P>,
    contest: u32,
    option: u32,
    ciphertext: &Ciphertext<P>,
    pair: &CommitmentPair<P>,
    value: &Element<P>,
) -> Scalar<P> {
    hq(
        &ctx.extended_hash,
        &tally_challenge_input(contest, option, ciphertext, pair, value),
    )
}

/// The decryption of one option of the tally, as published (§3.6.5, §3.7).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecryptedValue<P: ParameterSet> {
    /// The tally t.
    pub tally: u64,
    /// T = B·M⁻¹ = K^t (equation 82).
    pub value: Element<P>,
    /// M = A^s, combined from the partial decryptions (equations 81, 86).
    pub mask: Element<P>,
    /// The proof (c, v) that M = A^s for the s of K = g^s (equations 87–93).
    pub proof: ChaumPedersenProof<P>,
}

impl<P: ParameterSet> DecryptedValue<P> {
    /// Completes a joint decryption of `target`: T = B·M⁻¹ and t = log_K T by `dlog`.
    pub fn from_joint(
        target: &TallyTarget<P>,
        joint: JointDecryption<P>,
        dlog: &DiscreteLog<P>,
    ) -> Result<Self, DecryptionError> {
        let inverse = joint.value.invert();
        Self::from_joint_inverse(target, joint, &inverse, dlog)
    }

    /// [`Self::from_joint`] given M⁻¹ (`inverse`), so that a whole tally's M can be inverted
    /// at once ([`Element::invert_batch`]).
    fn from_joint_inverse(
        target: &TallyTarget<P>,
        joint: JointDecryption<P>,
        inverse: &Element<P>,
        dlog: &DiscreteLog<P>,
    ) -> Result<Self, DecryptionError> {
        let value = target.ciphertext.beta.mul(inverse);
        let tally = dlog
            .log_vartime(&value)
            .ok_or_else(|| DecryptionError::TallyOutOfRange {
                location: target.location(),
                bound: dlog.bound(),
            })?;
        Ok(DecryptedValue {
            tally,
            value,
            mask: joint.value,
            proof: joint.proof,
        })
    }

    /// Verification 10 for this value of option `option` of contest `contest`, whose aggregate
    /// is `ciphertext`. The published M must be the B·T⁻¹ of step 10.1, because it is the M of
    /// the challenge; a different one fails 10.B. See [`verify_tally_decryption`].
    pub fn verify(
        &self,
        ctx: &ElectionContext<P>,
        contest: u32,
        option: u32,
        ciphertext: &Ciphertext<P>,
    ) -> Result<(), VerifyError> {
        if self.mask.mul(&self.value) != ciphertext.beta {
            return Err(VerifyError::new(
                V10_B,
                selection(contest, option),
                Reason::Mismatch("M = B·T⁻¹"),
            ));
        }
        verify_tally_decryption(
            ctx,
            contest,
            option,
            ciphertext,
            self.tally,
            &self.value,
            &self.proof,
        )
    }
}

/// Verification 10 (§3.6.5): for the aggregate (A, B) of option `option` of contest `contest`,
/// the tally t, the decrypted value T and the proof (c, v):
/// (10.1) M = B·T⁻¹, (10.2) a = g^v·K^c, (10.3) b = A^v·M^c, then
/// (10.B) c = H_q(H_E; 0x31, ind_c, ind_o, A, B, a, b, M) and (10.C) T = K^t.
/// (10.A), v ∈ Z_q, holds for every decoded [`Scalar`].
pub fn verify_tally_decryption<P: ParameterSet>(
    ctx: &ElectionContext<P>,
    contest: u32,
    option: u32,
    ciphertext: &Ciphertext<P>,
    tally: u64,
    value: &Element<P>,
    proof: &ChaumPedersenProof<P>,
) -> Result<(), VerifyError> {
    let mask = ciphertext.beta.div(value);
    let check = Check::new(V10_B, selection(contest, option));
    proof.verify(
        &ctx.vote_key,
        &ciphertext.alpha,
        &mask,
        |a, b| {
            let pair = CommitmentPair {
                a: a.clone(),
                b: b.clone(),
            };
            tally_challenge(ctx, contest, option, ciphertext, &pair, &mask)
        },
        &check,
    )?;
    if ctx.vote_key.pow_u64(tally) != *value {
        return Err(VerifyError::new(
            V10_C,
            selection(contest, option),
            Reason::Mismatch("T = K^t"),
        ));
    }
    Ok(())
}

/// The decrypted tally: per contest index, per option index, its [`DecryptedValue`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecryptedTally<P: ParameterSet> {
    contests: BTreeMap<u32, BTreeMap<u32, DecryptedValue<P>>>,
}

impl<P: ParameterSet> DecryptedTally<P> {
    /// Completes the joint decryptions of a batch of tally targets, in order.
    pub fn from_joint(
        targets: &[TallyTarget<P>],
        joint: Vec<JointDecryption<P>>,
        dlog: &DiscreteLog<P>,
    ) -> Result<Self, DecryptionError> {
        let masks: Vec<Element<P>> = joint.iter().map(|j| j.value.clone()).collect();
        let inverses = Element::invert_batch(&masks);
        let mut contests: BTreeMap<u32, BTreeMap<u32, DecryptedValue<P>>> = BTreeMap::new();
        for ((target, joint), inverse) in targets.iter().zip(joint).zip(&inverses) {
            let value = DecryptedValue::from_joint_inverse(target, joint, inverse, dlog)?;
            contests
                .entry(target.contest)
                .or_default()
                .insert(target.option, value);
        }
        Ok(DecryptedTally { contests })
    }

    /// A decrypted tally as published, from (contest index, option index, value) entries; a
    /// repeated (contest, option) keeps the last.
    pub fn from_published(
        entries: impl IntoIterator<Item = (u32, u32, DecryptedValue<P>)>,
    ) -> Self {
        let mut contests: BTreeMap<u32, BTreeMap<u32, DecryptedValue<P>>> = BTreeMap::new();
        for (contest, option, value) in entries {
            contests.entry(contest).or_default().insert(option, value);
        }
        DecryptedTally { contests }
    }

    /// The decryption of one option.
    pub fn get(&self, contest: u32, option: u32) -> Option<&DecryptedValue<P>> {
        self.contests.get(&contest)?.get(&option)
    }

    /// Every (contest index, option index, value), in increasing (contest, option) order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, u32, &DecryptedValue<P>)> {
        self.contests
            .iter()
            .flat_map(|(c, options)| options.iter().map(move |(o, v)| (*c, *o, v)))
    }

    /// Verification 10 for every option of `encrypted`. An option of `encrypted` missing here
    /// fails 11.C, an option here that `encrypted` lacks fails 11.B (Verification 11, by index).
    pub fn verify(
        &self,
        ctx: &ElectionContext<P>,
        encrypted: &EncryptedTally<P>,
    ) -> Result<(), VerifyError> {
        for (contest, option, ciphertext) in encrypted.iter() {
            let Some(value) = self.get(contest, option) else {
                return Err(VerifyError::new(
                    V11_C,
                    selection(contest, option),
                    Reason::Malformed("the decrypted tally lacks this option".into()),
                ));
            };
            value.verify(ctx, contest, option, ciphertext)?;
        }
        if let Some((contest, option, _)) = self
            .iter()
            .find(|(c, o, _)| encrypted.get(*c, *o).is_none())
        {
            return Err(VerifyError::new(
                V11_B,
                selection(contest, option),
                Reason::Malformed(
                    "the decrypted tally has an option the encrypted tally lacks".into(),
                ),
            ));
        }
        Ok(())
    }
}
