//! The ElectionGuard hash function H = HMAC-SHA-256 and H_q (§5.2–5.4), with the one canonical
//! encoder of hash inputs (§5.1, §5.3).
//!
//! Every hash in scrutin is computed by building a [`HashInput`] — a domain-separation byte
//! followed by fixed-width encodings — and passing it to [`h`] or [`hq`]. No other code
//! concatenates bytes for hashing.

use crate::group::{Element, ParameterSet, Scalar};
use crate::wiping_buffer::WipingBuffer;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// A 32-byte output of H (§5.4), used as a key of later hashes: H_P, H_B, H_E, H_I, codes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct HValue(pub [u8; 32]);

impl HValue {
    /// Upper-case hexadecimal, 64 digits.
    pub fn to_hex(&self) -> String {
        crate::group::hex_of(&self.0)
    }

    /// Parses exactly 32 bytes.
    pub fn from_slice(bytes: &[u8]) -> Option<HValue> {
        <[u8; 32]>::try_from(bytes).ok().map(HValue)
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for HValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HValue({})", self.to_hex())
    }
}

impl std::fmt::Display for HValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// The second argument B1 of H: a domain-separation byte and the encodings of the inputs, in
/// order, each at its fixed width (§5.3). Every allocation it uses is wiped, when it grows and
/// when it is dropped, because some inputs are secret (the ballot nonce in equation 33).
pub struct HashInput {
    bytes: WipingBuffer,
}

impl HashInput {
    /// Starts an input with its domain-separation byte (§5.5).
    pub fn new(domain: u8) -> Self {
        let mut bytes = WipingBuffer::with_capacity(1024);
        bytes.push(domain);
        HashInput { bytes }
    }

    /// Appends a small integer as b(n, 4) (§5.1.3): indices, n, k, lengths.
    pub fn u32(mut self, n: u32) -> Self {
        self.bytes.extend(&n.to_be_bytes());
        self
    }

    /// Appends an element of Z_p as b(x, l_p) (§5.1.1).
    pub fn element<P: ParameterSet>(mut self, x: &Element<P>) -> Self {
        self.bytes.extend(&x.to_bytes());
        self
    }

    /// Appends each element of a sequence as b(x, l_p).
    pub fn elements<'a, P: ParameterSet>(
        self,
        xs: impl IntoIterator<Item = &'a Element<P>>,
    ) -> Self {
        xs.into_iter().fold(self, |acc, x| acc.element(x))
    }

    /// Appends an element of Z_q as b(x, l_q) (§5.1.2).
    pub fn scalar<P: ParameterSet>(mut self, x: &Scalar<P>) -> Self {
        self.bytes.extend(&x.to_bytes());
        self
    }

    /// Appends a hash value (32 bytes, §5.4).
    pub fn hash(mut self, x: &HValue) -> Self {
        self.bytes.extend(&x.0);
        self
    }

    /// Appends bytes of a length fixed by the specification (a label, C1, B_C, ξ_B).
    pub fn fixed(mut self, bytes: &[u8]) -> Self {
        self.bytes.extend(bytes);
        self
    }

    /// Appends a variable-length string or file as b(len, 4) ∥ bytes (§5.1.4, §5.1.5).
    ///
    /// Inputs are limited to 2^31 − 1 bytes by the specification; longer ones are clamped in
    /// the length field, which callers prevent by validating lengths first.
    pub fn var_bytes(mut self, bytes: &[u8]) -> Self {
        let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
        self.bytes.extend(&len.to_be_bytes());
        self.bytes.extend(bytes);
        self
    }

    /// The encoded bytes (for known-answer tests of the encoding).
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.as_slice()
    }
}

/// H(B0; B1) = HMAC-SHA-256(B0, B1) (§5.2, equation 130).
pub fn h(key: &HValue, input: &HashInput) -> HValue {
    hmac_sha256(&key.0, input.bytes.as_slice())
}

/// H_q(B0; B1) = H(B0; B1) mod q (§5.4, equation 132).
pub fn hq<P: ParameterSet>(key: &HValue, input: &HashInput) -> Scalar<P> {
    Scalar::from_bytes_reduced(&h(key, input).0)
}

/// HMAC-SHA-256 with an arbitrary key; also the PRF of the SP 800-108 KDF (§3.2.2, eq. 17).
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> HValue {
    // HMAC accepts keys of any length, so construction cannot fail; the fallback is unreachable
    // but keeps this function total without a panic path.
    let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(key) else {
        return HValue::default();
    };
    mac.update(message);
    HValue(mac.finalize().into_bytes().into())
}

/// The version byte array ver = b("v2.1.0") ∥ b(0, 26) of §3.1.2, the key of H_P.
pub fn version_key(version: &str) -> HValue {
    let mut key = [0u8; 32];
    for (slot, byte) in key.iter_mut().zip(version.as_bytes()) {
        *slot = *byte;
    }
    HValue(key)
}

/// The domain-separation bytes of §5.5, one constant per use of H.
pub mod domain {
    /// H_P, equation 4.
    pub const PARAMETER_BASE: u8 = 0x00;
    /// H_B, equation 5.
    pub const ELECTION_BASE: u8 = 0x01;
    /// Key-generation Schnorr proofs, equations 11 and 13.
    pub const GUARDIAN_PROOF: u8 = 0x10;
    /// Share-encryption key k_{i,ℓ}, equation 16.
    pub const SHARE_KEY: u8 = 0x11;
    /// Share-encryption proof challenge, equation 22.
    pub const SHARE_PROOF: u8 = 0x12;
    /// Guardian record hash H_G, equation 27.
    pub const GUARDIAN_RECORD: u8 = 0x13;
    /// Extended base hash H_E, equation 30.
    pub const EXTENDED_BASE: u8 = 0x14;
    /// Selection encryption identifier hash H_I, equation 32.
    pub const IDENTIFIER: u8 = 0x20;
    /// Selection nonces ξ_{i,j}, equation 33.
    pub const SELECTION_NONCE: u8 = 0x21;
    /// Ballot-nonce encryption key, equation 35.
    pub const BALLOT_NONCE_KEY: u8 = 0x22;
    /// Ballot-nonce encryption proof, equation 38.
    pub const BALLOT_NONCE_PROOF: u8 = 0x23;
    /// Range and selection-limit proof challenges, equations 59 and 62.
    pub const RANGE_PROOF: u8 = 0x24;
    /// Contest-data nonce, equation 64.
    pub const CONTEST_DATA_NONCE: u8 = 0x25;
    /// Contest-data key, equation 65.
    pub const CONTEST_DATA_KEY: u8 = 0x26;
    /// Contest-data proof, equation 69.
    pub const CONTEST_DATA_PROOF: u8 = 0x27;
    /// Contest hash χ_l, equation 70.
    pub const CONTEST_HASH: u8 = 0x28;
    /// Confirmation code and chain hashes, equations 71, 74, 77.
    pub const CONFIRMATION_CODE: u8 = 0x29;
    /// Voting-device information hash H_DI, equation 72.
    pub const DEVICE_INFO: u8 = 0x2A;
    /// Chain close, equation 78.
    pub const CHAIN_CLOSE: u8 = 0x2B;
    /// Guardian commitment to a tally-decryption proof share, equation 88.
    pub const DECRYPTION_COMMITMENT: u8 = 0x30;
    /// Tally-decryption proof challenge, equation 90.
    pub const DECRYPTION_PROOF: u8 = 0x31;
    /// Guardian commitment for a contest-data / ballot-nonce decryption proof, equation 99.
    pub const DATA_DECRYPTION_COMMITMENT: u8 = 0x32;
    /// Contest-data / ballot-nonce decryption proof challenge, equation 101.
    pub const DATA_DECRYPTION_PROOF: u8 = 0x33;
}

#[cfg(test)]
#[path = "hash_tests.rs"]
mod tests;
