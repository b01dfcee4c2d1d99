//! What the HTTP tests share: a board served on loopback over a real SQLite file, a small
//! HTTP client, and the parties of a toy-group election (guardians, a voting device).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    dead_code
)]

use rand_core::OsRng;
use scrutin_board::http::{serve, Limits};
use scrutin_board::server::{open_board, BoardConfig};
use scrutin_board::store::PostgresStore;
use scrutin_core::ballot::{
    encrypt_ballot, ChainState, DeviceInfo, PlaintextBallot, PlaintextContest,
};
use scrutin_core::ceremony::{
    guardian_record_hash, joint_keys, GuardianPublicKey, GuardianSecrets,
};
use scrutin_core::election::ElectionContext;
use scrutin_core::group::Toy256;
use scrutin_core::parameters::{parameter_base_hash, GuardianCounts};
use scrutin_core::HValue;
use scrutin_record::v21::encode as enc;
use scrutin_record::v21::manifest::Manifest;
use scrutin_record::v21::working_encode;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The administrator's token in the tests.
pub const TOKEN: &str = "test-admin-token-0123456789";

/// The body limit of the test server (small, to test it).
pub const BODY_LIMIT: usize = 256 * 1024;

/// The environment variable naming the PostgreSQL server of the tests, e.g.
/// `postgres://postgres@127.0.0.1:5432/postgres` (`scripts/with-postgres.sh` sets it).
pub const POSTGRES_URL: &str = "SCRUTIN_TEST_POSTGRES_URL";

/// The store of a test board.
pub enum Backend {
    /// SQLite, `board.sqlite` in the data directory.
    Sqlite,
    /// PostgreSQL, in a schema of its own.
    Postgres { url: String, schema: String },
}

impl Backend {
    /// PostgreSQL in a fresh schema for the test `test`, or `None` with a printed note when
    /// `SCRUTIN_TEST_POSTGRES_URL` is not set. When it is set, a server that cannot be used
    /// fails the test: it never passes silently.
    pub fn postgres(test: &str) -> Option<Backend> {
        let Ok(url) = std::env::var(POSTGRES_URL) else {
            eprintln!(
                "SKIPPED: set {POSTGRES_URL} (scripts/with-postgres.sh) to run {test} against \
                 PostgreSQL"
            );
            return None;
        };
        let schema = format!("scrutin_{test}_{}", std::process::id());
        let mut store = PostgresStore::connect_in(&url, Some(&schema))
            .unwrap_or_else(|e| panic!("{POSTGRES_URL} is set but the server cannot be used: {e}"));
        store.drop_schema(&schema).unwrap();
        // Created again, empty, for the board to find.
        PostgresStore::connect_in(&url, Some(&schema)).unwrap();
        Some(Backend::Postgres { url, schema })
    }

    /// The board's `--database`: the URL with the schema as the session's search path
    /// (libpq's `options` parameter, which tokio-postgres reads too).
    pub fn database(&self) -> Option<String> {
        match self {
            Backend::Sqlite => None,
            Backend::Postgres { url, schema } => {
                let separator = if url.contains('?') { '&' } else { '?' };
                Some(format!(
                    "{url}{separator}options=-c%20search_path%3D{schema}"
                ))
            }
        }
    }

    /// Drops the PostgreSQL schema.
    pub fn clean_up(&self) {
        if let Backend::Postgres { url, schema } = self {
            let mut store = PostgresStore::connect_in(url, Some(schema)).unwrap();
            store.drop_schema(schema).unwrap();
        }
    }
}

/// Two tests of `body` (a `fn(&Backend)`): `$sqlite` on SQLite, and `$postgres` on PostgreSQL
/// when `SCRUTIN_TEST_POSTGRES_URL` is set (a note and a pass otherwise).
#[allow(unused_macros)]
macro_rules! on_both_stores {
    ($sqlite:ident, $postgres:ident, $body:ident) => {
        #[test]
        fn $sqlite() {
            $body(&Backend::Sqlite);
        }

        #[test]
        fn $postgres() {
            if let Some(backend) = Backend::postgres(stringify!($body)) {
                $body(&backend);
                backend.clean_up();
            }
        }
    };
}

/// The limits of the test servers: a small body limit, no rate limits, the default timeouts.
pub fn test_limits() -> Limits {
    Limits {
        body_bytes: BODY_LIMIT,
        concurrency: 16,
        writes: None,
        reads: None,
        ..Limits::default()
    }
}

/// A board served on 127.0.0.1 from a data directory, in a thread of its own.
pub struct Server {
    pub address: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Opens the board in `data_dir` (SQLite) and serves it on a free loopback port.
    pub fn start(data_dir: &Path) -> Server {
        Server::start_with(data_dir, &Backend::Sqlite, test_limits())
    }

    /// The same on `backend` (the signing key stays in `data_dir`).
    pub fn start_on(data_dir: &Path, backend: &Backend) -> Server {
        Server::start_with(data_dir, backend, test_limits())
    }

    /// The same with per-client limits of `rate` writes a second with bursts of `burst`.
    pub fn start_limited(data_dir: &Path, rate: Option<(f64, u32)>) -> Server {
        let limits = match rate {
            Some((per_second, burst)) => test_limits().with_rate(per_second, burst),
            None => test_limits(),
        };
        Server::start_with(data_dir, &Backend::Sqlite, limits)
    }

    /// The same (SQLite) with `limits`.
    pub fn start_with_limits(data_dir: &Path, limits: Limits) -> Server {
        Server::start_with(data_dir, &Backend::Sqlite, limits)
    }

    fn start_with(data_dir: &Path, backend: &Backend, limits: Limits) -> Server {
        let config = BoardConfig {
            data_dir: data_dir.to_path_buf(),
            database: backend.database(),
            host: "board.test".into(),
            allow_test_groups: true,
        };
        let board = Arc::new(open_board(&config).unwrap());
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let address = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            runtime
                .block_on(serve(listener, board, limits, async {
                    let _ = stopped.await;
                }))
                .unwrap();
        });
        Server {
            address,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// The URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Stops the server and waits until it has released the database.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            thread.join().unwrap();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// An answer: status and body.
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
    /// The `Retry-After` header, if any.
    pub retry_after: Option<String>,
}

fn retry_after(response: &ureq::http::Response<ureq::Body>) -> Option<String> {
    response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_string())
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// GET `url`.
pub fn get(url: &str) -> Answer {
    let mut response = agent().get(url).call().unwrap();
    Answer {
        status: response.status().as_u16(),
        retry_after: retry_after(&response),
        body: response
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_vec()
            .unwrap(),
    }
}

/// POST `body` to `url`, with the administrator's token if `admin`.
pub fn post(url: &str, body: &[u8], admin: bool) -> Answer {
    let mut request = agent().post(url).header("Content-Type", "application/json");
    if admin {
        request = request.header("Authorization", format!("Bearer {TOKEN}"));
    }
    let mut response = request.send(body).unwrap();
    Answer {
        status: response.status().as_u16(),
        retry_after: retry_after(&response),
        body: response.body_mut().read_to_vec().unwrap(),
    }
}

/// POST a JSON value.
pub fn post_json(url: &str, value: &Value, admin: bool) -> Answer {
    post(url, &serde_json::to_vec(value).unwrap(), admin)
}

/// The repository's example manifest.
pub fn manifest_text() -> String {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/examples/springfield/manifest.json");
    std::fs::read_to_string(file).unwrap()
}

/// The request that creates the test election.
pub fn create_request(id: &str) -> Value {
    json!({
        "election_id": id,
        "group": "toy-256",
        "guardians": 3,
        "quorum": 2,
        "manifest": manifest_text(),
    })
}

/// The guardians of a toy election, generated in the test.
pub struct Guardians {
    pub counts: GuardianCounts,
    pub hp: HValue,
    pub secrets: Vec<GuardianSecrets<Toy256>>,
    pub keys: Vec<GuardianPublicKey<Toy256>>,
}

impl Guardians {
    pub fn new(n: u32, k: u32) -> Guardians {
        let counts = GuardianCounts::new(n, k).unwrap();
        let hp = parameter_base_hash::<Toy256>(counts);
        let secrets: Vec<_> = (1..=n)
            .map(|i| GuardianSecrets::<Toy256>::generate(&mut OsRng, i, counts).unwrap())
            .collect();
        let keys = secrets
            .iter()
            .map(|s| s.public_key(&mut OsRng, &hp))
            .collect();
        Guardians {
            counts,
            hp,
            secrets,
            keys,
        }
    }

    /// Guardian `i`'s public key as posted.
    pub fn key_json(&self, i: u32) -> Value {
        let key = &self.keys[(i - 1) as usize];
        serde_json::to_value(enc::guardian(&format!("guardian-{i}"), key)).unwrap()
    }

    /// A fresh encryption of the share from `from` to `to`.
    pub fn share_json(&self, from: u32, to: u32) -> Value {
        let share = self.secrets[(from - 1) as usize]
            .encrypt_share_for(&mut OsRng, &self.hp, &self.keys[(to - 1) as usize])
            .unwrap();
        serde_json::to_value(working_encode::share(&share)).unwrap()
    }

    /// The election context and H_G of the manifest.
    pub fn context(&self, manifest: &Manifest) -> (ElectionContext<Toy256>, HValue) {
        let (vote, data) = joint_keys(&self.keys).unwrap();
        let context =
            ElectionContext::new(self.counts, &manifest.bytes, vote.clone(), data.clone());
        let hg = guardian_record_hash(&context.base_hash, &vote, &data, &self.keys);
        (context, hg)
    }
}

/// A voting device encrypting springfield ballots.
pub struct Device {
    pub name: String,
    pub info: DeviceInfo,
    pub chain: ChainState,
    pub manifest: Manifest,
    pub context: ElectionContext<Toy256>,
}

impl Device {
    pub fn new(name: &str, manifest: &Manifest, context: &ElectionContext<Toy256>) -> Device {
        let info = DeviceInfo {
            device: name.into(),
            info: format!("test device {name}"),
        };
        let chain = ChainState::new(&context.extended_hash, &info, manifest.chaining);
        Device {
            name: name.into(),
            info,
            chain,
            manifest: manifest.clone(),
            context: context.clone(),
        }
    }

    /// The device's registration.
    pub fn registration(&self) -> Value {
        json!({"voting_device": self.name, "device_info": self.info.info})
    }

    /// Encrypts the next ballot (a vote for option `choice` of contest 1 in style "all").
    pub fn ballot(&mut self, id: &str, choice: usize, challenged: bool) -> Value {
        let mut mayor = vec![0u64; 3];
        mayor[choice % 3] = 1;
        let contests = BTreeMap::from([
            (1, PlaintextContest::new(mayor)),
            (2, PlaintextContest::new(vec![1, 0])),
        ]);
        let plaintext = PlaintextBallot {
            name: id.into(),
            style: "all".into(),
            contests,
        };
        let style = self.manifest.style("all").unwrap();
        let specs = self.manifest.style_contests(style);
        let (ballot, _) = encrypt_ballot(
            &mut OsRng,
            &self.context,
            &specs,
            &plaintext,
            &mut self.chain,
        )
        .unwrap();
        let json = enc::encrypted_ballot(
            &self.manifest,
            &ballot,
            &self.name,
            1_700_000_000,
            challenged,
        );
        serde_json::to_value(json).unwrap()
    }
}
