//! Where a 2.1 record is read from: a directory ([`super::layout::RecordDir`]), the board's
//! store, or files held in memory ([`MemoryRecord`]). A source answers for files by their name
//! in the record (a '/'-separated path from the record's root, as in `docs/record-format.md`);
//! the typed readers on top of it parse each file with the wire type of its name.

use super::layout::{
    chain_name, CHALLENGED_BALLOTS, CONSTANTS, ELECTION_CONFIG, ELECTION_INITIALIZED,
    ENCRYPTED_BALLOTS, ENCRYPTED_TALLY, MANIFEST, TALLY,
};
use super::manifest::Manifest;
use super::wire::*;
use crate::capped::{self, FileKind};
use crate::error::RecordError;
use crate::json_file;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A record to read. Implementations bound every read by the file kind's cap, and list
/// folders and files sorted by name, so that every source yields the same report.
pub trait RecordSource: Sync {
    /// How errors name the file `name`.
    fn path(&self, name: &str) -> PathBuf;

    /// The bytes of the file `name`, refused beyond `kind`'s cap.
    fn read(&self, name: &str, kind: FileKind) -> Result<Vec<u8>, RecordError>;

    /// The names of the folders directly in `folder`, sorted; none if `folder` is absent. The
    /// empty name is the record's root.
    fn folders(&self, folder: &str) -> Result<Vec<String>, RecordError>;

    /// The names of the entries directly in `folder` that may be files, sorted; none if
    /// `folder` is absent. The empty name is the record's root. A directory lists every entry, so that one that is not a regular
    /// file is refused when read, never skipped.
    fn files(&self, folder: &str) -> Result<Vec<String>, RecordError>;

    /// Reads `constants.json`.
    fn constants(&self) -> Result<ConstantsJson, RecordError> {
        read_json(self, CONSTANTS, FileKind::Record)
    }

    /// Reads `manifest.json` and validates it.
    fn manifest(&self) -> Result<Manifest, RecordError> {
        let bytes = self.read(MANIFEST, FileKind::Manifest)?;
        Manifest::from_bytes(&self.path(MANIFEST), bytes)
    }

    /// Reads `election_config.json`.
    fn config(&self) -> Result<ElectionConfigJson, RecordError> {
        read_json(self, ELECTION_CONFIG, FileKind::Record)
    }

    /// Reads `election_initialized.json`.
    fn initialized(&self) -> Result<ElectionInitializedJson, RecordError> {
        read_json(self, ELECTION_INITIALIZED, FileKind::Record)
    }

    /// Reads `encrypted_tally.json`.
    fn encrypted_tally(&self) -> Result<EncryptedTallyJson, RecordError> {
        read_json(self, ENCRYPTED_TALLY, FileKind::Record)
    }

    /// Reads `tally.json`.
    fn tally(&self) -> Result<DecryptedTallyJson, RecordError> {
        read_json(self, TALLY, FileKind::Record)
    }

    /// The device folders under `encrypted_ballots/`, sorted.
    fn devices(&self) -> Result<Vec<String>, RecordError> {
        self.folders(ENCRYPTED_BALLOTS)
    }

    /// Every `eballot-*.json`, sorted by device then file name.
    fn ballot_files(&self) -> Result<Vec<BallotFile>, RecordError> {
        let mut found = Vec::new();
        for device in self.devices()? {
            let folder = format!("{ENCRYPTED_BALLOTS}/{device}");
            for file in json_files(self, &folder, "eballot-")? {
                found.push(BallotFile {
                    device: device.clone(),
                    name: file.name,
                    path: file.path,
                });
            }
        }
        Ok(found)
    }

    /// Reads one encrypted ballot.
    fn ballot(&self, file: &BallotFile) -> Result<EncryptedBallotJson, RecordError> {
        read_json(self, &file.name, FileKind::Ballot)
    }

    /// Reads a device's `ballot_chain.json`.
    fn chain(&self, device: &str) -> Result<BallotChainJson, RecordError> {
        read_json(self, &chain_name(device), FileKind::Record)
    }

    /// Every `challenged_ballots/dballot-*.json`, sorted.
    fn challenged_files(&self) -> Result<Vec<FoundFile>, RecordError> {
        json_files(self, CHALLENGED_BALLOTS, "dballot-")
    }

    /// Reads one opened challenged ballot.
    fn challenged(&self, file: &FoundFile) -> Result<ChallengedBallotJson, RecordError> {
        read_json(self, &file.name, FileKind::Ballot)
    }
}

/// A file of the record, found but not yet read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct FoundFile {
    /// Its name in the record.
    pub name: String,
    /// How errors name it.
    pub path: PathBuf,
}

impl FoundFile {
    /// The last part of the name (the file name without its folders).
    pub fn file_name(&self) -> &str {
        self.name.rsplit('/').next().unwrap_or(&self.name)
    }
}

/// One encrypted ballot file, found but not yet read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct BallotFile {
    /// The device folder's name.
    pub device: String,
    /// Its name in the record.
    pub name: String,
    /// How errors name it.
    pub path: PathBuf,
}

/// Reads and parses the file `name` of `source`.
fn read_json<T: DeserializeOwned, S: RecordSource + ?Sized>(
    source: &S,
    name: &str,
    kind: FileKind,
) -> Result<T, RecordError> {
    let bytes = source.read(name, kind)?;
    json_file::parse(&source.path(name), &bytes)
}

/// The `.json` files of `folder` whose names start with `prefix`, sorted by name.
fn json_files<S: RecordSource + ?Sized>(
    source: &S,
    folder: &str,
    prefix: &str,
) -> Result<Vec<FoundFile>, RecordError> {
    Ok(source
        .files(folder)?
        .into_iter()
        .filter(|file| file.starts_with(prefix) && file.ends_with(".json"))
        .map(|file| {
            let name = format!("{folder}/{file}");
            FoundFile {
                path: source.path(&name),
                name,
            }
        })
        .collect())
}

/// The folders directly in `folder` among the file names `names` (a record's files, by
/// name), sorted and without repeats.
pub fn folders_among<'a>(names: impl Iterator<Item = &'a str>, folder: &str) -> Vec<String> {
    let mut found: Vec<String> = names
        .filter_map(|name| within(name, folder))
        .filter_map(|rest| rest.split_once('/').map(|(first, _)| first.to_string()))
        .collect();
    found.sort();
    found.dedup();
    found
}

/// The files directly in `folder` among the file names `names`, sorted.
pub fn files_among<'a>(names: impl Iterator<Item = &'a str>, folder: &str) -> Vec<String> {
    let mut found: Vec<String> = names
        .filter_map(|name| within(name, folder))
        .filter(|rest| !rest.contains('/'))
        .map(str::to_string)
        .collect();
    found.sort();
    found
}

/// The rest of `name` after `folder/`, if it is in that folder; the empty folder is the
/// record's root, which holds every name.
fn within<'a>(name: &'a str, folder: &str) -> Option<&'a str> {
    if folder.is_empty() {
        return Some(name);
    }
    name.strip_prefix(folder)?.strip_prefix('/')
}

/// A record held in memory: file names and their bytes.
#[derive(Clone, Debug, Default)]
pub struct MemoryRecord {
    files: BTreeMap<String, Vec<u8>>,
}

impl MemoryRecord {
    /// An empty record.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the file `name`.
    pub fn insert(&mut self, name: impl Into<String>, bytes: Vec<u8>) {
        self.files.insert(name.into(), bytes);
    }
}

impl RecordSource for MemoryRecord {
    fn path(&self, name: &str) -> PathBuf {
        PathBuf::from(name)
    }

    fn read(&self, name: &str, kind: FileKind) -> Result<Vec<u8>, RecordError> {
        let path = self.path(name);
        let bytes = self.files.get(name).ok_or_else(|| {
            RecordError::io(&path, std::io::Error::from(std::io::ErrorKind::NotFound))
        })?;
        capped::check_len(&path, kind, bytes.len())?;
        Ok(bytes.clone())
    }

    fn folders(&self, folder: &str) -> Result<Vec<String>, RecordError> {
        Ok(folders_among(self.files.keys().map(String::as_str), folder))
    }

    fn files(&self, folder: &str) -> Result<Vec<String>, RecordError> {
        Ok(files_among(self.files.keys().map(String::as_str), folder))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_folders_and_files_by_name() {
        let mut record = MemoryRecord::new();
        for name in [
            "encrypted_ballots/b/eballot-2.json",
            "encrypted_ballots/a/eballot-1.json",
            "encrypted_ballots/a/ballot_chain.json",
            "challenged_ballots/dballot-9.json",
            "challenged_ballots/notes.txt",
            "constants.json",
        ] {
            record.insert(name, b"{}".to_vec());
        }
        assert_eq!(record.devices().unwrap(), ["a", "b"]);
        let ballots = record.ballot_files().unwrap();
        let names: Vec<_> = ballots.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "encrypted_ballots/a/eballot-1.json",
                "encrypted_ballots/b/eballot-2.json"
            ]
        );
        let challenged = record.challenged_files().unwrap();
        assert_eq!(challenged.len(), 1);
        assert_eq!(challenged[0].file_name(), "dballot-9.json");
        assert!(record.folders("missing").unwrap().is_empty());
        assert_eq!(
            record.folders("").unwrap(),
            ["challenged_ballots", "encrypted_ballots"]
        );
        assert_eq!(record.files("").unwrap(), ["constants.json"]);
    }

    #[test]
    fn a_directory_lists_and_then_refuses_what_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let device = dir.path().join("encrypted_ballots/d1");
        std::fs::create_dir_all(device.join("eballot-2.json")).unwrap();
        std::fs::write(device.join("eballot-1.json"), b"{}").unwrap();
        let record = super::super::layout::RecordDir::new(dir.path());
        assert_eq!(record.devices().unwrap(), ["d1"]);
        let ballots = record.ballot_files().unwrap();
        assert_eq!(ballots.len(), 2);
        assert!(record.ballot(&ballots[1]).is_err());
    }

    #[test]
    fn refuses_missing_files() {
        let record = MemoryRecord::new();
        assert!(record.constants().is_err());
    }
}
