//! The 2.0 verifier on egk's conformance records (third-party data, read in place from
//! `$SCRUTIN_CONFORMANCE_DIR/egk-2.0/`, default `/work/shared/conformance`). Tampered copies
//! are made in temporary directories only.
//!
//! Without the data every test prints `SKIPPED: …` and passes, unless
//! `SCRUTIN_REQUIRE_CONFORMANCE=1`, when it fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use scrutin_verify::{verify_directory, Options, Outcome, Report};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

const RECORDS: [&str; 2] = ["allAvailableJson", "someAvailableJson"];

/// The `egk-2.0` conformance directory, or `None` after a loud SKIPPED message.
fn egk_dir() -> Option<PathBuf> {
    let base = std::env::var_os("SCRUTIN_CONFORMANCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance")
        });
    let dir = base.join("egk-2.0");
    if RECORDS.iter().all(|r| dir.join(r).is_dir()) {
        return Some(dir);
    }
    let message = format!("SKIPPED: conformance data not found at {}", dir.display());
    if std::env::var("SCRUTIN_REQUIRE_CONFORMANCE").as_deref() == Ok("1") {
        panic!("{message} (SCRUTIN_REQUIRE_CONFORMANCE=1)");
    }
    // Written to the stderr handle directly so that the test harness does not capture it.
    let _ = writeln!(std::io::stderr(), "{message}");
    None
}

/// Verifies `dir` through the version dispatch, printing the time it took.
fn timed_verify(dir: &Path, what: &str) -> Report {
    let start = Instant::now();
    let report = verify_directory(dir, &Options::default())
        .unwrap_or_else(|e| panic!("{what}: unreadable: {e}"));
    let _ = writeln!(
        std::io::stderr(),
        "{what}: verified in {:.2} s",
        start.elapsed().as_secs_f64()
    );
    report
}

fn print_steps(report: &Report) {
    let mut err = std::io::stderr();
    for step in &report.steps {
        let outcome = match &step.outcome {
            Outcome::Passed { checked } => format!("passed ({checked} checks)"),
            Outcome::Skipped { reason } => format!("skipped: {reason}"),
            Outcome::Failed { failures, .. } => format!("FAILED: {failures:?}"),
        };
        let _ = writeln!(err, "  V{:>2} {}: {outcome}", step.verification, step.title);
    }
}

#[test]
fn both_records_verify() {
    let Some(dir) = egk_dir() else { return };
    for name in RECORDS {
        let report = timed_verify(&dir.join(name), name);
        print_steps(&report);
        assert_eq!(report.spec_version, "v2.0.0");
        assert_eq!(report.steps.len(), 18);
        for (n, step) in report.steps.iter().enumerate() {
            assert_eq!(usize::from(step.verification), n + 1);
            assert!(
                matches!(
                    step.outcome,
                    Outcome::Passed { .. } | Outcome::Skipped { .. }
                ),
                "{name}: V{} {:?}",
                step.verification,
                step.outcome
            );
        }
        assert!(report.is_valid());
    }
}
