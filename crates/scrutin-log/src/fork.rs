//! Detecting a forked log from two of its signed checkpoints.
//!
//! A log that shows two parties two different histories must sign two checkpoints that no
//! consistency proof can join (c2sp.org/tlog-checkpoint, "Signatures"). Comparing any two
//! checkpoints it signed therefore catches it: at the same size the roots differ, or at
//! different sizes the log cannot produce a valid consistency proof from the smaller to the
//! larger. Witness cosignatures on each side show who was shown which history.

use crate::checkpoint::{open_note, Checkpoint};
use crate::hash::Hash;
use crate::keys::Verifier;
use crate::note::NoteError;
use crate::verify::{verify_consistency, ProofError};
use std::fmt;

/// A checkpoint with the log's valid signature, and which cosigners also signed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedCheckpoint {
    /// The checkpoint.
    pub checkpoint: Checkpoint,
    /// Indices into the `cosigners` given to [`detect_fork`] of those whose cosignature
    /// verified.
    pub cosigned_by: Vec<usize>,
}

/// The evidence that the log forked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fork {
    /// The log signed two roots for one size.
    SameSizeDifferentRoots {
        /// The tree size.
        size: u64,
    },
    /// The consistency proof between the two checkpoints fails. Conclusive when the proof came
    /// from the log, which must be able to produce a valid one for any two checkpoints it
    /// signed.
    ProofFails {
        /// The smaller size.
        old_size: u64,
        /// The larger size.
        new_size: u64,
        /// How the proof failed.
        error: ProofError,
    },
}

/// Two checkpoints signed by one log that cannot both be true.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForkEvidence {
    /// What the two checkpoints show.
    pub fork: Fork,
    /// The first checkpoint given.
    pub first: SignedCheckpoint,
    /// The second checkpoint given.
    pub second: SignedCheckpoint,
}

/// The outcome of comparing two checkpoints of one log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ForkCheck {
    /// The smaller tree is a prefix of the larger (or they are the same tree).
    Consistent,
    /// The log forked.
    Forked(Box<ForkEvidence>),
}

/// Which of the two notes given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// The first note.
    First,
    /// The second note.
    Second,
}

/// Why two checkpoints could not be compared.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ForkError {
    /// A note is malformed, not a checkpoint, not signed by the log, or carries a signature by
    /// a given key that does not verify.
    Note(Which, NoteError),
    /// The checkpoints are of different logs.
    DifferentOrigins {
        /// The origin of the first.
        first: String,
        /// The origin of the second.
        second: String,
    },
    /// The sizes differ and no consistency proof was given.
    ProofNeeded {
        /// The smaller size.
        old_size: u64,
        /// The larger size.
        new_size: u64,
    },
}

impl fmt::Display for ForkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ForkError::Note(which, e) => write!(f, "{which:?} checkpoint: {e}"),
            ForkError::DifferentOrigins { first, second } => {
                write!(f, "checkpoints of different logs: {first:?} and {second:?}")
            }
            ForkError::ProofNeeded { old_size, new_size } => write!(
                f,
                "comparing sizes {old_size} and {new_size} needs a consistency proof"
            ),
        }
    }
}

impl std::error::Error for ForkError {}

fn open_signed(
    note: &str,
    verifiers: &[Verifier],
    which: Which,
) -> Result<SignedCheckpoint, ForkError> {
    let (checkpoint, sigs) = open_note(note, verifiers).map_err(|e| ForkError::Note(which, e))?;
    if !sigs.iter().any(|s| s.verifier == 0) {
        let name = verifiers.first().map_or("", |v| v.name()).to_owned();
        return Err(ForkError::Note(which, NoteError::NotSignedBy { name }));
    }
    let cosigned_by = sigs
        .iter()
        .filter_map(|s| s.verifier.checked_sub(1))
        .collect();
    Ok(SignedCheckpoint {
        checkpoint,
        cosigned_by,
    })
}

/// Compares two checkpoint notes of one log, each of which must carry the `log`'s valid
/// signature (cosignatures by `cosigners` are checked and reported; others are ignored).
///
/// Equal sizes fork when the roots differ. Different sizes need `consistency_proof` from the
/// smaller to the larger (RFC 9162 §2.1.4.2), normally asked of the log: if it fails, the log
/// forked.
pub fn detect_fork(
    first: &str,
    second: &str,
    log: &Verifier,
    cosigners: &[Verifier],
    consistency_proof: Option<&[Hash]>,
) -> Result<ForkCheck, ForkError> {
    let mut verifiers = Vec::with_capacity(cosigners.len() + 1);
    verifiers.push(log.clone());
    verifiers.extend_from_slice(cosigners);
    let a = open_signed(first, &verifiers, Which::First)?;
    let b = open_signed(second, &verifiers, Which::Second)?;
    let (ca, cb) = (&a.checkpoint, &b.checkpoint);
    if ca.origin != cb.origin {
        return Err(ForkError::DifferentOrigins {
            first: ca.origin.clone(),
            second: cb.origin.clone(),
        });
    }
    let fork = if ca.size == cb.size {
        if ca.root == cb.root {
            return Ok(ForkCheck::Consistent);
        }
        Fork::SameSizeDifferentRoots { size: ca.size }
    } else {
        let (old, new) = if ca.size < cb.size {
            (ca, cb)
        } else {
            (cb, ca)
        };
        let Some(proof) = consistency_proof else {
            return Err(ForkError::ProofNeeded {
                old_size: old.size,
                new_size: new.size,
            });
        };
        match verify_consistency(old.size, &old.root, new.size, &new.root, proof) {
            Ok(()) => return Ok(ForkCheck::Consistent),
            Err(error) => Fork::ProofFails {
                old_size: old.size,
                new_size: new.size,
                error,
            },
        }
    };
    Ok(ForkCheck::Forked(Box::new(ForkEvidence {
        fork,
        first: a,
        second: b,
    })))
}
