//! The scrutin election record for ElectionGuard 2.1: raw JSON forms of every file.
//!
//! The directory layout and the field conventions follow egk's record (see
//! `docs/record-format.md`): group elements are upper-case hex of fixed width (2·l_p digits),
//! Z_q values and hashes 2·l_q and 64 digits. These types hold the hex as text; turning them
//! into validated group elements is the job of [`crate::v21::decode`], which checks widths,
//! ranges and subgroup membership and names the file and field of any failure.

pub mod encode;
pub mod layout;
pub mod manifest;
pub mod wire;
pub mod working;
pub mod working_encode;
pub mod working_layout;
