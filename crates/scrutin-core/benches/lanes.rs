//! Criterion benchmarks of the bare four-lane Montgomery product and squaring, the AVX2 kernel
//! beside the AVX-512 IFMA one in the same run, on the standard 4096-bit p. Run with
//! `cargo bench -p scrutin-core --features kernel-bench --bench lanes`. A kernel the
//! processor lacks is left out, with a note. The exponentiations built on the kernels are in
//! `benches/group.rs`; `scripts/bench-kernels.sh` runs those once per kernel.

#![allow(clippy::unwrap_used, clippy::expect_used)]
// `criterion_group!` generates a public function without a doc comment, and `missing_docs`
// fires on that generated code; the crate's own doc is the one above.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};
use scrutin_core::group::kernel_bench::{FourLanes, Kernel};
use scrutin_core::{ParameterSet, Standard};

fn kernels(c: &mut Criterion) {
    let p: [u64; 64] = Standard::group().p().as_words().try_into().unwrap();
    let mut rng = ChaCha20Rng::seed_from_u64(4096);
    // Any 64 limbs are below 2^4096 < 2p, inside the kernels' input range.
    let mut value = || (0..64).map(|_| rng.next_u64()).collect::<Vec<u64>>();
    let (x, y) = (value(), value());
    let mut g = c.benchmark_group("four-lane kernel");
    for (name, kernel) in [("AVX2", Kernel::Avx2), ("AVX-512 IFMA", Kernel::Ifma)] {
        let Some(mut lanes) = FourLanes::new(kernel, &p, &x, &y) else {
            eprintln!("{name} kernel not available on this machine: skipped");
            continue;
        };
        g.bench_function(format!("{name}: four products"), |b| b.iter(|| lanes.mul()));
        g.bench_function(format!("{name}: four squarings"), |b| {
            b.iter(|| lanes.square())
        });
    }
    g.finish();
}

criterion_group!(benches, kernels);
criterion_main!(benches);
