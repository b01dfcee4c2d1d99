//! The verifier for ElectionGuard 2.1 records made by scrutin (spec 2.1 §6.2, Verifications
//! 1–14; the specification's 15–19 concern pre-encrypted ballots, which scrutin does not
//! produce), and box 15, scrutin's authorship extension (`authorship/`).

mod authorship;
mod ballots;
mod challenged;
use scrutin_record::v21::decode;
mod setup;
mod tally;

pub use ballots::{check_ballot, BallotCheck, BallotPass};
pub use setup::Setup;

use crate::params_check::{identify, matches, ConstantsText, KnownParameters};
use crate::report::{Report, StepRecorder};
use crate::Options;
use scrutin_core::election::ElectionContext;
use scrutin_core::group::{ParameterSet, Standard, Toy256};
use scrutin_core::step::own::AUTHORSHIP_BOX;
use scrutin_core::step::v2_1::{V1_B, V1_C, V1_D};
use scrutin_core::{Location, Reason, VerifyError};
use scrutin_record::v21::layout::RecordDir;
use scrutin_record::v21::source::RecordSource;
use scrutin_record::v21::wire::ElectionInitializedJson;
use scrutin_record::RecordError;
use std::path::Path;

/// The titles of the verification boxes of spec 2.1 (§6.2), and of scrutin's authorship box.
pub const TITLES: [(u8, &str); 15] = [
    (1, "Parameter validation"),
    (2, "Guardian public-key validation"),
    (3, "Election public-key validation"),
    (4, "Extended base hash validation"),
    (5, "Uniqueness of selection encryption identifiers"),
    (6, "Well-formedness of selection encryptions"),
    (7, "Adherence to vote limits"),
    (8, "Validation of confirmation codes"),
    (9, "Correctness of ballot aggregation"),
    (10, "Correctness of tally decryptions"),
    (11, "Validation of contents of tallies"),
    (12, "Correctness of decryptions of contest data"),
    (13, "Correctness of decryptions for challenged ballots"),
    (
        14,
        "Validation of well-formedness and content of challenged ballots",
    ),
    (AUTHORSHIP_BOX, "Authorship (scrutin extension)"),
];

fn title(verification: u8) -> &'static str {
    TITLES
        .iter()
        .find(|(n, _)| *n == verification)
        .map_or("", |(_, t)| t)
}

fn recorder(verification: u8) -> StepRecorder {
    if verification == AUTHORSHIP_BOX {
        StepRecorder::own(verification, title(verification))
    } else {
        StepRecorder::new(verification, title(verification))
    }
}

/// Verifies a 2.1 record directory. `Err` means unreadable input; a `Report` with failures
/// means an invalid record.
pub fn verify(dir: &Path, options: &Options) -> Result<Report, RecordError> {
    verify_source(&RecordDir::new(dir), options)
}

/// Verifies a 2.1 record read through `record` (a directory, the board's store, …), as
/// [`verify`] does.
pub fn verify_source(record: &dyn RecordSource, options: &Options) -> Result<Report, RecordError> {
    let constants = record.constants()?;
    let text = ConstantsText {
        p: &constants.large_prime,
        q: &constants.small_prime,
        r: &constants.cofactor,
        g: &constants.generator,
    };
    match identify(text) {
        Some(KnownParameters::Standard) => Verifier::<Standard>::new(record, true, options).run(),
        Some(KnownParameters::Toy256) => Verifier::<Toy256>::new(record, false, options).run(),
        None => {
            let [same_p, same_q, same_r, same_g] = matches::<Standard>(text);
            let mut step = recorder(1);
            // r is not a lettered check of the specification; a record whose cofactor is not
            // (p − 1)/q of §3.1.1 does not use the standard parameters, reported under 1.B.
            let checks = [
                (same_p, V1_B, "p"),
                (same_r, V1_B, "the cofactor r"),
                (same_q, V1_C, "q"),
                (same_g, V1_D, "g"),
            ];
            for (ok, label, what) in checks {
                step.record(if ok {
                    Ok(())
                } else {
                    Err(VerifyError::new(
                        label,
                        Location::Election,
                        Reason::Malformed(format!("{what} is not the standard value of §3.1.1")),
                    ))
                });
            }
            let mut steps = vec![step.finish()];
            steps.extend((2..=14).chain([AUTHORSHIP_BOX]).map(|n| {
                let mut s = recorder(n);
                s.skip("the record's parameters are not the standard ones");
                s.finish()
            }));
            Ok(Report {
                spec_version: "v2.1.0".into(),
                parameters: "unknown".into(),
                steps,
            })
        }
    }
}

/// How far [`verify_until`] goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Until {
    /// Verification 1: parameters, H_P and H_B. Needs `constants.json`, `manifest.json` and
    /// `election_config.json` only.
    Parameters,
    /// Verifications 1–4: also the guardian record, the joint keys and H_E
    /// (`election_initialized.json`).
    Setup,
    /// Verifications 1–8: also every encrypted ballot and device chain.
    Ballots,
    /// Verifications 1–9: also `encrypted_tally.json` against the cast ballots.
    Aggregation,
}

/// What Verification 1 establishes, recomputed from the record.
#[derive(Clone, Debug)]
pub struct Parameters {
    /// The validated manifest.
    pub manifest: scrutin_record::v21::manifest::Manifest,
    /// n and k.
    pub counts: scrutin_core::parameters::GuardianCounts,
    /// H_P, recomputed.
    pub parameter_hash: scrutin_core::HValue,
    /// H_B, recomputed from the manifest's bytes.
    pub base_hash: scrutin_core::HValue,
}

/// The outcome of [`verify_until`]: the report of the boxes run, and what they establish
/// when they could be completed. The values are only trustworthy when
/// `report.is_valid()`.
pub struct Partial<P: ParameterSet> {
    /// The boxes run, in order (none beyond the one asked for).
    pub report: Report,
    /// Present when Verification 1 was completed.
    pub parameters: Option<Parameters>,
    /// Present when Verifications 2–4 were completed.
    pub setup: Option<Setup<P>>,
    /// Present when Verifications 5–8 ran.
    pub ballots: Option<BallotPass<P>>,
}

/// Verifies the first boxes of a 2.1 record made with the parameter set `P`, up to `until`,
/// for the roles that build on them: a voting device needs Verifications 1–4 before it
/// encrypts, the administrator 1–8 before it tallies, a guardian 1–9 before it decrypts
/// (§3.6.1). `Err` means unreadable input, or a record whose `constants.json` is not `P`.
pub fn verify_until<P: ParameterSet>(
    record: &dyn RecordSource,
    options: &Options,
    until: Until,
) -> Result<Partial<P>, RecordError> {
    let constants = record.constants()?;
    let text = ConstantsText {
        p: &constants.large_prime,
        q: &constants.small_prime,
        r: &constants.cofactor,
        g: &constants.generator,
    };
    if matches::<P>(text) != [true; 4] {
        return Err(RecordError::field(
            record.path(scrutin_record::v21::layout::CONSTANTS),
            ".",
            format!("not the parameter set {}", P::NAME),
        ));
    }
    let standard = identify(text) == Some(KnownParameters::Standard);
    let mut verifier = Verifier::<P>::new(record, standard, options);
    let mut partial = Partial {
        report: Report {
            spec_version: "v2.1.0".into(),
            parameters: P::NAME.into(),
            steps: Vec::new(),
        },
        parameters: None,
        setup: None,
        ballots: None,
    };
    partial.parameters = verifier.parameters()?;
    if until > Until::Parameters {
        if let Some(parameters) = partial.parameters.clone() {
            let initialized = verifier.record.initialized()?;
            partial.setup = verifier.setup(parameters, &initialized)?;
        }
    }
    if until > Until::Setup {
        if let Some(setup) = &partial.setup {
            let pass = verifier.ballots(setup)?;
            if until > Until::Ballots {
                verifier.aggregation(&pass)?;
            }
            partial.ballots = Some(pass);
        }
    }
    partial.report = verifier.report;
    Ok(partial)
}

/// The state of one verification run.
struct Verifier<'r, 'o, P: ParameterSet> {
    record: &'r dyn RecordSource,
    standard: bool,
    options: &'o Options,
    report: Report,
    _set: std::marker::PhantomData<P>,
}

impl<'r, 'o, P: ParameterSet> Verifier<'r, 'o, P> {
    fn new(record: &'r dyn RecordSource, standard: bool, options: &'o Options) -> Self {
        let report = Report {
            spec_version: "v2.1.0".into(),
            parameters: P::NAME.into(),
            steps: Vec::new(),
        };
        Verifier {
            record,
            standard,
            options,
            report,
            _set: std::marker::PhantomData,
        }
    }

    fn skip_from(&mut self, first: u8, reason: &str) {
        for n in first..=14 {
            let mut s = recorder(n);
            s.skip(reason);
            self.report.steps.push(s.finish());
        }
    }

    fn run(mut self) -> Result<Report, RecordError> {
        self.election_boxes()?;
        self.authorship()?;
        Ok(self.report)
    }

    /// Verifications 1–14.
    fn election_boxes(&mut self) -> Result<(), RecordError> {
        // Every file of the setup is read before any box runs, so that a missing file is
        // reported as unreadable input whatever Verification 1 finds.
        let initialized = self.record.initialized()?;
        let Some(parameters) = self.parameters()? else {
            self.skip_from(2, "Verification 1 could not be completed");
            return Ok(());
        };
        let Some(setup) = self.setup(parameters, &initialized)? else {
            return Ok(());
        };
        let pass = self.ballots(&setup)?;
        self.aggregation(&pass)?;
        self.decryption(&setup, &pass)
    }

    /// Box 15, authorship (scrutin extension): independent of the election's cryptography,
    /// so it runs whatever boxes 1–14 found.
    fn authorship(&mut self) -> Result<(), RecordError> {
        let mut v15 = recorder(AUTHORSHIP_BOX);
        authorship::verify_authorship(
            self.record,
            P::NAME,
            self.options.require_authorship,
            &mut v15,
        )?;
        self.report.steps.push(v15.finish());
        Ok(())
    }

    /// Verification 1.
    fn parameters(&mut self) -> Result<Option<Parameters>, RecordError> {
        let manifest = self.record.manifest()?;
        let config = self.record.config()?;
        let mut v1 = recorder(1);
        let result = setup::verify_parameters::<P>(
            self.record,
            &manifest,
            &config,
            self.standard,
            self.options.allow_test_parameters,
            &mut v1,
        );
        let parameters = match result {
            Ok((counts, parameter_hash, base_hash)) => Some(Parameters {
                manifest,
                counts,
                parameter_hash,
                base_hash,
            }),
            Err(crate::problem::Problem::Unreadable(e)) => return Err(e),
            Err(crate::problem::Problem::Invalid(e)) => {
                v1.record(Err(e));
                None
            }
        };
        self.report.steps.push(v1.finish());
        Ok(parameters)
    }

    /// Verifications 2–4; `None` (with the later boxes skipped) when they cannot be completed.
    fn setup(
        &mut self,
        parameters: Parameters,
        initialized: &ElectionInitializedJson,
    ) -> Result<Option<Setup<P>>, RecordError> {
        let Parameters {
            manifest,
            counts,
            parameter_hash: hp,
            base_hash: hb,
        } = parameters;
        let mut v2 = recorder(2);
        let guardians =
            setup::verify_guardians::<P>(self.record, initialized, counts, &hp, &mut v2)?;
        self.report.steps.push(v2.finish());
        let Some(guardians) = guardians else {
            self.skip_from(3, "a guardian public key could not be decoded");
            return Ok(None);
        };

        let mut v3 = recorder(3);
        let keys = setup::verify_joint::<P>(self.record, initialized, &guardians, &hb, &mut v3)?;
        self.report.steps.push(v3.finish());
        let Some((vote_key, data_key)) = keys else {
            self.skip_from(4, "the joint keys could not be computed");
            return Ok(None);
        };

        // Everything below is bound to values recomputed here, never to stored hashes.
        let context = ElectionContext::new(counts, &manifest.bytes, vote_key, data_key);
        let mut v4 = recorder(4);
        setup::verify_extended_hash(self.record, initialized, &context, &mut v4)?;
        self.report.steps.push(v4.finish());
        Ok(Some(Setup {
            manifest,
            context,
            guardians,
        }))
    }

    /// Verifications 5–8.
    fn ballots(&mut self, setup: &Setup<P>) -> Result<BallotPass<P>, RecordError> {
        let mut steps = ballots::BallotSteps {
            v5: recorder(5),
            v6: recorder(6),
            v7: recorder(7),
            v8: recorder(8),
        };
        let pass = ballots::verify_ballots(self.record, setup, &mut steps)?;
        if pass.total == 0 {
            for s in [&mut steps.v5, &mut steps.v6, &mut steps.v7, &mut steps.v8] {
                s.skip("the record has no ballots");
            }
        }
        for s in [steps.v5, steps.v6, steps.v7, steps.v8] {
            self.report.steps.push(s.finish());
        }
        Ok(pass)
    }

    /// Verification 9.
    fn aggregation(&mut self, pass: &BallotPass<P>) -> Result<(), RecordError> {
        let mut v9 = recorder(9);
        let encrypted_tally = self.record.encrypted_tally()?;
        tally::verify_aggregation(
            self.record,
            &encrypted_tally,
            &pass.recomputed,
            &pass.cast_ids,
            &mut v9,
        )?;
        self.report.steps.push(v9.finish());
        Ok(())
    }

    /// Verifications 10–14.
    fn decryption(&mut self, setup: &Setup<P>, pass: &BallotPass<P>) -> Result<(), RecordError> {
        let mut v10 = recorder(10);
        let mut v11 = recorder(11);
        let decrypted = self.record.tally()?;
        tally::verify_decryption(
            self.record,
            setup,
            &decrypted,
            &pass.recomputed,
            &mut v10,
            &mut v11,
        )?;
        self.report.steps.extend([v10.finish(), v11.finish()]);

        let mut v12 = recorder(12);
        v12.skip("the record decrypts no contest data of cast ballots (challenged ballots' data is checked by V13)");
        self.report.steps.push(v12.finish());

        let mut v13 = recorder(13);
        let mut v14 = recorder(14);
        challenged::verify_challenged(self.record, setup, &pass.challenged, &mut v13, &mut v14)?;
        self.report.steps.extend([v13.finish(), v14.finish()]);
        Ok(())
    }
}
