//! Serde forms of the 2.1 record files. Field names follow egk where the data is the same.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `constants.json`: the group (§3.1.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConstantsJson {
    /// The parameter set's name.
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

/// `manifest.json`: the election manifest (§3.1.3). H_B hashes this file's exact bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestJson {
    /// The unique, descriptive label of the election.
    pub label: String,
    /// Always "v2.1.0".
    pub spec_version: String,
    /// The ordered contest list; a contest's index is its position, starting at 1.
    pub contests: Vec<ContestJson>,
    /// The ordered ballot-style list.
    pub ballot_styles: Vec<BallotStyleJson>,
    /// How confirmation codes are chained on each device: "none" or "simple" (§3.4.4).
    pub chaining: String,
    /// Free-form accompanying data (names, dates, jurisdiction).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub info: BTreeMap<String, String>,
}

/// A contest of the manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContestJson {
    /// The contest label, unique in the election.
    pub label: String,
    /// The ordered options; an option's index is its position, starting at 1.
    pub options: Vec<OptionJson>,
    /// R: the option selection limit.
    pub option_limit: u64,
    /// L: the contest selection limit.
    pub selection_limit: u64,
    /// b_Λ: the number of 32-byte blocks of contest data (0: none).
    #[serde(default)]
    pub data_blocks: u32,
}

/// A selectable option of a contest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionJson {
    /// The option label, unique in its contest.
    pub label: String,
}

/// A ballot style: the contests that appear on ballots of this style.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotStyleJson {
    /// The style label, unique in the election.
    pub label: String,
    /// Contest indices (1-based).
    pub contests: Vec<u32>,
}

/// `election_config.json`: the inputs of the key ceremony and the base hashes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectionConfigJson {
    /// The specification version, "v2.1.0".
    pub config_version: String,
    /// n.
    pub number_of_guardians: u32,
    /// k.
    pub quorum: u32,
    /// H_P (equation 4).
    pub parameter_base_hash: String,
    /// H_B (equation 5).
    pub election_base_hash: String,
    /// Free-form metadata.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, String>,
}

/// `election_initialized.json`: the guardian record and the joint keys (§3.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectionInitializedJson {
    /// K (equation 25).
    pub joint_public_key: String,
    /// K̂ (equation 26).
    pub joint_data_key: String,
    /// H_G (equation 27).
    pub guardian_record_hash: String,
    /// H_E (equation 30).
    pub extended_base_hash: String,
    /// One entry per guardian, in index order.
    pub guardians: Vec<GuardianJson>,
}

/// The public record of one guardian (§3.2.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardianJson {
    /// A name for people.
    pub guardian_id: String,
    /// The guardian index i (1-based).
    pub x_coordinate: u32,
    /// K_{i,0..k−1} (equation 8).
    pub vote_commitments: Vec<String>,
    /// K̂_{i,0..k−1}.
    pub data_commitments: Vec<String>,
    /// κ_i (equation 9).
    pub communication_key: String,
    /// The compact proof of equation 11.
    pub vote_proof: CompactProofJson,
    /// The compact proof of equation 13.
    pub data_proof: CompactProofJson,
}

/// A compact Schnorr proof (c, v_0, …, v_k).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompactProofJson {
    /// c.
    pub challenge: String,
    /// v_0..v_k.
    pub responses: Vec<String>,
}

/// An ElGamal ciphertext, named as egk names it: pad = α, data = β.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CiphertextJson {
    /// α.
    pub pad: String,
    /// β.
    pub data: String,
}

/// One (challenge, response) pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChallengeResponseJson {
    /// c.
    pub challenge: String,
    /// v.
    pub response: String,
}

/// A range proof: the pairs (c_j, v_j) for j = 0..R.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeProofJson {
    /// (c_j, v_j) in order of j.
    pub proofs: Vec<ChallengeResponseJson>,
}

/// A hashed-ElGamal ciphertext (C0, C1, C2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HashedCiphertextJson {
    /// C0.
    pub c0: String,
    /// C1, hex.
    pub c1: String,
    /// C2 = (c, v).
    pub proof: ChallengeResponseJson,
}

/// `encrypted_ballots/<device>/eballot-<id>.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EncryptedBallotJson {
    /// A name for the ballot, unique in the election; the file name carries it.
    pub ballot_id: String,
    /// The label of the ballot style.
    pub ballot_style: String,
    /// The device that encrypted it.
    pub voting_device: String,
    /// Seconds since the Unix epoch when it was encrypted.
    pub timestamp: u64,
    /// id_B, 64 hex digits (§3.3.2).
    pub selection_identifier: String,
    /// H_I (equation 32).
    pub identifier_hash: String,
    /// The ballot weight (§3.5); 1 by default.
    #[serde(default = "one")]
    pub weight: u64,
    /// "CAST" or "CHALLENGED".
    pub state: String,
    /// The encrypted ballot nonce (§3.3.4).
    pub encrypted_nonce: HashedCiphertextJson,
    /// B_C, 72 hex digits (§3.4.2).
    pub chaining_field: String,
    /// H_C (equation 71).
    pub confirmation_code: String,
    /// The contests of the ballot's style, in manifest order.
    pub contests: Vec<EncryptedContestJson>,
}

fn one() -> u64 {
    1
}

/// One contest of an encrypted ballot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EncryptedContestJson {
    /// The contest label.
    pub contest_id: String,
    /// The contest index.
    pub sequence_order: u32,
    /// χ_l (equation 70).
    pub contest_hash: String,
    /// The options, in order.
    pub selections: Vec<EncryptedSelectionJson>,
    /// The selection-limit proof (§3.3.8).
    pub proof: RangeProofJson,
    /// The encrypted contest data (§3.3.10), when the contest has data blocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypted_contest_data: Option<HashedCiphertextJson>,
}

/// One option of an encrypted contest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EncryptedSelectionJson {
    /// The option label.
    pub selection_id: String,
    /// The option index.
    pub sequence_order: u32,
    /// (α, β).
    pub encrypted_vote: CiphertextJson,
    /// The range proof (§3.3.7).
    pub proof: RangeProofJson,
}

/// `encrypted_ballots/<device>/ballot_chain.json`: the order of a device's ballots and, for
/// simple chaining, the chain's closing hash (§3.4.4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotChainJson {
    /// The device.
    pub voting_device: String,
    /// S_device, the string hashed into H_DI (equation 72).
    pub device_info: String,
    /// "none" or "simple".
    pub chaining: String,
    /// The ballot ids in the order the device produced them.
    pub ballot_ids: Vec<String>,
    /// H of equation 77, for simple chaining.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing_hash: Option<String>,
}

/// `encrypted_tally.json`: the aggregate ciphertext of every option (§3.5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EncryptedTallyJson {
    /// A name for the tally.
    pub tally_id: String,
    /// The contests, in manifest order.
    pub contests: Vec<EncryptedTallyContestJson>,
    /// The ballots aggregated, by id.
    pub cast_ballot_ids: Vec<String>,
}

/// One contest of the encrypted tally.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EncryptedTallyContestJson {
    /// The contest label.
    pub contest_id: String,
    /// The contest index.
    pub sequence_order: u32,
    /// The options.
    pub selections: Vec<EncryptedTallySelectionJson>,
}

/// One option of the encrypted tally.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EncryptedTallySelectionJson {
    /// The option label.
    pub selection_id: String,
    /// The option index.
    pub sequence_order: u32,
    /// (A, B).
    pub encrypted_vote: CiphertextJson,
}

/// `tally.json`: the decrypted tally with proofs (§3.6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecryptedTallyJson {
    /// The tally's name.
    pub id: String,
    /// The guardians whose partial decryptions were combined (the set U).
    pub available_guardians: Vec<u32>,
    /// The contests.
    pub contests: Vec<DecryptedContestJson>,
}

/// One contest of the decrypted tally.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecryptedContestJson {
    /// The contest label.
    pub contest_id: String,
    /// The contest index.
    pub sequence_order: u32,
    /// The options.
    pub selections: Vec<DecryptedSelectionJson>,
}

/// One option of the decrypted tally.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecryptedSelectionJson {
    /// The option label.
    pub selection_id: String,
    /// The option index.
    pub sequence_order: u32,
    /// t.
    pub tally: u64,
    /// (A, B), repeated from the encrypted tally.
    pub encrypted_vote: CiphertextJson,
    /// M = A^s (equation 86).
    pub decryption: String,
    /// (c, v) (equations 90–93).
    pub proof: ChallengeResponseJson,
}

/// `challenged_ballots/dballot-<id>.json`: a challenged ballot opened with its selection nonces
/// (§3.6.7).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChallengedBallotJson {
    /// The ballot id, as in its eballot file.
    pub ballot_id: String,
    /// The contests.
    pub contests: Vec<ChallengedContestJson>,
}

/// One contest of an opened challenged ballot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChallengedContestJson {
    /// The contest label.
    pub contest_id: String,
    /// The contest index.
    pub sequence_order: u32,
    /// The options with their values and nonces.
    pub selections: Vec<ChallengedSelectionJson>,
    /// The decrypted contest data, hex, with its nonce, when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contest_data: Option<OpenedDataJson>,
}

/// One option of an opened challenged ballot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChallengedSelectionJson {
    /// The option label.
    pub selection_id: String,
    /// The option index.
    pub sequence_order: u32,
    /// σ.
    pub vote: u64,
    /// ξ_{i,j} (equation 33).
    pub nonce: String,
}

/// Opened contest data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenedDataJson {
    /// D, hex.
    pub data: String,
    /// ξ of equation 64.
    pub nonce: String,
}
