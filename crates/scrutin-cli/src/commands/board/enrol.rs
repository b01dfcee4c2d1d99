//! `scrutin board enrol-device | enrol-witness`: the administrator enrols a voting device's
//! key, so that the board accepts the device's registration and ballots, or a witness, so
//! that the board accepts and counts its cosignatures. Each enrolment is an item of the log,
//! signed by the administrator (docs/board-api.md, "Enrolments").

use super::client;
use super::signer::Signer;
use crate::cli::{BoardEnrolDeviceArgs, BoardEnrolWitnessArgs};
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
    let body = serde_json::to_vec(&body).map_err(|e| Failure::failed(e.to_string()))?;
    let client = client::connect(&args.at)?;
    let signer = Signer::open(&client, &args.sign)?;
    println!(
        "device {} enrolled with the key of {} (fingerprint {}):\n{}",
        args.device,
        party.name,
        party.key.fingerprint(),
        signer.post(&client, Route::DeviceEnrolments, &body)?
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
    let body = serde_json::to_vec(&body).map_err(|e| Failure::failed(e.to_string()))?;
    let client = client::connect(&args.at)?;
    let signer = Signer::open(&client, &args.sign)?;
    println!(
        "witness {} enrolled:\n{}",
        args.name,
        signer.post(&client, Route::WitnessEnrolments, &body)?
    );
    Ok(())
}
