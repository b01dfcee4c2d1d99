//! The validated election manifest (§3.1.3): unique labels, 1-based indices, limits.

use super::wire::ManifestJson;
use crate::error::RecordError;
use scrutin_core::ballot::ChainingMode;
use scrutin_core::election::ContestSpec;
use std::collections::BTreeSet;
use std::path::Path;

/// A contest of a validated manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contest {
    /// The contest label.
    pub label: String,
    /// The option labels, in index order.
    pub options: Vec<String>,
    /// Indices and limits.
    pub spec: ContestSpec,
}

/// A ballot style of a validated manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BallotStyle {
    /// The style label.
    pub label: String,
    /// The contest indices on this style, ascending.
    pub contests: Vec<u32>,
}

/// A manifest whose labels are unique and whose indices and limits are in range, together
/// with the exact bytes that H_B hashes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manifest {
    /// The election label.
    pub label: String,
    /// The contests, in index order (contest i is `contests[i − 1]`).
    pub contests: Vec<Contest>,
    /// The ballot styles.
    pub ballot_styles: Vec<BallotStyle>,
    /// The chaining mode of every device.
    pub chaining: ChainingMode,
    /// The wire form.
    pub json: ManifestJson,
    /// The canonical bytes: exactly the bytes of `manifest.json` in the record.
    pub bytes: Vec<u8>,
}

/// The largest index the specification allows (§3.1.3: 1 ≤ i < 2^31).
const MAX_INDEX: usize = (1 << 31) - 1;

/// The largest option or contest selection limit scrutin accepts. The specification only asks
/// for small integers; this bound keeps range proofs (R + 1 parts) and tallies tractable.
pub const MAX_LIMIT: u64 = 1 << 16;

impl Manifest {
    /// Validates a manifest read from `file` whose exact bytes are `bytes`.
    pub fn from_bytes(file: &Path, bytes: Vec<u8>) -> Result<Self, RecordError> {
        let json: ManifestJson = crate::json_file::parse(file, &bytes)?;
        Self::validate(file, json, bytes)
    }

    /// Builds a manifest from its wire form, producing scrutin's canonical bytes.
    pub fn from_json(json: ManifestJson) -> Result<Self, RecordError> {
        let file = Path::new("manifest.json");
        let bytes = crate::json_file::to_bytes(&json)
            .map_err(|e| RecordError::field(file, ".", e.to_string()))?;
        Self::validate(file, json, bytes)
    }

    fn validate(file: &Path, json: ManifestJson, bytes: Vec<u8>) -> Result<Self, RecordError> {
        let err = |field: String, problem: &str| RecordError::field(file, field, problem);
        if json.spec_version != scrutin_core::parameters::SPEC_VERSION {
            return Err(err("spec_version".into(), "expected \"v2.1.0\""));
        }
        check_label(&json.label).map_err(|p| err("label".into(), p))?;
        if json.contests.is_empty() || json.contests.len() > MAX_INDEX {
            return Err(err("contests".into(), "there must be at least one contest"));
        }
        let mut contest_labels = BTreeSet::new();
        let mut contests = Vec::with_capacity(json.contests.len());
        for (i, c) in json.contests.iter().enumerate() {
            let at = |f: &str| format!("contests[{i}].{f}");
            check_label(&c.label).map_err(|p| err(at("label"), p))?;
            if !contest_labels.insert(c.label.as_str()) {
                return Err(err(at("label"), "duplicate contest label"));
            }
            if c.options.is_empty() || c.options.len() > MAX_INDEX {
                return Err(err(at("options"), "a contest needs at least one option"));
            }
            let mut option_labels = BTreeSet::new();
            for (j, o) in c.options.iter().enumerate() {
                check_label(&o.label).map_err(|p| err(at(&format!("options[{j}].label")), p))?;
                if !option_labels.insert(o.label.as_str()) {
                    return Err(err(
                        at(&format!("options[{j}].label")),
                        "duplicate option label",
                    ));
                }
            }
            if c.option_limit == 0 || c.option_limit > MAX_LIMIT {
                return Err(err(at("option_limit"), "must be between 1 and 65536"));
            }
            if c.selection_limit == 0 || c.selection_limit > MAX_LIMIT {
                return Err(err(at("selection_limit"), "must be between 1 and 65536"));
            }
            if c.data_blocks >= (1 << 24) {
                return Err(err(at("data_blocks"), "must be below 2^24 (§3.3.10)"));
            }
            contests.push(Contest {
                label: c.label.clone(),
                options: c.options.iter().map(|o| o.label.clone()).collect(),
                spec: ContestSpec {
                    index: index_of(i),
                    options: index_of(c.options.len().saturating_sub(1)),
                    option_limit: c.option_limit,
                    contest_limit: c.selection_limit,
                    data_blocks: c.data_blocks,
                },
            });
        }
        if json.ballot_styles.is_empty() {
            return Err(err(
                "ballot_styles".into(),
                "there must be at least one ballot style",
            ));
        }
        let mut style_labels = BTreeSet::new();
        let mut ballot_styles = Vec::new();
        for (s, style) in json.ballot_styles.iter().enumerate() {
            let at = |f: &str| format!("ballot_styles[{s}].{f}");
            check_label(&style.label).map_err(|p| err(at("label"), p))?;
            if !style_labels.insert(style.label.as_str()) {
                return Err(err(at("label"), "duplicate ballot style label"));
            }
            let set: BTreeSet<u32> = style.contests.iter().copied().collect();
            if set.len() != style.contests.len() || set.is_empty() {
                return Err(err(
                    at("contests"),
                    "contest indices must be distinct and non-empty",
                ));
            }
            if set.iter().any(|&c| c == 0 || c as usize > contests.len()) {
                return Err(err(at("contests"), "contest index out of range"));
            }
            ballot_styles.push(BallotStyle {
                label: style.label.clone(),
                contests: set.into_iter().collect(),
            });
        }
        let chaining = match json.chaining.as_str() {
            "none" => ChainingMode::NoChaining,
            "simple" => ChainingMode::Simple,
            _ => return Err(err("chaining".into(), "expected \"none\" or \"simple\"")),
        };
        Ok(Manifest {
            label: json.label.clone(),
            contests,
            ballot_styles,
            chaining,
            json,
            bytes,
        })
    }

    /// The contest with index `index`.
    pub fn contest(&self, index: u32) -> Option<&Contest> {
        self.contests.get((index as usize).checked_sub(1)?)
    }

    /// The contest with label `label`.
    pub fn contest_by_label(&self, label: &str) -> Option<&Contest> {
        self.contests.iter().find(|c| c.label == label)
    }

    /// The ballot style with label `label`.
    pub fn style(&self, label: &str) -> Option<&BallotStyle> {
        self.ballot_styles.iter().find(|s| s.label == label)
    }

    /// The contest specs of a ballot style, in index order.
    pub fn style_contests(&self, style: &BallotStyle) -> Vec<ContestSpec> {
        style
            .contests
            .iter()
            .filter_map(|&i| self.contest(i))
            .map(|c| c.spec.clone())
            .collect()
    }
}

/// 1-based index of a 0-based position, saturating (positions are bounded by MAX_INDEX).
fn index_of(position: usize) -> u32 {
    u32::try_from(position.saturating_add(1)).unwrap_or(u32::MAX)
}

/// §3.1.3: a label is short, without line breaks, tabs or control characters, and without
/// leading or trailing whitespace.
fn check_label(label: &str) -> Result<(), &'static str> {
    if label.is_empty() {
        return Err("label is empty");
    }
    if label.len() > 256 {
        return Err("label is longer than 256 bytes");
    }
    if label.chars().any(char::is_control) {
        return Err("label contains a control character");
    }
    if label.trim() != label {
        return Err("label has leading or trailing whitespace");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::v21::wire::{BallotStyleJson, ContestJson, OptionJson};

    fn sample() -> ManifestJson {
        ManifestJson {
            label: "Test election".into(),
            spec_version: "v2.1.0".into(),
            contests: vec![ContestJson {
                label: "Mayor".into(),
                options: vec![
                    OptionJson {
                        label: "Ann".into(),
                    },
                    OptionJson {
                        label: "Bob".into(),
                    },
                ],
                option_limit: 1,
                selection_limit: 1,
                data_blocks: 0,
            }],
            ballot_styles: vec![BallotStyleJson {
                label: "all".into(),
                contests: vec![1],
            }],
            chaining: "none".into(),
            info: Default::default(),
        }
    }

    #[test]
    fn valid_manifest_round_trips() {
        let m = Manifest::from_json(sample()).unwrap();
        assert_eq!(m.contests[0].spec.options, 2);
        let again = Manifest::from_bytes(Path::new("m.json"), m.bytes.clone()).unwrap();
        assert_eq!(again, m);
    }

    #[test]
    fn invalid_manifests_name_the_field() {
        let mut dup = sample();
        dup.contests[0].options[1].label = "Ann".into();
        let e = Manifest::from_json(dup).unwrap_err().to_string();
        assert!(
            e.contains("contests[0].options[1].label") && e.contains("duplicate"),
            "{e}"
        );
        let mut style = sample();
        style.ballot_styles[0].contests = vec![2];
        let e = Manifest::from_json(style).unwrap_err().to_string();
        assert!(e.contains("ballot_styles[0].contests"), "{e}");
        let mut label = sample();
        label.label = " padded".into();
        assert!(Manifest::from_json(label).is_err());
    }
}
