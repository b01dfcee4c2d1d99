//! scrutin's contest data encoding and its hashed-ElGamal encryption.

use super::*;
use proptest::prelude::*;

#[test]
fn layout() {
    let data = ContestData::new(Some(&[1, 0, 300]), "Zoë");
    let bytes = data.encode(1).unwrap();
    let mut expected = vec![0x01, 3, 1, 0, 0xAC, 0x02, 0, 0, 0, 4];
    expected.extend_from_slice("Zoë".as_bytes());
    expected.resize(32, 0);
    assert_eq!(bytes.as_slice(), expected.as_slice());
    assert_eq!(ContestData::decode(&bytes).unwrap(), data);
    // Nothing to record: flags 0, empty text, all padding.
    let empty = ContestData::default().encode(2).unwrap();
    assert_eq!(empty.len(), 64);
    assert!(empty.iter().all(|b| *b == 0));
    assert!(ContestData::default().encode(0).is_none());
}

#[test]
fn selections_that_do_not_fit_are_omitted() {
    // 40 options of value 200 need 1 + 80 bytes; one block holds 32.
    let data = ContestData::new(Some(&[200; 40]), "x");
    let decoded = ContestData::decode(&data.encode(1).unwrap()).unwrap();
    assert_eq!(decoded.overvote, Overvote::Unrecorded);
    assert_eq!(decoded.write_in, "x");
    let decoded = ContestData::decode(&data.encode(3).unwrap()).unwrap();
    assert_eq!(decoded.overvote, Overvote::Recorded(vec![200; 40]));
}

#[test]
fn decoding_is_strict() {
    let good = ContestData::new(None, "ab").encode(1).unwrap().to_vec();
    assert!(ContestData::decode(&good).is_ok());
    assert_eq!(
        ContestData::decode(&good[..31]),
        Err(ContestDataError::WrongLength(31))
    );
    assert_eq!(
        ContestData::decode(&[]),
        Err(ContestDataError::WrongLength(0))
    );
    let mut flags = good.clone();
    flags[0] = 0x08;
    assert_eq!(
        ContestData::decode(&flags),
        Err(ContestDataError::BadFlags(0x08))
    );
    flags[0] = 0x03;
    assert_eq!(
        ContestData::decode(&flags),
        Err(ContestDataError::BadFlags(0x03))
    );
    let mut padding = good.clone();
    padding[31] = 1;
    assert_eq!(
        ContestData::decode(&padding),
        Err(ContestDataError::NonZeroPadding)
    );
    let mut overrun = good.clone();
    overrun[4] = 40;
    assert_eq!(
        ContestData::decode(&overrun),
        Err(ContestDataError::Overrun)
    );
    let mut utf8 = good.clone();
    utf8[5] = 0xFF;
    assert_eq!(ContestData::decode(&utf8), Err(ContestDataError::NotUtf8));
    // A LEB128 value with a superfluous zero byte is not shortest-form.
    let mut long = vec![0x01, 0x01, 0x81, 0x00, 0, 0, 0, 0];
    long.resize(32, 0);
    assert_eq!(
        ContestData::decode(&long),
        Err(ContestDataError::BadInteger)
    );
    // A count larger than the remaining bytes.
    let mut count = vec![0x01, 0xFF, 0x7F];
    count.resize(32, 0);
    assert_eq!(
        ContestData::decode(&count),
        Err(ContestDataError::BadInteger)
    );
}

#[test]
fn hashed_elgamal_round_trip_and_proof() {
    let mut rng = rng(70);
    let election = election::<Toy256>(&mut rng);
    let hi = HValue([5; 32]);
    let nonce = SecretScalar::<Toy256>::random(&mut rng);
    let data: Vec<u8> = (0..96u8).collect();
    let c = encrypt_contest_data(&mut rng, &hi, &election.ctx.data_key, 4, &nonce, &data).unwrap();
    assert_eq!(c.c1.len(), 96);
    let at = Location::Contest {
        ballot: None,
        contest: 4,
    };
    verify_contest_data_proof(&hi, 4, 3, &c, at.clone()).unwrap();
    // Bound to the contest index and the block count.
    assert!(verify_contest_data_proof(&hi, 5, 3, &c, at.clone()).is_err());
    assert!(verify_contest_data_proof(&hi, 4, 2, &c, at).is_err());
    // Decrypts with the guardians' β and with the nonce (equations 104–106, 110–111).
    let by_key = decrypt_contest_data(&hi, 4, &c, &election.data_beta(&c.c0)).unwrap();
    assert_eq!(by_key.as_slice(), data.as_slice());
    let by_nonce = reencrypt_contest_data(&hi, &election.ctx.data_key, 4, &nonce.reveal(), &data);
    assert_eq!(by_nonce, Some(c.c1.clone()));
    // Lengths that are not whole blocks are refused.
    assert!(
        encrypt_contest_data(&mut rng, &hi, &election.ctx.data_key, 4, &nonce, &data[1..])
            .is_none()
    );
    assert!(encrypt_contest_data(&mut rng, &hi, &election.ctx.data_key, 4, &nonce, &[]).is_none());
}

use crate::hash::HValue;
use crate::verify_error::Location;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn encode_decode_round_trip(
        selections in proptest::option::of(proptest::collection::vec(any::<u64>(), 0..12)),
        text in "\\PC{0,40}",
        blocks in 1u32..5,
    ) {
        let data = ContestData::new(selections.as_deref(), &text);
        let bytes = data.encode(blocks).unwrap();
        prop_assert_eq!(bytes.len(), 32 * blocks as usize);
        let decoded = ContestData::decode(&bytes).unwrap();
        // The overvote record survives or is marked omitted; the text survives or is a
        // marked prefix.
        match (&data.overvote, &decoded.overvote) {
            (Overvote::Recorded(_), Overvote::Unrecorded) => {}
            (a, b) => prop_assert_eq!(a, b),
        }
        prop_assert!(text.starts_with(&decoded.write_in));
        prop_assert_eq!(decoded.write_in_truncated, decoded.write_in.len() < text.len());
        // Re-encoding what was decoded gives the same bytes.
        let again = decoded.encode(blocks).unwrap();
        prop_assert_eq!(again.as_slice(), bytes.as_slice());
    }

    #[test]
    fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..100)) {
        let _ = ContestData::decode(&bytes);
    }
}
