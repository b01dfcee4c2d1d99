//! `constants.json`, `election_config.json` and `election_initialized.json` of an egk 2.0
//! record (egk-json-serialization.md, sections of the same names).
//!
//! The serialization notes are a draft (7/10/2023) and differ from the files egk wrote for
//! the 2.0.0 records: `election_config.json` has no `election_date`, `jurisdiction_info`
//! or `voting_device` fields, and its version string is `"v2.0.0"`. These types follow the
//! records (checked against both samples).

use super::crypto_json::SchnorrProofJson;
use super::hex::{ElementModPHex, UInt256Hex};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `constants.json`: the group parameters (spec 2.0 §3.1.1).
///
/// Big-endian hex of the integers. The notes fix no width; egk writes p, r and g with 1024
/// digits (r with leading zeros) and q with 64.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConstantsJson {
    /// A description of the group, e.g. "production group, low memory use, 4096 bits".
    pub name: String,
    /// p.
    pub large_prime: String,
    /// q.
    pub small_prime: String,
    /// r = (p − 1)/q.
    pub cofactor: String,
    /// g.
    pub generator: String,
}

/// `election_config.json`: the inputs of the key ceremony and the base hashes
/// (spec 2.0 §3.1.2–3.1.5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectionConfigJson {
    /// The specification version, `"v2.0.0"` in both samples (checked by Verification 1.A).
    pub config_version: String,
    /// n.
    pub number_of_guardians: u32,
    /// k.
    pub quorum: u32,
    /// H_P (eq. 4).
    pub parameter_base_hash: UInt256Hex,
    /// H_M (eq. 6), over the exact bytes of `manifest.json`.
    pub manifest_hash: UInt256Hex,
    /// H_B (eq. 7).
    pub election_base_hash: UInt256Hex,
    /// Whether confirmation codes are chained per device (§3.4.3).
    pub chain_confirmation_codes: bool,
    /// B_aux,0 (eq. 59–60), as a JSON array of byte values (not hex). Without chaining egk
    /// uses it as the B_aux of every ballot.
    pub baux0: Vec<u8>,
    /// Free-form key/value pairs; egk omits the field when empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, String>,
}

/// `election_initialized.json`: the output of the key ceremony (spec 2.0 §3.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectionInitializedJson {
    /// K, the joint election public key (eq. 8).
    pub joint_public_key: ElementModPHex,
    /// H_E (eq. 23).
    pub extended_base_hash: UInt256Hex,
    /// The n guardians.
    pub guardians: Vec<GuardianJson>,
    /// Free-form key/value pairs; egk omits the field when empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, String>,
}

/// A guardian G_i of `election_initialized.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardianJson {
    /// The guardian's name, e.g. "guardian1".
    pub guardian_id: String,
    /// i, starting at 1: the index in eq. 12 and the x of the guardian's share P(i).
    pub x_coordinate: u32,
    /// One proof per coefficient, in order j = 0..k−1; `coefficient_proofs[0].public_key` is
    /// K_i = K_{i,0}.
    pub coefficient_proofs: Vec<SchnorrProofJson>,
}
