//! Public integers modulo q (Z_q, §5.1.2): challenges, responses, Lagrange coefficients.

use super::{GroupError, ParameterSet};
use crypto_bigint::{BoxedUint, Odd, Resize, Word};
use std::marker::PhantomData;
use subtle::{ConditionallySelectable, ConstantTimeLess};
use zeroize::Zeroize;

/// Bytes in a limb of [`BoxedUint`].
const WORD_BYTES: usize = Word::BITS as usize / 8;

/// A public element of Z_q = {0, …, q − 1} for the parameter set `P`.
///
/// Always fully reduced and held at the precision of q, so two equal values have equal limbs.
#[derive(Clone, PartialEq, Eq)]
pub struct Scalar<P: ParameterSet> {
    value: BoxedUint,
    _set: PhantomData<P>,
}

impl<P: ParameterSet> std::fmt::Debug for Scalar<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Scalar({})", hex_upper(&self.to_bytes()))
    }
}

pub(crate) fn hex_upper(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02X}");
            s
        })
}

/// Reduces a big-endian byte string of any length modulo q, at the precision of q.
///
/// The input may be secret (the random bytes of a secret, the hash of a nonce), so the wide
/// value and the unresized remainder are wiped before they are freed. The narrowing copies
/// into a fresh allocation rather than shrinking in place, which could leave a copy behind.
pub(crate) fn reduce_bytes<P: ParameterSet>(bytes: &[u8]) -> BoxedUint {
    let group = P::group();
    let bits = u32::try_from(bytes.len().max(1) * 8).unwrap_or(u32::MAX);
    let mut wide = BoxedUint::from_be_slice_truncated(bytes, bits.max(group.q().bits_precision()));
    let q_wide = group.q().resize_unchecked(wide.bits_precision());
    let mut reduced = match Option::<crypto_bigint::NonZero<BoxedUint>>::from(q_wide.to_nz()) {
        Some(q) => wide.rem(&q),
        None => wide.clone(),
    };
    wide.zeroize();
    let narrow = (&reduced).resize_unchecked(group.q().bits_precision());
    reduced.zeroize();
    narrow
}

impl<P: ParameterSet> Scalar<P> {
    pub(crate) fn from_uint(value: BoxedUint) -> Self {
        Scalar {
            value,
            _set: PhantomData,
        }
    }

    pub(crate) fn as_uint(&self) -> &BoxedUint {
        &self.value
    }

    /// Zero.
    pub fn zero() -> Self {
        Self::from_uint(BoxedUint::zero_with_precision(
            P::group().q().bits_precision(),
        ))
    }

    /// One.
    pub fn one() -> Self {
        Self::from_u64(1)
    }

    /// A small integer, reduced modulo q.
    pub fn from_u64(n: u64) -> Self {
        Self::from_bytes_reduced(&n.to_be_bytes())
    }

    /// Interprets big-endian bytes as an integer and reduces it modulo q.
    ///
    /// This is the reduction of H_q (§5.4, equation 132) when given a hash output.
    pub fn from_bytes_reduced(bytes: &[u8]) -> Self {
        Self::from_uint(reduce_bytes::<P>(bytes))
    }

    /// Decodes the fixed-width encoding b(x, l_q) of §5.1.2, checking 0 ≤ x < q.
    ///
    /// The range check is variable-time: its running time depends on the value, which is
    /// harmless for the public values of the election record it reads. Secret values are read
    /// with [`super::SecretScalar::decode_ct`] instead.
    pub fn decode(bytes: &[u8]) -> Result<Self, GroupError> {
        let group = P::group();
        if bytes.len() != group.q_bytes() {
            return Err(GroupError::WrongLength {
                expected: group.q_bytes(),
                found: bytes.len(),
            });
        }
        let value = BoxedUint::from_be_slice_truncated(bytes, group.q().bits_precision());
        if value.cmp_vartime(group.q()) != std::cmp::Ordering::Less {
            return Err(GroupError::OutOfRange);
        }
        Ok(Self::from_uint(value))
    }

    /// Decodes b(x, l_q) checking 0 ≤ x < q in constant time, for secret values: the time taken
    /// depends only on the length, never on the value. A rejected value is wiped before the
    /// error is returned.
    pub(crate) fn decode_ct(bytes: &[u8]) -> Result<Self, GroupError> {
        let group = P::group();
        if bytes.len() != group.q_bytes() {
            return Err(GroupError::WrongLength {
                expected: group.q_bytes(),
                found: bytes.len(),
            });
        }
        let mut value = Self::from_uint(BoxedUint::from_be_slice_truncated(
            bytes,
            group.q().bits_precision(),
        ));
        // Only the one bit "in range or not" leaves constant time, and it is reported anyway.
        if bool::from(value.value.ct_lt(group.q())) {
            Ok(value)
        } else {
            value.wipe();
            Err(GroupError::OutOfRange)
        }
    }

    /// Overwrites the limbs with zeros where they are, in their own allocation, so that no
    /// copy of a secret value outlives it (used by [`super::SecretScalar`]'s `Drop`).
    pub(crate) fn wipe(&mut self) {
        self.value.zeroize();
    }

    /// The fixed-width big-endian encoding b(x, l_q) of §5.1.2.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = vec![0u8; P::group().q_bytes()];
        self.write_be(&mut out);
        out
    }

    /// Writes b(x, |out|) into `out`, straight from the limbs: no intermediate buffer is
    /// allocated, so encoding a secret leaves no unwiped copy behind. The value is below q, so
    /// for |out| = l_q nothing is cut off.
    pub(crate) fn write_be(&self, out: &mut [u8]) {
        let words = self.value.as_words();
        for (index, byte) in out.iter_mut().rev().enumerate() {
            let word = words.get(index / WORD_BYTES).copied().unwrap_or_default();
            let shift = 8 * (index % WORD_BYTES);
            *byte = u8::try_from((word >> shift) & 0xff).unwrap_or_default();
        }
    }

    /// (self + rhs) mod q.
    pub fn add(&self, rhs: &Self) -> Self {
        Self::from_uint(self.value.add_mod(&rhs.value, P::group().q_nonzero()))
    }

    /// (self − rhs) mod q.
    pub fn sub(&self, rhs: &Self) -> Self {
        Self::from_uint(self.value.sub_mod(&rhs.value, P::group().q_nonzero()))
    }

    /// (self · rhs) mod q.
    pub fn mul(&self, rhs: &Self) -> Self {
        Self::from_uint(self.value.mul_mod(&rhs.value, P::group().q_nonzero()))
    }

    /// `a` where `choice` is 0 and `b` where it is 1, in constant time (a word-by-word masked
    /// copy): for choices that depend on a secret, such as which part of a range proof is the
    /// honest one.
    pub(crate) fn select_ct(a: &Self, b: &Self, choice: subtle::Choice) -> Self {
        let words = a
            .value
            .as_words()
            .iter()
            .zip(b.value.as_words())
            .map(|(x, y)| Word::conditional_select(x, y, choice));
        Self::from_uint(BoxedUint::from_words(words))
    }

    /// (−self) mod q.
    pub fn neg(&self) -> Self {
        Self::zero().sub(self)
    }

    /// The inverse modulo q, or `None` for zero. q is prime, so every other value has one.
    pub fn invert(&self) -> Option<Self> {
        let q = Option::<Odd<BoxedUint>>::from(P::group().q().to_odd())?;
        Option::<BoxedUint>::from(self.value.invert_odd_mod(&q)).map(Self::from_uint)
    }

    /// Whether this is zero.
    pub fn is_zero(&self) -> bool {
        bool::from(self.value.is_zero())
    }

    /// The value as a u64, if it fits (used for small decrypted counts and tests).
    pub fn to_u64(&self) -> Option<u64> {
        let bytes = self.to_bytes();
        let (high, low) = bytes.split_at(bytes.len().saturating_sub(8));
        if high.iter().any(|b| *b != 0) {
            return None;
        }
        let mut buf = [0u8; 8];
        let start = 8usize.saturating_sub(low.len());
        buf.get_mut(start..)?.copy_from_slice(low);
        Some(u64::from_be_bytes(buf))
    }

    /// The sum of an iterator of scalars modulo q.
    pub fn sum<'a>(items: impl IntoIterator<Item = &'a Self>) -> Self {
        items.into_iter().fold(Self::zero(), |acc, x| acc.add(x))
    }
}
