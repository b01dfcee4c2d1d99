//! The parts of an egk manifest the verification steps look up: contests and options by label,
//! with their indices and limits, and the contests of each ballot style (spec 2.0 §3.1.3).

use scrutin_record::egk::{ManifestJson, RecordFile};
use scrutin_record::RecordError;
use std::collections::{BTreeMap, BTreeSet};

/// A contest of the manifest.
#[derive(Clone, Debug)]
pub struct ContestInfo<'m> {
    /// The contest index l (egk: `sequence_order`), used in χ_l (eq. 57).
    pub index: u32,
    /// The contest selection limit L (`votes_allowed`).
    pub limit: u32,
    /// The option labels with their indices (`sequence_order`).
    pub options: BTreeMap<&'m str, u32>,
}

/// Contests and ballot styles of the manifest, by label.
#[derive(Clone, Debug)]
pub struct ManifestIndex<'m> {
    contests: BTreeMap<&'m str, ContestInfo<'m>>,
    styles: BTreeMap<&'m str, BTreeSet<&'m str>>,
}

impl<'m> ManifestIndex<'m> {
    /// Indexes the manifest. A repeated contest or option label or index makes the manifest
    /// ambiguous, so it is unreadable input naming the field.
    pub fn new(manifest: &'m RecordFile<ManifestJson>) -> Result<Self, RecordError> {
        let file = &manifest.path;
        let mut contests = BTreeMap::new();
        let mut indices = BTreeSet::new();
        for (c, contest) in manifest.value.contests.iter().enumerate() {
            if !indices.insert(contest.sequence_order) {
                return Err(RecordError::field(
                    file,
                    format!("contests[{c}].sequence_order"),
                    "repeated contest index",
                ));
            }
            let mut options = BTreeMap::new();
            let mut option_indices = BTreeSet::new();
            for (s, option) in contest.ballot_selections.iter().enumerate() {
                let field = |name: &str| format!("contests[{c}].ballot_selections[{s}].{name}");
                if !option_indices.insert(option.sequence_order) {
                    return Err(RecordError::field(
                        file,
                        field("sequence_order"),
                        "repeated option index",
                    ));
                }
                if options
                    .insert(option.object_id.as_str(), option.sequence_order)
                    .is_some()
                {
                    return Err(RecordError::field(
                        file,
                        field("object_id"),
                        "repeated option label",
                    ));
                }
            }
            let info = ContestInfo {
                index: contest.sequence_order,
                limit: contest.votes_allowed,
                options,
            };
            if contests.insert(contest.object_id.as_str(), info).is_some() {
                return Err(RecordError::field(
                    file,
                    format!("contests[{c}].object_id"),
                    "repeated contest label",
                ));
            }
        }
        let styles = manifest
            .value
            .ballot_styles
            .iter()
            .map(|style| {
                let units: BTreeSet<&str> = style
                    .geopolitical_unit_ids
                    .iter()
                    .map(String::as_str)
                    .collect();
                let in_style = manifest
                    .value
                    .contests
                    .iter()
                    .filter(|c| units.contains(c.electoral_district_id.as_str()))
                    .map(|c| c.object_id.as_str())
                    .collect();
                (style.object_id.as_str(), in_style)
            })
            .collect();
        Ok(ManifestIndex { contests, styles })
    }

    /// The contest with this label.
    pub fn contest(&self, label: &str) -> Option<&ContestInfo<'m>> {
        self.contests.get(label)
    }

    /// The labels of the contests on ballots of this style (those of its geopolitical units).
    pub fn style_contests(&self, style: &str) -> Option<&BTreeSet<&'m str>> {
        self.styles.get(style)
    }
}
