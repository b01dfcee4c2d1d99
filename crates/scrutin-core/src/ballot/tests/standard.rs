//! One ballot on the standard parameters: encrypt, verify, chain, open.

use super::*;
use crate::group::Standard;
use crate::step::v2_1::{V6_D, V7_D};
use crate::verify_error::{Location, Reason, Step};

#[test]
fn one_standard_ballot() {
    let mut rng = rng(100);
    let election = election::<Standard>(&mut rng);
    let specs = vec![spec(1, 2, 1, 1, 0), spec(2, 2, 1, 1, 1)];
    let mut plaintext = random_plaintext(&mut rng, "ballot-1", &specs);
    plaintext.contests.get_mut(&1).unwrap().selections = vec![0, 1];
    let mut chain = ChainState::new(&election.ctx.extended_hash, &device(), ChainingMode::Simple);
    let (ballot, secrets) =
        encrypt_ballot(&mut rng, &election.ctx, &specs, &plaintext, &mut chain).unwrap();
    ballot.verify(&election.ctx, &specs).unwrap();
    verify_device_chain(
        &election.ctx.extended_hash,
        &device(),
        &[ChainLink::from(&ballot)],
        ChainingMode::Simple,
        chain.close().as_ref(),
    )
    .unwrap();
    // §5.5.3 widths for the standard group: l_q = 32, so C2 enters χ_l as 64 bytes.
    let data = ballot.contests[1].contest_data.as_ref().unwrap();
    assert_eq!(
        data.proof.challenge.to_bytes().len() + data.proof.response.to_bytes().len(),
        64
    );
    assert_eq!(
        election.decrypt(&ballot.contests[0].selections[1].ciphertext, 1),
        1
    );

    let opening = ballot
        .open_with_nonce(&election.ctx, &specs, secrets.nonce())
        .unwrap();
    ballot
        .verify_opening(&election.ctx, &specs, &opening)
        .unwrap();

    let mut tampered = ballot.clone();
    tampered.contests[0].proof.responses[0] = bump(&tampered.contests[0].proof.responses[0]);
    assert_eq!(
        tampered.verify(&election.ctx, &specs).unwrap_err().step,
        V7_D
    );

    // A contest's range proofs are checked together (on the four-lane path where the machine
    // has one): a malformed proof first and a forged one later must each fail alone, at
    // their own option, and nothing else may.
    let mut tampered = ballot.clone();
    let selections = &mut tampered.contests[1].selections;
    selections[0].proof.challenges.pop();
    selections[0].proof.responses.pop();
    selections[1].proof.challenges[1] = bump(&selections[1].proof.challenges[1]);
    let errors = tampered.verify_all(&election.ctx, &specs);
    let found: Vec<(Step, Location)> = errors
        .iter()
        .map(|e| (e.step, e.location.clone()))
        .collect();
    let at = |option| Location::Selection {
        ballot: Some(ballot.name.clone()),
        contest: 2,
        option,
    };
    assert_eq!(found, vec![(V6_D, at(1)), (V6_D, at(2))]);
    assert!(matches!(errors[0].reason, Reason::Malformed(_)));
    assert!(matches!(errors[1].reason, Reason::ChallengeSumMismatch));
}
