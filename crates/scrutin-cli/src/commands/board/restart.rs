//! `scrutin board restart-decryption`: the administrator restarts a stalled decryption
//! (docs/board-api.md, "Stages"). A guardian of U that stalls or misbehaves keeps the three
//! rounds of §3.6.5 from completing; any k guardians can decrypt, so the administrator signs
//! `decryption/restart-<n>.json` naming another U, and the board begins attempt n, the one
//! after its current attempt.

use super::client::{self, Client};
use crate::cli::BoardRestartArgs;
use crate::commands::failure::Failure;
use crate::commands::files;
use crate::commands::passphrase::{Ask, Passphrase};
use scrutin_client::items::key;
use scrutin_client::signing::{header_value, SignedItem};
use scrutin_record::authorship::{identity_file, Identity, Kind, Place};
use scrutin_record::v21::working::DecryptionRestartJson;

/// What the restart reads of the board's description of the election.
#[derive(serde::Deserialize)]
struct ElectionState {
    origin: String,
    summary: Summary,
}

#[derive(serde::Deserialize)]
struct Summary {
    decryption_attempt: u32,
}

/// Signs and posts the restart of the election's decryption as its next attempt.
pub fn restart_decryption(args: &BoardRestartArgs) -> Result<(), Failure> {
    let identity = open_identity(args)?;
    let client = client::connect(&args.at)?;
    let state: ElectionState = client.get(&client.url(""))?.json()?;
    let attempt = state.summary.decryption_attempt.saturating_add(1);
    let restart = DecryptionRestartJson {
        election_id: args.at.election.clone(),
        attempt,
        available_guardians: args.guardians.clone(),
        reason: args.reason.clone(),
    };
    let bytes = scrutin_record::json_file::to_bytes(&restart)
        .map_err(|e| Failure::failed(format!("cannot serialize the restart: {e}")))?;
    let item_key = key::decryption_restart(attempt);
    let place = Place {
        origin: &state.origin,
        election: client.election(),
    };
    let item = SignedItem {
        kind: Kind::DecryptionRestart,
        key: &item_key,
        bytes: &bytes,
    };
    let header = header_value(&identity, place, &[item]);
    let receipt = post(&client, &bytes, &header)?;
    println!(
        "decryption restarted as attempt {attempt} with guardians {:?}:\n{receipt}",
        args.guardians
    );
    println!(
        "next: each guardian of {:?} pulls and runs `scrutin decrypt commit` again with \
         --guardians {} and a new --state file; its messages go to decryption/attempt-{attempt}/",
        args.guardians,
        args.guardians
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",")
    );
    Ok(())
}

/// Opens the administrator's sealed identity with its passphrase.
fn open_identity(args: &BoardRestartArgs) -> Result<Identity, Failure> {
    let sealed = files::read_private(&args.identity)?;
    let passphrase = Passphrase::obtain(&args.passphrase, &args.identity, Ask::Once)?;
    identity_file::open(passphrase.as_bytes(), &sealed)
        .map_err(|e| Failure::bad_input(format!("{}: {e}", args.identity.display())))
}

/// Posts the signed restart and describes the receipt.
fn post(client: &Client, body: &[u8], header: &str) -> Result<String, Failure> {
    let answer = client.post_signed(&client.url("/decryption/restart"), body, header)?;
    client::describe(&answer)
}
