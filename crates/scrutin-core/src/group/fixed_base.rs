//! Fixed-base exponentiation with a precomputed table (§3.1; spec Note 3.5: every
//! exponentiation of an encryption has base g, K or K̂).
//!
//! The exponent is cut into windows of w bits, e = Σ d_i·2^(w·i), and the table holds
//! x^(d·2^(w·i)) for every window i and digit 1 ≤ d < 2^w. Then x^e = Π_i T[i][d_i]: one
//! multiplication per window and no squaring at all, about six times fewer multiplications than
//! a square-and-multiply for w = 6.
//!
//! The constant-time path reads every entry of a window's row and keeps the wanted one with a
//! masked copy (`subtle`, in `montgomery::select_ct`), so neither the branches nor the memory
//! addresses depend on the digit.

use super::lanes::{LaneFixedTable, LaneTable};
use super::montgomery::{select_ct, Field, Residue};
use super::{Element, ParameterSet, Scalar};
use crypto_bigint::Word;
use std::marker::PhantomData;
use std::sync::{Arc, OnceLock};
use zeroize::Zeroize;

/// The window width used when none is given: 43 multiplications for a 256-bit exponent and a
/// table of 43·63 entries (1.4 MB for the standard 4096-bit group).
pub const DEFAULT_WINDOW: u32 = 6;

/// The window of the tables for public exponents: g's (see `Group::g_table_vartime`) and the
/// second table a [`FixedBase`] builds on its first [`FixedBase::pow_vartime`]. 32
/// multiplications for a 256-bit exponent instead of 43 at w = 6, for a table of 32·255
/// entries (4.2 MB for the standard group) that costs about 8,200 multiplications to build
/// and pays for itself after about 740 exponentiations (docs/benchmarks.md).
pub(crate) const VARTIME_WINDOW: u32 = 8;

/// The widest window accepted: 2^12 entries per window already need 8 MB per 256 exponent bits.
pub const MAX_WINDOW: u32 = 12;

/// The table of one base, independent of the parameter-set type so that [`super::Group`] can
/// hold the generator's.
#[derive(Clone)]
pub(crate) struct FixedTable {
    /// w: bits per window.
    window: u32,
    /// Number of windows: ⌈exponent bits / w⌉.
    windows: u32,
    /// Limbs per element.
    limbs: usize,
    /// Row i, entry d − 1 (1 ≤ d < 2^w) holds x^(d·2^(w·i)) in Montgomery form, `limbs` words
    /// each, rows one after another. Empty when `lanes` is set.
    entries: Vec<u64>,
    /// The four-lane table that replaces `entries` where the processor and p allow it
    /// (`lanes/`): shared by the clones.
    lanes: Option<Arc<LaneTable>>,
}

/// Bits `start .. start + width` of a little-endian word string, zero past its end.
///
/// Only the positions (public) decide the control flow; the value is handled with shifts and
/// masks alone, so the function is constant time in the exponent.
pub(crate) fn bits_at(words: &[Word], start: u32, width: u32) -> Word {
    let word_bits = Word::BITS;
    let index = (start / word_bits) as usize;
    let shift = start % word_bits;
    let low = words.get(index).copied().unwrap_or(0) >> shift;
    let high = if shift == 0 {
        0
    } else {
        words.get(index + 1).copied().unwrap_or(0) << (word_bits - shift)
    };
    let mask = if width >= word_bits {
        Word::MAX
    } else {
        (1 << width) - 1
    };
    (low | high) & mask
}

impl FixedTable {
    /// Builds the table of `base` for exponents of at most `exponent_bits` bits.
    pub(crate) fn new(
        base: &Residue,
        field: &Field,
        exponent_bits: u32,
        window: u32,
    ) -> FixedTable {
        let window = window.clamp(1, MAX_WINDOW);
        let windows = exponent_bits.max(1).div_ceil(window);
        let per_row = (1usize << window) - 1;
        let limbs = field.limbs();
        let mut entries = Vec::with_capacity(windows as usize * per_row * limbs);
        // row_base = x^(2^(w·i)) for the current row i.
        let mut row_base = base.clone();
        for _ in 0..windows {
            let mut power = row_base.clone();
            for digit in 1..=per_row {
                entries.extend_from_slice(power.limbs());
                if digit < per_row {
                    field.mul_assign(&mut power, &row_base);
                }
            }
            // power = row_base^(2^w − 1), so one more factor gives the next row's base.
            field.mul_assign(&mut power, &row_base);
            row_base = power;
        }
        FixedTable {
            window,
            windows,
            limbs,
            entries,
            lanes: None,
        }
    }

    /// The table for secret exponents ([`FixedTable::pow_ct`]): the four-lane table where it
    /// applies and `window` is its width ([`DEFAULT_WINDOW`]), else the one of [`FixedTable::new`].
    pub(crate) fn new_ct(
        base: &Residue,
        field: &Field,
        exponent_bits: u32,
        window: u32,
    ) -> FixedTable {
        if window == DEFAULT_WINDOW {
            if let Some(lanes) = LaneTable::new(base, field, exponent_bits) {
                return FixedTable {
                    window,
                    windows: exponent_bits.max(1).div_ceil(window),
                    limbs: field.limbs(),
                    entries: Vec::new(),
                    lanes: Some(Arc::new(lanes)),
                };
            }
        }
        FixedTable::new(base, field, exponent_bits, window)
    }

    /// The entries of row `row`, `limbs` words each.
    fn row(&self, row: u32) -> &[u64] {
        let row_len = ((1usize << self.window) - 1) * self.limbs;
        let start = row as usize * row_len;
        self.entries.get(start..start + row_len).unwrap_or(&[])
    }

    /// x^e for an exponent given as little-endian words, in time independent of e.
    ///
    /// Each window's entry is found by [`select_ct`], which reads every entry of the row and
    /// keeps the wanted one with masks, starting from 1 so that a zero digit selects 1: the
    /// instruction sequence and the addresses read are the same for every digit.
    pub(crate) fn pow_ct(&self, field: &Field, exponent: &[Word]) -> Residue {
        if let Some(lanes) = &self.lanes {
            return lanes.pow_ct(field, exponent);
        }
        let mut acc = field.one().clone();
        let mut entry = field.one().clone();
        for row in 0..self.windows {
            let digit = bits_at(exponent, row * self.window, self.window);
            entry.limbs_mut().copy_from_slice(field.one().limbs());
            select_ct(self.row(row), 1, digit, entry.limbs_mut());
            // A zero digit multiplies by 1: the same work as any other digit.
            field.mul_assign(&mut acc, &entry);
        }
        // `entry` held a secret-dependent table entry.
        entry.zeroize();
        acc
    }

    /// x^(e_i) for each exponent, in order, in time independent of the exponents: as
    /// [`FixedTable::pow_ct`] one by one, or four at a time on the four-lane table.
    pub(crate) fn pow_ct_many(&self, field: &Field, exponents: &[&[Word]]) -> Vec<Residue> {
        match &self.lanes {
            Some(lanes) => lanes.pow_ct_many(field, exponents),
            None => exponents.iter().map(|e| self.pow_ct(field, e)).collect(),
        }
    }

    /// x^e for a public exponent: each window's entry is read directly and zero digits are
    /// skipped, so time and memory access depend on e.
    pub(crate) fn pow_vartime(&self, field: &Field, exponent: &[Word]) -> Residue {
        if let Some(lanes) = &self.lanes {
            // No one-lane entries to index (a table of `new_ct` with lanes); the constant-time
            // path gives the same result. Callers with public exponents use a `new` table.
            return lanes.pow_ct(field, exponent);
        }
        let mut acc: Option<Residue> = None;
        for row in 0..self.windows {
            let digit = bits_at(exponent, row * self.window, self.window) as usize;
            if digit == 0 {
                continue;
            }
            let start = (digit - 1) * self.limbs;
            let Some(words) = self.row(row).get(start..start + self.limbs) else {
                continue;
            };
            let entry = field.residue_from_limbs(words);
            match acc.as_mut() {
                None => acc = Some(entry),
                Some(acc) => field.mul_assign(acc, &entry),
            }
        }
        acc.unwrap_or_else(|| field.one().clone())
    }
}

/// A precomputed table for raising one fixed base to many exponents (g, the joint election key
/// K, or K̂; spec §3.1 Note 3.5).
///
/// Building it costs about 2^w/w times one exponentiation (≈ 10 for w = 6); each later
/// [`FixedBase::pow`] then costs about a sixth of [`Element::pow`].
#[derive(Clone)]
pub struct FixedBase<P: ParameterSet> {
    table: FixedTable,
    /// The table for public exponents, built on first use when `table`'s window is narrower
    /// than [`VARTIME_WINDOW`]: verification raises K to about 120 public exponents per ballot
    /// (Verification 6 and 7), encryption never does. Shared by the clones.
    table_vartime: Arc<OnceLock<FixedTable>>,
    /// The four-lane table for public exponents four at a time
    /// ([`FixedBase::pow_many_vartime`]), built on first use where that path applies.
    lanes_vartime: Arc<OnceLock<LaneFixedTable>>,
    /// The base, kept to build `table_vartime`.
    base: Residue,
    _set: PhantomData<P>,
}

impl<P: ParameterSet> std::fmt::Debug for FixedBase<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "FixedBase({}, window {}, {} rows)",
            P::NAME,
            self.table.window,
            self.table.windows
        )
    }
}

impl<P: ParameterSet> FixedBase<P> {
    /// The table of `base` with the default window width ([`DEFAULT_WINDOW`]).
    pub fn new(base: &Element<P>) -> Self {
        Self::with_window(base, DEFAULT_WINDOW)
    }

    /// The table of `base` with windows of `window` bits, clamped to 1..=[`MAX_WINDOW`]. Wider
    /// windows mean fewer multiplications but a table 2^w/w times the size of an element per
    /// exponent bit, and, for [`FixedBase::pow`], a longer scan of each row.
    pub fn with_window(base: &Element<P>, window: u32) -> Self {
        let group = P::group();
        FixedBase {
            table: FixedTable::new_ct(base.as_residue(), group.field(), group.q_bits(), window),
            table_vartime: Arc::new(OnceLock::new()),
            lanes_vartime: Arc::new(OnceLock::new()),
            base: base.as_residue().clone(),
            _set: PhantomData,
        }
    }

    /// base^e mod p in time independent of e, for secret exponents (encryption nonces, keys).
    /// Equal to [`Element::pow`].
    pub fn pow(&self, exponent: &Scalar<P>) -> Element<P> {
        let field = P::group().field();
        Element::from_residue(self.table.pow_ct(field, exponent.as_uint().as_words()))
    }

    /// base^(e_i) mod p for each exponent, in order, in time independent of them: equal to
    /// [`FixedBase::pow`] of each, four at a time where the four-lane path applies.
    pub fn pow_many(&self, exponents: &[&Scalar<P>]) -> Vec<Element<P>> {
        let field = P::group().field();
        let words: Vec<&[Word]> = exponents.iter().map(|e| e.as_uint().as_words()).collect();
        self.table
            .pow_ct_many(field, &words)
            .into_iter()
            .map(Element::from_residue)
            .collect()
    }

    /// base^e mod p for a PUBLIC exponent only (a proof's response or challenge, read from the
    /// record): the running time and the table entries read depend on e. Equal to
    /// [`Element::pow`]. The first call builds a table of window [`VARTIME_WINDOW`] when this
    /// one's is narrower (about 8,200 multiplications for the standard group), which later
    /// calls and the clones share.
    pub fn pow_vartime(&self, exponent: &Scalar<P>) -> Element<P> {
        let group = P::group();
        let table = if self.table.window >= VARTIME_WINDOW {
            &self.table
        } else {
            self.table_vartime.get_or_init(|| {
                FixedTable::new(&self.base, group.field(), group.q_bits(), VARTIME_WINDOW)
            })
        };
        Element::from_residue(table.pow_vartime(group.field(), exponent.as_uint().as_words()))
    }

    /// base^(e_1), …, base^(e_k) mod p for PUBLIC exponents only (the w_j of range proofs,
    /// Verification 6.2 and 7.4). Where the four-lane path applies and k ≥ 4, four exponents
    /// share each product, from a table of 8-bit windows built on first use (about 16,000
    /// multiplications, shared by the clones); otherwise [`FixedBase::pow_vartime`] one by one.
    pub fn pow_many_vartime(&self, exponents: &[&Scalar<P>]) -> Vec<Element<P>> {
        let group = P::group();
        if exponents.len() >= 4 {
            if let Some(engine) = group.lane_engine() {
                let table = self
                    .lanes_vartime
                    .get_or_init(|| LaneFixedTable::new(&self.base, group.field(), group.q_bits()));
                return Element::pow_fixed_lanes(engine, table, exponents);
            }
        }
        exponents.iter().map(|e| self.pow_vartime(e)).collect()
    }

    /// The window width w in bits.
    pub fn window(&self) -> u32 {
        self.table.window
    }
}
