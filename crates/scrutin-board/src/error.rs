//! Why the board refuses or fails a request. Each variant maps to one HTTP status and one
//! machine-readable code (docs/board-api.md, "Errors"); the message names what is wrong —
//! the field, the verification step, the guardian or the ballot.

use crate::store::StoreError;
use scrutin_core::{Step, VerifyError};
use scrutin_record::RecordError;

/// A refused or failed request.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum BoardError {
    /// No election with this id.
    #[error("no election {0:?}")]
    NoElection(String),
    /// The item, entry, checkpoint or proof asked for does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// The request cannot be read: malformed JSON, a missing or unknown field, a field of the
    /// wrong width, a bad id.
    #[error("{0}")]
    BadInput(String),
    /// The item reads but fails a check: a proof, a hash, a chain link. `step` is the
    /// verification step of spec §6.2 (e.g. `V6.D`) or scrutin's own (e.g. `S0.share-proof`,
    /// §3.2.2) when there is one; the HTTP answer writes it as its label (docs/board-api.md,
    /// "Errors").
    #[error("{message}")]
    Rejected {
        /// The failing step, e.g. `V6.D`; `None` for a check the specification does not label.
        step: Option<Step>,
        /// What failed, where.
        message: String,
    },
    /// A different item is on the board under this key (a retry posts the same item).
    #[error("a different item is on the board as {key} (entry {seq})")]
    Conflict {
        /// The key.
        key: String,
        /// The sequence number of the item already there.
        seq: u64,
    },
    /// The election is not at the stage where this item can be posted.
    #[error("{0}")]
    WrongPhase(String),
    /// A write that adds a party's item without the `Scrutin-Signature` header: the message
    /// names the author whose signature it needs.
    #[error("{0}")]
    Unsigned(String),
    /// A write whose author is not the one the election enrolled: a signature that does not
    /// verify under the author's enrolled key, a device that is not enrolled, an
    /// administrator the operator does not list, a witness that is not enrolled. The
    /// message names the expected author and its key's fingerprint.
    #[error("{0}")]
    NotAuthor(String),
    /// A witness's cosignature is refused.
    #[error("{0}")]
    Cosignature(#[from] crate::cosign::CosignError),
    /// The store failed.
    #[error("storage: {0}")]
    Store(#[from] StoreError),
    /// The board's own state is inconsistent (a bug or a corrupted database).
    #[error("internal: {0}")]
    Internal(String),
}

impl BoardError {
    /// The machine-readable code of the error (the `error` field of the JSON body).
    pub fn code(&self) -> &'static str {
        match self {
            BoardError::NoElection(_) | BoardError::NotFound(_) => "not_found",
            BoardError::BadInput(_) => "bad_input",
            BoardError::Rejected { .. } => "rejected",
            BoardError::Conflict { .. } => "conflict",
            BoardError::WrongPhase(_) => "wrong_phase",
            BoardError::Unsigned(_) => "unsigned",
            BoardError::NotAuthor(_) => "not_author",
            BoardError::Cosignature(e) => e.code(),
            BoardError::Store(_) => "storage",
            BoardError::Internal(_) => "internal",
        }
    }

    /// The failing verification step, if the error is a failed check.
    pub fn step(&self) -> Option<&Step> {
        match self {
            BoardError::Rejected { step, .. } => step.as_ref(),
            _ => None,
        }
    }

    /// A refusal by a failed check of the specification.
    pub fn rejected(error: &VerifyError) -> Self {
        BoardError::Rejected {
            step: Some(error.step.to_owned()),
            message: error.to_string(),
        }
    }

    /// A refusal by a check without a step label of the specification.
    pub fn rejected_plain(message: impl Into<String>) -> Self {
        BoardError::Rejected {
            step: None,
            message: message.into(),
        }
    }
}

/// Unreadable input is the client's fault.
impl From<RecordError> for BoardError {
    fn from(error: RecordError) -> Self {
        BoardError::BadInput(error.to_string())
    }
}

/// The record's decoding: syntax is bad input, a value outside the group a failed check.
impl From<scrutin_record::Problem> for BoardError {
    fn from(problem: scrutin_record::Problem) -> Self {
        match problem {
            scrutin_record::Problem::Unreadable(e) => e.into(),
            scrutin_record::Problem::Invalid(e) => BoardError::rejected(&e),
        }
    }
}

impl From<VerifyError> for BoardError {
    fn from(error: VerifyError) -> Self {
        BoardError::rejected(&error)
    }
}
