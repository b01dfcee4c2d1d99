//! The files of a pull, held apart until every check has passed: they are written into a
//! temporary folder beside the record folder (in its parent, so on the same file system),
//! and moved into the record only once the checkpoint and every file's leaf hash are
//! checked. A pull that fails leaves the record folder as it was; the temporary folder is
//! removed when the staging is dropped.

use crate::commands::failure::Failure;
use scrutin_record::{capped, json_file, FileKind};
use std::path::{Path, PathBuf};

/// Files of a pull, not yet in the record.
pub struct Staging {
    record: PathBuf,
    dir: tempfile::TempDir,
    keys: Vec<String>,
}

impl Staging {
    /// An empty staging folder for a pull into `record`.
    pub fn beside(record: &Path) -> Result<Staging, Failure> {
        let parent = match record.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .map_err(|e| Failure::failed(format!("cannot create {}: {e}", parent.display())))?;
        let dir = tempfile::Builder::new()
            .prefix(".scrutin-pull-")
            .tempdir_in(&parent)
            .map_err(|e| {
                Failure::failed(format!(
                    "cannot create a temporary folder in {}: {e}",
                    parent.display()
                ))
            })?;
        Ok(Staging {
            record: record.to_path_buf(),
            dir,
            keys: Vec::new(),
        })
    }

    /// Stages `bytes` as the record file `key` (a safe relative path), unless the record
    /// has these bytes there already.
    pub fn put(&mut self, key: &str, bytes: &[u8]) -> Result<(), Failure> {
        let current = capped::read(&self.record.join(key), FileKind::Record).ok();
        if current.as_deref() == Some(bytes) {
            return Ok(());
        }
        json_file::write_bytes(&self.dir.path().join(key), bytes).map_err(Failure::write)?;
        self.keys.push(key.to_string());
        Ok(())
    }

    /// Moves every staged file into the record folder, in the order staged; returns how
    /// many.
    pub fn commit(self) -> Result<usize, Failure> {
        for key in &self.keys {
            let (staged, target) = (self.dir.path().join(key), self.record.join(key));
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| {
                    Failure::failed(format!("cannot create {}: {e}", parent.display()))
                })?;
            }
            std::fs::rename(&staged, &target).map_err(|e| {
                Failure::failed(format!("cannot move into {}: {e}", target.display()))
            })?;
        }
        Ok(self.keys.len())
    }
}
