//! The ElectionGuard **2.0** hashing profile as egk implements it: every hash and challenge a
//! verifier of an egk 2.0 record recomputes, each from typed inputs.
//!
//! This file is the one place where 2.0 differs from 2.1 in what is hashed; the steps of
//! [`super`] call these functions and never build hash inputs themselves. Byte layouts follow
//! `docs/egk-2.0-notes.md` §2, which records where egk departs from the 2.0 text (spec
//! 2.0.0 §5.5): egk length-prefixes only the manifest, so B_aux, B_aux,0, "CLOSE" and the hex
//! text of C_1 are appended raw; and every challenge is reduced mod q (a verifier compares
//! H(…) mod q with the stored Z_q value, notes §1).
//!
//! Section and equation numbers are those of the 2.0.0 specification.

use scrutin_core::elgamal::Ciphertext;
use scrutin_core::group::{Element, ParameterSet, Scalar};
use scrutin_core::hash::{h, hmac_sha256, hq, version_key, HValue, HashInput};
use scrutin_core::hashed_elgamal::kdf_block;

/// The version string of spec 2.0 as it enters `ver` (§3.1.2): egk pads it with 26 zero bytes
/// to 32 bytes (notes §2.1), which is what [`version_key`] does.
pub const SPEC_VERSION: &str = "v2.0.0";

/// The domain-separation bytes of spec 2.0 (§5.5), one per use of H. They differ from the 2.1
/// constants of `scrutin_core::hash::domain` from 0x01 on.
pub mod domain {
    /// H_P, eq. 4.
    pub const PARAMETER_BASE: u8 = 0x00;
    /// H_M, eq. 6.
    pub const MANIFEST: u8 = 0x01;
    /// H_B, eq. 7.
    pub const ELECTION_BASE: u8 = 0x02;
    /// Guardian coefficient Schnorr proofs, eq. 12.
    pub const GUARDIAN_PROOF: u8 = 0x10;
    /// H_E, eq. 23.
    pub const EXTENDED_BASE: u8 = 0x12;
    /// Range and selection-limit proof challenges, eq. 46 and 56.
    pub const RANGE_PROOF: u8 = 0x21;
    /// The contest-data encryption key, eq. 51.
    pub const CONTEST_DATA_KEY: u8 = 0x22;
    /// Contest hash χ_l, eq. 57.
    pub const CONTEST_HASH: u8 = 0x23;
    /// Confirmation code, chain start and chain close, eq. 58–61.
    pub const CONFIRMATION_CODE: u8 = 0x24;
    /// Tally and challenged-ballot decryption proofs, eq. 71.
    pub const DECRYPTION_PROOF: u8 = 0x30;
    /// Contest-data decryption proofs, eq. 84.
    pub const CONTEST_DATA_DECRYPTION_PROOF: u8 = 0x31;
    /// Pre-encrypted selection hash ψ, eq. 92.
    pub const PRE_SELECTION_HASH: u8 = 0x40;
    /// Pre-encrypted contest hash, eq. 94.
    pub const PRE_CONTEST_HASH: u8 = 0x41;
    /// Pre-encrypted ballot confirmation code (Verification 17.C).
    pub const PRE_CONFIRMATION_CODE: u8 = 0x42;
}

/// The text that closes a ballot chain (eq. 61), appended raw by egk (notes §2.12).
const CLOSE: &[u8] = b"CLOSE";

/// Big-endian bytes of `value` left-padded or trimmed to `width`: p and g at l_p, q at l_q.
fn at_width(value: &[u8], width: usize) -> Vec<u8> {
    let mut out = vec![0u8; width];
    let take = value.len().min(width);
    if let (Some(dst), Some(src)) = (out.get_mut(width - take..), value.get(value.len() - take..)) {
        dst.copy_from_slice(src);
    }
    out
}

/// H_P = H(ver; 0x00, p, q, g), eq. 4 (Verification 1.F); unlike 2.1, n and k are not inputs.
pub fn parameter_base_hash<P: ParameterSet>() -> HValue {
    let group = P::group();
    let input = HashInput::new(domain::PARAMETER_BASE)
        .fixed(&at_width(&group.p().to_be_bytes(), group.p_bytes()))
        .fixed(&at_width(&group.q().to_be_bytes(), group.q_bytes()))
        .fixed(&at_width(&group.g().to_be_bytes(), group.p_bytes()));
    h(&version_key(SPEC_VERSION), &input)
}

/// H_M = H(H_P; 0x01, manifest), eq. 6 (Verification 1.G), over the exact bytes of
/// `manifest.json`, length-prefixed (the one input egk prefixes).
pub fn manifest_hash(hp: &HValue, manifest_bytes: &[u8]) -> HValue {
    h(
        hp,
        &HashInput::new(domain::MANIFEST).var_bytes(manifest_bytes),
    )
}

/// H_B = H(H_P; 0x02, H_M, n, k), eq. 7 (Verification 1.H).
pub fn election_base_hash(hp: &HValue, hm: &HValue, n: u32, k: u32) -> HValue {
    h(
        hp,
        &HashInput::new(domain::ELECTION_BASE).hash(hm).u32(n).u32(k),
    )
}

/// H_E = H(H_B; 0x12, K), eq. 23 (Verification 4.A).
pub fn extended_base_hash<P: ParameterSet>(hb: &HValue, joint_key: &Element<P>) -> HValue {
    h(
        hb,
        &HashInput::new(domain::EXTENDED_BASE).element(joint_key),
    )
}

/// c_{i,j} = H(H_P; 0x10, i, j, K_{i,j}, h_{i,j}) mod q, eq. 12 (Verification 2.C): one proof
/// per coefficient.
pub fn guardian_challenge<P: ParameterSet>(
    hp: &HValue,
    guardian: u32,
    coefficient: u32,
    commitment: &Element<P>,
    h_ij: &Element<P>,
) -> Scalar<P> {
    hq(
        hp,
        &HashInput::new(domain::GUARDIAN_PROOF)
            .u32(guardian)
            .u32(coefficient)
            .element(commitment)
            .element(h_ij),
    )
}

/// c = H(H_E; 0x21, K, α, β, a_0, b_0, …, a_R, b_R) mod q: the challenge of a selection range
/// proof (eq. 46, Verification 5.3) and, with (ᾱ, β̄), of a contest limit proof (eq. 56,
/// Verification 6.5). Unlike 2.1 there are no indices and K is an input.
pub fn range_challenge<P: ParameterSet>(
    he: &HValue,
    joint_key: &Element<P>,
    ciphertext: &Ciphertext<P>,
    commitments: &[(Element<P>, Element<P>)],
) -> Scalar<P> {
    let input = HashInput::new(domain::RANGE_PROOF)
        .element(joint_key)
        .element(&ciphertext.alpha)
        .element(&ciphertext.beta);
    let input = commitments
        .iter()
        .fold(input, |acc, (a, b)| acc.element(a).element(b));
    hq(he, &input)
}

/// χ_l = H(H_E; 0x23, l, K, α_1, β_1, …, α_m, β_m), eq. 57 (Verification 7.A), with the
/// selections in ballot order; contest data is not an input in 2.0.
pub fn contest_hash<'a, P: ParameterSet>(
    he: &HValue,
    contest_index: u32,
    joint_key: &Element<P>,
    selections: impl IntoIterator<Item = &'a Ciphertext<P>>,
) -> HValue {
    let input = HashInput::new(domain::CONTEST_HASH)
        .u32(contest_index)
        .element(joint_key);
    let input = selections
        .into_iter()
        .fold(input, |acc, c| acc.element(&c.alpha).element(&c.beta));
    h(he, &input)
}

/// H(B) = H(H_E; 0x24, χ_1, …, χ_{m_B}, B_aux), eq. 58 (Verification 7.B), with B_aux appended
/// without the length prefix of the §5.5.3 table (notes §2.11).
pub fn confirmation_code<'a>(
    he: &HValue,
    contest_hashes: impl IntoIterator<Item = &'a HValue>,
    baux: &[u8],
) -> HValue {
    let input = contest_hashes
        .into_iter()
        .fold(HashInput::new(domain::CONFIRMATION_CODE), |acc, chi| {
            acc.hash(chi)
        });
    h(he, &input.fixed(baux))
}

/// H_0 = H(H_E; 0x24, B_aux,0), eq. 59 (Verification 7.D), B_aux,0 raw.
pub fn chain_initial_hash(he: &HValue, baux0: &[u8]) -> HValue {
    h(he, &HashInput::new(domain::CONFIRMATION_CODE).fixed(baux0))
}

/// The B_aux,j of ballot j of a chain (eq. 60, Verification 7.E) as egk forms it: H_0 alone for
/// the first ballot (the spec says H_0 ∥ B_aux,0; notes §2.12), H_{j−1} ∥ B_aux,0 after.
pub fn chain_baux(previous: &HValue, baux0: &[u8], first: bool) -> Vec<u8> {
    let mut out = previous.0.to_vec();
    if !first {
        out.extend_from_slice(baux0);
    }
    out
}

/// H̄ = H(H_E; 0x24, H(B_ℓ) ∥ B_aux,0 ∥ "CLOSE"), eq. 61 (Verification 7.F, 7.G), all raw.
pub fn chain_closing_hash(he: &HValue, last_code: &HValue, baux0: &[u8]) -> HValue {
    h(
        he,
        &HashInput::new(domain::CONFIRMATION_CODE)
            .hash(last_code)
            .fixed(baux0)
            .fixed(CLOSE),
    )
}

/// c = H(H_E; 0x30, K, A, B, a, b, M) mod q, eq. 71: the challenge of a tally decryption proof
/// (Verification 9.B) and, with (α, β), of a challenged ballot's (12.B). No indices, unlike 2.1.
pub fn decryption_challenge<P: ParameterSet>(
    he: &HValue,
    joint_key: &Element<P>,
    ciphertext: &Ciphertext<P>,
    a: &Element<P>,
    b: &Element<P>,
    m: &Element<P>,
) -> Scalar<P> {
    hq(
        he,
        &HashInput::new(domain::DECRYPTION_PROOF)
            .element(joint_key)
            .element(&ciphertext.alpha)
            .element(&ciphertext.beta)
            .element(a)
            .element(b)
            .element(m),
    )
}

/// A contest-data ciphertext (C_0, C_1, C_2) as it enters the hashes of eq. 55 and 84.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContestDataCiphertext<'a, P: ParameterSet> {
    /// C_0 = g^ξ.
    pub c0: Element<P>,
    /// The bytes of C_1.
    pub c1: &'a [u8],
    /// C_1 as the hex text written in the record: egk hashes this text, not the bytes (notes
    /// §2.15).
    pub c1_hex: &'a str,
    /// C_2, the MAC.
    pub c2: HValue,
}

/// c = H(H_E; 0x31, K, C_0, C_1, C_2, a, b, β) mod q, eq. 84 (Verification 11.B, 14.B), with
/// egk's layout: C_1 as the UTF-8 of its hex text and C_2 raw (notes §2.15).
pub fn contest_data_challenge<P: ParameterSet>(
    he: &HValue,
    joint_key: &Element<P>,
    data: &ContestDataCiphertext<'_, P>,
    a: &Element<P>,
    b: &Element<P>,
    beta: &Element<P>,
) -> Scalar<P> {
    hq(
        he,
        &HashInput::new(domain::CONTEST_DATA_DECRYPTION_PROOF)
            .element(joint_key)
            .element(&data.c0)
            .fixed(data.c1_hex.as_bytes())
            .hash(&data.c2)
            .element(a)
            .element(b)
            .element(beta),
    )
}

/// The label egk passes to its KDF for contest data (its share-encryption label; the spec's
/// eq. 52 has "data enc keys", notes §2.9).
const KDF_LABEL: &[u8] = b"share_enc_keys";
/// The first part of egk's KDF context for contest data, followed by the contest label.
const KDF_CONTEXT: &[u8] = b"contest_data";

/// The MAC C_2 = HMAC(k_0, b(C_0, l_p) ∥ C_1) of contest data, recomputed from β = C_0^s
/// (eq. 51–55 with egk's KDF inputs, notes §2.9): k = H(H_E; 0x22, K, C_0, β),
/// k_0 = HMAC(k, b(0,4) ∥ "share_enc_keys" ∥ 0x00 ∥ "contest_data" ∥ contest label ∥
/// b(8·numBytes, 4)). A match shows that β opens this very ciphertext.
pub fn contest_data_mac<P: ParameterSet>(
    he: &HValue,
    joint_key: &Element<P>,
    data: &ContestDataCiphertext<'_, P>,
    beta: &Element<P>,
    contest_label: &str,
    num_bytes: u32,
) -> HValue {
    let key = h(
        he,
        &HashInput::new(domain::CONTEST_DATA_KEY)
            .element(joint_key)
            .element(&data.c0)
            .element(beta),
    );
    let mut context = KDF_CONTEXT.to_vec();
    context.extend_from_slice(contest_label.as_bytes());
    let bits = num_bytes.saturating_mul(8);
    let mac_key = kdf_block(
        &key,
        &0u32.to_be_bytes(),
        KDF_LABEL,
        &context,
        &bits.to_be_bytes(),
    );
    let mut message = data.c0.to_bytes();
    message.extend_from_slice(data.c1);
    hmac_sha256(mac_key.as_slice(), &message)
}

/// ψ = H(H_E; 0x40, K, α_1, β_1, …, α_m, β_m), eq. 92 (Verification 17.A).
pub fn preencrypted_selection_hash<'a, P: ParameterSet>(
    he: &HValue,
    joint_key: &Element<P>,
    vector: impl IntoIterator<Item = &'a Ciphertext<P>>,
) -> HValue {
    let input = vector.into_iter().fold(
        HashInput::new(domain::PRE_SELECTION_HASH).element(joint_key),
        |acc, c| acc.element(&c.alpha).element(&c.beta),
    );
    h(he, &input)
}

/// χ_l = H(H_E; 0x41, l, K, ψ_σ(1), …, ψ_σ(m+L)), eq. 94 (Verification 17.B), the ψ in the
/// (sorted) order given.
pub fn preencrypted_contest_hash<'a, P: ParameterSet>(
    he: &HValue,
    contest_index: u32,
    joint_key: &Element<P>,
    selection_hashes: impl IntoIterator<Item = &'a HValue>,
) -> HValue {
    let input = selection_hashes.into_iter().fold(
        HashInput::new(domain::PRE_CONTEST_HASH)
            .u32(contest_index)
            .element(joint_key),
        |acc, psi| acc.hash(psi),
    );
    h(he, &input)
}

/// H(B) = H(H_E; 0x42, χ_1, …, χ_{m_B}, B_aux) of a pre-encrypted ballot (Verification 17.C as
/// egk reads it: no K, B_aux raw; notes §2.17).
pub fn preencrypted_confirmation_code<'a>(
    he: &HValue,
    contest_hashes: impl IntoIterator<Item = &'a HValue>,
    baux: &[u8],
) -> HValue {
    let input = contest_hashes
        .into_iter()
        .fold(HashInput::new(domain::PRE_CONFIRMATION_CODE), |acc, chi| {
            acc.hash(chi)
        });
    h(he, &input.fixed(baux))
}

/// The short code ω = Ω(ψ) of egk: the first five upper-case hex digits of ψ (§4.1.4 leaves Ω
/// to the implementation; notes §2.17).
pub fn short_code(selection_hash: &HValue) -> String {
    selection_hash.to_hex().chars().take(5).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use scrutin_core::group::Standard;

    /// The value printed as eq. 5 of the 2.0 specification, also `parameter_base_hash` of both
    /// egk sample records.
    #[test]
    fn parameter_base_hash_known_answer() {
        assert_eq!(
            parameter_base_hash::<Standard>().to_hex(),
            "2B3B025E50E09C119CBA7E9448ACD1CABC9447EF39BF06327D81C665CDD86296"
        );
    }

    #[test]
    fn chain_baux_is_h0_alone_for_the_first_ballot() {
        let h0 = HValue([7; 32]);
        assert_eq!(chain_baux(&h0, b"dev", true), vec![7; 32]);
        let mut later = vec![7; 32];
        later.extend_from_slice(b"dev");
        assert_eq!(chain_baux(&h0, b"dev", false), later);
    }

    /// B_aux is appended raw: the code equals a hash over 0x24 ∥ χ ∥ B_aux with no length field.
    #[test]
    fn confirmation_code_has_no_length_prefix() {
        let he = HValue([1; 32]);
        let chi = HValue([2; 32]);
        let mut message = vec![domain::CONFIRMATION_CODE];
        message.extend_from_slice(&chi.0);
        message.extend_from_slice(b"device information");
        assert_eq!(
            confirmation_code(&he, [&chi], b"device information"),
            hmac_sha256(&he.0, &message)
        );
        let mut close = vec![domain::CONFIRMATION_CODE];
        close.extend_from_slice(&chi.0);
        close.extend_from_slice(b"devCLOSE");
        assert_eq!(
            chain_closing_hash(&he, &chi, b"dev"),
            hmac_sha256(&he.0, &close)
        );
    }

    #[test]
    fn short_code_is_five_hex_digits() {
        assert_eq!(short_code(&HValue([0xAB; 32])), "ABABA");
    }
}
