//! A party's signing identity: an Ed25519 key pair (RFC 8032) whose public half is enrolled
//! in an election (the board operator's list of administrators, the roster, a device's or a
//! witness's enrolment) and whose secret half signs the party's items (`statement.rs`).
//!
//! The secret key never prints, serializes or clones: [`Identity`] derives nothing, is wiped
//! when dropped (ed25519-dalek's `zeroize` feature), and leaves only through
//! [`Identity::to_secret_bytes`], for the party's sealed identity file (`identity_file.rs`).

use ed25519_dalek::{Signer as _, SigningKey, VerifyingKey};
use rand_core::CryptoRngCore;
use sha2::{Digest, Sha256};
use std::fmt;
use zeroize::Zeroizing;

/// A party's secret signing key.
pub struct Identity {
    key: SigningKey,
}

impl Identity {
    /// A fresh identity from `rng`.
    pub fn generate(rng: &mut impl CryptoRngCore) -> Identity {
        let mut seed = Zeroizing::new([0u8; 32]);
        rng.fill_bytes(seed.as_mut());
        Identity::from_secret_bytes(&seed)
    }

    /// The identity whose Ed25519 secret key is `seed` (RFC 8032 §5.1.5). The caller keeps
    /// its copy of the seed in a wiped buffer.
    pub fn from_secret_bytes(seed: &[u8; 32]) -> Identity {
        Identity {
            key: SigningKey::from_bytes(seed),
        }
    }

    /// The secret key, for the party's sealed identity file only.
    pub fn to_secret_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.key.to_bytes())
    }

    /// The public key that others enrol.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.key.verifying_key().to_bytes())
    }

    /// The Ed25519 signature of `message` (RFC 8032 §5.1.6).
    pub fn sign(&self, message: &[u8]) -> Signature {
        Signature(self.key.sign(message).to_bytes())
    }
}

/// An Ed25519 public key as its 32 bytes. Any 32 bytes are a `PublicKey`; whether they are
/// a point that can verify anything is found out by [`PublicKey::verify`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PublicKey(pub [u8; 32]);

/// An Ed25519 signature as its 64 bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Signature(pub [u8; 64]);

/// Why a signature does not verify.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// The public key is not a valid Ed25519 point encoding.
    #[error("the public key {0} is not an Ed25519 key")]
    BadKey(String),
    /// The signature does not verify under the key.
    #[error("the signature does not verify under the key {0}")]
    Mismatch(String),
}

/// The domain tag hashed in front of a key for its fingerprint.
const FINGERPRINT_TAG: &[u8] = b"scrutin-identity/fingerprint/v1\0";

impl PublicKey {
    /// The key as 64 lowercase hex digits, as records and requests carry it.
    pub fn to_hex(&self) -> String {
        hex_lower(&self.0)
    }

    /// A key from 64 hex digits.
    pub fn from_hex(text: &str) -> Option<PublicKey> {
        let mut bytes = [0u8; 32];
        decode_hex(text, &mut bytes)?;
        Some(PublicKey(bytes))
    }

    /// The fingerprint people compare out of band: the first 16 bytes of
    /// SHA-256(tag ‖ key), as eight groups of four hex digits. 128 bits: finding another
    /// key with the same fingerprint is a second preimage of SHA-256 truncated to 128 bits.
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::new()
            .chain_update(FINGERPRINT_TAG)
            .chain_update(self.0)
            .finalize();
        let groups: Vec<String> = digest.chunks(2).take(8).map(hex_lower).collect();
        groups.join("-")
    }

    /// Checks `signature` on `message` under this key (RFC 8032 §5.1.7, with the stricter
    /// checks of ed25519-dalek's `verify_strict`: no small-order key or malleable `S`).
    pub fn verify(&self, message: &[u8], signature: &Signature) -> Result<(), SignatureError> {
        let key =
            VerifyingKey::from_bytes(&self.0).map_err(|_| SignatureError::BadKey(self.to_hex()))?;
        key.verify_strict(message, &ed25519_dalek::Signature::from_bytes(&signature.0))
            .map_err(|_| SignatureError::Mismatch(self.fingerprint()))
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.fingerprint())
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl Signature {
    /// The signature as 128 lowercase hex digits.
    pub fn to_hex(&self) -> String {
        hex_lower(&self.0)
    }

    /// A signature from 128 hex digits.
    pub fn from_hex(text: &str) -> Option<Signature> {
        let mut bytes = [0u8; 64];
        decode_hex(text, &mut bytes)?;
        Some(Signature(bytes))
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signature({})", self.to_hex())
    }
}

fn hex_lower(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        for nibble in [byte >> 4, byte & 0x0f] {
            text.push(char::from(
                *DIGITS.get(usize::from(nibble)).unwrap_or(&b'0'),
            ));
        }
    }
    text
}

/// Fills `out` from exactly `2 * out.len()` hex digits (either case).
fn decode_hex(text: &str, out: &mut [u8]) -> Option<()> {
    if text.len() != out.len() * 2 {
        return None;
    }
    for (byte, pair) in out.iter_mut().zip(text.as_bytes().chunks(2)) {
        let digit = |c: &u8| char::from(*c).to_digit(16);
        let (high, low) = (digit(pair.first()?)?, digit(pair.get(1)?)?);
        *byte = u8::try_from(high * 16 + low).ok()?;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_chacha::rand_core::SeedableRng;

    fn identity(seed: u64) -> Identity {
        Identity::generate(&mut rand_chacha::ChaCha20Rng::seed_from_u64(seed))
    }

    #[test]
    fn signs_and_verifies() {
        let id = identity(1);
        let signature = id.sign(b"item");
        id.public_key().verify(b"item", &signature).unwrap();
        assert!(matches!(
            id.public_key().verify(b"other", &signature),
            Err(SignatureError::Mismatch(_))
        ));
        assert!(matches!(
            identity(2).public_key().verify(b"item", &signature),
            Err(SignatureError::Mismatch(_))
        ));
    }

    #[test]
    fn hex_round_trips_and_refuses_bad_text() {
        let key = identity(3).public_key();
        assert_eq!(PublicKey::from_hex(&key.to_hex()), Some(key));
        assert_eq!(PublicKey::from_hex(&key.to_hex().to_uppercase()), Some(key));
        assert_eq!(PublicKey::from_hex("00"), None);
        assert_eq!(PublicKey::from_hex(&"zz".repeat(32)), None);
        let signature = identity(3).sign(b"x");
        assert_eq!(Signature::from_hex(&signature.to_hex()), Some(signature));
    }

    #[test]
    fn fingerprint_is_eight_groups_and_depends_on_the_key() {
        let a = identity(4).public_key().fingerprint();
        assert_eq!(a.len(), 8 * 4 + 7);
        assert_eq!(a.split('-').count(), 8);
        assert_ne!(a, identity(5).public_key().fingerprint());
    }

    #[test]
    fn secret_bytes_round_trip() {
        let id = identity(6);
        let again = Identity::from_secret_bytes(&id.to_secret_bytes());
        assert_eq!(again.public_key(), id.public_key());
    }

    #[test]
    fn a_key_that_is_not_a_point_is_named() {
        // About half of all y have no x on the curve (x² a non-residue), so some of
        // these 48 encodings must fail to decode, and each that fails is named.
        let refused = (2u8..50)
            .filter(|y| {
                let mut bytes = [0u8; 32];
                bytes[0] = *y;
                matches!(
                    PublicKey(bytes).verify(b"x", &Signature([0; 64])),
                    Err(SignatureError::BadKey(_))
                )
            })
            .count();
        assert!(refused > 0);
    }
}
