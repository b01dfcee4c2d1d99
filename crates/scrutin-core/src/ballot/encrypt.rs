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
use crate::group::{Element, ParameterSet, Scalar, SecretBase, SecretScalar};
use crate::hash::HValue;
use crate::hashed_elgamal::HashedCiphertext;
use crate::proofs::RangeProofPlan;
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
    let plans = specs
        .iter()
        .zip(choices)
        .map(|(spec, choice)| ContestPlan::new(rng, ctx, &hi, spec, choice, nonce))
        .collect::<Result<Vec<_>, _>>()?;
    // Every exponentiation of g and of K in the ballot's ciphertexts and range proofs, computed
    // together (four at a time on the four-lane path): nothing in them waits for a challenge.
    let g_exponents: Vec<&SecretScalar<P>> =
        plans.iter().flat_map(ContestPlan::g_exponents).collect();
    let key_exponents: Vec<&SecretScalar<P>> =
        plans.iter().flat_map(ContestPlan::key_exponents).collect();
    let mut powers = Powers {
        g: SecretScalar::g_pow_many(&g_exponents).into_iter(),
        key: ctx
            .vote_table
            .as_ref()
            .pow_secret_many(&key_exponents)
            .into_iter(),
    };
    let encrypted = plans
        .into_iter()
        .map(|plan| plan.finish(&hi, &mut powers))
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

/// Pairs (g^x, K^y): a ciphertext (α, β) or a commitment (a_j, b_j).
type PowerPairs<P> = Vec<(Element<P>, Element<P>)>;

/// The powers of g and K computed for a ballot, taken in the order their exponents were
/// listed.
struct Powers<P: ParameterSet> {
    g: std::vec::IntoIter<Element<P>>,
    key: std::vec::IntoIter<Element<P>>,
}

impl<P: ParameterSet> Powers<P> {
    /// The next `count` pairs (g^(x_i), K^(y_i)).
    fn take(&mut self, count: usize) -> Result<PowerPairs<P>, BallotError> {
        let pairs: Vec<_> = self.g.by_ref().zip(self.key.by_ref()).take(count).collect();
        if pairs.len() == count {
            Ok(pairs)
        } else {
            Err(BallotError::Internal("fewer powers than exponents"))
        }
    }
}

/// One contest's secrets and the parts of its encryption that need no exponentiation, drawn
/// before the ballot's exponentiations are done together (see [`encrypt_ballot_with`]).
struct ContestPlan<P: ParameterSet> {
    contest: u32,
    /// ξ_(i,j) (equation 33): α_j = g^(ξ_(i,j)).
    nonces: Vec<SecretScalar<P>>,
    /// ξ_(i,j) + σ_j: β_j = K^(ξ_(i,j) + σ_j).
    beta_exponents: Vec<SecretScalar<P>>,
    /// The range proof 0 … R of each selection.
    selection_proofs: Vec<RangeProofPlan<P>>,
    /// The range proof 0 … L of the contest total, with nonce Σ_j ξ_(i,j) (equation 62).
    total_proof: RangeProofPlan<P>,
    aggregate_nonce: SecretScalar<P>,
    contest_data: Option<HashedCiphertext<P>>,
}

impl<P: ParameterSet> ContestPlan<P> {
    /// Draws the contest's nonces and proof secrets and encrypts its contest data (see
    /// [`encrypt_ballot_with`]).
    fn new<R: RngCore + CryptoRng>(
        rng: &mut R,
        ctx: &ElectionContext<P>,
        hi: &HValue,
        spec: &ContestSpec,
        choice: &PlaintextContest,
        nonce: &BallotNonce,
    ) -> Result<Self, BallotError> {
        let contest = spec.index;
        let overvote = choice.is_overvote(spec);
        // §3.3.5: an overvoted contest counts as all options unselected.
        let values: Vec<u64> = if overvote {
            vec![0; choice.selections.len()]
        } else {
            choice.selections.clone()
        };
        let nonces: Vec<SecretScalar<P>> = (1u32..)
            .zip(&values)
            .map(|(option, _)| nonce.selection_nonce::<P>(hi, contest, option))
            .collect();
        let beta_exponents = nonces
            .iter()
            .zip(&values)
            .map(|(xi, value)| xi.add_public(&Scalar::from_u64(*value)))
            .collect();
        let selection_proofs = values
            .iter()
            .map(|value| RangeProofPlan::new(rng, *value, spec.option_limit))
            .collect::<Option<Vec<_>>>()
            .ok_or(BallotError::Internal(
                "a selection exceeds R after overvote handling",
            ))?;
        let total = values.iter().fold(0u64, |acc, v| acc.saturating_add(*v));
        let total_proof = RangeProofPlan::new(rng, total, spec.contest_limit).ok_or(
            BallotError::Internal("a contest total exceeds L after overvote handling"),
        )?;
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
        Ok(ContestPlan {
            contest,
            aggregate_nonce: SecretScalar::sum(&nonces),
            nonces,
            beta_exponents,
            selection_proofs,
            total_proof,
            contest_data,
        })
    }

    /// The exponents of g, in the order [`ContestPlan::finish`] takes their powers: the α_j,
    /// then each selection proof's, then the total proof's.
    fn g_exponents(&self) -> Vec<&SecretScalar<P>> {
        let proofs = self.selection_proofs.iter().chain([&self.total_proof]);
        self.nonces
            .iter()
            .chain(proofs.flat_map(RangeProofPlan::g_exponents))
            .collect()
    }

    /// The exponents of K, in the same order as [`ContestPlan::g_exponents`].
    fn key_exponents(&self) -> Vec<&SecretScalar<P>> {
        let proofs = self.selection_proofs.iter().chain([&self.total_proof]);
        self.beta_exponents
            .iter()
            .chain(proofs.flat_map(RangeProofPlan::key_exponents))
            .collect()
    }

    /// The encrypted contest, from the powers of its exponents: the selections' ciphertexts
    /// and range proofs (challenge of equation 59), the total's range proof (equation 62) and
    /// χ_l (equation 70).
    fn finish(
        self,
        hi: &HValue,
        powers: &mut Powers<P>,
    ) -> Result<EncryptedContest<P>, BallotError> {
        let contest = self.contest;
        let ciphertexts: Vec<Ciphertext<P>> = powers
            .take(self.nonces.len())?
            .into_iter()
            .map(|(alpha, beta)| Ciphertext { alpha, beta })
            .collect();
        let mut selections = Vec::with_capacity(ciphertexts.len());
        for ((option, ciphertext), (plan, xi)) in (1u32..)
            .zip(ciphertexts)
            .zip(self.selection_proofs.into_iter().zip(&self.nonces))
        {
            let commitments = powers.take(plan.parts())?;
            let proof = plan.finish(&commitments, xi, |commitments| {
                selection_challenge(hi, contest, option, &ciphertext, commitments)
            });
            selections.push(EncryptedSelection {
                index: option,
                ciphertext,
                proof,
            });
        }
        let aggregate = Ciphertext::sum(selections.iter().map(|s| &s.ciphertext));
        let commitments = powers.take(self.total_proof.parts())?;
        let proof = self
            .total_proof
            .finish(&commitments, &self.aggregate_nonce, |commitments| {
                contest_challenge(hi, contest, &aggregate, commitments)
            });
        let contest_hash = contest_hash(
            hi,
            contest,
            selections.iter().map(|s| &s.ciphertext),
            self.contest_data.as_ref(),
        );
        Ok(EncryptedContest {
            index: contest,
            selections,
            proof,
            contest_data: self.contest_data,
            contest_hash,
        })
    }
}
