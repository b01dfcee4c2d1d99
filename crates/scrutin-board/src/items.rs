//! The items of an election on the board: their kinds, and their keys, which are the paths
//! of their files in the election record (docs/record-format.md) — so that downloading the
//! record is writing every item's bytes to its key. The keys are defined in scrutin-client,
//! which a client uses to write what it downloads.

pub use scrutin_client::items::{is_safe_key, key};

pub use scrutin_record::authorship::{Kind, KINDS};
