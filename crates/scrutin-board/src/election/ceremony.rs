//! The key ceremony on the board (§3.2.2): guardians post their public keys and encrypted
//! shares, each checked before it is accepted, then their acceptance of the guardian record
//! hash H_G; the last acceptance initializes the election.

use super::rules::{parse, Item, Phase, State};
use super::wire::AcceptanceJson;
use crate::error::BoardError;
use crate::items::{key, Kind};
use scrutin_core::election::ElectionContext;
use scrutin_core::ParameterSet;
use scrutin_record::hexfield;
use scrutin_record::v21::decode;
use scrutin_record::v21::encode as enc;
use scrutin_record::v21::source::MemoryRecord;
use scrutin_record::v21::wire::GuardianJson;
use scrutin_record::v21::working::EncryptedShareJson;
use scrutin_verify::v21::{verify_until, Until};
use std::path::Path;
use std::sync::Arc;

impl<P: ParameterSet> State<P> {
    fn check_index(&self, what: &str, index: u32) -> Result<(), BoardError> {
        if (1..=self.counts.n).contains(&index) {
            return Ok(());
        }
        Err(BoardError::BadInput(format!(
            "{what} {index}: guardian indices run from 1 to {}",
            self.counts.n
        )))
    }

    fn require_key(&self, index: u32) -> Result<(), BoardError> {
        if self.guardians.contains_key(&index) {
            return Ok(());
        }
        Err(BoardError::WrongPhase(format!(
            "guardian {index} has not posted its public key yet"
        )))
    }

    /// A guardian's public key: its commitments are in the group and both compact proofs
    /// verify (Verification 2, equations 11–13).
    pub(super) fn check_guardian(&self, item: &Item) -> Result<(), BoardError> {
        self.require(Phase::Ceremony, "a guardian's public key")?;
        let json: GuardianJson = parse(&item.key, &item.bytes)?;
        self.check_index("x_coordinate", json.x_coordinate)?;
        let public = decode::guardian::<P>(Path::new(&item.key), "", &json)?;
        public.verify(&self.parameter_hash, self.counts)?;
        Ok(())
    }

    pub(super) fn absorb_guardian(&mut self, item: &Item) -> Result<(), BoardError> {
        let json: GuardianJson = parse(&item.key, &item.bytes)?;
        let public = decode::guardian::<P>(Path::new(&item.key), "", &json)?;
        self.guardians.insert(json.x_coordinate, (json, public));
        Ok(())
    }

    /// An encrypted share between two guardians whose keys are on the board: its values are
    /// in the group and its Schnorr proof verifies (check `S0.share-proof`, equation 22). Only the
    /// recipient can check the share's values (equations 28–29); it then accepts or
    /// complains.
    pub(super) fn check_share(&self, item: &Item) -> Result<(), BoardError> {
        self.require(Phase::Ceremony, "an encrypted share")?;
        let json: EncryptedShareJson = parse(&item.key, &item.bytes)?;
        self.check_index("from", json.from)?;
        self.check_index("to", json.to)?;
        if json.from == json.to {
            return Err(BoardError::BadInput(format!(
                "a guardian sends no share to itself (from = to = {})",
                json.from
            )));
        }
        self.require_key(json.from)?;
        self.require_key(json.to)?;
        let share = decode::share::<P>(Path::new(&item.key), &json)?;
        share.verify_proof(&self.parameter_hash)?;
        Ok(())
    }

    pub(super) fn absorb_share(&mut self, item: &Item) -> Result<(), BoardError> {
        let json: EncryptedShareJson = parse(&item.key, &item.bytes)?;
        self.shares.insert((json.from, json.to));
        Ok(())
    }

    /// A guardian's acceptance: every key and every share addressed to it are on the board,
    /// and its H_G is the board's (equation 27). The last acceptance derives
    /// `election_initialized.json` (equations 25–30).
    pub(super) fn check_acceptance(&self, item: &Item) -> Result<Option<Item>, BoardError> {
        self.require(Phase::Ceremony, "an acceptance of the guardian record")?;
        let json: AcceptanceJson = parse(&item.key, &item.bytes)?;
        let index = json.guardian;
        self.check_index("guardian", index)?;
        let Some((vote_key, data_key, hg)) = self.joint()? else {
            return Err(BoardError::WrongPhase(format!(
                "{} of {} guardian public keys are on the board; H_G needs all of them",
                self.guardians.len(),
                self.counts.n
            )));
        };
        if let Some(from) = (1..=self.counts.n)
            .find(|from| *from != index && !self.shares.contains(&(*from, index)))
        {
            return Err(BoardError::WrongPhase(format!(
                "the share from guardian {from} to guardian {index} is not on the board yet"
            )));
        }
        let claimed = hexfield::hash(
            Path::new(&item.key),
            "guardian_record_hash",
            &json.guardian_record_hash,
        )?;
        if claimed != hg {
            return Err(BoardError::rejected_plain(format!(
                "guardian {index} accepts H_G = {}, but the guardian record on the board has \
                 H_G = {} (equation 27): the guardian's view differs from the board's",
                claimed.to_hex(),
                hg.to_hex()
            )));
        }
        let everyone = (1..=self.counts.n).all(|i| i == index || self.accepted.contains(&i));
        if !everyone {
            return Ok(None);
        }
        let context =
            ElectionContext::<P>::new(self.counts, &self.manifest.bytes, vote_key, data_key);
        let named: Vec<(&str, &_)> = self
            .guardians
            .values()
            .map(|(json, public)| (json.guardian_id.as_str(), public))
            .collect();
        let initialized = enc::election_initialized(&context, &hg, &named);
        Ok(Some(Item {
            kind: Kind::ElectionInitialized,
            key: key::election_initialized(),
            bytes: crate::intake::canonical(&initialized)?,
            code: None,
        }))
    }

    pub(super) fn absorb_acceptance(&mut self, item: &Item) -> Result<(), BoardError> {
        let json: AcceptanceJson = parse(&item.key, &item.bytes)?;
        self.accepted.insert(json.guardian);
        Ok(())
    }

    /// The initialized election, as the verifier establishes it (Verifications 1–4, §6.2)
    /// from the board's first items and `election_initialized.json`: K, K̂ and H_E are
    /// recomputed from the guardian keys, never read from the stored file.
    pub(super) fn absorb_initialized(&mut self, item: &Item) -> Result<(), BoardError> {
        if self.joint()?.is_none() {
            return Err(BoardError::Internal(
                "election_initialized.json is in the log before every guardian key".into(),
            ));
        }
        let mut record = MemoryRecord::new();
        for first in super::Rules::genesis(self)? {
            record.insert(first.key, first.bytes);
        }
        record.insert(item.key.clone(), item.bytes.clone());
        let options = scrutin_verify::Options {
            allow_test_parameters: P::NAME != scrutin_core::group::Standard::NAME,
            require_authorship: false,
        };
        let partial = verify_until::<P>(&record, &options, Until::Setup)?;
        let failures: Vec<String> = partial.report.failures().map(|f| f.to_string()).collect();
        match partial.setup {
            Some(setup) if failures.is_empty() => {
                self.setup = Some(Arc::new(setup));
                Ok(())
            }
            _ => Err(BoardError::Internal(format!(
                "the board's own setup fails Verifications 1–4: {}",
                failures.join("; ")
            ))),
        }
    }
}
