//! Small discrete logarithms: the t with K^t = T for a decrypted tally value T (§3.6.2,
//! equation 82, footnotes 12 and 47).
//!
//! Two strategies, as the footnotes suggest: a full table {K^t ↦ t} for small bounds, and
//! Shanks' baby-step giant-step for large ones, which needs about 2·√bound multiplications
//! and √bound table entries instead of bound.
//!
//! Everything here runs in variable time, which is why the functions are named `_vartime`.
//! That is safe because the inputs are public: T = B·M⁻¹ is published in the election record
//! together with t itself (§3.7), so timing can leak nothing that the record does not already
//! show. Never use this module on a secret exponent.

use crate::group::{Element, ParameterSet, Scalar};
use std::collections::HashMap;

/// Bounds up to this use a full table; larger ones use baby-step giant-step. Building the full
/// table costs one multiplication per entry, so beyond this size the √bound work of
/// baby-step giant-step is cheaper even for a long tally.
pub const TABLE_LIMIT: u64 = 1 << 16;

/// A lookup table from group elements to small exponents.
///
/// Keys are the low 64 bits of the element's encoding, which are uniformly distributed for
/// powers of a generator; the rare elements whose short key collides with an earlier entry are
/// kept in full in `overflow`, so the table stays exact.
struct PowerTable {
    short: HashMap<u64, u64>,
    overflow: HashMap<Vec<u8>, u64>,
}

impl PowerTable {
    /// base^j ↦ j for 0 ≤ j < size.
    fn build_vartime<P: ParameterSet>(base: &Element<P>, size: u64) -> Self {
        let capacity = usize::try_from(size).unwrap_or(usize::MAX).min(1 << 24);
        let mut table = PowerTable {
            short: HashMap::with_capacity(capacity),
            overflow: HashMap::new(),
        };
        let mut power = Element::one();
        for j in 0..size {
            let bytes = power.to_bytes();
            match table.short.entry(short_key(&bytes)) {
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(j);
                }
                std::collections::hash_map::Entry::Occupied(_) => {
                    table.overflow.entry(bytes).or_insert(j);
                }
            }
            power = power.mul(base);
        }
        table
    }

    /// The j with base^j = target, if target is in the table.
    fn find_vartime<P: ParameterSet>(&self, base: &Element<P>, target: &Element<P>) -> Option<u64> {
        let bytes = target.to_bytes();
        if let Some(j) = self.overflow.get(&bytes) {
            return Some(*j);
        }
        let j = *self.short.get(&short_key(&bytes))?;
        // A short key can match an element outside the table; confirm with one exponentiation.
        // j is public (it becomes the published tally), so a sliding window over its few bits
        // does: a handful of multiplications instead of a constant-time 64-bit exponent.
        (base.pow_vartime(&Scalar::from_u64(j)) == *target).then_some(j)
    }
}

/// The last eight bytes of an encoding as an integer (fewer if the encoding is shorter).
fn short_key(bytes: &[u8]) -> u64 {
    let tail = bytes.get(bytes.len().saturating_sub(8)..).unwrap_or(bytes);
    tail.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b))
}

enum Strategy<P: ParameterSet> {
    /// All of base^0 … base^bound.
    Table(PowerTable),
    /// base^0 … base^(m−1), and base^(−m) for the giant steps.
    BabyGiant {
        baby: PowerTable,
        step: u64,
        giant: Element<P>,
    },
}

/// A solver for t in base^t = T with 0 ≤ t ≤ bound (§3.6.2).
///
/// Build one per base and bound and reuse it for every option of a tally.
pub struct DiscreteLog<P: ParameterSet> {
    base: Element<P>,
    bound: u64,
    strategy: Strategy<P>,
}

impl<P: ParameterSet> std::fmt::Debug for DiscreteLog<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.strategy {
            Strategy::Table(_) => "table",
            Strategy::BabyGiant { .. } => "baby-step giant-step",
        };
        write!(
            f,
            "DiscreteLog({:?}, bound {}, {kind})",
            self.base, self.bound
        )
    }
}

impl<P: ParameterSet> DiscreteLog<P> {
    /// A solver for exponents 0 ≤ t ≤ `bound`, choosing a full table when bound ≤
    /// [`TABLE_LIMIT`] and baby-step giant-step above (footnote 47). Variable time: for public
    /// tallies only (see the module documentation).
    pub fn new_vartime(base: &Element<P>, bound: u64) -> Self {
        if bound <= TABLE_LIMIT {
            Self::table_vartime(base, bound)
        } else {
            Self::baby_giant_vartime(base, bound)
        }
    }

    /// A solver by a full table of base^0 … base^bound (footnote 12). Variable time: for public
    /// tallies only.
    pub fn table_vartime(base: &Element<P>, bound: u64) -> Self {
        let table = PowerTable::build_vartime(base, bound.saturating_add(1));
        DiscreteLog {
            base: base.clone(),
            bound,
            strategy: Strategy::Table(table),
        }
    }

    /// A solver by Shanks' baby-step giant-step method (footnotes 12 and 47): with
    /// m = ⌈√(bound + 1)⌉, a table of base^j for 0 ≤ j < m, then T·base^(−m·i) is looked up for
    /// i = 0, 1, … until a hit gives t = m·i + j. Building costs m multiplications and m table
    /// entries, each lookup at most m + 1 more. Variable time: for public tallies only.
    pub fn baby_giant_vartime(base: &Element<P>, bound: u64) -> Self {
        let step = ceil_sqrt(bound.saturating_add(1)).max(1);
        let baby = PowerTable::build_vartime(base, step);
        let giant = base.pow_u64(step).invert();
        DiscreteLog {
            base: base.clone(),
            bound,
            strategy: Strategy::BabyGiant { baby, step, giant },
        }
    }

    /// The base K.
    pub fn base(&self) -> &Element<P> {
        &self.base
    }

    /// The largest exponent this solver finds.
    pub fn bound(&self) -> u64 {
        self.bound
    }

    /// The t with 0 ≤ t ≤ bound and base^t = `target`, or `None` if there is none.
    /// Variable time: `target` and the result must be public (see the module documentation).
    pub fn log_vartime(&self, target: &Element<P>) -> Option<u64> {
        match &self.strategy {
            Strategy::Table(table) => table.find_vartime(&self.base, target),
            Strategy::BabyGiant { baby, step, giant } => {
                let mut current = target.clone();
                // t = step·i + j with 0 ≤ j < step needs i ≤ bound / step.
                for i in 0..=self.bound / step {
                    if let Some(j) = baby.find_vartime(&self.base, &current) {
                        let t = i.checked_mul(*step)?.checked_add(j)?;
                        return (t <= self.bound).then_some(t);
                    }
                    current = current.mul(giant);
                }
                None
            }
        }
    }
}

/// ⌈√n⌉ for n ≥ 0, exactly (no floating point).
fn ceil_sqrt(n: u64) -> u64 {
    // Integer Newton iteration for ⌊√n⌋, then round up.
    if n < 2 {
        return n;
    }
    let mut x = n;
    let mut y = x / 2 + x % 2;
    while y < x {
        x = y;
        y = (x + n / x) / 2;
    }
    if x.checked_mul(x) == Some(n) {
        x
    } else {
        x + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::group::{Scalar, Standard, Toy256};
    use proptest::prelude::*;

    fn key() -> Element<Toy256> {
        Element::g_pow(&Scalar::from_u64(0x1234_5678_9ABC))
    }

    #[test]
    fn ceil_sqrt_is_exact() {
        for n in 0..2000u64 {
            let r = ceil_sqrt(n);
            assert!(r * r >= n, "{n}");
            assert!(r == 0 || (r - 1) * (r - 1) < n, "{n}");
        }
        assert_eq!(ceil_sqrt(u64::MAX), 1 << 32);
    }

    #[test]
    fn finds_small_exponents_and_rejects_out_of_bound() {
        let k = key();
        let table = DiscreteLog::table_vartime(&k, 100);
        let bsgs = DiscreteLog::baby_giant_vartime(&k, 100);
        for t in [0u64, 1, 2, 57, 99, 100] {
            assert_eq!(table.log_vartime(&k.pow_u64(t)), Some(t));
            assert_eq!(bsgs.log_vartime(&k.pow_u64(t)), Some(t));
        }
        for t in [101u64, 102, 121, 5000] {
            assert_eq!(table.log_vartime(&k.pow_u64(t)), None);
            assert_eq!(bsgs.log_vartime(&k.pow_u64(t)), None);
        }
    }

    #[test]
    fn chooses_strategy_by_bound() {
        let k = key();
        assert!(format!("{:?}", DiscreteLog::new_vartime(&k, 10)).contains("table"));
        let large = DiscreteLog::new_vartime(&k, 1 << 30);
        assert!(format!("{large:?}").contains("giant"));
        let t = (1 << 30) - 7;
        assert_eq!(large.log_vartime(&k.pow_u64(t)), Some(t));
    }

    #[test]
    fn standard_group_small_log() {
        let k = Element::<Standard>::g_pow(&Scalar::from_u64(987_654_321));
        let dlog = DiscreteLog::new_vartime(&k, 1000);
        assert_eq!(dlog.log_vartime(&k.pow_u64(733)), Some(733));
        assert_eq!(dlog.log_vartime(&Element::generator()), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn table_and_baby_giant_agree(bound in 0u64..3000, t in 0u64..3500) {
            let k = key();
            let table = DiscreteLog::table_vartime(&k, bound);
            let bsgs = DiscreteLog::baby_giant_vartime(&k, bound);
            let target = k.pow_u64(t);
            let expected = (t <= bound).then_some(t);
            prop_assert_eq!(table.log_vartime(&target), expected);
            prop_assert_eq!(bsgs.log_vartime(&target), expected);
        }
    }
}
