//! Secret integers modulo q: keys, polynomial coefficients, nonces, key shares.

use super::{Element, FixedBase, ParameterSet, Scalar, SharedBase};
use rand_core::{CryptoRng, RngCore};
use zeroize::Zeroizing;

/// A secret element of Z_q.
///
/// It has no `Debug`, `Clone`, `PartialEq` or serialization, and is zeroized when dropped.
/// Crossing to a public value happens only through the named methods below, each of which
/// produces something the protocol publishes (a commitment g^x, a proof response) or hands
/// the raw value to its owner's secret store ([`SecretScalar::to_secret_bytes`]).
pub struct SecretScalar<P: ParameterSet> {
    inner: Scalar<P>,
}

impl<P: ParameterSet> Drop for SecretScalar<P> {
    /// Wipes the limbs in place before their allocation is freed (`SecretScalar::wipe`):
    /// crypto-bigint's `BoxedUint` is `Zeroize` but does not wipe itself when dropped.
    fn drop(&mut self) {
        self.wipe();
    }
}

impl<P: ParameterSet> SecretScalar<P> {
    /// A uniformly random element of Z_q: 512 random bits reduced modulo q, whose bias is
    /// below 2^-256 for the standard q.
    pub fn random<R: RngCore + CryptoRng>(rng: &mut R) -> Self {
        let mut wide = Zeroizing::new([0u8; 64]);
        rng.fill_bytes(wide.as_mut());
        Self::from_bytes_reduced(wide.as_ref())
    }

    /// Reduces secret big-endian bytes modulo q (used for nonces derived by H_q, equation 33).
    pub fn from_bytes_reduced(bytes: &[u8]) -> Self {
        SecretScalar {
            inner: Scalar::from_bytes_reduced(bytes),
        }
    }

    /// A small secret integer (a vote ℓ), reduced modulo q in constant time.
    pub(crate) fn from_small(value: u64) -> Self {
        SecretScalar {
            inner: Scalar::from_u64(value),
        }
    }

    /// Reads b(x, l_q) as written by [`SecretScalar::to_secret_bytes`], checking 0 ≤ x < q in
    /// constant time: unlike [`Scalar::decode`] for public values, the time taken does not
    /// depend on the secret. Fails with `WrongLength` for any other length and `OutOfRange`
    /// for x ≥ q.
    pub fn decode_ct(bytes: &[u8]) -> Result<Self, super::GroupError> {
        Scalar::decode_ct(bytes).map(|inner| SecretScalar { inner })
    }

    /// The fixed-width encoding b(x, l_q) of the secret, for its owner's secret store only,
    /// written straight into a buffer that is zeroized when dropped.
    pub fn to_secret_bytes(&self) -> Zeroizing<Vec<u8>> {
        let mut out = Zeroizing::new(vec![0u8; P::group().q_bytes()]);
        self.inner.write_be(out.as_mut_slice());
        out
    }

    /// Overwrites the value with zeros in place, in the allocation that holds it. Called when
    /// the secret is dropped; a wiped secret reads as zero.
    pub(crate) fn wipe(&mut self) {
        self.inner.wipe();
    }

    /// The limbs of the value, for tests that check where and how it is wiped.
    #[cfg(test)]
    pub(crate) fn limbs(&self) -> &[crypto_bigint::Word] {
        self.inner.as_uint().as_words()
    }

    /// g^x: the public commitment to this secret.
    pub fn g_pow(&self) -> Element<P> {
        Element::g_pow(&self.inner)
    }

    /// g^(x_i) for each secret, in order, in constant time: [`SecretScalar::g_pow`] of each,
    /// computed together (four at a time on the four-lane path).
    pub fn g_pow_many(secrets: &[&SecretScalar<P>]) -> Vec<Element<P>> {
        let inner: Vec<&Scalar<P>> = secrets.iter().map(|s| &s.inner).collect();
        Element::g_pow_many(&inner)
    }

    /// base^(x_i) for each secret, in order, in constant time from a precomputed table:
    /// [`SecretScalar::pow_fixed`] of each, computed together.
    pub fn pow_fixed_many(secrets: &[&SecretScalar<P>], base: &FixedBase<P>) -> Vec<Element<P>> {
        let inner: Vec<&Scalar<P>> = secrets.iter().map(|s| &s.inner).collect();
        base.pow_many(&inner)
    }

    /// base^x in constant time.
    pub fn pow_of(&self, base: &Element<P>) -> Element<P> {
        base.pow(&self.inner)
    }

    /// base^x in constant time from a precomputed table of the base (K or K̂ when encrypting,
    /// spec Note 3.5): about a sixth of the work of [`SecretScalar::pow_of`]. For the
    /// encryption β = K^(ξ+σ) of a selection σ, pass `nonce.add_public(&Scalar::from_u64(σ))`.
    pub fn pow_fixed(&self, base: &FixedBase<P>) -> Element<P> {
        base.pow(&self.inner)
    }

    /// base^x in constant time from a table shared by several secret exponents of one base
    /// (the aggregate A raised to z_i and u_i, §3.6.3 and §3.6.5). Equal to
    /// [`SecretScalar::pow_of`].
    pub fn pow_shared(&self, base: &SharedBase<P>) -> Element<P> {
        base.pow(&self.inner)
    }

    /// For each set (base, secrets), base^(x_i) for each of its secrets, in order, in constant
    /// time: [`SecretScalar::pow_of`] of each, with each base's work shared by its exponents
    /// (the aggregate A of every tally item raised to each guardian's z_i and u_i, §3.6.3
    /// equation 84, §3.6.5 equation 87). On the four-lane path the exponentiations run four
    /// at a time in lockstep; elsewhere each base gets a [`SharedBase`] shaped for its number
    /// of exponents. The running time depends on the number of sets and of secrets in each,
    /// never on their values.
    pub fn pow_sets(sets: &[(&Element<P>, &[&SecretScalar<P>])]) -> Vec<Vec<Element<P>>> {
        let group = P::group();
        if let Some(engine) = group.lane_engine() {
            let words: Vec<Vec<&[crypto_bigint::Word]>> = sets
                .iter()
                .map(|(_, secrets)| {
                    secrets
                        .iter()
                        .map(|s| s.inner.as_uint().as_words())
                        .collect()
                })
                .collect();
            let lane_sets: Vec<(&super::montgomery::Residue, &[&[crypto_bigint::Word]])> = sets
                .iter()
                .zip(&words)
                .map(|((base, _), exponents)| (base.as_residue(), exponents.as_slice()))
                .collect();
            return engine
                .pow_secret_sets(group.field(), &lane_sets, group.q_bits())
                .into_iter()
                .map(|set| set.into_iter().map(Element::from_residue).collect())
                .collect();
        }
        sets.iter()
            .map(|(base, secrets)| {
                let table = SharedBase::new(base, secrets.len());
                secrets.iter().map(|s| s.pow_shared(&table)).collect()
            })
            .collect()
    }

    /// The Schnorr-style response (u − c·x) mod q, where u = `self` is a one-time commitment
    /// secret and x the witness. The response is published as part of a proof.
    pub fn response(&self, challenge: &Scalar<P>, witness: &SecretScalar<P>) -> Scalar<P> {
        // c·x reveals x to whoever knows c, so it is held as a secret and wiped when dropped.
        let product = witness.mul_public(challenge);
        self.inner.sub(&product.inner)
    }

    /// (self + rhs) mod q.
    pub fn add(&self, rhs: &SecretScalar<P>) -> SecretScalar<P> {
        SecretScalar {
            inner: self.inner.add(&rhs.inner),
        }
    }

    /// (self + rhs) mod q with a public rhs.
    pub fn add_public(&self, rhs: &Scalar<P>) -> SecretScalar<P> {
        SecretScalar {
            inner: self.inner.add(rhs),
        }
    }

    /// (self · rhs) mod q with a public rhs (a Lagrange coefficient or a power of an index).
    pub fn mul_public(&self, rhs: &Scalar<P>) -> SecretScalar<P> {
        SecretScalar {
            inner: self.inner.mul(rhs),
        }
    }

    /// The sum of secrets modulo q.
    pub fn sum<'a>(items: impl IntoIterator<Item = &'a SecretScalar<P>>) -> SecretScalar<P> {
        items.into_iter().fold(
            SecretScalar {
                inner: Scalar::zero(),
            },
            |acc, x| acc.add(x),
        )
    }

    /// Zero, as a starting point for secret sums.
    pub fn zero() -> SecretScalar<P> {
        SecretScalar {
            inner: Scalar::zero(),
        }
    }

    /// An explicit copy. Secrets are not `Clone`, so every duplication is visible in the code.
    pub fn duplicate(&self) -> SecretScalar<P> {
        SecretScalar {
            inner: self.inner.clone(),
        }
    }

    /// Reveals the value. Used only where the protocol publishes it: the selection nonces of a
    /// challenged ballot (§3.6.7), or in tests.
    pub fn reveal(&self) -> Scalar<P> {
        self.inner.clone()
    }
}
