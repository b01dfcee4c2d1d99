//! Hex-encoded fields of an egk 2.0 record, kept as text.
//!
//! egk writes every group element, Z_q value and hash as upper-case base-16 text of fixed
//! width (egk-json-serialization.md, "ElementModPJson", "ElementModQJson", "UInt256Json"):
//! for the standard 4096-bit group of spec 2.0 §3.1.1 that is 1024 digits for an element of
//! Z_p (l_p = 512 bytes, §5.1.1), 64 digits for an element of Z_q (l_q = 32 bytes, §5.1.2) and
//! 64 digits for a hash output (§5.4). Both sample records use exactly these widths for every
//! field, including leading zeros (e.g. `b_over_m` of a zero tally starts with `0000…`).
//!
//! The raw types here do not check anything when deserialized; the `decode` helpers check
//! the width and the digits and name the file and field of any failure.

use crate::error::RecordError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;

/// The crate's one hex decoder (widths checked, the failing position named).
pub use crate::hexfield::{decode_any, decode_exact};

/// Bytes of an element of Z_p for the standard group (l_p, spec 2.0 §5.1.1).
pub const P_BYTES: usize = 512;
/// Bytes of an element of Z_q for the standard group (l_q, spec 2.0 §5.1.2).
pub const Q_BYTES: usize = 32;
/// Bytes of an output of the hash function H (spec 2.0 §5.4).
pub const HASH_BYTES: usize = 32;

/// Hex text of exactly `BYTES` bytes (2·`BYTES` digits), not yet checked.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FixedHex<const BYTES: usize>(pub String);

/// An element of Z_p (egk `ElementModPJson`): 1024 hex digits.
pub type ElementModPHex = FixedHex<P_BYTES>;
/// An element of Z_q (egk `ElementModQJson`): 64 hex digits.
pub type ElementModQHex = FixedHex<Q_BYTES>;
/// A hash value (egk `UInt256Json`): 64 hex digits.
pub type UInt256Hex = FixedHex<HASH_BYTES>;

impl<const BYTES: usize> FixedHex<BYTES> {
    /// The number of bytes this field must decode to.
    pub const fn width_bytes() -> usize {
        BYTES
    }

    /// The text as written in the file.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Decodes the text to exactly `BYTES` bytes; an error names `file` and `field`.
    pub fn decode(&self, file: &Path, field: &str) -> Result<Vec<u8>, RecordError> {
        decode_exact(file, field, &self.0, BYTES)
    }
}

impl<const BYTES: usize> fmt::Debug for FixedHex<BYTES> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FixedHex<{BYTES}>({})", abbreviate(&self.0))
    }
}

/// Hex text of a byte string whose length is not fixed by the format (egk `code_baux`,
/// the `c1` of a hashed ElGamal ciphertext, `baux0` of `ballot_chain.json`).
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct HexString(pub String);

impl HexString {
    /// The text as written in the file.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Decodes the text (an even number of hex digits, possibly none).
    pub fn decode(&self, file: &Path, field: &str) -> Result<Vec<u8>, RecordError> {
        decode_any(file, field, &self.0)
    }

    /// Decodes the text, which must be exactly `bytes` bytes long.
    pub fn decode_exact(
        &self,
        file: &Path,
        field: &str,
        bytes: usize,
    ) -> Result<Vec<u8>, RecordError> {
        decode_exact(file, field, &self.0, bytes)
    }
}

impl fmt::Debug for HexString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HexString({})", abbreviate(&self.0))
    }
}

/// The first and last few digits, for `Debug` output of 1024-digit values.
fn abbreviate(text: &str) -> String {
    const KEEP: usize = 8;
    match (
        text.get(..KEEP),
        text.get(text.len().saturating_sub(KEEP)..),
    ) {
        (Some(head), Some(tail)) if text.len() > 3 * KEEP => {
            format!("{head}…{tail} ({} digits)", text.len())
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_width_is_enforced_and_names_the_field() {
        let file = Path::new("dir/tally.json");
        let ok = UInt256Hex::from_str_unchecked(&"0A".repeat(32));
        assert_eq!(ok.decode(file, "x").unwrap(), vec![10u8; 32]);
        let short = UInt256Hex::from_str_unchecked(&"0A".repeat(31));
        let err = short
            .decode(file, "contests[0].selections[1].proof.challenge")
            .unwrap_err()
            .to_string();
        assert!(err.contains("dir/tally.json"), "{err}");
        assert!(
            err.contains("contests[0].selections[1].proof.challenge"),
            "{err}"
        );
        assert!(err.contains("expected 64 hex digits, found 62"), "{err}");
    }

    #[test]
    fn digits_are_checked() {
        let file = Path::new("f.json");
        assert_eq!(decode_any(file, "a", "00ff").unwrap(), vec![0, 255]);
        assert_eq!(decode_any(file, "a", "").unwrap(), Vec::<u8>::new());
        assert!(decode_any(file, "a", "0")
            .unwrap_err()
            .to_string()
            .contains("odd"));
        let err = decode_any(file, "a", "00G0").unwrap_err().to_string();
        assert!(err.contains("position 2"), "{err}");
        let any = HexString("ABCD".to_string());
        assert!(any.decode_exact(file, "a", 3).is_err());
        assert_eq!(any.decode_exact(file, "a", 2).unwrap(), vec![0xAB, 0xCD]);
    }

    #[test]
    fn debug_abbreviates_long_values() {
        let p = ElementModPHex::from_str_unchecked(&"F".repeat(1024));
        let shown = format!("{p:?}");
        assert!(shown.len() < 80 && shown.contains("1024 digits"), "{shown}");
    }

    impl<const BYTES: usize> FixedHex<BYTES> {
        fn from_str_unchecked(text: &str) -> Self {
            FixedHex(text.to_string())
        }
    }
}
