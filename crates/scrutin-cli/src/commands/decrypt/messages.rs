//! The guardians' decryption messages as files of `decryption/`: one file per guardian and
//! round, each holding its message for both batches (docs/record-format.md, "Working files of
//! the roles"). Reading checks that every message is from the guardian its file names, for the
//! same set U and the same challenged ballots; a value of the wrong width or outside the group
//! is unreadable input naming the file and field.

use super::super::failure::Failure;
use super::super::files;
use scrutin_core::decryption::{CommitmentMessage, Quorum, ResponseMessage, RevealMessage};
use scrutin_core::ParameterSet;
use scrutin_record::v21::layout::RecordDir;
use scrutin_record::v21::working::{
    DecryptionCommitmentJson, DecryptionResponseJson, DecryptionRevealJson,
};
use scrutin_record::v21::working_decode as wdec;
use scrutin_record::v21::working_encode as wenc;
use scrutin_record::v21::working_layout::Round;
use scrutin_record::RecordError;
use scrutin_record::{json_file, FileKind};
use serde::de::DeserializeOwned;
use std::path::Path;

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
pub fn commit_header(record: &RecordDir, guardian: u32) -> Result<Header, Failure> {
    let file = record.message_path(Round::Commit, guardian);
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
    record: &RecordDir,
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
        let file = record.message_path(round, guardian);
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
    record: &RecordDir,
    quorum: &Quorum<P>,
    challenged: &[String],
) -> Result<Both<CommitmentMessage<P>>, Failure> {
    read_round(
        record,
        Round::Commit,
        quorum.members(),
        challenged,
        wdec::commitments,
    )
}

/// Every member's round-2 message.
pub fn read_reveals<P: ParameterSet>(
    record: &RecordDir,
    quorum: &Quorum<P>,
    challenged: &[String],
) -> Result<Both<RevealMessage<P>>, Failure> {
    read_round(
        record,
        Round::Reveal,
        quorum.members(),
        challenged,
        wdec::reveals,
    )
}

/// Every member's round-3 message.
pub fn read_responses<P: ParameterSet>(
    record: &RecordDir,
    quorum: &Quorum<P>,
    challenged: &[String],
) -> Result<Both<ResponseMessage<P>>, Failure> {
    read_round(
        record,
        Round::Respond,
        quorum.members(),
        challenged,
        wdec::responses,
    )
}

/// Writes guardian i's round-1 message (never replacing one).
pub fn write_commit<P: ParameterSet>(
    record: &RecordDir,
    header: &Header,
    tally: &CommitmentMessage<P>,
    nonces: &CommitmentMessage<P>,
) -> Result<(), Failure> {
    files::write_new(
        &record.message_path(Round::Commit, header.guardian),
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
    record: &RecordDir,
    header: &Header,
    tally: &RevealMessage<P>,
    nonces: &RevealMessage<P>,
) -> Result<(), Failure> {
    files::write(
        &record.message_path(Round::Reveal, header.guardian),
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
    record: &RecordDir,
    header: &Header,
    tally: &ResponseMessage<P>,
    nonces: &ResponseMessage<P>,
) -> Result<(), Failure> {
    files::write_new(
        &record.message_path(Round::Respond, header.guardian),
        &DecryptionResponseJson {
            guardian: header.guardian,
            available_guardians: header.available.clone(),
            challenged_ballot_ids: header.challenged.clone(),
            tally: wenc::responses(tally),
            ballot_nonces: wenc::responses(nonces),
        },
    )
}
