//! The items of an election on the board: their kinds, and their keys, which are the paths
//! of their files in the election record (docs/record-format.md) — so that downloading the
//! record is writing every item's bytes to its key.

use scrutin_record::v21::layout::{self, RecordDir};
use scrutin_record::v21::working_layout::Round;
use std::path::Path;

/// What an item is. The names are the `kind` of the log's leaves (docs/board-api.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `constants.json`, written by the board from the election's parameter set.
    Constants,
    /// `manifest.json`: the exact bytes the administrator posted.
    Manifest,
    /// `election_config.json`, written by the board: n, k, H_P, H_B.
    ElectionConfig,
    /// `ceremony/guardian-<i>.json`: a guardian's public key with its proofs.
    Guardian,
    /// `ceremony/shares/share-<i>-to-<l>.json`: an encrypted share.
    Share,
    /// `ceremony/acceptance-<i>.json`: a guardian's acceptance of H_G (§3.2.2).
    Acceptance,
    /// `election_initialized.json`, written by the board when every guardian has accepted.
    ElectionInitialized,
    /// `devices/<device>.json`: a voting device's S_device, posted before its first ballot.
    Device,
    /// `encrypted_ballots/<device>/eballot-<id>.json`.
    Ballot,
    /// `encrypted_ballots/<device>/ballot_chain.json`, written by the board at closing.
    BallotChain,
    /// `encrypted_tally.json`, written by the board at closing.
    EncryptedTally,
    /// `decryption/commit-<i>.json`.
    DecryptionCommit,
    /// `decryption/reveal-<i>.json`.
    DecryptionReveal,
    /// `decryption/response-<i>.json`.
    DecryptionResponse,
    /// `tally.json`.
    Tally,
    /// `challenged_ballots/dballot-<id>.json`.
    ChallengedBallot,
}

/// Every kind, in the order an election produces them.
pub const KINDS: [Kind; 16] = [
    Kind::Constants,
    Kind::Manifest,
    Kind::ElectionConfig,
    Kind::Guardian,
    Kind::Share,
    Kind::Acceptance,
    Kind::ElectionInitialized,
    Kind::Device,
    Kind::Ballot,
    Kind::BallotChain,
    Kind::EncryptedTally,
    Kind::DecryptionCommit,
    Kind::DecryptionReveal,
    Kind::DecryptionResponse,
    Kind::Tally,
    Kind::ChallengedBallot,
];

impl Kind {
    /// The kind's name in the log.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Constants => "constants",
            Kind::Manifest => "manifest",
            Kind::ElectionConfig => "election_config",
            Kind::Guardian => "guardian",
            Kind::Share => "share",
            Kind::Acceptance => "acceptance",
            Kind::ElectionInitialized => "election_initialized",
            Kind::Device => "device",
            Kind::Ballot => "ballot",
            Kind::BallotChain => "ballot_chain",
            Kind::EncryptedTally => "encrypted_tally",
            Kind::DecryptionCommit => "decryption_commit",
            Kind::DecryptionReveal => "decryption_reveal",
            Kind::DecryptionResponse => "decryption_response",
            Kind::Tally => "tally",
            Kind::ChallengedBallot => "challenged_ballot",
        }
    }

    /// The kind named `name`.
    pub fn from_name(name: &str) -> Option<Kind> {
        KINDS.into_iter().find(|k| k.name() == name)
    }

    /// The kind of a decryption round's messages.
    pub fn of_round(round: Round) -> Kind {
        match round {
            Round::Commit => Kind::DecryptionCommit,
            Round::Reveal => Kind::DecryptionReveal,
            Round::Respond => Kind::DecryptionResponse,
        }
    }
}

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
    /// `decryption/<round>-<i>.json`.
    pub fn decryption(round: Round, guardian: u32) -> String {
        text(&relative().message_path(round, guardian))
    }
    /// `challenged_ballots/dballot-<id>.json`.
    pub fn challenged(ballot_id: &str) -> String {
        text(&relative().challenged_path(ballot_id))
    }
}

/// Whether `key` can be written under a record directory: a relative path of plain names
/// (letters, digits, `-`, `_`, `.`, none starting with `.`). Every key the board makes is;
/// the export checks again before it writes.
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
            key::challenged("b-4"),
            "challenged_ballots/dballot-b-4.json"
        );
    }

    #[test]
    fn kind_names_round_trip() {
        for kind in KINDS {
            assert_eq!(Kind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(Kind::from_name("nothing"), None);
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
