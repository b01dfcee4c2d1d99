//! Secret files encrypted with a passphrase: a guardian's secrets, key share and decryption
//! state never rest on disk in the clear. The format (docs/record-format.md,
//! "Secret files") is a versioned header — magic, Argon2id cost and salt (RFC 9106), cipher
//! and nonce — followed by the XChaCha20-Poly1305 ciphertext of the secret bytes, with the
//! whole header as associated data.
//!
//! This module only transforms bytes; reading and writing the files, and asking for the
//! passphrase, is the caller's business.

mod error;
mod header;

pub use error::SealedFileError;
pub use header::{
    Header, KdfCost, CIPHER_XCHACHA20_POLY1305, HEADER_LEN, KDF_ARGON2ID, MAGIC, NONCE_LEN,
    SALT_LEN, TAG_LEN, VERSION,
};

use argon2::{Algorithm, Argon2, Block, Params, Version};
use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::{Tag, XChaCha20Poly1305, XNonce};
use rand_core::CryptoRngCore;
use zeroize::Zeroizing;

/// Encrypts `plaintext` under `passphrase` into the bytes of a secret file: a fresh random
/// salt and nonce from `rng`, the key from Argon2id at `cost` (RFC 9106 §3), and
/// XChaCha20-Poly1305 with the header as associated data. The plaintext is copied only into a
/// buffer that is zeroized when dropped, which then holds the ciphertext.
pub fn seal(
    rng: &mut impl CryptoRngCore,
    passphrase: &[u8],
    cost: KdfCost,
    plaintext: &[u8],
) -> Result<Vec<u8>, SealedFileError> {
    let cost = cost.check()?;
    let mut header = Header {
        cost,
        salt: [0; SALT_LEN],
        nonce: [0; NONCE_LEN],
    };
    rng.fill_bytes(&mut header.salt);
    rng.fill_bytes(&mut header.nonce);
    let key = derive_key(passphrase, &header)?;
    let header_bytes = header.encode();
    // Exact capacity: the buffer never reallocates, so no copy of the plaintext is left behind.
    let mut body = Zeroizing::new(Vec::with_capacity(plaintext.len()));
    body.extend_from_slice(plaintext);
    let tag = XChaCha20Poly1305::new(key.as_ref().into())
        .encrypt_in_place_detached(XNonce::from_slice(&header.nonce), &header_bytes, &mut body)
        .map_err(|_| SealedFileError::TooLong {
            length: plaintext.len(),
        })?;
    let mut file = header_bytes;
    file.reserve_exact(body.len() + TAG_LEN);
    file.extend_from_slice(&body);
    file.extend_from_slice(&tag);
    Ok(file)
}

/// Decrypts the bytes of a secret file with `passphrase`. The header is checked first
/// ([`Header::parse`]), so that no Argon2id work is done for a file this format refuses;
/// then the tag is checked, and only then is any plaintext returned, in a buffer zeroized when
/// dropped.
pub fn open(passphrase: &[u8], file: &[u8]) -> Result<Zeroizing<Vec<u8>>, SealedFileError> {
    let (header, header_bytes, body) = Header::parse(file)?;
    let (ciphertext, tag) = body
        .split_at_checked(body.len().saturating_sub(TAG_LEN))
        .ok_or(SealedFileError::Truncated { length: file.len() })?;
    let key = derive_key(passphrase, &header)?;
    let mut plaintext = Zeroizing::new(ciphertext.to_vec());
    XChaCha20Poly1305::new(key.as_ref().into())
        .decrypt_in_place_detached(
            XNonce::from_slice(&header.nonce),
            header_bytes,
            &mut plaintext,
            Tag::from_slice(tag),
        )
        .map_err(|_| SealedFileError::WrongPassphraseOrCorrupted)?;
    Ok(plaintext)
}

/// The 32-byte XChaCha20-Poly1305 key: Argon2id v1.3 of the passphrase with the header's salt
/// and cost (RFC 9106 §3.2), computed in working memory that is zeroized afterwards (the
/// `argon2` crate's own allocation is not).
fn derive_key(passphrase: &[u8], header: &Header) -> Result<Zeroizing<[u8; 32]>, SealedFileError> {
    if passphrase.is_empty() {
        return Err(SealedFileError::EmptyPassphrase);
    }
    let cost = header.cost.check()?;
    let kdf_error = |error| SealedFileError::Kdf { cost, error };
    let params =
        Params::new(cost.memory_kib, cost.iterations, cost.lanes, Some(32)).map_err(kdf_error)?;
    let mut memory = Zeroizing::new(vec![Block::default(); params.block_count()]);
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut key = Zeroizing::new([0u8; 32]);
    argon2
        .hash_password_into_with_memory(
            passphrase,
            &header.salt,
            key.as_mut(),
            memory.as_mut_slice(),
        )
        .map_err(kdf_error)?;
    Ok(key)
}

#[cfg(test)]
mod tests;
