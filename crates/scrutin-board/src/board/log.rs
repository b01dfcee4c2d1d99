//! The log transaction of an election: the entries that append items to the Merkle tree
//! (RFC 9162 §2.1) and the checkpoint signed over the new tree, written to the store in one
//! transaction; the keys, the rules' state and the latest checkpoint are updated only after
//! the store commits, and the tree is rebuilt from the store if it refuses. Invariant: memory
//! and store hold the same log. Also the receipts, with inclusion proofs against the latest
//! checkpoint.

use super::{hex, internal, lock, now, Board, Election, EntryReceipt, Receipt};
use crate::election::Item;
use crate::error::BoardError;
use crate::leaf::item_leaf_hash;
use crate::store::{CheckpointRow, NewEntry};
use scrutin_log::{sign_checkpoint, Checkpoint, Hash, Tree};

impl Board {
    /// Appends `items` to the election's log with a new signed checkpoint, in one store
    /// transaction (RFC 9162 §2.1 tree, C2SP signed-note checkpoint), and answers their
    /// receipt.
    pub(super) fn append(
        &self,
        election: &mut Election,
        items: Vec<Item>,
    ) -> Result<Receipt, BoardError> {
        let (entries, checkpoint) = election.extend(&items)?;
        let stored = lock(&self.store).append(&election.row.id, &entries, &checkpoint);
        if let Err(e) = stored {
            // The transaction rolled back: rebuild the tree from the store so that memory and
            // store agree again.
            let hashes = lock(&self.store).leaf_hashes(&election.row.id)?;
            election.tree = Tree::from_leaf_hashes(hashes.into_iter().map(Hash));
            return Err(e.into());
        }
        election.commit(items, checkpoint)?;
        election.receipt(&entries, true)
    }
}

impl Election {
    /// The receipt of a retry: `None` when no item is on the board; the original entries
    /// when every item is there with the same bytes; a conflict when one key holds another
    /// item, or when only some of the items are there.
    pub(super) fn existing(&self, items: &[Item]) -> Result<Option<Receipt>, BoardError> {
        let mut found = Vec::new();
        for item in items {
            if let Some(&seq) = self.keys.get(&item.key) {
                let same = self.tree.leaf(seq)
                    == Some(item_leaf_hash(item.kind.name(), &item.key, &item.bytes));
                if !same {
                    return Err(BoardError::Conflict {
                        key: item.key.clone(),
                        seq,
                    });
                }
                found.push(NewEntry {
                    seq,
                    kind: item.kind.name().into(),
                    key: item.key.clone(),
                    body: Vec::new(),
                    leaf_hash: item_leaf_hash(item.kind.name(), &item.key, &item.bytes).0,
                    code: item.code.clone(),
                });
            }
        }
        if found.is_empty() {
            return Ok(None);
        }
        if found.len() != items.len() {
            let first = found.first().map_or(0, |e| e.seq);
            let key = found.first().map(|e| e.key.clone()).unwrap_or_default();
            return Err(BoardError::Conflict { key, seq: first });
        }
        self.receipt(&found, false).map(Some)
    }

    /// The entries that append `items` to the tree, and the signed checkpoint after them.
    /// The tree is extended here; [`Board::append`] rebuilds it if the store refuses.
    pub(super) fn extend(
        &mut self,
        items: &[Item],
    ) -> Result<(Vec<NewEntry>, CheckpointRow), BoardError> {
        let mut entries = Vec::with_capacity(items.len());
        for item in items {
            if self.keys.contains_key(&item.key)
                || entries.iter().any(|e: &NewEntry| e.key == item.key)
            {
                return Err(BoardError::Conflict {
                    key: item.key.clone(),
                    seq: self.keys.get(&item.key).copied().unwrap_or(0),
                });
            }
            let leaf = item_leaf_hash(item.kind.name(), &item.key, &item.bytes);
            let seq = self.tree.append(leaf);
            entries.push(NewEntry {
                seq,
                kind: item.kind.name().into(),
                key: item.key.clone(),
                body: item.bytes.clone(),
                leaf_hash: leaf.0,
                code: item.code.clone(),
            });
        }
        let checkpoint =
            Checkpoint::new(self.row.origin.clone(), self.tree.size(), self.tree.root());
        let note = sign_checkpoint(&checkpoint, &self.signer).map_err(internal)?;
        Ok((
            entries,
            CheckpointRow {
                size: checkpoint.size,
                root: checkpoint.root.0,
                note,
                created_at: now(),
            },
        ))
    }

    /// After the store committed: the keys, the rules' state, the authors and the latest
    /// checkpoint.
    pub(super) fn commit(
        &mut self,
        items: Vec<Item>,
        checkpoint: CheckpointRow,
    ) -> Result<(), BoardError> {
        let first = checkpoint.size.saturating_sub(items.len() as u64);
        for (seq, item) in (first..).zip(&items) {
            self.keys.insert(item.key.clone(), seq);
            self.rules.absorb(item)?;
            self.authors.absorb(item)?;
        }
        self.latest = checkpoint;
        Ok(())
    }

    /// The receipt of `entries`, with inclusion proofs (RFC 9162 §2.1.3) against the latest
    /// checkpoint.
    pub(super) fn receipt(
        &self,
        entries: &[NewEntry],
        created: bool,
    ) -> Result<Receipt, BoardError> {
        let size = self.latest.size;
        let mut receipts = Vec::with_capacity(entries.len());
        for entry in entries {
            let proof = self
                .tree
                .inclusion_proof(entry.seq, size)
                .map_err(internal)?;
            receipts.push(EntryReceipt {
                seq: entry.seq,
                kind: entry.kind.clone(),
                key: entry.key.clone(),
                leaf_hash: hex(&Hash(entry.leaf_hash)),
                inclusion_proof: proof.iter().map(hex).collect(),
            });
        }
        Ok(Receipt {
            election: self.row.id.clone(),
            created,
            entries: receipts,
            tree_size: size,
            root: hex(&Hash(self.latest.root)),
            checkpoint: self.latest.note.clone(),
        })
    }
}
