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
        /// The failures kept (at most [`MAX_FAILURES_PER_STEP`]), each naming its step, place
        /// and reason.
        #[serde(serialize_with = "crate::failure_json::serialize")]
        failures: Vec<VerifyError>,
        /// How many more failures this box found and did not keep.
        omitted: usize,
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
    /// The box's number in the specification of the record's version, or of scrutin's own
    /// box (15 for 2.1 records: authorship).
    pub verification: u8,
    /// The box as people read it: `V6` for a box of the specification, `S15` for one of
    /// scrutin's own, so that an extension is never taken for a specification step.
    pub label: String,
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

    /// The failures kept, in order.
    pub fn failures(&self) -> impl Iterator<Item = &VerifyError> {
        self.steps.iter().flat_map(|s| match &s.outcome {
            Outcome::Failed { failures, .. } => failures.as_slice(),
            _ => &[],
        })
    }

    /// How many checks failed, those not kept included.
    pub fn failure_count(&self) -> usize {
        self.steps
            .iter()
            .map(|s| match &s.outcome {
                Outcome::Failed {
                    failures, omitted, ..
                } => failures.len() + omitted,
                _ => 0,
            })
            .sum()
    }
}

/// Collects the results of the checks of one box.
#[derive(Debug)]
pub struct StepRecorder {
    verification: u8,
    label: String,
    title: String,
    checked: usize,
    failures: Vec<VerifyError>,
    omitted: usize,
    skipped: Option<String>,
}

/// How many failures of one box the report keeps; a record broken everywhere would otherwise
/// produce a report as large as itself. The others are counted.
pub const MAX_FAILURES_PER_STEP: usize = 50;

impl StepRecorder {
    /// Starts box `verification` with its title.
    pub fn new(verification: u8, title: &str) -> Self {
        StepRecorder::labelled(verification, format!("V{verification}"), title)
    }

    /// Starts scrutin's own box `verification` (labelled `S<n>`) with its title.
    pub fn own(verification: u8, title: &str) -> Self {
        StepRecorder::labelled(verification, format!("S{verification}"), title)
    }

    fn labelled(verification: u8, label: String, title: &str) -> Self {
        StepRecorder {
            verification,
            label,
            title: title.to_string(),
            checked: 0,
            failures: Vec::new(),
            omitted: 0,
            skipped: None,
        }
    }

    /// Records the result of checking one item.
    pub fn record(&mut self, result: Result<(), VerifyError>) {
        self.checked += 1;
        if let Err(e) = result {
            self.fail(e);
        }
    }

    /// Records a failure: kept while fewer than [`MAX_FAILURES_PER_STEP`] are, counted after.
    pub fn fail(&mut self, failure: VerifyError) {
        if self.failures.len() < MAX_FAILURES_PER_STEP {
            self.failures.push(failure);
        } else {
            self.omitted += 1;
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
                omitted: self.omitted,
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
            label: self.label,
            title: self.title,
            outcome,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scrutin_core::step::v2_1::V6_D;
    use scrutin_core::{Location, Reason};

    fn failure(ballot: usize) -> VerifyError {
        VerifyError::new(
            V6_D,
            Location::Ballot(format!("b-{ballot}")),
            Reason::ChallengeSumMismatch,
        )
    }

    #[test]
    fn failures_past_the_cap_are_counted_not_kept() {
        let mut recorder = StepRecorder::new(6, "Well-formedness of selection encryptions");
        let total = MAX_FAILURES_PER_STEP + 7;
        for ballot in 0..total {
            recorder.record(Err(failure(ballot)));
        }
        recorder.record(Ok(()));
        let report = Report {
            spec_version: "v2.1.0".to_string(),
            parameters: "toy".to_string(),
            steps: vec![recorder.finish()],
        };
        assert!(!report.is_valid());
        assert_eq!(report.failures().count(), MAX_FAILURES_PER_STEP);
        assert_eq!(report.failure_count(), total);
        assert_eq!(report.failures().next(), Some(&failure(0)));
        match &report.steps[0].outcome {
            Outcome::Failed {
                checked, omitted, ..
            } => {
                assert_eq!(*checked, total + 1);
                assert_eq!(*omitted, 7);
            }
            other => panic!("expected a failed step, got {other:?}"),
        }
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["steps"][0]["status"], "failed");
        assert_eq!(json["steps"][0]["omitted"], 7);
        assert_eq!(json["steps"][0]["failures"][0]["step"], "V6.D");
    }
}
