//! The key-derivation function of the hashed-ElGamal mode used for key shares (§3.2.2,
//! equations 17–18), ballot nonces (§3.3.4, equation 36) and contest data (§3.3.10,
//! equation 66): the SP 800-108r1 KDF in counter mode with HMAC-SHA-256 as PRF.

use crate::hash::{hmac_sha256, HValue};
use zeroize::Zeroizing;

/// One 32-byte block k_i = HMAC(h, counter ∥ Label ∥ 0x00 ∥ Context ∥ length).
///
/// The widths of `counter` and `length` differ between the three uses in the specification
/// (one byte and two bytes for shares and ballot nonces, four bytes each for contest data), so
/// callers pass them already encoded.
pub fn kdf_block(
    key: &HValue,
    counter: &[u8],
    label: &[u8],
    context: &[u8],
    length: &[u8],
) -> Zeroizing<[u8; 32]> {
    let mut message = Zeroizing::new(Vec::with_capacity(
        counter.len() + label.len() + 1 + context.len() + length.len(),
    ));
    message.extend_from_slice(counter);
    message.extend_from_slice(label);
    message.push(0x00);
    message.extend_from_slice(context);
    message.extend_from_slice(length);
    Zeroizing::new(hmac_sha256(&key.0, &message).0)
}

/// XORs `data` with the concatenation of `keys`, block by block (equations 21, 37, 68).
/// Returns `None` when the lengths differ.
pub fn xor_blocks(data: &[u8], keys: &[Zeroizing<[u8; 32]>]) -> Option<Zeroizing<Vec<u8>>> {
    if data.len() != keys.len() * 32 {
        return None;
    }
    let stream = keys.iter().flat_map(|k| k.iter());
    Some(Zeroizing::new(
        data.iter().zip(stream).map(|(d, k)| d ^ k).collect(),
    ))
}

use crate::group::{Element, ParameterSet};
use crate::proofs::SchnorrProof;

/// A hashed-ElGamal ciphertext (C0, C1, C2): C0 = g^ξ, C1 the data XORed with KDF blocks,
/// C2 = (c, v) a Schnorr proof of knowledge of ξ. The same shape serves key shares (equation
/// 19), ballot nonces (equation 37) and contest data (equations 67–69); what differs is the
/// hashing, which the users of this type supply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HashedCiphertext<P: ParameterSet> {
    /// C0 = g^ξ mod p.
    pub c0: Element<P>,
    /// C1: the encrypted bytes, a multiple of 32 bytes.
    pub c1: Vec<u8>,
    /// C2 = (c, v).
    pub proof: SchnorrProof<P>,
}
