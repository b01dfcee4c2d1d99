//! Variable-base exponentiation of four (base, exponent) pairs at once, for PUBLIC exponents
//! only (the challenges of the proofs that verification checks).
//!
//! Each lane runs its own left-to-right fixed-window exponentiation (4-bit windows): the
//! squarings are the same for all lanes, and each window multiplies every lane by the power
//! of its own base that its own digit names, gathered lane by lane from a table of
//! x^0 … x^15. The table index depends on the exponent, which is why this is `_vartime`
//! in spirit and must never see a secret.

use super::super::digits::{self, DIGITS, LIMBS};
use super::kernel::{broadcast, mont_mul, mont_square, Modulus, Operand, PADDED};
use super::Avx2;
use crate::group::fixed_base::bits_at;
use crate::group::vartime::bit_length;
use core::arch::x86_64::{
    _mm256_blend_epi32, _mm256_extract_epi64, _mm256_set_epi64x, _mm256_setzero_si256,
};
use crypto_bigint::Word;

/// Bits per window.
const WINDOW: u32 = 4;
/// Table entries: x^0 … x^15.
const ENTRIES: usize = 1 << WINDOW;

/// The constants of the four-lane variable-base path.
pub(in crate::group) struct Engine {
    avx2: Avx2,
    modulus: Modulus,
    /// p's limbs, for the final reduction.
    p: [u64; LIMBS],
    /// 2^4112 mod p: a product with it takes x·R (a [`Residue`]'s form) to x·R'.
    ///
    /// [`Residue`]: crate::group::montgomery::Residue
    into: Operand,
    /// R = 2^4096 mod p: a product with it takes x·R' back to x·R.
    out_of: Operand,
    /// R' mod p: 1 in R'-form.
    one: Operand,
}

impl Engine {
    /// The engine for p (64 limbs), given p's R-form residues of 2^16 and 2^8 and of 1
    /// (their limbs are the integers 2^4112, 2^4104 and 2^4096 mod p).
    pub(in crate::group) fn new(
        avx2: Avx2,
        p: [u64; LIMBS],
        r_form_of_2_16: &[u64],
        r_form_of_2_8: &[u64],
        r_form_of_1: &[u64],
    ) -> Engine {
        let [into, one, out_of] =
            [r_form_of_2_16, r_form_of_2_8, r_form_of_1].map(digits::digits_of);
        // SAFETY: `avx2` proves that the processor has AVX2.
        unsafe {
            Engine {
                avx2,
                modulus: Modulus::new(&p),
                p,
                into: broadcast(&into),
                out_of: broadcast(&out_of),
                one: broadcast(&one),
            }
        }
    }

    /// base_i^(e_i) for each pair, as the limbs of R-form residues below p. The bases are
    /// R-form limbs below p; the exponents are public.
    pub(in crate::group) fn pow_vartime(&self, pairs: &[(&[u64], &[Word])]) -> Vec<[u64; LIMBS]> {
        let Avx2 { .. } = self.avx2;
        let mut out = Vec::with_capacity(pairs.len());
        for group in pairs.chunks(4) {
            // SAFETY: `self.avx2` proves that the processor has AVX2.
            let results = unsafe { self.pow_four(group) };
            out.extend(results.into_iter().take(group.len()));
        }
        out
    }

    /// Up to four pairs; lanes past `pairs.len()` compute 1^0.
    #[target_feature(enable = "avx2")]
    fn pow_four(&self, pairs: &[(&[u64], &[Word])]) -> [[u64; LIMBS]; 4] {
        let zero = _mm256_setzero_si256();
        let none: &[Word] = &[];
        let exponent = |lane: usize| pairs.get(lane).map(|(_, e)| *e).unwrap_or(none);
        let base_digits = |lane: usize| {
            pairs
                .get(lane)
                .map(|(x, _)| digits::digits_of(x))
                .unwrap_or([0; DIGITS])
        };
        let bases = [
            base_digits(0),
            base_digits(1),
            base_digits(2),
            base_digits(3),
        ];
        let mut x: Operand = [zero; PADDED];
        for (j, v) in x.iter_mut().enumerate().take(DIGITS) {
            let d = |lane: &[u32; DIGITS]| i64::from(lane.get(j).copied().unwrap_or(0));
            *v = _mm256_set_epi64x(d(&bases[3]), d(&bases[2]), d(&bases[1]), d(&bases[0]));
        }
        let mut scratch: Operand = [zero; PADDED];
        // table[d] = x^d in R'-form, lane by lane.
        let mut table: Vec<Operand> = Vec::with_capacity(ENTRIES);
        table.push(self.one);
        mont_mul(&x, &self.into, &self.modulus, &mut scratch);
        table.push(scratch);
        for _ in 2..ENTRIES {
            if let Some(last) = table.last() {
                mont_mul(last, &scratch, &self.modulus, &mut x);
            }
            table.push(x);
        }
        let bits = (0..4)
            .map(|lane| bit_length(exponent(lane)))
            .max()
            .unwrap_or(0);
        let windows = bits.div_ceil(WINDOW);
        let digit_of =
            |lane: usize, window: u32| bits_at(exponent(lane), window * WINDOW, WINDOW) as usize;
        let mut acc = self.one;
        for window in (0..windows).rev() {
            if window + 1 < windows {
                for _ in 0..WINDOW {
                    mont_square(&acc, &self.modulus, &mut scratch);
                    acc = scratch;
                }
            }
            let wanted = [0, 1, 2, 3].map(|lane| digit_of(lane, window));
            gather(&table, wanted, &mut x);
            mont_mul(&acc, &x, &self.modulus, &mut scratch);
            acc = scratch;
        }
        mont_mul(&acc, &self.out_of, &self.modulus, &mut scratch);
        let mut results = [[0u64; LIMBS]; 4];
        let lanes: [[u64; DIGITS]; 4] = lanes_of(&scratch);
        for (result, lane) in results.iter_mut().zip(&lanes) {
            *result = digits::reduce_below(&digits::limbs_of(lane), &self.p);
        }
        results
    }
}

/// Lane L of `out` ← lane L of `table[wanted[L]]`, vector by vector.
#[target_feature(enable = "avx2")]
fn gather(table: &[Operand], wanted: [usize; 4], out: &mut Operand) {
    let zero = [_mm256_setzero_si256(); PADDED];
    let pick = |lane: usize| {
        let index = wanted.get(lane).copied().unwrap_or(0);
        table.get(index).unwrap_or(&zero)
    };
    let (t0, t1, t2, t3) = (pick(0), pick(1), pick(2), pick(3));
    for ((((o, a), b), c), d) in out.iter_mut().zip(t0).zip(t1).zip(t2).zip(t3) {
        let v = _mm256_blend_epi32::<0b0000_1100>(*a, *b);
        let v = _mm256_blend_epi32::<0b0011_0000>(v, *c);
        *o = _mm256_blend_epi32::<0b1100_0000>(v, *d);
    }
}

/// The digits of each lane.
#[target_feature(enable = "avx2")]
fn lanes_of(x: &Operand) -> [[u64; DIGITS]; 4] {
    let mut lanes = [[0u64; DIGITS]; 4];
    for (j, v) in x.iter().enumerate().take(DIGITS) {
        let values = [
            _mm256_extract_epi64::<0>(*v),
            _mm256_extract_epi64::<1>(*v),
            _mm256_extract_epi64::<2>(*v),
            _mm256_extract_epi64::<3>(*v),
        ];
        for (lane, value) in lanes.iter_mut().zip(values) {
            if let Some(slot) = lane.get_mut(j) {
                *slot = value as u64;
            }
        }
    }
    lanes
}
