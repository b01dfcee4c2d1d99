//! Tests of verifiable decryption. Secret sharing is simulated here with one random polynomial
//! per guardian and key (§3.2.2), so the tests do not depend on the key ceremony.

mod data;
mod hashes;
mod persist;
mod protocol;
mod standard;
mod tally;

use crate::election::{ContestSpec, ElectionContext};
use crate::elgamal::Ciphertext;
use crate::group::{Element, ParameterSet, Scalar, SecretScalar};
use crate::parameters::GuardianCounts;
use crate::tally::EncryptedTally;
use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};
use std::collections::BTreeMap;

/// Everything the guardians of a simulated ceremony would hold.
pub(super) struct Guardians<P: ParameterSet> {
    pub ctx: ElectionContext<P>,
    /// z_i for i = 1..=n at position i − 1.
    pub vote_shares: Vec<SecretScalar<P>>,
    /// ẑ_i for i = 1..=n at position i − 1.
    pub data_shares: Vec<SecretScalar<P>>,
    /// K_{j,m}: guardian j's commitments at position j − 1.
    pub vote_commitments: Vec<Vec<Element<P>>>,
    /// K̂_{j,m}.
    pub data_commitments: Vec<Vec<Element<P>>>,
}

impl<P: ParameterSet> Guardians<P> {
    /// (i, z_i) for the guardians in `available`.
    pub fn vote(&self, available: &[u32]) -> Vec<(u32, &SecretScalar<P>)> {
        available
            .iter()
            .map(|i| (*i, &self.vote_shares[*i as usize - 1]))
            .collect()
    }

    /// (i, ẑ_i) for the guardians in `available`.
    pub fn data(&self, available: &[u32]) -> Vec<(u32, &SecretScalar<P>)> {
        available
            .iter()
            .map(|i| (*i, &self.data_shares[*i as usize - 1]))
            .collect()
    }
}

/// One key shared among the guardians.
struct SharedKey<P: ParameterSet> {
    shares: Vec<SecretScalar<P>>,
    commitments: Vec<Vec<Element<P>>>,
    joint: Element<P>,
}

/// One key's sharing: every guardian's k random coefficients, their commitments, and the
/// shares z_i = Σ_j P_j(i) (equation 83).
fn share_key<P: ParameterSet>(rng: &mut ChaCha20Rng, n: u32, k: u32) -> SharedKey<P> {
    let polynomials: Vec<Vec<Scalar<P>>> = (0..n)
        .map(|_| {
            (0..k)
                .map(|_| SecretScalar::<P>::random(rng).reveal())
                .collect()
        })
        .collect();
    let commitments: Vec<Vec<Element<P>>> = polynomials
        .iter()
        .map(|poly| poly.iter().map(Element::g_pow).collect())
        .collect();
    let shares = (1..=n)
        .map(|i| {
            let x = Scalar::<P>::from_u64(u64::from(i));
            let z = polynomials.iter().fold(Scalar::zero(), |acc, poly| {
                acc.add(
                    &poly
                        .iter()
                        .rev()
                        .fold(Scalar::zero(), |e, c| e.mul(&x).add(c)),
                )
            });
            SecretScalar::decode_ct(&z.to_bytes()).unwrap()
        })
        .collect();
    let joint = Element::product(commitments.iter().map(|c| &c[0]));
    SharedKey {
        shares,
        commitments,
        joint,
    }
}

pub(super) fn guardians<P: ParameterSet>(seed: u64, n: u32, k: u32) -> Guardians<P> {
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    let vote = share_key::<P>(&mut rng, n, k);
    let data = share_key::<P>(&mut rng, n, k);
    let counts = GuardianCounts::new(n, k).unwrap();
    let ctx = ElectionContext::new(counts, b"test manifest", vote.joint, data.joint);
    Guardians {
        ctx,
        vote_shares: vote.shares,
        data_shares: data.shares,
        vote_commitments: vote.commitments,
        data_commitments: data.commitments,
    }
}

pub(super) fn contests() -> Vec<ContestSpec> {
    vec![
        ContestSpec {
            index: 1,
            options: 3,
            option_limit: 1,
            contest_limit: 1,
            data_blocks: 1,
        },
        ContestSpec {
            index: 4,
            options: 2,
            option_limit: 3,
            contest_limit: 4,
            data_blocks: 2,
        },
    ]
}

/// A tally of `count` random weighted ballots and the expected counts.
pub(super) fn random_tally<P: ParameterSet>(
    rng: &mut ChaCha20Rng,
    ctx: &ElectionContext<P>,
    count: usize,
) -> (EncryptedTally<P>, BTreeMap<(u32, u32), u64>) {
    let specs = contests();
    let mut tally = EncryptedTally::new(&specs).unwrap();
    let mut expected = BTreeMap::new();
    for (contest, option, _) in tally.clone().iter() {
        expected.insert((contest, option), 0);
    }
    for _ in 0..count {
        let weight = 1 + rng.next_u64() % 2;
        for spec in &specs {
            for option in 1..=spec.options {
                let vote = rng.next_u64() % (spec.option_limit + 1);
                let nonce = SecretScalar::random(rng);
                let ct = Ciphertext::encrypt(&ctx.vote_key, vote, &nonce);
                tally.add(spec.index, option, &ct, weight).unwrap();
                *expected.get_mut(&(spec.index, option)).unwrap() += vote * weight;
            }
        }
    }
    (tally, expected)
}

/// All subsets of {1..=n} of size `size`, in lexicographic order.
pub(super) fn subsets(n: u32, size: usize) -> Vec<Vec<u32>> {
    (0u32..1 << n)
        .filter(|mask| mask.count_ones() as usize == size)
        .map(|mask| (1..=n).filter(|i| mask & (1 << (i - 1)) != 0).collect())
        .collect()
}
