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
//! (s has 3840 bits), and no better than the toy sets' other margins for them. This is the
//! Small Exponents Test of Bellare, Garay and Rabin ("Fast Batch Verification for Modular
//! Exponentiation and Digital Signatures", Eurocrypt 1998, full version: ℓ-bit exponents give
//! error 2^-ℓ in a group of prime order), with the Legendre step standing in for the prime
//! order.
//!
//! Why 128 bits: the t_i are drawn by the verifier after the record is fixed, so a forger gets
//! no feedback within one run, and 64 bits would already make a miss unlikely; halving them
//! would save about 40% of the multiplications of step 2 but only about 2.4% of a ballot's
//! verification (docs/benchmarks.md), too little to trade for a margin below the 2^-128 the
//! rest of the record's checks give.

use super::montgomery::Residue;
use super::{jacobi, vartime, Group};
use crypto_bigint::{BoxedUint, Word};
use rand_core::{CryptoRng, RngCore};

/// The width of the random coefficients t_i: a non-member passes with probability ≤ 2^-128.
const COEFFICIENT_WORDS: usize = (128 / Word::BITS) as usize;

/// From this many elements on, the four-lane path takes the combination: below, its tables of
/// four bases per slot and its final products cost more than they save (about 8 elements by
/// the counts of products in `lanes/avx2/power.rs` and `vartime.rs`).
const LANE_MINIMUM: usize = 8;

/// The Legendre symbol (x | p) of a public residue 0 ≤ x < p: 1, −1 or 0. Variable time.
pub(crate) fn legendre(value: &BoxedUint, group: &Group) -> i8 {
    jacobi::jacobi_vartime(value.as_words(), group.p().as_words())
}

/// Whether x^q = 1. Variable time: x and q are public.
pub(crate) fn has_order_q(x: &Residue, group: &Group) -> bool {
    let field = group.field();
    vartime::pow_vartime(field, x, group.q().as_words()) == *field.one()
}

/// Whether all of `candidates`, already known to be quadratic residues, are in Z_p^r — up to a
/// false `true` with probability ≤ 2^-128 when one is not (module documentation).
pub(crate) fn all_have_order_q<R: RngCore + CryptoRng>(
    rng: &mut R,
    candidates: &[&Residue],
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
    let pairs: Vec<(&Residue, &[Word])> = candidates
        .iter()
        .zip(&coefficients)
        .map(|(x, t)| (*x, t.as_slice()))
        .collect();
    let combination = match group.lane_engine() {
        Some(engine) if pairs.len() >= LANE_MINIMUM => {
            engine.multi_pow_vartime(group.field(), &pairs)
        }
        _ => vartime::multi_pow_vartime(group.field(), &pairs),
    };
    has_order_q(&combination, group)
}
