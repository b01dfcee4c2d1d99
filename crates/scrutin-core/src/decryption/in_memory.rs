//! All guardians' rounds in one process, for tests, demonstrations and benchmarks (cargo
//! feature `in-memory-roles`: a process that holds a quorum of key shares defeats the
//! threshold, so no real election runs this). It runs the same steps as a distributed
//! decryption and sends the same messages; only the transport is gone, and with it the need
//! to compute twice what every participant would compute for itself: the targets' proofs are
//! checked once, each target's base gets one table for every guardian's z_i and u_i, and the
//! d_j checks and M, a, b, c of round 3 are formed once for all guardians and the combiner.

use super::combine::{Combiner, JointDecryption};
use super::data::{DataDecryption, DataTarget};
use super::joint::{collect, combine_round};
use super::quorum::Quorum;
use super::session::{check_targets, DecryptionSession};
use super::statement::Statement;
use super::tally::{DecryptedTally, TallyTarget};
use super::DecryptionError;
use crate::dlog::DiscreteLog;
use crate::election::ElectionContext;
use crate::group::{Element, ParameterSet, SecretScalar};
use crate::tally::EncryptedTally;
use rand_core::{CryptoRng, RngCore};

/// Runs rounds 1–3 for every guardian in `shares` (its index and key share) over `targets`
/// and combines the result (§3.6.3–3.6.6). The guardians in `shares` form U.
///
/// The u_i are drawn as [`DecryptionSession::start`] draws them, guardian by guardian in the
/// order of `shares`, so the messages and the result are those of running each guardian's
/// session on its own with the same random source.
pub fn decrypt_in_memory<P: ParameterSet, S: Statement<P>, R: RngCore + CryptoRng>(
    rng: &mut R,
    ctx: &ElectionContext<P>,
    targets: Vec<S>,
    shares: &[(u32, &SecretScalar<P>)],
) -> Result<Vec<JointDecryption<P>>, DecryptionError> {
    let indices: Vec<u32> = shares.iter().map(|(i, _)| *i).collect();
    let quorum = Quorum::new(ctx.counts, &indices)?;
    let nonces: Vec<Vec<SecretScalar<P>>> = shares
        .iter()
        .map(|_| targets.iter().map(|_| SecretScalar::random(rng)).collect())
        .collect();
    check_targets(&targets)?;
    let powers = round_one_powers(&targets, shares, &nonces)?;
    let mut sessions = Vec::with_capacity(shares.len());
    let mut commitments = Vec::with_capacity(shares.len());
    for (((guardian, share), nonces), powers) in shares.iter().zip(nonces).zip(powers) {
        let session = DecryptionSession::from_powers(
            ctx,
            *guardian,
            share,
            &quorum,
            targets.clone(),
            nonces,
            powers,
        )?;
        commitments.push(session.sent().clone());
        sessions.push(session);
    }
    let mut revealed = Vec::with_capacity(shares.len());
    let mut reveals = Vec::with_capacity(shares.len());
    for session in sessions {
        let (session, message) = session.reveal(&commitments)?;
        revealed.push(session);
        reveals.push(message);
    }
    let joint = {
        let ordered_commitments = collect(&quorum, &commitments, targets.len())?;
        let ordered_reveals = collect(&quorum, &reveals, targets.len())?;
        combine_round(
            ctx,
            &quorum,
            &targets,
            &ordered_commitments,
            &ordered_reveals,
        )?
    };
    let responses = revealed
        .into_iter()
        .map(|s| s.respond_joint(&reveals, &joint))
        .collect::<Result<Vec<_>, _>>()?;
    let share_keys: Vec<(u32, Element<P>)> = shares.iter().map(|(i, z)| (*i, z.g_pow())).collect();
    Combiner::with_share_keys(ctx, &quorum, targets, &share_keys)?.combine_joint(
        joint,
        &commitments,
        &reveals,
        &responses,
    )
}

/// (M_i, b_i) of one guardian for every target, in batch order.
type Powers<P> = Vec<(Element<P>, Element<P>)>;

/// (M_i, b_i) = (A^(z_i), A^(u_i)) for every guardian (outer, in the order of `shares`) and
/// target (inner), each target's base shared by all 2·|U| secret exponents and raised to them
/// together ([`SecretScalar::pow_sets`]; equations 84, 87).
fn round_one_powers<P: ParameterSet, S: Statement<P>>(
    targets: &[S],
    shares: &[(u32, &SecretScalar<P>)],
    nonces: &[Vec<SecretScalar<P>>],
) -> Result<Vec<Powers<P>>, DecryptionError> {
    // Per target: z_1, u_1, z_2, u_2, … in the order of `shares`.
    let exponents = (0..targets.len())
        .map(|item| {
            let mut list = Vec::with_capacity(2 * shares.len());
            for ((_, share), nonces) in shares.iter().zip(nonces) {
                let nonce = nonces
                    .get(item)
                    .ok_or(DecryptionError::StateMismatch("the number of items"))?;
                list.push(*share);
                list.push(nonce);
            }
            Ok(list)
        })
        .collect::<Result<Vec<Vec<&SecretScalar<P>>>, DecryptionError>>()?;
    let sets: Vec<(&Element<P>, &[&SecretScalar<P>])> = targets
        .iter()
        .zip(&exponents)
        .map(|(target, list)| (target.base(), list.as_slice()))
        .collect();
    let mut powers: Vec<Powers<P>> = shares
        .iter()
        .map(|_| Vec::with_capacity(targets.len()))
        .collect();
    for set in SecretScalar::pow_sets(&sets) {
        let mut values = set.into_iter();
        for out in &mut powers {
            match (values.next(), values.next()) {
                (Some(partial), Some(b)) => out.push((partial, b)),
                _ => return Err(DecryptionError::StateMismatch("the number of powers")),
            }
        }
    }
    Ok(powers)
}

/// Decrypts a whole tally in memory, given the key shares z_i of the available guardians
/// (at least k of them; §3.6.3–3.6.5): each guardian runs its real three rounds
/// ([`super::DecryptionSession`]), the results are combined ([`super::Combiner`], with share
/// public keys g^(z_i) taken from the shares themselves) and t is found with `dlog`, which
/// must be a solver for the base K with a bound at least the largest possible tally.
pub fn decrypt_tally<P: ParameterSet, R: RngCore + CryptoRng>(
    rng: &mut R,
    ctx: &ElectionContext<P>,
    tally: &EncryptedTally<P>,
    available_shares: &[(u32, &SecretScalar<P>)],
    dlog: &DiscreteLog<P>,
) -> Result<DecryptedTally<P>, DecryptionError> {
    if dlog.base() != &ctx.vote_key {
        return Err(DecryptionError::WrongDiscreteLogBase);
    }
    let targets = TallyTarget::all(tally);
    let joint = decrypt_in_memory(rng, ctx, targets.clone(), available_shares)?;
    DecryptedTally::from_joint(&targets, joint, dlog)
}

/// Decrypts hashed-ElGamal ciphertexts in memory, given the data key shares ẑ_i of the
/// available guardians (at least k), by running each guardian's real rounds and combining
/// them (§3.6.6–3.6.7). Fails before any decryption if a ciphertext's proof C2 is invalid.
pub fn decrypt_data<P: ParameterSet, R: RngCore + CryptoRng>(
    rng: &mut R,
    ctx: &ElectionContext<P>,
    targets: &[DataTarget<P>],
    available_data_shares: &[(u32, &SecretScalar<P>)],
) -> Result<Vec<DataDecryption<P>>, DecryptionError> {
    let joint = decrypt_in_memory(rng, ctx, targets.to_vec(), available_data_shares)?;
    Ok(joint.into_iter().map(DataDecryption::from_joint).collect())
}
