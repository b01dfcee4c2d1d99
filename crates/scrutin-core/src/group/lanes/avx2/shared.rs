//! Bases raised to SECRET exponents, four exponentiations in lockstep: the guardians'
//! M_i = A^(z_i) and b_i = A^(u_i) of every tally item (§3.6.3 equation 84, §3.6.5 equation
//! 87), several exponents per base.
//!
//! The method is that of `base_table.rs` on four lanes. An exponent e of at most h·L bits is
//! cut into h pieces of L bits, e = Σ_j e_j·2^(j·L); with B_j = x^(2^(j·L)),
//! x^e = Π_j B_j^(e_j), and the h factors share one chain of L squarings, each read in 4-bit
//! windows from a row B_j^0, …, B_j^15. Each base's rows are built once, four bases at a time
//! (one per lane), and serve all of its exponents.
//!
//! Only public values are in the rows; the exponents' digits, the accumulators and the
//! selected entries are secret and are zeroized after use.
//!
//! Lane L of a four-lane exponentiation takes its own job, a base and an exponent: all four
//! square together and multiply together, each lane by the entry its own digit selects from
//! its own base's row ([`gather_rows`], a masked scan of the whole row). The number of
//! products, the rows read and the addresses touched depend only on the shape and on which
//! bases the jobs name, all public: never on an exponent.

use super::super::digits::{DIGITS, LIMBS};
use super::kernel::{lanes_of, mont_mul, mont_square, Operand, PADDED};
use super::power::Engine;
use super::select::{gather_rows, pack_rows, VECTORS};
use crate::group::fixed_base::bits_at;
use core::arch::x86_64::{__m256i, _mm256_setzero_si256};
use crypto_bigint::Word;
use zeroize::Zeroize;

/// Bits per window.
const WINDOW: u32 = 4;
/// Entries per row: B_j^d for 0 ≤ d < 16.
const ENTRIES: usize = 1 << WINDOW;
/// The most pieces tried (as in `base_table.rs`).
const MAX_PIECES: u32 = 16;

/// The shape of the tables: h pieces of L bits, L a multiple of the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::group) struct Shape {
    pieces: u32,
    piece_bits: u32,
}

impl Shape {
    /// h pieces of whole windows covering `bits` bits.
    fn new(bits: u32, pieces: u32) -> Shape {
        let per_piece = bits.max(1).div_ceil(pieces);
        Shape {
            pieces,
            piece_bits: per_piece.div_ceil(WINDOW) * WINDOW,
        }
    }

    /// Four-lane products, in units of 1/32, to build the rows of four bases and raise each to
    /// `uses` exponents: (h − 1)·L squarings and 14·h products per four bases, then per four
    /// exponents L − 4 squarings and h·L/4 products, each product after a scan of four rows of
    /// 16 entries (about a 32nd of a product: 1,280 masked vector reads against 46,208
    /// multiplications).
    fn cost(&self, uses: u64) -> u64 {
        let h = u64::from(self.pieces);
        let l = u64::from(self.piece_bits);
        let w = u64::from(WINDOW);
        let entries = ENTRIES as u64;
        let build = 32 * ((h - 1) * l + h * (entries - 2));
        let products = h * (l / w);
        let each = 32 * (l - w + products) + products;
        build + uses * each
    }

    /// The cheapest shape for `uses` exponents of `bits` bits per base.
    pub(in crate::group) fn best(bits: u32, uses: usize) -> Shape {
        let uses = u64::try_from(uses.max(1)).unwrap_or(u64::MAX);
        (1..=MAX_PIECES)
            .map(|h| Shape::new(bits, h))
            .min_by_key(|shape| shape.cost(uses))
            .unwrap_or(Shape::new(bits, 1))
    }
}

/// The rows of several bases, built from public values only.
pub(in crate::group) struct SharedTables {
    shape: Shape,
    /// Base b, piece j: row b·h + j, holding B_j^d in R'-form for d < 16, laid out as
    /// `select.rs` says.
    rows: Vec<__m256i>,
}

impl SharedTables {
    /// Row `piece` of base `base`; empty past the last base (callers name built bases only).
    fn row(&self, base: usize, piece: u32) -> &[__m256i] {
        let row_len = ENTRIES * VECTORS;
        let index = base * self.shape.pieces as usize + piece as usize;
        let start = index * row_len;
        self.rows.get(start..start + row_len).unwrap_or(&[])
    }
}

/// A job for one lane: the index of a base in its [`SharedTables`], and an exponent as
/// little-endian words.
pub(in crate::group) type Job<'a> = (usize, &'a [Word]);

impl Engine {
    /// The rows of each base (R-form limbs below p), shaped for `uses` exponents of at most
    /// `bits` bits per base.
    pub(in crate::group) fn shared_tables(
        &self,
        bases: &[&[u64]],
        bits: u32,
        uses: usize,
    ) -> SharedTables {
        let shape = Shape::best(bits, uses);
        // SAFETY: `self.avx2` proves that the processor has AVX2.
        unsafe { self.build_shared(bases, shape) }
    }

    /// For each job, its base raised to its exponent, as R-form limbs below p, in time that
    /// depends only on the number of jobs, the tables' shape and the bases named: four jobs at
    /// a time in lockstep, a missing fourth lane raising base 0 to 0.
    pub(in crate::group) fn pow_shared_ct(
        &self,
        tables: &SharedTables,
        jobs: &[Job<'_>],
    ) -> Vec<[u64; LIMBS]> {
        let mut out = Vec::with_capacity(jobs.len());
        for group in jobs.chunks(4) {
            // SAFETY: `self.avx2` proves that the processor has AVX2.
            let results = unsafe { self.pow_shared_four(tables, group) };
            out.extend(results.into_iter().take(group.len()));
        }
        out
    }

    #[target_feature(enable = "avx2")]
    fn build_shared(&self, bases: &[&[u64]], shape: Shape) -> SharedTables {
        let zero = _mm256_setzero_si256();
        let pieces = shape.pieces as usize;
        let mut rows = Vec::with_capacity(bases.len() * pieces * ENTRIES * VECTORS);
        let mut scratch: Operand = [zero; PADDED];
        for group in bases.chunks(4) {
            let mut x = self.load(|lane| group.get(lane).copied());
            let mut entries: [Vec<[u32; DIGITS]>; 4] =
                std::array::from_fn(|_| Vec::with_capacity(pieces * ENTRIES));
            for piece in 0..shape.pieces {
                let mut power = self.one;
                for digit in 0..ENTRIES {
                    for (lane, digits) in entries.iter_mut().zip(lanes_of(&power, &self.modulus)) {
                        // Kernel outputs are normalized: every digit is below 2^27.
                        lane.push(digits.map(|d| d as u32));
                    }
                    if digit == 0 {
                        power = x;
                    } else if digit + 1 < ENTRIES {
                        mont_mul(&power, &x, &self.modulus, &mut scratch);
                        power = scratch;
                    }
                }
                if piece + 1 < shape.pieces {
                    for _ in 0..shape.piece_bits {
                        mont_square(&x, &self.modulus, &mut scratch);
                        x = scratch;
                    }
                }
            }
            for lane in entries.iter().take(group.len()) {
                pack_rows::<ENTRIES>(lane, &mut rows);
            }
        }
        SharedTables { shape, rows }
    }

    /// Up to four jobs in lockstep.
    #[target_feature(enable = "avx2")]
    fn pow_shared_four(&self, tables: &SharedTables, jobs: &[Job<'_>]) -> [[u64; LIMBS]; 4] {
        let zero = _mm256_setzero_si256();
        let none: &[Word] = &[];
        let lanes = [0, 1, 2, 3].map(|lane| jobs.get(lane).copied().unwrap_or((0, none)));
        let Shape { pieces, piece_bits } = tables.shape;
        let windows = piece_bits / WINDOW;
        let mut acc: Operand = self.one;
        let mut entry: Operand = [zero; PADDED];
        let mut scratch: Operand = [zero; PADDED];
        let mut first = true;
        for position in (0..windows).rev() {
            if !first {
                for _ in 0..WINDOW {
                    mont_square(&acc, &self.modulus, &mut scratch);
                    acc = scratch;
                }
            }
            for piece in 0..pieces {
                let offset = piece * piece_bits + position * WINDOW;
                let wanted = lanes.map(|(_, e)| bits_at(e, offset, WINDOW) as i32);
                let rows = lanes.map(|(base, _)| tables.row(base, piece));
                gather_rows::<ENTRIES>(rows, wanted, &mut entry);
                self.modulus.enter(&mut entry);
                if first {
                    // The first factor needs no product: 1·entry = entry.
                    acc = entry;
                    first = false;
                } else {
                    mont_mul(&acc, &entry, &self.modulus, &mut scratch);
                    acc = scratch;
                }
            }
        }
        let out = self.store(&acc);
        // The accumulator and the selected entries were computed from the secret exponents.
        acc.zeroize();
        entry.zeroize();
        scratch.zeroize();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Shape;

    #[test]
    fn one_use_takes_one_piece() {
        assert_eq!(Shape::best(256, 1), Shape::new(256, 1));
    }

    #[test]
    fn more_uses_take_more_pieces_and_cost_less_than_one_piece() {
        let two = Shape::best(256, 2);
        let six = Shape::best(256, 6);
        assert!(two.pieces > 1, "{two:?}");
        assert!(six.pieces >= two.pieces, "{six:?} vs {two:?}");
        for uses in [2u64, 6] {
            let best = Shape::best(256, uses as usize);
            assert!(best.cost(uses) < Shape::new(256, 1).cost(uses), "{best:?}");
        }
    }

    #[test]
    fn pieces_cover_the_exponent_in_whole_windows() {
        for bits in [1u32, 64, 255, 256] {
            for pieces in 1..=super::MAX_PIECES {
                let shape = Shape::new(bits, pieces);
                assert_eq!(shape.piece_bits % super::WINDOW, 0);
                assert!(shape.pieces * shape.piece_bits >= bits);
            }
        }
    }
}
