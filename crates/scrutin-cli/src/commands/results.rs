//! The results of an election — `tally.json` and the opened challenged ballots that `decrypt
//! combine` writes — as the administrator posts them to a board (`POST /results`,
//! docs/board-api.md) and signs them. In a record with a roster (`authorship/roster.json`)
//! every result file must carry the administrator's signature (box 15 of the verifier,
//! docs/record-format.md, "Authorship"), so `decrypt combine` signs them as it writes them:
//! the signature files are those the board files when the results are posted, byte for byte
//! (Ed25519 signatures are deterministic and the bytes signed are canonical).

use super::failure::Failure;
use super::identity;
use crate::cli::PassphraseArgs;
use scrutin_client::posted::{self, Route};
use scrutin_record::authorship::wire::RosterJson;
use scrutin_record::authorship::{paths, Author, Place, Roster, SignatureFile};
use scrutin_record::v21::layout::{self, RecordDir};
use scrutin_record::v21::source::RecordSource;
use scrutin_record::{json_file, FileKind};
use serde_json::json;
use std::path::Path;

/// The body of `POST /results`: the record's tally and opened challenged ballots.
pub fn body(record: &RecordDir) -> Result<Vec<u8>, Failure> {
    let tally: serde_json::Value = json_file::read(&record.path(layout::TALLY), FileKind::Record)?;
    let mut challenged = Vec::new();
    for file in record.challenged_files()? {
        challenged.push(json_file::read::<serde_json::Value>(
            &file.path,
            FileKind::Ballot,
        )?);
    }
    serde_json::to_vec(&json!({"tally": tally, "challenged": challenged}))
        .map_err(|e| Failure::failed(e.to_string()))
}

/// Signs the results of `record` with the administrator's sealed identity `identity`, into
/// `authorship/signatures/`, if the record has a roster; says what it signed. A record
/// without a roster has no one to sign for (`None`); one with a roster needs the identity of
/// the administrator it names.
pub fn sign(
    record: &RecordDir,
    identity: Option<&Path>,
    passphrase: &PassphraseArgs,
) -> Result<Option<String>, Failure> {
    let roster_file = record.root().join(paths::roster());
    let file = match (roster_file.exists(), identity) {
        (false, None) => return Ok(None),
        (false, Some(_)) => {
            return Err(Failure::bad_input(format!(
                "--identity signs the results of a record with a roster, and {} has none",
                record.root().display()
            )))
        }
        (true, None) => {
            return Err(Failure::bad_input(format!(
                "{} has a roster ({}): its results must be signed by its administrator; give \
                 the administrator's --identity FILE",
                record.root().display(),
                paths::roster()
            )))
        }
        (true, Some(file)) => file,
    };
    let roster: RosterJson = json_file::read(&roster_file, FileKind::Record)?;
    let roster = Roster::decode(&roster)
        .map_err(|e| Failure::bad_input(format!("{}: {e}", roster_file.display())))?;
    let administrator = identity::open(file, passphrase)?;
    let (name, key) = &roster.administrator;
    if administrator.public_key() != *key {
        return Err(Failure::bad_input(format!(
            "{} (fingerprint {}) is not the roster's administrator {name} (fingerprint {})",
            file.display(),
            administrator.public_key().fingerprint(),
            key.fingerprint()
        )));
    }
    let place = Place {
        origin: &roster.origin,
        election: &roster.election_id,
    };
    let items = posted::items(Route::Results, &body(record)?)?;
    for item in &items {
        let signature = SignatureFile::sign(
            &administrator,
            &Author::Administrator,
            place,
            item.kind,
            &item.key,
            &item.bytes,
        );
        let path = record.root().join(paths::signature_of(&item.key));
        json_file::write(&path, &signature.to_json()).map_err(Failure::write)?;
    }
    Ok(Some(format!(
        "the administrator {name} (fingerprint {}) signed {} result file(s)",
        key.fingerprint(),
        items.len()
    )))
}
