//! An append-only Merkle tree in memory that proves inclusion and consistency for every size it
//! has had (RFC 9162 §2.1).
//!
//! The tree stores the hash of every complete, aligned subtree: level 0 holds the leaf hashes,
//! level `l` the hashes of the subtrees of `2^l` leaves starting at multiples of `2^l`. These
//! never change once written, so the root of any earlier size, and its proofs, are built from
//! them: a tree of size n is at most log2(n) complete subtrees (the binary digits of n), and a
//! proof needs at most one subtree that is not complete. Roots and proofs therefore cost
//! O(log n) hashes; memory is about 2n hashes (64 MB for a million leaves).

use crate::hash::{node_hash, Hash};
use crate::shape::{consistency_ranges, inclusion_ranges, split, Range};
use std::fmt;

/// An append-only Merkle tree of leaf hashes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tree {
    /// `levels[l][i]` is MTH of the leaves `[i * 2^l, (i + 1) * 2^l)`.
    levels: Vec<Vec<Hash>>,
}

/// Why a tree cannot produce a root or a proof.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TreeError {
    /// The requested size is larger than the tree.
    SizeBeyondTree {
        /// The size requested.
        size: u64,
        /// The number of leaves in the tree.
        tree_size: u64,
    },
    /// The leaf index is not below the size of the tree it should be in.
    IndexOutOfRange {
        /// The leaf index requested.
        index: u64,
        /// The tree size it was requested in.
        size: u64,
    },
    /// A consistency proof was requested from a larger tree to a smaller one.
    SizesOutOfOrder {
        /// The size of the older tree.
        old_size: u64,
        /// The size of the newer tree.
        new_size: u64,
    },
    /// A stored node is missing: the tree's invariant is broken (a bug, never bad input).
    MissingNode {
        /// The level of the node (0 = leaves).
        level: u32,
        /// Its index within that level.
        index: u64,
    },
}

impl fmt::Display for TreeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TreeError::SizeBeyondTree { size, tree_size } => {
                write!(
                    f,
                    "tree size {size} is beyond the {tree_size} leaves of the log"
                )
            }
            TreeError::IndexOutOfRange { index, size } => {
                write!(f, "leaf index {index} is not in a tree of size {size}")
            }
            TreeError::SizesOutOfOrder { old_size, new_size } => write!(
                f,
                "no consistency proof from size {old_size} to the smaller size {new_size}"
            ),
            TreeError::MissingNode { level, index } => {
                write!(
                    f,
                    "internal error: node {index} of level {level} is missing"
                )
            }
        }
    }
}

impl std::error::Error for TreeError {}

impl Tree {
    /// An empty tree.
    pub fn new() -> Tree {
        Tree::default()
    }

    /// A tree of the given leaf hashes, in order: how a board rebuilds its log at startup.
    pub fn from_leaf_hashes<I: IntoIterator<Item = Hash>>(leaf_hashes: I) -> Tree {
        let mut tree = Tree::new();
        for h in leaf_hashes {
            tree.append(h);
        }
        tree
    }

    /// The number of leaves.
    pub fn size(&self) -> u64 {
        self.levels.first().map_or(0, |leaves| leaves.len() as u64)
    }

    /// Appends a leaf hash (compute it with [`crate::leaf_hash`]) and returns its index.
    /// Amortised O(1) hashes.
    pub fn append(&mut self, leaf_hash: Hash) -> u64 {
        let index = self.size();
        let mut carry = leaf_hash;
        let mut level = 0usize;
        loop {
            if self.levels.len() <= level {
                self.levels.push(Vec::new());
            }
            let Some(row) = self.levels.get_mut(level) else {
                break;
            };
            row.push(carry);
            // An even count means the new node completed a pair: its parent is now complete.
            if row.len() % 2 == 1 {
                break;
            }
            let Some(left) = row.len().checked_sub(2).and_then(|i| row.get(i)) else {
                break;
            };
            carry = node_hash(left, &carry);
            level += 1;
        }
        index
    }

    /// The leaf hash at `index`, if the tree has it.
    pub fn leaf(&self, index: u64) -> Option<Hash> {
        let i = usize::try_from(index).ok()?;
        self.levels.first()?.get(i).copied()
    }

    /// The root of the whole tree, `MTH(D[0:size])` (RFC 9162 §2.1.1).
    pub fn root(&self) -> Hash {
        // The full size is always within the tree, and a missing node is impossible by
        // construction; fall back to the empty root rather than panic.
        self.root_at(self.size())
            .unwrap_or_else(|_| Hash::empty_root())
    }

    /// The root the tree had when it held `size` leaves, `MTH(D[0:size])` (RFC 9162 §2.1.1).
    pub fn root_at(&self, size: u64) -> Result<Hash, TreeError> {
        self.check_size(size)?;
        if size == 0 {
            return Ok(Hash::empty_root());
        }
        self.subtree(Range {
            start: 0,
            len: size,
        })
    }

    /// The inclusion proof `PATH(index, D[0:size])` (RFC 9162 §2.1.3.1) of leaf `index` in the
    /// tree of the first `size` leaves, leaf level first.
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, TreeError> {
        self.check_size(size)?;
        if index >= size {
            return Err(TreeError::IndexOutOfRange { index, size });
        }
        inclusion_ranges(index, size)
            .into_iter()
            .map(|r| self.subtree(r))
            .collect()
    }

    /// The consistency proof `PROOF(old_size, D[0:new_size])` (RFC 9162 §2.1.4.1) that the tree
    /// of `old_size` leaves is a prefix of the tree of `new_size` leaves. Empty when the sizes
    /// are equal or the old tree is empty (see [`crate::verify_consistency`]).
    pub fn consistency_proof(&self, old_size: u64, new_size: u64) -> Result<Vec<Hash>, TreeError> {
        self.check_size(new_size)?;
        if old_size > new_size {
            return Err(TreeError::SizesOutOfOrder { old_size, new_size });
        }
        if old_size == 0 || old_size == new_size {
            return Ok(Vec::new());
        }
        consistency_ranges(old_size, new_size)
            .into_iter()
            .map(|r| self.subtree(r))
            .collect()
    }

    fn check_size(&self, size: u64) -> Result<(), TreeError> {
        let tree_size = self.size();
        if size > tree_size {
            return Err(TreeError::SizeBeyondTree { size, tree_size });
        }
        Ok(())
    }

    /// MTH of a range of the RFC 9162 recursion (`len >= 1`, `start` aligned, within the tree).
    fn subtree(&self, range: Range) -> Result<Hash, TreeError> {
        if range.len.is_power_of_two() {
            return self.node(
                range.len.trailing_zeros(),
                range.start >> range.len.trailing_zeros(),
            );
        }
        // Not complete: MTH = HASH(0x01 || MTH(left k leaves) || MTH(rest)), and the rest is
        // again a range of the recursion. Depth is at most 64.
        let k = split(range.len);
        let left = self.subtree(Range {
            start: range.start,
            len: k,
        })?;
        let right = self.subtree(Range {
            start: range.start + k,
            len: range.len - k,
        })?;
        Ok(node_hash(&left, &right))
    }

    fn node(&self, level: u32, index: u64) -> Result<Hash, TreeError> {
        let missing = TreeError::MissingNode { level, index };
        let l = usize::try_from(level).map_err(|_| missing.clone())?;
        let i = usize::try_from(index).map_err(|_| missing.clone())?;
        self.levels
            .get(l)
            .and_then(|row| row.get(i))
            .copied()
            .ok_or(missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::leaf_hash;

    /// MTH straight from the recursive definition of RFC 9162 §2.1.1, as an independent check.
    fn mth(leaves: &[Hash]) -> Hash {
        match leaves.len() {
            0 => Hash::empty_root(),
            1 => leaves[0],
            n => {
                let k = split(n as u64) as usize;
                node_hash(&mth(&leaves[..k]), &mth(&leaves[k..]))
            }
        }
    }

    fn leaves(n: u64) -> Vec<Hash> {
        (0..n).map(|i| leaf_hash(&i.to_be_bytes())).collect()
    }

    #[test]
    fn roots_of_every_prefix_match_the_definition() {
        let ls = leaves(70);
        let tree = Tree::from_leaf_hashes(ls.iter().copied());
        assert_eq!(tree.size(), 70);
        for n in 0..=70 {
            assert_eq!(tree.root_at(n).unwrap(), mth(&ls[..n as usize]), "size {n}");
        }
        assert_eq!(tree.root(), mth(&ls));
    }

    #[test]
    fn append_returns_indices_and_keeps_leaves() {
        let mut t = Tree::new();
        assert_eq!(t.root(), Hash::empty_root());
        for (i, h) in leaves(5).into_iter().enumerate() {
            assert_eq!(t.append(h), i as u64);
            assert_eq!(t.leaf(i as u64), Some(h));
        }
        assert_eq!(t.leaf(5), None);
        assert_eq!(t.leaf(u64::MAX), None);
    }

    #[test]
    fn out_of_range_requests_are_errors() {
        let t = Tree::from_leaf_hashes(leaves(5));
        assert_eq!(
            t.root_at(6),
            Err(TreeError::SizeBeyondTree {
                size: 6,
                tree_size: 5
            })
        );
        assert_eq!(
            t.inclusion_proof(3, 3),
            Err(TreeError::IndexOutOfRange { index: 3, size: 3 })
        );
        assert_eq!(
            t.inclusion_proof(0, 0),
            Err(TreeError::IndexOutOfRange { index: 0, size: 0 })
        );
        assert_eq!(
            t.inclusion_proof(0, 9),
            Err(TreeError::SizeBeyondTree {
                size: 9,
                tree_size: 5
            })
        );
        assert_eq!(
            t.consistency_proof(4, 2),
            Err(TreeError::SizesOutOfOrder {
                old_size: 4,
                new_size: 2
            })
        );
        assert_eq!(t.consistency_proof(3, 3), Ok(vec![]));
        assert_eq!(t.consistency_proof(0, 5), Ok(vec![]));
    }

    #[test]
    fn a_million_leaves() {
        let n = 1u64 << 20;
        let mut t = Tree::new();
        for i in 0..n {
            t.append(leaf_hash(&i.to_le_bytes()));
        }
        let root = t.root();
        let p = t.inclusion_proof(n - 3, n).unwrap();
        assert_eq!(p.len(), 20);
        crate::verify_inclusion(&t.leaf(n - 3).unwrap(), n - 3, n, &p, &root).unwrap();
        let old = 777_777;
        let c = t.consistency_proof(old, n).unwrap();
        crate::verify_consistency(old, &t.root_at(old).unwrap(), n, &root, &c).unwrap();
    }
}
