//! Four Montgomery products modulo the 4096-bit p at once: lane L of every vector belongs to
//! the L-th product, so the four run in lockstep with no data moving between lanes.
//!
//! Operand scanning with deferred carries (Koç, Acar and Kaliski, "Analyzing and Comparing
//! Montgomery Multiplication Algorithms", IEEE Micro 16(3), 1996, the SOS method, interleaved):
//! row i adds a·b_i + p·m_i into a column array, and only column i is normalized before m_i is
//! chosen (27-bit digits, see `digits.rs`, leave room for every product of a column). Four
//! rows are done per pass over the array (the a·b rows, then the p·m rows), so each column word
//! is loaded and stored once per four products instead of per one.
//!
//! `vpmuludq` multiplies the low 32 bits of each 64-bit lane; digits are below 2^27, so each
//! product is exact. Nothing branches on or indexes by a value: constant time.

use super::super::digits::{self, DIGITS, DIGIT_BITS, DIGIT_MASK, LIMBS};
use super::ifma::{Ifma, IfmaModulus};
use core::arch::x86_64::{
    __m256i, _mm256_add_epi64, _mm256_and_si256, _mm256_extract_epi64, _mm256_mul_epu32,
    _mm256_permute4x64_epi64, _mm256_set1_epi64x, _mm256_setzero_si256, _mm256_srli_epi64,
};
use zeroize::Zeroize;

/// Rows of the product handled per pass over the columns.
const ROWS: usize = 4;
/// Vectors per operand: the digits and `ROWS` zero vectors, which let the inner loop read
/// a_(j−q) for j up to n + 3 without a bounds check.
pub(super) const PADDED: usize = DIGITS + ROWS;

/// Four residues below 2p in R'-Montgomery form (x·2^4104 mod p), digit j of lane L in lane L
/// of vector j; the vectors from `DIGITS` on are zero.
pub(super) type Operand = [__m256i; PADDED];

/// The modulus as the kernel reads it.
pub(super) struct Modulus {
    /// p's digits, each broadcast to the four lanes; zero past `DIGITS`.
    pub(super) p: Operand,
    /// −p^(−1) mod 2^27 in every lane (1 for the standard p, which is ≡ −1 mod 2^256).
    pub(super) n0: __m256i,
    /// The AVX-512 IFMA kernel's constants, where the processor has it and the process has
    /// not asked for the AVX2 kernel ([`crate::group::use_avx2_kernel`]): [`mont_mul`] and
    /// [`mont_square`] then run there.
    pub(super) wide: Option<IfmaModulus>,
}

impl Modulus {
    /// The constants for p, given as its 64 limbs.
    #[target_feature(enable = "avx2")]
    pub(super) fn new(p: &[u64; LIMBS]) -> Modulus {
        let p_digits = digits::digits_of(p);
        // −p^(−1) mod 2^27 by Newton's iteration (each step doubles the correct low bits).
        let p0 = u64::from(p_digits.first().copied().unwrap_or(1));
        let mut inverse: u64 = 1;
        for _ in 0..5 {
            inverse = inverse.wrapping_mul(2u64.wrapping_sub(p0.wrapping_mul(inverse)));
        }
        let n0 = inverse.wrapping_neg() & DIGIT_MASK;
        let wide = match super::super::ifma_wanted() {
            true => Ifma::detect().map(|ifma| IfmaModulus::new(ifma, p)),
            false => None,
        };
        let mut p_broadcast = [_mm256_setzero_si256(); PADDED];
        for (v, d) in p_broadcast.iter_mut().zip(&p_digits) {
            *v = _mm256_set1_epi64x(i64::from(*d));
        }
        Modulus {
            p: p_broadcast,
            n0: _mm256_set1_epi64x(n0 as i64),
            wide,
        }
    }

    /// x, given in 27-bit digits, in the form that [`mont_mul`] and [`mont_square`] take and
    /// give: unchanged for the AVX2 kernel, in 52-bit digits for the IFMA one. Every operand
    /// built from digits (a table entry, a loaded base, a constant) passes here first.
    #[target_feature(enable = "avx2")]
    pub(super) fn enter(&self, x: &mut Operand) {
        if let Some(wide) = &self.wide {
            wide.enter(x);
        }
    }
}

/// The operand whose four lanes all hold the value with these digits, in the kernel's form.
#[target_feature(enable = "avx2")]
pub(super) fn broadcast(value: &[u32; DIGITS], modulus: &Modulus) -> Operand {
    let mut out = [_mm256_setzero_si256(); PADDED];
    for (v, d) in out.iter_mut().zip(value) {
        *v = _mm256_set1_epi64x(i64::from(*d));
    }
    modulus.enter(&mut out);
    out
}

#[target_feature(enable = "avx2")]
#[inline]
fn mul(x: __m256i, y: __m256i) -> __m256i {
    _mm256_mul_epu32(x, y)
}

#[target_feature(enable = "avx2")]
#[inline]
fn add(x: __m256i, y: __m256i) -> __m256i {
    _mm256_add_epi64(x, y)
}

/// `x[index]`, or zero past its end (every caller's index is inside).
#[target_feature(enable = "avx2")]
#[inline]
fn at(x: &[__m256i], index: usize) -> __m256i {
    x.get(index).copied().unwrap_or(_mm256_setzero_si256())
}

/// out = a·b·R'^(−1) mod p, below 2p, in each lane; a, b below 2p.
///
/// Column sums stay below 2^63: a column takes at most 2·152 products below 2^54 and a carry
/// below 2^37.
#[target_feature(enable = "avx2")]
pub(super) fn mont_mul(a: &Operand, b: &Operand, modulus: &Modulus, out: &mut Operand) {
    if let Some(wide) = &modulus.wide {
        wide.mont_mul(a, b, out);
        return;
    }
    let zero = _mm256_setzero_si256();
    let mask = _mm256_set1_epi64x(DIGIT_MASK as i64);
    let p = &modulus.p;
    let (a0, a1, a2, a3) = (a[0], a[1], a[2], a[3]);
    let (p0, p1, p2, p3) = (p[0], p[1], p[2], p[3]);
    let mut columns = [zero; 2 * DIGITS + ROWS];
    let mut carry = zero;
    let mut m = [zero; ROWS];
    for (block, b) in b.chunks_exact(ROWS).take(DIGITS / ROWS).enumerate() {
        let i = block * ROWS;
        let (b0, b1, b2, b3) = (at(b, 0), at(b, 1), at(b, 2), at(b, 3));
        // Columns i..i+4 first take what rows i..i+4 put there; each is then complete, and
        // its m_(i+r) makes it ≡ 0 mod 2^27.
        let reduce = |t: __m256i, carry: &mut __m256i| -> __m256i {
            // SAFETY of the intrinsics: this closure runs only inside this AVX2 function.
            let m = _mm256_and_si256(mul(_mm256_and_si256(t, mask), modulus.n0), mask);
            *carry = _mm256_srli_epi64(add(t, mul(m, p0)), DIGIT_BITS as i32);
            m
        };
        let t = add(add(at(&columns, i), carry), mul(a0, b0));
        let m0 = reduce(t, &mut carry);
        let t = add(add(at(&columns, i + 1), carry), mul(a0, b1));
        let t = add(t, add(mul(a1, b0), mul(p1, m0)));
        let m1 = reduce(t, &mut carry);
        let t = add(add(at(&columns, i + 2), carry), mul(a0, b2));
        let t = add(t, add(mul(a1, b1), mul(p1, m1)));
        let t = add(t, add(mul(a2, b0), mul(p2, m0)));
        let m2 = reduce(t, &mut carry);
        let t = add(add(at(&columns, i + 3), carry), mul(a0, b3));
        let t = add(t, add(mul(a1, b2), mul(p1, m2)));
        let t = add(t, add(mul(a2, b1), mul(p2, m1)));
        let t = add(t, add(mul(a3, b0), mul(p3, m0)));
        let m3 = reduce(t, &mut carry);
        m = [m0, m1, m2, m3];
        // Columns i+4 .. i+4+n: column i+j takes a_(j−q)·b_(i+q) + p_(j−q)·m_(i+q), q < 4.
        let Some(row) = columns.get_mut(i + ROWS..i + ROWS + DIGITS) else {
            continue;
        };
        add_rows(row, &a[ROWS..], [b0, b1, b2, b3], [a3, a2, a1]);
        add_rows(row, &p[ROWS..], [m0, m1, m2, m3], [p3, p2, p1]);
    }
    normalize(&columns, carry, out);
    // The columns and the m_i were computed from the (possibly secret) operands.
    columns.zeroize();
    m.zeroize();
}

/// out = a²·R'^(−1) mod p, below 2p, in each lane; a below 2p. As [`mont_mul`], but the
/// product is formed first with each cross product a_i·a_j (i < j) computed once, as
/// (2a_i)·a_j: n²/2 products instead of n², then reduced. 2a_i is below 2^28, so the
/// products stay exact; a column then holds at most n products below 2^55 and n below 2^54.
#[target_feature(enable = "avx2")]
pub(super) fn mont_square(a: &Operand, modulus: &Modulus, out: &mut Operand) {
    if let Some(wide) = &modulus.wide {
        wide.mont_square(a, out);
        return;
    }
    let zero = _mm256_setzero_si256();
    let mut columns = [zero; 2 * DIGITS + ROWS];
    let mut twice = [zero; PADDED];
    for (t, x) in twice.iter_mut().zip(a) {
        *t = add(*x, *x);
    }
    for block in 0..DIGITS / ROWS {
        let i = block * ROWS;
        let (x0, x1, x2, x3) = (at(a, i), at(a, i + 1), at(a, i + 2), at(a, i + 3));
        let (d0, d1, d2, d3) = (
            at(&twice, i),
            at(&twice, i + 1),
            at(&twice, i + 2),
            at(&twice, i + 3),
        );
        // The products inside the block: a_(i+q)·a_(i+r) for q ≤ r < 4, into column 2i+q+r.
        let inside = [
            mul(x0, x0),
            mul(d0, x1),
            add(mul(x1, x1), mul(d0, x2)),
            add(mul(d0, x3), mul(d1, x2)),
            add(mul(x2, x2), mul(d1, x3)),
            mul(d2, x3),
            mul(x3, x3),
        ];
        if let Some(slots) = columns.get_mut(2 * i..2 * i + inside.len()) {
            for (slot, value) in slots.iter_mut().zip(inside) {
                *slot = add(*slot, value);
            }
        }
        // The rectangle: rows i..i+4 against a_j for j ≥ i + 4; column i+s takes
        // 2a_(i+q)·a_(s−q) with s − q ≥ i + 4, so the shift register starts at zero.
        let Some(row) = columns.get_mut(2 * i + ROWS..i + DIGITS + ROWS - 1) else {
            continue;
        };
        add_rows(
            row,
            a.get(i + ROWS..).unwrap_or(&[]),
            [d0, d1, d2, d3],
            [zero, zero, zero],
        );
    }
    reduce(&mut columns, modulus, out);
    twice.zeroize();
}

/// Montgomery reduction of a product held in columns (each below 2^63 − 2^62): out =
/// columns·R'^(−1) mod p, normalized into digits. The columns are zeroized.
#[target_feature(enable = "avx2")]
fn reduce(columns: &mut [__m256i; 2 * DIGITS + ROWS], modulus: &Modulus, out: &mut Operand) {
    let zero = _mm256_setzero_si256();
    let mask = _mm256_set1_epi64x(DIGIT_MASK as i64);
    let p = &modulus.p;
    let (p0, p1, p2, p3) = (p[0], p[1], p[2], p[3]);
    let mut carry = zero;
    let mut m = [zero; ROWS];
    for block in 0..DIGITS / ROWS {
        let i = block * ROWS;
        let reduce = |t: __m256i, carry: &mut __m256i| -> __m256i {
            let m = _mm256_and_si256(mul(_mm256_and_si256(t, mask), modulus.n0), mask);
            *carry = _mm256_srli_epi64(add(t, mul(m, p0)), DIGIT_BITS as i32);
            m
        };
        let m0 = reduce(add(at(&columns[..], i), carry), &mut carry);
        let t = add(add(at(&columns[..], i + 1), carry), mul(p1, m0));
        let m1 = reduce(t, &mut carry);
        let t = add(add(at(&columns[..], i + 2), carry), mul(p1, m1));
        let m2 = reduce(add(t, mul(p2, m0)), &mut carry);
        let t = add(add(at(&columns[..], i + 3), carry), mul(p1, m2));
        let t = add(t, add(mul(p2, m1), mul(p3, m0)));
        let m3 = reduce(t, &mut carry);
        m = [m0, m1, m2, m3];
        let Some(row) = columns.get_mut(i + ROWS..i + ROWS + DIGITS) else {
            continue;
        };
        add_rows(row, &p[ROWS..], [m0, m1, m2, m3], [p3, p2, p1]);
    }
    normalize(&columns[..], carry, out);
    columns.zeroize();
    m.zeroize();
}

/// Adds four rows into `columns`: column k takes Σ_(q<4) x_(k−q)·c_q, where x_(−1), x_(−2),
/// x_(−3) are `history` (the digits before `x`'s first, or zero).
///
/// Four columns per turn, so that the x_(k−q) move between registers by renaming rather than
/// by copies: the loop is bound by instruction dispatch, not by the multiplier.
#[target_feature(enable = "avx2")]
#[inline]
fn add_rows(columns: &mut [__m256i], x: &[__m256i], c: [__m256i; 4], history: [__m256i; 3]) {
    let [c0, c1, c2, c3] = c;
    let [mut x1, mut x2, mut x3] = history;
    let x = x.get(..columns.len()).unwrap_or(x);
    let mut column_blocks = columns.chunks_exact_mut(4);
    let mut x_blocks = x.chunks_exact(4);
    for (k, a) in (&mut column_blocks).zip(&mut x_blocks) {
        if let ([k0, k1, k2, k3], [a0, a1, a2, a3]) = (k, a) {
            let (a0, a1, a2, a3) = (*a0, *a1, *a2, *a3);
            *k0 = add(
                *k0,
                add(add(mul(a0, c0), mul(x1, c1)), add(mul(x2, c2), mul(x3, c3))),
            );
            *k1 = add(
                *k1,
                add(add(mul(a1, c0), mul(a0, c1)), add(mul(x1, c2), mul(x2, c3))),
            );
            *k2 = add(
                *k2,
                add(add(mul(a2, c0), mul(a1, c1)), add(mul(a0, c2), mul(x1, c3))),
            );
            *k3 = add(
                *k3,
                add(add(mul(a3, c0), mul(a2, c1)), add(mul(a1, c2), mul(a0, c3))),
            );
            (x1, x2, x3) = (a3, a2, a1);
        }
    }
    for (k, a0) in column_blocks
        .into_remainder()
        .iter_mut()
        .zip(x_blocks.remainder())
    {
        let a0 = *a0;
        *k = add(
            *k,
            add(add(mul(a0, c0), mul(x1, c1)), add(mul(x2, c2), mul(x3, c3))),
        );
        (x1, x2, x3) = (a0, x1, x2);
    }
}

/// The result of a reduction: columns n..2n plus the carry into column n, normalized into
/// digits, with `out`'s padding set to zero.
#[target_feature(enable = "avx2")]
fn normalize(columns: &[__m256i], mut carry: __m256i, out: &mut Operand) {
    let mask = _mm256_set1_epi64x(DIGIT_MASK as i64);
    for (o, column) in out.iter_mut().zip(columns.iter().skip(DIGITS).take(DIGITS)) {
        let v = add(*column, carry);
        *o = _mm256_and_si256(v, mask);
        carry = _mm256_srli_epi64(v, DIGIT_BITS as i32);
    }
    for o in out.iter_mut().skip(DIGITS) {
        *o = _mm256_setzero_si256();
    }
}

/// The 27-bit digits of each lane of an operand in the kernel's form.
#[target_feature(enable = "avx2")]
pub(super) fn lanes_of(x: &Operand, modulus: &Modulus) -> [[u64; DIGITS]; 4] {
    let mut narrow = *x;
    if let Some(wide) = &modulus.wide {
        wide.leave(&mut narrow);
    }
    let mut lanes = [[0u64; DIGITS]; 4];
    for (j, v) in narrow.iter().enumerate().take(DIGITS) {
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
    // `x` may be an intermediate of a secret exponentiation.
    narrow.zeroize();
    lanes
}

/// out = the product of `x`'s four lanes, in lane 0 (the other lanes hold partial products):
/// lanes (y0, y1, y2, y3) → (y0·y1, ·, y2·y3, ·) → y0·y1·y2·y3, two products.
#[target_feature(enable = "avx2")]
pub(super) fn product_of_lanes(x: &Operand, modulus: &Modulus, out: &mut Operand) {
    let zero = _mm256_setzero_si256();
    let mut swapped: Operand = [zero; PADDED];
    let mut pairs: Operand = [zero; PADDED];
    for (s, v) in swapped.iter_mut().zip(x) {
        *s = _mm256_permute4x64_epi64::<0b10_11_00_01>(*v);
    }
    mont_mul(x, &swapped, modulus, &mut pairs);
    for (s, v) in swapped.iter_mut().zip(&pairs) {
        *s = _mm256_permute4x64_epi64::<0b01_00_11_10>(*v);
    }
    mont_mul(&pairs, &swapped, modulus, out);
    // The lanes may hold factors of a secret exponentiation.
    swapped.zeroize();
    pairs.zeroize();
}
