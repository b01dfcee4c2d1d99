//! Authorship: who posted each item of an election (docs/record-format.md, "Authorship").
//!
//! Every party has an Ed25519 [`Identity`]. The board operator lists the administrators who
//! may create elections; an administrator fixes the roster (its own key and the n guardians'
//! keys) when it creates the election and enrols devices and witnesses; every item a party
//! posts carries its author's signature of a [`statement`] that binds the board's log
//! origin, the election, the item's kind and key, and the SHA-256 of its bytes. The
//! signatures are items of the log themselves (`authorship/signatures/<key>`), so they are
//! in the record, the board cannot drop one unnoticed, and the verifier checks them.
//!
//! This module holds what both the board and the verifier need: the item [`Kind`]s, the
//! [`author::rule`] of each kind, the statement, the wire forms and their checked decoding
//! ([`Roster`], [`SignatureFile`]), the sealed identity file, the list of a record's items
//! with their kinds ([`record_items`]) and the signing of a finished record ([`sign_record`]).

pub mod author;
pub mod identity;
pub mod identity_file;
pub mod items;
pub mod kind;
pub mod paths;
pub mod roster;
pub mod sign_record;
pub mod signature_file;
pub mod statement;
pub mod wire;

pub use author::{kind_of, rule, Author, Rule};
pub use identity::{Identity, PublicKey, Signature, SignatureError};
pub use items::{record_items, RecordItem};
pub use kind::{Kind, KINDS};
pub use roster::{Roster, RosterError};
pub use sign_record::{sign_record, SignRecordError, Signers};
pub use signature_file::{AuthorshipError, SignatureFile};
pub use statement::{digest, statement, Place};
