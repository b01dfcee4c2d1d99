//! Verifications 5, 6 and 7.A–7.B of spec 2.0 (§6.2.4) on one encrypted ballot: selection
//! range proofs, contest limit proofs, contest hashes and the confirmation code; and, for
//! pre-encrypted ballots, the same proofs under Verifications 15 and 16 (§6.2.8) with the
//! hashes of [`super::preencrypted`].
//!
//! egk checks these proofs on every ballot, cast or challenged, and so does this verifier
//! (notes §2.7); the spec asks them of cast ballots.

use super::decode::{self, At};
use super::findings::{check, malformed, Findings};
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
use scrutin_record::egk::{
    EncryptedBallotJson, EncryptedContestJson, EncryptedSelectionJson, RecordFile,
};
use scrutin_record::RecordError;
use std::collections::BTreeSet;
use std::path::Path;

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
    let mut check = BallotCheck {
        context,
        file: ballot.path.as_path(),
        json,
        labels: if json.is_preencrypt {
            PRE_ENCRYPTED
        } else {
            ORDINARY
        },
        location: Location::Ballot(json.ballot_id.clone()),
        findings: Findings::default(),
        seen: BTreeSet::new(),
        previous_index: None,
        selections: Vec::new(),
        stored_hashes: Vec::with_capacity(json.contests.len()),
        preencrypted_hashes: Vec::new(),
    };
    let style = context.manifest.style_contests(&json.ballot_style_id);
    if style.is_none() {
        check.findings.fail(structure(
            &check.location,
            format!(
                "ballot style `{}` is not in the manifest",
                json.ballot_style_id
            ),
        ));
    }
    for (position, contest) in json.contests.iter().enumerate() {
        check.contest(position, contest, style)?;
    }
    if let Some(style) = style {
        for missing in style.iter().filter(|c| !check.seen.contains(*c)) {
            check.findings.fail(structure(
                &check.location,
                format!("contest `{missing}` of the ballot style is missing"),
            ));
        }
    }
    check.confirmation_code()
}

/// One ballot being checked, and what its contests gave so far.
struct BallotCheck<'a> {
    context: &'a BallotContext<'a>,
    /// The ballot's file.
    file: &'a Path,
    json: &'a EncryptedBallotJson,
    /// Verifications 5–6, or 15–16 for a pre-encrypted ballot.
    labels: Labels,
    /// The ballot as a place in the election.
    location: Location,
    findings: Findings,
    /// The contest labels met so far.
    seen: BTreeSet<&'a str>,
    /// The `sequence_order` of the previous contest.
    previous_index: Option<u32>,
    /// Every option met so far, with its decoded encryption.
    selections: Vec<BallotSelection>,
    /// The stored contest hashes χ_l, in ballot order.
    stored_hashes: Vec<HValue>,
    /// The pre-encryption contest hashes (pre-encrypted ballots only).
    preencrypted_hashes: Vec<Option<HValue>>,
}

impl<'a> BallotCheck<'a> {
    /// One contest: its place on the ballot ([`BALLOT_STRUCTURE`]), its selections and proofs
    /// (5, 6, 7.A or 15, 16, 7.A), and for a pre-encrypted ballot 17.A–18.
    fn contest(
        &mut self,
        position: usize,
        contest: &'a EncryptedContestJson,
        style: Option<&BTreeSet<&str>>,
    ) -> Result<(), RecordError> {
        let field = format!("contests[{position}]");
        let info = self.context.manifest.contest(&contest.contest_id);
        let index = info.map_or(contest.sequence_order, |i| i.index);
        let location = Location::Contest {
            ballot: Some(self.json.ballot_id.clone()),
            contest: index,
        };
        self.contest_structure(contest, info, style, &location);
        check_unused_widths(self.file, &field, contest)?;
        let stored_hash = decode::hash(
            self.file,
            &format!("{field}.contest_hash"),
            contest.contest_hash.as_str(),
        )?;
        self.stored_hashes.push(stored_hash);
        let contest_check = ContestCheck {
            context: self.context,
            file: self.file,
            field: &field,
            ballot: self.json,
            contest,
            info,
            labels: self.labels,
            index,
            location,
        };
        let ciphertexts = contest_check.check(&stored_hash, &mut self.findings)?;
        if self.json.is_preencrypt {
            self.preencrypted_hashes.push(preencrypted::check_contest(
                self.context,
                self.file,
                &field,
                &self.json.ballot_id,
                contest,
                index,
                &ciphertexts,
                &mut self.findings,
            )?);
        }
        self.selections
            .extend(
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
        Ok(())
    }

    /// [`BALLOT_STRUCTURE`] for one contest: once on the ballot, in increasing order, on the
    /// ballot's style, in the manifest with its index and limit L.
    fn contest_structure(
        &mut self,
        contest: &'a EncryptedContestJson,
        info: Option<&ContestInfo<'_>>,
        style: Option<&BTreeSet<&str>>,
        location: &Location,
    ) {
        let mut structural = |ok: bool, what: String| {
            self.findings.record(
                BALLOT_STRUCTURE.verification(),
                check(ok, || structure(location, what)),
            );
        };
        structural(
            self.seen.insert(contest.contest_id.as_str()),
            format!("contest `{}` appears twice", contest.contest_id),
        );
        structural(
            self.previous_index < Some(contest.sequence_order),
            "contests are not in increasing sequence_order".into(),
        );
        self.previous_index = Some(contest.sequence_order);
        if let Some(style) = style {
            structural(
                style.contains(contest.contest_id.as_str()),
                format!(
                    "contest `{}` is not on ballot style `{}`",
                    contest.contest_id, self.json.ballot_style_id
                ),
            );
        }
        let Some(info) = info else {
            structural(
                false,
                format!("contest `{}` is not in the manifest", contest.contest_id),
            );
            return;
        };
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

    /// The confirmation code: 7.B over the stored contest hashes, so that a wrong χ_l fails
    /// 7.A alone (17.C for a pre-encrypted ballot), and B_aux without chaining (7.B).
    fn confirmation_code(mut self) -> Result<BallotOutcome, RecordError> {
        let json = self.json;
        let confirmation_code = decode::hash(
            self.file,
            "confirmation_code",
            json.confirmation_code.as_str(),
        )?;
        let code_baux = json.code_baux.decode(self.file, "code_baux")?;
        if json.is_preencrypt {
            preencrypted::check_code(
                self.context,
                &self.location,
                &self.preencrypted_hashes,
                &code_baux,
                &confirmation_code,
                &mut self.findings,
            );
        } else {
            let recomputed = hashing::confirmation_code(
                &self.context.extended_hash,
                &self.stored_hashes,
                &code_baux,
            );
            self.findings.record(
                7,
                check(recomputed == confirmation_code, || {
                    VerifyError::new(
                        V7_B,
                        self.location.clone(),
                        Reason::Mismatch("the confirmation code H(B)"),
                    )
                }),
            );
        }
        if !self.context.chaining {
            // Without chaining egk uses B_aux,0 as every ballot's B_aux (notes §2.11).
            self.findings.record(
                7,
                check(code_baux == self.context.baux0, || {
                    malformed(
                        V7_B,
                        &self.location,
                        "code_baux is not the election's B_aux,0 (no chaining)",
                    )
                }),
            );
        }
        Ok(BallotOutcome {
            findings: self.findings,
            selections: self.selections,
            confirmation_code,
            code_baux,
        })
    }
}

/// The widths of the fields of a contest that no 2.0 check of a ballot uses (its contest
/// data is only checked when the ballot is challenged): the format must still be right.
fn check_unused_widths(
    file: &Path,
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

/// One contest of a ballot being checked, with its entry in the manifest.
struct ContestCheck<'a> {
    context: &'a BallotContext<'a>,
    /// The ballot's file.
    file: &'a Path,
    /// The contest's field in the file (`contests[i]`).
    field: &'a str,
    ballot: &'a EncryptedBallotJson,
    contest: &'a EncryptedContestJson,
    info: Option<&'a ContestInfo<'a>>,
    /// Verifications 5–6, or 15–16 for a pre-encrypted ballot.
    labels: Labels,
    /// The contest index l.
    index: u32,
    /// The contest as a place in the election.
    location: Location,
}

impl ContestCheck<'_> {
    /// The selection and contest checks of the contest (5, 6, [`BALLOT_STRUCTURE`], 7.A, or
    /// 15, 16, [`BALLOT_STRUCTURE`], 7.A). Returns the decoded encryptions in ballot order.
    fn check(
        &self,
        stored_hash: &HValue,
        findings: &mut Findings,
    ) -> Result<Vec<Option<Ciphertext<Group>>>, RecordError> {
        let ciphertexts = self.selections(findings)?;
        let all: Option<Vec<&Ciphertext<Group>>> = ciphertexts.iter().map(Option::as_ref).collect();
        let Some(all) = all else {
            // Some α_i or β_i is not in Z_p^r: neither (ᾱ, β̄) nor χ_l can be computed.
            findings.fail(VerifyError::new(
                self.labels.contest_in_group,
                self.location.clone(),
                Reason::Malformed("a selection encryption of this contest is not in Z_p^r; the contest limit proof and the contest hash cannot be checked".into()),
            ));
            findings.fail(VerifyError::new(
                V7_A,
                self.location.clone(),
                Reason::Malformed("the contest hash cannot be recomputed".into()),
            ));
            return Ok(ciphertexts);
        };
        self.limit_proof(&all, findings)?;
        // 7.A: χ_l over the selections in ballot order.
        let recomputed = hashing::contest_hash(
            &self.context.extended_hash,
            self.index,
            &self.context.joint_key,
            all.iter().copied(),
        );
        findings.record(
            7,
            check(&recomputed == stored_hash, || {
                VerifyError::new(
                    V7_A,
                    self.location.clone(),
                    Reason::Mismatch("the contest hash χ_l"),
                )
            }),
        );
        Ok(ciphertexts)
    }

    /// Every selection of the contest, then every option of the manifest present
    /// ([`BALLOT_STRUCTURE`]). Returns the decoded encryptions in ballot order.
    fn selections(
        &self,
        findings: &mut Findings,
    ) -> Result<Vec<Option<Ciphertext<Group>>>, RecordError> {
        let mut options_seen = BTreeSet::new();
        let mut previous_option = None;
        let mut ciphertexts = Vec::with_capacity(self.contest.selections.len());
        for (s, selection) in self.contest.selections.iter().enumerate() {
            let location = Location::Selection {
                ballot: Some(self.ballot.ballot_id.clone()),
                contest: self.index,
                option: selection.sequence_order,
            };
            self.selection_structure(selection, &location, findings);
            if !options_seen.insert(selection.selection_id.as_str())
                || previous_option >= Some(selection.sequence_order)
            {
                findings.fail(structure(
                    &location,
                    "options repeated or not in increasing sequence_order".into(),
                ));
            }
            previous_option = Some(selection.sequence_order);
            let field = format!("{}.selections[{s}]", self.field);
            ciphertexts.push(self.selection_proof(&field, selection, &location, findings)?);
        }
        if let Some(info) = self.info {
            for missing in info.options.keys().filter(|o| !options_seen.contains(*o)) {
                findings.fail(structure(
                    &self.location,
                    format!("option `{missing}` of the manifest is missing"),
                ));
            }
        }
        Ok(ciphertexts)
    }

    /// [`BALLOT_STRUCTURE`] for one selection: an option of the contest in the manifest,
    /// with the manifest's index.
    fn selection_structure(
        &self,
        selection: &EncryptedSelectionJson,
        location: &Location,
        findings: &mut Findings,
    ) {
        let Some(info) = self.info else {
            return;
        };
        let problem = match info.options.get(selection.selection_id.as_str()) {
            None => Some(format!(
                "option `{}` is not an option of contest `{}` in the manifest",
                selection.selection_id, self.contest.contest_id
            )),
            Some(i) if *i != selection.sequence_order => Some(format!(
                "option `{}` has sequence_order {}, the manifest {}",
                selection.selection_id, selection.sequence_order, i
            )),
            Some(_) => None,
        };
        findings.record(
            BALLOT_STRUCTURE.verification(),
            problem.map_or(Ok(()), |what| Err(structure(location, what))),
        );
    }

    /// One selection's encryption in Z_p^r (5.A) and its range proof 0 … R (5.C, 5.D; or
    /// 15.A, 15.C, 15.D). Returns the encryption, or `None` if it is not in Z_p^r.
    fn selection_proof(
        &self,
        field: &str,
        selection: &EncryptedSelectionJson,
        location: &Location,
        findings: &mut Findings,
    ) -> Result<Option<Ciphertext<Group>>, RecordError> {
        let at = At {
            file: self.file,
            location,
        };
        let ciphertext = findings.settle(decode::ciphertext(
            at,
            &format!("{field}.encrypted_vote"),
            &selection.encrypted_vote,
            self.labels.selection_in_group,
        ))?;
        let proof = findings.settle(decode::range_proof(
            at,
            &format!("{field}.proof"),
            &selection.proof,
            self.labels.selection_response,
        ))?;
        if let (Some(ciphertext), Some(proof)) = (&ciphertext, proof) {
            let result = proof.verify(
                &self.context.joint_key,
                ciphertext,
                OPTION_LIMIT,
                |commitments| {
                    hashing::range_challenge(
                        &self.context.extended_hash,
                        &self.context.joint_key,
                        ciphertext,
                        commitments,
                    )
                },
                &Check::new(self.labels.selection_sum, location.clone()),
            );
            findings.record(self.labels.selection_sum.verification(), result);
        }
        Ok(ciphertext)
    }

    /// 6.1–6.5 (or 16.1–16.5): the limit proof on (ᾱ, β̄), L from the manifest (6.C, 6.D;
    /// or 16.B, 16.C).
    fn limit_proof(
        &self,
        all: &[&Ciphertext<Group>],
        findings: &mut Findings,
    ) -> Result<(), RecordError> {
        let limit = self.info.map_or(self.contest.votes_allowed, |i| i.limit);
        let total = Ciphertext::sum(all.iter().copied());
        let at = At {
            file: self.file,
            location: &self.location,
        };
        if let Some(proof) = findings.settle(decode::range_proof(
            at,
            &format!("{}.proof", self.field),
            &self.contest.proof,
            self.labels.contest_response,
        ))? {
            let result = proof.verify(
                &self.context.joint_key,
                &total,
                u64::from(limit),
                |commitments| {
                    hashing::range_challenge(
                        &self.context.extended_hash,
                        &self.context.joint_key,
                        &total,
                        commitments,
                    )
                },
                &Check::new(self.labels.contest_sum, self.location.clone()),
            );
            findings.record(self.labels.contest_sum.verification(), result);
        }
        Ok(())
    }
}
