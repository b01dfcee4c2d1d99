//! Crash test: four voting devices post ballots to `scrutin serve` at the same time, the
//! server is killed with SIGKILL in the middle, and restarted on the same data directory.
//! Every ballot the board acknowledged must be on the restarted board at the leaf it was
//! acknowledged as, every checkpoint the board issued before the crash must be the one it
//! serves for that size and be consistent with the new log (RFC 9162 consistency proofs), and
//! the devices can then post the rest (retries of ballots whose answer was lost are
//! recognised) and the election's record verifies. Each device signs its ballots with its
//! enrolled identity, as `scrutin board push` does.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::board::*;
use scrutin_client::posted::{self, Route};
use scrutin_client::signing::{header_value, SIGNATURE_HEADER};
use scrutin_log::{open_note, verify_consistency, Hash, Verifier};
use scrutin_record::authorship::Place;
use serde_json::Value;
use std::sync::{Arc, Mutex};

const ELECTION: &str = "crash";
const DEVICES: usize = 4;
const BALLOTS: usize = 40;

/// One acknowledged ballot.
#[derive(Clone, Debug)]
struct Ack {
    key: String,
    seq: u64,
    leaf_hash: String,
    tree_size: u64,
    checkpoint: String,
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// A ballot as its device posts it: its bytes and the device's `Scrutin-Signature`.
#[derive(Clone)]
struct SignedBallot {
    body: Vec<u8>,
    signature: String,
}

/// Posts a ballot; `None` when the server cannot be reached or did not answer.
fn post_ballot(board: &str, ballot: &SignedBallot) -> Option<(u16, Value)> {
    let url = format!("{board}/api/elections/{ELECTION}/ballots");
    let mut response = agent()
        .post(&url)
        .header("Content-Type", "application/json")
        .header(SIGNATURE_HEADER, &ballot.signature)
        .send(&ballot.body)
        .ok()?;
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().ok()?;
    Some((status, serde_json::from_str(&text).ok()?))
}

fn get_json(url: &str) -> Value {
    let text = agent()
        .get(url)
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn get_text(url: &str) -> String {
    agent()
        .get(url)
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap()
}

/// The ballots of device `d`, in its chain's order, each signed by the device `booth-<d>`
/// for the election's log `origin`.
fn device_ballots(parties: &Parties, d: usize, origin: &str) -> Vec<SignedBallot> {
    let dir = parties.path(&format!("dev{d}/record/encrypted_ballots/booth-{d}"));
    let device = identity(parties.dir.path(), &format!("booth-{d}"));
    let place = Place {
        origin,
        election: ELECTION,
    };
    let chain: Value =
        serde_json::from_slice(&std::fs::read(dir.join("ballot_chain.json")).unwrap()).unwrap();
    chain["ballot_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| {
            let body =
                std::fs::read(dir.join(format!("eballot-{}.json", id.as_str().unwrap()))).unwrap();
            let items = posted::items(Route::Ballots, &body).unwrap();
            let signed: Vec<_> = items.iter().map(posted::PostedItem::signed).collect();
            SignedBallot {
                signature: header_value(&device, place, &signed),
                body,
            }
        })
        .collect()
}

#[test]
fn acknowledged_ballots_survive_a_kill_9() {
    let (server, mut parties) = board_with_election(ELECTION, 3, 2, "toy");
    let data = parties.path("board-data");
    ceremony(&parties, 3);
    let origin = get_json(&format!("{}/api/elections/{ELECTION}", server.url))["origin"]
        .as_str()
        .unwrap()
        .to_string();
    let mut ballots = Vec::new();
    for d in 1..=DEVICES {
        parties.device(d, BALLOTS);
        ballots.push(device_ballots(&parties, d, &origin));
    }
    let acks = post_concurrently_and_kill_the_board(server, &ballots);

    // Restart: every acknowledged ballot is there, every checkpoint issued is the board's.
    let server = Board::start(&data);
    parties.board = server.url.clone();
    let api = format!("{}/api/elections/{ELECTION}", server.url);
    acknowledged_ballots_are_on_the_restarted_board(&api, &acks);
    the_rest_is_posted_and_the_record_verifies(&parties, &server, &api, &ballots);
}

/// The devices post `ballots` concurrently; the server is killed once a quarter is
/// acknowledged. Returns the acknowledgements the devices received.
fn post_concurrently_and_kill_the_board(
    mut server: Board,
    ballots: &[Vec<SignedBallot>],
) -> Vec<Ack> {
    let acks: Arc<Mutex<Vec<Ack>>> = Arc::default();
    let threads: Vec<_> = ballots
        .iter()
        .cloned()
        .map(|bodies| {
            let (acks, board) = (Arc::clone(&acks), server.url.clone());
            std::thread::spawn(move || {
                for ballot in bodies {
                    let Some((status, receipt)) = post_ballot(&board, &ballot) else {
                        return;
                    };
                    assert!(status == 201 || status == 200, "{status}: {receipt}");
                    let entry = &receipt["entries"][0];
                    acks.lock().unwrap().push(Ack {
                        key: entry["key"].as_str().unwrap().into(),
                        seq: entry["seq"].as_u64().unwrap(),
                        leaf_hash: entry["leaf_hash"].as_str().unwrap().into(),
                        tree_size: receipt["tree_size"].as_u64().unwrap(),
                        checkpoint: receipt["checkpoint"].as_str().unwrap().into(),
                    });
                }
            })
        })
        .collect();
    let started = std::time::Instant::now();
    while acks.lock().unwrap().len() < DEVICES * BALLOTS / 4 {
        assert!(
            started.elapsed().as_secs() < 300,
            "the board stopped acknowledging"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    server.child.kill().unwrap(); // SIGKILL
    server.child.wait().unwrap();
    for thread in threads {
        thread.join().unwrap();
    }
    let acks = acks.lock().unwrap().clone();
    eprintln!(
        "killed the board after {} of {} ballots were acknowledged",
        acks.len(),
        DEVICES * BALLOTS
    );
    assert!(
        acks.len() < DEVICES * BALLOTS,
        "the kill came after every ballot: the test did not crash the board mid-way"
    );
    drop(server);
    acks
}

/// Every ballot in `acks` is on the board at `api` at the leaf it was acknowledged as, and
/// every checkpoint the board issued is the one it serves for that size and is consistent
/// with its latest checkpoint (RFC 9162 consistency proofs).
fn acknowledged_ballots_are_on_the_restarted_board(api: &str, acks: &[Ack]) {
    let info = get_json(api);
    let verifier = Verifier::parse(info["vkey"].as_str().unwrap()).unwrap();
    let latest = open_note(
        info["checkpoint"].as_str().unwrap(),
        std::slice::from_ref(&verifier),
    )
    .unwrap()
    .0;
    for ack in acks {
        let proof = get_json(&format!("{api}/proof/inclusion?seq={}", ack.seq));
        assert_eq!(proof["entry"]["key"], ack.key.as_str(), "{ack:?}");
        assert_eq!(
            proof["entry"]["leaf_hash"],
            ack.leaf_hash.as_str(),
            "{ack:?}"
        );
        let issued = open_note(&ack.checkpoint, std::slice::from_ref(&verifier))
            .unwrap()
            .0;
        assert_eq!(issued.size, ack.tree_size);
        let served = get_text(&format!("{api}/checkpoint/{}", ack.tree_size));
        assert_eq!(
            served, ack.checkpoint,
            "the checkpoint of size {} changed",
            ack.tree_size
        );
        let consistency = get_json(&format!(
            "{api}/proof/consistency?from={}&to={}",
            issued.size, latest.size
        ));
        let path: Vec<Hash> = consistency["proof"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| Hash::from_slice(&hex::decode(h.as_str().unwrap()).unwrap()).unwrap())
            .collect();
        verify_consistency(issued.size, &issued.root, latest.size, &latest.root, &path).unwrap();
    }
}

/// The devices post everything again, in order: the ballots on the board are recognised,
/// the others appended; then the election closes and its record verifies.
fn the_rest_is_posted_and_the_record_verifies(
    parties: &Parties,
    server: &Board,
    api: &str,
    ballots: &[Vec<SignedBallot>],
) {
    for bodies in ballots {
        for ballot in bodies {
            let (status, receipt) = post_ballot(&server.url, ballot).unwrap();
            assert!(status == 200 || status == 201, "{status}: {receipt}");
        }
    }
    let info = get_json(api);
    assert_eq!(info["summary"]["cast"], DEVICES * BALLOTS);
    parties.close();
    parties.pull("observer");
    let record = parties.path("observer/record").display().to_string();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutin"))
        .args(["verify", "--allow-test-parameters", &record])
        .output()
        .unwrap();
    // Without a tally the record is incomplete (exit 2); what matters here is that no step
    // up to the encrypted tally fails.
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(!report.contains("FAIL"), "{report}");
}
