//! The JSON shapes of ciphertexts and proofs that several egk 2.0 files share
//! (egk-json-serialization.md, "EncryptedBallot" and "decryptedTallyOrBallot").

use super::hex::{ElementModPHex, ElementModQHex, HexString, UInt256Hex};
use serde::{Deserialize, Serialize};

/// An ElGamal ciphertext (α, β) = (g^ξ, K^(σ+ξ)) of spec 2.0 eq. 24. egk names α `pad` and
/// β `data`; the tally's (A, B) of eq. 62 use the same shape.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElGamalCiphertextJson {
    /// α (or A): g^ξ mod p.
    pub pad: ElementModPHex,
    /// β (or B): K^(σ+ξ) mod p.
    pub data: ElementModPHex,
}

/// One (challenge, response) pair of a Chaum–Pedersen proof: (c_j, v_j) of a range proof
/// (spec 2.0 §3.3.5) or (c, v) of a decryption proof (§3.6.3, §3.6.4).
///
/// egk stores the challenge reduced mod q, as an element of Z_q (64 hex digits).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChaumPedersenJson {
    /// c or c_j.
    pub challenge: ElementModQHex,
    /// v or v_j.
    pub response: ElementModQHex,
}

/// A disjunctive Chaum–Pedersen range proof for the values 0..=R (or 0..=L): the R+1 pairs
/// (c_0, v_0), …, (c_R, v_R) of spec 2.0 eq. 46–48, in order of j.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeProofJson {
    /// The pairs, `proofs[j]` = (c_j, v_j).
    pub proofs: Vec<ChaumPedersenJson>,
}

/// A hashed ElGamal ciphertext (C_0, C_1, C_2) of contest data (spec 2.0 eq. 53–55).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HashedElGamalCiphertextJson {
    /// C_0 = g^ξ mod p.
    pub c0: ElementModPHex,
    /// C_1: the encrypted blocks, 32·b_D bytes (64 bytes in the samples).
    pub c1: HexString,
    /// C_2: the MAC, 32 bytes.
    pub c2: UInt256Hex,
    /// egk's length of the plaintext in bytes (the KDF's output length is `8·numBytes` bits).
    #[serde(rename = "numBytes")]
    pub num_bytes: u32,
}

/// A Schnorr proof of knowledge of a polynomial coefficient a_{i,j} (spec 2.0 §3.2.2,
/// eq. 10–12): the commitment K_{i,j} with (c_{i,j}, v_{i,j}).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchnorrProofJson {
    /// K_{i,j} = g^{a_{i,j}} mod p.
    pub public_key: ElementModPHex,
    /// c_{i,j} (reduced mod q by egk).
    pub challenge: ElementModQHex,
    /// v_{i,j} = (u_{i,j} − c_{i,j}·a_{i,j}) mod q.
    pub response: ElementModQHex,
}
