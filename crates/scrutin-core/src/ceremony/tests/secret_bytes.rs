//! The secret files of GuardianSecrets and GuardianKeyShare.

use super::*;
use crate::group::{Toy256, Toy64};
use proptest::prelude::*;

fn file_error<T>(result: Result<T, CeremonyError>) -> SecretFileError {
    match result {
        Err(CeremonyError::SecretFile(error)) => error,
        Err(other) => panic!("expected a secret-file error, got {other}"),
        Ok(_) => panic!("expected a secret-file error"),
    }
}

/// The same secrets give the same commitments and communication key.
fn same_public_values(a: &GuardianPublicKey<Toy256>, b: &GuardianPublicKey<Toy256>) -> bool {
    a.index == b.index
        && a.vote_commitments == b.vote_commitments
        && a.data_commitments == b.data_commitments
        && a.communication_key == b.communication_key
}

#[test]
fn guardian_secrets_round_trip() {
    let mut s = setup::<Toy256>(5, 3, 50);
    let bytes = s.secret(4).to_secret_bytes();
    // Header 4 + 1 + 1 + 7 ("toy-256"), i, n, k, then 2k + 1 scalars of l_q = 8 bytes.
    assert_eq!(bytes.len(), 13 + 12 + 7 * 8);
    let restored = GuardianSecrets::<Toy256>::from_secret_bytes(&bytes).unwrap();
    assert_eq!(restored.index(), 4);
    assert_eq!(restored.counts(), s.counts);
    let hp = s.hp;
    let key = restored.public_key(&mut s.rng, &hp);
    key.verify(&hp, s.counts).unwrap();
    assert!(same_public_values(&key, s.key(4)));
    // The restored guardian can still receive shares.
    let share = s.share(1, 4);
    restored.decrypt_share(&hp, s.key(1), &share).unwrap();
}

#[test]
fn key_share_round_trip() {
    let counts = GuardianCounts::new(3, 2).unwrap();
    let hp = parameter_base_hash::<Toy256>(counts);
    let (_, shares) = run_ceremony::<Toy256, _>(&mut rng(51), counts, &hp).unwrap();
    for share in &shares {
        let bytes = share.to_secret_bytes();
        let restored = GuardianKeyShare::<Toy256>::from_secret_bytes(&bytes).unwrap();
        assert_eq!(restored.index(), share.index());
        assert_eq!(restored.vote_share().g_pow(), share.vote_share().g_pow());
        assert_eq!(restored.data_share().g_pow(), share.data_share().g_pow());
        assert_eq!(restored.to_secret_bytes().as_slice(), bytes.as_slice());
    }
    // A key share is not ceremony secrets, nor the other way round.
    let bytes = shares[0].to_secret_bytes();
    let error = file_error(GuardianSecrets::<Toy256>::from_secret_bytes(&bytes));
    assert_eq!(error, SecretFileError::WrongKind { expected: *b"SGCS" });
}

#[test]
fn damaged_files_are_refused() {
    let s = setup::<Toy256>(3, 2, 52);
    let good = s.secret(2).to_secret_bytes().to_vec();
    let read = |bytes: &[u8]| file_error(GuardianSecrets::<Toy256>::from_secret_bytes(bytes));

    let mut bytes = good.clone();
    bytes[4] = 2;
    assert_eq!(read(&bytes), SecretFileError::UnsupportedVersion(2));
    assert_eq!(read(&good[..good.len() - 1]), SecretFileError::Truncated);
    assert_eq!(read(&good[..3]), SecretFileError::Truncated);
    assert_eq!(read(&[]), SecretFileError::Truncated);
    let mut bytes = good.clone();
    bytes.push(0);
    assert_eq!(read(&bytes), SecretFileError::TrailingBytes(1));
    // The last scalar (ζ_i) set to 2^64 − 1 ≥ q.
    let mut bytes = good.clone();
    let len = bytes.len();
    bytes[len - 8..].fill(0xFF);
    assert!(matches!(read(&bytes), SecretFileError::InvalidValue(_)));
    // Index 0, index above n, k above n (header is 13 bytes, then i, n, k).
    for (offset, value) in [(13, 0u32), (13, 4), (21, 4)] {
        let mut bytes = good.clone();
        bytes[offset..offset + 4].copy_from_slice(&value.to_be_bytes());
        assert!(
            matches!(read(&bytes), SecretFileError::InvalidValue(_)),
            "{offset} {value}"
        );
    }
    // A huge k is refused without allocating for it.
    let mut bytes = good.clone();
    bytes[17..21].copy_from_slice(&((1u32 << 31) - 1).to_be_bytes());
    bytes[21..25].copy_from_slice(&((1u32 << 31) - 2).to_be_bytes());
    assert_eq!(read(&bytes), SecretFileError::Truncated);
    // Another parameter set.
    let error = file_error(GuardianSecrets::<Toy64>::from_secret_bytes(&good));
    assert!(matches!(
        error,
        SecretFileError::WrongParameterSet {
            expected: "toy-64",
            ..
        }
    ));
}

#[test]
fn damaged_key_share_files_are_refused() {
    let counts = GuardianCounts::new(2, 2).unwrap();
    let hp = parameter_base_hash::<Toy256>(counts);
    let (_, shares) = run_ceremony::<Toy256, _>(&mut rng(53), counts, &hp).unwrap();
    let good = shares[1].to_secret_bytes().to_vec();
    let read = |bytes: &[u8]| file_error(GuardianKeyShare::<Toy256>::from_secret_bytes(bytes));
    let mut bytes = good.clone();
    bytes[13..17].copy_from_slice(&0u32.to_be_bytes());
    assert!(matches!(read(&bytes), SecretFileError::InvalidValue(_)));
    assert_eq!(read(&good[..good.len() - 2]), SecretFileError::Truncated);
    let mut bytes = good.clone();
    bytes[0] = b'X';
    assert_eq!(
        read(&bytes),
        SecretFileError::WrongKind { expected: *b"SGKS" }
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn secrets_round_trip_for_any_counts(seed in any::<u64>(), n in 1u32..8, k_off in 0u32..8) {
        let k = 1 + k_off % n;
        let counts = GuardianCounts::new(n, k).unwrap();
        let mut rng = rng(seed);
        let secrets = GuardianSecrets::<Toy256>::generate(&mut rng, n, counts).unwrap();
        let bytes = secrets.to_secret_bytes();
        let restored = GuardianSecrets::<Toy256>::from_secret_bytes(&bytes).unwrap();
        let again = restored.to_secret_bytes();
        prop_assert_eq!(again.as_slice(), bytes.as_slice());
        let hp = HValue::default();
        let a = secrets.public_key(&mut rng, &hp);
        let b = restored.public_key(&mut rng, &hp);
        prop_assert!(same_public_values(&a, &b));
    }
}
