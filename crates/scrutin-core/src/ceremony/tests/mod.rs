//! Tests of the key ceremony, on `Toy256` (64-bit q, so forged proofs fail with overwhelming
//! probability) and one run on `Standard`.

mod joint;
mod key_share;
mod lagrange;
mod public_key;
mod secret_bytes;
mod shares;
mod standard;

use super::*;
use crate::group::{Element, ParameterSet, Scalar};
use crate::hash::HValue;
use crate::parameters::{parameter_base_hash, GuardianCounts};
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;

pub(super) fn rng(seed: u64) -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(seed)
}

/// n guardians' secrets and verified-by-construction public keys, not yet exchanged.
pub(super) struct Setup<P: ParameterSet> {
    pub counts: GuardianCounts,
    pub hp: HValue,
    pub secrets: Vec<GuardianSecrets<P>>,
    pub keys: Vec<GuardianPublicKey<P>>,
    pub rng: ChaCha20Rng,
}

pub(super) fn setup<P: ParameterSet>(n: u32, k: u32, seed: u64) -> Setup<P> {
    let counts = GuardianCounts::new(n, k).unwrap();
    let hp = parameter_base_hash::<P>(counts);
    let mut rng = rng(seed);
    let secrets: Vec<GuardianSecrets<P>> = (1..=n)
        .map(|i| GuardianSecrets::generate(&mut rng, i, counts).unwrap())
        .collect();
    let keys = secrets
        .iter()
        .map(|s| s.public_key(&mut rng, &hp))
        .collect();
    Setup {
        counts,
        hp,
        secrets,
        keys,
        rng,
    }
}

impl<P: ParameterSet> Setup<P> {
    pub fn secret(&self, i: u32) -> &GuardianSecrets<P> {
        &self.secrets[i as usize - 1]
    }

    pub fn key(&self, i: u32) -> &GuardianPublicKey<P> {
        &self.keys[i as usize - 1]
    }

    pub fn share(&mut self, from: u32, to: u32) -> EncryptedShare<P> {
        let recipient = self.keys[to as usize - 1].clone();
        self.secrets[from as usize - 1]
            .encrypt_share_for(&mut self.rng, &self.hp, &recipient)
            .unwrap()
    }
}

/// An element other than `x` (x·g).
pub(super) fn other<P: ParameterSet>(x: &Element<P>) -> Element<P> {
    x.mul(&Element::generator())
}

/// A scalar other than `x` (x + 1).
pub(super) fn bump<P: ParameterSet>(x: &Scalar<P>) -> Scalar<P> {
    x.add(&Scalar::one())
}
