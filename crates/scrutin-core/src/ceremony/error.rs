//! What can go wrong in a guardian's steps of the key ceremony.

use super::SecretFileError;
use crate::verify_error::VerifyError;
use std::fmt;

/// A failure of one of a guardian's steps in the key ceremony (§3.2.2).
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CeremonyError {
    /// A guardian index outside 1..=n, or a share a guardian would send to itself.
    InvalidIndex {
        /// The index given.
        index: u32,
        /// The number of guardians n.
        n: u32,
    },
    /// A share whose sender or recipient is not the guardian it was given with.
    Misaddressed {
        /// The sender named in the share.
        from: u32,
        /// The recipient named in the share.
        to: u32,
        /// The sender expected (the public key the share was checked against).
        expected_from: u32,
        /// The recipient expected (the guardian decrypting or combining it).
        expected_to: u32,
    },
    /// A check failed: a public key (Verification 2), a share's proof ([`super::SHARE_PROOF_CHECK`])
    /// or a share's value ([`super::SHARE_VALUE_CHECK`]).
    Verify(VerifyError),
    /// Computing a key share (equation 24) needs a share from every other guardian.
    MissingShare {
        /// The guardian whose share is missing.
        from: u32,
    },
    /// Two shares from the same guardian were given for one key share.
    DuplicateShare {
        /// The guardian who appears twice.
        from: u32,
    },
    /// The parameter set's q is wider than the 32 bytes a share occupies in C1 (equation 21).
    /// None of the built-in sets is.
    UnsupportedGroup,
    /// A secret file could not be read.
    SecretFile(SecretFileError),
}

impl From<VerifyError> for CeremonyError {
    fn from(error: VerifyError) -> Self {
        CeremonyError::Verify(error)
    }
}

impl From<SecretFileError> for CeremonyError {
    fn from(error: SecretFileError) -> Self {
        CeremonyError::SecretFile(error)
    }
}

impl fmt::Display for CeremonyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CeremonyError::InvalidIndex { index, n } => {
                write!(
                    f,
                    "guardian index {index} is not valid for n = {n} guardians"
                )
            }
            CeremonyError::Misaddressed {
                from,
                to,
                expected_from,
                expected_to,
            } => write!(
                f,
                "the share from guardian {from} to {to} was given where a share from \
                 {expected_from} to {expected_to} was expected"
            ),
            CeremonyError::Verify(error) => error.fmt(f),
            CeremonyError::MissingShare { from } => {
                write!(f, "the share from guardian {from} is missing")
            }
            CeremonyError::DuplicateShare { from } => {
                write!(f, "more than one share from guardian {from}")
            }
            CeremonyError::UnsupportedGroup => {
                f.write_str("q is wider than 32 bytes; shares cannot be encrypted (equation 21)")
            }
            CeremonyError::SecretFile(error) => write!(f, "secret file: {error}"),
        }
    }
}

impl std::error::Error for CeremonyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CeremonyError::Verify(error) => Some(error),
            CeremonyError::SecretFile(error) => Some(error),
            _ => None,
        }
    }
}
