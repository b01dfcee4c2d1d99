//! What can go wrong when encrypting a ballot or opening one with its nonce.

use std::fmt;

/// A failure of [`super::encrypt_ballot`] (a plaintext or contest list that does not fit the
/// ballot style) or of [`super::EncryptedBallot::open_with_nonce`].
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BallotError {
    /// A contest specification is unusable: an index outside 1..2^31, no options, or
    /// b_Λ ≥ 2^24 (§3.1.3, §3.3.10).
    InvalidContestSpec {
        /// The contest index.
        contest: u32,
        /// What is wrong.
        reason: &'static str,
    },
    /// The ballot style lists a contest index twice.
    DuplicateContest(u32),
    /// The plaintext (or encrypted ballot) has a contest that is not on the ballot style.
    UnknownContest(u32),
    /// A contest of the ballot style is absent from the plaintext (or encrypted ballot).
    MissingContest(u32),
    /// A contest's selections do not have one value per option: too few, or values for
    /// options the contest does not have.
    WrongOptionCount {
        /// The contest index.
        contest: u32,
        /// The number of options of the contest.
        expected: u32,
        /// The number of values given.
        found: usize,
    },
    /// Write-in text was given for a contest without a data field (b_Λ = 0).
    NoDataField {
        /// The contest index.
        contest: u32,
    },
    /// Opening: the nonce derived from the ballot nonce does not reproduce the ciphertext's
    /// α (or the contest data's C0 when `option` is `None`), so the ballot nonce is not the
    /// one this ballot was encrypted with (§3.6.7).
    NonceMismatch {
        /// The contest index.
        contest: u32,
        /// The option index, or `None` for the contest data.
        option: Option<u32>,
    },
    /// Opening: K^σ is not K^0 … K^R for this option.
    Undecryptable {
        /// The contest index.
        contest: u32,
        /// The option index.
        option: u32,
    },
    /// An encryption step failed on values that validation had accepted; a defect, reported
    /// rather than panicking.
    Internal(&'static str),
}

impl fmt::Display for BallotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BallotError::InvalidContestSpec { contest, reason } => {
                write!(f, "contest {contest}: invalid specification: {reason}")
            }
            BallotError::DuplicateContest(c) => write!(f, "contest {c} is listed twice"),
            BallotError::UnknownContest(c) => {
                write!(f, "contest {c} is not on the ballot style")
            }
            BallotError::MissingContest(c) => write!(f, "contest {c} of the ballot style is missing"),
            BallotError::WrongOptionCount {
                contest,
                expected,
                found,
            } => write!(
                f,
                "contest {contest} has {expected} options but {found} selections were given"
            ),
            BallotError::NoDataField { contest } => {
                write!(f, "contest {contest} has no data field for write-in text")
            }
            BallotError::NonceMismatch {
                contest,
                option: Some(option),
            } => write!(
                f,
                "contest {contest}, option {option}: the derived nonce does not match the ciphertext"
            ),
            BallotError::NonceMismatch {
                contest,
                option: None,
            } => write!(
                f,
                "contest {contest}: the derived nonce does not match the contest data"
            ),
            BallotError::Undecryptable { contest, option } => write!(
                f,
                "contest {contest}, option {option}: the value is not within the option limit"
            ),
            BallotError::Internal(what) => write!(f, "internal error: {what}"),
        }
    }
}

impl std::error::Error for BallotError {}
