//! Schnorr proof of knowledge of a discrete logarithm x of X = g^x, used for the encryption
//! nonces of hashed ElGamal (§3.2.2 equation 22, §3.3.4 equation 38, §3.3.10 equation 69).

use super::Check;
use crate::group::{Element, ParameterSet, Scalar, SecretScalar};
use crate::verify_error::{Reason, VerifyError};
use rand_core::{CryptoRng, RngCore};

/// A proof (c, v) with v = (u − c·x) mod q, where the commitment is a = g^u.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchnorrProof<P: ParameterSet> {
    /// The challenge c.
    pub challenge: Scalar<P>,
    /// The response v.
    pub response: Scalar<P>,
}

impl<P: ParameterSet> SchnorrProof<P> {
    /// Proves knowledge of `secret`; `challenge` maps the commitment a = g^u to c.
    pub fn prove<R: RngCore + CryptoRng>(
        rng: &mut R,
        secret: &SecretScalar<P>,
        challenge: impl FnOnce(&Element<P>) -> Scalar<P>,
    ) -> Self {
        let u = SecretScalar::random(rng);
        let commitment = u.g_pow();
        let c = challenge(&commitment);
        let v = u.response(&c, secret);
        SchnorrProof {
            challenge: c,
            response: v,
        }
    }

    /// Recomputes a = g^v · X^c and checks that `challenge(a)` equals c.
    pub fn verify(
        &self,
        public: &Element<P>,
        challenge: impl FnOnce(&Element<P>) -> Scalar<P>,
        check: &Check,
    ) -> Result<(), VerifyError> {
        // Verification only: c and v are published, so the variable-time paths are safe.
        let commitment =
            Element::g_pow_vartime(&self.response).mul(&public.pow_vartime(&self.challenge));
        if challenge(&commitment) == self.challenge {
            Ok(())
        } else {
            Err(check.fail(Reason::ChallengeMismatch))
        }
    }
}
