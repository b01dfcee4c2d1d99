//! Exponential ElGamal encryption of small integers (§3.3.1, equation 31) and its homomorphism
//! (§3.5, equations 79–80).

use crate::group::{Element, ParameterSet, Scalar, SecretBase, SecretScalar};

/// A ciphertext (α, β) = (g^ξ, K^(σ+ξ)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ciphertext<P: ParameterSet> {
    /// α = g^ξ mod p.
    pub alpha: Element<P>,
    /// β = K^(σ+ξ) mod p.
    pub beta: Element<P>,
}

impl<P: ParameterSet> Ciphertext<P> {
    /// Enc(σ, ξ) = (g^ξ mod p, K^(σ+ξ) mod p), equation 31. `key` is K or its precomputed
    /// table; β is computed as one exponentiation of K by the secret σ + ξ.
    pub fn encrypt(key: &impl SecretBase<P>, value: u64, nonce: &SecretScalar<P>) -> Self {
        let alpha = nonce.g_pow();
        let beta = key.pow_secret(&nonce.add_public(&Scalar::from_u64(value)));
        Ciphertext { alpha, beta }
    }

    /// The encryption of zero with nonce zero, (1, 1): the neutral element of [`Ciphertext::add`].
    pub fn identity() -> Self {
        Ciphertext {
            alpha: Element::one(),
            beta: Element::one(),
        }
    }

    /// Component-wise product: an encryption of the sum of the plaintexts (§3.3.1).
    pub fn add(&self, rhs: &Self) -> Self {
        Ciphertext {
            alpha: self.alpha.mul(&rhs.alpha),
            beta: self.beta.mul(&rhs.beta),
        }
    }

    /// (α^W, β^W): an encryption of W·σ, for ballot weights (equation 80).
    pub fn scale(&self, weight: u64) -> Self {
        Ciphertext {
            alpha: self.alpha.pow_u64(weight),
            beta: self.beta.pow_u64(weight),
        }
    }

    /// The homomorphic sum of many ciphertexts (equation 79).
    pub fn sum<'a>(items: impl IntoIterator<Item = &'a Self>) -> Self
    where
        P: 'a,
    {
        items
            .into_iter()
            .fold(Self::identity(), |acc, c| acc.add(c))
    }

    /// K^σ = β · K^(−ξ) given the encryption nonce ξ (equation 109). The small σ is then found
    /// with [`crate::dlog::DiscreteLog`].
    pub fn unblind_with_nonce(&self, key: &Element<P>, nonce: &Scalar<P>) -> Element<P> {
        self.beta.div(&key.pow(nonce))
    }
}
