//! Serde forms of the working files that the roles exchange while an election runs: the key
//! ceremony's encrypted shares (`ceremony/shares/`) and the guardians' decryption messages
//! (`decryption/`). They are public — nothing in them is secret — but they are not part of the
//! election record: a verifier never reads them. Their layout is documented in
//! `docs/record-format.md`, "Working files of the roles".
//!
//! Hex conventions are those of the record: elements 2·l_p digits, Z_q values 2·l_q, hashes 64.

use super::wire::ChallengeResponseJson;
use serde::{Deserialize, Serialize};

/// `ceremony/shares/share-<from>-to-<to>.json`: the share E_ℓ(P_i(ℓ), P̂_i(ℓ)) that guardian
/// i = `from` sends to guardian ℓ = `to` (§3.2.2, equations 15–22).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EncryptedShareJson {
    /// The sender i.
    pub from: u32,
    /// The recipient ℓ.
    pub to: u32,
    /// C_{i,ℓ,0} = g^ξ (equation 20).
    pub c0: String,
    /// C_{i,ℓ,1}, 64 bytes as 128 hex digits (equation 21).
    pub c1: String,
    /// C_{i,ℓ,2} = (c̄, v̄), the proof of equation 22.
    pub proof: ChallengeResponseJson,
}

/// One item of a round-1 decryption message: M_i and d_i.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartialDecryptionJson {
    /// M_i = A^(z_i) (equation 84) or m_i = C0^(ẑ_i) (equation 107).
    pub partial: String,
    /// d_i (equation 88 or 99).
    pub commitment: String,
}

/// `decryption/commit-<i>.json`: guardian i's round 1 (§3.6.5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecryptionCommitmentJson {
    /// The sender i.
    pub guardian: u32,
    /// U, increasing.
    pub available_guardians: Vec<u32>,
    /// The challenged ballots whose nonces are decrypted, in batch order (increasing id).
    pub challenged_ballot_ids: Vec<String>,
    /// One item per option of `encrypted_tally.json`, in increasing (contest, option) order.
    pub tally: Vec<PartialDecryptionJson>,
    /// One item per challenged ballot: its encrypted ballot nonce.
    pub ballot_nonces: Vec<PartialDecryptionJson>,
}

/// A commitment pair (a_i, b_i).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentPairJson {
    /// a_i = g^(u_i).
    pub a: String,
    /// b_i = A^(u_i) or C0^(u_i).
    pub b: String,
}

/// `decryption/reveal-<i>.json`: guardian i's round 2, the pairs its d_i committed to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecryptionRevealJson {
    /// The sender i.
    pub guardian: u32,
    /// U, increasing.
    pub available_guardians: Vec<u32>,
    /// As in the commitment message.
    pub challenged_ballot_ids: Vec<String>,
    /// (a_i, b_i) per tally item.
    pub tally: Vec<CommitmentPairJson>,
    /// (a_i, b_i) per ballot nonce.
    pub ballot_nonces: Vec<CommitmentPairJson>,
}

/// `decryption/response-<i>.json`: guardian i's round 3, v_i = u_i − c·w_i·z_i.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecryptionResponseJson {
    /// The sender i.
    pub guardian: u32,
    /// U, increasing.
    pub available_guardians: Vec<u32>,
    /// As in the commitment message.
    pub challenged_ballot_ids: Vec<String>,
    /// v_i per tally item (equation 92).
    pub tally: Vec<String>,
    /// v_i per ballot nonce (equation 102).
    pub ballot_nonces: Vec<String>,
}

/// `decryption/restart-<n>.json`: the administrator restarts the decryption as attempt
/// n ≥ 2 with another set U of available guardians (§3.6.5 lets any k guardians decrypt),
/// when a guardian of the current attempt stalls or misbehaves. The messages of attempt n
/// live in `decryption/attempt-<n>/`; those of earlier attempts stay on the record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecryptionRestartJson {
    /// The election id.
    pub election_id: String,
    /// n, the attempt this restart begins (2 for the first restart).
    pub attempt: u32,
    /// The new U, increasing: at least k indices from 1 to n.
    pub available_guardians: Vec<u32>,
    /// Why the decryption restarts, for people (at most [`MAX_RESTART_REASON`] bytes).
    pub reason: String,
}

/// The longest reason a restart may give, in bytes.
pub const MAX_RESTART_REASON: usize = 1024;
