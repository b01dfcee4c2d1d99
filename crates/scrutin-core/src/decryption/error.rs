//! Why a decryption protocol step cannot go on, naming the guardian at fault where there is one.

use crate::ceremony::SecretFileError;
use crate::verify_error::Location;

/// A failure of the decryption protocol (§3.6.3–3.6.7). The variants that name a guardian
/// are the complaints of §3.6.5: the protocol halts and that guardian is reported.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecryptionError {
    /// Fewer available guardians than the quorum k (§3.6.4).
    QuorumTooSmall {
        /// The number of available guardians.
        available: usize,
        /// k.
        needed: u32,
    },
    /// A guardian index outside 1..=n.
    UnknownGuardian(u32),
    /// A guardian index listed twice among the available guardians.
    DuplicateGuardian(u32),
    /// A guardian, or a message from one, that is not in the set U of available guardians.
    NotInQuorum(u32),
    /// No message from this member of U.
    MissingMessage {
        /// The silent guardian.
        guardian: u32,
    },
    /// A message from this guardian has more than one entry per item, or fewer.
    WrongItemCount {
        /// The sender.
        guardian: u32,
        /// The number of items being decrypted.
        expected: usize,
        /// The number of entries in the message.
        found: usize,
    },
    /// The collected messages do not contain this guardian's own message as it was sent.
    OwnMessageAltered,
    /// Guardian `guardian`'s revealed (a_i, b_i) or partial decryption does not match its
    /// commitment d_i (equation 88 or 99).
    BadCommitment {
        /// The guardian at fault.
        guardian: u32,
        /// The position of the item in the batch.
        item: usize,
        /// The item.
        location: Location,
    },
    /// Guardian `guardian`'s response v_i does not reproduce its (a_i, b_i) (Note 3.7,
    /// equations 94–95): a wrong response or a wrong partial decryption.
    BadResponse {
        /// The guardian at fault.
        guardian: u32,
        /// The position of the item in the batch.
        item: usize,
        /// The item.
        location: Location,
    },
    /// The joint proof of an item is invalid although every guardian passed the check of
    /// Note 3.7: the guardians' coefficient commitments do not match the joint key.
    InconsistentKeys {
        /// The position of the item in the batch.
        item: usize,
        /// The item.
        location: Location,
    },
    /// The Schnorr proof C2 of a hashed-ElGamal ciphertext is invalid, so guardians must not
    /// decrypt it (§3.6.6 before equation 96, §3.6.7 before equation 107).
    InvalidEncryptionProof {
        /// The position of the item in the batch.
        item: usize,
        /// The item.
        location: Location,
    },
    /// The coefficient commitments given are not k commitments for each of the n guardians,
    /// or a member of U has no share public key.
    MalformedCoefficientCommitments,
    /// No t ≤ bound has K^t = T: the decrypted tally is beyond the bound of the solver.
    TallyOutOfRange {
        /// The option.
        location: Location,
        /// The largest t searched.
        bound: u64,
    },
    /// The discrete-logarithm solver is for a base other than the vote key K.
    WrongDiscreteLogBase,
    /// A stored session could not be read.
    SecretFile(SecretFileError),
    /// A stored session was restored with another guardian index, another set U or another
    /// number of items than it was saved with (named).
    StateMismatch(&'static str),
}

impl std::fmt::Display for DecryptionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecryptionError::QuorumTooSmall { available, needed } => {
                write!(f, "{available} guardians available, the quorum is {needed}")
            }
            DecryptionError::UnknownGuardian(i) => write!(f, "there is no guardian {i}"),
            DecryptionError::DuplicateGuardian(i) => write!(f, "guardian {i} is listed twice"),
            DecryptionError::NotInQuorum(i) => {
                write!(f, "guardian {i} is not among the available guardians")
            }
            DecryptionError::MissingMessage { guardian } => {
                write!(f, "no message from guardian {guardian}")
            }
            DecryptionError::WrongItemCount {
                guardian,
                expected,
                found,
            } => write!(
                f,
                "guardian {guardian} sent {found} entries for a batch of {expected} items"
            ),
            DecryptionError::OwnMessageAltered => {
                f.write_str("this guardian's own message was altered in transit")
            }
            DecryptionError::BadCommitment {
                guardian, location, ..
            } => write!(
                f,
                "guardian {guardian}'s revealed commitments do not match its hash d_i ({location})"
            ),
            DecryptionError::BadResponse {
                guardian, location, ..
            } => write!(
                f,
                "guardian {guardian}'s response fails the check of Note 3.7 ({location})"
            ),
            DecryptionError::InconsistentKeys { location, .. } => write!(
                f,
                "the joint proof fails although every response checks out ({location}): \
                 the coefficient commitments do not match the joint key"
            ),
            DecryptionError::InvalidEncryptionProof { location, .. } => {
                write!(f, "the ciphertext's proof C2 is invalid ({location})")
            }
            DecryptionError::MalformedCoefficientCommitments => {
                f.write_str("expected k coefficient commitments from each of the n guardians")
            }
            DecryptionError::TallyOutOfRange { location, bound } => {
                write!(f, "the tally exceeds {bound} ({location})")
            }
            DecryptionError::WrongDiscreteLogBase => {
                f.write_str("the discrete-logarithm solver is not for the vote key K")
            }
            DecryptionError::SecretFile(error) => write!(f, "stored session: {error}"),
            DecryptionError::StateMismatch(what) => {
                write!(f, "the stored session was saved for a different {what}")
            }
        }
    }
}

impl std::error::Error for DecryptionError {}
