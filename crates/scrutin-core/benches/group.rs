//! Criterion benchmarks of the group arithmetic and of the proofs built on it, on the standard
//! 4096-bit parameter set. Run with
//! `cargo bench -p scrutin-core --bench group -- --warm-up-time 1 --measurement-time 3`.
//!
//! With `SCRUTIN_BENCH_CLOCK=cpu` the time measured is the CPU time of the benchmarking thread
//! instead of wall-clock time: on a shared machine whose cores are busy with other work, wall
//! time counts the slices given to other processes and the figures swing by a factor of three.

#![allow(clippy::unwrap_used, clippy::expect_used)]
// `criterion_group!` generates a public function without a doc comment, and `missing_docs`
// fires on that generated code; the crate's own doc is the one above.
#![allow(missing_docs)]

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;
use scrutin_core::crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
use scrutin_core::crypto_bigint::BoxedUint;
use scrutin_core::elgamal::Ciphertext;
use scrutin_core::group::{FixedBase, SharedBase};
use scrutin_core::hash::{hq, HValue, HashInput};
use scrutin_core::proofs::{Check, RangeProof, SchnorrProof};
use scrutin_core::step::v2_1::V2_B;
use scrutin_core::{Element, Location, ParameterSet, Scalar, SecretScalar, Standard};
use std::time::{Duration, Instant};

type P = Standard;

/// Wall-clock time, or the thread's CPU time when `SCRUTIN_BENCH_CLOCK=cpu`.
struct Clock {
    cpu: bool,
}

impl Clock {
    fn from_env() -> Self {
        Clock {
            cpu: std::env::var("SCRUTIN_BENCH_CLOCK").is_ok_and(|v| v == "cpu"),
        }
    }
}

/// A start point of either clock.
enum Start {
    Wall(Instant),
    Cpu(cpu_time::ThreadTime),
}

impl Measurement for Clock {
    type Intermediate = Start;
    type Value = Duration;

    fn start(&self) -> Start {
        if self.cpu {
            Start::Cpu(cpu_time::ThreadTime::now())
        } else {
            Start::Wall(Instant::now())
        }
    }

    fn end(&self, start: Start) -> Duration {
        match start {
            Start::Wall(t) => t.elapsed(),
            Start::Cpu(t) => t.elapsed(),
        }
    }

    fn add(&self, v1: &Duration, v2: &Duration) -> Duration {
        *v1 + *v2
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        // Both clocks count nanoseconds, so the wall-time formatter prints either.
        WallTime.formatter()
    }
}

fn rng() -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(0x5c7u64)
}

fn random_element(rng: &mut ChaCha20Rng) -> Element<P> {
    SecretScalar::<P>::random(rng).g_pow()
}

fn random_scalar(rng: &mut ChaCha20Rng) -> Scalar<P> {
    SecretScalar::<P>::random(rng).reveal()
}

fn group(c: &mut Criterion<Clock>) {
    if std::env::var_os("SCRUTIN_NO_SIMD").is_some() {
        scrutin_core::group::use_one_lane_only();
    }
    if std::env::var_os("SCRUTIN_NO_IFMA").is_some() {
        scrutin_core::group::use_avx2_kernel();
    }
    let mut rng = rng();
    let x = random_element(&mut rng);
    let y = random_element(&mut rng);
    let e = random_scalar(&mut rng);
    standard(c, &mut rng, [&x, &y], &e);
    standard_shared_base(c, &mut rng, &x);
    standard_fixed_base_window(c, &y, &e);
}

/// The group "standard": products, squares, exponentiations and decoding of the elements
/// `x` and `y`, with `e` and further random scalars as exponents.
fn standard(
    c: &mut Criterion<Clock>,
    rng: &mut ChaCha20Rng,
    [x, y]: [&Element<P>; 2],
    e: &Scalar<P>,
) {
    let bytes = x.to_bytes();
    let mut g = c.benchmark_group("standard");
    g.bench_function("modmul", |b| b.iter(|| black_box(x).mul(black_box(y))));
    g.bench_function("square", |b| b.iter(|| black_box(x).square()));
    // The same two operations with crypto-bigint's `BoxedMontyForm`, which held the elements
    // before `group/montgomery`: a reference measured in the same run.
    let params = BoxedMontyParams::new_vartime(P::group().p().to_odd().unwrap());
    let to_boxed = |e: &Element<P>| {
        BoxedMontyForm::new(
            BoxedUint::from_be_slice(&e.to_bytes(), P::group().p().bits_precision()).unwrap(),
            &params,
        )
    };
    let (bx, by) = (to_boxed(x), to_boxed(y));
    g.bench_function("modmul (crypto-bigint BoxedMontyForm)", |b| {
        b.iter(|| black_box(&bx).mul(black_box(&by)))
    });
    g.bench_function("square (crypto-bigint BoxedMontyForm)", |b| {
        b.iter(|| black_box(&bx).square())
    });
    g.bench_function("pow (variable base, constant time)", |b| {
        b.iter(|| black_box(x).pow(black_box(e)))
    });
    g.bench_function("g_pow (fixed base, constant time)", |b| {
        b.iter(|| Element::<P>::g_pow(black_box(e)))
    });
    let four: Vec<Scalar<P>> = (0..4).map(|_| random_scalar(rng)).collect();
    let four_refs: Vec<&Scalar<P>> = four.iter().collect();
    g.bench_function("g_pow_many of 4 (fixed base, constant time)", |b| {
        b.iter(|| Element::<P>::g_pow_many(black_box(&four_refs)))
    });
    g.bench_function("decode (range and subgroup check x^q)", |b| {
        b.iter(|| Element::<P>::decode(black_box(&bytes)).unwrap())
    });
    let many: Vec<Vec<u8>> = (0..100).map(|_| random_element(rng).to_bytes()).collect();
    let slices: Vec<&[u8]> = many.iter().map(Vec::as_slice).collect();
    g.sample_size(10);
    g.bench_function("decode_batch of 100 members", |b| {
        b.iter(|| Element::<P>::decode_batch(rng, black_box(&slices)))
    });
    g.sample_size(100);
    g.bench_function("pow_vartime (variable base)", |b| {
        b.iter(|| black_box(x).pow_vartime(black_box(e)))
    });
    g.bench_function("g_pow_vartime (fixed base)", |b| {
        b.iter(|| Element::<P>::g_pow_vartime(black_box(e)))
    });
    let f = random_scalar(rng);
    g.bench_function("multi_pow_vartime x^e·y^f", |b| {
        b.iter(|| Element::multi_pow_vartime(&[(x, black_box(e)), (y, black_box(&f))]))
    });
    g.bench_function("pow_many_vartime x^e, x^f", |b| {
        b.iter(|| x.pow_many_vartime(&[black_box(e), black_box(&f)]))
    });
    // Two range proofs' α^(c_0), α^(c_1), β^(c_0), β^(c_1): four lanes where AVX2 is present.
    g.bench_function("pow_sets_vartime 4 bases to (e, f)", |b| {
        let exponents = [e, &f];
        let sets = [x, y, y, x].map(|base| (base, &exponents[..]));
        b.iter(|| Element::pow_sets_vartime(black_box(&sets)))
    });
    let generator = Element::<P>::generator();
    g.bench_function("multi_pow_vartime g^e·y^f", |b| {
        b.iter(|| Element::multi_pow_vartime(&[(&generator, black_box(e)), (y, black_box(&f))]))
    });
    g.sample_size(10);
    g.bench_function("FixedBase::new (w = 6)", |b| {
        b.iter(|| black_box(y).fixed_base())
    });
    g.finish();
}

/// The group "standard shared base". One base, n secret exponents (decryption: A^(z_i) and
/// A^(u_i) of every guardian): the table and all n exponents per iteration, beside n plain
/// `pow`; then the same for sixteen bases at once.
fn standard_shared_base(c: &mut Criterion<Clock>, rng: &mut ChaCha20Rng, x: &Element<P>) {
    let mut g = c.benchmark_group("standard shared base");
    g.sample_size(10);
    let exponents: Vec<Scalar<P>> = (0..6).map(|_| random_scalar(rng)).collect();
    for uses in [2usize, 6] {
        let exponents = exponents.get(..uses).unwrap();
        g.bench_function(format!("SharedBase::new + {uses} pow"), |b| {
            b.iter(|| {
                let base = SharedBase::new(black_box(x), uses);
                exponents.iter().map(|e| base.pow(e)).collect::<Vec<_>>()
            })
        });
        g.bench_function(format!("{uses} pow (no table)"), |b| {
            b.iter(|| {
                exponents
                    .iter()
                    .map(|e| black_box(x).pow(e))
                    .collect::<Vec<_>>()
            })
        });
    }
    // Sixteen bases (one batch of the four-lane path) with n secret exponents each, all
    // through `SecretScalar::pow_sets`: divide by 16 to compare with one base above.
    let bases: Vec<Element<P>> = (0..16)
        .map(|_| Element::g_pow(&random_scalar(rng)))
        .collect();
    let secrets: Vec<SecretScalar<P>> = (0..6).map(|_| SecretScalar::random(rng)).collect();
    for uses in [2usize, 6] {
        let refs: Vec<&SecretScalar<P>> = secrets.iter().take(uses).collect();
        let sets: Vec<(&Element<P>, &[&SecretScalar<P>])> =
            bases.iter().map(|x| (x, refs.as_slice())).collect();
        g.bench_function(format!("pow_sets, 16 bases × {uses} secrets"), |b| {
            b.iter(|| SecretScalar::pow_sets(black_box(&sets)))
        });
    }
    g.finish();
}

/// The group "standard fixed-base window": `y`'s table at each window width, raised to `e`.
fn standard_fixed_base_window(c: &mut Criterion<Clock>, y: &Element<P>, e: &Scalar<P>) {
    let mut g = c.benchmark_group("standard fixed-base window");
    for window in [4u32, 5, 6, 7, 8] {
        let table = FixedBase::with_window(y, window);
        g.bench_function(format!("pow w={window}"), |b| {
            b.iter(|| table.pow(black_box(e)))
        });
        g.bench_function(format!("pow_vartime w={window}"), |b| {
            b.iter(|| table.pow_vartime(black_box(e)))
        });
    }
    g.finish();
}

fn proofs(c: &mut Criterion<Clock>) {
    let mut rng = rng();
    let key = random_element(&mut rng);
    let secret = SecretScalar::<P>::random(&mut rng);
    let public = secret.g_pow();
    let check = Check::new(V2_B, Location::Election);
    let hash_key = HValue([7u8; 32]);

    let schnorr_challenge =
        |a: &Element<P>| hq::<P>(&hash_key, &HashInput::new(0x10).element(&public).element(a));
    let mut g = c.benchmark_group("standard proofs");
    g.sample_size(20);
    g.bench_function("schnorr prove", |b| {
        b.iter(|| SchnorrProof::prove(&mut rng, &secret, schnorr_challenge))
    });
    let proof = SchnorrProof::prove(&mut rng, &secret, schnorr_challenge);
    g.bench_function("schnorr verify", |b| {
        b.iter(|| proof.verify(&public, schnorr_challenge, &check).unwrap())
    });
    // What `SchnorrProof::verify` costs once it uses the variable-time paths: the commitment
    // g^v·X^c by one multi-exponentiation (g from its table).
    g.bench_function("schnorr verify commitment (vartime paths)", |b| {
        b.iter(|| {
            Element::multi_pow_vartime(&[
                (&Element::generator(), &proof.response),
                (&public, &proof.challenge),
            ])
        })
    });

    let nonce = SecretScalar::<P>::random(&mut rng);
    let ciphertext = Ciphertext::encrypt(&key, 1, &nonce);
    let range_challenge = |commitments: &[(Element<P>, Element<P>)]| {
        let input = commitments
            .iter()
            .fold(HashInput::new(0x24), |h, (a, b)| h.element(a).element(b));
        hq::<P>(&hash_key, &input)
    };
    g.bench_function("range proof R=1 prove", |b| {
        b.iter(|| RangeProof::prove(&mut rng, &key, 1, 1, &nonce, range_challenge).unwrap())
    });
    let range = RangeProof::prove(&mut rng, &key, 1, 1, &nonce, range_challenge).unwrap();
    g.bench_function("range proof R=1 verify", |b| {
        b.iter(|| {
            range
                .verify(&key, &ciphertext, 1, range_challenge, &check)
                .unwrap()
        })
    });
    // What `RangeProof::commitments` costs with the fast paths: g^(v_j) and K^(w_j) from tables,
    // α^(c_j) and β^(c_j) each with one shared chain of squarings.
    let key_table = key.fixed_base();
    let fast_commitments = || {
        let c: Vec<&Scalar<P>> = range.challenges.iter().collect();
        let alphas = ciphertext.alpha.pow_many_vartime(&c);
        let betas = ciphertext.beta.pow_many_vartime(&c);
        range
            .challenges
            .iter()
            .zip(&range.responses)
            .zip(alphas.iter().zip(&betas))
            .enumerate()
            .map(|(j, ((c_j, v_j), (alpha_c, beta_c)))| {
                let w = v_j.sub(&Scalar::from_u64(j as u64).mul(c_j));
                (
                    Element::g_pow_vartime(v_j).mul(alpha_c),
                    key_table.pow_vartime(&w).mul(beta_c),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        fast_commitments(),
        range.commitments(&key, &ciphertext, 1).unwrap()
    );
    g.bench_function("range proof R=1 commitments (vartime paths)", |b| {
        b.iter(fast_commitments)
    });
    g.bench_function("range proof R=1 commitments (current code)", |b| {
        b.iter(|| range.commitments(&key, &ciphertext, 1).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(Clock::from_env());
    targets = group, proofs
}
criterion_main!(benches);
