//! `scrutin verify DIR [--json]`.

use crate::cli::VerifyArgs;
use crate::exit::Exit;
use scrutin_record::v21::wire::DecryptedTallyJson;
use scrutin_verify::{Outcome, Report};

/// Verifies the record and prints the report.
pub fn run(args: &VerifyArgs) -> Exit {
    let options = scrutin_verify::Options {
        allow_test_parameters: args.allow_test_parameters,
        require_authorship: args.require_authorship,
    };
    match scrutin_verify::verify_directory(&args.record, &options) {
        Ok(report) => {
            if args.json {
                match serde_json::to_string_pretty(&report) {
                    Ok(text) => println!("{text}"),
                    Err(e) => {
                        eprintln!("error: cannot print the report: {e}");
                        return Exit::Failed;
                    }
                }
            } else {
                print_table(&report);
            }
            if report.is_valid() {
                Exit::Ok
            } else {
                Exit::Invalid
            }
        }
        Err(e) => {
            if args.json {
                let error = serde_json::json!({ "status": "unreadable", "error": e.to_string() });
                println!("{error}");
            }
            eprintln!("error: the record cannot be read: {e}");
            Exit::BadInput
        }
    }
}

/// Prints one line per verification box, and the failures under it.
pub fn print_table(report: &Report) {
    println!(
        "ElectionGuard {} record, parameters {}",
        report.spec_version, report.parameters
    );
    for step in &report.steps {
        let (status, detail) = match &step.outcome {
            Outcome::Passed { checked } => ("pass", format!("{checked} checks")),
            Outcome::Failed {
                checked,
                failures,
                omitted,
            } => (
                "FAIL",
                format!("{} of {checked} checks failed", failures.len() + omitted),
            ),
            Outcome::Skipped { reason } => ("skip", reason.clone()),
        };
        println!(
            "  {:<3} {:<4}  {:<66} {}",
            step.label, status, step.title, detail
        );
        if let Outcome::Failed {
            failures, omitted, ..
        } = &step.outcome
        {
            for failure in failures {
                println!("         - {failure}");
            }
            if *omitted > 0 {
                println!("         - … and {omitted} more failures of this step, not listed");
            }
        }
    }
    if report.is_valid() {
        println!("The record is valid: every verification step passed.");
    } else {
        println!(
            "The record is INVALID: {} check(s) failed.",
            report.failure_count()
        );
    }
}

/// Prints a decrypted tally as a table with bars.
pub fn print_tally(tally: &DecryptedTallyJson) {
    println!(
        "Tally ({} guardians decrypted):",
        tally.available_guardians.len()
    );
    for contest in &tally.contests {
        println!("  {}", contest.contest_id);
        let total: u64 = contest
            .selections
            .iter()
            .map(|s| s.tally)
            .sum::<u64>()
            .max(1);
        for s in &contest.selections {
            let bar = "#".repeat(usize::try_from(s.tally.saturating_mul(30) / total).unwrap_or(0));
            println!("    {:<16} {:>6}  {bar}", s.selection_id, s.tally);
        }
    }
}
