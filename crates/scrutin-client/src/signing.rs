//! How a party signs what it posts (docs/board-api.md, "Authorship"): one Ed25519
//! signature per item the request adds, of the statement that binds the election's log
//! origin, the election id, the item's kind and key and the SHA-256 of the item's bytes as
//! the board stores them (`scrutin_record::authorship::statement`), sent in the
//! `Scrutin-Signature` header as hex, comma-separated, in the order of the request's items.
//!
//! The board stores items in canonical form (`scrutin_record::json_file::to_bytes`; the
//! manifest as posted), so a party signs the canonical bytes: [`canonical`] makes them from
//! any formatting of a record value.

use scrutin_record::authorship::{statement, Identity, Kind, Place, Signature};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The request header that carries the signatures.
pub const SIGNATURE_HEADER: &str = "scrutin-signature";

/// The most signatures one request may carry (the results: the tally and the opened
/// challenged ballots).
pub const MAX_SIGNATURES: usize = 100_000;

/// An item a request adds, as the board will store it.
#[derive(Clone, Copy, Debug)]
pub struct SignedItem<'a> {
    /// Its kind.
    pub kind: Kind,
    /// Its key.
    pub key: &'a str,
    /// Its exact (canonical) bytes.
    pub bytes: &'a [u8],
}

/// The canonical bytes of a record value given in any JSON formatting: parsed as `T`
/// (unknown fields refused) and written as scrutin writes record files.
pub fn canonical<T: Serialize + DeserializeOwned>(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let value: T = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    scrutin_record::json_file::to_bytes(&value).map_err(|e| e.to_string())
}

/// The `Scrutin-Signature` value: `identity`'s signature of each item, in order.
pub fn header_value(identity: &Identity, place: Place<'_>, items: &[SignedItem<'_>]) -> String {
    let signatures: Vec<String> = items
        .iter()
        .map(|item| {
            let digest = scrutin_record::authorship::digest(item.bytes);
            identity
                .sign(&statement(place, item.kind, item.key, &digest))
                .to_hex()
        })
        .collect();
    signatures.join(",")
}

/// Why a `Scrutin-Signature` value is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HeaderError {
    /// A signature is not 128 hex digits.
    #[error("signature {position} of the Scrutin-Signature header is not 128 hex digits")]
    Malformed {
        /// Its 1-based position.
        position: usize,
    },
    /// More signatures than a request may carry.
    #[error("the Scrutin-Signature header has more than {MAX_SIGNATURES} signatures")]
    TooMany,
}

/// The signatures of a `Scrutin-Signature` value, in order.
pub fn parse_header(value: &str) -> Result<Vec<Signature>, HeaderError> {
    let mut signatures = Vec::new();
    for (position, part) in value.split(',').enumerate() {
        if signatures.len() == MAX_SIGNATURES {
            return Err(HeaderError::TooMany);
        }
        let signature = Signature::from_hex(part.trim()).ok_or(HeaderError::Malformed {
            position: position + 1,
        })?;
        signatures.push(signature);
    }
    Ok(signatures)
}

#[cfg(test)]
mod tests {
    use super::*;
    use scrutin_record::authorship::{Author, SignatureFile};

    #[test]
    fn header_round_trips_and_each_signature_checks() {
        let identity = Identity::from_secret_bytes(&[9; 32]);
        let place = Place {
            origin: "b/scrutin/e",
            election: "e",
        };
        let items = [
            SignedItem {
                kind: Kind::Tally,
                key: "tally.json",
                bytes: b"{}\n",
            },
            SignedItem {
                kind: Kind::ChallengedBallot,
                key: "challenged_ballots/dballot-1.json",
                bytes: b"[]\n",
            },
        ];
        let value = header_value(&identity, place, &items);
        let signatures = parse_header(&value).unwrap();
        assert_eq!(signatures.len(), 2);
        for (item, signature) in items.iter().zip(signatures) {
            let file = SignatureFile {
                kind: item.kind,
                key: item.key.into(),
                digest: scrutin_record::authorship::digest(item.bytes),
                signer: Author::Administrator.to_string(),
                public_key: identity.public_key(),
                signature,
            };
            file.check(
                place,
                (item.kind, item.key, item.bytes),
                &Author::Administrator,
                &identity.public_key(),
            )
            .unwrap();
        }
    }

    #[test]
    fn malformed_headers_are_named() {
        assert_eq!(
            parse_header("abc"),
            Err(HeaderError::Malformed { position: 1 })
        );
        let one = "00".repeat(64);
        assert_eq!(
            parse_header(&format!("{one},x")),
            Err(HeaderError::Malformed { position: 2 })
        );
    }

    #[test]
    fn canonical_ignores_formatting() {
        use scrutin_record::authorship::wire::CloseJson;
        let a = canonical::<CloseJson>(br#"{"election_id":"e"}"#).unwrap();
        let b = canonical::<CloseJson>(b"{ \"election_id\" : \"e\" }").unwrap();
        assert_eq!(a, b);
        assert!(canonical::<CloseJson>(br#"{"election_id":"e","x":1}"#).is_err());
    }
}
