//! A driver for counting instructions per group operation with callgrind (docs/benchmarks.md):
//! `opcount OP N` does the setup, then runs OP N times. Setup is the same for every OP and N, so
//! (count(OP, N) − count(OP, 0)) / N is the cost of one OP, free of the setup:
//!
//! ```sh
//! cargo build --release -p scrutin-core --example opcount
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/opcount mul 100
//! ```
//!
//! OP is one of `mul`, `square`, `pow_many2` (x^a and x^b along one chain), `g_vartime`,
//! `k_vartime` (from K's table), `pow_vartime`, `decode` (one x^q test), `decode_batch` (101
//! elements, one batch), `range_verify` (R = 1).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};
use scrutin_core::elgamal::Ciphertext;
use scrutin_core::group::FixedBase;
use scrutin_core::hash::{hq, HValue, HashInput};
use scrutin_core::proofs::{Check, RangeProof};
use scrutin_core::step::v2_1::V6_D;
use scrutin_core::{Element, Location, Scalar, SecretScalar, Standard};
use std::hint::black_box;

type P = Standard;

fn scalar(rng: &mut ChaCha20Rng) -> Scalar<P> {
    let mut bytes = [0u8; 64];
    rng.fill_bytes(&mut bytes);
    Scalar::from_bytes_reduced(&bytes)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let op = args.get(1).map(String::as_str).unwrap_or("mul");
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let mut rng = ChaCha20Rng::seed_from_u64(7);

    // Setup, the same whatever the operation: elements, the tables of g and K, one range proof.
    let x = Element::<P>::g_pow_vartime(&scalar(&mut rng));
    let y = Element::<P>::g_pow_vartime(&scalar(&mut rng));
    let (a, b) = (scalar(&mut rng), scalar(&mut rng));
    let key = FixedBase::new(&Element::<P>::g_pow_vartime(&scalar(&mut rng)));
    let members: Vec<Vec<u8>> = (0..101)
        .map(|_| Element::<P>::g_pow_vartime(&scalar(&mut rng)).to_bytes())
        .collect();
    let hash_key = HValue([9u8; 32]);
    let challenge = |commitments: &[(Element<P>, Element<P>)]| -> Scalar<P> {
        let input = commitments
            .iter()
            .fold(HashInput::new(0x24), |h, (a, b)| h.element(a).element(b));
        hq::<P>(&hash_key, &input)
    };
    let nonce = SecretScalar::<P>::random(&mut rng);
    let ciphertext = Ciphertext::encrypt(&key, 1, &nonce);
    let proof = RangeProof::prove(&mut rng, &key, 1, 1, &nonce, challenge).unwrap();
    let check = Check::new(V6_D, Location::Election);

    for _ in 0..n {
        match op {
            "mul" => drop(black_box(black_box(&x).mul(&y))),
            "square" => drop(black_box(black_box(&x).square())),
            "pow_many2" => drop(black_box(x.pow_many_vartime(&[&a, &b]))),
            "g_vartime" => drop(black_box(Element::<P>::g_pow_vartime(black_box(&a)))),
            "k_vartime" => drop(black_box(key.pow_vartime(black_box(&a)))),
            "pow_vartime" => drop(black_box(x.pow_vartime(black_box(&a)))),
            "decode" => drop(black_box(Element::<P>::decode(&members[0]).unwrap())),
            "decode_batch" => {
                let refs: Vec<&[u8]> = members.iter().map(Vec::as_slice).collect();
                let decoded = Element::<P>::decode_batch(&mut rng, &refs);
                assert!(decoded.iter().all(Result::is_ok));
            }
            "range_verify" => proof
                .verify(&key, &ciphertext, 1, challenge, &check)
                .unwrap(),
            other => panic!("unknown operation {other}"),
        }
    }
}
