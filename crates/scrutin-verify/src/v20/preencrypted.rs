//! Verifications 17 and 18 of spec 2.0 (§4.5, §6.2.8) on a pre-encrypted ballot: selection
//! hashes ψ, contest hashes, the confirmation code and short codes, as egk forms them (notes
//! §2.17). Verifications 15 and 16 are the proofs of [`super::ballots`] under their labels.
//!
//! Neither sample record has pre-encrypted ballots, so these checks follow egk's source as the
//! notes describe it and are exercised by no conformance data.

use super::ballots::BallotContext;
use super::decode::{self, At};
use super::findings::{check, malformed, Findings};
use super::hashing;
use super::steps::{V17_A, V17_B, V17_C, V18_A};
use super::Group;
use scrutin_core::elgamal::Ciphertext;
use scrutin_core::{HValue, Location, Reason, VerifyError};
use scrutin_record::egk::ballot::{PreEncryptionJson, SelectionVectorJson};
use scrutin_record::egk::EncryptedContestJson;
use scrutin_record::RecordError;
use std::path::Path;

pub use scrutin_core::step::own::SELECTED_PRODUCT;

/// 17.A, 17.B, 18.A and [`SELECTED_PRODUCT`] for one contest of a pre-encrypted ballot.
/// Returns the stored pre-encryption contest hash χ_l for 17.C, or `None` if the contest has
/// no pre-encryption.
#[allow(clippy::too_many_arguments)]
pub fn check_contest(
    context: &BallotContext<'_>,
    file: &Path,
    field: &str,
    ballot_id: &str,
    contest: &EncryptedContestJson,
    index: u32,
    recorded: &[Option<Ciphertext<Group>>],
    findings: &mut Findings,
) -> Result<Option<HValue>, RecordError> {
    let location = Location::Contest {
        ballot: Some(ballot_id.to_string()),
        contest: index,
    };
    let Some(pre) = &contest.pre_encryption else {
        findings.fail(malformed(
            V17_B,
            &location,
            "a contest of a pre-encrypted ballot has no pre_encryption",
        ));
        return Ok(None);
    };
    let field = format!("{field}.pre_encryption");
    let all = pre
        .all_selection_hashes
        .iter()
        .enumerate()
        .map(|(i, psi)| {
            decode::hash(
                file,
                &format!("{field}.all_selection_hashes[{i}]"),
                psi.as_str(),
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    let limit = context
        .manifest
        .contest(&contest.contest_id)
        .map_or(contest.votes_allowed, |c| c.limit);
    let pre_contest = PreEncryptedContest {
        context,
        file,
        field,
        location,
        all,
        options: contest.selections.len(),
        limit: limit as usize,
    };
    let stored_chi = pre_contest.contest_hash(pre, index, findings)?;
    let product = pre_contest.selected_product(pre, findings)?;
    let matches = product.len() == recorded.len()
        && product
            .iter()
            .zip(recorded)
            .all(|(p, r)| matches!((p, r), (Some(p), Some(r)) if p == r));
    findings.record(
        18,
        check(matches, || {
            malformed(
                SELECTED_PRODUCT,
                &pre_contest.location,
                "the recorded selections are not the product of the selected vectors",
            )
        }),
    );
    Ok(Some(stored_chi))
}

/// The pre-encryption of one contest of a pre-encrypted ballot.
struct PreEncryptedContest<'a> {
    context: &'a BallotContext<'a>,
    /// The ballot's file.
    file: &'a Path,
    /// The field of the contest's `pre_encryption`.
    field: String,
    /// The contest as a place in the election.
    location: Location,
    /// The m + L selection hashes ψ, as stored.
    all: Vec<HValue>,
    /// The number m of options.
    options: usize,
    /// The contest selection limit L.
    limit: usize,
}

impl PreEncryptedContest<'_> {
    /// 17.B: the m + L selection hashes, sorted, hash to χ_l. Returns the stored χ_l.
    fn contest_hash(
        &self,
        pre: &PreEncryptionJson,
        index: u32,
        findings: &mut Findings,
    ) -> Result<HValue, RecordError> {
        let all = &self.all;
        let expected = self.options + self.limit;
        findings.record(
            17,
            check(
                all.len() == expected && all.windows(2).all(|w| w.first() < w.get(1)),
                || {
                    malformed(
                        V17_B,
                        &self.location,
                        format!(
                            "{} selection hashes, expected m + L = {expected} in increasing order",
                            all.len()
                        ),
                    )
                },
            ),
        );
        let stored_chi = decode::hash(
            self.file,
            &format!("{}.preencryption_hash", self.field),
            pre.preencryption_hash.as_str(),
        )?;
        let chi = hashing::preencrypted_contest_hash(
            &self.context.extended_hash,
            index,
            &self.context.joint_key,
            all,
        );
        findings.record(
            17,
            check(chi == stored_chi, || {
                VerifyError::new(
                    V17_B,
                    self.location.clone(),
                    Reason::Mismatch("the pre-encrypted contest hash χ_l"),
                )
            }),
        );
        Ok(stored_chi)
    }

    /// 17.A and 18.A for each selected vector, and the product of the L selected vectors,
    /// option by option, for [`SELECTED_PRODUCT`] (`None` where an encryption is not in
    /// Z_p^r).
    fn selected_product(
        &self,
        pre: &PreEncryptionJson,
        findings: &mut Findings,
    ) -> Result<Vec<Option<Ciphertext<Group>>>, RecordError> {
        findings.record(
            18,
            check(pre.selected_vectors.len() == self.limit, || {
                malformed(
                    SELECTED_PRODUCT,
                    &self.location,
                    format!(
                        "{} selected vectors, expected L = {}",
                        pre.selected_vectors.len(),
                        self.limit
                    ),
                )
            }),
        );
        let mut product: Vec<Option<Ciphertext<Group>>> =
            vec![Some(Ciphertext::identity()); self.options];
        for (v, vector) in pre.selected_vectors.iter().enumerate() {
            let Some(encryptions) = self.selected_vector(v, vector, findings)? else {
                product.iter_mut().for_each(|p| *p = None);
                continue;
            };
            if encryptions.len() != product.len() {
                findings.fail(malformed(
                    SELECTED_PRODUCT,
                    &self.location,
                    format!(
                        "selected vector {v} has {} encryptions for {} options",
                        encryptions.len(),
                        product.len()
                    ),
                ));
                continue;
            }
            for (slot, e) in product.iter_mut().zip(&encryptions) {
                *slot = slot.as_ref().map(|p| p.add(e));
            }
        }
        Ok(product)
    }

    /// One selected vector: its ψ among the selection hashes (17.B), its short code Ω(ψ)
    /// (18.A), its encryptions in Z_p^r and ψ recomputed from them (17.A). Returns the
    /// encryptions, or `None` if one is not in Z_p^r.
    fn selected_vector(
        &self,
        v: usize,
        vector: &SelectionVectorJson,
        findings: &mut Findings,
    ) -> Result<Option<Vec<Ciphertext<Group>>>, RecordError> {
        let field = format!("{}.selected_vectors[{v}]", self.field);
        let psi = decode::hash(
            self.file,
            &format!("{field}.selection_hash"),
            vector.selection_hash.as_str(),
        )?;
        findings.record(
            17,
            check(self.all.contains(&psi), || {
                malformed(
                    V17_B,
                    &self.location,
                    format!("selected vector {v} is not among the selection hashes"),
                )
            }),
        );
        findings.record(
            18,
            check(vector.short_code == hashing::short_code(&psi), || {
                malformed(
                    V18_A,
                    &self.location,
                    format!("short code of selected vector {v} is not Ω(ψ)"),
                )
            }),
        );
        let at = At {
            file: self.file,
            location: &self.location,
        };
        let mut encryptions = Vec::with_capacity(vector.encryptions.len());
        for (j, json) in vector.encryptions.iter().enumerate() {
            encryptions.push(findings.settle(decode::ciphertext(
                at,
                &format!("{field}.encryptions[{j}]"),
                json,
                V17_A,
            ))?);
        }
        let Some(encryptions) = encryptions.into_iter().collect::<Option<Vec<_>>>() else {
            return Ok(None);
        };
        let recomputed = hashing::preencrypted_selection_hash(
            &self.context.extended_hash,
            &self.context.joint_key,
            &encryptions,
        );
        findings.record(
            17,
            check(recomputed == psi, || {
                VerifyError::new(
                    V17_A,
                    self.location.clone(),
                    Reason::Mismatch("the selection hash ψ"),
                )
            }),
        );
        Ok(Some(encryptions))
    }
}

/// 17.C: H(B) = H(H_E; 0x42, χ_1, …, χ_{m_B}, B_aux) over the pre-encryption contest hashes.
pub fn check_code(
    context: &BallotContext<'_>,
    location: &Location,
    contest_hashes: &[Option<HValue>],
    code_baux: &[u8],
    stored: &HValue,
    findings: &mut Findings,
) {
    let result = match contest_hashes.iter().copied().collect::<Option<Vec<_>>>() {
        None => Err(malformed(
            V17_C,
            location,
            "a contest has no pre-encryption hash",
        )),
        Some(hashes) => check(
            &hashing::preencrypted_confirmation_code(&context.extended_hash, &hashes, code_baux)
                == stored,
            || {
                VerifyError::new(
                    V17_C,
                    location.clone(),
                    Reason::Mismatch("the confirmation code H(B)"),
                )
            },
        ),
    };
    findings.record(17, result);
}
