//! Conversions between the 64-bit limbs of [`super::super::montgomery`] and the 27-bit digits
//! that the four-lane kernel multiplies.
//!
//! A digit of 27 bits leaves room in a 64-bit lane for the sum of 2n = 304 products of two
//! digits (each below 2^54) and a carry, so a whole column of a Montgomery product can be
//! added up before any carry is propagated; 152 digits hold 4104 bits, enough for the values
//! below 2p < 2^4097 that the kernel takes and returns (R' = 2^4104 > 4p).
//!
//! Every function here runs the same instructions on the same addresses whatever the values:
//! they convert secret residues too.

/// Bits per digit.
pub(super) const DIGIT_BITS: u32 = 27;
/// 2^27 − 1.
pub(super) const DIGIT_MASK: u64 = (1 << DIGIT_BITS) - 1;
/// Digits per residue: 152 · 27 = 4104 bits.
pub(super) const DIGITS: usize = 152;
/// Limbs of the standard p (4096 bits).
pub(super) const LIMBS: usize = 64;
/// Limbs that hold any value below 2^4104.
pub(super) const WIDE_LIMBS: usize = LIMBS + 1;

/// The 27-bit digits of the integer whose little-endian limbs are `limbs` (at most 4104 bits).
pub(super) fn digits_of(limbs: &[u64]) -> [u32; DIGITS] {
    let mut digits = [0u32; DIGITS];
    for (j, digit) in digits.iter_mut().enumerate() {
        let bit = j * DIGIT_BITS as usize;
        let (index, shift) = (bit / 64, bit % 64);
        let low = limbs.get(index).copied().unwrap_or(0) >> shift;
        // The digit straddles two limbs when it starts in the top 26 bits of one.
        let high = if shift + DIGIT_BITS as usize > 64 {
            limbs.get(index + 1).copied().unwrap_or(0) << (64 - shift)
        } else {
            0
        };
        *digit = ((low | high) & DIGIT_MASK) as u32;
    }
    digits
}

/// The little-endian limbs of Σ digits_j·2^(27j), for digits below 2^27.
pub(super) fn limbs_of(digits: &[u64; DIGITS]) -> [u64; WIDE_LIMBS] {
    let mut limbs = [0u64; WIDE_LIMBS];
    for (j, digit) in digits.iter().enumerate() {
        let bit = j * DIGIT_BITS as usize;
        let (index, shift) = (bit / 64, bit % 64);
        if let Some(limb) = limbs.get_mut(index) {
            *limb |= digit << shift;
        }
        if shift + DIGIT_BITS as usize > 64 {
            if let Some(limb) = limbs.get_mut(index + 1) {
                *limb |= digit >> (64 - shift);
            }
        }
    }
    limbs
}

/// x mod p for x < 2p, as the 64 limbs of p: subtracts p and keeps the difference when it did
/// not borrow, by a mask, so the time does not depend on x.
pub(super) fn reduce_below(x: &[u64; WIDE_LIMBS], p: &[u64]) -> [u64; LIMBS] {
    let mut difference = [0u64; WIDE_LIMBS];
    let mut borrow = 0u64;
    for (i, (d, v)) in difference.iter_mut().zip(x).enumerate() {
        let q = p.get(i).copied().unwrap_or(0);
        let (t1, b1) = v.overflowing_sub(q);
        let (t2, b2) = t1.overflowing_sub(borrow);
        *d = t2;
        borrow = u64::from(b1 | b2);
    }
    // All ones when x ≥ p (no borrow out of the top limb).
    let take = borrow.wrapping_sub(1);
    let mut out = [0u64; LIMBS];
    for ((o, v), d) in out.iter_mut().zip(x).zip(&difference) {
        *o = (d & take) | (v & !take);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn digits_round_trip(limbs in proptest::collection::vec(any::<u64>(), LIMBS)) {
            let digits = digits_of(&limbs);
            prop_assert!(digits.iter().all(|d| u64::from(*d) <= DIGIT_MASK));
            let wide: [u64; DIGITS] = digits.map(u64::from);
            let back = limbs_of(&wide);
            prop_assert_eq!(&back[..LIMBS], &limbs[..]);
            prop_assert_eq!(back[LIMBS], 0);
        }

        #[test]
        fn reduce_below_subtracts_p_once(x in proptest::collection::vec(any::<u64>(), LIMBS), top in 0u64..2) {
            // p = 2^4096 − 1 − 2^64·k for a random k stands in for an odd modulus here.
            let p: Vec<u64> = (0..LIMBS).map(|i| if i == 0 { u64::MAX } else { x[i] | (1 << 63) }).collect();
            let mut wide = [0u64; WIDE_LIMBS];
            wide[..LIMBS].copy_from_slice(&x);
            wide[LIMBS] = top;
            let reduced = reduce_below(&wide, &p);
            // Reference: compare as integers, most significant limb first.
            let below = top == 0 && x.iter().rev().cmp(p.iter().rev()) == std::cmp::Ordering::Less;
            if below {
                prop_assert_eq!(&reduced[..], &x[..]);
            } else {
                let mut expected = [0u64; LIMBS];
                let mut borrow = 0u64;
                for i in 0..LIMBS {
                    let (t1, b1) = x[i].overflowing_sub(p[i]);
                    let (t2, b2) = t1.overflowing_sub(borrow);
                    expected[i] = t2;
                    borrow = u64::from(b1 | b2);
                }
                prop_assert_eq!(&reduced[..], &expected[..]);
            }
        }
    }
}
