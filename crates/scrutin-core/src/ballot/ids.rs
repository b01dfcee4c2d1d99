//! The selection encryption identifier id_B and its hash H_I (§3.3.2, equation 32).

use crate::hash::{domain, h, HValue, HashInput};
use rand_core::{CryptoRng, RngCore};

/// id_B: the 256-bit selection encryption identifier of a ballot, chosen uniformly at random
/// and published with the ballot (§3.3.2). It is public, unlike the ballot nonce.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BallotId(pub [u8; 32]);

impl BallotId {
    /// A fresh uniformly random identifier (§3.3.2).
    pub fn random<R: RngCore + CryptoRng>(rng: &mut R) -> Self {
        let mut bytes = [0u8; 32];
        rng.fill_bytes(&mut bytes);
        BallotId(bytes)
    }

    /// The bytes b(id_B, 32).
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Upper-case hexadecimal, 64 digits.
    pub fn to_hex(&self) -> String {
        crate::group::hex_of(&self.0)
    }
}

impl std::fmt::Debug for BallotId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BallotId({})", self.to_hex())
    }
}

/// H_I = H(H_E; 0x20, id_B), equation 32 (§5.5.3: B1 = 0x20 ∥ b(id_B, 32), 33 bytes).
pub fn identifier_hash(extended_hash: &HValue, id: &BallotId) -> HValue {
    h(
        extended_hash,
        &HashInput::new(domain::IDENTIFIER).fixed(id.as_bytes()),
    )
}
