//! Verifications 5–8 of spec 2.1 over every encrypted ballot, the device chains, and the
//! aggregate of the cast ballots that Verification 9 compares with the published tally.

use super::decode;
use super::setup::Setup;
use crate::problem::Problem;
use crate::report::StepRecorder;
use rayon::prelude::*;
use scrutin_core::ballot::{verify_device_chain, ChainLink, DeviceInfo, EncryptedBallot};
use scrutin_core::step::own::{CONTEST_LIST_CHECK, OPTION_LIST_CHECK};
use scrutin_core::step::v2_1::{V5_A, V8_C, V8_D, V8_E};
use scrutin_core::tally::EncryptedTally;
use scrutin_core::{HValue, Location, ParameterSet, Reason, Step, VerifyError};
use scrutin_record::v21::layout::chain_name;
use scrutin_record::v21::source::{BallotFile, RecordSource};
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
        let recorder = match error.step.verification() {
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

/// One ballot after reading, decoding and checking it on its own: only what the later steps
/// need of it. The wire form is dropped once decoded, and the decoded ballot once its facts are
/// taken (unless it is challenged), so that memory does not grow with the ciphertexts read.
struct Checked<P: ParameterSet> {
    file: BallotFile,
    /// The ballot id of the file.
    name: String,
    /// Whether its state is CAST (else CHALLENGED).
    cast: bool,
    ballot: Option<EncryptedBallot<P>>,
    errors: Vec<VerifyError>,
}

fn malformed(step: Step, location: Location, what: String) -> VerifyError {
    VerifyError::new(step, location, Reason::Malformed(what))
}

/// Reads, decodes and verifies one ballot file on its own (5.B, 6, 7, 8.A–B, labels).
fn check_one<P: ParameterSet>(
    record: &dyn RecordSource,
    setup: &Setup<P>,
    file: BallotFile,
) -> Result<Checked<P>, RecordError> {
    let json = record.ballot(&file)?;
    let mut errors = Vec::new();
    let expected_name = format!("eballot-{}.json", json.ballot_id);
    if file.path.file_name().and_then(|n| n.to_str()) != Some(expected_name.as_str()) {
        errors.push(malformed(
            V5_A,
            Location::Ballot(json.ballot_id.clone()),
            format!("the file name does not match the ballot id (expected {expected_name})"),
        ));
    }
    let checked = check_ballot(setup, &file.path, &file.device, &json)?;
    errors.extend(checked.errors);
    Ok(Checked {
        file,
        name: json.ballot_id,
        cast: checked.cast,
        ballot: checked.ballot,
        errors,
    })
}

/// One encrypted ballot checked on its own: the decoded ballot when it could be decoded,
/// and every check it fails.
pub struct BallotCheck<P: ParameterSet> {
    /// Whether its state is CAST (else CHALLENGED).
    pub cast: bool,
    /// The decoded ballot; `None` when its style is unknown or a value is outside the group.
    pub ballot: Option<EncryptedBallot<P>>,
    /// The failed checks, each naming its step (empty: the ballot is valid on its own).
    pub errors: Vec<VerifyError>,
}

/// Verifies one encrypted ballot on its own, as filed under `device` (read from `file`,
/// named in errors): its device (8.C), state, style ([`CONTEST_LIST_CHECK`]), labels ([`OPTION_LIST_CHECK`]), group membership
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
            V8_C,
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
    let cast = json.state == "CAST";
    let Some(style) = setup.manifest.style(&json.ballot_style) else {
        errors.push(malformed(
            CONTEST_LIST_CHECK,
            at,
            format!("unknown ballot style {:?}", json.ballot_style),
        ));
        return Ok(BallotCheck {
            cast,
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
                OPTION_LIST_CHECK,
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
                cast,
                ballot: None,
                errors,
            });
        }
    };
    errors.extend(ballot.verify_all(&setup.context, &contests));
    Ok(BallotCheck {
        cast,
        ballot: Some(ballot),
        errors,
    })
}

/// How many ballots are read and checked at once: enough to keep every thread busy, few
/// enough that the decoded ciphertexts in memory stay bounded whatever the record's size.
fn batch_size() -> usize {
    rayon::current_num_threads().saturating_mul(4).max(16)
}

/// What the ballot pass accumulates while the ballots stream by: the per-ballot facts the
/// uniqueness, chain and tally checks need, never the ballots themselves (but the challenged
/// ones, which Verification 13 opens).
struct Accumulator<P: ParameterSet> {
    recomputed: EncryptedTally<P>,
    cast_ids: BTreeSet<String>,
    challenged: BTreeMap<String, EncryptedBallot<P>>,
    ids_seen: BTreeMap<[u8; 32], String>,
    names_seen: BTreeSet<String>,
    by_device: BTreeMap<String, BTreeMap<String, ChainLink>>,
}

impl<P: ParameterSet> Accumulator<P> {
    /// Records one checked ballot: its own failures, 5.A, and its share of the aggregate
    /// (equations 79–80).
    fn absorb(&mut self, item: Checked<P>, steps: &mut BallotSteps) {
        let Checked {
            file,
            name,
            cast,
            ballot,
            errors,
        } = item;
        let at = Location::Ballot(name.clone());
        if errors.is_empty() {
            steps.pass_all();
        }
        for error in errors {
            steps.route(error);
        }
        if !self.names_seen.insert(name.clone()) {
            steps.route(malformed(
                V5_A,
                at,
                "two ballots have this ballot id".into(),
            ));
            return;
        }
        let Some(ballot) = ballot else { return };
        if let Some(other) = self.ids_seen.insert(ballot.id.0, name.clone()) {
            steps.route(malformed(
                V5_A,
                at,
                format!("its selection encryption identifier is also that of ballot {other}"),
            ));
            return;
        }
        let link = ChainLink::from(&ballot);
        if cast {
            self.cast_ids.insert(name.clone());
            for contest in &ballot.contests {
                for selection in &contest.selections {
                    if let Err(e) = self.recomputed.add(
                        contest.index,
                        selection.index,
                        &selection.ciphertext,
                        ballot.weight,
                    ) {
                        steps.route(malformed(OPTION_LIST_CHECK, at.clone(), e.to_string()));
                    }
                }
            }
        } else {
            self.challenged.insert(name.clone(), ballot);
        }
        self.by_device
            .entry(file.device)
            .or_default()
            .insert(name, link);
    }
}

/// Verifies every ballot, then uniqueness (5.A), the device chains (8.C–8.G), and accumulates
/// the cast ballots. The ballots are read, decoded and checked in parallel, a bounded batch at
/// a time and in the record's order, so the report lists failures as a sequential pass would.
pub fn verify_ballots<P: ParameterSet>(
    record: &dyn RecordSource,
    setup: &Setup<P>,
    steps: &mut BallotSteps,
) -> Result<BallotPass<P>, RecordError> {
    let files = record.ballot_files()?;
    let total = files.len();
    let all_contests: Vec<_> = setup
        .manifest
        .contests
        .iter()
        .map(|c| c.spec.clone())
        .collect();
    let recomputed = EncryptedTally::new(&all_contests).map_err(|e| {
        RecordError::field(
            record.path(scrutin_record::v21::layout::MANIFEST),
            "contests",
            e.to_string(),
        )
    })?;
    let mut acc = Accumulator {
        recomputed,
        cast_ids: BTreeSet::new(),
        challenged: BTreeMap::new(),
        ids_seen: BTreeMap::new(),
        names_seen: BTreeSet::new(),
        by_device: BTreeMap::new(),
    };
    for batch in files.chunks(batch_size()) {
        let checked: Vec<Checked<P>> = batch
            .par_iter()
            .map(|file| check_one(record, setup, file.clone()))
            .collect::<Result<_, _>>()?;
        for item in checked {
            acc.absorb(item, steps);
        }
    }

    for device in record.devices()? {
        let links = acc.by_device.remove(&device).unwrap_or_default();
        verify_chain(record, setup, &device, links, steps)?;
    }
    Ok(BallotPass {
        recomputed: acc.recomputed,
        cast_ids: acc.cast_ids,
        challenged: acc.challenged,
        total,
    })
}

/// 8.C–8.G for one device, in the order of its `ballot_chain.json`; `ballots` are the links of
/// the device's valid ballots by id.
fn verify_chain<P: ParameterSet>(
    record: &dyn RecordSource,
    setup: &Setup<P>,
    device: &str,
    mut ballots: BTreeMap<String, ChainLink>,
    steps: &mut BallotSteps,
) -> Result<(), RecordError> {
    let chain = record.chain(device)?;
    let file = record.path(&chain_name(device));
    let at = Location::Device(device.to_string());
    if chain.voting_device != device {
        steps.route(malformed(
            V8_C,
            at.clone(),
            format!("ballot_chain.json names device {:?}", chain.voting_device),
        ));
    }
    if chain.chaining != setup.manifest.json.chaining {
        steps.route(malformed(
            V8_D,
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
                V8_E,
                at.clone(),
                format!("ballot {id} appears twice in the chain"),
            ));
            return Ok(());
        }
        match ballots.remove(id) {
            Some(link) => ordered.push(link),
            None => {
                steps.route(malformed(V8_E, at.clone(), format!("the chain lists ballot {id}, which is not a valid ballot of this device in the record")));
                return Ok(());
            }
        }
    }
    // Every listed ballot was taken out above: what is left is not in the chain.
    if let Some(extra) = ballots.keys().next() {
        steps.route(malformed(
            V8_E,
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
