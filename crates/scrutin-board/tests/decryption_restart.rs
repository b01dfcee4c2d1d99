//! The administrator restarts a stalled decryption: U = {1, 2, 3} of an election with
//! n = 3, k = 2 commits, guardian 3 stalls before revealing, and the administrator restarts
//! the decryption as attempt 2 with {1, 2}. A restart unsigned or signed by a guardian is
//! refused, as are messages of attempt 1 after the restart and messages of attempt 2 for
//! another U, also after the board restarts and replays its log; attempt 2's three rounds
//! complete, after which no restart is accepted. The messages here carry values of the
//! right groups, which is all the board checks of them at intake (their proofs are checked
//! where they are combined).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[macro_use]
mod common;

use common::*;
use scrutin_record::authorship::wire::{RosterJson, SignatureJson};
use scrutin_record::authorship::{paths, rule, Place, Roster, Rule, SignatureFile};
use scrutin_record::v21::manifest::Manifest;
use serde_json::{json, Value};

/// A closed election on a test board, and the widths of its values.
struct Closed {
    server: Server,
    _dir: tempfile::TempDir,
    options: usize,
    generator: String,
    scalar_digits: usize,
}

const ID: &str = "e";

impl Closed {
    fn url(&self, path: &str) -> String {
        self.server.url(&format!("/api/elections/{ID}{path}"))
    }

    /// Posts guardian `guardian`'s message of `round` in `attempt` for U = `available`,
    /// signed by the guardian.
    fn message(&self, round: &str, attempt: u32, guardian: u32, available: &[u32]) -> Answer {
        let item = match round {
            "commit" => json!({"partial": self.generator, "commitment": "AB".repeat(32)}),
            "reveal" => json!({"a": self.generator, "b": self.generator}),
            _ => json!(format!("{:0>width$}", "1", width = self.scalar_digits)),
        };
        let message = json!({
            "guardian": guardian,
            "available_guardians": available,
            "challenged_ballot_ids": [],
            "tally": vec![item; self.options],
            "ballot_nonces": [],
        });
        let query = if attempt == 1 {
            String::new()
        } else {
            format!("?attempt={attempt}")
        };
        post_json(
            &self.url(&format!("/decryption/{round}{query}")),
            &message,
            true,
        )
    }

    fn restart(&self, attempt: u32, available: &[u32]) -> Value {
        json!({
            "election_id": ID,
            "attempt": attempt,
            "available_guardians": available,
            "reason": "guardian 3 stopped answering after its commitment",
        })
    }

    /// The log's size and root.
    fn log(&self) -> (Value, Value) {
        let info = get(&self.url("")).json();
        (info["tree_size"].clone(), info["root"].clone())
    }

    /// Checks that `answer` is refused with `status` and `code`, mentioning `text`, and
    /// that the log did not change.
    fn refused(
        &self,
        what: &str,
        (status, code, text): (u16, &str, &str),
        answer: impl Fn() -> Answer,
    ) {
        let before = self.log();
        let answer = answer();
        assert_eq!(answer.status, status, "{what}: {}", answer.text());
        assert_eq!(answer.json()["error"], code, "{what}: {}", answer.text());
        assert!(answer.text().contains(text), "{what}: {}", answer.text());
        assert_eq!(self.log(), before, "{what}: the log changed");
    }
}

/// The same election on a board stopped and started again on its data directory.
fn restarted(e: Closed) -> Closed {
    let Closed {
        server,
        _dir,
        options,
        generator,
        scalar_digits,
    } = e;
    server.stop();
    Closed {
        server: Server::start(_dir.path()),
        _dir,
        options,
        generator,
        scalar_digits,
    }
}

fn accepted(what: &str, answer: Answer) {
    assert_eq!(answer.status, 201, "{what}: {}", answer.text());
}

/// Creates election `e` (n = 3, k = 2), runs its ceremony, casts one ballot and closes the
/// vote, checking on the way that a restart before the close is refused.
fn closed_election() -> Closed {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path());
    let url = |path: &str| server.url(&format!("/api/elections/{ID}{path}"));
    accepted(
        "the creation",
        post_json(&server.url("/api/elections"), &create_request(ID), true),
    );
    let guardians = Guardians::new(3, 2);
    for i in 1..=3 {
        accepted(
            "a key",
            post_json(&url("/guardians"), &guardians.key_json(i), true),
        );
    }
    for from in 1..=3 {
        for to in (1..=3).filter(|t| *t != from) {
            let share = guardians.share_json(from, to);
            accepted("a share", post_json(&url("/shares"), &share, true));
        }
    }
    let manifest = Manifest::from_bytes(
        std::path::Path::new("manifest.json"),
        manifest_text().into_bytes(),
    )
    .unwrap();
    let (context, hg) = guardians.context(&manifest);
    for i in 1..=3 {
        let acceptance = json!({"guardian": i, "guardian_record_hash": hg.to_hex()});
        accepted(
            "an acceptance",
            post_json(&url("/acceptances"), &acceptance, true),
        );
    }
    let enrolment = device_enrolment("booth-1");
    accepted(
        "the enrolment",
        post_json(&url("/enrolments/devices"), &enrolment, true),
    );
    let mut device = Device::new("booth-1", &manifest, &context);
    accepted(
        "the device",
        post_json(&url("/devices"), &device.registration(), true),
    );
    let ballot = device.ballot("b-1", 1, false);
    accepted("a ballot", post_json(&url("/ballots"), &ballot, true));
    let early = json!({
        "election_id": ID, "attempt": 2, "available_guardians": [1, 2], "reason": "early",
    });
    let answer = post_json(&url("/decryption/restart"), &early, true);
    assert_eq!(
        answer.status,
        409,
        "a restart before the close: {}",
        answer.text()
    );
    accepted(
        "the close",
        post_json(&url("/close"), &close_order(ID), true),
    );
    let tally = get(&url("/items/encrypted_tally.json")).json();
    let options = tally["contests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["selections"].as_array().unwrap().len())
        .sum();
    let constants = get(&url("/items/constants.json")).json();
    Closed {
        options,
        generator: constants["generator"].as_str().unwrap().to_string(),
        scalar_digits: constants["small_prime"].as_str().unwrap().len(),
        server,
        _dir: dir,
    }
}

#[test]
fn a_stalled_decryption_restarts_with_other_guardians_and_completes() {
    let e = closed_election();
    let all = [1, 2, 3];
    for i in all {
        accepted("an attempt-1 commit", e.message("commit", 1, i, &all));
    }
    accepted("guardian 1's reveal", e.message("reveal", 1, 1, &all));
    // Guardian 3 stalls: no reveal of it ever comes, so attempt 1 cannot complete.
    let restart = e.restart(2, &[1, 2]);
    let url = e.url("/decryption/restart");
    e.refused(
        "an unsigned restart",
        (401, "unsigned", "administrator"),
        || post_json(&url, &restart, false),
    );
    e.refused(
        "a restart by a guardian",
        (403, "not_author", "administrator"),
        || post_signed_by(&url, &restart, &guardian_identity(1)),
    );
    e.refused(
        "a restart skipping an attempt",
        (400, "bad_input", "attempt 2"),
        || post_json(&url, &e.restart(3, &[1, 2]), true),
    );
    e.refused(
        "a restart below the quorum",
        (400, "bad_input", "at least 2"),
        || post_json(&url, &e.restart(2, &[1]), true),
    );
    let mut long = restart.clone();
    long["reason"] = json!("x".repeat(1025));
    e.refused("a reason over 1 KiB", (400, "bad_input", "reason"), || {
        post_json(&url, &long, true)
    });
    let answer = post_json(&url, &restart, true);
    assert_eq!(answer.status, 201, "the restart: {}", answer.text());
    let key = "decryption/restart-2.json";
    assert_eq!(get(&e.url(&format!("/items/{key}"))).json(), restart);
    let retried = post_json(&url, &restart, true);
    assert_eq!(retried.status, 200, "a retried restart: {}", retried.text());
    e.refused(
        "the same restart again",
        (409, "conflict", "decryption/restart-2.json"),
        || post_json(&url, &e.restart(2, &[2, 3]), true),
    );

    e.refused(
        "guardian 3's late reveal",
        (409, "wrong_phase", "replaced by attempt 2"),
        || e.message("reveal", 1, 3, &all),
    );
    e.refused(
        "guardian 2's attempt-1 reveal",
        (409, "wrong_phase", "?attempt=2"),
        || e.message("reveal", 1, 2, &all),
    );
    e.refused(
        "a message of an attempt not begun",
        (409, "wrong_phase", "attempt 3"),
        || e.message("commit", 3, 1, &[1, 2]),
    );
    e.refused(
        "attempt 2 with the old U",
        (422, "rejected", "[1, 2]"),
        || e.message("commit", 2, 1, &all),
    );
    e.refused(
        "guardian 3 in attempt 2",
        (400, "bad_input", "not in"),
        || e.message("commit", 2, 3, &[1, 2]),
    );
    // A restarted board replays its log into the same attempt.
    let e = restarted(e);
    let url = e.url("/decryption/restart");
    let info = get(&e.url("")).json();
    assert_eq!(info["summary"]["decryption_attempt"], 2);
    assert_eq!(info["summary"]["decrypting_guardians"], json!([1, 2]));
    e.refused(
        "guardian 3's late reveal after a board restart",
        (409, "wrong_phase", "replaced by attempt 2"),
        || e.message("reveal", 1, 3, &all),
    );

    e.refused(
        "a reveal before every commit",
        (409, "wrong_phase", "committed"),
        || e.message("reveal", 2, 1, &[1, 2]),
    );
    for round in ["commit", "reveal", "response"] {
        for i in [1, 2] {
            accepted(round, e.message(round, 2, i, &[1, 2]));
        }
    }
    let answer = get(&e.url("/items/decryption/attempt-2/response-2.json"));
    assert_eq!(answer.status, 200, "{}", answer.text());
    let old = get(&e.url("/items/decryption/commit-3.json"));
    assert_eq!(old.status, 200, "attempt 1's messages stay: {}", old.text());
    e.refused(
        "a restart of a complete attempt",
        (409, "wrong_phase", "complete"),
        || post_json(&url, &e.restart(3, &[2, 3]), true),
    );
    every_item_of_the_record_is_signed_by_its_author(&e);
}

/// The board's record lists the restart and the attempts' messages as items of their kinds,
/// and each carries the signature of its author: the restart the administrator's, each
/// message of either attempt its guardian's (check `S15.item-signature`).
fn every_item_of_the_record_is_signed_by_its_author(e: &Closed) {
    let tar = get(&e.url("/record.tar"));
    assert_eq!(tar.status, 200);
    let dir = tempfile::tempdir().unwrap();
    tar::Archive::new(tar.body.as_slice())
        .unpack(dir.path())
        .unwrap();
    let record = dir.path().join(ID);
    for key in [
        "decryption/restart-2.json",
        "authorship/signatures/decryption/restart-2.json",
        "authorship/signatures/decryption/attempt-2/commit-1.json",
        "decryption/reveal-1.json",
    ] {
        assert!(record.join(key).exists(), "{key}");
    }
    let items = scrutin_record::authorship::record_items(
        &scrutin_record::v21::layout::RecordDir::new(&record),
    )
    .unwrap();
    let kind = |key: &str| items.iter().find(|i| i.key == key).map(|i| i.kind.name());
    assert_eq!(
        kind("decryption/restart-2.json"),
        Some("decryption_restart")
    );
    assert_eq!(
        kind("authorship/signatures/decryption/attempt-2/response-2.json"),
        Some("signature")
    );
    // The record has no results yet, so the verifier's box 15 cannot run; its check of each
    // administrator's and guardian's item is done here as it does it.
    let roster: RosterJson = read(&record.join("authorship/roster.json"));
    let roster = Roster::decode(&roster).unwrap();
    let place = Place {
        origin: &roster.origin,
        election: &roster.election_id,
    };
    let mut checked = Vec::new();
    for item in &items {
        let Some(Rule::SignedBy(author)) = rule(item.kind, &item.key) else {
            continue;
        };
        let Some(enrolled) = roster.key_of(&author) else {
            continue;
        };
        let bytes = std::fs::read(record.join(&item.key)).unwrap();
        let json: SignatureJson = read(&record.join(paths::signature_of(&item.key)));
        SignatureFile::decode(&json)
            .unwrap()
            .check(place, (item.kind, &item.key, &bytes), &author, &enrolled)
            .unwrap_or_else(|e| panic!("{}: {e}", item.key));
        checked.push(item.key.as_str());
    }
    for key in [
        "decryption/restart-2.json",
        "decryption/commit-3.json",
        "decryption/attempt-2/response-1.json",
    ] {
        assert!(checked.contains(&key), "{key}");
    }
}

fn read<T: serde::de::DeserializeOwned>(file: &std::path::Path) -> T {
    serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap()
}
