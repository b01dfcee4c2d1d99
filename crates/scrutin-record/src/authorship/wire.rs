//! The JSON forms of the authorship items (docs/record-format.md, "Authorship"): the
//! roster, device and witness enrolments, the order to close the vote, and the signature of
//! an item. Like every wire type, these hold text; [`super::roster::Roster::decode`] and
//! [`super::signature_file::SignatureFile::decode`] check it.

use serde::{Deserialize, Serialize};

/// A party and its public key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyJson {
    /// A name people recognise (1–128 characters, shown on the board's pages).
    pub name: String,
    /// The Ed25519 public key, 64 hex digits.
    pub public_key: String,
}

/// A guardian on the roster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardianPartyJson {
    /// The guardian's index i, 1..n.
    pub index: u32,
    /// A name people recognise.
    pub name: String,
    /// The Ed25519 public key, 64 hex digits.
    pub public_key: String,
}

/// `authorship/roster.json`: who runs the election, signed by its administrator and fixed
/// when the election is created.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterJson {
    /// The election id.
    pub election_id: String,
    /// The origin of the election's log on its board.
    pub origin: String,
    /// The parameter set's name (`standard-4096`, or a toy group in tests).
    pub group: String,
    /// n.
    pub number_of_guardians: u32,
    /// k.
    pub quorum: u32,
    /// The administrator, whose key signs the roster, enrolments, the close and the results.
    pub administrator: PartyJson,
    /// The n guardians, by index 1..n in order.
    pub guardians: Vec<GuardianPartyJson>,
}

/// `authorship/devices/<device>.json`: a voting device's key, enrolled by the administrator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceEnrolmentJson {
    /// The device's name, as its ballots' `voting_device`.
    pub voting_device: String,
    /// The device's Ed25519 public key, 64 hex digits.
    pub public_key: String,
}

/// `authorship/witnesses/<name>.json`: a witness whose cosignatures the election counts,
/// enrolled by the administrator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WitnessEnrolmentJson {
    /// The witness's key name.
    pub name: String,
    /// The witness's C2SP cosignature verifier key (`name+id+key`).
    pub vkey: String,
}

/// `authorship/close.json`: the administrator closes the vote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloseJson {
    /// The election id.
    pub election_id: String,
}

/// `authorship/signatures/<key>`: the signature of the item at `key`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureJson {
    /// The signed item's kind.
    pub kind: String,
    /// The signed item's key.
    pub key: String,
    /// SHA-256 of the signed item's bytes, 64 hex digits.
    pub sha256: String,
    /// Who signed: `administrator`, `guardian-<i>` or `device-<name>`.
    pub signer: String,
    /// The signer's Ed25519 public key, 64 hex digits.
    pub public_key: String,
    /// The Ed25519 signature of the statement (`statement.rs`), 128 hex digits.
    pub signature: String,
}
