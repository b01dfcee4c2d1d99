//! The fixed-base table of the four-lane path, and its constant-time exponentiation.
//!
//! x^e = Π_i T_i[d_i] over the 6-bit windows d_i of e (as in `fixed_base.rs`), with the
//! windows dealt out to four lanes: lane L takes windows s + S·L for steps s < S, so each
//! step is one four-lane multiplication instead of four, and two more multiplications
//! combine the lanes at the end. For a 256-bit exponent: 11 + 2 four-lane products instead of
//! 43 one-lane ones.
//!
//! Step s of the table holds, for each digit d < 64, the four lanes' entries
//! x^(d·2^(6(s+S·L))) side by side as 32-bit digits, two digits to a vector. The row of a
//! step is read whole for every exponent, each entry masked by a lane-wise comparison of d
//! with the four lanes' digits (`vpcmpeqd`), so the addresses read and the instructions run
//! do not depend on the exponent.
//!
//! Entries are in R'-Montgomery form (x·R' mod p, R' = 2^4104) except those of window 0,
//! which are in the R-form of [`Residue`] (x·2^4096 mod p): lane 0's product then carries a
//! factor R/R' that turns the final R'-form result into an R-form residue with no
//! conversion.

use super::super::digits::{self, DIGITS, LIMBS};
use super::kernel::{mont_mul, Modulus, Operand, PADDED};
use super::Avx2;
use crate::group::fixed_base::bits_at;
use crate::group::montgomery::{Field, Residue};
use core::arch::x86_64::{
    __m256i, _mm256_and_si256, _mm256_castsi256_si128, _mm256_cmpeq_epi32, _mm256_cvtepu32_epi64,
    _mm256_extract_epi64, _mm256_extracti128_si256, _mm256_or_si256, _mm256_permute4x64_epi64,
    _mm256_set1_epi32, _mm256_set_epi32, _mm256_setzero_si256,
};
use crypto_bigint::{BoxedUint, Resize, Word};
use zeroize::Zeroize;

/// Bits per window.
const WINDOW: u32 = 6;
/// Entries per window: every digit 0 ≤ d < 2^6.
const ENTRIES: usize = 1 << WINDOW;
/// Vectors per entry: two 32-bit digits of each of the four lanes per vector.
const PAIRS: usize = DIGITS / 2;
/// Pairs gathered per pass over a step's entries (held in registers).
const BLOCK: usize = 4;

/// The four-lane fixed-base table of one base modulo the standard 4096-bit p.
pub(in crate::group) struct Table {
    avx2: Avx2,
    /// Steps S = ⌈windows / 4⌉.
    steps: u32,
    /// Step s, entry d, pair t at (s·64 + d)·76 + t.
    entries: Vec<__m256i>,
    modulus: Modulus,
    /// p's limbs, for the final reduction.
    p: [u64; LIMBS],
}

impl Table {
    /// The table of `base` for exponents of at most `exponent_bits` bits, when `field` is the
    /// 4096-bit one this path is written for.
    pub(in crate::group) fn new(
        avx2: Avx2,
        base: &Residue,
        field: &Field,
        exponent_bits: u32,
    ) -> Option<Table> {
        let p = <[u64; LIMBS]>::try_from(field.modulus_limbs()).ok()?;
        let windows = exponent_bits.max(1).div_ceil(WINDOW);
        let steps = windows.div_ceil(4);
        // 2^8 in R-form: a Montgomery product with it takes x·R to x·R·2^8 = x·R'.
        let to_r_prime = field.residue(&BoxedUint::from(256u64).resize_unchecked(field.bits()));
        let mut digits = vec![[0u32; DIGITS]; steps as usize * ENTRIES * 4];
        let mut row_base = base.clone();
        for window in 0..steps * 4 {
            let (lane, step) = (window / steps, window % steps);
            let mut power = field.one().clone();
            for digit in 0..ENTRIES {
                let entry = if window == 0 {
                    power.clone()
                } else {
                    field.mul(&power, &to_r_prime)
                };
                let slot = (step as usize * ENTRIES + digit) * 4 + lane as usize;
                if let Some(slot) = digits.get_mut(slot) {
                    *slot = digits::digits_of(entry.limbs());
                }
                field.mul_assign(&mut power, &row_base);
            }
            // power = row_base^64: the next window's base.
            row_base = power;
        }
        // SAFETY: `avx2` proves that the processor has AVX2.
        let (entries, modulus) = unsafe { pack(&digits, &p) };
        Some(Table {
            avx2,
            steps,
            entries,
            modulus,
            p,
        })
    }

    /// x^e for an exponent given as little-endian words, in time independent of e.
    pub(in crate::group) fn pow_ct(&self, field: &Field, exponent: &[Word]) -> Residue {
        let Avx2 { .. } = self.avx2;
        // SAFETY: `self.avx2` proves that the processor has AVX2.
        let mut limbs = unsafe { self.pow_lanes(exponent) };
        let residue = field.residue_from_limbs(&limbs);
        limbs.zeroize();
        residue
    }

    /// The product of the four lanes' windows, as the limbs of a residue in R-form.
    #[target_feature(enable = "avx2")]
    fn pow_lanes(&self, exponent: &[Word]) -> [u64; LIMBS] {
        let zero = _mm256_setzero_si256();
        let mut acc: Operand = [zero; PADDED];
        let mut entry: Operand = [zero; PADDED];
        let mut product: Operand = [zero; PADDED];
        for step in 0..self.steps {
            let lane_digit =
                |lane: u32| bits_at(exponent, (step + self.steps * lane) * WINDOW, WINDOW) as i32;
            let wanted = [lane_digit(0), lane_digit(1), lane_digit(2), lane_digit(3)];
            self.select(step, wanted, &mut entry);
            if step == 0 {
                acc = entry;
            } else {
                mont_mul(&acc, &entry, &self.modulus, &mut product);
                acc = product;
            }
        }
        // Lanes (y0, y1, y2, y3) → (y0·y1, ·, y2·y3, ·) → y0·y1·y2·y3 in lane 0.
        for (e, a) in entry.iter_mut().zip(&acc) {
            *e = _mm256_permute4x64_epi64::<0b10_11_00_01>(*a);
        }
        mont_mul(&acc, &entry, &self.modulus, &mut product);
        for (e, a) in entry.iter_mut().zip(&product) {
            *e = _mm256_permute4x64_epi64::<0b01_00_11_10>(*a);
        }
        mont_mul(&product, &entry, &self.modulus, &mut acc);
        let mut lane0 = [0u64; DIGITS];
        for (d, a) in lane0.iter_mut().zip(&acc) {
            *d = _mm256_extract_epi64::<0>(*a) as u64;
        }
        let mut wide = digits::limbs_of(&lane0);
        let limbs = digits::reduce_below(&wide, &self.p);
        acc.zeroize();
        entry.zeroize();
        product.zeroize();
        lane0.zeroize();
        wide.zeroize();
        limbs
    }

    /// Sets `out` to the entries of step `step` for the four lanes' digits `wanted`, reading
    /// every entry of the step and keeping each lane's by a mask. Out of line, so that its
    /// machine code can be checked on its own for branches on the digits (there are none: the
    /// only jumps are the loops' back edges, whose counts are constants).
    #[target_feature(enable = "avx2")]
    #[inline(never)]
    fn select(&self, step: u32, wanted: [i32; 4], out: &mut Operand) {
        let [d0, d1, d2, d3] = wanted;
        let lanes = _mm256_set_epi32(d3, d2, d1, d0, d3, d2, d1, d0);
        let row_len = ENTRIES * PAIRS;
        let start = step as usize * row_len;
        let row = self.entries.get(start..start + row_len).unwrap_or(&[]);
        let mut masks = [_mm256_setzero_si256(); ENTRIES];
        for (digit, mask) in masks.iter_mut().enumerate() {
            *mask = _mm256_cmpeq_epi32(lanes, _mm256_set1_epi32(digit as i32));
        }
        let mut outputs = out.chunks_exact_mut(2 * BLOCK);
        for (block, out) in (&mut outputs).enumerate() {
            let mut gathered = [_mm256_setzero_si256(); BLOCK];
            for (entry, mask) in row.chunks_exact(PAIRS).zip(&masks) {
                let pairs = entry.get(block * BLOCK..(block + 1) * BLOCK).unwrap_or(&[]);
                for (g, pair) in gathered.iter_mut().zip(pairs) {
                    *g = _mm256_or_si256(*g, _mm256_and_si256(*pair, *mask));
                }
            }
            for (pair, g) in out.chunks_exact_mut(2).zip(&gathered) {
                if let [low, high] = pair {
                    *low = _mm256_cvtepu32_epi64(_mm256_castsi256_si128(*g));
                    *high = _mm256_cvtepu32_epi64(_mm256_extracti128_si256::<1>(*g));
                }
            }
            gathered.zeroize();
        }
        masks.zeroize();
    }
}

/// The table's vectors from its per-lane digits, and the modulus constants.
#[target_feature(enable = "avx2")]
fn pack(digits: &[[u32; DIGITS]], p: &[u64; LIMBS]) -> (Vec<__m256i>, Modulus) {
    let mut entries = Vec::with_capacity(digits.len() / 4 * PAIRS);
    for lanes in digits.chunks_exact(4) {
        if let [l0, l1, l2, l3] = lanes {
            for t in 0..PAIRS {
                let d = |lane: &[u32; DIGITS], j: usize| lane.get(j).copied().unwrap_or(0) as i32;
                let (lo, hi) = (2 * t, 2 * t + 1);
                entries.push(_mm256_set_epi32(
                    d(l3, hi),
                    d(l2, hi),
                    d(l1, hi),
                    d(l0, hi),
                    d(l3, lo),
                    d(l2, lo),
                    d(l1, lo),
                    d(l0, lo),
                ));
            }
        }
    }
    (entries, Modulus::new(p))
}
