//! A witness's state and its one decision: cosign a new checkpoint of a log only if it is
//! consistent with the last one the witness cosigned (c2sp.org/tlog-cosignature; the
//! behaviour follows c2sp.org/tlog-witness without its HTTP protocol). No I/O: the caller
//! fetches notes and proofs, and stores the state.

use crate::checkpoint::{open_note, Checkpoint};
use crate::cosign::cosign_checkpoint;
use crate::hash::Hash;
use crate::keys::{Signer, Verifier};
use crate::note::NoteError;
use crate::verify::{verify_consistency, ProofError};
use std::fmt;

/// What a witness remembers about one log: its origin and the last checkpoint it cosigned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WitnessState {
    /// The log's origin line.
    pub origin: String,
    /// The size and root of the last checkpoint cosigned, if any.
    pub last: Option<(u64, Hash)>,
}

/// Why a witness refused to cosign. The state is unchanged after any of these.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WitnessError {
    /// The note is malformed, not a checkpoint, or not validly signed by the log.
    Note(NoteError),
    /// The checkpoint is for another log.
    WrongOrigin {
        /// The origin the witness follows.
        expected: String,
        /// The origin in the checkpoint.
        found: String,
    },
    /// The log presented a smaller tree than one it signed before: a log never shrinks.
    SizeDecreased {
        /// The size last cosigned.
        last_size: u64,
        /// The size presented.
        new_size: u64,
    },
    /// The log presented a different root for a size it signed before: a fork.
    RootChanged {
        /// The tree size.
        size: u64,
        /// The root cosigned before.
        last_root: Hash,
        /// The root presented now.
        new_root: Hash,
    },
    /// The consistency proof from the last cosigned checkpoint to the new one fails.
    Inconsistent {
        /// The size last cosigned (0 before the first).
        last_size: u64,
        /// The size presented.
        new_size: u64,
        /// How the proof failed.
        error: ProofError,
    },
}

impl fmt::Display for WitnessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WitnessError::Note(e) => write!(f, "checkpoint refused: {e}"),
            WitnessError::WrongOrigin { expected, found } => {
                write!(f, "checkpoint is for log {found:?}, not {expected:?}")
            }
            WitnessError::SizeDecreased {
                last_size,
                new_size,
            } => write!(
                f,
                "log shrank: size {new_size} after a cosigned size {last_size}"
            ),
            WitnessError::RootChanged {
                size,
                last_root,
                new_root,
            } => write!(
                f,
                "log forked: size {size} has root {new_root}, cosigned with root {last_root}"
            ),
            WitnessError::Inconsistent {
                last_size,
                new_size,
                error,
            } => write!(
                f,
                "size {new_size} is not shown consistent with cosigned size {last_size}: {error}"
            ),
        }
    }
}

impl std::error::Error for WitnessError {}

impl WitnessState {
    /// A witness that has not yet seen the log `origin`.
    pub fn new(origin: impl Into<String>) -> WitnessState {
        WitnessState {
            origin: origin.into(),
            last: None,
        }
    }

    /// Checks a checkpoint note from the log and, if it is acceptable, records it and returns
    /// the witness's cosignature line to append to the note.
    ///
    /// Acceptable means: signed by `log` (signed-note rules, [`open_note`]), for this origin,
    /// and consistent with the last checkpoint cosigned, proven by `consistency_proof` from the
    /// last size to the new one (RFC 9162 §2.1.4.2; empty for the first checkpoint and for the
    /// same checkpoint again). `now` is the cosignature's timestamp in POSIX seconds.
    pub fn cosign(
        &mut self,
        note: &str,
        consistency_proof: &[Hash],
        log: &Verifier,
        witness: &Signer,
        now: u64,
    ) -> Result<String, WitnessError> {
        let (cp, _) = open_note(note, std::slice::from_ref(log)).map_err(WitnessError::Note)?;
        self.check(&cp, consistency_proof)?;
        let line = cosign_checkpoint(&cp, witness, now).map_err(WitnessError::Note)?;
        self.last = Some((cp.size, cp.root));
        Ok(line)
    }

    fn check(&self, cp: &Checkpoint, proof: &[Hash]) -> Result<(), WitnessError> {
        if cp.origin != self.origin {
            return Err(WitnessError::WrongOrigin {
                expected: self.origin.clone(),
                found: cp.origin.clone(),
            });
        }
        let (last_size, last_root) = self.last.unwrap_or((0, Hash::empty_root()));
        if cp.size < last_size {
            return Err(WitnessError::SizeDecreased {
                last_size,
                new_size: cp.size,
            });
        }
        if cp.size == last_size && cp.root != last_root {
            return Err(WitnessError::RootChanged {
                size: cp.size,
                last_root,
                new_root: cp.root,
            });
        }
        verify_consistency(last_size, &last_root, cp.size, &cp.root, proof).map_err(|error| {
            WitnessError::Inconsistent {
                last_size,
                new_size: cp.size,
                error,
            }
        })
    }
}
