//! The header of an encrypted secret file (docs/record-format.md, "Secret files"): magic,
//! format version, the Argon2id cost and salt, the cipher and its nonce. The whole header is
//! the associated data of the AEAD, so none of its bytes can change unnoticed.

use super::error::SealedFileError;

/// The first bytes of every encrypted secret file.
pub const MAGIC: &[u8; 8] = b"SCRUTSEC";
/// The format version this code writes and reads.
pub const VERSION: u8 = 1;
/// Key derivation function 1: Argon2id, version 0x13 (RFC 9106).
pub const KDF_ARGON2ID: u8 = 1;
/// Cipher 1: XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha, on RFC 8439's ChaCha20-Poly1305).
pub const CIPHER_XCHACHA20_POLY1305: u8 = 1;
/// Bytes of the Argon2id salt; RFC 9106 §3.1 recommends 16.
pub const SALT_LEN: usize = 16;
/// Bytes of the XChaCha20-Poly1305 nonce, large enough to be drawn at random.
pub const NONCE_LEN: usize = 24;
/// Bytes of the Poly1305 authentication tag after the ciphertext.
pub const TAG_LEN: usize = 16;
/// Bytes of the header: magic, version, KDF id, three 4-byte costs, salt, cipher id, nonce.
pub const HEADER_LEN: usize = MAGIC.len() + 1 + 1 + 3 * 4 + SALT_LEN + 1 + NONCE_LEN;

/// The cost of Argon2id: memory in KiB (m), passes (t) and lanes (p), RFC 9106 §3.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfCost {
    /// m: memory in KiB.
    pub memory_kib: u32,
    /// t: number of passes.
    pub iterations: u32,
    /// p: degree of parallelism.
    pub lanes: u32,
}

impl KdfCost {
    /// The cost scrutin writes: 64 MiB, 3 passes, 1 lane. RFC 9106 §4 gives m = 64 MiB,
    /// t = 3 as its second recommended option, and it lies above OWASP's Password Storage Cheat
    /// Sheet minimum for Argon2id (m = 19 MiB, t = 2, p = 1) and its other listed
    /// equivalents.
    pub const DEFAULT: KdfCost = KdfCost {
        memory_kib: 64 * 1024,
        iterations: 3,
        lanes: 1,
    };
    /// The most memory a header may ask for: 1 GiB, so that a damaged or hostile file cannot
    /// make a guardian's machine allocate more.
    pub const MAX_MEMORY_KIB: u32 = 1024 * 1024;
    /// The most passes a header may ask for.
    pub const MAX_ITERATIONS: u32 = 64;
    /// The most lanes a header may ask for (Argon2 allows 2^24 − 1; more than cores is
    /// pointless).
    pub const MAX_LANES: u32 = 64;

    /// Checks every field against the format's ranges: 1 ≤ p ≤ [`Self::MAX_LANES`],
    /// 8·p ≤ m ≤ [`Self::MAX_MEMORY_KIB`] (RFC 9106 §3.1: m ≥ 8p), 1 ≤ t ≤
    /// [`Self::MAX_ITERATIONS`].
    pub fn check(self) -> Result<Self, SealedFileError> {
        let range = |field, value, min, max| {
            if (min..=max).contains(&value) {
                Ok(())
            } else {
                Err(SealedFileError::KdfCostOutOfRange {
                    field,
                    value,
                    min,
                    max,
                })
            }
        };
        range("lanes", self.lanes, 1, Self::MAX_LANES)?;
        range(
            "memory_kib",
            self.memory_kib,
            8 * self.lanes,
            Self::MAX_MEMORY_KIB,
        )?;
        range("iterations", self.iterations, 1, Self::MAX_ITERATIONS)?;
        Ok(self)
    }
}

impl std::fmt::Display for KdfCost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "m = {} KiB, t = {}, p = {}",
            self.memory_kib, self.iterations, self.lanes
        )
    }
}

/// A checked header: the cost is within range, the algorithms are the ones of version 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The Argon2id cost.
    pub cost: KdfCost,
    /// The Argon2id salt.
    pub salt: [u8; SALT_LEN],
    /// The XChaCha20-Poly1305 nonce.
    pub nonce: [u8; NONCE_LEN],
}

impl Header {
    /// The header's bytes ([`HEADER_LEN`] of them), in the order of docs/record-format.md,
    /// integers big-endian.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_LEN);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[VERSION, KDF_ARGON2ID]);
        out.extend_from_slice(&self.cost.memory_kib.to_be_bytes());
        out.extend_from_slice(&self.cost.iterations.to_be_bytes());
        out.extend_from_slice(&self.cost.lanes.to_be_bytes());
        out.extend_from_slice(&self.salt);
        out.push(CIPHER_XCHACHA20_POLY1305);
        out.extend_from_slice(&self.nonce);
        out
    }

    /// Reads and checks the header at the start of `file`, and returns it with its bytes and
    /// the body after it (ciphertext and tag, at least [`TAG_LEN`] bytes). Fails before any
    /// key derivation: on a wrong magic, a short file, an unknown version or algorithm, or a
    /// cost out of range.
    pub fn parse(file: &[u8]) -> Result<(Header, &[u8], &[u8]), SealedFileError> {
        let truncated = || SealedFileError::Truncated { length: file.len() };
        let Some(rest) = file.strip_prefix(MAGIC.as_slice()) else {
            return Err(if MAGIC.starts_with(file) {
                truncated()
            } else {
                SealedFileError::NotEncrypted
            });
        };
        let mut reader = Reader(rest);
        let version = reader.byte().ok_or_else(truncated)?;
        if version != VERSION {
            return Err(SealedFileError::UnsupportedVersion(version));
        }
        let kdf = reader.byte().ok_or_else(truncated)?;
        if kdf != KDF_ARGON2ID {
            return Err(SealedFileError::UnknownKdf(kdf));
        }
        let memory_kib = reader.u32().ok_or_else(truncated)?;
        let iterations = reader.u32().ok_or_else(truncated)?;
        let lanes = reader.u32().ok_or_else(truncated)?;
        let cost = KdfCost {
            memory_kib,
            iterations,
            lanes,
        }
        .check()?;
        let salt = reader.array::<SALT_LEN>().ok_or_else(truncated)?;
        let cipher = reader.byte().ok_or_else(truncated)?;
        if cipher != CIPHER_XCHACHA20_POLY1305 {
            return Err(SealedFileError::UnknownCipher(cipher));
        }
        let nonce = reader.array::<NONCE_LEN>().ok_or_else(truncated)?;
        let body = reader.0;
        if body.len() < TAG_LEN {
            return Err(truncated());
        }
        let (header_bytes, _) = file.split_at_checked(HEADER_LEN).ok_or_else(truncated)?;
        Ok((Header { cost, salt, nonce }, header_bytes, body))
    }
}

/// A cursor over the header's bytes.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, tail) = self.0.split_first_chunk::<N>()?;
        self.0 = tail;
        Some(*head)
    }

    fn byte(&mut self) -> Option<u8> {
        self.array::<1>().map(|[b]| b)
    }

    fn u32(&mut self) -> Option<u32> {
        self.array::<4>().map(u32::from_be_bytes)
    }
}
