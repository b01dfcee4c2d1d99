//! Tests of ballot encryption, verification, chaining and opening, on `Toy256` (64-bit q, so
//! forged proofs fail with overwhelming probability) and one ballot on `Standard`.

mod chain;
mod contest_data;
mod encrypt;
mod known_answers;
mod opening;
mod overvote;
mod standard;
mod tamper;

use super::*;
use crate::election::{ContestSpec, ElectionContext};
use crate::elgamal::Ciphertext;
use crate::group::{Element, ParameterSet, Scalar, SecretScalar, Toy256};
use crate::parameters::GuardianCounts;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;

pub(super) fn rng(seed: u64) -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(seed)
}

/// An election with a single key holder for each key, so tests can decrypt directly.
pub(super) struct Election<P: ParameterSet> {
    pub ctx: ElectionContext<P>,
    pub vote_secret: SecretScalar<P>,
    pub data_secret: SecretScalar<P>,
}

pub(super) fn election<P: ParameterSet>(rng: &mut ChaCha20Rng) -> Election<P> {
    let vote_secret = SecretScalar::random(rng);
    let data_secret = SecretScalar::random(rng);
    let ctx = ElectionContext::new(
        GuardianCounts::new(1, 1).unwrap(),
        b"{\"label\":\"ballot tests\"}",
        vote_secret.g_pow(),
        data_secret.g_pow(),
    );
    Election {
        ctx,
        vote_secret,
        data_secret,
    }
}

impl<P: ParameterSet> Election<P> {
    /// K^σ = β / α^s, then σ by search up to `limit`.
    pub fn decrypt(&self, ciphertext: &Ciphertext<P>, limit: u64) -> u64 {
        let target = ciphertext
            .beta
            .div(&self.vote_secret.pow_of(&ciphertext.alpha));
        (0..=limit)
            .find(|t| self.ctx.vote_key.pow_u64(*t) == target)
            .expect("the value is within the limit")
    }

    /// β = C0^ŝ, as the guardians would combine it.
    pub fn data_beta(&self, c0: &Element<P>) -> Element<P> {
        self.data_secret.pow_of(c0)
    }
}

pub(super) fn spec(index: u32, options: u32, r: u64, l: u64, blocks: u32) -> ContestSpec {
    ContestSpec {
        index,
        options,
        option_limit: r,
        contest_limit: l,
        data_blocks: blocks,
    }
}

/// The ballot style of most tests: a 1-of-3 contest, a cumulative contest (R = 3, L = 5) and
/// a 1-of-2 contest with two blocks of contest data. Listed out of index order on purpose.
pub(super) fn specs() -> Vec<ContestSpec> {
    vec![
        spec(3, 2, 1, 1, 2),
        spec(1, 3, 1, 1, 0),
        spec(2, 4, 3, 5, 0),
    ]
}

pub(super) fn device() -> DeviceInfo {
    DeviceInfo {
        device: "device-1".into(),
        info: "precinct 7, device 1".into(),
    }
}

/// A random valid plaintext for `specs`: at most L in total, at most R per option.
pub(super) fn random_plaintext(
    rng: &mut ChaCha20Rng,
    name: &str,
    specs: &[ContestSpec],
) -> PlaintextBallot {
    let mut ballot = PlaintextBallot {
        name: name.into(),
        style: "style-1".into(),
        ..Default::default()
    };
    for spec in specs {
        let mut selections = vec![0u64; spec.options as usize];
        let mut left = spec.contest_limit;
        for slot in selections.iter_mut() {
            let most = left.min(spec.option_limit);
            *slot = rng.next_u64() % (most + 1);
            left -= *slot;
        }
        let write_in = (spec.data_blocks > 0).then(|| format!("write-in {}", rng.next_u32()));
        ballot.contests.insert(
            spec.index,
            PlaintextContest {
                selections,
                write_in,
            },
        );
    }
    ballot
}

/// Encrypts one ballot with no chaining.
pub(super) fn encrypt_one<P: ParameterSet>(
    rng: &mut ChaCha20Rng,
    election: &Election<P>,
    specs: &[ContestSpec],
    plaintext: &PlaintextBallot,
) -> (EncryptedBallot<P>, BallotSecrets) {
    let mut chain = ChainState::new(
        &election.ctx.extended_hash,
        &device(),
        ChainingMode::NoChaining,
    );
    encrypt_ballot(rng, &election.ctx, specs, plaintext, &mut chain).unwrap()
}

/// A Toy256 election and one encrypted random ballot of [`specs`].
pub(super) fn toy_ballot(
    seed: u64,
) -> (
    Election<Toy256>,
    PlaintextBallot,
    EncryptedBallot<Toy256>,
    BallotSecrets,
) {
    let mut rng = rng(seed);
    let election = election::<Toy256>(&mut rng);
    let plaintext = random_plaintext(&mut rng, "ballot-1", &specs());
    let (ballot, secrets) = encrypt_one(&mut rng, &election, &specs(), &plaintext);
    (election, plaintext, ballot, secrets)
}

/// An element other than `x` (x·g).
pub(super) fn other<P: ParameterSet>(x: &Element<P>) -> Element<P> {
    x.mul(&Element::generator())
}

/// A scalar other than `x` (x + 1).
pub(super) fn bump<P: ParameterSet>(x: &Scalar<P>) -> Scalar<P> {
    x.add(&Scalar::one())
}
