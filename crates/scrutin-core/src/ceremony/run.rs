//! The whole key ceremony in memory, for demos, benchmarks and tests (cargo feature
//! `in-memory-roles`: one process that generates every guardian's secrets defeats the
//! threshold, so no real election runs this).

use super::{CeremonyError, EncryptedShare, GuardianKeyShare, GuardianPublicKey, GuardianSecrets};
use crate::group::ParameterSet;
use crate::hash::HValue;
use crate::parameters::GuardianCounts;
use rand_core::{CryptoRng, RngCore};

/// The result of [`run_ceremony`]: the public keys in index order, and each guardian's key share.
pub type CeremonyOutcome<P> = (Vec<GuardianPublicKey<P>>, Vec<GuardianKeyShare<P>>);

/// Runs the key ceremony of §3.2.2 for `counts.n` guardians in one process, step by step as
/// separate guardians would: each generates its secrets and public key (equations 7–13); all
/// public keys are verified (Verification 2); each guardian encrypts its shares for every
/// other (equations 15–22); each recipient decrypts and verifies them (equations 23, 28–29)
/// and computes its key share (equation 24).
///
/// Returns the public keys in index order and each guardian's key share. The guardians'
/// ceremony secrets are dropped (and zeroized) on return, as §3.2.2 allows.
pub fn run_ceremony<P: ParameterSet, R: RngCore + CryptoRng>(
    rng: &mut R,
    counts: GuardianCounts,
    parameter_hash: &HValue,
) -> Result<CeremonyOutcome<P>, CeremonyError> {
    let secrets = (1..=counts.n)
        .map(|i| GuardianSecrets::<P>::generate(rng, i, counts))
        .collect::<Result<Vec<_>, _>>()?;
    let public_keys: Vec<GuardianPublicKey<P>> = secrets
        .iter()
        .map(|s| s.public_key(rng, parameter_hash))
        .collect();
    for key in &public_keys {
        key.verify(parameter_hash, counts)?;
    }
    // Every guardian's outgoing shares, as the administrator would relay them.
    let mut shares: Vec<EncryptedShare<P>> = Vec::new();
    for sender in &secrets {
        for recipient in public_keys.iter().filter(|key| key.index != sender.index()) {
            shares.push(sender.encrypt_share_for(rng, parameter_hash, recipient)?);
        }
    }
    let mut key_shares = Vec::with_capacity(secrets.len());
    for recipient in &secrets {
        let mut received = Vec::new();
        for share in shares.iter().filter(|share| share.to == recipient.index()) {
            let sender = public_keys
                .iter()
                .find(|key| key.index == share.from)
                .ok_or(CeremonyError::MissingShare { from: share.from })?;
            received.push(recipient.decrypt_share(parameter_hash, sender, share)?);
        }
        key_shares.push(recipient.key_share(&received)?);
    }
    Ok((public_keys, key_shares))
}
