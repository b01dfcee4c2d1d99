//! The messages guardians exchange, through the administrator, during one decryption batch
//! (§3.6.5). Each message covers every item of the batch, in the batch's order, so a whole
//! tally takes one message per guardian per round.

use crate::group::{Element, ParameterSet, Scalar};
use crate::hash::HValue;

/// A guardian's commitment pair (a_i, b_i) = (g^(u_i), A^(u_i)) (equations 87 and 98), or the
/// accumulated pair (a, b) (equations 89 and 100).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommitmentPair<P: ParameterSet> {
    /// a = g^u.
    pub a: Element<P>,
    /// b = A^u (or C0^u).
    pub b: Element<P>,
}

/// Round 1 entry for one item: the partial decryption and the hash that binds the guardian to
/// its commitment pair before it sees anyone else's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemCommitment<P: ParameterSet> {
    /// M_i = A^(z_i) (equation 84) or m_i = C0^(ẑ_i) (equations 96, 107).
    pub partial: Element<P>,
    /// d_i (equation 88 or 99).
    pub commitment: HValue,
}

/// Round 1: guardian i's partial decryptions and commitment hashes for every item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommitmentMessage<P: ParameterSet> {
    /// The sender i.
    pub guardian: u32,
    /// One entry per item, in batch order.
    pub items: Vec<ItemCommitment<P>>,
}

/// Round 2, sent only after every d_j has arrived: guardian i's commitment pairs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevealMessage<P: ParameterSet> {
    /// The sender i.
    pub guardian: u32,
    /// (a_i, b_i) per item, in batch order.
    pub pairs: Vec<CommitmentPair<P>>,
}

/// Round 3: guardian i's responses v_i = u_i − c_i·z_i (equations 92 and 102).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseMessage<P: ParameterSet> {
    /// The sender i.
    pub guardian: u32,
    /// v_i per item, in batch order.
    pub responses: Vec<Scalar<P>>,
}

/// What the collecting code needs of every message.
pub(crate) trait Message {
    fn sender(&self) -> u32;
    fn entries(&self) -> usize;
}

impl<P: ParameterSet> Message for CommitmentMessage<P> {
    fn sender(&self) -> u32 {
        self.guardian
    }
    fn entries(&self) -> usize {
        self.items.len()
    }
}

impl<P: ParameterSet> Message for RevealMessage<P> {
    fn sender(&self) -> u32 {
        self.guardian
    }
    fn entries(&self) -> usize {
        self.pairs.len()
    }
}

impl<P: ParameterSet> Message for ResponseMessage<P> {
    fn sender(&self) -> u32 {
        self.guardian
    }
    fn entries(&self) -> usize {
        self.responses.len()
    }
}
