//! The checked roster: the administrator's and the n guardians' public keys, decoded from
//! `authorship/roster.json` ([`RosterJson`]). Decoding refuses a roster whose guardians are
//! not exactly 1..n in order, whose quorum is not 1 ≤ k ≤ n, whose keys are not 64 hex
//! digits, or in which two parties share a key (one party holding two guardian slots would
//! hold two shares of the election key).

use super::author::Author;
use super::identity::PublicKey;
use super::wire::{GuardianPartyJson, PartyJson, RosterJson};
use std::collections::BTreeSet;

/// The longest party name.
pub const MAX_NAME: usize = 128;

/// A checked roster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roster {
    /// The election id.
    pub election_id: String,
    /// The origin of the election's log.
    pub origin: String,
    /// The parameter set's name.
    pub group: String,
    /// n.
    pub guardians: u32,
    /// k.
    pub quorum: u32,
    /// The administrator's name and key.
    pub administrator: (String, PublicKey),
    /// Guardian i's name and key at position i − 1.
    pub guardian_keys: Vec<(String, PublicKey)>,
}

/// Why a roster is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RosterError {
    /// A public key is not 64 hex digits.
    #[error("the public key of {who} is not 64 hex digits")]
    BadKey {
        /// The party.
        who: String,
    },
    /// A name is empty, too long, or has control characters.
    #[error("the name of {who} must be 1 to {MAX_NAME} characters without control characters")]
    BadName {
        /// The party.
        who: String,
    },
    /// n and k are not 1 ≤ k ≤ n.
    #[error("quorum {quorum} of {guardians} guardians: need 1 ≤ k ≤ n")]
    Counts {
        /// n.
        guardians: u32,
        /// k.
        quorum: u32,
    },
    /// The guardians are not 1..n in order.
    #[error("guardian entry {position} has index {index}; the roster lists guardians 1..{guardians} in order")]
    GuardianIndex {
        /// The 1-based position in the list.
        position: usize,
        /// The index found there.
        index: u32,
        /// n.
        guardians: u32,
    },
    /// The list does not have n guardians.
    #[error("the roster lists {listed} guardians for n = {guardians}")]
    GuardianCount {
        /// How many are listed.
        listed: usize,
        /// n.
        guardians: u32,
    },
    /// Two parties share one key.
    #[error("{who} has the same key as another party on the roster")]
    SharedKey {
        /// The second party with the key.
        who: String,
    },
}

fn party_key(who: &str, name: &str, key: &str) -> Result<(String, PublicKey), RosterError> {
    let bad_name =
        name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control);
    if bad_name {
        return Err(RosterError::BadName { who: who.into() });
    }
    let key = PublicKey::from_hex(key).ok_or_else(|| RosterError::BadKey { who: who.into() })?;
    Ok((name.to_string(), key))
}

impl Roster {
    /// Checks a roster (see the module documentation).
    pub fn decode(json: &RosterJson) -> Result<Roster, RosterError> {
        let (n, k) = (json.number_of_guardians, json.quorum);
        if k == 0 || k > n {
            return Err(RosterError::Counts {
                guardians: n,
                quorum: k,
            });
        }
        if json.guardians.len() != n as usize {
            return Err(RosterError::GuardianCount {
                listed: json.guardians.len(),
                guardians: n,
            });
        }
        let PartyJson { name, public_key } = &json.administrator;
        let administrator = party_key("the administrator", name, public_key)?;
        let mut seen = BTreeSet::from([administrator.1]);
        let mut guardian_keys = Vec::with_capacity(json.guardians.len());
        for (position, (g, expected)) in json.guardians.iter().zip(1u32..).enumerate() {
            let GuardianPartyJson {
                index,
                name,
                public_key,
            } = g;
            if *index != expected {
                return Err(RosterError::GuardianIndex {
                    position: position + 1,
                    index: *index,
                    guardians: n,
                });
            }
            let who = format!("guardian {index}");
            let party = party_key(&who, name, public_key)?;
            if !seen.insert(party.1) {
                return Err(RosterError::SharedKey { who });
            }
            guardian_keys.push(party);
        }
        Ok(Roster {
            election_id: json.election_id.clone(),
            origin: json.origin.clone(),
            group: json.group.clone(),
            guardians: n,
            quorum: k,
            administrator,
            guardian_keys,
        })
    }

    /// The key of the administrator or of a guardian on the roster; `None` for a guardian
    /// index outside 1..n and for devices, whose keys are enrolled separately.
    pub fn key_of(&self, author: &Author) -> Option<PublicKey> {
        match author {
            Author::Administrator => Some(self.administrator.1),
            Author::Guardian(i) => {
                let position = usize::try_from(i.checked_sub(1)?).ok()?;
                self.guardian_keys.get(position).map(|(_, key)| *key)
            }
            Author::Device(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> String {
        PublicKey([byte; 32]).to_hex()
    }

    pub(crate) fn roster_json(n: u32, k: u32) -> RosterJson {
        RosterJson {
            election_id: "e1".into(),
            origin: "board.example/scrutin/e1".into(),
            group: "toy-256".into(),
            number_of_guardians: n,
            quorum: k,
            administrator: PartyJson {
                name: "office".into(),
                public_key: key(0),
            },
            guardians: (1..=n)
                .map(|i| GuardianPartyJson {
                    index: i,
                    name: format!("g{i}"),
                    public_key: key(u8::try_from(i).unwrap()),
                })
                .collect(),
        }
    }

    #[test]
    fn a_good_roster_decodes_and_names_each_key() {
        let roster = Roster::decode(&roster_json(3, 2)).unwrap();
        assert_eq!(
            roster.key_of(&Author::Guardian(2)),
            Some(PublicKey([2; 32]))
        );
        assert_eq!(
            roster.key_of(&Author::Administrator),
            Some(PublicKey([0; 32]))
        );
        assert_eq!(roster.key_of(&Author::Guardian(0)), None);
        assert_eq!(roster.key_of(&Author::Guardian(4)), None);
    }

    #[test]
    fn bad_rosters_are_refused_by_name() {
        let mut json = roster_json(3, 2);
        json.quorum = 4;
        assert!(matches!(
            Roster::decode(&json),
            Err(RosterError::Counts { .. })
        ));
        let mut json = roster_json(3, 2);
        json.guardians.pop();
        assert!(matches!(
            Roster::decode(&json),
            Err(RosterError::GuardianCount { .. })
        ));
        let mut json = roster_json(3, 2);
        json.guardians.swap(0, 1);
        assert!(matches!(
            Roster::decode(&json),
            Err(RosterError::GuardianIndex { .. })
        ));
        let mut json = roster_json(3, 2);
        json.guardians[2].public_key = key(1);
        assert!(matches!(
            Roster::decode(&json),
            Err(RosterError::SharedKey { .. })
        ));
        let mut json = roster_json(3, 2);
        json.guardians[0].public_key = "xy".into();
        assert!(matches!(
            Roster::decode(&json),
            Err(RosterError::BadKey { .. })
        ));
        let mut json = roster_json(3, 2);
        json.administrator.name = "a\nb".into();
        assert!(matches!(
            Roster::decode(&json),
            Err(RosterError::BadName { .. })
        ));
    }
}
