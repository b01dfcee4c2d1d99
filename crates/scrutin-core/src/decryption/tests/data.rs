//! Decryption with the data key: contest data and ballot nonces (§3.6.6–3.6.7, Verification 12).

use super::{guardians, subsets, Guardians};
use crate::decryption::{
    decrypt_data, DataDecryption, DataKind, DataTarget, DecryptionError, Statement,
};
use crate::group::{Element, Scalar, SecretScalar, Toy256};
use crate::hash::{domain, h, hq, HValue, HashInput};
use crate::hashed_elgamal::{kdf_block, xor_blocks, HashedCiphertext};
use crate::proofs::SchnorrProof;
use crate::step::v2_1::V12_B;
use crate::verify_error::{Location, Reason};
use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};
use zeroize::Zeroizing;

type P = Toy256;

/// k_1 … k_b for contest data (equations 66 and 104).
fn contest_data_keys(key: &HValue, contest: u32, blocks: usize) -> Vec<Zeroizing<[u8; 32]>> {
    let context = [b"contest data".as_slice(), &contest.to_be_bytes()].concat();
    let length = u32::try_from(blocks * 256).unwrap().to_be_bytes();
    (1..=blocks as u32)
        .map(|i| kdf_block(key, &i.to_be_bytes(), b"data enc keys", &context, &length))
        .collect()
}

/// The contest-data key h = H(H_I; 0x26, ind_c, α, β) (equations 65 and 12.3).
fn contest_data_key(h_i: &HValue, contest: u32, alpha: &Element<P>, beta: &Element<P>) -> HValue {
    h(
        h_i,
        &HashInput::new(domain::CONTEST_DATA_KEY)
            .u32(contest)
            .element(alpha)
            .element(beta),
    )
}

/// Contest data encrypted as in §3.3.10 (equations 65–69), with a random nonce.
fn encrypt_contest_data(
    rng: &mut ChaCha20Rng,
    data_key: &Element<P>,
    h_i: &HValue,
    contest: u32,
    data: &[u8],
) -> HashedCiphertext<P> {
    let nonce = SecretScalar::random(rng);
    let c0 = nonce.g_pow();
    let key = contest_data_key(h_i, contest, &c0, &nonce.pow_of(data_key));
    let c1 = xor_blocks(data, &contest_data_keys(&key, contest, data.len() / 32))
        .unwrap()
        .to_vec();
    let proof = SchnorrProof::prove(rng, &nonce, |a| {
        let input = HashInput::new(domain::CONTEST_DATA_PROOF)
            .u32(contest)
            .element(a)
            .element(&c0)
            .fixed(&c1);
        hq(h_i, &input)
    });
    HashedCiphertext { c0, c1, proof }
}

/// The ballot-nonce key k_1 from h = H(H_I; 0x22, α_B, β_B) (equations 35–36).
fn ballot_nonce_key(h_i: &HValue, alpha: &Element<P>, beta: &Element<P>) -> Zeroizing<[u8; 32]> {
    let key = h(
        h_i,
        &HashInput::new(domain::BALLOT_NONCE_KEY)
            .element(alpha)
            .element(beta),
    );
    kdf_block(
        &key,
        &[1],
        b"ballot nonce",
        b"ballot nonce encrypt",
        &[1, 0],
    )
}

/// A ballot nonce encrypted as in §3.3.4 (equations 34–38).
fn encrypt_ballot_nonce(
    rng: &mut ChaCha20Rng,
    data_key: &Element<P>,
    h_i: &HValue,
    ballot_nonce: &[u8; 32],
) -> HashedCiphertext<P> {
    let nonce = SecretScalar::random(rng);
    let c0 = nonce.g_pow();
    let k1 = ballot_nonce_key(h_i, &c0, &nonce.pow_of(data_key));
    let c1 = xor_blocks(ballot_nonce, &[k1]).unwrap().to_vec();
    let proof = SchnorrProof::prove(rng, &nonce, |a| {
        hq(
            h_i,
            &HashInput::new(domain::BALLOT_NONCE_PROOF)
                .element(a)
                .element(&c0)
                .fixed(&c1),
        )
    });
    HashedCiphertext { c0, c1, proof }
}

struct Fixture {
    g: Guardians<P>,
    rng: ChaCha20Rng,
    targets: Vec<DataTarget<P>>,
    plaintexts: Vec<Vec<u8>>,
}

fn fixture() -> Fixture {
    let g = guardians::<P>(31, 5, 3);
    let mut rng = ChaCha20Rng::seed_from_u64(32);
    let mut targets = Vec::new();
    let mut plaintexts = Vec::new();
    for (b, ballot) in ["ballot-a", "ballot-b"].iter().enumerate() {
        let h_i = HValue([b as u8 + 1; 32]);
        for (contest, blocks) in [(1u32, 1usize), (4, 2)] {
            let mut data = vec![0u8; 32 * blocks];
            rng.fill_bytes(&mut data);
            let ciphertext = encrypt_contest_data(&mut rng, &g.ctx.data_key, &h_i, contest, &data);
            let kind = DataKind::ContestData { contest };
            targets.push(DataTarget {
                ballot: ballot.to_string(),
                identifier_hash: h_i,
                kind,
                ciphertext,
            });
            plaintexts.push(data);
        }
        let mut nonce = [0u8; 32];
        rng.fill_bytes(&mut nonce);
        let ciphertext = encrypt_ballot_nonce(&mut rng, &g.ctx.data_key, &h_i, &nonce);
        let kind = DataKind::BallotNonce;
        targets.push(DataTarget {
            ballot: ballot.to_string(),
            identifier_hash: h_i,
            kind,
            ciphertext,
        });
        plaintexts.push(nonce.to_vec());
    }
    Fixture {
        g,
        rng,
        targets,
        plaintexts,
    }
}

/// 12.3–12.4 and 12.C, or equations 35–36 for a ballot nonce: the caller's part.
fn open(target: &DataTarget<P>, beta: &Element<P>) -> Vec<u8> {
    let ct = &target.ciphertext;
    let keys = match target.kind {
        DataKind::ContestData { contest } => {
            let key = contest_data_key(&target.identifier_hash, contest, &ct.c0, beta);
            contest_data_keys(&key, contest, ct.c1.len() / 32)
        }
        DataKind::BallotNonce => vec![ballot_nonce_key(&target.identifier_hash, &ct.c0, beta)],
    };
    xor_blocks(&ct.c1, &keys).unwrap().to_vec()
}

#[test]
fn every_quorum_decrypts_contest_data_and_ballot_nonces() {
    let mut f = fixture();
    let mut quorums = subsets(5, 3);
    quorums.push(vec![1, 2, 3, 4, 5]);
    for available in quorums {
        let shares = f.g.data(&available);
        let decrypted = decrypt_data(&mut f.rng, &f.g.ctx, &f.targets, &shares).unwrap();
        assert_eq!(decrypted.len(), f.targets.len());
        for ((target, d), plain) in f.targets.iter().zip(&decrypted).zip(&f.plaintexts) {
            d.verify(&f.g.ctx, target).unwrap();
            assert_eq!(&open(target, &d.beta), plain, "{available:?}");
        }
    }
}

#[test]
fn vote_key_shares_do_not_decrypt_data() {
    let mut f = fixture();
    let shares = f.g.vote(&[1, 2, 3]);
    // Each guardian's check of Note 3.7 is the combiner's; in memory the share keys come from
    // the shares themselves, so the joint proof against K̂ fails without a guardian to blame.
    let err = decrypt_data(&mut f.rng, &f.g.ctx, &f.targets, &shares).unwrap_err();
    assert!(
        matches!(err, DecryptionError::InconsistentKeys { item: 0, .. }),
        "{err}"
    );
}

#[test]
fn an_invalid_encryption_proof_stops_decryption() {
    let mut f = fixture();
    for item in [1, 2] {
        let mut targets = f.targets.clone();
        let proof = &mut targets[item].ciphertext.proof;
        proof.response = proof.response.add(&Scalar::one());
        let err = decrypt_data(&mut f.rng, &f.g.ctx, &targets, &f.g.data(&[1, 4, 5])).unwrap_err();
        let location = targets[item].location();
        assert_eq!(
            err,
            DecryptionError::InvalidEncryptionProof { item, location }
        );
    }
    // The proofs are bound to the kind: a nonce's proof is not a contest-data proof.
    let mut targets = f.targets.clone();
    targets[2].kind = DataKind::ContestData { contest: 0 };
    let err = decrypt_data(&mut f.rng, &f.g.ctx, &targets, &f.g.data(&[1, 4, 5])).unwrap_err();
    assert!(matches!(
        err,
        DecryptionError::InvalidEncryptionProof { item: 2, .. }
    ));
}

/// Tampering with β, c, v, C0, C1, the contest index or H_I fails 12.B at the target.
#[test]
fn verification_12_tampering() {
    let mut f = fixture();
    let decrypted = decrypt_data(&mut f.rng, &f.g.ctx, &f.targets, &f.g.data(&[2, 3, 5])).unwrap();
    let gen = Element::<P>::generator();
    let one = Scalar::<P>::one();
    for (item, expected) in [
        (
            1,
            Location::Contest {
                ballot: Some("ballot-a".into()),
                contest: 4,
            },
        ),
        (5, Location::Ballot("ballot-b".into())),
    ] {
        let target = &f.targets[item];
        let good = &decrypted[item];
        assert_eq!(target.location(), expected);
        let fails = |d: &DataDecryption<P>, t: &DataTarget<P>| {
            let err = d.verify(&f.g.ctx, t).unwrap_err();
            assert_eq!(
                (err.step, err.location, err.reason),
                (V12_B, expected.clone(), Reason::ChallengeMismatch)
            );
        };
        let mut d = good.clone();
        d.beta = d.beta.mul(&gen);
        fails(&d, target);
        let mut d = good.clone();
        d.proof.challenge = d.proof.challenge.add(&one);
        fails(&d, target);
        let mut d = good.clone();
        d.proof.response = d.proof.response.add(&one);
        fails(&d, target);
        let mut t = target.clone();
        t.ciphertext.c0 = t.ciphertext.c0.mul(&gen);
        fails(good, &t);
        let mut t = target.clone();
        t.ciphertext.c1[0] ^= 1;
        fails(good, &t);
        let mut t = target.clone();
        t.ciphertext.proof.challenge = t.ciphertext.proof.challenge.add(&one);
        fails(good, &t);
        let mut t = target.clone();
        t.identifier_hash.0[0] ^= 1;
        fails(good, &t);
    }
    // The contest index is bound: the decryption of contest 4 is not one of contest 5.
    let mut t = f.targets[1].clone();
    t.kind = DataKind::ContestData { contest: 5 };
    assert_eq!(decrypted[1].verify(&f.g.ctx, &t).unwrap_err().step, V12_B);
}
