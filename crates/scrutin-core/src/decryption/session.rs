//! One guardian's side of a decryption batch (§3.6.3–3.6.7): three rounds, with the one-time
//! secrets u_i held in between.
//!
//! 1. [`DecryptionSession::start`]: compute M_i = A^(z_i), pick u_i, form (a_i, b_i) and send
//!    only the commitment d_i with M_i.
//! 2. [`DecryptionSession::reveal`]: once every member's d_j has arrived, send (a_i, b_i).
//! 3. [`RevealedSession::respond`]: check every d_j, form the joint challenge c and send
//!    v_i = u_i − c·w_i·z_i.
//!
//! Each step consumes the session, so a u_i can answer only one challenge (two responses to
//! different challenges with the same u_i would reveal z_i), and an error drops the session,
//! which halts this guardian as §3.6.5 requires.

use super::joint::{collect, combine_round, JointItem};
use super::messages::{
    CommitmentMessage, CommitmentPair, ItemCommitment, ResponseMessage, RevealMessage,
};
use super::quorum::Quorum;
use super::statement::Statement;
use super::DecryptionError;
use crate::election::ElectionContext;
use crate::group::{Element, ParameterSet, SecretScalar};
use rand_core::{CryptoRng, RngCore};

/// Guardian i after round 1: it has sent its commitments and waits for everyone else's.
///
/// Holds the key share and the secret u_i (zeroized on drop); has no `Debug` or `Clone`.
pub struct DecryptionSession<P: ParameterSet, S: Statement<P>> {
    ctx: ElectionContext<P>,
    guardian: u32,
    share: SecretScalar<P>,
    quorum: Quorum<P>,
    targets: Vec<S>,
    nonces: Vec<SecretScalar<P>>,
    pairs: Vec<CommitmentPair<P>>,
    sent: CommitmentMessage<P>,
}

/// Guardian i after round 2: it has revealed its commitment pairs and waits for everyone
/// else's.
pub struct RevealedSession<P: ParameterSet, S: Statement<P>> {
    inner: DecryptionSession<P, S>,
    commitments: Vec<CommitmentMessage<P>>,
}

impl<P: ParameterSet, S: Statement<P>> DecryptionSession<P, S> {
    /// Round 1 for guardian `guardian` with key share `share` (z_i for tallies, ẑ_i for
    /// contest data and ballot nonces): for every target, M_i = base^(z_i) (equations 84, 96,
    /// 107), (a_i, b_i) = (g^(u_i), base^(u_i)) for a fresh random u_i (equations 87, 98) and
    /// d_i (equations 88, 99). Returns the session and the message for the other guardians.
    ///
    /// Fails if the guardian is not in `quorum` or a target's own proof is invalid (§3.6.6).
    pub fn start<R: RngCore + CryptoRng>(
        rng: &mut R,
        ctx: &ElectionContext<P>,
        guardian: u32,
        share: &SecretScalar<P>,
        quorum: &Quorum<P>,
        targets: Vec<S>,
    ) -> Result<(Self, CommitmentMessage<P>), DecryptionError> {
        let nonces = targets.iter().map(|_| SecretScalar::random(rng)).collect();
        let session = Self::assemble(ctx, guardian, share, quorum, targets, nonces)?;
        let sent = session.sent.clone();
        Ok((session, sent))
    }

    /// Builds the round-1 state from the one-time secrets u_i, one per target: the checks of
    /// [`Self::start`], then M_i, (a_i, b_i) and d_i per target. Shared by [`Self::start`]
    /// (fresh u_i) and [`Self::from_secret_bytes`] (stored u_i), so both give the same message.
    pub(super) fn assemble(
        ctx: &ElectionContext<P>,
        guardian: u32,
        share: &SecretScalar<P>,
        quorum: &Quorum<P>,
        targets: Vec<S>,
        nonces: Vec<SecretScalar<P>>,
    ) -> Result<Self, DecryptionError> {
        check_member(quorum, guardian, targets.len(), nonces.len())?;
        check_targets(&targets)?;
        // M_i = A^(z_i) and b_i = A^(u_i) raise one base to two secrets: computed together.
        let exponents: Vec<[&SecretScalar<P>; 2]> = nonces.iter().map(|u| [share, u]).collect();
        let sets: Vec<(&Element<P>, &[&SecretScalar<P>])> = targets
            .iter()
            .zip(&exponents)
            .map(|(target, pair)| (target.base(), pair.as_slice()))
            .collect();
        let powers = SecretScalar::pow_sets(&sets)
            .into_iter()
            .map(|set| match <[Element<P>; 2]>::try_from(set) {
                Ok([partial, b]) => Ok((partial, b)),
                Err(_) => Err(DecryptionError::StateMismatch("the number of powers")),
            })
            .collect::<Result<Vec<_>, _>>()?;
        Self::from_powers(ctx, guardian, share, quorum, targets, nonces, powers)
    }

    /// The round-1 state from M_i = base^(z_i) and b_i = base^(u_i) already computed for every
    /// target, in batch order (`powers`): a_i = g^(u_i) and d_i follow. The caller has run
    /// [`check_targets`] on `targets`; [`super::decrypt_in_memory`] computes the powers of all
    /// guardians from one table per target.
    pub(super) fn from_powers(
        ctx: &ElectionContext<P>,
        guardian: u32,
        share: &SecretScalar<P>,
        quorum: &Quorum<P>,
        targets: Vec<S>,
        nonces: Vec<SecretScalar<P>>,
        powers: Vec<(Element<P>, Element<P>)>,
    ) -> Result<Self, DecryptionError> {
        check_member(quorum, guardian, targets.len(), nonces.len())?;
        if powers.len() != targets.len() {
            return Err(DecryptionError::StateMismatch("the number of items"));
        }
        let mut pairs = Vec::with_capacity(targets.len());
        let mut items = Vec::with_capacity(targets.len());
        // a_i = g^(u_i) of every target together (four at a time on the four-lane path).
        let nonce_refs: Vec<&SecretScalar<P>> = nonces.iter().collect();
        let a_values = SecretScalar::g_pow_many(&nonce_refs);
        for ((target, a), (partial, b)) in targets.iter().zip(a_values).zip(powers) {
            let pair = CommitmentPair { a, b };
            let commitment = target.commitment_hash(ctx, guardian, &pair, &partial, quorum);
            items.push(ItemCommitment {
                partial,
                commitment,
            });
            pairs.push(pair);
        }
        Ok(DecryptionSession {
            ctx: ctx.clone(),
            guardian,
            share: share.duplicate(),
            quorum: quorum.clone(),
            targets,
            nonces,
            pairs,
            sent: CommitmentMessage { guardian, items },
        })
    }

    /// The message this session sent in round 1.
    #[cfg(any(test, feature = "in-memory-roles"))]
    pub(super) fn sent(&self) -> &CommitmentMessage<P> {
        &self.sent
    }

    /// The one-time secrets u_i, in batch order (for [`Self::to_secret_bytes`]).
    pub(super) fn nonces(&self) -> &[SecretScalar<P>] {
        &self.nonces
    }

    /// The set U this session was started for.
    pub fn quorum(&self) -> &Quorum<P> {
        &self.quorum
    }

    /// The guardian index i.
    pub fn guardian(&self) -> u32 {
        self.guardian
    }

    /// Round 2: given the round-1 messages of all members of U (this guardian's own included,
    /// in any order), reveal (a_i, b_i). The d_j are checked in round 3, once the pairs they
    /// commit to are known.
    pub fn reveal(
        self,
        commitments: &[CommitmentMessage<P>],
    ) -> Result<(RevealedSession<P, S>, RevealMessage<P>), DecryptionError> {
        let ordered = collect(&self.quorum, commitments, self.targets.len())?;
        if !ordered.iter().any(|m| **m == self.sent) {
            return Err(DecryptionError::OwnMessageAltered);
        }
        let commitments = ordered.into_iter().cloned().collect();
        let message = RevealMessage {
            guardian: self.guardian,
            pairs: self.pairs.clone(),
        };
        Ok((
            RevealedSession {
                inner: self,
                commitments,
            },
            message,
        ))
    }
}

impl<P: ParameterSet, S: Statement<P>> RevealedSession<P, S> {
    /// The guardian index i.
    pub fn guardian(&self) -> u32 {
        self.inner.guardian
    }

    /// Round 3: given the round-2 messages of all members of U, check every d_j (naming the
    /// first guardian whose reveal does not match), compute M, (a, b) and c (equations 86,
    /// 89–90 or 97, 100–101), and respond with v_i = u_i − c_i·z_i for c_i = c·w_i
    /// (equations 91–92, 102).
    pub fn respond(
        self,
        reveals: &[RevealMessage<P>],
    ) -> Result<ResponseMessage<P>, DecryptionError> {
        let inner = &self.inner;
        let ordered = self.check_reveals(reveals)?;
        let commitments: Vec<&CommitmentMessage<P>> = self.commitments.iter().collect();
        let joint = combine_round(
            &inner.ctx,
            &inner.quorum,
            &inner.targets,
            &commitments,
            &ordered,
        )?;
        self.answer(&joint)
    }

    /// Round 3 when this process has already checked every d_j and formed `joint` from the
    /// same round-1 and round-2 messages ([`super::decrypt_in_memory`], where all guardians
    /// and the combiner share one process): the d_j checks and M, a, b, c of
    /// [`Self::respond`] are not repeated.
    #[cfg(any(test, feature = "in-memory-roles"))]
    pub(super) fn respond_joint(
        self,
        reveals: &[RevealMessage<P>],
        joint: &[JointItem<P>],
    ) -> Result<ResponseMessage<P>, DecryptionError> {
        self.check_reveals(reveals)?;
        if joint.len() != self.inner.targets.len() {
            return Err(DecryptionError::StateMismatch("the number of items"));
        }
        self.answer(joint)
    }

    /// The round-2 messages in the order of U, once this guardian's own is found unaltered.
    fn check_reveals<'m>(
        &self,
        reveals: &'m [RevealMessage<P>],
    ) -> Result<Vec<&'m RevealMessage<P>>, DecryptionError> {
        let inner = &self.inner;
        let ordered = collect(&inner.quorum, reveals, inner.targets.len())?;
        let own = RevealMessage {
            guardian: inner.guardian,
            pairs: inner.pairs.clone(),
        };
        if !ordered.iter().any(|m| **m == own) {
            return Err(DecryptionError::OwnMessageAltered);
        }
        Ok(ordered)
    }

    /// v_i = u_i − (c·w_i)·z_i for every item (equations 91–92, 102).
    fn answer(self, joint: &[JointItem<P>]) -> Result<ResponseMessage<P>, DecryptionError> {
        let inner = &self.inner;
        let weight = inner
            .quorum
            .coefficient(inner.guardian)
            .ok_or(DecryptionError::NotInQuorum(inner.guardian))?;
        let responses = joint
            .iter()
            .zip(&inner.nonces)
            .map(|(item, nonce)| nonce.response(&item.challenge.mul(weight), &inner.share))
            .collect();
        Ok(ResponseMessage {
            guardian: inner.guardian,
            responses,
        })
    }
}

/// The cheap checks of round 1: the guardian is in U and there is one u_i per target.
fn check_member<P: ParameterSet>(
    quorum: &Quorum<P>,
    guardian: u32,
    targets: usize,
    nonces: usize,
) -> Result<(), DecryptionError> {
    if !quorum.contains(guardian) {
        return Err(DecryptionError::NotInQuorum(guardian));
    }
    if nonces != targets {
        return Err(DecryptionError::StateMismatch("the number of items"));
    }
    Ok(())
}

/// Each target's own proof, checked before anything is decrypted (§3.6.6, §3.6.7).
pub(super) fn check_targets<P: ParameterSet, S: Statement<P>>(
    targets: &[S],
) -> Result<(), DecryptionError> {
    for (item, target) in targets.iter().enumerate() {
        target
            .check_ciphertext()
            .map_err(|_| DecryptionError::InvalidEncryptionProof {
                item,
                location: target.location(),
            })?;
    }
    Ok(())
}
