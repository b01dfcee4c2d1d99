//! What an item of an election is: the kinds of the board's log leaves (docs/board-api.md,
//! "The log"), which also name what an authorship signature covers (`statement.rs`). The
//! board files every item under a kind; the verifier maps a record path back to its kind to
//! know who must have signed it (`author.rs`, `kind_of` and `rule`).

use crate::v21::working_layout::Round;

/// What an item is. The names are the `kind` of the log's leaves.
/// A closed set: the record format has exactly these items, and every `match` on a kind
/// names each, so that a new kind cannot slip through a wildcard arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `constants.json`, written by the board from the election's parameter set.
    Constants,
    /// `manifest.json`: the exact bytes the administrator signed.
    Manifest,
    /// `election_config.json`, written by the board: n, k, H_P, H_B.
    ElectionConfig,
    /// `authorship/roster.json`: the administrator's and the guardians' keys.
    Roster,
    /// `authorship/devices/<device>.json`: a voting device's key, enrolled by the administrator.
    DeviceEnrolment,
    /// `authorship/witnesses/<name>.json`: a witness's key, enrolled by the administrator.
    WitnessEnrolment,
    /// `authorship/signatures/<key>`: the signature of the item at `<key>`.
    Signature,
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
    /// `authorship/close.json`: the administrator's order to close the vote.
    Close,
    /// `encrypted_ballots/<device>/ballot_chain.json`, written by the board at closing.
    BallotChain,
    /// `encrypted_tally.json`, written by the board at closing.
    EncryptedTally,
    /// `decryption/restart-<n>.json`: the administrator restarts the decryption as attempt
    /// n with another set of available guardians.
    DecryptionRestart,
    /// `decryption/commit-<i>.json`, or `decryption/attempt-<n>/commit-<i>.json` in attempt
    /// n ≥ 2.
    DecryptionCommit,
    /// `decryption/reveal-<i>.json`, or in an attempt's folder.
    DecryptionReveal,
    /// `decryption/response-<i>.json`, or in an attempt's folder.
    DecryptionResponse,
    /// `tally.json`.
    Tally,
    /// `challenged_ballots/dballot-<id>.json`.
    ChallengedBallot,
}

/// Every kind, in the order an election produces them.
pub const KINDS: [Kind; 22] = [
    Kind::Constants,
    Kind::Manifest,
    Kind::ElectionConfig,
    Kind::Roster,
    Kind::DeviceEnrolment,
    Kind::WitnessEnrolment,
    Kind::Signature,
    Kind::Guardian,
    Kind::Share,
    Kind::Acceptance,
    Kind::ElectionInitialized,
    Kind::Device,
    Kind::Ballot,
    Kind::Close,
    Kind::BallotChain,
    Kind::EncryptedTally,
    Kind::DecryptionRestart,
    Kind::DecryptionCommit,
    Kind::DecryptionReveal,
    Kind::DecryptionResponse,
    Kind::Tally,
    Kind::ChallengedBallot,
];

impl Kind {
    /// The kind's name in the log and in signed statements.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Constants => "constants",
            Kind::Manifest => "manifest",
            Kind::ElectionConfig => "election_config",
            Kind::Roster => "roster",
            Kind::DeviceEnrolment => "device_enrolment",
            Kind::WitnessEnrolment => "witness_enrolment",
            Kind::Signature => "signature",
            Kind::Guardian => "guardian",
            Kind::Share => "share",
            Kind::Acceptance => "acceptance",
            Kind::ElectionInitialized => "election_initialized",
            Kind::Device => "device",
            Kind::Ballot => "ballot",
            Kind::Close => "close",
            Kind::BallotChain => "ballot_chain",
            Kind::EncryptedTally => "encrypted_tally",
            Kind::DecryptionRestart => "decryption_restart",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_round_trip() {
        for kind in KINDS {
            assert_eq!(Kind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(Kind::from_name("nothing"), None);
    }
}
