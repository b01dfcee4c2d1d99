#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The whole workflow on the standard 4096-bit group: ceremony, encryption, a challenged
//! ballot, tally, decryption with a guardian missing, and the verifier — through the CLI.

mod common;

use common::*;

#[test]
fn a_small_election_on_the_standard_group_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("record");
    let run = scrutin()
        .args([
            "demo",
            "--group",
            "standard",
            "--ballots",
            "3",
            "--challenged",
            "1",
        ])
        .args([
            "--guardians",
            "3",
            "--quorum",
            "2",
            "--missing",
            "1",
            "--seed",
            "3",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("parameters standard-4096"), "{stdout}");
    assert!(
        stdout.contains("every verification step passed"),
        "{stdout}"
    );
    // The strict verifier (no test parameters allowed) accepts it too.
    let verify = scrutin()
        .arg("verify")
        .arg(&out)
        .arg("--json")
        .output()
        .unwrap();
    assert_eq!(verify.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&verify.stdout).unwrap();
    assert_eq!(report["parameters"], "standard-4096");
    // Boxes 1–14 and box 15, authorship, which the demo's signed record passes.
    assert_eq!(report["steps"].as_array().unwrap().len(), 15);
    assert_eq!(report["steps"][14]["status"], "passed");
    // Two cast ballots, ten contests of limit one: at most two votes per contest.
    let tally = read(&out.join("tally.json"));
    for contest in tally["contests"].as_array().unwrap() {
        let sum: u64 = contest["selections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["tally"].as_u64().unwrap())
            .sum();
        assert!(sum <= 2, "{contest}");
    }
    assert_eq!(tally["available_guardians"], serde_json::json!([1, 2]));
}
