//! Members of the order-q subgroup Z_p^r of Z_p^* (§3.1).

use super::scalar::hex_upper;
use super::{GroupError, ParameterSet, Scalar};
use crypto_bigint::modular::BoxedMontyForm;
use crypto_bigint::BoxedUint;
use std::marker::PhantomData;

/// An element of Z_p^r for the parameter set `P`, held in Montgomery form.
///
/// The only ways to obtain one are [`Element::decode`], which checks range and subgroup
/// membership, and arithmetic on elements that are already members, so holding an `Element`
/// means holding a subgroup member.
#[derive(Clone)]
pub struct Element<P: ParameterSet> {
    value: BoxedMontyForm,
    _set: PhantomData<P>,
}

impl<P: ParameterSet> PartialEq for Element<P> {
    fn eq(&self, other: &Self) -> bool {
        // Montgomery representatives are fully reduced, so equal values have equal limbs.
        self.value.as_montgomery() == other.value.as_montgomery()
    }
}

impl<P: ParameterSet> Eq for Element<P> {}

impl<P: ParameterSet> std::fmt::Debug for Element<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hex = hex_upper(&self.to_bytes());
        let tail = hex.get(hex.len().saturating_sub(16)..).unwrap_or("");
        write!(f, "Element(…{tail})")
    }
}

impl<P: ParameterSet> Element<P> {
    fn from_monty(value: BoxedMontyForm) -> Self {
        Element {
            value,
            _set: PhantomData,
        }
    }

    /// The identity 1.
    pub fn one() -> Self {
        Self::from_monty(P::group().one_monty().clone())
    }

    /// The generator g.
    pub fn generator() -> Self {
        Self::from_monty(P::group().g_monty().clone())
    }

    /// Decodes the fixed-width encoding b(x, l_p) of §5.1.1, accepting x only if 0 ≤ x < p and
    /// x^q mod p = 1, i.e. x ∈ Z_p^r (the membership test of Verification 2.A, 6.A and others).
    pub fn decode(bytes: &[u8]) -> Result<Self, GroupError> {
        let group = P::group();
        if bytes.len() != group.p_bytes() {
            return Err(GroupError::WrongLength {
                expected: group.p_bytes(),
                found: bytes.len(),
            });
        }
        let value = BoxedUint::from_be_slice_truncated(bytes, group.p().bits_precision());
        // Public input: a variable-time comparison leaks nothing secret.
        if value.cmp_vartime(group.p()) != std::cmp::Ordering::Less {
            return Err(GroupError::OutOfRange);
        }
        let candidate = BoxedMontyForm::new(value, group.monty());
        let order_check = candidate.pow_bounded_exp(group.q(), group.q_bits());
        if order_check.as_montgomery() != group.one_monty().as_montgomery() {
            return Err(GroupError::NotInSubgroup);
        }
        Ok(Self::from_monty(candidate))
    }

    /// The fixed-width big-endian encoding b(x, l_p) of §5.1.1.
    pub fn to_bytes(&self) -> Vec<u8> {
        let width = P::group().p_bytes();
        let full = self.value.retrieve().to_be_bytes();
        let skip = full.len().saturating_sub(width);
        full.get(skip..).map(<[u8]>::to_vec).unwrap_or_default()
    }

    /// Upper-case hexadecimal of the fixed-width encoding.
    pub fn to_hex(&self) -> String {
        hex_upper(&self.to_bytes())
    }

    /// (self · rhs) mod p.
    pub fn mul(&self, rhs: &Self) -> Self {
        Self::from_monty(self.value.mul(&rhs.value))
    }

    /// self^(−1) mod p. Every subgroup member is invertible.
    pub fn invert(&self) -> Self {
        let inverse = Option::<BoxedMontyForm>::from(self.value.invert());
        // A subgroup member is never zero, so the inverse exists; fall back to self only to
        // keep this total, which cannot happen for a value built through `decode`.
        Self::from_monty(inverse.unwrap_or_else(|| self.value.clone()))
    }

    /// self / rhs mod p.
    pub fn div(&self, rhs: &Self) -> Self {
        self.mul(&rhs.invert())
    }

    /// self^e mod p, for an exponent e ∈ Z_q. Runs in time independent of the value of e.
    pub fn pow(&self, exponent: &Scalar<P>) -> Self {
        let group = P::group();
        Self::from_monty(
            self.value
                .pow_bounded_exp(exponent.as_uint(), group.q_bits()),
        )
    }

    /// self^n mod p for a small public integer n (selection values, weights, indices).
    pub fn pow_u64(&self, n: u64) -> Self {
        let exponent = BoxedUint::from(n);
        Self::from_monty(self.value.pow_bounded_exp(&exponent, 64))
    }

    /// g^e mod p.
    pub fn g_pow(exponent: &Scalar<P>) -> Self {
        Self::generator().pow(exponent)
    }

    /// The product of an iterator of elements.
    pub fn product<'a>(items: impl IntoIterator<Item = &'a Self>) -> Self {
        items.into_iter().fold(Self::one(), |acc, x| acc.mul(x))
    }

    /// Whether this is the identity.
    pub fn is_one(&self) -> bool {
        self == &Self::one()
    }
}
