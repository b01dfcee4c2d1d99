//! The JSON form of a failure in the report (`scrutin verify --json`, the board's API): the
//! step, the place and the reason as fields, and the whole sentence as `message`, so that a
//! reader takes the step from the structure and never has to parse the text.

use scrutin_core::step::OwnCheck;
use scrutin_core::{Location, Reason, VerifyError};
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

/// Serializes the failures of a step as a list of objects (`serialize_with` of
/// [`crate::Outcome::Failed`]).
pub(crate) fn serialize<S: Serializer>(
    failures: &[VerifyError],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut seq = serializer.serialize_seq(Some(failures.len()))?;
    for failure in failures {
        seq.serialize_element(&Failure(failure))?;
    }
    seq.end()
}

/// One failure: `{step, namespace, spec_version?, verification, check, location, reason,
/// message}`. `namespace` is `spec` for a condition of the specification (`check` is its
/// letter, `spec_version` the specification it belongs to) and `scrutin` for one of
/// scrutin's own checks (`check` is its name; docs/record-format.md lists them).
struct Failure<'a>(&'a VerifyError);

impl Serialize for Failure<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let error = self.0;
        let mut s = serializer.serialize_struct("Failure", 8)?;
        s.serialize_field("step", &error.step.to_string())?;
        match (error.step.spec(), error.step.own()) {
            (Some(spec), _) => {
                s.serialize_field("namespace", "spec")?;
                s.serialize_field("spec_version", spec.version().as_str())?;
                s.serialize_field("verification", &spec.verification())?;
                s.serialize_field("check", &spec.check())?;
            }
            (None, own) => {
                s.serialize_field("namespace", "scrutin")?;
                s.serialize_field("verification", &error.step.verification())?;
                s.serialize_field("check", own.map(OwnCheck::name).unwrap_or_default())?;
            }
        }
        s.serialize_field("location", &Place(&error.location))?;
        s.serialize_field("reason", &Why(&error.reason))?;
        s.serialize_field("message", &error.to_string())?;
        s.end()
    }
}

/// A location as `{kind, …}` with the fields of its kind.
struct Place<'a>(&'a Location);

impl Serialize for Place<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Location", 4)?;
        match self.0 {
            Location::Election => s.serialize_field("kind", "election")?,
            Location::Guardian(i) => {
                s.serialize_field("kind", "guardian")?;
                s.serialize_field("guardian", i)?;
            }
            Location::Share { from, to } => {
                s.serialize_field("kind", "share")?;
                s.serialize_field("from", from)?;
                s.serialize_field("to", to)?;
            }
            Location::Ballot(id) => {
                s.serialize_field("kind", "ballot")?;
                s.serialize_field("ballot", id)?;
            }
            Location::Contest { ballot, contest } => {
                s.serialize_field("kind", "contest")?;
                s.serialize_field("ballot", ballot)?;
                s.serialize_field("contest", contest)?;
            }
            Location::Selection {
                ballot,
                contest,
                option,
            } => {
                s.serialize_field("kind", "selection")?;
                s.serialize_field("ballot", ballot)?;
                s.serialize_field("contest", contest)?;
                s.serialize_field("option", option)?;
            }
            Location::Device(device) => {
                s.serialize_field("kind", "device")?;
                s.serialize_field("device", device)?;
            }
            Location::File(file) => {
                s.serialize_field("kind", "file")?;
                s.serialize_field("file", file)?;
            }
        }
        s.end()
    }
}

/// A reason as `{kind, what?, text}`.
struct Why<'a>(&'a Reason);

impl Serialize for Why<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (kind, what) = match self.0 {
            Reason::NotInGroup(what) => ("not_in_group", Some(*what)),
            Reason::NotInZq(what) => ("not_in_zq", Some(*what)),
            Reason::ChallengeMismatch => ("challenge_mismatch", None),
            Reason::ChallengeSumMismatch => ("challenge_sum_mismatch", None),
            Reason::Mismatch(what) => ("mismatch", Some(*what)),
            Reason::Malformed(_) => ("malformed", None),
            Reason::Authorship(_) => ("authorship", None),
            // A reason added to core after this serializer: its text still says it all.
            _ => ("other", None),
        };
        let mut s = serializer.serialize_struct("Reason", 3)?;
        s.serialize_field("kind", kind)?;
        if let Some(what) = what {
            s.serialize_field("what", what)?;
        }
        s.serialize_field("text", &self.0.to_string())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scrutin_core::step::own::GUARDIAN_RECORD_HASH;
    use scrutin_core::step::v2_1::V6_D;

    #[test]
    fn a_failure_serializes_its_structure_beside_its_sentence() {
        let error = VerifyError::new(
            V6_D,
            Location::Selection {
                ballot: Some("b-1".to_string()),
                contest: 2,
                option: 3,
            },
            Reason::ChallengeSumMismatch,
        );
        let json = serde_json::to_value(Failure(&error)).unwrap();
        assert_eq!(json["step"], "V6.D");
        assert_eq!(json["verification"], 6);
        assert_eq!(json["check"], "D");
        assert_eq!(json["namespace"], "spec");
        assert_eq!(json["spec_version"], "2.1");
        assert_eq!(json["location"]["kind"], "selection");
        assert_eq!(json["location"]["ballot"], "b-1");
        assert_eq!(json["location"]["option"], 3);
        assert_eq!(json["reason"]["kind"], "challenge_sum_mismatch");
        assert_eq!(json["message"], error.to_string());
    }

    #[test]
    fn an_own_check_serializes_its_name_in_its_own_namespace() {
        let error = VerifyError::new(
            GUARDIAN_RECORD_HASH,
            Location::Guardian(2),
            Reason::Mismatch("H_G"),
        );
        let json = serde_json::to_value(Failure(&error)).unwrap();
        assert_eq!(json["step"], "S3.guardian-record-hash");
        assert_eq!(json["namespace"], "scrutin");
        assert!(json["spec_version"].is_null());
        assert_eq!(json["verification"], 3);
        assert_eq!(json["check"], "guardian-record-hash");
    }

    #[test]
    fn a_tally_place_has_no_ballot() {
        let place = Location::Contest {
            ballot: None,
            contest: 4,
        };
        let json = serde_json::to_value(Place(&place)).unwrap();
        assert_eq!(json["kind"], "contest");
        assert!(json["ballot"].is_null());
        assert_eq!(json["contest"], 4);
        let why = serde_json::to_value(Why(&Reason::Mismatch("H_C"))).unwrap();
        assert_eq!(json_kind(&why), "mismatch");
        assert_eq!(why["what"], "H_C");
    }

    fn json_kind(value: &serde_json::Value) -> &str {
        value["kind"].as_str().unwrap()
    }
}
