//! `scrutin decrypt commit | reveal | respond | combine`: the three rounds of verifiable
//! decryption (§3.6.5) run by each available guardian in its own process, through the message
//! files of `decryption/` (of the latest attempt, after the administrator restarted a stalled
//! decryption: `messages::Attempt`), and the administrator's combination into `tally.json`
//! and the opened challenged ballots (§3.6.7).
//!
//! Every round covers two batches at once: the tally, decrypted with the vote key shares
//! z_i, and the ballot nonces of the challenged ballots, decrypted with the data key shares
//! ẑ_i. A guardian's one-time secrets u_i live in its state file between rounds; `respond`
//! deletes the file before it publishes the responses, so no u_i ever answers two challenges.

mod batches;
mod combine;
mod messages;
mod state;

use super::context::{self, in_group, GroupTask};
use super::failure::{finish, Failure};
use super::files;
use super::secret_files::SecretFiles;
use crate::cli::{DecryptCommand, GuardianRoundArgs};
use crate::exit::Exit;
use batches::Batches;
use messages::{Attempt, Header};
use rand_core::OsRng;
use scrutin_core::ceremony::{public_key_share, GuardianKeyShare, KeyKind};
use scrutin_core::decryption::{
    DataTarget, DecryptionError, DecryptionSession, Quorum, TallyTarget,
};
use scrutin_core::ParameterSet;
use scrutin_record::v21::layout::RecordDir;
use scrutin_record::v21::working_layout::Round;
use scrutin_verify::v21::{Setup, Until};
use zeroize::Zeroizing;

type TallySession<P> = DecryptionSession<P, TallyTarget<P>>;
type NonceSession<P> = DecryptionSession<P, DataTarget<P>>;

/// Runs a `scrutin decrypt` command.
pub fn run(command: &DecryptCommand) -> Exit {
    finish(match command {
        DecryptCommand::Commit(args) => in_group(&RecordDir::new(&args.record), Commit(args)),
        DecryptCommand::Reveal(args) => in_group(&RecordDir::new(&args.record), Reveal(args)),
        DecryptCommand::Respond(args) => in_group(&RecordDir::new(&args.record), Respond(args)),
        DecryptCommand::Combine(args) => {
            in_group(&RecordDir::new(&args.record), combine::Combine(args))
        }
    })
}

/// A failure of the protocol: a guardian's bad message is an invalid record naming the
/// guardian (exit 1), a bad set of guardians is bad input.
fn protocol_failure(error: DecryptionError) -> Failure {
    match error {
        DecryptionError::OwnMessageAltered => Failure::invalid(
            "this guardian's round-1 message in decryption/ is not the one its state file \
             gives: the record, the message or the state changed since `decrypt commit`",
        ),
        DecryptionError::QuorumTooSmall { .. }
        | DecryptionError::UnknownGuardian(_)
        | DecryptionError::DuplicateGuardian(_)
        | DecryptionError::SecretFile(_)
        | DecryptionError::StateMismatch(_) => Failure::bad_input(error.to_string()),
        DecryptionError::TallyOutOfRange { .. } | DecryptionError::WrongDiscreteLogBase => {
            Failure::failed(error.to_string())
        }
        _ => Failure::invalid(error.to_string()),
    }
}

/// A guardian taking part: its key share, checked against the guardians' published
/// commitments, and the set U it decrypts with.
struct Participant<P: ParameterSet> {
    share: GuardianKeyShare<P>,
    quorum: Quorum<P>,
}

impl<P: ParameterSet> Participant<P> {
    fn load(
        args: &GuardianRoundArgs,
        secret_files: &SecretFiles,
        setup: &Setup<P>,
    ) -> Result<Self, Failure> {
        let bytes = secret_files.read(&args.key_share)?;
        let share = GuardianKeyShare::<P>::from_secret_bytes(&bytes)
            .map_err(|e| Failure::bad_input(format!("{}: {e}", args.key_share.display())))?;
        let index = share.index();
        // g^(z_i) must be the g^(P(i)) that every guardian's commitments give (equation 94):
        // a key share of another election or guardian would only produce failing proofs.
        let matches = index <= setup.context().counts.n
            && share.vote_share().g_pow()
                == public_key_share(setup.guardians(), index, KeyKind::Vote)
            && share.data_share().g_pow()
                == public_key_share(setup.guardians(), index, KeyKind::Data);
        if !matches {
            return Err(Failure::bad_input(format!(
                "{}: not guardian {index}'s key share for this election",
                args.key_share.display()
            )));
        }
        let quorum = Quorum::new(setup.context().counts, &args.guardians)
            .map_err(|e| Failure::bad_input(format!("--guardians: {e}")))?;
        if !quorum.contains(index) {
            return Err(Failure::bad_input(format!(
                "--guardians {:?} does not include guardian {index}, whose key share this is",
                args.guardians
            )));
        }
        Ok(Participant { share, quorum })
    }

    fn index(&self) -> u32 {
        self.share.index()
    }

    fn header(&self, challenged: Vec<String>) -> Header {
        Header {
            guardian: self.index(),
            available: self.quorum.members().to_vec(),
            challenged,
        }
    }

    /// Restores the two round-1 sessions from the state file.
    fn restore(
        &self,
        args: &GuardianRoundArgs,
        secret_files: &SecretFiles,
        setup: &Setup<P>,
        batches: &Batches<P>,
    ) -> Result<(TallySession<P>, NonceSession<P>), Failure> {
        let bytes = secret_files.read(&args.state)?;
        let bad = |what: String| Failure::bad_input(format!("{}: {what}", args.state.display()));
        let parts = state::split(&bytes).map_err(|e| bad(e.to_string()))?;
        let [tally, nonces] = parts.as_slice() else {
            return Err(bad("expected two stored sessions".into()));
        };
        let ctx = setup.context();
        let i = self.index();
        let tally = TallySession::from_secret_bytes(
            tally,
            ctx,
            i,
            self.share.vote_share(),
            &self.quorum,
            batches.tally.clone(),
        )
        .map_err(|e| bad(e.to_string()))?;
        let nonces = NonceSession::from_secret_bytes(
            nonces,
            ctx,
            i,
            self.share.data_share(),
            &self.quorum,
            batches.nonces.clone(),
        )
        .map_err(|e| bad(e.to_string()))?;
        Ok((tally, nonces))
    }
}

/// `decrypt commit`.
struct Commit<'a>(&'a GuardianRoundArgs);

impl GroupTask for Commit<'_> {
    fn run<P: ParameterSet>(self, record: &RecordDir) -> Result<(), Failure> {
        let args = self.0;
        if args.state.exists() {
            return Err(Failure::bad_input(format!(
                "{} exists already: a state file is never overwritten (a guardian commits once)",
                args.state.display()
            )));
        }
        // §3.6.1: a guardian decrypts only a tally it has verified.
        let (setup, pass) = context::ballots::<P>(record, Until::Aggregation)?;
        let secret_files = SecretFiles::new(&args.passphrase);
        let me = Participant::load(args, &secret_files, &setup)?;
        let i = me.index();
        let attempt = Attempt::latest(record)?;
        let own = attempt.path(Round::Commit, i);
        if own.exists() {
            return Err(Failure::bad_input(format!(
                "guardian {i} has committed already: {}",
                own.display()
            )));
        }
        let batches = Batches::from_pass(&pass);
        let header = me.header(batches.challenged_ids());
        if let Some(restarted) = attempt.restarted_with()? {
            if restarted != header.available {
                return Err(Failure::bad_input(format!(
                    "the administrator restarted the decryption as attempt {} with guardians \
                     {restarted:?}: run this round with --guardians {restarted:?}",
                    attempt.number
                )));
            }
        }
        for j in attempt.senders(Round::Commit)? {
            let theirs = messages::commit_header(attempt, j)?;
            if (&theirs.available, &theirs.challenged) != (&header.available, &header.challenged) {
                return Err(Failure::bad_input(format!(
                    "guardian {j} committed for U = {:?} and challenged ballots {:?}; every \
                     guardian must decrypt the same (--guardians {:?}, challenged {:?})",
                    theirs.available, theirs.challenged, header.available, header.challenged
                )));
            }
        }
        let ctx = setup.context();
        let (tally, tally_message) = TallySession::start(
            &mut OsRng,
            ctx,
            i,
            me.share.vote_share(),
            &me.quorum,
            batches.tally.clone(),
        )
        .map_err(protocol_failure)?;
        let (nonces, nonce_message) = NonceSession::start(
            &mut OsRng,
            ctx,
            i,
            me.share.data_share(),
            &me.quorum,
            batches.nonces.clone(),
        )
        .map_err(protocol_failure)?;
        let sessions: [Zeroizing<Vec<u8>>; 2] = [tally.to_secret_bytes(), nonces.to_secret_bytes()];
        secret_files.write(&args.state, &state::join(&sessions))?;
        messages::write_commit(attempt, &header, &tally_message, &nonce_message)?;
        println!(
            "guardian {i} committed to its partial decryptions of {} tally options and of the \
             ballot nonces of {} challenged ballot(s): {}",
            batches.tally.len(),
            batches.nonces.len(),
            own.display()
        );
        println!(
            "  state          {} (secret, encrypted with the key share's passphrase; keep it \
             until `decrypt respond`)",
            args.state.display()
        );
        println!(
            "next: when guardians {:?} have all committed, each runs `scrutin decrypt reveal`",
            header.available
        );
        Ok(())
    }
}

/// `decrypt reveal`.
struct Reveal<'a>(&'a GuardianRoundArgs);

impl GroupTask for Reveal<'_> {
    fn run<P: ParameterSet>(self, record: &RecordDir) -> Result<(), Failure> {
        let args = self.0;
        let secret_files = SecretFiles::new(&args.passphrase);
        let Resumed {
            me,
            header,
            batches,
            setup,
            attempt,
        } = resume::<P>(record, args, &secret_files)?;
        let i = me.index();
        let (tally, nonces) = me.restore(args, &secret_files, &setup, &batches)?;
        let commits = messages::read_commits(attempt, &me.quorum, &header.challenged)?;
        let (_, tally_reveal) = tally.reveal(&commits.tally).map_err(protocol_failure)?;
        let (_, nonce_reveal) = nonces.reveal(&commits.nonces).map_err(protocol_failure)?;
        messages::write_reveal(attempt, &header, &tally_reveal, &nonce_reveal)?;
        println!(
            "guardian {i} revealed its commitments: {}",
            attempt.path(Round::Reveal, i).display()
        );
        println!(
            "next: when guardians {:?} have all revealed, each runs `scrutin decrypt respond`",
            header.available
        );
        Ok(())
    }
}

/// `decrypt respond`.
struct Respond<'a>(&'a GuardianRoundArgs);

impl GroupTask for Respond<'_> {
    fn run<P: ParameterSet>(self, record: &RecordDir) -> Result<(), Failure> {
        let args = self.0;
        let secret_files = SecretFiles::new(&args.passphrase);
        let Resumed {
            me,
            header,
            batches,
            setup,
            attempt,
        } = resume::<P>(record, args, &secret_files)?;
        let i = me.index();
        let own = attempt.path(Round::Respond, i);
        if own.exists() {
            return Err(Failure::bad_input(format!(
                "guardian {i} has responded already: {}",
                own.display()
            )));
        }
        let (tally, nonces) = me.restore(args, &secret_files, &setup, &batches)?;
        let commits = messages::read_commits(attempt, &me.quorum, &header.challenged)?;
        let reveals = messages::read_reveals(attempt, &me.quorum, &header.challenged)?;
        let (tally, _) = tally.reveal(&commits.tally).map_err(protocol_failure)?;
        let (nonces, _) = nonces.reveal(&commits.nonces).map_err(protocol_failure)?;
        // Every d_j is checked here; a guardian whose reveal does not match is named.
        let tally_response = tally.respond(&reveals.tally).map_err(protocol_failure)?;
        let nonce_response = nonces.respond(&reveals.nonces).map_err(protocol_failure)?;
        // The u_i must answer this challenge only: the state goes before the responses are
        // published, so that a failure in between leaves nothing to answer a second one with.
        files::delete_secret(&args.state)?;
        messages::write_response(attempt, &header, &tally_response, &nonce_response)?;
        println!("guardian {i} responded: {}", own.display());
        println!("  state          {} deleted", args.state.display());
        println!(
            "next: when guardians {:?} have all responded, the administrator runs `scrutin \
             decrypt combine --record {}`",
            header.available,
            record.root().display()
        );
        Ok(())
    }
}

/// What rounds 2 and 3 start from.
struct Resumed<'a, P: ParameterSet> {
    /// The guardian.
    me: Participant<P>,
    /// Its round-1 message's header.
    header: Header,
    /// The batches that header names.
    batches: Batches<P>,
    /// The verified setup.
    setup: Setup<P>,
    /// The attempt the guardian committed in, the record's latest.
    attempt: Attempt<'a>,
}

/// Loads what rounds 2 and 3 start from.
fn resume<'a, P: ParameterSet>(
    record: &'a RecordDir,
    args: &GuardianRoundArgs,
    secret_files: &SecretFiles,
) -> Result<Resumed<'a, P>, Failure> {
    let setup = context::setup::<P>(record)?;
    let me = Participant::load(args, secret_files, &setup)?;
    let i = me.index();
    let attempt = Attempt::latest(record)?;
    if !attempt.path(Round::Commit, i).exists() {
        return Err(Failure::bad_input(format!(
            "guardian {i} has not committed in attempt {} of the decryption: run `scrutin \
             decrypt commit` first",
            attempt.number
        )));
    }
    let header = messages::commit_header(attempt, i)?;
    if header.available != me.quorum.members() {
        return Err(Failure::bad_input(format!(
            "guardian {i} committed for U = {:?}, not --guardians {:?}",
            header.available, args.guardians
        )));
    }
    let batches = Batches::from_record(record, &header.challenged)?;
    Ok(Resumed {
        me,
        header,
        batches,
        setup,
        attempt,
    })
}
