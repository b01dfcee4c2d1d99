//! `scrutin decrypt combine`: the administrator combines the guardians' three rounds into the
//! decrypted tally with its proofs (equations 86–93) and the opened challenged ballots
//! (§3.6.7), names any guardian whose message fails (Note 3.7), has the administrator sign
//! the results where the record has a roster, and verifies the finished record.

use super::super::context::{self, GroupTask};
use super::super::failure::Failure;
use super::super::opening::open_challenged;
use super::super::{files, results, verify};
use super::batches::Batches;
use super::messages;
use super::protocol_failure;
use crate::cli::CombineArgs;
use scrutin_core::decryption::{Combiner, DecryptedTally, Quorum};
use scrutin_core::dlog::DiscreteLog;
use scrutin_core::{Element, ParameterSet};
use scrutin_record::v21::encode as enc;
use scrutin_record::v21::layout::{self, RecordDir};
use scrutin_record::v21::source::RecordSource;
use scrutin_record::v21::working_layout::Round;

/// `decrypt combine`.
pub struct Combine<'a>(pub &'a CombineArgs);

impl GroupTask for Combine<'_> {
    fn run<P: ParameterSet>(self, record: &RecordDir) -> Result<(), Failure> {
        let setup = context::setup::<P>(record)?;
        let ctx = setup.context();
        let attempt = messages::Attempt::latest(record)?;
        let senders = attempt.senders(Round::Commit)?;
        let Some(first) = senders.first() else {
            return Err(Failure::bad_input(format!(
                "no guardian has committed in {} yet",
                record.attempt_dir(attempt.number).display()
            )));
        };
        let header = messages::commit_header(attempt, *first)?;
        let quorum = Quorum::new(ctx.counts, &header.available).map_err(|e| {
            Failure::invalid(format!(
                "{}: available_guardians: {e}",
                attempt.path(Round::Commit, *first).display()
            ))
        })?;
        if let Some(restarted) = attempt.restarted_with()? {
            if restarted != header.available {
                return Err(Failure::invalid(format!(
                    "the restart of attempt {} names guardians {restarted:?}, its messages U = \
                     {:?}",
                    attempt.number, header.available
                )));
            }
        }
        if let Some(stray) = senders.iter().find(|j| !quorum.contains(**j)) {
            return Err(Failure::invalid(format!(
                "guardian {stray} committed but is not in U = {:?}",
                quorum.members()
            )));
        }
        let batches = Batches::<P>::from_record(record, &header.challenged)?;
        let commits = messages::read_commits(attempt, &quorum, &header.challenged)?;
        let reveals = messages::read_reveals(attempt, &quorum, &header.challenged)?;
        let responses = messages::read_responses(attempt, &quorum, &header.challenged)?;

        // The commitments K_{j,m} and K̂_{j,m} of guardians 1..=n, to name a guardian whose
        // response fails (equation 94).
        let mut guardians: Vec<_> = setup.guardians().iter().collect();
        guardians.sort_by_key(|g| g.index);
        let vote: Vec<Vec<Element<P>>> = guardians
            .iter()
            .map(|g| g.vote_commitments.clone())
            .collect();
        let data: Vec<Vec<Element<P>>> = guardians
            .iter()
            .map(|g| g.data_commitments.clone())
            .collect();

        let joint = Combiner::new(ctx, &quorum, batches.tally.clone(), &vote)
            .and_then(|c| c.combine(&commits.tally, &reveals.tally, &responses.tally))
            .map_err(protocol_failure)?;
        let encrypted = record.encrypted_tally()?;
        let dlog = DiscreteLog::new_vartime(
            &ctx.vote_key,
            tally_bound(setup.manifest(), encrypted.cast_ballot_ids.len()),
        );
        let decrypted =
            DecryptedTally::from_joint(&batches.tally, joint, &dlog).map_err(protocol_failure)?;
        files::write(
            &record.path(layout::TALLY),
            &enc::decrypted_tally(
                setup.manifest(),
                &encrypted.tally_id,
                quorum.members(),
                &batches.encrypted_tally,
                &decrypted,
            ),
        )?;

        let nonces = Combiner::new(ctx, &quorum, batches.nonces.clone(), &data)
            .and_then(|c| c.combine(&commits.nonces, &reveals.nonces, &responses.nonces))
            .map_err(protocol_failure)?;
        for (ballot, joint) in batches.challenged.iter().zip(nonces) {
            let json = open_challenged(setup.manifest(), ctx, ballot, &joint.value)
                .map_err(Failure::invalid)?;
            files::write(&record.challenged_path(&ballot.name), &json)?;
        }
        println!(
            "guardians {:?} decrypted the tally and opened {} challenged ballot(s)",
            quorum.members(),
            batches.challenged.len()
        );
        if let Some(signed) = results::sign(record, self.0.identity.as_deref(), &self.0.passphrase)?
        {
            println!("{signed}");
        }
        println!();

        let report =
            scrutin_verify::verify_directory(record.root(), &context::verify_options::<P>())?;
        verify::print_table(&report);
        println!();
        verify::print_tally(&record.tally()?);
        println!();
        println!("Election record: {}", record.root().display());
        if report.is_valid() {
            Ok(())
        } else {
            Err(Failure::invalid("the finished record fails verification"))
        }
    }
}

/// The largest count an option can reach: every cast ballot (weight 1) giving it the
/// largest option limit R of the manifest.
fn tally_bound(manifest: &scrutin_record::v21::manifest::Manifest, cast: usize) -> u64 {
    let limit = manifest
        .contests
        .iter()
        .map(|c| c.spec.option_limit)
        .max()
        .unwrap_or(1);
    u64::try_from(cast)
        .unwrap_or(u64::MAX)
        .saturating_mul(limit)
}
