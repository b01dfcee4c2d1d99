//! Results of checks made away from the verifier's recorders (on worker threads), tagged with
//! their verification box so that the main thread can file them in order.

use crate::problem::Problem;
use crate::report::{StepRecorder, StepReport};
use scrutin_core::{Location, Reason, Step, VerifyError};
use scrutin_record::RecordError;
use std::collections::BTreeMap;

/// `Ok` if `ok`, else the error `error` builds (only then).
pub fn check(ok: bool, error: impl FnOnce() -> VerifyError) -> Result<(), VerifyError> {
    if ok {
        Ok(())
    } else {
        Err(error())
    }
}

/// A failure of `step` at `location` described in words (a structural problem).
pub fn malformed(step: Step, location: &Location, what: impl Into<String>) -> VerifyError {
    VerifyError::new(step, location.clone(), Reason::Malformed(what.into()))
}

/// Check results, each with the number of the box it belongs to.
#[derive(Debug, Default)]
pub struct Findings {
    items: Vec<(u8, Result<(), VerifyError>)>,
}

impl Findings {
    /// Records the result of one check of box `verification`.
    pub fn record(&mut self, verification: u8, result: Result<(), VerifyError>) {
        self.items.push((verification, result));
    }

    /// Records a failure under its own step's box.
    pub fn fail(&mut self, error: VerifyError) {
        self.items.push((error.step.verification(), Err(error)));
    }

    /// Unwraps a decoding result: unreadable input is returned as `Err`, an invalid value is
    /// recorded as a failure and gives `None`.
    pub fn settle<T>(&mut self, result: Result<T, Problem>) -> Result<Option<T>, RecordError> {
        match result {
            Ok(value) => Ok(Some(value)),
            Err(Problem::Invalid(e)) => {
                self.fail(e);
                Ok(None)
            }
            Err(Problem::Unreadable(e)) => Err(e),
        }
    }

    /// Files every result into its box.
    pub fn file_into(self, boxes: &mut Boxes) {
        for (verification, result) in self.items {
            boxes.get(verification).record(result);
        }
    }
}

/// The recorders of all verification boxes of a run, created on first use.
#[derive(Debug)]
pub struct Boxes {
    titles: &'static [(u8, &'static str)],
    steps: BTreeMap<u8, StepRecorder>,
}

impl Boxes {
    /// Recorders for the boxes listed in `titles`.
    pub fn new(titles: &'static [(u8, &'static str)]) -> Self {
        Boxes {
            titles,
            steps: BTreeMap::new(),
        }
    }

    /// The recorder of box `verification`.
    pub fn get(&mut self, verification: u8) -> &mut StepRecorder {
        let titles = self.titles;
        self.steps.entry(verification).or_insert_with(|| {
            let title = titles
                .iter()
                .find(|(n, _)| *n == verification)
                .map_or("", |(_, t)| t);
            StepRecorder::new(verification, title)
        })
    }

    /// Unwraps a decoding result: unreadable input is returned as `Err`, an invalid value is
    /// recorded as a failure of box `verification` and gives `None`.
    pub fn settle<T>(
        &mut self,
        verification: u8,
        result: Result<T, Problem>,
    ) -> Result<Option<T>, RecordError> {
        match result {
            Ok(value) => Ok(Some(value)),
            Err(Problem::Invalid(e)) => {
                self.get(verification).record(Err(e));
                Ok(None)
            }
            Err(Problem::Unreadable(e)) => Err(e),
        }
    }

    /// Marks every box from `first` on as not checked, for `reason`.
    pub fn skip_from(&mut self, first: u8, reason: &str) {
        let numbers: Vec<u8> = self
            .titles
            .iter()
            .map(|(n, _)| *n)
            .filter(|n| *n >= first)
            .collect();
        for n in numbers {
            self.get(n).skip(reason);
        }
    }

    /// The reports of all boxes in `titles`, in order.
    pub fn finish(mut self) -> Vec<StepReport> {
        let numbers: Vec<u8> = self.titles.iter().map(|(n, _)| *n).collect();
        numbers
            .into_iter()
            .map(|n| {
                self.get(n);
                self.steps
                    .remove(&n)
                    .map_or_else(|| StepRecorder::new(n, "").finish(), StepRecorder::finish)
            })
            .collect()
    }
}
