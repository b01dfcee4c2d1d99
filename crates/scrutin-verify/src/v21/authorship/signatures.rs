//! The signature files of the record (`S15.signature-file`) and the signature of every item
//! whose author the rules name (`S15.item-signature`, and `S15.enrolment` for items of
//! devices no one enrolled).

use super::failure;
use crate::report::StepRecorder;
use rayon::prelude::*;
use scrutin_core::step::own::{
    AUTHORSHIP_ENROLMENT, AUTHORSHIP_ITEM_SIGNATURE, AUTHORSHIP_SIGNATURE_FILE,
};
use scrutin_core::VerifyError;
use scrutin_record::authorship::items::file_kind;
use scrutin_record::authorship::wire::SignatureJson;
use scrutin_record::authorship::{
    paths, rule, Author, Kind, Place, PublicKey, RecordItem, Roster, Rule, SignatureFile,
};
use scrutin_record::json_file;
use scrutin_record::v21::source::RecordSource;
use scrutin_record::RecordError;
use std::collections::BTreeMap;

/// The record's signature files by the key of the item each signs: `None` for one that is
/// present but unreadable (its failure is recorded already).
pub type Signatures = BTreeMap<String, Option<SignatureFile>>;

/// Reads and decodes every signature file of the record, recording under
/// `S15.signature-file` each that does not decode or that signs no item of the record that
/// has an author. `Err` for a file that cannot be read or parsed, as for any record file.
pub fn read_all(
    record: &dyn RecordSource,
    items: &[RecordItem],
    step: &mut StepRecorder,
) -> Result<Signatures, RecordError> {
    let kinds: BTreeMap<&str, Kind> = items
        .iter()
        .map(|item| (item.key.as_str(), item.kind))
        .collect();
    let mut signatures = Signatures::new();
    for item in items.iter().filter(|item| item.kind == Kind::Signature) {
        let Some(signed) = paths::signed_key(&item.key) else {
            continue;
        };
        let belongs = match kinds.get(signed) {
            None => Err(format!("it signs {signed}, which is not in the record")),
            Some(kind) => match rule(*kind, signed) {
                Some(Rule::SignedBy(_)) => Ok(()),
                _ => Err(format!(
                    "it signs {signed}, which the board derives or which is a signature: no \
                     one signs it"
                )),
            },
        };
        let decoded = decode(record, &item.key)?;
        let decoded = belongs.and(decoded);
        step.record(
            decoded
                .as_ref()
                .map(|_| ())
                .map_err(|text| failure(AUTHORSHIP_SIGNATURE_FILE, &item.key, text.clone())),
        );
        signatures.insert(signed.to_string(), decoded.ok());
    }
    Ok(signatures)
}

/// Reads the signature file `key` and decodes it.
fn decode(
    record: &dyn RecordSource,
    key: &str,
) -> Result<Result<SignatureFile, String>, RecordError> {
    let bytes = record.read(key, file_kind(Kind::Signature))?;
    let json: SignatureJson = json_file::parse(&record.path(key), &bytes)?;
    Ok(SignatureFile::decode(&json).map_err(|e| e.to_string()))
}

/// Checks that `signatures` holds the signature of the item of `kind` at `key`, by `author`
/// with the enrolled key `enrolled`, over the item's bytes as the record holds them. The
/// outer `Err` is an item that cannot be read.
pub fn check_signed(
    record: &dyn RecordSource,
    signatures: &Signatures,
    (kind, key): (Kind, &str),
    (author, enrolled): (&Author, &PublicKey),
    place: Place<'_>,
) -> Result<Result<(), String>, RecordError> {
    let file = match signatures.get(key) {
        None => {
            return Ok(Err(format!(
                "{key} has no signature: {author} must sign it ({} is missing)",
                paths::signature_of(key)
            )))
        }
        Some(None) => {
            return Ok(Err(format!(
                "the signature file of {key} does not decode (see S15.signature-file)"
            )))
        }
        Some(Some(file)) => file,
    };
    let bytes = record.read(key, file_kind(kind))?;
    Ok(file
        .check(place, (kind, key, &bytes), author, enrolled)
        .map_err(|e| e.to_string()))
}

/// The kinds whose signatures other checks of the box cover: the roster (`S15.roster`) and
/// the enrolments (`S15.enrolment`).
fn checked_elsewhere(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Roster | Kind::DeviceEnrolment | Kind::WitnessEnrolment
    )
}

/// Checks the signature of every other item whose rule names an author, in parallel, and
/// records the results in the items' order.
pub fn check_items(
    record: &dyn RecordSource,
    items: &[RecordItem],
    signatures: &Signatures,
    keys: (&Roster, &BTreeMap<String, PublicKey>),
    place: Place<'_>,
    step: &mut StepRecorder,
) -> Result<(), RecordError> {
    let results: Vec<Result<Result<(), VerifyError>, RecordError>> = items
        .par_iter()
        .filter(|item| !checked_elsewhere(item.kind))
        .filter_map(|item| match rule(item.kind, &item.key) {
            Some(Rule::SignedBy(author)) => Some((item, author)),
            _ => None,
        })
        .map(|(item, author)| check_item(record, signatures, keys, place, item, &author))
        .collect();
    for result in results {
        step.record(result?);
    }
    Ok(())
}

/// Checks the signature of one item by `author`.
fn check_item(
    record: &dyn RecordSource,
    signatures: &Signatures,
    (roster, devices): (&Roster, &BTreeMap<String, PublicKey>),
    place: Place<'_>,
    item: &RecordItem,
    author: &Author,
) -> Result<Result<(), VerifyError>, RecordError> {
    let enrolled = match author {
        Author::Device(name) => devices.get(name).copied().ok_or_else(|| {
            failure(
                AUTHORSHIP_ENROLMENT,
                &item.key,
                format!(
                    "{} comes from device {name}, which is not enrolled (no \
                     administrator-signed {})",
                    item.key,
                    paths::device_enrolment(name)
                ),
            )
        }),
        other => roster.key_of(other).ok_or_else(|| {
            failure(
                AUTHORSHIP_ITEM_SIGNATURE,
                &item.key,
                format!(
                    "{} is by {other}, who is not on the roster of {} guardians",
                    item.key, roster.guardians
                ),
            )
        }),
    };
    let enrolled = match enrolled {
        Ok(key) => key,
        Err(failure) => return Ok(Err(failure)),
    };
    let checked = check_signed(
        record,
        signatures,
        (item.kind, &item.key),
        (author, &enrolled),
        place,
    )?;
    Ok(checked.map_err(|text| failure(AUTHORSHIP_ITEM_SIGNATURE, &item.key, text)))
}
