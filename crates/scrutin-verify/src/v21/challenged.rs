//! Verifications 13 and 14 of spec 2.1: challenged ballots opened with their nonces.

use super::decode;
use super::setup::Setup;
use crate::problem::Problem;
use crate::report::StepRecorder;
use scrutin_core::ballot::EncryptedBallot;
use scrutin_core::step::v2_1::{V13_B, V14_A, V14_C};
use scrutin_core::{Location, ParameterSet, Reason, Step, VerifyError};
use scrutin_record::v21::source::RecordSource;
use scrutin_record::v21::wire::ChallengedBallotJson;
use scrutin_record::RecordError;
use std::collections::{BTreeMap, BTreeSet};

fn malformed(step: Step, location: Location, what: String) -> VerifyError {
    VerifyError::new(step, location, Reason::Malformed(what))
}

/// Checks the labels of an opened ballot against the manifest (14.A, 14.C).
fn check_labels<P: ParameterSet>(
    setup: &Setup<P>,
    json: &ChallengedBallotJson,
    v14: &mut StepRecorder,
) {
    for contest in &json.contests {
        let location = Location::Contest {
            ballot: Some(json.ballot_id.clone()),
            contest: contest.sequence_order,
        };
        let Some(spec) = setup
            .manifest
            .contest(contest.sequence_order)
            .filter(|c| c.label == contest.contest_id)
        else {
            v14.record(Err(malformed(
                V14_A,
                location,
                format!(
                    "contest {:?} is not the manifest's contest {}",
                    contest.contest_id, contest.sequence_order
                ),
            )));
            continue;
        };
        let labels_ok = contest.selections.iter().all(|s| {
            spec.options
                .get((s.sequence_order as usize).wrapping_sub(1))
                .is_some_and(|l| *l == s.selection_id)
        });
        v14.record(if labels_ok {
            Ok(())
        } else {
            Err(malformed(
                V14_C,
                location,
                "an option label does not match the manifest".into(),
            ))
        });
    }
}

/// Verifications 13 and 14 over `challenged_ballots/`: every challenged ballot is opened
/// exactly once, and every opening re-encrypts to the ballot's confirmation code.
pub fn verify_challenged<P: ParameterSet>(
    record: &dyn RecordSource,
    setup: &Setup<P>,
    challenged: &BTreeMap<String, EncryptedBallot<P>>,
    v13: &mut StepRecorder,
    v14: &mut StepRecorder,
) -> Result<(), RecordError> {
    let files = record.challenged_files()?;
    if files.is_empty() && challenged.is_empty() {
        v13.skip("the record has no challenged ballots");
        v14.skip("the record has no challenged ballots");
        return Ok(());
    }
    let mut opened_ids = BTreeSet::new();
    for file in files {
        let json = record.challenged(&file)?;
        let path = file.path.clone();
        let at = Location::Ballot(json.ballot_id.clone());
        if file.file_name() != format!("dballot-{}.json", json.ballot_id) {
            v13.record(Err(malformed(
                V13_B,
                at.clone(),
                "the file name does not match the ballot id".into(),
            )));
        }
        if !opened_ids.insert(json.ballot_id.clone()) {
            v13.record(Err(malformed(
                V13_B,
                at,
                "the ballot is opened twice".into(),
            )));
            continue;
        }
        let Some(ballot) = challenged.get(&json.ballot_id) else {
            v13.record(Err(malformed(
                V13_B,
                at,
                "no valid challenged ballot with this id is in the record".into(),
            )));
            continue;
        };
        check_labels(setup, &json, v14);
        let Some(style) = setup.manifest.style(&ballot.style) else {
            continue;
        };
        let contests = setup.manifest.style_contests(style);
        match decode::opened_ballot::<P>(&path, &json) {
            Ok(opened) => {
                let result = ballot.verify_opening(&setup.context, &contests, &opened);
                match result {
                    Err(e) if e.step.verification() == 14 => v14.record(Err(e)),
                    other => v13.record(other),
                }
            }
            Err(Problem::Invalid(e)) => v13.record(Err(e)),
            Err(Problem::Unreadable(e)) => return Err(e),
        }
    }
    for id in challenged.keys().filter(|id| !opened_ids.contains(*id)) {
        v13.record(Err(malformed(
            V13_B,
            Location::Ballot(id.clone()),
            "the challenged ballot is not opened in challenged_ballots/".into(),
        )));
    }
    Ok(())
}
