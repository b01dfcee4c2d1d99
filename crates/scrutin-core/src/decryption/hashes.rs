//! The hash inputs of verifiable decryption, byte for byte as in §5.5.4.

use super::messages::CommitmentPair;
use super::quorum::Quorum;
use crate::elgamal::Ciphertext;
use crate::group::{Element, ParameterSet};
use crate::hash::{domain, HashInput};
use crate::hashed_elgamal::HashedCiphertext;

/// The B1 of d_i = H(H_E; 0x30, ind_c, ind_o, i, A, B, a_i, b_i, M_i, U) (equation 88):
/// 0x30 ∥ b(ind_c, 4) ∥ b(ind_o, 4) ∥ b(i, 4) ∥ b(A, l_p) ∥ b(B, l_p) ∥ b(a_i, l_p) ∥ b(b_i, l_p)
/// ∥ b(M_i, l_p) ∥ b(#U, 4) ∥ b(j_1, 4) ∥ … ∥ b(j_#U, 4).
pub(crate) fn tally_commitment_input<P: ParameterSet>(
    contest: u32,
    option: u32,
    guardian: u32,
    ciphertext: &Ciphertext<P>,
    pair: &CommitmentPair<P>,
    partial: &Element<P>,
    quorum: &Quorum<P>,
) -> HashInput {
    let input = HashInput::new(domain::DECRYPTION_COMMITMENT)
        .u32(contest)
        .u32(option)
        .u32(guardian)
        .element(&ciphertext.alpha)
        .element(&ciphertext.beta)
        .element(&pair.a)
        .element(&pair.b)
        .element(partial);
    quorum.append_to(input)
}

/// The B1 of c = H_q(H_E; 0x31, ind_c, ind_o, A, B, a, b, M) (equation 90, check 10.B).
pub(crate) fn tally_challenge_input<P: ParameterSet>(
    contest: u32,
    option: u32,
    ciphertext: &Ciphertext<P>,
    pair: &CommitmentPair<P>,
    value: &Element<P>,
) -> HashInput {
    HashInput::new(domain::DECRYPTION_PROOF)
        .u32(contest)
        .u32(option)
        .element(&ciphertext.alpha)
        .element(&ciphertext.beta)
        .element(&pair.a)
        .element(&pair.b)
        .element(value)
}

/// C0 ∥ C1 ∥ b(C2, 2·l_q) as they enter equations 99 and 101.
fn append_hashed<P: ParameterSet>(input: HashInput, ciphertext: &HashedCiphertext<P>) -> HashInput {
    input
        .element(&ciphertext.c0)
        .fixed(&ciphertext.c1)
        .scalar(&ciphertext.proof.challenge)
        .scalar(&ciphertext.proof.response)
}

/// The B1 of d_i = H(H_I; 0x32, ind_c, i, C0, C1, C2, a_i, b_i, m_i, U) (equation 99):
/// 0x32 ∥ b(ind_c, 4) ∥ b(i, 4) ∥ b(C0, l_p) ∥ C1 ∥ b(C2, 2·l_q) ∥ b(a_i, l_p) ∥ b(b_i, l_p) ∥
/// b(m_i, l_p) ∥ b(#U, 4) ∥ b(j_1, 4) ∥ … ∥ b(j_#U, 4).
///
/// It is hashed with the key H_I, as equation 99 says; the table of §5.5.4 lists B0 = H_E
/// for it, which we take for a misprint (see [`super::data`]).
pub(crate) fn data_commitment_input<P: ParameterSet>(
    contest: u32,
    guardian: u32,
    ciphertext: &HashedCiphertext<P>,
    pair: &CommitmentPair<P>,
    partial: &Element<P>,
    quorum: &Quorum<P>,
) -> HashInput {
    let input = HashInput::new(domain::DATA_DECRYPTION_COMMITMENT)
        .u32(contest)
        .u32(guardian);
    let input = append_hashed(input, ciphertext)
        .element(&pair.a)
        .element(&pair.b)
        .element(partial);
    quorum.append_to(input)
}

/// The B1 of c = H_q(H_I; 0x33, ind_c, C0, C1, C2, a, b, β) (equation 101, check 12.B).
pub(crate) fn data_challenge_input<P: ParameterSet>(
    contest: u32,
    ciphertext: &HashedCiphertext<P>,
    pair: &CommitmentPair<P>,
    value: &Element<P>,
) -> HashInput {
    let input = HashInput::new(domain::DATA_DECRYPTION_PROOF).u32(contest);
    append_hashed(input, ciphertext)
        .element(&pair.a)
        .element(&pair.b)
        .element(value)
}

/// The B1 of the contest-data encryption proof challenge c = H_q(H_I; 0x27, ind_c, a, C0, C1)
/// (equation 69), which guardians check before decrypting contest data (§3.6.6).
pub(crate) fn contest_data_proof_input<P: ParameterSet>(
    contest: u32,
    commitment: &Element<P>,
    ciphertext: &HashedCiphertext<P>,
) -> HashInput {
    HashInput::new(domain::CONTEST_DATA_PROOF)
        .u32(contest)
        .element(commitment)
        .element(&ciphertext.c0)
        .fixed(&ciphertext.c1)
}

/// The B1 of the ballot-nonce encryption proof challenge c_B = H_q(H_I; 0x23, a_B, C0, C1)
/// (equation 38), which guardians check before decrypting a ballot nonce (§3.6.7).
pub(crate) fn ballot_nonce_proof_input<P: ParameterSet>(
    commitment: &Element<P>,
    ciphertext: &HashedCiphertext<P>,
) -> HashInput {
    HashInput::new(domain::BALLOT_NONCE_PROOF)
        .element(commitment)
        .element(&ciphertext.c0)
        .fixed(&ciphertext.c1)
}
