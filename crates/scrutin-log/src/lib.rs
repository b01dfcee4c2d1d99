//! # scrutin-log
//!
//! The tamper-evident, append-only log of a scrutin bulletin board, with no I/O.
//!
//! Crate documentation is completed with the checkpoint formats below.
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod hash;
mod shape;
mod tree;
mod verify;

pub use hash::{leaf_hash, node_hash, Hash, HASH_LEN};
pub use tree::{Tree, TreeError};
pub use verify::{verify_consistency, verify_inclusion, ProofError};
