//! The keys of an election's items on the board: the paths of their files in the election
//! record (docs/record-format.md), so that downloading the record is writing every item's
//! bytes to its key. Both the board, which files items under these keys, and a client, which
//! writes what it downloads under them, use these functions.

use scrutin_record::v21::layout::{self, RecordDir};
use scrutin_record::v21::working_layout::Round;
use std::path::Path;

/// Where items' files go: keys are relative paths, built with the record's own layout.
fn relative() -> RecordDir {
    RecordDir::new("")
}

fn text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The keys of the items.
pub mod key {
    use super::*;

    /// `constants.json`.
    pub fn constants() -> String {
        layout::CONSTANTS.into()
    }
    /// `manifest.json`.
    pub fn manifest() -> String {
        layout::MANIFEST.into()
    }
    /// `election_config.json`.
    pub fn election_config() -> String {
        layout::ELECTION_CONFIG.into()
    }
    /// `election_initialized.json`.
    pub fn election_initialized() -> String {
        layout::ELECTION_INITIALIZED.into()
    }
    /// `encrypted_tally.json`.
    pub fn encrypted_tally() -> String {
        layout::ENCRYPTED_TALLY.into()
    }
    /// `tally.json`.
    pub fn tally() -> String {
        layout::TALLY.into()
    }
    /// `ceremony/guardian-<i>.json`.
    pub fn guardian(index: u32) -> String {
        text(&relative().guardian_key_path(index))
    }
    /// `ceremony/shares/share-<from>-to-<to>.json`.
    pub fn share(from: u32, to: u32) -> String {
        text(&relative().share_path(from, to))
    }
    /// `ceremony/acceptance-<i>.json`.
    pub fn acceptance(index: u32) -> String {
        format!("ceremony/acceptance-{index}.json")
    }
    /// `devices/<device>.json`.
    pub fn device(device: &str) -> String {
        format!("devices/{device}.json")
    }
    /// `encrypted_ballots/<device>/eballot-<id>.json`.
    pub fn ballot(device: &str, ballot_id: &str) -> String {
        text(&relative().ballot_path(device, ballot_id))
    }
    /// `encrypted_ballots/<device>/ballot_chain.json`.
    pub fn ballot_chain(device: &str) -> String {
        text(&relative().chain_path(device))
    }
    /// `decryption/<round>-<i>.json`: a message of the decryption's first attempt.
    pub fn decryption(round: Round, guardian: u32) -> String {
        text(&relative().message_path(round, guardian))
    }
    /// A message of attempt `attempt`: `decryption/<round>-<i>.json` for the first,
    /// `decryption/attempt-<n>/<round>-<i>.json` after a restart.
    pub fn attempt_decryption(attempt: u32, round: Round, guardian: u32) -> String {
        text(&relative().attempt_message_path(attempt, round, guardian))
    }
    /// `decryption/restart-<n>.json`.
    pub fn decryption_restart(attempt: u32) -> String {
        scrutin_record::v21::working_attempts::restart_key(attempt)
    }
    /// `challenged_ballots/dballot-<id>.json`.
    pub fn challenged(ballot_id: &str) -> String {
        text(&relative().challenged_path(ballot_id))
    }
}

/// Whether `key` can be written under a record directory: a relative path of plain names
/// (letters, digits, `-`, `_`, `.`, none starting with `.`). Every key the board makes is;
/// the board's export and a client's download check again before they write.
pub fn is_safe_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .split('/')
            .all(|part| scrutin_record::v21::layout::check_file_id(part).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_record_paths() {
        assert_eq!(key::guardian(3), "ceremony/guardian-3.json");
        assert_eq!(key::share(1, 2), "ceremony/shares/share-1-to-2.json");
        assert_eq!(
            key::ballot("booth-1", "b-7"),
            "encrypted_ballots/booth-1/eballot-b-7.json"
        );
        assert_eq!(
            key::ballot_chain("booth-1"),
            "encrypted_ballots/booth-1/ballot_chain.json"
        );
        assert_eq!(
            key::decryption(Round::Respond, 2),
            "decryption/response-2.json"
        );
        assert_eq!(
            key::attempt_decryption(1, Round::Commit, 2),
            "decryption/commit-2.json"
        );
        assert_eq!(
            key::attempt_decryption(3, Round::Reveal, 2),
            "decryption/attempt-3/reveal-2.json"
        );
        assert_eq!(key::decryption_restart(2), "decryption/restart-2.json");
        assert_eq!(
            key::challenged("b-4"),
            "challenged_ballots/dballot-b-4.json"
        );
    }

    #[test]
    fn unsafe_keys_are_refused() {
        assert!(is_safe_key("encrypted_ballots/d/eballot-1.json"));
        for bad in [
            "",
            "../x",
            "a//b",
            "/etc/passwd",
            "a/../b",
            "a/.hidden",
            "a b",
        ] {
            assert!(!is_safe_key(bad), "{bad}");
        }
    }
}
