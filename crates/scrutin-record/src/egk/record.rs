//! Loading a whole egk 2.0 public election record from its directory.

use super::ballot::EncryptedBallotJson;
use super::chain::EncryptedBallotChainJson;
use super::election::{ConstantsJson, ElectionConfigJson, ElectionInitializedJson};
use super::layout::{self, Entry};
use super::manifest::ManifestJson;
use super::tally::{DecryptedTallyOrBallotJson, EncryptedTallyJson};
use crate::capped::FileKind;
use crate::error::RecordError;
use crate::json_file;
use std::path::{Path, PathBuf};

/// A parsed file together with its path, so that later checks can name the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordFile<T> {
    /// The file.
    pub path: PathBuf,
    /// Its contents.
    pub value: T,
}

impl<T: serde::de::DeserializeOwned> RecordFile<T> {
    /// Reads and parses `path`, a file of the given kind (which sets its size cap).
    pub fn read(path: PathBuf, kind: FileKind) -> Result<Self, RecordError> {
        let value = json_file::read(&path, kind)?;
        Ok(RecordFile { path, value })
    }
}

/// The encrypted ballots of one encrypting device: one subdirectory of `encrypted_ballots/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EgkDevice {
    /// The subdirectory's name (egk: the device name with spaces replaced by `_`).
    pub name: String,
    /// The subdirectory.
    pub dir: PathBuf,
    /// `ballot_chain.json`, when present.
    pub chain: Option<RecordFile<EncryptedBallotChainJson>>,
    /// The `eballot-*.json` files, sorted by file name.
    pub ballots: Vec<RecordFile<EncryptedBallotJson>>,
}

impl EgkDevice {
    /// The ballot with this `ballot_id`.
    pub fn ballot(&self, ballot_id: &str) -> Option<&RecordFile<EncryptedBallotJson>> {
        self.ballots.iter().find(|b| b.value.ballot_id == ballot_id)
    }

    /// The ballots in the order of the chain (`ballot_chain.json`'s `ballot_ids`), which is
    /// the order of encryption; `None` without a chain file. A listed id with no ballot
    /// file is an error naming the chain file.
    pub fn chain_order(
        &self,
    ) -> Option<Result<Vec<&RecordFile<EncryptedBallotJson>>, RecordError>> {
        let chain = self.chain.as_ref()?;
        let ordered = chain
            .value
            .ballot_ids
            .iter()
            .enumerate()
            .map(|(index, id)| {
                self.ballot(id).ok_or_else(|| {
                    RecordError::field(
                        &chain.path,
                        format!("ballot_ids[{index}]"),
                        format!("no ballot `{id}` on this device"),
                    )
                })
            })
            .collect();
        Some(ordered)
    }
}

/// A complete egk 2.0 public election record, as raw wire types.
///
/// `private_data/` is not part of the public record and is not read (see
/// [`super::private`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EgkRecord {
    /// The record's directory.
    pub dir: PathBuf,
    /// `constants.json`.
    pub constants: RecordFile<ConstantsJson>,
    /// `manifest.json`, parsed from [`EgkRecord::manifest_bytes`].
    pub manifest: RecordFile<ManifestJson>,
    /// The exact bytes of `manifest.json`, which H_M hashes (spec 2.0 eq. 6).
    pub manifest_bytes: Vec<u8>,
    /// `election_config.json`.
    pub config: RecordFile<ElectionConfigJson>,
    /// `election_initialized.json`.
    pub initialized: RecordFile<ElectionInitializedJson>,
    /// The subdirectories of `encrypted_ballots/`, sorted by name.
    pub devices: Vec<EgkDevice>,
    /// `challenged_ballots/dballot-*.json`, sorted by file name; empty when the directory is
    /// absent.
    pub challenged_ballots: Vec<RecordFile<DecryptedTallyOrBallotJson>>,
    /// `encrypted_tally.json`.
    pub encrypted_tally: RecordFile<EncryptedTallyJson>,
    /// `tally.json`.
    pub tally: RecordFile<DecryptedTallyOrBallotJson>,
}

impl EgkRecord {
    /// Reads every public file of the record in `dir`. All files named in
    /// egk-election-record-layout.md are required except `challenged_ballots/` and the
    /// per-device `ballot_chain.json`. An entry that does not belong in `encrypted_ballots/`
    /// or `challenged_ballots/` is an error, so that no ballot is silently skipped.
    pub fn load(dir: &Path) -> Result<EgkRecord, RecordError> {
        let manifest_path = dir.join(layout::MANIFEST_FILE);
        let manifest_bytes = json_file::read_bytes(&manifest_path, FileKind::Manifest)?;
        let manifest = RecordFile {
            value: json_file::parse(&manifest_path, &manifest_bytes)?,
            path: manifest_path,
        };
        Ok(EgkRecord {
            dir: dir.to_path_buf(),
            constants: RecordFile::read(dir.join(layout::CONSTANTS_FILE), FileKind::Record)?,
            manifest,
            manifest_bytes,
            config: RecordFile::read(dir.join(layout::ELECTION_CONFIG_FILE), FileKind::Record)?,
            initialized: RecordFile::read(
                dir.join(layout::ELECTION_INITIALIZED_FILE),
                FileKind::Record,
            )?,
            devices: load_devices(&dir.join(layout::ENCRYPTED_BALLOTS_DIR))?,
            challenged_ballots: load_challenged(&dir.join(layout::CHALLENGED_BALLOTS_DIR))?,
            encrypted_tally: RecordFile::read(
                dir.join(layout::ENCRYPTED_TALLY_FILE),
                FileKind::Record,
            )?,
            tally: RecordFile::read(dir.join(layout::TALLY_FILE), FileKind::Record)?,
        })
    }

    /// Every encrypted ballot, by device (sorted by name) and then by file name.
    pub fn encrypted_ballots(&self) -> impl Iterator<Item = &RecordFile<EncryptedBallotJson>> + '_ {
        self.devices.iter().flat_map(|device| device.ballots.iter())
    }
}

fn load_devices(dir: &Path) -> Result<Vec<EgkDevice>, RecordError> {
    let mut devices = Vec::new();
    for entry in layout::list_sorted(dir)? {
        if !entry.is_dir {
            return Err(layout::unexpected(
                &entry.path,
                "expected only device directories here",
            ));
        }
        devices.push(load_device(entry)?);
    }
    Ok(devices)
}

fn load_device(entry: Entry) -> Result<EgkDevice, RecordError> {
    let mut chain = None;
    let mut ballots = Vec::new();
    for file in layout::list_sorted(&entry.path)? {
        if !file.is_dir && file.name == layout::BALLOT_CHAIN_FILE {
            chain = Some(RecordFile::read(file.path, FileKind::Record)?);
        } else if !file.is_dir
            && layout::is_record_file(&file.name, layout::ENCRYPTED_BALLOT_PREFIX)
        {
            ballots.push(RecordFile::read(file.path, FileKind::Ballot)?);
        } else {
            return Err(layout::unexpected(
                &file.path,
                "expected only eballot-<id>.json and ballot_chain.json here",
            ));
        }
    }
    Ok(EgkDevice {
        name: entry.name,
        dir: entry.path,
        chain,
        ballots,
    })
}

fn load_challenged(dir: &Path) -> Result<Vec<RecordFile<DecryptedTallyOrBallotJson>>, RecordError> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    layout::prefixed_files(dir, layout::DECRYPTED_BALLOT_PREFIX)?
        .into_iter()
        .map(|path| RecordFile::read(path, FileKind::Ballot))
        .collect()
}
