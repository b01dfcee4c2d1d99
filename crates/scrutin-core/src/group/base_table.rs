//! One base raised to several SECRET exponents in constant time, with the base's work shared
//! (§3.6.3, §3.6.5: every guardian raises the same aggregate A to its key share z_i and to its
//! commitment secret u_i, equations 84 and 87).
//!
//! The exponent of at most `bits` bits is cut into h pieces of L bits (L a multiple of the
//! window w): e = Σ_j e_j·2^(j·L). With B_j = x^(2^(j·L)), x^e = Π_j B_j^(e_j), and the h
//! factors share one chain of L squarings (Straus's interleaving), each scanned in windows of w
//! bits from a table B_j^0, …, B_j^(2^w − 1). The B_j and their tables depend only on the
//! public base, so they are built once — (h − 1)·L squarings and h·(2^w − 2) multiplications —
//! and every exponent then costs L − w squarings and h·L/w multiplications instead of
//! `bits` squarings and bits/w multiplications. h = 1 is the plain fixed-window
//! exponentiation of `ct_pow`.
//!
//! Every window's entry is read by [`select_ct`], which scans the whole row of 2^w entries with
//! masks; the number of squarings, multiplications and scans depends only on `bits`, h and w,
//! all public, and a zero digit multiplies by B_j^0 = 1 like any other digit.

use super::fixed_base::bits_at;
use super::montgomery::{select_ct, Field, Residue};
use super::{Element, ParameterSet, Scalar};
use crypto_bigint::Word;
use std::marker::PhantomData;
use zeroize::Zeroize;

/// The widest window tried: 2^5 entries per row.
const MAX_WINDOW: u32 = 5;

/// The most pieces tried; beyond 16 the shared squarings no longer pay for the extra table
/// multiplications even for a dozen exponents of 256 bits.
const MAX_PIECES: u32 = 16;

/// The shape of a table: h pieces of L bits, scanned in windows of w bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Shape {
    pieces: u32,
    piece_bits: u32,
    window: u32,
}

impl Shape {
    /// h pieces of w-bit windows covering `bits` bits.
    fn new(bits: u32, pieces: u32, window: u32) -> Shape {
        let per_piece = bits.max(1).div_ceil(pieces);
        Shape {
            pieces,
            piece_bits: per_piece.div_ceil(window) * window,
            window,
        }
    }

    /// Estimated cost in multiplications (a squaring counted as one) of building the table and
    /// raising to `uses` exponents; a scan of 2^w entries counts 2^w/32 of a multiplication
    /// (it reads 2^w·l words where a multiplication does about l² word products).
    fn cost(&self, uses: u64) -> u64 {
        let h = u64::from(self.pieces);
        let l = u64::from(self.piece_bits);
        let w = u64::from(self.window);
        let entries = 1u64 << w;
        // In units of 1/32 multiplication.
        let shared = 32 * ((h - 1) * l + h * (entries - 2));
        let windows = h * (l / w);
        let each = 32 * ((l - w) + windows) + windows * entries;
        shared + uses * each
    }

    /// The cheapest shape for `uses` exponents of `bits` bits.
    fn best(bits: u32, uses: usize) -> Shape {
        let uses = u64::try_from(uses.max(1)).unwrap_or(u64::MAX);
        (1..=MAX_PIECES)
            .flat_map(|h| (1..=MAX_WINDOW).map(move |w| Shape::new(bits, h, w)))
            .min_by_key(|shape| shape.cost(uses))
            .unwrap_or(Shape::new(bits, 1, 4))
    }
}

/// The tables of B_0, …, B_(h−1) for one base, built from public values only.
pub(crate) struct SharedTable {
    shape: Shape,
    limbs: usize,
    /// Piece j, digit d holds B_j^d in Montgomery form, `limbs` words each, 2^w entries per
    /// piece, pieces one after another.
    entries: Vec<u64>,
}

impl SharedTable {
    /// The table of `x` for exponents of at most `bits` bits, shaped for about `uses` of them.
    pub(crate) fn new(field: &Field, x: &Residue, bits: u32, uses: usize) -> SharedTable {
        Self::with_shape(field, x, Shape::best(bits, uses))
    }

    /// The table of `x` with h = `pieces` pieces and windows of `window` bits (for tests).
    #[cfg(test)]
    pub(crate) fn with_pieces(
        field: &Field,
        x: &Residue,
        bits: u32,
        pieces: u32,
        window: u32,
    ) -> SharedTable {
        let shape = Shape::new(
            bits,
            pieces.clamp(1, MAX_PIECES),
            window.clamp(1, MAX_WINDOW),
        );
        Self::with_shape(field, x, shape)
    }

    fn with_shape(field: &Field, x: &Residue, shape: Shape) -> SharedTable {
        let limbs = field.limbs();
        let per_piece = 1usize << shape.window;
        let mut entries = Vec::with_capacity(shape.pieces as usize * per_piece * limbs);
        let mut piece_base = x.clone();
        for piece in 0..shape.pieces {
            entries.extend_from_slice(field.one().limbs());
            let mut power = piece_base.clone();
            for digit in 1..per_piece {
                entries.extend_from_slice(power.limbs());
                if digit + 1 < per_piece {
                    field.mul_assign(&mut power, &piece_base);
                }
            }
            if piece + 1 < shape.pieces {
                for _ in 0..shape.piece_bits {
                    field.square_assign(&mut piece_base);
                }
            }
        }
        SharedTable {
            shape,
            limbs,
            entries,
        }
    }

    /// The 2^w entries of piece `piece`.
    fn piece(&self, piece: u32) -> &[u64] {
        let len = (1usize << self.shape.window) * self.limbs;
        let start = piece as usize * len;
        self.entries.get(start..start + len).unwrap_or(&[])
    }

    /// (h, w): the number of pieces and the window width.
    #[cfg(test)]
    pub(crate) fn shape(&self) -> (u32, u32) {
        (self.shape.pieces, self.shape.window)
    }

    /// x^e for an exponent given as little-endian words, in time independent of e. Bits of e
    /// beyond h·L are ignored; callers pass exponents of at most the `bits` the table was built
    /// for.
    pub(crate) fn pow_ct(&self, field: &Field, exponent: &[Word]) -> Residue {
        let Shape {
            pieces,
            piece_bits,
            window,
        } = self.shape;
        let windows = piece_bits / window;
        let mut entry = field.one().clone();
        let mut acc = field.one().clone();
        for position in (0..windows).rev() {
            if position + 1 < windows {
                for _ in 0..window {
                    field.square_assign(&mut acc);
                }
            }
            for piece in 0..pieces {
                let digit = bits_at(exponent, piece * piece_bits + position * window, window);
                select_ct(self.piece(piece), 0, digit, entry.limbs_mut());
                field.mul_assign(&mut acc, &entry);
            }
        }
        // `entry` held the table entry of a secret digit.
        entry.zeroize();
        acc
    }
}

/// A base prepared for several exponentiations with SECRET exponents, such as the aggregate
/// A of a tally option raised to each guardian's z_i and u_i (§3.6.3 equation 84, §3.6.5
/// equation 87). Building it costs a few exponentiations' worth of squarings when it is shaped
/// for many exponents, and each [`SharedBase::pow`] then costs from about 0.8 (2 uses) to
/// about 0.45 (6 uses) of [`Element::pow`]; shaped for one use it is [`Element::pow`].
///
/// Only the public base is stored, so the table needs no zeroizing.
pub struct SharedBase<P: ParameterSet> {
    table: SharedTable,
    _set: PhantomData<P>,
}

impl<P: ParameterSet> std::fmt::Debug for SharedBase<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Shape { pieces, window, .. } = self.table.shape;
        write!(
            f,
            "SharedBase({}, {pieces} pieces, window {window})",
            P::NAME
        )
    }
}

impl<P: ParameterSet> SharedBase<P> {
    /// The table of `base`, shaped for about `uses` exponents in Z_q.
    pub fn new(base: &Element<P>, uses: usize) -> Self {
        let group = P::group();
        SharedBase {
            table: SharedTable::new(group.field(), base.as_residue(), group.q_bits(), uses),
            _set: PhantomData,
        }
    }

    /// base^e mod p in time independent of e. Equal to [`Element::pow`].
    pub fn pow(&self, exponent: &Scalar<P>) -> Element<P> {
        let field = P::group().field();
        Element::from_residue(self.table.pow_ct(field, exponent.as_uint().as_words()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_use_is_the_plain_fixed_window() {
        assert_eq!(Shape::best(256, 1), Shape::new(256, 1, 4));
    }

    #[test]
    fn more_uses_choose_more_pieces() {
        let two = Shape::best(256, 2);
        let six = Shape::best(256, 6);
        assert!(two.pieces > 1, "{two:?}");
        assert!(six.pieces >= two.pieces, "{six:?} vs {two:?}");
        for uses in [2, 6] {
            let plain = Shape::new(256, 1, 4).cost(uses);
            assert!(Shape::best(256, uses as usize).cost(uses) < plain);
        }
    }

    #[test]
    fn pieces_cover_the_exponent_in_whole_windows() {
        for bits in [1u32, 16, 64, 255, 256] {
            for pieces in 1..=MAX_PIECES {
                for window in 1..=MAX_WINDOW {
                    let shape = Shape::new(bits, pieces, window);
                    assert_eq!(shape.piece_bits % window, 0);
                    assert!(shape.pieces * shape.piece_bits >= bits);
                }
            }
        }
    }
}
