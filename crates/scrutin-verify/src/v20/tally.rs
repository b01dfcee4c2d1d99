//! Verifications 8–10 of spec 2.0 (§6.2.5): the aggregation of the cast ballots, recomputed
//! from the ballots themselves, the tally decryption proofs, and the tally's values and labels.
//! `encrypted_tally.json` is only ever compared with the recomputed aggregate, never trusted.

use super::ballots::BallotOutcome;
use super::decode::{self, At};
use super::findings::{check, malformed, Boxes};
use super::hashing;
use super::manifest_index::ManifestIndex;
use super::steps::{
    V10_A, V10_B, V10_C, V10_D, V10_E, V12_A, V12_B, V13_A, V8_A, V8_B, V9_A, V9_B,
};
use super::{Group, CAST_BALLOT_IDS, TALLY_CIPHERTEXT};
use crate::problem::Problem;
use crate::report::StepRecorder;
use scrutin_core::elgamal::Ciphertext;
use scrutin_core::proofs::Check;
use scrutin_core::{Element, HValue, Location, Reason, Step, VerifyError};
use scrutin_record::egk::{
    tally::DecryptedSelectionJson, BallotState, EgkRecord, ElGamalCiphertextJson,
    EncryptedBallotJson,
};
use scrutin_record::RecordError;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// An option of the election: (contest label, option label).
pub type OptionKey = (String, String);

/// The aggregate (A, B) of one option over the cast ballots (eq. 62).
#[derive(Clone, Debug)]
pub enum Aggregate {
    /// The product of the cast ballots' encryptions.
    Sum(Ciphertext<Group>),
    /// A cast ballot's encryption of this option is not in Z_p^r, so the product cannot be
    /// formed (that ballot already failed 5.A).
    Unknown,
}

/// The location of an option of a tally, by the manifest's indices (0 when unknown).
fn tally_location(manifest: &ManifestIndex<'_>, contest: &str, option: &str) -> Location {
    let info = manifest.contest(contest);
    Location::Selection {
        ballot: None,
        contest: info.map_or(0, |c| c.index),
        option: info
            .and_then(|c| c.options.get(option))
            .copied()
            .unwrap_or(0),
    }
}

/// Both components of a stored ciphertext, width-checked.
fn stored_pair(
    file: &Path,
    field: &str,
    json: &ElGamalCiphertextJson,
) -> Result<(Vec<u8>, Vec<u8>), RecordError> {
    Ok((
        decode::element_bytes(file, &format!("{field}.pad"), json.pad.as_str())?,
        decode::element_bytes(file, &format!("{field}.data"), json.data.as_str())?,
    ))
}

/// egk writes the aggregate of an option that is on no cast ballot as (0, 0) (notes §2.13);
/// (1, 1), the empty product, is accepted too.
fn is_empty_aggregate(pair: &(Vec<u8>, Vec<u8>)) -> bool {
    let all = |bytes: &[u8], last: u8| {
        bytes
            .split_last()
            .is_some_and(|(l, rest)| *l == last && rest.iter().all(|b| *b == 0))
    };
    (all(&pair.0, 0) && all(&pair.1, 0)) || (all(&pair.0, 1) && all(&pair.1, 1))
}

/// Verification 8: recomputes (A, B) of every option from the CAST ballots (8.A, 8.B,
/// eq. 62), compares `encrypted_tally.json` with it, and checks its `cast_ballot_ids`
/// ([`CAST_BALLOT_IDS`]). Returns the recomputed aggregates.
pub fn verify_aggregation(
    record: &EgkRecord,
    manifest: &ManifestIndex<'_>,
    ballots: &[(&EncryptedBallotJson, &BallotOutcome)],
    boxes: &mut Boxes,
) -> Result<BTreeMap<OptionKey, Aggregate>, RecordError> {
    let aggregate = recompute_aggregate(ballots);
    let step = boxes.get(8);
    // CAST_BALLOT_IDS first: the tally says which ballots it accumulated, which must be
    // exactly the CAST ones; a wrong set also breaks every aggregate, whose failures would
    // crowd it out.
    check_cast_ballot_ids(record, ballots, step);
    let file = record.encrypted_tally.path.as_path();
    let mut seen = BTreeSet::new();
    for (c, contest) in record.encrypted_tally.value.contests.iter().enumerate() {
        for (s, selection) in contest.selections.iter().enumerate() {
            let field = format!("contests[{c}].selections[{s}].encrypted_vote");
            let key = (contest.contest_id.clone(), selection.selection_id.clone());
            let location = tally_location(manifest, &key.0, &key.1);
            let stored = stored_pair(file, &field, &selection.encrypted_vote)?;
            if !seen.insert(key.clone()) {
                step.record(Err(malformed(
                    V8_A,
                    &location,
                    format!("option `{}/{}` appears twice", key.0, key.1),
                )));
                continue;
            }
            let known = manifest
                .contest(&key.0)
                .is_some_and(|c| c.options.contains_key(key.1.as_str()));
            check_stored_aggregate(aggregate.get(&key), &key, &stored, known, &location, step);
        }
    }
    for key in aggregate.keys().filter(|k| !seen.contains(*k)) {
        step.record(Err(malformed(
            V8_A,
            &tally_location(manifest, &key.0, &key.1),
            format!(
                "option `{}/{}` of the cast ballots is missing from encrypted_tally.json",
                key.0, key.1
            ),
        )));
    }
    Ok(aggregate)
}

/// The product of the CAST ballots' encryptions of each option (eq. 62).
fn recompute_aggregate(
    ballots: &[(&EncryptedBallotJson, &BallotOutcome)],
) -> BTreeMap<OptionKey, Aggregate> {
    let mut aggregate: BTreeMap<OptionKey, Aggregate> = BTreeMap::new();
    for (json, outcome) in ballots {
        if json.state != BallotState::Cast {
            continue;
        }
        for selection in &outcome.selections {
            let key = (selection.contest.clone(), selection.option.clone());
            let next = match (aggregate.remove(&key), &selection.ciphertext) {
                (None, Some(c)) => Aggregate::Sum(c.clone()),
                (Some(Aggregate::Sum(sum)), Some(c)) => Aggregate::Sum(sum.add(c)),
                _ => Aggregate::Unknown,
            };
            aggregate.insert(key, next);
        }
    }
    aggregate
}

/// [`CAST_BALLOT_IDS`]: `cast_ballot_ids` lists each CAST ballot once, and no other.
fn check_cast_ballot_ids(
    record: &EgkRecord,
    ballots: &[(&EncryptedBallotJson, &BallotOutcome)],
    step: &mut StepRecorder,
) {
    let listed = &record.encrypted_tally.value.cast_ballot_ids;
    let listed_set: BTreeSet<&str> = listed.iter().map(String::as_str).collect();
    step.record(check(listed_set.len() == listed.len(), || {
        malformed(
            CAST_BALLOT_IDS,
            &Location::Election,
            "cast_ballot_ids lists a ballot twice",
        )
    }));
    let cast: BTreeSet<&str> = ballots
        .iter()
        .filter(|(json, _)| json.state == BallotState::Cast)
        .map(|(json, _)| json.ballot_id.as_str())
        .collect();
    for id in cast.symmetric_difference(&listed_set) {
        let what = if cast.contains(id) {
            format!("CAST ballot `{id}` is missing from cast_ballot_ids")
        } else {
            format!("cast_ballot_ids lists `{id}`, which is not a CAST ballot of the record")
        };
        step.record(Err(malformed(
            CAST_BALLOT_IDS,
            &Location::Ballot((*id).to_string()),
            what,
        )));
    }
}

/// 8.A and 8.B for one option of `encrypted_tally.json`: its stored (A, B) is the recomputed
/// aggregate; an option on no cast ballot (`known`: in the manifest) has the empty one.
fn check_stored_aggregate(
    aggregate: Option<&Aggregate>,
    key: &OptionKey,
    stored: &(Vec<u8>, Vec<u8>),
    known: bool,
    location: &Location,
    step: &mut StepRecorder,
) {
    match aggregate {
        Some(Aggregate::Sum(sum)) => {
            step.record(check(sum.alpha.to_bytes() == stored.0, || {
                VerifyError::new(V8_A, location.clone(), Reason::Mismatch("the aggregate A"))
            }));
            step.record(check(sum.beta.to_bytes() == stored.1, || {
                VerifyError::new(V8_B, location.clone(), Reason::Mismatch("the aggregate B"))
            }));
        }
        Some(Aggregate::Unknown) => step.record(Err(malformed(
            V8_A,
            location,
            "the aggregate cannot be recomputed: a cast ballot's encryption of this option is not in Z_p^r",
        ))),
        None => step.record(check(known && is_empty_aggregate(stored), || {
            malformed(
                V8_A,
                location,
                format!(
                    "option `{}/{}` is on no cast ballot (or not in the manifest) but its aggregate is not empty",
                    key.0, key.1
                ),
            )
        })),
    }
}

/// The values every decryption check needs.
#[derive(Debug)]
pub struct DecryptionContext<'a> {
    /// H_E.
    pub extended_hash: HValue,
    /// K.
    pub joint_key: Element<Group>,
    /// The manifest.
    pub manifest: &'a ManifestIndex<'a>,
}

impl DecryptionContext<'_> {
    /// K^t, for 10.A and 13.A.
    pub fn key_power(&self, cache: &mut BTreeMap<u32, Element<Group>>, t: u32) -> Element<Group> {
        cache
            .entry(t)
            .or_insert_with(|| self.joint_key.pow_u64(u64::from(t)))
            .clone()
    }
}

/// Verifications 9 and 10 on `tally.json`: for each option, T = K^t (10.A), M = B·T^{-1} and
/// the proof (9.A, 9.B, eq. 71) over the recomputed (A, B), which the stored `encrypted_vote`
/// must equal ([`TALLY_CIPHERTEXT`]); labels against the manifest (10.B–10.D) and every contest
/// of a submitted ballot in the tally (10.E).
pub fn verify_tally(
    record: &EgkRecord,
    context: &DecryptionContext<'_>,
    aggregate: &BTreeMap<OptionKey, Aggregate>,
    boxes: &mut Boxes,
) -> Result<(), RecordError> {
    let tally = TallyCheck {
        context,
        file: record.tally.path.as_path(),
        aggregate,
    };
    let mut powers = BTreeMap::new();
    let mut contests_seen = BTreeSet::new();
    for (c, contest) in record.tally.value.contests.iter().enumerate() {
        let info = context.manifest.contest(&contest.contest_id);
        let contest_location = Location::Contest {
            ballot: None,
            contest: info.map_or(0, |i| i.index),
        };
        boxes.get(10).record(check(
            info.is_some() && contests_seen.insert(contest.contest_id.as_str()),
            || {
                malformed(
                    V10_B,
                    &contest_location,
                    format!(
                        "contest `{}` is not in the manifest or appears twice",
                        contest.contest_id
                    ),
                )
            },
        ));
        let mut options_seen = BTreeSet::new();
        for (s, selection) in contest.selections.iter().enumerate() {
            let field = format!("contests[{c}].selections[{s}]");
            let known =
                info.is_some_and(|i| i.options.contains_key(selection.selection_id.as_str()));
            let fresh = known && options_seen.insert(selection.selection_id.as_str());
            tally.selection(
                &field,
                &contest.contest_id,
                selection,
                fresh,
                &mut powers,
                boxes,
            )?;
        }
        if let Some(info) = info {
            for missing in info.options.keys().filter(|o| !options_seen.contains(*o)) {
                boxes.get(10).record(Err(malformed(
                    V10_D,
                    &contest_location,
                    format!("option `{missing}` of the manifest is not in the tally"),
                )));
            }
        }
    }
    let submitted: BTreeSet<&str> = record
        .encrypted_ballots()
        .flat_map(|b| b.value.contests.iter().map(|c| c.contest_id.as_str()))
        .collect();
    for missing in submitted.iter().filter(|c| !contests_seen.contains(*c)) {
        boxes.get(10).record(Err(malformed(
            V10_E,
            &Location::Election,
            format!("contest `{missing}` is on a submitted ballot but not in the tally"),
        )));
    }
    Ok(())
}

/// What the checks of every option of `tally.json` share.
struct TallyCheck<'a> {
    context: &'a DecryptionContext<'a>,
    /// `tally.json`.
    file: &'a Path,
    /// The recomputed aggregates (Verification 8).
    aggregate: &'a BTreeMap<OptionKey, Aggregate>,
}

impl TallyCheck<'_> {
    /// One option of the tally: an option of its contest at most once (10.C, `fresh`), the
    /// recomputed (A, B) ([`TALLY_CIPHERTEXT`]), then T = K^t and the proof (10.A, 9.A, 9.B).
    fn selection(
        &self,
        field: &str,
        contest: &str,
        selection: &DecryptedSelectionJson,
        fresh: bool,
        powers: &mut BTreeMap<u32, Element<Group>>,
        boxes: &mut Boxes,
    ) -> Result<(), RecordError> {
        let key = (contest.to_string(), selection.selection_id.clone());
        let location = tally_location(self.context.manifest, &key.0, &key.1);
        boxes.get(10).record(check(fresh, || {
            malformed(
                V10_C,
                &location,
                format!(
                    "option `{}` is not an option of this contest in the manifest or appears twice",
                    key.1
                ),
            )
        }));
        let stored = stored_pair(
            self.file,
            &format!("{field}.encrypted_vote"),
            &selection.encrypted_vote,
        )?;
        let Some(ciphertext) =
            self.decrypted_ciphertext(&key, selection, &stored, &location, boxes)
        else {
            return Ok(());
        };
        let at = At {
            file: self.file,
            location: &location,
        };
        verify_decrypted_selection(
            at,
            field,
            selection,
            ciphertext,
            self.context,
            powers,
            boxes,
            TALLY_DECRYPTION,
        )
    }

    /// The (A, B) an option's decryption is checked against: the recomputed aggregate, which
    /// the stored one must equal ([`TALLY_CIPHERTEXT`]). `None` when there is nothing to
    /// check the proof against: the aggregate cannot be recomputed (9.B), or the option is on
    /// no cast ballot and must then have the tally 0 (10.A).
    fn decrypted_ciphertext(
        &self,
        key: &OptionKey,
        selection: &DecryptedSelectionJson,
        stored: &(Vec<u8>, Vec<u8>),
        location: &Location,
        boxes: &mut Boxes,
    ) -> Option<&Ciphertext<Group>> {
        match self.aggregate.get(key) {
            Some(Aggregate::Sum(sum)) => {
                boxes.get(9).record(check(
                    sum.alpha.to_bytes() == stored.0 && sum.beta.to_bytes() == stored.1,
                    || {
                        VerifyError::new(
                            TALLY_CIPHERTEXT,
                            location.clone(),
                            Reason::Mismatch("the decrypted (A, B)"),
                        )
                    },
                ));
                Some(sum)
            }
            Some(Aggregate::Unknown) => {
                boxes.get(9).record(Err(malformed(
                    V9_B,
                    location,
                    "cannot be checked: the aggregate (A, B) cannot be recomputed",
                )));
                None
            }
            None => {
                // On no cast ballot: the plaintext of the empty product is 0, and egk's
                // (0, 0) admits no proof (notes §2.13).
                boxes.get(10).record(check(selection.tally == 0, || {
                    malformed(
                        V10_A,
                        location,
                        format!(
                            "the option is on no cast ballot but its tally is {}",
                            selection.tally
                        ),
                    )
                }));
                None
            }
        }
    }
}

/// Where the checks of one decrypted selection are reported: the step of T = K^t (10.A for
/// the tally, 13.A for a challenged ballot) and the two steps of its proof (9.A–9.B or
/// 12.A–12.B).
#[derive(Clone, Copy, Debug)]
pub struct DecryptionBoxes {
    /// The step of T = K^t.
    pub value: Step,
    /// The step of the proof's response v ∈ Z_q, where its decoding fails.
    pub response: Step,
    /// The step of the proof's challenge.
    pub challenge: Step,
}

/// The steps of a tally's decrypted selection (2.0 Verifications 9 and 10).
pub const TALLY_DECRYPTION: DecryptionBoxes = DecryptionBoxes {
    value: V10_A,
    response: V9_A,
    challenge: V9_B,
};

/// The steps of a challenged ballot's decrypted selection (2.0 Verifications 12 and 13).
pub const CHALLENGED_DECRYPTION: DecryptionBoxes = DecryptionBoxes {
    value: V13_A,
    response: V12_A,
    challenge: V12_B,
};

/// One decrypted selection: T = K^t, then the proof that M = B·T⁻¹ = A^s (2.0 Verifications
/// 9–10 for the tally, 12–13 for a challenged ballot).
#[allow(clippy::too_many_arguments)]
pub fn verify_decrypted_selection(
    at: At<'_>,
    field: &str,
    selection: &DecryptedSelectionJson,
    ciphertext: &Ciphertext<Group>,
    context: &DecryptionContext<'_>,
    powers: &mut BTreeMap<u32, Element<Group>>,
    boxes: &mut Boxes,
    which: DecryptionBoxes,
) -> Result<(), RecordError> {
    let expected = context.key_power(powers, selection.tally);
    let Some(value) = decrypted_value(
        at,
        &format!("{field}.b_over_m"),
        selection.b_over_m.as_str(),
        &expected,
        which.value,
        boxes.get(which.value.verification()),
    )?
    else {
        return Ok(());
    };
    let proof = decode::chaum_pedersen(
        at,
        &format!("{field}.proof"),
        &selection.proof,
        which.response,
    );
    let Some(proof) = boxes.settle(which.response.verification(), proof)? else {
        return Ok(());
    };
    let m = ciphertext.beta.div(&value);
    let result = proof.verify(
        &context.joint_key,
        &ciphertext.alpha,
        &m,
        |a, b| {
            hashing::decryption_challenge(
                &context.extended_hash,
                &context.joint_key,
                ciphertext,
                a,
                b,
                &m,
            )
        },
        &Check::new(which.challenge, at.location.clone()),
    );
    boxes.get(which.challenge.verification()).record(result);
    Ok(())
}

/// A decrypted value T (or S): checks T = K^t (10.A, or 13.A) and returns T as a group element,
/// or `None` if it is not in Z_p^r (then no proof can be checked; the failure is recorded).
pub fn decrypted_value(
    at: At<'_>,
    field: &str,
    text: &str,
    expected: &Element<Group>,
    step: Step,
    recorder: &mut crate::report::StepRecorder,
) -> Result<Option<Element<Group>>, RecordError> {
    let bytes = decode::element_bytes(at.file, field, text)?;
    if bytes == expected.to_bytes() {
        recorder.record(Ok(()));
        return Ok(Some(expected.clone()));
    }
    recorder.record(Err(VerifyError::new(
        step,
        at.location.clone(),
        Reason::Mismatch("the decrypted value K^t"),
    )));
    match at
        .check(step)
        .element::<Group>(field, text, "the decrypted value")
    {
        Ok(value) => Ok(Some(value)),
        Err(Problem::Invalid(_)) => Ok(None),
        Err(Problem::Unreadable(e)) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::is_empty_aggregate;

    #[test]
    fn empty_aggregates_are_zero_or_one() {
        let zero = vec![0u8; 512];
        let mut one = vec![0u8; 512];
        one[511] = 1;
        let mut two = vec![0u8; 512];
        two[511] = 2;
        assert!(is_empty_aggregate(&(zero.clone(), zero.clone())));
        assert!(is_empty_aggregate(&(one.clone(), one.clone())));
        assert!(!is_empty_aggregate(&(zero.clone(), one.clone())));
        assert!(!is_empty_aggregate(&(two.clone(), two)));
        assert!(!is_empty_aggregate(&(Vec::new(), Vec::new())));
    }
}
