//! `encrypted_tally.json`, `tally.json` and `challenged_ballots/dballot-<ballotId>.json` of
//! an egk 2.0 record (egk-json-serialization.md, "encrypted_tally.json" and
//! "decryptedTallyOrBallot").
//!
//! The records differ from the notes' draft: both tallies and decrypted ballots carry an
//! `election_id` (= H_E); the decrypted value T (or S) is named `b_over_m` (the notes'
//! example still says `k_exp_tally`). A decrypted tally and a decrypted challenged ballot
//! share one shape; only a ballot has `decrypted_contest_data`.

use super::crypto_json::{ChaumPedersenJson, ElGamalCiphertextJson, HashedElGamalCiphertextJson};
use super::hex::{ElementModPHex, UInt256Hex};
use serde::{Deserialize, Serialize};

/// The encrypted tally: the aggregate (A, B) of every option (spec 2.0 eq. 62).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EncryptedTallyJson {
    /// The tally's label.
    pub tally_id: String,
    /// One entry per contest.
    pub contests: Vec<EncryptedTallyContestJson>,
    /// The `ballot_id`s of the ballots accumulated into this tally.
    pub cast_ballot_ids: Vec<String>,
    /// H_E of the election.
    pub election_id: UInt256Hex,
}

/// A contest of the encrypted tally.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EncryptedTallyContestJson {
    /// The contest label.
    pub contest_id: String,
    /// The manifest's `sequence_order`.
    pub sequence_order: u32,
    /// One entry per option.
    pub selections: Vec<EncryptedTallySelectionJson>,
}

/// An option of the encrypted tally.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EncryptedTallySelectionJson {
    /// The option label.
    pub selection_id: String,
    /// The manifest's `sequence_order`.
    pub sequence_order: u32,
    /// (A, B) (eq. 62).
    pub encrypted_vote: ElGamalCiphertextJson,
}

/// `tally.json` or a `dballot-*.json`: decrypted values with their proofs (spec 2.0 §3.6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecryptedTallyOrBallotJson {
    /// The tally's label, or the challenged ballot's `ballot_id`.
    pub id: String,
    /// One entry per contest.
    pub contests: Vec<DecryptedContestJson>,
    /// H_E of the election.
    pub election_id: UInt256Hex,
}

/// A decrypted contest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecryptedContestJson {
    /// The contest label.
    pub contest_id: String,
    /// One entry per option.
    pub selections: Vec<DecryptedSelectionJson>,
    /// The decrypted contest data (§3.6.4); present for challenged ballots only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decrypted_contest_data: Option<DecryptedContestDataJson>,
}

/// A decrypted option: t (or σ), T = K^t (or S), (A, B) (or (α, β)) and the proof (c, v).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecryptedSelectionJson {
    /// The option label.
    pub selection_id: String,
    /// t (tally) or σ (challenged ballot).
    pub tally: u32,
    /// T = B·M^{-1} (eq. 64) or S = β·M^{-1} (eq. 90); the verifier recovers M = B·T^{-1}.
    pub b_over_m: ElementModPHex,
    /// (A, B) or (α, β).
    pub encrypted_vote: ElGamalCiphertextJson,
    /// The proof (c, v) of eq. 71–76, checked by Verification 9 or 12.
    pub proof: ChaumPedersenJson,
}

/// Decrypted contest data of a challenged ballot (spec 2.0 §3.6.4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecryptedContestDataJson {
    /// The plaintext contest data.
    pub contest_data: ContestDataJson,
    /// (C_0, C_1, C_2), equal to the ballot's `encrypted_contest_data`.
    pub encrypted_contest_data: HashedElGamalCiphertextJson,
    /// The proof (c, v) of eq. 81–85, checked by Verification 11 or 14.
    pub proof: ChaumPedersenJson,
    /// β = C_0^s mod p (eq. 78).
    pub beta: ElementModPHex,
}

/// egk's plaintext contest data (spec 2.0 §3.3.7).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContestDataJson {
    /// The `sequence_order`s of the options selected in an overvoted contest; egk appends
    /// −1 when it had to shorten the list.
    pub over_votes: Vec<i32>,
    /// Write-in texts (egk may shorten them and append `*`).
    pub write_ins: Vec<String>,
    /// "normal", "null_vote", "over_vote" or "under_vote".
    pub status: String,
}
