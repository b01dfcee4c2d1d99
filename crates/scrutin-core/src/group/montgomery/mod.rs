//! Montgomery arithmetic modulo the group's p (§3.1), written for this crate: residues are
//! x·R mod p with R = 2^(64n) for p of n 64-bit limbs (on 64-bit targets the representation of
//! crypto-bigint's `BoxedMontyForm` too). Inversion stays with crypto-bigint.
//!
//! The multiplication and the squaring are the product-scanning kernels of `kernel.rs`; for the
//! 64 limbs of the standard 4096-bit p the kernels are compiled for that fixed length, which
//! lets LLVM drop the length checks and unroll the column loops. Every operation here is
//! constant time in the values of its operands.

mod kernel;

use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
use crypto_bigint::{BoxedUint, NonZero, Odd, Resize, Word};
use kernel::Modulus;
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

/// The limb count of the standard group's p (4096 bits), for which the kernels are specialized.
const WIDE: usize = 64;

/// A residue modulo p in Montgomery form, x·R mod p, fully reduced (below p).
///
/// Always n limbs long for the [`Field`] that made it; equal residues have equal limbs, and
/// equality is tested in constant time.
#[derive(Clone)]
pub(crate) struct Residue {
    limbs: Box<[u64]>,
}

impl PartialEq for Residue {
    fn eq(&self, other: &Self) -> bool {
        bool::from(self.limbs.ct_eq(&other.limbs))
    }
}

impl Eq for Residue {}

impl std::fmt::Debug for Residue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Intermediate residues of a secret exponentiation pass through here: no value printed.
        write!(f, "Residue({} limbs)", self.limbs.len())
    }
}

impl Zeroize for Residue {
    fn zeroize(&mut self) {
        self.limbs.zeroize();
    }
}

impl Residue {
    /// The Montgomery-form limbs, little-endian.
    pub(crate) fn limbs(&self) -> &[u64] {
        &self.limbs
    }

    /// The limbs, for the table lookups that fill a residue word by word.
    pub(crate) fn limbs_mut(&mut self) -> &mut [u64] {
        &mut self.limbs
    }
}

/// The constants of Montgomery arithmetic modulo one p.
pub(crate) struct Field {
    p: Box<[u64]>,
    p_rev: Box<[u64]>,
    /// −p^(−1) mod 2^64.
    n0: u64,
    /// R² mod p, which takes an integer into Montgomery form.
    r2: Residue,
    /// R mod p: 1 in Montgomery form.
    one: Residue,
    /// crypto-bigint's constants for the same p, for inversion.
    params: BoxedMontyParams,
}

/// Little-endian 64-bit limbs of an integer held in crypto-bigint words (of 32 or 64 bits),
/// truncated or zero-extended to `n` limbs.
fn limbs_of(words: &[Word], n: usize) -> Box<[u64]> {
    let mut limbs = vec![0u64; n];
    for (i, word) in words.iter().enumerate() {
        let bit = i * Word::BITS as usize;
        if let Some(limb) = limbs.get_mut(bit / 64) {
            // `Word` is u32 on 32-bit targets, where this conversion does something.
            #[allow(clippy::useless_conversion)]
            let word = u64::from(*word);
            *limb |= word << (bit % 64);
        }
    }
    limbs.into_boxed_slice()
}

/// The inverse of [`limbs_of`]: crypto-bigint words of an integer given as 64-bit limbs.
fn words_of(limbs: &[u64]) -> Vec<Word> {
    let per_limb = (64 / Word::BITS) as usize;
    (0..limbs.len() * per_limb)
        .map(|i| {
            let bit = i * Word::BITS as usize;
            let limb = limbs.get(bit / 64).copied().unwrap_or(0);
            (limb >> (bit % 64)) as Word
        })
        .collect()
}

/// 2^k mod p as `n` limbs, for the constants R = 2^(64n) and R² (public values; variable time).
fn power_of_two_mod(k: usize, p: &Odd<BoxedUint>, n: usize) -> Box<[u64]> {
    let bits = u32::try_from(k + 64).unwrap_or(u32::MAX);
    let power = BoxedUint::one_with_precision(bits).wrapping_shl_vartime(bits - 64);
    let modulus = p.as_ref().resize_unchecked(bits);
    let remainder = match Option::<NonZero<BoxedUint>>::from(modulus.to_nz()) {
        Some(modulus) => power.rem_vartime(&modulus),
        None => power,
    };
    limbs_of(remainder.as_words(), n)
}

impl Field {
    /// The constants for an odd modulus p.
    pub(crate) fn new(p: &Odd<BoxedUint>) -> Field {
        let n = (p.as_ref().bits_precision() as usize).div_ceil(64).max(1);
        let p_limbs = limbs_of(p.as_ref().as_words(), n);
        let p_rev: Box<[u64]> = p_limbs.iter().rev().copied().collect();
        let p0 = p_limbs.first().copied().unwrap_or(1);
        // Newton's iteration doubles the number of correct low bits of p^(−1): 1, 2, 4, …, 64.
        let mut inverse: u64 = 1;
        for _ in 0..6 {
            inverse = inverse.wrapping_mul(2u64.wrapping_sub(p0.wrapping_mul(inverse)));
        }
        Field {
            p: p_limbs,
            p_rev,
            n0: inverse.wrapping_neg(),
            r2: Residue {
                limbs: power_of_two_mod(128 * n, p, n),
            },
            one: Residue {
                limbs: power_of_two_mod(64 * n, p, n),
            },
            params: BoxedMontyParams::new_vartime(p.clone()),
        }
    }

    fn modulus(&self) -> Modulus<'_> {
        Modulus {
            p: &self.p,
            p_rev: &self.p_rev,
            n0: self.n0,
        }
    }

    /// p's little-endian 64-bit limbs.
    pub(crate) fn modulus_limbs(&self) -> &[u64] {
        &self.p
    }

    /// The bit precision of p (as crypto-bigint holds it).
    pub(crate) fn bits(&self) -> u32 {
        self.params.modulus().as_ref().bits_precision()
    }

    /// The number of 64-bit limbs of p.
    pub(crate) fn limbs(&self) -> usize {
        self.p.len()
    }

    /// 1 in Montgomery form.
    pub(crate) fn one(&self) -> &Residue {
        &self.one
    }

    /// The modulus as fixed-length arrays when p has [`WIDE`] limbs.
    fn wide(&self) -> Option<(&[u64; WIDE], &[u64; WIDE])> {
        Some((
            <&[u64; WIDE]>::try_from(&*self.p).ok()?,
            <&[u64; WIDE]>::try_from(&*self.p_rev).ok()?,
        ))
    }

    /// out = a·b in Montgomery form (a·b·R^(−1) mod p of the limbs).
    fn mul_into(&self, a: &[u64], b: &[u64], out: &mut [u64]) {
        if let (Some((p, p_rev)), Ok(a), Ok(b), Ok(out)) = (
            self.wide(),
            <&[u64; WIDE]>::try_from(a),
            <&[u64; WIDE]>::try_from(b),
            <&mut [u64; WIDE]>::try_from(&mut *out),
        ) {
            mul_wide(a, b, p, p_rev, self.n0, out);
        } else {
            let mut scratch = vec![0u64; self.p.len()];
            kernel::mul(a, b, &self.modulus(), out, &mut scratch);
        }
    }

    /// out = a² in Montgomery form.
    fn square_into(&self, a: &[u64], out: &mut [u64]) {
        if let (Some((p, p_rev)), Ok(a), Ok(out)) = (
            self.wide(),
            <&[u64; WIDE]>::try_from(a),
            <&mut [u64; WIDE]>::try_from(&mut *out),
        ) {
            square_wide(a, p, p_rev, self.n0, out);
        } else {
            let mut scratch = vec![0u64; self.p.len()];
            kernel::square(a, &self.modulus(), out, &mut scratch);
        }
    }

    /// a·b mod p.
    pub(crate) fn mul(&self, a: &Residue, b: &Residue) -> Residue {
        let mut out = vec![0u64; self.p.len()].into_boxed_slice();
        self.mul_into(&a.limbs, &b.limbs, &mut out);
        Residue { limbs: out }
    }

    /// a² mod p.
    pub(crate) fn square(&self, a: &Residue) -> Residue {
        let mut out = vec![0u64; self.p.len()].into_boxed_slice();
        self.square_into(&a.limbs, &mut out);
        Residue { limbs: out }
    }

    /// a = a·b mod p. The product goes to a buffer on the stack (no allocation for the at most
    /// [`WIDE`] limbs of every parameter set) and is copied back.
    pub(crate) fn mul_assign(&self, a: &mut Residue, b: &Residue) {
        let mut buffer = [0u64; WIDE];
        if let Some(out) = buffer.get_mut(..self.p.len()) {
            self.mul_into(&a.limbs, &b.limbs, out);
            a.limbs.copy_from_slice(out);
        } else {
            *a = self.mul(a, b);
        }
    }

    /// a = a² mod p, as [`Field::mul_assign`].
    pub(crate) fn square_assign(&self, a: &mut Residue) {
        let mut buffer = [0u64; WIDE];
        if let Some(out) = buffer.get_mut(..self.p.len()) {
            self.square_into(&a.limbs, out);
            a.limbs.copy_from_slice(out);
        } else {
            *a = self.square(a);
        }
    }

    /// The residue of an integer x < p.
    pub(crate) fn residue(&self, x: &BoxedUint) -> Residue {
        let limbs = limbs_of(x.as_words(), self.p.len());
        self.mul(&Residue { limbs }, &self.r2)
    }

    /// The integer x < p that `a` represents, as little-endian 64-bit limbs.
    pub(crate) fn to_limbs(&self, a: &Residue) -> Box<[u64]> {
        let mut unit = vec![0u64; self.p.len()];
        if let Some(first) = unit.first_mut() {
            *first = 1;
        }
        // a·1·R^(−1) = x.
        self.mul(a, &Residue { limbs: unit.into() }).limbs
    }

    /// The integer x < p that `a` represents, at the precision of p.
    pub(crate) fn to_uint(&self, a: &Residue) -> BoxedUint {
        BoxedUint::from_words_with_precision(
            words_of(&self.to_limbs(a)),
            self.params.modulus().as_ref().bits_precision(),
        )
    }

    /// a^(−1) mod p, or `None` for zero, in constant time (crypto-bigint's inversion, on the
    /// integer that `a` represents, so that its Montgomery radix need not be this one's).
    pub(crate) fn invert(&self, a: &Residue) -> Option<Residue> {
        let monty = BoxedMontyForm::new(self.to_uint(a), &self.params);
        Option::<BoxedMontyForm>::from(monty.invert())
            .map(|inverse| self.residue(&inverse.retrieve()))
    }

    /// crypto-bigint's constants for the same modulus, for the differential tests.
    #[cfg(test)]
    pub(crate) fn params(&self) -> &BoxedMontyParams {
        &self.params
    }

    /// A residue from Montgomery-form limbs taken from a table this field built.
    pub(crate) fn residue_from_limbs(&self, limbs: &[u64]) -> Residue {
        let mut out = self.one.clone();
        for (o, l) in out.limbs.iter_mut().zip(limbs) {
            *o = *l;
        }
        out
    }
}

/// Words of `out` gathered per pass over the entries in [`select_ct`]: 8 words (one cache line)
/// stay in registers while every entry's matching words are masked into them.
const SELECT_BLOCK: usize = 8;

/// Sets `out` to the entry of `entries` (consecutive residues of `out.len()` limbs, numbered
/// from `first`) whose number is `wanted`, leaving `out` as it is if none has it.
///
/// Every word of every entry is read and combined with a mask derived from `subtle`'s
/// `ct_eq` (all ones for the wanted entry, zero for the others), so neither the branches nor
/// the addresses read depend on `wanted`: the lookup of a secret exponent digit in a table.
/// The words of `out` are built a block at a time in registers, OR-ing each entry's masked
/// block in, which reads each entry once and writes `out` once. Kept out of line so that its
/// machine code can be inspected on its own.
#[inline(never)]
pub(crate) fn select_ct(entries: &[u64], first: Word, wanted: Word, out: &mut [u64]) {
    let limbs = out.len().max(1);
    let masks: Vec<u64> = (0..entries.len() / limbs)
        .map(|j| {
            let number = first.wrapping_add(j as Word);
            0u64.wrapping_sub(u64::from(number.ct_eq(&wanted).unwrap_u8()))
        })
        .collect();
    // All ones when no entry is wanted: then `out` keeps its value.
    let keep = !masks.iter().fold(0, |any, mask| any | mask);
    let mut blocks = out.chunks_exact_mut(SELECT_BLOCK);
    let mut start = 0;
    for out_block in &mut blocks {
        if let Ok(out_block) = <&mut [u64; SELECT_BLOCK]>::try_from(out_block) {
            gather(entries, limbs, &masks, keep, start, out_block);
        }
        start += SELECT_BLOCK;
    }
    for word in blocks.into_remainder().chunks_exact_mut(1) {
        if let Ok(word) = <&mut [u64; 1]>::try_from(word) {
            gather(entries, limbs, &masks, keep, start, word);
        }
        start += 1;
    }
}

/// One block of [`select_ct`]: words `start..start + B` of every entry, masked and OR-ed
/// together (with `out & keep`) into `out`, which stays in registers meanwhile.
#[inline(always)]
fn gather<const B: usize>(
    entries: &[u64],
    limbs: usize,
    masks: &[u64],
    keep: u64,
    start: usize,
    out: &mut [u64; B],
) {
    let mut gathered = out.map(|word| word & keep);
    for (entry, mask) in entries.chunks_exact(limbs).zip(masks) {
        if let Some(words) = entry
            .get(start..start + B)
            .and_then(|words| <&[u64; B]>::try_from(words).ok())
        {
            for (g, e) in gathered.iter_mut().zip(words) {
                *g |= e & mask;
            }
        }
    }
    *out = gathered;
}

/// The 64-limb multiplication, compiled for that length: with the lengths known, LLVM drops the
/// slice checks and unrolls the column loops. Out of line, so that its machine code and
/// instruction count can be inspected on their own.
#[inline(never)]
fn mul_wide(
    a: &[u64; WIDE],
    b: &[u64; WIDE],
    p: &[u64; WIDE],
    p_rev: &[u64; WIDE],
    n0: u64,
    out: &mut [u64; WIDE],
) {
    let mut scratch = [0u64; WIDE];
    let modulus = Modulus { p, p_rev, n0 };
    kernel::mul(a, b, &modulus, out, &mut scratch);
}

/// The 64-limb squaring, compiled for that length (as [`mul_wide`]).
#[inline(never)]
fn square_wide(
    a: &[u64; WIDE],
    p: &[u64; WIDE],
    p_rev: &[u64; WIDE],
    n0: u64,
    out: &mut [u64; WIDE],
) {
    let mut scratch = [0u64; WIDE];
    let modulus = Modulus { p, p_rev, n0 };
    kernel::square(a, &modulus, out, &mut scratch);
}

#[cfg(test)]
mod tests;
