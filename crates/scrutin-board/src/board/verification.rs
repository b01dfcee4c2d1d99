//! The verifier's view of an election: its report on the record as it stands, cached per
//! tree size; the results, accepted only if the whole record with them passes every step of
//! spec §6.2; and the record's export, every item's bytes written at its key. Invariant:
//! results that fail verification are never appended.

use super::{internal, lock, Board, Receipt, REPLAY_PAGE};
use crate::election::Item;
use crate::error::BoardError;
use crate::items::is_safe_key;
use scrutin_core::ParameterSet;
use std::path::Path;
use std::sync::Arc;

impl Board {
    /// The verifier's report on the election's record as it stands (every step of spec
    /// §6.2 that the record allows), computed once per tree size.
    pub fn verification(&self, id: &str) -> Result<Arc<scrutin_verify::Report>, BoardError> {
        let (size, group) = self.with(id, |e| Ok((e.latest.size, e.row.group.clone())))?;
        if let Some((at, report)) = lock(&self.verified).get(id) {
            if *at == size {
                return Ok(Arc::clone(report));
            }
        }
        let dir = tempfile::tempdir().map_err(internal)?;
        self.write_record(id, dir.path(), &[])?;
        let options = scrutin_verify::Options {
            allow_test_parameters: group != scrutin_core::group::Standard::NAME,
        };
        let report = Arc::new(scrutin_verify::verify_directory(dir.path(), &options)?);
        lock(&self.verified).insert(id.to_string(), (size, Arc::clone(&report)));
        Ok(report)
    }

    /// Posts the results after verifying the whole record with them (Verifications 1–14):
    /// results that fail a step are refused with that step.
    pub fn post_results(&self, id: &str, items: Vec<Item>) -> Result<Receipt, BoardError> {
        let handle = self.election(id)?;
        let mut election = lock(&handle);
        if let Some(receipt) = election.existing(&items)? {
            return Ok(receipt);
        }
        election.rules.plan(&items)?;
        let dir = tempfile::tempdir().map_err(internal)?;
        self.write_record(id, dir.path(), &items)?;
        let options = scrutin_verify::Options {
            allow_test_parameters: election.row.group != scrutin_core::group::Standard::NAME,
        };
        let report = scrutin_verify::verify_directory(dir.path(), &options)?;
        if let Some(first) = report.failures().next() {
            let step = Some(first.step.to_owned());
            let all: Vec<String> = report.failures().map(|f| f.to_string()).collect();
            return Err(BoardError::Rejected {
                step,
                message: format!(
                    "the record with these results fails verification: {}",
                    all.join("; ")
                ),
            });
        }
        self.append(&mut election, items)
    }

    /// Writes the election's record — every item's bytes at its key — under `dir`, with
    /// `extra` items as if they were on the board.
    pub fn write_record(&self, id: &str, dir: &Path, extra: &[Item]) -> Result<(), BoardError> {
        let mut from = 0;
        loop {
            let page = self.read(|s| s.entries(id, from, REPLAY_PAGE))?;
            if page.is_empty() {
                break;
            }
            for entry in &page {
                write_item(dir, &entry.entry.key, &entry.entry.body)?;
                from = entry.entry.seq.saturating_add(1);
            }
        }
        for item in extra {
            write_item(dir, &item.key, &item.bytes)?;
        }
        Ok(())
    }
}

fn write_item(dir: &Path, key: &str, bytes: &[u8]) -> Result<(), BoardError> {
    if !is_safe_key(key) {
        return Err(internal(format!("the key {key:?} is not a safe path")));
    }
    let file = dir.join(key);
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).map_err(internal)?;
    }
    std::fs::write(&file, bytes).map_err(internal)
}
