//! Who must sign each item: the authorship rule of every kind. Guardians sign what they
//! post in the ceremony and the decryption, devices sign their registration and their
//! ballots, the administrator signs the roster, the manifest, enrolments, the close and the
//! results. The board's derived files (constants, configuration, `election_initialized`,
//! ballot chains, encrypted tally) are signed by no one: the verifier recomputes them.

use super::kind::Kind;
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
        Kind::Guardian => signed(Author::Guardian(index_after(key, "ceremony/guardian-")?)),
        Kind::Share => signed(Author::Guardian(index_after(
            key,
            "ceremony/shares/share-",
        )?)),
        Kind::Acceptance => signed(Author::Guardian(index_after(key, "ceremony/acceptance-")?)),
        Kind::DecryptionCommit => signed(Author::Guardian(index_after(key, "decryption/commit-")?)),
        Kind::DecryptionReveal => signed(Author::Guardian(index_after(key, "decryption/reveal-")?)),
        Kind::DecryptionResponse => {
            signed(Author::Guardian(index_after(key, "decryption/response-")?))
        }
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
    }

    #[test]
    fn authors_display_as_signature_files_name_them() {
        assert_eq!(Author::Guardian(2).to_string(), "guardian-2");
        assert_eq!(Author::Device("d".into()).to_string(), "device-d");
        assert_eq!(Author::Administrator.to_string(), "administrator");
    }
}
