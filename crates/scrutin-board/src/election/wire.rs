//! The JSON forms of the board's own working files (docs/board-api.md): a guardian's
//! acceptance of the guardian record and a voting device's registration.

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
