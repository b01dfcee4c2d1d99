//! `scrutin board restart-decryption` against `scrutin serve`: the restart it signs with the
//! administrator's sealed identity passes the board's authorship check and reaches the
//! election's rules (here refused only because the vote is not closed), while one signed
//! with a guardian's identity is refused as not the administrator's. The whole restarted
//! decryption is tested at the board (`scrutin-board/tests/decryption_restart.rs`), role by
//! role (`tests/roles.rs`) and through `scrutin serve` (`tests/board_restart_flow.rs`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::board::*;
use rand_core::OsRng;
use scrutin_client::signing::{header_value, SignedItem};
use scrutin_record::authorship::{identity_file, Identity, Kind, Place};
use scrutin_record::sealed::KdfCost;
use serde_json::json;
use std::path::Path;

const ELECTION: &str = "restart";

fn identity(seed: u8) -> Identity {
    Identity::from_secret_bytes(&[seed; 32])
}

/// Seals `identity` into `file` with [`PASSPHRASE`] at a cheap KDF cost.
fn seal(file: &Path, identity: &Identity) {
    let cost = KdfCost {
        memory_kib: 64,
        iterations: 1,
        lanes: 1,
    };
    let sealed = identity_file::seal(&mut OsRng, PASSPHRASE.as_bytes(), cost, identity).unwrap();
    std::fs::write(file, sealed).unwrap();
}

/// Creates the election on the board, signed by the administrator (seed 0xad), with
/// guardians of seeds 1, 2 and 3.
fn create(url: &str) {
    let party = |name: &str, seed: u8| json!({"name": name, "public_key": identity(seed).public_key().to_hex()});
    let guardians: Vec<_> = (1..=3u8)
        .map(|i| {
            json!({"index": i, "name": format!("g{i}"), "public_key": identity(i).public_key().to_hex()})
        })
        .collect();
    let origin = format!("board.test/scrutin/{ELECTION}");
    let roster = json!({
        "election_id": ELECTION,
        "origin": origin,
        "group": "toy-256",
        "number_of_guardians": 3,
        "quorum": 2,
        "administrator": party("office", 0xad),
        "guardians": guardians,
    });
    let manifest = springfield_manifest();
    let manifest = std::fs::read_to_string(manifest).unwrap();
    let roster_bytes = scrutin_client::signing::canonical::<
        scrutin_record::authorship::wire::RosterJson,
    >(&serde_json::to_vec(&roster).unwrap())
    .unwrap();
    let items = [
        SignedItem {
            kind: Kind::Roster,
            key: "authorship/roster.json",
            bytes: &roster_bytes,
        },
        SignedItem {
            kind: Kind::Manifest,
            key: "manifest.json",
            bytes: manifest.as_bytes(),
        },
    ];
    let place = Place {
        origin: &origin,
        election: ELECTION,
    };
    let header = header_value(&identity(0xad), place, &items);
    let body = json!({"roster": roster, "manifest": manifest});
    let answer = ureq::post(&format!("{url}/api/elections"))
        .header("Scrutin-Signature", &header)
        .send_json(&body)
        .unwrap();
    assert_eq!(answer.status().as_u16(), 201);
}

#[test]
fn a_restart_is_signed_by_the_administrator_identity() {
    let data = tempfile::tempdir().unwrap();
    let line = format!("{} office\n", identity(0xad).public_key().to_hex());
    std::fs::write(data.path().join("administrators"), line).unwrap();
    let board = Board::start(data.path());
    create(&board.url);
    let parties = Parties {
        dir: tempfile::tempdir().unwrap(),
        board: board.url.clone(),
        election: ELECTION.into(),
        ca_file: None,
    };
    seal(&parties.path("admin.identity"), &identity(0xad));
    seal(&parties.path("g1.identity"), &identity(1));
    let restart = |who: &str| {
        parties.run(&[
            "board",
            "restart-decryption",
            "--election",
            ELECTION,
            "--guardians",
            "1,2",
            "--reason",
            "guardian 3 stalled",
            "--identity",
            &format!("@{who}.identity"),
        ])
    };
    let (code, text) = restart("admin");
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("during the decryption phase only"), "{text}");
    let (code, text) = restart("g1");
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("administrator"), "{text}");
    assert!(!text.contains("decryption phase"), "{text}");
}
