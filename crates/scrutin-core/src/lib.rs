//! # scrutin-core
//!
//! The cryptography of ElectionGuard 2.1 (`../shared/spec/electionguard-2.1.0.pdf`), with no
//! I/O: groups and parameter sets (§3.1), the hash function and its canonical input encoding
//! (§5), ElGamal encryption (§3.3.1), hashed ElGamal with the SP 800-108 KDF (§3.2.2, §3.3.10),
//! the zero-knowledge proofs, and the protocol steps built on them.
//!
//! Section and equation numbers in the documentation refer to the 2.1 specification.
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod ballot;
pub mod ceremony;
pub mod decryption;
pub mod dlog;
pub mod election;
pub mod elgamal;
pub mod group;
pub mod hash;
pub mod hashed_elgamal;
pub mod parameters;
pub mod proofs;
pub mod step;
pub mod tally;
pub mod verify_error;
mod wiping_buffer;

/// The big-integer crate, re-exported so that callers name the same version.
pub use crypto_bigint;
pub use group::{Element, GroupError, ParameterSet, Scalar, SecretScalar, Standard};
pub use hash::{HValue, HashInput};
pub use verify_error::{Location, Reason, Step, VerifyError};
