//! `S15.roster`: the roster decodes, is signed by the administrator it names, places the
//! election on a board consistently, and agrees with the record's group, n and k.

use super::failure;
use super::signatures::{check_signed, Signatures};
use crate::report::StepRecorder;
use scrutin_core::step::own::AUTHORSHIP_ROSTER;
use scrutin_core::{Location, Reason, VerifyError};
use scrutin_record::authorship::wire::{CloseJson, RosterJson};
use scrutin_record::authorship::{paths, Author, Kind, Place, RecordItem, Roster};
use scrutin_record::json_file;
use scrutin_record::v21::source::RecordSource;
use scrutin_record::v21::wire::ElectionConfigJson;
use scrutin_record::{FileKind, RecordError};
use serde::de::DeserializeOwned;

/// Checks the roster; returns it when it decodes, so that the items can be checked against
/// its keys even if one of its other checks failed (each failure is recorded). `Err` for a
/// roster or close that cannot be read or parsed.
pub fn check(
    record: &dyn RecordSource,
    items: &[RecordItem],
    signatures: &Signatures,
    group: &str,
    config: &ElectionConfigJson,
    step: &mut StepRecorder,
) -> Result<Option<Roster>, RecordError> {
    let key = paths::roster();
    let json: RosterJson = read(record, &key)?;
    let roster = match Roster::decode(&json) {
        Ok(roster) => roster,
        Err(e) => {
            step.record(Err(malformed(&key, format!("the roster is refused: {e}"))));
            return Ok(None);
        }
    };
    let place = Place {
        origin: &roster.origin,
        election: &roster.election_id,
    };
    let signed = check_signed(
        record,
        signatures,
        (Kind::Roster, &key),
        (&Author::Administrator, &roster.administrator.1),
        place,
    )?;
    step.record(signed.map_err(|text| failure(AUTHORSHIP_ROSTER, &key, text)));
    step.record(check_origin(&roster).map_err(|text| failure(AUTHORSHIP_ROSTER, &key, text)));
    step.record(
        check_counts(&roster, group, config).map_err(|text| failure(AUTHORSHIP_ROSTER, &key, text)),
    );
    if items.iter().any(|item| item.kind == Kind::Close) {
        let close = paths::close();
        let json: CloseJson = read(record, &close)?;
        step.record(check_close(&json, &close, &roster).map_err(|text| malformed(&close, text)));
    }
    Ok(Some(roster))
}

fn malformed(file: &str, text: String) -> VerifyError {
    VerifyError::new(
        AUTHORSHIP_ROSTER,
        Location::File(file.to_string()),
        Reason::Malformed(text),
    )
}

/// Reads and parses the authorship file `key`.
pub fn read<T: DeserializeOwned>(record: &dyn RecordSource, key: &str) -> Result<T, RecordError> {
    let bytes = record.read(key, FileKind::Record)?;
    json_file::parse(&record.path(key), &bytes)
}

/// The origin is `<host>/scrutin/<election id>`, as a board names an election's log.
fn check_origin(roster: &Roster) -> Result<(), String> {
    let id = &roster.election_id;
    let host = roster
        .origin
        .strip_suffix(&format!("/scrutin/{id}"))
        .filter(|host| {
            !id.is_empty()
                && !id.contains('/')
                && !host.is_empty()
                && !host.contains('/')
                && !host.chars().any(|c| c.is_whitespace() || c.is_control())
        });
    match host {
        Some(_) => Ok(()),
        None => Err(format!(
            "the roster's origin {:?} is not <host>/scrutin/{id}, the log of election {id:?}",
            roster.origin
        )),
    }
}

/// The roster's group, n and k are those of `constants.json` and `election_config.json`
/// (2.1 §3.1.1–3.1.2).
fn check_counts(roster: &Roster, group: &str, config: &ElectionConfigJson) -> Result<(), String> {
    let mut differ = Vec::new();
    if roster.group != group {
        differ.push(format!("group {} (constants.json: {group})", roster.group));
    }
    if roster.guardians != config.number_of_guardians {
        differ.push(format!(
            "n = {} (election_config.json: {})",
            roster.guardians, config.number_of_guardians
        ));
    }
    if roster.quorum != config.quorum {
        differ.push(format!(
            "k = {} (election_config.json: {})",
            roster.quorum, config.quorum
        ));
    }
    if differ.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the roster does not describe this record: {}",
            differ.join(", ")
        ))
    }
}

/// `authorship/close.json` closes this election (its signature is checked with the items).
fn check_close(close: &CloseJson, key: &str, roster: &Roster) -> Result<(), String> {
    if close.election_id == roster.election_id {
        Ok(())
    } else {
        Err(format!(
            "{key} closes election {:?}, and the roster's is {:?}",
            close.election_id, roster.election_id
        ))
    }
}
