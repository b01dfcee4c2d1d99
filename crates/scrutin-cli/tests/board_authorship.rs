//! Who may post: a real toy election through `scrutin serve`, and between its steps a party
//! with no enrolled key (Mallory) tries every way of posting in another party's name. Each
//! attempt is refused with a 4xx that names the problem and leaves the election's log as it
//! was: a guardian key for a free slot, unsigned or signed by Mallory; a decryption commit
//! relabelled as another guardian's with the first guardian's signature; a registration of a
//! device no one enrolled; a ballot of an enrolled device signed by another key; an election
//! created with a key not on the operator's administrators file; cosignatures of a witness no
//! one enrolled; a guardian's key and signature replayed into another election. The election
//! then completes and the record pulled from the board verifies.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::board::*;
use scrutin_client::signing::SIGNATURE_HEADER;
use serde_json::Value;

const ELECTION: &str = "attacked";
const OTHER: &str = "other";
const MALLORY: &str = "mallory";

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// POSTs `body` to route `path` of election `id`, with the `Scrutin-Signature` value
/// `signatures` if given; returns the status and the board's error body.
fn post(
    parties: &Parties,
    id: &str,
    path: &str,
    body: &[u8],
    signatures: Option<&str>,
) -> (u16, Value) {
    let mut request = agent()
        .post(format!("{}/api/elections/{id}{path}", parties.board))
        .header("Content-Type", "application/json");
    if let Some(signatures) = signatures {
        request = request.header(SIGNATURE_HEADER, signatures);
    }
    let mut response = request.send(body).unwrap();
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// What a refusal must say: its status and a text its message contains (the author the
/// board expected, or why the poster is not one).
struct Refusal<'a> {
    status: u16,
    names: &'a str,
}

/// Runs `attack` against election `id` and checks that it was refused as `expected` says,
/// and that the log did not grow.
fn refused(
    parties: &Parties,
    id: &str,
    expected: Refusal<'_>,
    what: &str,
    attack: impl FnOnce() -> (u16, Value),
) {
    let before = log_size(&parties.board, id);
    let (got, body) = attack();
    assert_eq!(got, expected.status, "{what}: {body}");
    let message = body["message"].as_str().unwrap_or_default();
    assert!(message.contains(expected.names), "{what}: {body}");
    eprintln!("{what}: {got} {message}");
    assert_eq!(log_size(&parties.board, id), before, "{what}: the log grew");
}

/// Runs the `scrutin` command `args` as an attack on election `id`: it must exit 2 (a
/// request the board refused as the client's) with the refusal `expected`, and leave the
/// log as it was.
fn refused_command(parties: &Parties, id: &str, expected: Refusal<'_>, args: &[&str]) {
    let before = log_size(&parties.board, id);
    let (code, out) = parties.run(args);
    assert_eq!(code, 2, "scrutin {}: {out}", args.join(" "));
    assert!(out.contains(&format!("({} ", expected.status)), "{out}");
    assert!(out.contains(expected.names), "{out}");
    assert_eq!(
        log_size(&parties.board, id),
        before,
        "scrutin {}: the log grew",
        args.join(" ")
    );
}

/// Mallory pushes `file` of her record, signed with her identity `mallory`: refused as
/// `expected`.
fn mallory_pushes(parties: &Parties, mallory: &str, file: &str, expected: Refusal<'_>) {
    refused_command(
        parties,
        ELECTION,
        expected,
        &[
            "board",
            "push",
            "--election",
            ELECTION,
            "--identity",
            mallory,
            "--record",
            "@mallory/record",
            file,
        ],
    );
}

/// The Scrutin-Signature value of the signature file of `key` in a pulled record.
fn signature_of(parties: &Parties, record: &str, key: &str) -> String {
    let file = parties.path(&format!("{record}/authorship/signatures/{key}"));
    let json: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    json["signature"].as_str().unwrap().to_string()
}

#[test]
fn posts_in_another_partys_name_are_refused_and_the_election_still_verifies() {
    let (_server, parties) = board_with_election(ELECTION, 3, 2, "toy");
    // Mallory has an identity, but no one listed, put on a roster or enrolled it.
    let mallory = parties.identity(MALLORY);

    a_guardian_key_for_a_free_slot(&parties, &mallory);
    let guardians = ceremony(&parties, 3);
    an_election_by_an_unlisted_administrator(&parties, &mallory);
    a_guardian_key_replayed_into_another_election(&parties);
    a_witness_no_one_enrolled(&parties);

    parties.device(1, 6);
    parties.push("dev1", "booth-1", &["encrypted_ballots/booth-1"]);
    devices_no_one_enrolled_and_ballots_signed_by_another_key(&parties, &mallory);
    parties.close();

    decryption_with_a_relabelled_commit(&parties, &guardians);
    results_and_verification(&parties);
}

/// Before the ceremony, Mallory makes a guardian key for slot 3 and posts it unsigned (401)
/// and signed with her own key (403).
fn a_guardian_key_for_a_free_slot(parties: &Parties, mallory: &str) {
    parties.pull_unwitnessed(MALLORY);
    parties.ok(&[
        "guardian",
        "keygen",
        "--record",
        "@mallory/record",
        "--index",
        "3",
        "--secret",
        "@mallory/secret",
    ]);
    let key = std::fs::read(parties.path("mallory/record/ceremony/guardian-3.json")).unwrap();
    refused(
        parties,
        ELECTION,
        Refusal {
            status: 401,
            names: "must be signed by guardian-3",
        },
        "an unsigned guardian key",
        || post(parties, ELECTION, "/guardians", &key, None),
    );
    mallory_pushes(
        parties,
        mallory,
        "ceremony/guardian-3.json",
        Refusal {
            status: 403,
            names: "must be signed by guardian-3",
        },
    );
}

/// Mallory, whose key is not on the operator's administrators file, cannot create an
/// election, even with the real guardians on her roster.
fn an_election_by_an_unlisted_administrator(parties: &Parties, mallory: &str) {
    let (manifest, g1, g2) = (
        springfield_manifest(),
        parties.public_identity("g1"),
        parties.public_identity("g2"),
    );
    let (code, out) = parties.run(&[
        "board",
        "create",
        "--election",
        "mallorys",
        "--identity",
        mallory,
        "--manifest",
        &manifest,
        "--guardians",
        "2",
        "--quorum",
        "1",
        "--group",
        "toy",
        "--guardian",
        &g1,
        "--guardian",
        &g2,
    ]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("(403 "), "{out}");
    assert!(
        out.contains("is not on this board's list of administrators"),
        "{out}"
    );
    let status = agent()
        .get(format!("{}/api/elections/mallorys", parties.board))
        .call()
        .unwrap()
        .status()
        .as_u16();
    assert_eq!(status, 404, "no election was created");
}

/// The administrator creates a second election with the same guardians. Guardian 1's key,
/// with the signature it carries in the first election, is refused there: the signature
/// binds the election and its log's origin.
fn a_guardian_key_replayed_into_another_election(parties: &Parties) {
    let other = Parties::new(&parties.board, OTHER);
    for name in [ADMIN, "g1", "g2", "g3"] {
        for suffix in [".identity", ".identity.json"] {
            let file = format!("{IDS}/{name}{suffix}");
            std::fs::create_dir_all(other.path(IDS)).unwrap();
            std::fs::copy(parties.path(&file), other.path(&file)).unwrap();
        }
    }
    other.create(3, 2, "toy", &[]);
    parties.pull("observer");
    let key = std::fs::read(parties.path("observer/record/ceremony/guardian-1.json")).unwrap();
    let signature = signature_of(parties, "observer/record", "ceremony/guardian-1.json");
    refused(
        parties,
        OTHER,
        Refusal {
            status: 403,
            names: "must be signed by guardian-1",
        },
        "guardian 1's key replayed into another election",
        || post(parties, OTHER, "/guardians", &key, Some(&signature)),
    );
}

/// Mallory's own witness, which no one enrolled, checks and cosigns the checkpoint, but the
/// board does not take its cosignature.
fn a_witness_no_one_enrolled(parties: &Parties) {
    let before = parties.log_size();
    let (code, out) = parties.run(&[
        "witness",
        "watch",
        "--election",
        ELECTION,
        "--state",
        "@mallory/witness",
    ]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("cosigned the checkpoint"), "{out}");
    assert!(out.contains("the board refused (403 "), "{out}");
    assert!(out.contains("is not enrolled in this election"), "{out}");
    assert_eq!(parties.log_size(), before);
}

/// Mallory registers a device no one enrolled (unsigned: 401; signed by her: 403), and posts
/// a valid next ballot of the enrolled `booth-1` signed by her own key (403) or unsigned
/// (401).
fn devices_no_one_enrolled_and_ballots_signed_by_another_key(parties: &Parties, mallory: &str) {
    let registration =
        br#"{"voting_device":"booth-9","device_info":"scrutin voting device booth-9"}"#;
    refused(
        parties,
        ELECTION,
        Refusal {
            status: 401,
            names: "must be signed by device-booth-9",
        },
        "an unsigned registration",
        || post(parties, ELECTION, "/devices", registration, None),
    );
    refused_command(
        parties,
        ELECTION,
        Refusal {
            status: 403,
            names: "voting device \"booth-9\" is not enrolled",
        },
        &[
            "board",
            "register-device",
            "--election",
            ELECTION,
            "--identity",
            mallory,
            "--device",
            "booth-9",
        ],
    );

    parties.pull_unwitnessed(MALLORY);
    ballots_file(&parties.path("mallory-ballots.json"), "m", 1, &[]);
    parties.ok(&[
        "encrypt",
        "--record",
        "@mallory/record",
        "--device",
        "booth-1",
        "--ballots",
        "@mallory-ballots.json",
    ]);
    let ballot = "encrypted_ballots/booth-1/eballot-m-000.json";
    let bytes = std::fs::read(parties.path(&format!("mallory/record/{ballot}"))).unwrap();
    refused(
        parties,
        ELECTION,
        Refusal {
            status: 401,
            names: "must be signed by device-booth-1",
        },
        "an unsigned ballot",
        || post(parties, ELECTION, "/ballots", &bytes, None),
    );
    mallory_pushes(
        parties,
        mallory,
        ballot,
        Refusal {
            status: 403,
            names: "must be signed by device-booth-1",
        },
    );
}

/// Decryption by guardians 1 and 2. Once guardian 1's commit is on the board, Mallory posts
/// it relabelled as guardian 2's, with guardian 1's signature (403), before guardian 2 posts
/// its own.
fn decryption_with_a_relabelled_commit(parties: &Parties, guardians: &[String]) {
    for round in ["commit", "reveal", "respond"] {
        for (i, g) in (1..=2).zip(guardians) {
            parties.decryption_round(g, i, round, "1,2");
            if round == "commit" && i == 1 {
                a_relabelled_commit(parties);
            }
        }
    }
}

fn a_relabelled_commit(parties: &Parties) {
    parties.pull_unwitnessed(MALLORY);
    let commit = parties.path("mallory/record/decryption/commit-1.json");
    let mut relabelled: Value = serde_json::from_slice(&std::fs::read(commit).unwrap()).unwrap();
    relabelled["guardian"] = serde_json::json!(2);
    let body = serde_json::to_vec(&relabelled).unwrap();
    let signature = signature_of(parties, "mallory/record", "decryption/commit-1.json");
    refused(
        parties,
        ELECTION,
        Refusal {
            status: 403,
            names: "must be signed by guardian-2",
        },
        "guardian 1's commit relabelled as guardian 2's",
        || {
            post(
                parties,
                ELECTION,
                "/decryption/commit",
                &body,
                Some(&signature),
            )
        },
    );
}

/// The administrator posts the results, and the record pulled from the board verifies.
fn results_and_verification(parties: &Parties) {
    parties.pull("admin");
    parties.combine("admin");
    let (code, out) = parties.results("admin");
    assert_eq!(code, 0, "{out}");
    parties.pull("verifier");
    let report = parties.ok(&[
        "verify",
        "--allow-test-parameters",
        "--require-authorship",
        "@verifier/record",
    ]);
    assert!(
        report.contains("every verification step passed"),
        "{report}"
    );
}
