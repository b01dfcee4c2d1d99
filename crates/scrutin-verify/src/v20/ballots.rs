//! Verifications 5, 6 and 7.A–7.B of spec 2.0 (§6.2.4) on one encrypted ballot: selection
//! range proofs, contest limit proofs, contest hashes and the confirmation code; and, for
//! pre-encrypted ballots, the same proofs under Verifications 15 and 16 (§6.2.8) with the
//! hashes of [`super::preencrypted`].
//!
//! egk checks these proofs on every ballot, cast or challenged, and so does this verifier
//! (notes §2.7); the spec asks them of cast ballots.

use super::decode::{self, At};
use super::findings::Findings;
use super::hashing;
use super::manifest_index::{ContestInfo, ManifestIndex};
use super::preencrypted;
use super::steps::{
    V15_A, V15_C, V15_D, V16_B, V16_C, V5_A, V5_C, V5_D, V6_A, V6_C, V6_D, V7_A, V7_B,
};
use super::{Group, BALLOT_STRUCTURE};
use scrutin_core::elgamal::Ciphertext;
use scrutin_core::proofs::Check;
use scrutin_core::{Element, HValue, Location, Reason, Step, VerifyError};
use scrutin_record::egk::{EncryptedBallotJson, EncryptedContestJson, RecordFile};
use scrutin_record::RecordError;
use std::collections::BTreeSet;

/// The option selection limit R: egk's manifest has none and egk uses 1 (notes §2.7).
pub const OPTION_LIMIT: u64 = 1;

/// The election values a ballot is checked against, all recomputed by Verifications 1–4.
#[derive(Debug)]
pub struct BallotContext<'a> {
    /// H_E.
    pub extended_hash: HValue,
    /// K.
    pub joint_key: Element<Group>,
    /// The manifest.
    pub manifest: &'a ManifestIndex<'a>,
    /// B_aux,0 of `election_config.json`.
    pub baux0: &'a [u8],
    /// Whether confirmation codes are chained (then 7.B does not fix B_aux; 7.D–7.G do).
    pub chaining: bool,
}

/// The labels of the proof checks: Verifications 5 and 6 for ordinary ballots, 15 and 16
/// for pre-encrypted ones (the same conditions, §6.2.8).
#[derive(Clone, Copy, Debug)]
struct Labels {
    selection_in_group: Step,
    selection_response: Step,
    selection_sum: Step,
    contest_in_group: Step,
    contest_response: Step,
    contest_sum: Step,
}

const ORDINARY: Labels = Labels {
    selection_in_group: V5_A,
    selection_response: V5_C,
    selection_sum: V5_D,
    contest_in_group: V6_A,
    contest_response: V6_C,
    contest_sum: V6_D,
};

const PRE_ENCRYPTED: Labels = Labels {
    selection_in_group: V15_A,
    selection_response: V15_C,
    selection_sum: V15_D,
    // Verification 16 has no membership condition of its own; 15.A covers the selections.
    contest_in_group: V15_A,
    contest_response: V16_B,
    contest_sum: V16_C,
};

/// One option of a ballot as later steps need it.
#[derive(Clone, Debug)]
pub struct BallotSelection {
    /// The contest label.
    pub contest: String,
    /// The option label.
    pub option: String,
    /// (α, β), or `None` if it is not in Z_p^r (a failure already recorded).
    pub ciphertext: Option<Ciphertext<Group>>,
}

/// What checking one ballot found and what later steps need from it.
#[derive(Debug)]
pub struct BallotOutcome {
    /// The check results, by box.
    pub findings: Findings,
    /// Every option of the ballot with its decoded encryption.
    pub selections: Vec<BallotSelection>,
    /// The stored confirmation code H(B).
    pub confirmation_code: HValue,
    /// The stored B_aux.
    pub code_baux: Vec<u8>,
}

fn structure(location: &Location, what: String) -> VerifyError {
    VerifyError::new(BALLOT_STRUCTURE, location.clone(), Reason::Malformed(what))
}

/// Checks one ballot. `Err` only for unreadable input.
pub fn check_ballot(
    context: &BallotContext<'_>,
    ballot: &RecordFile<EncryptedBallotJson>,
) -> Result<BallotOutcome, RecordError> {
    let json = &ballot.value;
    let file = ballot.path.as_path();
    let labels = if json.is_preencrypt {
        PRE_ENCRYPTED
    } else {
        ORDINARY
    };
    let mut findings = Findings::default();
    let ballot_location = Location::Ballot(json.ballot_id.clone());
    let style = context.manifest.style_contests(&json.ballot_style_id);
    if style.is_none() {
        findings.fail(structure(
            &ballot_location,
            format!(
                "ballot style `{}` is not in the manifest",
                json.ballot_style_id
            ),
        ));
    }
    let mut seen = BTreeSet::new();
    let mut previous_index = None;
    let mut selections = Vec::new();
    let mut stored_hashes = Vec::with_capacity(json.contests.len());
    let mut preencrypted_hashes = Vec::new();
    for (position, contest) in json.contests.iter().enumerate() {
        let field = format!("contests[{position}]");
        let info = context.manifest.contest(&contest.contest_id);
        let location = Location::Contest {
            ballot: Some(json.ballot_id.clone()),
            contest: info.map_or(contest.sequence_order, |i| i.index),
        };
        let mut structural = |ok: bool, what: String| {
            findings.record(
                BALLOT_STRUCTURE.verification(),
                if ok {
                    Ok(())
                } else {
                    Err(structure(&location, what))
                },
            );
        };
        structural(
            seen.insert(contest.contest_id.as_str()),
            format!("contest `{}` appears twice", contest.contest_id),
        );
        structural(
            previous_index < Some(contest.sequence_order),
            "contests are not in increasing sequence_order".into(),
        );
        previous_index = Some(contest.sequence_order);
        if let Some(style) = style {
            structural(
                style.contains(contest.contest_id.as_str()),
                format!(
                    "contest `{}` is not on ballot style `{}`",
                    contest.contest_id, json.ballot_style_id
                ),
            );
        }
        match info {
            None => structural(
                false,
                format!("contest `{}` is not in the manifest", contest.contest_id),
            ),
            Some(info) => {
                structural(
                    contest.sequence_order == info.index,
                    format!(
                        "sequence_order {} differs from the manifest's {}",
                        contest.sequence_order, info.index
                    ),
                );
                structural(
                    contest.votes_allowed == info.limit,
                    format!(
                        "votes_allowed {} differs from the manifest's L = {}",
                        contest.votes_allowed, info.limit
                    ),
                );
            }
        }
        check_unused_widths(file, &field, contest)?;
        let stored_hash = decode::hash(
            file,
            &format!("{field}.contest_hash"),
            contest.contest_hash.as_str(),
        )?;
        stored_hashes.push(stored_hash);
        let ciphertexts = check_contest(
            context,
            file,
            &field,
            json,
            contest,
            info,
            labels,
            &stored_hash,
            &mut findings,
        )?;
        if json.is_preencrypt {
            preencrypted_hashes.push(preencrypted::check_contest(
                context,
                file,
                &field,
                &json.ballot_id,
                contest,
                info.map_or(contest.sequence_order, |i| i.index),
                &ciphertexts,
                &mut findings,
            )?);
        }
        selections.extend(
            contest
                .selections
                .iter()
                .zip(ciphertexts)
                .map(|(s, ciphertext)| BallotSelection {
                    contest: contest.contest_id.clone(),
                    option: s.selection_id.clone(),
                    ciphertext,
                }),
        );
    }
    if let Some(style) = style {
        for missing in style.iter().filter(|c| !seen.contains(*c)) {
            findings.fail(structure(
                &ballot_location,
                format!("contest `{missing}` of the ballot style is missing"),
            ));
        }
    }

    let confirmation_code =
        decode::hash(file, "confirmation_code", json.confirmation_code.as_str())?;
    let code_baux = json.code_baux.decode(file, "code_baux")?;
    if json.is_preencrypt {
        preencrypted::check_code(
            context,
            &ballot_location,
            &preencrypted_hashes,
            &code_baux,
            &confirmation_code,
            &mut findings,
        );
    } else {
        // 7.B over the stored contest hashes, so that a wrong χ_l fails 7.A alone.
        let recomputed =
            hashing::confirmation_code(&context.extended_hash, &stored_hashes, &code_baux);
        findings.record(
            7,
            if recomputed == confirmation_code {
                Ok(())
            } else {
                Err(VerifyError::new(
                    V7_B,
                    ballot_location.clone(),
                    Reason::Mismatch("the confirmation code H(B)"),
                ))
            },
        );
    }
    if !context.chaining {
        // Without chaining egk uses B_aux,0 as every ballot's B_aux (notes §2.11).
        findings.record(
            7,
            if code_baux == context.baux0 {
                Ok(())
            } else {
                Err(VerifyError::new(
                    V7_B,
                    ballot_location,
                    Reason::Malformed(
                        "code_baux is not the election's B_aux,0 (no chaining)".into(),
                    ),
                ))
            },
        );
    }
    Ok(BallotOutcome {
        findings,
        selections,
        confirmation_code,
        code_baux,
    })
}

/// The widths of the fields of a contest that no 2.0 check of a ballot uses (its contest
/// data is only checked when the ballot is challenged): the format must still be right.
fn check_unused_widths(
    file: &std::path::Path,
    field: &str,
    contest: &EncryptedContestJson,
) -> Result<(), RecordError> {
    let data = &contest.encrypted_contest_data;
    let field = format!("{field}.encrypted_contest_data");
    decode::element_bytes(file, &format!("{field}.c0"), data.c0.as_str())?;
    decode::hash(file, &format!("{field}.c2"), data.c2.as_str())?;
    data.c1.decode(file, &format!("{field}.c1"))?;
    Ok(())
}

/// The selection and contest checks of one contest (5, 6, [`BALLOT_STRUCTURE`], 7.A, or 15, 16, [`BALLOT_STRUCTURE`], 7.A).
/// Returns the decoded encryptions in ballot order.
#[allow(clippy::too_many_arguments)]
fn check_contest(
    context: &BallotContext<'_>,
    file: &std::path::Path,
    field: &str,
    ballot: &EncryptedBallotJson,
    contest: &EncryptedContestJson,
    info: Option<&ContestInfo<'_>>,
    labels: Labels,
    stored_hash: &HValue,
    findings: &mut Findings,
) -> Result<Vec<Option<Ciphertext<Group>>>, RecordError> {
    let index = info.map_or(contest.sequence_order, |i| i.index);
    let contest_location = Location::Contest {
        ballot: Some(ballot.ballot_id.clone()),
        contest: index,
    };
    let mut options_seen = BTreeSet::new();
    let mut previous_option = None;
    let mut ciphertexts = Vec::with_capacity(contest.selections.len());
    for (s, selection) in contest.selections.iter().enumerate() {
        let field = format!("{field}.selections[{s}]");
        let location = Location::Selection {
            ballot: Some(ballot.ballot_id.clone()),
            contest: index,
            option: selection.sequence_order,
        };
        if let Some(info) = info {
            let known = info.options.get(selection.selection_id.as_str());
            let problem = match known {
                None => Some(format!(
                    "option `{}` is not an option of contest `{}` in the manifest",
                    selection.selection_id, contest.contest_id
                )),
                Some(i) if *i != selection.sequence_order => Some(format!(
                    "option `{}` has sequence_order {}, the manifest {}",
                    selection.selection_id, selection.sequence_order, i
                )),
                Some(_) => None,
            };
            findings.record(
                BALLOT_STRUCTURE.verification(),
                problem.map_or(Ok(()), |what| Err(structure(&location, what))),
            );
        }
        if !options_seen.insert(selection.selection_id.as_str())
            || previous_option >= Some(selection.sequence_order)
        {
            findings.fail(structure(
                &location,
                "options repeated or not in increasing sequence_order".into(),
            ));
        }
        previous_option = Some(selection.sequence_order);

        let at = At {
            file,
            location: &location,
        };
        let ciphertext = findings.settle(decode::ciphertext(
            at,
            &format!("{field}.encrypted_vote"),
            &selection.encrypted_vote,
            labels.selection_in_group,
        ))?;
        let proof = findings.settle(decode::range_proof(
            at,
            &format!("{field}.proof"),
            &selection.proof,
            labels.selection_response,
        ))?;
        if let (Some(ciphertext), Some(proof)) = (&ciphertext, proof) {
            let result = proof.verify(
                &context.joint_key,
                ciphertext,
                OPTION_LIMIT,
                |commitments| {
                    hashing::range_challenge(
                        &context.extended_hash,
                        &context.joint_key,
                        ciphertext,
                        commitments,
                    )
                },
                &Check::new(labels.selection_sum, location.clone()),
            );
            findings.record(labels.selection_sum.verification(), result);
        }
        ciphertexts.push(ciphertext);
    }
    if let Some(info) = info {
        for missing in info.options.keys().filter(|o| !options_seen.contains(*o)) {
            findings.fail(structure(
                &contest_location,
                format!("option `{missing}` of the manifest is missing"),
            ));
        }
    }

    let all: Option<Vec<&Ciphertext<Group>>> = ciphertexts.iter().map(Option::as_ref).collect();
    let Some(all) = all else {
        // Some α_i or β_i is not in Z_p^r: neither (ᾱ, β̄) nor χ_l can be computed.
        findings.fail(VerifyError::new(
            labels.contest_in_group,
            contest_location.clone(),
            Reason::Malformed("a selection encryption of this contest is not in Z_p^r; the contest limit proof and the contest hash cannot be checked".into()),
        ));
        findings.fail(VerifyError::new(
            V7_A,
            contest_location,
            Reason::Malformed("the contest hash cannot be recomputed".into()),
        ));
        return Ok(ciphertexts);
    };

    // 6.1–6.5 (or 16.1–16.5): the limit proof on (ᾱ, β̄), L from the manifest.
    let limit = info.map_or(contest.votes_allowed, |i| i.limit);
    let total = Ciphertext::sum(all.iter().copied());
    let at = At {
        file,
        location: &contest_location,
    };
    if let Some(proof) = findings.settle(decode::range_proof(
        at,
        &format!("{field}.proof"),
        &contest.proof,
        labels.contest_response,
    ))? {
        let result = proof.verify(
            &context.joint_key,
            &total,
            u64::from(limit),
            |commitments| {
                hashing::range_challenge(
                    &context.extended_hash,
                    &context.joint_key,
                    &total,
                    commitments,
                )
            },
            &Check::new(labels.contest_sum, contest_location.clone()),
        );
        findings.record(labels.contest_sum.verification(), result);
    }

    // 7.A: χ_l over the selections in ballot order.
    let recomputed = hashing::contest_hash(
        &context.extended_hash,
        index,
        &context.joint_key,
        all.iter().copied(),
    );
    findings.record(
        7,
        if &recomputed == stored_hash {
            Ok(())
        } else {
            Err(VerifyError::new(
                V7_A,
                contest_location,
                Reason::Mismatch("the contest hash χ_l"),
            ))
        },
    );
    Ok(ciphertexts)
}
