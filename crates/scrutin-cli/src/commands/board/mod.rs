//! `scrutin board …`: the roles of an election run through a bulletin board. A role pulls
//! the election's files into a local record directory, runs its usual command there (`guardian
//! keygen`, `encrypt`, `decrypt commit`, …), and pushes the files it produced; the board
//! checks each before it accepts it (docs/network-election.md).

pub mod client;
mod pull;
mod restart;

use super::ceremony;
use super::context::{self, in_group, GroupTask};
use super::failure::{finish, Failure};
use crate::cli::{
    BoardAcceptArgs, BoardAdminArgs, BoardCommand, BoardCreateArgs, BoardDeviceArgs, BoardPullArgs,
    BoardPushArgs, BoardResultsArgs, GroupChoice,
};
use crate::exit::Exit;
use scrutin_core::ceremony::{guardian_record_hash, joint_keys};
use scrutin_core::group::{ParameterSet, Standard, Toy256};
use scrutin_record::v21::layout::{self, RecordDir};
use scrutin_record::v21::source::RecordSource;
use scrutin_record::v21::wire::BallotChainJson;
use scrutin_record::v21::working_attempts::{attempt_of_folder, FIRST_ATTEMPT};
use scrutin_record::{json_file, FileKind};
use serde_json::json;
use std::path::{Path, PathBuf};

/// Runs a `scrutin board` command.
pub fn run(command: &BoardCommand) -> Exit {
    finish(match command {
        BoardCommand::Create(args) => create(args),
        BoardCommand::Pull(args) => pull_into(args),
        BoardCommand::Push(args) => push(args),
        BoardCommand::Accept(args) => in_group(&RecordDir::new(&args.record), args),
        BoardCommand::RegisterDevice(args) => register(args),
        BoardCommand::Close(args) => close(args),
        BoardCommand::Results(args) => results(args),
        BoardCommand::RestartDecryption(args) => restart::restart_decryption(args),
    })
}

fn create(args: &BoardCreateArgs) -> Result<(), Failure> {
    let bytes = json_file::read_bytes(&args.manifest, FileKind::Manifest)?;
    let manifest = String::from_utf8(bytes)
        .map_err(|_| Failure::bad_input(format!("{}: not UTF-8 text", args.manifest.display())))?;
    let group = match args.group {
        GroupChoice::Standard => Standard::NAME,
        GroupChoice::Toy => Toy256::NAME,
    };
    let request = json!({
        "election_id": args.at.election,
        "group": group,
        "guardians": args.guardians,
        "quorum": args.quorum,
        "manifest": manifest,
    });
    let client = client::connect(&args.at)?;
    let body = serde_json::to_vec(&request).map_err(|e| Failure::failed(e.to_string()))?;
    let answer = client.post(&client.root_url("/api/elections"), &body, Some(&args.token))?;
    println!(
        "election {} on {}:\n{}",
        args.at.election,
        args.at.board,
        client::describe(&answer)?
    );
    Ok(())
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
fn route_of(path: &Path) -> Option<String> {
    let text = path.to_str()?;
    let name = path.file_name()?.to_str()?;
    let route = if text.starts_with("ceremony/shares/") {
        "/shares".to_string()
    } else if name.starts_with("guardian-") && text.starts_with("ceremony/") {
        "/guardians".to_string()
    } else if name.starts_with("acceptance-") {
        "/acceptances".to_string()
    } else if text.starts_with("devices/") {
        "/devices".to_string()
    } else if text.starts_with("encrypted_ballots/") && name.starts_with("eballot-") {
        "/ballots".to_string()
    } else if text.starts_with("decryption/") {
        let round = ["commit", "reveal", "response"]
            .into_iter()
            .find(|r| name.starts_with(&format!("{r}-")))?;
        // A message of a restarted decryption names its attempt, whose folder it is in.
        let folder = path.parent()?.to_str()?;
        match attempt_of_folder(folder)? {
            FIRST_ATTEMPT => format!("/decryption/{round}"),
            attempt => format!("/decryption/{round}?attempt={attempt}"),
        }
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
            let receipt =
                client::post_item(&client, &route, &bytes, None).map_err(|f| Failure {
                    exit: f.exit,
                    message: format!("{}: {}", file.display(), f.message),
                })?;
            println!("{receipt}");
        }
    }
    Ok(())
}

/// `accept`: H_G of the public keys in the pulled record (equation 27), posted as the
/// guardian's acceptance (§3.2.2).
impl GroupTask for &BoardAcceptArgs {
    fn run<P: ParameterSet>(self, record: &RecordDir) -> Result<(), Failure> {
        let parameters = context::parameters::<P>(record)?;
        let keys = ceremony::read_public_keys::<P>(record, &parameters)?;
        let public: Vec<_> = keys.iter().map(|k| k.key.clone()).collect();
        let (vote, data) = joint_keys(&public)?;
        let hg = guardian_record_hash(&parameters.base_hash, &vote, &data, &public);
        let body = json!({"guardian": self.index, "guardian_record_hash": hg.to_hex()});
        let client = client::connect(&self.at)?;
        let bytes = serde_json::to_vec(&body).map_err(|e| Failure::failed(e.to_string()))?;
        println!(
            "guardian {} accepts H_G = {}\n{}",
            self.index,
            hg.to_hex(),
            client::post_item(&client, "/acceptances", &bytes, None)?
        );
        Ok(())
    }
}

fn register(args: &BoardDeviceArgs) -> Result<(), Failure> {
    let info = args
        .device_info
        .clone()
        .unwrap_or_else(|| format!("scrutin voting device {}", args.device));
    let body = json!({"voting_device": args.device, "device_info": info});
    let client = client::connect(&args.at)?;
    let bytes = serde_json::to_vec(&body).map_err(|e| Failure::failed(e.to_string()))?;
    println!("{}", client::post_item(&client, "/devices", &bytes, None)?);
    Ok(())
}

fn close(args: &BoardAdminArgs) -> Result<(), Failure> {
    let client = client::connect(&args.at)?;
    println!(
        "voting closed:\n{}",
        client::post_item(&client, "/close", b"", Some(&args.token))?
    );
    Ok(())
}

fn results(args: &BoardResultsArgs) -> Result<(), Failure> {
    let record = RecordDir::new(&args.record);
    let tally: serde_json::Value = json_file::read(&record.path(layout::TALLY), FileKind::Record)?;
    let mut challenged = Vec::new();
    for file in record.challenged_files()? {
        challenged.push(json_file::read::<serde_json::Value>(
            &file.path,
            FileKind::Ballot,
        )?);
    }
    let body = json!({"tally": tally, "challenged": challenged});
    let client = client::connect(&args.at)?;
    let bytes = serde_json::to_vec(&body).map_err(|e| Failure::failed(e.to_string()))?;
    println!(
        "results posted (the board verified the whole record first):\n{}",
        client::post_item(&client, "/results", &bytes, Some(&args.token))?
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
            assert_eq!(route_of(Path::new(path)).as_deref(), route, "{path}");
        }
    }
}
