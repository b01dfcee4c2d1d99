//! Core values to wire forms: what scrutin writes into a record.

use super::wire::*;
use crate::hexfield::encode;
use scrutin_core::ceremony::{CoefficientProof, GuardianPublicKey};
use scrutin_core::elgamal::Ciphertext;
use scrutin_core::hashed_elgamal::HashedCiphertext;
use scrutin_core::proofs::{ChaumPedersenProof, RangeProof, SchnorrProof};
use scrutin_core::{Element, ParameterSet, Scalar};

/// An element as fixed-width hex.
pub fn element<P: ParameterSet>(x: &Element<P>) -> String {
    x.to_hex()
}

/// A Z_q value as fixed-width hex.
pub fn scalar<P: ParameterSet>(x: &Scalar<P>) -> String {
    encode(&x.to_bytes())
}

/// `constants.json` for the parameter set `P`.
pub fn constants<P: ParameterSet>() -> ConstantsJson {
    let group = P::group();
    let trimmed = |x: &scrutin_core::crypto_bigint::BoxedUint| {
        let hex = encode(&x.to_be_bytes());
        let digits = hex.trim_start_matches('0');
        if digits.is_empty() {
            "0".to_string()
        } else {
            digits.to_string()
        }
    };
    ConstantsJson {
        name: P::NAME.to_string(),
        large_prime: encode(&{
            let full = group.p().to_be_bytes();
            full.get(full.len().saturating_sub(group.p_bytes())..)
                .unwrap_or_default()
                .to_vec()
        }),
        small_prime: encode(&{
            let full = group.q().to_be_bytes();
            full.get(full.len().saturating_sub(group.q_bytes())..)
                .unwrap_or_default()
                .to_vec()
        }),
        cofactor: trimmed(group.r()),
        generator: encode(&Element::<P>::generator().to_bytes()),
    }
}

/// A compact coefficient proof.
pub fn compact_proof<P: ParameterSet>(proof: &CoefficientProof<P>) -> CompactProofJson {
    CompactProofJson {
        challenge: scalar(&proof.challenge),
        responses: proof.responses.iter().map(scalar).collect(),
    }
}

/// A guardian's public record.
pub fn guardian<P: ParameterSet>(name: &str, key: &GuardianPublicKey<P>) -> GuardianJson {
    GuardianJson {
        guardian_id: name.to_string(),
        x_coordinate: key.index,
        vote_commitments: key.vote_commitments.iter().map(element).collect(),
        data_commitments: key.data_commitments.iter().map(element).collect(),
        communication_key: element(&key.communication_key),
        vote_proof: compact_proof(&key.vote_proof),
        data_proof: compact_proof(&key.data_proof),
    }
}

/// (α, β) as (pad, data).
pub fn ciphertext<P: ParameterSet>(c: &Ciphertext<P>) -> CiphertextJson {
    CiphertextJson {
        pad: element(&c.alpha),
        data: element(&c.beta),
    }
}

/// A range proof.
pub fn range_proof<P: ParameterSet>(proof: &RangeProof<P>) -> RangeProofJson {
    RangeProofJson {
        proofs: proof
            .challenges
            .iter()
            .zip(&proof.responses)
            .map(|(c, v)| ChallengeResponseJson {
                challenge: scalar(c),
                response: scalar(v),
            })
            .collect(),
    }
}

/// A Schnorr proof as (challenge, response).
pub fn schnorr<P: ParameterSet>(proof: &SchnorrProof<P>) -> ChallengeResponseJson {
    ChallengeResponseJson {
        challenge: scalar(&proof.challenge),
        response: scalar(&proof.response),
    }
}

/// A Chaum–Pedersen proof as (challenge, response).
pub fn chaum_pedersen<P: ParameterSet>(proof: &ChaumPedersenProof<P>) -> ChallengeResponseJson {
    ChallengeResponseJson {
        challenge: scalar(&proof.challenge),
        response: scalar(&proof.response),
    }
}

/// A hashed-ElGamal ciphertext.
pub fn hashed_ciphertext<P: ParameterSet>(c: &HashedCiphertext<P>) -> HashedCiphertextJson {
    HashedCiphertextJson {
        c0: element(&c.c0),
        c1: encode(&c.c1),
        proof: schnorr(&c.proof),
    }
}
