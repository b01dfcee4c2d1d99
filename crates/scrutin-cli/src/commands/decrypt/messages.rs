//! The guardians' decryption messages as files of `decryption/`: one file per guardian and
//! round, each holding its message for both batches (docs/record-format.md, "Working files of
//! the roles"), in the folder of the decryption's latest attempt ([`Attempt`]: `decryption/`
//! itself, or `decryption/attempt-<n>/` after the administrator's restart n). Reading checks that every message is from the guardian its file names, for the
//! same set U and the same challenged ballots; a value of the wrong width or outside the group
//! is unreadable input naming the file and field.

use super::super::failure::Failure;
use super::super::files;
use scrutin_core::decryption::{CommitmentMessage, Quorum, ResponseMessage, RevealMessage};
use scrutin_core::ParameterSet;
use scrutin_record::v21::layout::RecordDir;
use scrutin_record::v21::working::DecryptionRestartJson;
use scrutin_record::v21::working::{
    DecryptionCommitmentJson, DecryptionResponseJson, DecryptionRevealJson,
};
use scrutin_record::v21::working_decode as wdec;
use scrutin_record::v21::working_encode as wenc;
use scrutin_record::v21::working_layout::Round;
use scrutin_record::RecordError;
use scrutin_record::{json_file, FileKind};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// The attempt of the decryption whose messages a command reads and writes: the latest, begun
/// by the record's last restart (`decryption/restart-<n>.json`), or the first when there is
/// none.
#[derive(Clone, Copy)]
pub struct Attempt<'a> {
    /// The record.
    pub record: &'a RecordDir,
    /// The attempt's number n.
    pub number: u32,
}

impl<'a> Attempt<'a> {
    /// The latest attempt of `record`.
    pub fn latest(record: &'a RecordDir) -> Result<Self, Failure> {
        Ok(Attempt {
            record,
            number: record.latest_attempt()?,
        })
    }

    /// The file of guardian `guardian`'s message of `round` in this attempt.
    pub fn path(&self, round: Round, guardian: u32) -> PathBuf {
        self.record
            .attempt_message_path(self.number, round, guardian)
    }

    /// The guardians with a message of `round` in this attempt, increasing.
    pub fn senders(&self, round: Round) -> Result<Vec<u32>, Failure> {
        Ok(self.record.attempt_message_senders(self.number, round)?)
    }

    /// The set U the administrator's restart fixed for this attempt; `None` for the first
    /// attempt, whose U its first message fixes.
    pub fn restarted_with(&self) -> Result<Option<Vec<u32>>, Failure> {
        if self.number <= scrutin_record::v21::working_attempts::FIRST_ATTEMPT {
            return Ok(None);
        }
        let file = self.record.restart_path(self.number);
        let restart: DecryptionRestartJson = json_file::read(&file, FileKind::Record)?;
        if restart.attempt != self.number {
            return Err(Failure::invalid(format!(
                "{}: the restart begins attempt {}",
                file.display(),
                restart.attempt
            )));
        }
        Ok(Some(restart.available_guardians))
    }
}

/// What every message states besides its values: its sender, U and the challenged ballots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The sender i.
    pub guardian: u32,
    /// U, increasing.
    pub available: Vec<u32>,
    /// The challenged ballots, in batch order.
    pub challenged: Vec<String>,
}

/// A round's messages for the two batches: the tally's and the ballot nonces'.
pub struct Both<M> {
    /// The tally batch.
    pub tally: Vec<M>,
    /// The ballot-nonce batch.
    pub nonces: Vec<M>,
}

/// A wire message of one round.
trait Wire: DeserializeOwned {
    fn header(&self) -> Header;
}

impl Wire for DecryptionCommitmentJson {
    fn header(&self) -> Header {
        Header {
            guardian: self.guardian,
            available: self.available_guardians.clone(),
            challenged: self.challenged_ballot_ids.clone(),
        }
    }
}

impl Wire for DecryptionRevealJson {
    fn header(&self) -> Header {
        Header {
            guardian: self.guardian,
            available: self.available_guardians.clone(),
            challenged: self.challenged_ballot_ids.clone(),
        }
    }
}

impl Wire for DecryptionResponseJson {
    fn header(&self) -> Header {
        Header {
            guardian: self.guardian,
            available: self.available_guardians.clone(),
            challenged: self.challenged_ballot_ids.clone(),
        }
    }
}

/// Reads the header of guardian `guardian`'s round-1 message.
pub fn commit_header(attempt: Attempt<'_>, guardian: u32) -> Result<Header, Failure> {
    let file = attempt.path(Round::Commit, guardian);
    let json: DecryptionCommitmentJson = json_file::read(&file, FileKind::Record)?;
    let header = json.header();
    if header.guardian != guardian {
        return Err(Failure::invalid(format!(
            "{}: the message is from guardian {}",
            file.display(),
            header.guardian
        )));
    }
    Ok(header)
}

/// Reads the message of `round` of every member of U (`quorum`), checks that each names its
/// sender, U and the challenged ballots as expected, and decodes each with `decode`.
fn read_round<J: Wire, M>(
    attempt: Attempt<'_>,
    round: Round,
    quorum: &[u32],
    challenged: &[String],
    decode: impl Fn(&Path, &J) -> Result<(M, M), RecordError>,
) -> Result<Both<M>, Failure> {
    let mut both = Both {
        tally: Vec::new(),
        nonces: Vec::new(),
    };
    for &guardian in quorum {
        let file = attempt.path(round, guardian);
        if !file.exists() {
            return Err(Failure::bad_input(format!(
                "waiting for guardian {guardian}: {} does not exist yet (guardian {guardian} runs \
                 `scrutin decrypt {}`)",
                file.display(),
                match round {
                    Round::Commit => "commit",
                    Round::Reveal => "reveal",
                    Round::Respond => "respond",
                }
            )));
        }
        let json: J = json_file::read(&file, FileKind::Record)?;
        let expected = Header {
            guardian,
            available: quorum.to_vec(),
            challenged: challenged.to_vec(),
        };
        let found = json.header();
        if found != expected {
            return Err(Failure::invalid(format!(
                "{}: the message is from guardian {} for U = {:?} and challenged ballots {:?}; \
                 expected guardian {guardian}, U = {:?} and {:?}",
                file.display(),
                found.guardian,
                found.available,
                found.challenged,
                expected.available,
                expected.challenged
            )));
        }
        let (tally, nonces) = decode(&file, &json)?;
        both.tally.push(tally);
        both.nonces.push(nonces);
    }
    Ok(both)
}

/// Every member's round-1 message.
pub fn read_commits<P: ParameterSet>(
    attempt: Attempt<'_>,
    quorum: &Quorum<P>,
    challenged: &[String],
) -> Result<Both<CommitmentMessage<P>>, Failure> {
    read_round(
        attempt,
        Round::Commit,
        quorum.members(),
        challenged,
        wdec::commitments,
    )
}

/// Every member's round-2 message.
pub fn read_reveals<P: ParameterSet>(
    attempt: Attempt<'_>,
    quorum: &Quorum<P>,
    challenged: &[String],
) -> Result<Both<RevealMessage<P>>, Failure> {
    read_round(
        attempt,
        Round::Reveal,
        quorum.members(),
        challenged,
        wdec::reveals,
    )
}

/// Every member's round-3 message.
pub fn read_responses<P: ParameterSet>(
    attempt: Attempt<'_>,
    quorum: &Quorum<P>,
    challenged: &[String],
) -> Result<Both<ResponseMessage<P>>, Failure> {
    read_round(
        attempt,
        Round::Respond,
        quorum.members(),
        challenged,
        wdec::responses,
    )
}

/// Writes guardian i's round-1 message (never replacing one).
pub fn write_commit<P: ParameterSet>(
    attempt: Attempt<'_>,
    header: &Header,
    tally: &CommitmentMessage<P>,
    nonces: &CommitmentMessage<P>,
) -> Result<(), Failure> {
    files::write_new(
        &attempt.path(Round::Commit, header.guardian),
        &DecryptionCommitmentJson {
            guardian: header.guardian,
            available_guardians: header.available.clone(),
            challenged_ballot_ids: header.challenged.clone(),
            tally: wenc::partials(tally),
            ballot_nonces: wenc::partials(nonces),
        },
    )
}

/// Writes guardian i's round-2 message (revealing is deterministic, so a repeated reveal
/// writes the same message again).
pub fn write_reveal<P: ParameterSet>(
    attempt: Attempt<'_>,
    header: &Header,
    tally: &RevealMessage<P>,
    nonces: &RevealMessage<P>,
) -> Result<(), Failure> {
    files::write(
        &attempt.path(Round::Reveal, header.guardian),
        &DecryptionRevealJson {
            guardian: header.guardian,
            available_guardians: header.available.clone(),
            challenged_ballot_ids: header.challenged.clone(),
            tally: wenc::pairs(tally),
            ballot_nonces: wenc::pairs(nonces),
        },
    )
}

/// Writes guardian i's round-3 message.
pub fn write_response<P: ParameterSet>(
    attempt: Attempt<'_>,
    header: &Header,
    tally: &ResponseMessage<P>,
    nonces: &ResponseMessage<P>,
) -> Result<(), Failure> {
    files::write_new(
        &attempt.path(Round::Respond, header.guardian),
        &DecryptionResponseJson {
            guardian: header.guardian,
            available_guardians: header.available.clone(),
            challenged_ballot_ids: header.challenged.clone(),
            tally: wenc::responses(tally),
            ballot_nonces: wenc::responses(nonces),
        },
    )
}
