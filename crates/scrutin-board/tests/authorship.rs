//! The board enforces authorship: each attack by a client without the author's enrolled
//! key is refused with its 4xx and leaves the log as it was (same tree size, same root).
//! The attacks: (a) a guardian key posted into a slot unsigned or signed by someone else,
//! and an acceptance posted for another guardian; (b) a guardian's decryption commit
//! relabelled as another guardian's; (c) a device that is not enrolled, and a ballot posted
//! as an enrolled device without its key; (d) an election created by an administrator the
//! operator does not list, or with a roster for another board; (e) a cosignature by a
//! witness that is not enrolled; (f) a guardian's signed key replayed into another election
//! with the same group, n and k. Also malformed and miscounted signature headers, and
//! administrator actions signed by someone else.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[macro_use]
mod common;

use common::*;
use scrutin_record::authorship::Identity;
use scrutin_record::v21::manifest::Manifest;
use serde_json::{json, Value};

/// The election under attack, with its honest parties.
struct Attacked {
    server: Server,
    _dir: tempfile::TempDir,
    id: &'static str,
    guardians: Guardians,
}

impl Attacked {
    fn url(&self, path: &str) -> String {
        self.server
            .url(&format!("/api/elections/{}{path}", self.id))
    }

    /// The log's size and root.
    fn log(&self) -> (Value, Value) {
        let info = get(&self.url("")).json();
        (info["tree_size"].clone(), info["root"].clone())
    }

    /// Runs `attack` and checks that it is refused with `status` and `code` and that the
    /// log is unchanged.
    fn refused(&self, what: &str, status: u16, code: &str, attack: impl FnOnce() -> Answer) {
        let before = self.log();
        let answer = attack();
        assert_eq!(answer.status, status, "{what}: {}", answer.text());
        assert_eq!(answer.json()["error"], code, "{what}: {}", answer.text());
        assert_eq!(self.log(), before, "{what}: the log changed");
    }
}

/// A party with no key enrolled anywhere.
fn stranger() -> Identity {
    Identity::from_secret_bytes(&[0x5e; 32])
}

fn created(server: &Server, id: &str) {
    let answer = post_json(&server.url("/api/elections"), &create_request(id), true);
    assert_eq!(answer.status, 201, "{}", answer.text());
}

#[test]
fn attacks_without_the_authors_key_are_refused_and_leave_the_log_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path());
    created(&server, "e");
    let attacked = Attacked {
        server,
        _dir: dir,
        id: "e",
        guardians: Guardians::new(3, 2),
    };
    headers_that_sign_nothing_refused(&attacked);
    guardian_slots_taken_without_the_guardians_key_refused(&attacked);
    a_signed_key_replayed_into_another_election_refused(&attacked);
    let context = the_ceremony_completes(&attacked);
    devices_without_enrolment_or_key_refused(&attacked, &context);
    a_relabelled_decryption_commit_refused(&attacked);
    witnesses_that_are_not_enrolled_refused(&attacked);
}

/// A malformed header, a header with another number of signatures than items, and an
/// empty one.
fn headers_that_sign_nothing_refused(attacked: &Attacked) {
    let body = serde_json::to_vec(&attacked.guardians.key_json(1)).unwrap();
    let url = attacked.url("/guardians");
    attacked.refused("a malformed header", 400, "bad_input", || {
        post_with_header(&url, &body, Some("not-hex"))
    });
    let one = signature_header(&url, &body).unwrap();
    attacked.refused("two signatures for one item", 400, "bad_input", || {
        post_with_header(&url, &body, Some(&format!("{one},{one}")))
    });
    attacked.refused("an empty header", 400, "bad_input", || {
        post_with_header(&url, &body, Some(""))
    });
}

/// (a) Guardian 1's slot taken unsigned, by a stranger's key, and by guardian 2's key (on
/// the roster, but not guardian 1's); the key signed by guardian 1 is accepted.
fn guardian_slots_taken_without_the_guardians_key_refused(attacked: &Attacked) {
    let key = attacked.guardians.key_json(1);
    let url = attacked.url("/guardians");
    attacked.refused("an unsigned guardian key", 401, "unsigned", || {
        post_json(&url, &key, false)
    });
    let unsigned = post_json(&url, &key, false);
    assert!(
        unsigned.json()["message"]
            .as_str()
            .unwrap()
            .contains("must be signed by guardian-1"),
        "{}",
        unsigned.text()
    );
    attacked.refused("a key signed by a stranger", 403, "not_author", || {
        post_signed_by(&url, &key, &stranger())
    });
    attacked.refused("a key signed by guardian 2", 403, "not_author", || {
        post_signed_by(&url, &key, &guardian_identity(2))
    });
    let refused = post_signed_by(&url, &key, &guardian_identity(2));
    let fingerprint = guardian_identity(1).public_key().fingerprint();
    assert!(refused.text().contains(&fingerprint), "{}", refused.text());
    for i in 1..=3 {
        let answer = post_json(&url, &attacked.guardians.key_json(i), true);
        assert_eq!(answer.status, 201, "{}", answer.text());
    }
}

/// (f) Guardian 1's key with guardian 1's signature, taken from election `e` and replayed
/// into election `f`, which has the same group, n, k and roster: the signature names `e`.
fn a_signed_key_replayed_into_another_election_refused(attacked: &Attacked) {
    created(&attacked.server, "f");
    let key = serde_json::to_vec(&attacked.guardians.key_json(1)).unwrap();
    let header = signature_header(&attacked.url("/guardians"), &key).unwrap();
    let other = attacked.server.url("/api/elections/f/guardians");
    let before = get(&attacked.server.url("/api/elections/f")).json();
    let replayed = post_with_header(&other, &key, Some(&header));
    assert_eq!(replayed.status, 403, "{}", replayed.text());
    assert_eq!(replayed.json()["error"], "not_author");
    let after = get(&attacked.server.url("/api/elections/f")).json();
    assert_eq!(before["tree_size"], after["tree_size"]);
    assert_eq!(before["root"], after["root"]);
}

/// The shares and acceptances, with (a) an acceptance for guardian 1 signed by guardian 2
/// refused. Returns the election's context.
fn the_ceremony_completes(attacked: &Attacked) -> scrutin_core::election::ElectionContext<Toy> {
    let guardians = &attacked.guardians;
    for from in 1..=3 {
        for to in (1..=3).filter(|t| *t != from) {
            let share = guardians.share_json(from, to);
            let answer = post_json(&attacked.url("/shares"), &share, true);
            assert_eq!(answer.status, 201, "{}", answer.text());
        }
    }
    let manifest = Manifest::from_bytes(
        std::path::Path::new("manifest.json"),
        manifest_text().into_bytes(),
    )
    .unwrap();
    let (context, hg) = guardians.context(&manifest);
    let accept = |i: u32| json!({"guardian": i, "guardian_record_hash": hg.to_hex()});
    attacked.refused(
        "an acceptance for another guardian",
        403,
        "not_author",
        || {
            post_signed_by(
                &attacked.url("/acceptances"),
                &accept(1),
                &guardian_identity(2),
            )
        },
    );
    for i in 1..=3 {
        let answer = post_json(&attacked.url("/acceptances"), &accept(i), true);
        assert_eq!(answer.status, 201, "{}", answer.text());
    }
    context
}

type Toy = scrutin_core::group::Toy256;

/// (c) A device that is not enrolled cannot register; an enrolment signed by a stranger is
/// refused; a valid ballot of an enrolled, registered device is refused without the
/// device's key (unsigned, or signed by a stranger) and accepted with it. Then the vote is
/// closed, which a guardian cannot order.
fn devices_without_enrolment_or_key_refused(
    attacked: &Attacked,
    context: &scrutin_core::election::ElectionContext<Toy>,
) {
    let manifest = Manifest::from_bytes(
        std::path::Path::new("manifest.json"),
        manifest_text().into_bytes(),
    )
    .unwrap();
    let rogue = Device::new("rogue", &manifest, context);
    attacked.refused("a device that is not enrolled", 403, "not_author", || {
        post_json(&attacked.url("/devices"), &rogue.registration(), true)
    });
    attacked.refused("an enrolment by a stranger", 403, "not_author", || {
        post_signed_by(
            &attacked.url("/enrolments/devices"),
            &device_enrolment("rogue"),
            &stranger(),
        )
    });
    let enrolled = post_json(
        &attacked.url("/enrolments/devices"),
        &device_enrolment("booth-1"),
        true,
    );
    assert_eq!(enrolled.status, 201, "{}", enrolled.text());
    let mut device = Device::new("booth-1", &manifest, context);
    let registered = post_json(&attacked.url("/devices"), &device.registration(), true);
    assert_eq!(registered.status, 201, "{}", registered.text());
    let ballot = device.ballot("b-1", 1, false);
    attacked.refused("an unsigned ballot", 401, "unsigned", || {
        post_json(&attacked.url("/ballots"), &ballot, false)
    });
    attacked.refused("a ballot signed by a stranger", 403, "not_author", || {
        post_signed_by(&attacked.url("/ballots"), &ballot, &stranger())
    });
    let cast = post_json(&attacked.url("/ballots"), &ballot, true);
    assert_eq!(cast.status, 201, "{}", cast.text());
    let order = close_order(attacked.id);
    attacked.refused("a close ordered by a guardian", 403, "not_author", || {
        post_signed_by(&attacked.url("/close"), &order, &guardian_identity(1))
    });
    let closed = post_json(&attacked.url("/close"), &order, true);
    assert_eq!(closed.status, 201, "{}", closed.text());
}

/// (b) Guardian 3's decryption commit, relabelled as guardian 1's and signed by guardian 3,
/// is refused: guardian 1's items must be signed by guardian 1. And guardian 1's own commit
/// whose partial decryptions are not in the group is refused at intake.
fn a_relabelled_decryption_commit_refused(attacked: &Attacked) {
    let tally = get(&attacked.url("/items/encrypted_tally.json")).json();
    let options: usize = tally["contests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["selections"].as_array().unwrap().len())
        .sum();
    let p = get(&attacked.url("/items/constants.json")).json()["large_prime"]
        .as_str()
        .unwrap()
        .len();
    let outside = json!({"partial": "0".repeat(p), "commitment": "AB".repeat(32)});
    let own = json!({
        "guardian": 1,
        "available_guardians": [1, 3],
        "challenged_ballot_ids": [],
        "tally": vec![outside; options],
        "ballot_nonces": [],
    });
    attacked.refused("a commit outside the group", 400, "bad_input", || {
        post_json(&attacked.url("/decryption/commit"), &own, true)
    });
    let refused = post_json(&attacked.url("/decryption/commit"), &own, true);
    assert!(
        refused.text().contains("tally[0].partial"),
        "{}",
        refused.text()
    );
    let mut commit = json!({
        "guardian": 3,
        "available_guardians": [1, 3],
        "challenged_ballot_ids": [],
        "tally": [],
        "ballot_nonces": [],
    });
    commit["guardian"] = json!(1);
    attacked.refused("a relabelled decryption commit", 403, "not_author", || {
        post_signed_by(
            &attacked.url("/decryption/commit"),
            &commit,
            &guardian_identity(3),
        )
    });
}

/// (e) A witness that is not enrolled cannot cosign, even with a valid cosignature of a
/// checkpoint the board issued; the enrolled witness can.
fn witnesses_that_are_not_enrolled_refused(attacked: &Attacked) {
    let info = get(&attacked.url("")).json();
    let note = info["checkpoint"].as_str().unwrap().to_string();
    let board = scrutin_log::Verifier::parse(info["vkey"].as_str().unwrap()).unwrap();
    let (checkpoint, _) = scrutin_log::open_note(&note, &[board]).unwrap();
    let cosign = |witness: &scrutin_log::Signer| {
        json!({
            "vkey": witness.cosignature_verifier().vkey(),
            "checkpoint": note,
            "cosignature": scrutin_log::cosign_checkpoint(&checkpoint, witness, 1_700_000_000)
                .unwrap(),
        })
    };
    let outsider = scrutin_log::Signer::from_seed("outsider.example", &[9; 32]).unwrap();
    let cosignatures = attacked.url("/cosignatures");
    let refused = post_json(&cosignatures, &cosign(&outsider), false);
    assert_eq!(refused.status, 403, "{}", refused.text());
    assert_eq!(refused.json()["error"], "witness_not_enrolled");
    assert_eq!(get(&attacked.url("")).json()["cosignatures"], 0);
    let vkey = outsider.cosignature_verifier().vkey();
    let enrolment = json!({"name": "outsider.example", "vkey": vkey});
    attacked.refused(
        "a witness enrolled by a stranger",
        403,
        "not_author",
        || {
            post_signed_by(
                &attacked.url("/enrolments/witnesses"),
                &enrolment,
                &stranger(),
            )
        },
    );
    let enrolled = post_json(&attacked.url("/enrolments/witnesses"), &enrolment, true);
    assert_eq!(enrolled.status, 201, "{}", enrolled.text());
    let accepted = post_json(&cosignatures, &cosign(&outsider), false);
    assert_eq!(accepted.status, 201, "{}", accepted.text());
}

#[test]
fn elections_need_a_listed_administrator_and_this_boards_origin() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path());
    let elections = server.url("/api/elections");
    let count = || get(&elections).json().as_array().unwrap().len();
    // (d) An administrator the operator does not list, signing its own roster.
    let mut request = create_request("d");
    request["roster"]["administrator"]["public_key"] = json!(stranger().public_key().to_hex());
    let answer = post_signed_by(&elections, &request, &stranger());
    assert_eq!(answer.status, 403, "{}", answer.text());
    assert_eq!(answer.json()["error"], "not_author");
    assert!(
        answer.text().contains("not on this board's list"),
        "{}",
        answer.text()
    );
    // A roster for another board's origin, signed by a listed administrator.
    let mut request = create_request("d");
    request["roster"]["origin"] = json!("other.board/scrutin/d");
    let answer = post_json(&elections, &request, true);
    assert_eq!(answer.status, 400, "{}", answer.text());
    assert!(
        answer.text().contains("board.test/scrutin/d"),
        "{}",
        answer.text()
    );
    // Unsigned, and signed by a guardian of the roster.
    let request = create_request("d");
    let answer = post_json(&elections, &request, false);
    assert_eq!(answer.status, 401, "{}", answer.text());
    let answer = post_signed_by(&elections, &request, &guardian_identity(1));
    assert_eq!(answer.status, 403, "{}", answer.text());
    assert_eq!(count(), 0);
    assert_eq!(get(&server.url("/api/elections/d")).status, 404);
    // The board tells an administrator the origin to put in the roster.
    let board = get(&server.url("/api/board")).json();
    assert_eq!(
        board,
        json!({"host": HOST, "origin_prefix": format!("{HOST}/scrutin/")})
    );
}

#[test]
fn a_board_without_administrators_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("administrators"), "# nobody yet\n").unwrap();
    let server = Server::start(dir.path());
    let answer = post_json(&server.url("/api/elections"), &create_request("e"), true);
    assert_eq!(answer.status, 403, "{}", answer.text());
    assert!(
        answer.text().contains("administrators"),
        "{}",
        answer.text()
    );
    assert_eq!(get(&server.url("/api/elections")).json(), json!([]));
}

#[test]
fn a_bad_administrators_file_is_named_by_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("administrators"),
        "# one\nnot-a-key office\n",
    )
    .unwrap();
    let config = scrutin_board::server::BoardConfig {
        data_dir: dir.path().to_path_buf(),
        database: None,
        host: HOST.into(),
        allow_test_groups: true,
        administrators: None,
    };
    let Err(error) = scrutin_board::server::open_board(&config) else {
        panic!("a bad administrators file was accepted");
    };
    assert!(error.to_string().contains("line 2"), "{error}");
}
