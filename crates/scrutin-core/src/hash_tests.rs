use super::*;
use crate::group::{Standard, Toy256};

#[test]
fn hmac_known_answer_rfc4231_case_2() {
    // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
    let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
    assert_eq!(
        mac.to_hex(),
        "5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843"
    );
}

#[test]
fn version_key_is_padded() {
    // §3.1.2: ver = 0x76322E312E30 ∥ b(0, 26).
    let ver = version_key("v2.1.0");
    assert_eq!(&ver.0[..6], &[0x76, 0x32, 0x2E, 0x31, 0x2E, 0x30]);
    assert!(ver.0[6..].iter().all(|b| *b == 0));
}

#[test]
fn encodings_have_fixed_widths() {
    // §5.1.3: b(5, 4) = 0x00000005; §5.1.4: the example string encoding; §5.1.1 widths.
    let input = HashInput::new(0x00).u32(5).u32(3);
    assert_eq!(input.as_bytes(), &[0, 0, 0, 0, 5, 0, 0, 0, 3]);
    let s = HashInput::new(0x2A).var_bytes(b"ElectionGuard");
    assert_eq!(
        hex::encode_upper(&s.as_bytes()[5..]),
        "456C656374696F6E4775617264"
    );
    assert_eq!(&s.as_bytes()[1..5], &[0, 0, 0, 13]);
    let g = crate::group::Element::<Standard>::generator();
    assert_eq!(HashInput::new(0).element(&g).as_bytes().len(), 513);
    let one = crate::group::Scalar::<Standard>::one();
    let enc = HashInput::new(0).scalar(&one);
    assert_eq!(enc.as_bytes().len(), 33);
    assert_eq!(enc.as_bytes()[32], 1);
    let toy = crate::group::Element::<Toy256>::generator();
    assert_eq!(HashInput::new(0).element(&toy).as_bytes().len(), 33);
}

#[test]
fn hq_reduces_modulo_q() {
    let key = HValue([7u8; 32]);
    let input = HashInput::new(0x10).u32(1);
    let full = h(&key, &input);
    let reduced: crate::group::Scalar<Toy256> = hq(&key, &input);
    assert_eq!(reduced, crate::group::Scalar::from_bytes_reduced(&full.0));
    assert_eq!(reduced.to_bytes().len(), 8);
}
