//! Ballot encryption and confirmation codes (§3.3–3.4), the verification of one encrypted
//! ballot (Verification 5.B, 6, 7, 8) and of a device's chain (8.C–8.G), and the opening of
//! challenged ballots with their nonces (§3.6.7, Verification 13–14).
//!
//! A device holds a [`ChainState`] and calls [`encrypt_ballot`] per voter with the
//! [`crate::election::ElectionContext`] and the [`crate::election::ContestSpec`]s of the
//! voter's ballot style. Every hash follows the byte layouts of §5.5.3; every value a
//! verifier needs is recomputed by a public pure function.

mod chain;
mod challenges;
mod codes;
mod contest_data;
mod data_encryption;
mod encrypt;
mod encrypted;
mod error;
mod ids;
mod nonce;
mod nonce_encryption;
mod opening;
mod plaintext;
mod verify;

pub use chain::{
    chain_close, chain_field, chain_init, closing_field, device_hash, no_chaining_field,
    verify_device_chain, ChainLink, ChainState, ChainingField, ChainingMode, DeviceInfo,
};
pub use challenges::{contest_challenge, selection_challenge};
pub use codes::{confirmation_code, contest_hash};
pub use contest_data::{ContestData, ContestDataError, Overvote};
pub use data_encryption::{
    decrypt_contest_data, encrypt_contest_data, reencrypt_contest_data, verify_contest_data_proof,
    MAX_DATA_BLOCKS,
};
pub use encrypt::{encrypt_ballot, encrypt_ballot_with};
pub use encrypted::{BallotSecrets, EncryptedBallot, EncryptedContest, EncryptedSelection};
pub use error::BallotError;
pub use ids::{identifier_hash, BallotId};
pub use nonce::BallotNonce;
pub use nonce_encryption::{decrypt_ballot_nonce, encrypt_ballot_nonce, verify_ballot_nonce_proof};
pub use opening::{OpenedBallot, OpenedContest, OpenedData, OpenedSelection};
pub use plaintext::{PlaintextBallot, PlaintextContest};

use crate::verify_error::Step;

/// The check of an encrypted ballot nonce's Schnorr proof (equation 38), labelled 6.E.
///
/// The 2.1 Verification boxes have no letter for this proof (the guardians check it before
/// decrypting, §3.6.7). It attests that the ballot is well formed, so scrutin files it under
/// Verification 6 (well-formedness of selection encryptions) after its last letter, 6.D.
pub const BALLOT_NONCE_PROOF_CHECK: Step = Step::new(6, 'E');

/// The check of encrypted contest data: its length 32·b_Λ, its presence exactly when
/// b_Λ > 0, and its Schnorr proof (equation 69), labelled 6.F for the reason given at
/// [`BALLOT_NONCE_PROOF_CHECK`] (the guardians' check of §3.6.6 has no letter either).
pub const CONTEST_DATA_PROOF_CHECK: Step = Step::new(6, 'F');

/// The check that a ballot has each contest of its ballot style exactly once, in index
/// order, labelled 8.A: 8.A and 8.B presuppose one contest hash χ_l per contest of the
/// style (1 ≤ l ≤ m_B).
pub const CONTEST_LIST_CHECK: Step = Step::new(8, 'A');

/// The check that a contest has one selection per option of the manifest, indices 1 … m in
/// order, labelled 7.A: the aggregate of 7.1–7.2 ranges over all options of the contest.
pub const OPTION_LIST_CHECK: Step = Step::new(7, 'A');

#[cfg(test)]
mod tests;
