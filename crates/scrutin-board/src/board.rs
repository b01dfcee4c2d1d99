//! The board: its elections, each with its log in memory (the Merkle tree) and its rules,
//! over the store. Every write checks, appends to the store durably with a signed checkpoint
//! that covers it, and only then updates the in-memory state; a refused or failed write
//! leaves nothing behind.

use crate::cosign::{self, CosignError, CosignatureReceipt, CosignatureRequest, MAX_WITNESSES};
use crate::election::{open_rules, Item, Rules, Summary};
use crate::error::BoardError;
use crate::items::{is_safe_key, Kind};
use crate::leaf::item_leaf_hash;
use crate::store::{CheckpointRow, CosignatureRow, Cosigned, ElectionRow, Entry, NewEntry, Store};
use scrutin_core::parameters::GuardianCounts;
use scrutin_core::ParameterSet;
use scrutin_log::{sign_checkpoint, Checkpoint, Hash, Signer, Tree};
use scrutin_record::v21::manifest::Manifest;
use scrutin_record::v21::wire::ElectionConfigJson;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use zeroize::Zeroizing;

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
    latest: CheckpointRow,
}

/// What the board answers to a write: the entries (new, or the originals of a retry) with
/// their inclusion proofs against the checkpoint that covers them.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Receipt {
    /// The election.
    pub election: String,
    /// Whether this request appended the entries (false: a retry of items on the board).
    pub created: bool,
    /// The entries.
    pub entries: Vec<EntryReceipt>,
    /// The checkpoint's tree size.
    pub tree_size: u64,
    /// The checkpoint's root, hex.
    pub root: String,
    /// The signed checkpoint (C2SP signed note).
    pub checkpoint: String,
}

/// One entry of a receipt.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct EntryReceipt {
    /// The leaf index.
    pub seq: u64,
    /// The kind.
    pub kind: String,
    /// The key.
    pub key: String,
    /// The leaf hash, hex.
    pub leaf_hash: String,
    /// The inclusion proof against the receipt's checkpoint, hex hashes.
    pub inclusion_proof: Vec<String>,
}

/// A request to create an election.
#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateElection {
    /// The election id (letters, digits, `-`, `_`, `.`).
    pub election_id: String,
    /// The parameter set: `standard-4096` or `toy-256` (tests).
    pub group: String,
    /// n.
    pub guardians: u32,
    /// k.
    pub quorum: u32,
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
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock cannot leave the log half-written (the store
    // transaction rolls back); the in-memory state is only updated after a commit.
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// SHA-256 of an administrator token.
pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

fn hex(hash: &Hash) -> String {
    hash.to_hex()
}

fn internal(what: impl std::fmt::Display) -> BoardError {
    BoardError::Internal(what.to_string())
}

fn item_of(entry: &Entry) -> Result<Item, BoardError> {
    let e = &entry.entry;
    let kind = Kind::from_name(&e.kind)
        .ok_or_else(|| internal(format!("entry {} has unknown kind {:?}", e.seq, e.kind)))?;
    Ok(Item {
        kind,
        key: e.key.clone(),
        bytes: e.body.clone(),
        code: e.code.clone(),
    })
}

/// The manifest and counts of an election from its first entries (manifest, config).
fn genesis_of(entries: &[Entry], id: &str) -> Result<(Manifest, GuardianCounts), BoardError> {
    let find = |kind: Kind| {
        entries
            .iter()
            .find(|e| e.entry.kind == kind.name())
            .ok_or_else(|| internal(format!("election {id} has no {} entry", kind.name())))
    };
    let manifest_entry = find(Kind::Manifest)?;
    let manifest = Manifest::from_bytes(
        Path::new(&manifest_entry.entry.key),
        manifest_entry.entry.body.clone(),
    )?;
    let config_entry = find(Kind::ElectionConfig)?;
    let config: ElectionConfigJson = scrutin_record::json_file::parse(
        Path::new(&config_entry.entry.key),
        &config_entry.entry.body,
    )?;
    let counts = GuardianCounts::new(config.number_of_guardians, config.quorum)
        .ok_or_else(|| internal(format!("election {id}: invalid n and k")))?;
    Ok((manifest, counts))
}

impl Board {
    /// Opens the board over `store`, signing with the Ed25519 seed `seed`; `host` starts the
    /// origin of every election's log (`<host>/scrutin/<election id>`). Every election's
    /// tree is rebuilt from the stored leaf hashes, every entry is checked against its leaf
    /// hash and replayed into the election's state, and the latest checkpoint must be the
    /// rebuilt tree's, signed by this board's key.
    pub fn open(
        store: Box<dyn Store>,
        seed: Zeroizing<[u8; 32]>,
        host: &str,
    ) -> Result<Board, BoardError> {
        let board = Board {
            store: Mutex::new(store),
            elections: RwLock::new(BTreeMap::new()),
            seed,
            host: host.to_string(),
            verified: Mutex::new(HashMap::new()),
        };
        let rows = lock(&board.store).elections()?;
        let mut map = BTreeMap::new();
        for row in rows {
            let election = board.replay(row)?;
            map.insert(election.row.id.clone(), Arc::new(Mutex::new(election)));
        }
        *board
            .elections
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = map;
        Ok(board)
    }

    fn signer(&self, origin: &str) -> Result<Signer, BoardError> {
        Signer::from_seed(origin, &self.seed)
            .map_err(|e| internal(format!("the origin {origin:?} is not a key name: {e}")))
    }

    fn replay(&self, row: ElectionRow) -> Result<Election, BoardError> {
        let id = row.id.clone();
        let mut store = lock(&self.store);
        let hashes = store.leaf_hashes(&id)?;
        let tree = Tree::from_leaf_hashes(hashes.into_iter().map(Hash));
        let first = store.entries(&id, 0, REPLAY_PAGE)?;
        let (manifest, counts) = genesis_of(&first, &id)?;
        let mut rules = open_rules(&row.group, &manifest, counts)?;
        let mut keys = HashMap::new();
        let mut page = first;
        let mut next = 0u64;
        while !page.is_empty() {
            for entry in &page {
                let e = &entry.entry;
                let recomputed = item_leaf_hash(&e.kind, &e.key, &e.body);
                if e.seq != next || tree.leaf(e.seq) != Some(recomputed) {
                    return Err(internal(format!(
                        "election {id}: entry {} ({}) does not match its leaf hash in the log",
                        e.seq, e.key
                    )));
                }
                rules.absorb(&item_of(entry)?)?;
                keys.insert(e.key.clone(), e.seq);
                next = next.saturating_add(1);
            }
            page = store.entries(&id, next, REPLAY_PAGE)?;
        }
        if next != tree.size() {
            return Err(internal(format!(
                "election {id}: {next} entries but {} leaf hashes",
                tree.size()
            )));
        }
        let latest = store
            .latest_checkpoint(&id)?
            .ok_or_else(|| internal(format!("election {id} has no checkpoint")))?;
        drop(store);
        let signer = self.signer(&row.origin)?;
        let (checkpoint, _) = scrutin_log::open_note(&latest.note, &[signer.verifier()])
            .map_err(|e| internal(format!("election {id}: the latest checkpoint: {e}")))?;
        if checkpoint.size != tree.size() || checkpoint.root != tree.root() {
            return Err(internal(format!(
                "election {id}: the latest checkpoint (size {}) is not the rebuilt log's (size {})",
                checkpoint.size,
                tree.size()
            )));
        }
        Ok(Election {
            row,
            signer,
            tree,
            keys,
            rules,
            latest,
        })
    }

    /// The election `id`; an id that no election can have (letters, digits, `-`, `_`, `.`, at
    /// most 128) is bad input, quoted at most 64 characters long.
    pub fn election(&self, id: &str) -> Result<Arc<Mutex<Election>>, BoardError> {
        scrutin_record::v21::layout::check_file_id(id).map_err(|problem| {
            let quoted: String = id.chars().take(64).collect();
            let more = if quoted.len() < id.len() { "…" } else { "" };
            BoardError::BadInput(format!(
                "{quoted:?}{more} is not an election id: it {problem}"
            ))
        })?;
        self.elections
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(id)
            .cloned()
            .ok_or_else(|| BoardError::NoElection(id.to_string()))
    }

    /// The ids of every election.
    pub fn election_ids(&self) -> Vec<String> {
        self.elections
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .keys()
            .cloned()
            .collect()
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

    /// Creates an election: its constants, manifest and configuration are its first three
    /// leaves. A retry with the same request and token returns the original receipt.
    pub fn create(&self, request: &CreateElection, token: &str) -> Result<Receipt, BoardError> {
        scrutin_record::v21::layout::check_file_id(&request.election_id).map_err(|p| {
            BoardError::BadInput(format!("election_id {:?}: {p}", request.election_id))
        })?;
        if token.len() < 16 {
            return Err(BoardError::BadInput(
                "the administrator's bearer token must have at least 16 characters".into(),
            ));
        }
        let counts = GuardianCounts::new(request.guardians, request.quorum).ok_or_else(|| {
            BoardError::BadInput(format!(
                "need 1 ≤ quorum ≤ guardians < 2^31 (got quorum {} of {} guardians)",
                request.quorum, request.guardians
            ))
        })?;
        let manifest = Manifest::from_bytes(
            Path::new("manifest.json"),
            request.manifest.as_bytes().to_vec(),
        )?;
        let rules = open_rules(&request.group, &manifest, counts)?;
        let items = rules.genesis()?;
        let mut elections = self
            .elections
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(existing) = elections.get(&request.election_id) {
            let existing = lock(existing);
            if existing.row.admin_token_hash != token_hash(token) {
                return Err(BoardError::Conflict {
                    key: format!("election {}", request.election_id),
                    seq: 0,
                });
            }
            return existing
                .existing(&items)?
                .ok_or_else(|| BoardError::Conflict {
                    key: format!("election {}", request.election_id),
                    seq: 0,
                });
        }
        let origin = format!("{}/scrutin/{}", self.host, request.election_id);
        let row = ElectionRow {
            id: request.election_id.clone(),
            group: request.group.clone(),
            origin: origin.clone(),
            admin_token_hash: token_hash(token),
            created_at: now(),
        };
        let signer = self.signer(&origin)?;
        let mut election = Election {
            row,
            signer,
            tree: Tree::new(),
            keys: HashMap::new(),
            rules,
            latest: CheckpointRow {
                size: 0,
                root: Hash::empty_root().0,
                note: String::new(),
                created_at: 0,
            },
        };
        let (entries, checkpoint) = election.extend(&items)?;
        lock(&self.store).create_election(&election.row, &entries, &checkpoint)?;
        election.commit(items, checkpoint)?;
        let receipt = election.receipt(&entries, true)?;
        elections.insert(request.election_id.clone(), Arc::new(Mutex::new(election)));
        Ok(receipt)
    }

    /// Posts items (one, or the results' several); `ballot` carries a ballot's parsed form,
    /// whose proofs are checked before the election's lock is taken.
    pub fn post(
        &self,
        id: &str,
        items: Vec<Item>,
        ballot: Option<&scrutin_record::v21::wire::EncryptedBallotJson>,
    ) -> Result<Receipt, BoardError> {
        let handle = self.election(id)?;
        let precheck = {
            let election = lock(&handle);
            if let Some(receipt) = election.existing(&items)? {
                return Ok(receipt);
            }
            election.rules.ballot_precheck()
        };
        if let (Some(json), Some(check), Some(item)) = (ballot, precheck, items.first()) {
            check.check(&item.key, &json.voting_device, json)?;
        }
        let mut election = lock(&handle);
        if let Some(receipt) = election.existing(&items)? {
            return Ok(receipt);
        }
        let derived = election.rules.plan(&items)?;
        let mut all = items;
        all.extend(derived);
        self.append(&mut election, all)
    }

    /// Checks an administrator's token.
    pub fn authorize(&self, id: &str, token: Option<&str>) -> Result<(), BoardError> {
        self.with(id, |election| {
            let given = token.map(token_hash).unwrap_or([0; 32]);
            let ok: bool =
                subtle::ConstantTimeEq::ct_eq(&given[..], &election.row.admin_token_hash[..])
                    .into();
            if token.is_some() && ok {
                Ok(())
            } else {
                Err(BoardError::Unauthorized)
            }
        })
    }

    /// Closes the vote: every device's chain and the encrypted tally are appended. Closing
    /// a closed election returns the original receipt.
    pub fn close(&self, id: &str) -> Result<Receipt, BoardError> {
        let handle = self.election(id)?;
        let mut election = lock(&handle);
        if let Some(seq) = election
            .keys
            .get(&crate::items::key::encrypted_tally())
            .copied()
        {
            let mut entries = Vec::new();
            for entry in self.read(|s| s.entries(id, 0, u64::MAX))? {
                if entry.entry.kind == Kind::BallotChain.name() || entry.entry.seq == seq {
                    entries.push(entry.entry);
                }
            }
            return election.receipt(&entries, false);
        }
        let mut cast = Vec::new();
        for entry in self.read(|s| s.entries(id, 0, u64::MAX))? {
            if entry.entry.kind == Kind::Ballot.name() {
                let json: scrutin_record::v21::wire::EncryptedBallotJson =
                    scrutin_record::json_file::parse(
                        Path::new(&entry.entry.key),
                        &entry.entry.body,
                    )?;
                if json.state == "CAST" {
                    cast.push(entry.entry.body);
                }
            }
        }
        let items = election.rules.plan_close(&cast)?;
        self.append(&mut election, items)
    }

    /// The verifier's report on the election's record as it stands (every step of spec
    /// §6.2 that the record allows), computed once per tree size.
    pub fn verification(&self, id: &str) -> Result<Arc<scrutin_verify::Report>, BoardError> {
        let (size, group) = self.with(id, |e| Ok((e.latest.size, e.row.group.clone())))?;
        if let Some((at, report)) = lock(&self.verified).get(id) {
            if *at == size {
                return Ok(Arc::clone(report));
            }
        }
        // The keys and the size they make up, taken together; stored items never change.
        let (size, keys) = self.with(id, |e| {
            let keys: Vec<String> = e.keys.keys().cloned().collect();
            Ok((e.latest.size, keys))
        })?;
        let record = crate::record_source::StoredRecord::new(self, id, keys, &[]);
        let options = scrutin_verify::Options {
            allow_test_parameters: group != scrutin_core::group::Standard::NAME,
        };
        let verified = scrutin_verify::verify_source(&record, &options);
        record.check_store()?;
        let report = Arc::new(verified?);
        lock(&self.verified).insert(id.to_string(), (size, Arc::clone(&report)));
        Ok(report)
    }

    /// Posts the results after verifying the whole record with them (Verifications 1–14):
    /// results that fail a step are refused with that step.
    pub fn post_results(&self, id: &str, items: Vec<Item>) -> Result<Receipt, BoardError> {
        let handle = self.election(id)?;
        let mut election = lock(&handle);
        if let Some(receipt) = election.existing(&items)? {
            return Ok(receipt);
        }
        election.rules.plan(&items)?;
        let keys = election.keys.keys().cloned();
        let record = crate::record_source::StoredRecord::new(self, id, keys, &items);
        let options = scrutin_verify::Options {
            allow_test_parameters: election.row.group != scrutin_core::group::Standard::NAME,
        };
        let verified = scrutin_verify::verify_source(&record, &options);
        record.check_store()?;
        let report = verified?;
        if let Some(first) = report.failures().next() {
            let step = Some(first.step.to_string());
            let all: Vec<String> = report.failures().map(|f| f.to_string()).collect();
            return Err(BoardError::Rejected {
                step,
                message: format!(
                    "the record with these results fails verification: {}",
                    all.join("; ")
                ),
            });
        }
        self.append(&mut election, items)
    }

    fn append(&self, election: &mut Election, items: Vec<Item>) -> Result<Receipt, BoardError> {
        let (entries, checkpoint) = election.extend(&items)?;
        let stored = lock(&self.store).append(&election.row.id, &entries, &checkpoint);
        if let Err(e) = stored {
            // The transaction rolled back: rebuild the tree from the store so that memory and
            // store agree again.
            let hashes = lock(&self.store).leaf_hashes(&election.row.id)?;
            election.tree = Tree::from_leaf_hashes(hashes.into_iter().map(Hash));
            return Err(e.into());
        }
        election.commit(items, checkpoint)?;
        election.receipt(&entries, true)
    }

    /// Checks a witness's cosignature of one of the election's checkpoints and stores it
    /// (`crate::cosign`: the checkpoint must be one the board issued, the cosignature valid
    /// for the witness's key, the witness's name registered with that key by its first
    /// cosignature). A witness's first cosignature of a checkpoint is kept; a retry returns
    /// it.
    pub fn cosign(
        &self,
        id: &str,
        request: &CosignatureRequest,
    ) -> Result<CosignatureReceipt, BoardError> {
        let board_key = self.with(id, |e| Ok(e.signer.verifier()))?;
        let checked = cosign::check(request, &board_key, |size| {
            self.read(|s| s.checkpoint(id, size))
        })?;
        let row = CosignatureRow {
            size: checked.size,
            witness: checked.witness.clone(),
            vkey: checked.vkey.clone(),
            line: checked.line,
            created_at: now(),
        };
        let max = u64::try_from(MAX_WITNESSES).unwrap_or(u64::MAX);
        let created = match lock(&self.store).add_cosignature(id, &row, max)? {
            Cosigned::Added => true,
            Cosigned::Existing => false,
            Cosigned::KeyChanged(registered) => {
                return Err(CosignError::KeyChanged {
                    witness: checked.witness,
                    registered,
                }
                .into())
            }
            Cosigned::TooManyWitnesses => return Err(CosignError::TooManyWitnesses.into()),
        };
        let (checkpoint, cosignatures) = self
            .cosigned_checkpoint(id, checked.size)?
            .ok_or_else(|| internal(format!("the checkpoint of size {} vanished", row.size)))?;
        Ok(CosignatureReceipt {
            election: id.to_string(),
            witness: checked.witness,
            tree_size: checked.size,
            created,
            cosignatures,
            checkpoint,
        })
    }

    /// The signed checkpoint of size `size` with the cosignature lines of every witness
    /// that cosigned it appended (c2sp.org/signed-note: a note may carry several
    /// signatures), and how many there are; `None` if the board issued no checkpoint of
    /// that size.
    pub fn cosigned_checkpoint(
        &self,
        id: &str,
        size: u64,
    ) -> Result<Option<(String, usize)>, BoardError> {
        let mut store = lock(&self.store);
        let Some(row) = store.checkpoint(id, size)? else {
            return Ok(None);
        };
        let lines: Vec<String> = store
            .cosignatures(id, size)?
            .into_iter()
            .map(|c| c.line)
            .collect();
        Ok(Some((
            cosign::with_cosignatures(&row.note, &lines),
            lines.len().min(MAX_WITNESSES),
        )))
    }

    /// Writes the election's record — every item's bytes at its key — under `dir`, with
    /// `extra` items as if they were on the board.
    pub fn write_record(&self, id: &str, dir: &Path, extra: &[Item]) -> Result<(), BoardError> {
        let mut from = 0;
        loop {
            let page = self.read(|s| s.entries(id, from, REPLAY_PAGE))?;
            if page.is_empty() {
                break;
            }
            for entry in &page {
                write_item(dir, &entry.entry.key, &entry.entry.body)?;
                from = entry.entry.seq.saturating_add(1);
            }
        }
        for item in extra {
            write_item(dir, &item.key, &item.bytes)?;
        }
        Ok(())
    }
}

fn write_item(dir: &Path, key: &str, bytes: &[u8]) -> Result<(), BoardError> {
    if !is_safe_key(key) {
        return Err(internal(format!("the key {key:?} is not a safe path")));
    }
    let file = dir.join(key);
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).map_err(internal)?;
    }
    std::fs::write(&file, bytes).map_err(internal)
}

impl Election {
    /// The receipt of a retry: `None` when no item is on the board; the original entries
    /// when every item is there with the same bytes; a conflict when one key holds another
    /// item, or when only some of the items are there.
    fn existing(&self, items: &[Item]) -> Result<Option<Receipt>, BoardError> {
        let mut found = Vec::new();
        for item in items {
            if let Some(&seq) = self.keys.get(&item.key) {
                let same = self.tree.leaf(seq)
                    == Some(item_leaf_hash(item.kind.name(), &item.key, &item.bytes));
                if !same {
                    return Err(BoardError::Conflict {
                        key: item.key.clone(),
                        seq,
                    });
                }
                found.push(NewEntry {
                    seq,
                    kind: item.kind.name().into(),
                    key: item.key.clone(),
                    body: Vec::new(),
                    leaf_hash: item_leaf_hash(item.kind.name(), &item.key, &item.bytes).0,
                    code: item.code.clone(),
                });
            }
        }
        if found.is_empty() {
            return Ok(None);
        }
        if found.len() != items.len() {
            let first = found.first().map_or(0, |e| e.seq);
            let key = found.first().map(|e| e.key.clone()).unwrap_or_default();
            return Err(BoardError::Conflict { key, seq: first });
        }
        self.receipt(&found, false).map(Some)
    }

    /// The entries that append `items` to the tree, and the signed checkpoint after them.
    /// The tree is extended here; [`Board::append`] rebuilds it if the store refuses.
    fn extend(&mut self, items: &[Item]) -> Result<(Vec<NewEntry>, CheckpointRow), BoardError> {
        let mut entries = Vec::with_capacity(items.len());
        for item in items {
            if self.keys.contains_key(&item.key)
                || entries.iter().any(|e: &NewEntry| e.key == item.key)
            {
                return Err(BoardError::Conflict {
                    key: item.key.clone(),
                    seq: self.keys.get(&item.key).copied().unwrap_or(0),
                });
            }
            let leaf = item_leaf_hash(item.kind.name(), &item.key, &item.bytes);
            let seq = self.tree.append(leaf);
            entries.push(NewEntry {
                seq,
                kind: item.kind.name().into(),
                key: item.key.clone(),
                body: item.bytes.clone(),
                leaf_hash: leaf.0,
                code: item.code.clone(),
            });
        }
        let checkpoint =
            Checkpoint::new(self.row.origin.clone(), self.tree.size(), self.tree.root());
        let note = sign_checkpoint(&checkpoint, &self.signer).map_err(internal)?;
        Ok((
            entries,
            CheckpointRow {
                size: checkpoint.size,
                root: checkpoint.root.0,
                note,
                created_at: now(),
            },
        ))
    }

    /// After the store committed: the keys, the rules' state and the latest checkpoint.
    fn commit(&mut self, items: Vec<Item>, checkpoint: CheckpointRow) -> Result<(), BoardError> {
        let first = checkpoint.size.saturating_sub(items.len() as u64);
        for (seq, item) in (first..).zip(&items) {
            self.keys.insert(item.key.clone(), seq);
            self.rules.absorb(item)?;
        }
        self.latest = checkpoint;
        Ok(())
    }

    fn receipt(&self, entries: &[NewEntry], created: bool) -> Result<Receipt, BoardError> {
        let size = self.latest.size;
        let mut receipts = Vec::with_capacity(entries.len());
        for entry in entries {
            let proof = self
                .tree
                .inclusion_proof(entry.seq, size)
                .map_err(internal)?;
            receipts.push(EntryReceipt {
                seq: entry.seq,
                kind: entry.kind.clone(),
                key: entry.key.clone(),
                leaf_hash: hex(&Hash(entry.leaf_hash)),
                inclusion_proof: proof.iter().map(hex).collect(),
            });
        }
        Ok(Receipt {
            election: self.row.id.clone(),
            created,
            entries: receipts,
            tree_size: size,
            root: hex(&Hash(self.latest.root)),
            checkpoint: self.latest.note.clone(),
        })
    }

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
}
