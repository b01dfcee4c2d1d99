//! Which parameter set a record uses: its constants compared with the built-in sets.

use scrutin_core::group::{ParameterSet, Standard, Toy256};
use scrutin_record::hexfield;
use std::path::Path;

/// The parameter sets the verifier can run on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KnownParameters {
    /// The standard 4096-bit set of §3.1.1.
    Standard,
    /// The 256-bit toy set of the Appendix (tests only).
    Toy256,
}

/// Compares hex text with a big-endian integer, ignoring leading zeros and case.
fn same_integer(text: &str, value: &[u8]) -> bool {
    let padded = if text.len() % 2 == 1 {
        format!("0{text}")
    } else {
        text.to_string()
    };
    let Ok(bytes) = hexfield::decode_any(Path::new(""), "", &padded) else {
        return false;
    };
    let strip = |b: &[u8]| {
        b.iter()
            .position(|x| *x != 0)
            .map_or(Vec::new(), |i| b.get(i..).unwrap_or_default().to_vec())
    };
    strip(&bytes) == strip(value)
}

/// The constants of a record as hex text: p, q, r, g.
#[derive(Clone, Copy, Debug)]
pub struct ConstantsText<'a> {
    /// p.
    pub p: &'a str,
    /// q.
    pub q: &'a str,
    /// r = (p − 1)/q.
    pub r: &'a str,
    /// g.
    pub g: &'a str,
}

/// Which of p, q, r and g equal the constants of `P`.
pub fn matches<P: ParameterSet>(c: ConstantsText<'_>) -> [bool; 4] {
    let group = P::group();
    [
        same_integer(c.p, &group.p().to_be_bytes()),
        same_integer(c.q, &group.q().to_be_bytes()),
        same_integer(c.r, &group.r().to_be_bytes()),
        same_integer(c.g, &group.g().to_be_bytes()),
    ]
}

/// The known set whose p, q, r and g all equal the given ones.
pub fn identify(c: ConstantsText<'_>) -> Option<KnownParameters> {
    if matches::<Standard>(c) == [true; 4] {
        Some(KnownParameters::Standard)
    } else if matches::<Toy256>(c) == [true; 4] {
        Some(KnownParameters::Toy256)
    } else {
        None
    }
}
