//! `encrypted_ballots/<device>/eballot-<ballotId>.json` of an egk 2.0 record
//! (egk-json-serialization.md, "EncryptedBallot").
//!
//! The records differ from the notes' draft: the device field is `encrypting_device` (notes:
//! `voting_device`), and there are two fields the notes lack, `election_id` (= H_E, binding
//! the ballot to its election) and `encrypted_sn` (an ElGamal encryption of the ballot's
//! serial number, not part of spec 2.0). egk omits null fields (`primary_nonce`,
//! `pre_encryption`, `encrypted_sn`) rather than writing `null`; both are accepted here.

use super::crypto_json::{ElGamalCiphertextJson, HashedElGamalCiphertextJson, RangeProofJson};
use super::hex::{HexString, UInt256Hex};
use serde::{Deserialize, Serialize};

/// An encrypted ballot, cast or challenged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EncryptedBallotJson {
    /// The ballot's label.
    pub ballot_id: String,
    /// The ballot style (a manifest `ballot_styles[].object_id`).
    pub ballot_style_id: String,
    /// The device that encrypted the ballot; its directory name is this with spaces
    /// replaced by `_`.
    pub encrypting_device: String,
    /// Seconds since the epoch (UTC) at encryption.
    pub timestamp: i64,
    /// B_aux of the confirmation code (eq. 58) as hex. Without chaining: B_aux,0 of the
    /// config. With chaining: H_0 for the device's first ballot, else H_{j−1} ∥ B_aux,0.
    pub code_baux: HexString,
    /// H(B) (eq. 58).
    pub confirmation_code: UInt256Hex,
    /// H_E of the election this ballot belongs to.
    pub election_id: UInt256Hex,
    /// The contests, in the order of their `sequence_order`.
    pub contests: Vec<EncryptedContestJson>,
    /// CAST, SPOILED (challenged) or UNKNOWN.
    pub state: BallotState,
    /// Encryption of the ballot serial number, when the plaintext ballot had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypted_sn: Option<ElGamalCiphertextJson>,
    /// Whether this is a pre-encrypted ballot (spec 2.0 §4).
    pub is_preencrypt: bool,
    /// The ballot nonce ξ_B, published only for uncast ballots (§3.6.5, "Verifying decryption
    /// with nonces").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_nonce: Option<UInt256Hex>,
}

/// egk's `EncryptedBallot.BallotState`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BallotState {
    /// Cast: included in the tally.
    #[serde(rename = "CAST")]
    Cast,
    /// Spoiled, i.e. challenged (spec 2.0 §3.4.3 "Ballot casting or challenging").
    #[serde(rename = "SPOILED")]
    Spoiled,
    /// Neither cast nor challenged when the record was written.
    #[serde(rename = "UNKNOWN")]
    Unknown,
}

/// One contest of an encrypted ballot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EncryptedContestJson {
    /// The contest label Λ.
    pub contest_id: String,
    /// The contest index used in the contest hash (eq. 57); egk copies the manifest's
    /// `sequence_order`.
    pub sequence_order: u32,
    /// The contest selection limit L (the manifest's `votes_allowed`).
    pub votes_allowed: u32,
    /// χ_l (eq. 57).
    pub contest_hash: UInt256Hex,
    /// The selections, in order of `sequence_order`.
    pub selections: Vec<EncryptedSelectionJson>,
    /// The range proof that the sum of the selections is in 0..=L (§3.3.8).
    pub proof: RangeProofJson,
    /// The encrypted contest data (§3.3.6).
    pub encrypted_contest_data: HashedElGamalCiphertextJson,
    /// Pre-encryption data, only when the ballot is pre-encrypted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_encryption: Option<PreEncryptionJson>,
}

/// One selection of an encrypted contest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EncryptedSelectionJson {
    /// The option label λ.
    pub selection_id: String,
    /// The option index (eq. 25); egk copies the manifest's `sequence_order`.
    pub sequence_order: u32,
    /// (α, β) (eq. 24).
    pub encrypted_vote: ElGamalCiphertextJson,
    /// The range proof that the vote is in 0..=R (§3.3.5), R = 1 for egk.
    pub proof: RangeProofJson,
}

/// The pre-encryption part of a contest of a pre-encrypted ballot (spec 2.0 §4.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreEncryptionJson {
    /// The contest hash χ_l of the pre-encrypted contest (eq. 94).
    pub preencryption_hash: UInt256Hex,
    /// All m + L selection hashes ψ, sorted numerically.
    pub all_selection_hashes: Vec<UInt256Hex>,
    /// The L selection vectors chosen by the voter, sorted numerically by hash.
    pub selected_vectors: Vec<SelectionVectorJson>,
}

/// A selection vector Ψ of a pre-encrypted ballot (spec 2.0 §4.1.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelectionVectorJson {
    /// ψ (eq. 92–93).
    pub selection_hash: UInt256Hex,
    /// The short code ω = Ω(ψ) (§4.1.4).
    pub short_code: String,
    /// E_1..E_m, in order of the options' `sequence_order`.
    pub encryptions: Vec<ElGamalCiphertextJson>,
}
