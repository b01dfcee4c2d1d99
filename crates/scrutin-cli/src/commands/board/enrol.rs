//! `scrutin board enrol-device | enrol-witness`: the administrator enrols a voting device's
//! key, so that the board accepts the device's registration and ballots, or a witness, so
//! that the board accepts and counts its cosignatures. Each enrolment is an item of the log,
//! signed by the administrator (docs/board-api.md, "Authorship").

use super::client;
use super::signer::Signer;
use crate::cli::{BoardAt, BoardEnrolDeviceArgs, BoardEnrolWitnessArgs, SignAs};
use crate::commands::failure::Failure;
use crate::commands::identity;
use scrutin_client::posted::Route;
use scrutin_log::Verifier;
use scrutin_record::authorship::wire::{DeviceEnrolmentJson, WitnessEnrolmentJson};
use scrutin_record::v21::layout::check_file_id;

/// Runs `scrutin board enrol-device`.
pub fn device(args: &BoardEnrolDeviceArgs) -> Result<(), Failure> {
    check_file_id(&args.device)
        .map_err(|e| Failure::bad_input(format!("--device {:?}: {e}", args.device)))?;
    let party = identity::read_public(&args.key)?;
    let body = DeviceEnrolmentJson {
        voting_device: args.device.clone(),
        public_key: party.key.to_hex(),
    };
    let receipt = post_as_administrator(&args.at, &args.sign, Route::DeviceEnrolments, &body)?;
    println!(
        "device {} enrolled with the key of {} (fingerprint {}):\n{receipt}",
        args.device,
        party.name,
        party.key.fingerprint(),
    );
    Ok(())
}

/// Runs `scrutin board enrol-witness`.
pub fn witness(args: &BoardEnrolWitnessArgs) -> Result<(), Failure> {
    let verifier = Verifier::parse(&args.vkey)
        .map_err(|e| Failure::bad_input(format!("--vkey {:?}: {e}", args.vkey)))?;
    if verifier.name() != args.name {
        return Err(Failure::bad_input(format!(
            "--vkey is the key of {:?}, not of --name {:?}",
            verifier.name(),
            args.name
        )));
    }
    let body = WitnessEnrolmentJson {
        name: args.name.clone(),
        vkey: args.vkey.clone(),
    };
    let receipt = post_as_administrator(&args.at, &args.sign, Route::WitnessEnrolments, &body)?;
    println!("witness {} enrolled:\n{receipt}", args.name);
    Ok(())
}

/// Posts the enrolment `body` to `route`, signed by the administrator `sign`; describes the
/// receipt.
fn post_as_administrator(
    at: &BoardAt,
    sign: &SignAs,
    route: Route,
    body: &impl serde::Serialize,
) -> Result<String, Failure> {
    let body = serde_json::to_vec(body).map_err(|e| Failure::failed(e.to_string()))?;
    let client = client::connect(at)?;
    Signer::open(&client, sign)?.post(&client, route, &body)
}
