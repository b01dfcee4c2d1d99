//! The rules of one election: which items may be posted at each stage, how each is checked
//! before the board accepts it, and the state the accepted items build up. The same
//! [`Rules::absorb`] folds an accepted item into the state when it is appended and when the
//! board replays its log at startup, so that a restarted board is in the state it left.

use crate::error::BoardError;
use crate::items::Kind;
use scrutin_core::ballot::ChainState;
use scrutin_core::ceremony::GuardianPublicKey;
use scrutin_core::group::{ParameterSet, Standard, Toy256};
use scrutin_core::parameters::{election_base_hash, parameter_base_hash, GuardianCounts};
use scrutin_core::{Element, HValue};
use scrutin_record::v21::manifest::Manifest;
use scrutin_record::v21::wire::{EncryptedBallotJson, GuardianJson};
use scrutin_verify::v21::Setup;
use std::collections::{BTreeMap, BTreeSet};
use std::marker::PhantomData;
use std::path::Path;
use std::sync::Arc;

/// An item to append to the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Its kind.
    pub kind: Kind,
    /// Its key: the path of its file in the record.
    pub key: String,
    /// Its exact bytes.
    pub bytes: Vec<u8>,
    /// A ballot's confirmation code (upper-case hex), for look-ups.
    pub code: Option<String>,
}

/// The stage of an election.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// The key ceremony: guardians post keys, shares and acceptances (§3.2).
    Ceremony,
    /// Initialized: devices post ballots (§3.3–3.4).
    Voting,
    /// Closed: the encrypted tally is on the board; guardians decrypt (§3.5–3.6).
    Decryption,
    /// The decrypted tally and the opened challenged ballots are on the board.
    Complete,
}

impl Phase {
    /// The phase's name in the API.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Ceremony => "ceremony",
            Phase::Voting => "voting",
            Phase::Decryption => "decryption",
            Phase::Complete => "complete",
        }
    }
}

/// What the board shows of an election's progress.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// The phase name.
    pub phase: &'static str,
    /// The parameter set's name.
    pub group: &'static str,
    /// n.
    pub guardians: u32,
    /// k.
    pub quorum: u32,
    /// Guardian public keys on the board.
    pub guardian_keys: usize,
    /// Encrypted shares on the board.
    pub shares: usize,
    /// Guardians that accepted H_G.
    pub acceptances: usize,
    /// Registered voting devices.
    pub devices: usize,
    /// Cast ballots.
    pub cast: usize,
    /// Challenged ballots.
    pub challenged: usize,
    /// H_E once initialized.
    pub extended_base_hash: Option<String>,
    /// The available guardians of the decryption, once one has started.
    pub decrypting_guardians: Option<Vec<u32>>,
    /// The decryption's current attempt: 1, or the n of its latest restart.
    pub decryption_attempt: u32,
}

/// Checks a ballot's proofs on its own, without the election's lock: the expensive part of
/// accepting a ballot (Verifications 6–8.B), done in parallel with other posts.
pub trait BallotPrecheck: Send + Sync {
    /// Verifies the ballot posted as `key` under `device`; the error names the first failing
    /// step and lists every failure.
    fn check(&self, key: &str, device: &str, json: &EncryptedBallotJson) -> Result<(), BoardError>;
}

/// An election's rules and state, whatever its parameter set.
pub trait Rules: Send {
    /// The current phase.
    fn phase(&self) -> Phase;
    /// The validated manifest.
    fn manifest(&self) -> &Manifest;
    /// n and k.
    fn counts(&self) -> GuardianCounts;
    /// The progress, for people.
    fn summary(&self) -> Summary;
    /// The first items of the election's log: `constants.json`, `manifest.json` (its exact
    /// bytes) and `election_config.json` (§3.1, equations 4–5).
    fn genesis(&self) -> Result<Vec<Item>, BoardError>;
    /// Checks posted items in the current state; returns the items the board derives from
    /// them (the initialized election after the last acceptance), to be appended after them.
    fn plan(&self, items: &[Item]) -> Result<Vec<Item>, BoardError>;
    /// The items of closing the vote: each device's chain and the encrypted tally, from the
    /// cast ballots' bytes in log order.
    fn plan_close(&self, cast: &[Vec<u8>]) -> Result<Vec<Item>, BoardError>;
    /// Folds an appended item into the state.
    fn absorb(&mut self, item: &Item) -> Result<(), BoardError>;
    /// The ballot checker, once the election is initialized.
    fn ballot_precheck(&self) -> Option<Arc<dyn BallotPrecheck>>;
}

/// The rules of a new or replayed election whose parameter set is named `group`, manifest
/// bytes `manifest` and counts `counts`.
pub fn open_rules(
    group: &str,
    manifest: &Manifest,
    counts: GuardianCounts,
) -> Result<Box<dyn Rules>, BoardError> {
    if group == Standard::NAME {
        Ok(Box::new(State::<Standard>::new(manifest.clone(), counts)))
    } else if group == Toy256::NAME {
        Ok(Box::new(State::<Toy256>::new(manifest.clone(), counts)))
    } else {
        Err(BoardError::BadInput(format!(
            "unknown parameter set {group:?} (known: {}, {})",
            Standard::NAME,
            Toy256::NAME
        )))
    }
}

/// A voting device's chain as the board has it.
pub(super) struct DeviceState {
    pub info: scrutin_core::ballot::DeviceInfo,
    pub chain: ChainState,
    pub ballots: Vec<String>,
}

/// A ballot on the board.
pub(super) struct BallotState {
    pub cast: bool,
}

/// What closing the vote fixed: the shape of every decryption message.
pub(super) struct Closed {
    /// The number of options in the encrypted tally.
    pub options: usize,
    /// The challenged ballots' ids, increasing.
    pub challenged: Vec<String>,
}

/// The decryption messages on the board, of the current attempt.
pub(super) struct Decrypting {
    /// The current attempt: 1, or the n of the latest restart.
    pub attempt: u32,
    /// U, fixed by the attempt's first message or by its restart.
    pub available: Option<Vec<u32>>,
    /// Senders of round 1, 2 and 3.
    pub committed: BTreeSet<u32>,
    pub revealed: BTreeSet<u32>,
    pub responded: BTreeSet<u32>,
}

impl Default for Decrypting {
    fn default() -> Self {
        Decrypting {
            attempt: scrutin_record::v21::working_attempts::FIRST_ATTEMPT,
            available: None,
            committed: BTreeSet::new(),
            revealed: BTreeSet::new(),
            responded: BTreeSet::new(),
        }
    }
}

/// K, K̂ and H_G.
pub(super) type Joint<P> = (Element<P>, Element<P>, HValue);

/// The state of an election in the parameter set `P`.
pub(super) struct State<P: ParameterSet> {
    pub manifest: Manifest,
    pub counts: GuardianCounts,
    pub parameter_hash: HValue,
    pub base_hash: HValue,
    pub guardians: BTreeMap<u32, (GuardianJson, GuardianPublicKey<P>)>,
    pub shares: BTreeSet<(u32, u32)>,
    pub accepted: BTreeSet<u32>,
    pub setup: Option<Arc<Setup<P>>>,
    pub devices: BTreeMap<String, DeviceState>,
    pub ballots: BTreeMap<String, BallotState>,
    pub selection_ids: BTreeSet<[u8; 32]>,
    pub closed: Option<Closed>,
    pub decrypting: Decrypting,
    pub complete: bool,
    _set: PhantomData<P>,
}

impl<P: ParameterSet> State<P> {
    fn new(manifest: Manifest, counts: GuardianCounts) -> Self {
        let parameter_hash = parameter_base_hash::<P>(counts);
        let base_hash = election_base_hash(&parameter_hash, &manifest.bytes);
        State {
            manifest,
            counts,
            parameter_hash,
            base_hash,
            guardians: BTreeMap::new(),
            shares: BTreeSet::new(),
            accepted: BTreeSet::new(),
            setup: None,
            devices: BTreeMap::new(),
            ballots: BTreeMap::new(),
            selection_ids: BTreeSet::new(),
            closed: None,
            decrypting: Decrypting::default(),
            complete: false,
            _set: PhantomData,
        }
    }

    /// Fails unless the election is in `phase`.
    pub fn require(&self, phase: Phase, what: &str) -> Result<(), BoardError> {
        let now = self.phase();
        if now == phase {
            return Ok(());
        }
        Err(BoardError::WrongPhase(format!(
            "{what} can be posted during the {} phase only; the election is in the {} phase",
            phase.name(),
            now.name()
        )))
    }

    /// A device may be enrolled until the vote is closed.
    fn check_device_enrolment(&self) -> Result<(), BoardError> {
        match self.phase() {
            Phase::Ceremony | Phase::Voting => Ok(()),
            Phase::Decryption | Phase::Complete => Err(BoardError::WrongPhase(
                "the vote is closed: no voting device can be enrolled any more".into(),
            )),
        }
    }

    /// The keys of guardians 1..=n in index order, once all are on the board.
    pub fn all_keys(&self) -> Option<Vec<GuardianPublicKey<P>>> {
        let keys: Vec<_> = self.guardians.values().map(|(_, k)| k.clone()).collect();
        (keys.len() == self.counts.n as usize).then_some(keys)
    }

    /// K, K̂ and H_G of the guardian keys on the board, once all n are there (equations
    /// 25–27).
    pub fn joint(&self) -> Result<Option<Joint<P>>, BoardError> {
        let Some(keys) = self.all_keys() else {
            return Ok(None);
        };
        let (vote, data) = scrutin_core::ceremony::joint_keys(&keys)?;
        let hg = scrutin_core::ceremony::guardian_record_hash(&self.base_hash, &vote, &data, &keys);
        Ok(Some((vote, data, hg)))
    }

    /// The initialized election, for items that need it.
    pub fn setup(&self) -> Result<&Arc<Setup<P>>, BoardError> {
        self.setup
            .as_ref()
            .ok_or_else(|| BoardError::WrongPhase("the election is not initialized yet".into()))
    }
}

/// A board's JSON parse of a posted item: errors name the item's key.
pub(super) fn parse<T: serde::de::DeserializeOwned>(
    key: &str,
    bytes: &[u8],
) -> Result<T, BoardError> {
    Ok(scrutin_record::json_file::parse(Path::new(key), bytes)?)
}

impl<P: ParameterSet> Rules for State<P> {
    fn phase(&self) -> Phase {
        if self.complete {
            Phase::Complete
        } else if self.closed.is_some() {
            Phase::Decryption
        } else if self.setup.is_some() {
            Phase::Voting
        } else {
            Phase::Ceremony
        }
    }

    fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    fn counts(&self) -> GuardianCounts {
        self.counts
    }

    fn summary(&self) -> Summary {
        Summary {
            phase: self.phase().name(),
            group: P::NAME,
            guardians: self.counts.n,
            quorum: self.counts.k,
            guardian_keys: self.guardians.len(),
            shares: self.shares.len(),
            acceptances: self.accepted.len(),
            devices: self.devices.len(),
            cast: self.ballots.values().filter(|b| b.cast).count(),
            challenged: self.ballots.values().filter(|b| !b.cast).count(),
            extended_base_hash: self
                .setup
                .as_ref()
                .map(|s| s.context().extended_hash.to_hex()),
            decrypting_guardians: self.decrypting.available.clone(),
            decryption_attempt: self.decrypting.attempt,
        }
    }

    fn genesis(&self) -> Result<Vec<Item>, BoardError> {
        use crate::items::key;
        use scrutin_record::v21::encode as enc;
        let config = enc::election_config(self.counts, &self.parameter_hash, &self.base_hash);
        Ok(vec![
            Item {
                kind: Kind::Constants,
                key: key::constants(),
                bytes: crate::intake::canonical(&enc::constants::<P>())?,
                code: None,
            },
            Item {
                kind: Kind::Manifest,
                key: key::manifest(),
                bytes: self.manifest.bytes.clone(),
                code: None,
            },
            Item {
                kind: Kind::ElectionConfig,
                key: key::election_config(),
                bytes: crate::intake::canonical(&config)?,
                code: None,
            },
        ])
    }

    fn plan(&self, items: &[Item]) -> Result<Vec<Item>, BoardError> {
        let mut derived = Vec::new();
        for item in items {
            match item.kind {
                Kind::Guardian => self.check_guardian(item)?,
                Kind::Share => self.check_share(item)?,
                Kind::Acceptance => derived.extend(self.check_acceptance(item)?),
                Kind::Device => self.check_device(item)?,
                Kind::Ballot => self.check_ballot_in_chain(item)?,
                Kind::DecryptionCommit | Kind::DecryptionReveal | Kind::DecryptionResponse => {
                    self.check_decryption(item)?
                }
                Kind::DecryptionRestart => self.check_restart(item)?,
                Kind::Tally | Kind::ChallengedBallot => {
                    self.check_results_phase()?;
                }
                Kind::DeviceEnrolment => self.check_device_enrolment()?,
                Kind::WitnessEnrolment => {}
                Kind::Constants
                | Kind::Manifest
                | Kind::ElectionConfig
                | Kind::ElectionInitialized
                | Kind::BallotChain
                | Kind::EncryptedTally
                | Kind::Signature => {
                    return Err(BoardError::BadInput(format!(
                        "{} is written by the board, not posted",
                        item.key
                    )))
                }
                Kind::Roster | Kind::Close => {
                    return Err(BoardError::BadInput(format!(
                        "{} is posted by its own route (creating the election, closing the \
                         vote), not as an item",
                        item.key
                    )))
                }
            }
        }
        Ok(derived)
    }

    fn plan_close(&self, cast: &[Vec<u8>]) -> Result<Vec<Item>, BoardError> {
        self.close_items(cast)
    }

    fn absorb(&mut self, item: &Item) -> Result<(), BoardError> {
        match item.kind {
            Kind::Constants | Kind::Manifest | Kind::ElectionConfig | Kind::BallotChain => Ok(()),
            Kind::Guardian => self.absorb_guardian(item),
            Kind::Share => self.absorb_share(item),
            Kind::Acceptance => self.absorb_acceptance(item),
            Kind::ElectionInitialized => self.absorb_initialized(item),
            Kind::Device => self.absorb_device(item),
            Kind::Ballot => self.absorb_ballot(item),
            Kind::EncryptedTally => self.absorb_closed(item),
            Kind::DecryptionCommit | Kind::DecryptionReveal | Kind::DecryptionResponse => {
                self.absorb_decryption(item)
            }
            Kind::DecryptionRestart => self.absorb_restart(item),
            Kind::Tally => {
                self.complete = true;
                Ok(())
            }
            Kind::ChallengedBallot
            | Kind::Roster
            | Kind::DeviceEnrolment
            | Kind::WitnessEnrolment
            | Kind::Signature
            | Kind::Close => Ok(()),
        }
    }

    fn ballot_precheck(&self) -> Option<Arc<dyn BallotPrecheck>> {
        self.setup.as_ref().map(|setup| {
            let check: Arc<dyn BallotPrecheck> = Arc::new(SetupCheck(Arc::clone(setup)));
            check
        })
    }
}

/// The ballot checker of an initialized election.
struct SetupCheck<P: ParameterSet>(Arc<Setup<P>>);

impl<P: ParameterSet> BallotPrecheck for SetupCheck<P> {
    fn check(&self, key: &str, device: &str, json: &EncryptedBallotJson) -> Result<(), BoardError> {
        let checked = scrutin_verify::v21::check_ballot(&self.0, Path::new(key), device, json)?;
        let Some(first) = checked.errors.first() else {
            return Ok(());
        };
        let all: Vec<String> = checked.errors.iter().map(ToString::to_string).collect();
        Err(BoardError::Rejected {
            step: Some(first.step.to_owned()),
            message: format!(
                "ballot {} fails verification: {}",
                json.ballot_id,
                all.join("; ")
            ),
        })
    }
}
