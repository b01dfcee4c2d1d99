//! The Montgomery product and square of residues of n 64-bit limbs, by finely integrated
//! product scanning (FIPS; Koç, Acar and Kaliski, "Analyzing and Comparing Montgomery
//! Multiplication Algorithms", IEEE Micro 16(3), 1996): column k of the result sums every
//! a_i·b_(k−i) and every m_i·p_(k−i) before its low word is taken, so each 128-bit product is
//! added once into a three-word accumulator and no intermediate row is stored.
//!
//! Why this shape: for the 4096-bit p, a multiplication here runs 67 500 instructions (about
//! eight per 64×64-bit product, everything included) against 89 300 for the operand-scanning
//! loop of crypto-bigint 0.7 (callgrind, x86-64 baseline target; docs/benchmarks.md). The
//! squaring computes each cross product a_i·a_j (i < j) once and doubles the column, so its
//! product half costs n(n+1)/2 multiplications instead of n²: 56 300 instructions.
//!
//! Each column's partners are read with one index going up and one going down. To let both
//! run forwards (so that LLVM unrolls the inner loop without bounds checks), the second operand
//! is reversed into a scratch buffer first, and the modulus is stored reversed as well.
//!
//! All loops have trip counts that depend only on n, and the final conditional subtraction is a
//! masked select (`subtle`), so the running time and memory accesses are independent of the
//! values: these functions are constant time.

use subtle::{Choice, ConditionallySelectable};

/// The number of products summed per turn of the inner loop; 8 gave the fewest instructions per
/// product on x86-64 (callgrind).
const UNROLL: usize = 8;

/// A column sum of products: a low word and everything above it.
///
/// A product x·y of two words is at most (2^64 − 1)², so x·y + low never exceeds 2^128 − 1 and
/// its high word can be added to `high` without a carry out of the low word being lost. `high`
/// has 64 spare bits, more than the at most 2n + 2 products of a column can fill.
#[derive(Clone, Copy, Default)]
struct Column {
    low: u64,
    high: u128,
}

impl Column {
    /// Adds x·y.
    #[inline(always)]
    fn mul_add(&mut self, x: u64, y: u64) {
        let t = u128::from(x) * u128::from(y) + u128::from(self.low);
        self.low = t as u64;
        self.high += t >> 64;
    }

    /// Adds twice the sum held by `other`.
    #[inline(always)]
    fn add_twice(&mut self, other: &Column) {
        let t = (u128::from(other.low) << 1) + u128::from(self.low);
        self.low = t as u64;
        self.high += (t >> 64) + (other.high << 1);
    }

    /// Returns the low word and divides the sum by 2^64 (moves on to the next column).
    #[inline(always)]
    fn shift(&mut self) -> u64 {
        let word = self.low;
        self.low = self.high as u64;
        self.high >>= 64;
        word
    }

    /// Σ x_i·y_i over the common length of `x` and `y`.
    #[inline(always)]
    fn dot(&mut self, x: &[u64], y: &[u64]) {
        let len = x.len().min(y.len());
        let (x, y) = (x.split_at(len).0, y.split_at(len).0);
        let mut xs = x.chunks_exact(UNROLL);
        let mut ys = y.chunks_exact(UNROLL);
        for (xc, yc) in (&mut xs).zip(&mut ys) {
            for (a, b) in xc.iter().zip(yc) {
                self.mul_add(*a, *b);
            }
        }
        for (a, b) in xs.remainder().iter().zip(ys.remainder()) {
            self.mul_add(*a, *b);
        }
    }
}

/// The modulus as the kernels read it.
pub(super) struct Modulus<'a> {
    /// p, little-endian limbs.
    pub(super) p: &'a [u64],
    /// p with its limbs in reverse order.
    pub(super) p_rev: &'a [u64],
    /// −p^(−1) mod 2^64.
    pub(super) n0: u64,
}

/// `x.get(range)`, or an empty slice; every caller passes a range inside `x`.
#[inline(always)]
fn part(x: &[u64], start: usize, end: usize) -> &[u64] {
    x.get(start..end).unwrap_or(&[])
}

/// Writes `value` to `x[index]` (an index inside `x`).
#[inline(always)]
fn put(x: &mut [u64], index: usize, value: u64) {
    if let Some(slot) = x.get_mut(index) {
        *slot = value;
    }
}

/// `x[index]` (an index inside `x`).
#[inline(always)]
fn at(x: &[u64], index: usize) -> u64 {
    x.get(index).copied().unwrap_or(0)
}

/// Copies `x` reversed into `out`.
#[inline(always)]
fn reverse_into(x: &[u64], out: &mut [u64]) {
    for (o, v) in out.iter_mut().zip(x.iter().rev()) {
        *o = *v;
    }
}

/// The reduction half of column k < n: adds Σ_(i<k) m_i·p_(k−i) (the m_i are in out[..k]),
/// chooses m_k so that the column becomes ≡ 0 mod 2^64, stores it and moves on.
#[inline(always)]
fn reduce_low_column(acc: &mut Column, k: usize, modulus: &Modulus<'_>, out: &mut [u64]) {
    let n = modulus.p.len();
    acc.dot(part(out, 0, k), part(modulus.p_rev, n - 1 - k, n - 1));
    let m = acc.low.wrapping_mul(modulus.n0);
    put(out, k, m);
    acc.mul_add(m, at(modulus.p, 0));
    // The low word is now zero.
    acc.shift();
}

/// The reduction half of column k ≥ n: adds Σ_(i>k−n) m_i·p_(k−i) and stores the low word as
/// result limb k − n, which overwrites m_(k−n), no longer needed.
#[inline(always)]
fn reduce_high_column(acc: &mut Column, k: usize, modulus: &Modulus<'_>, out: &mut [u64]) {
    let n = modulus.p.len();
    let (done, pending) = out.split_at_mut(k - n + 1);
    acc.dot(pending, part(modulus.p_rev, 0, 2 * n - 1 - k));
    put(done, k - n, acc.shift());
}

/// Finishes a product whose last column is in `acc`: the result, below 2p, is in `out` plus a
/// carry; subtracts p once if it is at least p, by a masked select. `scratch` has n limbs.
#[inline(always)]
fn finish(mut acc: Column, modulus: &Modulus<'_>, out: &mut [u64], scratch: &mut [u64]) {
    let n = modulus.p.len();
    put(out, n - 1, acc.shift());
    let carry = acc.low;
    let mut borrow = 0u64;
    for ((d, o), q) in scratch.iter_mut().zip(out.iter()).zip(modulus.p) {
        let (t1, b1) = o.overflowing_sub(*q);
        let (t2, b2) = t1.overflowing_sub(borrow);
        *d = t2;
        borrow = u64::from(b1 | b2);
    }
    // out + carry·2^(64n) ≥ p exactly when there is a carry or the subtraction did not borrow.
    let take = Choice::from(((carry | (borrow ^ 1)) & 1) as u8);
    for (o, d) in out.iter_mut().zip(scratch.iter()) {
        o.conditional_assign(d, take);
    }
}

/// out = a·b·2^(−64n) mod p for a, b < p, fully reduced. `scratch` has n limbs; all slices have
/// the length n of p, and `out` is distinct from `a` and `b`.
#[inline(always)]
pub(super) fn mul(
    a: &[u64],
    b: &[u64],
    modulus: &Modulus<'_>,
    out: &mut [u64],
    scratch: &mut [u64],
) {
    let n = modulus.p.len();
    reverse_into(b, scratch);
    let b_rev: &[u64] = scratch;
    let mut acc = Column::default();
    for k in 0..n {
        // Σ_(i≤k) a_i·b_(k−i), with b_(k−i) = b_rev[n − 1 − k + i].
        acc.dot(part(a, 0, k + 1), part(b_rev, n - 1 - k, n));
        reduce_low_column(&mut acc, k, modulus, out);
    }
    for k in n..2 * n - 1 {
        acc.dot(part(a, k + 1 - n, n), part(b_rev, 0, 2 * n - 1 - k));
        reduce_high_column(&mut acc, k, modulus, out);
    }
    finish(acc, modulus, out, scratch);
}

/// Adds column k of a²: 2·Σ_(lo≤i<⌈k/2⌉) a_i·a_(k−i), plus a_(k/2)² for even k, where
/// a_(k−i) = a_rev[n − 1 − k + i] and lo = max(0, k + 1 − n).
#[inline(always)]
fn square_column(acc: &mut Column, a: &[u64], a_rev: &[u64], k: usize, lo: usize) {
    let n = a.len();
    let half = k.div_ceil(2);
    let mut cross = Column::default();
    cross.dot(
        part(a, lo, half),
        part(a_rev, n - 1 + lo - k, n - 1 + half - k),
    );
    acc.add_twice(&cross);
    if k.is_multiple_of(2) {
        let middle = at(a, k / 2);
        acc.mul_add(middle, middle);
    }
}

/// out = a²·2^(−64n) mod p for a < p, fully reduced; as [`mul`], with each cross product
/// a_i·a_j (i < j) computed once and doubled.
#[inline(always)]
pub(super) fn square(a: &[u64], modulus: &Modulus<'_>, out: &mut [u64], scratch: &mut [u64]) {
    let n = modulus.p.len();
    reverse_into(a, scratch);
    let a_rev: &[u64] = scratch;
    let mut acc = Column::default();
    for k in 0..n {
        square_column(&mut acc, a, a_rev, k, 0);
        reduce_low_column(&mut acc, k, modulus, out);
    }
    for k in n..2 * n - 1 {
        square_column(&mut acc, a, a_rev, k, k + 1 - n);
        reduce_high_column(&mut acc, k, modulus, out);
    }
    finish(acc, modulus, out, scratch);
}
