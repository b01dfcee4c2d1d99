//! Ballot encryption: selections with range proofs (§3.3.1, §3.3.7), selection-limit proofs
//! (§3.3.8), contest data (§3.3.10), the encrypted ballot nonce (§3.3.4) and the confirmation
//! code (§3.4).

use super::chain::{ChainState, ChainingField};
use super::challenges::{contest_challenge, selection_challenge};
use super::codes::{confirmation_code, contest_hash};
use super::contest_data::ContestData;
use super::data_encryption::encrypt_contest_data;
use super::encrypted::{BallotSecrets, EncryptedBallot, EncryptedContest, EncryptedSelection};
use super::error::BallotError;
use super::ids::{identifier_hash, BallotId};
use super::nonce::BallotNonce;
use super::nonce_encryption::encrypt_ballot_nonce;
use super::plaintext::{sorted_specs, PlaintextBallot, PlaintextContest};
use crate::election::{ContestSpec, ElectionContext};
use crate::elgamal::Ciphertext;
use crate::group::{ParameterSet, SecretScalar};
use crate::hash::HValue;
use crate::proofs::RangeProof;
use rand_core::{CryptoRng, RngCore};

/// Encrypts `plaintext` for the ballot style whose contests are `contests` (any order; the
/// ballot lists them by index), with a fresh random id_B (§3.3.2) and ballot nonce ξ_B
/// (§3.3.3), the chaining field `chain` gives the next ballot (§3.4.4), and weight 1.
/// Records the new confirmation code in `chain`.
///
/// Returns the ballot and the secrets the device may keep (ξ_B). Fails if the plaintext does
/// not fit the contests ([`BallotError`]); an overvote is not an error but is encrypted as
/// all zeros with the voter's selections recorded in the contest data (§3.3.5).
pub fn encrypt_ballot<P: ParameterSet, R: RngCore + CryptoRng>(
    rng: &mut R,
    ctx: &ElectionContext<P>,
    contests: &[ContestSpec],
    plaintext: &PlaintextBallot,
    chain: &mut ChainState,
) -> Result<(EncryptedBallot<P>, BallotSecrets), BallotError> {
    let id = BallotId::random(rng);
    let nonce = BallotNonce::random(rng);
    let ballot = encrypt_ballot_with(
        rng,
        ctx,
        contests,
        plaintext,
        id,
        &nonce,
        chain.next_field(),
    )?;
    chain.record(ballot.confirmation_code);
    Ok((ballot, BallotSecrets::new(nonce)))
}

/// Encrypts `plaintext` with a given id_B, ballot nonce ξ_B and chaining field B_C; the
/// randomness `rng` supplies goes only into the proofs and the nonce encryption. This is
/// [`encrypt_ballot`] without its choices, for devices that manage ids and chains themselves.
///
/// Every selection j of contest i is Enc(σ, ξ_{i,j}) under K with ξ_{i,j} from equation 33
/// and a range proof 0 … R (challenge of equation 59); each contest gets a range proof 0 … L
/// for the product of its selections with nonce Σ_j ξ_{i,j} (equation 62), its contest data
/// (equations 63–69) when b_Λ > 0, and χ_l (equation 70); then ξ_B is encrypted under K̂
/// (equations 34–38) and H_C computed (equation 71).
pub fn encrypt_ballot_with<P: ParameterSet, R: RngCore + CryptoRng>(
    rng: &mut R,
    ctx: &ElectionContext<P>,
    contests: &[ContestSpec],
    plaintext: &PlaintextBallot,
    id: BallotId,
    nonce: &BallotNonce,
    chaining_field: ChainingField,
) -> Result<EncryptedBallot<P>, BallotError> {
    let specs = sorted_specs(contests)?;
    let choices = plaintext.check(&specs)?;
    let hi = identifier_hash(&ctx.extended_hash, &id);
    let encrypted = specs
        .iter()
        .zip(choices)
        .map(|(spec, choice)| encrypt_contest(rng, ctx, &hi, spec, choice, nonce))
        .collect::<Result<Vec<_>, _>>()?;
    let hashes: Vec<HValue> = encrypted.iter().map(|c| c.contest_hash).collect();
    let encrypted_nonce = encrypt_ballot_nonce(rng, &hi, ctx.data_table.as_ref(), nonce);
    Ok(EncryptedBallot {
        name: plaintext.name.clone(),
        style: plaintext.style.clone(),
        id,
        identifier_hash: hi,
        confirmation_code: confirmation_code(&hi, &hashes, &chaining_field),
        contests: encrypted,
        encrypted_nonce,
        chaining_field,
        weight: 1,
    })
}

/// Encrypts one contest (see [`encrypt_ballot_with`]).
fn encrypt_contest<P: ParameterSet, R: RngCore + CryptoRng>(
    rng: &mut R,
    ctx: &ElectionContext<P>,
    hi: &HValue,
    spec: &ContestSpec,
    choice: &PlaintextContest,
    nonce: &BallotNonce,
) -> Result<EncryptedContest<P>, BallotError> {
    let contest = spec.index;
    let key = ctx.vote_table.as_ref();
    let overvote = choice.is_overvote(spec);
    // §3.3.5: an overvoted contest counts as all options unselected.
    let values: Vec<u64> = if overvote {
        vec![0; choice.selections.len()]
    } else {
        choice.selections.clone()
    };
    let mut nonces = Vec::with_capacity(values.len());
    let mut selections = Vec::with_capacity(values.len());
    for (option, value) in (1u32..).zip(&values) {
        let xi = nonce.selection_nonce::<P>(hi, contest, option);
        let ciphertext = Ciphertext::encrypt(key, *value, &xi);
        let proof = RangeProof::prove(rng, key, *value, spec.option_limit, &xi, |commitments| {
            selection_challenge(hi, contest, option, &ciphertext, commitments)
        })
        .ok_or(BallotError::Internal(
            "a selection exceeds R after overvote handling",
        ))?;
        selections.push(EncryptedSelection {
            index: option,
            ciphertext,
            proof,
        });
        nonces.push(xi);
    }
    let aggregate = Ciphertext::sum(selections.iter().map(|s| &s.ciphertext));
    let aggregate_nonce = SecretScalar::sum(&nonces);
    let total = values.iter().fold(0u64, |acc, v| acc.saturating_add(*v));
    let proof = RangeProof::prove(
        rng,
        key,
        total,
        spec.contest_limit,
        &aggregate_nonce,
        |commitments| contest_challenge(hi, contest, &aggregate, commitments),
    )
    .ok_or(BallotError::Internal(
        "a contest total exceeds L after overvote handling",
    ))?;
    let contest_data = if spec.data_blocks > 0 {
        let record = overvote.then_some(choice.selections.as_slice());
        let data = ContestData::new(record, choice.write_in.as_deref().unwrap_or(""))
            .encode(spec.data_blocks)
            .ok_or(BallotError::Internal("the contest data cannot be encoded"))?;
        let xi = nonce.contest_data_nonce::<P>(hi, contest);
        Some(
            encrypt_contest_data(rng, hi, ctx.data_table.as_ref(), contest, &xi, &data).ok_or(
                BallotError::Internal("the contest data cannot be encrypted"),
            )?,
        )
    } else {
        None
    };
    let contest_hash = contest_hash(
        hi,
        contest,
        selections.iter().map(|s| &s.ciphertext),
        contest_data.as_ref(),
    );
    Ok(EncryptedContest {
        index: contest,
        selections,
        proof,
        contest_data,
        contest_hash,
    })
}
