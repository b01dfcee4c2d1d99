//! # scrutin-board
//!
//! The bulletin board of scrutin: an HTTP service where the parties of an election meet. Every
//! public item of an election — manifest, guardian records, shares, ballots, tally, results —
//! is validated, stored durably, and appended as a leaf of the election's append-only Merkle
//! log (RFC 9162), whose checkpoints the board signs. Anyone can fetch an item with its
//! inclusion proof, two checkpoints with a consistency proof, or the whole election record
//! in the directory layout `scrutin verify` checks.
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

pub mod administrators;
pub mod authorship;
pub mod board;
pub mod cosign;
pub mod election;
pub mod error;
pub mod intake;
pub mod items;
pub mod record_source;
pub mod store;

pub use board::{Board, CreateElection, Receipt};
pub use error::BoardError;
/// The leaf encoding of the logs, shared with clients.
pub use scrutin_client::leaf;
pub mod http;
pub mod key_file;
pub mod server;
