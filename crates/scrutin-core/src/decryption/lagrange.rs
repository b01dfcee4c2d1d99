//! Lagrange coefficients for combining the shares of the available guardians (§3.6.4,
//! equation 85).

use crate::group::{ParameterSet, Scalar};

/// w_i = ∏_{ℓ ∈ U∖{i}} ℓ / (ℓ − i) mod q (equation 85): the weight of guardian i's share when
/// the polynomial P is interpolated at 0 from its values at the indices in `available` (U).
///
/// Returns `None` if i is not in U, or U holds an index twice (the coefficients of a set with
/// a repeated point are undefined). Indices are public, so the variable-time checks here leak
/// nothing.
pub fn lagrange_coefficient<P: ParameterSet>(i: u32, available: &[u32]) -> Option<Scalar<P>> {
    let mut sorted = available.to_vec();
    sorted.sort_unstable();
    if sorted.binary_search(&i).is_err() || sorted.windows(2).any(|w| w.first() == w.get(1)) {
        return None;
    }
    let x_i = Scalar::<P>::from_u64(u64::from(i));
    let (numerator, denominator) = sorted.iter().filter(|l| **l != i).fold(
        (Scalar::<P>::one(), Scalar::<P>::one()),
        |(num, den), &l| {
            let x_l = Scalar::from_u64(u64::from(l));
            (num.mul(&x_l), den.mul(&x_l.sub(&x_i)))
        },
    );
    // Distinct indices below q differ modulo q, so the denominator is invertible; `invert`
    // returns None only for zero.
    Some(numerator.mul(&denominator.invert()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::group::Toy256;
    use proptest::prelude::*;

    #[test]
    fn three_of_five_example() {
        // U = {1, 2, 3}: w_1 = 2·3/((2−1)(3−1)) = 3, w_2 = 1·3/((1−2)(3−2)) = −3,
        // w_3 = 1·2/((1−3)(2−3)) = 1.
        let u = [1, 2, 3];
        assert_eq!(
            lagrange_coefficient::<Toy256>(1, &u),
            Some(Scalar::from_u64(3))
        );
        assert_eq!(
            lagrange_coefficient::<Toy256>(2, &u),
            Some(Scalar::from_u64(3).neg())
        );
        assert_eq!(lagrange_coefficient::<Toy256>(3, &u), Some(Scalar::one()));
    }

    #[test]
    fn rejects_absent_and_repeated_indices() {
        assert_eq!(lagrange_coefficient::<Toy256>(4, &[1, 2, 3]), None);
        assert_eq!(lagrange_coefficient::<Toy256>(1, &[1, 2, 2]), None);
        assert_eq!(lagrange_coefficient::<Toy256>(1, &[1, 1, 2]), None);
        assert_eq!(lagrange_coefficient::<Toy256>(1, &[1]), Some(Scalar::one()));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// Interpolating a random polynomial of degree < |U| at 0 returns its constant term.
        #[test]
        fn interpolation_recovers_the_constant(coefficients in proptest::collection::vec(any::<u64>(), 1..5), extra in 0usize..3) {
            let coefficients: Vec<Scalar<Toy256>> =
                coefficients.iter().map(|c| Scalar::from_u64(*c)).collect();
            let size = coefficients.len() + extra;
            let available: Vec<u32> = (1..=size as u32).map(|x| x * 3 - 1).collect();
            let eval = |x: u32| {
                let x = Scalar::from_u64(u64::from(x));
                coefficients.iter().rev().fold(Scalar::zero(), |acc, c| acc.mul(&x).add(c))
            };
            let sum = available.iter().fold(Scalar::zero(), |acc, &i| {
                acc.add(&lagrange_coefficient(i, &available).unwrap().mul(&eval(i)))
            });
            prop_assert_eq!(sum, coefficients[0].clone());
        }
    }
}
