//! Signs a finished record directory: every item whose [`rule`] names an author gets its
//! signature file at `authorship/signatures/<key>`, made with that author's identity. A
//! record produced in one place (`scrutin demo`) carries its authorship this way, as a
//! board's record does item by item.

use super::author::{rule, Author, Rule};
use super::identity::Identity;
use super::items::{file_kind, record_items};
use super::paths;
use super::signature_file::SignatureFile;
use super::statement::Place;
use crate::error::RecordError;
use crate::json_file;
use crate::v21::layout::RecordDir;
use crate::v21::source::RecordSource;
use std::collections::BTreeMap;

/// The identities of an election's parties, for signing its items.
pub struct Signers {
    /// The administrator's.
    pub administrator: Identity,
    /// Guardian i's at position i − 1.
    pub guardians: Vec<Identity>,
    /// Each voting device's, by device name.
    pub devices: BTreeMap<String, Identity>,
}

impl Signers {
    /// The identity of `author`, if it is one of these.
    pub fn identity_of(&self, author: &Author) -> Option<&Identity> {
        match author {
            Author::Administrator => Some(&self.administrator),
            Author::Guardian(i) => self.guardians.get(usize::try_from(i.checked_sub(1)?).ok()?),
            Author::Device(name) => self.devices.get(name),
        }
    }
}

/// Why a record could not be signed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SignRecordError {
    /// A file could not be read or written.
    #[error(transparent)]
    Record(#[from] RecordError),
    /// An item's author is not among the signers.
    #[error("{item} must be signed by {author}, whose identity is not given")]
    NoIdentity {
        /// The item.
        item: String,
        /// Its author.
        author: String,
    },
}

/// Signs every item of `record` that has an author, in `place`, replacing any signature
/// file there; returns how many items were signed. Signatures are deterministic (RFC 8032),
/// so signing a record twice writes the same files.
pub fn sign_record(
    record: &RecordDir,
    place: Place<'_>,
    signers: &Signers,
) -> Result<usize, SignRecordError> {
    let mut signed = 0;
    for item in record_items(record)? {
        let Some(Rule::SignedBy(author)) = rule(item.kind, &item.key) else {
            continue;
        };
        let identity = signers
            .identity_of(&author)
            .ok_or_else(|| SignRecordError::NoIdentity {
                item: item.key.clone(),
                author: author.to_string(),
            })?;
        let bytes = record.read(&item.key, file_kind(item.kind))?;
        let file = SignatureFile::sign(identity, &author, place, item.kind, &item.key, &bytes);
        let path = record.path(&paths::signature_of(&item.key));
        json_file::write(&path, &file.to_json())?;
        signed += 1;
    }
    Ok(signed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authorship::{Kind, PublicKey};
    use rand_chacha::rand_core::SeedableRng;

    fn identity(seed: u64) -> Identity {
        Identity::generate(&mut rand_chacha::ChaCha20Rng::seed_from_u64(seed))
    }

    #[test]
    fn signs_each_item_by_its_author_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let record = RecordDir::new(dir.path());
        for name in [
            "tally.json",
            "encrypted_tally.json",
            "ceremony/guardian-2.json",
            "encrypted_ballots/d1/eballot-1.json",
            "encrypted_ballots/d1/ballot_chain.json",
        ] {
            json_file::write_bytes(&record.path(name), b"{}\n").unwrap();
        }
        let signers = Signers {
            administrator: identity(1),
            guardians: vec![identity(2), identity(3)],
            devices: BTreeMap::from([("d1".to_string(), identity(4))]),
        };
        let place = Place {
            origin: "demo.invalid/scrutin/e1",
            election: "e1",
        };
        assert_eq!(sign_record(&record, place, &signers).unwrap(), 3);
        let read = |key: &str| {
            let json = json_file::read(
                &record.path(&paths::signature_of(key)),
                crate::FileKind::Record,
            )
            .unwrap();
            SignatureFile::decode(&json).unwrap()
        };
        let guardian = read("ceremony/guardian-2.json");
        let expected: PublicKey = identity(3).public_key();
        guardian
            .check(
                place,
                (Kind::Guardian, "ceremony/guardian-2.json", b"{}\n"),
                &Author::Guardian(2),
                &expected,
            )
            .unwrap();
        assert_eq!(
            read("encrypted_ballots/d1/eballot-1.json").signer,
            "device-d1"
        );
        assert!(!record
            .path(&paths::signature_of("encrypted_tally.json"))
            .exists());
        // Signing again gives the same files.
        assert_eq!(sign_record(&record, place, &signers).unwrap(), 3);
        assert_eq!(read("tally.json").signer, "administrator");
    }

    #[test]
    fn an_author_without_identity_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let record = RecordDir::new(dir.path());
        json_file::write_bytes(&record.path("devices/d9.json"), b"{}\n").unwrap();
        let signers = Signers {
            administrator: identity(1),
            guardians: Vec::new(),
            devices: BTreeMap::new(),
        };
        let place = Place {
            origin: "o",
            election: "e",
        };
        let error = sign_record(&record, place, &signers).unwrap_err();
        assert!(error.to_string().contains("device-d9"), "{error}");
    }
}
