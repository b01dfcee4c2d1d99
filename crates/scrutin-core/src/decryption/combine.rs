//! The administrator's side of a decryption batch: combining the guardians' messages into one
//! Chaum–Pedersen proof per item (§3.6.5 equations 89–93, §3.6.6 equations 100–103), and
//! identifying a guardian whose response is wrong (Note 3.7, equations 94–95).

use super::joint::{collect, combine_round, JointItem};
use super::messages::{CommitmentMessage, ResponseMessage, RevealMessage};
use super::quorum::Quorum;
use super::statement::Statement;
use super::DecryptionError;
use crate::election::ElectionContext;
use crate::group::{Element, ParameterSet, Scalar};
use crate::proofs::ChaumPedersenProof;

/// The combined decryption of one item: M = A^s (or β = C0^ŝ) and the proof (c, v) that it
/// was formed with the secret key of the joint key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JointDecryption<P: ParameterSet> {
    /// M (equation 86) or β (equations 97, 108).
    pub value: Element<P>,
    /// (c, v) with v = Σ v_i (equations 93, 103).
    pub proof: ChaumPedersenProof<P>,
}

/// g^(P(i)) = ∏_{j=1}^{n} ∏_{m=0}^{k−1} K_{j,m}^(i^m) (the inner product of equation 94): the
/// public counterpart of guardian i's key share z_i = P(i), computed from every guardian's
/// published coefficient commitments (`commitments[j−1]` = K_{j,0}, …, K_{j,k−1}; use the
/// K̂_{j,m} for the data key share ẑ_i).
pub fn share_public_key<P: ParameterSet>(
    guardian: u32,
    commitments: &[impl AsRef<[Element<P>]>],
) -> Element<P> {
    // Multiply the commitments of equal degree first, C_m = ∏_j K_{j,m}, then evaluate
    // ∏_m C_m^(i^m) by Horner's rule, which needs only small exponents i.
    let degree = commitments
        .iter()
        .map(|c| c.as_ref().len())
        .max()
        .unwrap_or(0);
    let combined: Vec<Element<P>> = (0..degree)
        .map(|m| Element::product(commitments.iter().filter_map(|c| c.as_ref().get(m))))
        .collect();
    combined.iter().rev().fold(Element::one(), |acc, c_m| {
        acc.pow_u64(u64::from(guardian)).mul(c_m)
    })
}

/// (a, b) = (g^v·K^c, base^v·M^c), the commitments that the joint proof (c, v) of `value`
/// reproduces when it is valid (equations 89–93, 100–103), for every item at once.
///
/// b: four items at a time on the four-lane path, variable time (c, v, the bases and M are all
/// published in the record, and the combiner holds no secret).
///
/// a: g^v and K^c from the constant-time tables of g and of the joint key, which every
/// election context already holds, four exponents at a time (about 0.15 ms each). A
/// variable-time table would first have to be built: about 55 ms for K's w = 8 table, as much
/// as about 370 of these exponentiations (measured on the AVX2 kernel).
fn joint_commitments<P: ParameterSet, S: Statement<P>>(
    ctx: &ElectionContext<P>,
    items: &[(&S, &ChaumPedersenProof<P>, &Element<P>)],
) -> Vec<(Element<P>, Element<P>)> {
    let sets: Vec<Vec<(&Element<P>, &Scalar<P>)>> = items
        .iter()
        .map(|(target, proof, value)| {
            vec![(target.base(), &proof.response), (*value, &proof.challenge)]
        })
        .collect();
    let b_values = Element::multi_pow_many_vartime(&sets);
    let responses: Vec<&Scalar<P>> = items.iter().map(|(_, proof, _)| &proof.response).collect();
    let g_powers = Element::g_pow_many(&responses);
    let key_powers = joint_key_powers(ctx, items);
    g_powers
        .into_iter()
        .zip(key_powers)
        .zip(b_values)
        .map(|((g_v, k_c), b)| (g_v.mul(&k_c), b))
        .collect()
}

/// K^c of every item, K being the joint key of the item's statement (the vote key or the data
/// key): every item of a batch names the same key, whose challenges then go to one call.
fn joint_key_powers<P: ParameterSet, S: Statement<P>>(
    ctx: &ElectionContext<P>,
    items: &[(&S, &ChaumPedersenProof<P>, &Element<P>)],
) -> Vec<Element<P>> {
    let mut out = Vec::with_capacity(items.len());
    for run in items.chunk_by(|x, y| std::ptr::eq(x.0.joint_table(ctx), y.0.joint_table(ctx))) {
        let Some((target, _, _)) = run.first() else {
            continue;
        };
        let challenges: Vec<&Scalar<P>> =
            run.iter().map(|(_, proof, _)| &proof.challenge).collect();
        out.extend(target.joint_table(ctx).pow_many(&challenges));
    }
    out
}

/// Combines the three rounds of messages of one batch.
pub struct Combiner<P: ParameterSet, S: Statement<P>> {
    ctx: ElectionContext<P>,
    quorum: Quorum<P>,
    targets: Vec<S>,
    /// g^(z_i) for each member of U, in the order of U.
    share_keys: Vec<Element<P>>,
}

impl<P: ParameterSet, S: Statement<P>> Combiner<P, S> {
    /// A combiner that identifies bad responses through the guardians' published coefficient
    /// commitments: `commitments` holds, for each guardian 1..=n in order, its k commitments
    /// K_{j,0..k−1} (or K̂_{j,0..k−1} for a data-key batch).
    pub fn new(
        ctx: &ElectionContext<P>,
        quorum: &Quorum<P>,
        targets: Vec<S>,
        commitments: &[impl AsRef<[Element<P>]>],
    ) -> Result<Self, DecryptionError> {
        let n = usize::try_from(ctx.counts.n).unwrap_or(usize::MAX);
        let k = usize::try_from(ctx.counts.k).unwrap_or(usize::MAX);
        if commitments.len() != n || commitments.iter().any(|c| c.as_ref().len() != k) {
            return Err(DecryptionError::MalformedCoefficientCommitments);
        }
        let share_keys = quorum
            .members()
            .iter()
            .map(|i| share_public_key(*i, commitments))
            .collect();
        Ok(Combiner {
            ctx: ctx.clone(),
            quorum: quorum.clone(),
            targets,
            share_keys,
        })
    }

    /// A combiner given the share public keys g^(z_i) of the members of U directly, as
    /// (i, g^(z_i)) pairs in any order.
    pub fn with_share_keys(
        ctx: &ElectionContext<P>,
        quorum: &Quorum<P>,
        targets: Vec<S>,
        share_keys: &[(u32, Element<P>)],
    ) -> Result<Self, DecryptionError> {
        let keys = quorum
            .members()
            .iter()
            .map(|i| {
                share_keys
                    .iter()
                    .find(|(j, _)| j == i)
                    .map(|(_, key)| key.clone())
                    .ok_or(DecryptionError::MalformedCoefficientCommitments)
            })
            .collect::<Result<_, _>>()?;
        Ok(Combiner {
            ctx: ctx.clone(),
            quorum: quorum.clone(),
            targets,
            share_keys: keys,
        })
    }

    /// The items of the batch, in order.
    pub fn targets(&self) -> &[S] {
        &self.targets
    }

    /// Checks every d_j, forms M and c per item, sums the responses into v = Σ v_i and checks
    /// the joint proof (c, v) against the joint key. If an item's proof fails, the check of
    /// Note 3.7 — a_i = (g^(z_i))^(c_i)·g^(v_i) and b_i = A^(v_i)·M_i^(c_i) (equations 94–95) —
    /// names the guardian at fault.
    pub fn combine(
        &self,
        commitments: &[CommitmentMessage<P>],
        reveals: &[RevealMessage<P>],
        responses: &[ResponseMessage<P>],
    ) -> Result<Vec<JointDecryption<P>>, DecryptionError> {
        let items = self.targets.len();
        let commitments = collect(&self.quorum, commitments, items)?;
        let reveals = collect(&self.quorum, reveals, items)?;
        // The d_j are checked before the responses are looked at: a guardian whose reveal does
        // not match its commitment is named even if responses are missing (§3.6.5).
        let joint = combine_round(
            &self.ctx,
            &self.quorum,
            &self.targets,
            &commitments,
            &reveals,
        )?;
        self.finish(joint, &commitments, &reveals, responses)
    }

    /// [`Self::combine`] when this process has already checked every d_j and formed `joint`
    /// from the same round-1 and round-2 messages ([`super::decrypt_in_memory`]): the checks
    /// and M, a, b, c are not repeated.
    #[cfg(any(test, feature = "in-memory-roles"))]
    pub(super) fn combine_joint(
        &self,
        joint: Vec<JointItem<P>>,
        commitments: &[CommitmentMessage<P>],
        reveals: &[RevealMessage<P>],
        responses: &[ResponseMessage<P>],
    ) -> Result<Vec<JointDecryption<P>>, DecryptionError> {
        let items = self.targets.len();
        if joint.len() != items {
            return Err(DecryptionError::StateMismatch("the number of items"));
        }
        let commitments = collect(&self.quorum, commitments, items)?;
        let reveals = collect(&self.quorum, reveals, items)?;
        self.finish(joint, &commitments, &reveals, responses)
    }

    /// Sums the responses and checks each item's joint proof, naming a guardian at fault
    /// through Note 3.7 when one fails (equations 93–95, 103).
    fn finish(
        &self,
        joint: Vec<JointItem<P>>,
        commitments: &[&CommitmentMessage<P>],
        reveals: &[&RevealMessage<P>],
        responses: &[ResponseMessage<P>],
    ) -> Result<Vec<JointDecryption<P>>, DecryptionError> {
        let responses = collect(&self.quorum, responses, self.targets.len())?;
        let shares: Vec<Vec<&Scalar<P>>> = (0..joint.len())
            .map(|item| {
                responses
                    .iter()
                    .filter_map(|m| m.responses.get(item))
                    .collect()
            })
            .collect();
        let proofs: Vec<ChaumPedersenProof<P>> = joint
            .iter()
            .zip(&shares)
            .map(|(joint, shares)| ChaumPedersenProof {
                challenge: joint.challenge.clone(),
                response: Scalar::sum(shares.iter().copied()),
            })
            .collect();
        let items: Vec<(&S, &ChaumPedersenProof<P>, &Element<P>)> = self
            .targets
            .iter()
            .zip(&proofs)
            .zip(&joint)
            .map(|((target, proof), joint)| (target, proof, &joint.value))
            .collect();
        let expected = joint_commitments(&self.ctx, &items);
        joint
            .into_iter()
            .zip(&self.targets)
            .zip(proofs.into_iter().zip(expected))
            .zip(&shares)
            .enumerate()
            .map(|(item, (((joint, target), (proof, expected)), shares))| {
                if expected == (joint.pair.a, joint.pair.b) {
                    return Ok(JointDecryption {
                        value: joint.value,
                        proof,
                    });
                }
                self.identify(item, target, &joint.challenge, commitments, reveals, shares)?;
                Err(DecryptionError::InconsistentKeys {
                    item,
                    location: target.location(),
                })
            })
            .collect()
    }

    /// The check of Note 3.7 for every member of U on one item; the first failure names its
    /// guardian.
    fn identify(
        &self,
        item: usize,
        target: &S,
        challenge: &Scalar<P>,
        commitments: &[&CommitmentMessage<P>],
        reveals: &[&RevealMessage<P>],
        responses: &[&Scalar<P>],
    ) -> Result<(), DecryptionError> {
        let members = self
            .quorum
            .iter()
            .zip(&self.share_keys)
            .zip(commitments)
            .zip(reveals)
            .zip(responses);
        for (((((guardian, w), share_key), committed), revealed), response) in members {
            let bad = || DecryptionError::BadResponse {
                guardian,
                item,
                location: target.location(),
            };
            let partial = &committed.items.get(item).ok_or_else(bad)?.partial;
            let pair = revealed.pairs.get(item).ok_or_else(bad)?;
            // (c_i, v_i) is a Chaum–Pedersen proof for g^(z_i) = g^(P(i)) and M_i = base^(z_i).
            let proof = ChaumPedersenProof {
                challenge: challenge.mul(w),
                response: (*response).clone(),
            };
            let (a, b) = proof.commitments(share_key, target.base(), partial);
            if a != pair.a || b != pair.b {
                return Err(bad());
            }
        }
        Ok(())
    }
}
