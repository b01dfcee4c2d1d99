//! The board: its elections, each with its log in memory (the Merkle tree) and its rules,
//! over the store. Every write checks, appends to the store durably with a signed checkpoint
//! that covers it, and only then updates the in-memory state; a refused or failed write
//! leaves nothing behind.
//!
//! This module holds the board's and an election's state and the access to them; each
//! concern has its own file:
//!
//! - `registry`: the elections by id — opening the board (every log replayed and checked),
//!   creating an election;
//! - `posting`: posting items and closing the vote, under the election's rules;
//! - `log`: the log transaction — entries and checkpoint appended in one store transaction,
//!   memory updated only after it commits — and receipts;
//! - `signed`: who may post what — each party item's signature checked against its
//!   author's enrolled key (`crate::authorship`) before the election's lock is taken;
//! - `verification`: the verifier's report on the record, the results checked against the
//!   whole record, and the record's export;
//! - `cosignatures`: witness cosignatures of the checkpoints.

use crate::administrators::Administrators;
use crate::election::{Authors, Rules, Summary};
use crate::error::BoardError;
use crate::store::{CheckpointRow, ElectionRow, Store};
use scrutin_log::{Hash, Signer, Tree};
use scrutin_record::authorship::wire::RosterJson;
use scrutin_record::v21::manifest::Manifest;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use zeroize::Zeroizing;

mod cosignatures;
mod log;
mod posting;
mod registry;
mod signed;
mod verification;

/// How many entries the board reads from the store at a time when it replays a log.
const REPLAY_PAGE: u64 = 1000;

/// One election in memory.
pub struct Election {
    /// Its row.
    pub row: ElectionRow,
    signer: Signer,
    tree: Tree,
    keys: HashMap<String, u64>,
    rules: Box<dyn Rules>,
    authors: Authors,
    latest: CheckpointRow,
}

/// The receipts of writes, shared with clients.
pub use scrutin_client::{EntryReceipt, Receipt};

/// A request to create an election (`POST /api/elections`): the roster, which names the
/// election, its log's origin, its parameter set, n, k, the administrator and the
/// guardians, and the manifest. The administrator signs both (`Scrutin-Signature`: the
/// roster's canonical bytes, then the manifest's exact bytes).
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CreateElection {
    /// `authorship/roster.json`.
    pub roster: RosterJson,
    /// The manifest's exact text; H_B hashes these bytes.
    pub manifest: String,
}

/// The bulletin board.
pub struct Board {
    store: Mutex<Box<dyn Store>>,
    elections: RwLock<BTreeMap<String, Arc<Mutex<Election>>>>,
    seed: Zeroizing<[u8; 32]>,
    host: String,
    verified: Mutex<HashMap<String, (u64, Arc<scrutin_verify::Report>)>>,
    /// Whether new elections may use the insecure toy groups ([`Board::allow_test_groups`]).
    test_groups: bool,
    /// Who may create elections ([`Board::administrators`]).
    administrators: Administrators,
}

/// The mutex's guard, also after a panic of another holder.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock cannot leave the log half-written (the store
    // transaction rolls back); the in-memory state is only updated after a commit.
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Seconds since the Unix epoch, for the rows' `created_at`.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// A hash as lowercase hex, as receipts carry it.
fn hex(hash: &Hash) -> String {
    hash.to_hex()
}

/// An inconsistency of the board's own state.
fn internal(what: impl std::fmt::Display) -> BoardError {
    BoardError::Internal(what.to_string())
}

impl Board {
    /// The host name that starts every election's log origin.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The origin of the log of election `id` on this board: `<host>/scrutin/<id>`.
    pub fn origin_of(&self, id: &str) -> String {
        format!("{}/scrutin/{id}", self.host)
    }

    /// Runs `f` on the election `id` while holding its lock.
    pub fn with<T>(
        &self,
        id: &str,
        f: impl FnOnce(&Election) -> Result<T, BoardError>,
    ) -> Result<T, BoardError> {
        let handle = self.election(id)?;
        let election = lock(&handle);
        f(&election)
    }

    /// Runs `f` on the store.
    pub fn read<T>(
        &self,
        f: impl FnOnce(&mut dyn Store) -> Result<T, crate::store::StoreError>,
    ) -> Result<T, BoardError> {
        let mut store = lock(&self.store);
        Ok(f(store.as_mut())?)
    }
}

impl Election {
    /// The rules' summary.
    pub fn summary(&self) -> Summary {
        self.rules.summary()
    }

    /// The validated manifest.
    pub fn manifest(&self) -> &Manifest {
        self.rules.manifest()
    }

    /// The latest checkpoint.
    pub fn latest(&self) -> &CheckpointRow {
        &self.latest
    }

    /// The tree.
    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    /// The board's verifier key for this election's checkpoints (C2SP vkey).
    pub fn vkey(&self) -> String {
        self.signer.vkey()
    }

    /// The phase.
    pub fn phase(&self) -> crate::election::Phase {
        self.rules.phase()
    }

    /// Who may post: the roster and the enrolled devices and witnesses.
    pub fn authors(&self) -> &Authors {
        &self.authors
    }
}
