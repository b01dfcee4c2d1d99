//! The multiplicative group Z_p^* and its order-q subgroup Z_p^r (§3.1).
//!
//! [`Group`] holds the precomputed constants of one parameter set; [`Element`] is a member of the
//! order-q subgroup, obtainable only through a checked decode or group arithmetic; [`Scalar`] is a
//! public integer modulo q and [`SecretScalar`] a secret one.

mod base_table;
mod batch;
mod ct_pow;
mod element;
mod fixed_base;
mod jacobi;
mod jacobi_steps;
mod lanes;
mod montgomery;
mod params;
mod scalar;
mod secret;
mod secret_base;
mod vartime;

pub use base_table::SharedBase;
pub use element::Element;
pub use fixed_base::{FixedBase, DEFAULT_WINDOW, MAX_WINDOW};
#[cfg(all(feature = "kernel-bench", target_arch = "x86_64"))]
#[doc(hidden)]
pub use lanes::kernel_bench;
pub use lanes::{use_avx2_kernel, use_one_lane_only};
pub use params::{ParameterHex, ParameterSet, Standard};
#[cfg(any(test, feature = "insecure-toy-groups"))]
pub use params::{Toy128, Toy16, Toy192, Toy256, Toy32, Toy48, Toy64, Toy96};
pub use scalar::Scalar;
pub use secret::SecretScalar;
pub use secret_base::{PublicBase, SecretBase};

use crypto_bigint::{BoxedUint, NonZero, Odd, Resize};
use fixed_base::FixedTable;
use montgomery::{Field, Residue};
use std::sync::OnceLock;

/// Why a byte string is not a valid group element or scalar.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupError {
    /// The encoding does not have the fixed width of the parameter set (§5.1.1, §5.1.2).
    WrongLength {
        /// The width required.
        expected: usize,
        /// The width given.
        found: usize,
    },
    /// The integer is not below the modulus (p for elements, q for scalars).
    OutOfRange,
    /// The integer is in Z_p but not in the order-q subgroup Z_p^r: x^q ≠ 1 mod p.
    NotInSubgroup,
}

impl std::fmt::Display for GroupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GroupError::WrongLength { expected, found } => {
                write!(f, "wrong length: expected {expected} bytes, found {found}")
            }
            GroupError::OutOfRange => f.write_str("value is not below the modulus"),
            GroupError::NotInSubgroup => f.write_str("value is not in the order-q subgroup"),
        }
    }
}

impl std::error::Error for GroupError {}

/// The precomputed constants of a parameter set: moduli, Montgomery parameters and widths.
pub struct Group {
    p: Odd<BoxedUint>,
    q: NonZero<BoxedUint>,
    r: BoxedUint,
    g: BoxedUint,
    p_bits: u32,
    q_bits: u32,
    p_bytes: usize,
    q_bytes: usize,
    /// Montgomery arithmetic modulo p.
    field: Field,
    /// g in Montgomery form.
    g_residue: Residue,
    /// The fixed-base table of g, built on first use (≈ 10 exponentiations' work).
    g_table: OnceLock<FixedTable>,
    /// A wider table of g for public exponents, where no row is scanned: w = 8 gives 32
    /// multiplications instead of 43 (4 MB for the standard group), built on first use.
    g_table_vartime: OnceLock<FixedTable>,
    /// The four-lane variable-base path, where the processor and p allow it (`lanes/`).
    lanes: OnceLock<Option<lanes::LaneEngine>>,
    /// g's table for public exponents four at a time on the four-lane path, built on first use.
    g_lanes_fixed: OnceLock<Option<lanes::LaneFixedTable>>,
}

impl std::fmt::Debug for Group {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Group(p: {} bits, q: {} bits)", self.p_bits, self.q_bits)
    }
}

/// Parses whitespace-separated big-endian hex into an integer with at least `bits` precision.
fn parse_hex(hex: &str) -> Option<BoxedUint> {
    let digits: String = hex.chars().filter(|c| !c.is_whitespace()).collect();
    let trimmed = digits.trim_start_matches('0');
    let bits = u32::try_from(trimmed.len().max(1) * 4).ok()?;
    BoxedUint::from_str_radix_with_precision_vartime(
        if trimmed.is_empty() { "0" } else { trimmed },
        16,
        bits,
    )
    .ok()
}

impl Group {
    /// Builds the group from printed constants, or `None` if they do not parse or p is even.
    pub fn from_hex(hex: &ParameterHex) -> Option<Group> {
        let p = parse_hex(hex.p)?;
        let p_bits = p.bits_vartime();
        // All arithmetic modulo p and modulo q happens at the precision of the modulus.
        let p = p.resize_unchecked(p_bits);
        let q = parse_hex(hex.q)?;
        let q_bits = q.bits_vartime();
        let q = q.resize_unchecked(q_bits);
        let r = parse_hex(hex.r)?;
        let g = parse_hex(hex.g)?.resize_unchecked(p_bits);
        let p_odd = Option::<Odd<BoxedUint>>::from(p.to_odd())?;
        let q_nz = Option::<NonZero<BoxedUint>>::from(q.to_nz())?;
        let field = Field::new(&p_odd);
        let g_residue = field.residue(&g);
        Some(Group {
            p_bytes: usize::try_from(p_bits.div_ceil(8)).ok()?,
            q_bytes: usize::try_from(q_bits.div_ceil(8)).ok()?,
            p: p_odd,
            q: q_nz,
            r,
            g,
            p_bits,
            q_bits,
            field,
            g_residue,
            g_table: OnceLock::new(),
            g_table_vartime: OnceLock::new(),
            lanes: OnceLock::new(),
            g_lanes_fixed: OnceLock::new(),
        })
    }

    /// Builds a group from the compile-time constants of a [`ParameterSet`].
    ///
    /// The constants are fixed in this crate and checked by its tests, so a failure here is a
    /// defect in the source, not a condition that input can provoke.
    #[allow(clippy::panic)]
    pub(crate) fn from_hex_or_abort(hex: &ParameterHex, name: &str) -> Group {
        match Group::from_hex(hex) {
            Some(group) => group,
            None => panic!("the built-in constants of parameter set {name} do not parse"),
        }
    }

    /// The modulus p.
    pub fn p(&self) -> &BoxedUint {
        self.p.as_ref()
    }

    /// The subgroup order q.
    pub fn q(&self) -> &BoxedUint {
        self.q.as_ref()
    }

    /// The cofactor r = (p − 1)/q.
    pub fn r(&self) -> &BoxedUint {
        &self.r
    }

    /// The generator g of Z_p^r.
    pub fn g(&self) -> &BoxedUint {
        &self.g
    }

    /// l_p: the width in bytes of an encoded element of Z_p (512 for the standard set, §5.1.1).
    pub fn p_bytes(&self) -> usize {
        self.p_bytes
    }

    /// l_q: the width in bytes of an encoded element of Z_q (32 for the standard set, §5.1.2).
    pub fn q_bytes(&self) -> usize {
        self.q_bytes
    }

    /// The bit length of p.
    pub fn p_bits(&self) -> u32 {
        self.p_bits
    }

    /// The bit length of q.
    pub fn q_bits(&self) -> u32 {
        self.q_bits
    }

    pub(crate) fn q_nonzero(&self) -> &NonZero<BoxedUint> {
        &self.q
    }

    pub(crate) fn field(&self) -> &Field {
        &self.field
    }

    pub(crate) fn g_residue(&self) -> &Residue {
        &self.g_residue
    }

    /// The fixed-base table of g, built the first time it is needed.
    pub(crate) fn g_table(&self) -> &FixedTable {
        self.g_table.get_or_init(|| {
            FixedTable::new_ct(
                &self.g_residue,
                &self.field,
                self.q_bits,
                fixed_base::DEFAULT_WINDOW,
            )
        })
    }

    /// The four-lane variable-base path, if this processor and p have one.
    pub(crate) fn lane_engine(&self) -> Option<&lanes::LaneEngine> {
        self.lanes
            .get_or_init(|| lanes::LaneEngine::new(&self.field))
            .as_ref()
    }

    /// g's four-lane table for public exponents ([`Element::g_pow_many_vartime`]), built the
    /// first time it is needed, where the four-lane path applies.
    pub(crate) fn g_lane_fixed_table(&self) -> Option<&lanes::LaneFixedTable> {
        self.g_lanes_fixed
            .get_or_init(|| {
                self.lane_engine()?;
                Some(lanes::LaneFixedTable::new(
                    &self.g_residue,
                    &self.field,
                    self.q_bits,
                ))
            })
            .as_ref()
    }

    /// The wide fixed-base table of g for public exponents, built the first time it is needed.
    pub(crate) fn g_table_vartime(&self) -> &FixedTable {
        self.g_table_vartime.get_or_init(|| {
            FixedTable::new(
                &self.g_residue,
                &self.field,
                self.q_bits,
                fixed_base::VARTIME_WINDOW,
            )
        })
    }
}

#[cfg(test)]
mod fast_tests;
#[cfg(test)]
mod secret_tests;
#[cfg(test)]
mod shared_tests;
#[cfg(test)]
mod tests;

/// Which Montgomery arithmetic this process uses for parameter set `P`, for benchmark reports:
/// the four-lane path (`lanes/`, on its AVX-512 IFMA or AVX2 kernel) where it applies, else
/// the one-lane one.
pub fn arithmetic<P: ParameterSet>() -> &'static str {
    match P::group().lane_engine() {
        Some(engine) => engine.kernel(),
        None => "one-lane, 64-bit limbs",
    }
}

/// Upper-case hexadecimal of bytes.
pub fn hex_of(bytes: &[u8]) -> String {
    scalar::hex_upper(bytes)
}
