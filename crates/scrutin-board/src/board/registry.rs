//! The board's elections by id: opening the board over its store, where every election's log
//! is rebuilt from the stored leaf hashes, every entry checked against its hash and replayed
//! into the election's rules, and the latest checkpoint required to be the rebuilt tree's,
//! signed by the board's key; and creating an election, whose first entries are its
//! constants, manifest, configuration and roster, with the administrator's signatures of
//! the roster and the manifest. Invariant: an election is in the registry only with a log,
//! rules, authors and latest checkpoint that agree with the store, and only if an
//! administrator on the operator's list signed its creation.

use super::{internal, lock, now, Board, CreateElection, Election, Receipt, REPLAY_PAGE};
use crate::administrators::Administrators;
use crate::authorship;
use crate::election::{open_rules, Authors, Item};
use crate::error::BoardError;
use crate::items::Kind;
use crate::leaf::item_leaf_hash;
use crate::store::{CheckpointRow, ElectionRow, Entry, Store};
use scrutin_core::parameters::GuardianCounts;
use scrutin_core::{ParameterSet, Standard};
use scrutin_log::{Hash, Signer, Tree};
use scrutin_record::authorship::{paths, Author, Place, Roster, Signature};
use scrutin_record::v21::manifest::Manifest;
use scrutin_record::v21::wire::ElectionConfigJson;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};
use zeroize::Zeroizing;

/// The item a stored entry holds, for the rules to replay.
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
    /// Lets new elections use the toy groups of the spec's Appendix ("Toy Parameters for
    /// Testing Purposes Only"), which keep no ballot secret. Off by default: a board for a
    /// real election hosts only the standard group. Elections already stored are served
    /// either way, and their pages carry a warning.
    #[must_use]
    pub fn allow_test_groups(mut self, allowed: bool) -> Board {
        self.test_groups = allowed;
        self
    }

    /// Sets the administrators who may create elections (the operator's list,
    /// `crate::administrators`). Without any, the board refuses every creation.
    #[must_use]
    pub fn administrators(mut self, administrators: Administrators) -> Board {
        self.administrators = administrators;
        self
    }

    /// Refuses an election on a toy group unless the operator allowed test groups.
    fn check_group_hosted(&self, group: &str) -> Result<(), BoardError> {
        if group == Standard::NAME || self.test_groups {
            return Ok(());
        }
        Err(BoardError::BadInput(format!(
            "group {group:?} is an insecure test group, and this board hosts elections on \
             {:?} only (its operator can allow test groups with \
             `scrutin serve --allow-test-groups`)",
            Standard::NAME
        )))
    }

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
            test_groups: false,
            administrators: Administrators::default(),
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

    /// The board's Ed25519 signer for the log of origin `origin` (C2SP signed-note key name).
    fn signer(&self, origin: &str) -> Result<Signer, BoardError> {
        Signer::from_seed(origin, &self.seed)
            .map_err(|e| internal(format!("the origin {origin:?} is not a key name: {e}")))
    }

    /// The election of `row` rebuilt from the store: its tree from the leaf hashes, every
    /// entry checked against its leaf hash and absorbed by the rules, and the latest
    /// checkpoint checked to be the rebuilt tree's (RFC 9162 §2.1), signed by this board.
    fn replay(&self, row: ElectionRow) -> Result<Election, BoardError> {
        let id = row.id.clone();
        let mut store = lock(&self.store);
        let hashes = store.leaf_hashes(&id)?;
        let tree = Tree::from_leaf_hashes(hashes.into_iter().map(Hash));
        let first = store.entries(&id, 0, REPLAY_PAGE)?;
        let (manifest, counts) = genesis_of(&first, &id)?;
        let mut rules = open_rules(&row.group, &manifest, counts)?;
        let mut authors = Authors::default();
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
                let item = item_of(entry)?;
                rules.absorb(&item)?;
                authors.absorb(&item)?;
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
            authors,
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

    /// Creates an election from its administrator's signed roster and manifest
    /// (`signatures`: the roster's, then the manifest's): the roster must decode, name this
    /// board's origin for its election, and have an administrator on the operator's list
    /// who signed both. Its first leaves are its constants, manifest, configuration and
    /// roster, then the two signatures. A retry of the same signed request returns the
    /// original receipt.
    pub fn create(
        &self,
        request: &CreateElection,
        signatures: Option<&[Signature]>,
    ) -> Result<Receipt, BoardError> {
        let roster = Roster::decode(&request.roster)
            .map_err(|e| BoardError::BadInput(format!("the roster: {e}")))?;
        let id = roster.election_id.clone();
        scrutin_record::v21::layout::check_file_id(&id)
            .map_err(|p| BoardError::BadInput(format!("election_id {id:?}: {p}")))?;
        let origin = self.origin_of(&id);
        if roster.origin != origin {
            return Err(BoardError::BadInput(format!(
                "the roster's origin is {:?}, and election {id} on this board has origin                  {origin:?} (GET /api/board)",
                roster.origin
            )));
        }
        let counts = GuardianCounts::new(roster.guardians, roster.quorum).ok_or_else(|| {
            BoardError::BadInput(format!(
                "need 1 ≤ quorum ≤ guardians < 2^31 (got quorum {} of {} guardians)",
                roster.quorum, roster.guardians
            ))
        })?;
        let manifest = Manifest::from_bytes(
            Path::new("manifest.json"),
            request.manifest.as_bytes().to_vec(),
        )?;
        let rules = open_rules(&roster.group, &manifest, counts)?;
        self.check_group_hosted(&roster.group)?;
        let mut items = rules.genesis()?;
        items.push(Item {
            kind: Kind::Roster,
            key: paths::roster(),
            bytes: crate::intake::canonical(&request.roster)?,
            code: None,
        });
        items.extend(self.creation_signatures(&roster, &items, signatures)?);
        let mut elections = self
            .elections
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(existing) = elections.get(&id) {
            return lock(existing)
                .existing(&items)?
                .ok_or_else(|| BoardError::Conflict {
                    key: format!("election {id}"),
                    seq: 0,
                });
        }
        let row = ElectionRow {
            id: id.clone(),
            group: roster.group.clone(),
            origin: origin.clone(),
            created_at: now(),
        };
        let signer = self.signer(&origin)?;
        let mut election = Election {
            row,
            signer,
            tree: Tree::new(),
            keys: HashMap::new(),
            rules,
            authors: Authors::default(),
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
        elections.insert(id, Arc::new(Mutex::new(election)));
        Ok(receipt)
    }

    /// The signature items of a creation: the roster's administrator, who must be on the
    /// operator's list, signed the roster and the manifest (the genesis `items`' roster and
    /// manifest) with the key the roster gives.
    fn creation_signatures(
        &self,
        roster: &Roster,
        items: &[Item],
        signatures: Option<&[Signature]>,
    ) -> Result<Vec<Item>, BoardError> {
        let signed: Vec<Item> = [Kind::Roster, Kind::Manifest]
            .iter()
            .filter_map(|kind| items.iter().find(|item| item.kind == *kind).cloned())
            .collect();
        let authors = authorship::authors_of(&signed)?;
        let signatures = authorship::one_per_item(&signed, &authors, signatures)?;
        let (name, key) = &roster.administrator;
        if self.administrators.is_empty() {
            return Err(BoardError::NotAuthor(
                "this board lists no administrator, so it creates no election: its operator \
                 lists each administrator's public key and name, one a line, in \
                 <data-dir>/administrators (or a file named by `scrutin serve \
                 --administrators`) and restarts the board"
                    .into(),
            ));
        }
        if self.administrators.name_of(key).is_none() {
            return Err(BoardError::NotAuthor(format!(
                "the roster's administrator {name:?} (key fingerprint {}) is not on this \
                 board's list of administrators; its operator adds the key to the list",
                key.fingerprint()
            )));
        }
        let place = Place {
            origin: &roster.origin,
            election: &roster.election_id,
        };
        let enrolled = vec![(Author::Administrator, *key); signed.len()];
        authorship::verify(place, &signed, &enrolled, signatures)
    }
}
