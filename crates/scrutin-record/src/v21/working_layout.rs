//! Where the working files of the roles live in a record directory (documented in
//! `docs/record-format.md`, "Working files of the roles"). They sit beside the record, in
//! `ceremony/` and `decryption/`, and the verifier never reads them.

use super::layout::RecordDir;
use crate::error::RecordError;
use std::path::PathBuf;

/// `ceremony/`: the guardians' public keys and encrypted shares during the key ceremony.
pub const CEREMONY: &str = "ceremony";
/// `ceremony/shares/`.
pub const SHARES: &str = "shares";
/// `decryption/`: the guardians' messages of the three decryption rounds.
pub const DECRYPTION: &str = "decryption";

/// A round of the decryption protocol (§3.6.5), which names its message files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Round {
    /// Round 1: partial decryptions and commitment hashes, `commit-<i>.json`.
    Commit,
    /// Round 2: the commitment pairs, `reveal-<i>.json`.
    Reveal,
    /// Round 3: the responses, `response-<i>.json`.
    Respond,
}

impl Round {
    /// The file-name prefix of the round's messages.
    pub fn prefix(self) -> &'static str {
        match self {
            Round::Commit => "commit",
            Round::Reveal => "reveal",
            Round::Respond => "response",
        }
    }
}

impl RecordDir {
    /// `ceremony/guardian-<index>.json`: guardian `index`'s public key (a `GuardianJson`).
    pub fn guardian_key_path(&self, index: u32) -> PathBuf {
        self.path(CEREMONY).join(format!("guardian-{index}.json"))
    }

    /// `ceremony/shares/share-<from>-to-<to>.json`.
    pub fn share_path(&self, from: u32, to: u32) -> PathBuf {
        self.path(CEREMONY)
            .join(SHARES)
            .join(format!("share-{from}-to-{to}.json"))
    }

    /// `decryption/<round>-<guardian>.json`: a message of the first attempt
    /// (`super::working_attempts` for the others).
    pub fn message_path(&self, round: Round, guardian: u32) -> PathBuf {
        self.attempt_message_path(super::working_attempts::FIRST_ATTEMPT, round, guardian)
    }

    /// The guardians that have a message of `round` in `decryption/` (the first attempt),
    /// increasing. Other files are ignored.
    pub fn message_senders(&self, round: Round) -> Result<Vec<u32>, RecordError> {
        self.attempt_message_senders(super::working_attempts::FIRST_ATTEMPT, round)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_paths_and_senders() {
        let dir = tempfile::tempdir().unwrap();
        let record = RecordDir::new(dir.path());
        assert!(record
            .share_path(2, 3)
            .ends_with("ceremony/shares/share-2-to-3.json"));
        assert!(record
            .guardian_key_path(4)
            .ends_with("ceremony/guardian-4.json"));
        assert_eq!(
            record.message_senders(Round::Commit).unwrap(),
            Vec::<u32>::new()
        );
        std::fs::create_dir_all(record.path(DECRYPTION)).unwrap();
        for name in [
            "commit-3.json",
            "commit-1.json",
            "reveal-2.json",
            "commit-x.json",
        ] {
            std::fs::write(record.path(DECRYPTION).join(name), b"{}").unwrap();
        }
        assert_eq!(record.message_senders(Round::Commit).unwrap(), vec![1, 3]);
        assert_eq!(record.message_senders(Round::Reveal).unwrap(), vec![2]);
        assert!(record
            .message_path(Round::Respond, 2)
            .ends_with("decryption/response-2.json"));
    }
}
