//! Verifications 12–14 of spec 2.0 (§6.2.7): decryptions of challenged ballots (14, their
//! contest data, is in [`super::contest_data`]). In 2.0 the guardians decrypt every selection
//! of a challenged (egk: SPOILED) ballot with a Chaum–Pedersen proof; the decryption is
//! `challenged_ballots/dballot-<ballot_id>.json` (notes §2.16).

use super::ballots::{BallotOutcome, OPTION_LIMIT};
use super::contest_data;
use super::decode::{self, At};
use super::findings::Boxes;
use super::findings::{check, malformed};
use super::manifest_index::ContestInfo;
use super::steps::{V12_B, V13_B, V13_C, V13_D, V13_E, V13_F};
use super::tally::{verify_decrypted_selection, DecryptionContext, CHALLENGED_DECRYPTION};
use super::{Group, CHALLENGED_MATCH};
use scrutin_core::elgamal::Ciphertext;
use scrutin_core::{Element, Location, Reason, VerifyError};
use scrutin_record::egk::tally::{DecryptedContestJson, DecryptedSelectionJson};
use scrutin_record::egk::{BallotState, EgkRecord, EncryptedBallotJson, EncryptedContestJson};
use scrutin_record::RecordError;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A checked ballot of the record with the outcome of its checks.
type Ballot<'a> = (&'a EncryptedBallotJson, &'a BallotOutcome);

/// The powers K^σ computed so far, shared by every decrypted selection.
type Powers = BTreeMap<u32, Element<Group>>;

/// Verifications 12–14 on every `dballot-*.json`, each matched with the SPOILED ballot of the
/// same id ([`CHALLENGED_MATCH`]): the decryption proofs (12), the values and labels (13), the
/// contest data proofs (14).
pub fn verify_challenged(
    record: &EgkRecord,
    context: &DecryptionContext<'_>,
    ballots: &[Ballot<'_>],
    boxes: &mut Boxes,
) -> Result<(), RecordError> {
    let spoiled: BTreeMap<&str, &Ballot<'_>> = ballots
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
    let mut powers = Powers::new();
    let mut decrypted = BTreeSet::new();
    for dballot in &record.challenged_ballots {
        let id = dballot.value.id.as_str();
        let original = spoiled.get(id).copied();
        boxes
            .get(12)
            .record(check(original.is_some() && decrypted.insert(id), || {
                malformed(
                CHALLENGED_MATCH,
                &Location::Ballot(id.to_string()),
                "a decrypted challenged ballot with no SPOILED ballot of this id, or a second one",
            )
            }));
        let ballot = DecryptedBallot {
            context,
            file: dballot.path.as_path(),
            id,
            original,
        };
        ballot.verify(&dballot.value.contests, &mut powers, boxes)?;
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

/// One decrypted challenged ballot and the SPOILED ballot it must decrypt.
struct DecryptedBallot<'a> {
    context: &'a DecryptionContext<'a>,
    /// The `dballot-*.json` file.
    file: &'a Path,
    /// The ballot id.
    id: &'a str,
    /// The SPOILED ballot of this id, if there is one.
    original: Option<&'a Ballot<'a>>,
}

/// One contest of a decrypted challenged ballot, with its entry in the manifest.
struct DecryptedContest<'a> {
    ballot: &'a DecryptedBallot<'a>,
    /// Its position in the file's `contests`.
    c: usize,
    json: &'a DecryptedContestJson,
    info: Option<&'a ContestInfo<'a>>,
    location: Location,
}

impl<'a> DecryptedBallot<'a> {
    /// Every contest: each in the manifest at most once (13.D), then its selections and
    /// contest data.
    fn verify(
        &self,
        contests: &'a [DecryptedContestJson],
        powers: &mut Powers,
        boxes: &mut Boxes,
    ) -> Result<(), RecordError> {
        let mut contests_seen = BTreeSet::new();
        for (c, json) in contests.iter().enumerate() {
            let info = self.context.manifest.contest(&json.contest_id);
            let contest = DecryptedContest {
                ballot: self,
                c,
                json,
                info,
                location: Location::Contest {
                    ballot: Some(self.id.to_string()),
                    contest: info.map_or(0, |i| i.index),
                },
            };
            boxes.get(13).record(check(
                info.is_some() && contests_seen.insert(json.contest_id.as_str()),
                || {
                    malformed(
                        V13_D,
                        &contest.location,
                        format!(
                            "contest `{}` is not in the manifest or appears twice",
                            json.contest_id
                        ),
                    )
                },
            ));
            contest.verify(powers, boxes)?;
        }
        Ok(())
    }

    /// The SPOILED ballot's encryption of `option` in `contest`, if it has a valid one.
    fn original_encryption(&self, contest: &str, option: &str) -> Option<Ciphertext<Group>> {
        self.original.and_then(|(_, outcome)| {
            outcome
                .selections
                .iter()
                .find(|x| x.contest == contest && x.option == option)
                .and_then(|x| x.ciphertext.clone())
        })
    }

    /// The SPOILED ballot's contest of this label.
    fn original_contest(&self, contest: &str) -> Option<&'a EncryptedContestJson> {
        self.original
            .and_then(|(json, _)| json.contests.iter().find(|x| x.contest_id == contest))
    }
}

impl DecryptedContest<'_> {
    /// The selections (12, 13.A, 13.B, 13.E), the contest's totals (13.C, 13.F) and its
    /// contest data (14).
    fn verify(&self, powers: &mut Powers, boxes: &mut Boxes) -> Result<(), RecordError> {
        let mut options_seen = BTreeSet::new();
        let mut sum: u64 = 0;
        for (s, selection) in self.json.selections.iter().enumerate() {
            if let Some(sigma) =
                self.verify_selection(s, selection, &mut options_seen, powers, boxes)?
            {
                sum = sum.saturating_add(sigma);
            }
        }
        if let Some(info) = self.info {
            self.verify_totals(info, sum, &options_seen, boxes);
        }
        // 14: the contest data, which must be the ballot's own.
        contest_data::verify_challenged_contest(
            self.ballot.context,
            self.ballot.file,
            self.c,
            self.json,
            self.ballot.original_contest(&self.json.contest_id),
            &self.location,
            boxes,
        )
    }

    /// One selection: an option of the contest at most once (13.E), the encryption of the
    /// SPOILED ballot ([`CHALLENGED_MATCH`]), σ in range (13.B), S = K^σ (13.A) and the proof
    /// (12.A–12.B). Returns σ, or `None` if the selection has no encryption to check against.
    fn verify_selection<'s>(
        &self,
        s: usize,
        selection: &'s DecryptedSelectionJson,
        options_seen: &mut BTreeSet<&'s str>,
        powers: &mut Powers,
        boxes: &mut Boxes,
    ) -> Result<Option<u64>, RecordError> {
        let field = format!("contests[{}].selections[{s}]", self.c);
        let option_index = self
            .info
            .and_then(|i| i.options.get(selection.selection_id.as_str()))
            .copied();
        let location = Location::Selection {
            ballot: Some(self.ballot.id.to_string()),
            contest: self.info.map_or(0, |i| i.index),
            option: option_index.unwrap_or(0),
        };
        let at = At {
            file: self.ballot.file,
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
        let Some(ciphertext) = self.matched_encryption(at, &field, selection, boxes)? else {
            return Ok(None);
        };
        let sigma = u64::from(selection.tally);
        boxes.get(13).record(check(sigma <= OPTION_LIMIT, || {
            malformed(
                V13_B,
                &location,
                format!("selection σ = {sigma} is not in 0..={OPTION_LIMIT}"),
            )
        }));
        verify_decrypted_selection(
            at,
            &field,
            selection,
            &ciphertext,
            self.ballot.context,
            powers,
            boxes,
            CHALLENGED_DECRYPTION,
        )?;
        Ok(Some(sigma))
    }

    /// [`CHALLENGED_MATCH`]: the encryption decrypted must be the one on the SPOILED ballot.
    /// Without one, the stored encryption is decoded (12.B) so that the proof is still
    /// checked; `None` if it cannot be.
    fn matched_encryption(
        &self,
        at: At<'_>,
        field: &str,
        selection: &DecryptedSelectionJson,
        boxes: &mut Boxes,
    ) -> Result<Option<Ciphertext<Group>>, RecordError> {
        let file = self.ballot.file;
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
        let on_ballot = self
            .ballot
            .original_encryption(&self.json.contest_id, &selection.selection_id);
        if let Some(c) = on_ballot {
            boxes.get(12).record(check(
                c.alpha.to_bytes() == stored.0 && c.beta.to_bytes() == stored.1,
                || {
                    VerifyError::new(
                        CHALLENGED_MATCH,
                        at.location.clone(),
                        Reason::Mismatch("the encryption of the challenged ballot"),
                    )
                },
            ));
            return Ok(Some(c));
        }
        boxes.get(12).record(Err(malformed(
            CHALLENGED_MATCH,
            at.location,
            "no valid encryption of this option on a SPOILED ballot",
        )));
        let decoded = decode::ciphertext(
            at,
            &format!("{field}.encrypted_vote"),
            &selection.encrypted_vote,
            V12_B,
        );
        boxes.settle(12, decoded)
    }

    /// The contest's totals: Σσ ≤ L (13.C), and every option of the manifest decrypted
    /// (13.F).
    fn verify_totals(
        &self,
        info: &ContestInfo<'_>,
        sum: u64,
        options_seen: &BTreeSet<&str>,
        boxes: &mut Boxes,
    ) {
        boxes
            .get(13)
            .record(check(sum <= u64::from(info.limit), || {
                malformed(
                    V13_C,
                    &self.location,
                    format!(
                        "the selections add up to {sum}, more than L = {}",
                        info.limit
                    ),
                )
            }));
        for missing in info.options.keys().filter(|o| !options_seen.contains(*o)) {
            boxes.get(13).record(Err(malformed(
                V13_F,
                &self.location,
                format!("option `{missing}` of the manifest is not in the decrypted ballot"),
            )));
        }
    }
}
