//! # scrutin-record
//!
//! The election record as files: raw JSON forms of every file (wire types, which hold group
//! elements as hex text), reading and writing a record directory, and the checked decoding of
//! single fields (hex into group elements, scalars and hashes: [`hexfield`]); whole ballots,
//! keys and tallies are decoded by `scrutin-verify` (`v21::decode`). Every error names the
//! file and the field that is wrong.
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

pub mod capped;
pub mod egk;
pub mod error;
pub mod hexfield;
pub mod json_file;
pub mod sealed;
pub mod v21;

pub use capped::FileKind;
pub use error::{RecordError, RecordErrorKind};
