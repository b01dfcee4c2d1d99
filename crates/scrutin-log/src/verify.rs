//! Verification of inclusion and consistency proofs (RFC 9162 §2.1.3.2 and §2.1.4.2).
//!
//! Both follow the RFC's algorithms step by step. Before running them the proof's length is
//! checked against the length the sizes imply, so a short or long proof is reported as such
//! rather than as a root mismatch.

use crate::hash::{node_hash, Hash};
use crate::shape::{consistency_ranges, inclusion_ranges};
use std::fmt;

/// Why an inclusion or consistency proof was rejected.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProofError {
    /// The leaf index is not below the tree size (this includes every index in an empty tree).
    IndexOutOfRange {
        /// The leaf index claimed.
        index: u64,
        /// The tree size claimed.
        size: u64,
    },
    /// The old tree is larger than the new one: logs only grow.
    SizesOutOfOrder {
        /// The size of the older tree.
        old_size: u64,
        /// The size of the newer tree.
        new_size: u64,
    },
    /// The proof does not have the number of hashes its sizes and index require.
    WrongLength {
        /// The number of hashes a proof for these sizes has.
        expected: usize,
        /// The number of hashes given.
        found: usize,
    },
    /// The inclusion proof leads to a root other than the one claimed.
    RootMismatch {
        /// The root the proof leads to.
        computed: Hash,
        /// The root claimed.
        expected: Hash,
    },
    /// The consistency proof does not lead back to the old root.
    OldRootMismatch {
        /// The old root the proof leads to.
        computed: Hash,
        /// The old root claimed.
        expected: Hash,
    },
    /// The consistency proof does not lead to the new root (for equal sizes: the two roots
    /// differ).
    NewRootMismatch {
        /// The new root the proof leads to.
        computed: Hash,
        /// The new root claimed.
        expected: Hash,
    },
}

impl fmt::Display for ProofError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProofError::IndexOutOfRange { index, size } => {
                write!(f, "leaf index {index} is not in a tree of size {size}")
            }
            ProofError::SizesOutOfOrder { old_size, new_size } => {
                write!(
                    f,
                    "old tree size {old_size} is larger than new tree size {new_size}"
                )
            }
            ProofError::WrongLength { expected, found } => {
                write!(f, "proof has {found} hashes, these sizes need {expected}")
            }
            ProofError::RootMismatch { computed, expected } => write!(
                f,
                "inclusion proof leads to root {computed}, not the claimed root {expected}"
            ),
            ProofError::OldRootMismatch { computed, expected } => write!(
                f,
                "consistency proof leads to old root {computed}, not the claimed {expected}"
            ),
            ProofError::NewRootMismatch { computed, expected } => write!(
                f,
                "consistency proof leads to new root {computed}, not the claimed {expected}"
            ),
        }
    }
}

impl std::error::Error for ProofError {}

fn check_length(expected: usize, proof: &[Hash]) -> Result<(), ProofError> {
    if proof.len() != expected {
        return Err(ProofError::WrongLength {
            expected,
            found: proof.len(),
        });
    }
    Ok(())
}

/// Right-shifts `fn` and `sn` together until the low bit of `fn` is set or `fn` is 0: the
/// step of RFC 9162 §2.1.3.2 and §2.1.4.2 that skips levels where the node has no sibling.
fn skip_lonely_levels(fnum: &mut u64, snum: &mut u64) {
    while *fnum & 1 == 0 && *fnum != 0 {
        *fnum >>= 1;
        *snum >>= 1;
    }
}

/// Checks that `leaf_hash` is leaf `index` of the tree of `size` leaves whose root is `root`,
/// with the algorithm of RFC 9162 §2.1.3.2.
///
/// Take `size` and `root` from the same signed checkpoint: the proof binds the size only
/// through the root. Against the root of a different size a proof can pass (the proof of
/// leaf 1 among 5 leaves also passes as leaf 1 among 6 leaves with the 5-leaf root, although
/// no 6-leaf tree has that root).
pub fn verify_inclusion(
    leaf_hash: &Hash,
    index: u64,
    size: u64,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), ProofError> {
    // Step 1: "Compare leaf_index from the inclusion_proof_v2 structure against tree_size. If
    // leaf_index is greater than or equal to tree_size, then fail".
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    check_length(inclusion_ranges(index, size).len(), proof)?;
    // Steps 2-3.
    let (mut fnum, mut snum) = (index, size - 1);
    let mut r = *leaf_hash;
    // Step 4.
    for p in proof {
        if snum == 0 {
            return Err(ProofError::WrongLength {
                expected: proof.len() - 1,
                found: proof.len(),
            });
        }
        if fnum & 1 == 1 || fnum == snum {
            r = node_hash(p, &r);
            if fnum & 1 == 0 {
                skip_lonely_levels(&mut fnum, &mut snum);
            }
        } else {
            r = node_hash(&r, p);
        }
        fnum >>= 1;
        snum >>= 1;
    }
    // Step 5.
    if snum != 0 {
        return Err(ProofError::WrongLength {
            expected: proof.len() + 1,
            found: proof.len(),
        });
    }
    if r != *root {
        return Err(ProofError::RootMismatch {
            computed: r,
            expected: *root,
        });
    }
    Ok(())
}

/// Checks that the tree of `old_size` leaves with root `old_root` is a prefix of the tree of
/// `new_size` leaves with root `new_root`, with the algorithm of RFC 9162 §2.1.4.2.
///
/// RFC 9162 defines consistency proofs for `0 < old_size < new_size` only. The other cases are
/// decided here as follows: equal sizes need an empty proof and equal roots; an empty old tree
/// (whose root must be SHA-256 of the empty string) is a prefix of every tree, with an empty
/// proof. (The transparency-dev/merkle Go verifier rejects the empty old tree instead; its
/// vectors for that case are the only ones this function answers differently.)
pub fn verify_consistency(
    old_size: u64,
    old_root: &Hash,
    new_size: u64,
    new_root: &Hash,
    proof: &[Hash],
) -> Result<(), ProofError> {
    if old_size > new_size {
        return Err(ProofError::SizesOutOfOrder { old_size, new_size });
    }
    if old_size == 0 {
        check_length(0, proof)?;
        let empty = Hash::empty_root();
        if *old_root != empty {
            return Err(ProofError::OldRootMismatch {
                computed: empty,
                expected: *old_root,
            });
        }
        return Ok(());
    }
    if old_size == new_size {
        check_length(0, proof)?;
        if old_root != new_root {
            return Err(ProofError::NewRootMismatch {
                computed: *old_root,
                expected: *new_root,
            });
        }
        return Ok(());
    }
    // Step 1 ("If consistency_path is an empty array, stop and fail") is covered by the
    // length check: for 0 < old < new the expected length is at least 1.
    check_length(consistency_ranges(old_size, new_size).len(), proof)?;
    // Step 2: when the old tree is a complete subtree its root is the path's first node.
    let mut path = proof.iter();
    let first = if old_size.is_power_of_two() {
        *old_root
    } else {
        match path.next() {
            Some(h) => *h,
            None => {
                return Err(ProofError::WrongLength {
                    expected: 1,
                    found: 0,
                })
            }
        }
    };
    // Steps 3-5.
    let (mut fnum, mut snum) = (old_size - 1, new_size - 1);
    while fnum & 1 == 1 {
        fnum >>= 1;
        snum >>= 1;
    }
    let (mut fr, mut sr) = (first, first);
    // Step 6.
    for c in path {
        if snum == 0 {
            return Err(ProofError::WrongLength {
                expected: proof.len() - 1,
                found: proof.len(),
            });
        }
        if fnum & 1 == 1 || fnum == snum {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            if fnum & 1 == 0 {
                skip_lonely_levels(&mut fnum, &mut snum);
            }
        } else {
            sr = node_hash(&sr, c);
        }
        fnum >>= 1;
        snum >>= 1;
    }
    // Step 7.
    if snum != 0 {
        return Err(ProofError::WrongLength {
            expected: proof.len() + 1,
            found: proof.len(),
        });
    }
    if fr != *old_root {
        return Err(ProofError::OldRootMismatch {
            computed: fr,
            expected: *old_root,
        });
    }
    if sr != *new_root {
        return Err(ProofError::NewRootMismatch {
            computed: sr,
            expected: *new_root,
        });
    }
    Ok(())
}
