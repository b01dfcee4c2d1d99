//! Opening challenged ballots with their nonces (§3.6.7, Verification 13 and 14).

use super::*;
use crate::step::v2_1::{V13_A, V13_B, V14_A, V14_B, V14_C, V14_D, V14_E, V14_F};
use crate::verify_error::{Location, Reason, VerifyError};

fn opened(
    seed: u64,
) -> (
    Election<Toy256>,
    PlaintextBallot,
    EncryptedBallot<Toy256>,
    OpenedBallot<Toy256>,
) {
    let (election, plaintext, ballot, secrets) = toy_ballot(seed);
    let opening = ballot
        .open_with_nonce(&election.ctx, &specs(), secrets.nonce())
        .unwrap();
    (election, plaintext, ballot, opening)
}

fn at_contest(contest: u32) -> Location {
    Location::Contest {
        ballot: Some("ballot-1".into()),
        contest,
    }
}

fn tampered(seed: u64, tamper: impl FnOnce(&mut OpenedBallot<Toy256>)) -> VerifyError {
    let (election, _, ballot, mut opening) = opened(seed);
    ballot
        .verify_opening(&election.ctx, &specs(), &opening)
        .unwrap();
    tamper(&mut opening);
    ballot
        .verify_opening(&election.ctx, &specs(), &opening)
        .unwrap_err()
}

fn contest(opening: &mut OpenedBallot<Toy256>, index: u32) -> &mut OpenedContest<Toy256> {
    opening
        .contests
        .iter_mut()
        .find(|c| c.index == index)
        .unwrap()
}

#[test]
fn opening_reveals_the_plaintext_and_verifies() {
    for seed in 80..83 {
        let (election, plaintext, ballot, opening) = opened(seed);
        ballot
            .verify_opening(&election.ctx, &specs(), &opening)
            .unwrap();
        for contest in &opening.contests {
            let votes: Vec<u64> = contest.selections.iter().map(|s| s.vote).collect();
            let choice = &plaintext.contests[&contest.index];
            assert_eq!(votes, choice.selections);
            match &contest.contest_data {
                Some(data) => {
                    let decoded = ContestData::decode(&data.data).unwrap();
                    assert_eq!(Some(decoded.write_in), choice.write_in.clone());
                }
                None => assert!(choice.write_in.is_none()),
            }
        }
    }
}

#[test]
fn the_guardians_decrypted_nonce_opens_the_ballot() {
    let (election, plaintext, ballot, _) = toy_ballot(84);
    let encrypted = &ballot.encrypted_nonce;
    let beta = election.data_beta(&encrypted.c0);
    let nonce = decrypt_ballot_nonce(&ballot.identifier_hash, encrypted, &beta).unwrap();
    let opening = ballot
        .open_with_nonce(&election.ctx, &specs(), &nonce)
        .unwrap();
    ballot
        .verify_opening(&election.ctx, &specs(), &opening)
        .unwrap();
    let first: Vec<u64> = opening.contests[0]
        .selections
        .iter()
        .map(|s| s.vote)
        .collect();
    assert_eq!(first, plaintext.contests[&1].selections);
    // Another ballot's nonce does not open this one.
    let (_, _, _, stranger) = toy_ballot(85);
    assert_eq!(
        ballot.open_with_nonce(&election.ctx, &specs(), stranger.nonce()),
        Err(BallotError::NonceMismatch {
            contest: 1,
            option: Some(1)
        })
    );
}

#[test]
fn an_overvoted_challenged_ballot_opens_to_zeros_and_its_record() {
    let mut rng = rng(86);
    let election = election::<Toy256>(&mut rng);
    let mut plaintext = random_plaintext(&mut rng, "ballot-1", &specs());
    plaintext.contests.get_mut(&3).unwrap().selections = vec![1, 1];
    let (ballot, secrets) = encrypt_one(&mut rng, &election, &specs(), &plaintext);
    let opening = ballot
        .open_with_nonce(&election.ctx, &specs(), secrets.nonce())
        .unwrap();
    ballot
        .verify_opening(&election.ctx, &specs(), &opening)
        .unwrap();
    let contest = &opening.contests[2];
    assert!(contest.selections.iter().all(|s| s.vote == 0));
    let data = ContestData::decode(&contest.contest_data.as_ref().unwrap().data).unwrap();
    assert_eq!(data.overvote, Overvote::Recorded(vec![1, 1]));
}

#[test]
fn a_changed_vote_or_nonce_breaks_the_code() {
    // Contest 2 allows 3 per option and 5 in total, so a changed vote stays valid there.
    let e = tampered(87, |o| {
        let s = &mut contest(o, 2).selections[0];
        s.vote = if s.vote == 0 { 1 } else { s.vote - 1 };
    });
    assert_eq!((e.step, e.location), (V13_B, at_contest(2)));
    let e = tampered(88, |o| {
        let s = &mut contest(o, 1).selections[2];
        s.nonce = bump(&s.nonce);
    });
    assert_eq!((e.step, e.location), (V13_B, at_contest(1)));
}

#[test]
fn changed_contest_data_fails_13a() {
    let e = tampered(89, |o| {
        contest(o, 3).contest_data.as_mut().unwrap().data[0] ^= 0x04;
    });
    assert_eq!(
        (e.step, e.location, e.reason),
        (
            V13_A,
            at_contest(3),
            Reason::Mismatch("C1 recomputed from D")
        )
    );
    let e = tampered(90, |o| {
        let data = contest(o, 3).contest_data.as_mut().unwrap();
        data.nonce = bump(&data.nonce);
    });
    assert_eq!(e.step, V13_A);
    let e = tampered(91, |o| contest(o, 3).contest_data = None);
    assert_eq!(e.step, V13_A);
}

#[test]
fn invalid_values_fail_14e_and_14f() {
    let e = tampered(92, |o| contest(o, 1).selections[0].vote = 2);
    assert_eq!(
        (e.step, e.location),
        (
            V14_E,
            Location::Selection {
                ballot: Some("ballot-1".into()),
                contest: 1,
                option: 1
            }
        )
    );
    let e = tampered(93, |o| {
        for s in &mut contest(o, 1).selections {
            s.vote = 1;
        }
    });
    assert_eq!((e.step, e.location), (V14_F, at_contest(1)));
}

#[test]
fn the_opening_must_match_the_style() {
    let e = tampered(94, |o| {
        o.contests.remove(1);
    });
    assert_eq!((e.step, e.location), (V14_B, at_contest(2)));
    let e = tampered(95, |o| {
        let mut extra = o.contests[0].clone();
        extra.index = 9;
        o.contests.push(extra);
    });
    assert_eq!((e.step, e.location), (V14_A, at_contest(9)));
    let e = tampered(96, |o| {
        let c = contest(o, 2);
        let mut extra = c.selections[0].clone();
        extra.index = 5;
        c.selections.push(extra);
    });
    assert_eq!((e.step, e.location), (V14_C, at_contest(2)));
    let e = tampered(97, |o| {
        contest(o, 2).selections.pop();
    });
    assert_eq!((e.step, e.location), (V14_D, at_contest(2)));
}

#[test]
fn a_changed_code_fails_13b_at_the_ballot() {
    let (election, _, mut ballot, opening) = opened(98);
    ballot.confirmation_code.0[0] ^= 1;
    let e = ballot
        .verify_opening(&election.ctx, &specs(), &opening)
        .unwrap_err();
    assert_eq!(
        (e.step, e.location),
        (V13_B, Location::Ballot("ballot-1".into()))
    );
}
