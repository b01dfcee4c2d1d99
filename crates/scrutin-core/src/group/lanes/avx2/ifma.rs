//! The four-lane Montgomery product on processors with AVX-512 IFMA: the same contract as
//! `kernel.rs` (four residues below 2p in R'-form, R' = 2^4104, 27-bit digits in and out), with
//! the multiplication done in 52-bit digits by `vpmadd52luq`/`vpmadd52huq`.
//!
//! Why: an IFMA instruction multiplies two 52-bit digits and adds the low (or high) 52 bits of
//! the product to a 64-bit accumulator, in every lane. A 4096-bit operand is 79 such digits
//! instead of 152 of 27 bits, so a product takes 4·79² = 24,964 fused operations instead of
//! 2·2·152² = 92,416 multiplications and additions (Gueron and Krasnov, "Accelerating Big
//! Integer Arithmetic Using Intel IFMA Extensions", ARITH 2016, use the same digit size).
//!
//! How: each operand is widened from 27-bit to 52-bit digits, multiplied and reduced by
//! operand scanning with deferred carries (as in `kernel.rs`: every product of a column is
//! added before any carry moves; 316 terms below 2^52 stay below 2^61), and the result is
//! narrowed back to 27-bit digits. Keeping the 27-bit form outside the product lets every
//! table, scan and chain of the four-lane path run unchanged on either kernel; the two
//! conversions cost about a tenth of a product.
//!
//! R' stays 2^4104 = 2^(78·52 + 48): rows 0 to 77 each clear a 52-bit digit, and the last row
//! clears only the low 48 bits of its column, so the result starts at bit 48 of column 78.
//!
//! Four lanes in 256-bit registers (AVX-512VL) rather than eight in 512-bit ones: on the
//! processors measured (AMD Zen 4), a 512-bit IFMA instruction issues as two 256-bit halves,
//! so eight lanes would do no more work per cycle, and every table and chain of the four-lane
//! path would need an eight-lane twin (docs/benchmarks.md).
//!
//! Nothing branches on or indexes by a value: the shifts of the conversions depend only on
//! digit positions, and IFMA instructions take the same time for every operand.

use super::super::digits::{DIGITS, DIGIT_BITS, DIGIT_MASK, LIMBS};
use super::kernel::Operand;
use core::arch::x86_64::{
    __m128i, __m256i, _mm256_add_epi64, _mm256_and_si256, _mm256_madd52hi_epu64,
    _mm256_madd52lo_epu64, _mm256_or_si256, _mm256_set1_epi64x, _mm256_setzero_si256,
    _mm256_sll_epi64, _mm256_srl_epi64, _mm256_srli_epi64, _mm_cvtsi64_si128,
};
use zeroize::Zeroize;

/// Bits per wide digit.
const WIDE_BITS: u32 = 52;
/// 2^52 − 1.
const WIDE_MASK: u64 = (1 << WIDE_BITS) - 1;
/// Wide digits per residue: 79·52 = 4108 bits, enough for values below 2^4104.
const WIDE_DIGITS: usize = 79;
/// Vectors per wide operand: the digits and one zero, which the row loops read as a_79.
const WIDE_PADDED: usize = WIDE_DIGITS + 1;
/// Bits cleared by the last row of the reduction: 4104 − 78·52.
const LAST_ROW_BITS: u32 = 48;
/// Columns of a product: 2·79, one for the last carry, and one of padding.
const COLUMNS: usize = 2 * WIDE_DIGITS + 2;
/// Wide digits of the result before it is narrowed: columns 78 to 157 and the last carry.
const RESULT_DIGITS: usize = WIDE_DIGITS + 2;

/// Four residues in 52-bit digits, digit j of lane L in lane L of vector j.
type Wide = [__m256i; WIDE_PADDED];

/// Proof that the running processor has AVX-512F, AVX-512VL and AVX-512 IFMA (and AVX2):
/// constructed only by [`Ifma::detect`].
#[derive(Clone, Copy, Debug)]
pub(super) struct Ifma {
    _detected: (),
}

impl Ifma {
    /// `Some` when the processor supports the instructions this kernel uses (the standard
    /// library's CPUID probe, which caches its answer; it also checks that the operating
    /// system saves the 512-bit state).
    pub(super) fn detect() -> Option<Ifma> {
        let present = std::is_x86_feature_detected!("avx2")
            && std::is_x86_feature_detected!("avx512f")
            && std::is_x86_feature_detected!("avx512vl")
            && std::is_x86_feature_detected!("avx512ifma");
        present.then_some(Ifma { _detected: () })
    }
}

/// The modulus in wide digits, and the proof that the kernel may run.
pub(super) struct IfmaModulus {
    ifma: Ifma,
    /// p's wide digits, each broadcast to the four lanes; zero past `WIDE_DIGITS`.
    p: Wide,
    /// −p^(−1) mod 2^52 in every lane (1 for the standard p, which is ≡ −1 mod 2^256).
    n0: __m256i,
}

impl IfmaModulus {
    /// The constants for p, given as its 64 limbs.
    #[target_feature(enable = "avx2")]
    pub(super) fn new(ifma: Ifma, p: &[u64; LIMBS]) -> IfmaModulus {
        let digits = wide_digits_of(p);
        // −p^(−1) mod 2^64 by Newton's iteration: 1 is right mod 2 for odd p, and each step
        // doubles the correct low bits (1, 2, 4, …, 64).
        let p0 = digits.first().copied().unwrap_or(1);
        let mut inverse: u64 = 1;
        for _ in 0..6 {
            inverse = inverse.wrapping_mul(2u64.wrapping_sub(p0.wrapping_mul(inverse)));
        }
        let mut p_wide = [_mm256_setzero_si256(); WIDE_PADDED];
        for (v, d) in p_wide.iter_mut().zip(digits) {
            *v = _mm256_set1_epi64x(d as i64);
        }
        IfmaModulus {
            ifma,
            p: p_wide,
            n0: _mm256_set1_epi64x((inverse.wrapping_neg() & WIDE_MASK) as i64),
        }
    }

    /// out = a·b·R'^(−1) mod p, below 2p, in each lane; a, b below 2p in 27-bit digits.
    #[target_feature(enable = "avx2")]
    pub(super) fn mont_mul(&self, a: &Operand, b: &Operand, out: &mut Operand) {
        let Ifma { .. } = self.ifma;
        // SAFETY: `self.ifma` proves that the processor has AVX-512F, VL and IFMA.
        unsafe { mul_narrow(a, b, self, out) }
    }

    /// out = a²·R'^(−1) mod p, below 2p, in each lane; a below 2p in 27-bit digits.
    #[target_feature(enable = "avx2")]
    pub(super) fn mont_square(&self, a: &Operand, out: &mut Operand) {
        let Ifma { .. } = self.ifma;
        // SAFETY: `self.ifma` proves that the processor has AVX-512F, VL and IFMA.
        unsafe { square_narrow(a, self, out) }
    }
}

/// The 52-bit digits of an integer of at most 4108 bits given as 64 little-endian limbs.
fn wide_digits_of(limbs: &[u64; LIMBS]) -> [u64; WIDE_DIGITS] {
    let mut digits = [0u64; WIDE_DIGITS];
    for (j, digit) in digits.iter_mut().enumerate() {
        let bit = j * WIDE_BITS as usize;
        let (index, shift) = (bit / 64, bit % 64);
        let low = limbs.get(index).copied().unwrap_or(0) >> shift;
        let high = match shift {
            0 => 0,
            _ => limbs.get(index + 1).copied().unwrap_or(0) << (64 - shift),
        };
        *digit = (low | high) & WIDE_MASK;
    }
    digits
}

/// The shift count register for `_mm256_srl_epi64`/`_mm256_sll_epi64` (counts of 64 or more
/// give zero).
#[target_feature(enable = "avx2")]
#[inline]
fn count(bits: usize) -> __m128i {
    _mm_cvtsi64_si128(bits as i64)
}

/// `x[index]`, or zero past its end.
#[target_feature(enable = "avx2")]
#[inline]
fn at(x: &[__m256i], index: usize) -> __m256i {
    x.get(index).copied().unwrap_or(_mm256_setzero_si256())
}

/// The 52-bit digits of four values given in 27-bit digits (each below 2^27): wide digit j
/// gathers bits 52j to 52j + 51 from the three narrow digits they fall in.
#[target_feature(enable = "avx2")]
fn widen(x: &Operand) -> Wide {
    let mask = _mm256_set1_epi64x(WIDE_MASK as i64);
    let narrow = DIGIT_BITS as usize;
    let mut out = [_mm256_setzero_si256(); WIDE_PADDED];
    for (j, o) in out.iter_mut().enumerate().take(WIDE_DIGITS) {
        let bit = j * WIDE_BITS as usize;
        let (k, shift) = (bit / narrow, bit % narrow);
        let low = _mm256_srl_epi64(at(x, k), count(shift));
        let middle = _mm256_sll_epi64(at(x, k + 1), count(narrow - shift));
        let high = _mm256_sll_epi64(at(x, k + 2), count(2 * narrow - shift));
        *o = _mm256_and_si256(_mm256_or_si256(_mm256_or_si256(low, middle), high), mask);
    }
    out
}

/// The reduced product in 27-bit digits: columns 78 to 157 normalized into 52-bit digits
/// (column 78's low 48 bits are zero), then read from bit 48 on, 27 bits at a time. `out`'s
/// padding is set to zero.
#[target_feature(enable = "avx2")]
fn narrow(columns: &[__m256i; COLUMNS], out: &mut Operand) {
    let wide_mask = _mm256_set1_epi64x(WIDE_MASK as i64);
    let mask = _mm256_set1_epi64x(DIGIT_MASK as i64);
    let mut result = [_mm256_setzero_si256(); RESULT_DIGITS];
    let mut carry = _mm256_setzero_si256();
    let top = columns.iter().skip(WIDE_DIGITS - 1).take(WIDE_DIGITS + 1);
    for (r, column) in result.iter_mut().zip(top) {
        let v = _mm256_add_epi64(*column, carry);
        *r = _mm256_and_si256(v, wide_mask);
        carry = _mm256_srli_epi64(v, WIDE_BITS as i32);
    }
    if let Some(last) = result.last_mut() {
        *last = carry;
    }
    let wide = WIDE_BITS as usize;
    for (d, o) in out.iter_mut().enumerate() {
        if d >= DIGITS {
            *o = _mm256_setzero_si256();
            continue;
        }
        let bit = LAST_ROW_BITS as usize + d * DIGIT_BITS as usize;
        let (k, shift) = (bit / wide, bit % wide);
        let low = _mm256_srl_epi64(at(&result, k), count(shift));
        let high = _mm256_sll_epi64(at(&result, k + 1), count(wide - shift));
        *o = _mm256_and_si256(_mm256_or_si256(low, high), mask);
    }
    result.zeroize();
}

#[target_feature(enable = "avx2,avx512f,avx512vl,avx512ifma")]
#[inline]
fn madd_lo(acc: __m256i, x: __m256i, y: __m256i) -> __m256i {
    _mm256_madd52lo_epu64(acc, x, y)
}

#[target_feature(enable = "avx2,avx512f,avx512vl,avx512ifma")]
#[inline]
fn madd_hi(acc: __m256i, x: __m256i, y: __m256i) -> __m256i {
    _mm256_madd52hi_epu64(acc, x, y)
}

/// Adds the row x·c into `row`, which starts one column after x_0's: column k of `row` takes
/// lo(x_(k+1)·c) + hi(x_k·c), so that each column is loaded and stored once per row.
#[target_feature(enable = "avx2,avx512f,avx512vl,avx512ifma")]
#[inline]
fn add_row(row: &mut [__m256i], x: &Wide, c: __m256i) {
    let mut previous = x[0];
    for (k, digit) in row.iter_mut().zip(x.iter().skip(1)) {
        *k = madd_hi(madd_lo(*k, *digit, c), previous, c);
        previous = *digit;
    }
}

/// As [`add_row`] for two rows at once, x·c + y·d, with four additions per column load.
#[target_feature(enable = "avx2,avx512f,avx512vl,avx512ifma")]
#[inline]
fn add_two_rows(row: &mut [__m256i], x: &Wide, c: __m256i, y: &Wide, d: __m256i) {
    let (mut x_previous, mut y_previous) = (x[0], y[0]);
    for ((k, xj), yj) in row.iter_mut().zip(x.iter().skip(1)).zip(y.iter().skip(1)) {
        let t = madd_hi(madd_lo(*k, *xj, c), x_previous, c);
        *k = madd_hi(madd_lo(t, *yj, d), y_previous, d);
        (x_previous, y_previous) = (*xj, *yj);
    }
}

/// The reduction step of column i: given the column's complete value t (its products and the
/// carry from column i − 1), m_i = t·n0 mod 2^52 (mod 2^48 in the last row), so that
/// t + m_i·p_0 ≡ 0 mod 2^52 (mod 2^48). Returns m_i and t + lo(m_i·p_0).
#[target_feature(enable = "avx2,avx512f,avx512vl,avx512ifma")]
#[inline]
fn reduction_digit(t: __m256i, i: usize, modulus: &IfmaModulus) -> (__m256i, __m256i) {
    let bits = if i + 1 == WIDE_DIGITS {
        LAST_ROW_BITS
    } else {
        WIDE_BITS
    };
    let mask = _mm256_set1_epi64x(((1u64 << bits) - 1) as i64);
    let zero = _mm256_setzero_si256();
    let m = _mm256_and_si256(madd_lo(zero, t, modulus.n0), mask);
    (m, madd_lo(t, modulus.p[0], m))
}

/// The column value after its reduction step: the carry into the next column for rows 0 to
/// 77 (whose columns are then ≡ 0 mod 2^52), or the column itself for the last row (whose low
/// 48 bits are then zero, and whose upper bits begin the result).
#[target_feature(enable = "avx2,avx512f,avx512vl,avx512ifma")]
#[inline]
fn finish_column(i: usize, reduced: __m256i, column: &mut __m256i, carry: &mut __m256i) {
    if i + 1 == WIDE_DIGITS {
        *column = reduced;
    } else {
        *carry = _mm256_srli_epi64(reduced, WIDE_BITS as i32);
    }
}

/// out = a·b·R'^(−1) mod p in 27-bit digits, rows of a·b_i and p·m_i interleaved.
#[target_feature(enable = "avx2,avx512f,avx512vl,avx512ifma")]
fn mul_narrow(a: &Operand, b: &Operand, modulus: &IfmaModulus, out: &mut Operand) {
    let mut a = widen(a);
    let mut b = widen(b);
    let mut columns = [_mm256_setzero_si256(); COLUMNS];
    let mut carry = _mm256_setzero_si256();
    for (i, b_i) in b.iter().enumerate().take(WIDE_DIGITS) {
        let Some((column, row)) = columns
            .get_mut(i..i + WIDE_PADDED)
            .and_then(<[__m256i]>::split_first_mut)
        else {
            continue;
        };
        let t = madd_lo(_mm256_add_epi64(*column, carry), a[0], *b_i);
        let (m, reduced) = reduction_digit(t, i, modulus);
        finish_column(i, reduced, column, &mut carry);
        add_two_rows(row, &a, *b_i, &modulus.p, m);
    }
    narrow(&columns, out);
    // Everything here was computed from the (possibly secret) operands.
    a.zeroize();
    b.zeroize();
    columns.zeroize();
}

/// out = a²·R'^(−1) mod p in 27-bit digits: each cross product a_i·a_j (i < j) once, the
/// columns doubled (below 2^62), the squares a_i² added, then the rows p·m_i.
#[target_feature(enable = "avx2,avx512f,avx512vl,avx512ifma")]
fn square_narrow(a: &Operand, modulus: &IfmaModulus, out: &mut Operand) {
    let mut a = widen(a);
    let zero = _mm256_setzero_si256();
    let mut columns = [zero; COLUMNS];
    for (i, a_i) in a.iter().enumerate().take(WIDE_DIGITS - 1) {
        // Row i of the cross products: a_i·a_j for j > i, into columns i + j and i + j + 1.
        let Some(row) = columns.get_mut(2 * i + 1..i + WIDE_PADDED) else {
            continue;
        };
        let Some(rest) = a.get(i + 1..) else {
            continue;
        };
        let mut previous = zero;
        for (k, digit) in row.iter_mut().zip(rest) {
            *k = madd_hi(madd_lo(*k, *digit, *a_i), previous, *a_i);
            previous = *digit;
        }
    }
    for (i, a_i) in a.iter().enumerate().take(WIDE_DIGITS) {
        let (low, high) = (2 * i, 2 * i + 1);
        if let (Some(&l), Some(&h)) = (columns.get(low), columns.get(high)) {
            let l = madd_lo(_mm256_add_epi64(l, l), *a_i, *a_i);
            let h = madd_hi(_mm256_add_epi64(h, h), *a_i, *a_i);
            if let Some(slots) = columns.get_mut(low..=high) {
                slots.copy_from_slice(&[l, h]);
            }
        }
    }
    let mut carry = zero;
    for i in 0..WIDE_DIGITS {
        let Some((column, row)) = columns
            .get_mut(i..i + WIDE_PADDED)
            .and_then(<[__m256i]>::split_first_mut)
        else {
            continue;
        };
        let (m, reduced) = reduction_digit(_mm256_add_epi64(*column, carry), i, modulus);
        finish_column(i, reduced, column, &mut carry);
        add_row(row, &modulus.p, m);
    }
    narrow(&columns, out);
    a.zeroize();
    columns.zeroize();
}
