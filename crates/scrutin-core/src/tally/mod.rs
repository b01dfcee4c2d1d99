//! Ballot aggregation (§3.5): the homomorphic product of the option encryptions of all cast
//! ballots, weighted or not (equations 79–80), and its check (Verification 9).

mod encrypted;

pub use encrypted::{EncryptedTally, TallyError};

#[cfg(test)]
mod tests;
