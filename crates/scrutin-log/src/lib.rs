//! # scrutin-log
//!
//! The tamper-evident, append-only log of a scrutin bulletin board, with no I/O: every public
//! item of an election is a leaf of a Merkle tree; the board signs checkpoints of the tree;
//! witnesses cosign a checkpoint only if it extends the last one they saw; and two checkpoints
//! that no consistency proof joins prove that the board showed different histories.
//!
//! ## Merkle tree (RFC 9162 §2.1)
//!
//! Hashing is SHA-256 with domain separation (§2.1.1): a leaf hash is `H(0x00 || data)`
//! ([`leaf_hash`]), an interior node `H(0x01 || left || right)` ([`node_hash`]), and the root of
//! n leaves MTH splits them at the largest power of two below n; the empty tree's root is
//! `H()`. [`Tree`] appends leaf hashes and produces, for any size it has had, the root, the
//! inclusion proof PATH (§2.1.3.1) and the consistency proof PROOF (§2.1.4.1), in O(log n)
//! hashes. [`verify_inclusion`] and [`verify_consistency`] implement §2.1.3.2 and §2.1.4.2.
//! A proof is a list of 32-byte hashes, leaf level first.
//!
//! ## Checkpoints (c2sp.org/signed-note, c2sp.org/tlog-checkpoint)
//!
//! A checkpoint is a signed note whose text is three lines, each ending in `\n`: the log's
//! origin, the tree size in decimal without leading zeros, and the root in standard base64;
//! optional non-empty extension lines may follow. A blank line then separates the text from
//! one or more signature lines `— <key name> <base64(key ID || signature)>` (em dash U+2014,
//! space). For Ed25519 (type 0x01) the signature is over the note text, and the key ID is the
//! first four bytes of `SHA-256(key name || 0x0A || 0x01 || public key)`. Public keys travel as
//! vkeys `<name>+<hex key ID>+<base64(type || public key)>` ([`Verifier`]).
//!
//! A checkpoint of the 8-leaf tree of the CT test vectors, with the log's signature and one
//! cosignature (signatures shortened):
//!
//! ```text
//! scrutin.example/election/42
//! 8
//! XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=
//!
//! — scrutin.example/election/42 AbC1…
//! — witness.example/w1 Zx9…
//! ```
//!
//! [`open_note`] reads untrusted note text strictly: at most [`MAX_NOTE_LEN`] bytes and
//! [`MAX_SIGNATURES`] signatures, no control character but `\n`, canonical base64 and decimal.
//! Signatures by keys not given are ignored; a given key's signature that fails rejects the
//! note; at least one given key must have signed.
//!
//! ## Cosignatures (c2sp.org/tlog-cosignature)
//!
//! A witness cosigns with note signature type 0x04 (key ID over `0x04 || public key`); the
//! signature bytes are an 8-byte big-endian POSIX timestamp followed by an Ed25519 signature
//! of `cosignature/v1\ntime <timestamp>\n` and the checkpoint text ([`cosign_checkpoint`]).
//! [`WitnessState::cosign`] cosigns a checkpoint only if it is signed by the log and
//! consistent with the last one the witness cosigned. [`detect_fork`] compares two
//! log-signed checkpoints and reports a fork with both as evidence.
//!
//! ## Example
//!
//! ```
//! use scrutin_log::{
//!     leaf_hash, open_note, sign_checkpoint, verify_inclusion, Checkpoint, Signer, Tree,
//! };
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let mut tree = Tree::new();
//! let index = tree.append(leaf_hash(b"ballot 1"));
//! tree.append(leaf_hash(b"ballot 2"));
//!
//! // The board signs a checkpoint (its key name is the origin).
//! let board = Signer::from_seed("scrutin.example/e1", &[7; 32])?;
//! let checkpoint = Checkpoint::new("scrutin.example/e1", tree.size(), tree.root());
//! let note = sign_checkpoint(&checkpoint, &board)?;
//!
//! // A voter who trusts the board's vkey checks that the ballot is in the log.
//! let (cp, _) = open_note(&note, &[board.verifier()])?;
//! let proof = tree.inclusion_proof(index, cp.size)?;
//! verify_inclusion(&leaf_hash(b"ballot 1"), index, cp.size, &proof, &cp.root)?;
//! # Ok(())
//! # }
//! ```
//!
//! ## Choices where the specifications leave room
//!
//! - A consistency proof from the empty tree (size 0, root `H()`) to any tree is the empty
//!   list; RFC 9162 defines proofs only for `0 < old < new` (transparency-dev/merkle refuses
//!   this case). Equal sizes need an empty proof and equal roots.
//! - An inclusion proof binds the tree size only through the root: verify against the size and
//!   root of one signed checkpoint (see [`verify_inclusion`]).
//! - Ed25519 signatures are verified strictly (canonical encodings, no small-order keys).
//! - A known key that signs a note twice makes the note malformed (the Go implementation keeps
//!   the first); key IDs in vkeys must be lowercase hex.
//!
//! ## Why not `ct-merkle`
//!
//! The `ct-merkle` crate (0.3) was evaluated first. Its hashing is RFC 6962's, but its tree
//! stores the leaf items rather than leaf hashes (a board rebuilding from stored leaf hashes
//! would hash them again), proves inclusion and consistency only against the current size
//! (a board must answer for any earlier checkpoint), asserts (panics) on out-of-range sizes,
//! and 0.3 depends on `digest` 0.11 while the workspace uses `sha2` 0.10. The tree here is a
//! few hundred lines with the same proofs, checked against the published vectors.
#![forbid(unsafe_code)]
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
