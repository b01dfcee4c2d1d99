//! The encrypted tally: one aggregate ciphertext (A, B) per option of each contest.

use crate::election::ContestSpec;
use crate::elgamal::Ciphertext;
use crate::group::ParameterSet;
use crate::step::v2_1::{V9_A, V9_B};
use crate::verify_error::{Location, Reason, VerifyError};
use std::collections::BTreeMap;

/// Why an entry cannot be added to a tally.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TallyError {
    /// The manifest has no such contest, or the contest no such option.
    UnknownOption {
        /// The contest index.
        contest: u32,
        /// The option index.
        option: u32,
    },
    /// A weight of zero: weights are positive integers (§3.5).
    ZeroWeight {
        /// The contest index.
        contest: u32,
        /// The option index.
        option: u32,
    },
    /// The same contest, or the same option of a published tally, appears twice.
    Duplicate {
        /// The contest index.
        contest: u32,
        /// The option index, or `None` for a duplicate contest.
        option: Option<u32>,
    },
}

impl std::fmt::Display for TallyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TallyError::UnknownOption { contest, option } => {
                write!(f, "contest {contest} has no option {option}")
            }
            TallyError::ZeroWeight { contest, option } => {
                write!(f, "zero weight for contest {contest}, option {option}")
            }
            TallyError::Duplicate {
                contest,
                option: Some(option),
            } => {
                write!(f, "contest {contest}, option {option} appears twice")
            }
            TallyError::Duplicate {
                contest,
                option: None,
            } => {
                write!(f, "contest {contest} appears twice")
            }
        }
    }
}

impl std::error::Error for TallyError {}

/// Per contest index, per option index, the aggregate encryption (A, B) of that option
/// (§3.5, equations 79–80).
///
/// Ordered maps keep every iteration, and so every batch of decryption messages built from it,
/// in the same (contest, option) order on every machine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncryptedTally<P: ParameterSet> {
    contests: BTreeMap<u32, BTreeMap<u32, Ciphertext<P>>>,
}

impl<P: ParameterSet> EncryptedTally<P> {
    /// The empty tally for the manifest's contests: every option starts at (1, 1), the
    /// encryption of 0 with nonce 0, so an option that no ballot reaches still has a tally.
    pub fn new(contests: &[ContestSpec]) -> Result<Self, TallyError> {
        let mut map = BTreeMap::new();
        for contest in contests {
            let options = (1..=contest.options)
                .map(|o| (o, Ciphertext::identity()))
                .collect();
            if map.insert(contest.index, options).is_some() {
                return Err(TallyError::Duplicate {
                    contest: contest.index,
                    option: None,
                });
            }
        }
        Ok(EncryptedTally { contests: map })
    }

    /// Multiplies the encryption (α, β) of one option of one cast ballot, with that ballot's
    /// weight W, into the tally: (A, B) ← (A·α^W, B·β^W) (equation 80; W = 1 gives equation 79).
    pub fn add(
        &mut self,
        contest: u32,
        option: u32,
        ciphertext: &Ciphertext<P>,
        weight: u64,
    ) -> Result<(), TallyError> {
        if weight == 0 {
            return Err(TallyError::ZeroWeight { contest, option });
        }
        let slot = self
            .contests
            .get_mut(&contest)
            .and_then(|options| options.get_mut(&option))
            .ok_or(TallyError::UnknownOption { contest, option })?;
        // The unweighted case is the common one; skip the two exponentiations there.
        *slot = if weight == 1 {
            slot.add(ciphertext)
        } else {
            slot.add(&ciphertext.scale(weight))
        };
        Ok(())
    }

    /// Adds a stream of (contest index, option index, ciphertext, weight) entries, so that
    /// ballots can be read one at a time without holding them all (equations 79–80).
    ///
    /// Stops at the first invalid entry; the tally then holds the entries before it and
    /// should be discarded.
    pub fn add_all<'a>(
        &mut self,
        entries: impl IntoIterator<Item = (u32, u32, &'a Ciphertext<P>, u64)>,
    ) -> Result<(), TallyError>
    where
        P: 'a,
    {
        entries
            .into_iter()
            .try_for_each(|(c, o, ct, w)| self.add(c, o, ct, w))
    }

    /// A tally as published in an election record: the given aggregates, each (contest,
    /// option) at most once.
    pub fn from_published(
        entries: impl IntoIterator<Item = (u32, u32, Ciphertext<P>)>,
    ) -> Result<Self, TallyError> {
        let mut contests: BTreeMap<u32, BTreeMap<u32, Ciphertext<P>>> = BTreeMap::new();
        for (contest, option, ciphertext) in entries {
            if contests
                .entry(contest)
                .or_default()
                .insert(option, ciphertext)
                .is_some()
            {
                return Err(TallyError::Duplicate {
                    contest,
                    option: Some(option),
                });
            }
        }
        Ok(EncryptedTally { contests })
    }

    /// The aggregate (A, B) of one option.
    pub fn get(&self, contest: u32, option: u32) -> Option<&Ciphertext<P>> {
        self.contests.get(&contest)?.get(&option)
    }

    /// Every (contest index, option index, aggregate), in increasing (contest, option) order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, u32, &Ciphertext<P>)> {
        self.contests
            .iter()
            .flat_map(|(c, options)| options.iter().map(move |(o, ct)| (*c, *o, ct)))
    }

    /// The number of options in all contests.
    pub fn len(&self) -> usize {
        self.contests.values().map(BTreeMap::len).sum()
    }

    /// Whether the tally has no options at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Verification 9: `self`, recomputed from the cast ballots of the record, equals the
    /// `published` aggregates, option by option (9.A for A, 9.B for B). An option present in
    /// only one of the two fails 9.A.
    pub fn verify_matches(&self, published: &Self) -> Result<(), VerifyError> {
        let location = |contest, option| Location::Selection {
            ballot: None,
            contest,
            option,
        };
        let malformed = |contest, option, what: &str| {
            VerifyError::new(
                V9_A,
                location(contest, option),
                Reason::Malformed(what.into()),
            )
        };
        for (contest, option, recomputed) in self.iter() {
            let Some(given) = published.get(contest, option) else {
                return Err(malformed(
                    contest,
                    option,
                    "the published tally lacks this option",
                ));
            };
            if given.alpha != recomputed.alpha {
                return Err(VerifyError::new(
                    V9_A,
                    location(contest, option),
                    Reason::Mismatch("A"),
                ));
            }
            if given.beta != recomputed.beta {
                return Err(VerifyError::new(
                    V9_B,
                    location(contest, option),
                    Reason::Mismatch("B"),
                ));
            }
        }
        if let Some((contest, option, _)) = published
            .iter()
            .find(|(c, o, _)| self.get(*c, *o).is_none())
        {
            return Err(malformed(
                contest,
                option,
                "the published tally has an option the manifest lacks",
            ));
        }
        Ok(())
    }
}
