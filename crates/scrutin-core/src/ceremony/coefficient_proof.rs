//! The compact proof of knowledge of a guardian's k polynomial coefficients and its
//! communication secret (§3.2.2, equations 10–13; Verification 2).

use super::KeyKind;
use crate::group::{Element, ParameterSet, Scalar, SecretScalar};
use crate::hash::{domain, hq, HValue, HashInput};
use crate::step::v2_1::{V2_A, V2_B, V2_C};
use crate::verify_error::{Location, Reason, VerifyError};
use rand_core::{CryptoRng, RngCore};

/// The proof (c_i, v_{i,0}, …, v_{i,k}): k + 1 Schnorr proofs sharing one challenge. For
/// j < k the response v_{i,j} answers for the coefficient a_{i,j} (or â_{i,j}) behind K_{i,j};
/// the last, v_{i,k}, answers for ζ_i behind κ_i.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoefficientProof<P: ParameterSet> {
    /// The challenge c_i (or ĉ_i).
    pub challenge: Scalar<P>,
    /// The responses v_{i,0}, …, v_{i,k}: k + 1 entries.
    pub responses: Vec<Scalar<P>>,
}

/// c_i = H_q(H_P; 0x10, label, i, K_{i,0..k−1}, κ_i, h_{i,0..k}), equations 11 and 13, with the
/// byte layout of §5.5.2: the label enters as its 7 bytes, without a length.
fn challenge<P: ParameterSet>(
    parameter_hash: &HValue,
    kind: KeyKind,
    index: u32,
    commitments: &[Element<P>],
    communication_key: &Element<P>,
    h_values: &[Element<P>],
) -> Scalar<P> {
    let input = HashInput::new(domain::GUARDIAN_PROOF)
        .fixed(kind.proof_label())
        .u32(index)
        .elements(commitments)
        .element(communication_key)
        .elements(h_values);
    hq(parameter_hash, &input)
}

impl<P: ParameterSet> CoefficientProof<P> {
    /// Proves knowledge of `coefficients` (a_{i,j} with K_{i,j} = g^{a_{i,j}}) and of
    /// `communication` (ζ_i with κ_i = g^{ζ_i}), equations 10–11 (vote) or 12–13 (data).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn prove<R: RngCore + CryptoRng>(
        rng: &mut R,
        kind: KeyKind,
        parameter_hash: &HValue,
        index: u32,
        coefficients: &[SecretScalar<P>],
        communication: &SecretScalar<P>,
        commitments: &[Element<P>],
        communication_key: &Element<P>,
    ) -> Self {
        let witnesses: Vec<&SecretScalar<P>> = coefficients
            .iter()
            .chain(std::iter::once(communication))
            .collect();
        // Equation 10: one nonce u_{i,j} per witness, committed as h_{i,j} = g^{u_{i,j}}.
        let nonces: Vec<SecretScalar<P>> = witnesses
            .iter()
            .map(|_| SecretScalar::random(rng))
            .collect();
        let h_values: Vec<Element<P>> = nonces.iter().map(SecretScalar::g_pow).collect();
        let c = challenge(
            parameter_hash,
            kind,
            index,
            commitments,
            communication_key,
            &h_values,
        );
        let responses = nonces
            .iter()
            .zip(witnesses)
            .map(|(u, x)| u.response(&c, x))
            .collect();
        CoefficientProof {
            challenge: c,
            responses,
        }
    }

    /// Verification 2.A and 2.B for the shape of one proof: k commitments (their membership in
    /// Z_p^r holds for any decoded [`Element`]) and k + 1 responses (their range holds for any
    /// [`Scalar`]).
    pub fn check_shape(
        &self,
        kind: KeyKind,
        index: u32,
        commitments: &[Element<P>],
        k: u32,
    ) -> Result<(), VerifyError> {
        let location = Location::Guardian(index);
        let expected = usize::try_from(k).unwrap_or(usize::MAX);
        if commitments.len() != expected {
            return Err(VerifyError::new(
                V2_A,
                location,
                Reason::Malformed(format!(
                    "{} commitments to the {kind} coefficients, expected k = {k}",
                    commitments.len()
                )),
            ));
        }
        if self.responses.len() != expected.saturating_add(1) {
            return Err(VerifyError::new(
                V2_B,
                location,
                Reason::Malformed(format!(
                    "{} responses in the {kind} coefficient proof, expected k + 1 = {}",
                    self.responses.len(),
                    u64::from(k) + 1
                )),
            ));
        }
        Ok(())
    }

    /// Verification 2 for one of guardian i's two proofs: checks the shape (2.A, 2.B, see
    /// [`CoefficientProof::check_shape`]), recomputes h_{i,j} = g^{v_{i,j}} · K_{i,j}^{c_i} and
    /// h_{i,k} = g^{v_{i,k}} · κ_i^{c_i} (2.1–2.4), and checks the challenge (2.C).
    pub fn verify(
        &self,
        kind: KeyKind,
        parameter_hash: &HValue,
        index: u32,
        commitments: &[Element<P>],
        communication_key: &Element<P>,
        k: u32,
    ) -> Result<(), VerifyError> {
        self.check_shape(kind, index, commitments, k)?;
        let c = &self.challenge;
        let bases = commitments.iter().chain(std::iter::once(communication_key));
        let h_values: Vec<Element<P>> = self
            .responses
            .iter()
            .zip(bases)
            .map(|(v, base)| Element::g_pow(v).mul(&base.pow(c)))
            .collect();
        if challenge(
            parameter_hash,
            kind,
            index,
            commitments,
            communication_key,
            &h_values,
        ) == *c
        {
            Ok(())
        } else {
            Err(VerifyError::new(
                V2_C,
                Location::Guardian(index),
                Reason::ChallengeMismatch,
            ))
        }
    }
}
