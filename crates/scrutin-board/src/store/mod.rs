//! Where the board keeps its elections, logs and checkpoints: a [`Store`] with two backends of
//! the same schema, SQLite (embedded, the default) and PostgreSQL (for production).
//!
//! The store is the board's source of truth. The Merkle tree of each election is rebuilt from
//! the stored leaf hashes when the board starts; every write is one transaction that is
//! durable when the call returns, so that nothing the board acknowledges can be lost.

mod postgres;
mod schema;
mod sqlite;
mod witness_rules;

pub use self::postgres::PostgresStore;
pub use self::sqlite::SqliteStore;

/// The columns of a cosignature, in the order both backends read them.
pub(crate) const COSIGNATURE_COLUMNS: &str = "c.size, c.witness, w.vkey, c.line, c.created_at";

/// The cosignatures of one checkpoint with their witnesses' keys, oldest first.
pub(crate) const COSIGNATURES_OF: &str = "FROM cosignatures c JOIN witnesses w \
     ON w.election_id = c.election_id AND w.name = c.witness \
     WHERE c.election_id = $1 AND c.size = $2 ORDER BY c.created_at, c.witness";

/// One election as the store keeps it. The election's public data are its log entries; these
/// columns are what the board needs before it reads them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElectionRow {
    /// The election id: letters, digits, `-`, `_`, `.` (it appears in URLs and in the log's
    /// origin line).
    pub id: String,
    /// The name of the parameter set (`standard-4096` or `toy-256`).
    pub group: String,
    /// The checkpoint origin of the election's log (C2SP signed note's first line).
    pub origin: String,
    /// Seconds since the Unix epoch.
    pub created_at: i64,
}

/// What both backends write in the `elections.admin_token_hash` column, which no code reads:
/// elections are created by a signed roster, and the column stays so that the schema of
/// existing databases needs no migration.
pub(crate) const UNUSED_TOKEN_COLUMN: [u8; 32] = [0; 32];

/// A log entry to append: leaf `seq` of its election's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEntry {
    /// The leaf index, from 0.
    pub seq: u64,
    /// The item's kind (see `crate::items::Kind`).
    pub kind: String,
    /// The item's key, unique in the election: the path of its file in the record.
    pub key: String,
    /// The item's exact bytes.
    pub body: Vec<u8>,
    /// The RFC 9162 leaf hash of the entry's leaf data.
    pub leaf_hash: [u8; 32],
    /// For a ballot, its confirmation code (64 upper-case hex digits), for look-ups.
    pub code: Option<String>,
}

/// A stored log entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// What was appended.
    pub entry: NewEntry,
    /// Seconds since the Unix epoch, when it was appended.
    pub created_at: i64,
}

/// A checkpoint the board signed: the tree size, root and the signed note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckpointRow {
    /// The tree size.
    pub size: u64,
    /// The root hash at that size.
    pub root: [u8; 32],
    /// The signed note (C2SP checkpoint text with its signature lines).
    pub note: String,
    /// Seconds since the Unix epoch.
    pub created_at: i64,
}

/// A witness's cosignature of one of the election's checkpoints (c2sp.org/tlog-cosignature).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CosignatureRow {
    /// The tree size of the checkpoint cosigned.
    pub size: u64,
    /// The witness's name (its key name).
    pub witness: String,
    /// The witness's verifier key (C2SP vkey, type 0x04), registered by its first
    /// cosignature.
    pub vkey: String,
    /// The cosignature line, with its final newline.
    pub line: String,
    /// Seconds since the Unix epoch.
    pub created_at: i64,
}

/// What [`Store::add_cosignature`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cosigned {
    /// The cosignature is stored (and the witness registered, if it was new).
    Added,
    /// The witness had cosigned this checkpoint before: the first cosignature stays.
    Existing,
    /// The witness's name is registered with another key, this one.
    KeyChanged(String),
    /// The election has `max_witnesses` witnesses and this one is new.
    TooManyWitnesses,
}

/// Why a store operation failed.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused or failed the operation.
    #[error("{backend}: {message}")]
    Backend {
        /// `sqlite` or `postgres`.
        backend: &'static str,
        /// The driver's message.
        message: String,
    },
    /// An election with this id exists already.
    #[error("election {0:?} exists already")]
    ElectionExists(String),
    /// No election with this id.
    #[error("no election {0:?}")]
    NoElection(String),
    /// An entry would not continue the log: its sequence number is taken or leaves a gap, or
    /// its key is taken.
    #[error("election {election:?}: entry {seq} ({key}) does not continue the log: {why}")]
    NotAppendable {
        /// The election.
        election: String,
        /// The entry's sequence number.
        seq: u64,
        /// The entry's key.
        key: String,
        /// What is wrong.
        why: &'static str,
    },
    /// A stored value is not what the schema promises (a hash of the wrong length, a
    /// negative number).
    #[error("stored data of election {election:?} is corrupt: {what}")]
    Corrupt {
        /// The election.
        election: String,
        /// What is wrong.
        what: String,
    },
}

/// The board's storage. Every method is one transaction; a method that writes returns only
/// once the write is durable.
pub trait Store: Send {
    /// Creates an election with its first log entries and checkpoint.
    fn create_election(
        &mut self,
        election: &ElectionRow,
        entries: &[NewEntry],
        checkpoint: &CheckpointRow,
    ) -> Result<(), StoreError>;

    /// Every election, in order of creation.
    fn elections(&mut self) -> Result<Vec<ElectionRow>, StoreError>;

    /// Appends entries, which must continue the election's log in order, and the checkpoint
    /// that covers them, atomically.
    fn append(
        &mut self,
        election: &str,
        entries: &[NewEntry],
        checkpoint: &CheckpointRow,
    ) -> Result<(), StoreError>;

    /// The number of entries in the election's log.
    fn size(&mut self, election: &str) -> Result<u64, StoreError>;

    /// The leaf hashes of the election's log, in order.
    fn leaf_hashes(&mut self, election: &str) -> Result<Vec<[u8; 32]>, StoreError>;

    /// Up to `limit` entries from sequence number `from` on, in order.
    fn entries(&mut self, election: &str, from: u64, limit: u64) -> Result<Vec<Entry>, StoreError>;

    /// The entry with sequence number `seq`.
    fn entry(&mut self, election: &str, seq: u64) -> Result<Option<Entry>, StoreError>;

    /// The entry with key `key`.
    fn entry_by_key(&mut self, election: &str, key: &str) -> Result<Option<Entry>, StoreError>;

    /// The ballot entry with confirmation code `code` (upper-case hex).
    fn entry_by_code(&mut self, election: &str, code: &str) -> Result<Option<Entry>, StoreError>;

    /// The latest checkpoint (the largest size).
    fn latest_checkpoint(&mut self, election: &str) -> Result<Option<CheckpointRow>, StoreError>;

    /// The checkpoint of tree size `size`, if one was issued.
    fn checkpoint(
        &mut self,
        election: &str,
        size: u64,
    ) -> Result<Option<CheckpointRow>, StoreError>;

    /// How many entries of each kind the election's log holds, by kind.
    fn kind_counts(&mut self, election: &str) -> Result<Vec<(String, u64)>, StoreError>;

    /// Stores a witness's cosignature of the checkpoint of size `cosignature.size`, which
    /// must exist, in one transaction: registers the witness with its key if the name is new
    /// and the election has fewer than `max_witnesses`, refuses a name registered with
    /// another key, and keeps the first cosignature of a witness for a checkpoint.
    fn add_cosignature(
        &mut self,
        election: &str,
        cosignature: &CosignatureRow,
        max_witnesses: u64,
    ) -> Result<Cosigned, StoreError>;

    /// The cosignatures of the checkpoint of size `size`, in the order they came.
    fn cosignatures(
        &mut self,
        election: &str,
        size: u64,
    ) -> Result<Vec<CosignatureRow>, StoreError>;
}

/// Sequence numbers and sizes are u64 in the board and BIGINT (i64) in the databases; the log
/// never comes near 2^63 entries, and a value that does not convert is refused, not wrapped.
pub(crate) fn to_db(value: u64) -> Result<i64, StoreError> {
    i64::try_from(value).map_err(|_| StoreError::Backend {
        backend: "store",
        message: format!("{value} does not fit a BIGINT"),
    })
}

/// A row limit: any u64 is a valid limit, the largest ones meaning "all".
pub(crate) fn limit_db(limit: u64) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

/// The inverse of [`to_db`]; a negative stored value is corrupt data.
pub(crate) fn from_db(election: &str, value: i64) -> Result<u64, StoreError> {
    u64::try_from(value).map_err(|_| StoreError::Corrupt {
        election: election.to_string(),
        what: format!("negative sequence number or size {value}"),
    })
}

/// A 32-byte hash from a stored blob.
pub(crate) fn hash32(election: &str, what: &str, bytes: &[u8]) -> Result<[u8; 32], StoreError> {
    <[u8; 32]>::try_from(bytes).map_err(|_| StoreError::Corrupt {
        election: election.to_string(),
        what: format!("{what} has {} bytes, not 32", bytes.len()),
    })
}

/// Checks that `entries` continue a log of `size` entries: consecutive sequence numbers from
/// `size` on. Both backends check this inside the write transaction, so that a board that
/// lost track of its log never writes a gap.
pub(crate) fn check_continues(
    election: &str,
    size: u64,
    entries: &[NewEntry],
    checkpoint: &CheckpointRow,
) -> Result<(), StoreError> {
    for (offset, entry) in (0u64..).zip(entries) {
        if Some(entry.seq) != size.checked_add(offset) {
            return Err(StoreError::NotAppendable {
                election: election.to_string(),
                seq: entry.seq,
                key: entry.key.clone(),
                why: "its sequence number is not the next leaf index",
            });
        }
    }
    let new_size = size.saturating_add(entries.len() as u64);
    if checkpoint.size != new_size {
        return Err(StoreError::NotAppendable {
            election: election.to_string(),
            seq: checkpoint.size,
            key: "checkpoint".into(),
            why: "the checkpoint does not cover exactly the log after the append",
        });
    }
    Ok(())
}
