//! The computations every participant repeats from the public messages: matching messages to
//! the members of U, checking each d_j (equations 88, 99), and forming M, a, b and the joint
//! challenge c (equations 86, 89–90, 97, 100–101).

use super::messages::{CommitmentMessage, CommitmentPair, Message, RevealMessage};
use super::quorum::Quorum;
use super::statement::Statement;
use super::DecryptionError;
use crate::election::ElectionContext;
use crate::group::{Element, ParameterSet, Scalar};

/// One message from each member of U, in the order of U. Rejects senders outside U, repeated
/// senders, silent members and messages whose length is not the batch size.
pub(crate) fn collect<'m, P: ParameterSet, M: Message>(
    quorum: &Quorum<P>,
    messages: &'m [M],
    items: usize,
) -> Result<Vec<&'m M>, DecryptionError> {
    for message in messages {
        if !quorum.contains(message.sender()) {
            return Err(DecryptionError::NotInQuorum(message.sender()));
        }
        if message.entries() != items {
            return Err(DecryptionError::WrongItemCount {
                guardian: message.sender(),
                expected: items,
                found: message.entries(),
            });
        }
    }
    quorum
        .members()
        .iter()
        .map(|&guardian| {
            let mut from = messages.iter().filter(|m| m.sender() == guardian);
            let first = from
                .next()
                .ok_or(DecryptionError::MissingMessage { guardian })?;
            match from.next() {
                Some(_) => Err(DecryptionError::DuplicateGuardian(guardian)),
                None => Ok(first),
            }
        })
        .collect()
}

/// The public values of one item once every commitment is revealed.
pub(crate) struct JointItem<P: ParameterSet> {
    /// M = ∏ M_i^(w_i) (equation 86) or β = ∏ m_i^(w_i) (equations 97, 108).
    pub value: Element<P>,
    /// (a, b) = (∏ a_i, ∏ b_i) (equations 89, 100).
    pub pair: CommitmentPair<P>,
    /// c (equation 90 or 101).
    pub challenge: Scalar<P>,
}

/// The (M_i, w_i) of one item, for each member of U.
type Partials<'m, P> = Vec<(&'m Element<P>, &'m Scalar<P>)>;

/// Checks every d_j against the revealed (a_j, b_j) and M_j, then combines. `commitments` and
/// `reveals` are in the order of U, as [`collect`] returns them, and each has one entry per
/// target.
pub(crate) fn combine_round<P: ParameterSet, S: Statement<P>>(
    ctx: &ElectionContext<P>,
    quorum: &Quorum<P>,
    targets: &[S],
    commitments: &[&CommitmentMessage<P>],
    reveals: &[&RevealMessage<P>],
) -> Result<Vec<JointItem<P>>, DecryptionError> {
    let checked = targets
        .iter()
        .enumerate()
        .map(|(item, target)| {
            let mut partials = Vec::with_capacity(quorum.len());
            let mut a = Element::one();
            let mut b = Element::one();
            for (((guardian, w), committed), revealed) in
                quorum.iter().zip(commitments).zip(reveals)
            {
                let bad = || DecryptionError::BadCommitment {
                    guardian,
                    item,
                    location: target.location(),
                };
                let entry = committed.items.get(item).ok_or_else(bad)?;
                let pair = revealed.pairs.get(item).ok_or_else(bad)?;
                if target.commitment_hash(ctx, guardian, pair, &entry.partial, quorum)
                    != entry.commitment
                {
                    return Err(bad());
                }
                partials.push((&entry.partial, w));
                a = a.mul(&pair.a);
                b = b.mul(&pair.b);
            }
            Ok((partials, CommitmentPair { a, b }))
        })
        .collect::<Result<Vec<_>, DecryptionError>>()?;
    // Every M_i and w_i is public (sent in round 1, equation 85), so M = Π M_i^(w_i) may take
    // the variable-time path: for each item one chain of squarings for all of U (Straus),
    // four items at a time on the four-lane path.
    let (sets, pairs): (Vec<Partials<'_, P>>, Vec<CommitmentPair<P>>) = checked.into_iter().unzip();
    let values = Element::multi_pow_many_vartime(&sets);
    Ok(targets
        .iter()
        .zip(pairs)
        .zip(values)
        .map(|((target, pair), value)| {
            let challenge = target.challenge(ctx, &pair, &value);
            JointItem {
                value,
                pair,
                challenge,
            }
        })
        .collect())
}
