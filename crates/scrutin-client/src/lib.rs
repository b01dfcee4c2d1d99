//! # scrutin-client
//!
//! What a party needs to talk to the scrutin bulletin board (docs/board-api.md), without the
//! board itself: the JSON bodies both sides exchange (receipts, cosignatures, the error
//! body), the keys of an election's items, the leaf encoding of the board's log — so that a
//! client recomputes every leaf hash from the bytes it downloads — and a blocking HTTP client
//! that waits out the board's rate limit and names each way a request can fail. The client
//! speaks HTTPS (rustls) and refuses plain `http://` except to this machine unless allowed
//! (`transport.rs`).
//!
//! The board (crate `scrutin-board`) takes these definitions from here, so the two sides
//! cannot drift apart. This crate links no server, runtime or database.
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

pub mod board_info;
mod client;
pub mod cosign;
mod error;
pub mod error_body;
pub mod items;
pub mod leaf;
pub mod posted;
pub mod receipt;
mod retry;
pub mod signing;
pub mod transport;
pub mod wire;

pub use board_info::BoardInfo;
pub use client::{Answer, Client};
pub use error::{ClientError, Refusal};
pub use error_body::ErrorBody;
pub use receipt::{EntryReceipt, Receipt};
pub use transport::ClientOptions;
