//! Batched subgroup membership (the x^q = 1 test of Verification 2.A, 6.A, 7.A and others).
//!
//! Checking x^q = 1 costs one full exponentiation per element. For many elements at once:
//!
//! 1. each x_i must be a quadratic residue, checked with its Legendre symbol (cheap, no
//!    exponentiation). Z_p^r has odd order q, so all its members are squares; this removes the
//!    component of order 2 that the next test would miss half the time (for −x, say).
//! 2. With 128-bit random t_i, (Π x_i^(t_i))^q = 1 must hold: one multi-exponentiation with short
//!    exponents and a single ^q.
//!
//! Why step 2 is sound: p − 1 = q·r with r = 2·s and s prime, for the standard group and for
//! every toy set (checked by the tests of the parent module). A quadratic residue is a·b with
//! a ∈ Z_p^r and b in the group of prime order s; since gcd(q, s) = 1 the test passes iff
//! Π b_i^(t_i) = 1, i.e. iff Σ t_i·β_i ≡ 0 mod s where b_i = h^(β_i) for a generator h. If some
//! β_j ≠ 0, then whatever the other coefficients, only t_j in one residue class mod s passes, so
//! a non-member is accepted with probability at most 1/s + 2^-128: 2^-128 for the standard group
//! (s has 3840 bits), and no better than the toy sets' other margins for them.

use super::{vartime, Group};
use crypto_bigint::modular::BoxedMontyForm;
use crypto_bigint::{BoxedUint, JacobiSymbol, Odd, Word, U4096};
use rand_core::{CryptoRng, RngCore};

/// The width of the random coefficients t_i: a non-member passes with probability ≤ 2^-128.
const COEFFICIENT_WORDS: usize = (128 / Word::BITS) as usize;

/// The Legendre symbol (x | p) of a public residue 0 ≤ x < p: 1, −1 or 0. Variable time.
pub(crate) fn legendre(value: &BoxedUint, group: &Group) -> i8 {
    if group.p_bits() <= U4096::BITS {
        let widen = |n: &BoxedUint| {
            let mut words = [0 as Word; U4096::LIMBS];
            for (w, v) in words.iter_mut().zip(n.as_words()) {
                *w = *v;
            }
            U4096::from_words(words)
        };
        if let Some(p) = Option::<Odd<U4096>>::from(Odd::new(widen(group.p()))) {
            return match widen(value).jacobi_symbol_vartime(&p) {
                JacobiSymbol::One => 1,
                JacobiSymbol::MinusOne => -1,
                JacobiSymbol::Zero => 0,
            };
        }
    }
    // Euler's criterion, for moduli wider than the fixed-size path: x^((p−1)/2).
    let half = group.p().wrapping_sub(BoxedUint::one()).wrapping_shr(1);
    let x = BoxedMontyForm::new(value.clone(), group.monty());
    let power = vartime::pow_vartime(&x, half.as_words(), group.one_monty());
    if power.as_montgomery() == group.one_monty().as_montgomery() {
        1
    } else if bool::from(power.is_zero()) {
        0
    } else {
        -1
    }
}

/// Whether x^q = 1. Variable time: x and q are public.
pub(crate) fn has_order_q(x: &BoxedMontyForm, group: &Group) -> bool {
    let power = vartime::pow_vartime(x, group.q().as_words(), group.one_monty());
    power.as_montgomery() == group.one_monty().as_montgomery()
}

/// Whether all of `candidates`, already known to be quadratic residues, are in Z_p^r — up to a
/// false `true` with probability ≤ 2^-128 when one is not (module documentation).
pub(crate) fn all_have_order_q<R: RngCore + CryptoRng>(
    rng: &mut R,
    candidates: &[&BoxedMontyForm],
    group: &Group,
) -> bool {
    let coefficients: Vec<[Word; COEFFICIENT_WORDS]> = candidates
        .iter()
        .map(|_| {
            let mut t = [0 as Word; COEFFICIENT_WORDS];
            for w in t.iter_mut() {
                *w = rng.next_u64() as Word;
            }
            t
        })
        .collect();
    let pairs: Vec<(&BoxedMontyForm, &[Word])> = candidates
        .iter()
        .zip(&coefficients)
        .map(|(x, t)| (*x, t.as_slice()))
        .collect();
    let combination = vartime::multi_pow_vartime(&pairs, group.one_monty());
    has_order_q(&combination, group)
}
