//! # scrutin-record
//!
//! The election record as files: raw JSON forms of every file (wire types, which hold group
//! elements as hex text), reading and writing a record (a directory, or any
//! [`v21::source::RecordSource`]), and the checked decoding of wire types into core types:
//! single fields in [`hexfield`], whole ballots, keys, tallies and shares in [`v21::decode`],
//! decryption messages in [`v21::working_decode`], egk 2.0 values in [`egk::decode`]. Every
//! error names the file and the field that is wrong; a decoded value outside the group fails
//! the verification check that requires membership ([`problem::Problem`]).
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

pub mod authorship;
pub mod capped;
pub mod egk;
pub mod error;
pub mod hexfield;
pub mod json_file;
pub mod problem;
pub mod sealed;
pub mod v21;

pub use capped::FileKind;
pub use error::{RecordError, RecordErrorKind};
pub use problem::{FieldCheck, Problem};
