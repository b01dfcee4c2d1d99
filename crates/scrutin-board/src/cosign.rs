//! Witness cosignatures collected by the board (c2sp.org/tlog-cosignature): a witness that
//! cosigned one of the board's checkpoints posts its cosignature line, the board checks it
//! and keeps it, and serves its checkpoints with the cosignatures appended as further
//! signature lines of the signed note (c2sp.org/signed-note allows several signatures).
//!
//! How the board knows a witness's key: the election's administrator enrols each witness
//! (`authorship/witnesses/<name>.json`, an admin-signed item of the log), and the board
//! accepts cosignatures only from an enrolled witness whose name and verifier key (a C2SP
//! vkey of signature type 0x04) are those of its enrolment (`Board::cosign`). Why enrolment
//! rather than an open list: an open list lets anyone fill the board's storage and dilutes
//! the count of cosignatures a reader sees; the enrolled witnesses are those the election's
//! parties agreed on. Whoever checks a cosigned checkpoint still decides which witness keys
//! it trusts, and can watch the board with witnesses of its own (`scrutin witness watch`).

use crate::store::CheckpointRow;
pub use scrutin_client::cosign::{CosignatureReceipt, CosignatureRequest};
use scrutin_log::{
    add_cosignature, open_note, KeyError, NoteError, SignatureType, Verifier, MAX_SIGNATURES,
};

/// How many witnesses an election may have: with the board's own signature, a checkpoint
/// with every cosignature stays within the signature lines a note may carry
/// ([`MAX_SIGNATURES`]).
pub const MAX_WITNESSES: usize = MAX_SIGNATURES - 1;

/// A cosignature the board checked: the witness, its key, the tree size and the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedCosignature {
    /// The witness's name (the key name of its vkey).
    pub witness: String,
    /// The witness's vkey as posted.
    pub vkey: String,
    /// The tree size of the checkpoint it cosigns.
    pub size: u64,
    /// The cosignature line, with its final newline.
    pub line: String,
}

/// Why the board refused a cosignature.
#[non_exhaustive]
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CosignError {
    /// The witness's key is not a vkey.
    #[error("the witness key {vkey:?} is not a vkey: {error}")]
    BadKey {
        /// The key as posted (shortened).
        vkey: String,
        /// What is wrong.
        error: KeyError,
    },
    /// The witness's key is not a cosignature key (signature type 0x04).
    #[error("the witness key of {witness:?} has signature type {kind:?}, not a cosignature/v1 key (0x04)")]
    NotCosignatureKey {
        /// The key's name.
        witness: String,
        /// Its type.
        kind: SignatureType,
    },
    /// The checkpoint posted is not a checkpoint signed by this board for this election.
    #[error("the checkpoint is not one the board signed for this election: {0}")]
    NotBoardsCheckpoint(NoteError),
    /// The board never issued a checkpoint of this size, or issued another root at it.
    #[error("the board never issued this checkpoint: {why}")]
    NeverIssued {
        /// The size posted.
        size: u64,
        /// What the board has at that size.
        why: String,
    },
    /// The cosignature line does not verify with the witness's key over the checkpoint.
    #[error("the cosignature of witness {witness:?} does not verify: {error}")]
    BadSignature {
        /// The witness.
        witness: String,
        /// How it failed.
        error: NoteError,
    },
    /// The witness name is registered with another key.
    #[error("witness {witness:?} is registered with another key ({registered}); a witness keeps its key")]
    KeyChanged {
        /// The witness.
        witness: String,
        /// The key registered first.
        registered: String,
    },
    /// The witness is not enrolled in the election, or enrolled with another key.
    #[error("witness {witness:?} with key {vkey:?} is not enrolled in this election; the administrator enrols witnesses (POST /enrolments/witnesses)")]
    NotEnrolled {
        /// The witness.
        witness: String,
        /// Its key as posted.
        vkey: String,
    },
    /// The election has as many witnesses as a checkpoint can carry.
    #[error("the election has {MAX_WITNESSES} witnesses already, the most a checkpoint can carry")]
    TooManyWitnesses,
}

impl CosignError {
    /// The machine-readable code (the `error` field of the JSON body).
    pub fn code(&self) -> &'static str {
        match self {
            CosignError::BadKey { .. } | CosignError::NotCosignatureKey { .. } => "bad_input",
            CosignError::NotBoardsCheckpoint(_) | CosignError::NeverIssued { .. } => {
                "unknown_checkpoint"
            }
            CosignError::BadSignature { .. } => "bad_cosignature",
            CosignError::KeyChanged { .. } => "witness_key_changed",
            CosignError::TooManyWitnesses => "too_many_witnesses",
            CosignError::NotEnrolled { .. } => "witness_not_enrolled",
        }
    }
}

/// At most 80 characters of untrusted text, for messages.
fn shortened(text: &str) -> String {
    text.chars().take(80).collect()
}

/// Checks a posted cosignature against the board's key `board` and `issued`, the board's
/// stored checkpoint of the size the posted checkpoint names (c2sp.org/tlog-cosignature,
/// "Verifying"): the checkpoint must be one the board signed and issued — same size, same
/// root — and the line a valid cosignature/v1 of it by the witness's key.
pub fn check(
    request: &CosignatureRequest,
    board: &Verifier,
    issued: impl FnOnce(u64) -> Result<Option<CheckpointRow>, crate::BoardError>,
) -> Result<CheckedCosignature, crate::BoardError> {
    let witness = Verifier::parse(&request.vkey).map_err(|error| CosignError::BadKey {
        vkey: shortened(&request.vkey),
        error,
    })?;
    if witness.kind() != SignatureType::CosignatureV1 {
        return Err(CosignError::NotCosignatureKey {
            witness: witness.name().to_owned(),
            kind: witness.kind(),
        }
        .into());
    }
    let (posted, _) = open_note(&request.checkpoint, std::slice::from_ref(board))
        .map_err(CosignError::NotBoardsCheckpoint)?;
    let stored = issued(posted.size)?.ok_or_else(|| CosignError::NeverIssued {
        size: posted.size,
        why: format!("it signed no checkpoint of size {}", posted.size),
    })?;
    if stored.root != posted.root.0 {
        return Err(CosignError::NeverIssued {
            size: posted.size,
            why: format!(
                "its checkpoint of size {} has root {}, not {}",
                posted.size,
                scrutin_log::Hash(stored.root).to_hex(),
                posted.root.to_hex()
            ),
        }
        .into());
    }
    add_cosignature(&stored.note, &request.cosignature, board, &witness).map_err(|error| {
        CosignError::BadSignature {
            witness: witness.name().to_owned(),
            error,
        }
    })?;
    Ok(CheckedCosignature {
        witness: witness.name().to_owned(),
        vkey: witness.vkey(),
        size: posted.size,
        line: request.cosignature.clone(),
    })
}

/// A checkpoint note with the cosignature `lines` appended (each ends in `\n`).
pub fn with_cosignatures(note: &str, lines: &[String]) -> String {
    let mut out = String::with_capacity(note.len() + lines.iter().map(String::len).sum::<usize>());
    out.push_str(note);
    for line in lines.iter().take(MAX_WITNESSES) {
        out.push_str(line);
    }
    out
}
