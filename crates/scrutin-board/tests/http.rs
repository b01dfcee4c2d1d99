//! The board over real HTTP on loopback, with a real SQLite file: idempotent retries,
//! conflicts, refused forgeries naming their step, bad input answered with 4xx, inclusion and
//! consistency proofs checked with scrutin-log's verifiers, and a restart that keeps
//! everything. Each test runs on SQLite (a real file), and on PostgreSQL when
//! `SCRUTIN_TEST_POSTGRES_URL` is set (`scripts/with-postgres.sh cargo test -p scrutin-board`);
//! without it the PostgreSQL variants print a note and pass.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[macro_use]
mod common;

use common::*;
use scrutin_log::{open_note, verify_consistency, verify_inclusion, Hash, Verifier};
use scrutin_record::v21::manifest::Manifest;
use serde_json::{json, Value};

/// The election context of the toy group the test elections use.
type Context = scrutin_core::election::ElectionContext<scrutin_core::group::Toy256>;

fn hash(text: &str) -> Hash {
    Hash::from_slice(&hex::decode(text).unwrap()).unwrap()
}

fn hashes(value: &Value) -> Vec<Hash> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|h| hash(h.as_str().unwrap()))
        .collect()
}

/// Opens a signed checkpoint with the board's key of the election.
fn open(server: &Server, id: &str, note: &str) -> scrutin_log::Checkpoint {
    let info = get(&server.url(&format!("/api/elections/{id}"))).json();
    let verifier = Verifier::parse(info["vkey"].as_str().unwrap()).unwrap();
    open_note(note, &[verifier]).unwrap().0
}

/// Checks an inclusion proof answer against its signed checkpoint, recomputing the leaf
/// from the item's bytes fetched from the board.
fn check_inclusion(server: &Server, id: &str, proof: &Value) {
    let entry = &proof["entry"];
    let key = entry["key"].as_str().unwrap();
    let kind = entry["kind"].as_str().unwrap();
    let bytes = get(&server.url(&format!("/api/elections/{id}/items/{key}"))).body;
    let leaf = scrutin_board::leaf::item_leaf_hash(kind, key, &bytes);
    assert_eq!(leaf.to_hex(), entry["leaf_hash"].as_str().unwrap());
    let checkpoint = open(server, id, proof["checkpoint"].as_str().unwrap());
    assert_eq!(checkpoint.size, proof["tree_size"].as_u64().unwrap());
    verify_inclusion(
        &leaf,
        entry["seq"].as_u64().unwrap(),
        checkpoint.size,
        &hashes(&proof["proof"]),
        &checkpoint.root,
    )
    .unwrap();
}

/// Announces a body over the limit and sends none of it: the board answers 413 at once.
fn announce_oversized(server: &Server, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(server.address).unwrap();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: board.test\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        BODY_LIMIT + 1
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
}

on_both_stores!(
    an_election_on_the_board_over_http_on_sqlite,
    an_election_on_the_board_over_http_on_postgres,
    an_election_on_the_board_over_http
);

/// The election under test: its board (served from `dir` on `backend`) and its API path.
struct Election<'a> {
    server: Server,
    dir: tempfile::TempDir,
    backend: &'a Backend,
    id: &'static str,
    base: String,
}

impl Election<'_> {
    /// The URL of `path` under the election's API path.
    fn url(&self, path: &str) -> String {
        self.server.url(&format!("{}{path}", self.base))
    }

    /// Stops the board and serves the same data directory and store again.
    fn restart(self) -> Self {
        let Election {
            server,
            dir,
            backend,
            id,
            base,
        } = self;
        server.stop();
        let server = Server::start_on(dir.path(), backend);
        Election {
            server,
            dir,
            backend,
            id,
            base,
        }
    }
}

fn an_election_on_the_board_over_http(backend: &Backend) {
    let dir = tempfile::tempdir().unwrap();
    let id = "springfield";
    let election = Election {
        server: Server::start_on(dir.path(), backend),
        dir,
        backend,
        id,
        base: format!("/api/elections/{id}"),
    };
    let genesis_size = create_and_conflict(&election);
    unreachable_positions_are_bad_input(&election);
    let guardians = Guardians::new(3, 2);
    ceremony_with_a_forged_key_refused(&election, &guardians);
    let (manifest, context) = acceptances_start_the_voting(&election, &guardians);
    let (mut device, codes) = voting_with_a_forged_ballot_refused(&election, &manifest, &context);
    bad_http_input_answered_with_4xx(&election);
    proofs_check_against_signed_checkpoints(&election, &codes, genesis_size);
    closing_needs_the_administrator(&election, &mut device);
    record_and_pages_show_the_election(&election, &codes);
    a_restart_keeps_everything(election, &guardians, &codes);
}

/// Creating: a retry returns the original, another election under the id is a conflict,
/// and creating needs the administrator's signature. Returns the size of the new
/// election's log: constants, manifest, configuration, roster and the administrator's two
/// signatures.
fn create_and_conflict(election: &Election) -> u64 {
    let (server, id) = (&election.server, election.id);
    let again = post_json(&server.url("/api/elections"), &create_request(id), true);
    assert_eq!(again.status, 201, "{}", again.text());
    let genesis_size = again.json()["tree_size"].as_u64().unwrap();
    assert_eq!(genesis_size, 6);
    let retry = post_json(&server.url("/api/elections"), &create_request(id), true);
    assert_eq!(retry.status, 200, "{}", retry.text());
    assert_eq!(retry.json()["created"], false);
    let mut other = create_request(id);
    other["roster"]["quorum"] = json!(3);
    let conflict = post_json(&server.url("/api/elections"), &other, true);
    assert_eq!(conflict.status, 409, "{}", conflict.text());
    assert_eq!(conflict.json()["error"], "conflict");
    let unauthorized = post_json(&server.url("/api/elections"), &create_request("x"), false);
    assert_eq!(unauthorized.status, 401);
    genesis_size
}

/// Positions no log can reach (2^63 and more) are the client's mistake: 400, not 500.
fn unreachable_positions_are_bad_input(election: &Election) {
    for path in [
        "/entries/9223372036854775808",
        "/entries?from=9223372036854775808",
        "/checkpoint/18446744073709551615",
        "/proof/inclusion?seq=9223372036854775808",
        "/proof/consistency?from=1&to=9223372036854775808",
    ] {
        let answer = get(&election.url(path));
        assert_eq!(
            answer.status,
            400,
            "{}{path}: {}",
            election.base,
            answer.text()
        );
    }
    assert_eq!(
        get(&election.url("/entries/9223372036854775807")).status,
        404
    );
}

/// The ceremony's keys and shares, with a forged guardian key refused naming Verification 2,
/// retries recognised, and a second encryption of a share on the board a conflict.
fn ceremony_with_a_forged_key_refused(election: &Election, guardians: &Guardians) {
    let mut forged = guardians.key_json(1);
    let response = forged["vote_proof"]["responses"][0]
        .as_str()
        .unwrap()
        .to_string();
    let flipped = if response.starts_with('0') { "1" } else { "0" };
    forged["vote_proof"]["responses"][0] = json!(format!("{flipped}{}", &response[1..]));
    let refused = post_json(&election.url("/guardians"), &forged, true);
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(
        refused.json()["step"].as_str().unwrap().starts_with("V2."),
        "{}",
        refused.text()
    );
    for i in 1..=3 {
        let answer = post_json(&election.url("/guardians"), &guardians.key_json(i), true);
        assert_eq!(answer.status, 201, "{}", answer.text());
    }
    let first = post_json(&election.url("/guardians"), &guardians.key_json(1), true);
    assert_eq!(first.status, 200, "a retried key is the original entry");
    assert_eq!(first.json()["entries"][0]["seq"], 6);
    for from in 1..=3 {
        for to in (1..=3).filter(|t| *t != from) {
            let share = guardians.share_json(from, to);
            let answer = post_json(&election.url("/shares"), &share, true);
            assert_eq!(answer.status, 201, "{}", answer.text());
            let retried = post_json(&election.url("/shares"), &share, true);
            assert_eq!(retried.status, 200);
        }
    }
    // A second, different encryption of a share already on the board.
    let other_share = post_json(&election.url("/shares"), &guardians.share_json(1, 2), true);
    assert_eq!(other_share.status, 409, "{}", other_share.text());
    assert_eq!(other_share.json()["error"], "conflict");
}

/// The guardians accept the guardian record (a wrong record hash is refused); the last
/// acceptance initializes the election and opens the voting. Returns the manifest and the
/// election's context.
fn acceptances_start_the_voting(election: &Election, guardians: &Guardians) -> (Manifest, Context) {
    let manifest = Manifest::from_bytes(
        std::path::Path::new("manifest.json"),
        manifest_text().into_bytes(),
    )
    .unwrap();
    let (context, hg) = guardians.context(&manifest);
    let wrong = json!({"guardian": 1, "guardian_record_hash": "00".repeat(32)});
    let refused = post_json(&election.url("/acceptances"), &wrong, true);
    assert_eq!(refused.status, 422, "{}", refused.text());
    let mut last = None;
    for i in 1..=3 {
        let acceptance = json!({"guardian": i, "guardian_record_hash": hg.to_hex()});
        let answer = post_json(&election.url("/acceptances"), &acceptance, true);
        assert_eq!(answer.status, 201, "{}", answer.text());
        last = Some(answer.json());
    }
    let last = last.unwrap();
    assert_eq!(last["entries"][1]["kind"], "signature");
    assert_eq!(last["entries"][2]["kind"], "election_initialized");
    let info = get(&election.url("")).json();
    assert_eq!(info["summary"]["phase"], "voting");
    assert_eq!(
        info["summary"]["extended_base_hash"],
        json!(context.extended_hash.to_hex())
    );
    (manifest, context)
}

/// Voting: the administrator enrols the device; a ballot before the device is registered is
/// in the wrong phase; then a registered device's ballots, a retry, a forged ballot refused
/// naming its step, and a ballot out of its chain. Returns the device and the confirmation
/// codes of its ballots.
fn voting_with_a_forged_ballot_refused(
    election: &Election,
    manifest: &Manifest,
    context: &Context,
) -> (Device, Vec<String>) {
    let enrolled = post_json(
        &election.url("/enrolments/devices"),
        &device_enrolment("booth-1"),
        true,
    );
    assert_eq!(enrolled.status, 201, "{}", enrolled.text());
    let mut device = Device::new("booth-1", manifest, context);
    let unregistered = device.ballot("b-0", 0, false);
    let answer = post_json(&election.url("/ballots"), &unregistered, true);
    assert_eq!(answer.status, 409, "{}", answer.text());
    assert_eq!(answer.json()["error"], "wrong_phase");
    let mut device = Device::new("booth-1", manifest, context);
    let answer = post_json(&election.url("/devices"), &device.registration(), true);
    assert_eq!(answer.status, 201, "{}", answer.text());
    let mut codes = Vec::new();
    for (i, challenged) in [false, false, true, false].into_iter().enumerate() {
        let ballot = device.ballot(&format!("b-{i}"), i, challenged);
        let answer = post_json(&election.url("/ballots"), &ballot, true);
        assert_eq!(answer.status, 201, "{}", answer.text());
        codes.push(ballot["confirmation_code"].as_str().unwrap().to_string());
        if i == 1 {
            // A retry with other formatting is the same item.
            let pretty = serde_json::to_vec_pretty(&ballot).unwrap();
            let retried = post(&election.url("/ballots"), &pretty, true);
            assert_eq!(retried.status, 200, "{}", retried.text());
            assert_eq!(
                retried.json()["entries"][0]["seq"],
                answer.json()["entries"][0]["seq"]
            );
        }
    }
    let mut forged = device.ballot("b-forged", 1, false);
    let proof = &mut forged["contests"][0]["selections"][0]["proof"]["proofs"][0]["response"];
    let text = proof.as_str().unwrap().to_string();
    let flipped = if text.starts_with('0') { "1" } else { "0" };
    *proof = json!(format!("{flipped}{}", &text[1..]));
    let refused = post_json(&election.url("/ballots"), &forged, true);
    assert_eq!(refused.status, 422, "{}", refused.text());
    let step = refused.json()["step"].as_str().unwrap().to_string();
    assert!(step.starts_with("V6."), "{}", refused.text());
    assert!(refused.json()["message"].as_str().unwrap().contains(&step));
    // The forged ballot took the device's next chaining field, so the next honest ballot
    // (encrypted after it) does not continue the chain on the board: 8.E.
    let out_of_chain = device.ballot("b-late", 1, false);
    let refused = post_json(&election.url("/ballots"), &out_of_chain, true);
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert_eq!(refused.json()["step"], "V8.E");
    the_client_reads_the_step_of_a_refusal(election, &out_of_chain);
    (device, codes)
}

/// The board's client reads a refusal with its step apart from the message.
fn the_client_reads_the_step_of_a_refusal(election: &Election, ballot: &serde_json::Value) {
    let answer = post_json(&election.url("/ballots"), ballot, true);
    let refusal = scrutin_client::Refusal::from_answer(answer.status, &answer.body);
    assert_eq!(refusal.status, 422);
    assert_eq!(refusal.code.as_deref(), Some("rejected"));
    assert_eq!(refusal.step.as_deref(), Some("V8.E"));
}

/// Bad HTTP input: 4xx with a JSON error, never a crash.
fn bad_http_input_answered_with_4xx(election: &Election) {
    let server = &election.server;
    let malformed = post(&election.url("/ballots"), b"{\"ballot_id\": ", true);
    assert_eq!(malformed.status, 400);
    assert_eq!(malformed.json()["error"], "bad_input");
    let not_json = post(&election.url("/guardians"), &[0xff, 0xfe, 0], true);
    assert_eq!(not_json.status, 400);
    let oversized = announce_oversized(server, &format!("{}/ballots", election.base));
    assert!(oversized.starts_with("HTTP/1.1 413"), "{oversized}");
    let no_collection = post(&election.url("/nothing"), b"{}", true);
    assert_eq!(no_collection.status, 404);
    let unknown = get(&server.url("/api/nothing"));
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.json()["error"], "not_found");
    let bad_query = get(&election.url("/proof/consistency?from=x"));
    assert_eq!(bad_query.status, 400);
    let no_election = get(&server.url("/api/elections/nope/checkpoint"));
    assert_eq!(no_election.status, 404);
}

/// Inclusion proofs by code and by index, and a consistency proof from the log's first
/// checkpoint (of `genesis_size` entries), all checked against the board's signed checkpoints.
fn proofs_check_against_signed_checkpoints(
    election: &Election,
    codes: &[String],
    genesis_size: u64,
) {
    let (server, id) = (&election.server, election.id);
    for code in codes {
        let proof = get(&election.url(&format!("/ballots/{code}")));
        assert_eq!(proof.status, 200, "{}", proof.text());
        check_inclusion(server, id, &proof.json());
    }
    let proof = get(&election.url("/proof/inclusion?seq=1&size=8"));
    assert_eq!(proof.status, 200, "{}", proof.text());
    check_inclusion(server, id, &proof.json());
    let before_close = get(&election.url("")).json();
    let latest_size = before_close["tree_size"].as_u64().unwrap();
    let consistency = get(&election.url(&format!(
        "/proof/consistency?from={genesis_size}&to={latest_size}"
    )))
    .json();
    let old = open(server, id, consistency["from_checkpoint"].as_str().unwrap());
    let new = open(server, id, consistency["to_checkpoint"].as_str().unwrap());
    verify_consistency(
        old.size,
        &old.root,
        new.size,
        &new.root,
        &hashes(&consistency["proof"]),
    )
    .unwrap();
}

/// Closing needs the administrator's signed order; a retry returns the original entries,
/// and a ballot after the close is in the wrong phase.
fn closing_needs_the_administrator(election: &Election, device: &mut Device) {
    let order = close_order(election.id);
    let anonymous = post_json(&election.url("/close"), &order, false);
    assert_eq!(anonymous.status, 401);
    let closed = post_json(&election.url("/close"), &order, true);
    assert_eq!(closed.status, 201, "{}", closed.text());
    let closed = closed.json();
    let kinds: Vec<&str> = closed["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["close", "signature", "ballot_chain", "encrypted_tally"]
    );
    let reclosed = post_json(&election.url("/close"), &order, true);
    assert_eq!(reclosed.status, 200, "{}", reclosed.text());
    assert_eq!(reclosed.json()["entries"], closed["entries"]);
    let late = device.ballot("b-after", 0, false);
    let refused = post_json(&election.url("/ballots"), &late, true);
    assert_eq!(refused.status, 409);
}

/// The record downloads as a tar and as a listing; the pages show the election and find its
/// ballots by confirmation code.
fn record_and_pages_show_the_election(election: &Election, codes: &[String]) {
    let (server, id) = (&election.server, election.id);
    let tar = get(&election.url("/record.tar"));
    assert_eq!(tar.status, 200);
    let mut archive = tar::Archive::new(tar.body.as_slice());
    let paths: Vec<String> = archive
        .entries()
        .unwrap()
        .map(|e| e.unwrap().path().unwrap().display().to_string())
        .collect();
    assert!(paths.contains(&format!("{id}/election_initialized.json")));
    assert!(paths.contains(&format!("{id}/encrypted_ballots/booth-1/ballot_chain.json")));
    assert!(paths.contains(&format!("{id}/encrypted_tally.json")));
    let listing = get(&election.url("/record")).json();
    assert_eq!(listing["files"].as_array().unwrap().len(), paths.len());
    let index = get(&server.url("/")).text();
    assert!(index.contains("Springfield general election"));
    let board_page = get(&server.url(&format!("/elections/{id}"))).text();
    assert!(board_page.contains(&codes[0]));
    for (role, key) in [
        ("Administrator", administrator().public_key()),
        ("Guardian 2", guardian_identity(2).public_key()),
        ("Voting device", device_identity("booth-1").public_key()),
    ] {
        let row = format!("<td>{role}</td>");
        assert!(board_page.contains(&row), "{role}: {board_page}");
        assert!(board_page.contains(&key.fingerprint()), "{role}");
    }
    let find = get(&server.url(&format!("/elections/{id}/ballot?code={}", codes[2]))).text();
    assert!(find.contains("inclusion proof verifies"), "{find}");
    let missing =
        get(&server.url(&format!("/elections/{id}/ballot?code={}", "AB".repeat(32)))).text();
    assert!(missing.contains("No ballot on this board"));
}

/// A restart keeps everything: the same log, root and checkpoint, and retries are still
/// recognised.
fn a_restart_keeps_everything(election: Election, guardians: &Guardians, codes: &[String]) {
    let before = get(&election.url("")).json();
    let election = election.restart();
    let after = get(&election.url("")).json();
    assert_eq!(before["tree_size"], after["tree_size"]);
    assert_eq!(before["root"], after["root"]);
    assert_eq!(before["checkpoint"], after["checkpoint"]);
    assert_eq!(before["summary"], after["summary"]);
    let proof = get(&election.url(&format!("/ballots/{}", codes[3])));
    check_inclusion(&election.server, election.id, &proof.json());
    let retry = post_json(&election.url("/guardians"), &guardians.key_json(2), true);
    assert_eq!(retry.status, 200);
    let reclosed = post_json(&election.url("/close"), &close_order(election.id), true);
    assert_eq!(reclosed.status, 200);
}

on_both_stores!(
    hostile_text_is_escaped_on_the_pages_on_sqlite,
    hostile_text_is_escaped_on_the_pages_on_postgres,
    hostile_text_is_escaped_on_the_pages
);

fn hostile_text_is_escaped_on_the_pages(backend: &Backend) {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_on(dir.path(), backend);
    let mut request = create_request("xss");
    let manifest = manifest_text().replace(
        "Springfield general election",
        "<script>alert(1)</script> & \\\"quoted\\\"",
    );
    request["manifest"] = json!(manifest);
    let created = post_json(&server.url("/api/elections"), &request, true);
    assert_eq!(created.status, 201, "{}", created.text());
    for path in [
        "/",
        "/elections/xss",
        "/elections/xss/ballot?code=%3Cb%3E",
        "/elections/xss/results",
    ] {
        let page = get(&server.url(path));
        assert_eq!(page.status, 200, "{path}");
        let text = page.text();
        assert!(!text.contains("<script>alert"), "{path}: {text}");
        assert!(!text.contains("<b>"), "{path}");
    }
    assert!(get(&server.url("/"))
        .text()
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"));
}

on_both_stores!(
    a_test_election_is_marked_on_each_of_its_pages_on_sqlite,
    a_test_election_is_marked_on_each_of_its_pages_on_postgres,
    a_test_election_is_marked_on_each_of_its_pages
);

fn a_test_election_is_marked_on_each_of_its_pages(backend: &Backend) {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_on(dir.path(), backend);
    let mut real = create_request("real");
    real["roster"]["group"] = json!("standard-4096");
    for request in [create_request("toy"), real] {
        let created = post_json(&server.url("/api/elections"), &request, true);
        assert_eq!(created.status, 201, "{}", created.text());
    }
    let warning =
        "<strong>Test election.</strong> It uses the insecure toy group <code>toy-256</code>";
    for page in ["", "/ballot", "/results"] {
        let toy = get(&server.url(&format!("/elections/toy{page}"))).text();
        assert!(toy.contains(warning), "/elections/toy{page}: {toy}");
        let real = get(&server.url(&format!("/elections/real{page}"))).text();
        assert!(
            !real.contains("Test election"),
            "/elections/real{page}: {real}"
        );
    }
    let index = get(&server.url("/")).text();
    assert_eq!(
        index.matches("(test election, insecure toy group)").count(),
        1,
        "{index}"
    );
}
