//! What every role reads first: which group the record uses, and the election as the
//! verifier establishes it. A role never trusts a stored hash or key: it runs the verifier's
//! boxes up to the point it builds on, and stops (exit 1) if one fails.

use super::failure::Failure;
use scrutin_core::group::{ParameterSet, Standard, Toy256};
use scrutin_record::v21::layout::RecordDir;
use scrutin_record::v21::source::RecordSource;
use scrutin_verify::v21::{verify_until, BallotPass, Parameters, Partial, Setup, Until};
use scrutin_verify::KnownParameters;

/// A step of a role, generic in the group it computes in; [`in_group`] picks the group from
/// the record.
pub trait GroupTask {
    /// Runs the step in the parameter set `P`.
    fn run<P: ParameterSet>(self, record: &RecordDir) -> Result<(), Failure>;
}

/// Runs `task` in the group named by the record's `constants.json`.
pub fn in_group<T: GroupTask>(record: &RecordDir, task: T) -> Result<(), Failure> {
    let constants = record.constants()?;
    match scrutin_verify::known_parameters(&constants) {
        Some(KnownParameters::Standard) => task.run::<Standard>(record),
        Some(KnownParameters::Toy256) => {
            eprintln!(
                "note: this election uses the toy group {}: insecure, for tests only",
                Toy256::NAME
            );
            task.run::<Toy256>(record)
        }
        None => Err(Failure::bad_input(format!(
            "{}: p, q and g are not those of a parameter set scrutin knows",
            record
                .path(scrutin_record::v21::layout::CONSTANTS)
                .display()
        ))),
    }
}

/// Whether `P` is the standard group; elections on another group were created as tests on
/// purpose, so their records are verified with test parameters allowed.
pub fn is_test_group<P: ParameterSet>() -> bool {
    P::NAME != Standard::NAME
}

/// The verifier's options for a record of the group `P`.
pub fn verify_options<P: ParameterSet>() -> scrutin_verify::Options {
    scrutin_verify::Options {
        allow_test_parameters: is_test_group::<P>(),
        require_authorship: false,
    }
}

/// Runs the verifier up to `until` and fails with every failure it found.
fn verified<P: ParameterSet>(record: &RecordDir, until: Until) -> Result<Partial<P>, Failure> {
    let partial = verify_until::<P>(record, &verify_options::<P>(), until)?;
    if partial.report.is_valid() {
        return Ok(partial);
    }
    let failures: Vec<String> = partial.report.failures().map(|f| f.to_string()).collect();
    Err(Failure::invalid(format!(
        "the record in {} fails verification:\n  - {}",
        record.root().display(),
        failures.join("\n  - ")
    )))
}

fn incomplete(record: &RecordDir, what: &str) -> Failure {
    Failure::invalid(format!(
        "the record in {} cannot be verified far enough: {what}",
        record.root().display()
    ))
}

/// Verification 1: the manifest, n, k, H_P and H_B (`election create` done).
pub fn parameters<P: ParameterSet>(record: &RecordDir) -> Result<Parameters, Failure> {
    verified::<P>(record, Until::Parameters)?
        .parameters
        .ok_or_else(|| incomplete(record, "Verification 1"))
}

fn require_initialized(record: &RecordDir) -> Result<(), Failure> {
    if record.has(scrutin_record::v21::layout::ELECTION_INITIALIZED) {
        return Ok(());
    }
    Err(Failure::bad_input(format!(
        "{} is not initialized yet (no {}): the administrator runs `scrutin election \
         initialize` after the key ceremony",
        record.root().display(),
        scrutin_record::v21::layout::ELECTION_INITIALIZED
    )))
}

/// Verifications 1–4: also the guardians, K, K̂ and H_E (`election initialize` done).
pub fn setup<P: ParameterSet>(record: &RecordDir) -> Result<Setup<P>, Failure> {
    require_initialized(record)?;
    verified::<P>(record, Until::Setup)?
        .setup
        .ok_or_else(|| incomplete(record, "Verifications 2–4"))
}

/// Verifications 1–8 (`until` = `Ballots`) or 1–9 (`Aggregation`): also every ballot and
/// chain, and the published encrypted tally.
pub fn ballots<P: ParameterSet>(
    record: &RecordDir,
    until: Until,
) -> Result<(Setup<P>, BallotPass<P>), Failure> {
    require_initialized(record)?;
    let partial = verified::<P>(record, until)?;
    match (partial.setup, partial.ballots) {
        (Some(setup), Some(pass)) => Ok((setup, pass)),
        _ => Err(incomplete(record, "Verifications 5–8")),
    }
}
