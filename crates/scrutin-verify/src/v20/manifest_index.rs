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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn manifest(contests: &str) -> RecordFile<ManifestJson> {
        let text = format!(
            r#"{{"election_scope_id":"e","spec_version":"v2.0.0","type":"general",
            "start_date":"","end_date":"","geopolitical_units":[],"parties":[],"candidates":[],
            "contests":{contests},
            "ballot_styles":[{{"object_id":"s","geopolitical_unit_ids":["d"],"party_ids":[]}}],
            "name":[]}}"#
        );
        RecordFile {
            path: PathBuf::from("manifest.json"),
            value: serde_json::from_str(&text).unwrap(),
        }
    }

    fn contest(id: &str, index: u32, options: &[(&str, u32)]) -> String {
        let options: Vec<String> = options
            .iter()
            .map(|(o, i)| {
                format!(r#"{{"object_id":"{o}","sequence_order":{i},"candidate_id":"c"}}"#)
            })
            .collect();
        format!(
            r#"{{"object_id":"{id}","sequence_order":{index},"electoral_district_id":"d",
            "vote_variation":"one_of_m","number_elected":1,"votes_allowed":1,"name":"",
            "ballot_selections":[{}]}}"#,
            options.join(",")
        )
    }

    #[test]
    fn indexes_contests_options_and_styles() {
        let m = manifest(&format!(
            "[{},{}]",
            contest("c1", 1, &[("a", 1), ("b", 2)]),
            contest("c2", 2, &[("x", 1)])
        ));
        let index = ManifestIndex::new(&m).unwrap();
        let c1 = index.contest("c1").unwrap();
        assert_eq!((c1.index, c1.limit), (1, 1));
        assert_eq!(c1.options.get("b"), Some(&2));
        assert!(index.contest("c3").is_none());
        let style = index.style_contests("s").unwrap();
        assert!(style.contains("c1") && style.contains("c2"));
    }

    #[test]
    fn repeated_labels_and_indices_are_unreadable() {
        for (contests, field) in [
            (
                format!("[{},{}]", contest("c1", 1, &[]), contest("c1", 2, &[])),
                "contests[1].object_id",
            ),
            (
                format!("[{},{}]", contest("c1", 1, &[]), contest("c2", 1, &[])),
                "contests[1].sequence_order",
            ),
            (
                format!("[{}]", contest("c1", 1, &[("a", 1), ("a", 2)])),
                "contests[0].ballot_selections[1].object_id",
            ),
        ] {
            let m = manifest(&contests);
            let err = ManifestIndex::new(&m).unwrap_err().to_string();
            assert!(err.contains(field), "{err}");
        }
    }
}
