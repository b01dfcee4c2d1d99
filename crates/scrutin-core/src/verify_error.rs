//! The error every verification returns: which check failed (a condition of the specification
//! or one of scrutin's own, [`crate::step`]), where in the election, and why.

use std::fmt;

pub use crate::step::Step;

/// Where in the election record a check failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// The election as a whole (parameters, base hashes, joint keys).
    Election,
    /// Guardian i (1-based).
    Guardian(u32),
    /// The share sent from guardian `from` to guardian `to`.
    Share {
        /// The sender.
        from: u32,
        /// The receiver.
        to: u32,
    },
    /// A ballot, by its identifier.
    Ballot(String),
    /// A contest, by index, on a ballot or tally.
    Contest {
        /// The ballot, or `None` for the tally.
        ballot: Option<String>,
        /// The contest index (1-based).
        contest: u32,
    },
    /// An option of a contest, by indices, on a ballot or tally.
    Selection {
        /// The ballot, or `None` for the tally.
        ballot: Option<String>,
        /// The contest index (1-based).
        contest: u32,
        /// The option index (1-based).
        option: u32,
    },
    /// A voting device's ballot chain.
    Device(String),
    /// A file of the record, by its name in the record (authorship items and signatures).
    File(String),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ballot = |b: &Option<String>| match b {
            Some(id) => format!("ballot {id}, "),
            None => "tally, ".to_string(),
        };
        match self {
            Location::Election => f.write_str("election"),
            Location::Guardian(i) => write!(f, "guardian {i}"),
            Location::Share { from, to } => write!(f, "share from guardian {from} to {to}"),
            Location::Ballot(id) => write!(f, "ballot {id}"),
            Location::Contest { ballot: b, contest } => write!(f, "{}contest {contest}", ballot(b)),
            Location::Selection {
                ballot: b,
                contest,
                option,
            } => {
                write!(f, "{}contest {contest}, option {option}", ballot(b))
            }
            Location::Device(d) => write!(f, "device {d}"),
            Location::File(name) => write!(f, "file {name}"),
        }
    }
}

/// Why a check failed.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A value that must be in Z_p^r is not (named).
    NotInGroup(&'static str),
    /// A value that must be in Z_q is not (named).
    NotInZq(&'static str),
    /// A recomputed challenge differs from the one in the record.
    ChallengeMismatch,
    /// The challenges of a disjunctive proof do not sum to the overall challenge.
    ChallengeSumMismatch,
    /// A recomputed value differs from the one in the record (named).
    Mismatch(&'static str),
    /// A structural problem: wrong count of proof parts, a missing or duplicate item (described).
    Malformed(String),
    /// Who posted an item is not established: a signature missing, of another item or
    /// signer, or not verifying under the enrolled key (described).
    Authorship(String),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NotInGroup(what) => write!(f, "{what} is not in the order-q subgroup of Z_p"),
            Reason::NotInZq(what) => write!(f, "{what} is not in Z_q"),
            Reason::ChallengeMismatch => f.write_str("the recomputed challenge does not match"),
            Reason::ChallengeSumMismatch => {
                f.write_str("the challenges do not add up to the overall challenge")
            }
            Reason::Mismatch(what) => write!(f, "{what} does not match its recomputed value"),
            Reason::Malformed(what) | Reason::Authorship(what) => f.write_str(what),
        }
    }
}

/// A failed verification check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError {
    /// The check that failed: a condition of the specification or one of scrutin's own.
    pub step: Step,
    /// Where.
    pub location: Location,
    /// Why.
    pub reason: Reason,
}

impl VerifyError {
    /// A failure of `step` at `location` because of `reason`.
    pub fn new(step: Step, location: Location, reason: Reason) -> Self {
        VerifyError {
            step,
            location,
            reason,
        }
    }
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} failed ({}): {}",
            self.step, self.location, self.reason
        )
    }
}

impl std::error::Error for VerifyError {}
