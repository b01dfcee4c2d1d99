//! The secret ballot nonce ξ_B and the encryption nonces derived from it (§3.3.3, equation 33;
//! §3.3.10, equation 64).

use crate::group::{ParameterSet, SecretScalar};
use crate::hash::{domain, h, HValue, HashInput};
use rand_core::{CryptoRng, RngCore};
use zeroize::Zeroizing;

/// ξ_B: the secret 256-bit ballot nonce (§3.3.3). Whoever holds it can decrypt the whole
/// ballot, so it has no `Debug`, `Clone` or comparison and is zeroized when dropped. The
/// record carries it only encrypted under K̂ (§3.3.4).
pub struct BallotNonce {
    bytes: Zeroizing<[u8; 32]>,
}

impl BallotNonce {
    /// A fresh uniformly random ballot nonce; nonces must be independent across ballots.
    pub fn random<R: RngCore + CryptoRng>(rng: &mut R) -> Self {
        let mut bytes = Zeroizing::new([0u8; 32]);
        rng.fill_bytes(bytes.as_mut());
        BallotNonce { bytes }
    }

    /// Reads a nonce from its 32 bytes b(ξ_B, 32), e.g. from the device's secret store or a
    /// decryption (§3.6.7). Returns `None` unless exactly 32 bytes are given.
    pub fn from_secret_bytes(bytes: &[u8]) -> Option<Self> {
        let exact = <&[u8; 32]>::try_from(bytes).ok()?;
        Some(BallotNonce {
            bytes: Zeroizing::new(*exact),
        })
    }

    /// b(ξ_B, 32), for the device's own secret store and for its encryption (equation 37).
    pub fn to_secret_bytes(&self) -> Zeroizing<[u8; 32]> {
        self.bytes.clone()
    }

    pub(super) fn as_secret_bytes(&self) -> &[u8; 32] {
        &self.bytes
    }

    /// ξ_{i,j} = H_q(H_I; 0x21, i, j, ξ_B), the nonce of option `option` (j) of contest
    /// `contest` (i), equation 33 (§5.5.3: B1 = 0x21 ∥ b(i, 4) ∥ b(j, 4) ∥ b(ξ_B, 32)).
    pub fn selection_nonce<P: ParameterSet>(
        &self,
        identifier_hash: &HValue,
        contest: u32,
        option: u32,
    ) -> SecretScalar<P> {
        let input = HashInput::new(domain::SELECTION_NONCE)
            .u32(contest)
            .u32(option)
            .fixed(self.bytes.as_ref());
        reduce_secret(identifier_hash, &input)
    }

    /// ξ = H_q(H_I; 0x25, ind_c(Λ), ξ_B), the nonce that encrypts the contest data of contest
    /// `contest`, equation 64 (§5.5.3: B1 = 0x25 ∥ b(ind_c, 4) ∥ b(ξ_B, 32)).
    pub fn contest_data_nonce<P: ParameterSet>(
        &self,
        identifier_hash: &HValue,
        contest: u32,
    ) -> SecretScalar<P> {
        let input = HashInput::new(domain::CONTEST_DATA_NONCE)
            .u32(contest)
            .fixed(self.bytes.as_ref());
        reduce_secret(identifier_hash, &input)
    }
}

/// H_q of a secret input, keeping the unreduced hash in zeroized memory.
fn reduce_secret<P: ParameterSet>(key: &HValue, input: &HashInput) -> SecretScalar<P> {
    let full = Zeroizing::new(h(key, input).0);
    SecretScalar::from_bytes_reduced(full.as_ref())
}
