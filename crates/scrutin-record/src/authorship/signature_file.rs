//! The signature of one item: made by its author ([`SignatureFile::sign`]), filed at
//! `authorship/signatures/<key>` ([`SignatureJson`]), and checked by the board at intake and
//! by the verifier against the item's bytes and the key the roster or an enrolment gives
//! for its author ([`SignatureFile::check`]).

use super::author::Author;
use super::identity::{Identity, PublicKey, Signature, SignatureError};
use super::kind::Kind;
use super::statement::{digest, statement, Place};
use super::wire::SignatureJson;

/// A decoded signature file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureFile {
    /// The signed item's kind.
    pub kind: Kind,
    /// The signed item's key.
    pub key: String,
    /// SHA-256 of the signed item's bytes.
    pub digest: [u8; 32],
    /// Who signed, as the file names it (`administrator`, `guardian-<i>`, `device-<name>`).
    pub signer: String,
    /// The signer's public key.
    pub public_key: PublicKey,
    /// The signature of the statement.
    pub signature: Signature,
}

/// Why a signature file is unreadable or does not make its item's author known.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthorshipError {
    /// A field of the signature file is malformed.
    #[error("the signature file's {field} is malformed")]
    Malformed {
        /// The field.
        field: &'static str,
    },
    /// The file signs another item than the one it is filed for.
    #[error("the signature is of {signed}, not of {item}")]
    OtherItem {
        /// The item the signature names.
        signed: String,
        /// The item it was filed for.
        item: String,
    },
    /// The item's bytes are not those signed.
    #[error("the bytes of {item} are not those its author signed")]
    OtherBytes {
        /// The item.
        item: String,
    },
    /// The file names another signer than the item's author.
    #[error("{item} must be signed by {expected}, and the signature file names {found}")]
    OtherSigner {
        /// The item.
        item: String,
        /// The author the rules require.
        expected: String,
        /// The signer the file names.
        found: String,
    },
    /// The key that signed is not the author's enrolled key.
    #[error("{item} is signed with key {found}, which is not the key enrolled for {author} ({expected})")]
    NotEnrolled {
        /// The item.
        item: String,
        /// The author.
        author: String,
        /// The fingerprint of the enrolled key.
        expected: String,
        /// The fingerprint of the key that signed.
        found: String,
    },
    /// The signature does not verify.
    #[error("the signature of {item}: {source}")]
    Signature {
        /// The item.
        item: String,
        /// Why.
        source: SignatureError,
    },
}

impl SignatureFile {
    /// `author` signs the item of `kind` at `key` with these exact `bytes`, in `place`.
    pub fn sign(
        identity: &Identity,
        author: &Author,
        place: Place<'_>,
        kind: Kind,
        key: &str,
        bytes: &[u8],
    ) -> SignatureFile {
        let digest = digest(bytes);
        let signature = identity.sign(&statement(place, kind, key, &digest));
        SignatureFile {
            kind,
            key: key.to_string(),
            digest,
            signer: author.to_string(),
            public_key: identity.public_key(),
            signature,
        }
    }

    /// Decodes the wire form (hex fields, a known kind).
    pub fn decode(json: &SignatureJson) -> Result<SignatureFile, AuthorshipError> {
        let malformed = |field| AuthorshipError::Malformed { field };
        let kind = Kind::from_name(&json.kind).ok_or(malformed("kind"))?;
        let digest = PublicKey::from_hex(&json.sha256)
            .ok_or(malformed("sha256"))?
            .0;
        Ok(SignatureFile {
            kind,
            key: json.key.clone(),
            digest,
            signer: json.signer.clone(),
            public_key: PublicKey::from_hex(&json.public_key).ok_or(malformed("public_key"))?,
            signature: Signature::from_hex(&json.signature).ok_or(malformed("signature"))?,
        })
    }

    /// The wire form.
    pub fn to_json(&self) -> SignatureJson {
        SignatureJson {
            kind: self.kind.name().into(),
            key: self.key.clone(),
            sha256: PublicKey(self.digest).to_hex(),
            signer: self.signer.clone(),
            public_key: self.public_key.to_hex(),
            signature: self.signature.to_hex(),
        }
    }

    /// Checks that this is the signature, by `author` with its enrolled key `enrolled`, of
    /// the item of `kind` at `key` with `bytes`, in `place`. The cheap comparisons come
    /// first; the Ed25519 verification last.
    pub fn check(
        &self,
        place: Place<'_>,
        (kind, key, bytes): (Kind, &str, &[u8]),
        author: &Author,
        enrolled: &PublicKey,
    ) -> Result<(), AuthorshipError> {
        if self.kind != kind || self.key != key {
            return Err(AuthorshipError::OtherItem {
                signed: format!("{} {}", self.kind.name(), self.key),
                item: format!("{} {key}", kind.name()),
            });
        }
        if self.digest != digest(bytes) {
            return Err(AuthorshipError::OtherBytes { item: key.into() });
        }
        if self.signer != author.to_string() {
            return Err(AuthorshipError::OtherSigner {
                item: key.into(),
                expected: author.to_string(),
                found: self.signer.clone(),
            });
        }
        if self.public_key != *enrolled {
            return Err(AuthorshipError::NotEnrolled {
                item: key.into(),
                author: author.to_string(),
                expected: enrolled.fingerprint(),
                found: self.public_key.fingerprint(),
            });
        }
        let message = statement(place, kind, key, &self.digest);
        self.public_key
            .verify(&message, &self.signature)
            .map_err(|source| AuthorshipError::Signature {
                item: key.into(),
                source,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_chacha::rand_core::SeedableRng;

    const PLACE: Place<'static> = Place {
        origin: "b/scrutin/e1",
        election: "e1",
    };
    const ITEM: (Kind, &str, &[u8]) = (Kind::Guardian, "ceremony/guardian-1.json", b"{}");

    fn identity(seed: u64) -> Identity {
        Identity::generate(&mut rand_chacha::ChaCha20Rng::seed_from_u64(seed))
    }

    fn signed(id: &Identity) -> SignatureFile {
        SignatureFile::sign(id, &Author::Guardian(1), PLACE, ITEM.0, ITEM.1, ITEM.2)
    }

    #[test]
    fn a_signature_checks_and_round_trips() {
        let id = identity(1);
        let file = signed(&id);
        file.check(PLACE, ITEM, &Author::Guardian(1), &id.public_key())
            .unwrap();
        assert_eq!(SignatureFile::decode(&file.to_json()).unwrap(), file);
    }

    #[test]
    fn each_way_to_misuse_a_signature_is_named() {
        let id = identity(1);
        let file = signed(&id);
        let key = id.public_key();
        let author = Author::Guardian(1);
        let moved = (Kind::Guardian, "ceremony/guardian-2.json", ITEM.2);
        assert!(matches!(
            file.check(PLACE, moved, &author, &key),
            Err(AuthorshipError::OtherItem { .. })
        ));
        let changed = (ITEM.0, ITEM.1, b"{ }".as_slice());
        assert!(matches!(
            file.check(PLACE, changed, &author, &key),
            Err(AuthorshipError::OtherBytes { .. })
        ));
        assert!(matches!(
            file.check(PLACE, ITEM, &Author::Guardian(2), &key),
            Err(AuthorshipError::OtherSigner { .. })
        ));
        assert!(matches!(
            file.check(PLACE, ITEM, &author, &identity(2).public_key()),
            Err(AuthorshipError::NotEnrolled { .. })
        ));
        let other_election = Place {
            origin: "b/scrutin/e2",
            election: "e2",
        };
        assert!(matches!(
            file.check(other_election, ITEM, &author, &key),
            Err(AuthorshipError::Signature { .. })
        ));
    }

    #[test]
    fn malformed_fields_are_named() {
        let mut json = signed(&identity(1)).to_json();
        json.signature.pop();
        assert_eq!(
            SignatureFile::decode(&json),
            Err(AuthorshipError::Malformed { field: "signature" })
        );
        let mut json = signed(&identity(1)).to_json();
        json.kind = "nothing".into();
        assert_eq!(
            SignatureFile::decode(&json),
            Err(AuthorshipError::Malformed { field: "kind" })
        );
    }
}
