//! `S15.enrolment`: the devices and witnesses the administrator enrolled. A device's
//! enrolment gives the key its registration and ballots are checked against.

use super::failure;
use super::roster::read;
use super::signatures::{check_signed, Signatures};
use crate::report::StepRecorder;
use scrutin_core::step::own::AUTHORSHIP_ENROLMENT;
use scrutin_record::authorship::wire::{DeviceEnrolmentJson, WitnessEnrolmentJson};
use scrutin_record::authorship::{Author, Kind, Place, PublicKey, RecordItem, Roster};
use scrutin_record::v21::source::RecordSource;
use scrutin_record::RecordError;
use std::collections::BTreeMap;

/// Checks every enrolment; returns the key of each device whose enrolment checks. `Err` for
/// an enrolment that cannot be read or parsed.
pub fn check(
    record: &dyn RecordSource,
    items: &[RecordItem],
    signatures: &Signatures,
    roster: &Roster,
    place: Place<'_>,
    step: &mut StepRecorder,
) -> Result<BTreeMap<String, PublicKey>, RecordError> {
    let admin_signed = |item: &RecordItem| {
        check_signed(
            record,
            signatures,
            (item.kind, &item.key),
            (&Author::Administrator, &roster.administrator.1),
            place,
        )
    };
    let mut devices = BTreeMap::new();
    for item in items {
        let result = match item.kind {
            // A device is enrolled only by an enrolment that checks entirely.
            Kind::DeviceEnrolment => match device(&read(record, &item.key)?, &item.key) {
                Ok((name, key)) => admin_signed(item)?.map(|()| {
                    devices.insert(name, key);
                }),
                Err(text) => Err(text),
            },
            Kind::WitnessEnrolment => match witness(&read(record, &item.key)?, &item.key) {
                Ok(()) => admin_signed(item)?,
                Err(text) => Err(text),
            },
            _ => continue,
        };
        step.record(result.map_err(|text| failure(AUTHORSHIP_ENROLMENT, &item.key, text)));
    }
    Ok(devices)
}

/// The name in an enrolment's file name (`<name>.json`).
fn file_stem(key: &str) -> &str {
    let file = key.rsplit('/').next().unwrap_or(key);
    file.strip_suffix(".json").unwrap_or(file)
}

/// A device enrolment names the device of its file and carries a key.
fn device(json: &DeviceEnrolmentJson, key: &str) -> Result<(String, PublicKey), String> {
    if json.voting_device != file_stem(key) {
        return Err(format!(
            "{key} enrols device {:?}, not the device its file names",
            json.voting_device
        ));
    }
    let public_key = PublicKey::from_hex(&json.public_key)
        .ok_or_else(|| format!("{key}: the public key is not 64 hex digits"))?;
    Ok((json.voting_device.clone(), public_key))
}

/// A witness enrolment names the witness of its file, and its verifier key is that
/// witness's (`<name>+<id>+<key>`, C2SP signed-note verifier keys).
fn witness(json: &WitnessEnrolmentJson, key: &str) -> Result<(), String> {
    if json.name != file_stem(key) {
        return Err(format!(
            "{key} enrols witness {:?}, not the witness its file names",
            json.name
        ));
    }
    if json.vkey.split('+').next() != Some(json.name.as_str()) {
        return Err(format!(
            "{key}: the verifier key {:?} is not witness {:?}'s",
            json.vkey, json.name
        ));
    }
    Ok(())
}
