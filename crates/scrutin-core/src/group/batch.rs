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

use super::montgomery::Residue;
use super::{vartime, Group};
use crypto_bigint::{BoxedUint, Resize, Word};
use rand_core::{CryptoRng, RngCore};

/// The width of the random coefficients t_i: a non-member passes with probability ≤ 2^-128.
const COEFFICIENT_WORDS: usize = (128 / Word::BITS) as usize;

/// The Legendre symbol (x | p) of a public residue 0 ≤ x < p: 1, −1 or 0. Variable time.
pub(crate) fn legendre(value: &BoxedUint, group: &Group) -> i8 {
    jacobi_vartime(value.as_words(), group.p().as_words())
}

/// Drops the high zero words.
fn trim(words: &mut Vec<Word>) {
    while words.last() == Some(&0) {
        words.pop();
    }
}

/// a >>= shift, for a trimmed little-endian word string.
fn shift_right(a: &mut Vec<Word>, shift: u32) {
    let whole = (shift / Word::BITS) as usize;
    let bits = shift % Word::BITS;
    a.drain(..whole.min(a.len()));
    if bits != 0 {
        let mut carry: Word = 0;
        for word in a.iter_mut().rev() {
            let next_carry = *word << (Word::BITS - bits);
            *word = (*word >> bits) | carry;
            carry = next_carry;
        }
    }
    trim(a);
}

/// a −= b for trimmed a ≥ b.
fn subtract(a: &mut Vec<Word>, b: &[Word]) {
    let mut borrow = false;
    let mut rhs = b.iter();
    for word in a.iter_mut() {
        let r = rhs.next().copied().unwrap_or(0);
        let (d1, b1) = word.overflowing_sub(r);
        let (d2, b2) = d1.overflowing_sub(Word::from(borrow));
        *word = d2;
        borrow = b1 || b2;
    }
    trim(a);
}

/// Compares trimmed word strings.
fn compare(a: &[Word], b: &[Word]) -> std::cmp::Ordering {
    a.len()
        .cmp(&b.len())
        .then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

/// The Jacobi symbol (a | n) for odd n > 0 and 0 ≤ a, by the binary algorithm: strip factors of
/// 2 from a (each flips the sign when n ≡ ±3 mod 8), swap when a < n (quadratic reciprocity
/// flips it when a ≡ n ≡ 3 mod 4), and replace a by a − n. Variable time; public inputs only.
pub(crate) fn jacobi_vartime(a: &[Word], n: &[Word]) -> i8 {
    let mut a = a.to_vec();
    let mut n = n.to_vec();
    trim(&mut a);
    trim(&mut n);
    let low = |x: &[Word]| x.first().copied().unwrap_or(0);
    if low(&n) & 1 == 0 {
        // Not defined for even n; callers pass the odd prime p.
        return 0;
    }
    let mut negative = false;
    if compare(&a, &n) != std::cmp::Ordering::Less {
        // Reduce a below n by the slow path; only wide inputs take it.
        let a_big = BoxedUint::from_words(a.iter().copied());
        let n_big = BoxedUint::from_words(n.iter().copied());
        let width = a_big.bits_precision().max(n_big.bits_precision());
        let n_wide = n_big.resize_unchecked(width);
        let reduced = match Option::<crypto_bigint::NonZero<BoxedUint>>::from(n_wide.to_nz()) {
            Some(nz) => a_big.rem_vartime(&nz),
            None => return 0,
        };
        a = reduced.as_words().to_vec();
        trim(&mut a);
    }
    loop {
        if a.is_empty() {
            return if n.len() == 1 && low(&n) == 1 {
                if negative {
                    -1
                } else {
                    1
                }
            } else {
                0
            };
        }
        let zeros = a
            .iter()
            .position(|w| *w != 0)
            .map(|i| i as u32 * Word::BITS + a.get(i).map_or(0, |w| w.trailing_zeros()))
            .unwrap_or(0);
        if zeros > 0 {
            shift_right(&mut a, zeros);
            let n_mod_8 = low(&n) & 7;
            if zeros & 1 == 1 && (n_mod_8 == 3 || n_mod_8 == 5) {
                negative = !negative;
            }
        }
        // a and n are odd now.
        if compare(&a, &n) == std::cmp::Ordering::Less {
            std::mem::swap(&mut a, &mut n);
            if low(&a) & 3 == 3 && low(&n) & 3 == 3 {
                negative = !negative;
            }
        }
        subtract(&mut a, &n);
    }
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
    let combination = vartime::multi_pow_vartime(group.field(), &pairs);
    has_order_q(&combination, group)
}
