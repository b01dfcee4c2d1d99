//! `scrutin bench` through the binary: the JSON report's shape, never its timings.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::scrutin;
use serde_json::Value;

fn positive(value: &Value, what: &str) -> f64 {
    let x = value
        .as_f64()
        .unwrap_or_else(|| panic!("{what} is not a number: {value}"));
    assert!(x.is_finite() && x > 0.0, "{what} = {x}");
    x
}

#[test]
fn json_report_has_the_figures() {
    let out = scrutin()
        .args([
            "bench",
            "--json",
            "--group",
            "toy",
            "--ballots",
            "3",
            "--threads",
            "2",
            "--runs",
            "2",
        ])
        .output()
        .expect("run scrutin bench");
    assert!(
        out.status.success(),
        "bench failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Exactly one JSON object on standard output; progress went to standard error.
    let text = String::from_utf8(out.stdout).unwrap();
    let report: Value = serde_json::from_str(text.trim()).unwrap();
    assert!(!out.stderr.is_empty());

    for key in [
        "encrypt_ms_per_ballot",
        "verify_ms_per_ballot",
        "tally_decrypt_ms",
        "key_ceremony_ms",
        "verifier_ms",
    ] {
        positive(&report[key], key);
    }
    assert_eq!(report["threads"], 2);
    positive(&report["machine"]["cores"], "machine.cores");
    assert!(report["machine"]["cpu"].is_string());
    let workload = &report["workload"];
    assert_eq!(workload["name"], "W1");
    assert_eq!(
        (
            &workload["contests"],
            &workload["options"],
            &workload["ballots"]
        ),
        (&Value::from(10), &Value::from(50), &Value::from(3))
    );
    assert_eq!(
        (&workload["guardians"], &workload["quorum"]),
        (&Value::from(5), &Value::from(3))
    );
    assert_eq!(workload["group"], "toy-256");

    let phases = report["phases"].as_object().unwrap();
    for key in [
        "key_ceremony",
        "encrypt",
        "verify",
        "tally",
        "decrypt",
        "tally_decrypt",
        "verifier",
    ] {
        let phase = &phases[key];
        for field in ["median_ms", "p10_ms", "p90_ms", "min_ms", "max_ms"] {
            positive(&phase[field], &format!("{key}.{field}"));
        }
        positive(&phase["cpu_over_wall"], &format!("{key}.cpu_over_wall"));
        let cpu = if phase["per"] == "ballot" {
            "cpu_ms_per_ballot"
        } else {
            "cpu_ms"
        };
        positive(&phase[cpu], &format!("{key}.{cpu}"));
        assert!(phase["min_ms"].as_f64() <= phase["median_ms"].as_f64());
        assert!(phase["median_ms"].as_f64() <= phase["max_ms"].as_f64());
    }
    // Per-ballot phases have a sample per ballot per run, the others one per run.
    assert_eq!(phases["encrypt"]["samples"], 6);
    assert_eq!(phases["verify"]["samples"], 6);
    assert_eq!(phases["decrypt"]["samples"], 2);
    positive(
        &phases["encrypt"]["wall_ms_per_ballot"],
        "encrypt.wall_ms_per_ballot",
    );
    // The counts of W1 (bench/counts.rs).
    assert_eq!(phases["encrypt"]["ops"]["fixed_base"], 343);
    assert_eq!(phases["verify"]["ops"]["variable_base"], 241);
    assert_eq!(phases["verify"]["ops"]["subgroup_checks"], 101);
}

#[test]
fn a_given_manifest_with_contest_data_and_two_styles() {
    let manifest = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/examples/springfield/manifest.json"
    );
    let out = scrutin()
        .args(["bench", "--json", "--group", "toy", "--ballots", "4"])
        .args(["--guardians", "3", "--quorum", "2", "--manifest", manifest])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "bench failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    positive(&report["encrypt_ms_per_ballot"], "encrypt_ms_per_ballot");
    assert_eq!(report["workload"]["ballot_styles"], 2);
    assert_eq!(report["workload"]["name"], manifest);
    // Ballots alternate the styles {Mayor (3 options, data), Levy (2)} and {Levy}:
    // (3·6 + 4 + 3) + (2·6 + 4) + 3 = 44 and (2·6 + 4) + 3 = 19, averaged.
    assert_eq!(
        report["phases"]["encrypt"]["ops"]["fixed_base"],
        (44 + 19) / 2
    );
    assert_eq!(
        report["phases"]["tally"]["ops"]["multiplications"],
        2 * (2 * 5 + 2 * 2)
    );
}

#[test]
fn bad_arguments_exit_2() {
    for args in [
        &["--quorum", "6"][..],
        &["--ballots", "0"][..],
        &["--threads", "0"][..],
        &["--manifest", "/nonexistent/manifest.json"][..],
    ] {
        let out = scrutin()
            .args(["bench", "--group", "toy"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}
