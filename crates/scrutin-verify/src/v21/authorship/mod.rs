//! Verification 15, "Authorship (scrutin extension)": who posted each item of the record.
//! ElectionGuard 2.1 does not say who may post what; scrutin's authorship design
//! (docs/record-format.md, "Authorship") has every party sign the items it posts, and this
//! box checks those signatures against the keys the election fixed: the roster for the
//! administrator and the guardians, the administrator's enrolments for devices.
//!
//! The checks are `S15.roster`, `S15.signature-file`, `S15.enrolment` and
//! `S15.item-signature` (`scrutin_core::step::own`). A record without
//! `authorship/roster.json` and without any other authorship item (egk records, records
//! made offline, older scrutin records) skips the box: there is no key to check against.

mod enrolments;
mod roster;
mod signatures;

use crate::report::StepRecorder;
use scrutin_core::step::own::AUTHORSHIP_ROSTER;
use scrutin_core::{Location, Reason, Step, VerifyError};
use scrutin_record::authorship::{paths, record_items, Place};
use scrutin_record::v21::source::RecordSource;
use scrutin_record::RecordError;

/// Why the box is skipped for a record that carries no authorship.
pub const NO_AUTHORSHIP: &str = "the record carries no authorship (no authorship/roster.json): \
                                 who posted each item is not checked";

/// Why the box fails for a record that carries no authorship where it is required.
pub const AUTHORSHIP_REQUIRED: &str = "the record carries no authorship (no \
                                       authorship/roster.json), and authorship is required: a \
                                       record from a board carries it, so this one was stripped";

/// Runs the box on `record`, whose constants are the parameter set named `group`; a record
/// without authorship skips the box, or fails it when `required`. `Err`, as for any record
/// file, when a file the box reads cannot be read or parsed; a file that parses but does not
/// decode or check is a failure of the box.
pub fn verify_authorship(
    record: &dyn RecordSource,
    group: &str,
    required: bool,
    step: &mut StepRecorder,
) -> Result<(), RecordError> {
    let items = record_items(record)?;
    let roster_key = paths::roster();
    if !items.iter().any(|item| item.key == roster_key) {
        let stray = items
            .iter()
            .find(|item| item.key.starts_with(paths::FOLDER));
        match stray {
            // Authorship without its roster is a record whose roster was removed.
            Some(item) => step.record(Err(failure(
                AUTHORSHIP_ROSTER,
                &item.key,
                format!("the record carries {} but no {roster_key}", item.key),
            ))),
            None if required => step.record(Err(failure(
                AUTHORSHIP_ROSTER,
                &roster_key,
                AUTHORSHIP_REQUIRED,
            ))),
            None => step.skip(NO_AUTHORSHIP),
        }
        return Ok(());
    }
    let signatures = signatures::read_all(record, &items, step)?;
    let config = record.config()?;
    let Some(roster) = roster::check(record, &items, &signatures, group, &config, step)? else {
        return Ok(());
    };
    let place = Place {
        origin: &roster.origin,
        election: &roster.election_id,
    };
    let devices = enrolments::check(record, &items, &signatures, &roster, place, step)?;
    signatures::check_items(
        record,
        &items,
        &signatures,
        (&roster, &devices),
        place,
        step,
    )
}

/// A failure of `step` at the record file `file`.
fn failure(step: Step, file: &str, text: impl Into<String>) -> VerifyError {
    VerifyError::new(
        step,
        Location::File(file.to_string()),
        Reason::Authorship(text.into()),
    )
}
