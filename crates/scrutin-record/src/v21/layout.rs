//! The directory layout of a 2.1 record (documented in `docs/record-format.md`), for reading
//! and writing. Ballots are listed, not loaded, so that a verifier can stream them.

use super::wire::*;
use crate::capped::FileKind;
use crate::error::RecordError;
use crate::json_file;
use std::path::{Path, PathBuf};

/// `constants.json`
pub const CONSTANTS: &str = "constants.json";
/// `manifest.json`
pub const MANIFEST: &str = "manifest.json";
/// `election_config.json`
pub const ELECTION_CONFIG: &str = "election_config.json";
/// `election_initialized.json`
pub const ELECTION_INITIALIZED: &str = "election_initialized.json";
/// `encrypted_ballots/`
pub const ENCRYPTED_BALLOTS: &str = "encrypted_ballots";
/// `encrypted_ballots/<device>/ballot_chain.json`
pub const BALLOT_CHAIN: &str = "ballot_chain.json";
/// `challenged_ballots/`
pub const CHALLENGED_BALLOTS: &str = "challenged_ballots";
/// `encrypted_tally.json`
pub const ENCRYPTED_TALLY: &str = "encrypted_tally.json";
/// `tally.json`
pub const TALLY: &str = "tally.json";

/// A record directory.
#[derive(Clone, Debug)]
pub struct RecordDir {
    root: PathBuf,
}

/// One encrypted ballot file, found but not yet read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct BallotFile {
    /// The device directory name.
    pub device: String,
    /// The file.
    pub path: PathBuf,
}

impl RecordDir {
    /// A record rooted at `root` (nothing is read yet).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        RecordDir { root: root.into() }
    }

    /// The root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The path of a file relative to the root.
    pub fn path(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// Reads `constants.json`.
    pub fn constants(&self) -> Result<ConstantsJson, RecordError> {
        json_file::read(&self.path(CONSTANTS), FileKind::Record)
    }

    /// Reads `manifest.json` and validates it.
    pub fn manifest(&self) -> Result<super::manifest::Manifest, RecordError> {
        let file = self.path(MANIFEST);
        let bytes = json_file::read_bytes(&file, FileKind::Manifest)?;
        super::manifest::Manifest::from_bytes(&file, bytes)
    }

    /// Reads `election_config.json`.
    pub fn config(&self) -> Result<ElectionConfigJson, RecordError> {
        json_file::read(&self.path(ELECTION_CONFIG), FileKind::Record)
    }

    /// Reads `election_initialized.json`.
    pub fn initialized(&self) -> Result<ElectionInitializedJson, RecordError> {
        json_file::read(&self.path(ELECTION_INITIALIZED), FileKind::Record)
    }

    /// Reads `encrypted_tally.json`.
    pub fn encrypted_tally(&self) -> Result<EncryptedTallyJson, RecordError> {
        json_file::read(&self.path(ENCRYPTED_TALLY), FileKind::Record)
    }

    /// Reads `tally.json`.
    pub fn tally(&self) -> Result<DecryptedTallyJson, RecordError> {
        json_file::read(&self.path(TALLY), FileKind::Record)
    }

    /// Whether a top-level file exists.
    pub fn has(&self, name: &str) -> bool {
        self.path(name).is_file()
    }

    /// Lists the device directories under `encrypted_ballots/`, sorted.
    pub fn devices(&self) -> Result<Vec<String>, RecordError> {
        let dir = self.path(ENCRYPTED_BALLOTS);
        if !dir.exists() {
            return Ok(Vec::new());
        }
        let mut devices = Vec::new();
        for entry in std::fs::read_dir(&dir).map_err(|e| RecordError::io(&dir, e))? {
            let entry = entry.map_err(|e| RecordError::io(&dir, e))?;
            if entry.path().is_dir() {
                devices.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
        devices.sort();
        Ok(devices)
    }

    /// Lists every `eballot-*.json`, sorted by device then file name.
    pub fn ballot_files(&self) -> Result<Vec<BallotFile>, RecordError> {
        let mut files = Vec::new();
        for device in self.devices()? {
            let dir = self.path(ENCRYPTED_BALLOTS).join(&device);
            for path in list_json(&dir, "eballot-")? {
                files.push(BallotFile {
                    device: device.clone(),
                    path,
                });
            }
        }
        Ok(files)
    }

    /// Reads one encrypted ballot.
    pub fn ballot(&self, file: &BallotFile) -> Result<EncryptedBallotJson, RecordError> {
        json_file::read(&file.path, FileKind::Ballot)
    }

    /// Reads a device's `ballot_chain.json`.
    pub fn chain(&self, device: &str) -> Result<BallotChainJson, RecordError> {
        json_file::read(
            &self.path(ENCRYPTED_BALLOTS).join(device).join(BALLOT_CHAIN),
            FileKind::Record,
        )
    }

    /// Lists every `challenged_ballots/dballot-*.json`, sorted.
    pub fn challenged_files(&self) -> Result<Vec<PathBuf>, RecordError> {
        let dir = self.path(CHALLENGED_BALLOTS);
        if !dir.exists() {
            return Ok(Vec::new());
        }
        list_json(&dir, "dballot-")
    }

    /// Reads one opened challenged ballot.
    pub fn challenged(&self, path: &Path) -> Result<ChallengedBallotJson, RecordError> {
        json_file::read(path, FileKind::Ballot)
    }

    /// Where a ballot of `device` with id `ballot_id` is written.
    pub fn ballot_path(&self, device: &str, ballot_id: &str) -> PathBuf {
        self.path(ENCRYPTED_BALLOTS)
            .join(device)
            .join(format!("eballot-{ballot_id}.json"))
    }

    /// Where the opening of challenged ballot `ballot_id` is written.
    pub fn challenged_path(&self, ballot_id: &str) -> PathBuf {
        self.path(CHALLENGED_BALLOTS)
            .join(format!("dballot-{ballot_id}.json"))
    }

    /// Where a device's chain file is written.
    pub fn chain_path(&self, device: &str) -> PathBuf {
        self.path(ENCRYPTED_BALLOTS).join(device).join(BALLOT_CHAIN)
    }
}

/// The `.json` files of `dir` whose names start with `prefix`, sorted by name.
fn list_json(dir: &Path, prefix: &str) -> Result<Vec<PathBuf>, RecordError> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| RecordError::io(dir, e))? {
        let entry = entry.map_err(|e| RecordError::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(prefix) && name.ends_with(".json") {
            files.push(entry.path());
        }
    }
    files.sort();
    Ok(files)
}

/// Checks that an identifier can be used in a file name: letters, digits, '-', '_' and '.',
/// not starting with '.', at most 128 bytes. Ballot ids and device names are written into
/// paths, so anything else could escape the record directory.
pub fn check_file_id(id: &str) -> Result<(), &'static str> {
    if id.is_empty() || id.len() > 128 {
        return Err("must be 1 to 128 characters");
    }
    if id.starts_with('.') {
        return Err("must not start with '.'");
    }
    if !id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err("may contain only letters, digits, '-', '_' and '.'");
    }
    Ok(())
}
