//! Lagrange coefficients for combining the contributions of the available guardians (§3.6.4,
//! equation 85).

use crate::group::{ParameterSet, Scalar};

/// w_i = ∏_{ℓ ∈ U∖{i}} ℓ / (ℓ − i) mod q (equation 85) for the set U = `available` of guardian
/// indices, so that Σ_{i∈U} w_i · P(i) = P(0) for every polynomial P of degree below |U|.
///
/// Returns `None` if i ∉ U, if U contains 0 or a repeated index, or if two indices are
/// congruent modulo q (possible only for the tiny toy groups), since then no such coefficients
/// exist.
pub fn lagrange_coefficient<P: ParameterSet>(i: u32, available: &[u32]) -> Option<Scalar<P>> {
    let mut sorted = available.to_vec();
    sorted.sort_unstable();
    let distinct = sorted.windows(2).all(|pair| pair.first() != pair.get(1));
    if i == 0 || !distinct || sorted.first() == Some(&0) || sorted.binary_search(&i).is_err() {
        return None;
    }
    let i_q = Scalar::<P>::from_u64(u64::from(i));
    let (numerator, denominator) = available.iter().filter(|&&l| l != i).fold(
        (Scalar::<P>::one(), Scalar::<P>::one()),
        |(num, den), &l| {
            let l_q = Scalar::from_u64(u64::from(l));
            (num.mul(&l_q), den.mul(&l_q.sub(&i_q)))
        },
    );
    // One inversion for the whole product; it fails only if some ℓ ≡ i (mod q).
    Some(numerator.mul(&denominator.invert()?))
}
