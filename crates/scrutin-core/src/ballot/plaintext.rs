//! A voter's choices before encryption, and their validation against the ballot style's
//! contests (§3.1.3, §3.3.5).

use super::data_encryption::MAX_DATA_BLOCKS;
use super::error::BallotError;
use crate::election::ContestSpec;
use std::collections::BTreeMap;

/// The choices in one contest.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct PlaintextContest {
    /// σ_j for each option j = 1 … m, in option order: usually 0 or 1, at most R for a valid
    /// vote.
    pub selections: Vec<u64>,
    /// Write-in text for the contest data field (§3.3.10); `None` for none.
    pub write_in: Option<String>,
}

impl PlaintextContest {
    /// Choices with no write-in text.
    pub fn new(selections: Vec<u64>) -> Self {
        PlaintextContest {
            selections,
            write_in: None,
        }
    }

    /// Whether these choices overvote `spec` (§3.3.5, "Overvotes"): some option exceeds the
    /// option limit R, or the sum exceeds the contest limit L.
    pub fn is_overvote(&self, spec: &ContestSpec) -> bool {
        let over_option = self.selections.iter().any(|s| *s > spec.option_limit);
        let total = self
            .selections
            .iter()
            .fold(0u64, |acc, s| acc.saturating_add(*s));
        over_option || total > spec.contest_limit
    }
}

/// A voter's ballot before encryption: the choices for each contest of the ballot style.
///
/// `Debug` shows the ballot's name, style and contest indices but not the choices.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct PlaintextBallot {
    /// The ballot's name in the record (its file name, error locations).
    pub name: String,
    /// The label of the ballot style.
    pub style: String,
    /// The choices by contest index; every contest of the style must be present.
    pub contests: BTreeMap<u32, PlaintextContest>,
}

impl std::fmt::Debug for PlaintextBallot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlaintextBallot")
            .field("name", &self.name)
            .field("style", &self.style)
            .field("contests", &self.contests.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for PlaintextContest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PlaintextContest(…)")
    }
}

/// Checks a ballot style's contest specifications and sorts them by contest index, which is
/// manifest order (§3.1.3) and so the order of the contest hashes in equation 71.
pub(super) fn sorted_specs(contests: &[ContestSpec]) -> Result<Vec<&ContestSpec>, BallotError> {
    let mut sorted: Vec<&ContestSpec> = contests.iter().collect();
    sorted.sort_by_key(|spec| spec.index);
    for pair in sorted.windows(2) {
        if let [a, b] = pair {
            if a.index == b.index {
                return Err(BallotError::DuplicateContest(a.index));
            }
        }
    }
    for spec in &sorted {
        let invalid = |reason| BallotError::InvalidContestSpec {
            contest: spec.index,
            reason,
        };
        if spec.index == 0 || spec.index >= 1 << 31 {
            return Err(invalid("the index is not in 1..2^31"));
        }
        if spec.options == 0 || spec.options >= 1 << 31 {
            return Err(invalid("the number of options is not in 1..2^31"));
        }
        if spec.data_blocks >= MAX_DATA_BLOCKS {
            return Err(invalid("b_Λ is not below 2^24"));
        }
    }
    Ok(sorted)
}

impl PlaintextBallot {
    /// Checks the ballot against its style's contests (sorted by [`sorted_specs`]): exactly the
    /// style's contests, one value per option, write-in text only where there is a data field.
    /// Overvotes are valid input; encryption neutralizes them (§3.3.5).
    pub(super) fn check<'a>(
        &'a self,
        specs: &[&ContestSpec],
    ) -> Result<Vec<&'a PlaintextContest>, BallotError> {
        if let Some(unknown) = self
            .contests
            .keys()
            .find(|index| !specs.iter().any(|s| s.index == **index))
        {
            return Err(BallotError::UnknownContest(*unknown));
        }
        specs
            .iter()
            .map(|spec| {
                let contest = self
                    .contests
                    .get(&spec.index)
                    .ok_or(BallotError::MissingContest(spec.index))?;
                if contest.selections.len() != spec.options as usize {
                    return Err(BallotError::WrongOptionCount {
                        contest: spec.index,
                        expected: spec.options,
                        found: contest.selections.len(),
                    });
                }
                let has_text = contest.write_in.as_deref().is_some_and(|t| !t.is_empty());
                if has_text && spec.data_blocks == 0 {
                    return Err(BallotError::NoDataField {
                        contest: spec.index,
                    });
                }
                Ok(contest)
            })
            .collect()
    }
}
