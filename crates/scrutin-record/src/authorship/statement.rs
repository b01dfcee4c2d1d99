//! What a party signs: the statement that it is the author of one item of one election on
//! one board. It binds the board's log origin, the election id, the item's kind and key, and
//! the SHA-256 of the item's exact bytes, so that a signature cannot be moved to another
//! item, election or board.
//!
//! ```text
//! statement = "scrutin-authorship/v1" ‖ 0x00
//!             ‖ u32(len origin) ‖ origin ‖ u32(len election) ‖ election
//!             ‖ u32(len kind) ‖ kind ‖ u32(len key) ‖ key ‖ SHA-256(bytes)
//! ```
//!
//! Lengths are big-endian; every text is length-prefixed, so no two statements of different
//! fields are equal, and the tag keeps them apart from the log's leaves and checkpoints,
//! which the same kind of key may sign elsewhere.

use super::kind::Kind;
use sha2::{Digest, Sha256};

/// The tag at the start of every statement, with its version.
pub const STATEMENT_TAG: &[u8] = b"scrutin-authorship/v1\0";

/// Where an item lives: the board's log origin and the election.
#[derive(Clone, Copy, Debug)]
pub struct Place<'a> {
    /// The origin of the election's log (`<host>/scrutin/<election id>`).
    pub origin: &'a str,
    /// The election id.
    pub election: &'a str,
}

/// SHA-256 of an item's bytes.
pub fn digest(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// The statement that the signer is the author of the item of `kind` at `key` whose bytes
/// have SHA-256 `digest` (see the module documentation).
pub fn statement(place: Place<'_>, kind: Kind, key: &str, digest: &[u8; 32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(STATEMENT_TAG.len() + 16 + 256);
    out.extend_from_slice(STATEMENT_TAG);
    for field in [place.origin, place.election, kind.name(), key] {
        // Origins, ids and keys are short; one over 2^32 − 1 bytes is refused long before.
        let len = u32::try_from(field.len()).unwrap_or(u32::MAX);
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(field.as_bytes());
    }
    out.extend_from_slice(digest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLACE: Place<'static> = Place {
        origin: "board.example/scrutin/e1",
        election: "e1",
    };

    #[test]
    fn layout() {
        let s = statement(PLACE, Kind::Tally, "tally.json", &[7; 32]);
        let mut expected = STATEMENT_TAG.to_vec();
        for field in ["board.example/scrutin/e1", "e1", "tally", "tally.json"] {
            expected.extend_from_slice(&(field.len() as u32).to_be_bytes());
            expected.extend_from_slice(field.as_bytes());
        }
        expected.extend_from_slice(&[7; 32]);
        assert_eq!(s, expected);
    }

    #[test]
    fn every_field_changes_the_statement() {
        let base = statement(PLACE, Kind::Tally, "tally.json", &[0; 32]);
        let other_place = Place {
            origin: "board.example/scrutin/e2",
            election: "e1",
        };
        let other_election = Place {
            origin: PLACE.origin,
            election: "e2",
        };
        for changed in [
            statement(other_place, Kind::Tally, "tally.json", &[0; 32]),
            statement(other_election, Kind::Tally, "tally.json", &[0; 32]),
            statement(PLACE, Kind::Manifest, "tally.json", &[0; 32]),
            statement(PLACE, Kind::Tally, "tally2.json", &[0; 32]),
            statement(PLACE, Kind::Tally, "tally.json", &[1; 32]),
        ] {
            assert_ne!(changed, base);
        }
    }
}
