//! `manifest.json` of an egk 2.0 record: the election manifest (spec 2.0 §3.1.3).
//!
//! The serialization notes only say "unchanged" (from the 1.x manifest), so they do not fix
//! the full shape. These types carry every field egk writes (checked against both samples),
//! but they do not reject unknown fields: a manifest may come from another tool, and its
//! integrity does not rest on this parse anyway, because H_M (eq. 6) hashes the file's exact
//! bytes, which [`super::EgkRecord`] keeps. Fields the verifier relies on (labels, sequence
//! orders, `votes_allowed`) are required.
//!
//! egk's manifest has no option selection limit: egk takes R = 1 for every option. The
//! contest selection limit L is `votes_allowed`.

use serde::{Deserialize, Serialize};

/// The election manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestJson {
    /// The unique label of the election.
    pub election_scope_id: String,
    /// The specification version, `"v2.0.0"` in the samples.
    pub spec_version: String,
    /// The election type, e.g. "general".
    #[serde(rename = "type")]
    pub election_type: String,
    /// Free-form start date.
    pub start_date: String,
    /// Free-form end date.
    pub end_date: String,
    /// Districts, precincts, etc.
    pub geopolitical_units: Vec<GeopoliticalUnitJson>,
    /// Parties.
    pub parties: Vec<PartyJson>,
    /// Candidates.
    pub candidates: Vec<CandidateJson>,
    /// The contests, each with its `sequence_order`.
    pub contests: Vec<ManifestContestJson>,
    /// The ballot styles.
    pub ballot_styles: Vec<BallotStyleJson>,
    /// The election's name in several languages.
    pub name: Vec<LanguageJson>,
    /// Contact information.
    #[serde(default)]
    pub contact_information: Option<ContactJson>,
}

/// A geopolitical unit (district, precinct, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeopoliticalUnitJson {
    /// Its label.
    pub object_id: String,
    /// Its name.
    pub name: String,
    /// Its type, e.g. "precinct".
    #[serde(rename = "type")]
    pub unit_type: String,
    /// Free-form contact text.
    #[serde(default)]
    pub contact_information: Option<String>,
}

/// A party.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyJson {
    /// Its label.
    pub object_id: String,
    /// Its name.
    pub name: String,
    /// Abbreviation.
    #[serde(default)]
    pub abbreviation: Option<String>,
    /// Display color.
    #[serde(default)]
    pub color: Option<String>,
    /// Logo URI.
    #[serde(default)]
    pub logo_uri: Option<String>,
}

/// A candidate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateJson {
    /// Its label.
    pub object_id: String,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// The candidate's party.
    #[serde(default)]
    pub party_id: Option<String>,
    /// Image URL.
    #[serde(default)]
    pub image_url: Option<String>,
    /// Whether this is a write-in candidate.
    pub is_write_in: bool,
}

/// A contest of the manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestContestJson {
    /// The contest label Λ (`contest_id` on ballots and tallies).
    pub object_id: String,
    /// egk's contest index: the `l` of the contest hash (eq. 57) and of the nonce derivation
    /// (eq. 25, 50). egk uses this number, not the contest's position in the list.
    pub sequence_order: u32,
    /// The district the contest belongs to.
    pub electoral_district_id: String,
    /// e.g. "one_of_m", "n_of_m", "approval".
    pub vote_variation: String,
    /// Number of seats.
    pub number_elected: u32,
    /// The contest selection limit L (§3.1.3, §3.3.8).
    pub votes_allowed: u32,
    /// Display name.
    pub name: String,
    /// The selectable options, each with its `sequence_order`.
    pub ballot_selections: Vec<BallotSelectionJson>,
    /// Title shown on the ballot.
    #[serde(default)]
    pub ballot_title: Option<String>,
    /// Subtitle shown on the ballot.
    #[serde(default)]
    pub ballot_subtitle: Option<String>,
}

/// A selectable option of a contest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotSelectionJson {
    /// The option label λ (`selection_id` on ballots and tallies).
    pub object_id: String,
    /// egk's option index (eq. 25).
    pub sequence_order: u32,
    /// The candidate this option stands for.
    pub candidate_id: String,
}

/// A ballot style.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotStyleJson {
    /// Its label (`ballot_style_id` on encrypted ballots).
    pub object_id: String,
    /// The geopolitical units whose contests appear on ballots of this style.
    pub geopolitical_unit_ids: Vec<String>,
    /// Parties (for primaries).
    pub party_ids: Vec<String>,
    /// Image URL.
    #[serde(default)]
    pub image_url: Option<String>,
}

/// A text in one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageJson {
    /// The text.
    pub value: String,
    /// The language code.
    pub language: String,
}

/// Contact information.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactJson {
    /// Address lines.
    pub address_line: Vec<String>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// Phone.
    #[serde(default)]
    pub phone: Option<String>,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
}
