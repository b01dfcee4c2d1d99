//! The key ceremony of §3.2: each guardian's polynomials and communication key (§3.2.2,
//! equations 7–9), the compact proofs of knowledge of their coefficients (equations 10–13,
//! Verification 2), the encrypted exchange of shares (equations 15–23) and their verification
//! against the commitments (equations 28–29), the guardians' key shares (equation 24), the joint
//! keys (equations 25–26, Verification 3) and the guardian record hash (equation 27).
//!
//! Every step a single guardian takes is its own function, so a file-based ceremony can run
//! them one at a time; [`run_ceremony`] chains them in memory for demos and tests.
//!
//! The Lagrange coefficients of §3.6.4 (equation 85) live here too, beside the secret sharing
//! they invert.

mod coefficient_proof;
mod error;
mod joint;
mod key_share;
mod lagrange;
mod public_key;
#[cfg(any(test, feature = "in-memory-roles"))]
mod run;
pub mod secret_file;
mod secrets;
mod share;

pub use coefficient_proof::CoefficientProof;
pub use error::CeremonyError;
pub use joint::{
    commitment_power, guardian_record_hash, joint_keys, public_key_share, verify_joint_keys,
};
pub use key_share::{GuardianKeyShare, ReceivedShare};
pub use lagrange::lagrange_coefficient;
pub use public_key::GuardianPublicKey;
#[cfg(any(test, feature = "in-memory-roles"))]
pub use run::{run_ceremony, CeremonyOutcome};
pub use secret_file::SecretFileError;
pub use secrets::GuardianSecrets;
pub use share::EncryptedShare;

/// Which of a guardian's two key pairs a value belongs to (§3.2.2): the vote encryption key
/// (a_{i,j}, K_{i,j}, P_i) or the ballot data encryption key (â_{i,j}, K̂_{i,j}, P̂_i).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// The vote encryption key pair and its polynomial P_i.
    Vote,
    /// The ballot data encryption key pair and its polynomial P̂_i.
    Data,
}

impl KeyKind {
    /// The label of the coefficient proof's challenge hash (§5.5.2, equations 11 and 13).
    ///
    /// The specification's hash table gives the bytes 706B5F766F7465 and 706B5F64617461, i.e.
    /// "pk_vote" and "pk_data" with an underscore (the PDF typesets the underscore as a rule,
    /// which text extraction renders as a space).
    pub fn proof_label(self) -> &'static [u8] {
        match self {
            KeyKind::Vote => b"pk_vote",
            KeyKind::Data => b"pk_data",
        }
    }
}

impl std::fmt::Display for KeyKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            KeyKind::Vote => "vote encryption",
            KeyKind::Data => "ballot data encryption",
        })
    }
}

pub use crate::step::own::{SHARE_PROOF_CHECK, SHARE_VALUE_CHECK};

#[cfg(test)]
mod tests;
