//! Lagrange coefficients (equation 85).

use super::*;
use crate::group::{Standard, Toy256, Toy64};
use proptest::prelude::*;

#[test]
fn degenerate_sets_have_no_coefficients() {
    assert!(lagrange_coefficient::<Toy256>(1, &[1, 2, 2]).is_none());
    assert!(lagrange_coefficient::<Toy256>(1, &[0, 1, 2]).is_none());
    assert!(lagrange_coefficient::<Toy256>(3, &[1, 2]).is_none());
    assert!(lagrange_coefficient::<Toy256>(0, &[1, 2]).is_none());
    assert!(lagrange_coefficient::<Toy256>(1, &[]).is_none());
    assert_eq!(lagrange_coefficient::<Toy256>(4, &[4]), Some(Scalar::one()));
    // U = {1, 2}: w_1 = 2/(2−1) = 2, w_2 = 1/(1−2) = −1.
    assert_eq!(
        lagrange_coefficient::<Toy256>(1, &[2, 1]),
        Some(Scalar::from_u64(2))
    );
    assert_eq!(
        lagrange_coefficient::<Toy256>(2, &[1, 2]),
        Some(Scalar::one().neg())
    );
}

#[test]
fn indices_congruent_modulo_q_have_no_coefficients() {
    // q of Toy64 is 0xFFFFFD, so 1 and 1 + q coincide in Z_q.
    let q = 0xFF_FFFD;
    assert!(lagrange_coefficient::<Toy64>(1, &[1, 1 + q]).is_none());
}

/// The coefficients of P (degree k − 1) and a shuffled subset U of 1..=n with |U| ≥ k.
fn case() -> impl Strategy<Value = (Vec<[u8; 32]>, Vec<u32>)> {
    (1u32..=12)
        .prop_flat_map(|n| (Just(n), 1..=n))
        .prop_flat_map(|(n, k)| {
            let all: Vec<u32> = (1..=n).collect();
            (
                proptest::collection::vec(any::<[u8; 32]>(), k as usize),
                proptest::sample::subsequence(all, k as usize..=n as usize).prop_shuffle(),
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Σ_{i∈U} w_i P(i) = P(0) for P of degree k − 1 and any U ⊆ {1..n} with |U| ≥ k, in Z_q of
    /// the standard parameters.
    #[test]
    fn interpolation_recovers_the_constant_term((coefficients, subset) in case()) {
        let a: Vec<Scalar<Standard>> =
            coefficients.iter().map(|c| Scalar::from_bytes_reduced(c)).collect();
        let eval = |x: u32| {
            let x = Scalar::<Standard>::from_u64(u64::from(x));
            a.iter().rev().fold(Scalar::zero(), |acc, c| acc.mul(&x).add(c))
        };
        let sum = subset.iter().fold(Scalar::zero(), |acc, &i| {
            acc.add(&lagrange_coefficient::<Standard>(i, &subset).unwrap().mul(&eval(i)))
        });
        prop_assert_eq!(sum, a[0].clone());
    }
}
