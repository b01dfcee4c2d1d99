//! What a party's record folder remembers of its board, in `<record>/.scrutin/board.json`
//! (not part of the record: the record's readers never list the folder's root, and the
//! dot-folder is skipped by the egk reader): the board's checkpoint key, pinned at the first
//! pull, and the last signed checkpoint pulled. A later pull accepts only the same key and a
//! checkpoint that extends the remembered one (RFC 9162 §2.1.4), so that a board that swaps
//! its key, rolls its log back or forks it is caught (docs/network-election.md).

use crate::commands::failure::Failure;
use scrutin_log::{verify_consistency, Checkpoint, Hash};
use std::path::{Path, PathBuf};

/// The folder, in a record folder, of what scrutin keeps beside the record.
pub const STATE_DIR: &str = ".scrutin";

/// The file of [`Seen`] in [`STATE_DIR`].
pub const STATE_FILE: &str = "board.json";

/// The board as a record folder last saw it.
#[derive(Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seen {
    /// The board's URL at the last pull (for people; the key identifies the board).
    pub board: String,
    /// The election id.
    pub election: String,
    /// The board's checkpoint key (vkey), pinned at the first pull.
    pub vkey: String,
    /// The log's origin line.
    pub origin: String,
    /// The size of the last checkpoint pulled.
    pub size: u64,
    /// Its root, in standard base64 as in the checkpoint.
    pub root: String,
    /// The signed checkpoint itself: with the board's signature, evidence of what it showed.
    pub checkpoint: String,
}

/// Where [`Seen`] is kept for the record folder `record`.
pub fn path(record: &Path) -> PathBuf {
    record.join(STATE_DIR).join(STATE_FILE)
}

/// What `record` remembers of its board, or `None` before its first pull.
pub fn load(record: &Path) -> Result<Option<Seen>, Failure> {
    let file = path(record);
    if !file.exists() {
        return Ok(None);
    }
    Ok(Some(scrutin_record::json_file::read(
        &file,
        scrutin_record::FileKind::Record,
    )?))
}

/// Replaces what `record` remembers by `seen` (written to a temporary file, then renamed).
pub fn store(record: &Path, seen: &Seen) -> Result<(), Failure> {
    scrutin_record::json_file::write(&path(record), seen).map_err(Failure::write)
}

impl Seen {
    /// The root remembered.
    fn root(&self) -> Result<Hash, Failure> {
        Hash::from_base64(&self.root)
            .ok_or_else(|| Failure::bad_input(format!("{}: root: not a base64 hash", STATE_FILE)))
    }

    /// The board's key `vkey` must be the one pinned at the first pull.
    pub fn check_key(&self, vkey: &str) -> Result<(), Failure> {
        if self.vkey == vkey {
            return Ok(());
        }
        Err(misbehaviour(format!(
            "the board's checkpoint key changed: it gives {vkey} now, and gave {} at this \
             folder's first pull (kept in {STATE_DIR}/{STATE_FILE})",
            self.vkey
        )))
    }

    /// The new checkpoint `latest` (signed note `note`) must extend the remembered one: same
    /// origin, no smaller, the same root at the same size, and otherwise a consistency proof
    /// `proof` from the remembered size (RFC 9162 §2.1.4.2). `proof` is asked for only when
    /// the new checkpoint is larger.
    pub fn check_extended_by(
        &self,
        latest: &Checkpoint,
        note: &str,
        proof: impl FnOnce() -> Result<Vec<Hash>, Failure>,
    ) -> Result<(), Failure> {
        let old_root = self.root()?;
        let refused = |why: String| Err(self.not_extended(note, &why));
        if latest.origin != self.origin {
            return refused(format!(
                "its origin is {:?}, not {:?}",
                latest.origin, self.origin
            ));
        }
        match latest.size.cmp(&self.size) {
            std::cmp::Ordering::Less => refused(format!(
                "it has {} entries, fewer than the {} seen before",
                latest.size, self.size
            )),
            std::cmp::Ordering::Equal if latest.root != old_root => refused(format!(
                "it has the same {} entries with another root",
                latest.size
            )),
            std::cmp::Ordering::Equal => Ok(()),
            std::cmp::Ordering::Greater => {
                let proof = proof()?;
                match verify_consistency(self.size, &old_root, latest.size, &latest.root, &proof) {
                    Ok(()) => Ok(()),
                    Err(e) => refused(format!(
                        "the consistency proof from {} to {} entries fails: {e}",
                        self.size, latest.size
                    )),
                }
            }
        }
    }

    /// The failure of a board whose checkpoint `note` does not extend the remembered one,
    /// with both signed checkpoints as evidence.
    pub fn not_extended(&self, note: &str, why: &str) -> Failure {
        misbehaviour(format!(
            "the board shows a history that does not extend the one this folder pulled before \
             ({why}); nothing was written.\n\
             The checkpoint pulled before:\n{}\nThe checkpoint shown now:\n{note}",
            self.checkpoint
        ))
    }
}

/// Exit 1: the board did something an honest board never does.
fn misbehaviour(message: String) -> Failure {
    Failure::invalid(format!("board misbehaviour: {message}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use scrutin_log::{sign_checkpoint, Signer, Tree};

    fn tree(leaves: u8) -> Tree {
        let mut tree = Tree::new();
        for i in 0..leaves {
            tree.append(scrutin_log::leaf_hash(&[i]));
        }
        tree
    }

    fn seen_at(tree: &Tree) -> Seen {
        let signer = Signer::from_seed("board.test/scrutin/e", &[1; 32]).unwrap();
        let checkpoint = Checkpoint::new("board.test/scrutin/e", tree.size(), tree.root());
        Seen {
            board: "https://board.test".into(),
            election: "e".into(),
            vkey: signer.verifier().vkey(),
            origin: checkpoint.origin.clone(),
            size: checkpoint.size,
            root: checkpoint.root.to_base64(),
            checkpoint: sign_checkpoint(&checkpoint, &signer).unwrap(),
        }
    }

    fn checkpoint(tree: &Tree) -> Checkpoint {
        Checkpoint::new("board.test/scrutin/e", tree.size(), tree.root())
    }

    #[test]
    fn the_state_file_round_trips_in_the_dot_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(dir.path()).unwrap().is_none());
        let seen = seen_at(&tree(3));
        store(dir.path(), &seen).unwrap();
        assert!(dir.path().join(".scrutin/board.json").is_file());
        assert_eq!(load(dir.path()).unwrap(), Some(seen));
    }

    #[test]
    fn a_changed_key_is_board_misbehaviour() {
        let seen = seen_at(&tree(3));
        seen.check_key(&seen.vkey).unwrap();
        let failure = seen.check_key("other+01020304+AQ==").unwrap_err();
        assert_eq!(failure.exit, crate::exit::Exit::Invalid);
        assert!(
            failure.message.starts_with("board misbehaviour"),
            "{}",
            failure.message
        );
    }

    #[test]
    fn a_grown_log_needs_a_proof_that_checks() {
        let (old, new) = (tree(3), tree(7));
        let seen = seen_at(&old);
        let proof = new.consistency_proof(3, 7).unwrap();
        seen.check_extended_by(&checkpoint(&new), "note", || Ok(proof.clone()))
            .unwrap();
        let mut bad = proof;
        bad.reverse();
        let failure = seen
            .check_extended_by(&checkpoint(&new), "note", || Ok(bad))
            .unwrap_err();
        assert_eq!(failure.exit, crate::exit::Exit::Invalid);
        assert!(
            failure.message.contains("consistency proof"),
            "{}",
            failure.message
        );
        assert!(
            failure.message.contains(&seen.checkpoint),
            "{}",
            failure.message
        );
    }

    #[test]
    fn a_smaller_or_rewritten_log_is_refused_without_asking_a_proof() {
        let seen = seen_at(&tree(5));
        let no_proof = || -> Result<Vec<Hash>, Failure> { panic!("no proof is needed") };
        seen.check_extended_by(&checkpoint(&tree(5)), "note", no_proof)
            .unwrap();
        let smaller = seen
            .check_extended_by(&checkpoint(&tree(4)), "note", no_proof)
            .unwrap_err();
        assert!(smaller.message.contains("fewer"), "{}", smaller.message);
        let mut other = tree(4);
        other.append(scrutin_log::leaf_hash(b"another"));
        let forked = seen
            .check_extended_by(&checkpoint(&other), "note", no_proof)
            .unwrap_err();
        assert!(
            forked.message.contains("another root"),
            "{}",
            forked.message
        );
        for failure in [smaller, forked] {
            assert_eq!(failure.exit, crate::exit::Exit::Invalid);
        }
    }
}
