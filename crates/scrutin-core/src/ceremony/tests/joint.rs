//! Joint keys (Verification 3), the guardian record hash (equation 27) and commitment powers
//! (equation 14).

use super::*;
use crate::group::{SecretScalar, Toy256};
use crate::step::v2_1::{V3_A, V3_B};
use crate::verify_error::{Location, Reason};
use proptest::prelude::*;

#[test]
fn joint_keys_are_products_of_first_commitments() {
    let s = setup::<Toy256>(3, 2, 40);
    let (vote_key, data_key) = joint_keys(&s.keys).unwrap();
    let expected = s
        .keys
        .iter()
        .fold(Element::one(), |acc, k| acc.mul(&k.vote_commitments[0]));
    assert_eq!(vote_key, expected);
    let expected = s
        .keys
        .iter()
        .fold(Element::one(), |acc, k| acc.mul(&k.data_commitments[0]));
    assert_eq!(data_key, expected);
}

#[test]
fn verification_3_names_the_wrong_key() {
    let s = setup::<Toy256>(3, 2, 41);
    let (vote_key, data_key) = joint_keys(&s.keys).unwrap();
    let error = verify_joint_keys(&s.keys, &other(&vote_key), &data_key).unwrap_err();
    assert_eq!((error.step, error.location), (V3_A, Location::Election));
    let error = verify_joint_keys(&s.keys, &vote_key, &other(&data_key)).unwrap_err();
    assert_eq!((error.step, error.location), (V3_B, Location::Election));
    // A guardian missing from the list changes K.
    assert!(verify_joint_keys(&s.keys[..2], &vote_key, &data_key).is_err());
}

#[test]
fn joint_keys_refuse_empty_input() {
    assert!(joint_keys::<Toy256>(&[]).is_err());
    let s = setup::<Toy256>(2, 1, 42);
    let mut keys = s.keys.clone();
    keys[1].data_commitments.clear();
    let error = joint_keys(&keys).unwrap_err();
    assert_eq!(
        (error.step, error.location.clone()),
        (V3_B, Location::Guardian(2))
    );
    assert!(matches!(error.reason, Reason::Malformed(_)));
}

#[test]
fn guardian_record_hash_layout() {
    let s = setup::<Toy256>(3, 2, 43);
    let (vote_key, data_key) = joint_keys(&s.keys).unwrap();
    let (n, k, lp) = (3, 2, 32);
    let input = super::super::joint::guardian_record_input(&vote_key, &data_key, &s.keys);
    // §5.5.2: len(B1) = 1 + (2 + 2nk + n)·l_p.
    assert_eq!(input.as_bytes().len(), 1 + (2 + 2 * n * k + n) * lp);
    let mut expected = vec![0x13];
    let elements = [&vote_key, &data_key]
        .into_iter()
        .chain(s.keys.iter().flat_map(|g| &g.vote_commitments))
        .chain(s.keys.iter().flat_map(|g| &g.data_commitments))
        .chain(s.keys.iter().map(|g| &g.communication_key));
    for x in elements {
        expected.extend_from_slice(&x.to_bytes());
    }
    assert_eq!(input.as_bytes(), &expected[..]);
    let base = HValue([3; 32]);
    let hg = guardian_record_hash(&base, &vote_key, &data_key, &s.keys);
    assert_eq!(hg, crate::hash::hmac_sha256(&base.0, &expected));
    // The order of the list does not matter; every value does.
    let mut reversed = s.keys.clone();
    reversed.reverse();
    assert_eq!(
        guardian_record_hash(&base, &vote_key, &data_key, &reversed),
        hg
    );
    let mut changed = s.keys.clone();
    changed[2].communication_key = other(&changed[2].communication_key);
    assert_ne!(
        guardian_record_hash(&base, &vote_key, &data_key, &changed),
        hg
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// ∏ K_j^(x^j) = g^{P(x)} (equation 14).
    #[test]
    fn commitment_power_is_g_to_the_evaluation(
        coefficients in proptest::collection::vec(any::<u64>(), 0..6),
        x in 0u32..1000,
    ) {
        let a: Vec<Scalar<Toy256>> =
            coefficients.iter().map(|c| Scalar::from_u64(*c)).collect();
        let commitments: Vec<Element<Toy256>> = a.iter().map(Element::g_pow).collect();
        let x_q = Scalar::from_u64(u64::from(x));
        let value = a.iter().rev().fold(Scalar::zero(), |acc, c| acc.mul(&x_q).add(c));
        prop_assert_eq!(commitment_power(&commitments, x), Element::g_pow(&value));
    }
}

#[test]
fn secret_evaluation_matches_commitments() {
    let s = setup::<Toy256>(4, 3, 44);
    for ell in 1..=4 {
        let value: SecretScalar<Toy256> = s.secret(2).evaluate(KeyKind::Vote, ell);
        assert_eq!(
            value.g_pow(),
            commitment_power(&s.key(2).vote_commitments, ell)
        );
    }
}
