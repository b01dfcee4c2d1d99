//! The fixed-base table of the four-lane path, and its constant-time exponentiation.
//!
//! x^e = Π_i T_i[d_i] over the 6-bit windows d_i of e (as in `fixed_base.rs`). Two ways fill
//! the four lanes:
//!
//! - one exponent ([`Table::pow_ct`]): its windows are dealt out to the lanes, lane L taking
//!   windows s + S·L for steps s < S, so each step is one four-lane product instead of four,
//!   and two more products combine the lanes: 11 + 2 four-lane products for a 256-bit
//!   exponent;
//! - four exponents ([`Table::pow_ct_four`]): lane L computes the L-th exponent's product, all
//!   four lanes in the same window at each step: 42 four-lane products for four 256-bit
//!   exponents (10.5 each instead of 13), and one pass over the table instead of four.
//!
//! Window w holds, for each digit d < 64, x^(d·2^(6w)) as 152 digits of 32 bits, eight to a
//! vector, vector t of all 64 entries side by side. A lane's entry is found by reading the whole row of its window and keeping the
//! wanted entry with a mask from a comparison of d with the lane's digit (`vpcmpeqd`), so the
//! addresses read and the instructions run do not depend on the exponent.
//!
//! Entries are in R'-Montgomery form (x·R' mod p, R' = 2^4104) except those of window 0,
//! which are in the R-form of [`Residue`] (x·2^4096 mod p): the product of a lane's entries
//! then carries a factor R/R' that turns the final R'-form result into an R-form residue with
//! no conversion.

use super::super::digits::{self, DIGITS, LIMBS};
use super::kernel::{lanes_of, mont_mul, product_of_lanes, Modulus, Operand, PADDED};
use super::Avx2;
use crate::group::fixed_base::bits_at;
use crate::group::montgomery::{Field, Residue};
use core::arch::x86_64::{
    __m256i, _mm256_and_si256, _mm256_castsi256_si128, _mm256_cmpeq_epi32, _mm256_cvtepu32_epi64,
    _mm256_extracti128_si256, _mm256_or_si256, _mm256_set1_epi32, _mm256_set_epi32,
    _mm256_setzero_si256, _mm256_unpackhi_epi32, _mm256_unpackhi_epi64, _mm256_unpacklo_epi32,
    _mm256_unpacklo_epi64,
};
use crypto_bigint::{BoxedUint, Resize, Word};
use zeroize::Zeroize;

/// Bits per window.
const WINDOW: u32 = 6;
/// Entries per window: every digit 0 ≤ d < 2^6.
const ENTRIES: usize = 1 << WINDOW;
/// Vectors per entry: eight 32-bit digits per vector, and one of zeros so that both blocks
/// below divide the count.
const VECTORS: usize = DIGITS / 8 + 1;
/// One lane's entry, eight digits to a vector.
type Packed = [__m256i; VECTORS];
/// Vectors of an entry gathered per pass over a row, held in registers.
const BLOCK: usize = 4;
/// The same when four lanes gather from one row at once (four accumulators per vector).
const SHARED_BLOCK: usize = 2;

/// The four-lane fixed-base table of one base modulo the standard 4096-bit p.
pub(in crate::group) struct Table {
    avx2: Avx2,
    /// Windows of an exponent: ⌈exponent bits / 6⌉.
    windows: u32,
    /// Steps S = ⌈windows / 4⌉ of [`Table::pow_ct`]; the table has 4·S windows, those past
    /// `windows` read only with digit 0.
    steps: u32,
    /// Window w, vector t, entry d at (w·20 + t)·64 + d: a pass over a block of vectors
    /// reads consecutive addresses.
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
        let mut digits = Vec::with_capacity(steps as usize * 4 * ENTRIES);
        let mut row_base = base.clone();
        for window in 0..steps * 4 {
            let mut power = field.one().clone();
            for _ in 0..ENTRIES {
                let entry = if window == 0 {
                    power.clone()
                } else {
                    field.mul(&power, &to_r_prime)
                };
                digits.push(digits::digits_of(entry.limbs()));
                field.mul_assign(&mut power, &row_base);
            }
            // power = row_base^64: the next window's base.
            row_base = power;
        }
        // SAFETY: `avx2` proves that the processor has AVX2.
        let (entries, modulus) = unsafe { pack(&digits, &p) };
        Some(Table {
            avx2,
            windows,
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
        let mut limbs = unsafe { self.pow_split(exponent) };
        let residue = field.residue_from_limbs(&limbs);
        limbs.zeroize();
        residue
    }

    /// x^(e_L) for four exponents given as little-endian words, in time independent of them.
    pub(in crate::group) fn pow_ct_four(
        &self,
        field: &Field,
        exponents: [&[Word]; 4],
    ) -> [Residue; 4] {
        let Avx2 { .. } = self.avx2;
        // SAFETY: `self.avx2` proves that the processor has AVX2.
        let mut lanes = unsafe { self.pow_lockstep(exponents) };
        let residues = lanes
            .each_ref()
            .map(|limbs| field.residue_from_limbs(limbs));
        lanes.zeroize();
        residues
    }

    /// The product of the four lanes' windows of one exponent, as the limbs of a residue in
    /// R-form.
    #[target_feature(enable = "avx2")]
    fn pow_split(&self, exponent: &[Word]) -> [u64; LIMBS] {
        let zero = _mm256_setzero_si256();
        let mut acc: Operand = [zero; PADDED];
        let mut entry: Operand = [zero; PADDED];
        let mut product: Operand = [zero; PADDED];
        for step in 0..self.steps {
            let window = |lane: u32| step + self.steps * lane;
            let wanted =
                [0, 1, 2, 3].map(|lane| bits_at(exponent, window(lane) * WINDOW, WINDOW) as i32);
            self.select_split(step, wanted, &mut entry);
            if step == 0 {
                acc = entry;
            } else {
                mont_mul(&acc, &entry, &self.modulus, &mut product);
                acc = product;
            }
        }
        product_of_lanes(&acc, &self.modulus, &mut product);
        let [mut lane0, mut others @ ..] = lanes_of(&product);
        let mut wide = digits::limbs_of(&lane0);
        let limbs = digits::reduce_below(&wide, &self.p);
        acc.zeroize();
        entry.zeroize();
        product.zeroize();
        lane0.zeroize();
        others.zeroize();
        wide.zeroize();
        limbs
    }

    /// The products of four exponents' windows, lane L for exponent L, as the limbs of
    /// residues in R-form.
    #[target_feature(enable = "avx2")]
    fn pow_lockstep(&self, exponents: [&[Word]; 4]) -> [[u64; LIMBS]; 4] {
        let zero = _mm256_setzero_si256();
        let mut acc: Operand = [zero; PADDED];
        let mut entry: Operand = [zero; PADDED];
        let mut product: Operand = [zero; PADDED];
        for window in 0..self.windows {
            let wanted = exponents.map(|e| bits_at(e, window * WINDOW, WINDOW) as i32);
            self.select_shared(window, wanted, &mut entry);
            if window == 0 {
                acc = entry;
            } else {
                mont_mul(&acc, &entry, &self.modulus, &mut product);
                acc = product;
            }
        }
        let mut lanes = lanes_of(&acc);
        let mut out = [[0u64; LIMBS]; 4];
        for (limbs, lane) in out.iter_mut().zip(&lanes) {
            let mut wide = digits::limbs_of(lane);
            *limbs = digits::reduce_below(&wide, &self.p);
            wide.zeroize();
        }
        acc.zeroize();
        entry.zeroize();
        product.zeroize();
        lanes.zeroize();
        out
    }

    /// The row of window `window`.
    fn row(&self, window: u32) -> &[__m256i] {
        let row_len = ENTRIES * VECTORS;
        let start = window as usize * row_len;
        self.entries.get(start..start + row_len).unwrap_or(&[])
    }

    /// Sets lane L of `out` to entry `wanted[L]` of window s + S·L, for step s = `step`,
    /// reading every entry of those four rows and keeping each lane's by a mask. Out of line,
    /// so that its machine code can be checked on its own for branches on the digits (there
    /// are none: the only jumps are the loops' back edges, whose counts are constants).
    #[target_feature(enable = "avx2")]
    #[inline(never)]
    fn select_split(&self, step: u32, wanted: [i32; 4], out: &mut Operand) {
        let zero = _mm256_setzero_si256();
        let mut lanes = [[zero; VECTORS]; 4];
        for ((lane, packed), digit) in (0..4u32).zip(lanes.iter_mut()).zip(wanted) {
            let row = self.row(step + self.steps * lane);
            let target = _mm256_set1_epi32(digit);
            let mut masks = [zero; ENTRIES];
            for (d, mask) in masks.iter_mut().enumerate() {
                *mask = _mm256_cmpeq_epi32(target, _mm256_set1_epi32(d as i32));
            }
            let blocks = row.chunks_exact(BLOCK * ENTRIES);
            for (columns, out) in blocks.zip(packed.chunks_exact_mut(BLOCK)) {
                let Some((c0, rest)) = columns.split_at_checked(ENTRIES) else {
                    continue;
                };
                let Some((c1, rest)) = rest.split_at_checked(ENTRIES) else {
                    continue;
                };
                let Some((c2, c3)) = rest.split_at_checked(ENTRIES) else {
                    continue;
                };
                let [mut g0, mut g1, mut g2, mut g3] = [zero; BLOCK];
                let keep = |g: __m256i, v: &__m256i, mask: &__m256i| {
                    _mm256_or_si256(g, _mm256_and_si256(*v, *mask))
                };
                for ((((v0, v1), v2), v3), mask) in c0.iter().zip(c1).zip(c2).zip(c3).zip(&masks) {
                    g0 = keep(g0, v0, mask);
                    g1 = keep(g1, v1, mask);
                    g2 = keep(g2, v2, mask);
                    g3 = keep(g3, v3, mask);
                }
                out.copy_from_slice(&[g0, g1, g2, g3]);
            }
            masks.zeroize();
        }
        interleave(&lanes, out);
        lanes.zeroize();
    }

    /// Sets lane L of `out` to entry `wanted[L]` of window `window`, reading every entry of
    /// the row once for the four lanes and keeping each lane's by a mask. Out of line for the
    /// same check as [`Table::select_split`] (no branch on the digits).
    #[target_feature(enable = "avx2")]
    #[inline(never)]
    fn select_shared(&self, window: u32, wanted: [i32; 4], out: &mut Operand) {
        let zero = _mm256_setzero_si256();
        let row = self.row(window);
        let targets = wanted.map(|d| _mm256_set1_epi32(d));
        let mut masks = [[zero; 4]; ENTRIES];
        for (d, lane_masks) in masks.iter_mut().enumerate() {
            let digit = _mm256_set1_epi32(d as i32);
            for (mask, target) in lane_masks.iter_mut().zip(&targets) {
                *mask = _mm256_cmpeq_epi32(*target, digit);
            }
        }
        let mut lanes = [[zero; VECTORS]; 4];
        let blocks = row.chunks_exact(SHARED_BLOCK * ENTRIES);
        for (block, columns) in blocks.enumerate() {
            let Some((c0, c1)) = columns.split_at_checked(ENTRIES) else {
                continue;
            };
            let mut gathered = [[zero; SHARED_BLOCK]; 4];
            for ((v0, v1), lane_masks) in c0.iter().zip(c1).zip(&masks) {
                for ([g0, g1], mask) in gathered.iter_mut().zip(lane_masks) {
                    *g0 = _mm256_or_si256(*g0, _mm256_and_si256(*v0, *mask));
                    *g1 = _mm256_or_si256(*g1, _mm256_and_si256(*v1, *mask));
                }
            }
            for (packed, lane) in lanes.iter_mut().zip(&gathered) {
                let start = block * SHARED_BLOCK;
                if let Some(slots) = packed.get_mut(start..start + SHARED_BLOCK) {
                    slots.copy_from_slice(lane);
                }
            }
        }
        masks.zeroize();
        interleave(&lanes, out);
        lanes.zeroize();
    }
}

/// Digit j of lane L of `out` ← digit j of `lanes[L]` (eight 32-bit digits per vector there,
/// one 64-bit digit per lane here): a 4×8 transpose per vector of each lane.
#[target_feature(enable = "avx2")]
fn interleave(lanes: &[Packed; 4], out: &mut Operand) {
    let [l0, l1, l2, l3] = lanes;
    let widen_low = |x: __m256i| _mm256_cvtepu32_epi64(_mm256_castsi256_si128(x));
    let widen_high = |x: __m256i| _mm256_cvtepu32_epi64(_mm256_extracti128_si256::<1>(x));
    for ((((digits, a), b), c), d) in out.chunks_exact_mut(8).zip(l0).zip(l1).zip(l2).zip(l3) {
        // Per 128-bit half: [a0 b0 a1 b1], [a2 b2 a3 b3], and the same for c and d.
        let (ab_low, ab_high) = (_mm256_unpacklo_epi32(*a, *b), _mm256_unpackhi_epi32(*a, *b));
        let (cd_low, cd_high) = (_mm256_unpacklo_epi32(*c, *d), _mm256_unpackhi_epi32(*c, *d));
        // Digit k of the four lanes, in the low half for k < 4 and the high half for k + 4.
        let columns = [
            _mm256_unpacklo_epi64(ab_low, cd_low),
            _mm256_unpackhi_epi64(ab_low, cd_low),
            _mm256_unpacklo_epi64(ab_high, cd_high),
            _mm256_unpackhi_epi64(ab_high, cd_high),
        ];
        if let [d0, d1, d2, d3, d4, d5, d6, d7] = digits {
            let [c0, c1, c2, c3] = columns;
            (*d0, *d4) = (widen_low(c0), widen_high(c0));
            (*d1, *d5) = (widen_low(c1), widen_high(c1));
            (*d2, *d6) = (widen_low(c2), widen_high(c2));
            (*d3, *d7) = (widen_low(c3), widen_high(c3));
        }
    }
}

/// The table's vectors from its entries' digits (64 entries per window, in order), and the
/// modulus constants.
#[target_feature(enable = "avx2")]
fn pack(digits: &[[u32; DIGITS]], p: &[u64; LIMBS]) -> (Vec<__m256i>, Modulus) {
    let mut entries = Vec::with_capacity(digits.len() * VECTORS);
    for window in digits.chunks_exact(ENTRIES) {
        for t in 0..VECTORS {
            for entry in window {
                let d = |k: usize| entry.get(8 * t + k).copied().unwrap_or(0) as i32;
                entries.push(_mm256_set_epi32(
                    d(7),
                    d(6),
                    d(5),
                    d(4),
                    d(3),
                    d(2),
                    d(1),
                    d(0),
                ));
            }
        }
    }
    (entries, Modulus::new(p))
}
