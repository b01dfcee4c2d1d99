//! `scrutin tally`: the administrator verifies every ballot and device chain (Verifications
//! 1–8) and writes the aggregate of the cast ballots to `encrypted_tally.json` (§3.5). The
//! aggregate written is the one the verifier recomputes, so Verification 9 holds by
//! construction.

use super::context::{self, in_group, GroupTask};
use super::failure::{finish, Failure};
use super::files;
use crate::cli::TallyArgs;
use crate::exit::Exit;
use scrutin_core::ParameterSet;
use scrutin_record::v21::encode as enc;
use scrutin_record::v21::layout::{self, RecordDir};
use scrutin_record::v21::working_layout::Round;
use scrutin_verify::v21::Until;

/// The `tally_id` of the tallies scrutin writes.
pub const TALLY_ID: &str = "tally";

/// Runs `scrutin tally`.
pub fn run(args: &TallyArgs) -> Exit {
    finish(in_group(&RecordDir::new(&args.record), args))
}

impl GroupTask for &TallyArgs {
    fn run<P: ParameterSet>(self, record: &RecordDir) -> Result<(), Failure> {
        let started = !record.message_senders(Round::Commit)?.is_empty()
            || record.latest_attempt()? > scrutin_record::v21::working_attempts::FIRST_ATTEMPT;
        if record.has(layout::TALLY) || started {
            return Err(Failure::bad_input(format!(
                "the decryption of {} has started already: the encrypted tally is not replaced",
                record.root().display()
            )));
        }
        let (setup, pass) = context::ballots::<P>(record, Until::Ballots)?;
        let cast: Vec<String> = pass.cast_ids.iter().cloned().collect();
        let json = enc::encrypted_tally(setup.manifest(), TALLY_ID, &pass.recomputed, cast);
        files::write(&record.path(layout::ENCRYPTED_TALLY), &json)?;
        println!(
            "{} ballots verified (Verifications 1–8): {} cast, {} challenged",
            pass.total,
            pass.cast_ids.len(),
            pass.challenged.len()
        );
        println!(
            "encrypted tally of the cast ballots: {}",
            record.path(layout::ENCRYPTED_TALLY).display()
        );
        println!(
            "next: the available guardians run `scrutin decrypt commit --record {} --key-share \
             FILE --state FILE --guardians LIST`",
            record.root().display()
        );
        Ok(())
    }
}
