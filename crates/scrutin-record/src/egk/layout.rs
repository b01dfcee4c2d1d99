//! File and directory names of an egk 2.0 record (egk-election-record-layout.md), and the
//! sorted listing of a directory.

use crate::error::RecordError;
use std::path::{Path, PathBuf};

/// The group parameters.
pub const CONSTANTS_FILE: &str = "constants.json";
/// The election manifest.
pub const MANIFEST_FILE: &str = "manifest.json";
/// The key ceremony's inputs.
pub const ELECTION_CONFIG_FILE: &str = "election_config.json";
/// The key ceremony's output.
pub const ELECTION_INITIALIZED_FILE: &str = "election_initialized.json";
/// The encrypted tally.
pub const ENCRYPTED_TALLY_FILE: &str = "encrypted_tally.json";
/// The decrypted tally.
pub const TALLY_FILE: &str = "tally.json";
/// The directory of encrypted ballots, one subdirectory per device.
pub const ENCRYPTED_BALLOTS_DIR: &str = "encrypted_ballots";
/// A device's ballot chain, inside its subdirectory of [`ENCRYPTED_BALLOTS_DIR`].
pub const BALLOT_CHAIN_FILE: &str = "ballot_chain.json";
/// Encrypted ballot files are `eballot-<ballotId>.json` (spaces of the id replaced by `_`).
pub const ENCRYPTED_BALLOT_PREFIX: &str = "eballot-";
/// The directory of decrypted challenged ballots.
pub const CHALLENGED_BALLOTS_DIR: &str = "challenged_ballots";
/// Decrypted challenged ballot files are `dballot-<ballotId>.json`.
pub const DECRYPTED_BALLOT_PREFIX: &str = "dballot-";
/// Private input ballots (not part of the public record).
pub const PLAINTEXT_BALLOTS_DIR: &str = "private_data/input";
/// Plaintext ballot files are `pballot-<ballotId>.json`.
pub const PLAINTEXT_BALLOT_PREFIX: &str = "pballot-";
/// Private guardian state (not part of the public record).
pub const TRUSTEES_DIR: &str = "private_data/trustees";
/// Trustee files are `decryptingTrustee-<guardianId>.json`.
pub const TRUSTEE_PREFIX: &str = "decryptingTrustee-";
/// The suffix of every record file.
pub const JSON_SUFFIX: &str = ".json";

/// One entry of a directory listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The file name.
    pub name: String,
    /// The full path.
    pub path: PathBuf,
    /// Whether the entry is a directory (following symbolic links).
    pub is_dir: bool,
}

/// The entries of `dir` sorted by name (byte order), leaving out hidden entries (names
/// starting with `.`). A name that is not UTF-8 is an error.
pub fn list_sorted(dir: &Path) -> Result<Vec<Entry>, RecordError> {
    let reader = std::fs::read_dir(dir).map_err(|e| RecordError::io(dir, e))?;
    let mut entries = Vec::new();
    for item in reader {
        let item = item.map_err(|e| RecordError::io(dir, e))?;
        let path = item.path();
        let Some(name) = item.file_name().to_str().map(str::to_string) else {
            return Err(unexpected(&path, "file name is not UTF-8"));
        };
        if name.starts_with('.') {
            continue;
        }
        let is_dir = std::fs::metadata(&path)
            .map_err(|e| RecordError::io(&path, e))?
            .is_dir();
        entries.push(Entry { name, path, is_dir });
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(entries)
}

/// Whether `name` is `<prefix><something>.json`.
pub fn is_record_file(name: &str, prefix: &str) -> bool {
    name.len() > prefix.len() + JSON_SUFFIX.len()
        && name.starts_with(prefix)
        && name.ends_with(JSON_SUFFIX)
}

/// The files of `dir` named `<prefix>*.json`, sorted by name; any other entry is an error,
/// so that no misnamed file is silently skipped.
pub fn prefixed_files(dir: &Path, prefix: &str) -> Result<Vec<PathBuf>, RecordError> {
    let mut files = Vec::new();
    for entry in list_sorted(dir)? {
        if entry.is_dir || !is_record_file(&entry.name, prefix) {
            return Err(unexpected(
                &entry.path,
                &format!("expected only {prefix}<id>{JSON_SUFFIX} files here"),
            ));
        }
        files.push(entry.path);
    }
    Ok(files)
}

/// An error for an entry that does not belong in an egk record directory.
pub fn unexpected(path: &Path, why: &str) -> RecordError {
    RecordError::io(
        path,
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not an egk record file: {why}"),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_file_names() {
        assert!(is_record_file("eballot-id-1.json", ENCRYPTED_BALLOT_PREFIX));
        assert!(!is_record_file("eballot-.json", ENCRYPTED_BALLOT_PREFIX));
        assert!(!is_record_file(
            "eballot-id-1.JSON",
            ENCRYPTED_BALLOT_PREFIX
        ));
        assert!(!is_record_file(
            "ballot_chain.json",
            ENCRYPTED_BALLOT_PREFIX
        ));
    }

    #[test]
    fn listing_is_sorted_skips_hidden_and_rejects_strangers() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["dballot-b.json", "dballot-a.json", ".DS_Store"] {
            std::fs::write(dir.path().join(name), b"{}").unwrap();
        }
        let files = prefixed_files(dir.path(), DECRYPTED_BALLOT_PREFIX).unwrap();
        let names: Vec<_> = files
            .iter()
            .filter_map(|p| p.file_name()?.to_str())
            .collect();
        assert_eq!(names, ["dballot-a.json", "dballot-b.json"]);

        std::fs::write(dir.path().join("notes.txt"), b"").unwrap();
        let err = prefixed_files(dir.path(), DECRYPTED_BALLOT_PREFIX)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("notes.txt") && err.contains("dballot-<id>.json"),
            "{err}"
        );
    }
}
