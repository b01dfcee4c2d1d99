//! The PostgreSQL store, for production: the same schema as SQLite. A commit returns once
//! the server has flushed it to its write-ahead log (PostgreSQL's default
//! `synchronous_commit = on`, which the board sets explicitly for its session).

use super::witness_rules::{self, WitnessTx};
use super::{
    check_continues, from_db, hash32, limit_db, schema, to_db, CheckpointRow, CosignatureRow,
    Cosigned, ElectionRow, Entry, NewEntry, Store, StoreError, COSIGNATURES_OF,
    COSIGNATURE_COLUMNS, UNUSED_TOKEN_COLUMN,
};
use postgres::{Client, GenericClient, NoTls, Row};

/// The PostgreSQL backend: one connection.
pub struct PostgresStore {
    /// Always `Some` until the store is dropped.
    client: Option<Client>,
}

impl Drop for PostgresStore {
    /// `postgres::Client` closes its connection by blocking on a runtime of its own, which
    /// panics on a thread that drives a tokio runtime (the board's HTTP workers, where the
    /// last reference to the board may go); there the client is closed on a thread of its
    /// own.
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            if tokio::runtime::Handle::try_current().is_ok() {
                let _ = std::thread::Builder::new()
                    .name("postgres-close".into())
                    .spawn(move || drop(client));
            }
        }
    }
}

fn backend(error: postgres::Error) -> StoreError {
    StoreError::Backend {
        backend: "postgres",
        message: error.to_string(),
    }
}

/// A schema name the board may interpolate into SQL: lower-case letters, digits and `_`,
/// not starting with a digit (PostgreSQL's unquoted identifiers).
fn check_schema_name(name: &str) -> Result<(), StoreError> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(StoreError::Backend {
            backend: "postgres",
            message: format!("{name:?} is not a plain schema name"),
        })
    }
}

impl PostgresStore {
    /// Connects to `url` (`postgres://user:password@host/database`) and creates the schema
    /// in the connection's default search path.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        Self::connect_in(url, None)
    }

    /// Connects and works in the PostgreSQL schema `schema`, created if needed (used by the
    /// tests, each in a schema of its own).
    pub fn connect_in(url: &str, schema: Option<&str>) -> Result<Self, StoreError> {
        let mut client = Client::connect(url, NoTls).map_err(backend)?;
        client
            .batch_execute("SET synchronous_commit = on")
            .map_err(backend)?;
        if let Some(name) = schema {
            check_schema_name(name)?;
            client
                .batch_execute(&format!(
                    "CREATE SCHEMA IF NOT EXISTS {name}; SET search_path TO {name}"
                ))
                .map_err(backend)?;
        }
        client.batch_execute(&schema::postgres()).map_err(backend)?;
        Ok(PostgresStore {
            client: Some(client),
        })
    }

    fn client(&mut self) -> Result<&mut Client, StoreError> {
        self.client.as_mut().ok_or_else(|| StoreError::Backend {
            backend: "postgres",
            message: "the connection is closed".into(),
        })
    }

    /// Drops the schema `schema` and everything in it (test clean-up).
    pub fn drop_schema(&mut self, schema: &str) -> Result<(), StoreError> {
        check_schema_name(schema)?;
        self.client()?
            .batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
            .map_err(backend)
    }
}

const ENTRY_COLUMNS: &str = "seq, kind, item_key, body, leaf_hash, code, created_at";

fn entry_of(election: &str, row: &Row) -> Result<Entry, StoreError> {
    let get = |e: postgres::Error| backend(e);
    let seq: i64 = row.try_get(0).map_err(get)?;
    let leaf: Vec<u8> = row.try_get(4).map_err(get)?;
    Ok(Entry {
        entry: NewEntry {
            seq: from_db(election, seq)?,
            kind: row.try_get(1).map_err(get)?,
            key: row.try_get(2).map_err(get)?,
            body: row.try_get(3).map_err(get)?,
            leaf_hash: hash32(election, "a leaf hash", &leaf)?,
            code: row.try_get(5).map_err(get)?,
        },
        created_at: row.try_get(6).map_err(get)?,
    })
}

fn checkpoint_of(election: &str, row: &Row) -> Result<CheckpointRow, StoreError> {
    let size: i64 = row.try_get(0).map_err(backend)?;
    let root: Vec<u8> = row.try_get(1).map_err(backend)?;
    Ok(CheckpointRow {
        size: from_db(election, size)?,
        root: hash32(election, "a checkpoint root", &root)?,
        note: row.try_get(2).map_err(backend)?,
        created_at: row.try_get(3).map_err(backend)?,
    })
}

/// Locks the election's row until the transaction ends (`SELECT … FOR UPDATE`), so that the
/// writes of one election are serialized across connections; `NoElection` if it has no row.
fn lock_election(tx: &mut postgres::Transaction<'_>, election: &str) -> Result<(), StoreError> {
    let locked = tx
        .query_opt(
            "SELECT id FROM elections WHERE id = $1 FOR UPDATE",
            &[&election],
        )
        .map_err(backend)?;
    match locked {
        Some(_) => Ok(()),
        None => Err(StoreError::NoElection(election.to_string())),
    }
}

fn size_in(client: &mut impl GenericClient, election: &str) -> Result<u64, StoreError> {
    let row = client
        .query_one(
            "SELECT COUNT(*) FROM entries WHERE election_id = $1",
            &[&election],
        )
        .map_err(backend)?;
    from_db(election, row.try_get(0).map_err(backend)?)
}

fn insert_entries(
    tx: &mut postgres::Transaction<'_>,
    election: &str,
    entries: &[NewEntry],
    checkpoint: &CheckpointRow,
) -> Result<(), StoreError> {
    for entry in entries {
        let taken = tx
            .query_opt(
                "SELECT seq FROM entries WHERE election_id = $1 AND item_key = $2",
                &[&election, &entry.key],
            )
            .map_err(backend)?;
        if taken.is_some() {
            return Err(StoreError::NotAppendable {
                election: election.to_string(),
                seq: entry.seq,
                key: entry.key.clone(),
                why: "its key is taken",
            });
        }
        tx.execute(
            "INSERT INTO entries (election_id, seq, kind, item_key, body, leaf_hash, code, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[
                &election,
                &to_db(entry.seq)?,
                &entry.kind,
                &entry.key,
                &entry.body,
                &entry.leaf_hash.as_slice(),
                &entry.code,
                &checkpoint.created_at,
            ],
        )
        .map_err(backend)?;
    }
    tx.execute(
        "INSERT INTO checkpoints (election_id, size, root, note, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
        &[
            &election,
            &to_db(checkpoint.size)?,
            &checkpoint.root.as_slice(),
            &checkpoint.note,
            &checkpoint.created_at,
        ],
    )
    .map_err(backend)?;
    Ok(())
}

impl PostgresStore {
    fn one_entry(
        &mut self,
        election: &str,
        condition: &str,
        value: &(dyn postgres::types::ToSql + Sync),
    ) -> Result<Option<Entry>, StoreError> {
        let sql =
            format!("SELECT {ENTRY_COLUMNS} FROM entries WHERE election_id = $1 AND {condition}");
        self.client()?
            .query_opt(&sql, &[&election, value])
            .map_err(backend)?
            .map(|row| entry_of(election, &row))
            .transpose()
    }
}

impl Store for PostgresStore {
    fn create_election(
        &mut self,
        election: &ElectionRow,
        entries: &[NewEntry],
        checkpoint: &CheckpointRow,
    ) -> Result<(), StoreError> {
        let mut tx = self.client()?.transaction().map_err(backend)?;
        check_continues(&election.id, 0, entries, checkpoint)?;
        let inserted = tx
            .execute(
                "INSERT INTO elections (id, grp, origin, admin_token_hash, created_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
                &[
                    &election.id,
                    &election.group,
                    &election.origin,
                    &UNUSED_TOKEN_COLUMN.as_slice(),
                    &election.created_at,
                ],
            )
            .map_err(backend)?;
        if inserted == 0 {
            return Err(StoreError::ElectionExists(election.id.clone()));
        }
        insert_entries(&mut tx, &election.id, entries, checkpoint)?;
        tx.commit().map_err(backend)
    }

    fn elections(&mut self) -> Result<Vec<ElectionRow>, StoreError> {
        let rows = self
            .client()?
            .query(
                "SELECT id, grp, origin, created_at FROM elections ORDER BY created_at, id",
                &[],
            )
            .map_err(backend)?;
        rows.iter()
            .map(|row| {
                Ok(ElectionRow {
                    id: row.try_get(0).map_err(backend)?,
                    group: row.try_get(1).map_err(backend)?,
                    origin: row.try_get(2).map_err(backend)?,
                    created_at: row.try_get(3).map_err(backend)?,
                })
            })
            .collect()
    }

    fn append(
        &mut self,
        election: &str,
        entries: &[NewEntry],
        checkpoint: &CheckpointRow,
    ) -> Result<(), StoreError> {
        let mut tx = self.client()?.transaction().map_err(backend)?;
        // The row lock serializes the appends of one election across connections, so that
        // the size read below is the size the inserts continue.
        lock_election(&mut tx, election)?;
        let size = size_in(&mut tx, election)?;
        check_continues(election, size, entries, checkpoint)?;
        insert_entries(&mut tx, election, entries, checkpoint)?;
        tx.commit().map_err(backend)
    }

    fn size(&mut self, election: &str) -> Result<u64, StoreError> {
        size_in(self.client()?, election)
    }

    fn leaf_hashes(&mut self, election: &str) -> Result<Vec<[u8; 32]>, StoreError> {
        let rows = self
            .client()?
            .query(
                "SELECT leaf_hash FROM entries WHERE election_id = $1 ORDER BY seq",
                &[&election],
            )
            .map_err(backend)?;
        rows.iter()
            .map(|row| {
                let bytes: Vec<u8> = row.try_get(0).map_err(backend)?;
                hash32(election, "a leaf hash", &bytes)
            })
            .collect()
    }

    fn entries(&mut self, election: &str, from: u64, limit: u64) -> Result<Vec<Entry>, StoreError> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries WHERE election_id = $1 AND seq >= $2 \
             ORDER BY seq LIMIT $3"
        );
        let rows = self
            .client()?
            .query(&sql, &[&election, &to_db(from)?, &limit_db(limit)])
            .map_err(backend)?;
        rows.iter().map(|row| entry_of(election, row)).collect()
    }

    fn entry(&mut self, election: &str, seq: u64) -> Result<Option<Entry>, StoreError> {
        self.one_entry(election, "seq = $2", &to_db(seq)?)
    }

    fn entry_by_key(&mut self, election: &str, key: &str) -> Result<Option<Entry>, StoreError> {
        self.one_entry(election, "item_key = $2", &key)
    }

    fn entry_by_code(&mut self, election: &str, code: &str) -> Result<Option<Entry>, StoreError> {
        self.one_entry(election, "code = $2", &code)
    }

    fn latest_checkpoint(&mut self, election: &str) -> Result<Option<CheckpointRow>, StoreError> {
        self.client()?
            .query_opt(
                "SELECT size, root, note, created_at FROM checkpoints WHERE election_id = $1 \
                 ORDER BY size DESC LIMIT 1",
                &[&election],
            )
            .map_err(backend)?
            .map(|row| checkpoint_of(election, &row))
            .transpose()
    }

    fn checkpoint(
        &mut self,
        election: &str,
        size: u64,
    ) -> Result<Option<CheckpointRow>, StoreError> {
        self.client()?
            .query_opt(
                "SELECT size, root, note, created_at FROM checkpoints WHERE election_id = $1 \
                 AND size = $2",
                &[&election, &to_db(size)?],
            )
            .map_err(backend)?
            .map(|row| checkpoint_of(election, &row))
            .transpose()
    }

    fn kind_counts(&mut self, election: &str) -> Result<Vec<(String, u64)>, StoreError> {
        let rows = self
            .client()?
            .query(
                "SELECT kind, COUNT(*) FROM entries WHERE election_id = $1 GROUP BY kind \
                 ORDER BY kind",
                &[&election],
            )
            .map_err(backend)?;
        rows.iter()
            .map(|row| {
                let count: i64 = row.try_get(1).map_err(backend)?;
                Ok((row.try_get(0).map_err(backend)?, from_db(election, count)?))
            })
            .collect()
    }

    fn add_cosignature(
        &mut self,
        election: &str,
        cosignature: &CosignatureRow,
        max_witnesses: u64,
    ) -> Result<Cosigned, StoreError> {
        let mut tx = self.client()?.transaction().map_err(backend)?;
        // The election's row lock serializes the registrations of its witnesses across
        // connections, so that the count and the key read by the rules stay true until the
        // commit.
        lock_election(&mut tx, election)?;
        let outcome = witness_rules::add_cosignature(
            &mut PgWitnessTx(&mut tx),
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
        let sql = format!("SELECT {COSIGNATURE_COLUMNS} {COSIGNATURES_OF}");
        let rows = self
            .client()?
            .query(&sql, &[&election, &to_db(size)?])
            .map_err(backend)?;
        rows.iter()
            .map(|row| {
                let size: i64 = row.try_get(0).map_err(backend)?;
                Ok(CosignatureRow {
                    size: from_db(election, size)?,
                    witness: row.try_get(1).map_err(backend)?,
                    vkey: row.try_get(2).map_err(backend)?,
                    line: row.try_get(3).map_err(backend)?,
                    created_at: row.try_get(4).map_err(backend)?,
                })
            })
            .collect()
    }
}

/// The witness rules' statements on an open PostgreSQL transaction.
struct PgWitnessTx<'a, 'c>(&'a mut postgres::Transaction<'c>);

impl WitnessTx for PgWitnessTx<'_, '_> {
    fn registered_key(&mut self, election: &str, name: &str) -> Result<Option<String>, StoreError> {
        self.0
            .query_opt(witness_rules::REGISTERED_KEY, &[&election, &name])
            .map_err(backend)?
            .map(|row| row.try_get::<_, String>(0))
            .transpose()
            .map_err(backend)
    }

    fn witness_count(&mut self, election: &str) -> Result<i64, StoreError> {
        self.0
            .query_one(witness_rules::WITNESS_COUNT, &[&election])
            .and_then(|row| row.try_get(0))
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
                &[
                    &election,
                    &cosignature.witness,
                    &cosignature.vkey,
                    &cosignature.created_at,
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
                &[
                    &election,
                    &to_db(cosignature.size)?,
                    &cosignature.witness,
                    &cosignature.line,
                    &cosignature.created_at,
                ],
            )
            .map(|inserted| inserted > 0)
            .map_err(backend)
    }
}
