//! The election administrator's authorisation: the board keeps only the SHA-256 of the
//! administrator's bearer token, and compares a presented token's hash with it in constant
//! time. Invariant: no administrator action without the token given at creation.

use super::Board;
use crate::error::BoardError;
use sha2::{Digest, Sha256};

/// SHA-256 of an administrator token.
pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

impl Board {
    /// Checks an administrator's token.
    pub fn authorize(&self, id: &str, token: Option<&str>) -> Result<(), BoardError> {
        self.with(id, |election| {
            let given = token.map(token_hash).unwrap_or([0; 32]);
            let ok: bool =
                subtle::ConstantTimeEq::ct_eq(&given[..], &election.row.admin_token_hash[..])
                    .into();
            if token.is_some() && ok {
                Ok(())
            } else {
                Err(BoardError::Unauthorized)
            }
        })
    }
}
