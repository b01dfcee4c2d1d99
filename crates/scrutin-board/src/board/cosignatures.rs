//! Witness cosignatures of an election's checkpoints: checked by `crate::cosign`, accepted
//! only from a witness the administrator enrolled with that name and key, kept in the
//! store, and served appended to the checkpoint they cosign. Invariant: every stored
//! cosignature is by an enrolled witness's key, and a checkpoint carries at most
//! `MAX_WITNESSES` cosignatures.

use super::{internal, lock, now, Board};
use crate::cosign::{self, CosignError, CosignatureReceipt, CosignatureRequest, MAX_WITNESSES};
use crate::error::BoardError;
use crate::store::{CosignatureRow, Cosigned};

impl Board {
    /// Checks a witness's cosignature of one of the election's checkpoints and stores it
    /// (`crate::cosign`: the checkpoint must be one the board issued, the cosignature valid
    /// for the witness's key, and the witness enrolled in the election with that name and
    /// key). A witness's first cosignature of a checkpoint is kept; a retry returns it.
    pub fn cosign(
        &self,
        id: &str,
        request: &CosignatureRequest,
    ) -> Result<CosignatureReceipt, BoardError> {
        let (board_key, enrolled) = self.with(id, |e| {
            Ok((e.signer.verifier(), e.authors.witnesses().clone()))
        })?;
        let checked = cosign::check(request, &board_key, |size| {
            self.read(|s| s.checkpoint(id, size))
        })?;
        if enrolled.get(&checked.witness) != Some(&checked.vkey) {
            return Err(CosignError::NotEnrolled {
                witness: checked.witness,
                vkey: checked.vkey,
            }
            .into());
        }
        let row = CosignatureRow {
            size: checked.size,
            witness: checked.witness.clone(),
            vkey: checked.vkey.clone(),
            line: checked.line,
            created_at: now(),
        };
        let max = u64::try_from(MAX_WITNESSES).unwrap_or(u64::MAX);
        let created = match lock(&self.store).add_cosignature(id, &row, max)? {
            Cosigned::Added => true,
            Cosigned::Existing => false,
            Cosigned::KeyChanged(registered) => {
                return Err(CosignError::KeyChanged {
                    witness: checked.witness,
                    registered,
                }
                .into())
            }
            Cosigned::TooManyWitnesses => return Err(CosignError::TooManyWitnesses.into()),
        };
        let (checkpoint, cosignatures) = self
            .cosigned_checkpoint(id, checked.size)?
            .ok_or_else(|| internal(format!("the checkpoint of size {} vanished", row.size)))?;
        Ok(CosignatureReceipt {
            election: id.to_string(),
            witness: checked.witness,
            tree_size: checked.size,
            created,
            cosignatures,
            checkpoint,
        })
    }

    /// The signed checkpoint of size `size` with the cosignature lines of every witness
    /// that cosigned it appended (c2sp.org/signed-note: a note may carry several
    /// signatures), and how many there are; `None` if the board issued no checkpoint of
    /// that size.
    pub fn cosigned_checkpoint(
        &self,
        id: &str,
        size: u64,
    ) -> Result<Option<(String, usize)>, BoardError> {
        let mut store = lock(&self.store);
        let Some(row) = store.checkpoint(id, size)? else {
            return Ok(None);
        };
        let lines: Vec<String> = store
            .cosignatures(id, size)?
            .into_iter()
            .map(|c| c.line)
            .collect();
        Ok(Some((
            cosign::with_cosignatures(&row.note, &lines),
            lines.len().min(MAX_WITNESSES),
        )))
    }
}
