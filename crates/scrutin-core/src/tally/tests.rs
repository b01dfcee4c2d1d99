use super::*;
use crate::dlog::DiscreteLog;
use crate::election::ContestSpec;
use crate::elgamal::Ciphertext;
use crate::group::{Element, SecretScalar, Toy256};
use crate::step::v2_1::{V9_A, V9_B};
use crate::verify_error::{Location, Reason};
use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};

type P = Toy256;

fn contests() -> Vec<ContestSpec> {
    vec![
        ContestSpec {
            index: 1,
            options: 3,
            option_limit: 1,
            contest_limit: 1,
            data_blocks: 0,
        },
        ContestSpec {
            index: 2,
            options: 2,
            option_limit: 2,
            contest_limit: 3,
            data_blocks: 0,
        },
    ]
}

/// Decrypts with the whole secret key s, which only a test knows.
fn decrypt(secret: &SecretScalar<P>, key: &Element<P>, ct: &Ciphertext<P>) -> Option<u64> {
    let value = ct.beta.div(&secret.pow_of(&ct.alpha));
    DiscreteLog::new_vartime(key, 1000).log_vartime(&value)
}

#[test]
fn weighted_aggregation_encrypts_the_weighted_sums() {
    let mut rng = ChaCha20Rng::seed_from_u64(9);
    let secret = SecretScalar::<P>::random(&mut rng);
    let key = secret.g_pow();
    let mut tally = EncryptedTally::new(&contests()).unwrap();
    let mut expected = std::collections::BTreeMap::new();
    let mut ballots = Vec::new();
    for _ in 0..12 {
        let weight = 1 + rng.next_u64() % 3;
        for (contest, options, limit) in [(1u32, 3u32, 1u64), (2, 2, 2)] {
            for option in 1..=options {
                let vote = rng.next_u64() % (limit + 1);
                let nonce = SecretScalar::random(&mut rng);
                ballots.push((
                    contest,
                    option,
                    Ciphertext::encrypt(&key, vote, &nonce),
                    weight,
                ));
                *expected.entry((contest, option)).or_insert(0u64) += vote * weight;
            }
        }
    }
    // Streamed from an iterator of borrowed ciphertexts.
    tally
        .add_all(ballots.iter().map(|(c, o, ct, w)| (*c, *o, ct, *w)))
        .unwrap();
    assert_eq!(tally.len(), 5);
    let order: Vec<(u32, u32)> = tally.iter().map(|(c, o, _)| (c, o)).collect();
    assert_eq!(order, vec![(1, 1), (1, 2), (1, 3), (2, 1), (2, 2)]);
    for (contest, option, ct) in tally.iter() {
        assert_eq!(
            decrypt(&secret, &key, ct),
            Some(expected[&(contest, option)])
        );
    }
}

#[test]
fn options_without_ballots_tally_zero() {
    let tally = EncryptedTally::<P>::new(&contests()).unwrap();
    assert_eq!(tally.get(2, 2), Some(&Ciphertext::identity()));
    assert!(tally.get(2, 3).is_none());
    assert!(!tally.is_empty());
}

#[test]
fn rejects_bad_entries() {
    let mut rng = ChaCha20Rng::seed_from_u64(10);
    let key = SecretScalar::<P>::random(&mut rng).g_pow();
    let ct = Ciphertext::encrypt(&key, 1, &SecretScalar::random(&mut rng));
    let mut tally = EncryptedTally::new(&contests()).unwrap();
    assert_eq!(
        tally.add(1, 4, &ct, 1),
        Err(TallyError::UnknownOption {
            contest: 1,
            option: 4
        })
    );
    assert_eq!(
        tally.add(3, 1, &ct, 1),
        Err(TallyError::UnknownOption {
            contest: 3,
            option: 1
        })
    );
    assert_eq!(
        tally.add(1, 1, &ct, 0),
        Err(TallyError::ZeroWeight {
            contest: 1,
            option: 1
        })
    );
    let mut twice = contests();
    twice.push(twice[0].clone());
    assert_eq!(
        EncryptedTally::<P>::new(&twice),
        Err(TallyError::Duplicate {
            contest: 1,
            option: None
        })
    );
    let published = EncryptedTally::from_published([(1, 1, ct.clone()), (1, 1, ct)]);
    assert_eq!(
        published,
        Err(TallyError::Duplicate {
            contest: 1,
            option: Some(1)
        })
    );
}

#[test]
fn verification_9_names_the_component() {
    let mut rng = ChaCha20Rng::seed_from_u64(11);
    let key = SecretScalar::<P>::random(&mut rng).g_pow();
    let mut tally = EncryptedTally::new(&contests()).unwrap();
    for (c, o) in [(1, 2), (2, 1), (2, 1)] {
        let ct = Ciphertext::encrypt(&key, 1, &SecretScalar::random(&mut rng));
        tally.add(c, o, &ct, 1).unwrap();
    }
    let publish = |t: &EncryptedTally<P>| {
        EncryptedTally::from_published(t.iter().map(|(c, o, ct)| (c, o, ct.clone()))).unwrap()
    };
    assert_eq!(tally.verify_matches(&publish(&tally)), Ok(()));
    let at = |contest, option| Location::Selection {
        ballot: None,
        contest,
        option,
    };
    let g = Element::<P>::generator();

    let mut entries: Vec<_> = tally.iter().map(|(c, o, ct)| (c, o, ct.clone())).collect();
    entries[3].2.alpha = entries[3].2.alpha.mul(&g);
    let err = tally
        .verify_matches(&EncryptedTally::from_published(entries).unwrap())
        .unwrap_err();
    assert_eq!(
        (err.step, err.location, err.reason),
        (V9_A, at(2, 1), Reason::Mismatch("A"))
    );

    let mut entries: Vec<_> = tally.iter().map(|(c, o, ct)| (c, o, ct.clone())).collect();
    entries[1].2.beta = entries[1].2.beta.mul(&g);
    let err = tally
        .verify_matches(&EncryptedTally::from_published(entries).unwrap())
        .unwrap_err();
    assert_eq!(
        (err.step, err.location, err.reason),
        (V9_B, at(1, 2), Reason::Mismatch("B"))
    );

    let mut entries: Vec<_> = tally.iter().map(|(c, o, ct)| (c, o, ct.clone())).collect();
    entries.remove(4);
    let err = tally
        .verify_matches(&EncryptedTally::from_published(entries).unwrap())
        .unwrap_err();
    assert_eq!((err.step, err.location), (V9_A, at(2, 2)));

    let mut entries: Vec<_> = tally.iter().map(|(c, o, ct)| (c, o, ct.clone())).collect();
    entries.push((7, 1, Ciphertext::identity()));
    let err = tally
        .verify_matches(&EncryptedTally::from_published(entries).unwrap())
        .unwrap_err();
    assert_eq!((err.step, err.location), (V9_A, at(7, 1)));
}
