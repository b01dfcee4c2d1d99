//! The JSON bodies of the board's API that are not record files of the specification: a
//! guardian's acceptance of the guardian record, a voting device's registration and the request
//! that creates an election (docs/board-api.md). The board parses them and its clients write
//! them, with these one definitions.

use scrutin_record::authorship::wire::RosterJson;
use serde::{Deserialize, Serialize};

/// `ceremony/acceptance-<i>.json`: guardian i has checked the shares it received (equations
/// 28–29) and accepts the guardian record whose hash is H_G (equation 27, §3.2.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptanceJson {
    /// The guardian i.
    pub guardian: u32,
    /// H_G as the guardian computed it, 64 hex digits.
    pub guardian_record_hash: String,
}

/// `devices/<device>.json`: a voting device and its S_device (§3.4.3), posted before its
/// first ballot so that the board can check every chaining field (Verification 8.C–8.F).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceJson {
    /// The device's name (letters, digits, `-`, `_`, `.`).
    pub voting_device: String,
    /// S_device, hashed into H_DI (equation 72).
    pub device_info: String,
}

/// The body of `POST /api/elections`: the roster the administrator signed and the manifest's
/// exact text (its bytes enter H_B, so they are stored as given).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateElectionJson {
    /// `authorship/roster.json`.
    pub roster: RosterJson,
    /// `manifest.json`, as text.
    pub manifest: String,
}
