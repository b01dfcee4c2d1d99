//! Verification of one encrypted ballot: Verification 5.B, 6, 7, 8.A and 8.B, and the proofs
//! of its encrypted ballot nonce and contest data (§3.3–3.4).

use super::challenges::{contest_challenge, selection_challenge};
use super::codes::{confirmation_code, contest_hash};
use super::data_encryption::verify_contest_data_proof;
use super::encrypted::{EncryptedBallot, EncryptedContest};
use super::ids::identifier_hash;
use super::nonce_encryption::verify_ballot_nonce_proof;
use super::{CONTEST_DATA_PROOF_CHECK, CONTEST_LIST_CHECK, OPTION_LIST_CHECK};
use crate::election::{ContestSpec, ElectionContext};
use crate::group::ParameterSet;
use crate::hash::HValue;
use crate::proofs::{Check, RangeProof};
use crate::step::v2_1::{V5_B, V6_D, V7_D, V8_A, V8_B};
use crate::verify_error::{Location, Reason, VerifyError};

impl<P: ParameterSet> EncryptedBallot<P> {
    /// Verifies this ballot against the contests of its ballot style (`contests`, any order)
    /// and returns the first failure, in this order:
    ///
    /// - 5.B: H_I = H(H_E; 0x20, id_B). Every later check uses the recomputed H_I, so a wrong
    ///   recorded H_I fails here alone.
    /// - [`CONTEST_LIST_CHECK`] (`S8.contest-list`, `Malformed`): the ballot has each contest of the style
    ///   exactly once, in index order — the contest hashes of 8.A and 8.B exist for exactly
    ///   those contests.
    /// - for each contest: [`OPTION_LIST_CHECK`] (`S7.option-list`, `Malformed`): one selection per
    ///   option, indices 1 … m in order — 7.1–7.2 aggregate over all options of the contest;
    ///   6.D for each option's range proof 0 … R (equation 59); 7.D for the selection-limit
    ///   proof 0 … L on the recomputed aggregate (equation 62); [`CONTEST_DATA_PROOF_CHECK`]
    ///   (`S6.contest-data-proof`) for the contest data, which must be present exactly when b_Λ > 0, with
    ///   32·b_Λ bytes and a valid proof (equation 69); 8.A for χ_l (equation 70);
    /// - [`super::BALLOT_NONCE_PROOF_CHECK`] (`S6.ballot-nonce-proof`) for the encrypted ballot nonce (equation 38);
    /// - 8.B: H_C from the recorded contest hashes and B_C (equation 71).
    ///
    /// 6.A–6.C and 7.A–7.C (membership of α, β in Z_p^r and of c_j, v_j in Z_q) hold by
    /// construction of [`crate::Element`] and [`crate::Scalar`]. The chaining field itself is
    /// checked per device by [`super::verify_device_chain`] (8.C–8.G).
    pub fn verify(
        &self,
        ctx: &ElectionContext<P>,
        contests: &[ContestSpec],
    ) -> Result<(), VerifyError> {
        match self.verify_all(ctx, contests).into_iter().next() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// Like [`Self::verify`], but runs every check and returns all failures in that order.
    pub fn verify_all(
        &self,
        ctx: &ElectionContext<P>,
        contests: &[ContestSpec],
    ) -> Vec<VerifyError> {
        let mut errors = Vec::new();
        let hi = identifier_hash(&ctx.extended_hash, &self.id);
        if hi != self.identifier_hash {
            errors.push(VerifyError::new(
                V5_B,
                self.location(),
                Reason::Mismatch("H_I"),
            ));
        }
        let mut specs: Vec<&ContestSpec> = contests.iter().collect();
        specs.sort_by_key(|spec| spec.index);
        let expected: Vec<u32> = specs.iter().map(|s| s.index).collect();
        let found: Vec<u32> = self.contests.iter().map(|c| c.index).collect();
        if expected != found {
            errors.push(VerifyError::new(
                CONTEST_LIST_CHECK,
                self.location(),
                Reason::Malformed(format!(
                    "the ballot has contests {found:?}; its style has {expected:?}"
                )),
            ));
        }
        for contest in &self.contests {
            if let Some(spec) = specs.iter().find(|s| s.index == contest.index) {
                self.check_contest(ctx, &hi, spec, contest, &mut errors);
            }
            let recomputed = contest_hash(
                &hi,
                contest.index,
                contest.selections.iter().map(|s| &s.ciphertext),
                contest.contest_data.as_ref(),
            );
            if recomputed != contest.contest_hash {
                errors.push(VerifyError::new(
                    V8_A,
                    self.contest_location(contest.index),
                    Reason::Mismatch("contest hash χ_l"),
                ));
            }
        }
        if let Err(error) = verify_ballot_nonce_proof(&hi, &self.encrypted_nonce, self.location()) {
            errors.push(error);
        }
        let hashes: Vec<HValue> = self.contests.iter().map(|c| c.contest_hash).collect();
        if confirmation_code(&hi, &hashes, &self.chaining_field) != self.confirmation_code {
            errors.push(VerifyError::new(
                V8_B,
                self.location(),
                Reason::Mismatch("confirmation code H_C"),
            ));
        }
        errors
    }

    /// The checks of one contest against its specification (see [`Self::verify`]).
    fn check_contest(
        &self,
        ctx: &ElectionContext<P>,
        hi: &HValue,
        spec: &ContestSpec,
        contest: &EncryptedContest<P>,
        errors: &mut Vec<VerifyError>,
    ) {
        let index = contest.index;
        let at_contest = self.contest_location(index);
        let options_in_order = (1u32..).zip(&contest.selections).all(|(j, s)| s.index == j);
        if contest.selections.len() != spec.options as usize || !options_in_order {
            let indices: Vec<u32> = contest.selections.iter().map(|s| s.index).collect();
            errors.push(VerifyError::new(
                OPTION_LIST_CHECK,
                at_contest.clone(),
                Reason::Malformed(format!(
                    "the contest has options {indices:?}; it should have 1 to {}",
                    spec.options
                )),
            ));
        }
        // Every range proof of the contest at once: their α^(c_j), β^(c_j) share the lanes.
        let aggregate = contest.aggregate();
        let proofs: Vec<_> = contest
            .selections
            .iter()
            .map(|s| (&s.proof, &s.ciphertext, spec.option_limit))
            .chain([(&contest.proof, &aggregate, spec.contest_limit)])
            .collect();
        let mut commitments =
            RangeProof::commitments_batch(ctx.vote_table.as_ref(), &proofs).into_iter();
        for selection in &contest.selections {
            let check = Check::new(
                V6_D,
                Location::Selection {
                    ballot: Some(self.name.clone()),
                    contest: index,
                    option: selection.index,
                },
            );
            let ciphertext = &selection.ciphertext;
            let result = selection.proof.verify_commitments(
                commitments.next().flatten(),
                spec.option_limit,
                |commitments| {
                    selection_challenge(hi, index, selection.index, ciphertext, commitments)
                },
                &check,
            );
            errors.extend(result.err());
        }
        let result = contest.proof.verify_commitments(
            commitments.next().flatten(),
            spec.contest_limit,
            |commitments| contest_challenge(hi, index, &aggregate, commitments),
            &Check::new(V7_D, at_contest.clone()),
        );
        errors.extend(result.err());
        let data_error = |what: &str| {
            VerifyError::new(
                CONTEST_DATA_PROOF_CHECK,
                at_contest.clone(),
                Reason::Malformed(what.to_string()),
            )
        };
        match (spec.data_blocks, &contest.contest_data) {
            (0, None) => {}
            (0, Some(_)) => errors.push(data_error("contest data is present but b_Λ = 0")),
            (_, None) => errors.push(data_error("the contest data is missing")),
            (blocks, Some(data)) => {
                let result = verify_contest_data_proof(hi, index, blocks, data, at_contest.clone());
                errors.extend(result.err());
            }
        }
    }

    /// `Location::Ballot` for this ballot.
    pub(super) fn location(&self) -> Location {
        Location::Ballot(self.name.clone())
    }

    /// `Location::Contest` for contest `index` of this ballot.
    pub(super) fn contest_location(&self, index: u32) -> Location {
        Location::Contest {
            ballot: Some(self.name.clone()),
            contest: index,
        }
    }
}
