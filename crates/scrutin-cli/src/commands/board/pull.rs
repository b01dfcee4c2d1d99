//! `scrutin board pull`: the election's files into a local record directory. Every file's
//! leaf hash is recomputed from its bytes, and the log rebuilt from them must have the root
//! of the board's signed checkpoint (RFC 9162 §2.1.1): a board that serves other bytes than
//! it logged is caught.

use super::client::Client;
use crate::commands::failure::Failure;
use scrutin_client::items::is_safe_key;
use scrutin_client::leaf::item_leaf_hash;
use scrutin_log::{open_note, Hash, Tree, Verifier};
use scrutin_record::FileKind;
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

/// Pulls every file into `record`; returns the checkpoint's size.
pub fn pull(client: &Client, record: &Path) -> Result<u64, Failure> {
    let info: Info = client.get(&client.url(""))?.json()?;
    let verifier = Verifier::parse(&info.vkey)
        .map_err(|e| Failure::failed(format!("the board's verifier key {:?}: {e}", info.vkey)))?;
    let (checkpoint, _) = open_note(&info.checkpoint, &[verifier])
        .map_err(|e| Failure::invalid(format!("the board's checkpoint does not verify: {e}")))?;
    let listing: Listing = client.get(&client.url("/record"))?.json()?;
    let files = listing.files;
    let mut tree = Tree::new();
    let mut written = 0usize;
    for (seq, file) in (0u64..).zip(&files) {
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
        let target = record.join(key);
        if scrutin_record::capped::read(&target, FileKind::Record)
            .ok()
            .as_deref()
            != Some(bytes.as_slice())
        {
            scrutin_record::json_file::write_bytes(&target, &bytes).map_err(Failure::write)?;
            written += 1;
        }
    }
    let root: Hash = tree.root_at(checkpoint.size).map_err(|e| {
        Failure::invalid(format!(
            "the board lists {} entries, fewer than its checkpoint of {}: {e}",
            tree.size(),
            checkpoint.size
        ))
    })?;
    if root != checkpoint.root {
        return Err(Failure::invalid(format!(
            "the files of the board do not have the root of its signed checkpoint of {} entries",
            checkpoint.size
        )));
    }
    open_chains(record, &files)?;
    println!(
        "pulled election {} into {}: {} files ({written} new or changed), consistent with the \
         board's signed checkpoint of {} entries",
        client.election(),
        record.display(),
        files.len(),
        checkpoint.size
    );
    Ok(checkpoint.size)
}

/// The chain so far of every registered device whose `ballot_chain.json` the board has not
/// written yet (it does when the vote closes): its ballots in log order, which is the chain's
/// order (the board accepts a device's ballots only in chain order). Written into the local
/// record only, so that `scrutin encrypt` in a freshly pulled folder continues the device's
/// chain where it stands on the board; without a closing hash, which the device computes.
fn open_chains(record: &Path, files: &[FileInfo]) -> Result<(), Failure> {
    let manifest: scrutin_record::v21::wire::ManifestJson = scrutin_record::json_file::read(
        &record.join(scrutin_record::v21::layout::MANIFEST),
        FileKind::Manifest,
    )?;
    for file in files.iter().filter(|f| f.kind == "device") {
        let device: DeviceFile =
            scrutin_record::json_file::read(&record.join(&file.key), FileKind::Record)?;
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
        let chain = scrutin_record::v21::wire::BallotChainJson {
            voting_device: name,
            device_info: device.device_info,
            chaining: manifest.chaining.clone(),
            ballot_ids,
            closing_hash: None,
        };
        scrutin_record::json_file::write(&record.join(&chain_key), &chain)
            .map_err(Failure::write)?;
    }
    Ok(())
}

/// `devices/<device>.json` on the board.
#[derive(serde::Deserialize)]
struct DeviceFile {
    voting_device: String,
    device_info: String,
}
