//! Key shares (equation 24) and the whole ceremony on Toy256 with n = 5, k = 3.

use super::*;
use crate::group::{SecretScalar, Toy256};

/// All k-subsets of 1..=n.
fn subsets(n: u32, k: usize) -> Vec<Vec<u32>> {
    (0u32..1 << n)
        .filter(|mask| mask.count_ones() as usize == k)
        .map(|mask| (1..=n).filter(|i| mask & (1 << (i - 1)) != 0).collect())
        .collect()
}

/// Σ_{i∈U} w_i · share_i: the joint secret, reconstructed (only ever done in tests).
fn reconstruct(
    shares: &[GuardianKeyShare<Toy256>],
    subset: &[u32],
    kind: KeyKind,
) -> Scalar<Toy256> {
    let terms: Vec<SecretScalar<Toy256>> = subset
        .iter()
        .map(|&i| {
            let w = lagrange_coefficient::<Toy256>(i, subset).unwrap();
            shares[i as usize - 1].share(kind).mul_public(&w)
        })
        .collect();
    SecretScalar::sum(terms.iter()).reveal()
}

#[test]
fn ceremony_n5_k3_produces_consistent_keys() {
    let counts = GuardianCounts::new(5, 3).unwrap();
    let hp = parameter_base_hash::<Toy256>(counts);
    let (keys, shares) = run_ceremony::<Toy256, _>(&mut rng(30), counts, &hp).unwrap();
    assert_eq!(keys.len(), 5);
    assert_eq!(shares.len(), 5);
    for key in &keys {
        key.verify(&hp, counts).unwrap();
    }
    let (vote_key, data_key) = joint_keys(&keys).unwrap();
    verify_joint_keys(&keys, &vote_key, &data_key).unwrap();
    for (i, share) in (1..=5).zip(&shares) {
        assert_eq!(share.index(), i);
        assert_eq!(
            share.vote_share().g_pow(),
            public_key_share(&keys, i, KeyKind::Vote)
        );
        assert_eq!(
            share.data_share().g_pow(),
            public_key_share(&keys, i, KeyKind::Data)
        );
    }
    // Any k = 3 guardians hold the joint secrets s and ŝ with g^s = K and g^ŝ = K̂.
    for subset in subsets(5, 3) {
        assert_eq!(
            Element::g_pow(&reconstruct(&shares, &subset, KeyKind::Vote)),
            vote_key
        );
        assert_eq!(
            Element::g_pow(&reconstruct(&shares, &subset, KeyKind::Data)),
            data_key
        );
    }
    // Two guardians do not.
    for subset in subsets(5, 2) {
        assert_ne!(
            Element::g_pow(&reconstruct(&shares, &subset, KeyKind::Vote)),
            vote_key
        );
    }
}

#[test]
fn ceremony_with_one_guardian() {
    let counts = GuardianCounts::new(1, 1).unwrap();
    let hp = parameter_base_hash::<Toy256>(counts);
    let (keys, shares) = run_ceremony::<Toy256, _>(&mut rng(31), counts, &hp).unwrap();
    let (vote_key, _) = joint_keys(&keys).unwrap();
    assert_eq!(shares[0].vote_share().g_pow(), vote_key);
}

/// Guardian `to`'s decrypted shares from every other guardian of `s`.
fn received_by(s: &mut Setup<Toy256>, to: u32) -> Vec<ReceivedShare<Toy256>> {
    let n = s.counts.n;
    (1..=n)
        .filter(|&from| from != to)
        .map(|from| {
            let share = s.share(from, to);
            s.secret(to)
                .decrypt_share(&s.hp, s.key(from), &share)
                .unwrap()
        })
        .collect()
}

#[test]
fn key_share_needs_every_other_guardian_once() {
    let mut s = setup::<Toy256>(4, 2, 32);
    let mut received = received_by(&mut s, 2);
    assert!(s.secret(2).key_share(&received).is_ok());
    // Dropping any one share (senders 1, 3, 4) names that sender.
    for _ in 0..3 {
        let dropped = received.remove(0);
        assert!(matches!(
            s.secret(2).key_share(&received),
            Err(CeremonyError::MissingShare { from }) if from == dropped.from()
        ));
        received.push(dropped);
        assert!(
            s.secret(2).key_share(&received).is_ok(),
            "order must not matter"
        );
    }
    assert!(matches!(
        s.secret(2).key_share(&[]),
        Err(CeremonyError::MissingShare { from: 1 })
    ));

    let share = s.share(1, 2);
    received.push(s.secret(2).decrypt_share(&s.hp, s.key(1), &share).unwrap());
    assert!(matches!(
        s.secret(2).key_share(&received),
        Err(CeremonyError::DuplicateShare { from: 1 })
    ));
    // A share for guardian 3 cannot enter guardian 2's key share.
    let for_three = received_by(&mut s, 3);
    assert!(matches!(
        s.secret(2).key_share(&for_three),
        Err(CeremonyError::Misaddressed { expected_to: 2, .. })
    ));
}

#[test]
fn invalid_guardian_index_is_refused() {
    let counts = GuardianCounts::new(3, 2).unwrap();
    for index in [0, 4] {
        let result = GuardianSecrets::<Toy256>::generate(&mut rng(33), index, counts);
        assert!(matches!(
            result,
            Err(CeremonyError::InvalidIndex { n: 3, .. })
        ));
    }
}
