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
    let Ok(bytes) = hexfield::decode_any(Path::new(""), "", text) else {
        return false;
    };
    let strip = |b: &[u8]| {
        b.iter()
            .position(|x| *x != 0)
            .map_or(Vec::new(), |i| b.get(i..).unwrap_or_default().to_vec())
    };
    strip(&bytes) == strip(value)
}

/// Whether (p, q, g) as hex text are exactly the constants of `P`.
pub fn matches<P: ParameterSet>(p: &str, q: &str, g: &str) -> (bool, bool, bool) {
    let group = P::group();
    (
        same_integer(p, &group.p().to_be_bytes()),
        same_integer(q, &group.q().to_be_bytes()),
        same_integer(g, &group.g().to_be_bytes()),
    )
}

/// The known set whose p, q and g all equal the given ones.
pub fn identify(p: &str, q: &str, g: &str) -> Option<KnownParameters> {
    if matches::<Standard>(p, q, g) == (true, true, true) {
        Some(KnownParameters::Standard)
    } else if matches::<Toy256>(p, q, g) == (true, true, true) {
        Some(KnownParameters::Toy256)
    } else {
        None
    }
}
