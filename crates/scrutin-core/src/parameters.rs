//! The parameter base hash, election base hash and extended base hash (§3.1.2, §3.1.4, §3.2.3).

use crate::group::{Element, ParameterSet};
use crate::hash::{domain, h, version_key, HValue, HashInput};

/// The specification version this crate implements, as it enters `ver` (§3.1.2).
pub const SPEC_VERSION: &str = "v2.1.0";

/// The public parameters of an election that enter H_P: the group and the guardian counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GuardianCounts {
    /// n, the number of guardians.
    pub n: u32,
    /// k, the quorum (1 ≤ k ≤ n).
    pub k: u32,
}

impl GuardianCounts {
    /// Checks 1 ≤ k ≤ n < 2^31 (§3.2, §5.1.3).
    pub fn new(n: u32, k: u32) -> Option<Self> {
        (k >= 1 && k <= n && n < (1 << 31)).then_some(GuardianCounts { n, k })
    }
}

/// Encodes an integer modulo p that need not be a subgroup element (p itself, g) at width l_p.
fn encode_at_p_width<P: ParameterSet>(value: &crypto_bigint::BoxedUint) -> Vec<u8> {
    let width = P::group().p_bytes();
    let full = value.to_be_bytes();
    let mut out = vec![0u8; width];
    let take = full.len().min(width);
    let src = full.get(full.len() - take..).unwrap_or_default();
    if let Some(dst) = out.get_mut(width - take..) {
        dst.copy_from_slice(src);
    }
    out
}

/// H_P = H(ver; 0x00, p, q, g, n, k), equation 4.
pub fn parameter_base_hash<P: ParameterSet>(counts: GuardianCounts) -> HValue {
    let group = P::group();
    let q = crate::group::Scalar::<P>::zero().to_bytes().len();
    let q_bytes = {
        let full = group.q().to_be_bytes();
        full.get(full.len().saturating_sub(q)..)
            .map(<[u8]>::to_vec)
            .unwrap_or_default()
    };
    let input = HashInput::new(domain::PARAMETER_BASE)
        .fixed(&encode_at_p_width::<P>(group.p()))
        .fixed(&q_bytes)
        .fixed(&encode_at_p_width::<P>(group.g()))
        .u32(counts.n)
        .u32(counts.k);
    h(&version_key(SPEC_VERSION), &input)
}

/// H_B = H(H_P; 0x01, manifest), equation 5, with the manifest's canonical bytes as a file
/// input (length-prefixed, §5.1.5).
pub fn election_base_hash(parameter_hash: &HValue, manifest_bytes: &[u8]) -> HValue {
    h(
        parameter_hash,
        &HashInput::new(domain::ELECTION_BASE).var_bytes(manifest_bytes),
    )
}

/// H_E = H(H_B; 0x14, K, K̂), equation 30.
pub fn extended_base_hash<P: ParameterSet>(
    base_hash: &HValue,
    vote_key: &Element<P>,
    data_key: &Element<P>,
) -> HValue {
    h(
        base_hash,
        &HashInput::new(domain::EXTENDED_BASE)
            .element(vote_key)
            .element(data_key),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::group::Standard;

    /// Known answer, computed by other ElectionGuard 2.1
    /// implementations for the standard parameters with n = 5, k = 3.
    #[test]
    fn parameter_base_hash_known_answer() {
        let hp = parameter_base_hash::<Standard>(GuardianCounts::new(5, 3).unwrap());
        assert_eq!(
            hp.to_hex(),
            "944286970EAFDB6F347F4EB93B30D48FA3EDCC89BFBAEA6F5AE8F29AFB05DDCE"
        );
    }

    #[test]
    fn parameter_base_hash_depends_on_counts() {
        let a = parameter_base_hash::<Standard>(GuardianCounts::new(5, 3).unwrap());
        let b = parameter_base_hash::<Standard>(GuardianCounts::new(5, 4).unwrap());
        assert_ne!(a, b);
    }

    #[test]
    fn counts_are_checked() {
        assert!(GuardianCounts::new(3, 0).is_none());
        assert!(GuardianCounts::new(3, 4).is_none());
        assert!(GuardianCounts::new(1, 1).is_some());
    }
}
