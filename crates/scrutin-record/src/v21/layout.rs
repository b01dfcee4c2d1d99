//! The directory layout of a 2.1 record (documented in `docs/record-format.md`), for reading
//! and writing. Ballots are listed, not loaded, so that a verifier can stream them.

pub use super::source::{BallotFile, FoundFile, RecordSource};
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

impl RecordDir {
    /// A record rooted at `root` (nothing is read yet).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        RecordDir { root: root.into() }
    }

    /// The root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The path of the file `name` of the record.
    pub fn path(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// Whether a top-level file exists.
    pub fn has(&self, name: &str) -> bool {
        self.path(name).is_file()
    }

    /// Where a ballot of `device` with id `ballot_id` is written.
    pub fn ballot_path(&self, device: &str, ballot_id: &str) -> PathBuf {
        self.path(&ballot_name(device, ballot_id))
    }

    /// Where the opening of challenged ballot `ballot_id` is written.
    pub fn challenged_path(&self, ballot_id: &str) -> PathBuf {
        self.path(&challenged_name(ballot_id))
    }

    /// Where a device's chain file is written.
    pub fn chain_path(&self, device: &str) -> PathBuf {
        self.path(&chain_name(device))
    }

    /// The entries of the directory `folder` of the record, with whether each is a
    /// directory (following links, so that a link is listed and then refused when read);
    /// none if `folder` does not exist.
    fn entries(&self, folder: &str) -> Result<Vec<(String, bool)>, RecordError> {
        let dir = self.path(folder);
        if !dir.exists() {
            return Ok(Vec::new());
        }
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(&dir).map_err(|e| RecordError::io(&dir, e))? {
            let entry = entry.map_err(|e| RecordError::io(&dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            entries.push((name, entry.path().is_dir()));
        }
        entries.sort();
        Ok(entries)
    }
}

/// The directory is read through [`capped::read`](crate::capped::read): never through a
/// symbolic link or from a special file, and never beyond the kind's cap.
impl RecordSource for RecordDir {
    fn path(&self, name: &str) -> PathBuf {
        RecordDir::path(self, name)
    }

    fn read(&self, name: &str, kind: FileKind) -> Result<Vec<u8>, RecordError> {
        json_file::read_bytes(&self.path(name), kind)
    }

    fn folders(&self, folder: &str) -> Result<Vec<String>, RecordError> {
        Ok(self
            .entries(folder)?
            .into_iter()
            .filter_map(|(name, is_dir)| is_dir.then_some(name))
            .collect())
    }

    fn files(&self, folder: &str) -> Result<Vec<String>, RecordError> {
        Ok(self
            .entries(folder)?
            .into_iter()
            .map(|(name, _)| name)
            .collect())
    }
}

/// The name of a ballot of `device` with id `ballot_id`.
pub fn ballot_name(device: &str, ballot_id: &str) -> String {
    format!("{ENCRYPTED_BALLOTS}/{device}/eballot-{ballot_id}.json")
}

/// The name of the opening of challenged ballot `ballot_id`.
pub fn challenged_name(ballot_id: &str) -> String {
    format!("{CHALLENGED_BALLOTS}/dballot-{ballot_id}.json")
}

/// The name of a device's chain file.
pub fn chain_name(device: &str) -> String {
    format!("{ENCRYPTED_BALLOTS}/{device}/{BALLOT_CHAIN}")
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
