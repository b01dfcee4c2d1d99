//! Posted bodies to items: each body is parsed as its record type (unknown fields refused),
//! its key is derived from its content, and its bytes are made canonical — re-serialized the
//! way scrutin writes record files (pretty JSON, fixed field order, final newline) — so that
//! a retry of the same item is recognised whatever its formatting. The manifest is the one
//! exception: its exact bytes are hashed into H_B, so they are kept as posted.

use crate::election::wire::DeviceJson;
use crate::election::Item;
use crate::error::BoardError;
use crate::items::{key, Kind};
use scrutin_client::posted::{self, Route};
use scrutin_log::{SignatureType, Verifier};
use scrutin_record::authorship::wire::{CloseJson, DeviceEnrolmentJson, WitnessEnrolmentJson};
use scrutin_record::authorship::{paths, PublicKey};
use scrutin_record::hexfield;
use scrutin_record::v21::layout::check_file_id;
use scrutin_record::v21::wire::EncryptedBallotJson;
use scrutin_record::v21::working::{DecryptionRestartJson, MAX_RESTART_REASON};
use scrutin_record::v21::working_layout::Round;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::Path;

/// The bytes scrutin writes for a record value.
pub fn canonical<T: Serialize>(value: &T) -> Result<Vec<u8>, BoardError> {
    scrutin_record::json_file::to_bytes(value)
        .map_err(|e| BoardError::Internal(format!("cannot serialize: {e}")))
}

fn parse<T: DeserializeOwned>(what: &str, body: &[u8]) -> Result<T, BoardError> {
    Ok(scrutin_record::json_file::parse(Path::new(what), body)?)
}

fn item<T: Serialize>(kind: Kind, key: String, value: &T) -> Result<Item, BoardError> {
    Ok(Item {
        kind,
        key,
        bytes: canonical(value)?,
        code: None,
    })
}

fn file_id(field: &str, id: &str) -> Result<(), BoardError> {
    check_file_id(id).map_err(|p| BoardError::BadInput(format!("{field} {id:?}: {p}")))
}

/// The one item a post of `body` to `route` adds, as its party signed it
/// (`scrutin_client::posted`: the same parsing, key and canonical bytes on both sides).
fn posted_item(route: Route, body: &[u8]) -> Result<Item, BoardError> {
    let mut items = posted::items(route, body)?;
    match (items.pop(), items.is_empty()) {
        (Some(posted), true) => Ok(Item {
            kind: posted.kind,
            key: posted.key,
            bytes: posted.bytes,
            code: None,
        }),
        _ => Err(BoardError::Internal(format!(
            "the route {} does not add one item",
            route.path()
        ))),
    }
}

/// A guardian's public key (`GuardianJson`).
pub fn guardian(body: &[u8]) -> Result<Item, BoardError> {
    posted_item(Route::Guardians, body)
}

/// An encrypted share (`EncryptedShareJson`).
pub fn share(body: &[u8]) -> Result<Item, BoardError> {
    posted_item(Route::Shares, body)
}

/// A guardian's acceptance of H_G.
pub fn acceptance(body: &[u8]) -> Result<Item, BoardError> {
    posted_item(Route::Acceptances, body)
}

/// A voting device's registration.
pub fn device(body: &[u8]) -> Result<Item, BoardError> {
    let json: DeviceJson = parse("device", body)?;
    file_id("voting_device", &json.voting_device)?;
    item(Kind::Device, key::device(&json.voting_device), &json)
}

/// An encrypted ballot; also returns its parsed form for the proof check.
pub fn ballot(body: &[u8]) -> Result<(Item, EncryptedBallotJson), BoardError> {
    let json: EncryptedBallotJson = parse("encrypted ballot", body)?;
    file_id("voting_device", &json.voting_device)?;
    file_id("ballot_id", &json.ballot_id)?;
    let key = key::ballot(&json.voting_device, &json.ballot_id);
    let code = hexfield::hash(
        Path::new(&key),
        "confirmation_code",
        &json.confirmation_code,
    )?;
    let mut posted = item(Kind::Ballot, key, &json)?;
    posted.code = Some(code.to_hex());
    Ok((posted, json))
}

/// A decryption message of `round` in the decryption's attempt `attempt` (1, or the n of a
/// restart), filed in that attempt's folder.
pub fn decryption(round: Round, attempt: u32, body: &[u8]) -> Result<Item, BoardError> {
    if attempt == 0 {
        return Err(BoardError::BadInput(
            "the decryption's attempts are numbered from 1".into(),
        ));
    }
    posted_item(Route::Decryption(round, attempt), body)
}

/// The administrator's restart of the decryption of election `id` as attempt n ≥ 2, with a
/// reason of at most [`MAX_RESTART_REASON`] bytes (the rules check the attempt and its U
/// against the board).
pub fn decryption_restart(id: &str, body: &[u8]) -> Result<Item, BoardError> {
    let json: DecryptionRestartJson = parse("decryption restart", body)?;
    if json.election_id != id {
        return Err(BoardError::BadInput(format!(
            "the restart is of election {:?}, not {id:?}",
            json.election_id
        )));
    }
    if json.attempt < 2 {
        return Err(BoardError::BadInput(format!(
            "a restart begins attempt 2 or later, not {}",
            json.attempt
        )));
    }
    if json.reason.len() > MAX_RESTART_REASON {
        return Err(BoardError::BadInput(format!(
            "the restart's reason has {} bytes; at most {MAX_RESTART_REASON}",
            json.reason.len()
        )));
    }
    item(
        Kind::DecryptionRestart,
        key::decryption_restart(json.attempt),
        &json,
    )
}

/// A voting device's enrolment by the administrator: a usable device name and its
/// Ed25519 public key (64 hex digits).
pub fn device_enrolment(body: &[u8]) -> Result<Item, BoardError> {
    let json: DeviceEnrolmentJson = parse("device enrolment", body)?;
    file_id("voting_device", &json.voting_device)?;
    if PublicKey::from_hex(&json.public_key).is_none() {
        return Err(BoardError::BadInput(
            "the device enrolment's public_key is not 64 hex digits".into(),
        ));
    }
    item(
        Kind::DeviceEnrolment,
        paths::device_enrolment(&json.voting_device),
        &json,
    )
}

/// A witness's enrolment by the administrator: a cosignature/v1 verifier key (C2SP vkey,
/// signature type 0x04) whose key name is the witness's name.
pub fn witness_enrolment(body: &[u8]) -> Result<Item, BoardError> {
    let json: WitnessEnrolmentJson = parse("witness enrolment", body)?;
    file_id("name", &json.name)?;
    let verifier = Verifier::parse(&json.vkey)
        .map_err(|e| BoardError::BadInput(format!("the witness's vkey: {e}")))?;
    if verifier.kind() != SignatureType::CosignatureV1 || verifier.name() != json.name {
        return Err(BoardError::BadInput(format!(
            "the vkey of witness {:?} must be a cosignature/v1 key (type 0x04) named {:?}",
            json.name, json.name
        )));
    }
    item(
        Kind::WitnessEnrolment,
        paths::witness_enrolment(&json.name),
        &json,
    )
}

/// The administrator's order to close the vote of election `id`.
pub fn close(id: &str, body: &[u8]) -> Result<Item, BoardError> {
    let json: CloseJson = parse("close", body)?;
    if json.election_id != id {
        return Err(BoardError::BadInput(format!(
            "the order closes election {:?}, not {id:?}",
            json.election_id
        )));
    }
    item(Kind::Close, paths::close(), &json)
}

/// The results: `tally.json` and every opened challenged ballot, posted together.
pub use scrutin_client::posted::ResultsJson;

/// The results' items: the tally, then the opened ballots.
pub fn results(body: &[u8]) -> Result<Vec<Item>, BoardError> {
    let json: ResultsJson = parse("results", body)?;
    let mut items = vec![item(Kind::Tally, key::tally(), &json.tally)?];
    for opened in &json.challenged {
        file_id("ballot_id", &opened.ballot_id)?;
        items.push(item(
            Kind::ChallengedBallot,
            key::challenged(&opened.ballot_id),
            opened,
        )?);
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_does_not_change_an_item() {
        let compact = br#"{"guardian":2,"guardian_record_hash":"AB"}"#;
        let spaced = b"{ \"guardian\" : 2,\n  \"guardian_record_hash\": \"AB\" }";
        assert_eq!(acceptance(compact).unwrap(), acceptance(spaced).unwrap());
        assert_eq!(
            acceptance(compact).unwrap().key,
            "ceremony/acceptance-2.json"
        );
    }

    #[test]
    fn unknown_fields_and_bad_ids_are_bad_input() {
        let extra = br#"{"guardian":2,"guardian_record_hash":"AB","x":1}"#;
        assert!(matches!(acceptance(extra), Err(BoardError::BadInput(_))));
        let escape = br#"{"voting_device":"../etc","device_info":"x"}"#;
        assert!(matches!(device(escape), Err(BoardError::BadInput(_))));
        assert!(matches!(device(b"{"), Err(BoardError::BadInput(_))));
    }
}
