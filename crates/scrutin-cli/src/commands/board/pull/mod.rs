//! `scrutin board pull`: the election's files into a local record directory. The board's
//! checkpoint key is pinned at the first pull, and each later checkpoint must extend the last
//! one pulled (`seen.rs`). Every file's leaf hash is recomputed from its bytes, and the log
//! rebuilt from them must have the root of the board's signed checkpoint (RFC 9162 §2.1.1):
//! a board that serves other bytes than it logged is caught. Files reach the record folder
//! only once all of this is checked (`staging.rs`).

mod seen;
mod staging;

use super::client::Client;
use crate::commands::failure::Failure;
use crate::commands::witness;
use scrutin_client::items::is_safe_key;
use scrutin_client::leaf::item_leaf_hash;
use scrutin_log::{open_note, Checkpoint, Tree, Verifier};
use scrutin_record::v21::wire::{BallotChainJson, ManifestJson};
use seen::Seen;
use staging::Staging;
use std::path::Path;

/// What `pull` reads of the election's description.
#[derive(serde::Deserialize)]
struct Info {
    vkey: String,
    checkpoint: String,
}

/// One file of the record listing.
#[derive(serde::Deserialize)]
struct FileInfo {
    seq: u64,
    kind: String,
    key: String,
    leaf_hash: String,
}

/// The record listing.
#[derive(serde::Deserialize)]
struct Listing {
    files: Vec<FileInfo>,
}

/// Pulls the files of the board's latest checkpoint into `record`; returns the checkpoint's
/// size. Nothing in `record` changes unless every check passes.
pub fn pull(client: &Client, record: &Path) -> Result<u64, Failure> {
    let seen = seen::load(record)?;
    if let Some(seen) = seen.as_ref().filter(|s| s.election != client.election()) {
        return Err(Failure::bad_input(format!(
            "{} holds election {}, not {}: pull another election into another folder",
            record.display(),
            seen.election,
            client.election()
        )));
    }
    let info: Info = client.get(&client.url(""))?.json()?;
    if let Some(seen) = &seen {
        seen.check_key(&info.vkey)?;
    }
    let verifier = Verifier::parse(&info.vkey)
        .map_err(|e| Failure::invalid(format!("the board's verifier key {:?}: {e}", info.vkey)))?;
    let (checkpoint, _) = open_note(&info.checkpoint, &[verifier])
        .map_err(|e| Failure::invalid(format!("the board's checkpoint does not verify: {e}")))?;
    if let Some(seen) = &seen {
        seen.check_extended_by(&checkpoint, &info.checkpoint, || {
            let answer = witness::consistency(client, seen.size, checkpoint.size)
                .and_then(|answer| witness::hashes(&answer.proof));
            // A board that cannot prove the extension: with both checkpoints as evidence.
            answer.map_err(|failure| match failure.exit {
                crate::exit::Exit::Invalid => {
                    let why = failure.message.trim_start_matches("board misbehaviour: ");
                    seen.not_extended(&info.checkpoint, why)
                }
                _ => failure,
            })
        })?;
    }
    let mut staging = Staging::beside(record)?;
    let listed = download(client, &checkpoint, &mut staging)?;
    let written = staging.commit()?;
    seen::store(
        record,
        &Seen {
            board: client.base().to_string(),
            election: client.election().to_string(),
            vkey: info.vkey,
            origin: checkpoint.origin.clone(),
            size: checkpoint.size,
            root: checkpoint.root.to_base64(),
            checkpoint: info.checkpoint,
        },
    )?;
    println!(
        "pulled election {} into {}: {listed} files ({written} new or changed), consistent \
         with the board's signed checkpoint of {} entries",
        client.election(),
        record.display(),
        checkpoint.size
    );
    Ok(checkpoint.size)
}

/// Downloads the entries of `checkpoint` into `staging`, each checked against its leaf hash
/// and all together against the checkpoint's root, and stages the open chains; returns how
/// many files the board listed.
fn download(
    client: &Client,
    checkpoint: &Checkpoint,
    staging: &mut Staging,
) -> Result<usize, Failure> {
    let listing: Listing = client.get(&client.url("/record"))?.json()?;
    let in_checkpoint = usize::try_from(checkpoint.size).unwrap_or(usize::MAX);
    if listing.files.len() < in_checkpoint {
        return Err(Failure::invalid(format!(
            "the board lists {} entries, fewer than its checkpoint of {}",
            listing.files.len(),
            checkpoint.size
        )));
    }
    // Entries appended since the checkpoint are left for the next pull: no root covers them.
    let files = listing.files.get(..in_checkpoint).unwrap_or_default();
    let mut tree = Tree::new();
    let mut held = Held::default();
    for (seq, file) in (0u64..).zip(files) {
        let (key, kind) = (file.key.as_str(), file.kind.as_str());
        if !is_safe_key(key) {
            return Err(Failure::invalid(format!(
                "the board lists an unsafe path {key:?}"
            )));
        }
        let bytes = client.get(&client.url(&format!("/items/{key}")))?.body;
        let leaf = item_leaf_hash(kind, key, &bytes);
        if file.seq != seq || file.leaf_hash != leaf.to_hex() {
            return Err(Failure::invalid(format!(
                "{key}: the bytes the board serves are not those of entry {seq} of its log"
            )));
        }
        tree.append(leaf);
        held.keep(file, &bytes);
        staging.put(key, &bytes)?;
    }
    if tree.root() != checkpoint.root {
        return Err(Failure::invalid(format!(
            "the files of the board do not have the root of its signed checkpoint of {} entries",
            checkpoint.size
        )));
    }
    open_chains(&held, files, staging)?;
    Ok(files.len())
}

/// The files of a pull that the open chains are derived from, kept from the download.
#[derive(Default)]
struct Held {
    manifest: Option<Vec<u8>>,
    devices: Vec<(String, Vec<u8>)>,
}

impl Held {
    fn keep(&mut self, file: &FileInfo, bytes: &[u8]) {
        if file.key == scrutin_record::v21::layout::MANIFEST {
            self.manifest = Some(bytes.to_vec());
        } else if file.kind == "device" {
            self.devices.push((file.key.clone(), bytes.to_vec()));
        }
    }
}

/// The chain so far of every registered device whose `ballot_chain.json` the board has not
/// written yet (it does when the vote closes): its ballots in log order, which is the chain's
/// order (the board accepts a device's ballots only in chain order). Staged into the local
/// record only, so that `scrutin encrypt` in a freshly pulled folder continues the device's
/// chain where it stands on the board; without a closing hash, which the device computes.
fn open_chains(held: &Held, files: &[FileInfo], staging: &mut Staging) -> Result<(), Failure> {
    if held.devices.is_empty() {
        return Ok(());
    }
    let manifest_path = Path::new(scrutin_record::v21::layout::MANIFEST);
    let manifest: ManifestJson = match &held.manifest {
        Some(bytes) => scrutin_record::json_file::parse(manifest_path, bytes)?,
        None => return Err(Failure::invalid("the board lists devices but no manifest")),
    };
    for (key, bytes) in &held.devices {
        let device: DeviceFile = scrutin_record::json_file::parse(Path::new(key), bytes)?;
        let name = device.voting_device;
        let chain_key = scrutin_client::items::key::ballot_chain(&name);
        if files.iter().any(|f| f.key == chain_key) {
            continue;
        }
        let prefix = format!("encrypted_ballots/{name}/eballot-");
        let ballot_ids = files
            .iter()
            .filter_map(|f| f.key.strip_prefix(&prefix)?.strip_suffix(".json"))
            .map(str::to_string)
            .collect();
        let chain = BallotChainJson {
            voting_device: name,
            device_info: device.device_info,
            chaining: manifest.chaining.clone(),
            ballot_ids,
            closing_hash: None,
        };
        let json = scrutin_record::json_file::to_bytes(&chain)
            .map_err(|e| Failure::failed(format!("{chain_key}: {e}")))?;
        staging.put(&chain_key, &json)?;
    }
    Ok(())
}

/// `devices/<device>.json` on the board.
#[derive(serde::Deserialize)]
struct DeviceFile {
    voting_device: String,
    device_info: String,
}
