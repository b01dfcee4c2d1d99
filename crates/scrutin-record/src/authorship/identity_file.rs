//! A party's identity on disk: the secret key sealed under the party's passphrase
//! ([`crate::sealed`], Argon2id and XChaCha20-Poly1305), beside a public file with the
//! party's name, key and fingerprint ([`IdentityJson`]) that the party hands to whoever
//! enrols it.
//!
//! The sealed plaintext is `"SGID"` ‖ version 0x01 ‖ the 32-byte Ed25519 secret key, the
//! layout of scrutin's other secret files with its own kind tag, so that no other secret
//! file is ever opened as an identity.

use super::identity::Identity;
use crate::sealed::{self, KdfCost, SealedFileError};
use rand_core::CryptoRngCore;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// The kind tag of an identity's sealed plaintext.
pub const TAG: [u8; 4] = *b"SGID";
const VERSION: u8 = 1;
const PLAINTEXT_LEN: usize = 4 + 1 + 32;

/// The public file of an identity (`<name>.identity.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityJson {
    /// The party's name.
    pub name: String,
    /// The Ed25519 public key, 64 hex digits.
    pub public_key: String,
    /// The key's fingerprint, for comparing out of band.
    pub fingerprint: String,
}

/// Why an identity file does not open.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IdentityFileError {
    /// The sealed file does not open (wrong passphrase, damaged, not a secret file).
    #[error(transparent)]
    Sealed(#[from] SealedFileError),
    /// It opens, but holds another kind of secret.
    #[error("this secret file is not an identity (kind tag {found:?}, expected \"SGID\")")]
    NotAnIdentity {
        /// The tag found.
        found: String,
    },
    /// It is an identity of a version or length this build does not read.
    #[error("this identity file has version {version} and {length} bytes; expected version 1 and 37 bytes")]
    Layout {
        /// The version byte.
        version: u8,
        /// The plaintext's length.
        length: usize,
    },
}

/// Seals `identity` under `passphrase`.
pub fn seal(
    rng: &mut impl CryptoRngCore,
    passphrase: &[u8],
    cost: KdfCost,
    identity: &Identity,
) -> Result<Vec<u8>, SealedFileError> {
    let mut plaintext = Zeroizing::new(Vec::with_capacity(PLAINTEXT_LEN));
    plaintext.extend_from_slice(&TAG);
    plaintext.push(VERSION);
    plaintext.extend_from_slice(identity.to_secret_bytes().as_ref());
    sealed::seal(rng, passphrase, cost, &plaintext)
}

/// Opens a sealed identity.
pub fn open(passphrase: &[u8], file: &[u8]) -> Result<Identity, IdentityFileError> {
    let plaintext = sealed::open(passphrase, file)?;
    let (tag, rest) = plaintext.split_at_checked(4).unwrap_or((&[], &[]));
    if tag != TAG {
        return Err(IdentityFileError::NotAnIdentity {
            found: String::from_utf8_lossy(tag).into_owned(),
        });
    }
    let version = rest.first().copied().unwrap_or(0);
    let seed: Option<&[u8; 32]> = rest.get(1..).and_then(|s| s.try_into().ok());
    match (version, seed) {
        (VERSION, Some(seed)) => Ok(Identity::from_secret_bytes(seed)),
        _ => Err(IdentityFileError::Layout {
            version,
            length: plaintext.len(),
        }),
    }
}

/// The public file of `identity` under `name`.
pub fn public_file(name: &str, identity: &Identity) -> IdentityJson {
    let key = identity.public_key();
    IdentityJson {
        name: name.to_string(),
        public_key: key.to_hex(),
        fingerprint: key.fingerprint(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_chacha::rand_core::SeedableRng;

    const CHEAP: KdfCost = KdfCost {
        memory_kib: 8,
        iterations: 1,
        lanes: 1,
    };

    #[test]
    fn seals_and_opens() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(1);
        let id = Identity::generate(&mut rng);
        let file = seal(&mut rng, b"pass", CHEAP, &id).unwrap();
        assert_eq!(open(b"pass", &file).unwrap().public_key(), id.public_key());
        assert!(matches!(
            open(b"wrong", &file),
            Err(IdentityFileError::Sealed(_))
        ));
    }

    #[test]
    fn another_kind_of_secret_is_refused() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(2);
        let file = sealed::seal(&mut rng, b"p", CHEAP, b"SGCS\x01rest").unwrap();
        assert!(matches!(
            open(b"p", &file),
            Err(IdentityFileError::NotAnIdentity { .. })
        ));
        let short = sealed::seal(&mut rng, b"p", CHEAP, b"SGID\x01abc").unwrap();
        assert!(matches!(
            open(b"p", &short),
            Err(IdentityFileError::Layout { .. })
        ));
    }
}
