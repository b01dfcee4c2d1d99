//! Hashed-ElGamal encryption of a contest's data field under K̂ (§3.3.10, equations 63–69),
//! its proof check, and its decryption given β = C0^ŝ (§3.6.6, equations 104–106) or the
//! nonce ξ (§3.6.7, equations 110–111).
//!
//! The KDF label and context are "data_enc_keys" and "contest_data" with underscores: the PDF
//! draws each underscore as a rule, which text extraction renders as a space.

use super::CONTEST_DATA_PROOF_CHECK;
use crate::group::{Element, ParameterSet, Scalar, SecretBase, SecretScalar};
use crate::hash::{domain, h, hq, HValue, HashInput};
use crate::hashed_elgamal::{kdf_block, xor_blocks, HashedCiphertext};
use crate::proofs::{Check, SchnorrProof};
use crate::verify_error::{Location, Reason, VerifyError};
use rand_core::{CryptoRng, RngCore};
use zeroize::{Zeroize, Zeroizing};

/// Label = b("data_enc_keys", 13) of equation 66.
const LABEL: &[u8] = b"data_enc_keys";
/// The first part of Context = b("contest_data", 12) ∥ b(ind_c(Λ), 4) of equation 66.
const CONTEXT: &[u8] = b"contest_data";
/// b_Λ must be below 2^24 so that b_Λ · 256 fits in four bytes (§3.3.10).
pub const MAX_DATA_BLOCKS: u32 = 1 << 24;

/// The number of 32-byte blocks of a C1 or D of `len` bytes, if it is a valid b_Λ
/// (1 ≤ b_Λ < 2^24).
fn block_count(len: usize) -> Option<u32> {
    if !len.is_multiple_of(32) {
        return None;
    }
    let blocks = u32::try_from(len / 32).ok()?;
    (1..MAX_DATA_BLOCKS).contains(&blocks).then_some(blocks)
}

/// k_1 ∥ … ∥ k_{b_Λ} from the shared secret β = K̂^ξ = C0^ŝ: h = H(H_I; 0x26, ind_c, α, β)
/// (equation 65) and k_i = HMAC(h, b(i, 4) ∥ Label ∥ 0x00 ∥ Context ∥ b(b_Λ · 256, 4))
/// (equation 66) for 1 ≤ i ≤ b_Λ. (Verification 13.7 writes 0 ≤ l < b_Λ; equations 66 and
/// 104 and the use of k_1 … k_{b_Λ} in 13.A fix the counter to start at 1.)
fn data_pads<P: ParameterSet>(
    identifier_hash: &HValue,
    contest: u32,
    alpha: &Element<P>,
    beta: &Element<P>,
    blocks: u32,
) -> Vec<Zeroizing<[u8; 32]>> {
    let input = HashInput::new(domain::CONTEST_DATA_KEY)
        .u32(contest)
        .element(alpha)
        .element(beta);
    let mut key = h(identifier_hash, &input);
    let mut context = Vec::with_capacity(CONTEXT.len() + 4);
    context.extend_from_slice(CONTEXT);
    context.extend_from_slice(&contest.to_be_bytes());
    // blocks < 2^24, so the bit length fits in four bytes.
    let length = blocks.saturating_mul(256).to_be_bytes();
    let pads = (1..=blocks)
        .map(|i| kdf_block(&key, &i.to_be_bytes(), LABEL, &context, &length))
        .collect();
    key.0.zeroize();
    pads
}

/// c = H_q(H_I; 0x27, ind_c(Λ), a, C0, C1), equation 69 (§5.5.3).
fn data_challenge<P: ParameterSet>(
    identifier_hash: &HValue,
    contest: u32,
    commitment: &Element<P>,
    c0: &Element<P>,
    c1: &[u8],
) -> Scalar<P> {
    let input = HashInput::new(domain::CONTEST_DATA_PROOF)
        .u32(contest)
        .element(commitment)
        .element(c0)
        .fixed(c1);
    hq(identifier_hash, &input)
}

/// Encrypts the contest data D_Λ of contest `contest` with the nonce ξ of equation 64
/// (§3.3.10): C0 = g^ξ (equation 67), C1 = D_1 ⊕ k_1 ∥ … ∥ D_{b_Λ} ⊕ k_{b_Λ} (equation 68),
/// C2 = (c, v) a Schnorr proof of knowledge of ξ with the challenge of equation 69.
///
/// Returns `None` unless D has 32·b_Λ bytes with 1 ≤ b_Λ < 2^24.
pub fn encrypt_contest_data<P: ParameterSet, R: RngCore + CryptoRng>(
    rng: &mut R,
    identifier_hash: &HValue,
    data_key: &impl SecretBase<P>,
    contest: u32,
    nonce: &SecretScalar<P>,
    data: &[u8],
) -> Option<HashedCiphertext<P>> {
    let blocks = block_count(data.len())?;
    let alpha = nonce.g_pow();
    let beta = data_key.pow_secret(nonce);
    let pads = data_pads(identifier_hash, contest, &alpha, &beta, blocks);
    let c1 = xor_blocks(data, &pads)?.to_vec();
    let proof = SchnorrProof::prove(rng, nonce, |a| {
        data_challenge(identifier_hash, contest, a, &alpha, &c1)
    });
    Some(HashedCiphertext {
        c0: alpha,
        c1,
        proof,
    })
}

/// Checks the encrypted contest data of contest `contest`, which has b_Λ = `blocks`: C1 must
/// have 32·b_Λ bytes, and the Schnorr proof must satisfy c = H_q(H_I; 0x27, ind_c, a, C0, C1)
/// with a = g^v · C0^c (equation 69; the guardians' check of §3.6.6).
///
/// Fails at [`CONTEST_DATA_PROOF_CHECK`] (`S6.contest-data-proof`, a check of scrutin's own) at `location`:
/// `Malformed` for a C1 of the wrong length, `ChallengeMismatch` for an invalid proof.
pub fn verify_contest_data_proof<P: ParameterSet>(
    identifier_hash: &HValue,
    contest: u32,
    blocks: u32,
    ciphertext: &HashedCiphertext<P>,
    location: Location,
) -> Result<(), VerifyError> {
    let check = Check::new(CONTEST_DATA_PROOF_CHECK, location);
    let expected = usize::try_from(blocks)
        .unwrap_or(usize::MAX)
        .saturating_mul(32);
    if ciphertext.c1.len() != expected {
        return Err(check.fail(Reason::Malformed(format!(
            "the encrypted contest data has {} bytes, expected 32·b_Λ = {expected}",
            ciphertext.c1.len()
        ))));
    }
    ciphertext.proof.verify(
        &ciphertext.c0,
        |a| data_challenge(identifier_hash, contest, a, &ciphertext.c0, &ciphertext.c1),
        &check,
    )
}

/// D = C1 ⊕ (k_1 ∥ … ∥ k_{b_Λ}) given β = C0^ŝ, the guardians' combined partial decryption
/// (§3.6.6, equations 104–106), or β = K̂^ξ computed from the nonce (equation 110).
///
/// Returns `None` if C1 is not 32·b_Λ bytes with 1 ≤ b_Λ < 2^24. A wrong β gives wrong bytes,
/// not an error: the caller compares or parses the result.
pub fn decrypt_contest_data<P: ParameterSet>(
    identifier_hash: &HValue,
    contest: u32,
    ciphertext: &HashedCiphertext<P>,
    beta: &Element<P>,
) -> Option<Zeroizing<Vec<u8>>> {
    let blocks = block_count(ciphertext.c1.len())?;
    let pads = data_pads(identifier_hash, contest, &ciphertext.c0, beta, blocks);
    xor_blocks(&ciphertext.c1, &pads)
}

/// C1 recomputed from a claimed plaintext D and the published nonce ξ (Verification 13.4–13.7
/// and the right-hand side of 13.A): α = g^ξ, β = K̂^ξ, h and the k_i from them, D ⊕ k.
/// Returns `None` if D is not 32·b_Λ bytes with 1 ≤ b_Λ < 2^24.
pub fn reencrypt_contest_data<P: ParameterSet>(
    identifier_hash: &HValue,
    data_key: &Element<P>,
    contest: u32,
    nonce: &Scalar<P>,
    data: &[u8],
) -> Option<Vec<u8>> {
    let blocks = block_count(data.len())?;
    let alpha = Element::g_pow(nonce);
    let beta = data_key.pow(nonce);
    let pads = data_pads(identifier_hash, contest, &alpha, &beta, blocks);
    xor_blocks(data, &pads).map(|c1| c1.to_vec())
}
