//! The verifier's report: one entry per verification box of the specification, with the
//! outcome of every check it contains.

use scrutin_core::VerifyError;
use serde::Serialize;

/// How one verification box came out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Outcome {
    /// Every check passed; `checked` counts the items checked (ballots, proofs, …).
    Passed {
        /// How many items were checked.
        checked: usize,
    },
    /// At least one check failed.
    Failed {
        /// Items checked, failures included.
        checked: usize,
        /// Every failure, each naming its step and place.
        failures: Vec<String>,
    },
    /// The box does not apply to this record (no challenged ballots, no contest data, …).
    Skipped {
        /// Why.
        reason: String,
    },
}

/// One verification box of the specification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StepReport {
    /// The box's number in the specification of the record's version.
    pub verification: u8,
    /// The box's title as the specification gives it.
    pub title: String,
    /// What happened.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// The verifier's findings on a whole record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The specification version the record was verified against, e.g. "v2.1.0".
    pub spec_version: String,
    /// The parameter set, e.g. "standard-4096".
    pub parameters: String,
    /// One entry per verification box, in order.
    pub steps: Vec<StepReport>,
}

impl Report {
    /// Whether every box passed or was skipped.
    pub fn is_valid(&self) -> bool {
        self.steps
            .iter()
            .all(|s| !matches!(s.outcome, Outcome::Failed { .. }))
    }

    /// The failures, in order.
    pub fn failures(&self) -> impl Iterator<Item = &String> {
        self.steps.iter().flat_map(|s| match &s.outcome {
            Outcome::Failed { failures, .. } => failures.as_slice(),
            _ => &[],
        })
    }
}

/// Collects the results of the checks of one box.
#[derive(Debug)]
pub struct StepRecorder {
    verification: u8,
    title: String,
    checked: usize,
    failures: Vec<String>,
    skipped: Option<String>,
}

/// How many failures of one box the report keeps; a record broken everywhere would otherwise
/// produce a report as large as itself.
const MAX_FAILURES_PER_STEP: usize = 50;

impl StepRecorder {
    /// Starts box `verification` with its title.
    pub fn new(verification: u8, title: &str) -> Self {
        StepRecorder {
            verification,
            title: title.to_string(),
            checked: 0,
            failures: Vec::new(),
            skipped: None,
        }
    }

    /// Records the result of checking one item.
    pub fn record(&mut self, result: Result<(), VerifyError>) {
        self.checked += 1;
        if let Err(e) = result {
            self.fail(e.to_string());
        }
    }

    /// Records a failure described in words (a structural problem of the record).
    pub fn fail(&mut self, message: String) {
        if self.failures.len() < MAX_FAILURES_PER_STEP {
            self.failures.push(message);
        } else if self.failures.len() == MAX_FAILURES_PER_STEP {
            self.failures
                .push("… further failures of this step omitted".to_string());
        }
    }

    /// Marks the box as not applicable.
    pub fn skip(&mut self, reason: &str) {
        self.skipped = Some(reason.to_string());
    }

    /// Whether a failure has been recorded.
    pub fn has_failed(&self) -> bool {
        !self.failures.is_empty()
    }

    /// The finished entry.
    pub fn finish(self) -> StepReport {
        let outcome = if !self.failures.is_empty() {
            Outcome::Failed {
                checked: self.checked,
                failures: self.failures,
            }
        } else if let Some(reason) = self.skipped {
            Outcome::Skipped { reason }
        } else {
            Outcome::Passed {
                checked: self.checked,
            }
        };
        StepReport {
            verification: self.verification,
            title: self.title,
            outcome,
        }
    }
}
