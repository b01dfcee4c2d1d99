//! The Jacobi symbol by batches of positive division steps, the fast path of `jacobi.rs`.
//!
//! A positive division step on (δ, f, g), f odd and f, g ≥ 0: if δ > 0 and g is odd, swap f
//! and g and negate δ; then replace g by g/2 if g is even, by (g + f)/2 if it is odd, and add 1
//! to δ (the "posdivsteps" of libsecp256k1's Jacobi symbol, a variant of Bernstein and Yang's
//! divsteps, "Fast constant-time gcd computation and modular inversion", 2019, in which g
//! adds f instead of subtracting it, so that neither ever becomes negative). The symbol
//! (g | f) changes sign at a swap when f ≡ g ≡ 3 mod 4 (quadratic reciprocity, both positive
//! and odd) and at each halving when f ≡ ±3 mod 8; adding f to g does not change it. The
//! steps end with g = 0 or g = f, when f = gcd of the inputs.
//!
//! Why it is fast: the next k steps depend only on δ and the low k bits of f and g (f mod 8 for
//! the sign). So 62 steps run on the low words alone, recording the matrix that maps the
//! start of the batch to its end, 2^62·(f', g') = (u·f + v·g, q·f + r·g), and the long
//! numbers are updated once per batch: at most about 200 passes over 64 words for a 4096-bit
//! symbol (the tests of `jacobi.rs` count them) instead of the binary algorithm's 2,900. Within
//! a batch, a run of halvings is taken at once from the trailing zeros of g.

/// Steps per batch: after i steps the low 64 − i bits of f and g are known, and a step reads
/// three bits of f.
const STEPS: u32 = 62;

/// The 2×2 matrix of a batch, [u v; q r]: its entries are at most 2^62.
struct Matrix {
    u: u64,
    v: u64,
    q: u64,
    r: u64,
}

/// The symbol (a | n) for odd n and 0 ≤ a < n, given as little-endian 64-bit words, or `None`
/// when the steps have not ended after `max_batches` batches (the caller then runs the binary
/// algorithm). Variable time; public inputs only.
pub(super) fn jacobi_posdivsteps_vartime(a: &[u64], n: &[u64], max_batches: usize) -> Option<i8> {
    let width = a.len().max(n.len());
    let mut f = n.to_vec();
    let mut g = a.to_vec();
    f.resize(width, 0);
    g.resize(width, 0);
    let mut scratch_f = vec![0u64; width + 1];
    let mut scratch_g = vec![0u64; width + 1];
    let mut len = significant(&f).max(significant(&g));
    let mut delta: i64 = 1;
    let mut negative = false;
    for _ in 0..max_batches {
        let (f_part, g_part) = (f.get(..len)?, g.get(..len)?);
        if significant(g_part) == 0 || f_part == g_part {
            let unit = significant(f_part) == 1 && f_part.first() == Some(&1);
            return Some(match (unit, negative) {
                (false, _) => 0,
                (true, false) => 1,
                (true, true) => -1,
            });
        }
        let low = |x: &[u64]| x.first().copied().unwrap_or(0);
        let (matrix, next_delta, flip) = batch(delta, low(&f), low(&g));
        delta = next_delta;
        negative ^= flip;
        apply(&matrix, &mut f, &mut g, len, &mut scratch_f, &mut scratch_g);
        len = significant(&f).max(significant(&g));
    }
    None
}

/// The number of words up to and including the highest nonzero one.
fn significant(x: &[u64]) -> usize {
    x.iter().rposition(|w| *w != 0).map_or(0, |i| i + 1)
}

/// [`STEPS`] steps from δ and the low words of f and g: the matrix, the new δ, and whether the
/// symbol changed sign.
fn batch(mut delta: i64, mut f: u64, mut g: u64) -> (Matrix, i64, bool) {
    let (mut u, mut v, mut q, mut r) = (1u64, 0u64, 0u64, 1u64);
    let mut flips = 0u64;
    let mut left = STEPS;
    loop {
        // A run of even g: each step halves g, doubles u and v, adds 1 to δ and multiplies the
        // symbol by (2 | f), so the run is taken at once.
        let zeros = g.trailing_zeros().min(left);
        g >>= zeros;
        u <<= zeros;
        v <<= zeros;
        delta = delta.saturating_add(i64::from(zeros));
        // Bit 1 xor bit 2 of f: f ≡ 3 or 5 mod 8, where (2 | f) = −1; once per halving.
        flips ^= ((f >> 1) ^ (f >> 2)) & u64::from(zeros);
        left -= zeros;
        if left == 0 {
            break;
        }
        // g is odd.
        if delta > 0 {
            // Bit 1 of f & g: both ≡ 3 mod 4.
            flips ^= (f & g) >> 1;
            (f, g) = (g, f);
            (u, q) = (q, u);
            (v, r) = (r, v);
            delta = -delta;
        }
        flips ^= (f >> 1) ^ (f >> 2);
        // The carry out of bit 63 is lost, as is one more known bit of g at every step.
        g = g.wrapping_add(f) >> 1;
        q = q.wrapping_add(u);
        r = r.wrapping_add(v);
        u <<= 1;
        v <<= 1;
        delta = delta.saturating_add(1);
        left -= 1;
        if left == 0 {
            break;
        }
    }
    (Matrix { u, v, q, r }, delta, flips & 1 == 1)
}

/// (f, g) ← (u·f + v·g, q·f + r·g) / 2^62 over the low `len` words (the rest are zero). The
/// division is exact, and the results are no larger than the larger input, so they fit.
fn apply(
    m: &Matrix,
    f: &mut [u64],
    g: &mut [u64],
    len: usize,
    scratch_f: &mut [u64],
    scratch_g: &mut [u64],
) {
    let (mut carry_f, mut carry_g) = (0u128, 0u128);
    let wide = |x: u64| u128::from(x);
    for (((fi, gi), sf), sg) in f
        .iter()
        .zip(g.iter())
        .zip(scratch_f.iter_mut())
        .zip(scratch_g.iter_mut())
        .take(len)
    {
        // Each sum is below 2·2^62·2^64 + 2^65 < 2^128.
        let next_f = carry_f + wide(m.u) * wide(*fi) + wide(m.v) * wide(*gi);
        let next_g = carry_g + wide(m.q) * wide(*fi) + wide(m.r) * wide(*gi);
        *sf = next_f as u64;
        *sg = next_g as u64;
        carry_f = next_f >> 64;
        carry_g = next_g >> 64;
    }
    if let Some(top) = scratch_f.get_mut(len) {
        *top = carry_f as u64;
    }
    if let Some(top) = scratch_g.get_mut(len) {
        *top = carry_g as u64;
    }
    for (x, scratch) in [(f, &*scratch_f), (g, &*scratch_g)] {
        for (out, pair) in x.iter_mut().zip(scratch.windows(2)).take(len) {
            if let [low, high] = pair {
                *out = (low >> STEPS) | (high << (64 - STEPS));
            }
        }
    }
}
