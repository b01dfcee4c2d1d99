//! What can be wrong with an encrypted secret file or its passphrase.

use super::header::{KdfCost, HEADER_LEN, MAGIC, TAG_LEN, VERSION};

/// Why a secret file cannot be sealed or opened. Every header check fails before any key
/// derivation is run, so a damaged or hostile header costs no memory and no time.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealedFileError {
    /// The bytes do not start with [`MAGIC`]: a plain secret file of a scrutin from before
    /// secret files were encrypted, or not a secret file at all.
    #[error(
        "not an encrypted scrutin secret file (it does not start with {:?})",
        String::from_utf8_lossy(MAGIC)
    )]
    NotEncrypted,
    /// Shorter than the header and the authentication tag.
    #[error("truncated: {length} bytes, an encrypted secret file has at least {}", HEADER_LEN + TAG_LEN)]
    Truncated {
        /// The length found.
        length: usize,
    },
    /// A format version this scrutin does not read.
    #[error("format version {0} is not supported (this scrutin reads version {VERSION})")]
    UnsupportedVersion(u8),
    /// A key derivation function other than Argon2id.
    #[error("key derivation function {0} is unknown (1 is Argon2id v1.3)")]
    UnknownKdf(u8),
    /// A cipher other than XChaCha20-Poly1305.
    #[error("cipher {0} is unknown (1 is XChaCha20-Poly1305)")]
    UnknownCipher(u8),
    /// An Argon2id cost outside the range this format accepts.
    #[error("Argon2id {field} = {value} is outside {min}..={max}")]
    KdfCostOutOfRange {
        /// `memory_kib`, `iterations` or `lanes`.
        field: &'static str,
        /// The value in the header or the request.
        value: u32,
        /// The smallest value accepted.
        min: u32,
        /// The largest value accepted.
        max: u32,
    },
    /// The passphrase is empty.
    #[error("the passphrase is empty")]
    EmptyPassphrase,
    /// The authentication tag does not match: the passphrase is not the one the file was
    /// encrypted with, or a byte of the file (header or ciphertext) changed.
    #[error("wrong passphrase, or the file was altered or corrupted (its authentication tag does not match)")]
    WrongPassphraseOrCorrupted,
    /// More than XChaCha20-Poly1305 can encrypt under one nonce (2^38 bytes).
    #[error("{length} bytes are more than one secret file can hold")]
    TooLong {
        /// The plaintext's length.
        length: usize,
    },
    /// Argon2id refused its inputs (not expected once the header checks passed).
    #[error("Argon2id failed with cost {cost}: {error}")]
    Kdf {
        /// The cost asked for.
        cost: KdfCost,
        /// The error of the `argon2` crate.
        error: argon2::Error,
    },
}
