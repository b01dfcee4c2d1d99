//! `scrutin board …`: the roles of an election run through a bulletin board. A role pulls
//! the election's files into a local record directory, runs its usual command there (`guardian
//! keygen`, `encrypt`, `decrypt commit`, …), and pushes the files it produced, signed with
//! its identity (`signer.rs`); the board checks each, and who signed it, before it accepts it
//! (docs/network-election.md).

pub mod client;
mod create;
mod enrol;
mod pull;
mod restart;
mod signer;

use super::ceremony;
use super::context::{self, in_group, GroupTask};
use super::failure::{finish, Failure};
use crate::cli::{
    BoardAcceptArgs, BoardAdminArgs, BoardCommand, BoardDeviceArgs, BoardPullArgs, BoardPushArgs,
    BoardResultsArgs,
};
use crate::exit::Exit;
use scrutin_client::posted::Route;
use scrutin_client::wire::{AcceptanceJson, DeviceJson};
use scrutin_core::ceremony::{guardian_record_hash, joint_keys};
use scrutin_core::group::ParameterSet;
use scrutin_record::authorship::wire::CloseJson;
use scrutin_record::v21::layout::{self, RecordDir};
use scrutin_record::v21::wire::BallotChainJson;
use scrutin_record::v21::working_attempts::attempt_of_folder;
use scrutin_record::v21::working_layout::Round;
use scrutin_record::{json_file, FileKind};
use signer::Signer;
use std::path::{Path, PathBuf};

/// Runs a `scrutin board` command.
pub fn run(command: &BoardCommand) -> Exit {
    finish(match command {
        BoardCommand::Create(args) => create::create(args),
        BoardCommand::Pull(args) => pull_into(args),
        BoardCommand::Push(args) => push(args),
        BoardCommand::Accept(args) => in_group(&RecordDir::new(&args.record), args),
        BoardCommand::RegisterDevice(args) => register(args),
        BoardCommand::EnrolDevice(args) => enrol::device(args),
        BoardCommand::EnrolWitness(args) => enrol::witness(args),
        BoardCommand::Close(args) => close(args),
        BoardCommand::Results(args) => results(args),
        BoardCommand::RestartDecryption(args) => restart::restart_decryption(args),
    })
}

/// The JSON bytes of a body the command builds.
fn to_json<T: serde::Serialize>(body: &T) -> Result<Vec<u8>, Failure> {
    serde_json::to_vec(body).map_err(|e| Failure::failed(e.to_string()))
}

fn pull_into(args: &BoardPullArgs) -> Result<(), Failure> {
    let client = client::connect(&args.at)?;
    if let Some(state) = &args.witness {
        let who = super::witness::Witness {
            state,
            name: None,
            passphrase: &args.passphrase,
        };
        super::witness::witness(&client, &who, true)?;
    }
    pull::pull(&client, &args.record).map(|_| ())
}

/// The route a record file is posted to, by its path in the record.
fn route_of(path: &Path) -> Option<Route> {
    let text = path.to_str()?;
    let name = path.file_name()?.to_str()?;
    let route = if text.starts_with("ceremony/shares/") {
        Route::Shares
    } else if name.starts_with("guardian-") && text.starts_with("ceremony/") {
        Route::Guardians
    } else if name.starts_with("acceptance-") {
        Route::Acceptances
    } else if text.starts_with("devices/") {
        Route::Devices
    } else if text.starts_with("encrypted_ballots/") && name.starts_with("eballot-") {
        Route::Ballots
    } else if text.starts_with("decryption/") {
        let round = [Round::Commit, Round::Reveal, Round::Respond]
            .into_iter()
            .find(|r| name.starts_with(&format!("{}-", r.prefix())))?;
        // A message of a restarted decryption names its attempt, whose folder it is in.
        let folder = path.parent()?.to_str()?;
        Route::Decryption(round, attempt_of_folder(folder)?)
    } else {
        return None;
    };
    Some(route)
}

/// A device directory stands for its ballots, in the order of its `ballot_chain.json`.
fn expand(record: &RecordDir, file: &Path) -> Result<Vec<PathBuf>, Failure> {
    let full = record.root().join(file);
    if !full.is_dir() {
        return Ok(vec![file.to_path_buf()]);
    }
    let chain: BallotChainJson =
        json_file::read(&full.join(layout::BALLOT_CHAIN), FileKind::Record)?;
    Ok(chain
        .ballot_ids
        .iter()
        .map(|id| file.join(format!("eballot-{id}.json")))
        .collect())
}

fn push(args: &BoardPushArgs) -> Result<(), Failure> {
    let client = client::connect(&args.at)?;
    let signer = Signer::open(&client, &args.sign)?;
    let record = RecordDir::new(&args.record);
    for given in &args.files {
        for file in expand(&record, given)? {
            let route = route_of(&file).ok_or_else(|| {
                Failure::bad_input(format!(
                    "{}: not a file a role posts (guardian keys, shares, acceptances, devices, \
                     ballots, decryption messages)",
                    file.display()
                ))
            })?;
            let bytes = json_file::read_bytes(&record.root().join(&file), FileKind::Record)?;
            let receipt = signer.post(&client, route, &bytes).map_err(|f| Failure {
                exit: f.exit,
                message: format!("{}: {}", file.display(), f.message),
            })?;
            println!("{receipt}");
        }
    }
    Ok(())
}

/// `accept`: H_G of the public keys in the pulled record (equation 27), posted as the
/// guardian's acceptance (§3.2.2), signed by the guardian.
impl GroupTask for &BoardAcceptArgs {
    fn run<P: ParameterSet>(self, record: &RecordDir) -> Result<(), Failure> {
        let parameters = context::parameters::<P>(record)?;
        let keys = ceremony::read_public_keys::<P>(record, &parameters)?;
        let public: Vec<_> = keys.iter().map(|k| k.key.clone()).collect();
        let (vote, data) = joint_keys(&public)?;
        let hg = guardian_record_hash(&parameters.base_hash, &vote, &data, &public);
        let body = to_json(&AcceptanceJson {
            guardian: self.index,
            guardian_record_hash: hg.to_hex(),
        })?;
        let client = client::connect(&self.at)?;
        let signer = Signer::open(&client, &self.sign)?;
        println!(
            "guardian {} accepts H_G = {}\n{}",
            self.index,
            hg.to_hex(),
            signer.post(&client, Route::Acceptances, &body)?
        );
        Ok(())
    }
}

fn register(args: &BoardDeviceArgs) -> Result<(), Failure> {
    let device_info = args
        .device_info
        .clone()
        .unwrap_or_else(|| format!("scrutin voting device {}", args.device));
    let body = to_json(&DeviceJson {
        voting_device: args.device.clone(),
        device_info,
    })?;
    let client = client::connect(&args.at)?;
    let signer = Signer::open(&client, &args.sign)?;
    println!("{}", signer.post(&client, Route::Devices, &body)?);
    Ok(())
}

fn close(args: &BoardAdminArgs) -> Result<(), Failure> {
    let client = client::connect(&args.at)?;
    let signer = Signer::open(&client, &args.sign)?;
    let body = to_json(&CloseJson {
        election_id: args.at.election.clone(),
    })?;
    println!(
        "voting closed:\n{}",
        signer.post(&client, Route::Close, &body)?
    );
    Ok(())
}

fn results(args: &BoardResultsArgs) -> Result<(), Failure> {
    let body = super::results::body(&RecordDir::new(&args.record))?;
    let client = client::connect(&args.admin.at)?;
    let signer = Signer::open(&client, &args.admin.sign)?;
    println!(
        "results posted (the board verified the whole record first):\n{}",
        signer.post(&client, Route::Results, &body)?
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_go_to_their_routes() {
        let cases = [
            ("ceremony/guardian-2.json", Some("/guardians")),
            ("ceremony/shares/share-1-to-2.json", Some("/shares")),
            ("ceremony/acceptance-1.json", Some("/acceptances")),
            ("encrypted_ballots/d/eballot-b1.json", Some("/ballots")),
            ("decryption/reveal-3.json", Some("/decryption/reveal")),
            ("decryption/response-3.json", Some("/decryption/response")),
            (
                "decryption/attempt-2/commit-1.json",
                Some("/decryption/commit?attempt=2"),
            ),
            ("decryption/attempt-1/commit-1.json", None),
            ("decryption/restart-2.json", None),
            ("tally.json", None),
            ("encrypted_ballots/d/ballot_chain.json", None),
        ];
        for (path, route) in cases {
            assert_eq!(
                route_of(Path::new(path)).map(Route::path).as_deref(),
                route,
                "{path}"
            );
        }
    }
}
