//! Share encryption, decryption and verification (equations 15–23, 28–29).

use super::*;
use crate::group::{Toy16, Toy256};
use crate::step::own::SHARE_VALUE_CHECK;
use crate::verify_error::{Location, Reason, VerifyError};

fn verify_error(result: Result<ReceivedShare<Toy256>, CeremonyError>) -> VerifyError {
    match result {
        Err(CeremonyError::Verify(error)) => error,
        Err(other) => panic!("expected a verification error, got {other}"),
        Ok(_) => panic!("expected a verification error, got a share"),
    }
}

fn assert_proof_fails(result: Result<ReceivedShare<Toy256>, CeremonyError>, from: u32, to: u32) {
    let error = verify_error(result);
    assert_eq!(error.step, SHARE_PROOF_CHECK, "{error}");
    assert_eq!(error.location, Location::Share { from, to });
    assert_eq!(error.reason, Reason::ChallengeMismatch);
}

#[test]
fn honest_share_verifies_and_decrypts() {
    let mut s = setup::<Toy256>(5, 3, 10);
    let share = s.share(1, 2);
    assert_eq!(share.ciphertext.c1.len(), 64);
    share.verify_proof(&s.hp).unwrap();
    let received = s.secret(2).decrypt_share(&s.hp, s.key(1), &share).unwrap();
    assert_eq!((received.from(), received.to()), (1, 2));
}

#[test]
fn toy_shares_are_padded_to_32_bytes() {
    // q of Toy16 has one byte; each share still occupies a 32-byte block of C1.
    let mut s = setup::<Toy16>(3, 2, 11);
    let share = s.share(3, 1);
    assert_eq!(share.ciphertext.c1.len(), 64);
    s.secret(1).decrypt_share(&s.hp, s.key(3), &share).unwrap();
}

#[test]
fn c1_bit_flips_fail_the_proof() {
    let mut s = setup::<Toy256>(5, 3, 12);
    let share = s.share(4, 1);
    for bit in [0usize, 7, 255, 256, 511] {
        let mut tampered = share.clone();
        tampered.ciphertext.c1[bit / 8] ^= 1 << (bit % 8);
        assert_eq!(
            tampered.verify_proof(&s.hp).unwrap_err().step,
            SHARE_PROOF_CHECK
        );
        assert_proof_fails(s.secret(1).decrypt_share(&s.hp, s.key(4), &tampered), 4, 1);
    }
}

#[test]
fn tampered_c0_and_proof_fail_the_proof() {
    let mut s = setup::<Toy256>(5, 3, 13);
    let share = s.share(2, 3);
    let mut tampered = share.clone();
    tampered.ciphertext.c0 = other(&tampered.ciphertext.c0);
    assert_proof_fails(s.secret(3).decrypt_share(&s.hp, s.key(2), &tampered), 2, 3);
    let mut tampered = share.clone();
    tampered.ciphertext.proof.response = bump(&tampered.ciphertext.proof.response);
    assert_proof_fails(s.secret(3).decrypt_share(&s.hp, s.key(2), &tampered), 2, 3);
    let mut tampered = share.clone();
    tampered.ciphertext.proof.challenge = bump(&tampered.ciphertext.proof.challenge);
    assert_proof_fails(s.secret(3).decrypt_share(&s.hp, s.key(2), &tampered), 2, 3);
}

#[test]
fn wrong_c1_length_is_malformed() {
    let mut s = setup::<Toy256>(3, 2, 14);
    let mut share = s.share(1, 2);
    share.ciphertext.c1.push(0);
    let error = verify_error(s.secret(2).decrypt_share(&s.hp, s.key(1), &share));
    assert_eq!(error.step, SHARE_PROOF_CHECK);
    assert!(matches!(error.reason, Reason::Malformed(_)));
}

#[test]
fn relabelled_share_fails_the_proof() {
    // A share for guardian 2 relabelled as one for guardian 3: i and ℓ enter equation 22.
    let mut s = setup::<Toy256>(5, 3, 15);
    let mut share = s.share(1, 2);
    share.to = 3;
    assert_proof_fails(s.secret(3).decrypt_share(&s.hp, s.key(1), &share), 1, 3);
}

#[test]
fn misaddressed_shares_are_refused() {
    let mut s = setup::<Toy256>(5, 3, 16);
    let share = s.share(1, 2);
    let wrong_recipient = s.secret(3).decrypt_share(&s.hp, s.key(1), &share);
    assert!(matches!(
        wrong_recipient,
        Err(CeremonyError::Misaddressed {
            from: 1,
            to: 2,
            expected_from: 1,
            expected_to: 3
        })
    ));
    let wrong_sender = s.secret(2).decrypt_share(&s.hp, s.key(4), &share);
    assert!(matches!(
        wrong_sender,
        Err(CeremonyError::Misaddressed {
            from: 1,
            to: 2,
            expected_from: 4,
            expected_to: 2
        })
    ));
}

#[test]
fn shares_to_self_or_outside_are_refused() {
    let mut s = setup::<Toy256>(3, 2, 17);
    let own = s.key(1).clone();
    let result = s.secrets[0].encrypt_share_for(&mut s.rng, &s.hp, &own);
    assert!(matches!(
        result,
        Err(CeremonyError::InvalidIndex { index: 1, n: 3 })
    ));
    let mut outsider = s.key(2).clone();
    outsider.index = 4;
    let result = s.secrets[0].encrypt_share_for(&mut s.rng, &s.hp, &outsider);
    assert!(matches!(
        result,
        Err(CeremonyError::InvalidIndex { index: 4, n: 3 })
    ));
}

#[test]
fn changed_commitment_fails_share_verification() {
    let mut s = setup::<Toy256>(5, 3, 18);
    let share = s.share(5, 2);
    for j in 0..3 {
        let mut sender = s.key(5).clone();
        sender.vote_commitments[j] = other(&sender.vote_commitments[j]);
        let error = verify_error(s.secret(2).decrypt_share(&s.hp, &sender, &share));
        assert_eq!(error.step, SHARE_VALUE_CHECK, "{error}");
        assert_eq!(error.location, Location::Share { from: 5, to: 2 });
        assert!(matches!(error.reason, Reason::Mismatch(what) if what.contains("equation 28")));
        let mut sender = s.key(5).clone();
        sender.data_commitments[j] = other(&sender.data_commitments[j]);
        let error = verify_error(s.secret(2).decrypt_share(&s.hp, &sender, &share));
        assert_eq!(error.step, SHARE_VALUE_CHECK);
        assert!(matches!(error.reason, Reason::Mismatch(what) if what.contains("equation 29")));
    }
    let mut sender = s.key(5).clone();
    sender.vote_commitments.pop();
    let error = verify_error(s.secret(2).decrypt_share(&s.hp, &sender, &share));
    assert_eq!(error.step, SHARE_VALUE_CHECK);
    assert!(matches!(error.reason, Reason::Malformed(_)));
}

#[test]
fn share_from_another_polynomial_fails_share_verification() {
    // A dishonest guardian 3 publishes a valid key for one polynomial but sends shares of
    // another: the proofs all pass, equation 28 does not.
    let mut s = setup::<Toy256>(5, 3, 19);
    let published = s.key(3).clone();
    published.verify(&s.hp, s.counts).unwrap();
    let other_secrets = GuardianSecrets::<Toy256>::generate(&mut s.rng, 3, s.counts).unwrap();
    let share = other_secrets
        .encrypt_share_for(&mut s.rng, &s.hp, &s.keys[0])
        .unwrap();
    share.verify_proof(&s.hp).unwrap();
    let error = verify_error(s.secret(1).decrypt_share(&s.hp, &published, &share));
    assert_eq!(error.step, SHARE_VALUE_CHECK);
    assert_eq!(error.location, Location::Share { from: 3, to: 1 });
    assert!(matches!(error.reason, Reason::Mismatch(_)));
    assert_eq!(error.step, SHARE_VALUE_CHECK);
}

#[test]
fn share_under_another_parameter_hash_fails() {
    let mut s = setup::<Toy256>(3, 2, 20);
    let share = s.share(2, 1);
    let hp = HValue([9; 32]);
    assert_proof_fails(s.secret(1).decrypt_share(&hp, s.key(2), &share), 2, 1);
}
