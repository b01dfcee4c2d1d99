//! The guardians' decryption messages (docs/record-format.md, "Working files of the roles")
//! to core values. Each message holds two batches, the tally's and the ballot nonces'; each is
//! decoded into its own core message. A value of the wrong width, not hex, or outside Z_p^r or
//! Z_q is unreadable input naming the file and field: these messages are checked as a whole
//! when combined (§3.6.3, Note 3.7), not by a verification box of their own.

use super::working::{
    CommitmentPairJson, DecryptionCommitmentJson, DecryptionResponseJson, DecryptionRevealJson,
    PartialDecryptionJson,
};
use crate::hexfield;
use crate::RecordError;
use scrutin_core::decryption::{
    CommitmentMessage, CommitmentPair, ItemCommitment, ResponseMessage, RevealMessage,
};
use scrutin_core::ParameterSet;
use std::path::Path;

/// A message's two batches: the tally's, then the ballot nonces'.
pub type Batches<M> = (M, M);

/// Decodes a round-1 message: per item the partial decryption M_i (equation 84) and the
/// commitment hash d_i (equation 88).
pub fn commitments<P: ParameterSet>(
    file: &Path,
    json: &DecryptionCommitmentJson,
) -> Result<Batches<CommitmentMessage<P>>, RecordError> {
    let batch = |name: &str, items: &[PartialDecryptionJson]| {
        let items = items
            .iter()
            .enumerate()
            .map(|(n, item)| {
                Ok(ItemCommitment {
                    partial: hexfield::element(
                        file,
                        &format!("{name}[{n}].partial"),
                        &item.partial,
                    )?,
                    commitment: hexfield::hash(
                        file,
                        &format!("{name}[{n}].commitment"),
                        &item.commitment,
                    )?,
                })
            })
            .collect::<Result<Vec<_>, RecordError>>()?;
        Ok::<_, RecordError>(CommitmentMessage {
            guardian: json.guardian,
            items,
        })
    };
    Ok((
        batch("tally", &json.tally)?,
        batch("ballot_nonces", &json.ballot_nonces)?,
    ))
}

/// Decodes a round-2 message: per item the commitment pair (a_i, b_i) (equation 87).
pub fn reveals<P: ParameterSet>(
    file: &Path,
    json: &DecryptionRevealJson,
) -> Result<Batches<RevealMessage<P>>, RecordError> {
    let batch = |name: &str, pairs: &[CommitmentPairJson]| {
        let pairs = pairs
            .iter()
            .enumerate()
            .map(|(n, pair)| {
                Ok(CommitmentPair {
                    a: hexfield::element(file, &format!("{name}[{n}].a"), &pair.a)?,
                    b: hexfield::element(file, &format!("{name}[{n}].b"), &pair.b)?,
                })
            })
            .collect::<Result<Vec<_>, RecordError>>()?;
        Ok::<_, RecordError>(RevealMessage {
            guardian: json.guardian,
            pairs,
        })
    };
    Ok((
        batch("tally", &json.tally)?,
        batch("ballot_nonces", &json.ballot_nonces)?,
    ))
}

/// Decodes a round-3 message: per item the response v_i (equation 92).
pub fn responses<P: ParameterSet>(
    file: &Path,
    json: &DecryptionResponseJson,
) -> Result<Batches<ResponseMessage<P>>, RecordError> {
    let batch = |name: &str, values: &[String]| {
        let responses = values
            .iter()
            .enumerate()
            .map(|(n, v)| hexfield::scalar(file, &format!("{name}[{n}]"), v))
            .collect::<Result<Vec<_>, RecordError>>()?;
        Ok::<_, RecordError>(ResponseMessage {
            guardian: json.guardian,
            responses,
        })
    };
    Ok((
        batch("tally", &json.tally)?,
        batch("ballot_nonces", &json.ballot_nonces)?,
    ))
}
