//! The challenge hashes of the ballot range proofs: one per option (§3.3.7, equation 59) and
//! one per contest for the selection limit (§3.3.8, equation 62).

use crate::elgamal::Ciphertext;
use crate::group::{Element, ParameterSet, Scalar};
use crate::hash::{domain, hq, HValue, HashInput};

/// The commitments (a_j, b_j), 0 ≤ j ≤ R, as [`crate::proofs::RangeProof`] passes them.
type Commitments<P> = [(Element<P>, Element<P>)];

/// Appends the commitments a_0, b_0, …, a_R, b_R in order.
fn with_commitments<P: ParameterSet>(input: HashInput, commitments: &Commitments<P>) -> HashInput {
    commitments
        .iter()
        .fold(input, |acc, (a, b)| acc.element(a).element(b))
}

/// c = H_q(H_I; 0x24, ind_c(Λ), ind_o(λ), α, β, a_0, b_0, …, a_R, b_R), equation 59
/// (Verification 6.3; §5.5.3, 9 + (2R + 4)·l_p bytes).
pub fn selection_challenge<P: ParameterSet>(
    identifier_hash: &HValue,
    contest: u32,
    option: u32,
    ciphertext: &Ciphertext<P>,
    commitments: &Commitments<P>,
) -> Scalar<P> {
    let input = HashInput::new(domain::RANGE_PROOF)
        .u32(contest)
        .u32(option)
        .element(&ciphertext.alpha)
        .element(&ciphertext.beta);
    hq(identifier_hash, &with_commitments(input, commitments))
}

/// c = H_q(H_I; 0x24, ind_c(Λ), ᾱ, β̄, a_0, b_0, …, a_L, b_L), equation 62 (Verification 7.5;
/// §5.5.3, 5 + (2L + 4)·l_p bytes).
pub fn contest_challenge<P: ParameterSet>(
    identifier_hash: &HValue,
    contest: u32,
    aggregate: &Ciphertext<P>,
    commitments: &Commitments<P>,
) -> Scalar<P> {
    let input = HashInput::new(domain::RANGE_PROOF)
        .u32(contest)
        .element(&aggregate.alpha)
        .element(&aggregate.beta);
    hq(identifier_hash, &with_commitments(input, commitments))
}
