//! The four-lane Montgomery product on processors with AVX-512 IFMA: the contract of
//! `kernel.rs` (four residues below 2p in R'-form, R' = 2^4104), with the operands in 52-bit
//! digits and the multiplication done by `vpmadd52luq`/`vpmadd52huq`.
//!
//! Why: an IFMA instruction multiplies two 52-bit digits and adds the low (or high) 52 bits of
//! the product to a 64-bit accumulator, in every lane. A 4096-bit operand is 79 such digits
//! instead of 152 of 27 bits, so a product takes 4·79² = 24,964 fused operations instead of
//! 2·2·152² = 92,416 multiplications and additions (Gueron and Krasnov, "Accelerating Big
//! Integer Arithmetic Using Intel IFMA Extensions", ARITH 2016, use the same digit size).
//!
//! How: operand scanning with deferred carries, as in `kernel.rs`: every product of a column
//! is added before any carry moves (at most 316 terms below 2^52, so a column stays below
//! 2^61). Rows go two at a time, so that each column is loaded and stored once for eight
//! fused operations; the squaring forms each cross product once. Operands stay in wide digits
//! between products: [`IfmaModulus::enter`] widens an operand built from 27-bit digits (a
//! table entry, a loaded base) and [`IfmaModulus::leave`] narrows a result back, so the
//! tables, scans and chains of the four-lane path run unchanged on either kernel.
//!
//! R' stays 2^4104 = 2^(78·52 + 48): rows 0 to 77 each clear a 52-bit digit, and the last row
//! clears only the low 48 bits of its column, so the result starts at bit 48 of column 78.
//!
//! Four lanes in 256-bit registers (AVX-512VL) rather than eight in 512-bit ones: on the
//! processor measured (AMD EPYC, Zen 4), a 512-bit IFMA instruction does the work of two
//! 256-bit ones in the time of two (27.5 against 27.2 lane products per nanosecond,
//! docs/benchmarks.md), so eight lanes would do no more work per cycle there, and every table
//! and chain of the four-lane path would need an eight-lane twin.
//!
//! Nothing branches on or indexes by a value: the shifts of the conversions depend only on
//! digit positions, and IFMA instructions take the same time for every operand.

use super::super::digits::{DIGITS, DIGIT_BITS, DIGIT_MASK, LIMBS};
use super::kernel::{Operand, PADDED};
use core::arch::x86_64::{
    __m128i, __m256i, _mm256_add_epi64, _mm256_and_si256, _mm256_madd52hi_epu64,
    _mm256_madd52lo_epu64, _mm256_or_si256, _mm256_set1_epi64x, _mm256_setzero_si256,
    _mm256_sll_epi64, _mm256_slli_epi64, _mm256_sllv_epi64, _mm256_srl_epi64, _mm256_srli_epi64,
    _mm256_srlv_epi64, _mm_cvtsi64_si128,
};
use zeroize::Zeroize;

/// Bits per wide digit.
const WIDE_BITS: u32 = 52;
/// 2^52 − 1.
const WIDE_MASK: u64 = (1 << WIDE_BITS) - 1;
/// Wide digits per residue: 79·52 = 4108 bits, enough for values below 2^4104.
const WIDE_DIGITS: usize = 79;
/// Vectors per wide operand: the digits and two zeros, which the row loops read as x_79 and
/// x_80 (so that their iterators need no chained tail, which costs branches in the loop).
const WIDE_PADDED: usize = WIDE_DIGITS + 2;
/// Bits cleared by the last row of the reduction: 4104 − 78·52.
const LAST_ROW_BITS: u32 = 48;
/// Columns of a product: 2·79, one for the last carry, and one of padding.
const COLUMNS: usize = 2 * WIDE_DIGITS + 2;
/// Wide digits of the result before it is shifted into place: columns 78 to 157 and the last
/// carry.
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
    /// For wide digit j, the shifts that move its three narrow digits into place (see
    /// [`IfmaModulus::enter`]), as vectors of counts: loading a count costs less than moving
    /// it from a general register each time.
    widen_shifts: [[__m256i; 3]; WIDE_DIGITS],
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
        let mut widen_shifts = [[_mm256_setzero_si256(); 3]; WIDE_DIGITS];
        let narrow = DIGIT_BITS as i64;
        for (j, shifts) in widen_shifts.iter_mut().enumerate() {
            let shift = (j as i64 * i64::from(WIDE_BITS)) % narrow;
            *shifts = [
                _mm256_set1_epi64x(shift),
                _mm256_set1_epi64x(narrow - shift),
                _mm256_set1_epi64x(2 * narrow - shift),
            ];
        }
        IfmaModulus {
            ifma,
            p: p_wide,
            n0: _mm256_set1_epi64x((inverse.wrapping_neg() & WIDE_MASK) as i64),
            widen_shifts,
        }
    }

    /// x, given in 27-bit digits (each below 2^27), in wide digits (this kernel's form), in
    /// place: wide digit j gathers bits 52j to 52j + 51 from the three narrow digits k, k + 1,
    /// k + 2 they fall in (k = ⌊52j/27⌋ ≥ j, so digit j is written only after every read of
    /// it). The vectors past the wide digits are set to zero.
    #[target_feature(enable = "avx2")]
    pub(super) fn enter(&self, x: &mut Operand) {
        let mask = _mm256_set1_epi64x(WIDE_MASK as i64);
        let narrow = DIGIT_BITS as usize;
        for (j, [low, middle, high]) in self.widen_shifts.iter().enumerate() {
            let k = j * WIDE_BITS as usize / narrow;
            let low = _mm256_srlv_epi64(at(x, k), *low);
            let middle = _mm256_sllv_epi64(at(x, k + 1), *middle);
            let high = _mm256_sllv_epi64(at(x, k + 2), *high);
            if let Some(digit) = x.get_mut(j) {
                *digit =
                    _mm256_and_si256(_mm256_or_si256(_mm256_or_si256(low, middle), high), mask);
            }
        }
        for v in x.iter_mut().skip(WIDE_DIGITS) {
            *v = _mm256_setzero_si256();
        }
    }

    /// x, given in wide digits, in 27-bit digits.
    #[target_feature(enable = "avx2")]
    pub(super) fn leave(&self, x: &mut Operand) {
        let mut narrow = narrow(x);
        *x = narrow;
        narrow.zeroize();
    }

    /// out = a·b·R'^(−1) mod p, below 2p, in each lane; a, b below 2p, all in wide digits.
    #[target_feature(enable = "avx2")]
    pub(super) fn mont_mul(&self, a: &Operand, b: &Operand, out: &mut Operand) {
        let Ifma { .. } = self.ifma;
        // SAFETY: `self.ifma` proves that the processor has AVX-512F, VL and IFMA.
        unsafe { mul_wide(a, b, self, out) }
    }

    /// out = a²·R'^(−1) mod p, below 2p, in each lane; a below 2p, both in wide digits.
    #[target_feature(enable = "avx2")]
    pub(super) fn mont_square(&self, a: &Operand, out: &mut Operand) {
        let Ifma { .. } = self.ifma;
        // SAFETY: `self.ifma` proves that the processor has AVX-512F, VL and IFMA.
        unsafe { square_wide(a, self, out) }
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

/// The reduced product in wide digits: columns 78 to 157 normalized into 52-bit digits
/// (column 78's low 48 bits are zero), then shifted down by 48 bits, since the result starts
/// there. `out`'s vectors past the digits are set to zero.
#[target_feature(enable = "avx2")]
fn finish(columns: &[__m256i; COLUMNS], out: &mut Operand) {
    let mask = _mm256_set1_epi64x(WIDE_MASK as i64);
    let mut result = [_mm256_setzero_si256(); RESULT_DIGITS];
    let mut carry = _mm256_setzero_si256();
    let top = columns.iter().skip(WIDE_DIGITS - 1).take(WIDE_DIGITS + 1);
    for (r, column) in result.iter_mut().zip(top) {
        let v = _mm256_add_epi64(*column, carry);
        *r = _mm256_and_si256(v, mask);
        carry = _mm256_srli_epi64(v, WIDE_BITS as i32);
    }
    // The result is below 2p < 2^4097, so the last carry (at bit 4112) is zero.
    for (j, o) in out.iter_mut().enumerate() {
        let low = _mm256_srli_epi64(at(&result, j), LAST_ROW_BITS as i32);
        let high = _mm256_slli_epi64(at(&result, j + 1), (WIDE_BITS - LAST_ROW_BITS) as i32);
        *o = match j < WIDE_DIGITS {
            true => _mm256_and_si256(_mm256_or_si256(low, high), mask),
            false => _mm256_setzero_si256(),
        };
    }
    result.zeroize();
}

/// The 27-bit digits of four values given in wide digits: narrow digit d takes bits 27d to
/// 27d + 26 from the (at most two) wide digits they fall in.
#[target_feature(enable = "avx2")]
fn narrow(x: &Operand) -> Operand {
    let mask = _mm256_set1_epi64x(DIGIT_MASK as i64);
    let wide = WIDE_BITS as usize;
    let mut out = [_mm256_setzero_si256(); PADDED];
    for (d, o) in out.iter_mut().enumerate().take(DIGITS) {
        let bit = d * DIGIT_BITS as usize;
        let (k, shift) = (bit / wide, bit % wide);
        let low = _mm256_srl_epi64(at(x, k), count(shift));
        let high = _mm256_sll_epi64(at(x, k + 1), count(wide - shift));
        *o = _mm256_and_si256(_mm256_or_si256(low, high), mask);
    }
    out
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

/// Adds the rows x·c0 and x·c1 of two consecutive row indices into `row`: column t of `row`
/// takes lo(x_(t+2)·c0) + hi(x_(t+1)·c0) + lo(x_(t+1)·c1) + hi(x_t·c1), where `next` holds
/// x_2, x_3, … and `history` is [x_1, x_0]. A column is loaded and stored once for the four
/// additions, which run as two chains so that their latencies overlap.
#[target_feature(enable = "avx2,avx512f,avx512vl,avx512ifma")]
#[inline]
fn add_row_pair(
    row: &mut [__m256i],
    next: &[__m256i],
    history: [__m256i; 2],
    c0: __m256i,
    c1: __m256i,
) {
    let zero = _mm256_setzero_si256();
    let [mut x1, mut x0] = history;
    for (k, x2) in row.iter_mut().zip(next) {
        let first = madd_hi(madd_lo(*k, *x2, c0), x1, c0);
        let second = madd_hi(madd_lo(zero, x1, c1), x0, c1);
        *k = _mm256_add_epi64(first, second);
        (x1, x0) = (*x2, x1);
    }
}

/// As [`add_row_pair`] for x·(c0, c1) and y·(d0, d1) together, with x and y read from their
/// digit 0 on: eight additions per column load and store.
#[target_feature(enable = "avx2,avx512f,avx512vl,avx512ifma")]
#[inline]
fn add_row_pairs(row: &mut [__m256i], x: &Wide, c: [__m256i; 2], y: &Wide, d: [__m256i; 2]) {
    let zero = _mm256_setzero_si256();
    let ([c0, c1], [d0, d1]) = (c, d);
    let (mut x1, mut x0, mut y1, mut y0) = (x[1], x[0], y[1], y[0]);
    let next = x.iter().skip(2).zip(y.iter().skip(2));
    for (k, (x2, y2)) in row.iter_mut().zip(next) {
        let first = madd_hi(madd_lo(*k, *x2, c0), x1, c0);
        let first = madd_hi(madd_lo(first, x1, c1), x0, c1);
        let second = madd_hi(madd_lo(zero, *y2, d0), y1, d0);
        let second = madd_hi(madd_lo(second, y1, d1), y0, d1);
        *k = _mm256_add_epi64(first, second);
        (x1, x0, y1, y0) = (*x2, x1, *y2, y1);
    }
}

/// The reduction steps of columns i and i + 1 (i + 1 < 78), given each column's products
/// (column i + 1 without the terms of m_i): returns m_i and m_(i+1), and updates the carry.
#[target_feature(enable = "avx2,avx512f,avx512vl,avx512ifma")]
#[inline]
fn reduce_pair(
    columns: [__m256i; 2],
    i: usize,
    modulus: &IfmaModulus,
    carry: &mut __m256i,
) -> [__m256i; 2] {
    let [c0, c1] = columns;
    let p = &modulus.p;
    let (m0, reduced) = reduction_digit(_mm256_add_epi64(c0, *carry), i, modulus);
    *carry = _mm256_srli_epi64(reduced, WIDE_BITS as i32);
    let t = madd_hi(madd_lo(c1, p[1], m0), p[0], m0);
    let (m1, reduced) = reduction_digit(_mm256_add_epi64(t, *carry), i + 1, modulus);
    *carry = _mm256_srli_epi64(reduced, WIDE_BITS as i32);
    [m0, m1]
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

// The wide digits fit in an operand's vectors, so `first_chunk` below always succeeds.
const _: () = assert!(WIDE_PADDED <= PADDED);

/// out = a·b·R'^(−1) mod p in wide digits, rows of a·b_i and p·m_i interleaved.
#[target_feature(enable = "avx2,avx512f,avx512vl,avx512ifma")]
fn mul_wide(a: &Operand, b: &Operand, modulus: &IfmaModulus, out: &mut Operand) {
    let (Some(a), Some(b)) = (
        a.first_chunk::<WIDE_PADDED>(),
        b.first_chunk::<WIDE_PADDED>(),
    ) else {
        return;
    };
    let mut columns = [_mm256_setzero_si256(); COLUMNS];
    let mut carry = _mm256_setzero_si256();
    // Rows 0 to 77 two at a time, then row 78 (whose reduction step clears 48 bits).
    for i in (0..WIDE_DIGITS - 1).step_by(2) {
        let Some([c0, c1, row @ ..]) = columns.get_mut(i..i + WIDE_PADDED + 1) else {
            continue;
        };
        let (b0, b1) = (at(b, i), at(b, i + 1));
        let t0 = madd_lo(*c0, a[0], b0);
        let t1 = madd_lo(madd_hi(madd_lo(*c1, a[1], b0), a[0], b0), a[0], b1);
        let m = reduce_pair([t0, t1], i, modulus, &mut carry);
        add_row_pairs(row, a, [b0, b1], &modulus.p, m);
    }
    let last = WIDE_DIGITS - 1;
    if let Some((column, row)) = columns
        .get_mut(last..last + WIDE_PADDED)
        .and_then(<[__m256i]>::split_first_mut)
    {
        let b_last = at(b, last);
        let t = madd_lo(_mm256_add_epi64(*column, carry), a[0], b_last);
        let (m, reduced) = reduction_digit(t, last, modulus);
        *column = reduced;
        add_two_rows(row, a, b_last, &modulus.p, m);
    }
    finish(&columns, out);
    // The columns were computed from the (possibly secret) operands.
    columns.zeroize();
}

/// out = a²·R'^(−1) mod p in wide digits: each cross product a_i·a_j (i < j) once, the
/// columns doubled (below 2^62), the squares a_i² added, then the rows p·m_i.
#[target_feature(enable = "avx2,avx512f,avx512vl,avx512ifma")]
fn square_wide(a: &Operand, modulus: &IfmaModulus, out: &mut Operand) {
    let Some(a) = a.first_chunk::<WIDE_PADDED>() else {
        return;
    };
    let zero = _mm256_setzero_si256();
    let mut columns = [zero; COLUMNS];
    // Rows i and i + 1 of the cross products a_i·a_j (j > i) together, for even i < 78 (row
    // 78 has none): the first two columns take row i alone; from column 2i + 3 on, the pass
    // adds both, row i + 1 starting with no high half (a_(i+1)² is not a cross product).
    for i in (0..WIDE_DIGITS - 1).step_by(2) {
        let (a0, a1, a2) = (at(a, i), at(a, i + 1), at(a, i + 2));
        let Some([c1, c2, row @ ..]) = columns.get_mut(2 * i + 1..i + WIDE_PADDED) else {
            continue;
        };
        *c1 = madd_lo(*c1, a1, a0);
        *c2 = madd_lo(madd_hi(*c2, a1, a0), a2, a0);
        let Some(next) = a.get(i + 3..) else {
            continue;
        };
        add_row_pair(row, next, [a2, zero], a0, a1);
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
    for i in (0..WIDE_DIGITS - 1).step_by(2) {
        let Some([c0, c1, row @ ..]) = columns.get_mut(i..i + WIDE_PADDED + 1) else {
            continue;
        };
        let [m0, m1] = reduce_pair([*c0, *c1], i, modulus, &mut carry);
        let p = &modulus.p;
        add_row_pair(row, p.get(2..).unwrap_or(&[]), [p[1], p[0]], m0, m1);
    }
    let last = WIDE_DIGITS - 1;
    if let Some((column, row)) = columns
        .get_mut(last..last + WIDE_PADDED)
        .and_then(<[__m256i]>::split_first_mut)
    {
        let (m, reduced) = reduction_digit(_mm256_add_epi64(*column, carry), last, modulus);
        *column = reduced;
        add_row(row, &modulus.p, m);
    }
    finish(&columns, out);
    columns.zeroize();
}
