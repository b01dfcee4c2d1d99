//! Constant-time selection of table entries, one per lane: each lane reads the whole of a row
//! and keeps the wanted entry with a mask, so the addresses read and the instructions run do
//! not depend on the (secret) digits.
//!
//! A row holds `N` entries of [`VECTORS`] vectors of eight 32-bit digits each, vector t of all
//! `N` entries side by side (entry d's vector t at t·N + d), so that a pass over a block of
//! vectors reads consecutive addresses.

use super::super::digits::DIGITS;
use super::kernel::Operand;
use core::arch::x86_64::{
    __m256i, _mm256_and_si256, _mm256_castsi256_si128, _mm256_cmpeq_epi32, _mm256_cvtepu32_epi64,
    _mm256_extracti128_si256, _mm256_or_si256, _mm256_set1_epi32, _mm256_setzero_si256,
    _mm256_unpackhi_epi32, _mm256_unpackhi_epi64, _mm256_unpacklo_epi32, _mm256_unpacklo_epi64,
};
use zeroize::Zeroize;

/// Vectors per entry: eight 32-bit digits per vector, and one of zeros so that the blocks of
/// the scans divide the count.
pub(super) const VECTORS: usize = DIGITS / 8 + 1;
/// One lane's entry, eight digits to a vector.
pub(super) type Packed = [__m256i; VECTORS];
/// Vectors of an entry gathered per pass over a row, held in registers.
const BLOCK: usize = 4;

/// Sets lane L of `out` to entry `wanted[L]` of `rows[L]`, each row holding `N` entries laid
/// out as the module says, reading every entry of the four rows and keeping each lane's by a
/// mask from a comparison of d with the lane's digit (`vpcmpeqd`).
///
/// Out of line, so that its machine code can be checked on its own for branches on the
/// digits (there are none: the only jumps are the loops' back edges, whose counts are
/// constants, and the checks of the public row lengths). The accumulators `g0`..`g3` live in
/// registers; the one copy of the gathered digits in memory, `lanes`, is zeroized.
#[target_feature(enable = "avx2")]
#[inline(never)]
pub(super) fn gather_rows<const N: usize>(
    rows: [&[__m256i]; 4],
    wanted: [i32; 4],
    out: &mut Operand,
) {
    let zero = _mm256_setzero_si256();
    let mut lanes = [[zero; VECTORS]; 4];
    for ((row, packed), digit) in rows.into_iter().zip(lanes.iter_mut()).zip(wanted) {
        let target = _mm256_set1_epi32(digit);
        let mut masks = [zero; N];
        for (d, mask) in masks.iter_mut().enumerate() {
            *mask = _mm256_cmpeq_epi32(target, _mm256_set1_epi32(d as i32));
        }
        let blocks = row.chunks_exact(BLOCK * N);
        for (columns, out) in blocks.zip(packed.chunks_exact_mut(BLOCK)) {
            let Some((c0, rest)) = columns.split_at_checked(N) else {
                continue;
            };
            let Some((c1, rest)) = rest.split_at_checked(N) else {
                continue;
            };
            let Some((c2, c3)) = rest.split_at_checked(N) else {
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

/// Digit j of lane L of `out` ← digit j of `lanes[L]` (eight 32-bit digits per vector there,
/// one 64-bit digit per lane here): a 4×8 transpose per vector of each lane.
#[target_feature(enable = "avx2")]
pub(super) fn interleave(lanes: &[Packed; 4], out: &mut Operand) {
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

/// The row vectors of entries given as digits, `N` per row, rows one after another, in the
/// layout of the module documentation.
#[target_feature(enable = "avx2")]
pub(super) fn pack_rows<const N: usize>(digits: &[[u32; DIGITS]], out: &mut Vec<__m256i>) {
    for row in digits.chunks_exact(N) {
        for t in 0..VECTORS {
            for entry in row {
                let d = |k: usize| entry.get(8 * t + k).copied().unwrap_or(0) as i32;
                out.push(core::arch::x86_64::_mm256_set_epi32(
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
}
