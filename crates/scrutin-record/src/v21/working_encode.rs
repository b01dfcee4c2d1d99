//! Core values to the wire forms of the working files ([`super::working`]).

use super::encode::{element, scalar, schnorr};
use super::working::*;
use crate::hexfield::encode;
use scrutin_core::ceremony::EncryptedShare;
use scrutin_core::decryption::{
    CommitmentMessage, CommitmentPair, ItemCommitment, ResponseMessage, RevealMessage,
};
use scrutin_core::ParameterSet;

/// An encrypted share as written to `share-<from>-to-<to>.json`.
pub fn share<P: ParameterSet>(share: &EncryptedShare<P>) -> EncryptedShareJson {
    EncryptedShareJson {
        from: share.from,
        to: share.to,
        c0: element(&share.ciphertext.c0),
        c1: encode(&share.ciphertext.c1),
        proof: schnorr(&share.ciphertext.proof),
    }
}

/// The round-1 items of one batch.
pub fn partials<P: ParameterSet>(message: &CommitmentMessage<P>) -> Vec<PartialDecryptionJson> {
    message
        .items
        .iter()
        .map(|item: &ItemCommitment<P>| PartialDecryptionJson {
            partial: element(&item.partial),
            commitment: item.commitment.to_hex(),
        })
        .collect()
}

/// The round-2 pairs of one batch.
pub fn pairs<P: ParameterSet>(message: &RevealMessage<P>) -> Vec<CommitmentPairJson> {
    message
        .pairs
        .iter()
        .map(|pair: &CommitmentPair<P>| CommitmentPairJson {
            a: element(&pair.a),
            b: element(&pair.b),
        })
        .collect()
}

/// The round-3 responses of one batch.
pub fn responses<P: ParameterSet>(message: &ResponseMessage<P>) -> Vec<String> {
    message.responses.iter().map(scalar).collect()
}
