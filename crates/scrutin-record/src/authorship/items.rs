//! Every item of a record, found through its [`RecordSource`] listing: the files whose paths
//! an item of some kind can have ([`kind_of`]), with that kind. Both the verifier, which must
//! know every item to require its signature, and the signer of a finished record use it.

use super::author::kind_of;
use super::kind::Kind;
use crate::capped::FileKind;
use crate::error::RecordError;
use crate::v21::source::RecordSource;

/// One item of a record.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RecordItem {
    /// Its name in the record, which is its key on the board.
    pub key: String,
    /// Its kind.
    pub kind: Kind,
}

/// How many folders deep items lie at most: the signature of a ballot,
/// `authorship/signatures/encrypted_ballots/<device>/eballot-<id>.json`, is four folders
/// down, as is that of a message of a restarted decryption,
/// `authorship/signatures/decryption/attempt-<n>/<round>-<i>.json`. Nothing deeper is listed, which also bounds the walk of a directory whose folders
/// link back to their parents.
const MAX_DEPTH: usize = 4;

/// Every item of `record`, sorted by key.
pub fn record_items<S: RecordSource + ?Sized>(record: &S) -> Result<Vec<RecordItem>, RecordError> {
    let mut files = Vec::new();
    walk(record, "", 0, &mut files)?;
    let mut items: Vec<RecordItem> = files
        .into_iter()
        .filter_map(|key| kind_of(&key).map(|kind| RecordItem { key, kind }))
        .collect();
    items.sort();
    Ok(items)
}

/// Adds the names of the files in `folder` and, down to [`MAX_DEPTH`], its folders.
fn walk<S: RecordSource + ?Sized>(
    record: &S,
    folder: &str,
    depth: usize,
    out: &mut Vec<String>,
) -> Result<(), RecordError> {
    let folders = record.folders(folder)?;
    let join = |name: &str| {
        if folder.is_empty() {
            name.to_string()
        } else {
            format!("{folder}/{name}")
        }
    };
    // A directory lists its folders among its entries too; they are walked, not read.
    for file in record.files(folder)? {
        if !folders.contains(&file) {
            out.push(join(&file));
        }
    }
    if depth < MAX_DEPTH {
        for sub in &folders {
            walk(record, &join(sub), depth + 1, out)?;
        }
    }
    Ok(())
}

/// The size cap an item of `kind` is read with, as the verifier reads it elsewhere.
pub fn file_kind(kind: Kind) -> FileKind {
    match kind {
        Kind::Ballot | Kind::ChallengedBallot => FileKind::Ballot,
        Kind::Manifest => FileKind::Manifest,
        Kind::Constants
        | Kind::ElectionConfig
        | Kind::Roster
        | Kind::DeviceEnrolment
        | Kind::WitnessEnrolment
        | Kind::Signature
        | Kind::Guardian
        | Kind::Share
        | Kind::Acceptance
        | Kind::ElectionInitialized
        | Kind::Device
        | Kind::Close
        | Kind::BallotChain
        | Kind::EncryptedTally
        | Kind::DecryptionRestart
        | Kind::DecryptionCommit
        | Kind::DecryptionReveal
        | Kind::DecryptionResponse
        | Kind::Tally => FileKind::Record,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::v21::layout::RecordDir;
    use crate::v21::source::MemoryRecord;

    const NAMES: [&str; 6] = [
        "constants.json",
        "notes.txt",
        "authorship/roster.json",
        "authorship/signatures/encrypted_ballots/d/eballot-1.json",
        "encrypted_ballots/d/eballot-1.json",
        "encrypted_ballots/d/ballot_chain.json",
    ];

    fn expected() -> Vec<RecordItem> {
        let item = |key: &str, kind| RecordItem {
            key: key.into(),
            kind,
        };
        vec![
            item("authorship/roster.json", Kind::Roster),
            item(
                "authorship/signatures/encrypted_ballots/d/eballot-1.json",
                Kind::Signature,
            ),
            item("constants.json", Kind::Constants),
            item("encrypted_ballots/d/ballot_chain.json", Kind::BallotChain),
            item("encrypted_ballots/d/eballot-1.json", Kind::Ballot),
        ]
    }

    #[test]
    fn lists_the_items_of_a_record_in_memory_and_on_disk() {
        let mut memory = MemoryRecord::new();
        let dir = tempfile::tempdir().unwrap();
        for name in NAMES {
            memory.insert(name, b"{}".to_vec());
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, b"{}").unwrap();
        }
        assert_eq!(record_items(&memory).unwrap(), expected());
        assert_eq!(
            record_items(&RecordDir::new(dir.path())).unwrap(),
            expected()
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_linking_to_its_parent_is_walked_a_bounded_depth() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("tally.json"), b"{}").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let items = record_items(&RecordDir::new(dir.path())).unwrap();
        assert_eq!(
            items,
            [RecordItem {
                key: "tally.json".into(),
                kind: Kind::Tally
            }]
        );
    }
}
