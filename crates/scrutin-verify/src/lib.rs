//! # scrutin-verify
//!
//! The independent verifier. It reads an election record, recomputes everything from the
//! public data — never trusting a stored hash or total — and reports every verification box of
//! the specification with pass or fail. Failures name the step label of the specification
//! (e.g. `V6.D`) and the place in the record.
#![forbid(unsafe_code)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod failure_json;
pub mod report;

pub use report::{Outcome, Report, StepReport};

mod params_check;
/// The decoding errors and field checks, which live with the decoders in scrutin-record.
pub use scrutin_record::problem;
pub mod v20;
pub mod v21;

pub use params_check::KnownParameters;
pub use problem::Problem;
use scrutin_record::v21::layout::{RecordDir, ELECTION_CONFIG};
use scrutin_record::v21::source::RecordSource;
use scrutin_record::RecordError;

/// The built-in parameter set whose p, q and g are those of `constants`, if any.
pub fn known_parameters(
    constants: &scrutin_record::v21::wire::ConstantsJson,
) -> Option<KnownParameters> {
    params_check::identify(params_check::ConstantsText {
        p: &constants.large_prime,
        q: &constants.small_prime,
        r: &constants.cofactor,
        g: &constants.generator,
    })
}

/// How to verify.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Accept records made with a toy parameter set (tests and demos only). Without this, such a
    /// record fails Verification 1.B.
    pub allow_test_parameters: bool,
    /// Fail box 15 (`S15.roster`) when the record carries no authorship, instead of skipping
    /// it: records from a board always carry it, so one without is a record stripped of it.
    pub require_authorship: bool,
}

/// Verifies the record in `dir`, choosing the rules by the specification version it declares
/// (`election_config.json`'s `config_version`).
///
/// `Err` means the input cannot be read (exit code 2 of `scrutin verify`); a [`Report`] with
/// failures means the record is invalid (exit code 1).
pub fn verify_directory(
    dir: &std::path::Path,
    options: &Options,
) -> Result<Report, scrutin_record::RecordError> {
    let record = RecordDir::new(dir);
    match spec_version(&record)? {
        SpecVersion::V20 => v20::verify(dir, options),
        SpecVersion::V21 => v21::verify_source(&record, options),
    }
}

/// Verifies a record read through `record` (the board's store, files in memory, …), as
/// [`verify_directory`] does. Only 2.1 records are read this way: the egk 2.0 verifier reads a
/// directory ([`verify_directory`]).
pub fn verify_source(
    record: &dyn RecordSource,
    options: &Options,
) -> Result<Report, scrutin_record::RecordError> {
    match spec_version(record)? {
        SpecVersion::V20 => Err(RecordError::field(
            record.path(ELECTION_CONFIG),
            "config_version",
            "egk 2.0 records are verified from a directory",
        )),
        SpecVersion::V21 => v21::verify_source(record, options),
    }
}

/// The specification versions this verifier knows.
enum SpecVersion {
    V20,
    V21,
}

/// The version a record declares in `election_config.json`; the rest of the file is read by
/// each version's loader.
fn spec_version(record: &dyn RecordSource) -> Result<SpecVersion, RecordError> {
    #[derive(serde::Deserialize)]
    struct Version {
        config_version: String,
    }
    let file = record.path(ELECTION_CONFIG);
    let bytes = record.read(ELECTION_CONFIG, scrutin_record::FileKind::Record)?;
    let version: Version = scrutin_record::json_file::parse(&file, &bytes)?;
    match version.config_version.as_str() {
        "v2.0.0" | "v2.0" => Ok(SpecVersion::V20),
        "v2.1.0" => Ok(SpecVersion::V21),
        other => Err(RecordError::field(
            &file,
            "config_version",
            format!("unknown specification version {other:?} (known: v2.0.0, v2.1.0)"),
        )),
    }
}
