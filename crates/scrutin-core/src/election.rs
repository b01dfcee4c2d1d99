//! The public context of an election as the cryptography needs it: the shape of its contests
//! (from the manifest, §3.1.3) and its base hashes and joint keys (§3.1.2–3.2.3).

use crate::group::{Element, FixedBase, ParameterSet};
use crate::hash::HValue;
use crate::parameters::{self, GuardianCounts};
use std::sync::Arc;

/// A contest as the cryptography sees it: indices and limits, no labels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContestSpec {
    /// The contest index ind_c (1-based, §3.1.3).
    pub index: u32,
    /// The number of selectable options (option indices are 1..=options).
    pub options: u32,
    /// R: the option selection limit, the largest value one option may receive.
    pub option_limit: u64,
    /// L: the contest selection limit, the largest sum of the selections.
    pub contest_limit: u64,
    /// b_Λ: the number of 32-byte blocks of encrypted contest data, 0 when the contest has none
    /// (§3.3.10).
    pub data_blocks: u32,
}

/// The public values every later step is bound to, with precomputed tables of the joint keys
/// (every exponentiation when encrypting has base g, K or K̂: spec Note 3.5).
#[derive(Clone, Debug)]
pub struct ElectionContext<P: ParameterSet> {
    /// n and k.
    pub counts: GuardianCounts,
    /// H_P (equation 4).
    pub parameter_hash: HValue,
    /// H_B (equation 5).
    pub base_hash: HValue,
    /// H_E (equation 30).
    pub extended_hash: HValue,
    /// The joint vote encryption key K (equation 25).
    pub vote_key: Element<P>,
    /// The joint ballot-data encryption key K̂ (equation 26).
    pub data_key: Element<P>,
    /// The fixed-base table of K, built once per election.
    pub vote_table: Arc<FixedBase<P>>,
    /// The fixed-base table of K̂.
    pub data_table: Arc<FixedBase<P>>,
}

/// Two contexts are equal when their values are; the tables follow from the keys.
impl<P: ParameterSet> PartialEq for ElectionContext<P> {
    fn eq(&self, other: &Self) -> bool {
        self.counts == other.counts
            && self.parameter_hash == other.parameter_hash
            && self.base_hash == other.base_hash
            && self.extended_hash == other.extended_hash
            && self.vote_key == other.vote_key
            && self.data_key == other.data_key
    }
}

impl<P: ParameterSet> Eq for ElectionContext<P> {}

impl<P: ParameterSet> ElectionContext<P> {
    /// Computes H_P, H_B and H_E from the counts, the canonical manifest bytes and the keys.
    pub fn new(
        counts: GuardianCounts,
        manifest_bytes: &[u8],
        vote_key: Element<P>,
        data_key: Element<P>,
    ) -> Self {
        let parameter_hash = parameters::parameter_base_hash::<P>(counts);
        let base_hash = parameters::election_base_hash(&parameter_hash, manifest_bytes);
        let extended_hash = parameters::extended_base_hash(&base_hash, &vote_key, &data_key);
        let vote_table = Arc::new(vote_key.fixed_base());
        let data_table = Arc::new(data_key.fixed_base());
        ElectionContext {
            counts,
            parameter_hash,
            base_hash,
            extended_hash,
            vote_key,
            data_key,
            vote_table,
            data_table,
        }
    }
}
