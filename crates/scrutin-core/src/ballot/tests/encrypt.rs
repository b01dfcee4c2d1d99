//! Encryption produces ballots that verify, decrypt to the plaintext, and bind their code.

use super::*;

#[test]
fn random_ballots_verify_and_decrypt() {
    for seed in 0..6 {
        let (election, plaintext, ballot, _) = toy_ballot(seed);
        ballot.verify(&election.ctx, &specs()).unwrap();
        assert!(ballot.verify_all(&election.ctx, &specs()).is_empty());
        // Contests in index order, options in order, data exactly where b_Λ > 0.
        let indices: Vec<u32> = ballot.contests.iter().map(|c| c.index).collect();
        assert_eq!(indices, vec![1, 2, 3]);
        for contest in &ballot.contests {
            let spec = specs()
                .into_iter()
                .find(|s| s.index == contest.index)
                .unwrap();
            let choice = &plaintext.contests[&contest.index];
            assert_eq!(contest.selections.len(), spec.options as usize);
            assert_eq!(contest.contest_data.is_some(), spec.data_blocks > 0);
            for (selection, sigma) in contest.selections.iter().zip(&choice.selections) {
                assert_eq!(
                    election.decrypt(&selection.ciphertext, spec.option_limit),
                    *sigma
                );
                assert_eq!(
                    selection.proof.challenges.len(),
                    spec.option_limit as usize + 1
                );
            }
            let total: u64 = choice.selections.iter().sum();
            assert_eq!(
                election.decrypt(&contest.aggregate(), spec.contest_limit),
                total
            );
            assert_eq!(
                contest.proof.challenges.len(),
                spec.contest_limit as usize + 1
            );
        }
        assert_eq!(ballot.weight, 1);
        assert_eq!(ballot.name, "ballot-1");
        assert_eq!(
            ballot.identifier_hash,
            identifier_hash(&election.ctx.extended_hash, &ballot.id)
        );
    }
}

#[test]
fn selection_nonces_follow_equation_33() {
    let (election, _, ballot, secrets) = toy_ballot(10);
    let hi = ballot.identifier_hash;
    for contest in &ballot.contests {
        for selection in &contest.selections {
            let xi = secrets
                .nonce()
                .selection_nonce::<Toy256>(&hi, contest.index, selection.index);
            assert_eq!(xi.g_pow(), selection.ciphertext.alpha);
        }
        if let Some(data) = &contest.contest_data {
            let xi = secrets
                .nonce()
                .contest_data_nonce::<Toy256>(&hi, contest.index);
            assert_eq!(xi.g_pow(), data.c0);
        }
    }
    // Different (i, j) give different nonces.
    let a = secrets
        .nonce()
        .selection_nonce::<Toy256>(&hi, 1, 2)
        .reveal();
    let b = secrets
        .nonce()
        .selection_nonce::<Toy256>(&hi, 2, 1)
        .reveal();
    assert_ne!(a, b);
    drop(election);
}

#[test]
fn ballot_nonce_round_trip() {
    let (election, _, ballot, secrets) = toy_ballot(11);
    let hi = ballot.identifier_hash;
    let encrypted = &ballot.encrypted_nonce;
    assert_eq!(encrypted.c1.len(), 32);
    verify_ballot_nonce_proof(&hi, encrypted, Location::Ballot("b".into())).unwrap();
    let beta = election.data_beta(&encrypted.c0);
    let decrypted = decrypt_ballot_nonce(&hi, encrypted, &beta).unwrap();
    assert_eq!(
        *decrypted.to_secret_bytes(),
        *secrets.nonce().to_secret_bytes()
    );
    // A wrong β yields a different nonce, and a short C1 none at all.
    let wrong = decrypt_ballot_nonce(&hi, encrypted, &other(&beta)).unwrap();
    assert_ne!(*wrong.to_secret_bytes(), *secrets.nonce().to_secret_bytes());
    let mut short = encrypted.clone();
    short.c1.pop();
    assert!(decrypt_ballot_nonce(&hi, &short, &beta).is_none());
}

#[test]
fn contest_data_decrypts_with_guardian_beta() {
    let (election, plaintext, ballot, _) = toy_ballot(12);
    let contest = ballot.contests.iter().find(|c| c.index == 3).unwrap();
    let data = contest.contest_data.as_ref().unwrap();
    assert_eq!(data.c1.len(), 64);
    let beta = election.data_beta(&data.c0);
    let bytes = decrypt_contest_data(&ballot.identifier_hash, 3, data, &beta).unwrap();
    let decoded = ContestData::decode(&bytes).unwrap();
    assert_eq!(decoded.overvote, Overvote::None);
    assert_eq!(
        Some(decoded.write_in),
        plaintext.contests[&3].write_in.clone()
    );
    assert!(!decoded.write_in_truncated);
}

#[test]
fn the_code_depends_on_the_ciphertexts_not_the_range_proofs() {
    let mut rng = rng(13);
    let election = election::<Toy256>(&mut rng);
    // Without contest data: its Schnorr proof C2 enters χ_l (equation 70), range proofs do not.
    let no_data = vec![spec(1, 3, 1, 1, 0), spec(2, 4, 3, 5, 0)];
    let plaintext = random_plaintext(&mut rng, "b", &no_data);
    let id = BallotId::random(&mut rng);
    let nonce = BallotNonce::random(&mut rng);
    let field = no_chaining_field(&device().hash(&election.ctx.extended_hash));
    let encrypt = |rng: &mut ChaCha20Rng, specs: &[ContestSpec], p: &PlaintextBallot| {
        encrypt_ballot_with(rng, &election.ctx, specs, p, id, &nonce, field).unwrap()
    };
    let first = encrypt(&mut rng, &no_data, &plaintext);
    let second = encrypt(&mut rng, &no_data, &plaintext);
    // Same id, nonce and field: the same encryptions and code (§3.3.3), fresh proofs.
    assert_eq!(first.confirmation_code, second.confirmation_code);
    assert_eq!(first.contests, {
        let mut c = second.contests.clone();
        for (a, b) in c.iter_mut().zip(&first.contests) {
            a.proof = b.proof.clone();
            for (x, y) in a.selections.iter_mut().zip(&b.selections) {
                x.proof = y.proof.clone();
            }
        }
        c
    });
    assert_ne!(first.contests[0].proof, second.contests[0].proof);
    second.verify(&election.ctx, &no_data).unwrap();
    // A different choice changes the code.
    let mut changed = plaintext.clone();
    let contest = changed.contests.get_mut(&1).unwrap();
    contest.selections = if contest.selections == [0, 0, 1] {
        vec![1, 0, 0]
    } else {
        vec![0, 0, 1]
    };
    let third = encrypt(&mut rng, &no_data, &changed);
    assert_ne!(first.confirmation_code, third.confirmation_code);
    // With contest data, the data proof's fresh randomness changes χ_l and so the code.
    let with_data = random_plaintext(&mut rng, "b", &specs());
    let a = encrypt(&mut rng, &specs(), &with_data);
    let b = encrypt(&mut rng, &specs(), &with_data);
    assert_eq!(
        a.contests[2].contest_data.as_ref().unwrap().c1,
        b.contests[2].contest_data.as_ref().unwrap().c1
    );
    assert_ne!(a.confirmation_code, b.confirmation_code);
}

#[test]
fn plaintexts_that_do_not_fit_the_style_are_rejected() {
    let mut rng = rng(14);
    let election = election::<Toy256>(&mut rng);
    let good = random_plaintext(&mut rng, "b", &specs());
    let mut chain = ChainState::new(&election.ctx.extended_hash, &device(), ChainingMode::Simple);
    let mut attempt = |p: &PlaintextBallot, s: &[ContestSpec]| {
        encrypt_ballot(&mut rng, &election.ctx, s, p, &mut chain).map(|_| ())
    };

    let mut unknown = good.clone();
    unknown.contests.insert(9, PlaintextContest::new(vec![0]));
    assert_eq!(
        attempt(&unknown, &specs()),
        Err(BallotError::UnknownContest(9))
    );

    let mut missing = good.clone();
    missing.contests.remove(&2);
    assert_eq!(
        attempt(&missing, &specs()),
        Err(BallotError::MissingContest(2))
    );

    let mut extra_option = good.clone();
    extra_option
        .contests
        .get_mut(&1)
        .unwrap()
        .selections
        .push(0);
    assert_eq!(
        attempt(&extra_option, &specs()),
        Err(BallotError::WrongOptionCount {
            contest: 1,
            expected: 3,
            found: 4
        })
    );

    let mut write_in = good.clone();
    write_in.contests.get_mut(&1).unwrap().write_in = Some("x".into());
    assert_eq!(
        attempt(&write_in, &specs()),
        Err(BallotError::NoDataField { contest: 1 })
    );

    let mut doubled = specs();
    doubled.push(spec(1, 3, 1, 1, 0));
    assert_eq!(
        attempt(&good, &doubled),
        Err(BallotError::DuplicateContest(1))
    );

    let mut no_options = specs();
    no_options[1].options = 0;
    assert!(matches!(
        attempt(&good, &no_options),
        Err(BallotError::InvalidContestSpec { contest: 1, .. })
    ));

    // The rejected ballots left the chain untouched: only this one is recorded.
    attempt(&good, &specs()).unwrap();
    assert_eq!(chain.ballots(), 1);
}

#[test]
fn identifier_hash_input_is_33_bytes() {
    // §5.5.3: B1 = 0x20 ∥ b(id_B, 32); recompute it through the canonical encoder.
    let he = HValue([3; 32]);
    let id = BallotId([9; 32]);
    let input = crate::hash::HashInput::new(0x20).fixed(&[9; 32]);
    assert_eq!(input.as_bytes().len(), 33);
    assert_eq!(identifier_hash(&he, &id), crate::hash::h(&he, &input));
}

use crate::hash::HValue;
use crate::verify_error::Location;
