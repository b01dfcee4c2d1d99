//! `scrutin board create`: the administrator fixes who runs the election. It builds the
//! roster — the election id, the log origin the board will give it, the group, n, k, its own
//! key and the n guardians' keys from their public identity files — and posts it with the
//! manifest, signing both (docs/board-api.md, "Authorship"). The board accepts it
//! only if the administrator's key is on its operator's list.

use super::client;
use super::signer::Signer;
use crate::cli::{BoardCreateArgs, GroupChoice};
use crate::commands::failure::Failure;
use crate::commands::identity;
use scrutin_client::items::key;
use scrutin_client::signing::SignedItem;
use scrutin_client::wire::CreateElectionJson;
use scrutin_client::BoardInfo;
use scrutin_core::group::{ParameterSet, Standard, Toy256};
use scrutin_record::authorship::wire::{GuardianPartyJson, PartyJson, RosterJson};
use scrutin_record::authorship::{paths, Kind, PublicKey, Roster};
use scrutin_record::{json_file, FileKind};

/// Runs `scrutin board create`.
pub fn create(args: &BoardCreateArgs) -> Result<(), Failure> {
    let manifest = manifest_text(args)?;
    let guardians = guardian_parties(args)?;
    let client = client::connect(&args.at)?;
    let board: BoardInfo = client.get(&client.root_url("/api/board"))?.json()?;
    let origin = board.origin_of(&args.at.election);
    let administrator = identity::open(&args.sign.identity, &args.sign.passphrase)?;
    let roster = RosterJson {
        election_id: args.at.election.clone(),
        origin: origin.clone(),
        group: group_name(args.group).into(),
        number_of_guardians: args.guardians,
        quorum: args.quorum,
        administrator: PartyJson {
            name: identity::name_of(&args.sign.identity),
            public_key: administrator.public_key().to_hex(),
        },
        guardians,
    };
    // The board checks the roster too; checking it here names the mistake before the
    // passphrase's work is spent on a request the board would refuse.
    let checked =
        Roster::decode(&roster).map_err(|e| Failure::bad_input(format!("the roster: {e}")))?;
    let roster_bytes = json_file::to_bytes(&roster).map_err(|e| Failure::failed(e.to_string()))?;
    let signer = Signer::with_origin(administrator, origin, &args.at.election);
    let (roster_key, manifest_key) = (paths::roster(), key::manifest());
    let header = signer.header(&[
        SignedItem {
            kind: Kind::Roster,
            key: &roster_key,
            bytes: &roster_bytes,
        },
        SignedItem {
            kind: Kind::Manifest,
            key: &manifest_key,
            bytes: manifest.as_bytes(),
        },
    ]);
    let body = serde_json::to_vec(&CreateElectionJson { roster, manifest })
        .map_err(|e| Failure::failed(e.to_string()))?;
    let answer = client.post(&client.root_url("/api/elections"), &body, Some(&header))?;
    println!(
        "election {} on {}:\n{}\n{}",
        args.at.election,
        args.at.board,
        client::describe(&answer)?,
        describe_roster(&checked)
    );
    Ok(())
}

fn manifest_text(args: &BoardCreateArgs) -> Result<String, Failure> {
    let bytes = json_file::read_bytes(&args.manifest, FileKind::Manifest)?;
    String::from_utf8(bytes)
        .map_err(|_| Failure::bad_input(format!("{}: not UTF-8 text", args.manifest.display())))
}

fn group_name(group: GroupChoice) -> &'static str {
    match group {
        GroupChoice::Standard => Standard::NAME,
        GroupChoice::Toy => Toy256::NAME,
    }
}

/// The guardians of the roster, guardian i from the i-th `--guardian` file.
fn guardian_parties(args: &BoardCreateArgs) -> Result<Vec<GuardianPartyJson>, Failure> {
    if args.guardian_files.len() != args.guardians as usize {
        return Err(Failure::bad_input(format!(
            "--guardians {} but {} --guardian files: give one public identity file per \
             guardian, in index order",
            args.guardians,
            args.guardian_files.len()
        )));
    }
    args.guardian_files
        .iter()
        .zip(1u32..)
        .map(|(file, index)| {
            let party = identity::read_public(file)?;
            Ok(GuardianPartyJson {
                index,
                name: party.name,
                public_key: party.key.to_hex(),
            })
        })
        .collect()
}

/// Who is on the roster, with the fingerprints each party compares with its own.
fn describe_roster(roster: &Roster) -> String {
    let line = |role: String, (name, key): &(String, PublicKey)| {
        format!("  {role} {name}: fingerprint {}", key.fingerprint())
    };
    let mut lines = vec![format!(
        "roster (log origin {}, {} guardians, quorum {}):",
        roster.origin, roster.guardians, roster.quorum
    )];
    lines.push(line("administrator".into(), &roster.administrator));
    for (party, index) in roster.guardian_keys.iter().zip(1u32..) {
        lines.push(line(format!("guardian {index}"), party));
    }
    lines.join("\n")
}
