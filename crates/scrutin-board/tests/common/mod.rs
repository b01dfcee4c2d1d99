//! What the HTTP tests share: a board served on loopback over a real SQLite file, a small
//! HTTP client that signs what each party posts, and the parties of a toy-group election
//! (the administrator, guardians, voting devices) with their signing identities.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    dead_code
)]

use rand_core::OsRng;
use scrutin_board::election::Item;
use scrutin_board::http::{serve, Limits};
use scrutin_board::intake;
use scrutin_board::items::Kind;
use scrutin_board::server::{open_board, BoardConfig};
use scrutin_board::store::PostgresStore;
use scrutin_board::CreateElection;
use scrutin_client::signing::{header_value, SignedItem};
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
use scrutin_record::authorship::{rule, Author, Identity, Place, Rule};
use scrutin_record::v21::encode as enc;
use scrutin_record::v21::manifest::Manifest;
use scrutin_record::v21::working_encode;
use scrutin_record::v21::working_layout::Round;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The host of the test boards, which starts every log origin.
pub const HOST: &str = "board.test";

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
        list_the_administrator(data_dir);
        let config = BoardConfig {
            data_dir: data_dir.to_path_buf(),
            database: backend.database(),
            host: HOST.into(),
            allow_test_groups: true,
            administrators: None,
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

/// POST `body` to `url`; when `signed`, with the `Scrutin-Signature` header that signs
/// each item the request adds by its author's test identity ([`signature_header`]).
pub fn post(url: &str, body: &[u8], signed: bool) -> Answer {
    let header = if signed {
        signature_header(url, body)
    } else {
        None
    };
    post_with_header(url, body, header.as_deref())
}

/// POST `body` to `url` with `header` as its `Scrutin-Signature` header, if any.
pub fn post_with_header(url: &str, body: &[u8], header: Option<&str>) -> Answer {
    let mut request = agent().post(url).header("Content-Type", "application/json");
    if let Some(header) = header {
        request = request.header("Scrutin-Signature", header);
    }
    let mut response = request.send(body).unwrap();
    Answer {
        status: response.status().as_u16(),
        retry_after: retry_after(&response),
        body: response.body_mut().read_to_vec().unwrap(),
    }
}

/// POST a JSON value, signed by the authors of its items if `signed`.
pub fn post_json(url: &str, value: &Value, signed: bool) -> Answer {
    post(url, &serde_json::to_vec(value).unwrap(), signed)
}

/// POST a JSON value with every item it adds signed by `identity`, whoever its author is.
pub fn post_signed_by(url: &str, value: &Value, identity: &Identity) -> Answer {
    let body = serde_json::to_vec(value).unwrap();
    let (id, items) = items_of(url, &body).expect("a request that adds items");
    let header = header_for(identity, &id, &items);
    post_with_header(url, &body, Some(&header))
}

/// The test identity of the administrator.
pub fn administrator() -> Identity {
    Identity::from_secret_bytes(&[0xad; 32])
}

/// The test identity of guardian `i`.
pub fn guardian_identity(i: u32) -> Identity {
    let mut seed = [0x60; 32];
    seed[..4].copy_from_slice(&i.to_be_bytes());
    Identity::from_secret_bytes(&seed)
}

/// The test identity of the voting device `name`.
pub fn device_identity(name: &str) -> Identity {
    Identity::from_secret_bytes(&scrutin_record::authorship::digest(name.as_bytes()))
}

/// The test identity of `author`.
pub fn identity_of(author: &Author) -> Identity {
    match author {
        Author::Administrator => administrator(),
        Author::Guardian(i) => guardian_identity(*i),
        Author::Device(name) => device_identity(name),
    }
}

/// Writes `<data_dir>/administrators` listing the test administrator, unless it exists.
pub fn list_the_administrator(data_dir: &Path) {
    let file = data_dir.join("administrators");
    if !file.exists() {
        std::fs::create_dir_all(data_dir).unwrap();
        let line = format!(
            "# the test administrator\n{} Springfield election office\n",
            administrator().public_key().to_hex()
        );
        std::fs::write(file, line).unwrap();
    }
}

/// Where election `id`'s items live on the test boards: (origin, election).
pub fn origin(id: &str) -> String {
    format!("{HOST}/scrutin/{id}")
}

fn place<'a>(origin: &'a str, id: &'a str) -> Place<'a> {
    Place {
        origin,
        election: id,
    }
}

fn signed_items(items: &[Item]) -> Vec<SignedItem<'_>> {
    items
        .iter()
        .map(|item| SignedItem {
            kind: item.kind,
            key: &item.key,
            bytes: &item.bytes,
        })
        .collect()
}

/// The `Scrutin-Signature` header of a POST of `body` to `url`: each item it adds signed by
/// its author's test identity; `None` when the request adds no item the board can read.
pub fn signature_header(url: &str, body: &[u8]) -> Option<String> {
    let (id, items) = items_of(url, body)?;
    let origin = origin(&id);
    let mut signatures = Vec::new();
    for item in &items {
        let Some(Rule::SignedBy(author)) = rule(item.kind, &item.key) else {
            return None;
        };
        let one = signed_items(std::slice::from_ref(item));
        signatures.push(header_value(
            &identity_of(&author),
            place(&origin, &id),
            &one,
        ));
    }
    Some(signatures.join(","))
}

/// The `Scrutin-Signature` header that signs `items` of election `id` by `identity`.
pub fn header_for(identity: &Identity, id: &str, items: &[Item]) -> String {
    header_value(identity, place(&origin(id), id), &signed_items(items))
}

/// The election and the items a POST of `body` to `url` adds, read as the board reads them.
pub fn items_of(url: &str, body: &[u8]) -> Option<(String, Vec<Item>)> {
    let rest = url.split_once("/api/elections")?.1;
    if rest.is_empty() {
        let request: CreateElection = serde_json::from_slice(body).ok()?;
        let roster = Item {
            kind: Kind::Roster,
            key: "authorship/roster.json".into(),
            bytes: intake::canonical(&request.roster).ok()?,
            code: None,
        };
        let manifest = Item {
            kind: Kind::Manifest,
            key: "manifest.json".into(),
            bytes: request.manifest.into_bytes(),
            code: None,
        };
        return Some((request.roster.election_id, vec![roster, manifest]));
    }
    let (id, path) = rest.strip_prefix('/')?.split_once('/')?;
    let (path, attempt) = match path.split_once("?attempt=") {
        Some((path, attempt)) => (path, attempt.parse().ok()?),
        None => (path, 1),
    };
    let one = |item: Result<Item, _>| item.ok().map(|item| vec![item]);
    let items = match path {
        "guardians" => one(intake::guardian(body)),
        "shares" => one(intake::share(body)),
        "acceptances" => one(intake::acceptance(body)),
        "devices" => one(intake::device(body)),
        "ballots" => one(intake::ballot(body).map(|(item, _)| item)),
        "decryption/commit" => one(intake::decryption(Round::Commit, attempt, body)),
        "decryption/reveal" => one(intake::decryption(Round::Reveal, attempt, body)),
        "decryption/response" => one(intake::decryption(Round::Respond, attempt, body)),
        "decryption/restart" => one(intake::decryption_restart(id, body)),
        "enrolments/devices" => one(intake::device_enrolment(body)),
        "enrolments/witnesses" => one(intake::witness_enrolment(body)),
        "close" => one(intake::close(id, body)),
        "results" => intake::results(body).ok(),
        _ => None,
    }?;
    Some((id.to_string(), items))
}

/// The repository's example manifest.
pub fn manifest_text() -> String {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/examples/springfield/manifest.json");
    std::fs::read_to_string(file).unwrap()
}

/// The roster of election `id` on the test board: the test administrator and guardians
/// 1..=n with their test identities.
pub fn roster_json(id: &str, group: &str, n: u32, k: u32) -> Value {
    let guardians: Vec<Value> = (1..=n)
        .map(|i| {
            json!({
                "index": i,
                "name": format!("Guardian {i}"),
                "public_key": guardian_identity(i).public_key().to_hex(),
            })
        })
        .collect();
    json!({
        "election_id": id,
        "origin": origin(id),
        "group": group,
        "number_of_guardians": n,
        "quorum": k,
        "administrator": {
            "name": "Springfield election office",
            "public_key": administrator().public_key().to_hex(),
        },
        "guardians": guardians,
    })
}

/// The request that creates the test election: 3 guardians, quorum 2, the toy group.
pub fn create_request(id: &str) -> Value {
    json!({
        "roster": roster_json(id, "toy-256", 3, 2),
        "manifest": manifest_text(),
    })
}

/// The administrator's order to close the vote of election `id`.
pub fn close_order(id: &str) -> Value {
    json!({ "election_id": id })
}

/// The enrolment of the voting device `name` with its test identity.
pub fn device_enrolment(name: &str) -> Value {
    json!({
        "voting_device": name,
        "public_key": device_identity(name).public_key().to_hex(),
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

/// The administrator's signatures of a creation request (roster, then manifest), for
/// tests that call `Board::create` directly.
pub fn creation_signatures(request: &Value) -> Vec<scrutin_record::authorship::Signature> {
    let body = serde_json::to_vec(request).unwrap();
    let header = signature_header("/api/elections", &body).unwrap();
    scrutin_client::signing::parse_header(&header).unwrap()
}
