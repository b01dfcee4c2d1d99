//! What a decryption batch decrypts: the common shape of tally decryption (§3.6.5) and
//! contest-data / ballot-nonce decryption (§3.6.6–3.6.7).
//!
//! Both prove, jointly, knowledge of a secret x with K = g^x and M = base^x; they differ only in
//! the base (A or C0), the joint key (K or K̂) and the hashes of d_i and c. The protocol code in
//! [`super::session`] and [`super::combine`] is written once against this trait.

use super::messages::CommitmentPair;
use super::quorum::Quorum;
use crate::election::ElectionContext;
use crate::group::{Element, FixedBase, ParameterSet, Scalar};
use crate::hash::HValue;
use crate::verify_error::{Location, Reason};

/// One item of a decryption batch.
pub trait Statement<P: ParameterSet>: Clone {
    /// The element raised to the key share: A for a tally option, C0 for hashed ElGamal.
    fn base(&self) -> &Element<P>;

    /// The joint public key: K for tallies, K̂ for contest data and ballot nonces.
    fn joint_key<'c>(&self, ctx: &'c ElectionContext<P>) -> &'c Element<P>;

    /// The fixed-base table of the joint key (built once per election, spec Note 3.5), for the
    /// combiner's check of the joint proof.
    fn joint_table<'c>(&self, ctx: &'c ElectionContext<P>) -> &'c FixedBase<P>;

    /// Where the item is, for error reports.
    fn location(&self) -> Location;

    /// The check a guardian makes before it decrypts anything: for hashed ElGamal, the Schnorr
    /// proof C2 (§3.6.6, §3.6.7). Tally aggregates have none here; guardians check them
    /// beforehand through Verifications 4–9 (§3.6.1).
    fn check_ciphertext(&self) -> Result<(), Reason>;

    /// d_i for guardian i (equation 88 or 99).
    fn commitment_hash(
        &self,
        ctx: &ElectionContext<P>,
        guardian: u32,
        pair: &CommitmentPair<P>,
        partial: &Element<P>,
        quorum: &Quorum<P>,
    ) -> HValue;

    /// The joint challenge c from the accumulated pair and the combined value (equation 90 or
    /// 101).
    fn challenge(
        &self,
        ctx: &ElectionContext<P>,
        pair: &CommitmentPair<P>,
        value: &Element<P>,
    ) -> Scalar<P>;
}
