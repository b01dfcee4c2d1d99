//! `encrypted_ballots/<device>/ballot_chain.json` of an egk 2.0 record: the per-device
//! ballot list and, when confirmation codes are chained, the closing hash (spec 2.0 §3.4.3).
//!
//! Not described in the serialization notes; the shape is that of egk's
//! `EncryptedBallotChainJson` (egk-election-record-layout.md lists the file). Neither sample
//! record has one.

use super::hex::{HexString, UInt256Hex};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The ballot chain of one encrypting device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EncryptedBallotChainJson {
    /// The device.
    pub encrypting_device: String,
    /// Hex. Despite its name, with chaining this is **H_0** = H(H_E; 0x24, B_aux,0) of eq. 59
    /// (32 bytes), not B_aux,0; without chaining it is the config's B_aux,0.
    pub baux0: HexString,
    /// The device's ballots in the order they were encrypted: the order of the chain.
    pub ballot_ids: Vec<String>,
    /// H(B_ℓ): the confirmation code of the last ballot.
    pub last_confirmation_code: UInt256Hex,
    /// Whether codes are chained on this device.
    pub chaining: bool,
    /// The closing hash H̄ of eq. 61, when chaining.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing_hash: Option<UInt256Hex>,
    /// Free-form key/value pairs; egk omits the field when empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, String>,
}
