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
    // Every constant at the width of p (r included), as egk writes them.
    let at_p_width = |x: &scrutin_core::crypto_bigint::BoxedUint| {
        let full = x.to_be_bytes();
        encode(
            full.get(full.len().saturating_sub(group.p_bytes())..)
                .unwrap_or_default(),
        )
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
        cofactor: at_p_width(group.r()),
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

use super::manifest::Manifest;
use scrutin_core::ballot::{EncryptedBallot, OpenedBallot};
use scrutin_core::decryption::DecryptedTally;
use scrutin_core::tally::EncryptedTally;

fn labels(manifest: &Manifest, contest: u32, option: u32) -> (&str, &str) {
    let c = manifest.contest(contest);
    let contest_label = c.map_or("", |c| c.label.as_str());
    let option_label = c
        .and_then(|c| c.options.get((option as usize).wrapping_sub(1)))
        .map_or("", String::as_str);
    (contest_label, option_label)
}

/// An encrypted ballot as written to `eballot-<id>.json`.
pub fn encrypted_ballot<P: ParameterSet>(
    manifest: &Manifest,
    ballot: &EncryptedBallot<P>,
    device: &str,
    timestamp: u64,
    challenged: bool,
) -> EncryptedBallotJson {
    EncryptedBallotJson {
        ballot_id: ballot.name.clone(),
        ballot_style: ballot.style.clone(),
        voting_device: device.to_string(),
        timestamp,
        selection_identifier: encode(&ballot.id.0),
        identifier_hash: ballot.identifier_hash.to_hex(),
        weight: ballot.weight,
        state: if challenged { "CHALLENGED" } else { "CAST" }.to_string(),
        encrypted_nonce: hashed_ciphertext(&ballot.encrypted_nonce),
        chaining_field: encode(ballot.chaining_field.as_bytes()),
        confirmation_code: ballot.confirmation_code.to_hex(),
        contests: ballot
            .contests
            .iter()
            .map(|contest| EncryptedContestJson {
                contest_id: labels(manifest, contest.index, 0).0.to_string(),
                sequence_order: contest.index,
                contest_hash: contest.contest_hash.to_hex(),
                selections: contest
                    .selections
                    .iter()
                    .map(|s| EncryptedSelectionJson {
                        selection_id: labels(manifest, contest.index, s.index).1.to_string(),
                        sequence_order: s.index,
                        encrypted_vote: ciphertext(&s.ciphertext),
                        proof: range_proof(&s.proof),
                    })
                    .collect(),
                proof: range_proof(&contest.proof),
                encrypted_contest_data: contest.contest_data.as_ref().map(hashed_ciphertext),
            })
            .collect(),
    }
}

/// The encrypted tally as written to `encrypted_tally.json`.
pub fn encrypted_tally<P: ParameterSet>(
    manifest: &Manifest,
    name: &str,
    tally: &EncryptedTally<P>,
    cast_ballot_ids: Vec<String>,
) -> EncryptedTallyJson {
    let mut contests: Vec<EncryptedTallyContestJson> = Vec::new();
    for (contest, option, ct) in tally.iter() {
        let (contest_label, option_label) = labels(manifest, contest, option);
        if contests.last().map(|c| c.sequence_order) != Some(contest) {
            contests.push(EncryptedTallyContestJson {
                contest_id: contest_label.to_string(),
                sequence_order: contest,
                selections: Vec::new(),
            });
        }
        if let Some(last) = contests.last_mut() {
            last.selections.push(EncryptedTallySelectionJson {
                selection_id: option_label.to_string(),
                sequence_order: option,
                encrypted_vote: ciphertext(ct),
            });
        }
    }
    EncryptedTallyJson {
        tally_id: name.to_string(),
        contests,
        cast_ballot_ids,
    }
}

/// The decrypted tally as written to `tally.json`.
pub fn decrypted_tally<P: ParameterSet>(
    manifest: &Manifest,
    name: &str,
    available: &[u32],
    encrypted: &EncryptedTally<P>,
    decrypted: &DecryptedTally<P>,
) -> DecryptedTallyJson {
    let mut contests: Vec<DecryptedContestJson> = Vec::new();
    for (contest, option, value) in decrypted.iter() {
        let (contest_label, option_label) = labels(manifest, contest, option);
        if contests.last().map(|c| c.sequence_order) != Some(contest) {
            contests.push(DecryptedContestJson {
                contest_id: contest_label.to_string(),
                sequence_order: contest,
                selections: Vec::new(),
            });
        }
        let Some(ct) = encrypted.get(contest, option) else {
            continue;
        };
        if let Some(last) = contests.last_mut() {
            last.selections.push(DecryptedSelectionJson {
                selection_id: option_label.to_string(),
                sequence_order: option,
                tally: value.tally,
                encrypted_vote: ciphertext(ct),
                decryption: element(&value.mask),
                proof: chaum_pedersen(&value.proof),
            });
        }
    }
    DecryptedTallyJson {
        id: name.to_string(),
        available_guardians: available.to_vec(),
        contests,
    }
}

/// A challenged ballot opened with its nonces, as written to `dballot-<id>.json`.
pub fn opened_ballot<P: ParameterSet>(
    manifest: &Manifest,
    ballot_id: &str,
    opened: &OpenedBallot<P>,
) -> ChallengedBallotJson {
    ChallengedBallotJson {
        ballot_id: ballot_id.to_string(),
        contests: opened
            .contests
            .iter()
            .map(|contest| ChallengedContestJson {
                contest_id: labels(manifest, contest.index, 0).0.to_string(),
                sequence_order: contest.index,
                selections: contest
                    .selections
                    .iter()
                    .map(|s| ChallengedSelectionJson {
                        selection_id: labels(manifest, contest.index, s.index).1.to_string(),
                        sequence_order: s.index,
                        vote: s.vote,
                        nonce: scalar(&s.nonce),
                    })
                    .collect(),
                contest_data: contest.contest_data.as_ref().map(|d| OpenedDataJson {
                    data: encode(&d.data),
                    nonce: scalar(&d.nonce),
                }),
            })
            .collect(),
    }
}

/// `election_config.json` of a new election: n, k, H_P and H_B (equations 4–5).
pub fn election_config(
    counts: scrutin_core::parameters::GuardianCounts,
    parameter_hash: &scrutin_core::HValue,
    base_hash: &scrutin_core::HValue,
) -> ElectionConfigJson {
    ElectionConfigJson {
        config_version: scrutin_core::parameters::SPEC_VERSION.into(),
        number_of_guardians: counts.n,
        quorum: counts.k,
        parameter_base_hash: parameter_hash.to_hex(),
        election_base_hash: base_hash.to_hex(),
        metadata: Default::default(),
    }
}

/// `election_initialized.json`: K, K̂, H_G (equation 27), H_E and the guardian record, in the
/// order given (increasing index: the caller sorts).
pub fn election_initialized<P: ParameterSet>(
    context: &scrutin_core::election::ElectionContext<P>,
    guardian_record_hash: &scrutin_core::HValue,
    guardians: &[(&str, &GuardianPublicKey<P>)],
) -> ElectionInitializedJson {
    ElectionInitializedJson {
        joint_public_key: element(&context.vote_key),
        joint_data_key: element(&context.data_key),
        guardian_record_hash: guardian_record_hash.to_hex(),
        extended_base_hash: context.extended_hash.to_hex(),
        guardians: guardians
            .iter()
            .map(|(name, key)| guardian(name, key))
            .collect(),
    }
}
