//! All guardians' rounds in one process, for tests, demonstrations and single-machine
//! ceremonies. It runs the same steps as a distributed decryption; only the transport is gone.

use super::combine::{Combiner, JointDecryption};
use super::quorum::Quorum;
use super::session::DecryptionSession;
use super::statement::Statement;
use super::DecryptionError;
use crate::election::ElectionContext;
use crate::group::{Element, ParameterSet, SecretScalar};
use rand_core::{CryptoRng, RngCore};

/// Runs rounds 1–3 for every guardian in `shares` (its index and key share) over `targets`
/// and combines the result (§3.6.3–3.6.6). The guardians in `shares` form U.
pub fn decrypt_in_memory<P: ParameterSet, S: Statement<P>, R: RngCore + CryptoRng>(
    rng: &mut R,
    ctx: &ElectionContext<P>,
    targets: Vec<S>,
    shares: &[(u32, &SecretScalar<P>)],
) -> Result<Vec<JointDecryption<P>>, DecryptionError> {
    let indices: Vec<u32> = shares.iter().map(|(i, _)| *i).collect();
    let quorum = Quorum::new(ctx.counts, &indices)?;
    let mut sessions = Vec::with_capacity(shares.len());
    let mut commitments = Vec::with_capacity(shares.len());
    for (guardian, share) in shares {
        let (session, message) =
            DecryptionSession::start(rng, ctx, *guardian, share, &quorum, targets.clone())?;
        sessions.push(session);
        commitments.push(message);
    }
    let mut revealed = Vec::with_capacity(shares.len());
    let mut reveals = Vec::with_capacity(shares.len());
    for session in sessions {
        let (session, message) = session.reveal(&commitments)?;
        revealed.push(session);
        reveals.push(message);
    }
    let responses = revealed
        .into_iter()
        .map(|s| s.respond(&reveals))
        .collect::<Result<Vec<_>, _>>()?;
    let share_keys: Vec<(u32, Element<P>)> = shares.iter().map(|(i, z)| (*i, z.g_pow())).collect();
    Combiner::with_share_keys(ctx, &quorum, targets, &share_keys)?.combine(
        &commitments,
        &reveals,
        &responses,
    )
}
