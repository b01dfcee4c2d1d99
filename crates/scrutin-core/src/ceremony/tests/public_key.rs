//! Verification 2: honest public keys pass; each tampered value fails at the right step.

use super::*;
use crate::group::Toy256;
use crate::step::v2_1::{V2_A, V2_B, V2_C};
use crate::verify_error::{Location, Reason, Step};

fn assert_fails(
    key: &GuardianPublicKey<Toy256>,
    hp: &HValue,
    counts: GuardianCounts,
    step: Step,
    guardian: u32,
) -> Reason {
    let error = key.verify(hp, counts).expect_err("tampered key must fail");
    assert_eq!(error.step, step, "{error}");
    assert_eq!(error.location, Location::Guardian(guardian));
    error.reason
}

#[test]
fn honest_keys_verify() {
    let s = setup::<Toy256>(5, 3, 1);
    for key in &s.keys {
        key.verify(&s.hp, s.counts).unwrap();
        assert_eq!(key.vote_commitments.len(), 3);
        assert_eq!(key.vote_proof.responses.len(), 4);
        assert_eq!(key.data_proof.responses.len(), 4);
    }
}

#[test]
fn tampered_commitments_fail_2c() {
    let s = setup::<Toy256>(5, 3, 2);
    for j in 0..3 {
        let mut key = s.key(2).clone();
        key.vote_commitments[j] = other(&key.vote_commitments[j]);
        let reason = assert_fails(&key, &s.hp, s.counts, V2_C, 2);
        assert_eq!(reason, Reason::ChallengeMismatch);
        let mut key = s.key(4).clone();
        key.data_commitments[j] = other(&key.data_commitments[j]);
        assert_fails(&key, &s.hp, s.counts, V2_C, 4);
    }
}

#[test]
fn tampered_responses_fail_2c() {
    let s = setup::<Toy256>(5, 3, 3);
    for j in 0..=3 {
        let mut key = s.key(1).clone();
        key.vote_proof.responses[j] = bump(&key.vote_proof.responses[j]);
        assert_fails(&key, &s.hp, s.counts, V2_C, 1);
        let mut key = s.key(5).clone();
        key.data_proof.responses[j] = bump(&key.data_proof.responses[j]);
        assert_fails(&key, &s.hp, s.counts, V2_C, 5);
    }
}

#[test]
fn tampered_challenges_fail_2c() {
    let s = setup::<Toy256>(5, 3, 4);
    let mut key = s.key(3).clone();
    key.vote_proof.challenge = bump(&key.vote_proof.challenge);
    assert_fails(&key, &s.hp, s.counts, V2_C, 3);
    let mut key = s.key(3).clone();
    key.data_proof.challenge = bump(&key.data_proof.challenge);
    assert_fails(&key, &s.hp, s.counts, V2_C, 3);
}

#[test]
fn tampered_communication_key_fails_2c() {
    let s = setup::<Toy256>(5, 3, 5);
    let mut key = s.key(2).clone();
    key.communication_key = other(&key.communication_key);
    assert_fails(&key, &s.hp, s.counts, V2_C, 2);
    // Replacing κ by another guardian's (valid) κ fails too: the proofs bind it.
    let mut key = s.key(2).clone();
    key.communication_key = s.key(3).communication_key.clone();
    assert_fails(&key, &s.hp, s.counts, V2_C, 2);
}

#[test]
fn swapped_proofs_and_foreign_context_fail_2c() {
    let s = setup::<Toy256>(5, 3, 6);
    // The labels "pk_vote" and "pk_data" separate the two proofs.
    let mut key = s.key(1).clone();
    std::mem::swap(&mut key.vote_proof, &mut key.data_proof);
    std::mem::swap(&mut key.vote_commitments, &mut key.data_commitments);
    assert_fails(&key, &s.hp, s.counts, V2_C, 1);
    // Another index.
    let mut key = s.key(1).clone();
    key.index = 2;
    assert_fails(&key, &s.hp, s.counts, V2_C, 2);
    // Another H_P (other counts).
    let hp = parameter_base_hash::<Toy256>(GuardianCounts::new(6, 3).unwrap());
    assert_fails(s.key(1), &hp, GuardianCounts::new(6, 3).unwrap(), V2_C, 1);
}

#[test]
fn wrong_shapes_are_malformed() {
    let s = setup::<Toy256>(5, 3, 7);
    let malformed = |r: Reason| assert!(matches!(r, Reason::Malformed(_)), "{r:?}");
    let mut key = s.key(1).clone();
    key.vote_commitments.pop();
    malformed(assert_fails(&key, &s.hp, s.counts, V2_A, 1));
    let mut key = s.key(1).clone();
    key.data_commitments.push(Element::generator());
    malformed(assert_fails(&key, &s.hp, s.counts, V2_A, 1));
    let mut key = s.key(1).clone();
    key.vote_proof.responses.pop();
    malformed(assert_fails(&key, &s.hp, s.counts, V2_B, 1));
    let mut key = s.key(1).clone();
    key.data_proof.responses.push(Scalar::zero());
    malformed(assert_fails(&key, &s.hp, s.counts, V2_B, 1));
    for index in [0, 6] {
        let mut key = s.key(1).clone();
        key.index = index;
        malformed(assert_fails(&key, &s.hp, s.counts, V2_A, index));
    }
}

#[test]
fn challenge_input_follows_the_table() {
    // §5.5.2: len(B1) = 12 + 2(k + 1)·l_p; reproduce the hash by hand for guardian 1.
    let s = setup::<Toy256>(3, 2, 8);
    let key = s.key(1);
    let c = &key.vote_proof.challenge;
    let h: Vec<Element<Toy256>> = key
        .vote_proof
        .responses
        .iter()
        .zip(key.vote_commitments.iter().chain([&key.communication_key]))
        .map(|(v, base)| Element::g_pow(v).mul(&base.pow(c)))
        .collect();
    let mut bytes = vec![0x10];
    bytes.extend_from_slice(&[0x70, 0x6B, 0x5F, 0x76, 0x6F, 0x74, 0x65]);
    bytes.extend_from_slice(&1u32.to_be_bytes());
    for x in key
        .vote_commitments
        .iter()
        .chain([&key.communication_key])
        .chain(&h)
    {
        bytes.extend_from_slice(&x.to_bytes());
    }
    assert_eq!(bytes.len(), 12 + 2 * 3 * 32);
    let expected: Scalar<Toy256> =
        Scalar::from_bytes_reduced(&crate::hash::hmac_sha256(&s.hp.0, &bytes).0);
    assert_eq!(&expected, c);
}
