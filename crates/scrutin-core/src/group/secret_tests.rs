//! Tests of how secret scalars are wiped and decoded.

use super::*;
use rand_core::OsRng;

/// `bytes` + `n` as a big-endian integer of the same width (no carry out of the top byte is
/// expected for the values used here).
fn plus(bytes: &[u8], n: u8) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let mut carry = u16::from(n);
    for byte in out.iter_mut().rev() {
        let sum = u16::from(*byte) + carry;
        *byte = (sum & 0xFF) as u8;
        carry = sum >> 8;
    }
    assert_eq!(carry, 0);
    out
}

/// b(q − 1, l_q).
fn q_minus_one<P: ParameterSet>() -> Vec<u8> {
    Scalar::<P>::zero().sub(&Scalar::one()).to_bytes()
}

fn wipe_overwrites_the_limbs_in_place<P: ParameterSet>() {
    let mut secret = SecretScalar::<P>::random(&mut OsRng);
    while secret.limbs().iter().all(|w| *w == 0) {
        secret = SecretScalar::<P>::random(&mut OsRng);
    }
    let storage = secret.limbs().as_ptr();
    let length = secret.limbs().len();
    secret.wipe();
    // The same allocation, now all zeros: a wipe that replaced the value by a zeroed copy would
    // leave the old limbs unwiped in freed memory and fail the first assertion.
    assert_eq!(secret.limbs().as_ptr(), storage);
    assert_eq!(secret.limbs().len(), length);
    assert!(secret.limbs().iter().all(|w| *w == 0));
    assert!(secret.reveal().is_zero());
}

#[test]
fn wipe_overwrites_the_limbs_in_place_toy() {
    wipe_overwrites_the_limbs_in_place::<Toy256>();
}

#[test]
fn wipe_overwrites_the_limbs_in_place_standard() {
    wipe_overwrites_the_limbs_in_place::<Standard>();
}

fn decode_ct_checks_range_and_length<P: ParameterSet>() {
    let largest = q_minus_one::<P>();
    let decoded = SecretScalar::<P>::decode_ct(&largest).unwrap();
    assert_eq!(decoded.to_secret_bytes().as_slice(), largest.as_slice());
    assert!(SecretScalar::<P>::decode_ct(&vec![0u8; largest.len()]).is_ok());
    for over in [
        plus(&largest, 1),
        plus(&largest, 2),
        vec![0xFF; largest.len()],
    ] {
        assert!(matches!(
            SecretScalar::<P>::decode_ct(&over),
            Err(GroupError::OutOfRange)
        ));
    }
    let mut long = vec![0u8];
    long.extend_from_slice(&largest);
    assert!(matches!(
        SecretScalar::<P>::decode_ct(&long),
        Err(GroupError::WrongLength { expected, found })
            if expected == largest.len() && found == largest.len() + 1
    ));
    assert!(matches!(
        SecretScalar::<P>::decode_ct(&largest[1..]),
        Err(GroupError::WrongLength { .. })
    ));
}

#[test]
fn decode_ct_accepts_below_q_and_rejects_the_rest_toy() {
    decode_ct_checks_range_and_length::<Toy256>();
}

#[test]
fn decode_ct_accepts_below_q_and_rejects_the_rest_standard() {
    decode_ct_checks_range_and_length::<Standard>();
}

#[test]
fn decode_ct_agrees_with_the_public_decode() {
    for seed in [0u64, 1, 2, 0xFFFF_FFFF, u64::MAX] {
        let bytes = Scalar::<Standard>::from_u64(seed).to_bytes();
        let secret = SecretScalar::<Standard>::decode_ct(&bytes).unwrap();
        assert_eq!(secret.reveal(), Scalar::decode(&bytes).unwrap());
    }
}

#[test]
fn secret_bytes_are_the_public_encoding() {
    let secret = SecretScalar::<Standard>::random(&mut OsRng);
    assert_eq!(
        secret.to_secret_bytes().as_slice(),
        secret.reveal().to_bytes().as_slice()
    );
    let small = SecretScalar::<Toy256>::from_small(0x0102);
    let bytes = small.to_secret_bytes();
    assert_eq!(&bytes[bytes.len() - 2..], &[1, 2]);
    assert!(bytes[..bytes.len() - 2].iter().all(|b| *b == 0));
}
