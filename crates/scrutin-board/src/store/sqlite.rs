//! The embedded store: one SQLite file in the board's data directory, in WAL mode with
//! `synchronous=FULL`, so that a committed transaction survives a crash or a power loss
//! (SQLite's documentation, "Write-Ahead Logging" and "PRAGMA synchronous": in WAL mode FULL
//! syncs the WAL at every commit).

use super::witness_rules::{self, WitnessTx};
use super::{
    check_continues, from_db, hash32, limit_db, schema, to_db, CheckpointRow, CosignatureRow,
    Cosigned, ElectionRow, Entry, NewEntry, Store, StoreError, COSIGNATURES_OF,
    COSIGNATURE_COLUMNS, UNUSED_TOKEN_COLUMN,
};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::path::Path;

/// The SQLite backend.
pub struct SqliteStore {
    connection: Connection,
}

fn backend(error: rusqlite::Error) -> StoreError {
    StoreError::Backend {
        backend: "sqlite",
        message: error.to_string(),
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the database file `file` and its schema.
    pub fn open(file: &Path) -> Result<Self, StoreError> {
        private_file(file)?;
        let connection = Connection::open(file).map_err(backend)?;
        Self::configure(connection)
    }

    /// A database in memory, for tests of the code above the store.
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::configure(Connection::open_in_memory().map_err(backend)?)
    }

    fn configure(connection: Connection) -> Result<Self, StoreError> {
        // journal_mode answers with the mode it set; an in-memory database stays "memory".
        let _mode: String = connection
            .query_row("PRAGMA journal_mode=WAL", [], |row| row.get(0))
            .map_err(backend)?;
        connection
            .pragma_update(None, "synchronous", "FULL")
            .map_err(backend)?;
        connection
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(backend)?;
        connection
            .busy_timeout(std::time::Duration::from_secs(10))
            .map_err(backend)?;
        connection
            .execute_batch(&schema::sqlite())
            .map_err(backend)?;
        Ok(SqliteStore { connection })
    }

    /// The value of `PRAGMA synchronous` (2 = FULL), for the durability test.
    pub fn synchronous(&self) -> Result<i64, StoreError> {
        self.connection
            .query_row("PRAGMA synchronous", [], |row| row.get(0))
            .map_err(backend)
    }

    /// The journal mode (`wal` for a file database).
    pub fn journal_mode(&self) -> Result<String, StoreError> {
        self.connection
            .query_row("PRAGMA journal_mode", [], |row| row.get(0))
            .map_err(backend)
    }
}

/// The columns of an entry, in the order [`entry_of`] reads them.
const ENTRY_COLUMNS: &str = "seq, kind, item_key, body, leaf_hash, code, created_at";

fn entry_of(election: &str, row: &Row<'_>) -> Result<Result<Entry, StoreError>, rusqlite::Error> {
    let seq: i64 = row.get(0)?;
    let leaf: Vec<u8> = row.get(4)?;
    let (kind, key, body, code, created_at) = (
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(5)?,
        row.get(6)?,
    );
    Ok((|| {
        Ok(Entry {
            entry: NewEntry {
                seq: from_db(election, seq)?,
                kind,
                key,
                body,
                leaf_hash: hash32(election, "a leaf hash", &leaf)?,
                code,
            },
            created_at,
        })
    })())
}

fn checkpoint_of(
    election: &str,
    row: &Row<'_>,
) -> Result<Result<CheckpointRow, StoreError>, rusqlite::Error> {
    let size: i64 = row.get(0)?;
    let root: Vec<u8> = row.get(1)?;
    let (note, created_at) = (row.get(2)?, row.get(3)?);
    Ok((|| {
        Ok(CheckpointRow {
            size: from_db(election, size)?,
            root: hash32(election, "a checkpoint root", &root)?,
            note,
            created_at,
        })
    })())
}

fn insert_entries(
    tx: &rusqlite::Transaction<'_>,
    election: &str,
    entries: &[NewEntry],
    checkpoint: &CheckpointRow,
) -> Result<(), StoreError> {
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO entries (election_id, seq, kind, item_key, body, leaf_hash, code, \
             created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .map_err(backend)?;
    for entry in entries {
        let taken: Option<i64> = tx
            .query_row(
                "SELECT seq FROM entries WHERE election_id = ?1 AND item_key = ?2",
                params![election, entry.key],
                |row| row.get(0),
            )
            .optional()
            .map_err(backend)?;
        if taken.is_some() {
            return Err(StoreError::NotAppendable {
                election: election.to_string(),
                seq: entry.seq,
                key: entry.key.clone(),
                why: "its key is taken",
            });
        }
        insert
            .execute(params![
                election,
                to_db(entry.seq)?,
                entry.kind,
                entry.key,
                entry.body,
                entry.leaf_hash.as_slice(),
                entry.code,
                checkpoint.created_at
            ])
            .map_err(backend)?;
    }
    tx.execute(
        "INSERT INTO checkpoints (election_id, size, root, note, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            election,
            to_db(checkpoint.size)?,
            checkpoint.root.as_slice(),
            checkpoint.note,
            checkpoint.created_at
        ],
    )
    .map_err(backend)?;
    Ok(())
}

impl SqliteStore {
    fn size_in(tx: &Connection, election: &str) -> Result<u64, StoreError> {
        let count: i64 = tx
            .query_row(
                "SELECT COUNT(*) FROM entries WHERE election_id = ?1",
                params![election],
                |row| row.get(0),
            )
            .map_err(backend)?;
        from_db(election, count)
    }

    fn exists(tx: &Connection, election: &str) -> Result<bool, StoreError> {
        tx.query_row(
            "SELECT 1 FROM elections WHERE id = ?1",
            params![election],
            |_| Ok(()),
        )
        .optional()
        .map(|found| found.is_some())
        .map_err(backend)
    }

    fn one_entry(
        &mut self,
        election: &str,
        condition: &str,
        value: &dyn rusqlite::ToSql,
    ) -> Result<Option<Entry>, StoreError> {
        let sql =
            format!("SELECT {ENTRY_COLUMNS} FROM entries WHERE election_id = ?1 AND {condition}");
        self.connection
            .query_row(&sql, params![election, value], |row| {
                entry_of(election, row)
            })
            .optional()
            .map_err(backend)?
            .transpose()
    }
}

impl Store for SqliteStore {
    fn create_election(
        &mut self,
        election: &ElectionRow,
        entries: &[NewEntry],
        checkpoint: &CheckpointRow,
    ) -> Result<(), StoreError> {
        let tx = self.connection.transaction().map_err(backend)?;
        if Self::exists(&tx, &election.id)? {
            return Err(StoreError::ElectionExists(election.id.clone()));
        }
        check_continues(&election.id, 0, entries, checkpoint)?;
        tx.execute(
            "INSERT INTO elections (id, grp, origin, admin_token_hash, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                election.id,
                election.group,
                election.origin,
                UNUSED_TOKEN_COLUMN.as_slice(),
                election.created_at
            ],
        )
        .map_err(backend)?;
        insert_entries(&tx, &election.id, entries, checkpoint)?;
        tx.commit().map_err(backend)
    }

    fn elections(&mut self) -> Result<Vec<ElectionRow>, StoreError> {
        let mut statement = self
            .connection
            .prepare("SELECT id, grp, origin, created_at FROM elections ORDER BY created_at, id")
            .map_err(backend)?;
        let rows = statement
            .query_map([], |row| {
                Ok(ElectionRow {
                    id: row.get(0)?,
                    group: row.get(1)?,
                    origin: row.get(2)?,
                    created_at: row.get(3)?,
                })
            })
            .map_err(backend)?;
        let mut elections = Vec::new();
        for row in rows {
            elections.push(row.map_err(backend)?);
        }
        Ok(elections)
    }

    fn append(
        &mut self,
        election: &str,
        entries: &[NewEntry],
        checkpoint: &CheckpointRow,
    ) -> Result<(), StoreError> {
        // IMMEDIATE takes the write lock before reading the size, so that two writers can
        // never both read the same size and append the same leaf index.
        let tx = self
            .connection
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(backend)?;
        if !Self::exists(&tx, election)? {
            return Err(StoreError::NoElection(election.to_string()));
        }
        let size = Self::size_in(&tx, election)?;
        check_continues(election, size, entries, checkpoint)?;
        insert_entries(&tx, election, entries, checkpoint)?;
        tx.commit().map_err(backend)
    }

    fn size(&mut self, election: &str) -> Result<u64, StoreError> {
        Self::size_in(&self.connection, election)
    }

    fn leaf_hashes(&mut self, election: &str) -> Result<Vec<[u8; 32]>, StoreError> {
        let mut statement = self
            .connection
            .prepare("SELECT leaf_hash FROM entries WHERE election_id = ?1 ORDER BY seq")
            .map_err(backend)?;
        let rows = statement
            .query_map(params![election], |row| row.get::<_, Vec<u8>>(0))
            .map_err(backend)?;
        let mut hashes = Vec::new();
        for row in rows {
            hashes.push(hash32(election, "a leaf hash", &row.map_err(backend)?)?);
        }
        Ok(hashes)
    }

    fn entries(&mut self, election: &str, from: u64, limit: u64) -> Result<Vec<Entry>, StoreError> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries WHERE election_id = ?1 AND seq >= ?2 \
             ORDER BY seq LIMIT ?3"
        );
        let mut statement = self.connection.prepare(&sql).map_err(backend)?;
        let rows = statement
            .query_map(params![election, to_db(from)?, limit_db(limit)], |row| {
                entry_of(election, row)
            })
            .map_err(backend)?;
        let mut entries = Vec::new();
        for row in rows {
            entries.push(row.map_err(backend)??);
        }
        Ok(entries)
    }

    fn entry(&mut self, election: &str, seq: u64) -> Result<Option<Entry>, StoreError> {
        self.one_entry(election, "seq = ?2", &to_db(seq)?)
    }

    fn entry_by_key(&mut self, election: &str, key: &str) -> Result<Option<Entry>, StoreError> {
        self.one_entry(election, "item_key = ?2", &key)
    }

    fn entry_by_code(&mut self, election: &str, code: &str) -> Result<Option<Entry>, StoreError> {
        self.one_entry(election, "code = ?2", &code)
    }

    fn latest_checkpoint(&mut self, election: &str) -> Result<Option<CheckpointRow>, StoreError> {
        self.connection
            .query_row(
                "SELECT size, root, note, created_at FROM checkpoints WHERE election_id = ?1 \
                 ORDER BY size DESC LIMIT 1",
                params![election],
                |row| checkpoint_of(election, row),
            )
            .optional()
            .map_err(backend)?
            .transpose()
    }

    fn checkpoint(
        &mut self,
        election: &str,
        size: u64,
    ) -> Result<Option<CheckpointRow>, StoreError> {
        self.connection
            .query_row(
                "SELECT size, root, note, created_at FROM checkpoints WHERE election_id = ?1 \
                 AND size = ?2",
                params![election, to_db(size)?],
                |row| checkpoint_of(election, row),
            )
            .optional()
            .map_err(backend)?
            .transpose()
    }

    fn kind_counts(&mut self, election: &str) -> Result<Vec<(String, u64)>, StoreError> {
        let mut statement = self
            .connection
            .prepare(
                "SELECT kind, COUNT(*) FROM entries WHERE election_id = ?1 GROUP BY kind \
                 ORDER BY kind",
            )
            .map_err(backend)?;
        let rows = statement
            .query_map(params![election], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
            })
            .map_err(backend)?;
        let mut counts = Vec::new();
        for row in rows {
            let (kind, count) = row.map_err(backend)?;
            counts.push((kind, from_db(election, count)?));
        }
        Ok(counts)
    }

    fn add_cosignature(
        &mut self,
        election: &str,
        cosignature: &CosignatureRow,
        max_witnesses: u64,
    ) -> Result<Cosigned, StoreError> {
        // IMMEDIATE: the witness count and the key read by the rules stay true until the commit.
        let tx = self
            .connection
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(backend)?;
        let outcome = witness_rules::add_cosignature(
            &mut SqliteWitnessTx(&tx),
            election,
            cosignature,
            max_witnesses,
        )?;
        if witness_rules::commits(&outcome) {
            tx.commit().map_err(backend)?;
        }
        Ok(outcome)
    }

    fn cosignatures(
        &mut self,
        election: &str,
        size: u64,
    ) -> Result<Vec<CosignatureRow>, StoreError> {
        // SQLite reads `$1` and `$2` as numbered parameters too.
        let sql = format!("SELECT {COSIGNATURE_COLUMNS} {COSIGNATURES_OF}");
        let mut statement = self.connection.prepare(&sql).map_err(backend)?;
        let rows = statement
            .query_map(params![election, to_db(size)?], |row| {
                let size: i64 = row.get(0)?;
                Ok((size, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
            })
            .map_err(backend)?;
        let mut out = Vec::new();
        for row in rows {
            let (size, witness, vkey, line, created_at) = row.map_err(backend)?;
            out.push(CosignatureRow {
                size: from_db(election, size)?,
                witness,
                vkey,
                line,
                created_at,
            });
        }
        Ok(out)
    }
}

/// The witness rules' statements on an open SQLite transaction.
struct SqliteWitnessTx<'a, 'c>(&'a rusqlite::Transaction<'c>);

impl WitnessTx for SqliteWitnessTx<'_, '_> {
    fn registered_key(&mut self, election: &str, name: &str) -> Result<Option<String>, StoreError> {
        self.0
            .query_row(
                witness_rules::REGISTERED_KEY,
                params![election, name],
                |row| row.get(0),
            )
            .optional()
            .map_err(backend)
    }

    fn witness_count(&mut self, election: &str) -> Result<i64, StoreError> {
        self.0
            .query_row(witness_rules::WITNESS_COUNT, params![election], |row| {
                row.get(0)
            })
            .map_err(backend)
    }

    fn register_witness(
        &mut self,
        election: &str,
        cosignature: &CosignatureRow,
    ) -> Result<(), StoreError> {
        self.0
            .execute(
                witness_rules::REGISTER_WITNESS,
                params![
                    election,
                    cosignature.witness,
                    cosignature.vkey,
                    cosignature.created_at
                ],
            )
            .map(|_| ())
            .map_err(backend)
    }

    fn insert_cosignature(
        &mut self,
        election: &str,
        cosignature: &CosignatureRow,
    ) -> Result<bool, StoreError> {
        self.0
            .execute(
                witness_rules::INSERT_COSIGNATURE,
                params![
                    election,
                    to_db(cosignature.size)?,
                    cosignature.witness,
                    cosignature.line,
                    cosignature.created_at
                ],
            )
            .map(|inserted| inserted > 0)
            .map_err(backend)
    }
}

/// Creates the database file with mode 0600 if it does not exist, or narrows an existing one
/// to it. SQLite creates its `-wal` and `-shm` files with the main file's permissions, so they
/// are private too.
fn private_file(file: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let failed = |e: std::io::Error| StoreError::Backend {
            backend: "sqlite",
            message: format!("{}: {e}", file.display()),
        };
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(file)
            .map_err(failed)?;
        let mode = std::fs::metadata(file)
            .map_err(failed)?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600))
                .map_err(failed)?;
        }
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}
