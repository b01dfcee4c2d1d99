//! Exponentiation x^e in constant time, for secret exponents (§3.1: nonces, keys, shares) with
//! a base that has no precomputed table.
//!
//! Fixed windows of 4 bits from the top: four squarings, then one multiplication by x^d for the
//! window's digit d, where x^d is read from the table x^0, …, x^15 by a masked scan of all 16
//! entries ([`select_ct`]). The number of squarings and multiplications depends only on the
//! public bit length, and a zero digit multiplies by x^0 = 1 like any other digit.

use super::fixed_base::bits_at;
use super::montgomery::{select_ct, Field, Residue};
use crypto_bigint::Word;
use zeroize::Zeroize;

/// Bits per window: 14 multiplications to build the table, then one per 4 exponent bits.
const WINDOW: u32 = 4;

/// x^e mod p for an exponent of at most `bits` bits given as little-endian words, in time
/// independent of e.
pub(crate) fn pow_ct(field: &Field, x: &Residue, exponent: &[Word], bits: u32) -> Residue {
    let limbs = field.limbs();
    let count = 1usize << WINDOW;
    // table = x^0, x^1, …, x^15, `limbs` words each.
    let mut table: Vec<u64> = Vec::with_capacity(count * limbs);
    table.extend_from_slice(field.one().limbs());
    table.extend_from_slice(x.limbs());
    let mut power = x.clone();
    for _ in 2..count {
        field.mul_assign(&mut power, x);
        table.extend_from_slice(power.limbs());
    }
    let windows = bits.max(1).div_ceil(WINDOW);
    let mut entry = field.one().clone();
    let mut acc = field.one().clone();
    for window in (0..windows).rev() {
        if window + 1 < windows {
            for _ in 0..WINDOW {
                field.square_assign(&mut acc);
            }
        }
        let digit = bits_at(exponent, window * WINDOW, WINDOW);
        select_ct(&table, 0, digit, entry.limbs_mut());
        field.mul_assign(&mut acc, &entry);
    }
    // `entry` held the table entry of a secret digit.
    entry.zeroize();
    acc
}
