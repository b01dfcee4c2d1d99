//! Encryption of the ballot nonce under the ballot data key K̂ (§3.3.4, equations 34–38) and
//! its decryption once the guardians have combined β_B (§3.6.7, equations 107–108).
//!
//! The KDF label and context are "ballot_nonce" and "ballot_nonce_encrypt" with underscores:
//! the PDF draws each underscore as a rule, which text extraction renders as a space (the same
//! typesetting as "pk_vote", whose bytes §5.5.2 spells out).

use super::nonce::BallotNonce;
use super::BALLOT_NONCE_PROOF_CHECK;
use crate::group::{Element, ParameterSet, Scalar, SecretBase, SecretScalar};
use crate::hash::{domain, h, hq, HValue, HashInput};
use crate::hashed_elgamal::{kdf_block, xor_blocks, HashedCiphertext};
use crate::proofs::{Check, SchnorrProof};
use crate::verify_error::{Location, Reason, VerifyError};
use rand_core::{CryptoRng, RngCore};
use zeroize::{Zeroize, Zeroizing};

/// Label = b("ballot_nonce", 12) of equation 36.
const LABEL: &[u8] = b"ballot_nonce";
/// Context = b("ballot_nonce_encrypt", 20) of equation 36.
const CONTEXT: &[u8] = b"ballot_nonce_encrypt";
/// The one-byte counter 0x01 of equation 36.
const COUNTER: [u8; 1] = [0x01];
/// The output length, 256 bits, as two bytes (0x0100).
const OUTPUT_BITS: [u8; 2] = [0x01, 0x00];
/// The length of C_{ξ_B,1}: b(ξ_B, 32).
const C1_LEN: usize = 32;

/// k_1 from the shared secret β_B = K̂^ξ̂_B = C0^ŝ: h = H(H_I; 0x22, α_B, β_B) (equation 35)
/// and k_1 = HMAC(h, 0x01 ∥ Label ∥ 0x00 ∥ Context ∥ 0x0100) (equation 36).
fn nonce_pad<P: ParameterSet>(
    identifier_hash: &HValue,
    alpha: &Element<P>,
    beta: &Element<P>,
) -> Zeroizing<[u8; 32]> {
    let input = HashInput::new(domain::BALLOT_NONCE_KEY)
        .element(alpha)
        .element(beta);
    let mut key = h(identifier_hash, &input);
    let pad = kdf_block(&key, &COUNTER, LABEL, CONTEXT, &OUTPUT_BITS);
    key.0.zeroize();
    pad
}

/// c_B = H_q(H_I; 0x23, a_B, C_{ξ_B,0}, C_{ξ_B,1}), equation 38 (§5.5.3, 1057 bytes for the
/// standard group).
fn nonce_challenge<P: ParameterSet>(
    identifier_hash: &HValue,
    commitment: &Element<P>,
    c0: &Element<P>,
    c1: &[u8],
) -> Scalar<P> {
    let input = HashInput::new(domain::BALLOT_NONCE_PROOF)
        .element(commitment)
        .element(c0)
        .fixed(c1);
    hq(identifier_hash, &input)
}

/// Encrypts ξ_B under K̂ with a fresh nonce ξ̂_B (§3.3.4): C0 = α_B = g^ξ̂_B (equation 34),
/// C1 = b(ξ_B, 32) ⊕ k_1 (equation 37) and C2 = (c_B, v_B), a Schnorr proof of knowledge of
/// ξ̂_B with the challenge of equation 38.
pub fn encrypt_ballot_nonce<P: ParameterSet, R: RngCore + CryptoRng>(
    rng: &mut R,
    identifier_hash: &HValue,
    data_key: &impl SecretBase<P>,
    nonce: &BallotNonce,
) -> HashedCiphertext<P> {
    let encryption_nonce = SecretScalar::<P>::random(rng);
    let alpha = encryption_nonce.g_pow();
    let beta = data_key.pow_secret(&encryption_nonce);
    let pad = nonce_pad(identifier_hash, &alpha, &beta);
    let c1 = xor_blocks(nonce.as_secret_bytes(), std::slice::from_ref(&pad))
        .map(|bytes| bytes.to_vec())
        .unwrap_or_default();
    let proof = SchnorrProof::prove(rng, &encryption_nonce, |a| {
        nonce_challenge(identifier_hash, a, &alpha, &c1)
    });
    HashedCiphertext {
        c0: alpha,
        c1,
        proof,
    }
}

/// Checks the Schnorr proof C_{ξ_B,2} of an encrypted ballot nonce: a_B = g^{v_B} · C0^{c_B}
/// and c_B = H_q(H_I; 0x23, a_B, C0, C1) (equation 38, §3.6.7), and that C1 has 32 bytes.
///
/// Fails at [`BALLOT_NONCE_PROOF_CHECK`] (`S6.ballot-nonce-proof`, a check of scrutin's own) at `location`:
/// `Malformed` for a C1 of another length, `ChallengeMismatch` for an invalid proof.
pub fn verify_ballot_nonce_proof<P: ParameterSet>(
    identifier_hash: &HValue,
    ciphertext: &HashedCiphertext<P>,
    location: Location,
) -> Result<(), VerifyError> {
    let check = Check::new(BALLOT_NONCE_PROOF_CHECK, location);
    if ciphertext.c1.len() != C1_LEN {
        return Err(check.fail(Reason::Malformed(format!(
            "the encrypted ballot nonce has {} bytes, expected {C1_LEN}",
            ciphertext.c1.len()
        ))));
    }
    ciphertext.proof.verify(
        &ciphertext.c0,
        |a| nonce_challenge(identifier_hash, a, &ciphertext.c0, &ciphertext.c1),
        &check,
    )
}

/// Decrypts an encrypted ballot nonce given β_B = C0^ŝ, the combination of the guardians'
/// partial decryptions (equations 107–108): h = H(H_I; 0x22, C0, β_B), k_1 as in equation 36,
/// ξ_B = C1 ⊕ k_1 (§3.6.7).
///
/// Returns `None` if C1 does not have 32 bytes. A wrong β_B yields a wrong nonce, which the
/// caller detects when the derived nonces do not reproduce the ballot's ciphertexts
/// ([`super::EncryptedBallot::open_with_nonce`]). The guardians must check the proof
/// ([`verify_ballot_nonce_proof`]) before decrypting.
pub fn decrypt_ballot_nonce<P: ParameterSet>(
    identifier_hash: &HValue,
    ciphertext: &HashedCiphertext<P>,
    beta: &Element<P>,
) -> Option<BallotNonce> {
    if ciphertext.c1.len() != C1_LEN {
        return None;
    }
    let pad = nonce_pad(identifier_hash, &ciphertext.c0, beta);
    let plain = xor_blocks(&ciphertext.c1, std::slice::from_ref(&pad))?;
    BallotNonce::from_secret_bytes(&plain)
}
