//! Contest hashes and confirmation codes (§3.4.1–3.4.2, equations 70–71).

use super::chain::ChainingField;
use crate::elgamal::Ciphertext;
use crate::group::ParameterSet;
use crate::hash::{domain, h, HValue, HashInput};
use crate::hashed_elgamal::HashedCiphertext;

/// χ_l = H(H_I; 0x28, l, α_1, β_1, …, α_{m_l}, β_{m_l}, C0, C1, C2), equation 70, for the
/// contest with index l = ind_c(Λ_l) (Verification 8.A, 13.3).
///
/// The ciphertexts are the contest's option encryptions in option order. The contest data
/// (C0, C1, C2) is appended only when present, with C2 = (c, v) encoded as b(c, l_q) ∥
/// b(v, l_q) (§5.5.3: b(C2, 64) for the standard group).
pub fn contest_hash<'a, P: ParameterSet>(
    identifier_hash: &HValue,
    contest: u32,
    ciphertexts: impl IntoIterator<Item = &'a Ciphertext<P>>,
    data: Option<&HashedCiphertext<P>>,
) -> HValue {
    let input = ciphertexts.into_iter().fold(
        HashInput::new(domain::CONTEST_HASH).u32(contest),
        |acc, ct| acc.element(&ct.alpha).element(&ct.beta),
    );
    let input = match data {
        Some(c) => input
            .element(&c.c0)
            .fixed(&c.c1)
            .scalar(&c.proof.challenge)
            .scalar(&c.proof.response),
        None => input,
    };
    h(identifier_hash, &input)
}

/// H_C = H(H_I; 0x29, χ_1, …, χ_{m_B}, B_C), equation 71 (Verification 8.B, 13.B), with the
/// contest hashes in manifest order and the 36-byte chaining field B_C.
pub fn confirmation_code(
    identifier_hash: &HValue,
    contest_hashes: &[HValue],
    chaining_field: &ChainingField,
) -> HValue {
    let input = contest_hashes
        .iter()
        .fold(HashInput::new(domain::CONFIRMATION_CODE), |acc, chi| {
            acc.hash(chi)
        })
        .fixed(chaining_field.as_bytes());
    h(identifier_hash, &input)
}
