use super::{guardians, random_tally, subsets};
use crate::decryption::{
    decrypt_tally, verify_tally_decryption, DecryptedTally, DecryptionError, TallyTarget,
};
use crate::dlog::DiscreteLog;
use crate::group::{Element, Scalar, Toy256};
use crate::step::v2_1::{V10_B, V10_C, V11_B, V11_C};
use crate::verify_error::{Location, Reason};
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

type P = Toy256;

#[test]
fn every_quorum_decrypts_the_tally() {
    let g = guardians::<P>(1, 5, 3);
    let mut rng = ChaCha20Rng::seed_from_u64(2);
    let (tally, expected) = random_tally(&mut rng, &g.ctx, 9);
    let dlog = DiscreteLog::new_vartime(&g.ctx.vote_key, 9 * 2 * 3);
    let mut quorums = subsets(5, 3);
    quorums.push(vec![1, 2, 3, 4, 5]);
    quorums.push(vec![5, 2, 4, 1]); // any order
    for available in quorums {
        let decrypted =
            decrypt_tally(&mut rng, &g.ctx, &tally, &g.vote(&available), &dlog).unwrap();
        let counts: Vec<((u32, u32), u64)> = decrypted
            .iter()
            .map(|(c, o, v)| ((c, o), v.tally))
            .collect();
        assert_eq!(
            counts,
            expected.clone().into_iter().collect::<Vec<_>>(),
            "{available:?}"
        );
        decrypted.verify(&g.ctx, &tally).unwrap();
    }
}

#[test]
fn quorum_requirements() {
    let g = guardians::<P>(3, 5, 3);
    let mut rng = ChaCha20Rng::seed_from_u64(4);
    let (tally, _) = random_tally(&mut rng, &g.ctx, 2);
    let dlog = DiscreteLog::new_vartime(&g.ctx.vote_key, 100);
    let run = |available: &[u32], rng: &mut ChaCha20Rng| {
        decrypt_tally(rng, &g.ctx, &tally, &g.vote(available), &dlog).unwrap_err()
    };
    assert_eq!(
        run(&[1, 2], &mut rng),
        DecryptionError::QuorumTooSmall {
            available: 2,
            needed: 3
        }
    );
    assert_eq!(
        run(&[1, 2, 2], &mut rng),
        DecryptionError::DuplicateGuardian(2)
    );
    let shares = vec![
        (6, &g.vote_shares[0]),
        (1, &g.vote_shares[0]),
        (2, &g.vote_shares[1]),
    ];
    let err = decrypt_tally(&mut rng, &g.ctx, &tally, &shares, &dlog).unwrap_err();
    assert_eq!(err, DecryptionError::UnknownGuardian(6));
}

#[test]
fn tally_beyond_the_bound_or_wrong_base_is_reported() {
    let g = guardians::<P>(5, 3, 2);
    let mut rng = ChaCha20Rng::seed_from_u64(6);
    let (tally, expected) = random_tally(&mut rng, &g.ctx, 6);
    let max = *expected.values().max().unwrap();
    let small = DiscreteLog::new_vartime(&g.ctx.vote_key, max - 1);
    let err = decrypt_tally(&mut rng, &g.ctx, &tally, &g.vote(&[1, 3]), &small).unwrap_err();
    // The first option over the bound, in (contest, option) order, is reported.
    let first = expected
        .iter()
        .find(|(_, t)| **t == max)
        .map(|(k, _)| *k)
        .unwrap();
    assert_eq!(
        err,
        DecryptionError::TallyOutOfRange {
            location: Location::Selection {
                ballot: None,
                contest: first.0,
                option: first.1
            },
            bound: max - 1
        }
    );
    let other = DiscreteLog::new_vartime(&Element::generator(), 100);
    let err = decrypt_tally(&mut rng, &g.ctx, &tally, &g.vote(&[1, 3]), &other).unwrap_err();
    assert_eq!(err, DecryptionError::WrongDiscreteLogBase);
}

/// Tampering with each published value fails the check that covers it.
#[test]
fn verification_10_tampering() {
    let g = guardians::<P>(7, 5, 3);
    let mut rng = ChaCha20Rng::seed_from_u64(8);
    let (tally, _) = random_tally(&mut rng, &g.ctx, 5);
    let dlog = DiscreteLog::new_vartime(&g.ctx.vote_key, 100);
    let decrypted = decrypt_tally(&mut rng, &g.ctx, &tally, &g.vote(&[2, 4, 5]), &dlog).unwrap();
    let (contest, option) = (4, 2);
    let here = Location::Selection {
        ballot: None,
        contest,
        option,
    };
    let value = decrypted.get(contest, option).unwrap().clone();
    let ct = tally.get(contest, option).unwrap().clone();
    let gen = Element::<P>::generator();
    let one = Scalar::<P>::one();
    assert_eq!(value.verify(&g.ctx, contest, option, &ct), Ok(()));

    let step_of = |result: Result<(), crate::VerifyError>| {
        let err = result.unwrap_err();
        assert_eq!(err.location, here);
        (err.step, err.reason)
    };
    let b = V10_B;

    // t: the proof still holds for T, but T ≠ K^t.
    let mut v = value.clone();
    v.tally += 1;
    assert_eq!(
        step_of(v.verify(&g.ctx, contest, option, &ct)),
        (V10_C, Reason::Mismatch("T = K^t"))
    );
    // The same through the free function.
    let r = verify_tally_decryption(
        &g.ctx,
        contest,
        option,
        &ct,
        value.tally + 1,
        &value.value,
        &value.proof,
    );
    assert_eq!(step_of(r).0, V10_C);

    // c and v.
    let mut v = value.clone();
    v.proof.challenge = v.proof.challenge.add(&one);
    assert_eq!(
        step_of(v.verify(&g.ctx, contest, option, &ct)),
        (b, Reason::ChallengeMismatch)
    );
    let mut v = value.clone();
    v.proof.response = v.proof.response.add(&one);
    assert_eq!(
        step_of(v.verify(&g.ctx, contest, option, &ct)),
        (b, Reason::ChallengeMismatch)
    );

    // A and B of the aggregate.
    let mut bad = ct.clone();
    bad.alpha = bad.alpha.mul(&gen);
    assert_eq!(step_of(value.verify(&g.ctx, contest, option, &bad)).0, b);
    let mut bad = ct.clone();
    bad.beta = bad.beta.mul(&gen);
    assert_eq!(step_of(value.verify(&g.ctx, contest, option, &bad)).0, b);
    let r = verify_tally_decryption(
        &g.ctx,
        contest,
        option,
        &bad,
        value.tally,
        &value.value,
        &value.proof,
    );
    assert_eq!(step_of(r), (b, Reason::ChallengeMismatch));

    // M, alone or with T moved to match it.
    let mut v = value.clone();
    v.mask = v.mask.mul(&gen);
    assert_eq!(
        step_of(v.verify(&g.ctx, contest, option, &ct)),
        (b, Reason::Mismatch("M = B·T⁻¹"))
    );
    let mut v = value.clone();
    v.mask = v.mask.mul(&gen);
    v.value = v.value.div(&gen);
    assert_eq!(
        step_of(v.verify(&g.ctx, contest, option, &ct)),
        (b, Reason::ChallengeMismatch)
    );

    // The indices are bound by the challenge.
    let r = value.verify(&g.ctx, contest, 1, &ct).unwrap_err();
    assert_eq!(r.step, b);
}

#[test]
fn decrypted_tally_must_cover_the_encrypted_one() {
    let g = guardians::<P>(9, 3, 2);
    let mut rng = ChaCha20Rng::seed_from_u64(10);
    let (tally, _) = random_tally(&mut rng, &g.ctx, 3);
    let dlog = DiscreteLog::new_vartime(&g.ctx.vote_key, 100);
    let decrypted = decrypt_tally(&mut rng, &g.ctx, &tally, &g.vote(&[1, 2]), &dlog).unwrap();
    let mut entries: Vec<_> = decrypted
        .iter()
        .map(|(c, o, v)| (c, o, v.clone()))
        .collect();
    let missing = entries.remove(2);
    let err = DecryptedTally::from_published(entries.clone())
        .verify(&g.ctx, &tally)
        .unwrap_err();
    assert_eq!(err.step, V11_C);
    assert_eq!(
        err.location,
        Location::Selection {
            ballot: None,
            contest: missing.0,
            option: missing.1
        }
    );
    entries.insert(2, missing.clone());
    entries.push((9, 9, missing.2));
    let err = DecryptedTally::from_published(entries)
        .verify(&g.ctx, &tally)
        .unwrap_err();
    assert_eq!(err.step, V11_B);
    assert_eq!(TallyTarget::all(&tally).len(), tally.len());
}
