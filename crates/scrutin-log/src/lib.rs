//! # scrutin-log
//!
//! The tamper-evident, append-only log of a scrutin bulletin board, with no I/O.
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod checkpoint;
mod cosign;
mod fork;
mod hash;
mod keys;
mod note;
mod shape;
mod tree;
mod verify;
mod witness;

pub use checkpoint::{open_note, sign_checkpoint, Checkpoint, CheckpointError, SizeProblem};
pub use cosign::{add_cosignature, cosign_checkpoint, cosigned_message, MAX_TIMESTAMP};
pub use fork::{detect_fork, Fork, ForkCheck, ForkError, ForkEvidence, SignedCheckpoint, Which};
pub use hash::{leaf_hash, node_hash, Hash, HASH_LEN};
pub use keys::{
    check_name, key_id, KeyError, NameProblem, SignatureType, Signer, Verifier, MAX_NAME_LEN,
};
pub use note::{
    open_signed_text, sign_text, NoteError, SignatureLineProblem, VerifiedSignature, MAX_NOTE_LEN,
    MAX_SIGNATURES,
};
pub use tree::{Tree, TreeError};
pub use verify::{verify_consistency, verify_inclusion, ProofError};
pub use witness::{WitnessError, WitnessState};
