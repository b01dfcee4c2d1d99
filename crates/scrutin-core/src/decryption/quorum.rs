//! The set U of available guardians and their Lagrange coefficients (§3.6.4).

use super::DecryptionError;
use crate::ceremony::lagrange_coefficient;
use crate::group::{ParameterSet, Scalar};
use crate::hash::HashInput;
use crate::parameters::GuardianCounts;

/// The available guardians U ⊆ {1, …, n} with |U| ≥ k, in increasing order, each with its
/// Lagrange coefficient w_i (equation 85).
///
/// All members take part even when there are more than k (§3.6.4), and missing guardians need
/// no compensation in 2.x.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quorum<P: ParameterSet> {
    members: Vec<u32>,
    coefficients: Vec<Scalar<P>>,
}

impl<P: ParameterSet> Quorum<P> {
    /// Checks that `available` lists at least k distinct guardians of 1..=n, and computes
    /// their Lagrange coefficients.
    pub fn new(counts: GuardianCounts, available: &[u32]) -> Result<Self, DecryptionError> {
        let mut members = available.to_vec();
        members.sort_unstable();
        if let Some(bad) = members.iter().find(|i| **i == 0 || **i > counts.n) {
            return Err(DecryptionError::UnknownGuardian(*bad));
        }
        if let Some(pair) = members.windows(2).find(|w| w.first() == w.get(1)) {
            return Err(DecryptionError::DuplicateGuardian(
                pair.first().copied().unwrap_or(0),
            ));
        }
        if members.len() < usize::try_from(counts.k).unwrap_or(usize::MAX) {
            return Err(DecryptionError::QuorumTooSmall {
                available: members.len(),
                needed: counts.k,
            });
        }
        let coefficients = members
            .iter()
            .map(|i| {
                lagrange_coefficient(*i, &members).ok_or(DecryptionError::DuplicateGuardian(*i))
            })
            .collect::<Result<_, _>>()?;
        Ok(Quorum {
            members,
            coefficients,
        })
    }

    /// The members of U in increasing order.
    pub fn members(&self) -> &[u32] {
        &self.members
    }

    /// Whether guardian i is in U.
    pub fn contains(&self, guardian: u32) -> bool {
        self.members.binary_search(&guardian).is_ok()
    }

    /// w_i for a member i of U (equation 85).
    pub fn coefficient(&self, guardian: u32) -> Option<&Scalar<P>> {
        self.coefficients
            .get(self.members.binary_search(&guardian).ok()?)
    }

    /// The members with their coefficients, in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &Scalar<P>)> {
        self.members.iter().copied().zip(self.coefficients.iter())
    }

    /// |U|.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Always false: a quorum has at least k ≥ 1 members.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Appends U as it enters d_i: b(#U, 4) ∥ b(j_1, 4) ∥ … ∥ b(j_#U, 4) with j_1 < … < j_#U
    /// (§5.5.4, equations 88 and 99).
    pub(crate) fn append_to(&self, input: HashInput) -> HashInput {
        let count = u32::try_from(self.members.len()).unwrap_or(u32::MAX);
        self.members
            .iter()
            .fold(input.u32(count), |acc, j| acc.u32(*j))
    }
}
