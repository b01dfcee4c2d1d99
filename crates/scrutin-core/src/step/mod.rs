//! Labels of verification checks.
//!
//! A check is either one the specification names, by its Verification box and letter
//! ([`SpecCheck`], displayed `V6.D` as in the specification's lists), or one that scrutin adds
//! where the specification has no letter ([`OwnCheck`], displayed `S6.ballot-nonce-proof`).
//! The two live in different variants of [`Step`], so that no own check can be mistaken for a
//! condition of the specification, in code or in any output.
//!
//! The labels themselves are named constants: [`v2_1`] for ElectionGuard 2.1 (§6.2 collects
//! its Verification boxes), [`v2_0`] for the egk ElectionGuard 2.0 record format (used by the
//! egk decoders of scrutin-record and the 2.0 verifier), and [`own`] for scrutin's own
//! checks.

pub mod own;
pub mod v2_0;
pub mod v2_1;

pub use own::OwnCheck;

use std::cmp::Ordering;
use std::fmt;

/// The version of the specification whose Verification boxes a [`SpecCheck`] refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SpecVersion {
    /// ElectionGuard 2.0 (the egk record format), verification list in §6 of 2.0.
    V2_0,
    /// ElectionGuard 2.1, verification list in §6.2.
    V2_1,
}

impl SpecVersion {
    /// The version number as written in the specification's title, e.g. `2.1`.
    pub const fn as_str(self) -> &'static str {
        match self {
            SpecVersion::V2_0 => "2.0",
            SpecVersion::V2_1 => "2.1",
        }
    }
}

impl fmt::Display for SpecVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A condition of the specification: letter `check` of Verification box `verification` of
/// the specification `version`.
///
/// Built only by the constant modules ([`v2_1`], `scrutin_verify::v20::steps`); the rest of
/// the code names its checks by those constants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SpecCheck {
    version: SpecVersion,
    verification: u8,
    check: char,
}

impl SpecCheck {
    /// Condition `verification`.`check` of the specification `version`, for the constant
    /// modules that define the labels.
    pub const fn new(version: SpecVersion, verification: u8, check: char) -> Self {
        SpecCheck {
            version,
            verification,
            check,
        }
    }

    /// The specification the label refers to.
    pub const fn version(self) -> SpecVersion {
        self.version
    }

    /// The number of the Verification box.
    pub const fn verification(self) -> u8 {
        self.verification
    }

    /// The letter of the condition within the box ('A', 'B', …).
    pub const fn check(self) -> char {
        self.check
    }
}

/// A verification check: a condition of the specification or one of scrutin's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Step {
    /// A lettered condition of the specification, displayed `V6.D`.
    Spec(SpecCheck),
    /// A check scrutin adds where the specification has no letter, displayed `S6.name`; it
    /// is reported inside the Verification box [`OwnCheck::verification`] names.
    Own(OwnCheck),
}

impl Step {
    /// The Verification box the check is reported under: the box of a specification
    /// condition, or the box an own check belongs to (0 for the guardians' ceremony checks).
    pub const fn verification(self) -> u8 {
        match self {
            Step::Spec(spec) => spec.verification,
            Step::Own(own) => own.verification(),
        }
    }

    /// The specification condition, if this is one.
    pub const fn spec(self) -> Option<SpecCheck> {
        match self {
            Step::Spec(spec) => Some(spec),
            Step::Own(_) => None,
        }
    }

    /// The own check, if this is one.
    pub const fn own(self) -> Option<OwnCheck> {
        match self {
            Step::Spec(_) => None,
            Step::Own(own) => Some(own),
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Spec(spec) => write!(f, "V{}.{}", spec.verification, spec.check),
            Step::Own(own) => write!(f, "S{}.{}", own.verification(), own.name()),
        }
    }
}

/// Steps sort by the box they are reported under, the specification's letters before the
/// box's own checks, as the report lists them.
impl Ord for Step {
    fn cmp(&self, other: &Self) -> Ordering {
        let key = |step: &Step| {
            (
                step.verification(),
                step.own().is_some(),
                step.spec(),
                step.own(),
            )
        };
        key(self).cmp(&key(other))
    }
}

impl PartialOrd for Step {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests;
