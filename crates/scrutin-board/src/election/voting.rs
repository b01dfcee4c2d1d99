//! Voting on the board (§3.3–3.5): devices register, then post ballots that continue their
//! chain; closing the vote writes each device's chain and the encrypted tally.

use super::rules::{parse, BallotState, Closed, DeviceState, Item, Phase, State};
use super::wire::DeviceJson;
use crate::error::BoardError;
use crate::items::{key, Kind};
use scrutin_core::ballot::{ChainState, DeviceInfo};
use scrutin_core::step::v2_1::{V5_A, V8_C, V8_E, V8_F};
use scrutin_core::tally::EncryptedTally;
use scrutin_core::{Location, ParameterSet, Reason, VerifyError};
use scrutin_record::hexfield;
use scrutin_record::v21::decode;
use scrutin_record::v21::encode as enc;
use scrutin_record::v21::wire::{BallotChainJson, EncryptedBallotJson, EncryptedTallyJson};
use std::collections::BTreeSet;
use std::path::Path;

/// The `tally_id` of the encrypted tallies the board writes (as `scrutin tally` does).
pub const TALLY_ID: &str = "tally";

/// The longest S_device the board accepts.
const MAX_DEVICE_INFO: usize = 1024;

impl<P: ParameterSet> State<P> {
    /// A device registration: a usable name, not registered yet, and S_device.
    pub(super) fn check_device(&self, item: &Item) -> Result<(), BoardError> {
        self.require(Phase::Voting, "a voting device")?;
        let json: DeviceJson = parse(&item.key, &item.bytes)?;
        scrutin_record::v21::layout::check_file_id(&json.voting_device).map_err(|p| {
            BoardError::BadInput(format!("voting_device {:?}: {p}", json.voting_device))
        })?;
        if json.device_info.is_empty() || json.device_info.len() > MAX_DEVICE_INFO {
            return Err(BoardError::BadInput(format!(
                "device_info must have 1 to {MAX_DEVICE_INFO} bytes"
            )));
        }
        Ok(())
    }

    pub(super) fn absorb_device(&mut self, item: &Item) -> Result<(), BoardError> {
        let json: DeviceJson = parse(&item.key, &item.bytes)?;
        let extended_hash = self.setup()?.context().extended_hash;
        let info = DeviceInfo {
            device: json.voting_device.clone(),
            info: json.device_info,
        };
        let chain = ChainState::new(&extended_hash, &info, self.manifest.chaining);
        self.devices.insert(
            json.voting_device,
            DeviceState {
                info,
                chain,
                ballots: Vec::new(),
            },
        );
        Ok(())
    }

    /// What a ballot needs beyond its own proofs (which the precheck verified): a registered
    /// device, a new ballot id, a new selection identifier (5.A), and the next chaining
    /// field of its device (8.C–8.F).
    pub(super) fn check_ballot_in_chain(&self, item: &Item) -> Result<(), BoardError> {
        self.require(Phase::Voting, "a ballot")?;
        let json: EncryptedBallotJson = parse(&item.key, &item.bytes)?;
        let at = || Location::Ballot(json.ballot_id.clone());
        let Some(device) = self.devices.get(&json.voting_device) else {
            return Err(BoardError::WrongPhase(format!(
                "device {:?} is not registered: post its device record first",
                json.voting_device
            )));
        };
        if self.ballots.contains_key(&json.ballot_id) {
            return Err(BoardError::rejected(&VerifyError::new(
                V5_A,
                at(),
                Reason::Malformed("another ballot with this ballot id is on the board".into()),
            )));
        }
        let file = Path::new(&item.key);
        let id =
            hexfield::decode_exact(file, "selection_identifier", &json.selection_identifier, 32)?;
        let id: [u8; 32] = id
            .as_slice()
            .try_into()
            .map_err(|_| BoardError::BadInput("selection_identifier: expected 32 bytes".into()))?;
        if self.selection_ids.contains(&id) {
            return Err(BoardError::rejected(&VerifyError::new(
                V5_A,
                at(),
                Reason::Malformed(
                    "its selection encryption identifier is that of a ballot on the board".into(),
                ),
            )));
        }
        let field = hexfield::decode_exact(file, "chaining_field", &json.chaining_field, 36)?;
        let expected = device.chain.next_field();
        if field.as_slice() != expected.as_bytes() {
            let (step, what) = match (self.manifest.chaining, device.ballots.is_empty()) {
                (scrutin_core::ballot::ChainingMode::NoChaining, _) => {
                    (V8_C, "B_C = 0x00000000 ∥ H_DI of its device")
                }
                (_, true) => (V8_F, "B_C,1 = 0x00000001 ∥ H_0 of its device"),
                (_, false) => (
                    V8_E,
                    "B_C,j = 0x00000001 ∥ H_j−1, the previous ballot of its device",
                ),
            };
            return Err(BoardError::rejected(&VerifyError::new(
                step,
                at(),
                Reason::Mismatch(what),
            )));
        }
        Ok(())
    }

    pub(super) fn absorb_ballot(&mut self, item: &Item) -> Result<(), BoardError> {
        let json: EncryptedBallotJson = parse(&item.key, &item.bytes)?;
        let file = Path::new(&item.key);
        let code = hexfield::hash(file, "confirmation_code", &json.confirmation_code)?;
        let id =
            hexfield::decode_exact(file, "selection_identifier", &json.selection_identifier, 32)?;
        let id: [u8; 32] = id.as_slice().try_into().map_err(|_| {
            BoardError::Internal(format!(
                "{}: selection_identifier is not 32 bytes",
                item.key
            ))
        })?;
        let device = self.devices.get_mut(&json.voting_device).ok_or_else(|| {
            BoardError::Internal(format!("{}: the device is not registered", item.key))
        })?;
        device.chain.record(code);
        device.ballots.push(json.ballot_id.clone());
        self.selection_ids.insert(id);
        self.ballots.insert(
            json.ballot_id,
            BallotState {
                cast: json.state == "CAST",
            },
        );
        Ok(())
    }

    /// Closing: every device's `ballot_chain.json` (its ballots in board order, and for
    /// simple chaining the closing hash of equation 77), then the encrypted tally of the
    /// cast ballots (equations 79–80), aggregated from `cast`, their bytes in log order.
    pub(super) fn close_items(&self, cast: &[Vec<u8>]) -> Result<Vec<Item>, BoardError> {
        self.require(Phase::Voting, "closing the vote")?;
        let mut items = Vec::new();
        for (name, device) in &self.devices {
            let chain = BallotChainJson {
                voting_device: name.clone(),
                device_info: device.info.info.clone(),
                chaining: self.manifest.json.chaining.clone(),
                ballot_ids: device.ballots.clone(),
                closing_hash: device.chain.close().map(|h| h.to_hex()),
            };
            items.push(Item {
                kind: Kind::BallotChain,
                key: key::ballot_chain(name),
                bytes: crate::intake::canonical(&chain)?,
                code: None,
            });
        }
        let contests: Vec<_> = self
            .manifest
            .contests
            .iter()
            .map(|c| c.spec.clone())
            .collect();
        let mut tally = EncryptedTally::<P>::new(&contests)
            .map_err(|e| BoardError::Internal(format!("the manifest's contests: {e}")))?;
        let mut ids = BTreeSet::new();
        for bytes in cast {
            let json: EncryptedBallotJson = parse("a cast ballot", bytes)?;
            let file = Path::new("a cast ballot");
            let ballot = decode::ballot::<P>(file, &json).map_err(|e| {
                BoardError::Internal(format!("ballot {} on the board: {e:?}", json.ballot_id))
            })?;
            for contest in &ballot.contests {
                for selection in &contest.selections {
                    tally
                        .add(
                            contest.index,
                            selection.index,
                            &selection.ciphertext,
                            ballot.weight,
                        )
                        .map_err(|e| {
                            BoardError::Internal(format!("ballot {}: {e}", json.ballot_id))
                        })?;
                }
            }
            ids.insert(json.ballot_id);
        }
        let json =
            enc::encrypted_tally(&self.manifest, TALLY_ID, &tally, ids.into_iter().collect());
        items.push(Item {
            kind: Kind::EncryptedTally,
            key: key::encrypted_tally(),
            bytes: crate::intake::canonical(&json)?,
            code: None,
        });
        Ok(items)
    }

    pub(super) fn absorb_closed(&mut self, item: &Item) -> Result<(), BoardError> {
        let json: EncryptedTallyJson = parse(&item.key, &item.bytes)?;
        let options = json.contests.iter().map(|c| c.selections.len()).sum();
        let challenged = self
            .ballots
            .iter()
            .filter(|(_, b)| !b.cast)
            .map(|(id, _)| id.clone())
            .collect();
        self.closed = Some(Closed {
            options,
            challenged,
        });
        Ok(())
    }
}
