//! The private files egk writes beside a record, under `private_data/`: input plaintext
//! ballots and guardian (trustee) secrets (egk-election-record-layout.md, "Private files";
//! egk-json-serialization.md, "PlaintextBallot").
//!
//! These are not part of the election record and [`super::EgkRecord::load`] never reads
//! them; they exist here so that tests can compare decryptions with the votes cast and
//! recompute keys. They hold secrets: never publish them.

use super::hex::ElementModQHex;
use super::layout;
use super::record::RecordFile;
use crate::capped::FileKind;
use crate::error::RecordError;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// `private_data/input/pballot-<ballotId>.json`: a ballot as the voter marked it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaintextBallotJson {
    /// The ballot's label (matches the encrypted ballot's `ballot_id`).
    pub ballot_id: String,
    /// The ballot style.
    pub ballot_style: String,
    /// The contests voted.
    pub contests: Vec<PlaintextContestJson>,
    /// An optional serial number (> 0); egk encrypts it into `encrypted_sn`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sn: Option<i64>,
    /// Error messages of input validation, for rejected ballots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<String>,
}

/// A contest of a plaintext ballot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaintextContestJson {
    /// The contest label.
    pub contest_id: String,
    /// The manifest's `sequence_order`.
    pub sequence_order: u32,
    /// The selections.
    pub selections: Vec<PlaintextSelectionJson>,
    /// Write-in texts.
    pub write_ins: Vec<String>,
}

/// A selection of a plaintext ballot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaintextSelectionJson {
    /// The option label.
    pub selection_id: String,
    /// The manifest's `sequence_order`.
    pub sequence_order: u32,
    /// The vote σ (0 or 1 for egk); raw, so not yet checked to be in range.
    pub vote: i32,
}

/// `private_data/trustees/decryptingTrustee-<guardianId>.json`: a guardian's secrets
/// (egk's `TrusteeJson`; not described in the serialization notes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrusteeJson {
    /// The guardian id (matches `guardians[].guardian_id`).
    pub id: String,
    /// i.
    pub x_coordinate: u32,
    /// a_{i,0}, …, a_{i,k−1} (spec 2.0 eq. 9); a_{i,0} = s_i is the guardian's secret key.
    pub polynomial_coefficients: Vec<ElementModQHex>,
    /// P(i) (eq. 65): the guardian's share of the joint secret key.
    pub key_share: ElementModQHex,
}

/// The plaintext ballots of the record in `record_dir`, sorted by file name.
pub fn load_plaintext_ballots(
    record_dir: &Path,
) -> Result<Vec<RecordFile<PlaintextBallotJson>>, RecordError> {
    read_all(
        &record_dir.join(layout::PLAINTEXT_BALLOTS_DIR),
        layout::PLAINTEXT_BALLOT_PREFIX,
    )
}

/// The trustees of the record in `record_dir`, sorted by file name.
pub fn load_trustees(record_dir: &Path) -> Result<Vec<RecordFile<TrusteeJson>>, RecordError> {
    read_all(
        &record_dir.join(layout::TRUSTEES_DIR),
        layout::TRUSTEE_PREFIX,
    )
}

fn read_all<T: serde::de::DeserializeOwned>(
    dir: &Path,
    prefix: &str,
) -> Result<Vec<RecordFile<T>>, RecordError> {
    layout::prefixed_files(dir, prefix)?
        .into_iter()
        .map(|path| RecordFile::read(path, FileKind::Secret))
        .collect()
}
