//! Who must sign each item: the authorship rule of every kind. Guardians sign what they
//! post in the ceremony and the decryption, devices sign their registration and their
//! ballots, the administrator signs the roster, the manifest, enrolments, the close, a
//! restart of the decryption and the results. The board's derived files (constants, configuration, `election_initialized`,
//! ballot chains, encrypted tally) are signed by no one: the verifier recomputes them.

use super::kind::Kind;
use super::paths;
use crate::v21::layout;
use crate::v21::working_attempts::{attempt_of_folder, attempt_of_restart_file};
use std::fmt;

/// The author an item must be signed by.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Author {
    /// The election's administrator.
    Administrator,
    /// Guardian i.
    Guardian(u32),
    /// The enrolled voting device of this name.
    Device(String),
}

impl fmt::Display for Author {
    /// `administrator`, `guardian-<i>` or `device-<name>`, as signature files name signers.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Author::Administrator => f.write_str("administrator"),
            Author::Guardian(i) => write!(f, "guardian-{i}"),
            Author::Device(name) => write!(f, "device-{name}"),
        }
    }
}

/// What the authorship rule says of an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    /// It must be signed by this author.
    SignedBy(Author),
    /// The board derives it; no one signs it.
    Derived,
    /// It is itself a signature.
    Signature,
}

/// The rule for the item of `kind` at `key`; `None` when the key is not one an item of this
/// kind can have (the board never files one there, so a record that does is malformed).
pub fn rule(kind: Kind, key: &str) -> Option<Rule> {
    let signed = |author| Some(Rule::SignedBy(author));
    match kind {
        Kind::Constants
        | Kind::ElectionConfig
        | Kind::ElectionInitialized
        | Kind::BallotChain
        | Kind::EncryptedTally => Some(Rule::Derived),
        Kind::Signature => Some(Rule::Signature),
        Kind::Manifest
        | Kind::Roster
        | Kind::DeviceEnrolment
        | Kind::WitnessEnrolment
        | Kind::Close
        | Kind::Tally
        | Kind::ChallengedBallot => signed(Author::Administrator),
        Kind::DecryptionRestart => {
            let file = key.strip_prefix("decryption/")?;
            attempt_of_restart_file(file)?;
            signed(Author::Administrator)
        }
        Kind::Guardian => signed(Author::Guardian(index_after(key, "ceremony/guardian-")?)),
        Kind::Share => signed(Author::Guardian(index_after(
            key,
            "ceremony/shares/share-",
        )?)),
        Kind::Acceptance => signed(Author::Guardian(index_after(key, "ceremony/acceptance-")?)),
        Kind::DecryptionCommit => signed(Author::Guardian(sender(key, "commit-")?)),
        Kind::DecryptionReveal => signed(Author::Guardian(sender(key, "reveal-")?)),
        Kind::DecryptionResponse => signed(Author::Guardian(sender(key, "response-")?)),
        Kind::Device => signed(Author::Device(
            key.strip_prefix("devices/")?.strip_suffix(".json")?.into(),
        )),
        Kind::Ballot => {
            let rest = key.strip_prefix("encrypted_ballots/")?;
            let (device, file) = rest.split_once('/')?;
            file.starts_with("eballot-").then_some(())?;
            signed(Author::Device(device.into()))
        }
    }
}

/// The kind of the item filed at the record path `key`; `None` for a path no item can have
/// (the verifier reads no such file, and no one signs it). Every path this accepts has a
/// [`rule`].
pub fn kind_of(key: &str) -> Option<Kind> {
    let kind = match key {
        layout::CONSTANTS => Kind::Constants,
        layout::MANIFEST => Kind::Manifest,
        layout::ELECTION_CONFIG => Kind::ElectionConfig,
        layout::ELECTION_INITIALIZED => Kind::ElectionInitialized,
        layout::ENCRYPTED_TALLY => Kind::EncryptedTally,
        layout::TALLY => Kind::Tally,
        _ if paths::signed_key(key).is_some() => Kind::Signature,
        _ => kind_in_folder(key)?,
    };
    rule(kind, key).map(|_| kind)
}

/// The kind of a `.json` file in one of the record's item folders, by folder and name.
fn kind_in_folder(key: &str) -> Option<Kind> {
    let (folder, file) = key.rsplit_once('/')?;
    file.strip_suffix(".json").filter(|stem| !stem.is_empty())?;
    let starts = |prefix: &str| file.starts_with(prefix);
    let kind = match folder {
        paths::FOLDER if file == "roster.json" => Kind::Roster,
        paths::FOLDER if file == "close.json" => Kind::Close,
        "authorship/devices" => Kind::DeviceEnrolment,
        "authorship/witnesses" => Kind::WitnessEnrolment,
        "ceremony" if starts("guardian-") => Kind::Guardian,
        "ceremony" if starts("acceptance-") => Kind::Acceptance,
        "ceremony/shares" if starts("share-") => Kind::Share,
        "devices" => Kind::Device,
        "decryption" if starts("restart-") => Kind::DecryptionRestart,
        f if attempt_of_folder(f).is_some() && starts("commit-") => Kind::DecryptionCommit,
        f if attempt_of_folder(f).is_some() && starts("reveal-") => Kind::DecryptionReveal,
        f if attempt_of_folder(f).is_some() && starts("response-") => Kind::DecryptionResponse,
        layout::CHALLENGED_BALLOTS if starts("dballot-") => Kind::ChallengedBallot,
        _ => {
            let device = folder
                .strip_prefix(layout::ENCRYPTED_BALLOTS)?
                .strip_prefix('/')?;
            if device.is_empty() || device.contains('/') {
                return None;
            }
            if file == layout::BALLOT_CHAIN {
                Kind::BallotChain
            } else if starts("eballot-") {
                Kind::Ballot
            } else {
                return None;
            }
        }
    };
    Some(kind)
}

/// The sender i of a decryption message at `key`: a file `<prefix><i>.json` in the folder
/// of one of the decryption's attempts.
fn sender(key: &str, prefix: &str) -> Option<u32> {
    let (folder, file) = key.rsplit_once('/')?;
    attempt_of_folder(folder)?;
    index_after(file, prefix)
}

/// The decimal index right after `prefix` in `key`, ended by `-` or `.json`.
fn index_after(key: &str, prefix: &str) -> Option<u32> {
    let rest = key.strip_prefix(prefix)?;
    let digits: &str = rest
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .filter(|d| !d.is_empty())?;
    let after = rest.get(digits.len()..)?;
    (after.starts_with('-') || after == ".json").then_some(())?;
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_its_author() {
        let cases = [
            (
                Kind::Guardian,
                "ceremony/guardian-3.json",
                Author::Guardian(3),
            ),
            (
                Kind::Share,
                "ceremony/shares/share-2-to-5.json",
                Author::Guardian(2),
            ),
            (
                Kind::Acceptance,
                "ceremony/acceptance-12.json",
                Author::Guardian(12),
            ),
            (
                Kind::DecryptionReveal,
                "decryption/reveal-4.json",
                Author::Guardian(4),
            ),
            (
                Kind::Device,
                "devices/booth-1.json",
                Author::Device("booth-1".into()),
            ),
            (
                Kind::Ballot,
                "encrypted_ballots/booth-1/eballot-b7.json",
                Author::Device("booth-1".into()),
            ),
            (
                Kind::DecryptionCommit,
                "decryption/attempt-2/commit-3.json",
                Author::Guardian(3),
            ),
            (
                Kind::DecryptionRestart,
                "decryption/restart-2.json",
                Author::Administrator,
            ),
            (Kind::Tally, "tally.json", Author::Administrator),
            (
                Kind::Roster,
                "authorship/roster.json",
                Author::Administrator,
            ),
        ];
        for (kind, key, author) in cases {
            assert_eq!(rule(kind, key), Some(Rule::SignedBy(author)), "{key}");
        }
        assert_eq!(
            rule(Kind::EncryptedTally, "encrypted_tally.json"),
            Some(Rule::Derived)
        );
    }

    #[test]
    fn keys_of_another_shape_have_no_rule() {
        assert_eq!(rule(Kind::Guardian, "ceremony/guardian-x.json"), None);
        assert_eq!(rule(Kind::Guardian, "ceremony/guardian-3x.json"), None);
        assert_eq!(rule(Kind::Share, "ceremony/shares/share-.json"), None);
        assert_eq!(
            rule(Kind::Ballot, "encrypted_ballots/d/ballot_chain.json"),
            None
        );
        assert_eq!(rule(Kind::Device, "device/x.json"), None);
        assert_eq!(
            rule(Kind::DecryptionCommit, "decryption/attempt-1/commit-1.json"),
            None
        );
        assert_eq!(
            rule(Kind::DecryptionRestart, "decryption/restart-1.json"),
            None
        );
    }

    #[test]
    fn record_paths_have_the_kind_of_their_items() {
        let cases = [
            ("constants.json", Kind::Constants),
            ("manifest.json", Kind::Manifest),
            ("authorship/roster.json", Kind::Roster),
            ("authorship/close.json", Kind::Close),
            ("authorship/devices/booth-1.json", Kind::DeviceEnrolment),
            ("authorship/witnesses/w.json", Kind::WitnessEnrolment),
            ("authorship/signatures/tally.json", Kind::Signature),
            (
                "authorship/signatures/encrypted_ballots/d/eballot-1.json",
                Kind::Signature,
            ),
            ("ceremony/guardian-2.json", Kind::Guardian),
            ("ceremony/acceptance-2.json", Kind::Acceptance),
            ("ceremony/shares/share-1-to-2.json", Kind::Share),
            ("devices/booth-1.json", Kind::Device),
            ("encrypted_ballots/d/eballot-b7.json", Kind::Ballot),
            ("encrypted_ballots/d/ballot_chain.json", Kind::BallotChain),
            ("decryption/commit-1.json", Kind::DecryptionCommit),
            ("decryption/reveal-1.json", Kind::DecryptionReveal),
            ("decryption/response-1.json", Kind::DecryptionResponse),
            ("decryption/restart-2.json", Kind::DecryptionRestart),
            ("decryption/attempt-2/commit-1.json", Kind::DecryptionCommit),
            ("decryption/attempt-3/reveal-1.json", Kind::DecryptionReveal),
            (
                "decryption/attempt-2/response-2.json",
                Kind::DecryptionResponse,
            ),
            (
                "authorship/signatures/decryption/attempt-2/commit-1.json",
                Kind::Signature,
            ),
            ("challenged_ballots/dballot-b1.json", Kind::ChallengedBallot),
            ("tally.json", Kind::Tally),
        ];
        for (key, kind) in cases {
            assert_eq!(kind_of(key), Some(kind), "{key}");
        }
        for other in [
            "README.md",
            "authorship/notes.json",
            "authorship/devices/.json",
            "ceremony/guardian-x.json",
            "encrypted_ballots/eballot-1.json",
            "encrypted_ballots/d/e/eballot-1.json",
            "encrypted_ballots/d/notes.json",
            "challenged_ballots/notes.txt",
            "devices/a/b.json",
            "authorship/signatures/",
            "decryption/attempt-1/commit-1.json",
            "decryption/attempt-2/restart-3.json",
            "decryption/restart-1.json",
            "decryption/attempt-2/x/commit-1.json",
        ] {
            assert_eq!(kind_of(other), None, "{other}");
        }
    }

    #[test]
    fn authors_display_as_signature_files_name_them() {
        assert_eq!(Author::Guardian(2).to_string(), "guardian-2");
        assert_eq!(Author::Device("d".into()).to_string(), "device-d");
        assert_eq!(Author::Administrator.to_string(), "administrator");
    }
}
