//! The lettered conditions of the ElectionGuard 2.0 Verification boxes 1–18 (the egk record
//! format), as [`Step`]s.
//!
//! Each constant is named after its label (`V5_D` is condition 5.D of 2.0, displayed `V5.D`),
//! so that a reader of the 2.0 specification finds it by its label. The boxes appear next to
//! the protocol steps of 2.0 §3 and §4.5 (the section each constant cites) and are collected
//! in 2.0 §6. The checks scrutin adds to these records are in
//! [`crate::step::own`].

use super::{SpecCheck, SpecVersion, Step};

const fn spec(verification: u8, check: char) -> Step {
    Step::Spec(SpecCheck::new(SpecVersion::V2_0, verification, check))
}

/// 1.A (2.0 §3.1.5): the record's specification version is 2.0.
pub const V1_A: Step = spec(1, 'A');

/// 1.B (2.0 §3.1.1): the large prime p is the standard one.
pub const V1_B: Step = spec(1, 'B');

/// 1.C (2.0 §3.1.1): the small prime q is the standard one.
pub const V1_C: Step = spec(1, 'C');

/// 1.D (2.0 §3.1.1): the cofactor r is the standard one.
pub const V1_D: Step = spec(1, 'D');

/// 1.E (2.0 §3.1.1): the generator g is the standard one.
pub const V1_E: Step = spec(1, 'E');

/// 1.F (2.0 §3.1.2): the parameter base hash H_P.
pub const V1_F: Step = spec(1, 'F');

/// 1.G (2.0 §3.1.3): the manifest hash H_M.
pub const V1_G: Step = spec(1, 'G');

/// 1.H (2.0 §3.1.5): the election base hash H_B.
pub const V1_H: Step = spec(1, 'H');

/// 2.A (2.0 §3.2.2): a guardian's commitment K_{i,j} is in Z_p^r.
pub const V2_A: Step = spec(2, 'A');

/// 2.B (2.0 §3.2.2): a response v_{i,j} of a guardian's coefficient proof is in Z_q.
pub const V2_B: Step = spec(2, 'B');

/// 2.C (2.0 §3.2.2): the challenge c_{i,j} = H(H_P; 0x10, i, j, K_{i,j}, h_{i,j}) of a coefficient proof.
pub const V2_C: Step = spec(2, 'C');

/// 3.A (2.0 §3.2.2): every guardian's public key K_i is in the record.
pub const V3_A: Step = spec(3, 'A');

/// 3.B (2.0 §3.2.2): the joint key K = ∏ K_i, and K ≠ 1.
pub const V3_B: Step = spec(3, 'B');

/// 4.A (2.0 §3.2.3): the extended base hash H_E = H(H_B; 0x12, K).
pub const V4_A: Step = spec(4, 'A');

/// 5.A (2.0 §3.3.5): a selection's α and β are in Z_p^r.
pub const V5_A: Step = spec(5, 'A');

/// 5.B (2.0 §3.3.5): the range proof's challenges c_j are less than 2^256.
pub const V5_B: Step = spec(5, 'B');

/// 5.C (2.0 §3.3.5): the range proof's responses v_j are in Z_q.
pub const V5_C: Step = spec(5, 'C');

/// 5.D (2.0 §3.3.5): the range proof's challenges add up to its challenge c.
pub const V5_D: Step = spec(5, 'D');

/// 6.A (2.0 §3.3.7): the α_i and β_i of a contest's selections are in Z_p^r.
pub const V6_A: Step = spec(6, 'A');

/// 6.B (2.0 §3.3.7): the contest limit proof's challenges c_j are less than 2^256.
pub const V6_B: Step = spec(6, 'B');

/// 6.C (2.0 §3.3.7): the contest limit proof's responses v_j are in Z_q.
pub const V6_C: Step = spec(6, 'C');

/// 6.D (2.0 §3.3.7): the contest limit proof's challenges add up to its challenge c.
pub const V6_D: Step = spec(6, 'D');

/// 7.A (2.0 §3.4.1): the contest hash χ_l.
pub const V7_A: Step = spec(7, 'A');

/// 7.B (2.0 §3.4.2): the confirmation code H(B).
pub const V7_B: Step = spec(7, 'B');

/// 7.C (2.0 §3.4.2): no two submitted ballots share a confirmation code.
pub const V7_C: Step = spec(7, 'C');

/// 7.D (2.0 §3.4.3): the initial hash code H_0 = H(H_E; 0x24, B_aux,0).
pub const V7_D: Step = spec(7, 'D');

/// 7.E (2.0 §3.4.3): the additional input byte array of the j-th ballot of a device is H(B_{j−1}) ∥ B_aux,0.
pub const V7_E: Step = spec(7, 'E');

/// 7.F (2.0 §3.4.3): the final additional input byte array B_aux = H(B_ℓ) ∥ B_aux,0 ∥ b("CLOSE", 5).
pub const V7_F: Step = spec(7, 'F');

/// 7.G (2.0 §3.4.3): the closing hash H = H(H_E; 0x24, B_aux).
pub const V7_G: Step = spec(7, 'G');

/// 8.A (2.0 §3.5): the aggregate A = ∏ α_j.
pub const V8_A: Step = spec(8, 'A');

/// 8.B (2.0 §3.5): the aggregate B = ∏ β_j.
pub const V8_B: Step = spec(8, 'B');

/// 9.A (2.0 §3.6.3): the tally decryption response v is in Z_q.
pub const V9_A: Step = spec(9, 'A');

/// 9.B (2.0 §3.6.3): the tally decryption challenge c = H(H_E; 0x30, K, A, B, a, b, M).
pub const V9_B: Step = spec(9, 'B');

/// 10.A (2.0 §3.6.3): the decrypted tally value t satisfies T = K^t.
pub const V10_A: Step = spec(10, 'A');

/// 10.B (2.0 §3.6.3): each tally contest label is a contest label of the manifest.
pub const V10_B: Step = spec(10, 'B');

/// 10.C (2.0 §3.6.3): each tally option label is an option label of its contest in the manifest.
pub const V10_C: Step = spec(10, 'C');

/// 10.D (2.0 §3.6.3): each option label of the manifest's contest occurs in the tally.
pub const V10_D: Step = spec(10, 'D');

/// 10.E (2.0 §3.6.3): each contest that occurs on a submitted ballot occurs in the tally.
pub const V10_E: Step = spec(10, 'E');

/// 11.A (2.0 §3.6.4): the contest data decryption response v is in Z_q.
pub const V11_A: Step = spec(11, 'A');

/// 11.B (2.0 §3.6.4): the contest data decryption challenge c = H(H_E; 0x31, K, C_0, C_1, C_2, a, b, β).
pub const V11_B: Step = spec(11, 'B');

/// 12.A (2.0 §3.6.5): a challenged ballot's decryption response v is in Z_q.
pub const V12_A: Step = spec(12, 'A');

/// 12.B (2.0 §3.6.5): a challenged ballot's decryption challenge c = H(H_E; 0x30, K, α, β, a, b, M).
pub const V12_B: Step = spec(12, 'B');

/// 13.A (2.0 §3.6.5): a challenged selection σ satisfies S = K^σ.
pub const V13_A: Step = spec(13, 'A');

/// 13.B (2.0 §3.6.5): each selection σ of a challenged ballot is a valid value (0 or 1).
pub const V13_B: Step = spec(13, 'B');

/// 13.C (2.0 §3.6.5): the selections of a challenged contest add up to at most its limit L.
pub const V13_C: Step = spec(13, 'C');

/// 13.D (2.0 §3.6.5): each contest label of a challenged ballot is a contest label of the manifest.
pub const V13_D: Step = spec(13, 'D');

/// 13.E (2.0 §3.6.5): each option label of a challenged contest is an option of that contest.
pub const V13_E: Step = spec(13, 'E');

/// 13.F (2.0 §3.6.5): each option of the manifest's contest occurs on the challenged contest.
pub const V13_F: Step = spec(13, 'F');

/// 14.A (2.0 §3.6.5): a challenged ballot's contest data decryption response v is in Z_q.
pub const V14_A: Step = spec(14, 'A');

/// 14.B (2.0 §3.6.5): a challenged ballot's contest data decryption challenge c = H(H_E; 0x31, K, C_0, C_1, C_2, a, b, β).
pub const V14_B: Step = spec(14, 'B');

/// 15.A (2.0 §4.5): a pre-encrypted selection's α and β are in Z_p^r.
pub const V15_A: Step = spec(15, 'A');

/// 15.B (2.0 §4.5): the selection proof's challenges c_0, c_1 are less than 2^256.
pub const V15_B: Step = spec(15, 'B');

/// 15.C (2.0 §4.5): the selection proof's responses v_0, v_1 are in Z_q.
pub const V15_C: Step = spec(15, 'C');

/// 15.D (2.0 §4.5): the selection proof's challenges add up to its challenge c.
pub const V15_D: Step = spec(15, 'D');

/// 16.A (2.0 §4.5): the pre-encrypted contest limit proof's challenges c_j are less than 2^256.
pub const V16_A: Step = spec(16, 'A');

/// 16.B (2.0 §4.5): the pre-encrypted contest limit proof's responses v_j are in Z_q.
pub const V16_B: Step = spec(16, 'B');

/// 16.C (2.0 §4.5): the pre-encrypted contest limit proof's challenges add up to its challenge c.
pub const V16_C: Step = spec(16, 'C');

/// 17.A (2.0 §4.5): each selection hash ψ of a pre-encrypted ballot's selection vectors.
pub const V17_A: Step = spec(17, 'A');

/// 17.B (2.0 §4.5): the pre-encryption contest hash χ_l.
pub const V17_B: Step = spec(17, 'B');

/// 17.C (2.0 §4.5): the pre-encrypted ballot's confirmation code H(B).
pub const V17_C: Step = spec(17, 'C');

/// 17.D (2.0 §4.5): no two submitted ballots share a confirmation code.
pub const V17_D: Step = spec(17, 'D');

/// 18.A (2.0 §4.5): each short code ω = Ω(ψ).
pub const V18_A: Step = spec(18, 'A');
