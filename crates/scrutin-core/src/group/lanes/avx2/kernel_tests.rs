//! The AVX-512 IFMA kernel against the AVX2 one, product by product, on edge-case and random
//! operands: both must give the same residue mod p, each below 2p. (The AVX2 kernel is itself
//! checked against the one-lane arithmetic through every lane path in `lanes/tests.rs`, which
//! runs on the IFMA kernel where the processor has it.) Skipped, with a note, on processors
//! without IFMA.

use super::super::digits::{self, LIMBS, WIDE_LIMBS};
use super::ifma::Ifma;
use super::kernel::{lanes_of, mont_mul, mont_square, Modulus, Operand, PADDED};
use super::Avx2;
use crate::group::{ParameterSet, Standard};
use core::arch::x86_64::{_mm256_set_epi64x, _mm256_setzero_si256};
use proptest::prelude::*;

/// The two kernels' constants for the standard p, or `None` (with a note) where the processor
/// lacks IFMA.
fn kernels() -> Option<(Modulus, Modulus, [u64; LIMBS])> {
    let (Some(_), Some(_)) = (Avx2::detect(), Ifma::detect()) else {
        eprintln!("AVX-512 IFMA not available on this machine: IFMA kernel test skipped");
        return None;
    };
    if std::env::var_os("SCRUTIN_NO_IFMA").is_some() {
        eprintln!("SCRUTIN_NO_IFMA is set: IFMA kernel test skipped");
        return None;
    }
    let p = <[u64; LIMBS]>::try_from(Standard::group().field().modulus_limbs()).ok()?;
    // SAFETY: AVX2 was detected above.
    let (with_ifma, mut avx2_only) = unsafe { (Modulus::new(&p), Modulus::new(&p)) };
    assert!(
        with_ifma.wide.is_some(),
        "IFMA is present but the kernel was not built (SCRUTIN_NO_IFMA set?)"
    );
    avx2_only.wide = None;
    Some((with_ifma, avx2_only, p))
}

/// The operand whose lane L holds `values[L]` (integers of at most 4104 bits, as limbs).
fn operand(values: [&[u64]; 4]) -> Operand {
    let [d0, d1, d2, d3] = values.map(digits::digits_of);
    // SAFETY: only called after `kernels` found AVX2.
    unsafe {
        let mut out = [_mm256_setzero_si256(); PADDED];
        for (j, v) in out.iter_mut().enumerate().take(digits::DIGITS) {
            let d = |lane: &[u32; digits::DIGITS]| i64::from(lane[j]);
            *v = _mm256_set_epi64x(d(&d3), d(&d2), d(&d1), d(&d0));
        }
        out
    }
}

/// Each lane's value as limbs, checked to be below 2p, and its residue mod p.
fn lanes_reduced(x: &Operand, modulus: &Modulus, p: &[u64; LIMBS]) -> [[u64; LIMBS]; 4] {
    // SAFETY: only called after `kernels` found AVX2.
    let lanes = unsafe { lanes_of(x, modulus) };
    lanes.map(|lane| {
        let wide = digits::limbs_of(&lane);
        let once = digits::reduce_below(&wide, p);
        let mut rest = [0u64; WIDE_LIMBS];
        rest[..LIMBS].copy_from_slice(&once);
        assert_eq!(
            digits::reduce_below(&rest, p),
            once,
            "a kernel result is not below 2p"
        );
        once
    })
}

/// `x` (27-bit digits) in the form of `modulus`'s kernel.
fn entered(x: &Operand, modulus: &Modulus) -> Operand {
    let mut out = *x;
    // SAFETY: only called after `kernels` found AVX2.
    unsafe { modulus.enter(&mut out) };
    out
}

/// a·b, a² and b² by one kernel, each lane reduced mod p.
fn products(
    a: &Operand,
    b: &Operand,
    modulus: &Modulus,
    p: &[u64; LIMBS],
) -> Vec<[[u64; LIMBS]; 4]> {
    let (a, b) = (entered(a, modulus), entered(b, modulus));
    let mut out = a;
    // SAFETY: only called after `kernels` found AVX2 (and IFMA, whose proof `modulus.wide`
    // carries where it is set).
    unsafe {
        mont_mul(&a, &b, modulus, &mut out);
        let mut results = vec![lanes_reduced(&out, modulus, p)];
        for x in [&a, &b] {
            mont_square(x, modulus, &mut out);
            results.push(lanes_reduced(&out, modulus, p));
        }
        results
    }
}

/// a·b (and a², b²) by both kernels, compared lane by lane mod p.
fn check(a: [&[u64]; 4], b: [&[u64]; 4]) {
    let Some((ifma, avx2, p)) = kernels() else {
        return;
    };
    let (a, b) = (operand(a), operand(b));
    assert_eq!(products(&a, &b, &ifma, &p), products(&a, &b, &avx2, &p));
}

/// 0, 1, p − 1, p, p + 1, 2^4096 − 1 and 2p − 1: the edges of the kernels' input range [0, 2p).
fn edges() -> Vec<[u64; WIDE_LIMBS]> {
    let p = Standard::group().field().modulus_limbs();
    let mut p_wide = [0u64; WIDE_LIMBS];
    p_wide[..LIMBS].copy_from_slice(p);
    let add = |x: &[u64; WIDE_LIMBS], y: &[u64; WIDE_LIMBS]| {
        let mut out = [0u64; WIDE_LIMBS];
        let mut carry = false;
        for ((o, a), b) in out.iter_mut().zip(x).zip(y) {
            let (s1, c1) = a.overflowing_add(*b);
            let (s2, c2) = s1.overflowing_add(u64::from(carry));
            (*o, carry) = (s2, c1 | c2);
        }
        out
    };
    let small = |v: u64| {
        let mut x = [0u64; WIDE_LIMBS];
        x[0] = v;
        x
    };
    let minus_one = [u64::MAX; WIDE_LIMBS];
    let mut top = [u64::MAX; WIDE_LIMBS];
    top[LIMBS] = 0;
    vec![
        small(0),
        small(1),
        add(&p_wide, &minus_one),
        p_wide,
        add(&p_wide, &small(1)),
        top,
        add(&add(&p_wide, &p_wide), &minus_one),
    ]
}

#[test]
fn ifma_agrees_with_avx2_on_edges() {
    let edges = edges();
    for a in &edges {
        for b in &edges {
            check([a, b, a, b], [b, a, a, b]);
        }
    }
}

#[test]
fn ifma_agrees_with_avx2_along_a_chain() {
    // Products feeding products, as in every exponentiation: the kernels' outputs (below 2p,
    // not fully reduced) are inputs again.
    let Some((ifma, avx2, p)) = kernels() else {
        return;
    };
    let edges = edges();
    let start = operand([&edges[2], &edges[5], &edges[6], &edges[1]]);
    let seed = operand([&edges[5], &edges[6], &edges[2], &edges[5]]);
    let (mut x, mut y) = (entered(&start, &ifma), entered(&start, &avx2));
    let (x_seed, y_seed) = (entered(&seed, &ifma), entered(&seed, &avx2));
    let mut scratch = x;
    for step in 0..200 {
        // SAFETY: `kernels` found AVX2 and IFMA.
        unsafe {
            if step % 3 == 0 {
                mont_square(&x, &ifma, &mut scratch);
                x = scratch;
                mont_square(&y, &avx2, &mut scratch);
                y = scratch;
            } else {
                mont_mul(&x, &x_seed, &ifma, &mut scratch);
                x = scratch;
                mont_mul(&y, &y_seed, &avx2, &mut scratch);
                y = scratch;
            }
        }
        assert_eq!(
            lanes_reduced(&x, &ifma, &p),
            lanes_reduced(&y, &avx2, &p),
            "step {step}"
        );
    }
}

proptest! {
    #[test]
    fn ifma_agrees_with_avx2_on_random_operands(
        values in proptest::collection::vec(proptest::collection::vec(any::<u64>(), LIMBS), 8),
    ) {
        // Any 64 limbs are below 2^4096 < 2p.
        let v: Vec<&[u64]> = values.iter().map(Vec::as_slice).collect();
        check([v[0], v[1], v[2], v[3]], [v[4], v[5], v[6], v[7]]);
    }
}
