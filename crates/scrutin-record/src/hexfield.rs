//! Fixed-width hexadecimal fields: the encoding of group elements, Z_q values and hashes in
//! the JSON record (upper-case digits; lower case is accepted on input).

use crate::error::RecordError;
use scrutin_core::{Element, HValue, ParameterSet, Scalar};
use std::path::Path;

/// Decodes hex text of exactly `bytes` bytes (2·bytes digits).
pub fn decode_exact(
    file: &Path,
    field: &str,
    text: &str,
    bytes: usize,
) -> Result<Vec<u8>, RecordError> {
    let want = bytes.saturating_mul(2);
    if text.len() != want {
        return Err(RecordError::field(
            file,
            field,
            format!("expected {want} hex digits, found {}", text.len()),
        ));
    }
    decode_any(file, field, text)
}

/// Decodes hex text of any even length; upper and lower case digits are accepted. An error
/// names the position of the first character that is not a hex digit.
pub fn decode_any(file: &Path, field: &str, text: &str) -> Result<Vec<u8>, RecordError> {
    let digits = text.as_bytes();
    if !digits.len().is_multiple_of(2) {
        return Err(RecordError::field(file, field, "odd number of hex digits"));
    }
    let mut out = Vec::with_capacity(digits.len() / 2);
    for (pair_index, pair) in digits.chunks_exact(2).enumerate() {
        let (Some(hi), Some(lo)) = (
            pair.first().and_then(|c| nibble(*c)),
            pair.get(1).and_then(|c| nibble(*c)),
        ) else {
            return Err(RecordError::field(
                file,
                field,
                format!("not a hex digit at position {}", 2 * pair_index),
            ));
        };
        out.push(hi << 4 | lo);
    }
    Ok(out)
}

fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'A'..=b'F' => Some(c - b'A' + 10),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    }
}

/// Upper-case hex of bytes.
pub fn encode(bytes: &[u8]) -> String {
    scrutin_core::group::hex_of(bytes)
}

/// Decodes a group element: width 2·l_p, value below p, in the order-q subgroup.
pub fn element<P: ParameterSet>(
    file: &Path,
    field: &str,
    text: &str,
) -> Result<Element<P>, RecordError> {
    let bytes = decode_exact(file, field, text, P::group().p_bytes())?;
    Element::decode(&bytes).map_err(|e| RecordError::field(file, field, e.to_string()))
}

/// Decodes a Z_q value: width 2·l_q, value below q.
pub fn scalar<P: ParameterSet>(
    file: &Path,
    field: &str,
    text: &str,
) -> Result<Scalar<P>, RecordError> {
    let bytes = decode_exact(file, field, text, P::group().q_bytes())?;
    Scalar::decode(&bytes).map_err(|e| RecordError::field(file, field, e.to_string()))
}

/// Decodes a 32-byte hash value.
pub fn hash(file: &Path, field: &str, text: &str) -> Result<HValue, RecordError> {
    let bytes = decode_exact(file, field, text, 32)?;
    HValue::from_slice(&bytes).ok_or_else(|| RecordError::field(file, field, "expected 32 bytes"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use scrutin_core::group::Toy256;

    #[test]
    fn widths_and_digits_are_checked() {
        let f = Path::new("x.json");
        assert!(decode_exact(f, "a", "0A", 1).is_ok());
        assert!(decode_exact(f, "a", "0a", 1).is_ok());
        let err = decode_exact(f, "a.b", "0A0", 1).unwrap_err().to_string();
        assert!(
            err.contains("x.json") && err.contains("a.b") && err.contains("expected 2 hex digits"),
            "{err}"
        );
        assert!(decode_exact(f, "a", "0G", 1).is_err());
        assert!(hash(f, "h", &"0".repeat(63)).is_err());
    }

    #[test]
    fn elements_are_validated() {
        let f = Path::new("x.json");
        let g = Element::<Toy256>::generator();
        assert_eq!(element::<Toy256>(f, "g", &g.to_hex()).unwrap(), g);
        let zero = "0".repeat(64);
        let err = element::<Toy256>(f, "K", &zero).unwrap_err().to_string();
        assert!(err.contains("subgroup"), "{err}");
    }
}
