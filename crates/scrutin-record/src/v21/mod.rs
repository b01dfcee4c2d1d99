//! The scrutin election record for ElectionGuard 2.1: raw JSON forms of every file.
//!
//! The directory layout and the field conventions follow egk's record (see
//! `docs/record-format.md`): group elements are upper-case hex of fixed width (2·l_p digits),
//! Z_q values and hashes 2·l_q and 64 digits. These types hold the hex as text; turning a
//! field into a validated group element is the job of [`crate::hexfield`], which checks
//! widths, ranges and subgroup membership, and whole files are decoded by [`decode`] (public
//! record files) and [`working_decode`] (decryption messages), which name the file and field of
//! any failure. A record is read through [`source::RecordSource`].

pub mod decode;
pub mod encode;
pub mod layout;
pub mod manifest;
pub mod source;
pub mod wire;
pub mod working;
pub mod working_attempts;
pub mod working_decode;
pub mod working_encode;
pub mod working_layout;
