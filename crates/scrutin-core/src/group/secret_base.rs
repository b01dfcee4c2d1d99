//! Bases raised to secret exponents: a plain element, or its precomputed table.

use super::{Element, FixedBase, ParameterSet, SecretScalar, SharedBase};

/// Something that can be raised to a secret exponent in constant time: an [`Element`]
/// (square-and-multiply) or a [`FixedBase`] table of one (the election keys K and K̂, built
/// once per election; spec Note 3.5). Encryption and proof generation take either.
pub trait SecretBase<P: ParameterSet> {
    /// base^x mod p, in time independent of x.
    fn pow_secret(&self, exponent: &SecretScalar<P>) -> Element<P>;

    /// base^(x_i) for each secret, in order, in time independent of them; a table may compute
    /// several at once.
    fn pow_secret_many(&self, exponents: &[&SecretScalar<P>]) -> Vec<Element<P>> {
        exponents.iter().map(|x| self.pow_secret(x)).collect()
    }
}

impl<P: ParameterSet> SecretBase<P> for Element<P> {
    fn pow_secret(&self, exponent: &SecretScalar<P>) -> Element<P> {
        exponent.pow_of(self)
    }
}

impl<P: ParameterSet> SecretBase<P> for FixedBase<P> {
    fn pow_secret(&self, exponent: &SecretScalar<P>) -> Element<P> {
        exponent.pow_fixed(self)
    }

    fn pow_secret_many(&self, exponents: &[&SecretScalar<P>]) -> Vec<Element<P>> {
        SecretScalar::pow_fixed_many(exponents, self)
    }
}

impl<P: ParameterSet> SecretBase<P> for SharedBase<P> {
    fn pow_secret(&self, exponent: &SecretScalar<P>) -> Element<P> {
        exponent.pow_shared(self)
    }
}

/// Something that can be raised to a PUBLIC exponent: an [`Element`] (sliding window) or a
/// [`FixedBase`] table of one (K in proof verification). The running time depends on the
/// exponent, so callers pass only values published in the record.
pub trait PublicBase<P: ParameterSet> {
    /// base^e mod p for a public e.
    fn pow_public_vartime(&self, exponent: &super::Scalar<P>) -> Element<P>;

    /// base^(e_i) mod p for each public e_i, in order.
    fn pow_public_many_vartime(&self, exponents: &[&super::Scalar<P>]) -> Vec<Element<P>> {
        exponents
            .iter()
            .map(|e| self.pow_public_vartime(e))
            .collect()
    }
}

impl<P: ParameterSet> PublicBase<P> for Element<P> {
    fn pow_public_vartime(&self, exponent: &super::Scalar<P>) -> Element<P> {
        self.pow_vartime(exponent)
    }
}

impl<P: ParameterSet> PublicBase<P> for FixedBase<P> {
    fn pow_public_vartime(&self, exponent: &super::Scalar<P>) -> Element<P> {
        self.pow_vartime(exponent)
    }

    fn pow_public_many_vartime(&self, exponents: &[&super::Scalar<P>]) -> Vec<Element<P>> {
        self.pow_many_vartime(exponents)
    }
}
