//! Encryption of key shares between guardians (§3.2.2, "Share encryption", equations 15–22)
//! and their decryption and verification by the recipient ("Share decryption", equation 23;
//! "Share verification", item 4, equations 28–29).
//!
//! C1 always has 64 bytes: the specification encodes each share as b(P_i(ℓ), 32), i.e. at 32
//! bytes regardless of l_q (equation 21, one KDF block per share). For the standard
//! parameters that is l_q; for the toy sets, whose q is shorter, the share is padded with
//! leading zero bytes, and decryption requires that padding to be zero.

use super::key_share::ReceivedShare;
use super::secrets::check_index;
use super::{commitment_power, CeremonyError, GuardianPublicKey, GuardianSecrets, KeyKind};
use super::{SHARE_PROOF_CHECK, SHARE_VALUE_CHECK};
use crate::group::{Element, ParameterSet, Scalar, SecretScalar};
use crate::hash::{domain, h, hq, HValue, HashInput};
use crate::hashed_elgamal::{kdf_block, xor_blocks, HashedCiphertext};
use crate::proofs::{Check, SchnorrProof};
use crate::verify_error::{Location, Reason, VerifyError};
use rand_core::{CryptoRng, RngCore};
use zeroize::{Zeroize, Zeroizing};

/// The KDF label b("share_enc_keys", 14) of equations 17–18 (underscores: see
/// [`KeyKind::proof_label`] on how the PDF renders them).
const LABEL: &[u8] = b"share_enc_keys";
/// The first part of the KDF context, b("share_encrypt", 13).
const CONTEXT: &[u8] = b"share_encrypt";
/// The output length of the KDF, 512 bits, as two bytes (0x0200).
const OUTPUT_BITS: [u8; 2] = [0x02, 0x00];
/// The width of one encoded share in C1.
const SHARE_WIDTH: usize = 32;
/// The length of C1: two shares.
const C1_LEN: usize = 2 * SHARE_WIDTH;

/// The share E_ℓ(P_i(ℓ), P̂_i(ℓ)) = (C_{i,ℓ,0}, C_{i,ℓ,1}, C_{i,ℓ,2}) that guardian i = `from`
/// sends to guardian ℓ = `to` (equation 19).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncryptedShare<P: ParameterSet> {
    /// The sender i.
    pub from: u32,
    /// The recipient ℓ.
    pub to: u32,
    /// C0 = α_{i,ℓ} (equation 20), C1 (equation 21, 64 bytes), C2 = (c̄_{i,ℓ}, v̄_{i,ℓ}).
    pub ciphertext: HashedCiphertext<P>,
}

/// The two KDF blocks k_{i,ℓ,1} and k_{i,ℓ,2} (equations 16–18), from the shared secret
/// β_{i,ℓ} = κ_ℓ^{ξ_{i,ℓ}} = α_{i,ℓ}^{ζ_ℓ}.
fn share_pads<P: ParameterSet>(
    parameter_hash: &HValue,
    from: u32,
    to: u32,
    recipient_key: &Element<P>,
    alpha: &Element<P>,
    beta: &Element<P>,
) -> [Zeroizing<[u8; 32]>; 2] {
    // Equation 16: k_{i,ℓ} = H(H_P; 0x11, i, ℓ, κ_ℓ, α_{i,ℓ}, β_{i,ℓ}).
    let input = HashInput::new(domain::SHARE_KEY)
        .u32(from)
        .u32(to)
        .element(recipient_key)
        .element(alpha)
        .element(beta);
    let mut key = h(parameter_hash, &input);
    let mut context = Vec::with_capacity(CONTEXT.len() + 8);
    context.extend_from_slice(CONTEXT);
    context.extend_from_slice(&from.to_be_bytes());
    context.extend_from_slice(&to.to_be_bytes());
    // Equations 17 and 18: counter 0x01 and 0x02.
    let pads = [
        kdf_block(&key, &[0x01], LABEL, &context, &OUTPUT_BITS),
        kdf_block(&key, &[0x02], LABEL, &context, &OUTPUT_BITS),
    ];
    key.0.zeroize();
    pads
}

/// c̄_{i,ℓ} = H_q(H_P; 0x12, i, ℓ, γ_{i,ℓ}, C_{i,ℓ,0}, C_{i,ℓ,1}), equation 22.
fn share_challenge<P: ParameterSet>(
    parameter_hash: &HValue,
    from: u32,
    to: u32,
    gamma: &Element<P>,
    c0: &Element<P>,
    c1: &[u8],
) -> Scalar<P> {
    let input = HashInput::new(domain::SHARE_PROOF)
        .u32(from)
        .u32(to)
        .element(gamma)
        .element(c0)
        .fixed(c1);
    hq(parameter_hash, &input)
}

/// b(x, 32): the secret at l_q bytes, padded with leading zeros to 32 (see the module
/// documentation). Appends to `out`.
fn encode_share<P: ParameterSet>(
    value: &SecretScalar<P>,
    out: &mut Zeroizing<Vec<u8>>,
) -> Result<(), CeremonyError> {
    let bytes = value.to_secret_bytes();
    let padding = SHARE_WIDTH
        .checked_sub(bytes.len())
        .ok_or(CeremonyError::UnsupportedGroup)?;
    out.extend(std::iter::repeat_n(0u8, padding));
    out.extend_from_slice(&bytes);
    Ok(())
}

/// Reads b(x, 32) back: the padding must be zero and x < q. Returns `None` otherwise.
fn decode_share<P: ParameterSet>(bytes: &[u8]) -> Option<SecretScalar<P>> {
    let padding = SHARE_WIDTH.checked_sub(P::group().q_bytes())?;
    let (zeros, value) = bytes.split_at_checked(padding)?;
    // A variable-time test is fine here: for a genuine share the padding is always zero, so
    // its timing reveals nothing; a non-zero padding is reported as an error anyway.
    if zeros.iter().any(|b| *b != 0) {
        return None;
    }
    SecretScalar::decode_ct(value).ok()
}

impl<P: ParameterSet> EncryptedShare<P> {
    /// The recipient's check of the Schnorr proof C_{i,ℓ,2} (§3.2.2, "Share decryption"):
    /// γ_{i,ℓ} = g^{v̄} · C_{i,ℓ,0}^{c̄} and c̄ = H_q(H_P; 0x12, i, ℓ, γ_{i,ℓ}, C_{i,ℓ,0}, C_{i,ℓ,1})
    /// (equation 22). Fails at [`SHARE_PROOF_CHECK`] with `Location::Share { from, to }`:
    /// `Malformed` if C1 does not have 64 bytes, `ChallengeMismatch` if the proof is invalid.
    pub fn verify_proof(&self, parameter_hash: &HValue) -> Result<(), VerifyError> {
        let check = Check::new(
            SHARE_PROOF_CHECK,
            Location::Share {
                from: self.from,
                to: self.to,
            },
        );
        let ciphertext = &self.ciphertext;
        if ciphertext.c1.len() != C1_LEN {
            return Err(check.fail(Reason::Malformed(format!(
                "C1 has {} bytes, expected {C1_LEN}",
                ciphertext.c1.len()
            ))));
        }
        ciphertext.proof.verify(
            &ciphertext.c0,
            |gamma| {
                share_challenge(
                    parameter_hash,
                    self.from,
                    self.to,
                    gamma,
                    &ciphertext.c0,
                    &ciphertext.c1,
                )
            },
            &check,
        )
    }
}

impl<P: ParameterSet> GuardianSecrets<P> {
    /// Encrypts this guardian's shares P_i(ℓ) and P̂_i(ℓ) for `recipient` G_ℓ under its
    /// communication key κ_ℓ (§3.2.2, equations 15–22), with a fresh nonce ξ_{i,ℓ}.
    ///
    /// The recipient's public key should have passed Verification 2 first (it proves that G_ℓ
    /// knows ζ_ℓ). Fails if ℓ is not in 1..=n or is this guardian's own index.
    pub fn encrypt_share_for<R: RngCore + CryptoRng>(
        &self,
        rng: &mut R,
        parameter_hash: &HValue,
        recipient: &GuardianPublicKey<P>,
    ) -> Result<EncryptedShare<P>, CeremonyError> {
        let (from, to) = (self.index(), recipient.index);
        check_index(to, self.counts())?;
        if to == from {
            return Err(CeremonyError::InvalidIndex {
                index: to,
                n: self.counts().n,
            });
        }
        let mut plaintext = Zeroizing::new(Vec::with_capacity(C1_LEN));
        encode_share(&self.evaluate(KeyKind::Vote, to), &mut plaintext)?;
        encode_share(&self.evaluate(KeyKind::Data, to), &mut plaintext)?;
        // Equation 15: (α, β) = (g^ξ, κ_ℓ^ξ).
        let nonce = SecretScalar::random(rng);
        let alpha = nonce.g_pow();
        let beta = nonce.pow_of(&recipient.communication_key);
        let pads = share_pads(
            parameter_hash,
            from,
            to,
            &recipient.communication_key,
            &alpha,
            &beta,
        );
        // Equation 21; the lengths agree by construction, so the error is unreachable.
        let c1 = xor_blocks(&plaintext, &pads)
            .ok_or(CeremonyError::UnsupportedGroup)?
            .to_vec();
        // Equation 22: a Schnorr proof of knowledge of ξ, bound to C0 and C1.
        let proof = SchnorrProof::prove(rng, &nonce, |gamma| {
            share_challenge(parameter_hash, from, to, gamma, &alpha, &c1)
        });
        Ok(EncryptedShare {
            from,
            to,
            ciphertext: HashedCiphertext {
                c0: alpha,
                c1,
                proof,
            },
        })
    }

    /// Receives the share `share` from `sender` (§3.2.2): checks that it is addressed from
    /// `sender` to this guardian, verifies its proof ([`EncryptedShare::verify_proof`]),
    /// decrypts it with ζ_ℓ (equation 23), and checks both values against the sender's
    /// commitments, g^{P_i(ℓ)} = ∏_j K_{i,j}^{ℓ^j} (equation 28) and likewise for P̂_i(ℓ)
    /// (equation 29).
    ///
    /// The sender's public key should have passed Verification 2. Value failures are reported
    /// at [`SHARE_VALUE_CHECK`] with `Location::Share { from, to }`: `Malformed` if the sender
    /// has other than k commitments, `NotInZq` if a decrypted share is not an encoded element
    /// of Z_q, `Mismatch` naming the equation that fails.
    pub fn decrypt_share(
        &self,
        parameter_hash: &HValue,
        sender: &GuardianPublicKey<P>,
        share: &EncryptedShare<P>,
    ) -> Result<ReceivedShare<P>, CeremonyError> {
        let (from, to) = (sender.index, self.index());
        if share.from != from || share.to != to {
            return Err(CeremonyError::Misaddressed {
                from: share.from,
                to: share.to,
                expected_from: from,
                expected_to: to,
            });
        }
        if from == to {
            return Err(CeremonyError::InvalidIndex {
                index: from,
                n: self.counts().n,
            });
        }
        share.verify_proof(parameter_hash)?;
        let check = Check::new(SHARE_VALUE_CHECK, Location::Share { from, to });
        let k = self.coefficients(KeyKind::Vote).len();
        for kind in [KeyKind::Vote, KeyKind::Data] {
            let found = sender.commitments(kind).len();
            if found != k {
                return Err(check
                    .fail(Reason::Malformed(format!(
                        "the sender has {found} commitments to its {kind} coefficients, expected k = {k}"
                    )))
                    .into());
            }
        }
        let alpha = &share.ciphertext.c0;
        let beta = self.communication_secret().pow_of(alpha);
        let own_key = self.communication_secret().g_pow();
        let pads = share_pads(parameter_hash, from, to, &own_key, alpha, &beta);
        let plaintext = xor_blocks(&share.ciphertext.c1, &pads).ok_or_else(|| {
            check.fail(Reason::Malformed(format!(
                "C1 does not have {C1_LEN} bytes"
            )))
        })?;
        let (vote_bytes, data_bytes) = plaintext.split_at(SHARE_WIDTH.min(plaintext.len()));
        let vote = decode_share(vote_bytes).ok_or_else(|| check.fail(Reason::NotInZq("P_i(ℓ)")))?;
        let data = decode_share(data_bytes).ok_or_else(|| check.fail(Reason::NotInZq("P̂_i(ℓ)")))?;
        if vote.g_pow() != commitment_power(&sender.vote_commitments, to) {
            return Err(check
                .fail(Reason::Mismatch(
                    "g^P_i(ℓ) against ∏_j K_i,j^(ℓ^j) (equation 28)",
                ))
                .into());
        }
        if data.g_pow() != commitment_power(&sender.data_commitments, to) {
            return Err(check
                .fail(Reason::Mismatch(
                    "g^P̂_i(ℓ) against ∏_j K̂_i,j^(ℓ^j) (equation 29)",
                ))
                .into());
        }
        Ok(ReceivedShare::new(from, to, vote, data))
    }
}
