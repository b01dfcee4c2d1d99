//! The storage suite, run against SQLite always and against PostgreSQL when
//! `SCRUTIN_TEST_POSTGRES_URL` is set (e.g. `postgres://postgres@127.0.0.1:5432/postgres`).
//! When the variable is set, an unreachable server fails the test: it never passes silently.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use scrutin_board::store::{
    CheckpointRow, CosignatureRow, Cosigned, ElectionRow, NewEntry, PostgresStore, SqliteStore,
    Store, StoreError,
};

/// The environment variable naming the PostgreSQL server of the tests.
const POSTGRES_URL: &str = "SCRUTIN_TEST_POSTGRES_URL";

fn election(id: &str) -> ElectionRow {
    ElectionRow {
        id: id.into(),
        group: "toy-256".into(),
        origin: format!("board.test/scrutin/{id}"),
        created_at: 1_700_000_000,
    }
}

fn entry(seq: u64, key: &str, body: &[u8]) -> NewEntry {
    NewEntry {
        seq,
        kind: if key.starts_with("encrypted_ballots/") {
            "ballot".into()
        } else {
            "file".into()
        },
        key: key.into(),
        body: body.to_vec(),
        leaf_hash: [u8::try_from(seq % 256).unwrap(); 32],
        code: key
            .starts_with("encrypted_ballots/")
            .then(|| format!("{seq:064X}")),
    }
}

fn checkpoint(size: u64, tag: u8) -> CheckpointRow {
    CheckpointRow {
        size,
        root: [tag; 32],
        note: format!("board.test/scrutin/x\n{size}\nroot{tag}\n\n— sig\n"),
        created_at: 1_700_000_000 + i64::try_from(size).unwrap(),
    }
}

/// Every case of the suite against the store that `open` opens; `open` called again must
/// reopen the same data (a restart).
fn suite(open: &mut dyn FnMut() -> Box<dyn Store>) {
    let mut store = open();
    create_and_read(&mut *store);
    duplicate_election(&mut *store);
    append_continues(&mut *store);
    refused_appends_write_nothing(&mut *store);
    unknown_election(&mut *store);
    cosignatures_kept(&mut *store);
    drop(store);
    let mut reopened = open();
    survives_reopen(&mut *reopened);
}

fn create_and_read(store: &mut dyn Store) {
    let body = [0u8, 255, 10, 13, 0, b'{'];
    let first = [
        entry(0, "manifest.json", b"{\"label\": \"x\"}\n"),
        entry(1, "constants.json", &body),
        entry(2, "encrypted_ballots/d/eballot-b1.json", b"ballot"),
    ];
    store
        .create_election(&election("e1"), &first, &checkpoint(3, 1))
        .unwrap();
    let elections = store.elections().unwrap();
    assert!(elections.contains(&election("e1")));
    assert_eq!(store.size("e1").unwrap(), 3);
    assert_eq!(
        store.leaf_hashes("e1").unwrap(),
        vec![[0; 32], [1; 32], [2; 32]]
    );
    let got = store.entry("e1", 1).unwrap().unwrap();
    assert_eq!(got.entry, first[1], "bytes come back exactly");
    assert_eq!(got.created_at, checkpoint(3, 1).created_at);
    assert_eq!(
        store
            .entry_by_key("e1", "manifest.json")
            .unwrap()
            .unwrap()
            .entry,
        first[0]
    );
    let code = format!("{:064X}", 2);
    assert_eq!(
        store.entry_by_code("e1", &code).unwrap().unwrap().entry,
        first[2]
    );
    assert!(store.entry("e1", 3).unwrap().is_none());
    assert!(store.entry_by_key("e1", "nothing.json").unwrap().is_none());
    assert!(store
        .entry_by_code("e1", &"0".repeat(64))
        .unwrap()
        .is_none());
    assert_eq!(
        store.latest_checkpoint("e1").unwrap(),
        Some(checkpoint(3, 1))
    );
    assert_eq!(store.checkpoint("e1", 3).unwrap(), Some(checkpoint(3, 1)));
    assert_eq!(store.checkpoint("e1", 2).unwrap(), None);
    assert_eq!(
        store.kind_counts("e1").unwrap(),
        vec![("ballot".to_string(), 1), ("file".to_string(), 2)]
    );
    let page: Vec<_> = store
        .entries("e1", 1, 1)
        .unwrap()
        .into_iter()
        .map(|e| e.entry)
        .collect();
    assert_eq!(page, vec![first[1].clone()]);
    assert_eq!(store.entries("e1", 0, 100).unwrap().len(), 3);
    assert!(store.entries("e1", 3, 100).unwrap().is_empty());
}

fn duplicate_election(store: &mut dyn Store) {
    let again = store.create_election(
        &election("e1"),
        &[entry(0, "other.json", b"x")],
        &checkpoint(1, 9),
    );
    assert!(matches!(again, Err(StoreError::ElectionExists(id)) if id == "e1"));
    assert_eq!(
        store.size("e1").unwrap(),
        3,
        "nothing of the refused election was written"
    );
    assert!(store.entry_by_key("e1", "other.json").unwrap().is_none());
}

fn append_continues(store: &mut dyn Store) {
    store
        .append("e1", &[entry(3, "a.json", b"a")], &checkpoint(4, 2))
        .unwrap();
    store
        .append(
            "e1",
            &[entry(4, "b.json", b"b"), entry(5, "c.json", b"c")],
            &checkpoint(6, 3),
        )
        .unwrap();
    assert_eq!(store.size("e1").unwrap(), 6);
    assert_eq!(
        store.latest_checkpoint("e1").unwrap(),
        Some(checkpoint(6, 3))
    );
    assert_eq!(store.checkpoint("e1", 4).unwrap(), Some(checkpoint(4, 2)));
}

fn refused_appends_write_nothing(store: &mut dyn Store) {
    let cases: [(&str, Vec<NewEntry>, CheckpointRow); 4] = [
        (
            "a gap",
            vec![entry(6, "d.json", b"d"), entry(8, "e.json", b"e")],
            checkpoint(8, 4),
        ),
        (
            "a sequence number taken",
            vec![entry(5, "d.json", b"d")],
            checkpoint(7, 4),
        ),
        (
            "a key taken",
            vec![entry(6, "d.json", b"d"), entry(7, "a.json", b"again")],
            checkpoint(8, 4),
        ),
        (
            "a checkpoint of the wrong size",
            vec![entry(6, "d.json", b"d")],
            checkpoint(9, 4),
        ),
    ];
    for (what, entries, cp) in cases {
        let result = store.append("e1", &entries, &cp);
        assert!(
            matches!(result, Err(StoreError::NotAppendable { .. })),
            "{what}: {result:?}"
        );
        assert_eq!(store.size("e1").unwrap(), 6, "{what}: nothing written");
        assert!(
            store.entry_by_key("e1", "d.json").unwrap().is_none(),
            "{what}"
        );
        assert_eq!(
            store.latest_checkpoint("e1").unwrap().unwrap().size,
            6,
            "{what}: no checkpoint written"
        );
    }
}

fn unknown_election(store: &mut dyn Store) {
    let result = store.append("nope", &[entry(0, "a.json", b"a")], &checkpoint(1, 1));
    assert!(matches!(result, Err(StoreError::NoElection(id)) if id == "nope"));
    assert_eq!(store.size("nope").unwrap(), 0);
    assert!(store.latest_checkpoint("nope").unwrap().is_none());
}

fn survives_reopen(store: &mut dyn Store) {
    assert_eq!(store.size("e1").unwrap(), 6);
    assert_eq!(
        store.latest_checkpoint("e1").unwrap(),
        Some(checkpoint(6, 3))
    );
    assert_eq!(
        store.entry("e1", 1).unwrap().unwrap().entry.body,
        vec![0u8, 255, 10, 13, 0, b'{']
    );
    assert_eq!(store.leaf_hashes("e1").unwrap().len(), 6);
    let kept: Vec<String> = store
        .cosignatures("e1", 3)
        .unwrap()
        .into_iter()
        .map(|c| c.line)
        .collect();
    assert_eq!(kept, ["— w1 AAAA\n", "— w2 DDDD\n"]);
}

fn cosignature(size: u64, witness: &str, vkey: &str, line: &str, at: i64) -> CosignatureRow {
    CosignatureRow {
        size,
        witness: witness.into(),
        vkey: vkey.into(),
        line: line.into(),
        created_at: 1_700_000_100 + at,
    }
}

/// Witnesses register with their first cosignature; a witness's first cosignature of a
/// checkpoint stays; a name keeps its key; the number of witnesses is capped; a cosignature
/// of a checkpoint never issued is refused and registers nobody.
fn cosignatures_kept(store: &mut dyn Store) {
    let w1 = cosignature(3, "w1", "w1+0a+key-a", "— w1 AAAA\n", 0);
    assert_eq!(
        store.add_cosignature("e1", &w1, 2).unwrap(),
        Cosigned::Added
    );
    let again = cosignature(3, "w1", "w1+0a+key-a", "— w1 BBBB\n", 1);
    assert_eq!(
        store.add_cosignature("e1", &again, 2).unwrap(),
        Cosigned::Existing
    );
    let later = cosignature(6, "w1", "w1+0a+key-a", "— w1 CCCC\n", 2);
    assert_eq!(
        store.add_cosignature("e1", &later, 2).unwrap(),
        Cosigned::Added
    );
    let other_key = cosignature(4, "w1", "w1+0b+key-b", "— w1 EEEE\n", 3);
    assert_eq!(
        store.add_cosignature("e1", &other_key, 2).unwrap(),
        Cosigned::KeyChanged("w1+0a+key-a".into())
    );
    let never = cosignature(99, "w9", "w9+09+key", "— w9 FFFF\n", 4);
    assert!(store.add_cosignature("e1", &never, 5).is_err());
    let w2 = cosignature(3, "w2", "w2+0c+key-c", "— w2 DDDD\n", 5);
    assert_eq!(
        store.add_cosignature("e1", &w2, 2).unwrap(),
        Cosigned::Added
    );
    let w3 = cosignature(3, "w3", "w3+0d+key-d", "— w3 GGGG\n", 6);
    assert_eq!(
        store.add_cosignature("e1", &w3, 2).unwrap(),
        Cosigned::TooManyWitnesses
    );
    let at3 = store.cosignatures("e1", 3).unwrap();
    assert_eq!(at3, vec![w1.clone(), w2]);
    assert_eq!(store.cosignatures("e1", 6).unwrap(), vec![later]);
    assert!(store.cosignatures("e1", 4).unwrap().is_empty());
    assert!(store.cosignatures("nope", 3).unwrap().is_empty());
}

#[test]
fn sqlite_store_passes_the_suite() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("board.sqlite");
    suite(&mut || Box::new(SqliteStore::open(&file).unwrap()));
}

/// The first schema, before witnesses and cosignatures: a database created by that version
/// of the board.
const FIRST_SCHEMA: &str = "
CREATE TABLE elections (id TEXT PRIMARY KEY, grp TEXT NOT NULL, origin TEXT NOT NULL,
    admin_token_hash BLOB NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE entries (election_id TEXT NOT NULL REFERENCES elections (id), seq BIGINT NOT NULL,
    kind TEXT NOT NULL, item_key TEXT NOT NULL, body BLOB NOT NULL, leaf_hash BLOB NOT NULL,
    code TEXT, created_at BIGINT NOT NULL, PRIMARY KEY (election_id, seq),
    UNIQUE (election_id, item_key));
CREATE INDEX entries_by_code ON entries (election_id, code) WHERE code IS NOT NULL;
CREATE TABLE checkpoints (election_id TEXT NOT NULL REFERENCES elections (id),
    size BIGINT NOT NULL, root BLOB NOT NULL, note TEXT NOT NULL, created_at BIGINT NOT NULL,
    PRIMARY KEY (election_id, size));
";

#[test]
fn a_database_of_the_first_schema_gains_the_cosignature_tables() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("board.sqlite");
    let old = rusqlite::Connection::open(&file).unwrap();
    old.execute_batch(FIRST_SCHEMA).unwrap();
    drop(old);
    let mut store = SqliteStore::open(&file).unwrap();
    store
        .create_election(
            &election("e1"),
            &[entry(0, "a.json", b"a")],
            &checkpoint(1, 1),
        )
        .unwrap();
    let w1 = cosignature(1, "w1", "w1+0a+key", "— w1 AAAA\n", 0);
    assert_eq!(
        store.add_cosignature("e1", &w1, 2).unwrap(),
        Cosigned::Added
    );
    drop(store);
    let mut reopened = SqliteStore::open(&file).unwrap();
    assert_eq!(reopened.cosignatures("e1", 1).unwrap(), vec![w1]);
}

#[test]
fn sqlite_store_is_durable_wal_full() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("board.sqlite")).unwrap();
    assert_eq!(store.journal_mode().unwrap(), "wal");
    assert_eq!(store.synchronous().unwrap(), 2, "synchronous=FULL");
}

#[test]
fn postgres_store_passes_the_suite() {
    let Ok(url) = std::env::var(POSTGRES_URL) else {
        eprintln!("SKIPPED: set {POSTGRES_URL} to run the storage suite against PostgreSQL");
        return;
    };
    let schema = format!("scrutin_test_{}", std::process::id());
    let mut cleanup = PostgresStore::connect_in(&url, Some(&schema))
        .unwrap_or_else(|e| panic!("{POSTGRES_URL} is set but the server cannot be used: {e}"));
    cleanup.drop_schema(&schema).unwrap();
    suite(&mut || Box::new(PostgresStore::connect_in(&url, Some(&schema)).unwrap()));
    cleanup.drop_schema(&schema).unwrap();
}
