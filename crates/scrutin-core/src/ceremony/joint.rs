//! The values computed from all guardians' public records: the joint keys (equations 25–26,
//! Verification 3), the guardian record hash (equation 27), and the powers of commitments of
//! equation 14 that share verification (equations 28–29) and decryption (equation 94) use.

use super::{GuardianPublicKey, KeyKind};
use crate::group::{Element, ParameterSet};
use crate::hash::{domain, h, HValue, HashInput};
use crate::step::v2_1::{V3_A, V3_B};
use crate::verify_error::{Location, Reason, Step, VerifyError};

/// ∏_{j=0}^{k−1} K_j^(x^j) mod p = g^{P(x)} for commitments K_j = g^{a_j} to the coefficients of
/// P (equation 14): what any party can compute of a guardian's polynomial at a public point x.
///
/// Evaluated by Horner's rule in the exponent, (…(K_{k−1}^x · K_{k−2})^x · …)^x · K_0, so that
/// every exponentiation has the small exponent x (Note 3.3). Inputs are public; the time taken
/// depends only on k. An empty list gives 1.
pub fn commitment_power<P: ParameterSet>(commitments: &[Element<P>], x: u32) -> Element<P> {
    commitments
        .iter()
        .rev()
        .fold(Element::one(), |acc, commitment| {
            acc.pow_u64(u64::from(x)).mul(commitment)
        })
}

/// g^{P(i)} = ∏_{j=1}^{n} ∏_{m=0}^{k−1} K_{j,m}^(i^m) mod p (equations 14 and 94; with K̂ for
/// `KeyKind::Data`): the public counterpart of guardian i's key share z_i (or ẑ_i), against
/// which its partial decryptions are checked.
pub fn public_key_share<P: ParameterSet>(
    keys: &[GuardianPublicKey<P>],
    index: u32,
    kind: KeyKind,
) -> Element<P> {
    let commitments: Vec<&[Element<P>]> = keys.iter().map(|key| key.commitments(kind)).collect();
    crate::decryption::share_public_key(index, &commitments)
}

/// The joint keys K = ∏ K_i (equation 25) and K̂ = ∏ K̂_i (equation 26), K_i = K_{i,0}.
///
/// Fails at Verification 3.A (`Location::Election`) for an empty list, and at 3.A or 3.B with
/// `Location::Guardian(i)` for a guardian without commitments (which Verification 2 rejects).
pub fn joint_keys<P: ParameterSet>(
    keys: &[GuardianPublicKey<P>],
) -> Result<(Element<P>, Element<P>), VerifyError> {
    if keys.is_empty() {
        return Err(VerifyError::new(
            V3_A,
            Location::Election,
            Reason::Malformed("no guardian public keys".to_string()),
        ));
    }
    let product = |kind: KeyKind, step: Step| {
        keys.iter().try_fold(Element::one(), |acc, key| {
            key.key(kind).map(|k| acc.mul(k)).ok_or_else(|| {
                VerifyError::new(
                    step,
                    Location::Guardian(key.index),
                    Reason::Malformed(format!("no commitments to the {kind} coefficients")),
                )
            })
        })
    };
    Ok((product(KeyKind::Vote, V3_A)?, product(KeyKind::Data, V3_B)?))
}

/// Verification 3: K = ∏ K_i (3.A) and K̂ = ∏ K̂_i (3.B), reported at `Location::Election`.
pub fn verify_joint_keys<P: ParameterSet>(
    keys: &[GuardianPublicKey<P>],
    vote_key: &Element<P>,
    data_key: &Element<P>,
) -> Result<(), VerifyError> {
    let (expected_vote, expected_data) = joint_keys(keys)?;
    if &expected_vote != vote_key {
        return Err(VerifyError::new(
            V3_A,
            Location::Election,
            Reason::Mismatch("the joint vote encryption key K"),
        ));
    }
    if &expected_data != data_key {
        return Err(VerifyError::new(
            V3_B,
            Location::Election,
            Reason::Mismatch("the joint ballot data encryption key K̂"),
        ));
    }
    Ok(())
}

/// The input of H_G (§5.5.2): 0x13 ∥ K ∥ K̂ ∥ all K_{i,j} (i = 1..n, then j = 0..k−1) ∥ all
/// K̂_{i,j} in the same order ∥ κ_1 … κ_n. Guardians are taken in order of their index.
pub(super) fn guardian_record_input<P: ParameterSet>(
    vote_key: &Element<P>,
    data_key: &Element<P>,
    keys: &[GuardianPublicKey<P>],
) -> HashInput {
    let mut ordered: Vec<&GuardianPublicKey<P>> = keys.iter().collect();
    ordered.sort_by_key(|key| key.index);
    let input = HashInput::new(domain::GUARDIAN_RECORD)
        .element(vote_key)
        .element(data_key);
    let input = ordered
        .iter()
        .fold(input, |acc, key| acc.elements(&key.vote_commitments));
    let input = ordered
        .iter()
        .fold(input, |acc, key| acc.elements(&key.data_commitments));
    ordered
        .iter()
        .fold(input, |acc, key| acc.element(&key.communication_key))
}

/// The guardian record hash H_G = H(H_B; 0x13, K, K̂, K_{1,0}, …, K_{n,k−1}, K̂_{1,0}, …,
/// K̂_{n,k−1}, κ_1, …, κ_n) (equation 27, layout of §5.5.2), by which each guardian compares the
/// preliminary guardian record with its own view. `keys` may be in any order; they are hashed
/// in order of their index.
pub fn guardian_record_hash<P: ParameterSet>(
    base_hash: &HValue,
    vote_key: &Element<P>,
    data_key: &Element<P>,
    keys: &[GuardianPublicKey<P>],
) -> HValue {
    h(base_hash, &guardian_record_input(vote_key, data_key, keys))
}
