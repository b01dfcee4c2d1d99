//! Criterion benchmarks of each proof's generation and verification on the standard 4096-bit
//! parameter set, as the ballot, decryption and verification code calls them: Schnorr (§3.3.4),
//! Chaum–Pedersen (§3.6.5, by one prover and jointly by a quorum), and the range proofs 0 … R
//! for R = 1 and R = 5 (§3.3.7) with the key K from its fixed-base table. Run with
//! `cargo bench -p scrutin-core --bench proofs -- --warm-up-time 1 --measurement-time 3`.
//!
//! With `SCRUTIN_BENCH_CLOCK=cpu` each sample is the CPU time of the benchmarking thread
//! instead of wall-clock time, for a machine shared with other work.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
// `criterion_group!` generates a public function without a doc comment, and `missing_docs`
// fires on that generated code; the crate's own doc is the one above.
#![allow(missing_docs)]

use criterion::{black_box, criterion_group, criterion_main, Bencher, Criterion};
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;
use scrutin_core::ceremony::{joint_keys, run_ceremony};
use scrutin_core::decryption::{decrypt_in_memory, verify_tally_decryption, TallyTarget};
use scrutin_core::election::ElectionContext;
use scrutin_core::elgamal::Ciphertext;
use scrutin_core::hash::{hq, HValue, HashInput};
use scrutin_core::parameters::{parameter_base_hash, GuardianCounts};
use scrutin_core::proofs::{ChaumPedersenProof, Check, RangeProof, SchnorrProof};
use scrutin_core::step::own::BALLOT_NONCE_PROOF_CHECK;
use scrutin_core::step::v2_1::{V10_B, V6_D};
use scrutin_core::{Element, Location, Scalar, SecretScalar, Standard};
use std::time::{Duration, Instant};

type P = Standard;

/// Times `routine` `iters` times on the wall clock, or on the thread's CPU clock when
/// `SCRUTIN_BENCH_CLOCK=cpu`.
fn timed<O>(b: &mut Bencher<'_>, mut routine: impl FnMut() -> O) {
    let cpu = std::env::var("SCRUTIN_BENCH_CLOCK").is_ok_and(|v| v == "cpu");
    b.iter_custom(|iters| {
        if cpu {
            let start = cpu_time::ThreadTime::now();
            for _ in 0..iters {
                black_box(routine());
            }
            start.elapsed()
        } else {
            let start = Instant::now();
            for _ in 0..iters {
                black_box(routine());
            }
            start.elapsed()
        }
    });
}

/// An election with 5 guardians, quorum 3, on the standard group.
fn election(rng: &mut ChaCha20Rng) -> (ElectionContext<P>, Vec<(u32, SecretScalar<P>)>) {
    let counts = GuardianCounts::new(5, 3).unwrap();
    let hp = parameter_base_hash::<P>(counts);
    let (guardians, shares) = run_ceremony::<P, _>(rng, counts, &hp).unwrap();
    let (vote_key, data_key) = joint_keys(&guardians).unwrap();
    let ctx = ElectionContext::new(counts, b"{}", vote_key, data_key);
    let quorum = shares
        .iter()
        .take(3)
        .map(|s| (s.index(), s.vote_share().duplicate()))
        .collect();
    (ctx, quorum)
}

fn schnorr(c: &mut Criterion) {
    let mut rng = ChaCha20Rng::seed_from_u64(0x9f0f);
    let secret = SecretScalar::<P>::random(&mut rng);
    let public = secret.g_pow();
    let key = HValue([3u8; 32]);
    let challenge =
        |a: &Element<P>| hq::<P>(&key, &HashInput::new(0x23).element(&public).element(a));
    let check = Check::new(BALLOT_NONCE_PROOF_CHECK, Location::Election);
    let proof = SchnorrProof::prove(&mut rng, &secret, challenge);
    proof.verify(&public, challenge, &check).unwrap();

    let mut g = c.benchmark_group("proofs/schnorr");
    g.bench_function("prove", |b| {
        timed(b, || SchnorrProof::prove(&mut rng, &secret, challenge))
    });
    g.bench_function("verify", |b| {
        timed(b, || proof.verify(&public, challenge, &check).unwrap())
    });
    g.finish();
}

fn chaum_pedersen(c: &mut Criterion) {
    let mut rng = ChaCha20Rng::seed_from_u64(0xc4a0);
    let (ctx, quorum) = election(&mut rng);
    let nonce = SecretScalar::<P>::random(&mut rng);
    let ciphertext = Ciphertext::encrypt(ctx.vote_table.as_ref(), 1, &nonce);
    let key = HValue([5u8; 32]);
    let check = Check::new(V10_B, Location::Election);

    // One prover knowing s with K = g^s shows M = A^s: (a, b) = (g^u, A^u), v = u − c·s.
    let secret = SecretScalar::<P>::random(&mut rng);
    let public = secret.g_pow();
    let base = &ciphertext.alpha;
    let value = secret.pow_of(base);
    let challenge = |a: &Element<P>, b: &Element<P>| {
        hq::<P>(
            &key,
            &HashInput::new(0x31).element(base).element(a).element(b),
        )
    };
    let prove = |rng: &mut ChaCha20Rng| {
        let u = SecretScalar::<P>::random(rng);
        let c = challenge(&u.g_pow(), &u.pow_of(base));
        let response = u.response(&c, &secret);
        ChaumPedersenProof {
            challenge: c,
            response,
        }
    };
    let proof = prove(&mut rng);
    proof
        .verify(&public, base, &value, challenge, &check)
        .unwrap();

    // The quorum's joint decryption of one option of a tally: partial decryptions, the three
    // rounds and the combined proof (§3.6.3–3.6.5), and its Verification 10.
    let target = TallyTarget {
        contest: 1,
        option: 1,
        ciphertext: ciphertext.clone(),
    };
    let shares: Vec<(u32, &SecretScalar<P>)> = quorum.iter().map(|(i, s)| (*i, s)).collect();
    let joint = decrypt_in_memory(&mut rng, &ctx, vec![target.clone()], &shares)
        .unwrap()
        .remove(0);
    let decrypted = ciphertext.beta.div(&joint.value);
    verify_tally_decryption(&ctx, 1, 1, &ciphertext, 1, &decrypted, &joint.proof).unwrap();

    let mut g = c.benchmark_group("proofs/chaum-pedersen");
    g.sample_size(20);
    g.bench_function("prove (one prover)", |b| timed(b, || prove(&mut rng)));
    g.bench_function("verify", |b| {
        timed(b, || {
            proof
                .verify(&public, base, &value, challenge, &check)
                .unwrap()
        })
    });
    g.bench_function("joint decryption of one value, 3 guardians", |b| {
        timed(b, || {
            decrypt_in_memory(&mut rng, &ctx, vec![target.clone()], &shares).unwrap()
        })
    });
    g.bench_function("verify a tally decryption (V10, one option)", |b| {
        timed(b, || {
            verify_tally_decryption(&ctx, 1, 1, &ciphertext, 1, &decrypted, &joint.proof).unwrap()
        })
    });
    g.finish();
}

fn range(c: &mut Criterion) {
    let mut rng = ChaCha20Rng::seed_from_u64(0x7a9e);
    let (ctx, _) = election(&mut rng);
    let key = ctx.vote_table.as_ref();
    let hash_key = HValue([9u8; 32]);
    let challenge = |commitments: &[(Element<P>, Element<P>)]| -> Scalar<P> {
        let input = commitments
            .iter()
            .fold(HashInput::new(0x24), |h, (a, b)| h.element(a).element(b));
        hq::<P>(&hash_key, &input)
    };
    let check = Check::new(V6_D, Location::Election);

    let mut g = c.benchmark_group("proofs/range");
    g.sample_size(10);
    for limit in [1u64, 5] {
        let value = limit / 2;
        let nonce = SecretScalar::<P>::random(&mut rng);
        let ciphertext = Ciphertext::encrypt(key, value, &nonce);
        let proof = RangeProof::prove(&mut rng, key, value, limit, &nonce, challenge).unwrap();
        proof
            .verify(key, &ciphertext, limit, challenge, &check)
            .unwrap();
        g.bench_function(format!("R={limit} prove"), |b| {
            timed(b, || {
                RangeProof::prove(&mut rng, key, value, limit, &nonce, challenge).unwrap()
            })
        });
        g.bench_function(format!("R={limit} verify"), |b| {
            timed(b, || {
                proof
                    .verify(key, &ciphertext, limit, challenge, &check)
                    .unwrap()
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1));
    targets = schnorr, chaum_pedersen, range
}
criterion_main!(benches);
