//! Verifiable decryption by a quorum of guardians (§3.6).
//!
//! A batch of items — every option of a tally ([`TallyTarget`]), or hashed-ElGamal ciphertexts
//! under the data key ([`DataTarget`]) — is decrypted in three rounds, each one message per
//! guardian for the whole batch:
//!
//! 1. each available guardian i sends its partial decryptions M_i and commitment hashes d_i
//!    ([`DecryptionSession::start`]);
//! 2. once all d_j are in, it reveals its commitment pairs (a_i, b_i)
//!    ([`DecryptionSession::reveal`]);
//! 3. it checks every d_j, forms the joint challenge and sends its responses v_i
//!    ([`RevealedSession::respond`]).
//!
//! When the rounds run as separate processes, a session is stored between them with
//! [`DecryptionSession::to_secret_bytes`] and restored with
//! [`DecryptionSession::from_secret_bytes`].
//!
//! The [`Combiner`] then forms M and the joint proof (c, v) per item, naming any guardian
//! whose response fails the check of Note 3.7. [`decrypt_tally`] and [`decrypt_data`] run all
//! of this in one process (only with the cargo feature `in-memory-roles`: one process holding
//! a quorum of key shares defeats the threshold, so this is for demos, benchmarks and tests). [`verify_tally_decryption`] and [`DataDecryption::verify`] are
//! Verifications 10 and 12.
//!
//! Guardian key shares come in as `(i, z_i)`; the guardians' coefficient commitments as
//! slices of elements. Missing guardians need no compensation in 2.x: the available ones
//! combine their shares with Lagrange coefficients (§3.6.4).

mod combine;
mod data;
mod error;
mod hashes;
#[cfg(any(test, feature = "in-memory-roles"))]
mod in_memory;
mod joint;
mod messages;
mod persist;
mod quorum;
mod session;
mod statement;
mod tally;

pub use crate::ceremony::lagrange_coefficient;
pub use combine::{share_public_key, Combiner, JointDecryption};
pub use data::{DataDecryption, DataKind, DataTarget};
pub use error::DecryptionError;
#[cfg(any(test, feature = "in-memory-roles"))]
pub use in_memory::{decrypt_data, decrypt_in_memory, decrypt_tally};
pub use messages::{
    CommitmentMessage, CommitmentPair, ItemCommitment, ResponseMessage, RevealMessage,
};
pub use quorum::Quorum;
pub use session::{DecryptionSession, RevealedSession};
pub use statement::Statement;
pub use tally::{verify_tally_decryption, DecryptedTally, DecryptedValue, TallyTarget};

#[cfg(test)]
mod tests;
