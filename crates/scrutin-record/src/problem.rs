//! The two ways a decoded value can be wrong: unreadable (exit 2) or invalid (exit 1), and
//! the field checks that tell them apart.

use crate::{hexfield, RecordError};
use scrutin_core::group::GroupError;
use scrutin_core::{Element, Location, ParameterSet, Reason, Scalar, Step, VerifyError};
use std::path::Path;

/// Why a value could not be taken from the record.
#[derive(Debug)]
pub enum Problem {
    /// The input cannot be read: missing file, malformed JSON, wrong width, not hex.
    Unreadable(RecordError),
    /// The input reads, but a verification check fails (a value outside the group, …).
    Invalid(VerifyError),
}

impl From<RecordError> for Problem {
    fn from(e: RecordError) -> Self {
        Problem::Unreadable(e)
    }
}

impl From<VerifyError> for Problem {
    fn from(e: VerifyError) -> Self {
        Problem::Invalid(e)
    }
}

/// Where a field is, and which check its group or range membership belongs to.
#[derive(Clone, Copy, Debug)]
pub struct FieldCheck<'a> {
    /// The file.
    pub file: &'a Path,
    /// The check that requires membership (e.g. 2.A, 6.A, 6.B).
    pub step: Step,
    /// Where in the election.
    pub location: &'a Location,
}

impl FieldCheck<'_> {
    /// Decodes an element of Z_p^r: a width or syntax error is unreadable input; a value
    /// outside the subgroup fails the check.
    pub fn element<P: ParameterSet>(
        &self,
        field: &str,
        text: &str,
        what: &'static str,
    ) -> Result<Element<P>, Problem> {
        let bytes = hexfield::decode_exact(self.file, field, text, P::group().p_bytes())?;
        Element::decode(&bytes).map_err(|e| self.invalid(e, what, true))
    }

    /// Decodes an element of Z_q: a value ≥ q fails the check.
    pub fn scalar<P: ParameterSet>(
        &self,
        field: &str,
        text: &str,
        what: &'static str,
    ) -> Result<Scalar<P>, Problem> {
        let bytes = hexfield::decode_exact(self.file, field, text, P::group().q_bytes())?;
        Scalar::decode(&bytes).map_err(|e| self.invalid(e, what, false))
    }

    fn invalid(&self, error: GroupError, what: &'static str, in_p: bool) -> Problem {
        let reason = match (error, in_p) {
            (GroupError::WrongLength { .. }, _) | (_, true) => Reason::NotInGroup(what),
            (_, false) => Reason::NotInZq(what),
        };
        Problem::Invalid(VerifyError::new(self.step, self.location.clone(), reason))
    }
}

/// Decodes a hash field (64 hex digits).
pub fn hash(file: &Path, field: &str, text: &str) -> Result<scrutin_core::HValue, Problem> {
    Ok(hexfield::hash(file, field, text)?)
}
