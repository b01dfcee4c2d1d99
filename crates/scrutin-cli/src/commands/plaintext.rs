//! The plaintext ballots that `scrutin encrypt` reads: a JSON list, one object per voter,
//! naming contests and options by their manifest labels (documented in docs/walkthrough.md).
//!
//! ```json
//! [
//!   { "ballot_id": "b-001", "style": "all", "choices": { "Mayor": ["Ann"] } },
//!   { "ballot_id": "b-002", "style": "all", "choices": { "Budget": { "Yes": 1 } },
//!     "write_ins": { "Mayor": "Zoe" }, "challenge": true }
//! ]
//! ```
//!
//! A contest of the style that `choices` leaves out is left blank (all options 0). An overvote
//! is accepted: encryption records it as such (§3.3.5).

use super::failure::Failure;
use scrutin_core::ballot::{PlaintextBallot, PlaintextContest};
use scrutin_record::v21::layout::check_file_id;
use scrutin_record::v21::manifest::Manifest;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One voter's ballot as written in the input file. It holds votes, so it has no `Debug`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaintextBallotJson {
    /// The ballot's id in the record: letters, digits, '-', '_', '.'.
    pub ballot_id: String,
    /// The label of its ballot style.
    pub style: String,
    /// Per contest label, the options chosen.
    #[serde(default)]
    pub choices: BTreeMap<String, ContestChoice>,
    /// Per contest label, write-in text for a contest with data blocks.
    #[serde(default)]
    pub write_ins: BTreeMap<String, String>,
    /// Whether the voter challenges the ballot (Benaloh challenge) instead of casting it.
    #[serde(default)]
    pub challenge: bool,
}

/// The choices in one contest.
#[derive(Deserialize)]
#[serde(untagged)]
pub enum ContestChoice {
    /// The labels of the options selected, each with the value 1.
    Labels(Vec<String>),
    /// A value per option label (for option limits above 1); other options get 0.
    Values(BTreeMap<String, u64>),
}

/// A ballot ready to encrypt, and whether it is challenged.
pub struct Voter {
    /// The ballot.
    pub ballot: PlaintextBallot,
    /// Whether it is challenged.
    pub challenge: bool,
}

/// Reads the file and checks every ballot against the manifest; errors name the file and the
/// ballot's position and field (exit 2).
pub fn read(file: &Path, manifest: &Manifest) -> Result<Vec<Voter>, Failure> {
    let list: Vec<PlaintextBallotJson> =
        scrutin_record::json_file::read(file, scrutin_record::FileKind::Record)?;
    let mut ids = BTreeSet::new();
    list.into_iter()
        .enumerate()
        .map(|(position, json)| {
            let at = |field: &str, problem: String| {
                Failure::bad_input(format!(
                    "{}: field `[{position}].{field}`: {problem}",
                    file.display()
                ))
            };
            if !ids.insert(json.ballot_id.clone()) {
                return Err(at(
                    "ballot_id",
                    format!("{:?} appears twice", json.ballot_id),
                ));
            }
            to_plaintext(manifest, &json).map_err(|(field, problem)| at(&field, problem))
        })
        .collect()
}

/// Checks one ballot; an error is (field, problem).
fn to_plaintext(
    manifest: &Manifest,
    json: &PlaintextBallotJson,
) -> Result<Voter, (String, String)> {
    check_file_id(&json.ballot_id).map_err(|p| ("ballot_id".into(), p.to_string()))?;
    let style = manifest.style(&json.style).ok_or_else(|| {
        let known: Vec<&str> = manifest
            .ballot_styles
            .iter()
            .map(|s| s.label.as_str())
            .collect();
        (
            "style".to_string(),
            format!(
                "unknown ballot style {:?} (the manifest has {known:?})",
                json.style
            ),
        )
    })?;
    for label in json.choices.keys().chain(json.write_ins.keys()) {
        let on_style = manifest
            .contest_by_label(label)
            .is_some_and(|c| style.contests.contains(&c.spec.index));
        if !on_style {
            return Err((
                format!("choices.{label:?}"),
                format!("not a contest of ballot style {:?}", style.label),
            ));
        }
    }
    let mut contests = BTreeMap::new();
    for index in &style.contests {
        let Some(contest) = manifest.contest(*index) else {
            continue;
        };
        let field = format!("choices.{:?}", contest.label);
        let option = |label: &str| {
            contest
                .options
                .iter()
                .position(|o| o == label)
                .ok_or_else(|| {
                    (
                        field.clone(),
                        format!("{label:?} is not an option of this contest"),
                    )
                })
        };
        let mut selections = vec![0u64; contest.options.len()];
        match json.choices.get(&contest.label) {
            None => {}
            Some(ContestChoice::Labels(labels)) => {
                for label in labels {
                    let slot = selections
                        .get_mut(option(label)?)
                        .ok_or_else(|| (field.clone(), "no such option".to_string()))?;
                    if *slot != 0 {
                        return Err((field, format!("{label:?} is selected twice")));
                    }
                    *slot = 1;
                }
            }
            Some(ContestChoice::Values(values)) => {
                for (label, value) in values {
                    if let Some(slot) = selections.get_mut(option(label)?) {
                        *slot = *value;
                    }
                }
            }
        }
        let write_in = json.write_ins.get(&contest.label).cloned();
        if write_in.is_some() && contest.spec.data_blocks == 0 {
            return Err((
                format!("write_ins.{:?}", contest.label),
                "the contest has no data field for write-ins (data_blocks is 0)".into(),
            ));
        }
        contests.insert(
            *index,
            PlaintextContest {
                selections,
                write_in,
            },
        );
    }
    Ok(Voter {
        ballot: PlaintextBallot {
            name: json.ballot_id.clone(),
            style: style.label.clone(),
            contests,
        },
        challenge: json.challenge,
    })
}
