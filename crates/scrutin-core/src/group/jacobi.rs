//! The Jacobi symbol of public integers, for the quadratic-residue step of the batched
//! subgroup test (`batch.rs`).
//!
//! The binary algorithm (Cohen, "A Course in Computational Algebraic Number Theory",
//! Algorithm 1.4.10, in its binary form): strip factors of 2 from a, each of which flips the
//! sign when n ≡ ±3 mod 8; swap a and n when a < n, which flips the sign when a ≡ n ≡ 3 mod 4
//! (quadratic reciprocity); replace a by a − n. For 4096-bit inputs this takes about 2,900
//! subtractions, so the work is in them: here each subtraction and the shift that follows it
//! are one pass over the words, in place in fixed buffers, without allocation or trimming
//! (callgrind: 1.75 M instructions per 4096-bit symbol instead of 2.26 M; docs/benchmarks.md).
//!
//! The batched division steps of `jacobi_steps.rs` run first: they update the long numbers
//! once per 62 steps instead of once per subtraction. The binary algorithm remains as the
//! fallback for an input whose steps have not ended within a generous bound, and as the
//! reference the tests compare them with.

use super::jacobi_steps;
use crypto_bigint::{BoxedUint, Resize, Word};

/// The lowest word of x (0 for no words).
fn low(x: &[Word]) -> Word {
    x.first().copied().unwrap_or(0)
}

/// The number of words up to and including the highest nonzero one.
fn significant(x: &[Word]) -> usize {
    x.iter().rposition(|w| *w != 0).map_or(0, |i| i + 1)
}

/// x < y, for word strings whose words past their lengths are zero.
fn less(x: &[Word], y: &[Word]) -> bool {
    if x.len() != y.len() {
        return x.len() < y.len();
    }
    x.iter().rev().cmp(y.iter().rev()) == std::cmp::Ordering::Less
}

/// The number of trailing zero bits of x (0 for zero).
fn trailing_zeros(x: &[Word]) -> u32 {
    x.iter().position(|w| *w != 0).map_or(0, |i| {
        i as u32 * Word::BITS + x.get(i).map_or(0, |w| w.trailing_zeros())
    })
}

/// x >>= k in place; returns the significant length of the result.
fn shift_right(x: &mut [Word], k: u32) -> usize {
    let whole = (k / Word::BITS) as usize;
    if whole > 0 {
        let len = x.len();
        x.copy_within(whole.min(len).., 0);
        x.iter_mut()
            .skip(len.saturating_sub(whole))
            .for_each(|w| *w = 0);
    }
    let bits = k % Word::BITS;
    if bits != 0 {
        let mut high: Word = 0;
        for word in x.iter_mut().rev() {
            let next = *word << (Word::BITS - bits);
            *word = (*word >> bits) | high;
            high = next;
        }
    }
    significant(x)
}

/// x = (x − y) / 2^z with 2^z the largest power of two dividing x − y, for odd x > y of the
/// same slice length; returns the significant length of the result and z. The difference's low
/// word gives z before the pass, so each word is shifted as soon as its neighbour is known.
fn sub_shift(x: &mut [Word], y: &[Word]) -> (usize, u32) {
    let (x0, y0) = (
        x.first().copied().unwrap_or(0),
        y.first().copied().unwrap_or(0),
    );
    let low = x0.wrapping_sub(y0);
    let mut borrow = Word::from(x0 < y0);
    if low == 0 {
        // x ≡ y mod 2^W: subtract, then shift by whole words (rare).
        for (w, r) in x.iter_mut().zip(y).skip(1) {
            let (d1, b1) = w.overflowing_sub(*r);
            let (d2, b2) = d1.overflowing_sub(borrow);
            *w = d2;
            borrow = Word::from(b1 | b2);
        }
        if let Some(first) = x.first_mut() {
            *first = 0;
        }
        let z = trailing_zeros(x);
        return (shift_right(x, z), z);
    }
    let z = low.trailing_zeros();
    let len = x.len().min(y.len());
    let (x, y) = (x.split_at_mut(len).0, y.split_at(len).0);
    let mut previous = low;
    for i in 1..len {
        let (xi, yi) = (
            x.get(i).copied().unwrap_or(0),
            y.get(i).copied().unwrap_or(0),
        );
        let (d1, b1) = xi.overflowing_sub(yi);
        let (d, b2) = d1.overflowing_sub(borrow);
        borrow = Word::from(b1 | b2);
        if let Some(out) = x.get_mut(i - 1) {
            // z ≥ 1: x − y is even.
            *out = (previous >> z) | (d << (Word::BITS - z));
        }
        previous = d;
    }
    if let Some(out) = x.last_mut() {
        *out = previous >> z;
    }
    (significant(x), z)
}

/// a mod n for a ≥ n, by crypto-bigint (the slow path; the callers' a is already below n).
fn reduce(a: &[Word], n: &[Word]) -> Option<Vec<Word>> {
    let a_big = BoxedUint::from_words(a.iter().copied());
    let n_big = BoxedUint::from_words(n.iter().copied());
    let width = a_big.bits_precision().max(n_big.bits_precision());
    let modulus =
        Option::<crypto_bigint::NonZero<BoxedUint>>::from(n_big.resize_unchecked(width).to_nz())?;
    Some(a_big.rem_vartime(&modulus).as_words().to_vec())
}

/// The Jacobi symbol (a | n) for odd n > 0 and a ≥ 0: 1, −1 or 0 (0 also for an even n, which
/// the callers never pass: they pass the odd prime p). Variable time; public inputs only.
pub(crate) fn jacobi_vartime(a: &[Word], n: &[Word]) -> i8 {
    let n = n.to_vec();
    let ln = significant(&n);
    if low(&n) & 1 == 0 {
        return 0;
    }
    let a = if less(
        a.get(..significant(a)).unwrap_or(&[]),
        n.get(..ln).unwrap_or(&[]),
    ) {
        a.to_vec()
    } else {
        match reduce(a, &n) {
            Some(reduced) => reduced,
            None => return 0,
        }
    };
    let (a64, n64) = (to_u64_words(&a), to_u64_words(&n));
    if let Some(symbol) =
        jacobi_steps::jacobi_posdivsteps_vartime(&a64, &n64, max_batches(n64.len()))
    {
        return symbol;
    }
    binary_vartime(a, n)
}

/// The batches of positive division steps allowed for an n of `words` 64-bit words before
/// the binary algorithm takes over: twice the most seen on 4096-bit inputs (201 batches,
/// about 3 steps per bit, in `tests::batch_counts_on_random_inputs`), so that the fallback is
/// for rare inputs only and the work stays bounded whatever the input.
fn max_batches(words: usize) -> usize {
    words.saturating_mul(64).saturating_mul(BATCHES_PER_KILOBIT) / 1024 + 8
}

/// See [`max_batches`].
const BATCHES_PER_KILOBIT: usize = 104;

/// Little-endian words as 64-bit words (the same on 64-bit targets).
fn to_u64_words(x: &[Word]) -> Vec<u64> {
    let bytes: Vec<u8> = x.iter().flat_map(|w| w.to_le_bytes()).collect();
    bytes
        .chunks(8)
        .map(|chunk| {
            chunk
                .iter()
                .rev()
                .fold(0u64, |acc, b| (acc << 8) | u64::from(*b))
        })
        .collect()
}

/// The binary algorithm (module documentation) on odd n and a < n.
fn binary_vartime(mut a: Vec<Word>, mut n: Vec<Word>) -> i8 {
    let mut ln = significant(&n);
    // Both in buffers of one width, so that a swap is a swap of buffers.
    let width = a.len().max(n.len());
    a.resize(width, 0);
    n.resize(width, 0);
    let mut negative = false;
    // (2 | n) = −1 exactly when n ≡ ±3 mod 8.
    let flip_for_twos = |zeros: u32, n: &[Word]| zeros & 1 == 1 && matches!(low(n) & 7, 3 | 5);
    let mut la = significant(&a);
    let zeros = trailing_zeros(&a);
    if zeros > 0 {
        la = shift_right(&mut a, zeros);
        negative ^= flip_for_twos(zeros, &n);
    }
    loop {
        let (a_part, n_part) = (a.get(..la).unwrap_or(&[]), n.get(..ln).unwrap_or(&[]));
        if la == 0 || a_part == n_part {
            // gcd(a, n) = n when a = n (or a = 0): the symbol is 0 unless n = 1.
            let unit = ln == 1 && low(&n) == 1;
            return match (unit, negative) {
                (false, _) => 0,
                (true, false) => 1,
                (true, true) => -1,
            };
        }
        // a and n are odd here.
        if less(a_part, n_part) {
            std::mem::swap(&mut a, &mut n);
            std::mem::swap(&mut la, &mut ln);
            negative ^= low(&a) & 3 == 3 && low(&n) & 3 == 3;
        }
        // n's words past ln are zero, so both slices have a's length.
        let (len, zeros) = sub_shift(
            a.get_mut(..la).unwrap_or(&mut []),
            n.get(..la).unwrap_or(&[]),
        );
        la = len;
        negative ^= flip_for_twos(zeros, &n);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use proptest::prelude::*;

    /// (a | n) by the definition's recursion on small integers, as a reference.
    fn reference(mut a: u128, mut n: u128) -> i8 {
        let mut sign = 1i8;
        a %= n;
        while a != 0 {
            while a.is_multiple_of(2) {
                a /= 2;
                if n % 8 == 3 || n % 8 == 5 {
                    sign = -sign;
                }
            }
            std::mem::swap(&mut a, &mut n);
            if a % 4 == 3 && n % 4 == 3 {
                sign = -sign;
            }
            a %= n;
        }
        if n == 1 {
            sign
        } else {
            0
        }
    }

    fn words(x: u128) -> Vec<Word> {
        let bytes = x.to_le_bytes();
        bytes
            .chunks_exact((Word::BITS / 8) as usize)
            .map(|c| {
                c.iter()
                    .rev()
                    .fold(0 as Word, |acc, b| (acc << 8) | Word::from(*b))
            })
            .collect()
    }

    proptest! {
        /// Two-word inputs exercise the carries between words of the fused subtract-and-shift.
        #[test]
        fn matches_the_reference_on_two_words(a in any::<u128>(), n in any::<u128>()) {
            let n = n | 1;
            prop_assert_eq!(jacobi_vartime(&words(a), &words(n)), reference(a, n));
        }

        /// Equal low words send the subtraction down the whole-word shift.
        #[test]
        fn equal_low_words(high_a in any::<u64>(), high_n in any::<u64>(), low in any::<u64>()) {
            let low = u128::from(low | 1);
            let (a, n) = ((u128::from(high_a) << 64) | low, (u128::from(high_n) << 64) | low);
            prop_assert_eq!(jacobi_vartime(&words(a), &words(n)), reference(a, n));
        }
    }

    proptest! {
        /// The binary algorithm alone (the fallback), against the reference.
        #[test]
        fn binary_matches_the_reference(a in any::<u128>(), n in any::<u128>()) {
            let n = n | 1;
            let (a, n) = (a % n, n);
            prop_assert_eq!(binary_vartime(words(a), words(n)), reference(a, n));
        }

        /// The division steps alone, against the reference: `None` never happens here.
        #[test]
        fn steps_match_the_reference(a in any::<u128>(), n in any::<u128>()) {
            let n = n | 1;
            let (a, n) = (a % n, n);
            let symbol = jacobi_steps::jacobi_posdivsteps_vartime(
                &to_u64_words(&words(a)),
                &to_u64_words(&words(n)),
                max_batches(2),
            );
            prop_assert_eq!(symbol, Some(reference(a, n)));
        }
    }

    /// The 4096-bit standard p: squares give 1, their negatives −1 (p ≡ 3 mod 4), random values
    /// agree with the binary algorithm; and the batches each symbol needs, the ground for
    /// [`BATCHES_PER_KILOBIT`].
    #[test]
    fn batch_counts_on_random_inputs() {
        use crate::group::{ParameterSet, Standard};
        let p = Standard::group().p().as_words().to_vec();
        let p64 = to_u64_words(&p);
        let mut most = 0;
        for seed in 0u8..48 {
            let x = crate::group::Element::<Standard>::g_pow(
                &crate::group::Scalar::from_bytes_reduced(&[seed, 1, 2, 3]),
            );
            let bytes = x.to_bytes();
            let square = BoxedUint::from_be_slice_truncated(&bytes, 4096);
            let negated = Standard::group().p().wrapping_sub(&square);
            let scrambled = BoxedUint::from_be_slice_truncated(
                &bytes
                    .iter()
                    .map(|b| b.rotate_left(3) ^ seed)
                    .collect::<Vec<_>>(),
                4096,
            );
            for (value, expected) in [(&square, Some(1)), (&negated, Some(-1)), (&scrambled, None)]
            {
                let words = value.as_words().to_vec();
                let binary = binary_vartime(words.clone(), p.clone());
                let a64 = to_u64_words(&words);
                let steps = jacobi_steps::jacobi_posdivsteps_vartime(&a64, &p64, usize::MAX);
                assert_eq!(steps, Some(binary), "seed {seed}");
                if let Some(expected) = expected {
                    assert_eq!(binary, expected, "seed {seed}");
                }
                // The fewest batches that give an answer.
                let (mut low, mut high) = (1usize, 4096usize);
                while low < high {
                    let mid = (low + high) / 2;
                    if jacobi_steps::jacobi_posdivsteps_vartime(&a64, &p64, mid).is_some() {
                        high = mid;
                    } else {
                        low = mid + 1;
                    }
                }
                most = most.max(low);
            }
        }
        eprintln!(
            "most batches for a 4096-bit symbol: {most} (limit {})",
            max_batches(64)
        );
        assert!(
            2 * most <= max_batches(64),
            "the limit leaves too little margin: {most}"
        );
    }

    #[test]
    fn small_cases() {
        assert_eq!(jacobi_vartime(&words(0), &words(1)), 1);
        assert_eq!(jacobi_vartime(&words(0), &words(9)), 0);
        assert_eq!(jacobi_vartime(&words(2), &words(7)), 1);
        assert_eq!(jacobi_vartime(&words(3), &words(7)), -1);
        assert_eq!(jacobi_vartime(&words(6), &words(9)), 0);
        assert_eq!(jacobi_vartime(&words(5), &words(4)), 0);
    }
}
