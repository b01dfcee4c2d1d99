//! Who may post to an election: the roster fixed at its creation (the administrator's and
//! the guardians' keys), the voting devices and the witnesses the administrator enrolled.
//! Built from the election's log by [`Authors::absorb`], on append and on replay, like the
//! rules' state, so that a restarted board knows the same authors.

use super::Item;
use crate::cosign::MAX_WITNESSES;
use crate::error::BoardError;
use crate::items::Kind;
use scrutin_record::authorship::wire::{DeviceEnrolmentJson, RosterJson, WitnessEnrolmentJson};
use scrutin_record::authorship::{Author, PublicKey, Roster};
use std::collections::BTreeMap;
use std::path::Path;

/// The election's authors, as its log enrolled them.
#[derive(Clone, Debug, Default)]
pub struct Authors {
    roster: Option<Roster>,
    devices: BTreeMap<String, PublicKey>,
    witnesses: BTreeMap<String, String>,
}

fn parse<T: serde::de::DeserializeOwned>(item: &Item) -> Result<T, BoardError> {
    Ok(scrutin_record::json_file::parse(
        Path::new(&item.key),
        &item.bytes,
    )?)
}

fn stored_key(item: &Item, text: &str) -> Result<PublicKey, BoardError> {
    PublicKey::from_hex(text).ok_or_else(|| {
        BoardError::Internal(format!("{}: the stored public key is malformed", item.key))
    })
}

impl Authors {
    /// Folds an appended item into the authors: the roster, a device's or a witness's
    /// enrolment; other items change nothing.
    pub fn absorb(&mut self, item: &Item) -> Result<(), BoardError> {
        match item.kind {
            Kind::Roster => {
                let json: RosterJson = parse(item)?;
                let roster = Roster::decode(&json).map_err(|e| {
                    BoardError::Internal(format!("the stored roster is refused: {e}"))
                })?;
                self.roster = Some(roster);
            }
            Kind::DeviceEnrolment => {
                let json: DeviceEnrolmentJson = parse(item)?;
                let key = stored_key(item, &json.public_key)?;
                self.devices.insert(json.voting_device, key);
            }
            Kind::WitnessEnrolment => {
                let json: WitnessEnrolmentJson = parse(item)?;
                // Kept as the log library writes it, as cosignatures are compared.
                let vkey = scrutin_log::Verifier::parse(&json.vkey)
                    .map_err(|e| {
                        BoardError::Internal(format!("{}: the stored vkey: {e}", item.key))
                    })?
                    .vkey();
                self.witnesses.insert(json.name, vkey);
            }
            Kind::Constants
            | Kind::Manifest
            | Kind::ElectionConfig
            | Kind::Signature
            | Kind::Guardian
            | Kind::Share
            | Kind::Acceptance
            | Kind::ElectionInitialized
            | Kind::Device
            | Kind::Ballot
            | Kind::Close
            | Kind::BallotChain
            | Kind::EncryptedTally
            | Kind::DecryptionRestart
            | Kind::DecryptionCommit
            | Kind::DecryptionReveal
            | Kind::DecryptionResponse
            | Kind::Tally
            | Kind::ChallengedBallot => {}
        }
        Ok(())
    }

    /// Checks enrolments about to be appended against those on the board: an election
    /// enrols at most [`MAX_WITNESSES`] witnesses, the most a checkpoint can carry.
    pub fn plan(&self, items: &[Item]) -> Result<(), BoardError> {
        let new_witnesses = items
            .iter()
            .filter(|i| i.kind == Kind::WitnessEnrolment)
            .count();
        if self.witnesses.len().saturating_add(new_witnesses) > MAX_WITNESSES {
            return Err(BoardError::WrongPhase(format!(
                "the election has {} witnesses enrolled, and a checkpoint carries at most \
                 {MAX_WITNESSES} cosignatures",
                self.witnesses.len()
            )));
        }
        Ok(())
    }

    /// The roster, once the election has one (elections created before authorship have
    /// none).
    pub fn roster(&self) -> Option<&Roster> {
        self.roster.as_ref()
    }

    /// The enrolled voting devices and their keys, by name.
    pub fn devices(&self) -> &BTreeMap<String, PublicKey> {
        &self.devices
    }

    /// The enrolled witnesses and their verifier keys, by name.
    pub fn witnesses(&self) -> &BTreeMap<String, String> {
        &self.witnesses
    }

    /// The enrolled key of `author`: from the roster for the administrator and the
    /// guardians, from the device's enrolment for a device. The error says why there is
    /// none.
    pub fn key_of(&self, author: &Author) -> Result<PublicKey, BoardError> {
        let roster = self.roster.as_ref().ok_or_else(|| {
            BoardError::NotAuthor(
                "this election was created without a roster, so the board cannot know who \
                 may post to it"
                    .into(),
            )
        })?;
        match author {
            Author::Device(name) => self.devices.get(name).copied().ok_or_else(|| {
                BoardError::NotAuthor(format!(
                    "voting device {name:?} is not enrolled in this election: the \
                     administrator enrols a device (POST /enrolments/devices) before it \
                     registers or posts ballots"
                ))
            }),
            other => roster.key_of(other).ok_or_else(|| {
                BoardError::NotAuthor(format!("{other} is not on the election's roster"))
            }),
        }
    }
}
