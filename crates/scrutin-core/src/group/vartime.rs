//! Variable-time exponentiation, for PUBLIC exponents only.
//!
//! Verification raises record values (α, β, commitments, keys) to challenges and responses that
//! are themselves published in the record, and the subgroup check raises to the public q. Nothing
//! secret enters these exponents, so their running time may depend on them: a sliding window
//! skips runs of zero bits and multiplies only by odd powers, and several bases share one chain
//! of squarings (Straus's interleaving).

use super::fixed_base::bits_at;
use super::montgomery::{Field, Residue};
use crypto_bigint::Word;

/// The bit length of a little-endian word string (0 for zero). Variable time.
pub(crate) fn bit_length(words: &[Word]) -> u32 {
    words
        .iter()
        .enumerate()
        .rev()
        .find(|(_, w)| **w != 0)
        .map(|(i, w)| i as u32 * Word::BITS + (Word::BITS - w.leading_zeros()))
        .unwrap_or(0)
}

/// The sliding-window width that minimizes the work for an exponent of `bits` bits: 2^(w−1)
/// multiplications to build the odd powers, plus about bits/(w+1) multiplications in the scan.
fn window_for(bits: u32) -> u32 {
    let cost = |w: u32| (1u64 << (w - 1)) * u64::from(w + 1) + u64::from(bits);
    // cost(w)/(w + 1) compared without division: scale each by the other's denominator.
    (1..=7u32)
        .min_by(|&a, &b| (cost(a) * u64::from(b + 1)).cmp(&(cost(b) * u64::from(a + 1))))
        .unwrap_or(4)
}

/// The odd powers x, x^3, …, x^(2^w − 1).
fn odd_powers(field: &Field, x: &Residue, window: u32) -> Vec<Residue> {
    let count = 1usize << (window - 1);
    let square = field.square(x);
    let mut powers = Vec::with_capacity(count);
    let mut power = x.clone();
    for _ in 1..count {
        let next = field.mul(&power, &square);
        powers.push(power);
        power = next;
    }
    powers.push(power);
    powers
}

/// Sliding-window recoding, read from the least significant bit: `digits[i]` is 0 or an odd
/// d < 2^w, nonzero digits are at least w positions apart, and e = Σ digits[i]·2^i.
fn recode(exponent: &[Word], bits: u32, window: u32) -> Vec<u16> {
    let mut digits = vec![0u16; bits as usize];
    let mut position = 0;
    while position < bits {
        if bits_at(exponent, position, 1) == 0 {
            position += 1;
            continue;
        }
        // Bit `position` is set, so the digit is odd; bits past the top are zero.
        let digit = bits_at(exponent, position, window) as u16;
        if let Some(slot) = digits.get_mut(position as usize) {
            *slot = digit;
        }
        position += window;
    }
    digits
}

/// Π base_i^(e_i) for public exponents given as little-endian words, with one shared chain of
/// squarings.
pub(crate) fn multi_pow_vartime(field: &Field, pairs: &[(&Residue, &[Word])]) -> Residue {
    let prepared: Vec<(Vec<Residue>, Vec<u16>)> = pairs
        .iter()
        .filter_map(|(base, exponent)| {
            let bits = bit_length(exponent);
            if bits == 0 {
                return None;
            }
            let window = window_for(bits);
            Some((
                odd_powers(field, base, window),
                recode(exponent, bits, window),
            ))
        })
        .collect();
    let top = prepared
        .iter()
        .map(|(_, digits)| digits.len())
        .max()
        .unwrap_or(0);
    // None stands for 1 until the first factor, which saves the squarings of 1.
    let mut acc: Option<Residue> = None;
    for position in (0..top).rev() {
        if let Some(acc) = acc.as_mut() {
            field.square_assign(acc);
        }
        for (powers, digits) in &prepared {
            let digit = digits.get(position).copied().unwrap_or(0);
            if digit == 0 {
                continue;
            }
            let Some(factor) = powers.get(usize::from(digit / 2)) else {
                continue;
            };
            match acc.as_mut() {
                None => acc = Some(factor.clone()),
                Some(acc) => field.mul_assign(acc, factor),
            }
        }
    }
    acc.unwrap_or_else(|| field.one().clone())
}

/// base^e for a public exponent given as little-endian words.
pub(crate) fn pow_vartime(field: &Field, base: &Residue, exponent: &[Word]) -> Residue {
    let bits = bit_length(exponent);
    let run = leading_ones(exponent, bits);
    if run >= LONG_RUN {
        pow_leading_run(field, base, exponent, bits, run)
    } else {
        multi_pow_vartime(field, &[(base, exponent)])
    }
}

/// From this many leading one bits on, [`pow_leading_run`] beats the sliding window.
const LONG_RUN: u32 = 32;

/// The number of consecutive one bits from bit `bits − 1` downwards.
fn leading_ones(exponent: &[Word], bits: u32) -> u32 {
    (0..bits)
        .rev()
        .take_while(|position| bits_at(exponent, *position, 1) == 1)
        .count() as u32
}

/// base^e where e starts with a run of `run` one bits, such as q = 2^256 − 189 (the subgroup
/// check): x^(2^L − 1) comes from the chain x^(2^(2k) − 1) = (x^(2^k − 1))^(2^k)·x^(2^k − 1),
/// x^(2^(k+1) − 1) = (x^(2^k − 1))^2·x, in L − 1 squarings and about 2·log2(L)
/// multiplications; the bits below the run follow by a sliding window. For q this is 255
/// squarings and 14 multiplications instead of 256 squarings and about 60 multiplications.
fn pow_leading_run(
    field: &Field,
    base: &Residue,
    exponent: &[Word],
    bits: u32,
    run: u32,
) -> Residue {
    // acc = x^(2^k − 1), built by reading the bits of `run` from the top.
    let mut acc = base.clone();
    let mut k = 1u32;
    for position in (0..(u32::BITS - run.leading_zeros()).saturating_sub(1)).rev() {
        let doubled = acc.clone();
        for _ in 0..k {
            field.square_assign(&mut acc);
        }
        field.mul_assign(&mut acc, &doubled);
        k *= 2;
        if (run >> position) & 1 == 1 {
            field.square_assign(&mut acc);
            field.mul_assign(&mut acc, base);
            k += 1;
        }
    }
    // The tail: the `bits − run` bits below the run, by a sliding window.
    let tail_bits = bits - run;
    if tail_bits == 0 {
        return acc;
    }
    let mut tail = exponent.to_vec();
    for (index, word) in tail.iter_mut().enumerate() {
        let low = index as u32 * Word::BITS;
        if low >= tail_bits {
            *word = 0;
        } else if tail_bits - low < Word::BITS {
            *word &= (1 << (tail_bits - low)) - 1;
        }
    }
    let tail_length = bit_length(&tail);
    if tail_length == 0 {
        for _ in 0..tail_bits {
            field.square_assign(&mut acc);
        }
        return acc;
    }
    let window = window_for(tail_length);
    let powers = odd_powers(field, base, window);
    let digits = recode(&tail, tail_length, window);
    for _ in tail_length..tail_bits {
        field.square_assign(&mut acc);
    }
    for position in (0..tail_length as usize).rev() {
        field.square_assign(&mut acc);
        let digit = digits.get(position).copied().unwrap_or(0);
        if digit != 0 {
            if let Some(factor) = powers.get(usize::from(digit / 2)) {
                field.mul_assign(&mut acc, factor);
            }
        }
    }
    acc
}

/// x^(e_1), …, x^(e_k) for public exponents, sharing one chain of squarings of x (Yao's
/// method): with y_i = x^(2^(w·i)) and e = Σ d_i·2^(w·i), x^e = Π_d (Π_{d_i = d} y_i)^d, and the
/// outer product over d is a running product of running products, 2·(2^w − 1) multiplications.
/// Each exponent after the squarings costs about bits/w + 2^(w+1) multiplications instead of
/// bits squarings and bits/(w+1) multiplications.
pub(crate) fn pow_many_vartime(field: &Field, x: &Residue, exponents: &[&[Word]]) -> Vec<Residue> {
    if exponents.len() <= 1 {
        return exponents.iter().map(|e| pow_vartime(field, x, e)).collect();
    }
    let bits = exponents.iter().map(|e| bit_length(e)).max().unwrap_or(0);
    let window = (2..=6u32)
        .min_by_key(|&w| bits.div_ceil(w) + 2 * ((1 << w) - 1))
        .unwrap_or(4);
    let rows = bits.div_ceil(window);
    // chain[i] = x^(2^(w·i)).
    let mut chain = Vec::with_capacity(rows as usize);
    let mut power = x.clone();
    for row in 0..rows {
        chain.push(power.clone());
        if row + 1 < rows {
            for _ in 0..window {
                field.square_assign(&mut power);
            }
        }
    }
    let digit_count = 1usize << window;
    exponents
        .iter()
        .map(|exponent| {
            // buckets[d] lists the rows whose digit is d.
            let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); digit_count];
            for row in 0..rows {
                let digit = bits_at(exponent, row * window, window) as usize;
                if let Some(bucket) = buckets.get_mut(digit) {
                    bucket.push(row as usize);
                }
            }
            let mut running: Option<Residue> = None;
            let mut result: Option<Residue> = None;
            for bucket in buckets.iter().skip(1).rev() {
                for factor in bucket.iter().filter_map(|row| chain.get(*row)) {
                    match running.as_mut() {
                        None => running = Some(factor.clone()),
                        Some(running) => field.mul_assign(running, factor),
                    }
                }
                if let Some(running) = running.as_ref() {
                    match result.as_mut() {
                        None => result = Some(running.clone()),
                        Some(result) => field.mul_assign(result, running),
                    }
                }
            }
            result.unwrap_or_else(|| field.one().clone())
        })
        .collect()
}
