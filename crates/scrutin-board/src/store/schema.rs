//! The one schema of both backends. The DDL differs only in the byte-string type (SQLite's
//! BLOB, PostgreSQL's BYTEA); everything else is written once here.

/// The statements that create the schema, idempotently, with `{BYTES}` for the byte-string
/// type. Every statement is `CREATE … IF NOT EXISTS`, so a database created by an earlier
/// version gains the tables added since (`witnesses`, `cosignatures`) when the board starts:
/// the changes so far only add tables, and need no other migration. The column
/// `elections.admin_token_hash` is unused: elections are created by a signed roster
/// (docs/board-api.md), and the board writes zeros there and never reads it, so that the
/// schema of existing databases needs no migration.
const DDL: &str = "
CREATE TABLE IF NOT EXISTS elections (
    id               TEXT    PRIMARY KEY,
    grp              TEXT    NOT NULL,
    origin           TEXT    NOT NULL,
    admin_token_hash {BYTES} NOT NULL,
    created_at       BIGINT  NOT NULL
);
CREATE TABLE IF NOT EXISTS entries (
    election_id TEXT    NOT NULL REFERENCES elections (id),
    seq         BIGINT  NOT NULL,
    kind        TEXT    NOT NULL,
    item_key    TEXT    NOT NULL,
    body        {BYTES} NOT NULL,
    leaf_hash   {BYTES} NOT NULL,
    code        TEXT,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (election_id, seq),
    UNIQUE (election_id, item_key)
);
CREATE INDEX IF NOT EXISTS entries_by_code ON entries (election_id, code) WHERE code IS NOT NULL;
CREATE TABLE IF NOT EXISTS checkpoints (
    election_id TEXT    NOT NULL REFERENCES elections (id),
    size        BIGINT  NOT NULL,
    root        {BYTES} NOT NULL,
    note        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (election_id, size)
);
CREATE TABLE IF NOT EXISTS witnesses (
    election_id TEXT    NOT NULL REFERENCES elections (id),
    name        TEXT    NOT NULL,
    vkey        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (election_id, name)
);
CREATE TABLE IF NOT EXISTS cosignatures (
    election_id TEXT    NOT NULL,
    size        BIGINT  NOT NULL,
    witness     TEXT    NOT NULL,
    line        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (election_id, size, witness),
    FOREIGN KEY (election_id, size) REFERENCES checkpoints (election_id, size),
    FOREIGN KEY (election_id, witness) REFERENCES witnesses (election_id, name)
);
";

/// The schema for SQLite.
pub fn sqlite() -> String {
    DDL.replace("{BYTES}", "BLOB")
}

/// The schema for PostgreSQL.
pub fn postgres() -> String {
    DDL.replace("{BYTES}", "BYTEA")
}
