//! Tampering with each published value of a ballot fails exactly the expected step.

use super::*;
use crate::step::own::{
    BALLOT_NONCE_PROOF_CHECK, CONTEST_DATA_PROOF_CHECK, CONTEST_LIST_CHECK, OPTION_LIST_CHECK,
};
use crate::step::v2_1::{V5_B, V6_D, V7_D, V8_A, V8_B};
use crate::verify_error::{Location, Reason, Step, VerifyError};

/// Verifies a tampered copy of a fresh ballot and returns the first failure.
fn tampered(seed: u64, tamper: impl FnOnce(&mut EncryptedBallot<Toy256>)) -> VerifyError {
    let (election, _, mut ballot, _) = toy_ballot(seed);
    ballot.verify(&election.ctx, &specs()).unwrap();
    tamper(&mut ballot);
    ballot.verify(&election.ctx, &specs()).unwrap_err()
}

fn contest(ballot: &mut EncryptedBallot<Toy256>, index: u32) -> &mut EncryptedContest<Toy256> {
    ballot
        .contests
        .iter_mut()
        .find(|c| c.index == index)
        .unwrap()
}

fn at_selection(contest: u32, option: u32) -> Location {
    Location::Selection {
        ballot: Some("ballot-1".into()),
        contest,
        option,
    }
}

fn at_contest(contest: u32) -> Location {
    Location::Contest {
        ballot: Some("ballot-1".into()),
        contest,
    }
}

fn at_ballot() -> Location {
    Location::Ballot("ballot-1".into())
}

#[test]
fn selection_alpha_and_beta() {
    let e = tampered(20, |b| {
        let s = &mut contest(b, 2).selections[2].ciphertext;
        s.alpha = other(&s.alpha);
    });
    assert_eq!(
        (e.step, e.location, e.reason),
        (V6_D, at_selection(2, 3), Reason::ChallengeSumMismatch)
    );
    let e = tampered(21, |b| {
        let s = &mut contest(b, 1).selections[0].ciphertext;
        s.beta = other(&s.beta);
    });
    assert_eq!((e.step, e.location), (V6_D, at_selection(1, 1)));
}

#[test]
fn every_later_check_sees_a_changed_ciphertext() {
    let (election, _, mut ballot, _) = toy_ballot(22);
    let s = &mut contest(&mut ballot, 2).selections[0].ciphertext;
    s.beta = other(&s.beta);
    let steps: Vec<(Step, Location)> = ballot
        .verify_all(&election.ctx, &specs())
        .into_iter()
        .map(|e| (e.step, e.location))
        .collect();
    assert_eq!(
        steps,
        vec![
            (V6_D, at_selection(2, 1)),
            (V7_D, at_contest(2)),
            (V8_A, at_contest(2)),
        ]
    );
}

#[test]
fn selection_proof_challenge_and_response() {
    let e = tampered(23, |b| {
        let p = &mut contest(b, 2).selections[1].proof;
        p.challenges[0] = bump(&p.challenges[0]);
    });
    assert_eq!((e.step, e.location), (V6_D, at_selection(2, 2)));
    let e = tampered(24, |b| {
        let p = &mut contest(b, 3).selections[1].proof;
        p.responses[1] = bump(&p.responses[1]);
    });
    assert_eq!((e.step, e.location), (V6_D, at_selection(3, 2)));
    // A proof with a part missing is malformed at the same step.
    let e = tampered(25, |b| {
        let p = &mut contest(b, 1).selections[0].proof;
        p.challenges.pop();
        p.responses.pop();
    });
    assert_eq!((e.step, e.location.clone()), (V6_D, at_selection(1, 1)));
    assert!(matches!(e.reason, Reason::Malformed(_)));
}

#[test]
fn contest_limit_proof() {
    let e = tampered(26, |b| {
        let p = &mut contest(b, 2).proof;
        p.challenges[3] = bump(&p.challenges[3]);
    });
    assert_eq!((e.step, e.location), (V7_D, at_contest(2)));
    let e = tampered(27, |b| {
        let p = &mut contest(b, 1).proof;
        p.responses[0] = bump(&p.responses[0]);
    });
    assert_eq!((e.step, e.location), (V7_D, at_contest(1)));
}

#[test]
fn contest_data() {
    let e = tampered(28, |b| {
        contest(b, 3).contest_data.as_mut().unwrap().c1[5] ^= 1;
    });
    assert_eq!(
        (e.step, e.location, e.reason),
        (
            CONTEST_DATA_PROOF_CHECK,
            at_contest(3),
            Reason::ChallengeMismatch
        )
    );
    let e = tampered(29, |b| {
        let proof = &mut contest(b, 3).contest_data.as_mut().unwrap().proof;
        proof.response = bump(&proof.response);
    });
    assert_eq!(
        (e.step, e.location),
        (CONTEST_DATA_PROOF_CHECK, at_contest(3))
    );
    let e = tampered(30, |b| {
        contest(b, 3).contest_data = None;
    });
    assert_eq!(
        (e.step, e.location.clone()),
        (CONTEST_DATA_PROOF_CHECK, at_contest(3))
    );
    assert!(matches!(e.reason, Reason::Malformed(_)));
    let e = tampered(31, |b| {
        contest(b, 3)
            .contest_data
            .as_mut()
            .unwrap()
            .c1
            .extend([0; 32]);
    });
    assert_eq!(e.step, CONTEST_DATA_PROOF_CHECK);
    assert!(matches!(e.reason, Reason::Malformed(_)));
}

#[test]
fn contest_hash_and_confirmation_code() {
    let e = tampered(32, |b| {
        contest(b, 1).contest_hash.0[0] ^= 1;
    });
    assert_eq!(
        (e.step, e.location, e.reason),
        (V8_A, at_contest(1), Reason::Mismatch("contest hash χ_l"))
    );
    let e = tampered(33, |b| b.confirmation_code.0[31] ^= 1);
    assert_eq!((e.step, e.location), (V8_B, at_ballot()));
    let e = tampered(34, |b| b.chaining_field.0[35] ^= 1);
    assert_eq!((e.step, e.location), (V8_B, at_ballot()));
}

#[test]
fn identifier_hash_fails_alone() {
    let (election, _, mut ballot, _) = toy_ballot(35);
    ballot.identifier_hash.0[0] ^= 1;
    let errors = ballot.verify_all(&election.ctx, &specs());
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].step, &errors[0].location), (V5_B, &at_ballot()));
    // A different id_B changes H_I, so every proof bound to it fails.
    let (election, _, mut ballot, _) = toy_ballot(36);
    ballot.id.0[0] ^= 1;
    let errors = ballot.verify_all(&election.ctx, &specs());
    assert_eq!(errors[0].step, V5_B);
    assert!(errors.iter().any(|e| e.step == V6_D));
    assert!(errors.iter().any(|e| e.step == V8_B));
}

#[test]
fn encrypted_ballot_nonce() {
    let e = tampered(37, |b| b.encrypted_nonce.c1[0] ^= 1);
    assert_eq!(
        (e.step, e.location, e.reason),
        (
            BALLOT_NONCE_PROOF_CHECK,
            at_ballot(),
            Reason::ChallengeMismatch
        )
    );
    let e = tampered(38, |b| {
        let proof = &mut b.encrypted_nonce.proof;
        proof.challenge = bump(&proof.challenge);
    });
    assert_eq!(
        (e.step, e.location),
        (BALLOT_NONCE_PROOF_CHECK, at_ballot())
    );
    let e = tampered(39, |b| b.encrypted_nonce.c0 = other(&b.encrypted_nonce.c0));
    assert_eq!(e.step, BALLOT_NONCE_PROOF_CHECK);
    let e = tampered(40, |b| b.encrypted_nonce.c1.push(0));
    assert_eq!(e.step, BALLOT_NONCE_PROOF_CHECK);
    assert!(matches!(e.reason, Reason::Malformed(_)));
}

#[test]
fn ballot_shape() {
    // A contest missing, or the contests out of order: S8.contest-list.
    let e = tampered(41, |b| {
        b.contests.remove(1);
    });
    assert_eq!(
        (e.step, e.location.clone()),
        (CONTEST_LIST_CHECK, at_ballot())
    );
    assert!(matches!(e.reason, Reason::Malformed(_)));
    let e = tampered(42, |b| b.contests.swap(0, 1));
    assert_eq!((e.step, e.location), (CONTEST_LIST_CHECK, at_ballot()));
    // An option missing or renumbered: S7.option-list.
    let e = tampered(43, |b| {
        contest(b, 2).selections.pop();
    });
    assert_eq!(
        (e.step, e.location.clone()),
        (OPTION_LIST_CHECK, at_contest(2))
    );
    assert!(matches!(e.reason, Reason::Malformed(_)));
    let e = tampered(44, |b| contest(b, 1).selections[1].index = 7);
    assert_eq!((e.step, e.location), (OPTION_LIST_CHECK, at_contest(1)));
    // Contest data on a contest that has no data field.
    let e = tampered(45, |b| {
        let data = contest(b, 3).contest_data.clone();
        contest(b, 1).contest_data = data;
    });
    assert_eq!(
        (e.step, e.location),
        (CONTEST_DATA_PROOF_CHECK, at_contest(1))
    );
}

#[test]
fn verifying_against_another_style_fails() {
    let (election, _, ballot, _) = toy_ballot(46);
    // R lowered: the option proofs have too many parts.
    let mut other_specs = specs();
    other_specs[2].option_limit = 2;
    let e = ballot.verify(&election.ctx, &other_specs).unwrap_err();
    assert_eq!(e.step, V6_D);
    // Another election: every proof is bound to H_I, which is bound to H_E.
    let mut rng = rng(47);
    let stranger = super::election::<Toy256>(&mut rng);
    let e = ballot.verify(&stranger.ctx, &specs()).unwrap_err();
    assert_eq!(e.step, V5_B);
}
