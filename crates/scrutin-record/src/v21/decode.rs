//! Wire forms of the public record to core types: guardian keys, ballots, tallies, shares and
//! opened challenged ballots. Widths and hex syntax are `Problem::Unreadable`; values outside
//! Z_p^r or Z_q fail the check that requires membership (2.A–B, 6.A–C, 7.A–C, 9.A, 10.A–B,
//! 13.A–B, …). Group elements come only from the checked `Element::decode` and
//! `Element::decode_batch`.

use crate::hexfield;
use crate::problem::{FieldCheck, Problem};
use crate::v21::wire::{
    ChallengedBallotJson, CiphertextJson, CompactProofJson, DecryptedSelectionJson,
    EncryptedBallotJson, EncryptedTallyJson, GuardianJson, HashedCiphertextJson, RangeProofJson,
};
use crate::RecordError;
use rand_core::OsRng;
use scrutin_core::ballot::{
    BallotId, ChainingField, EncryptedBallot, EncryptedContest, EncryptedSelection, OpenedBallot,
    OpenedContest, OpenedData, OpenedSelection,
};
use scrutin_core::ceremony::{CoefficientProof, GuardianPublicKey};
use scrutin_core::elgamal::Ciphertext;
use scrutin_core::hashed_elgamal::HashedCiphertext;
use scrutin_core::proofs::{ChaumPedersenProof, RangeProof, SchnorrProof};
use scrutin_core::step::v2_1::{
    V10_A, V10_B, V13_A, V13_B, V2_A, V2_B, V6_A, V6_B, V6_C, V7_A, V7_B, V7_C, V9_A,
};
use scrutin_core::tally::EncryptedTally;
use scrutin_core::{Element, Location, ParameterSet, Reason, Step, VerifyError};
use std::path::Path;

fn range_proof<P: ParameterSet>(
    at: &FieldCheck<'_>,
    field: &str,
    json: &RangeProofJson,
    steps: (Step, Step),
) -> Result<RangeProof<P>, Problem> {
    let mut challenges = Vec::with_capacity(json.proofs.len());
    let mut responses = Vec::with_capacity(json.proofs.len());
    for (j, pair) in json.proofs.iter().enumerate() {
        let c_at = FieldCheck {
            step: steps.0,
            ..*at
        };
        let v_at = FieldCheck {
            step: steps.1,
            ..*at
        };
        challenges.push(c_at.scalar(
            &format!("{field}.proofs[{j}].challenge"),
            &pair.challenge,
            "a challenge c_j",
        )?);
        responses.push(v_at.scalar(
            &format!("{field}.proofs[{j}].response"),
            &pair.response,
            "a response v_j",
        )?);
    }
    Ok(RangeProof {
        challenges,
        responses,
    })
}

/// Decodes (α, β) or (A, B); a value outside the group fails `at.step`.
pub fn ciphertext<P: ParameterSet>(
    at: &FieldCheck<'_>,
    field: &str,
    json: &CiphertextJson,
) -> Result<Ciphertext<P>, Problem> {
    Ok(Ciphertext {
        alpha: at.element(&format!("{field}.pad"), &json.pad, "A")?,
        beta: at.element(&format!("{field}.data"), &json.data, "B")?,
    })
}

/// Decodes `encrypted_tally.json` read from `file`: a value outside the group fails 9.A, an
/// option listed twice is unreadable input.
pub fn encrypted_tally<P: ParameterSet>(
    file: &Path,
    json: &EncryptedTallyJson,
) -> Result<EncryptedTally<P>, Problem> {
    let mut entries = Vec::new();
    for (c, contest) in json.contests.iter().enumerate() {
        for (o, selection) in contest.selections.iter().enumerate() {
            let location = Location::Selection {
                ballot: None,
                contest: contest.sequence_order,
                option: selection.sequence_order,
            };
            let at = FieldCheck {
                file,
                step: V9_A,
                location: &location,
            };
            let field = format!("contests[{c}].selections[{o}].encrypted_vote");
            let ct = ciphertext(&at, &field, &selection.encrypted_vote)?;
            entries.push((contest.sequence_order, selection.sequence_order, ct));
        }
    }
    EncryptedTally::from_published(entries)
        .map_err(|e| Problem::Unreadable(RecordError::field(file, "contests", e.to_string())))
}

/// Decodes a hashed-ElGamal ciphertext; membership failures fail `at.step`.
pub fn hashed<P: ParameterSet>(
    at: &FieldCheck<'_>,
    field: &str,
    json: &HashedCiphertextJson,
) -> Result<HashedCiphertext<P>, Problem> {
    Ok(HashedCiphertext {
        c0: at.element(&format!("{field}.c0"), &json.c0, "C0")?,
        c1: hexfield::decode_any(at.file, &format!("{field}.c1"), &json.c1)?,
        proof: SchnorrProof {
            challenge: at.scalar(
                &format!("{field}.proof.challenge"),
                &json.proof.challenge,
                "c",
            )?,
            response: at.scalar(
                &format!("{field}.proof.response"),
                &json.proof.response,
                "v",
            )?,
        },
    })
}

/// The next result of a batched decode; a non-member fails `at.step` at `at.location`.
fn next_member<P: ParameterSet>(
    members: &mut impl Iterator<Item = Result<Element<P>, scrutin_core::GroupError>>,
    at: &FieldCheck<'_>,
    what: &'static str,
) -> Result<Element<P>, Problem> {
    match members.next() {
        Some(Ok(element)) => Ok(element),
        _ => Err(Problem::Invalid(VerifyError::new(
            at.step,
            at.location.clone(),
            Reason::NotInGroup(what),
        ))),
    }
}

/// The bytes of every α and β of the ballot, in ballot order, each of width l_p.
fn ciphertext_encodings<P: ParameterSet>(
    file: &Path,
    json: &EncryptedBallotJson,
) -> Result<Vec<Vec<u8>>, RecordError> {
    let width = P::group().p_bytes();
    let mut encodings = Vec::new();
    for (c, contest) in json.contests.iter().enumerate() {
        for (o, sel) in contest.selections.iter().enumerate() {
            let field = format!("contests[{c}].selections[{o}].encrypted_vote");
            let vote = &sel.encrypted_vote;
            encodings.push(hexfield::decode_exact(
                file,
                &format!("{field}.pad"),
                &vote.pad,
                width,
            )?);
            encodings.push(hexfield::decode_exact(
                file,
                &format!("{field}.data"),
                &vote.data,
                width,
            )?);
        }
    }
    Ok(encodings)
}

/// Decodes an encrypted ballot read from `file`.
pub fn ballot<P: ParameterSet>(
    file: &Path,
    json: &EncryptedBallotJson,
) -> Result<EncryptedBallot<P>, Problem> {
    let name = json.ballot_id.clone();
    let ballot_location = Location::Ballot(name.clone());
    let id_bytes =
        hexfield::decode_exact(file, "selection_identifier", &json.selection_identifier, 32)?;
    let id = BallotId(
        <[u8; 32]>::try_from(id_bytes.as_slice())
            .map_err(|_| RecordError::field(file, "selection_identifier", "expected 32 bytes"))?,
    );
    let chaining = hexfield::decode_exact(file, "chaining_field", &json.chaining_field, 36)?;
    let chaining_field = ChainingField::from_slice(&chaining)
        .ok_or_else(|| RecordError::field(file, "chaining_field", "expected 36 bytes"))?;
    // Verification 6.A for every (α, β) of the ballot at once: a Jacobi symbol per element,
    // then one random linear combination raised to q (see `Element::decode_batch`).
    let encodings = ciphertext_encodings::<P>(file, json)?;
    let refs: Vec<&[u8]> = encodings.iter().map(Vec::as_slice).collect();
    let mut members = Element::<P>::decode_batch(&mut OsRng, &refs).into_iter();
    let mut contests = Vec::with_capacity(json.contests.len());
    for (c, contest) in json.contests.iter().enumerate() {
        let contest_location = Location::Contest {
            ballot: Some(name.clone()),
            contest: contest.sequence_order,
        };
        let mut selections = Vec::with_capacity(contest.selections.len());
        for (o, sel) in contest.selections.iter().enumerate() {
            let location = Location::Selection {
                ballot: Some(name.clone()),
                contest: contest.sequence_order,
                option: sel.sequence_order,
            };
            let at = FieldCheck {
                file,
                step: V6_A,
                location: &location,
            };
            let field = format!("contests[{c}].selections[{o}]");
            selections.push(EncryptedSelection {
                index: sel.sequence_order,
                ciphertext: Ciphertext {
                    alpha: next_member(&mut members, &at, "α")?,
                    beta: next_member(&mut members, &at, "β")?,
                },
                proof: range_proof(&at, &format!("{field}.proof"), &sel.proof, (V6_B, V6_C))?,
            });
        }
        let at = FieldCheck {
            file,
            step: V7_A,
            location: &contest_location,
        };
        let proof = range_proof(
            &at,
            &format!("contests[{c}].proof"),
            &contest.proof,
            (V7_B, V7_C),
        )?;
        let data_at = FieldCheck {
            file,
            step: scrutin_core::ballot::CONTEST_DATA_PROOF_CHECK,
            location: &contest_location,
        };
        let contest_data = match &contest.encrypted_contest_data {
            Some(data) => Some(hashed(
                &data_at,
                &format!("contests[{c}].encrypted_contest_data"),
                data,
            )?),
            None => None,
        };
        contests.push(EncryptedContest {
            index: contest.sequence_order,
            selections,
            proof,
            contest_data,
            contest_hash: crate::problem::hash(
                file,
                &format!("contests[{c}].contest_hash"),
                &contest.contest_hash,
            )?,
        });
    }
    let nonce_at = FieldCheck {
        file,
        step: scrutin_core::ballot::BALLOT_NONCE_PROOF_CHECK,
        location: &ballot_location,
    };
    Ok(EncryptedBallot {
        name,
        style: json.ballot_style.clone(),
        id,
        identifier_hash: crate::problem::hash(file, "identifier_hash", &json.identifier_hash)?,
        contests,
        encrypted_nonce: hashed(&nonce_at, "encrypted_nonce", &json.encrypted_nonce)?,
        chaining_field,
        confirmation_code: crate::problem::hash(
            file,
            "confirmation_code",
            &json.confirmation_code,
        )?,
        weight: json.weight,
    })
}

/// Decodes the encrypted share of `ceremony/shares/` read from `file` (docs/record-format.md,
/// "Working files of the roles"): a value outside Z_p^r or Z_q fails the recipient's check
/// `S0.share-proof` (§3.2.2, equation 22), located at the share.
pub fn share<P: ParameterSet>(
    file: &Path,
    json: &crate::v21::working::EncryptedShareJson,
) -> Result<scrutin_core::ceremony::EncryptedShare<P>, Problem> {
    let location = Location::Share {
        from: json.from,
        to: json.to,
    };
    let at = FieldCheck {
        file,
        step: scrutin_core::ceremony::SHARE_PROOF_CHECK,
        location: &location,
    };
    Ok(scrutin_core::ceremony::EncryptedShare {
        from: json.from,
        to: json.to,
        ciphertext: HashedCiphertext {
            c0: at.element("c0", &json.c0, "C0")?,
            c1: hexfield::decode_any(file, "c1", &json.c1)?,
            proof: SchnorrProof {
                challenge: at.scalar("proof.challenge", &json.proof.challenge, "c̄")?,
                response: at.scalar("proof.response", &json.proof.response, "v̄")?,
            },
        },
    })
}

fn decode_proof<P: ParameterSet>(
    at: &FieldCheck<'_>,
    field: &str,
    json: &CompactProofJson,
) -> Result<CoefficientProof<P>, Problem> {
    let challenge = at.scalar(
        &format!("{field}.challenge"),
        &json.challenge,
        "a challenge",
    )?;
    let responses = json
        .responses
        .iter()
        .enumerate()
        .map(|(j, v)| at.scalar(&format!("{field}.responses[{j}]"), v, "a response"))
        .collect::<Result<_, _>>()?;
    Ok(CoefficientProof {
        challenge,
        responses,
    })
}

/// Decodes one guardian's public record from `file`, whose fields are under `prefix` (e.g.
/// `guardians[0].`, or empty for a file holding one guardian); values outside Z_p^r or Z_q
/// fail 2.A or 2.B.
pub fn guardian<P: ParameterSet>(
    file: &Path,
    prefix: &str,
    json: &GuardianJson,
) -> Result<GuardianPublicKey<P>, Problem> {
    let location = Location::Guardian(json.x_coordinate);
    let in_group = FieldCheck {
        file,
        step: V2_A,
        location: &location,
    };
    let in_zq = FieldCheck {
        file,
        step: V2_B,
        location: &location,
    };
    let field = |f: &str| format!("{prefix}{f}");
    let commitments = |name: &str, list: &[String]| {
        list.iter()
            .enumerate()
            .map(|(j, x)| {
                in_group.element::<P>(
                    &field(&format!("{name}[{j}]")),
                    x,
                    "a coefficient commitment",
                )
            })
            .collect::<Result<Vec<_>, _>>()
    };
    Ok(GuardianPublicKey {
        index: json.x_coordinate,
        vote_commitments: commitments("vote_commitments", &json.vote_commitments)?,
        data_commitments: commitments("data_commitments", &json.data_commitments)?,
        communication_key: in_group.element(
            &field("communication_key"),
            &json.communication_key,
            "the communication key κ_i",
        )?,
        vote_proof: decode_proof(&in_zq, &field("vote_proof"), &json.vote_proof)?,
        data_proof: decode_proof(&in_zq, &field("data_proof"), &json.data_proof)?,
    })
}

/// Decodes an opened challenged ballot read from `file`: a selection nonce outside Z_q fails
/// 13.B, a contest data nonce outside Z_q fails 13.A (§3.6.7, Verification 13).
pub fn opened_ballot<P: ParameterSet>(
    file: &Path,
    json: &ChallengedBallotJson,
) -> Result<OpenedBallot<P>, Problem> {
    let mut contests = Vec::with_capacity(json.contests.len());
    for (c, contest) in json.contests.iter().enumerate() {
        let location = Location::Contest {
            ballot: Some(json.ballot_id.clone()),
            contest: contest.sequence_order,
        };
        let at = FieldCheck {
            file,
            step: V13_B,
            location: &location,
        };
        let selections = contest
            .selections
            .iter()
            .enumerate()
            .map(|(o, s)| {
                Ok(OpenedSelection {
                    index: s.sequence_order,
                    vote: s.vote,
                    nonce: at.scalar(
                        &format!("contests[{c}].selections[{o}].nonce"),
                        &s.nonce,
                        "a selection nonce",
                    )?,
                })
            })
            .collect::<Result<Vec<_>, Problem>>()?;
        let contest_data = match &contest.contest_data {
            Some(data) => Some(OpenedData {
                data: hexfield::decode_any(
                    file,
                    &format!("contests[{c}].contest_data.data"),
                    &data.data,
                )?,
                nonce: FieldCheck { step: V13_A, ..at }.scalar(
                    &format!("contests[{c}].contest_data.nonce"),
                    &data.nonce,
                    "the contest data nonce",
                )?,
            }),
            None => None,
        };
        contests.push(OpenedContest {
            index: contest.sequence_order,
            selections,
            contest_data,
        });
    }
    Ok(OpenedBallot { contests })
}

/// One option of `tally.json` as published.
pub struct PublishedDecryption<P: ParameterSet> {
    /// (A, B), repeated from the encrypted tally.
    pub encrypted: Ciphertext<P>,
    /// M = A^s (equation 86).
    pub mask: Element<P>,
    /// (c, v) (equations 90–93).
    pub proof: ChaumPedersenProof<P>,
}

/// Decodes the option at `field` of `tally.json` read from `file`: a value outside Z_p^r fails
/// 10.B, a value outside Z_q fails 10.A (Verification 10, §3.6.5).
pub fn tally_selection<P: ParameterSet>(
    file: &Path,
    location: &Location,
    field: &str,
    json: &DecryptedSelectionJson,
) -> Result<PublishedDecryption<P>, Problem> {
    let at = FieldCheck {
        file,
        step: V10_B,
        location,
    };
    let encrypted = ciphertext::<P>(
        &at,
        &format!("{field}.encrypted_vote"),
        &json.encrypted_vote,
    )?;
    let mask = at.element(&format!("{field}.decryption"), &json.decryption, "M")?;
    let at_zq = FieldCheck { step: V10_A, ..at };
    let proof = ChaumPedersenProof {
        challenge: at_zq.scalar(
            &format!("{field}.proof.challenge"),
            &json.proof.challenge,
            "c",
        )?,
        response: at_zq.scalar(
            &format!("{field}.proof.response"),
            &json.proof.response,
            "v",
        )?,
    };
    Ok(PublishedDecryption {
        encrypted,
        mask,
        proof,
    })
}
