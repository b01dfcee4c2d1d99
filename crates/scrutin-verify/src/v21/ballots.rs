//! Verifications 5–8 of spec 2.1 over every encrypted ballot, the device chains, and the
//! aggregate of the cast ballots that Verification 9 compares with the published tally.

use super::decode;
use super::setup::Setup;
use crate::problem::Problem;
use crate::report::StepRecorder;
use rayon::prelude::*;
use scrutin_core::ballot::{verify_device_chain, DeviceInfo, EncryptedBallot};
use scrutin_core::tally::EncryptedTally;
use scrutin_core::{HValue, Location, ParameterSet, Reason, Step, VerifyError};
use scrutin_record::v21::layout::{BallotFile, RecordDir};
use scrutin_record::v21::wire::EncryptedBallotJson;
use scrutin_record::RecordError;
use std::collections::{BTreeMap, BTreeSet};

/// What the ballot pass hands on to the tally and challenged-ballot checks.
pub struct BallotPass<P: ParameterSet> {
    /// The aggregate of every cast ballot, recomputed (equations 79–80).
    pub recomputed: EncryptedTally<P>,
    /// The ids of the cast ballots.
    pub cast_ids: BTreeSet<String>,
    /// The challenged ballots by id.
    pub challenged: BTreeMap<String, EncryptedBallot<P>>,
    /// How many ballots were read.
    pub total: usize,
}

/// The recorders of boxes 5–8.
pub struct BallotSteps {
    /// Verification 5.
    pub v5: StepRecorder,
    /// Verification 6.
    pub v6: StepRecorder,
    /// Verification 7.
    pub v7: StepRecorder,
    /// Verification 8.
    pub v8: StepRecorder,
}

impl BallotSteps {
    fn route(&mut self, error: VerifyError) {
        let recorder = match error.step.verification {
            5 => &mut self.v5,
            6 => &mut self.v6,
            7 => &mut self.v7,
            _ => &mut self.v8,
        };
        recorder.record(Err(error));
    }

    fn pass_all(&mut self) {
        for r in [&mut self.v5, &mut self.v6, &mut self.v7, &mut self.v8] {
            r.record(Ok(()));
        }
    }
}

/// One ballot after reading, decoding and checking it on its own.
struct Checked<P: ParameterSet> {
    file: BallotFile,
    json: EncryptedBallotJson,
    ballot: Option<EncryptedBallot<P>>,
    errors: Vec<VerifyError>,
}

fn malformed(step: Step, location: Location, what: String) -> VerifyError {
    VerifyError::new(step, location, Reason::Malformed(what))
}

/// Reads, decodes and verifies one ballot file on its own (5.B, 6, 7, 8.A–B, labels).
fn check_one<P: ParameterSet>(
    record: &RecordDir,
    setup: &Setup<P>,
    file: BallotFile,
) -> Result<Checked<P>, RecordError> {
    let json = record.ballot(&file)?;
    let mut errors = Vec::new();
    let expected_name = format!("eballot-{}.json", json.ballot_id);
    if file.path.file_name().and_then(|n| n.to_str()) != Some(expected_name.as_str()) {
        errors.push(malformed(
            Step::new(5, 'A'),
            Location::Ballot(json.ballot_id.clone()),
            format!("the file name does not match the ballot id (expected {expected_name})"),
        ));
    }
    let checked = check_ballot(setup, &file.path, &file.device, &json)?;
    errors.extend(checked.errors);
    Ok(Checked {
        file,
        json,
        ballot: checked.ballot,
        errors,
    })
}

/// One encrypted ballot checked on its own: the decoded ballot when it could be decoded,
/// and every check it fails.
pub struct BallotCheck<P: ParameterSet> {
    /// The decoded ballot; `None` when its style is unknown or a value is outside the group.
    pub ballot: Option<EncryptedBallot<P>>,
    /// The failed checks, each naming its step (empty: the ballot is valid on its own).
    pub errors: Vec<VerifyError>,
}

/// Verifies one encrypted ballot on its own, as filed under `device` (read from `file`,
/// named in errors): its device (8.C), state, style (8.A), labels (7.A), group membership
/// and proofs (6, 7), and confirmation code (8.A–B). What needs the other ballots —
/// uniqueness (5.A) and the device chain (8.C–8.G) — is left to the caller.
pub fn check_ballot<P: ParameterSet>(
    setup: &Setup<P>,
    file: &std::path::Path,
    device: &str,
    json: &EncryptedBallotJson,
) -> Result<BallotCheck<P>, RecordError> {
    let at = Location::Ballot(json.ballot_id.clone());
    let mut errors = Vec::new();
    if json.voting_device != device {
        errors.push(malformed(
            Step::new(8, 'C'),
            at.clone(),
            format!(
                "the ballot names device {:?} but is filed under {:?}",
                json.voting_device, device
            ),
        ));
    }
    if json.state != "CAST" && json.state != "CHALLENGED" {
        return Err(RecordError::field(
            file,
            "state",
            "expected \"CAST\" or \"CHALLENGED\"",
        ));
    }
    let Some(style) = setup.manifest.style(&json.ballot_style) else {
        errors.push(malformed(
            Step::new(8, 'A'),
            at,
            format!("unknown ballot style {:?}", json.ballot_style),
        ));
        return Ok(BallotCheck {
            ballot: None,
            errors,
        });
    };
    for contest in &json.contests {
        let label_ok = setup
            .manifest
            .contest(contest.sequence_order)
            .is_some_and(|c| {
                c.label == contest.contest_id
                    && contest.selections.iter().all(|s| {
                        c.options
                            .get((s.sequence_order as usize).wrapping_sub(1))
                            .is_some_and(|l| *l == s.selection_id)
                    })
            });
        if !label_ok {
            errors.push(malformed(
                Step::new(7, 'A'),
                Location::Contest {
                    ballot: Some(json.ballot_id.clone()),
                    contest: contest.sequence_order,
                },
                "the contest or option labels do not match the manifest".into(),
            ));
        }
    }
    let contests = setup.manifest.style_contests(style);
    let ballot = match decode::ballot::<P>(file, json) {
        Ok(ballot) => ballot,
        Err(Problem::Unreadable(e)) => return Err(e),
        Err(Problem::Invalid(e)) => {
            errors.push(e);
            return Ok(BallotCheck {
                ballot: None,
                errors,
            });
        }
    };
    errors.extend(ballot.verify_all(&setup.context, &contests));
    Ok(BallotCheck {
        ballot: Some(ballot),
        errors,
    })
}

/// Verifies every ballot (in parallel), then uniqueness (5.A), the device chains (8.C–8.G),
/// and accumulates the cast ballots.
pub fn verify_ballots<P: ParameterSet>(
    record: &RecordDir,
    setup: &Setup<P>,
    steps: &mut BallotSteps,
) -> Result<BallotPass<P>, RecordError> {
    let files = record.ballot_files()?;
    let total = files.len();
    let checked: Vec<Checked<P>> = files
        .into_par_iter()
        .map(|file| check_one(record, setup, file))
        .collect::<Result<_, _>>()?;

    let all_contests: Vec<_> = setup
        .manifest
        .contests
        .iter()
        .map(|c| c.spec.clone())
        .collect();
    let mut recomputed = EncryptedTally::new(&all_contests).map_err(|e| {
        RecordError::field(
            record.path(scrutin_record::v21::layout::MANIFEST),
            "contests",
            e.to_string(),
        )
    })?;
    let mut cast_ids = BTreeSet::new();
    let mut challenged = BTreeMap::new();
    let mut ids_seen: BTreeMap<[u8; 32], String> = BTreeMap::new();
    let mut names_seen = BTreeSet::new();
    let mut by_device: BTreeMap<String, BTreeMap<String, EncryptedBallot<P>>> = BTreeMap::new();

    for item in checked {
        let name = item.json.ballot_id.clone();
        let at = Location::Ballot(name.clone());
        if item.errors.is_empty() {
            steps.pass_all();
        }
        for error in item.errors {
            steps.route(error);
        }
        if !names_seen.insert(name.clone()) {
            steps.route(malformed(
                Step::new(5, 'A'),
                at.clone(),
                "two ballots have this ballot id".into(),
            ));
            continue;
        }
        let Some(ballot) = item.ballot else { continue };
        if let Some(other) = ids_seen.insert(ballot.id.0, name.clone()) {
            steps.route(malformed(
                Step::new(5, 'A'),
                at.clone(),
                format!("its selection encryption identifier is also that of ballot {other}"),
            ));
            continue;
        }
        if item.json.state == "CAST" {
            cast_ids.insert(name.clone());
            for contest in &ballot.contests {
                for selection in &contest.selections {
                    if let Err(e) = recomputed.add(
                        contest.index,
                        selection.index,
                        &selection.ciphertext,
                        ballot.weight,
                    ) {
                        steps.route(malformed(Step::new(7, 'A'), at.clone(), e.to_string()));
                    }
                }
            }
        } else {
            challenged.insert(name.clone(), ballot.clone());
        }
        by_device
            .entry(item.file.device.clone())
            .or_default()
            .insert(name, ballot);
    }

    for device in record.devices()? {
        let ballots = by_device.remove(&device).unwrap_or_default();
        verify_chain(record, setup, &device, &ballots, steps)?;
    }
    Ok(BallotPass {
        recomputed,
        cast_ids,
        challenged,
        total,
    })
}

/// 8.C–8.G for one device, in the order of its `ballot_chain.json`.
fn verify_chain<P: ParameterSet>(
    record: &RecordDir,
    setup: &Setup<P>,
    device: &str,
    ballots: &BTreeMap<String, EncryptedBallot<P>>,
    steps: &mut BallotSteps,
) -> Result<(), RecordError> {
    let chain = record.chain(device)?;
    let file = record.chain_path(device);
    let at = Location::Device(device.to_string());
    if chain.voting_device != device {
        steps.route(malformed(
            Step::new(8, 'C'),
            at.clone(),
            format!("ballot_chain.json names device {:?}", chain.voting_device),
        ));
    }
    if chain.chaining != setup.manifest.json.chaining {
        steps.route(malformed(
            Step::new(8, 'D'),
            at.clone(),
            format!(
                "the device used chaining {:?}, the manifest requires {:?}",
                chain.chaining, setup.manifest.json.chaining
            ),
        ));
        return Ok(());
    }
    let mut ordered = Vec::with_capacity(chain.ballot_ids.len());
    let mut listed = BTreeSet::new();
    for id in &chain.ballot_ids {
        if !listed.insert(id.as_str()) {
            steps.route(malformed(
                Step::new(8, 'E'),
                at.clone(),
                format!("ballot {id} appears twice in the chain"),
            ));
            return Ok(());
        }
        match ballots.get(id) {
            Some(ballot) => ordered.push(ballot),
            None => {
                steps.route(malformed(Step::new(8, 'E'), at.clone(), format!("the chain lists ballot {id}, which is not a valid ballot of this device in the record")));
                return Ok(());
            }
        }
    }
    if let Some(extra) = ballots.keys().find(|id| !listed.contains(id.as_str())) {
        steps.route(malformed(
            Step::new(8, 'E'),
            at,
            format!("ballot {extra} is not in the device's chain"),
        ));
        return Ok(());
    }
    let closing: Option<HValue> = match &chain.closing_hash {
        Some(text) => match crate::problem::hash(&file, "closing_hash", text) {
            Ok(h) => Some(h),
            Err(Problem::Unreadable(e)) => return Err(e),
            Err(Problem::Invalid(e)) => {
                steps.route(e);
                return Ok(());
            }
        },
        None => None,
    };
    let info = DeviceInfo {
        device: device.to_string(),
        info: chain.device_info.clone(),
    };
    let result = verify_device_chain(
        &setup.context.extended_hash,
        &info,
        &ordered,
        setup.manifest.chaining,
        closing.as_ref(),
    );
    match result {
        Ok(()) => steps.v8.record(Ok(())),
        Err(e) => steps.route(e),
    }
    Ok(())
}
