//! What the guardians decrypt together, in the order every message follows: every option of
//! the encrypted tally in increasing (contest, option) order, then the ballot nonce of every
//! challenged ballot in increasing id order (§3.6.5, §3.6.7).

use super::super::failure::Failure;
use scrutin_core::ballot::EncryptedBallot;
use scrutin_core::decryption::{DataKind, DataTarget, TallyTarget};
use scrutin_core::tally::EncryptedTally;
use scrutin_core::ParameterSet;
use scrutin_record::v21::decode;
use scrutin_record::v21::layout::{self, RecordDir};
use scrutin_record::v21::source::RecordSource;
use scrutin_verify::v21::BallotPass;

/// The two batches of a decryption.
pub struct Batches<P: ParameterSet> {
    /// The encrypted tally.
    pub encrypted_tally: EncryptedTally<P>,
    /// Its options as targets.
    pub tally: Vec<TallyTarget<P>>,
    /// The challenged ballots, by increasing id.
    pub challenged: Vec<EncryptedBallot<P>>,
    /// Their encrypted ballot nonces as targets, in the same order.
    pub nonces: Vec<DataTarget<P>>,
}

impl<P: ParameterSet> Batches<P> {
    fn new(encrypted_tally: EncryptedTally<P>, challenged: Vec<EncryptedBallot<P>>) -> Self {
        let nonces = challenged
            .iter()
            .map(|ballot| DataTarget {
                ballot: ballot.name.clone(),
                identifier_hash: ballot.identifier_hash,
                kind: DataKind::BallotNonce,
                ciphertext: ballot.encrypted_nonce.clone(),
            })
            .collect();
        Batches {
            tally: TallyTarget::all(&encrypted_tally),
            encrypted_tally,
            challenged,
            nonces,
        }
    }

    /// The batches as the verifier recomputed them (Verifications 5–9 passed).
    pub fn from_pass(pass: &BallotPass<P>) -> Self {
        Self::new(
            pass.recomputed.clone(),
            pass.challenged.values().cloned().collect(),
        )
    }

    /// The batches read from the record: `encrypted_tally.json` and the challenged ballots
    /// `ids` (increasing, as in the guardians' messages).
    pub fn from_record(record: &RecordDir, ids: &[String]) -> Result<Self, Failure> {
        let file = record.path(layout::ENCRYPTED_TALLY);
        let encrypted_tally = decode::encrypted_tally::<P>(&file, &record.encrypted_tally()?)?;
        if ids.windows(2).any(|pair| pair.first() >= pair.get(1)) {
            return Err(Failure::invalid(
                "the challenged ballot ids of the decryption messages are not in increasing order",
            ));
        }
        let files = record.ballot_files()?;
        let mut challenged = Vec::with_capacity(ids.len());
        for id in ids {
            let name = format!("eballot-{id}.json");
            let mut found = files
                .iter()
                .filter(|f| f.path.file_name().and_then(|n| n.to_str()) == Some(name.as_str()));
            let (Some(ballot_file), None) = (found.next(), found.next()) else {
                return Err(Failure::invalid(format!(
                    "challenged ballot {id}: not exactly one {name} in the record"
                )));
            };
            let json = record.ballot(ballot_file)?;
            if json.state != "CHALLENGED" {
                return Err(Failure::invalid(format!(
                    "{}: ballot {id} is not challenged",
                    ballot_file.path.display()
                )));
            }
            challenged.push(decode::ballot::<P>(&ballot_file.path, &json)?);
        }
        Ok(Self::new(encrypted_tally, challenged))
    }

    /// The ids of the challenged ballots, in batch order.
    pub fn challenged_ids(&self) -> Vec<String> {
        self.challenged.iter().map(|b| b.name.clone()).collect()
    }
}
