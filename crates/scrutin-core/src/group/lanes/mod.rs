//! Four residues multiplied at once, for the standard 4096-bit group on x86-64 processors with
//! AVX2: the vector path of the fixed-base exponentiation.
//!
//! Why: a 4096-bit Montgomery product in 64-bit limbs is bound by the one scalar multiplier
//! (8,192 products of 64 bits). AVX2's `vpmuludq` makes four 32×32-bit products per
//! instruction; with 27-bit digits a product needs 2·152² of them instead of 2·64², but no
//! carry chain, and four independent products share every instruction. Where the processor has
//! AVX-512 IFMA, the same four products run on `vpmadd52luq`/`vpmadd52huq` in 52-bit digits
//! (`avx2/ifma.rs`), about twice as fast again; every path below is the same on either
//! kernel. Measured figures are in docs/benchmarks.md.
//!
//! Where: [`LaneTable`] raises a fixed base (g, K, K̂) to secret exponents, four exponents
//! in lockstep (a ballot's encryption computes all its powers of g and K together), or one
//! exponent with its windows split over the four lanes (see `avx2/table.rs`). [`LaneEngine`]
//! raises four bases to public exponents at once, by Yao's method along shared chains of
//! squarings, and four public exponents of one base at once from a [`LaneFixedTable`]: the
//! range-proof verification of a contest; it computes the random linear combination of the
//! batched subgroup test, four sums of products by Straus's method (`avx2/power.rs`); and it
//! raises the aggregates A of a tally to the guardians' secret z_i and u_i, four
//! exponentiations in lockstep from rows of each base built once (`avx2/shared.rs`). They
//! exist only when the processor has AVX2 and p has 4096 bits; everywhere else the one-lane
//! paths run, and the tests check that both give the same results.
//!
//! Which kernel: AVX-512 IFMA where the processor has it (AVX-512F, VL and IFMA), else AVX2,
//! else the one-lane path. [`use_one_lane_only`] keeps a process on the one-lane path;
//! [`use_avx2_kernel`] keeps it off the IFMA kernel.

mod digits;

#[cfg(target_arch = "x86_64")]
mod avx2;

/// The bare four-lane kernels, for benchmarks only (`benches/lanes.rs`).
#[cfg(all(feature = "kernel-bench", target_arch = "x86_64"))]
pub use avx2::kernel_bench;

use super::montgomery::{Field, Residue};
use crypto_bigint::{BoxedUint, Resize, Word};
use std::sync::atomic::{AtomicBool, Ordering};
#[cfg(target_arch = "x86_64")]
use zeroize::Zeroize;

/// Set by [`use_one_lane_only`].
static ONE_LANE_ONLY: AtomicBool = AtomicBool::new(false);

/// Keeps this process on the one-lane arithmetic, for comparisons and benchmarks (the `scrutin`
/// command calls it when the environment variable `SCRUTIN_NO_SIMD` is set). It takes effect
/// for the tables and engines built after the call: call it before any group operation.
pub fn use_one_lane_only() {
    ONE_LANE_ONLY.store(true, Ordering::Relaxed);
}

/// Set by [`use_avx2_kernel`].
static NO_IFMA: AtomicBool = AtomicBool::new(false);

/// Keeps the four-lane path of this process on its AVX2 kernel even where the processor has
/// AVX-512 IFMA, for comparisons and benchmarks (the `scrutin` command calls it when the
/// environment variable `SCRUTIN_NO_IFMA` is set). It takes effect for the tables and engines
/// built after the call: call it before any group operation.
pub fn use_avx2_kernel() {
    NO_IFMA.store(true, Ordering::Relaxed);
}

/// Whether the four-lane path may use the AVX-512 IFMA kernel where the processor has it.
#[cfg(target_arch = "x86_64")]
fn ifma_wanted() -> bool {
    !NO_IFMA.load(Ordering::Relaxed) && !tests_want_avx2()
}

/// In this crate's own tests, `SCRUTIN_NO_IFMA` in the environment keeps the AVX2 kernel, so
/// that `.ci/run` can run the four-lane tests on both kernels on a processor with IFMA. The
/// library itself never reads the environment.
#[cfg(all(test, target_arch = "x86_64"))]
fn tests_want_avx2() -> bool {
    std::env::var_os("SCRUTIN_NO_IFMA").is_some()
}

#[cfg(all(not(test), target_arch = "x86_64"))]
fn tests_want_avx2() -> bool {
    false
}

/// Whether the four-lane path may be built for `field`.
fn wanted(field: &Field) -> bool {
    field.limbs() == digits::LIMBS && !ONE_LANE_ONLY.load(Ordering::Relaxed)
}

/// Bits per window of a [`LaneFixedTable`].
const FIXED_WINDOW: u32 = 8;
/// Entries per window of a [`LaneFixedTable`]: x^(d·2^(8i)) for 1 ≤ d < 256.
const FIXED_ENTRIES: usize = (1 << FIXED_WINDOW) - 1;

/// A fixed-base table for raising one base to many PUBLIC exponents four at a time
/// ([`LaneEngine::pow_fixed_vartime`]): x^(d·2^(8i)) for every 8-bit window i and digit
/// d ≥ 1, in R'-form digits (`avx2/power.rs`), 32·255 entries of 608 bytes (5 MB) for
/// 256-bit exponents.
pub(crate) struct LaneFixedTable {
    entries: Vec<[u32; digits::DIGITS]>,
}

impl LaneFixedTable {
    /// The table of `base` for exponents of at most `exponent_bits` bits; about 2·255
    /// multiplications per window (the powers, then their conversion to R'-form).
    pub(crate) fn new(base: &Residue, field: &Field, exponent_bits: u32) -> LaneFixedTable {
        let windows = exponent_bits.max(1).div_ceil(FIXED_WINDOW);
        let to_r_prime = field.residue(&BoxedUint::from(256u64).resize_unchecked(field.bits()));
        let mut entries = Vec::with_capacity(windows as usize * FIXED_ENTRIES);
        let mut row_base = base.clone();
        for _ in 0..windows {
            let mut power = row_base.clone();
            for digit in 1..=FIXED_ENTRIES {
                entries.push(digits::digits_of(field.mul(&power, &to_r_prime).limbs()));
                if digit < FIXED_ENTRIES {
                    field.mul_assign(&mut power, &row_base);
                }
            }
            // power = row_base^255: one more factor gives the next window's base.
            field.mul_assign(&mut power, &row_base);
            row_base = power;
        }
        LaneFixedTable { entries }
    }
}

/// The four-lane variable-base path (public exponents), when this processor and this p have
/// one.
pub(crate) struct LaneEngine {
    #[cfg(target_arch = "x86_64")]
    engine: avx2::Engine,
    #[cfg(not(target_arch = "x86_64"))]
    never: std::convert::Infallible,
}

impl LaneEngine {
    /// The engine for `field`, or `None` where the four-lane path does not apply.
    pub(crate) fn new(field: &Field) -> Option<LaneEngine> {
        if !wanted(field) {
            return None;
        }
        Self::build(field)
    }

    #[cfg(target_arch = "x86_64")]
    fn build(field: &Field) -> Option<LaneEngine> {
        let avx2 = avx2::Avx2::detect()?;
        let p = <[u64; digits::LIMBS]>::try_from(field.modulus_limbs()).ok()?;
        let small = |v: u64| field.residue(&BoxedUint::from(v).resize_unchecked(field.bits()));
        Some(LaneEngine {
            engine: avx2::Engine::new(
                avx2,
                p,
                small(1 << 16).limbs(),
                small(1 << 8).limbs(),
                field.one().limbs(),
            ),
        })
    }

    #[cfg(not(target_arch = "x86_64"))]
    fn build(_field: &Field) -> Option<LaneEngine> {
        None
    }

    /// Which kernel multiplies on the lanes, for benchmark reports.
    pub(crate) fn kernel(&self) -> &'static str {
        #[cfg(target_arch = "x86_64")]
        {
            self.engine.kernel()
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            match self.never {}
        }
    }

    /// For each set (base, exponents), base^e for each of its exponents, for PUBLIC exponents
    /// only: four sets at once, each sharing one chain of squarings over its exponents.
    pub(crate) fn pow_sets_vartime(
        &self,
        field: &Field,
        sets: &[(&Residue, &[&[Word]])],
    ) -> Vec<Vec<Residue>> {
        #[cfg(target_arch = "x86_64")]
        {
            let limbs: Vec<(&[u64], &[&[Word]])> =
                sets.iter().map(|(x, e)| (x.limbs(), *e)).collect();
            self.engine
                .pow_sets_vartime(&limbs)
                .iter()
                .map(|set| {
                    set.iter()
                        .map(|limbs| field.residue_from_limbs(limbs))
                        .collect()
                })
                .collect()
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = (field, sets);
            match self.never {}
        }
    }

    /// Π x_i^(e_i) over all the pairs, for PUBLIC exponents only: the pairs dealt out to the
    /// four lanes, each lane's sum by Straus's method along one shared chain of squarings.
    pub(crate) fn multi_pow_vartime(
        &self,
        field: &Field,
        pairs: &[(&Residue, &[Word])],
    ) -> Residue {
        #[cfg(target_arch = "x86_64")]
        {
            let limbs: Vec<(&[u64], &[Word])> =
                pairs.iter().map(|(x, e)| (x.limbs(), *e)).collect();
            field.residue_from_limbs(&self.engine.multi_pow_vartime(&limbs))
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = (field, pairs);
            match self.never {}
        }
    }

    /// For each set of pairs, Π x_i^(e_i), for PUBLIC exponents only: four sets at once, one
    /// per lane, each by Straus's method along one shared chain of squarings.
    pub(crate) fn multi_pow_many_vartime(
        &self,
        field: &Field,
        sets: &[Vec<(&Residue, &[Word])>],
    ) -> Vec<Residue> {
        #[cfg(target_arch = "x86_64")]
        {
            let limbs: Vec<Vec<(&[u64], &[Word])>> = sets
                .iter()
                .map(|set| set.iter().map(|(x, e)| (x.limbs(), *e)).collect())
                .collect();
            let refs: Vec<&[(&[u64], &[Word])]> = limbs.iter().map(Vec::as_slice).collect();
            self.engine
                .multi_pow_many_vartime(&refs)
                .iter()
                .map(|limbs| field.residue_from_limbs(limbs))
                .collect()
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = (field, sets);
            match self.never {}
        }
    }

    /// x^(e_i) for each exponent, from `table` of x, four exponents per four-lane product and
    /// window; for PUBLIC exponents only.
    pub(crate) fn pow_fixed_vartime(
        &self,
        field: &Field,
        table: &LaneFixedTable,
        exponents: &[&[Word]],
    ) -> Vec<Residue> {
        #[cfg(target_arch = "x86_64")]
        {
            self.engine
                .pow_fixed_vartime(&table.entries, exponents)
                .iter()
                .map(|limbs| field.residue_from_limbs(limbs))
                .collect()
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = (field, table, exponents);
            match self.never {}
        }
    }
}

/// Bases per batch of [`LaneEngine::pow_secret_sets`]: their rows (about 10 KB per piece and
/// base) are built together and dropped before the next batch, so that memory stays flat
/// however many bases there are.
const SECRET_SETS_PER_BATCH: usize = 16;

impl LaneEngine {
    /// For each set (base, exponents), base^e for each of its SECRET exponents of at most
    /// `exponent_bits` bits, in time independent of the exponents (and dependent only on the
    /// number of sets and of exponents in each): the rows of each base built four bases at a
    /// time, then the exponentiations four at a time in lockstep, one lane each
    /// (`avx2/shared.rs`).
    pub(crate) fn pow_secret_sets(
        &self,
        field: &Field,
        sets: &[(&Residue, &[&[Word]])],
        exponent_bits: u32,
    ) -> Vec<Vec<Residue>> {
        #[cfg(target_arch = "x86_64")]
        {
            let mut out = Vec::with_capacity(sets.len());
            for batch in sets.chunks(SECRET_SETS_PER_BATCH) {
                let bases: Vec<&[u64]> = batch.iter().map(|(x, _)| x.limbs()).collect();
                let uses = batch.iter().map(|(_, e)| e.len()).max().unwrap_or(0);
                let tables = self.engine.shared_tables(&bases, exponent_bits, uses);
                let jobs: Vec<(usize, &[Word])> = batch
                    .iter()
                    .enumerate()
                    .flat_map(|(b, (_, exponents))| exponents.iter().map(move |e| (b, *e)))
                    .collect();
                let mut results = self.engine.pow_shared_ct(&tables, &jobs).into_iter();
                for (_, exponents) in batch {
                    let set: Vec<Residue> = results
                        .by_ref()
                        .take(exponents.len())
                        .map(|mut limbs| {
                            let residue = field.residue_from_limbs(&limbs);
                            limbs.zeroize();
                            residue
                        })
                        .collect();
                    out.push(set);
                }
            }
            out
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = (field, sets, exponent_bits);
            match self.never {}
        }
    }
}

/// A fixed-base table for the four-lane path, when this processor and this p have one.
pub(crate) struct LaneTable {
    #[cfg(target_arch = "x86_64")]
    table: avx2::Table,
    #[cfg(not(target_arch = "x86_64"))]
    never: std::convert::Infallible,
}

impl LaneTable {
    /// The table of `base` for exponents of at most `exponent_bits` bits, or `None` where the
    /// four-lane path does not apply (no AVX2, another architecture, or p not of 4096 bits).
    pub(crate) fn new(base: &Residue, field: &Field, exponent_bits: u32) -> Option<LaneTable> {
        if !wanted(field) {
            return None;
        }
        Self::build(base, field, exponent_bits)
    }

    #[cfg(target_arch = "x86_64")]
    fn build(base: &Residue, field: &Field, exponent_bits: u32) -> Option<LaneTable> {
        let avx2 = avx2::Avx2::detect()?;
        Some(LaneTable {
            table: avx2::Table::new(avx2, base, field, exponent_bits)?,
        })
    }

    #[cfg(not(target_arch = "x86_64"))]
    fn build(_base: &Residue, _field: &Field, _exponent_bits: u32) -> Option<LaneTable> {
        None
    }

    /// x^e for an exponent given as little-endian words, in time independent of e.
    pub(crate) fn pow_ct(&self, field: &Field, exponent: &[Word]) -> Residue {
        #[cfg(target_arch = "x86_64")]
        {
            self.table.pow_ct(field, exponent)
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = (field, exponent);
            match self.never {}
        }
    }

    /// x^(e_i) for each exponent, in order, in time independent of the exponents (and
    /// dependent only on how many there are): four at a time in lockstep, one lane each,
    /// and the last one to three one by one, each split over the lanes.
    pub(crate) fn pow_ct_many(&self, field: &Field, exponents: &[&[Word]]) -> Vec<Residue> {
        #[cfg(target_arch = "x86_64")]
        {
            let mut out = Vec::with_capacity(exponents.len());
            let mut groups = exponents.chunks_exact(4);
            for group in &mut groups {
                if let [e0, e1, e2, e3] = group {
                    out.extend(self.table.pow_ct_four(field, [e0, e1, e2, e3]));
                }
            }
            for exponent in groups.remainder() {
                out.push(self.table.pow_ct(field, exponent));
            }
            out
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = (field, exponents);
            match self.never {}
        }
    }
}

#[cfg(test)]
mod tests;
