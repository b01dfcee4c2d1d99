//! The non-interactive zero-knowledge proofs of ElectionGuard.
//!
//! Each proof's algebra lives here; the challenge hash is passed in as a closure, because its
//! inputs and domain separation depend on where the proof is used (and on the specification
//! version, for records of ElectionGuard 2.0).

mod chaum_pedersen;
mod range;
mod schnorr;

pub use chaum_pedersen::ChaumPedersenProof;
pub use range::RangeProof;
pub(crate) use range::RangeProofPlan;
pub use schnorr::SchnorrProof;

use crate::verify_error::{Location, Reason, Step, VerifyError};

/// What a proof is checked for: the step of the specification and the place in the record,
/// so that a failure can be reported precisely.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// The step whose condition fails if the proof is invalid.
    pub step: Step,
    /// Where the proof is.
    pub location: Location,
}

impl Check {
    /// A check of `step` at `location`.
    pub fn new(step: Step, location: Location) -> Self {
        Check { step, location }
    }

    /// The error for this check with the given reason.
    pub fn fail(&self, reason: Reason) -> VerifyError {
        VerifyError::new(self.step, self.location.clone(), reason)
    }
}
