//! Verifications 12–14 of spec 2.0 (§6.2.7): decryptions of challenged ballots (14, their
//! contest data, is in [`super::contest_data`]). In 2.0 the guardians decrypt every selection of a challenged (egk:
//! SPOILED) ballot with a Chaum–Pedersen proof; the decryption is
//! `challenged_ballots/dballot-<ballot_id>.json` (notes §2.16).

use super::ballots::{BallotOutcome, OPTION_LIMIT};
use super::contest_data;
use super::decode::{self, At};
use super::findings::Boxes;
use super::findings::{check, malformed};
use super::steps::{V12_B, V13_B, V13_C, V13_D, V13_E, V13_F};
use super::tally::{verify_decrypted_selection, DecryptionContext, CHALLENGED_DECRYPTION};
use super::{Group, CHALLENGED_MATCH};
use scrutin_core::elgamal::Ciphertext;
use scrutin_core::{Location, Reason, VerifyError};
use scrutin_record::egk::{BallotState, EgkRecord, EncryptedBallotJson};
use scrutin_record::RecordError;
use std::collections::{BTreeMap, BTreeSet};

/// Verifications 12–14 on every `dballot-*.json`, each matched with the SPOILED ballot of the
/// same id ([`CHALLENGED_MATCH`]): the decryption proofs (12), the values and labels (13), the
/// contest data proofs (14).
pub fn verify_challenged(
    record: &EgkRecord,
    context: &DecryptionContext<'_>,
    ballots: &[(&EncryptedBallotJson, &BallotOutcome)],
    boxes: &mut Boxes,
) -> Result<(), RecordError> {
    let spoiled: BTreeMap<&str, &(&EncryptedBallotJson, &BallotOutcome)> = ballots
        .iter()
        .filter(|(json, _)| json.state == BallotState::Spoiled)
        .map(|entry| (entry.0.ballot_id.as_str(), entry))
        .collect();
    if spoiled.is_empty() && record.challenged_ballots.is_empty() {
        for n in [12, 13, 14] {
            boxes
                .get(n)
                .skip("the record has no challenged (SPOILED) ballots");
        }
        return Ok(());
    }
    let mut powers = BTreeMap::new();
    let mut decrypted = BTreeSet::new();
    for dballot in &record.challenged_ballots {
        let file = dballot.path.as_path();
        let id = dballot.value.id.as_str();
        let ballot_location = Location::Ballot(id.to_string());
        let original = spoiled.get(id).copied();
        boxes
            .get(12)
            .record(check(original.is_some() && decrypted.insert(id), || {
                malformed(
                CHALLENGED_MATCH,
                &ballot_location,
                "a decrypted challenged ballot with no SPOILED ballot of this id, or a second one",
            )
            }));
        let mut contests_seen = BTreeSet::new();
        for (c, contest) in dballot.value.contests.iter().enumerate() {
            let info = context.manifest.contest(&contest.contest_id);
            let index = info.map_or(0, |i| i.index);
            let contest_location = Location::Contest {
                ballot: Some(id.to_string()),
                contest: index,
            };
            boxes.get(13).record(check(
                info.is_some() && contests_seen.insert(contest.contest_id.as_str()),
                || {
                    malformed(
                        V13_D,
                        &contest_location,
                        format!(
                            "contest `{}` is not in the manifest or appears twice",
                            contest.contest_id
                        ),
                    )
                },
            ));
            let original_contest = original.and_then(|(json, _)| {
                json.contests
                    .iter()
                    .find(|x| x.contest_id == contest.contest_id)
            });
            let mut options_seen = BTreeSet::new();
            let mut sum: u64 = 0;
            for (s, selection) in contest.selections.iter().enumerate() {
                let field = format!("contests[{c}].selections[{s}]");
                let option_index = info
                    .and_then(|i| i.options.get(selection.selection_id.as_str()))
                    .copied();
                let location = Location::Selection {
                    ballot: Some(id.to_string()),
                    contest: index,
                    option: option_index.unwrap_or(0),
                };
                let at = At {
                    file,
                    location: &location,
                };
                boxes.get(13).record(check(
                    option_index.is_some() && options_seen.insert(selection.selection_id.as_str()),
                    || {
                        malformed(
                            V13_E,
                            &location,
                            format!(
                                "option `{}` is not an option of this contest in the manifest or appears twice",
                                selection.selection_id
                            ),
                        )
                    },
                ));
                // The encryption decrypted must be the one on the SPOILED ballot.
                let on_ballot = original.and_then(|(_, outcome)| {
                    outcome
                        .selections
                        .iter()
                        .find(|x| {
                            x.contest == contest.contest_id && x.option == selection.selection_id
                        })
                        .and_then(|x| x.ciphertext.clone())
                });
                let stored = (
                    decode::element_bytes(
                        file,
                        &format!("{field}.encrypted_vote.pad"),
                        selection.encrypted_vote.pad.as_str(),
                    )?,
                    decode::element_bytes(
                        file,
                        &format!("{field}.encrypted_vote.data"),
                        selection.encrypted_vote.data.as_str(),
                    )?,
                );
                let ciphertext: Ciphertext<Group> = match on_ballot {
                    Some(c) => {
                        boxes.get(12).record(check(
                            c.alpha.to_bytes() == stored.0 && c.beta.to_bytes() == stored.1,
                            || {
                                VerifyError::new(
                                    CHALLENGED_MATCH,
                                    location.clone(),
                                    Reason::Mismatch("the encryption of the challenged ballot"),
                                )
                            },
                        ));
                        c
                    }
                    None => {
                        boxes.get(12).record(Err(malformed(
                            CHALLENGED_MATCH,
                            &location,
                            "no valid encryption of this option on a SPOILED ballot",
                        )));
                        let decoded = decode::ciphertext(
                            at,
                            &format!("{field}.encrypted_vote"),
                            &selection.encrypted_vote,
                            V12_B,
                        );
                        let Some(c) = boxes.settle(12, decoded)? else {
                            continue;
                        };
                        c
                    }
                };
                sum = sum.saturating_add(u64::from(selection.tally));
                boxes
                    .get(13)
                    .record(check(u64::from(selection.tally) <= OPTION_LIMIT, || {
                        malformed(
                            V13_B,
                            &location,
                            format!(
                                "selection σ = {} is not in 0..={OPTION_LIMIT}",
                                selection.tally
                            ),
                        )
                    }));
                verify_decrypted_selection(
                    at,
                    &field,
                    selection,
                    &ciphertext,
                    context,
                    &mut powers,
                    boxes,
                    CHALLENGED_DECRYPTION,
                )?;
            }
            if let Some(info) = info {
                boxes
                    .get(13)
                    .record(check(sum <= u64::from(info.limit), || {
                        malformed(
                            V13_C,
                            &contest_location,
                            format!(
                                "the selections add up to {sum}, more than L = {}",
                                info.limit
                            ),
                        )
                    }));
                for missing in info.options.keys().filter(|o| !options_seen.contains(*o)) {
                    boxes.get(13).record(Err(malformed(
                        V13_F,
                        &contest_location,
                        format!(
                            "option `{missing}` of the manifest is not in the decrypted ballot"
                        ),
                    )));
                }
            }

            // 14: the contest data, which must be the ballot's own.
            contest_data::verify_challenged_contest(
                context,
                file,
                c,
                contest,
                original_contest,
                &contest_location,
                boxes,
            )?;
        }
    }
    for id in spoiled.keys().filter(|id| !decrypted.contains(*id)) {
        boxes.get(12).record(Err(malformed(
            CHALLENGED_MATCH,
            &Location::Ballot((*id).to_string()),
            "a SPOILED ballot has no decryption in challenged_ballots/",
        )));
    }
    Ok(())
}
