//! Known answers on the standard group for equations 32, 33, 70–78, from the independent
//! ElectionGuard 2.1 KAT vectors published with electionguard-cs (Sharkbait-Software,
//! `test/kat/vectors.json`, generated from the specification text by a separate Python
//! oracle). Their `main_chain` election has K = g^5, K̂ = g^7 and the H_E below.

use super::*;
use crate::elgamal::Ciphertext;
use crate::group::Standard;
use crate::hash::HValue;

fn hv(hex: &str) -> HValue {
    HValue::from_slice(&hex::decode(hex).unwrap()).unwrap()
}

const H_E: &str = "A956469F246D37B21C17F2A68BC4ECE7694FD3F4BE5123F3148DDBF199DA84B0";
const H_I: &str = "CA7B1FD3105727E41DFB0037CF00CCE84197F0C4BB7FFFAB9099C2C359288C6C";
/// "Wahllokal Zürich – Gerät №7 🗳" in UTF-8.
const S_DEVICE: &str =
    "5761686C6C6F6B616C205AC3BC7269636820E2809320476572C3A47420E284963720F09F97B3";
const H_DI: &str = "2505D06F51EE4729B23FA36054445FB440EBD4E075F9A7F29003A0DEE28A2528";
const CHI_1: &str = "665CEC8E6EB21078FE98AEEAE0EFE74E9BCF2526742FDCC21ACC3AD82E5BBD36";
const CHI_2: &str = "B36A4BE49C2137D2B8DD05BBDF6DB5F3415E602A4B914C9E55C124F592029343";

fn g_pow(n: u64) -> Element<Standard> {
    Element::g_pow(&Scalar::from_u64(n))
}

#[test]
fn identifier_and_device_hashes() {
    let id = BallotId(
        hex::decode("0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F20")
            .unwrap()
            .try_into()
            .unwrap(),
    );
    assert_eq!(identifier_hash(&hv(H_E), &id), hv(H_I));
    let s_device = String::from_utf8(hex::decode(S_DEVICE).unwrap()).unwrap();
    assert_eq!(device_hash(&hv(H_E), &s_device), hv(H_DI));
    assert_eq!(
        device_hash(&hv(H_E), "polling-place-42/device-7"),
        hv("39E6F081A4BE3082C2CDA19C21D7BD0548DCEC8EDA844881A47C669F48291453")
    );
    assert_eq!(
        device_hash(&hv(H_E), ""),
        hv("A8661878CAC3E9D5411F378AE86075DEE4AD11760E6E9DBFC6243F66CF2E7182")
    );
}

#[test]
fn selection_nonce_and_contest_hash() {
    // ξ_{2^31−1, 2^31−1} for ξ_B = 2^256 − 1 (equation 33).
    let ones = BallotNonce::from_secret_bytes(&[0xFF; 32]).unwrap();
    let xi = ones.selection_nonce::<Standard>(&hv(H_I), 0x7FFF_FFFF, 0x7FFF_FFFF);
    assert_eq!(
        hex::encode_upper(xi.reveal().to_bytes()),
        "C53E2DEC966CF2E2D3E94C1B0C51981151A42BDD19991BC99521A8B757296027"
    );
    // χ_1 for σ = [1, 0] encrypted under K = g^5 with the nonces of ξ_B = A0 A1 … BF
    // (equations 31, 33, 70).
    let nonce = BallotNonce::from_secret_bytes(&(0xA0..=0xBF).collect::<Vec<u8>>()).unwrap();
    let key = g_pow(5);
    let ciphertexts: Vec<Ciphertext<Standard>> = [1u64, 0]
        .iter()
        .zip(1u32..)
        .map(|(sigma, j)| {
            let xi = nonce.selection_nonce::<Standard>(&hv(H_I), 1, j);
            Ciphertext::encrypt(&key, *sigma, &xi)
        })
        .collect();
    assert_eq!(contest_hash(&hv(H_I), 1, &ciphertexts, None), hv(CHI_1));
}

#[test]
fn confirmation_codes_and_chain() {
    let he = hv(H_E);
    let hdi = hv(H_DI);
    let hashes = [hv(CHI_1), hv(CHI_2)];
    // Equation 71 with no chaining (73).
    assert_eq!(
        confirmation_code(&hv(H_I), &hashes, &no_chaining_field(&hdi)),
        hv("775A2F64F3CD22D5A17EBA1EC890BC9AE4F9FB37228B9D037CDB6E93B0FBD2BD")
    );
    // Simple chaining: H_0 (74–75), H_1 (76), H_2 on another ballot, the close (77–78).
    let (h0, initial) = chain_init(&he, &hdi);
    assert_eq!(
        h0,
        hv("17D8A1F5C2A76A448E9AD93B9E8ECAC22A1B3AF96100FFB47431F88DB5360E1C")
    );
    let h1 = confirmation_code(&hv(H_I), &hashes, &chain_field(&h0));
    assert_eq!(
        h1,
        hv("1FA0820D95D3A3018BF5CE9619EEB2948CA99FAFE925D4BF32E077FEBD739C9B")
    );
    let second_hi = hv("1F39F2EE567614C42932FDD5DFBA0B01FAA1C0EE242B3C1C0B58AB33DF9086DA");
    let chi = contest_hash(
        &second_hi,
        1,
        &[Ciphertext {
            alpha: g_pow(21),
            beta: g_pow(22),
        }],
        None,
    );
    assert_eq!(
        chi,
        hv("E07517DB771519EEE3D22DA848F320BF1E10C7B4992FA750BA571DF56D619A83")
    );
    let h2 = confirmation_code(&second_hi, &[chi], &chain_field(&h1));
    assert_eq!(
        h2,
        hv("253E331479DFA9F8C0CCD0171B5E07DAE6CC4723081731368D10F40D896FBB32")
    );
    assert_eq!(
        closing_field(&he, &h2, &initial).hash(),
        hv("09FCA5AA6AB08389FD14FC47F0D4ECCA0EAEE2EBD3D979914F99773D6E0BE0F8")
    );
    assert_eq!(
        chain_close(&he, &h2, &initial),
        hv("80D816602519E14F39F5F73F1E46079834AA885F3E5CA8AAB7585869B07F9FA5")
    );
}
