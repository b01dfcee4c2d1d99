//! `scrutin board restart-decryption`: the administrator restarts a stalled decryption
//! (docs/board-api.md, "Stages"). A guardian of U that stalls or misbehaves keeps the three
//! rounds of §3.6.5 from completing; any k guardians can decrypt, so the administrator signs
//! `decryption/restart-<n>.json` naming another U, and the board begins attempt n, the one
//! after its current attempt.

use super::client;
use super::signer::Signer;
use crate::cli::BoardRestartArgs;
use crate::commands::failure::Failure;
use crate::commands::identity;
use scrutin_client::posted::Route;
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
    let identity = identity::open(&args.sign.identity, &args.sign.passphrase)?;
    let client = client::connect(&args.at)?;
    let state: ElectionState = client.get(&client.url(""))?.json()?;
    let attempt = state.summary.decryption_attempt.saturating_add(1);
    let restart = DecryptionRestartJson {
        election_id: args.at.election.clone(),
        attempt,
        available_guardians: args.guardians.clone(),
        reason: args.reason.clone(),
    };
    let body = serde_json::to_vec(&restart).map_err(|e| Failure::failed(e.to_string()))?;
    let signer = Signer::with_origin(identity, state.origin, client.election());
    let receipt = signer.post(&client, Route::DecryptionRestart, &body)?;
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
