use super::*;
use proptest::prelude::*;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;

/// The smallest cost the format accepts: fast enough to run Argon2id thousands of times.
const CHEAP: KdfCost = KdfCost {
    memory_kib: 8,
    iterations: 1,
    lanes: 1,
};

const SECRET: &[u8] = b"guardian 3's secret polynomial coefficients";

fn sealed(plaintext: &[u8]) -> Vec<u8> {
    seal(
        &mut ChaCha20Rng::seed_from_u64(5),
        b"correct horse",
        CHEAP,
        plaintext,
    )
    .unwrap()
}

#[test]
fn header_is_63_bytes_and_round_trips() {
    assert_eq!(HEADER_LEN, 63);
    let header = Header {
        cost: KdfCost::DEFAULT,
        salt: [7; SALT_LEN],
        nonce: [9; NONCE_LEN],
    };
    let mut file = header.encode();
    assert_eq!(file.len(), HEADER_LEN);
    file.extend_from_slice(&[0; TAG_LEN]);
    let (parsed, bytes, body) = Header::parse(&file).unwrap();
    assert_eq!(parsed, header);
    assert_eq!(bytes, header.encode().as_slice());
    assert_eq!(body, &[0; TAG_LEN]);
}

#[test]
fn the_default_cost_round_trips_and_is_recorded() {
    let file = seal(
        &mut rand_core::OsRng,
        b"correct horse",
        KdfCost::DEFAULT,
        SECRET,
    )
    .unwrap();
    assert_eq!(file.len(), HEADER_LEN + SECRET.len() + TAG_LEN);
    assert_eq!(Header::parse(&file).unwrap().0.cost, KdfCost::DEFAULT);
    assert_eq!(open(b"correct horse", &file).unwrap().as_slice(), SECRET);
    assert_eq!(
        open(b"correct horsf", &file).unwrap_err(),
        SealedFileError::WrongPassphraseOrCorrupted
    );
}

#[test]
fn the_secret_is_not_in_the_file() {
    let file = sealed(SECRET);
    assert!(!file.windows(8).any(|w| SECRET.windows(8).any(|s| s == w)));
}

#[test]
fn salt_and_nonce_are_fresh_for_each_file() {
    let mut rng = ChaCha20Rng::seed_from_u64(1);
    let a = seal(&mut rng, b"pass", CHEAP, SECRET).unwrap();
    let b = seal(&mut rng, b"pass", CHEAP, SECRET).unwrap();
    let (ha, _, _) = Header::parse(&a).unwrap();
    let (hb, _, _) = Header::parse(&b).unwrap();
    assert_ne!(ha.salt, hb.salt);
    assert_ne!(ha.nonce, hb.nonce);
    assert_ne!(a.get(HEADER_LEN..), b.get(HEADER_LEN..));
}

/// Freezes the layout: a file written by this version must stay readable, so a change to
/// the header, the KDF or the cipher that breaks old files fails here. The vector was made
/// by this code (ChaCha20Rng seed 5, passphrase "correct horse", the cheapest cost).
#[test]
fn format_vector() {
    let file = sealed(b"scrutin");
    assert_eq!(hex::encode(&file), FORMAT_VECTOR);
    let bytes = hex::decode(FORMAT_VECTOR).unwrap();
    assert_eq!(
        open(b"correct horse", &bytes).unwrap().as_slice(),
        b"scrutin"
    );
}

const FORMAT_VECTOR: &str = concat!(
    "5343525554534543",                                 // SCRUTSEC
    "01",                                               // version
    "01",                                               // Argon2id
    "00000008",                                         // m = 8 KiB
    "00000001",                                         // t = 1
    "00000001",                                         // p = 1
    "d0e07fa043cc609c56793e7e4e1a9aff",                 // salt
    "01",                                               // XChaCha20-Poly1305
    "f9995848364b1ad0503d06e3b0da2ed56a9fa8817078c1bc", // nonce
    "7cff8bca1bb082",                                   // ciphertext of "scrutin"
    "5aebd954d852459843ad606f092e2887",                 // tag
);

#[test]
fn empty_passphrases_are_refused() {
    assert_eq!(
        seal(&mut rand_core::OsRng, b"", CHEAP, SECRET).unwrap_err(),
        SealedFileError::EmptyPassphrase
    );
    assert_eq!(
        open(b"", &sealed(SECRET)).unwrap_err(),
        SealedFileError::EmptyPassphrase
    );
}

#[test]
fn plain_files_of_the_old_format_are_named() {
    for plain in [
        b"SDST\x01\x00\x00\x00\x02".as_slice(),
        b"{\"index\": 1}",
        &[0x42; 32],
    ] {
        assert_eq!(
            open(b"pass", plain).unwrap_err(),
            SealedFileError::NotEncrypted
        );
    }
}

#[test]
fn an_empty_file_is_truncated() {
    assert_eq!(
        open(b"pass", b"").unwrap_err(),
        SealedFileError::Truncated { length: 0 }
    );
}

#[test]
fn every_truncation_is_an_error() {
    let file = sealed(SECRET);
    for length in 0..file.len() {
        let error = open(b"correct horse", file.get(..length).unwrap()).unwrap_err();
        if length < HEADER_LEN + TAG_LEN {
            assert_eq!(
                error,
                SealedFileError::Truncated { length },
                "length {length}"
            );
        } else {
            assert_eq!(
                error,
                SealedFileError::WrongPassphraseOrCorrupted,
                "length {length}"
            );
        }
    }
}

/// Every single-bit change anywhere in the file is refused: header bits through the header
/// checks or, when the changed header is still well-formed, through the tag (the header is
/// associated data and feeds the key derivation); ciphertext and tag bits through the tag.
#[test]
fn every_bit_flip_is_an_error() {
    let file = sealed(SECRET);
    for position in 0..file.len() * 8 {
        let mut bad = file.clone();
        if let Some(byte) = bad.get_mut(position / 8) {
            *byte ^= 1 << (position % 8);
        }
        let error = open(b"correct horse", &bad).unwrap_err();
        if position / 8 >= HEADER_LEN {
            assert_eq!(error, SealedFileError::WrongPassphraseOrCorrupted);
        }
    }
}

fn with_cost(memory_kib: u32, iterations: u32, lanes: u32) -> Vec<u8> {
    let mut file = Header {
        cost: CHEAP,
        salt: [1; SALT_LEN],
        nonce: [2; NONCE_LEN],
    }
    .encode();
    let fields = [memory_kib, iterations, lanes];
    for (i, value) in fields.iter().enumerate() {
        let at = MAGIC.len() + 2 + 4 * i;
        file.get_mut(at..at + 4)
            .unwrap()
            .copy_from_slice(&value.to_be_bytes());
    }
    file.extend_from_slice(&[0; 40]);
    file
}

/// A header that asks for absurd work is refused by its checks, before Argon2id allocates
/// anything: the typed error can only come from [`KdfCost::check`].
#[test]
fn absurd_costs_are_refused_before_any_work() {
    let cases = [
        (u32::MAX, 1, 1, "memory_kib"),
        (KdfCost::MAX_MEMORY_KIB + 1, 1, 1, "memory_kib"),
        (7, 1, 1, "memory_kib"),
        (64, 1, 9, "memory_kib"),
        (8, 0, 1, "iterations"),
        (8, u32::MAX, 1, "iterations"),
        (8, 1, 0, "lanes"),
        (u32::MAX, 1, u32::MAX, "lanes"),
    ];
    for (memory_kib, iterations, lanes, field) in cases {
        let error = open(b"pass", &with_cost(memory_kib, iterations, lanes)).unwrap_err();
        assert!(
            matches!(error, SealedFileError::KdfCostOutOfRange { field: f, .. } if f == field),
            "{memory_kib} {iterations} {lanes}: {error}"
        );
        let cost = KdfCost {
            memory_kib,
            iterations,
            lanes,
        };
        assert!(seal(&mut rand_core::OsRng, b"pass", cost, SECRET).is_err());
    }
}

#[test]
fn unknown_versions_and_algorithms_are_named() {
    let file = sealed(SECRET);
    let changed = |at: usize, value: u8| {
        let mut bad = file.clone();
        *bad.get_mut(at).unwrap() = value;
        open(b"correct horse", &bad).unwrap_err()
    };
    assert_eq!(changed(8, 2), SealedFileError::UnsupportedVersion(2));
    assert_eq!(changed(9, 2), SealedFileError::UnknownKdf(2));
    assert_eq!(
        changed(MAGIC.len() + 2 + 12 + SALT_LEN, 0),
        SealedFileError::UnknownCipher(0)
    );
}

proptest! {
    #[test]
    fn round_trip(plaintext in proptest::collection::vec(any::<u8>(), 0..300), seed: u64) {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let file = seal(&mut rng, b"pass phrase", CHEAP, &plaintext).unwrap();
        prop_assert_eq!(file.len(), HEADER_LEN + plaintext.len() + TAG_LEN);
        let opened = open(b"pass phrase", &file).unwrap();
        prop_assert_eq!(opened.as_slice(), plaintext.as_slice());
        prop_assert_eq!(
            open(b"pass phrasE", &file).unwrap_err(),
            SealedFileError::WrongPassphraseOrCorrupted
        );
    }

    #[test]
    fn damage_is_an_error_never_a_panic(
        plaintext in proptest::collection::vec(any::<u8>(), 0..100),
        flip: usize,
        cut: usize,
        junk in proptest::collection::vec(any::<u8>(), 0..100),
    ) {
        let file = sealed(&plaintext);
        let mut bad = file.clone();
        let position = flip % (file.len() * 8);
        if let Some(byte) = bad.get_mut(position / 8) {
            *byte ^= 1 << (position % 8);
        }
        prop_assert!(open(b"correct horse", &bad).is_err());
        prop_assert!(open(b"correct horse", file.get(..cut % file.len()).unwrap()).is_err());
        let mut longer = file.clone();
        longer.extend_from_slice(&junk);
        prop_assert_eq!(open(b"correct horse", &longer).is_err(), !junk.is_empty());
        let _ = open(b"correct horse", &junk);
    }
}
