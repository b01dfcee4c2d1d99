//! The byte layouts of §5.5.4, checked on the standard parameters.

use crate::decryption::hashes::{
    ballot_nonce_proof_input, contest_data_proof_input, data_challenge_input,
    data_commitment_input, tally_challenge_input, tally_commitment_input,
};
use crate::decryption::{CommitmentPair, Quorum};
use crate::elgamal::Ciphertext;
use crate::group::{Element, Scalar, Standard};
use crate::hashed_elgamal::HashedCiphertext;
use crate::parameters::GuardianCounts;
use crate::proofs::SchnorrProof;

type P = Standard;

fn fixtures(
    blocks: usize,
) -> (
    Ciphertext<P>,
    HashedCiphertext<P>,
    CommitmentPair<P>,
    Element<P>,
) {
    let g = Element::<P>::generator();
    let ciphertext = Ciphertext {
        alpha: g.clone(),
        beta: g.mul(&g),
    };
    let proof = SchnorrProof {
        challenge: Scalar::one(),
        response: Scalar::from_u64(2),
    };
    let hashed = HashedCiphertext {
        c0: g.clone(),
        c1: vec![0xAB; 32 * blocks],
        proof,
    };
    (
        ciphertext,
        hashed,
        CommitmentPair {
            a: g.clone(),
            b: g.clone(),
        },
        g,
    )
}

#[test]
fn tally_commitment_and_challenge_lengths() {
    let (ct, _, pair, m) = fixtures(1);
    let quorum = Quorum::<P>::new(GuardianCounts::new(5, 3).unwrap(), &[5, 1, 3]).unwrap();
    let input = tally_commitment_input(7, 9, 3, &ct, &pair, &m, &quorum);
    let bytes = input.as_bytes();
    // len(B1) = 2577 + 4·#U (equation 88).
    assert_eq!(bytes.len(), 2577 + 4 * 3);
    assert_eq!(&bytes[..13], &[0x30, 0, 0, 0, 7, 0, 0, 0, 9, 0, 0, 0, 3]);
    // U = {1, 3, 5} in increasing order, after its size.
    assert_eq!(
        &bytes[bytes.len() - 16..],
        &[0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 5]
    );
    // len(B1) = 2569 (equation 90).
    let challenge = tally_challenge_input(7, 9, &ct, &pair, &m);
    assert_eq!(challenge.as_bytes().len(), 2569);
    assert_eq!(&challenge.as_bytes()[..9], &[0x31, 0, 0, 0, 7, 0, 0, 0, 9]);
}

#[test]
fn data_commitment_and_challenge_lengths() {
    let blocks = 3;
    let (_, hashed, pair, m) = fixtures(blocks);
    let quorum = Quorum::<P>::new(GuardianCounts::new(5, 3).unwrap(), &[2, 3, 4, 5]).unwrap();
    // len(B1) = 2125 + 32·b_Λ + 4·#U (equation 99).
    let input = data_commitment_input(2, 4, &hashed, &pair, &m, &quorum);
    assert_eq!(input.as_bytes().len(), 2125 + 32 * blocks + 4 * 4);
    assert_eq!(&input.as_bytes()[..9], &[0x32, 0, 0, 0, 2, 0, 0, 0, 4]);
    // C2 = b(c, 32) ∥ b(v, 32) follows C0 ∥ C1.
    let c2 = 9 + 512 + 32 * blocks;
    assert_eq!(input.as_bytes()[c2 + 31], 1);
    assert_eq!(input.as_bytes()[c2 + 63], 2);
    // len(B1) = 2117 + 32·b_Λ (equation 101).
    let challenge = data_challenge_input(2, &hashed, &pair, &m);
    assert_eq!(challenge.as_bytes().len(), 2117 + 32 * blocks);
    assert_eq!(challenge.as_bytes()[0], 0x33);
}

#[test]
fn encryption_proof_lengths() {
    let (_, hashed, _, a) = fixtures(2);
    // len(B1) = 1029 + 32·b_Λ (equation 69) and 1057 (equation 38, one block).
    assert_eq!(
        contest_data_proof_input(1, &a, &hashed).as_bytes().len(),
        1029 + 64
    );
    let (_, nonce, _, a) = fixtures(1);
    assert_eq!(ballot_nonce_proof_input(&a, &nonce).as_bytes().len(), 1057);
}
