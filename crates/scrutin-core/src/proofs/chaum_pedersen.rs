//! Chaum–Pedersen proof that two pairs share one discrete logarithm: K = g^s and M = A^s.
//! Used for verifiable decryption (§3.6.5, Verification 10; §3.6.6, Verification 12).

use super::Check;
use crate::group::{Element, ParameterSet, Scalar};
use crate::verify_error::{Reason, VerifyError};

/// A proof (c, v) with commitments a = g^v · K^c and b = A^v · M^c (equations 10.2, 10.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChaumPedersenProof<P: ParameterSet> {
    /// The challenge c.
    pub challenge: Scalar<P>,
    /// The response v.
    pub response: Scalar<P>,
}

impl<P: ParameterSet> ChaumPedersenProof<P> {
    /// The commitments (a, b) = (g^v · K^c, A^v · M^c) that a valid proof reproduces.
    pub fn commitments(
        &self,
        key: &Element<P>,
        base: &Element<P>,
        value: &Element<P>,
    ) -> (Element<P>, Element<P>) {
        // Verification only: c and v are published, so the variable-time paths are safe.
        let g = Element::generator();
        let a = Element::multi_pow_vartime(&[(&g, &self.response), (key, &self.challenge)]);
        let b = Element::multi_pow_vartime(&[(base, &self.response), (value, &self.challenge)]);
        (a, b)
    }

    /// Checks that `challenge(a, b)` equals c for the recomputed commitments.
    pub fn verify(
        &self,
        key: &Element<P>,
        base: &Element<P>,
        value: &Element<P>,
        challenge: impl FnOnce(&Element<P>, &Element<P>) -> Scalar<P>,
        check: &Check,
    ) -> Result<(), VerifyError> {
        let (a, b) = self.commitments(key, base, value);
        if challenge(&a, &b) == self.challenge {
            Ok(())
        } else {
            Err(check.fail(Reason::ChallengeMismatch))
        }
    }
}
