//! Verifications 9–11 of spec 2.1: aggregation, tally decryption, tally contents.

use super::decode::{self, ciphertext};
use super::setup::Setup;
use crate::problem::{FieldCheck, Problem};
use crate::report::StepRecorder;
use scrutin_core::decryption::DecryptedValue;
use scrutin_core::elgamal::Ciphertext;
use scrutin_core::step::v2_1::{V10_B, V11_A, V11_B, V11_C, V11_D, V9_A};
use scrutin_core::tally::EncryptedTally;
use scrutin_core::{Location, ParameterSet, Reason, VerifyError};
use scrutin_record::v21::layout::{ENCRYPTED_TALLY, TALLY};
use scrutin_record::v21::source::RecordSource;
use scrutin_record::v21::wire::{DecryptedSelectionJson, DecryptedTallyJson, EncryptedTallyJson};
use scrutin_record::RecordError;
use std::collections::BTreeSet;
use std::path::Path;

fn selection(contest: u32, option: u32) -> Location {
    Location::Selection {
        ballot: None,
        contest,
        option,
    }
}

/// Verification 9: the published encrypted tally equals the aggregate recomputed from the cast
/// ballots, and lists exactly the cast ballots.
pub fn verify_aggregation<P: ParameterSet>(
    record: &dyn RecordSource,
    published: &EncryptedTallyJson,
    recomputed: &EncryptedTally<P>,
    cast_ids: &BTreeSet<String>,
    step: &mut StepRecorder,
) -> Result<(), RecordError> {
    let file = record.path(ENCRYPTED_TALLY);
    let listed: BTreeSet<String> = published.cast_ballot_ids.iter().cloned().collect();
    step.record(if listed.len() != published.cast_ballot_ids.len() {
        Err(VerifyError::new(V9_A, Location::Election, Reason::Malformed("cast_ballot_ids lists a ballot twice".into())))
    } else if &listed != cast_ids {
        let missing = cast_ids.difference(&listed).count();
        let extra = listed.difference(cast_ids).count();
        Err(VerifyError::new(
            V9_A,
            Location::Election,
            Reason::Malformed(format!(
                "the tally's cast_ballot_ids differ from the cast ballots of the record ({missing} missing, {extra} not cast)"
            )),
        ))
    } else {
        Ok(())
    });
    let mut entries = Vec::new();
    for (c, contest) in published.contests.iter().enumerate() {
        for (o, sel) in contest.selections.iter().enumerate() {
            let location = selection(contest.sequence_order, sel.sequence_order);
            let at = FieldCheck {
                file: &file,
                step: V9_A,
                location: &location,
            };
            match ciphertext::<P>(
                &at,
                &format!("contests[{c}].selections[{o}].encrypted_vote"),
                &sel.encrypted_vote,
            ) {
                Ok(ct) => entries.push((contest.sequence_order, sel.sequence_order, ct)),
                Err(Problem::Invalid(e)) => step.record(Err(e)),
                Err(Problem::Unreadable(e)) => return Err(e),
            }
        }
    }
    match EncryptedTally::from_published(entries) {
        Ok(given) => step.record(recomputed.verify_matches(&given)),
        Err(e) => step.record(Err(VerifyError::new(
            V9_A,
            Location::Election,
            Reason::Malformed(e.to_string()),
        ))),
    }
    Ok(())
}

/// Verifications 10 and 11: every decrypted value is proved correct against the recomputed
/// aggregate, and the tally's contests and options are exactly the manifest's.
pub fn verify_decryption<P: ParameterSet>(
    record: &dyn RecordSource,
    setup: &Setup<P>,
    tally: &DecryptedTallyJson,
    recomputed: &EncryptedTally<P>,
    v10: &mut StepRecorder,
    v11: &mut StepRecorder,
) -> Result<(), RecordError> {
    let file = record.path(TALLY);
    let manifest = &setup.manifest;
    let mut seen_contests = BTreeSet::new();
    for (c, contest) in tally.contests.iter().enumerate() {
        let Some(spec) = manifest
            .contest(contest.sequence_order)
            .filter(|m| m.label == contest.contest_id)
        else {
            v11.record(Err(VerifyError::new(
                V11_A,
                Location::Contest {
                    ballot: None,
                    contest: contest.sequence_order,
                },
                Reason::Malformed(format!(
                    "contest {:?} with index {} is not in the manifest",
                    contest.contest_id, contest.sequence_order
                )),
            )));
            continue;
        };
        if !seen_contests.insert(contest.sequence_order) {
            v11.record(Err(VerifyError::new(
                V11_A,
                Location::Contest {
                    ballot: None,
                    contest: contest.sequence_order,
                },
                Reason::Malformed("contest listed twice in the tally".into()),
            )));
            continue;
        }
        let mut seen_options = BTreeSet::new();
        for (o, sel) in contest.selections.iter().enumerate() {
            let (ci, oi) = (contest.sequence_order, sel.sequence_order);
            let location = selection(ci, oi);
            let label_ok = spec
                .options
                .get((oi as usize).wrapping_sub(1))
                .is_some_and(|l| *l == sel.selection_id);
            if !label_ok || !seen_options.insert(oi) {
                v11.record(Err(VerifyError::new(
                    V11_B,
                    location,
                    Reason::Malformed(format!("option {:?} with index {oi} is not an option of this contest, or is listed twice", sel.selection_id)),
                )));
                continue;
            }
            v11.record(Ok(()));
            let Some(aggregate) = recomputed.get(ci, oi) else {
                continue;
            };
            let field = format!("contests[{c}].selections[{o}]");
            let decrypted = DecryptedOption {
                file: &file,
                field: &field,
                json: sel,
                location,
                contest: ci,
                option: oi,
            };
            decrypted.verify(setup, aggregate, v10)?;
        }
        for (j, label) in spec.options.iter().enumerate() {
            let index = u32::try_from(j + 1).unwrap_or(u32::MAX);
            if !seen_options.contains(&index) {
                v11.record(Err(VerifyError::new(
                    V11_C,
                    selection(contest.sequence_order, index),
                    Reason::Malformed(format!(
                        "the manifest's option {label:?} is missing from the tally"
                    )),
                )));
            }
        }
    }
    // 11.D: every contest that occurs on a submitted ballot is in the tally.
    for (contest, _, _) in recomputed.iter() {
        if !seen_contests.contains(&contest) {
            v11.record(Err(VerifyError::new(
                V11_D,
                Location::Contest {
                    ballot: None,
                    contest,
                },
                Reason::Malformed("a contest of the ballots is missing from the tally".into()),
            )));
            seen_contests.insert(contest);
        }
    }
    check_quorum(tally, setup, v10);
    Ok(())
}

/// Verification 10 presupposes a quorum: the available guardians are distinct guardians of
/// 1 … n, at least k of them (§3.6.2).
fn check_quorum<P: ParameterSet>(
    tally: &DecryptedTallyJson,
    setup: &Setup<P>,
    v10: &mut StepRecorder,
) {
    let available: BTreeSet<u32> = tally.available_guardians.iter().copied().collect();
    if available.len() != tally.available_guardians.len()
        || available.len() < setup.context.counts.k as usize
        || available
            .iter()
            .any(|i| *i == 0 || *i > setup.context.counts.n)
    {
        v10.record(Err(VerifyError::new(
            V10_B,
            Location::Election,
            Reason::Malformed(format!(
                "available_guardians {:?} is not a quorum of distinct guardians",
                tally.available_guardians
            )),
        )));
    }
}

/// One decrypted option of `tally.json`.
struct DecryptedOption<'a> {
    /// `tally.json`.
    file: &'a Path,
    /// The option's field in the file.
    field: &'a str,
    json: &'a DecryptedSelectionJson,
    location: Location,
    /// The contest index.
    contest: u32,
    /// The option index.
    option: u32,
}

impl DecryptedOption<'_> {
    /// 10.A–10.C for one option: the stored (A, B) is the recomputed `aggregate`, and the
    /// decryption M with its proof (10.1–10.3) gives T = K^t.
    fn verify<P: ParameterSet>(
        &self,
        setup: &Setup<P>,
        aggregate: &Ciphertext<P>,
        v10: &mut StepRecorder,
    ) -> Result<(), RecordError> {
        match self.decode(aggregate) {
            Ok((stored, value)) => {
                if &stored != aggregate {
                    v10.record(Err(VerifyError::new(
                        V10_B,
                        self.location.clone(),
                        Reason::Mismatch("(A, B) repeated in tally.json"),
                    )));
                }
                v10.record(value.verify(&setup.context, self.contest, self.option, aggregate));
                Ok(())
            }
            Err(Problem::Invalid(e)) => {
                v10.record(Err(e));
                Ok(())
            }
            Err(Problem::Unreadable(e)) => Err(e),
        }
    }

    /// The stored (A, B), and the decrypted value with T = B·M⁻¹ from the recomputed B
    /// (10.1 read backwards).
    fn decode<P: ParameterSet>(
        &self,
        aggregate: &Ciphertext<P>,
    ) -> Result<(Ciphertext<P>, DecryptedValue<P>), Problem> {
        let found = decode::tally_selection::<P>(self.file, &self.location, self.field, self.json)?;
        let value = aggregate.beta.div(&found.mask);
        Ok((
            found.encrypted,
            DecryptedValue {
                tally: self.json.tally,
                value,
                mask: found.mask,
                proof: found.proof,
            },
        ))
    }
}
