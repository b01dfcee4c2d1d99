//! Members of the order-q subgroup Z_p^r of Z_p^* (§3.1).

use super::lanes::{LaneEngine, LaneFixedTable};
use super::montgomery::Residue;
use super::scalar::hex_upper;
use super::{batch, ct_pow, vartime, FixedBase, GroupError, ParameterSet, Scalar};
use crypto_bigint::{BoxedUint, Word};
use rand_core::{CryptoRng, RngCore};
use std::marker::PhantomData;

/// An element of Z_p^r for the parameter set `P`, held in Montgomery form (`group/montgomery`).
///
/// The only ways to obtain one are [`Element::decode`], which checks range and subgroup
/// membership, and arithmetic on elements that are already members, so holding an `Element`
/// means holding a subgroup member.
#[derive(Clone)]
pub struct Element<P: ParameterSet> {
    value: Residue,
    _set: PhantomData<P>,
}

impl<P: ParameterSet> PartialEq for Element<P> {
    fn eq(&self, other: &Self) -> bool {
        // Montgomery representatives are fully reduced, so equal values have equal limbs.
        self.value == other.value
    }
}

impl<P: ParameterSet> Eq for Element<P> {}

impl<P: ParameterSet> std::fmt::Debug for Element<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hex = hex_upper(&self.to_bytes());
        let tail = hex.get(hex.len().saturating_sub(16)..).unwrap_or("");
        write!(f, "Element(…{tail})")
    }
}

impl<P: ParameterSet> Element<P> {
    pub(super) fn from_residue(value: Residue) -> Self {
        Element {
            value,
            _set: PhantomData,
        }
    }

    pub(super) fn as_residue(&self) -> &Residue {
        &self.value
    }

    /// The identity 1.
    pub fn one() -> Self {
        Self::from_residue(P::group().field().one().clone())
    }

    /// The generator g.
    pub fn generator() -> Self {
        Self::from_residue(P::group().g_residue().clone())
    }

    /// Decodes the fixed-width encoding b(x, l_p) of §5.1.1, accepting x only if 0 ≤ x < p and
    /// x^q mod p = 1, i.e. x ∈ Z_p^r (the membership test of Verification 2.A, 6.A and others).
    pub fn decode(bytes: &[u8]) -> Result<Self, GroupError> {
        let group = P::group();
        let candidate = group.field().residue(&Self::decode_integer(bytes)?);
        // q is public and so is the candidate: the variable-time path is safe here.
        if !batch::has_order_q(&candidate, group) {
            return Err(GroupError::NotInSubgroup);
        }
        Ok(Self::from_residue(candidate))
    }

    /// Decodes many encodings as [`Element::decode`] does, with one batched subgroup test
    /// instead of an exponentiation x^q per element (§5.1.1; Verification 2.A, 6.A, 7.A …).
    ///
    /// Each element's Legendre symbol must be 1, then (Π x_i^(t_i))^q = 1 must hold for random
    /// 128-bit t_i drawn from `rng`; if it does not, every element is tested on its own so that
    /// the result names exactly the ones that fail. A non-member is accepted with probability at
    /// most 2^-128 (the argument is in the documentation of `group/batch.rs`; it holds for the
    /// standard group, whose cofactor is 2 times a prime). Results are in input order.
    pub fn decode_batch<R: RngCore + CryptoRng>(
        rng: &mut R,
        encodings: &[&[u8]],
    ) -> Vec<Result<Self, GroupError>> {
        let group = P::group();
        let residues: Vec<Result<Residue, GroupError>> = encodings
            .iter()
            .map(|bytes| {
                let value = Self::decode_integer(bytes)?;
                if batch::legendre(&value, group) == 1 {
                    Ok(group.field().residue(&value))
                } else {
                    Err(GroupError::NotInSubgroup)
                }
            })
            .collect();
        let candidates: Vec<&Residue> = residues.iter().filter_map(|r| r.as_ref().ok()).collect();
        let all_members = match candidates.as_slice() {
            [] => true,
            [single] => batch::has_order_q(single, group),
            _ => batch::all_have_order_q(rng, &candidates, group),
        };
        residues
            .into_iter()
            .map(|residue| {
                let candidate = residue?;
                if all_members || batch::has_order_q(&candidate, group) {
                    Ok(Self::from_residue(candidate))
                } else {
                    Err(GroupError::NotInSubgroup)
                }
            })
            .collect()
    }

    /// The length and range checks of §5.1.1: b(x, l_p) with 0 ≤ x < p, not yet known to be in
    /// the subgroup.
    fn decode_integer(bytes: &[u8]) -> Result<BoxedUint, GroupError> {
        let group = P::group();
        if bytes.len() != group.p_bytes() {
            return Err(GroupError::WrongLength {
                expected: group.p_bytes(),
                found: bytes.len(),
            });
        }
        let value = BoxedUint::from_be_slice_truncated(bytes, group.p().bits_precision());
        // Public input: a variable-time comparison leaks nothing secret.
        if value.cmp_vartime(group.p()) != std::cmp::Ordering::Less {
            return Err(GroupError::OutOfRange);
        }
        Ok(value)
    }

    /// The fixed-width big-endian encoding b(x, l_p) of §5.1.1.
    pub fn to_bytes(&self) -> Vec<u8> {
        let group = P::group();
        let limbs = group.field().to_limbs(&self.value);
        // Byte i from the end is byte i % 8 of limb i / 8; x < p fits in l_p bytes.
        let width = group.p_bytes();
        let mut bytes = vec![0u8; width];
        for (i, byte) in bytes.iter_mut().rev().enumerate() {
            let limb = limbs.get(i / 8).copied().unwrap_or(0);
            *byte = (limb >> (8 * (i % 8))) as u8;
        }
        bytes
    }

    /// Upper-case hexadecimal of the fixed-width encoding.
    pub fn to_hex(&self) -> String {
        hex_upper(&self.to_bytes())
    }

    /// (self · rhs) mod p.
    pub fn mul(&self, rhs: &Self) -> Self {
        Self::from_residue(P::group().field().mul(&self.value, &rhs.value))
    }

    /// self² mod p, by the dedicated squaring (each cross product computed once).
    pub fn square(&self) -> Self {
        Self::from_residue(P::group().field().square(&self.value))
    }

    /// self^(−1) mod p. Every subgroup member is invertible.
    pub fn invert(&self) -> Self {
        let inverse = P::group().field().invert(&self.value);
        // A subgroup member is never zero, so the inverse exists; fall back to self only to
        // keep this total, which cannot happen for a value built through `decode`.
        Self::from_residue(inverse.unwrap_or_else(|| self.value.clone()))
    }

    /// x_1^(−1), …, x_n^(−1) mod p with one inversion and 3(n − 1) multiplications
    /// (Montgomery's trick: invert the product, then peel the prefix products off it). Time
    /// independent of the values; used for the n values M of a decrypted tally (T = B·M⁻¹,
    /// §3.6.2 equation 82), where one inversion costs about as much as an exponentiation.
    pub fn invert_batch(items: &[Self]) -> Vec<Self> {
        let field = P::group().field();
        // prefix[i] = x_1·…·x_(i+1).
        let mut prefix: Vec<Residue> = Vec::with_capacity(items.len());
        for item in items {
            let next = match prefix.last() {
                None => item.value.clone(),
                Some(last) => field.mul(last, &item.value),
            };
            prefix.push(next);
        }
        let Some(total) = prefix.last() else {
            return Vec::new();
        };
        // Subgroup members are never zero, so the product is invertible; the fallback keeps
        // this total as `invert` does.
        let mut inverse = field.invert(total).unwrap_or_else(|| total.clone());
        let mut out: Vec<Self> = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate().rev() {
            // inverse = (x_1·…·x_(index+1))^(−1) here.
            let single = match index.checked_sub(1).and_then(|before| prefix.get(before)) {
                Some(before) => field.mul(&inverse, before),
                None => inverse.clone(),
            };
            field.mul_assign(&mut inverse, &item.value);
            out.push(Self::from_residue(single));
        }
        out.reverse();
        out
    }

    /// self / rhs mod p.
    pub fn div(&self, rhs: &Self) -> Self {
        self.mul(&rhs.invert())
    }

    /// self^e mod p, for an exponent e ∈ Z_q. Runs in time independent of the value of e.
    pub fn pow(&self, exponent: &Scalar<P>) -> Self {
        let group = P::group();
        Self::from_residue(ct_pow::pow_ct(
            group.field(),
            &self.value,
            exponent.as_uint().as_words(),
            group.q_bits(),
        ))
    }

    /// self^n mod p for a small integer n (selection values, weights, indices), in time
    /// independent of n.
    pub fn pow_u64(&self, n: u64) -> Self {
        let exponent = BoxedUint::from(n);
        let words: &[Word] = exponent.as_words();
        Self::from_residue(ct_pow::pow_ct(
            P::group().field(),
            &self.value,
            words,
            u64::BITS,
        ))
    }

    /// g^e mod p, in time independent of e, from the group's fixed-base table of g (built on
    /// first use).
    pub fn g_pow(exponent: &Scalar<P>) -> Self {
        let group = P::group();
        Self::from_residue(
            group
                .g_table()
                .pow_ct(group.field(), exponent.as_uint().as_words()),
        )
    }

    /// g^(e_i) mod p for each exponent, in order, in time independent of them: equal to
    /// [`Element::g_pow`] of each, four at a time where the four-lane path applies.
    pub fn g_pow_many(exponents: &[&Scalar<P>]) -> Vec<Self> {
        let group = P::group();
        let words: Vec<&[Word]> = exponents.iter().map(|e| e.as_uint().as_words()).collect();
        group
            .g_table()
            .pow_ct_many(group.field(), &words)
            .into_iter()
            .map(Self::from_residue)
            .collect()
    }

    /// g^e mod p for a PUBLIC exponent only (a response or challenge read from the record):
    /// the running time and the table entries read depend on e.
    pub fn g_pow_vartime(exponent: &Scalar<P>) -> Self {
        let group = P::group();
        Self::from_residue(
            group
                .g_table_vartime()
                .pow_vartime(group.field(), exponent.as_uint().as_words()),
        )
    }

    /// g^(e_1), …, g^(e_k) mod p for PUBLIC exponents only (the responses v_j of range proofs,
    /// Verification 6.1 and 7.3). Where the four-lane path applies and k ≥ 4, four exponents
    /// share each product, from a table of 8-bit windows of g built on first use (about 16,000
    /// multiplications; `lanes/`); otherwise as [`Element::g_pow_vartime`] one by one.
    pub fn g_pow_many_vartime(exponents: &[&Scalar<P>]) -> Vec<Self> {
        let group = P::group();
        if exponents.len() >= 4 {
            if let (Some(engine), Some(table)) = (group.lane_engine(), group.g_lane_fixed_table()) {
                return Self::pow_fixed_lanes(engine, table, exponents);
            }
        }
        exponents.iter().map(|e| Self::g_pow_vartime(e)).collect()
    }

    /// x^(e_i) for each public exponent from `table` of x, four at a time.
    pub(super) fn pow_fixed_lanes(
        engine: &LaneEngine,
        table: &LaneFixedTable,
        exponents: &[&Scalar<P>],
    ) -> Vec<Self> {
        let words: Vec<&[Word]> = exponents.iter().map(|e| e.as_uint().as_words()).collect();
        engine
            .pow_fixed_vartime(P::group().field(), table, &words)
            .into_iter()
            .map(Self::from_residue)
            .collect()
    }

    /// A fixed-base table for this element, for raising it to many exponents (the election
    /// keys K and K̂ when encrypting, spec Note 3.5). See [`FixedBase`].
    pub fn fixed_base(&self) -> FixedBase<P> {
        FixedBase::new(self)
    }

    /// self^e mod p for a PUBLIC exponent only, by a sliding window over e: the running time
    /// depends on e. Safe for verification, where every exponent (challenge, response, q) is
    /// published in the record; never use it with a nonce, key or share.
    pub fn pow_vartime(&self, exponent: &Scalar<P>) -> Self {
        Self::from_residue(vartime::pow_vartime(
            P::group().field(),
            &self.value,
            exponent.as_uint().as_words(),
        ))
    }

    /// self^(e_1), …, self^(e_k) mod p for PUBLIC exponents only, sharing one chain of squarings
    /// of self (Yao's method): for the R + 1 challenges c_j of a range proof, α^(c_j) and
    /// β^(c_j) (Verification 6.1–6.2, 7.3–7.4). Results are in the order of `exponents`; the
    /// running time depends on the exponents, which the record publishes.
    pub fn pow_many_vartime(&self, exponents: &[&Scalar<P>]) -> Vec<Self> {
        let words: Vec<&[Word]> = exponents.iter().map(|e| e.as_uint().as_words()).collect();
        vartime::pow_many_vartime(P::group().field(), &self.value, &words)
            .into_iter()
            .map(Self::from_residue)
            .collect()
    }

    /// For each (x, [e_1, …, e_k]) of `sets`: x^(e_1), …, x^(e_k) mod p, for PUBLIC exponents
    /// only; as [`Element::pow_many_vartime`] on each set, but where the four-lane path
    /// applies (`lanes/`) four sets run at once, each along its own shared chain of squarings:
    /// the α and β of two range proofs (Verification 6.1–6.2, 7.3–7.4) fill the four lanes.
    /// The running time depends on the exponents, which the record publishes.
    pub fn pow_sets_vartime(sets: &[(&Self, &[&Scalar<P>])]) -> Vec<Vec<Self>> {
        let group = P::group();
        let Some(engine) = group.lane_engine() else {
            return sets.iter().map(|(x, e)| x.pow_many_vartime(e)).collect();
        };
        let words: Vec<Vec<&[Word]>> = sets
            .iter()
            .map(|(_, e)| e.iter().map(|e| e.as_uint().as_words()).collect())
            .collect();
        let residues: Vec<(&Residue, &[&[Word]])> = sets
            .iter()
            .zip(&words)
            .map(|((x, _), w)| (&x.value, w.as_slice()))
            .collect();
        engine
            .pow_sets_vartime(group.field(), &residues)
            .into_iter()
            .map(|set| set.into_iter().map(Self::from_residue).collect())
            .collect()
    }

    /// [`Element::multi_pow_vartime`] of each set, in order, for PUBLIC exponents only: four
    /// sets at a time on the four-lane path (from three sets on), one by one elsewhere.
    pub fn multi_pow_many_vartime(sets: &[Vec<(&Self, &Scalar<P>)>]) -> Vec<Self> {
        let group = P::group();
        match group.lane_engine() {
            Some(engine) if sets.len() >= 3 => {
                let words: Vec<Vec<(&Residue, &[Word])>> = sets
                    .iter()
                    .map(|set| {
                        set.iter()
                            .map(|(x, e)| (&x.value, e.as_uint().as_words()))
                            .collect()
                    })
                    .collect();
                engine
                    .multi_pow_many_vartime(group.field(), &words)
                    .into_iter()
                    .map(Self::from_residue)
                    .collect()
            }
            _ => sets
                .iter()
                .map(|set| Self::multi_pow_vartime(set))
                .collect(),
        }
    }

    /// Π x_i^(e_i) mod p for PUBLIC exponents only, such as g^v·K^c or A^v·M^c in proof
    /// verification. The bases share one chain of squarings (Straus's interleaving), and a base
    /// equal to g uses the group's fixed-base table instead. The running time depends on the
    /// exponents and on which bases equal g, all of which are public values of the record.
    pub fn multi_pow_vartime(pairs: &[(&Self, &Scalar<P>)]) -> Self {
        let group = P::group();
        let field = group.field();
        let generator = group.g_residue();
        let (fixed, variable): (Vec<_>, Vec<_>) =
            pairs.iter().partition(|(base, _)| base.value == *generator);
        let variable: Vec<(&Residue, &[Word])> = variable
            .iter()
            .map(|(base, exponent)| (&base.value, exponent.as_uint().as_words()))
            .collect();
        let variable_part = vartime::multi_pow_vartime(field, &variable);
        if fixed.is_empty() {
            return Self::from_residue(variable_part);
        }
        // g^a·g^b = g^(a+b): one table exponentiation for all the g factors.
        let exponent = Scalar::sum(fixed.iter().map(|(_, exponent)| *exponent));
        let g_part = group
            .g_table_vartime()
            .pow_vartime(field, exponent.as_uint().as_words());
        if variable.is_empty() {
            Self::from_residue(g_part)
        } else {
            Self::from_residue(field.mul(&variable_part, &g_part))
        }
    }

    /// The product of an iterator of elements.
    pub fn product<'a>(items: impl IntoIterator<Item = &'a Self>) -> Self {
        items.into_iter().fold(Self::one(), |acc, x| acc.mul(x))
    }

    /// Whether this is the identity.
    pub fn is_one(&self) -> bool {
        self == &Self::one()
    }
}
