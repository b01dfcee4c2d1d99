//! The leaf data of the board's logs: how an item — its kind, its key and its exact bytes —
//! becomes one leaf of the election's Merkle log (documented in `docs/board-api.md`, "The
//! log").
//!
//! ```text
//! leaf data = "scrutin-board/leaf/v1" ‖ 0x00
//!             ‖ u32(len kind) ‖ kind ‖ u32(len key) ‖ key ‖ u64(len bytes) ‖ bytes
//! leaf hash = SHA-256(0x00 ‖ leaf data)                          (RFC 9162 §2.1.1)
//! ```
//!
//! Lengths are big-endian; kind and key are UTF-8. Every field is length-prefixed, so two
//! different items never have the same leaf data, and the tag keeps leaves of this log apart
//! from any other use of the same hash.

use scrutin_log::{leaf_hash, Hash};

/// The tag at the start of every leaf, with its version.
pub const LEAF_TAG: &[u8] = b"scrutin-board/leaf/v1\0";

/// The leaf data of an item (see the module documentation).
pub fn leaf_data(kind: &str, key: &str, bytes: &[u8]) -> Vec<u8> {
    let mut data = Vec::with_capacity(LEAF_TAG.len() + 16 + kind.len() + key.len() + bytes.len());
    data.extend_from_slice(LEAF_TAG);
    push_u32_prefixed(&mut data, kind.as_bytes());
    push_u32_prefixed(&mut data, key.as_bytes());
    data.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
    data.extend_from_slice(bytes);
    data
}

/// Kinds and keys are short names and paths; one longer than 2^32 − 1 bytes cannot be
/// posted (the body limit is far below), so the saturated length never occurs in a leaf.
fn push_u32_prefixed(data: &mut Vec<u8>, field: &[u8]) {
    let len = u32::try_from(field.len()).unwrap_or(u32::MAX);
    data.extend_from_slice(&len.to_be_bytes());
    data.extend_from_slice(field);
}

/// The RFC 9162 leaf hash of an item.
pub fn item_leaf_hash(kind: &str, key: &str, bytes: &[u8]) -> Hash {
    leaf_hash(&leaf_data(kind, key, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    #[test]
    fn leaf_data_layout() {
        let data = leaf_data("ballot", "k", b"xy");
        let mut expected = LEAF_TAG.to_vec();
        expected.extend_from_slice(&[0, 0, 0, 6]);
        expected.extend_from_slice(b"ballot");
        expected.extend_from_slice(&[0, 0, 0, 1, b'k']);
        expected.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 2, b'x', b'y']);
        assert_eq!(data, expected);
    }

    #[test]
    fn leaf_hash_is_rfc9162_over_the_leaf_data() {
        let mut hasher = Sha256::new();
        hasher.update([0u8]);
        hasher.update(leaf_data("manifest", "manifest.json", b"{}"));
        let expected: [u8; 32] = hasher.finalize().into();
        assert_eq!(
            item_leaf_hash("manifest", "manifest.json", b"{}").0,
            expected
        );
    }

    #[test]
    fn fields_cannot_run_into_each_other() {
        // Moving a byte from the key into the body changes the leaf.
        assert_ne!(
            item_leaf_hash("k", "ab", b"c"),
            item_leaf_hash("k", "a", b"bc")
        );
        assert_ne!(
            item_leaf_hash("ka", "b", b""),
            item_leaf_hash("k", "ab", b"")
        );
    }
}
