//! Exponentiation with PUBLIC exponents only (the challenges and responses of the proofs that
//! verification checks), four lanes at once:
//!
//! - four bases, each raised to its own list of exponents by Yao's method along one shared
//!   chain of squarings (4-bit windows), the buckets gathered and scattered lane by lane;
//! - one base raised to four exponents from a table of its 8-bit windows.
//!
//! Which bucket or table entry a lane touches depends on the exponent: these paths must never
//! see a secret.

use super::super::digits::{self, DIGITS, LIMBS};
use super::super::{FIXED_ENTRIES, FIXED_WINDOW};
use super::kernel::{
    broadcast, lanes_of, mont_mul, mont_square, product_of_lanes, Modulus, Operand, PADDED,
};
use super::Avx2;
use crate::group::fixed_base::bits_at;
use crate::group::vartime::bit_length;
use core::arch::x86_64::{_mm256_blend_epi32, _mm256_set_epi64x, _mm256_setzero_si256};
use crypto_bigint::Word;
use zeroize::Zeroize;

/// Bits per window of Yao's method.
const WINDOW: u32 = 4;
/// Buckets of Yao's method: one per digit value, bucket 0 taking the zero digits.
const ENTRIES: usize = 1 << WINDOW;

/// The constants of the four-lane variable-base path.
pub(in crate::group) struct Engine {
    pub(super) avx2: Avx2,
    pub(super) modulus: Modulus,
    /// p's limbs, for the final reduction.
    p: [u64; LIMBS],
    /// 2^4112 mod p: a product with it takes x·R (a [`Residue`]'s form) to x·R'.
    ///
    /// [`Residue`]: crate::group::montgomery::Residue
    into: Operand,
    /// R = 2^4096 mod p: a product with it takes x·R' back to x·R.
    out_of: Operand,
    /// R' mod p: 1 in R'-form (all three in the kernel's form).
    pub(super) one: Operand,
    /// The same, as digits.
    one_digits: [u32; DIGITS],
}

impl Engine {
    /// The engine for p (64 limbs), given p's R-form residues of 2^16 and 2^8 and of 1
    /// (their limbs are the integers 2^4112, 2^4104 and 2^4096 mod p).
    pub(in crate::group) fn new(
        avx2: Avx2,
        p: [u64; LIMBS],
        r_form_of_2_16: &[u64],
        r_form_of_2_8: &[u64],
        r_form_of_1: &[u64],
    ) -> Engine {
        let [into, one, out_of] =
            [r_form_of_2_16, r_form_of_2_8, r_form_of_1].map(digits::digits_of);
        // SAFETY: `avx2` proves that the processor has AVX2.
        unsafe {
            let modulus = Modulus::new(&p);
            Engine {
                avx2,
                p,
                into: broadcast(&into, &modulus),
                out_of: broadcast(&out_of, &modulus),
                one: broadcast(&one, &modulus),
                one_digits: one,
                modulus,
            }
        }
    }

    /// Which kernel multiplies on the lanes, for benchmark reports.
    pub(in crate::group) fn kernel(&self) -> &'static str {
        match self.modulus.wide {
            Some(_) => "four-lane AVX-512 IFMA",
            None => "four-lane AVX2",
        }
    }

    /// x^(e_i) for each exponent, four at once, from a table of one base x: `entries` holds
    /// x^(d·2^(8i)) in R'-form as digits, window i's 255 entries (d = 1..255) after window
    /// i − 1's. One four-lane product per window for four exponents, no squaring: each lane
    /// takes its own digit's entry of the same window. For PUBLIC exponents only (the entry
    /// read depends on the digit).
    pub(in crate::group) fn pow_fixed_vartime(
        &self,
        entries: &[[u32; DIGITS]],
        exponents: &[&[Word]],
    ) -> Vec<[u64; LIMBS]> {
        let Avx2 { .. } = self.avx2;
        let mut out = Vec::with_capacity(exponents.len());
        for group in exponents.chunks(4) {
            // SAFETY: `self.avx2` proves that the processor has AVX2.
            let results = unsafe { self.pow_fixed_four(entries, group) };
            out.extend(results.into_iter().take(group.len()));
        }
        out
    }

    #[target_feature(enable = "avx2")]
    fn pow_fixed_four(
        &self,
        entries: &[[u32; DIGITS]],
        exponents: &[&[Word]],
    ) -> [[u64; LIMBS]; 4] {
        let none: &[Word] = &[];
        let exponent = |lane: usize| exponents.get(lane).copied().unwrap_or(none);
        let windows = entries.len() / FIXED_ENTRIES;
        let mut acc = self.one;
        let mut operand: Operand = [_mm256_setzero_si256(); PADDED];
        let mut scratch: Operand = [_mm256_setzero_si256(); PADDED];
        for window in 0..windows {
            let entry = |lane: usize| {
                let digit = bits_at(exponent(lane), window as u32 * FIXED_WINDOW, FIXED_WINDOW);
                match digit as usize {
                    0 => None,
                    d => entries.get(window * FIXED_ENTRIES + d - 1),
                }
            };
            let chosen = [entry(0), entry(1), entry(2), entry(3)];
            if chosen.iter().all(Option::is_none) {
                continue;
            }
            let [e0, e1, e2, e3] = chosen.map(|e| e.unwrap_or(&self.one_digits));
            for ((((v, d0), d1), d2), d3) in operand.iter_mut().zip(e0).zip(e1).zip(e2).zip(e3) {
                *v = _mm256_set_epi64x(
                    i64::from(*d3),
                    i64::from(*d2),
                    i64::from(*d1),
                    i64::from(*d0),
                );
            }
            self.modulus.enter(&mut operand);
            mont_mul(&acc, &operand, &self.modulus, &mut scratch);
            acc = scratch;
        }
        self.store(&acc)
    }

    /// For each set (base, exponents), base^e for each of its exponents, as R-form limbs below
    /// p. Four sets run at once, one per lane, each along one shared chain of squarings of its
    /// base (Yao's method, as `vartime::pow_many_vartime`).
    pub(in crate::group) fn pow_sets_vartime(
        &self,
        sets: &[(&[u64], &[&[Word]])],
    ) -> Vec<Vec<[u64; LIMBS]>> {
        let Avx2 { .. } = self.avx2;
        let mut out = Vec::with_capacity(sets.len());
        for group in sets.chunks(4) {
            // SAFETY: `self.avx2` proves that the processor has AVX2.
            let results = unsafe { self.pow_sets_four(group) };
            out.extend(results.into_iter().take(group.len()));
        }
        out
    }

    /// Up to four sets; a lane with fewer exponents than another raises to 0 meanwhile.
    ///
    /// With y_i = x^(2^(4i)) and e = Σ d_i·2^(4i): x^e = Π_d B_d^d where B_d = Π_(d_i = d) y_i.
    /// The chain of y_i costs 4 squarings per window and is shared by the set's exponents; each
    /// exponent then costs one product per window (lane L's y_i into lane L of bucket B_(d_i),
    /// bucket 0 taking the zero digits) and 28 to combine the buckets.
    #[target_feature(enable = "avx2")]
    fn pow_sets_four(&self, sets: &[(&[u64], &[&[Word]])]) -> [Vec<[u64; LIMBS]>; 4] {
        let count = sets.iter().map(|(_, e)| e.len()).max().unwrap_or(0);
        let none: &[Word] = &[];
        let exponent = |lane: usize, j: usize| {
            sets.get(lane)
                .and_then(|(_, e)| e.get(j))
                .copied()
                .unwrap_or(none)
        };
        let bits = sets
            .iter()
            .flat_map(|(_, e)| e.iter().map(|e| bit_length(e)))
            .max()
            .unwrap_or(0);
        let windows = bits.div_ceil(WINDOW) as usize;
        let mut scratch: Operand = [_mm256_setzero_si256(); PADDED];
        let mut chain: Vec<Operand> = Vec::with_capacity(windows);
        let mut y = self.load(|lane| sets.get(lane).map(|(x, _)| *x));
        for i in 0..windows {
            if i > 0 {
                for _ in 0..WINDOW {
                    mont_square(&y, &self.modulus, &mut scratch);
                    y = scratch;
                }
            }
            chain.push(y);
        }
        let mut results: [Vec<[u64; LIMBS]>; 4] = Default::default();
        let mut gathered: Operand = [_mm256_setzero_si256(); PADDED];
        for j in 0..count {
            let mut buckets: Vec<Operand> = vec![self.one; ENTRIES];
            for (i, y) in chain.iter().enumerate() {
                let digit =
                    |lane: usize| bits_at(exponent(lane, j), i as u32 * WINDOW, WINDOW) as usize;
                let wanted = [digit(0), digit(1), digit(2), digit(3)];
                if wanted == [0; 4] {
                    continue;
                }
                gather(&buckets, wanted, &mut gathered);
                mont_mul(&gathered, y, &self.modulus, &mut scratch);
                scatter(&mut buckets, wanted, &scratch);
            }
            // Π_d B_d^d as a running product of running products, from d = 15 down.
            let top = buckets.last().copied().unwrap_or(self.one);
            let (mut running, mut acc) = (top, top);
            for bucket in buckets.iter().skip(1).rev().skip(1) {
                mont_mul(&running, bucket, &self.modulus, &mut scratch);
                running = scratch;
                mont_mul(&acc, &running, &self.modulus, &mut scratch);
                acc = scratch;
            }
            let values = self.store(&acc);
            for (result, value) in results.iter_mut().zip(values) {
                result.push(value);
            }
        }
        for (lane, result) in results.iter_mut().enumerate() {
            result.truncate(sets.get(lane).map_or(0, |(_, e)| e.len()));
        }
        results
    }

    /// Π x_i^(e_i) over all the pairs (x_i, e_i), for PUBLIC exponents only, as R-form limbs
    /// below p (the random linear combination of the batched subgroup test).
    ///
    /// Pair i goes to lane i mod 4, slot ⌊i/4⌋; each lane sums its share of the pairs
    /// ([`Engine::straus_lanes`]), and two products at the end multiply the four lanes' sums
    /// together.
    pub(in crate::group) fn multi_pow_vartime(&self, pairs: &[(&[u64], &[Word])]) -> [u64; LIMBS] {
        let Avx2 { .. } = self.avx2;
        let slots = pairs.len().div_ceil(4);
        let pair = |lane: usize, slot: usize| pairs.get(4 * slot + lane).copied();
        // SAFETY: `self.avx2` proves that the processor has AVX2.
        unsafe {
            let sums = self.straus_lanes(slots, pair);
            let mut product: Operand = [_mm256_setzero_si256(); PADDED];
            product_of_lanes(&sums, &self.modulus, &mut product);
            let [lane0, ..] = self.store(&product);
            lane0
        }
    }

    /// For each set of pairs (x_i, e_i), Π x_i^(e_i), for PUBLIC exponents only, as R-form
    /// limbs below p: four sets at once, one per lane, each by Straus's method along one
    /// shared chain of squarings (the combiner's b = A^v·M^c of every tally option).
    pub(in crate::group) fn multi_pow_many_vartime(
        &self,
        sets: &[&[(&[u64], &[Word])]],
    ) -> Vec<[u64; LIMBS]> {
        let Avx2 { .. } = self.avx2;
        let mut out = Vec::with_capacity(sets.len());
        for group in sets.chunks(4) {
            let slots = group.iter().map(|set| set.len()).max().unwrap_or(0);
            let pair = |lane: usize, slot: usize| group.get(lane)?.get(slot).copied();
            // SAFETY: `self.avx2` proves that the processor has AVX2.
            let values = unsafe { self.store(&self.straus_lanes(slots, pair)) };
            out.extend(values.into_iter().take(group.len()));
        }
        out
    }

    /// In each lane L, Π x^e over the pairs `pair(L, s)` for slots s < `slots` (a missing
    /// pair counts as 1). Each slot's four bases get a table of their powers 0..15 (fixed
    /// 4-bit windows, so that all lanes need a factor at the same steps); then one chain of
    /// squarings over the longest exponent takes, at each window, one product per slot with
    /// each lane's entry for its own digit.
    #[target_feature(enable = "avx2")]
    fn straus_lanes<'a>(
        &self,
        slots: usize,
        pair: impl Fn(usize, usize) -> Option<(&'a [u64], &'a [Word])>,
    ) -> Operand {
        let zero = _mm256_setzero_si256();
        let mut scratch: Operand = [zero; PADDED];
        let mut tables: Vec<Operand> = Vec::with_capacity(slots * ENTRIES);
        let mut bits = 0;
        for slot in 0..slots {
            let x = self.load(|lane| pair(lane, slot).map(|(x, _)| x));
            tables.push(self.one);
            tables.push(x);
            let mut power = x;
            for _ in 2..ENTRIES {
                mont_mul(&power, &x, &self.modulus, &mut scratch);
                power = scratch;
                tables.push(power);
            }
            for lane in 0..4 {
                bits = bits.max(pair(lane, slot).map_or(0, |(_, e)| bit_length(e)));
            }
        }
        let windows = bits.div_ceil(WINDOW);
        let mut acc = self.one;
        let mut gathered: Operand = [zero; PADDED];
        for window in (0..windows).rev() {
            if window + 1 < windows {
                for _ in 0..WINDOW {
                    mont_square(&acc, &self.modulus, &mut scratch);
                    acc = scratch;
                }
            }
            for (slot, table) in tables.chunks_exact(ENTRIES).enumerate() {
                let digit = |lane: usize| {
                    pair(lane, slot).map_or(0, |(_, e)| bits_at(e, window * WINDOW, WINDOW))
                        as usize
                };
                let wanted = [digit(0), digit(1), digit(2), digit(3)];
                if wanted == [0; 4] {
                    continue;
                }
                gather(table, wanted, &mut gathered);
                mont_mul(&acc, &gathered, &self.modulus, &mut scratch);
                acc = scratch;
            }
        }
        acc
    }

    /// The four lanes' bases (R-form limbs below p; 1 where `base` gives none) in R'-form.
    #[target_feature(enable = "avx2")]
    pub(super) fn load<'a>(&self, base: impl Fn(usize) -> Option<&'a [u64]>) -> Operand {
        let zero = _mm256_setzero_si256();
        let base_digits = |lane: usize| base(lane).map(digits::digits_of).unwrap_or([0; DIGITS]);
        let bases = [
            base_digits(0),
            base_digits(1),
            base_digits(2),
            base_digits(3),
        ];
        let mut x: Operand = [zero; PADDED];
        for (j, v) in x.iter_mut().enumerate().take(DIGITS) {
            let d = |lane: &[u32; DIGITS]| i64::from(lane.get(j).copied().unwrap_or(0));
            *v = _mm256_set_epi64x(d(&bases[3]), d(&bases[2]), d(&bases[1]), d(&bases[0]));
        }
        self.modulus.enter(&mut x);
        let mut out: Operand = [zero; PADDED];
        mont_mul(&x, &self.into, &self.modulus, &mut out);
        out
    }

    /// The four lanes of an R'-form operand as R-form limbs below p. The copies made on the
    /// way are zeroized, as `x` may be an intermediate of a secret exponentiation
    /// (`shared.rs`).
    #[target_feature(enable = "avx2")]
    pub(super) fn store(&self, x: &Operand) -> [[u64; LIMBS]; 4] {
        let mut scratch: Operand = [_mm256_setzero_si256(); PADDED];
        mont_mul(x, &self.out_of, &self.modulus, &mut scratch);
        let mut results = [[0u64; LIMBS]; 4];
        let mut lanes: [[u64; DIGITS]; 4] = lanes_of(&scratch, &self.modulus);
        for (result, lane) in results.iter_mut().zip(&lanes) {
            let mut wide = digits::limbs_of(lane);
            *result = digits::reduce_below(&wide, &self.p);
            wide.zeroize();
        }
        scratch.zeroize();
        lanes.zeroize();
        results
    }
}

/// Lane L of `buckets[wanted[L]]` ← lane L of `value`, for each lane in turn (two lanes may
/// name the same bucket).
#[target_feature(enable = "avx2")]
fn scatter(buckets: &mut [Operand], wanted: [usize; 4], value: &Operand) {
    let [w0, w1, w2, w3] = wanted;
    if let Some(bucket) = buckets.get_mut(w0) {
        for (b, v) in bucket.iter_mut().zip(value) {
            *b = _mm256_blend_epi32::<0b0000_0011>(*b, *v);
        }
    }
    if let Some(bucket) = buckets.get_mut(w1) {
        for (b, v) in bucket.iter_mut().zip(value) {
            *b = _mm256_blend_epi32::<0b0000_1100>(*b, *v);
        }
    }
    if let Some(bucket) = buckets.get_mut(w2) {
        for (b, v) in bucket.iter_mut().zip(value) {
            *b = _mm256_blend_epi32::<0b0011_0000>(*b, *v);
        }
    }
    if let Some(bucket) = buckets.get_mut(w3) {
        for (b, v) in bucket.iter_mut().zip(value) {
            *b = _mm256_blend_epi32::<0b1100_0000>(*b, *v);
        }
    }
}

/// Lane L of `out` ← lane L of `table[wanted[L]]`, vector by vector.
#[target_feature(enable = "avx2")]
fn gather(table: &[Operand], wanted: [usize; 4], out: &mut Operand) {
    let zero = [_mm256_setzero_si256(); PADDED];
    let pick = |lane: usize| {
        let index = wanted.get(lane).copied().unwrap_or(0);
        table.get(index).unwrap_or(&zero)
    };
    let (t0, t1, t2, t3) = (pick(0), pick(1), pick(2), pick(3));
    for ((((o, a), b), c), d) in out.iter_mut().zip(t0).zip(t1).zip(t2).zip(t3) {
        let v = _mm256_blend_epi32::<0b0000_1100>(*a, *b);
        let v = _mm256_blend_epi32::<0b0011_0000>(v, *c);
        *o = _mm256_blend_epi32::<0b1100_0000>(v, *d);
    }
}
