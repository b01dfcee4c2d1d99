//! What a post adds to the board: each route's body as the items the board will store, with
//! their kinds, keys and canonical bytes (docs/board-api.md, "Authorship"). A party signs
//! exactly these, so it computes them as the board's intake does: the body parsed as its
//! record type (unknown fields refused), the key derived from its content, the bytes
//! re-serialized canonically ([`crate::signing::canonical`]).

use crate::items::key;
use crate::signing::SignedItem;
use crate::wire::{AcceptanceJson, DeviceJson};
use scrutin_record::authorship::wire::{CloseJson, DeviceEnrolmentJson, WitnessEnrolmentJson};
use scrutin_record::authorship::{paths, Kind};
use scrutin_record::v21::wire::{
    ChallengedBallotJson, DecryptedTallyJson, EncryptedBallotJson, GuardianJson,
};
use scrutin_record::v21::working::{
    DecryptionCommitmentJson, DecryptionResponseJson, DecryptionRestartJson, DecryptionRevealJson,
    EncryptedShareJson,
};
use scrutin_record::v21::working_attempts::FIRST_ATTEMPT;
use scrutin_record::v21::working_layout::Round;
use scrutin_record::RecordError;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// An item a post adds, as the board will store it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostedItem {
    /// Its kind.
    pub kind: Kind,
    /// Its key.
    pub key: String,
    /// Its canonical bytes.
    pub bytes: Vec<u8>,
}

impl PostedItem {
    /// The item as a signature covers it.
    pub fn signed(&self) -> SignedItem<'_> {
        SignedItem {
            kind: self.kind,
            key: &self.key,
            bytes: &self.bytes,
        }
    }
}

/// A route of the election's API that adds items signed by a party.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/guardians`: a guardian's public key.
    Guardians,
    /// `/shares`: an encrypted share.
    Shares,
    /// `/acceptances`: a guardian's acceptance of H_G.
    Acceptances,
    /// `/devices`: a voting device's registration.
    Devices,
    /// `/ballots`: an encrypted ballot.
    Ballots,
    /// `/decryption/<round>[?attempt=<n>]`: a decryption message of attempt n (1, or the n of
    /// an administrator's restart).
    Decryption(Round, u32),
    /// `/decryption/restart`: the administrator restarts a stalled decryption.
    DecryptionRestart,
    /// `/enrolments/devices`: a device's key, enrolled by the administrator.
    DeviceEnrolments,
    /// `/enrolments/witnesses`: a witness, enrolled by the administrator.
    WitnessEnrolments,
    /// `/close`: the administrator closes the vote.
    Close,
    /// `/results`: the tally and the opened challenged ballots.
    Results,
}

impl Route {
    /// The path under `/api/elections/<id>`, with the attempt of a restarted decryption's
    /// messages as its query.
    pub fn path(self) -> String {
        match self {
            Route::Decryption(round, attempt) if attempt != FIRST_ATTEMPT => {
                format!(
                    "{}?attempt={attempt}",
                    Route::Decryption(round, FIRST_ATTEMPT).path()
                )
            }
            other => other.base_path().into(),
        }
    }

    fn base_path(self) -> &'static str {
        match self {
            Route::Guardians => "/guardians",
            Route::Shares => "/shares",
            Route::Acceptances => "/acceptances",
            Route::Devices => "/devices",
            Route::Ballots => "/ballots",
            Route::Decryption(Round::Commit, _) => "/decryption/commit",
            Route::Decryption(Round::Reveal, _) => "/decryption/reveal",
            Route::Decryption(Round::Respond, _) => "/decryption/response",
            Route::DecryptionRestart => "/decryption/restart",
            Route::DeviceEnrolments => "/enrolments/devices",
            Route::WitnessEnrolments => "/enrolments/witnesses",
            Route::Close => "/close",
            Route::Results => "/results",
        }
    }
}

impl Route {
    /// Whether the body is the one item the route adds (every route but the results, whose
    /// body holds the tally and the opened ballots).
    pub fn body_is_item(self) -> bool {
        self != Route::Results
    }
}

/// The results as posted: `tally.json` and every opened challenged ballot.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultsJson {
    /// `tally.json`.
    pub tally: DecryptedTallyJson,
    /// `challenged_ballots/dballot-<id>.json`, one per challenged ballot.
    #[serde(default)]
    pub challenged: Vec<ChallengedBallotJson>,
}

/// The body as `T`: unknown fields refused, and an error that names the JSON path of what
/// is wrong, with `what` the body is in place of a file name.
fn parse<T: DeserializeOwned>(what: &'static str, body: &[u8]) -> Result<T, RecordError> {
    scrutin_record::json_file::parse(Path::new(what), body)
}

fn item<T: Serialize>(kind: Kind, key: String, value: &T) -> Result<PostedItem, RecordError> {
    let bytes = scrutin_record::json_file::to_bytes(value)
        .map_err(|e| RecordError::field(Path::new(&key), ".", e.to_string()))?;
    Ok(PostedItem { kind, key, bytes })
}

/// The items a post of `body` to `route` adds, in the order the request's signatures take.
pub fn items(route: Route, body: &[u8]) -> Result<Vec<PostedItem>, RecordError> {
    let one = |item: PostedItem| Ok(vec![item]);
    match route {
        Route::Guardians => {
            let json: GuardianJson = parse("guardian public key", body)?;
            one(item(
                Kind::Guardian,
                key::guardian(json.x_coordinate),
                &json,
            )?)
        }
        Route::Shares => {
            let json: EncryptedShareJson = parse("encrypted share", body)?;
            one(item(Kind::Share, key::share(json.from, json.to), &json)?)
        }
        Route::Acceptances => {
            let json: AcceptanceJson = parse("acceptance", body)?;
            one(item(
                Kind::Acceptance,
                key::acceptance(json.guardian),
                &json,
            )?)
        }
        Route::Devices => {
            let json: DeviceJson = parse("device registration", body)?;
            one(item(Kind::Device, key::device(&json.voting_device), &json)?)
        }
        Route::Ballots => {
            let json: EncryptedBallotJson = parse("encrypted ballot", body)?;
            let key = key::ballot(&json.voting_device, &json.ballot_id);
            one(item(Kind::Ballot, key, &json)?)
        }
        Route::Decryption(round, attempt) => one(decryption(round, attempt, body)?),
        Route::DecryptionRestart => {
            let json: DecryptionRestartJson = parse("decryption restart", body)?;
            let key = key::decryption_restart(json.attempt);
            one(item(Kind::DecryptionRestart, key, &json)?)
        }
        Route::DeviceEnrolments => {
            let json: DeviceEnrolmentJson = parse("device enrolment", body)?;
            let key = paths::device_enrolment(&json.voting_device);
            one(item(Kind::DeviceEnrolment, key, &json)?)
        }
        Route::WitnessEnrolments => {
            let json: WitnessEnrolmentJson = parse("witness enrolment", body)?;
            let key = paths::witness_enrolment(&json.name);
            one(item(Kind::WitnessEnrolment, key, &json)?)
        }
        Route::Close => {
            let json: CloseJson = parse("close order", body)?;
            one(item(Kind::Close, paths::close(), &json)?)
        }
        Route::Results => results(body),
    }
}

fn decryption(round: Round, attempt: u32, body: &[u8]) -> Result<PostedItem, RecordError> {
    let kind = Kind::of_round(round);
    let key = |guardian| key::attempt_decryption(attempt, round, guardian);
    match round {
        Round::Commit => {
            let json: DecryptionCommitmentJson = parse("decryption commitment", body)?;
            item(kind, key(json.guardian), &json)
        }
        Round::Reveal => {
            let json: DecryptionRevealJson = parse("decryption reveal", body)?;
            item(kind, key(json.guardian), &json)
        }
        Round::Respond => {
            let json: DecryptionResponseJson = parse("decryption response", body)?;
            item(kind, key(json.guardian), &json)
        }
    }
}

fn results(body: &[u8]) -> Result<Vec<PostedItem>, RecordError> {
    let json: ResultsJson = parse("results", body)?;
    let mut items = vec![item(Kind::Tally, key::tally(), &json.tally)?];
    for opened in &json.challenged {
        let key = key::challenged(&opened.ballot_id);
        items.push(item(Kind::ChallengedBallot, key, opened)?);
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_does_not_change_an_item() {
        let compact = br#"{"guardian":2,"guardian_record_hash":"AB"}"#;
        let spaced = b"{ \"guardian\" : 2,\n  \"guardian_record_hash\": \"AB\" }";
        let a = items(Route::Acceptances, compact).unwrap();
        assert_eq!(a, items(Route::Acceptances, spaced).unwrap());
        assert_eq!(a[0].key, "ceremony/acceptance-2.json");
        assert_eq!(a[0].kind, Kind::Acceptance);
        assert!(a[0].bytes.ends_with(b"}\n"));
    }

    #[test]
    fn enrolments_and_close_have_their_keys() {
        let device = br#"{"voting_device":"booth-1","public_key":"00"}"#;
        let item = &items(Route::DeviceEnrolments, device).unwrap()[0];
        assert_eq!(item.key, "authorship/devices/booth-1.json");
        let close = &items(Route::Close, br#"{"election_id":"e"}"#).unwrap()[0];
        assert_eq!(
            (close.kind, close.key.as_str()),
            (Kind::Close, "authorship/close.json")
        );
    }

    #[test]
    fn unknown_fields_are_refused() {
        let extra = br#"{"guardian":2,"guardian_record_hash":"AB","x":1}"#;
        let error = items(Route::Acceptances, extra).unwrap_err().to_string();
        assert!(error.contains("acceptance"), "{error}");
        assert!(error.contains("unknown field"), "{error}");
    }

    #[test]
    fn routes_have_their_paths() {
        assert_eq!(
            Route::Decryption(Round::Respond, 1).path(),
            "/decryption/response"
        );
        assert_eq!(
            Route::Decryption(Round::Commit, 3).path(),
            "/decryption/commit?attempt=3"
        );
        assert_eq!(Route::DecryptionRestart.path(), "/decryption/restart");
        assert_eq!(Route::WitnessEnrolments.path(), "/enrolments/witnesses");
    }
}
