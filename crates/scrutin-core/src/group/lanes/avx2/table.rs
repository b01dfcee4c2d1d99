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
//! Window w holds, for each digit d < 64, x^(d·2^(6w)) as 152 digits of 32 bits in the row
//! layout of `select.rs`. A lane's entry is found by reading the whole row of its window and
//! keeping the wanted entry with a mask from a comparison of d with the lane's digit
//! (`vpcmpeqd`), so the addresses read and the instructions run do not depend on the exponent.
//!
//! Entries are in R'-Montgomery form (x·R' mod p, R' = 2^4104) except those of window 0,
//! which are in the R-form of [`Residue`] (x·2^4096 mod p): the product of a lane's entries
//! then carries a factor R/R' that turns the final R'-form result into an R-form residue with
//! no conversion.

use super::super::digits::{self, DIGITS, LIMBS};
use super::kernel::{lanes_of, mont_mul, product_of_lanes, Modulus, Operand, PADDED};
use super::select::{gather_rows, interleave, pack_rows, VECTORS};
use super::Avx2;
use crate::group::fixed_base::bits_at;
use crate::group::montgomery::{Field, Residue};
use core::arch::x86_64::{
    __m256i, _mm256_and_si256, _mm256_cmpeq_epi32, _mm256_or_si256, _mm256_set1_epi32,
    _mm256_setzero_si256,
};
use crypto_bigint::{BoxedUint, Resize, Word};
use zeroize::Zeroize;

/// Bits per window.
const WINDOW: u32 = 6;
/// Entries per window: every digit 0 ≤ d < 2^6.
const ENTRIES: usize = 1 << WINDOW;
/// Vectors of an entry gathered per pass over a row when four lanes gather from one row at
/// once (four accumulators per vector).
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
        let [mut lane0, mut others @ ..] = lanes_of(&product, &self.modulus);
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
        let mut lanes = lanes_of(&acc, &self.modulus);
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
    /// reading every entry of those four rows and keeping each lane's by a mask
    /// ([`gather_rows`], which has no branch on the digits); `out` is in the kernel's form.
    #[target_feature(enable = "avx2")]
    fn select_split(&self, step: u32, wanted: [i32; 4], out: &mut Operand) {
        let rows = [0, 1, 2, 3].map(|lane| self.row(step + self.steps * lane));
        gather_rows::<ENTRIES>(rows, wanted, out);
        self.modulus.enter(out);
    }

    /// Sets lane L of `out` to entry `wanted[L]` of window `window`, reading every entry of
    /// the row once for the four lanes and keeping each lane's by a mask. Out of line, so
    /// that its machine code can be checked on its own for branches on the digits (as
    /// [`gather_rows`]'s: none). The accumulators `gathered` stay in registers; the one copy
    /// of the gathered digits in memory, `lanes`, is zeroized. `out` is in the kernel's form.
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
        self.modulus.enter(out);
    }
}

/// The table's vectors from its entries' digits (64 entries per window, in order), and the
/// modulus constants.
#[target_feature(enable = "avx2")]
fn pack(digits: &[[u32; DIGITS]], p: &[u64; LIMBS]) -> (Vec<__m256i>, Modulus) {
    let mut entries = Vec::with_capacity(digits.len() * VECTORS);
    pack_rows::<ENTRIES>(digits, &mut entries);
    (entries, Modulus::new(p))
}
