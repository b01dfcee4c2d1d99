//! One election's record as the board stores it, for the verifier: each item's key is its
//! file name in the record (`items::key`), so the verifier reads the record straight from
//! the store, without writing it out. Items not yet on the board (results being posted) can
//! be laid over the stored ones.

use crate::board::Board;
use crate::election::Item;
use crate::error::BoardError;
use scrutin_record::capped::{self, FileKind};
use scrutin_record::v21::source::{files_among, folders_among, RecordSource};
use scrutin_record::RecordError;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

/// The record of election `election`: the items under `keys` in the store, and `extra`
/// items over them.
pub struct StoredRecord<'b> {
    board: &'b Board,
    election: String,
    keys: BTreeSet<String>,
    extra: BTreeMap<String, Vec<u8>>,
    /// The first failure of the store itself, which is the board's fault, not the record's.
    store_failure: Mutex<Option<BoardError>>,
}

impl<'b> StoredRecord<'b> {
    /// The record of `election` made of the stored items under `keys` (a snapshot of the
    /// election's keys: stored items never change, so reading them later is consistent) and
    /// `extra` items as if they were on the board.
    pub fn new(
        board: &'b Board,
        election: &str,
        keys: impl IntoIterator<Item = String>,
        extra: &[Item],
    ) -> Self {
        StoredRecord {
            board,
            election: election.to_string(),
            keys: keys.into_iter().collect(),
            extra: extra
                .iter()
                .map(|item| (item.key.clone(), item.bytes.clone()))
                .collect(),
            store_failure: Mutex::new(None),
        }
    }

    /// Fails if the store failed while the record was read: the verifier then saw a file as
    /// missing, and its answer says nothing about the record.
    pub fn check_store(&self) -> Result<(), BoardError> {
        let failure = self
            .store_failure
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        failure.map_or(Ok(()), Err)
    }

    fn names(&self) -> impl Iterator<Item = &str> {
        self.keys
            .iter()
            .chain(self.extra.keys())
            .map(String::as_str)
    }

    fn stored(&self, name: &str) -> Result<Option<Vec<u8>>, BoardError> {
        if !self.keys.contains(name) {
            return Ok(None);
        }
        let entry = self
            .board
            .read(|store| store.entry_by_key(&self.election, name))?;
        Ok(entry.map(|e| e.entry.body))
    }

    fn missing(&self, name: &str) -> RecordError {
        RecordError::io(
            self.path(name),
            std::io::Error::from(std::io::ErrorKind::NotFound),
        )
    }
}

impl RecordSource for StoredRecord<'_> {
    fn path(&self, name: &str) -> PathBuf {
        PathBuf::from(name)
    }

    fn read(&self, name: &str, kind: FileKind) -> Result<Vec<u8>, RecordError> {
        let bytes = match self.extra.get(name) {
            Some(bytes) => bytes.clone(),
            None => match self.stored(name) {
                Ok(Some(bytes)) => bytes,
                Ok(None) => return Err(self.missing(name)),
                Err(e) => {
                    let mut failure = self
                        .store_failure
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner);
                    failure.get_or_insert(e);
                    return Err(self.missing(name));
                }
            },
        };
        capped::check_len(&self.path(name), kind, bytes.len())?;
        Ok(bytes)
    }

    fn folders(&self, folder: &str) -> Result<Vec<String>, RecordError> {
        Ok(folders_among(self.names(), folder))
    }

    fn files(&self, folder: &str) -> Result<Vec<String>, RecordError> {
        let mut files = files_among(self.names(), folder);
        // An extra item may have the key of a stored one.
        files.dedup();
        Ok(files)
    }
}
