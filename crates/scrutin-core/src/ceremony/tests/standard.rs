//! One ceremony with the standard parameters (n = 3, k = 2).

use super::*;
use crate::group::{SecretScalar, Standard};

#[test]
fn standard_ceremony_n3_k2() {
    let counts = GuardianCounts::new(3, 2).unwrap();
    let hp = parameter_base_hash::<Standard>(counts);
    let start = std::time::Instant::now();
    let (keys, shares) = run_ceremony::<Standard, _>(&mut rng(60), counts, &hp).unwrap();
    eprintln!("standard key ceremony, n = 3, k = 2: {:?}", start.elapsed());
    for key in &keys {
        key.verify(&hp, counts).unwrap();
        assert_eq!(key.communication_key.to_bytes().len(), 512);
    }
    let (vote_key, data_key) = joint_keys(&keys).unwrap();
    for (i, share) in (1..=3).zip(&shares) {
        assert_eq!(
            share.vote_share().g_pow(),
            public_key_share(&keys, i, KeyKind::Vote)
        );
    }
    // Guardians 1 and 3 reconstruct s and ŝ.
    let subset = [1, 3];
    for (kind, key) in [(KeyKind::Vote, &vote_key), (KeyKind::Data, &data_key)] {
        let terms: Vec<SecretScalar<Standard>> = subset
            .iter()
            .map(|&i| {
                let w = lagrange_coefficient::<Standard>(i, &subset).unwrap();
                shares[i as usize - 1].share(kind).mul_public(&w)
            })
            .collect();
        assert_eq!(&SecretScalar::sum(terms.iter()).g_pow(), key);
    }
    let base = HValue([1; 32]);
    let hg = guardian_record_hash(&base, &vote_key, &data_key, &keys);
    assert_ne!(hg, HValue::default());
}
