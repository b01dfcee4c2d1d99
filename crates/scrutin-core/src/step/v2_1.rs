//! The lettered conditions of the ElectionGuard 2.1 Verification boxes 1–14, as [`Step`]s.
//!
//! Each constant is named after its label (`V6_D` is condition 6.D, displayed `V6.D`), so
//! that a reader of the specification finds it by its label. The boxes appear next to the
//! protocol steps of §3 (the section each constant cites) and are collected in §6.2.

use super::{SpecCheck, SpecVersion, Step};

const fn spec(verification: u8, check: char) -> Step {
    Step::Spec(SpecCheck::new(SpecVersion::V2_1, verification, check))
}

/// 1.A (§3.1.4): the record's specification version is 2.1.
pub const V1_A: Step = spec(1, 'A');

/// 1.B (§3.1.1): the large prime p (and the cofactor r) are the standard ones.
pub const V1_B: Step = spec(1, 'B');

/// 1.C (§3.1.1): the small prime q is the standard one.
pub const V1_C: Step = spec(1, 'C');

/// 1.D (§3.1.1): the generator g is the standard one.
pub const V1_D: Step = spec(1, 'D');

/// 1.E (§3.1.2): the parameter base hash H_P (equation 4).
pub const V1_E: Step = spec(1, 'E');

/// 1.F (§3.1.4): the election base hash H_B (equation 5).
pub const V1_F: Step = spec(1, 'F');

/// 2.A (§3.2.2): the commitments K_{i,j}, K̂_{i,j} and the communication key κ_i are in Z_p^r.
pub const V2_A: Step = spec(2, 'A');

/// 2.B (§3.2.2): the responses v_{i,j}, v̂_{i,j} are in Z_q.
pub const V2_B: Step = spec(2, 'B');

/// 2.C (§3.2.2): the challenge c_i of the guardian's key proof (equations 11–13).
pub const V2_C: Step = spec(2, 'C');

/// 3.A (§3.2.2): the joint vote encryption key K = ∏ K_i (equation 25).
pub const V3_A: Step = spec(3, 'A');

/// 3.B (§3.2.2): the joint ballot data encryption key K̂ = ∏ K̂_i (equation 26).
pub const V3_B: Step = spec(3, 'B');

/// 4.A (§3.2.3): the extended base hash H_E = H(H_B; 0x14, K, K̂) (equation 30).
pub const V4_A: Step = spec(4, 'A');

/// 5.A (§3.3.2): no two submitted ballots share a selection encryption identifier.
pub const V5_A: Step = spec(5, 'A');

/// 5.B (§3.3.2): the selection encryption identifier hash H_I (equation 32).
pub const V5_B: Step = spec(5, 'B');

/// 6.A (§3.3.7): a selection's α and β are in Z_p^r.
pub const V6_A: Step = spec(6, 'A');

/// 6.B (§3.3.7): the range proof's challenges c_j are in Z_q.
pub const V6_B: Step = spec(6, 'B');

/// 6.C (§3.3.7): the range proof's responses v_j are in Z_q.
pub const V6_C: Step = spec(6, 'C');

/// 6.D (§3.3.7): the range proof's challenges add up to its challenge c.
pub const V6_D: Step = spec(6, 'D');

/// 7.A (§3.3.7): the α_i and β_i of a contest's selections are in Z_p^r.
pub const V7_A: Step = spec(7, 'A');

/// 7.B (§3.3.7): the contest limit proof's challenges c_j are in Z_q.
pub const V7_B: Step = spec(7, 'B');

/// 7.C (§3.3.7): the contest limit proof's responses v_j are in Z_q.
pub const V7_C: Step = spec(7, 'C');

/// 7.D (§3.3.7): the contest limit proof's challenges add up to its challenge c, over the aggregate of equations 7.1–7.2.
pub const V7_D: Step = spec(7, 'D');

/// 8.A (§3.4.1): the contest hash χ_l (equation 70).
pub const V8_A: Step = spec(8, 'A');

/// 8.B (§3.4.2): the confirmation code H_C (equation 71).
pub const V8_B: Step = spec(8, 'B');

/// 8.C (§3.4.3): the voting device information hash H_DI (equation 72).
pub const V8_C: Step = spec(8, 'C');

/// 8.D (§3.4.4): in no-chaining mode, B_C = 0x00000000 ∥ H_DI.
pub const V8_D: Step = spec(8, 'D');

/// 8.E (§3.4.4): the chaining field of the j-th ballot of a device is B_C,j = 0x00000001 ∥ H_{j−1}.
pub const V8_E: Step = spec(8, 'E');

/// 8.F (§3.4.4): the initial hash code H_0 and B_C,0 = 0x00000001 ∥ H_DI.
pub const V8_F: Step = spec(8, 'F');

/// 8.G (§3.4.4): the final input byte array B_C = 0x00000001 ∥ H(H_E; 0x2B, H_ℓ, B_C,0) and the closing hash H.
pub const V8_G: Step = spec(8, 'G');

/// 9.A (§3.5): the aggregate A = ∏ α_j (equation 79).
pub const V9_A: Step = spec(9, 'A');

/// 9.B (§3.5): the aggregate B = ∏ β_j (equation 80).
pub const V9_B: Step = spec(9, 'B');

/// 10.A (§3.6.5): the tally decryption response v is in Z_q.
pub const V10_A: Step = spec(10, 'A');

/// 10.B (§3.6.5): the tally decryption challenge c, with M, a, b of equations 10.1–10.3.
pub const V10_B: Step = spec(10, 'B');

/// 10.C (§3.6.5): the decrypted tally value t satisfies T = K^t (equation 82).
pub const V10_C: Step = spec(10, 'C');

/// 11.A (§3.6.5): each tally contest label is a contest label of the manifest.
pub const V11_A: Step = spec(11, 'A');

/// 11.B (§3.6.5): each tally option label is an option label of its contest in the manifest.
pub const V11_B: Step = spec(11, 'B');

/// 11.C (§3.6.5): each option label of the manifest's contest occurs in the tally.
pub const V11_C: Step = spec(11, 'C');

/// 11.D (§3.6.5): each contest that occurs on a submitted ballot occurs in the tally.
pub const V11_D: Step = spec(11, 'D');

/// 12.A (§3.6.6): the contest data decryption response v is in Z_q.
pub const V12_A: Step = spec(12, 'A');

/// 12.B (§3.6.6): the contest data decryption challenge c, with a, b of equations 12.1–12.2.
pub const V12_B: Step = spec(12, 'B');

/// 12.C (§3.6.6): the decrypted contest data D = C_1 ⊕ k, with k of equations 12.3–12.4.
pub const V12_C: Step = spec(12, 'C');

/// 13.A (§3.6.7): a challenged ballot's contest data D re-encrypts to C_1, with the nonces of equations 13.4–13.7.
pub const V13_A: Step = spec(13, 'A');

/// 13.B (§3.6.7): a challenged ballot's confirmation code H_C from the contest hashes of equations 13.1–13.3.
pub const V13_B: Step = spec(13, 'B');

/// 14.A (§3.6.7): each contest label of a challenged ballot is one of its ballot style.
pub const V14_A: Step = spec(14, 'A');

/// 14.B (§3.6.7): each contest of the ballot style occurs on the challenged ballot.
pub const V14_B: Step = spec(14, 'B');

/// 14.C (§3.6.7): each option label of a challenged contest is an option of that contest.
pub const V14_C: Step = spec(14, 'C');

/// 14.D (§3.6.7): each option of the manifest's contest occurs on the challenged contest.
pub const V14_D: Step = spec(14, 'D');

/// 14.E (§3.6.7): each selection σ of a challenged ballot is a valid value (0 or 1).
pub const V14_E: Step = spec(14, 'E');

/// 14.F (§3.6.7): the selections of a challenged contest add up to at most its limit L.
pub const V14_F: Step = spec(14, 'F');
