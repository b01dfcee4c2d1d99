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

pub use crate::step::own::{
    BALLOT_NONCE_PROOF_CHECK, CONTEST_DATA_PROOF_CHECK, CONTEST_LIST_CHECK, OPTION_LIST_CHECK,
};

#[cfg(test)]
mod tests;
