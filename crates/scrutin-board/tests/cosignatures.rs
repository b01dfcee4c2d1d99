//! The board collects witnesses' cosignatures over real HTTP: a valid cosignature is stored
//! and served appended to the checkpoint (and survives a restart); a bad signature, a
//! cosignature of a checkpoint the board never issued, a checkpoint signed by someone else,
//! a key that is not a cosignature key and a witness name that changes its key are refused
//! with named errors, and so is a witness the administrator did not enrol (or enrolled with
//! another key). On SQLite, and on PostgreSQL when `SCRUTIN_TEST_POSTGRES_URL` is set.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[macro_use]
mod common;

use common::*;
use scrutin_log::{cosign_checkpoint, open_note, sign_checkpoint, Checkpoint, Signer, Verifier};
use serde_json::{json, Value};

const ID: &str = "cosigned";

fn base64_decode(text: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap()
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn board_key(server: &Server) -> Verifier {
    let info = get(&server.url(&format!("/api/elections/{ID}"))).json();
    Verifier::parse(info["vkey"].as_str().unwrap()).unwrap()
}

fn witness(name: &str, seed: u8) -> Signer {
    Signer::from_seed(name, &[seed; 32]).unwrap()
}

/// The administrator's enrolment of `witness`.
fn enrolment(witness: &Signer) -> Value {
    let vkey = witness.cosignature_verifier();
    json!({"name": vkey.name(), "vkey": vkey.vkey()})
}

/// The request of `witness` cosigning `note` (a board-signed checkpoint) at time 1 700 000 000.
fn cosignature(witness: &Signer, note: &str, board: &Verifier) -> Value {
    let (checkpoint, _) = open_note(note, std::slice::from_ref(board)).unwrap();
    let line = cosign_checkpoint(&checkpoint, witness, 1_700_000_000).unwrap();
    json!({
        "vkey": witness.cosignature_verifier().vkey(),
        "checkpoint": note,
        "cosignature": line,
    })
}

fn post_cosignature(server: &Server, body: &Value) -> Answer {
    post_json(
        &server.url(&format!("/api/elections/{ID}/cosignatures")),
        body,
        false,
    )
}

fn refused(answer: &Answer, status: u16, code: &str, words: &str) {
    assert_eq!(answer.status, status, "{}", answer.text());
    let body = answer.json();
    assert_eq!(body["error"], code, "{}", answer.text());
    let message = body["message"].as_str().unwrap();
    assert!(message.contains(words), "{message}");
}

on_both_stores!(
    cosignatures_on_sqlite,
    cosignatures_on_postgres,
    cosignatures_are_collected_checked_and_served
);

/// The board under test with its election's checkpoint after both witnesses' enrolments,
/// and the two witnesses that cosign it.
struct Witnessed {
    server: Server,
    dir: tempfile::TempDir,
    note: String,
    board: Verifier,
    w1: Signer,
    w2: Signer,
}

impl Witnessed {
    /// The verifiers of the board's signature and of both witnesses' cosignatures.
    fn verifiers(&self) -> [Verifier; 3] {
        [
            self.board.clone(),
            self.w1.cosignature_verifier(),
            self.w2.cosignature_verifier(),
        ]
    }

    /// The checkpoint the witnesses cosign (after their enrolments), opened with the
    /// board's key.
    fn checkpoint(&self) -> Checkpoint {
        open_note(&self.note, std::slice::from_ref(&self.board))
            .unwrap()
            .0
    }

    /// `witness`'s cosignature request of the election's first checkpoint.
    fn cosignature(&self, witness: &Signer) -> Value {
        cosignature(witness, &self.note, &self.board)
    }
}

fn cosignatures_are_collected_checked_and_served(backend: &Backend) {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_on(dir.path(), backend);
    let created = post_json(&server.url("/api/elections"), &create_request(ID), true);
    assert_eq!(created.status, 201, "{}", created.text());
    let (w1, w2) = (
        witness("witness.example-w1", 1),
        witness("witness.example-w2", 2),
    );
    let mut note = String::new();
    for w in [&w1, &w2] {
        let enrolled = post_json(
            &server.url(&format!("/api/elections/{ID}/enrolments/witnesses")),
            &enrolment(w),
            true,
        );
        assert_eq!(enrolled.status, 201, "{}", enrolled.text());
        note = enrolled.json()["checkpoint"].as_str().unwrap().to_string();
    }
    let board = board_key(&server);
    let witnessed = Witnessed {
        server,
        dir,
        note,
        board,
        w1,
        w2,
    };
    let first = two_witnesses_cosign(&witnessed);
    both_cosignatures_are_served(&witnessed);
    bad_cosignatures_refused(&witnessed);
    checkpoints_never_issued_refused(&witnessed);
    bad_witness_keys_refused(&witnessed, &first);
    let witnessed = cosignatures_survive_a_restart(witnessed, backend);
    a_new_checkpoint_starts_uncosigned(witnessed);
}

/// Two enrolled witnesses cosign the checkpoint; a retry keeps the first. Returns the
/// first witness's request.
fn two_witnesses_cosign(witnessed: &Witnessed) -> Value {
    let server = &witnessed.server;
    let first = witnessed.cosignature(&witnessed.w1);
    let answer = post_cosignature(server, &first);
    assert_eq!(answer.status, 201, "{}", answer.text());
    assert_eq!(answer.json()["created"], true);
    assert_eq!(answer.json()["cosignatures"], 1);
    let retry = post_cosignature(server, &first);
    assert_eq!(retry.status, 200, "{}", retry.text());
    assert_eq!(retry.json()["created"], false);
    let answer = post_cosignature(server, &witnessed.cosignature(&witnessed.w2));
    assert_eq!(answer.status, 201, "{}", answer.text());
    assert_eq!(answer.json()["cosignatures"], 2);
    first
}

/// The checkpoint is served with both cosignatures, each verifying with its key.
fn both_cosignatures_are_served(witnessed: &Witnessed) {
    let (server, note) = (&witnessed.server, &witnessed.note);
    let verifiers = witnessed.verifiers();
    let size = witnessed.checkpoint().size;
    for path in ["checkpoint".to_string(), format!("checkpoint/{size}")] {
        let served = get(&server.url(&format!("/api/elections/{ID}/{path}"))).text();
        assert!(served.starts_with(note.as_str()), "{served}");
        let (checkpoint, signatures) = open_note(&served, &verifiers).unwrap();
        assert_eq!(checkpoint.size, size);
        assert_eq!(signatures.len(), 3, "{served}");
    }
    let info = get(&server.url(&format!("/api/elections/{ID}"))).json();
    assert_eq!(info["cosignatures"], 2);
    let page = get(&server.url(&format!("/elections/{ID}"))).text();
    assert!(
        page.contains("2 witnesses cosigned this checkpoint"),
        "{page}"
    );
}

/// A cosignature whose signature bytes are altered, and a cosignature of another checkpoint
/// than the one posted.
fn bad_cosignatures_refused(witnessed: &Witnessed) {
    let (server, w1) = (&witnessed.server, &witnessed.w1);
    let mut bad = witnessed.cosignature(w1);
    let line = bad["cosignature"].as_str().unwrap().to_string();
    let (head, sig) = line.trim_end().rsplit_once(' ').unwrap();
    let mut raw = base64_decode(sig);
    let last = raw.len() - 1;
    raw[last] ^= 1;
    bad["cosignature"] = json!(format!("{head} {}\n", base64_encode(&raw)));
    refused(
        &post_cosignature(server, &bad),
        422,
        "bad_cosignature",
        "does not verify",
    );
    let mut other = witnessed.cosignature(w1);
    let cp = witnessed.checkpoint();
    let elsewhere = Checkpoint::new(cp.origin.clone(), cp.size + 1, cp.root);
    other["cosignature"] = json!(cosign_checkpoint(&elsewhere, w1, 5).unwrap());
    refused(
        &post_cosignature(server, &other),
        422,
        "bad_cosignature",
        "w1",
    );
}

/// Checkpoints the board never issued, though signed with its key: another root at its size,
/// and a size it never reached; and a checkpoint signed by someone else under the board's
/// name.
fn checkpoints_never_issued_refused(witnessed: &Witnessed) {
    let (server, board, w1) = (&witnessed.server, &witnessed.board, &witnessed.w1);
    let cp = witnessed.checkpoint();
    let seed = scrutin_board::key_file::load_or_create(witnessed.dir.path()).unwrap();
    let signer = Signer::from_seed(&cp.origin, &seed).unwrap();
    let forged_root = Checkpoint::new(cp.origin.clone(), cp.size, scrutin_log::leaf_hash(b"fork"));
    let forged = sign_checkpoint(&forged_root, &signer).unwrap();
    refused(
        &post_cosignature(server, &cosignature(w1, &forged, board)),
        422,
        "unknown_checkpoint",
        &format!(
            "never issued this checkpoint: its checkpoint of size {} has root",
            cp.size
        ),
    );
    let future =
        sign_checkpoint(&Checkpoint::new(cp.origin.clone(), 99, cp.root), &signer).unwrap();
    refused(
        &post_cosignature(server, &cosignature(w1, &future, board)),
        422,
        "unknown_checkpoint",
        "signed no checkpoint of size 99",
    );
    let stranger = Signer::from_seed(&cp.origin, &[42; 32]).unwrap();
    let theirs = sign_checkpoint(&cp, &stranger).unwrap();
    let mut foreign = witnessed.cosignature(w1);
    foreign["checkpoint"] = json!(theirs);
    refused(
        &post_cosignature(server, &foreign),
        422,
        "unknown_checkpoint",
        "not one the board signed",
    );
}

/// A witness name that comes back with another key than its enrolment's, a witness that
/// is not enrolled, a key that is not a cosignature key, a request that is not one, and an
/// election that does not exist.
fn bad_witness_keys_refused(witnessed: &Witnessed, first: &Value) {
    let server = &witnessed.server;
    let impostor = witness("witness.example-w1", 3);
    refused(
        &post_cosignature(server, &witnessed.cosignature(&impostor)),
        403,
        "witness_not_enrolled",
        "witness \"witness.example-w1\" with key",
    );
    let stranger = witness("witness.example-w5", 5);
    refused(
        &post_cosignature(server, &witnessed.cosignature(&stranger)),
        403,
        "witness_not_enrolled",
        "is not enrolled in this election",
    );
    let mut plain = witnessed.cosignature(&witness("witness.example-w4", 4));
    plain["vkey"] = json!(witness("witness.example-w4", 4).verifier().vkey());
    refused(
        &post_cosignature(server, &plain),
        400,
        "bad_input",
        "not a cosignature/v1 key",
    );
    let mut garbage = witnessed.cosignature(&witnessed.w1);
    garbage["vkey"] = json!("not a key");
    refused(
        &post_cosignature(server, &garbage),
        400,
        "bad_input",
        "is not a vkey",
    );
    let unknown_field = post(
        &server.url(&format!("/api/elections/{ID}/cosignatures")),
        br#"{"vkey": "x", "checkpoint": "y", "cosignature": "z", "extra": 1}"#,
        false,
    );
    refused(&unknown_field, 400, "bad_input", "extra");
    let no_election = post_json(
        &server.url("/api/elections/nope/cosignatures"),
        first,
        false,
    );
    assert_eq!(no_election.status, 404, "{}", no_election.text());
}

/// Nothing refused was stored; after a restart the cosignatures are still served.
fn cosignatures_survive_a_restart(witnessed: Witnessed, backend: &Backend) -> Witnessed {
    let Witnessed {
        server,
        dir,
        note,
        board,
        w1,
        w2,
    } = witnessed;
    server.stop();
    let witnessed = Witnessed {
        server: Server::start_on(dir.path(), backend),
        dir,
        note,
        board,
        w1,
        w2,
    };
    let served = get(&witnessed
        .server
        .url(&format!("/api/elections/{ID}/checkpoint")))
    .text();
    let (_, signatures) = open_note(&served, &witnessed.verifiers()).unwrap();
    assert_eq!(signatures.len(), 3, "{served}");
    assert_eq!(served.matches('—').count(), 3, "{served}");
    witnessed
}

/// A new checkpoint starts with no cosignature; the old one keeps its own.
fn a_new_checkpoint_starts_uncosigned(witnessed: Witnessed) {
    let server = &witnessed.server;
    let guardians = Guardians::new(3, 2);
    let appended = post_json(
        &server.url(&format!("/api/elections/{ID}/guardians")),
        &guardians.key_json(1),
        true,
    );
    assert_eq!(appended.status, 201, "{}", appended.text());
    let info = get(&server.url(&format!("/api/elections/{ID}"))).json();
    assert_eq!(info["cosignatures"], 0);
    let latest = get(&server.url(&format!("/api/elections/{ID}/checkpoint"))).text();
    assert_eq!(latest.matches('—').count(), 1, "{latest}");
    let size = witnessed.checkpoint().size;
    let old = get(&server.url(&format!("/api/elections/{ID}/checkpoint/{size}"))).text();
    assert_eq!(old.matches('—').count(), 3, "{old}");
    witnessed.server.stop();
}
